"""The service's tables.

Chain-derived rows are written only by the indexer and keyed by the transaction
signature and the event's index in it, so replaying a transaction (backfill after a
restart or a dropped socket) changes nothing. Money and prices are exact integers in
native units (:class:`ExactInt`).

- ``events``: every Kairos event, one row each, name + JSON fields (the journal).
- ``ev_<event_name>``: one table per event type with a typed column per field,
  generated from the SDK's event dataclasses so a new event gets a table with the
  next migration.
- ``fills``, ``cash_flows``, ``oracle_prices``, ``margin_accounts``, ``markets``,
  ``assets``: the derived rows the state and performance code reads.
- ``equity_snapshots``: the periodic account valuations performance is computed from.
- ``checkpoints``: where the indexer stopped.
"""

from __future__ import annotations

import dataclasses
import re
import typing

from kairos.events import EVENT_TYPES, KairosEvent
from solders.pubkey import Pubkey
from sqlalchemy import JSON, BigInteger, Column, Index, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from kairos_service.db.base import Base
from kairos_service.db.types import ExactInt

COMMITMENTS = ("processed", "confirmed", "finalized")


class Checkpoint(Base):
    """Where a stream of the indexer stopped (the newest signature it fully stored)."""

    __tablename__ = "checkpoints"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    signature: Mapped[str | None] = mapped_column(String(100))
    slot: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[float] = mapped_column(default=0.0)


class EventRow(Base):
    """One Kairos event: the journal every derived table comes from."""

    __tablename__ = "events"
    signature: Mapped[str] = mapped_column(String(100), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    slot: Mapped[int] = mapped_column(BigInteger, index=True)
    # Execution order of the transaction within its slot (see indexer docs).
    tx_order: Mapped[int] = mapped_column(Integer, default=0)
    block_time: Mapped[int | None] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(64), index=True)
    commitment: Mapped[str] = mapped_column(String(16), index=True)
    margin_account: Mapped[str | None] = mapped_column(String(44), index=True)
    market: Mapped[str | None] = mapped_column(String(44))
    data: Mapped[dict[str, typing.Any]] = mapped_column(JSON)


class MarginAccountRow(Base):
    """A margin account the indexer has seen created."""

    __tablename__ = "margin_accounts"
    address: Mapped[str] = mapped_column(String(44), primary_key=True)
    owner: Mapped[str] = mapped_column(String(44), index=True)
    account_index: Mapped[int] = mapped_column(Integer)
    created_slot: Mapped[int] = mapped_column(BigInteger)
    created_time: Mapped[int | None] = mapped_column(BigInteger)
    closed: Mapped[bool] = mapped_column(default=False)


class MarketRow(Base):
    """A perp market (from PerpMarketCreated, completed from the account)."""

    __tablename__ = "markets"
    market_index: Mapped[int] = mapped_column(Integer, primary_key=True)
    address: Mapped[str] = mapped_column(String(44), unique=True)
    oracle: Mapped[str] = mapped_column(String(44))
    name: Mapped[str] = mapped_column(String(32), default="")
    base_lot_size: Mapped[int] = mapped_column(ExactInt)
    tick_size: Mapped[int] = mapped_column(ExactInt)


class AssetRow(Base):
    """A collateral asset (from CollateralAssetAdded)."""

    __tablename__ = "assets"
    asset_index: Mapped[int] = mapped_column(Integer, primary_key=True)
    address: Mapped[str] = mapped_column(String(44), unique=True)
    mint: Mapped[str] = mapped_column(String(44))
    oracle: Mapped[str] = mapped_column(String(44))


