"""Trigger latency (slots) and RPC calls per triggered order of the ``trigger`` keeper.

Starts the embedded localnet (``--slot-ms``, 400 ms by default as on mainnet), the
trigger demo's exchange (SOL-PERP at 1,000,000 quote native per lot, bids and asks
around it) and one ``trigger`` keeper. Then, ``--triggers / --batch`` rounds: a new
trader creates ``--batch`` buy stop-limit orders (limit far below the book, so each
placed order rests) triggering at one tick above the oracle, the keeper is seen
watching them, and one oracle update makes them all eligible at once.

Reported per mode (``clean``: the keeper talks to the localnet directly;
``faults``: through a FaultProxy dropping 20% of requests by TCP reset and
answering 10% with HTTP 429):

- latency in slots, per triggered order: the slot its trigger_order landed in minus
  the slot the eligibility-making oracle update landed in (min/median/p95/max);
- RPC calls per triggered order: the keeper's RateLimitedRpc per-method counters
  (HTTP attempts, retries included) over the rounds, divided by the orders
  triggered, with the per-method breakdown; startup (the first getProgramAccounts
  and account loads) excluded.

    python benchmarks/trigger_keeper.py [--triggers 100] [--batch 5] [--slot-ms 400]
                                        [--modes clean,faults]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kairos.constants import Side, TriggerKind  # noqa: E402
from kairos.params import CancelAllOrdersParams, CreateTriggerOrderParams  # noqa: E402
from kairos.pda import trigger_order_address  # noqa: E402
from kairos_keepers.keepers.trigger import TriggerKeeper  # noqa: E402
from kairos_keepers.testing.auction_demo import (  # noqa: E402
    PRICE_PER_LOT,
    TICK,
    DemoExchange,
    new_trader,
)
from kairos_keepers.testing.faultproxy import FaultProxy, Faults  # noqa: E402
from kairos_keepers.testing.harness import RunningKeepers, wait_for  # noqa: E402
from kairos_keepers.testing.trigger_demo import (  # noqa: E402
    running_trigger_keepers,
    set_lot_price,
    set_up_trigger_exchange,
    trigger_keeper_config,
)
from kairos_localnet.testing import start_cluster  # noqa: E402
from kairos_toolchain.build import build_program  # noqa: E402
from solders.keypair import Keypair  # noqa: E402
from solders.pubkey import Pubkey  # noqa: E402

RESTING_LIMIT = 900_000  # far below the book: a triggered buy rests, nothing fills
FAULTS = Faults(drop_rate=0.2, rate_limit_rate=0.1, retry_after=0.05, drop_mode="reset")


def percentile(values: list[int], fraction: float) -> int:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


async def create_batch(
    exchange: DemoExchange, trader: Keypair, trigger_price: int, count: int
) -> list[Pubkey]:
    """``count`` buy stop-limits of one trader, created in one transaction."""
    async with exchange.client(trader) as client:
        instructions = [
            (
                await client.triggers.create(
                    CreateTriggerOrderParams(
                        exchange.market_index,
                        Side.BID,
                        TriggerKind.STOP_LIMIT,
                        trigger_price,
                        1,
                        trigger_id=index,
                        limit_price=RESTING_LIMIT,
                    )
                )
            ).instructions[0]
            for index in range(count)
        ]
        await client.send(*instructions)
        margin = client.margin_account_address()
    return [trigger_order_address(margin, index, client.program_id) for index in range(count)]


async def run_mode(
    exchange: DemoExchange, mode: str, triggers: int, batch: int, start_price: int
) -> tuple[dict[str, Any], int]:
    """One keeper, ``triggers // batch`` rounds; the figures and the last oracle price."""
    price = start_price
    proxy: FaultProxy | None = None
    config = trigger_keeper_config(exchange, poll_interval=0.01, confirm_poll_interval=0.05)
    if mode == "faults":
        proxy = FaultProxy(exchange.rpc_url, exchange.ws_url, faults=FAULTS, seed=11)
        await proxy.start()
        config = trigger_keeper_config(
            exchange,
            rpc_url=proxy.rpc_url,
            ws_url=proxy.ws_url,
            rpc_max_retries=10,
            poll_interval=0.01,
            confirm_poll_interval=0.05,
        )
    latencies: list[int] = []
    try:
        async with running_trigger_keepers(exchange, [config]) as running:
            [keeper] = running.keepers()
            await asyncio.sleep(1.0)  # startup loads and subscriptions settle
            calls_before = collections.Counter(keeper.rpc.calls)
            landed_before = 0
            for _ in range(triggers // batch):
                trader = await new_trader(exchange)
                trigger_price = price + TICK
                orders = await create_batch(exchange, trader, trigger_price, batch)

                async def watching(orders: list[Pubkey] = orders) -> bool:
                    return all(order in keeper.triggers for order in orders)

                await wait_for(watching)
                price = trigger_price
                eligible_slot = await set_lot_price(exchange, price)

                async def done(target: int = landed_before + batch) -> bool:
                    return len(keeper.landed) >= target and not keeper.in_flight

                await wait_for(done, timeout=60.0)
                for record in keeper.landed[landed_before:]:
                    latencies.append(record.landed_slot - eligible_slot)
                landed_before = len(keeper.landed)
                # Take the placed bids off the book (a book side holds a bounded number
                # of orders); not part of what is measured.
                async with exchange.client(trader) as client:
                    await client.send(
                        client.orders.cancel_all(CancelAllOrdersParams(exchange.market_index))
                    )
            calls = collections.Counter(keeper.rpc.calls)
            calls.subtract(calls_before)
            figures = summarize(mode, running, keeper.landed, latencies, calls)
            if proxy is not None:
                stats = proxy.stats
                figures["proxy"] = {
                    "requests": stats.requests,
                    "dropped": stats.dropped,
                    "rate_limited": stats.rate_limited,
                }
                figures["retries"] = dict(keeper.rpc.retries)
    finally:
        if proxy is not None:
            await proxy.stop()
    return figures, price


def summarize(
    mode: str,
    running: RunningKeepers[TriggerKeeper],
    landed: list[Any],
    latencies: list[int],
    calls: collections.Counter[str],
) -> dict[str, Any]:
    """The figures of one mode as plain values."""
    [keeper] = running.keepers()
    total_calls = sum(calls.values())
    return {
        "mode": mode,
        "triggered": len(landed),
        "outcompeted": keeper.metrics.total(
            "kairos_keeper_trigger_triggers_total", outcome="outcompeted"
        ),
        "failed": keeper.metrics.total("kairos_keeper_trigger_triggers_total", outcome="failed"),
        "latency_slots": {
            "min": min(latencies),
            "median": statistics.median(latencies),
            "p95": percentile(latencies, 0.95),
            "max": max(latencies),
            "histogram": dict(sorted(collections.Counter(latencies).items())),
        },
        "rpc_calls_per_trigger": round(total_calls / len(landed), 2),
        "rpc_calls_by_method_per_trigger": {
            method: round(count / len(landed), 2)
            for method, count in sorted(calls.items())
            if count
        },
    }


async def main(triggers: int, batch: int, slot_ms: int, modes: list[str]) -> None:
    """Run every mode on one cluster and print the figures as JSON."""
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=slot_ms) as cluster:
        exchange, _ = await set_up_trigger_exchange(cluster.rpc_url, cluster.ws_url)
        price = PRICE_PER_LOT
        await set_lot_price(exchange, price)
        results = []
        for mode in modes:
            figures, price = await run_mode(exchange, mode, triggers, batch, price)
            figures["slot_ms"] = slot_ms
            results.append(figures)
            print(json.dumps(figures, indent=1), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triggers", type=int, default=100)
    parser.add_argument("--batch", type=int, default=5)
    parser.add_argument("--slot-ms", type=int, default=400)
    parser.add_argument("--modes", default="clean,faults")
    args = parser.parse_args()
    asyncio.run(main(args.triggers, args.batch, args.slot_ms, args.modes.split(",")))
