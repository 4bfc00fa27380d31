"""add_collateral_asset: admin lists a mint with a Kairos oracle, weights and a deposit cap."""

from __future__ import annotations

from typing import Any

import pytest
from kairos.program import PROGRAM_ID
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from spl.token._layouts import ACCOUNT_LAYOUT
from spl.token.constants import TOKEN_PROGRAM_ID

from .conftest import (
    BPS,
    COLLATERAL_SEED,
    ERR_ALREADY_IN_USE,
    ERR_CONSTRAINT_MUT,
    ERR_CONSTRAINT_SEEDS,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    ERR_INVALID_PROGRAM_ID,
    ERR_NOT_SIGNER,
    ERRORS,
    MAX_COLLATERAL_ASSETS,
    PDA_ATTEMPT_CU,
    VAULT_SEED,
    Kairos,
    account_index,
    collateral_pda,
    non_canonical_pda,
    pda_attempts,
    vault_pda,
    with_data,
    with_meta,
)

# Measured 9,960 CU (the asset account, and the vault token account: create_account
# + InitializeAccount3) plus PDA_ATTEMPT_CU per bump tried for the two PDAs.
ADD_COLLATERAL_ASSET_CU_BUDGET = 11_000
COLLATERAL_ASSET_SIZE = 8 + 192


def index_of(name: str) -> int:
    return account_index("add_collateral_asset", name)


def new_listing(kairos: Kairos, decimals: int = 9) -> tuple[Pubkey, Pubkey]:
    """A fresh mint and a Kairos oracle for it."""
    return kairos.chain.create_mint(decimals), kairos.create_oracle(150).address


def assert_not_listed(kairos: Kairos, mint: Pubkey) -> None:
    assert kairos.chain.svm.get_account(collateral_pda(mint)) is None
    assert kairos.chain.svm.get_account(vault_pda(mint)) is None


def test_lists_asset_and_emits_event(kairos: Kairos) -> None:
    mint, oracle = new_listing(kairos, decimals=8)
    ix = kairos.add_collateral_asset_ix(
        mint,
        oracle,
        deposit_cap=5_000_000,
        max_staleness_slots=25,
        init_weight_bps=7_000,
        maint_weight_bps=8_500,
        max_confidence_bps=150,
    )
    meta = kairos.send([ix], [kairos.exchange.admin])
    attempts = pda_attempts(COLLATERAL_SEED, bytes(mint)) + pda_attempts(VAULT_SEED, bytes(mint))
    budget = ADD_COLLATERAL_ASSET_CU_BUDGET + PDA_ATTEMPT_CU * attempts
    assert meta.compute_units_consumed() <= budget

    key = collateral_pda(mint)
    info = kairos.chain.svm.get_account(key)
    assert info.owner == PROGRAM_ID and len(info.data) == COLLATERAL_ASSET_SIZE
    asset = kairos.chain.decode(key)
    assert (asset.mint, asset.vault, asset.oracle) == (mint, vault_pda(mint), oracle)
    assert asset.deposit_cap == 5_000_000
    assert asset.total_deposits == 0
    assert asset.max_staleness_slots == 25
    assert (asset.init_asset_weight_bps, asset.maint_asset_weight_bps) == (7_000, 8_500)
    assert asset.max_confidence_bps == 150
    assert asset.index == 1
    assert asset.decimals == 8
    assert asset.bump == Pubkey.find_program_address([COLLATERAL_SEED, bytes(mint)], PROGRAM_ID)[1]
    assert asset.vault_bump == Pubkey.find_program_address([VAULT_SEED, bytes(mint)], PROGRAM_ID)[1]
    assert kairos.exchange_state().collateral_asset_count == 2

    vault = kairos.chain.svm.get_account(vault_pda(mint))
    assert vault.owner == TOKEN_PROGRAM_ID
    token = ACCOUNT_LAYOUT.parse(bytes(vault.data))
    assert Pubkey(token.mint) == mint
    assert Pubkey(token.owner) == kairos.exchange.address
    assert token.amount == 0

    events = kairos.chain.events(meta)
    assert [e.name for e in events] == ["CollateralAssetAdded"]
    data = events[0].data
    assert (data.asset, data.mint, data.oracle, data.index) == (key, mint, oracle, 1)
    assert (data.init_asset_weight_bps, data.maint_asset_weight_bps) == (7_000, 8_500)
    assert data.deposit_cap == 5_000_000


