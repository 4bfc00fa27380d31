"""A fast crash with many failing accounts, two liquidator keepers as processes (issue 14).

Three perp markets (SOL, BTC, ETH) and three collateral assets besides the quote
(wSOL, WBTC, WETH, each priced by its market's oracle); four market makers and
``--accounts`` traders (default 36) with seeded multi-market, multi-collateral
portfolios opened against the makers: longs and some shorts, two thirds using 15-60 %
of what initial health allows and a third 80-95 %, some with resting bids. Then every oracle falls
``--drop`` percent (default 35) in five equal steps, one step a slot (400 ms
slots), while two ``kairos keeper run liquidator`` processes share the work
(rendezvous hashing over each other's keys).

It reports, from the chain (transaction history and the program's events):

* liquidatable accounts: those the exact health mirror finds liquidatable at some
  step's prices, from the pre-crash state (the slot of that step's oracle update is
  when it became liquidatable);
* accounts already under water at the step that made them liquidatable (no keeper
  can save those: they crossed maintenance and zero equity within one price step);
* bankrupt ones (a ``BankruptcyResolved`` event, or left with a debt and nothing
  else), against the **baseline**: accounts under water at the final prices with no
  keeper at all (the pre-crash state valued by the health mirror with every weight
  at 1 and every margin at 0);
* slots from liquidatable to the first landed action on the account and to its
  target (the first event that leaves it unflagged), p50 / p95 / max;
* keeper transactions landed and failed on chain (a failed one is a lost race that
  was sent: a duplicate send), against the keepers' own metrics;
* exact conservation after the run: every vault equals the claims on it (quote:
  Σ balances + Σ markets' PnL pools and fees + pending insurance + pending borrow
  interest = total deposits; each asset: Σ amounts = total deposits), the mints'
  supplies are unchanged, and the insurance vault moved by exactly what the
  bankruptcies drew from it.

Usage::

    python benchmarks/liquidation_crash.py [--accounts 36] [--seed 1] [--drop 35]
        [--buffer-bps 5000] [--keepers 2] [--json out.json]

``--drop 60`` is the deep run: bankruptcies are expected, every one must be
resolved and nothing may be left liquidatable (the script exits non-zero
otherwise). The localnet runs in this process; the keepers are subprocesses.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
from kairos import instructions as ix
from kairos import liquidation_plan as plans
from kairos.accounts import CollateralAsset, Exchange, MarginAccount, Oracle, PerpMarket
from kairos.client import KairosClient, PerpMarketParams
from kairos.constants import OrderType, Side
from kairos.events import (
    BankruptcyResolved,
    CollateralLiquidated,
    OrdersForceCancelled,
    PerpLiquidated,
    parse_events,
)
from kairos.math import liquidation as liq
from kairos.math.health import health_breakdown
from kairos.params import (
    AddCollateralAssetParams,
    ConsumeEventsParams,
    CreateMarginAccountParams,
    CreateOracleParams,
    DepositParams,
    InitializeExchangeParams,
    PlaceOrderParams,
    SweepFeesToInsuranceParams,
    UpdateOracleParams,
)
from kairos.pda import collateral_asset_address, exchange_address, vault_address
from kairos.program import PROGRAM_ID
from kairos_toolchain.build import build_program
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from spl.token._layouts import ACCOUNT_LAYOUT, MINT_LAYOUT
from spl.token.constants import TOKEN_PROGRAM_ID
from spl.token.instructions import (
    MintToParams,
    create_idempotent_associated_token_account,
    get_associated_token_address,
    mint_to,
)

ROOT = Path(__file__).resolve().parents[1]
LAMPORTS = 1_000_000_000
QUOTE_DECIMALS = 6
USDC = 10**QUOTE_DECIMALS
EXPONENT = -6
STALENESS = 1_000_000
STEPS = 5


@dataclasses.dataclass(frozen=True)
class Asset:
    """A market and its collateral twin, priced by one oracle."""

    name: str
    seed: int
    price: int  # × 10^-6 quote per whole unit
    decimals: int
    lot_size: int  # base native units per lot

    @property
    def lot_price(self) -> int:
        """Quote native per lot at the starting price."""
        return self.price * self.lot_size // 10**self.decimals


ASSETS = (
    Asset("SOL", 11, 100 * USDC, 9, 10**7),
    Asset("BTC", 12, 30_000 * USDC, 8, 10**5),
    Asset("ETH", 13, 2_000 * USDC, 8, 10**6),
)
LIQUIDATION_FEE_BPS = 100
DISCOUNT_BPS = 200
INSURANCE_SHARE_BPS = 2_000
SMALL_POSITION_QUOTE = 5 * USDC
MAKER_QUOTE = 200_000_000 * USDC
LIQUIDATOR_QUOTE = 10_000_000 * USDC
POOL_SIZE = 8


# --- portfolios --------------------------------------------------------------------------------


@dataclasses.dataclass
class Portfolio:
    """A trader's seeded portfolio (amounts native)."""

    quote: int
    collateral: dict[int, int]  # asset position (0..2) -> native amount
    positions: dict[int, int]  # market position (0..2) -> signed lots
    bids: dict[int, int]  # market -> lots resting at half the price


