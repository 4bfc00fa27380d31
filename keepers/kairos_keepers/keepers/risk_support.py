"""The ``risk`` keeper's math: EWMA volatilities and correlations, and the PSD repair.

Estimator (:class:`EwmaEstimator`), sampling every ``Δ = sample_seconds`` seconds:

- log return of factor i over one interval: ``r_i = ln(p_i(t) / p_i(t − Δ))`` (the
  oracle's ``price × 10^exponent``; the exponent cancels);
- decay per interval ``λ = 2^(−Δ / H)``, ``H`` the half-life: a return's weight halves
  every ``H`` seconds;
- zero mean (RiskMetrics' convention for short horizons), weighted and bias-corrected:
  with weights ``w_k = λ^(T−k)`` of the returns observed so far,
  ``c_ij = Σ w_k r_ik r_jk / Σ w_k`` — kept as two decayed sums updated in O(n²) per
  sample (``S ← λS + r rᵀ``, ``W ← λW + 1``), which equals the weighted average exactly;
- daily volatility ``σ_i = sqrt(c_ii × 86,400 / Δ)`` (square-root-of-time scaling:
  returns independent across intervals);
- correlation ``ρ_ij = Σ w r_i r_j / sqrt(Σ w r_i² · Σ w r_j²)``, the sums taken over
  the intervals where both factors had a return. With every factor sampled since the
  start that is exactly the EWMA correlation (always PSD); a factor added later has a
  shorter window than the others (pairwise-complete estimates), which can make the
  matrix non-PSD: :func:`repair_correlation` makes it acceptable.

A sample that covers ``k > 1`` intervals (the keeper fell behind) decays by ``λ^k`` and
adds ``r rᵀ / k`` (the per-interval variance of a k-interval return).

PSD repair (:func:`repair_correlation`): the program accepts a bps matrix when the
fixed-point LDLᵀ of ``C + τI`` has positive pivots (``kairos.risk.ldl_min_pivot``,
smallest eigenvalue > −τ ≈ −2.44e-4). Rounding a PSD matrix to bps moves eigenvalues by up
to n × 0.5e-4, so a nearly singular matrix can fail after rounding, and a pairwise
estimate can be non-PSD outright. Steps, each checked with the program's exact integer
check: (1) round; (2) clip eigenvalues below ``eigen_floor`` (numpy ``eigh``), rescale
to a unit diagonal, round; (3) shrink towards the identity, ``(1 − s)C + sI``, with the
smallest ``s`` (bisection, to 1/4096) that passes. ``s = 1`` is the identity, which
always passes, so the repair always ends with a publishable matrix.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence

import numpy as np
from kairos import errors
from kairos.risk import (
    CORRELATION_ONE,
    MAX_RISK_FACTORS,
    VOLATILITY_ONE,
    correlation_to_bps,
    ldl_min_pivot,
)
from solders.pubkey import Pubkey

DAY_SECONDS = 86_400
_SHRINK_STEPS = 12  # bisection to 1/4096 of the identity's weight


def decay_per_sample(sample_seconds: float, half_life_seconds: float) -> float:
    """``λ = 2^(−Δ/H)``: the weight a return keeps after one more sampling interval."""
    return float(2.0 ** (-sample_seconds / half_life_seconds))


@dataclasses.dataclass(frozen=True)
class Estimates:
    """The estimator's figures for its factors, in factor order."""

    oracles: tuple[Pubkey, ...]
    volatility: np.ndarray
    """Daily volatility per factor (a fraction: 0.05 = 5 %/day)."""
    correlation: np.ndarray
    """n × n, unit diagonal, entries in [−1, 1] (not necessarily PSD)."""
    samples: tuple[int, ...]
    """Returns each factor has seen (a factor seeded from the chain counts as warm)."""


