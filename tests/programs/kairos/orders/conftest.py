"""Order options and trigger orders: fixtures and builders over the perp harness.

Instructions are built with the SDK's pure builders (kairos.instructions), so
these tests also cover their encoding; every successful step goes through
`Kairos.send` (vault invariant) and every refusal through `fail_unchanged`.
A trigger order's escrow (state/trigger_order.h invariant 2) is checked by
`Orders.check_trigger_escrow`.
"""

from __future__ import annotations

from typing import Any

import pytest
from kairos import instructions as ix
from kairos.constants import (
    OrderType,
    SelfTradeBehavior,
    Side,
    TimeInForce,
    TrailingMode,
    TriggerKind,
)
from kairos.pda import trigger_order_address
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.transaction_metadata import TransactionMetadata

from ..conftest import KEEPER_REWARD, Kairos, Trader
from ..perp.conftest import MAX_MATCHES_PER_ORDER, Market, Perp

TRIGGER_ORDER_SIZE = 8 + 288
TRIGGER_REWARD = 10_000  # lamports a keeper earns per trigger (>= the exchange's minimum)


class Orders:
    """place_order_v2 and the trigger-order instructions on one market."""

    def __init__(self, perp: Perp, market: Market) -> None:
        self.perp = perp
        self.kairos: Kairos = perp.kairos
        self.chain = perp.chain
        self.market = market
        self._next_trigger_id = 0

    # ---- place_order_v2 ----

    def place_ix(
        self,
        trader: Trader,
        side: int,
        price: int,
        lots: int,
        *,
        health_accounts: list[AccountMeta] | None = None,
        **options: Any,
    ) -> Instruction:
        if health_accounts is None:
            health_accounts = self.perp.health_accounts_after_order(trader.margin, self.market)
        return ix.place_order_v2(
            owner=trader.owner.pubkey(),
            market_index=self.market.index,
            orderbook=self.market.orderbook,
            event_queue=self.market.event_queue,
            oracle=self.market.oracle.address,
            side=Side(side),
            price=price,
            max_base_lots=lots,
            health_accounts=health_accounts,
            **options,
        )

    def place(
        self, trader: Trader, side: int, price: int, lots: int, **options: Any
    ) -> TransactionMetadata:
        return self.kairos.send(
            [self.place_ix(trader, side, price, lots, **options)], [trader.owner]
        )

    def refuse(
        self, trader: Trader, side: int, price: int, lots: int, expected: int, **options: Any
    ) -> None:
        self.kairos.fail_unchanged(
            [self.place_ix(trader, side, price, lots, **options)], [trader.owner], expected
        )

    # ---- trigger orders ----

    def trigger_address(self, trader: Trader, trigger_id: int) -> Pubkey:
        return trigger_order_address(trader.margin, trigger_id)

    def create_trigger_ix(
        self,
        trader: Trader,
        side: int,
        kind: TriggerKind,
        trigger_price: int,
        lots: int,
        *,
        trigger_id: int | None = None,
        **options: Any,
    ) -> tuple[Instruction, Pubkey]:
        if trigger_id is None:
            trigger_id = self._next_trigger_id
            self._next_trigger_id += 1
        options.setdefault("keeper_reward_lamports", TRIGGER_REWARD)
        options.setdefault("match_limit", MAX_MATCHES_PER_ORDER)
        instruction = ix.create_trigger_order(
            owner=trader.owner.pubkey(),
            market_index=self.market.index,
            trigger_id=trigger_id,
            side=Side(side),
            kind=kind,
            trigger_price=trigger_price,
            max_base_lots=lots,
            **options,
        )
        return instruction, self.trigger_address(trader, trigger_id)

    def create_trigger(
        self,
        trader: Trader,
        side: int,
        kind: TriggerKind,
        trigger_price: int,
        lots: int,
        **options: Any,
    ) -> Pubkey:
        instruction, address = self.create_trigger_ix(
            trader, side, kind, trigger_price, lots, **options
        )
        self.kairos.send([instruction], [trader.owner])
        self.check_trigger_escrow(address)
        return address

    def trigger_state(self, address: Pubkey) -> Any:
        return self.chain.decode(address)

    def is_closed(self, address: Pubkey) -> bool:
        info = self.chain.svm.get_account(address)
        return info is None or info.lamports == 0

    def check_trigger_escrow(self, address: Pubkey) -> None:
        """Invariant 2: rent + reward + match_limit crank rewards."""
        state = self.trigger_state(address)
        info = self.chain.svm.get_account(address)
        assert info is not None
        rent = self.chain.svm.minimum_balance_for_rent_exemption(TRIGGER_ORDER_SIZE)
        expected = rent + state.keeper_reward_lamports + state.match_limit * KEEPER_REWARD
        assert info.lamports == expected

    def fire_ix(
        self,
        trader: Trader,
        trigger: Pubkey,
        keeper: Keypair,
        *,
        linked: Pubkey | None = None,
        health_accounts: list[AccountMeta] | None = None,
    ) -> Instruction:
        if health_accounts is None:
            health_accounts = self.perp.health_accounts_after_order(trader.margin, self.market)
        return ix.trigger_order(
            trigger_order=trigger,
            margin_account=trader.margin,
            owner=trader.owner.pubkey(),
            market_index=self.market.index,
            orderbook=self.market.orderbook,
            event_queue=self.market.event_queue,
            oracle=self.market.oracle.address,
            keeper=keeper.pubkey(),
            health_accounts=health_accounts,
            linked_trigger=linked,
        )

    def fire(
        self, trader: Trader, trigger: Pubkey, keeper: Keypair, **kwargs: Any
    ) -> TransactionMetadata:
        return self.kairos.send([self.fire_ix(trader, trigger, keeper, **kwargs)], [keeper])

    def cancel_trigger_ix(
        self, trader: Trader, trigger: Pubkey, linked: Pubkey | None = None
    ) -> Instruction:
        return ix.cancel_trigger_order(
            owner=trader.owner.pubkey(), trigger_order=trigger, linked_trigger=linked
        )

    def trailing_ix(self, trigger: Pubkey) -> Instruction:
        return ix.update_trailing_stop(
            trigger_order=trigger,
            market_index=self.market.index,
            oracle=self.market.oracle.address,
        )

    def set_oracle(self, price: int) -> None:
        self.kairos.update_oracle(self.market.oracle, price)


@pytest.fixture()
def perp(kairos: Kairos) -> Perp:
    return Perp(kairos)


@pytest.fixture()
def market(perp: Perp) -> Market:
    created, _ = perp.create_market()
    return created


@pytest.fixture()
def orders(perp: Perp, market: Market) -> Orders:
    return Orders(perp, market)


@pytest.fixture()
def keeper(kairos: Kairos) -> Keypair:
    return kairos.chain.fund()


__all__ = [
    "KEEPER_REWARD",
    "TRIGGER_ORDER_SIZE",
    "TRIGGER_REWARD",
    "OrderType",
    "Orders",
    "SelfTradeBehavior",
    "TimeInForce",
    "TrailingMode",
]
