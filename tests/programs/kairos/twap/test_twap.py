"""TWAP orders in LiteSVM: creation, due times, slices, policies, pause, cancel, checks.

Every successful step goes through `Kairos.send` (vault invariant checked);
refusals through `Kairos.fail_unchanged` (no tracked account changes).
"""

from __future__ import annotations

import hashlib

import pytest
from solders.account import Account
from solders.keypair import Keypair

from ..conftest import (
    ERR_ALREADY_IN_USE,
    ERR_CONSTRAINT_MUT,
    ERR_CONSTRAINT_SEEDS,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_NOT_SIGNER,
    ERR_WRONG_OWNER,
    ERRORS,
    KEEPER_REWARD,
    account_index,
    non_canonical_pda,
    with_meta,
)
from ..perp.conftest import ASK, Market, Perp, events_named
from .orders_harness import CATCH_UP, SKIP, TWAP_REWARD, Orders, twap_pda

# CU budget of one slice that hits up to 4 makers (asserted below; printed by
# benchmarks/compute_units.py).
SLICE_CU_BUDGET = 60_000
# create_twap_order: PDA derivation + two CPIs (create, escrow transfer).
CREATE_CU_BUDGET = 20_000


def test_ten_slices_execute_once_each_at_their_due_times(orders: Orders) -> None:
    orders.liquidity(200, 101)
    trader = orders.perp.trader()
    twap = orders.create_twap(trader)
    state = orders.chain.decode(twap)
    start = state.start_time
    escrow_per_slice = TWAP_REWARD + KEEPER_REWARD * 4
    account = orders.chain.svm.get_account(twap)
    assert account is not None
    rent = orders.chain.svm.minimum_balance_for_rent_exemption(len(account.data))
    assert orders.lamports(twap) == rent + 10 * escrow_per_slice

    keeper_a, keeper_b = orders.keeper(), orders.keeper()
    orders.kairos.fail_unchanged(
        [orders.execute_slice_ix(twap, keeper_a)], [keeper_a], ERRORS["NotDue"]
    )
    for index in range(10):
        orders.warp_seconds(start + 60 * index - orders.now())
        before = orders.lamports(keeper_a.pubkey())
        meta = orders.execute_slice(twap, keeper_a)
        assert meta.compute_units_consumed() < SLICE_CU_BUDGET
        # The second keeper racing for the same slice is refused.
        orders.kairos.fail_unchanged(
            [orders.execute_slice_ix(twap, keeper_b, index)], [keeper_b], ERRORS["AlreadyExecuted"]
        )
        (event,) = events_named(orders.chain, meta, "TwapSliceExecuted")
        assert (event.slice_index, event.due_time, event.filled_base_lots) == (
            index,
            start + 60 * index,
            10,
        )
        fee = 5_000
        assert orders.lamports(keeper_a.pubkey()) == before + TWAP_REWARD - fee
        if index < 9:
            orders.kairos.fail_unchanged(
                [orders.execute_slice_ix(twap, keeper_b)], [keeper_b], ERRORS["NotDue"]
            )
    state = orders.chain.decode(twap)
    assert (state.next_slice, state.executed_slices, state.filled_base_lots) == (10, 10, 100)
    assert orders.position_lots(trader.margin) == 100
    orders.kairos.fail_unchanged(
        [orders.execute_slice_ix(twap, keeper_b, 10)], [keeper_b], ERRORS["OrderFinished"]
    )


def test_catch_up_executes_missed_slices_one_by_one(orders: Orders) -> None:
    orders.liquidity(200, 101)
    trader = orders.perp.trader()
    twap = orders.create_twap(trader, missed_slice_policy=CATCH_UP)
    start = orders.chain.decode(twap).start_time
    orders.warp_seconds(start + 60 * 3 + 5 - orders.now())  # slices 0..3 due
    keeper = orders.keeper()
    for _ in range(4):
        orders.execute_slice(twap, keeper)
    orders.kairos.fail_unchanged(
        [orders.execute_slice_ix(twap, keeper)], [keeper], ERRORS["NotDue"]
    )
    state = orders.chain.decode(twap)
    assert (state.executed_slices, state.skipped_slices, state.filled_base_lots) == (4, 0, 40)


