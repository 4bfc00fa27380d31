"""Kairos SDK: program ABI, instruction builders, accounts, math, localnet and CLI."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
