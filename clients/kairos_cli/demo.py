"""The scripted demo behind README's first command (`python -m kairos_cli demo`).

It builds the program from C, starts the embedded localnet (which deploys it
through the upgradeable loader), and runs a whole trading session through the
SDK over JSON-RPC: an exchange with a quote currency and two collateral tokens,
two perp markets with oracles, a maker quoting, a taker crossing the book, the
crank settling the makers, prices moving, PnL settled, withdrawals that pass and
one that would break health refused by the program.

Every number printed comes from the chain (decoded accounts, events, compute
units of the landed transactions); the closing checks recompute health locally
and compare it with the program's own `compute_health`, and check that each
vault holds exactly what the program owes.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Annotated

import httpx
import typer
from kairos import errors
from kairos.client import KairosClient, PerpMarketParams, TxResult
from kairos.constants import OrderType, Side
from kairos.events import BorrowInterestAccrued, events_of_type
from kairos.math.borrow import pending_interest
from kairos.math.orderbook import MarketUnits
from kairos.params import (
    AccrueBorrowInterestParams,
    AddCollateralAssetParams,
    ComputeHealthParams,
    ConsumeEventsParams,
    CreateMarginAccountParams,
    CreateOracleParams,
    CreateRiskLimitsParams,
    DepositParams,
    InitializeExchangeParams,
    PlaceOrderParams,
    PublishRiskParams,
    SetBorrowRateParams,
    SetLiquidationParams,
    SetPerpLiquidationFeeParams,
    SetRiskFactorsParams,
    SettlePnlParams,
    UpdateOracleParams,
    WithdrawParams,
)
from kairos.risk import MAX_RISK_FACTORS, correlation_to_bps, limit_values
from rich.console import Console
from rich.table import Table
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature

from kairos_cli.common import app
from kairos_cli.risk import chain_metrics, metrics_table

LAMPORTS_PER_SOL = 1_000_000_000
QUOTE_DECIMALS = 6
PRICE_EXPONENT = -6
# Oracles stay valid for this many slots; the demo refreshes them as prices move.
STALENESS_SLOTS = 1_500
KEEPER_REWARD_LAMPORTS = 5_000
SLOT_SECONDS = 0.4
THIRTY_DAYS = 30 * 24 * 3600
# Risk parameters the demo's admin publishes (volatility in ppm of price per day).
SOL_DAILY_VOL_PPM = 50_000
BTC_DAILY_VOL_PPM = 30_000
SOL_BTC_CORRELATION = 0.6


LIQUIDATION_TIMEOUT_SECONDS = 30


@dataclass
class Asset:
    """A token of the demo with its oracle (None for the quote currency)."""

    symbol: str
    decimals: int
    mint: Pubkey
    oracle: Pubkey | None = None


@dataclass
class Market:
    """A perp market of the demo."""

    name: str
    index: int
    units: MarketUnits
    oracle: Pubkey


@dataclass
class Ledger:
    """What the demo did: compute units per instruction, for the closing table."""

    compute_units: dict[str, list[int]] = field(default_factory=dict)


def _human(amount: int, decimals: int) -> str:
    return f"{Decimal(amount).scaleb(-decimals):,.{min(decimals, 4)}f}"


def _oracle_price(price: Decimal) -> int:
    return int(price.scaleb(-PRICE_EXPONENT))


class _DemoSession:
    """The scripted session; each step prints what it did."""

    def __init__(self, rpc_url: str, console: Console) -> None:
        self.rpc_url = rpc_url
        self.console = console
        self.admin = Keypair()
        self.maker_wallet = Keypair()
        self.taker_wallet = Keypair()
        self.ledger = Ledger()
        self.assets: dict[str, Asset] = {}
        self.markets: dict[str, Market] = {}

    def client(self, wallet: Keypair) -> KairosClient:
        return KairosClient(self.rpc_url, wallet, confirm_poll_seconds=0.05)

    def record(self, name: str, result: TxResult) -> Signature:
        """Remember the compute units the landed transaction consumed; its signature."""
        if result.compute_units is not None:
            self.ledger.compute_units.setdefault(name, []).append(result.compute_units)
        return result.signature

    async def place(
        self,
        client: KairosClient,
        name: str,
        market: Market,
        side: Side,
        price: str,
        lots: int,
        order_type: OrderType = OrderType.LIMIT,
    ) -> Signature:
        """Send one order (``price`` in quote per base unit), recorded under ``name``."""
        params = PlaceOrderParams(
            market.index, side, self._price(market, price), lots, order_type=order_type
        )
        return self.record(name, await client.send(client.orders.place(params)))

    def step(self, title: str) -> None:
        self.console.rule(f"[bold cyan]{title}")

    async def run(self) -> None:
        admin = self.client(self.admin)
        maker = self.client(self.maker_wallet)
        taker = self.client(self.taker_wallet)
        async with admin, maker, taker:
            await self.set_up_exchange(admin)
            await self.set_up_markets(admin)
            await self.fund_traders(admin, maker, taker)
            await self.quote_and_cross(maker, taker)
            await self.crank(taker)
            await self.move_prices_and_settle(admin, maker, taker)
            await self.withdrawals(taker)
            await self.borrowing(admin, maker)
            await self.liquidation(admin)
            await self.risk_limits(admin)
            await self.closing_checks(admin, maker, taker)

    # --- the steps -------------------------------------------------------------------

    async def set_up_exchange(self, admin: KairosClient) -> None:
        self.step("1. Exchange, quote currency and collateral")
        await admin.tokens.airdrop(100 * LAMPORTS_PER_SOL)
        usdc = Asset(
            "USDC",
            QUOTE_DECIMALS,
            await admin.tokens.create_mint(QUOTE_DECIMALS),
        )
        sol = Asset("wSOL", 9, await admin.tokens.create_mint(9))
        btc = Asset("wBTC", 8, await admin.tokens.create_mint(8))
        self.assets = {a.symbol: a for a in (usdc, sol, btc)}
        self.record(
            "initialize_exchange",
            await admin.send(
                admin.admin.initialize_exchange(
                    InitializeExchangeParams(usdc.mint, KEEPER_REWARD_LAMPORTS)
                )
            ),
        )
        for seed, (asset, price) in enumerate(((sol, "150"), (btc, "60000")), start=1):
            self.record(
                "create_oracle",
                await admin.send(
                    admin.oracles.create(
                        CreateOracleParams(
                            seed,
                            _oracle_price(Decimal(price)),
                            _oracle_price(Decimal("0.05")),
                            PRICE_EXPONENT,
                        )
                    )
                ),
            )
            asset.oracle = admin.oracle_address(seed)
            self.record(
                "add_collateral_asset",
                await admin.send(
                    admin.admin.add_collateral_asset(
                        AddCollateralAssetParams(
                            asset.mint,
                            asset.oracle,
                            max_staleness_slots=STALENESS_SLOTS,
                            init_asset_weight_bps=8_000,
                            maint_asset_weight_bps=9_000,
                        )
                    )
                ),
            )
        table = Table("asset", "mint", "decimals", "oracle price", "init / maint weight")
        table.add_row("USDC (quote)", str(usdc.mint), "6", "1 (by definition)", "100% / 100%")
        table.add_row("wSOL", str(sol.mint), "9", "150.00", "80% / 90%")
        table.add_row("wBTC", str(btc.mint), "8", "60,000.00", "80% / 90%")
        self.console.print(table)

    async def set_up_markets(self, admin: KairosClient) -> None:
        self.step("2. Two perp markets with their oracles")
        specs = (
            ("SOL-PERP", "wSOL", 9, 10**7, 100),  # lot 0.01 SOL, tick 0.01 USDC/SOL
            ("BTC-PERP", "wBTC", 8, 10**4, 100),  # lot 0.0001 BTC, tick 1 USDC/BTC
        )
        table = Table("market", "index", "lot", "tick (per unit)", "margin init / maint", "fees")
        for name, symbol, decimals, lot, tick in specs:
            oracle = self.assets[symbol].oracle
            assert oracle is not None
            setup = await admin.admin.create_perp_market(
                PerpMarketParams(
                    name=name,
                    oracle=oracle,
                    base_lot_size=lot,
                    tick_size=tick,
                    base_decimals=decimals,
                    max_staleness_slots=STALENESS_SLOTS,
                    init_margin_bps=1_000,
                    maint_margin_bps=500,
                    taker_fee_bps=5,
                    maker_fee_bps=-1,
                )
            )
            self.record("create_perp_market", await admin.send(setup))
            units = MarketUnits(lot, tick, decimals, QUOTE_DECIMALS)
            self.markets[name] = Market(name, setup.market_index, units, oracle)
            table.add_row(
                name,
                str(setup.market_index),
                f"{units.lots_to_decimal(1)} {symbol}",
                f"{units.price_to_decimal(tick)} USDC",
                "10% / 5%",
                "taker 5 bps, maker -1 bp",
            )
        self.console.print(table)

    async def fund_traders(
        self, admin: KairosClient, maker: KairosClient, taker: KairosClient
    ) -> None:
        self.step("3. Two traders open margin accounts and deposit")
        deposits = {
            "maker": (maker, {"USDC": 50_000 * 10**6, "wSOL": 10 * 10**9}),
            "taker": (taker, {"USDC": 5_000 * 10**6, "wBTC": 10**7}),
        }
        table = Table("trader", "deposits", "margin account")
        for role, (client, amounts) in deposits.items():
            await admin.tokens.airdrop(10 * LAMPORTS_PER_SOL, client.authority)
            self.record(
                "create_margin_account",
                await client.send(client.margin.create(CreateMarginAccountParams())),
            )
            for symbol, amount in amounts.items():
                asset = self.assets[symbol]
                account = await admin.tokens.create_associated_token_account(
                    asset.mint, client.authority
                )
                await admin.tokens.mint_to(asset.mint, account, amount)
                self.record(
                    "deposit",
                    await client.send(client.margin.deposit(DepositParams(asset.mint, amount))),
                )
            table.add_row(
                role,
                ", ".join(f"{_human(a, self.assets[s].decimals)} {s}" for s, a in amounts.items()),
                str(client.margin_account_address()),
            )
        self.console.print(table)

    async def quote_and_cross(self, maker: KairosClient, taker: KairosClient) -> None:
        self.step("4. The maker quotes; the taker crosses the book")
        sol, btc = self.markets["SOL-PERP"], self.markets["BTC-PERP"]
        quotes = (
            (sol, Side.BID, "149.50", "2"),
            (sol, Side.BID, "149.00", "2"),
            (sol, Side.ASK, "150.50", "2"),
            (sol, Side.ASK, "151.00", "2"),
            (btc, Side.BID, "59900", "0.05"),
            (btc, Side.ASK, "60100", "0.05"),
        )
        for market, side, price, size in quotes:
            await self.place(
                maker,
                "place_order (resting limit)",
                market,
                side,
                price,
                market.units.decimal_to_lots(Decimal(size)),
            )
        await self.print_book(maker, sol)

        # 3 SOL at market crosses both ask levels (2 @ 150.50, 1 @ 151.00).
        signature = await self.place(
            taker,
            "place_order (market, 2 makers)",
            sol,
            Side.BID,
            "151.50",
            sol.units.decimal_to_lots(Decimal(3)),
            OrderType.MARKET,
        )
        await self.print_fills(taker, signature, sol)
        signature = await self.place(
            taker,
            "place_order (market, 1 maker)",
            btc,
            Side.ASK,
            "59000",
            btc.units.decimal_to_lots(Decimal("0.02")),
            OrderType.MARKET,
        )
        await self.print_fills(taker, signature, btc)
        await self.print_book(maker, sol)

    async def crank(self, cranker: KairosClient) -> None:
        self.step("5. The crank applies the queued maker fills (consume_events)")
        for market in self.markets.values():
            queue = await cranker.get_event_queue(market.index)
            pending = len(queue.pending())
            self.record(
                "consume_events",
                await cranker.send(
                    cranker.orders.consume_events(ConsumeEventsParams(market.index))
                ),
            )
            self.console.print(
                f"{market.name}: {pending} fill event(s) applied to makers; "
                f"the cranker earned {pending * KEEPER_REWARD_LAMPORTS} lamports"
            )

    async def move_prices_and_settle(
        self, admin: KairosClient, maker: KairosClient, taker: KairosClient
    ) -> None:
        self.step("6. Prices move (SOL 150 → 160, BTC 60,000 → 58,000); PnL is settled")
        for symbol, price in (("wSOL", "160"), ("wBTC", "58000")):
            oracle = self.assets[symbol].oracle
            assert oracle is not None
            self.record(
                "update_oracle",
                await admin.send(
                    admin.oracles.update(
                        UpdateOracleParams(
                            oracle, _oracle_price(Decimal(price)), _oracle_price(Decimal("0.05"))
                        )
                    )
                ),
            )
        await self.print_accounts(maker, taker, "before settlement")
        # Two passes: a profit can only be paid from what losses have put into the
        # market's PnL pool, so winners settled before the losers are topped up in
        # the second pass. A new slot (so a new blockhash) separates the passes:
        # an identical transaction under the same blockhash is a duplicate.
        for client in (maker, taker):
            for market in self.markets.values():
                self.record(
                    "settle_pnl",
                    await client.send(client.margin.settle_pnl(SettlePnlParams(market.index))),
                )
        await asyncio.sleep(SLOT_SECONDS * 1.5)
        for client in (maker, taker):
            for market in self.markets.values():
                self.record(
                    "settle_pnl",
                    await client.send(client.margin.settle_pnl(SettlePnlParams(market.index))),
                )
        await self.print_accounts(maker, taker, "after settlement")

    async def withdrawals(self, taker: KairosClient) -> None:
        self.step("7. Withdrawals: within health they pass; one that would break it is refused")
        usdc, btc = self.assets["USDC"], self.assets["wBTC"]
        self.record(
            "withdraw",
            await taker.send(taker.margin.withdraw(WithdrawParams(usdc.mint, 1_000 * 10**6))),
        )
        self.console.print("taker withdrew 1,000.00 USDC [green]✓[/]")
        # Leave 50 USDC: the positions' margin now leans on the wBTC collateral.
        balance = (await taker.get_margin_account()).quote_balance
        self.record(
            "withdraw",
            await taker.send(
                taker.margin.withdraw(WithdrawParams(usdc.mint, balance - 50 * 10**6))
            ),
        )
        self.console.print(
            f"taker withdrew {_human(balance - 50 * 10**6, QUOTE_DECIMALS)} USDC more [green]✓[/]"
        )
        btc_index = (await taker.get_collateral_asset(btc.mint)).index
        deposited = (await taker.get_margin_account()).collateral_position(btc_index)
        assert deposited is not None
        try:
            await taker.send(taker.margin.withdraw(WithdrawParams(btc.mint, deposited.amount)))
        except errors.InsufficientHealth as refused:
            self.console.print(
                f"taker tried to withdraw all {_human(deposited.amount, btc.decimals)} wBTC: "
                f"[red]refused[/] by the program: {refused.__class__.__name__} "
                f"({refused.code}): {refused.message}"
            )
        else:  # pragma: no cover - the demo's own check
            raise AssertionError("a withdrawal breaking initial health was accepted")
        most = (await taker.get_health_context()).max_withdrawable(btc_index)
        self.record(
            "withdraw", await taker.send(taker.margin.withdraw(WithdrawParams(btc.mint, most)))
        )
        health = (await taker.get_health_context()).health()
        self.console.print(
            f"the SDK's max withdrawable, {_human(most, btc.decimals)} wBTC, passes "
            f"[green]✓[/] (initial health after: {_human(health.init, QUOTE_DECIMALS)} USDC)"
        )

    async def borrowing(self, admin: KairosClient, maker: KairosClient) -> None:
        self.step("8. Borrowing: a loss beyond the quote balance pays interest (utilization curve)")
        sol, usdc = self.markets["SOL-PERP"], self.assets["USDC"]
        curve = SetBorrowRateParams(500, 2_000, 10_000, 8_000)
        self.record(
            "set_borrow_rate_params", await admin.send(admin.admin.set_borrow_rate_params(curve))
        )
        self.console.print("admin: borrow rate 5% at 0% utilization → 20% at 80% → 100% at 100%")
        # The maker keeps 5 USDC; its 10 wSOL stay as collateral.
        balance = (await maker.get_margin_account()).quote_balance
        self.record(
            "withdraw",
            await maker.send(maker.margin.withdraw(WithdrawParams(usdc.mint, balance - 5 * 10**6))),
        )
        await self._publish(admin, {"wSOL": "170", "wBTC": "58000"})
        self.record(
            "settle_pnl", await maker.send(maker.margin.settle_pnl(SettlePnlParams(sol.index)))
        )
        account = await maker.get_margin_account()
        borrow = await admin.borrow.state()
        self.console.print(
            f"SOL 160 → 170: the maker's short loses 30 USDC; settled, its quote balance is "
            f"{_human(account.quote_balance, QUOTE_DECIMALS)} USDC: a borrow of "
            f"{_human(account.borrow_principal, QUOTE_DECIMALS)} against its wSOL "
            f"(utilization {borrow.utilization_bps / 100:.2f}%, rate "
            f"{borrow.borrow_rate_bps / 100:.2f}% a year)"
        )
        if not await self._warp_seconds(THIRTY_DAYS):
            self.console.print("(no kairosWarp on this cluster: interest accrues in real time)")
        await self._publish(admin, {"wSOL": "170", "wBTC": "58000"})
        context = await maker.get_health_context()
        owed = context.breakdown().quote_balance
        margin_key = maker.margin_account_address()
        signature = self.record(
            "accrue_borrow_interest",
            await admin.send(
                admin.borrow.accrue_interest(AccrueBorrowInterestParams([margin_key]))
            ),
        )
        accrued = events_of_type(
            await admin.get_transaction_events(signature), BorrowInterestAccrued
        )[0]
        # The clock runs on between the two reads: the SDK's figure at the index the
        # program rolled to must be the program's, to the unit.
        expected = pending_interest(context.account, accrued.borrow_index)
        agrees = accrued.interest == expected
        self.console.print(
            f"30 days later health already counts the interest (quote "
            f"{_human(owed, QUOTE_DECIMALS)} USDC); accrue_borrow_interest charges "
            f"{_human(accrued.interest, QUOTE_DECIMALS)} USDC (index {accrued.borrow_index:,}) "
            f"to the insurance fund {'[green]= SDK[/]' if agrees else '[red]≠ SDK[/]'}"
        )
        if not agrees:
            raise AssertionError(f"interest {accrued.interest} differs from the SDK's {expected}")
        self.record(
            "deposit", await maker.send(maker.margin.deposit(DepositParams(usdc.mint, 50 * 10**6)))
        )
        account = await maker.get_margin_account()
        self.console.print(
            f"the maker deposits 50 USDC: the borrow is repaid (quote balance "
            f"{_human(account.quote_balance, QUOTE_DECIMALS)}, principal "
            f"{account.borrow_principal}) [green]✓[/]"
        )

    async def liquidation(self, admin: KairosClient) -> None:
        self.step("9. A crash: the liquidator keeper takes part of an under-margined position")
        sol = self.markets["SOL-PERP"]
        self.record(
            "set_liquidation_params",
            await admin.send(
                admin.admin.set_liquidation_params(SetLiquidationParams(0, 5_000, 2_000))
            ),
        )
        self.record(
            "set_perp_liquidation_fee",
            await admin.send(
                admin.admin.set_perp_liquidation_fee(SetPerpLiquidationFeeParams(sol.index, 100))
            ),
        )
        self.console.print(
            "admin: liquidate back to maintenance health + 50% of the maintenance margin; "
            "1% liquidation fee on SOL-PERP, 20% of it to the insurance fund"
        )
        dealer, victim, liquidator = Keypair(), Keypair(), Keypair()
        for wallet, amount in ((dealer, 20_000), (victim, 200), (liquidator, 5_000)):
            await self._fund(admin, wallet, amount * 10**6)
        ten_sol = sol.units.decimal_to_lots(Decimal(10))
        async with self.client(dealer) as client:
            await self.place(
                client, "place_order (resting limit)", sol, Side.ASK, "170.50", ten_sol
            )
        async with self.client(victim) as client:
            await self.place(
                client,
                "place_order (market, 1 maker)",
                sol,
                Side.BID,
                "171",
                ten_sol,
                OrderType.MARKET,
            )
            self.record(
                "consume_events",
                await client.send(client.orders.consume_events(ConsumeEventsParams(sol.index))),
            )
            before = (await client.get_health_context()).breakdown()
            self.console.print(
                f"a trader with 200 USDC buys 10 SOL at 170.50: maintenance health "
                f"{_human(before.maint, QUOTE_DECIMALS)} USDC"
            )
            await self._publish(admin, {"wSOL": "155", "wBTC": "58000"})
            crashed = (await client.get_health_context()).breakdown()
            self.console.print(
                f"SOL 170 → 155: maintenance health {_human(crashed.maint, QUOTE_DECIMALS)} "
                f"USDC [red]< 0[/]: liquidatable"
            )
            landed = await self._run_liquidator(liquidator, client.margin_account_address())
            after = (await client.get_health_context()).breakdown()
            account = await client.get_margin_account()
        position = account.perp_position(sol.index)
        left = Decimal(0) if position is None else sol.units.lots_to_decimal(position.base_lots)
        self.console.print(
            f"the liquidator keeper landed {', '.join(landed)}: the trader keeps {left} SOL, "
            f"maintenance health {_human(after.maint, QUOTE_DECIMALS)} USDC (target: half its "
            f"margin requirement, {_human(after.maint_requirement // 2, QUOTE_DECIMALS)}) "
            f"[green]✓[/], flag {'set' if account.being_liquidated else 'cleared'}"
        )
        if after.maint < 0 or account.being_liquidated:
            raise AssertionError(f"the liquidation did not restore the account: {after}")

    async def _fund(self, admin: KairosClient, wallet: Keypair, quote: int) -> None:
        """SOL for fees, a margin account and `quote` USDC deposited."""
        usdc = self.assets["USDC"]
        await admin.tokens.airdrop(10 * LAMPORTS_PER_SOL, wallet.pubkey())
        account = await admin.tokens.create_associated_token_account(usdc.mint, wallet.pubkey())
        await admin.tokens.mint_to(usdc.mint, account, quote)
        async with self.client(wallet) as client:
            self.record(
                "create_margin_account",
                await client.send(client.margin.create(CreateMarginAccountParams())),
            )
            self.record(
                "deposit", await client.send(client.margin.deposit(DepositParams(usdc.mint, quote)))
            )

    async def _run_liquidator(self, wallet: Keypair, victim: Pubkey) -> list[str]:
        """Run the liquidator keeper in this process until the victim is back above target."""
        from kairos_keepers.config import KeeperConfig
        from kairos_keepers.keepers.liquidator import LiquidatorKeeper
        from kairos_keepers.lifecycle import KeeperRuntime

        config = KeeperConfig(
            rpc_url=self.rpc_url,
            ws_url=self.rpc_url.replace("http", "ws", 1),
            poll_interval=0.1,
            rpc_tier="localnet",
            metrics_enabled=False,
            confirm_poll_interval=0.05,
        )
        runtime = KeeperRuntime(
            LiquidatorKeeper, config, payer=wallet, install_signal_handlers=False
        )
        task = asyncio.create_task(runtime.run())
        try:
            deadline = asyncio.get_running_loop().time() + LIQUIDATION_TIMEOUT_SECONDS
            async with self.client(wallet) as client:
                while True:
                    keeper = runtime.keeper
                    account = await client.get_margin_account_at(victim)
                    landed = keeper.landed if isinstance(keeper, LiquidatorKeeper) else []
                    if landed and not account.being_liquidated:
                        return [action for action, _, _ in landed]
                    if asyncio.get_running_loop().time() > deadline:
                        raise AssertionError("the liquidator keeper did not act in time")
                    await asyncio.sleep(0.1)
        finally:
            runtime.request_stop("demo step over")
            await task

    async def _publish(self, admin: KairosClient, prices: dict[str, str]) -> None:
        for symbol, price in prices.items():
            oracle = self.assets[symbol].oracle
            assert oracle is not None
            self.record(
                "update_oracle",
                await admin.send(
                    admin.oracles.update(
                        UpdateOracleParams(
                            oracle, _oracle_price(Decimal(price)), _oracle_price(Decimal("0.05"))
                        )
                    )
                ),
            )

    async def _warp_seconds(self, seconds: int) -> bool:
        """Move a Kairos localnet's clock on (``kairosWarp``); False elsewhere."""
        async with httpx.AsyncClient() as http:
            response = await http.post(
                self.rpc_url,
                json={"jsonrpc": "2.0", "id": 1, "method": "kairosWarp",
                      "params": [{"seconds": seconds}]},
            )  # fmt: skip
        return response.is_success and "error" not in response.json()

    async def risk_limits(self, admin: KairosClient) -> None:
        self.step("10. Risk limits: a trader caps leverage and VaR; the program refuses more")
        sol, btc = self.markets["SOL-PERP"], self.markets["BTC-PERP"]
        # The risk factors are the markets' oracles (wSOL and wBTC collateral share them);
        # the admin publishes their daily volatilities and correlation (the `risk` keeper
        # computes and publishes these from oracle history in production).
        for name, ixs in (
            ("initialize_risk_parameters", [admin.risk.initialize_risk_parameters()]),
            (
                "set_risk_factors",
                [
                    admin.risk.set_risk_factors(
                        SetRiskFactorsParams(
                            [
                                admin.perp_market_address(sol.index),
                                admin.perp_market_address(btc.index),
                            ]
                        )
                    )
                ],
            ),
            (
                "publish_risk_params",
                [
                    admin.risk.publish_risk_params(
                        PublishRiskParams(
                            [SOL_DAILY_VOL_PPM, BTC_DAILY_VOL_PPM] + [0] * (MAX_RISK_FACTORS - 2),
                            correlation_to_bps(
                                [[1, SOL_BTC_CORRELATION], [SOL_BTC_CORRELATION, 1]]
                            ),
                            max_staleness_slots=STALENESS_SLOTS * 100,
                            half_life_seconds=6 * 3600,
                            factor_count=2,
                        )
                    )
                ],
            ),
        ):
            self.record(name, await admin.send(*ixs))
        self.console.print(
            f"risk factors SOL, BTC: daily volatility {SOL_DAILY_VOL_PPM / 10_000:g}% and "
            f"{BTC_DAILY_VOL_PPM / 10_000:g}%, correlation {SOL_BTC_CORRELATION:g}"
        )
        trader = Keypair()
        await self._fund(admin, trader, 1_000 * 10**6)
        active = limit_values(max_leverage_bps=20_000, max_var_bps=1_500)
        async with self.client(trader) as client:
            self.record(
                "create_risk_limits",
                await client.send(client.risk.create_risk_limits(CreateRiskLimitsParams(active))),
            )
            self.console.print(
                "trader (1,000 USDC): leverage at most 2x, 1-day 99% VaR at most 15% of equity"
            )
            bid = self._price(sol, "150")
            five_sol = sol.units.decimal_to_lots(Decimal(5))
            self.record(
                "place_order (resting limit, risk limits)",
                await client.send(
                    client.orders.place(PlaceOrderParams(sol.index, Side.BID, bid, five_sol))
                ),
            )
            self.console.print("bid 5 SOL at 150, within both limits: placed [green]✓[/]")
            try:
                await client.send(
                    client.orders.place(PlaceOrderParams(sol.index, Side.BID, bid, 2 * five_sol))
                )
            except errors.KairosProgramError as refused:
                self.console.print(
                    f"bid 10 SOL more, past 2x: [red]refused[/] by the program: "
                    f"{refused.name} ({refused.code}): {refused.message}"
                )
            else:  # pragma: no cover - the demo's own check
                raise AssertionError("an order beyond the leverage limit was accepted")
            metrics = await chain_metrics(client, client.margin_account_address())
            self.console.print(metrics_table("compute_risk: metrics and headroom", metrics, active))

    async def closing_checks(
        self, admin: KairosClient, maker: KairosClient, taker: KairosClient
    ) -> None:
        self.step("11. Checks: local health = program's compute_health; vaults = what is owed")
        for role, client in (("maker", maker), ("taker", taker)):
            local = (await client.get_health_context()).health()
            on_chain = await client.margin.simulate_health(ComputeHealthParams())
            same = (local.init, local.maint) == (on_chain.init_health, on_chain.maint_health)
            self.console.print(
                f"{role}: init health {_human(on_chain.init_health, QUOTE_DECIMALS)}, "
                f"maint {_human(on_chain.maint_health, QUOTE_DECIMALS)} USDC — SDK "
                f"{'[green]agrees[/]' if same else '[red]DIFFERS[/]'}"
            )
            if not same:
                raise AssertionError(f"{role}: SDK health {local} != program {on_chain}")
        await self.check_vaults(admin)
        table = Table("instruction", "runs", "compute units (max)")
        for name, units in sorted(self.ledger.compute_units.items()):
            table.add_row(name, str(len(units)), f"{max(units):,}")
        self.console.print(table)

    async def check_vaults(self, admin: KairosClient) -> None:
        """Each vault holds exactly what the program owes (ARCHITECTURE's invariant)."""
        accounts = [account for _, account in await admin.get_all_margin_accounts()]
        markets = list((await admin.get_perp_markets()).values())
        # The insurance fund's share of liquidation fees, and borrow interest, wait
        # in the quote vault until swept.
        insurance_pending = (await admin.get_exchange()).insurance_pending
        for asset in (await admin.get_collateral_assets()).values():
            vault = await admin.get_token_balance(asset.vault)
            if asset.index == 0:
                owed = (
                    sum(a.quote_balance for a in accounts)
                    + sum(m.pnl_pool + m.fees_accrued for m in markets)
                    + insurance_pending
                    + asset.borrow_interest_pending
                )
            else:
                owed = sum(
                    p.amount
                    for a in accounts
                    for p in a.active_collateral()
                    if p.asset_index == asset.index
                )
            symbol = next(a.symbol for a in self.assets.values() if a.mint == asset.mint)
            ok = vault == owed == asset.total_deposits
            self.console.print(
                f"{symbol} vault {_human(vault, asset.decimals)} = owed "
                f"{_human(owed, asset.decimals)} {'[green]✓[/]' if ok else '[red]✗[/]'}"
            )
            if not ok:
                raise AssertionError(f"{symbol} vault {vault} != owed {owed}")

    # --- printing --------------------------------------------------------------------

    def _price(self, market: Market, price: str) -> int:
        return market.units.decimal_to_price(Decimal(price))

    async def print_book(self, client: KairosClient, market: Market) -> None:
        view = await client.get_orderbook_view(market.index)
        table = Table("side", "price", "size", title=f"{market.name} book")
        for level in reversed(view.l2(Side.ASK)):
            table.add_row(
                "[red]ask",
                f"{market.units.price_to_decimal(level.price):,.2f}",
                f"{market.units.lots_to_decimal(level.base_lots)}",
            )
        for level in view.l2(Side.BID):
            table.add_row(
                "[green]bid",
                f"{market.units.price_to_decimal(level.price):,.2f}",
                f"{market.units.lots_to_decimal(level.base_lots)}",
            )
        self.console.print(table)

    async def print_fills(self, client: KairosClient, signature: Signature, market: Market) -> None:
        from kairos.events import OrderFilled, OrderPlaced, events_of_type

        events = await client.get_transaction_events(signature)
        for fill in events_of_type(events, OrderFilled):
            self.console.print(
                f"{market.name}: filled {market.units.lots_to_decimal(fill.base_lots)} @ "
                f"{market.units.price_to_decimal(fill.price):,.2f}"
            )
        placed = events_of_type(events, OrderPlaced)[0]
        self.console.print(
            f"  taker fee {_human(placed.taker_fee, QUOTE_DECIMALS)} USDC; "
            f"notional {_human(placed.filled_quote, QUOTE_DECIMALS)} USDC"
        )

    async def print_accounts(self, maker: KairosClient, taker: KairosClient, when: str) -> None:
        table = Table(
            "trader", "quote balance", "positions", "init health", "maint health", title=when
        )
        by_index = {m.index: m for m in self.markets.values()}
        for role, client in (("maker", maker), ("taker", taker)):
            account = await client.get_margin_account()
            health = (await client.get_health_context()).health()
            positions = ", ".join(
                f"{by_index[p.market_index].name} "
                f"{by_index[p.market_index].units.lots_to_decimal(p.base_lots):+}"
                for p in account.active_perp_positions()
            )
            table.add_row(
                role,
                _human(account.quote_balance, QUOTE_DECIMALS),
                positions or "-",
                _human(health.init, QUOTE_DECIMALS),
                _human(health.maint, QUOTE_DECIMALS),
            )
        self.console.print(table)


