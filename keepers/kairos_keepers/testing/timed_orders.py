"""Localnet helpers for the ``twap`` and ``scheduler`` keepers (tests and benchmarks).

Reuses the auction demo's exchange (one SOL-PERP market with an ask ladder) and
adds: the chain clock, a ``kairosWarp`` call, TWAP/schedule creation for a
trader, and running several timed-order keepers in this event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
from kairos.clock import clock_unix_timestamp
from solders.keypair import Keypair
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos_keepers.keepers.schedule_support import TimedOrderKeeper
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.testing.auction_demo import LAMPORTS_PER_SOL, DemoExchange, keeper_config


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


async def wait_for(condition: Callable[[], Awaitable[bool]], timeout: float = 20.0) -> None:
    """Poll ``condition`` every 50 ms until true; TimeoutError after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await condition():
        if loop.time() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.05)


@dataclasses.dataclass
class RunningTimedKeepers:
    """Timed-order keepers running in this event loop."""

    runtimes: list[KeeperRuntime]
    tasks: list[asyncio.Task[int]]

    def keepers(self) -> list[TimedOrderKeeper]:  # type: ignore[type-arg]
        """The keeper objects, in start order."""
        found = []
        for runtime in self.runtimes:
            keeper = runtime.keeper
            assert isinstance(keeper, TimedOrderKeeper)
            found.append(keeper)
        return found


@contextlib.asynccontextmanager
async def running_timed_keepers(
    exchange: DemoExchange, classes: list[type[Keeper]], poll_interval: float = 0.05
) -> AsyncIterator[RunningTimedKeepers]:
    """Run one keeper per class, each with its own funded payer."""
    config = dataclasses.replace(
        keeper_config(exchange),
        poll_interval=poll_interval,
        rpc_tier="localnet",
        rpc_rps=0.0,
        rpc_burst=0,
    )
    runtimes = []
    async with exchange.client() as admin:
        for cls in classes:
            payer = Keypair()
            await admin.tokens.airdrop(LAMPORTS_PER_SOL, payer.pubkey())
            runtimes.append(KeeperRuntime(cls, config, payer=payer, install_signal_handlers=False))
    tasks = [asyncio.create_task(runtime.run()) for runtime in runtimes]
    try:
        while any(runtime.iterations == 0 for runtime in runtimes):
            if any(task.done() for task in tasks):
                raise RuntimeError([task.result() for task in tasks if task.done()])
            await asyncio.sleep(0.05)
        yield RunningTimedKeepers(runtimes, tasks)
    finally:
        for runtime in runtimes:
            runtime.request_stop("test over")
        await asyncio.gather(*tasks, return_exceptions=True)
