/*
 * initialize_exchange: create the Exchange config PDA (["exchange"]); the signer
 * becomes admin. Runs once: a second call finds the PDA initialized and fails.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "validate/accounts.h"
#include "validate/token.h"

typedef struct InitializeExchangeAccounts {
    AccountView exchange;
    AccountView admin;
    AccountView quote_mint;
    AccountView system_program;
    u8 exchange_bump;
} InitializeExchangeAccounts;

static u64 validate(const ProgramInput *input, InitializeExchangeAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_INITIALIZE_EXCHANGE_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(InitializeExchangeIxArgs)));
    accounts->exchange = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_ADMIN];
    accounts->quote_mint = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_QUOTE_MINT];
    accounts->system_program = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_SYSTEM_PROGRAM];

    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->admin));
    TRY(require_writable(accounts->exchange));
    TRY(require_program(accounts->system_program, &SYSTEM_PROGRAM_ID));
    TRY(require_spl_mint(accounts->quote_mint));

    /* The canonical bump (the first that yields an off-curve address) is the only
     * one accepted, so the Exchange has exactly one possible address. */
    SolSignerSeed seeds[1] = {{(const u8 *)EXCHANGE_SEED, EXCHANGE_SEED_LEN}};
    SolPubkey expected;
    if (sol_try_find_program_address(seeds, 1, input->program_id, &expected,
                                     &accounts->exchange_bump) != 0) {
        return ANCHOR_CONSTRAINT_SEEDS;
    }
    return pubkey_eq(&accounts->exchange->key, &expected) ? KAIROS_OK : ANCHOR_CONSTRAINT_SEEDS;
}

u64 process_initialize_exchange(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: InitializeExchange");
    InitializeExchangeAccounts accounts;
    TRY(validate(input, &accounts));
    const InitializeExchangeIxArgs *args =
        (const InitializeExchangeIxArgs *)(input->data + DISCRIMINATOR_BYTES);

    SolSignerSeed seeds[2] = {{(const u8 *)EXCHANGE_SEED, EXCHANGE_SEED_LEN},
                              {&accounts.exchange_bump, 1}};
    SolSignerSeeds signer = {seeds, 2};
    CreatePdaAccount create = {
        .payer = accounts.admin,
        .new_account = accounts.exchange,
        .system_program = accounts.system_program,
        .space = KAIROS_EXCHANGE_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &signer,
    };
    TRY(create_pda_account(&create));

    /* The new account is zero-filled by the runtime: only non-zero fields are set. */
    *(u64 *)account_data(accounts.exchange) = KAIROS_ACCOUNT_DISC_EXCHANGE;
    Exchange *exchange = exchange_state(accounts.exchange);
    pubkey_copy(&exchange->admin, &accounts.admin->key);
    pubkey_copy(&exchange->quote_mint, &accounts.quote_mint->key);
    exchange->keeper_reward_lamports = args->args.keeper_reward_lamports;
    exchange->bump = accounts.exchange_bump;
    exchange->version = EXCHANGE_LAYOUT_VERSION;

    ExchangeInitializedEventRecord record = EXCHANGE_INITIALIZED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.exchange, &accounts.exchange->key);
    pubkey_copy(&record.event.admin, &accounts.admin->key);
    pubkey_copy(&record.event.quote_mint, &accounts.quote_mint->key);
    record.event.keeper_reward_lamports = args->args.keeper_reward_lamports;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
