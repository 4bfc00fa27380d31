"""A ready-to-trade localnet: an exchange, test tokens, perp markets and a price feed.

``kairos localnet`` (unless ``--bare``) runs :func:`ready_to_trade` once the program
is deployed. It sets up, through the Kairos SDK over the localnet's own JSON-RPC:

- the exchange, quoted in a test ``USDC`` (6 decimals);
- collateral ``SOL`` (9 decimals), ``BTC`` and ``ETH`` (8 decimals), each with an
  oracle and 80% / 90% initial / maintenance weights;
- perp markets ``SOL-PERP``, ``BTC-PERP`` and ``ETH-PERP`` (see :data:`MARKETS` for
  their lot and tick sizes);
- a price feed: every ``feed_seconds`` (2 s by default) one transaction publishes a
  new price to every oracle through the program's ``update_oracle`` instruction, so
  the oracles never go stale (they allow 150 slots, 60 s);
- a market maker (:data:`PRESET_MAKER`, 10,000,000 USDC deposited) that, after each
  price, cranks its queued fills and replaces its bid and ask 10 bps around the
  oracle (:data:`MARKETS` gives the size per side), so a market order fills at once.

The feed is a simulated walk, not market data: a geometric Brownian motion per
asset with zero drift and the annualised volatility of :data:`ASSETS`, drawn from
``random.Random(seed)`` (``--feed-seed``), so a run is reproducible. Each step
multiplies the price by ``exp(-σ²·dt/2 + σ·√dt·Z)``, ``Z`` standard normal, ``dt``
the step in years; the published confidence is 0.05% of the price.

Every key involved is derived from a public seed (:func:`preset_keypair`): the
exchange admin, mint and oracle authority (:data:`PRESET_AUTHORITY`) and the
mints. They are worthless outside a localnet, and being public is what lets the
CLI mint test tokens to a wallet on any preset localnet (``kairos wallet airdrop
--token USDC``) and accept the symbols ``USDC``, ``SOL``... where a mint is asked.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import logging
import math
import random
from collections.abc import AsyncIterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from kairos.errors import KairosError
from kairos.params import (
    AddCollateralAssetParams,
    CancelAllOrdersParams,
    ConsumeEventsParams,
    CreateMarginAccountParams,
    CreateOracleParams,
    DepositParams,
    InitializeExchangeParams,
    PlaceOrderParams,
    UpdateOracleParams,
)
from kairos.pda import oracle_address
from kairos.program import PROGRAM_ID
from solders.keypair import Keypair
from solders.pubkey import Pubkey

if TYPE_CHECKING:
    from kairos.client import KairosClient

log = logging.getLogger(__name__)

LAMPORTS_PER_SOL = 1_000_000_000
QUOTE_SYMBOL = "USDC"
QUOTE_DECIMALS = 6
PRICE_EXPONENT = -6
CONFIDENCE_BPS = 5
SECONDS_PER_YEAR = 365 * 24 * 3600
DEFAULT_FEED_SECONDS = 2.0
DEFAULT_FEED_SEED = 7
_SEED_PREFIX = b"kairos-localnet-preset:"


def preset_keypair(name: str) -> Keypair:
    """The preset's keypair called ``name`` (sha256 of a public seed: localnet use only)."""
    return Keypair.from_seed(hashlib.sha256(_SEED_PREFIX + name.encode()).digest())


PRESET_AUTHORITY = preset_keypair("authority")
"""Admin of the preset exchange, authority of its mints and oracles."""
PRESET_MAKER = preset_keypair("maker")
"""The preset's market maker: quotes every market around its oracle after each price."""
MAKER_DEPOSIT_USDC = 10_000_000
MAKER_SPREAD_BPS = 10
"""The maker's bid and ask sit this far below and above the oracle price."""