class EwmaEstimator:
    """EWMA daily volatilities and correlations of a set of price series (module doc)."""

    def __init__(self, sample_seconds: float, half_life_seconds: float) -> None:
        if sample_seconds <= 0 or half_life_seconds <= 0:
            raise ValueError("sample_seconds and half_life_seconds must be > 0")
        self.sample_seconds = sample_seconds
        self.half_life_seconds = half_life_seconds
        self.decay = decay_per_sample(sample_seconds, half_life_seconds)
        self.oracles: tuple[Pubkey, ...] = ()
        n = 0
        self._cross = np.zeros((n, n))  # Σ w r_i r_j over intervals where both had a return
        self._square = np.zeros((n, n))  # [i, j]: Σ w r_i² over intervals where both had one
        self._weight = np.zeros((n, n))  # Σ w over those intervals
        self._last: dict[Pubkey, float] = {}
        self._count: dict[Pubkey, int] = {}

    # --- factors ----------------------------------------------------------------------

    def set_oracles(self, oracles: Sequence[Pubkey]) -> None:
        """Track these factors, in this order; a factor kept keeps its history."""
        new = tuple(oracles)
        if new == self.oracles:
            return
        old = {key: i for i, key in enumerate(self.oracles)}
        n = len(new)
        cross, square, weight = np.zeros((n, n)), np.zeros((n, n)), np.zeros((n, n))
        for i, a in enumerate(new):
            for j, b in enumerate(new):
                if a in old and b in old:
                    cross[i, j] = self._cross[old[a], old[b]]
                    square[i, j] = self._square[old[a], old[b]]
                    weight[i, j] = self._weight[old[a], old[b]]
        self._cross, self._square, self._weight = cross, square, weight
        self.oracles = new
        self._last = {k: v for k, v in self._last.items() if k in new}
        self._count = {k: v for k, v in self._count.items() if k in new}

    def seed(self, volatility: Sequence[float], correlation: np.ndarray) -> None:
        """Start from published figures (a restart): as if observed for a long time.

        ``volatility`` daily (fractions) and ``correlation`` for :attr:`oracles`. The
        weight given is the steady state's, ``1 / (1 − λ)``; prices are sampled afresh.
        """
        n = len(self.oracles)
        if len(volatility) != n or correlation.shape != (n, n):
            raise ValueError("seed figures do not match the factors")
        per_sample = np.asarray(volatility, dtype=float) ** 2 * self.sample_seconds / DAY_SECONDS
        weight = 1.0 / (1.0 - self.decay)
        sigma = np.sqrt(per_sample)
        self._cross = np.asarray(correlation, dtype=float) * np.outer(sigma, sigma) * weight
        self._square = np.repeat(per_sample[:, None], n, axis=1) * weight
        self._weight = np.full((n, n), weight)
        self._count = {key: max(self._count.get(key, 0), 1 << 30) for key in self.oracles}

    # --- sampling ---------------------------------------------------------------------

    def add_sample(self, prices: Mapping[Pubkey, float], intervals: int = 1) -> None:
        """The factors' prices now, ``intervals`` sampling intervals after the last sample.

        A factor missing from ``prices`` (or not positive) has no return this time; its
        next return is measured from its last known price.
        """
        if intervals < 1:
            raise ValueError("intervals must be >= 1")
        n = len(self.oracles)
        returns = np.zeros(n)
        has = np.zeros(n, dtype=bool)
        for i, key in enumerate(self.oracles):
            price = prices.get(key)
            if price is None or not price > 0 or not math.isfinite(price):
                continue
            last = self._last.get(key)
            self._last[key] = price
            if last is not None:
                returns[i] = math.log(price / last)
                has[i] = True
                self._count[key] = self._count.get(key, 0) + 1
        decay = self.decay**intervals
        self._cross *= decay
        self._square *= decay
        self._weight *= decay
        both = np.outer(has, has)
        self._cross += np.where(both, np.outer(returns, returns), 0.0) / intervals
        self._square += np.where(both, (returns**2)[:, None], 0.0) / intervals
        self._weight += both

    # --- figures ----------------------------------------------------------------------

    def estimates(self) -> Estimates:
        """Daily volatilities and the (pairwise-complete) correlation matrix."""
        n = len(self.oracles)
        diagonal_weight = np.diag(self._weight)
        with np.errstate(divide="ignore", invalid="ignore"):
            per_sample = np.where(diagonal_weight > 0, np.diag(self._cross) / diagonal_weight, 0.0)
            denominator = np.sqrt(self._square * self._square.T)
            correlation = np.where(denominator > 0, self._cross / denominator, 0.0)
        correlation = np.clip(correlation, -1.0, 1.0)
        np.fill_diagonal(correlation, 1.0)
        volatility = np.sqrt(np.maximum(per_sample, 0.0) * DAY_SECONDS / self.sample_seconds)
        samples = tuple(self._count.get(key, 0) for key in self.oracles)
        return Estimates(self.oracles, volatility, correlation if n else np.zeros((0, 0)), samples)


# --- what is published ----------------------------------------------------------------


def volatility_to_ppm(volatility: Sequence[float]) -> list[int]:
    """Daily volatilities as the 16 ppm entries the program takes (capped at 100 %/day)."""
    if len(volatility) > MAX_RISK_FACTORS:
        raise ValueError(f"at most {MAX_RISK_FACTORS} factors")
    out = [0] * MAX_RISK_FACTORS
    for i, value in enumerate(volatility):
        ppm = round(float(value) * VOLATILITY_ONE) if math.isfinite(value) else VOLATILITY_ONE
        out[i] = max(0, min(VOLATILITY_ONE, ppm))
    return out


