"""Kairos keeper daemons and the runtime they share."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
