/*
 * set_risk_publisher (admin): the key (the risk keeper's) that may publish
 * risk parameters besides the admin.
 */
#include "anchor/event.h"
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "validate/accounts.h"

u64 process_set_risk_publisher(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetRiskPublisher");
    TRY(require_account_count(input->account_count, KAIROS_SET_RISK_PUBLISHER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetRiskPublisherIxArgs)));
    AccountView admin = input->accounts[KAIROS_SET_RISK_PUBLISHER_ACCOUNT_ADMIN];
    AccountView params_account = input->accounts[KAIROS_SET_RISK_PUBLISHER_ACCOUNT_RISK_PARAMETERS];
    TRY(require_exchange_admin(context->exchange, admin));
    TRY(require_writable(params_account));
    TRY(require_risk_parameters(params_account, input->program_id));
    const SetRiskPublisherIxArgs *args =
        (const SetRiskPublisherIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    pubkey_copy(&risk_parameters_state(params_account)->publisher, &args->publisher);

    RiskPublisherSetEventRecord record = RISK_PUBLISHER_SET_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.publisher, &args->publisher);
    EMIT_EVENT(record);
    return KAIROS_OK;
}