def test_indices_increase(kairos: Kairos) -> None:
    assert [kairos.add_asset().index for _ in range(3)] == [1, 2, 3]
    assert kairos.exchange_state().collateral_asset_count == 4


@pytest.mark.parametrize(("init", "maint"), [(0, 0), (10_000, 10_000), (5_000, 10_000)])
def test_weight_bounds_are_inclusive(kairos: Kairos, init: int, maint: int) -> None:
    asset = kairos.add_asset(init_weight_bps=init, maint_weight_bps=maint, max_confidence_bps=BPS)
    state = kairos.asset_state(asset)
    assert (state.init_asset_weight_bps, state.maint_asset_weight_bps) == (init, maint)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ({"init_weight_bps": 9_001, "maint_weight_bps": 9_000}, "InvalidWeights"),
        ({"init_weight_bps": 9_000, "maint_weight_bps": 10_001}, "InvalidWeights"),
        ({"init_weight_bps": 65_535, "maint_weight_bps": 65_535}, "InvalidWeights"),
        ({"max_confidence_bps": 10_001}, "InvalidArgument"),
    ],
)
def test_argument_checks(kairos: Kairos, args: dict, error: str) -> None:
    mint, oracle = new_listing(kairos)
    ix = kairos.add_collateral_asset_ix(mint, oracle, **args)
    kairos.fail_unchanged([ix], [kairos.exchange.admin], ERRORS[error])
    assert_not_listed(kairos, mint)


def test_only_the_admin(kairos: Kairos) -> None:
    mint, oracle = new_listing(kairos)
    intruder = kairos.chain.fund()
    ix = kairos.add_collateral_asset_ix(mint, oracle, admin=intruder.pubkey())
    kairos.fail_unchanged([ix], [intruder], ERRORS["Unauthorized"])
    assert_not_listed(kairos, mint)


def test_admin_must_sign(kairos: Kairos) -> None:
    mint, oracle = new_listing(kairos)
    ix = with_meta(kairos.add_collateral_asset_ix(mint, oracle), index_of("admin"), is_signer=False)
    kairos.fail_unchanged([ix], [kairos.chain.payer], ERR_NOT_SIGNER)


@pytest.mark.parametrize("account", ["exchange", "admin", "collateral_asset", "vault"])
def test_accounts_must_be_writable(kairos: Kairos, account: str) -> None:
    mint, oracle = new_listing(kairos)
    ix = with_meta(
        kairos.add_collateral_asset_ix(mint, oracle), index_of(account), is_writable=False
    )
    kairos.fail_unchanged([ix], [kairos.chain.payer, kairos.exchange.admin], ERR_CONSTRAINT_MUT)
    assert_not_listed(kairos, mint)


@pytest.mark.parametrize(
    ("account", "wrong"),
    [
        ("collateral_asset", lambda mint: vault_pda(mint)),
        ("collateral_asset", lambda mint: collateral_pda(Keypair().pubkey())),
        ("collateral_asset", lambda mint: non_canonical_pda(COLLATERAL_SEED, bytes(mint))),
        ("collateral_asset", lambda mint: Keypair().pubkey()),
        ("vault", lambda mint: collateral_pda(mint)),
        ("vault", lambda mint: vault_pda(Keypair().pubkey())),
        ("vault", lambda mint: non_canonical_pda(VAULT_SEED, bytes(mint))),
    ],
)
def test_pdas_must_be_canonical(kairos: Kairos, account: str, wrong: Any) -> None:
    mint, oracle = new_listing(kairos)
    ix = with_meta(
        kairos.add_collateral_asset_ix(mint, oracle), index_of(account), pubkey=wrong(mint)
    )
    kairos.fail_unchanged([ix], [kairos.exchange.admin], ERR_CONSTRAINT_SEEDS)
    assert_not_listed(kairos, mint)


