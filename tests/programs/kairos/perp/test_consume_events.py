"""consume_events: makers' fills applied from the queue, the cranker paid per event."""

from __future__ import annotations

from solders.account import Account
from solders.instruction import AccountMeta, Instruction

from ..conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERRORS,
    KEEPER_REWARD,
    Trader,
    account_index,
    with_meta,
)
from .conftest import ASK, BID, MARKET, Market, Perp, events_named

CONSUME_8_CU_BUDGET = 40_000
MAKER_LOTS = 1_000
FIRST_ASK = 101


def index_of(name: str) -> int:
    return account_index("consume_events", name)


def sweep(perp: Perp, market: Market, makers: int, lots: int = MAKER_LOTS) -> list[Trader]:
    """`makers` makers rest one ask each; one taker takes them all (one event each)."""
    resting = []
    for i in range(makers):
        maker = perp.trader()
        perp.place(maker, market, ASK, FIRST_ASK + i, lots)
        resting.append(maker)
    perp.place(perp.trader(), market, BID, FIRST_ASK + makers, makers * lots, order_type=MARKET)
    assert perp.queue(market).count == makers
    return resting


def test_applies_eight_fills_and_pays_the_cranker(perp: Perp, market: Market) -> None:
    makers = sweep(perp, market, 8)
    cranker = perp.chain.fund(1_000_000_000).pubkey()
    before = perp.chain.svm.get_account(cranker).lamports
    market_lamports = perp.chain.svm.get_account(market.address).lamports
    meta = perp.consume(market, makers=[m.margin for m in makers], cranker=cranker)

    assert meta.compute_units_consumed() <= CONSUME_8_CU_BUDGET
    [consumed] = events_named(perp.chain, meta, "EventsConsumed")
    reward = 8 * KEEPER_REWARD
    assert (consumed.count, consumed.reward, consumed.remaining) == (8, reward, 0)
    assert consumed.cranker == cranker and consumed.market == market.address
    assert perp.chain.svm.get_account(cranker).lamports == before + reward
    assert perp.chain.svm.get_account(market.address).lamports == market_lamports - reward
    state = perp.market_state(market)
    assert state.crank_lamports == 0
    # Only the taker is long: open interest is its 8,000 lots.
    assert state.open_interest_lots == 8 * MAKER_LOTS

    for i, maker in enumerate(makers):
        price = FIRST_ASK + i
        notional = price * MAKER_LOTS
        position = perp.position(maker.margin, market)
        assert (position.base_lots, position.quote_position) == (-MAKER_LOTS, notional)
        assert (position.cost_basis, position.asks_base_lots, position.asks_quote) == (
            -notional,
            0,
            0,
        )
        assert perp.open_orders(maker.margin) == []
        # The maker rebate of 2 bps, rounded toward the program.
        rebate = notional * 2 // 10_000
        account = perp.kairos.margin(maker.margin)
        assert account.quote_balance == 10_000_000 + rebate
        assert (account.stats.fees_paid, account.stats.fill_count) == (-rebate, 1)
        assert account.stats.volume_quote == notional
    assert perp.queue(market).count == 0


def test_makers_in_any_order(perp: Perp, market: Market) -> None:
    makers = sweep(perp, market, 3)
    perp.consume(market, makers=[m.margin for m in reversed(makers)])
    assert perp.queue(market).count == 0


def test_stops_at_the_first_missing_maker(perp: Perp, market: Market) -> None:
    first, second, third = sweep(perp, market, 3)
    meta = perp.consume(market, makers=[first.margin, third.margin])
    [consumed] = events_named(perp.chain, meta, "EventsConsumed")
    assert (consumed.count, consumed.remaining) == (1, 2)
    assert perp.position(first.margin, market).base_lots == -MAKER_LOTS
    assert perp.position(third.margin, market).base_lots == 0  # still pending
    perp.consume(market, makers=[third.margin, second.margin])
    assert perp.queue(market).count == 0


def test_first_maker_missing_is_an_error(perp: Perp, market: Market) -> None:
    first, second = sweep(perp, market, 2)
    ix = perp.consume_events_ix(market, makers=[second.margin])
    perp.kairos.fail_unchanged([ix], [perp.chain.payer], ERRORS["MakerAccountMissing"])
    ix = perp.consume_events_ix(market, makers=[])
    perp.kairos.fail_unchanged([ix], [perp.chain.payer], ERRORS["MakerAccountMissing"])


def test_limit(perp: Perp, market: Market) -> None:
    sweep(perp, market, 3)
    meta = perp.consume(market, limit=1)
    assert events_named(perp.chain, meta, "EventsConsumed")[0].remaining == 2
    ix = perp.consume_events_ix(market, limit=0)
    perp.kairos.fail_unchanged([ix], [perp.chain.payer], ERRORS["InvalidArgument"])


def test_empty_queue_is_a_no_op(perp: Perp, market: Market) -> None:
    meta = perp.consume(market, makers=[])
    [consumed] = events_named(perp.chain, meta, "EventsConsumed")
    assert (consumed.count, consumed.reward, consumed.remaining) == (0, 0, 0)


