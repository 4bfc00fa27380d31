"""Prometheus metrics of one keeper process, and its /metrics + /health HTTP server.

Each :class:`KeeperMetrics` owns its own ``CollectorRegistry`` (not the global one),
so several keepers or tests can live in one process. Every series carries the
``keeper`` label; the shard is on ``kairos_keeper_info``.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from aiohttp import web
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

NAMESPACE = "kairos_keeper"

_LOOP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_RPC_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class KeeperMetrics:
    """The runtime's metrics; keepers add their own to ``registry``."""

    def __init__(
        self,
        keeper: str,
        *,
        shard: str = "0/1",
        version: str = "",
        registry: CollectorRegistry | None = None,
    ) -> None:
        self.keeper = keeper
        self.registry = registry if registry is not None else CollectorRegistry()
        counter, gauge, histogram = self.counter, self.gauge, self.histogram
        self.info = gauge(
            "info", "Constant 1, labelled with the keeper's identity.", ("shard", "version")
        )
        self.info.labels(keeper, shard, version).set(1)
        self.actions_attempted = counter(
            "actions_attempted_total", "Actions the keeper tried.", ("action",)
        )
        self.actions_succeeded = counter(
            "actions_succeeded_total", "Actions whose transaction landed.", ("action",)
        )
        self.actions_outcompeted = counter(
            "actions_outcompeted_total",
            "Actions another keeper did first (an on-chain 'already done' error).",
            ("action",),
        )
        self.actions_failed = counter(
            "actions_failed_total", "Actions that failed, by reason.", ("action", "reason")
        )
        self.rpc_requests = counter(
            "rpc_requests_total",
            "HTTP JSON-RPC requests (each attempt) by method and status.",
            ("method", "status"),
        )
        self.rpc_errors = counter(
            "rpc_errors_total", "JSON-RPC error answers by method and code.", ("method", "code")
        )
        self.rpc_rate_limited = counter(
            "rpc_rate_limited_total", "HTTP 429 (or rate-limit error) answers.", ("method",)
        )
        self.rpc_retries = counter(
            "rpc_retries_total", "Retried RPC requests by method and reason.", ("method", "reason")
        )
        self.rpc_latency = histogram(
            "rpc_request_seconds",
            "Duration of one HTTP JSON-RPC attempt.",
            ("method",),
            buckets=_RPC_BUCKETS,
        )
        self.rate_limit_wait = counter(
            "rate_limit_wait_seconds_total", "Seconds spent waiting for the RPC token bucket."
        )
        self.ws_connected = gauge("ws_connected", "1 while the PubSub websocket is connected.")
        self.ws_disconnects = counter("ws_disconnects_total", "PubSub websocket connections lost.")
        self.ws_reconnects = counter(
            "ws_reconnects_total", "PubSub websocket reconnections (after a lost connection)."
        )
        self.subscription_updates = counter(
            "subscription_updates_total",
            "Updates delivered by subscriptions, by kind and source (ws or poll).",
            ("kind", "source"),
        )
        self.loop_latency = histogram(
            "loop_seconds", "Duration of one keeper loop iteration.", buckets=_LOOP_BUCKETS
        )
        self.loop_errors = counter("loop_errors_total", "Loop iterations that raised.")
        self.last_loop = gauge(
            "last_loop_timestamp_seconds", "Unix time at which the last loop iteration ended."
        )
        # Children cached by label values: .labels() costs a lock and a dict lookup.
        self._children: dict[tuple[Any, ...], Any] = {}

    # --- declaring metrics (the runtime's and each keeper's own) -----------------------

    def counter(self, name: str, doc: str, labels: tuple[str, ...] = ()) -> Counter:
        """Counter ``kairos_keeper_<name>`` in this registry, labelled by keeper then ``labels``."""
        return Counter(name, doc, ("keeper", *labels), namespace=NAMESPACE, registry=self.registry)

    def gauge(self, name: str, doc: str, labels: tuple[str, ...] = ()) -> Gauge:
        """Gauge ``kairos_keeper_<name>`` in this registry, labelled by keeper then ``labels``."""
        return Gauge(name, doc, ("keeper", *labels), namespace=NAMESPACE, registry=self.registry)

    def histogram(
        self,
        name: str,
        doc: str,
        labels: tuple[str, ...] = (),
        *,
        buckets: Sequence[float] = Histogram.DEFAULT_BUCKETS,
    ) -> Histogram:
        """Histogram ``kairos_keeper_<name>`` with ``buckets``, labelled as :meth:`counter`."""
        return Histogram(
            name,
            doc,
            ("keeper", *labels),
            namespace=NAMESPACE,
            registry=self.registry,
            buckets=tuple(buckets),
        )

    def _child(self, metric: Any, *labels: str) -> Any:
        key = (id(metric), *labels)
        child = self._children.get(key)
        if child is None:
            child = metric.labels(self.keeper, *labels)
            self._children[key] = child
        return child

    # --- recording helpers (used by the runtime's modules) ---------------------------

    def rpc_request(self, method: str, status: str, seconds: float | None = None) -> None:
        """Count one HTTP attempt (status "ok", "429", "5xx", "timeout", "connection", ...)."""
        self._child(self.rpc_requests, method, status).inc()
        if seconds is not None:
            self._child(self.rpc_latency, method).observe(seconds)

    def rpc_error(self, method: str, code: int) -> None:
        """Count a JSON-RPC error answer."""
        self._child(self.rpc_errors, method, str(code)).inc()

    def rpc_retry(self, method: str, reason: str) -> None:
        """Count a retry of ``method`` because of ``reason``."""
        self._child(self.rpc_retries, method, reason).inc()

    def rate_limited(self, method: str) -> None:
        """Count a 429."""
        self._child(self.rpc_rate_limited, method).inc()

    def waited_for_token(self, seconds: float) -> None:
        """Add time spent in the token bucket."""
        if seconds > 0:
            self._child(self.rate_limit_wait).inc(seconds)

    def action(self, action: str, outcome: str, reason: str = "") -> None:
        """Count an action outcome: "attempted", "succeeded", "outcompeted" or "failed"."""
        if outcome == "attempted":
            self._child(self.actions_attempted, action).inc()
        elif outcome == "succeeded":
            self._child(self.actions_succeeded, action).inc()
        elif outcome == "outcompeted":
            self._child(self.actions_outcompeted, action).inc()
        elif outcome == "failed":
            self._child(self.actions_failed, action, reason or "unknown").inc()
        else:
            raise ValueError(f"unknown action outcome {outcome!r}")

    def subscription_update(self, kind: str, source: str) -> None:
        """Count one delivered subscription update."""
        self._child(self.subscription_updates, kind, source).inc()

    def ws_state(self, connected: bool, *, reconnected: bool = False) -> None:
        """Record a websocket connect (``reconnected`` after a loss) or disconnect."""
        self._child(self.ws_connected).set(1 if connected else 0)
        if connected and reconnected:
            self._child(self.ws_reconnects).inc()
        if not connected:
            self._child(self.ws_disconnects).inc()

    def loop_done(self, seconds: float, *, error: bool = False) -> None:
        """Record one loop iteration."""
        self._child(self.loop_latency).observe(seconds)
        self._child(self.last_loop).set(time.time())
        if error:
            self._child(self.loop_errors).inc()

    def value(self, name: str, **labels: str) -> float:
        """A sample's current value (0 if absent): for tests and the CLI."""
        found = self.registry.get_sample_value(name, {"keeper": self.keeper, **labels})
        return 0.0 if found is None else float(found)

    def total(self, name: str, **labels: str) -> float:
        """Sum of a metric's samples whose labels include ``labels`` (0 if none)."""
        wanted = {"keeper": self.keeper, **labels}
        total = 0.0
        for family in self.registry.collect():
            for sample in family.samples:
                labels = sample.labels
                if sample.name == name and all(labels.get(k) == v for k, v in wanted.items()):
                    total += sample.value
        return total


