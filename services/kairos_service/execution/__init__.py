"""Execution quality in the service: impact models, preferences, plans, analysis.

``models`` holds the tables (Alembic revision ``*_execution_quality``), ``service`` the
logic over the indexer's fills and the chain, ``routes`` the HTTP API under
``/api/execution`` and ``/api/routing``, ``worker`` the scheduled refit of the models.
"""
