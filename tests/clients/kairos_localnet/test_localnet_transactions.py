"""Sending, simulating and looking up transactions through solana-py."""

from __future__ import annotations

import struct
import time
from collections.abc import Callable

import pytest
from solana.rpc.api import Client
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.core import RPCException
from solana.rpc.types import TxOpts
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.compute_budget import set_compute_unit_limit
from solders.hash import Hash
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message, MessageV0
from solders.pubkey import Pubkey
from solders.rpc.config import (
    RpcContextConfig,
    RpcSimulateTransactionAccountsConfig,
    RpcSimulateTransactionConfig,
)
from solders.rpc.errors import SendTransactionPreflightFailureMessage
from solders.rpc.requests import GetSlot, SimulateLegacyTransaction
from solders.rpc.responses import GetSlotResp, SimulateTransactionResp
from solders.signature import Signature
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import (
    AdvanceNonceAccountParams,
    CreateLookupTableParams,
    ExtendLookupTableParams,
    TransferParams,
    advance_nonce_account,
    create_lookup_table,
    create_nonce_account,
    extend_lookup_table,
    transfer,
)
from solders.transaction import Transaction, VersionedTransaction
from solders.transaction_status import (
    InstructionErrorCustom,
    TransactionErrorFieldless,
    TransactionErrorInstructionError,
)
from spl.token.client import Token
from spl.token.constants import TOKEN_PROGRAM_ID
from spl.token.instructions import create_associated_token_account

SKIP = TxOpts(skip_preflight=True)
MEMO_PROGRAM_ID = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")


def pay(source: Keypair, to: Pubkey, lamports: int) -> Instruction:
    return transfer(TransferParams(from_pubkey=source.pubkey(), to_pubkey=to, lamports=lamports))


def memo(text: str) -> Instruction:
    return Instruction(MEMO_PROGRAM_ID, text.encode(), [])


def sign(
    client: Client, payer: Keypair, ixs: list[Instruction], blockhash: Hash | None = None
) -> Transaction:
    blockhash = blockhash or client.get_latest_blockhash().value.blockhash
    message = Message.new_with_blockhash(ixs, payer.pubkey(), blockhash)
    return Transaction([payer], message, blockhash)


def confirm(client: Client, signature: Signature) -> None:
    client.confirm_transaction(signature, Confirmed, sleep_seconds=0.05)


def next_slot(client: Client) -> None:
    slot = client.get_slot().value
    deadline = time.monotonic() + 10
    while client.get_slot().value <= slot:
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_send_and_get_transaction(client: Client, fund: Callable[..., Keypair]) -> None:
    payer, to = fund(), Keypair().pubkey()
    tx = sign(client, payer, [set_compute_unit_limit(10_000), pay(payer, to, 1_000_000)])
    signature = client.send_transaction(tx).value
    assert signature == tx.signatures[0]
    confirm(client, signature)

    found = client.get_transaction(signature).value
    assert found is not None and found.block_time is not None
    meta = found.transaction.meta
    assert meta is not None and meta.err is None and meta.fee == 5000
    assert meta.pre_balances[:2] == [10 * 10**9, 0]
    assert meta.post_balances[:2] == [10 * 10**9 - 1_000_000 - 5000, 1_000_000]
    assert meta.compute_units_consumed == 300
    assert (
        meta.log_messages is not None
        and "Program 11111111111111111111111111111111 success" in meta.log_messages
    )
    message = found.transaction.transaction.message  # type: ignore[union-attr]
    assert message.account_keys[:2] == [payer.pubkey(), to]
    assert found.transaction.version is None  # not asked for: omitted, as Agave does

    as_base64 = client.get_transaction(signature, encoding="base64").value
    assert as_base64 is not None
    assert bytes(as_base64.transaction.transaction) == bytes(tx)  # type: ignore[arg-type]
    parsed = client.get_transaction(signature, encoding="jsonParsed").value
    assert parsed is not None
    keys = parsed.transaction.transaction.message.account_keys  # type: ignore[union-attr]
    assert [(k.pubkey, k.signer, k.writable) for k in keys[:2]] == [
        (payer.pubkey(), True, True),
        (to, False, True),
    ]
    assert client.get_transaction(Signature.new_unique()).value is None


