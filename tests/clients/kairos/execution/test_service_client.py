"""kairos.execution.service_client against a real ``kairos serve`` app under uvicorn."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from kairos.execution.service_client import ExecutionServiceClient, ServiceError
from kairos_service.config import ServiceConfig

from tests.clients.conftest import Setup
from tests.services.kairos_service.chain import free_port, running_service

OWNER = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin"


def test_service_client_round_trip(kairos_setup: Setup, tmp_path: Path) -> None:
    config = ServiceConfig(
        database_url=f"sqlite:///{tmp_path}/s.db", rpc_url=kairos_setup.cluster.rpc_url,
        ws_url=kairos_setup.cluster.ws_url, run_indexer=False, port=free_port(),
    )  # fmt: skip
    with running_service(config) as url:
        asyncio.run(_calls(url))


async def _calls(url: str) -> None:
    async with ExecutionServiceClient(url, owner=OWNER) as api:
        names = [s["name"] for s in (await api.strategies())["strategies"]]
        assert "Balanced" in names and len(names) == 5
        stored = await api.put_preferences({"template": "Best Price", "blacklist": ["auction"]})
        assert stored["template"] == "Best Price"
        got = await api.get_preferences()
        assert got["preferences"]["blacklist"] == ["auction"]
        with pytest.raises(ServiceError) as refused:
            await api.put_preferences({"min_mev_level": 9})
        assert refused.value.status == 400
        assert (await api.get_preferences()) == got
        estimate = await api.slippage_estimate(0, "sell", 5)
        assert "recommended_tolerance_bps" in estimate and estimate["market"]
        analysis = await api.slippage_analysis()
        assert analysis["summary"]["executions"] == 0
        with pytest.raises(ServiceError) as bad:
            await api.twap_order(0, "buy", 10, slices=20, interval_seconds=5)
        assert bad.value.status == 400
    async with ExecutionServiceClient(url) as anonymous:
        with pytest.raises(ServiceError, match="owner"):
            await anonymous.get_preferences()
