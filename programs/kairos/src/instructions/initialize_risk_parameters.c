/*
 * initialize_risk_parameters (admin): create the RiskParameters PDA
 * (["risk_parameters"]). The publisher starts as the admin, nothing is
 * published (stale until publish_risk_params), no factor, no cap, and the
 * minimum loosening cooldown (caps) and the default one are 24 h.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "validate/links.h"

u64 process_initialize_risk_parameters(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: InitializeRiskParameters");
    /* The loader did the IDL's checks, the PDA ["risk_parameters"] included. */
    InitializeRiskParametersIxAccounts accounts;
    TRY(load_initialize_risk_parameters_accounts(input, &accounts));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    TRY(derive_initialize_risk_parameters_pdas(input, &accounts));
    AccountView admin = accounts.admin;
    AccountView params_account = accounts.risk_parameters;
    AccountView system_program = accounts.system_program;
    const PdaSigner *signer = &accounts.risk_parameters_pda;
    CreatePdaAccount create = {
        .payer = admin,
        .new_account = params_account,
        .system_program = system_program,
        .space = KAIROS_RISK_PARAMETERS_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &signer->signer,
    };
    TRY(create_pda_account(&create));
    *(u64 *)account_data(params_account) = KAIROS_ACCOUNT_DISC_RISK_PARAMETERS;
    RiskParameters *params = risk_parameters_state(params_account);
    pubkey_copy(&params->publisher, &admin->key);
    params->bump = signer->bump;
    params->caps.loosen_cooldown_seconds = KAIROS_RISK_DEFAULT_COOLDOWN_SECONDS;
    params->defaults.loosen_cooldown_seconds = KAIROS_RISK_DEFAULT_COOLDOWN_SECONDS;

    RiskParametersInitializedEventRecord record = RISK_PARAMETERS_INITIALIZED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.risk_parameters, &params_account->key);
    pubkey_copy(&record.event.publisher, &admin->key);
    EMIT_EVENT(record);
    return KAIROS_OK;
}
