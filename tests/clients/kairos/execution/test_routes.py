"""Unit tests of kairos.execution.routes: candidates, templates, hard rules, learning."""

from __future__ import annotations

import pytest
from kairos.constants import Side
from kairos.execution.routes import (
    TEMPLATES,
    MarketContext,
    RouteKind,
    RoutingPreferences,
    adherence,
    allowed,
    candidate_routes,
    learn_from_outcome,
    rank_routes,
    template,
)
from kairos.math.orderbook import L2Level

ASKS = [L2Level(1_000_000 + i * 2_000, 20, 1) for i in range(30)]
CONTEXT = MarketContext(tick_size=100, volatility_bps=5.0, quote_per_lamport=0.2)


def ranked(prefs: RoutingPreferences, lots: int = 100) -> list[str]:
    routes = candidate_routes(ASKS, 998_000, Side.BID, lots, CONTEXT)
    notional = lots * 1_000_000
    return [
        s.route.kind.value
        for s in rank_routes(routes, prefs, notional_quote=notional, quote_per_lamport=0.2)
    ]


def test_candidates_cover_every_kind_and_splits_cost_less_slippage() -> None:
    routes = {r.kind: r for r in candidate_routes(ASKS, 998_000, Side.BID, 100, CONTEXT)}
    assert set(routes) == set(RouteKind)
    assert routes[RouteKind.TWAP].slices == 5 and routes[RouteKind.TWAP].child_orders == 5
    assert (
        routes[RouteKind.TWAP].expected_slippage_bps < routes[RouteKind.TAKE].expected_slippage_bps
    )
    assert routes[RouteKind.TWAP].fee_lamports > routes[RouteKind.TAKE].fee_lamports
    # A small order is not split.
    small = {r.kind for r in candidate_routes(ASKS, 998_000, Side.BID, 10, CONTEXT)}
    assert RouteKind.TWAP not in small
    with pytest.raises(ValueError):
        candidate_routes([], None, Side.BID, 10, CONTEXT)


def test_the_five_templates_choose_as_they_say() -> None:
    assert set(TEMPLATES) == {
        "Speed First",
        "Best Price",
        "MEV Protected",
        "Gas Optimized",
        "Balanced",
    }
    assert ranked(template("speed first"))[0] == "take"
    assert ranked(template("Gas Optimized"))[0] in {"take", "auction", "iceberg"}
    best = ranked(template("Best Price"))
    assert best[0] != "take"
    mev = ranked(template("MEV Protected"))
    assert "take" not in mev
    with pytest.raises(ValueError):
        template("Fastest")


def test_hard_rules_filter_routes() -> None:
    routes = candidate_routes(ASKS, 998_000, Side.BID, 100, CONTEXT)
    twap = next(r for r in routes if r.kind == RouteKind.TWAP)
    assert allowed(twap, RoutingPreferences(blacklist=("twap",))) == "blacklisted"
    assert allowed(twap, RoutingPreferences(whitelist=("take",))) == "not whitelisted"
    assert allowed(twap, RoutingPreferences(max_child_orders=4)) == "5 child orders > 4"
    assert allowed(twap, RoutingPreferences(route_weights={"twap": 0.0})) == "weight 0"
    only = ranked(RoutingPreferences(whitelist=("take", "auction")))
    assert set(only) == {"take", "auction"}


def test_preferences_validate_and_round_trip() -> None:
    prefs = RoutingPreferences(route_weights={"auction": 2.0}, blacklist=("ladder",))
    assert RoutingPreferences.from_dict(prefs.to_dict()) == prefs
    for bad in (
        {"route_weights": {"binance": 1.0}},
        {"route_weights": {"take": -1.0}},
        {"gas_weight": float("nan")},
        {"min_mev_level": 4},
        {"max_child_orders": 0},
        {"learning_rate": 0.0},
        {"blacklist": ["take"], "whitelist": ["take"]},
        {"surprise": 1},
    ):
        with pytest.raises(ValueError):
            RoutingPreferences.from_dict(bad)


def test_learning_demotes_a_route_that_keeps_missing_its_prediction() -> None:
    prefs = template("Best Price")
    first = ranked(prefs)[0]
    routes = {r.kind.value: r for r in candidate_routes(ASKS, 998_000, Side.BID, 100, CONTEXT)}
    predicted = routes[first].expected_slippage_bps
    learned = prefs
    for _ in range(10):
        learned = learn_from_outcome(learned, RouteKind(first), predicted, predicted + 30.0)
    assert learned.adjustments[first] == pytest.approx(-30.0 * (1 - 0.8**10))
    assert ranked(learned)[0] != first
    assert prefs.adjustments == {}  # the input is unchanged
    # Outcomes matching the predictions decay the adjustment back towards 0.
    recovered = learned
    for _ in range(40):
        recovered = learn_from_outcome(recovered, RouteKind(first), predicted, predicted)
    assert abs(recovered.adjustments[first]) < 0.1 and ranked(recovered)[0] == first
    with pytest.raises(ValueError):
        learn_from_outcome(prefs, RouteKind.TAKE, float("inf"), 0.0)


def test_adherence() -> None:
    assert adherence(["take", "twap"], ["take", "auction"]) == 0.5
    assert adherence([], []) == 1.0
    with pytest.raises(ValueError):
        adherence(["take"], [])
