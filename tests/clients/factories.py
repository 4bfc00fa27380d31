"""Synthetic Kairos accounts for SDK unit tests (no chain needed)."""

from __future__ import annotations

from collections.abc import Sequence

from kairos.accounts import (
    AccountStats,
    BookOrder,
    CollateralAsset,
    CollateralPosition,
    Exchange,
    MarginAccount,
    OpenOrder,
    Oracle,
    Orderbook,
    PerpMarket,
    PerpPosition,
)
from kairos.constants import (
    BOOK_SIDE_CAPACITY,
    MAX_COLLATERAL_POSITIONS,
    MAX_OPEN_ORDERS,
    MAX_PERP_POSITIONS,
)
from solders.pubkey import Pubkey

EMPTY_COLLATERAL = CollateralPosition(amount=0, asset_index=0, active=0)
EMPTY_PERP = PerpPosition(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
EMPTY_ORDER = OpenOrder(0, 0, 0, 0, 0, 0)
EMPTY_BOOK_ORDER = BookOrder(0, 0, 0, 0, 0, Pubkey.default(), 0)


def oracle(
    price: int,
    confidence: int = 0,
    exponent: int = -6,
    publish_slot: int = 100,
    authority: Pubkey | None = None,
    seed: int = 0,
) -> Oracle:
    return Oracle(
        authority=authority or Pubkey.default(),
        price=price,
        confidence=confidence,
        publish_slot=publish_slot,
        publish_time=0,
        seed=seed,
        exponent=exponent,
        bump=255,
    )


def asset(
    index: int,
    oracle_key: Pubkey,
    *,
    decimals: int = 9,
    init_weight: int = 8_000,
    maint_weight: int = 9_000,
    max_staleness: int = 100,
    max_confidence_bps: int = 500,
    mint: Pubkey | None = None,
) -> CollateralAsset:
    return CollateralAsset(
        mint=mint or Pubkey.new_unique(),
        vault=Pubkey.new_unique(),
        oracle=oracle_key,
        deposit_cap=2**64 - 1,
        total_deposits=0,
        max_staleness_slots=max_staleness,
        init_asset_weight_bps=init_weight,
        maint_asset_weight_bps=maint_weight,
        max_confidence_bps=max_confidence_bps,
        index=index,
        decimals=decimals,
        bump=255,
        vault_bump=255,
    )


def market(
    index: int,
    oracle_key: Pubkey,
    *,
    base_lot_size: int = 10_000_000,
    tick_size: int = 100,
    base_decimals: int = 9,
    init_margin: int = 1_000,
    maint_margin: int = 500,
    init_pnl_weight: int = 10_000,
    max_staleness: int = 100,
    max_confidence_bps: int = 500,
    name: str = "SOL-PERP",
) -> PerpMarket:
    return PerpMarket(
        name=name.encode().ljust(16, b"\0"),
        oracle=oracle_key,
        orderbook=Pubkey.new_unique(),
        event_queue=Pubkey.new_unique(),
        base_lot_size=base_lot_size,
        tick_size=tick_size,
        min_order_lots=1,
        open_interest_cap_lots=2**64 - 1,
        open_interest_lots=0,
        next_order_id=1,
        fees_accrued=0,
        pnl_pool=0,
        crank_lamports=0,
        max_staleness_slots=max_staleness,
        init_margin_bps=init_margin,
        maint_margin_bps=maint_margin,
        init_pnl_weight_bps=init_pnl_weight,
        taker_fee_bps=5,
        maker_fee_bps=0,
        max_confidence_bps=max_confidence_bps,
        index=index,
        base_decimals=base_decimals,
        bump=255,
    )


def perp(
    market_index: int,
    base_lots: int = 0,
    quote_position: int = 0,
    *,
    bids_base_lots: int = 0,
    bids_quote: int = 0,
    asks_base_lots: int = 0,
    asks_quote: int = 0,
) -> PerpPosition:
    return PerpPosition(
        base_lots=base_lots,
        quote_position=quote_position,
        cost_basis=0,
        realized_pnl=0,
        bids_base_lots=bids_base_lots,
        asks_base_lots=asks_base_lots,
        bids_quote=bids_quote,
        asks_quote=asks_quote,
        market_index=market_index,
        active=1,
    )


def margin_account(
    quote_balance: int = 0,
    collateral: Sequence[CollateralPosition | None] = (),
    perps: Sequence[PerpPosition | None] = (),
    orders: Sequence[OpenOrder] = (),
    owner: Pubkey | None = None,
) -> MarginAccount:
    """A margin account; None entries leave a free slot at that position."""
    slots = [c or EMPTY_COLLATERAL for c in collateral]
    slots += [EMPTY_COLLATERAL] * (MAX_COLLATERAL_POSITIONS - len(slots))
    perp_slots = [p or EMPTY_PERP for p in perps]
    perp_slots += [EMPTY_PERP] * (MAX_PERP_POSITIONS - len(perp_slots))
    order_slots = list(orders) + [EMPTY_ORDER] * (MAX_OPEN_ORDERS - len(orders))
    return MarginAccount(
        owner=owner or Pubkey.new_unique(),
        quote_balance=quote_balance,
        account_index=0,
        bump=255,
        being_liquidated=0,
        collateral=tuple(slots),
        perp_positions=tuple(perp_slots),
        open_orders=tuple(order_slots),
        stats=AccountStats(0, 0, 0, 0),
    )


def holding(asset_index: int, amount: int) -> CollateralPosition:
    return CollateralPosition(amount=amount, asset_index=asset_index, active=1)


def exchange(quote_mint: Pubkey | None = None, quote_decimals: int = 6) -> Exchange:
    return Exchange(
        admin=Pubkey.new_unique(),
        quote_mint=quote_mint or Pubkey.new_unique(),
        quote_vault=Pubkey.new_unique(),
        insurance_vault=Pubkey.new_unique(),
        instruction_gate=0,
        keeper_reward_lamports=5_000,
        collateral_asset_count=1,
        perp_market_count=1,
        quote_decimals=quote_decimals,
        bump=255,
        version=1,
    )


def orderbook(
    bids: Sequence[BookOrder], asks: Sequence[BookOrder], market_key: Pubkey | None = None
) -> Orderbook:
    """A book from its live entries, given in storage order (worst first, best last)."""
    pad = [EMPTY_BOOK_ORDER]
    return Orderbook(
        market=market_key or Pubkey.new_unique(),
        bid_count=len(bids),
        ask_count=len(asks),
        bids=tuple(list(bids) + pad * (BOOK_SIDE_CAPACITY - len(bids))),
        asks=tuple(list(asks) + pad * (BOOK_SIDE_CAPACITY - len(asks))),
    )
