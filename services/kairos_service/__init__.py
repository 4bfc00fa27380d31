"""The Kairos service (``kairos serve``): indexer, account state, performance, HTTP and WS API.

Layout: ``db`` (models, engine, Alembic migrations), ``indexer`` (chain logs to rows),
``state`` (account state from the SDK's health mirror), ``performance`` (equity, trades,
metrics), ``api`` (FastAPI app and routers), ``ws`` (the /ws hub), ``web`` (the account page).
The SDK (``kairos``) never imports this package; this package imports the SDK.
"""

__all__: list[str] = []
