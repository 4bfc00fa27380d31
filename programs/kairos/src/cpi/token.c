/* SPL Token CPIs. Instruction data is the TokenInstruction tag byte, then its
 * little-endian fields (spl_token::instruction::TokenInstruction::pack). */
#include "cpi/token.h"

#include "anchor/errors.h"
#include "cpi/system.h"
#include "validate/token.h"

enum TokenInstructionTag {
    TOKEN_TRANSFER = 3,
    TOKEN_INITIALIZE_ACCOUNT3 = 18,
};

typedef struct __attribute__((packed)) TokenTransferData {
    u8 tag;
    u64 amount;
} TokenTransferData;
_Static_assert(sizeof(TokenTransferData) == 9, "Transfer data is tag + u64");

typedef struct __attribute__((packed)) InitializeAccount3Data {
    u8 tag;
    SolPubkey owner;
} InitializeAccount3Data;
_Static_assert(sizeof(InitializeAccount3Data) == 33, "InitializeAccount3 data is tag + owner");

u64 spl_token_transfer(const TokenTransfer *transfer) {
    if (!pubkey_eq(&transfer->token_program->key, &SPL_TOKEN_PROGRAM_ID)) {
        return ANCHOR_INVALID_PROGRAM_ID;
    }
    TokenTransferData data = {TOKEN_TRANSFER, transfer->amount};
    /* Transfer's accounts: [writable source, writable destination, signer authority]. */
    SolAccountMeta metas[3] = {
        {&transfer->source->key, true, false},
        {&transfer->destination->key, true, false},
        {&transfer->authority->key, false, true},
    };
    SolAccountInfo infos[3] = {account_info(transfer->source),
                               account_info(transfer->destination),
                               account_info(transfer->authority)};
    SolInstruction instruction = {&SPL_TOKEN_PROGRAM_ID, metas, 3, (const u8 *)&data,
                                  sizeof(data)};
    const SolSignerSeeds *signer = transfer->authority_signer;
    return sol_invoke_signed_c(&instruction, infos, 3, signer, signer != NULL ? 1 : 0);
}

u64 create_token_account_pda(const CreateTokenAccountPda *request) {
    if (!pubkey_eq(&request->token_program->key, &SPL_TOKEN_PROGRAM_ID)) {
        return ANCHOR_INVALID_PROGRAM_ID;
    }
    CreatePdaAccount create = {
        .payer = request->payer,
        .new_account = request->account,
        .system_program = request->system_program,
        .space = SPL_TOKEN_ACCOUNT_SIZE,
        .owner = &SPL_TOKEN_PROGRAM_ID,
        .pda_signer = request->pda_signer,
    };
    TRY(create_pda_account(&create));

    InitializeAccount3Data data = {TOKEN_INITIALIZE_ACCOUNT3, {{0}}};
    pubkey_copy(&data.owner, request->authority);
    /* InitializeAccount3's accounts: [writable account, mint]. */
    SolAccountMeta metas[2] = {{&request->account->key, true, false},
                               {&request->mint->key, false, false}};
    SolAccountInfo infos[2] = {account_info(request->account), account_info(request->mint)};
    SolInstruction instruction = {&SPL_TOKEN_PROGRAM_ID, metas, 2, (const u8 *)&data,
                                  sizeof(data)};
    return sol_invoke_signed_c(&instruction, infos, 2, NULL, 0);
}
