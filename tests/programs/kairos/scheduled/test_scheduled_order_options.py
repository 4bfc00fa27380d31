"""Scheduled orders of every order type (place_order_v2's options) in LiteSVM.

A scheduled run goes through execute_order, the path of place_order_v2: the
options behave as they do there. An order the path refuses (a FOK that cannot
fill, a post-only that would cross, a reduce-only with nothing to reduce) fails
the run atomically: nothing is consumed, so the occurrence stays due and can be
retried until it succeeds or, past its skip window, is skipped.
"""

from __future__ import annotations

import pytest

from ..conftest import ERRORS
from ..perp.conftest import ASK, BID, LIMIT, events_named
from ..twap.orders_harness import EXECUTED, SKIPPED, Orders

RUN_CU_BUDGET = 60_000
GTC, IOC, FOK, POST_ONLY, POST_ONLY_SLIDE = 0, 1, 2, 3, 4


def run_event(orders: Orders, meta: object) -> object:
    (event,) = events_named(orders.chain, meta, "ScheduledOrderExecuted")
    return event


def test_create_stores_every_option(orders: Orders) -> None:
    trader = orders.perp.trader()
    expiry = orders.now() + 10_000
    schedule = orders.create_schedule(
        trader,
        order={
            "order_type": LIMIT,
            "price": 95,
            "time_in_force": POST_ONLY,
            "self_trade_behavior": 1,
            "expiry_timestamp": expiry,
            "iceberg_display_lots": 2,
        },
    )
    state = orders.chain.decode(schedule)
    assert (
        state.order_time_in_force,
        state.order_self_trade_behavior,
        state.order_reduce_only,
        state.order_expiry_timestamp,
        state.order_iceberg_display_lots,
        state.order_max_oracle_deviation_bps,
    ) == (POST_ONLY, 1, 0, expiry, 2, 0)


@pytest.mark.parametrize(
    ("order", "error"),
    [
        # The checks of place_order_v2, run at creation.
        ({"time_in_force": 9}, "InvalidArgument"),
        ({"self_trade_behavior": 7}, "InvalidArgument"),
        ({"time_in_force": POST_ONLY}, "InvalidArgument"),  # a market order never rests
        ({"order_type": LIMIT, "max_oracle_deviation_bps": 50}, "InvalidArgument"),
        ({"iceberg_display_lots": 2}, "InvalidArgument"),  # a market order is no iceberg
    ],
)
def test_create_refuses_what_place_order_v2_refuses(
    orders: Orders, order: dict[str, int], error: str
) -> None:
    trader = orders.perp.trader()
    ix = orders.create_schedule_ix(trader, orders.schedule_args(), orders.order_args(**order))
    orders.kairos.fail_unchanged([ix], [trader.owner], ERRORS[error])


def test_create_refuses_an_expired_order(orders: Orders) -> None:
    trader = orders.perp.trader()
    orders.warp_seconds(100)  # a clock past 0 (0 means no expiry)
    order = orders.order_args(order_type=LIMIT, price=95, expiry_timestamp=orders.now())
    ix = orders.create_schedule_ix(trader, orders.schedule_args(), order)
    orders.kairos.fail_unchanged([ix], [trader.owner], ERRORS["OrderExpired"])


def test_scheduled_post_only_rests_and_refuses_to_cross(orders: Orders) -> None:
    orders.liquidity(50, 101)
    trader = orders.perp.trader()
    resting = orders.create_schedule(
        trader, order={"order_type": LIMIT, "price": 95, "time_in_force": POST_ONLY}
    )
    crossing = orders.create_schedule(
        trader,
        schedule_id=2,
        skip_window_seconds=30,
        order={"order_type": LIMIT, "price": 101, "time_in_force": POST_ONLY},
    )
    keeper = orders.keeper()
    orders.warp_seconds(60)
    meta = orders.execute_schedule(resting, keeper)
    assert meta.compute_units_consumed() < RUN_CU_BUDGET
    event = run_event(orders, meta)
    assert (event.outcome, event.filled_base_lots) == (EXECUTED, 0)
    assert [(o.price, o.base_lots) for o in orders.perp.bids(orders.market)] == [(95, 5)]
    # Crossing the ask at 101: refused, nothing consumed, still due.
    orders.kairos.fail_unchanged(
        [orders.execute_schedule_ix(crossing, keeper)], [keeper], ERRORS["PostOnlyWouldCross"]
    )
    # Past the skip window the occurrence is skipped instead (nothing trades).
    orders.warp_seconds(31)
    event = run_event(orders, orders.execute_schedule(crossing, keeper))
    assert (event.outcome, event.finished) == (SKIPPED, 1)
    assert [o.price for o in orders.perp.bids(orders.market)] == [95]


