"""The FastAPI app factory of ``kairos serve``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy.ext.asyncio import AsyncEngine

from kairos_service.api import problems
from kairos_service.config import ServiceConfig, static_dir
from kairos_service.indexer.worker import process_workers
from kairos_service.runtime import ServiceRuntime

if TYPE_CHECKING:
    from kairos_service.ratelimit.guard import Guard


def create_app(
    config: ServiceConfig | None = None,
    *,
    engine: AsyncEngine | None = None,
    migrate: bool = True,
) -> FastAPI:
    """The service's app: API routers, /ws, the web page; workers run in its lifespan.

    ``engine`` lets tests and benchmarks share one database between an indexer and
    several apps (API replicas); ``config.run_indexer=False`` makes an API-only replica.
    """
    config = config or ServiceConfig.from_env()
    runtime = ServiceRuntime(config, engine)
    guard: Guard | None = None

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await runtime.start(migrate=migrate, workers=process_workers(runtime))
        try:
            if guard is not None:
                await guard.start()
            try:
                yield
            finally:
                if guard is not None:
                    await guard.stop()
        finally:
            await runtime.stop()

    app = FastAPI(
        title="Kairos service",
        version="0.1.0",
        description="Indexer, account state, portfolio performance and streaming for Kairos.",
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    problems.install(app)

    from kairos_service.api import routes

    app.include_router(routes.router)
    from kairos_service.api import routes_data

    app.include_router(routes_data.router)
    from kairos_service.execution.routes import router as execution_router

    app.include_router(execution_router)
    from kairos_service.ws.endpoint import router as ws_router

    app.include_router(ws_router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    if config.rate_limit:
        # Keys, tiers, limits, analytics and flags around every endpoint.
        from kairos_service import ratelimit
        from kairos_service.ratelimit.guard import GuardSettings

        guard = ratelimit.install(app, runtime.sessions, GuardSettings.from_config(config))
    from kairos_service.webhooks.install import install as install_webhooks

    install_webhooks(app, runtime)
    return app
