"""Alembic migrations, run by the service at start-up or by ``kairos serve --migrate-only``.

After adding an SDK event (each event type has its own table) or changing a model, write
the next revision with::

    python -m kairos_service.db.migrate "what changed"

and commit the new file under ``db/migrations/versions/`` (a test fails until then).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic config pointing at the service's migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url)
    return config


def head_revision() -> str:
    """The newest revision in ``migrations/versions``."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package ships its revisions
        raise RuntimeError("no Alembic revision found")
    return head


def new_revision(message: str, database_url: str) -> str:
    """Autogenerate the next revision from the models (run after adding a table or event).

    ``database_url`` must be a scratch database, empty or at head; returns the new file.
    """
    config = alembic_config(database_url)
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    rev_id = f"{int(head) + 1:04d}" if head and head.isdigit() else None
    command.upgrade(config, "head")
    result = command.revision(config, message=message, autogenerate=True, rev_id=rev_id)
    revision = result[0] if isinstance(result, list) else result
    if revision is None:  # pragma: no cover - revision() always returns a Script here
        raise RuntimeError("alembic wrote no revision")
    return str(revision.path)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (idempotent: a no-op when already there)."""

    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    """Revert the database to ``revision`` ("base" drops every table)."""

    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def current_revision(engine: AsyncEngine) -> str | None:
    """The revision the database is at (None before the first migration)."""

    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as connection:
        return await connection.run_sync(read)


if __name__ == "__main__":  # pragma: no cover - developer command
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = new_revision(
            " ".join(sys.argv[1:]) or "schema change", f"sqlite:///{tmp}/scratch.db"
        )
    import subprocess

    # The project's style for the generated file (ruff is in the dev extra).
    subprocess.run(["ruff", "format", "-q", path], check=False)
    subprocess.run(["ruff", "check", "-q", "--fix", path], check=False)
    print(path)
