"""cancel_all_orders: side filter, limit, skipping orders that already left the book."""

from __future__ import annotations

import pytest

from ..conftest import ERR_NOT_SIGNER, ERRORS, Trader, account_index, with_meta
from .conftest import ASK, BID, BOTH_SIDES, MARKET, MAX_OPEN_ORDERS, Market, Perp, events_named

# Measured about 12,000 for 16 orders; the budget leaves room.
CANCEL_ALL_16_CU_BUDGET = 30_000


def index_of(name: str) -> int:
    return account_index("cancel_all_orders", name)


def place_both_sides(perp: Perp, market: Market, per_side: int) -> Trader:
    trader = perp.trader()
    for i in range(per_side):
        perp.place(trader, market, BID, 90 - i, 1)
        perp.place(trader, market, ASK, 110 + i, 1)
    return trader


@pytest.mark.parametrize(
    ("side_filter", "bids_left", "asks_left"), [(BID, 0, 3), (ASK, 3, 0), (BOTH_SIDES, 0, 0)]
)
def test_side_filter(
    perp: Perp, market: Market, side_filter: int, bids_left: int, asks_left: int
) -> None:
    trader = place_both_sides(perp, market, 3)
    meta = perp.kairos.send([perp.cancel_all_ix(trader, market, side_filter)], [trader.owner])
    cancelled = events_named(perp.chain, meta, "OrderCancelled")
    assert len(cancelled) == 6 - bids_left - asks_left
    assert (len(perp.bids(market)), len(perp.asks(market))) == (bids_left, asks_left)
    assert len(perp.open_orders(trader.margin)) == bids_left + asks_left
    position = perp.position(trader.margin, market)
    if bids_left + asks_left == 0:
        assert position is None
    else:
        assert (position.bids_base_lots, position.asks_base_lots) == (bids_left, asks_left)


def test_limit(perp: Perp, market: Market) -> None:
    trader = place_both_sides(perp, market, 3)
    perp.kairos.send([perp.cancel_all_ix(trader, market, BOTH_SIDES, limit=4)], [trader.owner])
    assert len(perp.open_orders(trader.margin)) == 2


def test_all_sixteen(perp: Perp, market: Market) -> None:
    trader = place_both_sides(perp, market, MAX_OPEN_ORDERS // 2)
    meta = perp.kairos.send([perp.cancel_all_ix(trader, market)], [trader.owner])
    assert len(events_named(perp.chain, meta, "OrderCancelled")) == MAX_OPEN_ORDERS
    assert perp.bids(market) == perp.asks(market) == []
    assert meta.compute_units_consumed() <= CANCEL_ALL_16_CU_BUDGET


def test_only_this_market(perp: Perp, market: Market) -> None:
    other, _ = perp.create_market()
    trader = perp.trader()
    perp.place(trader, market, BID, 90, 1)
    perp.place(trader, other, BID, 90, 1)
    perp.kairos.send([perp.cancel_all_ix(trader, market)], [trader.owner])
    assert perp.bids(market) == []
    assert len(perp.bids(other)) == 1


def test_filled_orders_are_left_to_the_crank(perp: Perp, market: Market) -> None:
    maker = perp.trader()
    perp.place(maker, market, ASK, 101, 1)
    perp.place(maker, market, ASK, 102, 1)
    perp.place(perp.trader(), market, BID, 101, 1, order_type=MARKET)
    meta = perp.kairos.send([perp.cancel_all_ix(maker, market)], [maker.owner])
    assert [c.order_id for c in events_named(perp.chain, meta, "OrderCancelled")] == [2]
    assert [o.order_id for o in perp.open_orders(maker.margin)] == [1]
    perp.consume(market)
    assert perp.open_orders(maker.margin) == []


def test_nothing_to_cancel_is_fine(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    meta = perp.kairos.send([perp.cancel_all_ix(trader, market)], [trader.owner])
    assert events_named(perp.chain, meta, "OrderCancelled") == []


@pytest.mark.parametrize(("side_filter", "limit"), [(3, 16), (255, 16), (BOTH_SIDES, 0)])
def test_arguments(perp: Perp, market: Market, side_filter: int, limit: int) -> None:
    trader = place_both_sides(perp, market, 1)
    ix = perp.cancel_all_ix(trader, market, side_filter, limit)
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["InvalidArgument"])


def test_account_checks(perp: Perp, market: Market) -> None:
    other, _ = perp.create_market()
    victim, intruder = place_both_sides(perp, market, 1), perp.trader()
    ix = perp.cancel_all_ix(intruder, market)
    perp.kairos.fail_unchanged(
        [with_meta(ix, index_of("margin_account"), pubkey=victim.margin)],
        [intruder.owner],
        ERRORS["Unauthorized"],
    )
    perp.kairos.fail_unchanged(
        [with_meta(ix, index_of("orderbook"), pubkey=other.orderbook)],
        [intruder.owner],
        ERRORS["MarketMismatch"],
    )
    perp.kairos.fail_unchanged(
        [with_meta(ix, index_of("owner"), is_signer=False)], [perp.chain.fund()], ERR_NOT_SIGNER
    )


def test_gate_closed(perp: Perp, market: Market) -> None:
    trader = place_both_sides(perp, market, 1)
    perp.kairos.halt("cancel_all_orders")
    ix = perp.cancel_all_ix(trader, market)
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["InstructionHalted"])
