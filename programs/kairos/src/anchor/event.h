/* Anchor events: sol_log_data(discriminator ‖ borsh fields) -> "Program data: ..." */
#ifndef KAIROS_ANCHOR_EVENT_H
#define KAIROS_ANCHOR_EVENT_H

#include "sol/syscalls.h"

/*
 * Log an event record (generated `<Name>EventRecord`: discriminator then packed
 * borsh fields) as ONE data slice: sol_log_data base64-encodes each slice apart,
 * and Anchor's decoders expect a single blob, as from Anchor's emit!.
 */
#define EMIT_EVENT(record)                                              \
    do {                                                                \
        SolBytes event_slice_ = {(const u8 *)&(record), sizeof(record)}; \
        sol_log_data(&event_slice_, 1);                                 \
    } while (0)

#endif /* KAIROS_ANCHOR_EVENT_H */
