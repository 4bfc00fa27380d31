"""The program build (unity compile + link), its staleness check, and the compilers."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from kairos_toolchain.build import (
    BuildError,
    build_program,
    ensure_program_built,
    find_repo_root,
    main,
)
from kairos_toolchain.compiler import CompileError, compile_host_shared, find_bpf_compiler
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[3]

HEADER = """\
#ifndef MINI_H
#define MINI_H
typedef unsigned long long u64;
typedef unsigned char u8;
extern void sol_log_(const char *message, u64 len);
extern void sol_set_return_data(const u8 *data, u64 len);
u64 mini_scale(u64 x);
#endif
"""

ENTRYPOINT = """\
#include "mini.h"
u64 entrypoint(const u8 *input) {
  u64 value = mini_scale(*(const u64 *)(input + 8)); /* the data length */
  sol_log_("entry", 5);
  sol_set_return_data((const u8 *)&value, 8);
  return 0;
}
"""

SCALE = """\
#include "mini.h"
static const char scale_message[] = "scaled in another file";
u64 mini_scale(u64 x) {
  sol_log_(scale_message, sizeof scale_message - 1);
  return x * FACTOR;
}
"""


def make_repo(root: Path, factor: int = 1000) -> Path:
    """Lay out a miniature repository with a two-file program."""
    (root / "programs/kairos/src/util").mkdir(parents=True)
    (root / "Anchor.toml").write_text("[programs.localnet]\n")
    src = root / "programs/kairos/src"
    (src / "mini.h").write_text(HEADER)
    (src / "entrypoint.c").write_text(ENTRYPOINT)
    (src / "util/scale.c").write_text(f"#define FACTOR {factor}\n" + SCALE)
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo")


def _bump(path: Path, seconds: float = 5) -> None:
    """Make ``path`` newer than everything built so far, whatever the clock's grain."""
    stamp = path.stat().st_mtime + seconds
    os.utime(path, (stamp, stamp))


def _version(so: Path) -> tuple[int, int]:
    """Identify one build of ``so``: each build writes a new file (atomic rename)."""
    stat = so.stat()
    return stat.st_ino, stat.st_mtime_ns


def test_find_repo_root(repo: Path) -> None:
    nested = repo / "programs/kairos/src/util"
    assert find_repo_root(nested) == repo.resolve()
    assert find_repo_root(repo) == repo.resolve()
    assert find_repo_root(Path(__file__).parent) == REPO


def test_find_repo_root_without_anchor_toml(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="Anchor.toml"):
        find_repo_root(tmp_path)


def test_unity_build_links_files_together(repo: Path, deploy_so: Callable[..., Any]) -> None:
    so = build_program(repo)
    assert so == repo.resolve() / "target/deploy/kairos.so"
    unity = (repo / "target/build/kairos_unity.c").read_text()
    includes = [line for line in unity.splitlines() if line.startswith("#include")]
    assert includes == ['#include "entrypoint.c"', '#include "util/scale.c"']

    program = deploy_so(so.read_bytes())
    result = program.ok(bytes(3))
    assert "Program log: scaled in another file" in result.logs()
    assert "Program log: entry" in result.logs()
    assert int.from_bytes(bytes(result.return_data().data), "little") == 3000


def test_up_to_date_build_is_skipped(repo: Path) -> None:
    so = build_program(repo)
    before = _version(so)
    assert build_program(repo) == so
    assert _version(so) == before


def test_changed_source_rebuilds(repo: Path) -> None:
    so = build_program(repo)
    before = so.read_bytes()
    scale = repo / "programs/kairos/src/util/scale.c"
    scale.write_text("#define FACTOR 7\n" + SCALE)
    _bump(scale)
    assert build_program(repo).read_bytes() != before


def test_changed_header_rebuilds(repo: Path) -> None:
    so = build_program(repo)
    before = _version(so)
    _bump(repo / "programs/kairos/src/mini.h")
    build_program(repo)
    assert _version(so) != before


