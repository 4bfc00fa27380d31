"""deposit: tokens from the owner into the asset's vault, credited to the margin account."""

from __future__ import annotations

from typing import Any

import pytest
from solders.instruction import Instruction
from solders.pubkey import Pubkey

from .conftest import (
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    ERR_INVALID_PROGRAM_ID,
    ERR_NOT_ENOUGH_KEYS,
    ERR_NOT_SIGNER,
    ERR_WRONG_OWNER,
    ERRORS,
    I64_MAX,
    MAX_COLLATERAL_POSITIONS,
    U64_MAX,
    AssetInfo,
    Kairos,
    Trader,
    account_index,
    custom_error_code,
    with_data,
    with_meta,
)

# The budget; measured ~6.7k (the SPL transfer itself is ~4.6k).
DEPOSIT_CU_BUDGET = 20_000
ERR_DID_NOT_DESERIALIZE = 3003
# SPL Token's own errors (spl_token::error::TokenError) seen through the CPI.
TOKEN_ERR_INSUFFICIENT_FUNDS = 1
TOKEN_ERR_OWNER_MISMATCH = 4


def index_of(name: str) -> int:
    return account_index("deposit", name)


def funded(kairos: Kairos, asset: AssetInfo, amount: int) -> Trader:
    return kairos.new_trader({asset.mint: amount})


def test_quote_deposit_credits_quote_balance(kairos: Kairos) -> None:
    trader = funded(kairos, kairos.quote, 1_000)
    source = trader.token_accounts[kairos.quote.mint]
    meta = kairos.send([kairos.deposit_ix(trader, kairos.quote, 600)], [trader.owner])
    assert meta.compute_units_consumed() <= DEPOSIT_CU_BUDGET
    assert kairos.margin(trader.margin).quote_balance == 600
    assert kairos.asset_state(kairos.quote).total_deposits == 600
    assert kairos.chain.token_amount(kairos.quote.vault) == 600
    assert kairos.chain.token_amount(source) == 400
    assert not any(slot.active for slot in kairos.margin(trader.margin).collateral)

    events = kairos.chain.events(meta)
    assert [e.name for e in events] == ["Deposited"]
    data = events[0].data
    assert (data.margin_account, data.asset) == (trader.margin, kairos.quote.address)
    assert (data.amount, data.balance_after) == (600, 600)
    # Utilization of the asset's cap travels with the event.
    assert data.asset_total_deposits == 600
    assert data.asset_deposit_cap == kairos.asset_state(kairos.quote).deposit_cap

    meta = kairos.send([kairos.deposit_ix(trader, kairos.quote, 400)], [trader.owner])
    assert kairos.margin(trader.margin).quote_balance == 1_000
    assert kairos.chain.events(meta)[0].data.balance_after == 1_000


def test_collateral_deposit_opens_one_slot(kairos: Kairos) -> None:
    asset = kairos.add_asset(decimals=9)
    trader = funded(kairos, asset, 5_000_000_000)
    meta = kairos.send([kairos.deposit_ix(trader, asset, 2_000_000_000)], [trader.owner])
    assert meta.compute_units_consumed() <= DEPOSIT_CU_BUDGET
    account = kairos.margin(trader.margin)
    assert account.quote_balance == 0
    active = [slot for slot in account.collateral if slot.active]
    assert len(active) == 1
    assert (active[0].asset_index, active[0].amount) == (asset.index, 2_000_000_000)
    assert account.collateral[0].active == 1  # the first free slot
    assert kairos.asset_state(asset).total_deposits == 2_000_000_000
    event = kairos.chain.events(meta)[0].data
    assert (event.asset, event.amount, event.balance_after) == (
        asset.address,
        2_000_000_000,
        2_000_000_000,
    )

    kairos.send([kairos.deposit_ix(trader, asset, 3_000_000_000)], [trader.owner])
    account = kairos.margin(trader.margin)
    assert [slot.amount for slot in account.collateral if slot.active] == [5_000_000_000]


def test_many_traders_many_assets_keep_the_invariant(kairos: Kairos) -> None:
    assets = [kairos.add_asset(decimals=d) for d in (0, 6, 9)]
    traders = [kairos.new_trader() for _ in range(3)]
    for i, trader in enumerate(traders):
        kairos.deposit(trader, kairos.quote, 100 + i)
        for j, asset in enumerate(assets):
            kairos.deposit(trader, asset, 10 * (i + 1) + j)
    # Kairos.send checked the vault invariant after each step; the totals too:
    assert kairos.asset_state(assets[2]).total_deposits == 12 + 22 + 32


