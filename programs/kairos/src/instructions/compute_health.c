/*
 * compute_health (view): both healths of a margin account, as return data
 * (init i64 LE ‖ maint i64 LE) and a HealthComputed event. Remaining accounts:
 * the account's health accounts (docs/ARCHITECTURE.md, "Health accounts").
 */
#include "anchor/event.h"
#include "health/health.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/margin_account.h"

/* The return data: two little-endian i64 (SBF is little-endian, so the struct
 * is the encoding). */
typedef struct HealthReturnData {
    i64 init;
    i64 maint;
} HealthReturnData;
_Static_assert(sizeof(HealthReturnData) == 16, "return data is init i64 LE then maint i64 LE");

u64 process_compute_health(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: ComputeHealth");
    ComputeHealthIxAccounts accounts;
    TRY(load_compute_health_accounts(input, &accounts));
    AccountView margin_account = accounts.margin_account;

    SolClock clock;
    sol_get_clock_sysvar(&clock);
    HealthRequest request = {
        .input = input,
        .first_health_account = KAIROS_COMPUTE_HEALTH_ACCOUNTS_LEN,
        .account = margin_account_state(margin_account),
        .clock = &clock,
    };
    HealthResult health;
    TRY(compute_health(&request, &health));

    HealthReturnData data = {health.init, health.maint};
    sol_set_return_data((const u8 *)&data, sizeof(data));
    HealthComputedEventRecord record = HEALTH_COMPUTED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &margin_account->key);
    record.event.init_health = health.init;
    record.event.maint_health = health.maint;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
