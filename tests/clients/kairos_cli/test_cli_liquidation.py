"""``kairos liquidation``: parsing, units, --json and errors (fake client), and end to end."""

from __future__ import annotations

import asyncio
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from kairos import errors
from kairos.accounts import MarginAccount
from kairos.params import (
    NO_LIMIT,
    ForceCancelOrdersParams,
    LiquidateCollateralParams,
    LiquidatePerpParams,
    ResolveBankruptcyParams,
    SetAssetLiquidationDiscountParams,
    SetAssetRiskParams,
    SetLiquidationParams,
    SetPerpLiquidationFeeParams,
    SweepFeesToInsuranceParams,
)
from kairos.wallet import save_keypair
from kairos_cli import app as cli
from kairos_cli import common as cli_common
from kairos_cli import liquidation as cli_liquidation
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from typer.testing import CliRunner

from .. import factories as f
from ..conftest import Setup
from ..kairos.test_client_e2e import new_trader
from .test_cli import MINT, ORACLE, SIGNATURE, FakeClient

runner = CliRunner()
LIQEE = Pubkey.new_unique()


class FakeLiquidationClient(FakeClient):
    """The CLI test fake with the liquidation senders and the candidates' reads."""

    def __init__(self) -> None:
        super().__init__()
        self.connection = object()
        self.program_id = Pubkey.new_unique()
        self.accounts: list[tuple[Pubkey, MarginAccount]] = []

    async def get_exchange(self) -> Any:
        return dataclasses.replace(f.exchange(), liquidation_buffer_bps=1_000)

    async def get_collateral_assets(self) -> dict[int, Any]:
        return {}

    async def get_perp_markets(self) -> dict[int, Any]:
        return {0: self.market}

    async def get_oracles(self, addresses: Any) -> dict[Pubkey, Any]:
        return {ORACLE: f.oracle(100_000_000, 0, -6, publish_slot=10)}

    async def get_unix_timestamp(self) -> int:
        return 1_700_000_000

    async def get_slot(self) -> int:
        return 10


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeLiquidationClient:
    client = FakeLiquidationClient()
    monkeypatch.setattr(cli_common, "make_client", lambda state: client)
    monkeypatch.setenv("KAIROS_CONFIG", str(tmp_path / "none.toml"))

    async def fetch_all(connection: Any, cls: Any, **kwargs: Any) -> Any:
        assert connection is client.connection and cls is MarginAccount
        assert kwargs["program_id"] == client.program_id
        return client.accounts

    monkeypatch.setattr(cli_liquidation, "fetch_all_accounts", fetch_all)
    return client


def invoke(*args: str) -> Any:
    return runner.invoke(cli.app, list(args))


def last(fake: FakeLiquidationClient) -> Any:
    """The last sender call (typed Any: each assertion compares a different shape)."""
    return fake.calls[-1]


