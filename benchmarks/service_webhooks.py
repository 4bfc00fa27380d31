"""Webhook delivery: latency at 1,000 events/s, the kill test's losses, worker throughput.

Everything on loopback with a private PostgreSQL server (Debian's binaries, started here).
The receiver is its own process (aiohttp, this file with ``--receiver``), verifying each
signature and stamping each arrival with the wall clock.

1. Latency: ``--rate`` events/s for ``--seconds`` s in transactions of 10 events over 4
   accounts; 4 endpoints each follow one account; one worker process (``kairos webhooks
   worker --concurrency 4 --poll-seconds 0.01``). Two producers: "outbox" writes only the
   outbox rows (``webhooks.outbox.enqueue``, what the indexer's transaction adds for
   webhooks); "indexer" runs the real ``Indexer.ingest`` (Deposited events), whose own
   storing cost caps the achieved rate. Latency = arrival at the receiver - the delivery
   row's creation (in the producer's transaction, before its commit). A third row runs the
   outbox producer at ``--sustained-rate`` (250/s), under one worker's capacity here.
2. Kill: ``--kill-events`` events to 2 endpoints while the worker process
   (``kairos webhooks worker``) is SIGKILLed 3 times with a request in flight at the
   receiver, then restarted. Lost = events never received (must be 0); duplicates =
   receipts beyond the first per (endpoint, event).
3. Throughput: a backlog of ``--backlog`` deliveries over 8 endpoints, drained by 1 and then
   2 worker processes (each ``--concurrency`` 4); deliveries/s and receipts seen twice.

    python benchmarks/service_webhooks.py [--rate 1000] [--seconds 5] [--kill-events 600]
        [--backlog 4000]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SECRET = "whsec_benchmark_secret_0001"
PATHS_ENV = os.pathsep.join([str(ROOT / "clients"), str(ROOT / "keepers"), str(ROOT / "services"),
                             str(ROOT)])  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- the receiver process -------------------------------------------------------------


def receiver_main(port: int) -> None:
    """Serve POST /<path> (verify, record), GET /_receipts, POST /_mode, GET /_inflight."""
    from aiohttp import web
    from kairos.webhooks import SIGNATURE_HEADER, verify_signature

    receipts: list[tuple[float, str, str, str]] = []
    state = {"mode": "ok", "in_flight": 0, "bad": 0}

    async def hook(request: web.Request) -> web.Response:
        raw = await request.read()
        at = time.time()
        try:
            verify_signature(raw, request.headers.get(SIGNATURE_HEADER), SECRET, 300)
        except ValueError:
            state["bad"] += 1
            return web.Response(status=400)
        receipts.append((at, request.path.lstrip("/"), request.headers["Kairos-Event-Id"],
                         request.headers["Kairos-Delivery-Id"] + "/"
                         + request.headers["Kairos-Attempt"]))  # fmt: skip
        if state["mode"] == "slow":
            state["in_flight"] += 1
            try:
                await asyncio.sleep(0.5)
            finally:
                state["in_flight"] -= 1
        return web.Response(status=200)

    async def get_receipts(_request: web.Request) -> web.Response:
        return web.json_response({"receipts": receipts, "bad": state["bad"]})

    async def set_mode(request: web.Request) -> web.Response:
        state["mode"] = (await request.json())["mode"]
        return web.json_response({})

    async def in_flight(_request: web.Request) -> web.Response:
        return web.json_response({"in_flight": state["in_flight"]})

    app = web.Application()
    app.router.add_get("/_receipts", get_receipts)
    app.router.add_post("/_mode", set_mode)
    app.router.add_get("/_inflight", in_flight)
    app.router.add_post("/{tail:.*}", hook)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


class ReceiverProcess:
    """The receiver subprocess and its admin calls."""

    def __init__(self) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--receiver", str(self.port)],
            env={**os.environ, "PYTHONPATH": PATHS_ENV},
        )
        self.base = f"http://127.0.0.1:{self.port}"

    async def ready(self) -> None:
        import httpx

        for _ in range(200):
            try:
                async with httpx.AsyncClient() as client:
                    await client.get(self.base + "/_inflight")
                return
            except httpx.HTTPError:
                await asyncio.sleep(0.05)
        raise RuntimeError("the receiver did not start")

    def url(self, path: str) -> str:
        return f"{self.base}/{path}"

    async def admin(self, method: str, path: str, **kwargs: Any) -> Any:
        import httpx

        async with httpx.AsyncClient(timeout=30) as client:
            response = await client.request(method, self.base + path, **kwargs)
            return response.json()

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


# --- helpers --------------------------------------------------------------------------


def logs_of(events: list[Any]) -> list[str]:
    from kairos.program import PROGRAM_ID

    lines = [f"Program {PROGRAM_ID} invoke [1]"]
    lines += ["Program data: " + base64.b64encode(e.encode()).decode() for e in events]
    return [*lines, f"Program {PROGRAM_ID} success"]


def deposit(account: Any, amount: int) -> Any:
    from kairos.events import Deposited

    return Deposited(margin_account=account, asset=account, amount=amount, balance_after=amount,
                     asset_total_deposits=amount, asset_deposit_cap=10**12)  # fmt: skip


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def new_database(server: str) -> str:
    import asyncpg

    name = "wh_" + uuid.uuid4().hex[:12]
    conn = await asyncpg.connect(server)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return server.rsplit("/", 1)[0] + "/" + name


async def open_count(sessions: Any) -> int:
    from kairos_service.webhooks.models import OPEN_STATUSES, WebhookDeliveryRow
    from sqlalchemy import func, select

    async with sessions() as session:
        return int(await session.scalar(
            select(func.count()).select_from(WebhookDeliveryRow)
            .where(WebhookDeliveryRow.status.in_(OPEN_STATUSES))) or 0)  # fmt: skip


def worker_process(url: str, concurrency: int, poll: float = 0.05) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kairos_cli", "webhooks", "worker", "--database-url", url,
         "--concurrency", str(concurrency), "--max-attempts", "1000", "--timeout", "0.5",
         "--backoff-base", "0.05", "--backoff-cap", "0.3", "--batch", "20",
         "--poll-seconds", str(poll)],
        env={**os.environ, "PYTHONPATH": PATHS_ENV},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


async def setup(server: str, receiver: ReceiverProcess, endpoints: list[tuple[str, list[str]]]
                ) -> tuple[Any, Any, list[str]]:  # fmt: skip
    from kairos_service.db.migrate import upgrade
    from kairos_service.db.session import make_engine, make_sessionmaker
    from kairos_service.webhooks.store import WebhookStore

    url = await new_database(server)
    engine = make_engine(url)
    await upgrade(engine)
    sessions = make_sessionmaker(engine)
    store = WebhookStore(sessions)
    for path, accounts in endpoints:
        await store.create("bench", receiver.url(path), accounts=accounts, secret=SECRET,
                           allow_private=True)  # fmt: skip
    return engine, sessions, [url]


# --- 1. latency ------------------------------------------------------------------------


async def latency(server: str, receiver: ReceiverProcess, rate: int, seconds: float,
                  outbox_only: bool) -> dict[str, Any]:  # fmt: skip
    from kairos.program import PROGRAM_ID
    from kairos_service.indexer.indexer import Indexer
    from kairos_service.webhooks.models import WebhookDeliveryRow
    from kairos_service.webhooks.outbox import enqueue
    from solders.keypair import Keypair
    from sqlalchemy import select

    accounts = [Keypair().pubkey() for _ in range(4)]
    tag = f"l{rate}{'o' if outbox_only else 'i'}_"
    engine, sessions, (url,) = await setup(
        server, receiver, [(f"{tag}{i}", [str(a)]) for i, a in enumerate(accounts)]
    )
    worker = worker_process(url, 4, poll=0.01)
    indexer = Indexer(sessions, "http://127.0.0.1:1", "ws://127.0.0.1:2", PROGRAM_ID)
    per_tx = 10
    total = int(rate * seconds)
    started = time.perf_counter()
    for n in range(total // per_tx):
        if outbox_only:  # what the indexer's transaction adds for webhooks, nothing else
            rows = [{"signature": f"lat{n:07d}", "idx": j, "slot": n, "block_time": n,
                     "name": "Deposited", "commitment": "confirmed", "market": None,
                     "accounts": [str(accounts[(n * per_tx + j) % 4])], "data": {"amount": j}}
                    for j in range(per_tx)]  # fmt: skip
            async with sessions.begin() as session:
                await enqueue(session, rows)
        else:
            events = [deposit(accounts[(n * per_tx + j) % 4], n * per_tx + j + 1)
                      for j in range(per_tx)]  # fmt: skip
            await indexer.ingest(f"lat{n:07d}", n, logs_of(events), tx_order=0, block_time=n,
                                 commitment="confirmed")  # fmt: skip
        delay = started + (n + 1) * per_tx / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
    produced_seconds = time.perf_counter() - started
    deadline = time.monotonic() + 120
    while await open_count(sessions) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    worker.terminate()
    worker.wait(10)
    doc = await receiver.admin("GET", "/_receipts")
    async with sessions() as session:
        created = {
            (endpoint, event): at
            for endpoint, event, at in (await session.execute(select(
                WebhookDeliveryRow.endpoint_id, WebhookDeliveryRow.event_id,
                WebhookDeliveryRow.created_at))).all()  # fmt: skip
        }
        from kairos_service.webhooks.models import WebhookEndpointRow

        paths = {row.url.rsplit("/", 1)[1]: row.id
                 for row in await session.scalars(select(WebhookEndpointRow))}  # fmt: skip
    first: dict[tuple[str, str], float] = {}
    for at, path, event, _attempt in doc["receipts"]:
        if path.startswith(tag):
            first.setdefault((paths[path], event), at)
    lags = [at - created[key] for key, at in first.items()]
    await indexer.close()
    await engine.dispose()
    return {
        "events": total, "achieved_rate": total / produced_seconds,
        "delivered": len(first), "p50_ms": percentile(lags, 0.5) * 1000,
        "p99_ms": percentile(lags, 0.99) * 1000, "max_ms": max(lags) * 1000,
        "bad_signatures": doc["bad"], "producer": "outbox" if outbox_only else "indexer",
        "rate": rate,
    }  # fmt: skip


# --- 2. kill ---------------------------------------------------------------------------


async def kill(server: str, receiver: ReceiverProcess, events: int) -> dict[str, Any]:
    from kairos.program import PROGRAM_ID
    from kairos_service.indexer.indexer import Indexer
    from solders.keypair import Keypair

    engine, sessions, (url,) = await setup(server, receiver, [("k1", []), ("k2", [])])
    indexer = Indexer(sessions, "http://127.0.0.1:1", "ws://127.0.0.1:2", PROGRAM_ID)
    account = Keypair().pubkey()

    async def produce() -> None:
        for i in range(events):
            await indexer.ingest(f"kill{i:06d}", i, logs_of([deposit(account, i + 1)]),
                                 tx_order=0, block_time=i, commitment="confirmed")  # fmt: skip
            await asyncio.sleep(0.005)

    worker = worker_process(url, 2)
    producer = asyncio.create_task(produce())
    await asyncio.sleep(1.0)
    kills = 0
    for _ in range(3):
        await receiver.admin("POST", "/_mode", json={"mode": "slow"})
        deadline = time.monotonic() + 30
        while (await receiver.admin("GET", "/_inflight"))["in_flight"] == 0:
            if time.monotonic() > deadline:
                raise RuntimeError("no delivery in flight to kill")
            await asyncio.sleep(0.005)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        kills += 1
        await receiver.admin("POST", "/_mode", json={"mode": "ok"})
        worker = worker_process(url, 2)
        await asyncio.sleep(0.5)
    await producer
    deadline = time.monotonic() + 120
    while await open_count(sessions) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    worker.kill()
    worker.wait(10)
    doc = await receiver.admin("GET", "/_receipts")
    mine = [(path, event) for _, path, event, _a in doc["receipts"] if path in ("k1", "k2")]
    expected = {(p, f"kill{i:06d}:0") for p in ("k1", "k2") for i in range(events)}
    await indexer.close()
    await engine.dispose()
    return {"events": 2 * events, "kills": kills, "lost": len(expected - set(mine)),
            "duplicates": len(mine) - len(set(mine)), "foreign": len(set(mine) - expected)}


# --- 3. throughput ---------------------------------------------------------------------


async def throughput(server: str, receiver: ReceiverProcess, backlog: int, replicas: int,
                     concurrency: int) -> dict[str, Any]:  # fmt: skip
    from kairos_service.webhooks.models import PENDING, WebhookDeliveryRow, WebhookEndpointRow
    from sqlalchemy import insert, select

    tag = f"tp{replicas}_"
    engine, sessions, (url,) = await setup(
        server, receiver, [(f"{tag}{i}", []) for i in range(8)]
    )
    async with sessions.begin() as session:
        ids = list(await session.scalars(select(WebhookEndpointRow.id)))
        now = time.time()
        rows = [{
            "endpoint_id": ids[i % len(ids)], "event_id": f"tp{i:07d}:0",
            "event_type": "Deposited", "slot": i, "payload": {"id": f"tp{i:07d}:0", "n": i},
            "status": PENDING, "attempts": 0, "next_attempt_at": now, "created_at": now,
        } for i in range(backlog)]  # fmt: skip
        await session.execute(insert(WebhookDeliveryRow), rows)
    workers = [worker_process(url, concurrency) for _ in range(replicas)]
    started = time.perf_counter()
    deadline = time.monotonic() + 300
    while await open_count(sessions) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    elapsed = time.perf_counter() - started
    for w in workers:
        w.terminate()
        w.wait(10)
    doc = await receiver.admin("GET", "/_receipts")
    mine = [event for _, path, event, _a in doc["receipts"] if path.startswith(tag)]
    attempts = [a for _, path, _e, a in doc["receipts"] if path.startswith(tag)]
    await engine.dispose()
    return {"replicas": replicas, "deliveries": backlog, "seconds": elapsed,
            "per_second": backlog / elapsed, "received": len(mine),
            "twice": len(mine) - len(set(mine)),
            "same_attempt_twice": len(attempts) - len(set(attempts))}  # fmt: skip


async def main(args: argparse.Namespace) -> None:
    from tests.services.kairos_service.postgres import postgres_server

    with postgres_server() as server:
        receiver = ReceiverProcess()
        try:
            await receiver.ready()
            lats = [await latency(server, receiver, rate, args.seconds, outbox_only)
                    for rate, outbox_only in ((args.rate, True), (args.rate, False),
                                              (args.sustained_rate, True))]  # fmt: skip
            killed = await kill(server, receiver, args.kill_events)
            tps = [await throughput(server, receiver, args.backlog, n, args.concurrency)
                   for n in (1, 2)]  # fmt: skip
        finally:
            receiver.stop()
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title="Delivery latency (PostgreSQL, loopback)")
    for column in ("producer", "target events/s", "events", "achieved events/s", "delivered",
                   "p50 ms", "p99 ms", "max ms", "bad signatures"):  # fmt: skip
        table.add_column(column, justify="right")
    for lat in lats:
        table.add_row(lat["producer"], str(lat["rate"]), str(lat["events"]),
                      f"{lat['achieved_rate']:.0f}", str(lat["delivered"]),
                      f"{lat['p50_ms']:.1f}", f"{lat['p99_ms']:.1f}", f"{lat['max_ms']:.1f}",
                      str(lat["bad_signatures"]))  # fmt: skip
    console.print(table)
    table = Table(title="Kill test: worker process SIGKILLed with a request in flight")
    for column in ("deliveries due", "kills", "lost", "duplicates (same event id)", "foreign"):
        table.add_column(column, justify="right")
    table.add_row(str(killed["events"]), str(killed["kills"]), str(killed["lost"]),
                  str(killed["duplicates"]), str(killed["foreign"]))  # fmt: skip
    console.print(table)
    table = Table(title=f"Worker throughput, backlog of {args.backlog} over 8 endpoints")
    for column in ("worker processes", "seconds", "deliveries/s", "received",
                   "event received twice", "one attempt sent twice", "ratio to 1 replica"):
        table.add_column(column, justify="right")
    for row in tps:
        table.add_row(str(row["replicas"]), f"{row['seconds']:.2f}", f"{row['per_second']:.0f}",
                      str(row["received"]), str(row["twice"]), str(row["same_attempt_twice"]),
                      f"{row['per_second'] / tps[0]['per_second']:.2f}")  # fmt: skip
    console.print(table)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(json.dumps({"latency": lats, "kill": killed, "throughput": tps}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receiver", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--sustained-rate", type=int, default=250,
                        help="A second outbox rate, under the worker's capacity.")
    parser.add_argument("--kill-events", type=int, default=600)
    parser.add_argument("--backlog", type=int, default=4000)
    parser.add_argument("--concurrency", type=int, default=4)
    parsed = parser.parse_args()
    if parsed.receiver:
        receiver_main(parsed.receiver)
    else:
        asyncio.run(main(parsed))
