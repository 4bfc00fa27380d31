/* Integer evaluation of the rent-exemption formula (see sol/sysvars.h). */
#include "sol/sysvars.h"

#include "math/checked.h"

#define F64_MANTISSA_BITS 52
#define F64_EXPONENT_MASK 0x7FF
#define F64_EXPONENT_BIAS 1023
#define F64_IMPLICIT_ONE (1ULL << F64_MANTISSA_BITS)

u64 rent_minimum_balance(const SolRent *rent, u64 data_len) {
    u64 bits = rent->exemption_threshold_f64_bits;
    u64 exponent_field = (bits >> F64_MANTISSA_BITS) & F64_EXPONENT_MASK;
    if (bits >> 63 || exponent_field == 0 || exponent_field == F64_EXPONENT_MASK) {
        /* Negative, subnormal, infinite or NaN thresholds never occur on a real
         * cluster; refuse to guess. */
        return U64_MAX;
    }
    u64 mantissa = (bits & (F64_IMPLICIT_ONE - 1)) | F64_IMPLICIT_ONE;
    i64 shift = (i64)exponent_field - F64_EXPONENT_BIAS - F64_MANTISSA_BITS;
    if (data_len > U64_MAX - ACCOUNT_STORAGE_OVERHEAD) {
        return U64_MAX;
    }
    u64 bytes = ACCOUNT_STORAGE_OVERHEAD + data_len;
    u64 base;
    if (!u64_checked_mul(bytes, rent->lamports_per_byte_year, &base)) {
        return U64_MAX;
    }
    /* Strip the mantissa's trailing zeros first so that the common thresholds
     * (2.0 has mantissa 1 << 52) never multiply by a 53-bit number. */
    while ((mantissa & 1) == 0 && shift < 0) {
        mantissa >>= 1;
        shift++;
    }
    u64 product;
    if (!u64_checked_mul(base, mantissa, &product)) {
        return U64_MAX;
    }
    if (shift >= 0) {
        if (shift >= 64 || product > (U64_MAX >> shift)) {
            return U64_MAX;
        }
        return product << shift;
    }
    if (-shift >= 64) {
        return 0;
    }
    return product >> (-shift);
}
