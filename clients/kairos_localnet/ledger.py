"""The ledger: LiteSVM plus what a validator keeps around it.

LiteSVM executes transactions and stores accounts, and nothing else: it has no
slots that advance by themselves, one blockhash at a time, no index of accounts
by owner, no transaction history with balances. The Ledger owns the single LiteSVM
and keeps those; the RPC and PubSub layers only read from it. Everything runs on
one asyncio event loop, so nothing here locks.

Commitment levels are all the same here: LiteSVM never forks, so a transaction is
final the moment it executes and every status reports "finalized".
"""

from __future__ import annotations

import hashlib
import json
import struct
import time
from collections import OrderedDict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from solders.account import Account
from solders.address_lookup_table_account import AddressLookupTable
from solders.clock import Clock
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.message import Message
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction, VersionedTransaction
from solders.transaction_metadata import (
    FailedTransactionMetadata,
    SimulatedTransactionInfo,
    TransactionMetadata,
)
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID

from kairos_localnet.codec import (
    MINT_LEN,
    TOKEN_PROGRAMS,
    b58encode,
    is_mint,
    is_token_account,
    token_amount,
    unpack_token_account,
)
from kairos_localnet.svm import localnet_feature_set, make_svm

# A blockhash stays usable for this many blocks after the one that made it.
MAX_PROCESSING_AGE = 150
# Signatures stay in the status cache while their blockhash is among this many.
MAX_RECENT_BLOCKHASHES = 300
MAX_SLOT_HASHES = 512
# getRecentPerformanceSamples: Agave samples every 60 s and keeps 720 samples.
PERFORMANCE_SAMPLE_SECONDS = 60
MAX_PERFORMANCE_SAMPLES = 720
LAMPORTS_PER_SIGNATURE = 5000
FAUCET_LAMPORTS = 250_000_000 * 1_000_000_000
# Transactions kept for getTransaction & co. before the oldest are purged, as a
# validator's --limit-ledger-size does (~2-4 KB each).
DEFAULT_HISTORY_LIMIT = 250_000

MEMO_PROGRAM_IDS = (
    Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr"),
    Pubkey.from_string("Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo"),
)
CLOCK_ID = Pubkey.from_string("SysvarC1ock11111111111111111111111111111111")
SLOT_HASHES_ID = Pubkey.from_string("SysvarS1otHashes111111111111111111111111111")
BPF_LOADER_UPGRADEABLE_ID = Pubkey.from_string("BPFLoaderUpgradeab1e11111111111111111111111")
NATIVE_MINT_IDS = {
    TOKEN_PROGRAM_ID: Pubkey.from_string("So11111111111111111111111111111111111111112"),
    TOKEN_2022_PROGRAM_ID: Pubkey.from_string("9pan9bMn5HatX4EJdBwg9VgCa7Uz5HL8N1m5D3NdXejP"),
}

# Accounts LiteSVM creates by itself: the index learns about every other account
# from the transactions that touch it, but these exist before any transaction.
_GENESIS_ACCOUNTS = [
    Pubkey.from_string(s)
    for s in (
        "11111111111111111111111111111111",
        "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
        "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb",
        "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL",
        "MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr",
        "Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo",
        "AddressLookupTab1e1111111111111111111111111",
        "ComputeBudget111111111111111111111111111111",
        "BPFLoaderUpgradeab1e11111111111111111111111",
        "BPFLoader2111111111111111111111111111111111",
        "BPFLoader1111111111111111111111111111111111",
        "LoaderV411111111111111111111111111111111111",
        "Stake11111111111111111111111111111111111111",
        "Vote111111111111111111111111111111111111111",
        "Config1111111111111111111111111111111111111",
        "KeccakSecp256k11111111111111111111111111111",
        "Ed25519SigVerify111111111111111111111111111",
        "Secp256r1SigVerify1111111111111111111111111",
        "SysvarRent111111111111111111111111111111111",
        "SysvarC1ock11111111111111111111111111111111",
        "SysvarS1otHashes111111111111111111111111111",
        "SysvarEpochSchedu1e111111111111111111111111",
        "SysvarRecentB1ockHashes11111111111111111111",
        "SysvarFees111111111111111111111111111111111",
        "SysvarStakeHistory1111111111111111111111111",
        "SysvarS1otHistory11111111111111111111111111",
        "SysvarLastRestartS1ot1111111111111111111111",
        "SysvarEpochRewards1111111111111111111111111",
    )
]


