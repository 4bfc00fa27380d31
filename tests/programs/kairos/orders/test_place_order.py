"""place_order end to end: resting, crossing, priorities, fees, limits, health, checks.

Every successful step goes through `Kairos.send`, which asserts the vault
invariant; every refused step through `Kairos.fail_unchanged`, which asserts
that no tracked account changed.
"""

from __future__ import annotations

import pytest
from kairos.program import PROGRAM_ID
from solders.account import Account
from solders.instruction import Instruction
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID

from ..conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    ERR_INVALID_PROGRAM_ID,
    ERR_NOT_SIGNER,
    ERR_WRONG_OWNER,
    ERRORS,
    KEEPER_REWARD,
    U64_MAX,
    Trader,
    account_index,
    with_data,
    with_meta,
)
from ..perp.conftest import (
    ASK,
    BID,
    BOOK_SIDE_CAPACITY,
    EVENT_QUEUE_CAPACITY,
    MARKET,
    MAX_OPEN_ORDERS,
    MAX_PERP_POSITIONS,
    WIDEST_BAND_BPS,
    Market,
    Perp,
    event_names,
    events_named,
)

# Budgets from the brief (OpenBook v2 caps a test transaction at 130k CU).
RESTING_LIMIT_CU_BUDGET = 25_000
MARKET_ORDER_4_MAKERS_CU_BUDGET = 60_000
# LiteSVM's fee per signature, in lamports.
SIGNATURE_FEE = 5_000


def index_of(name: str) -> int:
    return account_index("place_order", name)


def rest_asks(perp: Perp, market: Market, prices: list[int], lots: int = 5) -> list[Trader]:
    """One maker per price, each resting an ask of `lots` lots."""
    makers = []
    for price in prices:
        maker = perp.trader()
        perp.place(maker, market, ASK, price, lots)
        makers.append(maker)
    return makers


# ---- resting ----


@pytest.mark.parametrize("side", [BID, ASK])
def test_limit_order_rests(perp: Perp, market: Market, side: int) -> None:
    trader = perp.trader()
    price = 99 if side == BID else 101
    meta = perp.place(trader, market, side, price, 10, client_order_id=42)

    resting = perp.bids(market) if side == BID else perp.asks(market)
    assert [(o.order_id, o.price, o.base_lots, o.client_order_id) for o in resting] == [
        (1, price, 10, 42)
    ]
    assert resting[0].owner == trader.margin and resting[0].owner_slot == 0
    [slot] = perp.open_orders(trader.margin)
    assert (slot.order_id, slot.client_order_id, slot.price, slot.side) == (1, 42, price, side)
    position = perp.position(trader.margin, market)
    reserved = (
        (position.bids_base_lots, position.bids_quote)
        if side == BID
        else (position.asks_base_lots, position.asks_quote)
    )
    assert reserved == (10, 10 * price)
    assert position.base_lots == position.quote_position == 0
    assert perp.market_state(market).next_order_id == 2

    assert event_names(perp.chain, meta) == ["OrderPlaced"]
    [placed] = events_named(perp.chain, meta, "OrderPlaced")
    assert (placed.order_id, placed.filled_base_lots, placed.resting_base_lots) == (1, 0, 10)
    assert placed.taker_fee == 0 and placed.margin_account == trader.margin
    assert meta.compute_units_consumed() <= RESTING_LIMIT_CU_BUDGET


