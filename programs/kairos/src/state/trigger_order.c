/* TriggerOrder helpers (see state/trigger_order.h). */
#include "state/trigger_order.h"

#include "cpi/system.h"
#include "math/checked.h"
#include "sol/lamports.h"
#include "state/margin_account.h"

u64 require_live_trigger_order(AccountView account, const SolPubkey *program_id) {
    if (account->lamports == 0 || account->data_len == 0) {
        return KAIROS_ERR_TRIGGER_ORDER_NOT_ACTIVE;
    }
    if (pubkey_eq(&account->owner, program_id) &&
        account->data_len == KAIROS_TRIGGER_ORDER_ACCOUNT_SIZE &&
        *(const u64 *)account_data(account) == 0) {
        return KAIROS_ERR_TRIGGER_ORDER_NOT_ACTIVE;
    }
    return require_program_account(account, program_id, KAIROS_ACCOUNT_DISC_TRIGGER_ORDER,
                                   KAIROS_TRIGGER_ORDER_ACCOUNT_SIZE);
}

u64 trigger_order_close(AccountView trigger, AccountView destination, MarginAccount *margin) {
    TRY(lamports_move(trigger, destination, trigger->lamports));
    __builtin_memset(account_data(trigger), 0, KAIROS_TRIGGER_ORDER_ACCOUNT_SIZE);
    /* The runtime reads the new length and owner back from the input buffer (a
     * program may shrink its own account and assign it once it is zeroed), so
     * the address is free again at once: the same id can be reused. */
    trigger->data_len = 0;
    pubkey_copy(&trigger->owner, &SYSTEM_PROGRAM_ID);
    /* Invariant 1: a live trigger is counted, so the count is >= 1 here. */
    if (margin->trigger_order_count == 0) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    margin->trigger_order_count -= 1;
    return KAIROS_OK;
}

u64 require_linked_trigger(const TriggerOrder *trigger, AccountView linked,
                           const SolPubkey *program_id, AccountView *partner) {
    *partner = NULL;
    if (pubkey_is_zero(&trigger->linked_trigger)) {
        return pubkey_eq(&linked->key, program_id) ? KAIROS_OK
                                                   : KAIROS_ERR_LINKED_TRIGGER_MISMATCH;
    }
    if (!pubkey_eq(&linked->key, &trigger->linked_trigger)) {
        return KAIROS_ERR_LINKED_TRIGGER_MISMATCH;
    }
    TRY(require_writable(linked));
    /* Invariant 3: a linked partner is live whenever this order is. */
    TRY(require_live_trigger_order(linked, program_id));
    *partner = linked;
    return KAIROS_OK;
}
