"""Regenerate what idl/kairos.json gives: the C header and the SDK's Python ABI.

Writes programs/kairos/src/generated/kairos_idl.h and clients/kairos/abi/*.py.
Usage: python scripts/gen_idl_header.py [--check]
With --check, exit 1 when a committed generated file is stale instead of writing it.
"""

from __future__ import annotations

import sys

from kairos_toolchain.build import find_repo_root
from kairos_toolchain.idl_header import HEADER_RELATIVE_PATH, header_is_fresh, write_header
from kairos_toolchain.idl_python import (
    PYTHON_ABI_RELATIVE_PATH,
    stale_python_abi_files,
    write_python_abi,
)


def main(argv: list[str]) -> int:
    root = find_repo_root()
    if "--check" in argv:
        stale = [] if header_is_fresh(root) else [str(HEADER_RELATIVE_PATH)]
        stale += [str(PYTHON_ABI_RELATIVE_PATH / name) for name in stale_python_abi_files(root)]
        for path in stale:
            print(f"{path} is stale: run python scripts/gen_idl_header.py")
        return 1 if stale else 0
    changed = write_header(root)
    print(f"{HEADER_RELATIVE_PATH} {'written' if changed else 'unchanged'}")
    written = write_python_abi(root)
    print(f"{PYTHON_ABI_RELATIVE_PATH}: {', '.join(written) or 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
