"""The order book, event queue, matching and position C code as a host library.

The program's own sources (state/orderbook.c, state/event_queue.c,
matching/match.c, state/perp_position.c, ...) are compiled with gcc and
-DKAIROS_HOST, where sol/host_syscalls.c stands in for the syscalls, and loaded
with ctypes. The ctypes structures below mirror the C layouts; `check_layouts`
compares every size with the C compiler's.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

from kairos_toolchain.compiler import compile_host_shared

U64_MAX = (1 << 64) - 1

ROOT = Path(__file__).resolve().parents[4]
PROGRAM_SRC = ROOT / "programs" / "kairos" / "src"
SHIM_SOURCE = Path(__file__).with_name("matching_shim.c")
SOURCES = [
    SHIM_SOURCE,
    PROGRAM_SRC / "sol" / "host_syscalls.c",
    PROGRAM_SRC / "state" / "orderbook.c",
    PROGRAM_SRC / "state" / "event_queue.c",
    PROGRAM_SRC / "state" / "open_orders.c",
    PROGRAM_SRC / "state" / "perp_position.c",
    PROGRAM_SRC / "funding" / "funding.c",
    PROGRAM_SRC / "state" / "margin_account.c",
    PROGRAM_SRC / "matching" / "match.c",
    PROGRAM_SRC / "matching" / "cancel.c",
]

BOOK_SIDE_CAPACITY = 128
EVENT_QUEUE_CAPACITY = 256
MAX_OPEN_ORDERS = 16
MAX_MATCHES_PER_ORDER = 16
SIDE_BID = 0
SIDE_ASK = 1

KAIROS_OK = 0
ERR_MATH_OVERFLOW = 6000
ERR_BOOK_FULL = 6021

# enum MatchStop of matching/match.h
STOP_COMPLETE = 0
STOP_MATCH_LIMIT = 1
STOP_QUEUE_FULL = 2
STOP_SELF_TRADE_LIMIT = 3

u8 = ctypes.c_uint8
u32 = ctypes.c_uint32
u64 = ctypes.c_uint64
i64 = ctypes.c_int64
Pubkey = u8 * 32


class BookOrder(ctypes.Structure):
    _fields_ = [
        ("order_id", u64),
        ("price", u64),
        ("base_lots", u64),
        ("client_order_id", u64),
        ("timestamp", i64),
        ("owner", Pubkey),
        ("owner_slot", u8),
        ("padding", u8 * 7),
        ("expiry_timestamp", i64),
        ("display_lots", u64),
        ("hidden_lots", u64),
    ]


class Orderbook(ctypes.Structure):
    _fields_ = [
        ("market", Pubkey),
        ("bid_count", u32),
        ("ask_count", u32),
        ("reserved", u8 * 56),
        ("bids", BookOrder * BOOK_SIDE_CAPACITY),
        ("asks", BookOrder * BOOK_SIDE_CAPACITY),
    ]


class FillEvent(ctypes.Structure):
    _fields_ = [
        ("maker", Pubkey),
        ("taker", Pubkey),
        ("maker_order_id", u64),
        ("price", u64),
        ("base_lots", u64),
        ("timestamp", i64),
        ("seq", u64),
        ("taker_side", u8),
        ("maker_out", u8),
        ("maker_slot", u8),
        ("event_type", u8),
        ("padding", u8 * 4),
    ]


class EventQueue(ctypes.Structure):
    _fields_ = [
        ("market", Pubkey),
        ("head", u32),
        ("count", u32),
        ("seq_num", u64),
        ("reserved", u8 * 48),
        ("events", FillEvent * EVENT_QUEUE_CAPACITY),
    ]


class TakerOrder(ctypes.Structure):
    _fields_ = [
        ("taker", ctypes.POINTER(Pubkey)),
        ("limit_price", u64),
        ("max_base_lots", u64),
        ("band_low", u64),
        ("band_high", u64),
        ("timestamp", i64),
        ("side", u8),
        ("match_limit", u8),
        ("self_trade_behavior", u8),
    ]


class CancelledOrder(ctypes.Structure):
    _fields_ = [
        ("order_id", u64),
        ("client_order_id", u64),
        ("price", u64),
        ("base_lots", u64),
        ("side", u8),
        ("owner_slot", u8),
        ("keeps_slot", u8),
        ("padding", u8 * 5),
    ]


class MatchResult(ctypes.Structure):
    _fields_ = [
        ("filled_base_lots", u64),
        ("filled_quote", u64),
        ("first_event_offset", u32),
        ("maker_fills", u32),
        ("self_trade_count", u32),
        ("events_pushed", u32),
        ("stop", u8),
        ("padding", u8 * 7),
        ("self_trades", CancelledOrder * MAX_OPEN_ORDERS),
    ]


class PerpPosition(ctypes.Structure):
    _fields_ = [
        ("base_lots", i64),
        ("quote_position", i64),
        ("cost_basis", i64),
        ("realized_pnl", i64),
        ("bids_base_lots", u64),
        ("asks_base_lots", u64),
        ("bids_quote", u64),
        ("asks_quote", u64),
        ("market_index", ctypes.c_uint16),
        ("active", u8),
        ("padding", u8 * 5),
        ("loss_index_snapshot", u64),
        ("funding_index_snapshot", i64),
    ]


class PositionFill(ctypes.Structure):
    _fields_ = [("base_lots", u64), ("price", u64), ("side", u8), ("account", ctypes.c_void_p)]


MIRRORS: dict[str, type[ctypes.Structure]] = {
    "book_order": BookOrder,
    "orderbook": Orderbook,
    "fill_event": FillEvent,
    "event_queue": EventQueue,
    "taker_order": TakerOrder,
    "cancelled_order": CancelledOrder,
    "match_result": MatchResult,
    "perp_position": PerpPosition,
    "position_fill": PositionFill,
}


def owner_key(owner: int) -> Pubkey:
    """A recognisable 32-byte key for test owner number `owner`."""
    return Pubkey(*([owner + 1] * 32))


def owner_of(key: Pubkey) -> int:
    return int(key[0]) - 1


@dataclass(frozen=True)
class Resting:
    """A book order as the tests compare it."""

    order_id: int
    price: int
    base_lots: int
    client_order_id: int
    owner: int
    owner_slot: int
    timestamp: int


@dataclass(frozen=True)
class Fill:
    maker: int
    taker: int
    maker_order_id: int
    price: int
    base_lots: int
    timestamp: int
    seq: int
    taker_side: int
    maker_out: bool
    maker_slot: int


@dataclass(frozen=True)
class Matched:
    """match_order's outcome in Python terms."""

    filled_base_lots: int
    filled_quote: int
    first_event_offset: int
    maker_fills: int
    stop: int
    self_trades: tuple[Resting, ...]


