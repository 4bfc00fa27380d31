"""Keeper configuration: precedence file < env < flags, derived values, validation errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from kairos.program import PROGRAM_ID
from kairos_keepers.config import (
    RPC_TIERS,
    ConfigError,
    KeeperConfig,
    coerce,
    derive_ws_url,
    load_config,
    parse_assignments,
)
from kairos_keepers.keepers.heartbeat import HeartbeatSettings
from solders.pubkey import Pubkey


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "keeper.toml"
    path.write_text(text)
    return path


def test_defaults_and_derived_values() -> None:
    config = load_config(env={}).config
    assert config.rpc_url == "http://127.0.0.1:8899"
    assert config.ws_url == "ws://127.0.0.1:8900"  # port + 1, like solana-test-validator
    assert config.program_id == PROGRAM_ID
    assert (config.rpc_rps, config.rpc_burst) == RPC_TIERS["free"]
    assert config.source_of("rpc_url") == "default"
    assert config.source_of("ws_url") == "derived from rpc_url"
    assert config.source_of("rpc_rps") == "rpc_tier free"
    assert config.health_max_age >= 3 * config.poll_interval


def test_ws_url_derivation() -> None:
    assert derive_ws_url("http://127.0.0.1:8899") == "ws://127.0.0.1:8900"
    assert derive_ws_url("https://rpc.example.com") == "wss://rpc.example.com"
    assert derive_ws_url("https://rpc.example.com:443/key") == "wss://rpc.example.com:444/key"


def test_precedence_file_then_env_then_flags(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'rpc_url = "http://file:1000"\npoll_interval = 3\npriority_fee = 10\nlog_format = "text"\n',
    )
    env = {
        "KAIROS_KEEPER_POLL_INTERVAL": "2.5",
        "KAIROS_KEEPER_PRIORITY_FEE": "20",
    }
    flags = {"priority_fee": "30", "rpc_url": None}  # None: flag not given
    loaded = load_config(config_path=path, env=env, flags=flags)
    config = loaded.config
    assert config.rpc_url == "http://file:1000"
    assert config.ws_url == "ws://file:1001"
    assert config.poll_interval == 2.5
    assert config.priority_fee == 30
    assert config.log_format == "text"
    assert config.source_of("rpc_url") == f"file {path}"
    assert config.source_of("poll_interval") == "env KAIROS_KEEPER_POLL_INTERVAL"
    assert config.source_of("priority_fee") == "flag --priority-fee"
    assert loaded.config_path == path


def test_config_path_from_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "shard_count = 3\n")
    config = load_config(env={"KAIROS_KEEPER_CONFIG": str(path)}).config
    assert config.shard_count == 3


def test_tier_presets_are_overridable() -> None:
    config = load_config(env={"KAIROS_KEEPER_RPC_TIER": "paid"}).config
    assert (config.rpc_rps, config.rpc_burst) == RPC_TIERS["paid"]
    config = load_config(env={"KAIROS_KEEPER_RPC_TIER": "paid"}, flags={"rpc_burst": "7"}).config
    assert (config.rpc_rps, config.rpc_burst) == (RPC_TIERS["paid"][0], 7)
    assert config.source_of("rpc_burst") == "flag --rpc-burst"
    assert config.source_of("rpc_rps") == "rpc_tier paid"


def test_explicit_ws_url_wins() -> None:
    config = load_config(env={}, flags={"ws_url": "wss://other:1"}).config
    assert config.ws_url == "wss://other:1"


def test_keeper_section_env_and_set(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[keepers.heartbeat]\nstall_warning_seconds = 12\n"
        "[keepers.liquidator]\nanything = 'is not ours to judge'\n",
    )
    loaded = load_config("heartbeat", HeartbeatSettings, config_path=path, env={})
    assert loaded.settings == HeartbeatSettings(12.0)
    assert loaded.settings_sources["stall_warning_seconds"].startswith("file ")
    env = {
        "KAIROS_KEEPER_HEARTBEAT__STALL_WARNING_SECONDS": "13",
        "KAIROS_KEEPER_TRIGGER__WHATEVER": "1",  # another keeper's: ignored
    }
    loaded = load_config("heartbeat", HeartbeatSettings, config_path=path, env=env)
    assert loaded.settings.stall_warning_seconds == 13.0
    loaded = load_config(
        "heartbeat",
        HeartbeatSettings,
        config_path=path,
        env=env,
        keeper_flags=parse_assignments(["stall_warning_seconds=14"]),
    )
    assert loaded.settings.stall_warning_seconds == 14.0
    assert loaded.settings_sources["stall_warning_seconds"] == "flag --set stall_warning_seconds"


def problems_of(**kwargs: object) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_config(**kwargs)  # type: ignore[arg-type]
    return info.value.problems


def test_errors_name_the_field_and_where_it_came_from(tmp_path: Path) -> None:
    path = write(tmp_path, 'rpc_rps = -1\ncommitment = "final"\n')
    problems = problems_of(
        config_path=path,
        env={"KAIROS_KEEPER_PRIORITY_FEE": "lots"},
        flags={"cu_margin": "0.5", "program_id": "not-a-key"},
    )
    text = "\n".join(problems)
    assert f"rpc_rps = -1.0 (config file {path}): must be >= 0" in text
    assert "commitment = 'final'" in text
    assert "must be one of processed, confirmed, finalized" in text
    assert (
        "priority_fee = 'lots' (environment variable KAIROS_KEEPER_PRIORITY_FEE): "
        "must be an integer" in text
    )
    assert "cu_margin = 0.5 (flag --cu-margin): must be >= 1" in text
    assert "program_id = 'not-a-key' (flag --program-id): must be a base58 public key" in text
    assert len(problems) == 5  # every problem at once


def test_unknown_keys_are_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "rpc_ulr = 'http://typo'\n[keepers.heartbeat]\nstall = 1\n")
    problems = problems_of(
        keeper="heartbeat",
        settings_type=HeartbeatSettings,
        config_path=path,
        env={"KAIROS_KEEPER_POLL_INTERVALL": "1"},
    )
    text = "\n".join(problems)
    assert f"unknown setting 'rpc_ulr' (config file {path})" in text
    assert (
        "unknown setting 'poll_intervall' "
        "(environment variable KAIROS_KEEPER_POLL_INTERVALL)" in text
    )
    assert "unknown setting 'stall'" in text and "[keepers.heartbeat]" in text


def test_cross_field_errors() -> None:
    problems = problems_of(env={"KAIROS_KEEPER_SHARD_INDEX": "4"}, flags={"shard_count": "4"})
    assert problems == [
        "shard_index = 4 (environment variable KAIROS_KEEPER_SHARD_INDEX): "
        "must be less than shard_count = 4 (flag --shard-count)"
    ]
    problems = problems_of(env={}, flags={"rpc_url": "ftp://x"})
    assert any("rpc_url = 'ftp://x' (flag --rpc-url): must be an http" in p for p in problems)


def test_safety_caps() -> None:
    problems = problems_of(env={}, flags={"priority_fee": "1_000_000_000"})
    assert problems == ["priority_fee = 1000000000 (flag --priority-fee): must be <= 1e+08"]
    assert problems_of(env={}, flags={"cu_max": "2000000"})[0].endswith("must be <= 1.4e+06")


def test_bad_files() -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(config_path="/nonexistent/keeper.toml", env={})


def test_malformed_toml(tmp_path: Path) -> None:
    path = write(tmp_path, "rpc_url = \n")
    with pytest.raises(ConfigError, match=f"config file {path}"):
        load_config(config_path=path, env={})


def test_bad_assignment() -> None:
    with pytest.raises(ConfigError, match="expected field=value"):
        parse_assignments(["novalue"])


def test_coercion() -> None:
    assert coerce("TRUE", bool) is True and coerce("off", bool) is False
    assert coerce(3, float) == 3.0
    assert coerce("1,2, 3", tuple[int, ...]) == (1, 2, 3)
    assert coerce("[4, 5]", list[int]) == [4, 5]
    assert coerce("", int | None) is None
    key = Pubkey.new_unique()
    assert coerce(str(key), Pubkey) == key
    with pytest.raises(ValueError):
        coerce(True, int)
    with pytest.raises(ValueError):
        coerce("maybe", bool)


def test_direct_construction_validates_too() -> None:
    with pytest.raises(ConfigError, match="poll_interval = 0 \\(argument\\)"):
        KeeperConfig(poll_interval=0)
    with pytest.raises(ConfigError, match="rpc_tier = 'gold' \\(argument\\): must be one of"):
        KeeperConfig(rpc_tier="gold")  # type: ignore[arg-type]
    config = KeeperConfig(rpc_url="https://x.example", rpc_tier="dedicated")
    assert config.ws_url == "wss://x.example"
    assert config.rpc_rps == RPC_TIERS["dedicated"][0]
