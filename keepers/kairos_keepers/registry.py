"""The keeper registry: name → Keeper class, for ``kairos keeper run <name>``.

A keeper registers itself with the :func:`register` class decorator in its module.
Modules under ``kairos_keepers.keepers`` are imported (and so registered)
automatically, as are those named by the ``kairos_keepers`` entry-point group of
any installed distribution, so adding a keeper never means editing a shared list.
"""

from __future__ import annotations

import importlib
import pkgutil
from importlib.metadata import entry_points
from typing import TypeVar

from kairos_keepers.lifecycle import Keeper

ENTRY_POINT_GROUP = "kairos_keepers"
BUILTIN_PACKAGE = "kairos_keepers.keepers"

K = TypeVar("K", bound=type[Keeper])

_REGISTRY: dict[str, type[Keeper]] = {}
_loaded = False
load_errors: dict[str, str] = {}
"""Keeper modules that failed to import (module → error): the others still run."""


class UnknownKeeperError(KeyError):
    """No keeper is registered under that name."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.known = known

    def __str__(self) -> str:
        text = f"unknown keeper {self.name!r}; registered: {', '.join(self.known) or 'none'}"
        if load_errors:
            broken = "; ".join(f"{module}: {error}" for module, error in load_errors.items())
            text += f" (modules that failed to load: {broken})"
        return text


def register(cls: K) -> K:
    """Class decorator: register a Keeper subclass under its ``name``."""
    name = cls.name
    if not name or not name.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"{cls.__qualname__}.name must be a simple name (got {name!r})")
    existing = _REGISTRY.get(name)
    if existing is not None and existing is not cls:
        raise ValueError(
            f"keeper name {name!r} is taken by {existing.__module__}.{existing.__qualname__}"
        )
    _REGISTRY[name] = cls
    return cls


def unregister(name: str) -> None:
    """Remove a keeper (tests)."""
    _REGISTRY.pop(name, None)


def load_keepers() -> None:
    """Import the built-in keeper modules and the entry-point plugins (once)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    # One broken keeper module must not stop the others (or the heartbeat) from running.
    package = importlib.import_module(BUILTIN_PACKAGE)
    for info in pkgutil.iter_modules(package.__path__, BUILTIN_PACKAGE + "."):
        try:
            importlib.import_module(info.name)
        except Exception as exc:
            load_errors[info.name] = f"{type(exc).__name__}: {exc}"
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry.load()
        except Exception as exc:
            load_errors[entry.value] = f"{type(exc).__name__}: {exc}"


def keepers() -> dict[str, type[Keeper]]:
    """Every registered keeper by name, sorted."""
    load_keepers()
    return dict(sorted(_REGISTRY.items()))


def get_keeper(name: str) -> type[Keeper]:
    """The keeper registered as ``name``; UnknownKeeperError if none."""
    found = keepers().get(name)
    if found is None:
        raise UnknownKeeperError(name, list(keepers()))
    return found
