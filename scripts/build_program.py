#!/usr/bin/env python3
"""Build programs/kairos into target/deploy/kairos.so (see kairos_toolchain.build)."""

import sys
from pathlib import Path

# Runs from a fresh checkout too, before `pip install -e .`.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "clients"))

from kairos_toolchain.build import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
