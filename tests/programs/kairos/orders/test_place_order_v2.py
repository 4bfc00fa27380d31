"""place_order_v2: time in force, post-only, expiry, reduce-only, self-trade
behavior, oracle slippage band, iceberg; CU per order type."""

from __future__ import annotations

import pytest
from kairos.constants import FillEventType, OrderType, SelfTradeBehavior, TimeInForce

from ..conftest import ERRORS, KEEPER_REWARD, Kairos
from ..perp.conftest import ASK, BID, WIDEST_BAND_BPS, Market, Perp, events_named
from .conftest import Orders

# CU budgets per order type: about twice the figures measured by
# benchmarks/compute_units.py (2.8k resting, 4.6k taking one maker).
CU_BUDGET_RESTING = 6_000
CU_BUDGET_TAKING_ONE = 10_000


def resting(perp: Perp, market: Market, side: int) -> list[tuple[int, int, int]]:
    """(price, visible lots, hidden lots) of one side, best first."""
    orders = perp.bids(market) if side == BID else perp.asks(market)
    return [(o.price, o.base_lots, o.hidden_lots) for o in orders]


def test_gtc_by_default_rests_like_place_order(orders: Orders, perp: Perp, market: Market) -> None:
    maker = perp.trader()
    meta = orders.place(maker, BID, 99, 5)
    assert resting(perp, market, BID) == [(99, 5, 0)]
    assert meta.compute_units_consumed() <= CU_BUDGET_RESTING
    (placed,) = events_named(orders.chain, meta, "OrderPlaced")
    assert placed.resting_base_lots == 5


def test_ioc_fills_what_crosses_and_never_rests(orders: Orders, perp: Perp, market: Market) -> None:
    maker, taker = perp.trader(), perp.trader()
    orders.place(maker, ASK, 101, 3)
    meta = orders.place(taker, BID, 101, 5, time_in_force=TimeInForce.IOC)
    assert meta.compute_units_consumed() <= CU_BUDGET_TAKING_ONE
    assert resting(perp, market, BID) == [] and resting(perp, market, ASK) == []
    assert perp.position(taker.margin, market).base_lots == 3
    # An IOC with nothing to take is not an error (unlike a market order).
    orders.place(taker, BID, 101, 5, time_in_force=TimeInForce.IOC)
    assert perp.open_orders(taker.margin) == []


def test_fok_with_one_lot_missing_fails_atomically(
    orders: Orders, perp: Perp, market: Market
) -> None:
    maker, taker = perp.trader(), perp.trader()
    orders.place(maker, ASK, 101, 2)
    orders.place(maker, ASK, 102, 2)
    orders.refuse(taker, BID, 102, 5, ERRORS["FillOrKillNotFilled"], time_in_force=TimeInForce.FOK)
    assert resting(perp, market, ASK) == [(101, 2, 0), (102, 2, 0)]
    meta = orders.place(taker, BID, 102, 4, time_in_force=TimeInForce.FOK)
    assert meta.compute_units_consumed() <= 2 * CU_BUDGET_TAKING_ONE
    assert resting(perp, market, ASK) == []
    assert perp.position(taker.margin, market).base_lots == 4


def test_post_only_that_would_cross_is_refused(orders: Orders, perp: Perp, market: Market) -> None:
    maker, poster = perp.trader(), perp.trader()
    orders.place(maker, ASK, 101, 3)
    orders.refuse(
        poster, BID, 101, 1, ERRORS["PostOnlyWouldCross"], time_in_force=TimeInForce.POST_ONLY
    )
    meta = orders.place(poster, BID, 100, 1, time_in_force=TimeInForce.POST_ONLY)
    assert meta.compute_units_consumed() <= CU_BUDGET_RESTING
    assert resting(perp, market, BID) == [(100, 1, 0)]
    # A market order cannot be post-only.
    orders.refuse(
        poster,
        BID,
        100,
        1,
        ERRORS["InvalidArgument"],
        order_type=OrderType.MARKET,
        time_in_force=TimeInForce.POST_ONLY,
    )


def test_post_only_slide_reprices_to_the_best_non_crossing_tick(
    orders: Orders, perp: Perp, market: Market
) -> None:
    maker, poster = perp.trader(), perp.trader()
    orders.place(maker, ASK, 101, 3)
    orders.place(maker, BID, 95, 3)
    orders.place(poster, BID, 105, 2, time_in_force=TimeInForce.POST_ONLY_SLIDE)
    orders.place(poster, ASK, 90, 2, time_in_force=TimeInForce.POST_ONLY_SLIDE)
    # The bid slid to 100 (under the 101 ask); the ask then slid to one tick
    # above the new best bid (its own 100), behind the maker's 101.
    assert resting(perp, market, BID)[0] == (100, 2, 0)
    assert resting(perp, market, ASK) == [(101, 3, 0), (101, 2, 0)]
    # Nothing traded, and the open orders carry the slid prices.
    assert perp.position(poster.margin, market).base_lots == 0
    assert sorted(o.price for o in perp.open_orders(poster.margin)) == [100, 101]


