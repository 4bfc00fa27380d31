"""Follow the program's logs live and backfill from the checkpoint: no gap, nothing twice.

The order of operations on every (re)connection is what makes it gap-free:

1. subscribe to ``logsSubscribe({"mentions": [program]})`` and buffer notifications;
2. backfill: page ``getSignaturesForAddress(program, until=checkpoint)`` back to the
   checkpoint, then ``getTransaction`` each signature oldest first, storing each and
   moving the checkpoint after it;
3. drain the buffer, then follow the stream; each stored transaction moves the
   checkpoint.

Anything that landed while the socket was down is older than the new subscription and
newer than the checkpoint, so step 2 finds it; anything seen twice (buffered and
backfilled) is skipped because events are keyed by (signature, index) and a
transaction's events are written in one database transaction. Failed transactions are
skipped: their state changes, and so their events, did not happen.

Commitment: the stream and the backfill read at ``confirmed``; rows carry their
commitment, and :meth:`Indexer.promote` moves them to ``finalized`` from
``getSignatureStatuses`` (or deletes a transaction the cluster no longer knows after
it has had time to finalize: a dropped fork).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import websockets
from kairos.events import parse_events
from solders.pubkey import Pubkey
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from kairos_service.db.models import (
    EVENT_TABLES,
    CashFlowRow,
    Checkpoint,
    EventRow,
    FillRow,
)
from kairos_service.indexer.rpc import Rpc
from kairos_service.indexer.store import TxInfo, store_events
from kairos_service.webhooks.outbox import enqueue as enqueue_deliveries

log = logging.getLogger("kairos_service.indexer")

CHECKPOINT = "program"
# A signature unknown to the cluster this many slots after we stored it was on a fork.
FORK_SLOTS = 150

Listener = Callable[[list[dict[str, Any]]], None]


@dataclasses.dataclass(frozen=True)
class TxLogs:
    """A transaction's logs and where it sits on the chain (failed ones: no logs)."""

    signature: str
    slot: int
    logs: list[str]
    tx_order: int
    block_time: int | None
    commitment: str


