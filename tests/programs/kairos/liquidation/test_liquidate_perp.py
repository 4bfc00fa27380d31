"""force_cancel_orders and liquidate_perp: flagging, partial sizing to the buffer,
small positions in full, fee split with the insurance fund, and every account check."""

from __future__ import annotations

from kairos import instructions as sdk_ix
from kairos.accounts import PerpMarket
from kairos.math import liquidation as sdk
from solders.pubkey import Pubkey

from ..conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_NOT_INITIALIZED,
    ERR_NOT_SIGNER,
    ERR_WRONG_OWNER,
    ERRORS,
    Kairos,
    account_index,
    with_meta,
)
from ..perp.conftest import BID, Market, events_named
from .conftest import (
    BUFFER_BPS,
    CRASH_PRICE,
    ENTRY,
    INSURANCE_SHARE_BPS,
    LIQUIDATION_FEE_BPS,
    LONG_LOTS,
    Liquidation,
)

# Measured 4,753 and 2,508 (benchmarks/compute_units.py); Mango v4: 79k-200k.
LIQUIDATE_PERP_CU_BUDGET = 10_000
FORCE_CANCEL_CU_BUDGET = 5_000


def perp_index(name: str) -> int:
    return account_index("liquidate_perp", name)


def test_healthy_account_is_not_liquidatable(liq: Liquidation, market: Market) -> None:
    long, _ = liq.open_long(market)
    liquidator = liq.liquidator()
    liq.kairos.fail_unchanged(
        [liq.force_cancel_ix(long.margin, market)], [liq.chain.payer], ERRORS["NotLiquidatable"]
    )
    liq.kairos.fail_unchanged(
        [liq.liquidate_perp_ix(long.margin, liquidator, market)],
        [liquidator.owner],
        ERRORS["NotLiquidatable"],
    )


def test_force_cancel_releases_orders_and_flags(liq: Liquidation, market: Market) -> None:
    long, _ = liq.open_long(market)
    liq.perp.place(long, market, BID, 50, 10)
    liq.kairos.update_oracle(market.oracle, CRASH_PRICE)
    liquidator = liq.liquidator()
    liq.kairos.fail_unchanged(
        [liq.liquidate_perp_ix(long.margin, liquidator, market)],
        [liquidator.owner],
        ERRORS["OpenOrdersRemain"],
    )
    meta = liq.kairos.send([liq.force_cancel_ix(long.margin, market)], [liq.chain.payer])
    assert meta.compute_units_consumed() <= FORCE_CANCEL_CU_BUDGET
    [event] = events_named(liq.chain, meta, "OrdersForceCancelled")
    assert (event.cancelled, event.being_liquidated) == (1, 1)
    assert event.maint_health < 0
    assert events_named(liq.chain, meta, "OrderCancelled")
    state = liq.kairos.margin(long.margin)
    assert state.being_liquidated == 1
    assert not any(order.active for order in state.open_orders)
    position = liq.perp.position(long.margin, market)
    assert position.bids_base_lots == position.bids_quote == 0
    assert liq.perp.bids(market) == []
    # The flagged account cannot trade or withdraw until it is back above the buffer.
    liq.kairos.fail_unchanged(
        [liq.perp.place_order_ix(long, market, BID, 50, 1)],
        [long.owner],
        ERRORS["AccountBeingLiquidated"],
    )


def test_flag_cleared_when_price_recovers(liq: Liquidation, market: Market) -> None:
    long, _ = liq.open_long(market)
    liq.kairos.update_oracle(market.oracle, CRASH_PRICE)
    liq.kairos.send([liq.force_cancel_ix(long.margin, market)], [liq.chain.payer])
    assert liq.kairos.margin(long.margin).being_liquidated == 1
    liq.kairos.update_oracle(market.oracle, ENTRY)
    meta = liq.kairos.send([liq.force_cancel_ix(long.margin, market)], [liq.chain.payer])
    [event] = events_named(liq.chain, meta, "OrdersForceCancelled")
    assert (event.cancelled, event.being_liquidated) == (0, 0)
    assert liq.kairos.margin(long.margin).being_liquidated == 0


