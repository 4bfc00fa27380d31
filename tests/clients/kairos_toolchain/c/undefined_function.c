#include "sbf_test.h"

extern u64 helper_defined_nowhere(u64 x);

u64 entrypoint(const u8 *input) { return helper_defined_nowhere(input[0]); }
