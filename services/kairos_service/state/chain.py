"""Program accounts kept current by one ``programSubscribe`` (the SDK decodes them).

Subscribe first, then load (``getProgramAccounts`` per account type, with the answer's
context slot), keeping for every account the version of the newest slot: an update
that races the load is never overwritten by the older read. Order books and event
queues are not kept (large, and not needed for account state). A margin account not
yet seen is read on demand and then kept current by the same subscription.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import dataclasses
import json
import logging
from typing import Any

import websockets
from based58 import b58encode
from kairos.accounts import (
    ACCOUNT_TYPES,
    EventQueue,
    Orderbook,
    decode_any_account,
)
from solders.pubkey import Pubkey

from kairos_service.indexer.rpc import Rpc

log = logging.getLogger("kairos_service.state")

KEPT_TYPES = tuple(cls for cls in ACCOUNT_TYPES if cls not in (Orderbook, EventQueue))


@dataclasses.dataclass(frozen=True)
class Versioned:
    """An account as of a slot."""

    slot: int
    lamports: int
    account: Any  # a KairosAccount subclass


class ChainCache:
    """Decoded Kairos accounts by address, each with the slot of its last update."""

    def __init__(self, rpc_url: str, ws_url: str, program_id: Pubkey) -> None:
        self.rpc = Rpc(rpc_url)
        self.ws_url = ws_url
        self.program_id = program_id
        self.accounts: dict[Pubkey, Versioned] = {}
        self.ready = asyncio.Event()  # set while loaded and following
        self.following = False  # True while run() is active
        self.slot = 0
        self.listeners: list[Any] = []

    async def close(self) -> None:
        """Close the RPC client."""
        await self.rpc.close()

    def put(self, key: Pubkey, slot: int, lamports: int, data: bytes) -> None:
        """Keep ``data`` if it is at least as new as what is kept (closed: removed)."""
        current = self.accounts.get(key)
        if current is not None and current.slot > slot:
            return
        self.slot = max(self.slot, slot)
        if lamports == 0 or len(data) < 8:
            self.accounts.pop(key, None)
            return
        if not any(data[:8] == cls.discriminator() for cls in KEPT_TYPES):
            return
        try:
            account = decode_any_account(data)
        except Exception:  # noqa: BLE001 - an account of another layout version: skip it
            log.warning("could not decode account %s", key)
            return
        self.accounts[key] = Versioned(slot, lamports, account)
        for listener in self.listeners:
            listener(key, self.accounts[key])

    def of_type(self, cls: type[Any]) -> dict[Pubkey, Versioned]:
        """The kept accounts of one type."""
        return {k: v for k, v in self.accounts.items() if isinstance(v.account, cls)}

    async def load(self) -> None:
        """Read every kept account type once (``getProgramAccounts`` with a memcmp filter)."""
        for cls in KEPT_TYPES:
            if cls.__name__ == "MarginAccount":
                continue  # read on demand, then kept current by the subscription
            answer = await self.rpc.call(
                "getProgramAccounts",
                str(self.program_id),
                {
                    "encoding": "base64",
                    "withContext": True,
                    "commitment": "confirmed",
                    "filters": [
                        {"memcmp": {"offset": 0, "bytes": b58encode(cls.discriminator())
                                    .decode()}}
                    ],
                },
            )  # fmt: skip
            slot = int(answer["context"]["slot"])
            for item in answer["value"]:
                self._put_json(Pubkey.from_string(item["pubkey"]), slot, item["account"])

    def _put_json(self, key: Pubkey, slot: int, account: dict[str, Any] | None) -> None:
        if account is None:
            self.put(key, slot, 0, b"")
            return
        self.put(key, slot, int(account["lamports"]), base64.b64decode(account["data"][0]))

    async def ensure(self, keys: list[Pubkey]) -> None:
        """Read the given accounts now if they are not kept yet."""
        missing = [key for key in keys if key not in self.accounts]
        if not missing:
            return
        answer = await self.rpc.call(
            "getMultipleAccounts",
            [str(key) for key in missing],
            {"encoding": "base64", "commitment": "confirmed"},
        )
        slot = int(answer["context"]["slot"])
        for key, account in zip(missing, answer["value"], strict=True):
            self._put_json(key, slot, account)

    async def follow_once(self, stop: asyncio.Event | None = None) -> None:
        """Subscribe, load, then apply notifications until the socket drops."""
        self.ready.clear()
        async with websockets.connect(self.ws_url, max_size=None, ping_interval=20) as ws:
            await ws.send(json.dumps({
                "jsonrpc": "2.0", "id": 1, "method": "programSubscribe",
                "params": [str(self.program_id),
                           {"encoding": "base64", "commitment": "confirmed"}],
            }))  # fmt: skip

            async def receive() -> None:
                async for raw in ws:
                    message = json.loads(raw)
                    if message.get("method") == "programNotification":
                        result = message["params"]["result"]
                        value = result["value"]
                        self._put_json(
                            Pubkey.from_string(value["pubkey"]),
                            int(result["context"]["slot"]),
                            value["account"],
                        )
                    elif "error" in message:
                        raise RuntimeError(f"programSubscribe failed: {message['error']}")

            receiver = asyncio.create_task(receive())
            try:
                await self.load()
                # Margin accounts already kept are re-read: updates while down were missed.
                margin = [k for k, v in self.accounts.items() if v.account.idl_name() ==
                          "MarginAccount"]  # fmt: skip
                for key in margin:
                    self.accounts.pop(key, None)
                await self.ensure(margin)
                self.ready.set()
                waiters: set[asyncio.Future[Any]] = {receiver}
                stopper = asyncio.create_task(stop.wait()) if stop is not None else None
                if stopper is not None:
                    waiters.add(stopper)
                try:
                    done, _ = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    if stopper is not None:
                        stopper.cancel()
                if receiver in done:
                    receiver.result()
                    raise ConnectionError("the PubSub socket closed")
            finally:
                self.ready.clear()
                receiver.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await receiver

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """Follow forever, reconnecting after a drop."""
        self.following = True
        try:
            await self._run(stop)
        finally:
            self.following = False

    async def _run(self, stop: asyncio.Event | None) -> None:
        while stop is None or not stop.is_set():
            try:
                await self.follow_once(stop)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - reconnect after any failure
                log.warning("account subscription ended (%s); reconnecting", exc)
            await asyncio.sleep(1.0)
