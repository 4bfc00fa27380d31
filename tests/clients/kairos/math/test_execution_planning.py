"""Unit tests of kairos.math.execution_planning (TWAP/VWAP schedules, depth suggestions)."""

from __future__ import annotations

import random

import pytest
from kairos.math.execution_planning import (
    BookLevel,
    depth_within_band,
    suggest_iceberg_display,
    suggest_twap_slices,
    twap_schedule,
    vwap_schedule,
)


def test_twap_schedule_mirrors_the_program_split() -> None:
    plan = twap_schedule(100, 10, 1_000, 60)
    assert [s.base_lots for s in plan] == [10] * 10
    assert [s.due_time for s in plan] == [1_000 + 60 * i for i in range(10)]
    uneven = twap_schedule(7, 3, 0, 1)
    assert [s.base_lots for s in uneven] == [2, 2, 3]
    with pytest.raises(ValueError):
        twap_schedule(2, 3, 0, 1)


def test_random_twap_and_vwap_sum_to_the_total() -> None:
    rng = random.Random(3)
    for _ in range(200):
        n = rng.randint(1, 50)
        total = rng.randint(n, 10_000)
        sizes = [s.base_lots for s in twap_schedule(total, n, 0, 5)]
        assert sum(sizes) == total and max(sizes) - min(sizes) <= 1
        profile = [rng.random() for _ in range(n)]
        vwap = [s.base_lots for s in vwap_schedule(total, profile, 0, 5)]
        assert sum(vwap) == total
        for lots, weight in zip(vwap, profile, strict=True):
            assert abs(lots - total * weight / sum(profile)) < 1


def test_vwap_follows_the_profile_and_refuses_empty_profiles() -> None:
    plan = vwap_schedule(100, [1, 3, 0, 1], 0, 60)
    assert [s.base_lots for s in plan] == [20, 60, 0, 20]
    with pytest.raises(ValueError):
        vwap_schedule(10, [0, 0], 0, 1)


def test_depth_suggestions() -> None:
    asks = [BookLevel(100, 10), BookLevel(101, 20), BookLevel(103, 50)]
    assert depth_within_band(asks, 100, taking_asks=True) == 30  # up to 101
    assert suggest_iceberg_display(asks, 100, True, 1_000) == 3
    assert suggest_twap_slices(100, asks, 100, True, 1_000) == 34
    bids = [BookLevel(100, 10), BookLevel(99, 5), BookLevel(90, 100)]
    assert depth_within_band(bids, 100, taking_asks=False) == 15
    assert suggest_iceberg_display([], 100, True, 1_000) == 1
