"""Localnet helpers for the ``trigger`` keeper (its end-to-end tests and benchmark).

Reuses the auction demo's exchange (SOL-PERP, 0.01 SOL lots, oracle 100 USDC =
1,000,000 quote native per lot, tick 100) and adds a two-sided book (bids below
and asks above the oracle), trigger-order creation for a trader, oracle moves that
report the slot they landed in, and trigger keepers running in this event loop
(optionally behind a :class:`~kairos_keepers.testing.faultproxy.FaultProxy`).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator
from typing import Any

from kairos.constants import Side, TrailingMode, TriggerKind
from kairos.params import CreateTriggerOrderParams, PlaceOrderParams, UpdateOracleParams
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature

from kairos_keepers.config import KeeperConfig
from kairos_keepers.keepers.trigger import TriggerKeeper, TriggerSettings
from kairos_keepers.testing.auction_demo import (
    ORACLE_PRICE,
    PRICE_PER_LOT,
    TICK,
    DemoExchange,
    keeper_config,
    new_trader,
    set_up_exchange,
)
from kairos_keepers.testing.harness import RunningKeepers, funded_payer, keeper_runtime, run_keepers

ORACLE_SEED = 7  # the auction demo's oracle
ORACLE_CONFIDENCE = 10_000
ORACLE_UNITS_PER_LOT_UNIT = ORACLE_PRICE // PRICE_PER_LOT
"""Oracle price units (exponent −6) per quote native unit per lot: 100."""
BOOK_LEVELS = 5
BOOK_LEVEL_LOTS = 50
BOOK_STEP = 10 * TICK  # 10 bps of 1,000,000
KEEPER_POLL_SECONDS = 0.01


def oracle_for_lot_price(lot_price: int) -> int:
    """The oracle price (exponent −6) whose price per lot is ``lot_price``."""
    return lot_price * ORACLE_UNITS_PER_LOT_UNIT


async def set_up_trigger_exchange(rpc_url: str, ws_url: str) -> tuple[DemoExchange, Keypair]:
    """The demo exchange with bids below and asks above 1,000,000 per lot; the maker."""
    exchange = await set_up_exchange(rpc_url, ws_url)
    maker = await new_trader(exchange)
    async with exchange.client(maker) as client:
        for level in range(1, BOOK_LEVELS + 1):
            await client.send(
                client.orders.place(
                    PlaceOrderParams(
                        exchange.market_index,
                        Side.BID,
                        PRICE_PER_LOT - level * BOOK_STEP,
                        BOOK_LEVEL_LOTS,
                    )
                )
            )
            await client.send(
                client.orders.place(
                    PlaceOrderParams(
                        exchange.market_index,
                        Side.ASK,
                        PRICE_PER_LOT + level * BOOK_STEP,
                        BOOK_LEVEL_LOTS,
                    )
                )
            )
    return exchange, maker


async def signature_slot(exchange: DemoExchange, signature: Signature) -> int:
    """The slot a confirmed transaction landed in."""
    async with exchange.client() as client:
        for _ in range(200):
            status = (await client.connection.get_signature_statuses([signature])).value[0]
            if status is not None:
                return int(status.slot)
            await asyncio.sleep(0.02)
    raise TimeoutError(f"no status for {signature}")


async def set_lot_price(exchange: DemoExchange, lot_price: int) -> int:
    """Move the oracle so its price per lot is ``lot_price``; the slot it landed in."""
    async with exchange.client() as admin:
        signature = (
            await admin.send(
                admin.oracles.update(
                    UpdateOracleParams(
                        admin.oracle_address(ORACLE_SEED),
                        oracle_for_lot_price(lot_price),
                        ORACLE_CONFIDENCE,
                    )
                )
            )
        ).signature
    return await signature_slot(exchange, signature)


async def create_trigger(
    exchange: DemoExchange,
    trader: Keypair,
    kind: TriggerKind,
    side: Side,
    trigger_price: int,
    lots: int = 1,
    **options: Any,
) -> Pubkey:
    """Create one trigger order for ``trader``; a market kind gets a 5% band by default."""
    if kind.is_market and "limit_price" not in options:
        options.setdefault("max_oracle_deviation_bps", 500)
    async with exchange.client(trader) as client:
        created = await client.triggers.create(
            CreateTriggerOrderParams(
                exchange.market_index, side, kind, trigger_price, lots, **options
            )
        )
        await client.send(created)
    assert created.address is not None
    return created.address


async def create_trailing_sell_stop(
    exchange: DemoExchange, trader: Keypair, trigger_price: int, offset_ticks: int
) -> Pubkey:
    """A trailing sell stop-market at ``offset_ticks`` below the best oracle price."""
    return await create_trigger(
        exchange,
        trader,
        TriggerKind.STOP_MARKET,
        Side.ASK,
        trigger_price,
        trailing_mode=TrailingMode.TICKS,
        trailing_offset=offset_ticks,
    )


async def trigger_live(exchange: DemoExchange, address: Pubkey) -> bool:
    """True while the trigger order exists."""
    async with exchange.client() as client:
        return await client.triggers.get(address) is not None


def trigger_keeper_config(exchange: DemoExchange, **changes: Any) -> KeeperConfig:
    """A fast keeper configuration for the demo cluster (``changes`` override fields)."""
    base = dataclasses.replace(
        keeper_config(exchange),
        poll_interval=KEEPER_POLL_SECONDS,
        confirm_poll_interval=0.02,
        rebroadcast_interval=0.5,
        confirm_timeout=20.0,
        retry_base_delay=0.01,
        retry_max_delay=0.2,
        rpc_rps=5_000.0,
        rpc_burst=1_000,
    )
    return dataclasses.replace(base, **changes)


@contextlib.asynccontextmanager
async def running_trigger_keepers(
    exchange: DemoExchange,
    configs: list[KeeperConfig],
    settings: TriggerSettings | None = None,
) -> AsyncIterator[RunningKeepers[TriggerKeeper]]:
    """Run one trigger keeper per configuration, each with its own funded payer."""
    chosen = settings or TriggerSettings(idle_wait_seconds=0.05)
    runtimes = [
        keeper_runtime(TriggerKeeper, config, await funded_payer(exchange), chosen)
        for config in configs
    ]
    async with run_keepers(runtimes, TriggerKeeper) as running:
        yield running
