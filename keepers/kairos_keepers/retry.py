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
from collections.abc import Awaitable, Callable
from typing import TypeVar

from kairos_keepers.errors import ErrorKind, RetriesExhaustedError, classify

T = TypeVar("T")

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
