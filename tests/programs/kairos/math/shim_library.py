"""The math/ headers compiled into a host shared library and wrapped for Python.

math_shim.c wraps every always-inline helper of programs/kairos/src/math in a
plain exported function. It is built with gcc for the host and loaded with
ctypes; the Python class below turns the C calling convention (bool ok, results
through pointers, u128 as two u64 halves) into Python ints, with None for a
reported failure.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from pathlib import Path

from kairos_toolchain.compiler import compile_host_shared

from .math_reference import U64_MASK, U128_MAX

ROOT = Path(__file__).resolve().parents[4]
PROGRAM_SRC = ROOT / "programs" / "kairos" / "src"
MATH_SRC = PROGRAM_SRC / "math"
SHIM_SOURCE = Path(__file__).with_name("math_shim.c")

# Written into every output slot before a call: a failed call must leave it.
SENTINEL = 0xA5A5_5A5A_DEAD_BEEF

u64 = ctypes.c_uint64
i64 = ctypes.c_int64
u8 = ctypes.c_uint8
i32 = ctypes.c_int32
c_bool = ctypes.c_bool
u64_ptr = ctypes.POINTER(u64)
i64_ptr = ctypes.POINTER(i64)


def compile_shim(output: Path) -> Path:
    """Build math_shim.c into a host shared library at ``output`` (gcc, -O1)."""
    return compile_host_shared([SHIM_SOURCE], output, [PROGRAM_SRC])


def split(value: int) -> tuple[int, int]:
    """A u128 as the (high, low) u64 arguments the shim takes."""
    assert 0 <= value <= U128_MAX
    return value >> 64, value & U64_MASK


def _join(low: int, high: int) -> int:
    return (high << 64) | low


class MathLib:
    """The shim's functions with Python ints in and out; None where C returned false."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._lib = lib
        self._declare()

    def _fn(self, name: str, restype: object, *argtypes: object) -> Callable[..., object]:
        function = getattr(self._lib, f"shim_{name}")
        function.restype = restype
        function.argtypes = list(argtypes)
        return function  # type: ignore[no-any-return]

    def _declare(self) -> None:
        self._binary: dict[str, Callable[..., object]] = {}
        signatures: dict[str, tuple[object, object, object]] = {
            "u64_checked_add": (u64, u64, u64_ptr),
            "u64_checked_sub": (u64, u64, u64_ptr),
            "u64_checked_mul": (u64, u64, u64_ptr),
            "u64_div_ceil": (u64, u64, u64_ptr),
            "i64_from_sign_magnitude": (c_bool, u64, i64_ptr),
            "i64_checked_add": (i64, i64, i64_ptr),
            "i64_checked_sub": (i64, i64, i64_ptr),
            "i64_checked_mul": (i64, i64, i64_ptr),
            "i64_div_trunc": (i64, i64, i64_ptr),
            "i64_div_floor": (i64, i64, i64_ptr),
            "i64_div_ceil": (i64, i64, i64_ptr),
            "i64_rem_trunc": (i64, i64, i64_ptr),
            "i64_mod_floor": (i64, i64, i64_ptr),
            "scale_bps_floor": (u64, u64, u64_ptr),
            "scale_bps_ceil": (u64, u64, u64_ptr),
        }
        for name, argtypes in signatures.items():
            self._binary[name] = self._fn(name, c_bool, *argtypes)
        unary: dict[str, tuple[object, object]] = {
            "u64_to_i64": (u64, i64_ptr),
            "i64_to_u64": (i64, u64_ptr),
            "i64_checked_neg": (i64, i64_ptr),
            "i64_checked_abs": (i64, i64_ptr),
            "pow10_checked": (u64, u64_ptr),
        }
        for name, argtypes in unary.items():
            self._binary[name] = self._fn(name, c_bool, *argtypes)
        ternary: dict[str, tuple[object, ...]] = {
            "mul_div_floor": (u64, u64, u64, u64_ptr),
            "mul_div_ceil": (u64, u64, u64, u64_ptr),
            "i64_mul_div_floor": (i64, u64, u64, i64_ptr),
            "i64_mul_div_ceil": (i64, u64, u64, i64_ptr),
            "i64_mul_div_trunc": (i64, u64, u64, i64_ptr),
            "convert_decimals_floor": (u64, u8, u8, u64_ptr),
            "convert_decimals_ceil": (u64, u8, u8, u64_ptr),
            "quote_for_base_floor": (u64, u64, u64, u64_ptr),
            "quote_for_base_ceil": (u64, u64, u64, u64_ptr),
            "base_for_quote_floor": (u64, u64, u64, u64_ptr),
            "base_for_quote_ceil": (u64, u64, u64, u64_ptr),
            "mul_div_by_product_floor": (u64, u64, u64, u64, u64_ptr),
            "mul_div_by_product_ceil": (u64, u64, u64, u64, u64_ptr),
        }
        for name, argtypes in ternary.items():
            self._binary[name] = self._fn(name, c_bool, *argtypes)

        self._leading_zeros = self._fn("u64_leading_zeros", u64, u64)
        self._funnel_shl = self._fn("u64_funnel_shl", u64, u64, u64, u64)
        self._i64_unsigned_abs = self._fn("i64_unsigned_abs", u64, i64)
        self._widening_mul = self._fn("u64_widening_mul", None, u64, u64, u64_ptr)
        self._u128_fits_u64 = self._fn("u128_fits_u64", c_bool, u64, u64)
        self._u128_cmp = self._fn("u128_cmp", i32, u64, u64, u64, u64)
        self._u128_checked_add = self._fn("u128_checked_add", c_bool, u64, u64, u64, u64, u64_ptr)
        self._u128_checked_sub = self._fn("u128_checked_sub", c_bool, u64, u64, u64, u64, u64_ptr)
        self._u128_wrapping_mul_u64 = self._fn(
            "u128_wrapping_mul_u64", None, u64, u64, u64, u64_ptr
        )
        self._u128_checked_mul_u64 = self._fn(
            "u128_checked_mul_u64", c_bool, u64, u64, u64, u64_ptr
        )
        self._u128_div_u64_narrow = self._fn(
            "u128_div_u64_narrow", c_bool, u64, u64, u64, u64_ptr, u64_ptr
        )
        self._u128_divrem_u64 = self._fn("u128_divrem_u64", c_bool, u64, u64, u64, u64_ptr, u64_ptr)
        self._u128_divrem = self._fn("u128_divrem", c_bool, u64, u64, u64, u64, u64_ptr)

    # ---- calling conventions ----

    @staticmethod
    def _slots(count: int) -> ctypes.Array[ctypes.c_uint64]:
        return (u64 * count)(*([SENTINEL] * count))

    @staticmethod
    def _untouched(slots: ctypes.Array[ctypes.c_uint64] | ctypes.c_uint64 | ctypes.c_int64) -> bool:
        if isinstance(slots, ctypes.Array):
            return all(value == SENTINEL for value in slots)
        return slots.value in (SENTINEL, SENTINEL - (1 << 64))

    def call(self, name: str, *args: int) -> int | None:
        """Call a `bool name(args..., T *out)` function: the result, or None on false."""
        function = self._binary[name]
        out_type = function.argtypes[-1]._type_  # type: ignore[attr-defined]
        out = out_type(SENTINEL if out_type is u64 else SENTINEL - (1 << 64))
        ok = function(*args, ctypes.byref(out))
        if not ok:
            assert self._untouched(out), f"{name}{args} failed but wrote {out.value}"
            return None
        return int(out.value)

    def _call_slots(self, function: Callable[..., object], count: int, *args: int) -> int | None:
        out = self._slots(count)
        ok = function(*args, out)
        if ok is False:
            assert self._untouched(out), f"{function} failed but wrote its output"
            return None
        return _join(out[0], out[1])

    # ---- u128.h ----

    def leading_zeros(self, value: int) -> int:
        return int(self._leading_zeros(value))  # type: ignore[call-overload]

    def funnel_shl(self, high: int, low: int, shift: int) -> int:
        return int(self._funnel_shl(high, low, shift))  # type: ignore[call-overload]

    def i64_unsigned_abs(self, value: int) -> int:
        return int(self._i64_unsigned_abs(value))  # type: ignore[call-overload]

    def widening_mul(self, a: int, b: int) -> int:
        result = self._call_slots(self._widening_mul, 2, a, b)
        assert result is not None
        return result

    def u128_fits_u64(self, value: int) -> bool:
        return bool(self._u128_fits_u64(*split(value)))

    def u128_cmp(self, a: int, b: int) -> int:
        return int(self._u128_cmp(*split(a), *split(b)))  # type: ignore[call-overload]

    def u128_checked_add(self, a: int, b: int) -> int | None:
        return self._call_slots(self._u128_checked_add, 2, *split(a), *split(b))

    def u128_checked_sub(self, a: int, b: int) -> int | None:
        return self._call_slots(self._u128_checked_sub, 2, *split(a), *split(b))

    def u128_wrapping_mul_u64(self, a: int, b: int) -> int:
        result = self._call_slots(self._u128_wrapping_mul_u64, 2, *split(a), b)
        assert result is not None
        return result

    def u128_checked_mul_u64(self, a: int, b: int) -> int | None:
        return self._call_slots(self._u128_checked_mul_u64, 2, *split(a), b)

    def u128_div_u64_narrow(self, numerator: int, divisor: int) -> tuple[int, int] | None:
        quotient, remainder = u64(SENTINEL), u64(SENTINEL)
        ok = self._u128_div_u64_narrow(
            *split(numerator), divisor, ctypes.byref(quotient), ctypes.byref(remainder)
        )
        if not ok:
            assert self._untouched(quotient) and self._untouched(remainder)
            return None
        return int(quotient.value), int(remainder.value)

    def u128_divrem_u64(self, numerator: int, divisor: int) -> tuple[int, int] | None:
        quotient, remainder = self._slots(2), u64(SENTINEL)
        ok = self._u128_divrem_u64(*split(numerator), divisor, quotient, ctypes.byref(remainder))
        if not ok:
            assert self._untouched(quotient) and self._untouched(remainder)
            return None
        return _join(quotient[0], quotient[1]), int(remainder.value)

    def u128_divrem(self, numerator: int, divisor: int) -> tuple[int, int] | None:
        out = self._slots(4)
        if not self._u128_divrem(*split(numerator), *split(divisor), out):
            assert self._untouched(out)
            return None
        return _join(out[0], out[1]), _join(out[2], out[3])
