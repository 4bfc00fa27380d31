"""Token bucket arithmetic, the in-process backend and the Redis backend on a real server."""

from __future__ import annotations

import asyncio
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kairos_service.ratelimit.bucket import UNIT, BucketSpec, InProcessBackend, take
from kairos_service.ratelimit.redis_backend import RedisBackend
from kairos_service.ratelimit.redis_server import RedisServer
from kairos_service.ratelimit.tiers import TIERS, TierName, bill_micro_usd, tier_named

FREE = BucketSpec.of(TIERS[TierName.FREE])
ENTERPRISE = BucketSpec.of(TIERS[TierName.ENTERPRISE])


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000

    def __call__(self) -> int:
        return self.now


def test_tier_table_matches_issue() -> None:
    assert [t.requests_per_period for t in TIERS.values()] == [100, 1_000, 10_000]
    assert all(t.period_seconds == 3600 for t in TIERS.values())
    assert tier_named(" Enterprise ").name is TierName.ENTERPRISE
    with pytest.raises(ValueError, match="unknown tier 'gold'"):
        tier_named("gold")
    strict = TIERS[TierName.FREE].scaled(0.5)
    assert (strict.requests_per_period, strict.burst) == (50, 10)
    with pytest.raises(ValueError):
        TIERS[TierName.FREE].scaled(0)


def test_billing_from_price_table() -> None:
    power = TIERS[TierName.POWER]
    assert bill_micro_usd(power, 0) == 29_000_000
    assert bill_micro_usd(power, 100_000) == 29_000_000
    assert bill_micro_usd(power, 100_001) == 29_000_000 + 200
    assert bill_micro_usd(TIERS[TierName.FREE], 10**9) == 0
    with pytest.raises(ValueError):
        bill_micro_usd(power, -1)


async def test_burst_then_refill_exact() -> None:
    clock = Clock()
    backend = InProcessBackend(clock_us=clock)
    results = [await backend.hit("k", FREE) for _ in range(21)]
    assert [r.allowed for r in results] == [True] * 20 + [False]
    assert results[0].limit == 20 and results[0].remaining == 19
    assert results[19].remaining == 0
    refused = results[20]
    # 100/hour: one token every 36 s exactly.
    assert refused.retry_after_us == 36_000_000
    assert refused.reset_us == 20 * 36_000_000
    clock.now += refused.retry_after_us - 1
    assert not (await backend.hit("k", FREE)).allowed
    clock.now += 1
    ok = await backend.hit("k", FREE)
    assert ok.allowed and ok.remaining == 0
    # Another key has its own bucket.
    assert (await backend.hit("other", FREE)).remaining == 19


async def test_bad_cost_refused() -> None:
    backend = InProcessBackend()
    with pytest.raises(ValueError):
        await backend.hit("k", FREE, cost=0)
    with pytest.raises(ValueError):
        await backend.hit("k", FREE, cost=21)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 90_000_000), st.integers(1, 3)), max_size=80))
def test_take_matches_exact_rational_model(steps: list[tuple[int, int]]) -> None:
    """take() agrees with a Fraction model of a token bucket, to the unit."""
    spec = FREE
    level, ts = spec.capacity, 0
    tokens, t_model = Fraction(spec.capacity, UNIT), 0
    rate = Fraction(spec.refill_per_us, UNIT)
    cap = Fraction(spec.capacity, UNIT)
    now = 0
    for dt, cost in steps:
        now += dt
        allowed, level, ts = take(level, ts, now, spec, cost * UNIT)
        tokens = min(cap, tokens + rate * (now - t_model))
        t_model = now
        expect = tokens >= cost
        if expect:
            tokens -= cost
        assert allowed == expect
        assert Fraction(level, UNIT) == tokens


async def test_prune_drops_only_full_buckets() -> None:
    clock = Clock()
    backend = InProcessBackend(clock_us=clock, max_keys=3)
    for name in ("a", "b", "c"):
        await backend.hit(name, FREE)
    clock.now += 36_000_000  # a, b, c are full again
    await backend.hit("d", FREE)  # 4 > 3: prune
    assert len(backend) == 1


async def test_redis_lua_matches_python_arithmetic(redis_server: RedisServer) -> None:
    backend = RedisBackend(redis_server.url)
    try:
        prev = None
        for i in range(30):
            d = await backend.hit("key", FREE, cost=1 + i % 2)
            state = await backend.state("key")
            assert state is not None
            if prev is None:
                assert state["level"] == FREE.capacity - UNIT and d.allowed
            else:
                allowed, level, _ = take(
                    prev["level"], prev["ts"], state["ts"], FREE, (1 + i % 2) * UNIT
                )
                assert (allowed, level) == (d.allowed, state["level"])
            prev = state
        assert backend.up and d.backend == "redis"
    finally:
        await backend.close()


async def test_two_replicas_one_limit_exactly(redis_server: RedisServer) -> None:
    """Two clients (replicas) x 200 concurrent checks on one key: one bucket, exact count."""
    # Generous timeouts: this checks exactness, not latency, on a loaded machine.
    replicas = [RedisBackend(redis_server.url, timeout_seconds=10) for _ in range(2)]
    try:
        decisions = await asyncio.gather(
            *(replicas[i % 2].hit("shared", FREE) for i in range(400))
        )
        assert all(d.backend == "redis" for d in decisions)
        allowed = sum(d.allowed for d in decisions)
        state = await replicas[0].state("shared")
        assert state is not None
        minted = FREE.capacity + (state["ts"] - state["since"]) * FREE.refill_per_us
        # Conservation: every unit minted is either spent by an allowed request or left.
        assert allowed * UNIT + state["level"] == minted
        assert allowed == 20 + (state["ts"] - state["since"]) * FREE.refill_per_us // UNIT
        assert allowed == 20  # the whole run takes far less than 36 s
    finally:
        for r in replicas:
            await r.close()


async def test_redis_key_expires_when_bucket_would_be_full(redis_server: RedisServer) -> None:
    backend = RedisBackend(redis_server.url)
    try:
        await backend.hit("ttl", ENTERPRISE)
        ttl = await backend.redis.pttl("kairos:rl:ttl")
        # 1 token of 10,000/hour refills in 360 ms; + 1 s of margin.
        assert 1_000 < ttl <= 1_360
    finally:
        await backend.close()


@pytest.mark.parametrize("policy", ["local", "open", "closed"])
async def test_redis_goes_away_policy(redis_server: RedisServer, policy: str) -> None:
    backend = RedisBackend(redis_server.url, on_error=policy, probe_seconds=0.2)  # type: ignore[arg-type]
    try:
        assert (await backend.hit("k", FREE)).backend == "redis"
        redis_server.stop()
        down = [await backend.hit("k", FREE) for _ in range(25)]
        assert not backend.up and backend.failures == 1  # probe window: one failure only
        if policy == "local":
            # Limits still hold on this replica: a fresh local bucket of capacity 20.
            assert [d.allowed for d in down] == [True] * 20 + [False] * 5
            assert all(d.backend == "in-process-fallback" and d.degraded for d in down)
        elif policy == "open":
            assert all(d.allowed and d.backend == "fail-open" for d in down)
        else:
            assert not any(d.allowed for d in down)
            assert down[0].retry_after_us == 200_000
        redis_server.start()
        await asyncio.sleep(0.25)
        back = await backend.hit("k", FREE)
        assert back.backend == "redis" and backend.up
        # Redis restarted without persistence: the bucket starts full again.
        assert back.remaining == 19
    finally:
        await backend.close()
