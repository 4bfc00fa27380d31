"""Queries on subscriptions and deliveries shared by the API, the CLI and the worker.

Every function validates first and changes nothing on bad input (:class:`WebhookInputError`).
An endpoint is visible only to the key that created it (:class:`WebhookNotFound` otherwise).
"""

from __future__ import annotations

import ipaddress
import secrets
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from kairos.events import EVENT_TYPES
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kairos_service.webhooks.models import (
    CANCELLED,
    FAILED,
    OPEN_STATUSES,
    PENDING,
    SENT,
    STATUSES,
    WebhookAttemptRow,
    WebhookDeliveryRow,
    WebhookEndpointRow,
)

MAX_REPLAY = 10_000
"""Most deliveries one replay request may re-queue (narrow the range beyond that)."""
MIN_SECRET_LENGTH = 16
MAX_ACCOUNTS = 100


class WebhookInputError(ValueError):
    """A subscription or replay request the service cannot accept (nothing was changed)."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(detail)
        self.field = field


class WebhookNotFound(LookupError):
    """No such endpoint (or delivery) for this key."""


def validate_url(url: str, *, allow_private: bool) -> str:
    """An http(s) URL; private, loopback and link-local literal addresses only when allowed.

    Host names are not resolved here (DNS can change after the check); operators who
    expose the service to untrusted keys also filter egress at the network level.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookInputError("url", "the URL must be http:// or https:// with a host")
    if len(url) > 2048:
        raise WebhookInputError("url", "the URL is longer than 2048 characters")
    if parts.username or parts.password:
        raise WebhookInputError("url", "credentials in the URL are not accepted")
    try:
        _ = parts.port
    except ValueError:
        raise WebhookInputError("url", "the URL's port is not a number in 0..65535") from None
    if not allow_private:
        host = parts.hostname
        private = host == "localhost" or host.endswith(".localhost")
        try:
            address = ipaddress.ip_address(host)
            private = private or not address.is_global
        except ValueError:
            pass
        if private:
            raise WebhookInputError(
                "url", "private, loopback and link-local targets are refused on this service"
            )
    return url


def validate_event_types(event_types: Iterable[str]) -> list[str]:
    """Known IDL event names, sorted, deduplicated ("*" or nothing: every type)."""
    names = sorted({name.strip() for name in event_types if name.strip()})
    if names == ["*"]:
        return []
    unknown = [name for name in names if name not in EVENT_TYPES]
    if unknown:
        raise WebhookInputError(
            "event_types", f"unknown event type(s) {', '.join(unknown)}; known: "
            + ", ".join(sorted(EVENT_TYPES)),
        )  # fmt: skip
    return names


def validate_accounts(accounts: Iterable[str]) -> list[str]:
    """Base58 public keys, sorted, deduplicated."""
    from solders.pubkey import Pubkey

    out: set[str] = set()
    for text in accounts:
        try:
            out.add(str(Pubkey.from_string(text.strip())))
        except ValueError:
            raise WebhookInputError("accounts", f"{text!r} is not a base58 public key") from None
    if len(out) > MAX_ACCOUNTS:
        raise WebhookInputError("accounts", f"at most {MAX_ACCOUNTS} accounts per subscription")
    return sorted(out)


def endpoint_view(row: WebhookEndpointRow, *, with_secret: bool = False) -> dict[str, Any]:
    """The API document of an endpoint (the secret only when it was just created)."""
    doc: dict[str, Any] = {
        "id": row.id, "url": row.url, "event_types": row.event_types or ["*"],
        "accounts": row.accounts, "description": row.description,
        "created_at": row.created_at, "key_id": row.key_id,
    }  # fmt: skip
    if with_secret:
        doc["secret"] = row.secret
    return doc