def test_partial_liquidation_stops_at_the_buffer(liq: Liquidation, market: Market) -> None:
    long, _ = liq.open_long(market)
    liquidator = liq.liquidator()
    liq.kairos.update_oracle(market.oracle, CRASH_PRICE)
    before = liq.breakdown(long.margin)
    assert before.maint < 0
    exchange = liq.exchange()
    market_state = liq._decode(PerpMarket, market.address)
    expected_lots = sdk.perp_liquidation_lots(
        exchange,
        market_state,
        health=before,
        position_lots=LONG_LOTS,
        price=CRASH_PRICE,
        max_base_lots=2**63,
    )
    assert 0 < expected_lots < LONG_LOTS  # partial
    liquidator_before = liq.kairos.margin(liquidator.margin).quote_balance

    meta = liq.kairos.send(
        [liq.liquidate_perp_ix(long.margin, liquidator, market)], [liquidator.owner]
    )
    assert meta.compute_units_consumed() <= LIQUIDATE_PERP_CU_BUDGET
    [event] = events_named(liq.chain, meta, "PerpLiquidated")
    assert event.base_lots == expected_lots
    assert event.price == CRASH_PRICE
    fee = expected_lots * CRASH_PRICE * LIQUIDATION_FEE_BPS // 10_000
    assert event.liquidation_fee == fee
    assert event.insurance_fee == fee * INSURANCE_SHARE_BPS // 10_000
    assert event.maint_health_before == before.maint

    after = liq.breakdown(long.margin)
    assert (event.maint_health_after, event.maint_requirement_after) == (
        after.maint,
        after.maint_requirement,
    )
    assert event.weighted_collateral_after == after.weighted_collateral
    # At the target, and not more than one lot's gain (plus rounding) past it.
    buffer = -(-after.maint_requirement * BUFFER_BPS // 10_000)
    assert after.maint >= buffer
    per_lot_gain = CRASH_PRICE * ((500 - LIQUIDATION_FEE_BPS) * 10_000 + BUFFER_BPS * 500) / 10**8
    assert after.maint - buffer <= per_lot_gain + sdk.SIZE_ROUNDING_SLACK
    assert event.being_liquidated == 0
    assert liq.kairos.margin(long.margin).being_liquidated == 0

    liqee_position = liq.perp.position(long.margin, market)
    taken = liq.perp.position(liquidator.margin, market)
    assert liqee_position.base_lots == LONG_LOTS - expected_lots
    assert taken.base_lots == expected_lots
    assert taken.quote_position == -(expected_lots * CRASH_PRICE - fee)
    assert liq.exchange().insurance_pending == event.insurance_fee
    assert (
        liq.kairos.margin(liquidator.margin).quote_balance
        == liquidator_before - event.insurance_fee
    )
    assert liq.perp.market_state(market).open_interest_lots == LONG_LOTS
    # Done: the account is no longer liquidatable.
    liq.kairos.fail_unchanged(
        [liq.liquidate_perp_ix(long.margin, liquidator, market)],
        [liquidator.owner],
        ERRORS["NotLiquidatable"],
    )


def test_max_base_lots_leaves_the_account_flagged(liq: Liquidation, market: Market) -> None:
    long, _ = liq.open_long(market)
    liquidator = liq.liquidator()
    liq.kairos.update_oracle(market.oracle, CRASH_PRICE)
    meta = liq.kairos.send(
        [liq.liquidate_perp_ix(long.margin, liquidator, market, max_base_lots=10)],
        [liquidator.owner],
    )
    [event] = events_named(liq.chain, meta, "PerpLiquidated")
    assert (event.base_lots, event.being_liquidated) == (10, 1)
    # Still below the buffer: a second liquidator continues even above maintenance.
    meta = liq.kairos.send(
        [liq.liquidate_perp_ix(long.margin, liquidator, market)], [liquidator.owner]
    )
    [event] = events_named(liq.chain, meta, "PerpLiquidated")
    assert event.being_liquidated == 0
    assert liq.shortfall(long.margin) <= 0


def test_small_position_is_liquidated_in_full(liq: Liquidation, market: Market) -> None:
    liq.set_params(small=LONG_LOTS * ENTRY)
    long, _ = liq.open_long(market)
    liquidator = liq.liquidator()
    liq.kairos.update_oracle(market.oracle, CRASH_PRICE)
    meta = liq.kairos.send(
        [liq.liquidate_perp_ix(long.margin, liquidator, market)], [liquidator.owner]
    )
    [event] = events_named(liq.chain, meta, "PerpLiquidated")
    assert event.base_lots == LONG_LOTS
    assert liq.perp.position(long.margin, market).base_lots == 0


def test_short_liquidatee_buys_back_above_the_oracle(liq: Liquidation, market: Market) -> None:
    maker = liq.perp.trader(1_000_000)
    short = liq.perp.trader(10_000)
    liq.perp.place(maker, market, BID, ENTRY, LONG_LOTS)
    liq.perp.place(short, market, 1, ENTRY, LONG_LOTS, order_type=1)
    liq.perp.consume(market)
    liq.kairos.update_oracle(market.oracle, 107)
    liquidator = liq.liquidator()
    meta = liq.kairos.send(
        [liq.liquidate_perp_ix(short.margin, liquidator, market)], [liquidator.owner]
    )
    [event] = events_named(liq.chain, meta, "PerpLiquidated")
    assert event.base_lots < 0
    taken = liq.perp.position(liquidator.margin, market)
    assert taken.base_lots == event.base_lots
    assert taken.quote_position == -event.base_lots * 107 + event.liquidation_fee
    assert liq.shortfall(short.margin) <= 0


def test_liquidator_must_end_above_initial_health(liq: Liquidation, market: Market) -> None:
    long, _ = liq.open_long(market)
    poor = liq.liquidator(deposit=100)
    liq.kairos.update_oracle(market.oracle, CRASH_PRICE)
    liq.kairos.fail_unchanged(
        [liq.liquidate_perp_ix(long.margin, poor, market)],
        [poor.owner],
        ERRORS["InsufficientHealth"],
    )


def test_account_checks(liq: Liquidation, market: Market, kairos: Kairos) -> None:
    long, _ = liq.open_long(market)
    liquidator = liq.liquidator()
    liq.kairos.update_oracle(market.oracle, CRASH_PRICE)
    ix = liq.liquidate_perp_ix(long.margin, liquidator, market)
    signers = [liquidator.owner]
    other_oracle = liq.kairos.create_oracle(CRASH_PRICE)
    cases = [
        (with_meta(ix, perp_index("liqee"), is_writable=False), ERR_CONSTRAINT_MUT),
        (with_meta(ix, perp_index("liqee"), pubkey=Pubkey.new_unique()), ERR_NOT_INITIALIZED),
        (with_meta(ix, perp_index("liqee"), pubkey=kairos.quote.vault), ERR_WRONG_OWNER),
        (with_meta(ix, perp_index("perp_market"), is_writable=False), ERR_CONSTRAINT_MUT),
        (with_meta(ix, perp_index("exchange"), is_writable=False), ERR_CONSTRAINT_MUT),
        (
            with_meta(ix, perp_index("oracle"), pubkey=other_oracle.address),
            ERRORS["OracleMismatch"],
        ),
        (with_meta(ix, perp_index("liquidator"), pubkey=long.margin), ERRORS["Unauthorized"]),
    ]
    for bad, code in cases:
        liq.kairos.fail_unchanged([bad], signers, code)
    # The liquidator's owner must sign.
    unsigned = with_meta(ix, perp_index("liquidator_owner"), is_signer=False)
    liq.kairos.fail_unchanged([unsigned], [liq.chain.payer], ERR_NOT_SIGNER)
    # Self-liquidation, wrong health-account count.
    own = liq.liquidate_perp_ix(long.margin, long, market)
    liq.kairos.fail_unchanged([own], [long.owner], ERRORS["SelfLiquidation"])
    wrong_count = sdk_ix.liquidate_perp(
        liqee=long.margin,
        liquidator=liquidator.margin,
        liquidator_owner=liquidator.owner.pubkey(),
        market_index=market.index,
        oracle=market.oracle.address,
        quote_mint=liq.kairos.quote.mint,
        liqee_health_accounts=[],
        liquidator_health_accounts=[
            *liq.kairos.health_accounts(long.margin),
            *liq.liquidator_metas_after_perp(liquidator, market),
        ],
        max_base_lots=1,
    )
    liq.kairos.fail_unchanged([wrong_count], signers, ERRORS["HealthAccountsMismatch"])


def test_force_cancel_account_checks(liq: Liquidation, market: Market, kairos: Kairos) -> None:
    long, _ = liq.open_long(market)
    liq.kairos.update_oracle(market.oracle, CRASH_PRICE)
    ix = liq.force_cancel_ix(long.margin, market)
    index = account_index("force_cancel_orders", "orderbook")
    other, _ = liq.perp.create_market()
    liq.kairos.fail_unchanged(
        [with_meta(ix, index, pubkey=other.orderbook)], [liq.chain.payer], ERRORS["MarketMismatch"]
    )
    liq.kairos.fail_unchanged(
        [with_meta(ix, account_index("force_cancel_orders", "margin_account"), is_writable=False)],
        [liq.chain.payer],
        ERR_CONSTRAINT_MUT,
    )
    liq.kairos.fail_unchanged(
        [
            with_meta(
                ix,
                account_index("force_cancel_orders", "margin_account"),
                pubkey=kairos.quote.vault,
            )
        ],
        [liq.chain.payer],
        ERR_WRONG_OWNER,
    )
