#include "sbf_test.h"

static u64 seed = 12345;

u64 entrypoint(const u8 *input) {
  seed = seed * 31 + input[0];
  return seed;
}
