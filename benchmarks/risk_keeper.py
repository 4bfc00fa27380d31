"""The ``risk`` keeper: publish latency (oracle move → published) and CU per publish.

Starts the embedded localnet with its real-time clock (400 ms slots), lists 16 perp
markets on oracles of their own, and for 4, 6 and 16 risk factors:

1. warms the keeper up (``--sample-seconds`` grid, 5 samples) on a correlated random
   walk of the factors' oracles (ρ = 0.5), until its first publish;
2. stops the walk and, ``--trials`` times, moves one factor's oracle by 0.5 % in one
   ``update_oracle``: the latency runs from that transaction's confirmation to the
   moment a reader polling the RiskParameters every 20 ms sees the factor's published
   volatility up by more than 5 % (the keeper samples on its grid, decides, sends, and
   the publish confirms); each move comes at a random phase of the sampling grid, so
   the expected wait for the next sample is half a ``sample_seconds``;
3. reports the keeper's own decision → confirmed time, and, as the baseline of the same
   run, the admin sending the same publish directly (send → confirmed);
4. reports the CU of the keeper's publishes (its matrices) and of the admin's sends of
   the same matrix (both include the compute-budget instructions their senders add).

    python benchmarks/risk_keeper.py [--trials 10] [--sample-seconds 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kairos.accounts import RiskParameters  # noqa: E402
from kairos.client import KairosClient  # noqa: E402
from kairos.params import PublishRiskParams, UpdateOracleParams  # noqa: E402
from kairos.risk import risk_parameters_address  # noqa: E402
from kairos_keepers.keepers.risk import RiskKeeper, RiskSettings  # noqa: E402
from kairos_keepers.testing.auction_demo import (  # noqa: E402
    DemoExchange,
    set_up_exchange,
)
from kairos_keepers.testing.harness import LAMPORTS_PER_SOL  # noqa: E402
from kairos_keepers.testing.risk_factors import (  # noqa: E402
    CorrelatedWalk,
    Factor,
    list_factor_markets,
    make_factors,
    market_addresses,
    publish_prices,
    risk_runtime,
)
from kairos_localnet.testing import start_cluster  # noqa: E402
from kairos_toolchain.build import build_program  # noqa: E402
from solders.keypair import Keypair  # noqa: E402

SLOT_MS = 400
JUMP = math.log(1.005)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary(values: list[float]) -> dict[str, float]:
    """min / median / p95 / max, rounded to the millisecond."""
    if not values:
        return {}
    return {
        "min": round(min(values), 3),
        "median": round(statistics.median(values), 3),
        "p95": round(percentile(values, 0.95), 3),
        "max": round(max(values), 3),
    }


async def read_params(client: KairosClient) -> RiskParameters:
    """The RiskParameters as the cluster holds them now."""
    info = await client.connection.get_account_info(risk_parameters_address())
    assert info.value is not None
    return RiskParameters.decode(bytes(info.value.data))


async def measure(
    exchange: DemoExchange, factors: list[Factor], trials: int, sample_seconds: float
) -> dict[str, Any]:
    """Warm a keeper up on ``factors`` and time ``trials`` oracle jumps to publication."""
    n = len(factors)
    oracles = [f.oracle for f in factors]
    payer = Keypair()
    async with exchange.client() as admin:
        await admin.tokens.airdrop(100 * LAMPORTS_PER_SOL, payer.pubkey())
        await make_factors(admin, market_addresses(factors, admin.program_id), payer.pubkey())
    settings = RiskSettings(
        sample_seconds=sample_seconds,
        half_life_seconds=600,
        min_samples=5,
        max_staleness_slots=9_000,
        volatility_change_bps=500,
        correlation_change_bps=500,
    )
    runtime = risk_runtime(exchange.rpc_url, payer, settings, poll_interval=0.02)
    task = asyncio.create_task(runtime.run())
    walk = CorrelatedWalk(n, vol=0.00005, rho=0.5, seed=n)
    latencies: list[float] = []
    phase = random.Random(n)
    async with exchange.client() as admin:
        while not (isinstance(runtime.keeper, RiskKeeper) and runtime.keeper.publications):
            assert not task.done(), "the keeper stopped"
            await publish_prices(admin, oracles, walk.step())
            await asyncio.sleep(sample_seconds / 4)
        await asyncio.sleep(2 * sample_seconds)  # the last walk moves are published or not
        for trial in range(trials):
            target = trial % n
            before = (await read_params(admin)).volatility_ppm[target]
            walk.log_prices[target] += JUMP if trial % 2 == 0 else -JUMP
            price = max(1, round(math.exp(walk.log_prices[target])))
            await admin.send(
                admin.oracles.update(UpdateOracleParams(oracles[target], price, 1_000))
            )
            moved = time.monotonic()
            deadline = moved + 30
            while (await read_params(admin)).volatility_ppm[target] * 10_000 <= before * 10_500:
                assert time.monotonic() < deadline, "no publish after the move"
                await asyncio.sleep(0.02)
            latencies.append(time.monotonic() - moved)
            await asyncio.sleep(phase.uniform(0, sample_seconds))  # a random grid phase
        keeper = runtime.keeper
        assert isinstance(keeper, RiskKeeper)
        runtime.request_stop("benchmark over")
        assert await task == 0
        publications = list(keeper.publications)
        last = publications[-1]
        baseline: list[float] = []
        admin_units: list[int] = []
        for i in range(trials):
            vols = list(last.volatility_ppm)
            vols[0] = max(1, vols[0] - 1 - i)
            started = time.monotonic()
            published = await admin.send(
                admin.risk.publish_risk_params(
                    PublishRiskParams(
                        vols,
                        list(last.correlation_bps),
                        max_staleness_slots=9_000,
                        half_life_seconds=600,
                        factor_count=n,
                    )
                )
            )
            baseline.append(time.monotonic() - started)
            assert published.compute_units is not None
            admin_units.append(published.compute_units)
    keeper_units = [p.compute_units for p in publications if p.compute_units is not None]
    decided = [p.latency_seconds for p in publications]
    move = summary(latencies)
    base = summary(baseline)
    return {
        "factors": n,
        "trials": trials,
        "sample_seconds": sample_seconds,
        "move_to_published_seconds": move,
        "keeper_decision_to_confirmed_seconds": summary(decided),
        "baseline_admin_send_to_confirmed_seconds": base,
        "median_ratio_move_to_baseline": round(move["median"] / base["median"], 2),
        "keeper_publishes": len(publications),
        "publish_reasons": sorted({p.reason for p in publications}),
        "repairs": sorted({p.repair.method for p in publications}),
        "cu_keeper_publish": summary([float(u) for u in keeper_units]),
        "cu_admin_send_same_matrix": summary([float(u) for u in admin_units]),
    }


def table(rows: list[dict[str, Any]]) -> str:
    """The figures as a plain-text table."""
    header = (
        f"{'factors':>7} {'move→published s (med/p95/max)':>32} {'decide→conf s':>14} "
        f"{'baseline s':>11} {'ratio':>6} {'CU/publish (med)':>17}"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        move = row["move_to_published_seconds"]
        lines.append(
            f"{row['factors']:>7} "
            f"{move['median']:>14.3f} / {move['p95']:.3f} / {move['max']:.3f}"
            f"{row['keeper_decision_to_confirmed_seconds']['median']:>15.3f} "
            f"{row['baseline_admin_send_to_confirmed_seconds']['median']:>11.3f} "
            f"{row['median_ratio_move_to_baseline']:>6.2f} "
            f"{row['cu_keeper_publish']['median']:>17.0f}"
        )
    return "\n".join(lines)


def main() -> None:
    """Print the figures as JSON and a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--sample-seconds", type=float, default=1.0)
    parser.add_argument("--factors", type=int, nargs="*", default=[4, 6, 16])
    options = parser.parse_args()
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=SLOT_MS) as cluster:

        async def run() -> list[dict[str, Any]]:
            exchange = await set_up_exchange(cluster.rpc_url, cluster.ws_url)
            async with exchange.client() as admin:
                markets = await list_factor_markets(admin, max(options.factors))
            rows = []
            for n in options.factors:
                rows.append(
                    await measure(exchange, markets[:n], options.trials, options.sample_seconds)
                )
            return rows

        rows = asyncio.run(run())
    print(json.dumps(rows, indent=2))
    print()
    print(table(rows))


if __name__ == "__main__":
    main()
