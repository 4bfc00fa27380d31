"""Planning helpers for TWAP, VWAP and iceberg executions (pure functions, no I/O).

The on-chain TwapOrder splits its total evenly (slice i trades
floor(total×(i+1)/n) − floor(total×i/n) lots, see
programs/kairos/src/instructions/create_twap_order.c); `twap_schedule` mirrors
that exactly so a client can show what the program will do. `vwap_schedule`
spreads a total over buckets in proportion to a volume profile (largest
remainder, so the sizes sum to the total exactly). The suggestions read a
book's depth: how large a slice (or an iceberg's visible part) can be while
staying within a price band around the best price.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BPS = 10_000


@dataclass(frozen=True)
class PlannedSlice:
    """One execution: when it is due (unix seconds) and how many lots it trades."""

    due_time: int
    base_lots: int


def twap_slice_lots(total: int, slice_count: int, index: int) -> int:
    """Lots of slice `index` of an evenly split TWAP, as the program computes them."""
    if slice_count <= 0 or not 0 <= index < slice_count:
        raise ValueError("index must be in [0, slice_count)")
    return total * (index + 1) // slice_count - total * index // slice_count


def twap_schedule(
    total: int, slice_count: int, start_time: int, interval: int
) -> list[PlannedSlice]:
    """The slices of an evenly split TWAP (without the on-chain random offset)."""
    if total < slice_count or slice_count <= 0 or interval <= 0:
        raise ValueError("need total >= slice_count > 0 and interval > 0")
    return [
        PlannedSlice(start_time + i * interval, twap_slice_lots(total, slice_count, i))
        for i in range(slice_count)
    ]


def vwap_schedule(
    total: int, volume_profile: Sequence[float], start_time: int, interval: int
) -> list[PlannedSlice]:
    """Split `total` over buckets in proportion to `volume_profile` (one weight per bucket).

    Largest-remainder rounding: floors first, then the leftover lots go to the
    buckets with the largest fractional parts (earlier bucket on ties), so the
    sum is exactly `total`.
    """
    weights = [float(w) for w in volume_profile]
    if not weights or any(w < 0 for w in weights) or sum(weights) <= 0:
        raise ValueError("the volume profile needs non-negative weights with a positive sum")
    if total < 0 or interval <= 0:
        raise ValueError("need total >= 0 and interval > 0")
    weight_sum = sum(weights)
    exact = [total * w / weight_sum for w in weights]
    lots = [int(x) for x in exact]
    leftover = total - sum(lots)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - lots[i]), i))
    for i in by_remainder[:leftover]:
        lots[i] += 1
    return [PlannedSlice(start_time + i * interval, n) for i, n in enumerate(lots)]


@dataclass(frozen=True)
class BookLevel:
    """One price level of the side an order would take from: price per lot and lots."""

    price: int
    base_lots: int


def depth_within_band(levels: Sequence[BookLevel], band_bps: int, taking_asks: bool) -> int:
    """Lots available within `band_bps` of the best price (levels best first)."""
    if not levels:
        return 0
    best = levels[0].price
    if taking_asks:
        limit = best * (BPS + band_bps) // BPS
        return sum(level.base_lots for level in levels if level.price <= limit)
    limit = -(-best * (BPS - band_bps) // BPS)
    return sum(level.base_lots for level in levels if level.price >= limit)


def suggest_iceberg_display(
    levels: Sequence[BookLevel], band_bps: int, taking_asks: bool, participation_bps: int
) -> int:
    """A visible size for an iceberg: `participation_bps` of the depth within the band (>= 1)."""
    depth = depth_within_band(levels, band_bps, taking_asks)
    return max(1, depth * participation_bps // BPS)


def suggest_twap_slices(
    total: int,
    levels: Sequence[BookLevel],
    band_bps: int,
    taking_asks: bool,
    participation_bps: int,
) -> int:
    """The fewest slices such that each takes at most `participation_bps` of the depth in band."""
    per_slice = suggest_iceberg_display(levels, band_bps, taking_asks, participation_bps)
    return max(1, -(-total // per_slice))