def test_skip_policy_trades_only_the_latest_due_slice(orders: Orders) -> None:
    orders.liquidity(200, 101)
    trader = orders.perp.trader()
    twap = orders.create_twap(trader, missed_slice_policy=SKIP)
    start = orders.chain.decode(twap).start_time
    orders.warp_seconds(start + 60 * 3 + 5 - orders.now())
    keeper = orders.keeper()
    meta = orders.execute_slice(twap, keeper)
    (event,) = events_named(orders.chain, meta, "TwapSliceExecuted")
    assert (event.slice_index, event.skipped_slices) == (3, 3)
    state = orders.chain.decode(twap)
    assert (state.next_slice, state.executed_slices, state.skipped_slices) == (4, 1, 3)
    orders.kairos.fail_unchanged(
        [orders.execute_slice_ix(twap, keeper, 1)], [keeper], ERRORS["AlreadyExecuted"]
    )


def test_random_offset_is_derived_from_the_address_and_stays_in_the_window(orders: Orders) -> None:
    trader = orders.perp.trader()
    twap = orders.create_twap(trader, random_window_seconds=30)
    start = orders.chain.decode(twap).start_time
    digest = hashlib.sha256(bytes(twap) + (0).to_bytes(4, "little")).digest()
    due = start + int.from_bytes(digest[:8], "little") % 30
    keeper = orders.keeper()
    orders.liquidity(50, 101)
    if due > start:
        orders.warp_seconds(due - 1 - orders.now())
        orders.kairos.fail_unchanged(
            [orders.execute_slice_ix(twap, keeper)], [keeper], ERRORS["NotDue"]
        )
    orders.warp_seconds(due - orders.now())
    (event,) = events_named(orders.chain, orders.execute_slice(twap, keeper), "TwapSliceExecuted")
    assert event.due_time == due


def test_limit_price_bounds_the_fill_and_an_empty_slice_still_counts(orders: Orders) -> None:
    orders.liquidity(50, 120)  # above the limit of 110
    trader = orders.perp.trader()
    twap = orders.create_twap(trader)
    orders.warp_seconds(orders.chain.decode(twap).start_time - orders.now())
    meta = orders.execute_slice(twap, orders.keeper())
    (event,) = events_named(orders.chain, meta, "TwapSliceExecuted")
    assert (event.filled_base_lots, event.worst_price) == (0, 110)
    assert orders.perp.position(trader.margin, orders.market) is None
    assert orders.chain.decode(twap).next_slice == 1


def test_oracle_band_sets_the_worst_price(orders: Orders) -> None:
    orders.liquidity(50, 101)
    trader = orders.perp.trader()
    # Oracle 100, 50 bps band: a bid pays at most floor(100.5) = 100 -> no fill at 101.
    twap = orders.create_twap(trader, limit_price=0, max_deviation_bps=50)
    orders.warp_seconds(orders.chain.decode(twap).start_time - orders.now())
    (event,) = events_named(
        orders.chain, orders.execute_slice(twap, orders.keeper()), "TwapSliceExecuted"
    )
    assert (event.worst_price, event.filled_base_lots) == (100, 0)
    twap2 = orders.create_twap(trader, twap_id=2, limit_price=0, max_deviation_bps=200)
    orders.warp_seconds(orders.chain.decode(twap2).start_time - orders.now())
    (event,) = events_named(
        orders.chain, orders.execute_slice(twap2, orders.keeper()), "TwapSliceExecuted"
    )
    assert (event.worst_price, event.filled_base_lots) == (102, 10)


def test_sell_twap_with_slice_size(orders: Orders) -> None:
    orders.liquidity(100, 99, side=0)
    trader = orders.perp.trader()
    twap = orders.create_twap(
        trader, side=ASK, slice_count=0, slice_base_lots=30, total_base_lots=70, limit_price=95
    )
    state = orders.chain.decode(twap)
    assert state.slice_count == 3
    keeper = orders.keeper()
    for index, lots in enumerate([30, 30, 10]):
        orders.warp_seconds(state.start_time + 60 * index - orders.now())
        (event,) = events_named(
            orders.chain, orders.execute_slice(twap, keeper), "TwapSliceExecuted"
        )
        assert event.filled_base_lots == lots
    assert orders.position_lots(trader.margin) == -70


