"""One margin account's state, computed with the SDK's exact health mirror.

Every amount is an integer in quote native units unless named otherwise; ``slot`` is
the newest slot among the accounts the answer was computed from.
"""

from __future__ import annotations

import asyncio
from typing import Any

from kairos import errors
from kairos.accounts import (
    Auction,
    CollateralAsset,
    Exchange,
    MarginAccount,
    Oracle,
    PerpMarket,
    ScheduledOrder,
    TriggerOrder,
    TwapOrder,
)
from kairos.constants import Side
from kairos.math.health import (
    HealthContext,
    collateral_value,
    pending_socialized_loss,
    price_per_lot,
)
from solders.pubkey import Pubkey

from kairos_service.state.chain import ChainCache


class UnknownAccountError(LookupError):
    """No Kairos margin account at that address."""


def _one(cache: ChainCache, cls: type[Any]) -> Any:
    for versioned in cache.accounts.values():
        if isinstance(versioned.account, cls):
            return versioned
    raise UnknownAccountError(f"no {cls.__name__} account is known")


async def account_state(cache: ChainCache, address: Pubkey) -> dict[str, Any]:
    """The state of one margin account (raises :class:`UnknownAccountError`)."""
    if not cache.ready.is_set():
        if cache.following:
            # The subscription is (re)loading: answer from a complete set of accounts.
            await asyncio.wait_for(cache.ready.wait(), timeout=30)
        elif not cache.of_type(Exchange):
            await cache.load()  # no subscription in this process: read once
    await cache.ensure([address])
    versioned = cache.accounts.get(address)
    if versioned is None or not isinstance(versioned.account, MarginAccount):
        raise UnknownAccountError(f"{address} is not a Kairos margin account")
    account: MarginAccount = versioned.account
    exchange_v = _one(cache, Exchange)
    exchange: Exchange = exchange_v.account
    assets_v = {v.account.index: v for v in cache.of_type(CollateralAsset).values()}
    markets_v = {v.account.index: v for v in cache.of_type(PerpMarket).values()}
    oracles_v = {k: v for k, v in cache.of_type(Oracle).items()}
    assets: dict[int, CollateralAsset] = {i: v.account for i, v in assets_v.items()}
    markets: dict[int, PerpMarket] = {i: v.account for i, v in markets_v.items()}
    oracles: dict[Pubkey, Oracle] = {k: v.account for k, v in oracles_v.items()}
    used_slots = [versioned.slot, exchange_v.slot]
    quote_decimals = exchange.quote_decimals
    current_slot = max(cache.slot, versioned.slot)

    collateral: list[dict[str, Any]] = []
    collateral_total = account.quote_balance
    for held in account.active_collateral():
        asset = assets[held.asset_index]
        oracle = oracles[asset.oracle]
        used_slots += [assets_v[held.asset_index].slot, oracles_v[asset.oracle].slot]
        value = collateral_value(
            held.amount, oracle.price, exponent=oracle.exponent,
            quote_decimals=quote_decimals, asset_decimals=asset.decimals,
        )  # fmt: skip
        collateral_total += value
        collateral.append({
            "asset_index": held.asset_index, "mint": str(asset.mint),
            "amount": held.amount, "oracle_price": oracle.price,
            "oracle_exponent": oracle.exponent, "value": value,
        })  # fmt: skip

    context = HealthContext(account, assets, markets, oracles, quote_decimals, current_slot)
    positions: list[dict[str, Any]] = []
    unrealized_total = 0
    unsettled_total = 0
    locked_orders = 0
    for position in account.active_perp_positions():
        market = markets[position.market_index]
        oracle = oracles[market.oracle]
        used_slots += [markets_v[position.market_index].slot, oracles_v[market.oracle].slot]
        mark = price_per_lot(
            oracle.price, exponent=oracle.exponent, base_lot_size=market.base_lot_size,
            quote_decimals=quote_decimals, base_decimals=market.base_decimals,
        )  # fmt: skip
        owed = pending_socialized_loss(position, market)
        unrealized = position.base_lots * mark - position.cost_basis
        unsettled = position.base_lots * mark + position.quote_position - owed
        unrealized_total += unrealized
        unsettled_total += unsettled
        locked_orders += position.bids_quote + position.asks_quote
        entry = position.cost_basis // position.base_lots if position.base_lots else 0
        try:
            liquidation_price = context.liquidation_price(position.market_index)
        except errors.KairosError:
            liquidation_price = None
        positions.append({
            "market_index": position.market_index, "market": market.name_str,
            "base_lots": position.base_lots, "entry_price_per_lot": entry,
            "mark_price_per_lot": mark, "cost_basis": position.cost_basis,
            "quote_position": position.quote_position, "unrealized_pnl": unrealized,
            "unsettled_pnl": unsettled, "realized_pnl": position.realized_pnl,
            "socialized_loss_owed": owed, "bids_base_lots": position.bids_base_lots,
            "asks_base_lots": position.asks_base_lots, "bids_quote": position.bids_quote,
            "asks_quote": position.asks_quote, "oracle_price": oracle.price,
            "oracle_exponent": oracle.exponent,
            "liquidation_oracle_price": liquidation_price,
        })  # fmt: skip

    health: dict[str, Any]
    try:
        breakdown = context.breakdown()
        health = {
            "init": breakdown.init, "maint": breakdown.maint,
            "margin_in_use": breakdown.maint_requirement,
            "weighted_collateral": breakdown.weighted_collateral,
            "free_collateral": max(breakdown.init, 0),
            "utilization_bps": breakdown.utilization_bps,
            "liquidatable": breakdown.maint < 0, "error": None,
        }  # fmt: skip
    except errors.KairosError as exc:
        health = {"error": f"{type(exc).__name__}: {exc}"}

    orders = [
        {
            "order_id": str(order.order_id), "client_order_id": order.client_order_id,
            "market_index": order.market_index, "side": Side(order.side).name.lower(),
            "price": order.price,
        }  # fmt: skip
        for order in account.active_open_orders()
    ]
    triggers, twaps, schedules, auctions = [], [], [], []
    escrow_lamports = 0
    for key, item in cache.accounts.items():
        acc = item.account
        if isinstance(acc, TriggerOrder) and acc.margin_account == address:
            triggers.append({
                "address": str(key), "id": acc.id, "market_index": acc.market_index,
                "side": Side(acc.side).name.lower(), "kind": acc.kind,
                "trigger_price": acc.trigger_price, "max_base_lots": acc.max_base_lots,
            })  # fmt: skip
        elif isinstance(acc, TwapOrder) and acc.margin_account == address:
            escrow_lamports += item.lamports
            twaps.append({
                "address": str(key), "twap_id": acc.twap_id, "market_index": acc.market_index,
                "total_base_lots": acc.total_base_lots, "filled_base_lots": acc.filled_base_lots,
                "escrow_lamports": item.lamports,
            })  # fmt: skip
        elif isinstance(acc, ScheduledOrder) and acc.margin_account == address:
            escrow_lamports += item.lamports
            schedules.append({
                "address": str(key), "schedule_id": acc.schedule_id,
                "market_index": acc.market_index, "next_run_time": acc.next_run_time,
                "escrow_lamports": item.lamports,
            })  # fmt: skip
        elif isinstance(acc, Auction) and acc.taker_margin_account == address:
            auctions.append({
                "address": str(key), "auction_id": acc.auction_id,
                "market_index": acc.market_index, "size_lots": acc.size_lots,
                "limit_price": acc.limit_price, "deadline_slot": acc.deadline_slot,
            })  # fmt: skip
    equity = collateral_total + unsettled_total
    return {
        "margin_account": str(address),
        "owner": str(account.owner),
        "slot": max(used_slots),
        "quote_decimals": quote_decimals,
        "quote_balance": account.quote_balance,
        "collateral": collateral,
        "collateral_value": collateral_total,
        "equity": equity,
        "unrealized_pnl": unrealized_total,
        "unsettled_pnl": unsettled_total,
        "health": health,
        "locked": {
            "open_orders_quote": locked_orders,
            "auctions": len(auctions),
            "escrow_lamports": escrow_lamports,
        },
        "being_liquidated": bool(account.being_liquidated),
        "positions": positions,
        "orders": orders,
        "trigger_orders": triggers,
        "twap_orders": twaps,
        "scheduled_orders": schedules,
        "auctions": auctions,
        "stats": {
            "volume_quote": account.stats.volume_quote, "fees_paid": account.stats.fees_paid,
            "realized_pnl": account.stats.realized_pnl, "fill_count": account.stats.fill_count,
        },  # fmt: skip
    }
