/*
 * Checked 64-bit integer arithmetic.
 *
 * Every operation that can fail returns bool: true with the result written
 * through the pointer, or false with the output left untouched. Overflow is
 * detected before it happens, with comparisons and the native unsigned divide
 * (one instruction, one CU on SBF): __builtin_*_overflow does not compile on
 * the BPF backend, and signed overflow in C is undefined, so no expression here
 * ever overflows a signed type.
 *
 * Signed division and remainder are built from unsigned ones: the BPF backend
 * rejects signed division below cpu v4 and SBPFv0 runs v4's encoding wrongly.
 * Each rounding direction has its own function name; none is implied.
 */
#ifndef KAIROS_MATH_CHECKED_H
#define KAIROS_MATH_CHECKED_H

#include "sol/types.h"

/* Hides a value's origin from the optimiser at no runtime cost: an empty asm
 * that "may change" the register. clang 22 rewrites some overflow-check and
 * limb-multiply idioms into i128 multiplies, which on BPF are calls to
 * __multi3 and fail to compile; an opaque operand stops the rewrite. */
#define MATH_OPAQUE(value) __asm__("" : "+r"(value))

/* |I64_MIN|, the largest magnitude a negative i64 can have. */
#define I64_MIN_MAGNITUDE ((u64)I64_MAX + 1)

/* ---- u64 ---- */

/* a + b; false when the sum exceeds U64_MAX. */
KAIROS_INLINE bool u64_checked_add(u64 a, u64 b, u64 *out) {
    if (b > U64_MAX - a) {
        return false;
    }
    *out = a + b;
    return true;
}

/* a - b; false when b > a (the result would be negative). */
KAIROS_INLINE bool u64_checked_sub(u64 a, u64 b, u64 *out) {
    if (b > a) {
        return false;
    }
    *out = a - b;
    return true;
}

/* a × b; false when the product exceeds U64_MAX. */
KAIROS_INLINE bool u64_checked_mul(u64 a, u64 b, u64 *out) {
    if (a != 0) {
        /* b > floor(MAX / a) is exactly a × b > MAX for integers. clang turns
         * this comparison into a u128 multiply unless the bound is opaque. */
        u64 largest_b = U64_MAX / a;
        MATH_OPAQUE(largest_b);
        if (b > largest_b) {
            return false;
        }
    }
    *out = a * b;
    return true;
}

/* ceil(a / b); false when b is 0. Cannot overflow: the result is at most a. */
KAIROS_INLINE bool u64_div_ceil(u64 a, u64 b, u64 *out) {
    if (b == 0) {
        return false;
    }
    *out = a / b + (a % b != 0 ? 1 : 0);
    return true;
}

/* ---- conversions ---- */

/* The magnitude of value as a u64. Total: |I64_MIN| = 2^63 fits a u64. */
KAIROS_INLINE u64 i64_unsigned_abs(i64 value) {
    /* Unsigned negation is defined modulo 2^64, unlike signed negation. */
    return value < 0 ? (u64)0 - (u64)value : (u64)value;
}

/* The i64 with the given sign and magnitude; false when it is out of range
 * (magnitude > 2^63-1 for a non-negative result, > 2^63 for a negative one).
 * A negative sign with magnitude 0 gives 0. */
KAIROS_INLINE bool i64_from_sign_magnitude(bool negative, u64 magnitude, i64 *out) {
    if (!negative) {
        if (magnitude > (u64)I64_MAX) {
            return false;
        }
        *out = (i64)magnitude;
        return true;
    }
    if (magnitude > I64_MIN_MAGNITUDE) {
        return false;
    }
    /* -(i64)2^63 would pass through an out-of-range conversion: spell it out. */
    *out = magnitude == I64_MIN_MAGNITUDE ? I64_MIN : -(i64)magnitude;
    return true;
}

/* value as an i64; false when value > I64_MAX. */
KAIROS_INLINE bool u64_to_i64(u64 value, i64 *out) {
    return i64_from_sign_magnitude(false, value, out);
}

/* value as a u64; false when value is negative. */
KAIROS_INLINE bool i64_to_u64(i64 value, u64 *out) {
    if (value < 0) {
        return false;
    }
    *out = (u64)value;
    return true;
}

/* ---- i64 ---- */

/* a + b; false when the sum is outside [I64_MIN, I64_MAX]. */
KAIROS_INLINE bool i64_checked_add(i64 a, i64 b, i64 *out) {
    /* The bounds are computed on the side that cannot overflow. */
    if ((b > 0 && a > I64_MAX - b) || (b < 0 && a < I64_MIN - b)) {
        return false;
    }
    *out = a + b;
    return true;
}

/* a - b; false when the difference is outside [I64_MIN, I64_MAX]. */
KAIROS_INLINE bool i64_checked_sub(i64 a, i64 b, i64 *out) {
    if ((b < 0 && a > I64_MAX + b) || (b > 0 && a < I64_MIN + b)) {
        return false;
    }
    *out = a - b;
    return true;
}

