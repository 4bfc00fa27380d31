/*
 * compute_risk (permissionless view): every risk metric of a margin account
 * with risk limits and its headroom, as return data (RiskMetrics, borsh) and
 * a RiskComputed event. It also records what a view sees: the lazy
 * checkpoints (day-open equity, high-water mark), a pending loosening that
 * fell due, and a daily-loss or drawdown reduce-only transition with its
 * RiskLimitBreached event (the transaction succeeds, so the event is seen;
 * the risk keeper runs it). Remaining accounts: the health accounts.
 */
#include "anchor/event.h"
#include "health/health.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/margin_account.h"
#include "validate/links.h"

u64 process_compute_risk(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: ComputeRisk");
    ComputeRiskIxAccounts accounts;
    TRY(load_compute_risk_accounts(input, &accounts));
    AccountView margin_account = accounts.margin_account;
    AccountView params_account = accounts.risk_parameters;
    AccountView limits_account = accounts.risk_limits;
    TRY(require_risk_accounts(input->program_id, margin_account, limits_account, params_account,
                              true));
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    HealthExposures exposures;
    const RiskParameters *params = risk_parameters_state(params_account);
    exposures.perp_factor = params->perp_factor;
    exposures.collateral_factor = params->collateral_factor;
    exposures.factor_count = params->factor_count;
    HealthRequest request = {
        .input = input,
        .first_health_account = KAIROS_COMPUTE_RISK_ACCOUNTS_LEN,
        .account = margin_account_state(margin_account),
        .clock = &clock,
        .exposures = &exposures,
    };
    HealthResult health;
    TRY(compute_health(&request, &health));
    RiskCheck check = {
        .input = input,
        .margin_account = margin_account,
        .limits = risk_limits_state(limits_account),
        .params = risk_parameters_state(params_account),
        .exposures = &exposures,
        .health = &health,
        .clock = &clock,
        .action = RISK_ACTION_VIEW,
    };
    RiskEvaluation evaluation;
    TRY(risk_evaluate(&check, &evaluation));
    sol_set_return_data((const u8 *)&evaluation.metrics, sizeof(evaluation.metrics));
    RiskComputedEventRecord record = RISK_COMPUTED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &margin_account->key);
    RISK_COPY_FLAT(RiskComputedEvent, record.event, equity, headroom_liquidity,
                   evaluation.metrics);
    EMIT_EVENT(record);
    return KAIROS_OK;
}
