/*
 * create_margin_account: create the owner's MarginAccount PDA (["margin", owner,
 * account_index u8]); an owner may hold one per index. Everything starts at zero.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "state/margin_account.h"
#include "validate/accounts.h"
#include "validate/pda.h"

typedef struct CreateMarginAccountAccounts {
    AccountView margin_account;
    AccountView owner;
    AccountView system_program;
    PdaSigner signer;
    u8 account_index;
} CreateMarginAccountAccounts;

static u64 create_margin_account_validate(const ProgramInput *input,
                                          CreateMarginAccountAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CreateMarginAccountIxArgs)));
    accounts->margin_account = input->accounts[KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNT_OWNER];
    accounts->system_program =
        input->accounts[KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNT_SYSTEM_PROGRAM];
    accounts->account_index =
        ((const CreateMarginAccountIxArgs *)(input->data + DISCRIMINATOR_BYTES))->account_index;

    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    TRY(require_writable(accounts->margin_account));
    TRY(require_program(accounts->system_program, &SYSTEM_PROGRAM_ID));
    SolSignerSeed seeds[3] = {LITERAL_SEED(MARGIN_ACCOUNT_SEED),
                              {accounts->owner->key.x, PUBKEY_BYTES},
                              {&accounts->account_index, sizeof(accounts->account_index)}};
    return require_canonical_pda(accounts->margin_account, seeds, SEED_COUNT(seeds),
                                 input->program_id, &accounts->signer);
}

u64 process_create_margin_account(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CreateMarginAccount");
    CreateMarginAccountAccounts accounts;
    TRY(create_margin_account_validate(input, &accounts));

    CreatePdaAccount create = {
        .payer = accounts.owner,
        .new_account = accounts.margin_account,
        .system_program = accounts.system_program,
        .space = KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts.signer.signer,
    };
    TRY(create_pda_account(&create));

    /* Zero-filled by the runtime: balances, slots and stats start empty. */
    *(u64 *)account_data(accounts.margin_account) = KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT;
    MarginAccount *account = margin_account_state(accounts.margin_account);
    pubkey_copy(&account->owner, &accounts.owner->key);
    account->account_index = accounts.account_index;
    account->bump = accounts.signer.bump;

    MarginAccountCreatedEventRecord record = MARGIN_ACCOUNT_CREATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &accounts.margin_account->key);
    pubkey_copy(&record.event.owner, &accounts.owner->key);
    record.event.account_index = accounts.account_index;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
