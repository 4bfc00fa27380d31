"""create_oracle: an Oracle PDA ["oracle", authority, seed], published at the current slot."""

from __future__ import annotations

from typing import Any

import pytest
from kairos.program import PROGRAM_ID
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer

from .conftest import (
    ERR_ALREADY_IN_USE,
    ERR_CONSTRAINT_MUT,
    ERR_CONSTRAINT_SEEDS,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    ERR_INVALID_PROGRAM_ID,
    ERR_NOT_ENOUGH_KEYS,
    ERR_NOT_SIGNER,
    ERRORS,
    I64_MAX,
    ORACLE_SEED,
    PDA_ATTEMPT_CU,
    U64_MAX,
    Kairos,
    account_index,
    non_canonical_pda,
    oracle_pda,
    pda_attempts,
    with_data,
    with_meta,
)

# Measured 2,658 CU plus PDA_ATTEMPT_CU per bump tried.
CREATE_ORACLE_CU_BUDGET = 3_000
ORACLE_SIZE = 8 + 112


def index_of(name: str) -> int:
    return account_index("create_oracle", name)


def test_creates_oracle_and_emits_event(kairos: Kairos) -> None:
    authority = kairos.chain.fund()
    kairos.chain.warp(1_000, seconds=400)
    clock = kairos.chain.clock()
    seed = 2**64 - 2  # any u64: its 8 little-endian bytes are the PDA seed
    ix = kairos.create_oracle_ix(
        authority.pubkey(), seed, price=6_512_345, confidence=1_234, exponent=-5
    )
    meta = kairos.send([ix], [authority])
    attempts = pda_attempts(ORACLE_SEED, bytes(authority.pubkey()), seed.to_bytes(8, "little"))
    assert meta.compute_units_consumed() <= CREATE_ORACLE_CU_BUDGET + PDA_ATTEMPT_CU * attempts

    key = oracle_pda(authority.pubkey(), seed)
    info = kairos.chain.svm.get_account(key)
    assert info.owner == PROGRAM_ID and len(info.data) == ORACLE_SIZE
    assert info.lamports == kairos.chain.svm.minimum_balance_for_rent_exemption(ORACLE_SIZE)
    oracle = kairos.chain.decode(key)
    assert oracle.authority == authority.pubkey()
    assert oracle.price == 6_512_345
    assert oracle.confidence == 1_234
    assert oracle.exponent == -5
    assert oracle.seed == seed
    assert oracle.publish_slot == clock.slot
    assert oracle.publish_time == clock.unix_timestamp
    seeds = [ORACLE_SEED, bytes(authority.pubkey()), seed.to_bytes(8, "little")]
    assert oracle.bump == Pubkey.find_program_address(seeds, PROGRAM_ID)[1]

    events = kairos.chain.events(meta)
    assert [e.name for e in events] == ["OracleCreated"]
    data = events[0].data
    assert (data.oracle, data.authority) == (key, authority.pubkey())
    assert (data.price, data.confidence, data.exponent) == (6_512_345, 1_234, -5)


def test_one_authority_many_seeds(kairos: Kairos) -> None:
    authority = kairos.chain.fund()
    first = kairos.create_oracle(100, authority=authority)
    second = kairos.create_oracle(200, authority=authority)
    assert first.address != second.address
    assert kairos.chain.decode(second.address).price == 200


def test_same_seed_twice_is_refused(kairos: Kairos) -> None:
    authority = kairos.chain.fund()
    kairos.send([kairos.create_oracle_ix(authority.pubkey(), 7, 100)], [authority])
    kairos.fail_unchanged(
        [kairos.create_oracle_ix(authority.pubkey(), 7, 999)], [authority], ERR_ALREADY_IN_USE
    )
    assert kairos.chain.decode(oracle_pda(authority.pubkey(), 7)).price == 100


def test_prefunded_oracle_address(kairos: Kairos) -> None:
    authority = kairos.chain.fund()
    griefer = kairos.chain.fund()
    key = oracle_pda(authority.pubkey(), 3)
    kairos.chain.send(
        [transfer(TransferParams(from_pubkey=griefer.pubkey(), to_pubkey=key, lamports=10))],
        [griefer],
    )
    kairos.send([kairos.create_oracle_ix(authority.pubkey(), 3, 100)], [authority])
    assert kairos.chain.decode(key).price == 100


