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
    case KAIROS_IX_SET_INSTRUCTION_GATE:
        return run(input, KAIROS_IX_INDEX_SET_INSTRUCTION_GATE, process_set_instruction_gate);
    case KAIROS_IX_CREATE_ORACLE:
        return run(input, KAIROS_IX_INDEX_CREATE_ORACLE, process_create_oracle);
    case KAIROS_IX_UPDATE_ORACLE:
        return run(input, KAIROS_IX_INDEX_UPDATE_ORACLE, process_update_oracle);
    case KAIROS_IX_ADD_COLLATERAL_ASSET:
        return run(input, KAIROS_IX_INDEX_ADD_COLLATERAL_ASSET, process_add_collateral_asset);
    case KAIROS_IX_CREATE_PERP_MARKET:
        return run(input, KAIROS_IX_INDEX_CREATE_PERP_MARKET, process_create_perp_market);
    case KAIROS_IX_CREATE_MARGIN_ACCOUNT:
        return run(input, KAIROS_IX_INDEX_CREATE_MARGIN_ACCOUNT, process_create_margin_account);
    case KAIROS_IX_DEPOSIT:
        return run(input, KAIROS_IX_INDEX_DEPOSIT, process_deposit);
    case KAIROS_IX_WITHDRAW:
        return run(input, KAIROS_IX_INDEX_WITHDRAW, process_withdraw);
    case KAIROS_IX_PLACE_ORDER:
        return run(input, KAIROS_IX_INDEX_PLACE_ORDER, process_place_order);
    case KAIROS_IX_CANCEL_ORDER:
        return run(input, KAIROS_IX_INDEX_CANCEL_ORDER, process_cancel_order);
    case KAIROS_IX_CANCEL_ALL_ORDERS:
        return run(input, KAIROS_IX_INDEX_CANCEL_ALL_ORDERS, process_cancel_all_orders);
    case KAIROS_IX_CONSUME_EVENTS:
        return run(input, KAIROS_IX_INDEX_CONSUME_EVENTS, process_consume_events);
    case KAIROS_IX_SETTLE_PNL:
        return run(input, KAIROS_IX_INDEX_SETTLE_PNL, process_settle_pnl);
    case KAIROS_IX_CLOSE_MARGIN_ACCOUNT:
        return run(input, KAIROS_IX_INDEX_CLOSE_MARGIN_ACCOUNT, process_close_margin_account);
    case KAIROS_IX_COMPUTE_HEALTH:
        return run(input, KAIROS_IX_INDEX_COMPUTE_HEALTH, process_compute_health);
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
