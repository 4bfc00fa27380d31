"""An SPL token round trip through solana-py's AsyncToken against the localnet."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.core import RPCException
from solana.rpc.types import TokenAccountOpts
from solders.keypair import Keypair
from spl.token.async_client import AsyncToken
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID

DECIMALS = 6


@pytest.mark.parametrize("program_id", [TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID])
async def test_mint_transfer_round_trip(
    async_client: AsyncClient, fund: Callable[..., Keypair], program_id: object
) -> None:
    payer, alice, bob = fund(), Keypair(), Keypair()
    token = await AsyncToken.create_mint(
        async_client,
        payer,
        payer.pubkey(),
        DECIMALS,
        program_id,  # type: ignore[arg-type]
    )
    mint_info = await token.get_mint_info()
    assert mint_info.decimals == DECIMALS and mint_info.is_initialized
    assert mint_info.mint_authority == payer.pubkey()

    alice_ata = await token.create_associated_token_account(alice.pubkey())
    bob_account = await token.create_account(bob.pubkey())
    await token.mint_to(alice_ata, payer, 5_000_000)
    assert (await token.get_balance(alice_ata)).value.ui_amount_string == "5"

    sent = await token.transfer(alice_ata, bob_account, alice, 1_250_000)
    await async_client.confirm_transaction(sent.value, Confirmed, sleep_seconds=0.05)
    alice_balance = (await token.get_balance(alice_ata)).value
    assert (alice_balance.amount, alice_balance.ui_amount_string) == ("3750000", "3.75")
    assert alice_balance.ui_amount == 3.75 and alice_balance.decimals == DECIMALS
    assert (await token.get_balance(bob_account)).value.amount == "1250000"
    assert (await token.get_account_info(bob_account)).owner == bob.pubkey()

    supply = (await async_client.get_token_supply(token.pubkey)).value
    assert (supply.amount, supply.ui_amount_string) == ("5000000", "5")

    largest = (await async_client.get_token_largest_accounts(token.pubkey)).value
    assert [(a.address, a.amount.amount) for a in largest] == [
        (alice_ata, "3750000"),
        (bob_account, "1250000"),
    ]

    # The transfer's metadata carries both token accounts' balances before and after.
    tx = (await async_client.get_transaction(sent.value)).value
    assert tx is not None and tx.transaction.meta is not None
    meta = tx.transaction.meta
    pre = {b.account_index: b.ui_token_amount.amount for b in meta.pre_token_balances or []}
    post = {b.account_index: b.ui_token_amount.amount for b in meta.post_token_balances or []}
    assert sorted(pre.values()) == ["0", "5000000"]
    assert sorted(post.values()) == ["1250000", "3750000"]
    assert all(b.mint == token.pubkey for b in meta.post_token_balances or [])
    assert {b.owner for b in meta.post_token_balances or []} == {alice.pubkey(), bob.pubkey()}


async def test_token_accounts_by_owner(
    async_client: AsyncClient, fund: Callable[..., Keypair]
) -> None:
    payer, owner = fund(), Keypair()
    first = await AsyncToken.create_mint(async_client, payer, payer.pubkey(), 2, TOKEN_PROGRAM_ID)
    second = await AsyncToken.create_mint(async_client, payer, payer.pubkey(), 9, TOKEN_PROGRAM_ID)
    first_ata = await first.create_associated_token_account(owner.pubkey())
    second_ata = await second.create_associated_token_account(owner.pubkey())
    await first.mint_to(first_ata, payer, 12_345)

    by_mint = (await first.get_accounts_by_owner(owner.pubkey())).value
    assert [a.pubkey for a in by_mint] == [first_ata]
    assert by_mint[0].account.owner == TOKEN_PROGRAM_ID

    by_program = await async_client.get_token_accounts_by_owner(
        owner.pubkey(), TokenAccountOpts(program_id=TOKEN_PROGRAM_ID)
    )
    assert {a.pubkey for a in by_program.value} == {first_ata, second_ata}

    parsed = (await first.get_accounts_by_owner_json_parsed(owner.pubkey())).value
    info = parsed[0].account.data.parsed["info"]
    assert parsed[0].account.data.program == "spl-token"
    assert info["tokenAmount"]["uiAmountString"] == "123.45"
    assert info["owner"] == str(owner.pubkey()) and info["state"] == "initialized"

    with pytest.raises(RPCException):
        await async_client.get_token_accounts_by_owner(
            owner.pubkey(), TokenAccountOpts(mint=Keypair().pubkey())
        )


async def test_token_errors_for_wrong_account_kinds(
    async_client: AsyncClient, fund: Callable[..., Keypair]
) -> None:
    payer = fund()
    with pytest.raises(RPCException, match="not a Token account"):
        await async_client.get_token_account_balance(payer.pubkey())
    with pytest.raises(RPCException, match="not a Token mint"):
        await async_client.get_token_supply(payer.pubkey())
