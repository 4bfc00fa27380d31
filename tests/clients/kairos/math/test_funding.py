"""kairos.math.funding: the mirror of the program's funding math on hand-made states.

The program-side tests (tests/programs/kairos/funding) compare this module with the
program itself; these pin its rules one by one."""

from __future__ import annotations

import dataclasses

import pytest
from kairos import errors
from kairos.accounts import BookOrder
from kairos.constants import FUNDING_INDEX_ONE as ONE
from kairos.math import funding
from solders.pubkey import Pubkey

from ... import factories as f

ORACLE = 1_000_000


def order(price: int) -> BookOrder:
    return dataclasses.replace(f.EMPTY_BOOK_ORDER, order_id=1, price=price, base_lots=1)


def market(**changes: int):  # noqa: ANN201 - a PerpMarket
    return dataclasses.replace(f.market(0, Pubkey.new_unique()), **changes)


@pytest.mark.parametrize(
    ("bids", "asks", "mark"),
    [
        ([], [], ORACLE),  # empty book: no premium
        ([1_000_000], [1_020_001], 1_010_000),  # the mid, floored
        ([990_000], [], ORACLE),  # a bid below the oracle says nothing
        ([1_010_000], [], 1_010_000),  # a bid above it is a premium
        ([], [1_010_000], ORACLE),  # an ask above says nothing
        ([], [990_000], 990_000),  # an ask below is a discount
        ([2_000_000], [], 1_050_000),  # bounded by the default 5 % band
        ([], [1], 950_000),
    ],
)
def test_mark_price(bids: list[int], asks: list[int], mark: int) -> None:
    book = f.orderbook([order(p) for p in bids], [order(p) for p in asks])
    assert funding.mark_price(market(), book, ORACLE) == mark


def test_a_band_of_a_whole_oracle_price_floors_the_mark_at_zero() -> None:
    book = f.orderbook([], [order(1)])
    assert funding.mark_price(market(funding_mark_band_bps=10_000), book, ORACLE) == 1


def test_pending_funding_rounds_against_the_position() -> None:
    m = market(funding_index=3 * ONE // 2)  # 1.5 per lot since the snapshot 0
    assert funding.pending_funding(f.perp(0, base_lots=3), m) == 5  # 4.5 → 5
    assert funding.pending_funding(f.perp(0, base_lots=-3), m) == -4  # −4.5 → −4
    m = market(funding_index=-3 * ONE // 2)
    assert funding.pending_funding(f.perp(0, base_lots=3), m) == -4
    assert funding.pending_funding(f.perp(0, base_lots=-3), m) == 5
    assert funding.pending_funding(f.perp(0, base_lots=0), m) == 0
    with pytest.raises(errors.MathOverflow):
        funding.pending_funding(f.perp(0, base_lots=2**62), market(funding_index=2**62))


def test_sampling_folds_the_held_samples_over_one_period() -> None:
    m = funding.sampled(market(), ORACLE, 1_010_000, 100)  # first sample seeds both
    assert (m.oracle_twap, m.mark_twap, m.funding_twap_ts) == (ORACLE, 1_010_000, 100)
    m = funding.sampled(m, ORACLE, 1_000_000, 100 + 900)  # 1,010,000 held for 900 s
    assert m.mark_twap == 1_010_000  # the held sample equals the average
    m = funding.sampled(m, ORACLE, 1_000_000, 100 + 900 + 1_800)
    # 1,000,000 held for half a period: (1,010,000 × 1,800 + 1,000,000 × 1,800) / 3,600
    assert m.mark_twap == 1_005_000
    m = funding.sampled(m, ORACLE, 1_000_000, 10**6)  # a long gap replaces the average
    assert m.mark_twap == 1_000_000


def test_a_roll_charges_the_daily_premium_clamped_and_not_when_paused() -> None:
    m = market(oracle_twap=ORACLE, mark_twap=1_010_000)
    roll = funding.roll_delta(m, 3_600)
    assert roll.delta == 10_000 * ONE * 3_600 // 86_400 and not roll.clamped
    assert roll.rate == roll.delta // ORACLE
    clamped = funding.roll_delta(dataclasses.replace(m, funding_max_rate_bps=1), 3_600)
    assert clamped.clamped and clamped.delta == ORACLE * ONE // 10_000
    discount = funding.roll_delta(dataclasses.replace(m, mark_twap=990_000), 3_600)
    assert discount.delta == -roll.delta
    assert funding.roll_delta(dataclasses.replace(m, funding_paused=1), 3_600).delta == 0


def test_next_roll_and_prediction() -> None:
    m = market(funding_started=1, funding_last_roll_ts=1_000, funding_sampled=1)
    assert funding.next_roll_time(market()) is None
    assert funding.next_roll_time(m) == 1_000 + 3_600
    m = dataclasses.replace(
        m,
        oracle_twap=ORACLE,
        mark_twap=ORACLE,
        last_oracle_sample=ORACLE,
        last_mark_sample=1_010_000,
        funding_twap_ts=1_000,
    )
    book = f.orderbook([order(1_009_900)], [order(1_010_100)])
    predicted = funding.predicted_roll(m, book, ORACLE, 1_000 + 3_600)
    assert predicted.delta == 10_000 * ONE * 3_600 // 86_400
