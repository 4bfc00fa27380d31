"""close_margin_account: only an empty account; all lamports out, data zeroed, account gone."""

from __future__ import annotations

from typing import Any

import pytest
from solders.pubkey import Pubkey

from .conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_NOT_INITIALIZED,
    ERR_NOT_SIGNER,
    ERR_WRONG_OWNER,
    ERRORS,
    Kairos,
    Trader,
    account_index,
    custom_error_code,
    with_meta,
)

CLOSE_MARGIN_ACCOUNT_CU_BUDGET = 3_000


def index_of(name: str) -> int:
    return account_index("close_margin_account", name)


def test_closes_empty_account(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    destination = kairos.chain.fund().pubkey()
    rent = kairos.chain.svm.get_account(trader.margin).lamports
    before = kairos.chain.svm.get_balance(destination)
    ix = kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey(), destination)
    meta = kairos.send([ix], [trader.owner])
    assert meta.compute_units_consumed() <= CLOSE_MARGIN_ACCOUNT_CU_BUDGET
    assert kairos.chain.svm.get_balance(destination) == before + rent
    closed = kairos.chain.svm.get_account(trader.margin)
    assert closed is None or (closed.lamports == 0 and len(closed.data) == 0)

    events = kairos.chain.events(meta)
    assert [e.name for e in events] == ["MarginAccountClosed"]
    assert events[0].data.margin_account == trader.margin
    assert events[0].data.owner == trader.owner.pubkey()


def test_after_use_and_recreate(kairos: Kairos) -> None:
    asset = kairos.add_asset()
    trader = kairos.new_trader()
    kairos.deposit(trader, kairos.quote, 500)
    kairos.deposit(trader, asset, 700)
    kairos.withdraw(trader, kairos.quote, 500)
    kairos.withdraw(trader, asset, 700)
    kairos.send(
        [kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey())], [trader.owner]
    )
    # The address is free again, and a new account starts from zero.
    kairos.create_margin_account(trader.owner)
    assert kairos.margin(trader.margin).quote_balance == 0


def test_close_then_use_in_one_transaction_fails(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    close = kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey())
    kairos.deposit(trader, kairos.quote, 10)
    kairos.withdraw(trader, kairos.quote, 10)
    # After the close the account is empty and the system program's: deposit refuses it.
    deposit = kairos.deposit_ix(trader, kairos.quote, 10)
    failure = kairos.chain.fail([close, deposit], [trader.owner])
    assert custom_error_code(failure) == ERR_NOT_INITIALIZED
    assert kairos.margin(trader.margin).owner == trader.owner.pubkey()


def _craft(kairos: Kairos, trader: Trader, change: Any) -> None:
    state = kairos.margin(trader.margin)
    change(state)
    kairos.chain.write_account(trader.margin, "MarginAccount", state)


def _set_perp(field: str, value: int, active: int = 0) -> Any:
    def change(state: Any) -> None:
        setattr(state.perp_positions[2], field, value)
        state.perp_positions[2].active = active

    return change


def _set_order(state: Any) -> None:
    state.open_orders[5].active = 1


def _set_collateral(state: Any) -> None:
    state.collateral[3].active = 1
    state.collateral[3].asset_index = 1
    state.collateral[3].amount = 1


@pytest.mark.parametrize(
    "change",
    [
        _set_collateral,
        _set_order,
        _set_perp("base_lots", 0, active=1),  # an active but flat position
        _set_perp("base_lots", -3),
        _set_perp("quote_position", 1),
        _set_perp("bids_base_lots", 1),  # a reservation left over
        _set_perp("asks_base_lots", 1),
        _set_perp("bids_quote", 1),
        _set_perp("asks_quote", 1),
    ],
)
def test_refuses_non_empty_crafted_account(kairos: Kairos, change: Any) -> None:
    trader = kairos.new_trader()
    _craft(kairos, trader, change)
    ix = kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey())
    before = kairos.chain.snapshot([trader.margin])
    failure = kairos.chain.fail([ix], [trader.owner])
    assert custom_error_code(failure) == ERRORS["AccountNotEmpty"]
    assert kairos.chain.snapshot([trader.margin]) == before


@pytest.mark.parametrize("asset_kind", ["quote", "collateral"])
def test_refuses_account_with_deposits(kairos: Kairos, asset_kind: str) -> None:
    asset = kairos.quote if asset_kind == "quote" else kairos.add_asset()
    trader = kairos.new_trader()
    kairos.deposit(trader, asset, 1)
    ix = kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey())
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["AccountNotEmpty"])


def test_refuses_account_being_liquidated(kairos: Kairos) -> None:
    trader = kairos.new_trader()

    def liquidating(state: Any) -> None:
        state.being_liquidated = 1

    _craft(kairos, trader, liquidating)
    ix = kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey())
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["AccountBeingLiquidated"])


def test_someone_elses_account(kairos: Kairos) -> None:
    victim = kairos.new_trader()
    thief = kairos.chain.fund()
    ix = kairos.close_margin_account_ix(victim.margin, thief.pubkey())
    kairos.fail_unchanged([ix], [thief], ERRORS["Unauthorized"])


def test_owner_must_sign(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    ix = with_meta(
        kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey(), Pubkey.default()),
        index_of("owner"),
        is_signer=False,
    )
    ix = with_meta(ix, index_of("destination"), pubkey=kairos.chain.payer.pubkey())
    kairos.fail_unchanged([ix], [kairos.chain.payer], ERR_NOT_SIGNER)


@pytest.mark.parametrize("account", ["margin_account", "destination"])
def test_accounts_must_be_writable(kairos: Kairos, account: str) -> None:
    trader = kairos.new_trader()
    destination = kairos.chain.fund().pubkey()
    ix = with_meta(
        kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey(), destination),
        index_of(account),
        is_writable=False,
    )
    kairos.fail_unchanged([ix], [trader.owner], ERR_CONSTRAINT_MUT)


def test_destination_cannot_be_the_account_itself(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    ix = kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey(), trader.margin)
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["InvalidArgument"])


@pytest.mark.parametrize(
    ("impostor", "expected"),
    [
        (lambda k: k.exchange.quote_asset, ERR_DISCRIMINATOR_MISMATCH),
        (lambda k: k.exchange.quote_vault, ERR_WRONG_OWNER),
    ],
)
def test_margin_account_must_be_a_margin_account(
    kairos: Kairos,
    impostor: Any,
    expected: int,
) -> None:
    trader = kairos.new_trader()
    ix = with_meta(
        kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey()),
        index_of("margin_account"),
        pubkey=impostor(kairos),
    )
    kairos.fail_unchanged([ix], [trader.owner], expected)


def test_gate(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    ix = kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey())
    kairos.halt("close_margin_account")
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["InstructionHalted"])
    kairos.set_gate(0)
    kairos.send([ix], [trader.owner])
