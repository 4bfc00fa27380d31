"""Localnet helpers for the ``twap`` and ``scheduler`` keepers (tests and benchmarks).

Reuses the auction demo's exchange (one SOL-PERP market with an ask ladder) and
adds: the chain clock, a ``kairosWarp`` call, TWAP/schedule creation for a
trader, and running several timed-order keepers in this event loop.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator

import httpx
from kairos.clock import clock_unix_timestamp
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos_keepers.keepers.timed_orders import TimedOrderKeeper
from kairos_keepers.testing.auction_demo import DemoExchange, keeper_config
from kairos_keepers.testing.harness import RunningKeepers, funded_payer, keeper_runtime, run_keepers


async def chain_time(exchange: DemoExchange) -> int:
    """The cluster's Clock unix_timestamp."""
    async with exchange.client() as client:
        info = await client.connection.get_account_info(CLOCK_SYSVAR)
    assert info.value is not None
    return clock_unix_timestamp(bytes(info.value.data))


async def warp_seconds(exchange: DemoExchange, seconds: float) -> None:
    """Move the localnet clock forward (Kairos's ``kairosWarp`` RPC extension)."""
    async with httpx.AsyncClient() as http:
        response = await http.post(
            exchange.rpc_url,
            json={
                "jsonrpc": "2.0",
                "id": 1,
                "method": "kairosWarp",
                "params": [{"seconds": seconds}],
            },
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise RuntimeError(body["error"])


@contextlib.asynccontextmanager
async def running_timed_keepers(
    exchange: DemoExchange, classes: list[type[TimedOrderKeeper]], poll_interval: float = 0.05
) -> AsyncIterator[RunningKeepers[TimedOrderKeeper]]:
    """Run one keeper per class, each with its own funded payer."""
    config = dataclasses.replace(
        keeper_config(exchange),
        poll_interval=poll_interval,
        rpc_tier="localnet",
        rpc_rps=0.0,
        rpc_burst=0,
    )
    runtimes = [keeper_runtime(cls, config, await funded_payer(exchange)) for cls in classes]
    async with run_keepers(runtimes, TimedOrderKeeper) as running:
        yield running
