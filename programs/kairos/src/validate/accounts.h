/*
 * The mechanical account checks: the generated loaders (generated/kairos_accounts.h)
 * are built from these, and handlers use them for remaining accounts. Each returns
 * KAIROS_OK or the Anchor error code Anchor itself would report for that check.
 */
#ifndef KAIROS_VALIDATE_ACCOUNTS_H
#define KAIROS_VALIDATE_ACCOUNTS_H

#include "anchor/errors.h"
#include "sol/input.h"

#define DISCRIMINATOR_BYTES 8
#define DISCRIMINATOR_BYTES_IX DISCRIMINATOR_BYTES

KAIROS_INLINE u64 require_signer(AccountView account) {
    return account->is_signer ? KAIROS_OK : ANCHOR_ACCOUNT_NOT_SIGNER;
}

KAIROS_INLINE u64 require_writable(AccountView account) {
    return account->is_writable ? KAIROS_OK : ANCHOR_CONSTRAINT_MUT;
}

KAIROS_INLINE u64 require_owner(AccountView account, const SolPubkey *owner) {
    return pubkey_eq(&account->owner, owner) ? KAIROS_OK : ANCHOR_ACCOUNT_OWNED_BY_WRONG_PROGRAM;
}

KAIROS_INLINE u64 require_key(AccountView account, const SolPubkey *expected) {
    return pubkey_eq(&account->key, expected) ? KAIROS_OK : ANCHOR_CONSTRAINT_ADDRESS;
}

/* `account` is the program `program_id` (Anchor's Program<T> check). */
KAIROS_INLINE u64 require_program(AccountView account, const SolPubkey *program_id) {
    return pubkey_eq(&account->key, program_id) ? KAIROS_OK : ANCHOR_INVALID_PROGRAM_ID;
}

/*
 * An initialized account of ours: owned by this program, exactly `size` bytes
 * (layouts are fixed, so any other length is not ours), and the Anchor
 * discriminator of its type. Owner first: only this program can write data with
 * our discriminators into accounts it owns, which is what makes the check sound.
 */
KAIROS_INLINE u64 require_program_account(AccountView account, const SolPubkey *program_id,
                                          u64 discriminator, u64 size) {
    if (account->data_len == 0 && account->lamports == 0) {
        return ANCHOR_ACCOUNT_NOT_INITIALIZED;
    }
    TRY(require_owner(account, program_id));
    if (account->data_len < DISCRIMINATOR_BYTES) {
        return ANCHOR_ACCOUNT_DISCRIMINATOR_NOT_FOUND;
    }
    if (*(const u64 *)account_data(account) != discriminator) {
        return ANCHOR_ACCOUNT_DISCRIMINATOR_MISMATCH;
    }
    return account->data_len == size ? KAIROS_OK : ANCHOR_ACCOUNT_DID_NOT_DESERIALIZE;
}

/*
 * Anchor's `zero` constraint: a program-owned account of exactly `size` bytes
 * that holds only zeros, so it was created for us and never written (large
 * accounts the client allocates, too big for a CPI allocation). Owner:
 * AccountOwnedByWrongProgram; size: AccountDidNotDeserialize; data: ConstraintZero.
 */
u64 require_zeroed_program_account(AccountView account, const SolPubkey *program_id, u64 size);

/* The instruction needs at least `count` accounts. */
KAIROS_INLINE u64 require_account_count(u64 given, u64 count) {
    return given >= count ? KAIROS_OK : ANCHOR_ACCOUNT_NOT_ENOUGH_KEYS;
}

/* Instruction data is the 8-byte discriminator followed by exactly the borsh args:
 * a shorter or longer payload is malformed. */
KAIROS_INLINE u64 require_args_size(u64 data_len, u64 args_size) {
    return data_len == DISCRIMINATOR_BYTES + args_size ? KAIROS_OK
                                                       : ANCHOR_INSTRUCTION_DID_NOT_DESERIALIZE;
}

#endif /* KAIROS_VALIDATE_ACCOUNTS_H */
