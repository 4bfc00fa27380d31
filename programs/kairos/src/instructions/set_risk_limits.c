/*
 * set_risk_limits (owner or delegate): per limit, a tighter value applies at
 * once; the whole requested set becomes pending and applies once the
 * (tightened) cooldown has passed, if any value loosens. A new request
 * replaces a pending one. Only the owner changes the delegate (the delegate
 * must pass the current one back). Ranges and the caps are checked first;
 * nothing changes on a refusal.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/margin_account.h"
#include "validate/links.h"

u64 process_set_risk_limits(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetRiskLimits");
    SetRiskLimitsIxAccounts accounts;
    TRY(load_set_risk_limits_accounts(input, &accounts));
    AccountView margin_account = accounts.margin_account;
    AccountView params_account = accounts.risk_parameters;
    AccountView limits_account = accounts.risk_limits;
    AccountView authority = accounts.authority;
    TRY(require_risk_accounts(input->program_id, margin_account, limits_account, params_account,
                              true));
    RiskLimits *limits = risk_limits_state(limits_account);
    const SetRiskLimitsIxArgs *args = accounts.args;
    bool is_owner = pubkey_eq(&authority->key, &margin_account_state(margin_account)->owner);
    if (!is_owner) {
        if (!pubkey_eq(&authority->key, &limits->delegate) ||
            !pubkey_eq(&args->delegate, &limits->delegate)) {
            return KAIROS_ERR_RISK_DELEGATE_UNAUTHORIZED;
        }
    }
    RiskLimitValues requested = args->limits;
    const RiskParameters *params = risk_parameters_state(params_account);
    TRY(risk_check_limit_ranges(&requested));
    TRY(risk_check_limit_caps(&requested, &params->caps));

    SolClock clock;
    sol_get_clock_sysvar(&clock);
    risk_apply_pending(limits, params, clock.unix_timestamp);
    RiskLimitValues tighter;
    risk_limits_tighter(&requested, &limits->active, &tighter);
    limits->active = tighter;
    bool loosens = false;
    const u8 *a = (const u8 *)&requested;
    const u8 *b = (const u8 *)&tighter;
    for (u64 i = 0; i < sizeof(RiskLimitValues); i++) {
        loosens = loosens || a[i] != b[i];
    }
    if (loosens) {
        limits->pending = requested;
        limits->pending_effective_timestamp =
            clock.unix_timestamp + (i64)tighter.loosen_cooldown_seconds;
        /* A zero cooldown (allowed when the caps' minimum is 0) still queues
         * for the next instruction: 0 means "nothing pending". */
        if (limits->pending_effective_timestamp == 0) {
            limits->pending_effective_timestamp = 1;
        }
    } else {
        limits->pending_effective_timestamp = 0;
        sol_memset_(&limits->pending, 0, sizeof(limits->pending));
    }
    pubkey_copy(&limits->delegate, &args->delegate);

    RiskLimitsSetEventRecord record = RISK_LIMITS_SET_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &margin_account->key);
    pubkey_copy(&record.event.authority, &authority->key);
    RISK_COPY_FLAT(RiskLimitsSetEvent, record.event, active_max_leverage_bps,
                   active_loosen_cooldown_seconds, limits->active);
    RISK_COPY_FLAT(RiskLimitsSetEvent, record.event, pending_max_leverage_bps,
                   pending_loosen_cooldown_seconds, limits->pending);
    record.event.pending_effective_timestamp = limits->pending_effective_timestamp;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