def test_crossing_limit_order_fills_then_rests(perp: Perp, market: Market) -> None:
    makers = rest_asks(perp, market, [101, 102])
    taker = perp.trader()
    meta = perp.place(taker, market, BID, 102, 12)

    fills = events_named(perp.chain, meta, "OrderFilled")
    assert [(f.maker, f.price, f.base_lots) for f in fills] == [
        (makers[0].margin, 101, 5),
        (makers[1].margin, 102, 5),
    ]
    [placed] = events_named(perp.chain, meta, "OrderPlaced")
    assert (placed.filled_base_lots, placed.filled_quote, placed.resting_base_lots) == (
        10,
        1015,
        2,
    )
    # Taker fee: ceil(1015 × 10 bps) = 2, from the quote balance into the market.
    assert placed.taker_fee == 2
    assert perp.market_state(market).fees_accrued == 2
    assert perp.kairos.margin(taker.margin).quote_balance == 10_000_000 - 2
    position = perp.position(taker.margin, market)
    assert (position.base_lots, position.quote_position, position.cost_basis) == (10, -1015, 1015)
    assert (position.bids_base_lots, position.bids_quote) == (2, 204)
    assert [(o.price, o.base_lots) for o in perp.bids(market)] == [(102, 2)]
    assert perp.asks(market) == []
    stats = perp.kairos.margin(taker.margin).stats
    assert (stats.volume_quote, stats.fees_paid, stats.fill_count) == (1015, 2, 2)
    # The taker is long 10 at once; the makers' shorts wait for the crank.
    assert perp.market_state(market).open_interest_lots == 10
    assert [e.maker for e in perp.queued_events(market)] == [m.margin for m in makers]


def test_partial_fill_leaves_the_maker_resting(perp: Perp, market: Market) -> None:
    [maker] = rest_asks(perp, market, [101], lots=10)
    taker = perp.trader()
    perp.place(taker, market, BID, 101, 3, order_type=MARKET)
    [ask] = perp.asks(market)
    assert (ask.base_lots, ask.owner) == (7, maker.margin)
    [event] = perp.queued_events(market)
    assert (event.base_lots, event.maker_out) == (3, 0)


def test_price_time_priority(perp: Perp, market: Market) -> None:
    first, second = rest_asks(perp, market, [101, 101])
    [cheapest] = rest_asks(perp, market, [100])
    taker = perp.trader()
    meta = perp.place(taker, market, BID, 101, 12, order_type=MARKET)
    fills = events_named(perp.chain, meta, "OrderFilled")
    assert [(f.maker, f.price, f.base_lots) for f in fills] == [
        (cheapest.margin, 100, 5),
        (first.margin, 101, 5),
        (second.margin, 101, 2),
    ]
    assert [f.seq for f in fills] == [0, 1, 2]
    [left] = perp.asks(market)
    assert (left.owner, left.base_lots) == (second.margin, 3)


def test_market_order_stops_at_its_worst_price(perp: Perp, market: Market) -> None:
    rest_asks(perp, market, [101, 105])
    taker = perp.trader()
    meta = perp.place(taker, market, BID, 103, 10, order_type=MARKET)
    [placed] = events_named(perp.chain, meta, "OrderPlaced")
    assert (placed.filled_base_lots, placed.resting_base_lots) == (5, 0)
    assert [a.price for a in perp.asks(market)] == [105]
    assert perp.bids(market) == []
    assert perp.open_orders(taker.margin) == []


def test_market_order_without_liquidity_in_range_is_no_fill(perp: Perp, market: Market) -> None:
    rest_asks(perp, market, [101])
    taker = perp.trader()
    ix = perp.place_order_ix(taker, market, BID, 100, 1, order_type=MARKET)
    perp.kairos.fail_unchanged([ix], [taker.owner], ERRORS["NoFill"])


def test_market_sell_against_bids(perp: Perp, market: Market) -> None:
    maker = perp.trader()
    perp.place(maker, market, BID, 99, 4)
    perp.place(maker, market, BID, 97, 4)
    taker = perp.trader()
    meta = perp.place(taker, market, ASK, 98, 10, order_type=MARKET)
    [placed] = events_named(perp.chain, meta, "OrderPlaced")
    assert (placed.filled_base_lots, placed.filled_quote) == (4, 396)
    position = perp.position(taker.margin, market)
    assert (position.base_lots, position.quote_position, position.cost_basis) == (-4, 396, -396)


# ---- the crank's funding, compute units ----


def test_market_order_crossing_four_makers(perp: Perp, market: Market) -> None:
    rest_asks(perp, market, [101, 102, 103, 104])
    taker = perp.trader()
    lamports_before = perp.chain.svm.get_account(market.address).lamports
    meta = perp.place(taker, market, BID, 104, 20, order_type=MARKET)
    assert len(events_named(perp.chain, meta, "OrderFilled")) == 4
    assert meta.compute_units_consumed() <= MARKET_ORDER_4_MAKERS_CU_BUDGET
    # The taker paid the crank: one keeper reward per maker fill.
    reward = 4 * KEEPER_REWARD
    assert perp.chain.svm.get_account(market.address).lamports == lamports_before + reward
    assert perp.market_state(market).crank_lamports == reward


