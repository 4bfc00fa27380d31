"""submit_bid, improve_bid and cancel_bid end to end: several bidders, the
bounded bid array with replacement of the worst bid, the deadline, the
provider's health with the bid counted as a reservation, and every account
and argument check.
"""

from __future__ import annotations

import pytest

from ..conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_NOT_SIGNER,
    ERRORS,
    account_index,
    with_meta,
)
from ..perp.conftest import Market, Perp, events_named
from .conftest import ASK, BID, MAX_AUCTION_BIDS, Auctions, OpenedAuction, ranked

SUBMIT_BID_CU_BUDGET = 6_000
IMPROVE_BID_CU_BUDGET = 6_000
CANCEL_BID_CU_BUDGET = 2_000


@pytest.fixture()
def auction(auctions: Auctions, perp: Perp, market: Market) -> OpenedAuction:
    """A buying taker: 10 lots, at most 110 per lot, 10 slots."""
    opened, _ = auctions.open(perp.trader(), market, BID, 10, 110)
    return opened


def test_several_bidders(auctions: Auctions, perp: Perp, auction: OpenedAuction) -> None:
    providers = [perp.trader() for _ in range(3)]
    for provider, (price, lots) in zip(providers, [(105, 4), (103, 10), (105, 6)], strict=True):
        meta = auctions.bid(provider, auction, price, lots)
        assert meta.compute_units_consumed() <= SUBMIT_BID_CU_BUDGET
        [event] = events_named(auctions.chain, meta, "AuctionBidSubmitted")
        assert (event.provider, event.price, event.base_lots) == (provider.margin, price, lots)
    state = auctions.state(auction)
    assert state.bid_count == 3 and state.next_bid_seq == 3
    # Best price first, then the larger size at equal price.
    assert [bid.provider for bid in ranked(state)] == [
        providers[1].margin,
        providers[2].margin,
        providers[0].margin,
    ]
    # A bid binds nothing until settlement: the providers' accounts are unchanged.
    for provider in providers:
        assert perp.position(provider.margin, auction.market) is None


