"""Websocket subscriptions that survive dropped sockets, with a polling fallback.

:class:`Subscriptions` holds account, program, slot and logs subscriptions over one
PubSub websocket and delivers their updates as one async iterator. When the socket
drops it reconnects with full-jitter backoff and subscribes again; while it is
down, the same data is polled over JSON-RPC every ``poll_interval``
(getMultipleAccounts for accounts, getProgramAccounts for programs, getSlot,
getSignaturesForAddress + getTransaction for logs that mention an address), so no
change is missed. After every (re)subscription one more poll covers the moment
between the last poll and the subscriptions becoming active.

Updates are deduplicated: an account is delivered when its contents change (and
never older than what was already delivered), a slot when it advances, a
transaction's logs once. At start the current state of every subscribed account
is delivered (the first poll), so a keeper needs no separate initial fetch.

Every wait with a deadline here is ``asyncio.timeout``, never ``asyncio.wait_for``:
on Python 3.11, ``wait_for`` returns the awaited result when its task is cancelled
in the event-loop turn that result arrives, and the cancellation is lost. A
:meth:`Subscriptions.close` landing as a subscription was answered left the
connection loop running on to await its reader, which nothing cancels, and close()
(a keeper's shutdown) never returned.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import hashlib
import itertools
import json
import random
from collections.abc import AsyncIterator, Sequence
from typing import Any

import websockets
from solders.account import Account
from solders.pubkey import Pubkey
from solders.signature import Signature
from websockets.asyncio.client import ClientConnection

from kairos_keepers.errors import RpcError
from kairos_keepers.logging import StructuredLogger, get_logger
from kairos_keepers.metrics import KeeperMetrics
from kairos_keepers.retry import RetryPolicy
from kairos_keepers.rpc import RateLimitedRpc, decode_account, transaction_error_json
from kairos_keepers.sharding import Shard

WS = "ws"
POLL = "poll"
_SEEN_SIGNATURES = 4096
_MAX_MESSAGE = 16 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class AccountUpdate:
    """An account's new contents; ``account`` is None when it was closed."""

    pubkey: Pubkey
    account: Account | None
    slot: int
    source: str


@dataclasses.dataclass(frozen=True)
class SlotUpdate:
    """The cluster reached ``slot``."""

    slot: int
    source: str


@dataclasses.dataclass(frozen=True)
class LogsUpdate:
    """A transaction's logs."""

    signature: Signature
    err: Any
    logs: tuple[str, ...]
    slot: int
    source: str


Update = AccountUpdate | SlotUpdate | LogsUpdate


@dataclasses.dataclass(eq=False)
class _Spec:
    kind: str  # "account", "program", "slot", "logs"
    key: Pubkey | None = None
    filters: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    ws_id: int | None = None
    members: set[Pubkey] = dataclasses.field(default_factory=set)
    cursor: Signature | None = None  # newest signature handled (logs)
    cursor_ready: bool = False

    def request(self, commitment: str) -> tuple[str, list[Any]]:
        config: dict[str, Any] = {"commitment": commitment}
        if self.kind == "account":
            return "accountSubscribe", [str(self.key), {**config, "encoding": "base64"}]
        if self.kind == "program":
            cfg = {**config, "encoding": "base64"}
            if self.filters:
                cfg["filters"] = self.filters
            return "programSubscribe", [str(self.key), cfg]
        if self.kind == "slot":
            return "slotSubscribe", []
        target: Any = "all" if self.key is None else {"mentions": [str(self.key)]}
        return "logsSubscribe", [target, config]


def _digest(account: Account | None) -> bytes:
    if account is None:
        return b""
    h = hashlib.blake2b(digest_size=16)
    h.update(account.lamports.to_bytes(8, "little"))
    h.update(bytes(account.owner))
    h.update(b"\x01" if account.executable else b"\x00")
    h.update(bytes(account.data))
    return h.digest()


