"""Python big-integer references and Hypothesis strategies for the math/ tests.

Every C helper is checked against the exact result computed here with Python's
unbounded ints; a result outside the C output type means the C call must fail.
"""

from __future__ import annotations

from hypothesis import strategies as st

U64_MAX = (1 << 64) - 1
U64_MASK = U64_MAX
U128_MAX = (1 << 128) - 1
I64_MAX = (1 << 63) - 1
I64_MIN = -(1 << 63)
LIMB = 1 << 32

# Values where limb, sign and width boundaries are crossed.
U64_EDGES = sorted(
    {0, 1, 2, 3, LIMB - 1, LIMB, LIMB + 1, I64_MAX, 1 << 63, (1 << 63) + 1, U64_MAX - 1, U64_MAX}
)
I64_EDGES = sorted(
    {0, 1, -1, 2, -2, LIMB - 1, LIMB, -LIMB, I64_MAX, I64_MAX - 1, I64_MIN, I64_MIN + 1}
)
U128_EDGES = sorted(
    {
        *U64_EDGES,
        1 << 64,
        (1 << 64) + 1,
        U64_MAX * U64_MAX,
        1 << 127,
        (1 << 127) - 1,
        U128_MAX - 1,
        U128_MAX,
    }
)


def unsigned(bits: int) -> st.SearchStrategy[int]:
    """Unsigned ints of `bits` bits, spread over magnitudes, with the edge values."""
    edges = U64_EDGES if bits == 64 else U128_EDGES
    by_width = st.integers(0, bits).flatmap(lambda width: st.integers(0, (1 << width) - 1))
    return st.one_of(st.sampled_from(edges), by_width, st.integers(0, (1 << bits) - 1))


def u64s() -> st.SearchStrategy[int]:
    return unsigned(64)


def u128s() -> st.SearchStrategy[int]:
    return unsigned(128)


def i64s() -> st.SearchStrategy[int]:
    by_width = st.integers(0, 63).flatmap(
        lambda width: st.integers(-(1 << width), (1 << width) - 1)
    )
    return st.one_of(st.sampled_from(I64_EDGES), by_width, st.integers(I64_MIN, I64_MAX))


def fits_u64(value: int) -> bool:
    return 0 <= value <= U64_MAX


def fits_i64(value: int) -> bool:
    return I64_MIN <= value <= I64_MAX


def as_u64(value: int) -> int | None:
    """The value if a u64 holds it, else None (the C call must report failure)."""
    return value if fits_u64(value) else None


def as_i64(value: int) -> int | None:
    return value if fits_i64(value) else None


def div_floor(numerator: int, divisor: int) -> int:
    return numerator // divisor


def div_ceil(numerator: int, divisor: int) -> int:
    return -(-numerator // divisor)


def div_trunc(numerator: int, divisor: int) -> int:
    magnitude = abs(numerator) // abs(divisor)
    return -magnitude if (numerator < 0) != (divisor < 0) else magnitude


ROUNDINGS = {"floor": div_floor, "ceil": div_ceil, "trunc": div_trunc}
