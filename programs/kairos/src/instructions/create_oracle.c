/*
 * create_oracle: create an Oracle PDA (["oracle", authority, seed u64 LE]) whose
 * signer becomes its authority (the only key that may update it), published now.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/oracle.h"

/* After the PDA ["oracle", authority, seed as u64 LE]: a positive price. */
static u64 validate_create_oracle(const CreateOracleIxAccounts *accounts) {
    return accounts->args->args.price > 0 ? KAIROS_OK : KAIROS_ERR_INVALID_ORACLE_PRICE;
}

u64 process_create_oracle(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CreateOracle");
    CreateOracleIxAccounts accounts;
    TRY(load_create_oracle_accounts(input, &accounts));
    TRY(derive_create_oracle_pdas(input, &accounts));
    TRY(validate_create_oracle(&accounts));
    const CreateOracleArgs *args = &accounts.args->args;

    CreatePdaAccount create = {
        .payer = accounts.authority,
        .new_account = accounts.oracle,
        .system_program = accounts.system_program,
        .space = KAIROS_ORACLE_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts.oracle_pda.signer,
    };
    TRY(create_pda_account(&create));

    SolClock clock;
    sol_get_clock_sysvar(&clock);
    *(u64 *)account_data(accounts.oracle) = KAIROS_ACCOUNT_DISC_ORACLE;
    Oracle *oracle = oracle_state(accounts.oracle);
    pubkey_copy(&oracle->authority, &accounts.authority->key);
    oracle->price = args->price;
    oracle->confidence = args->confidence;
    oracle->publish_slot = clock.slot;
    oracle->publish_time = clock.unix_timestamp;
    oracle->seed = args->seed;
    oracle->exponent = args->exponent;
    oracle->bump = accounts.oracle_pda.bump;

    OracleCreatedEventRecord record = ORACLE_CREATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.oracle, &accounts.oracle->key);
    pubkey_copy(&record.event.authority, &accounts.authority->key);
    record.event.price = args->price;
    record.event.confidence = args->confidence;
    record.event.exponent = args->exponent;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