def portfolios(count: int, seed: int) -> list[Portfolio]:
    """``count`` seeded portfolios: 15-60 % of what initial health allows, a third 80-95 %."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        equity = rng.uniform(2_000, 20_000) * USDC
        held = rng.sample(range(3), rng.randint(0, 3))
        share = rng.uniform(0.3, 0.8) if held else 0.0
        collateral = {}
        for index in held:
            value = equity * share / len(held)
            asset = ASSETS[index]
            collateral[index] = int(value * 10**asset.decimals // asset.price)
        quote = int(equity * (1 - share))
        # Initial-weighted equity: collateral at 80 %, quote at 100 %.
        weighted = quote + equity * share * 0.8
        bids: dict[int, int] = {}
        markets = rng.sample(range(3), rng.randint(1, 3))
        with_orders = rng.random() < 0.3
        # Most traders use 15-60 % of what initial health allows, a third sit near it.
        near_limit = rng.random() < 1 / 3
        use = rng.uniform(0.8, 0.95) if near_limit else rng.uniform(0.15, 0.6)
        use *= 0.8 if with_orders else 1.0
        notional = weighted / 0.1 * use  # initial margin 10 %
        weights = [rng.random() + 0.2 for _ in markets]
        positions = {}
        for market, weight in zip(markets, weights, strict=True):
            lots = int(notional * weight / sum(weights) / ASSETS[market].lot_price)
            if lots == 0:
                continue
            positions[market] = lots if rng.random() < 0.8 else -lots
        if with_orders and positions:
            market = next(iter(positions))
            # Resting bids at half the price, worth ~15 % of the margin headroom.
            bids[market] = max(int(weighted * 0.15 / 0.1 / ASSETS[market].lot_price * 2), 1)
        out.append(Portfolio(quote, collateral, positions, bids))
    return out


# --- set-up ------------------------------------------------------------------------------------


@dataclasses.dataclass
class Setup:
    """The exchange and its participants."""

    rpc_url: str
    ws_url: str
    admin: Keypair
    quote_mint: Pubkey
    mints: list[Pubkey]
    markets: list[int]
    makers: list[Keypair]
    traders: list[Keypair]
    liquidators: list[Keypair]

    def client(self, wallet: Keypair | None = None) -> KairosClient:
        """A client for ``wallet`` (the admin by default)."""
        return KairosClient(self.rpc_url, wallet or self.admin, confirm_poll_seconds=0.02)

    def oracle(self, client: KairosClient, index: int) -> Pubkey:
        """The oracle of ASSETS[index]."""
        return client.oracle_address(ASSETS[index].seed)


async def set_up_exchange(rpc_url: str, ws_url: str, buffer_bps: int) -> Setup:
    """Exchange, three oracles, markets and assets, liquidation parameters."""
    admin = Keypair()
    async with KairosClient(rpc_url, admin, confirm_poll_seconds=0.02) as client:
        await client.tokens.airdrop(5_000 * LAMPORTS)
        quote = await client.tokens.create_mint(QUOTE_DECIMALS)
        await client.send(client.admin.initialize_exchange(InitializeExchangeParams(quote, 5_000)))
        mints = []
        markets = []
        for asset in ASSETS:
            await client.send(
                client.oracles.create(CreateOracleParams(asset.seed, asset.price, 0, EXPONENT))
            )
            oracle = client.oracle_address(asset.seed)
            setup = await client.admin.create_perp_market(
                PerpMarketParams(
                    name=f"{asset.name}-PERP",
                    oracle=oracle,
                    base_lot_size=asset.lot_size,
                    tick_size=1,
                    base_decimals=asset.decimals,
                    max_staleness_slots=STALENESS,
                    taker_fee_bps=5,
                    maker_fee_bps=0,
                )
            )
            await client.send(setup)
            markets.append(setup.market_index)
            mint = await client.tokens.create_mint(asset.decimals)
            await client.send(
                client.admin.add_collateral_asset(
                    AddCollateralAssetParams(mint, oracle, max_staleness_slots=STALENESS)
                )
            )
            mints.append(mint)
        key = admin.pubkey()
        await client.send(
            ix.set_liquidation_params(
                admin=key,
                small_position_quote=SMALL_POSITION_QUOTE,
                liquidation_buffer_bps=buffer_bps,
                insurance_fee_share_bps=INSURANCE_SHARE_BPS,
            ),
            *[
                ix.set_asset_liquidation_discount(
                    admin=key, mint=mint, liquidation_discount_bps=DISCOUNT_BPS
                )
                for mint in mints
            ],
            *[
                ix.set_perp_liquidation_fee(
                    admin=key, market_index=index, liquidation_fee_bps=LIQUIDATION_FEE_BPS
                )
                for index in markets
            ],
        )
    return Setup(rpc_url, ws_url, admin, quote, mints, markets, [], [], [])


async def fund(setup: Setup, quote: int, collateral: dict[int, int]) -> Keypair:
    """A wallet with lamports, its tokens, and a margin account holding them."""
    wallet = Keypair()
    owner = wallet.pubkey()
    admin_key = setup.admin.pubkey()
    amounts = [(setup.quote_mint, quote)] + [
        (setup.mints[i], amount) for i, amount in collateral.items() if amount
    ]
    amounts = [(mint, amount) for mint, amount in amounts if amount]
    instructions = [
        transfer(TransferParams(from_pubkey=admin_key, to_pubkey=owner, lamports=2 * LAMPORTS))
    ]
    for mint, amount in amounts:
        instructions.append(create_idempotent_associated_token_account(admin_key, owner, mint))
        instructions.append(
            mint_to(
                MintToParams(
                    program_id=TOKEN_PROGRAM_ID,
                    mint=mint,
                    dest=get_associated_token_address(owner, mint),
                    mint_authority=admin_key,
                    amount=amount,
                )
            )
        )
    async with setup.client() as admin:
        await admin.send(*instructions)
    async with setup.client(wallet) as client:
        create = await client.margin.create(CreateMarginAccountParams())
        deposits = [
            await client.margin.deposit(DepositParams(mint, amount)) for mint, amount in amounts
        ]
        await client.send(create, *deposits)
    return wallet


async def trade(setup: Setup, maker: Keypair, taker: Keypair, market: int, lots: int) -> None:
    """``taker`` opens ``lots`` (signed) against ``maker`` at the market's price."""
    asset = ASSETS[market]
    price = asset.lot_price
    taker_side = Side.BID if lots > 0 else Side.ASK
    maker_side = Side.ASK if lots > 0 else Side.BID
    async with setup.client(maker) as maker_client, setup.client(taker) as taker_client:
        rest = await maker_client.orders.place(
            PlaceOrderParams(setup.markets[market], maker_side, price, abs(lots))
        )
        take = await taker_client.orders.place(
            PlaceOrderParams(
                setup.markets[market], taker_side, price, abs(lots), order_type=OrderType.MARKET
            )
        )
        await taker_client.send(rest, take, signers=[maker])
    async with setup.client() as admin:
        await admin.send(
            admin.orders.consume_events(ConsumeEventsParams(setup.markets[market], limit=16))
        )


