/*
 * initialize_exchange: create the Exchange config PDA (["exchange"]), whose signer
 * becomes admin, and the quote currency: its CollateralAsset at index 0 (PDA
 * ["collateral", quote_mint], priced at exactly 1, no oracle), its vault (PDA
 * ["vault", quote_mint]) and the insurance vault (PDA ["insurance", quote_mint]),
 * both SPL token accounts whose authority is the Exchange PDA. Runs once: a
 * second call finds the PDAs initialized and fails.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "cpi/token.h"
#include "instructions/instructions.h"
#include "sol/sysvars.h"
#include "sol/log.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "validate/accounts.h"
#include "validate/pda.h"
#include "validate/token.h"

typedef struct InitializeExchangeAccounts {
    AccountView exchange;
    AccountView admin;
    AccountView quote_mint;
    AccountView quote_asset;
    AccountView quote_vault;
    AccountView insurance_vault;
    AccountView token_program;
    AccountView system_program;
    PdaSigner exchange_signer;
    PdaSigner quote_asset_signer;
    PdaSigner quote_vault_signer;
    PdaSigner insurance_vault_signer;
} InitializeExchangeAccounts;

/* `account` is the canonical PDA [label, quote mint]. */
static u64 initialize_exchange_mint_pda(const InitializeExchangeAccounts *accounts,
                                        const SolPubkey *program_id, AccountView account,
                                        const SolSignerSeed *label, PdaSigner *out) {
    SolSignerSeed seeds[2] = {*label, {accounts->quote_mint->key.x, PUBKEY_BYTES}};
    return require_canonical_pda(account, seeds, SEED_COUNT(seeds), program_id, out);
}

static u64 initialize_exchange_validate(const ProgramInput *input,
                                        InitializeExchangeAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_INITIALIZE_EXCHANGE_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(InitializeExchangeIxArgs)));
    accounts->exchange = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_ADMIN];
    accounts->quote_mint = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_QUOTE_MINT];
    accounts->quote_asset = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_QUOTE_ASSET];
    accounts->quote_vault = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_QUOTE_VAULT];
    accounts->insurance_vault =
        input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_INSURANCE_VAULT];
    accounts->token_program = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_TOKEN_PROGRAM];
    accounts->system_program = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_SYSTEM_PROGRAM];

    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->admin));
    TRY(require_writable(accounts->exchange));
    TRY(require_writable(accounts->quote_asset));
    TRY(require_writable(accounts->quote_vault));
    TRY(require_writable(accounts->insurance_vault));
    TRY(require_program(accounts->token_program, &SPL_TOKEN_PROGRAM_ID));
    TRY(require_program(accounts->system_program, &SYSTEM_PROGRAM_ID));
    TRY(require_spl_mint(accounts->quote_mint));

    /* Canonical bumps only, so each of these accounts has one possible address. */
    SolSignerSeed exchange_seeds[1] = {LITERAL_SEED(EXCHANGE_SEED)};
    TRY(require_canonical_pda(accounts->exchange, exchange_seeds, SEED_COUNT(exchange_seeds),
                              input->program_id, &accounts->exchange_signer));
    SolSignerSeed collateral = LITERAL_SEED(COLLATERAL_SEED);
    TRY(initialize_exchange_mint_pda(accounts, input->program_id, accounts->quote_asset,
                                     &collateral, &accounts->quote_asset_signer));
    SolSignerSeed vault = LITERAL_SEED(VAULT_SEED);
    TRY(initialize_exchange_mint_pda(accounts, input->program_id, accounts->quote_vault, &vault,
                                     &accounts->quote_vault_signer));
    SolSignerSeed insurance = LITERAL_SEED(INSURANCE_SEED);
    return initialize_exchange_mint_pda(accounts, input->program_id, accounts->insurance_vault,
                                        &insurance, &accounts->insurance_vault_signer);
}

/* Create one of the two quote token accounts, owned (authority) by the Exchange. */
static u64 initialize_exchange_create_vault(const InitializeExchangeAccounts *accounts,
                                            AccountView vault, const PdaSigner *vault_signer) {
    CreateTokenAccountPda create = {
        .payer = accounts->admin,
        .account = vault,
        .mint = accounts->quote_mint,
        .system_program = accounts->system_program,
        .token_program = accounts->token_program,
        .authority = &accounts->exchange->key,
        .pda_signer = &vault_signer->signer,
    };
    return create_token_account_pda(&create);
}

