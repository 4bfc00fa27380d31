/*
 * Every instruction handler; the entrypoint dispatches to these.
 *
 * Each handler lives in its own file: it runs its generated loader
 * (load_<name>_accounts, generated/kairos_accounts.h: the checks the IDL knows),
 * then its semantic half (validate_<name>: links, business rules), then acts.
 * The entrypoint has already checked, for every instruction but
 * initialize_exchange, that account 0 is the Exchange (owner, discriminator,
 * size) and that the instruction is not halted by its gate.
 */
#ifndef KAIROS_INSTRUCTIONS_H
#define KAIROS_INSTRUCTIONS_H

#include "generated/kairos_idl.h"
#include "sol/input.h"

typedef struct InstructionContext {
    const ProgramInput *input;
    /* The validated Exchange account; NULL for initialize_exchange. */
    AccountView exchange;
} InstructionContext;

u64 process_initialize_exchange(const InstructionContext *context);

/* One handler per instruction of the IDL, each in instructions/<name>.c. */
#define KAIROS_DECLARE_HANDLER(discriminator, gate_index, handler) \
    u64 handler(const InstructionContext *context);
KAIROS_FOR_EACH_GATED_INSTRUCTION(KAIROS_DECLARE_HANDLER)
#undef KAIROS_DECLARE_HANDLER

#endif /* KAIROS_INSTRUCTIONS_H */
