"""The delivery worker against a real loopback receiver: order, retries, dead letters, replicas."""

from __future__ import annotations

import asyncio
import random
import time
from typing import Any

import pytest
from kairos.program import PROGRAM_ID
from kairos_service.db.session import make_engine, make_sessionmaker
from kairos_service.indexer.indexer import Indexer
from kairos_service.webhooks.models import WebhookAttemptRow, WebhookDeliveryRow
from kairos_service.webhooks.store import WebhookStore
from kairos_service.webhooks.worker import (
    DeliveryWorker,
    WorkerSettings,
    backoff_seconds,
    schedule_span,
)
from solders.keypair import Keypair
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from .helpers import Receiver, deposit, logs_of

SECRET = "whsec_worker_test_secret_123"
FAST = WorkerSettings(timeout_seconds=0.5, connect_timeout_seconds=0.5, max_attempts=4,
                      backoff_base_seconds=0.05, backoff_cap_seconds=0.2, concurrency=4,
                      poll_seconds=0.02, gauge_seconds=0.2)  # fmt: skip


async def _index(sessions: async_sessionmaker[Any], n: int, start: int = 0) -> None:
    indexer = Indexer(sessions, "http://127.0.0.1:1", "ws://127.0.0.1:2", PROGRAM_ID)
    account = Keypair().pubkey()
    for i in range(start, start + n):
        await indexer.ingest(f"sig{i:05d}", i, logs_of([deposit(account, i + 1)]), tx_order=0,
                             block_time=i, commitment="confirmed")  # fmt: skip
    await indexer.close()


