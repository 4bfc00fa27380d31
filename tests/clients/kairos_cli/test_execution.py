"""``kairos execute estimate|routes|swap`` against the localnet."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from kairos.constants import Side
from kairos.params import PlaceOrderV2Params
from kairos.wallet import save_keypair
from kairos_cli.app import app
from solders.keypair import Keypair
from typer.testing import CliRunner

from ..conftest import Setup
from ..kairos.execution.test_execution_e2e import ASKS, PRICE, new_market
from ..kairos.test_client_e2e import new_trader


def test_cli_execute(kairos_setup: Setup, tmp_path: Path) -> None:
    async def prepare() -> tuple[int, Keypair]:
        market_index = await new_market(kairos_setup, 2_022)
        async with await new_trader(kairos_setup) as maker:
            for price, lots in ASKS:
                await maker.send(
                    maker.orders.place_v2(PlaceOrderV2Params(market_index, Side.ASK, price, lots))
                )
        async with await new_trader(kairos_setup) as trader:
            return market_index, trader.wallet

    market_index, wallet = asyncio.run(prepare())
    base = [
        "--url", kairos_setup.cluster.rpc_url, "--keypair",
        str(save_keypair(wallet, tmp_path / "id.json")), "--config", str(tmp_path / "none.toml"),
        "--json",
    ]  # fmt: skip
    runner = CliRunner()
    market = str(market_index)

    def run(*args: str) -> Any:
        result = runner.invoke(app, [*base, "execute", *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    estimate = run("estimate", market, "buy", "20", "--native")
    assert estimate["book_slippage_bps"] == 10.0 and estimate["best_price"] == PRICE
    ranked = run("routes", market, "buy", "40", "--native", "--template", "MEV Protected")
    assert ranked and "take" not in [r["route"] for r in ranked]
    taken = run("swap", market, "buy", "15", "--native", "--template", "Speed First")
    assert taken["route"] == "take" == taken["ranked_first"] and taken["signatures"]
    split = run(
        "swap", market, "buy", "30", "--native", "--template", "Best Price", "--timeout", "1"
    )
    assert split["route"] == "twap" and split["account"] and split["filled_base_lots"] == 0
    refused = runner.invoke(
        app, [*base, "execute", "swap", market, "buy", "1", "--native", "--template", "Fastest"]
    )
    assert refused.exit_code != 0 and "unknown template" in refused.output
    refused = runner.invoke(
        app, [*base, "execute", "swap", market, "buy", "1", "--native", "--tolerance-bps", "-5"]
    )
    assert refused.exit_code != 0
