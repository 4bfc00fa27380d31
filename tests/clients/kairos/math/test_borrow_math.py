"""kairos.math.borrow: the utilization curve, the index and the interest owed, against
reference formulas written here with exact fractions (and hand-computed points)."""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from math import ceil, floor

import pytest
from hypothesis import given
from hypothesis import strategies as st
from kairos.accounts import CollateralAsset, MarginAccount
from kairos.constants import BORROW_INDEX_ONE, SECONDS_PER_YEAR
from kairos.math.borrow import (
    BorrowState,
    borrow_index_at,
    borrow_rate_bps,
    pending_interest,
    quote_after_interest,
    utilization_bps,
)
from kairos.program import idl_json
from solders.pubkey import Pubkey

from ... import factories as f

BPS = 10_000
U16 = 2**16 - 1
U64 = 2**64 - 1
Curve = tuple[int, int, int, int]  # (base, optimal, max, kink)


def _constant(name: str) -> int:
    return int(next(c["value"] for c in idl_json()["constants"] if c["name"] == name))


DEFAULT_CURVE: Curve = (
    _constant("DEFAULT_BORROW_RATE_BASE_BPS"),
    _constant("DEFAULT_BORROW_RATE_OPTIMAL_BPS"),
    _constant("DEFAULT_BORROW_RATE_MAX_BPS"),
    _constant("DEFAULT_BORROW_OPTIMAL_UTILIZATION_BPS"),
)


# ---- references ------------------------------------------------------------------


def ref_rate(utilization: int, curve: Curve) -> int:
    """The kinked line through (0, base), (kink, optimal), (10,000, max), rounded down."""
    base, optimal, maximum, kink = curve
    if utilization <= kink:
        exact = base + Fraction(optimal - base) * Fraction(utilization, kink)
    else:
        exact = optimal + Fraction(maximum - optimal) * Fraction(utilization - kink, BPS - kink)
    return floor(exact)


def ref_index(index: int, rate: int, seconds: int) -> int:
    """index × (1 + rate/10,000 × seconds/year), the growth rounded down."""
    growth = Fraction(index) * Fraction(rate, BPS) * Fraction(seconds, SECONDS_PER_YEAR)
    return index + floor(growth)


def ref_interest(balance: int, principal: int, index: int, snapshot: int) -> int:
    base = min(principal, max(-balance, 0))
    if base == 0 or snapshot == 0:
        return 0
    return ceil(Fraction(base) * Fraction(index, snapshot)) - base


# ---- builders and strategies ------------------------------------------------------


def quote_asset(
    curve: Curve = DEFAULT_CURVE,
    *,
    borrows: int = 0,
    deposits: int = 0,
    index: int = BORROW_INDEX_ONE,
    timestamp: int = 0,
) -> CollateralAsset:
    base, optimal, maximum, kink = curve
    return dataclasses.replace(
        f.asset(0, Pubkey.default(), decimals=6),
        total_deposits=deposits,
        borrow_index=index,
        borrow_index_timestamp=timestamp,
        total_borrows=borrows,
        borrow_rate_base_bps=base,
        borrow_rate_optimal_bps=optimal,
        borrow_rate_max_bps=maximum,
        borrow_optimal_utilization_bps=kink,
    )


def borrower(balance: int, principal: int, snapshot: int) -> MarginAccount:
    return dataclasses.replace(
        f.margin_account(quote_balance=balance),
        borrow_principal=principal,
        borrow_index_snapshot=snapshot,
    )


@st.composite
def curves(draw: st.DrawFn) -> Curve:
    """What set_borrow_rate_params accepts: non-decreasing, kink strictly inside."""
    base, optimal, maximum = sorted(draw(st.lists(st.integers(0, U16), min_size=3, max_size=3)))
    kink = draw(st.one_of(st.integers(1, BPS - 1), st.sampled_from([1, 2, 5_000, 9_998, 9_999])))
    return base, optimal, maximum, kink


utilizations = st.one_of(st.integers(0, BPS), st.sampled_from([0, 1, 9_999, BPS]))


# ---- the rate curve ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("utilization", "rate"),
    [
        (0, 0),
        (1, 0),  # floor(1,000 × 1 / 8,000)
        (4_000, 500),
        (7_999, 999),  # floor(999.875)
        (8_000, 1_000),  # the kink
        (8_001, 1_004),  # 1,000 + floor(9,000 × 1 / 2,000)
        (9_000, 5_500),
        (9_999, 9_995),  # 1,000 + floor(9,000 × 1,999 / 2,000)
        (10_000, 10_000),
    ],
)
def test_default_curve_by_hand(utilization: int, rate: int) -> None:
    assert DEFAULT_CURVE == (0, 1_000, 10_000, 8_000)
    assert borrow_rate_bps(quote_asset(), utilization) == rate


@given(curves(), utilizations)
def test_rate_matches_the_reference(curve: Curve, utilization: int) -> None:
    rate = borrow_rate_bps(quote_asset(curve), utilization)
    assert rate == ref_rate(utilization, curve)
    base, _, maximum, _ = curve
    assert base <= rate <= maximum <= U16


@given(curves())
def test_the_curve_passes_through_its_three_points(curve: Curve) -> None:
    base, optimal, maximum, kink = curve
    quote = quote_asset(curve)
    assert borrow_rate_bps(quote, 0) == base
    assert borrow_rate_bps(quote, kink) == optimal
    assert borrow_rate_bps(quote, BPS) == maximum
    # Either side of the kink: below it on the first segment, above on the second.
    assert borrow_rate_bps(quote, kink - 1) <= optimal <= borrow_rate_bps(quote, kink + 1)


