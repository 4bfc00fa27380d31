/*
 * create_oracle: create an Oracle PDA (["oracle", authority, seed u64 LE]) whose
 * signer becomes its authority (the only key that may update it), published now.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/oracle.h"
#include "validate/accounts.h"
#include "validate/pda.h"

typedef struct CreateOracleAccounts {
    AccountView oracle;
    AccountView authority;
    AccountView system_program;
    PdaSigner oracle_signer;
} CreateOracleAccounts;

static u64 create_oracle_validate(const ProgramInput *input, CreateOracleAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CREATE_ORACLE_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CreateOracleIxArgs)));
    const CreateOracleArgs *args =
        &((const CreateOracleIxArgs *)(input->data + DISCRIMINATOR_BYTES))->args;
    accounts->oracle = input->accounts[KAIROS_CREATE_ORACLE_ACCOUNT_ORACLE];
    accounts->authority = input->accounts[KAIROS_CREATE_ORACLE_ACCOUNT_AUTHORITY];
    accounts->system_program = input->accounts[KAIROS_CREATE_ORACLE_ACCOUNT_SYSTEM_PROGRAM];

    TRY(require_signer(accounts->authority));
    TRY(require_writable(accounts->authority));
    TRY(require_writable(accounts->oracle));
    TRY(require_program(accounts->system_program, &SYSTEM_PROGRAM_ID));
    /* The seed argument's bytes, read in place, are its u64 little-endian encoding. */
    SolSignerSeed seeds[3] = {LITERAL_SEED(ORACLE_SEED),
                              {accounts->authority->key.x, PUBKEY_BYTES},
                              {(const u8 *)args + __builtin_offsetof(CreateOracleArgs, seed),
                               sizeof(u64)}};
    TRY(require_canonical_pda(accounts->oracle, seeds, SEED_COUNT(seeds), input->program_id,
                              &accounts->oracle_signer));
    return args->price > 0 ? KAIROS_OK : KAIROS_ERR_INVALID_ORACLE_PRICE;
}

u64 process_create_oracle(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CreateOracle");
    CreateOracleAccounts accounts;
    TRY(create_oracle_validate(input, &accounts));
    const CreateOracleArgs *args =
        &((const CreateOracleIxArgs *)(input->data + DISCRIMINATOR_BYTES))->args;

    CreatePdaAccount create = {
        .payer = accounts.authority,
        .new_account = accounts.oracle,
        .system_program = accounts.system_program,
        .space = KAIROS_ORACLE_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts.oracle_signer.signer,
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
    oracle->bump = accounts.oracle_signer.bump;

    OracleCreatedEventRecord record = ORACLE_CREATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.oracle, &accounts.oracle->key);
    pubkey_copy(&record.event.authority, &accounts.authority->key);
    record.event.price = args->price;
    record.event.confidence = args->confidence;
    record.event.exponent = args->exponent;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
