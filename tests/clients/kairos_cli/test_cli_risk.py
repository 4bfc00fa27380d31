"""``kairos risk show|limits|set|reset-hwm|check`` against the localnet (issue 16, item 4).

An exchange of its own (the RiskParameters are a singleton): SOL-PERP and the base
collateral asset are the risk factors, published at 5 % and 3 %/day with ρ = 0.5. A
trader holding a 1 SOL long sets limits through the CLI; ``show`` (the program's
compute_risk, simulated) and ``show --local`` (the SDK's mirror) agree; tightening
applies at once, loosening waits for the cooldown; ``check`` explains a refusal in the
limit's units before anything is sent; bad input changes nothing.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kairos import errors
from kairos.accounts import RiskLimitValues
from kairos.constants import OrderType, Side, TriggerKind
from kairos.params import (
    ConsumeEventsParams,
    CreateRiskLimitsParams,
    CreateTriggerOrderParams,
    CreateTwapOrderParams,
    ExecuteTwapSliceParams,
    PlaceOrderParams,
    PublishRiskParams,
    TriggerOrderParams,
    TwapParams,
)
from kairos.wallet import save_keypair
from kairos_cli.app import app
from kairos_cli.risk import parse_duration, parse_limit, show_bps
from kairos_keepers.testing.risk_factors import make_factors
from solders.keypair import Keypair
from typer.testing import CliRunner

from ..conftest import Setup, own_exchange
from ..kairos.test_client_e2e import PRICE_100, new_trader

runner = CliRunner()
DAY = 86_400


@pytest.fixture(scope="module")
def setup() -> Iterator[Setup]:
    with own_exchange() as exchange:
        yield exchange


@pytest.fixture(scope="module")
def trader(setup: Setup) -> Keypair:
    async def make() -> Keypair:
        long, short = await new_trader(setup), await new_trader(setup)
        async with setup.client() as admin, long, short:
            market = await admin.get_perp_market(setup.market_index)
            base = await admin.get_collateral_asset(setup.base_mint)
            await make_factors(
                admin,
                [
                    admin.perp_market_address(market.index),
                    admin.collateral_asset_address(base.mint),
                ],
            )
            matrix = [0] * 256
            matrix[0] = matrix[17] = 10_000
            matrix[1] = matrix[16] = 5_000
            await admin.send(
                admin.risk.publish_risk_params(
                    PublishRiskParams(
                        [50_000, 30_000] + [0] * 14,
                        matrix,
                        max_staleness_slots=1_000_000,
                        half_life_seconds=3_600,
                        factor_count=2,
                    )
                )
            )
            await short.send(
                short.orders.place(PlaceOrderParams(setup.market_index, Side.ASK, PRICE_100, 100))
            )
            await long.send(
                long.orders.place(
                    PlaceOrderParams(
                        setup.market_index, Side.BID, PRICE_100, 100, order_type=OrderType.MARKET
                    )
                )
            )
            await short.send(short.orders.consume_events(ConsumeEventsParams(setup.market_index)))
        return long.wallet

    return asyncio.run(make())


def cli(setup: Setup, wallet: Keypair, tmp: Path, *args: str, code: int = 0) -> Any:
    keypair = save_keypair(wallet, tmp / f"{wallet.pubkey()}.json")
    base = ["--url", setup.cluster.rpc_url, "--keypair", str(keypair)]
    base += ["--config", str(tmp / "none.toml")]
    result = runner.invoke(app, [*base, *args])
    assert result.exit_code == code, result.output
    return result


def cli_json(setup: Setup, wallet: Keypair, tmp: Path, *args: str, code: int = 0) -> Any:
    return json.loads(cli(setup, wallet, tmp, "--json", *args, code=code).stdout)


def test_units_parse_and_show() -> None:
    assert parse_limit("5%", "--max-var") == 500
    assert parse_limit("3x", "--max-leverage") == 30_000
    assert parse_limit("2.5X", "--max-leverage") == 25_000
    assert parse_limit("off", "--max-var") == parse_limit("0", "--max-var") == 0
    assert parse_limit("250", "--max-var") == 250
    for bad in ("abc", "-1%", "0.001%", "nan"):
        with pytest.raises(Exception, match="--max-var"):
            parse_limit(bad, "--max-var")
    assert parse_duration("24h") == DAY and parse_duration("90") == 90
    assert parse_duration("30m") == 1_800 and parse_duration("7d") == 7 * DAY
    with pytest.raises(Exception, match="cooldown"):
        parse_duration("1.5s")
    assert show_bps(None, 720) == "7.20%"
    assert show_bps(None, 2**64 - 1) == "unbounded"


def test_risk_commands_end_to_end(setup: Setup, trader: Keypair, tmp_path: Path) -> None:
    # No limits yet: a clear error, not a crash.
    refused = cli_json(setup, trader, tmp_path, "risk", "show", code=1)
    assert "has no risk limits" in refused["error"]["message"]

    created = cli_json(
        setup, trader, tmp_path, "risk", "set", "--max-var", "5%", "--max-leverage", "3x"
    )
    assert created["applied"] == "now"
    assert created["requested"]["max_var_bps"] == 500
    assert created["requested"]["max_leverage_bps"] == 30_000
    assert created["requested"]["loosen_cooldown_seconds"] == DAY  # the exchange's default
    assert any(e["event"] == "RiskLimitsCreated" for e in created["events"])

    chain = cli_json(setup, trader, tmp_path, "risk", "show")
    local = cli_json(setup, trader, tmp_path, "risk", "show", "--local")
    assert chain["source"] == "compute_risk" and local["source"] == "mirror"
    for name in ("equity", "var_quote", "var_bps", "leverage_bps", "correlated_exposure_bps"):
        assert chain["metrics"][name] == local["metrics"][name], name
    assert chain["metrics"]["headroom"] == local["metrics"]["headroom"]
    # 1 SOL long at 100 USDC on 10,000 USDC: VaR = 2.326 × 5 % × 100 = 11.63 USDC.
    metrics = chain["metrics"]
    assert 11_000_000 < metrics["var_quote"] < 12_000_000
    var = next(row for row in chain["limits"] if row["limit"] == "value_at_risk")
    assert var["bound_bps"] == 500 and var["headroom_bps"] == 500 - metrics["var_bps"]
    assert 0 < var["used"] < 0.1
    assert chain["risk_parameters"]["fresh"] is True

    table = cli(setup, trader, tmp_path, "risk", "show").stdout
    assert "VaR (1 day, 99%)" in table and "5.00%" in table and "3.00×" in table
    assert "━" in table  # the headroom bars

    # check: a 62 SOL buy takes VaR to ~7.2 % of equity (2.326 × 5 % × 6,300 / 10,000).
    refused = cli_json(setup, trader, tmp_path, "risk", "check", "SOL-PERP", "buy", "62", code=1)
    message = refused["error"]["message"]
    assert message.startswith("this order would take VaR to 7.") and "limit 5.00%" in message
    assert refused["error"]["name"] == "RiskVarLimit"
    human = cli(setup, trader, tmp_path, "risk", "check", "SOL-PERP", "buy", "62", code=1)
    assert "of equity, limit 5.00% (RiskVarLimit)" in human.stdout
    passes = cli_json(setup, trader, tmp_path, "risk", "check", "SOL-PERP", "sell", "1")
    assert passes["passes"] is True  # selling the long reduces VaR
    leverage = cli_json(setup, trader, tmp_path, "risk", "check", "0", "buy", "310", code=1)
    assert leverage["error"]["name"] == "RiskLeverageLimit"  # checked before VaR
    assert "would take leverage to 3.11× of equity, limit 3.00×" in leverage["error"]["message"]

    # Tightening applies now; loosening waits for the cooldown, said before and after.
    tight = cli_json(setup, trader, tmp_path, "risk", "set", "--max-var", "3%")
    assert tight["applied"] == "now"
    loose = cli_json(setup, trader, tmp_path, "risk", "set", "--max-var", "10%")
    assert loose["applied"] == "after the cooldown" and loose["looser"] == ["max_var_bps"]
    assert loose["applies_at"] == loose["unix_timestamp"] + DAY
    limits = cli_json(setup, trader, tmp_path, "risk", "limits")
    assert limits["active"]["max_var_bps"] == 300
    assert limits["pending"]["max_var_bps"] == 1_000
    assert abs(limits["pending_applies_at"] - loose["applies_at"]) <= 5
    table = cli(setup, trader, tmp_path, "risk", "limits").stdout
    assert "Pending limits apply at" in table and "10.00%" in table
    said = cli(setup, trader, tmp_path, "risk", "set", "--max-var", "8%").stdout
    assert "waits for the cooldown" in said and "VaR" in said

    # Bad input: a clear error and nothing changed.
    before = cli_json(setup, trader, tmp_path, "risk", "limits")
    out_of_range = cli_json(setup, trader, tmp_path, "risk", "set", "--max-var", "101%", code=1)
    assert "RiskLimitsInvalid" in out_of_range["error"]["message"]
    usage = cli(setup, trader, tmp_path, "risk", "set", "--max-var", "lots", code=2)
    assert "--max-var" in usage.output
    nothing = cli_json(setup, trader, tmp_path, "risk", "set", code=1)
    assert "nothing to change" in nothing["error"]["message"]
    after = cli_json(setup, trader, tmp_path, "risk", "limits")
    assert after.pop("unix_timestamp") >= before.pop("unix_timestamp") and after == before

    # reset-hwm: allowed once, then the cooldown is said before sending.
    reset = cli_json(setup, trader, tmp_path, "risk", "reset-hwm")
    assert [e["event"] for e in reset["events"]] == ["HighWaterMarkReset"]
    again = cli_json(setup, trader, tmp_path, "risk", "reset-hwm", code=1)
    assert "RiskCooldownActive" in again["error"]["message"]
    assert "can be reset at" in again["error"]["message"]

    # `order place` checks the limits before sending (VaR 3 % active now): a 40 SOL bid
    # would reserve 4,100 USDC of exposure, VaR 2.326 × 5 % × 4,100 / 10,000 ≈ 4.77 %.
    def position() -> int:
        [perp] = cli_json(setup, trader, tmp_path, "account", "show")["perp_positions"]
        return int(perp["base_lots"])

    held = position()
    bid = ("order", "place", "SOL-PERP", "buy", "40", "--price", "99")
    refused = cli_json(setup, trader, tmp_path, *bid, code=1)["error"]
    assert refused["message"].startswith("not sent: this order would take VaR to 4.7")
    assert "limit 3.00% (RiskVarLimit)" in refused["message"]
    assert "--skip-risk-check" in refused["hint"]
    # Sent anyway, the program refuses it with the same limit (the mirror is exact).
    program = cli_json(setup, trader, tmp_path, *bid, "--skip-risk-check", code=1)["error"]
    assert program["name"] == "RiskVarLimit"
    # A small bid passes both and lands: the SDK appends the account's risk accounts.
    placed = cli_json(setup, trader, tmp_path, "order", "place", "SOL-PERP", "buy", "1",
                      "--price", "99")  # fmt: skip
    assert any(e["event"] == "OrderPlaced" for e in placed["events"])
    assert position() == held

    # Another wallet's account, read-only: show with --account works for anyone.
    stranger = Keypair()
    address = str(_margin(setup, trader))
    other = cli_json(setup, stranger, tmp_path, "risk", "show", "--account", address)
    assert other["margin_account"] == address
    assert other["limits"] == cli_json(setup, trader, tmp_path, "risk", "show")["limits"]


def _margin(setup: Setup, wallet: Keypair) -> Any:
    client = setup.client(wallet)
    return client.margin_account_address()


def test_keeper_order_paths_carry_the_risk_accounts(setup: Setup, trader: Keypair) -> None:
    """Trigger fires and TWAP slices for an account with risk limits (the SDK's builders).

    With the account's RiskLimits and RiskParameters appended, a fire or a slice that
    breaks the leverage limit (1×) is refused with RiskLeverageLimit (never
    RiskAccountsMissing), and a small fire lands.
    """

    async def run() -> tuple[str, str]:
        owner = await new_trader(setup)
        keeper = setup.client()
        async with owner, keeper:
            await owner.send(
                owner.risk.create_risk_limits(
                    CreateRiskLimitsParams(
                        RiskLimitValues(10_000, 0, 0, 0, 0, 0, 0, 0, 0, DAY)  # leverage 1x
                    )
                )
            )
            refused = []
            for lots, expect_refusal in ((20_000, True), (1, False)):
                # A stop-buy whose trigger (99) the oracle (100) is already past.
                made = await owner.triggers.create(
                    CreateTriggerOrderParams(
                        setup.market_index,
                        Side.BID,
                        TriggerKind.STOP_LIMIT,
                        990_000,
                        lots,
                        limit_price=990_000,
                    )
                )
                await owner.send(made)
                fire = keeper.triggers.fire(TriggerOrderParams(made.address))
                if expect_refusal:
                    with pytest.raises(errors.KairosProgramError) as caught:
                        await keeper.send(fire)
                    refused.append(caught.value.name)
                else:
                    await keeper.send(fire)
                    assert await owner.triggers.get(made.address) is None  # fired, closed
            # A TWAP slice takes liquidity (it never rests): a maker offers 200 SOL.
            maker = await new_trader(setup)
            async with maker:
                await maker.send(
                    maker.orders.place(
                        PlaceOrderParams(setup.market_index, Side.ASK, 1_000_500, 20_000)
                    )
                )
            now = await owner.get_unix_timestamp()
            twap = await owner.twap.create(
                CreateTwapOrderParams(
                    setup.market_index,
                    TwapParams(
                        side=int(Side.BID),
                        total_base_lots=20_000,
                        start_time=now - 1,
                        interval_seconds=60,
                        slice_count=1,
                        limit_price=1_010_000,
                    ),
                )
            )
            await owner.send(twap)
            with pytest.raises(errors.KairosProgramError) as caught:
                await keeper.send(keeper.twap.execute_slice(ExecuteTwapSliceParams(twap.address)))
            refused.append(caught.value.name)
        return refused[0], refused[1]

    trigger_error, twap_error = asyncio.run(run())
    assert (trigger_error, twap_error) == ("RiskLeverageLimit", "RiskLeverageLimit")
