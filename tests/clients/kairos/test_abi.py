"""kairos.abi (generated from the IDL): encodings agree with AnchorPy's coder, bad values
are refused by name, and the builders encode what AnchorPy's instruction coder encodes.

AnchorPy's coder is an independent borsh implementation driven by the same IDL, so every
account, struct, event and instruction argument is checked against it both ways with random
values over the full range of each field's type.
"""

from __future__ import annotations

import random
from typing import Any, get_type_hints

import pytest
from anchorpy.program.common import NamedInstruction
from kairos.abi import accounts as abi_accounts
from kairos.abi import events as abi_events
from kairos.abi import instructions as abi_ix
from kairos.abi import types as abi_types
from kairos.abi.constants import PROGRAM_ID
from kairos.abi_runtime import AbiDecodeError, AbiEncodeError, AbiStruct, AccountDecodeError
from kairos.accounts import coder
from kairos.events import decode_event
from kairos.program import idl_json
from pyheck import snake
from solders.pubkey import Pubkey

_INTS = {
    "u8": (0, 2**8 - 1),
    "i8": (-(2**7), 2**7 - 1),
    "u16": (0, 2**16 - 1),
    "i16": (-(2**15), 2**15 - 1),
    "u32": (0, 2**32 - 1),
    "i32": (-(2**31), 2**31 - 1),
    "u64": (0, 2**64 - 1),
    "i64": (-(2**63), 2**63 - 1),
    "u128": (0, 2**128 - 1),
    "i128": (-(2**127), 2**127 - 1),
}
IDL = idl_json()
DEFINED = {t["name"]: t for t in IDL["types"]}


def _filler(name: str) -> bool:
    return name in ("padding", "reserved") or name.endswith("Padding")


def random_value(rng: random.Random, ty: Any, filler: bool = False) -> Any:
    """A random value in AnchorPy's input form (snake_case dicts, lists for arrays)."""
    if isinstance(ty, str):
        if ty == "publicKey":
            return Pubkey(rng.randbytes(32))
        if ty == "bool":
            return rng.random() < 0.5
        low, high = _INTS[ty]
        # Edges of the range as often as the middle.
        return rng.choice([low, high, rng.randint(low, high)])
    if "array" in ty:
        inner, count = ty["array"]
        return [0 if filler else random_value(rng, inner) for _ in range(count)]
    definition = DEFINED[ty["defined"]]
    if definition["type"]["kind"] == "enum":
        return rng.randrange(len(definition["type"]["variants"]))
    return random_fields(rng, definition["type"]["fields"])


def random_fields(rng: random.Random, fields: list[dict[str, Any]]) -> dict[str, Any]:
    return {snake(f["name"]): random_value(rng, f["type"], _filler(f["name"])) for f in fields}


def to_generated(cls: type[AbiStruct], values: dict[str, Any]) -> Any:
    """The generated dataclass holding the same values (fillers are not fields)."""
    hints = get_type_hints(cls)
    kwargs = {}
    for name, hint in hints.items():
        if name.isupper() or name not in values:
            continue
        kwargs[name] = _convert(hint, values[name])
    return cls(**kwargs)


def _convert(hint: Any, value: Any) -> Any:
    if isinstance(hint, type) and issubclass(hint, AbiStruct):
        return to_generated(hint, value)
    if hint is bytes:
        return bytes(value)
    if getattr(hint, "__origin__", None) is tuple:
        return tuple(_convert(hint.__args__[0], item) for item in value)
    return value


CASES = [
    *((abi_accounts, a["name"], a["type"]["fields"], "account") for a in IDL["accounts"]),
    *(
        (abi_types, t["name"], t["type"]["fields"], "type")
        for t in IDL["types"]
        if t["type"]["kind"] == "struct"
    ),
    *((abi_events, e["name"], e["fields"], "event") for e in IDL["events"]),
]


@pytest.mark.parametrize(("module", "name", "fields", "kind"), CASES, ids=[c[1] for c in CASES])
def test_encoding_agrees_with_anchorpy_both_ways(
    module: Any, name: str, fields: list[dict[str, Any]], kind: str
) -> None:
    rng = random.Random(name)
    for _ in range(4):
        values = random_fields(rng, fields)
        generated = to_generated(getattr(module, name), values)
        if kind == "account":
            anchor = coder().accounts.build(NamedInstruction(name=name, data=values))
            assert generated.encode() == anchor
            assert type(generated).decode(anchor) == generated
        elif kind == "event":
            layout = coder().events.layouts[name]
            anchor = generated.DISCRIMINATOR + layout.build(values)
            assert generated.encode() == anchor
            assert decode_event(anchor) == generated
        else:
            anchor = coder().types.encode(name, values)
            assert generated.to_bytes() == anchor
            assert type(generated).from_bytes(anchor) == generated


def test_every_idl_definition_is_generated() -> None:
    assert [c.IDL_NAME for c in abi_accounts.ACCOUNT_TYPES] == [a["name"] for a in IDL["accounts"]]
    assert list(abi_events.EVENT_TYPES) == [e["name"] for e in IDL["events"]]
    assert len(abi_ix.INSTRUCTION_ACCOUNT_COUNTS) == len(IDL["instructions"])


