"""The ``liquidator`` keeper: takes every liquidatable account to its target, at once.

State: every MarginAccount, Oracle, PerpMarket, CollateralAsset and Auction of the program,
loaded once with ``getProgramAccounts`` and then kept current by program
subscriptions (the runtime falls back to polling when the websocket drops), plus
the Exchange, the slot and the cluster clock. Oracle updates reach the keeper by
the websocket, so it plans with the latest prices.

Each tick (every ``poll_interval``) it computes every account's health in Python
exactly as the program does (:mod:`kairos.math.health`) and, for **every** account that
needs an action and has none in flight, starts one (pipelined: the sends run
concurrently, up to ``max_in_flight``), largest value at risk first
(:func:`kairos.liquidation_plan.value_at_risk`):

* a liquidatable account gets **one transaction** that takes it to its target
  (:func:`kairos.liquidation_plan.plan_liquidation`): its ``force_cancel_orders``,
  ``expire_auction`` for each auction it opened as a taker (their reservations
  would otherwise refuse the liquidation until their deadline; the keeper collects
  their rewards), then the perp and collateral steps the program sizes, through the keeper's
  address lookup table so that it fits; the keeper's ``health_guard`` is appended
  when ``min_own_init_health`` is above 0 (each step already requires the
  liquidator's initial health ≥ 0);
* an account with nothing left but a debt gets ``settle_pnl`` then
  ``resolve_bankruptcy``; a flagged account back above its target gets its flag
  cleared. These pay no reward and are never ranked by reward: nothing starves them.

Several keepers share the work by rendezvous hashing (``peers``: the other keepers'
public keys): for each account the keeper with the highest
``sha256(keeper ‖ account)`` acts at once; the others act only once the account has
stayed liquidatable ``takeover_slots`` slots without changing (its owner is slow
or gone). Before
sending, a keeper re-reads its view: an account another keeper already moved is
re-planned (or dropped when no longer liquidatable) instead of sent. A lost race
that still happens is counted as outcompeted (the program's "already done" errors,
or a stale-view error when the account changed since the plan).

Metrics: the runtime's ``kairos_keeper_actions_{attempted,succeeded,outcompeted,
failed}`` (label ``action``: ``liquidate_account``, ``settle_pnl``,
``resolve_bankruptcy``, ``clear_liquidation_flag``) are the only action counters;
on top, ``kairos_keeper_liquidation_transactions_sent`` (by result: landed, failed
on chain, unconfirmed — what the chain shows, unlike attempts a simulation stopped)
and ``kairos_keeper_liquidation_{candidates,in_flight,reward_quote,
first_action_slots,latency_slots,latency_seconds,scan_seconds}``.
"""

from __future__ import annotations

import asyncio
import contextvars
import dataclasses
import hashlib
import time
from typing import Any

from kairos import errors
from kairos import instructions as ix
from kairos import liquidation_plan as plans
from kairos.accounts import (
    Auction,
    CollateralAsset,
    Exchange,
    KairosAccount,
    MarginAccount,
    Oracle,
    PerpMarket,
)
from kairos.clock import clock_unix_timestamp
from kairos.liquidation_plan import AccountLiquidation, ChainView
from kairos.math import liquidation as liq
from kairos.math.health import HealthBreakdown, health_breakdown
from kairos.pda import exchange_address, margin_account_address
from solders.address_lookup_table_account import (
    AddressLookupTable,
    AddressLookupTableAccount,
)
from solders.instruction import Instruction
from solders.pubkey import Pubkey
from solders.system_program import (
    CreateLookupTableParams,
    ExtendLookupTableParams,
    create_lookup_table,
    extend_lookup_table,
)
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos_keepers.config import setting
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.registry import register
from kairos_keepers.retry import Backoffs
from kairos_keepers.rpc import account_filters
from kairos_keepers.sender import SendOutcome, SendStatus
from kairos_keepers.subscriptions import AccountUpdate, SlotUpdate, Subscriptions

