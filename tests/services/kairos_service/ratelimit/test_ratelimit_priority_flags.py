"""Saturation queue order, feature flags, rollout, A/B stability, switches, API key format."""

from __future__ import annotations

import asyncio

import pytest
from kairos_service.auth.keys import (
    InvalidApiKey,
    generate_key,
    hash_key,
    key_from_headers,
    parse_key,
    verify_key,
)
from kairos_service.ratelimit.cache import ReadCache
from kairos_service.ratelimit.flags import (
    FeatureFlag,
    RateLimitMode,
    Switchboard,
    hash_share,
    validate_switch,
)
from kairos_service.ratelimit.priority import PriorityGate, Saturated
from kairos_service.ratelimit.tiers import TIERS, TierName

FREE, POWER, ENT = (TIERS[t].priority for t in TierName)


async def test_saturated_gate_serves_enterprise_before_free() -> None:
    gate = PriorityGate(max_in_flight=1, max_queue=8, max_wait_seconds=5)
    served: list[str] = []
    release = asyncio.Event()

    async def holder() -> None:
        async with gate.slot(FREE):
            await release.wait()

    async def request(name: str, priority: int) -> None:
        async with gate.slot(priority):
            served.append(name)
            await asyncio.sleep(0)

    hold = asyncio.create_task(holder())
    await asyncio.sleep(0)
    assert gate.in_flight == 1
    tasks = []
    # Free clients arrive first; Enterprise and Power arrive later but are served first.
    for name, prio in [("free1", FREE), ("free2", FREE), ("ent1", ENT), ("power1", POWER),
                       ("free3", FREE), ("ent2", ENT)]:
        tasks.append(asyncio.create_task(request(name, prio)))
        await asyncio.sleep(0)
    assert gate.queued == 6
    release.set()
    await asyncio.gather(hold, *tasks)
    assert served == ["ent1", "ent2", "power1", "free1", "free2", "free3"]
    assert gate.in_flight == 0 and gate.queued == 0


async def test_full_queue_evicts_lower_tier_and_refuses_equal() -> None:
    gate = PriorityGate(max_in_flight=1, max_queue=2, max_wait_seconds=5)
    release = asyncio.Event()
    served: list[str] = []

    async def holder() -> None:
        async with gate.slot(FREE):
            await release.wait()

    async def request(name: str, priority: int) -> str:
        try:
            async with gate.slot(priority):
                served.append(name)
            return "ok"
        except Saturated as exc:
            return exc.reason

    hold = asyncio.create_task(holder())
    await asyncio.sleep(0)
    f1 = asyncio.create_task(request("free1", FREE))
    f2 = asyncio.create_task(request("free2", FREE))
    await asyncio.sleep(0)
    # Queue full of Free: another Free is refused at once...
    assert await request("free3", FREE) == "server saturated: queue full"
    # ...an Enterprise request evicts the latest Free waiter.
    e1 = asyncio.create_task(request("ent1", ENT))
    await asyncio.sleep(0)
    assert await f2 == "server saturated: evicted by a higher tier"
    release.set()
    await hold
    assert await e1 == "ok" and await f1 == "ok"
    assert served == ["ent1", "free1"]
    assert (gate.refused, gate.evicted, gate.in_flight) == (1, 1, 0)


async def test_waiter_times_out_and_slot_is_not_leaked() -> None:
    gate = PriorityGate(max_in_flight=1, max_queue=2, max_wait_seconds=0.05)
    release = asyncio.Event()

    async def holder() -> None:
        async with gate.slot(FREE):
            await release.wait()

    hold = asyncio.create_task(holder())
    await asyncio.sleep(0)
    with pytest.raises(Saturated, match="waited too long"):
        async with gate.slot(ENT):
            pass
    assert gate.queued == 0
    release.set()
    await hold
    assert gate.in_flight == 0
    async with gate.slot(FREE):
        assert gate.in_flight == 1


def test_gate_rejects_bad_bounds() -> None:
    with pytest.raises(ValueError):
        PriorityGate(0, 1)


def test_rollout_is_stable_monotone_and_near_share() -> None:
    keys = [f"{i:012x}" for i in range(4000)]
    at10 = {k for k in keys if FeatureFlag("x", rollout_percent=10).enabled_for(TierName.FREE, k)}
    at30 = {k for k in keys if FeatureFlag("x", rollout_percent=30).enabled_for(TierName.FREE, k)}
    assert at10 <= at30  # raising the share only adds keys
    assert 300 < len(at10) < 500 and 1050 < len(at30) < 1350
    # Another flag picks another sample (not the same 10% every time).
    other = {k for k in keys if FeatureFlag("y", rollout_percent=10).enabled_for(TierName.FREE, k)}
    assert len(other & at10) < 100
    assert hash_share("a", "b") == hash_share("a", "b")


