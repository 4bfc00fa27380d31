"""set_instruction_gate: admin only, halts instructions by IDL position, never itself."""

from __future__ import annotations

import pytest

from .conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    ERR_NOT_SIGNER,
    ERR_WRONG_OWNER,
    ERRORS,
    U64_MAX,
    Kairos,
    account_index,
    instruction_index,
    with_data,
    with_meta,
)

SET_GATE_CU_BUDGET = 2_000


def index_of(name: str) -> int:
    return account_index("set_instruction_gate", name)


def test_sets_gate_and_emits_event(kairos: Kairos) -> None:
    gate = 1 << instruction_index("deposit") | 1 << instruction_index("withdraw")
    meta = kairos.send([kairos.set_gate_ix(gate)], [kairos.exchange.admin])
    assert kairos.exchange_state().instruction_gate == gate
    assert meta.compute_units_consumed() <= SET_GATE_CU_BUDGET
    events = kairos.chain.events(meta)
    assert [e.name for e in events] == ["InstructionGateSet"]
    assert events[0].data.admin == kairos.exchange.admin.pubkey()
    assert events[0].data.previous_gate == 0
    assert events[0].data.gate == gate

    meta = kairos.send([kairos.set_gate_ix(0)], [kairos.exchange.admin])
    assert kairos.exchange_state().instruction_gate == 0
    assert kairos.chain.events(meta)[0].data.previous_gate == gate


def test_gate_halts_an_instruction_until_reopened(kairos: Kairos) -> None:
    owner = kairos.chain.fund()
    kairos.halt("create_margin_account")
    ix = kairos.create_margin_account_ix(owner.pubkey())
    failure = kairos.fail_unchanged([ix], [owner], ERRORS["InstructionHalted"])
    assert any("InstructionHalted" in line for line in failure.meta().logs())
    kairos.set_gate(0)
    kairos.create_margin_account(owner)


def test_a_fully_closed_gate_can_still_be_reopened(kairos: Kairos) -> None:
    kairos.set_gate(U64_MAX)
    # Even its own bit set, set_instruction_gate still runs: the admin can always reopen.
    kairos.set_gate(U64_MAX)
    owner = kairos.chain.fund()
    kairos.fail_unchanged(
        [kairos.create_margin_account_ix(owner.pubkey())], [owner], ERRORS["InstructionHalted"]
    )
    kairos.set_gate(0)
    assert kairos.exchange_state().instruction_gate == 0


def test_only_the_admin(kairos: Kairos) -> None:
    intruder = kairos.chain.fund()
    ix = kairos.set_gate_ix(U64_MAX, admin=intruder.pubkey())
    kairos.fail_unchanged([ix], [intruder], ERRORS["Unauthorized"])
    assert kairos.exchange_state().instruction_gate == 0


def test_admin_must_sign(kairos: Kairos) -> None:
    ix = with_meta(kairos.set_gate_ix(U64_MAX), index_of("admin"), is_signer=False)
    kairos.fail_unchanged([ix], [kairos.chain.payer], ERR_NOT_SIGNER)


def test_exchange_must_be_writable(kairos: Kairos) -> None:
    ix = with_meta(kairos.set_gate_ix(U64_MAX), index_of("exchange"), is_writable=False)
    kairos.fail_unchanged([ix], [kairos.exchange.admin], ERR_CONSTRAINT_MUT)


@pytest.mark.parametrize(
    ("impostor", "expected"),
    [
        ("quote_asset", ERR_DISCRIMINATOR_MISMATCH),  # another Kairos account type
        ("quote_vault", ERR_WRONG_OWNER),  # a token account
        ("admin", ERR_WRONG_OWNER),  # a system account
    ],
)
def test_exchange_must_be_the_exchange(kairos: Kairos, impostor: str, expected: int) -> None:
    key = getattr(kairos.exchange, impostor)
    key = key.pubkey() if hasattr(key, "pubkey") else key
    ix = with_meta(kairos.set_gate_ix(U64_MAX), index_of("exchange"), pubkey=key)
    kairos.fail_unchanged([ix], [kairos.exchange.admin], expected)


def test_malformed_args(kairos: Kairos) -> None:
    ix = kairos.set_gate_ix(1)
    kairos.fail_unchanged(
        [with_data(ix, bytes(ix.data)[:-1])],
        [kairos.exchange.admin],
        ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    )