@dataclass(slots=True)
class ExecutionOutcome:
    """What running a transaction produced (a simulation or a committed one)."""

    err: Any  # TransactionError in its RPC JSON form, None on success
    logs: list[str]
    units_consumed: int
    return_data: tuple[Pubkey, bytes] | None
    inner_instructions: list[dict[str, Any]]
    post_accounts: dict[Pubkey, Account] = field(default_factory=dict)


class PreflightRefused(Exception):
    """A transaction that preflight refuses: it would fail, so it was not committed.

    Carries the outcome a simulation reports; the ledger is exactly as before.
    """

    def __init__(self, outcome: ExecutionOutcome) -> None:
        super().__init__(outcome.err)
        self.outcome = outcome


@dataclass(slots=True)
class TransactionRecord:
    """A committed transaction with the status metadata getTransaction reports."""

    signature: Signature
    slot: int
    block_time: int
    blockhash_seq: int
    transaction: VersionedTransaction
    wire: bytes
    account_keys: list[Pubkey]
    loaded_writable: list[Pubkey]
    loaded_readonly: list[Pubkey]
    outcome: ExecutionOutcome
    fee: int
    pre_balances: list[int]
    post_balances: list[int]
    pre_token_balances: list[dict[str, Any]]
    post_token_balances: list[dict[str, Any]]
    memo: str | None

    @property
    def err(self) -> Any:
        """The transaction error (RPC JSON form), or None."""
        return self.outcome.err


@dataclass(slots=True)
class Block:
    """A produced slot: what getBlock reports (no rewards: nothing is staked here)."""

    slot: int
    parent_slot: int
    blockhash: Hash
    previous_blockhash: Hash
    block_height: int
    block_time: int
    transactions: list[TransactionRecord] = field(default_factory=list)


@dataclass(slots=True)
class PerformanceSample:
    """One getRecentPerformanceSamples entry (taken every 60 s of wall time)."""

    slot: int
    num_transactions: int
    num_slots: int
    sample_period_secs: int


class LedgerListener(Protocol):
    """Receives the ledger's events (PubSub implements it)."""

    def on_transaction(self, record: TransactionRecord) -> None:
        """Handle a committed transaction."""

    def on_accounts(self, slot: int, accounts: Sequence[tuple[Pubkey, Account | None]]) -> None:
        """Handle written accounts (None: the account is gone)."""

    def on_slot(self, slot: int, parent: int, root: int) -> None:
        """Handle the start of a new slot."""


