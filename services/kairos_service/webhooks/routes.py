"""``/api/webhooks``: subscriptions of the calling API key, their deliveries, replays."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from kairos_service.api.problems import Problem, bad_parameter, not_found
from kairos_service.webhooks.store import WebhookInputError, WebhookNotFound, WebhookStore

router = APIRouter(prefix="/api/webhooks", tags=["webhooks"])

LOCAL_KEY = "local"
"""The owner of subscriptions made while rate limiting (and so API keys) is off."""


class WebhookCreate(BaseModel):
    """A new subscription."""

    url: str = Field(description="http(s) URL that receives signed POSTs.")
    event_types: list[str] = Field(default_factory=list, description="IDL event names; [] = all.")
    accounts: list[str] = Field(
        default_factory=list, description="Margin accounts to follow; [] = all the key may read."
    )
    secret: str | None = Field(
        None, description="HMAC secret (16..200 chars); generated if absent."
    )
    description: str = ""


class WebhookReplay(BaseModel):
    """One delivery to send again, or a range of indexing times (unix seconds)."""

    delivery_id: int | None = None
    since: float | None = None
    until: float | None = None


def _store(request: Request) -> WebhookStore:
    return WebhookStore(request.app.state.runtime.sessions)


def _key(request: Request) -> tuple[str, Any]:
    """(key id, principal or None) of the caller."""
    principal = getattr(request.state, "kairos_principal", None)
    if principal is None:
        return LOCAL_KEY, None
    return str(principal.key_id), principal


def _problem(exc: Exception) -> Problem:
    if isinstance(exc, WebhookInputError):
        return bad_parameter(exc.field, str(exc))
    return not_found("webhook-not-found", str(exc))


@router.post("", status_code=201)
async def create_webhook(body: WebhookCreate, request: Request) -> dict[str, Any]:
    """Subscribe; the answer carries the signing secret (shown this once)."""
    key_id, principal = _key(request)
    if principal is not None and not principal.all_accounts:
        if not body.accounts:
            raise bad_parameter(
                "accounts", "this key reads only its own accounts: list them in accounts"
            )
        guard = request.app.state.guard
        for account in body.accounts:
            await guard.check_account(principal, account.strip())
    config = request.app.state.runtime.config
    try:
        return await _store(request).create(
            key_id, body.url, body.event_types, body.accounts, body.secret, body.description,
            allow_private=config.webhook_allow_private,
        )  # fmt: skip
    except (WebhookInputError, WebhookNotFound) as exc:
        raise _problem(exc) from None


@router.get("")
async def list_webhooks(request: Request) -> dict[str, Any]:
    """The caller's subscriptions (never their secrets)."""
    key_id, _ = _key(request)
    return {"webhooks": await _store(request).list_endpoints(key_id)}


@router.get("/{endpoint_id}")
async def get_webhook(endpoint_id: str, request: Request) -> dict[str, Any]:
    """One subscription of the caller."""
    key_id, _ = _key(request)
    try:
        return await _store(request).get(key_id, endpoint_id)
    except WebhookNotFound as exc:
        raise _problem(exc) from None


@router.delete("/{endpoint_id}", status_code=204)
async def delete_webhook(endpoint_id: str, request: Request) -> Response:
    """Unsubscribe; undelivered deliveries are cancelled."""
    key_id, _ = _key(request)
    try:
        await _store(request).delete(key_id, endpoint_id)
    except WebhookNotFound as exc:
        raise _problem(exc) from None
    return Response(status_code=204)


@router.get("/{endpoint_id}/deliveries")
async def webhook_deliveries(
    endpoint_id: str,
    request: Request,
    status: str | None = Query(None, description="pending, retrying, sent, failed, cancelled"),
    limit: int = Query(100, description="1..1000"),
    before: int | None = Query(None, description="Only deliveries with a smaller id (paging)."),
) -> dict[str, Any]:
    """Deliveries newest first, each with every attempt (time, duration, answer, error)."""
    key_id, _ = _key(request)
    try:
        rows = await _store(request).deliveries(
            key_id, endpoint_id, status=status, limit=limit, before=before
        )
    except (WebhookInputError, WebhookNotFound) as exc:
        raise _problem(exc) from None
    return {"endpoint_id": endpoint_id, "deliveries": rows}


@router.post("/{endpoint_id}/replay", status_code=202)
async def replay_webhook(endpoint_id: str, body: WebhookReplay, request: Request
                         ) -> dict[str, Any]:  # fmt: skip
    """Queue one delivery again, or every finished delivery indexed in [since, until)."""
    key_id, _ = _key(request)
    try:
        ids = await _store(request).replay(
            key_id, endpoint_id, delivery_id=body.delivery_id, since=body.since, until=body.until
        )
    except (WebhookInputError, WebhookNotFound) as exc:
        raise _problem(exc) from None
    worker = getattr(request.app.state, "webhook_worker", None)
    if worker is not None:
        worker.wake()
    return {"endpoint_id": endpoint_id, "queued": len(ids), "delivery_ids": ids}
