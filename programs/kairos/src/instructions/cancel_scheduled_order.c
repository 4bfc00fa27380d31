/*
 * cancel_scheduled_order: the owner closes a scheduled order at any time; the
 * rent and the unused escrow go back to the owner.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "orders/escrow.h"
#include "sol/log.h"
#include "state/twap_order.h"

u64 process_cancel_scheduled_order(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CancelScheduledOrder");
    CancelScheduledOrderIxAccounts accounts;
    TRY(load_cancel_scheduled_order_accounts(input, &accounts));
    AccountView schedule_account = accounts.scheduled_order;
    AccountView owner = accounts.owner;
    const ScheduledOrder *schedule = scheduled_order_state(schedule_account);
    if (!pubkey_eq(&schedule->owner, &owner->key)) {
        return KAIROS_ERR_UNAUTHORIZED;
    }
    ScheduledOrderCancelledEventRecord record = SCHEDULED_ORDER_CANCELLED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.scheduled_order, &schedule_account->key);
    record.event.run_count = schedule->run_count;
    record.event.refunded_lamports = schedule_account->lamports;
    TRY(close_program_account(schedule_account, owner));
    EMIT_EVENT(record);
    return KAIROS_OK;
}
