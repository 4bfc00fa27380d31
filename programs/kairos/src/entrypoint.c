/*
 * Program entrypoint: parse the input buffer in place, check the Exchange and its
 * instruction gate once for every instruction that has one, dispatch on the 8-byte
 * Anchor discriminator, and log the error of a failed instruction.
 */
#include "anchor/errors.h"
#include "generated/kairos_idl.h"
#include "instructions/instructions.h"
#include "sol/input.h"
#include "state/exchange.h"
#include "validate/accounts.h"

typedef u64 (*InstructionHandler)(const InstructionContext *context);

/* Every instruction but initialize_exchange takes the Exchange as account 0. */
#define EXCHANGE_ACCOUNT_INDEX 0

/*
 * Validate account 0 as the Exchange and refuse halted instructions. The gate
 * cannot halt set_instruction_gate itself, so the admin can always reopen.
 */
static u64 open_exchange(const ProgramInput *input, u64 instruction_index,
                         AccountView *exchange) {
    TRY(require_account_count(input->account_count, EXCHANGE_ACCOUNT_INDEX + 1));
    AccountView account = input->accounts[EXCHANGE_ACCOUNT_INDEX];
    TRY(require_program_account(account, input->program_id, KAIROS_ACCOUNT_DISC_EXCHANGE,
                                KAIROS_EXCHANGE_ACCOUNT_SIZE));
    u64 gate = exchange_state(account)->instruction_gate;
    if (instruction_index != KAIROS_IX_INDEX_SET_INSTRUCTION_GATE &&
        (gate >> instruction_index) & 1) {
        return KAIROS_ERR_INSTRUCTION_HALTED;
    }
    *exchange = account;
    return KAIROS_OK;
}

static u64 run(const ProgramInput *input, u64 instruction_index, InstructionHandler handler) {
    InstructionContext context = {input, NULL};
    TRY(open_exchange(input, instruction_index, &context.exchange));
    return handler(&context);
}

static u64 dispatch(const ProgramInput *input) {
    if (input->data_len < DISCRIMINATOR_BYTES) {
        return ANCHOR_INSTRUCTION_MISSING;
    }
    /* A switch on the u64 compiles to a compare tree at cpu v2: a few jumps. */
    switch (*(const u64 *)input->data) {
    case KAIROS_IX_INITIALIZE_EXCHANGE: {
        InstructionContext context = {input, NULL};
        return process_initialize_exchange(&context);
    }
/* Every other instruction, from the IDL (generated/kairos_idl.h). */
#define KAIROS_DISPATCH_CASE(discriminator, gate_index, handler) \
    case discriminator:                                         \
        return run(input, gate_index, handler);
        KAIROS_FOR_EACH_GATED_INSTRUCTION(KAIROS_DISPATCH_CASE)
#undef KAIROS_DISPATCH_CASE
    default:
        return ANCHOR_INSTRUCTION_FALLBACK_NOT_FOUND;
    }
}

u64 entrypoint(const u8 *buffer) {
    ProgramInput input;
    if (!parse_input(buffer, &input)) {
        return ANCHOR_ACCOUNT_NOT_ENOUGH_KEYS;
    }
    u64 result = dispatch(&input);
    if (result != KAIROS_OK) {
        log_error(result);
    }
    return result;
}
