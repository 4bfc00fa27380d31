"""state/orderbook.c and state/event_queue.c on the host, against the Python reference."""

from __future__ import annotations

import ctypes

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .book_library import (
    BOOK_SIDE_CAPACITY,
    ERR_BOOK_FULL,
    EVENT_QUEUE_CAPACITY,
    KAIROS_OK,
    SIDE_ASK,
    SIDE_BID,
    BookLib,
    EventQueue,
    FillEvent,
    Orderbook,
    Resting,
)
from .reference_book import U64_MAX, ReferenceBook, ReferenceQueue

SIDES = [SIDE_BID, SIDE_ASK]


def order(order_id: int, price: int, lots: int = 1, owner: int = 0) -> Resting:
    return Resting(order_id, price, lots, order_id + 1_000, owner, owner % 16, order_id)


def assert_side_valid(book_lib: BookLib, book: Orderbook, side: int) -> None:
    """Invariants 1 and 2 of state/orderbook.h."""
    orders = book_lib.side(book, side)
    for worse, better in zip(orders, orders[1:], strict=False):
        if side == SIDE_BID:
            assert worse.price < better.price or (
                worse.price == better.price and worse.order_id > better.order_id
            )
        else:
            assert worse.price > better.price or (
                worse.price == better.price and worse.order_id > better.order_id
            )
    assert book_lib.free_slots_zero(book, side)


@pytest.mark.parametrize("side", SIDES)
def test_best_order_is_last_with_time_priority(book_lib: BookLib, side: int) -> None:
    book = Orderbook()
    prices = [5, 7, 5, 3, 7, 7, 1]
    for order_id, price in enumerate(prices, start=1):
        assert book_lib.insert(book, side, order(order_id, price)) == KAIROS_OK
    stored = [(o.price, o.order_id) for o in book_lib.side(book, side)]
    if side == SIDE_BID:
        assert stored == [(1, 7), (3, 4), (5, 3), (5, 1), (7, 6), (7, 5), (7, 2)]
    else:
        assert stored == [(7, 6), (7, 5), (7, 2), (5, 3), (5, 1), (3, 4), (1, 7)]
    assert_side_valid(book_lib, book, side)


@pytest.mark.parametrize("side", SIDES)
def test_find_and_remove_anywhere(book_lib: BookLib, side: int) -> None:
    book = Orderbook()
    for order_id, price in enumerate([4, 4, 9, 2, 4], start=1):
        book_lib.insert(book, side, order(order_id, price))
    assert book_lib.find(book, side, 4, 99) is None  # no such id
    assert book_lib.find(book, side, 3, 1) is None  # no such level
    assert book_lib.find(book, side, 9, 1) is None  # id at another price
    for order_id, price in [(5, 4), (3, 9), (1, 4), (4, 2), (2, 4)]:
        index = book_lib.find(book, side, price, order_id)
        assert index is not None
        assert book_lib.side(book, side)[index].order_id == order_id
        book_lib.remove(book, side, index)
        assert all(o.order_id != order_id for o in book_lib.side(book, side))
        assert_side_valid(book_lib, book, side)
    assert book_lib.side(book, side) == []


@pytest.mark.parametrize("side", SIDES)
def test_side_full_is_refused_and_untouched(book_lib: BookLib, side: int) -> None:
    book = Orderbook()
    for order_id in range(1, BOOK_SIDE_CAPACITY + 1):
        assert book_lib.insert(book, side, order(order_id, 1 + order_id % 5)) == KAIROS_OK
    before = bytes(book)
    assert book_lib.insert(book, side, order(10_000, 3)) == ERR_BOOK_FULL
    assert bytes(book) == before
    # The other side is independent.
    assert book_lib.insert(book, 1 - side, order(10_001, 3)) == KAIROS_OK
    assert_side_valid(book_lib, book, side)


@pytest.mark.parametrize("side", SIDES)
def test_extreme_prices_sort(book_lib: BookLib, side: int) -> None:
    book = Orderbook()
    for order_id, price in enumerate([U64_MAX, 1, U64_MAX - 1, 1 << 63], start=1):
        book_lib.insert(book, side, order(order_id, price))
    assert_side_valid(book_lib, book, side)
    best = book_lib.side(book, side)[-1]
    assert best.price == (U64_MAX if side == SIDE_BID else 1)


operations = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.sampled_from(SIDES), st.integers(1, 12)),
        st.tuples(st.just("remove"), st.sampled_from(SIDES), st.integers(0, 10_000)),
    ),
    max_size=150,
)


@settings(max_examples=200, deadline=None)
@given(operations=operations)
def test_random_inserts_and_removals_match_reference(
    book_lib: BookLib, operations: list[tuple[str, int, int]]
) -> None:
    book = Orderbook()
    reference = ReferenceBook()
    next_id = 1
    for kind, side, value in operations:
        if kind == "insert":
            new = order(next_id, value)
            next_id += 1
            assert book_lib.insert(book, side, new) == reference.insert(side, new)
        else:
            resting = reference.stored(side)
            if not resting:
                continue
            victim = resting[value % len(resting)]
            index = book_lib.find(book, side, victim.price, victim.order_id)
            assert index is not None
            book_lib.remove(book, side, index)
            reference.remove(side, victim.order_id)
        for each in SIDES:
            assert book_lib.side(book, each) == reference.stored(each)
            assert_side_valid(book_lib, book, each)


@settings(max_examples=200, deadline=None)
@given(operations=st.lists(st.integers(-40, 60), max_size=60))
def test_event_queue_ring_matches_a_deque(book_lib: BookLib, operations: list[int]) -> None:
    """Positive n: push n blank events; negative: pop |n|. Wraps the ring."""
    queue = EventQueue()
    reference = ReferenceQueue()
    for step in operations:
        for _ in range(max(step, 0)):
            assert book_lib.push(queue) == reference.push_blank()
        for _ in range(min(len(reference.events), -min(step, 0))):
            book_lib.pop(queue)
            reference.pop()
        assert queue.count == len(reference.events) <= EVENT_QUEUE_CAPACITY
        assert queue.head < EVENT_QUEUE_CAPACITY
        assert queue.seq_num == reference.seq_num
        assert [e.seq for e in book_lib.events(queue)] == [e.seq for e in reference.events]
        live = {(queue.head + i) % EVENT_QUEUE_CAPACITY for i in range(queue.count)}
        blank = bytes(ctypes.sizeof(FillEvent))
        assert all(
            bytes(queue.events[i]) == blank for i in range(EVENT_QUEUE_CAPACITY) if i not in live
        )
