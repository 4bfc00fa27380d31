/* SPL Token (classic) CPIs: Transfer and InitializeAccount3, and vault creation. */
#ifndef KAIROS_CPI_TOKEN_H
#define KAIROS_CPI_TOKEN_H

#include "cpi/invoke.h"

typedef struct TokenTransfer {
    AccountView source;        /* writable token account */
    AccountView destination;   /* writable token account of the same mint */
    AccountView authority;     /* the source's owner or delegate */
    AccountView token_program; /* must be SPL Token; checked here */
    u64 amount;
    /* Seeds of a PDA authority (e.g. the Exchange for a vault), or NULL when the
     * authority signed the transaction itself. */
    const SolSignerSeeds *authority_signer;
} TokenTransfer;

/* SPL Token Transfer of `amount` from source to destination. */
u64 spl_token_transfer(const TokenTransfer *transfer);

typedef struct CreateTokenAccountPda {
    AccountView payer;          /* signer, writable; pays rent */
    AccountView account;        /* writable; the PDA to create */
    AccountView mint;           /* an SPL mint (validated by the caller) */
    AccountView system_program; /* must be the system program */
    AccountView token_program;  /* must be SPL Token */
    const SolPubkey *authority; /* the token account's owner (authority) */
    const SolSignerSeeds *pda_signer; /* seeds (with bump) of `account` */
} CreateTokenAccountPda;

/*
 * Create a rent-exempt token account at a PDA: system create_account (or the
 * pre-funded path of create_pda_account) owned by SPL Token, signed by the PDA,
 * then InitializeAccount3 (no rent sysvar account needed).
 */
u64 create_token_account_pda(const CreateTokenAccountPda *request);

#endif /* KAIROS_CPI_TOKEN_H */
