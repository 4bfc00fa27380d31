"""kairos.risk against the program on random states (issue 16, item 4).

For random limits and random sequences of resting orders, the SDK predicts each order's
outcome before it is sent (health first, then the risk limits, as the program checks
them) and the program must agree on the error; after each accepted order the
checkpoints the program wrote and compute_risk's metrics equal the SDK's.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from kairos import errors
from kairos.math.health import compute_health
from kairos.risk import evaluate, explain_refusal, exposures, with_resting_order
from solders.transaction_metadata import FailedTransactionMetadata

from ..conftest import custom_error_code
from ..perp.conftest import ASK, BID, Perp
from .conftest import Risk, limits, matrix_bps, sdk_state

ORDER = st.tuples(
    st.integers(0, 1),  # market
    st.sampled_from([BID, ASK]),
    st.integers(1, 30),  # distance from the oracle price, in ticks
    st.integers(1, 80_000),  # lots
)
LIMITS = st.fixed_dictionaries(
    {},
    optional={
        "max_leverage_bps": st.integers(1_000, 60_000),
        "max_position_bps": st.integers(1_000, 40_000),
        "max_concentration_bps": st.integers(2_000, 9_000),
        "max_var_bps": st.integers(100, 3_000),
        "max_correlated_exposure_bps": st.integers(2_000, 40_000),
    },
)


def _predict(risk: Risk, trader: Any, market: Any, side: int, price: int, lots: int) -> Any:
    state = sdk_state(risk, trader)
    after = with_resting_order(state["margin"], market.index, side, price, lots)
    inputs = {k: state[k] for k in ("assets", "markets", "oracles", "slot", "unix_timestamp")}
    health = compute_health(after, quote_decimals=6, **inputs)
    if health.init < 0:
        return errors.InsufficientHealth, None
    found = exposures(after, quote_decimals=6, **inputs)
    evaluation = evaluate(
        state["limits"],
        state["params"],
        found,
        slot=state["slot"],
        unix_timestamp=state["unix_timestamp"],
        increasing=True,
    )
    return evaluation.error, evaluation


MARKETS: dict[int, list[Any]] = {}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    deposit=st.integers(1_000_000, 50_000_000),
    values=LIMITS,
    orders=st.lists(ORDER, min_size=1, max_size=6),
)
def test_sdk_predicts_every_refusal_and_every_metric(
    risk: Risk,
    perp: Perp,
    deposit: int,
    values: dict[str, int],
    orders: list[tuple[int, int, int, int]],
) -> None:
    kairos = risk.kairos
    markets = MARKETS.get(id(kairos))
    if markets is None:
        markets = MARKETS[id(kairos)] = [perp.create_market()[0] for _ in range(2)]
        risk.set_factors([m.address for m in markets])
        risk.publish(
            [25_000, 60_000],
            matrix_bps([[10_000, 6_500], [6_500, 10_000]]),
            max_staleness_slots=1_000_000,
        )
    trader = perp.trader(deposit)
    risk.create_limits(trader, limits(**values))
    for market_no, side, ticks, lots in orders:
        market = markets[market_no]
        price = 100 - ticks if side == BID else 100 + ticks
        predicted, evaluation = _predict(risk, trader, market, side, price, lots)
        result = kairos.chain.try_send(
            [risk.order_ix(trader, market, side, price, lots)], [trader.owner]
        )
        event(predicted.__name__ if predicted else "accepted")
        if isinstance(result, FailedTransactionMetadata):
            assert predicted is not None, result.meta().logs()
            assert custom_error_code(result) == predicted.code, (
                explain_refusal(evaluation) if evaluation else predicted
            )
            continue
        assert predicted is None, explain_refusal(evaluation)
        kairos.check_invariants()
        written = sdk_state(risk, trader)["limits"]
        assert written == evaluation.limits
    metrics, _ = risk.compute_risk(trader)
    state = sdk_state(risk, trader)
    inputs = {k: state[k] for k in ("assets", "markets", "oracles", "slot", "unix_timestamp")}
    found = exposures(state["margin"], quote_decimals=6, **inputs)
    view = evaluate(
        state["limits"],
        state["params"],
        found,
        slot=state["slot"],
        unix_timestamp=state["unix_timestamp"],
        increasing=False,
    )
    assert metrics == view.metrics