@given(curves(), st.integers(0, BPS - 1))
def test_the_rate_never_decreases_with_utilization(curve: Curve, utilization: int) -> None:
    quote = quote_asset(curve)
    assert borrow_rate_bps(quote, utilization) <= borrow_rate_bps(quote, utilization + 1)


# ---- utilization ---------------------------------------------------------------------


@given(st.integers(0, U64), st.integers(0, U64))
def test_utilization_matches_the_reference(borrows: int, deposits: int) -> None:
    if borrows + deposits > U64:
        borrows, deposits = borrows // 2, deposits // 2
    utilization = utilization_bps(quote_asset(borrows=borrows, deposits=deposits))
    if borrows == 0:
        assert utilization == 0
    else:
        assert utilization == floor(Fraction(borrows, borrows + deposits) * BPS)
    assert 0 <= utilization <= BPS
    # The asset's current utilization is the default of borrow_rate_bps.
    quote = quote_asset(borrows=borrows, deposits=deposits)
    assert borrow_rate_bps(quote) == ref_rate(utilization, DEFAULT_CURVE)


def test_utilization_by_hand() -> None:
    assert utilization_bps(quote_asset(borrows=101_000, deposits=1_000_000)) == 917
    assert utilization_bps(quote_asset(borrows=1, deposits=0)) == BPS
    assert utilization_bps(quote_asset(borrows=0, deposits=0)) == 0


# ---- the index ---------------------------------------------------------------------------


@given(
    curves(),
    st.integers(1, 10**15),  # borrows
    st.integers(0, 10**15),  # deposits
    st.integers(BORROW_INDEX_ONE, 50 * BORROW_INDEX_ONE),
    st.integers(0, 2**40),  # last roll-forward
    st.integers(0, 20 * SECONDS_PER_YEAR),
)
def test_index_matches_the_reference(
    curve: Curve, borrows: int, deposits: int, index: int, timestamp: int, elapsed: int
) -> None:
    quote = quote_asset(curve, borrows=borrows, deposits=deposits, index=index, timestamp=timestamp)
    rate = ref_rate(floor(Fraction(borrows * BPS, borrows + deposits)), curve)
    rolled = borrow_index_at(quote, timestamp + elapsed)
    assert rolled == ref_index(index, rate, elapsed)
    assert rolled >= index
    # A clock at or behind the last roll-forward, or none, leaves the index.
    assert borrow_index_at(quote, timestamp) == index
    assert borrow_index_at(quote, timestamp - 1) == index
    assert borrow_index_at(quote, None) == index


def test_index_by_hand() -> None:
    # 114 bps for 30 days: 1e12 × 114 × 2,592,000 / 315,360,000,000 = 936,986,301.36...
    quote = quote_asset(borrows=101_000, deposits=1_000_000, timestamp=1_000)
    assert borrow_rate_bps(quote) == 114
    assert borrow_index_at(quote, 1_000 + 30 * 86_400) == BORROW_INDEX_ONE + 936_986_301
    # A full year at 100% (max rate of the default curve) doubles the index.
    full = quote_asset(borrows=1, deposits=0, timestamp=0)
    assert borrow_index_at(full, SECONDS_PER_YEAR) == 2 * BORROW_INDEX_ONE


# ---- the interest owed ------------------------------------------------------------------


@given(
    st.integers(-(2**62), 2**62),  # quote balance
    st.integers(0, 2**62),  # principal
    st.integers(0, 50 * BORROW_INDEX_ONE),  # snapshot (0: never checkpointed)
    st.integers(0, 10 * BORROW_INDEX_ONE),  # index growth since the snapshot
)
def test_interest_matches_the_reference(
    balance: int, principal: int, snapshot: int, growth: int
) -> None:
    index = max(snapshot, BORROW_INDEX_ONE) + growth
    account = borrower(balance, principal, snapshot)
    interest = pending_interest(account, index)
    assert interest == ref_interest(balance, principal, index, snapshot)
    assert interest >= 0
    if balance >= 0 or principal == 0 or snapshot == 0:
        assert interest == 0  # a lender (or a never-checkpointed account) owes nothing


@given(st.integers(1, 2**62), st.integers(BORROW_INDEX_ONE, 50 * BORROW_INDEX_ONE))
def test_no_growth_no_interest(debt: int, index: int) -> None:
    assert pending_interest(borrower(-debt, debt, index), index) == 0


def test_interest_by_hand() -> None:
    index = BORROW_INDEX_ONE + 936_986_301
    # ceil(101,000 × 1.000936986301) − 101,000 = ceil(94.6356...) = 95
    assert pending_interest(borrower(-101_000, 101_000, BORROW_INDEX_ONE), index) == 95
    # Only the recorded principal accrues when the debt grew since (fees).
    assert pending_interest(borrower(-201_000, 101_000, BORROW_INDEX_ONE), index) == 95
    # ... and only the debt left when it shrank (rebates).
    assert pending_interest(borrower(-1_000, 101_000, BORROW_INDEX_ONE), index) == 1
    assert pending_interest(borrower(0, 101_000, BORROW_INDEX_ONE), index) == 0


def test_quote_after_interest_rolls_to_now() -> None:
    quote = quote_asset(borrows=101_000, deposits=1_000_000, timestamp=1_000)
    account = borrower(-101_000, 101_000, BORROW_INDEX_ONE)
    assert quote_after_interest(account, quote, None) == -101_000
    assert quote_after_interest(account, quote, 1_000 + 30 * 86_400) == -101_095
    state = BorrowState.of(quote, 1_000 + 30 * 86_400)
    assert (state.borrow_index, state.utilization_bps, state.borrow_rate_bps) == (
        BORROW_INDEX_ONE + 936_986_301,
        917,
        114,
    )