def test_taker_must_be_able_to_pay_the_crank(perp: Perp, market: Market) -> None:
    rest_asks(perp, market, [101])
    taker = perp.trader()
    # The owner keeps the transaction fee and one lamport: not the keeper reward.
    perp.chain.svm.set_account(
        taker.owner.pubkey(), Account(SIGNATURE_FEE + 1, b"", SYSTEM_PROGRAM_ID)
    )
    ix = perp.place_order_ix(taker, market, BID, 101, 1, order_type=MARKET)
    failure = perp.chain.fail([ix], [taker.owner])
    assert any("insufficient lamports" in line for line in failure.meta().logs())


# ---- self trade ----


def test_self_trade_cancels_the_resting_order(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    perp.place(trader, market, ASK, 101, 5, client_order_id=7)
    [other] = rest_asks(perp, market, [102])
    meta = perp.place(trader, market, BID, 102, 5, order_type=MARKET)

    assert event_names(perp.chain, meta) == ["OrderCancelled", "OrderFilled", "OrderPlaced"]
    [cancelled] = events_named(perp.chain, meta, "OrderCancelled")
    assert (cancelled.order_id, cancelled.client_order_id, cancelled.base_lots) == (1, 7, 5)
    [fill] = events_named(perp.chain, meta, "OrderFilled")
    assert (fill.maker, fill.price) == (other.margin, 102)
    assert perp.open_orders(trader.margin) == []
    position = perp.position(trader.margin, market)
    assert (position.asks_base_lots, position.asks_quote, position.base_lots) == (0, 0, 5)
    assert perp.asks(market) == []


# ---- limits of the book, the queue and the order ----


def test_book_side_full(perp: Perp, market: Market) -> None:
    # Bands wide enough for asks at 2-3 x the oracle (test_book_eviction.py covers
    # the default bands and eviction by a better price).
    perp.set_order_rules(market, WIDEST_BAND_BPS, WIDEST_BAND_BPS)
    for _ in range(BOOK_SIDE_CAPACITY // MAX_OPEN_ORDERS):
        maker = perp.trader()
        for i in range(MAX_OPEN_ORDERS):
            perp.place(maker, market, ASK, 200 + i, 1)
    assert len(perp.asks(market)) == BOOK_SIDE_CAPACITY
    late = perp.trader()
    ix = perp.place_order_ix(late, market, ASK, 300, 1)
    perp.kairos.fail_unchanged([ix], [late.owner], ERRORS["BookFull"])
    # A crossing order frees room; the other side is independent.
    perp.place(late, market, BID, 150, 1)
    perp.place(late, market, BID, 200, 1, order_type=MARKET)
    perp.place(late, market, ASK, 300, 1)


def test_event_queue_full_refuses_then_stops(perp: Perp, market: Market) -> None:
    [maker] = rest_asks(perp, market, [101], lots=1_000)
    taker = perp.trader()
    for _ in range(EVENT_QUEUE_CAPACITY - 1):
        perp.place(taker, market, BID, 101, 1, order_type=MARKET)
    [second] = rest_asks(perp, market, [102])
    # One slot left: the first maker fill takes it and the order stops there.
    meta = perp.place(taker, market, BID, 102, 800, order_type=MARKET)
    [placed] = events_named(perp.chain, meta, "OrderPlaced")
    assert placed.filled_base_lots == 1_000 - (EVENT_QUEUE_CAPACITY - 1)
    assert perp.queue(market).count == EVENT_QUEUE_CAPACITY
    # Full: an order that would trade is refused, whole.
    ix = perp.place_order_ix(taker, market, BID, 102, 1, order_type=MARKET)
    perp.kairos.fail_unchanged([ix], [taker.owner], ERRORS["EventQueueFull"])
    ix = perp.place_order_ix(taker, market, BID, 102, 1)
    perp.kairos.fail_unchanged([ix], [taker.owner], ERRORS["EventQueueFull"])
    # An order that does not cross needs no queue slot.
    perp.place(taker, market, BID, 90, 1)
    # After the crank, trading resumes.
    perp.consume(market, makers=[maker.margin])
    perp.place(taker, market, BID, 102, 1, order_type=MARKET)
    assert perp.queued_events(market)[-1].maker == second.margin


def test_match_limit_stops_and_the_remainder_does_not_rest(perp: Perp, market: Market) -> None:
    rest_asks(perp, market, [101, 102, 103], lots=1)
    taker = perp.trader()
    meta = perp.place(taker, market, BID, 103, 3, match_limit=2)
    [placed] = events_named(perp.chain, meta, "OrderPlaced")
    assert (placed.filled_base_lots, placed.resting_base_lots) == (2, 0)
    assert perp.bids(market) == []
    assert [a.price for a in perp.asks(market)] == [103]


def test_open_order_limit(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    for i in range(MAX_OPEN_ORDERS):
        perp.place(trader, market, BID, 50 + i, 1)
    ix = perp.place_order_ix(trader, market, BID, 50 + MAX_OPEN_ORDERS, 1)
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["OpenOrderLimit"])


def test_perp_position_limit(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    markets = [market] + [perp.create_market()[0] for _ in range(MAX_PERP_POSITIONS)]
    for each in markets[:MAX_PERP_POSITIONS]:
        perp.place(trader, each, BID, 90, 1)
    ix = perp.place_order_ix(
        trader, markets[-1], BID, 90, 1, health_accounts=perp.kairos.health_accounts(trader.margin)
    )
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["PerpPositionLimit"])


def test_open_interest_cap(perp: Perp) -> None:
    market, _ = perp.create_market(open_interest_cap_lots=10)
    maker = perp.trader()
    perp.place(maker, market, ASK, 101, 20)
    long_taker = perp.trader()
    perp.place(long_taker, market, BID, 101, 10, order_type=MARKET)
    assert perp.market_state(market).open_interest_lots == 10
    other = perp.trader()
    ix = perp.place_order_ix(other, market, BID, 101, 1, order_type=MARKET)
    perp.kairos.fail_unchanged([ix], [other.owner], ERRORS["OpenInterestCapExceeded"])
    # Reducing is always allowed, and frees room under the cap.
    perp.place(maker, market, BID, 100, 5)
    perp.place(long_taker, market, ASK, 100, 5, order_type=MARKET)
    perp.consume(market)
    assert perp.market_state(market).open_interest_lots == 5
    perp.place(other, market, BID, 101, 1, order_type=MARKET)


# ---- argument checks ----


@pytest.mark.parametrize(
    ("side", "order_type", "price", "lots", "match_limit", "error"),
    [
        (2, 0, 100, 1, 1, "InvalidArgument"),
        (0, 2, 100, 1, 1, "InvalidArgument"),
        (0, 0, 100, 1, 0, "InvalidArgument"),
        (0, 0, 100, 1, 17, "InvalidArgument"),
        (0, 0, 0, 1, 1, "PriceNotOnTick"),
        (0, 1, 0, 1, 1, "PriceNotOnTick"),
        (0, 0, 100, 0, 1, "OrderTooSmall"),
    ],
)
def test_arguments_are_validated(
    perp: Perp,
    market: Market,
    side: int,
    order_type: int,
    price: int,
    lots: int,
    match_limit: int,
    error: str,
) -> None:
    trader = perp.trader()
    ix = perp.place_order_ix(
        trader, market, side, price, lots, order_type=order_type, match_limit=match_limit
    )
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS[error])


def test_tick_and_minimum_size(perp: Perp) -> None:
    market, _ = perp.create_market(tick_size=5, min_order_lots=3)
    trader = perp.trader()
    for price, lots, error in [(101, 3, "PriceNotOnTick"), (100, 2, "OrderTooSmall")]:
        ix = perp.place_order_ix(trader, market, BID, price, lots)
        perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS[error])
    perp.place(trader, market, BID, 100, 3)