def test_post_only_slide_cannot_go_below_one_tick(orders: Orders, perp: Perp) -> None:
    perp.set_order_rules(orders.market, WIDEST_BAND_BPS, WIDEST_BAND_BPS)  # an ask at 1 may rest
    maker, poster = perp.trader(), perp.trader()
    orders.place(maker, ASK, 1, 1)
    orders.refuse(
        poster, BID, 5, 1, ERRORS["PostOnlyWouldCross"], time_in_force=TimeInForce.POST_ONLY_SLIDE
    )


def test_expiry_in_the_past_is_refused(orders: Orders, perp: Perp) -> None:
    trader = perp.trader()
    orders.chain.warp(1, seconds=1_000)
    orders.kairos.update_oracle(orders.market.oracle, 100)
    now = orders.chain.clock().unix_timestamp
    orders.refuse(trader, BID, 99, 1, ERRORS["OrderExpired"], expiry_timestamp=now)
    orders.place(trader, BID, 99, 1, expiry_timestamp=now + 1)


def test_expired_resting_order_is_skipped_removed_and_released_by_the_crank(
    orders: Orders, perp: Perp, market: Market, kairos: Kairos
) -> None:
    maker, live_maker, taker = perp.trader(), perp.trader(), perp.trader()
    now = orders.chain.clock().unix_timestamp
    orders.place(maker, ASK, 100, 3, expiry_timestamp=now + 10)
    orders.place(live_maker, ASK, 101, 2)
    orders.chain.warp(30, seconds=20)
    kairos.update_oracle(market.oracle, 100)
    meta = orders.place(taker, BID, 101, 4)
    # The expired order did not trade: the taker filled 2 at 101 and rests 2.
    assert perp.position(taker.margin, market).base_lots == 2
    assert resting(perp, market, ASK) == []
    assert resting(perp, market, BID) == [(101, 2, 0)]
    kinds = [e.event_type for e in perp.queued_events(market)]
    assert kinds == [FillEventType.OUT, FillEventType.FILL]
    (placed,) = events_named(orders.chain, meta, "OrderPlaced")
    assert placed.filled_base_lots == 2
    # The crank releases the expired order's reservation and slot (paid per event).
    cranker = orders.chain.fund()
    before = orders.chain.svm.get_account(cranker.pubkey()).lamports
    kairos.send([perp.consume_events_ix(market, cranker=cranker.pubkey())], [cranker])
    assert (
        orders.chain.svm.get_account(cranker.pubkey()).lamports - before
        == 2 * KEEPER_REWARD - 5_000
    )
    assert perp.open_orders(maker.margin) == []
    assert perp.position(maker.margin, market) is None


def test_reduce_only_is_capped_at_the_position(orders: Orders, perp: Perp, market: Market) -> None:
    maker, trader = perp.trader(), perp.trader()
    orders.refuse(trader, ASK, 100, 1, ERRORS["ReduceOnlyNotReducing"], reduce_only=True)
    orders.place(maker, ASK, 100, 3)
    orders.place(trader, BID, 100, 3)  # long 3
    orders.refuse(trader, BID, 100, 1, ERRORS["ReduceOnlyNotReducing"], reduce_only=True)
    orders.place(maker, BID, 99, 10)
    meta = orders.place(trader, ASK, 99, 10, reduce_only=True)
    (placed,) = events_named(orders.chain, meta, "OrderPlaced")
    assert placed.filled_base_lots == 3 and placed.resting_base_lots == 0
    assert perp.position(trader.margin, market).base_lots == 0


@pytest.mark.parametrize(
    ("behavior", "own_left", "taker_filled", "taker_rests"),
    [
        (SelfTradeBehavior.CANCEL_RESTING, [], 2, 6),
        (SelfTradeBehavior.DECREMENT_TAKING, [(101, 1, 0)], 2, 0),
    ],
)
def test_self_trade_behaviors(
    orders: Orders,
    perp: Perp,
    market: Market,
    behavior: SelfTradeBehavior,
    own_left: list[tuple[int, int, int]],
    taker_filled: int,
    taker_rests: int,
) -> None:
    trader, other = perp.trader(), perp.trader()
    orders.place(trader, ASK, 100, 4)  # own, best
    orders.place(other, ASK, 101, 2)
    orders.place(trader, ASK, 101, 3)  # own, behind the other maker
    meta = orders.place(trader, BID, 101, 8, self_trade_behavior=behavior)
    (placed,) = events_named(orders.chain, meta, "OrderPlaced")
    assert placed.filled_base_lots == taker_filled
    assert placed.resting_base_lots == taker_rests
    # Cancel-resting removed both own asks (the taker's lots stay for the book);
    # decrement-taking took 4 + 2 of the taker's 8 lots off its own asks (the
    # second keeps 1 lot and its slot) and 2 traded with the other maker.
    assert resting(perp, market, ASK) == own_left
    position = perp.position(trader.margin, market)
    assert position.asks_base_lots == sum(lots for _, lots, _ in own_left)


