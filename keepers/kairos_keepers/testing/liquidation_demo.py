"""The liquidation scenario on a cluster, with two competing ``liquidator`` keepers.

Three markets, a collateral asset and a price crash; used by the end-to-end test
and for the localnet latency figure (slots from liquidatable to liquidated).

Markets SOL-PERP (100 USDC), BTC-PERP (30,000 USDC) and DOGE-PERP (100 USDC),
0.01-unit lots; collateral WETH (2,000 USDC, 8 decimals). Victims, each opened against a maker:

* ``sol_long``: quote only, a leveraged SOL long (partial liquidation);
* ``eth_btc``: WETH collateral and a BTC long (perp then collateral liquidation);
* ``with_orders``: a SOL long with resting bids (force-cancel first);
* ``bankrupt``: a 10x DOGE long that the crash puts under water (bankruptcy path).

The crash: SOL −9 %, BTC −9 %, WETH −25 %, DOGE −30 %.
The vault invariant (quote vault = Σ quote balances + Σ markets' pool and fees +
the pending insurance share; each asset vault = Σ amounts) is checked on one
atomic ``getMultipleAccounts`` snapshot after every step and while the keepers run.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import time
from collections.abc import AsyncIterator

from kairos import instructions as ix
from kairos.accounts import CollateralAsset, Exchange, MarginAccount, PerpMarket
from kairos.client import KairosClient, PerpMarketParams
from kairos.constants import OrderType, Side
from kairos.math import liquidation as liq
from kairos.math.health import health_breakdown
from kairos.params import (
    AddCollateralAssetParams,
    ConsumeEventsParams,
    CreateOracleParams,
    PlaceOrderParams,
    SweepFeesToInsuranceParams,
    UpdateOracleParams,
)
from kairos.pda import collateral_asset_address, exchange_address, vault_address
from kairos.program import PROGRAM_ID
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token._layouts import ACCOUNT_LAYOUT

from kairos_keepers.config import KeeperConfig
from kairos_keepers.keepers.liquidator import LiquidatorKeeper, LiquidatorSettings
from kairos_keepers.ratelimit import TokenBucket
from kairos_keepers.rpc import RateLimitedRpc, account_filters
from kairos_keepers.testing.harness import (
    ClusterExchange,
    funded_trader,
    keeper_runtime,
    open_exchange,
    run_keepers,
)

STALENESS_SLOTS = 1_000_000
LOT_SIZE = 10_000_000  # 0.01 of a 9-decimal base
SOL_PRICE = 100_000_000  # exponent -6
BTC_PRICE = 30_000_000_000
WETH_PRICE = 2_000_000_000
WETH_DECIMALS = 8
DOGE_PRICE = 100_000_000
SOL_SEED, BTC_SEED, WETH_SEED, DOGE_SEED = 1, 2, 3, 4
LIQUIDATION_FEE_BPS = 100
WETH_DISCOUNT_BPS = 200
BUFFER_BPS = 5_000
INSURANCE_SHARE_BPS = 2_000
KEEPER_POLL_SECONDS = 0.05
CHECK_RPS = 1_000  # the scenario's own reads (invariant checks)


@dataclasses.dataclass
class DemoExchange(ClusterExchange):
    """The scenario's exchange: WETH collateral and three markets."""

    weth_mint: Pubkey
    sol_market: int
    btc_market: int
    doge_market: int


async def set_up(rpc_url: str, ws_url: str) -> DemoExchange:
    """Exchange, oracles, two markets, WETH, liquidation parameters."""
    async with open_exchange(rpc_url) as (client, admin, quote):
        weth = await client.tokens.create_mint(WETH_DECIMALS)
        for seed, price in (
            (SOL_SEED, SOL_PRICE),
            (BTC_SEED, BTC_PRICE),
            (WETH_SEED, WETH_PRICE),
            (DOGE_SEED, DOGE_PRICE),
        ):
            await client.send(client.oracles.create(CreateOracleParams(seed, price, 0, -6)))
        markets = []
        for name, seed in (
            ("SOL-PERP", SOL_SEED),
            ("BTC-PERP", BTC_SEED),
            ("DOGE-PERP", DOGE_SEED),
        ):
            setup = await client.admin.create_perp_market(
                PerpMarketParams(
                    name=name,
                    oracle=client.oracle_address(seed),
                    base_lot_size=LOT_SIZE,
                    tick_size=1,
                    base_decimals=9,
                    max_staleness_slots=STALENESS_SLOTS,
                    taker_fee_bps=10,
                    maker_fee_bps=0,
                )
            )
            await client.send(setup)
            markets.append(setup.market_index)
        await client.send(
            client.admin.add_collateral_asset(
                AddCollateralAssetParams(
                    weth, client.oracle_address(WETH_SEED), max_staleness_slots=STALENESS_SLOTS
                )
            )
        )
        admin_key = admin.pubkey()
        instructions = [
            ix.set_liquidation_params(
                admin=admin_key,
                small_position_quote=0,
                liquidation_buffer_bps=BUFFER_BPS,
                insurance_fee_share_bps=INSURANCE_SHARE_BPS,
            ),
            ix.set_asset_liquidation_discount(
                admin=admin_key, mint=weth, liquidation_discount_bps=WETH_DISCOUNT_BPS
            ),
            *[
                ix.set_perp_liquidation_fee(
                    admin=admin_key, market_index=index, liquidation_fee_bps=LIQUIDATION_FEE_BPS
                )
                for index in markets
            ],
        ]
        await client.send(*instructions)
    return DemoExchange(rpc_url, ws_url, admin, quote, weth, markets[0], markets[1], markets[2])


