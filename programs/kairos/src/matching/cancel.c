/* Cancelling resting orders (see matching/cancel.h). */
#include "matching/cancel.h"

#include "anchor/errors.h"
#include "anchor/event.h"
#include "state/open_orders.h"
#include "state/perp_position.h"

void cancelled_order_from_book(const BookOrder *order, u8 side, CancelledOrder *out) {
    CancelledOrder cancelled = {
        .order_id = order->order_id,
        .client_order_id = order->client_order_id,
        .price = order->price,
        .base_lots = book_order_total_lots(order),
        .side = side,
        .owner_slot = order->owner_slot,
    };
    *out = cancelled;
}

u64 release_cancelled_order(const CancelOwner *owner, const CancelledOrder *order) {
    OpenOrder *slot =
        open_order_at(owner->account, order->owner_slot, owner->market_index, order->order_id);
    if (slot == NULL) {
        return KAIROS_ERR_ORDER_NOT_FOUND;
    }
    PerpPosition *position = perp_position_find(owner->account, owner->market_index);
    if (position == NULL) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    TRY(perp_position_release(position, order->side, order->base_lots, order->price));
    if (!order->keeps_slot) {
        open_order_remove(slot);
    }

    OrderCancelledEventRecord record = ORDER_CANCELLED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, owner->account_key);
    pubkey_copy(&record.event.market, owner->market_key);
    record.event.order_id = order->order_id;
    record.event.client_order_id = order->client_order_id;
    record.event.side = order->side;
    record.event.price = order->price;
    record.event.base_lots = order->base_lots;
    EMIT_EVENT(record);
    return KAIROS_OK;
}

u64 cancel_book_order(const CancelOwner *owner, Orderbook *book, u8 side, u32 index) {
    CancelledOrder cancelled;
    cancelled_order_from_book(&book_side_orders(book, side)[index], side, &cancelled);
    book_remove(book, side, index);
    return release_cancelled_order(owner, &cancelled);
}
