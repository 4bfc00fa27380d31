"""Hostile clients against the localnet's limits (issue 11, part 4).

Each test reproduces one attack that took the old server down (an unbounded
batch, a websocket client that subscribes without end and never reads, deeply
nested JSON) and checks that the server refuses or bounds it and keeps serving
everyone else. Every loop here is bounded in count and time; traffic is loopback.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest
from kairos_localnet.errors import INTERNAL_ERROR, PARSE_ERROR, RESPONSE_TOO_LARGE
from kairos_localnet.limits import (
    MAX_BATCH_REQUESTS,
    MAX_JSON_DEPTH,
    MAX_REQUEST_BODY_BYTES,
    MAX_RESPONSE_BYTES,
    MAX_WS_MESSAGE_BYTES,
    Limits,
)
from kairos_localnet.server import Localnet

from tests.clients.kairos_localnet.hostile import (
    NonReadingWebsocket,
    deep_nesting,
    largest_slot_leaders_batch,
    request,
    slot_leaders_batch,
)

TIMEOUT = aiohttp.ClientTimeout(total=60)


def compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


async def post(session: aiohttp.ClientSession, url: str, body: bytes) -> tuple[int, Any]:
    async with session.post(url, data=body, headers={"Content-Type": "application/json"}) as r:
        text = await r.read()
        try:
            return r.status, json.loads(text)
        except ValueError:
            return r.status, text


async def test_the_1500_request_slot_leaders_batch_is_refused_by_body_size() -> None:
    body = slot_leaders_batch(1500)
    assert len(body) > 100_000  # the 120 KB attack that once returned 352 MB
    async with Localnet(slot_ms=50) as net, aiohttp.ClientSession(timeout=TIMEOUT) as session:
        status, answer = await post(session, net.rpc_url, body)
        assert status == 413
        # Nothing was run and the server still answers.
        status, answer = await post(session, net.rpc_url, json.dumps(request("getHealth")).encode())
        assert (status, answer["result"]) == (200, "ok")


async def test_body_limit_is_agaves_50_kib() -> None:
    pad = " " * (MAX_REQUEST_BODY_BYTES - len(json.dumps(request("getHealth"))))
    fits = (json.dumps(request("getHealth")) + pad).encode()
    assert len(fits) == MAX_REQUEST_BODY_BYTES == 50 * 1024
    async with Localnet(slot_ms=50) as net, aiohttp.ClientSession(timeout=TIMEOUT) as session:
        assert (await post(session, net.rpc_url, fits))[1]["result"] == "ok"
        assert (await post(session, net.rpc_url, fits + b" "))[0] == 413


async def test_batch_longer_than_the_limit_is_an_invalid_request() -> None:
    body = compact([request("getHealth", None, i) for i in range(MAX_BATCH_REQUESTS + 1)])
    assert len(body) <= MAX_REQUEST_BODY_BYTES  # refused for its length, not its size
    async with Localnet(slot_ms=50) as net, aiohttp.ClientSession(timeout=TIMEOUT) as session:
        status, answer = await post(session, net.rpc_url, body.encode())
        assert status == 200
        assert answer["error"]["code"] == -32600
        assert str(MAX_BATCH_REQUESTS) in answer["error"]["message"]
        full = compact([request("getHealth", None, i) for i in range(MAX_BATCH_REQUESTS)])
        status, answer = await post(session, net.rpc_url, full.encode())
        assert [a["result"] for a in answer] == ["ok"] * MAX_BATCH_REQUESTS
        assert [a["id"] for a in answer] == list(range(MAX_BATCH_REQUESTS))


async def test_heaviest_batch_that_fits_is_bounded_and_does_not_stall_a_bystander() -> None:
    body = largest_slot_leaders_batch(MAX_REQUEST_BODY_BYTES)
    count = len(json.loads(body))
    async with Localnet(slot_ms=50) as net, aiohttp.ClientSession(timeout=TIMEOUT) as session:
        started = asyncio.Event()
        calls: list[str] = []
        leaders = net.rpc.methods["getSlotLeaders"]
        health = net.rpc.methods["getHealth"]

        def leaders_spy(params: list[Any]) -> Any:
            calls.append("leaders")
            started.set()
            return leaders(params)

        def health_spy(params: list[Any]) -> Any:
            calls.append("health")
            return health(params)

        net.rpc.methods["getSlotLeaders"] = leaders_spy
        net.rpc.methods["getHealth"] = health_spy

        async def attacker() -> tuple[int, Any, int]:
            async with session.post(net.rpc_url, data=body) as r:
                raw = await r.read()
            return r.status, json.loads(raw), len(raw)

        async def bystander() -> Any:
            await asyncio.wait_for(started.wait(), 30)
            getting = json.dumps(request("getHealth")).encode()
            return (await post(session, net.rpc_url, getting))[1]

        (status, answers, size), answer = await asyncio.gather(attacker(), bystander())
        # The bystander was answered between the batch's requests, not after them.
        assert answer["result"] == "ok"
        assert calls.count("health") == 1
        assert 0 < calls.index("health") < len(calls) - 1
        # The response stayed within the limit (plus the one answer that crossed it);
        # the requests after that were not run and say why.
        assert status == 200 and len(answers) == count
        assert size <= MAX_RESPONSE_BYTES + 300_000
        ran = [a for a in answers if "result" in a]
        refused = [a for a in answers if "error" in a]
        assert ran and refused and len(ran) + len(refused) == count
        assert all(len(a["result"]) == 5000 for a in ran)
        assert {a["error"]["code"] for a in refused} == {RESPONSE_TOO_LARGE}
        assert [a["id"] for a in answers] == list(range(count))


async def test_single_response_over_the_limit_is_an_error() -> None:
    limits = Limits(max_response_bytes=100_000)
    async with (
        Localnet(slot_ms=50, limits=limits) as net,
        aiohttp.ClientSession(timeout=TIMEOUT) as session,
    ):
        body = json.dumps(request("getSlotLeaders", [0, 5000], 7)).encode()
        status, answer = await post(session, net.rpc_url, body)
        assert answer["id"] == 7 and answer["error"]["code"] == RESPONSE_TOO_LARGE
        small = json.dumps(request("getSlotLeaders", [0, 10], 8)).encode()
        assert len((await post(session, net.rpc_url, small))[1]["result"]) == 10


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 10_000, 25_000])
async def test_deep_nesting_is_a_parse_error_over_http(depth: int) -> None:
    async with Localnet(slot_ms=50) as net, aiohttp.ClientSession(timeout=TIMEOUT) as session:
        status, answer = await post(session, net.rpc_url, deep_nesting(depth))
        assert status == 200
        assert answer["error"] == {"code": PARSE_ERROR, "message": "Parse error"}
        assert answer["id"] is None
        # Nesting within the limit is parsed (and refused for its params, not its depth).
        status, answer = await post(session, net.rpc_url, deep_nesting(MAX_JSON_DEPTH - 2))
        assert answer["error"]["code"] == -32602


async def test_deep_nesting_is_a_parse_error_over_websocket() -> None:
    depth = MAX_WS_MESSAGE_BYTES // 2 - 10
    async with Localnet(slot_ms=50) as net, aiohttp.ClientSession(timeout=TIMEOUT) as session:
        async with session.ws_connect(net.ws_url) as ws:
            await ws.send_str("[" * depth + "]" * depth)
            answer = await asyncio.wait_for(ws.receive_json(), 10)
            assert answer["error"]["code"] == PARSE_ERROR
            # The connection lives on.
            await ws.send_json(request("slotSubscribe"))
            assert isinstance((await asyncio.wait_for(ws.receive_json(), 10))["result"], int)


async def test_websocket_message_over_4_kib_closes_the_connection() -> None:
    async with Localnet(slot_ms=50) as net, aiohttp.ClientSession(timeout=TIMEOUT) as session:
        async with session.ws_connect(net.ws_url) as ws:
            big = json.dumps(request("accountSubscribe", ["x" * MAX_WS_MESSAGE_BYTES]))
            await ws.send_str(big)
            message = await asyncio.wait_for(ws.receive(), 10)
            assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            assert ws.close_code == 1009  # message too big


async def test_subscription_limits_per_connection_and_in_total() -> None:
    limits = Limits(max_subscriptions_per_connection=5, max_active_subscriptions=8)
    async with (
        Localnet(slot_ms=1000, limits=limits) as net,
        aiohttp.ClientSession(timeout=TIMEOUT) as session,
    ):
        async with (
            session.ws_connect(net.ws_url) as first,
            session.ws_connect(net.ws_url) as second,
        ):

            async def subscribe(ws: aiohttp.ClientWebSocketResponse, n: int) -> list[Any]:
                out = []
                for i in range(n):
                    await ws.send_json(request("rootSubscribe", None, i))
                    out.append(await asyncio.wait_for(ws.receive_json(), 10))
                return out

            answers = await subscribe(first, 6)
            assert all(isinstance(a["result"], int) for a in answers[:5])
            assert answers[5]["error"]["code"] == INTERNAL_ERROR
            assert "subscription limit" in answers[5]["error"]["message"]
            answers = await subscribe(second, 4)
            assert all(isinstance(a["result"], int) for a in answers[:3])
            assert answers[3]["error"] == {
                "code": INTERNAL_ERROR,
                "message": "Internal Error: Subscription refused. Node subscription limit reached",
            }
            assert net.pubsub.subscription_count == 8
            # Unsubscribing frees a place.
            await second.send_json(request("rootUnsubscribe", [answers[0]["result"]], 99))
            assert (await asyncio.wait_for(second.receive_json(), 10))["result"] is True
            assert isinstance((await subscribe(second, 1))[0]["result"], int)


async def test_50000_slot_subscriptions_on_a_socket_that_never_reads() -> None:
    async with Localnet(slot_ms=20) as net, aiohttp.ClientSession(timeout=TIMEOUT) as session:
        host, port = net.host, net.port + 1
        attacker = await NonReadingWebsocket.connect(host, port)
        flood = asyncio.create_task(attacker.flood_subscriptions(50_000))
        peak_queue = 0
        disconnected = False
        try:
            async with session.ws_connect(net.ws_url) as bystander:
                await bystander.send_json(request("slotSubscribe"))
                await asyncio.wait_for(bystander.receive_json(), 10)
                loop = asyncio.get_running_loop()
                deadline = loop.time() + 60
                while loop.time() < deadline:
                    await asyncio.sleep(0.02)
                    peak_queue = max(
                        [
                            peak_queue,
                            *(getattr(c, "queued_bytes", 0) for c in net.pubsub.connections),
                        ]
                    )
                    if flood.done() and len(net.pubsub.connections) == 1:
                        disconnected = True
                        break
                # The reading client still gets its notifications.
                for _ in range(5):
                    note = await asyncio.wait_for(bystander.receive_json(), 10)
                    while "method" not in note:
                        note = await asyncio.wait_for(bystander.receive_json(), 10)
                    assert note["method"] == "slotNotification"
                assert net.pubsub.subscription_count == 1  # only the bystander's
        finally:
            attacker.close()
            await asyncio.wait_for(flood, 30)
        assert disconnected, "the non-reading client was never disconnected"
        assert peak_queue <= net.limits.max_queued_bytes
        assert flood.result() <= 50_000