/* a × b; false when the product is outside [I64_MIN, I64_MAX]. */
KAIROS_INLINE bool i64_checked_mul(i64 a, i64 b, i64 *out) {
    u64 magnitude;
    if (!u64_checked_mul(i64_unsigned_abs(a), i64_unsigned_abs(b), &magnitude)) {
        return false;
    }
    return i64_from_sign_magnitude((a < 0) != (b < 0), magnitude, out);
}

/* -value; false for I64_MIN, whose negation 2^63 is not an i64. */
KAIROS_INLINE bool i64_checked_neg(i64 value, i64 *out) {
    if (value == I64_MIN) {
        return false;
    }
    *out = -value;
    return true;
}

/* |value|; false for I64_MIN. Use i64_unsigned_abs for a total version. */
KAIROS_INLINE bool i64_checked_abs(i64 value, i64 *out) {
    if (value == I64_MIN) {
        return false;
    }
    *out = value < 0 ? -value : value;
    return true;
}

/* ---- i64 division (unsigned divide underneath) ---- */

/* Magnitudes of the truncated quotient and remainder, and whether the exact
 * quotient is negative. Precondition: divisor != 0. */
KAIROS_INLINE void i64_divide_magnitudes(i64 numerator, i64 divisor, u64 *quotient_magnitude,
                                         u64 *remainder_magnitude, bool *quotient_negative) {
    u64 numerator_magnitude = i64_unsigned_abs(numerator);
    u64 divisor_magnitude = i64_unsigned_abs(divisor);
    *quotient_magnitude = numerator_magnitude / divisor_magnitude;
    *remainder_magnitude = numerator_magnitude % divisor_magnitude;
    *quotient_negative = (numerator < 0) != (divisor < 0);
}

/* numerator / divisor rounded toward zero (C's `/`). False when divisor is 0
 * or for I64_MIN / -1, whose quotient 2^63 is not an i64. */
KAIROS_INLINE bool i64_div_trunc(i64 numerator, i64 divisor, i64 *out) {
    if (divisor == 0) {
        return false;
    }
    u64 quotient;
    u64 remainder;
    bool negative;
    i64_divide_magnitudes(numerator, divisor, &quotient, &remainder, &negative);
    return i64_from_sign_magnitude(negative, quotient, out);
}

/* numerator / divisor rounded toward negative infinity (Python's `//`). False
 * when divisor is 0 or for I64_MIN / -1. */
KAIROS_INLINE bool i64_div_floor(i64 numerator, i64 divisor, i64 *out) {
    if (divisor == 0) {
        return false;
    }
    u64 quotient;
    u64 remainder;
    bool negative;
    i64_divide_magnitudes(numerator, divisor, &quotient, &remainder, &negative);
    /* A negative inexact quotient moves one further from zero. quotient <=
     * 2^62 whenever that happens (|divisor| >= 2 when inexact), so no wrap. */
    if (negative && remainder != 0) {
        quotient += 1;
    }
    return i64_from_sign_magnitude(negative, quotient, out);
}

/* numerator / divisor rounded toward positive infinity. False when divisor is
 * 0, for I64_MIN / -1, and never otherwise. */
KAIROS_INLINE bool i64_div_ceil(i64 numerator, i64 divisor, i64 *out) {
    if (divisor == 0) {
        return false;
    }
    u64 quotient;
    u64 remainder;
    bool negative;
    i64_divide_magnitudes(numerator, divisor, &quotient, &remainder, &negative);
    /* A positive inexact quotient moves one further from zero (no wrap, as in
     * i64_div_floor). */
    if (!negative && remainder != 0) {
        quotient += 1;
    }
    return i64_from_sign_magnitude(negative, quotient, out);
}

/* Remainder of the truncating division (C's `%`): has the numerator's sign,
 * |result| < |divisor|. False only when divisor is 0 (I64_MIN % -1 is 0). */
KAIROS_INLINE bool i64_rem_trunc(i64 numerator, i64 divisor, i64 *out) {
    if (divisor == 0) {
        return false;
    }
    u64 quotient;
    u64 remainder;
    bool negative;
    i64_divide_magnitudes(numerator, divisor, &quotient, &remainder, &negative);
    /* remainder < |divisor| <= 2^63, so it is always representable. */
    return i64_from_sign_magnitude(numerator < 0, remainder, out);
}

/* Remainder of the floor division (Python's `%`): has the divisor's sign,
 * |result| < |divisor|, and numerator = divisor × floor + result. False only
 * when divisor is 0. */
KAIROS_INLINE bool i64_mod_floor(i64 numerator, i64 divisor, i64 *out) {
    if (divisor == 0) {
        return false;
    }
    u64 quotient;
    u64 remainder;
    bool negative;
    i64_divide_magnitudes(numerator, divisor, &quotient, &remainder, &negative);
    /* When the signs differ the floor quotient is one further from zero, so
     * the remainder is measured back from the divisor. */
    if (negative && remainder != 0) {
        remainder = i64_unsigned_abs(divisor) - remainder;
    }
    return i64_from_sign_magnitude(divisor < 0, remainder, out);
}

#endif /* KAIROS_MATH_CHECKED_H */
