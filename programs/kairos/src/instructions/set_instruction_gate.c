/*
 * set_instruction_gate (admin): replace the Exchange's instruction gate. Bit i
 * halts the instruction at position i of the IDL (IX_INDEX); the gate never
 * halts this instruction itself, so the admin can always reopen.
 */
#include "anchor/event.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "validate/accounts.h"

typedef struct SetInstructionGateAccounts {
    AccountView exchange;
    AccountView admin;
} SetInstructionGateAccounts;

static u64 set_instruction_gate_validate(const InstructionContext *context,
                                         SetInstructionGateAccounts *accounts) {
    const ProgramInput *input = context->input;
    TRY(require_account_count(input->account_count, KAIROS_SET_INSTRUCTION_GATE_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetInstructionGateIxArgs)));
    accounts->exchange = context->exchange;
    accounts->admin = input->accounts[KAIROS_SET_INSTRUCTION_GATE_ACCOUNT_ADMIN];
    TRY(require_writable(accounts->exchange));
    return require_exchange_admin(accounts->exchange, accounts->admin);
}

u64 process_set_instruction_gate(const InstructionContext *context) {
    LOG_LITERAL("Instruction: SetInstructionGate");
    SetInstructionGateAccounts accounts;
    TRY(set_instruction_gate_validate(context, &accounts));
    const SetInstructionGateIxArgs *args =
        (const SetInstructionGateIxArgs *)(context->input->data + DISCRIMINATOR_BYTES);

    Exchange *exchange = exchange_state(accounts.exchange);
    InstructionGateSetEventRecord record = INSTRUCTION_GATE_SET_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.admin, &accounts.admin->key);
    record.event.previous_gate = exchange->instruction_gate;
    record.event.gate = args->gate;
    exchange->instruction_gate = args->gate;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
