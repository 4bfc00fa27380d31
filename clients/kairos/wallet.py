"""Keypair files in the Solana CLI's format (a JSON array of the 64 secret-key bytes)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from solders.keypair import Keypair

DEFAULT_KEYPAIR_PATH = Path("~/.config/solana/id.json")
"""Where the Solana CLI keeps its default keypair."""


class KeypairFileError(ValueError):
    """A keypair file is missing or not in the Solana CLI's JSON format."""


def load_keypair(path: str | os.PathLike[str] = DEFAULT_KEYPAIR_PATH) -> Keypair:
    """Read a keypair file written by ``solana-keygen`` (``~`` is expanded)."""
    file = Path(path).expanduser()
    try:
        raw = json.loads(file.read_text())
    except FileNotFoundError:
        raise KeypairFileError(f"keypair file {file} not found") from None
    except (OSError, ValueError) as exc:
        raise KeypairFileError(f"keypair file {file} is not readable JSON: {exc}") from None
    if (
        not isinstance(raw, list)
        or len(raw) != 64
        or not all(isinstance(b, int) and 0 <= b <= 255 for b in raw)
    ):
        raise KeypairFileError(f"keypair file {file} is not a JSON array of 64 bytes")
    try:
        return Keypair.from_bytes(bytes(raw))
    except ValueError as exc:
        raise KeypairFileError(f"keypair file {file} holds an invalid keypair: {exc}") from None


def save_keypair(keypair: Keypair, path: str | os.PathLike[str]) -> Path:
    """Write a keypair file in the Solana CLI's format, readable by its owner only."""
    file = Path(path).expanduser()
    file.parent.mkdir(parents=True, exist_ok=True)
    # Create with 0600 from the start: the secret key is never world-readable.
    descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(list(bytes(keypair)), handle)
    return file
