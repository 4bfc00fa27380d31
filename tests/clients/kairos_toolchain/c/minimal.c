#include "sbf_test.h"

u64 entrypoint(const u8 *input) {
  (void)input;
  return 0;
}
