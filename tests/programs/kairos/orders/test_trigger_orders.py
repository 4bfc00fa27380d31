"""Trigger orders: stop / take-profit (market and limit), trailing stops, OCO,
brackets, expiry, keeper rewards, the keeper-facing errors, account checks, CU."""

from __future__ import annotations

from typing import Any

import pytest
from kairos.constants import Side, TrailingMode, TriggerCondition, TriggerKind
from kairos.program import PROGRAM_ID
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ..conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_CONSTRAINT_SEEDS,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_NOT_SIGNER,
    ERRORS,
    KEEPER_REWARD,
    PDA_ATTEMPT_CU,
    Kairos,
    Trader,
    account_index,
    pda_attempts,
    with_meta,
)
from ..perp.conftest import ASK, BID, Market, Perp, events_named
from .conftest import TRIGGER_ORDER_SIZE, TRIGGER_REWARD, Orders

ERR_HAS_ONE = 2001
# create_trigger_order: measured ~4.4k plus PDA_ATTEMPT_CU per bump tried (and the
# linked partner's checks); the budget adds the attempts of the address at hand.
CU_BUDGET_CREATE_TRIGGER = 8_000
CU_BUDGET_TRIGGER_MARKET = 10_000  # measured 3.8k
CU_BUDGET_TRIGGER_LIMIT = 10_000  # measured 3.6k
CU_BUDGET_UPDATE_TRAILING = 2_500  # measured 1.0k
CU_BUDGET_CANCEL_TRIGGER = 2_500  # measured 0.8k


def long_position(orders: Orders, perp: Perp, lots: int = 5) -> tuple[Trader, Trader]:
    """A trader long `lots` at 100 (the maker short), queue consumed."""
    maker, trader = perp.trader(), perp.trader()
    orders.place(maker, ASK, 100, lots)
    orders.place(trader, BID, 100, lots)
    perp.consume(orders.market)
    return maker, trader


def lamports(orders: Orders, key: Pubkey) -> int:
    info = orders.chain.svm.get_account(key)
    return 0 if info is None else info.lamports


def test_stop_market_triggers_only_below_and_pays_the_keeper(
    orders: Orders, perp: Perp, market: Market, keeper: Keypair, kairos: Kairos
) -> None:
    maker, trader = long_position(orders, perp)
    instruction, stop = orders.create_trigger_ix(
        trader, ASK, TriggerKind.STOP_MARKET, 95, 5, limit_price=80, reduce_only=True
    )
    meta = kairos.send([instruction], [trader.owner])
    attempts = pda_attempts(b"trigger", bytes(trader.margin), (0).to_bytes(8, "little"))
    assert meta.compute_units_consumed() <= CU_BUDGET_CREATE_TRIGGER + PDA_ATTEMPT_CU * attempts
    orders.check_trigger_escrow(stop)
    assert kairos.margin(trader.margin).trigger_order_count == 1
    (created,) = events_named(orders.chain, meta, "TriggerOrderCreated")
    assert created.condition == TriggerCondition.BELOW and created.trigger_price == 95
    # Oracle 100 > 95: not triggerable yet.
    kairos.fail_unchanged(
        [orders.fire_ix(trader, stop, keeper)], [keeper], ERRORS["TriggerNotReady"]
    )
    orders.place(maker, BID, 90, 10)
    orders.set_oracle(95)
    owner_before = lamports(orders, trader.owner.pubkey())
    keeper_before = lamports(orders, keeper.pubkey())
    escrow = lamports(orders, stop)
    meta = orders.fire(trader, stop, keeper)
    assert meta.compute_units_consumed() <= CU_BUDGET_TRIGGER_MARKET
    (fired,) = events_named(orders.chain, meta, "TriggerOrderTriggered")
    assert fired.filled_base_lots == 5 and fired.keeper_reward == TRIGGER_REWARD
    assert fired.oracle_price == 95
    assert perp.position(trader.margin, market).base_lots == 0
    assert orders.is_closed(stop)
    assert kairos.margin(trader.margin).trigger_order_count == 0
    # Every escrowed lamport went somewhere: the keeper (reward, minus its fee),
    # the market (one crank reward per fill), the owner (the rest).
    keeper_gain = lamports(orders, keeper.pubkey()) - keeper_before
    owner_gain = lamports(orders, trader.owner.pubkey()) - owner_before
    assert keeper_gain == TRIGGER_REWARD - 5_000
    assert owner_gain == escrow - TRIGGER_REWARD - KEEPER_REWARD
    # A second keeper (or the same one, late) learns it lost the race.
    kairos.fail_unchanged(
        [orders.fire_ix(trader, stop, keeper)], [keeper], ERRORS["TriggerOrderNotActive"]
    )