def test_scheduled_post_only_slide_reprices(orders: Orders) -> None:
    orders.liquidity(50, 101)
    trader = orders.perp.trader()
    schedule = orders.create_schedule(
        trader, order={"order_type": LIMIT, "price": 104, "time_in_force": POST_ONLY_SLIDE}
    )
    orders.warp_seconds(60)
    orders.execute_schedule(schedule, orders.keeper())
    assert [o.price for o in orders.perp.bids(orders.market)] == [100]


def test_scheduled_fill_or_kill_that_cannot_fill_is_retried(orders: Orders) -> None:
    orders.liquidity(3, 101)
    trader = orders.perp.trader()
    schedule = orders.create_schedule(
        trader, order={"order_type": LIMIT, "price": 110, "time_in_force": FOK}
    )
    keeper = orders.keeper()
    orders.warp_seconds(60)
    # 3 of 5 lots available: the whole run fails atomically (no partial fill).
    orders.kairos.fail_unchanged(
        [orders.execute_schedule_ix(schedule, keeper)], [keeper], ERRORS["FillOrKillNotFilled"]
    )
    assert orders.perp.position(trader.margin, orders.market) is None
    state = orders.chain.decode(schedule)
    assert (state.run_count, state.skipped_count, state.finished) == (0, 0, 0)
    # No skip window: the occurrence stays due; once liquidity is there it runs.
    orders.liquidity(10, 102)
    event = run_event(orders, orders.execute_schedule(schedule, keeper))
    assert (event.outcome, event.run_index, event.filled_base_lots) == (EXECUTED, 0, 5)
    assert orders.position_lots(trader.margin) == 5


def test_scheduled_fill_or_kill_past_its_skip_window_is_skipped(orders: Orders) -> None:
    trader = orders.perp.trader()
    schedule = orders.create_schedule(
        trader,
        skip_window_seconds=10,
        order={"order_type": LIMIT, "price": 110, "time_in_force": FOK},
    )
    keeper = orders.keeper()
    orders.warp_seconds(60)
    orders.kairos.fail_unchanged(
        [orders.execute_schedule_ix(schedule, keeper)], [keeper], ERRORS["FillOrKillNotFilled"]
    )
    orders.warp_seconds(11)
    event = run_event(orders, orders.execute_schedule(schedule, keeper))
    assert (event.outcome, event.filled_base_lots, event.finished) == (SKIPPED, 0, 1)


def test_scheduled_reduce_only_only_closes(orders: Orders) -> None:
    orders.liquidity(50, 101)
    orders.liquidity(50, 99, side=BID)
    trader = orders.perp.trader()
    close = orders.create_schedule(
        trader,
        order={"side": ASK, "price": 90, "max_base_lots": 20, "reduce_only": True},
    )
    keeper = orders.keeper()
    orders.warp_seconds(60)
    # No position yet: nothing to reduce, the run fails and stays due.
    orders.kairos.fail_unchanged(
        [orders.execute_schedule_ix(close, keeper)], [keeper], ERRORS["ReduceOnlyNotReducing"]
    )
    opening = orders.create_schedule(trader, schedule_id=2, start_time=orders.now())
    orders.execute_schedule(opening, keeper)
    assert orders.position_lots(trader.margin) == 5
    # 20 lots asked, capped at the 5 that close the long.
    meta = orders.execute_schedule(close, keeper)
    assert meta.compute_units_consumed() < RUN_CU_BUDGET
    event = run_event(orders, meta)
    assert (event.outcome, event.filled_base_lots) == (EXECUTED, 5)
    assert orders.position_lots(trader.margin) == 0


def test_scheduled_order_expires(orders: Orders) -> None:
    trader = orders.perp.trader()
    schedule = orders.create_schedule(
        trader, order={"order_type": LIMIT, "price": 95, "expiry_timestamp": orders.now() + 30}
    )
    keeper = orders.keeper()
    orders.warp_seconds(60)
    # Every later run fails the same way: the owner cancels (or a skip window
    # lets keepers skip the occurrences).
    orders.kairos.fail_unchanged(
        [orders.execute_schedule_ix(schedule, keeper)], [keeper], ERRORS["OrderExpired"]
    )