class FillRow(Base):
    """One side of one fill for one margin account (signed size, exact quote and fee).

    ``base_lots`` > 0 bought, < 0 sold; ``quote`` is the quote paid (< 0) or received
    (> 0), native units; ``fee`` is what the account paid (a rebate is negative).
    """

    __tablename__ = "fills"
    signature: Mapped[str] = mapped_column(String(100), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    margin_account: Mapped[str] = mapped_column(String(44), primary_key=True)
    market: Mapped[str] = mapped_column(String(44))
    slot: Mapped[int] = mapped_column(BigInteger)
    tx_order: Mapped[int] = mapped_column(Integer, default=0)
    block_time: Mapped[int | None] = mapped_column(BigInteger)
    role: Mapped[str] = mapped_column(String(16))
    base_lots: Mapped[int] = mapped_column(ExactInt)
    quote: Mapped[int] = mapped_column(ExactInt)
    fee: Mapped[int] = mapped_column(ExactInt)
    source: Mapped[str] = mapped_column(String(64))
    commitment: Mapped[str] = mapped_column(String(16))

    __table_args__ = (Index("ix_fills_account_time", "margin_account", "slot", "tx_order"),)


class CashFlowRow(Base):
    """A deposit (> 0) or withdrawal (< 0) of one collateral asset, native units."""

    __tablename__ = "cash_flows"
    signature: Mapped[str] = mapped_column(String(100), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    margin_account: Mapped[str] = mapped_column(String(44), index=True)
    asset: Mapped[str] = mapped_column(String(44))
    amount: Mapped[int] = mapped_column(ExactInt)
    slot: Mapped[int] = mapped_column(BigInteger)
    block_time: Mapped[int | None] = mapped_column(BigInteger)
    commitment: Mapped[str] = mapped_column(String(16))


class OraclePriceRow(Base):
    """An oracle price at a slot: from OracleUpdated events and from periodic samples."""

    __tablename__ = "oracle_prices"
    oracle: Mapped[str] = mapped_column(String(44), primary_key=True)
    slot: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    unix_time: Mapped[int] = mapped_column(BigInteger, index=True)
    price: Mapped[int] = mapped_column(ExactInt)
    confidence: Mapped[int] = mapped_column(ExactInt)
    exponent: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))


class EquitySnapshotRow(Base):
    """An account's valuation at one moment (quote native units).

    ``equity`` = quote balance + collateral at oracle price + perp unrealized P&L
    (the mark-to-oracle account value); ``net_flows`` = cumulative deposits minus
    withdrawals valued at the time of each flow, so returns can neutralise them.
    """

    __tablename__ = "equity_snapshots"
    margin_account: Mapped[str] = mapped_column(String(44), primary_key=True)
    unix_time: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    slot: Mapped[int] = mapped_column(BigInteger)
    equity: Mapped[int] = mapped_column(ExactInt)
    net_flows: Mapped[int] = mapped_column(ExactInt)
    unrealized: Mapped[int] = mapped_column(ExactInt)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _event_table(name: str, cls: type[KairosEvent]) -> Table:
    hints = typing.get_type_hints(cls)
    columns: list[Column[typing.Any]] = [
        Column("signature", String(100), primary_key=True),
        Column("idx", Integer, primary_key=True),
        Column("tx_slot", BigInteger, nullable=False, index=True),
    ]
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        hint = hints[field.name]
        if hint is Pubkey:
            columns.append(Column(field.name, String(44)))
        elif hint is int:
            columns.append(Column(field.name, ExactInt))
        else:  # pragma: no cover - a new field type needs a column type here
            raise TypeError(f"{name}.{field.name}: no column type for {hint!r}")
    return Table(f"ev_{_snake(name)}", Base.metadata, *columns)


EVENT_TABLES: dict[str, Table] = {
    name: _event_table(name, cls) for name, cls in sorted(EVENT_TYPES.items())
}
"""One typed table per event type, by IDL event name."""


# The API-key, usage, flag and switch tables share Base's metadata; importing them here
# registers them, so Alembic (which imports this module) sees every table.
from kairos_service.auth import models as _auth_models  # noqa: E402, F401, I001

# Execution quality's tables: impact models, routing preferences, executions.
from kairos_service.execution import models as _execution_models  # noqa: E402, F401

# Webhook endpoints, deliveries and attempts.
from kairos_service.webhooks import models as _webhook_models  # noqa: E402, F401
