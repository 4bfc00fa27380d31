"""L2/L3 views of a market's order book, and conversions between native and human units.

The Orderbook account keeps each side as an array sorted worst to best: only the
first ``bid_count`` / ``ask_count`` entries are live and the best order is the
last live one. The views here list orders best first. Prices on chain are quote
native units per lot, sizes are lots; :class:`MarketUnits` converts them to
quote per whole base unit and base units.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from solders.pubkey import Pubkey

from kairos.accounts import BookOrder, Orderbook, PerpMarket
from kairos.constants import Side


@dataclasses.dataclass(frozen=True)
class MarketUnits:
    """A market's lot and tick sizes and decimals: native ⇄ human conversions."""

    base_lot_size: int
    tick_size: int
    base_decimals: int
    quote_decimals: int

    @classmethod
    def of(cls, market: PerpMarket, quote_decimals: int) -> MarketUnits:
        """The units of a decoded market (``quote_decimals`` from the Exchange)."""
        return cls(market.base_lot_size, market.tick_size, market.base_decimals, quote_decimals)

    def price_to_decimal(self, price: int) -> Decimal:
        """Quote native per lot → quote per whole base unit."""
        quote = Decimal(price).scaleb(-self.quote_decimals)
        base_per_lot = Decimal(self.base_lot_size).scaleb(-self.base_decimals)
        return quote / base_per_lot

    def decimal_to_price(self, price: Decimal | str | int, *, round_up: bool = False) -> int:
        """Quote per whole base unit → quote native per lot, on a tick (down unless round_up).

        Buyers usually round down and sellers up, so the order never trades worse
        than asked.
        """
        value = Decimal(price).scaleb(self.quote_decimals) * Decimal(self.base_lot_size).scaleb(
            -self.base_decimals
        )
        ticks = (value / self.tick_size).to_integral_value(
            rounding=ROUND_CEILING if round_up else ROUND_FLOOR
        )
        return int(ticks) * self.tick_size

    def lots_to_decimal(self, lots: int) -> Decimal:
        """Lots → whole base units."""
        return Decimal(lots * self.base_lot_size).scaleb(-self.base_decimals)

    def decimal_to_lots(self, size: Decimal | str | int) -> int:
        """Whole base units → lots, rounded down."""
        native = Decimal(size).scaleb(self.base_decimals)
        return int((native / self.base_lot_size).to_integral_value(rounding=ROUND_FLOOR))


@dataclasses.dataclass(frozen=True)
class L3Order:
    """One resting order (``owner`` is the maker's margin account)."""

    side: Side
    order_id: int
    price: int
    base_lots: int
    owner: Pubkey
    client_order_id: int
    timestamp: int
    owner_slot: int

    @classmethod
    def of(cls, side: Side, order: BookOrder) -> L3Order:
        """From a book entry."""
        return cls(
            side,
            order.order_id,
            order.price,
            order.base_lots,
            order.owner,
            order.client_order_id,
            order.timestamp,
            order.owner_slot,
        )


@dataclasses.dataclass(frozen=True)
class L2Level:
    """All orders at one price on one side."""

    price: int
    base_lots: int
    order_count: int


def live_orders(book: Orderbook, side: Side) -> list[BookOrder]:
    """A side's live orders, best first."""
    if side is Side.BID:
        entries, count = book.bids, book.bid_count
    else:
        entries, count = book.asks, book.ask_count
    return list(reversed(entries[: min(count, len(entries))]))


def l3(book: Orderbook, side: Side) -> list[L3Order]:
    """Every live order of a side, best first."""
    return [L3Order.of(side, order) for order in live_orders(book, side)]


def aggregate(orders: Sequence[L3Order], depth: int | None = None) -> list[L2Level]:
    """Orders of one side (best first) summed by price, at most ``depth`` levels."""
    levels: list[L2Level] = []
    for order in orders:
        if levels and levels[-1].price == order.price:
            last = levels[-1]
            levels[-1] = L2Level(last.price, last.base_lots + order.base_lots, last.order_count + 1)
        else:
            if depth is not None and len(levels) == depth:
                break
            levels.append(L2Level(order.price, order.base_lots, 1))
    return levels


def l2(book: Orderbook, side: Side, depth: int | None = None) -> list[L2Level]:
    """A side aggregated by price, best first (at most ``depth`` levels)."""
    return aggregate(l3(book, side), depth)


@dataclasses.dataclass(frozen=True)
class OrderbookView:
    """Both sides of a book, best first, with the market's units for display."""

    bids: list[L3Order]
    asks: list[L3Order]
    units: MarketUnits | None = None

    @classmethod
    def of(cls, book: Orderbook, units: MarketUnits | None = None) -> OrderbookView:
        """The view of a decoded Orderbook account."""
        return cls(l3(book, Side.BID), l3(book, Side.ASK), units)

    def l2(self, side: Side, depth: int | None = None) -> list[L2Level]:
        """Aggregated levels of a side, best first."""
        return aggregate(self.bids if side is Side.BID else self.asks, depth)

    @property
    def best_bid(self) -> int | None:
        """Highest bid price (quote native per lot)."""
        return self.bids[0].price if self.bids else None

    @property
    def best_ask(self) -> int | None:
        """Lowest ask price (quote native per lot)."""
        return self.asks[0].price if self.asks else None

    @property
    def spread(self) -> int | None:
        """Best ask minus best bid, if both sides have orders."""
        if self.best_bid is None or self.best_ask is None:
            return None
        return self.best_ask - self.best_bid
