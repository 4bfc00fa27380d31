"""The liquidator keeper's scan: Python health math over 10,000 synthetic accounts.

What the keeper does each tick for every margin account (kairos_keepers.keepers.
liquidator, ``scan``): the program's health mirrored exactly
(``kairos.math.health.health_breakdown``: oracle checks, confidence-adjusted prices,
both weight sets, the maintenance requirement), the liquidatable test, and for a
liquidatable account the program's liquidation size. The accounts hold 0-3
collateral assets and 1-3 perp positions (some with open orders) over 4 assets
and 4 markets; the generator puts about 40 % of them under water (the keeper
then also sizes their liquidation).

Beside it, in the same run, a plain-Python loop over the same accounts that only
adds each position's size × price (no checks, no rounding, no weights): the ratio
says what the exact health math costs over the cheapest loop that touches the
same data.

    python benchmarks/liquidation_scan.py [--accounts 10000] [--repeat 3] [--localnet]

``--localnet`` also runs the end-to-end crash scenario (two competing liquidator
keepers on the embedded localnet, kairos_keepers.testing.liquidation_demo) and
prints the slots from first seen liquidatable to liquidated.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kairos.accounts import CollateralAsset, MarginAccount, Oracle, PerpMarket  # noqa: E402
from kairos.math import liquidation as liq  # noqa: E402
from kairos.math.health import health_breakdown  # noqa: E402
from solders.pubkey import Pubkey  # noqa: E402

from tests.clients.kairos import factories as f  # noqa: E402

SLOT = 100
SEED = 20_261_123
MARKETS = 4
ASSETS = 4
QUOTE_DECIMALS = 6


def world() -> tuple[dict[int, CollateralAsset], dict[int, PerpMarket], dict[Pubkey, Oracle]]:
    oracles: dict[Pubkey, Oracle] = {}
    assets: dict[int, CollateralAsset] = {}
    markets: dict[int, PerpMarket] = {}
    for index in range(1, ASSETS + 1):
        key = Pubkey.new_unique()
        oracles[key] = f.oracle(price=1_000_000 * index, confidence=1_000 * index)
        assets[index] = f.asset(index, key, decimals=9)
    for index in range(MARKETS):
        key = Pubkey.new_unique()
        oracles[key] = f.oracle(price=100_000_000 * (index + 1), confidence=10_000)
        markets[index] = f.market(index, key)
    return assets, markets, oracles


def synthetic_accounts(count: int, rng: random.Random) -> list[MarginAccount]:
    accounts = []
    for _ in range(count):
        holdings = [
            f.holding(index, rng.randrange(10**8, 10**10))
            for index in rng.sample(range(1, ASSETS + 1), rng.randrange(0, 4))
        ]
        perps = []
        for index in rng.sample(range(MARKETS), rng.randrange(1, 4)):
            lots = rng.randrange(-2_000, 2_000)
            price = 1_000_000 * (index + 1)
            perps.append(
                f.perp(
                    index,
                    lots,
                    -lots * price * rng.randrange(95, 106) // 100,
                    bids_base_lots=rng.choice((0, 0, 10)),
                    bids_quote=rng.choice((0, 0, 10 * price)),
                )
            )
        quote = rng.randrange(-(10**9), 2 * 10**9)
        accounts.append(f.margin_account(quote, holdings, perps))
    return accounts


def exact_scan(accounts: list[MarginAccount], state: tuple) -> int:  # type: ignore[type-arg]
    """The keeper's per-account work; returns how many are liquidatable."""
    assets, markets, oracles = state
    exchange = f.exchange()
    liquidatable = 0
    for account in accounts:
        health = health_breakdown(
            account,
            assets=assets,
            markets=markets,
            oracles=oracles,
            quote_decimals=QUOTE_DECIMALS,
            slot=SLOT,
        )
        if liq.is_liquidatable(exchange, account, health):
            liquidatable += 1
            position = account.active_perp_positions()[0]
            liq.perp_liquidation_lots(
                exchange,
                markets[position.market_index],
                health=health,
                position_lots=max(abs(position.base_lots), 1),
                price=1_000_000,
                max_base_lots=2**62,
            )
    return liquidatable


def baseline_scan(accounts: list[MarginAccount], prices: dict[int, int]) -> int:
    """The cheapest loop over the same data: Σ size × price per account."""
    negative = 0
    for account in accounts:
        total = account.quote_balance
        for holding in account.collateral:
            if holding.active:
                total += holding.amount * prices[holding.asset_index]
        for position in account.perp_positions:
            if position.active:
                total += position.base_lots * prices[100 + position.market_index]
        if total < 0:
            negative += 1
    return negative


def best_of(repeat: int, fn, *args) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    best = float("inf")
    result = 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--localnet", action="store_true", help="also run the localnet scenario")
    args = parser.parse_args()
    rng = random.Random(SEED)
    state = world()
    accounts = synthetic_accounts(args.accounts, rng)
    prices = {index: 1 for index in range(1, ASSETS + 1)}
    prices.update({100 + index: 1_000_000 * (index + 1) for index in range(MARKETS)})
    exact, liquidatable = best_of(args.repeat, exact_scan, accounts, state)
    plain, _ = best_of(args.repeat, baseline_scan, accounts, prices)
    print(f"accounts                      {args.accounts:>10,}")
    print(f"liquidatable                  {liquidatable:>10,}")
    print(f"exact health scan             {exact * 1000:>10.1f} ms")
    print(f"  per account                 {exact / args.accounts * 1e6:>10.1f} µs")
    print(f"plain-Python loop baseline    {plain * 1000:>10.1f} ms")
    print(f"ratio exact / baseline        {exact / plain:>10.1f} x")
    if args.localnet:
        localnet_latency()


def localnet_latency() -> None:
    """Slots from liquidatable to liquidated, two keepers, 400 ms slots."""
    import asyncio
    import json

    from kairos_keepers.testing.liquidation_demo import run_scenario
    from kairos_localnet.testing import start_cluster
    from kairos_toolchain.build import build_program
    from solders.keypair import Keypair

    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=400) as cluster:
        result = asyncio.run(run_scenario(cluster.rpc_url, cluster.ws_url))
    slots = sorted(s for keeper in result.keepers for _, s, _ in keeper.latencies)
    landed = [(a, s) for keeper in result.keepers for a, _, s in keeper.landed]
    print(f"localnet: crash slot {result.crash_slot}, all resolved by slot {result.done_slot}")
    print(f"  latency (slots, first seen -> back above target): {slots}")
    print(f"  actions landed by the two keepers: {len(landed)}")


if __name__ == "__main__":
    main()
