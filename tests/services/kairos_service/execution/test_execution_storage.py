"""Execution quality in the service without a chain: preferences, templates, model refit."""

from __future__ import annotations

import contextlib
import math
import random

import pytest
from fastapi.testclient import TestClient
from kairos_service.app import create_app
from kairos_service.config import ServiceConfig
from kairos_service.db.models import FillRow, MarketRow
from kairos_service.db.session import make_sessionmaker
from kairos_service.execution import service as svc
from kairos_service.execution.models import ImpactModelRow
from sqlalchemy.ext.asyncio import AsyncEngine

OWNER = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin"


def _client(database_url: str) -> TestClient:
    return TestClient(create_app(ServiceConfig(database_url=database_url, run_indexer=False)))


def test_preferences_templates_and_bad_input(database_url: str) -> None:
    with _client(database_url) as client:
        names = [s["name"] for s in client.get("/api/routing/strategies").json()["strategies"]]
        assert names == ["Speed First", "Best Price", "MEV Protected", "Gas Optimized", "Balanced"]
        url = f"/api/routing/preferences?owner={OWNER}"
        default = client.get(url).json()
        assert default["template"] == "Balanced" and default["user"] == f"owner:{OWNER}"
        stored = client.put(url, json={"template": "mev protected", "max_child_orders": 4})
        assert stored.status_code == 200, stored.text
        got = client.get(url).json()
        assert got["template"] == "MEV Protected"
        assert got["preferences"]["min_mev_level"] == 2
        assert got["preferences"]["max_child_orders"] == 4
        # Bad input: a clear 400 naming the problem, nothing changed.
        for bad in (
            {"template": "Fastest"},
            {"route_weights": {"binance": 1}},
            {"max_child_orders": 0},
            {"blacklist": ["take"], "whitelist": ["take"]},
            {"nonsense": True},
        ):
            response = client.put(url, json=bad)
            assert response.status_code == 400, bad
            assert response.headers["content-type"] == "application/problem+json"
        assert client.get(url).json() == got
        # Without a key, the owner is required and must be a public key.
        assert client.get("/api/routing/preferences").status_code == 400
        assert client.get("/api/routing/preferences?owner=nope").status_code == 400
        assert client.get(f"/api/execution/slippage-analysis?owner={OWNER}").json()["summary"] == {
            "executions": 0,
            "analysed": 0,
            "adherence": None,
        }
        assert (
            client.get("/api/execution/slippage-estimate?market_index=0&side=up&lots=1").status_code
            == 400
        )
        assert (
            client.get(
                "/api/execution/slippage-estimate?market_index=0&side=buy&lots=0"
            ).status_code
            == 422
        )


async def test_refit_from_indexed_fills_reports_held_out_error(engine: AsyncEngine) -> None:
    """Synthetic taker fills following a square-root law: the refit stores the model."""
    sessions = make_sessionmaker(engine)
    market = "Mkt1111111111111111111111111111111111111111"
    rng = random.Random(7)
    price = 1_000_000.0
    async with sessions() as session, session.begin():
        session.add(MarketRow(market_index=9, address=market, oracle="o", name="X", base_lot_size=1,
                              tick_size=1))  # fmt: skip
        for i in range(120):
            price *= math.exp(rng.gauss(0, 0.002 if (i // 30) % 2 else 0.0005))
            lots = rng.choice([5, 10, 50, 100])
            levels = [int(price * (1 + k * 0.0005)) for k in range(lots // 5)]
            for k, level in enumerate(levels):
                session.add(
                    FillRow(
                        signature=f"s{i}",
                        idx=k,
                        margin_account="acct",
                        market=market,
                        slot=i,
                        tx_order=0,
                        block_time=1_000 + i * 60,
                        role="taker",
                        base_lots=5,
                        quote=-5 * level,
                        fee=1,
                        source="OrderFilled",
                        commitment="confirmed",
                    )  # fmt: skip
                )
    async with sessions() as session, session.begin():
        assert await svc.refit_all(session) == 1
    async with sessions() as session:
        row = await session.get(ImpactModelRow, market)
        assert row is not None and row.samples >= 100 and row.coefficient >= 0
        assert row.holdout["test"] == 30 and row.holdout["mae_bps"] >= 0
        profile = await svc.volume_profile(session, market, 4, 3_600)
        assert len(profile) == 4 and sum(profile) > 0
    # Too few executions: no model, nothing stored.
    async with sessions() as session, session.begin():
        assert (
            await svc.refit_market(session, "Empty111111111111111111111111111111111111111") is None
        )


def test_resolve_preferences_overrides_a_template() -> None:
    name, prefs = svc.resolve_preferences({"template": "Gas Optimized", "gas_weight": 3.0})
    assert name == "Gas Optimized" and prefs.gas_weight == 3.0 and prefs.max_child_orders == 1
    with pytest.raises(svc.ExecutionInputError):
        svc.resolve_preferences({"speed_weight": -1})


async def test_the_refit_worker_refits_on_its_schedule(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker refits at start and again after each period; new fills change the model."""
    import asyncio
    import types

    from kairos_service.execution.worker import refit_forever, refit_seconds

    sessions = make_sessionmaker(engine)
    market = "Mkt2222222222222222222222222222222222222222"
    rng = random.Random(9)

    async def add_fills(start: int, count: int, scale: float) -> None:
        async with sessions() as session, session.begin():
            for i in range(start, start + count):
                lots = rng.choice([5, 20, 80])
                price = 1_000_000 + rng.randrange(-2_000, 2_000)
                worse = int(price * (1 + scale * math.sqrt(lots) / 1e4))
                for k, (level, size) in enumerate(((price, lots // 2), (worse, lots - lots // 2))):
                    session.add(
                        FillRow(
                            signature=f"w{i}",
                            idx=k,
                            margin_account="a",
                            market=market,
                            slot=i,
                            tx_order=0,
                            block_time=i,
                            role="taker",
                            base_lots=size,
                            quote=-level * size,
                            fee=0,
                            source="OrderFilled",
                            commitment="confirmed",
                        )  # fmt: skip
                    )

    async with sessions() as session, session.begin():
        session.add(MarketRow(market_index=8, address=market, oracle="o", name="Y", base_lot_size=1,
                              tick_size=1))  # fmt: skip
    await add_fills(0, 30, 1.0)
    monkeypatch.setenv("KAIROS_IMPACT_REFIT_SECONDS", "0.2")
    assert refit_seconds() == 0.2
    task = asyncio.create_task(refit_forever(types.SimpleNamespace(sessions=sessions)))  # type: ignore[arg-type]
    try:
        for _ in range(50):
            await asyncio.sleep(0.1)
            async with sessions() as session:
                first = await session.get(ImpactModelRow, market)
                if first is not None:
                    break
        assert first is not None
        fitted_at = first.fitted_at
        await add_fills(30, 30, 8.0)  # impact grows eightfold
        for _ in range(50):
            await asyncio.sleep(0.1)
            async with sessions() as session:
                second = await session.get(ImpactModelRow, market)
                assert second is not None
                if second.fitted_at > fitted_at and second.samples > first.samples:
                    break
        assert second.samples > first.samples
        assert svc.model_of(second).predict_bps(80) > svc.model_of(first).predict_bps(80)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    monkeypatch.setenv("KAIROS_IMPACT_REFIT_SECONDS", "0")
    with pytest.raises(ValueError):
        refit_seconds()
