"""The ready-to-trade preset: its keys, its simulated price walk, and a real set-up."""

from __future__ import annotations

import math
import statistics
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from kairos.client import KairosClient
from kairos.errors import KairosError
from kairos.params import CreateMarginAccountParams, DepositParams, PlaceOrderParams
from kairos_localnet import preset
from kairos_localnet.preset import ASSETS, MARKETS, PRESET_AUTHORITY, PriceWalk
from solders.keypair import Keypair


def test_keys_are_derived_from_public_seeds() -> None:
    assert preset.preset_keypair("authority") == PRESET_AUTHORITY
    mints = [asset.mint for asset in ASSETS]
    assert len(set(mints)) == len(mints)
    assert preset.preset_mint("usdc") == ASSETS[0].mint
    assert preset.preset_mint("DOGE") is None
    assert preset.preset_symbol(ASSETS[1].mint) == "SOL"
    assert preset.preset_symbol(PRESET_AUTHORITY.pubkey()) is None
    assert {market.base for market in MARKETS} <= {asset.symbol for asset in ASSETS}


def test_walk_is_seeded_and_has_the_documented_volatility() -> None:
    first, again, other = PriceWalk(seed=1), PriceWalk(seed=1), PriceWalk(seed=2)
    steps = [first.step(2.0) for _ in range(50)]
    assert steps == [again.step(2.0) for _ in range(50)]
    assert steps != [other.step(2.0) for _ in range(50)]
    # Log returns over one simulated hour steps: standard deviation σ·√dt.
    walk = PriceWalk(seed=3)
    dt_seconds = 3600.0
    returns = []
    previous = walk.prices["SOL"]
    for _ in range(4000):
        price = walk.step(dt_seconds)["SOL"]
        assert price > 0
        returns.append(math.log(price / previous))
        previous = price
    expected = 0.80 * math.sqrt(dt_seconds / preset.SECONDS_PER_YEAR)
    assert statistics.stdev(returns) == pytest.approx(expected, rel=0.05)


async def test_set_up_refuses_another_wallet() -> None:
    # Refused before any request: the URL is never contacted.
    async with KairosClient("http://127.0.0.1:9", Keypair()) as client:
        with pytest.raises(KairosError, match="PRESET_AUTHORITY"):
            await preset.set_up(client)


async def test_ready_to_trade_sets_up_markets_and_keeps_oracles_fresh() -> None:
    """A fresh cluster: markets by name, a trader funded from the test mints, and orders
    that still pass the staleness check after the clock jumps two minutes (the feed
    republished); with the feed stopped, the same jump makes them StaleOracle."""
    import asyncio

    from kairos import errors
    from kairos.constants import Side
    from kairos_cli.faucet import mint_test_tokens
    from kairos_localnet.testing import start_cluster

    from tests.clients.conftest import program_deployment

    with start_cluster([program_deployment()], slot_ms=100) as cluster:
        if not cluster.can_warp:
            pytest.skip("needs a cluster whose clock can be warped")
        trader = Keypair()
        async with (
            preset.ready_to_trade(cluster.rpc_url, feed_seconds=0.3) as lines,
            KairosClient(cluster.rpc_url, trader, confirm_poll_seconds=0.05) as client,
        ):
            assert any("SOL-PERP" in line for line in lines)
            markets = await client.get_perp_markets()
            assert [m.name_str for m in markets.values()] == [m.name for m in MARKETS]
            assert (await client.get_exchange()).quote_mint == ASSETS[0].mint
            await client.tokens.airdrop(10 * 10**9)
            await client.send(client.margin.create(CreateMarginAccountParams()))
            await mint_test_tokens(client, ASSETS[0].mint, 1_000 * 10**6)
            await client.send(client.margin.deposit(DepositParams(ASSETS[0].mint, 1_000 * 10**6)))
            sol = ASSETS_BY_NAME["SOL"]
            before = await client.get_oracle(sol.oracle())
            cluster.warp_time(120)
            await asyncio.sleep(1.5)  # a few feed steps
            after = await client.get_oracle(sol.oracle())
            assert after.publish_slot > before.publish_slot + 1000
            assert after.price != before.price
            await client.send(
                client.orders.place(PlaceOrderParams(0, Side.BID, 1_400_000, 1))
            )  # 140 USDC per SOL
            # The preset's maker quotes around the oracle: a market buy fills at once.
            from kairos.constants import OrderType

            await client.send(
                client.orders.place(
                    PlaceOrderParams(0, Side.BID, 1_600_000, 100, order_type=OrderType.MARKET)
                )
            )  # worst 160 USDC per SOL, 1 SOL
            position = (await client.get_margin_account()).active_perp_positions()
            assert [(p.market_index, p.base_lots) for p in position] == [(0, 100)]
        # Feed stopped: the next jump leaves the oracles stale.
        cluster.warp_time(120)
        async with KairosClient(cluster.rpc_url, trader, confirm_poll_seconds=0.05) as client:
            with pytest.raises(errors.StaleOracle):
                await client.send(client.orders.place(PlaceOrderParams(0, Side.BID, 1_400_000, 1)))


ASSETS_BY_NAME = preset.ASSETS_BY_SYMBOL


def test_cli_funds_a_new_wallet_on_the_first_command_and_says_so(tmp_path: Path) -> None:
    """Issue 13 §2: SOL for fees and test tokens arrive with a notice, not silently."""
    import asyncio
    import json

    from kairos.wallet import save_keypair
    from kairos_cli.app import app
    from kairos_localnet.testing import start_cluster
    from typer.testing import CliRunner

    from tests.clients.conftest import program_deployment

    async def preset_without_feed(url: str) -> None:
        async with KairosClient(url, PRESET_AUTHORITY, confirm_poll_seconds=0.05) as admin:
            await admin.tokens.airdrop(100 * 10**9)
            await preset.set_up(admin)

    with start_cluster([program_deployment()], slot_ms=100) as cluster:
        if not cluster.rpc_url.startswith("http://127.0.0.1"):
            pytest.skip("the automatic funding is for a localnet")
        asyncio.run(preset_without_feed(cluster.rpc_url))
        keypair = tmp_path / "id.json"
        save_keypair(Keypair(), keypair)
        env = {"KAIROS_RPC_URL": cluster.rpc_url, "KAIROS_CONFIG": str(tmp_path / "none.toml")}

        def kairos(*args: str) -> Any:
            return CliRunner().invoke(app, ["--keypair", str(keypair), *args], env=env)

        created = kairos("account", "create")
        assert created.exit_code == 0, created.output
        assert "had no SOL for fees: airdropped 10 SOL" in created.stderr
        deposited = kairos("account", "deposit", "USDC", "250")
        assert deposited.exit_code == 0, deposited.output
        assert "minted 250 test USDC" in deposited.stderr
        again = kairos("account", "deposit", "USDC", "250")  # the wallet holds none: mints
        assert "minted 250 test USDC" in again.stderr
        shown = json.loads(kairos("--json", "account", "show").stdout)
        assert Decimal(shown["quote_balance_ui"]) == 500
        # Only preset mints are minted: another mint is refused, nothing sent.
        missing = kairos("wallet", "airdrop", "5", "--token", str(Keypair().pubkey()))
        assert missing.exit_code == 1 and "is not a token mint" in missing.output
        own = json.loads(kairos("--json", "token", "create-mint", "6").stdout)["mint"]
        other = kairos("wallet", "airdrop", "5", "--token", own)
        assert other.exit_code == 1 and "not a test token" in other.output, other.output
