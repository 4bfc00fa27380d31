"""The ``risk`` keeper: samples the risk factors' oracles and publishes EWMA figures.

The program's risk limits (docs/ARCHITECTURE.md, "Portfolio risk limits") read a
volatility per risk factor and their correlation matrix from the exchange's
RiskParameters, published by the admin or the key ``set_risk_publisher`` authorised.
This keeper is that publisher:

- it subscribes to the RiskParameters account (its factors are the oracles listed
  there), to each factor's oracle account and to the slot (the runtime's reconnecting
  websocket, with polling while it is down), so every sample reads the newest price
  without an RPC call of its own;
- every ``sample_seconds``, on a fixed time grid, it records each factor's price and
  updates the EWMA estimator (:mod:`kairos_keepers.keepers.risk_support`: log returns,
  half-life ``half_life_seconds``, scaled to one day by ``86,400 / sample_seconds``);
- once every factor has ``min_samples`` returns it rounds the figures to the program's
  units, repairs the matrix until the program's own PSD check passes (checked with the
  exact integer mirror, ``kairos.risk.check_published``, before sending), and publishes
  with ``publish_risk_params`` when a volatility or a correlation moved enough, or when
  the published figures reached ``refresh_fraction`` of their staleness bound.

Restarts: nothing is stored; when the chain holds fresh figures for the same factors,
the estimator starts from them (as if it had watched for a long time) and only the
prices are sampled afresh, so a restart does not need a new warm-up. RPC faults are the
runtime's (retries, backoff; a failed publish is retried at the next sample).
"""

from __future__ import annotations

import collections
import dataclasses
import time
from typing import Any

from kairos import errors
from kairos import instructions as ix
from kairos.accounts import (
    Exchange,
    Oracle,
    RiskLimits,
    RiskParameters,
)
from kairos.pda import exchange_address
from kairos.risk import (
    RiskLimitKind,
    check_published,
    evaluate,
    exposures,
    params_fresh,
    risk_parameters_address,
)
from prometheus_client import Counter, Gauge, Histogram
from solders.pubkey import Pubkey

from kairos_keepers.config import ConfigError, setting
from kairos_keepers.keepers.chain_snapshot import read_snapshot
from kairos_keepers.keepers.risk_support import (
    EwmaEstimator,
    Published,
    Repaired,
    correlation_from_bps,
    publish_reason,
    repair_correlation,
    volatility_to_ppm,
)
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.registry import register
from kairos_keepers.rpc import account_filters
from kairos_keepers.subscriptions import AccountUpdate, SlotUpdate, Subscriptions

HISTORY = 4_096
"""Samples kept in memory (:attr:`RiskKeeper.history`, for inspection and tests)."""
_LATENCY_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0)


@dataclasses.dataclass(frozen=True)
class RiskSettings:
    """``[keepers.risk]`` settings."""

    publish: bool = setting(
        True, "Publish the figures (false: only record breaches, e.g. the admin publishes)."
    )
    sample_seconds: float = setting(
        10.0, "Sample every factor's oracle on a grid of this many seconds.", gt=0
    )
    half_life_seconds: int = setting(
        21_600, "EWMA half-life: a return's weight halves every this many seconds.", ge=1
    )
    min_samples: int = setting(
        30, "Returns every factor needs before the first publish (unless seeded).", ge=2
    )
    max_staleness_slots: int = setting(
        9_000, "Staleness bound published with the figures (slots; 9,000 ≈ 1 h).", ge=1
    )
    refresh_fraction: float = setting(
        0.5, "Republish once the figures reach this share of their staleness bound.", gt=0, le=0.95
    )
    volatility_change_bps: int = setting(
        500, "Publish when a volatility moved by this share of its published value.", ge=1
    )
    volatility_floor_ppm: int = setting(
        1_000, "The volatility change is relative to at least this (ppm/day).", ge=1
    )
    correlation_change_bps: int = setting(
        500, "Publish when a correlation moved by this much (bps of 1).", ge=1, le=20_000
    )
    eigen_floor: float = setting(
        1e-4, "PSD repair: eigenvalues are clipped up to this before shrinking.", gt=0, le=0.5
    )
    breach_scan_seconds: float = setting(
        10.0,
        "Every this often, record daily-loss/drawdown breaches with compute_risk (0: off).",
        ge=0,
    )

    def __post_init__(self) -> None:
        """Cross-field checks (each bound is checked by the loader)."""
        if self.sample_seconds > 0 and self.half_life_seconds < self.sample_seconds:
            raise ConfigError(
                [
                    f"half_life_seconds = {self.half_life_seconds} must be at least "
                    f"sample_seconds = {self.sample_seconds:g} (a shorter half-life forgets a "
                    "return before the next one is sampled)"
                ]
            )


