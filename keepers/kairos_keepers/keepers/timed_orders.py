"""The timed-order keeper: executes TWAP slices and scheduled runs at their due times.

One loop for every order kind the program executes on a clock (:class:`TimedOrderKind`):
TWAP orders (``execute_twap_slice`` at each slice's due time, the program's formula,
random offset included: :func:`kairos.scheduled_orders.twap_due_time`) and
scheduled orders (one-shot, interval, cron: ``execute_scheduled_order`` at the
``next_run_time`` the program computed; a run later than the order's skip window is
skipped by the program, the keeper is paid either way). It is registered twice, by
the kind it runs: ``twap`` (:class:`TwapKeeper`) and ``scheduler``
(:class:`SchedulerKeeper`), the names the CLI, the example configurations and the
metrics already use.

The keeper holds every order account of its kinds from one program subscription per
kind plus an initial ``getProgramAccounts`` (and a full reload every
``reload_seconds`` as the polling fallback). For each order it holds one APScheduler
``DateTrigger`` job at the order's due time, added, moved or removed as the account
changes. Paused or finished orders have no job.

Due times are chain (Clock sysvar) times. The keeper maps them to wall time with the
offset between the cluster's clock and its own, re-measured every tick; when the
chain clock jumps (a warp), every tick also runs the orders already due, so no job
waits for a wall time that no longer means anything.

Idempotence comes from the program: each execution names the slice or run it
expects, and a second execution of it fails with AlreadyExecuted (or OrderFinished,
or AccountNotInitialized once cancelled), which the sender classifies as
outcompeted. A restarted or duplicated keeper can only lose races, never execute
twice.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from kairos import errors
from kairos.accounts import KairosAccount, ScheduledOrder, TwapOrder
from kairos.clock import clock_unix_timestamp
from kairos.scheduled_orders import (
    execute_scheduled_order,
    execute_twap_slice,
    twap_next_due_time,
)
from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos_keepers.config import setting
from kairos_keepers.keepers.auction_support import ExchangeCache
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.registry import register
from kairos_keepers.rpc import account_filters
from kairos_keepers.sender import SendStatus
from kairos_keepers.subscriptions import AccountUpdate, Subscriptions

# Anchor's AccountNotInitialized: the order was cancelled (closed).
ACCOUNT_NOT_INITIALIZED = 3012
# A clock reading this far below the estimate means the clock was reset, not rounding.
CLOCK_JUMP_SECONDS = 1.5
# fire() guards each order itself (in_flight); let APScheduler start a new
# instance while an old one still awaits its confirmation.
JOB_MAX_INSTANCES = 4
# Program answers meaning "someone else already did it / nothing left to do".
OUTCOMPETED_CODES = frozenset(
    {errors.AlreadyExecuted.code, errors.OrderFinished.code, ACCOUNT_NOT_INITIALIZED}
)


@dataclasses.dataclass(frozen=True)
class Execution:
    """The accounts of one execution, named as the SDK builders' keywords (but the order's)."""

    margin_account: Pubkey
    market: Pubkey
    market_accounts: tuple[Pubkey, Pubkey, Pubkey]
    """Order book, event queue, oracle."""
    keeper: Pubkey
    health_accounts: Sequence[AccountMeta]
    program_id: Pubkey


@dataclasses.dataclass(frozen=True)
class TimedOrderKind:
    """One kind of order the program executes on a clock, and its SDK builder."""

    account_cls: type[KairosAccount]
    action: str
    """The instruction's name (the action's metrics and log label)."""
    due_time: Callable[[Pubkey, Any], int | None]
    """Chain time of the order's next execution, or None (paused, finished)."""
    builder: Callable[..., Instruction]
    """The SDK's pure builder of the execution instruction."""
    order_arg: str
    """The builder's keyword for the order account."""
    index_arg: str
    """The builder's keyword for the slice or run the execution names."""
    next_index: Callable[[Any], int]
    """The order's next slice or run."""

    def owns(self, data: bytes) -> bool:
        """True if ``data`` is an account of this kind."""
        cls = self.account_cls
        return len(data) == cls.size() and data[:8] == cls.discriminator()

    def instruction(self, address: Pubkey, order: Any, run: Execution) -> Instruction:
        """The execution instruction of order ``address``, naming its next slice or run."""
        arguments = {field.name: getattr(run, field.name) for field in dataclasses.fields(run)}
        arguments[self.order_arg] = address
        arguments[self.index_arg] = self.next_index(order)
        return self.builder(**arguments)


