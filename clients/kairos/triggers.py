"""``client.triggers``: trigger orders (stops, take-profits, trailing stops, OCO pairs).

:func:`fetch_trigger_orders` lists TriggerOrder accounts with ``getProgramAccounts``
filters (what a trigger keeper polls); :func:`trigger_condition_holds` mirrors the
program's check.

Keeper-facing errors (kairos.errors): ``TriggerNotReady`` (the condition does not hold
yet, or a reduce-only trigger has no position to reduce) and ``TriggerOrderNotActive``
(already triggered or cancelled) mean another keeper won or there is nothing to do;
``TrailingStopNotImproved`` is update_trailing_stop's "nothing to do".
"""

from __future__ import annotations

from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment
from solders.instruction import Instruction
from solders.pubkey import Pubkey

from kairos import instructions as ix
from kairos.accounts import (
    TriggerOrder,
    fetch_all_accounts,
    memcmp_filter,
)
from kairos.constants import TriggerCondition, TriggerKind
from kairos.core import Bundle, Namespace, fields
from kairos.params import (
    CancelTriggerOrderParams,
    CreateTriggerOrderParams,
    OcoParams,
    TriggerOrderParams,
    UpdateTrailingStopParams,
)
from kairos.pda import trigger_order_address
from kairos.program import PROGRAM_ID


async def fetch_trigger_orders(
    connection: AsyncClient,
    *,
    margin_account: Pubkey | None = None,
    market: Pubkey | None = None,
    program_id: Pubkey = PROGRAM_ID,
    commitment: Commitment | None = None,
) -> list[tuple[Pubkey, TriggerOrder]]:
    """Every live TriggerOrder (optionally of one margin account and/or market).

    One ``getProgramAccounts`` call filtered by discriminator, size and ``memcmp``
    on ``margin_account`` / ``market``.
    """
    filters = []
    if margin_account is not None:
        filters.append(memcmp_filter(TriggerOrder, "margin_account", margin_account))
    if market is not None:
        filters.append(memcmp_filter(TriggerOrder, "market", market))
    return await fetch_all_accounts(
        connection, TriggerOrder, program_id=program_id, filters=filters, commitment=commitment
    )


def trigger_condition_holds(trigger: TriggerOrder, oracle_price_per_lot: int) -> bool:
    """The program's condition: at/above (ABOVE) or at/below (BELOW) the trigger price."""
    if trigger.condition == TriggerCondition.ABOVE:
        return oracle_price_per_lot >= trigger.trigger_price
    return oracle_price_per_lot <= trigger.trigger_price


