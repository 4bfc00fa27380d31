"""The API's routers, gathered in one router the app factory includes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse

from kairos_service.config import static_dir
from kairos_service.db.models import Checkpoint

router = APIRouter()


@router.get("/api/health", tags=["service"])
async def service_health(request: Request) -> dict[str, Any]:
    """Database revision, indexer checkpoint, /ws clients: is the service alive (cheap)."""
    runtime = request.app.state.runtime
    async with runtime.sessions() as session:
        checkpoint = await session.get(Checkpoint, "program")
    return {
        "status": "ok",
        "database_revision": runtime.database_revision,
        "indexed_slot": checkpoint.slot if checkpoint else 0,
        # Events stored by this process's indexer since it started (None: no indexer here).
        "indexed_events": runtime.indexer.stored_events if runtime.indexer else None,
        "ws_clients": len(runtime.hub.clients),
        "ws_dropped": runtime.hub.dropped_total,
    }


@router.get("/", include_in_schema=False)
async def index() -> RedirectResponse:
    """The API docs are the landing page (the account page needs an account)."""
    return RedirectResponse("/docs")


@router.get("/accounts/{pubkey}", include_in_schema=False)
async def account_page(pubkey: str) -> FileResponse:
    """The live web page of one margin account (it reads the account from its URL)."""
    return FileResponse(static_dir() / "account.html", media_type="text/html")
