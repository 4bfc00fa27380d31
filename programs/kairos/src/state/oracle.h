/* Oracle accounts (PDA ["oracle", authority, seed u64 LE]): seeds and accessors. */
#ifndef KAIROS_STATE_ORACLE_H
#define KAIROS_STATE_ORACLE_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "state/exchange.h"
#include "validate/accounts.h"


_Static_assert(KAIROS_ORACLE_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");

KAIROS_INLINE Oracle *oracle_state(AccountView account) {
    return (Oracle *)(account_data(account) + DISCRIMINATOR_BYTES);
}

#endif /* KAIROS_STATE_ORACLE_H */
