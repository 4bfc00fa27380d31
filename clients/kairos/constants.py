"""Program constants, read from the IDL, and the small enums its u8 arguments encode.

Numbers the IDL declares (bounds, the quote asset index, the bps denominator) are
read from it at import, so a change to the IDL reaches the SDK without an edit here.
The enums below give names to the values of u8 arguments whose meaning the IDL
states only in its docs (``sideFilter 0 bids, 1 asks, 2 both``).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Final

from pyheck import snake

from kairos.program import idl_json


def _idl_constant(name: str) -> int:
    for constant in idl_json()["constants"]:
        if constant["name"] == name:
            return int(constant["value"])
    raise KeyError(f"the IDL declares no constant {name}")


MAX_COLLATERAL_ASSETS: Final[int] = _idl_constant("MAX_COLLATERAL_ASSETS")
MAX_PERP_MARKETS: Final[int] = _idl_constant("MAX_PERP_MARKETS")
MAX_COLLATERAL_POSITIONS: Final[int] = _idl_constant("MAX_COLLATERAL_POSITIONS")
MAX_PERP_POSITIONS: Final[int] = _idl_constant("MAX_PERP_POSITIONS")
MAX_OPEN_ORDERS: Final[int] = _idl_constant("MAX_OPEN_ORDERS")
BOOK_SIDE_CAPACITY: Final[int] = _idl_constant("BOOK_SIDE_CAPACITY")
EVENT_QUEUE_CAPACITY: Final[int] = _idl_constant("EVENT_QUEUE_CAPACITY")
MAX_MATCHES_PER_ORDER: Final[int] = _idl_constant("MAX_MATCHES_PER_ORDER")
QUOTE_ASSET_INDEX: Final[int] = _idl_constant("QUOTE_ASSET_INDEX")
BPS_DENOMINATOR: Final[int] = _idl_constant("BPS_DENOMINATOR")

# Quote borrowing (kairos.borrow): the index's unit and the year of its rates.
BORROW_INDEX_ONE: Final[int] = _idl_constant("BORROW_INDEX_ONE")
FUNDING_INDEX_ONE: Final[int] = _idl_constant("FUNDING_INDEX_ONE")
FUNDING_PREMIUM_DAY_SECONDS: Final[int] = _idl_constant("FUNDING_PREMIUM_DAY_SECONDS")
DEFAULT_FUNDING_PERIOD_SECONDS: Final[int] = _idl_constant("DEFAULT_FUNDING_PERIOD_SECONDS")
MIN_FUNDING_PERIOD_SECONDS: Final[int] = _idl_constant("MIN_FUNDING_PERIOD_SECONDS")
MAX_FUNDING_PERIOD_SECONDS: Final[int] = _idl_constant("MAX_FUNDING_PERIOD_SECONDS")
DEFAULT_FUNDING_MAX_RATE_BPS: Final[int] = _idl_constant("DEFAULT_FUNDING_MAX_RATE_BPS")
DEFAULT_FUNDING_MARK_BAND_BPS: Final[int] = _idl_constant("DEFAULT_FUNDING_MARK_BAND_BPS")
SECONDS_PER_YEAR: Final[int] = _idl_constant("SECONDS_PER_YEAR")

MAX_AUCTION_BIDS: Final[int] = _idl_constant("MAX_AUCTION_BIDS")
MAX_AUCTION_DURATION_SLOTS: Final[int] = _idl_constant("MAX_AUCTION_DURATION_SLOTS")
AUCTION_EXPIRY_GRACE_SLOTS: Final[int] = _idl_constant("AUCTION_EXPIRY_GRACE_SLOTS")
"""Slots after an auction's deadline from which anyone may expire it (``expire_auction``)."""

# The `active` byte of a used position or order slot (0 marks a free slot).
SLOT_ACTIVE: Final[int] = _idl_constant("SLOT_ACTIVE")

I64_MIN: Final[int] = -(2**63)
I64_MAX: Final[int] = 2**63 - 1
U64_MAX: Final[int] = 2**64 - 1

# Instruction names in IDL order: bit i of the Exchange's instruction gate halts
# instruction i (set_instruction_gate itself can never be halted).
INSTRUCTION_NAMES: Final[tuple[str, ...]] = tuple(
    snake(ix["name"]) for ix in idl_json()["instructions"]
)


