/*
 * Solana syscalls used by Kairos. Each undefined name becomes `call -1` with a
 * dynamic relocation; the loader replaces it with the murmur3 hash of the name.
 * Signatures follow the runtime's C ABI (the old Solana C SDK).
 */
#ifndef KAIROS_SOL_SYSCALLS_H
#define KAIROS_SOL_SYSCALLS_H

#include "sol/pubkey.h"
#include "sol/types.h"

/* A byte slice as the syscalls take it (pointer, length). */
typedef struct SolBytes {
    const u8 *addr;
    u64 len;
} SolBytes;

/* One seed of a program-derived address. */
typedef struct SolSignerSeed {
    const u8 *addr;
    u64 len;
} SolSignerSeed;

/* The seeds of one PDA signer of a cross-program invocation. */
typedef struct SolSignerSeeds {
    const SolSignerSeed *addr;
    u64 len;
} SolSignerSeeds;

/* Memory and logging syscalls. The host build (gcc unit tests, -DKAIROS_HOST)
 * links plain C stand-ins for them from sol/host_syscalls.c. */
extern void sol_memcpy_(void *dst, const void *src, u64 n);
extern void sol_memmove_(void *dst, const void *src, u64 n);
extern void sol_memset_(void *dst, u8 value, u64 n);
extern void sol_memcmp_(const void *a, const void *b, u64 n, i32 *result);
extern void sol_log_(const char *message, u64 length);
extern void sol_log_64_(u64 a, u64 b, u64 c, u64 d, u64 e);
extern void sol_log_data(const SolBytes *fields, u64 count);

#ifndef KAIROS_HOST
extern void sol_log_pubkey(const SolPubkey *key);
extern void sol_log_compute_units_(void);
extern u64 sol_create_program_address(const SolSignerSeed *seeds, u64 seeds_len,
                                      const SolPubkey *program_id, SolPubkey *address);
extern u64 sol_try_find_program_address(const SolSignerSeed *seeds, u64 seeds_len,
                                        const SolPubkey *program_id, SolPubkey *address,
                                        u8 *bump);
extern u64 sol_get_clock_sysvar(void *clock);
extern u64 sol_get_rent_sysvar(void *rent);
extern void sol_set_return_data(const u8 *data, u64 length);
extern u64 sol_sha256(const SolBytes *slices, u64 count, u8 *result);
extern void abort(void);
#endif

#endif /* KAIROS_SOL_SYSCALLS_H */
