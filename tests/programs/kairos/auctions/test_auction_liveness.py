"""No bidder, taker or settler can keep an auction open for ever (issue 11, section 2).

A provider that closes its margin account, or whose health cannot be measured,
loses its bid at settlement instead of failing every settlement; anyone expires
an auction AUCTION_EXPIRY_GRACE_SLOTS after its deadline, and at once when the
taker is flagged as being liquidated, so an open auction no longer shields a
liquidatable taker. The settler can still neither drop a live winner nor inject
accounts (AuctionProviderMismatch).
"""

from __future__ import annotations

from typing import Any

from kairos.accounts import Auction, CollateralAsset, Oracle, PerpMarket
from kairos.liquidation_plan import ChainView, plan_liquidation
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from ..conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_NOT_INITIALIZED,
    ERR_NOT_SIGNER,
    ERRORS,
    KEEPER_REWARD,
    Kairos,
    Trader,
    account_index,
    custom_error_code,
    with_meta,
)
from ..liquidation.conftest import CRASH_PRICE, Liquidation
from ..perp.conftest import DEFAULT_DEPOSIT, Market, Perp, events_named
from .conftest import (
    ASK,
    AUCTION_EXPIRY_GRACE_SLOTS,
    BID,
    Auctions,
    OpenedAuction,
)

EXPIRE_AUCTION_CU_BUDGET = 3_000
SETTLE_WITH_CLOSED_PROVIDER_CU_BUDGET = 20_000
ERR_CONSTRAINT_HAS_ONE = 2001
REASON_PAST_GRACE, REASON_TAKER_LIQUIDATED = 0, 1


def lamports(auctions: Auctions, key: Any) -> int:
    return int(auctions.chain.svm.get_balance(key))


def open_with_bids(
    auctions: Auctions, perp: Perp, market: Market, bids: list[tuple[int, int]], **kwargs: Any
) -> tuple[OpenedAuction, list[Trader]]:
    auction, _ = auctions.open(perp.trader(), market, BID, kwargs.pop("size", 10), 110, **kwargs)
    providers = [perp.trader() for _ in bids]
    for provider, (price, lots) in zip(providers, bids, strict=True):
        auctions.bid(provider, auction, price, lots)
    return auction, providers


def close_margin(kairos: Kairos, trader: Trader) -> None:
    """Withdraw everything and close the margin account (its bids stay in the auction)."""
    kairos.withdraw(trader, kairos.quote, DEFAULT_DEPOSIT)
    kairos.send(
        [kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey())], [trader.owner]
    )
    closed = kairos.chain.svm.get_account(trader.margin)
    assert closed is None or closed.lamports == 0


def closed_meta(trader: Trader) -> AccountMeta:
    """How a settler passes a closed provider: its address alone, no health accounts."""
    return AccountMeta(trader.margin, is_signer=False, is_writable=True)


# ---- settlement with a closed provider -------------------------------------------------


def test_closed_provider_bid_is_void(auctions: Auctions, perp: Perp, market: Market) -> None:
    """The brick of the issue: the best bidder closes its account after bidding."""
    auction, (gone, live) = open_with_bids(auctions, perp, market, [(103, 10), (105, 10)])
    close_margin(auctions.kairos, gone)
    auctions.warp_past_deadline(auction)
    settler = auctions.chain.fund()
    state = auctions.state(auction)
    base = auctions.settle_ix(auction, settler.pubkey(), [])
    live_metas = auctions.provider_accounts([live.margin], market)
    fail = auctions.kairos.fail_unchanged
    # Leaving the closed provider out, or putting another account in its
    # place, is still a mismatch: the list follows the ranked bids exactly.
    fail([with_remaining(base, live_metas)], [settler], ERRORS["AuctionProviderMismatch"])
    stranger = perp.trader()
    fail(
        [with_remaining(base, [closed_meta(stranger), *live_metas])],
        [settler],
        ERRORS["AuctionProviderMismatch"],
    )
    # Health accounts after a closed provider are not its: the next account
    # must be the next bid's provider.
    fail(
        [
            with_remaining(
                base,
                [closed_meta(gone), auctions.kairos.quote_asset_meta(), *live_metas],
            )
        ],
        [settler],
        ERRORS["AuctionProviderMismatch"],
    )
    ix = with_remaining(base, [closed_meta(gone), *live_metas])
    meta = auctions.kairos.send([ix], [settler])
    assert meta.compute_units_consumed() <= SETTLE_WITH_CLOSED_PROVIDER_CU_BUDGET
    assert not auctions.exists(auction)
    [skipped] = events_named(auctions.chain, meta, "AuctionBidSkipped")
    assert (skipped.provider, skipped.price, skipped.base_lots) == (gone.margin, 103, 10)
    [fill] = events_named(auctions.chain, meta, "AuctionFilled")
    assert (fill.provider, fill.price, fill.base_lots) == (live.margin, 105, 10)
    assert perp.position(auction.taker.margin, market).base_lots == 10
    assert perp.position(live.margin, market).base_lots == -10
    assert state.reward_lamports == KEEPER_REWARD


