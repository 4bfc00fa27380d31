/*
 * Non-inline wrappers around every function of math/u128.h, math/checked.h and
 * math/fixed.h, so that the host tests can call them through ctypes.
 *
 * The same file is also compiled for BPF (test_bpf_build.py), which proves that
 * every helper compiles there, so the wrappers obey the BPF rules too: at most 5
 * arguments and no u128 passed or returned by value. A u128 crosses the
 * boundary as two u64 arguments (high first) or as a u64[2] output holding
 * {low, high}.
 */
#include "math/checked.h"
#include "math/fixed.h"
#include "math/u128.h"
#include "sol/types.h"

#define SHIM KAIROS_NOINLINE __attribute__((visibility("default")))

/* Output slots of a u128 written through a u64 pointer. */
#define LOW_SLOT 0
#define HIGH_SLOT 1

KAIROS_INLINE void store_u128(u128 value, u64 *out) {
    out[LOW_SLOT] = u128_low(value);
    out[HIGH_SLOT] = u128_high(value);
}

/* ---- u128.h ---- */

SHIM u64 shim_u64_leading_zeros(u64 value) { return u64_leading_zeros(value); }

SHIM u64 shim_u64_funnel_shl(u64 high, u64 low, u64 shift) {
    return u64_funnel_shl(high, low, shift);
}

SHIM void shim_u64_widening_mul(u64 a, u64 b, u64 *out) { store_u128(u64_widening_mul(a, b), out); }

SHIM bool shim_u128_fits_u64(u64 high, u64 low) {
    return u128_fits_u64(u128_from_halves(high, low));
}

SHIM i32 shim_u128_cmp(u64 a_high, u64 a_low, u64 b_high, u64 b_low) {
    return u128_cmp(u128_from_halves(a_high, a_low), u128_from_halves(b_high, b_low));
}

SHIM bool shim_u128_checked_add(u64 a_high, u64 a_low, u64 b_high, u64 b_low, u64 *out) {
    u128 sum;
    if (!u128_checked_add(u128_from_halves(a_high, a_low), u128_from_halves(b_high, b_low), &sum)) {
        return false;
    }
    store_u128(sum, out);
    return true;
}

SHIM bool shim_u128_checked_sub(u64 a_high, u64 a_low, u64 b_high, u64 b_low, u64 *out) {
    u128 difference;
    if (!u128_checked_sub(u128_from_halves(a_high, a_low), u128_from_halves(b_high, b_low),
                          &difference)) {
        return false;
    }
    store_u128(difference, out);
    return true;
}

SHIM void shim_u128_wrapping_mul_u64(u64 a_high, u64 a_low, u64 b, u64 *out) {
    store_u128(u128_wrapping_mul_u64(u128_from_halves(a_high, a_low), b), out);
}

SHIM bool shim_u128_checked_mul_u64(u64 a_high, u64 a_low, u64 b, u64 *out) {
    u128 product;
    if (!u128_checked_mul_u64(u128_from_halves(a_high, a_low), b, &product)) {
        return false;
    }
    store_u128(product, out);
    return true;
}

SHIM bool shim_u128_div_u64_narrow(u64 numerator_high, u64 numerator_low, u64 divisor,
                                   u64 *quotient, u64 *remainder) {
    return u128_div_u64_narrow(u128_from_halves(numerator_high, numerator_low), divisor, quotient,
                               remainder);
}

SHIM bool shim_u128_divrem_u64(u64 numerator_high, u64 numerator_low, u64 divisor, u64 *quotient,
                               u64 *remainder) {
    u128 wide_quotient;
    if (!u128_divrem_u64(u128_from_halves(numerator_high, numerator_low), divisor, &wide_quotient,
                         remainder)) {
        return false;
    }
    store_u128(wide_quotient, quotient);
    return true;
}

