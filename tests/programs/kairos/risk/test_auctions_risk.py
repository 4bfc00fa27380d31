"""Risk limits and JIT liquidity auctions (issue 16, item 3).

open_auction reserves the taker's worst case like a resting order: with risk limits the
taker passes its risk accounts and the reservation is checked. A settlement fills several
providers in one instruction and cannot take each one's risk accounts, so an account with
risk limits cannot bid, and a provider that set limits after bidding is skipped.
"""

from __future__ import annotations

from kairos import errors
from kairos import instructions as ix

from ..auctions.conftest import Auctions
from ..perp.conftest import ASK, BID, Market, Perp, events_named
from .conftest import Risk, limits


def test_open_auction_checks_the_takers_limits(risk: Risk, perp: Perp, market: Market) -> None:
    kairos = risk.kairos
    auctions = Auctions(perp)
    taker = perp.trader()
    risk.create_limits(taker, limits(max_leverage_bps=20_000))
    health = perp.health_accounts_after_order(taker.margin, market)
    tail = [*health, *ix.risk_tail(taker.margin)]
    plain, _, _ = auctions.open_ix(taker, market, BID, 150_000, 100, health_accounts=health)
    kairos.fail_unchanged([plain], [taker.owner], errors.RiskAccountsMissing.code)
    big, _, _ = auctions.open_ix(taker, market, BID, 250_000, 100, health_accounts=tail)
    kairos.fail_unchanged([big], [taker.owner], errors.RiskLeverageLimit.code)
    auctions.open(taker, market, BID, 150_000, 100, health_accounts=tail)


def test_providers_with_risk_limits_cannot_bid_and_are_skipped(
    risk: Risk, perp: Perp, market: Market
) -> None:
    kairos = risk.kairos
    auctions = Auctions(perp)
    taker = perp.trader()
    auction, _ = auctions.open(taker, market, ASK, 10, 95)
    limited = perp.trader()
    risk.create_limits(limited, limits())
    kairos.fail_unchanged(
        [auctions.bid_ix(limited, auction, 99, 5)],
        [limited.owner],
        errors.RiskLimitedAuctionProvider.code,
    )
    # A provider that sets limits after bidding is skipped at settlement.
    late, other = perp.trader(), perp.trader()
    auctions.bid(late, auction, 99, 5)
    auctions.bid(other, auction, 98, 5)
    risk.create_limits(late, limits())
    auctions.warp_past_deadline(auction)
    meta = auctions.settle(auction, kairos.chain.fund())
    fills = events_named(kairos.chain, meta, "AuctionFilled")
    assert [f.provider for f in fills] == [other.margin]
    skipped = events_named(kairos.chain, meta, "AuctionBidSkipped")
    assert [s.provider for s in skipped] == [late.margin]
