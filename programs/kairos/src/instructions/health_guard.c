/*
 * health_guard (view): fails with InsufficientHealth unless the margin
 * account's initial health is at least `min_init_health`. A keeper appends it
 * to its own transactions (after a liquidation) so that the transaction
 * cannot land leaving its account below the keeper's own floor, whatever
 * happened between simulation and landing. Remaining accounts: the account's
 * health accounts. Changes nothing.
 */
#include "health/health.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/margin_account.h"

u64 process_health_guard(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: HealthGuard");
    HealthGuardIxAccounts accounts;
    TRY(load_health_guard_accounts(input, &accounts));
    AccountView margin_account = accounts.margin_account;
    const HealthGuardIxArgs *args = accounts.args;

    SolClock clock;
    sol_get_clock_sysvar(&clock);
    HealthRequest request = {input, KAIROS_HEALTH_GUARD_ACCOUNTS_LEN,
                             margin_account_state(margin_account), &clock, 0};
    HealthResult health;
    TRY(compute_health(&request, &health));
    return health.init >= args->min_init_health ? KAIROS_OK : KAIROS_ERR_INSUFFICIENT_HEALTH;
}
