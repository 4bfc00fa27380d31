"""Price bands, the reducing-order health rule and the colluding-pair drain (issue 11, part 1).

The market's oracle is 100 per lot and its initial margin 10 %, so by default the
fill band is [90, 110] and the resting band [50, 150] (orders/price_band.h).
Each attack here succeeded on the code before the bands: the tests assert that
it is refused (nothing changes) or that it gains the attacker nothing, and that
the vault invariant holds after every step (`Kairos.send`).
"""

from __future__ import annotations

import pytest

from ..conftest import ERRORS, Trader
from .conftest import ASK, BID, MARKET, Market, Perp, events_named

HONEST_DEPOSIT = 1_000_000
PAIR_DEPOSIT = 10_000
LOTS = 900


def withdrawable_claims(perp: Perp, traders: list[Trader], market: Market) -> int:
    """Σ max(0, equity at the oracle) over `traders`: what they could ever take out."""
    oracle = perp.chain.decode(market.oracle.address).price
    total = 0
    for trader in traders:
        account = perp.kairos.margin(trader.margin)
        equity = account.quote_balance
        for position in account.perp_positions:
            if position.active:
                equity += position.quote_position + position.base_lots * oracle
        total += max(0, equity)
    return total


def open_pair(perp: Perp, market: Market, deposit_a: int = PAIR_DEPOSIT) -> tuple[Trader, Trader]:
    """A long LOTS at 100 from B, the fill consumed."""
    a, b = perp.trader(deposit_a), perp.trader(PAIR_DEPOSIT)
    perp.place(b, market, ASK, 100, LOTS)
    perp.place(a, market, BID, 100, LOTS, order_type=MARKET)
    perp.consume(market)
    return a, b


def test_default_bands_follow_the_initial_margin(perp: Perp, market: Market) -> None:
    state = perp.market_state(market)
    assert (state.fill_band_bps, state.rest_band_bps, state.min_rest_lots) == (1_000, 5_000, 1)


def test_the_reported_drain_is_refused(perp: Perp, market: Market) -> None:
    """B's bid at 1 cannot rest. A may sell into B's bid at the band's low end only
    while it stays solvent: at 9,100 deposited (initial health 10 after opening),
    the sale at 90 would leave a 71 debt, and it is refused."""
    honest = perp.trader(HONEST_DEPOSIT)
    a, b = open_pair(perp, market, deposit_a=9_100)
    ix = perp.place_order_ix(b, market, BID, 1, LOTS)
    perp.kairos.fail_unchanged([ix], [b.owner], ERRORS["PriceOutsideBand"])
    perp.place(b, market, BID, 90, LOTS)
    ix = perp.place_order_ix(a, market, ASK, 1, LOTS, order_type=MARKET)
    perp.kairos.fail_unchanged([ix], [a.owner], ERRORS["HealthWorsened"])
    vault = perp.chain.token_amount(perp.kairos.exchange.quote_vault)
    assert withdrawable_claims(perp, [honest, a, b], market) <= vault
    perp.kairos.withdraw(honest, perp.kairos.quote, HONEST_DEPOSIT)


def test_a_colluding_pair_moves_only_its_own_margin(perp: Perp, market: Market) -> None:
    """With margin to spare, A's sale at the band's low end passes: it hands B
    A's own margin and nothing more. After the crank and settlement B withdraws
    its gain, A keeps a non-negative balance, and the honest depositor still
    withdraws everything."""
    honest = perp.trader(HONEST_DEPOSIT)
    a, b = open_pair(perp, market)
    perp.place(b, market, BID, 90, LOTS)
    perp.place(a, market, ASK, 1, LOTS, order_type=MARKET)
    perp.consume(market)
    for trader in (a, b):
        perp.settle(trader.margin, market)
    assert perp.kairos.margin(a.margin).quote_balance >= 0
    vault = perp.chain.token_amount(perp.kairos.exchange.quote_vault)
    assert withdrawable_claims(perp, [honest, a, b], market) <= vault
    gain = perp.kairos.margin(b.margin).quote_balance
    assert gain > PAIR_DEPOSIT
    perp.kairos.withdraw(b, perp.kairos.quote, gain)
    perp.kairos.withdraw(honest, perp.kairos.quote, HONEST_DEPOSIT)


def test_a_wide_band_still_cannot_drain(perp: Perp, market: Market) -> None:
    """Even with the bands opened to 99 % by the admin, the health rule stops the
    colluding sale at 1: it would leave A below initial health and worse off."""
    perp.set_order_rules(market, 9_900, 9_900)
    honest = perp.trader(HONEST_DEPOSIT)
    a, b = open_pair(perp, market)
    perp.place(b, market, BID, 1, LOTS)
    ix = perp.place_order_ix(a, market, ASK, 1, LOTS, order_type=MARKET)
    perp.kairos.fail_unchanged([ix], [a.owner], ERRORS["HealthWorsened"])
    vault = perp.chain.token_amount(perp.kairos.exchange.quote_vault)
    assert withdrawable_claims(perp, [honest, a, b], market) <= vault