static u64 initialize_exchange_create_quote_asset(const ProgramInput *input,
                                                  const InitializeExchangeAccounts *accounts) {
    CreatePdaAccount create = {
        .payer = accounts->admin,
        .new_account = accounts->quote_asset,
        .system_program = accounts->system_program,
        .space = KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts->quote_asset_signer.signer,
    };
    TRY(create_pda_account(&create));

    /* New accounts are zero-filled by the runtime: only non-zero fields are set.
     * The oracle stays the zero key (the quote is worth exactly 1), and so do the
     * staleness and confidence limits, which are never read for index 0. */
    *(u64 *)account_data(accounts->quote_asset) = KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET;
    CollateralAsset *asset = collateral_asset_state(accounts->quote_asset);
    pubkey_copy(&asset->mint, &accounts->quote_mint->key);
    pubkey_copy(&asset->vault, &accounts->quote_vault->key);
    asset->deposit_cap = QUOTE_DEPOSIT_CAP;
    asset->init_asset_weight_bps = QUOTE_ASSET_WEIGHT_BPS;
    asset->maint_asset_weight_bps = QUOTE_ASSET_WEIGHT_BPS;
    asset->index = KAIROS_QUOTE_ASSET_INDEX;
    asset->decimals = account_data(accounts->quote_mint)[SPL_MINT_DECIMALS_OFFSET];
    asset->bump = accounts->quote_asset_signer.bump;
    asset->vault_bump = accounts->quote_vault_signer.bump;
    /* Borrowing (borrow/borrow.h): the index starts at one, now, on the
     * default curve. */
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    asset->borrow_index = KAIROS_BORROW_INDEX_ONE;
    asset->borrow_index_timestamp = clock.unix_timestamp;
    asset->borrow_rate_base_bps = KAIROS_DEFAULT_BORROW_RATE_BASE_BPS;
    asset->borrow_rate_optimal_bps = KAIROS_DEFAULT_BORROW_RATE_OPTIMAL_BPS;
    asset->borrow_rate_max_bps = KAIROS_DEFAULT_BORROW_RATE_MAX_BPS;
    asset->borrow_optimal_utilization_bps = KAIROS_DEFAULT_BORROW_OPTIMAL_UTILIZATION_BPS;
    return KAIROS_OK;
}

u64 process_initialize_exchange(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: InitializeExchange");
    InitializeExchangeAccounts accounts;
    TRY(initialize_exchange_validate(input, &accounts));
    const InitializeExchangeIxArgs *args =
        (const InitializeExchangeIxArgs *)(input->data + DISCRIMINATOR_BYTES);

    CreatePdaAccount create = {
        .payer = accounts.admin,
        .new_account = accounts.exchange,
        .system_program = accounts.system_program,
        .space = KAIROS_EXCHANGE_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts.exchange_signer.signer,
    };
    TRY(create_pda_account(&create));
    TRY(initialize_exchange_create_vault(&accounts, accounts.quote_vault,
                                         &accounts.quote_vault_signer));
    TRY(initialize_exchange_create_vault(&accounts, accounts.insurance_vault,
                                         &accounts.insurance_vault_signer));
    TRY(initialize_exchange_create_quote_asset(input, &accounts));

    *(u64 *)account_data(accounts.exchange) = KAIROS_ACCOUNT_DISC_EXCHANGE;
    Exchange *exchange = exchange_state(accounts.exchange);
    pubkey_copy(&exchange->admin, &accounts.admin->key);
    pubkey_copy(&exchange->quote_mint, &accounts.quote_mint->key);
    pubkey_copy(&exchange->quote_vault, &accounts.quote_vault->key);
    pubkey_copy(&exchange->insurance_vault, &accounts.insurance_vault->key);
    exchange->keeper_reward_lamports = args->args.keeper_reward_lamports;
    /* The quote asset is listed: the next asset gets index 1. */
    exchange->collateral_asset_count = KAIROS_QUOTE_ASSET_INDEX + 1;
    exchange->quote_decimals = account_data(accounts.quote_mint)[SPL_MINT_DECIMALS_OFFSET];
    exchange->bump = accounts.exchange_signer.bump;
    exchange->version = EXCHANGE_LAYOUT_VERSION;

    ExchangeInitializedEventRecord record = EXCHANGE_INITIALIZED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.exchange, &accounts.exchange->key);
    pubkey_copy(&record.event.admin, &accounts.admin->key);
    pubkey_copy(&record.event.quote_mint, &accounts.quote_mint->key);
    record.event.keeper_reward_lamports = args->args.keeper_reward_lamports;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
