"""RiskParameters: initialization, publisher, factors and publishing (issue 16, item 1).

Every refusal is checked adversarially with `fail_unchanged`: the expected error and
no tracked account changed. The PSD property test compares the program's decision
with the SDK's mirror (kairos.risk, same integers) and with numpy's eigenvalues.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kairos import errors
from kairos import instructions as ix
from kairos.risk import LDL_SCALE, PSD_TOLERANCE, check_published
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.transaction_metadata import FailedTransactionMetadata

from ..conftest import ERR_CONSTRAINT_SEEDS, Kairos, custom_error_code, with_meta
from ..perp.conftest import Market, Perp
from .conftest import Risk, asset_on_oracle, matrix_bps

UNAUTHORIZED = errors.Unauthorized.code
INVALID = errors.RiskParametersInvalid.code
NOT_PSD = errors.CorrelationNotPositiveSemiDefinite.code


def test_initialize_sets_the_admin_as_publisher_and_nothing_published(risk: Risk) -> None:
    params = risk.params()
    assert params.publisher == risk.admin.pubkey()
    assert params.publish_slot == 0 and params.factor_count == 0
    assert params.caps.loosen_cooldown_seconds == 86_400
    # A second initialization fails (the account exists).
    failure = risk.chain.fail(
        [ix.initialize_risk_parameters(admin=risk.admin.pubkey())], [risk.admin]
    )
    assert failure is not None


def test_initialize_refuses_a_non_admin_and_a_wrong_address(kairos: Kairos, perp: Perp) -> None:
    stranger = kairos.chain.fund()
    kairos.fail_unchanged(
        [ix.initialize_risk_parameters(admin=stranger.pubkey())], [stranger], UNAUTHORIZED
    )
    admin = kairos.exchange.admin
    wrong = with_meta(
        ix.initialize_risk_parameters(admin=admin.pubkey()), 2, pubkey=Keypair().pubkey()
    )
    kairos.fail_unchanged([wrong], [admin], ERR_CONSTRAINT_SEEDS)


def test_publisher_publishes_and_strangers_cannot(risk: Risk, market: Market) -> None:
    risk.set_factors([market.address])
    keeper = risk.chain.fund()
    stranger = risk.chain.fund()
    risk.kairos.fail_unchanged(
        [ix.set_risk_publisher(admin=stranger.pubkey(), publisher=stranger.pubkey())],
        [stranger],
        UNAUTHORIZED,
    )
    risk.kairos.send(
        [ix.set_risk_publisher(admin=risk.admin.pubkey(), publisher=keeper.pubkey())],
        [risk.admin],
    )
    risk.kairos.fail_unchanged(
        [risk.publish_ix([20_000], IDENTITY_1, publisher=stranger.pubkey())],
        [stranger],
        errors.RiskPublisherUnauthorized.code,
    )
    meta = risk.publish([20_000], IDENTITY_1, signer=keeper, half_life_seconds=7_200)
    params = risk.params()
    assert params.volatility_ppm[0] == 20_000
    assert params.half_life_seconds == 7_200
    assert params.publish_slot == risk.chain.clock().slot
    (event,) = [e.data for e in risk.chain.events(meta) if e.name == "RiskParamsPublished"]
    assert event.publisher == keeper.pubkey() and event.factor_count == 1
    # The admin may always publish too.
    risk.publish([30_000], IDENTITY_1)
    assert risk.params().volatility_ppm[0] == 30_000


IDENTITY_1 = matrix_bps([[10_000]])


def test_factors_are_distinct_oracles_of_markets_and_assets(
    risk: Risk, perp: Perp, market: Market
) -> None:
    kairos = risk.kairos
    # A collateral asset on the market's oracle shares its factor.
    shared = asset_on_oracle(kairos, market.oracle)
    other, _ = perp.create_market()
    meta = risk.set_factors([market.address, shared.address, other.address])
    params = risk.params()
    assert params.factor_count == 2
    assert params.factor_oracles[0] == market.oracle.address
    assert params.factor_oracles[1] == other.oracle.address
    assert params.perp_factor[market.index] == 1 and params.perp_factor[other.index] == 2
    assert params.collateral_factor[shared.index] == 1
    assert [e.data.factor_count for e in risk.chain.events(meta)] == [2]
    # Changing factors clears what was published: stale until the next publish.
    risk.publish([10_000, 20_000])
    risk.set_factors([market.address])
    params = risk.params()
    assert params.max_staleness_slots == 0 and params.volatility_ppm[1] == 0


def test_set_factors_refuses_bad_sources(risk: Risk, perp: Perp, market: Market) -> None:
    kairos = risk.kairos
    admin = risk.admin.pubkey()
    cases = [
        [market.address, market.address],  # a market twice
        [kairos.quote.address],  # the quote asset has no oracle
        [kairos.exchange.address],  # not a market or an asset
        [Keypair().pubkey()],  # no account at all
    ]
    for sources in cases:
        kairos.fail_unchanged(
            [ix.set_risk_factors(admin=admin, sources=sources)], [risk.admin], INVALID
        )
    stranger = kairos.chain.fund()
    kairos.fail_unchanged(
        [ix.set_risk_factors(admin=stranger.pubkey(), sources=[market.address])],
        [stranger],
        UNAUTHORIZED,
    )


def test_set_factors_refuses_a_seventeenth_oracle(risk: Risk) -> None:
    kairos = risk.kairos
    crafted = [kairos.craft_perp_market(10 + i, Keypair().pubkey()).address for i in range(17)]
    kairos.fail_unchanged(
        [ix.set_risk_factors(admin=risk.admin.pubkey(), sources=crafted)], [risk.admin], INVALID
    )
    risk.set_factors(crafted[:16])
    assert risk.params().factor_count == 16


def _factors(risk: Risk, perp: Perp, n: int) -> None:
    markets = [perp.create_market()[0] for _ in range(n)]
    risk.set_factors([m.address for m in markets])


def test_publish_refuses_out_of_range_figures(risk: Risk, perp: Perp) -> None:
    _factors(risk, perp, 3)
    good = matrix_bps([[10_000, 3_000, 0], [3_000, 10_000, 0], [0, 0, 10_000]])
    kairos = risk.kairos
    signer = [risk.admin]

    def refused(vols: list[int], matrix: list[int], code: int = INVALID, **kwargs: int) -> None:
        kairos.fail_unchanged([risk.publish_ix(vols, matrix, **kwargs)], signer, code)

    refused([1, 1], good)  # two factors published for three
    refused([1, 1, 1], good, factor_count=4)
    refused([1, 1, 1_000_001], good)  # a volatility above 100 % a day
    refused([1, 1, 1, 5], good, factor_count=3)  # a volatility outside the factors
    asymmetric = list(good)
    asymmetric[1] = 2_999
    refused([1, 1, 1], asymmetric)
    diagonal = list(good)
    diagonal[17] = 9_999
    refused([1, 1, 1], diagonal)
    too_big = matrix_bps([[10_000, 10_001, 0], [10_001, 10_000, 0], [0, 0, 10_000]])
    refused([1, 1, 1], too_big)
    outside = list(good)
    outside[3] = outside[48] = 1
    refused([1, 1, 1], outside)
    refused([1, 1, 1], good, max_staleness_slots=0)
    refused([1, 1, 1], good, half_life_seconds=0)
    not_psd = matrix_bps([[10_000, 9_000, 9_000], [9_000, 10_000, -9_000], [9_000, -9_000, 10_000]])
    refused([1, 1, 1], not_psd, NOT_PSD)
    risk.publish([1, 1, 1], good)


def test_publish_needs_factors(risk: Risk) -> None:
    risk.kairos.fail_unchanged([risk.publish_ix([1], IDENTITY_1)], [risk.admin], INVALID)


def test_publish_sixteen_factors_cu(risk: Risk) -> None:
    """CU of publish_risk_params with 16 factors and a dense PSD matrix (the worst case)."""
    kairos = risk.kairos
    risk.set_factors(
        [kairos.craft_perp_market(10 + i, Keypair().pubkey()).address for i in range(16)]
    )
    # An equicorrelated matrix (ρ = 0.5): dense and positive definite.
    matrix = [10_000 if i == j else 5_000 for i in range(16) for j in range(16)]
    meta = risk.publish([10_000 + i for i in range(16)], matrix)
    cu = meta.compute_units_consumed()
    print(f"publish_risk_params, 16 factors, dense: {cu} CU")
    assert cu < 60_000


def positive_definite(matrix: list[list[Fraction]], shift: Fraction) -> bool:
    """Exact: every LDLᵀ pivot of matrix + shift·I is > 0."""
    n = len(matrix)
    m = [[matrix[i][j] + (shift if i == j else 0) for j in range(n)] for i in range(n)]
    for k in range(n):
        if m[k][k] <= 0:
            return False
        for i in range(k + 1, n):
            factor = m[i][k] / m[k][k]
            for j in range(k, n):
                m[i][j] -= factor * m[k][j]
    return True


def _smallest_eigenvalue(matrix: list[list[float]]) -> float:
    """λ_min of a small symmetric matrix by bisection on "M − λI positive definite"."""

    def definite(shift: float) -> bool:
        n = len(matrix)
        m = [[matrix[i][j] - (shift if i == j else 0.0) for j in range(n)] for i in range(n)]
        for k in range(n):
            if m[k][k] <= 0:
                return False
            for i in range(k + 1, n):
                factor = m[i][k] / m[k][k]
                for j in range(k, n):
                    m[i][j] -= factor * m[k][j]
        return True

    low, high = -float(len(matrix)), 1.0
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if definite(middle) else (low, middle)
    return low


@st.composite
def correlation_matrices(draw: st.DrawFn) -> tuple[int, list[int]]:
    """Random symmetric unit-diagonal matrices whose smallest eigenvalue is drawn near 0."""
    n = draw(st.integers(2, 6))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    factors = rng.normal(size=(n, n))
    cov = factors @ factors.T
    d = np.sqrt(np.diag(cov))
    corr = (cov / np.outer(d, d)).tolist()
    # Move the smallest eigenvalue to the target: C' = (C + (t − λ)I) / (1 + t − λ).
    target = draw(st.sampled_from([-20, -10, -6, -4, -2, -1, 0, 1, 2, 4, 10, 50])) / 10_000
    move = target - _smallest_eigenvalue(corr)
    bps = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i, n):
            value = 1.0 if i == j else (corr[i][j]) / (1 + move)
            bps[i][j] = bps[j][i] = max(-10_000, min(10_000, round(value * 10_000)))
    return n, matrix_bps(bps)


CRAFTED: dict[int, dict[int, list[Pubkey]]] = {}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=correlation_matrices())
def test_psd_check_matches_the_sdk_and_numpy(risk: Risk, case: tuple[int, list[int]]) -> None:
    n, matrix = case
    kairos = risk.kairos
    if risk.params().factor_count != n:
        crafted = CRAFTED.setdefault(id(kairos), {})
        if n not in crafted:
            base = 10 + 8 * (n - 2)
            crafted[n] = [
                kairos.craft_perp_market(base + i, Keypair().pubkey()).address for i in range(n)
            ]
        risk.set_factors(crafted[n])
    vols = [1_000] * n + [0] * (16 - n)
    try:
        check_published(
            volatility_ppm=vols,
            correlation_bps=matrix,
            max_staleness_slots=1_000,
            half_life_seconds=3_600,
            factor_count=n,
            stored_factor_count=n,
        )
        sdk_accepts = True
    except errors.CorrelationNotPositiveSemiDefinite:
        sdk_accepts = False
    result = kairos.chain.try_send([risk.publish_ix(vols[:n], matrix)], [risk.admin])
    program_accepts = not isinstance(result, FailedTransactionMetadata)
    if not program_accepts:
        assert custom_error_code(result) == NOT_PSD
    assert program_accepts == sdk_accepts
    # An exact oracle independent of the fixed-point one: C + sI is positive definite
    # iff λ_min(C) > −s (rational LDLᵀ, no rounding).
    tolerance = Fraction(PSD_TOLERANCE, LDL_SCALE)
    dense = [[Fraction(matrix[i * 16 + j], 10_000) for j in range(n)] for i in range(n)]
    if positive_definite(dense, tolerance / 2):
        assert program_accepts, matrix
    if not positive_definite(dense, 2 * tolerance):
        assert not program_accepts, matrix


def test_publish_accounts_are_checked(risk: Risk, market: Market) -> None:
    risk.set_factors([market.address])
    kairos = risk.kairos
    good = risk.publish_ix([1], IDENTITY_1)
    # Another program account in place of the RiskParameters.
    wrong = with_meta(good, 2, pubkey=kairos.exchange.address)
    failure = kairos.chain.fail([wrong], [risk.admin])
    assert custom_error_code(failure) is not None
    # The publisher must sign.
    unsigned = with_meta(good, 1, is_signer=False)
    failure = kairos.chain.fail([unsigned], [kairos.chain.payer])
    assert custom_error_code(failure) == 3010