def test_take_profit_limit_rests_at_its_limit(
    orders: Orders, perp: Perp, market: Market, keeper: Keypair
) -> None:
    _, trader = long_position(orders, perp)
    tp = orders.create_trigger(
        trader, ASK, TriggerKind.TAKE_PROFIT_LIMIT, 110, 5, limit_price=112, reduce_only=True
    )
    assert orders.trigger_state(tp).condition == TriggerCondition.ABOVE
    orders.set_oracle(111)
    meta = orders.fire(trader, tp, keeper)
    assert meta.compute_units_consumed() <= CU_BUDGET_TRIGGER_LIMIT
    (placed,) = events_named(orders.chain, meta, "OrderPlaced")
    assert placed.resting_base_lots == 5 and placed.price == 112
    assert [o.price for o in perp.open_orders(trader.margin)] == [112]


def test_stop_limit_buy_and_take_profit_market_buy(
    orders: Orders, perp: Perp, market: Market, keeper: Keypair
) -> None:
    maker = perp.trader()
    trader = perp.trader()
    orders.place(maker, ASK, 104, 10)
    stop = orders.create_trigger(trader, BID, TriggerKind.STOP_LIMIT, 103, 2, limit_price=104)
    tp = orders.create_trigger(
        trader, BID, TriggerKind.TAKE_PROFIT_MARKET, 97, 1, max_oracle_deviation_bps=1_000
    )
    orders.set_oracle(103)
    orders.fire(trader, stop, keeper)
    assert perp.position(trader.margin, market).base_lots == 2
    orders.set_oracle(96)
    # The band: 96 + 10% = 105.6 → 105 >= 104: fills.
    orders.fire(trader, tp, keeper)
    assert perp.position(trader.margin, market).base_lots == 3


def test_wrong_condition_for_the_kind_is_refused(
    orders: Orders, perp: Perp, kairos: Kairos
) -> None:
    trader = perp.trader()
    instruction, _ = orders.create_trigger_ix(
        trader,
        ASK,
        TriggerKind.STOP_MARKET,
        95,
        1,
        limit_price=90,
        condition=TriggerCondition.ABOVE,
    )
    kairos.fail_unchanged([instruction], [trader.owner], ERRORS["InvalidArgument"])
    # A reward below the exchange's keeper reward is refused too.
    instruction, _ = orders.create_trigger_ix(
        trader,
        ASK,
        TriggerKind.STOP_MARKET,
        95,
        1,
        limit_price=90,
        keeper_reward_lamports=KEEPER_REWARD - 1,
    )
    kairos.fail_unchanged([instruction], [trader.owner], ERRORS["InvalidArgument"])


def oco_pair(orders: Orders, trader: Trader) -> tuple[Pubkey, Pubkey]:
    """Take-profit above 95 and stop-loss below 105 (both hold at 100), linked."""
    tp = orders.create_trigger(
        trader, ASK, TriggerKind.TAKE_PROFIT_MARKET, 95, 5, limit_price=50, reduce_only=True
    )
    sl = orders.create_trigger(
        trader,
        ASK,
        TriggerKind.STOP_MARKET,
        105,
        5,
        limit_price=50,
        reduce_only=True,
        linked_trigger=tp,
    )
    return tp, sl