def test_malformed_args(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    ix = perp.place_order_ix(trader, market, BID, 100, 1)
    perp.kairos.fail_unchanged(
        [with_data(ix, bytes(ix.data) + b"\0")], [trader.owner], ERR_INSTRUCTION_DID_NOT_DESERIALIZE
    )


@pytest.mark.parametrize(
    ("price", "lots", "error"),
    [
        (U64_MAX, 1, "PriceOutsideBand"),
        (U64_MAX, 2, "PriceOutsideBand"),
        (1, U64_MAX, "MathOverflow"),
    ],
)
def test_overflow_sized_limit_orders(
    perp: Perp, market: Market, price: int, lots: int, error: str
) -> None:
    """No band admits a bid at U64_MAX; at the widest band a bid at 1 may rest, and
    its reservation overflows."""
    perp.set_order_rules(market, WIDEST_BAND_BPS, WIDEST_BAND_BPS)
    trader = perp.trader()
    ix = perp.place_order_ix(trader, market, BID, price, lots)
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS[error])


def test_overflow_sized_market_order_takes_what_is_there(perp: Perp, market: Market) -> None:
    rest_asks(perp, market, [101])
    trader = perp.trader()
    meta = perp.place(trader, market, BID, U64_MAX, U64_MAX, order_type=MARKET)
    [placed] = events_named(perp.chain, meta, "OrderPlaced")
    assert (placed.filled_base_lots, placed.resting_base_lots) == (5, 0)


