"""Order options and trigger orders: client methods, fetchers and typed helpers.

:class:`OrderOptionsMixin` gives :class:`kairos.client.KairosClient` a builder
(``get_<name>_ix``) and a sender (``<name>``) for place_order_v2,
create_trigger_order, cancel_trigger_order, trigger_order and
update_trailing_stop, plus OCO and bracket helpers. :func:`fetch_trigger_orders`
lists TriggerOrder accounts with ``getProgramAccounts`` filters (what a trigger
keeper polls); :func:`trigger_condition_holds` mirrors the program's check.

Keeper-facing errors (kairos.errors): ``TriggerNotReady`` (6055: the condition
does not hold yet, or a reduce-only trigger has no position to reduce) and
``TriggerOrderNotActive`` (6056: already triggered or cancelled) mean another
keeper won or there is nothing to do; ``TrailingStopNotImproved`` (6057) is
update_trailing_stop's "nothing to do".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment
from solders.instruction import Instruction
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos import instructions as ix
from kairos.accounts import (
    MarginAccount,
    TriggerOrder,
    fetch_account,
    fetch_all_accounts,
    memcmp_filter,
)
from kairos.client_host import ClientHost
from kairos.constants import (
    MAX_MATCHES_PER_ORDER,
    OrderType,
    SelfTradeBehavior,
    Side,
    TimeInForce,
    TrailingMode,
    TriggerCondition,
    TriggerKind,
)
from kairos.pda import trigger_order_address
from kairos.program import PROGRAM_ID

if TYPE_CHECKING:
    from kairos.client import TxParams


_Client = ClientHost


__all__ = [
    "OrderOptionsMixin",
    "chain_unix_timestamp",
    "clock_unix_timestamp",
    "fetch_trigger_orders",
    "trigger_condition_holds",
]

# Clock sysvar layout: slot, epoch_start_timestamp, epoch, leader_schedule_epoch,
# unix_timestamp (each 8 bytes, little-endian).
_CLOCK_UNIX_TIMESTAMP_OFFSET = 32


async def chain_unix_timestamp(connection: AsyncClient) -> int:
    """The cluster's Clock ``unix_timestamp``: what order and trigger expiries compare with.

    Use it rather than the local wall clock (a localnet may be warped).
    """
    info = await connection.get_account_info(CLOCK_SYSVAR)
    if info.value is None:
        raise LookupError("the cluster has no Clock sysvar")
    return clock_unix_timestamp(bytes(info.value.data))


def clock_unix_timestamp(data: bytes) -> int:
    """``unix_timestamp`` of raw Clock sysvar data."""
    return int.from_bytes(
        data[_CLOCK_UNIX_TIMESTAMP_OFFSET : _CLOCK_UNIX_TIMESTAMP_OFFSET + 8], "little", signed=True
    )


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


class OrderOptionsMixin:
    """place_order_v2 and trigger-order methods of :class:`kairos.client.KairosClient`."""

    # --- place_order_v2 -------------------------------------------------------------

    async def get_place_order_v2_ix(
        self: _Client,
        market_index: int,
        side: Side,
        price: int,
        max_base_lots: int,
        *,
        order_type: OrderType = OrderType.LIMIT,
        time_in_force: TimeInForce = TimeInForce.GTC,
        self_trade_behavior: SelfTradeBehavior = SelfTradeBehavior.CANCEL_RESTING,
        reduce_only: bool = False,
        client_order_id: int = 0,
        match_limit: int = MAX_MATCHES_PER_ORDER,
        expiry_timestamp: int = 0,
        iceberg_display_lots: int = 0,
        max_oracle_deviation_bps: int = 0,
        account_index: int = 0,
        margin_account: MarginAccount | None = None,
    ) -> Instruction:
        """An order with every option (see :func:`kairos.instructions.place_order_v2`)."""
        margin = margin_account or await self.get_margin_account(account_index)
        market = await self._static_market(market_index)
        return ix.place_order_v2(
            owner=self.authority,
            market_index=market_index,
            orderbook=market.orderbook,
            event_queue=market.event_queue,
            oracle=market.oracle,
            side=side,
            price=price,
            max_base_lots=max_base_lots,
            health_accounts=await self.order_health_accounts(margin, market_index),
            order_type=order_type,
            time_in_force=time_in_force,
            self_trade_behavior=self_trade_behavior,
            reduce_only=reduce_only,
            client_order_id=client_order_id,
            match_limit=match_limit,
            expiry_timestamp=expiry_timestamp,
            iceberg_display_lots=iceberg_display_lots,
            max_oracle_deviation_bps=max_oracle_deviation_bps,
            account_index=account_index,
            program_id=self.program_id,
        )

    async def place_order_v2(
        self: _Client,
        market_index: int,
        side: Side,
        price: int,
        max_base_lots: int,
        *,
        order_type: OrderType = OrderType.LIMIT,
        time_in_force: TimeInForce = TimeInForce.GTC,
        self_trade_behavior: SelfTradeBehavior = SelfTradeBehavior.CANCEL_RESTING,
        reduce_only: bool = False,
        client_order_id: int = 0,
        match_limit: int = MAX_MATCHES_PER_ORDER,
        expiry_timestamp: int = 0,
        iceberg_display_lots: int = 0,
        max_oracle_deviation_bps: int = 0,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_place_order_v2_ix`."""
        instruction = await OrderOptionsMixin.get_place_order_v2_ix(
            self,
            market_index,
            side,
            price,
            max_base_lots,
            order_type=order_type,
            time_in_force=time_in_force,
            self_trade_behavior=self_trade_behavior,
            reduce_only=reduce_only,
            client_order_id=client_order_id,
            match_limit=match_limit,
            expiry_timestamp=expiry_timestamp,
            iceberg_display_lots=iceberg_display_lots,
            max_oracle_deviation_bps=max_oracle_deviation_bps,
            account_index=account_index,
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    # --- trigger orders -------------------------------------------------------------

    async def get_trigger_orders(
        self: _Client, *, account_index: int = 0, owner: Pubkey | None = None
    ) -> list[tuple[Pubkey, TriggerOrder]]:
        """The live trigger orders of a margin account (the wallet's by default)."""
        return await fetch_trigger_orders(
            self.connection,
            margin_account=self.margin_account_address(account_index, owner),
            program_id=self.program_id,
            commitment=self.commitment,
        )

    async def next_trigger_id(self: _Client, account_index: int = 0) -> int:
        """One more than the largest id among the account's live trigger orders."""
        live = await OrderOptionsMixin.get_trigger_orders(self, account_index=account_index)
        return max((trigger.id for _, trigger in live), default=-1) + 1

    async def get_create_trigger_order_ix(
        self: _Client,
        market_index: int,
        side: Side,
        kind: TriggerKind,
        trigger_price: int,
        max_base_lots: int,
        *,
        trigger_id: int,
        limit_price: int = 0,
        keeper_reward_lamports: int | None = None,
        reduce_only: bool = False,
        trailing_mode: TrailingMode = TrailingMode.NONE,
        trailing_offset: int = 0,
        max_oracle_deviation_bps: int = 0,
        client_order_id: int = 0,
        match_limit: int = MAX_MATCHES_PER_ORDER,
        expiry_timestamp: int = 0,
        linked_trigger: Pubkey | None = None,
        account_index: int = 0,
    ) -> Instruction:
        """Create a trigger order (prices in quote native per lot).

        ``keeper_reward_lamports`` defaults to the exchange's keeper reward (the
        minimum the program accepts).
        """
        if keeper_reward_lamports is None:
            keeper_reward_lamports = (await self.get_exchange()).keeper_reward_lamports
        return ix.create_trigger_order(
            owner=self.authority,
            market_index=market_index,
            trigger_id=trigger_id,
            side=side,
            kind=kind,
            trigger_price=trigger_price,
            max_base_lots=max_base_lots,
            keeper_reward_lamports=keeper_reward_lamports,
            limit_price=limit_price,
            reduce_only=reduce_only,
            trailing_mode=trailing_mode,
            trailing_offset=trailing_offset,
            max_oracle_deviation_bps=max_oracle_deviation_bps,
            client_order_id=client_order_id,
            match_limit=match_limit,
            expiry_timestamp=expiry_timestamp,
            linked_trigger=linked_trigger,
            account_index=account_index,
            program_id=self.program_id,
        )

    async def create_trigger_order(
        self: _Client,
        market_index: int,
        side: Side,
        kind: TriggerKind,
        trigger_price: int,
        max_base_lots: int,
        *,
        trigger_id: int | None = None,
        limit_price: int = 0,
        keeper_reward_lamports: int | None = None,
        reduce_only: bool = False,
        trailing_mode: TrailingMode = TrailingMode.NONE,
        trailing_offset: int = 0,
        max_oracle_deviation_bps: int = 0,
        client_order_id: int = 0,
        match_limit: int = MAX_MATCHES_PER_ORDER,
        expiry_timestamp: int = 0,
        linked_trigger: Pubkey | None = None,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> tuple[Pubkey, Signature]:
        """Send :meth:`get_create_trigger_order_ix`; returns the TriggerOrder address."""
        if trigger_id is None:
            trigger_id = await OrderOptionsMixin.next_trigger_id(self, account_index)
        instruction = await OrderOptionsMixin.get_create_trigger_order_ix(
            self,
            market_index,
            side,
            kind,
            trigger_price,
            max_base_lots,
            trigger_id=trigger_id,
            limit_price=limit_price,
            keeper_reward_lamports=keeper_reward_lamports,
            reduce_only=reduce_only,
            trailing_mode=trailing_mode,
            trailing_offset=trailing_offset,
            max_oracle_deviation_bps=max_oracle_deviation_bps,
            client_order_id=client_order_id,
            match_limit=match_limit,
            expiry_timestamp=expiry_timestamp,
            linked_trigger=linked_trigger,
            account_index=account_index,
        )
        signature = await self.send_ixs([instruction], tx_params=tx_params)
        address = trigger_order_address(
            self.margin_account_address(account_index), trigger_id, self.program_id
        )
        return address, signature

    async def get_trigger_order_state(self: _Client, address: Pubkey) -> TriggerOrder | None:
        """A trigger order, or None once triggered or cancelled."""
        return await fetch_account(
            self.connection, TriggerOrder, address, commitment=self.commitment
        )

    async def _live_trigger(self: _Client, address: Pubkey) -> TriggerOrder:
        trigger = await OrderOptionsMixin.get_trigger_order_state(self, address)
        if trigger is None:
            from kairos.accounts import AccountNotFoundError

            raise AccountNotFoundError(f"no live trigger order at {address}")
        return trigger

    async def get_cancel_trigger_order_ix(
        self: _Client, trigger_order: Pubkey, *, account_index: int = 0
    ) -> Instruction:
        """Cancel a trigger order (with its OCO partner, looked up on chain)."""
        trigger = await OrderOptionsMixin._live_trigger(self, trigger_order)
        return ix.cancel_trigger_order(
            owner=self.authority,
            trigger_order=trigger_order,
            linked_trigger=trigger.linked_trigger if trigger.is_linked else None,
            account_index=account_index,
            program_id=self.program_id,
        )

    async def cancel_trigger_order(
        self: _Client,
        trigger_order: Pubkey,
        *,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_cancel_trigger_order_ix`."""
        instruction = await OrderOptionsMixin.get_cancel_trigger_order_ix(
            self, trigger_order, account_index=account_index
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_trigger_order_ix(
        self: _Client,
        trigger_order: Pubkey,
        *,
        trigger: TriggerOrder | None = None,
        keeper: Pubkey | None = None,
    ) -> Instruction:
        """Fire a trigger order (the wallet is the keeper and earns the reward)."""
        trigger = trigger or await OrderOptionsMixin._live_trigger(self, trigger_order)
        margin = await self.get_margin_account_at(trigger.margin_account)
        market = await self._static_market(trigger.market_index)
        return ix.trigger_order(
            trigger_order=trigger_order,
            margin_account=trigger.margin_account,
            owner=trigger.owner,
            market_index=trigger.market_index,
            orderbook=market.orderbook,
            event_queue=market.event_queue,
            oracle=market.oracle,
            keeper=keeper or self.authority,
            health_accounts=await self.order_health_accounts(margin, trigger.market_index),
            linked_trigger=trigger.linked_trigger if trigger.is_linked else None,
            program_id=self.program_id,
        )

    async def trigger_order(
        self: _Client, trigger_order: Pubkey, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_trigger_order_ix`."""
        instruction = await OrderOptionsMixin.get_trigger_order_ix(self, trigger_order)
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_update_trailing_stop_ix(
        self: _Client, trigger_order: Pubkey, *, trigger: TriggerOrder | None = None
    ) -> Instruction:
        """Ratchet a trailing stop with the market's oracle."""
        trigger = trigger or await OrderOptionsMixin._live_trigger(self, trigger_order)
        market = await self._static_market(trigger.market_index)
        return ix.update_trailing_stop(
            trigger_order=trigger_order,
            market_index=trigger.market_index,
            oracle=market.oracle,
            program_id=self.program_id,
        )

    async def update_trailing_stop(
        self: _Client, trigger_order: Pubkey, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_update_trailing_stop_ix`."""
        instruction = await OrderOptionsMixin.get_update_trailing_stop_ix(self, trigger_order)
        return await self.send_ixs([instruction], tx_params=tx_params)

    # --- OCO and bracket --------------------------------------------------------------

    async def get_oco_ixs(
        self: _Client,
        market_index: int,
        side: Side,
        max_base_lots: int,
        *,
        take_profit_price: int,
        stop_price: int,
        take_profit_limit: int = 0,
        stop_limit: int = 0,
        max_oracle_deviation_bps: int = 0,
        reduce_only: bool = True,
        first_trigger_id: int | None = None,
        account_index: int = 0,
    ) -> tuple[list[Instruction], tuple[Pubkey, Pubkey]]:
        """A take-profit and a stop on ``side`` linked as OCO (two instructions, one tx).

        A ``*_limit`` of 0 makes that leg a market order (then give a band with
        ``max_oracle_deviation_bps`` or a worst price as the limit).
        """
        if first_trigger_id is None:
            first_trigger_id = await OrderOptionsMixin.next_trigger_id(self, account_index)
        margin = self.margin_account_address(account_index)
        tp_address = trigger_order_address(margin, first_trigger_id, self.program_id)
        legs: list[Instruction] = []
        for offset, (is_tp, trigger_price, limit) in enumerate(
            ((True, take_profit_price, take_profit_limit), (False, stop_price, stop_limit))
        ):
            market_leg = limit == 0 or max_oracle_deviation_bps != 0
            if is_tp:
                kind = (
                    TriggerKind.TAKE_PROFIT_MARKET if market_leg else TriggerKind.TAKE_PROFIT_LIMIT
                )
            else:
                kind = TriggerKind.STOP_MARKET if market_leg else TriggerKind.STOP_LIMIT
            legs.append(
                await OrderOptionsMixin.get_create_trigger_order_ix(
                    self,
                    market_index,
                    side,
                    kind,
                    trigger_price,
                    max_base_lots,
                    trigger_id=first_trigger_id + offset,
                    limit_price=limit,
                    reduce_only=reduce_only,
                    max_oracle_deviation_bps=max_oracle_deviation_bps if market_leg else 0,
                    linked_trigger=None if is_tp else tp_address,
                    account_index=account_index,
                )
            )
        sl_address = trigger_order_address(margin, first_trigger_id + 1, self.program_id)
        return legs, (tp_address, sl_address)

    async def create_bracket(
        self: _Client,
        market_index: int,
        side: Side,
        entry_price: int,
        max_base_lots: int,
        *,
        take_profit_price: int,
        stop_price: int,
        take_profit_limit: int = 0,
        stop_limit: int = 0,
        max_oracle_deviation_bps: int = 0,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> tuple[Pubkey, Pubkey, Signature]:
        """Entry limit order plus reduce-only TP and SL children linked as OCO, in one tx.

        The children are on the opposite side, reduce-only: the program keeps them
        "not triggerable" until the entry has filled and sizes them to the position
        (so a partially filled then cancelled entry gets children of its filled size).
        """
        entry = await OrderOptionsMixin.get_place_order_v2_ix(
            self, market_index, side, entry_price, max_base_lots, account_index=account_index
        )
        legs, (tp, sl) = await OrderOptionsMixin.get_oco_ixs(
            self,
            market_index,
            side.opposite,
            max_base_lots,
            take_profit_price=take_profit_price,
            stop_price=stop_price,
            take_profit_limit=take_profit_limit,
            stop_limit=stop_limit,
            max_oracle_deviation_bps=max_oracle_deviation_bps,
            account_index=account_index,
        )
        signature = await self.send_ixs([entry, *legs], tx_params=tx_params)
        return tp, sl, signature
