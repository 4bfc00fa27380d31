"""The docs cite only files that are in the repository.

Every backticked path in README.md and docs/ARCHITECTURE.md (a token with a slash, or
a file name with a source extension) must name a file or folder of this checkout: from
the repository root, or, where the text is inside one component's section, from that
component's root (``instructions/place_order.c`` in the program's section); a bare file
name must be a file somewhere in the checkout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ["README.md", "docs/ARCHITECTURE.md"]
# Roots a path in a component's section may be written from.
BASES = [
    ROOT,
    ROOT / "programs" / "kairos",
    ROOT / "programs" / "kairos" / "src",
    ROOT / "clients",
    ROOT / "clients" / "kairos",
    ROOT / "keepers",
    ROOT / "keepers" / "kairos_keepers",
    ROOT / "services",
    ROOT / "services" / "kairos_service",
    ROOT / "scripts",
    ROOT / "tests",
    ROOT / "tests" / "programs" / "kairos",
    ROOT / "tests" / "clients",
    ROOT / "tests" / "keepers" / "kairos_keepers",
    ROOT / "tests" / "services" / "kairos_service",
]
EXTENSIONS = ("py", "c", "h", "json", "toml", "md", "yaml", "yml", "sh", "js", "html")
ENDING = r"(?:/|\.(?:" + "|".join(EXTENSIONS) + r"))"
PATH = re.compile(r"`((?:[\w.-]+/)+(?:[\w.-]*" + ENDING + r")?|[\w-]+" + ENDING + r")`")
# Written by the program at run time, or a URL path, not a file of the repository.
NOT_FILES = {"./kairos-service.db", "target/deploy/kairos.so", "target/idl/kairos.json"}


def cited_paths(text: str) -> set[str]:
    return {
        token
        for token in PATH.findall(text)
        if not token.startswith(("/", "http", "~", "api/", "ws/"))
        and "..." not in token
        and token not in NOT_FILES
    }


def exists(path: str, names: set[str]) -> bool:
    """A path from one of the bases; a bare file name anywhere in the checkout."""
    if "/" not in path:
        return path in names
    return any((base / path.rstrip("/")).exists() for base in BASES)


@pytest.mark.parametrize("doc", DOCS)
def test_every_cited_path_exists(doc: str) -> None:
    names = {p.name for p in ROOT.rglob("*") if ".git" not in p.parts}
    missing = [
        path for path in sorted(cited_paths((ROOT / doc).read_text())) if not exists(path, names)
    ]
    assert not missing, f"{doc} cites paths that are not in the repository: {missing}"


def test_the_check_sees_a_missing_path() -> None:
    assert cited_paths("see `programs/kairos/src/nowhere.c` and `x.py`") == {
        "programs/kairos/src/nowhere.c",
        "x.py",
    }