async def populate(setup: Setup, count: int, seed: int, liquidators: int) -> list[Portfolio]:
    """Makers, traders with their portfolios, funded liquidators; fees swept to insurance."""
    books = portfolios(count, seed)
    for _ in range(4):
        setup.makers.append(await fund(setup, MAKER_QUOTE, {}))
    for number, book in enumerate(books):
        trader = await fund(setup, book.quote, book.collateral)
        setup.traders.append(trader)
        for market, lots in book.positions.items():
            await trade(setup, setup.makers[number % 4], trader, market, lots)
        for market, lots in book.bids.items():
            async with setup.client(trader) as client:
                await client.send(
                    client.orders.place(
                        PlaceOrderParams(
                            setup.markets[market], Side.BID, ASSETS[market].lot_price // 2, lots
                        )
                    )
                )
    for _ in range(liquidators):
        wallet = await fund(setup, LIQUIDATOR_QUOTE, {})
        # The keeper's pool (pool_size 8): accounts 1..7 beside account 0.
        async with setup.client() as admin:
            await admin.send(
                create_idempotent_associated_token_account(
                    admin.authority, wallet.pubkey(), setup.quote_mint
                ),
                mint_to(
                    MintToParams(
                        program_id=TOKEN_PROGRAM_ID,
                        mint=setup.quote_mint,
                        dest=get_associated_token_address(wallet.pubkey(), setup.quote_mint),
                        mint_authority=admin.authority,
                        amount=(POOL_SIZE - 1) * LIQUIDATOR_QUOTE,
                    )
                ),
            )
        async with setup.client(wallet) as client:
            for index in range(1, POOL_SIZE):
                await client.send(
                    await client.margin.create(CreateMarginAccountParams(index)),
                    await client.margin.deposit(
                        DepositParams(setup.quote_mint, LIQUIDATOR_QUOTE, account_index=index)
                    ),
                )
        setup.liquidators.append(wallet)
    async with setup.client() as admin:
        await admin.send(
            *[
                admin.admin.sweep_fees_to_insurance(SweepFeesToInsuranceParams(index))
                for index in setup.markets
            ]
        )
    return books


# --- chain reads -------------------------------------------------------------------------------


class Rpc:
    """Plain JSON-RPC calls the analysis needs (history, batched reads)."""

    def __init__(self, url: str) -> None:
        self.http = httpx.AsyncClient(timeout=30)
        self.url = url

    async def call(self, method: str, *params: Any) -> Any:
        """One call; raises on an RPC error."""
        body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}
        reply = (await self.http.post(self.url, json=body)).json()
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply["result"]

    async def slot(self) -> int:
        """The current slot."""
        return int(await self.call("getSlot"))

    async def accounts(self, keys: list[Pubkey]) -> list[bytes | None]:
        """Account data of ``keys`` from one state (chunks of 100)."""
        out: list[bytes | None] = []
        for start in range(0, len(keys), 100):
            chunk = keys[start : start + 100]
            result = await self.call(
                "getMultipleAccounts", [str(k) for k in chunk], {"encoding": "base64"}
            )
            for value in result["value"]:
                if value is None:
                    out.append(None)
                else:
                    import base64

                    out.append(base64.b64decode(value["data"][0]))
        return out

    async def history(self, address: Pubkey, since_slot: int) -> list[dict[str, Any]]:
        """Every transaction naming ``address`` from ``since_slot`` on, oldest first."""
        signatures = await self.call("getSignaturesForAddress", str(address), {"limit": 1000})
        out = []
        seen: set[str] = set()
        for entry in signatures:
            if entry["slot"] < since_slot or entry["signature"] in seen:
                continue
            seen.add(entry["signature"])
            tx = await self.call(
                "getTransaction",
                entry["signature"],
                {"encoding": "json", "maxSupportedTransactionVersion": 0},
            )
            out.append(
                {
                    "signature": entry["signature"],
                    "slot": entry["slot"],
                    "err": entry["err"],
                    "payer": tx["transaction"]["message"]["accountKeys"][0],
                    "logs": tx["meta"]["logMessages"] or [],
                    "units": tx["meta"].get("computeUnitsConsumed"),
                }
            )
        out.sort(key=lambda item: item["slot"])
        return out

    async def close(self) -> None:
        """Close the HTTP client."""
        await self.http.aclose()


