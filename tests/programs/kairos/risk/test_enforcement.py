"""Risk limits enforced where risk grows (issue 16, item 3): every limit hit and refused
with its own error, reduce-only transitions, the risk accounts checked adversarially, and
the program's metrics compared with kairos.risk on the same state.

Units (perp harness): oracle price 100 quote native per lot, traders hold 10,000,000
quote native, so 100,000 lots are 10,000,000 of notional = 1× equity.
"""

from __future__ import annotations

from kairos import errors
from kairos import instructions as ix
from kairos.risk import RiskEvaluation, RiskLimitKind, evaluate, exposures
from solders.instruction import AccountMeta, Instruction

from ..conftest import Trader, with_meta
from ..perp.conftest import ASK, BID, MARKET, Market, Perp
from .conftest import DAY, Risk, limits, matrix_bps, sdk_state

LEVERAGE = errors.RiskLeverageLimit.code


def maker_asks(perp: Perp, market: Market, lots: int, price: int = 101) -> Trader:
    maker = perp.trader(100_000_000)
    perp.place(maker, market, ASK, price, lots)
    return maker


def maker_bids(perp: Perp, market: Market, lots: int, price: int = 99) -> Trader:
    maker = perp.trader(100_000_000)
    perp.place(maker, market, BID, price, lots)
    return maker


def fail_order(
    risk: Risk,
    trader: Trader,
    market: Market,
    side: int,
    price: int,
    lots: int,
    code: int,
    **kwargs: object,
) -> None:
    risk.kairos.fail_unchanged(
        [risk.order_ix(trader, market, side, price, lots, **kwargs)], [trader.owner], code
    )


def send_order(
    risk: Risk, trader: Trader, market: Market, side: int, price: int, lots: int, **kwargs: object
) -> None:
    risk.kairos.send([risk.order_ix(trader, market, side, price, lots, **kwargs)], [trader.owner])


def sdk_view(risk: Risk, trader: Trader, *, increasing: bool = True) -> RiskEvaluation:
    """kairos.risk's evaluation of the account's current state (what a client sees)."""
    state = sdk_state(risk, trader)
    inputs = {k: state[k] for k in ("assets", "markets", "oracles", "slot", "unix_timestamp")}
    found = exposures(state["margin"], quote_decimals=6, **inputs)
    return evaluate(
        state["limits"],
        state["params"],
        found,
        slot=state["slot"],
        unix_timestamp=state["unix_timestamp"],
        increasing=increasing,
    )


def test_accounts_without_limits_are_unaffected(risk: Risk, perp: Perp, market: Market) -> None:
    plain = perp.trader()
    # No tail needed, and a resting order far beyond any limit passes (health allows 10×).
    perp.place(plain, market, BID, 95, 500_000)


def test_leverage_counts_resting_orders(risk: Risk, perp: Perp, market: Market) -> None:
    trader = perp.trader()
    risk.create_limits(trader, limits(max_leverage_bps=20_000))
    fail_order(risk, trader, market, BID, 95, 250_000, LEVERAGE)
    send_order(risk, trader, market, BID, 95, 150_000)
    evaluation = sdk_view(risk, trader)
    assert evaluation.error is None
    metrics, _ = risk.compute_risk(trader)
    assert metrics.leverage_bps == evaluation.metrics.leverage_bps
    assert metrics.leverage_bps == 150_000 * 100 * 10_000 // metrics.equity
    # One more lot past the limit is refused, naming the limit.
    room = 200_000 - 150_000
    fail_order(risk, trader, market, BID, 95, room + 1_000, LEVERAGE)


def test_position_share_of_equity(risk: Risk, perp: Perp, market: Market) -> None:
    trader = perp.trader()
    risk.create_limits(trader, limits(max_position_bps=5_000))
    fail_order(risk, trader, market, BID, 95, 60_000, errors.RiskPositionLimit.code)
    send_order(risk, trader, market, BID, 95, 40_000)


def test_concentration_needs_factors(risk: Risk, perp: Perp, market: Market) -> None:
    trader = perp.trader()
    risk.create_limits(trader, limits(max_concentration_bps=3_000))
    fail_order(risk, trader, market, BID, 95, 10_000, errors.RiskFactorMissing.code)
    risk.set_factors([market.address])
    # 5,000,000 of notional against 15,000,000 of gross exposure: 33 % > 30 %.
    fail_order(risk, trader, market, BID, 95, 50_000, errors.RiskConcentrationLimit.code)
    send_order(risk, trader, market, BID, 95, 40_000)


