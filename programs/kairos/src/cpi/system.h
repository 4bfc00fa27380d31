/* System-program CPIs: creating program-owned accounts at PDAs. */
#ifndef KAIROS_CPI_SYSTEM_H
#define KAIROS_CPI_SYSTEM_H

#include "cpi/invoke.h"

/* The system program's id is 32 zero bytes. */
extern const SolPubkey SYSTEM_PROGRAM_ID;

typedef struct CreatePdaAccount {
    AccountView payer;          /* signer, writable; pays rent */
    AccountView new_account;    /* writable; the PDA to create */
    AccountView system_program; /* must be the system program */
    u64 space;
    const SolPubkey *owner;
    const SolSignerSeeds *pda_signer; /* seeds (with bump) of new_account */
} CreatePdaAccount;

/*
 * Create `new_account` with `space` bytes, rent exempt, owned by `owner`.
 * A PDA anyone can pre-fund with lamports (to block create_account, which refuses
 * an account holding lamports), so a funded but empty system account is topped
 * up, allocated and assigned instead. An account that already has data or
 * another owner is refused: it was initialized before.
 */
u64 create_pda_account(const CreatePdaAccount *request);

/* Move `lamports` from `from` (a signer of the transaction, system-owned) to
 * `to` (writable; any owner) with the system program's transfer. */
u64 system_transfer(AccountView from, AccountView to, AccountView system_program, u64 lamports);

#endif /* KAIROS_CPI_SYSTEM_H */
