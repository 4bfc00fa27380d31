"""Programs to deploy at start, read from Anchor.toml.

Anchor.toml names each program's address under ``[programs.localnet]``; the
Kairos-specific ``[kairos.programs.<name>]`` table says where its built ``.so``
and its deploy keypair live (paths relative to the repository root).
"""

from __future__ import annotations

import json
import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

from solders.keypair import Keypair
from solders.pubkey import Pubkey

log = logging.getLogger(__name__)

ANCHOR_TOML = "Anchor.toml"


class ProgramConfigError(Exception):
    """Anchor.toml and the files it names disagree."""


@dataclass(frozen=True)
class ProgramSpec:
    """One program named in Anchor.toml."""

    name: str
    program_id: Pubkey
    keypair_path: Path
    so_path: Path

    def keypair(self) -> Keypair:
        """Load the deploy keypair (solana CLI JSON: 64 byte values)."""
        try:
            raw = json.loads(self.keypair_path.read_text())
            keypair = Keypair.from_bytes(bytes(raw))
        except (OSError, ValueError, TypeError) as exc:
            raise ProgramConfigError(
                f"{self.name}: bad keypair {self.keypair_path}: {exc}"
            ) from exc
        if keypair.pubkey() != self.program_id:
            raise ProgramConfigError(
                f"{self.name}: {self.keypair_path} holds {keypair.pubkey()}, "
                f"but Anchor.toml says {self.program_id}"
            )
        return keypair


def find_root(start: Path | None = None) -> Path | None:
    """Return the nearest directory at or above ``start`` (default: cwd) with Anchor.toml."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / ANCHOR_TOML).is_file():
            return directory
    return None


def find_program_root(start: Path | None = None) -> Path | None:
    """The directory whose Anchor.toml names the programs to deploy.

    ``start``'s (or the cwd's) nearest Anchor.toml, else the source checkout the
    ``kairos`` package is installed from (an editable install).
    None when neither exists (a wheel install carries no program sources).
    """
    found = find_root(start)
    if found is not None:
        return found
    import kairos  # here: this module is imported while the package initialises

    checkout = Path(kairos.__file__).resolve().parents[2]
    return checkout if (checkout / ANCHOR_TOML).is_file() else None


def read_program_specs(root: Path) -> list[ProgramSpec]:
    """Return the programs of ``root/Anchor.toml`` with a ``[kairos.programs.<name>]`` entry."""
    path = root / ANCHOR_TOML
    if not path.is_file():
        return []
    config = tomllib.loads(path.read_text())
    addresses = config.get("programs", {}).get("localnet", {})
    specs = []
    for name, entry in config.get("kairos", {}).get("programs", {}).items():
        if name not in addresses:
            raise ProgramConfigError(f"{name}: missing from [programs.localnet] in {path}")
        try:
            specs.append(
                ProgramSpec(
                    name=name,
                    program_id=Pubkey.from_string(addresses[name]),
                    keypair_path=root / entry["keypair"],
                    so_path=root / entry["so"],
                )
            )
        except (KeyError, ValueError) as exc:
            raise ProgramConfigError(f"{name}: bad [kairos.programs.{name}] entry: {exc}") from exc
    return specs


def load_programs(root: Path, *, build: bool = True) -> list[tuple[Keypair, bytes]]:
    """Build (unless ``build`` is false) and read every program Anchor.toml names.

    A build failure propagates: a localnet silently missing its program is worse
    than one that does not start.
    """
    specs = read_program_specs(root)
    if not specs:
        return []
    if build:
        # Imported here: reading Anchor.toml should not load the compiler driver.
        from kairos_toolchain.build import build_program

        build_program(root)
    programs = []
    for spec in specs:
        if not spec.so_path.is_file():
            log.warning("%s: %s does not exist; not deployed", spec.name, spec.so_path)
            continue
        programs.append((spec.keypair(), spec.so_path.read_bytes()))
    return programs
