/*
 * 128-bit unsigned arithmetic that the BPF backend can compile.
 *
 * Upstream clang's BPF backend has no libcalls: a u128 multiply (__multi3),
 * divide (__udivti3) or a shift by a variable amount (__ashlti3, __lshrti3) is a
 * compile error, and a non-inlined function returning u128 crashes it. What does
 * compile inline is u128 add, subtract, compare and shifts by a constant. So:
 * multiplication is done on 32-bit limbs, whose products fit a native 64-bit
 * multiply; division is Knuth's algorithm D with 32-bit digits over the native
 * 64-bit divide; variable shifts are done on the two 64-bit halves. Every
 * function is always-inline.
 *
 * The host build (gcc, unit tests) compiles exactly this code: there is no
 * host-specific branch anywhere in math/, so the tests exercise the limb paths
 * that run on chain.
 *
 * Division by zero is reported (false), never performed: the SBF VM aborts the
 * whole transaction on a zero divisor and the host raises SIGFPE.
 */
#ifndef KAIROS_MATH_U128_H
#define KAIROS_MATH_U128_H

#include "math/checked.h"
#include "sol/types.h"

/* A u128 is handled as a high and a low u64 half; a u64 as two 32-bit limbs. */
#define U64_BITS 64
#define U64_TOP_BIT (U64_BITS - 1)
#define U64_LIMB_BITS 32
#define U64_LIMB_MASK 0xFFFFFFFFULL
#define U128_MAX (~(u128)0)

_Static_assert(sizeof(u128) == 2 * sizeof(u64), "u128 must be exactly two u64 halves");
_Static_assert(2 * U64_LIMB_BITS == U64_BITS, "a u64 must be exactly two limbs");

KAIROS_INLINE u64 u128_high(u128 value) { return (u64)(value >> U64_BITS); }

KAIROS_INLINE u64 u128_low(u128 value) { return (u64)value; }

KAIROS_INLINE u128 u128_from_halves(u64 high, u64 low) {
    return ((u128)high << U64_BITS) | (u128)low;
}

KAIROS_INLINE bool u128_fits_u64(u128 value) { return u128_high(value) == 0; }

/* Three-way comparison: -1, 0 or 1 as a is below, equal to or above b. The
 * u128 relational operators compile inline on BPF, so this is only a
 * convenience for sorting-style callers. */
KAIROS_INLINE i32 u128_cmp(u128 a, u128 b) {
    if (a < b) {
        return -1;
    }
    return a > b ? 1 : 0;
}

/* Multiplier whose top 6 bits are distinct for each product with 2^k - 1,
 * k = 1..64 (a de Bruijn-style constant, Kim Walisch's bit scan reverse). */
#define LEADING_ZEROS_MULTIPLIER 0x03F79D71B4CB0A89ULL
#define LEADING_ZEROS_INDEX_SHIFT 58

/* Leading zero bits of a u64, 64 for zero. Branch-free: smear the top set bit
 * into every lower bit, then one multiply indexes a 64-entry table. ~22 CU on
 * SBF, against ~40 for a binary search (clang turns each step into a select
 * evaluating both sides) and ~45 for __builtin_clzll (a popcount expansion on
 * BPF, one instruction on the host: the two builds must run the same code). */
KAIROS_INLINE u64 u64_leading_zeros(u64 value) {
    /* Indexed by (smeared × multiplier) >> 58; entry = 63 - top bit index. */
    static const u8 LEADING_ZEROS_BY_INDEX[U64_BITS] = {
        63, 16, 62, 7,  15, 36, 61, 3,  6,  14, 22, 26, 35, 47, 60, 2,
        9,  5,  28, 11, 13, 21, 42, 19, 25, 31, 34, 40, 46, 52, 59, 1,
        17, 8,  37, 4,  23, 27, 48, 10, 29, 12, 43, 20, 32, 41, 53, 18,
        38, 24, 49, 30, 44, 33, 54, 39, 50, 45, 55, 51, 56, 57, 58, 0,
    };
    /* Zero smears to zero, which would index the entry for bit 63. */
    if (value == 0) {
        return U64_BITS;
    }
    value |= value >> 1;
    value |= value >> 2;
    value |= value >> 4;
    value |= value >> 8;
    value |= value >> 16;
    value |= value >> 32;
    /* value is now 2^(top bit + 1) - 1. */
    return LEADING_ZEROS_BY_INDEX[(value * LEADING_ZEROS_MULTIPLIER) >> LEADING_ZEROS_INDEX_SHIFT];
}