@dataclasses.dataclass
class Snapshot:
    """Decoded exchange state at one moment."""

    exchange: Exchange
    assets: dict[int, CollateralAsset]
    markets: dict[int, PerpMarket]
    oracles: dict[Pubkey, Oracle]
    margins: dict[Pubkey, MarginAccount]
    tokens: dict[str, int]  # quote_vault, insurance_vault, asset vaults by index, supplies
    slot: int


async def snapshot(rpc: Rpc, setup: Setup) -> Snapshot:
    """Everything the checks need, from one getMultipleAccounts round where it matters."""
    owners = [*setup.makers, *setup.traders, *setup.liquidators]
    async with setup.client() as client:
        margin_keys = [client.margin_account_address(0, w.pubkey()) for w in owners] + [
            client.margin_account_address(i, w.pubkey())
            for w in setup.liquidators
            for i in range(1, POOL_SIZE)
        ]
        oracle_keys = [setup.oracle(client, i) for i in range(3)]
    mints = [setup.quote_mint, *setup.mints]
    asset_keys = [collateral_asset_address(m, PROGRAM_ID) for m in mints]
    exchange_key = exchange_address(PROGRAM_ID)
    from kairos.pda import insurance_vault_address, perp_market_address

    market_keys = [perp_market_address(i, PROGRAM_ID) for i in setup.markets]
    vault_keys = [vault_address(m, PROGRAM_ID) for m in mints]
    insurance = insurance_vault_address(setup.quote_mint, PROGRAM_ID)
    keys = [
        exchange_key,
        insurance,
        *asset_keys,
        *market_keys,
        *oracle_keys,
        *vault_keys,
        *mints,
        *margin_keys,
    ]
    slot = await rpc.slot()
    data = await rpc.accounts(keys)
    it = iter(data)
    exchange = Exchange.decode(next(it) or b"")
    insurance_tokens = int(ACCOUNT_LAYOUT.parse(next(it)).amount)
    assets = {}
    for _ in asset_keys:
        asset = CollateralAsset.decode(next(it) or b"")
        assets[asset.index] = asset
    markets = {}
    for _ in market_keys:
        market = PerpMarket.decode(next(it) or b"")
        markets[market.index] = market
    oracles = {key: Oracle.decode(next(it) or b"") for key in oracle_keys}
    tokens = {"insurance_vault": insurance_tokens}
    for index, _ in enumerate(vault_keys):
        tokens[f"vault_{index}"] = int(ACCOUNT_LAYOUT.parse(next(it)).amount)
    for index, _ in enumerate(mints):
        tokens[f"supply_{index}"] = int(MINT_LAYOUT.parse(next(it)).supply)
    margins = {}
    for key in margin_keys:
        raw = next(it)
        if raw:
            margins[key] = MarginAccount.decode(raw)
    return Snapshot(exchange, assets, markets, oracles, margins, tokens, slot)


def conservation_problems(state: Snapshot, before: Snapshot, remaining: list[int]) -> list[str]:
    """Exact vault, supply and insurance checks (empty: all hold).

    ``remaining`` are the insurance vault balances the bankruptcies reported after
    drawing on it (``BankruptcyResolved.insurance_remaining``): the vault only goes
    down, and ends at the last of them (nothing else moves it during the run).
    """
    problems = []
    quote = state.assets[0]
    claims = (
        sum(m.quote_balance for m in state.margins.values())
        + sum(m.pnl_pool + m.fees_accrued for m in state.markets.values())
        + state.exchange.insurance_pending
        + quote.borrow_interest_pending
    )
    vault = state.tokens["vault_0"]
    if not vault == claims == quote.total_deposits:
        problems.append(f"quote vault {vault}, claims {claims}, deposits {quote.total_deposits}")
    for index in range(1, 4):
        held = sum(
            p.amount
            for m in state.margins.values()
            for p in m.active_collateral()
            if p.asset_index == index
        )
        tokens = state.tokens[f"vault_{index}"]
        if not tokens == held == state.assets[index].total_deposits:
            problems.append(f"asset {index} vault {tokens}, held {held}")
    for index in range(4):
        if state.tokens[f"supply_{index}"] != before.tokens[f"supply_{index}"]:
            problems.append(f"mint {index} supply changed")
    expected = min([before.tokens["insurance_vault"], *remaining])
    if state.tokens["insurance_vault"] != expected:
        problems.append(f"insurance vault {state.tokens['insurance_vault']} != {expected}")
    return problems


