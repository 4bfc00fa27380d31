"""Rate limiting of the Kairos service: tiers, token buckets, analytics, flags and switches.

:func:`install` puts the guard in front of every endpoint of an app (see ``middleware``),
adds ``/api/rate-limits/*`` and ``/metrics``; the app's lifespan calls ``guard.start()`` and
``guard.stop()``. docs/ARCHITECTURE.md ("Rate limiting") describes the whole design.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI
    from prometheus_client import CollectorRegistry
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from kairos_service.ratelimit.bucket import BucketBackend
    from kairos_service.ratelimit.guard import Guard, GuardSettings


def install(
    app: FastAPI,
    sessions: async_sessionmaker[AsyncSession],
    settings: GuardSettings | None = None,
    *,
    backend: BucketBackend | None = None,
    registry: CollectorRegistry | None = None,
) -> Guard:
    """Wrap ``app`` with the rate-limit middleware; returns the guard (``app.state.guard``)."""
    from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
    from starlette.requests import Request
    from starlette.responses import Response

    from kairos_service.ratelimit import routes
    from kairos_service.ratelimit.guard import Guard
    from kairos_service.ratelimit.middleware import RateLimitMiddleware

    guard = Guard(sessions, settings, backend=backend, registry=registry)
    app.state.guard = guard
    app.include_router(routes.router)

    async def metrics(_request: Request) -> Response:
        return Response(generate_latest(guard.registry), media_type=CONTENT_TYPE_LATEST)

    app.add_route("/metrics", metrics, include_in_schema=False)
    middleware_kwargs: dict[str, Any] = {"guard": guard, "router": app.router}
    app.add_middleware(RateLimitMiddleware, **middleware_kwargs)
    return guard
