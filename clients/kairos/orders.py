"""``client.orders``: place, cancel, crank, and the bracket (entry with OCO children)."""

from __future__ import annotations

from typing import Any

from solders.instruction import Instruction
from solders.pubkey import Pubkey

from kairos import instructions as ix
from kairos.accounts import MarginAccount
from kairos.core import Bundle, Namespace
from kairos.params import (
    BracketParams,
    CancelAllOrdersParams,
    CancelOrderParams,
    ConsumeEventsParams,
    OcoParams,
    PlaceOrderParams,
    PlaceOrderV2Params,
)


class OrdersNamespace(Namespace):
    """Orders of the wallet's margin accounts and the event-queue crank."""

    async def _book_accounts(
        self, market_index: int, account_index: int, margin: MarginAccount | None
    ) -> dict[str, Any]:
        # What every order instruction names: the market's book, queue and oracle,
        # and the health accounts with the market listed (the order may open it).
        client = self.client
        margin = margin or await client.get_margin_account(account_index)
        market = await client.cached_market(market_index)
        # An account with risk limits passes its RiskLimits and the RiskParameters after
        # its health accounts (the program refuses the order without them).
        health = [
            *await client.order_health_accounts(margin, market_index),
            *ix.risk_tail_if_limited(
                margin, client.margin_account_address(account_index), self.program_id
            ),
        ]
        return {
            "owner": self.authority,
            "orderbook": market.orderbook,
            "event_queue": market.event_queue,
            "oracle": market.oracle,
            "health_accounts": health,
        }

    async def place(
        self, params: PlaceOrderParams, *, margin_account: MarginAccount | None = None
    ) -> Instruction:
        """place_order (``margin_account`` skips the fetch of the wallet's account)."""
        links = await self._book_accounts(params.market_index, params.account_index, margin_account)
        return self.build(ix.place_order, params, **links)

    async def place_v2(
        self, params: PlaceOrderV2Params, *, margin_account: MarginAccount | None = None
    ) -> Instruction:
        """place_order_v2: an order with every option."""
        links = await self._book_accounts(params.market_index, params.account_index, margin_account)
        return self.build(ix.place_order_v2, params, **links)

    async def cancel(self, params: CancelOrderParams) -> Instruction:
        """Cancel one resting order by order id (or client order id)."""
        market = await self.client.cached_market(params.market_index)
        return self.build(ix.cancel_order, params, owner=self.authority, orderbook=market.orderbook)

    async def cancel_all(self, params: CancelAllOrdersParams) -> Instruction:
        """Cancel up to ``params.limit`` of the wallet's orders in a market."""
        market = await self.client.cached_market(params.market_index)
        return self.build(
            ix.cancel_all_orders, params, owner=self.authority, orderbook=market.orderbook
        )

    async def consume_events(self, params: ConsumeEventsParams) -> Instruction:
        """Crank queued fills, naming their makers' accounts.

        Makers are taken in queue order until ``max_makers`` distinct accounts (the
        program stops at the first event whose maker is missing).
        """
        queue = await self.client.get_event_queue(params.market_index)
        makers: list[Pubkey] = []
        for event in queue.pending()[: params.limit]:
            if event.maker not in makers:
                if len(makers) == params.max_makers:
                    break
                makers.append(event.maker)
        market = await self.client.cached_market(params.market_index)
        return ix.consume_events(
            market_index=params.market_index,
            event_queue=market.event_queue,
            cranker=params.cranker or self.authority,
            limit=params.limit,
            maker_accounts=makers,
            program_id=self.program_id,
        )

    async def bracket(self, params: BracketParams) -> tuple[Bundle, tuple[Pubkey, Pubkey]]:
        """An entry limit order plus reduce-only TP and SL children linked as OCO.

        The children are on the opposite side, reduce-only: the program keeps them
        "not triggerable" until the entry has filled and sizes them to the position
        (so a partially filled then cancelled entry gets children of its filled size).
        Returns the bundle (one transaction) and the two trigger orders' addresses.
        """
        from kairos.triggers import TriggersNamespace

        entry = await self.place_v2(
            PlaceOrderV2Params(
                params.market_index,
                params.side,
                params.entry_price,
                params.max_base_lots,
                account_index=params.account_index,
            )
        )
        legs, addresses = await TriggersNamespace(self.client).oco(
            OcoParams(
                params.market_index,
                params.side.opposite,
                params.max_base_lots,
                take_profit_price=params.take_profit_price,
                stop_price=params.stop_price,
                take_profit_limit=params.take_profit_limit,
                stop_limit=params.stop_limit,
                max_oracle_deviation_bps=params.max_oracle_deviation_bps,
                account_index=params.account_index,
            )
        )
        return Bundle((entry, *legs.instructions)), addresses