def test_oco_when_both_would_fire_in_the_same_slot(
    orders: Orders, perp: Perp, market: Market, keeper: Keypair, kairos: Kairos
) -> None:
    maker, trader = long_position(orders, perp)
    tp, sl = oco_pair(orders, trader)
    assert orders.trigger_state(tp).linked_trigger == sl
    assert orders.trigger_state(sl).linked_trigger == tp
    assert kairos.margin(trader.margin).trigger_order_count == 2
    orders.place(maker, BID, 99, 10)
    other_keeper = orders.chain.fund()
    slot = orders.chain.clock().slot
    meta = orders.fire(trader, sl, keeper, linked=tp)
    (fired,) = events_named(orders.chain, meta, "TriggerOrderTriggered")
    assert fired.cancelled_linked == tp
    assert [c.trigger_order for c in events_named(orders.chain, meta, "TriggerOrderCancelled")] == [
        tp
    ]
    assert orders.is_closed(tp) and orders.is_closed(sl)
    assert kairos.margin(trader.margin).trigger_order_count == 0
    # Same slot, the other half: already cancelled with its partner.
    assert orders.chain.clock().slot == slot
    kairos.fail_unchanged(
        [orders.fire_ix(trader, tp, other_keeper, linked=sl)],
        [other_keeper],
        ERRORS["TriggerOrderNotActive"],
    )
    assert perp.position(trader.margin, market).base_lots == 0


def test_oco_links_are_checked(orders: Orders, perp: Perp, keeper: Keypair, kairos: Kairos) -> None:
    _, trader = long_position(orders, perp)
    tp, sl = oco_pair(orders, trader)
    stranger = perp.trader()
    stranger_trigger = orders.create_trigger(
        stranger, BID, TriggerKind.STOP_MARKET, 120, 1, limit_price=130
    )
    # Linking to an already-linked order, or to another account's order.
    for partner in (tp, stranger_trigger):
        instruction, _ = orders.create_trigger_ix(
            trader, ASK, TriggerKind.STOP_MARKET, 90, 1, limit_price=50, linked_trigger=partner
        )
        kairos.fail_unchanged([instruction], [trader.owner], ERRORS["LinkedTriggerMismatch"])
    # Firing or cancelling without the partner, or with another account.
    for linked in (None, stranger_trigger):
        kairos.fail_unchanged(
            [orders.fire_ix(trader, sl, keeper, linked=linked)],
            [keeper],
            ERRORS["LinkedTriggerMismatch"],
        )
        kairos.fail_unchanged(
            [orders.cancel_trigger_ix(trader, sl, linked)],
            [trader.owner],
            ERRORS["LinkedTriggerMismatch"],
        )
    # Cancelling one half cancels the pair; all lamports return to the owner.
    before = lamports(orders, trader.owner.pubkey())
    held = lamports(orders, tp) + lamports(orders, sl)
    meta = kairos.send([orders.cancel_trigger_ix(trader, sl, tp)], [trader.owner])
    assert meta.compute_units_consumed() <= CU_BUDGET_CANCEL_TRIGGER
    assert lamports(orders, trader.owner.pubkey()) - before == held - 5_000
    assert orders.is_closed(tp) and orders.is_closed(sl)
    assert kairos.margin(trader.margin).trigger_order_count == 0
    kairos.fail_unchanged(
        [orders.cancel_trigger_ix(trader, sl, tp)], [trader.owner], ERRORS["TriggerOrderNotActive"]
    )


def test_bracket_partially_filled_then_cancelled(
    orders: Orders, perp: Perp, market: Market, keeper: Keypair, kairos: Kairos
) -> None:
    """Entry bid 10 @100 with TP (sell above 110) and SL (sell below 90) children.

    The children are reduce-only trigger orders linked as OCO: they are not
    triggerable while the entry has not filled, and they are sized to the
    position the entry built (4 lots after a partial fill and a cancel).
    """
    trader, seller, buyer = perp.trader(), perp.trader(), perp.trader()
    orders.place(trader, BID, 100, 10, client_order_id=1)
    tp = orders.create_trigger(
        trader, ASK, TriggerKind.TAKE_PROFIT_LIMIT, 110, 10, limit_price=110, reduce_only=True
    )
    sl = orders.create_trigger(
        trader,
        ASK,
        TriggerKind.STOP_MARKET,
        90,
        10,
        limit_price=1,
        reduce_only=True,
        linked_trigger=tp,
    )
    orders.set_oracle(85)
    kairos.fail_unchanged(
        [orders.fire_ix(trader, sl, keeper, linked=tp)], [keeper], ERRORS["TriggerNotReady"]
    )
    orders.set_oracle(100)
    orders.place(seller, ASK, 100, 4)  # the entry fills 4 of 10
    perp.consume(market)
    (entry,) = perp.open_orders(trader.margin)
    kairos.send([perp.cancel_order_ix(trader, market, entry.order_id)], [trader.owner])
    assert perp.position(trader.margin, market).base_lots == 4
    orders.place(buyer, BID, 80, 20)
    orders.set_oracle(85)
    meta = orders.fire(trader, sl, keeper, linked=tp)
    (placed,) = events_named(orders.chain, meta, "OrderPlaced")
    assert placed.filled_base_lots == 4  # sized to the filled entry, not 10
    assert perp.position(trader.margin, market).base_lots == 0
    assert orders.is_closed(tp) and orders.is_closed(sl)


