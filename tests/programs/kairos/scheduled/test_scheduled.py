"""Scheduled orders in LiteSVM: one-shot, interval, cron, skip window, limits, checks."""

from __future__ import annotations

import pytest

from ..conftest import (
    ERR_CONSTRAINT_SEEDS,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_NOT_SIGNER,
    ERRORS,
    account_index,
    with_meta,
)
from ..perp.conftest import LIMIT, events_named
from ..twap.orders_harness import (
    CRON,
    EXECUTED,
    INTERVAL,
    SKIPPED,
    TWAP_REWARD,
    Orders,
    schedule_pda,
)

RUN_CU_BUDGET = 60_000
# create_scheduled_order with a cron parse: PDA derivation + two CPIs.
CREATE_CU_BUDGET = 25_000
FIVE_MINUTES = 300


def test_one_shot_runs_once(orders: Orders) -> None:
    orders.liquidity(50, 101)
    trader = orders.perp.trader()
    schedule = orders.create_schedule(trader)
    keeper, rival = orders.keeper(), orders.keeper()
    orders.kairos.fail_unchanged(
        [orders.execute_schedule_ix(schedule, keeper)], [keeper], ERRORS["NotDue"]
    )
    orders.warp_seconds(60)
    meta = orders.execute_schedule(schedule, keeper)
    assert meta.compute_units_consumed() < RUN_CU_BUDGET
    (event,) = events_named(orders.chain, meta, "ScheduledOrderExecuted")
    assert (event.outcome, event.filled_base_lots, event.finished) == (EXECUTED, 5, 1)
    orders.kairos.fail_unchanged(
        [orders.execute_schedule_ix(schedule, rival, 0)], [rival], ERRORS["AlreadyExecuted"]
    )
    orders.kairos.fail_unchanged(
        [orders.execute_schedule_ix(schedule, rival, 1)], [rival], ERRORS["OrderFinished"]
    )
    assert orders.position_lots(trader.margin) == 5


def test_interval_with_run_limit_and_late_runs_do_not_burst(orders: Orders) -> None:
    orders.liquidity(100, 101)
    trader = orders.perp.trader()
    schedule = orders.create_schedule(trader, kind=INTERVAL, interval_seconds=100, max_runs=3)
    start = orders.chain.decode(schedule).start_time
    keeper = orders.keeper()
    orders.warp_seconds(start + 250 - orders.now())  # 2.5 intervals late, no skip window
    (event,) = events_named(
        orders.chain, orders.execute_schedule(schedule, keeper), "ScheduledOrderExecuted"
    )
    assert (event.scheduled_time, event.next_run_time) == (start, start + 300)
    orders.kairos.fail_unchanged(
        [orders.execute_schedule_ix(schedule, keeper)], [keeper], ERRORS["NotDue"]
    )
    for _ in range(2):
        orders.warp_seconds(orders.chain.decode(schedule).next_run_time - orders.now())
        orders.execute_schedule(schedule, keeper)
    state = orders.chain.decode(schedule)
    assert (state.run_count, state.finished) == (3, 1)


def test_skip_window_skips_a_late_run(orders: Orders) -> None:
    orders.liquidity(100, 101)
    trader = orders.perp.trader()
    schedule = orders.create_schedule(
        trader, kind=INTERVAL, interval_seconds=100, max_runs=5, skip_window_seconds=10
    )
    start = orders.chain.decode(schedule).start_time
    keeper = orders.keeper()
    orders.warp_seconds(start + 11 - orders.now())
    before = orders.lamports(keeper.pubkey())
    (event,) = events_named(
        orders.chain, orders.execute_schedule(schedule, keeper), "ScheduledOrderExecuted"
    )
    assert (event.outcome, event.filled_base_lots, event.next_run_time) == (SKIPPED, 0, start + 100)
    assert orders.lamports(keeper.pubkey()) == before + TWAP_REWARD - 5_000
    assert orders.perp.position(trader.margin, orders.market) is None
    orders.warp_seconds(start + 105 - orders.now())
    (event,) = events_named(
        orders.chain, orders.execute_schedule(schedule, keeper), "ScheduledOrderExecuted"
    )
    assert event.outcome == EXECUTED
    state = orders.chain.decode(schedule)
    assert (state.run_count, state.skipped_count) == (1, 1)


