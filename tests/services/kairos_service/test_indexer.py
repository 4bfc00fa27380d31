"""The indexer on a real localnet: backfill, live stream, dropped socket, restart.

The database must end with exactly the chain's events, each once, on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from kairos.program import PROGRAM_ID
from kairos_service.db.models import EventRow, FillRow
from kairos_service.db.session import make_sessionmaker
from kairos_service.indexer.indexer import Indexer
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.clients.conftest import Setup

from .chain import PRICE_100, chain_events, new_trader, round_trip, wait_for


async def _stored(engine: AsyncEngine) -> set[tuple[str, int]]:
    sessions = make_sessionmaker(engine)
    async with sessions() as session:
        rows = (await session.execute(select(EventRow.signature, EventRow.idx))).all()
    return {(row[0], row[1]) for row in rows}


async def test_no_gap_no_duplicate_across_drop_and_restart(
    engine: AsyncEngine, service_chain: Setup
) -> None:
    setup = service_chain
    cluster = setup.cluster
    sessions = make_sessionmaker(engine)
    published: list[tuple[str, int]] = []

    def listener(rows: list[dict[str, Any]]) -> None:
        published.extend((row["signature"], row["idx"]) for row in rows)

    def make(page: int) -> Indexer:
        return Indexer(sessions, cluster.rpc_url, cluster.ws_url, PROGRAM_ID, page=page,
                       listener=listener)  # fmt: skip

    maker = await new_trader(setup)
    taker = await new_trader(setup)
    async with maker, taker:
        await round_trip(setup, maker, taker, 10, PRICE_100, PRICE_100 + 10_000)  # before start
        first = make(page=1000)
        stop = asyncio.Event()
        task = asyncio.create_task(first.run(stop, retry_seconds=0.2))

        async def live() -> bool:
            return first.live.is_set()

        await wait_for(live)
        await round_trip(setup, maker, taker, 5, PRICE_100, PRICE_100 - 10_000)  # streamed
        await first.ws.close()  # a dropped socket
        await round_trip(setup, maker, taker, 3, PRICE_100, PRICE_100 + 5_000)  # while down
        await wait_for(live)
        await round_trip(setup, maker, taker, 2, PRICE_100, PRICE_100)
        task.cancel()  # a crash: the process is gone
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await first.close()
        await round_trip(setup, maker, taker, 4, PRICE_100, PRICE_100 + 20_000)  # while down

        second = make(page=7)  # small pages: the backfill pages with `before`
        task = asyncio.create_task(second.run(stop, retry_seconds=0.2))
        await round_trip(setup, maker, taker, 6, PRICE_100, PRICE_100 - 5_000)
        expected = await chain_events(cluster.rpc_url)

        async def caught_up() -> bool:
            return await _stored(engine) >= expected

        await wait_for(caught_up, timeout=60)
        stop.set()
        await asyncio.wait_for(task, 10)
        await second.close()

    stored = await _stored(engine)
    assert stored == expected  # no gap, nothing that is not on the chain
    # Announced at most once each. A crash between a commit and its announcement loses the
    # announcement (the live stream is at-most-once; the stored rows are what counts).
    assert len(published) == len(set(published)) and set(published) <= stored
    assert len({signature for signature, _ in stored - set(published)}) <= 1  # one tx at most
    async with sessions() as session:
        taker_fills = (
            await session.scalars(
                select(FillRow).where(FillRow.margin_account == str(taker.margin_account_address()))
            )
        ).all()
    # Six round trips: six opening buys and six closing sells, flat at the end.
    assert len(taker_fills) == 12 and sum(f.base_lots for f in taker_fills) == 0
    assert sum(f.base_lots for f in taker_fills if f.base_lots > 0) == 10 + 5 + 3 + 2 + 4 + 6


async def test_commitment_promotion_to_finalized(
    engine: AsyncEngine, service_chain: Setup
) -> None:
    setup = service_chain
    sessions = make_sessionmaker(engine)
    indexer = Indexer(sessions, setup.cluster.rpc_url, setup.cluster.ws_url, PROGRAM_ID)
    try:
        await indexer.backfill()
        async with sessions() as session, session.begin():
            # Rows stored from the live stream carry `confirmed` until promoted.
            await session.execute(EventRow.__table__.update().values(commitment="confirmed"))
        finalized, dropped = await indexer.promote(limit=10_000)
        assert finalized > 0 and dropped == 0
        async with sessions() as session:
            left = await session.scalar(
                select(func.count()).select_from(EventRow).where(EventRow.commitment != "finalized")
            )
        assert left == 0
    finally:
        await indexer.close()
