"""The localnet server: HTTP JSON-RPC on a port, websocket PubSub on port + 1.

As with solana-test-validator, PubSub listens on the RPC port + 1 (clients derive
one URL from the other). Both ports also accept the other protocol: a websocket
upgrade on the RPC port and JSON-RPC POSTs on the PubSub port, which costs nothing.

``Localnet`` runs in the caller's event loop; ``LocalnetThread`` runs one in a
background thread with its own loop, for synchronous code and for test fixtures
shared across tests whose event loops come and go.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import logging
import signal
import socket
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from aiohttp import web
from solders.keypair import Keypair

from kairos_localnet.ledger import Ledger
from kairos_localnet.limits import Limits
from kairos_localnet.programs import find_root, load_programs
from kairos_localnet.pubsub import PubSub
from kairos_localnet.rpc import SOLANA_CORE_VERSION, RpcHandler

log = logging.getLogger(__name__)

T = TypeVar("T")

_CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*"}


class PortsUnavailableError(OSError):
    """The RPC port or the PubSub port (RPC + 1) is taken."""


def free_port_pair(host: str = "127.0.0.1") -> int:
    """Return a port p such that p and p + 1 are both free right now."""
    for _ in range(100):
        with socket.socket() as first:
            first.bind((host, 0))
            port = int(first.getsockname()[1])
            if port >= 65535:
                continue
            with socket.socket() as second:
                try:
                    second.bind((host, port + 1))
                except OSError:
                    continue
        return port
    raise OSError("no two consecutive free ports found")


class Localnet:
    """The embedded local validator, served from the running event loop.

    ``programs`` are (program keypair, .so bytes) pairs deployed through the
    upgradeable loader at start; ``root`` adds the programs of its Anchor.toml
    (built first unless ``build`` is false). ``port=0`` picks free ports.
    ``limits`` bounds what one client can make the server do (see
    kairos_localnet.limits; the defaults follow Agave's).
    """

    def __init__(
        self,
        *,
        port: int = 0,
        slot_ms: int = 400,
        programs: Sequence[tuple[Keypair, bytes]] = (),
        root: Path | None = None,
        build: bool = True,
        host: str = "127.0.0.1",
        limits: Limits | None = None,
    ) -> None:
        if slot_ms <= 0:
            raise ValueError("slot_ms must be positive")
        self.host = host
        self.port = port
        self.slot_ms = slot_ms
        self.root = root
        self.build = build
        self._programs = list(programs)
        self.limits = limits or Limits()
        self.ledger = Ledger(slot_ms=slot_ms)
        self.pubsub = PubSub(self.ledger, limits=self.limits)
        self.rpc = RpcHandler(self.ledger, limits=self.limits)
        self.deployed: list[Keypair] = []
        self._runner: web.AppRunner | None = None
        self._ticker: asyncio.Task[None] | None = None

    @property
    def rpc_url(self) -> str:
        """HTTP JSON-RPC endpoint."""
        return f"http://{self.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        """Websocket PubSub endpoint (RPC port + 1)."""
        return f"ws://{self.host}:{self.port + 1}"

    @property
    def faucet(self) -> Keypair:
        """The funded keypair behind requestAirdrop (also the programs' upgrade authority)."""
        return self.ledger.faucet

    def warp_slot(self, slot: int) -> None:
        """Jump to ``slot``; the clock moves on by the skipped slots' duration."""
        self.ledger.warp_to_slot(slot)

    def warp_time(self, seconds: float) -> None:
        """Move the clock forward by ``seconds`` (and the slot with it)."""
        self.ledger.warp_time(seconds)

    async def start(self) -> None:
        """Deploy the programs, bind both ports and start the slot clock."""
        programs = list(self._programs)
        if self.root is not None:
            programs += load_programs(self.root, build=self.build)
        for keypair, so_bytes in programs:
            self.ledger.deploy(keypair, so_bytes)
            self.deployed.append(keypair)

        app = web.Application(client_max_size=self.limits.max_request_body_bytes)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        # AnchorPy labels its getMultipleAccounts batches gzip without compressing
        # them: read bodies as they come.
        runner = web.AppRunner(app, auto_decompress=False, access_log=None)
        await runner.setup()
        self._runner = runner
        try:
            await self._bind(runner)
        except BaseException:
            await runner.cleanup()
            self._runner = None
            raise
        self.rpc.rpc_address = f"{self.host}:{self.port}"
        self.rpc.pubsub_address = f"{self.host}:{self.port + 1}"
        self._ticker = asyncio.create_task(self._tick_forever())

    async def _bind(self, runner: web.AppRunner) -> None:
        attempts = 20 if self.port == 0 else 1
        for attempt in range(attempts):
            port = self.port or free_port_pair(self.host)
            sites = [web.TCPSite(runner, self.host, p) for p in (port, port + 1)]
            try:
                for site in sites:
                    await site.start()
            except OSError as exc:
                for site in sites:
                    with contextlib.suppress(Exception):
                        await site.stop()
                if attempt == attempts - 1:
                    raise PortsUnavailableError(
                        f"cannot listen on {self.host}:{port} and :{port + 1}: {exc}"
                    ) from exc
                continue
            self.port = port
            return

    async def stop(self) -> None:
        """Stop the clock, close websocket clients and release the ports."""
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
            self._ticker = None
        if self._runner is not None:
            await self.pubsub.close_all()
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Localnet:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _tick_forever(self) -> None:
        loop = asyncio.get_running_loop()
        interval = self.slot_ms / 1000
        deadline = loop.time() + interval
        while True:
            await asyncio.sleep(max(0.0, deadline - loop.time()))
            try:
                self.ledger.tick()
            except Exception:
                log.exception("slot tick failed")
            deadline += interval
            # After a stall (a long request, a suspended laptop) don't burst to catch up.
            if deadline < loop.time():
                deadline = loop.time() + interval

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        if request.method == "POST":
            body = await self.rpc.handle_body(await request.read())
            return web.Response(body=body or b"", content_type="application/json", headers=_CORS)
        if request.method == "GET":
            if request.headers.get("Upgrade", "").lower() == "websocket":
                ws = web.WebSocketResponse(max_msg_size=self.limits.max_ws_message_bytes)
                await ws.prepare(request)
                await self.pubsub.serve(ws, request.transport)
                return ws
            if request.path == "/health":
                return web.Response(text="ok", headers=_CORS)
        if request.method == "OPTIONS":
            return web.Response(headers={**_CORS, "Access-Control-Allow-Methods": "POST, OPTIONS"})
        return web.Response(
            status=405,
            text="Used HTTP Method is not allowed. POST or OPTIONS is required",
            headers=_CORS,
        )


class LocalnetThread:
    """A Localnet running in a daemon thread with its own event loop.

    Everything that touches the ledger runs on that loop (``call``), so the one
    LiteSVM still has a single owner.
    """

    def __init__(
        self,
        *,
        port: int = 0,
        slot_ms: int = 400,
        programs: Sequence[tuple[Keypair, bytes]] = (),
        root: Path | None = None,
        build: bool = True,
        host: str = "127.0.0.1",
        limits: Limits | None = None,
    ) -> None:
        self._factory = functools.partial(
            Localnet,
            port=port,
            slot_ms=slot_ms,
            programs=list(programs),
            root=root,
            build=build,
            host=host,
            limits=limits,
        )
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stop: asyncio.Event | None = None
        self._net: Localnet | None = None

    @property
    def net(self) -> Localnet:
        """The running Localnet (read its URLs; mutate it only through ``call``)."""
        if self._net is None:
            raise RuntimeError("localnet not started")
        return self._net

    @property
    def rpc_url(self) -> str:
        """HTTP JSON-RPC endpoint."""
        return self.net.rpc_url

    @property
    def ws_url(self) -> str:
        """Websocket PubSub endpoint."""
        return self.net.ws_url

    def start(self) -> LocalnetThread:
        """Start the thread and return once the ports are bound (or raise why not)."""
        ready: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._thread = threading.Thread(
            target=self._run, args=(ready,), name="kairos-localnet", daemon=True
        )
        self._thread.start()
        ready.result()
        return self

    def _run(self, ready: concurrent.futures.Future[None]) -> None:
        async def main() -> None:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            net = self._factory()
            try:
                await net.start()
            except BaseException as exc:
                ready.set_exception(exc)
                return
            self._net = net
            ready.set_result(None)
            try:
                await self._stop.wait()
            finally:
                await net.stop()

        asyncio.run(main())

    def call(self, fn: Callable[[Ledger], T]) -> T:
        """Run ``fn(ledger)`` on the localnet's loop and return its result."""
        if self._loop is None:
            raise RuntimeError("localnet not started")
        ledger = self.net.ledger

        async def run() -> T:
            return fn(ledger)

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result()

    def warp_slot(self, slot: int) -> None:
        """Jump to ``slot``."""
        self.call(lambda ledger: ledger.warp_to_slot(slot))

    def warp_time(self, seconds: float) -> None:
        """Move the clock forward by ``seconds``."""
        self.call(lambda ledger: ledger.warp_time(seconds))

    def stop(self) -> None:
        """Stop the server and join the thread."""
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._thread = None
        self._loop = None
        self._net = None

    def __enter__(self) -> LocalnetThread:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


StartupHook = Callable[["Localnet"], AbstractAsyncContextManager[list[str]]]
"""Run once the localnet serves (e.g. kairos_localnet.preset); yields banner lines."""


def run_localnet(
    port: int = 8899,
    slot_ms: int = 400,
    root: Path | None = None,
    *,
    on_start: StartupHook | None = None,
) -> None:
    """Serve the localnet until SIGINT/SIGTERM (the ``kairos localnet`` command).

    ``root`` defaults to the nearest directory above the cwd with Anchor.toml;
    without one, no program is deployed. ``on_start`` is entered once the ports
    serve and exited at shutdown; its lines are added to the banner.
    """
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        asyncio.run(_serve(port, slot_ms, root if root is not None else find_root(), on_start))
    except PortsUnavailableError as exc:
        raise SystemExit(f"kairos localnet: {exc}") from exc


async def _serve(
    port: int, slot_ms: int, root: Path | None, on_start: StartupHook | None = None
) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with (
        Localnet(port=port, slot_ms=slot_ms, root=root) as net,
        contextlib.AsyncExitStack() as hooks,
    ):
        lines = [
            f"Kairos localnet (LiteSVM; Agave {SOLANA_CORE_VERSION} RPC API)",
            f"JSON RPC URL: {net.rpc_url}",
            f"WebSocket URL: {net.ws_url}",
            f"Slot time: {slot_ms} ms",
            f"Faucet: {net.faucet.pubkey()}",
            f"Genesis hash: {net.ledger.genesis_hash}",
        ]
        lines += [f"Program: {kp.pubkey()}" for kp in net.deployed]
        if on_start is not None:
            lines += await hooks.enter_async_context(on_start(net))
        print("\n".join(lines), flush=True)
        await stop.wait()
