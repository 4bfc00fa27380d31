"""The JIT auction demo on a cluster: a thin book, two jit-makers, the auction keeper.

A taker's large market order is routed by the SDK into an auction. Used by the
end-to-end test and by ``benchmarks/auction_improvement.py``.

Market: SOL-PERP, 0.01 SOL lots, oracle 100 USDC (1,000,000 quote native per
lot), tick 100. The book holds ``BOOK_LEVELS`` asks of ``BOOK_LEVEL_LOTS`` lots,
5 bps apart from 5 bps above the oracle. The bots quote 20 and 15 bps above the
oracle and improve by 2 bps when outbid, down to 3 and 5 bps.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator
from typing import Any

from kairos.auctions import RouteDecision
from kairos.client import PerpMarketParams
from kairos.constants import OrderType, Side
from kairos.events import AuctionFilled, AuctionSettled, OrderPlaced, events_of_type
from kairos.params import (
    CreateOracleParams,
    PlaceOrderParams,
    RouteMarketOrderParams,
)
from solders.keypair import Keypair

from kairos_keepers.config import KeeperConfig
from kairos_keepers.keepers.auction import AuctionKeeper
from kairos_keepers.keepers.jit_maker import JitMakerKeeper, JitMakerSettings
from kairos_keepers.lifecycle import Keeper
from kairos_keepers.testing.harness import (
    ClusterExchange,
    RunningKeepers,
    funded_payer,
    funded_trader,
    keeper_runtime,
    open_exchange,
    run_keepers,
)

BASE_DECIMALS = 9
ORACLE_PRICE = 100_000_000  # 100 USDC, exponent -6
PRICE_PER_LOT = 1_000_000  # 100 USDC per SOL, in quote native per 0.01-SOL lot
TICK = 100
BOOK_LEVELS = 10
BOOK_LEVEL_LOTS = 20
BOOK_STEP_BPS = 5
TAKER_LOTS = 150
TAKER_WORST_BPS = 100  # the taker accepts up to 1% above the oracle
ROUTING_THRESHOLD_BPS = 10
KEEPER_POLL_SECONDS = 0.05
AUCTION_DURATION_SLOTS = 20
STALENESS_SLOTS = 1_000_000


@dataclasses.dataclass
class DemoExchange(ClusterExchange):
    """The demo's exchange on a cluster: one market."""

    market_index: int


async def set_up_exchange(rpc_url: str, ws_url: str) -> DemoExchange:
    """Create the exchange, the oracle and the market."""
    async with open_exchange(rpc_url) as (client, admin, quote):
        await client.send(client.oracles.create(CreateOracleParams(7, ORACLE_PRICE, 10_000, -6)))
        setup = await client.admin.create_perp_market(
            PerpMarketParams(
                name="SOL-PERP",
                oracle=client.oracle_address(7),
                base_lot_size=10_000_000,
                tick_size=TICK,
                base_decimals=BASE_DECIMALS,
                max_staleness_slots=STALENESS_SLOTS,
                taker_fee_bps=10,
                maker_fee_bps=-2,
            )
        )
        await client.send(setup)
        return DemoExchange(rpc_url, ws_url, admin, quote, setup.market_index)


async def new_trader(exchange: DemoExchange, quote: int = 1_000_000 * 10**6) -> Keypair:
    """A funded wallet with a margin account holding ``quote`` native units."""
    return await funded_trader(exchange, [(exchange.quote_mint, quote)])


