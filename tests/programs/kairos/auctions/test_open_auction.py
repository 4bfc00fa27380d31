"""open_auction end to end: the Auction account, the taker's reservation, the
escrowed reward, health, and every account and argument check.

Successful steps go through `Kairos.send` (vault invariant) and
`Auctions.check_auction` (the Auction's invariants); refused ones through
`Kairos.fail_unchanged` (no tracked account changed).
"""

from __future__ import annotations

import pytest
from kairos.program import PROGRAM_ID
from solders.pubkey import Pubkey

from ..conftest import (
    ERR_ALREADY_IN_USE,
    ERR_CONSTRAINT_MUT,
    ERR_CONSTRAINT_SEEDS,
    ERR_INVALID_PROGRAM_ID,
    ERR_NOT_SIGNER,
    ERR_WRONG_OWNER,
    ERRORS,
    KEEPER_REWARD,
    PDA_ATTEMPT_CU,
    account_index,
    non_canonical_pda,
    pda_attempts,
    with_meta,
)
from ..perp.conftest import Market, Perp, events_named
from .conftest import (
    ASK,
    AUCTION_ACCOUNT_SIZE,
    AUCTION_SEED,
    BID,
    MAX_AUCTION_DURATION_SLOTS,
    REST_BOOK,
    Auctions,
)

# Creation, the reward transfer and health, plus the PDA's bump search.
OPEN_AUCTION_FIXED_CU_BUDGET = 7_000


def test_open_creates_the_auction_and_reserves_the_worst_case(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    taker = perp.trader()
    slot = auctions.chain.clock().slot
    lamports_before = auctions.chain.svm.get_balance(taker.owner.pubkey())
    auction, meta = auctions.open(
        taker, market, ASK, 25, 90, min_fill=5, duration=12, rest=REST_BOOK
    )
    seeds = (AUCTION_SEED, bytes(taker.margin), auction.auction_id.to_bytes(8, "little"))
    budget = OPEN_AUCTION_FIXED_CU_BUDGET + PDA_ATTEMPT_CU * pda_attempts(*seeds)
    assert meta.compute_units_consumed() <= budget

    state = auctions.state(auction)
    assert state.market == market.address
    assert state.taker_margin_account == taker.margin
    assert state.taker_owner == taker.owner.pubkey()
    assert (state.side, state.size_lots, state.limit_price, state.min_fill_lots) == (ASK, 25, 90, 5)
    assert state.deadline_slot == slot + 12 and state.open_slot == slot
    assert state.rest_action == REST_BOOK and state.bid_count == 0
    assert state.reward_lamports == KEEPER_REWARD
    position = perp.position(taker.margin, market)
    assert (position.asks_base_lots, position.asks_quote) == (25, 25 * 90)
    rent = auctions.chain.svm.minimum_balance_for_rent_exemption(AUCTION_ACCOUNT_SIZE)
    fee = 5_000
    assert auctions.chain.svm.get_balance(taker.owner.pubkey()) == (
        lamports_before - rent - KEEPER_REWARD - fee
    )
    [event] = events_named(auctions.chain, meta, "AuctionOpened")
    assert event.auction == auction.address and event.deadline_slot == slot + 12
    assert event.size_lots == 25 and event.reward_lamports == KEEPER_REWARD


def test_two_auctions_of_one_taker_reserve_both(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    taker = perp.trader()
    auctions.open(taker, market, BID, 10, 110)
    auctions.open(taker, market, BID, 5, 120)
    position = perp.position(taker.margin, market)
    assert (position.bids_base_lots, position.bids_quote) == (15, 10 * 110 + 5 * 120)


def test_same_id_twice_is_refused(auctions: Auctions, perp: Perp, market: Market) -> None:
    taker = perp.trader()
    auctions.open(taker, market, BID, 10, 110, auction_id=7)
    ix, _, _ = auctions.open_ix(taker, market, BID, 10, 110, auction_id=7)
    auctions.kairos.fail_unchanged([ix], [taker.owner], ERR_ALREADY_IN_USE)


def test_insufficient_health_is_refused(auctions: Auctions, perp: Perp, market: Market) -> None:
    taker = perp.trader(deposit=1_000)
    ix, _, _ = auctions.open_ix(taker, market, BID, 100, 110)  # 11,000 notional, 10% margin
    auctions.kairos.fail_unchanged([ix], [taker.owner], ERRORS["InsufficientHealth"])


def test_open_interest_cap_applies_to_the_worst_case(auctions: Auctions, perp: Perp) -> None:
    capped, _ = perp.create_market(open_interest_cap_lots=5)
    taker = perp.trader()
    ix, _, _ = auctions.open_ix(taker, capped, BID, 6, 110)
    auctions.kairos.fail_unchanged([ix], [taker.owner], ERRORS["OpenInterestCapExceeded"])
    auctions.open(taker, capped, BID, 5, 110)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"duration": 0}, "AuctionDurationOutOfRange"),
        ({"duration": MAX_AUCTION_DURATION_SLOTS + 1}, "AuctionDurationOutOfRange"),
        ({"min_fill": 11}, "InvalidArgument"),
        ({"rest": 2}, "InvalidArgument"),
    ],
)
def test_bad_arguments_are_refused(
    auctions: Auctions, perp: Perp, market: Market, changes: dict[str, int], error: str
) -> None:
    taker = perp.trader()
    ix, _, _ = auctions.open_ix(taker, market, BID, 10, 110, **changes)
    auctions.kairos.fail_unchanged([ix], [taker.owner], ERRORS[error])


