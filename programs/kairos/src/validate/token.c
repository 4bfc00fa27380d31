/* SPL Token account checks. */
#include "validate/token.h"

#include "anchor/errors.h"
#include "generated/kairos_accounts.h"
#include "generated/kairos_idl.h"

/* TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA: the IDL's tokenProgram address. */
const SolPubkey SPL_TOKEN_PROGRAM_ID = {KAIROS_ADDRESS_TOKEN_PROGRAM_BYTES};

u64 require_spl_mint(AccountView mint) {
    if (!pubkey_eq(&mint->owner, &SPL_TOKEN_PROGRAM_ID) || mint->data_len != SPL_MINT_SIZE) {
        return KAIROS_ERR_INVALID_MINT;
    }
    return account_data(mint)[SPL_MINT_IS_INITIALIZED_OFFSET] == 1 ? KAIROS_OK
                                                                    : KAIROS_ERR_INVALID_MINT;
}

u64 require_token_account_of_mint(AccountView account, const SolPubkey *mint) {
    if (!pubkey_eq(&account->owner, &SPL_TOKEN_PROGRAM_ID)) {
        return ANCHOR_ACCOUNT_OWNED_BY_WRONG_PROGRAM;
    }
    /* A mint (82 bytes) or a multisig (355) is not a token account. */
    if (account->data_len != SPL_TOKEN_ACCOUNT_SIZE ||
        account_data(account)[SPL_TOKEN_ACCOUNT_STATE_OFFSET] ==
            SPL_TOKEN_ACCOUNT_STATE_UNINITIALIZED) {
        return ANCHOR_ACCOUNT_DID_NOT_DESERIALIZE;
    }
    return pubkey_eq(token_account_mint(account), mint) ? KAIROS_OK : KAIROS_ERR_ASSET_MISMATCH;
}
