"""A plain-Python order book, event queue and position to check the C code against.

Written from the rules, not from the C: each side is an unsorted list ordered on
demand by priority (price, then arrival), the queue is a deque, and a position
is a handful of ints with exact big-integer arithmetic.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace

from .book_library import (
    BOOK_SIDE_CAPACITY,
    ERR_BOOK_FULL,
    ERR_MATH_OVERFLOW,
    EVENT_QUEUE_CAPACITY,
    KAIROS_OK,
    MAX_OPEN_ORDERS,
    SIDE_ASK,
    SIDE_BID,
    STOP_COMPLETE,
    STOP_MATCH_LIMIT,
    STOP_QUEUE_FULL,
    STOP_SELF_TRADE_LIMIT,
    Fill,
    Matched,
    Resting,
)

U64_MAX = (1 << 64) - 1
I64_MAX = (1 << 63) - 1
I64_MIN = -(1 << 63)
# The owner number of a blank key (all zero bytes): events pushed as filler.
NO_OWNER = -1


def priority(side: int, order: Resting) -> tuple[int, int]:
    """Sort key, best first: better price, then earlier order id."""
    return (-order.price if side == SIDE_BID else order.price, order.order_id)


def crosses(taker_side: int, limit_price: int, maker_price: int) -> bool:
    return maker_price <= limit_price if taker_side == SIDE_BID else maker_price >= limit_price


@dataclass
class ReferenceQueue:
    events: deque[Fill] = field(default_factory=deque)
    seq_num: int = 0

    def room(self) -> int:
        return EVENT_QUEUE_CAPACITY - len(self.events)

    def push(self, fill: Fill) -> None:
        assert self.room() > 0
        self.events.append(replace(fill, seq=self.seq_num))
        self.seq_num += 1

    def push_blank(self) -> bool:
        if self.room() == 0:
            return False
        self.push(Fill(NO_OWNER, NO_OWNER, 0, 0, 0, 0, 0, 0, False, 0))
        return True

    def pop(self) -> None:
        self.events.popleft()


@dataclass
class ReferenceBook:
    sides: dict[int, list[Resting]] = field(default_factory=lambda: {SIDE_BID: [], SIDE_ASK: []})

    def best_first(self, side: int) -> list[Resting]:
        return sorted(self.sides[side], key=lambda order: priority(side, order))

    def stored(self, side: int) -> list[Resting]:
        """The side in the C array's order: worst first, best last."""
        return list(reversed(self.best_first(side)))

    def insert(self, side: int, order: Resting) -> int:
        if len(self.sides[side]) >= BOOK_SIDE_CAPACITY:
            return ERR_BOOK_FULL
        self.sides[side].append(order)
        return KAIROS_OK

    def remove(self, side: int, order_id: int) -> None:
        self.sides[side] = [o for o in self.sides[side] if o.order_id != order_id]

    def match(
        self,
        queue: ReferenceQueue,
        *,
        taker: int,
        side: int,
        limit_price: int,
        max_base_lots: int,
        match_limit: int,
        timestamp: int = 0,
    ) -> tuple[int, Matched]:
        maker_side = SIDE_ASK if side == SIDE_BID else SIDE_BID
        first_event_offset = len(queue.events)
        remaining = max_base_lots
        filled_quote = 0
        fills = 0
        self_trades: list[Resting] = []
        stop = STOP_COMPLETE
        for maker in self.best_first(maker_side):
            if remaining == 0 or not crosses(side, limit_price, maker.price):
                break
            if maker.owner == taker:
                if len(self_trades) >= MAX_OPEN_ORDERS:
                    stop = STOP_SELF_TRADE_LIMIT
                    break
                self_trades.append(replace(maker, timestamp=0))
                self.remove(maker_side, maker.order_id)
                continue
            if fills >= match_limit:
                stop = STOP_MATCH_LIMIT
                break
            if queue.room() == 0:
                stop = STOP_QUEUE_FULL
                break
            lots = min(remaining, maker.base_lots)
            filled_quote += maker.price * lots
            if filled_quote > U64_MAX:
                return ERR_MATH_OVERFLOW, Matched(0, 0, 0, 0, 0, ())
            maker_out = lots == maker.base_lots
            queue.push(
                Fill(
                    maker=maker.owner,
                    taker=taker,
                    maker_order_id=maker.order_id,
                    price=maker.price,
                    base_lots=lots,
                    timestamp=timestamp,
                    seq=0,
                    taker_side=side,
                    maker_out=maker_out,
                    maker_slot=maker.owner_slot,
                )
            )
            fills += 1
            remaining -= lots
            self.remove(maker_side, maker.order_id)
            if not maker_out:
                self.sides[maker_side].append(replace(maker, base_lots=maker.base_lots - lots))
        return KAIROS_OK, Matched(
            filled_base_lots=max_base_lots - remaining,
            filled_quote=filled_quote,
            first_event_offset=first_event_offset,
            maker_fills=fills,
            stop=stop,
            self_trades=tuple(self_trades),
        )


@dataclass(frozen=True)
class ReferencePosition:
    base_lots: int = 0
    quote_position: int = 0
    cost_basis: int = 0
    realized_pnl: int = 0


def _trunc_div(numerator: int, divisor: int) -> int:
    """Division rounded toward zero (C's `/`)."""
    quotient = abs(numerator) // abs(divisor)
    return quotient if (numerator < 0) == (divisor < 0) else -quotient


def _fits_i64(*values: int) -> bool:
    return all(I64_MIN <= value <= I64_MAX for value in values)


def apply_fill(
    position: ReferencePosition, side: int, base_lots: int, price: int
) -> ReferencePosition | None:
    """The position after the fill, or None when a figure (or a C intermediate,
    each of which is an i64 or u64 there) leaves its type."""
    direction = 1 if side == SIDE_BID else -1
    notional = price * base_lots
    signed_lots = direction * base_lots
    signed_notional = direction * notional
    base = position.base_lots
    base_after = base + signed_lots
    quote_after = position.quote_position - signed_notional
    if notional > U64_MAX or not _fits_i64(signed_lots, signed_notional, base_after, quote_after):
        return None
    if base == 0 or (base > 0) == (side == SIDE_BID):
        realized = 0
        cost_after = position.cost_basis + signed_notional
    else:
        closed = min(base_lots, abs(base))
        opened = base_lots - closed
        closed_cost = (
            position.cost_basis
            if closed == abs(base)
            else _trunc_div(position.cost_basis * closed, abs(base))
        )
        closing_value = price * closed * (1 if base > 0 else -1)
        realized = closing_value - closed_cost
        opened_cost = direction * price * opened
        if not _fits_i64(closing_value, realized, opened_cost):
            return None
        cost_after = position.cost_basis - closed_cost + opened_cost
    realized_after = position.realized_pnl + realized
    if not _fits_i64(cost_after, realized_after):
        return None
    return ReferencePosition(base_after, quote_after, cost_after, realized_after)
