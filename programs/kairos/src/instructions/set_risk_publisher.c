/*
 * set_risk_publisher (admin): the key (the risk keeper's) that may publish
 * risk parameters besides the admin.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "validate/links.h"

u64 process_set_risk_publisher(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetRiskPublisher");
    SetRiskPublisherIxAccounts accounts;
    TRY(load_set_risk_publisher_accounts(input, &accounts));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    AccountView params_account = accounts.risk_parameters;
    const SetRiskPublisherIxArgs *args = accounts.args;
    pubkey_copy(&risk_parameters_state(params_account)->publisher, &args->publisher);

    RiskPublisherSetEventRecord record = RISK_PUBLISHER_SET_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.publisher, &args->publisher);
    EMIT_EVENT(record);
    return KAIROS_OK;
}
