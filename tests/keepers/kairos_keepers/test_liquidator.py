"""The liquidator keeper, end to end on the localnet: a crash over two markets and a
collateral asset, two competing keepers, partial liquidation to the buffer, the
bankruptcy path, and the vault invariant on every step (see
kairos_keepers.testing.liquidation_demo)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from kairos.localnet.testing import start_cluster
from kairos.toolchain.build import build_program
from kairos_keepers.keepers.liquidator import LiquidatorKeeper
from kairos_keepers.registry import get_keeper
from kairos_keepers.testing.liquidation_demo import run_scenario
from solders.keypair import Keypair

ROOT = Path(__file__).resolve().parents[3]


def test_registered_as_liquidator() -> None:
    assert get_keeper("liquidator") is LiquidatorKeeper


def test_two_keepers_liquidate_a_crash() -> None:
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=400) as cluster:
        result = asyncio.run(run_scenario(cluster.rpc_url, cluster.ws_url))
    final = result.final
    # Nobody is left flagged, or owing.
    assert all(account.being_liquidated == 0 for account in final.values())
    assert all(account.quote_balance >= 0 for account in final.values())
    # Partial: the SOL long keeps part of its position (stopped at the buffer).
    [sol] = [p for p in final["sol_long"].perp_positions if p.active]
    assert 0 < sol.base_lots < 100_000
    # The orders were force-cancelled.
    assert not any(o.active for o in final["with_orders"].open_orders)
    # The bankrupt account was resolved: nothing left.
    assert not any(p.active for p in final["bankrupt"].perp_positions)
    landed = [entry for keeper in result.keepers for entry in keeper.landed]
    actions = {action for action, _, _ in landed}
    assert {"force_cancel_orders", "liquidate_perp", "resolve_bankruptcy"} <= actions
    assert result.invariant_checks >= 3
    latencies = [slots for keeper in result.keepers for _, slots, _ in keeper.latencies]
    assert latencies and max(latencies) <= 60