def delivery_view(row: WebhookDeliveryRow, attempts: list[WebhookAttemptRow]) -> dict[str, Any]:
    """The API document of a delivery with each of its attempts."""
    return {
        "id": row.id, "event_id": row.event_id, "event_type": row.event_type,
        "slot": row.slot, "status": row.status, "attempts": row.attempts,
        "next_attempt_at": row.next_attempt_at if row.status in OPEN_STATUSES else None,
        "created_at": row.created_at, "sent_at": row.sent_at, "last_error": row.last_error,
        "replay_of": row.replay_of,
        "attempt_log": [
            {"attempt": a.attempt, "started_at": a.started_at,
             "duration_seconds": round(a.duration_seconds, 6), "status_code": a.status_code,
             "error": a.error, "worker": a.worker}
            for a in attempts
        ],
    }  # fmt: skip


class WebhookStore:
    """Subscriptions and deliveries in the service database."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def create(
        self,
        key_id: str,
        url: str,
        event_types: Iterable[str] = (),
        accounts: Iterable[str] = (),
        secret: str | None = None,
        description: str = "",
        *,
        allow_private: bool = False,
    ) -> dict[str, Any]:
        """Create an endpoint; the document includes the secret (shown once)."""
        url = validate_url(url, allow_private=allow_private)
        types = validate_event_types(event_types)
        bound = validate_accounts(accounts)
        if secret is None:
            secret = "whsec_" + secrets.token_urlsafe(32)
        if len(secret) < MIN_SECRET_LENGTH or len(secret) > 200:
            raise WebhookInputError(
                "secret", f"the secret must have {MIN_SECRET_LENGTH} to 200 characters"
            )
        if len(description) > 200:
            raise WebhookInputError("description", "at most 200 characters")
        row = WebhookEndpointRow(
            id="wh_" + secrets.token_hex(12), key_id=key_id, url=url, event_types=types,
            accounts=bound, secret=secret, description=description, created_at=time.time(),
            deleted_at=None,
        )  # fmt: skip
        async with self.sessions.begin() as session:
            session.add(row)
        return endpoint_view(row, with_secret=True)

    async def _endpoint(self, session: AsyncSession, key_id: str | None, endpoint_id: str
                        ) -> WebhookEndpointRow:  # fmt: skip
        row = await session.get(WebhookEndpointRow, endpoint_id)
        if row is None or row.deleted_at is not None or (key_id is not None
                                                          and row.key_id != key_id):
            raise WebhookNotFound(f"no webhook endpoint {endpoint_id!r} for this key")
        return row

    async def list_endpoints(self, key_id: str | None) -> list[dict[str, Any]]:
        """The live endpoints of ``key_id`` (every key's when None: admin), oldest first."""
        async with self.sessions() as session:
            query = select(WebhookEndpointRow).where(WebhookEndpointRow.deleted_at.is_(None))
            if key_id is not None:
                query = query.where(WebhookEndpointRow.key_id == key_id)
            rows = (await session.scalars(query.order_by(WebhookEndpointRow.created_at))).all()
        return [endpoint_view(row) for row in rows]

    async def get(self, key_id: str | None, endpoint_id: str) -> dict[str, Any]:
        """One endpoint of ``key_id``."""
        async with self.sessions() as session:
            return endpoint_view(await self._endpoint(session, key_id, endpoint_id))

    async def delete(self, key_id: str | None, endpoint_id: str) -> int:
        """Delete an endpoint; its undelivered deliveries are cancelled (returns how many)."""
        async with self.sessions.begin() as session:
            row = await self._endpoint(session, key_id, endpoint_id)
            row.deleted_at = time.time()
            result = await session.execute(
                update(WebhookDeliveryRow)
                .where(WebhookDeliveryRow.endpoint_id == endpoint_id,
                       WebhookDeliveryRow.status.in_(OPEN_STATUSES))
                .values(status=CANCELLED, last_error="subscription deleted")
            )  # fmt: skip
        return int(getattr(result, "rowcount", 0) or 0)

    async def deliveries(
        self,
        key_id: str | None,
        endpoint_id: str,
        *,
        status: str | None = None,
        limit: int = 100,
        before: int | None = None,
    ) -> list[dict[str, Any]]:
        """Deliveries of an endpoint, newest first, each with its attempts."""
        if status is not None and status not in STATUSES:
            raise WebhookInputError("status", f"status is one of {', '.join(STATUSES)}")
        if not 1 <= limit <= 1000:
            raise WebhookInputError("limit", "limit is 1..1000")
        async with self.sessions() as session:
            await self._endpoint(session, key_id, endpoint_id)
            query = select(WebhookDeliveryRow).where(WebhookDeliveryRow.endpoint_id == endpoint_id)
            if status is not None:
                query = query.where(WebhookDeliveryRow.status == status)
            if before is not None:
                query = query.where(WebhookDeliveryRow.id < before)
            rows = (await session.scalars(
                query.order_by(WebhookDeliveryRow.id.desc()).limit(limit))).all()  # fmt: skip
            attempts: dict[int, list[WebhookAttemptRow]] = {row.id: [] for row in rows}
            if rows:
                for attempt in await session.scalars(
                    select(WebhookAttemptRow)
                    .where(WebhookAttemptRow.delivery_id.in_(list(attempts)))
                    .order_by(WebhookAttemptRow.id)
                ):
                    attempts[attempt.delivery_id].append(attempt)
        return [delivery_view(row, attempts[row.id]) for row in rows]

    async def replay(
        self,
        key_id: str | None,
        endpoint_id: str,
        *,
        delivery_id: int | None = None,
        since: float | None = None,
        until: float | None = None,
    ) -> list[int]:
        """Queue again one delivery, or every event delivered (or dead-lettered) in a range.

        The range is on the deliveries' creation time (when the event was indexed),
        ``since <= created_at < until``; each event is queued once even if it had several
        deliveries. New deliveries keep the event id (the receiver's idempotency key) and
        go to the end of the endpoint's queue. Returns the new delivery ids.
        """
        if (delivery_id is None) == (since is None and until is None):
            raise WebhookInputError(
                "delivery_id", "give either a delivery_id or a time range (since/until)"
            )
        if since is not None and until is not None and until <= since:
            raise WebhookInputError("until", "until must be after since")
        now = time.time()
        async with self.sessions.begin() as session:
            await self._endpoint(session, key_id, endpoint_id)
            query = select(WebhookDeliveryRow).where(
                WebhookDeliveryRow.endpoint_id == endpoint_id
            )
            if delivery_id is not None:
                query = query.where(WebhookDeliveryRow.id == delivery_id)
            else:
                query = query.where(WebhookDeliveryRow.status.in_((SENT, FAILED, CANCELLED)))
                if since is not None:
                    query = query.where(WebhookDeliveryRow.created_at >= since)
                if until is not None:
                    query = query.where(WebhookDeliveryRow.created_at < until)
            sources = (await session.scalars(
                query.order_by(WebhookDeliveryRow.id).limit(MAX_REPLAY * 4))).all()  # fmt: skip
            if delivery_id is not None and not sources:
                raise WebhookNotFound(f"no delivery {delivery_id} on endpoint {endpoint_id}")
            first: dict[str, WebhookDeliveryRow] = {}
            for row in sources:
                first.setdefault(row.event_id, row)
            if len(first) > MAX_REPLAY:
                raise WebhookInputError(
                    "since", f"more than {MAX_REPLAY} events in the range; narrow it"
                )
            new = [
                WebhookDeliveryRow(
                    endpoint_id=endpoint_id, event_id=row.event_id, event_type=row.event_type,
                    slot=row.slot, payload=row.payload, status=PENDING, attempts=0,
                    next_attempt_at=now, created_at=now, replay_of=row.id,
                )  # fmt: skip
                for row in first.values()
            ]
            session.add_all(new)
            await session.flush()
            return [row.id for row in new]

    async def backlog(self) -> dict[str, int]:
        """Undelivered and dead-lettered deliveries per status (for the worker's gauges)."""
        async with self.sessions() as session:
            rows = (await session.execute(
                select(WebhookDeliveryRow.status, func.count())
                .where(WebhookDeliveryRow.status.in_((*OPEN_STATUSES, FAILED)))
                .group_by(WebhookDeliveryRow.status))).all()  # fmt: skip
        return {str(status): int(count) for status, count in rows}
