"""Writes one transaction's events and derived rows in one database transaction."""

from __future__ import annotations

import dataclasses
from typing import Any

from kairos.events import (
    CollateralAssetAdded,
    KairosEvent,
    MarginAccountClosed,
    MarginAccountCreated,
    PerpMarketCreated,
)
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Insert

from kairos_service.db.models import (
    EVENT_TABLES,
    AssetRow,
    CashFlowRow,
    EventRow,
    FillRow,
    MarginAccountRow,
    MarketRow,
    OraclePriceRow,
)
from kairos_service.indexer import decode


def insert_ignore(session: AsyncSession, table: Any) -> Insert:
    """``INSERT ... ON CONFLICT DO NOTHING`` for the session's dialect."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    module: Any = postgresql if dialect == "postgresql" else sqlite
    stmt: Insert = module.insert(table).on_conflict_do_nothing()
    return stmt


@dataclasses.dataclass(frozen=True)
class TxInfo:
    """Where a transaction sits on the chain."""

    signature: str
    slot: int
    tx_order: int
    block_time: int | None
    commitment: str


async def _position(session: AsyncSession, account: str, market: str) -> int:
    rows = await session.scalars(
        select(FillRow.base_lots).where(
            FillRow.margin_account == account, FillRow.market == market
        )
    )
    return sum(rows)


async def store_events(
    session: AsyncSession, tx: TxInfo, events: list[KairosEvent]
) -> list[dict[str, Any]]:
    """Insert the events of one transaction (idempotent); returns the journal rows added.

    The caller holds the indexer's write lock and commits.
    """
    exists = await session.scalar(
        select(func.count()).select_from(EventRow).where(EventRow.signature == tx.signature)
    )
    if exists:
        return []
    added: list[dict[str, Any]] = []
    positions: dict[tuple[str, str], int] = {}
    for idx, event in enumerate(events):
        name = event.idl_name()
        data = decode.jsonable(event)
        row = {
            "signature": tx.signature,
            "idx": idx,
            "slot": tx.slot,
            "tx_order": tx.tx_order,
            "block_time": tx.block_time,
            "name": name,
            "commitment": tx.commitment,
            "margin_account": decode.primary_account(event),
            "market": decode.market_of(event),
            "data": data,
        }
        await session.execute(insert_ignore(session, EventRow).values(**row))
        typed = {"signature": tx.signature, "idx": idx, "tx_slot": tx.slot, **decode.columns(event)}
        await session.execute(insert_ignore(session, EVENT_TABLES[name]).values(**typed))
        added.append({**row, "accounts": sorted(decode.related_accounts(event))})

        if getattr(event, "liqee", None) is not None:
            key = (str(event.liqee), str(event.market))  # type: ignore[attr-defined]
            if key not in positions:
                positions[key] = await _position(session, *key)
        for fill in decode.fills_of(event, positions):
            await session.execute(
                insert_ignore(session, FillRow).values(
                    signature=tx.signature,
                    idx=idx,
                    margin_account=fill.margin_account,
                    market=fill.market,
                    slot=tx.slot,
                    tx_order=tx.tx_order,
                    block_time=tx.block_time,
                    role=fill.role,
                    base_lots=fill.base_lots,
                    quote=fill.quote,
                    fee=fill.fee,
                    source=fill.source,
                    commitment=tx.commitment,
                )
            )
            key = (fill.margin_account, fill.market)
            if key in positions:
                positions[key] += fill.base_lots
        flow = decode.cash_flow_of(event)
        if flow is not None:
            account, asset, amount = flow
            await session.execute(
                insert_ignore(session, CashFlowRow).values(
                    signature=tx.signature, idx=idx, margin_account=account, asset=asset,
                    amount=amount, slot=tx.slot, block_time=tx.block_time,
                    commitment=tx.commitment,
                )
            )  # fmt: skip
        price = decode.oracle_price_of(event)
        if price is not None:
            oracle, value, confidence, slot = price
            exponent = getattr(event, "exponent", None)
            if exponent is None:
                exponent = await session.scalar(
                    select(OraclePriceRow.exponent).where(OraclePriceRow.oracle == oracle).limit(1)
                )
            await session.execute(
                insert_ignore(session, OraclePriceRow).values(
                    oracle=oracle,
                    slot=tx.slot if slot < 0 else slot,
                    unix_time=getattr(event, "unix_timestamp", None) or tx.block_time or 0,
                    price=value,
                    confidence=confidence,
                    exponent=exponent if exponent is not None else 0,
                    source="event",
                )
            )
        await _reference_rows(session, tx, event)
    return added


async def _reference_rows(session: AsyncSession, tx: TxInfo, event: KairosEvent) -> None:
    if isinstance(event, MarginAccountCreated):
        await session.execute(
            insert_ignore(session, MarginAccountRow).values(
                address=str(event.margin_account), owner=str(event.owner),
                account_index=event.account_index, created_slot=tx.slot,
                created_time=tx.block_time, closed=False,
            )
        )  # fmt: skip
    elif isinstance(event, MarginAccountClosed):
        row = await session.get(MarginAccountRow, str(event.margin_account))
        if row is not None:
            row.closed = True
    elif isinstance(event, PerpMarketCreated):
        await session.execute(
            insert_ignore(session, MarketRow).values(
                market_index=event.index, address=str(event.market), oracle=str(event.oracle),
                name="", base_lot_size=event.base_lot_size, tick_size=event.tick_size,
            )
        )  # fmt: skip
    elif isinstance(event, CollateralAssetAdded):
        await session.execute(
            insert_ignore(session, AssetRow).values(
                asset_index=event.index, address=str(event.asset), mint=str(event.mint),
                oracle=str(event.oracle),
            )
        )  # fmt: skip
