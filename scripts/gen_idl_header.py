"""Regenerate programs/kairos/src/generated/kairos_idl.h from idl/kairos.json.

Usage: python scripts/gen_idl_header.py [--check]
With --check, exit 1 when the committed header is stale instead of writing it.
"""

from __future__ import annotations

import sys

from kairos_toolchain.build import find_repo_root
from kairos_toolchain.idl_header import HEADER_RELATIVE_PATH, header_is_fresh, write_header


def main(argv: list[str]) -> int:
    root = find_repo_root()
    if "--check" in argv:
        if header_is_fresh(root):
            return 0
        print(f"{HEADER_RELATIVE_PATH} is stale: run python scripts/gen_idl_header.py")
        return 1
    changed = write_header(root)
    print(f"{HEADER_RELATIVE_PATH} {'written' if changed else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
