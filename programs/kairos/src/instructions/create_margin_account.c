/*
 * create_margin_account: create the owner's MarginAccount PDA (["margin", owner,
 * account_index u8]); an owner may hold one per index. Everything starts at zero.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "state/margin_account.h"


u64 process_create_margin_account(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CreateMarginAccount");
    /* Every check is the IDL's: signer, system program, then the PDA
     * ["margin", owner, account_index u8] at its canonical bump. */
    CreateMarginAccountIxAccounts accounts;
    TRY(load_create_margin_account_accounts(input, &accounts));
    TRY(derive_create_margin_account_pdas(input, &accounts));
    const u8 account_index = accounts.args->account_index;

    CreatePdaAccount create = {
        .payer = accounts.owner,
        .new_account = accounts.margin_account,
        .system_program = accounts.system_program,
        .space = KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts.margin_account_pda.signer,
    };
    TRY(create_pda_account(&create));

    /* Zero-filled by the runtime: balances, slots and stats start empty. */
    *(u64 *)account_data(accounts.margin_account) = KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT;
    MarginAccount *account = margin_account_state(accounts.margin_account);
    pubkey_copy(&account->owner, &accounts.owner->key);
    account->account_index = account_index;
    account->bump = accounts.margin_account_pda.bump;

    MarginAccountCreatedEventRecord record = MARGIN_ACCOUNT_CREATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &accounts.margin_account->key);
    pubkey_copy(&record.event.owner, &accounts.owner->key);
    record.event.account_index = account_index;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