@contextlib.asynccontextmanager
async def _cluster(rpc_url: str | None, root: Path, console: Console) -> AsyncIterator[str]:
    if rpc_url:
        yield rpc_url
        return
    from kairos_localnet.server import Localnet

    with console.status("building programs/kairos and starting the embedded localnet"):
        net = Localnet(root=root, slot_ms=400)
        await net.__aenter__()
    try:
        so = root / "target" / "deploy" / "kairos.so"
        console.print(
            f"localnet at {net.rpc_url} (PubSub {net.ws_url}); deployed kairos.so "
            f"({so.stat().st_size:,} bytes) through the upgradeable loader"
        )
        yield net.rpc_url
    finally:
        await net.__aexit__(None, None, None)


PIPED_WIDTH = 120
"""Columns of tables and rules when the output is not a terminal."""


def demo_console(file: IO[str] | None = None) -> Console:
    """The demo's console: a sentence is never broken across lines.

    The terminal wraps it, so no line ends in a dangling colon; piped, tables and
    rules are 120 columns wide.
    """
    console = Console(file=file, soft_wrap=True)
    if not console.is_terminal:
        console = Console(file=file, soft_wrap=True, width=PIPED_WIDTH)
    return console


async def run_demo(root: Path, rpc_url: str | None = None, console: Console | None = None) -> None:
    """Run the whole scripted demo (on the embedded localnet unless ``rpc_url``)."""
    console = console or demo_console()
    async with _cluster(rpc_url, root, console) as url:
        await _DemoSession(url, console).run()
    console.rule("[bold green]demo finished")


def main(root: Path, rpc_url: str | None = None) -> None:
    """Blocking entry for the CLI."""
    asyncio.run(run_demo(root, rpc_url))


@app.command()
def demo(
    url: Annotated[
        str | None,
        typer.Option("--url", help="Run against this RPC URL instead of the embedded localnet."),
    ] = None,
    root: Annotated[
        Path | None, typer.Option(help="Repository root with Anchor.toml (default: cwd's).")
    ] = None,
) -> None:
    """Build, deploy and run the scripted trading demo on the embedded localnet."""
    from kairos_toolchain.build import find_repo_root

    main(root or find_repo_root(), url)