def test_closed_provider_alone_expires_the_auction(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    auction, (gone,) = open_with_bids(auctions, perp, market, [(103, 10)])
    close_margin(auctions.kairos, gone)
    auctions.warp_past_deadline(auction)
    settler = auctions.chain.fund()
    ix = with_remaining(auctions.settle_ix(auction, settler.pubkey(), []), [closed_meta(gone)])
    meta = auctions.kairos.send([ix], [settler])
    assert events_named(auctions.chain, meta, "AuctionFilled") == []
    [expired] = events_named(auctions.chain, meta, "AuctionExpired")
    assert expired.rest_lots == 10
    # The taker's reservation is gone: it can withdraw everything and close.
    taker = auction.taker
    assert perp.position(taker.margin, market) is None
    close_margin(auctions.kairos, taker)


def test_live_provider_cannot_be_passed_as_closed(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    """A settler cannot void a live winner by leaving out its health accounts."""
    auction, (best, other) = open_with_bids(auctions, perp, market, [(103, 10), (105, 10)])
    auctions.warp_past_deadline(auction)
    settler = auctions.chain.fund()
    base = auctions.settle_ix(auction, settler.pubkey(), [])
    other_metas = auctions.provider_accounts([other.margin], market)
    failure = auctions.chain.fail(
        [with_remaining(base, [closed_meta(best), *other_metas])], [settler]
    )
    assert custom_error_code(failure) in {
        ERRORS["AuctionProviderMismatch"],
        ERRORS["HealthAccountsMismatch"],
    }
    assert auctions.exists(auction)
    meta = auctions.settle(auction, settler)
    [fill] = events_named(auctions.chain, meta, "AuctionFilled")
    assert fill.provider == best.margin


def test_provider_with_a_stale_oracle_is_skipped(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    """A provider whose health cannot be measured (a stale oracle of its own
    collateral) is skipped, not a reason to fail every settlement."""
    kairos = auctions.kairos
    asset = kairos.add_asset(decimals=9, price=100)
    auction, _ = auctions.open(perp.trader(), market, BID, 10, 110, duration=5)
    stale = perp.trader()
    kairos.deposit(stale, asset, 10**9)
    live = perp.trader()
    auctions.bid(stale, auction, 103, 10)
    auctions.bid(live, auction, 105, 10)
    # The asset's oracle goes stale (max_staleness_slots = 100); the market's
    # oracle is republished.
    auctions.chain.warp(101)
    oracle_state = auctions.chain.decode(market.oracle.address)
    kairos.update_oracle(market.oracle, oracle_state.price, oracle_state.confidence)
    settler = auctions.chain.fund()
    meta = auctions.settle(auction, settler, [stale.margin, live.margin])
    [skipped] = events_named(auctions.chain, meta, "AuctionBidSkipped")
    assert skipped.provider == stale.margin
    [fill] = events_named(auctions.chain, meta, "AuctionFilled")
    assert (fill.provider, fill.base_lots) == (live.margin, 10)


# ---- expire_auction --------------------------------------------------------------------


def test_expire_after_the_grace(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, (provider,) = open_with_bids(auctions, perp, market, [(104, 10)])
    taker = auction.taker
    expirer = auctions.chain.fund()
    ix = auctions.expire_ix(auction, expirer.pubkey())
    fail = auctions.kairos.fail_unchanged
    fail([ix], [expirer], ERRORS["AuctionNotExpired"])
    auctions.warp_past_deadline(auction)
    fail([ix], [expirer], ERRORS["AuctionNotExpired"])
    # One slot before the grace ends it is still the settlers' turn.
    expiry = auctions.state(auction).deadline_slot + AUCTION_EXPIRY_GRACE_SLOTS
    auctions.chain.warp(expiry - 1 - auctions.chain.clock().slot)
    fail([ix], [expirer], ERRORS["AuctionNotExpired"])
    auctions.chain.warp(1)

    owner_before = lamports(auctions, taker.owner.pubkey())
    auction_lamports = lamports(auctions, auction.address)
    expirer_before = lamports(auctions, expirer.pubkey())
    meta = auctions.kairos.send([ix], [expirer])
    assert meta.compute_units_consumed() <= EXPIRE_AUCTION_CU_BUDGET
    assert not auctions.exists(auction)
    [lapsed] = events_named(auctions.chain, meta, "AuctionLapsed")
    assert (lapsed.auction, lapsed.taker, lapsed.voided_bids, lapsed.reason) == (
        auction.address,
        taker.margin,
        1,
        REASON_PAST_GRACE,
    )
    assert (lapsed.expirer, lapsed.reward_lamports) == (expirer.pubkey(), KEEPER_REWARD)
    assert lamports(auctions, expirer.pubkey()) == expirer_before + KEEPER_REWARD - 5_000
    assert (
        lamports(auctions, taker.owner.pubkey()) == owner_before + auction_lamports - KEEPER_REWARD
    )
    # Nothing traded; the reservation is released and the slot freed.
    assert perp.position(taker.margin, market) is None
    assert perp.position(provider.margin, market) is None
    # Idempotent: a second expiry (or a late settlement) finds no auction.
    assert custom_error_code(auctions.chain.fail([ix], [expirer])) == ERR_NOT_INITIALIZED
    # The taker's margin is free again: it can close its account.
    close_margin(auctions.kairos, taker)


def test_settling_after_expiry_finds_no_auction(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    auction, _ = open_with_bids(auctions, perp, market, [(103, 10)])
    auctions.warp_past_grace(auction)
    settler = auctions.chain.fund()
    settle = auctions.settle_ix(auction, settler.pubkey())
    auctions.kairos.send([auctions.expire_ix(auction, settler.pubkey())], [settler])
    assert not auctions.exists(auction)
    assert custom_error_code(auctions.chain.fail([settle], [settler])) == ERR_NOT_INITIALIZED


def test_expire_account_checks(auctions: Auctions, perp: Perp, market: Market) -> None:
    auction, _ = open_with_bids(auctions, perp, market, [(104, 10)])
    auctions.warp_past_grace(auction)
    expirer = auctions.chain.fund()
    other = perp.trader()
    ix = auctions.expire_ix(auction, expirer.pubkey())
    fail = auctions.kairos.fail_unchanged
    payer = auctions.chain.payer

    def index(name: str) -> int:
        return account_index("expire_auction", name)

    fail([with_meta(ix, index("expirer"), is_signer=False)], [payer], ERR_NOT_SIGNER)
    fail([with_meta(ix, index("expirer"), is_writable=False)], [payer, expirer], ERR_CONSTRAINT_MUT)
    fail([with_meta(ix, index("auction"), is_writable=False)], [expirer], ERR_CONSTRAINT_MUT)
    fail(
        [with_meta(ix, index("taker_margin_account"), pubkey=other.margin)],
        [expirer],
        ERR_CONSTRAINT_HAS_ONE,
    )
    fail(
        [with_meta(ix, index("taker_margin_account"), is_writable=False)],
        [expirer],
        ERR_CONSTRAINT_MUT,
    )
    fail(
        [with_meta(ix, index("taker_owner"), pubkey=other.owner.pubkey())],
        [expirer],
        ERR_CONSTRAINT_HAS_ONE,
    )
    fail([with_meta(ix, index("taker_owner"), is_writable=False)], [expirer], ERR_CONSTRAINT_MUT)
    fail(
        [with_meta(ix, index("auction"), pubkey=other.margin)],
        [expirer],
        ERR_DISCRIMINATOR_MISMATCH,
    )
    auctions.kairos.send([ix], [expirer])


# ---- liquidation -----------------------------------------------------------------------


def test_open_auction_does_not_shield_a_liquidatable_taker(
    kairos: Kairos, auctions: Auctions, perp: Perp, market: Market
) -> None:
    liq = Liquidation(kairos, perp)
    liq.set_params()
    liq.set_fee(market)
    long, _ = liq.open_long(market)
    # The attacker opens a long-lived auction that only reduces its position
    # (it passes initial health) and hopes to stay unliquidatable.
    auction, _ = auctions.open(long, market, ASK, 1, 50, duration=150)
    kairos.update_oracle(market.oracle, CRASH_PRICE)
    liquidator = liq.liquidator()
    liquidate = liq.liquidate_perp_ix(long.margin, liquidator, market)
    kairos.fail_unchanged([liquidate], [liquidator.owner], ERRORS["OpenOrdersRemain"])
    expirer = auctions.chain.fund()
    expire = auctions.expire_ix(auction, expirer.pubkey())
    # Not flagged yet, and the deadline is 150 slots away: not expirable.
    kairos.fail_unchanged([expire], [expirer], ERRORS["AuctionNotExpired"])
    # The liquidation path: force_cancel_orders flags the account, its auction
    # is expired at once, and the liquidation goes through, in one transaction.
    meta = kairos.send(
        [liq.force_cancel_ix(long.margin, market), expire, liquidate],
        [expirer, liquidator.owner],
    )
    [lapsed] = events_named(auctions.chain, meta, "AuctionLapsed")
    assert lapsed.reason == REASON_TAKER_LIQUIDATED and lapsed.voided_bids == 0
    assert events_named(auctions.chain, meta, "PerpLiquidated")
    assert not auctions.exists(auction)
    position = liq.position(long.margin, market)
    assert position.asks_base_lots == 0 and position.base_lots < 900


def test_flagged_taker_auction_expires_before_its_deadline(
    kairos: Kairos, auctions: Auctions, perp: Perp, market: Market
) -> None:
    liq = Liquidation(kairos, perp)
    liq.set_params()
    liq.set_fee(market)
    long, _ = liq.open_long(market)
    auction, _ = auctions.open(long, market, ASK, 1, 50, duration=150)
    kairos.update_oracle(market.oracle, CRASH_PRICE)
    kairos.send([liq.force_cancel_ix(long.margin, market)], [kairos.chain.payer])
    assert kairos.margin(long.margin).being_liquidated != 0
    expirer: Keypair = auctions.chain.fund()
    meta = kairos.send([auctions.expire_ix(auction, expirer.pubkey())], [expirer])
    [lapsed] = events_named(auctions.chain, meta, "AuctionLapsed")
    assert lapsed.reason == REASON_TAKER_LIQUIDATED
    assert liq.position(long.margin, market).asks_base_lots == 0


def with_remaining(ix: Instruction, metas: list[AccountMeta]) -> Instruction:
    """A settle_auction ``ix`` with its provider accounts replaced by ``metas``."""
    named = account_index("settle_auction", "oracle") + 1
    return Instruction(ix.program_id, ix.data, [*ix.accounts[:named], *metas])


def chain_view(liq: Liquidation, auctions: dict[Pubkey, Any]) -> ChainView:
    """The SDK's planning view of the LiteSVM exchange."""
    kairos = liq.kairos
    assets = {i: liq._decode(CollateralAsset, a.address) for i, a in kairos.assets.items()}
    markets = {i: liq._decode(PerpMarket, m.address) for i, m in kairos.perp_markets.items()}
    oracle_keys = [a.oracle.address for a in kairos.assets.values() if a.oracle]
    oracle_keys += [m.oracle for m in markets.values()]
    clock = liq.chain.clock()
    return ChainView(
        liq.exchange(),
        assets,
        markets,
        {key: liq._decode(Oracle, key) for key in oracle_keys},
        clock.slot,
        clock.unix_timestamp,
        auctions,
    )


def test_liquidation_plan_expires_the_takers_auctions(
    kairos: Kairos, auctions: Auctions, perp: Perp, market: Market
) -> None:
    """kairos.liquidation_plan (the liquidator keeper's plan) expires the auctions."""
    liq = Liquidation(kairos, perp)
    liq.set_params()
    liq.set_fee(market)
    long, _ = liq.open_long(market)
    auction, _ = auctions.open(long, market, ASK, 1, 50, duration=150)
    other, _ = auctions.open(long, market, ASK, 2, 60, duration=150)
    kairos.update_oracle(market.oracle, CRASH_PRICE)
    liquidator = liq.liquidator()
    found = {a.address: liq._decode(Auction, a.address) for a in (auction, other)}

    def plan(view: ChainView) -> Any:
        return plan_liquidation(
            view,
            long.margin,
            liq.account(long.margin),
            liquidator=liquidator.margin,
            liquidator_owner=liquidator.owner.pubkey(),
            liquidator_account=liq.account(liquidator.margin),
        )

    # Blind to the auctions, a plan could only stop at the reservation.
    assert plan(chain_view(liq, {})) is None
    planned = plan(chain_view(liq, found))
    actions = [step.action for step in planned.steps]
    assert actions[:3] == ["force_cancel_orders", "expire_auction", "expire_auction"]
    assert "liquidate_perp" in actions
    owner_before = lamports(auctions, liquidator.owner.pubkey())
    meta = kairos.send(list(planned.instructions), [liquidator.owner])
    lapsed = events_named(auctions.chain, meta, "AuctionLapsed")
    assert sorted(bytes(e.auction) for e in lapsed) == sorted(bytes(a) for a in found)
    assert all(e.reason == REASON_TAKER_LIQUIDATED for e in lapsed)
    assert events_named(auctions.chain, meta, "PerpLiquidated")
    assert not auctions.exists(auction) and not auctions.exists(other)
    # The liquidator's owner collected both rewards (less the fee).
    assert lamports(auctions, liquidator.owner.pubkey()) == owner_before + 2 * KEEPER_REWARD - 5_000


def test_lamports_sent_to_a_closed_provider_do_not_revive_its_bid(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    """A closed provider's address funded again is a system account: still void."""
    auction, (gone, live) = open_with_bids(auctions, perp, market, [(103, 10), (105, 10)])
    close_margin(auctions.kairos, gone)
    auctions.chain.svm.airdrop(gone.margin, 10**9)
    assert auctions.chain.svm.get_account(gone.margin).lamports == 10**9
    auctions.warp_past_deadline(auction)
    settler = auctions.chain.fund()
    metas = [closed_meta(gone), *auctions.provider_accounts([live.margin], market)]
    ix = with_remaining(auctions.settle_ix(auction, settler.pubkey(), []), metas)
    meta = auctions.kairos.send([ix], [settler])
    [fill] = events_named(auctions.chain, meta, "AuctionFilled")
    assert fill.provider == live.margin


def test_recreated_provider_account_inherits_its_bid(
    auctions: Auctions, perp: Perp, market: Market
) -> None:
    """Invariant 7 of state/auction.h: the bid belongs to the address; an account
    re-created there (same owner, same index) is checked like any provider."""
    kairos = auctions.kairos
    auction, (provider,) = open_with_bids(auctions, perp, market, [(103, 10)])
    close_margin(kairos, provider)
    kairos.send([kairos.create_margin_account_ix(provider.owner.pubkey())], [provider.owner])
    auctions.warp_past_deadline(auction)
    settler = auctions.chain.fund()
    # Re-created empty: it fails initial health with the fill, so it is skipped.
    meta = auctions.settle(auction, settler)
    [skipped] = events_named(auctions.chain, meta, "AuctionBidSkipped")
    assert skipped.provider == provider.margin
    assert events_named(auctions.chain, meta, "AuctionFilled") == []
