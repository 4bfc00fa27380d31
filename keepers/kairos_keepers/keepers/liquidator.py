"""The ``liquidator`` keeper: finds liquidatable margin accounts and liquidates them.

State: every MarginAccount, Oracle, PerpMarket and CollateralAsset of the program,
loaded once with ``getProgramAccounts`` and then kept current by program
subscriptions (the runtime falls back to polling when the websocket drops), plus
the Exchange and the slot.

Each tick it computes every account's health in Python exactly as the program
does (:mod:`kairos.health`, :mod:`kairos.liquidation`), scores the liquidatable
ones and works through a priority queue:

* one action per account per tick, chosen in the program's order: cancel its
  orders (``force_cancel_orders``), then take over its largest perp position
  (``liquidate_perp``) or buy its most valuable collateral
  (``liquidate_collateral``); with nothing left, settle its PnL and resolve its
  bankruptcy;
* the score is (estimated reward net of the transaction cost, then the worse
  health factor ``maint / requirement``, then the size); a liquidation whose net
  reward is below ``min_net_reward`` is skipped;
* every transaction is simulated first and sent with a compute-unit limit of the
  simulated units plus the configured margin (the runtime's sender), and ends with
  the keeper's own ``health_guard`` on its margin account;
* an account whose action failed is backed off exponentially; an "already done"
  answer (``NotLiquidatable``, ``NothingToLiquidate``, ``NotBankrupt``) means
  another keeper won the race: counted as outcompeted.

Metrics (on top of the runtime's action counters): candidates, attempts,
successes, outcompeted, reward earned (quote native) and the latency from first
seen liquidatable to liquidated, in slots and seconds.
"""

from __future__ import annotations

import dataclasses
import heapq
import time
from typing import Any, TypeVar

from based58 import b58encode
from kairos import errors
from kairos import instructions as ix
from kairos import liquidation as liq
from kairos.accounts import (
    CollateralAsset,
    Exchange,
    KairosAccount,
    MarginAccount,
    Oracle,
    PerpMarket,
)
from kairos.health import HealthBreakdown, health_breakdown, read_oracle
from kairos.orders import clock_unix_timestamp
from kairos.pda import exchange_address, margin_account_address
from prometheus_client import Counter, Gauge, Histogram
from solders.instruction import Instruction
from solders.pubkey import Pubkey
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos_keepers.config import setting
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.registry import register
from kairos_keepers.sender import SendOutcome, SendStatus
from kairos_keepers.subscriptions import AccountUpdate, SlotUpdate, Subscriptions

A = TypeVar("A", bound=KairosAccount)

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
TRACKED_TYPES: tuple[type[KairosAccount], ...] = (
    MarginAccount,
    Oracle,
    PerpMarket,
    CollateralAsset,
)


def type_filters(cls: type[KairosAccount]) -> list[dict[str, Any]]:
    """GetProgramAccounts / programSubscribe filters for one account type."""
    discriminator = b58encode(cls.discriminator()).decode("ascii")
    return [{"dataSize": cls.size()}, {"memcmp": {"offset": 0, "bytes": discriminator}}]


@dataclasses.dataclass(frozen=True)
class LiquidatorSettings:
    """``[keepers.liquidator]`` settings."""

    account_index: int = setting(0, "Index of the keeper's own margin account.", ge=0, le=255)
    max_actions_per_tick: int = setting(8, "Send at most this many actions per tick.", gt=0)
    max_base_lots: int = setting(2**62, "Take at most this many lots per liquidate_perp.", gt=0)
    max_collateral_amount: int = setting(2**62, "Buy at most this much per call.", gt=0)
    tx_cost_quote: int = setting(0, "Estimated transaction cost in quote native units.", ge=0)
    min_net_reward: int = setting(0, "Skip liquidations whose net reward is below this.")
    min_own_init_health: int = setting(0, "The keeper's health guard: own initial health floor.")
    backoff_seconds: float = setting(0.5, "First backoff after a failed action.", gt=0)
    max_backoff_seconds: float = setting(30.0, "Longest backoff.", gt=0)