async def new_trader(exchange: DemoExchange, quote: int, weth: int = 0) -> Keypair:
    """A funded wallet with a margin account holding ``quote`` and ``weth``."""
    return await funded_trader(exchange, [(exchange.quote_mint, quote), (exchange.weth_mint, weth)])


async def open_long(
    exchange: DemoExchange, maker: Keypair, taker: Keypair, market: int, price: int, lots: int
) -> None:
    """The maker rests an ask, the taker lifts it, the crank applies the maker's fill."""
    async with exchange.client(maker) as client:
        await client.send(client.orders.place(PlaceOrderParams(market, Side.ASK, price, lots)))
    async with exchange.client(taker) as client:
        await client.send(
            client.orders.place(
                PlaceOrderParams(market, Side.BID, price, lots, order_type=OrderType.MARKET)
            )
        )
    async with exchange.client() as client:
        # A distinct limit per call: two identical cranks in one blockhash would be
        # the same transaction (AlreadyProcessed).
        await client.send(
            client.orders.consume_events(ConsumeEventsParams(market, limit=next(_CRANK_LIMITS)))
        )


_CRANK_LIMITS = itertools.cycle(range(200, 255))


def _token_amount(data: bytes) -> int:
    return int(ACCOUNT_LAYOUT.parse(data).amount)


async def check_invariant(rpc: RateLimitedRpc, exchange: DemoExchange) -> None:
    """The vault invariant on one atomic snapshot of every account involved."""
    program = PROGRAM_ID
    _, margin_pairs = await rpc.get_program_accounts(program, account_filters(MarginAccount))
    _, market_pairs = await rpc.get_program_accounts(program, account_filters(PerpMarket))
    # One getMultipleAccounts: the localnet answers it from one state, so the
    # snapshot is atomic even while the keepers are sending transactions.
    keys = [
        exchange_address(program),
        collateral_asset_address(exchange.quote_mint, program),
        collateral_asset_address(exchange.weth_mint, program),
        vault_address(exchange.quote_mint, program),
        vault_address(exchange.weth_mint, program),
        *[key for key, _ in margin_pairs],
        *[key for key, _ in market_pairs],
    ]
    accounts = await rpc.get_multiple_accounts(keys)
    if any(account is None for account in accounts[:5]):
        raise AssertionError("exchange accounts missing")
    data = [bytes(account.data) if account is not None else b"" for account in accounts]
    exchange_state = Exchange.decode(data[0])
    quote_asset = CollateralAsset.decode(data[1])
    weth_asset = CollateralAsset.decode(data[2])
    quote_tokens = _token_amount(data[3])
    weth_tokens = _token_amount(data[4])
    first_market = 5 + len(margin_pairs)
    margins = [MarginAccount.decode(d) for d in data[5:first_market] if d]
    markets = [PerpMarket.decode(d) for d in data[first_market:] if d]
    claims = (
        sum(m.quote_balance for m in margins)
        + sum(m.pnl_pool + m.fees_accrued for m in markets)
        + exchange_state.insurance_pending
    )
    held = sum(p.amount for m in margins for p in m.active_collateral())
    if not (quote_tokens == claims == quote_asset.total_deposits):
        raise AssertionError(f"quote vault {quote_tokens} != claims {claims}")
    if not (weth_tokens == held == weth_asset.total_deposits):
        raise AssertionError(f"weth vault {weth_tokens} != held {held}")


@contextlib.asynccontextmanager
async def running_liquidators(
    exchange: DemoExchange, wallets: list[Keypair]
) -> AsyncIterator[list[LiquidatorKeeper]]:
    """One liquidator keeper per wallet (each with its own funded margin account)."""
    config = KeeperConfig(
        rpc_url=exchange.rpc_url,
        ws_url=exchange.ws_url,
        poll_interval=KEEPER_POLL_SECONDS,
        rpc_tier="localnet",
        metrics_enabled=False,
        confirm_poll_interval=0.05,
    )
    runtimes = [keeper_runtime(LiquidatorKeeper, config, w, LiquidatorSettings()) for w in wallets]
    async with run_keepers(runtimes, LiquidatorKeeper) as running:
        yield running.keepers()


@dataclasses.dataclass
class ScenarioResult:
    """What the scenario measured."""

    victims: dict[str, Pubkey]
    keepers: list[LiquidatorKeeper]
    crash_slot: int
    done_slot: int
    seconds: float
    invariant_checks: int
    final: dict[str, MarginAccount]
    bankruptcy_socialized: int


