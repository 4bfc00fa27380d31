"""settle_auction end to end: winners by price, size, then time; fills across
several winners; fees, open interest and the vault invariant; providers failing
health skipped; no bids; the minimum fill; the rest cancelled or sent to the
book; the taker accepting early; the reward and the rent; every account check.
"""

from __future__ import annotations

from typing import Any

from solders.keypair import Keypair

from ..conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_NOT_INITIALIZED,
    ERR_NOT_SIGNER,
    ERRORS,
    KEEPER_REWARD,
    Trader,
    account_index,
    with_meta,
)
from ..perp.conftest import Market, Perp, events_named
from .conftest import ASK, AUCTION_ACCOUNT_SIZE, BID, REST_BOOK, Auctions, OpenedAuction

SETTLE_3_WINNERS_CU_BUDGET = 20_000
SETTLE_NO_BIDS_CU_BUDGET = 3_000

ERR_CONSTRAINT_HAS_ONE = 2001
TAKER_FEE_BPS = 10


def lamports(auctions: Auctions, key: Any) -> int:
    return int(auctions.chain.svm.get_balance(key))


def open_with_bids(
    auctions: Auctions, perp: Perp, market: Market, bids: list[tuple[int, int]], **kwargs: Any
) -> tuple[OpenedAuction, list[Trader]]:
    auction, _ = auctions.open(
        perp.trader(),
        market,
        kwargs.pop("side", BID),
        kwargs.pop("size", 10),
        kwargs.pop("limit", 110),
        **kwargs,
    )
    providers = [perp.trader() for _ in bids]
    for provider, (price, lots) in zip(providers, bids, strict=True):
        auctions.bid(provider, auction, price, lots)
    return auction, providers


