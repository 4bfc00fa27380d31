"""math/fixed.h against Python's big integers."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .math_reference import (
    I64_MAX,
    I64_MIN,
    ROUNDINGS,
    U64_EDGES,
    U64_MAX,
    as_i64,
    as_u64,
    div_ceil,
    div_floor,
    i64s,
    u64s,
)
from .shim_library import MathLib

# Examples for the core arithmetic, beyond Hypothesis's default 100: the whole
# math suite then runs in about ten seconds.
THOROUGH = 500

BPS_PER_UNIT = 10_000
POW10_MAX_EXPONENT = 19
DECIMALS = st.integers(0, 255)


def expected_mul_div(a: int, b: int, divisor: int, rounding: str) -> int | None:
    if divisor == 0:
        return None
    return as_u64(ROUNDINGS[rounding](a * b, divisor))


def floor_u64_max_with_remainder() -> tuple[int, int, int]:
    """a, b, c with floor(a × b / c) == U64_MAX and a non-zero remainder.

    Needs a × b within c of c × 2^64, which only happens for a, b near U64_MAX:
    search downward from the top for the first pair that has such a c.
    """
    for a_offset, b_offset in itertools.product(range(64), repeat=2):
        a, b = U64_MAX - a_offset, U64_MAX - b_offset
        divisor = a * b // U64_MAX
        if divisor and a * b // divisor == U64_MAX and a * b % divisor:
            return a, b, divisor
    raise AssertionError("no case found")


@settings(max_examples=THOROUGH)
@pytest.mark.parametrize("rounding", ["floor", "ceil"])
@given(a=u64s(), b=u64s(), divisor=u64s())
def test_mul_div(math_lib: MathLib, rounding: str, a: int, b: int, divisor: int) -> None:
    expected = expected_mul_div(a, b, divisor, rounding)
    assert math_lib.call(f"mul_div_{rounding}", a, b, divisor) == expected


@pytest.mark.parametrize(("a", "b", "divisor"), itertools.product(U64_EDGES, repeat=3))
def test_mul_div_edges(math_lib: MathLib, a: int, b: int, divisor: int) -> None:
    for rounding in ("floor", "ceil"):
        expected = expected_mul_div(a, b, divisor, rounding)
        assert math_lib.call(f"mul_div_{rounding}", a, b, divisor) == expected, rounding


@pytest.mark.parametrize(
    ("a", "b", "divisor"),
    [
        (1 << 32, (1 << 32) - 1, 1),  # product just below 2^64, divisor 1
        (1 << 32, 1 << 32, 1),  # product 2^64, divisor 1: overflow
        (1 << 32, 1 << 32, 2),  # product 2^64 halved
        (U64_MAX, U64_MAX, U64_MAX),  # largest product, quotient exactly U64_MAX
        (U64_MAX, U64_MAX, U64_MAX - 1),  # quotient 2^64 + 1: overflow
        (U64_MAX, 7, 7),  # quotient exactly U64_MAX, exact
        (U64_MAX, 8, 7),  # quotient U64_MAX + U64_MAX/7: overflow
        (U64_MAX, U64_MAX, 1),
        (U64_MAX - 1, 3, 3),
    ],
)
def test_mul_div_overflow_boundary(math_lib: MathLib, a: int, b: int, divisor: int) -> None:
    for rounding in ("floor", "ceil"):
        expected = expected_mul_div(a, b, divisor, rounding)
        assert math_lib.call(f"mul_div_{rounding}", a, b, divisor) == expected, rounding


def test_mul_div_ceil_overflows_from_rounding_alone(math_lib: MathLib) -> None:
    a, b, divisor = floor_u64_max_with_remainder()
    assert math_lib.call("mul_div_floor", a, b, divisor) == U64_MAX
    assert math_lib.call("mul_div_ceil", a, b, divisor) is None


@settings(max_examples=THOROUGH)
@pytest.mark.parametrize("rounding", ["floor", "ceil"])
@given(a=u64s(), b=u64s(), c=u64s(), d=u64s())
def test_mul_div_by_product(
    math_lib: MathLib, rounding: str, a: int, b: int, c: int, d: int
) -> None:
    expected = expected_mul_div(a, b, c * d, rounding)
    assert math_lib.call(f"mul_div_by_product_{rounding}", a, b, c, d) == expected


@pytest.mark.parametrize(
    ("a", "b", "c", "d"),
    [
        (U64_MAX, U64_MAX, U64_MAX, U64_MAX),  # 1 exactly
        (U64_MAX, U64_MAX, 1 << 32, 1 << 32),  # denominator exactly 2^64
        (U64_MAX, U64_MAX, 1 << 32, (1 << 32) - 1),  # just below 2^64: quotient > U64_MAX
        (U64_MAX, U64_MAX, (1 << 32) + 1, 1 << 32),  # just above 2^64
        (10**18, 10**18, 10**9, 10**12),
        (5, 5, 0, 7),
        (5, 5, 7, 0),
    ],
)
def test_mul_div_by_product_boundaries(math_lib: MathLib, a: int, b: int, c: int, d: int) -> None:
    for rounding in ("floor", "ceil"):
        expected = expected_mul_div(a, b, c * d, rounding)
        assert math_lib.call(f"mul_div_by_product_{rounding}", a, b, c, d) == expected


@settings(max_examples=THOROUGH)
@pytest.mark.parametrize("rounding", ["floor", "ceil", "trunc"])
@given(a=i64s(), b=u64s(), divisor=u64s())
def test_signed_mul_div(math_lib: MathLib, rounding: str, a: int, b: int, divisor: int) -> None:
    expected = as_i64(ROUNDINGS[rounding](a * b, divisor)) if divisor else None
    assert math_lib.call(f"i64_mul_div_{rounding}", a, b, divisor) == expected


@pytest.mark.parametrize(
    ("a", "b", "divisor", "floor", "ceil", "trunc"),
    [
        (-7, 1, 2, -4, -3, -3),
        (7, 1, 2, 3, 4, 3),
        (-6, 1, 2, -3, -3, -3),
        (0, U64_MAX, 1, 0, 0, 0),
        (I64_MIN, 1, 1, I64_MIN, I64_MIN, I64_MIN),
        (I64_MIN, 2, 2, I64_MIN, I64_MIN, I64_MIN),
        (I64_MIN, 3, 2, None, None, None),
        (I64_MAX, 2, 2, I64_MAX, I64_MAX, I64_MAX),
        # -(2^64 - 1) / 2 = -(2^63 - 0.5): floor reaches I64_MIN exactly.
        (-1, U64_MAX, 2, I64_MIN, I64_MIN + 1, I64_MIN + 1),
        # (2^64 - 1) / 2 = 2^63 - 0.5: ceil overflows by exactly one.
        (1, U64_MAX, 2, I64_MAX, None, I64_MAX),
        # |a| × b / c with a magnitude quotient of U64_MAX: fits no i64.
        (-1, U64_MAX, 1, None, None, None),
        (5, 5, 0, None, None, None),
    ],
)
def test_signed_mul_div_directions(
    math_lib: MathLib,
    a: int,
    b: int,
    divisor: int,
    floor: int | None,
    ceil: int | None,
    trunc: int | None,
) -> None:
    assert math_lib.call("i64_mul_div_floor", a, b, divisor) == floor
    assert math_lib.call("i64_mul_div_ceil", a, b, divisor) == ceil
    assert math_lib.call("i64_mul_div_trunc", a, b, divisor) == trunc


@given(u64s(), st.one_of(st.integers(0, 2 * BPS_PER_UNIT), u64s()))
def test_scale_bps(math_lib: MathLib, amount: int, bps: int) -> None:
    assert math_lib.call("scale_bps_floor", amount, bps) == as_u64(
        div_floor(amount * bps, BPS_PER_UNIT)
    )
    assert math_lib.call("scale_bps_ceil", amount, bps) == as_u64(
        div_ceil(amount * bps, BPS_PER_UNIT)
    )


def test_scale_bps_examples(math_lib: MathLib) -> None:
    # A 0.3 % fee on 1 native unit: the program pays 0, charges 1.
    assert math_lib.call("scale_bps_floor", 1, 30) == 0
    assert math_lib.call("scale_bps_ceil", 1, 30) == 1
    assert math_lib.call("scale_bps_floor", 1_000_000, 30) == 3_000
    assert math_lib.call("scale_bps_floor", U64_MAX, BPS_PER_UNIT) == U64_MAX
    assert math_lib.call("scale_bps_floor", U64_MAX, BPS_PER_UNIT + 1) is None


def test_pow10_table(math_lib: MathLib) -> None:
    for exponent in range(POW10_MAX_EXPONENT + 1):
        assert math_lib.call("pow10_checked", exponent) == 10**exponent
    assert 10**POW10_MAX_EXPONENT <= U64_MAX < 10 ** (POW10_MAX_EXPONENT + 1)
    for exponent in (POW10_MAX_EXPONENT + 1, 64, U64_MAX):
        assert math_lib.call("pow10_checked", exponent) is None


def expected_conversion(amount: int, source: int, target: int, rounding: str) -> int | None:
    if target >= source:
        return as_u64(amount * 10 ** (target - source))
    return ROUNDINGS[rounding](amount, 10 ** (source - target))


@pytest.mark.parametrize("rounding", ["floor", "ceil"])
@given(amount=u64s(), source=DECIMALS, target=DECIMALS)
def test_convert_decimals(
    math_lib: MathLib, rounding: str, amount: int, source: int, target: int
) -> None:
    expected = expected_conversion(amount, source, target, rounding)
    assert math_lib.call(f"convert_decimals_{rounding}", amount, source, target) == expected


@pytest.mark.parametrize(
    ("source", "target"),
    [(6, 9), (9, 6), (0, 19), (0, 20), (19, 0), (20, 0), (0, 255), (255, 0), (8, 8)],
)
@pytest.mark.parametrize("amount", [0, 1, 999_999, 10**6, U64_MAX])
def test_convert_decimals_edges(math_lib: MathLib, amount: int, source: int, target: int) -> None:
    for rounding in ("floor", "ceil"):
        expected = expected_conversion(amount, source, target, rounding)
        actual = math_lib.call(f"convert_decimals_{rounding}", amount, source, target)
        assert actual == expected, rounding


@pytest.mark.parametrize("rounding", ["floor", "ceil"])
@given(price=u64s(), quantity=u64s(), scale=st.one_of(u64s(), st.sampled_from([10**6, 10**9])))
def test_price_conversions(
    math_lib: MathLib, rounding: str, price: int, quantity: int, scale: int
) -> None:
    quote = math_lib.call(f"quote_for_base_{rounding}", price, quantity, scale)
    assert quote == expected_mul_div(price, quantity, scale, rounding)
    base = math_lib.call(f"base_for_quote_{rounding}", quantity, price, scale)
    assert base == expected_mul_div(quantity, scale, price, rounding)


def test_price_rounding_keeps_dust_in_the_program(math_lib: MathLib) -> None:
    price_scale = 10**6
    price = 1_500_001  # 1.500001 quote native units per base native unit
    base = 3
    paid = math_lib.call("quote_for_base_ceil", price, base, price_scale)
    received = math_lib.call("quote_for_base_floor", price, base, price_scale)
    assert (received, paid) == (4, 5)  # exact value 4.500003
    # Selling the base needed to raise a quote must raise at least that quote.
    needed = math_lib.call("base_for_quote_ceil", 1_000, price, price_scale)
    assert needed is not None
    raised = math_lib.call("quote_for_base_floor", price, needed, price_scale)
    assert raised is not None and raised >= 1_000


@given(st.integers(-BPS_PER_UNIT, BPS_PER_UNIT), u64s())
def test_signed_bps_through_signed_mul_div(math_lib: MathLib, bps: int, amount: int) -> None:
    # A negative maker fee (a rebate) is i64_mul_div_*(bps, amount, BPS_PER_UNIT).
    for rounding in ("floor", "ceil", "trunc"):
        expected = as_i64(ROUNDINGS[rounding](bps * amount, BPS_PER_UNIT))
        assert math_lib.call(f"i64_mul_div_{rounding}", bps, amount, BPS_PER_UNIT) == expected
