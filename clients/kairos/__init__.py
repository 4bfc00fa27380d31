"""Kairos SDK: the program's ABI, instruction builders, accounts, math, and the client.

The main entry point is :class:`kairos.client.KairosClient` (re-exported here, loaded
on first use so that `import kairos` stays light for the CLI): a core with one generic
``send`` and one namespace per feature (``client.orders``, ``client.admin``...), each
taking one params object per instruction (:mod:`kairos.params`). The program's
arithmetic is mirrored in :mod:`kairos.math`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["KairosClient", "__version__"]

if TYPE_CHECKING:
    from kairos.client import KairosClient


def __getattr__(name: str) -> Any:
    if name == "KairosClient":
        from kairos.client import KairosClient

        return KairosClient
    raise AttributeError(f"module 'kairos' has no attribute {name!r}")