@dataclasses.dataclass(order=True)
class Candidate:
    """One account's next action, ordered by priority (smallest first)."""

    sort_key: tuple[float, float, float]
    address: Pubkey = dataclasses.field(compare=False)
    action: str = dataclasses.field(compare=False)
    instructions: list[Instruction] = dataclasses.field(compare=False)
    reward: int = dataclasses.field(compare=False)
    health_factor: float = dataclasses.field(compare=False)


@dataclasses.dataclass
class Backoff:
    """Consecutive failures of one account and when it may be tried again."""

    failures: int = 0
    not_before: float = 0.0


class ChainState:
    """The program's accounts the keeper follows, kept current from subscriptions."""

    def __init__(self, program_id: Pubkey) -> None:
        self.program_id = program_id
        self.exchange: Exchange | None = None
        self.margins: dict[Pubkey, MarginAccount] = {}
        self.oracles: dict[Pubkey, Oracle] = {}
        self.markets: dict[int, PerpMarket] = {}
        self.assets: dict[int, CollateralAsset] = {}
        self.slot = 0
        # The cluster clock: health rolls the quote borrow index forward to it.
        self.unix_timestamp: int | None = None

    def subscribe(self, subs: Subscriptions) -> None:
        """Program subscriptions per tracked type, the Exchange and the slot."""
        for cls in TRACKED_TYPES:
            subs.program(self.program_id, type_filters(cls))
        subs.account(exchange_address(self.program_id))
        subs.slots()

    def store(self, key: Pubkey, data: bytes) -> None:
        """Decode and keep one account (by its size and discriminator)."""
        if key == exchange_address(self.program_id) and len(data) == Exchange.size():
            self.exchange = Exchange.decode(data)
            return
        for cls in TRACKED_TYPES:
            if len(data) == cls.size() and data[:8] == cls.discriminator():
                account = cls.decode(data)
                if isinstance(account, MarginAccount):
                    self.margins[key] = account
                elif isinstance(account, Oracle):
                    self.oracles[key] = account
                elif isinstance(account, PerpMarket):
                    self.markets[account.index] = account
                elif isinstance(account, CollateralAsset):
                    self.assets[account.index] = account
                return

    def apply(self, update: Any) -> None:
        """Fold one subscription update in."""
        if isinstance(update, SlotUpdate):
            self.slot = max(self.slot, update.slot)
        elif isinstance(update, AccountUpdate):
            self.slot = max(self.slot, update.slot)
            if update.account is None or update.account.lamports == 0:
                self.margins.pop(update.pubkey, None)
            else:
                self.store(update.pubkey, bytes(update.account.data))

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
    """Liquidates accounts below maintenance, best net reward first."""

    name = "liquidator"
    description = "Liquidates accounts below maintenance health (reward: liquidation fees)."
    Settings = LiquidatorSettings
    outcompeted_codes = OUTCOMPETED

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        self.state = ChainState(self.config.program_id)
        self.subs: Subscriptions | None = None
        self.backoffs: dict[Pubkey, Backoff] = {}
        self.first_seen: dict[Pubkey, tuple[int, float]] = {}
        self.latencies: list[tuple[Pubkey, int, float]] = []
        """(account, slots, seconds) from first seen liquidatable to back above target."""
        self.landed: list[tuple[str, Pubkey, int]] = []
        """(action, account, landed slot) of every action of this keeper that landed."""
        self.last_scan_seconds = 0.0
        self.acting: tuple[Pubkey, MarginAccount | None] | None = None
        """The account of the action being sent, as planned (see classify_failure)."""
        registry = self.metrics.registry
        labels = ("keeper",)
        self.candidates_gauge = Gauge(
            "kairos_keeper_liquidation_candidates",
            "Liquidatable accounts.",
            labels,
            registry=registry,
        )
        self.attempts = Counter(
            "kairos_keeper_liquidation_attempts",
            "Actions sent.",
            ("keeper", "action"),
            registry=registry,
        )
        self.successes = Counter(
            "kairos_keeper_liquidation_successes",
            "Actions landed.",
            ("keeper", "action"),
            registry=registry,
        )
        self.outcompeted = Counter(
            "kairos_keeper_liquidation_outcompeted",
            "Races lost.",
            ("keeper", "action"),
            registry=registry,
        )
        self.reward = Counter(
            "kairos_keeper_liquidation_reward_quote",
            "Reward earned net of the insurance share (quote native).",
            labels,
            registry=registry,
        )
        self.latency_slots = Histogram(
            "kairos_keeper_liquidation_latency_slots",
            "Slots from first seen liquidatable to liquidated.",
            labels,
            buckets=(0, 1, 2, 4, 8, 16, 32, 64, 128),
            registry=registry,
        )
        self.latency_seconds = Histogram(
            "kairos_keeper_liquidation_latency_seconds",
            "Seconds from first seen liquidatable to liquidated.",
            labels,
            registry=registry,
        )
        self.scan_seconds = Gauge(
            "kairos_keeper_liquidation_scan_seconds",
            "Time of the last health scan.",
            labels,
            registry=registry,
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
        """Subscribe, then load every tracked account once."""
        self.subs = self.subscriptions()
        self.state.subscribe(self.subs)
        await self.reload()

    async def reload(self) -> None:
        """GetProgramAccounts for every tracked type, and the Exchange."""
        for cls in TRACKED_TYPES:
            slot, pairs = await self.rpc.get_program_accounts(
                self.config.program_id, type_filters(cls)
            )
            self.state.slot = max(self.state.slot, slot)
            for key, account in pairs:
                self.state.store(key, bytes(account.data))
        _, exchange = await self.rpc.get_account_info(exchange_address(self.config.program_id))
        if exchange is None:
            raise LookupError("no Kairos exchange on this cluster")
        self.state.store(exchange_address(self.config.program_id), bytes(exchange.data))

    async def refresh(self, keys: list[Pubkey]) -> None:
        """Re-read accounts an action just changed (ahead of their notifications)."""
        for key, account in zip(keys, await self.rpc.get_multiple_accounts(keys), strict=True):
            if account is None:
                self.state.margins.pop(key, None)
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

    async def tick(self) -> None:
        """Scan, queue, act."""
        await self.drain()
        # The Clock sysvar gives the slot and the unix time health needs, in one call.
        _, clock = await self.rpc.get_account_info(CLOCK_SYSVAR)
        if clock is None:
            self.state.slot = max(self.state.slot, await self.rpc.get_slot())
        else:
            data = bytes(clock.data)
            self.state.slot = max(self.state.slot, int.from_bytes(data[:8], "little"))
            self.state.unix_timestamp = clock_unix_timestamp(data)
        queue = self.scan()
        settings: LiquidatorSettings = self.settings
        sent = 0
        while queue and sent < settings.max_actions_per_tick and not self.stopping:
            candidate = heapq.heappop(queue)
            backoff = self.backoffs.get(candidate.address)
            if backoff is not None and backoff.not_before > time.monotonic():
                continue
            if sent:
                # An earlier action of this tick changed the keeper's own account
                # (and refreshed it): a plan made before lists stale health accounts.
                replanned = self.replan(candidate.address)
                if replanned is None:
                    continue
                candidate = replanned
            await self.act(candidate)
            sent += 1

    # --- scanning ------------------------------------------------------------------------

    def scan(self) -> list[Candidate]:
        """Every liquidatable account's next action, as a heap."""
        started = time.perf_counter()
        queue: list[Candidate] = []
        exchange = self.state.exchange
        if exchange is None:
            return queue
        for key, account in self.state.margins.items():
            if key == self.own_margin:
                continue
            try:
                health = self.state.health(account)
            except errors.KairosError:
                continue  # a stale or missing oracle: the program would refuse too
            if not self._needs_action(exchange, account, health):
                self._recovered(key)
                if account.being_liquidated and self.state.markets:
                    # Back above its target but still flagged (its price recovered):
                    # clear the flag so the owner can trade again.
                    heapq.heappush(queue, self._clear_flag(key, account))
                continue
            self.first_seen.setdefault(key, (self.state.slot, time.monotonic()))
            candidate = self.plan(key, account, health)
            if candidate is not None:
                heapq.heappush(queue, candidate)
        self.last_scan_seconds = time.perf_counter() - started
        self.scan_seconds.labels(self.metrics.keeper).set(self.last_scan_seconds)
        self.candidates_gauge.labels(self.metrics.keeper).set(len(queue))
        return queue

    def replan(self, key: Pubkey) -> Candidate | None:
        """The account's next action from the current state (None: nothing to do now)."""
        exchange = self.state.exchange
        account = self.state.margins.get(key)
        if exchange is None or account is None:
            return None
        try:
            health = self.state.health(account)
        except errors.KairosError:
            return None
        if not self._needs_action(exchange, account, health):
            return None
        return self.plan(key, account, health)

    @staticmethod
    def _needs_action(exchange: Exchange, account: MarginAccount, health: HealthBreakdown) -> bool:
        if liq.is_liquidatable(exchange, account, health):
            return True
        # Bankrupt leftovers: nothing but a negative balance.
        return (
            account.quote_balance < 0
            and not account.active_collateral()
            and not any(p.base_lots for p in account.active_perp_positions())
            and health.maint < 0
        )

    def _recovered(self, key: Pubkey) -> None:
        seen = self.first_seen.pop(key, None)
        if seen is None:
            return
        slots = max(self.state.slot - seen[0], 0)
        seconds = time.monotonic() - seen[1]
        self.latencies.append((key, slots, seconds))
        self.latency_slots.labels(self.metrics.keeper).observe(slots)
        self.latency_seconds.labels(self.metrics.keeper).observe(seconds)

    def plan(
        self, key: Pubkey, account: MarginAccount, health: HealthBreakdown
    ) -> Candidate | None:
        """The account's next action and its score (see the module doc)."""
        exchange = self.state.exchange
        assert exchange is not None
        settings: LiquidatorSettings = self.settings
        factor = health.maint / max(health.maint_requirement, 1)
        if liq.has_open_orders(account):
            return self._candidate(
                key, "force_cancel_orders", self._cancel_ixs(key, account), 0, factor, 0
            )
        best: Candidate | None = None
        for position in account.active_perp_positions():
            if position.base_lots == 0:
                continue
            market = self.state.markets[position.market_index]
            price = liq.perp_price(
                market, self._oracle(market.oracle, market), exchange.quote_decimals
            )
            lots = liq.perp_liquidation_lots(
                exchange,
                market,
                health=health,
                position_lots=abs(position.base_lots),
                price=price,
                max_base_lots=settings.max_base_lots,
            )
            fee = liq.perp_liquidation_fee(market, lots, price)
            net = fee - fee * exchange.insurance_fee_share_bps // 10_000 - settings.tx_cost_quote
            candidate = self._candidate(
                key,
                "liquidate_perp",
                [self._liquidate_perp_ix(key, account, market, lots)],
                net,
                factor,
                lots * price,
            )
            best = candidate if best is None or candidate < best else best
        for held in account.active_collateral():
            asset = self.state.assets[held.asset_index]
            oracle = self._oracle(asset.oracle, asset)
            amount = liq.collateral_liquidation_amount(
                exchange,
                asset,
                oracle,
                health=health,
                held=held.amount,
                max_amount=settings.max_collateral_amount,
                quote_decimals=exchange.quote_decimals,
            )
            quote = liq.collateral_purchase(asset, oracle, amount, exchange.quote_decimals)
            net = (
                quote.discount
                - quote.discount * exchange.insurance_fee_share_bps // 10_000
                - settings.tx_cost_quote
            )
            candidate = self._candidate(
                key,
                "liquidate_collateral",
                [self._liquidate_collateral_ix(key, account, asset, amount)],
                net,
                factor,
                quote.paid,
            )
            best = candidate if best is None or candidate < best else best
        if best is not None:
            return best if best.reward >= settings.min_net_reward else None
        return self._plan_bankruptcy(key, account, factor)

    def _plan_bankruptcy(
        self, key: Pubkey, account: MarginAccount, factor: float
    ) -> Candidate | None:
        exchange = self.state.exchange
        assert exchange is not None
        unsettled = [p for p in account.active_perp_positions() if p.base_lots == 0]
        if unsettled:
            instructions = [
                ix.settle_pnl(
                    margin_account=key,
                    market_index=p.market_index,
                    oracle=self.state.markets[p.market_index].oracle,
                    quote_mint=exchange.quote_mint,
                    program_id=self.config.program_id,
                )
                for p in unsettled
            ]
            return self._candidate(key, "settle_pnl", instructions, 0, factor, 0)
        if account.quote_balance >= 0 or not self.state.markets:
            return None
        # The loss beyond insurance is socialized on a market whose settled loss put
        # the account in debt, the one with the most lots to share it.
        market_index = liq.bankruptcy_market(account, self.state.markets)
        if market_index is None:
            return None
        instruction = liq.resolve_bankruptcy(
            margin_account=key,
            market_index=market_index,
            quote_mint=exchange.quote_mint,
            program_id=self.config.program_id,
        )
        return self._candidate(key, "resolve_bankruptcy", [instruction], 0, factor, 0)

    def _candidate(
        self,
        key: Pubkey,
        action: str,
        instructions: list[Instruction],
        reward: int,
        factor: float,
        size: int,
    ) -> Candidate:
        return Candidate(
            (-float(reward), factor, -float(size)), key, action, instructions, reward, factor
        )

    def _oracle(self, key: Pubkey, owner: PerpMarket | CollateralAsset) -> Any:
        return read_oracle(
            self.state.oracles[key],
            slot=self.state.slot,
            max_staleness_slots=owner.max_staleness_slots,
            max_confidence_bps=owner.max_confidence_bps,
        )

    # --- instructions --------------------------------------------------------------------

    def _health_metas(self, account: MarginAccount | None, **new: Any) -> list[Any]:
        return ix.health_accounts(
            account,
            assets=self.state.assets,
            markets=self.state.markets,
            program_id=self.config.program_id,
            **new,
        )

    def _clear_flag(self, key: Pubkey, account: MarginAccount) -> Candidate:
        market = self.state.markets[min(self.state.markets)]
        instruction = liq.force_cancel_orders(
            margin_account=key,
            market_index=market.index,
            orderbook=market.orderbook,
            health_accounts=self._health_metas(account),
            program_id=self.config.program_id,
        )
        return self._candidate(key, "clear_liquidation_flag", [instruction], 0, 1.0, 0)

    def _cancel_ixs(self, key: Pubkey, account: MarginAccount) -> list[Instruction]:
        markets = sorted({order.market_index for order in account.active_open_orders()})
        metas = self._health_metas(account)
        return [
            liq.force_cancel_orders(
                margin_account=key,
                market_index=index,
                orderbook=self.state.markets[index].orderbook,
                health_accounts=metas,
                program_id=self.config.program_id,
            )
            for index in markets
        ]

    def _quote_mint(self) -> Pubkey:
        exchange = self.state.exchange
        assert exchange is not None
        return exchange.quote_mint

    def _own(self) -> MarginAccount | None:
        return self.state.margins.get(self.own_margin)

    def _liquidate_perp_ix(
        self, key: Pubkey, account: MarginAccount, market: PerpMarket, lots: int
    ) -> Instruction:
        return liq.liquidate_perp(
            liqee=key,
            liquidator=self.own_margin,
            liquidator_owner=self.payer.pubkey(),
            market_index=market.index,
            oracle=market.oracle,
            quote_mint=self._quote_mint(),
            liqee_health_accounts=self._health_metas(account),
            liquidator_health_accounts=self._health_metas(
                self._own(), new_market_index=market.index
            ),
            max_base_lots=max(lots, 1),
            program_id=self.config.program_id,
        )

    def _liquidate_collateral_ix(
        self, key: Pubkey, account: MarginAccount, asset: CollateralAsset, amount: int
    ) -> Instruction:
        return liq.liquidate_collateral(
            liqee=key,
            liquidator=self.own_margin,
            liquidator_owner=self.payer.pubkey(),
            mint=asset.mint,
            oracle=asset.oracle,
            quote_mint=self._quote_mint(),
            liqee_health_accounts=self._health_metas(account),
            liquidator_health_accounts=self._health_metas(self._own(), new_asset_index=asset.index),
            max_amount=max(amount, 1),
            program_id=self.config.program_id,
        )

    def _guard(self, candidate: Candidate) -> list[Instruction]:
        """The keeper's own health guard, for actions that change its account."""
        if candidate.action not in ("liquidate_perp", "liquidate_collateral"):
            return []
        last = candidate.instructions[-1]
        liquidator_metas = list(last.accounts)[
            ix.named_account_count(candidate.action) + self._liqee_count(last) :
        ]
        settings: LiquidatorSettings = self.settings
        return [
            liq.health_guard(
                margin_account=self.own_margin,
                health_accounts=liquidator_metas,
                min_init_health=settings.min_own_init_health,
                program_id=self.config.program_id,
            )
        ]

    @staticmethod
    def _liqee_count(instruction: Instruction) -> int:
        # liqee_health_accounts is the last byte of both liquidation instructions' args.
        return int(bytes(instruction.data)[-1])

    # --- acting --------------------------------------------------------------------------

    async def classify_failure(self, action: str, outcome: SendOutcome) -> SendOutcome:
        """A stale-view error is a lost race when the account changed since the plan."""
        if outcome.error_code not in STALE_VIEW_CODES or self.acting is None:
            return outcome
        address, planned = self.acting
        await self.refresh([address])
        if self.state.margins.get(address) == planned:
            return outcome  # nothing changed: a real failure (e.g. wrong accounts)
        self.log.info(
            "liquidation_stale_view", account=address, action=action, error_code=outcome.error_code
        )
        return dataclasses.replace(outcome, status=SendStatus.OUTCOMPETED)

    async def act(self, candidate: Candidate) -> None:
        """Send one candidate's action with the guard; count and back off."""
        keeper = self.metrics.keeper
        self.attempts.labels(keeper, candidate.action).inc()
        self.acting = (candidate.address, self.state.margins.get(candidate.address))
        outcome = await self.execute(
            candidate.action, [*candidate.instructions, *self._guard(candidate)]
        )
        if outcome.landed:
            self.successes.labels(keeper, candidate.action).inc()
            self.backoffs.pop(candidate.address, None)
            if candidate.reward > 0:
                self.reward.labels(keeper).inc(candidate.reward)
            self.landed.append((candidate.action, candidate.address, outcome.slot or 0))
            await self.refresh([candidate.address, self.own_margin])
            exchange = self.state.exchange
            account = self.state.margins.get(candidate.address)
            if exchange is not None and account is not None:
                try:
                    if not self._needs_action(exchange, account, self.state.health(account)):
                        self._recovered(candidate.address)
                except errors.KairosError:
                    pass
            return
        if outcome.status is SendStatus.OUTCOMPETED:
            self.outcompeted.labels(keeper, candidate.action).inc()
            await self.refresh([candidate.address])
            return
        settings: LiquidatorSettings = self.settings
        backoff = self.backoffs.setdefault(candidate.address, Backoff())
        backoff.failures += 1
        delay = min(
            settings.backoff_seconds * 2 ** (backoff.failures - 1), settings.max_backoff_seconds
        )
        backoff.not_before = time.monotonic() + delay
        self.log.warning(
            "liquidation_backoff",
            account=candidate.address,
            action=candidate.action,
            failures=backoff.failures,
            seconds=delay,
            reason=outcome.reason,
        )
        await self.refresh([candidate.address])
