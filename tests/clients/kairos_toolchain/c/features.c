/*
 * One program exercising what the linker must get right; the first byte of the
 * instruction data picks the case, the second is its argument.
 */
#include "sbf_test.h"

/* A table big enough that the deploy needs several Write transactions. */
static const u64 squares[512] = {
#define S1(i) (i) * (i)
#define S4(i) S1(i), S1(i + 1), S1(i + 2), S1(i + 3)
#define S16(i) S4(i), S4(i + 4), S4(i + 8), S4(i + 12)
#define S64(i) S16(i), S16(i + 16), S16(i + 32), S16(i + 48)
    S64(0), S64(64), S64(128), S64(192), S64(256), S64(320), S64(384), S64(448),
};

/* 16-byte aligned constants: .rodata keeps its inputs' alignment. */
static const unsigned __int128 wide[3] = {
    ((unsigned __int128)1 << 64) | 2, ((unsigned __int128)3 << 64) | 4, ((unsigned __int128)5 << 64) | 6,
};

static const char *const greetings[3] = {"alpha", "beta", "gamma"};

__attribute__((noinline)) u64 add_seven(u64 x) { return x + 7; }
__attribute__((noinline)) static u64 times_three(u64 x) { return x * 3; }
__attribute__((noinline)) static u64 square_of(u64 x) { return squares[x & 511]; }

typedef u64 (*unary_fn)(u64);
static unary_fn const unary_ops[3] = {add_seven, times_three, square_of};

/* Not inlined, and takes the pointer at run time: a real callx. */
__attribute__((noinline)) static u64 apply_twice(unary_fn f, u64 x) { return f(f(x)); }

__attribute__((noinline)) static u64 fib(u64 n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

__attribute__((noinline)) static u64 classify(u64 k) {
  switch (k) {
    case 0: return 100;
    case 1: return 101;
    case 3: return 103;
    case 7: return 107;
    case 8: return 108;
    case 20: return 120;
    case 42: return 142;
    case 99: return 199;
    default: return 1;
  }
}

static void return_u64(u64 value) { sol_set_return_data((const u8 *)&value, sizeof value); }

u64 entrypoint(const u8 *input) {
  u64 len = 0;
  const u8 *data = ix_data(input, &len);
  if (data == 0 || len < 2) return 1000;
  u64 arg = data[1];
  switch (data[0]) {
    case 0: LOG("hello from rodata"); return 0;
    case 1: sol_log_(greetings[arg % 3], 4 + (arg % 3 != 1)); return 0;
    case 2: return_u64(square_of(arg) + squares[511 - arg]); return 0;
    case 3: return_u64(unary_ops[arg % 3](arg)); return 0;
    case 4: return_u64(apply_twice(arg & 1 ? times_three : add_seven, arg)); return 0;
    case 5: return_u64(classify(arg)); return 0;
    case 6: return_u64(fib(arg)); return 0;
    case 7: sol_log_64_(arg, arg + 1, arg + 2, arg + 3, 0xdeadbeef); return 0;
    case 8: __builtin_trap();
    case 9: return arg; /* a custom program error when non-zero */
    case 10: return_u64((u64)(wide[arg % 3] >> 64) * 1000 + (u64)wide[arg % 3]); return 0;
    default: return 1001;
  }
}
