"""Regenerate what idl/kairos.json gives: the C headers and the SDK's Python ABI.

Writes programs/kairos/src/generated/kairos_idl.h (layouts, discriminators, errors,
dispatch), programs/kairos/src/generated/kairos_accounts.h (per-instruction account
views and loaders) and clients/kairos/abi/*.py.
Usage: python scripts/gen_idl_header.py [--check]
With --check, exit 1 when a committed generated file is stale instead of writing it.
"""

from __future__ import annotations

import sys

from kairos_toolchain.build import find_repo_root
from kairos_toolchain.idl_accounts import generated_files, stale_generated, write_generated
from kairos_toolchain.idl_header import load_idl
from kairos_toolchain.idl_python import (
    PYTHON_ABI_RELATIVE_PATH,
    stale_python_abi_files,
    write_python_abi,
)


def main(argv: list[str]) -> int:
    root = find_repo_root()
    if "--check" in argv:
        stale = [str(path) for path in stale_generated(root)]
        stale += [str(PYTHON_ABI_RELATIVE_PATH / name) for name in stale_python_abi_files(root)]
        for path in stale:
            print(f"{path} is stale: run python scripts/gen_idl_header.py")
        return 1 if stale else 0
    changed = write_generated(root)
    names = ", ".join(str(path) for path in generated_files(load_idl(root)))
    print(f"{names}: {'written' if changed else 'unchanged'}")
    written = write_python_abi(root)
    print(f"{PYTHON_ABI_RELATIVE_PATH}: {', '.join(written) or 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