def test_admin_params_in_human_and_native_units(fake: FakeLiquidationClient) -> None:
    result = invoke(
        "--json", "liquidation", "params", "--small-position", "2.5", "--buffer-bps", "1000",
        "--insurance-share-bps", "2000",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert last(fake) == (
        "admin.set_liquidation_params",
        SetLiquidationParams(2_500_000, 1_000, 2_000),
    )
    output = json.loads(result.output)
    assert output["signature"] == str(SIGNATURE) and output["small_position_quote"] == 2_500_000
    result = invoke(
        "liquidation", "params", "--small-position", "7", "--buffer-bps", "0",
        "--insurance-share-bps", "0", "--native",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert last(fake)[1] == SetLiquidationParams(7, 0, 0)
    assert "Signature:" in result.output


def test_admin_market_and_asset_commands(fake: FakeLiquidationClient) -> None:
    assert invoke("liquidation", "perp-fee", "SOL-PERP", "150").exit_code == 0
    assert last(fake) == ("admin.set_perp_liquidation_fee", SetPerpLiquidationFeeParams(0, 150))
    assert invoke("liquidation", "asset-discount", str(MINT), "300").exit_code == 0
    assert last(fake) == (
        "admin.set_asset_liquidation_discount",
        SetAssetLiquidationDiscountParams(MINT, 300),
    )
    result = invoke(
        "liquidation", "asset-risk", str(MINT), "--scale-threshold", "1000.5",
        "--concentration-limit-bps", "2500",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    # The fake asset has 9 decimals.
    assert last(fake) == (
        "admin.set_asset_risk_params",
        SetAssetRiskParams(MINT, 1_000_500_000_000, 2_500),
    )
    assert invoke("liquidation", "sweep-fees", "0").exit_code == 0
    assert last(fake) == ("admin.sweep_fees_to_insurance", SweepFeesToInsuranceParams(0))


def test_liquidator_commands(fake: FakeLiquidationClient) -> None:
    assert invoke("liquidation", "force-cancel", str(LIQEE), "0", "--limit", "4").exit_code == 0
    assert last(fake) == ("liquidation.force_cancel_orders", ForceCancelOrdersParams(LIQEE, 0, 4))
    assert invoke("liquidation", "perp", str(LIQEE), "SOL-PERP").exit_code == 0
    assert last(fake) == ("liquidation.liquidate_perp", LiquidatePerpParams(LIQEE, 0, NO_LIMIT, 0))
    # 1.5 SOL at 0.01 SOL per lot.
    assert invoke("liquidation", "perp", str(LIQEE), "0", "--max", "1.5", "-i", "2").exit_code == 0
    assert last(fake) == ("liquidation.liquidate_perp", LiquidatePerpParams(LIQEE, 0, 150, 2))
    assert invoke("liquidation", "perp", str(LIQEE), "0", "--max", "9", "--native").exit_code == 0
    assert last(fake)[1] == LiquidatePerpParams(LIQEE, 0, 9)
    assert invoke("liquidation", "collateral", str(LIQEE), str(MINT), "--max", "2").exit_code == 0
    assert last(fake) == (
        "liquidation.liquidate_collateral",
        LiquidateCollateralParams(LIQEE, MINT, 2 * 10**9, 0),
    )
    assert invoke("liquidation", "bankruptcy", str(LIQEE), "SOL-PERP").exit_code == 0
    assert last(fake) == ("liquidation.resolve_bankruptcy", ResolveBankruptcyParams(LIQEE, 0))
    # Without a market the SDK picks one the program accepts (kairos.math.liquidation).
    assert invoke("liquidation", "bankruptcy", str(LIQEE)).exit_code == 0
    assert last(fake) == ("liquidation.resolve_bankruptcy", ResolveBankruptcyParams(LIQEE))


def test_usage_errors_send_nothing(fake: FakeLiquidationClient) -> None:
    assert invoke("liquidation", "perp", "notakey", "0").exit_code == 2
    assert invoke("liquidation", "asset-discount", "notakey", "1").exit_code == 2
    assert invoke("liquidation", "perp-fee", "0", "ten").exit_code == 2
    more_decimals = invoke(
        "liquidation", "params", "--small-position", "0.0000001", "--buffer-bps", "1",
        "--insurance-share-bps", "1",
    )  # fmt: skip
    assert more_decimals.exit_code == 2
    assert invoke("liquidation", "collateral", str(LIQEE), str(MINT), "--max", "x").exit_code == 2
    assert fake.calls == []


def test_program_error_is_named_with_nonzero_exit(fake: FakeLiquidationClient) -> None:
    fake.raise_on_send = errors.InsufficientHealth()
    result = invoke("liquidation", "perp", str(LIQEE), "0")
    assert result.exit_code == 1
    assert "InsufficientHealth (6017)" in result.output
    result = invoke("--json", "liquidation", "bankruptcy", str(LIQEE), "0")
    assert result.exit_code == 1
    assert json.loads(result.output)["error"]["name"] == "InsufficientHealth"
    result = invoke("liquidation", "perp-fee", "BTC-PERP", "10")
    assert result.exit_code == 1 and "no perp market named 'BTC-PERP'" in result.output


def test_candidates_lists_underwater_and_flagged_accounts(fake: FakeLiquidationClient) -> None:
    healthy = Pubkey.new_unique()
    underwater = Pubkey.new_unique()
    flagged = Pubkey.new_unique()
    # A 1 SOL long at 100 with 1 USDC, 5 USDC of maintenance margin: underwater.
    long_key = Pubkey.new_unique()
    long_account = f.margin_account(1_000_000, [], [f.perp(0, 100, -100_000_000)])
    fake.accounts = [
        (healthy, f.margin_account(1_000_000_000)),
        (underwater, f.margin_account(-3_000_000)),
        (flagged, dataclasses.replace(f.margin_account(2_000_000), being_liquidated=1)),
        (long_key, long_account),
    ]
    result = invoke("liquidation", "candidates", "--json")
    assert result.exit_code == 0, result.output
    rows = {row["address"]: row for row in json.loads(result.output)}
    assert str(healthy) not in rows and len(rows) == 3
    assert rows[str(underwater)]["maint_health"] == -3_000_000
    assert rows[str(underwater)]["maint_health_ui"] == "-3.000000"
    assert rows[str(underwater)]["liquidatable"] is True
    assert rows[str(long_key)]["maint_health"] < 0 < rows[str(long_key)]["maint_requirement"]
    # Flagged but healthy with no requirement: listed, no longer liquidatable.
    assert rows[str(flagged)]["being_liquidated"] is True
    assert rows[str(flagged)]["liquidatable"] is False
    ordered = [row["maint_health"] for row in json.loads(result.output)]
    assert ordered == sorted(ordered)
    table = invoke("liquidation", "candidates")
    assert table.exit_code == 0 and "maint health" in table.output
    fake.accounts = [(healthy, f.margin_account(1_000_000_000))]
    assert json.loads(invoke("--json", "liquidation", "candidates").output) == []
    assert "No liquidation candidate" in invoke("liquidation", "candidates").output


def test_candidates_and_admin_params_on_the_cluster(kairos_setup: Setup, tmp_path: Path) -> None:
    async def make_trader() -> tuple[Keypair, Pubkey]:
        async with await new_trader(kairos_setup, quote=100 * 10**6) as trader:
            return trader.wallet, trader.margin_account_address(0)

    trader_wallet, healthy = asyncio.run(make_trader())
    admin_file = save_keypair(kairos_setup.admin, tmp_path / "admin.json")
    base = [
        "--url", kairos_setup.cluster.rpc_url, "--keypair", str(admin_file),
        "--config", str(tmp_path / "none.toml"), "--json",
    ]  # fmt: skip

    def run(*args: str) -> Any:
        result = runner.invoke(cli.app, [*base, *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    candidates = run("liquidation", "candidates")
    assert isinstance(candidates, list)
    assert str(healthy) not in {row["address"] for row in candidates}
    assert all(row["being_liquidated"] or row["maint_health"] < 0 for row in candidates)

    async def exchange() -> Any:
        async with kairos_setup.client() as client:
            return await client.get_exchange()

    before = asyncio.run(exchange())
    changed = run(
        "liquidation", "params", "--small-position", "1.5", "--buffer-bps", "700",
        "--insurance-share-bps", "1500",
    )  # fmt: skip
    assert changed["events"][0]["event"] == "LiquidationParamsSet"
    after = asyncio.run(exchange())
    assert (after.small_position_quote, after.liquidation_buffer_bps) == (1_500_000, 700)
    assert after.insurance_fee_share_bps == 1_500
    # Restore the session exchange for the other tests (native units).
    run(
        "liquidation", "params", "--native",
        "--small-position", str(before.small_position_quote),
        "--buffer-bps", str(before.liquidation_buffer_bps),
        "--insurance-share-bps", str(before.insurance_fee_share_bps),
    )  # fmt: skip
    restored = asyncio.run(exchange())
    assert restored.small_position_quote == before.small_position_quote
    # A trader (not the admin) gets the program's named error and a non-zero exit.
    stranger = save_keypair(trader_wallet, tmp_path / "trader.json")
    refused = runner.invoke(
        cli.app,
        [*base[:2], "--keypair", str(stranger), "--config", str(tmp_path / "none.toml"),
         "--json", "liquidation", "perp-fee", "SOL-PERP", "10"],
    )  # fmt: skip
    assert refused.exit_code == 1, refused.output
    assert "name" in json.loads(refused.output)["error"], refused.output
