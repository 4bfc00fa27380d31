"""The ``risk`` keeper's math: EWMA figures against numpy, the PSD repair, the publish rule.

The numpy figures are computed from the price series directly (explicit weights
λ^(T−k) over the whole window, matrix products), not with the keeper's recursion.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kairos import errors
from kairos.risk import check_published, correlation_to_bps, ldl_min_pivot
from kairos_keepers.config import ConfigError, load_config
from kairos_keepers.keepers.risk import RiskKeeper, RiskSettings
from kairos_keepers.keepers.risk_support import (
    EwmaEstimator,
    Published,
    correlation_from_bps,
    publish_reason,
    repair_correlation,
    volatility_to_ppm,
)
from solders.pubkey import Pubkey

DAY = 86_400


def keys(n: int) -> list[Pubkey]:
    return [Pubkey.new_unique() for _ in range(n)]


def correlated_prices(
    steps: int, n: int, *, vols: list[float], rho: float, seed: int = 1
) -> np.ndarray:
    """steps + 1 prices per factor: log returns with a common factor (correlation rho)."""
    rng = np.random.default_rng(seed)
    common = rng.standard_normal((steps, 1))
    own = rng.standard_normal((steps, n))
    shocks = math.sqrt(rho) * common + math.sqrt(1 - rho) * own
    log_returns = shocks * np.asarray(vols)
    start = np.log(np.full((1, n), 100.0))
    return np.exp(np.vstack([start, start + np.cumsum(log_returns, axis=0)]))


def numpy_figures(
    prices: np.ndarray, sample_seconds: float, half_life: float
) -> tuple[np.ndarray, np.ndarray]:
    """EWMA daily vols and correlations straight from the series (explicit weights)."""
    returns = np.diff(np.log(prices), axis=0)
    decay = 0.5 ** (sample_seconds / half_life)
    weights = decay ** np.arange(len(returns) - 1, -1, -1)
    second_moment = (returns * weights[:, None]).T @ returns / weights.sum()
    scale = np.sqrt(np.diag(second_moment))
    return scale * math.sqrt(DAY / sample_seconds), second_moment / np.outer(scale, scale)


def feed(estimator: EwmaEstimator, oracles: list[Pubkey], prices: np.ndarray) -> None:
    for row in prices:
        estimator.add_sample(dict(zip(oracles, row.tolist(), strict=True)))


def test_ewma_figures_match_numpy_on_the_same_series() -> None:
    sample_seconds, half_life = 10.0, 3_600
    vols = [0.002, 0.004, 0.001, 0.003, 0.0025]
    prices = correlated_prices(2_000, 5, vols=vols, rho=0.6)
    oracles = keys(5)
    estimator = EwmaEstimator(sample_seconds, half_life)
    estimator.set_oracles(oracles)
    feed(estimator, oracles, prices)
    got = estimator.estimates()
    want_vol, want_corr = numpy_figures(prices, sample_seconds, half_life)
    np.testing.assert_allclose(got.volatility, want_vol, rtol=1e-9)
    np.testing.assert_allclose(got.correlation, want_corr, rtol=1e-9, atol=1e-12)
    assert got.samples == (2_000,) * 5
    # The figures are what the series says: per-sample vol × sqrt(8,640 samples a day).
    np.testing.assert_allclose(got.volatility, np.asarray(vols) * math.sqrt(8_640), rtol=0.15)
    assert 0.45 < got.correlation[0, 1] < 0.75
    # And what is published is their rounding.
    ppm = volatility_to_ppm(got.volatility.tolist())
    assert ppm[:5] == [round(v * 1e6) for v in want_vol] and ppm[5:] == [0] * 11


def test_a_factor_added_later_uses_its_own_window() -> None:
    sample_seconds, half_life = 5.0, 600
    prices = correlated_prices(400, 3, vols=[0.003, 0.002, 0.004], rho=0.5, seed=3)
    oracles = keys(3)
    estimator = EwmaEstimator(sample_seconds, half_life)
    estimator.set_oracles(oracles[:2])
    feed(estimator, oracles[:2], prices[:150, :2])
    estimator.set_oracles(oracles)  # the third factor is listed from sample 150 on
    feed(estimator, oracles, prices[150:])
    got = estimator.estimates()
    whole_vol, whole_corr = numpy_figures(prices[:, :2], sample_seconds, half_life)
    late_vol, late_corr = numpy_figures(prices[150:], sample_seconds, half_life)
    np.testing.assert_allclose(got.volatility[:2], whole_vol, rtol=1e-9)
    np.testing.assert_allclose(got.correlation[:2, :2], whole_corr, rtol=1e-9)
    np.testing.assert_allclose(got.volatility[2], late_vol[2], rtol=1e-9)
    np.testing.assert_allclose(got.correlation[2, :2], late_corr[2, :2], rtol=1e-9)
    assert got.samples == (400, 400, 250)


def test_late_samples_decay_by_the_intervals_they_cover() -> None:
    estimator = EwmaEstimator(10.0, 100.0)
    (a,) = oracles = keys(1)
    estimator.set_oracles(oracles)
    estimator.add_sample({a: 100.0})
    estimator.add_sample({a: 101.0})
    estimator.add_sample({a: 102.0}, intervals=3)
    decay = 0.5**0.1
    r1, r2 = math.log(1.01), math.log(102 / 101)
    per_sample = (decay**3 * r1**2 + r2**2 / 3) / (decay**3 + 1)
    assert estimator.estimates().volatility[0] == pytest.approx(math.sqrt(per_sample * 8_640))
    with pytest.raises(ValueError):
        estimator.add_sample({a: 1.0}, intervals=0)


def test_seeding_restores_published_figures() -> None:
    estimator = EwmaEstimator(10.0, 3_600)
    oracles = keys(3)
    estimator.set_oracles(oracles)
    corr = np.array([[1, 0.3, -0.2], [0.3, 1, 0.1], [-0.2, 0.1, 1]])
    estimator.seed([0.05, 0.02, 0.5], corr)
    got = estimator.estimates()
    np.testing.assert_allclose(got.volatility, [0.05, 0.02, 0.5])
    np.testing.assert_allclose(got.correlation, corr, atol=1e-12)
    assert min(got.samples) > 10**6  # warm: no new warm-up after a restart
    # One more quiet sample barely moves them (the seed weighs as a long history).
    feed(estimator, oracles, np.full((2, 3), 100.0))
    assert estimator.estimates().volatility[0] == pytest.approx(0.05, rel=1e-3)


def test_unmoving_and_missing_prices() -> None:
    estimator = EwmaEstimator(1.0, 60.0)
    a, b = oracles = keys(2)
    estimator.set_oracles(oracles)
    for price in (100.0, 101.0, 100.0, 102.0):
        estimator.add_sample({a: price, b: 50.0})
    estimator.add_sample({a: 101.0})  # b missing: no return for b, a's still counts
    estimator.add_sample({a: 100.0, b: -1.0})  # a non-positive price is ignored
    got = estimator.estimates()
    assert got.volatility[1] == 0.0 and got.volatility[0] > 0
    assert got.correlation[0, 1] == 0.0 and got.samples == (5, 3)


# --- the PSD repair ---------------------------------------------------------------------


def accepted(bps: list[int], n: int) -> bool:
    try:
        ldl_min_pivot(bps, n)
    except errors.CorrelationNotPositiveSemiDefinite:
        return False
    return True


def test_a_non_psd_matrix_is_repaired_minimally() -> None:
    bad = np.array([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
    assert np.linalg.eigvalsh(bad).min() < -0.5
    assert not accepted(correlation_to_bps(bad.tolist()), 3)
    repaired = repair_correlation(bad)
    assert repaired.method == "eigen_clipped"
    assert accepted(repaired.correlation_bps, 3)
    fixed = correlation_from_bps(repaired.correlation_bps, 3)
    assert np.linalg.eigvalsh(fixed).min() > -2.5e-4
    assert np.allclose(np.diag(fixed), 1.0)
    # Eigenvalue clipping keeps the nearest PSD matrix's signs and rough size.
    assert fixed[0, 1] > 0.3 and fixed[1, 2] < -0.3


def test_rank_deficient_matrices_pass_once_rounded() -> None:
    # 16 factors, 6 returns: rank 6. Rounding to bps moves the ten zero eigenvalues by
    # about 1e-4, within the program's tolerance τ ≈ 2.44e-4: no repair is needed.
    for seed in range(11, 16):
        prices = correlated_prices(6, 16, vols=[0.01] * 16, rho=0.3, seed=seed)
        _, corr = numpy_figures(prices, 1.0, 1e9)
        assert np.linalg.eigvalsh(corr)[:10].max() < 1e-9
        repaired = repair_correlation(corr)
        assert repaired.method == "rounded" and accepted(repaired.correlation_bps, 16)
        fixed = correlation_from_bps(repaired.correlation_bps, 16)
        assert np.abs(fixed - corr).max() <= 0.5e-4


def test_shrinking_finds_the_smallest_identity_weight() -> None:
    bad = np.array([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
    smallest = np.linalg.eigvalsh(bad).min()
    # With clipping disabled the repair must shrink: (1 − s)·λmin + s > −τ.
    repaired = repair_correlation(bad, eigen_floor=-10.0)
    assert repaired.method == "shrunk" and accepted(repaired.correlation_bps, 3)
    needed = -smallest / (1 - smallest)
    assert needed - 1e-3 < repaired.shrink < needed + 1 / 2048
    refused = (1 - repaired.shrink + 1 / 2048) * bad + (repaired.shrink - 1 / 2048) * np.eye(3)
    assert not accepted(correlation_to_bps(refused.tolist()), 3)


def test_perfectly_correlated_factors_pass_after_repair() -> None:
    ones = np.ones((6, 6))
    repaired = repair_correlation(ones)
    assert accepted(repaired.correlation_bps, 6)
    fixed = correlation_from_bps(repaired.correlation_bps, 6)
    assert fixed[0, 1] > 0.99


def test_garbage_is_cleaned_and_sixteen_is_the_limit() -> None:
    nan = np.full((2, 2), np.nan)
    assert repair_correlation(nan).correlation_bps[:2] == [10_000, 0]
    with pytest.raises(ValueError):
        repair_correlation(np.eye(17))
    with pytest.raises(ValueError):
        volatility_to_ppm([0.1] * 17)
    assert volatility_to_ppm([2.0, float("nan"), -0.1])[:3] == [1_000_000, 1_000_000, 0]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 16).flatmap(
        lambda n: st.lists(st.floats(-1, 1, allow_nan=False), min_size=n * n, max_size=n * n).map(
            lambda values: np.array(values).reshape(n, n)
        )
    )
)
def test_any_symmetric_matrix_becomes_publishable(matrix: np.ndarray) -> None:
    n = len(matrix)
    repaired = repair_correlation(matrix)
    pivot = check_published(
        volatility_ppm=[1_000] * n + [0] * (16 - n),
        correlation_bps=repaired.correlation_bps,
        max_staleness_slots=10,
        half_life_seconds=10,
        factor_count=n,
        stored_factor_count=n,
    )
    assert pivot == repaired.min_pivot > 0


# --- when to publish --------------------------------------------------------------------


def _published(**overrides: object) -> Published:
    fields: dict[str, object] = {
        "oracles": (),
        "publish_slot": 1_000,
        "max_staleness_slots": 100,
        "half_life_seconds": 600,
        "volatility_ppm": (20_000, 10_000) + (0,) * 14,
        "correlation_bps": tuple([10_000, 3_000] + [0] * 14 + [3_000, 10_000] + [0] * 240),
    }
    fields.update(overrides)
    return Published(**fields)  # type: ignore[arg-type]


def _reason(published: Published, vols: list[int], corr: list[int], slot: int) -> str | None:
    return publish_reason(
        published,
        vols,
        corr,
        slot=slot,
        max_staleness_slots=100,
        half_life_seconds=600,
        refresh_fraction=0.5,
        volatility_change_bps=500,
        correlation_change_bps=500,
        volatility_floor_ppm=1_000,
    )


def test_publish_reasons() -> None:
    chain = _published()
    vols, corr = list(chain.volatility_ppm), list(chain.correlation_bps)
    assert _reason(chain, vols, corr, 1_049) is None
    assert _reason(chain, vols, corr, 1_050) == "refresh"
    assert _reason(_published(publish_slot=0), vols, corr, 5) == "unpublished"
    assert _reason(_published(half_life_seconds=60), vols, corr, 1_001) == "settings"
    assert _reason(chain, [20_999, *vols[1:]], corr, 1_001) is None  # under 5 %
    assert _reason(chain, [21_000, *vols[1:]], corr, 1_001) == "volatility"
    assert _reason(chain, [19_000, *vols[1:]], corr, 1_001) == "volatility"
    moved = list(corr)
    moved[1] = moved[16] = 3_499
    assert _reason(chain, vols, moved, 1_001) is None
    moved[1] = moved[16] = 3_500
    assert _reason(chain, vols, moved, 1_001) == "correlation"
    # A tiny volatility moves relative to the floor, not to itself.
    tiny = _published(volatility_ppm=(10,) + (0,) * 15)
    assert _reason(tiny, [40] + [0] * 15, corr, 1_001) is None
    assert _reason(tiny, [60] + [0] * 15, corr, 1_001) == "volatility"


def test_settings_are_validated_with_their_source() -> None:
    assert RiskKeeper.Settings is RiskSettings
    with pytest.raises(ConfigError, match="half_life_seconds = 5 must be at least"):
        load_config("risk", RiskSettings, env={}, keeper_flags={"half_life_seconds": "5"})
    with pytest.raises(ConfigError, match=r"refresh_fraction = 1\.5 \(flag --set"):
        load_config("risk", RiskSettings, env={}, keeper_flags={"refresh_fraction": "1.5"})
    with pytest.raises(ConfigError, match="unknown setting 'half_life'"):
        load_config("risk", RiskSettings, env={}, keeper_flags={"half_life": "5"})
    loaded = load_config(
        "risk",
        RiskSettings,
        env={"KAIROS_KEEPER_RISK__SAMPLE_SECONDS": "2"},
    )
    assert loaded.settings.sample_seconds == 2.0
    assert loaded.config.metrics_port == 9473