def test_overflow_sized_sell_into_a_huge_bid(perp: Perp, market: Market) -> None:
    maker = perp.trader()
    perp.place(maker, market, BID, 90, 1_000)
    trader = perp.trader()
    ix = perp.place_order_ix(trader, market, ASK, 90, U64_MAX)
    # The remainder (U64_MAX - 1000 lots at 90) cannot be reserved as an i64 for health.
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["MathOverflow"])


# ---- health ----


def test_order_needs_initial_health(perp: Perp, market: Market) -> None:
    trader = perp.trader(deposit=50)
    # 10 lots at 100: 100 of initial margin against 50 of collateral.
    ix = perp.place_order_ix(trader, market, BID, 100, 10)
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["InsufficientHealth"])
    perp.place(trader, market, BID, 100, 5)


def test_reducing_order_is_allowed_below_initial_health(perp: Perp, market: Market) -> None:
    maker = perp.trader()
    perp.place(maker, market, ASK, 100, 10)
    # 100 of initial margin and a fee of 1 against 150 of collateral.
    trader = perp.trader(deposit=150)
    perp.place(trader, market, BID, 100, 10, order_type=MARKET)
    # The price falls: the long is now under water, far below initial health.
    perp.kairos.update_oracle(market.oracle, 80)
    perp.place(maker, market, BID, 80, 20)
    ix = perp.place_order_ix(trader, market, ASK, 90, 4)  # would rest: a risk
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["InsufficientHealth"])
    # A market sell that only reduces, at the oracle, passes: it lowers the
    # maintenance requirement by more than its fee (test_price_bands.py: one far
    # below the oracle that would lower maintenance health is refused). Its
    # health accounts are checked like any order's.
    ix = perp.place_order_ix(trader, market, ASK, 80, 4, order_type=MARKET, health_accounts=[])
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["HealthAccountsMismatch"])
    perp.place(trader, market, ASK, 80, 4, order_type=MARKET)
    assert perp.position(trader.margin, market).base_lots == 6
    # Flipping to a short is not a reduction.
    ix = perp.place_order_ix(trader, market, ASK, 80, 7, order_type=MARKET)
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["InsufficientHealth"])


def test_health_accounts_must_match(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    ix = perp.place_order_ix(trader, market, BID, 100, 1, health_accounts=[])
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["HealthAccountsMismatch"])


def test_stale_oracle(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    perp.chain.warp(101)
    ix = perp.place_order_ix(trader, market, BID, 100, 1)
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["StaleOracle"])
    perp.kairos.update_oracle(market.oracle, 100)
    perp.place(trader, market, BID, 100, 1)


