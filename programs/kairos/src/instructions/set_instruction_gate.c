/*
 * set_instruction_gate (admin): replace the Exchange's instruction gate. Bit i
 * halts the instruction at position i of the IDL (IX_INDEX); the gate never
 * halts this instruction itself, so the admin can always reopen.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "validate/links.h"

u64 process_set_instruction_gate(const InstructionContext *context) {
    LOG_LITERAL("Instruction: SetInstructionGate");
    SetInstructionGateIxAccounts accounts;
    TRY(load_set_instruction_gate_accounts(context->input, &accounts));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    const SetInstructionGateIxArgs *args = accounts.args;

    Exchange *exchange = exchange_state(accounts.exchange);
    InstructionGateSetEventRecord record = INSTRUCTION_GATE_SET_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.admin, &accounts.admin->key);
    record.event.previous_gate = exchange->instruction_gate;
    record.event.gate = args->gate;
    exchange->instruction_gate = args->gate;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
