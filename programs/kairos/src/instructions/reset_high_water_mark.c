/*
 * reset_high_water_mark (owner): once the account's loosening cooldown has
 * passed since its last breach and its last reset, the high-water mark and
 * the day-open equity become the current equity and a reduce-only period
 * ends. Remaining accounts: the health accounts.
 */
#include "anchor/event.h"
#include "health/health.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/checked.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/margin_account.h"
#include "validate/links.h"

u64 process_reset_high_water_mark(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: ResetHighWaterMark");
    ResetHighWaterMarkIxAccounts accounts;
    TRY(load_reset_high_water_mark_accounts(input, &accounts));
    AccountView margin_account = accounts.margin_account;
    AccountView owner = accounts.owner;
    AccountView params_account = accounts.risk_parameters;
    AccountView limits_account = accounts.risk_limits;
    const MarginAccount *margin = margin_account_state(margin_account);
    TRY(require_margin_account_owner(margin, owner));
    TRY(require_risk_accounts(input->program_id, margin_account, limits_account, params_account,
                              true));
    RiskLimits *limits = risk_limits_state(limits_account);
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    risk_apply_pending(limits, risk_parameters_state(params_account), clock.unix_timestamp);
    i64 since = limits->last_breach_timestamp > limits->hwm_reset_timestamp
                    ? limits->last_breach_timestamp
                    : limits->hwm_reset_timestamp;
    i64 allowed_at;
    if (!i64_checked_add(since, (i64)limits->active.loosen_cooldown_seconds, &allowed_at)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (limits->reset_armed != 0 && clock.unix_timestamp < allowed_at) {
        return KAIROS_ERR_RISK_COOLDOWN_ACTIVE;
    }
    HealthExposures exposures;
    exposures.perp_factor = NULL; /* the equity is all this needs */
    HealthRequest request = {
        .input = input,
        .first_health_account = KAIROS_RESET_HIGH_WATER_MARK_ACCOUNTS_LEN,
        .account = margin,
        .clock = &clock,
        .exposures = &exposures,
    };
    HealthResult health;
    TRY(compute_health(&request, &health));
    i64 day;
    i64_div_floor(clock.unix_timestamp, RISK_DAY_SECONDS, &day);
    limits->day_index = day + 1;
    limits->day_open_equity = exposures.equity;
    limits->high_water_mark = exposures.equity;
    limits->last_equity = exposures.equity;
    limits->reduce_only_until = 0;
    limits->reduce_only_reason = 0;
    limits->hwm_reset_timestamp = clock.unix_timestamp;
    limits->reset_armed = 1;

    HighWaterMarkResetEventRecord record = HIGH_WATER_MARK_RESET_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &margin_account->key);
    record.event.high_water_mark = exposures.equity;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
