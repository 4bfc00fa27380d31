"""KairosClient end to end: the built program on a cluster (embedded localnet by default).

Every sender goes through JSON-RPC (send, confirm, logs), so these tests also cover
error mapping of real failures, event parsing of real logs and the agreement of
the local health math with the program's compute_health view.
"""

from __future__ import annotations

import asyncio
import json
import random
from pathlib import Path
from typing import Any

import pytest
from kairos import errors
from kairos.client import KairosClient, TxParams
from kairos.constants import OrderType, Side, SideFilter, instruction_gate_bit
from kairos.events import (
    CollateralAssetAdded,
    EventsConsumed,
    ExchangeInitialized,
    HealthComputed,
    OrderCancelled,
    OrderFilled,
    OrderPlaced,
    PerpMarketCreated,
    PnlSettled,
    Withdrawn,
    events_of_type,
)
from kairos.params import (
    CancelAllOrdersParams,
    CancelOrderParams,
    CloseMarginAccountParams,
    ComputeHealthParams,
    ConsumeEventsParams,
    CreateMarginAccountParams,
    DepositParams,
    PlaceOrderParams,
    SetInstructionGateParams,
    SetMarketOrderRulesParams,
    SettlePnlParams,
    UpdateOracleParams,
    WithdrawParams,
)
from kairos.pda import collateral_asset_address, perp_market_address
from kairos.program import PROGRAM_ID
from kairos.wallet import save_keypair
from kairos_cli.app import app
from solders.account import Account
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token.instructions import get_associated_token_address
from typer.testing import CliRunner

from .. import factories as f
from ..conftest import LAMPORTS_PER_SOL, Setup

PRICE_100 = 1_000_000  # 100 USDC per SOL in quote native per 0.01-SOL lot


async def new_trader(setup: Setup, quote: int = 10_000 * 10**6, base: int = 0) -> KairosClient:
    """A funded wallet with a margin account holding `quote` (and `base`) native units."""
    wallet = Keypair()
    admin = setup.client()
    trader = setup.client(wallet)
    async with admin:
        await admin.tokens.airdrop(10 * LAMPORTS_PER_SOL, wallet.pubkey())
        for mint, amount in ((setup.quote_mint, quote), (setup.base_mint, base)):
            if amount:
                account = await admin.tokens.create_associated_token_account(mint, wallet.pubkey())
                await admin.tokens.mint_to(mint, account, amount)
    await trader.send(trader.margin.create(CreateMarginAccountParams()))
    if quote:
        await trader.send(trader.margin.deposit(DepositParams(setup.quote_mint, quote)))
    if base:
        await trader.send(trader.margin.deposit(DepositParams(setup.base_mint, base)))
    return trader


async def test_setup_accounts_and_events(kairos_setup: Setup) -> None:
    async with kairos_setup.client() as client:
        exchange = await client.get_exchange()
        assert exchange.admin == kairos_setup.admin.pubkey()
        assert exchange.quote_mint == kairos_setup.quote_mint
        assert exchange.quote_decimals == 6 and exchange.perp_market_count >= 1
        assets = await client.get_collateral_assets()
        assert assets[0].mint == kairos_setup.quote_mint
        base = await client.get_collateral_asset(kairos_setup.base_mint)
        assert assets[base.index] == base and base.oracle == kairos_setup.base_oracle
        market = await client.find_perp_market("SOL-PERP")
        assert market.index == kairos_setup.market_index
        assert (market.base_lot_size, market.tick_size, market.maker_fee_bps) == (10**7, 100, -2)
        assert (await client.get_perp_markets())[market.index] == market
        book = await client.get_orderbook(market.index)
        assert book.market == perp_market_address(market.index)
        queue = await client.get_event_queue(market.index)
        assert queue.market == book.market
        oracle = await client.get_oracle(kairos_setup.perp_oracle)
        assert (oracle.price, oracle.exponent, oracle.seed) == (100_000_000, -6, 2)

        sigs = kairos_setup.signatures
        init = await client.get_transaction_events(sigs["initialize_exchange"])
        assert isinstance(init[0], ExchangeInitialized) and init[0].keeper_reward_lamports == 5_000
        listed = await client.get_transaction_events(sigs["add_collateral_asset"])
        assert isinstance(listed[0], CollateralAssetAdded) and listed[0].mint == base.mint
        created = await client.get_transaction_events(sigs["create_perp_market"])
        assert isinstance(created[0], PerpMarketCreated) and created[0].tick_size == 100