def test_trailing_stop_ratchets_with_the_oracle(
    orders: Orders, perp: Perp, market: Market, keeper: Keypair, kairos: Kairos
) -> None:
    maker, trader = long_position(orders, perp)
    stop = orders.create_trigger(
        trader,
        ASK,
        TriggerKind.STOP_MARKET,
        95,
        5,
        limit_price=1,
        reduce_only=True,
        trailing_mode=TrailingMode.TICKS,
        trailing_offset=5,
    )
    # 100 − 5 = 95: no better than the current stop.
    kairos.fail_unchanged(
        [orders.trailing_ix(stop)], [orders.chain.payer], ERRORS["TrailingStopNotImproved"]
    )
    orders.set_oracle(110)
    meta = kairos.send([orders.trailing_ix(stop)], [orders.chain.payer])
    assert meta.compute_units_consumed() <= CU_BUDGET_UPDATE_TRAILING
    (update,) = events_named(orders.chain, meta, "TrailingStopUpdated")
    assert (update.reference_price, update.trigger_price) == (110, 105)
    orders.set_oracle(108)  # a lower price never lowers the stop
    kairos.fail_unchanged(
        [orders.trailing_ix(stop)], [orders.chain.payer], ERRORS["TrailingStopNotImproved"]
    )
    assert orders.trigger_state(stop).trigger_price == 105
    kairos.fail_unchanged(
        [orders.fire_ix(trader, stop, keeper)], [keeper], ERRORS["TriggerNotReady"]
    )
    orders.place(maker, BID, 100, 10)
    orders.set_oracle(104)
    orders.fire(trader, stop, keeper)
    assert perp.position(trader.margin, market).base_lots == 0


def test_trailing_stop_in_bps_for_a_buy_stop(orders: Orders, perp: Perp, kairos: Kairos) -> None:
    trader = perp.trader()
    stop = orders.create_trigger(
        trader,
        BID,
        TriggerKind.STOP_MARKET,
        110,
        1,
        limit_price=200,
        trailing_mode=TrailingMode.BPS,
        trailing_offset=500,
    )
    orders.set_oracle(80)
    kairos.send([orders.trailing_ix(stop)], [orders.chain.payer])
    assert orders.trigger_state(stop).trigger_price == 84  # 80 + 5%
    # Not a trailing order: update is refused; a non-stop cannot trail.
    fixed = orders.create_trigger(trader, BID, TriggerKind.STOP_MARKET, 110, 1, limit_price=200)
    kairos.fail_unchanged(
        [orders.trailing_ix(fixed)], [orders.chain.payer], ERRORS["InvalidArgument"]
    )
    instruction, _ = orders.create_trigger_ix(
        trader,
        ASK,
        TriggerKind.TAKE_PROFIT_MARKET,
        110,
        1,
        limit_price=1,
        trailing_mode=TrailingMode.TICKS,
        trailing_offset=1,
    )
    kairos.fail_unchanged([instruction], [trader.owner], ERRORS["InvalidArgument"])


def test_expired_trigger_is_closed_by_a_keeper(
    orders: Orders, perp: Perp, keeper: Keypair, kairos: Kairos
) -> None:
    trader = perp.trader()
    now = orders.chain.clock().unix_timestamp
    stop = orders.create_trigger(
        trader, BID, TriggerKind.STOP_MARKET, 150, 1, limit_price=200, expiry_timestamp=now + 5
    )
    orders.chain.warp(20, seconds=10)
    before = lamports(orders, keeper.pubkey())
    meta = orders.fire(trader, stop, keeper)
    assert [c.trigger_order for c in events_named(orders.chain, meta, "TriggerOrderCancelled")] == [
        stop
    ]
    assert lamports(orders, keeper.pubkey()) - before == TRIGGER_REWARD - 5_000
    assert orders.is_closed(stop)
    assert kairos.margin(trader.margin).trigger_order_count == 0