def test_account_being_liquidated(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    state = perp.kairos.margin(trader.margin)
    state.being_liquidated = 1
    perp.chain.write_account(trader.margin, "MarginAccount", state)
    ix = perp.place_order_ix(trader, market, BID, 100, 1)
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["AccountBeingLiquidated"])


def test_gate_closed(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    perp.kairos.halt("place_order")
    ix = perp.place_order_ix(trader, market, BID, 100, 1)
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["InstructionHalted"])


# ---- account checks ----


def test_someone_elses_margin_account(perp: Perp, market: Market) -> None:
    victim, intruder = perp.trader(), perp.trader()
    ix = perp.place_order_ix(intruder, market, BID, 100, 1)
    ix = with_meta(ix, index_of("margin_account"), pubkey=victim.margin)
    perp.kairos.fail_unchanged([ix], [intruder.owner], ERRORS["Unauthorized"])


@pytest.mark.parametrize(
    "account", ["margin_account", "owner", "perp_market", "orderbook", "event_queue"]
)
def test_writable_accounts(perp: Perp, market: Market, account: str) -> None:
    trader = perp.trader()
    ix = with_meta(
        perp.place_order_ix(trader, market, BID, 100, 1), index_of(account), is_writable=False
    )
    signers = [perp.chain.fund(), trader.owner]  # a separate fee payer keeps owner read-only
    perp.kairos.fail_unchanged([ix], signers, ERR_CONSTRAINT_MUT)


def test_owner_must_sign(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    ix = with_meta(
        perp.place_order_ix(trader, market, BID, 100, 1), index_of("owner"), is_signer=False
    )
    perp.kairos.fail_unchanged([ix], [perp.chain.fund()], ERR_NOT_SIGNER)


def test_accounts_of_another_market(perp: Perp, market: Market) -> None:
    other, _ = perp.create_market()
    trader = perp.trader()
    ix = perp.place_order_ix(trader, market, BID, 100, 1)
    for account, key, error in [
        ("orderbook", other.orderbook, "MarketMismatch"),
        ("event_queue", other.event_queue, "MarketMismatch"),
        ("oracle", other.oracle.address, "OracleMismatch"),
    ]:
        wrong = with_meta(ix, index_of(account), pubkey=key)
        perp.kairos.fail_unchanged([wrong], [trader.owner], ERRORS[error])


def test_wrong_account_types(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    ix = perp.place_order_ix(trader, market, BID, 100, 1)
    stranger = perp.chain.fund().pubkey()  # a system account
    cases: list[tuple[str, Pubkey, int]] = [
        ("margin_account", market.address, ERR_DISCRIMINATOR_MISMATCH),
        ("margin_account", stranger, ERR_WRONG_OWNER),
        ("perp_market", trader.margin, ERR_DISCRIMINATOR_MISMATCH),
        ("perp_market", stranger, ERR_WRONG_OWNER),
        ("orderbook", market.event_queue, ERR_DISCRIMINATOR_MISMATCH),
        ("orderbook", stranger, ERR_WRONG_OWNER),
        ("event_queue", market.orderbook, ERR_DISCRIMINATOR_MISMATCH),
        ("system_program", PROGRAM_ID, ERR_INVALID_PROGRAM_ID),
    ]
    for account, key, error in cases:
        wrong = with_meta(ix, index_of(account), pubkey=key)
        perp.kairos.fail_unchanged([wrong], [trader.owner], error)


def test_oracle_of_the_right_key_but_forged(perp: Perp, market: Market) -> None:
    """An account at another address with a copy of the oracle's data is not the oracle."""
    trader = perp.trader()
    forged = Pubkey.new_unique()
    oracle = perp.chain.svm.get_account(market.oracle.address)
    perp.chain.svm.set_account(forged, oracle)
    ix = with_meta(
        perp.place_order_ix(trader, market, BID, 100, 1), index_of("oracle"), pubkey=forged
    )
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["OracleMismatch"])


def test_missing_accounts(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    ix = perp.place_order_ix(trader, market, BID, 100, 1, health_accounts=[])
    short = Instruction(ix.program_id, ix.data, list(ix.accounts)[: index_of("system_program")])
    perp.kairos.fail_unchanged([short], [trader.owner], 3005)
