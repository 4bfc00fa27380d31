"""The generated account loaders follow the IDL, and every handler uses its loader."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from kairos_toolchain.idl_accounts import (
    ACCOUNTS_HEADER_RELATIVE_PATH,
    generate_accounts_header,
    generated_files,
    loader_name,
    pda_deriver_name,
    stale_generated,
    write_generated,
)
from kairos_toolchain.idl_header import IdlLayoutError, load_idl

ROOT = Path(__file__).resolve().parents[3]
SRC = ROOT / "programs" / "kairos" / "src"


@pytest.fixture(scope="module")
def idl() -> dict[str, Any]:
    return load_idl(ROOT)


def _instruction(idl: dict[str, Any], name: str) -> dict[str, Any]:
    return next(ix for ix in idl["instructions"] if ix["name"] == name)


def _loader_body(text: str, ix: dict[str, Any]) -> str:
    start = text.index(f"{loader_name(ix)}(")
    return text[start : text.index("\n}\n", start)]


def _deriver_body(text: str, ix: dict[str, Any]) -> str:
    start = text.index(f"{pda_deriver_name(ix)}(")
    return text[start : text.index("\n}\n", start)]


def _creates_pdas(ix: dict[str, Any]) -> bool:
    return any(a.get("init") and "pda" in a for a in ix["accounts"])


def test_committed_generated_files_are_fresh() -> None:
    """Both generated headers equal what the IDL generates (else: regenerate)."""
    assert stale_generated(ROOT) == [], "stale: run python scripts/gen_idl_header.py"


def test_staleness_is_detected(tmp_path: Path, idl: dict[str, Any]) -> None:
    """An IDL edit that changes a check makes the committed loaders stale."""
    (tmp_path / "idl").mkdir()
    for relative, text in generated_files(idl).items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text)
    edited = copy.deepcopy(idl)
    _instruction(edited, "deposit")["accounts"][1]["isMut"] = False
    (tmp_path / "idl" / "kairos.json").write_text(json.dumps(edited))
    assert stale_generated(tmp_path) == [ACCOUNTS_HEADER_RELATIVE_PATH]
    assert write_generated(tmp_path)
    assert stale_generated(tmp_path) == []


def test_generated_headers_build_for_bpf(tmp_path: Path) -> None:
    """Every loader type-checks under the BPF target (they are inline: clang still checks)."""
    from kairos_toolchain.compiler import bpf_compile_command

    source = tmp_path / "probe.c"
    source.write_text('#include "generated/kairos_accounts.h"\nint probe(void) { return 0; }\n')
    command = bpf_compile_command(source, tmp_path / "probe.o", include_dirs=[SRC])
    subprocess.run(command, check=True)


def test_loader_checks_follow_the_idl(idl: dict[str, Any]) -> None:
    """Each IDL flag becomes its check, in the loader of that instruction only."""
    text = generate_accounts_header(idl)
    deposit = _loader_body(text, _instruction(idl, "deposit"))
    assert "require_account_count(input->account_count, KAIROS_DEPOSIT_ACCOUNTS_LEN)" in deposit
    assert "require_args_size(input->data_len, sizeof(DepositIxArgs))" in deposit
    assert "require_signer(accounts->owner)" in deposit
    assert "require_writable(accounts->margin_account)" in deposit
    assert "KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE" in deposit
    assert "require_program(accounts->token_program, &KAIROS_ADDRESS_TOKEN_PROGRAM)" in deposit
    # The vault has seeds in the IDL but is not created here: linked, never derived.
    assert "require_canonical_pda" not in deposit
    assert f"{pda_deriver_name(_instruction(idl, 'deposit'))}(" not in text
    # The entrypoint already checked the Exchange.
    assert "KAIROS_ACCOUNT_DISC_EXCHANGE" not in deposit
    # Created PDAs are derived by a second function, after the handler's own checks.
    assert "require_canonical_pda" not in _loader_body(text, _instruction(idl, "openAuction"))
    create = _deriver_body(text, _instruction(idl, "createMarginAccount"))
    assert "{accounts->owner->key.x, PUBKEY_BYTES}" in create
    assert "__builtin_offsetof(CreateMarginAccountIxArgs, account_index)" in create
    assert "&accounts->margin_account_pda" in create
    market = _deriver_body(text, _instruction(idl, "createPerpMarket"))
    assert "__builtin_offsetof(Exchange, perp_market_count)" in market
    initialize = _deriver_body(text, _instruction(idl, "initializeExchange"))
    assert "&accounts->exchange_pda" in initialize
    # Optional accounts are fetched, never checked by the loader.
    trigger = _loader_body(text, _instruction(idl, "createTriggerOrder"))
    assert "accounts->linked_trigger = input->accounts" in trigger
    assert "require_writable(accounts->linked_trigger)" not in trigger


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda ix: ix["accounts"][1]["pda"]["seeds"][2].update(path="nope"), "names no argument"),
        (lambda ix: ix["accounts"][1].update(account="MarginAccount"), "created and already typed"),
        (lambda ix: ix["accounts"][2].update(account="Nothing"), "unknown account"),
        (
            lambda ix: ix["accounts"][1]["pda"]["seeds"].__setitem__(
                1, {"kind": "account", "type": "u8", "account": "MarginAccount", "path": "owner.x"}
            ),
            "does not check",
        ),
    ],
)
def test_inconsistent_idl_is_refused(idl: dict[str, Any], edit: Any, message: str) -> None:
    broken = copy.deepcopy(idl)
    edit(_instruction(broken, "createMarginAccount"))
    with pytest.raises(IdlLayoutError, match=message):
        generate_accounts_header(broken)


def test_every_handler_loads_its_accounts(idl: dict[str, Any]) -> None:
    """Each instruction's handler starts from the generated loader (no hand-kept copy of the
    mechanical checks) and derives the PDAs it creates with the generated deriver."""
    sources = "\n".join(p.read_text() for p in (SRC / "instructions").glob("*.c"))
    sources += "\n".join(p.read_text() for p in (SRC / "orders").glob("*.c"))
    missing = [ix["name"] for ix in idl["instructions"] if f"{loader_name(ix)}(" not in sources]
    assert missing == []
    underived = [
        ix["name"]
        for ix in idl["instructions"]
        if _creates_pdas(ix) and f"{pda_deriver_name(ix)}(" not in sources
    ]
    assert underived == []


def test_no_handler_reads_accounts_by_hand() -> None:
    """Handlers read their named accounts from the loader's struct: the only indexed reads of
    input->accounts left are the remaining accounts past the IDL's list."""
    named = re.compile(r"input->accounts\[KAIROS_[A-Z0-9_]+_ACCOUNT_[A-Z0-9_]+\]")
    offenders = [
        path.name
        for folder in ("instructions", "orders", "liquidation")
        for path in (SRC / folder).glob("*.c")
        if named.search(path.read_text())
    ]
    assert offenders == []
