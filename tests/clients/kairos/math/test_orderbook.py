"""kairos.math.orderbook: L2/L3 views of a synthetic Orderbook account, and unit conversions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from kairos.accounts import BookOrder, Orderbook
from kairos.constants import Side
from kairos.math.orderbook import MarketUnits, OrderbookView, l2, l3, live_orders
from solders.pubkey import Pubkey

from ... import factories as f

MAKER_A, MAKER_B = Pubkey.new_unique(), Pubkey.new_unique()


def order(order_id: int, price: int, lots: int, owner: Pubkey = MAKER_A) -> BookOrder:
    return BookOrder(order_id, price, lots, 1000 + order_id, 1_700_000_000 + order_id, owner, 3)


def synthetic_book() -> Orderbook:
    # Storage order: worst first, best last. Bids: 98 < 99 (two orders, id 2 first in time).
    bids = [order(5, 98, 7), order(4, 99, 1, MAKER_B), order(2, 99, 3)]
    asks = [order(6, 103, 2), order(3, 101, 4, MAKER_B), order(1, 100, 5)]
    book = f.orderbook(bids, asks)
    # Round trip through AnchorPy's coder: the view reads real account bytes.
    return Orderbook.decode(book.encode())


def test_l3_is_best_first_with_time_priority() -> None:
    book = synthetic_book()
    bids = l3(book, Side.BID)
    assert [(o.order_id, o.price) for o in bids] == [(2, 99), (4, 99), (5, 98)]
    asks = l3(book, Side.ASK)
    assert [(o.order_id, o.price) for o in asks] == [(1, 100), (3, 101), (6, 103)]
    first = bids[0]
    assert (first.owner, first.client_order_id, first.base_lots, first.side) == (
        MAKER_A,
        1002,
        3,
        Side.BID,
    )


def test_l2_aggregates_levels() -> None:
    book = synthetic_book()
    levels = l2(book, Side.BID)
    assert [(lv.price, lv.base_lots, lv.order_count) for lv in levels] == [(99, 4, 2), (98, 7, 1)]
    assert [lv.price for lv in l2(book, Side.ASK, depth=2)] == [100, 101]
    view = OrderbookView.of(book)
    assert view.l2(Side.BID) == levels
    assert (view.best_bid, view.best_ask, view.spread) == (99, 100, 1)


def test_only_live_entries_count() -> None:
    book = synthetic_book()
    stale = list(book.bids)
    stale[3] = order(99, 500, 1)  # beyond bid_count: must be ignored
    trimmed = Orderbook(book.market, 2, 0, tuple(stale), book.asks)
    assert [o.order_id for o in live_orders(trimmed, Side.BID)] == [4, 5]
    assert live_orders(trimmed, Side.ASK) == []
    empty = OrderbookView.of(Orderbook.decode(f.orderbook([], []).encode()))
    assert empty.bids == [] and empty.spread is None and empty.l2(Side.ASK) == []


def test_full_side() -> None:
    bids = [order(i, 100 + i, 1) for i in range(128)]
    book = Orderbook.decode(f.orderbook(bids, []).encode())
    view = OrderbookView.of(book)
    assert len(view.bids) == 128 and view.best_bid == 227
    assert len(view.l2(Side.BID, depth=10)) == 10


def test_market_units() -> None:
    # SOL-PERP: lot 0.01 SOL (1e7 native at 9 decimals), quote 6 decimals, tick 100.
    units = MarketUnits(base_lot_size=10**7, tick_size=100, base_decimals=9, quote_decimals=6)
    assert units.price_to_decimal(995_000) == Decimal("99.5")
    assert units.decimal_to_price("99.5") == 995_000
    assert units.decimal_to_price("99.50001") == 995_000
    assert units.decimal_to_price("99.50001", round_up=True) == 995_100
    assert units.lots_to_decimal(150) == Decimal("1.5")
    assert units.decimal_to_lots("1.509") == 150
    assert units.decimal_to_lots(Decimal("0.001")) == 0
    market = f.market(0, Pubkey.default(), base_lot_size=10**7, tick_size=100, base_decimals=9)
    assert MarketUnits.of(market, 6) == units


@pytest.mark.parametrize("price", [100, 995_000, 123_456_700])
def test_price_round_trip(price: int) -> None:
    units = MarketUnits(base_lot_size=10**7, tick_size=100, base_decimals=9, quote_decimals=6)
    assert units.decimal_to_price(units.price_to_decimal(price)) == price
