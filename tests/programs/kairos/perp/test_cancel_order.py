"""cancel_order: by order id or client order id; reservations and slots released."""

from __future__ import annotations

import pytest
from solders.instruction import Instruction

from ..conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    ERR_NOT_SIGNER,
    ERR_WRONG_OWNER,
    ERRORS,
    account_index,
    with_data,
    with_meta,
)
from .conftest import ASK, BID, MARKET, Market, Perp, events_named

# Measured about 2,000; the budget leaves room.
CANCEL_ORDER_CU_BUDGET = 6_000


def index_of(name: str) -> int:
    return account_index("cancel_order", name)


def test_cancel_by_order_id(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    perp.place(trader, market, BID, 99, 10, client_order_id=5)
    perp.place(trader, market, BID, 98, 3, client_order_id=6)
    meta = perp.kairos.send([perp.cancel_order_ix(trader, market, 1)], [trader.owner])

    [cancelled] = events_named(perp.chain, meta, "OrderCancelled")
    assert (cancelled.order_id, cancelled.client_order_id, cancelled.side) == (1, 5, BID)
    assert (cancelled.price, cancelled.base_lots) == (99, 10)
    assert cancelled.margin_account == trader.margin and cancelled.market == market.address
    assert [o.order_id for o in perp.bids(market)] == [2]
    assert [o.order_id for o in perp.open_orders(trader.margin)] == [2]
    position = perp.position(trader.margin, market)
    assert (position.bids_base_lots, position.bids_quote) == (3, 294)
    assert meta.compute_units_consumed() <= CANCEL_ORDER_CU_BUDGET


def test_cancel_by_client_id(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    perp.place(trader, market, ASK, 101, 2, client_order_id=77)
    perp.kairos.send([perp.cancel_order_ix(trader, market, 77, is_client_id=True)], [trader.owner])
    assert perp.asks(market) == []
    assert perp.open_orders(trader.margin) == []
    # The position held nothing but the reservation: its slot is freed.
    assert perp.position(trader.margin, market) is None


def test_duplicate_client_ids_cancel_one_at_a_time(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    perp.place(trader, market, BID, 90, 1, client_order_id=9)
    perp.place(trader, market, BID, 91, 1, client_order_id=9)
    ix = perp.cancel_order_ix(trader, market, 9, is_client_id=True)
    perp.kairos.send([ix], [trader.owner])
    assert len(perp.bids(market)) == 1
    perp.kairos.send([perp.cancel_order_ix(trader, market, 9, is_client_id=True)], [trader.owner])
    assert perp.bids(market) == []


def test_unknown_order(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    perp.place(trader, market, BID, 90, 1, client_order_id=3)
    for order_id, by_client in [(2, False), (1, True), (3, False)]:
        ix = perp.cancel_order_ix(trader, market, order_id, is_client_id=by_client)
        perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["OrderNotFound"])


def test_filled_order_waiting_for_the_crank_is_not_cancellable(perp: Perp, market: Market) -> None:
    maker = perp.trader()
    perp.place(maker, market, ASK, 101, 2)
    perp.place(perp.trader(), market, BID, 101, 2, order_type=MARKET)
    # Out of the book, but its slot and reservation wait for consume_events.
    assert len(perp.open_orders(maker.margin)) == 1
    ix = perp.cancel_order_ix(maker, market, 1)
    perp.kairos.fail_unchanged([ix], [maker.owner], ERRORS["OrderNotFound"])
    perp.consume(market)
    assert perp.open_orders(maker.margin) == []


def test_cannot_cancel_someone_elses_order(perp: Perp, market: Market) -> None:
    victim, intruder = perp.trader(), perp.trader()
    perp.place(victim, market, BID, 90, 1)
    ix = with_meta(
        perp.cancel_order_ix(intruder, market, 1), index_of("margin_account"), pubkey=victim.margin
    )
    perp.kairos.fail_unchanged([ix], [intruder.owner], ERRORS["Unauthorized"])
    # With its own margin account, the intruder finds no such order.
    ix = perp.cancel_order_ix(intruder, market, 1)
    perp.kairos.fail_unchanged([ix], [intruder.owner], ERRORS["OrderNotFound"])


def test_account_checks(perp: Perp, market: Market) -> None:
    other, _ = perp.create_market()
    trader = perp.trader()
    perp.place(trader, market, BID, 90, 1)
    ix = perp.cancel_order_ix(trader, market, 1)
    payer = perp.chain.fund()
    cases = [
        (with_meta(ix, index_of("owner"), is_signer=False), [payer], ERR_NOT_SIGNER),
        (
            with_meta(ix, index_of("margin_account"), is_writable=False),
            [trader.owner],
            ERR_CONSTRAINT_MUT,
        ),
        (
            with_meta(ix, index_of("orderbook"), is_writable=False),
            [trader.owner],
            ERR_CONSTRAINT_MUT,
        ),
        (
            with_meta(ix, index_of("orderbook"), pubkey=other.orderbook),
            [trader.owner],
            ERRORS["MarketMismatch"],
        ),
        (
            with_meta(ix, index_of("perp_market"), pubkey=other.address),
            [trader.owner],
            ERRORS["MarketMismatch"],
        ),
        (
            with_meta(ix, index_of("perp_market"), pubkey=trader.margin),
            [trader.owner],
            ERR_DISCRIMINATOR_MISMATCH,
        ),
        (
            with_meta(ix, index_of("orderbook"), pubkey=payer.pubkey()),
            [trader.owner],
            ERR_WRONG_OWNER,
        ),
    ]
    for wrong, signers, error in cases:
        perp.kairos.fail_unchanged([wrong], signers, error)


@pytest.mark.parametrize("flag", [2, 255])
def test_malformed_bool(perp: Perp, market: Market, flag: int) -> None:
    trader = perp.trader()
    perp.place(trader, market, BID, 90, 1)
    ix = perp.cancel_order_ix(trader, market, 1)
    data = bytes(ix.data)[:-1] + bytes([flag])
    perp.kairos.fail_unchanged(
        [with_data(ix, data)], [trader.owner], ERR_INSTRUCTION_DID_NOT_DESERIALIZE
    )


def test_gate_closed(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    perp.place(trader, market, BID, 90, 1)
    perp.kairos.halt("cancel_order")
    ix = perp.cancel_order_ix(trader, market, 1)
    perp.kairos.fail_unchanged([ix], [trader.owner], ERRORS["InstructionHalted"])


def test_missing_accounts(perp: Perp, market: Market) -> None:
    trader = perp.trader()
    ix = perp.cancel_order_ix(trader, market, 1)
    short = Instruction(ix.program_id, ix.data, list(ix.accounts)[:-1])
    perp.kairos.fail_unchanged([short], [trader.owner], 3005)