def test_pause_resume_and_cancel_refund(orders: Orders) -> None:
    orders.liquidity(100, 101)
    trader = orders.perp.trader()
    twap = orders.create_twap(trader)
    keeper = orders.keeper()
    orders.kairos.send([orders.set_paused_ix(twap, trader.owner, 1)], [trader.owner])
    orders.warp_seconds(orders.chain.decode(twap).start_time - orders.now())
    orders.kairos.fail_unchanged(
        [orders.execute_slice_ix(twap, keeper)], [keeper], ERRORS["OrderPaused"]
    )
    stranger = orders.keeper()
    orders.kairos.fail_unchanged(
        [orders.set_paused_ix(twap, stranger, 0)], [stranger], ERRORS["Unauthorized"]
    )
    orders.kairos.send([orders.set_paused_ix(twap, trader.owner, 0)], [trader.owner])
    orders.execute_slice(twap, keeper)
    orders.kairos.fail_unchanged(
        [orders.cancel_twap_ix(twap, stranger)], [stranger], ERRORS["Unauthorized"]
    )
    held = orders.lamports(twap)
    before = orders.lamports(trader.owner.pubkey())
    meta = orders.kairos.send([orders.cancel_twap_ix(twap, trader.owner)], [trader.owner])
    (event,) = events_named(orders.chain, meta, "TwapOrderCancelled")
    assert event.refunded_lamports == held and event.executed_slices == 1
    assert orders.lamports(trader.owner.pubkey()) == before + held - 5_000
    account = orders.chain.svm.get_account(twap)
    assert account is None or account.lamports == 0
    orders.kairos.fail_unchanged(
        [orders.set_paused_ix(twap, trader.owner, 1)], [trader.owner], 3012
    )


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"slice_count": 0, "slice_base_lots": 0}, "InvalidSchedule"),
        ({"slice_count": 3, "slice_base_lots": 5}, "InvalidSchedule"),
        ({"interval_seconds": 0}, "InvalidSchedule"),
        ({"random_window_seconds": 60}, "InvalidSchedule"),
        ({"start_time": -1}, "InvalidSchedule"),
        ({"total_base_lots": 5}, "InvalidSchedule"),
        ({"slice_count": 10_001, "total_base_lots": 20_000}, "InvalidSchedule"),
        ({"limit_price": 0, "max_deviation_bps": 0}, "InvalidArgument"),
        ({"max_deviation_bps": 10_001}, "InvalidArgument"),
        ({"side": 2}, "InvalidArgument"),
        ({"missed_slice_policy": 2}, "InvalidArgument"),
        ({"match_limit": 0}, "InvalidArgument"),
        ({"match_limit": 17}, "InvalidArgument"),
    ],
)
def test_create_refuses_bad_arguments(orders: Orders, changes: dict[str, int], error: str) -> None:
    trader = orders.perp.trader()
    ix = orders.create_twap_ix(trader, orders.twap_args(**changes))
    orders.kairos.fail_unchanged([ix], [trader.owner], ERRORS[error])


def test_create_account_checks(orders: Orders, perp: Perp, market: Market) -> None:
    trader = orders.perp.trader()
    other = orders.perp.trader()
    args = orders.twap_args()
    owner_index = account_index("create_twap_order", "owner")
    ix = orders.create_twap_ix(trader, args)
    orders.kairos.fail_unchanged(
        [with_meta(ix, owner_index, is_signer=False)], [orders.chain.payer], ERR_NOT_SIGNER
    )
    # Someone else's margin account.
    ix = orders.create_twap_ix(
        other, args, margin_account=trader.margin, twap_order=twap_pda(trader.margin, 1)
    )
    orders.kairos.fail_unchanged([ix], [other.owner], ERRORS["Unauthorized"])
    # A non-canonical or wrong address.
    bad = non_canonical_pda(b"twap", bytes(trader.margin), (1).to_bytes(8, "little"))
    orders.kairos.fail_unchanged(
        [orders.create_twap_ix(trader, args, address=bad)], [trader.owner], ERR_CONSTRAINT_SEEDS
    )
    wrong = twap_pda(trader.margin, 2)
    orders.kairos.fail_unchanged(
        [orders.create_twap_ix(trader, args, address=wrong)], [trader.owner], ERR_CONSTRAINT_SEEDS
    )
    # The market must be a PerpMarket of ours.
    ix = orders.create_twap_ix(trader, args, perp_market=market.orderbook)
    orders.kairos.fail_unchanged([ix], [trader.owner], ERR_DISCRIMINATOR_MISMATCH)
    twap_index = account_index("create_twap_order", "twap_order")
    orders.kairos.fail_unchanged(
        [with_meta(orders.create_twap_ix(trader, args), twap_index, is_writable=False)],
        [trader.owner],
        ERR_CONSTRAINT_MUT,
    )
    orders.create_twap(trader)
    orders.kairos.fail_unchanged(
        [orders.create_twap_ix(trader, args)], [trader.owner], ERR_ALREADY_IN_USE
    )


