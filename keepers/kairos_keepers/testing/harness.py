"""What every localnet keeper scenario shares (tests, benchmarks, demos).

- :class:`ClusterExchange`: a Kairos exchange on a cluster (URLs, admin, quote mint),
  extended by each scenario with its markets;
- :func:`open_exchange`: a funded admin that creates the quote mint and the exchange;
- :func:`funded_payer` and :func:`keeper_runtime`: a keeper's fee payer and runtime;
- :func:`run_keepers`: keepers running in this event loop until the block ends;
- :func:`wait_for`: poll a condition until it holds or a deadline passes.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

from kairos.client import KairosClient
from kairos.params import CreateMarginAccountParams, DepositParams, InitializeExchangeParams
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from kairos_keepers.config import KeeperConfig
from kairos_keepers.lifecycle import Keeper, KeeperRuntime

LAMPORTS_PER_SOL = 1_000_000_000
QUOTE_DECIMALS = 6
CONFIRM_POLL_SECONDS = 0.05
ADMIN_LAMPORTS = 100 * LAMPORTS_PER_SOL
KEEPER_REWARD_LAMPORTS = 5_000
"""The exchange's keeper reward in the scenarios."""

K = TypeVar("K", bound=Keeper)


@dataclasses.dataclass
class ClusterExchange:
    """A Kairos exchange on a cluster: where it is and who administers it."""

    rpc_url: str
    ws_url: str
    admin: Keypair
    quote_mint: Pubkey

    def client(self, wallet: Keypair | None = None) -> KairosClient:
        """A client for ``wallet`` (the admin by default)."""
        return KairosClient(
            self.rpc_url, wallet or self.admin, confirm_poll_seconds=CONFIRM_POLL_SECONDS
        )


@contextlib.asynccontextmanager
async def open_exchange(rpc_url: str) -> AsyncIterator[tuple[KairosClient, Keypair, Pubkey]]:
    """A funded admin's client after it created the quote mint and the exchange.

    Yields (client, admin, quote mint); the scenario adds its oracles and markets.
    """
    admin = Keypair()
    async with KairosClient(rpc_url, admin, confirm_poll_seconds=CONFIRM_POLL_SECONDS) as client:
        await client.tokens.airdrop(ADMIN_LAMPORTS)
        quote = await client.tokens.create_mint(QUOTE_DECIMALS)
        exchange = InitializeExchangeParams(quote, KEEPER_REWARD_LAMPORTS)
        await client.send(client.admin.initialize_exchange(exchange))
        yield client, admin, quote


async def funded_payer(exchange: ClusterExchange, lamports: int = LAMPORTS_PER_SOL) -> Keypair:
    """A new keypair holding ``lamports`` (a keeper's fee payer)."""
    payer = Keypair()
    async with exchange.client() as admin:
        await admin.tokens.airdrop(lamports, payer.pubkey())
    return payer


def keeper_runtime(
    keeper_cls: type[Keeper], config: KeeperConfig, payer: Keypair, settings: Any = None
) -> KeeperRuntime:
    """A runtime for one keeper in this event loop (no signal handlers: not the main task)."""
    return KeeperRuntime(keeper_cls, config, settings, payer=payer, install_signal_handlers=False)


@dataclasses.dataclass
class RunningKeepers(Generic[K]):
    """Keepers running in this event loop (see :func:`run_keepers`)."""

    runtimes: list[KeeperRuntime]
    tasks: list[asyncio.Task[int]]
    keeper_cls: type[K]

    def keepers(self) -> list[K]:
        """The keeper objects, in start order."""
        found = []
        for runtime in self.runtimes:
            keeper = runtime.keeper
            assert isinstance(keeper, self.keeper_cls)
            found.append(keeper)
        return found

    def rpc_calls(self) -> int:
        """RPC calls (every attempt) of every keeper so far."""
        return sum(sum(runtime.rpc.calls.values()) for runtime in self.runtimes)


@contextlib.asynccontextmanager
async def run_keepers(
    runtimes: list[KeeperRuntime],
    keeper_cls: type[K] = Keeper,  # type: ignore[assignment]
) -> AsyncIterator[RunningKeepers[K]]:
    """Run ``runtimes`` until the block ends; it starts once each finished a loop.

    A keeper whose startup failed raises RuntimeError (with the exit codes) instead of
    being waited for; at the end every keeper is asked to stop and awaited.
    """
    tasks = [asyncio.create_task(runtime.run()) for runtime in runtimes]
    try:
        while any(runtime.iterations == 0 for runtime in runtimes):
            if any(task.done() for task in tasks):
                raise RuntimeError([task.result() for task in tasks if task.done()])
            await asyncio.sleep(0.02)
        yield RunningKeepers(runtimes, tasks, keeper_cls)
    finally:
        for runtime in runtimes:
            runtime.request_stop("scenario over")
        await asyncio.gather(*tasks, return_exceptions=True)


async def wait_for(
    condition: Callable[[], Awaitable[bool]], timeout: float = 20.0, interval: float = 0.02
) -> None:
    """Poll ``condition`` every ``interval`` until true; TimeoutError after ``timeout`` s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await condition():
        if loop.time() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(interval)


async def funded_trader(
    exchange: ClusterExchange, deposits: Sequence[tuple[Pubkey, int]]
) -> Keypair:
    """A wallet with 10 SOL and a margin account holding ``deposits`` (mint, native)."""
    wallet = Keypair()
    async with exchange.client() as admin:
        await admin.tokens.airdrop(10 * LAMPORTS_PER_SOL, wallet.pubkey())
        for mint, amount in deposits:
            if amount:
                account = await admin.tokens.create_associated_token_account(mint, wallet.pubkey())
                await admin.tokens.mint_to(mint, account, amount)
    async with exchange.client(wallet) as trader:
        await trader.send(trader.margin.create(CreateMarginAccountParams()))
        for mint, amount in deposits:
            if amount:
                await trader.send(trader.margin.deposit(DepositParams(mint, amount)))
    return wallet