async def liquidatable_victims(
    client: KairosClient, victims: dict[str, Pubkey], slot: int
) -> list[str]:
    """Victims still needing an action (liquidatable, or bankrupt leftovers)."""
    exchange = await client.get_exchange()
    assets = await client.get_collateral_assets()
    markets = await client.get_perp_markets()
    oracles = {
        key: await client.get_oracle(key)
        for key in {m.oracle for m in markets.values()}
        | {a.oracle for a in assets.values() if a.index != 0}
    }
    pending = []
    for name, key in victims.items():
        account = await client.get_margin_account_at(key)
        health = health_breakdown(
            account,
            assets=assets,
            markets=markets,
            oracles=oracles,
            quote_decimals=exchange.quote_decimals,
            slot=slot,
        )
        if liq.is_liquidatable(exchange, account, health) or account.quote_balance < 0:
            pending.append(name)
    return pending


async def run_scenario(rpc_url: str, ws_url: str, timeout: float = 60.0) -> ScenarioResult:
    """The whole scenario; see the module doc."""
    exchange = await set_up(rpc_url, ws_url)
    rpc = RateLimitedRpc(rpc_url, limiter=TokenBucket(CHECK_RPS, CHECK_RPS))
    checks = 0
    try:
        maker = await new_trader(exchange, 10_000_000 * 10**6)
        sol_long = await new_trader(exchange, 12_000 * 10**6)
        eth_btc = await new_trader(exchange, 0, weth=5 * 10**WETH_DECIMALS)
        with_orders = await new_trader(exchange, 3_000 * 10**6)
        bankrupt = await new_trader(exchange, 1_010 * 10**6)
        sol_lot = SOL_PRICE * LOT_SIZE // 10**9  # quote native per lot
        btc_lot = BTC_PRICE * LOT_SIZE // 10**9
        await open_long(exchange, maker, sol_long, exchange.sol_market, sol_lot, 100_000)
        await open_long(exchange, maker, eth_btc, exchange.btc_market, btc_lot, 250)
        await open_long(exchange, maker, with_orders, exchange.sol_market, sol_lot, 25_000)
        async with exchange.client(with_orders) as client:
            await client.send(
                client.orders.place(
                    PlaceOrderParams(exchange.sol_market, Side.BID, sol_lot // 2, 100)
                )
            )
        await open_long(exchange, maker, bankrupt, exchange.doge_market, sol_lot, 10_000)
        async with exchange.client() as admin:
            # Fees so far seed the insurance vault.
            await admin.send(
                *[
                    await admin.admin.sweep_fees_to_insurance(SweepFeesToInsuranceParams(index))
                    for index in (exchange.sol_market, exchange.btc_market, exchange.doge_market)
                ]
            )
        await check_invariant(rpc, exchange)
        checks += 1
        liquidators = [await new_trader(exchange, 5_000_000 * 10**6) for _ in range(2)]
        victims = {
            "sol_long": sol_long,
            "eth_btc": eth_btc,
            "with_orders": with_orders,
            "bankrupt": bankrupt,
        }
        async with exchange.client() as admin:
            keys = {
                name: admin.margin_account_address(0, wallet.pubkey())
                for name, wallet in victims.items()
            }
        async with running_liquidators(exchange, liquidators) as keepers:
            async with exchange.client() as admin:
                crash_slot = await rpc.get_slot()
                started = time.monotonic()
                await admin.send(
                    admin.oracles.update(
                        UpdateOracleParams(admin.oracle_address(SOL_SEED), SOL_PRICE * 91 // 100, 0)
                    )
                )
                await admin.send(
                    admin.oracles.update(
                        UpdateOracleParams(admin.oracle_address(BTC_SEED), BTC_PRICE * 91 // 100, 0)
                    )
                )
                await admin.send(
                    admin.oracles.update(
                        UpdateOracleParams(admin.oracle_address(WETH_SEED), WETH_PRICE * 3 // 4, 0)
                    )
                )
                await admin.send(
                    admin.oracles.update(
                        UpdateOracleParams(admin.oracle_address(DOGE_SEED), DOGE_PRICE * 7 // 10, 0)
                    )
                )
                deadline = time.monotonic() + timeout
                while True:
                    await check_invariant(rpc, exchange)
                    checks += 1
                    slot = await rpc.get_slot()
                    pending = await liquidatable_victims(admin, keys, slot)
                    if not pending:
                        break
                    if time.monotonic() > deadline:
                        states = [
                            (len(k.landed), len(k.backoffs), len(k.state.margins), k.state.slot)
                            for k in keepers
                        ]
                        raise AssertionError(f"still liquidatable: {pending}; keepers {states}")
                    await asyncio.sleep(0.2)
                done_slot = await rpc.get_slot()
                seconds = time.monotonic() - started
                final = {name: await admin.get_margin_account_at(k) for name, k in keys.items()}
                markets = await admin.get_perp_markets()
        await check_invariant(rpc, exchange)
        checks += 1
        return ScenarioResult(
            victims=keys,
            keepers=keepers,
            crash_slot=crash_slot,
            done_slot=done_slot,
            seconds=seconds,
            invariant_checks=checks,
            final=final,
            bankruptcy_socialized=sum(m.socialized_loss for m in markets.values()),
        )
    finally:
        await rpc.close()
