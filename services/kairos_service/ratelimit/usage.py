"""Usage analytics: per key and endpoint counts, 429s, errors and latency, by the hour.

Each replica adds into an in-memory table keyed by (key, endpoint template, hour) and
flushes it every few seconds with one additive upsert per row (``requests = requests +
excluded.requests``), so any number of replicas sum correctly into ``api_usage_hourly`` on
SQLite or PostgreSQL. A failed flush puts its deltas back; nothing is counted twice or lost
while the process lives. The hourly rows are the roll-ups; days and months are sums of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kairos_service.auth.models import UsageHourlyRow

log = logging.getLogger(__name__)


@dataclasses.dataclass
class _Delta:
    tier: str
    requests: int = 0
    limited: int = 0
    errors: int = 0
    latency_us_sum: int = 0
    latency_us_max: int = 0

    def merge(self, other: _Delta) -> None:
        self.tier = other.tier
        self.requests += other.requests
        self.limited += other.limited
        self.errors += other.errors
        self.latency_us_sum += other.latency_us_sum
        self.latency_us_max = max(self.latency_us_max, other.latency_us_max)


def hour_of(unix_seconds: float) -> int:
    """Start of the UTC hour containing ``unix_seconds``."""
    return int(unix_seconds // 3600 * 3600)


def month_start(unix_seconds: float) -> int:
    """Start of the UTC calendar month containing ``unix_seconds``."""
    day = dt.datetime.fromtimestamp(unix_seconds, dt.UTC)
    return int(dt.datetime(day.year, day.month, 1, tzinfo=dt.UTC).timestamp())


class UsageRecorder:
    """In-memory usage deltas of this replica, flushed to the database."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], flush_seconds: float = 5.0
    ) -> None:
        self.sessions = sessions
        self.flush_seconds = flush_seconds
        self._pending: dict[tuple[str, str, int], _Delta] = {}
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    def record(
        self,
        key_id: str,
        tier: str,
        endpoint: str,
        *,
        status: int,
        latency_us: int,
        limited: bool,
        at: float,
    ) -> None:
        """Count one answered request."""
        slot = (key_id, endpoint, hour_of(at))
        delta = self._pending.get(slot)
        if delta is None:
            delta = self._pending[slot] = _Delta(tier)
        delta.tier = tier
        delta.requests += 1
        delta.limited += int(limited)
        delta.errors += int(status >= 500)
        delta.latency_us_sum += latency_us
        delta.latency_us_max = max(delta.latency_us_max, latency_us)

    async def flush(self) -> int:
        """Write pending deltas (additive upserts); returns the rows written."""
        async with self._lock:
            pending, self._pending = self._pending, {}
            if not pending:
                return 0
            try:
                async with self.sessions.begin() as session:
                    postgres = session.get_bind().dialect.name == "postgresql"
                    insert = postgresql.insert if postgres else sqlite.insert
                    greatest = func.greatest if postgres else func.max
                    table = cast(Table, UsageHourlyRow.__table__)
                    for (key_id, endpoint, hour), d in pending.items():
                        stmt = insert(table).values(
                            key_id=key_id, endpoint=endpoint, hour=hour, tier=d.tier,
                            requests=d.requests, limited=d.limited, errors=d.errors,
                            latency_us_sum=d.latency_us_sum, latency_us_max=d.latency_us_max,
                        )
                        ex = stmt.excluded
                        c = table.c
                        await session.execute(
                            stmt.on_conflict_do_update(
                                index_elements=[c.key_id, c.endpoint, c.hour],
                                set_={
                                    "tier": ex.tier,
                                    "requests": c.requests + ex.requests,
                                    "limited": c.limited + ex.limited,
                                    "errors": c.errors + ex.errors,
                                    "latency_us_sum": c.latency_us_sum + ex.latency_us_sum,
                                    "latency_us_max": greatest(
                                        c.latency_us_max, ex.latency_us_max
                                    ),
                                },
                            )
                        )
            except BaseException:
                for slot, d in pending.items():  # put back: counted once, later
                    if slot in self._pending:
                        d.merge(self._pending[slot])
                    self._pending[slot] = d
                raise
            return len(pending)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.flush_seconds)
            try:
                await self.flush()
            except Exception:
                log.exception("usage flush failed; deltas kept for the next one")

    def start(self) -> None:
        """Flush in the background every ``flush_seconds``."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="kairos-usage-flush")

    async def stop(self) -> None:
        """Stop the background flush and write what is pending."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        with contextlib.suppress(Exception):
            await self.flush()

    # -- queries --------------------------------------------------------------------

    async def by_endpoint(self, key_id: str, since: int, until: int) -> list[dict[str, Any]]:
        """Totals per endpoint over hours in [since, until)."""
        t = UsageHourlyRow
        query = (
            select(
                t.endpoint,
                func.sum(t.requests),
                func.sum(t.limited),
                func.sum(t.errors),
                func.sum(t.latency_us_sum),
                func.max(t.latency_us_max),
            )
            .where(t.key_id == key_id, t.hour >= since, t.hour < until)
            .group_by(t.endpoint)
            .order_by(t.endpoint)
        )
        async with self.sessions() as session:
            rows = (await session.execute(query)).all()
        return [_totals(r[0], r[1:]) | {"endpoint": r[0]} for r in rows]

    async def hourly(self, key_id: str, since: int, until: int) -> list[dict[str, Any]]:
        """One roll-up per hour (all endpoints) over [since, until), oldest first."""
        t = UsageHourlyRow
        query = (
            select(
                t.hour,
                func.sum(t.requests),
                func.sum(t.limited),
                func.sum(t.errors),
                func.sum(t.latency_us_sum),
                func.max(t.latency_us_max),
            )
            .where(t.key_id == key_id, t.hour >= since, t.hour < until)
            .group_by(t.hour)
            .order_by(t.hour)
        )
        async with self.sessions() as session:
            rows = (await session.execute(query)).all()
        return [_totals(r[0], r[1:]) | {"hour": int(r[0])} for r in rows]


def _totals(_label: object, values: Sequence[Any]) -> dict[str, Any]:
    requests, limited, errors, lat_sum, lat_max = (int(v or 0) for v in values)
    served = requests - limited
    return {
        "requests": requests,
        "rate_limited": limited,
        "errors": errors,
        "billable": served,
        "latency_ms_avg": round(lat_sum / requests / 1000, 3) if requests else 0.0,
        "latency_ms_max": round(lat_max / 1000, 3),
    }
