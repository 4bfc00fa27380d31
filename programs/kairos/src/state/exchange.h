/* The Exchange config account: PDA seeds and accessors. */
#ifndef KAIROS_STATE_EXCHANGE_H
#define KAIROS_STATE_EXCHANGE_H

#include "generated/kairos_idl.h"
#include "sol/input.h"

/* Seed of the single Exchange PDA (["exchange"]). */
#define EXCHANGE_SEED "exchange"
#define EXCHANGE_SEED_LEN (sizeof(EXCHANGE_SEED) - 1)

/* Layout version written at creation; migrations key off it. */
#define EXCHANGE_LAYOUT_VERSION 1

_Static_assert(KAIROS_EXCHANGE_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");

/* The Exchange struct inside a validated account (after the discriminator). */
KAIROS_INLINE Exchange *exchange_state(AccountView account) {
    return (Exchange *)(account_data(account) + 8);
}

#endif /* KAIROS_STATE_EXCHANGE_H */
