/*
 * Host stand-ins for the memory and logging syscalls (sol/syscalls.h), so that
 * the state and matching code builds with gcc for unit tests (-DKAIROS_HOST).
 * The SBF build compiles this file to nothing: on chain the runtime provides
 * the syscalls.
 *
 * Plain byte loops on purpose: the tests must not depend on libc, and these
 * give the same results as the runtime's versions (memmove handles overlap,
 * memcmp reports the sign of the first differing byte).
 */
#ifdef KAIROS_HOST

#include "sol/syscalls.h"

void sol_memmove_(void *dst, const void *src, u64 n) {
    u8 *to = (u8 *)dst;
    const u8 *from = (const u8 *)src;
    if (to == from || n == 0) {
        return;
    }
    if (to < from) {
        for (u64 i = 0; i < n; i++) {
            to[i] = from[i];
        }
    } else {
        for (u64 i = n; i > 0; i--) {
            to[i - 1] = from[i - 1];
        }
    }
}

void sol_memcpy_(void *dst, const void *src, u64 n) { sol_memmove_(dst, src, n); }

void sol_memset_(void *dst, u8 value, u64 n) {
    u8 *to = (u8 *)dst;
    for (u64 i = 0; i < n; i++) {
        to[i] = value;
    }
}

void sol_memcmp_(const void *a, const void *b, u64 n, i32 *result) {
    const u8 *x = (const u8 *)a;
    const u8 *y = (const u8 *)b;
    for (u64 i = 0; i < n; i++) {
        if (x[i] != y[i]) {
            *result = (i32)x[i] - (i32)y[i];
            return;
        }
    }
    *result = 0;
}

/* Logs go nowhere on the host: the tests read state, not program logs. */
void sol_log_(const char *message, u64 length) {
    (void)message;
    (void)length;
}

void sol_log_64_(u64 a, u64 b, u64 c, u64 d, u64 e) {
    (void)a;
    (void)b;
    (void)c;
    (void)d;
    (void)e;
}

void sol_log_data(const SolBytes *fields, u64 count) {
    (void)fields;
    (void)count;
}

#endif /* KAIROS_HOST */
