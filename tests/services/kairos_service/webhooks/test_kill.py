"""No loss, for real: worker processes SIGKILLed mid-delivery, a receiver down, failing, hanging.

PostgreSQL, two endpoints, events indexed while the worker runs; the worker is
``python -m kairos_cli webhooks worker`` (its own process), killed with SIGKILL while a
request to the receiver is in flight (the receiver has already recorded it, so the
kill lands between the receiver's acceptance and the worker's commit), then restarted.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

from kairos.program import PROGRAM_ID
from kairos_service.db.migrate import upgrade
from kairos_service.db.session import make_engine, make_sessionmaker
from kairos_service.indexer.indexer import Indexer
from kairos_service.webhooks.store import WebhookStore
from solders.keypair import Keypair

from ..conftest import _create_database
from .helpers import Receiver, deposit, logs_of

SECRET = "whsec_kill_test_secret_0001"
EVENTS = 240
PATHS = ("one", "two")


def _worker(url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen(
        [sys.executable, "-m", "kairos_cli", "webhooks", "worker", "--database-url", url,
         "--concurrency", "2", "--max-attempts", "1000", "--timeout", "0.5",
         "--backoff-base", "0.05", "--backoff-cap", "0.3", "--batch", "10"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def prefix_closed(sequence: list[str], expected: list[str]) -> bool:
    """Every event arrives only after every earlier event of its endpoint arrived once."""
    rank = {event: i for i, event in enumerate(expected)}
    seen: set[int] = set()
    for event in sequence:
        i = rank[event]
        if any(j not in seen for j in range(i)):
            return False
        seen.add(i)
    return True


async def test_sigkill_mid_delivery_loses_nothing(postgres_url: str) -> None:
    url = await _create_database(postgres_url)
    engine = make_engine(url)
    await upgrade(engine)
    sessions = make_sessionmaker(engine)
    receiver = Receiver(SECRET)
    store = WebhookStore(sessions)
    for path in PATHS:
        await store.create("k", receiver.url(path), secret=SECRET, allow_private=True)
    indexer = Indexer(sessions, "http://127.0.0.1:1", "ws://127.0.0.1:2", PROGRAM_ID)
    account = Keypair().pubkey()
    expected = [f"sig{i:05d}:0" for i in range(EVENTS)]

    async def produce() -> None:
        for i in range(EVENTS):
            await indexer.ingest(f"sig{i:05d}", i, logs_of([deposit(account, i + 1)]),
                                 tx_order=0, block_time=i, commitment="confirmed")  # fmt: skip
            await asyncio.sleep(0.01)

    worker = _worker(url)
    kills = 0
    producer = asyncio.create_task(produce())
    try:
        await asyncio.sleep(1.0)  # the receiver is down: connection refused
        await receiver.up()
        receiver.modes = {"one": "500"}
        await asyncio.sleep(1.0)
        receiver.modes = {"two": "hang"}
        await asyncio.sleep(1.5)
        receiver.modes = {}
        for _ in range(3):  # kill while a request sits in the receiver, then restart
            receiver.modes = {"one": "slow", "two": "slow"}
            deadline = time.monotonic() + 20
            while receiver.in_flight == 0:
                assert time.monotonic() < deadline, "no delivery in flight"
                await asyncio.sleep(0.005)
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(10)
            kills += 1
            receiver.modes = {}
            await asyncio.sleep(0.3)
            worker = _worker(url)
            await asyncio.sleep(1.0)
        await producer
        deadline = time.monotonic() + 90
        while any(
            set(expected) - {r.event_id for r in receiver.received if r.path == p} for p in PATHS
        ):
            assert time.monotonic() < deadline, "not everything delivered"
            await asyncio.sleep(0.1)
    finally:
        producer.cancel()
        worker.kill()
        worker.wait(10)
        await receiver.down()
        await indexer.close()
        await engine.dispose()
    assert kills == 3 and receiver.bad_signatures == 0
    for path in PATHS:
        got = [r for r in receiver.received if r.path == path]
        ids = [r.event_id for r in got]
        assert set(ids) == set(expected), path  # nothing lost, nothing foreign
        assert prefix_closed(ids, expected), path  # per-endpoint order
        bodies: dict[str, object] = {}
        for r in got:  # a duplicate is the same event: same id, same body
            assert bodies.setdefault(r.event_id, r.body) == r.body
    duplicates = len(receiver.received) - len(PATHS) * EVENTS
    assert duplicates > 0  # the kills did land between acceptance and commit
