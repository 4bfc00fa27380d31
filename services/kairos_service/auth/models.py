"""Tables of API keys, their owner bindings, upgrade requests, usage roll-ups, flags, switches.

Created by the Alembic revision ``0003_api_keys_rate_limits``. Times are unix seconds
(float), money is never stored (bills are computed from counts and the tier price table).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kairos_service.db.base import Base


class ApiKeyRow(Base):
    """An API key: public id, SHA-256 of the key, tier, and whether it may read any account."""

    __tablename__ = "api_keys"
    key_id: Mapped[str] = mapped_column(String(12), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    tier: Mapped[str] = mapped_column(String(16))
    all_accounts: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[float] = mapped_column(Float)
    revoked_at: Mapped[float | None] = mapped_column(Float, nullable=True)


class ApiKeyBindingRow(Base):
    """A margin account or owner wallet a key may read (the key reads nothing else)."""

    __tablename__ = "api_key_bindings"
    key_id: Mapped[str] = mapped_column(
        String(12), ForeignKey("api_keys.key_id", ondelete="CASCADE"), primary_key=True
    )
    pubkey: Mapped[str] = mapped_column(String(44), primary_key=True)


class UpgradeRequestRow(Base):
    """A user's request to move a key to a higher tier; an admin approves or denies it."""

    __tablename__ = "rate_limit_upgrades"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key_id: Mapped[str] = mapped_column(
        String(12), ForeignKey("api_keys.key_id", ondelete="CASCADE"), index=True
    )
    from_tier: Mapped[str] = mapped_column(String(16))
    to_tier: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[float] = mapped_column(Float)
    decided_at: Mapped[float | None] = mapped_column(Float, nullable=True)


class UsageHourlyRow(Base):
    """Per key, endpoint (route template) and hour: counts and latency, summed over replicas."""

    __tablename__ = "api_usage_hourly"
    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    endpoint: Mapped[str] = mapped_column(String(200), primary_key=True)
    hour: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    tier: Mapped[str] = mapped_column(String(16))
    requests: Mapped[int] = mapped_column(BigInteger, default=0)
    limited: Mapped[int] = mapped_column(BigInteger, default=0)
    errors: Mapped[int] = mapped_column(BigInteger, default=0)
    latency_us_sum: Mapped[int] = mapped_column(BigInteger, default=0)
    latency_us_max: Mapped[int] = mapped_column(BigInteger, default=0)


class FeatureFlagRow(Base):
    """A feature flag: tiers allowed (comma list), rollout percent, variants for A/B."""

    __tablename__ = "feature_flags"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    tiers: Mapped[str] = mapped_column(String(100))
    rollout_percent: Mapped[float] = mapped_column(Float, default=100.0)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    variants: Mapped[Any] = mapped_column(JSON, default=list)
    updated_at: Mapped[float] = mapped_column(Float)


class SwitchRow(Base):
    """An emergency switch (``ratelimit``, ``feature.<name>``) read by every replica."""

    __tablename__ = "service_switches"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[float] = mapped_column(Float)