OUTCOMPETED = frozenset(
    {errors.NotLiquidatable.code, errors.NothingToLiquidate.code, errors.NotBankrupt.code}
)
# Errors of an action built from a view another keeper's action made stale (the
# position or slot it names is gone, the health accounts changed). They count as a
# lost race only when the account did change meanwhile; otherwise they are a
# failure, so a keeper bug building wrong accounts is not hidden.
STALE_VIEW_CODES = frozenset(
    {
        errors.MarketMismatch.code,
        errors.HealthAccountsMismatch.code,
        errors.OpenOrdersRemain.code,
        errors.OrderNotFound.code,
    }
)
DRAIN_WAIT_SECONDS = 0.001
REFILL_SETTLES = 6
"""Losers' settle_pnl put in front of a bankrupt account's settlement, at most."""
CLOCK_MAX_AGE = 1.0
"""Seconds without a Clock update before the keeper reads it over RPC."""
LOOKUP_TABLE_CHUNK = 20
"""Addresses added to the lookup table per transaction."""
TRACKED_TYPES: tuple[type[KairosAccount], ...] = (
    MarginAccount,
    Oracle,
    PerpMarket,
    CollateralAsset,
    Auction,
)
LIQUIDATE = "liquidate_account"
_ACTING: contextvars.ContextVar[Action | None] = contextvars.ContextVar(
    "liquidator_acting", default=None
)
"""The action the current task is sending (each send runs in its own task)."""


def rendezvous_weight(keeper: Pubkey, account: Pubkey) -> int:
    """``sha256(keeper ‖ account)`` as a number: the keeper with the largest acts first.

    Rendezvous (highest-random-weight) hashing: every keeper computes the same
    owner for an account from the team's public keys alone, the accounts spread
    evenly, and when a keeper leaves only its accounts move.
    """
    return int.from_bytes(hashlib.sha256(bytes(keeper) + bytes(account)).digest()[:8], "big")


def rendezvous_owner(team: list[Pubkey], account: Pubkey) -> Pubkey:
    """The keeper of ``team`` that owns ``account``."""
    return max(team, key=lambda keeper: (rendezvous_weight(keeper, account), bytes(keeper)))


@dataclasses.dataclass(frozen=True)
class LiquidatorSettings:
    """``[keepers.liquidator]`` settings."""

    account_index: int = setting(0, "Index of the keeper's first own margin account.", ge=0, le=255)
    pool_size: int = setting(
        8,
        "Own margin accounts account_index .. account_index + pool_size - 1 (those that exist, "
        "each funded) liquidate in parallel.",
        gt=0,
        le=256,
    )
    max_in_flight: int = setting(64, "Actions in flight at once (pipelined sends).", gt=0)
    peers: tuple[str, ...] = setting(
        (), "Public keys of the other liquidator keepers sharing the work (rendezvous hashing)."
    )
    takeover_slots: int = setting(
        4,
        "Act on an account a peer owns once it stayed unchanged and in need this many slots.",
        ge=0,
    )
    lookup_table: str = setting(
        "", "Address lookup table of the exchange's accounts (empty: create one at start)."
    )
    min_net_reward: int = setting(
        0, "Skip liquidations whose predicted net reward is below this (never cancels/bankruptcy)."
    )
    min_own_init_health: int = setting(0, "The keeper's health guard: own initial health floor.")
    backoff_seconds: float = setting(0.5, "First backoff after a failed action.", gt=0)
    max_backoff_seconds: float = setting(30.0, "Longest backoff.", gt=0)


@dataclasses.dataclass
class Action:
    """One account's next action."""

    address: Pubkey
    action: str
    instructions: list[Instruction]
    value_at_risk: int
    plan: AccountLiquidation | None = None
    planned: MarginAccount | None = None
    """The account as planned (a changed account means someone else acted)."""
    liquidator: Pubkey | None = None
    """The keeper's own margin account that takes the positions (liquidations only)."""
    opens: bool = False
    """True when the liquidation opens a new position slot on ``liquidator``."""


@dataclasses.dataclass
class Due:
    """An account that needs an action now (planned at launch, see ``tick``)."""

    address: Pubkey
    account: MarginAccount
    health: HealthBreakdown
    value_at_risk: int
    action: Action | None = None
    """Already planned (clearing a flag needs no own account)."""


