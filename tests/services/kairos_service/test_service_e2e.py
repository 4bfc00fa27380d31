"""The whole service on a real localnet: indexer, state, snapshots, API, /ws, on both engines."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from typing import Any

from fastapi.testclient import TestClient
from kairos.params import UpdateOracleParams
from kairos_service.app import create_app
from kairos_service.config import ServiceConfig

from tests.clients.conftest import Setup

from .chain import PRICE_100, new_trader, round_trip


def _wait(client: TestClient, path: str, predicate: Any, timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(path).json()
        if predicate(body):
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"{path}: condition not reached; last answer {body}")
        time.sleep(0.2)


def test_service_end_to_end(database_url: str, service_chain: Setup) -> None:
    setup = service_chain
    config = ServiceConfig(
        database_url=database_url, rpc_url=setup.cluster.rpc_url, ws_url=setup.cluster.ws_url,
        snapshot_seconds=0.5, oracle_sample_seconds=0.5, live_seconds=0.2,
        finality_poll_seconds=0.5, ws_heartbeat_seconds=0.5,
    )  # fmt: skip

    # One event loop for every chain call (the SDK clients keep their connections);
    # the TestClient runs the app in its own thread, so blocking calls here are fine.
    asyncio.run(_body(setup, config))


async def _body(setup: Setup, config: ServiceConfig) -> None:
    maker, taker = await new_trader(setup), await new_trader(setup)
    account = str(taker.margin_account_address())
    with TestClient(create_app(config)) as client:
        _wait(client, f"/api/performance/summary?account={account}&window=all",
              lambda b: b.get("snapshots", 0) >= 2)  # fmt: skip
        with client.websocket_connect("/ws") as ws:
            ws.send_json({"op": "subscribe", "account": account,
                          "alert": {"threshold_pct": 0.0001, "window_seconds": 3600}})  # fmt: skip
            assert ws.receive_json() == {"type": "subscribed", "account": account}

            await round_trip(setup, maker, taker, 20, PRICE_100, PRICE_100 + 20_000)
            await round_trip(setup, maker, taker, 10, PRICE_100, PRICE_100 - 10_000)
            await round_trip(setup, maker, taker, 5, PRICE_100, PRICE_100 + 40_000)
            async with setup.client() as admin:
                await admin.send(
                    admin.oracles.update(UpdateOracleParams(setup.perp_oracle, 110_000_000, 20_000))
                )
            kinds: set[str] = set()
            names: set[str] = set()
            deadline = time.monotonic() + 30
            wanted = {"event", "heartbeat", "equity", "state"}
            while not (wanted <= kinds and "OrderPlaced" in names):
                assert time.monotonic() < deadline, kinds
                message = ws.receive_json()
                kinds.add(message["type"])
                if message["type"] == "event":
                    names.add(message["name"])
                    assert account in (message["account"],)

        summary = _wait(client, f"/api/performance/summary?account={account}&window=all",
                        lambda b: b.get("trades") == 3)  # fmt: skip
        assert summary["wins"] == 2 and summary["losses"] == 1
        assert summary["win_rate"] == 2 / 3 and summary["profit_factor"] > 1
        trades = client.get(f"/api/trades?account={account}").json()["trades"]
        assert [t["side"] for t in trades] == ["long"] * 3
        assert all(t["fees"] > 0 and t["closed_at"] is not None for t in trades)
        # 20 lots +0.02/lot, 10 lots -0.01/lot, 5 lots +0.04/lot, minus fees: exact ints.
        gross = 20 * 20_000 - 10 * 10_000 + 5 * 40_000
        assert sum(t["pnl"] + t["fees"] for t in trades) == gross

        state = client.get(f"/api/accounts/{account}/state").json()

        health = (await taker.get_health_context()).health()
        assert state["health"]["init"] == health.init and state["health"]["maint"] == health.maint
        assert state["slot"] > 0 and state["owner"] == str(taker.wallet.pubkey())
        assert state["positions"] == [] or state["positions"][0]["base_lots"] == 0

        # An API-only replica on the same database answers the same (its own account cache).
        replica_config = dataclasses.replace(config, run_indexer=False)
        with TestClient(create_app(replica_config)) as replica:
            assert replica.get(f"/api/accounts/{account}/state").json()["health"] == state["health"]
            again = replica.get(f"/api/performance/summary?account={account}&window=all").json()
            assert again["trades"] == 3 and again["realized_pnl"] == summary["realized_pnl"]

        owner = client.get(f"/api/owners/{taker.wallet.pubkey()}/state").json()
        assert [a["margin_account"] for a in owner["accounts"]] == [account]
        assert owner["totals"]["equity"] == owner["accounts"][0]["equity"]
        assert owner["slot"] == owner["accounts"][0]["slot"]

        history = client.get(f"/api/performance/history?account={account}&window=1d").json()
        assert len(history["points"]) >= 2 and history["daily_pnl"]
        bench = _wait(client, f"/api/performance/benchmarks?account={account}&window=1d",
                      lambda b: b["benchmarks"][0]["return"] not in (None, 0.0))  # fmt: skip
        sol = bench["benchmarks"][0]
        assert sol["symbol"] == "SOL" and sol["to_price"] == 110_000_000
        assert bench["benchmarks"][1]["return"] is None  # no BTC market listed
        attribution = client.get(f"/api/performance/attribution?account={account}").json()
        (market,) = attribution["by_market"]
        assert market["trades"] == 3 and market["realized_pnl"] == gross - market["fees"]

        # Errors: problem+json with a clear message, nothing changed.
        unknown = "11111111111111111111111111111112"
        for path, status, words in [
            (f"/api/accounts/{unknown}/state", 404, "not a Kairos margin account"),
            (f"/api/performance/summary?account={unknown}", 404, "is not indexed"),
            (f"/api/performance/summary?account={account}&window=7q", 400, "is not N followed"),
            ("/api/performance/summary?account=not-a-key", 400, "not a base58 public key"),
            (f"/api/performance/history?account={account}&resolution=2h", 400, "resolution"),
            (f"/api/trades?account={account}&limit=0", 422, "limit"),
            (f"/api/performance/summary?account={account}&start=9&end=3", 400, "before end"),
            ("/api/accounts/xyz/state", 400, "not a base58 public key"),
            (f"/api/owners/{unknown}/state", 404, "no indexed margin account is owned by"),
        ]:
            response = client.get(path)
            assert response.status_code == status, (path, response.text)
            assert response.headers["content-type"] == "application/problem+json"
            assert words in response.json()["detail"], response.json()
    await maker.close()
    await taker.close()
