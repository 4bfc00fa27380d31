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
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "sol/sysvars.h"
#include "sol/log.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "validate/token.h"

/* Create one of the two quote token accounts, owned (authority) by the Exchange. */
static u64 initialize_exchange_create_vault(const InitializeExchangeIxAccounts *accounts,
                                            AccountView vault, const PdaSigner *vault_pda) {
    CreateTokenAccountPda create = {
        .payer = accounts->admin,
        .account = vault,
        .mint = accounts->quote_mint,
        .system_program = accounts->system_program,
        .token_program = accounts->token_program,
        .authority = &accounts->exchange->key,
        .pda_signer = &vault_pda->signer,
    };
    return create_token_account_pda(&create);
}

static u64 initialize_exchange_create_quote_asset(const ProgramInput *input,
                                                  const InitializeExchangeIxAccounts *accounts) {
    CreatePdaAccount create = {
        .payer = accounts->admin,
        .new_account = accounts->quote_asset,
        .system_program = accounts->system_program,
        .space = KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts->quote_asset_pda.signer,
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
    asset->bump = accounts->quote_asset_pda.bump;
    asset->vault_bump = accounts->quote_vault_pda.bump;
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
    /* The loader checks signer, writable and program ids; the mint is the one
     * semantic check; then the canonical PDAs ["exchange"], ["collateral",
     * quote_mint], ["vault", quote_mint] and ["insurance", quote_mint]. */
    InitializeExchangeIxAccounts accounts;
    TRY(load_initialize_exchange_accounts(input, &accounts));
    TRY(require_spl_mint(accounts.quote_mint));
    TRY(derive_initialize_exchange_pdas(input, &accounts));
    const InitializeExchangeIxArgs *args = accounts.args;

    CreatePdaAccount create = {
        .payer = accounts.admin,
        .new_account = accounts.exchange,
        .system_program = accounts.system_program,
        .space = KAIROS_EXCHANGE_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts.exchange_pda.signer,
    };
    TRY(create_pda_account(&create));
    TRY(initialize_exchange_create_vault(&accounts, accounts.quote_vault,
                                         &accounts.quote_vault_pda));
    TRY(initialize_exchange_create_vault(&accounts, accounts.insurance_vault,
                                         &accounts.insurance_vault_pda));
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
    exchange->bump = accounts.exchange_pda.bump;
    exchange->version = EXCHANGE_LAYOUT_VERSION;

    ExchangeInitializedEventRecord record = EXCHANGE_INITIALIZED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.exchange, &accounts.exchange->key);
    pubkey_copy(&record.event.admin, &accounts.admin->key);
    pubkey_copy(&record.event.quote_mint, &accounts.quote_mint->key);
    record.event.keeper_reward_lamports = args->args.keeper_reward_lamports;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
