"""The ``scheduler`` keeper: runs scheduled orders (one-shot, interval, cron) when due.

The program computes each order's ``next_run_time`` (the cron expression is
evaluated on-chain), so the keeper only waits for it: one APScheduler job per
ScheduledOrder at that time, moved whenever the account changes. A run later
than the order's skip window is skipped by the program (the keeper is paid
either way). See :mod:`.schedule_support`.
"""

from __future__ import annotations

import dataclasses

from kairos.accounts import ScheduledOrder
from kairos.scheduled_orders import execute_scheduled_order
from solders.instruction import Instruction
from solders.pubkey import Pubkey

from kairos_keepers.keepers.schedule_support import TimedOrderKeeper, TimedOrderSettings
from kairos_keepers.registry import register


@dataclasses.dataclass(frozen=True)
class SchedulerKeeperSettings(TimedOrderSettings):
    """``[keepers.scheduler]`` settings."""


@register
class SchedulerKeeper(TimedOrderKeeper[ScheduledOrder]):
    """Executes scheduled orders at their program-computed run times."""

    name = "scheduler"
    description = "Runs scheduled (one-shot, interval, cron) orders when due (reward: escrow)."
    Settings = SchedulerKeeperSettings
    account_cls = ScheduledOrder
    action = "execute_scheduled_order"

    def due_time(self, address: Pubkey, order: ScheduledOrder) -> int | None:
        """The next run time; None once finished."""
        return None if order.finished else order.next_run_time

    def reward(self, order: ScheduledOrder) -> int:
        """Lamports per run."""
        return order.keeper_reward_lamports

    async def build(self, address: Pubkey, order: ScheduledOrder) -> Instruction:
        """execute_scheduled_order naming the next run."""
        market = self.cache.markets.get(order.market_index)
        if market is None:
            await self.cache.load()
            market = self.cache.markets[order.market_index]
        (margin,) = await self.cache.margin_accounts([order.margin_account])
        if margin is None:
            raise LookupError(f"margin account {order.margin_account} not found")
        health = await self.cache.health_accounts_with_market(margin, order.market_index)
        return execute_scheduled_order(
            scheduled_order=address,
            margin_account=order.margin_account,
            market=order.market,
            market_accounts=(market.orderbook, market.event_queue, market.oracle),
            keeper=self.payer.pubkey(),
            health_accounts=health,
            run_index=order.next_run_index,
            program_id=self.config.program_id,
        )