def test_preflight_failure_raises_with_logs(client: Client, fund: Callable[..., Keypair]) -> None:
    payer = fund(10**9)
    tx = sign(client, payer, [pay(payer, Keypair().pubkey(), 5 * 10**9)])
    with pytest.raises(RPCException) as raised:
        client.send_transaction(tx)
    failure = raised.value.args[0]
    assert isinstance(failure, SendTransactionPreflightFailureMessage)
    assert failure.message == (
        "Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1"
    )
    assert any("insufficient lamports" in line for line in failure.data.logs or [])
    assert failure.data.units_consumed == 150
    assert failure.data.err == TransactionErrorInstructionError(0, InstructionErrorCustom(1))
    # Preflight failures never land: no fee was charged.
    assert client.get_balance(payer.pubkey()).value == 10**9
    assert client.get_signature_statuses([tx.signatures[0]]).value == [None]


async def test_preflight_failure_async(
    async_client: AsyncClient, fund: Callable[..., Keypair]
) -> None:
    payer = fund(10**9)
    blockhash = (await async_client.get_latest_blockhash()).value.blockhash
    message = Message.new_with_blockhash(
        [memo("a"), pay(payer, payer.pubkey(), 10**12)], payer.pubkey(), blockhash
    )
    with pytest.raises(RPCException, match="Error processing Instruction 1"):
        await async_client.send_transaction(Transaction([payer], message, blockhash))


def test_a_refused_transaction_leaves_no_trace_and_lands_when_resent(
    client: Client, fund: Callable[..., Keypair]
) -> None:
    """Preflight runs the transaction once and puts back what a failure charged.

    The same signed transaction, refused while the payer is short, lands once funded:
    the refusal recorded nothing (no fee, no status, no processed signature).
    """
    payer, to = fund(10**9), Keypair().pubkey()
    tx = sign(client, payer, [pay(payer, to, 3 * 10**9)])
    with pytest.raises(RPCException, match="custom program error: 0x1"):
        client.send_transaction(tx)
    assert client.get_balance(payer.pubkey()).value == 10**9
    assert client.get_signature_statuses([tx.signatures[0]]).value == [None]
    assert client.get_transaction(tx.signatures[0]).value is None

    confirm(client, client.request_airdrop(payer.pubkey(), 3 * 10**9).value)
    confirm(client, client.send_transaction(tx).value)
    assert client.get_balance(to).value == 3 * 10**9
    assert client.get_balance(payer.pubkey()).value == 10**9 - 5000
    with pytest.raises(RPCException, match="already been processed"):
        client.send_transaction(tx)


def test_a_refused_durable_nonce_transaction_keeps_its_nonce(
    client: Client, fund: Callable[..., Keypair]
) -> None:
    payer, nonce = fund(), Keypair()
    rent = client.get_minimum_balance_for_rent_exemption(80).value
    create = list(create_nonce_account(payer.pubkey(), nonce.pubkey(), payer.pubkey(), rent))
    blockhash = client.get_latest_blockhash().value.blockhash
    tx = Transaction(
        [payer, nonce], Message.new_with_blockhash(create, payer.pubkey(), blockhash), blockhash
    )
    confirm(client, client.send_transaction(tx).value)
    next_slot(client)
    info = client.get_account_info(nonce.pubkey()).value
    assert info is not None
    durable = Hash.from_bytes(bytes(info.data[40:72]))
    advance = advance_nonce_account(
        AdvanceNonceAccountParams(nonce_pubkey=nonce.pubkey(), authorized_pubkey=payer.pubkey())
    )
    before = client.get_balance(payer.pubkey()).value
    failing = sign(client, payer, [advance, pay(payer, Keypair().pubkey(), 10**15)], durable)
    with pytest.raises(RPCException, match="Error processing Instruction 1"):
        client.send_transaction(failing)
    after = client.get_account_info(nonce.pubkey()).value
    assert after is not None and bytes(after.data) == bytes(info.data)
    assert client.get_balance(payer.pubkey()).value == before