@dataclasses.dataclass(frozen=True)
class Sample:
    """One sample of the factors' prices."""

    monotonic: float
    slot: int
    intervals: int
    prices: dict[Pubkey, float]


@dataclasses.dataclass(frozen=True)
class Publication:
    """A landed publish: what was sent and why."""

    slot: int
    reason: str
    volatility_ppm: tuple[int, ...]
    correlation_bps: tuple[int, ...]
    repair: Repaired
    compute_units: int | None
    latency_seconds: float
    samples: int
    """Samples in :attr:`RiskKeeper.history` when the figures were computed."""


def oracle_price(oracle: Oracle) -> float:
    """The oracle's price as a float (``price × 10^exponent``)."""
    return float(oracle.price) * 10.0**oracle.exponent


@register
class RiskKeeper(Keeper):
    """Samples the risk factors' oracles and publishes EWMA volatilities and correlations."""

    name = "risk"
    description = "Samples oracles, publishes EWMA volatilities and a PSD correlation matrix."
    Settings = RiskSettings

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        settings: RiskSettings = self.settings
        self.estimator = EwmaEstimator(settings.sample_seconds, settings.half_life_seconds)
        self.params_address = risk_parameters_address(self.config.program_id)
        self.params: RiskParameters | None = None
        self.params_slot = -1
        self.oracles: dict[Pubkey, Oracle] = {}
        self.slot = 0
        self.next_sample: float | None = None
        self.history: collections.deque[Sample] = collections.deque(maxlen=HISTORY)
        self.publications: collections.deque[Publication] = collections.deque(maxlen=HISTORY)
        self.seeded = False
        self.last_breach_scan = -float("inf")
        self.recorded: collections.deque[tuple[Any, Pubkey, RiskLimitKind, int, int]] = (
            collections.deque(maxlen=HISTORY)
        )
        """Breaches recorded: (signature, margin account, limit, value bps, bound bps)."""
        self.authorised: bool | None = None
        self._subscribed: set[Pubkey] = set()
        self._updates: Subscriptions | None = None
        self._published: Published | None = None
        """What the keeper last landed, until the subscription shows it (or newer)."""
        registry = self.metrics.registry
        keeper = ("keeper",)
        self.m_publishes = Counter(
            "kairos_keeper_risk_publishes",
            "publish_risk_params transactions that landed, by reason.",
            ("keeper", "reason"),
            registry=registry,
        )
        self.m_latency = Histogram(
            "kairos_keeper_risk_publish_latency_seconds",
            "From the sample that decided a publish to its confirmation.",
            keeper,
            registry=registry,
            buckets=_LATENCY_BUCKETS,
        )
        self.m_last_slot = Gauge(
            "kairos_keeper_risk_last_publish_slot",
            "The RiskParameters' publish slot (whoever published).",
            keeper,
            registry=registry,
        )
        self.m_headroom = Gauge(
            "kairos_keeper_risk_staleness_headroom_slots",
            "Slots until the published figures are stale (negative: stale; none: -max).",
            keeper,
            registry=registry,
        )
        self.m_compute_units = Gauge(
            "kairos_keeper_risk_publish_compute_units",
            "Compute units of the last landed publish.",
            keeper,
            registry=registry,
        )
        self.m_samples = Counter(
            "kairos_keeper_risk_samples",
            "Price samples taken (one per grid point reached).",
            keeper,
            registry=registry,
        )
        self.m_factors = Gauge(
            "kairos_keeper_risk_factors", "Risk factors on the chain.", keeper, registry=registry
        )
        self.m_warm = Gauge(
            "kairos_keeper_risk_warm",
            "1 once every factor has min_samples returns (or was seeded).",
            keeper,
            registry=registry,
        )
        self.m_repairs = Counter(
            "kairos_keeper_risk_repairs",
            "Correlation matrices prepared for publishing, by repair method.",
            ("keeper", "method"),
            registry=registry,
        )
        self.m_shrink = Gauge(
            "kairos_keeper_risk_shrink",
            "The identity's weight mixed into the last published matrix (0: none).",
            keeper,
            registry=registry,
        )

        self.m_watched = Gauge(
            "kairos_keeper_risk_breach_watched_accounts",
            "Accounts of this shard with a daily-loss or drawdown limit (last scan).",
            keeper,
            registry=registry,
        )
        self.m_breaches = Counter(
            "kairos_keeper_risk_breaches_recorded",
            "Daily-loss/drawdown breaches recorded with compute_risk, by limit.",
            ("keeper", "limit"),
            registry=registry,
        )

    # --- subscriptions ----------------------------------------------------------------

    async def start(self) -> None:
        """Subscribe to the RiskParameters and the slot; check the keeper may publish."""
        settings: RiskSettings = self.settings
        if self.config.poll_interval > settings.sample_seconds:
            self.log.warning(
                "poll_interval_above_sample_seconds",
                poll_interval=self.config.poll_interval,
                sample_seconds=settings.sample_seconds,
            )
        self._updates = self.subscriptions()
        self._updates.account(self.params_address)
        self._updates.slots()

    def _apply(self, update: AccountUpdate | SlotUpdate | Any) -> None:
        if isinstance(update, SlotUpdate):
            self.slot = max(self.slot, update.slot)
            return
        if not isinstance(update, AccountUpdate):
            return
        self.slot = max(self.slot, update.slot)
        if update.pubkey == self.params_address:
            if update.account is None:
                self.params = None
            elif update.slot >= self.params_slot:
                self.params = RiskParameters.decode(bytes(update.account.data))
                self.params_slot = update.slot
                self._follow_factors()
            return
        if update.account is not None and update.pubkey in self._subscribed:
            try:
                self.oracles[update.pubkey] = Oracle.decode(bytes(update.account.data))
            except Exception as exc:  # not an oracle: the factor is skipped while it is not
                self.log.warning("oracle_undecodable", oracle=update.pubkey, error=str(exc))
                self.oracles.pop(update.pubkey, None)

    def _factors(self) -> tuple[Pubkey, ...]:
        if self.params is None:
            return ()
        return tuple(self.params.factor_oracles[: self.params.factor_count])

    def _follow_factors(self) -> None:
        factors = self._factors()
        self.m_factors.labels(self.metrics.keeper).set(len(factors))
        if factors != self.estimator.oracles:
            self.log.info("factors", count=len(factors), oracles=[str(k) for k in factors])
            self.estimator.set_oracles(factors)
        new = [key for key in factors if key not in self._subscribed]
        if new and self._updates is not None:
            self._subscribed.update(new)
            self._updates.accounts(new)
        shown = self._published
        if shown is not None and (
            shown.oracles != factors
            or (self.params is not None and self.params.publish_slot >= shown.publish_slot)
        ):
            self._published = None  # the chain shows it (or the factors changed since)

    async def _drain(self) -> None:
        assert self._updates is not None
        while (update := await self._updates.get(timeout=0)) is not None:
            self._apply(update)

    # --- the loop -----------------------------------------------------------------------

    async def tick(self) -> None:
        """Apply what changed; on each grid point sample, estimate and maybe publish.

        Every ``breach_scan_seconds`` also record the daily-loss and drawdown breaches
        no instruction has recorded yet (:meth:`record_breaches`).
        """
        settings: RiskSettings = self.settings
        await self._drain()
        self._report_chain()
        await self._sample()
        now = time.monotonic()
        if (
            settings.breach_scan_seconds > 0
            and self.params is not None
            and not self.stopping
            and now - self.last_breach_scan >= settings.breach_scan_seconds
        ):
            await self.record_breaches()
            self.last_breach_scan = now

    async def _sample(self) -> None:
        settings: RiskSettings = self.settings
        params = self.params
        if params is None or params.factor_count == 0 or self.slot == 0:
            return  # nothing to sample yet (or no slot seen to judge freshness by)
        now = time.monotonic()
        if self.next_sample is None:
            self.next_sample = now
        if now < self.next_sample:
            return
        intervals = 1 + int((now - self.next_sample) // settings.sample_seconds)
        first = not self.history
        self.next_sample += intervals * settings.sample_seconds
        prices = {
            key: oracle_price(self.oracles[key]) for key in self._factors() if key in self.oracles
        }
        if first and params_fresh(params, self.slot):
            self._seed(params)  # a restart: start from the chain's figures
        self.estimator.add_sample(prices, 1 if first else intervals)
        self.history.append(Sample(now, self.slot, intervals, prices))
        self.m_samples.labels(self.metrics.keeper).inc()
        estimates = self.estimator.estimates()
        warm = len(estimates.samples) == params.factor_count and all(
            n >= settings.min_samples for n in estimates.samples
        )
        self.m_warm.labels(self.metrics.keeper).set(1 if warm else 0)
        if warm and settings.publish and not self.stopping:
            await self._maybe_publish(params, estimates.volatility.tolist(), estimates.correlation)

    # --- recording breaches ---------------------------------------------------------------

    async def record_breaches(self) -> int:
        """Send ``compute_risk`` for accounts past a daily-loss or drawdown limit.

        A failed transaction records nothing, so a refused order cannot put an account
        into reduce-only: a succeeding instruction must record the transition (and emit
        ``RiskLimitBreached``). Every scan reads the RiskLimits of this shard's accounts
        that have such a limit and are not reduce-only, values them with the SDK's exact
        mirror, and sends the permissionless view for each that it finds in breach.
        Returns how many were recorded.
        """
        params = self.params
        assert params is not None
        program = self.config.program_id
        _, items = await self.rpc.get_program_accounts(program, account_filters(RiskLimits))
        candidates: list[RiskLimits] = []
        for _key, account in items:
            limits = RiskLimits.decode(bytes(account.data))
            watched = [limits.active]
            if limits.pending_effective_timestamp:
                watched.append(limits.pending)  # may apply at the next evaluation
            if any(v.max_daily_loss_bps or v.max_drawdown_bps for v in watched) and (
                self.shard.owns(limits.margin_account)
            ):
                candidates.append(limits)
        self.m_watched.labels(self.metrics.keeper).set(len(candidates))
        if not candidates:
            return 0
        keys = [c.margin_account for c in candidates]
        snap = await read_snapshot(self.rpc, program, keys)
        assets, markets = snap.assets, snap.markets
        recorded = 0
        for limits, key in zip(candidates, keys, strict=True):
            margin = snap.margins.get(key)
            if margin is None or self.stopping:
                continue
            if limits.reduce_only_until > snap.unix_timestamp:
                continue  # already recorded: reduce-only until the next UTC day
            try:
                found = exposures(
                    margin,
                    assets=assets,
                    markets=markets,
                    oracles=snap.oracles,
                    quote_decimals=snap.quote_decimals,
                    slot=snap.slot,
                    unix_timestamp=snap.unix_timestamp,
                )
            except (errors.KairosProgramError, KeyError) as exc:
                self.log.debug("breach_unvalued", account=key, error=type(exc).__name__)
                continue
            evaluation = evaluate(
                limits,
                params,
                found,
                slot=snap.slot,
                unix_timestamp=snap.unix_timestamp,
                increasing=False,
            )
            if not evaluation.breaches:
                continue
            instruction = ix.compute_risk(
                margin_account=key,
                health_accounts=ix.health_accounts(
                    margin, assets=assets, markets=markets, program_id=program
                ),
                program_id=program,
            )
            outcome = await self.execute("compute_risk", [instruction])
            if outcome.landed:
                recorded += 1
                for kind, value, bound in evaluation.breaches:
                    self.recorded.append((outcome.signature, key, kind, value, bound))
                    self.m_breaches.labels(
                        self.metrics.keeper, RiskLimitKind(kind).name.lower()
                    ).inc()
                    self.log.info(
                        "breach_recorded",
                        account=key,
                        limit=RiskLimitKind(kind).name.lower(),
                        value_bps=value,
                        bound_bps=bound,
                    )
        return recorded

    def _seed(self, params: RiskParameters) -> None:
        n = params.factor_count
        self.estimator.seed(
            [v / 1_000_000 for v in params.volatility_ppm[:n]],
            correlation_from_bps(params.correlation_bps, n),
        )
        self.seeded = True
        self.log.info("seeded_from_chain", publish_slot=params.publish_slot, factors=n)

    def _report_chain(self) -> None:
        params = self.params
        keeper = self.metrics.keeper
        if params is None:
            return
        self.m_last_slot.labels(keeper).set(params.publish_slot)
        if params.publish_slot == 0:
            self.m_headroom.labels(keeper).set(-float(params.max_staleness_slots or 1))
        else:
            headroom = params.publish_slot + params.max_staleness_slots - self.slot
            self.m_headroom.labels(keeper).set(headroom)

    def _chain_view(self, params: RiskParameters) -> Published:
        if self._published is not None:
            return self._published
        return Published(
            oracles=self._factors(),
            publish_slot=params.publish_slot,
            max_staleness_slots=params.max_staleness_slots,
            half_life_seconds=params.half_life_seconds,
            volatility_ppm=tuple(params.volatility_ppm),
            correlation_bps=tuple(params.correlation_bps),
        )

    async def _may_publish(self, params: RiskParameters) -> bool:
        if params.publisher == self.payer.pubkey():
            return True
        if self.authorised is None:
            _, info = await self.rpc.get_account_info(exchange_address(self.config.program_id))
            admin = None if info is None else Exchange.decode(bytes(info.data)).admin
            self.authorised = admin == self.payer.pubkey()
            if not self.authorised:
                self.log.error(
                    "not_the_publisher",
                    payer=self.payer.pubkey(),
                    publisher=params.publisher,
                    hint="the admin authorises this key with set_risk_publisher "
                    "(kairos risk publisher <KEY>)",
                )
        return bool(self.authorised)

    async def _maybe_publish(
        self, params: RiskParameters, volatility: list[float], correlation: Any
    ) -> None:
        settings: RiskSettings = self.settings
        started = time.monotonic()
        n = params.factor_count
        vols = volatility_to_ppm(volatility)
        repaired = repair_correlation(correlation, eigen_floor=settings.eigen_floor)
        reason = publish_reason(
            self._chain_view(params),
            vols,
            repaired.correlation_bps,
            slot=self.slot,
            max_staleness_slots=settings.max_staleness_slots,
            half_life_seconds=settings.half_life_seconds,
            refresh_fraction=settings.refresh_fraction,
            volatility_change_bps=settings.volatility_change_bps,
            correlation_change_bps=settings.correlation_change_bps,
            volatility_floor_ppm=settings.volatility_floor_ppm,
        )
        if reason is None or not await self._may_publish(params):
            return
        try:
            # The program's own checks, integer for integer: never send a refused publish.
            check_published(
                volatility_ppm=vols,
                correlation_bps=repaired.correlation_bps,
                max_staleness_slots=settings.max_staleness_slots,
                half_life_seconds=settings.half_life_seconds,
                factor_count=n,
                stored_factor_count=params.factor_count,
            )
        except errors.KairosProgramError as exc:
            self.log.error("publish_refused_locally", error=type(exc).__name__, reason=reason)
            return
        self.m_repairs.labels(self.metrics.keeper, repaired.method).inc()
        instruction = ix.publish_risk_params(
            publisher=self.payer.pubkey(),
            volatility_ppm=vols,
            correlation_bps=repaired.correlation_bps,
            max_staleness_slots=settings.max_staleness_slots,
            half_life_seconds=settings.half_life_seconds,
            factor_count=n,
            program_id=self.config.program_id,
        )
        outcome = await self.execute("publish_risk_params", [instruction])
        if not outcome.landed:
            return
        latency = time.monotonic() - started
        keeper = self.metrics.keeper
        self.m_publishes.labels(keeper, reason).inc()
        self.m_latency.labels(keeper).observe(latency)
        self.m_shrink.labels(keeper).set(repaired.shrink)
        if outcome.compute_units is not None:
            self.m_compute_units.labels(keeper).set(outcome.compute_units)
        slot = outcome.slot or self.slot
        self._published = Published(
            oracles=self._factors(),
            publish_slot=slot,
            max_staleness_slots=settings.max_staleness_slots,
            half_life_seconds=settings.half_life_seconds,
            volatility_ppm=tuple(vols),
            correlation_bps=tuple(repaired.correlation_bps),
        )
        self.publications.append(
            Publication(
                slot,
                reason,
                tuple(vols),
                tuple(repaired.correlation_bps),
                repaired,
                outcome.compute_units,
                latency,
                len(self.history),
            )
        )
        self.log.info(
            "published",
            reason=reason,
            slot=slot,
            factors=n,
            repair=repaired.method,
            shrink=round(repaired.shrink, 6),
            min_pivot=repaired.min_pivot,
            latency_seconds=round(latency, 3),
            max_volatility_ppm=max(vols[:n]),
        )
