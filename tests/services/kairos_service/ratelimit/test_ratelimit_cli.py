"""`kairos api-keys` and `kairos rate-limits`: the admin commands on a real database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kairos_cli.app import app
from typer.testing import CliRunner

from .helpers import make_db, new_pubkey

runner = CliRunner()


def kairos(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_api_keys_lifecycle(tmp_path: Path) -> None:
    db = make_db(tmp_path)
    url = ["--database-url", db.url]
    owner = new_pubkey()
    code, out = kairos("api-keys", "create", "bot", "--tier", "power", "--owner", owner,
                       *url, "--json")
    assert code == 0, out
    created = json.loads(out)
    assert created["tier"] == "power" and created["owners"] == [owner]
    assert created["api_key"].startswith("kairos_" + created["key_id"])
    code, out = kairos("api-keys", "list", *url, "--json")
    listed = json.loads(out)
    assert [k["key_id"] for k in listed] == [created["key_id"]]
    assert created["api_key"] not in out  # the secret is never listed
    code, out = kairos("api-keys", "tier", created["key_id"], "enterprise", *url, "--json")
    assert code == 0 and json.loads(out)["from"] == "power"
    code, out = kairos("api-keys", "tier", created["key_id"], "gold", *url)
    assert code == 1 and "unknown tier 'gold'" in out
    code, out = kairos("api-keys", "tier", "000000000000", "free", *url)
    assert code == 1 and "no API key" in out
    code, out = kairos("api-keys", "create", "bad", "--owner", "not-a-key", *url)
    assert code == 1 and "not a base58 public key" in out
    assert len(json.loads(kairos("api-keys", "list", *url, "--json")[1])) == 1  # nothing made
    other = new_pubkey()
    code, _ = kairos("api-keys", "bind", created["key_id"], other, *url)
    assert code == 0
    code, out = kairos("api-keys", "list", *url, "--json")
    assert sorted(json.loads(out)[0]["owners"]) == sorted([owner, other])
    code, _ = kairos("api-keys", "revoke", created["key_id"], *url)
    assert code == 0
    assert json.loads(kairos("api-keys", "list", *url, "--json")[1]) == []
    revoked = json.loads(kairos("api-keys", "list", "--revoked", *url, "--json")[1])
    assert revoked[0]["revoked_at"] is not None
    code, out = kairos("api-keys", "tier", created["key_id"], "free", *url)
    assert code == 1 and "revoked" in out
    code, out = kairos("api-keys", "list", *url)
    assert code == 0


def test_upgrades_switches_flags(tmp_path: Path) -> None:
    db = make_db(tmp_path)
    url = ["--database-url", db.url]
    info, _ = db.key("free")
    request = db.run(lambda s: s.request_upgrade(info.key_id, "power", "bot"))
    code, out = kairos("api-keys", "upgrades", "list", *url, "--json")
    assert code == 0 and json.loads(out)[0]["id"] == request["id"]
    code, out = kairos("api-keys", "upgrades", "approve", str(request["id"]), *url, "--json")
    assert code == 0 and json.loads(out)["status"] == "approved"
    code, out = kairos("api-keys", "upgrades", "deny", str(request["id"]), *url)
    assert code == 1 and "already approved" in out
    assert db.run(lambda s: s.list_keys())[0].tier == "power"
    code, out = kairos("rate-limits", "switch", "ratelimit", "strict:0.25", *url)
    assert code == 0
    code, out = kairos("rate-limits", "switch", "ratelimit", "loose", *url)
    assert code == 1 and "strict" in out
    code, out = kairos("rate-limits", "flag", "api.performance.advanced", "--tiers",
                       "enterprise", "--rollout", "25", "--variant", "a=1", "--variant", "b=3",
                       *url)
    assert code == 0, out
    code, out = kairos("rate-limits", "flag", "x", "--rollout", "150", *url)
    assert code == 1 and "0..100" in out
    code, out = kairos("rate-limits", "show", *url, "--json")
    shown = json.loads(out)
    assert shown["switches"] == {"ratelimit": "strict:0.25"}
    flag = next(f for f in shown["flags"] if f["name"] == "api.performance.advanced")
    assert flag == {"name": "api.performance.advanced", "tiers": ["enterprise"],
                    "rollout_percent": 25.0, "enabled": True, "variants": [["a", 1], ["b", 3]]}
    code, out = kairos("rate-limits", "switch", "ratelimit", "normal", *url, "--json")
    assert json.loads(kairos("rate-limits", "show", *url, "--json")[1])["switches"] == {}
    code, out = kairos("rate-limits", "show", *url)
    assert code == 0 and "enterprise" in out


def test_serve_refuses_bad_rate_limit_options() -> None:
    code, out = kairos("serve", "--api-keys", "sometimes")
    assert code == 2 and "api_keys must be optional or required" in out
    code, out = kairos("serve", "--redis-url", "http://x")
    assert code == 2 and "redis_url" in out


def test_service_client_sends_kairos_api_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kairos performance show` / `account state` work against a keys-required service."""
    import threading
    import time

    import uvicorn
    from kairos_service.app import create_app
    from kairos_service.cli import ServiceError, fetch
    from kairos_service.config import ServiceConfig
    from kairos_service.ratelimit.redis_server import free_port

    db = make_db(tmp_path)
    _, key = db.key("enterprise", all_accounts=True)
    port = free_port()
    app = create_app(ServiceConfig(database_url=db.url, run_indexer=False, api_keys="required"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port}"
        monkeypatch.delenv("KAIROS_API_KEY", raising=False)
        with pytest.raises(ServiceError, match="401: send your key"):
            fetch(url, "/api/health")
        monkeypatch.setenv("KAIROS_API_KEY", key)
        assert fetch(url, "/api/health")["status"] == "ok"
    finally:
        server.should_exit = True
        thread.join(10)
