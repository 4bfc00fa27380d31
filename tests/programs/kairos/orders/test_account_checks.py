"""Adversarial account and argument checks of place_order_v2 and the trigger-order
instructions that tests/programs/kairos/orders/test_trigger_orders.py does not
already cover: every refusal leaves every tracked account unchanged."""

from __future__ import annotations

from kairos.constants import TrailingMode, TriggerKind
from kairos.program import PROGRAM_ID
from solders.instruction import Instruction
from solders.keypair import Keypair

from ..conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    ERR_INVALID_PROGRAM_ID,
    ERR_NOT_ENOUGH_KEYS,
    ERRORS,
    Kairos,
    account_index,
    with_data,
    with_meta,
)
from ..perp.conftest import BID, Market, Perp
from .conftest import Orders


def truncated(ix: Instruction, count: int) -> Instruction:
    return Instruction(ix.program_id, ix.data, list(ix.accounts)[:count])


def test_place_order_v2_checks(orders: Orders, perp: Perp, market: Market, kairos: Kairos) -> None:
    trader, other = perp.trader(), perp.trader()
    good = orders.place_ix(trader, BID, 99, 1)
    name = "place_order_v2"
    cases = [
        (truncated(good, 7), ERR_NOT_ENOUGH_KEYS),
        (with_data(good, bytes(good.data)[:-1]), ERR_INSTRUCTION_DID_NOT_DESERIALIZE),
        (
            with_meta(good, account_index(name, "margin_account"), pubkey=other.margin),
            ERRORS["Unauthorized"],
        ),
        (
            with_meta(good, account_index(name, "margin_account"), is_writable=False),
            ERR_CONSTRAINT_MUT,
        ),
        (
            with_meta(good, account_index(name, "perp_market"), is_writable=False),
            ERR_CONSTRAINT_MUT,
        ),
        (
            with_meta(good, account_index(name, "orderbook"), pubkey=market.event_queue),
            ERR_DISCRIMINATOR_MISMATCH,
        ),
        (
            with_meta(good, account_index(name, "oracle"), pubkey=trader.margin),
            ERRORS["OracleMismatch"],
        ),
        (
            with_meta(good, account_index(name, "system_program"), pubkey=PROGRAM_ID),
            ERR_INVALID_PROGRAM_ID,
        ),
    ]
    for bad, expected in cases:
        kairos.fail_unchanged([bad], [trader.owner], expected)
    state = kairos.margin(trader.margin)
    state.being_liquidated = 1
    kairos.chain.write_account(trader.margin, "MarginAccount", state)
    kairos.fail_unchanged([good], [trader.owner], ERRORS["AccountBeingLiquidated"])