def test_bad_side_price_and_size_are_refused(auctions: Auctions, perp: Perp) -> None:
    market, _ = perp.create_market(tick_size=5, min_order_lots=3)
    taker = perp.trader()
    for side, size, limit, error in [
        (2, 10, 110, "InvalidArgument"),
        (BID, 10, 0, "PriceNotOnTick"),
        (BID, 10, 111, "PriceNotOnTick"),
        (BID, 2, 110, "OrderTooSmall"),
    ]:
        ix, _, _ = auctions.open_ix(taker, market, side, size, limit)
        auctions.kairos.fail_unchanged([ix], [taker.owner], ERRORS[error])


def test_longest_duration_is_accepted(auctions: Auctions, perp: Perp, market: Market) -> None:
    taker = perp.trader()
    auction, _ = auctions.open(taker, market, BID, 10, 110, duration=MAX_AUCTION_DURATION_SLOTS)
    assert auctions.state(auction).deadline_slot == (
        auctions.chain.clock().slot + MAX_AUCTION_DURATION_SLOTS
    )


def test_account_checks(auctions: Auctions, perp: Perp, market: Market) -> None:
    taker, other = perp.trader(), perp.trader()
    ix, address, auction_id = auctions.open_ix(taker, market, BID, 10, 110)
    fail = auctions.kairos.fail_unchanged
    index = account_index("open_auction", "owner")
    fail([with_meta(ix, index, is_signer=False)], [auctions.chain.payer], ERR_NOT_SIGNER)
    # The fee payer is always writable: another account pays.
    fail(
        [with_meta(ix, index, is_writable=False)],
        [auctions.chain.payer, taker.owner],
        ERR_CONSTRAINT_MUT,
    )
    # Someone else's margin account.
    fail(
        [with_meta(ix, account_index("open_auction", "taker_margin_account"), pubkey=other.margin)],
        [taker.owner],
        ERRORS["Unauthorized"],
    )
    fail(
        [with_meta(ix, account_index("open_auction", "taker_margin_account"), is_writable=False)],
        [taker.owner],
        ERR_CONSTRAINT_MUT,
    )
    fail(
        [with_meta(ix, account_index("open_auction", "auction"), is_writable=False)],
        [taker.owner],
        ERR_CONSTRAINT_MUT,
    )
    # A PDA of the seeds with a non-canonical bump, and a PDA of other seeds.
    seeds = (AUCTION_SEED, bytes(taker.margin), auction_id.to_bytes(8, "little"))
    fail(
        [with_meta(ix, account_index("open_auction", "auction"), pubkey=non_canonical_pda(*seeds))],
        [taker.owner],
        ERR_CONSTRAINT_SEEDS,
    )
    fail(
        [with_meta(ix, account_index("open_auction", "auction"), pubkey=Pubkey.new_unique())],
        [taker.owner],
        ERR_CONSTRAINT_SEEDS,
    )
    # The market's oracle, the market itself, the system program.
    other_oracle = auctions.kairos.create_oracle(100)
    fail(
        [with_meta(ix, account_index("open_auction", "oracle"), pubkey=other_oracle.address)],
        [taker.owner],
        ERRORS["OracleMismatch"],
    )
    fail(
        [with_meta(ix, account_index("open_auction", "perp_market"), pubkey=market.orderbook)],
        [taker.owner],
        3002,
    )
    fail(
        [with_meta(ix, account_index("open_auction", "system_program"), pubkey=PROGRAM_ID)],
        [taker.owner],
        ERR_INVALID_PROGRAM_ID,
    )
    fail(
        [with_meta(ix, account_index("open_auction", "perp_market"), pubkey=taker.owner.pubkey())],
        [taker.owner],
        ERR_WRONG_OWNER,
    )
    # Health accounts that do not describe the account.
    ix_no_health, _, _ = auctions.open_ix(
        taker, market, BID, 10, 110, auction_id=auction_id, health_accounts=[]
    )
    fail([ix_no_health], [taker.owner], ERRORS["HealthAccountsMismatch"])
    auctions.kairos.send([ix], [taker.owner])
    assert auctions.chain.svm.get_account(address) is not None


def test_being_liquidated_account_cannot_open(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    taker = perp.trader()
    auctions.kairos.craft_margin(taker.margin, being_liquidated=1)
    ix, _, _ = auctions.open_ix(taker, market, BID, 10, 110)
    auctions.kairos.fail_unchanged([ix], [taker.owner], ERRORS["AccountBeingLiquidated"])


def test_halted_by_its_gate(auctions: Auctions, perp: Perp, market: Market) -> None:
    taker = perp.trader()
    auctions.kairos.halt("open_auction")
    ix, _, _ = auctions.open_ix(taker, market, BID, 10, 110)
    auctions.kairos.fail_unchanged([ix], [taker.owner], ERRORS["InstructionHalted"])
