"""The ``trigger`` keeper: fires trigger orders and ratchets trailing stops.

State, loaded once with ``getProgramAccounts`` (discriminator + size filters) and
then kept current by subscriptions (the runtime polls while the websocket is down):

* this shard's TriggerOrder accounts (a program subscription: sharded by the
  trigger account's key, :mod:`kairos_keepers.sharding`);
* the Oracle of every market (account subscriptions: every shard needs them);
* the MarginAccount of every tracked trigger's owner (account subscriptions: the
  health accounts of ``trigger_order`` and the reduce-only check need it);
* the Exchange, PerpMarkets and CollateralAssets (their static fields only:
  reloaded when a trigger names a market the keeper does not know), and the slot.

A reactor task (started by the first tick) applies every update as it arrives
and at once evaluates every tracked trigger exactly as the program does
(:func:`evaluate`), so the reaction time does not depend on ``poll_interval``;
the tick itself (every ``poll_interval``) only does the housekeeping (resync,
new markets and margin accounts, the clock for expiries) and evaluates once more:

* expired (``expiry_timestamp`` reached on the chain clock): ``trigger_order``
  closes it and pays the keeper for the cleanup;
* the oracle price per lot (``perp_price_per_lot``, rounded down, after the
  ``oracle_read`` checks) meets the condition (at/above or at/below
  ``trigger_price``) and, for a reduce-only trigger, the owner has a position to
  reduce on that side: ``trigger_order``;
* else, for a trailing stop, the stop recomputed at the oracle price (ticks, or
  bps rounded away from the oracle) moves it towards the oracle:
  ``update_trailing_stop``. Only then: a stop the keeper already asked for is not
  asked for again (until a view of the order from a slot after that request
  landed shows the stop the program actually set). Two ratchets in one slot are
  the same instruction under the same blockhash: the runtime's sender makes the
  second a transaction of its own rather than a duplicate of the first.

Actions run concurrently (at most ``max_in_flight``), each simulated then sent with
a compute-unit limit from the simulation plus the margin and the priority fee
(the runtime's sender). The program's "not triggerable yet" (``TriggerNotReady``),
"already triggered or cancelled" (``TriggerOrderNotActive``) and "trailing stop
not improved" (``TrailingStopNotImproved``) answers mean another keeper won or the
price moved back: counted as outcompeted, never as failures. A trigger whose action
failed is backed off exponentially and its owner's margin account re-read.

Metrics (on top of the runtime's action and RPC counters): orders watched,
triggers attempted/landed/outcompeted/failed, trailing updates by outcome, trigger
latency in slots (from the slot of the oracle update that made the order eligible
to the slot the trigger landed) and RPC calls per triggered order.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import time
from typing import Any

from kairos import errors
from kairos import instructions as ix
from kairos.accounts import (
    CollateralAsset,
    Exchange,
    MarginAccount,
    Oracle,
    PerpMarket,
    TriggerOrder,
)
from kairos.clock import clock_unix_timestamp
from kairos.constants import Side, TrailingMode, TriggerCondition
from kairos.math.health import price_per_lot, read_oracle
from kairos.pda import exchange_address
from solders.instruction import Instruction
from solders.pubkey import Pubkey
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos_keepers.config import setting
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.registry import register
from kairos_keepers.retry import Backoffs
from kairos_keepers.rpc import account_filters
from kairos_keepers.sender import SendStatus
from kairos_keepers.subscriptions import AccountUpdate, SlotUpdate, Subscriptions

U64_MAX = 2**64 - 1
BPS_PER_UNIT = 10_000
"""Basis points in one (the program's BPS_PER_UNIT)."""
DRAIN_WAIT_SECONDS = 0.001
"""Not 0: asyncio.wait_for(queue.get(), 0) times out even with an item queued."""


def error_code(name: str) -> int:
    """A program error's code by its IDL name (kairos.errors registers every IDL error)."""
    for code, cls in errors.ERRORS_BY_CODE.items():
        if cls.__name__ == name and issubclass(cls, errors.KairosProgramError):
            return code
    raise LookupError(f"no program error named {name} in the IDL")


TRIGGER_NOT_READY = error_code("TriggerNotReady")
"""The condition does not hold at the program's oracle price (or nothing to reduce yet)."""
TRIGGER_ORDER_NOT_ACTIVE = error_code("TriggerOrderNotActive")
"""Already triggered or cancelled."""
TRAILING_STOP_NOT_IMPROVED = error_code("TrailingStopNotImproved")
"""update_trailing_stop's "the oracle does not move the stop"."""
TRIGGER_OUTCOMPETED = frozenset({TRIGGER_NOT_READY, TRIGGER_ORDER_NOT_ACTIVE})
TRAILING_OUTCOMPETED = frozenset({TRAILING_STOP_NOT_IMPROVED})
OUTCOMPETED = TRIGGER_OUTCOMPETED | TRAILING_OUTCOMPETED

RECENT_RECORDS = 1_000
"""Outcomes and failures kept for inspection (tests, operators)."""
MAX_LANDED_RECORDS = 100_000
"""Landed triggers / trailing updates kept (a daemon must not grow without bound)."""

ACTION_TRIGGER = "trigger_order"
ACTION_TRAILING = "update_trailing_stop"


# --- the program's checks, mirrored ------------------------------------------------------


def oracle_price_per_lot(
    oracle: Oracle, market: PerpMarket, *, quote_decimals: int, slot: int
) -> int | None:
    """The oracle price per lot ``trigger_order`` compares with, or None when it would fail.

    ``oracle_read`` (positive, fresh at ``slot``, confident enough) then
    ``perp_price_per_lot(..., round_up=false)``; None where the program answers an
    oracle error or MathOverflow (above u64).
    """
    try:
        checked = read_oracle(
            oracle,
            slot=slot,
            max_staleness_slots=market.max_staleness_slots,
            max_confidence_bps=market.max_confidence_bps,
        )
    except errors.KairosError:
        return None
    price = price_per_lot(
        checked.price,
        exponent=checked.exponent,
        base_lot_size=market.base_lot_size,
        quote_decimals=quote_decimals,
        base_decimals=market.base_decimals,
    )
    return price if 0 <= price <= U64_MAX else None


def condition_holds(trigger: TriggerOrder, price: int) -> bool:
    """``trigger_condition_holds``: at/above (ABOVE) or at/below (BELOW) the trigger price."""
    if trigger.condition == TriggerCondition.ABOVE:
        return price >= trigger.trigger_price
    return price <= trigger.trigger_price


def has_reducible_position(margin: MarginAccount, trigger: TriggerOrder) -> bool:
    """``has_reducible_position``: a long to sell (ask) or a short to buy back (bid)."""
    for position in margin.perp_positions:
        if position.is_active and position.market_index == trigger.market_index:
            return position.base_lots > 0 if trigger.side == Side.ASK else position.base_lots < 0
    return False


def trailing_stop_price(trigger: TriggerOrder, tick_size: int, reference: int) -> int | None:
    """``trailing_stop_price``: the stop at the order's offset from ``reference``.

    Below it for a sell stop (condition BELOW; a bps distance rounded up, the stop
    floored at 0), above it for a buy stop (bps rounded down). None on u64 overflow,
    where the program answers MathOverflow.
    """
    below = trigger.condition == TriggerCondition.BELOW
    if trigger.trailing_mode == TrailingMode.TICKS:
        distance = trigger.trailing_offset * tick_size
    else:
        product = reference * trigger.trailing_offset
        distance = -(-product // BPS_PER_UNIT) if below else product // BPS_PER_UNIT
    if distance > U64_MAX:
        return None
    if below:
        return reference - distance if reference > distance else 0
    stop = reference + distance
    return stop if stop <= U64_MAX else None


def improved_trailing_stop(trigger: TriggerOrder, tick_size: int, price: int) -> int | None:
    """The stop ``update_trailing_stop`` would set at ``price``, or None if it would refuse."""
    if trigger.trailing_mode == TrailingMode.NONE:
        return None
    stop = trailing_stop_price(trigger, tick_size, price)
    if stop is None:
        return None
    below = trigger.condition == TriggerCondition.BELOW
    improves = stop > trigger.trigger_price if below else stop < trigger.trigger_price
    return stop if improves else None


def is_expired(trigger: TriggerOrder, unix_timestamp: int | None) -> bool:
    """The program closes an expired trigger instead of placing it."""
    return (
        trigger.expiry_timestamp != 0
        and unix_timestamp is not None
        and unix_timestamp >= trigger.expiry_timestamp
    )


@dataclasses.dataclass(frozen=True)
class Decision:
    """What to do with one trigger now: ``action`` "trigger", "expire", "trail" or ""."""

    action: str
    price: int | None = None
    stop: int | None = None


def evaluate(
    trigger: TriggerOrder,
    *,
    price: int | None,
    tick_size: int,
    margin: MarginAccount | None,
    unix_timestamp: int | None,
) -> Decision:
    """The program's verdict on ``trigger`` at oracle price per lot ``price``.

    Order of the checks as in ``process_trigger_order``: expiry first (no oracle
    needed), then the oracle, the condition and the reduce-only position; a trailing
    stop that would not fire is ratcheted when the oracle moves it.
    """
    if is_expired(trigger, unix_timestamp):
        return Decision("expire")
    if price is None:
        return Decision("")
    if condition_holds(trigger, price) and (
        not trigger.reduce_only or (margin is not None and has_reducible_position(margin, trigger))
    ):
        return Decision("trigger", price)
    stop = improved_trailing_stop(trigger, tick_size, price)
    if stop is not None:
        return Decision("trail", price, stop)
    return Decision("", price)


# --- the keeper ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class TriggerSettings:
    """``[keepers.trigger]`` settings."""

    max_in_flight: int = setting(32, "Actions (transactions) in flight at most.", ge=1)
    idle_wait_seconds: float = setting(
        0.25, "A tick waits this long for the first update when there is none.", ge=0
    )
    resync_seconds: float = setting(
        30.0, "Re-list every trigger order with getProgramAccounts this often.", gt=0
    )
    clock_refresh_seconds: float = setting(
        1.0, "Re-read the chain clock this often while some trigger has an expiry.", gt=0
    )
    backoff_seconds: float = setting(0.2, "First backoff after a failed action.", gt=0)
    max_backoff_seconds: float = setting(10.0, "Longest backoff.", gt=0)


@dataclasses.dataclass(frozen=True)
class TriggerRecord:
    """One trigger this keeper landed."""

    trigger_order: Pubkey
    eligible_slot: int
    landed_slot: int
    expired: bool

    @property
    def latency_slots(self) -> int:
        """Slots from eligibility to the landed trigger."""
        return max(self.landed_slot - self.eligible_slot, 0)


@register
class TriggerKeeper(Keeper):
    """Fires eligible trigger orders and ratchets trailing stops."""

    name = "trigger"
    description = (
        "Fires trigger orders (stop / take-profit / trailing) and ratchets trailing stops."
    )
    Settings = TriggerSettings
    outcompeted_codes = OUTCOMPETED

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        self.program_id = self.config.program_id
        self.exchange: Exchange | None = None
        self.markets: dict[int, PerpMarket] = {}
        self.assets: dict[int, CollateralAsset] = {}
        self.oracles: dict[Pubkey, Oracle] = {}
        self.oracle_slots: dict[Pubkey, int] = {}
        """The slot of the update that delivered each oracle's current value."""
        self.triggers: dict[Pubkey, TriggerOrder] = {}
        self.margins: dict[Pubkey, MarginAccount] = {}
        self.closed: dict[Pubkey, int] = {}
        """Triggers known closed, and the slot they closed at (older updates ignored)."""
        self.slot = 0
        self.unix_timestamp: int | None = None
        self.subs: Subscriptions | None = None
        self.reactor: asyncio.Task[None] | None = None
        self.static_lock = asyncio.Lock()
        self.in_flight: dict[Pubkey, asyncio.Task[None]] = {}
        self.in_flight_actions: dict[Pubkey, str] = {}
        """The action ("trigger", "expire", "trail") of each in-flight task."""
        self.requested_stops: dict[Pubkey, int] = {}
        """The stop last asked of update_trailing_stop per trigger (no repeats)."""
        self.requested_landed: dict[Pubkey, int] = {}
        """The slot each requested stop landed in: a later view of the trigger supersedes it."""
        self.trigger_slots: dict[Pubkey, int] = {}
        """The slot of the view each trigger's current value came from."""
        self.not_ready: dict[Pubkey, tuple[int, int]] = {}
        """Triggers the program called not ready: (oracle slot, margin slot) then."""
        self.margin_slots: dict[Pubkey, int] = {}
        self.margins_loading: set[Pubkey] = set()
        """Margin accounts being fetched right now (not fetched twice)."""
        self.margins_subscribed: set[Pubkey] = set()
        self.backoffs: Backoffs[Pubkey] = Backoffs(
            self.settings.backoff_seconds, self.settings.max_backoff_seconds
        )
        self.eligible_since: dict[Pubkey, int] = {}
        self.landed: list[TriggerRecord] = []
        """Every trigger this keeper landed (the latest MAX_LANDED_RECORDS)."""
        self.trailing_landed: list[tuple[Pubkey, int, int]] = []
        """(trigger, new stop, landed slot) of every trailing update this keeper landed."""
        self.outcomes: collections.deque[tuple[str, Pubkey, SendStatus]] = collections.deque(
            maxlen=RECENT_RECORDS
        )
        """(action, trigger, status) of the latest actions."""
        self.failures: collections.deque[tuple[str, Pubkey, str, str]] = collections.deque(
            maxlen=RECENT_RECORDS
        )
        """(action, trigger, reason, detail) of every failed action (the latest 1,000)."""
        self.watched_oracles: set[Pubkey] = set()
        self.last_resync = 0.0
        self.last_clock = 0.0
        self.watched_gauge = self.metrics.gauge(
            "trigger_orders_watched", "Live trigger orders this shard watches."
        )
        self.triggers_counter = self.metrics.counter(
            "trigger_triggers",
            "trigger_order actions by outcome (attempted, landed, outcompeted, failed).",
            ("outcome",),
        )
        self.trailing_counter = self.metrics.counter(
            "trigger_trailing_updates",
            "update_trailing_stop actions by outcome (attempted, landed, outcompeted, failed).",
            ("outcome",),
        )
        self.latency_slots = self.metrics.histogram(
            "trigger_latency_slots",
            "Slots from the oracle update that made an order eligible to its trigger landing.",
            buckets=(0, 1, 2, 3, 4, 6, 8, 16, 32, 64),
        )
        self.rpc_per_trigger = self.metrics.gauge(
            "trigger_rpc_calls_per_trigger",
            "RPC calls (every method, retries included) per trigger landed.",
        )

    # --- lifecycle ---------------------------------------------------------------------

    async def start(self) -> None:
        """Load the static accounts and this shard's triggers, then subscribe."""
        self.subs = self.subscriptions()
        self.subs.program(self.program_id, account_filters(TriggerOrder))
        self.subs.slots()
        await self.load_static()
        await self.resync()

    async def stop(self) -> None:
        """Stop reacting; let in-flight actions finish (the runtime bounds this by the grace)."""
        if self.reactor is not None:
            self.reactor.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.reactor
        tasks = list(self.in_flight.values())
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def load_static(self) -> None:
        """The Exchange, every PerpMarket and CollateralAsset; subscribe to new oracles."""
        _, account = await self.rpc.get_account_info(exchange_address(self.program_id))
        if account is None:
            raise LookupError("no Kairos exchange on this cluster")
        self.exchange = Exchange.decode(bytes(account.data))
        for cls in (PerpMarket, CollateralAsset):
            slot, pairs = await self.rpc.get_program_accounts(self.program_id, account_filters(cls))
            self.slot = max(self.slot, slot)
            for _, found in pairs:
                decoded = cls.decode(bytes(found.data))
                if isinstance(decoded, PerpMarket):
                    self.markets[decoded.index] = decoded
                elif isinstance(decoded, CollateralAsset):
                    self.assets[decoded.index] = decoded
        new_oracles = [
            m.oracle for m in self.markets.values() if m.oracle not in self.watched_oracles
        ]
        if new_oracles:
            slot, found_oracles = await self.rpc.get_multiple_accounts_and_slot(new_oracles)
            for key, oracle_account in zip(new_oracles, found_oracles, strict=True):
                self.watched_oracles.add(key)
                if oracle_account is not None:
                    self._store_oracle(key, bytes(oracle_account.data), slot)
            assert self.subs is not None
            self.subs.accounts(new_oracles)

    async def resync(self) -> None:
        """Re-list this shard's trigger orders (catches closures a subscription missed)."""
        slot, pairs = await self.rpc.get_program_accounts(
            self.program_id, account_filters(TriggerOrder)
        )
        self.slot = max(self.slot, slot)
        present = set()
        for key, account in pairs:
            if self.shard.owns(key):
                present.add(key)
                self._store_trigger(key, bytes(account.data), slot)
        for gone in set(self.triggers) - present:
            if gone not in self.in_flight:
                self._forget(gone, slot)
        await self._reload_margins()
        await self._load_missing_margins()
        self.last_resync = time.monotonic()

    async def _reload_margins(self) -> None:
        """Re-read every known margin account of a tracked trigger's owner.

        So a missed notification costs at most ``resync_seconds`` (a reduce-only
        trigger waits on its owner's position).
        """
        keys = list(dict.fromkeys(t.margin_account for t in self.triggers.values()))
        keys = [key for key in keys if key in self.margins]
        if not keys:
            return
        slot, found = await self.rpc.get_multiple_accounts_and_slot(keys)
        for key, account in zip(keys, found, strict=True):
            if account is not None:
                self._store_margin(key, bytes(account.data), slot)

    async def _load_missing_margins(self) -> None:
        missing = list(
            dict.fromkeys(
                t.margin_account
                for t in self.triggers.values()
                if t.margin_account not in self.margins
                and t.margin_account not in self.margins_loading
            )
        )
        if not missing:
            return
        # The reactor and the tick both get here: one load and one subscription each.
        self.margins_loading.update(missing)
        try:
            slot, found = await self.rpc.get_multiple_accounts_and_slot(missing)
            for key, account in zip(missing, found, strict=True):
                if account is not None:
                    self._store_margin(key, bytes(account.data), slot)
        finally:
            self.margins_loading.difference_update(missing)
        assert self.subs is not None
        new_keys = [key for key in missing if key not in self.margins_subscribed]
        self.margins_subscribed.update(new_keys)
        self.subs.accounts(new_keys)

    # --- state ---------------------------------------------------------------------

    def _store_oracle(self, key: Pubkey, data: bytes, slot: int) -> None:
        if len(data) != Oracle.size() or data[:8] != Oracle.discriminator():
            return
        oracle = Oracle.decode(data)
        known = self.oracles.get(key)
        # An oracle is versioned by its publish slot: never go back to an older
        # price. (A read and a notification can carry the same context slot on a
        # cluster that executes transactions inside the current slot, so the
        # context slot alone cannot order them.) Several updates in one slot share
        # both: the later arrival wins, which is the newer one because notifications
        # come in order and Subscriptions never lets a poll of a notified slot
        # replace the notification's value.
        if known is not None and (oracle.publish_slot, slot) < (
            known.publish_slot,
            self.oracle_slots.get(key, -1),
        ):
            return
        if known is not None and oracle == known:
            return  # the same value again (a poll): keep the slot it first arrived at
        self.oracles[key] = oracle
        self.oracle_slots[key] = slot

    def _store_margin(self, key: Pubkey, data: bytes, slot: int) -> None:
        if len(data) == MarginAccount.size() and data[:8] == MarginAccount.discriminator():
            if slot >= self.margin_slots.get(key, -1):
                self.margins[key] = MarginAccount.decode(data)
                self.margin_slots[key] = slot

    def _store_trigger(self, key: Pubkey, data: bytes, slot: int) -> None:
        if len(data) != TriggerOrder.size() or data[:8] != TriggerOrder.discriminator():
            return
        closed_at = self.closed.get(key)
        if closed_at is not None:
            if slot <= closed_at:
                return  # a view from before we saw it close
            del self.closed[key]  # the PDA was reused by a new order
        if key in self.triggers and slot < self.trigger_slots.get(key, -1):
            return  # older than the view we hold (a resync racing a notification)
        self.triggers[key] = TriggerOrder.decode(data)
        self.trigger_slots[key] = slot
        landed = self.requested_landed.get(key)
        if landed is not None and slot > landed:
            # This view is from after the requested stop landed: it shows the stop the
            # program set, so the keeper's own memory of the request is no longer needed
            # (and must not hold back a ratchet the chain does not have).
            del self.requested_landed[key]
            self.requested_stops.pop(key, None)

    def _forget(self, key: Pubkey, slot: int) -> None:
        self.triggers.pop(key, None)
        self.trigger_slots.pop(key, None)
        self.closed[key] = max(slot, self.closed.get(key, 0))
        self.requested_stops.pop(key, None)
        self.requested_landed.pop(key, None)
        self.not_ready.pop(key, None)
        self.backoffs.clear(key)
        self.eligible_since.pop(key, None)

    def apply(self, update: Any) -> None:
        """Fold one subscription update in."""
        if isinstance(update, SlotUpdate):
            self.slot = max(self.slot, update.slot)
            return
        if not isinstance(update, AccountUpdate):
            return
        self.slot = max(self.slot, update.slot)
        key = update.pubkey
        data = None if update.account is None else bytes(update.account.data)
        if key in self.watched_oracles:
            if data is not None:
                self._store_oracle(key, data, update.slot)
        elif key in self.margins_subscribed or key in self.margins:
            if data is not None:
                self._store_margin(key, data, update.slot)
        elif data is None or len(data) == 0 or data[:8] != TriggerOrder.discriminator():
            if key in self.triggers and key not in self.in_flight:
                self._forget(key, update.slot)
        else:
            self._store_trigger(key, data, update.slot)

    async def drain(self, wait: float) -> None:
        """Apply every queued update, waiting up to ``wait`` seconds for the first."""
        if self.subs is None:
            return
        first = await self.subs.get(timeout=wait) if wait > 0 else None
        if first is not None:
            self.apply(first)
        while (update := await self.subs.get(timeout=DRAIN_WAIT_SECONDS)) is not None:
            self.apply(update)

    async def refresh_clock(self) -> None:
        """Read the chain clock when some trigger has an expiry (and not too often)."""
        settings: TriggerSettings = self.settings
        if not any(t.expiry_timestamp for t in self.triggers.values()):
            return
        if time.monotonic() - self.last_clock < settings.clock_refresh_seconds:
            return
        _, clock = await self.rpc.get_account_info(CLOCK_SYSVAR)
        if clock is not None:
            self.unix_timestamp = clock_unix_timestamp(bytes(clock.data))
        self.last_clock = time.monotonic()

    # --- the loop --------------------------------------------------------------------

    async def tick(self) -> None:
        """Housekeeping every ``poll_interval``; the reactor task does the reacting.

        Re-lists triggers every ``resync_seconds``, loads unknown markets and new
        owners' margin accounts, reads the clock for expiries, evaluates every
        trigger once (expiry is clock-driven, not update-driven) and keeps the
        reactor running (restarted, and the error logged, if it died).
        """
        settings: TriggerSettings = self.settings
        if self.reactor is None or self.reactor.done():
            if self.reactor is not None and not self.reactor.cancelled():
                exc = self.reactor.exception()
                if exc is not None:
                    self.log.error("reactor_failed", error=f"{type(exc).__name__}: {exc}")
            self.reactor = asyncio.create_task(self._react())
        if time.monotonic() - self.last_resync > settings.resync_seconds:
            await self.resync()
        await self._refresh_state()
        await self.refresh_clock()
        self.watched_gauge.labels(self.name).set(len(self.triggers))
        self.launch()

    async def _refresh_state(self) -> None:
        if any(t.market_index not in self.markets for t in self.triggers.values()):
            async with self.static_lock:  # one reload at a time (reactor and tick)
                if any(t.market_index not in self.markets for t in self.triggers.values()):
                    await self.load_static()
        await self._load_missing_margins()

    async def _react(self) -> None:
        """Apply subscription updates as they arrive and act on them at once.

        Independent of ``poll_interval``: an oracle notification is evaluated and
        the due triggers sent within milliseconds (the one-slot target).
        """
        settings: TriggerSettings = self.settings
        while not self.stopping:
            await self.drain(settings.idle_wait_seconds)
            await self._refresh_state()
            self.launch()

    def launch(self) -> None:
        """Start one task per due action (at most ``max_in_flight`` in flight)."""
        if self.stopping or self.exchange is None:
            return
        settings: TriggerSettings = self.settings
        # Synchronous from here: the reactor and the tick cannot interleave, so an
        # order is never launched twice.
        for key, decision in self.decide():
            if key in self.in_flight:
                continue
            if len(self.in_flight) >= settings.max_in_flight:
                return  # the rest waits for a free slot (the next update or tick)
            task = asyncio.create_task(self._act(key, decision))
            self.in_flight[key] = task
            self.in_flight_actions[key] = decision.action

    def decide(self) -> list[tuple[Pubkey, Decision]]:
        """Every tracked trigger with something to do now, triggers before trailing updates."""
        assert self.exchange is not None
        now = time.monotonic()
        due: list[tuple[Pubkey, Decision]] = []
        for key, trigger in self.triggers.items():
            market = self.markets.get(trigger.market_index)
            if market is None:
                continue
            oracle = self.oracles.get(market.oracle)
            price = (
                None
                if oracle is None
                else oracle_price_per_lot(
                    oracle, market, quote_decimals=self.exchange.quote_decimals, slot=self.slot
                )
            )
            decision = evaluate(
                trigger,
                price=price,
                tick_size=market.tick_size,
                margin=self.margins.get(trigger.margin_account),
                unix_timestamp=self.unix_timestamp,
            )
            if decision.action in ("trigger", "expire"):
                # Eligible since the oracle update that made it so, or since its
                # creation when it was created already eligible.
                became = max(self.oracle_slots.get(market.oracle, self.slot), trigger.created_slot)
                self.eligible_since.setdefault(key, became)
            else:
                self.eligible_since.pop(key, None)
            if not decision.action:
                continue
            if decision.action == "trail":
                requested = self.requested_stops.get(key)
                below = trigger.condition == TriggerCondition.BELOW
                assert decision.stop is not None
                if requested is not None and (
                    decision.stop <= requested if below else decision.stop >= requested
                ):
                    continue  # already asked for this stop or a better one
            seen = (
                self.oracle_slots.get(market.oracle, 0),
                self.margin_slots.get(trigger.margin_account, 0),
            )
            if self.not_ready.get(key) == seen:
                continue  # the program said no at this very oracle and margin
            if self.backoffs.waiting(key, now):
                continue
            due.append((key, decision))
        due.sort(key=lambda item: item[1].action == "trail")
        return self._one_per_oco_pair(due)

    def _one_per_oco_pair(
        self, due: list[tuple[Pubkey, Decision]]
    ) -> list[tuple[Pubkey, Decision]]:
        """At most one action per OCO pair at a time.

        Firing one leg closes the other in the same instruction, so sending both
        would only buy a TriggerOrderNotActive (a fee if both passed simulation).
        """
        kept: list[tuple[Pubkey, Decision]] = []
        firing = {key for key, action in self.in_flight_actions.items() if action != "trail"}
        for key, decision in due:
            trigger = self.triggers[key]
            if trigger.is_linked and trigger.linked_trigger in firing:
                continue
            if decision.action != "trail":
                firing.add(key)
            kept.append((key, decision))
        return kept

    # --- actions -----------------------------------------------------------------------

    def trigger_instruction(self, key: Pubkey, trigger: TriggerOrder) -> Instruction:
        """``trigger_order`` for one trigger, the keeper as reward receiver."""
        market = self.markets[trigger.market_index]
        margin = self.margins.get(trigger.margin_account)
        new_market = (
            trigger.market_index
            if margin is None or margin.perp_position(trigger.market_index) is None
            else None
        )
        return ix.trigger_order(
            trigger_order=key,
            margin_account=trigger.margin_account,
            owner=trigger.owner,
            market_index=trigger.market_index,
            orderbook=market.orderbook,
            event_queue=market.event_queue,
            oracle=market.oracle,
            keeper=self.payer.pubkey(),
            health_accounts=[
                *ix.health_accounts(
                    margin,
                    assets=self.assets,
                    markets=self.markets,
                    new_market_index=new_market,
                    program_id=self.program_id,
                ),
                # An account with risk limits: its RiskLimits and the RiskParameters.
                *ix.risk_tail_if_limited(margin, trigger.margin_account, self.program_id),
            ],
            linked_trigger=trigger.linked_trigger if trigger.is_linked else None,
            program_id=self.program_id,
        )

    def trailing_instruction(self, key: Pubkey, trigger: TriggerOrder) -> Instruction:
        """``update_trailing_stop`` for one trailing stop."""
        market = self.markets[trigger.market_index]
        return ix.update_trailing_stop(
            trigger_order=key,
            market_index=trigger.market_index,
            oracle=market.oracle,
            program_id=self.program_id,
        )

    async def _act(self, key: Pubkey, decision: Decision) -> None:
        try:
            trigger = self.triggers.get(key)
            if trigger is None:
                return
            if decision.action == "trail":
                await self._trail(key, trigger, decision)
            else:
                await self._trigger(key, trigger, decision)
        except Exception as exc:  # a bug or an unexpected RPC shape: log, back off, go on
            self.log.error(
                "trigger_action_crashed", trigger=key, error=f"{type(exc).__name__}: {exc}"
            )
            self._back_off(key)
        finally:
            self.in_flight.pop(key, None)
            self.in_flight_actions.pop(key, None)

    async def _trigger(self, key: Pubkey, trigger: TriggerOrder, decision: Decision) -> None:
        expired = decision.action == "expire"
        eligible_slot = self.eligible_since.get(key, self.slot)
        market = self.markets[trigger.market_index]
        oracle_slot = self.oracle_slots.get(market.oracle, 0)
        margin_slot = self.margin_slots.get(trigger.margin_account, 0)
        self.triggers_counter.labels(self.name, "attempted").inc()
        outcome = await self.execute(ACTION_TRIGGER, [self.trigger_instruction(key, trigger)])
        self.outcomes.append((ACTION_TRIGGER, key, outcome.status))
        if outcome.status is SendStatus.LANDED:
            self.triggers_counter.labels(self.name, "landed").inc()
            landed_slot = outcome.slot if outcome.slot is not None else self.slot
            record = TriggerRecord(key, eligible_slot, landed_slot, expired)
            self.landed.append(record)
            if len(self.landed) > MAX_LANDED_RECORDS:
                del self.landed[: len(self.landed) - MAX_LANDED_RECORDS]
            if not expired:
                self.latency_slots.labels(self.name).observe(record.latency_slots)
            self._closed_with_partner(key, trigger, landed_slot)
            self._update_rpc_ratio()
        elif outcome.status is SendStatus.OUTCOMPETED:
            self.triggers_counter.labels(self.name, "outcompeted").inc()
            if outcome.error_code == TRIGGER_ORDER_NOT_ACTIVE:
                self._closed_with_partner(key, trigger, self.slot)
            else:  # not ready at the program's view: wait for the oracle or margin to move
                self.not_ready[key] = (oracle_slot, margin_slot)
        else:
            self.triggers_counter.labels(self.name, "failed").inc()
            self.failures.append((ACTION_TRIGGER, key, outcome.reason, outcome.detail))
            self._back_off(key)
            await self._refresh_margin(trigger.margin_account)

    async def _trail(self, key: Pubkey, trigger: TriggerOrder, decision: Decision) -> None:
        assert decision.stop is not None
        self.trailing_counter.labels(self.name, "attempted").inc()
        self.requested_stops[key] = decision.stop
        self.requested_landed.pop(key, None)  # this request supersedes an earlier one
        outcome = await self.execute(ACTION_TRAILING, [self.trailing_instruction(key, trigger)])
        self.outcomes.append((ACTION_TRAILING, key, outcome.status))
        if outcome.status is SendStatus.LANDED:
            self.trailing_counter.labels(self.name, "landed").inc()
            landed_slot = outcome.slot or self.slot
            self.trailing_landed.append((key, decision.stop, landed_slot))
            if key in self.triggers:
                self.requested_landed[key] = landed_slot
            if len(self.trailing_landed) > MAX_LANDED_RECORDS:
                del self.trailing_landed[: len(self.trailing_landed) - MAX_LANDED_RECORDS]
        elif outcome.status is SendStatus.OUTCOMPETED:
            self.trailing_counter.labels(self.name, "outcompeted").inc()
            if outcome.error_code == TRIGGER_ORDER_NOT_ACTIVE:
                self._closed_with_partner(key, trigger, self.slot)
        else:
            self.trailing_counter.labels(self.name, "failed").inc()
            self.failures.append((ACTION_TRAILING, key, outcome.reason, outcome.detail))
            self.requested_stops.pop(key, None)
            self._back_off(key)

    def _closed_with_partner(self, key: Pubkey, trigger: TriggerOrder, slot: int) -> None:
        self._forget(key, slot)
        if trigger.is_linked:
            self._forget(trigger.linked_trigger, slot)

    def _back_off(self, key: Pubkey) -> None:
        self.backoffs.fail(key)

    async def _refresh_margin(self, key: Pubkey) -> None:
        with contextlib.suppress(Exception):
            slot, found = await self.rpc.get_multiple_accounts_and_slot([key])
            if found[0] is not None:
                self._store_margin(key, bytes(found[0].data), slot)

    def _update_rpc_ratio(self) -> None:
        fired = sum(1 for record in self.landed if not record.expired)
        if fired:
            self.rpc_per_trigger.labels(self.name).set(sum(self.rpc.calls.values()) / fired)

    # --- reporting -------------------------------------------------------------------

    def rpc_calls_per_trigger(self) -> float | None:
        """RPC calls so far (the RateLimitedRpc's per-method counters) per landed trigger."""
        fired = len(self.landed)
        return sum(self.rpc.calls.values()) / fired if fired else None


__all__ = [
    "Decision",
    "TriggerKeeper",
    "TriggerRecord",
    "TriggerSettings",
    "condition_holds",
    "evaluate",
    "has_reducible_position",
    "improved_trailing_stop",
    "oracle_price_per_lot",
    "trailing_stop_price",
]
