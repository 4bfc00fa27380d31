/* Public keys and their comparison. */
#ifndef KAIROS_SOL_PUBKEY_H
#define KAIROS_SOL_PUBKEY_H

#include "sol/types.h"

#define PUBKEY_BYTES 32

typedef struct SolPubkey {
    u8 x[PUBKEY_BYTES];
} SolPubkey;
_Static_assert(sizeof(SolPubkey) == PUBKEY_BYTES, "a pubkey is 32 bytes");

/* Four 8-byte loads instead of a 32-step byte loop: misaligned loads are legal
 * on SBF (the build enables them) and on the host. */
KAIROS_INLINE bool pubkey_eq(const SolPubkey *a, const SolPubkey *b) {
    const u64 *x = (const u64 *)a->x;
    const u64 *y = (const u64 *)b->x;
    return ((x[0] ^ y[0]) | (x[1] ^ y[1]) | (x[2] ^ y[2]) | (x[3] ^ y[3])) == 0;
}

KAIROS_INLINE bool pubkey_is_zero(const SolPubkey *a) {
    const u64 *x = (const u64 *)a->x;
    return (x[0] | x[1] | x[2] | x[3]) == 0;
}

KAIROS_INLINE void pubkey_copy(SolPubkey *dst, const SolPubkey *src) {
    u64 *d = (u64 *)dst->x;
    const u64 *s = (const u64 *)src->x;
    d[0] = s[0];
    d[1] = s[1];
    d[2] = s[2];
    d[3] = s[3];
}

#endif /* KAIROS_SOL_PUBKEY_H */
