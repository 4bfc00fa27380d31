/*
 * The matching loop: a taker order against the opposite side of the book, with
 * price-time priority. It touches only the Orderbook and the EventQueue (no
 * account I/O, no logs), so it runs unchanged in host unit tests.
 *
 * Per step, while lots remain and the best opposite order crosses the limit:
 *  - a resting order of the taker itself is taken out of the book and listed
 *    in `self_trades` (self-trade prevention: cancel the resting order); the
 *    caller releases it, since the taker's account is in the transaction;
 *  - otherwise min(remaining, resting lots) trade at the RESTING order's price,
 *    a FillEvent is pushed for the maker, and the resting order shrinks or,
 *    when it is used up (maker_out), leaves the book.
 * The loop stops early, with crossing liquidity left, after `match_limit` maker
 * fills or when the event queue is full; the caller must then not rest the
 * remainder (invariant 4 of state/orderbook.h: the book is never crossed).
 */
#ifndef KAIROS_MATCHING_MATCH_H
#define KAIROS_MATCHING_MATCH_H

#include "generated/kairos_idl.h"
#include "matching/cancel.h"
#include "state/event_queue.h"
#include "state/orderbook.h"

typedef struct TakerOrder {
    const SolPubkey *taker; /* the taker's MarginAccount */
    u64 limit_price;        /* a limit order's price, a market order's worst price */
    u64 max_base_lots;
    i64 timestamp;
    u8 side;
    u8 match_limit; /* most maker fills this order may make */
} TakerOrder;
/* Host tests mirror these layouts with ctypes (tests/programs/kairos/matching). */
_Static_assert(sizeof(TakerOrder) == 40, "TakerOrder: a pointer, three words, two bytes, padding");

/* Why the loop ended. */
enum MatchStop {
    MATCH_STOP_COMPLETE = 0,         /* filled, or nothing left that crosses */
    MATCH_STOP_MATCH_LIMIT = 1,      /* match_limit fills made; crossing orders remain */
    MATCH_STOP_QUEUE_FULL = 2,       /* no room for the next maker fill */
    MATCH_STOP_SELF_TRADE_LIMIT = 3, /* more own orders than OpenOrder slots: impossible
                                        while the book's invariant 5 holds */
};

typedef struct MatchResult {
    u64 filled_base_lots;
    u64 filled_quote;       /* Σ price × lots of the fills */
    u32 first_event_offset; /* queue offset (from the head) of the first fill pushed */
    u32 maker_fills;        /* fills pushed, at consecutive offsets from there */
    u32 self_trade_count;
    u8 stop;                /* enum MatchStop */
    u8 padding[3];
    CancelledOrder self_trades[KAIROS_MAX_OPEN_ORDERS];
} MatchResult;
_Static_assert(sizeof(MatchResult) == 32 + KAIROS_MAX_OPEN_ORDERS * sizeof(CancelledOrder),
               "MatchResult: four words of totals, then the self-trade list");

/* Match `order`; `result` is fully written. MathOverflow when a quote sum
 * leaves u64 (the transaction then fails and nothing persists). */
u64 match_order(Orderbook *book, EventQueue *queue, const TakerOrder *order, MatchResult *result);

#endif /* KAIROS_MATCHING_MATCH_H */
