"""What the ``twap`` and ``scheduler`` keepers share: an APScheduler job per order.

:class:`TimedOrderKeeper` keeps every order account of one type (TwapOrder or
ScheduledOrder) from a program subscription plus an initial
``getProgramAccounts`` (and a full reload every ``reload_seconds`` as the
polling fallback). For each order it holds one APScheduler ``DateTrigger`` job
at the order's due time, added, moved or removed as the account changes.

Due times are chain (Clock sysvar) times. The keeper maps them to wall time
with the offset between the cluster's clock and its own, re-measured every
tick; when the chain clock jumps (a warp), every tick also runs the orders
already due, so no job waits for a wall time that no longer means anything.

Idempotence comes from the program: each execution names the slice or run
it expects, and a second execution of it fails with AlreadyExecuted (or
OrderFinished, or AccountNotInitialized once cancelled), which the sender
classifies as outcompeted. A restarted or duplicated keeper can only lose
races, never execute twice.
"""

from __future__ import annotations

import abc
import asyncio
import dataclasses
import time
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, Generic, TypeVar

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from based58 import b58encode
from kairos import errors
from kairos.accounts import KairosAccount
from kairos.clock import clock_unix_timestamp
from prometheus_client import Counter, Histogram
from solders.instruction import Instruction
from solders.pubkey import Pubkey
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos_keepers.config import setting
from kairos_keepers.keepers.auction_support import ExchangeCache
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.sender import SendStatus
from kairos_keepers.subscriptions import AccountUpdate, Subscriptions

OrderT = TypeVar("OrderT", bound=KairosAccount)

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


def account_filters(cls: type[KairosAccount]) -> list[dict[str, Any]]:
    """Filters (getProgramAccounts, programSubscribe) matching accounts of ``cls``."""
    discriminator = b58encode(cls.discriminator()).decode("ascii")
    return [{"dataSize": cls.size()}, {"memcmp": {"offset": 0, "bytes": discriminator}}]


@dataclasses.dataclass(frozen=True)
class TimedOrderSettings:
    """Settings shared by the ``twap`` and ``scheduler`` keepers."""

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


class TimedOrderKeeper(Keeper, Generic[OrderT]):
    """Base of the keepers that execute orders at program-computed due times."""

    account_cls: ClassVar[type[KairosAccount]]
    action: ClassVar[str] = ""
    outcompeted_codes = OUTCOMPETED_CODES

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        self.orders: dict[Pubkey, OrderT] = {}
        self.cache = ExchangeCache(self.rpc, self.config.program_id)
        self.subs: Subscriptions | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self.chain_offset = 0.0
        """Chain unix time minus wall time, as last measured."""
        self.in_flight: set[Pubkey] = set()
        self.landed: list[tuple[Pubkey, int, float]] = []
        """(order, due time, chain time when the execution landed), for tests and figures."""
        self._last_reload = 0.0
        labels = ("keeper",)
        self.delay_seconds = Histogram(
            f"kairos_keeper_{self.name}_delay_seconds",
            "Chain seconds between an execution's due time and the keeper's landed execution.",
            labels,
            buckets=(0.5, 1, 2, 3, 5, 10, 30, 60),
            registry=self.metrics.registry,
        )
        self.jobs_changed = Counter(
            f"kairos_keeper_{self.name}_job_changes",
            "APScheduler jobs added, moved or removed from account changes.",
            (*labels, "change"),
            registry=self.metrics.registry,
        )

    # --- what the concrete keepers define ---

    @abc.abstractmethod
    def due_time(self, address: Pubkey, order: OrderT) -> int | None:
        """Chain time of the order's next execution, or None when nothing is left."""

    @abc.abstractmethod
    async def build(self, address: Pubkey, order: OrderT) -> Instruction:
        """The execution instruction (the payer as keeper)."""

    @abc.abstractmethod
    def reward(self, order: OrderT) -> int:
        """Lamports the order pays per execution."""

    # --- lifecycle ---

    async def start(self) -> None:
        """Subscribe to the order accounts, load them, start APScheduler."""
        self.subs = self.subscriptions()
        self.subs.program(self.config.program_id, account_filters(self.account_cls))
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
        _, pairs = await self.rpc.get_program_accounts(
            self.config.program_id, account_filters(self.account_cls)
        )
        seen = set()
        for address, account in pairs:
            if self.shard.owns(address):
                seen.add(address)
                self.apply(address, account)
        for address in set(self.orders) - seen:
            self.apply(address, None)

    def apply(self, address: Pubkey, account: Any) -> None:
        """Fold an account's new contents (None: closed) into the orders and jobs."""
        if account is None or account.lamports == 0 or len(account.data) != self.account_cls.size():
            self.orders.pop(address, None)
        else:
            try:
                order: Any = self.account_cls.decode(bytes(account.data))
            except ValueError:
                self.orders.pop(address, None)
            else:
                if self.reward(order) >= self.settings.min_keeper_reward_lamports:
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
        self.scheduler.add_job(
            self.fire,
            trigger=DateTrigger(run_date=run_at),
            args=[address],
            id=job_id,
            replace_existing=True,
            misfire_grace_time=None,
            max_instances=JOB_MAX_INSTANCES,
            coalesce=True,
        )
        self.jobs_changed.labels(self.metrics.keeper, "moved" if existing else "added").inc()

    def _retry_later(self, address: Pubkey, delay: float) -> None:
        if self.scheduler is None or self.stopping:
            return
        run_at = datetime.now(UTC) + timedelta(seconds=delay)
        self.scheduler.add_job(
            self.fire,
            trigger=DateTrigger(run_date=run_at),
            args=[address],
            id=str(address),
            replace_existing=True,
            misfire_grace_time=None,
            max_instances=JOB_MAX_INSTANCES,
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
            outcome = await self.execute(self.action, [await self.build(address, order)])
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
