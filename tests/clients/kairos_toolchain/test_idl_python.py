"""The SDK's Python ABI (clients/kairos/abi/) is generated from the IDL and kept fresh."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from kairos_toolchain.idl_header import IdlLayoutError, load_idl
from kairos_toolchain.idl_python import (
    EXTENSIONS_RELATIVE_PATH,
    GENERATED_MARK,
    PYTHON_ABI_RELATIVE_PATH,
    generate_python_abi,
    read_extensions,
    stale_python_abi_files,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def idl() -> dict[str, Any]:
    return load_idl(ROOT)


def test_committed_python_abi_is_fresh() -> None:
    """Fails when idl/kairos.json or kairos/abi_ext.py changed without regenerating."""
    stale = stale_python_abi_files(ROOT)
    assert not stale, (
        f"{PYTHON_ABI_RELATIVE_PATH}: {stale} stale: run python scripts/gen_idl_header.py"
    )


def test_a_stale_or_extra_file_is_reported(tmp_path: Path) -> None:
    root = tmp_path
    (root / "idl").mkdir()
    (root / "idl" / "kairos.json").write_text((ROOT / "idl" / "kairos.json").read_text())
    ext = root / EXTENSIONS_RELATIVE_PATH
    ext.parent.mkdir(parents=True)
    ext.write_text((ROOT / EXTENSIONS_RELATIVE_PATH).read_text())
    out = root / PYTHON_ABI_RELATIVE_PATH
    out.mkdir()
    for path in (ROOT / PYTHON_ABI_RELATIVE_PATH).glob("*.py"):
        (out / path.name).write_text(path.read_text())
    assert stale_python_abi_files(root) == []
    (out / "errors.py").write_text((out / "errors.py").read_text().replace("6017", "6099"))
    (out / "leftover.py").write_text("")
    assert stale_python_abi_files(root) == ["errors.py", "leftover.py"]


def test_every_generated_file_says_it_is_generated(idl: dict[str, Any]) -> None:
    files = generate_python_abi(idl, None)
    assert all(GENERATED_MARK in text.splitlines()[0] for text in files.values())


def test_additions_to_the_idl_are_picked_up(idl: dict[str, Any]) -> None:
    """A new instruction, account, error and event reach the SDK on regeneration alone."""
    grown = copy.deepcopy(idl)
    grown["instructions"].append(
        {
            "name": "setRiskLimit",
            "accounts": [
                {
                    "name": "exchange",
                    "isMut": False,
                    "isSigner": False,
                    "pda": {
                        "seeds": [
                            {
                                "kind": "const",
                                "type": {"array": ["u8", 8]},
                                "value": list(b"exchange"),
                            }
                        ]
                    },
                },
                {"name": "admin", "isMut": False, "isSigner": True},
            ],
            "args": [{"name": "maxNotional", "type": "u64"}],
        }
    )
    grown["accounts"].append(
        {
            "name": "RiskLimit",
            "type": {
                "kind": "struct",
                "fields": [
                    {"name": "owner", "type": "publicKey"},
                    {"name": "maxNotional", "type": "u64"},
                ],
            },
        }
    )
    grown["errors"].append({"code": 6999, "name": "RiskLimitExceeded", "msg": "Too much risk"})
    grown["events"].append(
        {"name": "RiskLimitSet", "fields": [{"name": "maxNotional", "type": "u64", "index": False}]}
    )
    files = generate_python_abi(grown, None)
    assert "def set_risk_limit(" in files["instructions.py"]
    assert "class SetRiskLimitArgs(AbiStruct):" in files["instructions.py"]
    assert "class RiskLimit(KairosAccount):" in files["accounts.py"]
    assert "class RiskLimitExceeded(KairosProgramError):" in files["errors.py"]
    assert "6999: RiskLimitExceeded," in files["errors.py"]
    assert '"RiskLimitSet": RiskLimitSet,' in files["events.py"]
    assert '"set_risk_limit",' in files["constants.py"]


def test_unsupported_idl_is_refused(idl: dict[str, Any]) -> None:
    bad = copy.deepcopy(idl)
    bad["accounts"][0]["type"]["fields"].append({"name": "memo", "type": "string"})
    with pytest.raises(IdlLayoutError, match="not fixed-size"):
        generate_python_abi(bad, None)
    clash = copy.deepcopy(idl)
    clash["errors"].append({"code": 3010, "name": "Clash", "msg": ""})
    with pytest.raises(IdlLayoutError, match="declared twice"):
        generate_python_abi(clash, None)
    with pytest.raises(IdlLayoutError, match="does not have"):
        generate_python_abi(idl, "class NoSuchTypeMethods:\n    pass\n")


def test_extensions_are_read_not_imported() -> None:
    source = (
        "from typing import Generic\n"
        "class MarginAccountMethods(Generic[CollateralPositionT, OpenOrderT]): ...\n"
        "class SideMethods: ...\n"
        "class _PrivateMethods: ...\n"
    )
    found = read_extensions(source)
    assert set(found) == {"MarginAccount", "Side"}
    assert found["MarginAccount"].type_args == ("CollateralPosition", "OpenOrder")
    with pytest.raises(IdlLayoutError, match="<Type>T"):
        read_extensions("class SideMethods(Generic[X]): ...\n")
