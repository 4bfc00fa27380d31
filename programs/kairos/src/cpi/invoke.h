/*
 * Cross-program invocation through sol_invoke_signed_c. The structs are the
 * runtime's C ABI for that syscall (account metas, instruction, account infos).
 */
#ifndef KAIROS_CPI_INVOKE_H
#define KAIROS_CPI_INVOKE_H

#include "sol/input.h"
#include "sol/syscalls.h"

typedef struct SolAccountMeta {
    const SolPubkey *pubkey;
    bool is_writable;
    bool is_signer;
} SolAccountMeta;
_Static_assert(sizeof(SolAccountMeta) == 16, "C-ABI account meta is 16 bytes");

typedef struct SolInstruction {
    const SolPubkey *program_id;
    const SolAccountMeta *accounts;
    u64 account_len;
    const u8 *data;
    u64 data_len;
} SolInstruction;
_Static_assert(sizeof(SolInstruction) == 40, "C-ABI instruction is 40 bytes");

typedef struct SolAccountInfo {
    const SolPubkey *key;
    u64 *lamports;
    u64 data_len;
    u8 *data;
    const SolPubkey *owner;
    u64 rent_epoch;
    bool is_signer;
    bool is_writable;
    bool executable;
} SolAccountInfo;
_Static_assert(sizeof(SolAccountInfo) == 56, "C-ABI account info is 56 bytes");

#ifndef KAIROS_HOST
extern u64 sol_invoke_signed_c(const SolInstruction *instruction, const SolAccountInfo *infos,
                               u64 infos_len, const SolSignerSeeds *signers, u64 signers_len);
#endif

/* The account info the runtime needs for `account`, pointing into the input
 * buffer so the callee's changes land where the program reads them. */
KAIROS_INLINE SolAccountInfo account_info(AccountView account) {
    SolAccountInfo info = {
        .key = &account->key,
        .lamports = &account->lamports,
        .data_len = account->data_len,
        .data = account_data(account),
        .owner = &account->owner,
        .rent_epoch = 0,
        .is_signer = account->is_signer,
        .is_writable = account->is_writable,
        .executable = account->executable,
    };
    return info;
}

#endif /* KAIROS_CPI_INVOKE_H */
