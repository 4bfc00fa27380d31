"""Prometheus metrics of the API per tier (prometheus-client, one registry per app)."""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class ApiMetrics:
    """Requests, latency, 429s, cached answers, saturation refusals, and backend health."""

    def __init__(
        self,
        registry: CollectorRegistry,
        backend_up: Callable[[], float],
        queue_depth: Callable[[], float],
    ) -> None:
        self.registry = registry
        self.requests = Counter(
            "kairos_api_requests_total",
            "API requests answered, by tier, endpoint (route template) and status code.",
            ["tier", "endpoint", "code"],
            registry=registry,
        )
        self.latency = Histogram(
            "kairos_api_request_seconds",
            "Time to answer an API request, by tier.",
            ["tier"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
            registry=registry,
        )
        self.limited = Counter(
            "kairos_api_rate_limited_total",
            "Requests over their key's limit (answered 429 or from the read cache), by tier.",
            ["tier", "endpoint"],
            registry=registry,
        )
        self.cached = Counter(
            "kairos_api_cached_answers_total",
            "Rate-limited safe reads answered from the read cache, by tier.",
            ["tier"],
            registry=registry,
        )
        self.saturated = Counter(
            "kairos_api_saturation_refused_total",
            "Requests refused with 503 because the replica was saturated, by tier.",
            ["tier"],
            registry=registry,
        )
        self.degraded = Counter(
            "kairos_ratelimit_degraded_decisions_total",
            "Rate-limit decisions taken without the shared backend (Redis unreachable).",
            ["policy"],
            registry=registry,
        )
        up = Gauge(
            "kairos_ratelimit_backend_up",
            "1 while the rate-limit backend answers, 0 while Redis is unreachable (alert).",
            registry=registry,
        )
        up.set_function(backend_up)
        depth = Gauge(
            "kairos_api_queue_depth",
            "Requests waiting in the saturation queue of this replica.",
            registry=registry,
        )
        depth.set_function(queue_depth)