def test_value_at_risk_and_stale_parameters(risk: Risk, perp: Perp, market: Market) -> None:
    trader = perp.trader()
    risk.set_factors([market.address])
    risk.create_limits(trader, limits(max_var_bps=1_000))
    fail_order(risk, trader, market, BID, 95, 10_000, errors.RiskParametersStale.code)
    risk.publish([50_000], max_staleness_slots=50)
    # 10,000,000 long at 5 %/day: VaR 2.326 × 500,000 = 1,163,000 = 11.6 % of equity.
    fail_order(risk, trader, market, BID, 95, 100_000, errors.RiskVarLimit.code)
    send_order(risk, trader, market, BID, 95, 50_000)
    metrics, _ = risk.compute_risk(trader)
    assert metrics.var_quote == 2326 * 250_000 // 1000
    assert metrics.headroom[RiskLimitKind.VALUE_AT_RISK] == 1_000 - metrics.var_bps
    # Past the staleness bound, risk-increasing orders wait for a publish.
    risk.chain.warp(60)
    risk.kairos.update_oracle(market.oracle, 100)
    fail_order(risk, trader, market, BID, 95, 1_000, errors.RiskParametersStale.code)
    # Reducing still works: cancel-free reduce = an ask against no position rests... an
    # order that only reduces needs a position; this account has only bids, so a resting
    # ask would add exposure and is refused as well.
    fail_order(risk, trader, market, ASK, 105, 1_000, errors.RiskParametersStale.code)


def test_correlated_exposure_refuses_adding_to_a_correlated_book(
    risk: Risk, perp: Perp, market: Market
) -> None:
    other, _ = perp.create_market()
    risk.set_factors([market.address, other.address])
    risk.publish([20_000, 20_000], matrix_bps([[10_000, 9_000], [9_000, 10_000]]))
    trader = perp.trader()
    risk.create_limits(trader, limits(max_correlated_exposure_bps=8_000))
    send_order(risk, trader, market, BID, 95, 50_000)
    # Long the correlated market too: sqrt(25 + 25 + 2 × 0.9 × 25) = 9.7 M > 8 M.
    fail_order(risk, trader, other, BID, 95, 50_000, errors.RiskCorrelatedExposureLimit.code)
    # The hedge (short the correlated market) is fine.
    send_order(risk, trader, other, ASK, 105, 50_000)
    metrics, _ = risk.compute_risk(trader)
    assert metrics.correlated_exposure_bps < 3_000


def test_liquidity_share_of_depth(risk: Risk, perp: Perp, market: Market) -> None:
    maker_asks(perp, market, 1_000, 101)
    maker_asks(perp, market, 5_000, 150)  # outside a 2 % band: not depth
    trader = perp.trader()
    risk.create_limits(trader, limits(max_liquidity_take_bps=5_000, liquidity_band_bps=200))
    fail_order(
        risk, trader, market, BID, 110, 600, errors.RiskLiquidityLimit.code, order_type=MARKET
    )
    send_order(risk, trader, market, BID, 110, 500, order_type=MARKET)


def _long_with_limit(risk: Risk, perp: Perp, market: Market, **values: int) -> Trader:
    maker_asks(perp, market, 50_000, 100)
    trader = perp.trader()
    risk.create_limits(trader, limits(**values))
    send_order(risk, trader, market, BID, 100, 50_000, order_type=MARKET)
    risk.compute_risk(trader)  # checkpoints: day open and high-water mark
    return trader


