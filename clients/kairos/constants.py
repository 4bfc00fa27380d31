"""Program constants and enums: generated from the IDL, re-exported with a few helpers.

The numbers (bounds, the quote asset index, the bps denominator...) are the IDL's
``constants`` (:mod:`kairos.abi.constants`); the enums are the IDL's enum types
(:mod:`kairos.abi.types`), which name the values of u8 arguments and fields
(``Side.ASK``, ``TimeInForce.IOC``...). Both are generated, so a change to the IDL
reaches the SDK on regeneration without an edit here.
"""

from __future__ import annotations

from typing import Final

from kairos.abi.constants import *  # noqa: F403 - the generated constants are this module's API
from kairos.abi.constants import INSTRUCTION_NAMES as INSTRUCTION_NAMES
from kairos.abi.types import AuctionLapseReason as AuctionLapseReason
from kairos.abi.types import AuctionRest as AuctionRest
from kairos.abi.types import FillEventType as FillEventType
from kairos.abi.types import MissedSlicePolicy as MissedSlicePolicy
from kairos.abi.types import OrderType as OrderType
from kairos.abi.types import ScheduledRunOutcome as ScheduledRunOutcome
from kairos.abi.types import ScheduleKind as ScheduleKind
from kairos.abi.types import SelfTradeBehavior as SelfTradeBehavior
from kairos.abi.types import Side as Side
from kairos.abi.types import SideFilter as SideFilter
from kairos.abi.types import TimeInForce as TimeInForce
from kairos.abi.types import TrailingMode as TrailingMode
from kairos.abi.types import TriggerCondition as TriggerCondition
from kairos.abi.types import TriggerKind as TriggerKind

I64_MIN: Final[int] = -(2**63)
I64_MAX: Final[int] = 2**63 - 1
U64_MAX: Final[int] = 2**64 - 1


def instruction_gate_bit(name: str) -> int:
    """The gate bitmask bit that halts instruction ``name`` (snake_case)."""
    try:
        return 1 << INSTRUCTION_NAMES.index(name)
    except ValueError:
        raise KeyError(f"no instruction {name!r} in the IDL") from None


def halted_instructions(gate: int) -> list[str]:
    """Names of the instructions a gate bitmask halts."""
    return [name for i, name in enumerate(INSTRUCTION_NAMES) if (gate >> i) & 1]
