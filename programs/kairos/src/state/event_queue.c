/* EventQueue ring buffer (invariants in state/event_queue.h). */
#include "state/event_queue.h"

FillEvent *event_queue_push(EventQueue *queue) {
    if (event_queue_is_full(queue)) {
        return NULL;
    }
    FillEvent *event = event_queue_at(queue, queue->count);
    queue->count += 1;
    event->seq = queue->seq_num;
    /* Invariant 3. A u64 counter of events cannot wrap in practice (2^64
     * fills), and wrapping would only repeat a sequence number. */
    queue->seq_num += 1;
    return event;
}

void event_queue_pop(EventQueue *queue) {
    FillEvent empty = {0};
    queue->events[queue->head] = empty;
    queue->head = (queue->head + 1) % KAIROS_EVENT_QUEUE_CAPACITY;
    queue->count -= 1;
}
