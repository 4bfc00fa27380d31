"""RateLimitedRpc: every call goes through the bucket, retries, 429 back-off, batching, metrics."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from aiohttp import web
from kairos_keepers.errors import (
    RetriesExhaustedError,
    RpcConnectionError,
    RpcResponseError,
)
from kairos_keepers.metrics import KeeperMetrics
from kairos_keepers.rpc import MAX_MULTIPLE_ACCOUNTS, RateLimitedRpc, parse_retry_after
from kairos_keepers.testing.faultproxy import FaultProxy, Faults
from kairos_localnet.testing import Cluster
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature

from .conftest import airdrop, make_rpc

Reply = tuple[int, dict[str, str], Any]  # status, headers, JSON body (or text)


class ScriptedRpc:
    """A stub JSON-RPC server answering from a script, then from ``default``."""

    def __init__(self, script: list[Reply], default: Callable[[dict[str, Any]], Any]) -> None:
        self.script = list(script)
        self.default = default
        self.requests: list[dict[str, Any]] = []
        self.times: list[float] = []
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        body = json.loads(await request.read())
        self.requests.append(body)
        self.times.append(time.monotonic())
        if self.script:
            status, headers, payload = self.script.pop(0)
            if isinstance(payload, dict) and "error" in payload:
                payload = {"jsonrpc": "2.0", "id": body["id"], **payload}
            text = payload if isinstance(payload, str) else json.dumps(payload)
            return web.Response(status=status, text=text, headers=headers)
        answer = {"jsonrpc": "2.0", "id": body["id"], "result": self.default(body)}
        return web.json_response(answer)


@pytest.fixture
async def scripted() -> AsyncIterator[Callable[..., Any]]:
    runners: list[web.AppRunner] = []

    async def start(
        script: list[Reply], default: Callable[[dict[str, Any]], Any] = lambda b: 42
    ) -> ScriptedRpc:
        stub = ScriptedRpc(script, default)
        app = web.Application()
        app.router.add_post("/", stub.handle)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        stub.url = f"http://127.0.0.1:{port}"
        return stub

    yield start
    for runner in runners:
        await runner.cleanup()


# --- 429 and retryable errors, against a scripted server -------------------------------------


async def test_429_penalises_the_shared_bucket_for_retry_after(
    scripted: Callable[..., Any],
) -> None:
    stub = await scripted([(429, {"Retry-After": "0.3"}, "slow down")])
    metrics = KeeperMetrics("t")
    rpc = make_rpc(stub.url, metrics=metrics)
    try:
        first = asyncio.create_task(rpc.get_slot())
        while rpc.limiter.penalties == 0:
            await asyncio.sleep(0.001)
        # Another task, after the 429: it waits out the penalty too, though it never saw one.
        second = await rpc.get_slot()
        assert await first == 42 and second == 42
    finally:
        await rpc.close()
    assert len(stub.requests) == 3
    rate_limited_at = stub.times[0]
    assert min(stub.times[1:]) - rate_limited_at >= 0.29
    assert rpc.limiter.penalties == 1
    assert metrics.value("kairos_keeper_rpc_rate_limited_total", method="getSlot") == 1
    retries = metrics.value("kairos_keeper_rpc_retries_total", method="getSlot", reason="http_429")
    assert retries == 1
    assert metrics.value("kairos_keeper_rpc_requests_total", method="getSlot", status="429") == 1
    assert metrics.value("kairos_keeper_rpc_requests_total", method="getSlot", status="ok") == 2


async def test_429_without_retry_after_backs_off_exponentially(
    scripted: Callable[..., Any],
) -> None:
    stub = await scripted([(429, {}, "x"), (429, {}, "x"), (429, {}, "x")])
    rpc = make_rpc(stub.url)
    rpc.limiter._penalty_base = 0.05
    try:
        assert await rpc.get_slot() == 42
    finally:
        await rpc.close()
    gaps = [b - a for a, b in zip(stub.times, stub.times[1:], strict=False)]
    assert gaps[0] >= 0.045 and gaps[1] >= 0.095 and gaps[2] >= 0.195  # 0.05, 0.1, 0.2


async def test_node_behind_and_5xx_are_retried_then_succeed(scripted: Callable[..., Any]) -> None:
    behind = {"error": {"code": -32005, "message": "Node is behind by 42 slots"}}
    stub = await scripted([(200, {}, behind), (503, {}, "unavailable"), (200, {}, behind)])
    metrics = KeeperMetrics("t")
    rpc = make_rpc(stub.url, metrics=metrics)
    try:
        assert await rpc.get_slot() == 42
    finally:
        await rpc.close()
    assert rpc.retries == {"rpc_-32005": 2, "http_503": 1}
    assert metrics.value("kairos_keeper_rpc_errors_total", method="getSlot", code="-32005") == 2


async def test_permanent_errors_are_not_retried(scripted: Callable[..., Any]) -> None:
    invalid = {"error": {"code": -32602, "message": "Invalid params"}}
    stub = await scripted([(200, {}, invalid), (400, {}, "bad request")])
    rpc = make_rpc(stub.url)
    try:
        with pytest.raises(RpcResponseError) as info:
            await rpc.get_slot()
        assert info.value.code == -32602
        with pytest.raises(Exception) as http:
            await rpc.get_slot()
        assert getattr(http.value, "status", None) == 400
    finally:
        await rpc.close()
    assert len(stub.requests) == 2 and not rpc.retries


async def test_retries_run_out(scripted: Callable[..., Any]) -> None:
    stub = await scripted([(503, {}, "down")] * 10)
    rpc = make_rpc(stub.url, retries=3)
    try:
        with pytest.raises(RetriesExhaustedError) as info:
            await rpc.get_slot()
    finally:
        await rpc.close()
    assert info.value.attempts == 4 and len(stub.requests) == 4


async def test_connection_refused_is_retried_then_reported() -> None:
    rpc = make_rpc("http://127.0.0.1:9", retries=2)
    try:
        with pytest.raises(RetriesExhaustedError) as info:
            await rpc.get_slot()
    finally:
        await rpc.close()
    assert isinstance(info.value.last, RpcConnectionError)
    assert rpc.calls["getSlot"] == 3


def test_retry_after_header_forms() -> None:
    assert parse_retry_after("2") == 2.0
    assert parse_retry_after(" 0.5 ") == 0.5
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past


async def test_solana_py_client_goes_through_the_limiter(scripted: Callable[..., Any]) -> None:
    stub = await scripted(
        [(429, {"Retry-After": "0.05"}, "slow down")],
        default=lambda body: {"context": {"slot": 1}, "value": 7},
    )
    rpc = make_rpc(stub.url)
    client = rpc.async_client()
    try:
        balance = await client.get_balance(Keypair().pubkey())
    finally:
        await client.close()
        await rpc.close()
    assert balance.value == 7
    assert rpc.calls["getBalance"] == 2 and rpc.limiter.penalties == 1


# --- against the localnet -----------------------------------------------------------------


async def test_calls_against_the_localnet(rpc: RateLimitedRpc) -> None:
    assert await rpc.get_health()
    slot = await rpc.get_slot()
    assert slot >= 0 and await rpc.get_slot() >= slot
    blockhash, last_valid = await rpc.get_latest_blockhash()
    assert last_valid > await rpc.get_block_height()
    assert str(blockhash)
    with pytest.raises(RpcResponseError) as info:
        await rpc.call("noSuchMethod")
    assert info.value.code == -32601
    assert rpc.calls["noSuchMethod"] == 1


async def test_get_multiple_accounts_batches_by_100(rpc: RateLimitedRpc) -> None:
    funded = [Keypair().pubkey() for _ in range(3)]
    for i, key in enumerate(funded):
        await airdrop(rpc, key, 1_000_000 + i)
    keys = [Pubkey.new_unique() for _ in range(247)]
    keys[0], keys[150], keys[246] = funded
    before = rpc.calls["getMultipleAccounts"]
    slot_before = await rpc.get_slot()
    slot, accounts = await rpc.get_multiple_accounts_and_slot(keys)
    assert rpc.calls["getMultipleAccounts"] - before == 3  # ceil(247 / 100)
    assert MAX_MULTIPLE_ACCOUNTS == 100 and slot >= slot_before
    assert len(accounts) == 247
    present = {i: a.lamports for i, a in enumerate(accounts) if a is not None}
    assert present == {0: 1_000_000, 150: 1_000_001, 246: 1_000_002}
    assert await rpc.get_multiple_accounts([]) == []


async def test_more_keys_than_a_call_takes_go_in_one_batch(localnet: Cluster) -> None:
    funded = Keypair().pubkey()
    async with FaultProxy(localnet.rpc_url) as proxy:
        rpc = make_rpc(proxy.rpc_url)
        try:
            await airdrop(rpc, funded, 1_000_000)
            before = proxy.stats.requests
            keys = [Pubkey.new_unique() for _ in range(250)]
            keys[201] = funded
            accounts = await rpc.get_multiple_accounts(keys)
            statuses = await rpc.get_signature_statuses([Signature.new_unique()] * 300)
        finally:
            await rpc.close()
    assert proxy.stats.requests - before == 2  # one HTTP request per batch
    assert proxy.stats.by_method["getMultipleAccounts"] == 3  # calls of 100, 100 and 50
    assert proxy.stats.by_method["getSignatureStatuses"] >= 2  # 256 + 44 (+ the airdrop's)
    assert [i for i, a in enumerate(accounts) if a is not None] == [201]
    assert len(statuses) == 300 and statuses == [None] * 300
    assert rpc.calls["getMultipleAccounts"] == 3


async def test_token_bucket_paces_real_calls(localnet: Cluster) -> None:
    rpc = make_rpc(localnet.rpc_url, rps=100, burst=5)
    try:
        started = time.monotonic()
        await asyncio.gather(*(rpc.get_slot() for _ in range(30)))
        elapsed = time.monotonic() - started
    finally:
        await rpc.close()
    assert elapsed >= (30 - 5) / 100 * 0.95
    assert elapsed < 2.0


async def test_survives_a_proxy_dropping_20_percent_and_429ing_10_percent(
    localnet: Cluster,
) -> None:
    faults = Faults(
        drop_rate=0.2, drop_mode="mixed", rate_limit_rate=0.1, retry_after=0.005, hang_seconds=0.5
    )
    metrics = KeeperMetrics("chaos")
    async with FaultProxy(localnet.rpc_url, faults=faults, seed=3) as proxy:
        rpc = make_rpc(proxy.rpc_url, metrics=metrics, retries=12, timeout=0.4)
        key = Keypair().pubkey()
        try:

            async def worker(n: int) -> list[int]:
                results = []
                for i in range(n):
                    if i % 2:
                        results.append(await rpc.get_slot())
                    else:
                        results.append(int((await rpc.call("getBalance", [str(key)]))["value"]))
                return results

            results = await asyncio.gather(*(worker(20) for _ in range(8)))
        finally:
            await rpc.close()
    assert sum(len(r) for r in results) == 160  # every call eventually succeeded
    stats = proxy.stats
    assert stats.resets > 5 and stats.timeouts > 5 and stats.rate_limited > 5
    assert stats.requests == 160 + stats.resets + stats.timeouts + stats.rate_limited
    retries = metrics.total("kairos_keeper_rpc_retries_total")
    assert retries == stats.resets + stats.timeouts + stats.rate_limited
    assert sum(rpc.retries.values()) == retries
    assert metrics.total("kairos_keeper_rpc_retries_total", reason="http_429") == stats.rate_limited
    assert metrics.total("kairos_keeper_rpc_retries_total", reason="timeout") == stats.timeouts
    assert metrics.total("kairos_keeper_rpc_rate_limited_total") == stats.rate_limited
    assert metrics.total("kairos_keeper_rpc_requests_total", status="connection") == stats.resets
    assert metrics.total("kairos_keeper_rpc_requests_total", status="ok") == 160