def test_trigger_order_limit(orders: Orders, perp: Perp, kairos: Kairos) -> None:
    trader = perp.trader()
    kairos.craft_margin(trader.margin, trigger_order_count=32)
    instruction, _ = orders.create_trigger_ix(
        trader, BID, TriggerKind.STOP_MARKET, 150, 1, limit_price=200
    )
    kairos.fail_unchanged([instruction], [trader.owner], ERRORS["TriggerOrderLimit"])


# ---- account checks ----------------------------------------------------------------


def create_check_cases(orders: Orders, trader: Trader, other: Trader) -> list[tuple[Any, int]]:
    instruction, address = orders.create_trigger_ix(
        trader, BID, TriggerKind.STOP_MARKET, 150, 1, limit_price=200, trigger_id=7
    )
    other_pda, _ = orders.create_trigger_ix(
        trader, BID, TriggerKind.STOP_MARKET, 150, 1, limit_price=200, trigger_id=8
    )
    name = "create_trigger_order"
    return [
        (
            with_meta(
                instruction,
                account_index(name, "trigger_order"),
                pubkey=other_pda.accounts[1].pubkey,
            ),
            ERR_CONSTRAINT_SEEDS,
        ),
        (with_meta(instruction, account_index(name, "owner"), is_signer=False), ERR_NOT_SIGNER),
        (
            with_meta(instruction, account_index(name, "margin_account"), pubkey=other.margin),
            ERRORS["Unauthorized"],
        ),
        (
            with_meta(instruction, account_index(name, "trigger_order"), is_writable=False),
            ERR_CONSTRAINT_MUT,
        ),
        (
            with_meta(instruction, account_index(name, "perp_market"), pubkey=other.margin),
            ERR_DISCRIMINATOR_MISMATCH,
        ),
        (
            with_meta(instruction, account_index(name, "linked_trigger"), pubkey=other.margin),
            ERR_DISCRIMINATOR_MISMATCH,
        ),
    ]


def test_create_trigger_order_account_checks(orders: Orders, perp: Perp, kairos: Kairos) -> None:
    trader, other = perp.trader(), perp.trader()
    for i, (instruction, expected) in enumerate(create_check_cases(orders, trader, other)):
        signers = [orders.chain.payer, trader.owner] if i != 1 else [orders.chain.payer]
        kairos.fail_unchanged([instruction], signers, expected)


def test_trigger_order_account_checks(
    orders: Orders, perp: Perp, market: Market, keeper: Keypair, kairos: Kairos
) -> None:
    _, trader = long_position(orders, perp)
    other = perp.trader()
    stop = orders.create_trigger(
        trader, ASK, TriggerKind.STOP_MARKET, 95, 1, limit_price=1, reduce_only=True
    )
    other_stop = orders.create_trigger(other, BID, TriggerKind.STOP_MARKET, 150, 1, limit_price=200)
    instruction = orders.fire_ix(trader, stop, keeper)
    name = "trigger_order"
    kairos.fail_unchanged(
        [with_meta(instruction, account_index(name, "keeper"), is_signer=False)],
        [orders.chain.payer],
        ERR_NOT_SIGNER,
    )
    cases = [
        (
            with_meta(instruction, account_index(name, "trigger_order"), is_writable=False),
            ERR_CONSTRAINT_MUT,
        ),
        (
            with_meta(instruction, account_index(name, "trigger_order"), pubkey=market.address),
            ERR_DISCRIMINATOR_MISMATCH,
        ),
        (
            with_meta(instruction, account_index(name, "trigger_order"), pubkey=other_stop),
            ERR_HAS_ONE,
        ),
        (
            with_meta(instruction, account_index(name, "margin_account"), pubkey=other.margin),
            ERR_HAS_ONE,
        ),
        (
            with_meta(instruction, account_index(name, "owner"), pubkey=other.owner.pubkey()),
            ERR_HAS_ONE,
        ),
        (
            with_meta(instruction, account_index(name, "oracle"), pubkey=other.margin),
            ERRORS["OracleMismatch"],
        ),
        (
            with_meta(instruction, account_index(name, "orderbook"), pubkey=market.event_queue),
            ERR_DISCRIMINATOR_MISMATCH,
        ),
        (
            with_meta(instruction, account_index(name, "linked_trigger"), pubkey=other_stop),
            ERRORS["LinkedTriggerMismatch"],
        ),
        (with_meta(instruction, account_index(name, "system_program"), pubkey=PROGRAM_ID), 3008),
    ]
    for bad, expected in cases:
        kairos.fail_unchanged([bad], [keeper], expected)
    # A never-created trigger address reads as "already triggered or cancelled".
    missing = orders.trigger_address(trader, 999)
    kairos.fail_unchanged(
        [with_meta(instruction, account_index(name, "trigger_order"), pubkey=missing)],
        [keeper],
        ERRORS["TriggerOrderNotActive"],
    )


