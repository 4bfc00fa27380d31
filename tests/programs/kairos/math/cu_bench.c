/*
 * Compute-unit benchmark of the math/ helpers, deployed by test_math_cu.py.
 *
 * The instruction data picks one helper and its operands; the program calls it
 * ITERATIONS times in a loop. Every operand changes each iteration (a
 * loop-invariant divisor would let clang hoist its normalisation out of the loop
 * and under-report), and every result is folded into an accumulator that the
 * program then tests (so nothing can be discarded). A baseline mode runs the same
 * loop without the helper: the difference divided by ITERATIONS is the helper's
 * cost. The program fails if any call reported failure, so a benchmark never
 * measures an early exit by mistake.
 */
#include "math/checked.h"
#include "math/fixed.h"
#include "math/u128.h"
#include "sol/types.h"

#define ITERATIONS 1000
/* With no accounts, the serialized input is: u64 account count (0), u64 data
 * length, then the instruction data. */
#define INSTRUCTION_DATA_OFFSET 16
#define SUCCESS 0
#define ACCUMULATOR_MATCHED 1
#define UNKNOWN_MODE 2
#define HELPER_FAILED 3

enum BenchMode {
    MODE_BASELINE = 0,
    MODE_MUL_DIV_FLOOR = 1,
    MODE_MUL_DIV_CEIL = 2,
    MODE_DIV_U64_NARROW = 3,
    MODE_DIVREM_U64 = 4,
    MODE_DIVREM_U128 = 5,
    MODE_I64_DIV_FLOOR = 6,
    MODE_I64_MUL_DIV_FLOOR = 7,
    MODE_WIDENING_MUL = 8,
    MODE_U64_CHECKED_MUL = 9,
};

struct BenchArgs {
    u64 mode;
    u64 a;
    u64 b;
    u64 c;
    /* The accumulator never equals this: it only makes the result observable. */
    u64 impossible;
};

u64 entrypoint(const u8 *input) {
    const struct BenchArgs *args = (const struct BenchArgs *)(input + INSTRUCTION_DATA_OFFSET);
    u64 a = args->a;
    u64 b = args->b;
    u64 c = args->c;
    u64 accumulator = 0;
    u64 failures = 0;
    u64 result = 0;
    u64 remainder = 0;
    u128 wide = 0;
    u128 wide_remainder = 0;
    i64 signed_result = 0;
    switch (args->mode) {
    case MODE_BASELINE:
        for (u64 i = 0; i < ITERATIONS; i++) {
            failures += (a + i) == 0;
            accumulator += (a + i) ^ (b + i) ^ (c + i);
        }
        break;
    case MODE_MUL_DIV_FLOOR:
        for (u64 i = 0; i < ITERATIONS; i++) {
            failures += !mul_div_floor(a + i, b + i, c + i, &result);
            accumulator += result;
        }
        break;
    case MODE_MUL_DIV_CEIL:
        for (u64 i = 0; i < ITERATIONS; i++) {
            failures += !mul_div_ceil(a + i, b + i, c + i, &result);
            accumulator += result;
        }
        break;
    case MODE_DIV_U64_NARROW:
        for (u64 i = 0; i < ITERATIONS; i++) {
            u128 numerator = u128_from_halves(b + i, a + i);
            failures += !u128_div_u64_narrow(numerator, c + i, &result, &remainder);
            accumulator += result + remainder;
        }
        break;
    case MODE_DIVREM_U64:
        for (u64 i = 0; i < ITERATIONS; i++) {
            u128 numerator = u128_from_halves(b + i, a + i);
            failures += !u128_divrem_u64(numerator, c + i, &wide, &remainder);
            accumulator += u128_low(wide) + u128_high(wide) + remainder;
        }
        break;
    case MODE_DIVREM_U128:
        for (u64 i = 0; i < ITERATIONS; i++) {
            u128 numerator = u128_from_halves(a + i, b + i);
            u128 divisor = u128_from_halves(c + i, b);
            failures += !u128_divrem(numerator, divisor, &wide, &wide_remainder);
            accumulator += u128_low(wide) + u128_low(wide_remainder);
        }
        break;
    case MODE_I64_DIV_FLOOR:
        for (u64 i = 0; i < ITERATIONS; i++) {
            failures += !i64_div_floor(-(i64)(a + i), (i64)(c + i), &signed_result);
            accumulator += (u64)signed_result;
        }
        break;
    case MODE_I64_MUL_DIV_FLOOR:
        for (u64 i = 0; i < ITERATIONS; i++) {
            failures += !i64_mul_div_floor(-(i64)(a + i), b + i, c + i, &signed_result);
            accumulator += (u64)signed_result;
        }
        break;
    case MODE_WIDENING_MUL:
        for (u64 i = 0; i < ITERATIONS; i++) {
            wide = u64_widening_mul(a + i, b + i);
            failures += (c + i) == 0;
            accumulator += u128_low(wide) ^ u128_high(wide);
        }
        break;
    case MODE_U64_CHECKED_MUL:
        for (u64 i = 0; i < ITERATIONS; i++) {
            failures += !u64_checked_mul(a + i, b + i, &result);
            accumulator += result;
        }
        break;
    default:
        return UNKNOWN_MODE;
    }
    if (failures != 0) {
        return HELPER_FAILED;
    }
    return accumulator == args->impossible ? ACCUMULATOR_MATCHED : SUCCESS;
}