# --- the mirror at given prices ------------------------------------------------------------------


def at_prices(state: Snapshot, factor: float, slot: int) -> dict[Pubkey, Oracle]:
    """The oracles with every price × ``factor`` (as the crash publishes them)."""
    return {
        key: dataclasses.replace(oracle, price=int(oracle.price * factor), publish_slot=slot)
        for key, oracle in state.oracles.items()
    }


def step_factor(step: int, drop: float) -> float:
    """Price factor after ``step`` of the ``STEPS`` steps."""
    return 1 - drop * step / STEPS


def equity(state: Snapshot, account: MarginAccount, oracles: dict[Pubkey, Oracle]) -> int:
    """The account's value at the oracle prices: the health mirror with weights 1, margin 0."""
    assets = {
        i: dataclasses.replace(a, maint_asset_weight_bps=10_000, init_asset_weight_bps=10_000)
        for i, a in state.assets.items()
    }
    markets = {
        i: dataclasses.replace(m, maint_margin_bps=0, init_margin_bps=0)
        for i, m in state.markets.items()
    }
    slot = max(o.publish_slot for o in oracles.values())
    return health_breakdown(
        account,
        assets=assets,
        markets=markets,
        oracles=oracles,
        quote_decimals=state.exchange.quote_decimals,
        slot=slot,
    ).maint


def liquidatable_at(state: Snapshot, account: MarginAccount, oracles: dict[Pubkey, Oracle]) -> bool:
    """The program's liquidatable test for ``account`` at these oracles."""
    slot = max(o.publish_slot for o in oracles.values())
    health = health_breakdown(
        account,
        assets=state.assets,
        markets=state.markets,
        oracles=oracles,
        quote_decimals=state.exchange.quote_decimals,
        slot=slot,
    )
    return liq.is_liquidatable(state.exchange, account, health)


def needs_action(state: Snapshot, account: MarginAccount) -> bool:
    """Liquidatable now, flagged though above its target (the keepers clear the flag),
    or a debt with nothing left (bankruptcy unresolved)."""
    if liquidatable_at(state, account, state.oracles) or account.being_liquidated:
        return True
    empty = not account.active_collateral() and not any(
        p.base_lots for p in account.active_perp_positions()
    )
    unsettled = any(p.quote_position for p in account.active_perp_positions())
    return empty and (
        account.quote_balance < 0 or unsettled and equity(state, account, state.oracles) < 0
    )


# --- the buffer, measured with an ideal keeper -------------------------------------------------


def ideal_keeper(
    state: Snapshot, pre: dict[Pubkey, MarginAccount], drop: float, buffer_bps: int, delay: int
) -> int:
    """Accounts under water at the final prices with a keeper that needs no time.

    At each price step, every account that has been liquidatable for ``delay`` steps
    is taken to its target at that step's prices by the one-transaction plan
    (``kairos.liquidation_plan``: the program's sizing, mirrored). ``delay`` 0 is a
    keeper acting in the slot an account becomes liquidatable, 1 one slot late.
    Load-independent: it isolates what the buffer does from how fast the keepers are.
    """
    exchange = dataclasses.replace(state.exchange, liquidation_buffer_bps=buffer_bps)
    accounts = dict(pre)
    since: dict[Pubkey, int] = {}
    dummy = Pubkey.default()
    final = at_prices(state, step_factor(STEPS, drop), state.slot)
    for step in range(1, STEPS + 2):  # a last round at the final prices
        factor = step_factor(min(step, STEPS), drop)
        view = plans.ChainView(
            exchange, state.assets, state.markets, at_prices(state, factor, state.slot), state.slot
        )
        for key, account in list(accounts.items()):
            for _ in range(4):
                health = view.health(account)
                if not liq.is_liquidatable(exchange, account, health):
                    since.pop(key, None)
                    break
                since.setdefault(key, step)
                if step - since[key] < delay and step <= STEPS:
                    break
                plan = plans.plan_liquidation(
                    view,
                    key,
                    account,
                    liquidator=dummy,
                    liquidator_owner=dummy,
                    liquidator_account=None,
                )
                if plan is None or plan.predicted_account is None:
                    break
                account = plan.predicted_account
            accounts[key] = account
    return sum(1 for account in accounts.values() if equity(state, account, final) < 0)


def underwater_when_first_liquidatable(
    state: Snapshot, pre: dict[Pubkey, MarginAccount], drop: float
) -> int:
    """Accounts whose equity is already negative at the first price step that makes
    them liquidatable: no keeper, however fast, can save them (the step takes more
    than their maintenance margin in one slot)."""
    count = 0
    for account in pre.values():
        for step in range(STEPS + 1):
            oracles = at_prices(state, step_factor(step, drop), state.slot)
            if liquidatable_at(state, account, oracles):
                count += equity(state, account, oracles) < 0
                break
    return count


