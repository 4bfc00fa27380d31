/*
 * set_risk_limit_caps (admin): the loosest value an account may set per limit
 * (0: uncapped; a capped limit must be set) with the minimum loosening
 * cooldown, and the defaults clients offer new accounts (within the caps).
 * Accounts already looser than a new cap keep their limits until they next
 * change them (a cap binds what is set, it does not rewrite accounts); a
 * pending loosening past the new cap is dropped when it falls due.
 */
#include "anchor/event.h"
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "validate/accounts.h"

u64 process_set_risk_limit_caps(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetRiskLimitCaps");
    TRY(require_account_count(input->account_count, KAIROS_SET_RISK_LIMIT_CAPS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetRiskLimitCapsIxArgs)));
    AccountView admin = input->accounts[KAIROS_SET_RISK_LIMIT_CAPS_ACCOUNT_ADMIN];
    AccountView params_account = input->accounts[KAIROS_SET_RISK_LIMIT_CAPS_ACCOUNT_RISK_PARAMETERS];
    TRY(require_exchange_admin(context->exchange, admin));
    TRY(require_writable(params_account));
    TRY(require_risk_parameters(params_account, input->program_id));
    const SetRiskLimitCapsIxArgs *args =
        (const SetRiskLimitCapsIxArgs *)(input->data + DISCRIMINATOR_BYTES);
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