def test_execute_account_checks(orders: Orders, perp: Perp) -> None:
    orders.liquidity(100, 101)
    trader = orders.perp.trader()
    other = orders.perp.trader()
    twap = orders.create_twap(trader)
    orders.warp_seconds(orders.chain.decode(twap).start_time - orders.now())
    keeper = orders.keeper()
    fail = orders.kairos.fail_unchanged
    keeper_index = account_index("execute_twap_slice", "keeper")
    ix = orders.execute_slice_ix(twap, keeper)
    fail([with_meta(ix, keeper_index, is_signer=False)], [orders.chain.payer], ERR_NOT_SIGNER)
    fail(
        [orders.execute_slice_ix(twap, keeper, margin_account=other.margin)],
        [keeper],
        ERRORS["MarginAccountMismatch"],
    )
    second, _ = perp.create_market()
    fail(
        [
            orders.execute_slice_ix(
                twap,
                keeper,
                perp_market=second.address,
                orderbook=second.orderbook,
                event_queue=second.event_queue,
                oracle=second.oracle.address,
            )
        ],
        [keeper],
        ERRORS["MarketMismatch"],
    )
    fail(
        [orders.execute_slice_ix(twap, keeper, oracle=second.oracle.address)],
        [keeper],
        ERRORS["OracleMismatch"],
    )
    fail(
        [orders.execute_slice_ix(twap, keeper, orderbook=second.orderbook)],
        [keeper],
        ERRORS["MarketMismatch"],
    )
    fail(
        [orders.execute_slice_ix(twap, keeper, twap_order=trader.margin)],
        [keeper],
        ERR_DISCRIMINATOR_MISMATCH,
    )
    twap_index = account_index("execute_twap_slice", "twap_order")
    fail(
        [with_meta(orders.execute_slice_ix(twap, keeper), twap_index, is_writable=False)],
        [keeper],
        ERR_CONSTRAINT_MUT,
    )
    fail([orders.execute_slice_ix(twap, keeper, 5)], [keeper], ERRORS["InvalidArgument"])
    fake = Keypair()
    real = orders.chain.svm.get_account(twap)
    assert real is not None
    forged = Account(lamports=10**9, data=bytes(real.data), owner=orders.chain.payer.pubkey())
    orders.chain.svm.set_account(fake.pubkey(), forged)
    fail(
        [orders.execute_slice_ix(twap, keeper, twap_order=fake.pubkey())], [keeper], ERR_WRONG_OWNER
    )
    orders.execute_slice(twap, keeper)


def test_owner_instruction_checks(orders: Orders) -> None:
    trader = orders.perp.trader()
    twap = orders.create_twap(trader)
    fail = orders.kairos.fail_unchanged
    owner_index = account_index("set_twap_paused", "owner")
    ix = with_meta(orders.set_paused_ix(twap, trader.owner, 1), owner_index, is_signer=False)
    fail([ix], [orders.chain.payer], ERR_NOT_SIGNER)
    fail([orders.set_paused_ix(twap, trader.owner, 2)], [trader.owner], ERRORS["InvalidArgument"])
    cancel_owner = account_index("cancel_twap_order", "owner")
    ix = with_meta(orders.cancel_twap_ix(twap, trader.owner), cancel_owner, is_signer=False)
    fail([ix], [orders.chain.payer], ERR_NOT_SIGNER)
    ix = with_meta(orders.cancel_twap_ix(twap, trader.owner), cancel_owner, is_writable=False)
    fail([ix], [orders.chain.payer, trader.owner], ERR_CONSTRAINT_MUT)  # another fee payer
    # A ScheduledOrder is not a TwapOrder.
    schedule = orders.create_schedule(trader)
    keys_ix = orders.set_paused_ix(schedule, trader.owner, 1)
    fail([keys_ix], [trader.owner], ERR_DISCRIMINATOR_MISMATCH)
    fail(
        [orders.cancel_twap_ix(trader.margin, trader.owner)],
        [trader.owner],
        ERR_DISCRIMINATOR_MISMATCH,
    )


def test_create_cu_budget(orders: Orders) -> None:
    trader = orders.perp.trader()
    args = orders.twap_args()
    meta = orders.kairos.send([orders.create_twap_ix(trader, args)], [trader.owner])
    assert meta.compute_units_consumed() < CREATE_CU_BUDGET
