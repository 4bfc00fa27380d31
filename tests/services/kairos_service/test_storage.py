"""Storage on SQLite and PostgreSQL: migrations, exact integers, idempotent event writes."""

from __future__ import annotations

import pytest
from kairos.events import Deposited, MarginAccountCreated, OrderFilled, OrderPlaced
from kairos_service.db.migrate import current_revision, downgrade, head_revision, upgrade
from kairos_service.db.models import (
    EVENT_TABLES,
    CashFlowRow,
    EventRow,
    FillRow,
    MarginAccountRow,
    OraclePriceRow,
)
from kairos_service.db.session import make_engine, make_sessionmaker
from kairos_service.indexer.store import TxInfo, store_events
from solders.pubkey import Pubkey
from sqlalchemy import func, inspect, select
from sqlalchemy.ext.asyncio import AsyncEngine

U128_MAX = 2**128 - 1
I128_MIN = -(2**127)


async def _tables(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def test_migrations_up_down_up(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert await current_revision(engine) is None
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
        tables = await _tables(engine)
        assert {"events", "fills", "cash_flows", "oracle_prices", "equity_snapshots"} <= tables
        missing = {table.name for table in EVENT_TABLES.values()} - tables
        assert not missing, f"no migration creates {missing}: python -m kairos_service.db.migrate"
        assert len(EVENT_TABLES) >= 46
        await upgrade(engine)  # idempotent at head
        await downgrade(engine, "base")
        assert await current_revision(engine) is None
        assert await _tables(engine) <= {"alembic_version"}
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
    finally:
        await engine.dispose()


async def test_models_match_the_migrations(engine: AsyncEngine) -> None:
    """Autogenerate finds nothing to do: the models and the migration files agree."""
    import kairos_service.db.models  # noqa: F401 - registers every table
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from kairos_service.db.base import Base

    def diff(connection: object) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})  # type: ignore[arg-type]
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as conn:
        changes = await conn.run_sync(diff)
    assert changes == [], (
        "the models changed (a new SDK event?): write the migration with "
        '`python -m kairos_service.db.migrate "what changed"`'
    )


@pytest.mark.parametrize("value", [0, 1, -1, 2**63, 2**64 - 1, U128_MAX, I128_MIN, -(2**63) - 5])
async def test_exact_integers_round_trip(engine: AsyncEngine, value: int) -> None:
    sessions = make_sessionmaker(engine)
    async with sessions() as session, session.begin():
        session.add(
            OraclePriceRow(oracle="o", slot=1, unix_time=0, price=value, confidence=value,
                           exponent=-6, source="test")  # fmt: skip
        )
    async with sessions() as session:
        row = await session.get(OraclePriceRow, ("o", 1))
        assert row is not None and row.price == value and type(row.price) is int


async def test_exact_int_refuses_floats(engine: AsyncEngine) -> None:
    sessions = make_sessionmaker(engine)
    with pytest.raises(Exception, match="ExactInt takes an int"):
        async with sessions() as session, session.begin():
            session.add(OraclePriceRow(oracle="o", slot=2, unix_time=0, price=1.5, confidence=0,
                                       exponent=0, source="test"))  # type: ignore[arg-type]  # fmt: skip
    async with sessions() as session:
        assert await session.get(OraclePriceRow, ("o", 2)) is None  # nothing written


def _events(maker: Pubkey, taker: Pubkey, market: Pubkey, owner: Pubkey) -> list[object]:
    return [
        MarginAccountCreated(taker, owner, 0),
        Deposited(taker, Pubkey.new_unique(), 5_000_000, 5_000_000, 5_000_000, 2**64 - 1),
        OrderPlaced(taker, market, U128_MAX, 9, 0, 1, 1_010_000, 10, 7, 7_000_000, 3, 700),
        OrderFilled(market, maker, taker, 2**127 + 3, 0, 1_000_000, 7, 1),
    ]


async def test_store_events_is_idempotent_and_exact(engine: AsyncEngine) -> None:
    sessions = make_sessionmaker(engine)
    maker, taker, market, owner = (Pubkey.new_unique() for _ in range(4))
    events = _events(maker, taker, market, owner)
    tx = TxInfo("sig1", slot=10, tx_order=0, block_time=1_700_000_000, commitment="confirmed")
    async with sessions() as session, session.begin():
        added = await store_events(session, tx, events)  # type: ignore[arg-type]
    assert [row["name"] for row in added] == [
        "MarginAccountCreated", "Deposited", "OrderPlaced", "OrderFilled",
    ]  # fmt: skip
    assert set(added[3]["accounts"]) == {str(maker), str(taker)}
    async with sessions() as session, session.begin():
        assert await store_events(session, tx, events) == []  # type: ignore[arg-type]
    async with sessions() as session:
        assert await session.scalar(select(func.count()).select_from(EventRow)) == 4
        fills = (await session.scalars(select(FillRow).order_by(FillRow.idx))).all()
        assert [(f.margin_account, f.role, f.base_lots, f.quote, f.fee) for f in fills] == [
            (str(taker), "taker", 7, -7_000_000, 700),
            (str(maker), "maker", -7, 7_000_000, 0),
        ]
        flow = (await session.scalars(select(CashFlowRow))).one()
        assert (flow.amount, flow.margin_account) == (5_000_000, str(taker))
        account = await session.get(MarginAccountRow, str(taker))
        assert account is not None and account.owner == str(owner)
        placed = EVENT_TABLES["OrderPlaced"]
        row = (await session.execute(select(placed))).one()._mapping
        assert row["order_id"] == U128_MAX and row["taker_fee"] == 700
        journal = await session.get(EventRow, ("sig1", 3))
        assert journal is not None and journal.data["maker_order_id"] == 2**127 + 3
