"""Host tests of the matching loop's order options: iceberg replenishment at the
back of the level, expired orders (Out events), self-trade decrement/abort.
The same C (matching/match.c, state/orderbook.c) as on chain, through ctypes."""

from __future__ import annotations

import ctypes

from .book_library import (
    U64_MAX,
    BookLib,
    BookOrder,
    EventQueue,
    MatchResult,
    Orderbook,
    TakerOrder,
    owner_key,
)

SIDE_BID, SIDE_ASK = 0, 1
FILL, OUT = 0, 1
CANCEL_RESTING, DECREMENT_TAKING, ABORT = 0, 1, 2
SELF_TRADE_ABORTED = 6052


def insert(lib: BookLib, book: Orderbook, side: int, **fields: int) -> None:
    owner = fields.pop("owner")
    order = BookOrder(owner=owner_key(owner), owner_slot=owner, **fields)
    assert lib._lib.book_insert(ctypes.byref(book), side, ctypes.byref(order)) == 0


def match(
    lib: BookLib, book: Orderbook, queue: EventQueue, **fields: int
) -> tuple[int, MatchResult]:
    key = owner_key(fields.pop("taker"))
    fields.setdefault("band_high", U64_MAX)
    order = TakerOrder(taker=ctypes.pointer(key), match_limit=16, **fields)
    result = MatchResult()
    code = lib._lib.match_order(
        ctypes.byref(book), ctypes.byref(queue), ctypes.byref(order), ctypes.byref(result)
    )
    return int(code), result


def asks(book: Orderbook) -> list[tuple[int, int, int]]:
    """(order id, visible, hidden), best first."""
    return [(o.order_id, o.base_lots, o.hidden_lots) for o in reversed(book.asks[: book.ask_count])]


def events(queue: EventQueue) -> list[tuple[int, int, int, int]]:
    """(maker order id, lots, maker_out, event type), oldest first."""
    return [
        (e.maker_order_id, e.base_lots, e.maker_out, e.event_type)
        for e in (queue.events[(queue.head + i) % 256] for i in range(queue.count))
    ]


def test_iceberg_replenishes_at_the_back_of_its_level(book_lib: BookLib) -> None:
    book, queue = Orderbook(), EventQueue()
    insert(
        book_lib,
        book,
        SIDE_ASK,
        order_id=1,
        price=10,
        base_lots=2,
        display_lots=2,
        hidden_lots=3,
        owner=1,
    )
    insert(book_lib, book, SIDE_ASK, order_id=2, price=10, base_lots=4, owner=2)
    insert(book_lib, book, SIDE_ASK, order_id=3, price=11, base_lots=1, owner=3)
    code, result = match(
        book_lib, book, queue, taker=9, side=SIDE_BID, limit_price=10, max_base_lots=2
    )
    assert code == 0 and result.filled_base_lots == 2
    assert asks(book) == [(2, 4, 0), (1, 2, 1), (3, 1, 0)]
    # The level trades in its new order; the iceberg's last lot comes out last.
    code, result = match(
        book_lib, book, queue, taker=9, side=SIDE_BID, limit_price=10, max_base_lots=9
    )
    assert code == 0 and result.filled_base_lots == 7 and result.events_pushed == 3
    assert events(queue)[1:] == [(2, 4, 1, FILL), (1, 2, 0, FILL), (1, 1, 1, FILL)]
    assert asks(book) == [(3, 1, 0)]


def test_expired_orders_leave_with_out_events_and_never_trade(book_lib: BookLib) -> None:
    book, queue = Orderbook(), EventQueue()
    insert(
        book_lib,
        book,
        SIDE_ASK,
        order_id=1,
        price=9,
        base_lots=3,
        expiry_timestamp=50,
        display_lots=1,
        hidden_lots=2,
        owner=1,
    )
    insert(book_lib, book, SIDE_ASK, order_id=2, price=10, base_lots=3, owner=2)
    code, result = match(
        book_lib, book, queue, taker=9, side=SIDE_BID, limit_price=10, max_base_lots=2, timestamp=50
    )
    assert code == 0 and result.filled_base_lots == 2 and result.filled_quote == 20
    assert result.maker_fills == 1 and result.events_pushed == 2
    # The Out event carries every lot the order held (visible + hidden).
    assert events(queue) == [(1, 5, 1, OUT), (2, 2, 0, FILL)]
    # Not yet expired one second earlier: it trades.
    book, queue = Orderbook(), EventQueue()
    insert(book_lib, book, SIDE_ASK, order_id=1, price=9, base_lots=3, expiry_timestamp=50, owner=1)
    code, result = match(
        book_lib, book, queue, taker=9, side=SIDE_BID, limit_price=10, max_base_lots=2, timestamp=49
    )
    assert events(queue) == [(1, 2, 0, FILL)]


def test_out_events_count_against_the_match_limit(book_lib: BookLib) -> None:
    book, queue = Orderbook(), EventQueue()
    for order_id in range(1, 4):
        insert(
            book_lib,
            book,
            SIDE_ASK,
            order_id=order_id,
            price=9,
            base_lots=1,
            expiry_timestamp=1,
            owner=order_id,
        )
    key = owner_key(9)
    order = TakerOrder(
        taker=ctypes.pointer(key),
        limit_price=9,
        max_base_lots=5,
        band_high=U64_MAX,
        timestamp=2,
        side=SIDE_BID,
        match_limit=2,
    )
    result = MatchResult()
    book_lib._lib.match_order(
        ctypes.byref(book), ctypes.byref(queue), ctypes.byref(order), ctypes.byref(result)
    )
    assert result.events_pushed == 2 and result.stop == 1 and book.ask_count == 1


def test_self_trade_decrement_and_abort(book_lib: BookLib) -> None:
    book, queue = Orderbook(), EventQueue()
    insert(book_lib, book, SIDE_ASK, order_id=1, price=9, base_lots=4, owner=0)
    code, result = match(
        book_lib,
        book,
        queue,
        taker=0,
        side=SIDE_BID,
        limit_price=9,
        max_base_lots=3,
        self_trade_behavior=DECREMENT_TAKING,
    )
    assert code == 0 and result.filled_base_lots == 0 and result.self_trade_count == 1
    entry = result.self_trades[0]
    assert (entry.order_id, entry.base_lots, entry.keeps_slot) == (1, 3, 1)
    assert asks(book) == [(1, 1, 0)] and queue.count == 0
    code, _ = match(
        book_lib,
        book,
        queue,
        taker=0,
        side=SIDE_BID,
        limit_price=9,
        max_base_lots=3,
        self_trade_behavior=ABORT,
    )
    assert code == SELF_TRADE_ABORTED
    code, result = match(
        book_lib,
        book,
        queue,
        taker=0,
        side=SIDE_BID,
        limit_price=9,
        max_base_lots=3,
        self_trade_behavior=DECREMENT_TAKING,
    )
    assert result.self_trades[0].keeps_slot == 0 and book.ask_count == 0
