"""``client.twap`` and ``client.schedules``: PDAs, instruction builders, due times.

The program decides when a TWAP slice or a scheduled run is due (see
docs/ARCHITECTURE.md, "TWAP and scheduled orders"); :func:`twap_due_time`
mirrors its formula exactly, random offset included, so keepers can wake at the
right moment. Pure builders take every address explicitly;
the namespaces fill them in from the chain.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from collections.abc import Sequence
from typing import Any

from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID

from kairos.accounts import (
    MarginAccount,
    ScheduledOrder,
    TwapOrder,
)
from kairos.core import Bundle, Namespace
from kairos.instructions import build_instruction, risk_tail_if_limited
from kairos.params import (
    CancelScheduledOrderParams,
    CancelTwapOrderParams,
    CreateScheduledOrderParams,
    CreateTwapOrderParams,
    ExecuteScheduledOrderParams,
    ExecuteTwapSliceParams,
    MissedSlicePolicy,
    ScheduledOrderSpec,
    ScheduleKind,
    ScheduleParams,
    SetTwapPausedParams,
    TwapParams,
    encode_cron,
)
from kairos.pda import exchange_address, margin_account_address, perp_market_address
from kairos.program import PROGRAM_ID

__all__ = [
    "MissedSlicePolicy",
    "ScheduleKind",
    "ScheduleParams",
    "ScheduledOrderSpec",
    "ScheduledRunOutcome",
    "SchedulesNamespace",
    "TwapNamespace",
    "TwapParams",
    "cancel_scheduled_order",
    "cancel_twap_order",
    "create_scheduled_order",
    "create_twap_order",
    "encode_cron",
    "execute_scheduled_order",
    "execute_twap_slice",
    "scheduled_order_address",
    "set_twap_paused",
    "twap_due_time",
    "twap_next_due_time",
    "twap_order_address",
    "twap_random_offset",
]

TWAP_SEED = b"twap"
SCHEDULE_SEED = b"schedule"


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


# --- namespaces ------------------------------------------------------------------


async def _execution_links(
    namespace: Namespace, state: TwapOrder | ScheduledOrder
) -> dict[str, Any]:
    # What a keeper's execution names besides the order: its margin account and market
    # (book, queue, oracle), the wallet as keeper, and the account's health accounts.
    client = namespace.client
    market = await client.get_perp_market(state.market_index)
    margin: MarginAccount = await client.get_margin_account_at(state.margin_account)
    health = [
        *await client.order_health_accounts(margin, state.market_index),
        *risk_tail_if_limited(margin, state.margin_account, client.program_id),
    ]
    return {
        "margin_account": state.margin_account,
        "market": state.market,
        "market_accounts": (market.orderbook, market.event_queue, market.oracle),
        "keeper": namespace.authority,
        "health_accounts": health,
        "program_id": namespace.program_id,
    }


class TwapNamespace(Namespace):
    """TWAP orders: creation, pause and cancel by the wallet (the owner); slices by any keeper."""

    async def get(self, address: Pubkey) -> TwapOrder:
        """A TwapOrder (AccountNotFoundError when cancelled or absent)."""
        return await self.client.require(TwapOrder, address, "TWAP order")

    async def list(self, margin_account: Pubkey | None = None) -> list[tuple[Pubkey, TwapOrder]]:
        """Every TwapOrder (of one margin account when given)."""
        return await self.client.fetch_all(TwapOrder, margin_account=margin_account)

    async def create(self, params: CreateTwapOrderParams) -> Bundle:
        """create_twap_order; the bundle's ``address`` is the TwapOrder's."""
        twap_id = secrets.randbits(63) if params.twap_id is None else params.twap_id
        instruction = create_twap_order(
            owner=self.authority,
            market_index=params.market_index,
            twap_id=twap_id,
            params=params.order,
            account_index=params.account_index,
            program_id=self.program_id,
        )
        margin = self.client.margin_account_address(params.account_index)
        return Bundle((instruction,), address=twap_order_address(margin, twap_id, self.program_id))

    async def execute_slice(
        self, params: ExecuteTwapSliceParams, *, twap: TwapOrder | None = None
    ) -> Instruction:
        """execute_twap_slice with the wallet as keeper (``twap`` skips its fetch)."""
        state = twap or await self.get(params.twap_order)
        return execute_twap_slice(
            twap_order=params.twap_order,
            slice_index=state.next_slice if params.slice_index is None else params.slice_index,
            **await _execution_links(self, state),
        )

    async def set_paused(self, params: SetTwapPausedParams) -> Instruction:
        """Pause or resume the wallet's TWAP order."""
        return set_twap_paused(
            twap_order=params.twap_order,
            owner=self.authority,
            paused=params.paused,
            program_id=self.program_id,
        )

    async def cancel(self, params: CancelTwapOrderParams) -> Instruction:
        """Cancel the wallet's TWAP order."""
        return cancel_twap_order(
            twap_order=params.twap_order, owner=self.authority, program_id=self.program_id
        )


class SchedulesNamespace(Namespace):
    """Scheduled orders: creation and cancel by the wallet (the owner); runs by any keeper."""

    async def get(self, address: Pubkey) -> ScheduledOrder:
        """A ScheduledOrder (AccountNotFoundError when cancelled or absent)."""
        return await self.client.require(ScheduledOrder, address, "scheduled order")

    async def list(
        self, margin_account: Pubkey | None = None
    ) -> list[tuple[Pubkey, ScheduledOrder]]:
        """Every ScheduledOrder (of one margin account when given)."""
        return await self.client.fetch_all(ScheduledOrder, margin_account=margin_account)

    async def create(self, params: CreateScheduledOrderParams) -> Bundle:
        """create_scheduled_order; the bundle's ``address`` is the ScheduledOrder's."""
        schedule_id = secrets.randbits(63) if params.schedule_id is None else params.schedule_id
        instruction = create_scheduled_order(
            owner=self.authority,
            market_index=params.market_index,
            schedule_id=schedule_id,
            params=params.schedule,
            order=params.order,
            account_index=params.account_index,
            program_id=self.program_id,
        )
        margin = self.client.margin_account_address(params.account_index)
        address = scheduled_order_address(margin, schedule_id, self.program_id)
        return Bundle((instruction,), address=address)

    async def execute(
        self, params: ExecuteScheduledOrderParams, *, schedule: ScheduledOrder | None = None
    ) -> Instruction:
        """execute_scheduled_order with the wallet as keeper (``schedule`` skips its fetch)."""
        state = schedule or await self.get(params.scheduled_order)
        return execute_scheduled_order(
            scheduled_order=params.scheduled_order,
            run_index=state.next_run_index if params.run_index is None else params.run_index,
            **await _execution_links(self, state),
        )

    async def cancel(self, params: CancelScheduledOrderParams) -> Instruction:
        """Cancel the wallet's scheduled order."""
        return cancel_scheduled_order(
            scheduled_order=params.scheduled_order,
            owner=self.authority,
            program_id=self.program_id,
        )