async def test_trade_crank_and_health(kairos_setup: Setup) -> None:
    market_index = kairos_setup.market_index
    maker = await new_trader(kairos_setup, base=5 * 10**9)
    taker = await new_trader(kairos_setup)
    async with maker, taker:
        maker_account = await maker.get_margin_account()
        assert maker_account.collateral_position(1) is not None

        # The maker quotes both sides; its first order opens the market's position slot.
        signature = (
            await maker.send(
                maker.orders.place(
                    PlaceOrderParams(market_index, Side.ASK, PRICE_100, 200, client_order_id=7)
                )
            )
        ).signature
        placed = events_of_type(await maker.get_transaction_events(signature), OrderPlaced)
        assert placed[0].resting_base_lots == 200 and placed[0].client_order_id == 7
        await maker.send(
            maker.orders.place(PlaceOrderParams(market_index, Side.BID, PRICE_100 - 10_000, 100))
        )
        view = await maker.get_orderbook_view(market_index)
        assert [o.price for o in view.asks][:1] == [PRICE_100]
        ask = next(o for o in view.asks if o.order_id == placed[0].order_id)
        assert ask.owner == maker.margin_account_address() and ask.client_order_id == 7

        # The taker crosses with a market order (worst price 101), with a compute budget.
        signature = (
            await taker.send(
                taker.orders.place(
                    PlaceOrderParams(
                        market_index, Side.BID, PRICE_100 + 10_000, 150, order_type=OrderType.MARKET
                    )
                ),
                tx_params=TxParams(compute_unit_limit=200_000, compute_unit_price=1),
            )
        ).signature
        events = await taker.get_transaction_events(signature)
        fill = events_of_type(events, OrderFilled)[0]
        assert (fill.maker, fill.base_lots, fill.price) == (
            maker.margin_account_address(),
            150,
            PRICE_100,
        )
        position = (await taker.get_margin_account()).perp_position(market_index)
        assert position is not None and position.base_lots == 150

        # The maker's side waits in the queue until the crank applies it.
        queue = await taker.get_event_queue(market_index)
        assert [e.maker for e in queue.pending()][-1] == maker.margin_account_address()
        signature = (
            await taker.send(taker.orders.consume_events(ConsumeEventsParams(market_index)))
        ).signature
        consumed = events_of_type(await taker.get_transaction_events(signature), EventsConsumed)
        assert consumed[0].count >= 1 and consumed[0].remaining == 0
        maker_position = (await maker.get_margin_account()).perp_position(market_index)
        assert maker_position is not None and maker_position.base_lots == -150

        # Local health equals the program's view for both, with positions and orders.
        for client in (maker, taker):
            context = await client.get_health_context()
            on_chain = await client.margin.simulate_health(ComputeHealthParams())
            assert (context.health().init, context.health().maint) == (
                on_chain.init_health,
                on_chain.maint_health,
            )

        # The largest withdrawal the SDK computes passes; one unit more breaks health.
        context = await taker.get_health_context()
        most = context.max_withdrawable(0)
        assert 0 < most < 10_000 * 10**6
        with pytest.raises(errors.InsufficientHealth):
            await taker.send(
                taker.margin.withdraw(WithdrawParams(kairos_setup.quote_mint, most + 1))
            )
        signature = (
            await taker.send(taker.margin.withdraw(WithdrawParams(kairos_setup.quote_mint, most)))
        ).signature
        withdrawn = events_of_type(await taker.get_transaction_events(signature), Withdrawn)
        assert withdrawn[0].amount == most and withdrawn[0].init_health_after == 0

        # Cancel the maker's remaining orders; the book side empties of them.
        await maker.send(
            maker.orders.cancel_all(
                CancelAllOrdersParams(market_index, side_filter=SideFilter.BOTH)
            )
        )
        view = await maker.get_orderbook_view(market_index)
        assert all(o.owner != maker.margin_account_address() for o in view.bids + view.asks)
        assert (await maker.get_margin_account()).active_open_orders() == []


