"""Liquidation: the program's rules mirrored exactly (pure, no I/O).

docs/ARCHITECTURE.md, "Liquidation". With ``H`` the maintenance health, ``M`` the
maintenance requirement (:class:`kairos.math.health.HealthBreakdown`) and
``β = Exchange.liquidation_buffer_bps / 10,000``:

* the *shortfall* is ``ceil(β × M) − H``; an account is liquidatable when
  ``H < 0``, or when it is flagged ``being_liquidated`` and its shortfall is
  positive;
* ``liquidate_perp`` takes ``ceil((shortfall + 3) × 10^8 / (P × ((maint − fee) ×
  10^4 + β_bps × maint)))`` lots at ``P = floor(oracle price per lot)`` (all of
  them when the position, or its rest, is worth at most
  ``small_position_quote``), capped by the caller's maximum;
* ``liquidate_collateral`` takes ``ceil((shortfall + 3) × A / G)`` of the ``A``
  units held, ``G`` the shortfall gain of selling all of them.

The functions here compute exactly what the program computes, so a keeper can
predict the size and the reward of a liquidation before it sends it (the
instructions are built by :mod:`kairos.instructions`, sent by ``client.liquidation``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from kairos.accounts import CollateralAsset, Exchange, MarginAccount, PerpMarket
from kairos.constants import BPS_DENOMINATOR, SLOT_ACTIVE
from kairos.math.health import (
    HealthBreakdown,
    OraclePrice,
    ceil_div,
    collateral_value,
    floor_div,
    price_per_lot,
)

__all__ = [
    "RECOMMENDED_LIQUIDATION_BUFFER_BPS",
    "CollateralQuote",
    "bankruptcy_market",
    "collateral_liquidation_amount",
    "collateral_purchase",
    "has_open_orders",
    "is_liquidatable",
    "perp_liquidation_fee",
    "perp_liquidation_lots",
    "perp_price",
    "shortfall",
]

RECOMMENDED_LIQUIDATION_BUFFER_BPS = 10_000
"""The liquidation buffer β to configure (``set_liquidation_params``): 100 % of the
maintenance requirement, the program's maximum. Measured with the crash benchmark
(``benchmarks/liquidation_crash.py``, docs/ARCHITECTURE.md "Liquidation target and
buffer"): in a 7 %-a-slot crash a smaller buffer leaves liquidated accounts too
little margin to survive the next slot's move."""

SIZE_ROUNDING_SLACK = 3
"""Quote native units of rounding the program's size formulas absorb."""

FLAG_SET = 1
"""``MarginAccount.being_liquidated`` of an account under liquidation."""


def bankruptcy_market(account: MarginAccount, markets: Mapping[int, PerpMarket]) -> int | None:
    """The market to socialize ``account``'s bankruptcy on (None without a market).

    Among the markets whose settled loss put it in debt (any market if none did), the
    one with the most position lots, so the loss is shared as thinly as allowed.
    """
    allowed = set(account.loss_markets()) or set(markets)
    choices = [market for index, market in markets.items() if index in allowed]
    if not choices:
        return None
    return max(choices, key=lambda market: market.position_lots).index


def shortfall(exchange: Exchange, health: HealthBreakdown) -> int:
    """``ceil(β × M) − H_maint``: positive while the account is below its target."""
    buffer = ceil_div(health.maint_requirement * exchange.liquidation_buffer_bps, BPS_DENOMINATOR)
    return buffer - health.maint


def is_liquidatable(exchange: Exchange, account: MarginAccount, health: HealthBreakdown) -> bool:
    """The program's ``require_liquidatable``."""
    if health.maint < 0:
        return True
    return account.being_liquidated != 0 and shortfall(exchange, health) > 0


def has_open_orders(account: MarginAccount) -> bool:
    """Open orders or reservations left (``liquidate_*`` refuse such an account)."""
    if any(order.active == SLOT_ACTIVE for order in account.open_orders):
        return True
    return any(p.bids_base_lots or p.asks_base_lots for p in account.perp_positions)


def perp_liquidation_lots(
    exchange: Exchange,
    market: PerpMarket,
    *,
    health: HealthBreakdown,
    position_lots: int,
    price: int,
    max_base_lots: int,
) -> int:
    """The lots ``liquidate_perp`` takes; ``price`` is ``P`` (floor per lot)."""
    notional = position_lots * price
    wanted = position_lots
    factor = (
        market.maint_margin_bps - market.liquidation_fee_bps
    ) * BPS_DENOMINATOR + exchange.liquidation_buffer_bps * market.maint_margin_bps
    if notional > exchange.small_position_quote and price != 0:
        needed = ceil_div(
            (shortfall(exchange, health) + SIZE_ROUNDING_SLACK) * BPS_DENOMINATOR**2,
            price * factor,
        )
        if needed < position_lots:
            rest = (position_lots - needed) * price
            wanted = position_lots if rest <= exchange.small_position_quote else needed
    return min(wanted, max_base_lots)


def perp_liquidation_fee(market: PerpMarket, lots: int, price: int) -> int:
    """``floor(l × P × fee / 10,000)``: the liquidator's gross reward."""
    return floor_div(lots * price * market.liquidation_fee_bps, BPS_DENOMINATOR)


def perp_price(market: PerpMarket, oracle: OraclePrice, quote_decimals: int) -> int:
    """``P``: the oracle price per lot, rounded down."""
    return price_per_lot(
        oracle.price,
        exponent=oracle.exponent,
        base_lot_size=market.base_lot_size,
        quote_decimals=quote_decimals,
        base_decimals=market.base_decimals,
    )


@dataclasses.dataclass(frozen=True)
class CollateralQuote:
    """What ``liquidate_collateral`` does for an amount: pay and discount."""

    amount: int
    paid: int
    discount: int


def collateral_purchase(
    asset: CollateralAsset, oracle: OraclePrice, amount: int, quote_decimals: int
) -> CollateralQuote:
    """What the liquidator pays for ``amount`` units, and its discount."""
    value = collateral_value(
        amount,
        oracle.price,
        exponent=oracle.exponent,
        quote_decimals=quote_decimals,
        asset_decimals=asset.decimals,
    )
    paid = floor_div(value * (BPS_DENOMINATOR - asset.liquidation_discount_bps), BPS_DENOMINATOR)
    return CollateralQuote(amount, paid, value - paid)


def collateral_liquidation_amount(
    exchange: Exchange,
    asset: CollateralAsset,
    oracle: OraclePrice,
    *,
    health: HealthBreakdown,
    held: int,
    max_amount: int,
    quote_decimals: int,
) -> int:
    """The units ``liquidate_collateral`` takes."""
    full = collateral_purchase(asset, oracle, held, quote_decimals)
    low_value = collateral_value(
        held,
        oracle.low,
        exponent=oracle.exponent,
        quote_decimals=quote_decimals,
        asset_decimals=asset.decimals,
    )
    weighted = floor_div(low_value * asset.maint_asset_weight_bps, BPS_DENOMINATOR)
    freed = floor_div((low_value - weighted) * exchange.liquidation_buffer_bps, BPS_DENOMINATOR)
    value = full.paid + full.discount
    wanted = held
    if value > exchange.small_position_quote and full.paid + freed > weighted:
        gain = full.paid + freed - weighted
        needed = ceil_div((shortfall(exchange, health) + SIZE_ROUNDING_SLACK) * held, gain)
        if needed < held:
            rest = collateral_value(
                held - needed,
                oracle.price,
                exponent=oracle.exponent,
                quote_decimals=quote_decimals,
                asset_decimals=asset.decimals,
            )
            wanted = held if rest <= exchange.small_position_quote else needed
    return min(wanted, max_amount)