def test_slots_fill_in_order_up_to_the_cap(kairos: Kairos) -> None:
    assets = [kairos.add_asset(decimals=0) for _ in range(MAX_COLLATERAL_POSITIONS + 1)]
    trader = kairos.new_trader()
    for asset in assets[:MAX_COLLATERAL_POSITIONS]:
        meta = kairos.deposit(trader, asset, 1)
        assert meta.compute_units_consumed() <= DEPOSIT_CU_BUDGET
    account = kairos.margin(trader.margin)
    assert [slot.asset_index for slot in account.collateral] == [a.index for a in assets[:-1]]
    last = assets[-1]
    trader.token_accounts[last.mint] = kairos.token_account(trader.owner.pubkey(), last.mint, 1)
    kairos.fail_unchanged(
        [kairos.deposit_ix(trader, last, 1)], [trader.owner], ERRORS["CollateralPositionLimit"]
    )
    # The quote asset is never a slot, so it is still accepted.
    kairos.deposit(trader, kairos.quote, 1)


def test_deposit_cap(kairos: Kairos) -> None:
    asset = kairos.add_asset(deposit_cap=1_000)
    first = funded(kairos, asset, 2_000)
    second = funded(kairos, asset, 2_000)
    kairos.send([kairos.deposit_ix(first, asset, 700)], [first.owner])
    kairos.fail_unchanged(
        [kairos.deposit_ix(second, asset, 301)], [second.owner], ERRORS["DepositCapExceeded"]
    )
    kairos.send([kairos.deposit_ix(second, asset, 300)], [second.owner])  # exactly the cap
    assert kairos.asset_state(asset).total_deposits == 1_000


@pytest.mark.parametrize("which", ["quote", "collateral"])
def test_u64_max_amount_overflows(kairos: Kairos, which: str) -> None:
    # Balances must fit the events' i64: an amount beyond I64_MAX is an overflow,
    # refused before any token moves.
    asset = kairos.quote if which == "quote" else kairos.add_asset()
    trader = funded(kairos, asset, U64_MAX)
    kairos.fail_unchanged(
        [kairos.deposit_ix(trader, asset, U64_MAX)], [trader.owner], ERRORS["MathOverflow"]
    )
    kairos.fail_unchanged(
        [kairos.deposit_ix(trader, asset, I64_MAX + 1)], [trader.owner], ERRORS["MathOverflow"]
    )
    kairos.send([kairos.deposit_ix(trader, asset, I64_MAX)], [trader.owner])
    kairos.fail_unchanged(
        [kairos.deposit_ix(trader, asset, 1)], [trader.owner], ERRORS["MathOverflow"]
    )


def test_total_deposits_overflow(kairos: Kairos) -> None:
    # Unreachable with real tokens (the vault holds total_deposits <= the mint's
    # supply): crafted, to show the checked add refuses before any token moves.
    asset = kairos.add_asset()
    trader = funded(kairos, asset, 2)
    state = kairos.asset_state(asset)
    state.total_deposits = U64_MAX - 1
    kairos.chain.write_account(asset.address, "CollateralAsset", state)
    ix = kairos.deposit_ix(trader, asset, 2)
    before = kairos.chain.snapshot([asset.address, asset.vault, trader.margin])
    failure = kairos.chain.fail([ix], [trader.owner])
    assert custom_error_code(failure) == ERRORS["MathOverflow"]
    assert kairos.chain.snapshot([asset.address, asset.vault, trader.margin]) == before


def test_zero_amount(kairos: Kairos) -> None:
    trader = funded(kairos, kairos.quote, 10)
    kairos.fail_unchanged(
        [kairos.deposit_ix(trader, kairos.quote, 0)], [trader.owner], ERRORS["InvalidArgument"]
    )


def test_not_enough_tokens(kairos: Kairos) -> None:
    trader = funded(kairos, kairos.quote, 10)
    kairos.fail_unchanged(
        [kairos.deposit_ix(trader, kairos.quote, 11)], [trader.owner], TOKEN_ERR_INSUFFICIENT_FUNDS
    )


def test_someone_elses_margin_account(kairos: Kairos) -> None:
    victim = kairos.new_trader()
    attacker = funded(kairos, kairos.quote, 10)
    ix = with_meta(
        kairos.deposit_ix(attacker, kairos.quote, 10),
        index_of("margin_account"),
        pubkey=victim.margin,
    )
    kairos.fail_unchanged([ix], [attacker.owner], ERRORS["Unauthorized"])


def test_someone_elses_token_account(kairos: Kairos) -> None:
    victim = funded(kairos, kairos.quote, 100)
    attacker = kairos.new_trader()
    ix = kairos.deposit_ix(
        attacker, kairos.quote, 100, source=victim.token_accounts[kairos.quote.mint]
    )
    kairos.fail_unchanged([ix], [attacker.owner], TOKEN_ERR_OWNER_MISMATCH)


def test_owner_must_sign(kairos: Kairos) -> None:
    trader = funded(kairos, kairos.quote, 10)
    ix = with_meta(kairos.deposit_ix(trader, kairos.quote, 10), index_of("owner"), is_signer=False)
    kairos.fail_unchanged([ix], [kairos.chain.payer], ERR_NOT_SIGNER)


