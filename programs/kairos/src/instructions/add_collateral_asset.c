/*
 * add_collateral_asset (admin): list an SPL token as collateral. Creates its
 * CollateralAsset PDA (["collateral", mint]) with the next index and its vault
 * PDA (["vault", mint]), a token account whose authority is the Exchange. The
 * asset is valued through a Kairos oracle at the low end of its confidence
 * interval, weighted by init_asset_weight_bps <= maint_asset_weight_bps <= 10,000.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "cpi/token.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "sol/log.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "state/oracle.h"
#include "validate/links.h"
#include "validate/program_accounts.h"
#include "validate/token.h"

static u64 validate_add_collateral_asset_args(const AddCollateralAssetArgs *args) {
    /* Weights: a collateral never counts for more than its value, and the
     * initial weight (for new risk) is at most the maintenance one. */
    if (args->init_asset_weight_bps > args->maint_asset_weight_bps ||
        args->maint_asset_weight_bps > BPS_PER_UNIT) {
        return KAIROS_ERR_INVALID_WEIGHTS;
    }
    /* A confidence wider than the price would make the low price negative. */
    return args->max_confidence_bps <= BPS_PER_UNIT ? KAIROS_OK : KAIROS_ERR_INVALID_ARGUMENT;
}

/* has-one admin, a real mint, an oracle of ours, valid weights, a free index.
 * Then the handler derives the PDAs ["collateral", mint] and ["vault", mint]. */
static u64 validate_add_collateral_asset(const ProgramInput *input,
                                         const AddCollateralAssetIxAccounts *accounts) {
    TRY(require_exchange_admin(accounts->exchange, accounts->admin));
    const Exchange *exchange = exchange_state(accounts->exchange);
    TRY(require_spl_mint(accounts->mint));
    if (require_oracle_account(accounts->oracle, input->program_id) != KAIROS_OK) {
        return KAIROS_ERR_INVALID_ORACLE;
    }
    TRY(validate_add_collateral_asset_args(&accounts->args->args));
    /* The quote asset is index 0, so at most MAX_COLLATERAL_ASSETS - 1 others. */
    if (exchange->collateral_asset_count >= KAIROS_MAX_COLLATERAL_ASSETS) {
        return KAIROS_ERR_COLLATERAL_ASSET_LIMIT;
    }
    return KAIROS_OK;
}

static u64 add_collateral_asset_create_accounts(const ProgramInput *input,
                                                const AddCollateralAssetIxAccounts *accounts) {
    CreatePdaAccount create_asset = {
        .payer = accounts->admin,
        .new_account = accounts->collateral_asset,
        .system_program = accounts->system_program,
        .space = KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts->collateral_asset_pda.signer,
    };
    TRY(create_pda_account(&create_asset));

    CreateTokenAccountPda create_vault = {
        .payer = accounts->admin,
        .account = accounts->vault,
        .mint = accounts->mint,
        .system_program = accounts->system_program,
        .token_program = accounts->token_program,
        .authority = &accounts->exchange->key,
        .pda_signer = &accounts->vault_pda.signer,
    };
    return create_token_account_pda(&create_vault);
}

u64 process_add_collateral_asset(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: AddCollateralAsset");
    AddCollateralAssetIxAccounts accounts;
    TRY(load_add_collateral_asset_accounts(input, &accounts));
    TRY(validate_add_collateral_asset(input, &accounts));
    TRY(derive_add_collateral_asset_pdas(input, &accounts));
    const AddCollateralAssetArgs *args = &accounts.args->args;
    TRY(add_collateral_asset_create_accounts(input, &accounts));

    Exchange *exchange = exchange_state(accounts.exchange);
    u16 index = exchange->collateral_asset_count;
    /* Cannot wrap: the count is below MAX_COLLATERAL_ASSETS (checked above). */
    exchange->collateral_asset_count = index + 1;

    /* New accounts are zero-filled: total_deposits starts at 0, as the vault. */
    *(u64 *)account_data(accounts.collateral_asset) = KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET;
    CollateralAsset *asset = collateral_asset_state(accounts.collateral_asset);
    pubkey_copy(&asset->mint, &accounts.mint->key);
    pubkey_copy(&asset->vault, &accounts.vault->key);
    pubkey_copy(&asset->oracle, &accounts.oracle->key);
    asset->deposit_cap = args->deposit_cap;
    asset->max_staleness_slots = args->max_staleness_slots;
    asset->init_asset_weight_bps = args->init_asset_weight_bps;
    asset->maint_asset_weight_bps = args->maint_asset_weight_bps;
    asset->max_confidence_bps = args->max_confidence_bps;
    asset->index = index;
    asset->decimals = account_data(accounts.mint)[SPL_MINT_DECIMALS_OFFSET];
    asset->bump = accounts.collateral_asset_pda.bump;
    asset->vault_bump = accounts.vault_pda.bump;

    CollateralAssetAddedEventRecord record = COLLATERAL_ASSET_ADDED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.asset, &accounts.collateral_asset->key);
    pubkey_copy(&record.event.mint, &accounts.mint->key);
    pubkey_copy(&record.event.oracle, &accounts.oracle->key);
    record.event.index = index;
    record.event.init_asset_weight_bps = args->init_asset_weight_bps;
    record.event.maint_asset_weight_bps = args->maint_asset_weight_bps;
    record.event.deposit_cap = args->deposit_cap;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