def instruction_gate_bit(name: str) -> int:
    """The gate bitmask bit that halts instruction ``name`` (snake_case)."""
    try:
        return 1 << INSTRUCTION_NAMES.index(name)
    except ValueError:
        raise KeyError(f"no instruction {name!r} in the IDL") from None


def halted_instructions(gate: int) -> list[str]:
    """Names of the instructions a gate bitmask halts."""
    return [name for i, name in enumerate(INSTRUCTION_NAMES) if (gate >> i) & 1]


def idl_enum_values(name: str) -> dict[str, int]:
    """Variant name → borsh tag of an enum type of the IDL (the values the C uses).

    The IntEnum classes below spell the same values for typing and readability;
    tests/clients/kairos/test_constants.py fails when they drift from the IDL.
    """
    for definition in idl_json()["types"]:
        if definition["name"] == name and definition["type"]["kind"] == "enum":
            return {v["name"]: i for i, v in enumerate(definition["type"]["variants"])}
    raise KeyError(f"no enum {name!r} in the IDL")


class Side(IntEnum):
    """Order side (``PlaceOrderArgs.side``, ``OpenOrder.side``, ``FillEvent.takerSide``)."""

    BID = 0
    ASK = 1

    @property
    def opposite(self) -> Side:
        """The other side of the book."""
        return Side.ASK if self is Side.BID else Side.BID


class OrderType(IntEnum):
    """Order type (``PlaceOrderArgs.orderType``): a market order's price is its worst price."""

    LIMIT = 0
    MARKET = 1


class SideFilter(IntEnum):
    """Which sides ``cancel_all_orders`` cancels (``sideFilter``)."""

    BIDS = 0
    ASKS = 1
    BOTH = 2


class AuctionRest(IntEnum):
    """What ``settle_auction`` does with an auction's unfilled lots (``restAction``)."""

    CANCEL = 0
    BOOK = 1


class AuctionLapseReason(IntEnum):
    """Why ``expire_auction`` closed an auction (``AuctionLapsed.reason``)."""

    PAST_GRACE = 0
    TAKER_LIQUIDATED = 1


class TimeInForce(IntEnum):
    """How long an order may rest (``PlaceOrderV2Args.timeInForce``)."""

    GTC = 0
    IOC = 1
    FOK = 2
    POST_ONLY = 3
    POST_ONLY_SLIDE = 4


class SelfTradeBehavior(IntEnum):
    """What an order does when it meets a resting order of its own account."""

    CANCEL_RESTING = 0
    DECREMENT_TAKING = 1
    ABORT = 2


class TriggerKind(IntEnum):
    """A trigger order's kind: the order it places is market (IOC) or limit."""

    STOP_MARKET = 0
    STOP_LIMIT = 1
    TAKE_PROFIT_MARKET = 2
    TAKE_PROFIT_LIMIT = 3

    @property
    def is_market(self) -> bool:
        """True for the kinds that place a market order."""
        return self in (TriggerKind.STOP_MARKET, TriggerKind.TAKE_PROFIT_MARKET)

    @property
    def is_stop(self) -> bool:
        """True for stop kinds (they trigger against the position's direction)."""
        return self in (TriggerKind.STOP_MARKET, TriggerKind.STOP_LIMIT)


class TriggerCondition(IntEnum):
    """Trigger when the oracle price per lot is at or above / at or below the trigger."""

    ABOVE = 0
    BELOW = 1

    @staticmethod
    def for_order(kind: TriggerKind, side: Side) -> TriggerCondition:
        """The only condition the program accepts for ``kind`` on ``side``.

        A sell stop triggers below, a buy stop above; take-profits the other way.
        """
        sell = side is Side.ASK
        return TriggerCondition.BELOW if kind.is_stop == sell else TriggerCondition.ABOVE


class TrailingMode(IntEnum):
    """A trailing stop's offset unit (NONE: a fixed trigger price)."""

    NONE = 0
    TICKS = 1
    BPS = 2


class FillEventType(IntEnum):
    """Kind of an event queue entry: a maker fill, or an expired order taken out."""

    FILL = 0
    OUT = 1
