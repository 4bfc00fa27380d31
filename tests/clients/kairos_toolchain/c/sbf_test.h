/*
 * Minimal SBF runtime for the toolchain's test programs: types, the syscalls they
 * use, and access to the instruction data. Tests call these programs with no
 * accounts, so the input is: u64 account count (0), u64 data length, the data.
 */
#ifndef SBF_TEST_H
#define SBF_TEST_H

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

extern void sol_log_(const char *message, u64 len);
extern void sol_log_64_(u64 a, u64 b, u64 c, u64 d, u64 e);
extern void sol_set_return_data(const u8 *data, u64 len);

#define LOG(literal) sol_log_((literal), sizeof(literal) - 1)

/* Instruction data, or NULL when accounts were passed (the tests pass none). */
static inline const u8 *ix_data(const u8 *input, u64 *len) {
  if (*(const u64 *)input != 0) return (const u8 *)0;
  *len = *(const u64 *)(input + 8);
  return input + 16;
}

#endif
