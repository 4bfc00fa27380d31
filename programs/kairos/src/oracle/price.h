/*
 * Conversions of oracle prices into quote native units (docs/ARCHITECTURE.md,
 * "Units"). An oracle price p means p × 10^exponent whole quote per whole asset
 * unit, so with e = exponent + quote_decimals − asset_decimals:
 *   value of `amount` native units   = amount × p × 10^e          quote native
 *   perp price per lot               = p × base_lot_size × 10^e'   quote native
 * Each is one 128-bit product with one division by a power of ten, rounded in
 * the direction the caller names (assets floor, liabilities and margins ceil).
 */
#ifndef KAIROS_ORACLE_PRICE_H
#define KAIROS_ORACLE_PRICE_H

#include "math/fixed.h"
#include "sol/types.h"

/* 10^(2 × 19) < 2^128 < 10^39: below 10^-38 every u64 × u64 product is < 1. */
#define PRICE_MAX_SPLIT_EXPONENT (2 * POW10_MAX_EXPONENT)

/* The decimal exponent e of a conversion (exponent + quote − asset decimals).
 * Cannot overflow: an i32 plus or minus a u8 always fits an i64. */
KAIROS_INLINE i64 price_conversion_exponent(i32 oracle_exponent, u8 quote_decimals,
                                            u8 asset_decimals) {
    return (i64)oracle_exponent + (i64)quote_decimals - (i64)asset_decimals;
}

/*
 * a × b × 10^exponent, rounded up when `round_up`, else down. False when the
 * result exceeds U64_MAX. Gaining decimals is exact; losing up to 19 decimals is
 * one mul_div, up to 38 a division by a product of two powers of ten, and more
 * than 38 leaves a product < 1 (0, or 1 rounded up from a non-zero product).
 */
KAIROS_INLINE bool scale_by_power_of_ten(u64 a, u64 b, i64 exponent, bool round_up, u64 *out) {
    u64 power;
    if (exponent >= 0) {
        u64 product;
        if (!u64_checked_mul(a, b, &product)) {
            return false;
        }
        if (product == 0) {
            *out = 0;
            return true;
        }
        return pow10_checked((u64)exponent, &power) && u64_checked_mul(product, power, out);
    }
    u64 decimals_lost = i64_unsigned_abs(exponent);
    if (pow10_checked(decimals_lost, &power)) {
        return round_up ? mul_div_ceil(a, b, power, out) : mul_div_floor(a, b, power, out);
    }
    if (decimals_lost <= PRICE_MAX_SPLIT_EXPONENT) {
        u64 max_power;
        u64 rest_power;
        /* Both exist: decimals_lost − 19 is in [1, 19]. */
        (void)pow10_checked(POW10_MAX_EXPONENT, &max_power);
        (void)pow10_checked(decimals_lost - POW10_MAX_EXPONENT, &rest_power);
        return round_up ? mul_div_by_product_ceil(a, b, max_power, rest_power, out)
                        : mul_div_by_product_floor(a, b, max_power, rest_power, out);
    }
    *out = (round_up && a != 0 && b != 0) ? 1 : 0;
    return true;
}

#endif /* KAIROS_ORACLE_PRICE_H */
