"""Account reads: getAccountInfo encodings, getMultipleAccounts, getProgramAccounts filters."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from kairos_localnet.codec import DataSize, Memcmp, b58encode, filters_match, parse_filters
from solana.rpc.api import Client
from solana.rpc.commitment import Confirmed
from solana.rpc.core import RPCException
from solana.rpc.types import DataSliceOpts, MemcmpOpts, TxOpts
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.rpc.config import RpcAccountInfoConfig, RpcProgramAccountsConfig
from solders.rpc.requests import GetProgramAccounts
from solders.rpc.responses import GetProgramAccountsWithContextResp
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import CreateAccountParams, TransferParams, create_account, transfer
from solders.transaction import Transaction
from spl.token.client import Token
from spl.token.constants import TOKEN_PROGRAM_ID


def send(client: Client, payer: Keypair, ixs: list, signers: list[Keypair]) -> None:  # type: ignore[type-arg]
    blockhash = client.get_latest_blockhash().value.blockhash
    tx = Transaction(
        [payer, *signers], Message.new_with_blockhash(ixs, payer.pubkey(), blockhash), blockhash
    )
    client.send_transaction(tx, opts=TxOpts(preflight_commitment=Confirmed))


def make_account(client: Client, payer: Keypair, space: int, owner: Pubkey) -> Pubkey:
    account = Keypair()
    lamports = client.get_minimum_balance_for_rent_exemption(space).value
    params = CreateAccountParams(
        from_pubkey=payer.pubkey(),
        to_pubkey=account.pubkey(),
        lamports=lamports,
        space=space,
        owner=owner,
    )
    send(client, payer, [create_account(params)], [account])
    return account.pubkey()


def test_missing_and_existing_accounts(client: Client, fund: Callable[..., Keypair]) -> None:
    payer = fund()
    missing = Keypair().pubkey()
    assert client.get_balance(missing).value == 0
    assert client.get_account_info(missing).value is None
    info = client.get_account_info(payer.pubkey()).value
    assert info is not None
    assert (info.lamports, info.owner, info.executable, info.data) == (
        10 * 10**9,
        SYSTEM_PROGRAM_ID,
        False,
        b"",
    )


def test_account_encodings_and_slice(client: Client, fund: Callable[..., Keypair]) -> None:
    payer = fund()
    owner = Keypair().pubkey()
    small = make_account(client, payer, 40, owner)
    for encoding in ("base64", "base58", "base64+zstd"):
        info = client.get_account_info(small, encoding=encoding).value
        assert info is not None and info.data == bytes(40) and info.owner == owner
    sliced = client.get_account_info(small, data_slice=DataSliceOpts(offset=4, length=8)).value
    assert sliced is not None and sliced.data == bytes(8)
    # jsonParsed falls back to base64 for data no parser understands.
    parsed = client.get_account_info_json_parsed(small).value
    assert parsed is not None and parsed.data == bytes(40)

    big = make_account(client, payer, 200, owner)
    with pytest.raises(RPCException, match="base 58"):
        client.get_account_info(big, encoding="base58")
    big_info = client.get_account_info(big).value
    assert big_info is not None and len(big_info.data) == 200


def test_closed_account_reads_as_missing(client: Client, fund: Callable[..., Keypair]) -> None:
    payer, leaving = fund(), fund(1_000_000)
    everything = TransferParams(
        from_pubkey=leaving.pubkey(), to_pubkey=payer.pubkey(), lamports=1_000_000
    )
    # The payer pays the fee, so `leaving` ends with zero lamports: closed.
    send(client, payer, [transfer(everything)], [leaving])
    assert client.get_account_info(leaving.pubkey()).value is None
    assert client.get_balance(leaving.pubkey()).value == 0


def test_get_multiple_accounts(client: Client, fund: Callable[..., Keypair]) -> None:
    first, second = fund(), fund(5 * 10**9)
    missing = Keypair().pubkey()
    values = client.get_multiple_accounts([first.pubkey(), missing, second.pubkey()]).value
    assert [v.lamports if v else None for v in values] == [10 * 10**9, None, 5 * 10**9]
    with pytest.raises(RPCException, match="max 100"):
        client.get_multiple_accounts([missing] * 101)


def test_program_accounts_with_filters(client: Client, fund: Callable[..., Keypair]) -> None:
    payer, holder = fund(), Keypair()
    token = Token.create_mint(client, payer, payer.pubkey(), 0, TOKEN_PROGRAM_ID)
    other = Token.create_mint(client, payer, payer.pubkey(), 0, TOKEN_PROGRAM_ID)
    mine = token.create_associated_token_account(holder.pubkey())
    theirs = token.create_associated_token_account(Keypair().pubkey())
    other.create_associated_token_account(holder.pubkey())

    by_mint = client.get_program_accounts(
        TOKEN_PROGRAM_ID, filters=[165, MemcmpOpts(offset=0, bytes=str(token.pubkey))]
    ).value
    assert {a.pubkey for a in by_mint} == {mine, theirs}
    assert all(a.account.owner == TOKEN_PROGRAM_ID for a in by_mint)

    by_mint_and_owner = client.get_program_accounts(
        TOKEN_PROGRAM_ID,
        filters=[
            MemcmpOpts(offset=0, bytes=str(token.pubkey)),
            MemcmpOpts(offset=32, bytes=str(holder.pubkey())),
        ],
    ).value
    assert [a.pubkey for a in by_mint_and_owner] == [mine]

    mints = client.get_program_accounts(
        TOKEN_PROGRAM_ID, filters=[82, MemcmpOpts(offset=4, bytes=str(payer.pubkey()))]
    ).value
    assert {a.pubkey for a in mints} == {token.pubkey, other.pubkey}

    sliced = client.get_program_accounts(
        TOKEN_PROGRAM_ID,
        data_slice=DataSliceOpts(offset=32, length=32),
        filters=[165, MemcmpOpts(offset=0, bytes=str(token.pubkey))],
    ).value
    assert len(sliced) == 2 and all(len(a.account.data) == 32 for a in sliced)
    assert bytes(holder.pubkey()) in {bytes(a.account.data) for a in sliced}


def test_program_accounts_with_context(client: Client, fund: Callable[..., Keypair]) -> None:
    payer = fund()
    owner = Keypair().pubkey()
    small = make_account(client, payer, 8, owner)
    large = make_account(client, payer, 16, owner)
    # solana-py has no withContext flag; its provider sends solders' request.
    config = RpcProgramAccountsConfig(RpcAccountInfoConfig(), [16], with_context=True)
    resp = client._provider.make_request(
        GetProgramAccounts(owner, config), GetProgramAccountsWithContextResp
    )
    assert resp.context.slot >= 0
    assert [a.pubkey for a in resp.value] == [large]
    assert {a.pubkey for a in client.get_program_accounts(owner).value} == {small, large}


def test_filter_codec_accepts_every_memcmp_encoding() -> None:
    data = bytes(range(40))
    for spec in (
        {"offset": 3, "bytes": b58encode(bytes([3, 4, 5]))},
        {"offset": 3, "bytes": b58encode(bytes([3, 4, 5])), "encoding": "base58"},
        {"offset": 3, "bytes": "AwQF", "encoding": "base64"},
        {"offset": 3, "bytes": [3, 4, 5], "encoding": "bytes"},
    ):
        (parsed,) = parse_filters([{"memcmp": spec}])
        assert parsed == Memcmp(3, bytes([3, 4, 5]))
        assert filters_match([parsed, DataSize(40)], SYSTEM_PROGRAM_ID, data)
    assert not filters_match([Memcmp(38, bytes([38, 39, 40]))], SYSTEM_PROGRAM_ID, data)
