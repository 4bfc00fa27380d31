/*
 * Program-derived addresses at account creation. Only creation derives (about
 * 1,500 CU per bump tried); later instructions trust owner + discriminator and
 * the links stored in the accounts (docs/ARCHITECTURE.md, "Account checks").
 */
#ifndef KAIROS_VALIDATE_PDA_H
#define KAIROS_VALIDATE_PDA_H

#include "sol/input.h"
#include "sol/syscalls.h"

/* Most seeds a Kairos PDA has (["oracle", authority, seed]), bump excluded. */
#define PDA_MAX_SEEDS 3

/* Number of seeds in a seed array. */
#define SEED_COUNT(seeds) (sizeof(seeds) / sizeof((seeds)[0]))

/* A PDA's signer seeds: its seeds followed by its bump, ready for invoke_signed.
 * The seed slices point at the caller's data and at `bump` inside this struct,
 * so it must not be copied once filled. */
typedef struct PdaSigner {
    SolSignerSeed seeds[PDA_MAX_SEEDS + 1];
    SolSignerSeeds signer;
    u8 bump;
} PdaSigner;

/*
 * `account` must be the canonical PDA of `seeds` (the first bump that yields an
 * off-curve address): the only address sol_try_find_program_address returns, so
 * every PDA type has exactly one possible address per seed set (ConstraintSeeds
 * otherwise). Fills `out` with the seeds and that bump.
 */
u64 require_canonical_pda(AccountView account, const SolSignerSeed *seeds, u64 seed_count,
                          const SolPubkey *program_id, PdaSigner *out);

#endif /* KAIROS_VALIDATE_PDA_H */
