"""One transaction takes a multi-position account to its target, end to end on the localnet.

The account holds WETH collateral, longs in two markets and resting bids; after a
crash :func:`kairos.liquidation_plan.plan_liquidation` composes the cancels and the
program-sized perp and collateral steps, the keeper runtime's sender sends them as one
v0 transaction through an address lookup table, and afterwards the account is back at
its target (``being_liquidated`` cleared, not liquidatable), the vault invariant holds
and the transaction's compute units are within the budget.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from kairos import liquidation_plan as plans
from kairos.constants import Side
from kairos.events import PerpLiquidated, parse_events
from kairos.math import liquidation as liq
from kairos.params import PlaceOrderParams, UpdateOracleParams
from kairos_keepers.config import KeeperConfig
from kairos_keepers.ratelimit import TokenBucket
from kairos_keepers.rpc import RateLimitedRpc
from kairos_keepers.sender import TransactionSender
from kairos_keepers.testing import liquidation_demo as demo
from kairos_localnet.testing import start_cluster
from kairos_toolchain.build import build_program
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.keypair import Keypair
from solders.system_program import (
    CreateLookupTableParams,
    ExtendLookupTableParams,
    create_lookup_table,
    extend_lookup_table,
)

ROOT = Path(__file__).resolve().parents[3]
CU_BUDGET = 200_000  # OpenBook caps a test transaction at 130k; Mango's liquidations 79-200k


async def _scenario(rpc_url: str, ws_url: str) -> dict[str, object]:
    exchange = await demo.set_up(rpc_url, ws_url)
    maker = await demo.new_trader(exchange, 10_000_000 * 10**6)
    victim = await demo.new_trader(exchange, 4_000 * 10**6, weth=2 * 10**demo.WETH_DECIMALS)
    sol_lot = demo.SOL_PRICE * demo.LOT_SIZE // 10**9
    btc_lot = demo.BTC_PRICE * demo.LOT_SIZE // 10**9
    await demo.open_long(exchange, maker, victim, exchange.sol_market, sol_lot, 30_000)
    await demo.open_long(exchange, maker, victim, exchange.btc_market, btc_lot, 100)
    async with exchange.client(victim) as client:
        await client.send(
            client.orders.place(PlaceOrderParams(exchange.sol_market, Side.BID, sol_lot // 2, 50))
        )
        await client.send(
            client.orders.place(PlaceOrderParams(exchange.btc_market, Side.BID, btc_lot // 2, 2))
        )
    liquidator = await demo.new_trader(exchange, 1_000_000 * 10**6)
    rpc = RateLimitedRpc(rpc_url, limiter=TokenBucket(1_000, 1_000))
    sender = TransactionSender.from_config(rpc, liquidator, KeeperConfig())
    try:
        async with exchange.client() as admin:
            for seed, price in (
                (demo.SOL_SEED, demo.SOL_PRICE * 90 // 100),
                (demo.BTC_SEED, demo.BTC_PRICE * 90 // 100),
                (demo.WETH_SEED, demo.WETH_PRICE * 80 // 100),
            ):
                await admin.send(
                    admin.oracles.update(UpdateOracleParams(admin.oracle_address(seed), price, 0))
                )
            victim_key = admin.margin_account_address(0, victim.pubkey())
            own_key = admin.margin_account_address(0, liquidator.pubkey())
            assets = await admin.get_collateral_assets()
            markets = await admin.get_perp_markets()
            oracles = {
                key: await admin.get_oracle(key)
                for key in {m.oracle for m in markets.values()}
                | {a.oracle for i, a in assets.items() if i != 0}
            }
            view = plans.ChainView(
                await admin.get_exchange(), assets, markets, oracles, await rpc.get_slot()
            )
            before = await admin.get_margin_account_at(victim_key)
            own = await admin.get_margin_account_at(own_key)
        assert liq.is_liquidatable(view.exchange, before, view.health(before))
        slot = await rpc.get_slot()
        create, table = create_lookup_table(
            CreateLookupTableParams(
                authority_address=liquidator.pubkey(),
                payer_address=liquidator.pubkey(),
                recent_slot=slot,
            )
        )
        addresses = plans.lookup_table_addresses(view)
        extend = extend_lookup_table(
            ExtendLookupTableParams(
                payer_address=liquidator.pubkey(),
                lookup_table_address=table,
                authority_address=liquidator.pubkey(),
                new_addresses=addresses,
            )
        )
        assert (await sender.send([create, extend])).landed
        while await rpc.get_slot() <= slot + 1:
            await asyncio.sleep(0.05)
        lookup = AddressLookupTableAccount(table, addresses)
        plan = plans.plan_liquidation(
            view,
            victim_key,
            before,
            liquidator=own_key,
            liquidator_owner=liquidator.pubkey(),
            liquidator_account=own,
        )
        assert plan is not None
        fitted = plans.fit_transaction(plan, liquidator.pubkey(), [lookup])
        outcome = await sender.send(list(fitted.instructions), (), [lookup])
        async with exchange.client() as admin:
            after = await admin.get_margin_account_at(victim_key)
            slot = await rpc.get_slot()
            oracles = {key: await admin.get_oracle(key) for key in oracles}
            tx = await admin._connection.get_transaction(  # noqa: SLF001 - the test's own read
                outcome.signature, max_supported_transaction_version=0
            )
        await demo.check_invariant(rpc, exchange)
        logs = tx.value.transaction.meta.log_messages if tx.value else []  # type: ignore[union-attr]
        view_after = plans.ChainView(view.exchange, assets, markets, oracles, slot)
        return {
            "outcome": outcome,
            "plan": plan,
            "fitted": fitted,
            "before": before,
            "after": after,
            "liquidatable_after": liq.is_liquidatable(
                view.exchange, after, view_after.health(after)
            ),
            "events": parse_events(logs or []),
            "size": plans.transaction_size(liquidator.pubkey(), fitted.instructions, [lookup]),
        }
    finally:
        await rpc.close()


def test_one_transaction_takes_the_account_to_its_target() -> None:
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=400) as cluster:
        result = asyncio.run(_scenario(cluster.rpc_url, cluster.ws_url))
    outcome = result["outcome"]
    plan = result["plan"]
    assert outcome.landed, outcome  # type: ignore[attr-defined]
    assert result["fitted"] is plan  # the whole plan fit one transaction
    actions = [step.action for step in plan.steps]  # type: ignore[attr-defined]
    assert actions[:2] == ["force_cancel_orders", "force_cancel_orders"]
    assert len([a for a in actions if a.startswith("liquidate_")]) >= 2
    after = result["after"]
    assert not any(order.active for order in after.open_orders)  # type: ignore[attr-defined]
    assert after.being_liquidated == 0  # type: ignore[attr-defined]
    assert result["liquidatable_after"] is False
    assert result["before"].being_liquidated == 0  # type: ignore[attr-defined]
    # The plan's prediction is the program's result (no price moved in between).
    predicted = plan.predicted_account  # type: ignore[attr-defined]
    assert predicted is not None
    assert [(p.market_index, p.base_lots, p.quote_position) for p in predicted.perp_positions] == [
        (p.market_index, p.base_lots, p.quote_position)
        for p in after.perp_positions  # type: ignore[attr-defined]
    ]
    assert [(c.asset_index, c.amount) for c in predicted.collateral] == [
        (c.asset_index, c.amount)
        for c in after.collateral  # type: ignore[attr-defined]
    ]
    events = result["events"]
    assert any(isinstance(e, PerpLiquidated) for e in events)  # type: ignore[attr-defined]
    assert 0 < outcome.compute_units < CU_BUDGET  # type: ignore[attr-defined]
    assert result["size"] <= plans.MAX_TRANSACTION_BYTES  # type: ignore[operator]
    print(  # noqa: T201 - the figure the closing note quotes
        f"one-transaction liquidation: {len(actions)} instructions, "
        f"{outcome.compute_units} CU, {result['size']} bytes"  # type: ignore[attr-defined]
    )