class Subscriptions:
    """Account/program/slot/logs subscriptions with reconnect and polling fallback."""

    def __init__(
        self,
        rpc: RateLimitedRpc,
        ws_url: str,
        *,
        commitment: str = "confirmed",
        poll_interval: float = 1.0,
        reconnect: RetryPolicy | None = None,
        metrics: KeeperMetrics | None = None,
        log: StructuredLogger | None = None,
        shard: Shard | None = None,
        queue_size: int = 10_000,
        connect_timeout: float = 10.0,
        request_timeout: float = 10.0,
        rng: random.Random | None = None,
    ) -> None:
        self.rpc = rpc
        self.ws_url = ws_url
        self.commitment = commitment
        self.poll_interval = poll_interval
        # Reconnect forever; the policy only shapes the delays.
        self.reconnect = reconnect or RetryPolicy(max_attempts=1, base_delay=0.25, max_delay=10.0)
        self.metrics = metrics
        self.log = log or get_logger()
        self.shard = shard or Shard()
        self.connect_timeout = connect_timeout
        self.request_timeout = request_timeout
        self._rng = rng or random.Random()
        self._specs: list[_Spec] = []
        self._by_ws_id: dict[int, _Spec] = {}
        self._accounts: dict[Pubkey, tuple[int, bytes, int | None]] = {}
        """Per account: the slot and digest delivered, and the websocket connection
        (its number) whose notification delivered them (None: a poll)."""
        self._last_slot = -1
        self._seen_signatures: collections.OrderedDict[Signature, None] = collections.OrderedDict()
        self._queue: asyncio.Queue[Update | None] = asyncio.Queue(maxsize=queue_size)
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._ws: ClientConnection | None = None
        self._connected = asyncio.Event()
        self._disconnected = asyncio.Event()
        self._disconnected.set()
        self._closed = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._started = False
        self._poll_lock = asyncio.Lock()
        self.connections = 0
        """Successful websocket connections so far (the first one included)."""

    # --- what to watch --------------------------------------------------------------

    def account(self, key: Pubkey) -> None:
        """Watch one account."""
        self._add(_Spec("account", key))

    def accounts(self, keys: Sequence[Pubkey]) -> None:
        """Watch several accounts."""
        for key in keys:
            self.account(key)

    def program(self, program_id: Pubkey, filters: Sequence[dict[str, Any]] = ()) -> None:
        """Watch every account of a program matching ``filters`` (this shard's only)."""
        self._add(_Spec("program", program_id, list(filters)))

    def slots(self) -> None:
        """Watch the slot."""
        self._add(_Spec("slot"))

    def logs(self, mentions: Pubkey | None = None) -> None:
        """Watch transaction logs mentioning ``mentions`` (None: all; no polling fallback)."""
        self._add(_Spec("logs", mentions))

    def _add(self, spec: _Spec) -> None:
        self._specs.append(spec)
        if self._started:
            self._spawn(self._activate(spec))

    async def _activate(self, spec: _Spec) -> None:
        ws = self._ws
        if ws is not None and self._connected.is_set():
            with contextlib.suppress(Exception):
                await self._subscribe(ws, spec)
        await self._poll_spec(spec)

    # --- lifecycle ------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        """True while the websocket is connected and subscribed."""
        return self._connected.is_set()

    async def start(self) -> None:
        """Connect (in the background) and start polling until connected."""
        if self._started:
            return
        self._started = True
        self._spawn(self._connection_loop())
        self._spawn(self._poll_loop())

    async def close(self) -> None:
        """Stop everything; iterators end after the queued updates."""
        if self._closed.is_set():
            return
        self._closed.set()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        # Their errors are theirs; a cancellation of close() itself still propagates.
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()
        # Wake a consumer blocked in get() without waiting on a full queue.
        with contextlib.suppress(asyncio.QueueFull):
            self._queue.put_nowait(None)

    async def __aenter__(self) -> Subscriptions:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def _spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def wait_connected(self, timeout: float | None = None) -> bool:
        """Wait until connected; False on timeout."""
        try:
            async with asyncio.timeout(timeout):
                await self._connected.wait()
        except TimeoutError:
            return False
        return True

    async def drop_connection(self) -> None:
        """Close the websocket as if it dropped (tests, operator tooling)."""
        if self._ws is not None:
            await self._ws.close()

    # --- consuming ------------------------------------------------------------------

    async def get(self, timeout: float | None = None) -> Update | None:
        """The next update; None on timeout or once closed."""
        if self._closed.is_set():
            # Once closed, consumers stop: whatever a last poll queued is dropped.
            return None
        # Take a queued update first: a zero timeout expires before an awaited get()
        # ever runs, so it would never see one.
        try:
            item = self._queue.get_nowait()
        except asyncio.QueueEmpty:
            try:
                async with asyncio.timeout(timeout):
                    item = await self._queue.get()
            except TimeoutError:
                return None
        if item is None:
            with contextlib.suppress(asyncio.QueueFull):
                self._queue.put_nowait(None)  # keep other consumers waking up too
        return item

    def __aiter__(self) -> AsyncIterator[Update]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Update]:
        while True:
            item = await self.get()
            if item is None:
                return
            yield item

    async def _emit(self, update: Update) -> None:
        if self.metrics is not None:
            kind = type(update).__name__.removesuffix("Update").lower()
            self.metrics.subscription_update(kind, update.source)
        await self._queue.put(update)

    async def _offer_account(
        self, key: Pubkey, account: Account | None, slot: int, source: str
    ) -> None:
        if account is not None and account.lamports == 0:
            account = None  # a closed account, as a notification reports it
        digest = _digest(account)
        known = self._accounts.get(key)
        via = self.connections if source == WS else None
        if known is not None:
            known_slot, known_digest, known_via = known
            if slot < known_slot:
                return  # older than what was delivered (a poll racing a notification)
            if digest == known_digest:
                self._accounts[key] = (slot, digest, known_via if slot == known_slot else via)
                return
            if (
                slot == known_slot
                and source == POLL
                and account is not None
                and self._live_notification(known_via)
            ):
                # A poll that read the same slot as a notification of the live
                # subscription: it cannot be told newer by the slot (a cluster that
                # executes inside the current slot reports one slot for several
                # writes), and it is no newer than the notification stream, which
                # reports every later change (a close of a program account aside,
                # hence only values). Replacing would bring back an older value.
                return
        elif account is None:
            self._accounts[key] = (slot, digest, via)
            return  # never seen and still absent: nothing to tell
        self._accounts[key] = (slot, digest, via)
        await self._emit(AccountUpdate(key, account, slot, source))

    def _live_notification(self, via: int | None) -> bool:
        """True if ``via`` is the current connection and it is subscribed."""
        return via is not None and via == self.connections and self.connected

    async def _offer_slot(self, slot: int, source: str) -> None:
        if slot > self._last_slot:
            self._last_slot = slot
            await self._emit(SlotUpdate(slot, source))

    def _first_sight(self, signature: Signature) -> bool:
        if signature in self._seen_signatures:
            return False
        self._seen_signatures[signature] = None
        while len(self._seen_signatures) > _SEEN_SIGNATURES:
            self._seen_signatures.popitem(last=False)
        return True

    # --- websocket ------------------------------------------------------------------

    async def _connection_loop(self) -> None:
        failures = 0
        while not self._closed.is_set():
            try:
                async with websockets.connect(
                    self.ws_url,
                    open_timeout=self.connect_timeout,
                    max_size=_MAX_MESSAGE,
                    close_timeout=1,
                ) as ws:
                    self._ws = ws
                    reader = asyncio.ensure_future(self._read(ws))
                    try:
                        # Index, not a copy: a spec added while this pass awaits is
                        # appended and still subscribed here. There is no await between
                        # the last check and _set_connected, so none can slip between
                        # this pass and _activate's connected test.
                        subscribed = 0
                        while subscribed < len(self._specs):
                            await self._subscribe(ws, self._specs[subscribed])
                            subscribed += 1
                        self.connections += 1
                        self._set_connected(True)
                        failures = 0
                        await self._poll_all(reason="resubscribed")
                        await reader
                    finally:
                        reader.cancel()
                        with contextlib.suppress(asyncio.CancelledError, Exception):
                            await reader
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.log.warning("ws_error", url=self.ws_url, error=f"{type(exc).__name__}: {exc}")
            finally:
                self._ws = None
                self._fail_pending()
                if self._connected.is_set():
                    self._set_connected(False)
            if self._closed.is_set():
                return
            delay = self.reconnect.backoff(failures, self._rng)
            failures += 1
            self.log.info("ws_reconnecting", delay=round(delay, 3), attempt=failures)
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(delay):
                    await self._closed.wait()

    def _set_connected(self, connected: bool) -> None:
        if connected:
            self._disconnected.clear()
            self._connected.set()
            self.log.info("ws_connected", url=self.ws_url, subscriptions=len(self._specs))
        else:
            self._connected.clear()
            self._disconnected.set()
            for spec in self._specs:
                spec.ws_id = None
            self._by_ws_id.clear()
            if self._closed.is_set():  # our own shutdown, not a lost connection
                self.log.info("ws_closed", url=self.ws_url)
                if self.metrics is not None:
                    self.metrics.ws_connected.labels(self.metrics.keeper).set(0)
                return
            self.log.warning("ws_disconnected", url=self.ws_url)
        if self.metrics is not None:
            self.metrics.ws_state(connected, reconnected=connected and self.connections > 1)

    def _fail_pending(self) -> None:
        for future in self._pending.values():
            if not future.done():
                future.set_exception(ConnectionError("websocket closed"))
        self._pending.clear()

    async def _subscribe(self, ws: ClientConnection, spec: _Spec) -> None:
        method, params = spec.request(self.commitment)
        request_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = future
        message = {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}
        await ws.send(json.dumps(message))
        try:
            async with asyncio.timeout(self.request_timeout):
                sub_id = await future
        finally:
            self._pending.pop(request_id, None)
        spec.ws_id = int(sub_id)
        self._by_ws_id[spec.ws_id] = spec

    async def _read(self, ws: ClientConnection) -> None:
        async for message in ws:
            try:
                payload = json.loads(message)
            except ValueError:
                continue
            for item in payload if isinstance(payload, list) else [payload]:
                if isinstance(item, dict):
                    await self._handle(item)

    async def _handle(self, item: dict[str, Any]) -> None:
        if "id" in item and item.get("id") in self._pending:
            future = self._pending[item["id"]]
            if not future.done():
                if "error" in item:
                    future.set_exception(RuntimeError(f"subscribe failed: {item['error']}"))
                else:
                    future.set_result(item.get("result"))
            return
        params = item.get("params")
        if not isinstance(params, dict):
            return
        spec = self._by_ws_id.get(params.get("subscription", -1))
        if spec is None:
            return
        result: Any = params.get("result")
        method = item.get("method")
        try:
            if method == "accountNotification" and spec.key is not None:
                slot = int(result["context"]["slot"])
                await self._offer_account(spec.key, decode_account(result["value"]), slot, WS)
            elif method == "programNotification":
                slot = int(result["context"]["slot"])
                value = result["value"]
                key = Pubkey.from_string(value["pubkey"])
                if self.shard.owns(key):
                    spec.members.add(key)
                    await self._offer_account(key, decode_account(value["account"]), slot, WS)
            elif method == "slotNotification":
                await self._offer_slot(int(result["slot"]), WS)
            elif method == "logsNotification":
                value = result["value"]
                signature = Signature.from_string(value["signature"])
                spec.cursor = signature
                if self._first_sight(signature):
                    slot = int(result["context"]["slot"])
                    logs = tuple(value.get("logs") or ())
                    await self._emit(LogsUpdate(signature, value.get("err"), logs, slot, WS))
        except (KeyError, TypeError, ValueError) as exc:
            self.log.warning("ws_bad_notification", method=method, error=str(exc))

    # --- polling --------------------------------------------------------------------

    async def _poll_loop(self) -> None:
        while not self._closed.is_set():
            await self._disconnected.wait()
            await self._poll_all(reason="disconnected")
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.poll_interval):
                    await self._connected.wait()

    async def _poll_all(self, reason: str) -> None:
        # One poll at a time: the catch-up poll and the fallback loop may overlap.
        async with self._poll_lock:
            accounts = [s for s in self._specs if s.kind == "account" and s.key is not None]
            try:
                if accounts:
                    await self._poll_accounts(accounts)
                for spec in list(self._specs):
                    if spec.kind != "account":
                        await self._poll_one(spec)
            except RpcError as exc:
                self.log.warning("poll_failed", reason=reason, error=str(exc))

    async def _poll_spec(self, spec: _Spec) -> None:
        async with self._poll_lock:
            try:
                if spec.kind == "account":
                    await self._poll_accounts([spec])
                else:
                    await self._poll_one(spec)
            except RpcError as exc:
                self.log.warning("poll_failed", reason="added", error=str(exc))

    async def _poll_accounts(self, specs: Sequence[_Spec]) -> None:
        keys = list(dict.fromkeys(s.key for s in specs if s.key is not None))
        slot, found = await self.rpc.get_multiple_accounts_and_slot(keys)
        for key, account in zip(keys, found, strict=True):
            await self._offer_account(key, account, slot, POLL)

    async def _poll_one(self, spec: _Spec) -> None:
        if spec.kind == "program" and spec.key is not None:
            slot, pairs = await self.rpc.get_program_accounts(spec.key, spec.filters)
            present = set()
            for key, account in pairs:
                if self.shard.owns(key):
                    present.add(key)
                    await self._offer_account(key, account, slot, POLL)
            for gone in spec.members - present:
                await self._offer_account(gone, None, slot, POLL)
            spec.members = present
        elif spec.kind == "slot":
            await self._offer_slot(await self.rpc.get_slot(), POLL)
        elif spec.kind == "logs" and spec.key is not None:
            await self._poll_logs(spec, spec.key)

    async def _poll_logs(self, spec: _Spec, address: Pubkey) -> None:
        entries = await self.rpc.get_signatures_for_address(address, until=spec.cursor, limit=100)
        if not spec.cursor_ready:
            # First poll: start from now; logs are events, not state to replay.
            spec.cursor_ready = True
            if entries and spec.cursor is None:
                spec.cursor = entries[0].signature
            return
        for entry in reversed(entries):  # oldest first
            signature = entry.signature
            if signature in self._seen_signatures:
                spec.cursor = signature
                continue
            tx = await self.rpc.get_transaction(signature)
            if tx is None:
                return  # not visible yet at this commitment: retry from here next poll
            meta = tx.transaction.meta
            logs = tuple((meta.log_messages if meta is not None else None) or ())
            self._first_sight(signature)
            spec.cursor = signature
            err = None if meta is None else transaction_error_json(meta)
            update = LogsUpdate(signature, err, logs, int(tx.slot), POLL)
            await self._emit(update)
