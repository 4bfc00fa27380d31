"""The fan-out hub behind /ws.

Each client has one bounded queue. Publishing never waits: a message for a client
whose queue is full drops that client (its socket is closed with code 1013, "try
again later"), so one slow consumer can neither stall the indexer nor grow memory
without bound.
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import itertools
from typing import Any

SLOW_CONSUMER_CLOSE_CODE = 1013


@dataclasses.dataclass
class PerformanceAlert:
    """Alert when equity moves beyond ``threshold_pct`` (either way) within ``window_seconds``."""

    threshold_pct: float
    window_seconds: float
    history: collections.deque[tuple[float, float]] = dataclasses.field(
        default_factory=collections.deque
    )
    last_fired: float = float("-inf")


@dataclasses.dataclass
class Client:
    """One /ws connection: its queue, what it follows, and whether it was dropped."""

    id: int
    queue: asyncio.Queue[dict[str, Any]]
    accounts: set[str] = dataclasses.field(default_factory=set)
    alerts: dict[str, PerformanceAlert] = dataclasses.field(default_factory=dict)
    dropped: asyncio.Event = dataclasses.field(default_factory=asyncio.Event)
    sent: int = 0


class Hub:
    """Routes published messages to the clients subscribed to their account."""

    def __init__(self, queue_size: int = 256) -> None:
        if queue_size < 1:
            raise ValueError("queue_size must be at least 1")
        self.queue_size = queue_size
        self.clients: dict[int, Client] = {}
        self._ids = itertools.count(1)
        self.dropped_total = 0

    def connect(self) -> Client:
        """Register a new client."""
        client = Client(next(self._ids), asyncio.Queue(self.queue_size))
        self.clients[client.id] = client
        return client

    def disconnect(self, client: Client) -> None:
        """Forget a client (idempotent)."""
        self.clients.pop(client.id, None)

    def _offer(self, client: Client, message: dict[str, Any]) -> None:
        if client.dropped.is_set():
            return
        try:
            client.queue.put_nowait(message)
        except asyncio.QueueFull:
            client.dropped.set()
            self.dropped_total += 1
            self.disconnect(client)

    def publish(self, account: str | None, message: dict[str, Any]) -> int:
        """Queue ``message`` for every client following ``account``; returns how many."""
        count = 0
        for client in list(self.clients.values()):
            if account is not None and account in client.accounts:
                self._offer(client, message)
                count += 1
        return count

    def publish_equity(self, account: str, unix_time: float, equity: int, slot: int) -> None:
        """Send a live P&L update, and performance alerts whose threshold was crossed."""
        self.publish(
            account,
            {
                "type": "equity",
                "account": account,
                "time": unix_time,
                "equity": equity,
                "slot": slot,
            },
        )
        for client in list(self.clients.values()):
            alert = client.alerts.get(account)
            if alert is None:
                continue
            alert.history.append((unix_time, float(equity)))
            while alert.history and alert.history[0][0] < unix_time - alert.window_seconds:
                alert.history.popleft()
            start = alert.history[0][1]
            if start <= 0:
                continue
            change_pct = (equity - start) / start * 100.0
            if abs(change_pct) >= alert.threshold_pct and alert.last_fired < alert.history[0][0]:
                alert.last_fired = unix_time
                self._offer(
                    client,
                    {
                        "type": "performance_alert",
                        "account": account,
                        "change_pct": change_pct,
                        "window_seconds": alert.window_seconds,
                        "threshold_pct": alert.threshold_pct,
                        "equity": equity,
                        "slot": slot,
                    },
                )

    async def close(self) -> None:
        """Drop every client (service shutdown)."""
        for client in list(self.clients.values()):
            client.dropped.set()
            self.disconnect(client)
