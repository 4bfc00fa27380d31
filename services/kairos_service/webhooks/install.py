"""Adds the webhooks routes, the business metrics and the delivery worker to an app."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from kairos_service.runtime import ServiceRuntime


def install(app: FastAPI, runtime: ServiceRuntime) -> None:
    """Add ``/api/webhooks``, the business metrics and (``webhook_worker``) the delivery worker.

    The worker's metrics join the app's ``/metrics`` (the rate-limit guard's registry, or
    a ``/metrics`` route of their own when rate limiting is off).
    """
    from prometheus_client import CollectorRegistry

    from kairos_service.webhooks import routes
    from kairos_service.webhooks.worker import DeliveryWorker, settings_from_config

    app.include_router(routes.router)
    guard = getattr(app.state, "guard", None)
    registry: CollectorRegistry = guard.registry if guard is not None else CollectorRegistry()
    app.state.metrics_registry = registry
    if guard is None:
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
        from starlette.requests import Request
        from starlette.responses import Response

        async def metrics(_request: Request) -> Response:
            return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

        app.add_route("/metrics", metrics, include_in_schema=False)
    from kairos_service.metrics.business import install as install_business_metrics

    install_business_metrics(app, runtime, registry)
    if runtime.config.webhook_worker:
        worker = DeliveryWorker(
            runtime.sessions, settings_from_config(runtime.config), registry=registry
        )
        app.state.webhook_worker = worker
        runtime.event_listeners.append(lambda _rows: worker.wake())
        runtime.extra_workers.append(("webhook-delivery", worker.run))
