"""Retries with exponential backoff and full jitter.

Full jitter (a uniform delay in ``[0, min(cap, base * 2**attempt)]``) is what AWS's
"Exponential Backoff and Jitter" found to spread retrying clients best: many keepers
retrying against the same RPC after an outage must not come back in lockstep.
Which errors are retried is decided by :func:`kairos_keepers.errors.classify`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

from kairos_keepers.errors import ErrorKind, RetriesExhaustedError, classify

T = TypeVar("T")
KeyT = TypeVar("KeyT", bound=Hashable)

Sleep = Callable[[float], Awaitable[None]]
OnRetry = Callable[[int, BaseException, float], None]
"""Called before each retry with (attempt number from 1, the error, the delay)."""


@dataclasses.dataclass(frozen=True)
class RetryPolicy:
    """How many times to try, and how long to wait between tries.

    ``max_attempts`` counts the first try: 1 means no retry.
    """

    max_attempts: int = 6
    base_delay: float = 0.1
    max_delay: float = 5.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("delays must not be negative")

    def ceiling(self, attempt: int) -> float:
        """The largest delay before retry number ``attempt`` (0-based): ``min(cap, base·2^n)``."""
        # Cap the exponent so huge attempt numbers cannot overflow a float.
        return min(self.max_delay, self.base_delay * (2.0 ** min(attempt, 62)))

    def backoff(self, attempt: int, rng: random.Random | None = None) -> float:
        """A full-jitter delay: uniform in ``[0, ceiling(attempt)]``."""
        return (rng or random).uniform(0.0, self.ceiling(attempt))


async def retry_async(
    fn: Callable[[], Awaitable[T]],
    *,
    policy: RetryPolicy,
    what: str = "call",
    classifier: Callable[[BaseException], ErrorKind] = classify,
    on_retry: OnRetry | None = None,
    sleep: Sleep = asyncio.sleep,
    rng: random.Random | None = None,
) -> T:
    """Await ``fn()`` until it succeeds, retrying retryable errors with backoff.

    A permanent error is raised at once. When the attempts run out, the last
    retryable error is raised wrapped in :class:`RetriesExhaustedError`. For a rate
    limit the delay is at least the server's ``retry_after`` when it gave one.
    """
    attempt = 0
    while True:
        try:
            return await fn()
        except Exception as exc:
            kind = classifier(exc)
            if kind is ErrorKind.PERMANENT:
                raise
            attempt += 1
            if attempt >= policy.max_attempts:
                raise RetriesExhaustedError(what, attempt, exc) from exc
            delay = policy.backoff(attempt - 1, rng)
            retry_after = getattr(exc, "retry_after", None)
            if kind is ErrorKind.RATE_LIMITED and isinstance(retry_after, int | float):
                delay = max(delay, float(retry_after))
            if on_retry is not None:
                on_retry(attempt, exc, delay)
            await sleep(delay)


class Backoffs(Generic[KeyT]):
    """Per-key exponential backoff after consecutive failures: ``base·2^(n−1)``, at most ``cap``.

    What a keeper holds back after a failed action is that account or order, not its
    loop: ``fail`` records a failure, ``waiting`` tells whether the key must still
    wait, ``clear`` forgets it (the action landed, or the key is gone).
    """

    def __init__(
        self, base: float, cap: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.base = base
        self.cap = cap
        self._clock = clock
        self._entries: dict[KeyT, tuple[int, float]] = {}
        """Per key: consecutive failures, and the clock time before which it waits."""

    def fail(self, key: KeyT) -> tuple[int, float]:
        """Record one more failure of ``key``; (consecutive failures, seconds to wait)."""
        failures = self._entries.get(key, (0, 0.0))[0] + 1
        delay = min(self.base * 2 ** (failures - 1), self.cap)
        self._entries[key] = (failures, self._clock() + delay)
        return failures, delay

    def waiting(self, key: KeyT, now: float | None = None) -> bool:
        """True while ``key`` is backed off (``now`` on this object's clock)."""
        entry = self._entries.get(key)
        return entry is not None and entry[1] > (self._clock() if now is None else now)

    def clear(self, key: KeyT) -> None:
        """Forget ``key``'s failures."""
        self._entries.pop(key, None)

    def __len__(self) -> int:
        return len(self._entries)
