"""An async token bucket shared by every RPC call of a keeper process.

``rate`` tokens per second refill a bucket of ``burst`` tokens; each request takes
one. Waiters are served first come, first served (an ``asyncio.Lock`` is FIFO), so
one busy task cannot starve the others. When the RPC answers HTTP 429 the bucket is
*penalised*: it empties and refills only after the server's ``Retry-After`` (or an
exponential pause when none was given), which holds back every task of the process
at once rather than each one discovering the limit by itself.

The clock and the sleep are injectable so tests run on a fake clock.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

# Refill arithmetic in floats can leave 0.99999999999 of a token after sleeping the
# exact time for one; without a tolerance the waiter would spin on ever smaller sleeps.
_EPSILON = 1e-9


class TokenBucket:
    """Token bucket with FIFO waiters and a 429 penalty (see the module doc)."""

    def __init__(
        self,
        rate: float,
        burst: int,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        penalty_base: float = 0.5,
        max_penalty: float = 60.0,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        if burst < 1:
            raise ValueError("burst must be at least 1")
        self._rate = float(rate)
        self._burst = int(burst)
        self._clock = clock
        self._sleep = sleep
        self._penalty_base = penalty_base
        self._max_penalty = max_penalty
        self._tokens = float(burst)
        # Time up to which tokens were accounted; in the future while penalised.
        self._updated = clock()
        self._lock = asyncio.Lock()
        self._consecutive_429 = 0
        self.acquired = 0
        """Tokens handed out so far."""
        self.waited = 0.0
        """Total seconds callers spent waiting for tokens."""
        self.penalties = 0
        """Number of 429 penalties applied."""

    @property
    def rate(self) -> float:
        """Tokens added per second."""
        return self._rate

    @property
    def burst(self) -> int:
        """Capacity of the bucket."""
        return self._burst

    @property
    def blocked_until(self) -> float:
        """Clock time before which no token is handed out (penalty), or the past."""
        return self._updated

    def _refill(self, now: float) -> None:
        if now > self._updated:
            self._tokens = min(self._burst, self._tokens + (now - self._updated) * self._rate)
            self._updated = now

    def available(self) -> float:
        """Tokens in the bucket now (0 while penalised)."""
        now = self._clock()
        self._refill(now)
        return self._tokens if now >= self._updated else 0.0

    def try_acquire(self, tokens: float = 1.0) -> bool:
        """Take ``tokens`` if available right now, without waiting."""
        if self._lock.locked():  # someone is queued ahead: don't jump the queue
            return False
        now = self._clock()
        self._refill(now)
        if now >= self._updated and self._tokens + _EPSILON >= tokens:
            self._tokens = max(0.0, self._tokens - tokens)
            self.acquired += 1
            return True
        return False

    async def acquire(self, tokens: float = 1.0) -> float:
        """Wait for ``tokens`` and take them; return the seconds waited."""
        if tokens > self._burst:
            raise ValueError(f"cannot take {tokens} tokens from a bucket of {self._burst}")
        if self.try_acquire(tokens):
            return 0.0
        waited = 0.0
        async with self._lock:
            while True:
                now = self._clock()
                self._refill(now)
                if now >= self._updated and self._tokens + _EPSILON >= tokens:
                    self._tokens = max(0.0, self._tokens - tokens)
                    self.acquired += 1
                    self.waited += waited
                    return waited
                delay = max(0.0, self._updated - now) + (tokens - self._tokens) / self._rate
                await self._sleep(delay)
                waited += delay

    def penalize(self, retry_after: float | None = None) -> float:
        """Hold every caller back after a 429; return the pause applied (seconds).

        With ``retry_after`` the pause is what the server asked for (capped at
        ``max_penalty``); without, it doubles with each consecutive 429 from
        ``penalty_base``. Pauses from concurrent 429s do not add up.
        """
        self._consecutive_429 += 1
        self.penalties += 1
        if retry_after is not None and retry_after >= 0:
            pause = min(self._max_penalty, retry_after)
        else:
            exponent = min(self._consecutive_429 - 1, 30)
            pause = min(self._max_penalty, self._penalty_base * 2.0**exponent)
        now = self._clock()
        self._refill(now)
        self._tokens = 0.0
        self._updated = max(self._updated, now + pause)
        return pause

    def note_success(self) -> None:
        """A request got through: the next 429 starts the exponential pause afresh."""
        self._consecutive_429 = 0
