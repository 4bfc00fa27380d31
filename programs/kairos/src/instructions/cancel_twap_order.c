/*
 * cancel_twap_order: the owner closes a TWAP order at any time (also once
 * finished); the rent and the unused escrow go back to the owner. Fills made
 * so far stay (they are ordinary fills of the margin account).
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "orders/escrow.h"
#include "sol/log.h"
#include "state/twap_order.h"

u64 process_cancel_twap_order(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CancelTwapOrder");
    CancelTwapOrderIxAccounts accounts;
    TRY(load_cancel_twap_order_accounts(input, &accounts));
    AccountView twap_account = accounts.twap_order;
    AccountView owner = accounts.owner;
    const TwapOrder *twap = twap_order_state(twap_account);
    if (!pubkey_eq(&twap->owner, &owner->key)) {
        return KAIROS_ERR_UNAUTHORIZED;
    }
    TwapOrderCancelledEventRecord record = TWAP_ORDER_CANCELLED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.twap_order, &twap_account->key);
    record.event.executed_slices = twap->executed_slices;
    record.event.filled_base_lots = twap->filled_base_lots;
    record.event.refunded_lamports = twap_account->lamports;
    TRY(close_program_account(twap_account, owner));
    EMIT_EVENT(record);
    return KAIROS_OK;
}
