"""What the generated ABI (:mod:`kairos.abi`) runs on: base classes and encoding checks.

The generated classes encode and decode themselves with :mod:`struct` (every on-chain
layout is fixed-size); this module holds the parts that are the same for every class:
the byte-level round trip (``to_bytes``/``from_bytes``), the account and event
discriminator checks, and the checks :mod:`struct` does not make (``"16s"`` silently pads
or truncates, an out-of-range integer raises ``struct.error`` without naming the field).
"""

from __future__ import annotations

import dataclasses
import struct
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Self, TypeVar, get_args, get_origin, get_type_hints

Buffer = bytes | bytearray | memoryview
"""Anything :meth:`struct.Struct.unpack_from` reads."""

T = TypeVar("T")

_INT_RANGES = {
    "u8": (0, 2**8 - 1),
    "i8": (-(2**7), 2**7 - 1),
    "u16": (0, 2**16 - 1),
    "i16": (-(2**15), 2**15 - 1),
    "u32": (0, 2**32 - 1),
    "i32": (-(2**31), 2**31 - 1),
    "u64": (0, 2**64 - 1),
    "i64": (-(2**63), 2**63 - 1),
}


class AbiDecodeError(ValueError):
    """Bytes are not an encoding of the expected type (size or discriminator)."""


class AccountDecodeError(AbiDecodeError):
    """Account data is not an account of the expected type (discriminator or size)."""


class AbiEncodeError(ValueError):
    """A value does not fit its IDL type (the message names the field)."""


class AbiStruct:
    """Base of every generated struct: fixed size, ``struct``-encoded, immutable."""

    IDL_NAME: ClassVar[str] = ""
    SIZE: ClassVar[int] = 0
    LAYOUT: ClassVar[struct.Struct] = struct.Struct("<")
    PACKED_FIELDS: ClassVar[tuple[tuple[str, str, int], ...]] = ()
    """(name, IDL type, number of struct values) of each field ``LAYOUT`` packs."""

    @classmethod
    def idl_name(cls) -> str:
        """The account, type or event name in the IDL."""
        return cls.IDL_NAME

    @classmethod
    def unpack_from(cls, data: Buffer, offset: int = 0) -> Self:
        """Decode from ``data`` at ``offset`` (generated in each class)."""
        raise NotImplementedError

    def pack_into(self, buffer: bytearray, offset: int = 0) -> None:
        """Encode into ``buffer`` at ``offset`` (generated in each class)."""
        raise NotImplementedError

    def pack_values(self, buffer: bytearray, offset: int, values: Sequence[Any]) -> None:
        """``LAYOUT.pack_into`` that names the field a bad value belongs to."""
        try:
            self.LAYOUT.pack_into(buffer, offset, *values)
        except struct.error as exc:
            raise _encode_error(self.IDL_NAME, self.PACKED_FIELDS, values, exc) from exc

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> Self:
        """Build from snake_case values as AnchorPy takes them (nested dicts, int lists).

        Every field must be given: a missing or unknown name is a ``ValueError``.
        """
        hints = _field_hints(cls)
        if set(values) != set(hints):
            raise ValueError(f"{cls.IDL_NAME}: expected {sorted(hints)}, got {sorted(values)}")
        return cls(**{name: _from_plain(hints[name], values[name]) for name in hints})

    def to_bytes(self) -> bytes:
        """The borsh encoding (no discriminator)."""
        buffer = bytearray(self.SIZE)
        self.pack_into(buffer, 0)
        return bytes(buffer)

    @classmethod
    def from_bytes(cls, data: Buffer) -> Self:
        """Decode exactly ``SIZE`` bytes (no discriminator)."""
        if len(data) != cls.SIZE:
            raise AbiDecodeError(f"{cls.IDL_NAME} is {cls.SIZE} bytes, got {len(data)}")
        return cls.unpack_from(data, 0)


