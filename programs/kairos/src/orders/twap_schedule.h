/*
 * TWAP timing and sizing (pure functions of the TwapOrder, no account I/O).
 *
 * Due time of slice i: start_time + i × interval + offset(i), where offset(i)
 * = (first 8 bytes, little endian, of sha256(twap order address ‖ i as u32
 * LE)) mod random_window_seconds (0 when the window is 0). The offset is
 * derived from data fixed at creation, so no keeper and no validator can move
 * it at execution time (a SlotHashes-based draw could be steered by the slot
 * leader, and a keeper could wait for a draw it likes). Its limit: it is
 * public — anyone can compute every due time in advance — so it spreads the
 * slices off round times but does not hide them from a determined observer;
 * the owner could grind twap ids to pick offsets, which only affects its own
 * order. offset < window < interval keeps due times strictly increasing.
 */
#ifndef KAIROS_ORDERS_TWAP_SCHEDULE_H
#define KAIROS_ORDERS_TWAP_SCHEDULE_H

#include "generated/kairos_idl.h"
#include "sol/input.h"

/* Due time of slice `slice` of `twap` (stored at `key`). Creation checked that
 * start + count × interval fits in i64, so this cannot overflow. */
i64 twap_due_time(const TwapOrder *twap, const SolPubkey *key, u32 slice);

/* Lots of slice `slice` (see instructions/create_twap_order.c). */
u64 twap_slice_lots(const TwapOrder *twap, u32 slice);

#endif /* KAIROS_ORDERS_TWAP_SCHEDULE_H */