def test_create_trigger_order_more_checks(orders: Orders, perp: Perp, kairos: Kairos) -> None:
    trader = perp.trader()
    good, _ = orders.create_trigger_ix(
        trader, BID, TriggerKind.STOP_MARKET, 150, 1, limit_price=200, trigger_id=1
    )
    name = "create_trigger_order"
    cases = [
        (truncated(good, 6), ERR_NOT_ENOUGH_KEYS),
        (with_data(good, bytes(good.data) + b"\0"), ERR_INSTRUCTION_DID_NOT_DESERIALIZE),
        (
            with_meta(good, account_index(name, "margin_account"), is_writable=False),
            ERR_CONSTRAINT_MUT,
        ),
        (
            with_meta(good, account_index(name, "system_program"), pubkey=PROGRAM_ID),
            ERR_INVALID_PROGRAM_ID,
        ),
    ]
    for bad, expected in cases:
        kairos.fail_unchanged([bad], [trader.owner], expected)
    # Argument checks: order fields the program refuses at creation.
    refusals = [
        ({"limit_price": 0}, ERRORS["PriceNotOnTick"]),
        ({"limit_price": 200, "max_oracle_deviation_bps": 100}, ERRORS["InvalidArgument"]),
        ({"limit_price": 200, "match_limit": 0}, ERRORS["InvalidArgument"]),
        (
            {"limit_price": 200, "trailing_mode": TrailingMode.BPS, "trailing_offset": 10_000},
            ERRORS["InvalidArgument"],
        ),
        ({"limit_price": 200, "trailing_mode": TrailingMode.TICKS}, ERRORS["InvalidArgument"]),
    ]
    for options, expected in refusals:
        bad, _ = orders.create_trigger_ix(
            trader, BID, TriggerKind.STOP_LIMIT, 150, 1, trigger_id=2, **options
        )
        kairos.fail_unchanged([bad], [trader.owner], expected)
    small, _ = orders.create_trigger_ix(
        trader, BID, TriggerKind.STOP_LIMIT, 150, 0, limit_price=200, trigger_id=2
    )
    kairos.fail_unchanged([small], [trader.owner], ERRORS["OrderTooSmall"])
    # A second creation at the same id is refused by the system program.
    kairos.send([good], [trader.owner])
    again, _ = orders.create_trigger_ix(
        trader, BID, TriggerKind.STOP_MARKET, 150, 1, limit_price=200, trigger_id=1
    )
    failure = kairos.chain.fail([again], [trader.owner])
    assert failure.err() is not None


def test_trigger_and_cancel_more_checks(
    orders: Orders, perp: Perp, market: Market, keeper: Keypair, kairos: Kairos
) -> None:
    trader = perp.trader()
    stop = orders.create_trigger(trader, BID, TriggerKind.STOP_MARKET, 150, 1, limit_price=200)
    fire = orders.fire_ix(trader, stop, keeper)
    name = "trigger_order"
    cases = [
        (truncated(fire, 10), ERR_NOT_ENOUGH_KEYS),
        (
            with_meta(fire, account_index(name, "margin_account"), is_writable=False),
            ERR_CONSTRAINT_MUT,
        ),
        (with_meta(fire, account_index(name, "owner"), is_writable=False), ERR_CONSTRAINT_MUT),
        (
            with_meta(fire, account_index(name, "perp_market"), is_writable=False),
            ERR_CONSTRAINT_MUT,
        ),
        (
            with_meta(fire, account_index(name, "event_queue"), pubkey=market.orderbook),
            ERR_DISCRIMINATOR_MISMATCH,
        ),
    ]
    for bad, expected in cases:
        kairos.fail_unchanged([bad], [keeper], expected)
    cancel = orders.cancel_trigger_ix(trader, stop)
    name = "cancel_trigger_order"
    for bad, expected in [
        (
            with_meta(cancel, account_index(name, "trigger_order"), is_writable=False),
            ERR_CONSTRAINT_MUT,
        ),
        (with_meta(cancel, account_index(name, "owner"), is_writable=False), ERR_CONSTRAINT_MUT),
        (
            with_meta(cancel, account_index(name, "trigger_order"), pubkey=market.address),
            ERR_DISCRIMINATOR_MISMATCH,
        ),
        (
            with_meta(cancel, account_index(name, "linked_trigger"), pubkey=trader.margin),
            ERRORS["LinkedTriggerMismatch"],
        ),
    ]:
        # A separate fee payer: the fee payer is always writable.
        kairos.fail_unchanged([bad], [kairos.chain.payer, trader.owner], expected)
    update = orders.trailing_ix(stop)
    kairos.fail_unchanged(
        [
            with_meta(
                update,
                account_index("update_trailing_stop", "trigger_order"),
                pubkey=market.address,
            )
        ],
        [kairos.chain.payer],
        ERR_DISCRIMINATOR_MISMATCH,
    )
    # The trigger fires at its condition even while other checks pass: a stale
    # oracle is refused like everywhere else.
    orders.chain.warp(500)
    kairos.fail_unchanged([fire], [keeper], ERRORS["StaleOracle"])