def test_removed_source_rebuilds(repo: Path) -> None:
    extra = repo / "programs/kairos/src/util/extra.c"
    extra.write_text('#include "mini.h"\nu64 mini_extra(u64 x) { return x + 1; }\n')
    so = build_program(repo)
    before = _version(so)
    extra.unlink()
    build_program(repo)
    assert _version(so) != before
    assert "extra.c" not in (repo / "target/build/kairos_unity.c").read_text()


def test_force_rebuilds(repo: Path) -> None:
    so = build_program(repo)
    before = _version(so)
    build_program(repo, force=True)
    assert _version(so) != before


def test_compile_error_is_reported_and_keeps_the_old_program(repo: Path) -> None:
    so = build_program(repo)
    good = so.read_bytes()
    entry = repo / "programs/kairos/src/entrypoint.c"
    entry.write_text(ENTRYPOINT + "int broken(void) { return undeclared_name; }\n")
    _bump(entry)
    with pytest.raises(BuildError, match="undeclared_name"):
        build_program(repo)
    assert so.read_bytes() == good


def test_link_error_is_reported(repo: Path) -> None:
    entry = repo / "programs/kairos/src/entrypoint.c"
    entry.write_text(ENTRYPOINT + "u64 calls_made;\n")
    with pytest.raises(BuildError, match="writable global data.*calls_made"):
        build_program(repo)


def test_no_sources(tmp_path: Path) -> None:
    (tmp_path / "Anchor.toml").write_text("")
    (tmp_path / "programs/kairos/src").mkdir(parents=True)
    with pytest.raises(BuildError, match="no C sources"):
        build_program(tmp_path)


def test_main_and_script(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(repo)]) == 0
    assert "kairos.so" in capsys.readouterr().out
    (repo / "programs/kairos/src/entrypoint.c").write_text("this is not C\n")
    assert main(["--root", str(repo), "--force"]) == 1
    assert "error:" in capsys.readouterr().err

    script = REPO / "scripts/build_program.py"
    (repo / "programs/kairos/src/entrypoint.c").write_text(ENTRYPOINT)
    done = subprocess.run(
        [sys.executable, str(script), "--root", str(repo)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "built" in done.stdout


def test_kairos_build_command(repo: Path) -> None:
    from kairos_cli.app import app

    result = CliRunner().invoke(app, ["build", "--root", str(repo)])
    assert result.exit_code == 0, result.output
    assert (repo / "target/deploy/kairos.so").is_file()
    # Nothing changed: it says so instead of "built" (issue 13).
    again = CliRunner().invoke(app, ["build", "--root", str(repo)])
    assert again.exit_code == 0 and again.output.startswith("up to date: "), again.output
    forced = CliRunner().invoke(app, ["build", "--root", str(repo), "--force"])
    assert forced.exit_code == 0 and forced.output.startswith("built "), forced.output


def test_ensure_program_built_builds_the_real_program() -> None:
    so = ensure_program_built(REPO)
    assert so == REPO / "target/deploy/kairos.so"
    assert so.read_bytes()[:4] == b"\x7fELF"


def test_bpf_compiler_is_clang_22() -> None:
    compiler = find_bpf_compiler()
    done = subprocess.run([*compiler.argv, "--version"], capture_output=True, text=True)
    assert "clang version 22." in done.stdout


def test_compile_host_shared(tmp_path: Path) -> None:
    source = tmp_path / "host.c"
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc/host.h").write_text("#define BASE 40\n")
    source.write_text(
        '#include "host.h"\n'
        "#ifndef KAIROS_HOST\n#error KAIROS_HOST must be defined\n#endif\n"
        "unsigned long long answer(void) { return BASE + EXTRA; }\n"
    )
    lib = compile_host_shared([source], tmp_path / "libhost.so", [tmp_path / "inc"], {"EXTRA": 2})
    answer = ctypes.CDLL(str(lib)).answer
    answer.restype = ctypes.c_ulonglong
    assert answer() == 42


def test_compile_host_shared_error(tmp_path: Path) -> None:
    source = tmp_path / "bad.c"
    source.write_text("int f(void) { return nope; }\n")
    with pytest.raises(CompileError, match="nope"):
        compile_host_shared([source], tmp_path / "bad.so", [])
    assert not (tmp_path / "bad.so").exists()
