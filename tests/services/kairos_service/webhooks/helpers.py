"""Shared pieces of the webhook tests: event logs, a real HTTP receiver on loopback."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import json
import socket
from typing import Any

from aiohttp import web
from kairos.events import Deposited, KairosEvent
from kairos.program import PROGRAM_ID
from kairos.webhooks import SIGNATURE_HEADER, verify_signature
from solders.keypair import Keypair
from solders.pubkey import Pubkey


def logs_of(events: list[KairosEvent]) -> list[str]:
    """The log lines the program writes for ``events`` in one transaction."""
    lines = [f"Program {PROGRAM_ID} invoke [1]"]
    lines += ["Program data: " + base64.b64encode(e.encode()).decode() for e in events]
    lines.append(f"Program {PROGRAM_ID} success")
    return lines


def deposit(account: Pubkey, amount: int) -> Deposited:
    """A Deposited event of ``account``."""
    return Deposited(margin_account=account, asset=Keypair().pubkey(), amount=amount,
                     balance_after=amount, asset_total_deposits=amount,
                     asset_deposit_cap=10**12)  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclasses.dataclass
class Received:
    """One POST the receiver accepted (2xx)."""

    path: str
    event_id: str
    delivery_id: int
    attempt: int
    body: dict[str, Any]


class Receiver:
    """A real aiohttp server on 127.0.0.1 that verifies signatures and can misbehave.

    ``mode`` per path: "ok", "500", "hang" (sleeps past any timeout), "slow" (records the
    delivery, then answers after 0.5 s). ``down()`` stops
    listening (connection refused), ``up()`` listens again on the same port.
    """

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.port = free_port()
        self.modes: dict[str, str] = {}
        self.received: list[Received] = []
        self.refused = 0
        self.bad_signatures = 0
        self.in_flight = 0  # "slow" requests recorded but not yet answered
        self.runner: web.AppRunner | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    async def _handle(self, request: web.Request) -> web.Response:
        path = request.path.lstrip("/")
        raw = await request.read()
        try:
            verify_signature(raw, request.headers.get(SIGNATURE_HEADER), self.secret, 300)
        except ValueError:
            self.bad_signatures += 1
            return web.Response(status=400, text="bad signature")
        mode = self.modes.get(path, "ok")
        if mode == "hang":
            await asyncio.sleep(3600)
        if mode == "500":
            self.refused += 1
            return web.Response(status=500, text="try later")
        body = json.loads(raw)
        assert request.headers["Idempotency-Key"] == body["id"]
        self.received.append(Received(
            path, request.headers["Kairos-Event-Id"], int(request.headers["Kairos-Delivery-Id"]),
            int(request.headers["Kairos-Attempt"]), body,
        ))  # fmt: skip
        if mode == "slow":  # accepted and recorded, answered late
            self.in_flight += 1
            try:
                await asyncio.sleep(0.5)
            finally:
                self.in_flight -= 1
        return web.Response(status=200, text="ok")

    async def up(self) -> None:
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._handle)
        self.runner = web.AppRunner(app, shutdown_timeout=0.1)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port, reuse_address=True).start()

    async def down(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None


class ThreadedReceiver:
    """A :class:`Receiver` on its own event loop in a thread (for sync tests)."""

    def __init__(self, secret: str) -> None:
        import threading

        self.receiver = Receiver(secret)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self.receiver.up(), self.loop).result(10)
        return self.receiver

    def __exit__(self, *_exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.receiver.down(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
