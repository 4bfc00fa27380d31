"""The /metrics and /health endpoints of a running keeper."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
from kairos_keepers.config import KeeperConfig
from kairos_keepers.keepers.heartbeat import HeartbeatKeeper
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.metrics import KeeperMetrics
from kairos_localnet.testing import Cluster


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            return response.status, await response.text()


async def running(runtime: KeeperRuntime, iterations: int = 1) -> asyncio.Task[int]:
    task = asyncio.create_task(runtime.run())
    async with asyncio.timeout(5):
        while runtime.iterations < iterations or runtime.server is None:
            await asyncio.sleep(0.005)
    return task


def config(**overrides: Any) -> KeeperConfig:
    values: dict[str, Any] = {
        "metrics_port": 0,
        "poll_interval": 0.02,
        "rpc_tier": "localnet",
        "rpc_max_retries": 0,
    }
    values.update(overrides)
    return KeeperConfig(**values)


async def test_health_and_metrics_of_a_running_heartbeat(localnet: Cluster) -> None:
    runtime = KeeperRuntime(
        HeartbeatKeeper, config(rpc_url=localnet.rpc_url), install_signal_handlers=False
    )
    task = await running(runtime, iterations=3)
    try:
        assert runtime.server is not None
        status, body = await get(runtime.server.url + "/health")
        assert status == 200, body
        report = json.loads(body)
        assert report["healthy"] is True
        checks = report["checks"]
        assert checks["loop_ok"] and checks["rpc_ok"] and not checks["rpc_probed"]
        assert checks["keeper"] == "heartbeat" and checks["shard"] == "0/1"
        status, text = await get(runtime.server.url + "/metrics")
        assert status == 200
        labels = 'keeper="heartbeat",method="getSlot",status="ok"'
        assert f"kairos_keeper_rpc_requests_total{{{labels}}}" in text
        assert 'kairos_keeper_info{keeper="heartbeat",shard="0/1",version="0.1.0"} 1.0' in text
        assert "kairos_keeper_loop_seconds_bucket" in text
        assert 'kairos_keeper_heartbeat_slot{keeper="heartbeat"}' in text
    finally:
        runtime.request_stop("test")
        assert await task == 0


async def test_unhealthy_when_the_loop_is_stale(localnet: Cluster) -> None:
    class Hung(Keeper):
        name = "hung-test"
        needs_keypair = False

        async def tick(self) -> None:
            if self.runtime.iterations:
                await asyncio.sleep(30)  # the second tick never ends

    runtime = KeeperRuntime(
        Hung,
        config(rpc_url=localnet.rpc_url, health_max_age=0.1, shutdown_grace=0),
        install_signal_handlers=False,
    )
    task = await running(runtime)
    try:
        assert runtime.server is not None
        await asyncio.sleep(0.2)
        status, body = await get(runtime.server.url + "/health")
        assert status == 503
        checks = json.loads(body)["checks"]
        assert checks["loop_ok"] is False and checks["rpc_ok"] is True and checks["rpc_probed"]
    finally:
        runtime.request_stop("test")
        assert await task == 0


async def test_unhealthy_when_the_rpc_is_unreachable() -> None:
    class Idle(Keeper):
        name = "idle-test"
        needs_keypair = False

        async def tick(self) -> None:
            return None

    runtime = KeeperRuntime(
        Idle, config(rpc_url="http://127.0.0.1:9"), install_signal_handlers=False
    )
    task = await running(runtime)
    try:
        assert runtime.server is not None
        status, body = await get(runtime.server.url + "/health")
        assert status == 503
        checks = json.loads(body)["checks"]
        assert checks["loop_ok"] is True and checks["rpc_ok"] is False
    finally:
        runtime.request_stop("test")
        assert await task == 0


def test_metrics_helpers() -> None:
    m = KeeperMetrics("k")
    m.action("liquidate", "attempted")
    m.action("liquidate", "failed", "expired")
    m.rpc_request("getSlot", "ok", 0.01)
    m.rpc_request("getSlot", "429", 0.01)
    m.ws_state(True)
    m.ws_state(False)
    m.ws_state(True, reconnected=True)
    assert m.value("kairos_keeper_actions_failed_total", action="liquidate", reason="expired") == 1
    assert m.total("kairos_keeper_rpc_requests_total", method="getSlot") == 2
    assert m.value("kairos_keeper_ws_reconnects_total") == 1
    assert m.value("kairos_keeper_ws_disconnects_total") == 1
    assert m.value("kairos_keeper_ws_connected") == 1
    try:
        m.action("x", "exploded")
    except ValueError:
        pass
    else:
        raise AssertionError("unknown outcome accepted")
