"""math/checked.h against Python's big integers."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .math_reference import (
    I64_EDGES,
    I64_MAX,
    I64_MIN,
    U64_EDGES,
    U64_MAX,
    as_i64,
    as_u64,
    div_ceil,
    div_floor,
    div_trunc,
    i64s,
    u64s,
)
from .shim_library import MathLib

# Examples for the core arithmetic, beyond Hypothesis's default 100: the whole
# math suite then runs in about ten seconds.
THOROUGH = 500

U64_OPERATIONS: dict[str, Callable[[int, int], int]] = {
    "u64_checked_add": operator.add,
    "u64_checked_sub": operator.sub,
    "u64_checked_mul": operator.mul,
}
I64_OPERATIONS: dict[str, Callable[[int, int], int]] = {
    "i64_checked_add": operator.add,
    "i64_checked_sub": operator.sub,
    "i64_checked_mul": operator.mul,
}


def rem_trunc(numerator: int, divisor: int) -> int:
    return numerator - divisor * div_trunc(numerator, divisor)


# Each signed division helper and the exact Python result it must match.
I64_DIVISIONS: dict[str, Callable[[int, int], int]] = {
    "i64_div_trunc": div_trunc,
    "i64_div_floor": div_floor,
    "i64_div_ceil": div_ceil,
    "i64_rem_trunc": rem_trunc,
    "i64_mod_floor": operator.mod,  # Python's % is the floor-division remainder
}


@settings(max_examples=THOROUGH)
@pytest.mark.parametrize("name", U64_OPERATIONS)
@given(a=u64s(), b=u64s())
def test_u64_arithmetic(math_lib: MathLib, name: str, a: int, b: int) -> None:
    assert math_lib.call(name, a, b) == as_u64(U64_OPERATIONS[name](a, b))


@pytest.mark.parametrize(("a", "b"), itertools.product(U64_EDGES, repeat=2))
def test_u64_arithmetic_edges(math_lib: MathLib, a: int, b: int) -> None:
    for name, operation in U64_OPERATIONS.items():
        assert math_lib.call(name, a, b) == as_u64(operation(a, b)), name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (1 << 32, (1 << 32) - 1),  # just below 2^64
        (1 << 32, 1 << 32),  # exactly 2^64
        (U64_MAX, 1),
        (U64_MAX, 2),
        (3, U64_MAX // 3),  # 2^64 - 1 exactly
        (3, U64_MAX // 3 + 1),
        (0, U64_MAX),
        (U64_MAX, 0),
    ],
)
def test_u64_mul_boundaries(math_lib: MathLib, a: int, b: int) -> None:
    assert math_lib.call("u64_checked_mul", a, b) == as_u64(a * b)
    assert math_lib.call("u64_checked_mul", b, a) == as_u64(a * b)


@given(u64s(), u64s())
def test_u64_div_ceil(math_lib: MathLib, a: int, b: int) -> None:
    assert math_lib.call("u64_div_ceil", a, b) == (div_ceil(a, b) if b else None)


@settings(max_examples=THOROUGH)
@pytest.mark.parametrize("name", I64_OPERATIONS)
@given(a=i64s(), b=i64s())
def test_i64_arithmetic(math_lib: MathLib, name: str, a: int, b: int) -> None:
    assert math_lib.call(name, a, b) == as_i64(I64_OPERATIONS[name](a, b))


@pytest.mark.parametrize(("a", "b"), itertools.product(I64_EDGES, repeat=2))
def test_i64_arithmetic_edges(math_lib: MathLib, a: int, b: int) -> None:
    for name, operation in I64_OPERATIONS.items():
        assert math_lib.call(name, a, b) == as_i64(operation(a, b)), name
    for name, division in I64_DIVISIONS.items():
        expected = as_i64(division(a, b)) if b else None
        assert math_lib.call(name, a, b) == expected, name


@settings(max_examples=THOROUGH)
@pytest.mark.parametrize("name", I64_DIVISIONS)
@given(numerator=i64s(), divisor=i64s())
def test_i64_division(math_lib: MathLib, name: str, numerator: int, divisor: int) -> None:
    expected = as_i64(I64_DIVISIONS[name](numerator, divisor)) if divisor else None
    assert math_lib.call(name, numerator, divisor) == expected


@pytest.mark.parametrize(
    ("numerator", "divisor", "trunc", "floor", "ceil", "rem", "mod"),
    [
        (7, 2, 3, 3, 4, 1, 1),
        (-7, 2, -3, -4, -3, -1, 1),
        (7, -2, -3, -4, -3, 1, -1),
        (-7, -2, 3, 3, 4, -1, -1),
        (-6, 2, -3, -3, -3, 0, 0),
        (0, -5, 0, 0, 0, 0, 0),
        (I64_MIN, 2, I64_MIN // 2, I64_MIN // 2, I64_MIN // 2, 0, 0),
        (I64_MIN, I64_MAX, -1, -2, -1, -1, I64_MAX - 1),
        (I64_MAX, I64_MIN, 0, -1, 0, I64_MAX, -1),
        (I64_MIN, -1, None, None, None, 0, 0),  # 2^63 is not an i64
        (I64_MIN + 1, -1, I64_MAX, I64_MAX, I64_MAX, 0, 0),
        (5, 0, None, None, None, None, None),
    ],
)
def test_i64_division_directions(
    math_lib: MathLib,
    numerator: int,
    divisor: int,
    trunc: int | None,
    floor: int | None,
    ceil: int | None,
    rem: int | None,
    mod: int | None,
) -> None:
    assert math_lib.call("i64_div_trunc", numerator, divisor) == trunc
    assert math_lib.call("i64_div_floor", numerator, divisor) == floor
    assert math_lib.call("i64_div_ceil", numerator, divisor) == ceil
    assert math_lib.call("i64_rem_trunc", numerator, divisor) == rem
    assert math_lib.call("i64_mod_floor", numerator, divisor) == mod


@given(i64s())
def test_negate_and_abs(math_lib: MathLib, value: int) -> None:
    assert math_lib.call("i64_checked_neg", value) == as_i64(-value)
    assert math_lib.call("i64_checked_abs", value) == as_i64(abs(value))
    assert math_lib.i64_unsigned_abs(value) == abs(value)


def test_negate_and_abs_of_min(math_lib: MathLib) -> None:
    assert math_lib.call("i64_checked_neg", I64_MIN) is None
    assert math_lib.call("i64_checked_abs", I64_MIN) is None
    assert math_lib.i64_unsigned_abs(I64_MIN) == 1 << 63
    assert math_lib.call("i64_checked_neg", I64_MIN + 1) == I64_MAX


@given(u64s())
def test_u64_to_i64(math_lib: MathLib, value: int) -> None:
    assert math_lib.call("u64_to_i64", value) == as_i64(value)


@given(i64s())
def test_i64_to_u64(math_lib: MathLib, value: int) -> None:
    assert math_lib.call("i64_to_u64", value) == as_u64(value)


@given(st.booleans(), u64s())
def test_from_sign_magnitude(math_lib: MathLib, negative: bool, magnitude: int) -> None:
    expected = as_i64(-magnitude if negative else magnitude)
    assert math_lib.call("i64_from_sign_magnitude", negative, magnitude) == expected


@pytest.mark.parametrize(
    ("negative", "magnitude", "expected"),
    [
        (False, I64_MAX, I64_MAX),
        (False, 1 << 63, None),
        (True, 1 << 63, I64_MIN),
        (True, (1 << 63) + 1, None),
        (True, 0, 0),
        (True, U64_MAX, None),
    ],
)
def test_from_sign_magnitude_boundaries(
    math_lib: MathLib, negative: bool, magnitude: int, expected: int | None
) -> None:
    assert math_lib.call("i64_from_sign_magnitude", negative, magnitude) == expected


def test_conversion_boundaries(math_lib: MathLib) -> None:
    assert math_lib.call("u64_to_i64", I64_MAX) == I64_MAX
    assert math_lib.call("u64_to_i64", I64_MAX + 1) is None
    assert math_lib.call("i64_to_u64", 0) == 0
    assert math_lib.call("i64_to_u64", -1) is None
    assert math_lib.call("i64_to_u64", I64_MIN) is None
