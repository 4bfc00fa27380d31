/* Clock and Rent sysvars, read through syscalls (no sysvar account needed). */
#ifndef KAIROS_SOL_SYSVARS_H
#define KAIROS_SOL_SYSVARS_H

#include "sol/syscalls.h"
#include "sol/types.h"

typedef struct SolClock {
    u64 slot;
    i64 epoch_start_timestamp;
    u64 epoch;
    u64 leader_schedule_epoch;
    i64 unix_timestamp;
} SolClock;
_Static_assert(sizeof(SolClock) == 40, "Clock sysvar layout is 40 bytes");

typedef struct SolRent {
    u64 lamports_per_byte_year;
    u64 exemption_threshold_f64_bits; /* an IEEE-754 double; SBF has no floats */
    u8 burn_percent;
    u8 padding[7];
} SolRent;
_Static_assert(sizeof(SolRent) == 24, "Rent sysvar is 17 bytes, padded to 24 by the runtime");

/* Every account pays rent for this many bytes of metadata on top of its data. */
#define ACCOUNT_STORAGE_OVERHEAD 128

/*
 * Minimum lamports for `data_len` bytes to be rent exempt, computed as the runtime
 * does ((overhead + len) * lamports_per_byte_year * threshold, truncated) but in
 * integers: the double's mantissa and exponent are decoded by hand. Returns
 * U64_MAX (an amount nobody can pay) if the product would not fit, so callers fail
 * safe rather than under-fund an account.
 */
u64 rent_minimum_balance(const SolRent *rent, u64 data_len);

#endif /* KAIROS_SOL_SYSVARS_H */
