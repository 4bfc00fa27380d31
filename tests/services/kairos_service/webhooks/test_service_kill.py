"""``kairos serve`` itself SIGKILLed mid-delivery on a real chain, trades while it is down.

The service (indexer + in-process worker, SQLite) runs as its own process; a subscriber
follows OrderFilled. The service is killed while a delivery sits in the receiver, trades
land while it is down (the restarted indexer backfills them and writes their outbox rows
in the same transactions), and it is restarted: every fill on the chain since the
subscription reaches the receiver, duplicates only as the same event.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from kairos.events import OrderFilled, parse_events
from kairos.program import PROGRAM_ID

from tests.clients.conftest import Setup

from ..chain import PRICE_100, free_port, new_trader, round_trip
from .helpers import ThreadedReceiver

SECRET = "whsec_service_kill_secret_7"


async def chain_fills(rpc_url: str) -> list[str]:
    """Event ids of every OrderFilled on the chain, oldest first."""
    from kairos_service.indexer.rpc import Rpc

    rpc = Rpc(rpc_url)
    try:
        page = await rpc.call("getSignaturesForAddress", str(PROGRAM_ID),
                              {"limit": 1000, "commitment": "confirmed"})  # fmt: skip
        out: list[str] = []
        for item in reversed(page):
            if item["err"] is not None:
                continue
            tx = await rpc.call("getTransaction", item["signature"], {
                "encoding": "json", "commitment": "confirmed",
                "maxSupportedTransactionVersion": 0})  # fmt: skip
            for i, event in enumerate(parse_events(tx["meta"]["logMessages"])):
                if isinstance(event, OrderFilled):
                    out.append(f"{item['signature']}:{i}")
        return out
    finally:
        await rpc.close()


def _serve(setup: Setup, database: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen(
        [sys.executable, "-m", "kairos_cli", "serve", "--database-url", database,
         "--rpc-url", setup.cluster.rpc_url, "--ws-url", setup.cluster.ws_url,
         "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _wait_up(url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/api/webhooks", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, "kairos serve did not start"
        time.sleep(0.2)


def test_kill_the_service_mid_delivery_and_trade_while_it_is_down(
    service_chain: Setup, tmp_path: Path
) -> None:
    setup = service_chain
    database = f"sqlite:///{tmp_path / 'service.db'}"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    service = _serve(setup, database, port)
    kills = 0
    try:
        _wait_up(url)
        with ThreadedReceiver(SECRET) as receiver:
            made = httpx.post(f"{url}/api/webhooks", json={
                "url": receiver.url("fills"), "event_types": ["OrderFilled"], "secret": SECRET})
            assert made.status_code == 201, made.text
            before = set(asyncio.run(chain_fills(setup.cluster.rpc_url)))

            async def scenario() -> None:
                nonlocal service, kills
                maker, taker = await new_trader(setup), await new_trader(setup)
                async with maker, taker:
                    for round_ in range(2):
                        receiver.modes = {"fills": "slow"}
                        await round_trip(setup, maker, taker, 5, PRICE_100,
                                         PRICE_100 + 1_000 * (round_ + 1))  # fmt: skip
                        deadline = time.monotonic() + 30
                        while receiver.in_flight == 0:
                            assert time.monotonic() < deadline, "no delivery in flight"
                            await asyncio.sleep(0.005)
                        os.kill(service.pid, signal.SIGKILL)
                        service.wait(10)
                        kills += 1
                        receiver.modes = {}
                        # Trades while the service is down: the restart backfills them.
                        await round_trip(setup, maker, taker, 5, PRICE_100,
                                         PRICE_100 - 1_000 * (round_ + 1))  # fmt: skip
                        service = _serve(setup, database, port)
                        await asyncio.to_thread(_wait_up, url)

            asyncio.run(scenario())
            expected = [e for e in asyncio.run(chain_fills(setup.cluster.rpc_url))
                        if e not in before]  # fmt: skip
            assert len(expected) >= 8  # 4 round trips, 2 taker fills each
            deadline = time.monotonic() + 60
            while set(expected) - {r.event_id for r in receiver.received}:
                assert time.monotonic() < deadline, "fills not delivered"
                time.sleep(0.2)
            # Fills of earlier tests on the session's chain (``before``) may be delivered
            # too: the fresh service indexes that history after the subscription exists.
            got = [r.event_id for r in receiver.received if r.event_id not in before]
            assert set(got) <= set(expected) and receiver.bad_signatures == 0
            bodies: dict[str, object] = {}
            for r in receiver.received:
                assert bodies.setdefault(r.event_id, r.body) == r.body
            # Order: the first arrival of each fill follows the chain's order.
            firsts = list(dict.fromkeys(got))
            assert firsts == [e for e in expected if e in set(firsts)]
    finally:
        service.kill()
        service.wait(10)
    assert kills == 2
