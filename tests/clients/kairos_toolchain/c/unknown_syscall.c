#include "sbf_test.h"

/* Looks like a syscall, but no Solana runtime has it. */
extern void sol_definitely_not_a_syscall(u64 x);

u64 entrypoint(const u8 *input) {
  LOG("before");
  sol_definitely_not_a_syscall(input[0]);
  return 0;
}
