"""Behaviour written by hand on top of the generated ABI classes (methods only, no fields).

The generator (:mod:`kairos_toolchain.idl_python`) makes the generated class ``<Name>``
inherit ``<Name>Methods`` when this module defines it, so these helpers are reached as
``margin_account.active_perp_positions()`` or ``side.opposite``. A class here declares
the fields it reads (annotations only: the generated dataclass owns them); a ``Generic``
class with TypeVars named ``<Type>T`` is bound to the generated ``<Type>``, so element
types stay exact. This module imports only :mod:`kairos.abi.constants`, which imports
nothing generated, so there is no import circle.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Generic, Protocol, Self, SupportsInt, TypeVar, cast

from solders.pubkey import Pubkey

from kairos.abi.constants import SLOT_ACTIVE


class _Slot(Protocol):
    @property
    def is_active(self) -> bool: ...


class _CollateralSlot(_Slot, Protocol):
    @property
    def asset_index(self) -> int: ...


class _PerpSlot(_Slot, Protocol):
    @property
    def market_index(self) -> int: ...


CollateralPositionT = TypeVar("CollateralPositionT", bound=_CollateralSlot)
PerpPositionT = TypeVar("PerpPositionT", bound=_PerpSlot)
OpenOrderT = TypeVar("OpenOrderT", bound=_Slot)
FillEventT = TypeVar("FillEventT")
AuctionBidT = TypeVar("AuctionBidT")
RebalanceMemberT = TypeVar("RebalanceMemberT")


# --- enums ------------------------------------------------------------------------------


def _member_name(value: object) -> str:
    return cast(Enum, value).name


class SideMethods:
    """Order side helpers."""

    @property
    def opposite(self) -> Self:
        """The other side of the book."""
        cls: Any = type(self)
        result: Self = cls(1 - int(cast(SupportsInt, self)))
        return result


class TriggerKindMethods:
    """Trigger kind helpers: the order a trigger places is market (IOC) or limit."""

    @property
    def is_market(self) -> bool:
        """True for the kinds that place a market order."""
        return _member_name(self).endswith("_MARKET")

    @property
    def is_stop(self) -> bool:
        """True for stop kinds (they trigger against the position's direction)."""
        return _member_name(self).startswith("STOP_")


class _TriggerKindLike(Protocol):
    @property
    def is_stop(self) -> bool: ...


class TriggerConditionMethods:
    """Trigger condition helpers."""

    @classmethod
    def for_order(cls, kind: _TriggerKindLike, side: SupportsInt) -> Self:
        """The only condition the program accepts for ``kind`` on ``side``.

        A sell stop triggers below, a buy stop above; take-profits the other way.
        """
        sell = _member_name(side) == "ASK"
        members: Any = cls
        result: Self = members["BELOW"] if kind.is_stop == sell else members["ABOVE"]
        return result


# --- slots of a margin account -------------------------------------------------------------


class _SlotMethods:
    active: int

    @property
    def is_active(self) -> bool:
        """True if the slot holds a position or an order."""
        return self.active == SLOT_ACTIVE


class CollateralPositionMethods(_SlotMethods):
    """A margin account's holding of one collateral asset (never the quote asset 0)."""


class PerpPositionMethods(_SlotMethods):
    """A margin account's position in one perp market."""


class OpenOrderMethods(_SlotMethods):
    """A resting order as recorded in its owner's margin account."""


class BookOrderMethods:
    """An order on a book side."""

    base_lots: int
    hidden_lots: int

    @property
    def total_lots(self) -> int:
        """Visible plus hidden lots."""
        return self.base_lots + self.hidden_lots


# --- accounts ---------------------------------------------------------------------------


class MarginAccountMethods(Generic[CollateralPositionT, PerpPositionT, OpenOrderT]):
    """Views of a margin account's slots."""

    collateral: tuple[CollateralPositionT, ...]
    perp_positions: tuple[PerpPositionT, ...]
    open_orders: tuple[OpenOrderT, ...]
    loss_market_mask: int

    def loss_markets(self) -> list[int]:
        """Markets a bankruptcy of this account may be socialized on (empty: any)."""
        return [i for i in range(64) if self.loss_market_mask >> i & 1]

    def active_collateral(self) -> list[CollateralPositionT]:
        """Active collateral positions in slot order."""
        return [p for p in self.collateral if p.is_active]

    def active_perp_positions(self) -> list[PerpPositionT]:
        """Active perp positions in slot order."""
        return [p for p in self.perp_positions if p.is_active]

    def active_open_orders(self) -> list[OpenOrderT]:
        """Active open orders in slot order."""
        return [o for o in self.open_orders if o.is_active]

    def collateral_position(self, asset_index: int) -> CollateralPositionT | None:
        """The active position in an asset, if any."""
        for position in self.collateral:
            if position.is_active and position.asset_index == asset_index:
                return position
        return None

    def perp_position(self, market_index: int) -> PerpPositionT | None:
        """The active position in a market, if any."""
        for position in self.perp_positions:
            if position.is_active and position.market_index == market_index:
                return position
        return None


class PerpMarketMethods:
    """Perp market helpers."""

    name: bytes

    @property
    def name_str(self) -> str:
        """The market name without its zero padding."""
        return self.name.rstrip(b"\0").decode("utf-8", errors="replace")


class EventQueueMethods(Generic[FillEventT]):
    """A market's ring buffer of maker fills: ``count`` events from ``head``."""

    events: tuple[FillEventT, ...]
    head: int
    count: int

    def pending(self) -> list[FillEventT]:
        """The queued events in the order ``consume_events`` applies them."""
        capacity = len(self.events)
        return [self.events[(self.head + i) % capacity] for i in range(self.count)]


class AuctionMethods(Generic[AuctionBidT]):
    """An auction's live bids (``bids[:bid_count]``, unordered)."""

    bids: tuple[AuctionBidT, ...]
    bid_count: int

    def live_bids(self) -> list[AuctionBidT]:
        """The live bids in slot order."""
        return list(self.bids[: self.bid_count])


class RebalancePolicyMethods(Generic[RebalanceMemberT]):
    """A rebalancing policy's members (``members[:member_count]``)."""

    members: tuple[RebalanceMemberT, ...]
    member_count: int

    def live_members(self) -> list[RebalanceMemberT]:
        """The members in policy order."""
        return list(self.members[: self.member_count])


class TriggerOrderMethods:
    """Trigger order helpers."""

    linked_trigger: Pubkey

    @property
    def is_linked(self) -> bool:
        """True when the order is half of an OCO pair."""
        return self.linked_trigger != Pubkey.default()


class TwapOrderMethods:
    """TWAP order helpers."""

    next_slice: int
    slice_count: int

    @property
    def finished(self) -> bool:
        """True once every slice was executed or skipped."""
        return self.next_slice >= self.slice_count


class ScheduledOrderMethods:
    """Scheduled order helpers."""

    cron_expression: bytes
    run_count: int
    skipped_count: int

    @property
    def cron_text(self) -> str:
        """The cron expression as text (empty for non-cron schedules)."""
        return bytes(self.cron_expression).rstrip(b"\0").decode()

    @property
    def next_run_index(self) -> int:
        """The run_index the next execute_scheduled_order must name."""
        return self.run_count + self.skipped_count