def _twap_due(address: Pubkey, order: TwapOrder) -> int | None:
    return None if order.paused else twap_next_due_time(address, order)


def _scheduled_due(address: Pubkey, order: ScheduledOrder) -> int | None:
    return None if order.finished else order.next_run_time


TWAP = TimedOrderKind(
    TwapOrder,
    "execute_twap_slice",
    _twap_due,
    execute_twap_slice,
    "twap_order",
    "slice_index",
    lambda order: order.next_slice,
)
"""TWAP orders: one slice at each due time."""
SCHEDULED = TimedOrderKind(
    ScheduledOrder,
    "execute_scheduled_order",
    _scheduled_due,
    execute_scheduled_order,
    "scheduled_order",
    "run_index",
    lambda order: order.next_run_index,
)
"""Scheduled orders (one-shot, interval, cron): one run at each next_run_time."""


@dataclasses.dataclass(frozen=True)
class TimedOrderSettings:
    """``[keepers.twap]`` and ``[keepers.scheduler]`` settings."""

    reload_seconds: float = setting(
        30.0, "Full getProgramAccounts reload (polling fallback), seconds.", gt=0
    )
    max_executions_per_tick: int = setting(32, "Run at most this many due orders per tick.", gt=0)
    min_keeper_reward_lamports: int = setting(
        0, "Ignore orders paying less than this per execution.", ge=0
    )
    retry_seconds: float = setting(0.5, "Retry delay after a failed attempt.", gt=0)
    not_due_retry_seconds: float = setting(
        0.1, "Retry delay when the cluster's clock had not reached the due time yet.", gt=0
    )