def test_self_trade_abort_fails_the_order(orders: Orders, perp: Perp) -> None:
    trader = perp.trader()
    orders.place(trader, ASK, 100, 4)
    orders.refuse(
        trader, BID, 100, 1, ERRORS["SelfTradeAborted"], self_trade_behavior=SelfTradeBehavior.ABORT
    )


def test_market_order_with_oracle_band(orders: Orders, perp: Perp, market: Market) -> None:
    maker, taker = perp.trader(), perp.trader()
    orders.place(maker, ASK, 103, 2)
    orders.place(maker, ASK, 105, 2)
    # Oracle 100 per lot, 300 bps: worst price 103 (price 0: the band alone).
    meta = orders.place(taker, BID, 0, 4, order_type=OrderType.MARKET, max_oracle_deviation_bps=300)
    assert meta.compute_units_consumed() <= CU_BUDGET_TAKING_ONE
    assert perp.position(taker.margin, market).base_lots == 2
    assert resting(perp, market, ASK) == [(105, 2, 0)]
    # The tighter of price and band applies; nothing within 200 bps: NoFill.
    orders.refuse(
        taker,
        BID,
        0,
        1,
        ERRORS["NoFill"],
        order_type=OrderType.MARKET,
        max_oracle_deviation_bps=200,
    )
    orders.refuse(
        taker,
        BID,
        104,
        1,
        ERRORS["NoFill"],
        order_type=OrderType.MARKET,
        max_oracle_deviation_bps=900,
    )
    # A band on a resting order is refused, and price 0 needs a band.
    orders.refuse(taker, BID, 99, 1, ERRORS["InvalidArgument"], max_oracle_deviation_bps=100)
    orders.refuse(taker, BID, 0, 1, ERRORS["PriceNotOnTick"], order_type=OrderType.MARKET)


def test_iceberg_replenishes_at_the_back_of_its_level(
    orders: Orders, perp: Perp, market: Market
) -> None:
    iceberg, other, taker = perp.trader(), perp.trader(), perp.trader()
    meta = orders.place(iceberg, ASK, 101, 7, iceberg_display_lots=3)
    assert meta.compute_units_consumed() <= CU_BUDGET_RESTING
    orders.place(other, ASK, 101, 2)
    # The whole order is reserved, only 3 lots show.
    assert perp.position(iceberg.margin, market).asks_base_lots == 7
    assert [(o.owner, o.base_lots, o.hidden_lots) for o in perp.asks(market)] == [
        (iceberg.margin, 3, 4),
        (other.margin, 2, 0),
    ]
    # Taking the visible 3 replenishes 3 from the reserve behind the other maker.
    meta = orders.place(taker, BID, 101, 3)
    assert meta.compute_units_consumed() <= CU_BUDGET_TAKING_ONE
    assert [(o.owner, o.base_lots, o.hidden_lots) for o in perp.asks(market)] == [
        (other.margin, 2, 0),
        (iceberg.margin, 3, 1),
    ]
    (fill,) = perp.queued_events(market)
    assert fill.maker_out == 0  # the order lives on
    # The next taker meets the other maker first, then the iceberg (which
    # replenishes its last lot, then is used up).
    orders.place(taker, BID, 101, 6)
    fills = [(e.maker, e.base_lots, e.maker_out) for e in perp.queued_events(market)][1:]
    assert fills == [(other.margin, 2, 1), (iceberg.margin, 3, 0), (iceberg.margin, 1, 1)]
    assert perp.asks(market) == []
    perp.consume(market)
    assert perp.position(iceberg.margin, market).base_lots == -7
    assert perp.position(iceberg.margin, market).asks_base_lots == 0
    assert perp.open_orders(iceberg.margin) == []


def test_iceberg_cancel_releases_the_hidden_reserve(
    orders: Orders, perp: Perp, market: Market, kairos: Kairos
) -> None:
    iceberg = perp.trader()
    orders.place(iceberg, BID, 99, 10, iceberg_display_lots=2, client_order_id=7)
    (order,) = perp.open_orders(iceberg.margin)
    meta = kairos.send([perp.cancel_order_ix(iceberg, market, order.order_id)], [iceberg.owner])
    (cancelled,) = events_named(orders.chain, meta, "OrderCancelled")
    assert cancelled.base_lots == 10
    assert perp.position(iceberg.margin, market) is None
    # An iceberg never takes: IOC/FOK/market with a display size are refused.
    orders.refuse(
        iceberg,
        BID,
        99,
        10,
        ERRORS["InvalidArgument"],
        iceberg_display_lots=2,
        time_in_force=TimeInForce.IOC,
    )


def test_invalid_options_are_refused(orders: Orders, perp: Perp) -> None:
    trader = perp.trader()
    for options in (
        {"time_in_force": 5},
        {"self_trade_behavior": 3},
        {"match_limit": 0},
    ):
        orders.refuse(trader, BID, 99, 1, ERRORS["InvalidArgument"], **options)