def test_cancel_and_update_account_checks(
    orders: Orders, perp: Perp, market: Market, kairos: Kairos
) -> None:
    trader, other = perp.trader(), perp.trader()
    stop = orders.create_trigger(
        trader,
        BID,
        TriggerKind.STOP_MARKET,
        150,
        1,
        limit_price=200,
        trailing_mode=TrailingMode.TICKS,
        trailing_offset=3,
    )
    cancel = orders.cancel_trigger_ix(trader, stop)
    name = "cancel_trigger_order"
    kairos.fail_unchanged(
        [with_meta(cancel, account_index(name, "owner"), is_signer=False)],
        [orders.chain.payer],
        ERR_NOT_SIGNER,
    )
    # Another owner with its own margin account cannot cancel it.
    foreign = orders.cancel_trigger_ix(other, stop)
    kairos.fail_unchanged([foreign], [other.owner], ERR_HAS_ONE)
    update = orders.trailing_ix(stop)
    name = "update_trailing_stop"
    kairos.fail_unchanged(
        [with_meta(update, account_index(name, "oracle"), pubkey=other.margin)],
        [orders.chain.payer],
        ERRORS["OracleMismatch"],
    )
    kairos.fail_unchanged(
        [with_meta(update, account_index(name, "trigger_order"), is_writable=False)],
        [orders.chain.payer],
        ERR_CONSTRAINT_MUT,
    )
    second, _ = perp.create_market()
    kairos.fail_unchanged(
        [with_meta(update, account_index(name, "perp_market"), pubkey=second.address)],
        [orders.chain.payer],
        ERR_HAS_ONE,
    )
    kairos.send([cancel], [trader.owner])
    kairos.fail_unchanged([update], [orders.chain.payer], ERRORS["TriggerOrderNotActive"])


@pytest.mark.parametrize("side", [Side.BID, Side.ASK])
def test_trigger_rent_is_exact(orders: Orders, perp: Perp, side: Side) -> None:
    trader = perp.trader()
    kind = TriggerKind.STOP_MARKET
    price = 150 if side is Side.BID else 50
    stop = orders.create_trigger(trader, int(side), kind, price, 1, limit_price=price)
    info = orders.chain.svm.get_account(stop)
    assert info is not None and len(info.data) == TRIGGER_ORDER_SIZE and info.owner == PROGRAM_ID


def test_margin_account_with_live_triggers_cannot_close(orders: Orders, kairos: Kairos) -> None:
    trader = kairos.new_trader()
    stop = orders.create_trigger(trader, BID, TriggerKind.STOP_MARKET, 150, 1, limit_price=200)
    close = kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey())
    kairos.fail_unchanged([close], [trader.owner], ERRORS["AccountNotEmpty"])
    kairos.send([orders.cancel_trigger_ix(trader, stop)], [trader.owner])
    kairos.send([close], [trader.owner])


def test_a_closed_trigger_id_can_be_reused(orders: Orders, perp: Perp, kairos: Kairos) -> None:
    trader = perp.trader()
    stop = orders.create_trigger(
        trader, BID, TriggerKind.STOP_MARKET, 150, 1, limit_price=200, trigger_id=5
    )
    kairos.send([orders.cancel_trigger_ix(trader, stop)], [trader.owner])
    info = orders.chain.svm.get_account(stop)
    assert info is None or (info.lamports == 0 and len(info.data) == 0)
    again = orders.create_trigger(
        trader, BID, TriggerKind.STOP_MARKET, 140, 1, limit_price=200, trigger_id=5
    )
    assert again == stop and orders.trigger_state(stop).trigger_price == 140
