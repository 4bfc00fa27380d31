"""Keys, bindings, upgrades, flags, switches and usage roll-ups on SQLite and PostgreSQL."""

from __future__ import annotations

import time

import pytest
from kairos_service.auth.keys import parse_key, verify_key
from kairos_service.auth.store import KeyStore, NotFound
from kairos_service.db.models import MarginAccountRow
from kairos_service.db.session import make_sessionmaker
from kairos_service.ratelimit.flags import FeatureFlag, Switchboard
from kairos_service.ratelimit.tiers import TierName
from kairos_service.ratelimit.usage import UsageRecorder, hour_of, month_start
from sqlalchemy.ext.asyncio import AsyncEngine

from .helpers import new_pubkey


async def test_keys_bindings_and_owner_resolution(engine: AsyncEngine) -> None:
    sessions = make_sessionmaker(engine)
    store = KeyStore(sessions)
    owner, acct, stranger = new_pubkey(), new_pubkey(), new_pubkey()
    async with sessions.begin() as session:
        session.add(MarginAccountRow(address=acct, owner=owner, account_index=0,
                                     created_slot=1, created_time=None))
    info, plaintext = await store.create_key("bot", "power", [owner, owner])
    assert info.owners == (owner,)
    found = await store.lookup(parse_key(plaintext))
    assert found is not None
    principal, stored_hash = found
    assert verify_key(plaintext, stored_hash) and plaintext not in stored_hash
    assert principal.tier.name is TierName.POWER and principal.bindings == {owner}
    assert principal.may_read(acct, await store.owner_of(acct))
    assert not principal.may_read(stranger, await store.owner_of(stranger))
    with pytest.raises(ValueError, match="unknown tier"):
        await store.create_key("x", "platinum")
    with pytest.raises(ValueError, match="base58"):
        await store.create_key("x", "free", ["zz"])
    assert len(await store.list_keys()) == 1  # the refused ones left nothing behind
    await store.bind(info.key_id, [stranger])
    await store.bind(info.key_id, [owner], unbind=True)
    principal2, _ = await store.lookup(info.key_id)  # type: ignore[misc]
    assert principal2.bindings == {stranger}
    with pytest.raises(NotFound):
        await store.revoke("ffffffffffff")
    await store.revoke(info.key_id)
    principal3, _ = await store.lookup(info.key_id)  # type: ignore[misc]
    assert principal3.revoked


async def test_upgrades_flags_and_switches(engine: AsyncEngine) -> None:
    store = KeyStore(make_sessionmaker(engine))
    info, _ = await store.create_key("bot", "free")
    req = await store.request_upgrade(info.key_id, "enterprise", "scale")
    with pytest.raises(FileExistsError):
        await store.request_upgrade(info.key_id, "power")
    denied = await store.decide_upgrade(req["id"], approve=False)
    assert denied["status"] == "denied"
    assert (await store.list_keys())[0].tier == "free"
    req2 = await store.request_upgrade(info.key_id, "power")
    await store.decide_upgrade(req2["id"], approve=True)
    assert (await store.list_keys())[0].tier == "power"
    with pytest.raises(ValueError, match="not above"):
        await store.request_upgrade(info.key_id, "free")
    with pytest.raises(NotFound):
        await store.decide_upgrade(9999, True)
    assert [r["status"] for r in await store.list_upgrades(None)] == ["approved", "denied"]

    await store.set_flag(FeatureFlag("beta", frozenset({TierName.POWER}), 50.0,
                                     variants=(("a", 1), ("b", 1))))
    await store.set_switch("ratelimit", "strict:0.5")
    await store.set_switch("feature.ws.stream", "off")
    board = Switchboard(store.load_switchboard)
    await board.refresh()
    assert board.mode.factor == 0.5 and board.flags["beta"].rollout_percent == 50.0
    assert board.flags["beta"].variants == (("a", 1), ("b", 1))
    assert not board.feature_on("ws.stream", TierName.ENTERPRISE, "k")
    await store.set_switch("ratelimit", "normal")
    await store.set_switch("feature.ws.stream", "on")
    await board.refresh()
    assert board.switches == {} and board.mode.factor == 1.0


async def test_usage_from_two_replicas_sums_exactly(engine: AsyncEngine) -> None:
    sessions = make_sessionmaker(engine)
    replicas = [UsageRecorder(sessions), UsageRecorder(sessions)]
    now = time.time()
    hour = hour_of(now)
    for i in range(30):
        r = replicas[i % 2]
        r.record("k1", "free", "/api/health", status=200 if i < 25 else 429,
                 latency_us=1000 + i, limited=i >= 25, at=now)
    replicas[0].record("k1", "free", "/ws", status=101, latency_us=50_000, limited=False, at=now)
    replicas[1].record("k1", "free", "/api/health", status=503, latency_us=7, limited=False,
                       at=now - 3600)
    replicas[0].record("k2", "power", "/api/health", status=200, latency_us=1, limited=False,
                       at=now)
    for r in replicas:
        await r.flush()
    # A second flush of new traffic adds to the same rows (additive upsert).
    replicas[1].record("k1", "free", "/api/health", status=200, latency_us=99_999,
                       limited=False, at=now)
    assert await replicas[1].flush() == 1
    assert await replicas[1].flush() == 0
    endpoints = await replicas[0].by_endpoint("k1", month_start(now) - 86_400 * 31, hour + 3600)
    by = {e["endpoint"]: e for e in endpoints}
    assert by["/api/health"]["requests"] == 32
    assert by["/api/health"]["rate_limited"] == 5 and by["/api/health"]["errors"] == 1
    assert by["/api/health"]["billable"] == 27
    assert by["/api/health"]["latency_ms_max"] == 99.999
    assert by["/ws"]["requests"] == 1
    hours = await replicas[0].hourly("k1", hour - 3600, hour + 3600)
    assert [(h["hour"], h["requests"]) for h in hours] == [(hour - 3600, 1), (hour, 32)]
    assert await replicas[0].hourly("k2", hour, hour + 3600) != []