@dataclasses.dataclass(frozen=True)
class PresetAsset:
    """A test token of the preset; ``price`` is None for the quote currency."""

    symbol: str
    decimals: int
    price: Decimal | None = None
    volatility: float = 0.0
    oracle_seed: int = 0

    @property
    def mint(self) -> Pubkey:
        """The mint's address (its keypair is :func:`preset_keypair` of ``mint:SYMBOL``)."""
        return self.mint_keypair.pubkey()

    @property
    def mint_keypair(self) -> Keypair:
        """The keypair the mint account was created with."""
        return preset_keypair(f"mint:{self.symbol}")

    def oracle(self, program_id: Pubkey = PROGRAM_ID) -> Pubkey:
        """The oracle of this asset (quote per unit), owned by the preset authority."""
        return oracle_address(PRESET_AUTHORITY.pubkey(), self.oracle_seed, program_id)


@dataclasses.dataclass(frozen=True)
class PresetMarket:
    """A perp market of the preset, on the oracle of ``base``.

    The preset's maker quotes ``maker_size`` (base units) on each side.
    """

    name: str
    base: str
    base_lot_size: int
    tick_size: int
    maker_size: Decimal = Decimal(0)


ASSETS: tuple[PresetAsset, ...] = (
    PresetAsset(QUOTE_SYMBOL, QUOTE_DECIMALS),
    PresetAsset("SOL", 9, Decimal("150"), 0.80, 1),
    PresetAsset("BTC", 8, Decimal("60000"), 0.50, 2),
    PresetAsset("ETH", 8, Decimal("3000"), 0.65, 3),
)
"""Test tokens: the quote currency first, then the collateral assets with their oracles."""

MARKETS: tuple[PresetMarket, ...] = (
    PresetMarket("SOL-PERP", "SOL", 10**7, 100, Decimal(50)),  # lot 0.01 SOL, tick 0.01
    PresetMarket("BTC-PERP", "BTC", 10**4, 100, Decimal(1)),  # lot 0.0001 BTC, tick 1
    PresetMarket("ETH-PERP", "ETH", 10**5, 10, Decimal(20)),  # lot 0.001 ETH, tick 0.01
)
"""Perp markets: 10% / 5% margins, 5 bps taker fee, no maker fee, 150-slot staleness."""

ASSETS_BY_SYMBOL = {asset.symbol: asset for asset in ASSETS}


def preset_mint(symbol: str) -> Pubkey | None:
    """The mint of a preset symbol (case-insensitive), or None."""
    asset = ASSETS_BY_SYMBOL.get(symbol.upper())
    return None if asset is None else asset.mint


def preset_symbol(mint: Pubkey) -> str | None:
    """The preset symbol of a mint, or None."""
    return next((asset.symbol for asset in ASSETS if asset.mint == mint), None)


def to_oracle_price(price: Decimal) -> int:
    """A price in quote per unit as the oracle's integer at :data:`PRICE_EXPONENT`."""
    return int(price.scaleb(-PRICE_EXPONENT).to_integral_value())


class PriceWalk:
    """The seeded geometric Brownian motion of every priced preset asset."""

    def __init__(self, assets: Sequence[PresetAsset] = ASSETS, seed: int = DEFAULT_FEED_SEED):
        self._rng = random.Random(seed)
        self.prices: dict[str, float] = {
            asset.symbol: float(asset.price) for asset in assets if asset.price is not None
        }
        self._volatility = {asset.symbol: asset.volatility for asset in assets}

    def step(self, seconds: float) -> dict[str, float]:
        """Advance every price by ``seconds`` and return the new prices."""
        dt = seconds / SECONDS_PER_YEAR
        for symbol, price in self.prices.items():
            sigma = self._volatility[symbol]
            shock = self._rng.gauss(0.0, 1.0)
            self.prices[symbol] = price * math.exp(
                -0.5 * sigma**2 * dt + sigma * math.sqrt(dt) * shock
            )
        return dict(self.prices)


