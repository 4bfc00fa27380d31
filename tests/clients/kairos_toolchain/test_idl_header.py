"""The IDL is the single source of truth: the C header must follow it exactly."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from anchorpy import Idl
from anchorpy.coder.accounts import _account_discriminator
from anchorpy.coder.common import _account_size, _sighash
from anchorpy.coder.event import _event_discriminator
from kairos_toolchain.idl_header import (
    HEADER_RELATIVE_PATH,
    IdlLayoutError,
    account_discriminator,
    event_discriminator,
    generate_header,
    header_is_fresh,
    instruction_discriminator,
    load_idl,
    snake_case,
)
from solders.keypair import Keypair

ROOT = Path(__file__).resolve().parents[3]
SRC = ROOT / "programs" / "kairos" / "src"


@pytest.fixture(scope="module")
def idl_json() -> dict:
    return load_idl(ROOT)


@pytest.fixture(scope="module")
def anchor_idl() -> Idl:
    return Idl.from_json((ROOT / "idl" / "kairos.json").read_text())


def test_committed_header_is_fresh() -> None:
    assert header_is_fresh(ROOT), (
        f"{HEADER_RELATIVE_PATH} is stale: run python scripts/gen_idl_header.py"
    )


def test_program_id_agrees_everywhere(idl_json: dict) -> None:
    anchor_toml = tomllib.loads((ROOT / "Anchor.toml").read_text())
    program_id = anchor_toml["programs"]["localnet"]["kairos"]
    keypair_path = ROOT / anchor_toml["kairos"]["programs"]["kairos"]["keypair"]
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_path.read_text())))
    assert idl_json["metadata"]["address"] == program_id == str(keypair.pubkey())


def test_discriminators_match_anchorpy(anchor_idl: Idl) -> None:
    for ix in anchor_idl.instructions:
        assert instruction_discriminator(ix.name) == _sighash(snake_case(ix.name))
    for account in anchor_idl.accounts:
        assert account_discriminator(account.name) == _account_discriminator(account.name)
    for event in anchor_idl.events or []:
        assert event_discriminator(event.name) == _event_discriminator(event.name)


def _host_layout_report(tmp_path: Path, idl_json: dict) -> dict[str, int]:
    """Compile the header with gcc and print every struct's size and field offsets."""
    names = [a["name"] for a in idl_json["accounts"]]
    names += [t["name"] for t in idl_json["types"] if t["type"]["kind"] == "struct"]
    names += [e["name"] + "Event" for e in idl_json["events"]]
    lines = ['#include <stdio.h>', '#include <stddef.h>', '#include "generated/kairos_idl.h"',
             "int main(void) {"]
    for name in names:
        lines.append(f'printf("{name} %zu\\n", sizeof({name}));')
    lines += ["return 0; }"]
    source = tmp_path / "layout.c"
    source.write_text("\n".join(lines))
    binary = tmp_path / "layout"
    subprocess.run(
        ["gcc", "-DKAIROS_HOST", f"-I{SRC}", "-o", str(binary), str(source)], check=True
    )
    output = subprocess.run([str(binary)], check=True, capture_output=True, text=True).stdout
    return {line.split()[0]: int(line.split()[1]) for line in output.splitlines()}


def test_c_struct_sizes_equal_anchorpy_layouts(
    tmp_path: Path, idl_json: dict, anchor_idl: Idl
) -> None:
    sizes = _host_layout_report(tmp_path, idl_json)
    for account in anchor_idl.accounts:
        # AnchorPy's size excludes the 8-byte discriminator, like the C struct.
        assert sizes[account.name] == _account_size(anchor_idl, account), account.name
    for event in anchor_idl.events or []:
        from anchorpy.coder.event import _event_layout

        encoded = _event_layout(event, anchor_idl).sizeof()
        assert sizes[event.name + "Event"] == encoded, event.name


def test_header_builds_for_bpf_with_static_asserts(tmp_path: Path) -> None:
    """The header's _Static_asserts also hold under the BPF target's ABI."""
    from kairos_toolchain.compiler import bpf_compile_command

    source = tmp_path / "probe.c"
    source.write_text('#include "generated/kairos_idl.h"\nint probe(void) { return 0; }\n')
    command = bpf_compile_command(source, tmp_path / "probe.o", include_dirs=[SRC])
    subprocess.run(command, check=True)


def test_misaligned_account_field_is_refused(idl_json: dict) -> None:
    broken = copy.deepcopy(idl_json)
    broken["accounts"][0]["type"]["fields"].insert(0, {"name": "flag", "type": "u8"})
    with pytest.raises(IdlLayoutError, match="not 8-aligned|not .*-aligned"):
        generate_header(broken)


def test_variable_size_types_are_refused(idl_json: dict) -> None:
    broken = copy.deepcopy(idl_json)
    broken["accounts"][0]["type"]["fields"].append({"name": "names", "type": {"vec": "u8"}})
    with pytest.raises(IdlLayoutError, match="not fixed-size"):
        generate_header(broken)


def test_every_error_has_a_constant_and_a_message(idl_json: dict) -> None:
    header = generate_header(idl_json)
    for error in idl_json["errors"]:
        assert re.search(rf"KAIROS_ERR_\w+ = {error['code']},", header)
        assert error["msg"] in header
