"""The delivery worker: signed POSTs, per-endpoint order, backoff, dead letters, replicas.

Claiming: a worker slot opens a transaction and locks one endpoint whose oldest open
delivery is due, with ``SELECT ... FOR UPDATE SKIP LOCKED`` on ``webhook_endpoints``. While
it holds that row lock no other slot or replica can pick the endpoint, so one delivery is
never attempted by two workers at once, and an endpoint's deliveries go out one at a time in
id order (= indexing order). The slot sends up to ``batch`` consecutive deliveries, records
each attempt and the new statuses, and commits: the lock goes with the commit. A worker
killed mid-delivery loses its connection, PostgreSQL rolls the transaction back and frees
the lock, and the deliveries are still open: another slot sends them again (at least once,
with the same event id). SQLite has no row locks: run a single worker there (the default
``kairos serve`` runs exactly one).

A failed attempt (connection error, timeout, non-2xx answer) blocks the endpoint's queue
until the retry is due: exponential backoff with full jitter (``uniform(0, min(cap,
base * 2**(n-1)))``), then dead-letter (status ``failed``) after ``max_attempts``; the next
delivery of the endpoint goes next. :func:`schedule_span` gives the expected and the
longest time before a dead letter (defaults: about 19 h expected, 38 h at most).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
import random
import socket
import time
from typing import Any

import httpx
from kairos.webhooks import EVENT_ID_HEADER, IDEMPOTENCY_HEADER, SIGNATURE_HEADER
from kairos.webhooks import signature_header as sign
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kairos_service.webhooks.models import (
    FAILED,
    OPEN_STATUSES,
    RETRYING,
    SENT,
    WebhookAttemptRow,
    WebhookDeliveryRow,
    WebhookEndpointRow,
)
from kairos_service.webhooks.store import WebhookStore

log = logging.getLogger("kairos_service.webhooks")

USER_AGENT = "Kairos-Webhooks/1"


@dataclasses.dataclass(frozen=True)
class WorkerSettings:
    """How the worker delivers; every field has a sensible default."""

    # Total time one attempt may take (connect + send + answer), and the connect part.
    timeout_seconds: float = 10.0
    connect_timeout_seconds: float = 5.0
    # Attempts before dead-lettering, and the backoff (full jitter) between them.
    max_attempts: int = 15
    backoff_base_seconds: float = 60.0
    backoff_cap_seconds: float = 6 * 3600.0
    # Endpoints delivered in parallel by this worker; deliveries per claim of one endpoint
    # (committed together: a crash re-sends at most this many per endpoint in flight).
    concurrency: int = 8
    batch: int = 20
    # Idle polling period when nothing is due; gauges refresh period.
    poll_seconds: float = 0.2
    gauge_seconds: float = 5.0

    def __post_init__(self) -> None:
        """Refuse settings that cannot work."""
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.timeout_seconds <= 0 or self.connect_timeout_seconds <= 0:
            raise ValueError("timeouts must be positive")
        if self.backoff_base_seconds < 0 or self.backoff_cap_seconds < self.backoff_base_seconds:
            raise ValueError("backoff needs 0 <= base <= cap")
        if self.concurrency < 1 or self.batch < 1:
            raise ValueError("concurrency and batch must be at least 1")


def backoff_seconds(failures: int, settings: WorkerSettings, rng: random.Random) -> float:
    """Delay before the next attempt after ``failures`` failed ones (full jitter)."""
    ceiling = min(settings.backoff_cap_seconds,
                  settings.backoff_base_seconds * 2.0 ** (failures - 1))  # fmt: skip
    return rng.uniform(0.0, ceiling)


def schedule_span(settings: WorkerSettings) -> tuple[float, float]:
    """(expected, longest) seconds from the first attempt to the dead letter."""
    ceilings = [
        min(settings.backoff_cap_seconds, settings.backoff_base_seconds * 2.0 ** (n - 1))
        for n in range(1, settings.max_attempts)
    ]
    return sum(ceilings) / 2.0, float(sum(ceilings))


class WorkerMetrics:
    """Prometheus metrics of the delivery worker (prometheus-client)."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.attempts = Counter(
            "kairos_webhook_attempts_total",
            "Webhook delivery attempts, by outcome (sent, http_error, timeout, "
            "connection_error).", ["outcome"], registry=registry,
        )  # fmt: skip
        self.dead_letters = Counter(
            "kairos_webhook_dead_letters_total",
            "Deliveries dead-lettered after the maximum attempts.", registry=registry,
        )  # fmt: skip
        self.latency = Histogram(
            "kairos_webhook_attempt_seconds",
            "Duration of one delivery attempt (request to answer).",
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            registry=registry,
        )
        self.lag = Histogram(
            "kairos_webhook_delivery_lag_seconds",
            "From an event's indexing to its successful delivery.",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600),
            registry=registry,
        )
        self.backlog = Gauge(
            "kairos_webhook_deliveries", "Deliveries by status (pending, retrying, failed).",
            ["status"], registry=registry,
        )  # fmt: skip
        self.claims = Counter(
            "kairos_webhook_claims_total", "Endpoints claimed by this worker.", registry=registry
        )