def test_values_that_do_not_fit_are_refused_by_field_name() -> None:
    args = abi_types.PlaceOrderArgs(price=-1)
    with pytest.raises(AbiEncodeError, match=r"PlaceOrderArgs\.price: -1 is not a u64"):
        args.to_bytes()
    with pytest.raises(AbiEncodeError, match=r"side: 256 is not a u8"):
        abi_types.PlaceOrderArgs(side=256).to_bytes()
    with pytest.raises(AbiEncodeError, match="expected 16 bytes"):
        abi_types.CreatePerpMarketArgs(name=b"too short").to_bytes()
    with pytest.raises(AbiEncodeError, match="expected 8 items"):
        abi_accounts.MarginAccount(collateral=()).encode()
    with pytest.raises(AbiEncodeError, match=r"PerpMarket\.funding_index: .* is not a i64"):
        abi_accounts.PerpMarket(funding_index=2**63).encode()
    # AbiEncodeError is a ValueError: callers that refuse bad input keep working.
    assert issubclass(AbiEncodeError, ValueError)


def test_decoding_checks_discriminator_and_exact_size() -> None:
    data = abi_accounts.Oracle(price=7).encode()
    assert abi_accounts.Oracle.decode(data).price == 7
    with pytest.raises(AccountDecodeError, match="discriminator"):
        abi_accounts.Exchange.decode(data)
    with pytest.raises(AccountDecodeError, match="bytes"):
        abi_accounts.Oracle.decode(data + b"\0")
    event = abi_events.OracleUpdated(price=3).encode()
    with pytest.raises(AbiDecodeError):
        decode_event(event[:-1])
    assert decode_event(b"\0" * len(event)) is None


@pytest.mark.parametrize("ix", IDL["instructions"], ids=[ix["name"] for ix in IDL["instructions"]])
def test_builders_encode_what_anchorpy_encodes(ix: dict[str, Any]) -> None:
    """Data = AnchorPy's instruction encoding; metas = the IDL's accounts, flags and order."""
    rng = random.Random(ix["name"])
    snake_name = snake(ix["name"])
    args = random_fields(rng, ix["args"])
    keys = {snake(a["name"]): Pubkey(rng.randbytes(32)) for a in ix["accounts"]}
    accounts_cls = getattr(abi_ix, ix["name"][0].upper() + ix["name"][1:] + "Accounts")
    builder = getattr(abi_ix, snake_name)
    params: list[Any] = []
    if ix["args"]:
        hints = get_type_hints(builder)
        args_cls = hints["args"]
        single = ix["args"][0]["type"]
        if (
            len(ix["args"]) == 1
            and isinstance(single, dict)
            and args_cls.IDL_NAME == single.get("defined")
        ):
            params.append(to_generated(args_cls, args[snake(ix["args"][0]["name"])]))
        else:
            params.append(to_generated(args_cls, args))
    instruction = builder(*params, accounts_cls(**keys))
    expected = coder().instruction.encode(snake_name, args)
    assert bytes(instruction.data) == expected
    assert instruction.program_id == PROGRAM_ID
    metas = [(m.pubkey, m.is_signer, m.is_writable) for m in instruction.accounts]
    assert metas == [
        (keys[snake(a["name"])], bool(a["isSigner"]), bool(a["isMut"])) for a in ix["accounts"]
    ]


def test_builders_derive_the_pdas_left_out() -> None:
    """Accounts whose IDL seeds the instruction determines are derived when None."""
    from kairos import pda
    from solders.system_program import ID as SYSTEM_PROGRAM_ID

    owner = Pubkey.new_unique()
    ix = abi_ix.create_margin_account(
        abi_ix.CreateMarginAccountArgs(account_index=3),
        abi_ix.CreateMarginAccountAccounts(owner=owner),
    )
    assert [m.pubkey for m in ix.accounts] == [
        pda.exchange_address(),
        pda.margin_account_address(owner, 3),
        owner,
        SYSTEM_PROGRAM_ID,
    ]
    margin = Pubkey.new_unique()
    ix = abi_ix.create_trigger_order(
        abi_types.CreateTriggerOrderArgs(id=2**40),
        abi_ix.CreateTriggerOrderAccounts(
            margin_account=margin, owner=owner, perp_market=owner, linked_trigger=owner
        ),
    )
    assert ix.accounts[1].pubkey == pda.trigger_order_address(margin, 2**40)
    other = Pubkey.new_unique()
    ix = abi_ix.set_instruction_gate(
        abi_ix.SetInstructionGateArgs(gate=1),
        abi_ix.SetInstructionGateAccounts(admin=owner),
        program_id=other,
    )
    assert ix.program_id == other and ix.accounts[0].pubkey == pda.exchange_address(other)
    with pytest.raises(ValueError, match="account_index must be a u8"):
        abi_ix.create_margin_account(
            abi_ix.CreateMarginAccountArgs(account_index=256),
            abi_ix.CreateMarginAccountAccounts(owner=owner, margin_account=None),
        )
