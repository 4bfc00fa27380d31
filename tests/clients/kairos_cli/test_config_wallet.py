"""kairos_cli.config and kairos.wallet: settings precedence and Solana CLI keypair files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from kairos.program import PROGRAM_ID
from kairos.wallet import KeypairFileError, load_keypair, save_keypair
from kairos_cli.config import DEFAULT_RPC_URL, ConfigError, resolve_config
from solders.keypair import Keypair
from solders.pubkey import Pubkey


def test_defaults(tmp_path: Path) -> None:
    config = resolve_config(config_path=tmp_path / "missing.toml", env={})
    assert config.rpc_url == DEFAULT_RPC_URL == "http://127.0.0.1:8899"
    assert config.keypair_path == Path("~/.config/solana/id.json").expanduser()
    assert config.commitment == "confirmed"
    assert config.program_id == PROGRAM_ID


def test_flag_beats_env_beats_file(tmp_path: Path) -> None:
    file = tmp_path / "config.toml"
    other = Pubkey.new_unique()
    file.write_text(
        'rpc_url = "http://file:1"\nkeypair = "/file.json"\ncommitment = "finalized"\n'
        f'program_id = "{other}"\n'
    )
    from_file = resolve_config(config_path=file, env={})
    assert (from_file.rpc_url, str(from_file.keypair_path)) == ("http://file:1", "/file.json")
    assert from_file.commitment == "finalized" and from_file.program_id == other
    env = {
        "KAIROS_RPC_URL": "http://env:2",
        "KAIROS_KEYPAIR": "/env.json",
        "KAIROS_CONFIG": str(file),
    }
    from_env = resolve_config(env=env)
    assert (from_env.rpc_url, str(from_env.keypair_path)) == ("http://env:2", "/env.json")
    assert from_env.commitment == "finalized"  # still from the file KAIROS_CONFIG names
    from_flag = resolve_config(rpc_url="http://flag:3", commitment="processed", env=env)
    assert (from_flag.rpc_url, from_flag.commitment) == ("http://flag:3", "processed")


def test_invalid_settings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("rpc_url = ")
    with pytest.raises(ConfigError):
        resolve_config(config_path=bad, env={})
    with pytest.raises(ConfigError, match="commitment"):
        resolve_config(commitment="max", config_path=tmp_path / "none", env={})
    with pytest.raises(ConfigError, match="public key"):
        resolve_config(program_id="nope", config_path=tmp_path / "none", env={})


def test_keypair_round_trip(tmp_path: Path) -> None:
    keypair = Keypair()
    path = save_keypair(keypair, tmp_path / "sub" / "id.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text()) == list(bytes(keypair))  # the Solana CLI format
    assert load_keypair(path) == keypair


@pytest.mark.parametrize(
    ("content", "message"),
    [("not json", "readable JSON"), ("[1, 2]", "64 bytes"), (json.dumps([300] * 64), "64 bytes")],
)
def test_bad_keypair_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "id.json"
    path.write_text(content)
    with pytest.raises(KeypairFileError, match=message):
        load_keypair(path)
    with pytest.raises(KeypairFileError, match="not found"):
        load_keypair(tmp_path / "absent.json")