# --- keepers -----------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def keeper_processes(
    setup: Setup, workdir: Path
) -> AsyncIterator[list[tuple[subprocess.Popen[bytes], int, Path]]]:
    """``kairos keeper run liquidator`` per liquidator wallet, each knowing its peers."""
    procs = []
    keys = [str(w.pubkey()) for w in setup.liquidators]
    for number, wallet in enumerate(setup.liquidators):
        keypair = workdir / f"liquidator{number}.json"
        keypair.write_text(json.dumps(list(bytes(wallet))))
        port = 19_000 + os.getpid() % 500 * 4 + number
        peers = [k for k in keys if k != str(wallet.pubkey())]
        config = workdir / f"liquidator{number}.toml"
        config.write_text(
            "\n".join(
                [
                    f'rpc_url = "{setup.rpc_url}"',
                    f'ws_url = "{setup.ws_url}"',
                    f'keypair = "{keypair}"',
                    "poll_interval = 0.05",
                    f'log_level = "{os.environ.get("CRASH_KEEPER_LOG", "info")}"',
                    'rpc_tier = "localnet"',
                    "confirm_poll_interval = 0.1",
                    "rebroadcast_interval = 0.4",
                    "metrics_enabled = true",
                    f"metrics_port = {port}",
                    "[keepers.liquidator]",
                    f"peers = {json.dumps(peers)}",
                ]
            )
            + "\n"
        )
        log = workdir / f"liquidator{number}.log"
        proc = subprocess.Popen(
            [sys.executable, "-m", "kairos_cli", "keeper", "run", "liquidator", "-c", str(config)],
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            env=os.environ.copy(),
        )
        procs.append((proc, port, log))
    try:
        async with httpx.AsyncClient(timeout=2) as http:
            for proc, port, log in procs:
                deadline = time.monotonic() + 60
                while True:
                    if proc.poll() is not None:
                        raise RuntimeError(f"keeper exited: {log.read_text()[-2000:]}")
                    with contextlib.suppress(httpx.HTTPError):
                        reply = await http.get(f"http://127.0.0.1:{port}/health")
                        if reply.status_code == 200 and "lookup_table_created" in log.read_text():
                            break
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"keeper not ready: {log.read_text()[-2000:]}")
                    await asyncio.sleep(0.2)
        yield procs
    finally:
        for proc, _, _ in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc, _, _ in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


async def scrape(port: int) -> dict[str, float]:
    """The keeper's Prometheus counters, summed by metric name and action/outcome."""
    async with httpx.AsyncClient(timeout=5) as http:
        text = (await http.get(f"http://127.0.0.1:{port}/metrics")).text
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, _, value = line.rpartition(" ")
        out[name] = out.get(name, 0.0) + float(value)
    return out


async def settled_metrics(ports: list[int]) -> list[dict[str, float]]:
    """The keepers' metrics once nothing is in flight (a send landing after the scrape
    would make them disagree with the chain), or after 10 s."""
    deadline = time.monotonic() + 10
    while True:
        metrics = [await scrape(port) for port in ports]
        busy = sum(metric_sum(m, "kairos_keeper_liquidation_in_flight") for m in metrics)
        if busy == 0 or time.monotonic() > deadline:
            return metrics
        await asyncio.sleep(0.2)


def metric_sum(metrics: dict[str, float], prefix: str, **labels: str) -> float:
    """Σ of the samples named ``prefix`` whose labels include ``labels``."""
    total = 0.0
    for name, value in metrics.items():
        base = name.split("{", 1)[0]
        if base != prefix:
            continue
        if all(f'{k}="{v}"' in name for k, v in labels.items()):
            total += value
    return total


# --- the run -----------------------------------------------------------------------------------


def percentiles(values: list[int]) -> str:
    """p50 / p95 / max of ``values`` (``-`` when empty)."""
    if not values:
        return "-"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"{statistics.median(ordered):g} / {p95} / {ordered[-1]}"


async def wait_next_slot(rpc: Rpc, slot: int) -> int:
    """Wait until the cluster is past ``slot``; the new slot."""
    while (now := await rpc.slot()) <= slot:
        await asyncio.sleep(0.02)
    return now


