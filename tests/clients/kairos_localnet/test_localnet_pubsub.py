"""PubSub subscriptions through solana-py's websocket client (solana.rpc.websocket_api)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from kairos_localnet.testing import Cluster
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.types import MemcmpOpts, TxOpts
from solana.rpc.websocket_api import SolanaWsClientProtocol, SubscriptionError, connect
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.rpc.config import RpcTransactionLogsFilter, RpcTransactionLogsFilterMentions
from solders.rpc.requests import LogsUnsubscribe, SignatureUnsubscribe
from solders.rpc.responses import (
    AccountNotification,
    LogsNotification,
    ProgramNotification,
    RootNotification,
    SignatureNotification,
    SlotNotification,
    SubscriptionResult,
    UnsubscribeResult,
)
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction
from spl.token.async_client import AsyncToken
from spl.token.constants import TOKEN_PROGRAM_ID

MEMO_PROGRAM_ID = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")
TIMEOUT = 10


async def next_message(ws: SolanaWsClientProtocol, kind: type) -> Any:
    """Return the next message of type ``kind``, skipping others (e.g. slot ticks)."""
    while True:
        for item in await asyncio.wait_for(ws.recv(), TIMEOUT):
            if isinstance(item, kind):
                return item


async def subscribed(ws: SolanaWsClientProtocol) -> int:
    result = await next_message(ws, SubscriptionResult)
    return int(result.result)


async def signed(
    client: AsyncClient, payer: Keypair, ixs: list[Instruction], *signers: Keypair
) -> Transaction:
    blockhash = (await client.get_latest_blockhash()).value.blockhash
    message = Message.new_with_blockhash(ixs, payer.pubkey(), blockhash)
    return Transaction([payer, *signers], message, blockhash)


def memo(text: str, signer: Pubkey | None = None) -> Instruction:
    metas = [] if signer is None else [AccountMeta(signer, True, False)]
    return Instruction(MEMO_PROGRAM_ID, text.encode(), metas)


async def test_slot_and_root_notifications(localnet: Cluster) -> None:
    async with connect(localnet.ws_url) as ws:
        await ws.slot_subscribe()
        slot_sub = await subscribed(ws)
        first = await next_message(ws, SlotNotification)
        second = await next_message(ws, SlotNotification)
        assert first.subscription == slot_sub
        assert second.result.slot > first.result.slot >= first.result.parent
        await ws.slot_unsubscribe(slot_sub)

        await ws.root_subscribe()
        root_sub = await subscribed(ws)
        root = await next_message(ws, RootNotification)
        assert root.subscription == root_sub and root.result >= 0


async def test_account_subscription(
    localnet: Cluster, async_client: AsyncClient, fund: Callable[..., Keypair]
) -> None:
    watched = Keypair().pubkey()
    async with connect(localnet.ws_url) as ws:
        await ws.account_subscribe(watched, Confirmed, "base64")
        sub = await subscribed(ws)
        await async_client.request_airdrop(watched, 4242)
        note = await next_message(ws, AccountNotification)
        assert note.subscription == sub
        assert note.result.value.lamports == 4242
        assert note.result.value.owner == Pubkey.default()
        await ws.account_unsubscribe(sub)

        await ws.account_subscribe(watched)  # default encoding (base58 text)
        await subscribed(ws)
        await async_client.request_airdrop(watched, 1000)
        note = await next_message(ws, AccountNotification)
        assert note.result.value.lamports == 5242 and note.result.value.data == b""


async def test_program_subscription_with_filters(
    localnet: Cluster, async_client: AsyncClient, fund: Callable[..., Keypair]
) -> None:
    payer = fund()
    token = await AsyncToken.create_mint(async_client, payer, payer.pubkey(), 0, TOKEN_PROGRAM_ID)
    other = await AsyncToken.create_mint(async_client, payer, payer.pubkey(), 0, TOKEN_PROGRAM_ID)
    holder = Keypair().pubkey()
    async with connect(localnet.ws_url) as ws:
        filters = [165, MemcmpOpts(offset=0, bytes=str(token.pubkey))]
        await ws.program_subscribe(TOKEN_PROGRAM_ID, Confirmed, "base64", filters=filters)
        sub = await subscribed(ws)
        await other.create_associated_token_account(holder)  # filtered out
        ata = await token.create_associated_token_account(holder)
        note = await next_message(ws, ProgramNotification)
        assert note.subscription == sub
        assert note.result.value.pubkey == ata
        assert bytes(note.result.value.account.data)[32:64] == bytes(holder)


async def test_logs_subscriptions(
    localnet: Cluster, async_client: AsyncClient, fund: Callable[..., Keypair]
) -> None:
    payer, marker = fund(), Keypair()
    async with connect(localnet.ws_url) as ws:
        await ws.logs_subscribe(RpcTransactionLogsFilterMentions(marker.pubkey()))
        mentions_sub = await subscribed(ws)
        await ws.logs_subscribe(RpcTransactionLogsFilter.All)
        all_sub = await subscribed(ws)

        unrelated = await signed(async_client, payer, [memo("not for you")])
        await async_client.send_transaction(unrelated)
        tx = await signed(async_client, payer, [memo("hello", marker.pubkey())], marker)
        signature = (await async_client.send_transaction(tx)).value

        seen: dict[int, list[str]] = {mentions_sub: [], all_sub: []}
        while signature not in [s for v in seen.values() for s in v] or not seen[mentions_sub]:
            note = await next_message(ws, LogsNotification)
            seen[note.subscription].append(note.result.value.signature)
            if note.subscription == mentions_sub:
                assert note.result.value.err is None
                assert any('Memo (len 5): "hello"' in line for line in note.result.value.logs)
        assert seen[mentions_sub] == [signature]
        assert unrelated.signatures[0] in seen[all_sub]


async def test_logs_of_failed_transaction(
    localnet: Cluster, async_client: AsyncClient, fund: Callable[..., Keypair]
) -> None:
    payer = fund(10**9)
    async with connect(localnet.ws_url) as ws:
        await ws.logs_subscribe(RpcTransactionLogsFilterMentions(payer.pubkey()))
        await subscribed(ws)
        too_much = TransferParams(
            from_pubkey=payer.pubkey(), to_pubkey=Keypair().pubkey(), lamports=10**12
        )
        tx = await signed(async_client, payer, [transfer(too_much)])
        await async_client.send_transaction(tx, opts=TxOpts(skip_preflight=True))
        note = await next_message(ws, LogsNotification)
        assert note.result.value.err is not None
        assert any("insufficient lamports" in line for line in note.result.value.logs)


async def test_signature_subscription_fires_once(
    localnet: Cluster, async_client: AsyncClient, fund: Callable[..., Keypair]
) -> None:
    payer = fund()
    tx = await signed(async_client, payer, [memo("signed")])
    async with connect(localnet.ws_url) as ws:
        await ws.signature_subscribe(tx.signatures[0], Confirmed)
        sub = await subscribed(ws)
        await async_client.send_transaction(tx)
        note = await next_message(ws, SignatureNotification)
        assert note.subscription == sub and note.result.value.err is None
        # The subscription removed itself after firing.
        await ws.send_data(SignatureUnsubscribe(sub, ws.increment_counter_and_get_id()))
        with pytest.raises(SubscriptionError, match="Invalid subscription id"):
            await next_message(ws, UnsubscribeResult)


async def test_signature_subscription_after_landing(
    localnet: Cluster, async_client: AsyncClient, fund: Callable[..., Keypair]
) -> None:
    payer = fund()
    tx = await signed(async_client, payer, [memo("already there")])
    signature = (await async_client.send_transaction(tx)).value
    async with connect(localnet.ws_url) as ws:
        await ws.signature_subscribe(signature)
        await subscribed(ws)
        note = await next_message(ws, SignatureNotification)
        assert note.result.value.err is None


async def test_websocket_on_the_rpc_port(localnet: Cluster) -> None:
    if localnet.kind != "embedded":
        pytest.skip("only the embedded localnet serves PubSub on the RPC port too")
    async with connect(localnet.rpc_url.replace("http", "ws", 1)) as ws:
        await ws.slot_subscribe()
        await subscribed(ws)
        assert isinstance(await next_message(ws, SlotNotification), SlotNotification)


async def test_unsubscribe(localnet: Cluster) -> None:
    async with connect(localnet.ws_url) as ws:
        await ws.logs_subscribe(RpcTransactionLogsFilterMentions(Keypair().pubkey()))
        sub = await subscribed(ws)
        await ws.logs_unsubscribe(sub)
        assert (await next_message(ws, UnsubscribeResult)).result is True
        # solana-py's *_unsubscribe refuses ids it does not know, so send the request itself.
        await ws.send_data(LogsUnsubscribe(sub, ws.increment_counter_and_get_id()))
        with pytest.raises(SubscriptionError, match="Invalid subscription id"):
            await next_message(ws, UnsubscribeResult)
