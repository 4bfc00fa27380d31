/*
 * OpenOrder slots of a MarginAccount: one per resting order of the account
 * (any market), so the owner can cancel by order id or client order id and
 * the crank can free the slot of a filled order.
 *
 * Invariants:
 *  1. An active slot (active == SLOT_ACTIVE) describes an order of the account
 *     that rests in its market's book, or that left the book by a fill still
 *     waiting in the event queue (maker_out); an inactive slot is all zero.
 *  2. The slot index is the order's BookOrder.owner_slot (and its fills'
 *     FillEvent.maker_slot); slots never move while active.
 *  3. Order ids are unique per market, so (market_index, order_id) names at
 *     most one active slot.
 */
#ifndef KAIROS_STATE_OPEN_ORDERS_H
#define KAIROS_STATE_OPEN_ORDERS_H

#include "generated/kairos_idl.h"
#include "state/margin_account.h"

_Static_assert(sizeof(((MarginAccount *)0)->open_orders) / sizeof(OpenOrder) ==
                   KAIROS_MAX_OPEN_ORDERS,
               "one slot per allowed open order");
_Static_assert(KAIROS_MAX_OPEN_ORDERS <= 0xFF, "a slot index fits BookOrder.owner_slot (u8)");

/* Store `order` (its `active` is set here) in the first free slot and return
 * the slot index; OpenOrderLimit when every slot is taken. */
u64 open_order_add(MarginAccount *account, const OpenOrder *order, u8 *slot);

/* True when `order` is an active slot of `market_index` whose order id (or,
 * when `by_client_id`, client order id) is `id`. Client ids need not be unique:
 * callers scan every slot. */
KAIROS_INLINE bool open_order_matches(const OpenOrder *order, u16 market_index, u64 id,
                                      bool by_client_id) {
    u64 order_key = by_client_id ? order->client_order_id : order->order_id;
    return order->active == SLOT_ACTIVE && order->market_index == market_index && order_key == id;
}

/* The slot `slot` if it is active and holds `order_id` of `market_index`, else
 * NULL (a stale reference: refused by the callers). */
OpenOrder *open_order_at(MarginAccount *account, u8 slot, u16 market_index, u64 order_id);

/* Free a slot (invariant 1: inactive slots are all zero). */
void open_order_remove(OpenOrder *order);

#endif /* KAIROS_STATE_OPEN_ORDERS_H */