async def run(args: argparse.Namespace, rpc_url: str, ws_url: str) -> dict[str, Any]:
    """Set up, crash, analyse; the figures as a dict."""
    started = time.monotonic()
    setup = await set_up_exchange(rpc_url, ws_url, args.buffer_bps)
    await populate(setup, args.accounts, args.seed, args.keepers)
    setup_seconds = time.monotonic() - started
    rpc = Rpc(rpc_url)
    drop = args.drop / 100
    try:
        before = await snapshot(rpc, setup)
        async with setup.client() as client:
            trader_keys = [client.margin_account_address(0, w.pubkey()) for w in setup.traders]
        pre = {key: before.margins[key] for key in trader_keys}
        already = [k for k, a in pre.items() if liquidatable_at(before, a, before.oracles)]
        final_oracles = at_prices(before, step_factor(STEPS, drop), before.slot)
        baseline = [k for k, a in pre.items() if equity(before, a, final_oracles) < 0]
        buffers = {
            f"ideal_keeper_bankrupt_buffer_{b}_delay_{d}": ideal_keeper(before, pre, drop, b, d)
            for b in (0, 5_000, 10_000, 15_000, 20_000, 30_000, 40_000)
            for d in (0, 1)
        }
        if args.ideal_only:
            return {
                "accounts": len(trader_keys),
                "drop_pct": args.drop,
                "seed": args.seed,
                "baseline_underwater": len(baseline),
                "underwater_when_first_liquidatable": underwater_when_first_liquidatable(
                    before, pre, drop
                ),
                **buffers,
            }
        with tempfile.TemporaryDirectory(prefix="kairos-crash-") as tmp:
            async with contextlib.AsyncExitStack() as stack:
                procs = []
                if args.keepers:
                    procs = await stack.enter_async_context(keeper_processes(setup, Path(tmp)))
                crash_slot = await rpc.slot()
                step_slots = []
                async with setup.client() as admin:
                    for step in range(1, STEPS + 1):
                        factor = step_factor(step, drop)
                        await admin.send(
                            *[
                                await admin.oracles.update(
                                    UpdateOracleParams(
                                        setup.oracle(admin, i), int(ASSETS[i].price * factor), 0
                                    )
                                )
                                for i in range(3)
                            ]
                        )
                        landed = await rpc.slot()
                        step_slots.append(landed)
                        if step < STEPS:
                            await wait_next_slot(rpc, landed)
                end_slot = step_slots[-1]
                deadline = end_slot + args.settle_slots
                while True:
                    now = await snapshot(rpc, setup)
                    pending = [
                        k
                        for k in trader_keys
                        if k in now.margins and needs_action(now, now.margins[k])
                    ]
                    if not pending or now.slot > deadline or not args.keepers:
                        break
                    await asyncio.sleep(0.4)
                metrics = await settled_metrics([port for _, port, _ in procs])
                scrape_slot = await rpc.slot()
            if args.keep_logs:
                args.keep_logs.mkdir(parents=True, exist_ok=True)
                for _, _, log in procs:
                    (args.keep_logs / log.name).write_bytes(log.read_bytes())
        final = await snapshot(rpc, setup)
        # When each account became liquidatable: the first step whose prices make the
        # pre-crash state liquidatable (nobody touches a healthy account).
        became: dict[Pubkey, int] = {}
        unsavable: set[Pubkey] = set()
        for step in range(1, STEPS + 1):
            oracles = at_prices(before, step_factor(step, drop), step_slots[step - 1])
            for key, account in pre.items():
                if (
                    key not in became
                    and key not in already
                    and liquidatable_at(before, account, oracles)
                ):
                    became[key] = step_slots[step - 1]
                    if equity(before, account, oracles) < 0:
                        unsavable.add(key)
        first_action: dict[Pubkey, int] = {}
        at_target: dict[Pubkey, int] = {}
        bankrupt: set[Pubkey] = set()
        drawn = 0
        socialized = 0
        remaining: list[int] = []
        cus: list[int] = []
        timelines: dict[Pubkey, list[str]] = {}
        liquidator_keys = {str(w.pubkey()) for w in setup.liquidators}
        for key in trader_keys:
            for tx in await rpc.history(key, crash_slot):
                if tx["err"] is not None:
                    continue
                events = parse_events(tx["logs"])
                touched = False
                for event in events:
                    if (
                        getattr(event, "liqee", None) == key
                        or getattr(event, "margin_account", None) == key
                    ):
                        timelines.setdefault(key, []).append(
                            f"{tx['slot']}:{type(event).__name__}"
                            f"({getattr(event, 'maint_health_before', '')}"
                            f"->{getattr(event, 'maint_health_after', '')}"
                            f" flag={getattr(event, 'being_liquidated', '')})"
                        )
                for event in events:
                    if isinstance(event, PerpLiquidated | CollateralLiquidated):
                        if event.liqee != key:
                            continue
                        touched = True
                        if event.being_liquidated == 0:
                            at_target.setdefault(key, tx["slot"])
                    elif isinstance(event, OrdersForceCancelled) and event.margin_account == key:
                        touched = True
                        if event.being_liquidated == 0:
                            at_target.setdefault(key, tx["slot"])
                    elif isinstance(event, BankruptcyResolved) and event.margin_account == key:
                        touched = True
                        bankrupt.add(key)
                        drawn += event.insurance_covered
                        socialized += event.socialized
                        remaining.append(event.insurance_remaining)
                        if event.loss != event.insurance_covered + event.socialized:
                            remaining.append(-1)  # fails the check: loss not fully covered
                if touched or tx["payer"] in liquidator_keys:
                    first_action.setdefault(key, tx["slot"])
                if (
                    any(isinstance(e, PerpLiquidated | CollateralLiquidated) for e in events)
                    and tx["units"]
                ):
                    cus.append(int(tx["units"]))
        left_in_debt = [
            k for k in trader_keys if k in final.margins and needs_action(final, final.margins[k])
        ]
        sent_ok = sent_failed = 0
        failures: dict[str, int] = {}
        for wallet in setup.liquidators:
            for tx in await rpc.history(wallet.pubkey(), crash_slot):
                # Up to the metrics scrape: what the keepers' counters can have seen.
                if tx["payer"] != str(wallet.pubkey()) or tx["slot"] > scrape_slot:
                    continue
                if tx["err"] is None:
                    sent_ok += 1
                else:
                    sent_failed += 1
                    reason = json.dumps(tx["err"])
                    failures[reason] = failures.get(reason, 0) + 1
        problems = conservation_problems(final, before, remaining)
    finally:
        await rpc.close()
    if args.timelines:
        print("steps at slots", step_slots)
        for key in sorted(became, key=lambda k: became[k]):
            mark = "BANKRUPT" if key in bankrupt else ""
            print(f"{str(key)[:8]} liquidatable@{became[key]} {mark}")
            for line in timelines.get(key, []):
                print("   ", line)
    liquidatable = sorted(set(became) | set(already), key=str)
    first = [first_action[k] - became[k] for k in became if k in first_action]
    target = [at_target[k] - became[k] for k in became if k in at_target]
    within_one = sum(1 for k in became if k in first_action and first_action[k] - became[k] <= 1)
    keeper_landed = sum(metric_sum(m, "kairos_keeper_actions_succeeded_total") for m in metrics)
    keeper_sent = {
        result: sum(
            metric_sum(m, "kairos_keeper_liquidation_transactions_sent_total", result=result)
            for m in metrics
        )
        for result in ("landed", "failed")
    }
    return {
        "accounts": len(trader_keys),
        "drop_pct": args.drop,
        "buffer_bps": args.buffer_bps,
        "keepers": args.keepers,
        "setup_seconds": round(setup_seconds, 1),
        "liquidatable_before_crash": len(already),
        "liquidatable": len(liquidatable),
        "baseline_underwater": len(baseline),
        "underwater_when_liquidatable": len(unsavable),
        "bankrupt": len(bankrupt | {k for k in left_in_debt if final.margins[k].quote_balance < 0}),
        "bankruptcies_resolved": len(bankrupt),
        "left_needing_action": len(left_in_debt),
        "first_action_slots": percentiles(first),
        "first_action_within_1_slot": f"{within_one}/{len(became)}",
        "target_slots": percentiles(target),
        "reached_target": f"{len(target)}/{len(became)}",
        "keeper_tx_landed_until_scrape": sent_ok,
        "keeper_tx_failed_on_chain_until_scrape": sent_failed,
        "duplicate_send_pct": round(100 * sent_failed / max(sent_ok + sent_failed, 1), 1),
        "metrics_succeeded": keeper_landed,
        "metrics_sent_landed": keeper_sent["landed"],
        "metrics_sent_failed": keeper_sent["failed"],
        "metrics_attempted": sum(
            metric_sum(m, "kairos_keeper_actions_attempted_total") for m in metrics
        ),
        "metrics_outcompeted": sum(
            metric_sum(m, "kairos_keeper_actions_outcompeted_total") for m in metrics
        ),
        "metrics_failed": sum(metric_sum(m, "kairos_keeper_actions_failed_total") for m in metrics),
        "liquidation_tx_cu": percentiles(cus),
        "insurance_drawn": drawn,
        "socialized": socialized,
        "failed_on_chain_errors": failures,
        "bankrupt_not_in_baseline": len(bankrupt - set(baseline)),
        "conservation": "exact" if not problems else "; ".join(problems),
        **buffers,
        "load": os.getloadavg()[0],
    }


