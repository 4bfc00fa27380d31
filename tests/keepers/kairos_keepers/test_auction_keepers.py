"""The auction keeper and two competing jit-makers, end to end on the localnet.

A taker's 150-lot market order against a thin book is routed by the SDK into an
auction; the two bots bid and outbid each other; the auction keeper settles
within one slot of the deadline; the taker pays less than on the book.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from kairos.localnet.testing import start_cluster
from kairos.toolchain.build import build_program
from kairos_keepers.testing.auction_demo import TAKER_LOTS, run_demo
from solders.keypair import Keypair

ROOT = Path(__file__).resolve().parents[3]


def test_two_jit_makers_compete_and_the_keeper_settles_on_time() -> None:
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=400) as cluster:
        result = asyncio.run(run_demo(cluster.rpc_url, cluster.ws_url))
    assert result.decision.venue == "auction"
    assert result.decision.estimate.slippage_bps > 10
    assert result.settled.filled_lots == TAKER_LOTS
    providers = {fill.provider for fill in result.auction_fills}
    assert len(providers) == 2  # both bots won a share: a real competition
    # The bots outbid each other below their first quotes (20 and 15 bps).
    assert min(fill.price for fill in result.auction_fills) < 1_001_500
    assert 0 <= result.settle_delay_slots <= 1
    assert result.auction_average_price < result.book_average_price
    assert result.book_average_price == result.book_estimated_average
