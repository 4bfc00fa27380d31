/*
 * The Orderbook account: both sides of a perp market's book, in place.
 *
 * The account is 20 KiB: it is never copied. Every function works on the
 * account's bytes through a pointer, and inserts and removals shift the tail of
 * one side with one sol_memmove_ syscall (about 40 CU for a full side).
 *
 * Invariants (every function keeps them; the matching loop relies on them):
 *  1. Each side holds `count` orders in [0, count) sorted by increasing
 *     priority, so the best order is LAST (index count - 1) and taking it is a
 *     decrement. Priority is price first (bids: higher is better; asks: lower
 *     is better), then time: among equal prices the earlier order (smaller
 *     order id; ids only grow) is closer to the end, except that a
 *     replenished iceberg moves to the back of its level (invariant 6).
 *  2. count <= KAIROS_BOOK_SIDE_CAPACITY, and the slots in [count, capacity)
 *     are all zero (a removal clears the slot it vacates).
 *  3. Every resting order has base_lots > 0 and a price that is a positive
 *     multiple of the market's tick size.
 *  4. The book is never crossed: best bid price < best ask price. Matching
 *     takes every crossing order before a remainder may rest.
 *  5. Each resting order has an active OpenOrder slot (index owner_slot) in
 *     its owner's MarginAccount with the same order id, side and price, and its
 *     remaining lots (visible base_lots + hidden_lots) are counted in that
 *     account's reservations for the market.
 *  6. Iceberg orders (display_lots > 0): base_lots <= display_lots is the
 *     visible part, hidden_lots the reserve. When the visible part is used up
 *     and hidden_lots > 0, min(display_lots, hidden_lots) moves from the reserve
 *     to the visible part and the order goes to the BACK of its price level (it
 *     keeps its order id, so within a level the order ids are no longer sorted:
 *     time priority is the position in the array, which is all matching uses).
 *     Ordinary orders have display_lots = hidden_lots = 0.
 *  7. expiry_timestamp = 0 means no expiry; an order whose expiry_timestamp is
 *     <= the clock's unix_timestamp is expired: matching never trades with it,
 *     takes it out of the book when it meets it and pushes an Out event, through
 *     which consume_events releases its reservation and OpenOrder slot.
 */
#ifndef KAIROS_STATE_ORDERBOOK_H
#define KAIROS_STATE_ORDERBOOK_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "validate/accounts.h"

/* Order sides (the IDL's Side enum), as in PlaceOrderArgs.side and OpenOrder.side. */
#define SIDE_BID KAIROS_SIDE_BID
#define SIDE_ASK KAIROS_SIDE_ASK
/* cancel_all_orders' side filter value that selects both sides (IDL SideFilter). */
#define SIDE_FILTER_BOTH KAIROS_SIDE_FILTER_BOTH
_Static_assert(KAIROS_SIDE_FILTER_BIDS == SIDE_BID && KAIROS_SIDE_FILTER_ASKS == SIDE_ASK,
               "a one-sided filter equals the side it selects");

/* Order types (the IDL's OrderType enum), as in PlaceOrderArgs.order_type. */
#define ORDER_TYPE_LIMIT KAIROS_ORDER_TYPE_LIMIT
#define ORDER_TYPE_MARKET KAIROS_ORDER_TYPE_MARKET /* IOC; the price is the worst price */

_Static_assert(sizeof(((Orderbook *)0)->bids) / sizeof(BookOrder) == KAIROS_BOOK_SIDE_CAPACITY,
               "the bid side holds BOOK_SIDE_CAPACITY orders");
_Static_assert(sizeof(((Orderbook *)0)->asks) / sizeof(BookOrder) == KAIROS_BOOK_SIDE_CAPACITY,
               "the ask side holds BOOK_SIDE_CAPACITY orders");
_Static_assert(KAIROS_ORDERBOOK_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");
_Static_assert(sizeof(BookOrder) % 8 == 0, "book orders stay 8-aligned when shifted");

KAIROS_INLINE Orderbook *orderbook_state(AccountView account) {
    return (Orderbook *)(account_data(account) + DISCRIMINATOR_BYTES);
}

KAIROS_INLINE u8 opposite_side(u8 side) { return side == SIDE_BID ? SIDE_ASK : SIDE_BID; }

KAIROS_INLINE BookOrder *book_side_orders(Orderbook *book, u8 side) {
    return side == SIDE_BID ? book->bids : book->asks;
}

KAIROS_INLINE u32 *book_side_count(Orderbook *book, u8 side) {
    return side == SIDE_BID ? &book->bid_count : &book->ask_count;
}

/* True when `price` is at least as good as `reference` for an order on `side`
 * (bids: higher or equal; asks: lower or equal). */
KAIROS_INLINE bool price_at_least_as_good(u8 side, u64 price, u64 reference) {
    return side == SIDE_BID ? price >= reference : price <= reference;
}

/* True when a taker on `taker_side` with limit `limit_price` may trade at the
 * resting price `maker_price` (a buyer pays at most, a seller receives at least,
 * its limit). */
KAIROS_INLINE bool taker_crosses(u8 taker_side, u64 limit_price, u64 maker_price) {
    return taker_side == SIDE_BID ? maker_price <= limit_price : maker_price >= limit_price;
}

/* The best order of `side`, or NULL when the side is empty. */
KAIROS_INLINE BookOrder *book_best(Orderbook *book, u8 side) {
    u32 count = *book_side_count(book, side);
    return count == 0 ? NULL : &book_side_orders(book, side)[count - 1];
}

/* Lots an order still holds: the visible part plus the iceberg reserve
 * (invariant 6; no overflow: both were carved out of one u64 order size). */
KAIROS_INLINE u64 book_order_total_lots(const BookOrder *order) {
    return order->base_lots + order->hidden_lots;
}

/* Invariant 7: expired at `now` (the clock's unix_timestamp). */
KAIROS_INLINE bool book_order_expired(const BookOrder *order, i64 now) {
    return order->expiry_timestamp != 0 && now >= order->expiry_timestamp;
}

/* Take `lots` (<= base_lots) from the visible part of the best order of
 * `side`. When the visible part is used up, the order either leaves the book
 * (no reserve: returns true) or is replenished from its iceberg reserve and
 * moved to the back of its price level (invariant 6; returns false). */
bool book_take_from_best(Orderbook *book, u8 side, u64 lots);

/* Index of the first order of `side` whose price is at least as good as
 * `price`: where a new order at `price` goes (behind every order of equal or
 * better price: it is the newest), and where the level of `price` begins.
 * A binary search: at most 8 steps for 128 orders. */
u32 book_lower_bound(Orderbook *book, u8 side, u64 price);

/* Insert `order` (its side is `side`) at its priority position; BookFull when
 * the side holds KAIROS_BOOK_SIDE_CAPACITY orders. Precondition (checked by
 * the caller): the order does not cross the opposite side. */
u64 book_insert(Orderbook *book, u8 side, const BookOrder *order);

/* Remove the order at `index` of `side` (index < count), shifting the better
 * orders down one slot and zeroing the vacated last slot. */
void book_remove(Orderbook *book, u8 side, u32 index);

/* Find the order with `order_id` resting at `price` on `side`: binary search
 * for the price level, then a scan of that level. False when it is not there
 * (cancelled, or fully filled). */
bool book_find(Orderbook *book, u8 side, u64 price, u64 order_id, u32 *index);

#endif /* KAIROS_STATE_ORDERBOOK_H */