def test_tiers_disabled_and_variants() -> None:
    flag = FeatureFlag("adv", frozenset({TierName.ENTERPRISE}))
    assert not flag.enabled_for(TierName.FREE, "k") and flag.enabled_for(TierName.ENTERPRISE, "k")
    assert not FeatureFlag("off", enabled=False).enabled_for(TierName.ENTERPRISE, "k")
    ab = FeatureFlag("route", variants=(("a", 1), ("b", 3)))
    picks = [ab.variant_for(f"{i}") for i in range(2000)]
    assert picks == [ab.variant_for(f"{i}") for i in range(2000)]  # stable per key
    assert 350 < picks.count("a") < 650
    assert FeatureFlag("none").variant_for("k") is None
    with pytest.raises(ValueError):
        FeatureFlag("bad", rollout_percent=101)
    with pytest.raises(ValueError):
        FeatureFlag("bad", variants=(("a", 0),))


def test_switch_values_validated() -> None:
    assert RateLimitMode.parse("strict:0.5") == RateLimitMode(True, 0.5)
    assert RateLimitMode.parse("off") == RateLimitMode(False, 1.0)
    for bad in ("strict:0", "strict:2", "strict:x", "loose"):
        with pytest.raises(ValueError):
            RateLimitMode.parse(bad)
    validate_switch("feature.ws.stream", "off")
    with pytest.raises(ValueError, match="unknown switch"):
        validate_switch("readonly", "on")
    with pytest.raises(ValueError):
        validate_switch("feature.x", "maybe")


async def test_switchboard_keeps_last_good_mode_and_kills_features() -> None:
    snapshots = [({"ratelimit": "strict:0.5", "feature.ws.stream": "off"}, [])]

    async def loader():  # type: ignore[no-untyped-def]
        return snapshots[-1]

    board = Switchboard(loader, refresh_seconds=0.01)
    await board.start()
    try:
        assert board.mode.factor == 0.5
        assert not board.feature_on("ws.stream", TierName.ENTERPRISE, "k")
        assert board.feature_on("api.accounts", TierName.FREE, "k")
        assert not board.feature_on("api.performance.advanced", TierName.FREE, "k")
        snapshots.append(({"ratelimit": "bogus"}, [FeatureFlag("api.accounts", enabled=False)]))
        await asyncio.sleep(0.05)
        assert board.mode.factor == 0.5  # bad value ignored, last good kept
        assert not board.feature_on("api.accounts", TierName.FREE, "k")
        assert board.feature_on("ws.stream", TierName.FREE, "k")
    finally:
        await board.stop()


def test_api_keys_hash_and_parse() -> None:
    new = generate_key()
    assert parse_key(new.plaintext) == new.key_id
    assert new.key_hash == hash_key(new.plaintext) and new.plaintext not in new.key_hash
    assert verify_key(new.plaintext, new.key_hash)
    tampered = new.plaintext[:-1] + ("A" if new.plaintext[-1] != "A" else "B")
    assert not verify_key(tampered, new.key_hash)
    for bad in ("", "kairos_", "kairos_zzzzzzzzzzzz_" + "a" * 43, new.plaintext + "x",
                "Bearer " + new.plaintext):
        with pytest.raises(InvalidApiKey):
            parse_key(bad)
    assert generate_key().key_id != generate_key().key_id
    assert key_from_headers({"x-api-key": " k "}) == "k"
    assert key_from_headers({"authorization": "Bearer k2"}) == "k2"
    assert key_from_headers({"authorization": "Basic x"}) is None


def test_read_cache_is_per_key_and_bounded() -> None:
    cache = ReadCache(maxsize=2, ttl_seconds=60, max_body_bytes=10)
    cache.store("k1", "/api/x", "", b"{}", "application/json")
    assert cache.get("k2", "/api/x", "") is None
    assert cache.get("k1", "/api/x", "a=1") is None
    assert cache.get("k1", "/api/x", "") is not None
    cache.store("k1", "/big", "", b"x" * 11, "text/plain")
    assert cache.get("k1", "/big", "") is None
