/*
 * Fixed-point helpers for the exchange: a × b / c with a 128-bit intermediate,
 * basis points, token decimals and price × quantity.
 *
 * Rounding is always part of the name (_floor, _ceil, _trunc): the direction is
 * an economic decision, not a detail. The convention for callers: round what
 * the program pays out or credits down, and what it charges or debits up, so
 * rounding dust always stays in the program and can never be drained.
 *
 * Every function returns bool: true with the result written through the
 * pointer, or false (output untouched) on a zero divisor or a result that does
 * not fit the output type. Intermediates never overflow: a u64 × u64 product
 * is kept whole in 128 bits.
 */
#ifndef KAIROS_MATH_FIXED_H
#define KAIROS_MATH_FIXED_H

#include "math/checked.h"
#include "math/u128.h"
#include "sol/types.h"

/* ---- a × b / c ---- */

/* floor(a × b / divisor). False when divisor is 0 or the quotient exceeds
 * U64_MAX. */
KAIROS_INLINE bool mul_div_floor(u64 a, u64 b, u64 divisor, u64 *out) {
    u64 remainder;
    return u128_div_u64_narrow(u64_widening_mul(a, b), divisor, out, &remainder);
}

/* ceil(a × b / divisor). False when divisor is 0 or the rounded-up quotient
 * exceeds U64_MAX (including a floor of exactly U64_MAX with a remainder). */
KAIROS_INLINE bool mul_div_ceil(u64 a, u64 b, u64 divisor, u64 *out) {
    u64 quotient;
    u64 remainder;
    if (!u128_div_u64_narrow(u64_widening_mul(a, b), divisor, &quotient, &remainder)) {
        return false;
    }
    if (remainder == 0) {
        *out = quotient;
        return true;
    }
    return u64_checked_add(quotient, 1, out);
}

/* floor(a × b / (c × d)): a quotient by a denominator that may itself exceed
 * 2^64, e.g. a price scale times a decimals factor. False when c or d is 0 or
 * the quotient exceeds U64_MAX. */
KAIROS_INLINE bool mul_div_by_product_floor(u64 a, u64 b, u64 c, u64 d, u64 *out) {
    u128 quotient;
    u128 remainder;
    if (!u128_divrem(u64_widening_mul(a, b), u64_widening_mul(c, d), &quotient, &remainder) ||
        !u128_fits_u64(quotient)) {
        return false;
    }
    *out = u128_low(quotient);
    return true;
}

/* ceil(a × b / (c × d)). False when c or d is 0 or the rounded-up quotient
 * exceeds U64_MAX. */
KAIROS_INLINE bool mul_div_by_product_ceil(u64 a, u64 b, u64 c, u64 d, u64 *out) {
    u128 quotient;
    u128 remainder;
    if (!u128_divrem(u64_widening_mul(a, b), u64_widening_mul(c, d), &quotient, &remainder) ||
        !u128_fits_u64(quotient)) {
        return false;
    }
    if (remainder == 0) {
        *out = u128_low(quotient);
        return true;
    }
    return u64_checked_add(u128_low(quotient), 1, out);
}

/* ---- signed a × b / c ---- */

/* The three signed variants share this: |a| × b / divisor as a truncated
 * magnitude and whether anything was cut off. */
KAIROS_INLINE bool mul_div_magnitude(i64 a, u64 b, u64 divisor, u64 *quotient, bool *inexact) {
    u64 remainder;
    if (!u128_div_u64_narrow(u64_widening_mul(i64_unsigned_abs(a), b), divisor, quotient,
                             &remainder)) {
        return false;
    }
    *inexact = remainder != 0;
    return true;
}

/* a × b / divisor rounded toward negative infinity, for signed quantities such
 * as PnL or funding (a negative a rounds away from zero). False when divisor
 * is 0 or the result is outside [I64_MIN, I64_MAX]. */
KAIROS_INLINE bool i64_mul_div_floor(i64 a, u64 b, u64 divisor, i64 *out) {
    u64 magnitude;
    bool inexact;
    if (!mul_div_magnitude(a, b, divisor, &magnitude, &inexact)) {
        return false;
    }
    /* The magnitude is at most U64_MAX here; bumping U64_MAX would wrap, and
     * any magnitude that large is out of i64 range anyway. */
    if (a < 0 && inexact && !u64_checked_add(magnitude, 1, &magnitude)) {
        return false;
    }
    return i64_from_sign_magnitude(a < 0, magnitude, out);
}

/* a × b / divisor rounded toward positive infinity (a positive a rounds away
 * from zero). False when divisor is 0 or the result is outside i64. */
KAIROS_INLINE bool i64_mul_div_ceil(i64 a, u64 b, u64 divisor, i64 *out) {
    u64 magnitude;
    bool inexact;
    if (!mul_div_magnitude(a, b, divisor, &magnitude, &inexact)) {
        return false;
    }
    if (a > 0 && inexact && !u64_checked_add(magnitude, 1, &magnitude)) {
        return false;
    }
    return i64_from_sign_magnitude(a < 0, magnitude, out);
}

/* a × b / divisor rounded toward zero (both signs round to the smaller
 * magnitude). False when divisor is 0 or the result is outside i64. */
KAIROS_INLINE bool i64_mul_div_trunc(i64 a, u64 b, u64 divisor, i64 *out) {
    u64 magnitude;
    bool inexact;
    if (!mul_div_magnitude(a, b, divisor, &magnitude, &inexact)) {
        return false;
    }
    return i64_from_sign_magnitude(a < 0, magnitude, out);
}

/* ---- basis points ---- */

/* One whole in basis points: 10_000 bps = 100 %. */
#define BPS_PER_UNIT 10000ULL