async def _until(predicate: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not await predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def _open(sessions: async_sessionmaker[Any]) -> int:
    async with sessions() as session:
        return int(await session.scalar(
            select(func.count()).select_from(WebhookDeliveryRow)
            .where(WebhookDeliveryRow.status.in_(("pending", "retrying")))) or 0)  # fmt: skip


def test_backoff_is_full_jitter_and_spans_about_a_day() -> None:
    settings = WorkerSettings()
    rng = random.Random(1)
    for failures in range(1, 20):
        ceiling = min(settings.backoff_cap_seconds,
                      settings.backoff_base_seconds * 2 ** (failures - 1))  # fmt: skip
        draws = [backoff_seconds(failures, settings, rng) for _ in range(200)]
        assert all(0 <= d <= ceiling for d in draws)
        assert max(draws) > ceiling * 0.8 and min(draws) < ceiling * 0.2  # jitter spans it all
    expected, longest = schedule_span(settings)
    assert 12 * 3600 <= expected <= 36 * 3600 and longest <= 48 * 3600
    with pytest.raises(ValueError):
        WorkerSettings(max_attempts=0)


async def test_misbehaving_receiver_gets_everything_in_order(engine: AsyncEngine) -> None:
    sessions = make_sessionmaker(engine)
    receiver = Receiver(SECRET)
    store = WebhookStore(sessions)
    eps = [await store.create("k", receiver.url(p), secret=SECRET, allow_private=True)
           for p in ("a", "b", "c")]  # fmt: skip
    receiver.modes = {"b": "500", "c": "hang"}
    await _index(sessions, 12)  # receiver down: connection refused first
    patient = WorkerSettings(**{**FAST.__dict__, "max_attempts": 1000})
    worker = DeliveryWorker(sessions, patient)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    await asyncio.sleep(0.6)
    await receiver.up()
    await asyncio.sleep(1.5)
    receiver.modes = {}  # b and c heal
    await _index(sessions, 8, start=12)
    worker.wake()
    try:
        await _until(lambda: _open(sessions))
        await _until(lambda: _done(sessions))
    finally:
        stop.set()
        await task
        await receiver.down()
    assert receiver.bad_signatures == 0
    async with sessions() as session:
        statuses = dict((await session.execute(
            select(WebhookDeliveryRow.status, func.count()).group_by(WebhookDeliveryRow.status)
        )).all())  # fmt: skip
        errors = list(await session.scalars(select(WebhookAttemptRow.error)))
    # Nothing lost, nothing dead-lettered, each endpoint in indexing order.
    expected = [f"sig{i:05d}:0" for i in range(20)]
    for ep, path in zip(eps, ("a", "b", "c"), strict=True):
        got = [r.event_id for r in receiver.received if r.path == path]
        assert got == expected, path
        assert await _dead(sessions, ep["id"]) == set()
    assert statuses == {"sent": 60}
    assert any(e and "HTTP 500" in e for e in errors)
    assert any(e and "no answer within" in e for e in errors)
    assert any(e and "Connect" in e for e in errors)


async def _done(sessions: async_sessionmaker[Any]) -> bool:
    return await _open(sessions) == 0


async def _dead(sessions: async_sessionmaker[Any], endpoint_id: str) -> set[str]:
    async with sessions() as session:
        return set(await session.scalars(select(WebhookDeliveryRow.event_id).where(
            WebhookDeliveryRow.endpoint_id == endpoint_id,
            WebhookDeliveryRow.status == "failed")))  # fmt: skip


async def test_dead_letter_after_max_attempts_then_replay(engine: AsyncEngine) -> None:
    sessions = make_sessionmaker(engine)
    receiver = Receiver(SECRET)
    await receiver.up()
    store = WebhookStore(sessions)
    ep = await store.create("k", receiver.url("x"), secret=SECRET, allow_private=True)
    receiver.modes = {"x": "500"}
    await _index(sessions, 3)
    worker = DeliveryWorker(sessions, FAST)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    try:
        await _until(lambda: _done(sessions))
        assert receiver.refused == 3 * FAST.max_attempts
        rows = await store.deliveries("k", ep["id"])
        assert [r["status"] for r in rows] == ["failed"] * 3
        assert all(len(r["attempt_log"]) == FAST.max_attempts for r in rows)
        assert all(a["status_code"] == 500 for r in rows for a in r["attempt_log"])
        receiver.modes = {}
        one = await store.replay("k", ep["id"], delivery_id=rows[-1]["id"])
        worker.wake()
        await _until(lambda: _done(sessions))
        assert [r.event_id for r in receiver.received] == ["sig00000:0"]
        since = min(r["created_at"] for r in rows)
        again = await store.replay("k", ep["id"], since=since, until=time.time() + 1)
        assert len(again) == 3 and one[0] not in again
        worker.wake()
        await _until(lambda: _done(sessions))
        assert [r.event_id for r in receiver.received[1:]] == [
            "sig00000:0", "sig00001:0", "sig00002:0"]
    finally:
        stop.set()
        await task
        await receiver.down()


async def test_two_replicas_never_send_one_delivery_twice(postgres_url: str) -> None:
    from kairos_service.db.migrate import upgrade

    from tests.services.kairos_service.conftest import _create_database

    url = await _create_database(postgres_url)
    engines: list[AsyncEngine] = [make_engine(url) for _ in range(2)]
    await upgrade(engines[0])
    sessions = [make_sessionmaker(e) for e in engines]
    receiver = Receiver(SECRET)
    await receiver.up()
    store = WebhookStore(sessions[0])
    for i in range(6):
        await store.create("k", receiver.url(f"e{i}"), secret=SECRET, allow_private=True)
    await _index(sessions[0], 40)
    stop = asyncio.Event()
    workers = [DeliveryWorker(s, FAST, name=f"w{i}") for i, s in enumerate(sessions)]
    tasks = [asyncio.create_task(w.run(stop)) for w in workers]
    try:
        await _until(lambda: _done(sessions[0]))
    finally:
        stop.set()
        await asyncio.gather(*tasks)
        await receiver.down()
        for e in engines:
            await e.dispose()
    ids = [r.delivery_id for r in receiver.received]
    assert len(ids) == 240 and len(set(ids)) == 240  # each delivery exactly once
    assert all(w.delivered > 0 for w in workers)  # both replicas took part
    for i in range(6):
        got = [r.event_id for r in receiver.received if r.path == f"e{i}"]
        assert got == [f"sig{j:05d}:0" for j in range(40)]
