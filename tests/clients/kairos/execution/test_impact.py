"""Unit tests of kairos.execution.impact: fills → executions, the fit, tolerance and limits."""

from __future__ import annotations

import math
import random

import pytest
from kairos.constants import Side
from kairos.execution.impact import (
    DEFAULT_VOL_WINDOW,
    Execution,
    FillRecord,
    dynamic_tolerance_bps,
    evaluate_holdout,
    executions_from_fills,
    fit_impact_model,
    pre_trade_estimate,
    protective_limits,
    trailing_volatilities,
)
from kairos.math.orderbook import L2Level


def synthetic(n: int, coefficient: float, seed: int = 1) -> list[Execution]:
    """Executions whose slippage follows the square-root law (σ as the model measures it,
    the trailing realized volatility) plus 1 bps of noise; volatility changes regime."""
    rng = random.Random(seed)
    price = 1_000_000.0
    prices = []
    for i in range(n):
        price *= math.exp(rng.gauss(0, 0.001 if (i // 50) % 2 else 0.003))
        prices.append(price)
    arrivals = [Execution(f"s{i}", "a", i, i, 1, 1, p, p, 0) for i, p in enumerate(prices)]
    sigmas = trailing_volatilities(arrivals, DEFAULT_VOL_WINDOW)
    out = []
    for i, (p, sigma) in enumerate(zip(prices, sigmas, strict=True)):
        lots = rng.choice([5, 10, 20, 50, 100, 200])
        slip = 1.0 + coefficient * sigma * math.sqrt(lots / 30) + rng.gauss(0, 1.0)
        side = rng.choice([1, -1])
        out.append(Execution(f"s{i}", "a", i, i, side, lots, p, p * (1 + side * slip / 1e4), 0))
    return out


def test_fills_group_into_executions_with_the_first_fill_as_arrival_price() -> None:
    fills = [
        FillRecord("sig1", 1, "acct", 10, 100, 5, -5 * 1_010, 3),
        FillRecord("sig1", 0, "acct", 10, 100, 5, -5 * 1_000, 3),
        FillRecord("sig2", 0, "acct", 11, 101, -4, 4 * 990, 2),
        FillRecord("sig2", 1, "other", 11, 101, 0, 0, 0),
    ]
    buy, sell = executions_from_fills(fills)
    assert (buy.side, buy.lots, buy.first_price, buy.average_price, buy.fees) == (
        1,
        10,
        1_000,
        1_005,
        6,
    )
    assert buy.slippage_bps == pytest.approx(50.0)
    assert (sell.side, sell.lots, sell.slippage_bps) == (-1, 4, 0.0)


def test_the_fit_recovers_the_law_and_beats_a_size_blind_baseline_on_held_out_fills() -> None:
    executions = synthetic(400, coefficient=0.5)
    model = fit_impact_model(executions[:300])
    # The law per √lot: coefficient / √typical_lots (the generator's typical size is 30).
    per_root_lot = model.coefficient / math.sqrt(model.typical_lots)
    assert per_root_lot == pytest.approx(0.5 / math.sqrt(30), rel=0.1)
    assert model.intercept == pytest.approx(1.0, abs=0.5)
    assert model.residual_std_bps == pytest.approx(1.0, rel=0.25)
    report = evaluate_holdout(executions, holdout_fraction=0.25)
    assert (report.train, report.test) == (300, 100)
    assert report.mae_bps < 0.5 * report.baseline_mae_bps
    assert model.predict_bps(200) > model.predict_bps(10)


def test_no_impact_in_the_data_gives_a_flat_model() -> None:
    flat = synthetic(100, coefficient=0.0)
    model = fit_impact_model(flat)
    assert model.predict_bps(200) - model.predict_bps(5) < 1.5


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        fit_impact_model(synthetic(4, 0.5))
    with pytest.raises(ValueError):
        evaluate_holdout(synthetic(6, 0.5), holdout_fraction=0.5)
    with pytest.raises(ValueError):
        evaluate_holdout(synthetic(50, 0.5), holdout_fraction=1.0)
    with pytest.raises(ValueError):
        dynamic_tolerance_bps(1, error_std_bps=-1, volatility_bps=0, lots=1, depth_lots=1)
    with pytest.raises(ValueError):
        dynamic_tolerance_bps(math.inf, error_std_bps=0, volatility_bps=0, lots=1, depth_lots=1)
    with pytest.raises(ValueError):
        protective_limits(Side.BID, 0, 10, 100)
    with pytest.raises(ValueError):
        protective_limits(Side.BID, 1_000, 10, 100, oracle_price=-1)
    with pytest.raises(ValueError):
        pre_trade_estimate([L2Level(1_000, 1, 1)], Side.BID, 0, tick_size=100)


def test_tolerance_grows_with_volatility_error_and_size_against_depth() -> None:
    base = dynamic_tolerance_bps(10, error_std_bps=2, volatility_bps=5, lots=10, depth_lots=100)
    assert base == math.ceil(10 + 1.645 * 2 + 1.645 * 5)
    assert (
        dynamic_tolerance_bps(10, error_std_bps=2, volatility_bps=20, lots=10, depth_lots=100)
        > base
    )
    assert (
        dynamic_tolerance_bps(10, error_std_bps=2, volatility_bps=5, lots=400, depth_lots=100)
        > base
    )
    assert dynamic_tolerance_bps(0, error_std_bps=0, volatility_bps=0, lots=1, depth_lots=9) == 5
    assert (
        dynamic_tolerance_bps(1e6, error_std_bps=0, volatility_bps=0, lots=1, depth_lots=1) == 2_000
    )


def test_worst_price_never_looser_than_the_tolerance() -> None:
    rng = random.Random(5)
    for _ in range(2_000):
        tick = rng.choice([1, 7, 100])
        ref = rng.randrange(1, 10**7) * tick
        tol = rng.randrange(0, 3_000)
        bid = protective_limits(Side.BID, ref, tol, tick).worst_price
        ask = protective_limits(Side.ASK, ref, tol, tick).worst_price
        assert bid % tick == 0 and ask % tick == 0
        assert bid * 10_000 <= ref * (10_000 + tol) or bid == tick
        assert ask * 10_000 >= ref * (10_000 - tol)
        assert ask <= ref <= bid or bid == tick


def test_oracle_band_covers_the_worst_price_and_is_minimal() -> None:
    limits = protective_limits(Side.BID, 1_000_000, 50, 100, oracle_price=1_000_000)
    assert limits.worst_price == 1_005_000 and limits.max_oracle_deviation_bps == 50
    # The book already sits 1% above the oracle: the band covers the gap too.
    above = protective_limits(Side.BID, 1_010_000, 50, 100, oracle_price=1_000_000)
    assert above.max_oracle_deviation_bps == math.ceil((above.worst_price - 1e6) * 1e4 / 1e6)
    sell = protective_limits(Side.ASK, 1_000_000, 50, 100, oracle_price=1_000_000)
    assert sell.worst_price == 995_000 and sell.max_oracle_deviation_bps == 50


def test_pre_trade_estimate_walks_the_book_and_bands_with_the_model() -> None:
    asks = [L2Level(1_000_000, 10, 1), L2Level(1_010_000, 10, 1), L2Level(1_050_000, 100, 2)]
    model = fit_impact_model(synthetic(200, 0.5))
    estimate = pre_trade_estimate(asks, Side.BID, 20, tick_size=100, model=model)
    assert estimate.book_slippage_bps == pytest.approx(50.0)
    assert estimate.expected_slippage_bps == pytest.approx(50.0)
    assert estimate.expected_price == pytest.approx(1_005_000)
    assert estimate.band_low_bps < 50 < estimate.band_high_bps
    assert estimate.recommended_tolerance_bps >= 50
    assert estimate.limits is not None and estimate.limits.worst_price >= 1_005_000
    # More than the book holds: the model's prediction, with a note.
    deep = pre_trade_estimate(asks, Side.BID, 500, tick_size=100, model=model)
    assert deep.fillable_lots == 120 and deep.notes
    assert deep.expected_slippage_bps == pytest.approx(model.predict_bps(500))
    # No model and not enough book: infinite expectation, the cap as tolerance.
    blind = pre_trade_estimate(asks, Side.BID, 500, tick_size=100)
    assert math.isinf(blind.expected_slippage_bps) and blind.recommended_tolerance_bps == 2_000


def test_depth_term_when_volatility_does_not_explain_the_impact() -> None:
    """Constant σ, impact from the book's shape only: the √size term carries it and the
    held-out error beats the size-blind baseline."""
    rng = random.Random(11)
    price = 1_000_000.0
    executions = []
    for i in range(200):
        price *= math.exp(rng.gauss(0, 0.0003))
        lots = rng.randrange(5, 81)
        slip = 6.0 * math.sqrt(lots / 40) + rng.gauss(0, 0.5)
        executions.append(
            Execution(f"s{i}", "a", i, i, 1, lots, price, price * (1 + slip / 1e4), 0)
        )
    model = fit_impact_model(executions[:150])
    per_root_lot = model.depth_coefficient / math.sqrt(model.typical_lots)
    assert per_root_lot == pytest.approx(6.0 / math.sqrt(40), rel=0.15)
    report = evaluate_holdout(executions)
    assert report.mae_bps < 0.3 * report.baseline_mae_bps
