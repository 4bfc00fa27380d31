/*
 * publish_risk_params (admin or the authorised publisher): per factor the EWMA
 * daily volatility and the correlation matrix, with the half-life used and the
 * staleness bound. Validated in full before anything is written (ranges,
 * symmetric, unit diagonal, zero outside the factors, positive semi-definite:
 * risk/risk.h); a refused publish changes nothing.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/exchange.h"

u64 process_publish_risk_params(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: PublishRiskParams");
    PublishRiskParamsIxAccounts accounts;
    TRY(load_publish_risk_params_accounts(input, &accounts));
    AccountView publisher = accounts.publisher;
    AccountView params_account = accounts.risk_parameters;
    RiskParameters *params = risk_parameters_state(params_account);
    if (!pubkey_eq(&publisher->key, &params->publisher) &&
        !pubkey_eq(&publisher->key, &exchange_state(accounts.exchange)->admin)) {
        return KAIROS_ERR_RISK_PUBLISHER_UNAUTHORIZED;
    }
    const PublishRiskParamsArgs *args = &accounts.args->args;
    i64 min_pivot;
    TRY(risk_check_published(args, params->factor_count, &min_pivot));

    SolClock clock;
    sol_get_clock_sysvar(&clock);
    sol_memcpy_(params->volatility_ppm, args->volatility_ppm, sizeof(params->volatility_ppm));
    sol_memcpy_(params->correlation_bps, args->correlation_bps, sizeof(params->correlation_bps));
    params->max_staleness_slots = args->max_staleness_slots;
    params->half_life_seconds = args->half_life_seconds;
    params->publish_slot = clock.slot;
    params->publish_timestamp = clock.unix_timestamp;

    RiskParamsPublishedEventRecord record = RISK_PARAMS_PUBLISHED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.publisher, &publisher->key);
    record.event.publish_slot = clock.slot;
    record.event.factor_count = params->factor_count;
    record.event.half_life_seconds = args->half_life_seconds;
    record.event.max_staleness_slots = args->max_staleness_slots;
    record.event.min_pivot = min_pivot;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
