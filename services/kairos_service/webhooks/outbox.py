"""The durable outbox: deliveries written in the indexer's own database transaction.

:func:`enqueue` runs inside the transaction that stores a Kairos transaction's events
(``Indexer.ingest``), so either the events and all their deliveries are committed, or
neither is: a crash can never leave an indexed event without its deliveries. The worker
(:mod:`.worker`) then owns every delivery until it is sent, dead-lettered or cancelled.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from kairos_service.webhooks.models import PENDING, WebhookDeliveryRow, WebhookEndpointRow


def event_id(signature: str, idx: int) -> str:
    """The stable id of an event (its idempotency key): ``<signature>:<index>``."""
    return f"{signature}:{idx}"


def payload_of(row: dict[str, Any]) -> dict[str, Any]:
    """The JSON body delivered for one journal row (see ``store_events``)."""
    return {
        "id": event_id(row["signature"], row["idx"]),
        "type": row["name"],
        "signature": row["signature"],
        "index": row["idx"],
        "slot": row["slot"],
        "block_time": row["block_time"],
        "commitment": row["commitment"],
        "accounts": list(row["accounts"]),
        "market": row.get("market"),
        "data": row["data"],
    }


def matches(event_types: list[str], accounts: list[str], row: dict[str, Any]) -> bool:
    """True when an endpoint with these filters wants the journal row ``row``."""
    if event_types and row["name"] not in event_types:
        return False
    return not accounts or not set(accounts).isdisjoint(row["accounts"])


async def enqueue(session: AsyncSession, rows: list[dict[str, Any]]) -> int:
    """Add a delivery per (new event, matching live endpoint) to the session; returns count.

    The caller owns the transaction (the indexer's); nothing is committed here. Rows are
    inserted in event order, so delivery ids follow the indexing order per endpoint.
    """
    if not rows:
        return 0
    endpoints = (
        await session.execute(
            select(
                WebhookEndpointRow.id, WebhookEndpointRow.event_types, WebhookEndpointRow.accounts
            )
            .where(WebhookEndpointRow.deleted_at.is_(None))
            .order_by(WebhookEndpointRow.id)
        )
    ).all()
    if not endpoints:
        return 0
    now = time.time()
    values: list[dict[str, Any]] = []
    for row in rows:
        payload: dict[str, Any] | None = None
        for endpoint_id, event_types, accounts in endpoints:
            if not matches(event_types or [], accounts or [], row):
                continue
            payload = payload or payload_of(row)
            values.append({
                "endpoint_id": endpoint_id, "event_id": payload["id"],
                "event_type": row["name"], "slot": row["slot"], "payload": payload,
                "status": PENDING, "attempts": 0, "next_attempt_at": now, "created_at": now,
            })  # fmt: skip
    if values:
        await session.execute(insert(WebhookDeliveryRow), values)
    return len(values)