async def set_up(client: KairosClient) -> None:
    """Create the preset's mints, exchange, oracles, assets and markets.

    ``client``'s wallet must be :data:`PRESET_AUTHORITY` and hold SOL for rent.
    """
    from kairos.client import PerpMarketParams

    if client.wallet.pubkey() != PRESET_AUTHORITY.pubkey():
        raise KairosError("the preset is set up by PRESET_AUTHORITY")
    for asset in ASSETS:
        await client.tokens.create_mint(asset.decimals, mint=asset.mint_keypair)
    await client.send(client.admin.initialize_exchange(InitializeExchangeParams(ASSETS[0].mint, 0)))
    collateral = [asset for asset in ASSETS if asset.price is not None]
    await client.send(
        *[
            await client.oracles.create(
                CreateOracleParams(
                    asset.oracle_seed,
                    to_oracle_price(asset.price),
                    to_oracle_price(asset.price * CONFIDENCE_BPS / 10_000),
                    PRICE_EXPONENT,
                )
            )
            for asset in collateral
            if asset.price is not None
        ]
    )
    await client.send(
        *[
            await client.admin.add_collateral_asset(
                AddCollateralAssetParams(asset.mint, asset.oracle(client.program_id))
            )
            for asset in collateral
        ]
    )
    for index, market in enumerate(MARKETS):
        base = ASSETS_BY_SYMBOL[market.base]
        setup = await client.admin.create_perp_market(
            PerpMarketParams(
                name=market.name,
                oracle=base.oracle(client.program_id),
                base_lot_size=market.base_lot_size,
                tick_size=market.tick_size,
                base_decimals=base.decimals,
                market_index=index,
            )
        )
        await client.send(setup)


async def publish(client: KairosClient, prices: dict[str, float]) -> None:
    """Publish ``prices`` (symbol → quote per unit) to the preset oracles in one transaction."""
    instructions = []
    for symbol, value in prices.items():
        price = Decimal(repr(value))
        instructions.append(
            await client.oracles.update(
                UpdateOracleParams(
                    ASSETS_BY_SYMBOL[symbol].oracle(client.program_id),
                    to_oracle_price(price),
                    max(1, to_oracle_price(price * CONFIDENCE_BPS / 10_000)),
                )
            )
        )
    await client.send(*instructions)


async def fund_maker(authority: KairosClient, maker: KairosClient) -> None:
    """Give the maker SOL, a margin account and :data:`MAKER_DEPOSIT_USDC` deposited."""
    await authority.tokens.airdrop(100 * LAMPORTS_PER_SOL, maker.authority)
    await maker.send(maker.margin.create(CreateMarginAccountParams()))
    usdc = ASSETS[0]
    account = await maker.tokens.create_associated_token_account(usdc.mint)
    amount = MAKER_DEPOSIT_USDC * 10**usdc.decimals
    await maker.tokens.mint_to(usdc.mint, account, amount, mint_authority=PRESET_AUTHORITY)
    await maker.send(maker.margin.deposit(DepositParams(usdc.mint, amount)))


async def requote(maker: KairosClient, prices: dict[str, float]) -> None:
    """Settle the maker's queued fills and replace its quotes, in every market.

    The new bid and ask sit :data:`MAKER_SPREAD_BPS` around the new oracle price.
    """
    from kairos.constants import Side
    from kairos.math.orderbook import MarketUnits

    quote_decimals = ASSETS[0].decimals
    for index, market in enumerate(MARKETS):
        price = Decimal(repr(prices[market.base]))
        units = MarketUnits(
            market.base_lot_size,
            market.tick_size,
            ASSETS_BY_SYMBOL[market.base].decimals,
            quote_decimals,
        )
        lots = units.decimal_to_lots(market.maker_size)
        spread = price * MAKER_SPREAD_BPS / 10_000
        bid = units.decimal_to_price(price - spread)
        ask = units.decimal_to_price(price + spread, round_up=True)
        instructions = []
        if (await maker.get_event_queue(index)).count:
            instructions.append(await maker.orders.consume_events(ConsumeEventsParams(index)))
        instructions.append(await maker.orders.cancel_all(CancelAllOrdersParams(index)))
        instructions.append(await maker.orders.place(PlaceOrderParams(index, Side.BID, bid, lots)))
        instructions.append(await maker.orders.place(PlaceOrderParams(index, Side.ASK, ask, lots)))
        await maker.send(*instructions)


