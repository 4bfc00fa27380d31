"""Random order flow across every perp instruction, with the cross-account invariants.

After every step, besides the vault invariant that `Kairos.send` asserts:
- each resting order has its OpenOrder slot (same id, side, price) in its owner;
- each account's reservations = its resting lots + its fills still queued;
- positions net to zero once queued maker fills are counted;
- open interest = Σ max(base_lots, 0) of the applied positions;
- the book is sorted by priority and not crossed; queued seq numbers are consecutive.
"""

from __future__ import annotations

import random
from collections import defaultdict

import pytest
from solders.transaction_metadata import FailedTransactionMetadata

from ..conftest import ERRORS, Trader, custom_error_code
from .conftest import ASK, BID, LIMIT, MARKET, Market, Perp

STEPS = 120
TRADERS = 5
# Refusals a random flow runs into by design; anything else is a bug.
EXPECTED_REFUSALS = {
    ERRORS[name]
    for name in (
        "InsufficientHealth",
        "NoFill",
        "OrderNotFound",
        "OpenOrderLimit",
        "EventQueueFull",
        "OpenInterestCapExceeded",
    )
}


def check_invariants(perp: Perp, market: Market, traders: list[Trader]) -> None:
    bids, asks = perp.bids(market), perp.asks(market)
    for side, orders in ((BID, bids), (ASK, asks)):
        keys = [(-o.price if side == BID else o.price, o.order_id) for o in orders]
        assert keys == sorted(keys), "a side is out of priority order"
    if bids and asks:
        assert bids[0].price < asks[0].price, "the book is crossed"

    events = perp.queued_events(market)
    seqs = [event.seq for event in events]
    assert seqs == list(range(perp.queue(market).seq_num - len(events), perp.queue(market).seq_num))

    reserved: dict[tuple[object, int], list[int]] = defaultdict(lambda: [0, 0])
    for side, orders in ((BID, bids), (ASK, asks)):
        for order in orders:
            slot = perp.kairos.margin(order.owner).open_orders[order.owner_slot]
            assert slot.active and (slot.order_id, slot.side, slot.price) == (
                order.order_id,
                side,
                order.price,
            )
            reserved[(order.owner, side)][0] += order.base_lots
            reserved[(order.owner, side)][1] += order.base_lots * order.price
    pending_base = 0
    for event in events:
        maker_side = ASK if event.taker_side == BID else BID
        reserved[(event.maker, maker_side)][0] += event.base_lots
        reserved[(event.maker, maker_side)][1] += event.base_lots * event.price
        pending_base += event.base_lots if maker_side == BID else -event.base_lots

    applied_base = 0
    longs = 0
    for trader in traders:
        position = perp.position(trader.margin, market)
        bids_reserved = reserved[(trader.margin, BID)]
        asks_reserved = reserved[(trader.margin, ASK)]
        if position is None:
            assert bids_reserved == asks_reserved == [0, 0]
            continue
        assert [position.bids_base_lots, position.bids_quote] == bids_reserved
        assert [position.asks_base_lots, position.asks_quote] == asks_reserved
        applied_base += position.base_lots
        longs += max(position.base_lots, 0)
    assert applied_base + pending_base == 0
    assert perp.market_state(market).open_interest_lots == longs


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_flow_keeps_every_invariant(perp: Perp, seed: int) -> None:
    rng = random.Random(seed)
    market, _ = perp.create_market(open_interest_cap_lots=400)
    traders = [perp.trader(deposit=rng.choice([2_000, 20_000, 200_000])) for _ in range(TRADERS)]
    oracle_price = 100
    for _ in range(STEPS):
        action = rng.choices(
            ["limit", "market", "cancel", "cancel_all", "consume", "settle", "oracle"],
            weights=[8, 4, 2, 1, 3, 2, 1],
        )[0]
        trader = rng.choice(traders)
        side = rng.choice([BID, ASK])
        if action in ("limit", "market"):
            price = oracle_price + rng.randint(-5, 5)
            ix = perp.place_order_ix(
                trader,
                market,
                side,
                price,
                rng.randint(1, 30),
                order_type=LIMIT if action == "limit" else MARKET,
                match_limit=rng.randint(1, 16),
            )
        elif action == "cancel":
            ix = perp.cancel_order_ix(trader, market, rng.randint(1, 60))
        elif action == "cancel_all":
            ix = perp.cancel_all_ix(trader, market, rng.choice([BID, ASK, 2]), rng.randint(1, 16))
        elif action == "consume":
            ix = perp.consume_events_ix(market, limit=rng.randint(1, 20))
        elif action == "settle":
            if perp.position(trader.margin, market) is None:
                continue
            ix = perp.settle_pnl_ix(trader.margin, market)
        else:
            oracle_price = max(80, min(120, oracle_price + rng.randint(-4, 4)))
            perp.kairos.update_oracle(market.oracle, oracle_price)
            continue
        signers = [trader.owner] if action not in ("consume", "settle") else [perp.chain.payer]
        result = perp.chain.try_send([ix], signers)
        if isinstance(result, FailedTransactionMetadata):
            assert custom_error_code(result) in EXPECTED_REFUSALS, result.meta().logs()
        perp.kairos.check_invariants()
        check_invariants(perp, market, traders)
    # Drain the queue: every maker is known.
    perp.consume(market, makers=[t.margin for t in traders])
    check_invariants(perp, market, traders)
    assert perp.queue(market).count == 0
