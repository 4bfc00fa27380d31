/*
 * create_risk_limits (owner): create the margin account's RiskLimits PDA
 * (["risk_limits", margin_account]) with the given limits (ranges and the
 * exchange's caps checked) and delegate, and set
 * MarginAccount.risk_limits_enabled: from now on every instruction where the
 * account's risk grows requires the RiskLimits and RiskParameters after its
 * health accounts. The day-open equity and the high-water mark are taken at
 * the first evaluation (lazily).
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "state/margin_account.h"
#include "validate/links.h"
#include "validate/program_accounts.h"

u64 process_create_risk_limits(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CreateRiskLimits");
    /* The loader's checks, then the owner link, the parameters
     * (RiskAccountsMissing when not ours), the limits' ranges and caps, and last
     * the PDA ["risk_limits", margin account]. */
    CreateRiskLimitsIxAccounts accounts;
    TRY(load_create_risk_limits_accounts(input, &accounts));
    AccountView margin_account = accounts.margin_account;
    AccountView owner = accounts.owner;
    AccountView params_account = accounts.risk_parameters;
    AccountView limits_account = accounts.risk_limits;
    AccountView system_program = accounts.system_program;
    MarginAccount *margin = margin_account_state(margin_account);
    TRY(require_margin_account_owner(margin, owner));
    if (require_risk_parameters(params_account, input->program_id) != KAIROS_OK) {
        return KAIROS_ERR_RISK_ACCOUNTS_MISSING;
    }
    const CreateRiskLimitsIxArgs *args = accounts.args;
    RiskLimitValues limits_values = args->limits;
    TRY(risk_check_limit_ranges(&limits_values));
    TRY(risk_check_limit_caps(&limits_values, &risk_parameters_state(params_account)->caps));
    TRY(derive_create_risk_limits_pdas(input, &accounts));
    const PdaSigner *signer = &accounts.risk_limits_pda;
    CreatePdaAccount create = {
        .payer = owner,
        .new_account = limits_account,
        .system_program = system_program,
        .space = KAIROS_RISK_LIMITS_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &signer->signer,
    };
    TRY(create_pda_account(&create));
    *(u64 *)account_data(limits_account) = KAIROS_ACCOUNT_DISC_RISK_LIMITS;
    RiskLimits *limits = risk_limits_state(limits_account);
    pubkey_copy(&limits->margin_account, &margin_account->key);
    pubkey_copy(&limits->owner, &owner->key);
    pubkey_copy(&limits->delegate, &args->delegate);
    limits->active = limits_values;
    limits->bump = signer->bump;
    margin->risk_limits_enabled = 1;

    RiskLimitsCreatedEventRecord record = RISK_LIMITS_CREATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &margin_account->key);
    pubkey_copy(&record.event.risk_limits, &limits_account->key);
    pubkey_copy(&record.event.owner, &owner->key);
    pubkey_copy(&record.event.delegate, &args->delegate);
    EMIT_EVENT(record);
    return KAIROS_OK;
}
