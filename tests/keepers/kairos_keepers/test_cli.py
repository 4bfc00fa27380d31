"""`kairos keeper ...`: list, config, run; and SIGTERM on a real keeper process."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import typer
from kairos_keepers.cli import keeper_app
from kairos_keepers.config import KeeperConfig, settings_fields
from kairos_localnet.testing import Cluster
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[3]


def clean_env(**extra: str) -> dict[str, str]:
    # KAIROS_RPC_URL too: keepers honour it (below KAIROS_KEEPER_RPC_URL).
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("KAIROS_KEEPER_") and k != "KAIROS_RPC_URL"
    }
    env.update(extra)
    return env


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(keeper_app, list(args), env=env or clean_env())


def test_list() -> None:
    result = invoke("list", "--json")
    assert result.exit_code == 0, result.output
    found = {k["name"]: k for k in json.loads(result.output)}
    heartbeat = found["heartbeat"]
    assert heartbeat["settings"][0]["name"] == "stall_warning_seconds"
    assert heartbeat["settings"][0]["env"] == "KAIROS_KEEPER_HEARTBEAT__STALL_WARNING_SECONDS"
    assert invoke("list").exit_code == 0


def test_every_setting_has_a_flag() -> None:
    command = typer.main.get_command(keeper_app)
    run = command.commands["run"]  # type: ignore[attr-defined]
    flags = {opt for p in run.params for opt in p.opts}
    for field in settings_fields(KeeperConfig):
        assert "--" + field.name.replace("_", "-") in flags


def test_config_shows_values_and_sources(tmp_path: Path) -> None:
    path = tmp_path / "k.toml"
    path.write_text(
        'poll_interval = 5\nrpc_url = "http://file:1"\n'
        "[keepers.heartbeat]\nstall_warning_seconds = 9\n"
    )
    env = clean_env(KAIROS_KEEPER_POLL_INTERVAL="4", KAIROS_KEEPER_PRIORITY_FEE="7")
    result = invoke(
        "config", "heartbeat", "--config", str(path), "--poll-interval", "3",
        "--set", "stall_warning_seconds=8", "--json", env=env,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    settings = shown["settings"]
    assert settings["poll_interval"] == {"value": 3.0, "source": "flag --poll-interval"}
    assert settings["priority_fee"] == {
        "value": 7,
        "source": "env KAIROS_KEEPER_PRIORITY_FEE",
    }
    assert settings["rpc_url"] == {"value": "http://file:1", "source": f"file {path}"}
    assert settings["ws_url"]["value"] == "ws://file:2"
    assert shown["keeper_settings"]["stall_warning_seconds"] == {
        "value": 8.0,
        "source": "flag --set stall_warning_seconds",
    }
    assert invoke("config", "heartbeat", env=env).exit_code == 0  # the table form


def test_configuration_errors_exit_2_and_name_the_source() -> None:
    result = invoke("run", "heartbeat", "--rpc-rps", "-5", "--shard-index", "x")
    assert result.exit_code == 2
    assert "rpc_rps = -5.0 (flag --rpc-rps): must be >= 0" in result.output
    assert "shard_index = 'x' (flag --shard-index): must be an integer" in result.output
    result = invoke("run", "no-such-keeper")
    assert result.exit_code == 2 and "unknown keeper 'no-such-keeper'" in result.output
    result = invoke("run", "heartbeat", "--set", "nope=1")
    assert result.exit_code == 2 and "unknown setting 'nope' (flag --set nope)" in result.output


def _reader(stream: Any, lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def test_sigterm_stops_a_real_keeper_process_gracefully(localnet: Cluster) -> None:
    command = [
        sys.executable, "-m", "kairos_cli", "keeper", "run", "heartbeat",
        "--rpc-url", localnet.rpc_url, "--rpc-tier", "localnet",
        "--poll-interval", "0.1", "--metrics-port", "0", "--log-format", "json",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=clean_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_reader, args=(process.stderr, lines), daemon=True).start()
    events: list[dict[str, Any]] = []

    def wait_for(predicate: Any, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            exited = process.poll() is not None
            try:
                # After exit, the reader thread may still hold the last lines: drain them.
                line = lines.get(timeout=0.5 if exited else 0.1)
            except queue.Empty:
                if exited or time.monotonic() > deadline:
                    pytest.fail(f"keeper did not get there; log so far: {events}")
                continue
            try:
                events.append(json.loads(line))
            except ValueError:  # not a log line (a crash message): keep it for the report
                events.append({"event": "raw", "line": line})

    try:
        wait_for(lambda: sum(e["event"] == "heartbeat" for e in events) >= 2, timeout=30)
        url = next(e["url"] for e in events if e["event"] == "metrics_listening")
        with urllib.request.urlopen(url + "/health", timeout=5) as response:
            assert response.status == 200
            assert json.loads(response.read())["healthy"] is True
        heartbeat = next(e for e in events if e["event"] == "heartbeat")
        assert heartbeat["keeper"] == "heartbeat" and heartbeat["shard"] == "0/1"
        assert isinstance(heartbeat["slot"], int) and heartbeat["level"] == "info"

        process.send_signal(signal.SIGTERM)
        began = time.monotonic()
        code = process.wait(timeout=10)
        elapsed = time.monotonic() - began
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert code == 0
    assert elapsed < 3.0
    wait_for(lambda: any(e["event"] == "keeper_stopped" for e in events), timeout=5)
    requested = next(e for e in events if e["event"] == "shutdown_requested")
    assert requested["reason"] == "SIGTERM"
