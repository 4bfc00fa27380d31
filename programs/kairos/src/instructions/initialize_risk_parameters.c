/*
 * initialize_risk_parameters (admin): create the RiskParameters PDA
 * (["risk_parameters"]). The publisher starts as the admin, nothing is
 * published (stale until publish_risk_params), no factor, no cap, and the
 * minimum loosening cooldown (caps) and the default one are 24 h.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "validate/accounts.h"
#include "validate/pda.h"

u64 process_initialize_risk_parameters(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: InitializeRiskParameters");
    TRY(require_account_count(input->account_count,
                              KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(InitializeRiskParametersIxArgs)));
    AccountView admin = input->accounts[KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNT_ADMIN];
    AccountView params_account =
        input->accounts[KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNT_RISK_PARAMETERS];
    AccountView system_program =
        input->accounts[KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNT_SYSTEM_PROGRAM];
    TRY(require_exchange_admin(context->exchange, admin));
    TRY(require_writable(admin));
    TRY(require_writable(params_account));
    TRY(require_program(system_program, &SYSTEM_PROGRAM_ID));
    SolSignerSeed seeds[1] = {LITERAL_SEED(RISK_PARAMETERS_SEED)};
    PdaSigner signer;
    TRY(require_canonical_pda(params_account, seeds, SEED_COUNT(seeds), input->program_id,
                              &signer));
    CreatePdaAccount create = {
        .payer = admin,
        .new_account = params_account,
        .system_program = system_program,
        .space = KAIROS_RISK_PARAMETERS_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &signer.signer,
    };
    TRY(create_pda_account(&create));
    *(u64 *)account_data(params_account) = KAIROS_ACCOUNT_DISC_RISK_PARAMETERS;
    RiskParameters *params = risk_parameters_state(params_account);
    pubkey_copy(&params->publisher, &admin->key);
    params->bump = signer.bump;
    params->caps.loosen_cooldown_seconds = KAIROS_RISK_DEFAULT_COOLDOWN_SECONDS;
    params->defaults.loosen_cooldown_seconds = KAIROS_RISK_DEFAULT_COOLDOWN_SECONDS;

    RiskParametersInitializedEventRecord record = RISK_PARAMETERS_INITIALIZED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.risk_parameters, &params_account->key);
    pubkey_copy(&record.event.publisher, &admin->key);
    EMIT_EVENT(record);
    return KAIROS_OK;
}
