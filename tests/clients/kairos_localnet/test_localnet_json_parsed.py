"""getTransaction / getBlock with jsonParsed: instructions parsed as Agave parses them.

System, SPL Token and Token-2022 (both "spl-token"), Associated Token Account and
Memo instructions come back parsed with Agave's field names; Compute Budget
instructions stay partially decoded (Agave has no parser for them). Through
solana-py's Client, parsed by solders.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from solana.rpc.api import Client
from solana.rpc.commitment import Confirmed
from solders.compute_budget import ID as COMPUTE_BUDGET_ID
from solders.compute_budget import set_compute_unit_limit
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction
from solders.transaction_status import ParsedInstruction, UiPartiallyDecodedInstruction
from spl.memo.instructions import MemoParams, create_memo
from spl.token.client import Token
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID
from spl.token.instructions import (
    MintToCheckedParams,
    TransferCheckedParams,
    create_idempotent_associated_token_account,
    get_associated_token_address,
    mint_to_checked,
    transfer_checked,
)

ATA_PROGRAM_ID = Pubkey.from_string("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL")
MEMO_PROGRAM_ID = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")


def send(client: Client, payer: Keypair, instructions: list[Any]) -> Signature:
    blockhash = client.get_latest_blockhash().value.blockhash
    tx = Transaction([payer], Message(instructions, payer.pubkey()), blockhash)
    signature = client.send_transaction(tx).value
    client.confirm_transaction(signature, Confirmed, sleep_seconds=0.05)
    return signature


def parsed(ix: Any) -> tuple[str, str, dict[str, Any]]:
    assert isinstance(ix, ParsedInstruction), ix
    return ix.program, ix.parsed["type"], ix.parsed.get("info", {})


@pytest.mark.parametrize("token_program", [TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID])
def test_json_parsed_instructions(
    client: Client, fund: Callable[..., Keypair], token_program: Pubkey
) -> None:
    payer = fund()
    to = Keypair().pubkey()
    token = Token.create_mint(client, payer, payer.pubkey(), 6, token_program)
    owner_ata = get_associated_token_address(payer.pubkey(), token.pubkey, token_program)
    dest_ata = get_associated_token_address(to, token.pubkey, token_program)
    instructions = [
        set_compute_unit_limit(400_000),
        transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to, lamports=1_000_000)),
        create_idempotent_associated_token_account(
            payer.pubkey(), payer.pubkey(), token.pubkey, token_program
        ),
        create_idempotent_associated_token_account(payer.pubkey(), to, token.pubkey, token_program),
        mint_to_checked(
            MintToCheckedParams(
                token_program, token.pubkey, owner_ata, payer.pubkey(), 5_000_000, 6
            )
        ),
        transfer_checked(
            TransferCheckedParams(
                token_program, owner_ata, token.pubkey, dest_ata, payer.pubkey(), 1_250_000, 6
            )
        ),
        create_memo(MemoParams(MEMO_PROGRAM_ID, payer.pubkey(), "kairos ✓".encode())),
    ]
    signature = send(client, payer, instructions)
    tx = client.get_transaction(signature, encoding="jsonParsed").value
    assert tx is not None and tx.transaction.meta is not None
    ixs = tx.transaction.transaction.message.instructions  # type: ignore[union-attr]

    budget = ixs[0]
    assert isinstance(budget, UiPartiallyDecodedInstruction)
    assert budget.program_id == COMPUTE_BUDGET_ID and budget.accounts == []

    assert parsed(ixs[1]) == (
        "system",
        "transfer",
        {"source": str(payer.pubkey()), "destination": str(to), "lamports": 1_000_000},
    )
    program, kind, info = parsed(ixs[2])
    assert (program, kind) == ("spl-associated-token-account", "createIdempotent")
    assert info == {
        "source": str(payer.pubkey()),
        "account": str(owner_ata),
        "wallet": str(payer.pubkey()),
        "mint": str(token.pubkey),
        "systemProgram": str(SYSTEM_PROGRAM_ID),
        "tokenProgram": str(token_program),
    }
    assert parsed(ixs[4]) == (
        "spl-token",
        "mintToChecked",
        {
            "mint": str(token.pubkey),
            "account": str(owner_ata),
            "mintAuthority": str(payer.pubkey()),
            "tokenAmount": {
                "amount": "5000000", "decimals": 6, "uiAmount": 5.0, "uiAmountString": "5"
            },
        },
    )  # fmt: skip
    program, kind, info = parsed(ixs[5])
    assert (program, kind) == ("spl-token", "transferChecked")
    assert info["tokenAmount"]["uiAmountString"] == "1.25"
    assert info["authority"] == str(payer.pubkey())
    assert ixs[5].program_id == token_program  # type: ignore[union-attr]
    assert (ixs[6].program, ixs[6].parsed) == ("spl-memo", "kairos ✓")  # type: ignore[union-attr]

    # Inner instructions of the ATA program are parsed too (system + token CPIs).
    inner = {
        (i.program, i.parsed["type"])  # type: ignore[union-attr]
        for group in tx.transaction.meta.inner_instructions or []
        for i in group.instructions
        if isinstance(i, ParsedInstruction)
    }
    assert ("system", "createAccount") in inner or ("system", "transfer") in inner
    assert ("spl-token", "initializeAccount3") in inner
    assert all(
        i.stack_height == 2
        for group in tx.transaction.meta.inner_instructions or []
        for i in group.instructions
    )

    # getBlock with jsonParsed carries the same parsed instructions.
    status = client.get_signature_statuses([signature]).value[0]
    assert status is not None
    block = client.get_block(status.slot, encoding="jsonParsed").value
    [ours] = [
        t for t in block.transactions or []
        if t.transaction.signatures[0] == signature  # type: ignore[union-attr]
    ]  # fmt: skip
    block_ixs = ours.transaction.message.instructions  # type: ignore[union-attr]
    assert [type(i) for i in block_ixs] == [type(i) for i in ixs]
    assert parsed(block_ixs[1]) == parsed(ixs[1])


def test_json_parsed_token_authority_instructions(
    client: Client, fund: Callable[..., Keypair]
) -> None:
    payer = fund()
    delegate = Keypair().pubkey()
    token = Token.create_mint(client, payer, payer.pubkey(), 0, TOKEN_PROGRAM_ID)
    account = token.create_account(payer.pubkey())
    token.mint_to(account, payer, 10)
    signature = token.approve(account, delegate, payer, 7).value
    client.confirm_transaction(signature, Confirmed, sleep_seconds=0.05)
    tx = client.get_transaction(signature, encoding="jsonParsed").value
    assert tx is not None
    ixs = tx.transaction.transaction.message.instructions  # type: ignore[union-attr]
    # solana-py's Token.approve lists the owner again as a signer account, which
    # Agave reads as a multisig owner with its signers: so do we.
    assert parsed(ixs[-1]) == (
        "spl-token",
        "approve",
        {"source": str(account), "delegate": str(delegate),
         "multisigOwner": str(payer.pubkey()), "signers": [str(payer.pubkey())],
         "amount": "7"},
    )  # fmt: skip
    signature = token.burn(account, payer, 3).value
    client.confirm_transaction(signature, Confirmed, sleep_seconds=0.05)
    tx = client.get_transaction(signature, encoding="jsonParsed").value
    assert tx is not None
    ixs = tx.transaction.transaction.message.instructions  # type: ignore[union-attr]
    assert parsed(ixs[-1])[1] == "burn"
    assert parsed(ixs[-1])[2]["amount"] == "3"