class DeliveryWorker:
    """Delivers the outbox; run several (processes or replicas) on PostgreSQL."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: WorkerSettings | None = None,
        *,
        registry: CollectorRegistry | None = None,
        name: str | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.sessions = sessions
        self.settings = settings or WorkerSettings()
        bind = sessions.kw.get("bind")
        if bind is not None and bind.dialect.name == "sqlite" and self.settings.concurrency > 1:
            # No row locks on SQLite: one slot, so one endpoint is never sent twice at once.
            self.settings = dataclasses.replace(self.settings, concurrency=1)
        self.registry = registry if registry is not None else CollectorRegistry()
        self.metrics = WorkerMetrics(self.registry)
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        self.rng = rng or random.Random()
        self.store = WebhookStore(sessions)
        self.delivered = 0  # successful attempts by this worker
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Look for due deliveries now (the indexer calls it after storing events)."""
        self._wake.set()

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Deliver until ``stop`` is set (or the task is cancelled)."""
        stop = stop or asyncio.Event()
        limits = httpx.Limits(max_connections=self.settings.concurrency * 2)
        timeout = httpx.Timeout(self.settings.timeout_seconds,
                                connect=self.settings.connect_timeout_seconds)  # fmt: skip
        async with httpx.AsyncClient(timeout=timeout, limits=limits, follow_redirects=False,
                                     headers={"User-Agent": USER_AGENT}) as client:  # fmt: skip
            slots = [
                asyncio.create_task(self._slot(client, stop), name=f"webhook-slot-{i}")
                for i in range(self.settings.concurrency)
            ]
            gauges = asyncio.create_task(self._gauges(stop), name="webhook-gauges")
            try:
                await stop.wait()
            finally:
                for task in (*slots, gauges):
                    task.cancel()
                await asyncio.gather(*slots, gauges, return_exceptions=True)

    async def _gauges(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                counts = await self.store.backlog()
                for status in (*OPEN_STATUSES, FAILED):
                    self.metrics.backlog.labels(status).set(counts.get(status, 0))
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - a gauge refresh must not stop delivery
                log.exception("webhook backlog gauge refresh failed")
            await asyncio.sleep(self.settings.gauge_seconds)

    async def _slot(self, client: httpx.AsyncClient, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                worked = await self.deliver_once(client)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - database hiccup: log, back off, go on
                log.exception("webhook delivery round failed")
                worked = 0
                await asyncio.sleep(1.0)
            if not worked:
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), self.settings.poll_seconds)
                except TimeoutError:
                    pass

    async def _claim(self, session: AsyncSession, now: float) -> WebhookEndpointRow | None:
        """Lock one endpoint whose oldest open delivery is due (SKIP LOCKED)."""
        heads = (
            select(WebhookDeliveryRow.endpoint_id, func.min(WebhookDeliveryRow.id).label("head"))
            .where(WebhookDeliveryRow.status.in_(OPEN_STATUSES))
            .group_by(WebhookDeliveryRow.endpoint_id)
            .subquery()
        )
        due = (
            select(heads.c.endpoint_id)
            .join(WebhookDeliveryRow, WebhookDeliveryRow.id == heads.c.head)
            .where(WebhookDeliveryRow.next_attempt_at <= now)
        )
        return await session.scalar(
            select(WebhookEndpointRow)
            .where(WebhookEndpointRow.id.in_(due), WebhookEndpointRow.deleted_at.is_(None))
            .order_by(func.random())
            .limit(1)
            .with_for_update(skip_locked=True)
        )

    async def deliver_once(self, client: httpx.AsyncClient) -> int:
        """Claim one endpoint and send its due deliveries in order; returns attempts made."""
        attempts = 0
        async with self.sessions() as session, session.begin():
            endpoint = await self._claim(session, time.time())
            if endpoint is None:
                return 0
            self.metrics.claims.inc()
            # Read under the lock (what another worker committed before we locked is seen).
            queue = (await session.scalars(
                select(WebhookDeliveryRow)
                .where(WebhookDeliveryRow.endpoint_id == endpoint.id,
                       WebhookDeliveryRow.status.in_(OPEN_STATUSES))
                .order_by(WebhookDeliveryRow.id)
                .limit(self.settings.batch)
            )).all()  # fmt: skip
            for delivery in queue:
                if delivery.next_attempt_at > time.time():
                    break
                attempts += 1
                if not await self._attempt(session, client, endpoint, delivery):
                    break
        return attempts

    async def _attempt(
        self,
        session: AsyncSession,
        client: httpx.AsyncClient,
        endpoint: WebhookEndpointRow,
        delivery: WebhookDeliveryRow,
    ) -> bool:
        """POST one delivery; record the attempt and the new status. True when sent."""
        body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
        number = delivery.attempts + 1
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: sign(body, endpoint.secret),
            EVENT_ID_HEADER: delivery.event_id,
            IDEMPOTENCY_HEADER: delivery.event_id,
            "Kairos-Event-Type": delivery.event_type,
            "Kairos-Delivery-Id": str(delivery.id),
            "Kairos-Attempt": str(number),
        }
        started_wall, started = time.time(), time.perf_counter()
        code: int | None = None
        error: str | None = None
        try:
            async with asyncio.timeout(self.settings.timeout_seconds):
                response = await client.post(endpoint.url, content=body, headers=headers)
            code = response.status_code
            outcome = "sent" if 200 <= code < 300 else "http_error"
            if outcome != "sent":
                error = f"HTTP {code}: {response.text[:200]}"
        except (TimeoutError, httpx.TimeoutException):
            outcome, error = "timeout", f"no answer within {self.settings.timeout_seconds} s"
        except httpx.HTTPError as exc:
            outcome, error = "connection_error", f"{type(exc).__name__}: {exc}"[:500]
        elapsed = time.perf_counter() - started
        self.metrics.attempts.labels(outcome).inc()
        self.metrics.latency.observe(elapsed)
        session.add(WebhookAttemptRow(
            delivery_id=delivery.id, attempt=number, started_at=started_wall,
            duration_seconds=elapsed, status_code=code, error=error, worker=self.name[:100],
        ))  # fmt: skip
        delivery.attempts = number
        if outcome == "sent":
            delivery.status, delivery.sent_at, delivery.last_error = SENT, time.time(), None
            self.metrics.lag.observe(max(0.0, delivery.sent_at - delivery.created_at))
            self.delivered += 1
            return True
        delivery.last_error = error
        if number >= self.settings.max_attempts:
            delivery.status = FAILED
            self.metrics.dead_letters.inc()
            log.warning("webhook delivery %s to %s dead-lettered after %d attempts: %s",
                        delivery.id, endpoint.id, number, error)  # fmt: skip
            return True  # the endpoint's next delivery may go now
        delivery.status = RETRYING
        delivery.next_attempt_at = time.time() + backoff_seconds(number, self.settings, self.rng)
        return False


def settings_from_config(config: Any) -> WorkerSettings:
    """Worker settings from a :class:`~kairos_service.config.ServiceConfig`."""
    return WorkerSettings(
        timeout_seconds=config.webhook_timeout_seconds,
        max_attempts=config.webhook_max_attempts,
        backoff_base_seconds=config.webhook_backoff_base_seconds,
        backoff_cap_seconds=config.webhook_backoff_cap_seconds,
        concurrency=config.webhook_concurrency,
    )


async def run_worker(
    database_url: str,
    settings: WorkerSettings | None = None,
    *,
    stop: asyncio.Event | None = None,
    metrics_port: int | None = None,
    metrics_host: str = "127.0.0.1",
    migrate: bool = True,
) -> None:
    """``kairos webhooks worker``: a standalone delivery worker process."""
    from kairos_service.db.migrate import upgrade
    from kairos_service.db.session import make_engine, make_sessionmaker

    engine = make_engine(database_url)
    try:
        if migrate:
            await upgrade(engine)
        worker = DeliveryWorker(make_sessionmaker(engine), settings)
        if metrics_port is not None:
            from prometheus_client import start_http_server

            start_http_server(metrics_port, addr=metrics_host, registry=worker.registry)
        await worker.run(stop)
    finally:
        await engine.dispose()
