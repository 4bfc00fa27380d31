"""Two app replicas on one real Redis; Redis stopped mid-run; premium first under saturation."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest
from kairos_service.app import create_app
from kairos_service.auth.store import open_store
from kairos_service.config import ServiceConfig
from kairos_service.ratelimit.redis_server import RedisServer

from .helpers import FAST, Db, make_db


@pytest.fixture
def db(tmp_path: Path) -> Db:
    return make_db(tmp_path)


def h(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


def test_two_replicas_share_one_limit_and_survive_redis_outage(
    db: Db, redis_server: RedisServer
) -> None:
    _, key = db.key("free")
    with db.app(redis_url=redis_server.url) as a, db.app(redis_url=redis_server.url) as b:
        codes = [(a if i % 2 else b).get("/api/health", headers=h(key)).status_code
                 for i in range(30)]
        assert codes.count(200) == 20 and codes.count(429) == 10
        r = a.get("/api/health", headers=h(key))
        assert r.status_code == 429 and r.headers["X-RateLimit-Remaining"] == "0"

        redis_server.stop()
        # Policy "local": each replica keeps answering with its own in-process bucket.
        down = [a.get("/api/health", headers=h(key)).status_code for _ in range(22)]
        assert down == [200] * 20 + [429] * 2
        metrics = a.get("/metrics").text
        assert "kairos_ratelimit_backend_up 0.0" in metrics
        assert 'kairos_ratelimit_degraded_decisions_total{policy="in-process-fallback"} 22.0' in (
            metrics
        )
        assert b.get("/api/health", headers=h(key)).status_code == 200  # b's own bucket

        redis_server.start()
        time.sleep(1.1)  # the probe window after the last failure
        r = a.get("/api/health", headers=h(key))
        assert r.status_code == 200
        # Redis came back empty (no persistence): a fresh shared bucket.
        assert r.headers["X-RateLimit-Remaining"] == "19"
        assert "kairos_ratelimit_backend_up 1.0" in a.get("/metrics").text
        assert b.get("/api/health", headers=h(key)).headers["X-RateLimit-Remaining"] == "18"


def test_fail_closed_policy_refuses_while_redis_is_away(db: Db, redis_server: RedisServer) -> None:
    _, key = db.key("enterprise")
    with db.app(redis_url=redis_server.url, redis_failure_policy="closed") as a:
        assert a.get("/api/health", headers=h(key)).status_code == 200
        redis_server.stop()
        r = a.get("/api/health", headers=h(key))
        assert r.status_code == 429 and r.headers["Retry-After"] == "1"


async def test_saturated_replica_serves_enterprise_before_free(db: Db) -> None:
    async with open_store(db.url) as store:
        _, free = await store.create_key("f", "free")
        _, ent = await store.create_key("e", "enterprise")
    config = ServiceConfig(database_url=db.url, **(FAST | {
        "rate_limit_max_in_flight": 1, "rate_limit_max_queue": 4,
        "rate_limit_max_wait_seconds": 10.0}))
    app = create_app(config)
    gate_open = asyncio.Event()
    order: list[str] = []

    async def slow() -> dict[str, str]:
        await gate_open.wait()
        return {"ok": "slow"}

    async def record(name: str) -> dict[str, str]:
        order.append(name)
        return {"ok": name}

    app.add_api_route("/api/test/slow", slow)
    app.add_api_route("/api/test/record", record)
    guard = app.state.guard
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            holder = asyncio.create_task(client.get("/api/test/slow", headers=h(free)))
            while guard.gate.in_flight < 1:
                await asyncio.sleep(0.01)
            tasks = []
            for name, key in [("free-1", free), ("free-2", free), ("ent-1", ent),
                              ("free-3", free), ("ent-2", ent)]:
                tasks.append(asyncio.create_task(
                    client.get(f"/api/test/record?name={name}", headers=h(key))))
                n = len(tasks)
                while (guard.gate.queued < n) if n <= 4 else (guard.gate.evicted < 1):
                    await asyncio.sleep(0.01)
            # The queue holds 4: the fifth (Enterprise) evicted the latest Free waiter.
            gate_open.set()
            answers = await asyncio.gather(holder, *tasks)
    codes = [r.status_code for r in answers]
    assert codes == [200, 200, 200, 200, 503, 200]
    assert answers[4].json()["detail"] == "server saturated: evicted by a higher tier"
    assert answers[4].headers["Retry-After"] == "1"
    assert order == ["ent-1", "ent-2", "free-1", "free-2"]