/* out receives {quotient low, quotient high, remainder low, remainder high}. */
SHIM bool shim_u128_divrem(u64 numerator_high, u64 numerator_low, u64 divisor_high,
                           u64 divisor_low, u64 *out) {
    u128 quotient;
    u128 remainder;
    if (!u128_divrem(u128_from_halves(numerator_high, numerator_low),
                     u128_from_halves(divisor_high, divisor_low), &quotient, &remainder)) {
        return false;
    }
    store_u128(quotient, out);
    store_u128(remainder, out + 2);
    return true;
}

/* ---- checked.h ---- */

#define SHIM_BINARY(name, type_a, type_b, type_out)                                                \
    SHIM bool shim_##name(type_a a, type_b b, type_out *out) { return name(a, b, out); }

SHIM_BINARY(u64_checked_add, u64, u64, u64)
SHIM_BINARY(u64_checked_sub, u64, u64, u64)
SHIM_BINARY(u64_checked_mul, u64, u64, u64)
SHIM_BINARY(u64_div_ceil, u64, u64, u64)
SHIM_BINARY(i64_from_sign_magnitude, bool, u64, i64)
SHIM_BINARY(i64_checked_add, i64, i64, i64)
SHIM_BINARY(i64_checked_sub, i64, i64, i64)
SHIM_BINARY(i64_checked_mul, i64, i64, i64)
SHIM_BINARY(i64_div_trunc, i64, i64, i64)
SHIM_BINARY(i64_div_floor, i64, i64, i64)
SHIM_BINARY(i64_div_ceil, i64, i64, i64)
SHIM_BINARY(i64_rem_trunc, i64, i64, i64)
SHIM_BINARY(i64_mod_floor, i64, i64, i64)
SHIM_BINARY(scale_bps_floor, u64, u64, u64)
SHIM_BINARY(scale_bps_ceil, u64, u64, u64)

#define SHIM_UNARY(name, type_in, type_out)                                                        \
    SHIM bool shim_##name(type_in value, type_out *out) { return name(value, out); }

SHIM_UNARY(u64_to_i64, u64, i64)
SHIM_UNARY(i64_to_u64, i64, u64)
SHIM_UNARY(i64_checked_neg, i64, i64)
SHIM_UNARY(i64_checked_abs, i64, i64)
SHIM_UNARY(pow10_checked, u64, u64)

SHIM u64 shim_i64_unsigned_abs(i64 value) { return i64_unsigned_abs(value); }

/* ---- fixed.h ---- */

#define SHIM_TERNARY(name, type_a, type_b, type_c, type_out)                                       \
    SHIM bool shim_##name(type_a a, type_b b, type_c c, type_out *out) {                           \
        return name(a, b, c, out);                                                                 \
    }

SHIM_TERNARY(mul_div_floor, u64, u64, u64, u64)
SHIM_TERNARY(mul_div_ceil, u64, u64, u64, u64)
SHIM_TERNARY(i64_mul_div_floor, i64, u64, u64, i64)
SHIM_TERNARY(i64_mul_div_ceil, i64, u64, u64, i64)
SHIM_TERNARY(i64_mul_div_trunc, i64, u64, u64, i64)
SHIM_TERNARY(convert_decimals_floor, u64, u8, u8, u64)
SHIM_TERNARY(convert_decimals_ceil, u64, u8, u8, u64)
SHIM_TERNARY(quote_for_base_floor, u64, u64, u64, u64)
SHIM_TERNARY(quote_for_base_ceil, u64, u64, u64, u64)
SHIM_TERNARY(base_for_quote_floor, u64, u64, u64, u64)
SHIM_TERNARY(base_for_quote_ceil, u64, u64, u64, u64)

SHIM bool shim_mul_div_by_product_floor(u64 a, u64 b, u64 c, u64 d, u64 *out) {
    return mul_div_by_product_floor(a, b, c, d, out);
}

SHIM bool shim_mul_div_by_product_ceil(u64 a, u64 b, u64 c, u64 d, u64 *out) {
    return mul_div_by_product_ceil(a, b, c, d, out);
}