class Ledger:
    """LiteSVM with slots, a blockhash window, an owner index and transaction history."""

    def __init__(
        self,
        svm: LiteSVM | None = None,
        *,
        slot_ms: int = 400,
        faucet: Keypair | None = None,
        identity: Keypair | None = None,
        history_limit: int = DEFAULT_HISTORY_LIMIT,
    ) -> None:
        self.svm = svm if svm is not None else make_svm()
        self.slot_ms = slot_ms
        self.faucet = faucet or Keypair()
        self.identity = identity or Keypair()
        self.listeners: list[LedgerListener] = []
        self.slot = 0
        self.block_height = 0
        self.transaction_count = 0
        self.history_limit = history_limit
        self.first_available_slot = 0
        self.genesis_hash = self.svm.latest_blockhash()
        self.feature_set_id = _feature_set_id()
        # blockhash -> (last valid block height, sequence number of the blockhash)
        self._blockhashes: OrderedDict[Hash, tuple[int, int]] = OrderedDict()
        self._blockhash_seq = 0
        self._slot_hashes: list[tuple[int, Hash]] = []
        self._block_times: dict[int, int] = {}
        self._blocks: dict[int, Block] = {}
        self._samples: deque[PerformanceSample] = deque(maxlen=MAX_PERFORMANCE_SAMPLES)
        self._sample_start = (time.monotonic(), 0, 0)  # (time, slot, transaction count)
        self._time_offset = 0.0
        self._unix_timestamp = 0
        self._epoch_start_timestamp = 0
        self._owner_of: dict[Pubkey, Pubkey] = {}
        self._by_owner: dict[Pubkey, set[Pubkey]] = {}
        self._token_owner_of: dict[Pubkey, tuple[Pubkey, Pubkey]] = {}  # acct -> (owner, mint)
        self._token_by_owner: dict[Pubkey, set[Pubkey]] = {}
        self._token_by_mint: dict[Pubkey, set[Pubkey]] = {}
        self._executables: set[Pubkey] = set()
        self._decimals: dict[Pubkey, int] = {}
        self._statuses: dict[Signature, TransactionRecord] = {}
        self._history: dict[Pubkey, deque[TransactionRecord]] = {}
        self._airdrops = 0
        self._genesis()

    # ---------------------------------------------------------------- genesis

    def _genesis(self) -> None:
        self.svm.set_account(
            self.faucet.pubkey(),
            Account(FAUCET_LAMPORTS, b"", SYSTEM_PROGRAM_ID, False, 0),
        )
        # solana-test-validator's genesis has the native mints; wrapped SOL needs them.
        for program, mint in NATIVE_MINT_IDS.items():
            if self.svm.get_account(mint) is None:
                data = bytearray(MINT_LEN)
                data[44], data[45] = 9, 1  # decimals, is_initialized
                lamports = self.svm.minimum_balance_for_rent_exemption(MINT_LEN)
                self.svm.set_account(mint, Account(lamports, bytes(data), program, False, 0))
        self.reindex([*_GENESIS_ACCOUNTS, *NATIVE_MINT_IDS.values(), self.faucet.pubkey()])
        self._record_blockhash(self.svm.latest_blockhash())
        self._slot_hashes = [(0, self.genesis_hash)]
        self._set_clock()
        self._blocks[0] = Block(0, 0, self.genesis_hash, self.genesis_hash, 0, self._block_times[0])

    # ----------------------------------------------------------------- clock

    @property
    def slot_seconds(self) -> float:
        """Nominal length of a slot in seconds."""
        return self.slot_ms / 1000

    @property
    def unix_timestamp(self) -> int:
        """The Clock sysvar's unix_timestamp of the current slot."""
        return self._unix_timestamp

    @property
    def epoch_schedule(self) -> Any:
        """The EpochSchedule sysvar."""
        return self.svm.get_epoch_schedule()

    def epoch_info(self) -> tuple[int, int, int]:
        """Return (epoch, slot index, slots in epoch) of the current slot."""
        schedule = self.svm.get_epoch_schedule()
        epoch, index = schedule.get_epoch_and_slot_index(self.slot)
        return epoch, index, schedule.get_slots_in_epoch(epoch)

    def block_time(self, slot: int) -> int | None:
        """Unix time of a produced slot; None for a slot skipped by a warp."""
        return self._block_times.get(slot)

    def tick(self) -> None:
        """Advance one slot: new blockhash, SlotHashes entry and Clock at wall time."""
        self._advance(self.slot + 1)

    def warp_to_slot(self, slot: int) -> None:
        """Jump to ``slot`` (later than the current one) as one new block.

        The clock moves on by the skipped slots' nominal duration, and block height
        by one, as when a validator skips slots: blockhashes stay valid.
        """
        if slot <= self.slot:
            raise ValueError(f"cannot warp back or in place: slot {slot} <= current {self.slot}")
        self._time_offset += (slot - self.slot) * self.slot_seconds
        self._advance(slot)

    def warp_time(self, seconds: float) -> None:
        """Move the clock forward by ``seconds`` and the slot by as many slots as fit."""
        if seconds <= 0:
            raise ValueError("warp_time needs a positive number of seconds")
        slots = max(1, round(seconds / self.slot_seconds))
        self._time_offset += seconds
        self._advance(self.slot + slots)

    def _advance(self, slot: int) -> None:
        parent = self.slot
        previous_blockhash = self.latest_blockhash
        self.slot = slot
        self.block_height += 1
        self.svm.expire_blockhash()
        blockhash = self.svm.latest_blockhash()
        self._record_blockhash(blockhash)
        # The current slot is listed too (a validator lists only parents), so an
        # address lookup table created with recent_slot = getSlot() works at once.
        self._slot_hashes.insert(0, (slot, blockhash))
        del self._slot_hashes[MAX_SLOT_HASHES:]
        self.svm.set_slot_hashes(self._slot_hashes)
        self._set_clock()
        self._blocks[slot] = Block(
            slot,
            parent,
            blockhash,
            previous_blockhash,
            self.block_height,
            self._unix_timestamp,
        )
        self._sample_performance()
        for listener in self.listeners:
            listener.on_slot(slot, parent, slot)

    def _sample_performance(self) -> None:
        started, slot, count = self._sample_start
        now = time.monotonic()
        if now - started < PERFORMANCE_SAMPLE_SECONDS:
            return
        self._samples.appendleft(
            PerformanceSample(
                self.slot,
                self.transaction_count - count,
                self.slot - slot,
                PERFORMANCE_SAMPLE_SECONDS,
            )
        )
        self._sample_start = (now, self.slot, self.transaction_count)

    @property
    def performance_samples(self) -> list[PerformanceSample]:
        """Samples taken every 60 s, newest first (at most 720)."""
        return list(self._samples)

    def block(self, slot: int) -> Block | None:
        """The block produced at ``slot``; None if skipped (by a warp) or purged."""
        return self._blocks.get(slot)

    def block_slots(self, start: int, end: int, limit: int | None = None) -> list[int]:
        """Produced slots in [start, end] in order, at most ``limit`` of them."""
        out: list[int] = []
        if end < start:
            return out
        # Blocks are kept in slot order (slots only move forward).
        for slot in self._blocks:
            if slot > end:
                break
            if slot >= start:
                out.append(slot)
                if limit is not None and len(out) >= limit:
                    break
        return out

    def _set_clock(self) -> None:
        # Never let the clock run backwards, whatever the wall clock does.
        now = max(int(time.time() + self._time_offset), self._unix_timestamp)
        schedule = self.svm.get_epoch_schedule()
        epoch = schedule.get_epoch(self.slot)
        if epoch != schedule.get_epoch(max(self.slot - 1, 0)) or self._unix_timestamp == 0:
            self._epoch_start_timestamp = now
        self._unix_timestamp = now
        self._block_times[self.slot] = now
        self.svm.set_clock(
            Clock(
                self.slot,
                self._epoch_start_timestamp,
                epoch,
                schedule.get_leader_schedule_epoch(self.slot),
                now,
            )
        )

    def resync(self) -> None:
        """Catch up after something drove LiteSVM directly (e.g. a program deployment).

        Adopts LiteSVM's slot if it moved ahead and starts a new slot, so that
        programs deployed through the upgradeable loader become invocable.
        """
        self.slot = max(self.slot, self.svm.get_clock().slot)
        self.tick()

    # ------------------------------------------------------------ blockhashes

    def _record_blockhash(self, blockhash: Hash) -> None:
        self._blockhash_seq += 1
        self._blockhashes[blockhash] = (
            self.block_height + MAX_PROCESSING_AGE,
            self._blockhash_seq,
        )
        while len(self._blockhashes) > MAX_RECENT_BLOCKHASHES:
            self._blockhashes.popitem(last=False)

    @property
    def latest_blockhash(self) -> Hash:
        """The newest blockhash (the one of the current slot)."""
        return next(reversed(self._blockhashes))

    def last_valid_block_height(self, blockhash: Hash) -> int | None:
        """Return the last block height accepting ``blockhash``; None if unknown."""
        entry = self._blockhashes.get(blockhash)
        return None if entry is None else entry[0]

    def is_blockhash_valid(self, blockhash: Hash) -> bool:
        """Tell whether a transaction with this blockhash would be accepted now."""
        last_valid = self.last_valid_block_height(blockhash)
        return last_valid is not None and self.block_height <= last_valid

    def _durable_nonce_valid(self, tx: VersionedTransaction) -> bool:
        """Tell whether ``tx`` advances a nonce account holding its blockhash as nonce."""
        message = tx.message
        if not message.instructions:
            return False
        first = message.instructions[0]
        keys = message.account_keys
        if first.program_id_index >= len(keys) or keys[first.program_id_index] != SYSTEM_PROGRAM_ID:
            return False
        data = bytes(first.data)
        if data[:4] != struct.pack("<I", 4) or not first.accounts:  # AdvanceNonceAccount
            return False
        nonce_index = first.accounts[0]
        if nonce_index >= len(keys):
            return False
        nonce = self.svm.get_account(keys[nonce_index])
        if nonce is None or nonce.owner != SYSTEM_PROGRAM_ID or len(nonce.data) < 72:
            return False
        return bytes(nonce.data[40:72]) == bytes(message.recent_blockhash)

    def transaction_age_ok(self, tx: VersionedTransaction) -> bool:
        """Tell whether the blockhash is recent or the transaction uses a valid nonce."""
        return self.is_blockhash_valid(tx.message.recent_blockhash) or self._durable_nonce_valid(tx)

    # --------------------------------------------------------------- accounts

    def get_account(self, pubkey: Pubkey) -> Account | None:
        """Return the account at ``pubkey``; None if missing or closed.

        LiteSVM keeps closed accounts around with 0 lamports; a validator does not.
        """
        account = self.svm.get_account(pubkey)
        if account is None or account.lamports == 0:
            return None
        return account

    def set_account(self, pubkey: Pubkey, account: Account) -> None:
        """Overwrite an account outside any transaction (a test's shortcut); notifies."""
        self.svm.set_account(pubkey, account)
        self._decimals.pop(pubkey, None)
        written = self.reindex([pubkey])
        for listener in self.listeners:
            listener.on_accounts(self.slot, written)

    def reindex(self, pubkeys: Sequence[Pubkey]) -> list[tuple[Pubkey, Account | None]]:
        """Refresh the owner and token indexes for ``pubkeys``; return their accounts."""
        written: list[tuple[Pubkey, Account | None]] = []
        for pubkey in pubkeys:
            account = self.get_account(pubkey)
            self._index(pubkey, account)
            written.append((pubkey, account))
        return written

    def _index(self, pubkey: Pubkey, account: Account | None) -> None:
        new_owner = None if account is None else account.owner
        old_owner = self._owner_of.get(pubkey)
        if old_owner != new_owner:
            if old_owner is not None:
                self._by_owner[old_owner].discard(pubkey)
            if new_owner is None:
                del self._owner_of[pubkey]
            else:
                self._owner_of[pubkey] = new_owner
                self._by_owner.setdefault(new_owner, set()).add(pubkey)
        if account is not None and account.executable:
            self._executables.add(pubkey)
        else:
            self._executables.discard(pubkey)
        token = None
        if account is not None and new_owner in TOKEN_PROGRAMS:
            data = bytes(account.data)
            if is_token_account(account.owner, data):
                token = (Pubkey.from_bytes(data[32:64]), Pubkey.from_bytes(data[0:32]))
        old_token = self._token_owner_of.get(pubkey)
        if old_token != token:
            if old_token is not None:
                self._token_by_owner[old_token[0]].discard(pubkey)
                self._token_by_mint[old_token[1]].discard(pubkey)
            if token is None:
                del self._token_owner_of[pubkey]
            else:
                self._token_owner_of[pubkey] = token
                self._token_by_owner.setdefault(token[0], set()).add(pubkey)
                self._token_by_mint.setdefault(token[1], set()).add(pubkey)

    def accounts(self) -> Iterator[tuple[Pubkey, Account]]:
        """Every live account the ledger has indexed (all but LiteSVM's builtins)."""
        for pubkey in list(self._owner_of):
            account = self.get_account(pubkey)
            if account is not None:
                yield pubkey, account

    def program_accounts(self, program_id: Pubkey) -> Iterator[tuple[Pubkey, Account]]:
        """Every live account owned by ``program_id``, in address order."""
        for pubkey in sorted(self._by_owner.get(program_id, ()), key=bytes):
            account = self.get_account(pubkey)
            if account is not None:
                yield pubkey, account

    def token_accounts_by_owner(self, owner: Pubkey) -> list[Pubkey]:
        """Token accounts (either token program) whose token owner is ``owner``."""
        return sorted(self._token_by_owner.get(owner, ()), key=bytes)

    def token_accounts_by_mint(self, mint: Pubkey) -> list[Pubkey]:
        """Token accounts holding ``mint``."""
        return sorted(self._token_by_mint.get(mint, ()), key=bytes)

    def mint_decimals(self, mint: Pubkey) -> int | None:
        """Decimals of an initialized mint, or None if ``mint`` is not one."""
        cached = self._decimals.get(mint)
        if cached is not None:
            return cached
        account = self.get_account(mint)
        if account is None:
            return None
        data = bytes(account.data)
        if not is_mint(account.owner, data) or not data[45]:
            return None
        decimals = int(data[44])
        self._decimals[mint] = decimals
        return decimals

    def minimum_balance_for_rent_exemption(self, data_len: int) -> int:
        """Lamports that make an account of ``data_len`` bytes rent exempt."""
        return self.svm.minimum_balance_for_rent_exemption(data_len)

    # ------------------------------------------------------------ transactions

    @staticmethod
    def fee_for(num_signatures: int) -> int:
        """Return the fee LiteSVM charges: a flat fee per signature.

        LiteSVM (solders 0.26) charges no prioritization fee, so none is reported.
        """
        return LAMPORTS_PER_SIGNATURE * num_signatures

    def resolve_keys(
        self, tx: VersionedTransaction
    ) -> tuple[list[Pubkey], list[Pubkey], list[Pubkey]]:
        """Return (all account keys, loaded writable, loaded readonly) of a transaction."""
        message = tx.message
        keys = list(message.account_keys)
        if isinstance(message, Message):
            return keys, [], []
        writable: list[Pubkey] = []
        readonly: list[Pubkey] = []
        for lookup in message.address_table_lookups:
            table = self.get_account(lookup.account_key)
            if table is None:
                continue
            try:
                addresses = AddressLookupTable.deserialize(bytes(table.data)).addresses
                writable += [addresses[i] for i in bytes(lookup.writable_indexes)]
                readonly += [addresses[i] for i in bytes(lookup.readonly_indexes)]
            except (ValueError, IndexError):
                continue  # the runtime rejects the transaction and reports why
        return keys + writable + readonly, writable, readonly

    @staticmethod
    def writable_indexes(tx: VersionedTransaction, n_keys: int) -> list[int]:
        """Indexes of the account keys the message locks as writable."""
        header = tx.message.header
        n_static = len(tx.message.account_keys)
        signed_writable = header.num_required_signatures - header.num_readonly_signed_accounts
        unsigned_end = n_static - header.num_readonly_unsigned_accounts
        indexes = [
            i
            for i in range(n_static)
            if i < signed_writable or header.num_required_signatures <= i < unsigned_end
        ]
        if not isinstance(tx.message, Message):
            n_loaded_writable = sum(
                len(bytes(x.writable_indexes)) for x in tx.message.address_table_lookups
            )
            indexes += list(range(n_static, min(n_static + n_loaded_writable, n_keys)))
        return indexes

    def is_processed(self, signature: Signature) -> bool:
        """Tell whether a transaction with this signature was committed."""
        return signature in self._statuses

    def simulate(self, tx: VersionedTransaction, *, sig_verify: bool = True) -> ExecutionOutcome:
        """Run ``tx`` without committing it, with the checks a bank applies first."""
        if self.is_processed(tx.signatures[0]):
            return ExecutionOutcome("AlreadyProcessed", [], 0, None, [])
        if not self.transaction_age_ok(tx):
            return ExecutionOutcome("BlockhashNotFound", [], 0, None, [])
        if not sig_verify:
            self.svm.with_sigverify(False)
        try:
            result = self.svm.simulate_transaction(tx)
        finally:
            if not sig_verify:
                self.svm.with_sigverify(True)
        if isinstance(result, SimulatedTransactionInfo):
            outcome = _outcome(None, result.meta())
            outcome.post_accounts = dict(result.post_accounts())
            return outcome
        return _outcome(_error_json(result), result.meta())

    def execute(
        self, tx: VersionedTransaction, wire: bytes | None = None, *, preflight: bool = False
    ) -> TransactionRecord | None:
        """Commit ``tx`` as a validator would; None if it was dropped before execution.

        Dropped means no fee was charged (bad signature, unknown blockhash, missing
        fee payer, already processed): such a transaction never lands.

        With ``preflight`` a transaction that would fail raises :class:`PreflightRefused`
        and leaves the ledger as it was, as sendTransaction's preflight simulation does.
        It runs once: LiteSVM charges a failed transaction's fee (and advances its
        durable nonce), so those accounts are put back from the pre-execution snapshot.
        Simulating first and then committing would run every transaction twice.
        """
        signature = tx.signatures[0]
        processed = self.is_processed(signature)
        if processed or not self.transaction_age_ok(tx):
            if preflight:
                dropped = "AlreadyProcessed" if processed else "BlockhashNotFound"
                raise PreflightRefused(ExecutionOutcome(dropped, [], 0, None, []))
            return None
        keys, loaded_writable, loaded_readonly = self.resolve_keys(tx)
        pre_balances, pre_accounts = self._snapshot(keys)
        result = self.svm.send_transaction(tx)
        if isinstance(result, TransactionMetadata):
            outcome = _outcome(None, result)
            written_indexes = self.writable_indexes(tx, len(keys))
        else:
            charged = (self.svm.get_balance(keys[0]) or 0) != pre_balances[0]
            written_indexes = [0]
            if tx.uses_durable_nonce():
                written_indexes.append(tx.message.instructions[0].accounts[0])
            if preflight:
                if charged:
                    for index in written_indexes:
                        if index in pre_accounts:
                            self.svm.set_account(keys[index], pre_accounts[index])
                raise PreflightRefused(_outcome(_error_json(result), result.meta()))
            if not charged:
                return None  # no fee charged: the bank never committed it
            outcome = _outcome(_error_json(result), result.meta())
        written = self.reindex([keys[i] for i in written_indexes])
        post_accounts = dict(pre_accounts)
        post_balances = list(pre_balances)
        for index, (_, account) in zip(written_indexes, written, strict=True):
            post_balances[index] = 0 if account is None else account.lamports
            if account is None:
                post_accounts.pop(index, None)
            else:
                post_accounts[index] = account
            if account is not None and account.owner in TOKEN_PROGRAMS:
                self._decimals.pop(keys[index], None)
        record = TransactionRecord(
            signature=signature,
            slot=self.slot,
            block_time=self._unix_timestamp,
            blockhash_seq=self._blockhash_seq,
            transaction=tx,
            wire=wire if wire is not None else bytes(tx),
            account_keys=keys,
            loaded_writable=loaded_writable,
            loaded_readonly=loaded_readonly,
            outcome=outcome,
            fee=self.fee_for(tx.message.header.num_required_signatures),
            pre_balances=pre_balances,
            post_balances=post_balances,
            pre_token_balances=self._token_balances(keys, pre_accounts),
            post_token_balances=self._token_balances(keys, post_accounts),
            memo=_memo(tx, keys),
        )
        self._statuses[signature] = record
        self.transaction_count += 1
        block = self._blocks.get(self.slot)
        if block is not None:
            block.transactions.append(record)
        for key in dict.fromkeys(keys):
            self._history.setdefault(key, deque()).append(record)
        if len(self._statuses) > self.history_limit:
            self._purge_history()
        for listener in self.listeners:
            listener.on_transaction(record)
            listener.on_accounts(self.slot, written)
        return record

    def _snapshot(self, keys: Sequence[Pubkey]) -> tuple[list[int], dict[int, Account]]:
        balances: list[int] = []
        accounts: dict[int, Account] = {}
        for index, key in enumerate(keys):
            if key in self._executables:
                # Program accounts can be large and never hold token balances.
                balances.append(self.svm.get_balance(key) or 0)
                continue
            account = self.svm.get_account(key)
            if account is None:
                balances.append(0)
                continue
            balances.append(account.lamports)
            if account.executable:
                self._executables.add(key)
            else:
                accounts[index] = account
        return balances, accounts

    def _token_balances(
        self, keys: Sequence[Pubkey], accounts: dict[int, Account]
    ) -> list[dict[str, Any]]:
        balances = []
        for index in sorted(accounts):
            account = accounts[index]
            if account.owner not in TOKEN_PROGRAMS or account.lamports == 0:
                continue
            data = bytes(account.data)
            if not is_token_account(account.owner, data):
                continue
            token = unpack_token_account(data)
            decimals = self.mint_decimals(token.mint)
            if decimals is None:
                continue
            balances.append(
                {
                    "accountIndex": index,
                    "mint": str(token.mint),
                    "owner": str(token.owner),
                    "programId": str(account.owner),
                    "uiTokenAmount": token_amount(token.amount, decimals),
                }
            )
        return balances

    def airdrop(self, to: Pubkey, lamports: int) -> TransactionRecord:
        """Transfer ``lamports`` from the faucet in a real, recorded transaction."""
        instructions = [
            transfer(
                TransferParams(from_pubkey=self.faucet.pubkey(), to_pubkey=to, lamports=lamports)
            )
        ]
        tx = self._faucet_transaction(instructions)
        if self.is_processed(tx.signatures[0]):
            # Same recipient and amount within one blockhash: a memo makes it distinct.
            self._airdrops += 1
            memo = Instruction(MEMO_PROGRAM_IDS[0], f"airdrop {self._airdrops}".encode(), [])
            tx = self._faucet_transaction([*instructions, memo])
        record = self.execute(tx)
        if record is None or record.err is not None:
            raise RuntimeError(f"airdrop of {lamports} lamports to {to} failed")
        return record

    def _faucet_transaction(self, instructions: list[Instruction]) -> VersionedTransaction:
        message = Message.new_with_blockhash(
            instructions, self.faucet.pubkey(), self.latest_blockhash
        )
        legacy = Transaction([self.faucet], message, self.latest_blockhash)
        return VersionedTransaction.from_legacy(legacy)

    def deploy(self, program_keypair: Keypair, so_bytes: bytes) -> None:
        """Deploy a program through the upgradeable loader, paid by the faucet."""
        # Imported here: the localnet should not load the build toolchain unless asked.
        from kairos_toolchain.deploy import deploy_program

        deploy_program(self.svm, self.faucet, program_keypair, so_bytes)
        program_id = program_keypair.pubkey()
        programdata = Pubkey.find_program_address([bytes(program_id)], BPF_LOADER_UPGRADEABLE_ID)[0]
        written = self.reindex([self.faucet.pubkey(), program_id, programdata])
        self.resync()
        for listener in self.listeners:
            listener.on_accounts(self.slot, written)

    # ---------------------------------------------------------------- history

    def _purge_history(self) -> None:
        while len(self._statuses) > self.history_limit:
            oldest = next(iter(self._statuses.values()))
            if self._blockhash_seq - oldest.blockhash_seq < MAX_RECENT_BLOCKHASHES:
                break  # still in the status cache: a resend must read as a duplicate
            del self._statuses[oldest.signature]
            for key in dict.fromkeys(oldest.account_keys):
                entries = self._history[key]
                entries.popleft()  # records are appended in commit order
                if not entries:
                    del self._history[key]
        first = next(iter(self._statuses.values())).slot
        if first > self.first_available_slot:
            self.first_available_slot = first
            while self._block_times and next(iter(self._block_times)) < first:
                del self._block_times[next(iter(self._block_times))]
            while self._blocks and next(iter(self._blocks)) < first:
                del self._blocks[next(iter(self._blocks))]

    def status(self, signature: Signature, *, search_history: bool) -> TransactionRecord | None:
        """Return the committed transaction for ``signature``.

        Without ``search_history`` only the status cache is searched, as a bank
        does: transactions whose blockhash is among the last 300.
        """
        record = self._statuses.get(signature)
        if record is None or search_history:
            return record
        if self._blockhash_seq - record.blockhash_seq >= MAX_RECENT_BLOCKHASHES:
            return None
        return record

    def transaction(self, signature: Signature) -> TransactionRecord | None:
        """Return the committed transaction for ``signature`` from the full history."""
        return self._statuses.get(signature)

    def signatures_for_address(
        self,
        address: Pubkey,
        *,
        limit: int,
        before: Signature | None = None,
        until: Signature | None = None,
    ) -> list[TransactionRecord]:
        """Transactions mentioning ``address``, newest first, as getSignaturesForAddress pages."""
        history = self._history.get(address, ())
        out: list[TransactionRecord] = []
        started = before is None
        for record in reversed(history):
            if not started:
                started = record.signature == before
                continue
            if until is not None and record.signature == until:
                break
            out.append(record)
            if len(out) >= limit:
                break
        return out


