"""/api/webhooks through the real app and its API-key guard."""

from __future__ import annotations

from pathlib import Path

import pytest
from solders.keypair import Keypair

from tests.services.kairos_service.ratelimit.helpers import Db, new_pubkey

from ..conftest import new_database_url


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Db:
    from kairos_service.cli import run_migrations

    url = new_database_url(request.param, tmp_path, request)
    run_migrations(url)
    return Db(url)


def test_subscriptions_are_per_key_and_validated(db: Db) -> None:
    _, admin = db.key("enterprise", all_accounts=True)
    _, other = db.key("enterprise", all_accounts=True)
    owner, mine = new_pubkey(), new_pubkey()
    db.margin_account(mine, owner)
    _, bound = db.key("enterprise", owners=(owner,))
    with db.app(webhook_worker=False, webhook_allow_private=False) as client:
        h = {"X-API-Key": admin}
        assert client.get("/api/webhooks").status_code == 401
        made = client.post("/api/webhooks", headers=h, json={
            "url": "https://example.com/hook", "event_types": ["Deposited", "OrderFilled"]})
        assert made.status_code == 201, made.text
        doc = made.json()
        assert doc["secret"].startswith("whsec_") and doc["event_types"] == [
            "Deposited", "OrderFilled"]
        listed = client.get("/api/webhooks", headers=h).json()["webhooks"]
        assert [w["id"] for w in listed] == [doc["id"]] and "secret" not in listed[0]
        # Another key sees nothing of it and cannot touch it.
        o = {"X-API-Key": other}
        assert client.get("/api/webhooks", headers=o).json()["webhooks"] == []
        for method, path in [("get", ""), ("delete", ""), ("get", "/deliveries")]:
            assert getattr(client, method)(f"/api/webhooks/{doc['id']}{path}",
                                           headers=o).status_code == 404
        assert client.post(f"/api/webhooks/{doc['id']}/replay", headers=o,
                           json={"delivery_id": 1}).status_code == 404
        # Bad input: clear 400, nothing created.
        for body, field in [
            ({"url": "ftp://example.com/x"}, "url"),
            ({"url": "http://127.0.0.1:9/x"}, "url"),
            ({"url": "http://169.254.169.254/latest"}, "url"),
            ({"url": "http://[::1]/x"}, "url"),
            ({"url": "https://u:p@example.com/x"}, "url"),
            ({"url": "https://example.com/x", "event_types": ["NoSuchEvent"]}, "event_types"),
            ({"url": "https://example.com/x", "accounts": ["not-a-key"]}, "accounts"),
            ({"url": "https://example.com/x", "secret": "short"}, "secret"),
        ]:
            answer = client.post("/api/webhooks", headers=h, json=body)
            assert answer.status_code == 400, body
            assert answer.json()["parameter"] == field
        assert len(client.get("/api/webhooks", headers=h).json()["webhooks"]) == 1
        bad_replay = client.post(f"/api/webhooks/{doc['id']}/replay", headers=h, json={})
        assert bad_replay.status_code == 400
        assert client.get(f"/api/webhooks/{doc['id']}/deliveries?status=lost",
                          headers=h).status_code == 400
        assert client.get(f"/api/webhooks/{doc['id']}/deliveries",
                          headers=h).json()["deliveries"] == []
        # A key bound to its owner: must name accounts, and only readable ones.
        b = {"X-API-Key": bound}
        refused = client.post("/api/webhooks", headers=b, json={"url": "https://e.com/x"})
        assert refused.status_code == 400
        foreign = client.post("/api/webhooks", headers=b, json={
            "url": "https://e.com/x", "accounts": [str(Keypair().pubkey())]})
        assert foreign.status_code == 403
        ok = client.post("/api/webhooks", headers=b, json={
            "url": "https://e.com/x", "accounts": [mine]})
        assert ok.status_code == 201 and ok.json()["accounts"] == [mine]
        assert client.delete(f"/api/webhooks/{doc['id']}", headers=h).status_code == 204
        assert client.get("/api/webhooks", headers=h).json()["webhooks"] == []
        assert client.delete(f"/api/webhooks/{doc['id']}", headers=h).status_code == 404
