/* TriggerOrder helpers (see state/trigger_order.h). */
#include "state/trigger_order.h"

#include "cpi/system.h"
#include "math/checked.h"
#include "sol/lamports.h"
#include "state/margin_account.h"

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

