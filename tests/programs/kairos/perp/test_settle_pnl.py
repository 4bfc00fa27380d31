"""settle_pnl: losses into the market's PnL pool, profits out of it (capped by it)."""

from __future__ import annotations

from solders.pubkey import Pubkey

from ..conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_WRONG_OWNER,
    ERRORS,
    Trader,
    account_index,
    with_meta,
)
from .conftest import ASK, BID, DEFAULT_DEPOSIT, MARKET, Market, Perp, events_named

# Measured about 1,100; the budget leaves room.
SETTLE_PNL_CU_BUDGET = 5_000
LOTS = 10
ENTRY = 100


def index_of(name: str) -> int:
    return account_index("settle_pnl", name)


def open_pair(perp: Perp, market: Market) -> tuple[Trader, Trader]:
    """A short maker and a long taker, 10 lots at 100, consumed."""
    short, long = perp.trader(), perp.trader()
    perp.place(short, market, ASK, ENTRY, LOTS)
    perp.place(long, market, BID, ENTRY, LOTS, order_type=MARKET)
    perp.consume(market)
    return short, long


def settled(perp: Perp, margin: Pubkey, market: Market) -> tuple[int, int]:
    """(amount, pool after) of one settle_pnl."""
    meta = perp.settle(margin, market)
    [event] = events_named(perp.chain, meta, "PnlSettled")
    return event.amount, event.pnl_pool_after


def test_loss_into_the_pool_then_profit_out(perp: Perp, market: Market) -> None:
    short, long = open_pair(perp, market)
    perp.kairos.update_oracle(market.oracle, 110)
    balance = perp.kairos.margin(short.margin).quote_balance
    meta = perp.settle(short.margin, market)
    [event] = events_named(perp.chain, meta, "PnlSettled")
    assert (event.amount, event.pnl_pool_after) == (-100, 100)
    assert event.margin_account == short.margin and event.market == market.address
    assert event.quote_balance_after == balance - 100
    assert perp.kairos.margin(short.margin).quote_balance == balance - 100
    position = perp.position(short.margin, market)
    assert (position.base_lots, position.quote_position) == (-LOTS, LOTS * 110)
    assert meta.compute_units_consumed() <= SETTLE_PNL_CU_BUDGET

    assert settled(perp, long.margin, market) == (100, 0)
    assert perp.position(long.margin, market).quote_position == -LOTS * 110
    # Settled at this price: nothing more moves.
    assert settled(perp, long.margin, market) == (0, 0)
    assert settled(perp, short.margin, market) == (0, 0)


def test_profit_is_capped_by_the_pool(perp: Perp, market: Market) -> None:
    short, long = open_pair(perp, market)
    perp.kairos.update_oracle(market.oracle, 120)
    assert settled(perp, long.margin, market) == (0, 0)  # empty pool
    assert perp.position(long.margin, market).quote_position == -LOTS * ENTRY
    assert settled(perp, short.margin, market) == (-200, 200)
    perp.kairos.update_oracle(market.oracle, 130)
    # The long is owed 300 now; the pool holds 200.
    assert settled(perp, long.margin, market) == (200, 0)
    assert settled(perp, short.margin, market) == (-100, 100)
    assert settled(perp, long.margin, market) == (100, 0)
    assert perp.kairos.margin(long.margin).quote_balance == DEFAULT_DEPOSIT - 1 + 300


def test_rounding_is_against_the_account(perp: Perp) -> None:
    # 100.5 quote per lot: a long is valued at 100, a short's liability at 101.
    oracle = perp.kairos.create_oracle(1_005, exponent=-1)
    market, _ = perp.create_market(oracle)
    short, long = open_pair(perp, market)
    assert settled(perp, long.margin, market) == (0, 0)
    assert settled(perp, short.margin, market) == (-10, 10)


def test_flat_position_is_closed_once_settled(perp: Perp, market: Market) -> None:
    short, long = open_pair(perp, market)
    buyer = perp.trader()
    perp.place(buyer, market, BID, 110, LOTS)
    perp.place(long, market, ASK, 110, LOTS, order_type=MARKET)  # the long sells at a profit
    perp.consume(market)
    perp.kairos.update_oracle(market.oracle, 110)
    settled(perp, short.margin, market)  # the short's loss funds the pool
    assert settled(perp, long.margin, market) == (100, 0)
    assert perp.position(long.margin, market) is None


def test_no_position(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    ix = perp.settle_pnl_ix(trader.margin, market)
    perp.kairos.fail_unchanged([ix], [perp.chain.payer], ERRORS["MarketMismatch"])


def test_oracle_checks(perp: Perp, market: Market) -> None:
    short, _ = open_pair(perp, market)
    other, _ = perp.create_market()
    ix = perp.settle_pnl_ix(short.margin, market)
    wrong = with_meta(ix, index_of("oracle"), pubkey=other.oracle.address)
    perp.kairos.fail_unchanged([wrong], [perp.chain.payer], ERRORS["OracleMismatch"])
    perp.kairos.update_oracle(market.oracle, 100, confidence=3)  # 3 % > 2 % allowed
    perp.kairos.fail_unchanged([ix], [perp.chain.payer], ERRORS["OracleConfidenceTooWide"])
    perp.kairos.update_oracle(market.oracle, 100)
    perp.chain.warp(101)
    perp.kairos.fail_unchanged([ix], [perp.chain.payer], ERRORS["StaleOracle"])


def test_account_checks(perp: Perp, market: Market) -> None:
    short, _ = open_pair(perp, market)
    ix = perp.settle_pnl_ix(short.margin, market)
    stranger = perp.chain.fund().pubkey()
    cases = [
        (with_meta(ix, index_of("margin_account"), is_writable=False), ERR_CONSTRAINT_MUT),
        (with_meta(ix, index_of("perp_market"), is_writable=False), ERR_CONSTRAINT_MUT),
        (
            with_meta(ix, index_of("margin_account"), pubkey=market.address),
            ERR_DISCRIMINATOR_MISMATCH,
        ),
        (with_meta(ix, index_of("perp_market"), pubkey=short.margin), ERR_DISCRIMINATOR_MISMATCH),
        (with_meta(ix, index_of("perp_market"), pubkey=stranger), ERR_WRONG_OWNER),
    ]
    for wrong, error in cases:
        perp.kairos.fail_unchanged([wrong], [perp.chain.payer], error)


def test_gate_closed(perp: Perp, market: Market) -> None:
    short, _ = open_pair(perp, market)
    perp.kairos.halt("settle_pnl")
    ix = perp.settle_pnl_ix(short.margin, market)
    perp.kairos.fail_unchanged([ix], [perp.chain.payer], ERRORS["InstructionHalted"])