def test_selling_taker_ranks_the_highest_price_first(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    auction, _ = auctions.open(perp.trader(), market, ASK, 10, 90)
    low, high = perp.trader(), perp.trader()
    auctions.bid(low, auction, 95, 10)
    auctions.bid(high, auction, 97, 2)
    assert [bid.provider for bid in ranked(auctions.state(auction))] == [high.margin, low.margin]
    # A bid below a selling taker's limit is outside it.
    outside = perp.trader()
    ix = auctions.bid_ix(outside, auction, 89, 5)
    auctions.kairos.fail_unchanged([ix], [outside.owner], ERRORS["BidOutsideLimit"])


def test_full_auction_replaces_the_worst_bid(
    auctions: Auctions, perp: Perp, auction: OpenedAuction
) -> None:
    providers = [perp.trader() for _ in range(MAX_AUCTION_BIDS)]
    for i, provider in enumerate(providers):
        auctions.bid(provider, auction, 100 + i, 5)
    worst = providers[-1]  # the highest ask for a buying taker
    late = perp.trader()
    # Not better than the worst: refused.
    ix = auctions.bid_ix(late, auction, 100 + MAX_AUCTION_BIDS - 1, 5)
    auctions.kairos.fail_unchanged([ix], [late.owner], ERRORS["AuctionFull"])
    meta = auctions.bid(late, auction, 101, 5)
    [event] = events_named(auctions.chain, meta, "AuctionBidSubmitted")
    assert event.replaced == worst.margin
    state = auctions.state(auction)
    assert state.bid_count == MAX_AUCTION_BIDS
    live = {bid.provider for bid in state.bids}
    assert worst.margin not in live and late.margin in live


def test_bid_after_the_deadline_is_refused(
    auctions: Auctions, perp: Perp, auction: OpenedAuction
) -> None:
    early, late = perp.trader(), perp.trader()
    auctions.bid(early, auction, 105, 5)
    auctions.warp_past_deadline(auction)
    for ix, signer in [
        (auctions.bid_ix(late, auction, 100, 5), late.owner),
        (auctions.bid_ix(early, auction, 100, 5, improve=True), early.owner),
        (auctions.cancel_bid_ix(early, auction), early.owner),
    ]:
        auctions.kairos.fail_unchanged([ix], [signer], ERRORS["AuctionBiddingClosed"])


def test_one_slot_before_the_deadline_is_accepted(
    auctions: Auctions, perp: Perp, auction: OpenedAuction
) -> None:
    deadline = auctions.state(auction).deadline_slot
    auctions.chain.warp(deadline - 1 - auctions.chain.clock().slot)
    auctions.bid(perp.trader(), auction, 105, 5)


def test_bid_checks(auctions: Auctions, perp: Perp, auction: OpenedAuction) -> None:
    provider = perp.trader()
    fail = auctions.kairos.fail_unchanged
    for price, lots, error in [
        (111, 5, "BidOutsideLimit"),
        (0, 5, "PriceNotOnTick"),
        (105, 0, "OrderTooSmall"),
        (105, 11, "InvalidArgument"),
    ]:
        fail([auctions.bid_ix(provider, auction, price, lots)], [provider.owner], ERRORS[error])
    # The taker cannot bid in its own auction.
    taker = auction.taker
    fail([auctions.bid_ix(taker, auction, 105, 5)], [taker.owner], ERRORS["SelfBid"])
    # One bid per provider.
    auctions.bid(provider, auction, 105, 5)
    fail([auctions.bid_ix(provider, auction, 104, 5)], [provider.owner], ERRORS["BidAlreadyExists"])


def test_provider_health_counts_the_bid(
    auctions: Auctions, perp: Perp, auction: OpenedAuction
) -> None:
    # Selling 10 lots at 105 against an oracle of 100: initial margin 10% of
    # 1,000 = 100, less the PnL weighted at 80% (50 -> 40): health 50 - 60 < 0.
    # One lot needs 10 - 4 = 6.
    poor = perp.trader(deposit=50)
    ix = auctions.bid_ix(poor, auction, 105, 10)
    auctions.kairos.fail_unchanged([ix], [poor.owner], ERRORS["InsufficientHealth"])
    auctions.bid(poor, auction, 105, 1)


def test_bid_account_checks(
    auctions: Auctions, perp: Perp, market: Market, auction: OpenedAuction
) -> None:
    provider, other = perp.trader(), perp.trader()
    ix = auctions.bid_ix(provider, auction, 105, 5)
    fail = auctions.kairos.fail_unchanged
    payer = auctions.chain.payer
    fail(
        [with_meta(ix, account_index("submit_bid", "provider"), is_signer=False)],
        [payer],
        ERR_NOT_SIGNER,
    )
    fail(
        [
            with_meta(
                ix, account_index("submit_bid", "provider_margin_account"), pubkey=other.margin
            )
        ],
        [provider.owner],
        ERRORS["Unauthorized"],
    )
    fail(
        [with_meta(ix, account_index("submit_bid", "provider_margin_account"), is_writable=False)],
        [provider.owner],
        ERR_CONSTRAINT_MUT,
    )
    fail(
        [with_meta(ix, account_index("submit_bid", "auction"), is_writable=False)],
        [provider.owner],
        ERR_CONSTRAINT_MUT,
    )
    fail(
        [with_meta(ix, account_index("submit_bid", "auction"), pubkey=provider.margin)],
        [provider.owner],
        ERR_DISCRIMINATOR_MISMATCH,
    )
    other_market, _ = perp.create_market()
    fail(
        [auctions.bid_ix(provider, auction, 105, 5, market=other_market)],
        [provider.owner],
        ERRORS["MarketMismatch"],
    )
    fail(
        [with_meta(ix, account_index("submit_bid", "oracle"), pubkey=other_market.oracle.address)],
        [provider.owner],
        ERRORS["OracleMismatch"],
    )
    fail(
        [auctions.bid_ix(provider, auction, 105, 5, health_accounts=[])],
        [provider.owner],
        ERRORS["HealthAccountsMismatch"],
    )
    auctions.kairos.craft_margin(provider.margin, being_liquidated=1)
    fail([ix], [provider.owner], ERRORS["AccountBeingLiquidated"])


def test_improve_bid(auctions: Auctions, perp: Perp, auction: OpenedAuction) -> None:
    first, second = perp.trader(), perp.trader()
    auctions.bid(first, auction, 105, 5)
    auctions.bid(second, auction, 105, 5)
    # Ties go to the earlier bid ...
    assert ranked(auctions.state(auction))[0].provider == first.margin
    fail = auctions.kairos.fail_unchanged
    for price, lots in [(106, 5), (105, 4), (105, 5), (104, 4)]:
        fail(
            [auctions.bid_ix(second, auction, price, lots, improve=True)],
            [second.owner],
            ERRORS["BidNotImproved"],
        )
    stranger = perp.trader()
    fail(
        [auctions.bid_ix(stranger, auction, 100, 5, improve=True)],
        [stranger.owner],
        ERRORS["BidNotFound"],
    )
    meta = auctions.bid(second, auction, 105, 6, improve=True)
    assert meta.compute_units_consumed() <= IMPROVE_BID_CU_BUDGET
    [event] = events_named(auctions.chain, meta, "AuctionBidImproved")
    assert (event.provider, event.price, event.base_lots, event.seq) == (second.margin, 105, 6, 2)
    assert ranked(auctions.state(auction))[0].provider == second.margin
    # ... and an improvement takes a new seq: equal again, first is now the earlier.
    auctions.bid(first, auction, 105, 6, improve=True)
    assert ranked(auctions.state(auction))[0].provider == second.margin
    auctions.bid(first, auction, 104, 6, improve=True)
    assert ranked(auctions.state(auction))[0].provider == first.margin


def test_cancel_bid(auctions: Auctions, perp: Perp, auction: OpenedAuction) -> None:
    providers = [perp.trader() for _ in range(3)]
    for i, provider in enumerate(providers):
        auctions.bid(provider, auction, 104 + i, 5)
    fail = auctions.kairos.fail_unchanged
    ix = auctions.cancel_bid_ix(providers[0], auction)
    fail(
        [with_meta(ix, account_index("cancel_bid", "provider"), is_signer=False)],
        [auctions.chain.payer],
        ERR_NOT_SIGNER,
    )
    fail(
        [
            with_meta(
                ix,
                account_index("cancel_bid", "provider_margin_account"),
                pubkey=providers[1].margin,
            )
        ],
        [providers[0].owner],
        ERRORS["Unauthorized"],
    )
    fail(
        [with_meta(ix, account_index("cancel_bid", "auction"), is_writable=False)],
        [providers[0].owner],
        ERR_CONSTRAINT_MUT,
    )
    meta = auctions.kairos.send([ix], [providers[0].owner])
    assert meta.compute_units_consumed() <= CANCEL_BID_CU_BUDGET
    [event] = events_named(auctions.chain, meta, "AuctionBidCancelled")
    assert event.provider == providers[0].margin
    state = auctions.state(auction)
    assert state.bid_count == 2
    assert {bid.provider for bid in state.bids[:2]} == {providers[1].margin, providers[2].margin}
    auctions.check_auction(auction)
    fail(
        [auctions.cancel_bid_ix(providers[0], auction)], [providers[0].owner], ERRORS["BidNotFound"]
    )
