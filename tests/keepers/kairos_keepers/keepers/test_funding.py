"""The ``funding`` keeper, and the localnet day at a 1 % premium (issue 15).

A long and a short of 1 SOL each; a maker quotes 100.99 / 101.01 around an oracle of
100 (a 1 % premium at the mid); the keeper, talking to the cluster through the fault
proxy (dropped requests and 429s), starts the market's funding and rolls it each of
24 warped hours. The long then owes exactly 1 % of its notional, to the native unit,
and the short receives it less the one-unit rounding residue, which stays in the pool;
the quote vault equals what the program owes after every step.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kairos.accounts import PerpMarket
from kairos.client import KairosClient
from kairos.constants import FUNDING_INDEX_ONE, OrderType, Side
from kairos.events import FundingPaid
from kairos.math import funding
from kairos.params import (
    ConsumeEventsParams,
    PlaceOrderParams,
    SetFundingParams,
    SettlePnlParams,
    UpdateOracleParams,
)
from kairos.wallet import save_keypair
from kairos_cli.app import app
from kairos_keepers.config import KeeperConfig
from kairos_keepers.keepers.funding import FundingKeeper, FundingSettings, due_markets
from kairos_keepers.lifecycle import KeeperRuntime
from kairos_keepers.testing.faultproxy import FaultProxy, Faults
from prometheus_client import CollectorRegistry
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from typer.testing import CliRunner

from tests.clients import factories as f
from tests.clients.conftest import Setup, own_exchange
from tests.clients.kairos.test_borrow_e2e import _vault_is_owed
from tests.clients.kairos.test_client_e2e import PRICE_100, new_trader

HOUR = 3_600
LOTS = 100  # 1 SOL at 100 USDC: a notional of 100,000,000 quote native
BID, ASK = 1_009_900, 1_010_100  # mid 1,010,000: 1 % over the oracle's 1,000,000 per lot
REWARD = 100
# Each hourly roll adds trunc(10,000 × 10⁹ × 3,600 / 86,400) to the index.
HOURLY_DELTA = 10_000 * FUNDING_INDEX_ONE * HOUR // 86_400


@pytest.fixture(scope="module")
def setup() -> Iterator[Setup]:
    with own_exchange() as exchange:
        yield exchange


async def _market(setup: Setup) -> PerpMarket:
    async with setup.client() as admin:
        return await admin.get_perp_market(setup.market_index)


async def _open(setup: Setup) -> tuple[KairosClient, KairosClient, Keypair]:
    long, short = await new_trader(setup), await new_trader(setup)
    maker = await new_trader(setup)
    keeper = await new_trader(setup, quote=0)  # its margin account receives the rewards
    async with long, short, maker, keeper:
        await short.send(
            short.orders.place(PlaceOrderParams(setup.market_index, Side.ASK, PRICE_100, LOTS))
        )
        await long.send(
            long.orders.place(
                PlaceOrderParams(
                    setup.market_index, Side.BID, PRICE_100, LOTS, order_type=OrderType.MARKET
                )
            )
        )
        await short.send(short.orders.consume_events(ConsumeEventsParams(setup.market_index)))
        await maker.send(maker.orders.place(PlaceOrderParams(setup.market_index, Side.BID, BID, 5)))
        await maker.send(maker.orders.place(PlaceOrderParams(setup.market_index, Side.ASK, ASK, 5)))
    async with setup.client() as admin:
        await admin.send(
            admin.admin.set_funding_params(
                SetFundingParams(
                    setup.market_index,
                    period_seconds=HOUR,
                    max_rate_bps=50,
                    mark_band_bps=500,
                    crank_reward=REWARD,
                )
            )
        )
    return long, short, keeper.wallet


async def _publish(setup: Setup) -> None:
    async with setup.client() as admin:
        await admin.send(
            admin.oracles.update(UpdateOracleParams(setup.perp_oracle, 100_000_000, 20_000))
        )


async def _day(setup: Setup, keeper_wallet: Keypair) -> FundingKeeper:
    faults = Faults(drop_rate=0.1, rate_limit_rate=0.1, retry_after=0.05)
    async with FaultProxy(setup.cluster.rpc_url, faults=faults) as proxy:
        config = KeeperConfig(
            rpc_url=proxy.rpc_url,
            ws_url=proxy.ws_url,
            poll_interval=0.2,
            metrics_enabled=False,
            confirm_poll_interval=0.05,
        )
        runtime = KeeperRuntime(
            FundingKeeper,
            config,
            FundingSettings(scan_seconds=0.2),
            payer=keeper_wallet,
            registry=CollectorRegistry(),
            install_signal_handlers=False,
        )
        task = asyncio.create_task(runtime.run())

        async def until(done: Any) -> PerpMarket:
            deadline = asyncio.get_running_loop().time() + 60
            while True:
                market = await _market(setup)
                if done(market):
                    return market
                assert not task.done(), "the keeper stopped"
                assert asyncio.get_running_loop().time() < deadline, "the keeper did not crank"
                await asyncio.sleep(0.1)

        await until(lambda m: m.funding_started == 1)
        for hour in range(1, 25):
            setup.cluster.warp_time(HOUR)
            await _publish(setup)
            market = await until(lambda m, h=hour: m.funding_index == h * HOURLY_DELTA)
            assert (market.mark_twap, market.oracle_twap) == (1_010_000, 1_000_000)
            assert market.funding_rate == HOURLY_DELTA // 1_000_000
        runtime.request_stop("test over")
        assert await task == 0
        assert proxy.stats.requests > 0
    keeper = runtime.keeper
    assert isinstance(keeper, FundingKeeper)
    return keeper


def test_a_day_at_a_one_percent_premium(setup: Setup, tmp_path: Path) -> None:
    long, short, keeper_wallet = asyncio.run(_open(setup))
    asyncio.run(_vault_is_owed(setup))
    keeper = asyncio.run(_day(setup, keeper_wallet))
    registry = keeper.metrics.registry
    rolls = registry.get_sample_value(
        "kairos_keeper_funding_cranks_total", {"keeper": "funding", "reason": "roll"}
    )
    assert rolls == 24
    assert (
        registry.get_sample_value("kairos_keeper_funding_reward_quote_total", {"keeper": "funding"})
        == 24 * REWARD
    )

    async def keeper_balance() -> int:
        async with KairosClient(setup.cluster.rpc_url, keeper_wallet) as client:
            return (await client.get_margin_account()).quote_balance

    assert asyncio.run(keeper_balance()) == 24 * REWARD
    market = asyncio.run(_market(setup))
    assert market.funding_index == 24 * HOURLY_DELTA == 9_999_999_999_984

    runner = CliRunner()

    def cli(wallet: Keypair, *args: str) -> Any:
        keypair_file = save_keypair(wallet, tmp_path / f"{wallet.pubkey()}.json")
        base = ["--url", setup.cluster.rpc_url, "--keypair", str(keypair_file), "--json"]
        base += ["--config", str(tmp_path / "none.toml")]
        result = runner.invoke(app, [*base, *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    # 1 % of 100 USDC: the long owes 1,000,000 (ceil of 999,999.9999984), the short is
    # owed 999,999; `account show` and `market funding` show the same figures.
    [long_perp] = cli(long.wallet, "account", "show")["perp_positions"]
    [short_perp] = cli(short.wallet, "account", "show")["perp_positions"]
    assert (long_perp["funding_owed"], short_perp["funding_owed"]) == (1_000_000, -999_999)
    shown = cli(
        setup.admin, "market", "funding", str(setup.market_index),
        "--account", str(long.margin_account_address()),
    )  # fmt: skip
    assert shown["pending_funding"] == 1_000_000
    assert shown["current_rate"] == HOURLY_DELTA // 1_000_000
    assert shown["predicted_rate"] == HOURLY_DELTA // 1_000_000  # the book has not moved
    # The table form, and the admin command (a non-admin is refused by name).
    table = runner.invoke(
        app,
        ["--url", setup.cluster.rpc_url, "--keypair",
         str(save_keypair(setup.admin, tmp_path / "admin.json")),
         "--config", str(tmp_path / "none.toml"), "market", "funding", "SOL-PERP"],
    )  # fmt: skip
    assert table.exit_code == 0 and "predicted next rate" in table.output
    assert "0.041667%" in table.output  # the hourly rate of a 1 % daily premium
    refused = runner.invoke(
        app,
        ["--url", setup.cluster.rpc_url, "--keypair",
         str(save_keypair(long.wallet, tmp_path / "long.json")), "--json",
         "--config", str(tmp_path / "none.toml"), "admin", "funding-params", "SOL-PERP",
         "--crank-reward", "0"],
    )  # fmt: skip
    assert refused.exit_code == 1 and json.loads(refused.output)["error"]["name"] == "Unauthorized"
    cli(setup.admin, "admin", "funding-params", "SOL-PERP", "--crank-reward", str(REWARD))
    # A crank before the period ends only samples: it lands, nothing rolls.
    cli(setup.admin, "account", "create")
    cli(setup.admin, "crank", "update-funding", "SOL-PERP")
    assert asyncio.run(_market(setup)).funding_index == 24 * HOURLY_DELTA

    async def settle(trader: KairosClient) -> int:
        async with KairosClient(setup.cluster.rpc_url, trader.wallet) as client:
            signature = (
                await client.send(client.margin.settle_pnl(SettlePnlParams(setup.market_index)))
            ).signature
            events = await client.get_transaction_events(signature)
        [paid] = [event for event in events if isinstance(event, FundingPaid)]
        return paid.amount

    assert asyncio.run(settle(long)) == 1_000_000
    assert asyncio.run(settle(short)) == -999_999
    # Zero-sum to the native unit: the one-unit residue stayed in the pnl pool.
    assert asyncio.run(_market(setup)).funding_settled_net == 1
    asyncio.run(_vault_is_owed(setup))


def test_due_markets_start_then_roll_once_per_period() -> None:
    fresh = f.market(0, Pubkey.new_unique())
    started = dataclasses.replace(fresh, funding_started=1, funding_last_roll_ts=1_000)
    assert [d.reason for d in due_markets({0: fresh}, 0)] == ["start"]
    assert due_markets({0: started}, 1_000 + funding.period_seconds(started) - 1) == []
    assert [d.reason for d in due_markets({0: started}, 1_000 + HOUR)] == ["roll"]
    ten_minutes = dataclasses.replace(started, funding_period_seconds=600)
    assert [d.reason for d in due_markets({0: ten_minutes}, 1_600)] == ["roll"]


def test_a_keeper_without_its_reward_account_cranks_nothing(setup: Setup) -> None:
    """Every roll names the keeper's margin account: missing, the scan fails clearly."""
    wallet = Keypair()  # no margin account, no lamports

    async def run() -> tuple[PerpMarket, PerpMarket, FundingKeeper]:
        before = await _market(setup)
        setup.cluster.warp_time(HOUR)  # a roll is due
        await _publish(setup)
        config = KeeperConfig(
            rpc_url=setup.cluster.rpc_url,
            ws_url=setup.cluster.ws_url,
            poll_interval=0.2,
            metrics_enabled=False,
            confirm_poll_interval=0.05,
        )
        runtime = KeeperRuntime(
            FundingKeeper,
            config,
            FundingSettings(scan_seconds=0.2),
            payer=wallet,
            registry=CollectorRegistry(),
            install_signal_handlers=False,
        )
        task = asyncio.create_task(runtime.run())
        await asyncio.sleep(3)
        runtime.request_stop("test over")
        await task
        keeper = runtime.keeper
        assert isinstance(keeper, FundingKeeper)
        return before, await _market(setup), keeper

    before, after, keeper = asyncio.run(run())
    assert not keeper.reward_account_seen
    assert after.funding_index == before.funding_index
    assert after.funding_last_roll_ts == before.funding_last_roll_ts
    assert (
        keeper.metrics.registry.get_sample_value(
            "kairos_keeper_funding_cranks_total", {"keeper": "funding", "reason": "roll"}
        )
        is None
    )