def test_skip_preflight_failure_lands_with_fee(
    client: Client, fund: Callable[..., Keypair]
) -> None:
    payer = fund(10**9)
    tx = sign(client, payer, [pay(payer, Keypair().pubkey(), 5 * 10**9)])
    signature = client.send_transaction(tx, opts=SKIP).value
    confirm(client, signature)
    status = client.get_signature_statuses([signature]).value[0]
    assert status is not None
    assert status.err == TransactionErrorInstructionError(0, InstructionErrorCustom(1))
    assert client.get_balance(payer.pubkey()).value == 10**9 - 5000
    found = client.get_transaction(signature).value
    assert found is not None and found.transaction.meta is not None
    assert found.transaction.meta.err == status.err
    assert any(
        "insufficient lamports" in line for line in found.transaction.meta.log_messages or []
    )


def test_duplicate_and_stale_transactions(client: Client, fund: Callable[..., Keypair]) -> None:
    payer = fund(10**9)
    tx = sign(client, payer, [pay(payer, Keypair().pubkey(), 1000)])
    confirm(client, client.send_transaction(tx).value)
    with pytest.raises(RPCException, match="already been processed"):
        client.send_transaction(tx)
    # Skipping preflight, a duplicate is accepted and dropped: charged once only.
    assert client.send_transaction(tx, opts=SKIP).value == tx.signatures[0]
    assert client.get_balance(payer.pubkey()).value == 10**9 - 1000 - 5000

    stale = sign(client, payer, [pay(payer, payer.pubkey(), 1)], Hash.new_unique())
    with pytest.raises(RPCException, match="Blockhash not found"):
        client.send_transaction(stale)
    dropped = client.send_transaction(stale, opts=SKIP).value
    assert client.get_signature_statuses([dropped]).value == [None]

    forged = Transaction.populate(tx.message, [Signature.new_unique()])
    with pytest.raises(RPCException, match="TransactionSignatureVerificationFailure"):
        client.send_transaction(forged)


def test_signature_statuses_and_history(client: Client, fund: Callable[..., Keypair]) -> None:
    payer, watched = fund(), Keypair().pubkey()
    signatures = []
    for i in range(4):
        tx = sign(client, payer, [pay(payer, watched, 1_000_000 + i), memo(f"note {i}")])
        signatures.append(client.send_transaction(tx).value)
    confirm(client, signatures[-1])

    statuses = client.get_signature_statuses(signatures, search_transaction_history=True).value
    assert all(s is not None and s.err is None for s in statuses)
    assert {str(s.confirmation_status) for s in statuses if s} == {
        "TransactionConfirmationStatus.Finalized"
    }
    assert client.get_signature_statuses([Signature.new_unique()]).value == [None]

    history = client.get_signatures_for_address(watched).value
    assert [h.signature for h in history] == signatures[::-1]
    assert history[0].memo == "[6] note 3" and history[0].err is None and history[0].block_time
    page = client.get_signatures_for_address(watched, limit=2).value
    assert [h.signature for h in page] == signatures[:1:-1]
    rest = client.get_signatures_for_address(watched, before=page[-1].signature).value
    assert [h.signature for h in rest] == signatures[1::-1]
    until = client.get_signatures_for_address(watched, until=signatures[1]).value
    assert [h.signature for h in until] == signatures[:1:-1]


def test_airdrops_of_the_same_amount_both_land(client: Client) -> None:
    to = Keypair().pubkey()
    first = client.request_airdrop(to, 12345).value
    second = client.request_airdrop(to, 12345).value
    assert first != second
    confirm(client, second)
    assert client.get_balance(to).value == 2 * 12345
    assert client.get_transaction(first).value is not None


