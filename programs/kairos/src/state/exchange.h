/* The Exchange config account: PDA seeds and accessors. */
#ifndef KAIROS_STATE_EXCHANGE_H
#define KAIROS_STATE_EXCHANGE_H

#include "generated/kairos_accounts.h"
#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "sol/syscalls.h"
#include "validate/accounts.h"

/* Every instruction but initialize_exchange takes the Exchange as account 0; the
 * entrypoint validates it (owner, discriminator, size) before dispatching. */
#define EXCHANGE_ACCOUNT_INDEX 0

/* Layout version written at creation; migrations key off it. */
#define EXCHANGE_LAYOUT_VERSION 1

_Static_assert(KAIROS_EXCHANGE_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");

/* The Exchange struct inside a validated account (after the discriminator). */
KAIROS_INLINE Exchange *exchange_state(AccountView account) {
    return (Exchange *)(account_data(account) + DISCRIMINATOR_BYTES);
}

/* Seeds of the Exchange PDA with its bump: the token authority of every vault,
 * so a transfer out of a vault is signed with these. Lives on the caller's
 * stack (the seed slices point into `exchange`, which lives in the input). */
typedef struct ExchangeSigner {
    SolSignerSeed seeds[2];
    SolSignerSeeds signer;
} ExchangeSigner;

KAIROS_INLINE void exchange_signer(const Exchange *exchange, ExchangeSigner *out) {
    /* The IDL's seed of the Exchange PDA (["exchange"]). */
    out->seeds[0].addr = (const u8 *)KAIROS_SEED_EXCHANGE;
    out->seeds[0].len = sizeof(KAIROS_SEED_EXCHANGE) - 1;
    out->seeds[1].addr = &exchange->bump;
    out->seeds[1].len = sizeof(exchange->bump);
    out->signer.addr = out->seeds;
    out->signer.len = 2;
}

#endif /* KAIROS_STATE_EXCHANGE_H */
