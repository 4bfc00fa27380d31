/*
 * Every instruction handler; the entrypoint dispatches to these.
 *
 * Each handler lives in its own file with a validation half (account checks) and
 * a handler half. The entrypoint has already checked, for every instruction but
 * initialize_exchange, that account 0 is the Exchange (owner, discriminator,
 * size) and that the instruction is not halted by its gate.
 */
#ifndef KAIROS_INSTRUCTIONS_H
#define KAIROS_INSTRUCTIONS_H

#include "sol/input.h"

typedef struct InstructionContext {
    const ProgramInput *input;
    /* The validated Exchange account; NULL for initialize_exchange. */
    AccountView exchange;
} InstructionContext;

u64 process_initialize_exchange(const InstructionContext *context);
u64 process_set_instruction_gate(const InstructionContext *context);
u64 process_create_oracle(const InstructionContext *context);
u64 process_update_oracle(const InstructionContext *context);
u64 process_add_collateral_asset(const InstructionContext *context);
u64 process_create_perp_market(const InstructionContext *context);
u64 process_create_margin_account(const InstructionContext *context);
u64 process_deposit(const InstructionContext *context);
u64 process_withdraw(const InstructionContext *context);
u64 process_place_order(const InstructionContext *context);
u64 process_cancel_order(const InstructionContext *context);
u64 process_cancel_all_orders(const InstructionContext *context);
u64 process_consume_events(const InstructionContext *context);
u64 process_settle_pnl(const InstructionContext *context);
u64 process_close_margin_account(const InstructionContext *context);
u64 process_compute_health(const InstructionContext *context);

#endif /* KAIROS_INSTRUCTIONS_H */
