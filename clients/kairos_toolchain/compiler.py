"""C compiler drivers: clang's BPF backend for the program, gcc for host unit tests.

The BPF compiler is clang 22. PyPI's ``ziglang`` ships it (``python -m ziglang cc``)
so no system package is needed; Debian's ``clang-22`` is the same compiler and is
the fallback. Debian's plain ``clang`` (14) lacks ``-bpf-stack-size`` and is not
used. zig's driver spells the target ``bpfel-freestanding`` where clang says ``bpf``.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

BPF_FLAGS: tuple[str, ...] = (
    # Higher CPUs emit ALU32/JMP32, which SBPFv0 lacks (the linker refuses them).
    "-mcpu=v2",
    "-O2",
    "-std=gnu11",
    "-ffreestanding",
    "-fno-builtin",
    "-nostdlib",
    "-Wall",
    "-Werror",
    # SBF frames are 4 KiB: a larger budget silently overwrites the caller's frame.
    "-mllvm",
    "-bpf-stack-size=4096",
    # SBF loads and stores need no alignment; without this clang splits unaligned
    # accesses into bytes (about twice the code and compute units).
    "-Xclang",
    "-target-feature",
    "-Xclang",
    "+allows-misaligned-mem-access",
)
"""Flags for every BPF compile (see docs: DESIGN.md section 2)."""

HOST_FLAGS: tuple[str, ...] = ("-O1", "-fPIC", "-shared", "-std=gnu11", "-Wall", "-DKAIROS_HOST")


class CompileError(Exception):
    """The C compiler failed or is missing; the message has its command and stderr."""


@dataclass(frozen=True)
class BpfCompiler:
    """A clang driver able to emit BPF objects: its argv prefix and target flags."""

    argv: tuple[str, ...]
    target: tuple[str, ...]


def find_bpf_compiler() -> BpfCompiler:
    """Return zig's bundled clang when the ziglang package is installed, else clang-22."""
    if importlib.util.find_spec("ziglang") is not None:
        zig = (sys.executable, "-m", "ziglang", "cc")
        return BpfCompiler(zig, ("-target", "bpfel-freestanding"))
    clang = shutil.which("clang-22")
    if clang:
        return BpfCompiler((clang,), ("-target", "bpf"))
    raise CompileError(
        "no BPF-capable clang: install the ziglang package (pip install ziglang==0.17.1) "
        "or Debian's clang-22; plain clang 14 cannot build SBF programs"
    )


def _define_flags(defines: Mapping[str, str | int | None] | None) -> list[str]:
    return [f"-D{k}" if v is None else f"-D{k}={v}" for k, v in (defines or {}).items()]


def _run(cmd: Sequence[str], output: Path) -> Path:
    """Run a compiler writing to a temporary file, then move it onto ``output``.

    The rename keeps readers (a ctypes load, a deploy in another process) from ever
    seeing half a file.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".tmp")
    os.close(fd)
    try:
        proc = subprocess.run([*cmd, "-o", tmp], capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise CompileError(
                f"compiler failed (exit {proc.returncode}): {' '.join(cmd)}\n{proc.stderr}"
            )
        os.replace(tmp, output)
    except FileNotFoundError as exc:
        raise CompileError(f"compiler not found: {cmd[0]}") from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return output


def bpf_compile_command(
    source: Path,
    output: Path,
    include_dirs: Sequence[Path] = (),
    defines: Mapping[str, str | int | None] | None = None,
    extra_flags: Sequence[str] = (),
) -> list[str]:
    """Return the argv that compiles ``source`` into the BPF object ``output``."""
    cc = find_bpf_compiler()
    return [
        *cc.argv,
        *cc.target,
        *BPF_FLAGS,
        *(f"-I{d}" for d in include_dirs),
        *_define_flags(defines),
        *extra_flags,
        "-c",
        str(source),
        "-o",
        str(output),
    ]


def compile_bpf(
    source: Path,
    output: Path,
    include_dirs: Sequence[Path] = (),
    defines: Mapping[str, str | int | None] | None = None,
    extra_flags: Sequence[str] = (),
) -> Path:
    """Compile one C file into a relocatable BPF object for linker.link()."""
    cmd = bpf_compile_command(source, output, include_dirs, defines, extra_flags)
    return _run(cmd[:-2], output)


def compile_host_shared(
    sources: list[Path],
    output: Path,
    include_dirs: list[Path],
    defines: dict[str, str | int | None] | None = None,
) -> Path:
    """Build C sources with gcc into a shared library for ctypes-based host tests."""
    cc = shutil.which("gcc") or shutil.which("cc")
    if cc is None:
        raise CompileError("no host C compiler (gcc or cc) on PATH")
    cmd = [
        cc,
        *HOST_FLAGS,
        *(f"-I{d}" for d in include_dirs),
        *_define_flags(defines),
        *(str(s) for s in sources),
    ]
    return _run(cmd, output)
