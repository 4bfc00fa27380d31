"""Alembic migration environment of the service (``versions/`` holds the revisions)."""
