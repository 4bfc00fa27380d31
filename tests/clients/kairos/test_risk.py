"""kairos.risk's pure functions (the program comparisons are in tests/programs/kairos/risk)."""

from __future__ import annotations

import dataclasses

import pytest
from kairos import errors
from kairos.accounts import RiskLimits, RiskLimitValues
from kairos.risk import (
    BREACH_ERRORS,
    UNBOUNDED,
    RiskEvaluation,
    RiskLimitKind,
    check_limit_caps,
    check_limit_ranges,
    correlation_to_bps,
    explain_refusal,
    ldl_min_pivot,
    loosens,
    quadratic_root,
    share_bps,
    tighter,
)
from solders.pubkey import Pubkey

NONE = RiskLimitValues(0, 0, 0, 0, 0, 0, 0, 0, 0, 86_400)


def values(**changes: int) -> RiskLimitValues:
    return dataclasses.replace(NONE, **changes)


def test_single_factor_var_is_z_times_dollar_volatility() -> None:
    matrix = correlation_to_bps([[1.0]])
    # One factor: sqrt(D² × 10⁴) / 100 = |D|, × 2.326.
    assert quadratic_root([500_000], [0], matrix, 2_326) == 1_163_000
    assert quadratic_root([-500_000], [0], matrix, 2_326) == 1_163_000
    assert quadratic_root([0], [0], matrix, 2_326) == 0


def test_hedges_cancel_and_correlation_adds_up() -> None:
    perfect = correlation_to_bps([[1.0, 1.0], [1.0, 1.0]])
    assert quadratic_root([1_000, -1_000], [0, 1], perfect, 1_000) == 0
    assert quadratic_root([1_000, 1_000], [0, 1], perfect, 1_000) == 2_000
    independent = correlation_to_bps([[1.0, 0.0], [0.0, 1.0]])
    assert quadratic_root([3_000, 4_000], [0, 1], independent, 1_000) == 5_000


def test_large_terms_keep_twenty_significant_bits() -> None:
    matrix = correlation_to_bps([[1.0]])
    big = 10**15 + 12_345
    root = quadratic_root([big], [0], matrix, 1_000)
    assert abs(root - big) <= big >> 19


def test_ldl_refuses_an_indefinite_matrix_and_accepts_the_identity() -> None:
    assert ldl_min_pivot(correlation_to_bps([[1.0, 0.0], [0.0, 1.0]]), 2) > 0
    indefinite = correlation_to_bps([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]])
    with pytest.raises(errors.CorrelationNotPositiveSemiDefinite):
        ldl_min_pivot(indefinite, 3)
    # Singular but PSD (perfectly correlated pair): the tolerance accepts it.
    assert ldl_min_pivot(correlation_to_bps([[1, 1], [1, 1]]), 2) > 0


def test_limits_ranges_caps_and_tightening() -> None:
    check_limit_ranges(values(max_leverage_bps=10_000_000))
    with pytest.raises(errors.RiskLimitsInvalid):
        check_limit_ranges(values(max_var_bps=10_001))
    with pytest.raises(errors.RiskLimitsInvalid):
        check_limit_ranges(values(max_liquidity_take_bps=10))
    caps = values(max_leverage_bps=50_000, loosen_cooldown_seconds=3_600)
    check_limit_caps(values(max_leverage_bps=50_000), caps)
    with pytest.raises(errors.RiskLimitAboveCap):
        check_limit_caps(values(), caps)  # a capped limit must be set
    with pytest.raises(errors.RiskLimitAboveCap):
        check_limit_caps(values(max_leverage_bps=50_000, loosen_cooldown_seconds=60), caps)
    active = values(max_leverage_bps=30_000, max_daily_loss_bps=500)
    asked = values(max_leverage_bps=40_000, max_daily_loss_bps=300)
    assert tighter(asked, active) == values(max_leverage_bps=30_000, max_daily_loss_bps=300)
    assert loosens(asked, active)
    assert not loosens(values(max_leverage_bps=20_000, max_daily_loss_bps=500), active)
    # Removing a limit, or shortening the cooldown, is a loosening.
    assert loosens(values(max_leverage_bps=30_000), active)
    assert loosens(dataclasses.replace(active, loosen_cooldown_seconds=60), active)


def test_ratios_against_no_equity_are_unbounded() -> None:
    assert share_bps(0, 0) == 0
    assert share_bps(1, 0) == UNBOUNDED
    assert share_bps(1, -5) == UNBOUNDED
    assert share_bps(2_500, 10_000) == 2_500


def test_explain_refusal_names_the_limit_in_its_units() -> None:
    limits = RiskLimits(
        margin_account=Pubkey.default(),
        owner=Pubkey.default(),
        delegate=Pubkey.default(),
        active=values(max_leverage_bps=20_000),
        pending=NONE,
        pending_effective_timestamp=0,
        day_index=1,
        day_open_equity=0,
        high_water_mark=0,
        reduce_only_until=0,
        last_breach_timestamp=0,
        hwm_reset_timestamp=0,
        last_equity=0,
        reduce_only_reason=0,
        bump=0,
        version=0,
        reset_armed=0,
    )
    evaluation = RiskEvaluation(
        metrics=None,  # type: ignore[arg-type]
        values=(25_000, 0, 0, 0, 0, 0, 0, 0),
        limits=limits,
        error=BREACH_ERRORS[RiskLimitKind.LEVERAGE],
        breaches=(),
    )
    text = explain_refusal(evaluation)
    assert text == "RiskLeverageLimit: leverage would be 25000 bps, the limit is 20000 bps"
    assert explain_refusal(dataclasses.replace(evaluation, error=None)) is None


def test_limit_values_sets_only_the_named_bounds() -> None:
    from kairos.risk import limit_values

    values = limit_values(max_leverage_bps=20_000)
    assert values.max_leverage_bps == 20_000 and values.max_var_bps == 0
    assert values.loosen_cooldown_seconds == 86_400
    assert limit_values(loosen_cooldown_seconds=0).loosen_cooldown_seconds == 0
    with pytest.raises(TypeError, match="not a risk limit"):
        limit_values(max_leverage=1)
