"""Solana JSON-RPC methods over the Ledger, answered in Agave's shapes.

The shapes are what solders' response parsers (used by solana-py and AnchorPy)
accept; the tests check every method through those clients.
"""

from __future__ import annotations

import heapq
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from solders.hash import Hash
from solders.message import Message, MessageV0, from_bytes_versioned
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction import SanitizeError, VersionedTransaction

from kairos_localnet.codec import (
    TOKEN_PROGRAMS,
    AccountEncoding,
    b58decode,
    b58encode,
    b64decode,
    b64encode,
    encode_account,
    filters_match,
    is_mint,
    is_token_account,
    parse_filters,
    parse_pubkey,
    token_amount,
    unpack_mint,
    unpack_token_account,
)
from kairos_localnet.errors import (
    BLOCK_CLEANED_UP,
    BLOCK_NOT_AVAILABLE,
    INTERNAL_ERROR,
    INVALID_PARAMS,
    INVALID_REQUEST,
    METHOD_NOT_FOUND,
    MIN_CONTEXT_SLOT_NOT_REACHED,
    PARSE_ERROR,
    RESPONSE_TOO_LARGE,
    SEND_TRANSACTION_PREFLIGHT_FAILURE,
    SLOT_SKIPPED,
    TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
    UNSUPPORTED_TRANSACTION_VERSION,
    RpcError,
    describe_transaction_error,
    invalid_param,
    invalid_params,
)
from kairos_localnet.ledger import (
    Block,
    ExecutionOutcome,
    Ledger,
    PreflightRefused,
    TransactionRecord,
)
from kairos_localnet.limits import BATCH_SLICE_SECONDS, Limits, loads, pause
from kairos_localnet.parse_instructions import parse_instruction

log = logging.getLogger(__name__)

# The Agave release whose SVM LiteSVM (solders 0.26) embeds.
SOLANA_CORE_VERSION = "2.2.0"
COMMITMENTS = ("processed", "confirmed", "finalized")
MAX_MULTIPLE_ACCOUNTS = 100
MAX_SIGNATURE_STATUSES = 256
MAX_SIGNATURES_FOR_ADDRESS = 1000
MAX_SLOT_LEADERS = 5000
MAX_GET_CONFIRMED_BLOCKS_RANGE = 500_000
MAX_PERFORMANCE_SAMPLES = 720
NUM_LARGEST_ACCOUNTS = 20
TRANSACTION_DETAILS = ("full", "signatures", "none", "accounts")
# Agave's default Inflation, which solana-test-validator's genesis keeps.
INFLATION = {
    "initial": 0.08,
    "terminal": 0.015,
    "taper": 0.15,
    "foundation": 0.05,
    "foundationTerm": 7.0,
}
# Slots in a year at 400 ms slots (Agave: 160 ticks/s, 64 ticks per slot).
SLOTS_PER_YEAR = 365.242_199 * 24.0 * 60.0 * 60.0 / 0.4

Handler = Callable[[list[Any]], Any]

# The largest transaction a validator accepts, raw and encoded.
PACKET_DATA_SIZE = 1232
_MAX_ENCODED_TRANSACTION = {"base58": 1683, "base64": 1644}

# Errors the ledger finds before LiteSVM runs (and checks signatures).
_CHECKED_BEFORE_EXECUTION = ("BlockhashNotFound", "AlreadyProcessed")


def dumps(value: Any) -> bytes:
    """Serialize a response compactly."""
    return json.dumps(value, separators=(",", ":")).encode()


def _error_response(error: RpcError, request_id: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "error": error.to_json(), "id": request_id}


# ----------------------------------------------------------------- param helpers


def _args(params: list[Any], required: int, maximum: int) -> list[Any]:
    if len(params) < required:
        raise invalid_params(f"invalid length {len(params)}, expected {required} or more params")
    if len(params) > maximum:
        raise invalid_params(f"invalid length {len(params)}, expected at most {maximum} params")
    return params + [None] * (maximum - len(params))


