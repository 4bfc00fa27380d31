"""TWAP and scheduled orders: PDAs, instruction builders, due times, and a client.

The program decides when a TWAP slice or a scheduled run is due (see
docs/ARCHITECTURE.md, "TWAP and scheduled orders"); :func:`twap_due_time`
mirrors its formula exactly, random offset included, so keepers can wake at the
right moment. Pure builders take every address explicitly; the
:class:`ScheduledOrdersClient` (``client.scheduled_orders``) fills them in from
the chain and sends.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.system_program import ID as SYSTEM_PROGRAM_ID

from kairos.accounts import (
    AccountNotFoundError,
    MarginAccount,
    ScheduledOrder,
    TwapOrder,
    fetch_account,
    fetch_all_accounts,
    memcmp_filter,
)
from kairos.constants import SelfTradeBehavior, TimeInForce
from kairos.instructions import build_instruction
from kairos.pda import exchange_address, margin_account_address, perp_market_address
from kairos.program import PROGRAM_ID

if TYPE_CHECKING:
    from kairos.client import KairosClient, TxParams

TWAP_SEED = b"twap"
SCHEDULE_SEED = b"schedule"
CRON_EXPRESSION_BYTES = 48
DEFAULT_KEEPER_REWARD_LAMPORTS = 10_000
DEFAULT_MATCH_LIMIT = 8


class MissedSlicePolicy(enum.IntEnum):
    """What a TWAP does with slices whose time passed without an execution."""

    CATCH_UP = 0
    SKIP = 1


class ScheduleKind(enum.IntEnum):
    """When a scheduled order runs."""

    ONE_SHOT = 0
    INTERVAL = 1
    CRON = 2


class ScheduledRunOutcome(enum.IntEnum):
    """What execute_scheduled_order did with the due occurrence."""

    EXECUTED = 0
    SKIPPED = 1


def twap_order_address(
    margin_account: Pubkey, twap_id: int, program_id: Pubkey = PROGRAM_ID
) -> Pubkey:
    """PDA ``["twap", margin account, twap id u64 LE]``."""
    seeds = [TWAP_SEED, bytes(margin_account), twap_id.to_bytes(8, "little")]
    return Pubkey.find_program_address(seeds, program_id)[0]


def scheduled_order_address(
    margin_account: Pubkey, schedule_id: int, program_id: Pubkey = PROGRAM_ID
) -> Pubkey:
    """PDA ``["schedule", margin account, schedule id u64 LE]``."""
    seeds = [SCHEDULE_SEED, bytes(margin_account), schedule_id.to_bytes(8, "little")]
    return Pubkey.find_program_address(seeds, program_id)[0]


def twap_random_offset(address: Pubkey, slice_index: int, window: int) -> int:
    """The on-chain offset: sha256(address ‖ slice u32 LE)[:8] as u64 LE, mod window."""
    if window == 0:
        return 0
    digest = hashlib.sha256(bytes(address) + slice_index.to_bytes(4, "little")).digest()
    return int.from_bytes(digest[:8], "little") % window


def twap_due_time(address: Pubkey, twap: TwapOrder, slice_index: int) -> int:
    """Unix time at which slice ``slice_index`` becomes due (the program's formula)."""
    return (
        twap.start_time
        + slice_index * twap.interval_seconds
        + twap_random_offset(address, slice_index, twap.random_window_seconds)
    )


def twap_next_due_time(address: Pubkey, twap: TwapOrder) -> int | None:
    """When the next slice is due, or None when the order is finished."""
    if twap.next_slice >= twap.slice_count:
        return None
    return twap_due_time(address, twap, twap.next_slice)


def encode_cron(expression: str) -> list[int]:
    """The NUL-padded 48-byte form of a cron expression (the program parses it)."""
    raw = expression.encode("ascii")
    if len(raw) > CRON_EXPRESSION_BYTES:
        raise ValueError(f"cron expression longer than {CRON_EXPRESSION_BYTES} bytes")
    return list(raw.ljust(CRON_EXPRESSION_BYTES, b"\0"))


@dataclass(frozen=True)
class TwapParams:
    """Arguments of create_twap_order (see the IDL's CreateTwapOrderArgs)."""

    side: int
    total_base_lots: int
    start_time: int
    interval_seconds: int
    slice_count: int = 0
    slice_base_lots: int = 0
    random_window_seconds: int = 0
    limit_price: int = 0
    max_deviation_bps: int = 0
    missed_slice_policy: MissedSlicePolicy = MissedSlicePolicy.CATCH_UP
    match_limit: int = DEFAULT_MATCH_LIMIT
    keeper_reward_lamports: int = DEFAULT_KEEPER_REWARD_LAMPORTS

    def args(self, twap_id: int) -> dict[str, Any]:
        """The borsh arguments."""
        return {
            "twap_id": twap_id,
            "side": int(self.side),
            "total_base_lots": self.total_base_lots,
            "slice_count": self.slice_count,
            "slice_base_lots": self.slice_base_lots,
            "start_time": self.start_time,
            "interval_seconds": self.interval_seconds,
            "random_window_seconds": self.random_window_seconds,
            "limit_price": self.limit_price,
            "max_deviation_bps": self.max_deviation_bps,
            "missed_slice_policy": int(self.missed_slice_policy),
            "match_limit": self.match_limit,
            "keeper_reward_lamports": self.keeper_reward_lamports,
        }


@dataclass(frozen=True)
class ScheduleParams:
    """Arguments of create_scheduled_order: when, how often, and the limits."""

    kind: ScheduleKind
    start_time: int = 0
    interval_seconds: int = 0
    cron: str = ""
    max_runs: int = 1
    end_time: int = 0
    skip_window_seconds: int = 0
    keeper_reward_lamports: int = DEFAULT_KEEPER_REWARD_LAMPORTS

    def args(self, schedule_id: int) -> dict[str, Any]:
        """The borsh arguments."""
        return {
            "schedule_id": schedule_id,
            "kind": int(self.kind),
            "start_time": self.start_time,
            "interval_seconds": self.interval_seconds,
            "cron_expression": encode_cron(self.cron),
            "max_runs": self.max_runs,
            "end_time": self.end_time,
            "skip_window_seconds": self.skip_window_seconds,
            "keeper_reward_lamports": self.keeper_reward_lamports,
        }


@dataclass(frozen=True)
class ScheduledOrderSpec:
    """The order a schedule places: place_order_v2's arguments (any order type).

    The program checks them at creation as place_order_v2 does, and each run
    goes through the same execution path as place_order_v2, every option
    included: ``time_in_force`` (GTC/IOC/FOK/post-only/post-only-slide),
    ``reduce_only``, ``self_trade_behavior``, ``expiry_timestamp`` (absolute
    unix seconds, 0 = never; a run after it fails with OrderExpired),
    ``iceberg_display_lots`` and ``max_oracle_deviation_bps``. A market order
    that fills nothing still counts as a run; an order the path refuses (a FOK
    that cannot fill, a post-only that would cross, a reduce-only with nothing
    to reduce) fails the run, which stays due (retryable) until it succeeds or
    its skip window passes.
    """

    side: int
    order_type: int
    price: int
    max_base_lots: int
    client_order_id: int = 0
    match_limit: int = DEFAULT_MATCH_LIMIT
    time_in_force: int = TimeInForce.GTC
    self_trade_behavior: int = SelfTradeBehavior.CANCEL_RESTING
    reduce_only: bool = False
    expiry_timestamp: int = 0
    iceberg_display_lots: int = 0
    max_oracle_deviation_bps: int = 0

    def args(self) -> dict[str, Any]:
        """The borsh PlaceOrderV2Args."""
        return {
            "side": int(self.side),
            "order_type": int(self.order_type),
            "time_in_force": int(self.time_in_force),
            "self_trade_behavior": int(self.self_trade_behavior),
            "reduce_only": bool(self.reduce_only),
            "price": self.price,
            "max_base_lots": self.max_base_lots,
            "client_order_id": self.client_order_id,
            "match_limit": self.match_limit,
            "expiry_timestamp": self.expiry_timestamp,
            "iceberg_display_lots": self.iceberg_display_lots,
            "max_oracle_deviation_bps": self.max_oracle_deviation_bps,
        }


# --- pure builders ---------------------------------------------------------------


def create_twap_order(
    *,
    owner: Pubkey,
    market_index: int,
    twap_id: int,
    params: TwapParams,
    account_index: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """create_twap_order for the owner's margin account ``account_index``."""
    margin = margin_account_address(owner, account_index, program_id)
    return build_instruction(
        "create_twap_order",
        {"args": params.args(twap_id)},
        {
            "exchange": exchange_address(program_id),
            "twap_order": twap_order_address(margin, twap_id, program_id),
            "margin_account": margin,
            "owner": owner,
            "perp_market": perp_market_address(market_index, program_id),
            "system_program": SYSTEM_PROGRAM_ID,
        },
        program_id=program_id,
    )


def _execution_accounts(
    order_name: str,
    order: Pubkey,
    margin_account: Pubkey,
    market: Pubkey,
    market_accounts: tuple[Pubkey, Pubkey, Pubkey],
    keeper: Pubkey,
    program_id: Pubkey,
) -> dict[str, Pubkey]:
    orderbook, event_queue, oracle = market_accounts
    return {
        "exchange": exchange_address(program_id),
        order_name: order,
        "margin_account": margin_account,
        "perp_market": market,
        "orderbook": orderbook,
        "event_queue": event_queue,
        "oracle": oracle,
        "keeper": keeper,
    }


def execute_twap_slice(
    *,
    twap_order: Pubkey,
    margin_account: Pubkey,
    market: Pubkey,
    market_accounts: tuple[Pubkey, Pubkey, Pubkey],
    keeper: Pubkey,
    health_accounts: Sequence[AccountMeta],
    slice_index: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """execute_twap_slice naming ``slice_index`` (``market_accounts``: book, queue, oracle)."""
    accounts = _execution_accounts(
        "twap_order", twap_order, margin_account, market, market_accounts, keeper, program_id
    )
    return build_instruction(
        "execute_twap_slice",
        {"slice_index": slice_index},
        accounts,
        health_accounts,
        program_id=program_id,
    )


def set_twap_paused(
    *, twap_order: Pubkey, owner: Pubkey, paused: bool, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Pause or resume a TWAP order."""
    return build_instruction(
        "set_twap_paused",
        {"paused": 1 if paused else 0},
        {"exchange": exchange_address(program_id), "twap_order": twap_order, "owner": owner},
        program_id=program_id,
    )


def cancel_twap_order(
    *, twap_order: Pubkey, owner: Pubkey, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Close a TWAP order (rent and unused escrow back to the owner)."""
    return build_instruction(
        "cancel_twap_order",
        {},
        {"exchange": exchange_address(program_id), "twap_order": twap_order, "owner": owner},
        program_id=program_id,
    )


def create_scheduled_order(
    *,
    owner: Pubkey,
    market_index: int,
    schedule_id: int,
    params: ScheduleParams,
    order: ScheduledOrderSpec,
    account_index: int = 0,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """create_scheduled_order for the owner's margin account ``account_index``."""
    margin = margin_account_address(owner, account_index, program_id)
    return build_instruction(
        "create_scheduled_order",
        {"args": params.args(schedule_id), "order": order.args()},
        {
            "exchange": exchange_address(program_id),
            "scheduled_order": scheduled_order_address(margin, schedule_id, program_id),
            "margin_account": margin,
            "owner": owner,
            "perp_market": perp_market_address(market_index, program_id),
            "system_program": SYSTEM_PROGRAM_ID,
        },
        program_id=program_id,
    )


def execute_scheduled_order(
    *,
    scheduled_order: Pubkey,
    margin_account: Pubkey,
    market: Pubkey,
    market_accounts: tuple[Pubkey, Pubkey, Pubkey],
    keeper: Pubkey,
    health_accounts: Sequence[AccountMeta],
    run_index: int,
    program_id: Pubkey = PROGRAM_ID,
) -> Instruction:
    """execute_scheduled_order naming ``run_index`` (runs + skips so far)."""
    accounts = _execution_accounts(
        "scheduled_order",
        scheduled_order,
        margin_account,
        market,
        market_accounts,
        keeper,
        program_id,
    )
    return build_instruction(
        "execute_scheduled_order",
        {"run_index": run_index},
        accounts,
        health_accounts,
        program_id=program_id,
    )


def cancel_scheduled_order(
    *, scheduled_order: Pubkey, owner: Pubkey, program_id: Pubkey = PROGRAM_ID
) -> Instruction:
    """Close a scheduled order (rent and unused escrow back to the owner)."""
    return build_instruction(
        "cancel_scheduled_order",
        {},
        {
            "exchange": exchange_address(program_id),
            "scheduled_order": scheduled_order,
            "owner": owner,
        },
        program_id=program_id,
    )


# --- client ----------------------------------------------------------------------


class ScheduledOrdersClient:
    """Builders and senders for TWAP and scheduled orders on a :class:`KairosClient`.

    Reached as ``client.scheduled_orders``. Creation, pause and cancel are
    signed by the wallet (the owner); executions by the wallet as keeper.
    """

    def __init__(self, client: KairosClient) -> None:
        self.client = client

    @property
    def program_id(self) -> Pubkey:
        """The program the client talks to."""
        return self.client.program_id

    # --- reading ---

    async def get_twap_order(self, address: Pubkey) -> TwapOrder:
        """A TwapOrder (AccountNotFoundError when cancelled or absent)."""
        found = await fetch_account(
            self.client.connection, TwapOrder, address, commitment=self.client.commitment
        )
        if found is None:
            raise AccountNotFoundError(f"TWAP order {address} does not exist")
        return found

    async def get_scheduled_order(self, address: Pubkey) -> ScheduledOrder:
        """A ScheduledOrder (AccountNotFoundError when cancelled or absent)."""
        found = await fetch_account(
            self.client.connection, ScheduledOrder, address, commitment=self.client.commitment
        )
        if found is None:
            raise AccountNotFoundError(f"scheduled order {address} does not exist")
        return found

    async def get_twap_orders(
        self, margin_account: Pubkey | None = None
    ) -> list[tuple[Pubkey, TwapOrder]]:
        """Every TwapOrder (of one margin account when given)."""
        filters = (
            []
            if margin_account is None
            else [memcmp_filter(TwapOrder, "margin_account", margin_account)]
        )
        return await fetch_all_accounts(
            self.client.connection,
            TwapOrder,
            program_id=self.program_id,
            filters=filters,
            commitment=self.client.commitment,
        )

    async def get_scheduled_orders(
        self, margin_account: Pubkey | None = None
    ) -> list[tuple[Pubkey, ScheduledOrder]]:
        """Every ScheduledOrder (of one margin account when given)."""
        filters = (
            []
            if margin_account is None
            else [memcmp_filter(ScheduledOrder, "margin_account", margin_account)]
        )
        return await fetch_all_accounts(
            self.client.connection,
            ScheduledOrder,
            program_id=self.program_id,
            filters=filters,
            commitment=self.client.commitment,
        )

    async def _execution_context(
        self, margin_address: Pubkey, market_index: int
    ) -> tuple[tuple[Pubkey, Pubkey, Pubkey], list[AccountMeta]]:
        market = await self.client.get_perp_market(market_index)
        margin: MarginAccount = await self.client.get_margin_account_at(margin_address)
        health = await self.client.order_health_accounts(margin, market_index)
        return (market.orderbook, market.event_queue, market.oracle), health

    # --- TWAP ---

    async def get_create_twap_order_ix(
        self,
        market_index: int,
        params: TwapParams,
        *,
        twap_id: int | None = None,
        account_index: int = 0,
    ) -> tuple[Instruction, Pubkey]:
        """create_twap_order and the order's address (a random id unless given)."""
        twap_id = secrets.randbits(63) if twap_id is None else twap_id
        instruction = create_twap_order(
            owner=self.client.authority,
            market_index=market_index,
            twap_id=twap_id,
            params=params,
            account_index=account_index,
            program_id=self.program_id,
        )
        margin = self.client.margin_account_address(account_index)
        return instruction, twap_order_address(margin, twap_id, self.program_id)

    async def create_twap_order(
        self,
        market_index: int,
        params: TwapParams,
        *,
        twap_id: int | None = None,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> tuple[Signature, Pubkey]:
        """Send :meth:`get_create_twap_order_ix`."""
        instruction, address = await self.get_create_twap_order_ix(
            market_index, params, twap_id=twap_id, account_index=account_index
        )
        return await self.client.send_ixs([instruction], tx_params=tx_params), address

    async def get_execute_twap_slice_ix(
        self, address: Pubkey, *, twap: TwapOrder | None = None, slice_index: int | None = None
    ) -> Instruction:
        """execute_twap_slice with the wallet as keeper."""
        state = twap or await self.get_twap_order(address)
        market_accounts, health = await self._execution_context(
            state.margin_account, state.market_index
        )
        return execute_twap_slice(
            twap_order=address,
            margin_account=state.margin_account,
            market=state.market,
            market_accounts=market_accounts,
            keeper=self.client.authority,
            health_accounts=health,
            slice_index=state.next_slice if slice_index is None else slice_index,
            program_id=self.program_id,
        )

    async def execute_twap_slice(
        self, address: Pubkey, *, slice_index: int | None = None, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_execute_twap_slice_ix`."""
        instruction = await self.get_execute_twap_slice_ix(address, slice_index=slice_index)
        return await self.client.send_ixs([instruction], tx_params=tx_params)

    async def set_twap_paused(
        self, address: Pubkey, paused: bool, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Pause or resume the wallet's TWAP order."""
        instruction = set_twap_paused(
            twap_order=address,
            owner=self.client.authority,
            paused=paused,
            program_id=self.program_id,
        )
        return await self.client.send_ixs([instruction], tx_params=tx_params)

    async def cancel_twap_order(
        self, address: Pubkey, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Cancel the wallet's TWAP order."""
        instruction = cancel_twap_order(
            twap_order=address, owner=self.client.authority, program_id=self.program_id
        )
        return await self.client.send_ixs([instruction], tx_params=tx_params)

    # --- scheduled ---

    async def get_create_scheduled_order_ix(
        self,
        market_index: int,
        params: ScheduleParams,
        order: ScheduledOrderSpec,
        *,
        schedule_id: int | None = None,
        account_index: int = 0,
    ) -> tuple[Instruction, Pubkey]:
        """create_scheduled_order and the order's address (a random id unless given)."""
        schedule_id = secrets.randbits(63) if schedule_id is None else schedule_id
        instruction = create_scheduled_order(
            owner=self.client.authority,
            market_index=market_index,
            schedule_id=schedule_id,
            params=params,
            order=order,
            account_index=account_index,
            program_id=self.program_id,
        )
        margin = self.client.margin_account_address(account_index)
        return instruction, scheduled_order_address(margin, schedule_id, self.program_id)

    async def create_scheduled_order(
        self,
        market_index: int,
        params: ScheduleParams,
        order: ScheduledOrderSpec,
        *,
        schedule_id: int | None = None,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> tuple[Signature, Pubkey]:
        """Send :meth:`get_create_scheduled_order_ix`."""
        instruction, address = await self.get_create_scheduled_order_ix(
            market_index, params, order, schedule_id=schedule_id, account_index=account_index
        )
        return await self.client.send_ixs([instruction], tx_params=tx_params), address

    async def get_execute_scheduled_order_ix(
        self,
        address: Pubkey,
        *,
        schedule: ScheduledOrder | None = None,
        run_index: int | None = None,
    ) -> Instruction:
        """execute_scheduled_order with the wallet as keeper."""
        state = schedule or await self.get_scheduled_order(address)
        market_accounts, health = await self._execution_context(
            state.margin_account, state.market_index
        )
        return execute_scheduled_order(
            scheduled_order=address,
            margin_account=state.margin_account,
            market=state.market,
            market_accounts=market_accounts,
            keeper=self.client.authority,
            health_accounts=health,
            run_index=state.next_run_index if run_index is None else run_index,
            program_id=self.program_id,
        )

    async def execute_scheduled_order(
        self, address: Pubkey, *, run_index: int | None = None, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_execute_scheduled_order_ix`."""
        instruction = await self.get_execute_scheduled_order_ix(address, run_index=run_index)
        return await self.client.send_ixs([instruction], tx_params=tx_params)

    async def cancel_scheduled_order(
        self, address: Pubkey, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Cancel the wallet's scheduled order."""
        instruction = cancel_scheduled_order(
            scheduled_order=address, owner=self.client.authority, program_id=self.program_id
        )
        return await self.client.send_ixs([instruction], tx_params=tx_params)