/* High half of the 128-bit value (high:low) shifted left by `shift`, which must
 * be in [0, 63]. The bits carried in from `low` are taken as (low >> 1) >>
 * (63 - shift) because low >> (64 - shift) would be a shift by 64 when shift is
 * 0, which C leaves undefined (and x86 and BPF both treat as a shift by 0). */
KAIROS_INLINE u64 u64_funnel_shl(u64 high, u64 low, u64 shift) {
    return (high << shift) | ((low >> 1) >> (U64_TOP_BIT - shift));
}

/* Full 64×64→128 product, schoolbook on 32-bit limbs. Never overflows. */
KAIROS_INLINE u128 u64_widening_mul(u64 a, u64 b) {
    u64 a_low = a & U64_LIMB_MASK;
    u64 a_high = a >> U64_LIMB_BITS;
    /* clang 22 recognises this schoolbook multiply and folds it back into one
     * i128 multiply (__multi3): hiding one limb's origin prevents that. */
    MATH_OPAQUE(a_high);
    u64 b_low = b & U64_LIMB_MASK;
    u64 b_high = b >> U64_LIMB_BITS;

    u64 low_low = a_low * b_low;
    u64 high_low = a_high * b_low;
    u64 low_high = a_low * b_high;
    u64 high_high = a_high * b_high;

    /* Middle column: at most (2^32-1) + (2^32-1) + (2^32-1)^2 = 2^64-1, so the
     * sum cannot wrap. */
    u64 middle = (low_low >> U64_LIMB_BITS) + (high_low & U64_LIMB_MASK) + low_high;
    u64 high = high_high + (high_low >> U64_LIMB_BITS) + (middle >> U64_LIMB_BITS);
    u64 low = (middle << U64_LIMB_BITS) | (low_low & U64_LIMB_MASK);
    return u128_from_halves(high, low);
}

/* a + b; false (out untouched) when the sum exceeds 2^128-1. */
KAIROS_INLINE bool u128_checked_add(u128 a, u128 b, u128 *out) {
    u128 sum = a + b;
    if (sum < a) {
        return false;
    }
    *out = sum;
    return true;
}

/* a - b; false (out untouched) when b > a. */
KAIROS_INLINE bool u128_checked_sub(u128 a, u128 b, u128 *out) {
    if (b > a) {
        return false;
    }
    *out = a - b;
    return true;
}

/* Low 128 bits of a × b: the product modulo 2^128. For callers that have
 * proved the product fits. */
KAIROS_INLINE u128 u128_wrapping_mul_u64(u128 a, u64 b) {
    u128 low_product = u64_widening_mul(u128_low(a), b);
    /* Only the low half of high(a) × b lands below bit 128. */
    u64 high_product_low = u128_high(a) * b;
    return low_product + u128_from_halves(high_product_low, 0);
}

/* a × b; false (out untouched) when the product exceeds 2^128-1. */
KAIROS_INLINE bool u128_checked_mul_u64(u128 a, u64 b, u128 *out) {
    u128 low_product = u64_widening_mul(u128_low(a), b);
    u128 high_product = u64_widening_mul(u128_high(a), b);
    /* high(a) × b is weighted by 2^64: any bit of it at or above 2^64 is a
     * bit at or above 2^128 of the result. */
    if (!u128_fits_u64(high_product)) {
        return false;
    }
    u64 carry_in = u128_high(low_product);
    u64 high = carry_in + u128_low(high_product);
    if (high < carry_in) {
        return false;
    }
    *out = u128_from_halves(high, u128_low(low_product));
    return true;
}

