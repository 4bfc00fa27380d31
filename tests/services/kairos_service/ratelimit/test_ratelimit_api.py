"""The guard around the real app: keys, headers, 429, owner scoping, WebSocket, flags, usage."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from starlette.testclient import WebSocketDenialResponse

from .helpers import Db, make_db, new_pubkey


@pytest.fixture
def db(tmp_path: Path) -> Db:
    return make_db(tmp_path)


def h(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


def test_missing_malformed_unknown_wrong_and_revoked_keys_get_401(db: Db) -> None:
    info, key = db.key()
    with db.app() as client:
        r = client.get("/api/health")
        assert r.status_code == 401 and r.json()["title"] == "API key required"
        assert r.headers["content-type"] == "application/problem+json"
        assert client.get("/api/health", headers=h("nope")).json()["detail"] == (
            "the API key is malformed"
        )
        forged = f"kairos_{'0' * 12}_{'A' * 43}"
        assert client.get("/api/health", headers=h(forged)).json()["detail"] == "unknown API key"
        wrong_secret = key[: -4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
        r = client.get("/api/health", headers=h(wrong_secret))
        assert r.status_code == 401 and r.json()["detail"] == "unknown API key"
        ok = client.get("/api/health", headers={"Authorization": f"Bearer {key}"})
        assert ok.status_code == 200
        db.run(lambda s: s.revoke(info.key_id))
        r = client.get("/api/health", headers=h(key))
        assert r.status_code == 401 and "revoked" in r.json()["detail"]


def test_headers_on_every_answer_and_429_with_retry_after(db: Db) -> None:
    _, key = db.key("free")
    with db.app() as client:
        remaining = []
        for _ in range(20):
            r = client.get("/api/health", headers=h(key))
            assert r.status_code == 200
            assert r.headers["X-RateLimit-Limit"] == "20"
            remaining.append(int(r.headers["X-RateLimit-Remaining"]))
            assert int(r.headers["X-RateLimit-Reset"]) > 0
        assert remaining == list(range(19, -1, -1))
        r = client.get("/api/health", headers=h(key))
        assert r.status_code == 429
        # 100/hour: one token per 36 s, less what refilled since the burst began.
        assert 1 <= int(r.headers["Retry-After"]) <= 36
        assert r.headers["X-RateLimit-Remaining"] == "0"
        body = r.json()
        assert body["status"] == 429 and body["tier"] == "free"
        assert body["type"].endswith("/rate-limited") and body["instance"] == "/api/health"
        assert body["retry_after_seconds"] == int(r.headers["Retry-After"])
        assert "exceeded" in body["detail"]
        # A 404 is rate-limited and carries the headers too (every endpoint is wrapped).
        _, key2 = db.key("free")
        r = client.get("/api/nothing", headers=h(key2))
        assert r.status_code == 404 and r.headers["X-RateLimit-Remaining"] == "19"


def test_keys_read_only_their_owners_accounts(db: Db) -> None:
    owner1, owner2 = new_pubkey(), new_pubkey()
    acct1, acct2 = new_pubkey(), new_pubkey()
    db.margin_account(acct1, owner1)
    db.margin_account(acct2, owner2)
    _, by_owner = db.key("enterprise", owners=(owner1,))
    _, by_account = db.key("enterprise", owners=(acct2,))
    _, operator = db.key("enterprise", all_accounts=True)
    with db.app() as client:
        assert client.get(f"/accounts/{acct1}", headers=h(by_owner)).status_code == 200
        r = client.get(f"/accounts/{acct2}", headers=h(by_owner))
        assert r.status_code == 403 and acct2 in r.json()["detail"]
        assert r.headers["X-RateLimit-Remaining"] == "998"  # refusals carry the headers too
        # The owner wallet itself is readable by its key, the other owner is not.
        assert client.get(f"/accounts/{owner1}", headers=h(by_owner)).status_code == 200
        assert client.get(f"/accounts/{owner2}", headers=h(by_owner)).status_code == 403
        assert client.get(f"/accounts/{acct2}", headers=h(by_account)).status_code == 200
        assert client.get(f"/accounts/{acct1}", headers=h(by_account)).status_code == 403
        # Query parameters naming an account are checked the same way.
        r = client.get(f"/api/health?account={acct2}", headers=h(by_owner))
        assert r.status_code == 403
        r = client.get(f"/api/health?account={acct1}&owner={owner2}", headers=h(by_owner))
        assert r.status_code == 403
        for acct in (acct1, acct2, new_pubkey()):
            assert client.get(f"/accounts/{acct}", headers=h(operator)).status_code == 200
        # WebSocket: subscribing to someone else's account is refused and dropped.
        with client.websocket_connect("/ws", headers=h(by_owner)) as ws:
            ws.send_text(json.dumps({"op": "subscribe", "account": acct2}))
            refused = ws.receive_json()
            assert refused["type"] == "error" and refused["status"] == 403
            ws.send_text(json.dumps({"op": "subscribe", "account": acct1}))
            assert ws.receive_json() == {"type": "subscribed", "account": acct1}


def test_websocket_handshake_and_messages_are_limited(db: Db) -> None:
    _, key = db.key("free", all_accounts=True)
    with db.app() as client:
        with pytest.raises(WebSocketDenialResponse) as denied:
            with client.websocket_connect("/ws"):
                pass
        assert denied.value.status_code == 401
        acct = new_pubkey()
        # Browsers cannot set headers: ?api_key= works for /ws. The handshake costs 1.
        with client.websocket_connect(f"/ws?api_key={key}") as ws:
            replies = []
            for _ in range(22):
                ws.send_text(json.dumps({"op": "subscribe", "account": acct}))
                replies.append(ws.receive_json())
        kinds = [r.get("status", r["type"]) for r in replies]
        assert kinds == ["subscribed"] * 19 + [429] * 3
        assert replies[-1]["retry_after_seconds"] >= 1
        with pytest.raises(WebSocketDenialResponse) as denied:
            with client.websocket_connect("/ws", headers=h(key)):
                pass
        assert denied.value.status_code == 429


def test_switches_and_flags_reach_every_replica(db: Db) -> None:
    _, free = db.key("free")
    _, ent = db.key("enterprise")
    with db.app() as a, db.app() as b:
        for client in (a, b):
            with client.websocket_connect("/ws", headers=h(ent)):
                pass
        db.run(lambda s: s.set_switch("feature.ws.stream", "off"))
        time.sleep(0.5)
        for client in (a, b):
            with pytest.raises(WebSocketDenialResponse) as denied:
                with client.websocket_connect("/ws", headers=h(ent)):
                    pass
            assert denied.value.status_code == 403
        db.run(lambda s: s.set_switch("feature.ws.stream", "on"))
        db.run(lambda s: s.set_switch("ratelimit", "strict:0.5"))
        time.sleep(0.5)
        for client in (a, b):
            r = client.get("/api/health", headers=h(free))
            assert r.headers["X-RateLimit-Limit"] == "10"
        db.run(lambda s: s.set_switch("ratelimit", "off"))
        time.sleep(0.5)
        codes = {a.get("/api/health", headers=h(free)).status_code for _ in range(30)}
        assert codes == {200}
        db.run(lambda s: s.set_switch("ratelimit", "normal"))
        time.sleep(0.5)
        codes2 = [b.get("/api/health", headers=h(free)).status_code for _ in range(12)]
        assert 429 in codes2  # in-process buckets: b had 9 left after its strict request
        with pytest.raises(ValueError, match="unknown switch"):
            db.run(lambda s: s.set_switch("everything", "off"))


def test_status_usage_history_and_upgrade(db: Db) -> None:
    info, key = db.key("free", name="bot-1")
    with db.app() as client:
        status = client.get("/api/rate-limits/status", headers=h(key)).json()
        assert status["key_id"] == info.key_id and status["tier"] == "free"
        assert (status["limit"], status["remaining"], status["rate"]) == (20, 19, "100/hour")
        assert status["features"]["api.performance.advanced"] is False
        assert status["features"]["ws.stream"] is True
        assert status["experiments"]["routing.preference"] in ("book-first", "auction-first")
        again = client.get("/api/rate-limits/status", headers=h(key)).json()
        assert again["experiments"] == status["experiments"]  # stable per key
        for _ in range(20):
            client.get("/api/health", headers=h(key))
        usage = client.get("/api/rate-limits/usage", headers=h(key))
        assert usage.status_code == 429  # the key is out of tokens; usage is not cached
        db.run(lambda s: s.set_switch("ratelimit", "off"))
        time.sleep(0.5)
        usage = client.get("/api/rate-limits/usage", headers=h(key)).json()
        by = {e["endpoint"]: e for e in usage["endpoints"]}
        assert by["/api/health"]["requests"] == 20 and by["/api/health"]["rate_limited"] == 2
        assert by["/api/rate-limits/status"]["requests"] == 2
        assert by["/api/rate-limits/usage"]["rate_limited"] == 1
        assert usage["requests"] == 23 and usage["billable"] == 20
        assert usage["bill"]["total_micro_usd"] == 0 and usage["bill"]["total_usd"] == "0.000000"
        assert client.get("/api/rate-limits/usage?month=2026-13",
                          headers=h(key)).status_code == 400
        hist = client.get("/api/rate-limits/history?hours=2", headers=h(key)).json()
        # status x2, health x20, usage x2, the refused month x1 (this request comes after).
        assert len(hist["hours"]) == 1 and hist["hours"][0]["requests"] == 25
        assert client.get("/api/rate-limits/history?hours=0", headers=h(key)).status_code == 422
        # Upgrades: one pending at a time, only upwards, approved by an admin.
        r = client.post("/api/rate-limits/upgrade", headers=h(key),
                        json={"tier": "power", "reason": "market making"})
        assert r.status_code == 202 and r.json()["status"] == "pending"
        r = client.post("/api/rate-limits/upgrade", headers=h(key), json={"tier": "enterprise"})
        assert r.status_code == 409
        r = client.post("/api/rate-limits/upgrade", headers=h(key), json={"tier": "gold"})
        assert r.status_code == 400
        pending = db.run(lambda s: s.list_upgrades("pending"))
        db.run(lambda s: s.decide_upgrade(pending[0]["id"], True))
        status = client.get("/api/rate-limits/status", headers=h(key)).json()
        assert status["tier"] == "power" and status["features"]["api.performance.advanced"]
        r = client.post("/api/rate-limits/upgrade", headers=h(key), json={"tier": "free"})
        assert r.status_code == 400 and "not above" in r.json()["detail"]


def test_cached_answer_for_a_rate_limited_safe_read(db: Db) -> None:
    _, key = db.key("free", all_accounts=True)
    _, other = db.key("free", all_accounts=True)
    acct = new_pubkey()
    with db.app() as client:
        first = client.get(f"/accounts/{acct}", headers=h(key))
        assert first.status_code == 200 and "X-Kairos-Cache" not in first.headers
        for _ in range(19):
            client.get("/api/health", headers=h(key))
        stale = client.get(f"/accounts/{acct}", headers=h(key))
        assert stale.status_code == 200 and stale.headers["X-Kairos-Cache"] == "stale"
        assert stale.content == first.content and stale.headers["X-RateLimit-Remaining"] == "0"
        assert int(stale.headers["Retry-After"]) >= 1 and "Age" in stale.headers
        # Not cached: another path, a non-cacheable endpoint, or another key's answer.
        assert client.get(f"/accounts/{new_pubkey()}", headers=h(key)).status_code == 429
        assert client.get("/api/health", headers=h(key)).status_code == 429
        for _ in range(20):
            client.get("/api/health", headers=h(other))
        assert client.get(f"/accounts/{acct}", headers=h(other)).status_code == 429


def test_metrics_per_tier(db: Db) -> None:
    _, free = db.key("free")
    _, ent = db.key("enterprise")
    with db.app() as client:
        for _ in range(21):
            client.get("/api/health", headers=h(free))
        client.get("/api/health", headers=h(ent))
        text = client.get("/metrics").text
    assert 'kairos_api_requests_total{code="200",endpoint="/api/health",tier="free"} 20.0' in text
    assert 'kairos_api_requests_total{code="429",endpoint="/api/health",tier="free"} 1.0' in text
    assert 'kairos_api_rate_limited_total{endpoint="/api/health",tier="free"} 1.0' in text
    assert 'kairos_api_request_seconds_count{tier="enterprise"} 1.0' in text
    assert "kairos_ratelimit_backend_up 1.0" in text


def test_optional_mode_is_anonymous_free_per_client(db: Db) -> None:
    with db.app(api_keys="optional", anonymous_tier="free") as client:
        codes = [client.get("/api/health").status_code for _ in range(21)]
        assert codes == [200] * 20 + [429]
        status = client.get("/api/rate-limits/status")
        assert status.status_code == 429
        r = client.post("/api/rate-limits/upgrade", json={"tier": "power"})
        assert r.status_code in (401, 429)


def test_data_routes_are_owner_scoped_and_tier_gated(db: Db) -> None:
    owner1, owner2 = new_pubkey(), new_pubkey()
    acct1, acct2 = new_pubkey(), new_pubkey()
    db.margin_account(acct1, owner1)
    db.margin_account(acct2, owner2)
    _, free = db.key("free", owners=(owner1,))
    _, power = db.key("power", owners=(owner1,))
    with db.app() as client:
        for path in ("/api/performance/summary", "/api/performance/history", "/api/trades"):
            r = client.get(f"{path}?account={acct2}&window=7d", headers=h(free))
            assert r.status_code == 403 and acct2 in r.json()["detail"], path
            r = client.get(f"{path}?account={acct1}&window=7d", headers=h(free))
            assert r.status_code != 403, (path, r.text)
        assert client.get(f"/api/accounts/{acct2}/state", headers=h(power)).status_code == 403
        # Attribution and benchmarks are Power and Enterprise features.
        r = client.get(f"/api/performance/attribution?account={acct1}&window=7d",
                       headers=h(free))
        assert r.status_code == 403 and r.json()["feature"] == "api.performance.advanced"
        assert r.json()["type"].endswith("/feature-unavailable")
        r = client.get(f"/api/performance/attribution?account={acct1}&window=7d",
                       headers=h(power))
        assert r.status_code != 403, r.text
        r = client.get(f"/api/performance/benchmarks?account={acct2}&window=7d",
                       headers=h(power))
        assert r.status_code == 403 and acct2 in r.json()["detail"]


def test_a_flood_of_made_up_keys_is_cut_off_before_the_database(db: Db) -> None:
    _, key = db.key("enterprise")
    with db.app() as client:
        guard = client.app.state.guard  # type: ignore[attr-defined]
        lookups = 0
        real_lookup = guard.store.lookup

        async def counting(key_id: str):  # type: ignore[no-untyped-def]
            nonlocal lookups
            lookups += 1
            return await real_lookup(key_id)

        guard.store.lookup = counting
        codes = []
        for i in range(30):
            forged = f"kairos_{i:012x}_{'A' * 43}"
            codes.append(client.get("/api/health", headers=h(forged)).status_code)
        assert codes == [401] * 20 + [429] * 10
        assert lookups == 20  # the last 10 never reached the database
        r = client.get("/api/health", headers=h(key))
        assert r.status_code == 429 and "failed authentications" in r.json()["detail"]
        assert 1 <= int(r.headers["Retry-After"]) <= 36


def test_revoke_and_retier_reach_every_replica_within_the_key_cache_time(db: Db) -> None:
    info, key = db.key("free")
    with db.app(key_cache_seconds=1.0) as a, db.app(key_cache_seconds=1.0) as b:
        for client in (a, b):
            assert client.get("/api/health", headers=h(key)).headers["X-RateLimit-Limit"] == "20"
        db.run(lambda s: s.set_tier(info.key_id, "enterprise"))
        time.sleep(1.2)
        for client in (a, b):
            r = client.get("/api/health", headers=h(key))
            assert r.headers["X-RateLimit-Limit"] == "1000"
        db.run(lambda s: s.revoke(info.key_id))
        time.sleep(1.2)
        for client in (a, b):
            r = client.get("/api/health", headers=h(key))
            assert r.status_code == 401 and "revoked" in r.json()["detail"]


def test_http_ignores_a_key_in_the_query_string(db: Db) -> None:
    _, key = db.key("enterprise")
    with db.app() as client:
        r = client.get(f"/api/health?api_key={key}")
        assert r.status_code == 401 and r.json()["title"] == "API key required"
