"""update_oracle: only the authority; slot and time come from the Clock sysvar."""

from __future__ import annotations

from typing import Any

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
    with_data,
    with_meta,
)

UPDATE_ORACLE_CU_BUDGET = 2_000


def index_of(name: str) -> int:
    return account_index("update_oracle", name)


def test_updates_price_and_publish_stamp(kairos: Kairos) -> None:
    oracle = kairos.create_oracle(100, 1, exponent=-2)
    kairos.chain.warp(250, seconds=100)
    clock = kairos.chain.clock()
    ix = kairos.update_oracle_ix(oracle.address, oracle.authority.pubkey(), 12_345, U64_MAX)
    meta = kairos.send([ix], [oracle.authority])
    assert meta.compute_units_consumed() <= UPDATE_ORACLE_CU_BUDGET
    state = kairos.chain.decode(oracle.address)
    assert (state.price, state.confidence) == (12_345, U64_MAX)
    assert state.publish_slot == clock.slot
    assert state.publish_time == clock.unix_timestamp
    assert state.exponent == -2  # fixed at creation
    assert state.authority == oracle.authority.pubkey()

    events = kairos.chain.events(meta)
    assert [e.name for e in events] == ["OracleUpdated"]
    data = events[0].data
    assert data.oracle == oracle.address
    assert (data.price, data.confidence) == (12_345, U64_MAX)
    assert (data.slot, data.unix_timestamp) == (clock.slot, clock.unix_timestamp)


def test_only_the_authority(kairos: Kairos) -> None:
    oracle = kairos.create_oracle(100)
    intruder = kairos.chain.fund()
    ix = kairos.update_oracle_ix(oracle.address, intruder.pubkey(), 1)
    kairos.fail_unchanged([ix], [intruder], ERRORS["Unauthorized"])


def test_admin_is_not_the_authority(kairos: Kairos) -> None:
    oracle = kairos.create_oracle(100)
    admin = kairos.exchange.admin
    ix = kairos.update_oracle_ix(oracle.address, admin.pubkey(), 1)
    kairos.fail_unchanged([ix], [admin], ERRORS["Unauthorized"])


def test_authority_must_sign(kairos: Kairos) -> None:
    oracle = kairos.create_oracle(100)
    ix = with_meta(
        kairos.update_oracle_ix(oracle.address, oracle.authority.pubkey(), 1),
        index_of("authority"),
        is_signer=False,
    )
    kairos.fail_unchanged([ix], [kairos.chain.payer], ERR_NOT_SIGNER)


def test_oracle_must_be_writable(kairos: Kairos) -> None:
    oracle = kairos.create_oracle(100)
    ix = with_meta(
        kairos.update_oracle_ix(oracle.address, oracle.authority.pubkey(), 1),
        index_of("oracle"),
        is_writable=False,
    )
    kairos.fail_unchanged([ix], [oracle.authority], ERR_CONSTRAINT_MUT)


@pytest.mark.parametrize(
    ("impostor", "expected"),
    [
        (lambda k: k.exchange.quote_asset, ERR_DISCRIMINATOR_MISMATCH),  # another Kairos type
        (lambda k: k.exchange.address, ERR_DISCRIMINATOR_MISMATCH),
        (lambda k: k.exchange.quote_vault, ERR_WRONG_OWNER),  # a token account
        (lambda k: k.exchange.admin.pubkey(), ERR_WRONG_OWNER),  # a system account
    ],
)
def test_oracle_must_be_an_oracle(kairos: Kairos, impostor: Any, expected: int) -> None:
    oracle = kairos.create_oracle(100)
    ix = with_meta(
        kairos.update_oracle_ix(oracle.address, oracle.authority.pubkey(), 1),
        index_of("oracle"),
        pubkey=impostor(kairos),
    )
    kairos.fail_unchanged([ix], [oracle.authority], expected)


@pytest.mark.parametrize("price", [0, -5])
def test_price_must_be_positive(kairos: Kairos, price: int) -> None:
    oracle = kairos.create_oracle(100)
    ix = kairos.update_oracle_ix(oracle.address, oracle.authority.pubkey(), price)
    kairos.fail_unchanged([ix], [oracle.authority], ERRORS["InvalidOraclePrice"])
    assert kairos.chain.decode(oracle.address).price == 100


def test_gate(kairos: Kairos) -> None:
    oracle = kairos.create_oracle(100)
    ix = kairos.update_oracle_ix(oracle.address, oracle.authority.pubkey(), 7)
    kairos.halt("update_oracle")
    kairos.fail_unchanged([ix], [oracle.authority], ERRORS["InstructionHalted"])
    kairos.set_gate(0)
    kairos.send([ix], [oracle.authority])
    assert kairos.chain.decode(oracle.address).price == 7


def test_malformed_args(kairos: Kairos) -> None:
    oracle = kairos.create_oracle(100)
    ix = kairos.update_oracle_ix(oracle.address, oracle.authority.pubkey(), 7)
    kairos.fail_unchanged(
        [with_data(ix, bytes(ix.data)[:-1])],
        [oracle.authority],
        ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    )
