"""Blocks, supply, inflation, leader schedule and delegated token accounts through solana-py.

Each method goes through solana-py's Client/AsyncClient (or, where solana-py has
no method or no parameter for an option, through its provider with solders'
request and response types): solders' parsers are Agave's response types, so a
parse is a shape check; the tests add the values a single-node validator gives.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from kairos_localnet.server import LocalnetThread
from kairos_localnet.testing import Cluster
from solana.rpc.api import Client
from solana.rpc.commitment import Confirmed
from solana.rpc.core import RPCException
from solana.rpc.types import TokenAccountOpts, TxOpts
from solders.commitment_config import CommitmentLevel
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.rpc.config import RpcBlockConfig, RpcBlockProductionConfig
from solders.rpc.config import RpcBlockProductionConfigRange as Range
from solders.rpc.requests import GetBlock, GetBlockProduction, GetBlocksWithLimit
from solders.rpc.responses import (
    GetBlockProductionResp,
    GetBlockResp,
    GetBlocksWithLimitResp,
    RPCError,
)
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction
from solders.transaction_status import (
    EncodedTransactionWithStatusMeta,
    TransactionDetails,
    UiAccountsList,
    UiTransactionEncoding,
)
from spl.token.client import Token
from spl.token.constants import TOKEN_PROGRAM_ID

LAMPORTS_PER_SOL = 1_000_000_000


def send_transfer(client: Client, payer: Keypair, lamports: int = 1234) -> tuple[str, int]:
    """Send a confirmed transfer; return its signature and slot."""
    blockhash = client.get_latest_blockhash().value.blockhash
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=Keypair().pubkey(),
                                 lamports=lamports))  # fmt: skip
    tx = Transaction([payer], Message([ix], payer.pubkey()), blockhash)
    sig = client.send_transaction(tx, opts=TxOpts(preflight_commitment=Confirmed)).value
    client.confirm_transaction(sig, Confirmed, sleep_seconds=0.05)
    status = client.get_signature_statuses([sig]).value[0]
    assert status is not None
    return str(sig), status.slot


def get_block(client: Client, slot: int, **config: object) -> GetBlockResp | RPCError:
    request = GetBlock(slot, RpcBlockConfig(**config))  # type: ignore[arg-type]
    return client._provider.make_request(request, GetBlockResp)  # type: ignore[return-value]


def wait_for_slot(client: Client, slot: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while client.get_slot(Confirmed).value < slot:
        assert time.monotonic() < deadline, f"slot {slot} not reached"
        time.sleep(0.05)


def test_get_block_full_json(client: Client, fund: Callable[..., Keypair]) -> None:
    payer = fund()
    sig, slot = send_transfer(client, payer)
    block = client.get_block(slot).value
    assert block.parent_slot < slot
    assert block.block_height is not None and block.block_height > 0
    assert block.block_time is not None and abs(block.block_time - time.time()) < 60
    assert block.rewards == []
    assert block.transactions is not None
    [ours] = [t for t in block.transactions if str(t.transaction.signatures[0]) == sig]
    assert ours.meta is not None and ours.meta.err is None and ours.meta.fee == 5000
    assert ours.version is None  # only with maxSupportedTransactionVersion
    # The chain links up: this block's previous blockhash is its parent's blockhash.
    parent = client.get_block(block.parent_slot).value
    assert block.previous_blockhash == parent.blockhash
    # The transaction reads the same through getTransaction.
    tx = client.get_transaction(ours.transaction.signatures[0]).value
    assert tx is not None and tx.slot == slot


@pytest.mark.parametrize(
    "encoding",
    [UiTransactionEncoding.Json, UiTransactionEncoding.JsonParsed,
     UiTransactionEncoding.Base64, UiTransactionEncoding.Base58],
)  # fmt: skip
def test_get_block_encodings_and_versions(
    client: Client, fund: Callable[..., Keypair], encoding: UiTransactionEncoding
) -> None:
    payer = fund()
    sig, slot = send_transfer(client, payer)
    resp = get_block(client, slot, encoding=encoding, max_supported_transaction_version=0)
    assert isinstance(resp, GetBlockResp) and resp.value is not None
    txs = resp.value.transactions
    assert txs is not None
    ours = [t for t in txs if isinstance(t, EncodedTransactionWithStatusMeta)]
    assert ours and all(t.version is not None for t in ours)  # "legacy" or 0
    # Binary encodings come back decoded into the same transaction type.
    decoded = [t.transaction for t in ours]
    assert sig in {str(t.signatures[0]) for t in decoded}  # type: ignore[union-attr]


def test_get_block_transaction_details(client: Client, fund: Callable[..., Keypair]) -> None:
    payer = fund()
    sig, slot = send_transfer(client, payer)
    sigs = get_block(client, slot, transaction_details=TransactionDetails.Signatures)
    assert isinstance(sigs, GetBlockResp) and sigs.value is not None
    assert sigs.value.transactions is None
    assert sig in [str(s) for s in sigs.value.signatures or []]

    none = get_block(client, slot, transaction_details=TransactionDetails.None_, rewards=False)
    assert isinstance(none, GetBlockResp) and none.value is not None
    assert none.value.transactions is None and none.value.signatures is None
    assert none.value.rewards is None

    accounts = get_block(client, slot, transaction_details=TransactionDetails.Accounts)
    assert isinstance(accounts, GetBlockResp) and accounts.value is not None
    [ours] = [
        t for t in accounts.value.transactions or []
        if isinstance(t.transaction, UiAccountsList)
        and str(t.transaction.signatures[0]) == sig
    ]  # fmt: skip
    keys = ours.transaction.account_keys  # type: ignore[union-attr]
    assert [str(k.pubkey) for k in keys][0] == str(payer.pubkey())
    assert keys[0].signer and keys[0].writable
    assert ours.meta is not None and ours.meta.fee == 5000
    assert ours.meta.log_messages is None  # "accounts" leaves the logs out


def test_get_block_errors(client: Client, localnet: Cluster) -> None:
    future = client.get_slot(Confirmed).value + 10_000
    with pytest.raises(RPCException, match=f"Block not available for slot {future}"):
        get_block(client, future)
    with pytest.raises(RPCException, match="commitment below `confirmed`"):
        get_block(client, 0, commitment=CommitmentLevel.Processed)
    if localnet.can_warp:
        start = client.get_slot(Confirmed).value
        localnet.warp_slot(start + 5)
        with pytest.raises(RPCException, match=f"Slot {start + 2} was skipped"):
            get_block(client, start + 2)
        blocks = client.get_blocks(start, start + 5).value
        assert blocks[-1] == start + 5 and start + 2 not in blocks


def test_get_block_v0_needs_max_supported_version(
    client: Client, fund: Callable[..., Keypair]
) -> None:
    from solders.message import MessageV0
    from solders.transaction import VersionedTransaction

    payer = fund()
    blockhash = client.get_latest_blockhash().value.blockhash
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=Keypair().pubkey(),
                                 lamports=999))  # fmt: skip
    tx = VersionedTransaction(MessageV0.try_compile(payer.pubkey(), [ix], [], blockhash), [payer])
    sig = client.send_transaction(tx).value
    client.confirm_transaction(sig, Confirmed, sleep_seconds=0.05)
    status = client.get_signature_statuses([sig]).value[0]
    assert status is not None
    with pytest.raises(RPCException, match="Transaction version \\(0\\) is not supported"):
        get_block(client, status.slot)
    ok = client.get_block(status.slot, max_supported_transaction_version=0).value
    [ours] = [t for t in ok.transactions or [] if t.transaction.signatures[0] == sig]
    assert ours.version == 0


def test_get_blocks_and_with_limit(client: Client, fund: Callable[..., Keypair]) -> None:
    start = client.get_slot(Confirmed).value
    wait_for_slot(client, start + 3)
    blocks = client.get_blocks(start, start + 3).value
    assert blocks == [start, start + 1, start + 2, start + 3]
    assert client.get_blocks(start + 3, start).value == []
    open_ended = client.get_blocks(start).value
    assert open_ended[:4] == blocks and open_ended == sorted(open_ended)
    resp = client._provider.make_request(GetBlocksWithLimit(start, 2), GetBlocksWithLimitResp)
    assert resp.value == [start, start + 1]
    with pytest.raises(RPCException, match="Limit too large; max 500000"):
        client._provider.make_request(GetBlocksWithLimit(start, 500_001), GetBlocksWithLimitResp)


def test_block_time_commitment_and_production(client: Client) -> None:
    slot = client.get_slot(Confirmed).value
    assert abs((client.get_block_time(slot).value or 0) - time.time()) < 60
    commitment = client.get_block_commitment(slot).value
    assert commitment.total_stake == 0 and commitment.commitment is None
    identity = client.get_identity().value.identity
    production = client._provider.make_request(GetBlockProduction(), GetBlockProductionResp)
    assert isinstance(production, GetBlockProductionResp)
    leader, produced = production.value.by_identity[identity]
    rng = production.value.range
    assert leader == rng.last_slot - rng.first_slot + 1 and 0 < produced <= leader
    config = RpcBlockProductionConfig(
        identity=Keypair().pubkey(), range=Range(first_slot=slot - 1, last_slot=slot)
    )
    other = client._provider.make_request(GetBlockProduction(config), GetBlockProductionResp)
    assert other.value.by_identity == {}
    with pytest.raises(RPCException, match="cannot be less than firstSlot"):
        bad = RpcBlockProductionConfig(range=Range(first_slot=slot, last_slot=slot - 1))
        client._provider.make_request(GetBlockProduction(bad), GetBlockProductionResp)


def test_supply_and_largest_accounts(client: Client, fund: Callable[..., Keypair]) -> None:
    rich = fund(1000 * LAMPORTS_PER_SOL)
    supply = client.get_supply().value
    assert supply.total == supply.circulating > 1000 * LAMPORTS_PER_SOL
    assert supply.non_circulating == 0 and supply.non_circulating_accounts == []
    largest = client.get_largest_accounts().value
    assert len(largest) == 20
    balances = [a.lamports for a in largest]
    assert balances == sorted(balances, reverse=True)
    assert any(a.address == rich.pubkey() for a in largest) or balances[-1] >= 1000e9


def test_performance_samples_and_inflation(client: Client) -> None:
    samples = client.get_recent_performance_samples(5).value
    assert len(samples) <= 5  # one every 60 s: a young localnet has none yet
    with pytest.raises(RPCException, match="Invalid limit; max 720"):
        client.get_recent_performance_samples(721)
    governor = client.get_inflation_governor().value
    assert (governor.initial, governor.terminal, governor.taper) == (0.08, 0.015, 0.15)
    assert (governor.foundation, governor.foundation_term) == (0.05, 7.0)
    rate = client.get_inflation_rate().value
    assert rate.epoch == client.get_epoch_info().value.epoch
    assert rate.total == pytest.approx(rate.validator + rate.foundation)
    assert 0.015 <= rate.total <= 0.08


def test_inflation_reward(client: Client, localnet: Cluster) -> None:
    someone = Keypair().pubkey()
    epoch = client.get_epoch_info().value.epoch
    with pytest.raises(RPCException, match="Block not available for slot"):
        client.get_inflation_reward([someone], epoch=epoch)
    if epoch > 0:
        assert client.get_inflation_reward([someone], epoch=epoch - 1).value == [None]


def test_inflation_reward_and_block_range_after_an_epoch() -> None:
    with LocalnetThread(slot_ms=50) as net:
        client = Client(net.rpc_url, commitment=Confirmed)
        schedule = client.get_epoch_schedule().value
        net.warp_slot(schedule.first_normal_slot + 10)
        epoch = client.get_epoch_info().value.epoch
        someone = Keypair().pubkey()
        # Rewards for the last epoch would be in this epoch's first block: none here.
        assert client.get_inflation_reward([someone], epoch=epoch - 1).value == [None]
        with pytest.raises(RPCException, match="Block not available"):
            client.get_inflation_reward([someone], epoch=epoch)
        with pytest.raises(RPCException, match="Slot range too large; max 500000"):
            client.get_blocks(0, 600_000)


def test_leader_schedule(client: Client) -> None:
    identity = client.get_identity().value.identity
    schedule = client.get_leader_schedule().value
    assert schedule is not None and list(schedule) == [identity]
    epoch_info = client.get_epoch_info().value
    assert schedule[identity] == list(range(epoch_info.slots_in_epoch))
    assert client.get_leader_schedule(epoch_info.absolute_slot + 10**9).value is None


def test_token_accounts_by_delegate(client: Client, fund: Callable[..., Keypair]) -> None:
    owner = fund()
    delegate = Keypair()
    token = Token.create_mint(client, owner, owner.pubkey(), 6, TOKEN_PROGRAM_ID)
    account = token.create_account(owner.pubkey())
    token.mint_to(account, owner, 1_000_000)
    assert (
        client.get_token_accounts_by_delegate(
            delegate.pubkey(), TokenAccountOpts(mint=token.pubkey)
        ).value
        == []
    )
    token.approve(account, delegate.pubkey(), owner, 500)
    found = client.get_token_accounts_by_delegate(
        delegate.pubkey(), TokenAccountOpts(program_id=TOKEN_PROGRAM_ID)
    ).value
    assert [a.pubkey for a in found] == [account]
    parsed = client.get_token_accounts_by_delegate_json_parsed(
        delegate.pubkey(), TokenAccountOpts(mint=token.pubkey)
    ).value
    info = parsed[0].account.data.parsed["info"]
    assert info["delegate"] == str(delegate.pubkey())
    assert info["delegatedAmount"]["amount"] == "500"
    with pytest.raises(RPCException, match="could not find mint"):
        client.get_token_accounts_by_delegate(
            delegate.pubkey(), TokenAccountOpts(mint=Pubkey.default())
        )
