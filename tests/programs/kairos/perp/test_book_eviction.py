"""Dust cannot park a book side (issue 11, part 3): eviction and the minimum resting size.

Before: a full side (128 orders) answered BookFull to every new order, so 8
accounts holding a few hundred quote units could park 1-lot orders at extreme
prices on both sides and lock every honest resting order out. Now extreme
prices are outside the resting band (test_price_bands.py), a better order
evicts the worst one with an Out event to its owner, and the admin can set a
minimum resting size.
"""

from __future__ import annotations

from ..conftest import ERRORS, Trader
from .conftest import (
    ASK,
    BID,
    BOOK_SIDE_CAPACITY,
    MARKET,
    MAX_OPEN_ORDERS,
    Market,
    Perp,
    events_named,
)

OUT_EVENT = 1
DUST_DEPOSIT = 1_000


def fill_bid_side_with_dust(perp: Perp, market: Market) -> list[Trader]:
    """BOOK_SIDE_CAPACITY one-lot bids at 50-57 (the resting band's low end)."""
    spammers = [perp.trader(DUST_DEPOSIT) for _ in range(BOOK_SIDE_CAPACITY // MAX_OPEN_ORDERS)]
    for spammer in spammers:
        for i in range(MAX_OPEN_ORDERS):
            perp.place(spammer, market, BID, 50 + i % 8, 1)
    assert len(perp.bids(market)) == BOOK_SIDE_CAPACITY
    return spammers


def test_a_better_order_evicts_the_worst_of_a_full_side(perp: Perp, market: Market) -> None:
    spammers = fill_bid_side_with_dust(perp, market)
    worst = perp.bids(market)[-1]  # best first: the lowest price, newest of its level
    honest = perp.trader()
    meta = perp.place(honest, market, BID, 95, 3)
    [evicted] = events_named(perp.chain, meta, "OrderEvicted")
    assert (evicted.price, evicted.base_lots, evicted.order_id) == (50, 1, worst.order_id)
    assert evicted.owner == worst.owner
    bids = perp.bids(market)
    assert len(bids) == BOOK_SIDE_CAPACITY
    assert bids[0].price == 95 and worst.order_id not in {b.order_id for b in bids}
    [out] = perp.queued_events(market)
    assert (out.event_type, out.maker, out.maker_order_id) == (
        OUT_EVENT,
        worst.owner,
        worst.order_id,
    )
    perp.consume(market)
    owner = next(s for s in spammers if s.margin == worst.owner)
    assert len(perp.open_orders(owner.margin)) == MAX_OPEN_ORDERS - 1
    position = perp.position(owner.margin, market)
    assert position.bids_base_lots == MAX_OPEN_ORDERS - 1


def test_an_equal_price_does_not_evict(perp: Perp, market: Market) -> None:
    """Time priority: only a strictly better price takes a full side's last place."""
    fill_bid_side_with_dust(perp, market)
    honest = perp.trader()
    ix = perp.place_order_ix(honest, market, BID, 50, 1)
    perp.kairos.fail_unchanged([ix], [honest.owner], ERRORS["BookFull"])


def test_dust_spam_cannot_block_honest_makers(perp: Perp, market: Market) -> None:
    """Both sides full of dust: an honest maker still quotes, a taker still trades
    with it, and the evicted spammers get their reservations back."""
    fill_bid_side_with_dust(perp, market)
    ask_spammers = [perp.trader(DUST_DEPOSIT) for _ in range(BOOK_SIDE_CAPACITY // MAX_OPEN_ORDERS)]
    for spammer in ask_spammers:
        for i in range(MAX_OPEN_ORDERS):
            perp.place(spammer, market, ASK, 150 - i % 8, 1)
    maker, taker = perp.trader(), perp.trader()
    perp.place(maker, market, BID, 99, 5)
    perp.place(maker, market, ASK, 101, 5)
    meta = perp.place(taker, market, BID, 110, 5, order_type=MARKET)
    fills = events_named(perp.chain, meta, "OrderFilled")
    assert [(f.maker, f.price, f.base_lots) for f in fills] == [(maker.margin, 101, 5)]
    perp.consume(market)


def test_minimum_resting_size(perp: Perp, market: Market) -> None:
    perp.set_order_rules(market, 1_000, 5_000, 5)
    small = perp.trader()
    ix = perp.place_order_ix(small, market, BID, 95, 4)
    perp.kairos.fail_unchanged([ix], [small.owner], ERRORS["RestingOrderTooSmall"])
    maker, taker = perp.trader(), perp.trader()
    perp.place(maker, market, ASK, 100, 8)
    # An immediate order below the resting size trades.
    meta = perp.place(taker, market, BID, 100, 2, order_type=MARKET)
    [placed] = events_named(perp.chain, meta, "OrderPlaced")
    assert placed.filled_base_lots == 2
    # A remainder below the resting size is not rested.
    meta = perp.place(taker, market, BID, 100, 10)
    [placed] = events_named(perp.chain, meta, "OrderPlaced")
    assert (placed.filled_base_lots, placed.resting_base_lots) == (6, 0)
    assert perp.bids(market) == []
    # A remainder at the resting size rests.
    meta = perp.place(taker, market, BID, 99, 5)
    [placed] = events_named(perp.chain, meta, "OrderPlaced")
    assert placed.resting_base_lots == 5
