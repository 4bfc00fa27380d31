/*
 * Program entrypoint: parse the input buffer in place, dispatch on the 8-byte
 * Anchor instruction discriminator, and log the error of a failed instruction.
 */
#include "anchor/errors.h"
#include "generated/kairos_idl.h"
#include "instructions/instructions.h"
#include "sol/input.h"
#include "validate/accounts.h"

static u64 dispatch(const ProgramInput *input) {
    if (input->data_len < DISCRIMINATOR_BYTES_IX) {
        return ANCHOR_INSTRUCTION_MISSING;
    }
    /* A switch on the u64 compiles to a compare tree at cpu v2: a handful of
     * jumps even with every instruction listed. */
    switch (*(const u64 *)input->data) {
    case KAIROS_IX_INITIALIZE_EXCHANGE:
        return process_initialize_exchange(input);
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
