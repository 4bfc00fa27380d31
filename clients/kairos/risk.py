"""Portfolio risk limits, mirrored exactly from the program.

See docs/ARCHITECTURE.md, "Portfolio risk limits", and programs/kairos/src/risk/. Pure
functions on decoded accounts, integer for integer the program's arithmetic:

- :func:`check_published` — what ``publish_risk_params`` accepts (ranges, symmetry, unit
  diagonal, and the fixed-point LDLᵀ PSD check of ``C + τI``);
- :func:`check_limit_ranges`, :func:`check_limit_caps`, :func:`tighter` — what
  ``create_risk_limits`` / ``set_risk_limits`` accept and apply;
- :func:`exposures` — what the health walk records (equity, signed exposure per position);
- :func:`evaluate` — every metric, the checkpoints it writes, and the error a
  risk-increasing action would get (:func:`explain_refusal` says it before sending).

Every figure is an integer in quote native units or bps; :data:`UNBOUNDED` (2^64 − 1) marks
a ratio against no equity, or a figure that could not be measured.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Mapping, Sequence

from solders.pubkey import Pubkey

from kairos import errors
from kairos.accounts import (
    CollateralAsset,
    MarginAccount,
    Oracle,
    PerpMarket,
    RiskLimits,
    RiskLimitValues,
    RiskMetrics,
    RiskParameters,
)
from kairos.math.funding import pending_funding
from kairos.math.health import (
    _quote_term,
    checked_i64,
    checked_u64,
    collateral_value,
    health_breakdown,
    lot_prices,
    pending_socialized_loss,
    read_oracle,
    scenario_value,
    scenario_values,
)
from kairos.risk_pda import RISK_LIMITS_SEED as RISK_LIMITS_SEED
from kairos.risk_pda import RISK_PARAMETERS_SEED as RISK_PARAMETERS_SEED
from kairos.risk_pda import risk_limits_address as risk_limits_address
from kairos.risk_pda import risk_parameters_address as risk_parameters_address

MAX_RISK_FACTORS = 16
CORRELATION_ONE = 10_000
VOLATILITY_ONE = 1_000_000
VAR_Z_MILLIS = 2_326
LDL_SCALE = 10_240_000
"""Fixed-point scale of the PSD check: 1e-4 × 1024, so a correlation in bps converts exactly."""
PSD_TOLERANCE = 2_500
"""τ × LDL_SCALE: matrices with smallest eigenvalue > −τ (≈ −2.44e-4) pass."""
QUADRATIC_BITS = 20
DAY_SECONDS = 86_400
UNBOUNDED = 2**64 - 1
BPS = 10_000

MAX_RATIO_BPS = 10_000_000
MAX_SHARE_BPS = 10_000
MAX_COOLDOWN_SECONDS = 2_592_000
I64_MAX = 2**63 - 1
I64_MIN = -(2**63)


class RiskLimitKind(enum.IntEnum):
    """The IDL's RiskLimitKind: the index of a limit in headroom and events."""

    LEVERAGE = 0
    POSITION_SIZE = 1
    CONCENTRATION = 2
    DAILY_LOSS = 3
    DRAWDOWN = 4
    VALUE_AT_RISK = 5
    CORRELATED_EXPOSURE = 6
    LIQUIDITY = 7


BREACH_ERRORS: dict[RiskLimitKind, type[errors.KairosProgramError]] = {
    RiskLimitKind.LEVERAGE: errors.RiskLeverageLimit,
    RiskLimitKind.POSITION_SIZE: errors.RiskPositionLimit,
    RiskLimitKind.CONCENTRATION: errors.RiskConcentrationLimit,
    RiskLimitKind.DAILY_LOSS: errors.RiskDailyLossLimit,
    RiskLimitKind.DRAWDOWN: errors.RiskDrawdownLimit,
    RiskLimitKind.VALUE_AT_RISK: errors.RiskVarLimit,
    RiskLimitKind.CORRELATED_EXPOSURE: errors.RiskCorrelatedExposureLimit,
    RiskLimitKind.LIQUIDITY: errors.RiskLiquidityLimit,
}
"""The error a risk-increasing action gets for each breached limit."""

