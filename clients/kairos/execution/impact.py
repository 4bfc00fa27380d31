"""Slippage prediction and protection (pure functions, no I/O).

Two predictions of what a taker of ``lots`` pays beyond the best price:

* the **book walk**: the exact cost of taking the current book now
  (:func:`kairos.auctions.estimate_slippage` over the L2 levels);
* the **impact model**: a square-root market-impact law scaled by volatility,
  ``slippage_bps = intercept + coefficient × σ_bps × √(lots / typical_lots)
  + depth_coefficient × √(lots / typical_lots)``, fitted per market by least
  squares (numpy's ``lstsq``) on the recorded taker executions of the indexer's
  ``fills`` table. σ is the realized volatility of the executions' arrival prices
  over a trailing window (only past executions, so a held-out evaluation never
  sees the future).

Conventions: prices are quote native per lot (integers, as on chain); slippage is
in basis points, positive when worse for the taker; a buy has ``side = +1``, a
sell ``side = -1``.

Protection: :func:`dynamic_tolerance_bps` sizes the tolerance from the prediction,
its error, volatility and size against depth; :func:`protective_limits` turns it
into the order's on-chain worst price (rounded to the tick towards the reference,
so never looser) and a ``max_oracle_deviation_bps`` band, both enforced by the
program on every fill (see docs/ARCHITECTURE.md, "Execution quality").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from kairos.auctions import estimate_slippage
from kairos.constants import Side
from kairos.math.orderbook import L2Level

BPS = 10_000
# A z-score of 1.645: the one-sided 95% band of a normal prediction error.
DEFAULT_Z = 1.645
DEFAULT_VOL_WINDOW = 20
MIN_TOLERANCE_BPS = 5
MAX_TOLERANCE_BPS = 2_000
MAX_ORACLE_BAND_BPS = 10_000


@dataclass(frozen=True)
class FillRecord:
    """One taker fill as the indexer stores it (a ``fills`` row with role ``taker``).

    ``base_lots`` > 0 bought, < 0 sold; ``quote`` < 0 paid, > 0 received (native).
    """

    signature: str
    idx: int
    margin_account: str
    slot: int
    block_time: int | None
    base_lots: int
    quote: int
    fee: int = 0


@dataclass(frozen=True)
class Execution:
    """One taker order's fills: the arrival (first, best) price and the average paid."""

    signature: str
    margin_account: str
    slot: int
    block_time: int | None
    side: int
    lots: int
    first_price: float
    average_price: float
    fees: int

    @property
    def slippage_bps(self) -> float:
        """(average − first) / first in bps, positive when worse for the taker."""
        return self.side * (self.average_price - self.first_price) * BPS / self.first_price


def executions_from_fills(fills: Iterable[FillRecord]) -> list[Execution]:
    """Group taker fills by (signature, margin account) into executions, oldest first.

    A transaction's fills are in matching order (``idx``), so the first one traded
    at the best price at arrival. Fills of both signs in one group (two orders in
    one transaction) are split by sign.
    """
    groups: dict[tuple[str, str, int], list[FillRecord]] = {}
    for fill in fills:
        if fill.base_lots == 0:
            continue
        sign = 1 if fill.base_lots > 0 else -1
        groups.setdefault((fill.signature, fill.margin_account, sign), []).append(fill)
    out = []
    for (signature, account, sign), rows in groups.items():
        rows.sort(key=lambda r: r.idx)
        lots = sum(abs(r.base_lots) for r in rows)
        quote = sum(abs(r.quote) for r in rows)
        first = abs(rows[0].quote) / abs(rows[0].base_lots)
        out.append(
            Execution(
                signature,
                account,
                rows[0].slot,
                rows[0].block_time,
                sign,
                lots,
                first,
                quote / lots,
                sum(r.fee for r in rows),
            )
        )
    out.sort(key=lambda e: (e.slot, e.signature))
    return out


def realized_volatility_bps(prices: Sequence[float]) -> float:
    """Standard deviation of consecutive log returns, in bps (0 with fewer than 3 prices)."""
    if len(prices) < 3:
        return 0.0
    logs = np.log(np.asarray(prices, dtype=float))
    return float(np.std(np.diff(logs), ddof=1) * BPS)


