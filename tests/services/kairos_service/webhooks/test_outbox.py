"""The outbox: deliveries commit with their events (and roll back with them)."""

from __future__ import annotations

from typing import Any

import pytest
from kairos.program import PROGRAM_ID
from kairos_service.db.models import EventRow
from kairos_service.db.session import make_sessionmaker
from kairos_service.indexer.indexer import Indexer
from kairos_service.webhooks.models import WebhookDeliveryRow
from kairos_service.webhooks.store import WebhookStore
from solders.keypair import Keypair
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlalchemy.orm import Session

from .helpers import deposit, logs_of


def _indexer(sessions: async_sessionmaker[Any]) -> Indexer:
    return Indexer(sessions, "http://127.0.0.1:1", "ws://127.0.0.1:2", PROGRAM_ID)


async def _count(sessions: async_sessionmaker[Any], model: Any) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_deliveries_follow_filters_and_event_order(engine: AsyncEngine) -> None:
    sessions = make_sessionmaker(engine)
    store = WebhookStore(sessions)
    a, b = Keypair().pubkey(), Keypair().pubkey()
    every = await store.create("k1", "http://127.0.0.1:9/all", allow_private=True)
    only_a = await store.create("k1", "http://127.0.0.1:9/a", accounts=[str(a)],
                                allow_private=True)  # fmt: skip
    fills = await store.create("k2", "http://127.0.0.1:9/f", event_types=["OrderFilled"],
                               allow_private=True)  # fmt: skip
    indexer = _indexer(sessions)
    added = await indexer.ingest("sig1", 10, logs_of([deposit(a, 1), deposit(b, 2)]),
                                 tx_order=0, block_time=1, commitment="confirmed")  # fmt: skip
    assert added == 2
    # Replaying the same transaction (backfill overlap) adds neither events nor deliveries.
    assert await indexer.ingest("sig1", 10, logs_of([deposit(a, 1), deposit(b, 2)]),
                                tx_order=0, block_time=1, commitment="confirmed") == 0
    async with sessions() as session:
        rows = (await session.scalars(select(WebhookDeliveryRow).order_by(
            WebhookDeliveryRow.id))).all()  # fmt: skip
    by_endpoint: dict[str, list[str]] = {}
    for row in rows:
        by_endpoint.setdefault(row.endpoint_id, []).append(row.event_id)
        assert row.status == "pending" and row.payload["id"] == row.event_id
    assert by_endpoint == {every["id"]: ["sig1:0", "sig1:1"], only_a["id"]: ["sig1:0"]}
    assert fills["id"] not in by_endpoint
    await indexer.close()


async def test_a_crash_before_commit_loses_events_and_deliveries_together(
    engine: AsyncEngine,
) -> None:
    class Crashing(Session):
        pass

    def crash(_session: Session) -> None:
        raise RuntimeError("simulated crash before COMMIT")

    event.listen(Crashing, "before_commit", crash)
    good = make_sessionmaker(engine)
    await WebhookStore(good).create("k", "http://127.0.0.1:9/x", allow_private=True)
    bad = async_sessionmaker(engine, expire_on_commit=False, sync_session_class=Crashing)
    indexer = _indexer(bad)
    account = Keypair().pubkey()
    with pytest.raises(RuntimeError, match="simulated crash"):
        await indexer.ingest("sig2", 11, logs_of([deposit(account, 5)]), tx_order=0,
                             block_time=1, commitment="confirmed")  # fmt: skip
    assert await _count(good, EventRow) == 0
    assert await _count(good, WebhookDeliveryRow) == 0
    # The same transaction indexed again after the "restart": events and deliveries together.
    indexer.sessions = good
    assert await indexer.ingest("sig2", 11, logs_of([deposit(account, 5)]), tx_order=0,
                                block_time=1, commitment="confirmed") == 1  # fmt: skip
    assert await _count(good, EventRow) == 1
    assert await _count(good, WebhookDeliveryRow) == 1
    await indexer.close()


async def test_a_deleted_subscription_gets_nothing_and_its_queue_is_cancelled(
    engine: AsyncEngine,
) -> None:
    sessions = make_sessionmaker(engine)
    store = WebhookStore(sessions)
    endpoint = await store.create("k", "http://127.0.0.1:9/x", allow_private=True)
    indexer = _indexer(sessions)
    account = Keypair().pubkey()
    await indexer.ingest("s1", 1, logs_of([deposit(account, 1)]), tx_order=0, block_time=1,
                         commitment="confirmed")  # fmt: skip
    assert await store.delete("k", endpoint["id"]) == 1
    await indexer.ingest("s2", 2, logs_of([deposit(account, 1)]), tx_order=0, block_time=1,
                         commitment="confirmed")  # fmt: skip
    async with sessions() as session:
        statuses = list(await session.scalars(select(WebhookDeliveryRow.status)))
    assert statuses == ["cancelled"]
    await indexer.close()