LIMIT_FIELDS = (
    "max_leverage_bps",
    "max_position_bps",
    "max_concentration_bps",
    "max_daily_loss_bps",
    "max_drawdown_bps",
    "max_var_bps",
    "max_correlated_exposure_bps",
    "max_liquidity_take_bps",
)
"""The bound of each RiskLimitKind in RiskLimitValues."""

_BOUND_FIELDS = (*LIMIT_FIELDS, "liquidity_band_bps")


# --- publishing -----------------------------------------------------------------------


def _trunc_div(numerator: int, divisor: int) -> int:
    """Division rounding toward zero (the program's i64_div_trunc)."""
    quotient = abs(numerator) // abs(divisor)
    return quotient if (numerator < 0) == (divisor < 0) else -quotient


def ldl_min_pivot(correlation_bps: Sequence[int], factor_count: int) -> int:
    """The smallest LDLᵀ pivot of ``C + τI`` (scale :data:`LDL_SCALE`), as the program.

    Raises ``CorrelationNotPositiveSemiDefinite`` when a pivot is <= 0 or an
    intermediate leaves i64 (which a positive definite matrix never does).
    """
    n = factor_count
    m = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i, n):
            m[i][j] = correlation_bps[i * MAX_RISK_FACTORS + j] * (LDL_SCALE // CORRELATION_ONE)
            if i == j:
                m[i][j] += PSD_TOLERANCE
    smallest = I64_MAX
    for k in range(n):
        pivot = m[k][k]
        if pivot <= 0:
            raise errors.CorrelationNotPositiveSemiDefinite()
        smallest = min(smallest, pivot)
        for i in range(k + 1, n):
            a = m[k][i]
            if a == 0:
                continue
            for j in range(i, n):
                product = a * m[k][j]
                if not I64_MIN <= product <= I64_MAX:
                    raise errors.CorrelationNotPositiveSemiDefinite()
                value = m[i][j] - _trunc_div(product, pivot)
                if not I64_MIN <= value <= I64_MAX:
                    raise errors.CorrelationNotPositiveSemiDefinite()
                m[i][j] = value
    return smallest


def check_published(
    *,
    volatility_ppm: Sequence[int],
    correlation_bps: Sequence[int],
    max_staleness_slots: int,
    half_life_seconds: int,
    factor_count: int,
    stored_factor_count: int,
) -> int:
    """What ``publish_risk_params`` checks; returns the smallest pivot (its event's ``min_pivot``).

    ``volatility_ppm`` has 16 entries and ``correlation_bps`` 256 (row-major 16 × 16).
    Raises ``RiskParametersInvalid`` or ``CorrelationNotPositiveSemiDefinite``.
    """
    if (
        factor_count != stored_factor_count
        or not 0 < factor_count <= MAX_RISK_FACTORS
        or max_staleness_slots == 0
        or half_life_seconds == 0
        or len(volatility_ppm) != MAX_RISK_FACTORS
        or len(correlation_bps) != MAX_RISK_FACTORS**2
    ):
        raise errors.RiskParametersInvalid()
    for i in range(MAX_RISK_FACTORS):
        vol = volatility_ppm[i]
        if (vol > VOLATILITY_ONE) if i < factor_count else (vol != 0):
            raise errors.RiskParametersInvalid()
        for j in range(MAX_RISK_FACTORS):
            c = correlation_bps[i * MAX_RISK_FACTORS + j]
            if not (i < factor_count and j < factor_count):
                if c != 0:
                    raise errors.RiskParametersInvalid()
                continue
            if (
                not -CORRELATION_ONE <= c <= CORRELATION_ONE
                or (i == j and c != CORRELATION_ONE)
                or c != correlation_bps[j * MAX_RISK_FACTORS + i]
            ):
                raise errors.RiskParametersInvalid()
    return ldl_min_pivot(correlation_bps, factor_count)


def correlation_to_bps(matrix: Sequence[Sequence[float]]) -> list[int]:
    """A correlation matrix (n ≤ 16, floats) as the 256 row-major bps the program takes.

    Rounds to the nearest bps and forces the diagonal to exactly 10,000. The result
    must still pass the PSD check: a publisher shrinks a nearly singular matrix
    towards the identity first.
    """
    n = len(matrix)
    if n > MAX_RISK_FACTORS:
        raise ValueError(f"at most {MAX_RISK_FACTORS} factors")
    out = [0] * MAX_RISK_FACTORS**2
    for i in range(n):
        for j in range(n):
            value = CORRELATION_ONE if i == j else round(matrix[i][j] * CORRELATION_ONE)
            out[i * MAX_RISK_FACTORS + j] = max(-CORRELATION_ONE, min(CORRELATION_ONE, value))
    return out


# --- limits ---------------------------------------------------------------------------


def limit_values(*, loosen_cooldown_seconds: int = DAY_SECONDS, **bounds: int) -> RiskLimitValues:
    """Limits with every bound off (0) unless named; a loosening waits the cooldown."""
    unknown = set(bounds) - set(_BOUND_FIELDS)
    if unknown:
        raise TypeError(f"not a risk limit: {sorted(unknown)}")
    return RiskLimitValues(
        **{name: bounds.get(name, 0) for name in _BOUND_FIELDS},
        loosen_cooldown_seconds=loosen_cooldown_seconds,
    )


def check_limit_ranges(values: RiskLimitValues) -> None:
    """Raise ``RiskLimitsInvalid`` unless every limit is in range (the program's ranges)."""
    if (
        values.max_leverage_bps > MAX_RATIO_BPS
        or values.max_position_bps > MAX_RATIO_BPS
        or values.max_correlated_exposure_bps > MAX_RATIO_BPS
        or values.max_concentration_bps > MAX_SHARE_BPS
        or values.max_daily_loss_bps > MAX_SHARE_BPS
        or values.max_drawdown_bps > MAX_SHARE_BPS
        or values.max_var_bps > MAX_SHARE_BPS
        or values.max_liquidity_take_bps > MAX_SHARE_BPS
        or values.liquidity_band_bps > MAX_SHARE_BPS
        or (values.max_liquidity_take_bps != 0 and values.liquidity_band_bps == 0)
        or values.loosen_cooldown_seconds > MAX_COOLDOWN_SECONDS
    ):
        raise errors.RiskLimitsInvalid()


def check_limit_caps(values: RiskLimitValues, caps: RiskLimitValues) -> None:
    """Raise ``RiskLimitAboveCap`` unless ``values`` are within the exchange's ``caps``."""
    for name in _BOUND_FIELDS:
        if name == "liquidity_band_bps" and values.max_liquidity_take_bps == 0:
            continue
        cap = getattr(caps, name)
        value = getattr(values, name)
        if cap != 0 and (value == 0 or value > cap):
            raise errors.RiskLimitAboveCap()
    if values.loosen_cooldown_seconds < caps.loosen_cooldown_seconds:
        raise errors.RiskLimitAboveCap()


def tighter(a: RiskLimitValues, b: RiskLimitValues) -> RiskLimitValues:
    """Per limit the tighter of ``a`` and ``b`` (0 is no limit; the longer cooldown)."""
    values: dict[str, int] = {}
    for name in _BOUND_FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        values[name] = y if x == 0 else x if y == 0 else min(x, y)
    values["loosen_cooldown_seconds"] = max(a.loosen_cooldown_seconds, b.loosen_cooldown_seconds)
    return RiskLimitValues(**values)


def loosens(requested: RiskLimitValues, active: RiskLimitValues) -> bool:
    """True when ``set_risk_limits(requested)`` would queue a loosening (the cooldown applies)."""
    return tighter(requested, active) != requested


# --- evaluation -----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Exposure:
    """One position as the health walk records it for the risk limits."""

    oracle: Pubkey
    exposure: int
    """Signed quote native: collateral value at the low price; perp larger-scenario notional."""
    index: int
    is_perp: bool


@dataclasses.dataclass(frozen=True)
class Exposures:
    """The account's quote term, equity and positions (the program's HealthExposures)."""

    quote_term: int
    equity: int
    items: tuple[Exposure, ...]
    maint_requirement: int
    weighted_collateral: int


def exposures(
    account: MarginAccount,
    *,
    assets: Mapping[int, CollateralAsset],
    markets: Mapping[int, PerpMarket],
    oracles: Mapping[Pubkey, Oracle],
    quote_decimals: int,
    slot: int,
    unix_timestamp: int | None = None,
) -> Exposures:
    """What the program's health walk records when risk limits are checked.

    Equity = quote term + Σ collateral value at the oracle's low price + Σ perp PnL of
    each position as it is (no open orders) at the health prices, less what it owes.
    Raises the health walk's errors (stale oracle, mismatch, overflow).
    """
    health = health_breakdown(
        account,
        assets=assets,
        markets=markets,
        oracles=oracles,
        quote_decimals=quote_decimals,
        slot=slot,
        unix_timestamp=unix_timestamp,
    )
    quote_term = _quote_term(account, assets, unix_timestamp)
    equity = quote_term
    items: list[Exposure] = []
    for position in account.active_collateral():
        asset = assets[position.asset_index]
        oracle = read_oracle(
            oracles[asset.oracle],
            slot=slot,
            max_staleness_slots=asset.max_staleness_slots,
            max_confidence_bps=asset.max_confidence_bps,
        )
        value = checked_i64(
            checked_u64(
                collateral_value(
                    position.amount,
                    oracle.low,
                    exponent=oracle.exponent,
                    quote_decimals=quote_decimals,
                    asset_decimals=asset.decimals,
                )
            )
        )
        items.append(Exposure(asset.oracle, value, position.asset_index, False))
        equity = checked_i64(equity + value)
    for perp in account.active_perp_positions():
        market = markets[perp.market_index]
        oracle = read_oracle(
            oracles[market.oracle],
            slot=slot,
            max_staleness_slots=market.max_staleness_slots,
            max_confidence_bps=market.max_confidence_bps,
        )
        prices = lot_prices(oracle, market, quote_decimals)
        owed = pending_socialized_loss(perp, market)
        funding = pending_funding(perp, market)
        if owed or funding:
            quote = checked_i64(checked_i64(perp.quote_position - owed) - funding)
            perp = dataclasses.replace(perp, quote_position=quote)
        bids, asks = scenario_values(perp, prices)
        bids_larger = bids.notional > asks.notional
        larger = bids.notional if bids_larger else asks.notional
        base = (
            perp.base_lots + perp.bids_base_lots
            if bids_larger
            else perp.base_lots - perp.asks_base_lots
        )
        exposure = checked_i64(-larger if base < 0 else larger)
        now = scenario_value(perp.base_lots, perp.quote_position, prices)
        items.append(Exposure(market.oracle, exposure, perp.market_index, True))
        equity = checked_i64(equity + now.pnl)
    return Exposures(
        quote_term,
        equity,
        tuple(items),
        health.maint_requirement,
        health.weighted_collateral,
    )


def share_bps(value: int, base: int) -> int:
    """``value × 10,000 / base`` (floor); 0 for no value; :data:`UNBOUNDED` against base <= 0."""
    if value == 0:
        return 0
    if base <= 0:
        return UNBOUNDED
    ratio = value * BPS // base
    return ratio if ratio < 2**64 else UNBOUNDED


def _drop_bps(reference: int, equity: int) -> int:
    if equity >= reference:
        return 0
    return share_bps(reference - equity, reference)


def quadratic_root(
    terms: Sequence[int], factors: Sequence[int], correlation_bps: Sequence[int], multiplier: int
) -> int:
    """``sqrt(Σ d_f d_g ρ_fg) × multiplier / 1000`` with the program's 20-bit cut of each term."""
    largest = max((abs(t) for t in terms), default=0)
    if largest == 0:
        return 0
    shift = max(largest.bit_length() - QUADRATIC_BITS, 0)
    d = [(abs(t) >> shift) * (-1 if t < 0 else 1) for t in terms]
    total = 0
    for i, f in enumerate(factors):
        total += d[i] * d[i] * CORRELATION_ONE
        cross = sum(
            d[j] * correlation_bps[f * MAX_RISK_FACTORS + factors[j]]
            for j in range(i + 1, len(factors))
        )
        total += 2 * d[i] * cross
    root = math.isqrt(max(total, 0))
    return checked_u64(root * multiplier * (1 << shift) // 100_000)


def params_fresh(params: RiskParameters, slot: int) -> bool:
    """Published, with factors, and no older than its staleness bound at ``slot``."""
    return (
        params.max_staleness_slots != 0
        and params.factor_count != 0
        and slot >= params.publish_slot
        and slot - params.publish_slot <= params.max_staleness_slots
    )


@dataclasses.dataclass(frozen=True)
class RiskEvaluation:
    """:func:`evaluate`'s result: the metrics, the limits' state after it, and its outcome."""

    metrics: RiskMetrics
    values: tuple[int, ...]
    """Per :class:`RiskLimitKind`, the figure compared with its bound."""
    limits: RiskLimits
    """The RiskLimits as the instruction leaves it (checkpoints, pending applied, reduce-only)."""
    error: type[errors.KairosProgramError] | None
    """What a risk-increasing action gets (None: it passes)."""
    breaches: tuple[tuple[RiskLimitKind, int, int], ...]
    """Reduce-only transitions a view or reducing action records: (limit, value, bound)."""


def apply_pending(limits: RiskLimits, params: RiskParameters, now: int) -> RiskLimits:
    """A pending loosening whose time has come applies (dropped if the caps refuse it)."""
    if limits.pending_effective_timestamp == 0 or now < limits.pending_effective_timestamp:
        return limits
    active = limits.active
    try:
        check_limit_caps(limits.pending, params.caps)
        active = limits.pending
    except errors.RiskLimitAboveCap:
        pass
    zero = RiskLimitValues(*([0] * 10))
    return dataclasses.replace(limits, active=active, pending=zero, pending_effective_timestamp=0)


def evaluate(
    limits: RiskLimits,
    params: RiskParameters,
    found: Exposures,
    *,
    slot: int,
    unix_timestamp: int,
    increasing: bool = True,
    withdrawn_value: int = 0,
    withdrawal: bool = False,
    taken_lots: int = 0,
    depth_lots: int | None = None,
) -> RiskEvaluation:
    """Every risk metric as the program computes it, and what the action would get.

    ``increasing``: a risk-increasing action (refused on any breach or while
    reduce-only); else a view or a reducing action (records daily-loss and drawdown
    reduce-only transitions). ``withdrawal`` with ``withdrawn_value``: a withdrawal (its
    value comes off the checkpoints first; it passes reduce-only when no perp exposure is
    left). ``depth_lots``: the liquidity limit's depth (None: not measured, as for
    actions other than orders).
    """
    now = unix_timestamp
    limits = apply_pending(limits, params, now)
    active = limits.active
    equity = found.equity
    state = {field.name: getattr(limits, field.name) for field in dataclasses.fields(limits)}
    if withdrawn_value:
        for key in ("day_open_equity", "high_water_mark"):
            value = state[key]
            if value > 0:
                state[key] = 0 if value <= withdrawn_value else value - withdrawn_value
    day = now // DAY_SECONDS + 1
    if state["day_index"] != day:
        if state["day_index"] == 0:
            state["high_water_mark"] = equity
        state["day_index"] = day
        state["day_open_equity"] = equity
    if equity > state["high_water_mark"]:
        state["high_water_mark"] = equity
    if state["reduce_only_until"] != 0 and state["reduce_only_until"] <= now:
        state["reduce_only_until"] = 0
        state["reduce_only_reason"] = 0
    state["last_equity"] = equity

    gross_exposure = max(found.quote_term, 0)
    gross_notional = 0
    largest_position = 0
    for item in found.items:
        magnitude = abs(item.exposure)
        gross_exposure = checked_u64(gross_exposure + magnitude)
        if item.is_perp:
            gross_notional = checked_u64(gross_notional + magnitude)
            largest_position = max(largest_position, magnitude)

    # Factors in first-seen order; the first unmapped position stops the grouping.
    order: list[int] = []
    net: dict[int, int] = {}
    gross: dict[int, int] = {}
    mapped = True
    for item in found.items:
        table = params.perp_factor if item.is_perp else params.collateral_factor
        slot_id = table[item.index] if item.index < len(table) else 0
        if slot_id == 0 or slot_id > params.factor_count:
            mapped = False
            break
        f = slot_id - 1
        if f not in net:
            order.append(f)
            net[f] = 0
            gross[f] = 0
        net[f] = checked_i64(net[f] + item.exposure)
        gross[f] = checked_u64(gross[f] + abs(item.exposure))
    concentration = (
        share_bps(max(gross.values(), default=0), gross_exposure) if mapped else UNBOUNDED
    )
    measured = mapped and params_fresh(params, slot)
    if measured:
        scaled = [
            checked_i64(_trunc_div(net[f] * params.volatility_ppm[f], VOLATILITY_ONE))
            for f in order
        ]
        var_quote = quadratic_root(scaled, order, params.correlation_bps, VAR_Z_MILLIS)
        correlated = quadratic_root([net[f] for f in order], order, params.correlation_bps, 1_000)
        var_bps = share_bps(var_quote, equity)
        correlated_bps = share_bps(correlated, equity)
    else:
        var_quote = var_bps = correlated = correlated_bps = UNBOUNDED
    liquidity = 0
    if depth_lots is not None and taken_lots != 0:
        liquidity = UNBOUNDED if depth_lots == 0 else min(taken_lots * BPS // depth_lots, UNBOUNDED)
    values = (
        share_bps(gross_notional, equity),
        share_bps(largest_position, equity),
        concentration,
        _drop_bps(state["day_open_equity"], equity),
        _drop_bps(state["high_water_mark"], equity),
        var_bps,
        correlated_bps,
        liquidity,
    )
    bounds = [getattr(active, name) for name in LIMIT_FIELDS]
    headroom = tuple(
        I64_MAX if bound == 0 else I64_MIN if value >= I64_MAX else bound - value
        for bound, value in zip(bounds, values, strict=True)
    )
    error: type[errors.KairosProgramError] | None = None
    breaches: list[tuple[RiskLimitKind, int, int]] = []
    if not increasing:
        for kind in (RiskLimitKind.DAILY_LOSS, RiskLimitKind.DRAWDOWN):
            if bounds[kind] and values[kind] > bounds[kind] and state["reduce_only_until"] <= now:
                state["reduce_only_until"] = (now // DAY_SECONDS + 1) * DAY_SECONDS
                state["reduce_only_reason"] = int(kind) + 1
                state["last_breach_timestamp"] = now
                state["reset_armed"] = 1
                breaches.append((kind, values[kind], bounds[kind]))
    elif state["reduce_only_until"] > now and not (withdrawal and gross_notional == 0):
        error = errors.RiskReduceOnly
    elif (active.max_var_bps or active.max_correlated_exposure_bps) and not measured:
        error = errors.RiskParametersStale if mapped else errors.RiskFactorMissing
    elif active.max_concentration_bps and not mapped:
        error = errors.RiskFactorMissing
    else:
        for kind in RiskLimitKind:
            if bounds[kind] and values[kind] > bounds[kind]:
                error = BREACH_ERRORS[kind]
                break
    metrics = RiskMetrics(
        equity=equity,
        day_open_equity=state["day_open_equity"],
        high_water_mark=state["high_water_mark"],
        gross_notional=gross_notional,
        leverage_bps=values[0],
        max_position_bps=values[1],
        concentration_bps=concentration,
        daily_loss_bps=values[3],
        drawdown_bps=values[4],
        var_quote=var_quote,
        var_bps=var_bps,
        correlated_exposure_quote=correlated,
        correlated_exposure_bps=correlated_bps,
        maint_requirement=found.maint_requirement,
        weighted_collateral=found.weighted_collateral,
        utilization_bps=share_bps(found.maint_requirement, found.weighted_collateral),
        reduce_only_until=state["reduce_only_until"],
        headroom=headroom,
    )
    return RiskEvaluation(metrics, values, RiskLimits(**state), error, tuple(breaches))


def explain_refusal(evaluation: RiskEvaluation) -> str | None:
    """A sentence naming the limit a risk-increasing action would break (None: it passes)."""
    error = evaluation.error
    if error is None:
        return None
    for kind, cls in BREACH_ERRORS.items():
        if cls is error:
            value = evaluation.values[kind]
            bound = getattr(evaluation.limits.active, LIMIT_FIELDS[kind])
            shown = "unbounded" if value == UNBOUNDED else f"{value} bps"
            return (
                f"{error.__name__}: {kind.name.lower()} would be {shown}, the limit is {bound} bps"
            )
    return f"{error.__name__}: {error.default_message}"


def decode_metrics(return_data: bytes) -> RiskMetrics:
    """compute_risk's return data (borsh RiskMetrics) as a :class:`RiskMetrics`."""
    fields = [
        int.from_bytes(return_data[i * 8 : i * 8 + 8], "little", signed=False)
        for i in range(len(return_data) // 8)
    ]
    signed = {0, 1, 2, 16}

    def value(i: int) -> int:
        raw = fields[i]
        return raw - 2**64 if (i in signed or i >= 17) and raw >= 2**63 else raw

    names = [f.name for f in dataclasses.fields(RiskMetrics)][:-1]
    if len(fields) != len(names) + len(RiskLimitKind):
        raise ValueError(f"RiskMetrics is {8 * (len(names) + 8)} bytes, got {len(return_data)}")
    kwargs = {name: value(i) for i, name in enumerate(names)}
    return RiskMetrics(
        **kwargs, headroom=tuple(value(len(names) + k) for k in range(len(RiskLimitKind)))
    )


def with_resting_order(
    account: MarginAccount, market_index: int, side: int, price: int, lots: int
) -> MarginAccount:
    """The account as the program leaves it after a limit order that rests in full.

    For explaining a refusal before sending (:func:`evaluate` then
    :func:`explain_refusal`): the order's lots and notional are reserved on its side
    (``side`` 0 = bid, 1 = ask), in the market's position slot or the first free one.
    An order that would fill needs the book and is not modelled here.
    """
    positions = list(account.perp_positions)
    index = next(
        (i for i, p in enumerate(positions) if p.is_active and p.market_index == market_index),
        None,
    )
    if index is None:
        index = next((i for i, p in enumerate(positions) if not p.is_active), None)
        if index is None:
            raise errors.PerpPositionLimit()
        positions[index] = dataclasses.replace(
            positions[index], market_index=market_index, active=1
        )
    position = positions[index]
    notional = checked_u64(price * lots)
    if side == 0:
        position = dataclasses.replace(
            position,
            bids_base_lots=checked_u64(position.bids_base_lots + lots),
            bids_quote=checked_u64(position.bids_quote + notional),
        )
    else:
        position = dataclasses.replace(
            position,
            asks_base_lots=checked_u64(position.asks_base_lots + lots),
            asks_quote=checked_u64(position.asks_quote + notional),
        )
    positions[index] = position
    return dataclasses.replace(account, perp_positions=tuple(positions))
