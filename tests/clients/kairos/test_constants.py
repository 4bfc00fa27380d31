"""kairos.constants: gate bits follow the IDL's instruction order; enum helpers."""

from __future__ import annotations

import pytest
from kairos.constants import (
    Side,
    TriggerCondition,
    TriggerKind,
    halted_instructions,
    instruction_gate_bit,
)
from kairos.program import idl_json


def test_gate_bits_follow_instruction_order() -> None:
    names = [ix["name"] for ix in idl_json()["instructions"]]
    assert instruction_gate_bit("place_order") == 1 << names.index("placeOrder")
    gate = instruction_gate_bit("place_order") | instruction_gate_bit("withdraw")
    assert halted_instructions(gate) == ["withdraw", "place_order"]
    with pytest.raises(KeyError):
        instruction_gate_bit("no_such_instruction")


def test_enum_helpers() -> None:
    assert Side.BID.opposite is Side.ASK and Side.ASK.opposite is Side.BID
    assert [k for k in TriggerKind if k.is_market] == [
        TriggerKind.STOP_MARKET,
        TriggerKind.TAKE_PROFIT_MARKET,
    ]
    stops = [TriggerKind.STOP_MARKET, TriggerKind.STOP_LIMIT]
    assert [k for k in TriggerKind if k.is_stop] == stops
    # A sell stop triggers below, a buy stop above; take-profits the other way.
    assert TriggerCondition.for_order(TriggerKind.STOP_MARKET, Side.ASK) is TriggerCondition.BELOW
    assert TriggerCondition.for_order(TriggerKind.STOP_LIMIT, Side.BID) is TriggerCondition.ABOVE
    assert (
        TriggerCondition.for_order(TriggerKind.TAKE_PROFIT_LIMIT, Side.ASK)
        is TriggerCondition.ABOVE
    )
