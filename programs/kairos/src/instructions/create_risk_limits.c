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
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "state/margin_account.h"
#include "validate/accounts.h"
#include "validate/pda.h"

u64 process_create_risk_limits(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CreateRiskLimits");
    TRY(require_account_count(input->account_count, KAIROS_CREATE_RISK_LIMITS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CreateRiskLimitsIxArgs)));
    AccountView margin_account = input->accounts[KAIROS_CREATE_RISK_LIMITS_ACCOUNT_MARGIN_ACCOUNT];
    AccountView owner = input->accounts[KAIROS_CREATE_RISK_LIMITS_ACCOUNT_OWNER];
    AccountView params_account = input->accounts[KAIROS_CREATE_RISK_LIMITS_ACCOUNT_RISK_PARAMETERS];
    AccountView limits_account = input->accounts[KAIROS_CREATE_RISK_LIMITS_ACCOUNT_RISK_LIMITS];
    AccountView system_program = input->accounts[KAIROS_CREATE_RISK_LIMITS_ACCOUNT_SYSTEM_PROGRAM];
    TRY(require_margin_account(margin_account, input->program_id));
    TRY(require_writable(margin_account));
    MarginAccount *margin = margin_account_state(margin_account);
    TRY(require_margin_account_owner(margin, owner));
    TRY(require_writable(owner));
    if (require_risk_parameters(params_account, input->program_id) != KAIROS_OK) {
        return KAIROS_ERR_RISK_ACCOUNTS_MISSING;
    }
    TRY(require_writable(limits_account));
    TRY(require_program(system_program, &SYSTEM_PROGRAM_ID));
    const CreateRiskLimitsIxArgs *args =
        (const CreateRiskLimitsIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    RiskLimitValues limits_values = args->limits;
    TRY(risk_check_limit_ranges(&limits_values));
    TRY(risk_check_limit_caps(&limits_values, &risk_parameters_state(params_account)->caps));
    SolSignerSeed seeds[2] = {LITERAL_SEED(RISK_LIMITS_SEED),
                              {margin_account->key.x, PUBKEY_BYTES}};
    PdaSigner signer;
    TRY(require_canonical_pda(limits_account, seeds, SEED_COUNT(seeds), input->program_id,
                              &signer));
    CreatePdaAccount create = {
        .payer = owner,
        .new_account = limits_account,
        .system_program = system_program,
        .space = KAIROS_RISK_LIMITS_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &signer.signer,
    };
    TRY(create_pda_account(&create));
    *(u64 *)account_data(limits_account) = KAIROS_ACCOUNT_DISC_RISK_LIMITS;
    RiskLimits *limits = risk_limits_state(limits_account);
    pubkey_copy(&limits->margin_account, &margin_account->key);
    pubkey_copy(&limits->owner, &owner->key);
    pubkey_copy(&limits->delegate, &args->delegate);
    limits->active = limits_values;
    limits->bump = signer.bump;
    margin->risk_limits_enabled = 1;

    RiskLimitsCreatedEventRecord record = RISK_LIMITS_CREATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &margin_account->key);
    pubkey_copy(&record.event.risk_limits, &limits_account->key);
    pubkey_copy(&record.event.owner, &owner->key);
    pubkey_copy(&record.event.delegate, &args->delegate);
    EMIT_EVENT(record);
    return KAIROS_OK;
}
