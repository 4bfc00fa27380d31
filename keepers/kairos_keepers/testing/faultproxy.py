"""A fault-injecting HTTP + websocket proxy in front of a Solana RPC, for tests and chaos runs.

It listens on 127.0.0.1 only, on a port pair (p for JSON-RPC, p + 1 for PubSub, as
solana-test-validator; both ports accept both protocols) and forwards to the
upstream RPC and websocket URLs, injecting faults chosen with a seeded RNG:

- ``drop_rate``: the request is dropped, by a TCP reset (``drop_mode="reset"``) or by
  holding it unanswered for ``hang_seconds`` then closing (``"timeout"``), or either;
- ``rate_limit_rate``: answered HTTP 429 with ``Retry-After: retry_after``;
- ``latency`` (+ uniform ``latency_jitter``) before forwarding;
- ``blackhole_methods``: answered as if accepted but never forwarded (e.g.
  ``sendTransaction``: the RPC says "sent", the transaction never lands);
- ``methods``: restrict drop/429 faults to these JSON-RPC methods;
- :meth:`FaultProxy.drop_websockets` cuts every proxied websocket abruptly, and
  ``ws_refuse`` refuses new ones (the client stays disconnected).

Faults can be changed while it runs (assign ``proxy.faults``). It is bounded: at
most ``max_connections`` requests in flight (503 beyond), request bodies up to 4 MiB,
hangs of at most 30 s.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import contextlib
import dataclasses
import json
import random
import socket
import struct
from typing import Any

import aiohttp
from aiohttp import WSMsgType, web
from based58 import b58decode
from solders.transaction import VersionedTransaction

LOOPBACK = "127.0.0.1"
MAX_BODY = 4 * 1024 * 1024
MAX_HANG = 30.0


@dataclasses.dataclass(frozen=True)
class Faults:
    """What to inject (see the module doc). Rates are fractions of requests, 0 to 1."""

    drop_rate: float = 0.0
    drop_mode: str = "reset"  # "reset", "timeout" or "mixed"
    rate_limit_rate: float = 0.0
    retry_after: float | None = 0.05
    latency: float = 0.0
    latency_jitter: float = 0.0
    hang_seconds: float = 2.0
    methods: frozenset[str] | None = None
    blackhole_methods: frozenset[str] = frozenset()
    ws_refuse: bool = False

    def __post_init__(self) -> None:
        for name in ("drop_rate", "rate_limit_rate"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be in [0, 1] (got {value})")
        if self.drop_rate + self.rate_limit_rate > 1.0:
            raise ValueError("drop_rate + rate_limit_rate must not exceed 1")
        if self.drop_mode not in ("reset", "timeout", "mixed"):
            raise ValueError("drop_mode must be reset, timeout or mixed")
        if not 0 <= self.hang_seconds <= MAX_HANG:
            raise ValueError(f"hang_seconds must be in [0, {MAX_HANG}]")
        if self.latency < 0 or self.latency_jitter < 0:
            raise ValueError("latency must not be negative")


@dataclasses.dataclass
class ProxyStats:
    """What the proxy did, by kind of fault."""

    requests: int = 0
    forwarded: int = 0
    resets: int = 0
    timeouts: int = 0
    rate_limited: int = 0
    blackholed: int = 0
    rejected: int = 0
    ws_connections: int = 0
    ws_refused: int = 0
    ws_dropped: int = 0
    by_method: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)

    @property
    def dropped(self) -> int:
        """Requests dropped by reset or timeout."""
        return self.resets + self.timeouts


def _free_port_pair() -> int:
    for _ in range(100):
        with socket.socket() as first:
            first.bind((LOOPBACK, 0))
            port = int(first.getsockname()[1])
            if port >= 65535:
                continue
            with socket.socket() as second:
                try:
                    second.bind((LOOPBACK, port + 1))
                except OSError:
                    continue
            return port
    raise OSError("no two consecutive free ports on 127.0.0.1")


def _methods_of(body: bytes) -> list[str]:
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return []
    items = payload if isinstance(payload, list) else [payload]
    return [str(i.get("method")) for i in items if isinstance(i, dict) and "method" in i]


def _request_id(body: bytes) -> Any:
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    return payload.get("id") if isinstance(payload, dict) else None


def _blackhole_answer(body: bytes) -> bytes:
    """A success answer for a request that is swallowed (sendTransaction: its signature)."""
    request = json.loads(body)
    result: Any = None
    if request.get("method") == "sendTransaction":
        params = request.get("params") or []
        config = params[1] if len(params) > 1 and isinstance(params[1], dict) else {}
        raw = params[0] if params else ""
        if config.get("encoding") == "base64":
            wire = base64.b64decode(raw)
        else:  # sendTransaction's default encoding is base58
            wire = b58decode(raw.encode())
        result = str(VersionedTransaction.from_bytes(wire).signatures[0])
    answer = {"jsonrpc": "2.0", "result": result, "id": request.get("id")}
    return json.dumps(answer).encode()


async def _relay(source: Any, sink: Any) -> None:
    """Forward text and binary frames from one websocket to the other until another kind.

    (aiohttp's server and client websockets share this interface, not a type.)
    """
    async for message in source:
        if message.type == WSMsgType.TEXT:
            await sink.send_str(message.data)
        elif message.type == WSMsgType.BINARY:
            await sink.send_bytes(message.data)
        else:
            break


def _reset(request: web.BaseRequest) -> None:
    """Close the client's connection with a TCP RST (SO_LINGER 0), like a crashed proxy."""
    transport = request.transport
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


class FaultProxy:
    """The proxy (see the module doc); use ``async with FaultProxy(rpc_url) as proxy``."""

    def __init__(
        self,
        upstream_rpc: str,
        upstream_ws: str | None = None,
        *,
        faults: Faults | None = None,
        seed: int = 0,
        max_connections: int = 256,
    ) -> None:
        from kairos_keepers.config import derive_ws_url

        self.upstream_rpc = upstream_rpc
        self.upstream_ws = upstream_ws or derive_ws_url(upstream_rpc)
        self.faults = faults or Faults()
        self.stats = ProxyStats()
        self._rng = random.Random(seed)
        self._max_connections = max_connections
        self._in_flight = 0
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        # Proxied websockets by id: requests are not hashable.
        self._sockets: dict[int, web.BaseRequest] = {}

    @property
    def rpc_url(self) -> str:
        """The proxied JSON-RPC URL."""
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def ws_url(self) -> str:
        """The proxied PubSub URL (RPC port + 1)."""
        return f"ws://{LOOPBACK}:{self.port + 1}"

    async def start(self) -> None:
        """Bind the port pair on 127.0.0.1 and start forwarding."""
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=60), auto_decompress=False
        )
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await runner.setup()
        for attempt in range(20):
            port = _free_port_pair()
            sites = [web.TCPSite(runner, LOOPBACK, p) for p in (port, port + 1)]
            try:
                for site in sites:
                    await site.start()
            except OSError:
                for site in sites:
                    with contextlib.suppress(Exception):
                        await site.stop()
                if attempt == 19:
                    await runner.cleanup()
                    raise
                continue
            self.port = port
            break
        self._runner = runner

    async def stop(self) -> None:
        """Close every connection and release the ports."""
        await self.drop_websockets(count=False)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> FaultProxy:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def drop_websockets(self, *, count: bool = True) -> int:
        """Cut every proxied websocket abruptly (no close frame); return how many."""
        dropped = 0
        for request in list(self._sockets.values()):
            _reset(request)
            dropped += 1
        self._sockets.clear()
        if count:
            self.stats.ws_dropped += dropped
        return dropped

    @property
    def websocket_count(self) -> int:
        """Websockets currently proxied."""
        return len(self._sockets)

    # --- HTTP -----------------------------------------------------------------------

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        if request.headers.get("Upgrade", "").lower() == "websocket":
            return await self._proxy_websocket(request)
        if request.method != "POST":
            return web.Response(status=405, text="POST only")
        if self._in_flight >= self._max_connections:
            self.stats.rejected += 1
            return web.Response(status=503, text="fault proxy: too many requests in flight")
        self._in_flight += 1
        try:
            return await self._proxy_post(request)
        finally:
            self._in_flight -= 1

    async def _proxy_post(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        faults = self.faults
        methods = _methods_of(body)
        self.stats.requests += 1
        for method in methods:
            self.stats.by_method[method] += 1
        if faults.latency or faults.latency_jitter:
            await asyncio.sleep(faults.latency + self._rng.uniform(0, faults.latency_jitter))
        if methods and all(m in faults.blackhole_methods for m in methods) and len(methods) == 1:
            self.stats.blackholed += 1
            return web.Response(body=_blackhole_answer(body), content_type="application/json")
        targeted = faults.methods is None or any(m in faults.methods for m in methods)
        roll = self._rng.random() if targeted else 1.0
        if roll < faults.drop_rate:
            mode = faults.drop_mode
            if mode == "mixed":
                mode = "reset" if self._rng.random() < 0.5 else "timeout"
            if mode == "timeout":
                self.stats.timeouts += 1
                await asyncio.sleep(faults.hang_seconds)
            else:
                self.stats.resets += 1
            _reset(request)
            # The connection is gone; aiohttp discards whatever is returned.
            return web.Response(status=500)
        if roll < faults.drop_rate + faults.rate_limit_rate:
            self.stats.rate_limited += 1
            headers = {}
            if faults.retry_after is not None:
                headers["Retry-After"] = f"{faults.retry_after:g}"
            # Hosted RPCs answer a JSON-RPC error body with the 429 status.
            error = {"code": 429, "message": "Too many requests"}
            answer = json.dumps({"jsonrpc": "2.0", "error": error, "id": _request_id(body)})
            return web.Response(
                status=429, text=answer, headers=headers, content_type="application/json"
            )
        assert self._session is not None
        try:
            async with self._session.post(
                self.upstream_rpc,
                data=body,
                headers={"Content-Type": request.headers.get("Content-Type", "application/json")},
            ) as upstream:
                payload = await upstream.read()
                self.stats.forwarded += 1
                return web.Response(
                    status=upstream.status,
                    body=payload,
                    content_type=upstream.content_type or "application/json",
                )
        except (aiohttp.ClientError, TimeoutError) as exc:
            # The upstream itself failed: say so as a gateway would.
            return web.Response(status=502, text=f"fault proxy: upstream failed: {exc}")

    # --- websocket ------------------------------------------------------------------

    async def _proxy_websocket(self, request: web.Request) -> web.StreamResponse:
        if self.faults.ws_refuse:
            self.stats.ws_refused += 1
            _reset(request)
            return web.Response(status=503)
        client = web.WebSocketResponse(max_msg_size=MAX_BODY)
        await client.prepare(request)
        assert self._session is not None
        self.stats.ws_connections += 1
        entry = id(client)
        self._sockets[entry] = request
        try:
            async with self._session.ws_connect(self.upstream_ws, max_msg_size=MAX_BODY) as up:
                pump = asyncio.ensure_future(_relay(up, client))
                try:
                    await _relay(client, up)
                finally:
                    pump.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await pump
        except (aiohttp.ClientError, ConnectionError, RuntimeError):
            pass
        finally:
            self._sockets.pop(entry, None)
            if not client.closed:
                with contextlib.suppress(Exception):
                    await client.close()
        return client
