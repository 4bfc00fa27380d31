"""The running service: engine, sessions, the /ws hub and the background tasks."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from kairos_service.config import ServiceConfig
from kairos_service.db.migrate import current_revision, upgrade
from kairos_service.db.session import make_engine, make_sessionmaker
from kairos_service.ws.hub import Hub

log = logging.getLogger("kairos_service")


class ServiceRuntime:
    """What one ``kairos serve`` process holds; the app factory keeps it on ``app.state``."""

    def __init__(self, config: ServiceConfig, engine: AsyncEngine | None = None) -> None:
        self.config = config
        self.engine = engine or make_engine(config.database_url)
        self.sessions: async_sessionmaker[Any] = make_sessionmaker(self.engine)
        self.hub = Hub(queue_size=config.ws_queue_size)
        self._tasks: list[asyncio.Task[None]] = []
        self._owns_engine = engine is None
        self.database_revision: str | None = None  # read once at start
        self.indexer: Any = None  # the Indexer, once the workers started
        from solders.pubkey import Pubkey

        from kairos_service.state.chain import ChainCache

        self.cache = ChainCache(
            config.rpc_url, config.pubsub_url, Pubkey.from_string(str(config.program_id))
        )
        # Called with the journal rows of each stored transaction (state caches, alerts).
        self.event_listeners: list[Callable[[list[dict[str, Any]]], None]] = []
        # Workers other packages add before start (the webhook delivery worker).
        self.extra_workers: list[tuple[str, Callable[[], Awaitable[None]]]] = []

    def on_events(self, rows: list[dict[str, Any]]) -> None:
        """Tell every listener about newly indexed events."""
        for listener in self.event_listeners:
            try:
                listener(rows)
            except Exception:
                log.exception("event listener failed")

    async def start(
        self,
        *,
        migrate: bool = True,
        workers: Sequence[tuple[str, Callable[[], Awaitable[None]]]] = (),
    ) -> None:
        """Migrate the database to head, then start ``workers`` and the extra workers.

        The caller chooses the workers (:func:`kairos_service.indexer.worker.process_workers`
        for ``kairos serve``): they build on this runtime, so it never imports them.
        """
        if migrate:
            await upgrade(self.engine)
        self.database_revision = await current_revision(self.engine)
        for name, factory in [*workers, *self.extra_workers]:
            self.spawn(name, factory)

    def spawn(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        """Run ``factory()`` as a task that restarts after a crash (logged), until stop."""

        async def supervise() -> None:
            while True:
                try:
                    await factory()
                    return
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("worker %s crashed; restarting in 1 s", name)
                    await asyncio.sleep(1.0)

        self._tasks.append(asyncio.create_task(supervise(), name=name))

    async def stop(self) -> None:
        """Cancel the workers, close /ws clients and the engine (if this runtime made it)."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks.clear()
        await self.hub.close()
        if self.indexer is not None:
            await self.indexer.close()
        await self.cache.close()
        if self._owns_engine:
            await self.engine.dispose()
