/*
 * The matching loop: a taker order against the opposite side of the book, with
 * price-time priority. It touches only the Orderbook and the EventQueue (no
 * account I/O, no logs), so it runs unchanged in host unit tests.
 *
 * Per step, while lots remain and the best opposite order crosses the limit:
 *  - an expired resting order (invariant 7 of state/orderbook.h), or one whose
 *    price lies outside the taker's fill band [band_low, band_high] (an oracle
 *    move left it off-market, orders/price_band.h), leaves the book and an Out
 *    event is pushed for it (consume_events releases it): no fill ever happens
 *    outside the band;
 *  - a resting order of the taker itself is handled by the taker's
 *    self_trade_behavior: CancelResting takes it out of the book (all its
 *    lots), DecrementTaking removes min(remaining, visible lots) from both the
 *    taker and the resting order, Abort fails the order (SelfTradeAborted).
 *    Either is listed in `self_trades` (keeps_slot = 1 when the resting order
 *    stays); the caller releases it, since the taker's account is in the
 *    transaction;
 *  - otherwise min(remaining, visible lots) trade at the RESTING order's price,
 *    a FillEvent is pushed for the maker, and the resting order shrinks, is
 *    replenished from its iceberg reserve at the back of its level, or, when
 *    it is used up (maker_out), leaves the book.
 * The loop stops early, with crossing liquidity left, after `match_limit`
 * events (maker fills and Out events: each costs a crank step) or when the
 * event queue is full; the caller must then not rest the remainder (invariant
 * 4 of state/orderbook.h: the book is never crossed).
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
    u64 band_low;           /* fills happen at prices in [band_low, band_high] */
    u64 band_high;
    i64 timestamp;
    u8 side;
    u8 match_limit;         /* most events (maker fills + Out) this order may push */
    u8 self_trade_behavior; /* the IDL's SelfTradeBehavior */
} TakerOrder;
/* Host tests mirror these layouts with ctypes (tests/programs/kairos/matching). */
_Static_assert(sizeof(TakerOrder) == 56, "TakerOrder: a pointer, five words, three bytes, padding");

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
    u32 first_event_offset; /* queue offset (from the head) of the first event pushed */
    u32 maker_fills;        /* Fill events pushed */
    u32 self_trade_count;
    u32 events_pushed;      /* Fill + Out events, at consecutive offsets from the first */
    u8 stop;                /* enum MatchStop */
    u8 padding[7];
    CancelledOrder self_trades[KAIROS_MAX_OPEN_ORDERS];
} MatchResult;
_Static_assert(sizeof(MatchResult) == 40 + KAIROS_MAX_OPEN_ORDERS * sizeof(CancelledOrder),
               "MatchResult: five words of totals, then the self-trade list");

/* Start an empty result: nothing filled, events start at the queue's end. */
void match_result_init(const EventQueue *queue, MatchResult *result);

/* Take expired and out-of-band orders off the top of `side` (Out events,
 * counted in `result`) until the best order could trade, the side is empty,
 * the queue is full or the order's match_limit is used. Post-only orders call
 * it before they look at the opposite side. */
void purge_unmatchable_best(Orderbook *book, EventQueue *queue, const TakerOrder *order, u8 side,
                            MatchResult *result);

/* Where book_insert_evicting pushes an eviction and reports it. */
typedef struct BookEviction {
    EventQueue *queue;
    const TakerOrder *order; /* the order resting the remainder */
    MatchResult *result;     /* its events: an eviction's Out event is counted here */
    BookOrder evicted;       /* the order that left, when did_evict */
    bool did_evict;
} BookEviction;

/* Insert `resting` (an order of eviction->order's taker on `side`) into the
 * book. When the side is full and `resting` has a strictly better price than
 * the side's worst order, the worst order is evicted: it leaves the book and an
 * Out event is pushed for it (as OpenBook v2 does; the caller funds its crank
 * step), reported in `eviction`. BookFull when the side is full and `resting`
 * is not better, or the queue has no room. */
u64 book_insert_evicting(Orderbook *book, u8 side, const BookOrder *resting,
                         BookEviction *eviction);

/* Match `order`; `result` is fully written. MathOverflow when a quote sum
 * leaves u64 (the transaction then fails and nothing persists). */
u64 match_order(Orderbook *book, EventQueue *queue, const TakerOrder *order, MatchResult *result);

#endif /* KAIROS_MATCHING_MATCH_H */