class TimedOrderKeeper(Keeper):
    """Executes the orders of ``kinds`` at their program-computed due times."""

    kinds: ClassVar[tuple[TimedOrderKind, ...]] = ()
    Settings = TimedOrderSettings
    outcompeted_codes = OUTCOMPETED_CODES

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        self.orders: dict[Pubkey, Any] = {}
        """Every tracked order account (of one of ``kinds``) by address."""
        self.cache = ExchangeCache(self.rpc, self.config.program_id)
        self.subs: Subscriptions | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self.chain_offset = 0.0
        """Chain unix time minus wall time, as last measured."""
        self.in_flight: set[Pubkey] = set()
        self.landed: list[tuple[Pubkey, int, float]] = []
        """(order, due time, chain time when the execution landed), for tests and figures."""
        self._last_reload = 0.0
        self._kind_of_type = {kind.account_cls: kind for kind in self.kinds}
        self.delay_seconds = self.metrics.histogram(
            f"{self.name}_delay_seconds",
            "Chain seconds between an execution's due time and the keeper's landed execution.",
            buckets=(0.5, 1, 2, 3, 5, 10, 30, 60),
        )
        self.jobs_changed = self.metrics.counter(
            f"{self.name}_job_changes",
            "APScheduler jobs added, moved or removed from account changes.",
            ("change",),
        )

    def kind(self, order: Any) -> TimedOrderKind:
        """The kind of a tracked order."""
        return self._kind_of_type[type(order)]

    def due_time(self, address: Pubkey, order: Any) -> int | None:
        """Chain time of the order's next execution, or None when nothing is left."""
        return self.kind(order).due_time(address, order)

    async def build(self, address: Pubkey, order: Any) -> Instruction:
        """The execution instruction of the order's next slice or run (the payer as keeper)."""
        market = self.cache.markets.get(order.market_index)
        if market is None:
            await self.cache.load()
            market = self.cache.markets[order.market_index]
        (margin,) = await self.cache.margin_accounts([order.margin_account])
        if margin is None:
            raise LookupError(f"margin account {order.margin_account} not found")
        health = await self.cache.health_accounts_with_market(margin, order.market_index)
        book = (market.orderbook, market.event_queue, market.oracle)
        run = Execution(
            order.margin_account,
            order.market,
            book,
            self.payer.pubkey(),
            health,
            self.config.program_id,
        )
        return self.kind(order).instruction(address, order, run)

    # --- lifecycle ---

    async def start(self) -> None:
        """Subscribe to the order accounts, load them, start APScheduler."""
        self.subs = self.subscriptions()
        for kind in self.kinds:
            self.subs.program(self.config.program_id, account_filters(kind.account_cls))
        await self.cache.load()
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self.scheduler.start()
        await self.measure_clock()
        await self.reload()

    async def stop(self) -> None:
        """Stop APScheduler (jobs not yet run are simply dropped)."""
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def tick(self) -> None:
        """Apply account updates, re-measure the clock, run what is due (polling fallback)."""
        if self.subs is not None:
            while (update := await self.subs.get(timeout=0)) is not None:
                if isinstance(update, AccountUpdate):
                    self.apply(update.pubkey, update.account)
        if time.monotonic() - self._last_reload >= self.settings.reload_seconds:
            await self.reload()
        previous = self.chain_offset
        chain_now = await self.measure_clock()
        if abs(self.chain_offset - previous) > 1.0:
            for address in list(self.orders):  # the chain clock jumped: move every job
                self.sync_job(address)
        due = [
            address
            for address, order in self.orders.items()
            if (when := self.due_time(address, order)) is not None and when <= chain_now
        ]
        for address in due[: self.settings.max_executions_per_tick]:
            if self.stopping:
                return
            await self.fire(address)

    # --- state ---

    async def measure_clock(self) -> float:
        """Read the Clock sysvar; update the chain-minus-wall offset; return chain now."""
        _, account = await self.rpc.get_account_info(CLOCK_SYSVAR)
        if account is None:
            return time.time() + self.chain_offset
        unix_timestamp = clock_unix_timestamp(bytes(account.data))
        wall = time.time()
        # The Clock holds whole seconds (floored), so one reading is up to a
        # second below the true offset: keep the largest reading, which
        # converges to it. A jump of more than a second is a warp: take it.
        measured = unix_timestamp - wall
        if measured > self.chain_offset or measured < self.chain_offset - CLOCK_JUMP_SECONDS:
            self.chain_offset = measured
        return float(unix_timestamp)

    async def reload(self) -> None:
        """Every order account (also the polling fallback for missed notifications)."""
        self._last_reload = time.monotonic()
        seen = set()
        for kind in self.kinds:
            _, pairs = await self.rpc.get_program_accounts(
                self.config.program_id, account_filters(kind.account_cls)
            )
            for address, account in pairs:
                if self.shard.owns(address):
                    seen.add(address)
                    self.apply(address, account)
        for address in set(self.orders) - seen:
            self.apply(address, None)

    def apply(self, address: Pubkey, account: Any) -> None:
        """Fold an account's new contents (None: closed) into the orders and jobs."""
        data = b"" if account is None or account.lamports == 0 else bytes(account.data)
        kind = next((kind for kind in self.kinds if kind.owns(data)), None)
        if kind is None:
            self.orders.pop(address, None)
        else:
            try:
                order: Any = kind.account_cls.decode(data)
            except ValueError:
                self.orders.pop(address, None)
            else:
                if order.keeper_reward_lamports >= self.settings.min_keeper_reward_lamports:
                    self.orders[address] = order
        self.sync_job(address)

    def sync_job(self, address: Pubkey) -> None:
        """Add, move or remove the APScheduler job of ``address``."""
        if self.scheduler is None:
            return
        job_id = str(address)
        order = self.orders.get(address)
        due = None if order is None else self.due_time(address, order)
        existing = self.scheduler.get_job(job_id)
        if due is None:
            if existing is not None:
                existing.remove()
                self.jobs_changed.labels(self.metrics.keeper, "removed").inc()
            return
        run_at = datetime.fromtimestamp(due - self.chain_offset, UTC)
        if existing is not None and existing.next_run_time == run_at:
            return
        self._schedule(address, run_at, coalesce=True)
        self.jobs_changed.labels(self.metrics.keeper, "moved" if existing else "added").inc()

    def _retry_later(self, address: Pubkey, delay: float) -> None:
        if self.scheduler is None or self.stopping:
            return
        self._schedule(address, datetime.now(UTC) + timedelta(seconds=delay))

    def _schedule(self, address: Pubkey, run_at: datetime, **options: Any) -> None:
        assert self.scheduler is not None
        self.scheduler.add_job(
            self.fire,
            trigger=DateTrigger(run_date=run_at),
            args=[address],
            id=str(address),
            replace_existing=True,
            misfire_grace_time=None,
            max_instances=JOB_MAX_INSTANCES,
            **options,
        )

    # --- execution ---

    async def fire(self, address: Pubkey) -> None:
        """Execute the order's due slice or run (once at a time per order)."""
        if address in self.in_flight or self.stopping:
            return
        order = self.orders.get(address)
        due = None if order is None else self.due_time(address, order)
        if order is None or due is None:
            return
        self.in_flight.add(address)
        try:
            # The cluster's Clock moves once per slot: until it reaches the due
            # time, re-check it shortly instead of spending a failed simulation.
            if await self.measure_clock() < due:
                self._retry_later(address, self.settings.not_due_retry_seconds)
                return
            action = self.kind(order).action
            outcome = await self.execute(action, [await self.build(address, order)])
            if outcome.status is SendStatus.LANDED:
                chain_now = time.time() + self.chain_offset
                self.landed.append((address, due, chain_now))
                self.delay_seconds.labels(self.metrics.keeper).observe(max(chain_now - due, 0.0))
            # Landed or not, read the account again: the program is the truth.
            _, account = await self.rpc.get_account_info(address)
            self.apply(address, account)
            if outcome.status is SendStatus.FAILED:
                # NotDue: the cluster's Clock (updated once per slot) lags the wall clock.
                early = outcome.error_code == errors.NotDue.code
                delay = (
                    self.settings.not_due_retry_seconds if early else self.settings.retry_seconds
                )
                self._retry_later(address, delay)
        except (LookupError, KeyError, ValueError) as exc:
            self.log.warning("build_failed", order=address, error=str(exc))
            self._retry_later(address, self.settings.retry_seconds)
        except asyncio.CancelledError:
            # Shutdown cancels jobs in flight; the program keeps the order intact.
            return
        finally:
            self.in_flight.discard(address)
            await asyncio.sleep(0)


@register
class TwapKeeper(TimedOrderKeeper):
    """The timed-order keeper for TWAP orders (collects the per-slice reward)."""

    name = "twap"
    description = "Executes TWAP order slices at their due times (reward: the order's escrow)."
    kinds = (TWAP,)


@register
class SchedulerKeeper(TimedOrderKeeper):
    """The timed-order keeper for scheduled orders (one-shot, interval, cron)."""

    name = "scheduler"
    description = "Runs scheduled (one-shot, interval, cron) orders when due (reward: escrow)."
    kinds = (SCHEDULED,)


__all__ = [
    "SCHEDULED",
    "TWAP",
    "Execution",
    "SchedulerKeeper",
    "TimedOrderKeeper",
    "TimedOrderKind",
    "TimedOrderSettings",
    "TwapKeeper",
]
