"""Execution quality through the service on a real localnet (indexer running), both engines.

Estimate, quote, plan (advanced swap), the SDK sends the plan, the indexer records the
fills, the analysis computes the shortfall and the preferences learn from it.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi.testclient import TestClient
from kairos.client import PerpMarketParams
from kairos.constants import Side
from kairos.execution.client import ExecutionClient
from kairos.params import CreateOracleParams, PlaceOrderV2Params
from kairos_service.app import create_app
from kairos_service.config import ServiceConfig

from tests.clients.conftest import BASE_DECIMALS, STALENESS_SLOTS, Setup

from ..chain import new_trader

PRICE = 1_000_000
ASKS = [(PRICE, 10), (PRICE + 2_000, 10), (PRICE * 105 // 100, 50)]
_seed = [3_000]


async def new_market(setup: Setup) -> int:
    _seed[0] += 1
    async with setup.client() as admin:
        await admin.send(
            admin.oracles.create(CreateOracleParams(_seed[0], 100_000_000, 20_000, -6))
        )
        created = await admin.admin.create_perp_market(
            PerpMarketParams(
                name="EXEC-SVC", oracle=admin.oracle_address(_seed[0]), base_lot_size=10_000_000,
                tick_size=100, base_decimals=BASE_DECIMALS, max_staleness_slots=STALENESS_SLOTS,
                taker_fee_bps=10,
            )
        )  # fmt: skip
        await admin.send(created)
        return created.market_index


def _wait(client: TestClient, path: str, predicate: Any, timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(path).json()
        if predicate(body):
            return body
        if time.monotonic() > deadline:
            raise AssertionError(f"{path}: condition not reached; last answer {body}")
        time.sleep(0.3)


def test_plan_execute_analyse_learn(database_url: str, service_chain: Setup) -> None:
    asyncio.run(_body(database_url, service_chain))


async def _body(database_url: str, setup: Setup) -> None:
    config = ServiceConfig(
        database_url=database_url, rpc_url=setup.cluster.rpc_url, ws_url=setup.cluster.ws_url,
        finality_poll_seconds=0.5, snapshot_seconds=5, oracle_sample_seconds=5,
    )  # fmt: skip
    market_index = await new_market(setup)
    maker, trader = await new_trader(setup), await new_trader(setup)
    owner = str(trader.authority)
    account = str(trader.margin_account_address())
    async with maker, trader:
        for price, lots in ASKS:
            await maker.send(
                maker.orders.place_v2(PlaceOrderV2Params(market_index, Side.ASK, price, lots))
            )
        with TestClient(create_app(config)) as client:
            estimate = client.get(
                f"/api/execution/slippage-estimate?market_index={market_index}&side=buy&lots=20"
            ).json()
            assert estimate["book_slippage_bps"] == 10.0 and estimate["best_price"] == PRICE
            assert estimate["limits"]["worst_price"] >= PRICE + 2_000
            assert estimate["recommended_tolerance_bps"] >= 20
            # More than the book holds and no model yet: null expectation, capped tolerance.
            deep = client.get(
                f"/api/execution/slippage-estimate?market_index={market_index}&side=buy&lots=500"
            ).json()
            assert deep["expected_slippage_bps"] is None and deep["notes"]

            quote = client.post("/api/routing/custom-quote", json={
                "market_index": market_index, "side": "buy", "lots": 60,
                "preferences": {"template": "MEV Protected"},
            }).json()  # fmt: skip
            kinds = [r["kind"] for r in quote["routes"]]
            assert "take" not in kinds and quote["excluded"]["take"].startswith("MEV")
            assert quote["arrival_oracle"] == PRICE

            put = client.put(
                f"/api/routing/preferences?owner={owner}", json={"template": "Speed First"}
            )
            assert put.status_code == 200
            swap = client.post("/api/execution/advanced-swap", json={
                "market_index": market_index, "side": "buy", "lots": 20, "owner": owner,
                "margin_account": account, "priority_fee_lamports": 0,
            }).json()  # fmt: skip
            plan = swap["plan"]
            assert plan["route"] == "take" and plan["worst_price"] >= PRICE + 2_000

            signatures, _ = await ExecutionClient(trader).execute_plan(market_index, plan)
            assert signatures
            analysis = _wait(
                client, f"/api/execution/slippage-analysis?owner={owner}",
                lambda b: b["summary"]["analysed"] == 1,
            )  # fmt: skip
            (row,) = analysis["executions"]
            assert row["filled_lots"] == 20 and row["average_price"] == PRICE + 1_000
            assert row["realized_slippage_bps"] == 10.0
            assert row["shortfall_oracle_bps"] == 10.0
            assert row["fees"] > 0 and row["time_to_fill_seconds"] is not None
            assert analysis["summary"]["adherence"] == 1.0
            learned = client.get(f"/api/routing/preferences?owner={owner}").json()
            assert "take" in learned["preferences"]["adjustments"]

            twap = client.post("/api/execution/twap-order", json={
                "market_index": market_index, "side": "buy", "lots": 40, "slices": 4,
                "interval_seconds": 60, "profile": "twap", "start_time": 1_000,
            }).json()  # fmt: skip
            assert twap["twap"]["slice_count"] == 4 and twap["twap"]["total_base_lots"] == 40
            assert [s["base_lots"] for s in twap["schedule"]] == [10] * 4
            vwap = client.post("/api/execution/twap-order", json={
                "market_index": market_index, "side": "buy", "lots": 40, "slices": 4,
                "interval_seconds": 60, "profile": "vwap", "start_time": 1_000,
            }).json()  # fmt: skip
            assert sum(s["base_lots"] for s in vwap["schedule"]) == 40
            assert sum(vwap["volume_profile"]) == 20
            bad = client.post("/api/execution/twap-order", json={
                "market_index": market_index, "side": "buy", "lots": 4, "slices": 5,
                "interval_seconds": 60,
            })  # fmt: skip
            assert bad.status_code == 400