def test_a_market_sell_stops_at_the_band(perp: Perp, market: Market) -> None:
    """A taker's limit is clamped to the band: bids below it are never reached."""
    maker, taker = perp.trader(), perp.trader()
    perp.place(maker, market, BID, 95, 2)
    perp.place(maker, market, BID, 90, 2)
    perp.place(maker, market, BID, 89, 2)
    meta = perp.place(taker, market, ASK, 1, 10, order_type=MARKET)
    fills = events_named(perp.chain, meta, "OrderFilled")
    assert [(f.price, f.base_lots) for f in fills] == [(95, 2), (90, 2)]
    assert [order.price for order in perp.bids(market)] == [89]


def test_an_order_left_off_market_by_the_oracle_is_taken_out_not_filled(
    perp: Perp, market: Market
) -> None:
    """A bid at 100 after the oracle fell to 80 (fill band [72, 88]) would hand the
    seller 12 per lot: matching takes it out with an Out event instead."""
    stale, fresh, seller = perp.trader(), perp.trader(), perp.trader()
    perp.place(stale, market, BID, 100, 3)
    perp.place(fresh, market, BID, 85, 3)
    perp.kairos.update_oracle(market.oracle, 80)
    meta = perp.place(seller, market, ASK, 84, 3)
    fills = events_named(perp.chain, meta, "OrderFilled")
    assert [(f.price, f.base_lots) for f in fills] == [(85, 3)]
    events = perp.queued_events(market)
    assert [(e.event_type, e.maker) for e in events] == [(1, stale.margin), (0, fresh.margin)]
    perp.consume(market)
    assert perp.open_orders(stale.margin) == []
    position = perp.position(stale.margin, market)
    assert position is None or (position.base_lots, position.bids_base_lots) == (0, 0)


def test_a_resting_order_is_not_blocked_by_an_off_market_order(perp: Perp, market: Market) -> None:
    stale, maker = perp.trader(), perp.trader()
    perp.place(stale, market, BID, 100, 3)
    perp.kairos.update_oracle(market.oracle, 80)
    ix = perp.place_order_ix(maker, market, ASK, 85, 2)
    perp.kairos.send([ix], [maker.owner])
    assert [order.price for order in perp.bids(market)] == []
    assert [order.price for order in perp.asks(market)] == [85]


@pytest.mark.parametrize(
    ("side", "price", "rests"),
    [
        (BID, 49, False),
        (BID, 50, True),
        (BID, 110, True),
        (BID, 111, False),
        (ASK, 89, False),
        (ASK, 90, True),
        (ASK, 150, True),
        (ASK, 151, False),
    ],
)
def test_resting_band_edges(perp: Perp, market: Market, side: int, price: int, rests: bool) -> None:
    trader = perp.trader()
    ix = perp.place_order_ix(trader, market, side, price, 1)
    if rests:
        perp.kairos.send([ix], [trader.owner])
        assert len(perp.open_orders(trader.margin)) == 1
    else:
        perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["PriceOutsideBand"])


def test_reducing_below_initial_health_must_not_lower_maintenance(
    perp: Perp, market: Market
) -> None:
    """Below the initial line (but above maintenance), a reducing sale at the
    oracle makes the account safer and passes; one far below it is refused."""
    perp.set_order_rules(market, 9_000, 9_000)
    a, b = open_pair(perp, market)
    perp.kairos.update_oracle(market.oracle, 96)  # A: equity ~6.3k, init < 0 < maint
    init, maint = perp.kairos.compute_health(a.margin)
    assert init < 0 < maint
    buyer = perp.trader(HONEST_DEPOSIT)
    perp.place(buyer, market, BID, 20, 100)
    ix = perp.place_order_ix(a, market, ASK, 20, 100, order_type=MARKET)
    perp.kairos.fail_unchanged([ix], [a.owner], ERRORS["HealthWorsened"])
    perp.place(buyer, market, BID, 96, 100)
    perp.place(a, market, ASK, 96, 100, order_type=MARKET)
    _, maint_after = perp.kairos.compute_health(a.margin)
    assert maint_after >= maint


def test_order_rules_are_admin_only_and_validated(perp: Perp, market: Market) -> None:
    intruder = perp.trader()
    ix = perp.set_order_rules_ix(market, 500, 2_000, 1, admin=intruder.owner.pubkey())
    perp.kairos.fail_unchanged([ix], [intruder.owner], ERRORS["Unauthorized"])
    for fill, rest, min_rest in ((0, 100, 1), (600, 500, 1), (500, 600, 0)):
        ix = perp.set_order_rules_ix(market, fill, rest, min_rest)
        perp.kairos.fail_unchanged([ix], [perp.kairos.exchange.admin], ERRORS["InvalidPriceBands"])
    meta = perp.set_order_rules(market, 500, 2_000, 3)
    [event] = events_named(perp.chain, meta, "MarketOrderRulesSet")
    assert (event.fill_band_bps, event.rest_band_bps, event.min_rest_lots) == (500, 2_000, 3)
    state = perp.market_state(market)
    assert (state.fill_band_bps, state.rest_band_bps, state.min_rest_lots) == (500, 2_000, 3)
