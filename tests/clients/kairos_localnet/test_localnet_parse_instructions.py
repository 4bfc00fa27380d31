"""The jsonParsed instruction parsers on malformed input: never an exception, never a guess.

Anything that does not decode exactly as the program's instruction is left to the
caller (None: partially decoded), as Agave does.
"""

from __future__ import annotations

import struct

from kairos_localnet.parse_instructions import (
    ASSOCIATED_TOKEN_PROGRAM,
    MEMO_PROGRAMS,
    SYSTEM_PROGRAM,
    parse_instruction,
)
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID

KEYS = [Pubkey.new_unique() for _ in range(8)]
MEMO = next(iter(MEMO_PROGRAMS))


def test_system_transfer_and_truncations() -> None:
    data = struct.pack("<IQ", 2, 42)
    out = parse_instruction(SYSTEM_PROGRAM, [0, 1], data, KEYS, None)
    assert out == {
        "program": "system",
        "programId": str(SYSTEM_PROGRAM),
        "parsed": {
            "type": "transfer",
            "info": {"source": str(KEYS[0]), "destination": str(KEYS[1]), "lamports": 42},
        },
        "stackHeight": None,
    }
    assert parse_instruction(SYSTEM_PROGRAM, [0, 1], data[:-1], KEYS, None) is None
    assert parse_instruction(SYSTEM_PROGRAM, [0], data, KEYS, None) is None  # one account short
    assert parse_instruction(SYSTEM_PROGRAM, [0, 99], data, KEYS, None) is None  # bad index
    assert parse_instruction(SYSTEM_PROGRAM, [0, 1], struct.pack("<I", 99), KEYS, None) is None
    assert parse_instruction(SYSTEM_PROGRAM, [], b"", KEYS, None) is None


def test_system_seed_string_must_be_utf8_and_complete() -> None:
    base = bytes(KEYS[2])
    good = struct.pack("<I", 10) + base + struct.pack("<Q", 3) + b"abc" + bytes(KEYS[3])
    out = parse_instruction(SYSTEM_PROGRAM, [0, 1], good, KEYS, 2)
    assert out is not None and out["parsed"]["info"]["seed"] == "abc"
    assert out["stackHeight"] == 2
    bad = struct.pack("<I", 10) + base + struct.pack("<Q", 3) + b"\xff\xfe\xfd" + bytes(KEYS[3])
    assert parse_instruction(SYSTEM_PROGRAM, [0, 1], bad, KEYS, None) is None
    huge = struct.pack("<I", 10) + base + struct.pack("<Q", 2**63) + b"abc"
    assert parse_instruction(SYSTEM_PROGRAM, [0, 1], huge, KEYS, None) is None


def test_token_set_authority_coption_and_unknown_tags() -> None:
    for program in (TOKEN_PROGRAM_ID, TOKEN_2022_PROGRAM_ID):
        data = bytes([6, 0, 1]) + bytes(KEYS[4])
        out = parse_instruction(program, [0, 1], data, KEYS, None)
        assert out is not None and out["program"] == "spl-token"
        assert out["parsed"]["info"] == {
            "mint": str(KEYS[0]),
            "authorityType": "mintTokens",
            "newAuthority": str(KEYS[4]),
            "authority": str(KEYS[1]),
        }
        none = parse_instruction(program, [0, 1], bytes([6, 2, 0]), KEYS, None)
        assert none is not None and none["parsed"]["info"]["newAuthority"] is None
        assert "account" in none["parsed"]["info"]  # accountOwner concerns an account
        assert parse_instruction(program, [0, 1], bytes([6, 0, 2]), KEYS, None) is None
        assert parse_instruction(program, [0, 1], bytes([6, 200, 0]), KEYS, None) is None
        assert parse_instruction(program, [0, 1], bytes([26, 1]), KEYS, None) is None
        assert parse_instruction(program, [0, 1], b"", KEYS, None) is None


def test_token_transfer_checked_multisig() -> None:
    data = bytes([12]) + struct.pack("<Q", 1500) + bytes([3])
    out = parse_instruction(TOKEN_PROGRAM_ID, [0, 1, 2, 3, 4, 5], data, KEYS, None)
    assert out is not None
    info = out["parsed"]["info"]
    assert info["multisigAuthority"] == str(KEYS[3])
    assert info["signers"] == [str(KEYS[4]), str(KEYS[5])]
    assert info["tokenAmount"]["uiAmountString"] == "1.5"


def test_associated_token_and_memo() -> None:
    out = parse_instruction(ASSOCIATED_TOKEN_PROGRAM, list(range(6)), b"", KEYS, None)
    assert out is not None and out["parsed"]["type"] == "create"
    assert parse_instruction(ASSOCIATED_TOKEN_PROGRAM, list(range(5)), b"", KEYS, None) is None
    assert parse_instruction(ASSOCIATED_TOKEN_PROGRAM, list(range(6)), b"\x07", KEYS, None) is None
    assert (
        parse_instruction(ASSOCIATED_TOKEN_PROGRAM, list(range(6)), b"\x01\x00", KEYS, None) is None
    )
    memo = parse_instruction(MEMO, [], "héllo".encode(), KEYS, None)
    assert memo is not None and memo["parsed"] == "héllo" and memo["program"] == "spl-memo"
    assert parse_instruction(MEMO, [], b"\xff", KEYS, None) is None
    assert parse_instruction(Pubkey.new_unique(), [], b"", KEYS, None) is None