async def test_collateral_withdrawal_frees_the_slot(kairos_setup: Setup) -> None:
    trader = await new_trader(kairos_setup, quote=1_000 * 10**6, base=2 * 10**9)
    async with trader:
        # A perp position keeps a health check on the withdrawal; the emptied slot is
        # no longer listed in its health accounts.
        await trader.send(
            trader.orders.place(
                PlaceOrderParams(kairos_setup.market_index, Side.BID, PRICE_100 - 50_000, 10)
            )
        )
        signature = (
            await trader.send(
                trader.margin.withdraw(WithdrawParams(kairos_setup.base_mint, 2 * 10**9))
            )
        ).signature
        event = events_of_type(await trader.get_transaction_events(signature), Withdrawn)[0]
        assert event.balance_after == 0
        account = await trader.get_margin_account()
        assert account.collateral_position(1) is None


async def test_program_errors_are_named(kairos_setup: Setup) -> None:
    trader = await new_trader(kairos_setup, quote=100 * 10**6)
    outsider = await new_trader(kairos_setup, quote=0)
    async with trader, outsider:
        with pytest.raises(errors.InsufficientBalance) as caught:
            await trader.send(
                trader.margin.withdraw(WithdrawParams(kairos_setup.quote_mint, 101 * 10**6))
            )
        assert "balance is too low" in str(caught.value) and caught.value.logs
        with pytest.raises(errors.PriceNotOnTick):
            await trader.send(
                trader.orders.place(
                    PlaceOrderParams(kairos_setup.market_index, Side.BID, PRICE_100 + 1, 1)
                )
            )
        with pytest.raises(errors.OrderNotFound):
            await trader.send(
                trader.orders.cancel(CancelOrderParams(kairos_setup.market_index, 999_999))
            )
        with pytest.raises(errors.InsufficientHealth):
            await trader.send(
                trader.orders.place(
                    PlaceOrderParams(kairos_setup.market_index, Side.BID, PRICE_100, 100_000)
                )
            )
        with pytest.raises(errors.NoFill):
            await trader.send(
                trader.orders.place(
                    PlaceOrderParams(
                        kairos_setup.market_index, Side.ASK, 10**9, 1, order_type=OrderType.MARKET
                    )
                )
            )
        with pytest.raises(errors.Unauthorized):
            await outsider.send(outsider.admin.set_instruction_gate(SetInstructionGateParams(1)))
        with pytest.raises(errors.AccountNotEmpty):
            await trader.send(trader.margin.close(CloseMarginAccountParams()))
        # A compute-unit limit below what the instruction needs is a runtime error.
        with pytest.raises(errors.TransactionError):
            await trader.send(
                trader.margin.deposit(DepositParams(kairos_setup.quote_mint, 0)),
                tx_params=TxParams(compute_unit_limit=500),
            )


async def test_errors_without_preflight_come_from_the_landed_transaction(
    kairos_setup: Setup,
) -> None:
    trader = await new_trader(kairos_setup, quote=100 * 10**6)
    async with trader:
        # Skipping preflight, the failure is found at confirmation and mapped from the
        # status error and the transaction's logs (getTransaction).
        trader.skip_preflight = True
        with pytest.raises(errors.InsufficientBalance) as caught:
            await trader.send(
                trader.margin.withdraw(WithdrawParams(kairos_setup.quote_mint, 101 * 10**6))
            )
        assert any("failed: custom program error" in line for line in caught.value.logs)