def _feature_set_id() -> int:
    # Agave's getVersion reports a u32 digest of the active features; any stable
    # value identifies this runtime the same way.
    active = sorted(bytes(k) for k in localnet_feature_set().active)
    return int.from_bytes(hashlib.sha256(b"".join(active)).digest()[:4], "little")


def _error_json(result: FailedTransactionMetadata) -> Any:
    return json.loads(result.to_json())["err"]


def _outcome(err: Any, meta: TransactionMetadata) -> ExecutionOutcome:
    inner = []
    for index, instructions in enumerate(meta.inner_instructions()):
        if instructions:
            inner.append(
                {
                    "index": index,
                    "instructions": [
                        {
                            "programIdIndex": ix.instruction().program_id_index,
                            "accounts": list(bytes(ix.instruction().accounts)),
                            "data": b58encode(bytes(ix.instruction().data)),
                            # The stub omits stack_height(); the extension has it.
                            "stackHeight": ix.stack_height(),  # type: ignore[attr-defined]
                        }
                        for ix in instructions
                    ],
                }
            )
    ret = meta.return_data()  # type: ignore[attr-defined]  # stub says transaction_return_data
    return_data = (ret.program_id, bytes(ret.data)) if ret.data else None
    return ExecutionOutcome(
        err=err,
        logs=list(meta.logs()),
        units_consumed=meta.compute_units_consumed(),
        return_data=return_data,
        inner_instructions=inner,
    )


def _memo(tx: VersionedTransaction, keys: Sequence[Pubkey]) -> str | None:
    memos = []
    for ix in tx.message.instructions:
        if ix.program_id_index < len(keys) and keys[ix.program_id_index] in MEMO_PROGRAM_IDS:
            data = bytes(ix.data)
            try:
                text = data.decode()
            except UnicodeDecodeError:
                text = "(unparseable)"
            memos.append(f"[{len(data)}] {text}")
    return "; ".join(memos) if memos else None