@dataclasses.dataclass(frozen=True)
class HealthReport:
    """What /health answers: healthy only if every check passed."""

    healthy: bool
    checks: dict[str, Any]


HealthCheck = Callable[[], Awaitable[HealthReport]]


class MetricsServer:
    """Serves ``/metrics`` (Prometheus text) and ``/health`` (JSON; 200 or 503)."""

    def __init__(
        self, metrics: KeeperMetrics, health: HealthCheck, *, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self._metrics = metrics
        self._health = health
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    @property
    def url(self) -> str:
        """Base URL of the server (after start)."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> None:
        """Bind and serve; ``port=0`` picks a free port (read ``port`` afterwards)."""
        app = web.Application()
        app.router.add_get("/metrics", self._serve_metrics)
        app.router.add_get("/health", self._serve_health)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        server = site._server  # aiohttp keeps the bound socket here; port 0 needs it
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.port = int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        """Close the listening socket and open connections."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _serve_metrics(self, request: web.Request) -> web.Response:
        body = generate_latest(self._metrics.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _serve_health(self, request: web.Request) -> web.Response:
        report = await self._health()
        body = json.dumps({"healthy": report.healthy, "checks": report.checks}, default=str)
        return web.Response(
            text=body, status=200 if report.healthy else 503, content_type="application/json"
        )
