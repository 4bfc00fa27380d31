"""Funding payments (issue 15) in LiteSVM: the crank, the index, lazy settlement into
positions, health, zero-sum, and the defined behaviour at the edges (stale oracle,
empty book, paused market, extreme premiums, a crank that stopped).

`Kairos.send` asserts the vault invariant after every step; the SDK's mirror
(kairos.math.funding, kairos.math.health) is compared with the program throughout."""

from __future__ import annotations

from kairos.math import funding as sdk

from ..conftest import ERRORS, Trader
from ..liquidation.conftest import Liquidation
from ..perp.conftest import WIDEST_BAND_BPS, Market
from .conftest import ASK, BID, HOUR, MARKET, ONE, Funding, events_named

LOTS = 1_000
# A 1 % premium (mark 101 on an oracle of 100) for one hour: 1 quote per lot per day.
ONE_PERCENT_HOUR = 1 * ONE * HOUR // 86_400


def premium_market(funding: Funding, market: Market, bid: int = 100, ask: int = 102) -> Trader:
    """A maker quoting `bid` / `ask` around the oracle (100): the mark is their mid."""
    maker = funding.perp.trader(10**9)
    funding.quote_book(market, maker, bid, ask, 5)
    return maker


def paired(funding: Funding, market: Market, lots: int = LOTS) -> tuple[Trader, Trader]:
    long, short = funding.perp.trader(10**8), funding.perp.trader(10**8)
    funding.open_pair(market, long, short, 100, lots)
    return long, short


def test_the_first_crank_starts_funding_and_charges_nothing(
    funding: Funding, market: Market
) -> None:
    premium_market(funding, market)
    event = funding.roll(market)
    state = funding.market(market)
    now = funding.chain.clock().unix_timestamp
    assert state.funding_last_roll_ts == now and state.funding_twap_ts == now
    assert state.funding_started == 1 and state.funding_sampled == 1
    # The first sample (the maker's bid alone: no premium) seeded the TWAPs; the
    # book's mid since then (101) is held until the next sample.
    assert (state.oracle_twap, state.mark_twap) == (100, 100)
    assert (state.last_oracle_sample, state.last_mark_sample) == (100, 101)
    assert (event.delta, event.funding_index, state.funding_index) == (0, 0, 0)


def test_a_crank_before_the_period_ends_only_samples(funding: Funding, market: Market) -> None:
    premium_market(funding, market)
    funding.roll(market)
    funding.warp(HOUR - 10, market)
    meta = funding.update(market)
    assert events_named(funding.chain, meta, "FundingUpdated") == []
    state = funding.market(market)
    assert state.funding_index == 0
    assert state.funding_twap_ts == funding.chain.clock().unix_timestamp


def test_longs_pay_shorts_the_premium_to_the_native_unit(
    funding: Funding, kairos, market: Market
) -> None:
    long, short = paired(funding, market)
    premium_market(funding, market)
    funding.roll(market)
    funding.warp(HOUR, market)
    event = funding.roll(market)
    assert event.delta == ONE_PERCENT_HOUR == 41_666_666
    assert (event.mark_twap, event.oracle_twap, event.elapsed_seconds) == (101, 100, HOUR)
    assert event.funding_rate == ONE_PERCENT_HOUR // 100 and not event.clamped
    # Pending: ceil(±1,000 × 41,666,666 / 10⁹) = 42 owed by the long, 41 to the short.
    assert funding.sdk_pending(long, market) == 42
    assert funding.sdk_pending(short, market) == -41
    liq = Liquidation(kairos, funding.perp)
    for trader in (long, short):
        health = kairos.compute_health(trader.margin)
        # The SDK's mirror counts the same pending funding as the program.
        breakdown = liq.breakdown(trader.margin)
        assert health == (breakdown.init, breakdown.maint)
        meta = funding.perp.settle(trader.margin, market)
        [paid] = events_named(funding.chain, meta, "FundingPaid")
        assert paid.amount == (42 if trader is long else -41)
        assert paid.margin_account == trader.margin and paid.market_index == market.index
        position = funding.perp.position(trader.margin, market)
        assert position is None or position.funding_index_snapshot == event.funding_index
        # Health counted it already: settling it leaves maintenance health as it was
        # (initial health may rise: a realized profit no longer has its PnL weight).
        after = kairos.compute_health(trader.margin)
        assert after[1] == health[1]
        breakdown = liq.breakdown(trader.margin)
        assert after == (breakdown.init, breakdown.maint)
    # Zero-sum: 42 paid, 41 received; the 1-unit residue stays in the pnl pool.
    assert funding.market(market).funding_settled_net == 1


