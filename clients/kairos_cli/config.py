"""Where the CLI (and scripts) find the cluster, the keypair and the program.

Each setting comes from, in order: an explicit value (a command-line flag), the
environment (``KAIROS_RPC_URL``, ``KAIROS_KEYPAIR``, ``KAIROS_COMMITMENT``,
``KAIROS_PROGRAM_ID``), the config file (``~/.config/kairos/config.toml``, or
``KAIROS_CONFIG``), then the default. The file's keys::

    rpc_url = "http://127.0.0.1:8899"
    keypair = "~/.config/solana/id.json"
    commitment = "confirmed"
    program_id = "9YZW..."
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kairos.program import PROGRAM_ID
from kairos.wallet import DEFAULT_KEYPAIR_PATH
from solders.pubkey import Pubkey

DEFAULT_RPC_URL = "http://127.0.0.1:8899"
DEFAULT_CONFIG_PATH = Path("~/.config/kairos/config.toml")
DEFAULT_COMMITMENT = "confirmed"
COMMITMENTS = ("processed", "confirmed", "finalized")

ENV_CONFIG = "KAIROS_CONFIG"
ENV_RPC_URL = "KAIROS_RPC_URL"
ENV_KEYPAIR = "KAIROS_KEYPAIR"
ENV_COMMITMENT = "KAIROS_COMMITMENT"
ENV_PROGRAM_ID = "KAIROS_PROGRAM_ID"


class ConfigError(ValueError):
    """The config file or a setting is invalid."""


@dataclasses.dataclass(frozen=True)
class KairosConfig:
    """Resolved settings for talking to a cluster."""

    rpc_url: str = DEFAULT_RPC_URL
    keypair_path: Path = DEFAULT_KEYPAIR_PATH
    commitment: str = DEFAULT_COMMITMENT
    program_id: Pubkey = PROGRAM_ID


def read_config_file(path: Path) -> dict[str, Any]:
    """The settings of a TOML config file; empty if the file does not exist."""
    file = path.expanduser()
    if not file.exists():
        return {}
    try:
        return tomllib.loads(file.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"config file {file}: {exc}") from None


def resolve_config(
    *,
    rpc_url: str | None = None,
    keypair: str | os.PathLike[str] | None = None,
    commitment: str | None = None,
    program_id: str | None = None,
    config_path: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
) -> KairosConfig:
    """Combine flags, environment, config file and defaults (in that order)."""
    environ = os.environ if env is None else env
    path = Path(config_path or environ.get(ENV_CONFIG) or DEFAULT_CONFIG_PATH)
    file = read_config_file(path)

    def pick(flag: Any, env_name: str, *file_keys: str) -> Any:
        if flag is not None:
            return flag
        if environ.get(env_name):
            return environ[env_name]
        for key in file_keys:
            if key in file:
                return file[key]
        return None

    chosen_commitment = str(pick(commitment, ENV_COMMITMENT, "commitment") or DEFAULT_COMMITMENT)
    if chosen_commitment not in COMMITMENTS:
        raise ConfigError(f"commitment must be one of {', '.join(COMMITMENTS)}")
    chosen_program = pick(program_id, ENV_PROGRAM_ID, "program_id")
    try:
        program = Pubkey.from_string(str(chosen_program)) if chosen_program else PROGRAM_ID
    except ValueError:
        raise ConfigError(f"program id {chosen_program!r} is not a public key") from None
    return KairosConfig(
        rpc_url=str(pick(rpc_url, ENV_RPC_URL, "rpc_url", "url") or DEFAULT_RPC_URL),
        keypair_path=Path(
            str(pick(keypair, ENV_KEYPAIR, "keypair", "keypair_path") or DEFAULT_KEYPAIR_PATH)
        ).expanduser(),
        commitment=chosen_commitment,
        program_id=program,
    )
