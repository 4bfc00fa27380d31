"""Transaction sender: simulate, size the compute budget, send, confirm, rebroadcast.

1. Simulate with the largest compute-unit limit. A simulation error whose custom
   program error code is one the keeper lists as "already done / not eligible"
   (an order already triggered, an account no longer liquidatable) means another
   keeper got there first: the outcome is OUTCOMPETED, which is normal and not a
   failure. Any other simulation error is FAILED with the reason.
2. Set the compute-unit limit to ``ceil(unitsConsumed × cu_margin) + cu_add``
   (capped at ``cu_max``) and the configured priority fee, as ComputeBudget
   instructions in front, then sign and send (no RPC preflight by default: we
   just simulated, and the RPC's own would cost a second simulation).
3. Poll the signature status; rebroadcast the same bytes every
   ``rebroadcast_interval`` until it lands, the blockhash expires (block height
   past ``lastValidBlockHeight``) or ``confirm_timeout`` passes. Resending
   identical bytes is idempotent: the signature is the deduplication key.
   A transaction that lands with an error is classified like a simulation error
   (outcompeted when the race was lost between simulation and landing).

Every call sends a new transaction. Two calls with the same instructions, payer,
compute budget and blockhash (the blockhash only changes with the slot) would sign
the same bytes, hence the same signature: the cluster would drop the second as
already processed and its status would be the first one's, so the second action
would be reported landed without having run (a trailing stop ratcheted twice in
one slot, the second ratchet never happening). The sender therefore remembers the
signatures it sent until their blockhash expires and, for a transaction it already
sent, moves the compute-unit limit by one unit at a time until the signature is
new. Nothing else is kept between calls: a restarted keeper simply simulates
again, and an action that already happened is then reported as outcompeted.
"""

from __future__ import annotations

import asyncio
import collections
import dataclasses
import enum
import math
from collections.abc import Collection, Sequence
from typing import Any

from kairos.errors import describe_error_json
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.compute_budget import set_compute_unit_limit, set_compute_unit_price
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import MessageV0
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction import VersionedTransaction

from kairos_keepers.config import MAX_COMPUTE_UNITS, KeeperConfig
from kairos_keepers.errors import RpcError, RpcResponseError
from kairos_keepers.rpc import RateLimitedRpc, SignatureStatus

COMPUTE_BUDGET_INSTRUCTIONS = 2
"""Instructions the sender puts in front of the caller's (limit, then price)."""
_COMMITMENT_RANK = {"processed": 0, "confirmed": 1, "finalized": 2}
BLOCKHASH_REUSE_SECONDS = 1.0
"""How long a fetched blockhash is reused for new transactions."""
MAX_STATUS_BATCH = 256
"""Signatures per getSignatureStatuses call (the RPC's limit)."""
MAX_REMEMBERED_SIGNATURES = 100_000
"""Signatures sent and remembered at most (besides dropping those whose blockhash expired)."""


class SendStatus(enum.Enum):
    """How an action ended."""

    LANDED = "landed"
    OUTCOMPETED = "outcompeted"
    FAILED = "failed"


@dataclasses.dataclass(frozen=True)
class SendOutcome:
    """The result of :meth:`TransactionSender.send`.

    ``reason`` is a short stable tag for failures ("simulation", "landed_error",
    "expired", "timeout", "send_error", "rpc_error") with ``detail`` the full text;
    ``error_code`` is the custom program error code when there was one;
    ``signature`` is set whenever a transaction was signed (it may have landed
    with an error: the fee was paid).
    """

    status: SendStatus
    signature: Signature | None = None
    slot: int | None = None
    compute_units: int | None = None
    compute_unit_limit: int | None = None
    reason: str = ""
    detail: str = ""
    error_code: int | None = None
    logs: tuple[str, ...] = ()
    broadcasts: int = 0

    @property
    def landed(self) -> bool:
        """True if the transaction executed successfully."""
        return self.status is SendStatus.LANDED


