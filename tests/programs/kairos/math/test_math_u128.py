"""math/u128.h against Python's big integers."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .math_reference import U64_EDGES, U64_MAX, U128_EDGES, U128_MAX, u64s, u128s
from .shim_library import MathLib

# Examples for the core arithmetic, beyond Hypothesis's default 100: the whole
# math suite then runs in about ten seconds.
THOROUGH = 500

# Numerator/divisor pairs whose quotient digits need Knuth's correction step, found
# with a Python model of the algorithm. Comment: corrections of (first digit,
# second digit), and whether the loop left through its "remainder estimate
# reached 2^32" exit.
KNUTH_CORRECTION_CASES = [
    (0x129404B733AADAB60A8E96EA43626E42, 0x40000000660D861F),  # (0, 1)
    (0x3021F746D8A167F1432142DB16905, 0x7E738ED37FFFF),  # (0, 1) exit
    (0x2D92A6843007AA21329ECF991469, 0x400000017FFFF),  # (0, 2) exit
    (0x20675F2A4318D42FEBD965D55088703A, 0x400000008485905D),  # (1, 0)
    (0xFBB230BCFBB230BB2B9C014D, 0x100000001),  # (1, 1)
    (0x422C00146206122106B61930, 0x151CFA14F),  # (1, 1) exit
    (0x1B03F53DB40CA6CA9B1A8F10FAC7A, 0x400000007FFFF),  # (1, 2) exit
    (0x6C88869622170FFF9652E9E729D6B, 0x6C88869622171),  # (1 exit, 0)
    (0x100000002FFFFFFFF79490EA8, 0x100000003),  # (1 exit, 1)
    (0x62D19ECDECB6F2DD0577C8E03187AD4E, 0xDF53E43CFFFFFFFE),  # (1 exit, 1 exit)
    (0x46593B381B3F4FDD0AA4D9FABE122, 0x762B790F7FFFF),  # (1 exit, 2 exit)
    (0x3DD8934F05A93DF02EEC2A6FC0C27B13, 0x400000007FFFFFFF),  # (2 exit, 0)
    (0x40000000C263FFFFEEAFADEACD60C, 0x40000000C2640),  # (2 exit, 1)
    (0xEA9EE7A7FFFFFFFEAC4D33B40EED7C4F, 0xEA9EE7A7FFFFFFFF),  # (2 exit, 1 exit)
    (0x80000001FFFFFFFD808A05A4C464715B, 0x80000001FFFFFFFE),  # (2 exit, 2 exit)
]


def test_leading_zeros_of_every_bit_position(math_lib: MathLib) -> None:
    assert math_lib.leading_zeros(0) == 64
    for bit in range(64):
        assert math_lib.leading_zeros(1 << bit) == 63 - bit
        assert math_lib.leading_zeros((1 << (bit + 1)) - 1) == 63 - bit


@given(u64s())
def test_leading_zeros(math_lib: MathLib, value: int) -> None:
    assert math_lib.leading_zeros(value) == 64 - value.bit_length()


@given(u64s(), u64s(), st.integers(0, 63))
def test_funnel_shl(math_lib: MathLib, high: int, low: int, shift: int) -> None:
    expected = ((((high << 64) | low) << shift) >> 64) & U64_MAX
    assert math_lib.funnel_shl(high, low, shift) == expected


@pytest.mark.parametrize(("a", "b"), itertools.product(U64_EDGES, repeat=2))
def test_widening_mul_edges(math_lib: MathLib, a: int, b: int) -> None:
    assert math_lib.widening_mul(a, b) == a * b


@settings(max_examples=THOROUGH)
@given(u64s(), u64s())
def test_widening_mul(math_lib: MathLib, a: int, b: int) -> None:
    assert math_lib.widening_mul(a, b) == a * b


@given(u128s())
def test_fits_u64(math_lib: MathLib, value: int) -> None:
    assert math_lib.u128_fits_u64(value) == (value <= U64_MAX)


@given(u128s(), u128s())
def test_compare(math_lib: MathLib, a: int, b: int) -> None:
    assert math_lib.u128_cmp(a, b) == (a > b) - (a < b)
    assert math_lib.u128_cmp(a, a) == 0


@given(u128s(), u128s())
def test_checked_add(math_lib: MathLib, a: int, b: int) -> None:
    total = a + b
    assert math_lib.u128_checked_add(a, b) == (total if total <= U128_MAX else None)


@given(u128s(), u128s())
def test_checked_sub(math_lib: MathLib, a: int, b: int) -> None:
    assert math_lib.u128_checked_sub(a, b) == (a - b if b <= a else None)


@settings(max_examples=THOROUGH)
@given(u128s(), u64s())
def test_mul_u64(math_lib: MathLib, a: int, b: int) -> None:
    product = a * b
    assert math_lib.u128_wrapping_mul_u64(a, b) == product & U128_MAX
    assert math_lib.u128_checked_mul_u64(a, b) == (product if product <= U128_MAX else None)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (1 << 64, U64_MAX),  # 2^128 - 2^64: fits
        ((1 << 64) + 1, U64_MAX),  # 2^128 - 1 exactly: fits
        ((1 << 64) + 2, U64_MAX),  # 2^128 + 2^64 - 2: one high carry too many
        (U128_MAX, 1),
        (U128_MAX, 2),
        (1 << 127, 2),  # exactly 2^128
        ((1 << 127) - 1, 2),
        (U64_MAX, U64_MAX),
        (U128_MAX, 0),
    ],
)
def test_mul_u64_boundaries(math_lib: MathLib, a: int, b: int) -> None:
    product = a * b
    assert math_lib.u128_checked_mul_u64(a, b) == (product if product <= U128_MAX else None)
    assert math_lib.u128_wrapping_mul_u64(a, b) == product & U128_MAX


@st.composite
def narrow_divisions(draw: st.DrawFn) -> tuple[int, int]:
    """A numerator/divisor pair whose quotient fits 64 bits."""
    divisor = draw(u64s().filter(lambda value: value > 0))
    quotient = draw(u64s())
    remainder = draw(st.integers(0, divisor - 1))
    return quotient * divisor + remainder, divisor


@settings(max_examples=THOROUGH)
@given(narrow_divisions())
def test_narrow_division(math_lib: MathLib, case: tuple[int, int]) -> None:
    numerator, divisor = case
    assert math_lib.u128_div_u64_narrow(numerator, divisor) == divmod(numerator, divisor)


@settings(max_examples=THOROUGH)
@given(u128s(), u64s())
def test_narrow_division_any_input(math_lib: MathLib, numerator: int, divisor: int) -> None:
    result = math_lib.u128_div_u64_narrow(numerator, divisor)
    if divisor == 0 or numerator // divisor > U64_MAX:
        assert result is None
    else:
        assert result == divmod(numerator, divisor)


@pytest.mark.parametrize("divisor", [1, 2, 3, 10, U64_EDGES[5], 1 << 63, U64_MAX - 1, U64_MAX])
def test_narrow_division_overflow_boundary(math_lib: MathLib, divisor: int) -> None:
    largest = divisor * (1 << 64) - 1  # quotient U64_MAX, remainder divisor - 1
    assert math_lib.u128_div_u64_narrow(largest, divisor) == (U64_MAX, divisor - 1)
    assert math_lib.u128_div_u64_narrow(largest + 1, divisor) is None


@pytest.mark.parametrize("numerator", [0, 1, U64_MAX, U128_MAX])
def test_division_by_zero_is_reported(math_lib: MathLib, numerator: int) -> None:
    assert math_lib.u128_div_u64_narrow(numerator, 0) is None
    assert math_lib.u128_divrem_u64(numerator, 0) is None
    assert math_lib.u128_divrem(numerator, 0) is None


@pytest.mark.parametrize(("numerator", "divisor"), KNUTH_CORRECTION_CASES)
def test_knuth_correction_paths(math_lib: MathLib, numerator: int, divisor: int) -> None:
    expected = divmod(numerator, divisor)
    assert math_lib.u128_div_u64_narrow(numerator, divisor) == expected
    assert math_lib.u128_divrem_u64(numerator, divisor) == expected
    assert math_lib.u128_divrem(numerator, divisor) == expected


@settings(max_examples=THOROUGH)
@given(u128s(), u64s().filter(lambda value: value > 0))
def test_divrem_u64(math_lib: MathLib, numerator: int, divisor: int) -> None:
    assert math_lib.u128_divrem_u64(numerator, divisor) == divmod(numerator, divisor)


@pytest.mark.parametrize(
    ("numerator", "divisor"), itertools.product(U128_EDGES, [d for d in U128_EDGES if d])
)
def test_divrem_edges(math_lib: MathLib, numerator: int, divisor: int) -> None:
    expected = divmod(numerator, divisor)
    assert math_lib.u128_divrem(numerator, divisor) == expected
    if divisor <= U64_MAX:
        assert math_lib.u128_divrem_u64(numerator, divisor) == expected


@settings(max_examples=THOROUGH)
@given(u128s(), u128s().filter(lambda value: value > 0))
def test_divrem(math_lib: MathLib, numerator: int, divisor: int) -> None:
    assert math_lib.u128_divrem(numerator, divisor) == divmod(numerator, divisor)


@st.composite
def wide_divisions(draw: st.DrawFn) -> tuple[int, int]:
    """A 128-bit divisor above 2^64 and a numerator near a multiple of it."""
    divisor = draw(st.integers(1 << 64, U128_MAX))
    quotient = draw(st.integers(0, U128_MAX // divisor))
    offset = draw(st.sampled_from([0, 1, -1, divisor - 1]))
    numerator = min(max(quotient * divisor + offset, 0), U128_MAX)
    return numerator, divisor


@settings(max_examples=THOROUGH)
@given(wide_divisions())
def test_divrem_near_multiples(math_lib: MathLib, case: tuple[int, int]) -> None:
    numerator, divisor = case
    assert math_lib.u128_divrem(numerator, divisor) == divmod(numerator, divisor)
