#include "sbf_test.h"

u64 call_counter;

u64 entrypoint(const u8 *input) {
  (void)input;
  return ++call_counter;
}
