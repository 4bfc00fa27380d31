"""AnchorPy against the localnet: Provider.send/simulate, AccountClient reads, error parsing."""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import AsyncIterator, Callable

import pytest
from anchorpy import Idl, Program, Provider, Wallet
from anchorpy.error import ProgramError
from kairos_localnet.testing import Cluster
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.core import RPCException
from solana.rpc.types import TxOpts
from solders.account import Account
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction

# A minimal Anchor 0.29 IDL: one account type, enough for AccountClient.
IDL = {
    "version": "0.1.0",
    "name": "counter",
    "instructions": [],
    "accounts": [
        {
            "name": "Counter",
            "type": {
                "kind": "struct",
                "fields": [
                    {"name": "authority", "type": "publicKey"},
                    {"name": "count", "type": "u64"},
                ],
            },
        }
    ],
}
DISCRIMINATOR = hashlib.sha256(b"account:Counter").digest()[:8]


@pytest.fixture
async def provider(localnet: Cluster, fund: Callable[..., Keypair]) -> AsyncIterator[Provider]:
    connection = AsyncClient(localnet.rpc_url, commitment=Confirmed)
    opts = TxOpts(preflight_commitment=Confirmed)
    async with Provider(connection, Wallet(fund()), opts) as p:
        yield p


async def signed_transfer(provider: Provider, lamports: int) -> tuple[Transaction, Pubkey]:
    payer = provider.wallet.payer
    to = Keypair().pubkey()
    blockhash = (await provider.connection.get_latest_blockhash()).value.blockhash
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to, lamports=lamports))
    message = Message.new_with_blockhash([ix], payer.pubkey(), blockhash)
    return Transaction([payer], message, blockhash), to


async def test_provider_send_and_simulate(provider: Provider) -> None:
    tx, to = await signed_transfer(provider, 123_456)
    simulated = await provider.simulate(tx)
    assert simulated.value.err is None and simulated.value.units_consumed == 150
    signature = await provider.send(tx)
    await provider.connection.confirm_transaction(signature, Confirmed, sleep_seconds=0.05)
    assert (await provider.connection.get_balance(to)).value == 123_456


async def test_provider_send_failure_parses_as_program_error(provider: Provider) -> None:
    tx, _ = await signed_transfer(provider, 10**15)
    with pytest.raises(RPCException) as raised:
        await provider.send(tx)
    error = ProgramError.parse(raised.value.args[0], {1: "not enough lamports"}, SYSTEM_PROGRAM_ID)
    assert error is not None and error.code == 1 and error.msg == "not enough lamports"
    assert error.logs is not None and any("insufficient lamports" in log for log in error.logs)


def counter_account(program_id: Pubkey, authority: Pubkey, count: int) -> Account:
    data = DISCRIMINATOR + bytes(authority) + struct.pack("<Q", count)
    return Account(10**7, data, program_id)


async def test_account_client_fetch_paths(localnet: Cluster, provider: Provider) -> None:
    program_id = Keypair().pubkey()
    program = Program(Idl.from_json(json.dumps(IDL)), program_id, provider)
    authority = Keypair().pubkey()
    addresses = [Keypair().pubkey() for _ in range(3)]
    for count, address in enumerate(addresses):
        account = counter_account(program_id, authority, count)
        localnet.call(lambda ledger, a=address, acc=account: ledger.set_account(a, acc))
    stranger = Keypair().pubkey()
    localnet.call(
        lambda ledger: ledger.set_account(stranger, Account(10**7, bytes(48), program_id))
    )

    counters = program.account["Counter"]
    fetched = await counters.fetch(addresses[2])
    assert (fetched.authority, fetched.count) == (authority, 2)

    # fetch_multiple sends batched getMultipleAccounts labelled gzip, asking base64+zstd.
    many = await counters.fetch_multiple([*addresses, Keypair().pubkey(), stranger])
    assert [c.count if c else None for c in many] == [0, 1, 2, None, None]

    everything = await counters.all()
    assert sorted(a.account.count for a in everything) == [0, 1, 2]
    assert {a.public_key for a in everything} == set(addresses)
    only_authority = await counters.all(buffer=bytes(authority))
    assert len(only_authority) == 3
    assert await counters.all(buffer=bytes(Keypair().pubkey())) == []
