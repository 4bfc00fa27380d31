/* The matching loop (see matching/match.h). */
#include "matching/match.h"

#include "anchor/errors.h"
#include "math/checked.h"

/* Push the maker fill of `lots` against the resting order `maker`; the queue
 * has room (checked by the caller). The maker is out when the fill uses up
 * its visible part and it has no iceberg reserve left. */
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
    event->maker_out = lots == maker->base_lots && maker->hidden_lots == 0;
    event->maker_slot = maker->owner_slot;
    event->event_type = FILL_EVENT_TYPE_FILL;
}

/* Push the Out event of the expired resting order `maker` (all its lots, so
 * consume_events releases its whole reservation and its OpenOrder slot); the
 * queue has room. taker_side is the opposite of the maker's side, as in fills. */
static void push_maker_out(EventQueue *queue, const TakerOrder *order, const BookOrder *maker,
                           u8 maker_side) {
    FillEvent *event = event_queue_push(queue);
    pubkey_copy(&event->maker, &maker->owner);
    pubkey_copy(&event->taker, order->taker);
    event->maker_order_id = maker->order_id;
    event->price = maker->price;
    event->base_lots = book_order_total_lots(maker);
    event->timestamp = order->timestamp;
    event->taker_side = opposite_side(maker_side);
    event->maker_out = 1;
    event->maker_slot = maker->owner_slot;
    event->event_type = FILL_EVENT_TYPE_OUT;
}

void match_result_init(const EventQueue *queue, MatchResult *result) {
    result->filled_base_lots = 0;
    result->filled_quote = 0;
    result->first_event_offset = queue->count;
    result->maker_fills = 0;
    result->self_trade_count = 0;
    result->events_pushed = 0;
    result->stop = MATCH_STOP_COMPLETE;
}

/* Room for one more event of this order: under its match_limit and in the
 * queue; otherwise records why not in `result`. */
static bool event_room(const EventQueue *queue, const TakerOrder *order, MatchResult *result) {
    if (result->events_pushed >= order->match_limit) {
        result->stop = MATCH_STOP_MATCH_LIMIT;
        return false;
    }
    if (event_queue_is_full(queue)) {
        result->stop = MATCH_STOP_QUEUE_FULL;
        return false;
    }
    return true;
}

/* True when the resting order `maker` must not trade with `order`: expired
 * (invariant 7 of state/orderbook.h) or priced outside the fill band. */
KAIROS_INLINE bool unmatchable(const BookOrder *maker, const TakerOrder *order) {
    return book_order_expired(maker, order->timestamp) || maker->price < order->band_low ||
           maker->price > order->band_high;
}

/* Take the best order of `side` out of the book with an Out event.
 * False (nothing done) when there is no room for the event. */
static bool remove_best_out(Orderbook *book, EventQueue *queue, const TakerOrder *order,
                                u8 side, MatchResult *result) {
    if (!event_room(queue, order, result)) {
        return false;
    }
    u32 *count = book_side_count(book, side);
    push_maker_out(queue, order, &book_side_orders(book, side)[*count - 1], side);
    result->events_pushed += 1;
    book_remove(book, side, *count - 1);
    return true;
}

void purge_unmatchable_best(Orderbook *book, EventQueue *queue, const TakerOrder *order, u8 side,
                            MatchResult *result) {
    BookOrder *best = book_best(book, side);
    /* Each pass removes an order or stops: at most BOOK_SIDE_CAPACITY passes. */
    while (best != NULL && unmatchable(best, order)) {
        if (!remove_best_out(book, queue, order, side, result)) {
            return;
        }
        best = book_best(book, side);
    }
}

/* The taker meets its own resting order `best` (self-trade prevention, see
 * matching/match.h). Returns KAIROS_OK with *stop set when the loop must end. */
static u64 handle_self_trade(Orderbook *book, const TakerOrder *order, u64 *remaining,
                             MatchResult *result, bool *stop) {
    u8 maker_side = opposite_side(order->side);
    u32 top = *book_side_count(book, maker_side) - 1;
    BookOrder *best = &book_side_orders(book, maker_side)[top];
    *stop = false;
    if (order->self_trade_behavior == KAIROS_SELF_TRADE_BEHAVIOR_ABORT) {
        return KAIROS_ERR_SELF_TRADE_ABORTED;
    }
    if (result->self_trade_count >= KAIROS_MAX_OPEN_ORDERS) {
        result->stop = MATCH_STOP_SELF_TRADE_LIMIT;
        *stop = true;
        return KAIROS_OK;
    }
    CancelledOrder *entry = &result->self_trades[result->self_trade_count];
    cancelled_order_from_book(best, maker_side, entry);
    result->self_trade_count += 1;
    if (order->self_trade_behavior == KAIROS_SELF_TRADE_BEHAVIOR_DECREMENT_TAKING) {
        u64 lots = *remaining < best->base_lots ? *remaining : best->base_lots;
        *remaining -= lots;
        entry->base_lots = lots;
        entry->keeps_slot = !book_take_from_best(book, maker_side, lots);
        return KAIROS_OK;
    }
    book_remove(book, maker_side, top);
    return KAIROS_OK;
}

u64 match_order(Orderbook *book, EventQueue *queue, const TakerOrder *order, MatchResult *result) {
    u8 maker_side = opposite_side(order->side);
    u32 *maker_count = book_side_count(book, maker_side);
    BookOrder *makers = book_side_orders(book, maker_side);
    match_result_init(queue, result);

    u64 remaining = order->max_base_lots;
    /* Every pass either ends the loop, removes an order, or pushes an event or
     * decrements the taker: bounded by BOOK_SIDE_CAPACITY removals,
     * match_limit events and MAX_OPEN_ORDERS self-trade entries. */
    while (remaining > 0 && *maker_count > 0) {
        BookOrder *best = &makers[*maker_count - 1];
        if (!taker_crosses(order->side, order->limit_price, best->price)) {
            break;
        }
        if (unmatchable(best, order)) {
            if (!remove_best_out(book, queue, order, maker_side, result)) {
                break;
            }
            continue;
        }
        if (pubkey_eq(&best->owner, order->taker)) {
            bool stop;
            TRY(handle_self_trade(book, order, &remaining, result, &stop));
            if (stop) {
                break;
            }
            continue;
        }
        if (!event_room(queue, order, result)) {
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
        result->events_pushed += 1;
        remaining -= lots;
        (void)book_take_from_best(book, maker_side, lots);
    }
    return KAIROS_OK;
}

u64 book_insert_evicting(Orderbook *book, u8 side, const BookOrder *resting,
                         BookEviction *eviction) {
    EventQueue *queue = eviction->queue;
    eviction->did_evict = false;
    u32 *count = book_side_count(book, side);
    if (*count >= KAIROS_BOOK_SIDE_CAPACITY) {
        /* Invariant 1: the worst order is first. Only a strictly better price
         * evicts, so an order can never be pushed out by one of equal price
         * (time priority) and a full side of good orders stays as it is. */
        BookOrder *worst = &book_side_orders(book, side)[0];
        if (price_at_least_as_good(side, worst->price, resting->price) ||
            event_queue_is_full(queue)) {
            return KAIROS_ERR_BOOK_FULL;
        }
        eviction->evicted = *worst;
        push_maker_out(queue, eviction->order, worst, side);
        eviction->result->events_pushed += 1;
        book_remove(book, side, 0);
        eviction->did_evict = true;
    }
    return book_insert(book, side, resting);
}
