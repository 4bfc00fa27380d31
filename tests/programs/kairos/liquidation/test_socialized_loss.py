"""Regression tests of review findings (socialized loss by size): positions whose
maker fills wait in the event queue, and the market a bankruptcy may be socialized
on.

Built on the liquidation and borrow harnesses (`Kairos.send` asserts the vault
invariant after every step)."""

from __future__ import annotations

from ..conftest import ERRORS
from ..perp.conftest import ASK, BID, MARKET, Market, events_named
from .conftest import ENTRY, Liquidation
from .test_bankruptcy import bankrupt_account

# ---- socialized loss ---------------------------------------------------------------


def test_a_short_whose_maker_fill_waits_pays_its_exact_share(
    liq: Liquidation, market: Market
) -> None:
    long, _ = bankrupt_account(liq, market)
    margin = long.margin
    liq.kairos.update_oracle(market.oracle, ENTRY)
    # A taker sells 3,000 lots into a resting bid; nobody cranks the maker's fill yet.
    maker, seller = liq.perp.trader(10**9), liq.perp.trader(10**9)
    liq.perp.place(maker, market, BID, ENTRY, 3_000)
    liq.perp.place(seller, market, ASK, ENTRY, 3_000, order_type=MARKET)
    holders = liq.positions_in(market)
    open_interest = liq.perp.market_state(market).open_interest_lots
    assert holders[seller.margin] == -3_000  # applied, yet open interest did not move

    meta = liq.kairos.send([liq.resolve_ix(margin, market)], [liq.chain.payer])
    [event] = events_named(liq.chain, meta, "BankruptcyResolved")
    rest, per_lot = event.socialized, event.socialized_loss_per_lot
    # The divisor is the lots applied (the seller's short included), not 2 × open
    # interest (which misses it until the maker's fill is consumed).
    applied = sum(abs(lots) for lots in holders.values())
    assert applied != 2 * open_interest
    assert liq.perp.market_state(market).position_lots == applied
    assert rest > 0 and per_lot == -(-rest // applied)
    charged = sum(abs(lots) * per_lot for lots in holders.values())
    # Positions refill the pool by the loss, the rounding (< 1 unit per lot) apart.
    assert 0 <= charged - rest < applied, (charged, rest)


def test_the_holders_at_the_loss_refill_the_pool_when_a_maker_fill_waits(
    liq: Liquidation, market: Market
) -> None:
    long, _ = bankrupt_account(liq, market, price=50)  # a loss of ~35,000
    margin = long.margin
    liq.kairos.update_oracle(market.oracle, ENTRY)
    maker, buyer = liq.perp.trader(10**9), liq.perp.trader(10**9)
    liq.perp.place(maker, market, ASK, ENTRY, 900)
    liq.perp.place(buyer, market, BID, ENTRY, 900, order_type=MARKET)
    meta = liq.kairos.send([liq.resolve_ix(margin, market)], [liq.chain.payer])
    [event] = events_named(liq.chain, meta, "BankruptcyResolved")
    rest, per_lot = event.socialized, event.socialized_loss_per_lot
    liq.perp.consume(market)  # the maker's short lands after the loss: it owes nothing
    assert liq.position(maker.margin, market).loss_index_snapshot == per_lot
    holders = liq.positions_in(market)
    charged = sum(abs(lots) * per_lot for lots in holders.values())
    charged -= abs(holders[maker.margin]) * per_lot  # not a holder when the loss came
    # The holders at the time of the loss refill the pool by at least the loss.
    assert charged >= rest, (charged, rest)


def test_a_bankruptcy_is_socialized_only_on_a_market_of_its_losses(
    liq: Liquidation, market: Market
) -> None:
    long, _ = bankrupt_account(liq, market, price=50)
    other, _ = liq.perp.create_market()
    victim, counterparty = liq.perp.trader(10_000), liq.perp.trader(10_000)
    liq.perp.place(counterparty, other, ASK, ENTRY, 1)
    liq.perp.place(victim, other, BID, ENTRY, 1, order_type=MARKET)
    liq.perp.consume(other)
    maint_before = liq.kairos.compute_health(victim.margin)[1]
    assert maint_before > 0
    # The bankrupt account's debt came from `market`: another one is refused.
    assert liq.kairos.margin(long.margin).loss_market_mask == 1 << market.index
    liq.kairos.fail_unchanged(
        [liq.resolve_ix(long.margin, other)], [liq.chain.payer], ERRORS["MarketMismatch"]
    )
    assert liq.kairos.compute_health(victim.margin)[1] == maint_before
    liq.kairos.send([liq.resolve_ix(long.margin, market)], [liq.chain.payer])
    assert liq.kairos.margin(long.margin).loss_market_mask == 0
