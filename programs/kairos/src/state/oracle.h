/* Oracle accounts (PDA ["oracle", authority, seed u64 LE]): seeds and accessors. */
#ifndef KAIROS_STATE_ORACLE_H
#define KAIROS_STATE_ORACLE_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "state/exchange.h"
#include "validate/accounts.h"

#define ORACLE_SEED "oracle"
#define ORACLE_SEED_LEN (sizeof(ORACLE_SEED) - 1)

_Static_assert(KAIROS_ORACLE_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");

KAIROS_INLINE Oracle *oracle_state(AccountView account) {
    return (Oracle *)(account_data(account) + DISCRIMINATOR_BYTES);
}

/* An initialized Oracle of this program (owner, discriminator, size). */
KAIROS_INLINE u64 require_oracle_account(AccountView account, const SolPubkey *program_id) {
    return require_program_account(account, program_id, KAIROS_ACCOUNT_DISC_ORACLE,
                                   KAIROS_ORACLE_ACCOUNT_SIZE);
}

#endif /* KAIROS_STATE_ORACLE_H */
