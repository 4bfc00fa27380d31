"""API keys, rate-limit upgrades, usage roll-ups, feature flags, switches.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 21:36:56.564362
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "api_keys",
        sa.Column("key_id", sa.String(length=12), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("tier", sa.String(length=16), nullable=False),
        sa.Column("all_accounts", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("revoked_at", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_api_keys")),
    )
    op.create_table(
        "api_usage_hourly",
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("endpoint", sa.String(length=200), nullable=False),
        sa.Column("hour", sa.BigInteger(), nullable=False),
        sa.Column("tier", sa.String(length=16), nullable=False),
        sa.Column("requests", sa.BigInteger(), nullable=False),
        sa.Column("limited", sa.BigInteger(), nullable=False),
        sa.Column("errors", sa.BigInteger(), nullable=False),
        sa.Column("latency_us_sum", sa.BigInteger(), nullable=False),
        sa.Column("latency_us_max", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", "endpoint", "hour", name=op.f("pk_api_usage_hourly")),
    )
    op.create_table(
        "feature_flags",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("tiers", sa.String(length=100), nullable=False),
        sa.Column("rollout_percent", sa.Float(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("variants", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_feature_flags")),
    )
    op.create_table(
        "service_switches",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_service_switches")),
    )
    op.create_table(
        "api_key_bindings",
        sa.Column("key_id", sa.String(length=12), nullable=False),
        sa.Column("pubkey", sa.String(length=44), nullable=False),
        sa.ForeignKeyConstraint(["key_id"], ["api_keys.key_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key_id", "pubkey", name=op.f("pk_api_key_bindings")),
    )
    op.create_table(
        "rate_limit_upgrades",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key_id", sa.String(length=12), nullable=False),
        sa.Column("from_tier", sa.String(length=16), nullable=False),
        sa.Column("to_tier", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("decided_at", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["key_id"], ["api_keys.key_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rate_limit_upgrades")),
    )
    with op.batch_alter_table("rate_limit_upgrades", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rate_limit_upgrades_key_id"), ["key_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("rate_limit_upgrades", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rate_limit_upgrades_key_id"))

    op.drop_table("rate_limit_upgrades")
    op.drop_table("api_key_bindings")
    op.drop_table("service_switches")
    op.drop_table("feature_flags")
    op.drop_table("api_usage_hourly")
    op.drop_table("api_keys")
