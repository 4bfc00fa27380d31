/* Canonical PDA checks at account creation (see validate/pda.h). */
#include "validate/pda.h"

#include "anchor/errors.h"

u64 require_canonical_pda(AccountView account, const SolSignerSeed *seeds, u64 seed_count,
                          const SolPubkey *program_id, PdaSigner *out) {
    if (seed_count > PDA_MAX_SEEDS) {
        return ANCHOR_CONSTRAINT_SEEDS;
    }
    SolPubkey expected;
    if (sol_try_find_program_address(seeds, seed_count, program_id, &expected, &out->bump) != 0 ||
        !pubkey_eq(&account->key, &expected)) {
        return ANCHOR_CONSTRAINT_SEEDS;
    }
    for (u64 i = 0; i < seed_count; i++) {
        out->seeds[i] = seeds[i];
    }
    out->seeds[seed_count].addr = &out->bump;
    out->seeds[seed_count].len = sizeof(out->bump);
    out->signer.addr = out->seeds;
    out->signer.len = seed_count + 1;
    return KAIROS_OK;
}
