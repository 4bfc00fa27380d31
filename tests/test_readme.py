"""README.md starts with the two set-up commands, and CI runs the second one."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", text, re.S)[:2]]


def test_readme_opens_with_two_commands() -> None:
    text = (ROOT / "README.md").read_text()
    first_blocks = text.split("\n## ")[0]
    assert first_blocks.count("```bash") == 2
    install, test = readme_commands()
    assert install.startswith("pip install") and "kairos_cli demo" in install
    assert "pip install" in test and "pytest" in test
    # The test command installs the servers the service tests start (never the demo).
    assert test.startswith("apt-get update")
    for server in ("postgresql", "redis-server", "chromium", "prometheus"):
        assert server in test
    assert "apt-get" not in install


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert readme_commands()[1] in ci.splitlines()