def test_a_fill_charges_the_funding_owed_before_the_size_changes(
    funding: Funding, market: Market
) -> None:
    long, short = paired(funding, market)
    premium_market(funding, market)
    funding.roll(market)
    funding.warp(HOUR, market)
    funding.roll(market)
    before = funding.position(long, market).quote_position
    # The long buys one more lot from the maker's ask (102): it pays 42 first.
    meta = funding.perp.place(long, market, BID, 102, 1, order_type=MARKET)
    [paid] = events_named(funding.chain, meta, "FundingPaid")
    assert (paid.amount, paid.base_lots) == (42, LOTS)
    position = funding.position(long, market)
    assert position.quote_position == before - 42 - 102
    assert position.funding_index_snapshot == funding.market(market).funding_index


def test_a_maker_fill_waiting_across_a_roll_pays_what_its_taker_pays(
    funding: Funding, market: Market
) -> None:
    premium_market(funding, market)
    funding.roll(market)
    maker, taker = funding.perp.trader(10**8), funding.perp.trader(10**8)
    funding.perp.place(maker, market, ASK, 101, LOTS)
    funding.perp.place(taker, market, BID, 101, LOTS, order_type=MARKET)  # not consumed
    funding.warp(HOUR, market)
    event = funding.roll(market)  # the fill came after the previous roll: allowed
    delta = event.delta
    assert delta > 0
    assert funding.sdk_pending(taker, market) == -(-LOTS * delta // ONE)
    meta = funding.perp.consume(market)
    # The maker's short landed after the roll, yet owes the roll's funding on its lots.
    [paid] = events_named(funding.chain, meta, "FundingPaid")
    assert paid.margin_account == maker.margin and paid.amount == -(LOTS * delta // ONE)
    funding.perp.settle(taker.margin, market)
    assert 0 <= funding.market(market).funding_settled_net <= 1


def test_a_roll_waits_for_fills_from_before_the_previous_roll(
    funding: Funding, market: Market
) -> None:
    premium_market(funding, market)
    funding.roll(market)
    maker, taker = funding.perp.trader(10**8), funding.perp.trader(10**8)
    funding.perp.place(maker, market, ASK, 101, 10)
    funding.perp.place(taker, market, BID, 101, 10, order_type=MARKET)
    funding.warp(HOUR, market)
    funding.roll(market)
    funding.warp(HOUR, market)
    funding.kairos.fail_unchanged(
        [funding.update_ix(market)], [funding.chain.payer], ERRORS["FundingFillsPending"]
    )
    funding.perp.consume(market)
    assert funding.roll(market).delta > 0


def test_a_stale_oracle_fails_the_crank_with_nothing_changed(
    funding: Funding, market: Market
) -> None:
    premium_market(funding, market)
    funding.roll(market)
    funding.warp(HOUR)  # the market's oracle is not republished
    funding.kairos.fail_unchanged(
        [funding.update_ix(market)], [funding.chain.payer], ERRORS["StaleOracle"]
    )


def test_an_empty_book_has_no_premium(funding: Funding, market: Market) -> None:
    long, _ = paired(funding, market)
    funding.roll(market)
    funding.warp(HOUR, market)
    event = funding.roll(market)
    assert (event.mark_twap, event.oracle_twap, event.delta) == (100, 100, 0)
    assert funding.sdk_pending(long, market) == 0


def test_one_sided_books_count_only_a_premium_they_show(funding: Funding, market: Market) -> None:
    maker = funding.perp.trader(10**9)
    funding.perp.place(maker, market, BID, 99, 5)  # a bid below the oracle: no premium
    funding.roll(market)
    assert funding.market(market).last_mark_sample == 100
    funding.perp.place(maker, market, BID, 103, 5)  # a bid above it: mark 103
    assert funding.market(market).last_mark_sample == 103


def test_an_extreme_premium_is_bounded_by_the_band_and_the_clamp(
    funding: Funding, market: Market
) -> None:
    # The market's price bands would refuse these quotes (test_price_bands.py):
    # opened wide so the funding mark band is what bounds the premium here.
    funding.perp.set_order_rules(market, WIDEST_BAND_BPS, WIDEST_BAND_BPS)
    maker = funding.perp.trader(10**9)
    funding.perp.place(maker, market, BID, 200, 5)  # 100 % over the oracle
    funding.roll(market)
    assert funding.market(market).last_mark_sample == 105  # the 5 % band
    funding.warp(HOUR, market)
    event = funding.roll(market)
    assert event.delta == 5 * ONE * HOUR // 86_400 and not event.clamped
    funding.set_params(market, max_rate_bps=1)  # 0.01 % of the oracle per period
    funding.warp(HOUR, market)
    event = funding.roll(market)
    assert event.clamped and event.delta == 100 * ONE // 10_000
    # The other way: an ask far below the oracle, clamped the same.
    funding.perp.kairos.send([funding.perp.cancel_all_ix(maker, market)], [maker.owner])
    funding.perp.place(maker, market, ASK, 1, 5)
    assert funding.market(market).last_mark_sample == 95
    funding.warp(HOUR, market)
    event = funding.roll(market)
    assert event.clamped and event.delta == -(100 * ONE // 10_000)


def test_a_paused_market_moves_no_funding_but_keeps_sampling(
    funding: Funding, market: Market
) -> None:
    premium_market(funding, market)
    funding.roll(market)
    funding.set_params(market, paused=1)
    funding.warp(HOUR, market)
    event = funding.roll(market)
    assert event.paused and event.delta == 0
    state = funding.market(market)
    assert state.funding_index == 0 and state.funding_twap_ts == event.timestamp
    funding.set_params(market, paused=0)
    funding.warp(HOUR, market)
    assert funding.roll(market).delta == ONE_PERCENT_HOUR


def test_a_late_crank_charges_one_period_at_most(funding: Funding, market: Market) -> None:
    premium_market(funding, market)
    funding.roll(market)
    funding.warp(5 * HOUR, market)
    event = funding.roll(market)
    assert event.elapsed_seconds == HOUR and event.delta == ONE_PERCENT_HOUR


def test_the_sdk_predicts_the_roll(funding: Funding, market: Market) -> None:
    premium_market(funding, market, bid=100, ask=104)
    funding.roll(market)
    funding.warp(HOUR // 2, market)
    funding.perp.place(funding.perp.trader(10**8), market, BID, 101, 3)  # mid 102.5 → 102
    funding.warp(HOUR // 2, market)
    state, book = funding.market(market), funding.book(market)
    now = funding.chain.clock().unix_timestamp
    predicted = sdk.predicted_roll(state, book, 100, now)
    event = funding.roll(market)
    assert (predicted.delta, predicted.rate) == (event.delta, event.funding_rate)
    assert funding.market(market).mark_twap == event.mark_twap


def test_the_crank_reward_comes_out_of_the_market_fees(funding: Funding, market: Market) -> None:
    paired(funding, market)  # taker fees accrue
    funding.set_params(market, reward=7)
    funding.roll(market)  # starting funding pays nothing
    keeper = funding.kairos.margin(funding.keeper.margin).quote_balance
    fees = funding.market(market).fees_accrued
    assert fees > 7
    funding.warp(HOUR, market)
    assert funding.roll(market).reward == 7
    assert funding.kairos.margin(funding.keeper.margin).quote_balance == keeper + 7
    assert funding.market(market).fees_accrued == fees - 7
    funding.set_params(market, reward=10**12)  # capped by what the fees hold
    funding.warp(HOUR, market)
    assert funding.roll(market).reward == fees - 7
    assert funding.market(market).fees_accrued == 0


def test_funding_params_are_checked(funding: Funding, market: Market) -> None:
    bad = [
        {"period": 59},
        {"period": 86_401},
        {"max_rate_bps": 0},
        {"max_rate_bps": 10_001},
        {"band_bps": 0},
        {"band_bps": 10_001},
        {"paused": 2},
    ]
    admin = funding.kairos.exchange.admin
    for args in bad:
        funding.kairos.fail_unchanged(
            [funding.params_ix(market, **args)], [admin], ERRORS["InvalidFundingParams"]
        )
    stranger = funding.chain.fund()
    funding.kairos.fail_unchanged(
        [funding.params_ix(market, admin=stranger.pubkey())], [stranger], ERRORS["Unauthorized"]
    )
    meta = funding.set_params(market, period=600, max_rate_bps=20, band_bps=300, reward=5)
    [event] = events_named(funding.chain, meta, "FundingParamsSet")
    assert (event.period_seconds, event.max_rate_bps, event.mark_band_bps) == (600, 20, 300)
    state = funding.market(market)
    assert (state.funding_period_seconds, state.funding_crank_reward) == (600, 5)


def test_the_crank_checks_its_accounts(funding: Funding, market: Market) -> None:
    other, _ = funding.perp.create_market()
    swapped = funding.update_ix(market)
    accounts = list(swapped.accounts)
    accounts[2] = accounts[2].__class__(other.orderbook, False, False)
    from solders.instruction import Instruction

    funding.kairos.fail_unchanged(
        [Instruction(swapped.program_id, swapped.data, accounts)],
        [funding.chain.payer],
        ERRORS["MarketMismatch"],
    )
    accounts = list(swapped.accounts)
    accounts[4] = accounts[4].__class__(other.oracle.address, False, False)
    funding.kairos.fail_unchanged(
        [Instruction(swapped.program_id, swapped.data, accounts)],
        [funding.chain.payer],
        ERRORS["OracleMismatch"],
    )
    # The reward account must be a margin account of the program.
    funding.kairos.chain.fail(
        [funding.update_ix(market, reward_account=market.address)], [funding.chain.payer]
    )
