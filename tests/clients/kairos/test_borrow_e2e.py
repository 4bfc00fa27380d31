"""Borrow interest end to end on the embedded localnet: SDK and ``kairos borrow`` CLI.

A trader borrows against SOL collateral (a settled loss beyond its quote), the
admin sets the rate curve from the CLI, a month passes (``kairosWarp``), health
and ``account show`` already count the interest, ``kairos borrow accrue`` charges
exactly that much to the insurance fund, and a deposit repays the borrow; the
quote vault equals what the program owes after every step. Its own cluster: the
month-long warp would make the session cluster's oracles stale for other tests.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kairos.accounts import MarginAccount
from kairos.client import KairosClient
from kairos.constants import OrderType, Side
from kairos.math.borrow import borrow_index_at, borrow_rate_bps, pending_interest, utilization_bps
from kairos.params import (
    ComputeHealthParams,
    ConsumeEventsParams,
    DepositParams,
    PlaceOrderParams,
    SettlePnlParams,
    UpdateOracleParams,
)
from kairos.wallet import save_keypair
from kairos_cli.app import app
from solders.keypair import Keypair
from typer.testing import CliRunner

from ..conftest import Setup, own_exchange
from .test_client_e2e import PRICE_100, new_trader

MONTH = 30 * 24 * 3600
LOTS = 100  # 1 SOL
CURVE = ("--base", "500", "--optimal", "2000", "--max", "10000", "--kink", "8000")


@pytest.fixture(scope="module")
def borrow_setup() -> Iterator[Setup]:
    with own_exchange() as setup:
        yield setup


async def _vault_is_owed(setup: Setup) -> None:
    """quote vault = Σ quote_balance + Σ markets (pool + fees) + both insurance claims."""
    async with setup.client() as admin:
        accounts = [account for _, account in await admin.get_all_margin_accounts()]
        markets = (await admin.get_perp_markets()).values()
        quote = await admin.get_collateral_asset(setup.quote_mint)
        owed = (
            sum(a.quote_balance for a in accounts)
            + sum(m.pnl_pool + m.fees_accrued for m in markets)
            + (await admin.get_exchange()).insurance_pending
            + quote.borrow_interest_pending
        )
        assert await admin.get_token_balance(quote.vault) == owed == quote.total_deposits
        assert quote.total_borrows == sum(a.borrow_principal for a in accounts)


async def _publish(setup: Setup, perp_price: int) -> None:
    async with setup.client() as admin:
        await admin.send(
            admin.oracles.update(UpdateOracleParams(setup.base_oracle, 20_000_000, 10_000))
        )
        await admin.send(
            admin.oracles.update(UpdateOracleParams(setup.perp_oracle, perp_price, 20_000))
        )


async def _open_borrow(setup: Setup) -> Keypair:
    """A long of 1 SOL at 100 with 1 USDC and 10 SOL of collateral; SOL to 90; settled."""
    maker = await new_trader(setup, quote=10_000 * 10**6)
    borrower = await new_trader(setup, quote=10**6, base=10 * 10**9)
    async with maker, borrower:
        await maker.send(
            maker.orders.place(PlaceOrderParams(setup.market_index, Side.ASK, PRICE_100, LOTS))
        )
        await borrower.send(
            borrower.orders.place(
                PlaceOrderParams(
                    setup.market_index, Side.BID, PRICE_100, LOTS, order_type=OrderType.MARKET
                )
            )
        )
        await maker.send(maker.orders.consume_events(ConsumeEventsParams(setup.market_index)))
        await _publish(setup, 90_000_000)
        await borrower.send(borrower.margin.settle_pnl(SettlePnlParams(setup.market_index)))
        account = await borrower.get_margin_account()
    # 1 USDC − 0.10 taker fee − 10 USDC loss.
    assert account.quote_balance == 10**6 - 100_000 - 10 * 10**6
    assert account.borrow_principal == -account.quote_balance
    return borrower.wallet


def test_borrow_rates_interest_and_repayment(borrow_setup: Setup, tmp_path: Path) -> None:
    setup = borrow_setup
    borrower_wallet = asyncio.run(_open_borrow(setup))
    asyncio.run(_vault_is_owed(setup))
    runner = CliRunner()

    def cli(wallet: Keypair, *args: str) -> Any:
        keypair_file = save_keypair(wallet, tmp_path / f"{wallet.pubkey()}.json")
        base = ["--url", setup.cluster.rpc_url, "--keypair", str(keypair_file), "--json"]
        base += ["--config", str(tmp_path / "none.toml")]
        result = runner.invoke(app, [*base, *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    # Only the admin sets the curve; then `borrow show` reads it back with the rate.
    refused = runner.invoke(
        app,
        ["--url", setup.cluster.rpc_url, "--keypair",
         str(save_keypair(borrower_wallet, tmp_path / "b.json")), "--json",
         "--config", str(tmp_path / "none.toml"), "borrow", "rates", *CURVE],
    )  # fmt: skip
    assert refused.exit_code == 1
    assert json.loads(refused.output)["error"]["name"] == "Unauthorized"
    cli(setup.admin, "borrow", "rates", *CURVE)
    shown = cli(setup.admin, "borrow", "show")
    assert shown["curve"] == {
        "base_rate_bps": 500,
        "optimal_rate_bps": 2_000,
        "max_rate_bps": 10_000,
        "optimal_utilization_bps": 8_000,
    }
    debt = 9_100_000
    assert shown["total_borrows"] == debt
    expected_utilization = debt * 10_000 // (debt + shown["total_deposits"])
    assert shown["utilization_bps"] == expected_utilization > 0
    # Below the kink: 5% + 15% × U / 80%.
    assert shown["borrow_rate_bps"] == 500 + 1_500 * expected_utilization // 8_000

    setup.cluster.warp_time(MONTH)
    asyncio.run(_publish(setup, 90_000_000))

    async def owed_now() -> tuple[int, int, MarginAccount]:
        async with KairosClient(setup.cluster.rpc_url, borrower_wallet) as borrower:
            context = await borrower.get_health_context()
            quote = context.assets[0]
            index = borrow_index_at(quote, context.unix_timestamp)
            assert borrow_rate_bps(quote) == 500 + 1_500 * utilization_bps(quote) // 8_000
            on_chain = await borrower.margin.simulate_health(ComputeHealthParams())
            local = context.health()
            # The program's health already counts the interest; the SDK agrees.
            assert (local.init, local.maint) == (on_chain.init_health, on_chain.maint_health)
            return pending_interest(context.account, index), index, context.account

    interest, index, before = asyncio.run(owed_now())
    balance = before.quote_balance
    # The cluster clock runs (one second is ~190 index units here): each later
    # reading may owe a unit or so more; the exact figures come from the index the
    # program itself rolled to.
    # A month at ~5-6% a year on 9.1 USDC: tens of thousands of native units.
    assert 30_000 < interest < 60_000
    report = cli(borrower_wallet, "account", "show")
    assert interest <= report["borrow_interest_owed"] <= interest + 1
    health = cli(borrower_wallet, "account", "health")
    assert health["program"] == health["local"]

    accrued = cli(setup.admin, "borrow", "accrue")
    assert accrued["accounts"] == [report["address"]]
    [event] = [e for e in accrued["events"] if e["event"] == "BorrowInterestAccrued"]
    assert event["borrow_index"] >= index
    charged = pending_interest(before, event["borrow_index"])
    assert event["interest"] == charged and interest <= charged <= interest + 1
    assert event["borrow_after"] == debt + charged
    after = cli(borrower_wallet, "account", "show")
    assert after["quote_balance"] == balance - charged
    assert after["borrow_interest_owed"] <= 1  # a second or so since the checkpoint
    asyncio.run(_vault_is_owed(setup))

    # A deposit repays: interest first (none since), then the balance turns positive.
    async def repay() -> None:
        async with setup.client() as admin:
            account = await admin.tokens.create_associated_token_account(
                setup.quote_mint, borrower_wallet.pubkey()
            )
            await admin.tokens.mint_to(setup.quote_mint, account, 20 * 10**6)
        async with KairosClient(setup.cluster.rpc_url, borrower_wallet) as borrower:
            await borrower.send(
                borrower.margin.deposit(DepositParams(setup.quote_mint, 20 * 10**6))
            )
            state = await borrower.get_margin_account()
            # The deposit charged the interest since the crank (a unit or two) first.
            repaid = balance - charged + 20 * 10**6
            assert repaid - 2 <= state.quote_balance <= repaid
            assert state.borrow_principal == 0

    asyncio.run(repay())
    asyncio.run(_vault_is_owed(setup))
    assert cli(setup.admin, "borrow", "show")["total_borrows"] == 0
