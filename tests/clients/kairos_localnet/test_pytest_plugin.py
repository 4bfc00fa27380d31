"""The integrators' pytest plugin: the README's example runs as written, in its own pytest.

The example test file is taken from README.md and run by a separate pytest process
(pytester) with nothing but the plugin: the fixtures build and deploy Kairos from
this repository's Anchor.toml, fund a Provider and hand back AnchorPy Programs.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from anchorpy.provider import Provider, Wallet
from kairos_localnet.pytest_plugin import (
    WorkspaceError,
    anchor_root,
    create_workspace,
    program_idls,
)
from solana.rpc.async_api import AsyncClient
from solders.keypair import Keypair

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[3]
PLUGIN = "kairos_localnet.pytest_plugin"


def readme_example() -> str:
    text = (ROOT / "README.md").read_text()
    section = text.split("## Test your program with pytest", 1)[1].split("\n## ", 1)[0]
    (code,) = re.findall(r"```python\n(.*?)```", section, re.S)
    return code


def test_readme_example_is_ten_lines() -> None:
    assert len(readme_example().strip().splitlines()) <= 10


def test_entry_point_registers_the_plugin() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["entry-points"]["pytest11"] == {PLUGIN: PLUGIN}


def test_readme_example_runs(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_integration=readme_example())
    pytester.makeini(
        "[pytest]\nasyncio_mode = auto\nasyncio_default_fixture_loop_scope = function\n"
    )
    result = pytester.runpytest_subprocess(
        "-p", PLUGIN, "--kairos-anchor-root", str(ROOT), "-p", "no:cacheprovider",
        "-p", "no:pytest_anchorpy", timeout=600,
    )  # fmt: skip
    result.assert_outcomes(passed=1)


def test_missing_anchor_toml_and_idl_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="cannot read"):
        program_idls(tmp_path)
    (tmp_path / "Anchor.toml").write_text(
        '[programs.localnet]\nthing = "11111111111111111111111111111111"\n'
    )
    with pytest.raises(WorkspaceError, match="thing: no IDL at .*target/idl/thing.json"):
        program_idls(tmp_path)
    (tmp_path / "target" / "idl").mkdir(parents=True)
    (tmp_path / "target" / "idl" / "thing.json").write_text("{not json")
    with pytest.raises(WorkspaceError, match="thing: bad IDL"):
        program_idls(tmp_path)


async def test_create_workspace_reads_anchor_toml() -> None:
    provider = Provider(AsyncClient("http://127.0.0.1:1"), Wallet(Keypair()))
    try:
        workspace = create_workspace(ROOT, provider)
    finally:
        await provider.connection.close()
    assert list(workspace) == ["kairos"]
    assert str(workspace["kairos"].program_id) == "9YZWnXWuCqHBfQZ4nd6fWJr8zLs8D3PJo2UhDuTPhxaA"
    assert "initialize_exchange" in workspace["kairos"].rpc


def test_anchor_root_resolution(pytestconfig: pytest.Config) -> None:
    assert (anchor_root(pytestconfig) / "Anchor.toml").is_file()
