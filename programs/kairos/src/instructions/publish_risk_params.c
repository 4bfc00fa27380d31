/*
 * publish_risk_params (admin or the authorised publisher): per factor the EWMA
 * daily volatility and the correlation matrix, with the half-life used and the
 * staleness bound. Validated in full before anything is written (ranges,
 * symmetric, unit diagonal, zero outside the factors, positive semi-definite:
 * risk/risk.h); a refused publish changes nothing.
 */
#include "anchor/event.h"
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/exchange.h"
#include "validate/accounts.h"

u64 process_publish_risk_params(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: PublishRiskParams");
    TRY(require_account_count(input->account_count, KAIROS_PUBLISH_RISK_PARAMS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(PublishRiskParamsIxArgs)));
    AccountView publisher = input->accounts[KAIROS_PUBLISH_RISK_PARAMS_ACCOUNT_PUBLISHER];
    AccountView params_account = input->accounts[KAIROS_PUBLISH_RISK_PARAMS_ACCOUNT_RISK_PARAMETERS];
    TRY(require_signer(publisher));
    TRY(require_writable(params_account));
    TRY(require_risk_parameters(params_account, input->program_id));
    RiskParameters *params = risk_parameters_state(params_account);
    if (!pubkey_eq(&publisher->key, &params->publisher) &&
        !pubkey_eq(&publisher->key, &exchange_state(context->exchange)->admin)) {
        return KAIROS_ERR_RISK_PUBLISHER_UNAUTHORIZED;
    }
    const PublishRiskParamsArgs *args =
        &((const PublishRiskParamsIxArgs *)(input->data + DISCRIMINATOR_BYTES))->args;
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