def test_daily_loss_puts_the_account_into_reduce_only(
    risk: Risk, perp: Perp, market: Market
) -> None:
    trader = _long_with_limit(risk, perp, market, max_daily_loss_bps=500)
    day_open = risk.limits_of(trader).day_open_equity
    risk.kairos.update_oracle(market.oracle, 85)  # 50,000 lots × 15 = 7.5 % of equity
    maker_asks(perp, market, 10_000, 86)
    # A risk-increasing order fails with the limit's error (nothing recorded).
    fail_order(
        risk, trader, market, BID, 90, 1_000, errors.RiskDailyLossLimit.code, order_type=MARKET
    )
    assert risk.limits_of(trader).reduce_only_until == 0
    # The view records the transition, with its event.
    metrics, meta = risk.compute_risk(trader)
    breached = [e.data for e in risk.chain.events(meta) if e.name == "RiskLimitBreached"]
    assert [(b.limit, b.bound) for b in breached] == [(RiskLimitKind.DAILY_LOSS, 500)]
    assert breached[0].value == metrics.daily_loss_bps > 500
    now = risk.chain.clock().unix_timestamp
    until = (now // DAY + 1) * DAY
    assert risk.limits_of(trader).reduce_only_until == until == metrics.reduce_only_until
    assert risk.limits_of(trader).day_open_equity == day_open
    # Reduce-only: an increase is refused whatever its size; a reduction passes.
    fail_order(risk, trader, market, BID, 90, 1, errors.RiskReduceOnly.code, order_type=MARKET)
    maker_bids(perp, market, 10_000, 84)
    send_order(risk, trader, market, ASK, 80, 5_000, order_type=MARKET)
    # The next UTC day ends it and checkpoints a new day-open equity.
    risk.chain.warp(10, until - now + 1)
    risk.kairos.update_oracle(market.oracle, 85)
    risk.kairos.refresh_oracles()
    maker_asks(perp, market, 1_000, 86)
    send_order(risk, trader, market, BID, 90, 1_000, order_type=MARKET)
    state = risk.limits_of(trader)
    assert state.reduce_only_until == 0 and state.day_open_equity != day_open


def test_drawdown_and_high_water_mark_reset(risk: Risk, perp: Perp, market: Market) -> None:
    trader = _long_with_limit(risk, perp, market, max_drawdown_bps=300)
    risk.kairos.update_oracle(market.oracle, 110)
    risk.compute_risk(trader)
    high = risk.limits_of(trader).high_water_mark
    risk.kairos.update_oracle(market.oracle, 100)  # 500,000 off ~10.5 M: 4.8 %
    maker_asks(perp, market, 100, 101)
    fail_order(risk, trader, market, BID, 105, 10, errors.RiskDrawdownLimit.code, order_type=MARKET)
    _, meta = risk.compute_risk(trader)
    assert [e.data.limit for e in risk.chain.events(meta) if e.name == "RiskLimitBreached"] == [
        RiskLimitKind.DRAWDOWN
    ]
    reset = ix.reset_high_water_mark(
        owner=trader.owner.pubkey(),
        margin_account=trader.margin,
        health_accounts=risk.kairos.health_accounts(trader.margin),
    )
    risk.kairos.fail_unchanged([reset], [trader.owner], errors.RiskCooldownActive.code)
    stranger = risk.kairos.new_trader()
    forged = ix.reset_high_water_mark(
        owner=stranger.owner.pubkey(),
        margin_account=trader.margin,
        health_accounts=risk.kairos.health_accounts(trader.margin),
    )
    risk.kairos.fail_unchanged([forged], [stranger.owner], errors.Unauthorized.code)
    risk.chain.warp(10, DAY)
    risk.kairos.update_oracle(market.oracle, 100)
    reset = ix.reset_high_water_mark(
        owner=trader.owner.pubkey(),
        margin_account=trader.margin,
        health_accounts=risk.kairos.health_accounts(trader.margin),
    )
    meta = risk.kairos.send([reset], [trader.owner])
    state = risk.limits_of(trader)
    assert state.high_water_mark < high and state.reduce_only_until == 0
    assert state.high_water_mark == state.day_open_equity == state.last_equity
    send_order(risk, trader, market, BID, 105, 10, order_type=MARKET)


def test_the_risk_accounts_cannot_be_skipped_or_swapped(
    risk: Risk, perp: Perp, market: Market
) -> None:
    kairos = risk.kairos
    trader, other = perp.trader(), perp.trader()
    risk.create_limits(trader, limits(max_leverage_bps=20_000))
    risk.create_limits(other, limits())
    health = perp.health_accounts_after_order(trader.margin, market)
    # Without the tail (as a client unaware of the limits would send it).
    kairos.fail_unchanged(
        [perp.place_order_ix(trader, market, BID, 95, 250_000, health_accounts=health)],
        [trader.owner],
        errors.RiskAccountsMissing.code,
    )
    # Another account's (looser) RiskLimits.
    swapped = [*health, *ix.risk_tail(other.margin)]
    kairos.fail_unchanged(
        [perp.place_order_ix(trader, market, BID, 95, 250_000, health_accounts=swapped)],
        [trader.owner],
        errors.RiskAccountsMismatch.code,
    )
    good = risk.order_ix(trader, market, BID, 95, 250_000)
    n = len(good.accounts)
    # The RiskParameters replaced by the RiskLimits' neighbour, or read-only RiskLimits.
    kairos.fail_unchanged(
        [with_meta(good, n - 1, pubkey=kairos.quote.address)],
        [trader.owner],
        errors.RiskAccountsMissing.code,
    )
    kairos.fail_unchanged([with_meta(good, n - 2, is_writable=False)], [trader.owner], 2000)
    # The order itself is over the limit.
    kairos.fail_unchanged([good], [trader.owner], LEVERAGE)


def test_withdrawals_are_checked_and_shift_the_checkpoints(
    risk: Risk, perp: Perp, market: Market
) -> None:
    kairos = risk.kairos
    trader = _long_with_limit(risk, perp, market, max_leverage_bps=20_000, max_daily_loss_bps=500)
    before = risk.limits_of(trader)
    quote = kairos.quote

    def withdraw_ix(amount: int) -> object:
        health = kairos.health_accounts_after_withdraw(trader.margin, quote, amount)
        return kairos.withdraw_ix(
            trader, quote, amount, health_accounts=[*health, *ix.risk_tail(trader.margin)]
        )

    # 5,000,000 notional: leverage 2× allows equity down to 2.5 M.
    kairos.fail_unchanged([withdraw_ix(8_000_000)], [trader.owner], LEVERAGE)
    # Without the tail: refused.
    plain = kairos.withdraw_ix(trader, quote, 1_000_000)
    kairos.fail_unchanged([plain], [trader.owner], errors.RiskAccountsMissing.code)
    # 1,000,000 out (10 %, more than the 5 % daily loss): not a loss.
    kairos.send([withdraw_ix(1_000_000)], [trader.owner])
    after = risk.limits_of(trader)
    assert after.day_open_equity == before.day_open_equity - 1_000_000
    assert after.high_water_mark == before.high_water_mark - 1_000_000
    metrics, _ = risk.compute_risk(trader)
    assert metrics.daily_loss_bps == 0 and metrics.reduce_only_until == 0


def test_program_and_sdk_agree_on_a_mixed_account(risk: Risk, perp: Perp, market: Market) -> None:
    other, _ = perp.create_market()
    risk.set_factors([market.address, other.address])
    risk.publish([30_000, 45_000], matrix_bps([[10_000, -3_000], [-3_000, 10_000]]))
    trader = perp.trader()
    risk.create_limits(trader, limits(max_var_bps=5_000, max_leverage_bps=50_000))
    maker_asks(perp, market, 20_000, 101)
    send_order(risk, trader, market, BID, 102, 20_000, order_type=MARKET)
    send_order(risk, trader, other, ASK, 104, 30_000)
    expected = sdk_view(risk, trader, increasing=False)
    metrics, _ = risk.compute_risk(trader)
    assert metrics == expected.metrics


def test_a_reducing_order_records_the_transition(risk: Risk, perp: Perp, market: Market) -> None:
    trader = _long_with_limit(risk, perp, market, max_daily_loss_bps=500)
    risk.kairos.update_oracle(market.oracle, 85)
    maker_bids(perp, market, 10_000, 84)
    kairos = risk.kairos
    meta = kairos.send(
        [risk.order_ix(trader, market, ASK, 80, 1_000, order_type=MARKET)], [trader.owner]
    )
    breached = [e.data for e in kairos.chain.events(meta) if e.name == "RiskLimitBreached"]
    assert [b.limit for b in breached] == [RiskLimitKind.DAILY_LOSS]
    assert risk.limits_of(trader).reduce_only_until == breached[0].reduce_only_until > 0


def test_non_quote_withdrawal_is_valued_at_its_oracle(risk: Risk, perp: Perp) -> None:
    kairos = risk.kairos
    asset = kairos.add_asset()  # 9 decimals at 100: 1e9 native = 100,000,000 quote native
    trader = perp.trader()
    kairos.deposit(trader, asset, 1_000_000_000)
    risk.create_limits(trader, limits(max_daily_loss_bps=100))
    risk.compute_risk(trader)
    before = risk.limits_of(trader)
    oracle = AccountMeta(asset.oracle.address, False, False)  # type: ignore[union-attr]

    def withdraw_ix(amount: int, extra: list[AccountMeta]) -> Instruction:
        health = kairos.health_accounts_after_withdraw(trader.margin, asset, amount)
        return kairos.withdraw_ix(
            trader, asset, amount, health_accounts=[*health, *ix.risk_tail(trader.margin), *extra]
        )

    # Without the asset's oracle after the risk accounts: refused.
    kairos.fail_unchanged(
        [withdraw_ix(300_000_000, [])], [trader.owner], errors.RiskAccountsMissing.code
    )
    # 30 % of the equity leaves, far past the 1 % daily loss: not a loss.
    kairos.send([withdraw_ix(300_000_000, [oracle])], [trader.owner])
    after = risk.limits_of(trader)
    assert after.day_open_equity == before.day_open_equity - 30_000_000
    assert after.high_water_mark == before.high_water_mark - 30_000_000
    # Emptying the slot works the same way (the oracle values it, the health list drops it).
    kairos.send([withdraw_ix(700_000_000, [oracle])], [trader.owner])
    assert risk.limits_of(trader).day_open_equity == before.day_open_equity - 100_000_000
    metrics, _ = risk.compute_risk(trader)
    assert metrics.daily_loss_bps == 0
