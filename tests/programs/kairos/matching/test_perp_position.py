"""state/perp_position.c on the host: fills, cost basis, realized PnL, reservations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .book_library import ERR_MATH_OVERFLOW, KAIROS_OK, SIDE_ASK, SIDE_BID, BookLib, PerpPosition
from .reference_book import I64_MAX, U64_MAX, ReferencePosition, apply_fill

SIDES = [SIDE_BID, SIDE_ASK]


def as_reference(position: PerpPosition) -> ReferencePosition:
    return ReferencePosition(
        position.base_lots, position.quote_position, position.cost_basis, position.realized_pnl
    )


fills = st.lists(
    st.tuples(st.sampled_from(SIDES), st.integers(1, 1_000), st.integers(1, 10**6)),
    min_size=1,
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(fills=fills)
def test_fills_match_reference(book_lib: BookLib, fills: list[tuple[int, int, int]]) -> None:
    position = PerpPosition()
    reference = ReferencePosition()
    realized_total = 0
    for side, lots, price in fills:
        code, realized = book_lib.apply_fill(position, side, lots, price)
        expected = apply_fill(reference, side, lots, price)
        assert expected is not None and code == KAIROS_OK
        assert realized == expected.realized_pnl - reference.realized_pnl
        reference = expected
        realized_total += realized
        assert as_reference(position) == reference
        # Invariant 3: no open position, no cost basis; and a flat position has
        # realized exactly what its quote position holds (fees apart).
        if position.base_lots == 0:
            assert position.cost_basis == 0
            assert position.realized_pnl == position.quote_position == realized_total


def test_long_then_partial_close_then_flip(book_lib: BookLib) -> None:
    position = PerpPosition()
    assert book_lib.apply_fill(position, SIDE_BID, 10, 100) == (KAIROS_OK, 0)
    assert (position.base_lots, position.quote_position, position.cost_basis) == (10, -1000, 1000)
    # Sell 4 at 120: 4 × (120 − 100) realized.
    assert book_lib.apply_fill(position, SIDE_ASK, 4, 120) == (KAIROS_OK, 80)
    assert (position.base_lots, position.cost_basis) == (6, 600)
    # Sell 10 at 90: closes 6 (a 60 loss) and opens a short of 4 at 90.
    assert book_lib.apply_fill(position, SIDE_ASK, 10, 90) == (KAIROS_OK, -60)
    assert (position.base_lots, position.cost_basis, position.realized_pnl) == (-4, -360, 20)
    # Buy back 4 at 80: the short gains 40; flat.
    assert book_lib.apply_fill(position, SIDE_BID, 4, 80) == (KAIROS_OK, 40)
    assert (position.base_lots, position.cost_basis, position.realized_pnl) == (0, 0, 60)
    assert position.quote_position == 60


@settings(max_examples=300, deadline=None)
@given(
    start=st.builds(
        ReferencePosition,
        st.integers(-(2**62), 2**62),
        st.integers(-(2**63), 2**63 - 1),
        st.integers(-(2**63), 2**63 - 1),
        st.integers(-(2**63), 2**63 - 1),
    ),
    side=st.sampled_from(SIDES),
    lots=st.one_of(st.integers(1, 2**64 - 1), st.integers(1, 1000)),
    price=st.one_of(st.integers(1, 2**64 - 1), st.integers(1, 10**6)),
)
def test_overflow_is_refused_and_leaves_the_position(
    book_lib: BookLib, start: ReferencePosition, side: int, lots: int, price: int
) -> None:
    position = PerpPosition(
        base_lots=start.base_lots,
        quote_position=start.quote_position,
        cost_basis=start.cost_basis,
        realized_pnl=start.realized_pnl,
    )
    before = bytes(position)
    code, _ = book_lib.apply_fill(position, side, lots, price)
    expected = apply_fill(start, side, lots, price)
    if expected is None:
        assert code == ERR_MATH_OVERFLOW
        assert bytes(position) == before
    else:
        assert code == KAIROS_OK
        assert as_reference(position) == expected


@pytest.mark.parametrize("side", SIDES)
def test_reservations_add_and_release(book_lib: BookLib, side: int) -> None:
    position = PerpPosition()
    assert book_lib.reserve(position, side, 5, 100) == KAIROS_OK
    assert book_lib.reserve(position, side, 3, 90) == KAIROS_OK
    lots, quote = (
        (position.bids_base_lots, position.bids_quote)
        if side == SIDE_BID
        else (position.asks_base_lots, position.asks_quote)
    )
    assert (lots, quote) == (8, 770)
    assert book_lib.release(position, side, 2, 100) == KAIROS_OK
    # Releasing more than is reserved is a broken invariant: refused, unchanged.
    before = bytes(position)
    assert book_lib.release(position, side, 7, 100) == ERR_MATH_OVERFLOW
    assert bytes(position) == before
    assert book_lib.reserve(position, side, U64_MAX, 2) == ERR_MATH_OVERFLOW
    assert book_lib.reserve(position, side, I64_MAX, 1) == KAIROS_OK
    assert bytes(position) != before


def test_socialized_loss_is_charged_by_size_before_the_fill(book_lib: BookLib) -> None:
    # Invariant 6 of state/perp_position.h: |base| × (index − snapshot), then the fill.
    position = PerpPosition(active=1)
    # A new position pays nothing for losses socialized before it existed.
    assert book_lib.apply_fill(position, SIDE_ASK, 10, 100, loss_per_lot=7) == (KAIROS_OK, 0)
    assert (position.base_lots, position.quote_position) == (-10, 1_000)
    assert position.loss_index_snapshot == 7
    # 3 per lot socialized since: the short of 10 lots owes 30, charged first.
    assert book_lib.apply_fill(position, SIDE_BID, 4, 100, loss_per_lot=10) == (KAIROS_OK, 0)
    assert (position.base_lots, position.quote_position) == (-6, 1_000 - 30 - 400)
    assert position.loss_index_snapshot == 10
    # An index below the snapshot breaks the invariant: refused.
    assert book_lib.apply_fill(position, SIDE_BID, 1, 100, loss_per_lot=9)[0] == ERR_MATH_OVERFLOW
