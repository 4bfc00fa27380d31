"""The liquidator keeper, end to end on the localnet: a crash over two markets and a
collateral asset, two competing keepers, partial liquidation to the buffer, the
bankruptcy path, and the vault invariant on every step (see
kairos_keepers.testing.liquidation_demo)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from kairos.params import ForceCancelOrdersParams, OpenAuctionParams, UpdateOracleParams
from kairos_keepers.keepers.liquidator import LiquidatorKeeper
from kairos_keepers.registry import get_keeper
from kairos_keepers.testing import liquidation_demo as demo
from kairos_keepers.testing.liquidation_demo import run_scenario
from kairos_localnet.testing import start_cluster
from kairos_toolchain.build import build_program
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
    # One transaction per liquidation (cancels included), then the bankruptcy path.
    assert {"liquidate_account", "resolve_bankruptcy"} <= actions
    assert result.invariant_checks >= 3
    latencies = [slots for keeper in result.keepers for _, slots, _ in keeper.latencies]
    assert latencies and max(latencies) <= 60
    # Racing keepers lose races (outcompeted, stale views included) but the program
    # never refuses their transactions: such a failure is a keeper building a wrong
    # one. (Network-side reasons, e.g. an expired blockhash on a loaded machine, are
    # not the keeper's logic and are left out.)
    for keeper in result.keepers:
        refused = [
            (sample.labels, sample.value)
            for metric in keeper.metrics.registry.collect()
            if metric.name == "kairos_keeper_actions_failed"
            for sample in metric.samples
            if sample.name.endswith("_total")
            and sample.value
            and sample.labels.get("reason") in {"simulation", "landed_error"}
        ]
        assert refused == []


async def _flag_then_recover(rpc_url: str, ws_url: str) -> tuple[int, int]:
    """Flag a victim (force_cancel_orders after a dip), let the price recover, and
    return its flag before and after a keeper ran."""
    exchange = await demo.set_up(rpc_url, ws_url)
    maker = await demo.new_trader(exchange, 10_000_000 * 10**6)
    victim = await demo.new_trader(exchange, 12_000 * 10**6)
    lot = demo.SOL_PRICE * demo.LOT_SIZE // 10**9
    await demo.open_long(exchange, maker, victim, exchange.sol_market, lot, 100_000)
    async with exchange.client() as admin:
        oracle = admin.oracle_address(demo.SOL_SEED)
        address = admin.margin_account_address(0, victim.pubkey())
        await admin.send(
            admin.oracles.update(UpdateOracleParams(oracle, demo.SOL_PRICE * 91 // 100, 0))
        )
        await admin.send(
            admin.liquidation.force_cancel_orders(
                ForceCancelOrdersParams(address, exchange.sol_market)
            )
        )
        before = (await admin.get_margin_account_at(address)).being_liquidated
        await admin.send(admin.oracles.update(UpdateOracleParams(oracle, demo.SOL_PRICE, 0)))
    liquidator = await demo.new_trader(exchange, 1_000_000 * 10**6)
    async with demo.running_liquidators(exchange, [liquidator]):
        async with exchange.client() as admin:
            for _ in range(100):
                after = (await admin.get_margin_account_at(address)).being_liquidated
                if after == 0:
                    break
                await asyncio.sleep(0.1)
    return before, after


def test_keeper_clears_the_flag_of_a_recovered_account() -> None:
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=400) as cluster:
        before, after = asyncio.run(_flag_then_recover(cluster.rpc_url, cluster.ws_url))
    assert (before, after) == (1, 0)


async def _auction_does_not_shield(rpc_url: str, ws_url: str) -> tuple[bool, int, int]:
    """A long opens a long-lived auction, then crashes: (auction gone, lots left, flag)."""
    from kairos.constants import Side

    exchange = await demo.set_up(rpc_url, ws_url)
    maker = await demo.new_trader(exchange, 10_000_000 * 10**6)
    victim = await demo.new_trader(exchange, 12_000 * 10**6)
    lot = demo.SOL_PRICE * demo.LOT_SIZE // 10**9
    await demo.open_long(exchange, maker, victim, exchange.sol_market, lot, 100_000)
    async with exchange.client(victim) as client:
        # Reduces the long (passes initial health) and reserves until its deadline.
        created = await client.auctions.open(
            OpenAuctionParams(exchange.sol_market, Side.ASK, 1, lot // 2, duration_slots=150)
        )
        await client.send(created)
        auction = created.address
    async with exchange.client() as admin:
        address = admin.margin_account_address(0, victim.pubkey())
        oracle = admin.oracle_address(demo.SOL_SEED)
        await admin.send(
            admin.oracles.update(UpdateOracleParams(oracle, demo.SOL_PRICE * 91 // 100, 0))
        )
    liquidator = await demo.new_trader(exchange, 1_000_000 * 10**6)
    gone, lots = False, 100_000
    async with demo.running_liquidators(exchange, [liquidator]):
        async with exchange.client() as admin:
            for _ in range(200):  # 20 s: well before the deadline (150 slots, 60 s)
                gone = (await admin.connection.get_account_info(auction)).value is None
                account = await admin.get_margin_account_at(address)
                position = account.perp_position(exchange.sol_market)
                lots = 0 if position is None else position.base_lots
                if gone and lots < 100_000:
                    break
                await asyncio.sleep(0.1)
    return gone, lots, account.being_liquidated


def test_keeper_expires_the_auction_of_a_liquidatable_taker() -> None:
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=400) as cluster:
        gone, lots, _ = asyncio.run(_auction_does_not_shield(cluster.rpc_url, cluster.ws_url))
    # Well before the auction's 150-slot deadline: expired and liquidated.
    assert gone
    assert 0 < lots < 100_000
