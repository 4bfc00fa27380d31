/*
 * set_funding_params (admin): a perp market's funding period, clamp of the
 * rate per period, mark band, pause flag and crank reward
 * (docs/ARCHITECTURE.md, "Funding"). They apply from the next roll; a paused
 * market's rolls move no funding while the TWAPs keep sampling.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "state/perp_market.h"
#include "validate/links.h"

static bool funding_params_valid(const SetFundingParamsIxArgs *args) {
    return args->period_seconds >= KAIROS_MIN_FUNDING_PERIOD_SECONDS &&
           args->period_seconds <= KAIROS_MAX_FUNDING_PERIOD_SECONDS &&
           args->max_rate_bps > 0 && args->max_rate_bps <= BPS_PER_UNIT &&
           args->mark_band_bps > 0 && args->mark_band_bps <= BPS_PER_UNIT && args->paused <= 1;
}

u64 process_set_funding_params(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetFundingParams");
    SetFundingParamsIxAccounts accounts;
    TRY(load_set_funding_params_accounts(input, &accounts));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    AccountView market_account = accounts.perp_market;
    const SetFundingParamsIxArgs *args = accounts.args;
    if (!funding_params_valid(args)) {
        return KAIROS_ERR_INVALID_FUNDING_PARAMS;
    }
    PerpMarket *market = perp_market_state(market_account);
    market->funding_period_seconds = args->period_seconds;
    market->funding_max_rate_bps = args->max_rate_bps;
    market->funding_mark_band_bps = args->mark_band_bps;
    market->funding_paused = args->paused;
    market->funding_crank_reward = args->crank_reward;

    FundingParamsSetEventRecord record = FUNDING_PARAMS_SET_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.market, &market_account->key);
    record.event.period_seconds = args->period_seconds;
    record.event.max_rate_bps = args->max_rate_bps;
    record.event.mark_band_bps = args->mark_band_bps;
    record.event.paused = args->paused;
    record.event.crank_reward = args->crank_reward;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
