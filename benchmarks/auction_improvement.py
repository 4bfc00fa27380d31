"""The taker's price improvement from a JIT auction against the book, on the localnet.

Sets up the demo of kairos_keepers.testing.auction_demo on the embedded localnet
(400 ms slots): a thin ask ladder (10 levels of 20 lots, 5 bps apart from 5 bps
above the oracle), two jit-maker bots (quoting 20 and 15 bps above the oracle,
improving by 2 bps when outbid down to 3 and 5 bps), the auction keeper, and a
taker buying 150 lots with a market order that the SDK routes into an auction
(estimated book slippage above 10 bps). Then another taker buys the same 150
lots with a market order on the untouched book. Prints both average prices, the
improvement in bps, the winning bids and how many slots after the deadline the
keeper settled.

    python benchmarks/auction_improvement.py
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kairos_keepers.testing.auction_demo import (  # noqa: E402
    PRICE_PER_LOT,
    TAKER_LOTS,
    run_demo,
)
from kairos_localnet.testing import start_cluster  # noqa: E402
from kairos_toolchain.build import build_program  # noqa: E402
from solders.keypair import Keypair  # noqa: E402


def bps_over_oracle(price: float) -> float:
    return (price - PRICE_PER_LOT) * 10_000 / PRICE_PER_LOT


def main() -> None:
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=400) as cluster:
        result = asyncio.run(run_demo(cluster.rpc_url, cluster.ws_url))
    print(f"taker buys {TAKER_LOTS} lots; oracle {PRICE_PER_LOT:,} quote native per lot")
    print(
        f"book    average price {result.book_average_price:,.1f}"
        f"  ({bps_over_oracle(result.book_average_price):+.2f} bps over the oracle;"
        f" estimated from L2 {result.book_estimated_average:,.1f},"
        f" slippage {result.decision.estimate.slippage_bps:.2f} bps)"
    )
    print(
        f"auction average price {result.auction_average_price:,.1f}"
        f"  ({bps_over_oracle(result.auction_average_price):+.2f} bps over the oracle)"
    )
    for fill in result.auction_fills:
        print(f"  winner {fill.provider}: {fill.base_lots} lots at {fill.price:,}")
    print(f"improvement: {result.improvement_bps:.2f} bps")
    print(
        f"settled {result.settle_delay_slots} slot(s) after the deadline"
        f" (deadline slot {result.deadline_slot}, landed in {result.settled_slot})"
    )


if __name__ == "__main__":
    main()