def test_fills_across_winners_by_price_then_size(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    # Best price 103 (4 lots), then 105 with 5 lots beats 105 with 3 lots.
    auction, providers = open_with_bids(
        auctions, perp, market, [(105, 3), (103, 4), (105, 5), (108, 10)]
    )
    taker = auction.taker
    settler = auctions.chain.fund()
    owner_before = lamports(auctions, taker.owner.pubkey())
    auction_lamports = lamports(auctions, auction.address)
    auctions.warp_past_deadline(auction)
    market_before = perp.market_state(market)
    meta = auctions.settle(auction, settler)
    assert meta.compute_units_consumed() <= SETTLE_3_WINNERS_CU_BUDGET

    fills = events_named(auctions.chain, meta, "AuctionFilled")
    assert [(f.provider, f.price, f.base_lots) for f in fills] == [
        (providers[1].margin, 103, 4),
        (providers[2].margin, 105, 5),
        (providers[0].margin, 105, 1),
    ]
    [settled] = events_named(auctions.chain, meta, "AuctionSettled")
    filled_quote = 4 * 103 + 6 * 105
    assert (settled.filled_lots, settled.filled_quote, settled.winner_count) == (
        10,
        filled_quote,
        3,
    )
    assert settled.taker_fee == -(-filled_quote * TAKER_FEE_BPS // 10_000)
    assert settled.rest_lots == 0 and settled.accepted_early == 0
    assert settled.reward_lamports == KEEPER_REWARD

    position = perp.position(taker.margin, market)
    assert (position.base_lots, position.quote_position) == (10, -filled_quote)
    assert (position.bids_base_lots, position.bids_quote) == (0, 0)
    for provider, lots, price in [
        (providers[1], 4, 103),
        (providers[2], 5, 105),
        (providers[0], 1, 105),
    ]:
        maker = perp.position(provider.margin, market)
        assert (maker.base_lots, maker.quote_position) == (-lots, lots * price)
        assert (maker.asks_base_lots, maker.bids_base_lots) == (0, 0)
    assert perp.position(providers[3].margin, market) is None
    after = perp.market_state(market)
    assert after.open_interest_lots == market_before.open_interest_lots + 10
    assert after.fees_accrued > market_before.fees_accrued
    # Reward to the settler, rent to the taker's owner; the account is gone.
    assert lamports(auctions, settler.pubkey()) == 10**10 + KEEPER_REWARD - 5_000
    assert (
        lamports(auctions, taker.owner.pubkey()) == owner_before + auction_lamports - KEEPER_REWARD
    )
    assert auctions.chain.svm.get_account(auction.address) is None or not auctions.exists(auction)


def test_ties_go_to_the_earlier_bid(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, providers = open_with_bids(auctions, perp, market, [(104, 6), (104, 6)])
    auctions.warp_past_deadline(auction)
    meta = auctions.settle(auction, auctions.chain.fund())
    fills = events_named(auctions.chain, meta, "AuctionFilled")
    assert [(f.provider, f.base_lots) for f in fills] == [
        (providers[0].margin, 6),
        (providers[1].margin, 4),
    ]


def test_selling_taker(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, providers = open_with_bids(
        auctions, perp, market, [(95, 8), (97, 4)], side=ASK, size=8, limit=90
    )
    auctions.warp_past_deadline(auction)
    meta = auctions.settle(auction, auctions.chain.fund())
    fills = events_named(auctions.chain, meta, "AuctionFilled")
    assert [(f.provider, f.price, f.base_lots) for f in fills] == [
        (providers[1].margin, 97, 4),
        (providers[0].margin, 95, 4),
    ]
    assert perp.position(auction.taker.margin, market).base_lots == -8
    assert perp.position(providers[0].margin, market).base_lots == 4


def test_no_bids_expires(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, _ = auctions.open(perp.trader(), market, BID, 10, 110)
    auctions.warp_past_deadline(auction)
    meta = auctions.settle(auction, auctions.chain.fund())
    assert meta.compute_units_consumed() <= SETTLE_NO_BIDS_CU_BUDGET
    assert events_named(auctions.chain, meta, "AuctionSettled") == []
    [expired] = events_named(auctions.chain, meta, "AuctionExpired")
    assert expired.rest_lots == 10 and expired.rest_order_id == 0
    # The reservation is released and the empty slot freed.
    assert perp.position(auction.taker.margin, market) is None


def test_minimum_fill_not_met_trades_nothing(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    auction, providers = open_with_bids(auctions, perp, market, [(104, 3), (105, 2)], min_fill=6)
    auctions.warp_past_deadline(auction)
    meta = auctions.settle(auction, auctions.chain.fund())
    assert events_named(auctions.chain, meta, "AuctionFilled") == []
    [expired] = events_named(auctions.chain, meta, "AuctionExpired")
    assert expired.rest_lots == 10
    for provider in providers:
        assert perp.position(provider.margin, market) is None
    assert perp.position(auction.taker.margin, market) is None


def test_partial_fill_meeting_the_minimum(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, _ = open_with_bids(auctions, perp, market, [(104, 3), (105, 3)], min_fill=6)
    auctions.warp_past_deadline(auction)
    meta = auctions.settle(auction, auctions.chain.fund())
    [settled] = events_named(auctions.chain, meta, "AuctionSettled")
    assert (settled.filled_lots, settled.rest_lots, settled.rest_order_id) == (6, 4, 0)
    position = perp.position(auction.taker.margin, market)
    assert position.base_lots == 6 and position.bids_base_lots == 0


def test_rest_goes_to_the_book(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, _ = open_with_bids(auctions, perp, market, [(104, 4)], rest=REST_BOOK, limit=110)
    auctions.warp_past_deadline(auction)
    meta = auctions.settle(auction, auctions.chain.fund())
    [settled] = events_named(auctions.chain, meta, "AuctionSettled")
    assert settled.rest_lots == 6 and settled.rest_order_id != 0
    [resting] = perp.bids(market)
    assert (resting.order_id, resting.price, resting.base_lots) == (settled.rest_order_id, 110, 6)
    assert resting.owner == auction.taker.margin
    [order] = perp.open_orders(auction.taker.margin)
    assert order.order_id == settled.rest_order_id
    position = perp.position(auction.taker.margin, market)
    assert (position.base_lots, position.bids_base_lots, position.bids_quote) == (4, 6, 6 * 110)
    # It is an ordinary order: the taker can cancel it.
    perp.kairos.send(
        [perp.cancel_order_ix(auction.taker, market, settled.rest_order_id)], [auction.taker.owner]
    )
    assert perp.position(auction.taker.margin, market).bids_base_lots == 0


def test_rest_that_would_cross_is_cancelled(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, _ = auctions.open(perp.trader(), market, BID, 10, 110, rest=REST_BOOK)
    maker = perp.trader()
    perp.place(maker, market, ASK, 108, 5)
    auctions.warp_past_deadline(auction)
    meta = auctions.settle(auction, auctions.chain.fund())
    [expired] = events_named(auctions.chain, meta, "AuctionExpired")
    assert expired.rest_lots == 10 and expired.rest_order_id == 0
    assert perp.bids(market) == []


def test_provider_failing_health_at_settlement_is_skipped(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    auction, providers = open_with_bids(auctions, perp, market, [(103, 10), (105, 10)])
    weak = providers[0]
    # The bid binds nothing, so the provider may withdraw what backed it.
    perp.kairos.withdraw(weak, perp.kairos.quote, 10_000_000 - 50)
    auctions.warp_past_deadline(auction)
    settler = auctions.chain.fund()
    # Listing only the best bid's provider is not enough once it is skipped.
    short = auctions.settle_ix(auction, settler.pubkey(), [weak.margin])
    auctions.kairos.fail_unchanged([short], [settler], ERRORS["AuctionProviderMismatch"])
    meta = auctions.settle(auction, settler, auctions.winners(auction, skip=1))
    [skipped] = events_named(auctions.chain, meta, "AuctionBidSkipped")
    assert (skipped.provider, skipped.price, skipped.base_lots) == (weak.margin, 103, 10)
    [fill] = events_named(auctions.chain, meta, "AuctionFilled")
    assert (fill.provider, fill.price, fill.base_lots) == (providers[1].margin, 105, 10)
    assert perp.position(weak.margin, market) is None


def test_taker_accepts_early(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, providers = open_with_bids(auctions, perp, market, [(104, 10)])
    settler = auctions.chain.fund()
    early = auctions.settle_ix(auction, settler.pubkey())
    auctions.kairos.fail_unchanged([early], [settler], ERRORS["AuctionNotEnded"])
    taker = auction.taker
    meta = auctions.settle(auction, taker.owner)
    [settled] = events_named(auctions.chain, meta, "AuctionSettled")
    assert settled.accepted_early == 1 and settled.filled_lots == 10
    assert settled.settler == taker.owner.pubkey()


def test_settling_twice_is_refused(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, _ = open_with_bids(auctions, perp, market, [(104, 10)])
    auctions.warp_past_deadline(auction)
    settler = auctions.chain.fund()
    ix = auctions.settle_ix(auction, settler.pubkey())
    auctions.kairos.send([ix], [settler])
    failure = auctions.chain.fail([ix], [settler])
    from ..conftest import custom_error_code

    assert custom_error_code(failure) == ERR_NOT_INITIALIZED


def test_provider_list_must_match(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, providers = open_with_bids(auctions, perp, market, [(103, 5), (105, 5), (106, 5)])
    auctions.warp_past_deadline(auction)
    settler = auctions.chain.fund()
    fail = auctions.kairos.fail_unchanged
    winners = [providers[0].margin, providers[1].margin]
    for listed in ([], winners[:1], winners[::-1], [*winners, providers[2].margin]):
        fail(
            [auctions.settle_ix(auction, settler.pubkey(), listed)],
            [settler],
            ERRORS["AuctionProviderMismatch"],
        )
    auctions.settle(auction, settler, winners)


def test_settle_account_checks(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, providers = open_with_bids(auctions, perp, market, [(104, 10)])
    auctions.warp_past_deadline(auction)
    settler = auctions.chain.fund()
    other = perp.trader()
    ix = auctions.settle_ix(auction, settler.pubkey())
    fail = auctions.kairos.fail_unchanged
    payer = auctions.chain.payer
    fail(
        [with_meta(ix, account_index("settle_auction", "settler"), is_signer=False)],
        [payer],
        ERR_NOT_SIGNER,
    )
    fail(
        [with_meta(ix, account_index("settle_auction", "settler"), is_writable=False)],
        [payer, settler],
        ERR_CONSTRAINT_MUT,
    )
    fail(
        [with_meta(ix, account_index("settle_auction", "auction"), is_writable=False)],
        [settler],
        ERR_CONSTRAINT_MUT,
    )
    fail(
        [
            with_meta(
                ix, account_index("settle_auction", "taker_margin_account"), pubkey=other.margin
            )
        ],
        [settler],
        ERR_CONSTRAINT_HAS_ONE,
    )
    fail(
        [with_meta(ix, account_index("settle_auction", "taker_margin_account"), is_writable=False)],
        [settler],
        ERR_CONSTRAINT_MUT,
    )
    fail(
        [
            with_meta(
                ix, account_index("settle_auction", "taker_owner"), pubkey=other.owner.pubkey()
            )
        ],
        [settler],
        ERR_CONSTRAINT_HAS_ONE,
    )
    fail(
        [with_meta(ix, account_index("settle_auction", "taker_owner"), is_writable=False)],
        [settler],
        ERR_CONSTRAINT_MUT,
    )
    other_market, _ = perp.create_market()
    fail(
        [
            with_meta(
                ix, account_index("settle_auction", "perp_market"), pubkey=other_market.address
            )
        ],
        [settler],
        ERRORS["MarketMismatch"],
    )
    fail(
        [
            with_meta(
                ix, account_index("settle_auction", "orderbook"), pubkey=other_market.orderbook
            )
        ],
        [settler],
        ERRORS["MarketMismatch"],
    )
    fail(
        [with_meta(ix, account_index("settle_auction", "perp_market"), is_writable=False)],
        [settler],
        ERR_CONSTRAINT_MUT,
    )
    # A provider account that is not writable.
    provider_meta = account_index("settle_auction", "oracle") + 1
    fail([with_meta(ix, provider_meta, is_writable=False)], [settler], ERR_CONSTRAINT_MUT)
    auctions.kairos.send([ix], [settler])
    assert not auctions.exists(auction)
    assert providers


def test_rent_size(auctions: Auctions) -> None:
    assert AUCTION_ACCOUNT_SIZE == 752
    assert isinstance(Keypair(), Keypair)


def test_settle_refuses_foreign_accounts(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, providers = open_with_bids(auctions, perp, market, [(104, 10)])
    auctions.warp_past_deadline(auction)
    settler = auctions.chain.fund()
    ix = auctions.settle_ix(auction, settler.pubkey())
    fail = auctions.kairos.fail_unchanged
    # Not an Auction, and not a margin account where a provider's is expected.
    fail(
        [with_meta(ix, account_index("settle_auction", "auction"), pubkey=providers[0].margin)],
        [settler],
        ERR_DISCRIMINATOR_MISMATCH,
    )
    # Any account other than the bid's provider is refused by its address first
    # (a closed provider is passed at its own address: test_auction_liveness.py).
    provider_meta = account_index("settle_auction", "oracle") + 1
    fail(
        [with_meta(ix, provider_meta, pubkey=market.address)],
        [settler],
        ERRORS["AuctionProviderMismatch"],
    )
    fail(
        [with_meta(ix, provider_meta, pubkey=perp.trader().margin)],
        [settler],
        ERRORS["AuctionProviderMismatch"],
    )
    auctions.kairos.send([ix], [settler])


def test_bids_outside_the_fill_band_are_refused(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    """A bid is a fill to be: it must lie in the market's fill band (issue 11, part 1)."""
    auction, _ = auctions.open(perp.trader(), market, ASK, 10, 1)
    provider = perp.trader()
    # The oracle is 100 and the fill band [90, 110]: a bid for the taker's sale at 1
    # (allowed by its limit) would hand value to a colluding provider.
    ix = auctions.bid_ix(provider, auction, 89, 10)
    perp.kairos.fail_unchanged([ix], [provider.owner], ERRORS["PriceOutsideBand"])
    auctions.bid(provider, auction, 90, 10)


def test_a_bid_the_oracle_moved_away_from_is_skipped(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    """The oracle falls to 90 (band [81, 99]) before settlement: the bid at 103 would
    fill outside it and is skipped; the bid at 98 fills."""
    auction, providers = open_with_bids(auctions, perp, market, [(103, 10), (98, 10)], size=20)
    auctions.warp_past_deadline(auction)
    perp.kairos.update_oracle(market.oracle, 90)
    settler = Keypair()
    auctions.chain.svm.airdrop(settler.pubkey(), 10**9)
    meta = auctions.settle(auction, settler, [p.margin for p in providers[::-1]])
    [skipped] = events_named(perp.chain, meta, "AuctionBidSkipped")
    assert skipped.provider == providers[0].margin
    [filled] = events_named(perp.chain, meta, "AuctionFilled")
    assert (filled.provider, filled.price, filled.base_lots) == (providers[1].margin, 98, 10)


def test_settle_needs_the_markets_fresh_oracle(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    auction, _ = open_with_bids(auctions, perp, market, [(104, 10)])
    auctions.warp_past_deadline(auction)
    settler = auctions.chain.fund()
    ix = auctions.settle_ix(auction, settler.pubkey())
    other = perp.kairos.create_oracle(100)
    oracle_index = account_index("settle_auction", "oracle")
    auctions.kairos.fail_unchanged(
        [with_meta(ix, oracle_index, pubkey=other.address)], [settler], ERRORS["OracleMismatch"]
    )
    auctions.chain.warp(200)
    auctions.kairos.fail_unchanged([ix], [settler], ERRORS["StaleOracle"])
    perp.kairos.update_oracle(market.oracle, 100)
    auctions.kairos.send([auctions.settle_ix(auction, settler.pubkey())], [settler])
