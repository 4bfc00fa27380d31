"""Chain helpers of the service tests: a localnet with Kairos, traders, trading traffic."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

from kairos.client import KairosClient
from kairos.constants import Side
from kairos.events import parse_events
from kairos.params import (
    ConsumeEventsParams,
    CreateMarginAccountParams,
    DepositParams,
    PlaceOrderParams,
    UpdateOracleParams,
)
from kairos.program import PROGRAM_ID
from solders.keypair import Keypair

from tests.clients.conftest import LAMPORTS_PER_SOL, Setup

PRICE_100 = 1_000_000  # 100 quote per SOL, in quote native per 0.01-SOL lot
# Oracle price (exponent -6) per quote-native price of a 0.01-SOL lot: 100 USDC is
# 100_000_000 on the oracle and 1_000_000 per lot.
ORACLE_PER_LOT_PRICE = 100


async def new_trader(setup: Setup, quote: int = 100_000 * 10**6, base: int = 0) -> KairosClient:
    """A funded wallet with a margin account holding ``quote`` (and ``base``) native units."""
    wallet = Keypair()
    admin = setup.client()
    trader = setup.client(wallet)
    async with admin:
        await admin.tokens.airdrop(10 * LAMPORTS_PER_SOL, wallet.pubkey())
        for mint, amount in ((setup.quote_mint, quote), (setup.base_mint, base)):
            if amount:
                account = await admin.tokens.create_associated_token_account(
                    mint, wallet.pubkey()
                )
                await admin.tokens.mint_to(mint, account, amount)
    await trader.send(trader.margin.create(CreateMarginAccountParams()))
    if quote:
        await trader.send(trader.margin.deposit(DepositParams(setup.quote_mint, quote)))
    if base:
        await trader.send(trader.margin.deposit(DepositParams(setup.base_mint, base)))
    return trader


async def round_trip(
    setup: Setup,
    maker: KairosClient,
    taker: KairosClient,
    lots: int,
    open_price: int,
    close_price: int,
) -> None:
    """The taker opens a long of ``lots`` at ``open_price`` and closes it at ``close_price``
    (the maker quotes each side first); the crank applies the maker's fills.

    The oracle is published at ``open_price`` first: fills happen only within the
    market's price band around a fresh oracle (docs/ARCHITECTURE.md, "Price bands"),
    and other tests of the session move it.
    """
    market = setup.market_index
    async with setup.client() as admin:
        await admin.send(
            admin.oracles.update(
                UpdateOracleParams(setup.perp_oracle, open_price * ORACLE_PER_LOT_PRICE, 0)
            )
        )
    await maker.send(maker.orders.place(PlaceOrderParams(market, Side.ASK, open_price, lots)))
    await taker.send(taker.orders.place(PlaceOrderParams(market, Side.BID, open_price, lots)))
    await maker.send(maker.orders.place(PlaceOrderParams(market, Side.BID, close_price, lots)))
    await taker.send(taker.orders.place(PlaceOrderParams(market, Side.ASK, close_price, lots)))
    await maker.send(maker.orders.consume_events(ConsumeEventsParams(market)))


async def chain_events(rpc_url: str) -> set[tuple[str, int]]:
    """Every (signature, index) of a Kairos event in a successful transaction on the chain."""
    from kairos_service.indexer.rpc import Rpc

    rpc = Rpc(rpc_url)
    try:
        signatures: list[dict[str, Any]] = []
        before = None
        while True:
            config: dict[str, Any] = {"limit": 1000, "commitment": "confirmed"}
            if before:
                config["before"] = before
            page = await rpc.call("getSignaturesForAddress", str(PROGRAM_ID), config)
            signatures += page
            if len(page) < 1000:
                break
            before = page[-1]["signature"]
        out: set[tuple[str, int]] = set()
        for item in signatures:
            if item["err"] is not None:
                continue
            tx = await rpc.call("getTransaction", item["signature"], {
                "encoding": "json", "commitment": "confirmed",
                "maxSupportedTransactionVersion": 0,
            })  # fmt: skip
            events = parse_events(tx["meta"]["logMessages"])
            out |= {(item["signature"], i) for i in range(len(events))}
        return out
    finally:
        await rpc.close()


async def wait_for(predicate: Any, timeout: float = 30.0, step: float = 0.1) -> None:
    """Poll an async predicate until true (fails the test on timeout)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(step)


@contextlib.contextmanager
def running_service(config: Any) -> Iterator[str]:
    """``kairos serve``'s app under uvicorn on ``config.port`` in a thread; yields its URL."""
    import uvicorn
    from kairos_service.app import create_app

    server = uvicorn.Server(uvicorn.Config(create_app(config), port=config.port,
                                           log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline and thread.is_alive(), "service did not start"
            time.sleep(0.1)
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
