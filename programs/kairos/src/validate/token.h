/* Checks of SPL Token accounts and mints (layouts of the SPL Token program). */
#ifndef KAIROS_VALIDATE_TOKEN_H
#define KAIROS_VALIDATE_TOKEN_H

#include "sol/input.h"

/* SPL Token (classic). Token-2022 is not accepted yet: its transfer-fee
 * extension would let a vault receive less than the amount credited. */
extern const SolPubkey SPL_TOKEN_PROGRAM_ID;

#define SPL_MINT_SIZE 82
#define SPL_MINT_DECIMALS_OFFSET 44
#define SPL_MINT_IS_INITIALIZED_OFFSET 45

/* Token account (spl_token::state::Account, 165 bytes): mint, owner (the token
 * authority), amount, then delegate, state, is_native, ... */
#define SPL_TOKEN_ACCOUNT_SIZE 165
#define SPL_TOKEN_ACCOUNT_MINT_OFFSET 0
#define SPL_TOKEN_ACCOUNT_OWNER_OFFSET 32
#define SPL_TOKEN_ACCOUNT_AMOUNT_OFFSET 64
#define SPL_TOKEN_ACCOUNT_STATE_OFFSET 108
/* AccountState::Uninitialized; Initialized is 1 and Frozen 2. */
#define SPL_TOKEN_ACCOUNT_STATE_UNINITIALIZED 0

/* `mint` is an initialized SPL Token mint. */
u64 require_spl_mint(AccountView mint);

/* `account` is an initialized SPL Token account (owner program and size:
 * AccountOwnedByWrongProgram / AccountDidNotDeserialize) of `mint`
 * (AssetMismatch otherwise). */
u64 require_token_account_of_mint(AccountView account, const SolPubkey *mint);

/* The token amount of a validated token account. */
KAIROS_INLINE u64 token_account_amount(AccountView account) {
    return *(const u64 *)(account_data(account) + SPL_TOKEN_ACCOUNT_AMOUNT_OFFSET);
}

/* The mint of a validated token account. */
KAIROS_INLINE const SolPubkey *token_account_mint(AccountView account) {
    return (const SolPubkey *)(account_data(account) + SPL_TOKEN_ACCOUNT_MINT_OFFSET);
}

#endif /* KAIROS_VALIDATE_TOKEN_H */
