/* The matching loop (see matching/match.h). */
#include "matching/match.h"

#include "anchor/errors.h"
#include "math/checked.h"

/* Push the maker fill of `lots` against the resting order `maker`; the queue
 * has room (checked by the caller). */
static void push_maker_fill(EventQueue *queue, const TakerOrder *order, const BookOrder *maker,
                            u64 lots) {
    FillEvent *event = event_queue_push(queue);
    pubkey_copy(&event->maker, &maker->owner);
    pubkey_copy(&event->taker, order->taker);
    event->maker_order_id = maker->order_id;
    event->price = maker->price;
    event->base_lots = lots;
    event->timestamp = order->timestamp;
    event->taker_side = order->side;
    event->maker_out = lots == maker->base_lots;
    event->maker_slot = maker->owner_slot;
    event->event_type = FILL_EVENT_TYPE_FILL;
}

u64 match_order(Orderbook *book, EventQueue *queue, const TakerOrder *order, MatchResult *result) {
    u8 maker_side = opposite_side(order->side);
    u32 *maker_count = book_side_count(book, maker_side);
    BookOrder *makers = book_side_orders(book, maker_side);

    result->filled_base_lots = 0;
    result->filled_quote = 0;
    result->first_event_offset = queue->count;
    result->maker_fills = 0;
    result->self_trade_count = 0;
    result->stop = MATCH_STOP_COMPLETE;

    u64 remaining = order->max_base_lots;
    /* Every pass either ends the loop or removes or fills an order: at most
     * BOOK_SIDE_CAPACITY self-trade removals and match_limit fills. */
    while (remaining > 0 && *maker_count > 0) {
        BookOrder *best = &makers[*maker_count - 1];
        if (!taker_crosses(order->side, order->limit_price, best->price)) {
            break;
        }
        if (pubkey_eq(&best->owner, order->taker)) {
            if (result->self_trade_count >= KAIROS_MAX_OPEN_ORDERS) {
                result->stop = MATCH_STOP_SELF_TRADE_LIMIT;
                break;
            }
            cancelled_order_from_book(best, maker_side,
                                      &result->self_trades[result->self_trade_count]);
            result->self_trade_count += 1;
            book_remove(book, maker_side, *maker_count - 1);
            continue;
        }
        if (result->maker_fills >= order->match_limit) {
            result->stop = MATCH_STOP_MATCH_LIMIT;
            break;
        }
        if (event_queue_is_full(queue)) {
            result->stop = MATCH_STOP_QUEUE_FULL;
            break;
        }
        u64 lots = remaining < best->base_lots ? remaining : best->base_lots;
        u64 quote;
        u64 filled_quote;
        if (!u64_checked_mul(best->price, lots, &quote) ||
            !u64_checked_add(result->filled_quote, quote, &filled_quote)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        push_maker_fill(queue, order, best, lots);
        result->filled_quote = filled_quote;
        /* lots <= remaining and lots <= best->base_lots: no underflow. */
        result->filled_base_lots += lots;
        result->maker_fills += 1;
        remaining -= lots;
        best->base_lots -= lots;
        if (best->base_lots == 0) {
            book_remove(book, maker_side, *maker_count - 1);
        }
    }
    return KAIROS_OK;
}
