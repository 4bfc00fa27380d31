#include "sbf_test.h"

__attribute__((noinline)) static u32 mix(u32 a, u32 b) { return (a * 2654435761u) ^ (b + 7u); }

u64 entrypoint(const u8 *input) { return mix(input[0], input[1]); }