def trailing_volatilities(executions: Sequence[Execution], window: int) -> list[float]:
    """σ_bps at each execution from the ``window`` executions before it (never itself)."""
    prices = [e.first_price for e in executions]
    return [realized_volatility_bps(prices[max(0, i - window) : i]) for i in range(len(prices))]


@dataclass(frozen=True)
class ImpactModel:
    """``slippage_bps = a + b × σ_bps × √(lots/typical) + c × √(lots/typical)``.

    ``b`` (``coefficient``) is the square-root law scaled by volatility; ``c``
    (``depth_coefficient``) the part of the impact that the book's shape gives
    whatever the volatility (a market whose σ barely moves is all ``c``).
    ``residual_std_bps`` is the in-sample standard deviation of the errors (the
    confidence band's width); ``volatility_bps`` the latest trailing σ.
    """

    intercept: float
    coefficient: float
    typical_lots: float
    residual_std_bps: float
    volatility_bps: float
    samples: int
    window: int = DEFAULT_VOL_WINDOW
    depth_coefficient: float = 0.0

    def feature(self, lots: int, volatility_bps: float | None = None) -> float:
        """σ_bps × √(lots / typical_lots)."""
        sigma = self.volatility_bps if volatility_bps is None else volatility_bps
        return sigma * math.sqrt(max(lots, 0) / self.typical_lots)

    def predict_bps(self, lots: int, volatility_bps: float | None = None) -> float:
        """Predicted slippage of a taker order of ``lots`` (never below 0)."""
        root = math.sqrt(max(lots, 0) / self.typical_lots)
        return max(
            0.0,
            self.intercept
            + self.coefficient * self.feature(lots, volatility_bps)
            + self.depth_coefficient * root,
        )


def _features(
    executions: Sequence[Execution], sigmas: Sequence[float], typical: float
) -> np.ndarray:
    return np.array(
        [s * math.sqrt(e.lots / typical) for e, s in zip(executions, sigmas, strict=True)]
    )


def fit_impact_model(
    executions: Sequence[Execution], *, window: int = DEFAULT_VOL_WINDOW
) -> ImpactModel:
    """Least-squares fit of the square-root law on ``executions`` (oldest first).

    The first 3 executions (no σ yet) are skipped as samples. Slopes are kept
    non-negative (a negative one drops its feature); with no feature left the
    intercept is the mean slippage.
    """
    if len(executions) < 5:
        raise ValueError("need at least 5 executions to fit an impact model")
    sigmas = trailing_volatilities(executions, window)
    usable = [i for i in range(len(executions)) if i >= 3]
    chosen = [executions[i] for i in usable]
    typical = float(np.median([e.lots for e in chosen]))
    x = _features(chosen, [sigmas[i] for i in usable], typical)
    root = np.array([math.sqrt(e.lots / typical) for e in chosen])
    y = np.array([e.slippage_bps for e in chosen])
    # Least squares over [1, σ√q, √q]; a slope that comes out negative (impact cannot
    # help a taker) drops its feature and the rest is refitted.
    columns = {"vol": x, "depth": root}
    while True:
        kept = [name for name, col in columns.items() if np.ptp(col) > 0]
        design = np.column_stack([np.ones_like(y), *(columns[n] for n in kept)])
        solution, *_ = np.linalg.lstsq(design, y, rcond=None)
        slopes = dict(zip(kept, solution[1:], strict=True))
        negative = [name for name, value in slopes.items() if value < 0]
        if not negative:
            break
        del columns[negative[0]]
    intercept = float(solution[0])
    coefficient = float(slopes.get("vol", 0.0))
    depth = float(slopes.get("depth", 0.0))
    residuals = y - (intercept + coefficient * x + depth * root)
    prices = [e.first_price for e in executions]
    return ImpactModel(
        float(intercept),
        float(coefficient),
        typical,
        float(np.std(residuals, ddof=1)) if len(residuals) > 1 else 0.0,
        realized_volatility_bps(prices[-window:]),
        len(chosen),
        window,
        depth,
    )


