"""Solana PubSub (websocket) subscriptions fed by the Ledger's events.

Notifications are sent when a transaction executes. Since there are no forks,
that moment is also when it is finalized, so every commitment level fires at once.

One deliberate difference from Agave: signatureSubscribe on a signature that
already landed notifies at once. Agave only notifies from the bank that
processes the transaction, but its sendTransaction returns before processing,
so subscribe-after-send works there in practice; here sendTransaction returns
after the transaction executed, and the same client code must keep working.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web
from solders.account import Account
from solders.pubkey import Pubkey
from solders.signature import Signature

from kairos_localnet.codec import (
    AccountEncoding,
    Filter,
    encode_account,
    filters_match,
    parse_filters,
    parse_pubkey,
)
from kairos_localnet.errors import (
    INTERNAL_ERROR,
    INVALID_PARAMS,
    INVALID_REQUEST,
    METHOD_NOT_FOUND,
    PARSE_ERROR,
    RpcError,
    invalid_params,
)
from kairos_localnet.ledger import CLOCK_ID, SLOT_HASHES_ID, Block, Ledger, TransactionRecord
from kairos_localnet.limits import (
    BATCH_SLICE_SECONDS,
    MAX_QUEUED_BYTES,
    MAX_QUEUED_MESSAGES,
    Limits,
    loads,
    pause,
)
from kairos_localnet.rpc import BlockOptions, encode_block

log = logging.getLogger(__name__)

_COMMITMENTS = ("processed", "confirmed", "finalized")
_CLOSED_ACCOUNT = Account(0, b"", Pubkey.from_string("11111111111111111111111111111111"))


@dataclass(eq=False, slots=True)
class Subscription:
    """One client subscription and what it filters on."""

    id: int
    kind: str
    connection: Connection
    key: Any = None  # pubkey, program id, signature, or mentioned address
    encoding: AccountEncoding = field(default_factory=AccountEncoding)
    filters: list[Filter] = field(default_factory=list)
    options: BlockOptions = field(default_factory=BlockOptions)


class Connection:
    """A websocket client: its subscriptions and a bounded, ordered outbound queue.

    Ledger callbacks are synchronous and the socket is not, so messages wait in a
    queue for the writer task. A client that does not read lets the queue grow;
    past ``max_messages`` or ``max_bytes`` it is disconnected (Agave drops a
    client that lags behind its notification queue the same way).
    """

    def __init__(
        self,
        ws: web.WebSocketResponse,
        transport: asyncio.Transport | None = None,
        *,
        max_messages: int = MAX_QUEUED_MESSAGES,
        max_bytes: int = MAX_QUEUED_BYTES,
    ) -> None:
        self.ws = ws
        self.subscriptions: dict[int, Subscription] = {}
        self.closed = False
        self._transport = transport
        self._max_messages = max_messages
        self._max_bytes = max_bytes
        self._queue: deque[str] = deque()
        self._queued_bytes = 0
        self._wakeup = asyncio.Event()

    @property
    def queued_bytes(self) -> int:
        """Bytes waiting to be written."""
        return self._queued_bytes

    def send(self, payload: Any) -> None:
        """Queue a message (serialized here)."""
        self.send_text(json.dumps(payload, separators=(",", ":")))

    def send_text(self, text: str) -> None:
        """Queue an already serialized message; disconnect the client if it lags too far."""
        if self.closed:
            return
        if (
            len(self._queue) >= self._max_messages
            or self._queued_bytes + len(text) > self._max_bytes
        ):
            self.abort(
                f"slow consumer: {len(self._queue)} messages / {self._queued_bytes} bytes unsent"
            )
            return
        self._queue.append(text)
        self._queued_bytes += len(text)
        self._wakeup.set()

    def abort(self, reason: str) -> None:
        """Drop the queue and the TCP connection at once (no closing handshake to wait on)."""
        if self.closed:
            return
        log.warning("disconnecting websocket client: %s", reason)
        self.close()
        if self._transport is not None:
            self._transport.abort()

    def close(self) -> None:
        """Stop the writer; unsent messages are dropped."""
        self.closed = True
        self._queue.clear()
        self._queued_bytes = 0
        self._wakeup.set()

    async def run_writer(self) -> None:
        """Send queued messages in order until closed."""
        slice_start = time.perf_counter()
        while True:
            while not self._queue:
                if self.closed:
                    return
                self._wakeup.clear()
                await self._wakeup.wait()
                slice_start = time.perf_counter()
            message = self._queue.popleft()
            self._queued_bytes -= len(message)
            try:
                # send_str only waits when the socket pushes back, which a loopback
                # socket rarely does: pause now and then so a long queue can't hog the loop.
                await self.ws.send_str(message)
            except (ConnectionError, RuntimeError):
                return
            if time.perf_counter() - slice_start > BATCH_SLICE_SECONDS:
                await pause()
                slice_start = time.perf_counter()


def _compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def _notification_text(method: str, subscription: int, result_json: str) -> str:
    """Serialize a notification around an already serialized result.

    The same text as ``_compact(_notification(...))``, built once per event and
    formatted per subscriber so fanning out to many subscriptions stays cheap.
    """
    return (
        f'{{"jsonrpc":"2.0","method":"{method}","params":{{"result":{result_json},'
        f'"subscription":{subscription}}}}}'
    )


def _notification(method: str, subscription: int, result: Any) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "method": method,
        "params": {"result": result, "subscription": subscription},
    }


class PubSub:
    """The subscription registry; a LedgerListener that fans events out to clients."""

    def __init__(self, ledger: Ledger, *, limits: Limits | None = None) -> None:
        self.ledger = ledger
        self.limits = limits or Limits()
        self._ids = itertools.count()
        self._subscriptions: dict[int, Subscription] = {}
        self._accounts: dict[Pubkey, dict[int, Subscription]] = {}
        self._programs: dict[Pubkey, dict[int, Subscription]] = {}
        self._signatures: dict[Signature, dict[int, Subscription]] = {}
        self._logs: dict[int, Subscription] = {}
        self._slots: dict[int, Subscription] = {}
        self._roots: dict[int, Subscription] = {}
        self._block_subs: dict[int, Subscription] = {}
        self._slot_updates: dict[int, Subscription] = {}
        self._votes: dict[int, Subscription] = {}
        self._connections: set[Connection] = set()
        self._fan_out_queue: deque[tuple[str, str, list[Subscription]]] = deque()
        self._fan_out_task: asyncio.Task[None] | None = None
        ledger.listeners.append(self)

    @property
    def subscription_count(self) -> int:
        """Number of live subscriptions across all connections."""
        return len(self._subscriptions)

    @property
    def connections(self) -> tuple[Connection, ...]:
        """The open websocket connections."""
        return tuple(self._connections)

    # ------------------------------------------------------------ websocket

    async def serve(
        self, ws: web.WebSocketResponse, transport: asyncio.Transport | None = None
    ) -> None:
        """Run one websocket connection until the client leaves or is disconnected.

        ``transport`` (the request's) lets a client that stops reading be cut off.
        """
        connection = Connection(
            ws,
            transport,
            max_messages=self.limits.max_queued_messages,
            max_bytes=self.limits.max_queued_bytes,
        )
        self._connections.add(connection)
        writer = asyncio.create_task(connection.run_writer())
        try:
            slice_start = time.perf_counter()
            async for message in ws:
                if connection.closed:
                    break
                # Messages already buffered are handed over without a pause; yield
                # now and then so a client flooding requests can't starve the others.
                if time.perf_counter() - slice_start > BATCH_SLICE_SECONDS:
                    await pause()
                    slice_start = time.perf_counter()
                if message.type == WSMsgType.TEXT:
                    self.handle_text(connection, message.data)
                elif message.type == WSMsgType.BINARY:
                    self.handle_text(connection, message.data.decode(errors="replace"))
                elif message.type == WSMsgType.ERROR:
                    break
        finally:
            for sub_id in list(connection.subscriptions):
                self._remove(sub_id)
            self._connections.discard(connection)
            connection.close()
            with contextlib.suppress(asyncio.CancelledError):
                await writer

    async def close_all(self) -> None:
        """Close every client connection (server shutdown)."""
        if self._fan_out_task is not None:
            self._fan_out_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._fan_out_task
        for connection in list(self._connections):
            await connection.ws.close()

    def handle_text(self, connection: Connection, text: str) -> None:
        """Answer one websocket message: a request or a batch of them."""
        try:
            payload = loads(text)
        except ValueError:
            connection.send(_error(RpcError(PARSE_ERROR, "Parse error"), None))
            return
        after: list[Subscription] = []
        if isinstance(payload, list):
            if not payload:
                connection.send(_error(RpcError(INVALID_REQUEST, "Invalid request"), None))
                return
            connection.send([self._handle_request(connection, r, after) for r in payload])
        else:
            connection.send(self._handle_request(connection, payload, after))
        for subscription in after:
            self._notify_landed_signature(subscription)

    def _handle_request(
        self, connection: Connection, request: Any, after: list[Subscription]
    ) -> dict[str, Any]:
        if not isinstance(request, dict):
            return _error(RpcError(INVALID_REQUEST, "Invalid request"), None)
        request_id = request.get("id")
        method = request.get("method")
        if request.get("jsonrpc") != "2.0" or not isinstance(method, str):
            return _error(RpcError(INVALID_REQUEST, "Invalid request"), request_id)
        params = request.get("params") or []
        try:
            if not isinstance(params, list):
                raise invalid_params("invalid type: map, expected a sequence of params")
            if method.endswith("Unsubscribe"):
                result: Any = self._unsubscribe(connection, method, params)
            else:
                subscription = self._subscribe(connection, method, params)
                if subscription.kind == "signature":
                    after.append(subscription)
                result = subscription.id
        except RpcError as exc:
            return _error(exc, request_id)
        except Exception:
            log.exception("internal error in %s", method)
            return _error(RpcError(INTERNAL_ERROR, "Internal error"), request_id)
        return {"jsonrpc": "2.0", "result": result, "id": request_id}

    # -------------------------------------------------------- subscriptions

    def _subscribe(self, connection: Connection, method: str, params: list[Any]) -> Subscription:
        kind = _SUBSCRIBE_METHODS.get(method)
        if kind is None:
            raise RpcError(METHOD_NOT_FOUND, "Method not found")
        if len(self._subscriptions) >= self.limits.max_active_subscriptions:
            raise RpcError(
                INTERNAL_ERROR,
                "Internal Error: Subscription refused. Node subscription limit reached",
            )
        if len(connection.subscriptions) >= self.limits.max_subscriptions_per_connection:
            raise RpcError(
                INTERNAL_ERROR,
                "Internal Error: Subscription refused. Connection subscription limit reached "
                f"({self.limits.max_subscriptions_per_connection})",
            )
        sub = Subscription(next(self._ids), kind, connection)
        config = _config(params[1] if len(params) > 1 else None)
        if kind == "account":
            sub.key = parse_pubkey(_first(params))
            sub.encoding = AccountEncoding.from_config(config)
            self._accounts.setdefault(sub.key, {})[sub.id] = sub
        elif kind == "program":
            sub.key = parse_pubkey(_first(params))
            sub.encoding = AccountEncoding.from_config(config)
            sub.filters = parse_filters(config.get("filters"))
            self._programs.setdefault(sub.key, {})[sub.id] = sub
        elif kind == "logs":
            sub.key = _logs_filter(_first(params))
            self._logs[sub.id] = sub
        elif kind == "signature":
            raw = _first(params)
            if not isinstance(raw, str):
                raise invalid_params("invalid type: expected a signature string")
            try:
                sub.key = Signature.from_string(raw)
            except ValueError:
                raise RpcError(INVALID_PARAMS, "Invalid Request: Invalid signature") from None
            if config.get("enableReceivedNotification"):
                # The transaction is already received and executed by now; say so.
                connection.send(
                    _notification(
                        "signatureNotification",
                        sub.id,
                        {"context": {"slot": self.ledger.slot}, "value": "receivedSignature"},
                    )
                )
            self._signatures.setdefault(sub.key, {})[sub.id] = sub
        elif kind == "slot":
            self._slots[sub.id] = sub
        elif kind == "block":
            sub.key = _block_filter(_first(params))
            block_config = _config(params[1] if len(params) > 1 else None)
            if block_config.get("commitment") == "processed":
                raise invalid_params("Method does not support commitment below `confirmed`")
            sub.options = BlockOptions.from_config(block_config, rewards_key="showRewards")
            self._block_subs[sub.id] = sub
        elif kind == "slotsUpdates":
            self._slot_updates[sub.id] = sub
        elif kind == "vote":
            self._votes[sub.id] = sub
        else:
            self._roots[sub.id] = sub
        self._subscriptions[sub.id] = sub
        connection.subscriptions[sub.id] = sub
        return sub

    def _unsubscribe(self, connection: Connection, method: str, params: list[Any]) -> bool:
        kind = _SUBSCRIBE_METHODS.get(method.replace("Unsubscribe", "Subscribe"))
        if kind is None:
            raise RpcError(METHOD_NOT_FOUND, "Method not found")
        sub_id = _first(params)
        sub = connection.subscriptions.get(sub_id) if isinstance(sub_id, int) else None
        if sub is None or sub.kind != kind:
            raise RpcError(INVALID_PARAMS, "Invalid subscription id.")
        self._remove(sub_id)
        return True

    def _remove(self, sub_id: int) -> None:
        sub = self._subscriptions.pop(sub_id, None)
        if sub is None:
            return
        sub.connection.subscriptions.pop(sub_id, None)
        registries: dict[str, dict[Any, dict[int, Subscription]]] = {
            "account": self._accounts,
            "program": self._programs,
            "signature": self._signatures,
        }
        registry = registries.get(sub.kind)
        if registry is not None:
            group = registry.get(sub.key, {})
            group.pop(sub_id, None)
            if not group:
                registry.pop(sub.key, None)
        else:
            {
                "logs": self._logs,
                "slot": self._slots,
                "root": self._roots,
                "block": self._block_subs,
                "slotsUpdates": self._slot_updates,
                "vote": self._votes,
            }[sub.kind].pop(sub_id, None)

    def _notify_landed_signature(self, sub: Subscription) -> None:
        if sub.id not in self._subscriptions:
            return
        record = self.ledger.transaction(sub.key)
        if record is not None:
            self._send_signature(sub, record.err)

    def _send_signature(self, sub: Subscription, err: Any) -> None:
        sub.connection.send(
            _notification(
                "signatureNotification",
                sub.id,
                {"context": {"slot": self.ledger.slot}, "value": {"err": err}},
            )
        )
        self._remove(sub.id)

    # ----------------------------------------------------- ledger listener

    def on_transaction(self, record: TransactionRecord) -> None:
        """Send logs and signature notifications for a committed transaction."""
        for sub in list(self._signatures.get(record.signature, {}).values()):
            self._send_signature(sub, record.err)
        if not self._logs:
            return
        value = {
            "context": {"slot": record.slot},
            "value": {
                "signature": str(record.signature),
                "err": record.err,
                "logs": record.outcome.logs,
            },
        }
        mentioned = set(record.account_keys)
        text = _compact(value)
        for sub in self._logs.values():
            if sub.key is None or sub.key in mentioned:
                sub.connection.send_text(_notification_text("logsNotification", sub.id, text))

    def on_accounts(self, slot: int, accounts: Sequence[tuple[Pubkey, Account | None]]) -> None:
        """Send account and program notifications for written accounts."""
        if not self._accounts and not self._programs:
            return
        context = {"slot": slot}
        for pubkey, account in accounts:
            for sub in self._accounts.get(pubkey, {}).values():
                value = self._encode(account or _CLOSED_ACCOUNT, sub.encoding)
                result = {"context": context, "value": value}
                sub.connection.send(_notification("accountNotification", sub.id, result))
            if account is None:
                continue
            program_subs = self._programs.get(account.owner)
            if not program_subs:
                continue
            data = bytes(account.data)
            for sub in program_subs.values():
                if filters_match(sub.filters, account.owner, data):
                    keyed = {"pubkey": str(pubkey), "account": self._encode(account, sub.encoding)}
                    result = {"context": context, "value": keyed}
                    sub.connection.send(_notification("programNotification", sub.id, result))

    def on_slot(self, slot: int, parent: int, root: int) -> None:
        """Send slot and root notifications, and the per-slot sysvar updates."""
        if self._slots:
            info = _compact({"parent": parent, "root": root, "slot": slot})
            self._fan_out("slotNotification", info, list(self._slots.values()))
        if self._roots:
            self._fan_out("rootNotification", str(root), list(self._roots.values()))
        if self._slot_updates or self._block_subs or self._votes:
            self._on_block_completed(slot, parent)
        if self._accounts.keys() & {CLOCK_ID, SLOT_HASHES_ID}:
            self.on_accounts(slot, self.ledger.reindex([CLOCK_ID, SLOT_HASHES_ID]))

    def _on_block_completed(self, slot: int, parent: int) -> None:
        """The parent's block is complete once the next slot starts: tell who asked.

        A single node confirms and roots its own block at once; it votes on it too
        (voteSubscribe sees the vote its vote account would cast, signed by the
        node's identity; the vote transaction itself is not in the ledger).
        """
        block = self.ledger.block(parent)
        now_ms = int(time.time() * 1000)
        if self._slot_updates:
            updates: list[dict[str, Any]] = []
            if block is not None:
                failed = sum(1 for r in block.transactions if r.err is not None)
                updates += [
                    {"type": "completed", "slot": parent, "timestamp": now_ms},
                    {
                        "type": "frozen",
                        "slot": parent,
                        "timestamp": now_ms,
                        "stats": {
                            "numTransactionEntries": len(block.transactions),
                            "numSuccessfulTransactions": len(block.transactions) - failed,
                            "numFailedTransactions": failed,
                            "maxTransactionsPerEntry": 1 if block.transactions else 0,
                        },
                    },
                    {"type": "optimisticConfirmation", "slot": parent, "timestamp": now_ms},
                    {"type": "root", "slot": parent, "timestamp": now_ms},
                ]
            updates += [
                {"type": "firstShredReceived", "slot": slot, "timestamp": now_ms},
                {"type": "createdBank", "slot": slot, "timestamp": now_ms, "parent": parent},
            ]
            for update in updates:
                text = _compact(update)
                for sub in list(self._slot_updates.values()):
                    sub.connection.send_text(
                        _notification_text("slotsUpdatesNotification", sub.id, text)
                    )
        if block is None:
            return
        if self._votes:
            vote = _compact(self._vote(block))
            for sub in list(self._votes.values()):
                sub.connection.send_text(_notification_text("voteNotification", sub.id, vote))
        for sub in list(self._block_subs.values()):
            self._send_block(sub, block)

    def _vote(self, block: Block) -> dict[str, Any]:
        identity = self.ledger.identity
        message = b"vote" + block.slot.to_bytes(8, "little") + bytes(block.blockhash)
        return {
            "votePubkey": str(Pubkey.create_with_seed(identity.pubkey(), "vote", VOTE_PROGRAM_ID)),
            "slots": [block.slot],
            "hash": str(block.blockhash),
            "timestamp": block.block_time,
            "signature": str(identity.sign_message(message)),
        }

    def _send_block(self, sub: Subscription, block: Block) -> None:
        records = block.transactions
        if sub.key is not None:
            records = [r for r in records if sub.key in r.account_keys]
            if not records:
                return  # nothing in this block mentions the address
        value: dict[str, Any] = {"slot": block.slot, "block": None, "err": None}
        try:
            value["block"] = encode_block(block, sub.options, records)
        except RpcError:
            version = next(
                (
                    r.transaction.version()
                    for r in records
                    if isinstance(r.transaction.version(), int)
                ),
                0,
            )
            value["err"] = {"UnsupportedTransactionVersion": version}
        result = {"context": {"slot": block.slot}, "value": value}
        sub.connection.send(_notification("blockNotification", sub.id, result))

    def _fan_out(self, method: str, result_json: str, subs: list[Subscription]) -> None:
        """Send one notification to many subscriptions without stalling the loop.

        Few subscribers: at once. Many (up to the subscription limits): by a task
        that sends in slices with pauses between them; one task in FIFO order, so
        each subscription still sees its notifications in order.
        """
        if len(subs) <= _FAN_OUT_AT_ONCE:
            for sub in subs:
                sub.connection.send_text(_notification_text(method, sub.id, result_json))
            return
        self._fan_out_queue.append((method, result_json, subs))
        if self._fan_out_task is None or self._fan_out_task.done():
            try:
                self._fan_out_task = asyncio.get_running_loop().create_task(self._drain_fan_out())
            except RuntimeError:  # no loop (a Ledger driven synchronously): send now
                while self._fan_out_queue:
                    method, result_json, subs = self._fan_out_queue.popleft()
                    for sub in subs:
                        sub.connection.send_text(_notification_text(method, sub.id, result_json))

    async def _drain_fan_out(self) -> None:
        slice_start = time.perf_counter()
        while self._fan_out_queue:
            method, result_json, subs = self._fan_out_queue.popleft()
            for sub in subs:
                if sub.id in self._subscriptions:
                    sub.connection.send_text(_notification_text(method, sub.id, result_json))
                if time.perf_counter() - slice_start > BATCH_SLICE_SECONDS:
                    await pause()
                    slice_start = time.perf_counter()

    def _encode(self, account: Account, encoding: AccountEncoding) -> dict[str, Any]:
        return encode_account(account, encoding, self.ledger.mint_decimals, check_size=False)


# Up to this many subscribers a notification is sent at once (about 5 µs each).
_FAN_OUT_AT_ONCE = 500

_SUBSCRIBE_METHODS = {
    "accountSubscribe": "account",
    "programSubscribe": "program",
    "logsSubscribe": "logs",
    "signatureSubscribe": "signature",
    "slotSubscribe": "slot",
    "rootSubscribe": "root",
    "blockSubscribe": "block",
    "slotsUpdatesSubscribe": "slotsUpdates",
    "voteSubscribe": "vote",
}

VOTE_PROGRAM_ID = Pubkey.from_string("Vote111111111111111111111111111111111111111")


def _block_filter(raw: Any) -> Pubkey | None:
    """None means every block."""
    if raw == "all":
        return None
    if isinstance(raw, dict) and "mentionsAccountOrProgram" in raw:
        return parse_pubkey(raw["mentionsAccountOrProgram"])
    raise invalid_params('expected "all" or {"mentionsAccountOrProgram": <address>}')


def _error(error: RpcError, request_id: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "error": error.to_json(), "id": request_id}


def _first(params: list[Any]) -> Any:
    if not params:
        raise invalid_params("invalid length 0, expected 1 or more params")
    return params[0]


def _config(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise invalid_params("invalid type: expected a config object")
    commitment = value.get("commitment")
    if commitment is not None and commitment not in _COMMITMENTS:
        raise invalid_params(
            f"unknown variant `{commitment}`, expected one of `processed`, `confirmed`, `finalized`"
        )
    return value


def _logs_filter(raw: Any) -> Pubkey | None:
    """None means every transaction (there are no vote transactions to exclude)."""
    if raw in ("all", "allWithVotes"):
        return None
    if isinstance(raw, dict) and isinstance(raw.get("mentions"), list):
        mentions = raw["mentions"]
        if len(mentions) != 1:
            raise RpcError(INVALID_PARAMS, "Invalid Request: Only 1 address supported")
        return parse_pubkey(mentions[0])
    raise invalid_params('expected "all", "allWithVotes" or {"mentions": [<address>]}')
