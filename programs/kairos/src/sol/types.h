/*
 * Fixed-width types and attributes shared by every Kairos C file.
 *
 * The program is built freestanding (no libc) for SBF with clang's BPF backend,
 * and the same sources build for the host with gcc for unit tests, so nothing
 * here may depend on either environment.
 */
#ifndef KAIROS_SOL_TYPES_H
#define KAIROS_SOL_TYPES_H

typedef unsigned char u8;
typedef signed char i8;
typedef unsigned short u16;
typedef signed short i16;
typedef unsigned int u32;
typedef signed int i32;
typedef unsigned long long u64;
typedef signed long long i64;
/* u128 add, subtract, shift and compare compile inline on BPF; multiply and
 * divide do not (no __multi3/__udivti3): use the helpers in math/. */
typedef unsigned __int128 u128;
typedef __int128 i128;
typedef _Bool bool;
#define true 1
#define false 0
#ifndef NULL
#define NULL ((void *)0)
#endif

_Static_assert(sizeof(u64) == 8, "u64 must be 8 bytes");
_Static_assert(sizeof(u128) == 16, "u128 must be 16 bytes");
_Static_assert(sizeof(void *) == 8, "Kairos assumes 64-bit pointers (SBF and host)");

/* Every helper returning u128 must be inlined: a non-inlined function returning
 * u128 crashes the BPF backend. */
#define KAIROS_INLINE static inline __attribute__((always_inline))
#define KAIROS_NOINLINE __attribute__((noinline))
#define KAIROS_UNUSED __attribute__((unused))

#define U64_MAX 0xFFFFFFFFFFFFFFFFULL
#define I64_MAX 0x7FFFFFFFFFFFFFFFLL
#define I64_MIN (-I64_MAX - 1)

#endif /* KAIROS_SOL_TYPES_H */