class _Discriminated(AbiStruct):
    DISCRIMINATOR: ClassVar[bytes] = b""
    _decode_error: ClassVar[type[AbiDecodeError]] = AbiDecodeError

    @classmethod
    def discriminator(cls) -> bytes:
        """The 8-byte Anchor discriminator that prefixes the encoding."""
        return cls.DISCRIMINATOR

    @classmethod
    def size(cls) -> int:
        """Exact encoded size: the 8 discriminator bytes and the fields."""
        return 8 + cls.SIZE

    @classmethod
    def decode(cls, data: Buffer) -> Self:
        """Decode discriminator + fields; raises on a wrong discriminator or size."""
        if bytes(data[:8]) != cls.DISCRIMINATOR:
            raise cls._decode_error(f"data is not a {cls.IDL_NAME} (discriminator)")
        if len(data) != 8 + cls.SIZE:
            raise cls._decode_error(
                f"{cls.IDL_NAME} data is {len(data)} bytes, expected {8 + cls.SIZE}"
            )
        return cls.unpack_from(data, 8)

    def encode(self) -> bytes:
        """Discriminator + fields, as the program writes them."""
        buffer = bytearray(8 + self.SIZE)
        buffer[:8] = self.DISCRIMINATOR
        self.pack_into(buffer, 8)
        return bytes(buffer)


class KairosAccount(_Discriminated):
    """Base of the generated accounts (``sha256("account:<Name>")[:8]`` + fields)."""

    FIELD_OFFSETS: ClassVar[dict[str, int]] = {}
    _decode_error = AccountDecodeError

    @classmethod
    def field_offset(cls, field: str) -> int:
        """Byte offset of a top-level field in the account data (for memcmp filters)."""
        return cls.FIELD_OFFSETS[field]


class KairosEvent(_Discriminated):
    """Base of the generated events (``sha256("event:<Name>")[:8]`` + fields, logged)."""


_HINTS: dict[type[AbiStruct], dict[str, Any]] = {}


def _field_hints(cls: type[AbiStruct]) -> dict[str, Any]:
    found = _HINTS.get(cls)
    if found is None:
        hints = get_type_hints(cls)
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        found = _HINTS[cls] = {f.name: hints[f.name] for f in fields}
    return found


def _from_plain(hint: Any, value: Any) -> Any:
    if isinstance(hint, type) and issubclass(hint, AbiStruct):
        return value if isinstance(value, hint) else hint.from_dict(value)
    if hint is bytes:
        return bytes(value)
    if get_origin(hint) is tuple:
        return tuple(_from_plain(get_args(hint)[0], item) for item in value)
    return value


# --- checks the generated encoders call -------------------------------------------------


def _encode_error(
    owner: str, fields: Sequence[tuple[str, str, int]], values: Sequence[Any], exc: Exception
) -> AbiEncodeError:
    position = 0
    for name, idl_type, count in fields:
        bounds = _INT_RANGES.get(idl_type)
        for value in values[position : position + count]:
            if bounds is not None and not (
                isinstance(value, int) and bounds[0] <= value <= bounds[1]
            ):
                return AbiEncodeError(f"{owner}.{name}: {value!r} is not a {idl_type}")
        position += count
    return AbiEncodeError(f"{owner}: {exc}")


def fixed_bytes(value: bytes | bytearray | Sequence[int], length: int, where: str) -> bytes:
    """``value`` as exactly ``length`` bytes (struct would pad or cut silently)."""
    raw = bytes(value)
    if len(raw) != length:
        raise AbiEncodeError(f"{where}: expected {length} bytes, got {len(raw)}")
    return raw


def fixed_items(items: Iterable[T], count: int, where: str) -> tuple[T, ...]:
    """``items`` as a tuple of exactly ``count`` elements."""
    result = tuple(items)
    if len(result) != count:
        raise AbiEncodeError(f"{where}: expected {count} items, got {len(result)}")
    return result


def key_bytes(keys: Iterable[Any], count: int, where: str) -> tuple[bytes, ...]:
    """Exactly ``count`` public keys as their 32 bytes each."""
    return tuple(bytes(key) for key in fixed_items(keys, count, where))


def wide_int_bytes(value: int, *, signed: bool, where: str) -> bytes:
    """A u128/i128 as 16 little-endian bytes."""
    try:
        return int(value).to_bytes(16, "little", signed=signed)
    except OverflowError as exc:
        raise AbiEncodeError(f"{where}: {value!r} is not a {'i' if signed else 'u'}128") from exc


def seed_int(value: int, size: int, *, signed: bool, where: str) -> bytes:
    """An integer PDA seed as ``size`` little-endian bytes (a clear error if it does not fit)."""
    try:
        return int(value).to_bytes(size, "little", signed=signed)
    except OverflowError:
        kind = f"{'i' if signed else 'u'}{8 * size}"
        raise ValueError(f"{where} must be a {kind}, got {value}") from None
