/* System-program CPIs (instruction encodings are bincode: u32 tag, then fields). */
#include "cpi/system.h"

#include "anchor/errors.h"
#include "generated/kairos_accounts.h"
#include "sol/sysvars.h"

/* 11111111111111111111111111111111: the IDL's systemProgram address. */
const SolPubkey SYSTEM_PROGRAM_ID = {KAIROS_ADDRESS_SYSTEM_PROGRAM_BYTES};

enum SystemInstruction {
    SYSTEM_CREATE_ACCOUNT = 0,
    SYSTEM_ASSIGN = 1,
    SYSTEM_TRANSFER = 2,
    SYSTEM_ALLOCATE = 8,
};

typedef struct __attribute__((packed)) CreateAccountData {
    u32 tag;
    u64 lamports;
    u64 space;
    SolPubkey owner;
} CreateAccountData;
_Static_assert(sizeof(CreateAccountData) == 52, "system create_account data is 52 bytes");

typedef struct __attribute__((packed)) TransferData {
    u32 tag;
    u64 lamports;
} TransferData;

typedef struct __attribute__((packed)) AllocateData {
    u32 tag;
    u64 space;
} AllocateData;

typedef struct __attribute__((packed)) AssignData {
    u32 tag;
    SolPubkey owner;
} AssignData;

/* A system instruction: its accounts and its encoded data. */
typedef struct SystemCall {
    const SolAccountMeta *metas;
    u64 meta_count;
    const void *data;
    u64 data_len;
} SystemCall;

static u64 invoke_system(const SystemCall *call, const SolAccountInfo *infos,
                         const SolSignerSeeds *signer) {
    SolInstruction instruction = {&SYSTEM_PROGRAM_ID, call->metas, call->meta_count,
                                  (const u8 *)call->data, call->data_len};
    /* Both infos always go along: the runtime finds accounts by key, extras are fine. */
    return sol_invoke_signed_c(&instruction, infos, 2, signer, signer ? 1 : 0);
}

u64 create_pda_account(const CreatePdaAccount *request) {
    AccountView payer = request->payer;
    AccountView target = request->new_account;
    if (!pubkey_eq(&request->system_program->key, &SYSTEM_PROGRAM_ID)) {
        return ANCHOR_INVALID_PROGRAM_ID;
    }
    if (!pubkey_eq(&target->owner, &SYSTEM_PROGRAM_ID) || target->data_len != 0) {
        return ANCHOR_ACCOUNT_DISCRIMINATOR_ALREADY_SET;
    }
    SolRent rent;
    sol_get_rent_sysvar(&rent);
    u64 required = rent_minimum_balance(&rent, request->space);

    SolAccountInfo infos[2] = {account_info(payer), account_info(target)};
    SolAccountMeta payer_and_target[2] = {{&payer->key, true, true}, {&target->key, true, true}};

    if (target->lamports == 0) {
        CreateAccountData data = {SYSTEM_CREATE_ACCOUNT, required, request->space, {{0}}};
        pubkey_copy(&data.owner, request->owner);
        SystemCall call = {payer_and_target, 2, &data, sizeof(data)};
        return invoke_system(&call, infos, request->pda_signer);
    }
    if (target->lamports < required) {
        TransferData data = {SYSTEM_TRANSFER, required - target->lamports};
        SolAccountMeta metas[2] = {{&payer->key, true, true}, {&target->key, true, false}};
        SystemCall call = {metas, 2, &data, sizeof(data)};
        TRY(invoke_system(&call, infos, NULL));
    }
    SolAccountMeta target_only[1] = {{&target->key, true, true}};
    AllocateData allocate = {SYSTEM_ALLOCATE, request->space};
    SystemCall allocate_call = {target_only, 1, &allocate, sizeof(allocate)};
    TRY(invoke_system(&allocate_call, infos, request->pda_signer));
    AssignData assign = {SYSTEM_ASSIGN, {{0}}};
    pubkey_copy(&assign.owner, request->owner);
    SystemCall assign_call = {target_only, 1, &assign, sizeof(assign)};
    return invoke_system(&assign_call, infos, request->pda_signer);
}

u64 system_transfer(AccountView from, AccountView to, AccountView system_program, u64 lamports) {
    if (!pubkey_eq(&system_program->key, &SYSTEM_PROGRAM_ID)) {
        return ANCHOR_INVALID_PROGRAM_ID;
    }
    SolAccountInfo infos[2] = {account_info(from), account_info(to)};
    SolAccountMeta metas[2] = {{&from->key, true, true}, {&to->key, true, false}};
    TransferData data = {SYSTEM_TRANSFER, lamports};
    SystemCall call = {metas, 2, &data, sizeof(data)};
    return invoke_system(&call, infos, NULL);
}
