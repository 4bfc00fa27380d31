"""The ``risk`` keeper on the localnet (issue 16, item 1).

Three perp markets on oracles of their own are the risk factors; the test moves their
oracles along a correlated random walk while the keeper, talking to the cluster
through the fault proxy (dropped requests and 429s), samples them and publishes. The
chain's figures are then the keeper's last publish, and they match numpy's EWMA on the
prices the keeper sampled (recomputed here from the series, with its own weights).
A new keeper (a restart: nothing kept) starts from the chain's figures and publishes a
price jump without a new warm-up; a non-PSD matrix is refused by the program as is and
accepted once repaired; and a real keeper process stops on SIGTERM with status 0.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from kairos import errors
from kairos.accounts import RiskParameters
from kairos.client import KairosClient
from kairos.params import PublishRiskParams
from kairos.risk import correlation_to_bps, risk_parameters_address
from kairos.wallet import save_keypair
from kairos_keepers.keepers.risk import RiskKeeper, RiskSettings, Sample
from kairos_keepers.keepers.risk_support import correlation_from_bps, repair_correlation
from kairos_keepers.testing.faultproxy import FaultProxy, Faults
from kairos_keepers.testing.risk_factors import (
    CorrelatedWalk,
    Factor,
    list_factor_markets,
    make_factors,
    market_addresses,
    publish_prices,
    risk_runtime,
)
from solders.keypair import Keypair

from tests.clients.conftest import LAMPORTS_PER_SOL, Setup, own_exchange

ROOT = Path(__file__).resolve().parents[4]
DAY = 86_400
SETTINGS = RiskSettings(
    sample_seconds=0.3,
    half_life_seconds=30,
    min_samples=40,
    max_staleness_slots=600,  # one minute at the test cluster's 100 ms slots
    refresh_fraction=0.5,
    volatility_change_bps=300,
    correlation_change_bps=300,
)


@pytest.fixture(scope="module")
def setup() -> Iterator[Setup]:
    with own_exchange() as exchange:
        yield exchange


@pytest.fixture(scope="module")
def factors(setup: Setup) -> list[Factor]:
    async def make() -> list[Factor]:
        async with setup.client() as admin:
            return await list_factor_markets(admin, 3)

    return asyncio.run(make())


async def _params(setup: Setup) -> RiskParameters:
    async with setup.client() as client:
        info = await client.connection.get_account_info(risk_parameters_address())
    assert info.value is not None
    return RiskParameters.decode(bytes(info.value.data))


async def _publisher(setup: Setup, factors: list[Factor]) -> Keypair:
    keeper = Keypair()
    async with setup.client() as admin:
        await admin.tokens.airdrop(10 * LAMPORTS_PER_SOL, keeper.pubkey())
        await make_factors(admin, market_addresses(factors, admin.program_id), keeper.pubkey())
    return keeper


def numpy_figures(history: list[Sample], oracles: list[Any], half_life: float, dt: float) -> Any:
    """EWMA vols and pairwise correlations from the sampled prices, with explicit weights.

    A sample covering k intervals weighs like the others, carries r rᵀ / k and ages the
    older ones by λ^k; a factor without a price in a sample has no return there.
    """
    prices = np.array([[s.prices.get(o, np.nan) for o in oracles] for s in history])
    intervals = np.array([s.intervals for s in history], dtype=float)
    returns = np.log(prices[1:] / prices[:-1])  # NaN where a price is missing
    k = intervals[1:]
    later = np.concatenate([np.cumsum(k[::-1])[::-1][1:], [0.0]])
    weights = (0.5 ** (dt / half_life)) ** later
    valid = ~np.isnan(returns)
    r = np.where(valid, returns, 0.0) / np.sqrt(k)[:, None]
    n = len(oracles)
    vols = np.zeros(n)
    corr = np.eye(n)
    for i in range(n):
        vols[i] = math.sqrt(
            (weights * r[:, i] ** 2)[valid[:, i]].sum() / weights[valid[:, i]].sum() * DAY / dt
        )
        for j in range(n):
            both = valid[:, i] & valid[:, j]
            if i != j:
                w = weights[both]
                corr[i, j] = (w * r[both, i] * r[both, j]).sum() / math.sqrt(
                    (w * r[both, i] ** 2).sum() * (w * r[both, j] ** 2).sum()
                )
    return vols, corr


async def _drive(setup: Setup, factors: list[Factor], walk: CorrelatedWalk, stop: asyncio.Event):
    async with setup.client() as admin:
        while not stop.is_set():
            await publish_prices(admin, [f.oracle for f in factors], walk.step())
            await asyncio.sleep(0.1)


async def _run_until(
    setup: Setup,
    factors: list[Factor],
    payer: Keypair,
    walk: CorrelatedWalk,
    done: Any,
    *,
    proxy: FaultProxy | None = None,
    timeout: float = 90.0,
) -> RiskKeeper:
    stop = asyncio.Event()
    driver = asyncio.create_task(_drive(setup, factors, walk, stop))
    url = proxy.rpc_url if proxy else setup.cluster.rpc_url
    runtime = risk_runtime(url, payer, SETTINGS, ws_url=proxy.ws_url if proxy else None)
    task = asyncio.create_task(runtime.run())
    deadline = time.monotonic() + timeout
    try:
        while True:
            await asyncio.sleep(0.1)
            keeper = runtime.keeper
            if isinstance(keeper, RiskKeeper) and done(keeper):
                break
            assert not task.done(), "the keeper stopped"
            assert not driver.done(), driver
            assert time.monotonic() < deadline, "the keeper did not publish in time"
    finally:
        runtime.request_stop("test over")
        stop.set()
        code = await task
        await driver
    assert code == 0
    keeper = runtime.keeper
    assert isinstance(keeper, RiskKeeper)
    return keeper


def test_keeper_publishes_what_numpy_computes(setup: Setup, factors: list[Factor]) -> None:
    payer = asyncio.run(_publisher(setup, factors))
    walk = CorrelatedWalk(3, vol=0.0002, rho=0.6, seed=5)

    async def run() -> RiskKeeper:
        faults = Faults(drop_rate=0.05, rate_limit_rate=0.05, retry_after=0.05)
        async with FaultProxy(setup.cluster.rpc_url, faults=faults) as proxy:
            keeper = await _run_until(
                setup, factors, payer, walk, lambda k: len(k.publications) >= 3, proxy=proxy
            )
            assert proxy.stats.requests > 0
        return keeper

    keeper = asyncio.run(run())
    params = asyncio.run(_params(setup))
    last = keeper.publications[-1]
    assert params.publisher == payer.pubkey() and params.publish_slot == last.slot
    assert tuple(params.volatility_ppm) == last.volatility_ppm
    assert tuple(params.correlation_bps) == last.correlation_bps
    assert (params.half_life_seconds, params.max_staleness_slots) == (30, 600)
    assert [p.reason for p in keeper.publications][0] == "unpublished"
    # numpy on the very prices the keeper sampled, up to the sample that decided it.
    oracles = [f.oracle for f in factors]
    history = list(keeper.history)[: last.samples]
    vols, corr = numpy_figures(history, oracles, 30, 0.3)
    assert np.abs(np.array(params.volatility_ppm[:3]) - np.round(vols * 1e6)).max() <= 1
    assert last.repair.method == "rounded"
    published = correlation_from_bps(params.correlation_bps, 3)
    assert np.abs(published - corr).max() <= 1.01e-4
    assert 0.3 < corr[0, 1] < 0.9  # the walk's common factor shows
    # A few bps per 0.3 s sample is tens of percent a day (never the 100 % cap).
    assert 10_000 < min(params.volatility_ppm[:3]) <= max(params.volatility_ppm[:3]) < 1_000_000
    registry = keeper.metrics.registry
    landed = registry.get_sample_value(
        "kairos_keeper_risk_publishes_total", {"keeper": "risk", "reason": "unpublished"}
    )
    assert landed == 1
    assert registry.get_sample_value(
        "kairos_keeper_risk_last_publish_slot", {"keeper": "risk"}
    ) in {p.slot for p in keeper.publications}
    assert registry.get_sample_value(
        "kairos_keeper_risk_publish_latency_seconds_count", {"keeper": "risk"}
    ) == len(keeper.publications)
    headroom = registry.get_sample_value(
        "kairos_keeper_risk_staleness_headroom_slots", {"keeper": "risk"}
    )
    assert headroom is not None and 0 < headroom <= 600
    assert all(p.compute_units and p.compute_units < 30_000 for p in keeper.publications)

    # A restart: a new keeper (no state) seeds from the chain and publishes a jump at once.
    before = asyncio.run(_params(setup))
    jumps = iter([{}] * 30 + [{0: math.log(1.3)}])
    jump_walk = CorrelatedWalk(3, vol=0.00003, rho=0.6, seed=9)
    jump_walk.log_prices = list(walk.log_prices)
    original_step = jump_walk.step
    jump_walk.step = lambda jump=None: original_step(next(jumps, {}))  # type: ignore[method-assign]
    restarted = asyncio.run(
        _run_until(
            setup,
            factors,
            payer,
            jump_walk,
            lambda k: any(
                p.volatility_ppm[0] > 1.5 * before.volatility_ppm[0] for p in k.publications
            ),
            timeout=60,
        )
    )
    assert restarted.seeded
    jump = next(
        p for p in restarted.publications if p.volatility_ppm[0] > 1.5 * before.volatility_ppm[0]
    )
    assert jump.reason == "volatility"
    assert jump.samples < SETTINGS.min_samples  # no warm-up after a restart


def test_non_psd_matrix_is_refused_as_is_and_accepted_repaired(
    setup: Setup, factors: list[Factor]
) -> None:
    bad = np.array([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])

    async def run() -> None:
        async with setup.client() as admin:
            await make_factors(admin, market_addresses(factors, admin.program_id))
            before = await _params(setup)
            vols = [20_000, 30_000, 40_000] + [0] * 13
            with pytest.raises(errors.CorrelationNotPositiveSemiDefinite):
                await admin.send(
                    admin.risk.publish_risk_params(
                        PublishRiskParams(
                            vols,
                            correlation_to_bps(bad.tolist()),
                            max_staleness_slots=600,
                            half_life_seconds=60,
                            factor_count=3,
                        )
                    )
                )
            assert await _params(setup) == before
            for repaired in (repair_correlation(bad), repair_correlation(bad, eigen_floor=-10)):
                await admin.send(
                    admin.risk.publish_risk_params(
                        PublishRiskParams(
                            vols,
                            repaired.correlation_bps,
                            max_staleness_slots=600,
                            half_life_seconds=60,
                            factor_count=3,
                        )
                    )
                )
                params = await _params(setup)
                assert list(params.correlation_bps) == repaired.correlation_bps
                assert params.publish_slot > before.publish_slot

    asyncio.run(run())


def _reader(stream: Any, lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def test_a_keeper_process_publishes_and_stops_on_sigterm(
    setup: Setup, factors: list[Factor], tmp_path: Path
) -> None:
    payer = asyncio.run(_publisher(setup, factors))
    keypair = save_keypair(payer, tmp_path / "keeper.json")
    command = [
        sys.executable, "-m", "kairos_keepers", "run", "risk",
        "--rpc-url", setup.cluster.rpc_url, "--rpc-tier", "localnet",
        "--keypair", str(keypair), "--poll-interval", "0.05", "--metrics-port", "0",
        "--confirm-poll-interval", "0.05",
        "--set", "sample_seconds=0.2", "--set", "half_life_seconds=20",
        "--set", "min_samples=5", "--set", "max_staleness_slots=600",
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("KAIROS_")}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(process.stderr, lines), daemon=True).start()
    events: list[dict[str, Any]] = []
    walk = CorrelatedWalk(3, vol=0.004, rho=0.2, seed=21)

    async def drive_until_published() -> None:
        async with KairosClient(setup.cluster.rpc_url, setup.admin) as admin:
            deadline = time.monotonic() + 60
            while not any(e.get("event") == "published" for e in events):
                assert process.poll() is None, events[-5:]
                assert time.monotonic() < deadline, events[-5:]
                await publish_prices(admin, [f.oracle for f in factors], walk.step())
                while not lines.empty():
                    line = lines.get()
                    try:
                        events.append(json.loads(line))
                    except ValueError:
                        events.append({"event": "raw", "line": line})
                await asyncio.sleep(0.1)

    try:
        asyncio.run(drive_until_published())
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert code == 0
    published = next(e for e in events if e.get("event") == "published")
    assert published["reason"] in ("unpublished", "volatility", "correlation", "settings")
    params = asyncio.run(_params(setup))
    assert params.publisher == payer.pubkey() and params.half_life_seconds == 20