/* One 32-bit quotient digit of Knuth's algorithm D. `partial` holds the running
 * remainder shifted to make room for `next_digit`; the divisor is normalised
 * (bit 63 set) and split into `divisor_high` and `divisor_low` limbs. Writes the
 * new running remainder to *rest.
 *
 * Invariant (Knuth's theorem B): with a normalised divisor the estimate from the
 * high limb alone is at most 2 too large, so the correction loop runs at most
 * twice. Invariant: partial < divisor, so the digit fits 32 bits after
 * correction and the true remainder fits 64 bits. */
KAIROS_INLINE u64 u128_divide_digit(u64 partial, u64 next_digit, u64 divisor, u64 *rest) {
    u64 divisor_high = divisor >> U64_LIMB_BITS;
    u64 divisor_low = divisor & U64_LIMB_MASK;
    u64 digit = partial / divisor_high;
    u64 remainder_estimate = partial - digit * divisor_high;
    /* `digit > U64_LIMB_MASK` comes first: it guards digit * divisor_low, which
     * only fits 64 bits once digit fits 32. remainder_estimate << 32 fits for
     * the same reason: the loop leaves as soon as it reaches 2^32. */
    while (digit > U64_LIMB_MASK ||
           digit * divisor_low > ((remainder_estimate << U64_LIMB_BITS) | next_digit)) {
        digit -= 1;
        remainder_estimate += divisor_high;
        if (remainder_estimate > U64_LIMB_MASK) {
            break;
        }
    }
    /* The true result is below the divisor (< 2^64), so computing it modulo
     * 2^64, where partial << 32 and the product wrap, is exact. */
    *rest = (partial << U64_LIMB_BITS) + next_digit - digit * divisor;
    return digit;
}

/* Narrowing 128/64 division: numerator / divisor and numerator % divisor when
 * the quotient fits 64 bits. Returns false (outputs untouched) when divisor is
 * 0 or the quotient would need more than 64 bits, i.e. high(numerator) >=
 * divisor: that comparison is the exact overflow boundary. Quotient rounds
 * toward zero (floor); the remainder is exact. */
KAIROS_INLINE bool u128_div_u64_narrow(u128 numerator, u64 divisor, u64 *quotient,
                                       u64 *remainder) {
    u64 numerator_high = u128_high(numerator);
    u64 numerator_low = u128_low(numerator);
    if (divisor == 0 || numerator_high >= divisor) {
        return false;
    }
    /* Common case on chain (products below 2^64): one native divide. */
    if (numerator_high == 0) {
        *quotient = numerator_low / divisor;
        *remainder = numerator_low % divisor;
        return true;
    }
    /* Divisors below 2^32 (basis points, 10^k for k <= 9) need no
     * normalisation: schoolbook division by 32-bit digits, where each partial
     * dividend (remainder < divisor, shifted up one digit) stays below
     * divisor × 2^32 <= 2^64, so the native divide takes it whole and each
     * quotient digit fits 32 bits. */
    if (divisor <= U64_LIMB_MASK) {
        u64 top = (numerator_high << U64_LIMB_BITS) | (numerator_low >> U64_LIMB_BITS);
        u64 quotient_high = top / divisor;
        u64 bottom = ((top % divisor) << U64_LIMB_BITS) | (numerator_low & U64_LIMB_MASK);
        *quotient = (quotient_high << U64_LIMB_BITS) | (bottom / divisor);
        *remainder = bottom % divisor;
        return true;
    }
    /* Normalise so the divisor's top bit is set (Knuth D1); the numerator is
     * shifted alike and, since numerator_high < divisor, still fits 128 bits
     * with its top 64 below the shifted divisor. */
    u64 shift = u64_leading_zeros(divisor);
    u64 normalised_divisor = divisor << shift;
    u64 top = u64_funnel_shl(numerator_high, numerator_low, shift);
    u64 bottom = numerator_low << shift;

    u64 running_remainder;
    u64 quotient_high =
        u128_divide_digit(top, bottom >> U64_LIMB_BITS, normalised_divisor, &running_remainder);
    u64 quotient_low = u128_divide_digit(running_remainder, bottom & U64_LIMB_MASK,
                                         normalised_divisor, &running_remainder);
    *quotient = (quotient_high << U64_LIMB_BITS) | quotient_low;
    /* Undo the normalisation: the remainder was scaled by 2^shift. */
    *remainder = running_remainder >> shift;
    return true;
}

