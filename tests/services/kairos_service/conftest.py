"""Fixtures of the service tests: a real PostgreSQL server, databases on both engines."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from kairos_localnet.testing import start_cluster
from kairos_service.db.migrate import upgrade
from kairos_service.db.session import make_engine
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.clients.conftest import Setup

from .postgres import postgres_server

ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server for the whole session (fails loudly when not installed)."""
    with postgres_server() as url:
        yield url


async def _create_database(server_url: str) -> str:
    name = "t_" + uuid.uuid4().hex[:16]
    conn = await asyncpg.connect(server_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return server_url.rsplit("/", 1)[0] + "/" + name


def new_database_url(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database of ``kind`` ("sqlite" or "postgresql")."""
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'service.db'}"
    server = request.getfixturevalue("postgres_url")
    return asyncio.run(_create_database(server))


@pytest.fixture(params=ENGINES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh empty database, once on SQLite and once on PostgreSQL."""
    return new_database_url(request.param, tmp_path, request)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on a fresh database migrated to head."""
    eng = make_engine(database_url)
    await upgrade(eng)
    try:
        yield eng
    finally:
        await eng.dispose()


@pytest.fixture(scope="session")
def service_chain() -> Iterator[Setup]:
    """A localnet of the service tests' own with Kairos deployed and one exchange."""
    from tests.clients.conftest import _set_up, program_deployment

    with start_cluster([program_deployment()], slot_ms=100) as cluster:
        yield asyncio.run(_set_up(cluster))