def _config(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise invalid_params(f"invalid type: {type(value).__name__}, expected a config object")
    commitment = value.get("commitment")
    if commitment is not None and commitment not in COMMITMENTS:
        raise invalid_params(
            f"unknown variant `{commitment}`, expected one of `processed`, `confirmed`, `finalized`"
        )
    return value


def _u64(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise invalid_params(f"invalid type: expected u64 {what}")
    return value


def _signature(value: Any) -> Signature:
    if not isinstance(value, str):
        raise invalid_params("invalid type: expected a signature string")
    try:
        return Signature.from_string(value)
    except ValueError:
        raise invalid_param("Invalid signature") from None


def _opt_signature(value: Any) -> Signature | None:
    return None if value is None else _signature(value)


_TRANSACTION_ENCODINGS = ("json", "jsonParsed", "base64", "base58", "binary")


def _at_least_confirmed(cfg: dict[str, Any]) -> dict[str, Any]:
    if cfg.get("commitment") == "processed":
        raise invalid_params("Method does not support commitment below `confirmed`")
    return cfg


def _encoded_status(err: Any) -> dict[str, Any]:
    return {"Ok": None} if err is None else {"Err": err}


def _return_data(outcome: ExecutionOutcome) -> dict[str, Any] | None:
    if outcome.return_data is None:
        return None
    program_id, data = outcome.return_data
    return {"programId": str(program_id), "data": [b64encode(data), "base64"]}


def _decode_transaction(data: Any, encoding: str) -> tuple[bytes, VersionedTransaction]:
    if not isinstance(data, str):
        raise invalid_params("invalid type: expected an encoded transaction string")
    max_encoded = _MAX_ENCODED_TRANSACTION.get(encoding)
    if max_encoded is not None and len(data) > max_encoded:
        raise invalid_params(
            f"{encoding} encoded solana_transaction::versioned::VersionedTransaction too large: "
            f"{len(data)} bytes (max: encoded/raw {max_encoded}/{PACKET_DATA_SIZE})"
        )
    try:
        if encoding == "base58":
            wire = b58decode(data)
        elif encoding == "base64":
            wire = b64decode(data)
        else:
            raise invalid_params(
                f"unsupported encoding: {encoding}. Supported encodings: base58, base64"
            )
    except ValueError as exc:
        raise invalid_params(f"invalid {encoding} encoding: {exc}") from None
    try:
        tx = VersionedTransaction.from_bytes(wire)
    except ValueError as exc:
        raise invalid_params(
            f"failed to deserialize solana_transaction::versioned::VersionedTransaction: {exc}"
        ) from None
    try:
        tx.sanitize()
    except SanitizeError:
        raise invalid_params(
            "invalid transaction: Transaction failed to sanitize accounts offsets correctly"
        ) from None
    return wire, tx


def _with_blockhash(tx: VersionedTransaction, blockhash: Hash) -> VersionedTransaction:
    message = tx.message
    if isinstance(message, Message):
        header = message.header
        new: Message | MessageV0 = Message.new_with_compiled_instructions(
            header.num_required_signatures,
            header.num_readonly_signed_accounts,
            header.num_readonly_unsigned_accounts,
            list(message.account_keys),
            blockhash,
            list(message.instructions),
        )
    else:
        new = MessageV0(
            message.header,
            list(message.account_keys),
            blockhash,
            list(message.instructions),
            list(message.address_table_lookups),
        )
    return VersionedTransaction.populate(new, list(tx.signatures))


class RpcHandler:
    """Dispatches JSON-RPC requests (single or batch) to the Solana methods."""

    def __init__(
        self,
        ledger: Ledger,
        *,
        rpc_address: str = "",
        pubsub_address: str = "",
        limits: Limits | None = None,
    ) -> None:
        self.ledger = ledger
        self.limits = limits or Limits()
        self.rpc_address = rpc_address
        self.pubsub_address = pubsub_address
        self.methods: dict[str, Handler] = {
            "getAccountInfo": self.get_account_info,
            "getBalance": self.get_balance,
            "getBlock": self.get_block,
            "getBlockCommitment": self.get_block_commitment,
            "getBlockHeight": self.get_block_height,
            "getBlockProduction": self.get_block_production,
            "getBlockTime": self.get_block_time,
            "getBlocks": self.get_blocks,
            "getBlocksWithLimit": self.get_blocks_with_limit,
            "getClusterNodes": self.get_cluster_nodes,
            "getEpochInfo": self.get_epoch_info,
            "getEpochSchedule": self.get_epoch_schedule,
            "getFeeForMessage": self.get_fee_for_message,
            "getFirstAvailableBlock": lambda params: self.ledger.first_available_slot,
            "getGenesisHash": lambda params: str(self.ledger.genesis_hash),
            "getHealth": lambda params: "ok",
            "getIdentity": lambda params: {"identity": str(self.ledger.identity.pubkey())},
            "getInflationGovernor": self.get_inflation_governor,
            "getInflationRate": self.get_inflation_rate,
            "getInflationReward": self.get_inflation_reward,
            "getLargestAccounts": self.get_largest_accounts,
            "getLatestBlockhash": self.get_latest_blockhash,
            "getLeaderSchedule": self.get_leader_schedule,
            "getMaxRetransmitSlot": lambda params: self.ledger.slot,
            "getMaxShredInsertSlot": lambda params: self.ledger.slot,
            "getMinimumBalanceForRentExemption": self.get_minimum_balance_for_rent_exemption,
            "getMultipleAccounts": self.get_multiple_accounts,
            "getProgramAccounts": self.get_program_accounts,
            "getRecentPerformanceSamples": self.get_recent_performance_samples,
            "getRecentPrioritizationFees": self.get_recent_prioritization_fees,
            "getSignatureStatuses": self.get_signature_statuses,
            "getSignaturesForAddress": self.get_signatures_for_address,
            "getSlot": self.get_slot,
            "getSlotLeader": self.get_slot_leader,
            "getSlotLeaders": self.get_slot_leaders,
            "getSupply": self.get_supply,
            "getTokenAccountBalance": self.get_token_account_balance,
            "getTokenAccountsByDelegate": self.get_token_accounts_by_delegate,
            "getTokenAccountsByOwner": self.get_token_accounts_by_owner,
            "getTokenLargestAccounts": self.get_token_largest_accounts,
            "getTokenSupply": self.get_token_supply,
            "getTransaction": self.get_transaction,
            "getTransactionCount": self.get_transaction_count,
            "getVersion": self.get_version,
            "getVoteAccounts": lambda params: {"current": [], "delinquent": []},
            "isBlockhashValid": self.is_blockhash_valid,
            "minimumLedgerSlot": lambda params: self.ledger.first_available_slot,
            "requestAirdrop": self.request_airdrop,
            "sendTransaction": self.send_transaction,
            "simulateTransaction": self.simulate_transaction,
            "kairosWarp": self.kairos_warp,
        }

    # ------------------------------------------------------------- envelope

    async def handle_body(self, body: bytes) -> bytes | None:
        """Answer a raw HTTP body; None when there is nothing to send back.

        A batch runs in slices of about ``BATCH_SLICE_SECONDS``, yielding to the
        event loop between them so one client's batch cannot stall the others;
        once its answers pass ``max_response_bytes`` the rest of the batch is not
        run and is answered with an error.
        """
        try:
            payload = loads(body)
        except (ValueError, UnicodeDecodeError):
            return dumps(_error_response(RpcError(PARSE_ERROR, "Parse error"), None))
        if not isinstance(payload, list):
            response = self.handle_request(payload)
            if response is None:
                return None
            answer = dumps(response)
            if len(answer) > self.limits.max_response_bytes:
                error = RpcError(
                    RESPONSE_TOO_LARGE,
                    f"Response too large: {len(answer)} bytes; max "
                    f"{self.limits.max_response_bytes}",
                )
                answer = dumps(_error_response(error, response.get("id")))
            return answer
        if not payload:
            return dumps(_error_response(RpcError(INVALID_REQUEST, "Invalid request"), None))
        limits = self.limits
        if len(payload) > limits.max_batch_requests:
            return dumps(
                _error_response(
                    RpcError(
                        INVALID_REQUEST,
                        f"Invalid request: batch of {len(payload)} requests; "
                        f"max {limits.max_batch_requests}",
                    ),
                    None,
                )
            )
        parts: list[bytes] = []
        size = 2
        loop_time = time.perf_counter
        slice_start = loop_time()
        for request in payload:
            if size > limits.max_response_bytes:
                response = _error_response(
                    RpcError(
                        RESPONSE_TOO_LARGE,
                        f"Response too large: the batch's answers passed "
                        f"{limits.max_response_bytes} bytes; this request was not run",
                    ),
                    request.get("id") if isinstance(request, dict) else None,
                )
                if not isinstance(request, dict) or "id" not in request:
                    continue
            else:
                response = self.handle_request(request)
                if response is None:
                    continue
            part = dumps(response)
            parts.append(part)
            size += len(part) + 1
            if loop_time() - slice_start > BATCH_SLICE_SECONDS:
                await pause()
                slice_start = loop_time()
        return b"[" + b",".join(parts) + b"]" if parts else None

    def handle_request(self, request: Any) -> dict[str, Any] | None:
        """Answer one request object; None for a notification (no id)."""
        if not isinstance(request, dict):
            return _error_response(RpcError(INVALID_REQUEST, "Invalid request"), None)
        request_id = request.get("id")
        method_name = request.get("method")
        if request.get("jsonrpc") != "2.0" or not isinstance(method_name, str):
            return _error_response(RpcError(INVALID_REQUEST, "Invalid request"), request_id)
        params = request.get("params")
        try:
            if params is None:
                params = []
            elif not isinstance(params, list):
                raise invalid_params("invalid type: map, expected a sequence of params")
            method = self.methods.get(method_name)
            if method is None:
                raise RpcError(METHOD_NOT_FOUND, "Method not found")
            result = method(params)
        except RpcError as exc:
            response = _error_response(exc, request_id)
        except Exception:
            log.exception("internal error in %s", method_name)
            response = _error_response(RpcError(INTERNAL_ERROR, "Internal error"), request_id)
        else:
            response = {"jsonrpc": "2.0", "result": result, "id": request_id}
        return response if "id" in request else None

    def _context(self) -> dict[str, Any]:
        return {"slot": self.ledger.slot, "apiVersion": SOLANA_CORE_VERSION}

    def _check_context(self, config: dict[str, Any]) -> None:
        min_slot = config.get("minContextSlot")
        if min_slot is not None and _u64(min_slot, "minContextSlot") > self.ledger.slot:
            raise RpcError(
                MIN_CONTEXT_SLOT_NOT_REACHED,
                "Minimum context slot has not been reached",
                {"contextSlot": self.ledger.slot},
            )

    def _encode(self, account: Any, encoding: AccountEncoding) -> dict[str, Any]:
        return encode_account(account, encoding, self.ledger.mint_decimals)

    # -------------------------------------------------------------- cluster

    def get_version(self, params: list[Any]) -> dict[str, Any]:
        """Answer getVersion."""
        _args(params, 0, 0)
        return {"solana-core": SOLANA_CORE_VERSION, "feature-set": self.ledger.feature_set_id}

    def get_slot(self, params: list[Any]) -> int:
        """Answer getSlot."""
        self._check_context(_config(_args(params, 0, 1)[0]))
        return self.ledger.slot

    def get_block_height(self, params: list[Any]) -> int:
        """Answer getBlockHeight."""
        self._check_context(_config(_args(params, 0, 1)[0]))
        return self.ledger.block_height

    def get_slot_leader(self, params: list[Any]) -> str:
        """Answer getSlotLeader: this node leads every slot."""
        self._check_context(_config(_args(params, 0, 1)[0]))
        return str(self.ledger.identity.pubkey())

    def get_slot_leaders(self, params: list[Any]) -> list[str]:
        """Answer getSlotLeaders."""
        _, limit = _args(params, 2, 2)
        if _u64(limit, "limit") > MAX_SLOT_LEADERS:
            raise invalid_param(f"Invalid limit; max {MAX_SLOT_LEADERS}")
        return [str(self.ledger.identity.pubkey())] * limit

    def get_transaction_count(self, params: list[Any]) -> int:
        """Answer getTransactionCount."""
        self._check_context(_config(_args(params, 0, 1)[0]))
        return self.ledger.transaction_count

    def get_epoch_info(self, params: list[Any]) -> dict[str, Any]:
        """Answer getEpochInfo."""
        self._check_context(_config(_args(params, 0, 1)[0]))
        epoch, index, slots_in_epoch = self.ledger.epoch_info()
        return {
            "absoluteSlot": self.ledger.slot,
            "blockHeight": self.ledger.block_height,
            "epoch": epoch,
            "slotIndex": index,
            "slotsInEpoch": slots_in_epoch,
            "transactionCount": self.ledger.transaction_count,
        }

    def get_epoch_schedule(self, params: list[Any]) -> dict[str, Any]:
        """Answer getEpochSchedule."""
        _args(params, 0, 0)
        schedule = self.ledger.epoch_schedule
        return {
            "firstNormalEpoch": schedule.first_normal_epoch,
            "firstNormalSlot": schedule.first_normal_slot,
            "leaderScheduleSlotOffset": schedule.leader_schedule_slot_offset,
            "slotsPerEpoch": schedule.slots_per_epoch,
            "warmup": schedule.warmup,
        }

    def get_cluster_nodes(self, params: list[Any]) -> list[dict[str, Any]]:
        """Answer getClusterNodes: this single node."""
        _args(params, 0, 0)
        return [
            {
                "pubkey": str(self.ledger.identity.pubkey()),
                "gossip": None,
                "tpu": None,
                "tpuQuic": None,
                "rpc": self.rpc_address or None,
                "pubsub": self.pubsub_address or None,
                "version": SOLANA_CORE_VERSION,
                "featureSet": self.ledger.feature_set_id,
                "shredVersion": 0,
            }
        ]

    def get_block_time(self, params: list[Any]) -> int:
        """Answer getBlockTime."""
        (slot,) = _args(params, 1, 1)
        slot = _u64(slot, "slot")
        if slot > self.ledger.slot:
            raise RpcError(BLOCK_NOT_AVAILABLE, f"Block not available for slot {slot}")
        first = self.ledger.first_available_slot
        if slot < first:
            raise RpcError(
                BLOCK_CLEANED_UP,
                f"Block {slot} cleaned up, does not exist on node. First available block: {first}",
            )
        block_time = self.ledger.block_time(slot)
        if block_time is None:
            raise RpcError(
                SLOT_SKIPPED,
                f"Slot {slot} was skipped, or missing due to ledger jump to recent snapshot",
            )
        return block_time

    # ---------------------------------------------------------------- blocks

    def _block_or_error(self, slot: int) -> Block:
        if slot > self.ledger.slot:
            raise RpcError(BLOCK_NOT_AVAILABLE, f"Block not available for slot {slot}")
        first = self.ledger.first_available_slot
        if slot < first:
            raise RpcError(
                BLOCK_CLEANED_UP,
                f"Block {slot} cleaned up, does not exist on node. First available block: {first}",
            )
        block = self.ledger.block(slot)
        if block is None:
            raise RpcError(
                SLOT_SKIPPED,
                f"Slot {slot} was skipped, or missing due to ledger jump to recent snapshot",
            )
        return block

    def get_block(self, params: list[Any]) -> dict[str, Any] | None:
        """Answer getBlock: every transactionDetails level, encoding and rewards flag."""
        raw_slot, config = _args(params, 1, 2)
        if isinstance(config, str):  # the legacy form passes the encoding alone
            config = {"encoding": config}
        cfg = _at_least_confirmed(_config(config))
        slot = _u64(raw_slot, "slot")
        options = BlockOptions.from_config(cfg, rewards_key="rewards")
        return encode_block(self._block_or_error(slot), options)

    def get_blocks(self, params: list[Any]) -> list[int]:
        """Answer getBlocks: produced slots in [start, end] (end defaults to the latest)."""
        raw_start, second, third = _args(params, 1, 3)
        if isinstance(second, dict) and third is None:
            second, third = None, second
        cfg = _at_least_confirmed(_config(third))
        self._check_context(cfg)
        start = _u64(raw_start, "start_slot")
        end = start + MAX_GET_CONFIRMED_BLOCKS_RANGE if second is None else _u64(second, "end_slot")
        end = min(end, self.ledger.slot)
        if end < start:
            return []
        if end - start > MAX_GET_CONFIRMED_BLOCKS_RANGE:
            raise RpcError(
                INVALID_PARAMS, f"Slot range too large; max {MAX_GET_CONFIRMED_BLOCKS_RANGE}"
            )
        return self.ledger.block_slots(max(start, self.ledger.first_available_slot), end)

    def get_blocks_with_limit(self, params: list[Any]) -> list[int]:
        """Answer getBlocksWithLimit: up to ``limit`` produced slots from ``start``."""
        raw_start, raw_limit, config = _args(params, 2, 3)
        cfg = _at_least_confirmed(_config(config))
        self._check_context(cfg)
        start = _u64(raw_start, "start_slot")
        limit = _u64(raw_limit, "limit")
        if limit > MAX_GET_CONFIRMED_BLOCKS_RANGE:
            raise RpcError(INVALID_PARAMS, f"Limit too large; max {MAX_GET_CONFIRMED_BLOCKS_RANGE}")
        if limit == 0:
            return []
        first = max(start, self.ledger.first_available_slot)
        return self.ledger.block_slots(first, self.ledger.slot, limit)

    def get_block_commitment(self, params: list[Any]) -> dict[str, Any]:
        """Answer getBlockCommitment: no stake here, so no vote-weighted commitment."""
        (raw_slot,) = _args(params, 1, 1)
        _u64(raw_slot, "slot")
        return {"commitment": None, "totalStake": 0}

    def get_block_production(self, params: list[Any]) -> dict[str, Any]:
        """Answer getBlockProduction: this node leads every slot; warps skip slots."""
        (config,) = _args(params, 0, 1)
        cfg = _config(config)
        identity = str(self.ledger.identity.pubkey())
        schedule = self.ledger.epoch_schedule
        current = self.ledger.slot
        first_slot = schedule.get_first_slot_in_epoch(schedule.get_epoch(current))
        last_slot = current
        raw_range = cfg.get("range")
        if raw_range is not None:
            if not isinstance(raw_range, dict) or "firstSlot" not in raw_range:
                raise invalid_params("missing field `firstSlot`")
            first_slot = _u64(raw_range["firstSlot"], "firstSlot")
            if raw_range.get("lastSlot") is not None:
                last_slot = _u64(raw_range["lastSlot"], "lastSlot")
        if last_slot < first_slot:
            raise RpcError(
                INVALID_PARAMS,
                f"lastSlot, {last_slot}, cannot be less than firstSlot, {first_slot}",
            )
        if last_slot > current:
            raise RpcError(
                INVALID_PARAMS,
                f"lastSlot, {last_slot}, cannot be greater than current slot, {current}",
            )
        by_identity: dict[str, list[int]] = {}
        wanted = cfg.get("identity")
        if wanted is None or wanted == identity:
            produced = len(self.ledger.block_slots(first_slot, last_slot))
            by_identity[identity] = [last_slot - first_slot + 1, produced]
        return {
            "context": self._context(),
            "value": {
                "byIdentity": by_identity,
                "range": {"firstSlot": first_slot, "lastSlot": last_slot},
            },
        }

    def get_leader_schedule(self, params: list[Any]) -> dict[str, list[int]] | None:
        """Answer getLeaderSchedule: this node leads every slot of the epoch."""
        raw_slot, config = _args(params, 0, 2)
        if isinstance(raw_slot, dict) and config is None:
            raw_slot, config = None, raw_slot
        cfg = _config(config)
        schedule = self.ledger.epoch_schedule
        slot = self.ledger.slot if raw_slot is None else _u64(raw_slot, "slot")
        epoch = schedule.get_epoch(slot)
        if epoch > schedule.get_leader_schedule_epoch(self.ledger.slot):
            return None
        identity = str(self.ledger.identity.pubkey())
        wanted = cfg.get("identity")
        if wanted is not None:
            if not isinstance(wanted, str):
                raise invalid_params("invalid type: expected an identity string")
            if wanted != identity:
                return {}
        return {identity: list(range(schedule.get_slots_in_epoch(epoch)))}

    # ----------------------------------------------------------- economics

    def get_supply(self, params: list[Any]) -> dict[str, Any]:
        """Answer getSupply: every lamport is circulating (no stake or vesting accounts)."""
        (config,) = _args(params, 0, 1)
        _config(config)
        total = sum(account.lamports for _, account in self.ledger.accounts())
        return {
            "context": self._context(),
            "value": {
                "total": total,
                "circulating": total,
                "nonCirculating": 0,
                "nonCirculatingAccounts": [],
            },
        }

    def get_largest_accounts(self, params: list[Any]) -> dict[str, Any]:
        """Answer getLargestAccounts: the 20 largest balances."""
        (config,) = _args(params, 0, 1)
        cfg = _config(config)
        account_filter = cfg.get("filter")
        if account_filter not in (None, "circulating", "nonCirculating"):
            raise invalid_params(
                f"unknown variant `{account_filter}`, expected `circulating` or `nonCirculating`"
            )
        value: list[dict[str, Any]] = []
        if account_filter != "nonCirculating":
            balances = ((account.lamports, key) for key, account in self.ledger.accounts())
            largest = heapq.nlargest(NUM_LARGEST_ACCOUNTS, balances, key=lambda item: item[0])
            value = [{"address": str(key), "lamports": lamports} for lamports, key in largest]
        return {"context": self._context(), "value": value}

    def get_recent_performance_samples(self, params: list[Any]) -> list[dict[str, Any]]:
        """Answer getRecentPerformanceSamples: one sample per 60 s, newest first."""
        (raw_limit,) = _args(params, 0, 1)
        limit = MAX_PERFORMANCE_SAMPLES if raw_limit is None else _u64(raw_limit, "limit")
        if limit > MAX_PERFORMANCE_SAMPLES:
            raise RpcError(INVALID_PARAMS, f"Invalid limit; max {MAX_PERFORMANCE_SAMPLES}")
        return [
            {
                "slot": sample.slot,
                "numTransactions": sample.num_transactions,
                "numSlots": sample.num_slots,
                "samplePeriodSecs": sample.sample_period_secs,
                "numNonVoteTransactions": sample.num_transactions,
            }
            for sample in self.ledger.performance_samples[:limit]
        ]

    def get_inflation_governor(self, params: list[Any]) -> dict[str, float]:
        """Answer getInflationGovernor (Agave's default inflation)."""
        (config,) = _args(params, 0, 1)
        _config(config)
        return dict(INFLATION)

    def get_inflation_rate(self, params: list[Any]) -> dict[str, Any]:
        """Answer getInflationRate for the current epoch."""
        _args(params, 0, 0)
        schedule = self.ledger.epoch_schedule
        epoch = schedule.get_epoch(self.ledger.slot)
        year = schedule.get_first_slot_in_epoch(epoch) / SLOTS_PER_YEAR
        total = max(INFLATION["initial"] * (1 - INFLATION["taper"]) ** year, INFLATION["terminal"])
        foundation = total * INFLATION["foundation"] if year < INFLATION["foundationTerm"] else 0.0
        return {
            "total": total,
            "validator": total - foundation,
            "foundation": foundation,
            "epoch": epoch,
        }

    def get_inflation_reward(self, params: list[Any]) -> list[None]:
        """Answer getInflationReward: nothing is staked, so no address earns a reward."""
        raw_addresses, config = _args(params, 1, 2)
        cfg = _config(config)
        self._check_context(cfg)
        if not isinstance(raw_addresses, list):
            raise invalid_params("invalid type: expected an array of addresses")
        if len(raw_addresses) > MAX_MULTIPLE_ACCOUNTS:
            raise invalid_param(f"Too many inputs provided; max {MAX_MULTIPLE_ACCOUNTS}")
        addresses = [parse_pubkey(a) for a in raw_addresses]
        schedule = self.ledger.epoch_schedule
        raw_epoch = cfg.get("epoch")
        current_epoch = schedule.get_epoch(self.ledger.slot)
        epoch = max(current_epoch - 1, 0) if raw_epoch is None else _u64(raw_epoch, "epoch")
        # Rewards for an epoch are paid in the first block of the next one.
        first_slot = schedule.get_first_slot_in_epoch(epoch + 1)
        first_available = self.ledger.first_available_slot
        if first_slot < first_available:
            raise RpcError(
                BLOCK_CLEANED_UP,
                f"Block {first_slot} cleaned up, does not exist on node. "
                f"First available block: {first_available}",
            )
        if not self.ledger.block_slots(first_slot, self.ledger.slot, 1):
            raise RpcError(BLOCK_NOT_AVAILABLE, f"Block not available for slot {first_slot}")
        return [None for _ in addresses]

    def get_recent_prioritization_fees(self, params: list[Any]) -> list[dict[str, Any]]:
        """Answer getRecentPrioritizationFees: LiteSVM charges none, so no fees are recorded."""
        _args(params, 0, 1)
        return []

    def kairos_warp(self, params: list[Any]) -> dict[str, Any]:
        """Answer kairosWarp (Kairos extension): [{"slot": n}] or [{"seconds": s}] moves time on."""
        (target,) = _args(params, 1, 1)
        if not isinstance(target, dict) or len(target) != 1:
            raise invalid_params('expected {"slot": <u64>} or {"seconds": <number>}')
        try:
            if "slot" in target:
                self.ledger.warp_to_slot(_u64(target["slot"], "slot"))
            elif "seconds" in target and isinstance(target["seconds"], int | float):
                self.ledger.warp_time(float(target["seconds"]))
            else:
                raise invalid_params('expected {"slot": <u64>} or {"seconds": <number>}')
        except ValueError as exc:
            raise invalid_param(str(exc)) from None
        return {"slot": self.ledger.slot, "unixTimestamp": self.ledger.unix_timestamp}

    # ---------------------------------------------------------- blockhashes

    def get_latest_blockhash(self, params: list[Any]) -> dict[str, Any]:
        """Answer getLatestBlockhash."""
        self._check_context(_config(_args(params, 0, 1)[0]))
        blockhash = self.ledger.latest_blockhash
        return {
            "context": self._context(),
            "value": {
                "blockhash": str(blockhash),
                "lastValidBlockHeight": self.ledger.last_valid_block_height(blockhash),
            },
        }

    def is_blockhash_valid(self, params: list[Any]) -> dict[str, Any]:
        """Answer isBlockhashValid."""
        raw, config = _args(params, 1, 2)
        self._check_context(_config(config))
        if not isinstance(raw, str):
            raise invalid_params("invalid type: expected a blockhash string")
        try:
            blockhash = Hash.from_string(raw)
        except ValueError:
            raise invalid_param("Invalid blockhash") from None
        return {"context": self._context(), "value": self.ledger.is_blockhash_valid(blockhash)}

    def get_fee_for_message(self, params: list[Any]) -> dict[str, Any]:
        """Answer getFeeForMessage: null when the message's blockhash is not valid."""
        raw, config = _args(params, 1, 2)
        self._check_context(_config(config))
        if not isinstance(raw, str):
            raise invalid_params("invalid type: expected a base64 message")
        try:
            message = from_bytes_versioned(b64decode(raw))
        except ValueError as exc:
            raise invalid_params(f"invalid base64 message: {exc}") from None
        fee = None
        if self.ledger.is_blockhash_valid(message.recent_blockhash):
            fee = self.ledger.fee_for(message.header.num_required_signatures)
        return {"context": self._context(), "value": fee}

    def get_minimum_balance_for_rent_exemption(self, params: list[Any]) -> int:
        """Answer getMinimumBalanceForRentExemption."""
        size, config = _args(params, 1, 2)
        _config(config)
        return self.ledger.minimum_balance_for_rent_exemption(_u64(size, "data length"))

    # ------------------------------------------------------------- accounts

    def get_balance(self, params: list[Any]) -> dict[str, Any]:
        """Answer getBalance."""
        raw, config = _args(params, 1, 2)
        self._check_context(_config(config))
        account = self.ledger.get_account(parse_pubkey(raw))
        return {"context": self._context(), "value": 0 if account is None else account.lamports}

    def get_account_info(self, params: list[Any]) -> dict[str, Any]:
        """Answer getAccountInfo."""
        raw, config = _args(params, 1, 2)
        cfg = _config(config)
        self._check_context(cfg)
        encoding = AccountEncoding.from_config(cfg)
        account = self.ledger.get_account(parse_pubkey(raw))
        value = None if account is None else self._encode(account, encoding)
        return {"context": self._context(), "value": value}

    def get_multiple_accounts(self, params: list[Any]) -> dict[str, Any]:
        """Answer getMultipleAccounts."""
        raw, config = _args(params, 1, 2)
        cfg = _config(config)
        self._check_context(cfg)
        if not isinstance(raw, list):
            raise invalid_params("invalid type: expected an array of pubkeys")
        if len(raw) > MAX_MULTIPLE_ACCOUNTS:
            raise invalid_param(f"Too many inputs provided; max {MAX_MULTIPLE_ACCOUNTS}")
        encoding = AccountEncoding.from_config(cfg)
        values = []
        for pubkey in [parse_pubkey(p) for p in raw]:
            account = self.ledger.get_account(pubkey)
            values.append(None if account is None else self._encode(account, encoding))
        return {"context": self._context(), "value": values}

    def get_program_accounts(self, params: list[Any]) -> Any:
        """Answer getProgramAccounts with dataSize, memcmp and tokenAccountState filters."""
        raw, config = _args(params, 1, 2)
        cfg = _config(config)
        self._check_context(cfg)
        program_id = parse_pubkey(raw)
        encoding = AccountEncoding.from_config(cfg)
        filters = parse_filters(cfg.get("filters"))
        accounts = [
            {"pubkey": str(pubkey), "account": self._encode(account, encoding)}
            for pubkey, account in self.ledger.program_accounts(program_id)
            if filters_match(filters, account.owner, bytes(account.data))
        ]
        if cfg.get("withContext"):
            return {"context": self._context(), "value": accounts}
        return accounts

    # ---------------------------------------------------------------- tokens

    def _token_account(self, raw: Any) -> Any:
        account = self.ledger.get_account(parse_pubkey(raw))
        if account is None or not is_token_account(account.owner, bytes(account.data)):
            raise invalid_param("not a Token account")
        return unpack_token_account(bytes(account.data))

    def _mint_decimals(self, mint: Pubkey) -> int:
        decimals = self.ledger.mint_decimals(mint)
        if decimals is None:
            raise invalid_param("not a Token mint")
        return decimals

    def get_token_account_balance(self, params: list[Any]) -> dict[str, Any]:
        """Answer getTokenAccountBalance."""
        raw, config = _args(params, 1, 2)
        self._check_context(_config(config))
        token = self._token_account(raw)
        value = token_amount(token.amount, self._mint_decimals(token.mint))
        return {"context": self._context(), "value": value}

    def get_token_supply(self, params: list[Any]) -> dict[str, Any]:
        """Answer getTokenSupply."""
        raw, config = _args(params, 1, 2)
        self._check_context(_config(config))
        account = self.ledger.get_account(parse_pubkey(raw))
        if account is None or not is_mint(account.owner, bytes(account.data)):
            raise invalid_param("not a Token mint")
        mint = unpack_mint(bytes(account.data))
        return {"context": self._context(), "value": token_amount(mint.supply, mint.decimals)}

    def get_token_largest_accounts(self, params: list[Any]) -> dict[str, Any]:
        """Answer getTokenLargestAccounts: the 20 biggest holders of a mint."""
        raw, config = _args(params, 1, 2)
        self._check_context(_config(config))
        mint = parse_pubkey(raw)
        decimals = self._mint_decimals(mint)
        holdings = []
        for address in self.ledger.token_accounts_by_mint(mint):
            account = self.ledger.get_account(address)
            if account is not None:
                holdings.append((unpack_token_account(bytes(account.data)).amount, address))
        holdings.sort(key=lambda h: -h[0])
        value = [{"address": str(a), **token_amount(n, decimals)} for n, a in holdings[:20]]
        return {"context": self._context(), "value": value}

    def _token_filter(self, raw_filter: Any) -> tuple[Pubkey, Pubkey | None]:
        """Parse a {"mint"} or {"programId"} filter into (token program, mint or None)."""
        if not isinstance(raw_filter, dict) or len(raw_filter) != 1:
            raise invalid_params('expected a {"mint": ...} or {"programId": ...} filter')
        if "mint" in raw_filter:
            mint = parse_pubkey(raw_filter["mint"])
            mint_account = self.ledger.get_account(mint)
            if mint_account is None or mint_account.owner not in TOKEN_PROGRAMS:
                raise invalid_param("could not find mint")
            return mint_account.owner, mint
        if "programId" in raw_filter:
            program = parse_pubkey(raw_filter["programId"])
            if program not in TOKEN_PROGRAMS:
                raise invalid_param("unrecognized Token program id")
            return program, None
        raise invalid_params('expected a {"mint": ...} or {"programId": ...} filter')

    def get_token_accounts_by_owner(self, params: list[Any]) -> dict[str, Any]:
        """Answer getTokenAccountsByOwner with a {"mint"} or {"programId"} filter."""
        raw_owner, raw_filter, config = _args(params, 2, 3)
        cfg = _config(config)
        self._check_context(cfg)
        owner = parse_pubkey(raw_owner)
        program, mint = self._token_filter(raw_filter)
        encoding = AccountEncoding.from_config(cfg)
        value = []
        for address in self.ledger.token_accounts_by_owner(owner):
            account = self.ledger.get_account(address)
            if account is None or account.owner != program:
                continue
            if mint is not None and bytes(account.data[0:32]) != bytes(mint):
                continue
            value.append({"pubkey": str(address), "account": self._encode(account, encoding)})
        return {"context": self._context(), "value": value}

    def get_token_accounts_by_delegate(self, params: list[Any]) -> dict[str, Any]:
        """Answer getTokenAccountsByDelegate: token accounts whose delegate is the address."""
        raw_delegate, raw_filter, config = _args(params, 2, 3)
        cfg = _config(config)
        self._check_context(cfg)
        delegate = bytes(parse_pubkey(raw_delegate))
        program, mint = self._token_filter(raw_filter)
        encoding = AccountEncoding.from_config(cfg)
        value = []
        for address, account in self.ledger.program_accounts(program):
            data = bytes(account.data)
            if not is_token_account(program, data):
                continue
            # Account layout: delegate is a COption<Pubkey> at offset 72 (u32 tag, key).
            if data[72:76] != b"\x01\x00\x00\x00" or data[76:108] != delegate:
                continue
            if mint is not None and data[0:32] != bytes(mint):
                continue
            value.append({"pubkey": str(address), "account": self._encode(account, encoding)})
        return {"context": self._context(), "value": value}

    # ---------------------------------------------------------- transactions

    def request_airdrop(self, params: list[Any]) -> str:
        """Answer requestAirdrop: a real transfer from the faucet, so it has a history."""
        raw, lamports, config = _args(params, 2, 3)
        _config(config)
        pubkey = parse_pubkey(raw)
        try:
            record = self.ledger.airdrop(pubkey, _u64(lamports, "lamports"))
        except RuntimeError:
            raise RpcError(
                INTERNAL_ERROR,
                "airdrop request failed. This can happen when the rate limit is reached.",
            ) from None
        return str(record.signature)

    def send_transaction(self, params: list[Any]) -> str:
        """Answer sendTransaction: preflight simulation unless skipped, then commit."""
        data, config = _args(params, 1, 2)
        cfg = _config(config)
        preflight_commitment = cfg.get("preflightCommitment")
        if preflight_commitment is not None and preflight_commitment not in COMMITMENTS:
            raise invalid_params(f"unknown variant `{preflight_commitment}`")
        self._check_context(cfg)
        wire, tx = _decode_transaction(data, cfg.get("encoding") or "base58")
        signature = tx.signatures[0]
        if cfg.get("skipPreflight"):
            # A transaction dropped before execution (bad signature, expired blockhash)
            # still gets its signature back, as from a validator; it never lands.
            self.ledger.execute(tx, wire)
            return str(signature)
        try:
            # Preflight and commit in one run (Ledger.execute): a transaction that
            # would fail is put back and refused here, as a simulation would refuse it.
            self.ledger.execute(tx, wire, preflight=True)
        except PreflightRefused as refused:
            outcome = refused.outcome
            # LiteSVM verifies signatures while executing, cheaper than solders'
            # verify_with_results first; Agave answers a bad one with -32003.
            if outcome.err == "SignatureFailure" or (
                outcome.err in _CHECKED_BEFORE_EXECUTION and not all(tx.verify_with_results())
            ):
                raise RpcError(
                    TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
                    "Transaction signature verification failure",
                ) from None
            raise RpcError(
                SEND_TRANSACTION_PREFLIGHT_FAILURE,
                f"Transaction simulation failed: {describe_transaction_error(outcome.err)}",
                {
                    "err": outcome.err,
                    "logs": outcome.logs,
                    "accounts": None,
                    "unitsConsumed": outcome.units_consumed,
                    "returnData": _return_data(outcome),
                    "innerInstructions": None,
                    "replacementBlockhash": None,
                },
            ) from None
        return str(signature)

    def simulate_transaction(self, params: list[Any]) -> dict[str, Any]:
        """Answer simulateTransaction."""
        data, config = _args(params, 1, 2)
        cfg = _config(config)
        self._check_context(cfg)
        _, tx = _decode_transaction(data, cfg.get("encoding") or "base58")
        sig_verify = bool(cfg.get("sigVerify"))
        replacement = None
        if cfg.get("replaceRecentBlockhash"):
            if sig_verify:
                raise invalid_params("sigVerify may not be used with replaceRecentBlockhash")
            blockhash = self.ledger.latest_blockhash
            tx = _with_blockhash(tx, blockhash)
            replacement = {
                "blockhash": str(blockhash),
                "lastValidBlockHeight": self.ledger.last_valid_block_height(blockhash),
            }
        if sig_verify and not all(tx.verify_with_results()):
            raise RpcError(
                TRANSACTION_SIGNATURE_VERIFICATION_FAILURE,
                "Transaction signature verification failure",
            )
        accounts_cfg = cfg.get("accounts")
        addresses: list[Pubkey] | None = None
        accounts_encoding = AccountEncoding("base64")
        if accounts_cfg is not None:
            if not isinstance(accounts_cfg, dict) or not isinstance(
                accounts_cfg.get("addresses"), list
            ):
                raise invalid_params("accounts needs an addresses array")
            accounts_encoding = AccountEncoding.from_config(accounts_cfg, default="base64")
            if accounts_encoding.encoding in ("binary", "base58"):
                raise invalid_params("base58 encoding not supported")
            addresses = [parse_pubkey(a) for a in accounts_cfg["addresses"]]
            n_keys = len(self.ledger.resolve_keys(tx)[0])
            if len(addresses) > n_keys:
                raise invalid_params(f"Too many accounts provided; max {n_keys}")
        outcome = self.ledger.simulate(tx, sig_verify=sig_verify)
        accounts: list[Any] | None = None
        if addresses is not None:
            accounts = []
            for address in addresses:
                account = None
                if outcome.err is None:
                    account = outcome.post_accounts.get(address) or self.ledger.get_account(address)
                if account is not None and account.lamports == 0:
                    account = None
                accounts.append(
                    None if account is None else self._encode(account, accounts_encoding)
                )
        return {
            "context": self._context(),
            "value": {
                "err": outcome.err,
                "logs": outcome.logs,
                "accounts": accounts,
                "unitsConsumed": outcome.units_consumed,
                "returnData": _return_data(outcome),
                "innerInstructions": outcome.inner_instructions
                if cfg.get("innerInstructions")
                else None,
                "replacementBlockhash": replacement,
            },
        }

    def get_signature_statuses(self, params: list[Any]) -> dict[str, Any]:
        """Answer getSignatureStatuses: every landed transaction is finalized (no forks here)."""
        raw, config = _args(params, 1, 2)
        cfg = _config(config)
        if not isinstance(raw, list):
            raise invalid_params("invalid type: expected an array of signatures")
        if len(raw) > MAX_SIGNATURE_STATUSES:
            raise invalid_param(f"Too many inputs provided; max {MAX_SIGNATURE_STATUSES}")
        search = bool(cfg.get("searchTransactionHistory"))
        values: list[dict[str, Any] | None] = []
        for signature in [_signature(s) for s in raw]:
            record = self.ledger.status(signature, search_history=search)
            if record is None:
                values.append(None)
                continue
            values.append(
                {
                    "slot": record.slot,
                    "confirmations": None,
                    "err": record.err,
                    "status": _encoded_status(record.err),
                    "confirmationStatus": "finalized",
                }
            )
        return {"context": self._context(), "value": values}

    def get_signatures_for_address(self, params: list[Any]) -> list[dict[str, Any]]:
        """Answer getSignaturesForAddress, newest first."""
        raw, config = _args(params, 1, 2)
        cfg = _config(config)
        self._check_context(cfg)
        address = parse_pubkey(raw)
        limit = cfg.get("limit")
        limit = MAX_SIGNATURES_FOR_ADDRESS if limit is None else _u64(limit, "limit")
        if not 1 <= limit <= MAX_SIGNATURES_FOR_ADDRESS:
            raise invalid_param(f"Invalid limit; max {MAX_SIGNATURES_FOR_ADDRESS}")
        records = self.ledger.signatures_for_address(
            address,
            limit=limit,
            before=_opt_signature(cfg.get("before")),
            until=_opt_signature(cfg.get("until")),
        )
        return [
            {
                "signature": str(r.signature),
                "slot": r.slot,
                "err": r.err,
                "memo": r.memo,
                "blockTime": r.block_time,
                "confirmationStatus": "finalized",
            }
            for r in records
        ]

    def get_transaction(self, params: list[Any]) -> dict[str, Any] | None:
        """Answer getTransaction in json, jsonParsed, base64 or base58 encoding."""
        raw, config = _args(params, 1, 2)
        if isinstance(config, str):  # the legacy form passes the encoding alone
            config = {"encoding": config}
        cfg = _config(config)
        if cfg.get("commitment") == "processed":
            raise invalid_params("Method does not support commitment below `confirmed`")
        encoding = cfg.get("encoding") or "json"
        if encoding not in _TRANSACTION_ENCODINGS:
            raise invalid_params(
                f"unknown variant `{encoding}`, expected one of "
                "`binary`, `base64`, `base58`, `json`, `jsonParsed`"
            )
        max_version = cfg.get("maxSupportedTransactionVersion")
        if max_version is not None:
            max_version = _u64(max_version, "maxSupportedTransactionVersion")
        record = self.ledger.transaction(_signature(raw))
        if record is None:
            return None
        return _encode_transaction(record, encoding, max_version)


def _encode_transaction(
    record: TransactionRecord, encoding: str, max_version: int | None
) -> dict[str, Any]:
    tx = record.transaction
    version = tx.version()
    is_legacy = not isinstance(version, int)
    if isinstance(version, int) and (max_version is None or version > max_version):
        raise RpcError(
            UNSUPPORTED_TRANSACTION_VERSION,
            f"Transaction version ({version}) is not supported by the requesting client. "
            "Please try the request again with the following configuration parameter: "
            '"maxSupportedTransactionVersion": 0',
        )
    parsed = encoding == "jsonParsed"
    transaction: Any
    if encoding == "base64":
        transaction = [b64encode(record.wire), "base64"]
    elif encoding == "base58":
        transaction = [b58encode(record.wire), "base58"]
    elif encoding == "binary":  # the legacy form: a bare base58 string
        transaction = b58encode(record.wire)
    else:
        transaction = {
            "signatures": [str(s) for s in tx.signatures],
            "message": _parsed_message(record) if parsed else _raw_message(tx),
        }
    outcome = record.outcome
    keys = record.account_keys
    inner = outcome.inner_instructions
    if parsed:
        inner = [
            {
                "index": group["index"],
                "instructions": [_json_parsed(ix, keys) for ix in group["instructions"]],
            }
            for group in inner
        ]
    meta: dict[str, Any] = {
        "err": outcome.err,
        "status": _encoded_status(outcome.err),
        "fee": record.fee,
        "preBalances": record.pre_balances,
        "postBalances": record.post_balances,
        "innerInstructions": inner,
        "logMessages": outcome.logs,
        "preTokenBalances": record.pre_token_balances,
        "postTokenBalances": record.post_token_balances,
        "rewards": [],
        "computeUnitsConsumed": outcome.units_consumed,
    }
    if not parsed:
        meta["loadedAddresses"] = {
            "writable": [str(k) for k in record.loaded_writable],
            "readonly": [str(k) for k in record.loaded_readonly],
        }
    return_data = _return_data(outcome)
    if return_data is not None:
        meta["returnData"] = return_data
    result: dict[str, Any] = {
        "slot": record.slot,
        "transaction": transaction,
        "meta": meta,
        "blockTime": record.block_time,
    }
    if max_version is not None:
        result["version"] = "legacy" if is_legacy else version
    return result


@dataclass(frozen=True, slots=True)
class BlockOptions:
    """How a block is encoded: getBlock's and blockSubscribe's options."""

    encoding: str = "json"
    details: str = "full"
    rewards: bool = True
    max_version: int | None = None

    @classmethod
    def from_config(cls, cfg: dict[str, Any], *, rewards_key: str) -> BlockOptions:
        """Read and check encoding, transactionDetails, rewards and the max version."""
        encoding = cfg.get("encoding") or "json"
        if encoding not in _TRANSACTION_ENCODINGS:
            raise invalid_params(
                f"unknown variant `{encoding}`, expected one of "
                "`binary`, `base64`, `base58`, `json`, `jsonParsed`"
            )
        details = cfg.get("transactionDetails") or "full"
        if details not in TRANSACTION_DETAILS:
            raise invalid_params(
                f"unknown variant `{details}`, expected one of "
                "`full`, `signatures`, `none`, `accounts`"
            )
        rewards = cfg.get(rewards_key)
        if rewards is None:
            rewards = True
        if not isinstance(rewards, bool):
            raise invalid_params(f"invalid type: expected a boolean for {rewards_key}")
        max_version = cfg.get("maxSupportedTransactionVersion")
        if max_version is not None:
            max_version = _u64(max_version, "maxSupportedTransactionVersion")
        return cls(encoding, details, rewards, max_version)


def encode_block(
    block: Block, options: BlockOptions, records: list[TransactionRecord] | None = None
) -> dict[str, Any]:
    """A block in getBlock's shape (``records``: a subset of its transactions to show).

    Raises RpcError -32015 when a transaction is newer than ``options.max_version``.
    """
    records = block.transactions if records is None else records
    out: dict[str, Any] = {
        "previousBlockhash": str(block.previous_blockhash),
        "blockhash": str(block.blockhash),
        "parentSlot": block.parent_slot,
    }
    if options.details == "full":
        out["transactions"] = [
            _encode_block_transaction(record, options.encoding, options.max_version)
            for record in records
        ]
    elif options.details == "accounts":
        out["transactions"] = [
            _accounts_only(record, options.max_version, options.rewards) for record in records
        ]
    elif options.details == "signatures":
        out["signatures"] = [str(record.signature) for record in records]
    if options.rewards:
        out["rewards"] = []
    out["blockTime"] = block.block_time
    out["blockHeight"] = block.block_height
    return out


def _check_version(record: TransactionRecord, max_version: int | None) -> Any:
    version = record.transaction.version()
    if isinstance(version, int) and (max_version is None or version > max_version):
        raise RpcError(
            UNSUPPORTED_TRANSACTION_VERSION,
            f"Transaction version ({version}) is not supported by the requesting client. "
            "Please try the request again with the following configuration parameter: "
            '"maxSupportedTransactionVersion": 0',
        )
    return "legacy" if not isinstance(version, int) else version


def _encode_block_transaction(
    record: TransactionRecord, encoding: str, max_version: int | None
) -> dict[str, Any]:
    """A transaction of a getBlock answer: getTransaction's, without slot and blockTime."""
    encoded = _encode_transaction(record, encoding, max_version)
    out = {"transaction": encoded["transaction"], "meta": encoded["meta"]}
    if "version" in encoded:
        out["version"] = encoded["version"]
    return out


def _accounts_only(
    record: TransactionRecord, max_version: int | None, rewards: bool
) -> dict[str, Any]:
    """A transaction of getBlock with transactionDetails "accounts"."""
    version = _check_version(record, max_version)
    err = record.outcome.err
    meta: dict[str, Any] = {
        "err": err,
        "status": _encoded_status(err),
        "fee": record.fee,
        "preBalances": record.pre_balances,
        "postBalances": record.post_balances,
        "preTokenBalances": record.pre_token_balances,
        "postTokenBalances": record.post_token_balances,
    }
    if rewards:
        meta["rewards"] = []
    out: dict[str, Any] = {
        "transaction": {
            "signatures": [str(s) for s in record.transaction.signatures],
            "accountKeys": _parsed_account_keys(record),
        },
        "meta": meta,
    }
    if max_version is not None:
        out["version"] = version
    return out


def _parsed_account_keys(record: TransactionRecord) -> list[dict[str, Any]]:
    tx = record.transaction
    header = tx.message.header
    keys = record.account_keys
    n_static = len(tx.message.account_keys)
    writable = set(Ledger.writable_indexes(tx, len(keys)))
    return [
        {
            "pubkey": str(key),
            "signer": i < header.num_required_signatures,
            "source": "transaction" if i < n_static else "lookupTable",
            "writable": i in writable,
        }
        for i, key in enumerate(keys)
    ]


def _lookups(message: Any) -> list[dict[str, Any]] | None:
    if isinstance(message, Message):
        return None
    return [
        {
            "accountKey": str(lookup.account_key),
            "writableIndexes": list(bytes(lookup.writable_indexes)),
            "readonlyIndexes": list(bytes(lookup.readonly_indexes)),
        }
        for lookup in message.address_table_lookups
    ]


def _raw_message(tx: VersionedTransaction) -> dict[str, Any]:
    message = tx.message
    header = message.header
    out: dict[str, Any] = {
        "accountKeys": [str(k) for k in message.account_keys],
        "header": {
            "numReadonlySignedAccounts": header.num_readonly_signed_accounts,
            "numReadonlyUnsignedAccounts": header.num_readonly_unsigned_accounts,
            "numRequiredSignatures": header.num_required_signatures,
        },
        "instructions": [
            {
                "accounts": list(bytes(ix.accounts)),
                "data": b58encode(bytes(ix.data)),
                "programIdIndex": ix.program_id_index,
                "stackHeight": None,
            }
            for ix in message.instructions
        ],
        "recentBlockhash": str(message.recent_blockhash),
    }
    lookups = _lookups(message)
    if lookups is not None:
        out["addressTableLookups"] = lookups
    return out


def _json_parsed(ix: dict[str, Any], keys: list[Any]) -> dict[str, Any]:
    """An instruction in jsonParsed form: parsed for the programs Agave parses."""
    program_id = keys[ix["programIdIndex"]]
    parsed = parse_instruction(
        program_id, ix["accounts"], b58decode(ix["data"]), keys, ix.get("stackHeight")
    )
    return parsed if parsed is not None else _partially_decoded(ix, keys)


def _partially_decoded(ix: dict[str, Any], keys: list[Any]) -> dict[str, Any]:
    return {
        "programId": str(keys[ix["programIdIndex"]]),
        "accounts": [str(keys[i]) for i in ix["accounts"]],
        "data": ix["data"],
        "stackHeight": ix.get("stackHeight"),
    }


def _parsed_message(record: TransactionRecord) -> dict[str, Any]:
    """Build the jsonParsed message (instructions parsed where Agave parses them)."""
    tx = record.transaction
    message = tx.message
    keys = record.account_keys
    account_keys = _parsed_account_keys(record)
    instructions = [
        _json_parsed(
            {
                "programIdIndex": ix.program_id_index,
                "accounts": list(bytes(ix.accounts)),
                "data": b58encode(bytes(ix.data)),
                "stackHeight": None,
            },
            keys,
        )
        for ix in message.instructions
    ]
    out: dict[str, Any] = {
        "accountKeys": account_keys,
        "instructions": instructions,
        "recentBlockhash": str(message.recent_blockhash),
    }
    lookups = _lookups(message)
    if lookups is not None:
        out["addressTableLookups"] = lookups
    return out
