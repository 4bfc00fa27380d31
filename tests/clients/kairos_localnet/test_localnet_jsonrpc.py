"""The JSON-RPC envelope: error codes, batches, notifications, and what no client sends.

These need raw HTTP: solana-py never produces malformed requests, base58
transactions, or getRecentPrioritizationFees.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest
from kairos_localnet.codec import b58encode
from kairos_localnet.server import LocalnetThread
from kairos_localnet.testing import Cluster
from solana.rpc.api import Client
from solders.keypair import Keypair
from solders.message import Message
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction


@pytest.fixture
async def http(localnet: Cluster) -> AsyncIterator[Callable[..., Any]]:
    async with aiohttp.ClientSession() as session:

        async def post(body: bytes | str | Any, **kwargs: Any) -> Any:
            data = body if isinstance(body, bytes | str) else None
            json_body = None if data is not None else body
            async with session.post(localnet.rpc_url, data=data, json=json_body, **kwargs) as resp:
                assert resp.status == 200
                return await resp.json() if await resp.read() else None

        yield post


def call(method: str, params: list[Any] | None = None, request_id: Any = 1) -> dict[str, Any]:
    request: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "method": method}
    if params is not None:
        request["params"] = params
    return request


async def test_parse_error(http: Callable[..., Any]) -> None:
    reply = await http(
        b'{"jsonrpc": "2.0", "method": ', headers={"Content-Type": "application/json"}
    )
    assert reply == {
        "jsonrpc": "2.0",
        "error": {"code": -32700, "message": "Parse error"},
        "id": None,
    }


async def test_invalid_request(http: Callable[..., Any]) -> None:
    for body in ({"id": 7, "method": "getSlot"}, {"jsonrpc": "2.0", "id": 7}, 42, []):
        reply = await http(body)
        assert reply["error"]["code"] == -32600, body
        assert reply["error"]["message"] == "Invalid request"


async def test_method_not_found(http: Callable[..., Any]) -> None:
    reply = await http(call("getNothing"))
    assert reply == {
        "jsonrpc": "2.0",
        "error": {"code": -32601, "message": "Method not found"},
        "id": 1,
    }


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("getBalance", []),
        ("getBalance", [12]),
        ("getBalance", ["not-a-pubkey"]),
        ("getAccountInfo", ["11111111111111111111111111111111", {"encoding": "hex"}]),
        ("getSlot", [{"commitment": "max"}]),
        ("getBlockTime", [-1]),
        ("getSignatureStatuses", ["x"]),
        ("sendTransaction", ["!!!", {"encoding": "base64"}]),
        ("sendTransaction", ["AQID", {"encoding": "base64"}]),
        ("getProgramAccounts", ["11111111111111111111111111111111", {"filters": [{"bad": 1}]}]),
        ("getVersion", [1]),
    ],
)
async def test_invalid_params(http: Callable[..., Any], method: str, params: list[Any]) -> None:
    reply = await http(call(method, params))
    assert reply["error"]["code"] == -32602, reply
    assert reply["id"] == 1


async def test_batch_and_notifications(http: Callable[..., Any]) -> None:
    replies = await http([call("getSlot", request_id=1), call("getNothing", request_id="two")])
    assert replies[0]["id"] == 1 and isinstance(replies[0]["result"], int)
    assert replies[1] == {
        "jsonrpc": "2.0",
        "error": {"code": -32601, "message": "Method not found"},
        "id": "two",
    }
    # Requests without an id are notifications: executed, never answered.
    notification = {"jsonrpc": "2.0", "method": "getSlot"}
    assert await http(notification) is None
    assert await http([notification, call("getHealth", request_id=3)]) == [
        {"jsonrpc": "2.0", "result": "ok", "id": 3}
    ]


async def test_send_base58_transaction(
    http: Callable[..., Any], client: Client, fund: Callable[..., Keypair]
) -> None:
    payer, to = fund(), Keypair().pubkey()
    blockhash = client.get_latest_blockhash().value.blockhash
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to, lamports=31337))
    tx = Transaction(
        [payer], Message.new_with_blockhash([ix], payer.pubkey(), blockhash), blockhash
    )
    reply = await http(call("sendTransaction", [b58encode(bytes(tx))]))  # base58 is the default
    assert reply["result"] == str(tx.signatures[0])
    assert client.get_balance(to).value == 31337


async def test_preflight_failure_shape(
    http: Callable[..., Any], client: Client, fund: Callable[..., Keypair]
) -> None:
    payer = fund(10**9)
    blockhash = client.get_latest_blockhash().value.blockhash
    ix = transfer(
        TransferParams(from_pubkey=payer.pubkey(), to_pubkey=payer.pubkey(), lamports=10**12)
    )
    tx = Transaction(
        [payer], Message.new_with_blockhash([ix], payer.pubkey(), blockhash), blockhash
    )
    reply = await http(call("sendTransaction", [b58encode(bytes(tx))]))
    error = reply["error"]
    assert error["code"] == -32002
    assert error["message"].startswith(
        "Transaction simulation failed: Error processing Instruction 0"
    )
    data = error["data"]
    assert data["err"] == {"InstructionError": [0, {"Custom": 1}]}
    assert data["accounts"] is None and data["unitsConsumed"] == 150
    assert (
        data["logs"][-1]
        == "Program 11111111111111111111111111111111 failed: custom program error: 0x1"
    )


async def test_recent_prioritization_fees(http: Callable[..., Any]) -> None:
    reply = await http(call("getRecentPrioritizationFees", [[str(Keypair().pubkey())]]))
    assert isinstance(reply["result"], list)


async def test_http_endpoints(localnet: Cluster) -> None:
    if localnet.kind != "embedded":
        pytest.skip("checks the embedded server's HTTP surface")
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{localnet.rpc_url}/health") as resp:
            assert (resp.status, await resp.text()) == (200, "ok")
        async with session.get(localnet.rpc_url) as resp:
            assert resp.status == 405


async def test_warp_extension() -> None:
    # Its own localnet: a warp must not move the clock under the other tests.
    with LocalnetThread(slot_ms=100) as net:
        async with aiohttp.ClientSession() as session:

            async def rpc(method: str, params: list[Any] | None = None) -> Any:
                async with session.post(net.rpc_url, json=call(method, params)) as resp:
                    return await resp.json()

            slot = (await rpc("getSlot"))["result"]
            reply = await rpc("kairosWarp", [{"slot": slot + 1000}])
            assert reply["result"]["slot"] == slot + 1000
            reply = await rpc("kairosWarp", [{"seconds": 3600}])
            assert reply["result"]["slot"] >= slot + 1000 + 36_000
            assert reply["result"]["unixTimestamp"] >= time.time() + 3600 + 100 - 5
            assert (await rpc("kairosWarp", [{"slot": 0}]))["error"]["code"] == -32602
            assert (await rpc("kairosWarp", [{"minutes": 1}]))["error"]["code"] == -32602
