/*
 * The EventQueue account: a ring buffer of maker fills waiting for the
 * consume_events crank (docs/ARCHITECTURE.md, "Settlement of makers").
 *
 * Invariants:
 *  1. head < KAIROS_EVENT_QUEUE_CAPACITY and count <= KAIROS_EVENT_QUEUE_CAPACITY.
 *  2. The live events are at (head + i) % capacity for i in [0, count), oldest
 *     first; every other slot is zero (a pop clears the slot it frees).
 *  3. seq_num is the number of events ever pushed; the live events carry the
 *     consecutive seq numbers seq_num - count .. seq_num - 1.
 *  4. Each live event's maker still has the fill's lots counted in its
 *     reservations, and, when maker_out, the OpenOrder slot maker_slot still
 *     holds maker_order_id: both are released only when the event is consumed.
 */
#ifndef KAIROS_STATE_EVENT_QUEUE_H
#define KAIROS_STATE_EVENT_QUEUE_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "validate/accounts.h"

/* FillEvent.event_type of a maker fill, and of an expired order taken out of
 * the book (base_lots: all its lots; maker_out: always 1). */
#define FILL_EVENT_TYPE_FILL KAIROS_FILL_EVENT_TYPE_FILL
#define FILL_EVENT_TYPE_OUT KAIROS_FILL_EVENT_TYPE_OUT

_Static_assert(sizeof(((EventQueue *)0)->events) / sizeof(FillEvent) ==
                   KAIROS_EVENT_QUEUE_CAPACITY,
               "the ring holds EVENT_QUEUE_CAPACITY events");
_Static_assert(KAIROS_EVENT_QUEUE_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");

KAIROS_INLINE EventQueue *event_queue_state(AccountView account) {
    return (EventQueue *)(account_data(account) + DISCRIMINATOR_BYTES);
}

KAIROS_INLINE bool event_queue_is_full(const EventQueue *queue) {
    return queue->count >= KAIROS_EVENT_QUEUE_CAPACITY;
}

/* The live event `offset` places after the head (offset < count). */
KAIROS_INLINE FillEvent *event_queue_at(EventQueue *queue, u32 offset) {
    return &queue->events[(queue->head + offset) % KAIROS_EVENT_QUEUE_CAPACITY];
}

/* Append an event (the caller fills it in, except seq which is set here) and
 * return it; NULL when the queue is full. */
FillEvent *event_queue_push(EventQueue *queue);

/* Drop the oldest event (count > 0) and clear its slot. */
void event_queue_pop(EventQueue *queue);

#endif /* KAIROS_STATE_EVENT_QUEUE_H */
