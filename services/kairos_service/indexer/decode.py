"""From one decoded Kairos event to the rows it adds (pure functions, no I/O).

A fill is recorded once per margin account and side: the taker's from ``OrderPlaced``
(every order path, including trigger, TWAP and scheduled runs, goes through
``execute_order``, which emits it), the maker's from ``OrderFilled`` (the program
applies it at the crank, but the price and size are fixed at the match), the
auction's provider and taker from ``AuctionFilled`` (the taker's fee from
``AuctionSettled``) and a liquidation's transfer from ``PerpLiquidated``; funding a
position settled (``FundingPaid``) is a row with no lots, ``quote = -amount``. Maker fees
and rebates of book fills are applied by the crank and carry no per-fill event, so
they are not in the fill rows (documented in docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from kairos.constants import Side
from kairos.events import (
    AuctionFilled,
    AuctionSettled,
    CollateralAssetAdded,
    Deposited,
    FundingPaid,
    KairosEvent,
    MarginAccountClosed,
    MarginAccountCreated,
    OracleCreated,
    OracleUpdated,
    OrderFilled,
    OrderPlaced,
    PerpLiquidated,
    PerpMarketCreated,
    Withdrawn,
)
from kairos.pda import perp_market_address
from solders.pubkey import Pubkey

# Fields that name the margin account an event belongs to, most specific first.
ACCOUNT_FIELDS = ("margin_account", "liqee", "taker_margin_account", "taker", "maker")
MARKET_FIELDS = ("market",)


def jsonable(event: KairosEvent) -> dict[str, Any]:
    """Event fields as JSON-ready values (pubkeys as base58, ints exact)."""
    out: dict[str, Any] = {}
    for field in dataclasses.fields(event):  # type: ignore[arg-type]
        value = getattr(event, field.name)
        out[field.name] = str(value) if isinstance(value, Pubkey) else value
    return out


def columns(event: KairosEvent) -> dict[str, Any]:
    """Event fields for its typed ``ev_*`` table."""
    return jsonable(event)


def primary_account(event: KairosEvent) -> str | None:
    """The margin account an event is filed under (None for exchange-wide events)."""
    for name in ACCOUNT_FIELDS:
        value = getattr(event, name, None)
        if isinstance(value, Pubkey):
            return str(value)
    return None


def related_accounts(event: KairosEvent) -> set[str]:
    """Every margin account an event concerns (both sides of a fill, liquidator too)."""
    names = (*ACCOUNT_FIELDS, "liquidator", "provider")
    return {
        str(value)
        for name in names
        if isinstance(value := getattr(event, name, None), Pubkey) and value != Pubkey.default()
    }


def market_of(event: KairosEvent) -> str | None:
    """The market an event concerns, if any."""
    value = getattr(event, "market", None)
    return str(value) if isinstance(value, Pubkey) else None


@dataclasses.dataclass(frozen=True)
class Fill:
    """One account's side of a fill (see :class:`kairos_service.db.models.FillRow`)."""

    margin_account: str
    market: str
    role: str
    base_lots: int
    quote: int
    fee: int
    source: str


def _signed(side: int, lots: int, quote: int) -> tuple[int, int]:
    # A bid buys base (lots > 0) and pays quote (quote < 0).
    return (lots, -quote) if side == Side.BID else (-lots, quote)


def fills_of(event: KairosEvent, position_of: dict[tuple[str, str], int]) -> list[Fill]:
    """The fills an event records.

    ``position_of[(account, market)]`` is the signed position so far (needed for a
    liquidation, whose event does not say the side).
    """
    if isinstance(event, OrderPlaced) and (event.filled_base_lots or event.taker_fee):
        lots, quote = _signed(event.side, event.filled_base_lots, event.filled_quote)
        return [
            Fill(str(event.margin_account), str(event.market), "taker", lots, quote,
                 event.taker_fee, "OrderPlaced")
        ]  # fmt: skip
    if isinstance(event, OrderFilled):
        maker_side = Side.ASK if event.taker_side == Side.BID else Side.BID
        lots, quote = _signed(maker_side, event.base_lots, event.price * event.base_lots)
        return [Fill(str(event.maker), str(event.market), "maker", lots, quote, 0, "OrderFilled")]
    if isinstance(event, AuctionFilled):
        provider_side = Side.ASK if event.taker_side == Side.BID else Side.BID
        notional = event.price * event.base_lots
        p_lots, p_quote = _signed(provider_side, event.base_lots, notional)
        t_lots, t_quote = _signed(event.taker_side, event.base_lots, notional)
        return [
            Fill(str(event.provider), str(event.market), "auction_provider", p_lots, p_quote,
                 event.maker_fee, "AuctionFilled"),
            Fill(str(event.taker), str(event.market), "auction_taker", t_lots, t_quote, 0,
                 "AuctionFilled"),
        ]  # fmt: skip
    if isinstance(event, FundingPaid) and event.amount:
        # Funding settled into the position's unsettled P&L: paid (> 0) lowers it.
        market = str(perp_market_address(event.market_index))
        return [Fill(str(event.margin_account), market, "funding", 0, -event.amount, 0,
                     "FundingPaid")]  # fmt: skip
    if isinstance(event, AuctionSettled) and event.taker_fee:
        return [Fill(str(event.taker), str(event.market), "auction_fee", 0, 0, event.taker_fee,
                     "AuctionSettled")]  # fmt: skip
    if isinstance(event, PerpLiquidated) and event.base_lots:
        liqee, liquidator, market = str(event.liqee), str(event.liquidator), str(event.market)
        long = position_of.get((liqee, market), 0) > 0
        liqee_side = Side.ASK if long else Side.BID
        liquidator_side = Side.BID if long else Side.ASK
        notional = event.price * event.base_lots
        l_lots, l_quote = _signed(liqee_side, event.base_lots, notional)
        k_lots, k_quote = _signed(liquidator_side, event.base_lots, notional)
        fee = event.liquidation_fee + event.insurance_fee
        return [
            Fill(liqee, market, "liquidated", l_lots, l_quote, fee, "PerpLiquidated"),
            Fill(liquidator, market, "liquidator", k_lots, k_quote, -event.liquidation_fee,
                 "PerpLiquidated"),
        ]  # fmt: skip
    return []


def cash_flow_of(event: KairosEvent) -> tuple[str, str, int] | None:
    """(account, asset, signed amount) of a deposit or withdrawal."""
    if isinstance(event, Deposited):
        return str(event.margin_account), str(event.asset), event.amount
    if isinstance(event, Withdrawn):
        return str(event.margin_account), str(event.asset), -event.amount
    return None


def oracle_price_of(event: KairosEvent) -> tuple[str, int, int, int] | None:
    """(oracle, price, confidence, slot-or-None marker) of a price event."""
    if isinstance(event, OracleUpdated):
        return str(event.oracle), event.price, event.confidence, event.slot
    if isinstance(event, OracleCreated):
        return str(event.oracle), event.price, event.confidence, -1
    return None


__all__ = [
    "CollateralAssetAdded",
    "Fill",
    "MarginAccountClosed",
    "MarginAccountCreated",
    "PerpMarketCreated",
    "cash_flow_of",
    "columns",
    "fills_of",
    "jsonable",
    "market_of",
    "oracle_price_of",
    "primary_account",
    "related_accounts",
]
