"""matching/match.c on the host: random order flows against the Python reference book.

Each step places a limit or market order (the matching loop, then the remainder
rests when nothing crossing is left, as place_order does), cancels a resting
order, or consumes queued fills. After every step the C book and queue must
equal the reference's, and the book's invariants must hold.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .book_library import (
    ERR_MATH_OVERFLOW,
    EVENT_QUEUE_CAPACITY,
    KAIROS_OK,
    MAX_MATCHES_PER_ORDER,
    SIDE_ASK,
    SIDE_BID,
    STOP_COMPLETE,
    STOP_MATCH_LIMIT,
    STOP_QUEUE_FULL,
    BookLib,
    EventQueue,
    Orderbook,
    Resting,
)
from .reference_book import U64_MAX, ReferenceBook, ReferenceQueue
from .test_orderbook import assert_side_valid

SIDES = [SIDE_BID, SIDE_ASK]
OWNERS = 4


@dataclass(frozen=True)
class Place:
    owner: int
    side: int
    market: bool
    price: int
    lots: int
    match_limit: int


@dataclass(frozen=True)
class TakerArgs:
    """The keyword arguments of BookLib.match and ReferenceBook.match."""

    taker: int
    side: int
    limit_price: int
    max_base_lots: int
    match_limit: int
    timestamp: int


@dataclass(frozen=True)
class Cancel:
    pick: int


@dataclass(frozen=True)
class Consume:
    count: int


LOWEST_PRICE, HIGHEST_PRICE = 1, 12


@st.composite
def places(draw: st.DrawFn) -> Place:
    """An order; market orders often sweep with the extreme worst price."""
    side = draw(st.sampled_from(SIDES))
    market = draw(st.booleans())
    sweep = market and draw(st.booleans())
    price = (
        (HIGHEST_PRICE if side == SIDE_BID else LOWEST_PRICE)
        if sweep
        else draw(st.integers(LOWEST_PRICE, HIGHEST_PRICE))
    )
    return Place(
        owner=draw(st.integers(0, OWNERS - 1)),
        side=side,
        market=market,
        price=price,
        lots=draw(st.integers(1, 40)),
        match_limit=draw(st.integers(1, MAX_MATCHES_PER_ORDER)),
    )


steps = st.lists(
    st.one_of(
        places(),
        places(),
        places(),
        places(),
        st.builds(Cancel, st.integers(0, 10_000)),
        st.builds(Consume, st.integers(1, 64)),
    ),
    # Long flows build deep books: matches across levels, self trades, a full queue.
    min_size=40,
    max_size=160,
)


class Harness:
    """The C book and queue next to the reference, driven step by step."""

    def __init__(self, book_lib: BookLib, queued: int) -> None:
        self.lib = book_lib
        self.book = Orderbook()
        self.queue = EventQueue()
        self.reference = ReferenceBook()
        self.reference_queue = ReferenceQueue()
        self.next_id = 1
        self.clock = 0
        for _ in range(queued):
            assert self.lib.push(self.queue) == self.reference_queue.push_blank()

    def place(self, step: Place) -> None:
        self.clock += 1
        order_id = self.next_id
        self.next_id += 1
        order = TakerArgs(
            taker=step.owner,
            side=step.side,
            limit_price=step.price,
            max_base_lots=step.lots,
            match_limit=step.match_limit,
            timestamp=self.clock,
        )
        code, matched = self.lib.match(self.book, self.queue, **order.__dict__)
        expected_code, expected = self.reference.match(self.reference_queue, **order.__dict__)
        assert (code, matched) == (expected_code, expected)
        assert code == KAIROS_OK
        if matched.stop == STOP_COMPLETE:
            # Nothing crossing is left: the opposite best does not cross.
            best = self.reference.best_first(1 - step.side)
            assert (
                matched.filled_base_lots == step.lots
                or not best
                or not (
                    best[0].price <= step.price
                    if step.side == SIDE_BID
                    else best[0].price >= step.price
                )
            )
        remainder = step.lots - matched.filled_base_lots
        if not step.market and matched.stop == STOP_COMPLETE and remainder:
            resting = Resting(
                order_id, step.price, remainder, order_id + 500, step.owner, step.owner, self.clock
            )
            assert self.lib.insert(self.book, step.side, resting) == self.reference.insert(
                step.side, resting
            )

    def cancel(self, step: Cancel) -> None:
        resting = [(side, o) for side in SIDES for o in self.reference.stored(side)]
        if not resting:
            return
        side, victim = resting[step.pick % len(resting)]
        index = self.lib.find(self.book, side, victim.price, victim.order_id)
        assert index is not None
        self.lib.remove(self.book, side, index)
        self.reference.remove(side, victim.order_id)

    def consume(self, step: Consume) -> None:
        for _ in range(min(step.count, len(self.reference_queue.events))):
            self.lib.pop(self.queue)
            self.reference_queue.pop()

    def check(self) -> None:
        for side in SIDES:
            assert self.lib.side(self.book, side) == self.reference.stored(side)
            assert_side_valid(self.lib, self.book, side)
        bids, asks = self.lib.side(self.book, SIDE_BID), self.lib.side(self.book, SIDE_ASK)
        if bids and asks:
            assert bids[-1].price < asks[-1].price, "the book is crossed"
        assert self.lib.events(self.queue) == list(self.reference_queue.events)
        assert self.queue.seq_num == self.reference_queue.seq_num


@settings(max_examples=200, deadline=None)
@given(
    queued=st.sampled_from([0, 0, 200, EVENT_QUEUE_CAPACITY - 3, EVENT_QUEUE_CAPACITY]), steps=steps
)
def test_random_order_flow_matches_reference(
    book_lib: BookLib, queued: int, steps: list[Place | Cancel | Consume]
) -> None:
    harness = Harness(book_lib, queued)
    for step in steps:
        if isinstance(step, Place):
            harness.place(step)
        elif isinstance(step, Cancel):
            harness.cancel(step)
        else:
            harness.consume(step)
        harness.check()


# ---- targeted cases ----


def rest(harness: Harness, owner: int, side: int, price: int, lots: int) -> int:
    order_id = harness.next_id
    harness.next_id += 1
    resting = Resting(order_id, price, lots, order_id + 500, owner, owner, 0)
    assert harness.lib.insert(harness.book, side, resting) == KAIROS_OK
    assert harness.reference.insert(side, resting) == KAIROS_OK
    return order_id


def test_price_then_time_priority_and_maker_price(book_lib: BookLib) -> None:
    harness = Harness(book_lib, 0)
    first_at_10 = rest(harness, 1, SIDE_ASK, 10, 5)
    at_9 = rest(harness, 2, SIDE_ASK, 9, 5)
    second_at_10 = rest(harness, 3, SIDE_ASK, 10, 5)
    code, matched = book_lib.match(
        harness.book,
        harness.queue,
        taker=0,
        side=SIDE_BID,
        limit_price=12,
        max_base_lots=12,
        match_limit=16,
    )
    assert code == KAIROS_OK
    fills = book_lib.events(harness.queue)
    # Best price first, then the earlier order at 10; each at the maker's price.
    assert [(f.maker_order_id, f.price, f.base_lots, f.maker_out) for f in fills] == [
        (at_9, 9, 5, True),
        (first_at_10, 10, 5, True),
        (second_at_10, 10, 2, False),
    ]
    assert matched.filled_base_lots == 12 and matched.filled_quote == 45 + 50 + 20
    assert [o.base_lots for o in book_lib.side(harness.book, SIDE_ASK)] == [3]


def test_self_trade_cancels_the_resting_order(book_lib: BookLib) -> None:
    harness = Harness(book_lib, 0)
    own = rest(harness, 0, SIDE_BID, 10, 4)
    other = rest(harness, 1, SIDE_BID, 9, 4)
    code, matched = book_lib.match(
        harness.book,
        harness.queue,
        taker=0,
        side=SIDE_ASK,
        limit_price=9,
        max_base_lots=3,
        match_limit=1,
    )
    assert code == KAIROS_OK
    assert [t.order_id for t in matched.self_trades] == [own]
    assert matched.self_trades[0].base_lots == 4
    assert [f.maker_order_id for f in book_lib.events(harness.queue)] == [other]
    assert matched.stop == STOP_COMPLETE and matched.filled_base_lots == 3


def test_match_limit_stops_with_crossing_liquidity_left(book_lib: BookLib) -> None:
    harness = Harness(book_lib, 0)
    for price in (10, 11, 12):
        rest(harness, 1, SIDE_ASK, price, 1)
    code, matched = book_lib.match(
        harness.book,
        harness.queue,
        taker=0,
        side=SIDE_BID,
        limit_price=12,
        max_base_lots=3,
        match_limit=2,
    )
    assert code == KAIROS_OK and matched.stop == STOP_MATCH_LIMIT
    assert matched.maker_fills == 2 and matched.filled_base_lots == 2


def test_full_queue_stops_matching(book_lib: BookLib) -> None:
    harness = Harness(book_lib, EVENT_QUEUE_CAPACITY - 1)
    rest(harness, 1, SIDE_ASK, 10, 1)
    rest(harness, 2, SIDE_ASK, 10, 1)
    code, matched = book_lib.match(
        harness.book,
        harness.queue,
        taker=0,
        side=SIDE_BID,
        limit_price=10,
        max_base_lots=2,
        match_limit=16,
    )
    assert code == KAIROS_OK and matched.stop == STOP_QUEUE_FULL
    assert matched.maker_fills == 1 and harness.queue.count == EVENT_QUEUE_CAPACITY


def test_quote_overflow_is_reported(book_lib: BookLib) -> None:
    harness = Harness(book_lib, 0)
    rest(harness, 1, SIDE_ASK, 1 << 62, 8)
    code, _ = book_lib.match(
        harness.book,
        harness.queue,
        taker=0,
        side=SIDE_BID,
        limit_price=U64_MAX,
        max_base_lots=8,
        match_limit=16,
    )
    assert code == ERR_MATH_OVERFLOW


@pytest.mark.parametrize("side", SIDES)
def test_no_cross_no_fill(book_lib: BookLib, side: int) -> None:
    harness = Harness(book_lib, 0)
    rest(harness, 1, 1 - side, 10, 1)
    limit = 9 if side == SIDE_BID else 11
    code, matched = book_lib.match(
        harness.book,
        harness.queue,
        taker=0,
        side=side,
        limit_price=limit,
        max_base_lots=1,
        match_limit=16,
    )
    assert code == KAIROS_OK and matched.maker_fills == 0 and matched.stop == STOP_COMPLETE
    assert harness.queue.count == 0