async def run_feed(
    client: KairosClient,
    *,
    seconds: float = DEFAULT_FEED_SECONDS,
    seed: int = DEFAULT_FEED_SEED,
    maker: KairosClient | None = None,
) -> None:
    """Publish the walk's next prices every ``seconds`` until cancelled (and requote).

    A failed publication or quote is logged and the next one tried: one slow slot
    must not end the feed.
    """
    walk = PriceWalk(seed=seed)
    loop = asyncio.get_running_loop()
    deadline = loop.time()
    while True:
        deadline += seconds
        await asyncio.sleep(max(0.0, deadline - loop.time()))
        prices = walk.step(seconds)
        try:
            await publish(client, prices)
            if maker is not None:
                await requote(maker, prices)
        except (KairosError, OSError) as exc:
            log.warning("price feed: publishing failed (%s); retrying next step", exc)


def describe(program_id: Pubkey = PROGRAM_ID) -> list[str]:
    """Lines telling a trader what the preset holds."""
    lines = [f"Preset: exchange admin {PRESET_AUTHORITY.pubkey()} (public localnet key)"]
    for asset in ASSETS:
        priced = (
            "quote currency"
            if asset.price is None
            else f"oracle {asset.oracle(program_id)}, {asset.price} (σ {asset.volatility:.0%}/yr)"
        )
        lines.append(f"  {asset.symbol:<5} mint {asset.mint} ({asset.decimals} decimals), {priced}")
    for market in MARKETS:
        lines.append(f"  {market.name} on the {market.base} oracle")
    return lines


@contextlib.asynccontextmanager
async def ready_to_trade(
    rpc_url: str,
    *,
    feed_seconds: float = DEFAULT_FEED_SECONDS,
    feed_seed: int = DEFAULT_FEED_SEED,
    program_id: Pubkey = PROGRAM_ID,
) -> AsyncIterator[list[str]]:
    """Set the preset up on the localnet at ``rpc_url`` and run its price feed.

    Yields the lines describing it; the feed stops when the context exits. Raises
    :class:`KairosError` (with the reason) if the Kairos program is not deployed.
    """
    from kairos.client import KairosClient

    client = KairosClient(
        rpc_url, PRESET_AUTHORITY, program_id=program_id, confirm_poll_seconds=0.02
    )
    maker = KairosClient(rpc_url, PRESET_MAKER, program_id=program_id, confirm_poll_seconds=0.02)
    try:
        info = await client.connection.get_account_info(program_id)
        if info.value is None or not info.value.executable:
            raise KairosError(
                f"the Kairos program {program_id} is not deployed on this localnet, so the "
                "preset cannot be set up"
            )
        await client.tokens.airdrop(1_000 * LAMPORTS_PER_SOL)
        await set_up(client)
        await fund_maker(client, maker)
        await requote(maker, {a.symbol: float(a.price) for a in ASSETS if a.price is not None})
        feed = asyncio.create_task(
            run_feed(client, seconds=feed_seconds, seed=feed_seed, maker=maker)
        )
        try:
            yield [
                *describe(program_id),
                f"Market maker: {PRESET_MAKER.pubkey()} quotes each market "
                f"±{MAKER_SPREAD_BPS} bps around the oracle after every price",
                f"Price feed: seeded GBM walk (seed {feed_seed}), every {feed_seconds:g} s",
            ]
        finally:
            feed.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await feed
    finally:
        await maker.close()
        await client.close()