@pytest.mark.parametrize("price", [0, -1, -(2**63)])
def test_price_must_be_positive(kairos: Kairos, price: int) -> None:
    authority = kairos.chain.fund()
    ix = kairos.create_oracle_ix(authority.pubkey(), 0, price)
    kairos.fail_unchanged([ix], [authority], ERRORS["InvalidOraclePrice"])
    assert kairos.chain.svm.get_account(oracle_pda(authority.pubkey(), 0)) is None


def test_extreme_values_are_stored(kairos: Kairos) -> None:
    authority = kairos.chain.fund()
    ix = kairos.create_oracle_ix(authority.pubkey(), 0, I64_MAX, U64_MAX, -(2**31))
    kairos.send([ix], [authority])
    oracle = kairos.chain.decode(oracle_pda(authority.pubkey(), 0))
    assert (oracle.price, oracle.confidence, oracle.exponent) == (I64_MAX, U64_MAX, -(2**31))


@pytest.mark.parametrize(
    ("account", "change", "expected"),
    [
        ("authority", {"is_writable": False}, ERR_CONSTRAINT_MUT),  # pays rent
        ("oracle", {"is_writable": False}, ERR_CONSTRAINT_MUT),
        ("oracle", {"pubkey": Keypair().pubkey()}, ERR_CONSTRAINT_SEEDS),
        (
            "system_program",
            {"pubkey": Pubkey.from_string("Stake11111111111111111111111111111111111111")},
            ERR_INVALID_PROGRAM_ID,
        ),
    ],
)
def test_account_checks(kairos: Kairos, account: str, change: dict, expected: int) -> None:
    authority = kairos.chain.fund()
    ix = with_meta(kairos.create_oracle_ix(authority.pubkey(), 0, 100), index_of(account), **change)
    kairos.fail_unchanged([ix], [kairos.chain.payer, authority], expected)
    assert kairos.chain.svm.get_account(oracle_pda(authority.pubkey(), 0)) is None


def test_authority_must_sign(kairos: Kairos) -> None:
    authority = kairos.chain.fund()
    ix = with_meta(
        kairos.create_oracle_ix(authority.pubkey(), 0, 100), index_of("authority"), is_signer=False
    )
    kairos.fail_unchanged([ix], [kairos.chain.payer], ERR_NOT_SIGNER)


@pytest.mark.parametrize(
    "wrong",
    [
        lambda authority, other: oracle_pda(authority, 1),  # the seed argument is 0
        lambda authority, other: oracle_pda(other, 0),  # another authority's address
        lambda authority, other: non_canonical_pda(
            ORACLE_SEED, bytes(authority), (0).to_bytes(8, "little")
        ),
    ],
)
def test_oracle_must_be_the_canonical_pda(kairos: Kairos, wrong: Any) -> None:
    authority = kairos.chain.fund()
    other = kairos.chain.fund().pubkey()
    ix = with_meta(
        kairos.create_oracle_ix(authority.pubkey(), 0, 100),
        index_of("oracle"),
        pubkey=wrong(authority.pubkey(), other),
    )
    kairos.fail_unchanged([ix], [authority], ERR_CONSTRAINT_SEEDS)


def test_exchange_must_be_the_exchange(kairos: Kairos) -> None:
    authority = kairos.chain.fund()
    ix = with_meta(
        kairos.create_oracle_ix(authority.pubkey(), 0, 100),
        index_of("exchange"),
        pubkey=kairos.exchange.quote_asset,
    )
    kairos.fail_unchanged([ix], [authority], ERR_DISCRIMINATOR_MISMATCH)


def test_gate(kairos: Kairos) -> None:
    authority = kairos.chain.fund()
    ix = kairos.create_oracle_ix(authority.pubkey(), 0, 100)
    kairos.halt("create_oracle")
    kairos.fail_unchanged([ix], [authority], ERRORS["InstructionHalted"])
    kairos.set_gate(0)
    kairos.send([ix], [authority])


def test_malformed(kairos: Kairos) -> None:
    authority = kairos.chain.fund()
    ix = kairos.create_oracle_ix(authority.pubkey(), 0, 100)
    kairos.fail_unchanged(
        [with_data(ix, bytes(ix.data) + b"\x00")], [authority], ERR_INSTRUCTION_DID_NOT_DESERIALIZE
    )
    short = Instruction(ix.program_id, ix.data, list(ix.accounts)[:3])
    kairos.fail_unchanged([short], [authority], ERR_NOT_ENOUGH_KEYS)