/* Full 128/64 division: numerator / divisor (128-bit quotient, rounded toward
 * zero) and numerator % divisor. False (outputs untouched) only when divisor is
 * 0; it cannot overflow. */
KAIROS_INLINE bool u128_divrem_u64(u128 numerator, u64 divisor, u128 *quotient, u64 *remainder) {
    if (divisor == 0) {
        return false;
    }
    u64 numerator_high = u128_high(numerator);
    /* Long division by 64-bit digits: the high digit divides natively, and its
     * remainder (< divisor) makes the second step a narrowing division. */
    u64 quotient_high = numerator_high / divisor;
    u64 carried = numerator_high % divisor;
    u64 quotient_low = 0;
    bool narrowed = u128_div_u64_narrow(u128_from_halves(carried, u128_low(numerator)), divisor,
                                        &quotient_low, remainder);
    /* Cannot fail: carried < divisor and divisor != 0. */
    (void)narrowed;
    *quotient = u128_from_halves(quotient_high, quotient_low);
    return true;
}

/* Full 128/128 division: numerator / divisor (rounded toward zero) and
 * numerator % divisor. False (outputs untouched) only when divisor is 0.
 * Hacker's Delight's divlu64 lifted to 128 bits: estimate the quotient from the
 * divisor's top 64 bits, then correct it by one. */
KAIROS_INLINE bool u128_divrem(u128 numerator, u128 divisor, u128 *quotient, u128 *remainder) {
    u64 divisor_high = u128_high(divisor);
    if (divisor_high == 0) {
        u64 small_remainder = 0;
        if (!u128_divrem_u64(numerator, u128_low(divisor), quotient, &small_remainder)) {
            return false;
        }
        *remainder = small_remainder;
        return true;
    }
    /* From here divisor >= 2^64, so the quotient fits 64 bits. */
    u64 shift = u64_leading_zeros(divisor_high);
    /* Top 64 bits of the divisor normalised so bit 63 is set. */
    u64 divisor_top = u64_funnel_shl(divisor_high, u128_low(divisor), shift);
    /* Halving the numerator keeps its high half below divisor_top (which is >=
     * 2^63), so the narrowing division cannot overflow. */
    u64 estimate_scaled = 0;
    u64 unused_remainder = 0;
    bool narrowed = u128_div_u64_narrow(numerator >> 1, divisor_top, &estimate_scaled,
                                        &unused_remainder);
    (void)narrowed;
    (void)unused_remainder;
    /* Undo the scalings: estimate = (estimate_scaled << shift) >> 63, a 128-bit
     * intermediate computed on halves (no variable u128 shift on BPF). */
    u64 scaled_high = (estimate_scaled >> 1) >> (U64_TOP_BIT - shift);
    u64 scaled_low = estimate_scaled << shift;
    u64 estimate = (scaled_high << 1) | (scaled_low >> U64_TOP_BIT);
    /* The estimate is the true quotient or one above it; stepping down once
     * makes it the quotient or one below, never above, so the product below
     * cannot exceed the numerator (no wrap). */
    if (estimate != 0) {
        estimate -= 1;
    }
    u128 rest = numerator - u128_wrapping_mul_u64(divisor, estimate);
    if (rest >= divisor) {
        estimate += 1;
        rest -= divisor;
    }
    *quotient = estimate;
    *remainder = rest;
    return true;
}

#endif /* KAIROS_MATH_U128_H */