@contextlib.contextmanager
def localnet_process() -> Any:
    """``kairos localnet`` as its own process (its own interpreter: the benchmark's
    reads never hold its lock), on a free port pair; yields (rpc_url, ws_url)."""
    from kairos_localnet.server import free_port_pair

    port = free_port_pair()
    proc = subprocess.Popen(
        # --bare: the benchmark creates its own exchange (the default preset would too).
        [
            sys.executable,
            "-m",
            "kairos_cli",
            "localnet",
            "--bare",
            "--port",
            str(port),
            "--root",
            str(ROOT),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(httpx.HTTPError):
                body = {"jsonrpc": "2.0", "id": 1, "method": "getHealth"}
                if httpx.post(url, json=body, timeout=2).json().get("result") == "ok":
                    break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the localnet did not start")
            time.sleep(0.2)
        time.sleep(0.5)
        if proc.poll() is not None:
            # Another process answered on that port (a parallel run took it first).
            raise RuntimeError(f"the localnet exited (port {port} in use?)")
        yield url, f"ws://127.0.0.1:{port + 1}"
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    """Run one crash and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=36)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--drop", type=float, default=35.0)
    parser.add_argument("--buffer-bps", type=int, default=5_000)
    parser.add_argument("--keepers", type=int, default=2)
    parser.add_argument(
        "--ideal-only", action="store_true", help="only the ideal-keeper buffer table"
    )
    parser.add_argument("--settle-slots", type=int, default=40)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--timelines", action="store_true", help="print each account's events")
    parser.add_argument("--keep-logs", type=Path, help="copy the keepers' logs here")
    args = parser.parse_args()
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    load_before = os.getloadavg()
    del program, keypair  # built above; the localnet process deploys it from the repository
    with localnet_process() as (rpc_url, ws_url):
        result = asyncio.run(run(args, rpc_url, ws_url))
    result["load_before"] = load_before[0]
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str))
    failed = result.get("conservation", "exact") != "exact" or (
        args.keepers and result.get("left_needing_action", 0) > 0
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