class ChainState:
    """The program's accounts the keeper follows, kept current from subscriptions."""

    def __init__(self, program_id: Pubkey) -> None:
        self.program_id = program_id
        self.exchange: Exchange | None = None
        self.margins: dict[Pubkey, MarginAccount] = {}
        self.oracles: dict[Pubkey, Oracle] = {}
        self.markets: dict[int, PerpMarket] = {}
        self.assets: dict[int, CollateralAsset] = {}
        # Open auctions: a liquidatable taker's are expired in its liquidation.
        self.auctions: dict[Pubkey, Auction] = {}
        self.slot = 0
        self.changed_slot: dict[Pubkey, int] = {}
        """Slot of the last change seen to a tracked margin account."""
        self._tracked: set[Pubkey] = set()
        # The cluster clock: health rolls the quote borrow index forward to it.
        self.unix_timestamp: int | None = None
        self.clock_seen = 0.0
        """Monotonic time of the last Clock update (the websocket sends one a slot)."""
        self._raw: dict[Pubkey, bytes] = {}
        """The data each decoded account was decoded from (decoding is the costly part)."""
        self.epoch = 0
        """Bumped whenever an oracle, market, asset or the Exchange changes."""
        self._health: dict[Pubkey, tuple[MarginAccount, int, int, HealthBreakdown]] = {}

    def subscribe(self, subs: Subscriptions) -> None:
        """Program subscriptions per tracked type, the Exchange and the slot."""
        for cls in TRACKED_TYPES:
            subs.program(self.program_id, account_filters(cls))
        subs.account(exchange_address(self.program_id))
        subs.account(CLOCK_SYSVAR)
        subs.slots()

    def store(self, key: Pubkey, data: bytes) -> None:
        """Decode and keep one account (by its size and discriminator)."""
        if key == CLOCK_SYSVAR:
            self.slot = max(self.slot, int.from_bytes(data[:8], "little"))
            self.unix_timestamp = clock_unix_timestamp(data)
            self.clock_seen = time.monotonic()
            return
        if self._raw.get(key) == data:
            return  # unchanged (a refresh and its notification, a rewrite): no decode
        self._raw[key] = data
        if key == exchange_address(self.program_id) and len(data) == Exchange.size():
            self.exchange = Exchange.decode(data)
            self.epoch += 1
            return
        for cls in TRACKED_TYPES:
            if len(data) == cls.size() and data[:8] == cls.discriminator():
                account = cls.decode(data)
                if not isinstance(account, MarginAccount):
                    self.epoch += 1
                if isinstance(account, MarginAccount):
                    if key in self._tracked and self.margins.get(key) != account:
                        self.changed_slot[key] = self.slot
                    self.margins[key] = account
                elif isinstance(account, Oracle):
                    self.oracles[key] = account
                elif isinstance(account, PerpMarket):
                    self.markets[account.index] = account
                elif isinstance(account, CollateralAsset):
                    self.assets[account.index] = account
                elif isinstance(account, Auction):
                    self.auctions[key] = account
                return

    def forget(self, key: Pubkey) -> None:
        """Drop a closed account."""
        self.margins.pop(key, None)
        self.auctions.pop(key, None)
        self._raw.pop(key, None)

    def apply(self, update: Any) -> None:
        """Fold one subscription update in."""
        if isinstance(update, SlotUpdate):
            self.slot = max(self.slot, update.slot)
        elif isinstance(update, AccountUpdate):
            self.slot = max(self.slot, update.slot)
            if update.account is None or update.account.lamports == 0:
                self.forget(update.pubkey)
            else:
                self.store(update.pubkey, bytes(update.account.data))

    def track(self, key: Pubkey) -> None:
        """Record the slot of every later change to ``key`` (in ``changed_slot``)."""
        self._tracked.add(key)

    def view(self) -> ChainView:
        """The state as a :class:`kairos.liquidation_plan.ChainView` (for planning)."""
        assert self.exchange is not None
        return ChainView(
            self.exchange,
            self.assets,
            self.markets,
            self.oracles,
            self.slot,
            self.unix_timestamp,
            self.auctions,
        )

    def cached_health(self, key: Pubkey, account: MarginAccount) -> HealthBreakdown:
        """:meth:`health`, reused while the account, the prices and the slot are unchanged."""
        found = self._health.get(key)
        if (
            found is not None
            and found[0] is account
            and found[1] == self.epoch
            and found[2] == self.slot
        ):
            return found[3]
        health = self.health(account)
        self._health[key] = (account, self.epoch, self.slot, health)
        return health

    def health(self, account: MarginAccount) -> HealthBreakdown:
        """The program's health of ``account`` at the current slot."""
        assert self.exchange is not None
        return health_breakdown(
            account,
            assets=self.assets,
            markets=self.markets,
            oracles=self.oracles,
            quote_decimals=self.exchange.quote_decimals,
            slot=self.slot,
            unix_timestamp=self.unix_timestamp,
        )


