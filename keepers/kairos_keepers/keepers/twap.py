"""The ``twap`` keeper: executes every TWAP order's slices at their due times.

Each TwapOrder gets an APScheduler job at its next slice's due time (the
program's formula, random offset included: :func:`kairos.scheduled_orders.twap_due_time`).
Paused or finished orders have no job. See :mod:`.schedule_support`.
"""

from __future__ import annotations

import dataclasses

from kairos.accounts import TwapOrder
from kairos.scheduled_orders import execute_twap_slice, twap_next_due_time
from solders.instruction import Instruction
from solders.pubkey import Pubkey

from kairos_keepers.keepers.schedule_support import TimedOrderKeeper, TimedOrderSettings
from kairos_keepers.registry import register


@dataclasses.dataclass(frozen=True)
class TwapKeeperSettings(TimedOrderSettings):
    """``[keepers.twap]`` settings."""


@register
class TwapKeeper(TimedOrderKeeper[TwapOrder]):
    """Executes TWAP slices when due and collects the per-slice reward."""

    name = "twap"
    description = "Executes TWAP order slices at their due times (reward: the order's escrow)."
    Settings = TwapKeeperSettings
    account_cls = TwapOrder
    action = "execute_twap_slice"

    def due_time(self, address: Pubkey, order: TwapOrder) -> int | None:
        """Due time of the next slice; None when paused or finished."""
        if order.paused:
            return None
        return twap_next_due_time(address, order)

    def reward(self, order: TwapOrder) -> int:
        """Lamports per slice."""
        return order.keeper_reward_lamports

    async def build(self, address: Pubkey, order: TwapOrder) -> Instruction:
        """execute_twap_slice naming the next slice."""
        market = self.cache.markets.get(order.market_index)
        if market is None:
            await self.cache.load()
            market = self.cache.markets[order.market_index]
        (margin,) = await self.cache.margin_accounts([order.margin_account])
        if margin is None:
            raise LookupError(f"margin account {order.margin_account} not found")
        health = await self.cache.health_accounts_with_market(margin, order.market_index)
        return execute_twap_slice(
            twap_order=address,
            margin_account=order.margin_account,
            market=order.market,
            market_accounts=(market.orderbook, market.event_queue, market.oracle),
            keeper=self.payer.pubkey(),
            health_accounts=health,
            slice_index=order.next_slice,
            program_id=self.config.program_id,
        )
