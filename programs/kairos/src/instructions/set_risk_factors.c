/*
 * set_risk_factors (admin): the risk factors are the distinct oracles of the
 * PerpMarket and CollateralAsset accounts listed as remaining accounts, in
 * first-seen order (a perp market and a collateral asset on the same oracle
 * share a factor), at most MAX_RISK_FACTORS. The quote asset has no oracle
 * and is not a factor (it carries no price risk). Every published figure is
 * cleared: the parameters are stale until the next publish_risk_params.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "state/perp_market.h"
#include "validate/program_accounts.h"
#include "validate/links.h"

/* The factor of `oracle`, appended when new; RiskParametersInvalid past the maximum. */
static u64 risk_factor_slot(RiskParameters *params, const SolPubkey *oracle, u8 *slot) {
    for (u8 f = 0; f < params->factor_count; f++) {
        if (pubkey_eq(&params->factor_oracles[f], oracle)) {
            *slot = (u8)(f + 1);
            return KAIROS_OK;
        }
    }
    if (params->factor_count >= KAIROS_MAX_RISK_FACTORS) {
        return KAIROS_ERR_RISK_PARAMETERS_INVALID;
    }
    pubkey_copy(&params->factor_oracles[params->factor_count], oracle);
    params->factor_count += 1;
    *slot = params->factor_count;
    return KAIROS_OK;
}

u64 process_set_risk_factors(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetRiskFactors");
    SetRiskFactorsIxAccounts accounts;
    TRY(load_set_risk_factors_accounts(input, &accounts));
    /* At least one market or asset follows the IDL's accounts. */
    TRY(require_account_count(input->account_count, KAIROS_SET_RISK_FACTORS_ACCOUNTS_LEN + 1));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    AccountView params_account = accounts.risk_parameters;
    RiskParameters *params = risk_parameters_state(params_account);
    /* Start over (a failed instruction keeps nothing of this). */
    params->factor_count = 0;
    params->publish_slot = 0;
    params->publish_timestamp = 0;
    params->max_staleness_slots = 0; /* 0: nothing published (risk/risk.c) */
    sol_memset_(params->factor_oracles, 0, sizeof(params->factor_oracles));
    sol_memset_(params->volatility_ppm, 0, sizeof(params->volatility_ppm));
    sol_memset_(params->correlation_bps, 0, sizeof(params->correlation_bps));
    sol_memset_(params->perp_factor, 0, sizeof(params->perp_factor));
    sol_memset_(params->collateral_factor, 0, sizeof(params->collateral_factor));
    for (u64 i = KAIROS_SET_RISK_FACTORS_ACCOUNTS_LEN; i < input->account_count; i++) {
        AccountView account = input->accounts[i];
        u8 slot;
        if (require_perp_market_account(account, input->program_id) == KAIROS_OK) {
            const PerpMarket *market = perp_market_state(account);
            if (market->index >= KAIROS_MAX_PERP_MARKETS || params->perp_factor[market->index]) {
                return KAIROS_ERR_RISK_PARAMETERS_INVALID;
            }
            TRY(risk_factor_slot(params, &market->oracle, &slot));
            params->perp_factor[market->index] = slot;
        } else if (require_collateral_asset(account, input->program_id) == KAIROS_OK) {
            const CollateralAsset *asset = collateral_asset_state(account);
            if (asset->index == KAIROS_QUOTE_ASSET_INDEX ||
                asset->index >= KAIROS_MAX_COLLATERAL_ASSETS ||
                params->collateral_factor[asset->index]) {
                return KAIROS_ERR_RISK_PARAMETERS_INVALID;
            }
            TRY(risk_factor_slot(params, &asset->oracle, &slot));
            params->collateral_factor[asset->index] = slot;
        } else {
            return KAIROS_ERR_RISK_PARAMETERS_INVALID;
        }
    }
    RiskFactorsSetEventRecord record = RISK_FACTORS_SET_EVENT_RECORD_INIT;
    record.event.factor_count = params->factor_count;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
