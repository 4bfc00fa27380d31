"""Token buckets behind one interface: the in-process backend and the shared arithmetic.

Why by hand: the ``limits`` library (used for the tier grammar, see ``tiers``) offers fixed,
moving and sliding windows but no token bucket with a burst capacity, which is what the tiers
are (refill = tier rate, capacity = burst). The arithmetic is integer-exact: a token is
``DAY_US`` units and each tier refills a whole number of units per microsecond, so two
backends (and two replicas) given the same clock agree to the unit, and the benchmark can
check "2xx == capacity + refill" exactly.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Protocol

from kairos_service.ratelimit.tiers import DAY_US, Tier

UNIT = DAY_US
"""Bucket units per token."""


@dataclasses.dataclass(frozen=True)
class BucketSpec:
    """One bucket's parameters in units: capacity and refill per microsecond."""

    capacity: int
    refill_per_us: int

    @classmethod
    def of(cls, tier: Tier) -> BucketSpec:
        """The bucket of ``tier``: capacity = burst tokens, refill = tier rate."""
        return cls(capacity=tier.burst * UNIT, refill_per_us=tier.refill_units_per_us)


@dataclasses.dataclass(frozen=True)
class Decision:
    """The answer to one check: allowed or not, and what the headers report.

    ``limit`` is the bucket capacity in requests, ``remaining`` whole tokens left,
    ``reset_us`` the time until the bucket is full again and ``retry_after_us`` the time
    until the refused request would pass (0 when allowed). ``backend`` names who decided
    (``redis``, ``in-process``, or ``in-process-fallback`` when Redis was unreachable).
    """

    allowed: bool
    limit: int
    remaining: int
    reset_us: int
    retry_after_us: int
    backend: str

    @property
    def degraded(self) -> bool:
        """True when the shared backend was unreachable and a fallback policy decided."""
        return self.backend not in ("redis", "in-process", "disabled")


class BucketBackend(Protocol):
    """A token-bucket store: one atomic check-and-take per request."""

    name: str

    async def hit(self, key: str, spec: BucketSpec, cost: int = 1) -> Decision:
        """Take ``cost`` tokens from bucket ``key`` if it holds them; report the state."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def take(
    level: int, ts_us: int, now_us: int, spec: BucketSpec, cost_units: int
) -> tuple[bool, int, int]:
    """Refill a bucket from ``ts_us`` to ``now_us`` then take ``cost_units`` if present.

    Returns ``(allowed, new_level, new_ts)``. A clock that did not advance (or went back)
    refills nothing and keeps the old timestamp. This is the arithmetic the Redis Lua script
    performs too (``redis_backend.TOKEN_BUCKET_LUA``).
    """
    level = min(level, spec.capacity)
    if now_us > ts_us:
        elapsed = min(now_us - ts_us, _ceil_div(spec.capacity - level, spec.refill_per_us))
        level = min(spec.capacity, level + elapsed * spec.refill_per_us)
        ts_us = now_us
    if level >= cost_units:
        return True, level - cost_units, ts_us
    return False, level, ts_us


def decision_from(
    allowed: bool, level: int, spec: BucketSpec, cost_units: int, backend: str
) -> Decision:
    """Headers' view of a bucket at ``level`` after a check."""
    return Decision(
        allowed=allowed,
        limit=spec.capacity // UNIT,
        remaining=level // UNIT,
        reset_us=_ceil_div(spec.capacity - level, spec.refill_per_us),
        retry_after_us=0 if allowed else _ceil_div(cost_units - level, spec.refill_per_us),
        backend=backend,
    )


def check_cost(spec: BucketSpec, cost: int) -> int:
    """Cost in units; ValueError when it is not positive or exceeds the capacity."""
    if cost < 1 or cost * UNIT > spec.capacity:
        raise ValueError(f"cost {cost} must be between 1 and the bucket capacity")
    return cost * UNIT


class InProcessBackend:
    """Buckets in this process's memory (the embedded default; one replica only).

    Single event loop, no await between read and write, so no lock is needed. Buckets that
    have refilled to full are equivalent to absent ones and are pruned when the table grows
    beyond ``max_keys``.
    """

    name = "in-process"

    def __init__(
        self,
        clock_us: Callable[[], int] | None = None,
        max_keys: int = 100_000,
        label: str = "in-process",
    ) -> None:
        self._clock = clock_us or (lambda: time.monotonic_ns() // 1_000)
        self._buckets: dict[str, tuple[int, int, BucketSpec]] = {}
        self._max_keys = max_keys
        self._label = label

    async def hit(self, key: str, spec: BucketSpec, cost: int = 1) -> Decision:
        """Take ``cost`` tokens from bucket ``key`` if it holds them."""
        return self.hit_now(key, spec, cost)

    def hit_now(self, key: str, spec: BucketSpec, cost: int = 1) -> Decision:
        """Synchronous form of :meth:`hit` (used as the Redis fallback)."""
        cost_units = check_cost(spec, cost)
        now = self._clock()
        level, ts, _ = self._buckets.get(key, (spec.capacity, now, spec))
        allowed, level, ts = take(level, ts, now, spec, cost_units)
        self._buckets[key] = (level, ts, spec)
        if len(self._buckets) > self._max_keys:
            self._prune(now)
        return decision_from(allowed, level, spec, cost_units, self._label)

    def peek_now(self, key: str, spec: BucketSpec) -> Decision:
        """The bucket's state now, refilled but untouched (``allowed``: a token is there)."""
        now = self._clock()
        level, ts, _ = self._buckets.get(key, (spec.capacity, now, spec))
        _, level, _ = take(level, ts, now, spec, spec.capacity + 1)  # never takes
        return decision_from(level >= UNIT, level, spec, UNIT, self._label)

    def _prune(self, now: int) -> None:
        full = [
            k
            for k, (level, ts, spec) in self._buckets.items()
            if level + max(0, now - ts) * spec.refill_per_us >= spec.capacity
        ]
        for k in full:
            del self._buckets[k]

    def __len__(self) -> int:
        return len(self._buckets)

    async def close(self) -> None:
        """Nothing to release."""
        self._buckets.clear()