def bps_above(price: int, bps: int) -> int:
    """``price`` raised by ``bps``, rounded up to the tick."""
    raised = price * (10_000 + bps)
    return -(-raised // (10_000 * TICK)) * TICK


async def build_book(exchange: DemoExchange) -> Keypair:
    """Rest the ask ladder; returns the book maker."""
    maker = await new_trader(exchange)
    async with exchange.client(maker) as client:
        for level in range(1, BOOK_LEVELS + 1):
            price = bps_above(PRICE_PER_LOT, level * BOOK_STEP_BPS)
            await client.send(
                client.orders.place(
                    PlaceOrderParams(exchange.market_index, Side.ASK, price, BOOK_LEVEL_LOTS)
                )
            )
    return maker


def keeper_config(exchange: DemoExchange) -> KeeperConfig:
    """A fast-polling keeper configuration for the demo cluster."""
    return KeeperConfig(
        rpc_url=exchange.rpc_url,
        ws_url=exchange.ws_url,
        poll_interval=KEEPER_POLL_SECONDS,
        metrics_enabled=False,
        confirm_poll_interval=0.05,
    )


def auction_keeper(running: RunningKeepers[Keeper]) -> AuctionKeeper:
    """The ``auction`` keeper of :func:`running_keepers`."""
    keeper = running.runtimes[0].keeper
    assert isinstance(keeper, AuctionKeeper)
    return keeper


@contextlib.asynccontextmanager
async def running_keepers(
    exchange: DemoExchange, makers: list[tuple[Keypair, JitMakerSettings]]
) -> AsyncIterator[RunningKeepers[Keeper]]:
    """Run the auction keeper and one jit-maker per (wallet, settings)."""
    config = keeper_config(exchange)
    runtimes = [keeper_runtime(AuctionKeeper, config, await funded_payer(exchange))]
    for wallet, settings in makers:
        runtimes.append(keeper_runtime(JitMakerKeeper, config, wallet, settings))
    async with run_keepers(runtimes, Keeper) as running:  # type: ignore[type-abstract]
        yield running


DEFAULT_MAKERS = (
    JitMakerSettings(spread_bps=20.0, min_spread_bps=3.0, max_lots=100, improve_step_bps=2.0),
    JitMakerSettings(spread_bps=15.0, min_spread_bps=5.0, max_lots=100, improve_step_bps=2.0),
)


@dataclasses.dataclass(frozen=True)
class DemoResult:
    """What the demo measured."""

    decision: RouteDecision
    auction_average_price: float
    auction_fills: list[AuctionFilled]
    settled: AuctionSettled
    deadline_slot: int
    settled_slot: int
    book_average_price: float
    book_estimated_average: float

    @property
    def improvement_bps(self) -> float:
        """How much better the auction's average price is than the book's, in bps."""
        return (
            (self.book_average_price - self.auction_average_price)
            * 10_000
            / (self.book_average_price)
        )

    @property
    def settle_delay_slots(self) -> int:
        """Slots from the deadline to the settlement landing."""
        return self.settled_slot - self.deadline_slot


async def run_demo(
    rpc_url: str, ws_url: str, makers: tuple[JitMakerSettings, ...] = DEFAULT_MAKERS
) -> DemoResult:
    """The whole scenario; see the module doc."""
    exchange = await set_up_exchange(rpc_url, ws_url)
    await build_book(exchange)
    maker_wallets = [await new_trader(exchange) for _ in makers]
    taker = await new_trader(exchange)
    worst = bps_above(PRICE_PER_LOT, TAKER_WORST_BPS)
    async with running_keepers(exchange, list(zip(maker_wallets, makers, strict=True))) as keepers:
        async with exchange.client(taker) as client:
            decision = await client.auctions.route_market_order(
                RouteMarketOrderParams(
                    exchange.market_index,
                    Side.BID,
                    TAKER_LOTS,
                    worst,
                    threshold_bps=ROUTING_THRESHOLD_BPS,
                    duration_slots=AUCTION_DURATION_SLOTS,
                )
            )
            assert decision.venue == "auction" and decision.auction is not None
            auction = decision.auction
            while auction not in auction_keeper(keepers).settlements:
                await asyncio.sleep(0.05)
            deadline, outcome = auction_keeper(keepers).settlements[auction]
    assert outcome.signature is not None and outcome.slot is not None
    async with exchange.client(taker) as client:
        events = await client.get_transaction_events(outcome.signature)
        fills = events_of_type(events, AuctionFilled)
        [settled] = events_of_type(events, AuctionSettled)
        # The same size against the book, for real: a market order by another taker.
    other = await new_trader(exchange)
    async with exchange.client(other) as client:
        signature = (
            await client.send(
                client.orders.place(
                    PlaceOrderParams(
                        exchange.market_index,
                        Side.BID,
                        worst,
                        TAKER_LOTS,
                        order_type=OrderType.MARKET,
                    )
                )
            )
        ).signature
        [placed] = events_of_type(await client.get_transaction_events(signature), OrderPlaced)
    assert decision.estimate.average_price is not None
    return DemoResult(
        decision=decision,
        auction_average_price=settled.filled_quote / settled.filled_lots,
        auction_fills=fills,
        settled=settled,
        deadline_slot=deadline,
        settled_slot=outcome.slot,
        book_average_price=placed.filled_quote / placed.filled_base_lots,
        book_estimated_average=decision.estimate.average_price,
    )


def summary(result: DemoResult) -> dict[str, Any]:
    """The figures as plain values."""
    return {
        "lots": TAKER_LOTS,
        "book_average_price": result.book_average_price,
        "auction_average_price": result.auction_average_price,
        "improvement_bps": result.improvement_bps,
        "winners": [(str(f.provider), f.price, f.base_lots) for f in result.auction_fills],
        "settle_delay_slots": result.settle_delay_slots,
    }
