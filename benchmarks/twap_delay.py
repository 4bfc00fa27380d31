"""Execution delay of the ``twap`` keeper: seconds after due, over 100 slices.

Starts the embedded localnet with its real-time clock (400 ms slots, no warp),
the auction demo's exchange and ask ladder, one TWAP order of N slices one
``--interval`` apart, and the ``twap`` keeper (50 ms poll, APScheduler jobs).
For every slice it reports the delay between the slice's due time and:

- ``landed``: the moment the keeper saw its execution confirmed (wall clock,
  fractional; the localnet's chain time is wall time here);
- ``chain``: the executed_time the program recorded (Clock, whole seconds).

    python benchmarks/twap_delay.py [--slices 100] [--interval 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kairos.client import KairosClient  # noqa: E402
from kairos.constants import Side  # noqa: E402
from kairos.events import TwapSliceExecuted  # noqa: E402
from kairos.params import CreateTwapOrderParams  # noqa: E402
from kairos.scheduled_orders import TwapParams  # noqa: E402
from kairos_keepers.keepers.timed_orders import TwapKeeper  # noqa: E402
from kairos_keepers.testing.auction_demo import (  # noqa: E402
    PRICE_PER_LOT,
    DemoExchange,
    bps_above,
    build_book,
    new_trader,
    set_up_exchange,
)
from kairos_keepers.testing.harness import wait_for  # noqa: E402
from kairos_keepers.testing.timed_orders import (  # noqa: E402
    chain_time,
    running_timed_keepers,
)
from kairos_localnet.testing import start_cluster  # noqa: E402
from kairos_toolchain.build import build_program  # noqa: E402
from solders.keypair import Keypair  # noqa: E402
from solders.pubkey import Pubkey  # noqa: E402
from solders.signature import Signature  # noqa: E402

SLOT_MS = 400
LEAD_SECONDS = 3


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary(values: list[float]) -> dict[str, float]:
    """min / median / p95 / max."""
    return {
        "min": min(values),
        "median": statistics.median(values),
        "p95": percentile(values, 0.95),
        "max": max(values),
    }


async def measure(exchange: DemoExchange, slices: int, interval: int) -> dict[str, object]:
    """Run one TWAP of ``slices`` slices with the keeper; collect the delays."""
    trader = await new_trader(exchange)
    start = await chain_time(exchange) + LEAD_SECONDS
    params = TwapParams(
        side=Side.BID,
        total_base_lots=slices,
        slice_count=slices,
        start_time=start,
        interval_seconds=interval,
        limit_price=bps_above(PRICE_PER_LOT, 100),
    )
    async with exchange.client(trader) as client:
        created = await client.twap.create(CreateTwapOrderParams(exchange.market_index, params))
        await client.send(created)
        address = created.address
        orders = client
        async with running_timed_keepers(exchange, [TwapKeeper]) as running:

            async def done() -> bool:
                return (await orders.twap.get(address)).executed_slices == slices

            await wait_for(done, timeout=slices * interval + 60)
            keeper = running.keepers()[0]
            await wait_for(lambda: _recorded(keeper.landed, slices), timeout=10)
            landed = [(due, at) for order, due, at in keeper.landed if order == address]
        chain_delays = []
        for signature in await _slice_signatures(client, address):
            for event in await client.get_transaction_events(signature):
                if isinstance(event, TwapSliceExecuted):
                    chain_delays.append(float(event.executed_time - event.due_time))
    landed_delays = [at - due for due, at in landed]
    return {
        "slices": slices,
        "interval_seconds": interval,
        "landed_delay_seconds": summary(landed_delays),
        "chain_delay_seconds": summary(chain_delays) if chain_delays else None,
    }


async def _recorded(landed: list[tuple[object, int, float]], count: int) -> bool:
    return len(landed) >= count


async def _slice_signatures(client: KairosClient, address: Pubkey) -> list[Signature]:
    response = await client.connection.get_signatures_for_address(address, limit=1000)
    return [entry.signature for entry in response.value if entry.err is None]


def main() -> None:
    """Print the delay figures as JSON and a short table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slices", type=int, default=100)
    parser.add_argument("--interval", type=int, default=1)
    options = parser.parse_args()
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=SLOT_MS) as cluster:

        async def run() -> dict[str, object]:
            exchange = await set_up_exchange(cluster.rpc_url, cluster.ws_url)
            await build_book(exchange)
            return await measure(exchange, options.slices, options.interval)

        result = asyncio.run(run())
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
