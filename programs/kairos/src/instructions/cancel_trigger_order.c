/*
 * cancel_trigger_order: the owner closes a trigger order and, when it is half
 * of an OCO pair, its partner too (state/trigger_order.h, invariant 3); every
 * lamport of both goes back to the owner.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "state/margin_account.h"
#include "state/trigger_order.h"
#include "validate/links.h"
#include "validate/program_accounts.h"

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
    CancelTriggerOrderIxAccounts accounts;
    TRY(load_cancel_trigger_order_accounts(input, &accounts));
    AccountView trigger_account = accounts.trigger_order;
    AccountView margin_account = accounts.margin_account;
    AccountView owner = accounts.owner;
    AccountView linked = accounts.linked_trigger;
    /* has-one owner; a live order (a closed one is TriggerOrderNotActive, not
     * an Anchor account error) of this margin account; its OCO partner. */
    TRY(require_margin_account_owner(margin_account_state(margin_account), owner));
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