@dataclasses.dataclass(frozen=True)
class OutcompetedErrors:
    """Custom program error codes meaning "already done / not eligible".

    ``programs`` restricts them to errors raised by these programs (None: any).
    """

    codes: frozenset[int] = frozenset()
    programs: frozenset[Pubkey] | None = None

    @classmethod
    def of(
        cls, codes: Collection[int], programs: Collection[Pubkey] | None = None
    ) -> OutcompetedErrors:
        """Build from any collections."""
        return cls(frozenset(codes), None if programs is None else frozenset(programs))

    def matches(self, code: int, program: Pubkey | None) -> bool:
        """True if ``code`` raised by ``program`` means outcompeted."""
        if code not in self.codes:
            return False
        return self.programs is None or (program is not None and program in self.programs)


def custom_error(err: Any) -> tuple[int, int] | None:
    """(instruction index, custom code) of ``{"InstructionError": [i, {"Custom": c}]}``."""
    if not isinstance(err, dict):
        return None
    detail = err.get("InstructionError")
    if not isinstance(detail, list) or len(detail) != 2:
        return None
    index, inner = detail
    if isinstance(inner, dict) and isinstance(inner.get("Custom"), int):
        return int(index), int(inner["Custom"])
    return None


def classify_transaction_error(
    err: Any,
    programs: Sequence[Pubkey | None],
    outcompeted: OutcompetedErrors,
) -> tuple[SendStatus, int | None]:
    """OUTCOMPETED or FAILED for a transaction error, and its custom code if any.

    ``programs`` are the program ids of the transaction's instructions, in order.
    """
    found = custom_error(err)
    if found is None:
        return SendStatus.FAILED, None
    index, code = found
    program = programs[index] if 0 <= index < len(programs) else None
    if outcompeted.matches(code, program):
        return SendStatus.OUTCOMPETED, code
    return SendStatus.FAILED, code


def compute_unit_limit(units: int, margin: float, add: int, cap: int = MAX_COMPUTE_UNITS) -> int:
    """``ceil(units × margin) + add``, at most ``cap``."""
    return min(cap, math.ceil(units * margin) + add)


def describe_error(err: Any, programs: Sequence[Pubkey | None] = ()) -> str:
    """A transaction error as one line: its name, message and what to do.

    ``programs`` (the program of each instruction) say whose custom code it is:
    Kairos's codes and the SPL Token program's are named (kairos.errors).
    """
    return describe_error_json(err, programs)