def simulate(
    client: Client, tx: Transaction, config: RpcSimulateTransactionConfig
) -> SimulateTransactionResp:
    # solana-py's simulate_transaction exposes only sigVerify; its provider takes solders' request.
    return client._provider.make_request(
        SimulateLegacyTransaction(tx, config), SimulateTransactionResp
    )


def test_simulate_transaction(client: Client, fund: Callable[..., Keypair]) -> None:
    payer, to = fund(), Keypair().pubkey()
    tx = sign(client, payer, [pay(payer, to, 2_000_000)])
    result = client.simulate_transaction(tx).value
    assert result.err is None and result.units_consumed == 150
    assert result.logs == [
        "Program 11111111111111111111111111111111 invoke [1]",
        "Program 11111111111111111111111111111111 success",
    ]
    assert client.simulate_transaction(tx, sig_verify=True).value.err is None
    assert client.get_balance(to).value == 0  # nothing committed

    forged = Transaction.populate(tx.message, [Signature.new_unique()])
    assert client.simulate_transaction(forged).value.err is None  # sigVerify defaults to off
    with pytest.raises(RPCException, match="TransactionSignatureVerificationFailure"):
        client.simulate_transaction(forged, sig_verify=True)

    stale = sign(client, payer, [pay(payer, to, 2_000_000)], Hash.new_unique())
    assert (
        client.simulate_transaction(stale).value.err == TransactionErrorFieldless.BlockhashNotFound
    )
    accounts = RpcSimulateTransactionAccountsConfig([to, payer.pubkey()])
    replaced = simulate(
        client,
        stale,
        RpcSimulateTransactionConfig(replace_recent_blockhash=True, accounts=accounts),
    ).value
    assert replaced.err is None
    assert replaced.accounts is not None
    assert [a.lamports if a else None for a in replaced.accounts] == [
        2_000_000,
        10 * 10**9 - 2_005_000,
    ]


def test_simulate_return_data(client: Client, fund: Callable[..., Keypair]) -> None:
    payer = fund()
    mint = Token.create_mint(client, payer, payer.pubkey(), 0, TOKEN_PROGRAM_ID).pubkey
    get_account_data_size = Instruction(
        TOKEN_PROGRAM_ID, bytes([21]), [AccountMeta(mint, False, False)]
    )
    result = client.simulate_transaction(sign(client, payer, [get_account_data_size])).value
    assert result.return_data is not None
    assert result.return_data.program_id == TOKEN_PROGRAM_ID
    assert result.return_data.data == struct.pack("<Q", 165)


def test_versioned_transaction_with_lookup_table(
    client: Client, fund: Callable[..., Keypair]
) -> None:
    payer = fund()
    recipients = [Keypair().pubkey() for _ in range(3)]
    create_ix, table = create_lookup_table(
        CreateLookupTableParams(
            authority_address=payer.pubkey(),
            payer_address=payer.pubkey(),
            recent_slot=client.get_slot().value,
        )
    )
    extend_ix = extend_lookup_table(
        ExtendLookupTableParams(
            payer_address=payer.pubkey(),
            lookup_table_address=table,
            authority_address=payer.pubkey(),
            new_addresses=recipients,
        )
    )
    confirm(client, client.send_transaction(sign(client, payer, [create_ix, extend_ix])).value)
    next_slot(client)  # addresses added to a table become usable in the next slot

    blockhash = client.get_latest_blockhash().value.blockhash
    lookup = AddressLookupTableAccount(table, recipients)
    message = MessageV0.try_compile(
        payer.pubkey(), [pay(payer, r, 1_000_000) for r in recipients], [lookup], blockhash
    )
    tx = VersionedTransaction(message, [payer])
    signature = client.send_transaction(tx).value
    confirm(client, signature)
    assert [client.get_balance(r).value for r in recipients] == [1_000_000] * 3

    with pytest.raises(RPCException, match="maxSupportedTransactionVersion"):
        client.get_transaction(signature)
    found = client.get_transaction(signature, max_supported_transaction_version=0).value
    assert found is not None and found.transaction.version == 0
    meta = found.transaction.meta
    assert meta is not None and meta.loaded_addresses is not None
    assert sorted(meta.loaded_addresses.writable, key=bytes) == sorted(recipients, key=bytes)
    assert meta.post_balances[-3:] == [1_000_000] * 3
    as_base64 = client.get_transaction(
        signature, encoding="base64", max_supported_transaction_version=0
    ).value
    assert as_base64 is not None
    assert bytes(as_base64.transaction.transaction) == bytes(tx)  # type: ignore[arg-type]


