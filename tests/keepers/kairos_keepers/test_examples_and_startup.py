"""Example keeper.toml files, KAIROS_RPC_URL, metrics ports, and failing fast on a dead RPC."""

from __future__ import annotations

import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from kairos_keepers.config import METRICS_PORTS, ConfigError, load_config
from kairos_keepers.registry import get_keeper, keepers

from tests.keepers.kairos_keepers.test_cli import clean_env, invoke

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "keepers" / "examples"


def test_every_keeper_has_an_example_that_loads() -> None:
    names = set(keepers())
    assert {path.stem for path in EXAMPLES.glob("*.toml")} == names, (
        "a new keeper needs keepers/examples/NAME.toml: "
        "kairos keeper config NAME --example > keepers/examples/NAME.toml"
    )
    for name in names:
        path = EXAMPLES / f"{name}.toml"
        loaded = load_config(name, get_keeper(name).Settings, config_path=path, env={})
        assert loaded.config.metrics_port == METRICS_PORTS[name]
        assert loaded.config.source_of("rpc_url") == f"file {path}"


def test_example_flag_prints_a_loadable_file(tmp_path: Path) -> None:
    result = invoke("config", "trigger", "--example")
    assert result.exit_code == 0, result.output
    parsed = tomllib.loads(result.stdout)
    assert parsed["metrics_port"] == METRICS_PORTS["trigger"]
    assert "max_in_flight" in parsed["keepers"]["trigger"]
    path = tmp_path / "trigger.toml"
    path.write_text(result.stdout)
    load_config("trigger", get_keeper("trigger").Settings, config_path=path, env={})
    assert invoke("config", "nope", "--example").exit_code == 2


def test_metrics_ports_are_distinct_and_overridable() -> None:
    assert len(set(METRICS_PORTS.values())) == len(METRICS_PORTS)
    assert set(METRICS_PORTS) == set(keepers()), "give a new keeper its port in METRICS_PORTS"
    ports = {
        name: load_config(name, get_keeper(name).Settings, env={}).config for name in keepers()
    }
    assert len({config.metrics_port for config in ports.values()}) == len(ports)
    assert ports["liquidator"].source_of("metrics_port") == "allocated to keeper liquidator"
    chosen = load_config(
        "liquidator", get_keeper("liquidator").Settings, env={}, flags={"metrics_port": "0"}
    )
    assert chosen.config.metrics_port == 0  # 0: a free port, logged at start
    assert load_config(env={}).config.metrics_port == 9464  # no keeper: the plain default


def test_kairos_rpc_url_is_honoured_below_the_keeper_variable(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text('rpc_url = "http://file:1"\n')
    shared = {"KAIROS_RPC_URL": "http://shared:2"}
    loaded = load_config(config_path=path, env=shared).config
    assert (
        loaded.rpc_url == "http://shared:2" and loaded.source_of("rpc_url") == "env KAIROS_RPC_URL"
    )
    assert loaded.ws_url == "ws://shared:3"
    both = load_config(env={**shared, "KAIROS_KEEPER_RPC_URL": "http://keeper:4"}).config
    assert both.rpc_url == "http://keeper:4"
    flag = load_config(env=shared, flags={"rpc_url": "http://flag:5"}).config
    assert flag.rpc_url == "http://flag:5"
    with pytest.raises(ConfigError, match="KAIROS_RPC_URL"):
        load_config(env={"KAIROS_RPC_URL": "ftp://nope"})


def test_unreachable_rpc_fails_fast_with_one_line(tmp_path: Path) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "kairos_keepers", "run", "heartbeat", "--rpc-url", "http://127.0.0.1:9",
         "--metrics-enabled", "false"],
        capture_output=True,
        text=True,
        timeout=60,
        env=clean_env(HOME=str(tmp_path)),
    )  # fmt: skip
    elapsed = time.monotonic() - started
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert "cannot reach its RPC http://127.0.0.1:9" in lines[0]
    assert "KAIROS_RPC_URL" in lines[0] and "Traceback" not in done.stderr + done.stdout
    assert "tick_failed" not in done.stdout
    assert elapsed < 30