async def test_token_helpers_and_compute_health_transaction(kairos_setup: Setup) -> None:
    trader = await new_trader(kairos_setup, quote=100 * 10**6)
    async with kairos_setup.client() as admin, trader:
        account = await trader.tokens.create_token_account(kairos_setup.quote_mint)
        await admin.tokens.mint_to(kairos_setup.quote_mint, account, 7 * 10**6)
        assert await trader.get_token_balance(account) == 7 * 10**6
        assert await trader.get_mint_decimals(kairos_setup.quote_mint) == 6
        await trader.send(
            trader.margin.deposit(
                DepositParams(kairos_setup.quote_mint, 7 * 10**6, owner_token_account=account)
            )
        )
        assert await trader.get_token_balance(account) == 0
        assert (await trader.get_margin_account()).quote_balance == 107 * 10**6
        # compute_health sent as a transaction by someone else (it is permissionless).
        signature = (
            await admin.send(
                admin.margin.compute_health(
                    ComputeHealthParams(address=trader.margin_account_address())
                )
            )
        ).signature
        events = await admin.get_transaction_events(signature)
        assert events_of_type(events, HealthComputed)[0].init_health == 107 * 10**6


async def test_instruction_gate(kairos_setup: Setup) -> None:
    trader = await new_trader(kairos_setup, quote=100 * 10**6)
    async with kairos_setup.client() as admin, trader:
        await admin.send(
            admin.admin.set_instruction_gate(
                SetInstructionGateParams(instruction_gate_bit("place_order"))
            )
        )
        try:
            with pytest.raises(errors.InstructionHalted):
                await trader.send(
                    trader.orders.place(
                        PlaceOrderParams(kairos_setup.market_index, Side.BID, PRICE_100 // 2, 1)
                    )
                )
        finally:
            await admin.send(admin.admin.set_instruction_gate(SetInstructionGateParams(0)))
        await trader.send(
            trader.orders.place(
                PlaceOrderParams(kairos_setup.market_index, Side.BID, PRICE_100 // 2, 1)
            )
        )


async def test_cancel_order_by_id_and_client_id(kairos_setup: Setup) -> None:
    trader = await new_trader(kairos_setup, quote=100 * 10**6)
    async with trader:
        market_index = kairos_setup.market_index
        first = (
            await trader.send(
                trader.orders.place(
                    PlaceOrderParams(market_index, Side.BID, PRICE_100 * 6 // 10, 1)
                )
            )
        ).signature
        order_id = events_of_type(await trader.get_transaction_events(first), OrderPlaced)[0]
        await trader.send(
            trader.orders.place(
                PlaceOrderParams(market_index, Side.BID, PRICE_100 * 6 // 10, 2, client_order_id=99)
            )
        )
        cancelled = (
            await trader.send(
                trader.orders.cancel(CancelOrderParams(market_index, order_id.order_id))
            )
        ).signature
        event = events_of_type(await trader.get_transaction_events(cancelled), OrderCancelled)[0]
        assert (event.order_id, event.base_lots) == (order_id.order_id, 1)
        cancelled = (
            await trader.send(
                trader.orders.cancel(CancelOrderParams(market_index, 99, is_client_id=True))
            )
        ).signature
        event = events_of_type(await trader.get_transaction_events(cancelled), OrderCancelled)[0]
        assert (event.client_order_id, event.base_lots) == (99, 2)
        assert (await trader.get_margin_account()).active_open_orders() == []


async def test_close_margin_account_and_fetch_all(kairos_setup: Setup) -> None:
    trader = await new_trader(kairos_setup, quote=0)
    async with trader:
        await trader.send(trader.margin.create(CreateMarginAccountParams(3)))
        mine = await trader.get_margin_accounts()
        assert {account.account_index for _, account in mine} == {0, 3}
        assert all(account.owner == trader.authority for _, account in mine)
        await trader.send(trader.margin.close(CloseMarginAccountParams(3)))
        assert {account.account_index for _, account in await trader.get_margin_accounts()} == {0}


async def test_settle_pnl_moves_pnl_through_the_pool(kairos_setup: Setup) -> None:
    market_index = kairos_setup.market_index
    maker = await new_trader(kairos_setup, quote=1_000 * 10**6)
    taker = await new_trader(kairos_setup, quote=1_000 * 10**6)
    async with kairos_setup.client() as admin, maker, taker:
        # Clear the book near 100 of other tests' orders so the taker meets this maker.
        await maker.send(
            maker.orders.place(PlaceOrderParams(market_index, Side.ASK, PRICE_100, 100))
        )
        await taker.send(
            taker.orders.place(
                PlaceOrderParams(
                    market_index, Side.BID, PRICE_100, 100, order_type=OrderType.MARKET
                )
            )
        )
        await taker.send(taker.orders.consume_events(ConsumeEventsParams(market_index)))
        pool_before = (await admin.get_perp_market(market_index)).pnl_pool
        # The price moves to 110 (confidence 0.02): the short loses 10 USDC, the long gains it.
        await admin.send(
            admin.oracles.update(UpdateOracleParams(kairos_setup.perp_oracle, 110_000_000, 20_000))
        )
        try:
            loser = await maker.get_transaction_events(
                (await maker.send(maker.margin.settle_pnl(SettlePnlParams(market_index)))).signature
            )
            winner = await taker.get_transaction_events(
                (await taker.send(taker.margin.settle_pnl(SettlePnlParams(market_index)))).signature
            )
            settled_loss = events_of_type(loser, PnlSettled)[0]
            settled_gain = events_of_type(winner, PnlSettled)[0]
            assert settled_loss.amount == -10 * 10**6
            assert settled_gain.amount == min(10 * 10**6, pool_before + 10 * 10**6)
            assert settled_gain.pnl_pool_after == pool_before + 10 * 10**6 - settled_gain.amount
            taker_account = await taker.get_margin_account()
            assert taker_account.quote_balance == settled_gain.quote_balance_after
            # Local health still equals the program's after settlement.
            context = await taker.get_health_context()
            view = await taker.margin.simulate_health(ComputeHealthParams())
            assert (context.health().init, context.health().maint) == (
                view.init_health,
                view.maint_health,
            )
        finally:
            await admin.send(
                admin.oracles.update(
                    UpdateOracleParams(kairos_setup.perp_oracle, 100_000_000, 20_000)
                )
            )


async def test_stale_oracle_is_reported_by_program_and_sdk(kairos_setup: Setup) -> None:
    cluster = kairos_setup.cluster
    trader = await new_trader(kairos_setup, quote=100 * 10**6)
    async with kairos_setup.client() as admin, trader:
        await trader.send(
            trader.orders.place(
                PlaceOrderParams(kairos_setup.market_index, Side.BID, PRICE_100 // 2, 1)
            )
        )
        slot = await admin.get_slot()
        cluster.warp_slot(slot + 200_000)
        try:
            with pytest.raises(errors.StaleOracle):
                await trader.send(
                    trader.orders.place(
                        PlaceOrderParams(kairos_setup.market_index, Side.BID, PRICE_100 // 2, 1)
                    )
                )
            with pytest.raises(errors.StaleOracle):
                (await trader.get_health_context()).health()
        finally:
            await admin.send(
                admin.oracles.update(
                    UpdateOracleParams(kairos_setup.base_oracle, 20_000_000, 10_000)
                )
            )
            await admin.send(
                admin.oracles.update(
                    UpdateOracleParams(kairos_setup.perp_oracle, 100_000_000, 20_000)
                )
            )
        await trader.send(
            trader.orders.place(
                PlaceOrderParams(kairos_setup.market_index, Side.BID, PRICE_100 // 2, 1)
            )
        )


# --- local health against the program on random states ----------------------------------------


def _program_account(data: bytes) -> Account:
    return Account(lamports=10**9, data=data, owner=PROGRAM_ID, executable=False)


async def test_random_states_match_the_program(kairos_setup: Setup) -> None:
    """Random margin accounts written into the embedded ledger: SDK health == compute_health."""
    cluster = kairos_setup.cluster
    if not cluster.can_warp:
        pytest.skip("writing accounts needs the embedded localnet")
    rng = random.Random(20_240_601)
    async with kairos_setup.client() as client:
        slot = await client.get_slot()
        compared = 0
        for example in range(40):
            writes: list[tuple[Pubkey, bytes]] = []
            oracles: list[Pubkey] = []
            for _ in range(3):
                key = Pubkey.new_unique()
                price = rng.choice([1, 7, 10**6, 123_456_789, 10**12])
                oracle = f.oracle(
                    price, rng.randint(0, price // 50), rng.randint(-12, 2), publish_slot=slot
                )
                writes.append((key, oracle.encode()))
                oracles.append(key)
            base_index = 100 + 10 * example
            collateral = []
            for i in range(rng.randint(0, 3)):
                mint = Pubkey.new_unique()
                init_w = rng.randint(0, 10_000)
                asset = f.asset(
                    base_index + i,
                    rng.choice(oracles),
                    decimals=rng.randint(0, 12),
                    init_weight=init_w,
                    maint_weight=rng.randint(init_w, 10_000),
                    max_staleness=10**6,
                    mint=mint,
                )
                writes.append((collateral_asset_address(mint), asset.encode()))
                collateral.append(f.holding(base_index + i, rng.randint(1, 10**13)))
            perps = []
            for i in range(rng.randint(0, 3)):
                maint = rng.randint(0, 5_000)
                market = f.market(
                    base_index + i,
                    rng.choice(oracles),
                    base_lot_size=rng.choice([1, 1000, 10**7]),
                    base_decimals=rng.randint(0, 12),
                    init_margin=rng.randint(maint + 1, 10_000),
                    maint_margin=maint,
                    init_pnl_weight=rng.randint(0, 10_000),
                    max_staleness=10**6,
                )
                writes.append((perp_market_address(base_index + i), market.encode()))
                perps.append(
                    f.perp(
                        base_index + i,
                        rng.randint(-(10**6), 10**6),
                        rng.randint(-(10**12), 10**12),
                        bids_base_lots=rng.randint(0, 10**5),
                        bids_quote=rng.randint(0, 10**11),
                        asks_base_lots=rng.randint(0, 10**5),
                        asks_quote=rng.randint(0, 10**11),
                    )
                )
            account = f.margin_account(rng.randint(-(10**12), 10**12), collateral, perps)
            address = Pubkey.new_unique()
            writes.append((address, account.encode()))

            def write(ledger: Any, items: list[tuple[Pubkey, bytes]] = writes) -> None:
                for key, data in items:
                    ledger.set_account(key, _program_account(data))

            cluster.call(write)
            try:
                local: Any = (await client.get_health_context(address=address)).health()
                local = (local.init, local.maint)
            except errors.ProgramError as exc:
                local = exc.name
            try:
                view = await client.margin.simulate_health(ComputeHealthParams(address=address))
                program: Any = (view.init_health, view.maint_health)
            except errors.ProgramError as exc:
                program = exc.name
            assert local == program, f"example {example}"
            compared += isinstance(local, tuple)
        assert compared >= 20


# --- the CLI against the cluster ------------------------------------------------------------------


def test_cli_against_the_cluster(kairos_setup: Setup, tmp_path: Path) -> None:
    # Synchronous: each CLI command runs its own event loop, as from a shell.
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

    placed = run("order", "place", "SOL-PERP", "buy", "0.5", "--price", "50", "--client-id", "5")
    assert placed["base_lots"] == 50 and placed["events"][0]["event"] == "OrderPlaced"
    report = run("account", "show")
    assert report["quote_balance"] == 1_000 * 10**6
    assert any(o["client_order_id"] == 5 for o in report["open_orders"])
    health = run("account", "health")
    assert health["program"] == health["local"]
    book = run("market", "book", "0", "--l3")
    assert any(o["client_order_id"] == 5 for o in book["bids"])
    exchange = run("exchange", "show")
    assert exchange["quote_mint"] == str(kairos_setup.quote_mint)
    refused = runner.invoke(
        app, [*base, "account", "withdraw", str(kairos_setup.quote_mint), "5000"]
    )
    assert refused.exit_code == 1
    assert json.loads(refused.output)["error"]["name"] == "InsufficientBalance"


async def test_identical_sends_in_one_slot_each_execute(kairos_setup: Setup) -> None:
    """Two equal deposits back to back are two deposits, even under one blockhash."""
    trader = await new_trader(kairos_setup, quote=10 * 10**6)
    async with kairos_setup.client() as admin:
        wallet_tokens = get_associated_token_address(trader.authority, kairos_setup.quote_mint)
        await admin.tokens.mint_to(kairos_setup.quote_mint, wallet_tokens, 2 * 10**6)
    async with trader:
        before = (await trader.get_margin_account()).quote_balance
        first, second = await asyncio.gather(
            trader.send(trader.margin.deposit(DepositParams(kairos_setup.quote_mint, 10**6))),
            trader.send(trader.margin.deposit(DepositParams(kairos_setup.quote_mint, 10**6))),
        )
        assert first != second
        assert (await trader.get_margin_account()).quote_balance == before + 2 * 10**6


def test_market_order_rules_through_sdk_and_cli(kairos_setup: Setup, tmp_path: Path) -> None:
    """Issue 11: the admin tightens the bands and the resting size (SDK), orders
    outside them are refused with named errors, and the CLI restores them."""
    index = kairos_setup.market_index

    async def tighten_and_try() -> tuple[int, int, int]:
        async with kairos_setup.client() as admin, await new_trader(kairos_setup) as trader:
            before = await admin.get_perp_market(index)
            await admin.send(
                admin.admin.set_market_order_rules(
                    SetMarketOrderRulesParams(index, 1_000, 2_000, 2)
                )
            )
            market = await admin.get_perp_market(index)
            assert (market.fill_band_bps, market.rest_band_bps, market.min_rest_lots) == (
                1_000,
                2_000,
                2,
            )
            with pytest.raises(errors.PriceOutsideBand):  # 30 % below the oracle
                await trader.send(
                    trader.orders.place(PlaceOrderParams(index, Side.BID, PRICE_100 * 7 // 10, 2))
                )
            with pytest.raises(errors.RestingOrderTooSmall):
                await trader.send(
                    trader.orders.place(PlaceOrderParams(index, Side.BID, PRICE_100 * 9 // 10, 1))
                )
            with pytest.raises(errors.InvalidPriceBands):
                await admin.send(
                    admin.admin.set_market_order_rules(
                        SetMarketOrderRulesParams(index, 3_000, 2_000, 2)
                    )
                )
            return before.fill_band_bps, before.rest_band_bps, before.min_rest_lots

    fill, rest, min_rest = asyncio.run(tighten_and_try())
    keypair_file = save_keypair(kairos_setup.admin, tmp_path / "admin.json")
    result = CliRunner().invoke(
        app,
        [
            "--url", kairos_setup.cluster.rpc_url, "--keypair", str(keypair_file),
            "--config", str(tmp_path / "none.toml"), "--json",
            "market", "rules", str(index),
            "--fill-band-bps", str(fill), "--rest-band-bps", str(rest),
            "--min-rest-lots", str(min_rest),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["events"][0]["event"] == "MarketOrderRulesSet"

    async def restored() -> tuple[int, int, int]:
        async with kairos_setup.client() as admin:
            market = await admin.get_perp_market(index)
            return market.fill_band_bps, market.rest_band_bps, market.min_rest_lots

    assert asyncio.run(restored()) == (fill, rest, min_rest)
