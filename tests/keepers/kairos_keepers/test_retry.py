"""Backoff with full jitter, and which errors are retried."""

from __future__ import annotations

import random
import statistics

import pytest
from kairos_keepers.errors import (
    ErrorKind,
    RetriesExhaustedError,
    RpcConnectionError,
    RpcHttpError,
    RpcResponseError,
    RpcTimeoutError,
    classify,
)
from kairos_keepers.retry import RetryPolicy, retry_async


def test_ceiling_doubles_up_to_the_cap() -> None:
    policy = RetryPolicy(base_delay=0.1, max_delay=1.0)
    assert [policy.ceiling(n) for n in range(6)] == pytest.approx([0.1, 0.2, 0.4, 0.8, 1.0, 1.0])
    assert policy.ceiling(10_000) == 1.0  # no overflow


def test_full_jitter_stays_within_bounds_and_spreads() -> None:
    policy = RetryPolicy(base_delay=0.1, max_delay=2.0)
    rng = random.Random(42)
    for attempt in range(8):
        ceiling = policy.ceiling(attempt)
        delays = [policy.backoff(attempt, rng) for _ in range(2000)]
        assert all(0.0 <= d <= ceiling for d in delays)
        # Uniform on [0, ceiling]: mean ~ ceiling/2, and it uses the whole range.
        assert statistics.fmean(delays) == pytest.approx(ceiling / 2, rel=0.06)
        assert min(delays) < 0.05 * ceiling and max(delays) > 0.95 * ceiling


def test_policy_validation() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError):
        RetryPolicy(base_delay=-1)


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (RpcConnectionError("m", "reset"), ErrorKind.RETRYABLE),
        (RpcTimeoutError("m", 1.0), ErrorKind.RETRYABLE),
        (RpcHttpError("m", 429), ErrorKind.RATE_LIMITED),
        (RpcHttpError("m", 500), ErrorKind.RETRYABLE),
        (RpcHttpError("m", 502), ErrorKind.RETRYABLE),
        (RpcHttpError("m", 503), ErrorKind.RETRYABLE),
        (RpcHttpError("m", 408), ErrorKind.RETRYABLE),
        (RpcHttpError("m", 400), ErrorKind.PERMANENT),
        (RpcHttpError("m", 401), ErrorKind.PERMANENT),
        (RpcHttpError("m", 404), ErrorKind.PERMANENT),
        (RpcResponseError("m", -32005, "Node is behind by 12 slots"), ErrorKind.RETRYABLE),
        (RpcResponseError("m", -32004, "Block not available"), ErrorKind.RETRYABLE),
        (RpcResponseError("m", -32016, "Minimum context slot"), ErrorKind.RETRYABLE),
        (RpcResponseError("m", -32603, "Internal error"), ErrorKind.RETRYABLE),
        (
            RpcResponseError(
                "m",
                -32002,
                "Transaction simulation failed: Blockhash not found",
                {"err": "BlockhashNotFound"},
            ),
            ErrorKind.RETRYABLE,
        ),
        (
            RpcResponseError(
                "m",
                -32002,
                "Transaction simulation failed",
                {"err": {"InstructionError": [0, {"Custom": 1}]}},
            ),
            ErrorKind.PERMANENT,
        ),
        (RpcResponseError("m", -32429, "rate limited"), ErrorKind.RATE_LIMITED),
        (
            RpcResponseError("m", -32000, "Too many requests for a specific RPC call"),
            ErrorKind.RATE_LIMITED,
        ),
        (RpcResponseError("m", -32602, "Invalid params"), ErrorKind.PERMANENT),
        (RpcResponseError("m", -32601, "Method not found"), ErrorKind.PERMANENT),
        (ConnectionResetError(), ErrorKind.RETRYABLE),
        (TimeoutError(), ErrorKind.RETRYABLE),
        (ValueError("bug"), ErrorKind.PERMANENT),
    ],
)
def test_classifier(error: BaseException, kind: ErrorKind) -> None:
    assert classify(error) is kind


async def test_retry_async_retries_retryable_then_succeeds() -> None:
    calls, sleeps, seen = 0, [], []

    async def flaky() -> str:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise RpcConnectionError("getSlot", "reset")
        return "ok"

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    result = await retry_async(
        flaky,
        policy=RetryPolicy(max_attempts=5, base_delay=1.0, max_delay=8.0),
        sleep=sleep,
        rng=random.Random(1),
        on_retry=lambda n, exc, delay: seen.append((n, delay)),
    )
    assert result == "ok" and calls == 3
    assert len(sleeps) == 2 and 0 <= sleeps[0] <= 1.0 and 0 <= sleeps[1] <= 2.0
    assert [n for n, _ in seen] == [1, 2] and [d for _, d in seen] == sleeps


async def test_retry_async_raises_permanent_at_once() -> None:
    calls = 0

    async def broken() -> None:
        nonlocal calls
        calls += 1
        raise RpcResponseError("x", -32602, "Invalid params")

    with pytest.raises(RpcResponseError):
        await retry_async(broken, policy=RetryPolicy(max_attempts=5), sleep=_no_sleep)
    assert calls == 1


async def test_retry_async_gives_up_after_max_attempts() -> None:
    calls = 0

    async def down() -> None:
        nonlocal calls
        calls += 1
        raise RpcHttpError("x", 503)

    with pytest.raises(RetriesExhaustedError) as info:
        await retry_async(down, policy=RetryPolicy(max_attempts=4), what="x", sleep=_no_sleep)
    assert calls == 4 and info.value.attempts == 4
    assert isinstance(info.value.last, RpcHttpError)


async def test_retry_async_honours_retry_after() -> None:
    sleeps: list[float] = []
    calls = 0

    async def limited() -> int:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RpcHttpError("x", 429, retry_after=3.0)
        return 1

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    await retry_async(limited, policy=RetryPolicy(base_delay=0.1, max_delay=1.0), sleep=sleep)
    assert sleeps == [3.0]


async def _no_sleep(seconds: float) -> None:
    return None


def test_backoffs_per_key_double_up_to_the_cap_and_clear() -> None:
    from kairos_keepers.retry import Backoffs

    now = [100.0]
    backoffs: Backoffs[str] = Backoffs(0.2, 1.0, clock=lambda: now[0])
    assert not backoffs.waiting("a") and len(backoffs) == 0
    assert [backoffs.fail("a")[1] for _ in range(5)] == [0.2, 0.4, 0.8, 1.0, 1.0]
    assert backoffs.fail("a") == (6, 1.0)
    assert backoffs.waiting("a") and not backoffs.waiting("b")  # per key
    now[0] += 0.999
    assert backoffs.waiting("a")
    now[0] += 0.001
    assert not backoffs.waiting("a")  # waited exactly the delay
    assert backoffs.waiting("a", now=now[0] - 0.5)
    backoffs.clear("a")
    assert backoffs.fail("a") == (1, 0.2)  # the count starts again