def compile_library(output: Path) -> Path:
    return compile_host_shared(SOURCES, output, [PROGRAM_SRC])


class BookLib:
    """The C functions with Python values in and out."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._lib = lib
        self._declare()

    def _declare(self) -> None:
        lib = self._lib
        book = ctypes.POINTER(Orderbook)
        queue = ctypes.POINTER(EventQueue)
        signatures: dict[str, tuple[object, list[object]]] = {
            "book_insert": (u64, [book, u8, ctypes.POINTER(BookOrder)]),
            "book_remove": (None, [book, u8, u32]),
            "book_find": (ctypes.c_bool, [book, u8, u64, u64, ctypes.POINTER(u32)]),
            "book_lower_bound": (u32, [book, u8, u64]),
            "event_queue_push": (ctypes.POINTER(FillEvent), [queue]),
            "event_queue_pop": (None, [queue]),
            "match_order": (
                u64,
                [book, queue, ctypes.POINTER(TakerOrder), ctypes.POINTER(MatchResult)],
            ),
            "perp_position_apply_fill": (
                u64,
                [
                    ctypes.POINTER(PerpPosition),
                    ctypes.POINTER(PositionFill),
                    u64,
                    ctypes.POINTER(i64),
                ],
            ),
            "perp_position_reserve": (u64, [ctypes.POINTER(PerpPosition), u8, u64, u64]),
            "perp_position_release": (u64, [ctypes.POINTER(PerpPosition), u8, u64, u64]),
        }
        for name, (restype, argtypes) in signatures.items():
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = argtypes
        for name in MIRRORS:
            getattr(lib, f"shim_sizeof_{name}").restype = u64

    def check_layouts(self) -> None:
        for name, mirror in MIRRORS.items():
            c_size = getattr(self._lib, f"shim_sizeof_{name}")()
            assert ctypes.sizeof(mirror) == c_size, (
                f"{name}: ctypes {ctypes.sizeof(mirror)} != C {c_size}"
            )

    # ---- the book ----

    def insert(self, book: Orderbook, side: int, order: Resting) -> int:
        record = BookOrder(
            order_id=order.order_id,
            price=order.price,
            base_lots=order.base_lots,
            client_order_id=order.client_order_id,
            timestamp=order.timestamp,
            owner=owner_key(order.owner),
            owner_slot=order.owner_slot,
        )
        return int(self._lib.book_insert(ctypes.byref(book), side, ctypes.byref(record)))

    def remove(self, book: Orderbook, side: int, index: int) -> None:
        self._lib.book_remove(ctypes.byref(book), side, index)

    def find(self, book: Orderbook, side: int, price: int, order_id: int) -> int | None:
        index = u32(0xFFFF_FFFF)
        found = self._lib.book_find(ctypes.byref(book), side, price, order_id, ctypes.byref(index))
        return int(index.value) if found else None

    def lower_bound(self, book: Orderbook, side: int, price: int) -> int:
        return int(self._lib.book_lower_bound(ctypes.byref(book), side, price))

    @staticmethod
    def side(book: Orderbook, side: int) -> list[Resting]:
        """The side as stored: worst first, best last."""
        orders, count = (
            (book.bids, book.bid_count) if side == SIDE_BID else (book.asks, book.ask_count)
        )
        return [_resting(orders[i]) for i in range(count)]

    @staticmethod
    def free_slots_zero(book: Orderbook, side: int) -> bool:
        orders, count = (
            (book.bids, book.bid_count) if side == SIDE_BID else (book.asks, book.ask_count)
        )
        return all(
            bytes(orders[i]) == bytes(ctypes.sizeof(BookOrder))
            for i in range(count, BOOK_SIDE_CAPACITY)
        )

    # ---- the queue ----

    def push(self, queue: EventQueue) -> bool:
        """Push a blank event (its seq is set by C); False when the queue is full."""
        return bool(self._lib.event_queue_push(ctypes.byref(queue)))

    def pop(self, queue: EventQueue) -> None:
        self._lib.event_queue_pop(ctypes.byref(queue))

    @staticmethod
    def events(queue: EventQueue) -> list[Fill]:
        return [
            _fill(queue.events[(queue.head + i) % EVENT_QUEUE_CAPACITY]) for i in range(queue.count)
        ]

    # ---- matching ----

    def match(
        self,
        book: Orderbook,
        queue: EventQueue,
        *,
        taker: int,
        side: int,
        limit_price: int,
        max_base_lots: int,
        match_limit: int,
        timestamp: int = 0,
        band: tuple[int, int] = (0, U64_MAX),
    ) -> tuple[int, Matched]:
        key = owner_key(taker)
        order = TakerOrder(
            taker=ctypes.pointer(key),
            limit_price=limit_price,
            max_base_lots=max_base_lots,
            band_low=band[0],
            band_high=band[1],
            timestamp=timestamp,
            side=side,
            match_limit=match_limit,
        )
        result = MatchResult()
        code = int(
            self._lib.match_order(
                ctypes.byref(book), ctypes.byref(queue), ctypes.byref(order), ctypes.byref(result)
            )
        )
        self_trades = tuple(
            Resting(
                order_id=t.order_id,
                price=t.price,
                base_lots=t.base_lots,
                client_order_id=t.client_order_id,
                owner=taker,
                owner_slot=t.owner_slot,
                timestamp=0,
            )
            for t in result.self_trades[: result.self_trade_count]
        )
        return code, Matched(
            filled_base_lots=result.filled_base_lots,
            filled_quote=result.filled_quote,
            first_event_offset=result.first_event_offset,
            maker_fills=result.maker_fills,
            stop=result.stop,
            self_trades=self_trades,
        )

    # ---- positions ----

    def apply_fill(
        self,
        position: PerpPosition,
        side: int,
        base_lots: int,
        price: int,
        loss_per_lot: int = 0,
    ) -> tuple[int, int]:
        """(error code, realized PnL of the fill) at the market's socialized-loss index."""
        fill = PositionFill(base_lots=base_lots, price=price, side=side)
        realized = i64(0)
        code = self._lib.perp_position_apply_fill(
            ctypes.byref(position), ctypes.byref(fill), loss_per_lot, ctypes.byref(realized)
        )
        return int(code), int(realized.value)

    def reserve(self, position: PerpPosition, side: int, base_lots: int, price: int) -> int:
        return int(self._lib.perp_position_reserve(ctypes.byref(position), side, base_lots, price))

    def release(self, position: PerpPosition, side: int, base_lots: int, price: int) -> int:
        return int(self._lib.perp_position_release(ctypes.byref(position), side, base_lots, price))


def _resting(order: BookOrder) -> Resting:
    return Resting(
        order_id=order.order_id,
        price=order.price,
        base_lots=order.base_lots,
        client_order_id=order.client_order_id,
        owner=owner_of(order.owner),
        owner_slot=order.owner_slot,
        timestamp=order.timestamp,
    )


def _fill(event: FillEvent) -> Fill:
    return Fill(
        maker=owner_of(event.maker),
        taker=owner_of(event.taker),
        maker_order_id=event.maker_order_id,
        price=event.price,
        base_lots=event.base_lots,
        timestamp=event.timestamp,
        seq=event.seq,
        taker_side=event.taker_side,
        maker_out=bool(event.maker_out),
        maker_slot=event.maker_slot,
    )