def test_partial_fill_keeps_the_order(perp: Perp, market: Market) -> None:
    maker = perp.trader()
    perp.place(maker, market, ASK, 101, 10)
    perp.place(perp.trader(), market, BID, 101, 4, order_type=MARKET)
    perp.consume(market)
    position = perp.position(maker.margin, market)
    assert (position.base_lots, position.asks_base_lots, position.asks_quote) == (-4, 6, 606)
    assert len(perp.open_orders(maker.margin)) == 1


def test_closing_both_sides_brings_open_interest_back_to_zero(perp: Perp, market: Market) -> None:
    seller, buyer = perp.trader(), perp.trader()
    perp.place(seller, market, ASK, 100, 10)
    perp.place(buyer, market, BID, 100, 10, order_type=MARKET)
    perp.consume(market)
    assert perp.market_state(market).open_interest_lots == 10
    # The buyer rests its long for sale; the seller buys its short back.
    perp.place(buyer, market, ASK, 100, 10)
    perp.place(seller, market, BID, 100, 10, order_type=MARKET)
    assert perp.market_state(market).open_interest_lots == 10  # the maker's long still counts
    perp.consume(market)
    assert perp.market_state(market).open_interest_lots == 0
    # The crank frees the maker's now empty slot; place_order never frees the taker's.
    assert perp.position(buyer.margin, market) is None
    assert perp.position(seller.margin, market).base_lots == 0


def test_reward_is_capped_by_what_takers_paid(perp: Perp, market: Market) -> None:
    sweep(perp, market, 2)
    state = perp.market_state(market)
    state.crank_lamports = 1_234
    perp.chain.write_account(market.address, "PerpMarket", state)
    meta = perp.consume(market)
    assert events_named(perp.chain, meta, "EventsConsumed")[0].reward == 1_234
    assert perp.market_state(market).crank_lamports == 0


def test_reward_never_takes_the_market_below_rent(perp: Perp, market: Market) -> None:
    sweep(perp, market, 2)
    info = perp.chain.svm.get_account(market.address)
    rent = perp.chain.svm.minimum_balance_for_rent_exemption(len(info.data))
    perp.chain.svm.set_account(market.address, Account(rent + 3_000, bytes(info.data), info.owner))
    meta = perp.consume(market)
    assert events_named(perp.chain, meta, "EventsConsumed")[0].reward == 3_000
    assert perp.chain.svm.get_account(market.address).lamports == rent
    assert perp.market_state(market).crank_lamports == 2 * KEEPER_REWARD - 3_000


def test_account_checks(perp: Perp, market: Market) -> None:
    other, _ = perp.create_market()
    [maker] = sweep(perp, market, 1)
    # A cranker apart from the fee payer, which is always writable.
    ix = perp.consume_events_ix(market, cranker=perp.chain.fund().pubkey())
    payer = [perp.chain.payer]
    read_only_maker = Instruction(
        ix.program_id,
        ix.data,
        [*list(ix.accounts)[:-1], AccountMeta(maker.margin, is_signer=False, is_writable=False)],
    )
    cases = [
        (read_only_maker, ERR_CONSTRAINT_MUT),
        (with_meta(ix, index_of("perp_market"), is_writable=False), ERR_CONSTRAINT_MUT),
        (with_meta(ix, index_of("event_queue"), is_writable=False), ERR_CONSTRAINT_MUT),
        (with_meta(ix, index_of("cranker"), is_writable=False), ERR_CONSTRAINT_MUT),
        (
            with_meta(ix, index_of("event_queue"), pubkey=other.event_queue),
            ERRORS["MarketMismatch"],
        ),
        (with_meta(ix, index_of("perp_market"), pubkey=other.address), ERRORS["MarketMismatch"]),
        (
            with_meta(ix, index_of("event_queue"), pubkey=market.orderbook),
            ERR_DISCRIMINATOR_MISMATCH,
        ),
    ]
    for wrong, error in cases:
        perp.kairos.fail_unchanged([wrong], payer, error)


def test_gate_closed(perp: Perp, market: Market) -> None:
    sweep(perp, market, 1)
    perp.kairos.halt("consume_events")
    ix = perp.consume_events_ix(market)
    perp.kairos.fail_unchanged([ix], [perp.chain.payer], ERRORS["InstructionHalted"])


def test_positions_net_to_zero_once_consumed(perp: Perp, market: Market) -> None:
    traders = [perp.trader() for _ in range(3)]
    perp.place(traders[0], market, ASK, 102, 7)
    perp.place(traders[1], market, BID, 98, 5)
    perp.place(traders[2], market, BID, 102, 4, order_type=MARKET)
    perp.place(traders[2], market, ASK, 98, 9, order_type=MARKET)
    perp.place(traders[1], market, BID, 102, 3, order_type=MARKET)
    perp.consume(market)
    positions = [perp.position(t.margin, market) for t in traders]
    assert sum(p.base_lots for p in positions if p) == 0
    assert sum(p.quote_position for p in positions if p) == 0
    longs = sum(p.base_lots for p in positions if p and p.base_lots > 0)
    assert perp.market_state(market).open_interest_lots == longs