class TriggersNamespace(Namespace):
    """Trigger orders of the wallet's margin accounts, and firing them as a keeper."""

    # --- reading ---

    async def list(
        self, *, account_index: int = 0, owner: Pubkey | None = None
    ) -> list[tuple[Pubkey, TriggerOrder]]:
        """The live trigger orders of a margin account (the wallet's by default)."""
        margin = self.client.margin_account_address(account_index, owner)
        return await self.client.fetch_all(TriggerOrder, margin_account=margin)

    async def next_id(self, account_index: int = 0) -> int:
        """One more than the largest id among the account's live trigger orders."""
        live = await self.list(account_index=account_index)
        return max((trigger.id for _, trigger in live), default=-1) + 1

    async def get(self, address: Pubkey) -> TriggerOrder | None:
        """A trigger order, or None once triggered or cancelled."""
        return await self.client.fetch(TriggerOrder, address)

    async def _live(self, address: Pubkey) -> TriggerOrder:
        return await self.client.require(TriggerOrder, address, "live trigger order")

    # --- instructions ---

    async def create(self, params: CreateTriggerOrderParams) -> Bundle:
        """create_trigger_order; the bundle's ``address`` is the TriggerOrder's."""
        args = fields(params)
        if params.trigger_id is None:
            args["trigger_id"] = await self.next_id(params.account_index)
        if params.keeper_reward_lamports is None:
            args["keeper_reward_lamports"] = (
                await self.client.get_exchange()
            ).keeper_reward_lamports
        instruction = ix.create_trigger_order(
            owner=self.authority, **args, program_id=self.program_id
        )
        margin = self.client.margin_account_address(params.account_index)
        address = trigger_order_address(margin, args["trigger_id"], self.program_id)
        return Bundle((instruction,), address=address)

    async def cancel(self, params: CancelTriggerOrderParams) -> Instruction:
        """Cancel a trigger order (with its OCO partner, looked up on chain)."""
        trigger = await self._live(params.trigger_order)
        return ix.cancel_trigger_order(
            owner=self.authority,
            trigger_order=params.trigger_order,
            linked_trigger=trigger.linked_trigger if trigger.is_linked else None,
            account_index=params.account_index,
            program_id=self.program_id,
        )

    async def fire(
        self, params: TriggerOrderParams, *, trigger: TriggerOrder | None = None
    ) -> Instruction:
        """trigger_order (``trigger`` skips the fetch of the TriggerOrder)."""
        client = self.client
        trigger = trigger or await self._live(params.trigger_order)
        margin = await client.get_margin_account_at(trigger.margin_account)
        market = await client.cached_market(trigger.market_index)
        return ix.trigger_order(
            trigger_order=params.trigger_order,
            margin_account=trigger.margin_account,
            owner=trigger.owner,
            market_index=trigger.market_index,
            orderbook=market.orderbook,
            event_queue=market.event_queue,
            oracle=market.oracle,
            keeper=params.keeper or self.authority,
            health_accounts=[
                *await client.order_health_accounts(margin, trigger.market_index),
                *ix.risk_tail_if_limited(margin, trigger.margin_account, self.program_id),
            ],
            linked_trigger=trigger.linked_trigger if trigger.is_linked else None,
            program_id=self.program_id,
        )

    async def update_trailing_stop(
        self, params: UpdateTrailingStopParams, *, trigger: TriggerOrder | None = None
    ) -> Instruction:
        """Ratchet a trailing stop with the market's oracle."""
        trigger = trigger or await self._live(params.trigger_order)
        market = await self.client.cached_market(trigger.market_index)
        return ix.update_trailing_stop(
            trigger_order=params.trigger_order,
            market_index=trigger.market_index,
            oracle=market.oracle,
            program_id=self.program_id,
        )

    async def oco(self, params: OcoParams) -> tuple[Bundle, tuple[Pubkey, Pubkey]]:
        """A take-profit and a stop linked as OCO (two instructions, one transaction).

        A ``*_limit`` of 0 makes that leg a market order (then give a band with
        ``max_oracle_deviation_bps`` or a worst price as the limit). Returns the
        bundle and the (take-profit, stop) addresses.
        """
        first = params.first_trigger_id
        if first is None:
            first = await self.next_id(params.account_index)
        margin = self.client.margin_account_address(params.account_index)
        tp_address = trigger_order_address(margin, first, self.program_id)
        legs: list[Instruction] = []
        for offset, (is_tp, trigger_price, limit) in enumerate(
            (
                (True, params.take_profit_price, params.take_profit_limit),
                (False, params.stop_price, params.stop_limit),
            )
        ):
            market_leg = limit == 0 or params.max_oracle_deviation_bps != 0
            if is_tp:
                kind = (
                    TriggerKind.TAKE_PROFIT_MARKET if market_leg else TriggerKind.TAKE_PROFIT_LIMIT
                )
            else:
                kind = TriggerKind.STOP_MARKET if market_leg else TriggerKind.STOP_LIMIT
            leg = await self.create(
                CreateTriggerOrderParams(
                    params.market_index,
                    params.side,
                    kind,
                    trigger_price,
                    params.max_base_lots,
                    trigger_id=first + offset,
                    limit_price=limit,
                    reduce_only=params.reduce_only,
                    max_oracle_deviation_bps=params.max_oracle_deviation_bps if market_leg else 0,
                    linked_trigger=None if is_tp else tp_address,
                    account_index=params.account_index,
                )
            )
            legs.extend(leg.instructions)
        sl_address = trigger_order_address(margin, first + 1, self.program_id)
        return Bundle(tuple(legs)), (tp_address, sl_address)
