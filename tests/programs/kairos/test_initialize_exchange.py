"""initialize_exchange end to end in LiteSVM: happy path, ABI, and every account check."""

from __future__ import annotations

import base64

import pytest
from anchorpy import Context, EventParser
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import TransferParams, transfer

from kairos.program import PROGRAM_ID, find_exchange_address

from .conftest import Chain, custom_error_code

# Measured budget (see the closing note of issue 2); a regression fails the test.
INITIALIZE_EXCHANGE_CU_BUDGET = 12_000
KEEPER_REWARD = 5_000


def initialize_ix(
    chain: Chain, admin: Pubkey, quote_mint: Pubkey, exchange: Pubkey | None = None
) -> Instruction:
    args = chain.program.type["InitializeExchangeArgs"](keeper_reward_lamports=KEEPER_REWARD)
    accounts = {
        "exchange": exchange or find_exchange_address()[0],
        "admin": admin,
        "quote_mint": quote_mint,
        "system_program": SYSTEM_PROGRAM_ID,
    }
    return chain.program.instruction["initialize_exchange"](args, ctx=Context(accounts=accounts))


def with_meta(ix: Instruction, index: int, **changes: object) -> Instruction:
    metas = list(ix.accounts)
    old = metas[index]
    metas[index] = AccountMeta(
        changes.get("pubkey", old.pubkey),  # type: ignore[arg-type]
        is_signer=changes.get("is_signer", old.is_signer),  # type: ignore[arg-type]
        is_writable=changes.get("is_writable", old.is_writable),  # type: ignore[arg-type]
    )
    return Instruction(ix.program_id, ix.data, metas)


def test_creates_exchange_and_emits_event(chain: Chain) -> None:
    admin = chain.fund()
    mint = chain.create_mint()
    meta = chain.send([initialize_ix(chain, admin.pubkey(), mint)], [admin])

    exchange_key, bump = find_exchange_address()
    account = chain.svm.get_account(exchange_key)
    assert account is not None and account.owner == PROGRAM_ID
    assert len(account.data) == 256
    assert account.lamports == chain.svm.minimum_balance_for_rent_exemption(256)
    decoded = chain.program.account["Exchange"].coder.accounts.decode(bytes(account.data))
    assert decoded.admin == admin.pubkey()
    assert decoded.quote_mint == mint
    assert decoded.keeper_reward_lamports == KEEPER_REWARD
    assert decoded.bump == bump
    assert decoded.version == 1
    assert decoded.instruction_gate == 0

    events = []
    EventParser(PROGRAM_ID, chain.program.coder).parse_logs(meta.logs(), events.append)
    assert [e.name for e in events] == ["ExchangeInitialized"]
    assert events[0].data.admin == admin.pubkey()
    assert events[0].data.keeper_reward_lamports == KEEPER_REWARD
    assert "Program log: Instruction: InitializeExchange" in meta.logs()
    assert meta.compute_units_consumed() <= INITIALIZE_EXCHANGE_CU_BUDGET


def test_second_initialize_is_refused(chain: Chain) -> None:
    admin = chain.fund()
    mint = chain.create_mint()
    chain.send([initialize_ix(chain, admin.pubkey(), mint)], [admin])
    intruder = chain.fund()
    failure = chain.fail([initialize_ix(chain, intruder.pubkey(), mint)], [intruder])
    assert custom_error_code(failure) == 3000
    decoded = chain.program.account["Exchange"].coder.accounts.decode(
        bytes(chain.svm.get_account(find_exchange_address()[0]).data)
    )
    assert decoded.admin == admin.pubkey()


def test_prefunded_pda_cannot_block_initialization(chain: Chain) -> None:
    griefer = chain.fund()
    exchange_key = find_exchange_address()[0]
    chain.send(
        [transfer(TransferParams(from_pubkey=griefer.pubkey(), to_pubkey=exchange_key, lamports=1))],
        [griefer],
    )
    admin = chain.fund()
    mint = chain.create_mint()
    chain.send([initialize_ix(chain, admin.pubkey(), mint)], [admin])
    account = chain.svm.get_account(exchange_key)
    assert account.owner == PROGRAM_ID
    assert account.lamports == chain.svm.minimum_balance_for_rent_exemption(256)


def _exchange_untouched(chain: Chain) -> bool:
    account = chain.svm.get_account(find_exchange_address()[0])
    return account is None or account.lamports == 0


@pytest.mark.parametrize(
    ("index", "change", "expected"),
    [
        (1, {"is_writable": False}, 2000),  # admin pays rent: must be writable
        (0, {"is_writable": False}, 2000),  # exchange must be writable
        (0, {"pubkey": Keypair().pubkey()}, 2006),  # not the canonical PDA
        (3, {"pubkey": Pubkey.from_string("Stake11111111111111111111111111111111111111")}, 3008),
    ],
)
def test_account_checks(chain: Chain, index: int, change: dict, expected: int) -> None:
    admin = chain.fund()
    mint = chain.create_mint()
    ix = with_meta(initialize_ix(chain, admin.pubkey(), mint), index, **change)
    # A separate fee payer: the fee payer is always writable, which would hide
    # a read-only admin.
    failure = chain.fail([ix], [chain.fund(), admin])
    assert custom_error_code(failure) == expected, failure.meta().logs()
    assert _exchange_untouched(chain)


def test_admin_must_sign(chain: Chain) -> None:
    admin = chain.fund()
    payer = chain.fund()
    mint = chain.create_mint()
    ix = with_meta(initialize_ix(chain, admin.pubkey(), mint), 1, is_signer=False)
    failure = chain.fail([ix], [payer])
    assert custom_error_code(failure) == 3010
    assert _exchange_untouched(chain)


def test_quote_mint_must_be_an_spl_mint(chain: Chain) -> None:
    admin = chain.fund()
    not_a_mint = chain.fund().pubkey()  # a system account
    failure = chain.fail([initialize_ix(chain, admin.pubkey(), not_a_mint)], [admin])
    assert custom_error_code(failure) == 6001
    assert any("InvalidMint" in line for line in failure.meta().logs())
    assert _exchange_untouched(chain)


def test_missing_accounts(chain: Chain) -> None:
    admin = chain.fund()
    mint = chain.create_mint()
    ix = initialize_ix(chain, admin.pubkey(), mint)
    short = Instruction(ix.program_id, ix.data, list(ix.accounts)[:2])
    assert custom_error_code(chain.fail([short], [admin])) == 3005


@pytest.mark.parametrize("cut", [1, -1])
def test_malformed_args(chain: Chain, cut: int) -> None:
    admin = chain.fund()
    mint = chain.create_mint()
    ix = initialize_ix(chain, admin.pubkey(), mint)
    data = bytes(ix.data)[:-1] if cut == 1 else bytes(ix.data) + b"\x00"
    bad = Instruction(ix.program_id, data, list(ix.accounts))
    assert custom_error_code(chain.fail([bad], [admin])) == 102
    assert _exchange_untouched(chain)


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
