"""Order options and trigger orders through the SDK against the localnet.

One OCO pair and the keeper path end to end (JSON-RPC, getProgramAccounts
filters, named errors); the program-level edge cases live in
tests/programs/kairos/orders.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from kairos import errors
from kairos.constants import OrderType, Side, TimeInForce
from kairos.events import TriggerOrderTriggered, events_of_type
from kairos.params import (
    OcoParams,
    PlaceOrderV2Params,
    TriggerOrderParams,
    UpdateOracleParams,
    UpdateTrailingStopParams,
)
from kairos.pda import perp_market_address
from kairos.triggers import fetch_trigger_orders, trigger_condition_holds
from kairos.wallet import save_keypair
from kairos_cli.app import app
from solders.keypair import Keypair
from typer.testing import CliRunner

from ..conftest import Setup
from .test_client_e2e import PRICE_100, new_trader

ORACLE_100 = 100_000_000  # exponent -6: 100 USDC per SOL
TICK = 100


async def test_oco_pair_fires_once_and_a_late_keeper_is_told(kairos_setup: Setup) -> None:
    market_index = kairos_setup.market_index
    admin = kairos_setup.client()
    maker = await new_trader(kairos_setup)
    trader = await new_trader(kairos_setup)
    keeper = kairos_setup.client()
    async with admin, maker, trader, keeper:
        await admin.send(
            admin.oracles.update(UpdateOracleParams(kairos_setup.perp_oracle, ORACLE_100, 20_000))
        )
        try:
            # Post-only quotes, then a fill-or-kill buy of the whole ask.
            await maker.send(
                maker.orders.place_v2(
                    PlaceOrderV2Params(
                        market_index, Side.ASK, PRICE_100, 3, time_in_force=TimeInForce.POST_ONLY
                    )
                )
            )
            with pytest.raises(errors.PostOnlyWouldCross):
                await maker.send(
                    maker.orders.place_v2(
                        PlaceOrderV2Params(
                            market_index,
                            Side.BID,
                            PRICE_100,
                            1,
                            time_in_force=TimeInForce.POST_ONLY,
                        )
                    )
                )
            with pytest.raises(errors.FillOrKillNotFilled):
                await trader.send(
                    trader.orders.place_v2(
                        PlaceOrderV2Params(
                            market_index, Side.BID, PRICE_100, 4, time_in_force=TimeInForce.FOK
                        )
                    )
                )
            await trader.send(
                trader.orders.place_v2(
                    PlaceOrderV2Params(
                        market_index,
                        Side.BID,
                        0,
                        3,
                        order_type=OrderType.MARKET,
                        max_oracle_deviation_bps=100,
                    )
                )
            )
            assert (await trader.get_margin_account()).perp_position(market_index).base_lots == 3

            # A take-profit above 105 and a stop below 95 (per lot), linked as OCO.
            legs, (tp, sl) = await trader.triggers.oco(
                OcoParams(
                    market_index,
                    Side.ASK,
                    3,
                    take_profit_price=PRICE_100 * 105 // 100,
                    stop_price=PRICE_100 * 95 // 100,
                    max_oracle_deviation_bps=2_000,
                )
            )
            await trader.send(legs)
            listed = await fetch_trigger_orders(
                keeper.connection, market=perp_market_address(market_index)
            )
            mine = {address: order for address, order in listed if address in (tp, sl)}
            assert set(mine) == {tp, sl} and mine[sl].linked_trigger == tp
            assert [a for a, _ in await trader.triggers.list()] != []
            with pytest.raises(errors.TriggerNotReady):
                await keeper.send(keeper.triggers.fire(TriggerOrderParams(sl)))

            await maker.send(
                maker.orders.place_v2(
                    PlaceOrderV2Params(market_index, Side.BID, PRICE_100 * 90 // 100, 5)
                )
            )
            await admin.send(
                admin.oracles.update(
                    UpdateOracleParams(kairos_setup.perp_oracle, ORACLE_100 * 94 // 100, 20_000)
                )
            )
            assert trigger_condition_holds(mine[sl], PRICE_100 * 94 // 100)
            instruction = await keeper.triggers.fire(TriggerOrderParams(sl), trigger=mine[sl])
            signature = (await keeper.send(instruction)).signature
            fired = events_of_type(
                await keeper.get_transaction_events(signature), TriggerOrderTriggered
            )
            assert fired and fired[0].cancelled_linked == tp
            assert (await trader.get_margin_account()).perp_position(market_index).base_lots == 0
            assert await trader.triggers.get(tp) is None
            # The other half is gone with it: a late keeper is outcompeted.
            late = await keeper.triggers.update_trailing_stop(
                UpdateTrailingStopParams(sl), trigger=mine[sl]
            )
            with pytest.raises(errors.TriggerOrderNotActive):
                await keeper.send(late)
        finally:
            await admin.send(
                admin.oracles.update(
                    UpdateOracleParams(kairos_setup.perp_oracle, ORACLE_100, 20_000)
                )
            )


def test_cli_order_options_and_triggers(kairos_setup: Setup, tmp_path: Path) -> None:
    async def make_trader() -> Keypair:
        async with await new_trader(kairos_setup, quote=1_000 * 10**6) as trader:
            return trader.wallet

    keypair_file = save_keypair(asyncio.run(make_trader()), tmp_path / "id.json")
    base = [
        "--url",
        kairos_setup.cluster.rpc_url,
        "--keypair",
        str(keypair_file),
        "--config",
        str(tmp_path / "none.toml"),
        "--json",
    ]
    runner = CliRunner()

    def run(*args: str) -> Any:
        result = runner.invoke(app, [*base, *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    placed = run(
        "order",
        "place",
        "SOL-PERP",
        "buy",
        "0.5",
        "--price",
        "50",
        "--post-only",
        "--stp",
        "abort",
        "--expiry",
        "3600",
        "--iceberg",
        "0.1",
    )
    (event,) = placed["events"]
    assert event["event"] == "OrderPlaced" and event["resting_base_lots"] == 50
    created = run(
        "order", "trigger", "SOL-PERP", "stop-limit", "buy", "0.1", "150", "--limit", "151"
    )
    listed = run("order", "triggers")
    assert [t["address"] for t in listed] == [created["trigger_order"]]
    assert listed[0]["kind"] == 1 and listed[0]["trigger_price"] == 1_500_000
    run("order", "cancel-trigger", created["trigger_order"])
    assert run("order", "triggers") == []
    # A bracket: entry + reduce-only TP/SL children linked as OCO, one transaction.
    bracket = run(
        "order",
        "bracket",
        "SOL-PERP",
        "buy",
        "0.1",
        "--price",
        "50",
        "--take-profit",
        "150",
        "--stop",
        "40",
    )
    names = [e["event"] for e in bracket["events"]]
    assert names == ["OrderPlaced", "TriggerOrderCreated", "TriggerOrderCreated"]
    children = {t["address"]: t for t in run("order", "triggers")}
    assert set(children) == {bracket["take_profit"], bracket["stop"]}
    assert children[bracket["stop"]]["linked_trigger"] == bracket["take_profit"]
    assert all(t["reduce_only"] == 1 and t["side"] == 1 for t in children.values())
    run("order", "cancel-trigger", bracket["stop"])  # cancels the OCO pair
    assert run("order", "triggers") == []
    refused = runner.invoke(
        app, [*base, "order", "place", "SOL-PERP", "buy", "1", "--price", "1", "--tif", "sometimes"]
    )
    assert refused.exit_code != 0
