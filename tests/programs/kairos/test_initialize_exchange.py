"""initialize_exchange end to end in LiteSVM: happy path, ABI, and every account check."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from kairos.program import PROGRAM_ID, find_exchange_address
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from spl.token._layouts import ACCOUNT_LAYOUT
from spl.token.constants import TOKEN_PROGRAM_ID

from .conftest import (
    BPS,
    COLLATERAL_SEED,
    ERR_ALREADY_IN_USE,
    ERR_CONSTRAINT_MUT,
    ERR_CONSTRAINT_SEEDS,
    ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    ERR_INVALID_PROGRAM_ID,
    ERR_NOT_ENOUGH_KEYS,
    ERR_NOT_SIGNER,
    ERRORS,
    INSURANCE_SEED,
    KEEPER_REWARD,
    PDA_ATTEMPT_CU,
    U64_MAX,
    VAULT_SEED,
    Chain,
    Kairos,
    account_index,
    collateral_pda,
    custom_error_code,
    initialize_exchange_ix,
    insurance_pda,
    non_canonical_pda,
    pda_attempts,
    vault_pda,
    with_data,
    with_meta,
)

# Measured 19,053 CU for four account creations (two of them SPL token accounts:
# create_account + InitializeAccount3) plus PDA_ATTEMPT_CU per bump tried for the
# four canonical PDAs.
INITIALIZE_EXCHANGE_CU_BUDGET = 20_000
EXCHANGE_SIZE = 8 + 280
COLLATERAL_ASSET_SIZE = 8 + 192
TOKEN_ACCOUNT_SIZE = 165


def initialize_ix(chain: Chain, admin: Pubkey, quote_mint: Pubkey) -> Instruction:
    return initialize_exchange_ix(chain.program, admin, quote_mint)


def index_of(name: str) -> int:
    return account_index("initialize_exchange", name)


def created_keys(mint: Pubkey) -> list[Pubkey]:
    return [find_exchange_address()[0], collateral_pda(mint), vault_pda(mint), insurance_pda(mint)]


def assert_nothing_created(chain: Chain, mint: Pubkey) -> None:
    for key in created_keys(mint):
        account = chain.svm.get_account(key)
        assert account is None or account.owner != PROGRAM_ID and len(account.data) == 0


def test_creates_exchange_quote_asset_and_vaults(chain: Chain) -> None:
    admin = chain.fund()
    mint = chain.create_mint(decimals=6)
    meta = chain.send([initialize_ix(chain, admin.pubkey(), mint)], [admin])
    attempts = pda_attempts(b"exchange") + sum(
        pda_attempts(seed, bytes(mint)) for seed in (COLLATERAL_SEED, VAULT_SEED, INSURANCE_SEED)
    )
    budget = INITIALIZE_EXCHANGE_CU_BUDGET + PDA_ATTEMPT_CU * attempts
    assert meta.compute_units_consumed() <= budget

    exchange_key, bump = find_exchange_address()
    account = chain.svm.get_account(exchange_key)
    assert account is not None and account.owner == PROGRAM_ID
    assert len(account.data) == EXCHANGE_SIZE
    assert account.lamports == chain.svm.minimum_balance_for_rent_exemption(EXCHANGE_SIZE)
    exchange = chain.decode(exchange_key)
    assert exchange.admin == admin.pubkey()
    assert exchange.quote_mint == mint
    assert exchange.quote_vault == vault_pda(mint)
    assert exchange.insurance_vault == insurance_pda(mint)
    assert exchange.keeper_reward_lamports == KEEPER_REWARD
    assert exchange.collateral_asset_count == 1
    assert exchange.perp_market_count == 0
    assert exchange.quote_decimals == 6
    assert exchange.bump == bump
    assert exchange.version == 1
    assert exchange.instruction_gate == 0

    asset_key = collateral_pda(mint)
    asset_account = chain.svm.get_account(asset_key)
    assert asset_account.owner == PROGRAM_ID and len(asset_account.data) == COLLATERAL_ASSET_SIZE
    asset = chain.decode(asset_key)
    assert asset.mint == mint
    assert asset.vault == vault_pda(mint)
    assert asset.oracle == Pubkey.default()
    assert asset.index == 0
    assert asset.decimals == 6
    assert asset.init_asset_weight_bps == asset.maint_asset_weight_bps == BPS
    assert asset.deposit_cap == U64_MAX
    assert asset.total_deposits == 0
    assert asset.bump == Pubkey.find_program_address([COLLATERAL_SEED, bytes(mint)], PROGRAM_ID)[1]
    assert asset.vault_bump == Pubkey.find_program_address([VAULT_SEED, bytes(mint)], PROGRAM_ID)[1]

    for vault in (vault_pda(mint), insurance_pda(mint)):
        info = chain.svm.get_account(vault)
        assert info.owner == TOKEN_PROGRAM_ID
        assert info.lamports == chain.svm.minimum_balance_for_rent_exemption(TOKEN_ACCOUNT_SIZE)
        token = ACCOUNT_LAYOUT.parse(bytes(info.data))
        assert Pubkey(token.mint) == mint
        assert Pubkey(token.owner) == exchange_key  # the Exchange PDA is the authority
        assert token.amount == 0

    events = chain.events(meta)
    assert [e.name for e in events] == ["ExchangeInitialized"]
    assert events[0].data.exchange == exchange_key
    assert events[0].data.admin == admin.pubkey()
    assert events[0].data.quote_mint == mint
    assert events[0].data.keeper_reward_lamports == KEEPER_REWARD
    assert "Program log: Instruction: InitializeExchange" in meta.logs()


def test_kairos_fixture_holds_the_invariant(kairos: Kairos) -> None:
    kairos.check_invariants()
    assert kairos.exchange_state().quote_decimals == 6


def test_quote_decimals_come_from_the_mint(chain: Chain) -> None:
    admin = chain.fund()
    mint = chain.create_mint(decimals=9)
    chain.send([initialize_ix(chain, admin.pubkey(), mint)], [admin])
    assert chain.decode(find_exchange_address()[0]).quote_decimals == 9
    assert chain.decode(collateral_pda(mint)).decimals == 9


def test_second_initialize_is_refused(chain: Chain) -> None:
    admin = chain.fund()
    mint = chain.create_mint()
    chain.send([initialize_ix(chain, admin.pubkey(), mint)], [admin])
    intruder = chain.fund()
    before = chain.snapshot(created_keys(mint))
    failure = chain.fail([initialize_ix(chain, intruder.pubkey(), mint)], [intruder])
    assert custom_error_code(failure) == ERR_ALREADY_IN_USE
    assert chain.snapshot(created_keys(mint)) == before


def test_second_initialize_with_another_mint_is_refused(chain: Chain) -> None:
    admin = chain.fund()
    chain.send([initialize_ix(chain, admin.pubkey(), chain.create_mint())], [admin])
    other = chain.create_mint()
    failure = chain.fail([initialize_ix(chain, admin.pubkey(), other)], [admin])
    assert custom_error_code(failure) == ERR_ALREADY_IN_USE
    assert chain.svm.get_account(collateral_pda(other)) is None


@pytest.mark.parametrize("target", ["exchange", "quote_vault", "insurance_vault", "quote_asset"])
def test_prefunded_pda_cannot_block_initialization(chain: Chain, target: str) -> None:
    griefer = chain.fund()
    admin = chain.fund()
    mint = chain.create_mint()
    ix = initialize_ix(chain, admin.pubkey(), mint)
    key = ix.accounts[index_of(target)].pubkey
    chain.send(
        [transfer(TransferParams(from_pubkey=griefer.pubkey(), to_pubkey=key, lamports=1))],
        [griefer],
    )
    chain.send([ix], [admin])
    account = chain.svm.get_account(key)
    assert account.owner in (PROGRAM_ID, TOKEN_PROGRAM_ID)
    assert account.lamports == chain.svm.minimum_balance_for_rent_exemption(len(account.data))


@pytest.mark.parametrize(
    ("account", "change", "expected"),
    [
        ("admin", {"is_writable": False}, ERR_CONSTRAINT_MUT),  # pays rent
        ("exchange", {"is_writable": False}, ERR_CONSTRAINT_MUT),
        ("quote_asset", {"is_writable": False}, ERR_CONSTRAINT_MUT),
        ("quote_vault", {"is_writable": False}, ERR_CONSTRAINT_MUT),
        ("insurance_vault", {"is_writable": False}, ERR_CONSTRAINT_MUT),
        ("exchange", {"pubkey": Keypair().pubkey()}, ERR_CONSTRAINT_SEEDS),
        (
            "token_program",
            {"pubkey": Pubkey.from_string("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb")},
            ERR_INVALID_PROGRAM_ID,
        ),
        (
            "system_program",
            {"pubkey": Pubkey.from_string("Stake11111111111111111111111111111111111111")},
            ERR_INVALID_PROGRAM_ID,
        ),
    ],
)
def test_account_checks(chain: Chain, account: str, change: dict, expected: int) -> None:
    admin = chain.fund()
    mint = chain.create_mint()
    ix = with_meta(initialize_ix(chain, admin.pubkey(), mint), index_of(account), **change)
    # A separate fee payer: the fee payer is always writable, which would hide
    # a read-only admin.
    failure = chain.fail([ix], [chain.fund(), admin])
    assert custom_error_code(failure) == expected, failure.meta().logs()
    assert_nothing_created(chain, mint)


@pytest.mark.parametrize(
    ("account", "wrong_key"),
    [
        ("quote_asset", lambda mint: vault_pda(mint)),  # another PDA of the same mint
        ("quote_asset", lambda mint: non_canonical_pda(COLLATERAL_SEED, bytes(mint))),
        ("quote_vault", lambda mint: insurance_pda(mint)),
        ("quote_vault", lambda mint: non_canonical_pda(VAULT_SEED, bytes(mint))),
        ("insurance_vault", lambda mint: vault_pda(mint)),
        ("quote_asset", lambda mint: collateral_pda(Keypair().pubkey())),  # another mint's
    ],
)
def test_pdas_must_be_canonical(chain: Chain, account: str, wrong_key: Any) -> None:
    admin = chain.fund()
    mint = chain.create_mint()
    ix = with_meta(
        initialize_ix(chain, admin.pubkey(), mint), index_of(account), pubkey=wrong_key(mint)
    )
    failure = chain.fail([ix], [admin])
    assert custom_error_code(failure) == ERR_CONSTRAINT_SEEDS
    assert_nothing_created(chain, mint)


def test_admin_must_sign(chain: Chain) -> None:
    admin = chain.fund()
    payer = chain.fund()
    mint = chain.create_mint()
    ix = with_meta(initialize_ix(chain, admin.pubkey(), mint), index_of("admin"), is_signer=False)
    failure = chain.fail([ix], [payer])
    assert custom_error_code(failure) == ERR_NOT_SIGNER
    assert_nothing_created(chain, mint)


def test_quote_mint_must_be_an_spl_mint(chain: Chain) -> None:
    admin = chain.fund()
    not_a_mint = chain.fund().pubkey()  # a system account
    failure = chain.fail([initialize_ix(chain, admin.pubkey(), not_a_mint)], [admin])
    assert custom_error_code(failure) == ERRORS["InvalidMint"]
    assert any("InvalidMint" in line for line in failure.meta().logs())
    assert_nothing_created(chain, not_a_mint)


def test_quote_mint_cannot_be_a_token_account(chain: Chain) -> None:
    admin = chain.fund()
    mint = chain.create_mint()
    token_account = chain.create_token_account(mint, admin.pubkey())
    failure = chain.fail([initialize_ix(chain, admin.pubkey(), token_account)], [admin])
    assert custom_error_code(failure) == ERRORS["InvalidMint"]


def test_missing_accounts(chain: Chain) -> None:
    admin = chain.fund()
    mint = chain.create_mint()
    ix = initialize_ix(chain, admin.pubkey(), mint)
    short = Instruction(ix.program_id, ix.data, list(ix.accounts)[:-1])
    assert custom_error_code(chain.fail([short], [admin])) == ERR_NOT_ENOUGH_KEYS


@pytest.mark.parametrize("cut", [1, -1])
def test_malformed_args(chain: Chain, cut: int) -> None:
    admin = chain.fund()
    mint = chain.create_mint()
    ix = initialize_ix(chain, admin.pubkey(), mint)
    data = bytes(ix.data)[:-1] if cut == 1 else bytes(ix.data) + b"\x00"
    failure = chain.fail([with_data(ix, data)], [admin])
    assert custom_error_code(failure) == ERR_INSTRUCTION_DID_NOT_DESERIALIZE
    assert_nothing_created(chain, mint)


def test_unknown_discriminator_is_fallback_not_found(chain: Chain) -> None:
    payer = chain.fund()
    ix = Instruction(PROGRAM_ID, bytes(8), [])
    failure = chain.fail([ix], [payer])
    assert custom_error_code(failure) == 101


def test_short_instruction_data_is_instruction_missing(chain: Chain) -> None:
    payer = chain.fund()
    failure = chain.fail([Instruction(PROGRAM_ID, b"\x01\x02", [])], [payer])
    assert custom_error_code(failure) == 100


def test_event_payload_is_a_single_anchor_blob(chain: Chain) -> None:
    admin = chain.fund()
    mint = chain.create_mint()
    meta = chain.send([initialize_ix(chain, admin.pubkey(), mint)], [admin])
    data_lines = [line for line in meta.logs() if line.startswith("Program data: ")]
    assert len(data_lines) == 1
    blob = base64.b64decode(data_lines[0].removeprefix("Program data: "))
    assert len(blob) == 8 + 32 * 3 + 8
