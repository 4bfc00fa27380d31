"""Issue 16's localnet scenario: a trader hits every risk limit in turn.

Six risk-increasing orders are refused, each with its limit's own error; the daily-loss
and drawdown breaches are recorded by the ``risk`` keeper (its breach scan sends
``compute_risk``) and their ``RiskLimitBreached`` events are read back from the chain;
in between, reduce-only refuses a new order. See kairos_keepers.testing.risk_scenario.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from kairos.risk import RiskLimitKind
from kairos_keepers.testing.auction_demo import set_up_exchange
from kairos_keepers.testing.risk_scenario import ScenarioResult, run_scenario
from kairos_localnet.testing import Cluster, start_cluster
from kairos_toolchain.build import build_program
from solders.keypair import Keypair

ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=100) as started:
        yield started


def test_a_trader_hits_every_limit_in_turn(cluster: Cluster) -> None:
    async def run() -> ScenarioResult:
        exchange = await set_up_exchange(cluster.rpc_url, cluster.ws_url)
        return await run_scenario(exchange)

    result = asyncio.run(run())
    outcomes = [(step.limit, step.outcome) for step in result.steps]
    assert outcomes == [
        ("leverage 1x", "RiskLeverageLimit"),
        ("largest position 0.5x", "RiskPositionLimit"),
        ("concentration 30%", "RiskConcentrationLimit"),
        ("VaR 1%", "RiskVarLimit"),
        ("correlated exposure 0.5x", "RiskCorrelatedExposureLimit"),
        ("liquidity 50% of depth within 2%", "RiskLiquidityLimit"),
        ("daily loss 5%", "filled"),
        ("daily loss 5%", "RiskLimitBreached"),
        ("reduce-only", "RiskReduceOnly"),
        ("drawdown 3%", "RiskLimitBreached"),
    ]
    breaches = result.breaches
    assert [RiskLimitKind(b.limit) for b in breaches] == [
        RiskLimitKind.DAILY_LOSS,
        RiskLimitKind.DRAWDOWN,
    ]
    daily, drawdown = breaches
    assert (daily.bound, drawdown.bound) == (500, 300)
    # 50 SOL long on 10,000 USDC: −12 % is ~6 % of equity, then −10 % of 88 is ~4.7 %.
    assert 550 < daily.value < 650 and 420 < drawdown.value < 520
    assert daily.reduce_only_until % 86_400 == 0 and drawdown.reduce_only_until > 0
