/*
 * Taking a resting order of an account out of the book: by its owner
 * (cancel_order, cancel_all_orders) or by the matching loop when the taker
 * meets its own order (self-trade prevention cancels the resting order). The
 * owner's MarginAccount is in the transaction in every case, so the order's
 * OpenOrder slot and reservation are released at once, not through the queue.
 */
#ifndef KAIROS_MATCHING_CANCEL_H
#define KAIROS_MATCHING_CANCEL_H

#include "generated/kairos_idl.h"
#include "state/orderbook.h"

/* What is left of an order taken out of the book. */
typedef struct CancelledOrder {
    u64 order_id;
    u64 client_order_id;
    u64 price;
    u64 base_lots; /* the lots still resting when it was removed */
    u8 side;
    u8 owner_slot;
    u8 keeps_slot; /* 1: only base_lots were removed (self-trade decrement); the order rests on */
    u8 padding[5];
} CancelledOrder;
_Static_assert(sizeof(CancelledOrder) == 40, "CancelledOrder is five words");

/* The account whose orders are cancelled, and the market they rest in. */
typedef struct CancelOwner {
    MarginAccount *account;
    const SolPubkey *account_key;
    const SolPubkey *market_key;
    u16 market_index;
} CancelOwner;

/* The CancelledOrder describing book order `order` on `side` (all its lots:
 * visible and iceberg reserve). */
void cancelled_order_from_book(const BookOrder *order, u8 side, CancelledOrder *out);

/* Free the order's OpenOrder slot (unless keeps_slot) and its reservation of
 * base_lots in the owner's position, and log OrderCancelled. The position slot stays open even when it becomes
 * empty (callers holding a pointer to it may still write to it); callers that
 * are done with it close it with perp_position_close_if_empty. OrderNotFound when the slot does not hold the order,
 * MarketMismatch when the account has no position in the market (both mean a
 * broken invariant: state/orderbook.h invariant 5). */
u64 release_cancelled_order(const CancelOwner *owner, const CancelledOrder *order);

/* Remove the order at `index` of `side` from the book and release it. */
u64 cancel_book_order(const CancelOwner *owner, Orderbook *book, u8 side, u32 index);

#endif /* KAIROS_MATCHING_CANCEL_H */