@register
class LiquidatorKeeper(Keeper):
    """Takes every liquidatable account to its target in one transaction each."""

    name = "liquidator"
    description = "Liquidates accounts below maintenance health (reward: liquidation fees)."
    Settings = LiquidatorSettings
    outcompeted_codes = OUTCOMPETED

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        settings: LiquidatorSettings = self.settings
        self.state = ChainState(self.config.program_id)
        self.subs: Subscriptions | None = None
        self.backoffs: Backoffs[Pubkey] = Backoffs(
            settings.backoff_seconds, settings.max_backoff_seconds
        )
        self.first_seen: dict[Pubkey, tuple[int, float]] = {}
        self.first_action: set[Pubkey] = set()
        self.progress_slot: dict[Pubkey, int] = {}
        """Slot at which a liquidatable account last changed (a keeper made progress)."""
        self.latencies: list[tuple[Pubkey, int, float]] = []
        """(account, slots, seconds) from first seen liquidatable to back above target."""
        self.landed: list[tuple[str, Pubkey, int]] = []
        """(action, account, landed slot) of every action of this keeper that landed."""
        self.in_flight: dict[Pubkey, tuple[Action, asyncio.Task[None]]] = {}
        self.lookup: AddressLookupTableAccount | None = None
        self.last_scan_seconds = 0.0
        self.team = sorted(
            {self.payer.pubkey(), *(Pubkey.from_string(p) for p in settings.peers)}, key=bytes
        )
        self.candidates_gauge = self.metrics.gauge(
            "liquidation_candidates",
            "Accounts needing an action (liquidatable or bankrupt leftovers).",
        )
        self.in_flight_gauge = self.metrics.gauge(
            "liquidation_in_flight", "Actions being sent or confirmed."
        )
        self.reward = self.metrics.counter(
            "liquidation_reward_quote",
            "Predicted reward of landed liquidations, net of the insurance share (quote native).",
        )
        self.transactions_sent = self.metrics.counter(
            "liquidation_transactions_sent",
            "Transactions broadcast (not those a simulation stopped), by result: landed, "
            "failed (landed with an error: fee paid, a lost race), unconfirmed.",
            ("result",),
        )
        self.first_action_slots = self.metrics.histogram(
            "liquidation_first_action_slots",
            "Slots from first seen liquidatable to this keeper's first landed action on it.",
            buckets=(0, 1, 2, 3, 4, 8, 16, 32, 64),
        )
        self.latency_slots = self.metrics.histogram(
            "liquidation_latency_slots",
            "Slots from first seen liquidatable to back above the target.",
            buckets=(0, 1, 2, 3, 4, 8, 16, 32, 64, 128),
        )
        self.latency_seconds = self.metrics.histogram(
            "liquidation_latency_seconds",
            "Seconds from first seen liquidatable to back above the target.",
        )
        self.scan_seconds = self.metrics.gauge(
            "liquidation_scan_seconds", "Time of the last health scan."
        )

    # --- lifecycle ---------------------------------------------------------------------

    @property
    def own_margin(self) -> Pubkey:
        """The keeper's own margin account (the liquidator)."""
        settings: LiquidatorSettings = self.settings
        return margin_account_address(
            self.payer.pubkey(), settings.account_index, self.config.program_id
        )

    async def start(self) -> None:
        """Subscribe, load every tracked account once, then the lookup table."""
        self.subs = self.subscriptions()
        self.state.subscribe(self.subs)
        await self.reload()
        await self.load_lookup_table()

    async def reload(self) -> None:
        """GetProgramAccounts for every tracked type, and the Exchange."""
        for cls in TRACKED_TYPES:
            slot, pairs = await self.rpc.get_program_accounts(
                self.config.program_id, account_filters(cls)
            )
            self.state.slot = max(self.state.slot, slot)
            for key, account in pairs:
                self.state.store(key, bytes(account.data))
        _, exchange = await self.rpc.get_account_info(exchange_address(self.config.program_id))
        if exchange is None:
            raise LookupError("no Kairos exchange on this cluster")
        self.state.store(exchange_address(self.config.program_id), bytes(exchange.data))

    async def load_lookup_table(self) -> None:
        """Use the configured address lookup table, or create one of the exchange's accounts.

        Without one, a liquidation of an account with several positions does not fit a
        transaction (each account key costs 32 bytes instead of 1).
        """
        settings: LiquidatorSettings = self.settings
        if self.state.exchange is None or not self.state.assets:
            return
        wanted = plans.lookup_table_addresses(self.state.view(), self.config.program_id)
        if settings.lookup_table:
            address = Pubkey.from_string(settings.lookup_table)
            _, account = await self.rpc.get_account_info(address)
            if account is None:
                raise LookupError(f"lookup table {address} not found")
            table = AddressLookupTable.deserialize(bytes(account.data))
            self.lookup = AddressLookupTableAccount(address, list(table.addresses))
            return
        payer = self.payer.pubkey()
        slot = await self.rpc.get_slot()
        create, address = create_lookup_table(
            CreateLookupTableParams(authority_address=payer, payer_address=payer, recent_slot=slot)
        )
        chunks = [
            wanted[i : i + LOOKUP_TABLE_CHUNK] for i in range(0, len(wanted), LOOKUP_TABLE_CHUNK)
        ]
        for number, chunk in enumerate(chunks):
            extend = extend_lookup_table(
                ExtendLookupTableParams(
                    payer_address=payer,
                    lookup_table_address=address,
                    authority_address=payer,
                    new_addresses=chunk,
                )
            )
            outcome = await self.runtime.sender.send([create, extend] if number == 0 else [extend])
            if not outcome.landed:
                raise RuntimeError(f"lookup table not created: {outcome.reason} {outcome.detail}")
        # Addresses added to a table are usable from the next slot on.
        while await self.rpc.get_slot() <= slot + 1:
            await asyncio.sleep(0.05)
        self.lookup = AddressLookupTableAccount(address, wanted)
        self.log.info("lookup_table_created", address=address, addresses=len(wanted))

    async def refresh(self, keys: list[Pubkey]) -> None:
        """Re-read accounts an action just changed (ahead of their notifications)."""
        for key, account in zip(keys, await self.rpc.get_multiple_accounts(keys), strict=True):
            if account is None:
                self.state.forget(key)
            else:
                self.state.store(key, bytes(account.data))

    async def drain(self) -> None:
        """Apply every queued subscription update."""
        if self.subs is None:
            return
        # Not timeout=0: asyncio.wait_for(queue.get(), 0) times out even with an
        # item queued (Python 3.11), so get(timeout=0) would never deliver one.
        while (update := await self.subs.get(timeout=DRAIN_WAIT_SECONDS)) is not None:
            self.state.apply(update)

    async def read_clock(self) -> None:
        """The slot and the unix time health needs (the Clock sysvar).

        The websocket delivers it every slot; it is read over RPC only when no update
        came for ``CLOCK_MAX_AGE`` seconds (a dropped socket, a cluster that does not
        notify sysvars), so an idle tick costs no RPC call.
        """
        if time.monotonic() - self.state.clock_seen < CLOCK_MAX_AGE:
            return
        _, clock = await self.rpc.get_account_info(CLOCK_SYSVAR)
        if clock is None:
            self.state.slot = max(self.state.slot, await self.rpc.get_slot())
        else:
            data = bytes(clock.data)
            self.state.slot = max(self.state.slot, int.from_bytes(data[:8], "little"))
            self.state.unix_timestamp = clock_unix_timestamp(data)

    async def tick(self) -> None:
        """Scan, then start an action for every account that needs one (pipelined)."""
        await self.drain()
        await self.read_clock()
        settings: LiquidatorSettings = self.settings
        for due in self.scan():
            if self.stopping or len(self.in_flight) >= settings.max_in_flight:
                break
            # Planned one at a time, right before its launch: the plan picks an own
            # account among those the actions launched so far left free.
            action = due.action or self.plan(due.address, due.account, due.health)
            if action is None:
                self.log.debug("liquidation_not_planned", account=due.address)
                continue
            self.launch(action)
            # Let it start sending now rather than after every other plan of this tick
            # (a crash makes tens of accounts due at once; each plan costs milliseconds).
            await asyncio.sleep(0)
        self.in_flight_gauge.labels(self.metrics.keeper).set(len(self.in_flight))

    async def stop(self) -> None:
        """Let the actions in flight finish."""
        tasks = [task for _, task in self.in_flight.values()]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def settle(self) -> None:
        """Wait until no action is in flight (tests and benchmarks)."""
        while self.in_flight:
            await asyncio.gather(
                *[task for _, task in self.in_flight.values()], return_exceptions=True
            )

    # --- scanning ------------------------------------------------------------------------

    def owns(self, key: Pubkey) -> bool:
        """True when this keeper is the account's rendezvous owner among its team."""
        return len(self.team) == 1 or rendezvous_owner(self.team, key) == self.payer.pubkey()

    def scan(self) -> list[Due]:
        """Every account needing an action now, largest value at risk first.

        Accounts with an action in flight, backed off, or owned by a peer that still
        has time to act are left out.
        """
        started = time.perf_counter()
        exchange = self.state.exchange
        actions: list[Due] = []
        if exchange is None:
            return actions
        settings: LiquidatorSettings = self.settings
        now = time.monotonic()
        needing = 0
        own = set(self.pool()) | {self.own_margin}
        for key, account in self.state.margins.items():
            if key in own:
                continue
            try:
                health = self.state.cached_health(key, account)
            except errors.KairosError:
                continue  # a stale or missing oracle: the program would refuse too
            if not self._needs_action(exchange, account, health):
                self._recovered(key)
                if (
                    account.being_liquidated
                    and self.state.markets
                    and key not in self.in_flight
                    and self.owns(key)
                ):
                    # Back above its target but still flagged (its price recovered):
                    # clear the flag so the owner can trade again.
                    clear = self._clear_flag(key, account)
                    actions.append(Due(key, account, health, 0, clear))
                continue
            needing += 1
            seen = self.first_seen.setdefault(key, (self.state.slot, now))
            self.state.track(key)
            if key in self.in_flight:
                continue
            if self.backoffs.waiting(key, now):
                continue
            if not self.owns(key):
                # A peer owns it: step in only once it made no progress for a while.
                quiet_since = max(seen[0], self.state.changed_slot.get(key, 0))
                if self.state.slot - quiet_since < settings.takeover_slots:
                    continue
            actions.append(Due(key, account, health, plans.value_at_risk(health)))
        actions.sort(key=lambda due: -due.value_at_risk)
        self.last_scan_seconds = time.perf_counter() - started
        self.scan_seconds.labels(self.metrics.keeper).set(self.last_scan_seconds)
        self.candidates_gauge.labels(self.metrics.keeper).set(needing)
        return actions

    @staticmethod
    def _needs_action(exchange: Exchange, account: MarginAccount, health: HealthBreakdown) -> bool:
        if liq.is_liquidatable(exchange, account, health):
            return True
        # Bankrupt leftovers: nothing but a negative balance (or unsettled losses).
        return (
            not account.active_collateral()
            and not any(p.base_lots for p in account.active_perp_positions())
            and health.maint < 0
        )

    def _recovered(self, key: Pubkey) -> None:
        self.first_action.discard(key)
        seen = self.first_seen.pop(key, None)
        if seen is None:
            return
        slots = max(self.state.slot - seen[0], 0)
        seconds = time.monotonic() - seen[1]
        self.latencies.append((key, slots, seconds))
        self.latency_slots.labels(self.metrics.keeper).observe(slots)
        self.latency_seconds.labels(self.metrics.keeper).observe(seconds)

    def pool(self) -> list[Pubkey]:
        """The keeper's own margin accounts that exist (``pool_size`` from ``account_index``)."""
        settings: LiquidatorSettings = self.settings
        owner = self.payer.pubkey()
        return [
            address
            for index in range(settings.account_index, settings.account_index + settings.pool_size)
            if index <= 255
            and (address := margin_account_address(owner, index, self.config.program_id))
            in self.state.margins
        ]

    def _pool_candidates(self) -> list[tuple[Pubkey, MarginAccount, bool]]:
        """Own accounts a new liquidation may use: (address, account, may open new slots).

        A liquidation names the liquidator's health accounts as the program will find
        them, which depends on the positions its other transactions open first. So an
        own account takes a liquidation that opens a new position only when nothing
        else is in flight on it, and one that opens nothing only while nothing in
        flight on it opens anything: any landing order then gives the same slots.
        """
        busy: dict[Pubkey, list[bool]] = {}
        for action, _ in self.in_flight.values():
            if action.liquidator is not None:
                busy.setdefault(action.liquidator, []).append(action.opens)
        out = []
        for address in self.pool():
            flights = busy.get(address, [])
            if any(flights):
                continue
            out.append((address, self.state.margins[address], not flights))
        # Idle accounts first: they can take any liquidation.
        out.sort(key=lambda item: not item[2])
        return out

    def plan(self, key: Pubkey, account: MarginAccount, health: HealthBreakdown) -> Action | None:
        """The account's next action (see the module doc)."""
        view = self.state.view()
        risk = plans.value_at_risk(health)
        if liq.is_liquidatable(view.exchange, account, health) and _has_anything(account):
            for liquidator, own, may_open in self._pool_candidates():
                action = self._plan_with(view, key, account, risk, liquidator, own)
                if action is None:
                    return None
                if may_open or not action.opens:
                    return action
            return None
        found = plans.bankruptcy_instructions(view, key, account, program_id=self.config.program_id)
        if found is None:
            return None
        name, instructions = found
        if name == "settle_pnl":
            instructions = [*self._refill_pools(view, key, account), *instructions]
        return Action(key, name, instructions, risk, None, account)

    def _refill_pools(
        self, view: ChainView, key: Pubkey, account: MarginAccount
    ) -> list[Instruction]:
        """``settle_pnl`` of losers in markets whose pool cannot pay ``account``'s gain.

        A bankrupt account with a winning position left can only be resolved once that
        gain is settled, which the market's PnL pool pays; when the pool is short (a
        crash: the winners' counterparties have not settled their losses), settling
        the largest unsettled losses in that market (permissionless) refills it.
        """
        out: list[Instruction] = []
        for position in account.active_perp_positions():
            market = view.markets.get(position.market_index)
            if market is None or position.base_lots != 0 or position.quote_position <= 0:
                continue
            needed = position.quote_position - market.pnl_pool
            if needed <= 0:
                continue
            price = liq.perp_price(market, view.oracle(market), view.exchange.quote_decimals)
            losers: list[tuple[int, Pubkey]] = []
            for other_key, other in self.state.margins.items():
                if other_key == key:
                    continue
                for held in other.active_perp_positions():
                    if held.market_index == market.index:
                        pnl = held.base_lots * price + held.quote_position
                        if pnl < 0:
                            losers.append((pnl, other_key))
            losers.sort(key=lambda item: (item[0], bytes(item[1])))
            for pnl, other_key in losers[:REFILL_SETTLES]:
                out.append(
                    ix.settle_pnl(
                        margin_account=other_key,
                        market_index=market.index,
                        oracle=market.oracle,
                        quote_mint=view.exchange.quote_mint,
                        program_id=self.config.program_id,
                    )
                )
                needed += pnl
                if needed <= 0:
                    break
        return out

    def _plan_with(
        self,
        view: ChainView,
        key: Pubkey,
        account: MarginAccount,
        risk: int,
        liquidator: Pubkey,
        own: MarginAccount,
    ) -> Action | None:
        settings: LiquidatorSettings = self.settings
        try:
            plan = plans.plan_liquidation(
                view,
                key,
                account,
                liquidator=liquidator,
                liquidator_owner=self.payer.pubkey(),
                liquidator_account=own,
                program_id=self.config.program_id,
            )
        except (errors.KairosError, KeyError):
            return None
        if plan is None:
            return None
        guard = self._guard(plan, liquidator, own)
        plan = plans.fit_transaction(
            plan, self.payer.pubkey(), [self.lookup] if self.lookup else [], extra=guard
        )
        prerequisite = plan.steps[0].action == "force_cancel_orders"
        if not prerequisite and plan.net_reward(view.exchange) < settings.min_net_reward:
            return None
        after = plans.open_positions(own, plan.steps)
        opens = _layout(after) != _layout(own)
        return Action(
            key,
            LIQUIDATE,
            [*plan.instructions, *self._guard(plan, liquidator, own)],
            risk,
            plan,
            account,
            liquidator,
            opens,
        )

    def _guard(
        self, plan: AccountLiquidation, liquidator: Pubkey, own: MarginAccount
    ) -> list[Instruction]:
        """The keeper's own health guard (only above the program's own floor of 0)."""
        settings: LiquidatorSettings = self.settings
        if settings.min_own_init_health <= 0 or not any(
            step.action != "force_cancel_orders" for step in plan.steps
        ):
            return []
        return [
            ix.health_guard(
                margin_account=liquidator,
                health_accounts=ix.health_accounts(
                    plans.open_positions(own, plan.steps),
                    assets=self.state.assets,
                    markets=self.state.markets,
                    program_id=self.config.program_id,
                ),
                min_init_health=settings.min_own_init_health,
                program_id=self.config.program_id,
            )
        ]

    def _clear_flag(self, key: Pubkey, account: MarginAccount) -> Action:
        market = self.state.markets[min(self.state.markets)]
        instruction = ix.force_cancel_orders(
            margin_account=key,
            market_index=market.index,
            orderbook=market.orderbook,
            health_accounts=ix.health_accounts(
                account,
                assets=self.state.assets,
                markets=self.state.markets,
                program_id=self.config.program_id,
            ),
            program_id=self.config.program_id,
        )
        return Action(key, "clear_liquidation_flag", [instruction], 0, None, account)

    # --- acting --------------------------------------------------------------------------

    def launch(self, action: Action) -> None:
        """Start sending ``action`` (it runs concurrently with the keeper's other sends)."""
        self.log.info(
            "liquidation_launched",
            account=action.address,
            action=action.action,
            slot=self.state.slot,
            steps=None if action.plan is None else len(action.plan.steps),
            value_at_risk=action.value_at_risk,
        )
        task = asyncio.create_task(self._run(action))
        self.in_flight[action.address] = (action, task)

    async def _run(self, action: Action) -> None:
        try:
            await self.act(action)
        except Exception as exc:  # one action's failure must not stop the others
            self.log.error("liquidation_action_error", account=action.address, error=repr(exc))
        finally:
            self.in_flight.pop(action.address, None)
            self.in_flight_gauge.labels(self.metrics.keeper).set(len(self.in_flight))

    def lost_before_sending(self, action: Action) -> bool:
        """True when the view already shows another keeper moved the account since the plan."""
        return self.state.margins.get(action.address) != action.planned

    async def classify_failure(self, action: str, outcome: SendOutcome) -> SendOutcome:
        """A stale-view error is a lost race when the account changed since the plan."""
        current = _ACTING.get()
        return outcome if current is None else await self._classify(current, outcome)

    async def _classify(self, action: Action, outcome: SendOutcome) -> SendOutcome:
        if outcome.status is not SendStatus.FAILED or outcome.error_code not in STALE_VIEW_CODES:
            return outcome
        await self.refresh([action.address])
        if self.state.margins.get(action.address) == action.planned:
            return outcome  # nothing changed: a real failure (e.g. wrong accounts)
        self.log.info(
            "liquidation_stale_view",
            account=action.address,
            action=action.action,
            error_code=outcome.error_code,
        )
        return dataclasses.replace(outcome, status=SendStatus.OUTCOMPETED)

    async def act(self, action: Action) -> None:
        """Send one action; count, follow the account, back off on failure."""
        # Subscriptions may have delivered another keeper's action since the plan.
        await self.drain()
        if self.lost_before_sending(action):
            account = self.state.margins.get(action.address)
            if account is None:
                return
            try:
                health = self.state.health(account)
            except errors.KairosError:
                return
            if not self._needs_action(self.state.exchange or _missing(), account, health):
                self.log.info("liquidation_race_seen", account=action.address, action=action.action)
                return
            replanned = self.plan(action.address, account, health)
            if replanned is None:
                return
            action = replanned
            self.in_flight[action.address] = (action, self.in_flight[action.address][1])
        lookups = [self.lookup] if self.lookup is not None and action.plan is not None else []
        outcome = await self.execute_action(action, lookups)
        if outcome.signature is not None and outcome.broadcasts > 0:
            result = (
                "landed"
                if outcome.landed
                else "failed"
                if outcome.slot is not None
                else "unconfirmed"
            )
            self.transactions_sent.labels(self.metrics.keeper, result).inc()
        if outcome.landed:
            if action.action != "settle_pnl":  # (settlements: _hold_repeated_settle)
                self.backoffs.clear(action.address)
            if action.plan is not None:
                self.reward.labels(self.metrics.keeper).inc(
                    max(action.plan.net_reward(self.state.exchange or _missing()), 0)
                )
            self.landed.append((action.action, action.address, outcome.slot or 0))
            if action.address not in self.first_action:
                self.first_action.add(action.address)
                seen = self.first_seen.get(action.address)
                if seen is not None:
                    self.first_action_slots.labels(self.metrics.keeper).observe(
                        max((outcome.slot or self.state.slot) - seen[0], 0)
                    )
            await self.refresh(self._touched(action))
            self._hold_repeated_settle(action)
            return
        await self.refresh(self._touched(action))
        if outcome.status is SendStatus.OUTCOMPETED:
            return
        failures, delay = self.backoffs.fail(action.address)
        self.log.warning(
            "liquidation_backoff",
            account=action.address,
            action=action.action,
            failures=failures,
            seconds=delay,
            reason=outcome.reason,
            detail=outcome.detail,
        )

    def _hold_repeated_settle(self, action: Action) -> None:
        """Back off an account whose settlement landed but left it still to settle.

        (A gain the market's pool cannot pay yet: repeating at once would only spend
        fees; the pool refills as losers settle.)
        """
        if action.action != "settle_pnl":
            return
        account = self.state.margins.get(action.address)
        if account is None or not any(p.base_lots == 0 for p in account.active_perp_positions()):
            self.backoffs.clear(action.address)
            return
        self.backoffs.fail(action.address)

    def _touched(self, action: Action) -> list[Pubkey]:
        return (
            [action.address]
            if action.liquidator is None
            else [
                action.address,
                action.liquidator,
            ]
        )

    async def execute_action(
        self, action: Action, lookups: list[AddressLookupTableAccount]
    ) -> SendOutcome:
        """:meth:`Keeper.execute` with this action's stale-view classification."""
        _ACTING.set(action)  # this task's context only
        return await self.execute(action.action, action.instructions, (), lookups)


def _has_anything(account: MarginAccount) -> bool:
    """Orders, a position or collateral left to liquidate (else: the bankruptcy path)."""
    return (
        liq.has_open_orders(account)
        or bool(account.active_collateral())
        or any(p.base_lots for p in account.active_perp_positions())
    )


def _layout(account: MarginAccount) -> tuple[tuple[int | None, ...], tuple[int | None, ...]]:
    """Which market and asset each slot holds (what health accounts depend on)."""
    return (
        tuple(p.market_index if p.is_active else None for p in account.perp_positions),
        tuple(p.asset_index if p.is_active else None for p in account.collateral),
    )


def _missing() -> Exchange:
    raise LookupError("the Exchange is not loaded")