@pytest.mark.parametrize(
    ("account", "key"),
    [
        ("token_program", Pubkey.from_string("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb")),
        ("system_program", Pubkey.from_string("Stake11111111111111111111111111111111111111")),
    ],
)
def test_program_ids(kairos: Kairos, account: str, key: Pubkey) -> None:
    mint, oracle = new_listing(kairos)
    ix = with_meta(kairos.add_collateral_asset_ix(mint, oracle), index_of(account), pubkey=key)
    kairos.fail_unchanged([ix], [kairos.exchange.admin], ERR_INVALID_PROGRAM_ID)


def test_mint_must_be_a_mint(kairos: Kairos) -> None:
    _, oracle = new_listing(kairos)
    not_a_mint = kairos.exchange.quote_vault  # a token account
    ix = kairos.add_collateral_asset_ix(not_a_mint, oracle)
    kairos.fail_unchanged([ix], [kairos.exchange.admin], ERRORS["InvalidMint"])


@pytest.mark.parametrize(
    "impostor",
    [
        lambda k: k.exchange.quote_asset,  # another Kairos account type
        lambda k: k.exchange.address,
        lambda k: k.exchange.quote_vault,  # a token account
        lambda k: k.exchange.admin.pubkey(),  # a system account
        lambda k: Keypair().pubkey(),  # nothing at all
    ],
)
def test_oracle_must_be_a_kairos_oracle(kairos: Kairos, impostor: Any) -> None:
    mint = kairos.chain.create_mint(9)
    ix = kairos.add_collateral_asset_ix(mint, impostor(kairos))
    kairos.fail_unchanged([ix], [kairos.exchange.admin], ERRORS["InvalidOracle"])
    assert_not_listed(kairos, mint)


def test_a_mint_is_listed_once(kairos: Kairos) -> None:
    asset = kairos.add_asset()
    oracle = kairos.create_oracle(1)
    ix = kairos.add_collateral_asset_ix(asset.mint, oracle.address)
    kairos.fail_unchanged([ix], [kairos.exchange.admin], ERR_ALREADY_IN_USE)
    assert kairos.exchange_state().collateral_asset_count == 2


def test_quote_mint_cannot_be_relisted(kairos: Kairos) -> None:
    oracle = kairos.create_oracle(1)
    ix = kairos.add_collateral_asset_ix(kairos.exchange.quote_mint, oracle.address)
    kairos.fail_unchanged([ix], [kairos.exchange.admin], ERR_ALREADY_IN_USE)


def test_asset_cap(kairos: Kairos) -> None:
    # The quote asset holds index 0: MAX_COLLATERAL_ASSETS - 1 more can be listed.
    oracle = kairos.create_oracle(1)
    for _ in range(MAX_COLLATERAL_ASSETS - 1):
        mint = kairos.chain.create_mint(6)
        kairos.send([kairos.add_collateral_asset_ix(mint, oracle.address)], [kairos.exchange.admin])
    assert kairos.exchange_state().collateral_asset_count == MAX_COLLATERAL_ASSETS
    mint = kairos.chain.create_mint(6)
    ix = kairos.add_collateral_asset_ix(mint, oracle.address)
    kairos.fail_unchanged([ix], [kairos.exchange.admin], ERRORS["CollateralAssetLimit"])
    assert_not_listed(kairos, mint)


def test_exchange_must_be_the_exchange(kairos: Kairos) -> None:
    mint, oracle = new_listing(kairos)
    ix = with_meta(
        kairos.add_collateral_asset_ix(mint, oracle),
        index_of("exchange"),
        pubkey=kairos.exchange.quote_asset,
    )
    kairos.fail_unchanged([ix], [kairos.exchange.admin], ERR_DISCRIMINATOR_MISMATCH)


def test_gate(kairos: Kairos) -> None:
    mint, oracle = new_listing(kairos)
    ix = kairos.add_collateral_asset_ix(mint, oracle)
    kairos.halt("add_collateral_asset")
    kairos.fail_unchanged([ix], [kairos.exchange.admin], ERRORS["InstructionHalted"])
    kairos.set_gate(0)
    kairos.send([ix], [kairos.exchange.admin])


def test_malformed_args(kairos: Kairos) -> None:
    mint, oracle = new_listing(kairos)
    ix = kairos.add_collateral_asset_ix(mint, oracle)
    kairos.fail_unchanged(
        [with_data(ix, bytes(ix.data)[:-1])],
        [kairos.exchange.admin],
        ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    )