@dataclass(frozen=True)
class HoldoutReport:
    """Prediction error of the impact model on the newest executions it was not fitted on.

    ``baseline_mae_bps`` is the error of predicting the training mean slippage for
    every order (what a size-blind model does), for comparison.
    """

    train: int
    test: int
    mae_bps: float
    rmse_bps: float
    baseline_mae_bps: float
    mean_realized_bps: float
    model: ImpactModel


def evaluate_holdout(
    executions: Sequence[Execution],
    *,
    holdout_fraction: float = 0.25,
    window: int = DEFAULT_VOL_WINDOW,
) -> HoldoutReport:
    """Fit on the oldest executions, report errors on the newest ``holdout_fraction``."""
    if not 0 < holdout_fraction < 1:
        raise ValueError("holdout_fraction must be in (0, 1)")
    split = int(len(executions) * (1 - holdout_fraction))
    if split < 5 or split >= len(executions):
        raise ValueError("not enough executions for a held-out evaluation")
    model = fit_impact_model(executions[:split], window=window)
    sigmas = trailing_volatilities(executions, window)
    test = executions[split:]
    predicted = np.array([model.predict_bps(e.lots, sigmas[split + i]) for i, e in enumerate(test)])
    realized = np.array([e.slippage_bps for e in test])
    train_mean = float(np.mean([e.slippage_bps for e in executions[:split]]))
    return HoldoutReport(
        split,
        len(test),
        float(np.mean(np.abs(predicted - realized))),
        float(np.sqrt(np.mean((predicted - realized) ** 2))),
        float(np.mean(np.abs(train_mean - realized))),
        float(np.mean(realized)),
        model,
    )


def dynamic_tolerance_bps(
    expected_bps: float,
    *,
    error_std_bps: float,
    volatility_bps: float,
    lots: int,
    depth_lots: int,
    z: float = DEFAULT_Z,
    floor_bps: int = MIN_TOLERANCE_BPS,
    cap_bps: int = MAX_TOLERANCE_BPS,
) -> int:
    """The tolerance (bps from the reference price) an order should carry.

    expected slippage + z × prediction error + z × σ (one interval's move) grown by
    how much of the visible depth the order takes (√(lots/depth), ≥ 1 when the
    order exceeds the depth); ceiled, clamped to [floor, cap].
    """
    if lots <= 0:
        raise ValueError("lots must be positive")
    if min(expected_bps, error_std_bps, volatility_bps) < 0 or not math.isfinite(expected_bps):
        raise ValueError("expected slippage, error and volatility must be finite and >= 0")
    size_factor = math.sqrt(lots / depth_lots) if depth_lots > 0 else 2.0
    raw = expected_bps + z * error_std_bps + z * volatility_bps * max(1.0, size_factor)
    return int(min(cap_bps, max(floor_bps, math.ceil(raw))))


@dataclass(frozen=True)
class ProtectiveLimits:
    """What the program enforces on every fill of the order."""

    worst_price: int
    """Price per lot no fill may cross (a buy pays at most, a sell receives at least)."""
    max_oracle_deviation_bps: int
    """The order's oracle band: worst price also within this many bps of the oracle."""


