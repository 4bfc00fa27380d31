"""Admission under saturation: a bounded queue that serves premium tiers first.

When ``max_in_flight`` requests are already being served by this replica, newcomers wait in a
queue of at most ``max_queue`` entries ordered by tier priority (Enterprise > Power > Free),
then arrival. A full queue makes room for a newcomer only by evicting the latest arrival of
a strictly lower priority; otherwise the newcomer is refused at once. A waiter that is not
served within ``max_wait_seconds`` is refused. Refusals are ``Saturated`` (HTTP 503 with
Retry-After). asyncio has a plain ``PriorityQueue`` but neither eviction nor hand-off of a
freed slot to the best waiter, hence this small class.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import heapq
import itertools
from collections.abc import AsyncIterator


class Saturated(Exception):
    """The replica is saturated and this request is not admitted."""

    def __init__(self, reason: str, retry_after_seconds: float = 1.0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after_seconds = retry_after_seconds


@dataclasses.dataclass(order=True)
class _Waiter:
    sort_key: tuple[int, int]
    future: asyncio.Future[None] = dataclasses.field(compare=False)
    priority: int = dataclasses.field(compare=False)
    live: bool = dataclasses.field(default=True, compare=False)


class PriorityGate:
    """Bounded in-flight requests with a bounded priority queue in front."""

    def __init__(
        self, max_in_flight: int, max_queue: int, max_wait_seconds: float = 5.0
    ) -> None:
        if max_in_flight < 1 or max_queue < 0 or max_wait_seconds <= 0:
            raise ValueError("max_in_flight >= 1, max_queue >= 0, max_wait_seconds > 0")
        self.max_in_flight = max_in_flight
        self.max_queue = max_queue
        self.max_wait_seconds = max_wait_seconds
        self.in_flight = 0
        self._heap: list[_Waiter] = []
        self._queued = 0
        self._seq = itertools.count()
        self.refused = 0
        self.evicted = 0

    @property
    def queued(self) -> int:
        """Requests waiting now."""
        return self._queued

    @contextlib.asynccontextmanager
    async def slot(self, priority: int) -> AsyncIterator[None]:
        """Hold one in-flight slot for the body; raise ``Saturated`` when not admitted."""
        await self._acquire(priority)
        try:
            yield
        finally:
            self._release()

    async def _acquire(self, priority: int) -> None:
        if self.in_flight < self.max_in_flight and self._queued == 0:
            self.in_flight += 1
            return
        if self._queued >= self.max_queue:
            worst = max(
                (w for w in self._heap if w.live),
                key=lambda w: w.sort_key,
                default=None,
            )
            if worst is None or worst.priority >= priority:
                self.refused += 1
                raise Saturated("server saturated: queue full")
            self._drop(worst)
            self.evicted += 1
            worst.future.set_exception(Saturated("server saturated: evicted by a higher tier"))
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        waiter = _Waiter((-priority, next(self._seq)), future, priority)
        heapq.heappush(self._heap, waiter)
        self._queued += 1
        try:
            await asyncio.wait_for(asyncio.shield(future), self.max_wait_seconds)
        except TimeoutError:
            if future.done() and not future.cancelled() and future.exception() is None:
                return  # served at the very last moment: keep the slot
            if waiter.live:
                self._drop(waiter)
            self.refused += 1
            raise Saturated("server saturated: waited too long") from None
        except asyncio.CancelledError:
            if waiter.live:
                self._drop(waiter)
            elif future.done() and future.exception() is None:
                self._release()  # a slot was handed to us: pass it on
            raise

    def _drop(self, waiter: _Waiter) -> None:
        waiter.live = False
        self._queued -= 1

    def _release(self) -> None:
        while self._heap:
            waiter = heapq.heappop(self._heap)
            if not waiter.live:
                continue
            waiter.live = False
            self._queued -= 1
            waiter.future.set_result(None)  # the slot passes to it: in_flight unchanged
            return
        self.in_flight -= 1
