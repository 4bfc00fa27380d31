"""Cluster-level RPC methods through solana-py's Client and AsyncClient."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest
from kairos_localnet.testing import Cluster
from solana.rpc.api import Client
from solana.rpc.async_api import AsyncClient
from solana.rpc.core import RPCException
from solders.hash import Hash
from solders.keypair import Keypair
from solders.message import Message
from solders.rpc.requests import IsBlockhashValid
from solders.rpc.responses import GetBlockTimeResp, IsBlockhashValidResp
from solders.system_program import TransferParams, transfer


def is_blockhash_valid(client: Client, blockhash: Hash) -> IsBlockhashValidResp:
    # solana-py has no wrapper for isBlockhashValid; its provider and solders do.
    return client._provider.make_request(IsBlockhashValid(blockhash), IsBlockhashValidResp)


def wait_for_slot_after(client: Client, slot: int, timeout: float = 10) -> int:
    deadline = time.monotonic() + timeout
    while (current := client.get_slot().value) <= slot:
        assert time.monotonic() < deadline, "slots are not advancing"
        time.sleep(0.02)
    return current


def test_health_version_identity(client: Client) -> None:
    assert client.is_connected()
    version = client.get_version().value
    assert version.solana_core.count(".") == 2
    assert isinstance(version.feature_set, int)
    identity = client.get_identity().value.identity
    nodes = client.get_cluster_nodes().value
    assert [json.loads(n.to_json())["pubkey"] for n in nodes] == [str(identity)]
    assert client.get_slot_leader().value == identity


def test_genesis_hash_is_stable(client: Client) -> None:
    first = client.get_genesis_hash().value
    assert isinstance(first, Hash)
    assert client.get_genesis_hash().value == first


def test_slots_and_block_height_advance(client: Client) -> None:
    height = client.get_block_height().value  # read first: a tick may come in between
    slot = client.get_slot().value
    later = wait_for_slot_after(client, slot)
    assert later > slot
    assert client.get_block_height().value > height


def test_epoch_info_and_schedule(client: Client) -> None:
    info = client.get_epoch_info().value
    schedule = client.get_epoch_schedule().value
    assert info.absolute_slot >= 0 and info.slot_index < info.slots_in_epoch
    assert schedule.slots_per_epoch > 0
    assert info.transaction_count is None or info.transaction_count >= 0


def test_latest_blockhash_is_valid_and_changes(client: Client) -> None:
    latest = client.get_latest_blockhash().value
    assert latest.last_valid_block_height >= client.get_block_height().value
    assert is_blockhash_valid(client, latest.blockhash).value
    assert not is_blockhash_valid(client, Hash.new_unique()).value
    wait_for_slot_after(client, client.get_slot().value)
    newer = client.get_latest_blockhash().value
    assert newer.blockhash != latest.blockhash
    # An older blockhash stays usable for 150 blocks.
    assert is_blockhash_valid(client, latest.blockhash).value


def test_fee_for_message(client: Client) -> None:
    payer = Keypair()
    blockhash = client.get_latest_blockhash().value.blockhash
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=payer.pubkey(), lamports=1))
    message = Message.new_with_blockhash([ix], payer.pubkey(), blockhash)
    assert client.get_fee_for_message(message).value == 5000
    stale = Message.new_with_blockhash([ix], payer.pubkey(), Hash.new_unique())
    assert client.get_fee_for_message(stale).value is None


def test_rent_exemption(client: Client) -> None:
    assert client.get_minimum_balance_for_rent_exemption(0).value == 890_880
    assert client.get_minimum_balance_for_rent_exemption(165).value == 2_039_280


def test_ledger_bounds_and_block_time(client: Client) -> None:
    assert client.get_first_available_block().value == 0
    assert client.get_minimum_ledger_slot().value == 0
    slot = client.get_slot().value
    block_time = client.get_block_time(slot).value
    assert block_time is not None and block_time >= time.time() - 120
    with pytest.raises(RPCException):
        client.get_block_time(slot + 10_000_000)


async def test_async_client_basics(async_client: AsyncClient, fund: Callable[..., Keypair]) -> None:
    assert await async_client.is_connected()
    payer = fund()
    assert (await async_client.get_balance(payer.pubkey())).value == 10 * 10**9
    assert (await async_client.get_transaction_count()).value > 0
    slot = (await async_client.get_slot()).value
    resp = await async_client.get_block_time(slot)
    assert isinstance(resp, GetBlockTimeResp)


def test_cluster_urls(localnet: Cluster) -> None:
    assert localnet.rpc_url.startswith("http")
    assert localnet.ws_url.startswith("ws")