@pytest.mark.parametrize(
    "account", ["margin_account", "collateral_asset", "vault", "owner_token_account"]
)
def test_accounts_must_be_writable(kairos: Kairos, account: str) -> None:
    asset = kairos.add_asset()
    trader = funded(kairos, asset, 10)
    ix = with_meta(kairos.deposit_ix(trader, asset, 10), index_of(account), is_writable=False)
    kairos.fail_unchanged([ix], [trader.owner], ERR_CONSTRAINT_MUT)


def test_vault_must_be_the_assets_vault(kairos: Kairos) -> None:
    asset = kairos.add_asset()
    trader = funded(kairos, asset, 10)
    for wrong in (kairos.quote.vault, kairos.exchange.insurance_vault):
        ix = with_meta(kairos.deposit_ix(trader, asset, 10), index_of("vault"), pubkey=wrong)
        kairos.fail_unchanged([ix], [trader.owner], ERRORS["AssetMismatch"])


def test_vault_and_asset_of_another_mint(kairos: Kairos) -> None:
    # The asset says quote, the source holds another mint: the mint link catches it.
    asset = kairos.add_asset()
    trader = funded(kairos, asset, 10)
    ix = kairos.deposit_ix(trader, kairos.quote, 10, source=trader.token_accounts[asset.mint])
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["AssetMismatch"])


@pytest.mark.parametrize(
    ("impostor", "expected"),
    [
        (lambda k, t: k.exchange.quote_asset, ERR_WRONG_OWNER),  # not a token account
        (lambda k, t: t.margin, ERR_WRONG_OWNER),
        (
            lambda k, t: k.quote.mint,
            ERR_DID_NOT_DESERIALIZE,
        ),  # a mint: owned by SPL Token, wrong size
    ],
)
def test_source_must_be_a_token_account(kairos: Kairos, impostor: Any, expected: int) -> None:
    trader = funded(kairos, kairos.quote, 10)
    ix = kairos.deposit_ix(trader, kairos.quote, 10, source=impostor(kairos, trader))
    kairos.fail_unchanged([ix], [trader.owner], expected)


@pytest.mark.parametrize(
    ("account", "impostor", "expected"),
    [
        ("margin_account", lambda k: k.exchange.quote_asset, ERR_DISCRIMINATOR_MISMATCH),
        ("margin_account", lambda k: k.exchange.address, ERR_DISCRIMINATOR_MISMATCH),
        ("margin_account", lambda k: k.exchange.quote_vault, ERR_WRONG_OWNER),
        ("collateral_asset", lambda k: k.exchange.address, ERR_DISCRIMINATOR_MISMATCH),
        ("collateral_asset", lambda k: k.quote.vault, ERR_WRONG_OWNER),
        ("exchange", lambda k: k.exchange.quote_asset, ERR_DISCRIMINATOR_MISMATCH),
    ],
)
def test_account_types(kairos: Kairos, account: str, impostor: Any, expected: int) -> None:
    trader = funded(kairos, kairos.quote, 10)
    ix = with_meta(
        kairos.deposit_ix(trader, kairos.quote, 10), index_of(account), pubkey=impostor(kairos)
    )
    kairos.fail_unchanged([ix], [trader.owner], expected)


def test_oracle_in_place_of_the_asset(kairos: Kairos) -> None:
    asset = kairos.add_asset()
    trader = funded(kairos, asset, 10)
    assert asset.oracle is not None
    ix = with_meta(
        kairos.deposit_ix(trader, asset, 10),
        index_of("collateral_asset"),
        pubkey=asset.oracle.address,
    )
    kairos.fail_unchanged([ix], [trader.owner], ERR_DISCRIMINATOR_MISMATCH)


def test_token_program(kairos: Kairos) -> None:
    trader = funded(kairos, kairos.quote, 10)
    token_2022 = Pubkey.from_string("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb")
    ix = with_meta(
        kairos.deposit_ix(trader, kairos.quote, 10), index_of("token_program"), pubkey=token_2022
    )
    kairos.fail_unchanged([ix], [trader.owner], ERR_INVALID_PROGRAM_ID)


def test_gate(kairos: Kairos) -> None:
    trader = funded(kairos, kairos.quote, 10)
    ix = kairos.deposit_ix(trader, kairos.quote, 10)
    kairos.halt("deposit")
    kairos.fail_unchanged([ix], [trader.owner], ERRORS["InstructionHalted"])
    kairos.set_gate(0)
    kairos.send([ix], [trader.owner])


def test_malformed(kairos: Kairos) -> None:
    trader = funded(kairos, kairos.quote, 10)
    ix = kairos.deposit_ix(trader, kairos.quote, 10)
    kairos.fail_unchanged(
        [with_data(ix, bytes(ix.data)[:-1])], [trader.owner], ERR_INSTRUCTION_DID_NOT_DESERIALIZE
    )
    short = Instruction(ix.program_id, ix.data, list(ix.accounts)[:-1])
    kairos.fail_unchanged([short], [trader.owner], ERR_NOT_ENOUGH_KEYS)
