"""README's "First hour" walkthrough, followed as a new user would.

A fresh `kairos localnet` process (started from a temporary directory, so it must
find the program through the installed package) and a temporary HOME with no
keypair; every command of the section's second block runs through the installed
`kairos` entry point, in order, and must exit 0. The final `--json account show`
must hold the position the walkthrough traded.
"""

from __future__ import annotations

import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
from kairos_localnet.server import free_port_pair

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## First hour: trade on a localnet"
START_TIMEOUT_SECONDS = 120
COMMAND_TIMEOUT_SECONDS = 60


def walkthrough() -> tuple[str, list[list[str]]]:
    """The localnet command line and the commands after it (argv lists, comments dropped)."""
    text = (ROOT / "README.md").read_text()
    assert SECTION in text, "README lost its walkthrough section"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, re.S)
    assert len(blocks) == 2, "the walkthrough is a localnet block and a commands block"
    server = [line for line in blocks[0].splitlines() if line.strip()]
    assert len(server) == 1 and shlex.split(server[0], comments=True)[:2] == ["kairos", "localnet"]
    commands = []
    for line in blocks[1].splitlines():
        for part in line.split("#", 1)[0].split(";"):
            argv = shlex.split(part)
            if argv:
                assert argv[0] == "kairos", f"the walkthrough only runs kairos: {line!r}"
                commands.append(argv)
    return server[0], commands


def test_walkthrough_is_extracted() -> None:
    server, commands = walkthrough()
    assert shlex.split(server, comments=True) == ["kairos", "localnet"]
    assert ["kairos", "wallet", "new"] in commands
    assert ["kairos", "order", "cancel-all", "SOL-PERP"] in commands
    assert all("<" not in arg for argv in commands for arg in argv), "placeholders cannot run"


def _read_lines(stream: object, lines: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.put(line)


@pytest.mark.timeout(300)
def test_readme_walkthrough_runs_against_a_fresh_localnet(tmp_path: Path) -> None:
    kairos = shutil.which("kairos")
    assert kairos is not None, "the kairos entry point is not installed"
    server, commands = walkthrough()
    home = tmp_path / "home"
    home.mkdir()
    port = free_port_pair()
    env = {
        **os.environ,
        "HOME": str(home),
        "KAIROS_RPC_URL": f"http://127.0.0.1:{port}",
        "COLUMNS": "120",
    }
    for name in ("KAIROS_KEYPAIR", "KAIROS_CONFIG", "KAIROS_PROGRAM_ID"):
        env.pop(name, None)
    started = time.monotonic()
    net = subprocess.Popen(
        [kairos, *shlex.split(server, comments=True)[1:], "--port", str(port)],
        cwd=tmp_path,  # outside the repository: the program is found through the package
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_read_lines, args=(net.stdout, lines), daemon=True).start()
    banner: list[str] = []
    try:
        while not any(line.startswith("Price feed:") for line in banner):
            assert net.poll() is None, "kairos localnet exited:\n" + "".join(banner)
            assert time.monotonic() - started < START_TIMEOUT_SECONDS, "".join(banner)
            try:
                banner.append(lines.get(timeout=1))
            except queue.Empty:
                continue
        ready = time.monotonic()
        outputs = []
        for argv in commands:
            done = subprocess.run(
                [kairos, *argv[1:]],
                cwd=tmp_path,
                env=env,
                capture_output=True,
                text=True,
                timeout=COMMAND_TIMEOUT_SECONDS,
            )
            assert done.returncode == 0, (
                f"README step failed: {shlex.join(argv)} (exit {done.returncode})\n"
                f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}"
            )
            assert "Traceback" not in done.stderr
            outputs.append((argv, done))
        finished = time.monotonic()
    finally:
        net.send_signal(signal.SIGTERM)
        try:
            net.wait(timeout=20)
        except subprocess.TimeoutExpired:
            net.kill()
    assert net.returncode == 0, "kairos localnet did not stop cleanly on SIGTERM"
    print(
        f"localnet ready in {ready - started:.1f} s; {len(commands)} commands in "
        f"{finished - ready:.1f} s"
    )
    by_command = {shlex.join(argv[1:]): done for argv, done in outputs}
    # The first command needing test USDC minted it, and said so.
    assert "minted 1000 test USDC" in by_command["account deposit USDC 1000"].stderr
    # The market order filled against the second trader: a 1 SOL long, in UI units.
    import json

    report = json.loads(by_command["--json account show"].stdout)
    (position,) = report["perp_positions"]
    assert position["market"] == "SOL-PERP"
    assert Decimal(position["size_ui"]) == 1
    assert report["open_orders"] == []


def test_readme_help_lines_work() -> None:
    """Every `kairos ... --help` line anywhere in README (in process: cheap)."""
    from kairos_cli.app import app
    from typer.testing import CliRunner

    text = (ROOT / "README.md").read_text()
    lines = [
        part.strip()
        for block in re.findall(r"```bash\n(.*?)```", text, re.S)
        for line in block.splitlines()
        for part in line.split("#", 1)[0].split(";")
    ]
    helps = [shlex.split(part) for part in lines if part.startswith("kairos") and "--help" in part]
    assert len(helps) >= 4
    for argv in helps:
        result = CliRunner().invoke(app, argv[1:])
        assert result.exit_code == 0, f"{shlex.join(argv)}: {result.output}"
