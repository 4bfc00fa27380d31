"""The fault proxy itself: each fault does what it says, and nothing else."""

from __future__ import annotations

import base64
import json
import time

import aiohttp
import pytest
from kairos_keepers.testing.faultproxy import FaultProxy, Faults
from kairos_localnet.testing import Cluster
from solders.hash import Hash
from solders.keypair import Keypair
from solders.message import MessageV0
from solders.system_program import TransferParams, transfer
from solders.transaction import VersionedTransaction

BODY = {"jsonrpc": "2.0", "id": 1, "method": "getSlot"}


Answer = tuple[int, dict[str, str], object]


async def post(url: str, body: dict[str, object], timeout: float = 5.0) -> Answer:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        async with session.post(url, json=body) as response:
            text = await response.text()
            try:
                return response.status, dict(response.headers), json.loads(text)
            except ValueError:
                return response.status, dict(response.headers), text


async def test_forwards_on_loopback(localnet: Cluster) -> None:
    async with FaultProxy(localnet.rpc_url) as proxy:
        assert proxy.rpc_url.startswith("http://127.0.0.1:")
        assert proxy.ws_url == f"ws://127.0.0.1:{proxy.port + 1}"
        status, _, answer = await post(proxy.rpc_url, BODY)
        assert status == 200 and isinstance(answer, dict) and isinstance(answer["result"], int)
        assert proxy.stats.forwarded == 1 and proxy.stats.by_method["getSlot"] == 1


async def test_429_with_retry_after(localnet: Cluster) -> None:
    faults = Faults(rate_limit_rate=1.0, retry_after=2)
    async with FaultProxy(localnet.rpc_url, faults=faults) as proxy:
        status, headers, _ = await post(proxy.rpc_url, BODY)
    assert status == 429 and headers["Retry-After"] == "2"
    assert proxy.stats.rate_limited == 1 and proxy.stats.forwarded == 0


async def test_reset_and_timeout(localnet: Cluster) -> None:
    async with FaultProxy(localnet.rpc_url, faults=Faults(drop_rate=1.0)) as proxy:
        with pytest.raises(aiohttp.ClientError):
            await post(proxy.rpc_url, BODY)
        proxy.faults = Faults(drop_rate=1.0, drop_mode="timeout", hang_seconds=1.0)
        started = time.monotonic()
        with pytest.raises(TimeoutError):
            await post(proxy.rpc_url, BODY, timeout=0.2)
        assert time.monotonic() - started < 0.5
    assert proxy.stats.resets == 1 and proxy.stats.timeouts == 1 and proxy.stats.forwarded == 0


async def test_faults_can_target_methods_and_add_latency(localnet: Cluster) -> None:
    faults = Faults(drop_rate=1.0, methods=frozenset({"getBalance"}), latency=0.1)
    async with FaultProxy(localnet.rpc_url, faults=faults) as proxy:
        started = time.monotonic()
        status, _, _ = await post(proxy.rpc_url, BODY)  # getSlot: untouched, but slowed
        assert status == 200 and time.monotonic() - started >= 0.1
        with pytest.raises(aiohttp.ClientError):
            await post(proxy.rpc_url, {**BODY, "method": "getBalance", "params": ["1" * 32]})


async def test_blackholed_send_answers_the_signature_but_never_forwards(localnet: Cluster) -> None:
    payer = Keypair()
    to = Keypair().pubkey()
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to, lamports=1))
    message = MessageV0.try_compile(payer.pubkey(), [ix], [], Hash.default())
    tx = VersionedTransaction(message, [payer])
    body = {
        "jsonrpc": "2.0",
        "id": 9,
        "method": "sendTransaction",
        "params": [base64.b64encode(bytes(tx)).decode(), {"encoding": "base64"}],
    }
    faults = Faults(blackhole_methods=frozenset({"sendTransaction"}))
    async with FaultProxy(localnet.rpc_url, faults=faults) as proxy:
        status, _, answer = await post(proxy.rpc_url, body)
    assert status == 200 and answer == {"jsonrpc": "2.0", "result": str(tx.signatures[0]), "id": 9}
    assert proxy.stats.blackholed == 1 and proxy.stats.forwarded == 0


async def test_upstream_down_is_a_502() -> None:
    async with FaultProxy("http://127.0.0.1:9") as proxy:
        status, _, _ = await post(proxy.rpc_url, BODY)
    assert status == 502 and proxy.stats.forwarded == 0


def test_fault_validation() -> None:
    with pytest.raises(ValueError):
        Faults(drop_rate=1.5)
    with pytest.raises(ValueError):
        Faults(drop_rate=0.6, rate_limit_rate=0.6)
    with pytest.raises(ValueError):
        Faults(hang_seconds=3600)  # bounded
    with pytest.raises(ValueError):
        Faults(drop_mode="explode")
