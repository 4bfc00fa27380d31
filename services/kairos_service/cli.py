"""What the ``kairos serve``, ``kairos performance`` and ``kairos account state`` commands run.

The kairos CLI (clients/kairos/cli.py) imports this module lazily inside its commands,
so the SDK never depends on the service.
"""

from __future__ import annotations

import asyncio
import logging

import uvicorn

from kairos_service.app import create_app
from kairos_service.config import ServiceConfig
from kairos_service.db.migrate import upgrade
from kairos_service.db.session import make_engine


def serve(config: ServiceConfig, *, log_level: str = "info") -> None:
    """Run the service in the foreground until interrupted."""
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(message)s")
    app = create_app(config)
    uvicorn.run(app, host=config.host, port=config.port, log_level=log_level)


async def migrate_only(database_url: str) -> str:
    """Bring the database to the newest revision and return it."""
    from kairos_service.db.migrate import current_revision

    engine = make_engine(database_url)
    try:
        await upgrade(engine)
        revision = await current_revision(engine)
    finally:
        await engine.dispose()
    return revision or ""


def run_migrations(database_url: str) -> str:
    """Synchronous wrapper of :func:`migrate_only` for the CLI."""
    return asyncio.run(migrate_only(database_url))
