"""Tables of webhook subscriptions, their outbox of deliveries, and every delivery attempt.

Created by the Alembic revision ``0004``. A delivery row is written by the indexer in the
same database transaction as the event it carries (:mod:`kairos_service.webhooks.outbox`),
so a stored event always has its deliveries. Times are unix seconds (float).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kairos_service.db.base import Base

PENDING = "pending"
RETRYING = "retrying"
SENT = "sent"
FAILED = "failed"
CANCELLED = "cancelled"
OPEN_STATUSES = (PENDING, RETRYING)
"""Deliveries the worker still has to attempt."""
STATUSES = (PENDING, RETRYING, SENT, FAILED, CANCELLED)


class WebhookEndpointRow(Base):
    """A subscription: where to POST which events, bound to the API key that created it.

    ``event_types`` and ``accounts`` are JSON lists; empty means every event type / every
    account the key may read.
    """

    __tablename__ = "webhook_endpoints"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str] = mapped_column(String(2048))
    event_types: Mapped[list[str]] = mapped_column(JSON)
    accounts: Mapped[list[str]] = mapped_column(JSON)
    secret: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[float] = mapped_column(Float)
    deleted_at: Mapped[float | None] = mapped_column(Float, nullable=True)


class WebhookDeliveryRow(Base):
    """One event to send to one endpoint (the outbox row); ``id`` orders an endpoint's queue.

    ``status``: pending (never tried), retrying (failed, ``next_attempt_at`` set), sent,
    failed (dead-lettered after the maximum attempts), cancelled (subscription deleted).
    """

    __tablename__ = "webhook_deliveries"
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    endpoint_id: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(120), index=True)
    event_type: Mapped[str] = mapped_column(String(64))
    slot: Mapped[int] = mapped_column(BigInteger)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[float] = mapped_column(Float)
    created_at: Mapped[float] = mapped_column(Float)
    sent_at: Mapped[float | None] = mapped_column(Float, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    replay_of: Mapped[int | None] = mapped_column(BigInteger, nullable=True)

    __table_args__ = (
        Index("ix_webhook_deliveries_queue", "endpoint_id", "status", "id"),
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_created", "endpoint_id", "created_at"),
    )


class WebhookAttemptRow(Base):
    """One HTTP attempt of one delivery: when, how long, the answer or the error."""

    __tablename__ = "webhook_attempts"
    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    delivery_id: Mapped[int] = mapped_column(BigInteger, index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[float] = mapped_column(Float)
    duration_seconds: Mapped[float] = mapped_column(Float)
    status_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    worker: Mapped[str] = mapped_column(String(100))