/* floor(amount × bps / 10_000): e.g. a fee the program pays out or a rebate.
 * bps above 10_000 (more than 100 %) is allowed. False when the result exceeds
 * U64_MAX. Signed rates (a negative maker fee) use i64_mul_div_*(bps, amount,
 * BPS_PER_UNIT). */
KAIROS_INLINE bool scale_bps_floor(u64 amount, u64 bps, u64 *out) {
    return mul_div_floor(amount, bps, BPS_PER_UNIT, out);
}

/* ceil(amount × bps / 10_000): e.g. a fee the program charges. False when the
 * result exceeds U64_MAX. */
KAIROS_INLINE bool scale_bps_ceil(u64 amount, u64 bps, u64 *out) {
    return mul_div_ceil(amount, bps, BPS_PER_UNIT, out);
}

/* ---- powers of ten and token decimals ---- */

/* 10^19 is the largest power of ten below 2^64. */
#define POW10_MAX_EXPONENT 19

/* 10^exponent; false when exponent > POW10_MAX_EXPONENT (the power exceeds
 * U64_MAX). The table is static const, so it lives in .rodata (a writable
 * global would be rejected by the loader). */
KAIROS_INLINE bool pow10_checked(u64 exponent, u64 *out) {
    static const u64 POWERS_OF_TEN[POW10_MAX_EXPONENT + 1] = {
        1ULL,
        10ULL,
        100ULL,
        1000ULL,
        10000ULL,
        100000ULL,
        1000000ULL,
        10000000ULL,
        100000000ULL,
        1000000000ULL,
        10000000000ULL,
        100000000000ULL,
        1000000000000ULL,
        10000000000000ULL,
        100000000000000ULL,
        1000000000000000ULL,
        10000000000000000ULL,
        100000000000000000ULL,
        1000000000000000000ULL,
        10000000000000000000ULL,
    };
    _Static_assert(sizeof(POWERS_OF_TEN) / sizeof(POWERS_OF_TEN[0]) == POW10_MAX_EXPONENT + 1,
                   "one entry per exponent 0..POW10_MAX_EXPONENT");
    if (exponent > POW10_MAX_EXPONENT) {
        return false;
    }
    *out = POWERS_OF_TEN[exponent];
    return true;
}

/* An amount in native units of a token with `from_decimals` expressed in native
 * units of one with `to_decimals` (SPL mints store decimals as u8), rounded
 * down. Gaining decimals multiplies exactly: false when the result exceeds
 * U64_MAX (a zero amount always converts). Losing decimals divides: never
 * fails, and a loss of more than 19 decimals rounds every amount to 0. */
KAIROS_INLINE bool convert_decimals_floor(u64 amount, u8 from_decimals, u8 to_decimals,
                                          u64 *out) {
    u64 factor;
    if (to_decimals >= from_decimals) {
        if (amount == 0) {
            *out = 0;
            return true;
        }
        return pow10_checked((u64)to_decimals - from_decimals, &factor) &&
               u64_checked_mul(amount, factor, out);
    }
    /* 10^k for k > 19 exceeds every u64 amount: the quotient is 0. */
    if (!pow10_checked((u64)from_decimals - to_decimals, &factor)) {
        *out = 0;
        return true;
    }
    *out = amount / factor;
    return true;
}

/* As convert_decimals_floor but rounded up: losing decimals turns any non-zero
 * remainder into one more native unit (so any non-zero amount is at least 1).
 * Gaining decimals is exact and fails only when the result exceeds U64_MAX. */
KAIROS_INLINE bool convert_decimals_ceil(u64 amount, u8 from_decimals, u8 to_decimals, u64 *out) {
    if (to_decimals >= from_decimals) {
        return convert_decimals_floor(amount, from_decimals, to_decimals, out);
    }
    u64 factor;
    if (!pow10_checked((u64)from_decimals - to_decimals, &factor)) {
        *out = amount == 0 ? 0 : 1;
        return true;
    }
    return u64_div_ceil(amount, factor, out);
}

/* ---- price × quantity ----
 *
 * A price is quote native units per base native unit, as a fixed-point number
 * with `price_scale` units per 1 (price_scale = 10^k for k decimal places).
 * Per the convention above: what a trader pays rounds up (_ceil), what a
 * trader receives rounds down (_floor).
 */

/* floor(price × base_quantity / price_scale): quote a seller receives. False
 * when price_scale is 0 or the quote exceeds U64_MAX. */
KAIROS_INLINE bool quote_for_base_floor(u64 price, u64 base_quantity, u64 price_scale,
                                        u64 *quote) {
    return mul_div_floor(price, base_quantity, price_scale, quote);
}

/* ceil(price × base_quantity / price_scale): quote a buyer pays. False when
 * price_scale is 0 or the quote exceeds U64_MAX. */
KAIROS_INLINE bool quote_for_base_ceil(u64 price, u64 base_quantity, u64 price_scale,
                                       u64 *quote) {
    return mul_div_ceil(price, base_quantity, price_scale, quote);
}

/* floor(quote × price_scale / price): base a quote budget buys at most (a
 * market buy by quote amount). False when price is 0 or the base exceeds
 * U64_MAX. */
KAIROS_INLINE bool base_for_quote_floor(u64 quote, u64 price, u64 price_scale, u64 *base) {
    return mul_div_floor(quote, price_scale, price, base);
}

/* ceil(quote × price_scale / price): base needed to raise at least `quote`.
 * False when price is 0 or the base exceeds U64_MAX. */
KAIROS_INLINE bool base_for_quote_ceil(u64 quote, u64 price, u64 price_scale, u64 *base) {
    return mul_div_ceil(quote, price_scale, price, base);
}

#endif /* KAIROS_MATH_FIXED_H */
