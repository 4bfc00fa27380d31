"""The keeper registry."""

from __future__ import annotations

from pathlib import Path

import pytest
from kairos_keepers import registry
from kairos_keepers.keepers.heartbeat import HeartbeatKeeper
from kairos_keepers.lifecycle import Keeper
from kairos_keepers.registry import (
    UnknownKeeperError,
    get_keeper,
    keepers,
    register,
    unregister,
)


def test_heartbeat_is_built_in() -> None:
    assert get_keeper("heartbeat") is HeartbeatKeeper
    assert "heartbeat" in keepers()
    assert HeartbeatKeeper.needs_keypair is False


def test_unknown_keeper_lists_the_known_ones() -> None:
    with pytest.raises(UnknownKeeperError) as info:
        get_keeper("nope")
    assert "unknown keeper 'nope'" in str(info.value) and "heartbeat" in str(info.value)


def test_register_and_conflicts() -> None:
    class Demo(Keeper):
        name = "demo-test"

        async def tick(self) -> None:
            return None

    class Other(Keeper):
        name = "demo-test"

        async def tick(self) -> None:
            return None

    class Bad(Keeper):
        name = "no spaces"

        async def tick(self) -> None:
            return None

    try:
        assert register(Demo) is Demo
        assert register(Demo) is Demo  # idempotent
        assert get_keeper("demo-test") is Demo
        with pytest.raises(ValueError, match="is taken by"):
            register(Other)
        with pytest.raises(ValueError, match="simple name"):
            register(Bad)
    finally:
        unregister("demo-test")
    assert "demo-test" not in keepers()


def test_a_broken_keeper_module_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "tmp_keepers_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "good.py").write_text(
        "from kairos_keepers.lifecycle import Keeper\n"
        "from kairos_keepers.registry import register\n"
        "@register\n"
        "class Good(Keeper):\n"
        "    name = 'tmp-good'\n"
        "    async def tick(self) -> None:\n"
        "        return None\n"
    )
    (package / "broken.py").write_text("raise ImportError('half-written keeper')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "BUILTIN_PACKAGE", "tmp_keepers_pkg")
    monkeypatch.setattr(registry, "_loaded", False)
    monkeypatch.setattr(registry, "load_errors", {})
    try:
        assert get_keeper("tmp-good").name == "tmp-good"
        assert registry.load_errors == {
            "tmp_keepers_pkg.broken": "ImportError: half-written keeper"
        }
        with pytest.raises(UnknownKeeperError, match="failed to load: tmp_keepers_pkg.broken"):
            get_keeper("broken")
    finally:
        unregister("tmp-good")
