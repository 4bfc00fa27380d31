"""blockSubscribe, slotsUpdatesSubscribe and voteSubscribe through solana-py's websocket client.

solders parses every notification into Agave's types (a parse is a shape check);
the tests check what a single-node validator sends: each slot's block once the
next slot starts, the slot's lifecycle updates, and the node's own vote on it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from kairos_localnet.testing import Cluster
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Confirmed
from solana.rpc.websocket_api import SolanaWsClientProtocol, connect
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.rpc.config import RpcBlockSubscribeFilterMentions
from solders.rpc.responses import (
    BlockNotification,
    SlotUpdateNotification,
    SubscriptionResult,
    UnsubscribeResult,
    VoteNotification,
)
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction
from solders.transaction_status import TransactionDetails

TIMEOUT = 10


async def next_message(ws: SolanaWsClientProtocol, kind: type, test: Any = None) -> Any:
    """The next message of type ``kind`` (passing ``test``), skipping others; bounded."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while loop.time() < deadline:
        for item in await asyncio.wait_for(ws.recv(), TIMEOUT):
            if isinstance(item, kind) and (test is None or test(item)):
                return item
    raise TimeoutError(f"no {kind.__name__}")


async def subscribed(ws: SolanaWsClientProtocol) -> int:
    return int((await next_message(ws, SubscriptionResult)).result)


async def send_transfer(client: AsyncClient, payer: Keypair) -> tuple[str, int]:
    blockhash = (await client.get_latest_blockhash()).value.blockhash
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=Keypair().pubkey(),
                                 lamports=777))  # fmt: skip
    tx = Transaction([payer], Message([ix], payer.pubkey()), blockhash)
    sig = (await client.send_transaction(tx)).value
    await client.confirm_transaction(sig, Confirmed, sleep_seconds=0.05)
    status = (await client.get_signature_statuses([sig])).value[0]
    assert status is not None
    return str(sig), status.slot


async def test_block_subscribe_all_and_mentions(
    localnet: Cluster, async_client: AsyncClient, fund: Callable[..., Keypair]
) -> None:
    payer = fund()
    async with connect(localnet.ws_url) as ws:
        await ws.block_subscribe(max_supported_transaction_version=0)
        all_sub = await subscribed(ws)
        await ws.block_subscribe(
            RpcBlockSubscribeFilterMentions(payer.pubkey()),
            transaction_details=TransactionDetails.Signatures,
            show_rewards=False,
        )
        mentions_sub = await subscribed(ws)
        sig, slot = await send_transfer(async_client, payer)

        note = await next_message(
            ws,
            BlockNotification,
            lambda n: n.subscription == all_sub and n.result.value.slot == slot,
        )
        block = note.result.value.block
        assert note.result.value.err is None and block is not None
        assert sig in [str(t.transaction.signatures[0]) for t in block.transactions]
        assert block.block_height is not None and block.rewards == []
        # The same block as getBlock answers.
        got = (await async_client.get_block(slot, max_supported_transaction_version=0)).value
        assert (got.blockhash, got.parent_slot) == (block.blockhash, block.parent_slot)

        mention = await next_message(
            ws,
            BlockNotification,
            lambda n: n.subscription == mentions_sub and n.result.value.slot == slot,
        )
        mentioned = mention.result.value.block
        # Only the payer's transactions (its airdrop may share the block), as signatures.
        assert sig in [str(s) for s in mentioned.signatures]
        everything = {str(t.transaction.signatures[0]) for t in block.transactions}
        assert {str(s) for s in mentioned.signatures} <= everything
        assert mentioned.transactions is None and mentioned.rewards is None

        await ws.block_unsubscribe(all_sub)
        await next_message(ws, UnsubscribeResult)
        await ws.block_unsubscribe(mentions_sub)
        await next_message(ws, UnsubscribeResult)


async def test_slots_updates(localnet: Cluster) -> None:
    async with connect(localnet.ws_url) as ws:
        await ws.slots_updates_subscribe()
        sub = await subscribed(ws)
        seen: dict[str, Any] = {}
        for _ in range(40):
            note = await next_message(ws, SlotUpdateNotification)
            assert note.subscription == sub
            update = note.result
            seen.setdefault(type(update).__name__, update)
            if {"SlotUpdateFrozen", "SlotUpdateCreatedBank", "SlotUpdateRoot"} <= set(seen):
                break
        created = seen["SlotUpdateCreatedBank"]
        assert created.parent < created.slot
        frozen = seen["SlotUpdateFrozen"]
        assert frozen.stats.num_failed_transactions >= 0
        assert {"SlotUpdateCompleted", "SlotUpdateOptimisticConfirmation"} <= set(seen)
        await ws.slots_updates_unsubscribe(sub)
        await next_message(ws, UnsubscribeResult)


async def test_vote_subscribe(localnet: Cluster, async_client: AsyncClient) -> None:
    async with connect(localnet.ws_url) as ws:
        await ws.vote_subscribe()
        sub = await subscribed(ws)
        first = await next_message(ws, VoteNotification)
        second = await next_message(ws, VoteNotification)
        assert first.subscription == sub
        vote = first.result
        assert len(vote.slots) == 1 and second.result.slots[0] > vote.slots[0]
        block = (await async_client.get_block(vote.slots[0])).value
        assert str(block.blockhash) == str(vote.hash)
        assert vote.timestamp == block.block_time
        identity = (await async_client.get_identity()).value.identity
        assert isinstance(vote.vote_pubkey, Pubkey) and vote.vote_pubkey != identity
        message = b"vote" + vote.slots[0].to_bytes(8, "little") + bytes(block.blockhash)
        assert vote.signature.verify(identity, message)  # signed by the node
        await ws.vote_unsubscribe(sub)
        await next_message(ws, UnsubscribeResult)
