/*
 * set_asset_risk_params (admin): the asset's deposit-scaled initial weight and
 * per-account concentration limit (docs/ARCHITECTURE.md, "Health"):
 *  - once total_deposits > init_weight_scale_threshold (> 0), every account's
 *    initial-weighted value of the asset is scaled by threshold / total_deposits;
 *  - with concentration_limit_bps > 0, the asset's initial-weighted value in an
 *    account counts at most that share of the account's initial-weighted
 *    collateral (Σ assets + positive quote balance).
 * Both touch initial health only: maintenance (liquidation) is unchanged.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "sol/log.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "validate/links.h"

u64 process_set_asset_risk_params(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetAssetRiskParams");
    SetAssetRiskParamsIxAccounts accounts;
    TRY(load_set_asset_risk_params_accounts(input, &accounts));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    AccountView asset_account = accounts.collateral_asset;
    CollateralAsset *asset = collateral_asset_state(asset_account);
    const SetAssetRiskParamsIxArgs *args = accounts.args;
    /* The quote asset is the quote balance (never weighted); a limit is a share. */
    if (asset->index == KAIROS_QUOTE_ASSET_INDEX || args->concentration_limit_bps > BPS_PER_UNIT) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    asset->init_weight_scale_threshold = args->init_weight_scale_threshold;
    asset->concentration_limit_bps = args->concentration_limit_bps;

    AssetRiskParamsSetEventRecord record = ASSET_RISK_PARAMS_SET_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.asset, &asset_account->key);
    record.event.init_weight_scale_threshold = args->init_weight_scale_threshold;
    record.event.concentration_limit_bps = args->concentration_limit_bps;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
