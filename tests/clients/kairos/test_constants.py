"""The SDK's enums and constants are the IDL's: a drift fails here."""

from __future__ import annotations

from enum import IntEnum

import pytest
from kairos.constants import (
    SLOT_ACTIVE,
    FillEventType,
    OrderType,
    SelfTradeBehavior,
    Side,
    SideFilter,
    TimeInForce,
    TrailingMode,
    TriggerCondition,
    TriggerKind,
    idl_enum_values,
    instruction_gate_bit,
)
from kairos.program import idl_json
from pyheck import snake


@pytest.mark.parametrize(
    ("enum", "idl_name"),
    [
        (Side, "Side"),
        (OrderType, "OrderType"),
        (SideFilter, "SideFilter"),
        (TimeInForce, "TimeInForce"),
        (SelfTradeBehavior, "SelfTradeBehavior"),
        (TriggerKind, "TriggerKind"),
        (TriggerCondition, "TriggerCondition"),
        (TrailingMode, "TrailingMode"),
        (FillEventType, "FillEventType"),
    ],
)
def test_enums_match_the_idl(enum: type[IntEnum], idl_name: str) -> None:
    expected = {snake(name).upper(): value for name, value in idl_enum_values(idl_name).items()}
    assert {member.name: member.value for member in enum} == expected


def test_slot_active_comes_from_the_idl() -> None:
    constants = {c["name"]: int(c["value"]) for c in idl_json()["constants"]}
    assert SLOT_ACTIVE == constants["SLOT_ACTIVE"] == 1


def test_gate_bits_follow_instruction_order() -> None:
    names = [ix["name"] for ix in idl_json()["instructions"]]
    assert instruction_gate_bit("place_order") == 1 << names.index("placeOrder")
    with pytest.raises(KeyError):
        instruction_gate_bit("no_such_instruction")
    with pytest.raises(KeyError):
        idl_enum_values("NoSuchEnum")
