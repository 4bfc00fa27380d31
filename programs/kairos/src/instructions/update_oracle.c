/*
 * update_oracle (oracle authority only): publish a new price and confidence,
 * stamped with the Clock's slot and unix time (the staleness check reads the slot).
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/oracle.h"

/* has-one: the oracle's own authority signed (the loader checked the signature). */
static u64 validate_update_oracle(const UpdateOracleIxAccounts *accounts) {
    if (!pubkey_eq(&oracle_state(accounts->oracle)->authority, &accounts->authority->key)) {
        return KAIROS_ERR_UNAUTHORIZED;
    }
    const UpdateOracleIxArgs *args = accounts->args;
    /* Readers refuse a non-positive price anyway; refusing it here keeps the
     * last good price in place. */
    return args->price > 0 ? KAIROS_OK : KAIROS_ERR_INVALID_ORACLE_PRICE;
}

u64 process_update_oracle(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: UpdateOracle");
    UpdateOracleIxAccounts accounts;
    TRY(load_update_oracle_accounts(input, &accounts));
    TRY(validate_update_oracle(&accounts));
    const UpdateOracleIxArgs *args = accounts.args;

    SolClock clock;
    sol_get_clock_sysvar(&clock);
    Oracle *oracle = oracle_state(accounts.oracle);
    oracle->price = args->price;
    oracle->confidence = args->confidence;
    oracle->publish_slot = clock.slot;
    oracle->publish_time = clock.unix_timestamp;

    OracleUpdatedEventRecord record = ORACLE_UPDATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.oracle, &accounts.oracle->key);
    record.event.price = args->price;
    record.event.confidence = args->confidence;
    record.event.slot = clock.slot;
    record.event.unix_timestamp = clock.unix_timestamp;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
