/* OpenOrder slots (invariants in state/open_orders.h). */
#include "state/open_orders.h"

#include "anchor/errors.h"

u64 open_order_add(MarginAccount *account, const OpenOrder *order, u8 *slot) {
    for (u64 i = 0; i < KAIROS_MAX_OPEN_ORDERS; i++) {
        OpenOrder *candidate = &account->open_orders[i];
        if (candidate->active != SLOT_ACTIVE) {
            *candidate = *order;
            candidate->active = SLOT_ACTIVE;
            *slot = (u8)i;
            return KAIROS_OK;
        }
    }
    return KAIROS_ERR_OPEN_ORDER_LIMIT;
}

OpenOrder *open_order_at(MarginAccount *account, u8 slot, u16 market_index, u64 order_id) {
    if (slot >= KAIROS_MAX_OPEN_ORDERS) {
        return NULL;
    }
    OpenOrder *order = &account->open_orders[slot];
    if (order->active != SLOT_ACTIVE || order->market_index != market_index ||
        order->order_id != order_id) {
        return NULL;
    }
    return order;
}

void open_order_remove(OpenOrder *order) {
    OpenOrder empty = {0};
    *order = empty;
}
