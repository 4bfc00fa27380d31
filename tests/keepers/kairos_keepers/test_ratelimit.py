"""The token bucket, on a fake clock: rate, burst, fairness, 429 penalties."""

from __future__ import annotations

import asyncio

import pytest
from kairos_keepers.ratelimit import TokenBucket

from .conftest import FakeClock


def bucket(clock: FakeClock, rate: float = 10.0, burst: int = 5) -> TokenBucket:
    return TokenBucket(rate, burst, clock=clock, sleep=clock.sleep)


async def test_burst_is_immediate_then_paced_at_the_rate(fake_clock: FakeClock) -> None:
    b = bucket(fake_clock, rate=10, burst=5)
    start = fake_clock.now
    for _ in range(5):
        assert await b.acquire() == 0.0
    assert fake_clock.now == start
    for _ in range(20):
        await b.acquire()
    # 20 more tokens at 10/s: exactly 2 seconds of fake time.
    assert fake_clock.now - start == pytest.approx(2.0)
    assert b.acquired == 25 and b.waited == pytest.approx(2.0)


async def test_long_run_rate_converges(fake_clock: FakeClock) -> None:
    b = bucket(fake_clock, rate=7.5, burst=3)
    start = fake_clock.now
    for _ in range(3 + 750):
        await b.acquire()
    assert (fake_clock.now - start) == pytest.approx(100.0)


async def test_refill_never_exceeds_burst(fake_clock: FakeClock) -> None:
    b = bucket(fake_clock, rate=10, burst=5)
    for _ in range(5):
        assert b.try_acquire()
    assert not b.try_acquire()
    fake_clock.now += 3600  # an idle hour refills only to the burst
    assert b.available() == 5
    assert sum(b.try_acquire() for _ in range(10)) == 5


async def test_concurrent_tasks_share_the_rate_first_come_first_served(
    fake_clock: FakeClock,
) -> None:
    b = bucket(fake_clock, rate=10, burst=1)
    order: list[int] = []

    async def task(n: int) -> None:
        for _ in range(3):
            await b.acquire()
            order.append(n)

    start = fake_clock.now
    await asyncio.gather(*(task(n) for n in range(4)))
    assert fake_clock.now - start == pytest.approx(1.1)  # 12 tokens, 1 in the bucket, 10/s
    # FIFO by arrival: task 0 takes the burst token and queues first for the next one;
    # from then on the waiters take turns, nobody jumps the queue.
    assert order == [0, 0, 1, 2, 3, 0, 1, 2, 3, 1, 2, 3]


async def test_penalty_honours_retry_after(fake_clock: FakeClock) -> None:
    b = bucket(fake_clock, rate=100, burst=10)
    assert b.penalize(retry_after=2.0) == 2.0
    assert b.available() == 0 and not b.try_acquire()
    start = fake_clock.now
    await b.acquire()
    # Blocked 2 s, then one token at 100/s.
    assert fake_clock.now - start == pytest.approx(2.01)


async def test_penalty_without_retry_after_doubles_and_resets(fake_clock: FakeClock) -> None:
    b = TokenBucket(100, 10, clock=fake_clock, sleep=fake_clock.sleep, penalty_base=0.5)
    assert b.penalize() == 0.5
    assert b.penalize() == 1.0
    assert b.penalize() == 2.0
    b.note_success()
    assert b.penalize() == 0.5
    assert b.penalties == 4


async def test_penalty_is_capped_and_does_not_stack(fake_clock: FakeClock) -> None:
    b = TokenBucket(100, 10, clock=fake_clock, sleep=fake_clock.sleep, max_penalty=5.0)
    assert b.penalize(retry_after=3600) == 5.0
    b.penalize(retry_after=1.0)  # concurrent 429s: the pause is the longest, not the sum
    assert b.blocked_until == pytest.approx(fake_clock.now + 5.0)


def test_validation() -> None:
    with pytest.raises(ValueError):
        TokenBucket(0, 1)
    with pytest.raises(ValueError):
        TokenBucket(1, 0)


async def test_cannot_take_more_than_the_burst(fake_clock: FakeClock) -> None:
    with pytest.raises(ValueError):
        await bucket(fake_clock, burst=2).acquire(3)