def test_cron_every_five_minutes_over_a_day(orders: Orders) -> None:
    orders.liquidity(120, 101)
    trader = orders.perp.trader()
    day_start = (orders.now() // 86_400 + 1) * 86_400
    schedule = orders.create_schedule(
        trader,
        kind=CRON,
        cron="*/5 * * * *",
        start_time=day_start,
        max_runs=1000,
        end_time=day_start + 86_400 - 1,
        order={"max_base_lots": 1},
    )
    keeper = orders.keeper()
    times = []
    while not orders.chain.decode(schedule).finished:
        due = orders.chain.decode(schedule).next_run_time
        orders.warp_seconds(due - orders.now())
        orders.chain.svm.expire_blockhash()
        (event,) = events_named(
            orders.chain, orders.execute_schedule(schedule, keeper), "ScheduledOrderExecuted"
        )
        times.append(event.scheduled_time)
        orders.kairos.refresh_oracles()
    assert times == [day_start + FIVE_MINUTES * i for i in range(288)]


def test_cron_refuses_bad_expressions_and_end_before_start(orders: Orders) -> None:
    trader = orders.perp.trader()
    for text in ["* * *", "61 * * * *", "0 0 30 2 *"]:
        ix = orders.create_schedule_ix(
            trader, orders.schedule_args(kind=CRON, cron=text, max_runs=2), orders.order_args()
        )
        orders.kairos.fail_unchanged([ix], [trader.owner], ERRORS["InvalidCronExpression"])
    ix = orders.create_schedule_ix(trader, orders.schedule_args(end_time=1), orders.order_args())
    orders.kairos.fail_unchanged([ix], [trader.owner], ERRORS["InvalidSchedule"])


@pytest.mark.parametrize(
    ("changes", "order", "error"),
    [
        ({"max_runs": 0}, {}, "InvalidSchedule"),
        ({"max_runs": 2}, {}, "InvalidSchedule"),  # one-shot runs once
        ({"kind": INTERVAL, "interval_seconds": 0, "max_runs": 2}, {}, "InvalidSchedule"),
        ({"kind": 3}, {}, "InvalidArgument"),
        ({}, {"order_type": 9}, "InvalidArgument"),
        ({}, {"price": 0}, "PriceNotOnTick"),
        ({}, {"max_base_lots": 0}, "OrderTooSmall"),
    ],
)
def test_create_refuses_bad_arguments(
    orders: Orders, changes: dict[str, int], order: dict[str, int], error: str
) -> None:
    trader = orders.perp.trader()
    ix = orders.create_schedule_ix(
        trader, orders.schedule_args(**changes), orders.order_args(**order)
    )
    orders.kairos.fail_unchanged([ix], [trader.owner], ERRORS[error])


def test_limit_order_rests_and_cancel_refunds(orders: Orders) -> None:
    trader = orders.perp.trader()
    schedule = orders.create_schedule(trader, order={"order_type": LIMIT, "price": 95})
    orders.warp_seconds(60)
    orders.execute_schedule(schedule, orders.keeper())
    assert [o.price for o in orders.perp.bids(orders.market)] == [95]
    stranger = orders.keeper()
    orders.kairos.fail_unchanged(
        [orders.cancel_schedule_ix(schedule, stranger)], [stranger], ERRORS["Unauthorized"]
    )
    held = orders.lamports(schedule)
    meta = orders.kairos.send([orders.cancel_schedule_ix(schedule, trader.owner)], [trader.owner])
    (event,) = events_named(orders.chain, meta, "ScheduledOrderCancelled")
    assert (event.refunded_lamports, event.run_count) == (held, 1)


def test_cancel_mid_way_stops_runs(orders: Orders) -> None:
    orders.liquidity(100, 101)
    trader = orders.perp.trader()
    schedule = orders.create_schedule(trader, kind=INTERVAL, interval_seconds=100, max_runs=5)
    keeper = orders.keeper()
    orders.warp_seconds(60)
    orders.execute_schedule(schedule, keeper)
    ix = orders.execute_schedule_ix(schedule, keeper)
    orders.kairos.send([orders.cancel_schedule_ix(schedule, trader.owner)], [trader.owner])
    orders.warp_seconds(100)
    orders.kairos.fail_unchanged([ix], [keeper], 3012)


def test_execute_checks(orders: Orders) -> None:
    trader, other = orders.perp.trader(), orders.perp.trader()
    schedule = orders.create_schedule(trader)
    orders.warp_seconds(60)
    keeper = orders.keeper()
    ix = orders.execute_schedule_ix(schedule, keeper)
    index = account_index("execute_scheduled_order", "keeper")
    orders.kairos.fail_unchanged(
        [with_meta(ix, index, is_signer=False)], [orders.chain.payer], ERR_NOT_SIGNER
    )
    orders.kairos.fail_unchanged(
        [orders.execute_schedule_ix(schedule, keeper, margin_account=other.margin)],
        [keeper],
        ERRORS["MarginAccountMismatch"],
    )
    orders.kairos.fail_unchanged(
        [orders.execute_schedule_ix(schedule, keeper, 3)], [keeper], ERRORS["InvalidArgument"]
    )


def test_create_and_cancel_account_checks(orders: Orders) -> None:
    trader, other = orders.perp.trader(), orders.perp.trader()
    fail = orders.kairos.fail_unchanged
    args, order = orders.schedule_args(), orders.order_args()
    owner_index = account_index("create_scheduled_order", "owner")
    ix = with_meta(orders.create_schedule_ix(trader, args, order), owner_index, is_signer=False)
    fail([ix], [orders.chain.payer], ERR_NOT_SIGNER)
    ix = orders.create_schedule_ix(
        other,
        args,
        order,
        margin_account=trader.margin,
        scheduled_order=schedule_pda(trader.margin, 1),
    )
    fail([ix], [other.owner], ERRORS["Unauthorized"])
    wrong = schedule_pda(trader.margin, 2)
    fail(
        [orders.create_schedule_ix(trader, args, order, address=wrong)],
        [trader.owner],
        ERR_CONSTRAINT_SEEDS,
    )
    meta = orders.kairos.send([orders.create_schedule_ix(trader, args, order)], [trader.owner])
    assert meta.compute_units_consumed() < CREATE_CU_BUDGET
    schedule = schedule_pda(trader.margin, 1)
    cancel_owner = account_index("cancel_scheduled_order", "owner")
    ix = with_meta(orders.cancel_schedule_ix(schedule, trader.owner), cancel_owner, is_signer=False)
    fail([ix], [orders.chain.payer], ERR_NOT_SIGNER)
    twap = orders.create_twap(trader)
    fail(
        [orders.cancel_schedule_ix(twap, trader.owner)], [trader.owner], ERR_DISCRIMINATOR_MISMATCH
    )
    keeper = orders.keeper()
    fail(
        [orders.execute_schedule_ix(schedule, keeper, scheduled_order=twap)],
        [keeper],
        ERR_DISCRIMINATOR_MISMATCH,
    )