def protective_limits(
    side: Side,
    reference_price: int,
    tolerance_bps: int,
    tick_size: int,
    *,
    oracle_price: int | None = None,
) -> ProtectiveLimits:
    """Worst price ``reference × (1 ± tolerance)`` on the tick towards the reference.

    With ``oracle_price`` (per lot), the oracle band is the tolerance plus how far
    the reference sits from the oracle on the taker's unfavourable side (so the
    band never binds tighter than the book reference when the book is already
    off the oracle, and both limits stay enforced on chain).
    """
    if reference_price <= 0 or tick_size <= 0 or tolerance_bps < 0:
        raise ValueError("reference price and tick must be positive, tolerance >= 0")
    if side == Side.BID:
        worst = reference_price * (BPS + tolerance_bps) // BPS
        worst -= worst % tick_size
        worst = max(worst, tick_size)
    else:
        worst = -(-reference_price * (BPS - tolerance_bps) // BPS)
        worst = -(-worst // tick_size) * tick_size
        worst = max(worst, tick_size)
    band = 0
    if oracle_price is not None:
        if oracle_price <= 0:
            raise ValueError("oracle price must be positive")
        gap = (worst - oracle_price) if side == Side.BID else (oracle_price - worst)
        band = max(1, math.ceil(max(0, gap) * BPS / oracle_price))
        band = min(band, MAX_ORACLE_BAND_BPS)
    return ProtectiveLimits(worst, band)


def _marginal_bps(levels: Sequence[L2Level], side: Side, lots: int) -> float:
    """How far (bps) the deepest level a walk of ``lots`` reaches is from the best."""
    if not levels:
        return 0.0
    remaining, last = lots, levels[0].price
    for level in levels:
        if remaining <= 0:
            break
        last = level.price
        remaining -= level.base_lots
    if remaining > 0:
        return 0.0
    best = levels[0].price
    return (last - best if side == Side.BID else best - last) * BPS / best


@dataclass(frozen=True)
class PreTradeEstimate:
    """What a taker of ``lots`` should expect now, and the protection to send with it."""

    side: int
    lots: int
    best_price: int | None
    fillable_lots: int
    book_slippage_bps: float
    """Exact cost of walking the current book (inf when it cannot fill every lot)."""
    model_slippage_bps: float | None
    expected_slippage_bps: float
    band_low_bps: float
    band_high_bps: float
    expected_price: float | None
    volatility_bps: float
    recommended_tolerance_bps: int
    limits: ProtectiveLimits | None
    notes: list[str] = field(default_factory=list)


def pre_trade_estimate(
    levels: Sequence[L2Level],
    side: Side,
    lots: int,
    *,
    tick_size: int,
    model: ImpactModel | None = None,
    oracle_price: int | None = None,
    z: float = DEFAULT_Z,
) -> PreTradeEstimate:
    """Book walk now + impact model → expected price, band and recommended tolerance.

    ``levels`` are the opposite side's L2 levels, best first. The expected slippage
    is the book walk when the book can fill the order (exact now) or the model's
    prediction otherwise; the band is ± z × the model's error (the volatility-only
    band without a model); the tolerance comes from :func:`dynamic_tolerance_bps`.
    """
    if lots <= 0:
        raise ValueError("lots must be positive")
    walk = estimate_slippage(levels, side, lots)
    depth = sum(level.base_lots for level in levels)
    notes: list[str] = []
    sigma = model.volatility_bps if model is not None else 0.0
    model_bps = model.predict_bps(lots) if model is not None else None
    error = model.residual_std_bps if model is not None else 0.0
    if math.isfinite(walk.slippage_bps):
        expected = walk.slippage_bps
    elif model_bps is not None:
        expected = model_bps
        notes.append(f"the book holds {walk.fillable_lots} of {lots} lots: model used")
    else:
        expected = float("inf")
        notes.append(f"the book holds {walk.fillable_lots} of {lots} lots and no model is fitted")
    band = z * error if model is not None else z * sigma
    best = walk.best_price
    expected_price = None
    if best is not None and math.isfinite(expected):
        sign = 1 if side == Side.BID else -1
        expected_price = best * (1 + sign * expected / BPS)
    limits = None
    tolerance = MAX_TOLERANCE_BPS
    if math.isfinite(expected):
        # The tolerance bounds the worst fill, so it starts from the deepest level the
        # walk reaches (the marginal price), not from the average.
        tolerance = dynamic_tolerance_bps(
            max(expected, _marginal_bps(levels, side, lots)),
            error_std_bps=error,
            volatility_bps=sigma,
            lots=lots,
            depth_lots=depth,
            z=z,
        )
    if best is not None:
        limits = protective_limits(side, best, tolerance, tick_size, oracle_price=oracle_price)
    return PreTradeEstimate(
        int(side == Side.BID) * 2 - 1,
        lots,
        best,
        walk.fillable_lots,
        walk.slippage_bps,
        model_bps,
        expected,
        max(0.0, expected - band) if math.isfinite(expected) else expected,
        expected + band,
        expected_price,
        sigma,
        tolerance,
        limits,
        notes,
    )
