/*
 * update_oracle (oracle authority only): publish a new price and confidence,
 * stamped with the Clock's slot and unix time (the staleness check reads the slot).
 */
#include "anchor/event.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/oracle.h"
#include "validate/accounts.h"

typedef struct UpdateOracleAccounts {
    AccountView oracle;
    AccountView authority;
} UpdateOracleAccounts;

static u64 update_oracle_validate(const ProgramInput *input, UpdateOracleAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_UPDATE_ORACLE_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(UpdateOracleIxArgs)));
    accounts->oracle = input->accounts[KAIROS_UPDATE_ORACLE_ACCOUNT_ORACLE];
    accounts->authority = input->accounts[KAIROS_UPDATE_ORACLE_ACCOUNT_AUTHORITY];
    TRY(require_oracle_account(accounts->oracle, input->program_id));
    TRY(require_writable(accounts->oracle));
    TRY(require_signer(accounts->authority));
    if (!pubkey_eq(&oracle_state(accounts->oracle)->authority, &accounts->authority->key)) {
        return KAIROS_ERR_UNAUTHORIZED;
    }
    const UpdateOracleIxArgs *args =
        (const UpdateOracleIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    /* Readers refuse a non-positive price anyway; refusing it here keeps the
     * last good price in place. */
    return args->price > 0 ? KAIROS_OK : KAIROS_ERR_INVALID_ORACLE_PRICE;
}

u64 process_update_oracle(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: UpdateOracle");
    UpdateOracleAccounts accounts;
    TRY(update_oracle_validate(input, &accounts));
    const UpdateOracleIxArgs *args =
        (const UpdateOracleIxArgs *)(input->data + DISCRIMINATOR_BYTES);

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
