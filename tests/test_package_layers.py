"""The Python side is one package per product, with imports running only downwards.

Every ``import`` and ``from ... import`` of every module is read with :mod:`ast`
(function-level, lazy and ``TYPE_CHECKING`` imports included: a lazy import is still a
dependency), and two rules are checked:

- between packages, each package may import only the packages listed below it in
  :data:`ALLOWED` (the SDK and the toolchain import no other Kairos package; only the CLI
  imports both the SDK and the keepers);
- inside the packages listed in :data:`ACYCLIC`, no module imports itself back through a
  chain of others (no import circle).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PACKAGE_DIRS: dict[str, Path] = {
    "kairos_toolchain": ROOT / "clients" / "kairos_toolchain",
    "kairos": ROOT / "clients" / "kairos",
    "kairos_localnet": ROOT / "clients" / "kairos_localnet",
    "kairos_keepers": ROOT / "keepers" / "kairos_keepers",
    "kairos_service": ROOT / "services" / "kairos_service",
    "kairos_cli": ROOT / "clients" / "kairos_cli",
}

# Each package and the Kairos packages it may import (besides itself).
ALLOWED: dict[str, set[str]] = {
    "kairos_toolchain": set(),
    "kairos": set(),
    "kairos_localnet": {"kairos", "kairos_toolchain"},
    # testing/ runs keeper scenarios against the localnet.
    "kairos_keepers": {"kairos", "kairos_localnet"},
    # The service derives the PubSub URL the way the localnet does.
    "kairos_service": {"kairos", "kairos_localnet"},
    "kairos_cli": {
        "kairos",
        "kairos_toolchain",
        "kairos_localnet",
        "kairos_keepers",
        "kairos_service",
    },
}

# Packages whose modules form no import circle.
ACYCLIC = [
    "kairos_service",
    "kairos_toolchain",
    "kairos",
    "kairos_localnet",
    "kairos_keepers",
    "kairos_cli",
]


def module_name(package: str, path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIRS[package]).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((package, *parts))


def modules(package: str) -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE_DIRS[package].rglob("*.py")):
        if "migrations" in path.parts:  # Alembic scripts, loaded by Alembic
            continue
        yield module_name(package, path), path


def imported_modules(name: str, path: Path) -> set[str]:
    """Absolute names of the modules ``path`` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(), str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base)
                module = f"{prefix}.{node.module}" if node.module else prefix
            else:
                module = node.module or ""
            found.add(module)
            # `from pkg import submodule` imports the submodule too.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("package", list(PACKAGE_DIRS))
def test_imports_run_only_downwards(package: str) -> None:
    upward = []
    for name, path in modules(package):
        for imported in imported_modules(name, path):
            top = imported.split(".")[0]
            if top in PACKAGE_DIRS and top != package and top not in ALLOWED[package]:
                upward.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert not upward, "imports running upwards or sideways:\n" + "\n".join(upward)


@pytest.mark.parametrize("package", ACYCLIC)
def test_no_import_circles(package: str) -> None:
    known = dict(modules(package))
    graph = {
        name: {m for m in imported_modules(name, path) if m in known and m != name}
        for name, path in known.items()
    }
    # A package's __init__ importing its own submodules is how Python packages work,
    # not a circle between modules.
    for name in graph:
        graph[name] = {m for m in graph[name] if not name.startswith(m + ".")}
    circles = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(" -> ".join([*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not circles, "import circles:\n" + "\n".join(circles)


def test_the_checker_sees_a_lazy_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from kairos_keepers.cli import keeper_app\n")
    assert "kairos_keepers.cli" in imported_modules("kairos.m", module)