class Indexer:
    """The only writer of chain-derived rows."""

    def __init__(
        self,
        sessions: async_sessionmaker[Any],
        rpc_url: str,
        ws_url: str,
        program_id: Pubkey,
        *,
        commitment: str = "confirmed",
        page: int = 1000,
        listener: Listener | None = None,
    ) -> None:
        if commitment not in ("confirmed", "finalized"):
            raise ValueError("the indexer reads at confirmed or finalized")
        self.sessions = sessions
        self.rpc = Rpc(rpc_url)
        self.ws_url = ws_url
        self.program_id = program_id
        self.commitment = commitment
        self.page = page
        self.listener = listener
        self.lock = asyncio.Lock()
        self.live = asyncio.Event()  # set while caught up and following the stream
        self.stored_transactions = 0
        self.stored_events = 0
        self.scanned_transactions = 0  # backfilled transactions, with or without events
        self.ws: Any = None  # the current PubSub connection (tests close it to drop it)
        self._slot_order: dict[int, int] = {}
        self._block_times: dict[int, int | None] = {}

    async def close(self) -> None:
        """Close the RPC client."""
        await self.rpc.close()

    # --- storing ---------------------------------------------------------------------

    async def ingest(
        self,
        signature: str,
        slot: int,
        logs: list[str],
        *,
        tx_order: int,
        block_time: int | None,
        commitment: str,
        move_checkpoint: bool = True,
    ) -> int:
        """Store one successful transaction's events; returns how many were new."""
        return await self.ingest_many(
            [TxLogs(signature, slot, logs, tx_order, block_time, commitment)],
            move_checkpoint=move_checkpoint,
        )

    async def ingest_many(self, txs: list[TxLogs], *, move_checkpoint: bool = True) -> int:
        """Store transactions (in chain order) in one database transaction.

        The checkpoint moves to the last one. Returns how many events were new.
        """
        if not txs:
            return 0
        batches: list[list[dict[str, Any]]] = []
        async with self.lock, self.sessions() as session, session.begin():
            for item in txs:
                events = parse_events(item.logs, self.program_id)
                if events:
                    tx = TxInfo(item.signature, item.slot, item.tx_order, item.block_time,
                                item.commitment)  # fmt: skip
                    added = await store_events(session, tx, events)
                    if added:
                        # Webhook outbox rows commit (or roll back) with the events.
                        await enqueue_deliveries(session, added)
                        batches.append(added)
            if move_checkpoint:
                last = txs[-1]
                checkpoint = await session.get(Checkpoint, CHECKPOINT)
                if checkpoint is None:
                    session.add(Checkpoint(name=CHECKPOINT, signature=last.signature,
                                           slot=last.slot, updated_at=time.time()))  # fmt: skip
                elif last.slot >= checkpoint.slot:
                    checkpoint.signature, checkpoint.slot = last.signature, last.slot
                    checkpoint.updated_at = time.time()
        for added in batches:
            self.stored_transactions += 1
            self.stored_events += len(added)
            if self.listener is not None:
                self.listener(added)
        return sum(len(added) for added in batches)

    async def checkpoint(self) -> tuple[str | None, int]:
        """(signature, slot) of the newest transaction stored in order."""
        async with self.sessions() as session:
            row = await session.get(Checkpoint, CHECKPOINT)
            return (row.signature, row.slot) if row else (None, 0)

    # --- backfill --------------------------------------------------------------------

    async def backfill(self) -> int:
        """Store every program transaction newer than the checkpoint, oldest first."""
        until, _ = await self.checkpoint()
        pending: list[dict[str, Any]] = []
        before: str | None = None
        while True:
            config: dict[str, Any] = {"limit": self.page, "commitment": self.commitment}
            if until:
                config["until"] = until
            if before:
                config["before"] = before
            page = await self.rpc.call("getSignaturesForAddress", str(self.program_id), config)
            pending.extend(page)
            if len(page) < self.page:
                break
            before = page[-1]["signature"]
        # Newest first from the node; its order inside a slot is execution order.
        pending.reverse()
        orders: dict[int, int] = {}
        stored = 0
        for i in range(0, len(pending), 50):
            chunk = pending[i : i + 50]
            txs = await self.rpc.batch(
                [
                    ("getTransaction", [item["signature"], {
                        "encoding": "json", "commitment": self.commitment,
                        "maxSupportedTransactionVersion": 0,
                    }])
                    for item in chunk
                ]
            )  # fmt: skip
            batch: list[TxLogs] = []
            for item, tx in zip(chunk, txs, strict=True):
                slot = int(item["slot"])
                orders[slot] = orders.get(slot, -1) + 1
                if tx is None:
                    raise RuntimeError(f"getTransaction({item['signature']}) returned null")
                meta = tx.get("meta") or {}
                status = item.get("confirmationStatus") or self.commitment
                logs = [] if meta.get("err") is not None else meta.get("logMessages") or []
                batch.append(TxLogs(item["signature"], slot, logs, orders[slot],
                                    tx.get("blockTime"), status))  # fmt: skip
                self._slot_order[slot] = max(self._slot_order.get(slot, -1), orders[slot])
            stored += await self.ingest_many(batch)
            self.scanned_transactions += len(batch)
        return stored

    # --- live ------------------------------------------------------------------------

    async def _block_time(self, slot: int) -> int | None:
        if slot not in self._block_times:
            try:
                self._block_times[slot] = await self.rpc.call("getBlockTime", slot)
            except Exception:  # noqa: BLE001 - a node without block times: use wall time
                self._block_times[slot] = int(time.time())
            if len(self._block_times) > 4096:
                self._block_times.pop(next(iter(self._block_times)))
        return self._block_times[slot]

    async def _on_notification(self, value: dict[str, Any], slot: int) -> None:
        if value.get("err") is not None:
            return
        order = self._slot_order.get(slot, -1) + 1
        self._slot_order[slot] = order
        if len(self._slot_order) > 4096:
            self._slot_order.pop(next(iter(self._slot_order)))
        await self.ingest(
            value["signature"], slot, value.get("logs") or [], tx_order=order,
            block_time=await self._block_time(slot), commitment=self.commitment,
        )  # fmt: skip

    async def follow_once(self, stop: asyncio.Event | None = None) -> None:
        """One connection: subscribe, backfill, drain, follow until the socket drops."""
        self.live.clear()
        async with websockets.connect(self.ws_url, max_size=None, ping_interval=20) as ws:
            self.ws = ws
            await ws.send(json.dumps({
                "jsonrpc": "2.0", "id": 1, "method": "logsSubscribe",
                "params": [{"mentions": [str(self.program_id)]}, {"commitment": self.commitment}],
            }))  # fmt: skip
            buffered: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

            async def receive() -> None:
                async for raw in ws:
                    message = json.loads(raw)
                    if message.get("method") == "logsNotification":
                        await buffered.put(message["params"]["result"])
                    elif "error" in message:
                        raise RuntimeError(f"logsSubscribe failed: {message['error']}")

            receiver = asyncio.create_task(receive())
            # One stop waiter per connection (not per message), cancelled on the way out.
            stopper = asyncio.create_task(stop.wait()) if stop is not None else None
            try:
                await self.backfill()
                self.live.set()
                while True:
                    getter = asyncio.create_task(buffered.get())
                    waiters: set[asyncio.Future[Any]] = {getter, receiver}
                    if stopper is not None:
                        waiters.add(stopper)
                    done, _ = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
                    if getter not in done:
                        getter.cancel()
                        if receiver in done:
                            receiver.result()  # raises what ended the socket
                            raise ConnectionError("the PubSub socket closed")
                        return  # stop was set
                    result = getter.result()
                    await self._on_notification(result["value"], int(result["context"]["slot"]))
            finally:
                self.live.clear()
                if stopper is not None:
                    stopper.cancel()
                receiver.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await receiver

    async def run(self, stop: asyncio.Event | None = None, retry_seconds: float = 1.0) -> None:
        """Follow forever, reconnecting (and so backfilling) after every drop."""
        while stop is None or not stop.is_set():
            try:
                await self.follow_once(stop)
                if stop is not None and stop.is_set():
                    return
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - reconnect after any failure
                log.warning("indexer connection ended (%s); reconnecting", exc)
            await asyncio.sleep(retry_seconds)

    # --- commitment ------------------------------------------------------------------

    async def promote(self, limit: int = 256) -> tuple[int, int]:
        """Move confirmed rows to finalized; delete transactions lost with a fork.

        Returns (finalized, dropped) transaction counts.
        """
        async with self.sessions() as session:
            rows = (
                await session.execute(
                    select(EventRow.signature, EventRow.slot)
                    .where(EventRow.commitment != "finalized")
                    .distinct()
                    .limit(limit)
                )
            ).all()
        if not rows:
            return 0, 0
        signatures = [row[0] for row in rows]
        answer = await self.rpc.call(
            "getSignatureStatuses", signatures, {"searchTransactionHistory": True}
        )
        current_slot = int(await self.rpc.call("getSlot", {"commitment": "processed"}))
        finalized: list[str] = []
        dropped: list[str] = []
        for (signature, slot), status in zip(rows, answer["value"], strict=True):
            if status is None:
                if current_slot - slot > FORK_SLOTS:
                    dropped.append(signature)
            elif status.get("confirmationStatus") == "finalized":
                finalized.append(signature)
        async with self.lock, self.sessions() as session, session.begin():
            for table in (EventRow, FillRow, CashFlowRow):
                if finalized:
                    await session.execute(
                        update(table)
                        .where(table.signature.in_(finalized))
                        .values(commitment="finalized")
                    )
                if dropped:
                    await session.execute(delete(table).where(table.signature.in_(dropped)))
            for typed in EVENT_TABLES.values() if dropped else ():
                await session.execute(delete(typed).where(typed.c.signature.in_(dropped)))
        return len(finalized), len(dropped)
