"""Alembic revisions of the service database, oldest first."""
