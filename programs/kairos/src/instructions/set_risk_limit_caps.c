/*
 * set_risk_limit_caps (admin): the loosest value an account may set per limit
 * (0: uncapped; a capped limit must be set) with the minimum loosening
 * cooldown, and the defaults clients offer new accounts (within the caps).
 * Accounts already looser than a new cap keep their limits until they next
 * change them (a cap binds what is set, it does not rewrite accounts); a
 * pending loosening past the new cap is dropped when it falls due.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "validate/links.h"

u64 process_set_risk_limit_caps(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetRiskLimitCaps");
    SetRiskLimitCapsIxAccounts accounts;
    TRY(load_set_risk_limit_caps_accounts(input, &accounts));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    AccountView params_account = accounts.risk_parameters;
    const SetRiskLimitCapsIxArgs *args = accounts.args;
    RiskLimitValues caps = args->caps;
    RiskLimitValues defaults = args->defaults;
    TRY(risk_check_limit_ranges(&caps));
    TRY(risk_check_limit_ranges(&defaults));
    TRY(risk_check_limit_caps(&defaults, &caps));
    RiskParameters *params = risk_parameters_state(params_account);
    params->caps = caps;
    params->defaults = defaults;

    RiskLimitCapsSetEventRecord record = RISK_LIMIT_CAPS_SET_EVENT_RECORD_INIT;
    RISK_COPY_FLAT(RiskLimitCapsSetEvent, record.event, caps_max_leverage_bps,
                   caps_loosen_cooldown_seconds, caps);
    RISK_COPY_FLAT(RiskLimitCapsSetEvent, record.event, defaults_max_leverage_bps,
                   defaults_loosen_cooldown_seconds, defaults);
    EMIT_EVENT(record);
    return KAIROS_OK;
}
