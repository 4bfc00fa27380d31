"""Initial schema: events, typed event tables, derived rows, snapshots.

Revision ID: 0001
Revises:
Create Date: 2026-12-07 21:29:09.994395
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kairos_service.db.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "assets",
        sa.Column("asset_index", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=44), nullable=False),
        sa.Column("mint", sa.String(length=44), nullable=False),
        sa.Column("oracle", sa.String(length=44), nullable=False),
        sa.PrimaryKeyConstraint("asset_index", name=op.f("pk_assets")),
        sa.UniqueConstraint("address", name=op.f("uq_assets_address")),
    )
    op.create_table(
        "cash_flows",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=False),
        sa.Column("asset", sa.String(length=44), nullable=False),
        sa.Column(
            "amount", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=False
        ),
        sa.Column("slot", sa.BigInteger(), nullable=False),
        sa.Column("block_time", sa.BigInteger(), nullable=True),
        sa.Column("commitment", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_cash_flows")),
    )
    with op.batch_alter_table("cash_flows", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cash_flows_margin_account"), ["margin_account"], unique=False
        )

    op.create_table(
        "checkpoints",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.String(length=100), nullable=True),
        sa.Column("slot", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_checkpoints")),
    )
    op.create_table(
        "equity_snapshots",
        sa.Column("margin_account", sa.String(length=44), nullable=False),
        sa.Column("unix_time", sa.BigInteger(), nullable=False),
        sa.Column("slot", sa.BigInteger(), nullable=False),
        sa.Column(
            "equity", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=False
        ),
        sa.Column(
            "net_flows", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=False
        ),
        sa.Column(
            "unrealized", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=False
        ),
        sa.PrimaryKeyConstraint("margin_account", "unix_time", name=op.f("pk_equity_snapshots")),
    )
    op.create_table(
        "ev_asset_liquidation_discount_set",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("asset", sa.String(length=44), nullable=True),
        sa.Column(
            "liquidation_discount_bps",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint(
            "signature", "idx", name=op.f("pk_ev_asset_liquidation_discount_set")
        ),
    )
    with op.batch_alter_table("ev_asset_liquidation_discount_set", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_asset_liquidation_discount_set_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_asset_risk_params_set",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("asset", sa.String(length=44), nullable=True),
        sa.Column(
            "init_weight_scale_threshold",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "concentration_limit_bps",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_asset_risk_params_set")),
    )
    with op.batch_alter_table("ev_asset_risk_params_set", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_asset_risk_params_set_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_auction_bid_cancelled",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("auction", sa.String(length=44), nullable=True),
        sa.Column("provider", sa.String(length=44), nullable=True),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_auction_bid_cancelled")),
    )
    with op.batch_alter_table("ev_auction_bid_cancelled", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_auction_bid_cancelled_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_auction_bid_improved",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("auction", sa.String(length=44), nullable=True),
        sa.Column("provider", sa.String(length=44), nullable=True),
        sa.Column("price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "base_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("seq", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_auction_bid_improved")),
    )
    with op.batch_alter_table("ev_auction_bid_improved", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_auction_bid_improved_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_auction_bid_skipped",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("auction", sa.String(length=44), nullable=True),
        sa.Column("provider", sa.String(length=44), nullable=True),
        sa.Column("price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "base_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_auction_bid_skipped")),
    )
    with op.batch_alter_table("ev_auction_bid_skipped", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_auction_bid_skipped_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_auction_bid_submitted",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("auction", sa.String(length=44), nullable=True),
        sa.Column("provider", sa.String(length=44), nullable=True),
        sa.Column("price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "base_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("seq", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column("replaced", sa.String(length=44), nullable=True),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_auction_bid_submitted")),
    )
    with op.batch_alter_table("ev_auction_bid_submitted", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_auction_bid_submitted_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_auction_expired",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("auction", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column("taker", sa.String(length=44), nullable=True),
        sa.Column(
            "rest_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "rest_action", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "rest_order_id", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("settler", sa.String(length=44), nullable=True),
        sa.Column(
            "reward_lamports",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_auction_expired")),
    )
    with op.batch_alter_table("ev_auction_expired", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_auction_expired_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_auction_filled",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("auction", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column("provider", sa.String(length=44), nullable=True),
        sa.Column("taker", sa.String(length=44), nullable=True),
        sa.Column(
            "taker_side", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "base_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "maker_fee", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_auction_filled")),
    )
    with op.batch_alter_table("ev_auction_filled", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ev_auction_filled_tx_slot"), ["tx_slot"], unique=False)

    op.create_table(
        "ev_auction_opened",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("auction", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column("taker_margin_account", sa.String(length=44), nullable=True),
        sa.Column(
            "auction_id", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("side", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "size_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "limit_price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "min_fill_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "deadline_slot", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "rest_action", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "reward_lamports",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_auction_opened")),
    )
    with op.batch_alter_table("ev_auction_opened", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ev_auction_opened_tx_slot"), ["tx_slot"], unique=False)

    op.create_table(
        "ev_auction_settled",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("auction", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column("taker", sa.String(length=44), nullable=True),
        sa.Column("side", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "filled_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "filled_quote", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "winner_count", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "taker_fee", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "rest_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "rest_action", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "rest_order_id", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("settler", sa.String(length=44), nullable=True),
        sa.Column(
            "reward_lamports",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "accepted_early", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_auction_settled")),
    )
    with op.batch_alter_table("ev_auction_settled", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_auction_settled_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_bankruptcy_resolved",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column("loss", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "insurance_covered",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "socialized", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "insurance_remaining",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "pnl_pool_after", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "socialized_loss_per_lot",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_bankruptcy_resolved")),
    )
    with op.batch_alter_table("ev_bankruptcy_resolved", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_bankruptcy_resolved_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_borrow_interest_accrued",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column(
            "interest", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "borrow_after", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "borrow_index", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "total_borrows", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "total_deposits", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "utilization_bps",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "borrow_rate_bps",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "timestamp", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_borrow_interest_accrued")),
    )
    with op.batch_alter_table("ev_borrow_interest_accrued", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_borrow_interest_accrued_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_borrow_rate_params_set",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column(
            "base_rate_bps", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "optimal_rate_bps",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "max_rate_bps", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "optimal_utilization_bps",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "borrow_index", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_borrow_rate_params_set")),
    )
    with op.batch_alter_table("ev_borrow_rate_params_set", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_borrow_rate_params_set_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_collateral_asset_added",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("asset", sa.String(length=44), nullable=True),
        sa.Column("mint", sa.String(length=44), nullable=True),
        sa.Column("oracle", sa.String(length=44), nullable=True),
        sa.Column("index", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "init_asset_weight_bps",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "maint_asset_weight_bps",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "deposit_cap", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_collateral_asset_added")),
    )
    with op.batch_alter_table("ev_collateral_asset_added", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_collateral_asset_added_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_collateral_liquidated",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("liqee", sa.String(length=44), nullable=True),
        sa.Column("liquidator", sa.String(length=44), nullable=True),
        sa.Column("asset", sa.String(length=44), nullable=True),
        sa.Column("amount", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "quote_paid", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "discount", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "insurance_fee", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "maint_health_before",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "maint_health_after",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "maint_requirement_after",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "weighted_collateral_after",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "liquidator_init_health_after",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "being_liquidated",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_collateral_liquidated")),
    )
    with op.batch_alter_table("ev_collateral_liquidated", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_collateral_liquidated_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_deposited",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("asset", sa.String(length=44), nullable=True),
        sa.Column("amount", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "balance_after", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "asset_total_deposits",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "asset_deposit_cap",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_deposited")),
    )
    with op.batch_alter_table("ev_deposited", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ev_deposited_tx_slot"), ["tx_slot"], unique=False)

    op.create_table(
        "ev_events_consumed",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column("cranker", sa.String(length=44), nullable=True),
        sa.Column("count", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column("reward", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "remaining", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_events_consumed")),
    )
    with op.batch_alter_table("ev_events_consumed", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_events_consumed_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_exchange_initialized",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("exchange", sa.String(length=44), nullable=True),
        sa.Column("admin", sa.String(length=44), nullable=True),
        sa.Column("quote_mint", sa.String(length=44), nullable=True),
        sa.Column(
            "keeper_reward_lamports",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_exchange_initialized")),
    )
    with op.batch_alter_table("ev_exchange_initialized", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_exchange_initialized_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_fees_swept_to_insurance",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column("fees", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "insurance_share",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "insurance_vault_after",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "borrow_interest",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_fees_swept_to_insurance")),
    )
    with op.batch_alter_table("ev_fees_swept_to_insurance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_fees_swept_to_insurance_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_health_computed",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column(
            "init_health", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "maint_health", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_health_computed")),
    )
    with op.batch_alter_table("ev_health_computed", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_health_computed_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_instruction_gate_set",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("admin", sa.String(length=44), nullable=True),
        sa.Column(
            "previous_gate", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("gate", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_instruction_gate_set")),
    )
    with op.batch_alter_table("ev_instruction_gate_set", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_instruction_gate_set_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_liquidation_params_set",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column(
            "small_position_quote",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "liquidation_buffer_bps",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "insurance_fee_share_bps",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_liquidation_params_set")),
    )
    with op.batch_alter_table("ev_liquidation_params_set", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_liquidation_params_set_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_margin_account_closed",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("owner", sa.String(length=44), nullable=True),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_margin_account_closed")),
    )
    with op.batch_alter_table("ev_margin_account_closed", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_margin_account_closed_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_margin_account_created",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("owner", sa.String(length=44), nullable=True),
        sa.Column(
            "account_index", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_margin_account_created")),
    )
    with op.batch_alter_table("ev_margin_account_created", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_margin_account_created_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_oracle_created",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("oracle", sa.String(length=44), nullable=True),
        sa.Column("authority", sa.String(length=44), nullable=True),
        sa.Column("price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "confidence", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "exponent", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_oracle_created")),
    )
    with op.batch_alter_table("ev_oracle_created", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ev_oracle_created_tx_slot"), ["tx_slot"], unique=False)

    op.create_table(
        "ev_oracle_updated",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("oracle", sa.String(length=44), nullable=True),
        sa.Column("price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "confidence", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("slot", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "unix_timestamp", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_oracle_updated")),
    )
    with op.batch_alter_table("ev_oracle_updated", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ev_oracle_updated_tx_slot"), ["tx_slot"], unique=False)

    op.create_table(
        "ev_order_cancelled",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column(
            "order_id", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "client_order_id",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column("side", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column("price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "base_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_order_cancelled")),
    )
    with op.batch_alter_table("ev_order_cancelled", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_order_cancelled_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_order_filled",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column("maker", sa.String(length=44), nullable=True),
        sa.Column("taker", sa.String(length=44), nullable=True),
        sa.Column(
            "maker_order_id", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "taker_side", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "base_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("seq", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_order_filled")),
    )
    with op.batch_alter_table("ev_order_filled", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ev_order_filled_tx_slot"), ["tx_slot"], unique=False)

    op.create_table(
        "ev_order_placed",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column(
            "order_id", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "client_order_id",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column("side", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "order_type", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "max_base_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "filled_base_lots",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "filled_quote", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "resting_base_lots",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "taker_fee", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_order_placed")),
    )
    with op.batch_alter_table("ev_order_placed", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ev_order_placed_tx_slot"), ["tx_slot"], unique=False)

    op.create_table(
        "ev_orders_force_cancelled",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column(
            "cancelled", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "maint_health", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "maint_requirement",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "being_liquidated",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_orders_force_cancelled")),
    )
    with op.batch_alter_table("ev_orders_force_cancelled", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_orders_force_cancelled_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_perp_liquidated",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("liqee", sa.String(length=44), nullable=True),
        sa.Column("liquidator", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column(
            "base_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "liquidation_fee",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "insurance_fee", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "maint_health_before",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "maint_health_after",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "maint_requirement_after",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "weighted_collateral_after",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "liquidator_init_health_after",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "being_liquidated",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_perp_liquidated")),
    )
    with op.batch_alter_table("ev_perp_liquidated", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_perp_liquidated_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_perp_liquidation_fee_set",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column(
            "liquidation_fee_bps",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_perp_liquidation_fee_set")),
    )
    with op.batch_alter_table("ev_perp_liquidation_fee_set", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_perp_liquidation_fee_set_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_perp_market_created",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column("oracle", sa.String(length=44), nullable=True),
        sa.Column("index", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "base_lot_size", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "tick_size", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_perp_market_created")),
    )
    with op.batch_alter_table("ev_perp_market_created", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_perp_market_created_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_pnl_settled",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column("amount", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "quote_balance_after",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "pnl_pool_after", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "socialized_loss",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_pnl_settled")),
    )
    with op.batch_alter_table("ev_pnl_settled", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ev_pnl_settled_tx_slot"), ["tx_slot"], unique=False)

    op.create_table(
        "ev_scheduled_order_cancelled",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("scheduled_order", sa.String(length=44), nullable=True),
        sa.Column(
            "run_count", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "refunded_lamports",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_scheduled_order_cancelled")),
    )
    with op.batch_alter_table("ev_scheduled_order_cancelled", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_scheduled_order_cancelled_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_scheduled_order_created",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("scheduled_order", sa.String(length=44), nullable=True),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column(
            "schedule_id", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("kind", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "next_run_time", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "max_runs", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "escrow_lamports",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_scheduled_order_created")),
    )
    with op.batch_alter_table("ev_scheduled_order_created", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_scheduled_order_created_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_scheduled_order_executed",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("scheduled_order", sa.String(length=44), nullable=True),
        sa.Column("keeper", sa.String(length=44), nullable=True),
        sa.Column(
            "run_index", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "outcome", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "scheduled_time", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "executed_time", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "next_run_time", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "filled_base_lots",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "filled_quote", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "keeper_reward", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "finished", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_scheduled_order_executed")),
    )
    with op.batch_alter_table("ev_scheduled_order_executed", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_scheduled_order_executed_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_trailing_stop_updated",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("trigger_order", sa.String(length=44), nullable=True),
        sa.Column(
            "reference_price",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "trigger_price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_trailing_stop_updated")),
    )
    with op.batch_alter_table("ev_trailing_stop_updated", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_trailing_stop_updated_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_trigger_order_cancelled",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("trigger_order", sa.String(length=44), nullable=True),
        sa.Column("id", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_trigger_order_cancelled")),
    )
    with op.batch_alter_table("ev_trigger_order_cancelled", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_trigger_order_cancelled_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_trigger_order_created",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("trigger_order", sa.String(length=44), nullable=True),
        sa.Column("linked_trigger", sa.String(length=44), nullable=True),
        sa.Column("id", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column("kind", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column("side", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "condition", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "trailing_mode", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "trigger_price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "max_base_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_trigger_order_created")),
    )
    with op.batch_alter_table("ev_trigger_order_created", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_trigger_order_created_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_trigger_order_triggered",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("trigger_order", sa.String(length=44), nullable=True),
        sa.Column("keeper", sa.String(length=44), nullable=True),
        sa.Column("id", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "oracle_price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "trigger_price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "order_id", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "filled_base_lots",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "keeper_reward", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("cancelled_linked", sa.String(length=44), nullable=True),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_trigger_order_triggered")),
    )
    with op.batch_alter_table("ev_trigger_order_triggered", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_trigger_order_triggered_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_twap_order_cancelled",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("twap_order", sa.String(length=44), nullable=True),
        sa.Column(
            "executed_slices",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "filled_base_lots",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "refunded_lamports",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_twap_order_cancelled")),
    )
    with op.batch_alter_table("ev_twap_order_cancelled", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_twap_order_cancelled_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_twap_order_created",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("twap_order", sa.String(length=44), nullable=True),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column(
            "twap_id", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column("side", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "total_base_lots",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "slice_count", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "start_time", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "interval_seconds",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "escrow_lamports",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_twap_order_created")),
    )
    with op.batch_alter_table("ev_twap_order_created", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_twap_order_created_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_twap_order_paused",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("twap_order", sa.String(length=44), nullable=True),
        sa.Column("paused", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_twap_order_paused")),
    )
    with op.batch_alter_table("ev_twap_order_paused", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_twap_order_paused_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_twap_slice_executed",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("twap_order", sa.String(length=44), nullable=True),
        sa.Column("keeper", sa.String(length=44), nullable=True),
        sa.Column(
            "slice_index", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "skipped_slices", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "due_time", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "executed_time", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "requested_base_lots",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "filled_base_lots",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "filled_quote", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "worst_price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "keeper_reward", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "finished", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_twap_slice_executed")),
    )
    with op.batch_alter_table("ev_twap_slice_executed", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ev_twap_slice_executed_tx_slot"), ["tx_slot"], unique=False
        )

    op.create_table(
        "ev_withdrawn",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("tx_slot", sa.BigInteger(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("asset", sa.String(length=44), nullable=True),
        sa.Column("amount", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True),
        sa.Column(
            "balance_after", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=True
        ),
        sa.Column(
            "init_health_after",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "asset_total_deposits",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "asset_deposit_cap",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "maint_requirement",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.Column(
            "weighted_collateral",
            kairos_service.db.types.ExactInt(precision=39, scale=0),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_ev_withdrawn")),
    )
    with op.batch_alter_table("ev_withdrawn", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ev_withdrawn_tx_slot"), ["tx_slot"], unique=False)

    op.create_table(
        "events",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("slot", sa.BigInteger(), nullable=False),
        sa.Column("tx_order", sa.Integer(), nullable=False),
        sa.Column("block_time", sa.BigInteger(), nullable=True),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("commitment", sa.String(length=16), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=True),
        sa.Column("market", sa.String(length=44), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("signature", "idx", name=op.f("pk_events")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_commitment"), ["commitment"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_events_margin_account"), ["margin_account"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_events_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_slot"), ["slot"], unique=False)

    op.create_table(
        "fills",
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("margin_account", sa.String(length=44), nullable=False),
        sa.Column("market", sa.String(length=44), nullable=False),
        sa.Column("slot", sa.BigInteger(), nullable=False),
        sa.Column("tx_order", sa.Integer(), nullable=False),
        sa.Column("block_time", sa.BigInteger(), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column(
            "base_lots", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=False
        ),
        sa.Column("quote", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=False),
        sa.Column("fee", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("commitment", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("signature", "idx", "margin_account", name=op.f("pk_fills")),
    )
    with op.batch_alter_table("fills", schema=None) as batch_op:
        batch_op.create_index(
            "ix_fills_account_time", ["margin_account", "slot", "tx_order"], unique=False
        )

    op.create_table(
        "margin_accounts",
        sa.Column("address", sa.String(length=44), nullable=False),
        sa.Column("owner", sa.String(length=44), nullable=False),
        sa.Column("account_index", sa.Integer(), nullable=False),
        sa.Column("created_slot", sa.BigInteger(), nullable=False),
        sa.Column("created_time", sa.BigInteger(), nullable=True),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("address", name=op.f("pk_margin_accounts")),
    )
    with op.batch_alter_table("margin_accounts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_margin_accounts_owner"), ["owner"], unique=False)

    op.create_table(
        "markets",
        sa.Column("market_index", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=44), nullable=False),
        sa.Column("oracle", sa.String(length=44), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column(
            "base_lot_size", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=False
        ),
        sa.Column(
            "tick_size", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=False
        ),
        sa.PrimaryKeyConstraint("market_index", name=op.f("pk_markets")),
        sa.UniqueConstraint("address", name=op.f("uq_markets_address")),
    )
    op.create_table(
        "oracle_prices",
        sa.Column("oracle", sa.String(length=44), nullable=False),
        sa.Column("slot", sa.BigInteger(), nullable=False),
        sa.Column("unix_time", sa.BigInteger(), nullable=False),
        sa.Column("price", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=False),
        sa.Column(
            "confidence", kairos_service.db.types.ExactInt(precision=39, scale=0), nullable=False
        ),
        sa.Column("exponent", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("oracle", "slot", name=op.f("pk_oracle_prices")),
    )
    with op.batch_alter_table("oracle_prices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_oracle_prices_unix_time"), ["unix_time"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("oracle_prices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_oracle_prices_unix_time"))

    op.drop_table("oracle_prices")
    op.drop_table("markets")
    with op.batch_alter_table("margin_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_margin_accounts_owner"))

    op.drop_table("margin_accounts")
    with op.batch_alter_table("fills", schema=None) as batch_op:
        batch_op.drop_index("ix_fills_account_time")

    op.drop_table("fills")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_slot"))
        batch_op.drop_index(batch_op.f("ix_events_name"))
        batch_op.drop_index(batch_op.f("ix_events_margin_account"))
        batch_op.drop_index(batch_op.f("ix_events_commitment"))

    op.drop_table("events")
    with op.batch_alter_table("ev_withdrawn", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_withdrawn_tx_slot"))

    op.drop_table("ev_withdrawn")
    with op.batch_alter_table("ev_twap_slice_executed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_twap_slice_executed_tx_slot"))

    op.drop_table("ev_twap_slice_executed")
    with op.batch_alter_table("ev_twap_order_paused", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_twap_order_paused_tx_slot"))

    op.drop_table("ev_twap_order_paused")
    with op.batch_alter_table("ev_twap_order_created", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_twap_order_created_tx_slot"))

    op.drop_table("ev_twap_order_created")
    with op.batch_alter_table("ev_twap_order_cancelled", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_twap_order_cancelled_tx_slot"))

    op.drop_table("ev_twap_order_cancelled")
    with op.batch_alter_table("ev_trigger_order_triggered", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_trigger_order_triggered_tx_slot"))

    op.drop_table("ev_trigger_order_triggered")
    with op.batch_alter_table("ev_trigger_order_created", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_trigger_order_created_tx_slot"))

    op.drop_table("ev_trigger_order_created")
    with op.batch_alter_table("ev_trigger_order_cancelled", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_trigger_order_cancelled_tx_slot"))

    op.drop_table("ev_trigger_order_cancelled")
    with op.batch_alter_table("ev_trailing_stop_updated", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_trailing_stop_updated_tx_slot"))

    op.drop_table("ev_trailing_stop_updated")
    with op.batch_alter_table("ev_scheduled_order_executed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_scheduled_order_executed_tx_slot"))

    op.drop_table("ev_scheduled_order_executed")
    with op.batch_alter_table("ev_scheduled_order_created", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_scheduled_order_created_tx_slot"))

    op.drop_table("ev_scheduled_order_created")
    with op.batch_alter_table("ev_scheduled_order_cancelled", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_scheduled_order_cancelled_tx_slot"))

    op.drop_table("ev_scheduled_order_cancelled")
    with op.batch_alter_table("ev_pnl_settled", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_pnl_settled_tx_slot"))

    op.drop_table("ev_pnl_settled")
    with op.batch_alter_table("ev_perp_market_created", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_perp_market_created_tx_slot"))

    op.drop_table("ev_perp_market_created")
    with op.batch_alter_table("ev_perp_liquidation_fee_set", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_perp_liquidation_fee_set_tx_slot"))

    op.drop_table("ev_perp_liquidation_fee_set")
    with op.batch_alter_table("ev_perp_liquidated", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_perp_liquidated_tx_slot"))

    op.drop_table("ev_perp_liquidated")
    with op.batch_alter_table("ev_orders_force_cancelled", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_orders_force_cancelled_tx_slot"))

    op.drop_table("ev_orders_force_cancelled")
    with op.batch_alter_table("ev_order_placed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_order_placed_tx_slot"))

    op.drop_table("ev_order_placed")
    with op.batch_alter_table("ev_order_filled", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_order_filled_tx_slot"))

    op.drop_table("ev_order_filled")
    with op.batch_alter_table("ev_order_cancelled", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_order_cancelled_tx_slot"))

    op.drop_table("ev_order_cancelled")
    with op.batch_alter_table("ev_oracle_updated", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_oracle_updated_tx_slot"))

    op.drop_table("ev_oracle_updated")
    with op.batch_alter_table("ev_oracle_created", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_oracle_created_tx_slot"))

    op.drop_table("ev_oracle_created")
    with op.batch_alter_table("ev_margin_account_created", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_margin_account_created_tx_slot"))

    op.drop_table("ev_margin_account_created")
    with op.batch_alter_table("ev_margin_account_closed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_margin_account_closed_tx_slot"))

    op.drop_table("ev_margin_account_closed")
    with op.batch_alter_table("ev_liquidation_params_set", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_liquidation_params_set_tx_slot"))

    op.drop_table("ev_liquidation_params_set")
    with op.batch_alter_table("ev_instruction_gate_set", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_instruction_gate_set_tx_slot"))

    op.drop_table("ev_instruction_gate_set")
    with op.batch_alter_table("ev_health_computed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_health_computed_tx_slot"))

    op.drop_table("ev_health_computed")
    with op.batch_alter_table("ev_fees_swept_to_insurance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_fees_swept_to_insurance_tx_slot"))

    op.drop_table("ev_fees_swept_to_insurance")
    with op.batch_alter_table("ev_exchange_initialized", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_exchange_initialized_tx_slot"))

    op.drop_table("ev_exchange_initialized")
    with op.batch_alter_table("ev_events_consumed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_events_consumed_tx_slot"))

    op.drop_table("ev_events_consumed")
    with op.batch_alter_table("ev_deposited", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_deposited_tx_slot"))

    op.drop_table("ev_deposited")
    with op.batch_alter_table("ev_collateral_liquidated", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_collateral_liquidated_tx_slot"))

    op.drop_table("ev_collateral_liquidated")
    with op.batch_alter_table("ev_collateral_asset_added", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_collateral_asset_added_tx_slot"))

    op.drop_table("ev_collateral_asset_added")
    with op.batch_alter_table("ev_borrow_rate_params_set", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_borrow_rate_params_set_tx_slot"))

    op.drop_table("ev_borrow_rate_params_set")
    with op.batch_alter_table("ev_borrow_interest_accrued", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_borrow_interest_accrued_tx_slot"))

    op.drop_table("ev_borrow_interest_accrued")
    with op.batch_alter_table("ev_bankruptcy_resolved", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_bankruptcy_resolved_tx_slot"))

    op.drop_table("ev_bankruptcy_resolved")
    with op.batch_alter_table("ev_auction_settled", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_auction_settled_tx_slot"))

    op.drop_table("ev_auction_settled")
    with op.batch_alter_table("ev_auction_opened", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_auction_opened_tx_slot"))

    op.drop_table("ev_auction_opened")
    with op.batch_alter_table("ev_auction_filled", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_auction_filled_tx_slot"))

    op.drop_table("ev_auction_filled")
    with op.batch_alter_table("ev_auction_expired", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_auction_expired_tx_slot"))

    op.drop_table("ev_auction_expired")
    with op.batch_alter_table("ev_auction_bid_submitted", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_auction_bid_submitted_tx_slot"))

    op.drop_table("ev_auction_bid_submitted")
    with op.batch_alter_table("ev_auction_bid_skipped", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_auction_bid_skipped_tx_slot"))

    op.drop_table("ev_auction_bid_skipped")
    with op.batch_alter_table("ev_auction_bid_improved", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_auction_bid_improved_tx_slot"))

    op.drop_table("ev_auction_bid_improved")
    with op.batch_alter_table("ev_auction_bid_cancelled", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_auction_bid_cancelled_tx_slot"))

    op.drop_table("ev_auction_bid_cancelled")
    with op.batch_alter_table("ev_asset_risk_params_set", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_asset_risk_params_set_tx_slot"))

    op.drop_table("ev_asset_risk_params_set")
    with op.batch_alter_table("ev_asset_liquidation_discount_set", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ev_asset_liquidation_discount_set_tx_slot"))

    op.drop_table("ev_asset_liquidation_discount_set")
    op.drop_table("equity_snapshots")
    op.drop_table("checkpoints")
    with op.batch_alter_table("cash_flows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cash_flows_margin_account"))

    op.drop_table("cash_flows")
    op.drop_table("assets")