class TransactionSender:
    """Simulates, budgets, signs, sends and confirms a keeper's transactions."""

    def __init__(
        self,
        rpc: RateLimitedRpc,
        payer: Keypair,
        *,
        outcompeted: OutcompetedErrors | None = None,
        priority_fee: int = 0,
        cu_margin: float = 1.2,
        cu_add: int = 1000,
        cu_max: int = MAX_COMPUTE_UNITS,
        skip_preflight: bool = True,
        confirm_timeout: float = 60.0,
        rebroadcast_interval: float = 2.0,
        poll_interval: float = 0.5,
        commitment: str = "confirmed",
    ) -> None:
        self.rpc = rpc
        self.payer = payer
        self.outcompeted = outcompeted or OutcompetedErrors()
        self.priority_fee = priority_fee
        self.cu_margin = cu_margin
        self.cu_add = cu_add
        self.cu_max = cu_max
        self.skip_preflight = skip_preflight
        self.confirm_timeout = confirm_timeout
        self.rebroadcast_interval = rebroadcast_interval
        self.poll_interval = poll_interval
        self.commitment = commitment
        self._sent: collections.OrderedDict[Signature, int] = collections.OrderedDict()
        """Signatures sent, oldest first, with their blockhash's last valid block height."""
        self._block_height = 0
        """The highest block height seen (signatures whose blockhash expired are dropped)."""
        self._waiting: dict[Signature, list[asyncio.Future[SignatureStatus | None]]] = {}
        """Signatures whose status a confirming send awaits, for the next batched poll."""
        self._poller: asyncio.Task[None] | None = None
        self._blockhash: tuple[Hash, int, float] | None = None

    @classmethod
    def from_config(
        cls,
        rpc: RateLimitedRpc,
        payer: Keypair,
        config: KeeperConfig,
        outcompeted: OutcompetedErrors | None = None,
    ) -> TransactionSender:
        """A sender with the keeper configuration's fee, margin and timing."""
        return cls(
            rpc,
            payer,
            outcompeted=outcompeted,
            priority_fee=config.priority_fee,
            cu_margin=config.cu_margin,
            cu_add=config.cu_add,
            cu_max=config.cu_max,
            skip_preflight=config.skip_preflight,
            confirm_timeout=config.confirm_timeout,
            rebroadcast_interval=config.rebroadcast_interval,
            poll_interval=config.confirm_poll_interval,
            commitment=config.commitment,
        )

    def build(
        self,
        instructions: Sequence[Instruction],
        signers: Sequence[Keypair],
        blockhash: Hash,
        cu_limit: int,
        lookup_tables: Sequence[AddressLookupTableAccount] = (),
    ) -> VersionedTransaction:
        """A signed v0 transaction: ComputeBudget limit and price, then ``instructions``.

        Accounts found in ``lookup_tables`` are loaded from them (1 byte each instead
        of 32), which is what lets a whole-account liquidation fit one transaction.
        """
        budget = [set_compute_unit_limit(cu_limit), set_compute_unit_price(self.priority_fee)]
        message = MessageV0.try_compile(
            self.payer.pubkey(), [*budget, *instructions], list(lookup_tables), blockhash
        )
        keypairs: dict[Pubkey, Keypair] = {self.payer.pubkey(): self.payer}
        for signer in signers:
            keypairs.setdefault(signer.pubkey(), signer)
        required = message.header.num_required_signatures
        ordered = [keypairs[key] for key in message.account_keys[:required]]
        return VersionedTransaction(message, ordered)

    async def send(
        self,
        instructions: Sequence[Instruction],
        signers: Sequence[Keypair] = (),
        lookup_tables: Sequence[AddressLookupTableAccount] = (),
    ) -> SendOutcome:
        """Simulate, then send and confirm (see the module doc). Never raises RpcError."""
        programs: list[Pubkey | None] = [None] * COMPUTE_BUDGET_INSTRUCTIONS
        programs += [ix.program_id for ix in instructions]
        try:
            blockhash, last_valid = await self._latest_blockhash()
            # Never a transaction already sent: the cluster would answer AlreadyProcessed.
            probe, _ = self.build_unsent(
                instructions, signers, blockhash, self.cu_max, lookup_tables
            )
            simulation = await self.rpc.simulate_transaction(probe)
        except RpcError as exc:
            return SendOutcome(SendStatus.FAILED, reason="rpc_error", detail=str(exc))
        if simulation.err is not None:
            status, code = classify_transaction_error(simulation.err, programs, self.outcompeted)
            return SendOutcome(
                status,
                compute_units=simulation.units_consumed,
                reason="" if status is SendStatus.OUTCOMPETED else "simulation",
                detail=describe_error(simulation.err, programs),
                error_code=code,
                logs=tuple(simulation.logs),
            )
        limit = compute_unit_limit(
            simulation.units_consumed, self.cu_margin, self.cu_add, self.cu_max
        )
        tx, limit = self.build_unsent(instructions, signers, blockhash, limit, lookup_tables)
        # Remembered before the first await: a concurrent call cannot build the same bytes.
        self._remember(tx.signatures[0], last_valid)
        return await self._broadcast(tx, last_valid, programs, simulation.units_consumed, limit)

    def build_unsent(
        self,
        instructions: Sequence[Instruction],
        signers: Sequence[Keypair],
        blockhash: Hash,
        cu_limit: int,
        lookup_tables: Sequence[AddressLookupTableAccount] = (),
    ) -> tuple[VersionedTransaction, int]:
        """:meth:`build` with a signature this sender has not sent yet, and its CU limit.

        The same instructions under the same blockhash sign to the same signature;
        the compute-unit limit is moved one unit at a time (up, or down from the
        cap) until the signature is new, so a second identical action is a second
        transaction rather than a duplicate of the first.
        """
        limit = cu_limit
        tx = self.build(instructions, signers, blockhash, limit, lookup_tables)
        step = 0
        while tx.signatures[0] in self._sent:
            step += 1
            limit = cu_limit + step if cu_limit + step <= self.cu_max else cu_limit - step
            if limit < 1:
                raise RuntimeError("no compute-unit limit left for an unsent transaction")
            tx = self.build(instructions, signers, blockhash, limit, lookup_tables)
        return tx, limit

    def _remember(self, signature: Signature, last_valid: int) -> None:
        """Record a signature about to be sent; forget those whose blockhash expired."""
        self._sent[signature] = last_valid
        # Oldest first, and newer blockhashes stay valid longer: expired ones lead.
        while self._sent and (
            next(iter(self._sent.values())) < self._block_height
            or len(self._sent) > MAX_REMEMBERED_SIGNATURES
        ):
            self._sent.popitem(last=False)

    async def _broadcast(
        self,
        tx: VersionedTransaction,
        last_valid: int,
        programs: Sequence[Pubkey | None],
        units: int,
        limit: int,
    ) -> SendOutcome:
        signature = tx.signatures[0]
        wire = bytes(tx)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.confirm_timeout
        next_broadcast = loop.time()
        broadcasts = 0
        last_error = ""
        expired = False

        def outcome(status: SendStatus, **fields: Any) -> SendOutcome:
            return SendOutcome(
                status,
                signature=signature,
                compute_units=units,
                compute_unit_limit=limit,
                broadcasts=broadcasts,
                **fields,
            )

        while True:
            now = loop.time()
            if now >= next_broadcast and not expired:
                next_broadcast = now + self.rebroadcast_interval
                try:
                    await self.rpc.send_transaction(wire, skip_preflight=self.skip_preflight)
                    broadcasts += 1
                except RpcResponseError as exc:
                    broadcasts += 1
                    early = self._preflight_outcome(exc, programs)
                    if early is not None:
                        status, code = early
                        return outcome(
                            status,
                            reason="" if status is SendStatus.OUTCOMPETED else "simulation",
                            detail=describe_error(exc.transaction_error, programs),
                            error_code=code,
                            logs=tuple(_logs_of(exc)),
                        )
                    last_error = str(exc)
                except RpcError as exc:
                    # The request may or may not have reached the node: keep polling.
                    last_error = str(exc)
                # Expiry is checked once per broadcast round, not every poll: it costs a
                # call. Not on the first round: the blockhash was fresh a moment ago.
                if broadcasts > 1:
                    try:
                        height = await self.rpc.get_block_height()
                        self._block_height = max(self._block_height, height)
                        expired = height > last_valid
                    except RpcError as exc:
                        last_error = str(exc)
            found: SignatureStatus | None = None
            try:
                found = await self._status(signature)
            except RpcError as exc:
                last_error = str(exc)
            if found is not None:
                done = self._status_outcome(found, programs)
                if done is not None:
                    kind, code = done
                    if kind is SendStatus.LANDED:
                        return outcome(kind, slot=found.slot)
                    return outcome(
                        kind,
                        slot=found.slot,
                        reason="" if kind is SendStatus.OUTCOMPETED else "landed_error",
                        detail=describe_error(found.err, programs),
                        error_code=code,
                    )
            elif expired:
                return outcome(
                    SendStatus.FAILED,
                    reason="expired",
                    detail=f"blockhash expired (last valid block height {last_valid})"
                    + (f"; last error: {last_error}" if last_error else ""),
                )
            if loop.time() >= deadline:
                return outcome(
                    SendStatus.FAILED,
                    reason="timeout",
                    detail=f"not confirmed within {self.confirm_timeout:g} s"
                    + (f"; last error: {last_error}" if last_error else ""),
                )
            await asyncio.sleep(self.poll_interval)

    async def _latest_blockhash(self) -> tuple[Hash, int]:
        """The latest blockhash, reused for ``BLOCKHASH_REUSE_SECONDS``.

        A blockhash stays valid for 150 slots (about a minute); a keeper sending many
        transactions at once needs one call, not one per transaction. (Two identical
        transactions under the same blockhash are told apart by ``build_unsent``.)
        """
        loop = asyncio.get_running_loop()
        cached = self._blockhash
        if cached is not None and loop.time() - cached[2] < BLOCKHASH_REUSE_SECONDS:
            return cached[0], cached[1]
        blockhash, last_valid = await self.rpc.get_latest_blockhash()
        self._blockhash = (blockhash, last_valid, loop.time())
        return blockhash, last_valid

    async def _status(self, signature: Signature) -> SignatureStatus | None:
        """The signature's status, from one ``getSignatureStatuses`` shared by every send.

        A keeper confirming many transactions at once (a liquidator in a crash) would
        otherwise poll once per transaction per ``poll_interval``; the sends waiting at
        the same moment are asked about in one call (up to 256 signatures a call).
        """
        future: asyncio.Future[SignatureStatus | None] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(signature, []).append(future)
        if self._poller is None or self._poller.done():
            self._poller = asyncio.create_task(self._poll_statuses())
        return await future

    async def _poll_statuses(self) -> None:
        # Until nobody waits: sends that start waiting while a call is in progress are
        # asked about in the next call (none is left without a poller).
        while self._waiting:
            await asyncio.sleep(0)  # let the sends polling at this moment join the batch
            waiting, self._waiting = self._waiting, {}
            signatures = list(waiting)
            for start in range(0, len(signatures), MAX_STATUS_BATCH):
                chunk = signatures[start : start + MAX_STATUS_BATCH]
                try:
                    statuses = await self.rpc.get_signature_statuses(chunk)
                except RpcError as exc:
                    for signature in chunk:
                        for future in waiting[signature]:
                            if not future.done():
                                future.set_exception(exc)
                    continue
                for signature, status in zip(chunk, statuses, strict=True):
                    for future in waiting[signature]:
                        if not future.done():
                            future.set_result(status)

    def _preflight_outcome(
        self, exc: RpcResponseError, programs: Sequence[Pubkey | None]
    ) -> tuple[SendStatus, int | None] | None:
        """The outcome of an RPC preflight failure, or None if it is not one."""
        err = exc.transaction_error
        if err is None or err in ("BlockhashNotFound", "AlreadyProcessed"):
            # Not a verdict on the transaction itself: keep polling and rebroadcasting.
            return None
        return classify_transaction_error(err, programs, self.outcompeted)

    def _status_outcome(
        self, status: SignatureStatus, programs: Sequence[Pubkey | None]
    ) -> tuple[SendStatus, int | None] | None:
        if status.err is not None:
            return classify_transaction_error(status.err, programs, self.outcompeted)
        reached = _COMMITMENT_RANK.get(status.confirmation_status or "finalized", 2)
        if reached >= _COMMITMENT_RANK.get(self.commitment, 1):
            return SendStatus.LANDED, None
        return None


def _logs_of(exc: RpcResponseError) -> list[str]:
    if isinstance(exc.data, dict) and isinstance(exc.data.get("logs"), list):
        return [str(line) for line in exc.data["logs"]]
    return []