@dataclasses.dataclass(frozen=True)
class Repaired:
    """A correlation matrix the program accepts, and what it took to get there."""

    correlation_bps: list[int]
    """256 row-major bps entries."""
    method: str
    """"rounded", "eigen_clipped" or "shrunk"."""
    shrink: float
    """The identity's weight ``s`` mixed in (0 unless shrunk)."""
    min_pivot: int
    """The program's smallest LDLᵀ pivot (its event's ``min_pivot``)."""


def _accepted(matrix: np.ndarray) -> tuple[list[int], int] | None:
    bps = correlation_to_bps(matrix.tolist())
    try:
        return bps, ldl_min_pivot(bps, len(matrix))
    except errors.CorrelationNotPositiveSemiDefinite:
        return None


def _clean(correlation: np.ndarray) -> np.ndarray:
    raw = np.nan_to_num(np.asarray(correlation, dtype=float), nan=0.0, posinf=1.0, neginf=-1.0)
    matrix: np.ndarray = np.clip((raw + raw.T) / 2, -1.0, 1.0)
    np.fill_diagonal(matrix, 1.0)
    return matrix


def repair_correlation(correlation: np.ndarray, *, eigen_floor: float = 1e-4) -> Repaired:
    """The nearest publishable bps matrix to ``correlation`` (module doc: round, clip, shrink)."""
    matrix = _clean(correlation)
    n = len(matrix)
    if n > MAX_RISK_FACTORS:
        raise ValueError(f"at most {MAX_RISK_FACTORS} factors")
    found = _accepted(matrix)
    if found is not None:
        return Repaired(found[0], "rounded", 0.0, found[1])
    values, vectors = np.linalg.eigh(matrix)
    clipped = (vectors * np.maximum(values, eigen_floor)) @ vectors.T
    scale = 1.0 / np.sqrt(np.diag(clipped))
    clipped = _clean(clipped * np.outer(scale, scale))
    found = _accepted(clipped)
    if found is not None:
        return Repaired(found[0], "eigen_clipped", 0.0, found[1])
    identity = np.eye(n)
    low, high = 0.0, 1.0
    best = _accepted(identity)
    assert best is not None  # the identity's pivots are all 1 + τ
    for _ in range(_SHRINK_STEPS):
        middle = (low + high) / 2
        attempt = _accepted((1 - middle) * clipped + middle * identity)
        if attempt is None:
            low = middle
        else:
            high, best = middle, attempt
    return Repaired(best[0], "shrunk", high, best[1])


def correlation_from_bps(correlation_bps: Sequence[int], n: int) -> np.ndarray:
    """The leading n × n block of a published 256-entry bps matrix, as fractions."""
    return np.array(
        [
            [correlation_bps[i * MAX_RISK_FACTORS + j] / CORRELATION_ONE for j in range(n)]
            for i in range(n)
        ],
        dtype=float,
    ).reshape(n, n)


@dataclasses.dataclass(frozen=True)
class Published:
    """What the chain holds now (from RiskParameters) for the publish decision."""

    oracles: tuple[Pubkey, ...]
    publish_slot: int
    max_staleness_slots: int
    half_life_seconds: int
    volatility_ppm: tuple[int, ...]
    correlation_bps: tuple[int, ...]


def publish_reason(
    published: Published,
    volatility_ppm: Sequence[int],
    correlation_bps: Sequence[int],
    *,
    slot: int,
    max_staleness_slots: int,
    half_life_seconds: int,
    refresh_fraction: float,
    volatility_change_bps: int,
    correlation_change_bps: int,
    volatility_floor_ppm: int,
) -> str | None:
    """Why the candidate figures should be published now, or None.

    ``unpublished`` (nothing, or the factors changed), ``refresh`` (the published figures
    reached ``refresh_fraction`` of their staleness bound), ``settings`` (another
    staleness bound or half-life), ``volatility`` (a factor's volatility moved by
    ``volatility_change_bps`` of the published one, or of ``volatility_floor_ppm`` when
    smaller) or ``correlation`` (an entry moved by ``correlation_change_bps``).
    """
    if published.publish_slot == 0:
        return "unpublished"
    age = slot - published.publish_slot
    if age >= refresh_fraction * published.max_staleness_slots:
        return "refresh"
    if (
        published.max_staleness_slots != max_staleness_slots
        or published.half_life_seconds != half_life_seconds
    ):
        return "settings"
    for new, old in zip(volatility_ppm, published.volatility_ppm, strict=True):
        if abs(new - old) * 10_000 >= volatility_change_bps * max(old, volatility_floor_ppm):
            return "volatility"
    for new, old in zip(correlation_bps, published.correlation_bps, strict=True):
        if abs(new - old) >= correlation_change_bps:
            return "correlation"
    return None
