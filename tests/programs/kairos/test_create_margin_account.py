"""create_margin_account: the owner's MarginAccount PDA ["margin", owner, index u8]."""

from __future__ import annotations

from typing import Any

import pytest
from kairos.program import PROGRAM_ID
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer

from .conftest import (
    ERR_ALREADY_IN_USE,
    ERR_CONSTRAINT_MUT,
    ERR_CONSTRAINT_SEEDS,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    ERR_INVALID_PROGRAM_ID,
    ERR_NOT_SIGNER,
    ERRORS,
    MARGIN_SEED,
    PDA_ATTEMPT_CU,
    Kairos,
    account_index,
    margin_pda,
    non_canonical_pda,
    pda_attempts,
    with_data,
    with_meta,
)

# Measured 2,478 CU plus PDA_ATTEMPT_CU per bump tried.
CREATE_MARGIN_ACCOUNT_CU_BUDGET = 3_000
MARGIN_ACCOUNT_SIZE = 8 + 1136


def index_of(name: str) -> int:
    return account_index("create_margin_account", name)


@pytest.mark.parametrize("index", [0, 255])
def test_creates_empty_account_and_emits_event(kairos: Kairos, index: int) -> None:
    owner = kairos.chain.fund()
    kairos.margin_accounts.append(margin_pda(owner.pubkey(), index))
    meta = kairos.send([kairos.create_margin_account_ix(owner.pubkey(), index)], [owner])
    attempts = pda_attempts(MARGIN_SEED, bytes(owner.pubkey()), bytes([index]))
    budget = CREATE_MARGIN_ACCOUNT_CU_BUDGET + PDA_ATTEMPT_CU * attempts
    assert meta.compute_units_consumed() <= budget

    key = margin_pda(owner.pubkey(), index)
    info = kairos.chain.svm.get_account(key)
    assert info.owner == PROGRAM_ID and len(info.data) == MARGIN_ACCOUNT_SIZE
    assert info.lamports == kairos.chain.svm.minimum_balance_for_rent_exemption(MARGIN_ACCOUNT_SIZE)
    account = kairos.margin(key)
    assert account.owner == owner.pubkey()
    assert account.account_index == index
    seeds = [MARGIN_SEED, bytes(owner.pubkey()), bytes([index])]
    assert account.bump == Pubkey.find_program_address(seeds, PROGRAM_ID)[1]
    assert account.quote_balance == 0
    assert account.being_liquidated == 0
    assert not any(slot.active or slot.amount for slot in account.collateral)
    assert not any(position.active for position in account.perp_positions)
    assert not any(order.active for order in account.open_orders)
    assert account.stats.fill_count == 0
    # Everything after owner, index and bump is zero.
    assert bytes(info.data)[8 + 42 :] == bytes(MARGIN_ACCOUNT_SIZE - 8 - 42)

    events = kairos.chain.events(meta)
    assert [e.name for e in events] == ["MarginAccountCreated"]
    assert events[0].data.margin_account == key
    assert events[0].data.owner == owner.pubkey()
    assert events[0].data.account_index == index


def test_one_owner_several_accounts(kairos: Kairos) -> None:
    owner = kairos.chain.fund()
    first = kairos.create_margin_account(owner, 0)
    second = kairos.create_margin_account(owner, 1)
    assert first != second
    assert kairos.margin(second).account_index == 1


def test_twice_is_refused(kairos: Kairos) -> None:
    owner = kairos.chain.fund()
    kairos.create_margin_account(owner)
    kairos.fail_unchanged(
        [kairos.create_margin_account_ix(owner.pubkey())], [owner], ERR_ALREADY_IN_USE
    )


def test_prefunded_address(kairos: Kairos) -> None:
    owner = kairos.chain.fund()
    griefer = kairos.chain.fund()
    key = margin_pda(owner.pubkey())
    kairos.chain.send(
        [transfer(TransferParams(from_pubkey=griefer.pubkey(), to_pubkey=key, lamports=1))],
        [griefer],
    )
    kairos.create_margin_account(owner)
    assert kairos.margin(key).owner == owner.pubkey()


def test_owner_must_sign(kairos: Kairos) -> None:
    owner = kairos.chain.fund()
    ix = with_meta(
        kairos.create_margin_account_ix(owner.pubkey()), index_of("owner"), is_signer=False
    )
    kairos.fail_unchanged([ix], [kairos.chain.payer], ERR_NOT_SIGNER)


@pytest.mark.parametrize("account", ["owner", "margin_account"])
def test_accounts_must_be_writable(kairos: Kairos, account: str) -> None:
    owner = kairos.chain.fund()
    ix = with_meta(
        kairos.create_margin_account_ix(owner.pubkey()), index_of(account), is_writable=False
    )
    kairos.fail_unchanged([ix], [kairos.chain.payer, owner], ERR_CONSTRAINT_MUT)
    assert kairos.chain.svm.get_account(margin_pda(owner.pubkey())) is None


@pytest.mark.parametrize(
    "wrong",
    [
        lambda owner, other: margin_pda(other, 0),  # someone else's address
        lambda owner, other: margin_pda(owner, 1),  # the argument says index 0
        lambda owner, other: non_canonical_pda(MARGIN_SEED, bytes(owner), bytes([0])),
    ],
)
def test_margin_account_must_be_the_canonical_pda(kairos: Kairos, wrong: Any) -> None:
    owner = kairos.chain.fund()
    other = kairos.chain.fund().pubkey()
    ix = with_meta(
        kairos.create_margin_account_ix(owner.pubkey()),
        index_of("margin_account"),
        pubkey=wrong(owner.pubkey(), other),
    )
    kairos.fail_unchanged([ix], [owner], ERR_CONSTRAINT_SEEDS)


def test_system_program(kairos: Kairos) -> None:
    owner = kairos.chain.fund()
    ix = with_meta(
        kairos.create_margin_account_ix(owner.pubkey()),
        index_of("system_program"),
        pubkey=Pubkey.from_string("Stake11111111111111111111111111111111111111"),
    )
    kairos.fail_unchanged([ix], [owner], ERR_INVALID_PROGRAM_ID)


def test_exchange_must_be_the_exchange(kairos: Kairos) -> None:
    owner = kairos.chain.fund()
    ix = with_meta(
        kairos.create_margin_account_ix(owner.pubkey()),
        index_of("exchange"),
        pubkey=kairos.exchange.quote_asset,
    )
    kairos.fail_unchanged([ix], [owner], ERR_DISCRIMINATOR_MISMATCH)


def test_gate(kairos: Kairos) -> None:
    owner = kairos.chain.fund()
    kairos.halt("create_margin_account")
    kairos.fail_unchanged(
        [kairos.create_margin_account_ix(owner.pubkey())], [owner], ERRORS["InstructionHalted"]
    )
    kairos.set_gate(0)
    kairos.create_margin_account(owner)


def test_malformed_args(kairos: Kairos) -> None:
    owner = kairos.chain.fund()
    ix = kairos.create_margin_account_ix(owner.pubkey())
    kairos.fail_unchanged(
        [with_data(ix, bytes(ix.data) + b"\x00")], [owner], ERR_INSTRUCTION_DID_NOT_DESERIALIZE
    )