def test_durable_nonce_transaction(client: Client, fund: Callable[..., Keypair]) -> None:
    payer, nonce = fund(), Keypair()
    rent = client.get_minimum_balance_for_rent_exemption(80).value
    create = list(create_nonce_account(payer.pubkey(), nonce.pubkey(), payer.pubkey(), rent))
    blockhash = client.get_latest_blockhash().value.blockhash
    tx = Transaction(
        [payer, nonce], Message.new_with_blockhash(create, payer.pubkey(), blockhash), blockhash
    )
    confirm(client, client.send_transaction(tx).value)
    next_slot(client)  # a nonce can advance only once its slot's blockhash is past

    info = client.get_account_info(nonce.pubkey()).value
    assert info is not None
    durable = Hash.from_bytes(bytes(info.data[40:72]))
    advance = advance_nonce_account(
        AdvanceNonceAccountParams(nonce_pubkey=nonce.pubkey(), authorized_pubkey=payer.pubkey())
    )
    to = Keypair().pubkey()
    tx = sign(client, payer, [advance, pay(payer, to, 7777)], durable)
    assert not client.get_fee_for_message(tx.message).value  # not a recent blockhash
    confirm(client, client.send_transaction(tx).value)
    assert client.get_balance(to).value == 7777
    advanced = client.get_account_info(nonce.pubkey()).value
    assert advanced is not None and bytes(advanced.data[40:72]) != bytes(durable)


def test_min_context_slot(client: Client) -> None:
    far = client.get_slot().value + 1_000_000
    with pytest.raises(RPCException, match="Minimum context slot has not been reached"):
        client._provider.make_request(GetSlot(RpcContextConfig(min_context_slot=far)), GetSlotResp)


def test_inner_instructions(client: Client, fund: Callable[..., Keypair]) -> None:
    payer = fund()
    mint = Token.create_mint(client, payer, payer.pubkey(), 0, TOKEN_PROGRAM_ID).pubkey
    create_ata = create_associated_token_account(payer.pubkey(), Keypair().pubkey(), mint)
    tx = sign(client, payer, [create_ata])
    config = RpcSimulateTransactionConfig(inner_instructions=True)
    simulated = simulate(client, tx, config).value
    assert simulated.err is None
    # solders 0.26 parses innerInstructions but exposes them only through to_json.
    assert '"innerInstructions":[{"index":0' in simulated.to_json()

    signature = client.send_transaction(tx).value
    confirm(client, signature)
    found = client.get_transaction(signature).value
    assert found is not None and found.transaction.meta is not None
    (group,) = found.transaction.meta.inner_instructions or []
    assert group.index == 0 and len(group.instructions) == 4
    assert {ix.stack_height for ix in group.instructions} == {2}
    keys = found.transaction.transaction.message.account_keys  # type: ignore[union-attr]
    invoked = {keys[ix.program_id_index] for ix in group.instructions}  # type: ignore[union-attr]
    assert invoked == {TOKEN_PROGRAM_ID, SYSTEM_PROGRAM_ID}

    parsed = client.get_transaction(signature, encoding="jsonParsed").value
    assert parsed is not None and parsed.transaction.meta is not None
    (parsed_group,) = parsed.transaction.meta.inner_instructions or []
    assert {ix.program_id for ix in parsed_group.instructions} == invoked  # type: ignore[union-attr]
