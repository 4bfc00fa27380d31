/*
 * cancel_trigger_order: the owner closes a trigger order and, when it is half
 * of an OCO pair, its partner too (state/trigger_order.h, invariant 3); every
 * lamport of both goes back to the owner.
 */
#include "anchor/event.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "state/margin_account.h"
#include "state/trigger_order.h"
#include "validate/accounts.h"
#include "validate/perp_accounts.h"

/* Log TriggerOrderCancelled for the live trigger order `account`. */
void emit_trigger_order_cancelled(AccountView account) {
    const TriggerOrder *trigger = trigger_order_state(account);
    TriggerOrderCancelledEventRecord record = TRIGGER_ORDER_CANCELLED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &trigger->margin_account);
    pubkey_copy(&record.event.trigger_order, &account->key);
    record.event.id = trigger->id;
    EMIT_EVENT(record);
}

u64 process_cancel_trigger_order(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CancelTriggerOrder");
    TRY(require_account_count(input->account_count, KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CancelTriggerOrderIxArgs)));
    AccountView trigger_account = input->accounts[KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_TRIGGER_ORDER];
    AccountView margin_account = input->accounts[KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_MARGIN_ACCOUNT];
    AccountView owner = input->accounts[KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_OWNER];
    AccountView linked = input->accounts[KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_LINKED_TRIGGER];

    TRY(require_owned_margin_account(margin_account, owner, input->program_id));
    TRY(require_writable(owner));
    TRY(require_writable(trigger_account));
    TRY(require_live_trigger_order(trigger_account, input->program_id));
    const TriggerOrder *trigger = trigger_order_state(trigger_account);
    if (!pubkey_eq(&trigger->margin_account, &margin_account->key)) {
        return ANCHOR_CONSTRAINT_HAS_ONE;
    }
    AccountView partner;
    TRY(require_linked_trigger(trigger, linked, input->program_id, &partner));

    MarginAccount *margin = margin_account_state(margin_account);
    emit_trigger_order_cancelled(trigger_account);
    TRY(trigger_order_close(trigger_account, owner, margin));
    if (partner != NULL) {
        emit_trigger_order_cancelled(partner);
        TRY(trigger_order_close(partner, owner, margin));
    }
    return KAIROS_OK;
}
