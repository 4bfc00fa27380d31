/* TWAP timing and sizing (orders/twap_schedule.h). */
#include "orders/twap_schedule.h"

#include "math/fixed.h"
#include "sol/syscalls.h"

static u64 twap_random_offset(const TwapOrder *twap, const SolPubkey *key, u32 slice) {
    if (twap->random_window_seconds == 0) {
        return 0;
    }
    SolBytes parts[2] = {{key->x, PUBKEY_BYTES}, {(const u8 *)&slice, sizeof(slice)}};
    u8 digest[32];
#ifdef KAIROS_HOST
    (void)parts;
    for (u64 i = 0; i < sizeof(digest); i++) {
        digest[i] = 0;
    }
#else
    sol_sha256(parts, 2, digest);
#endif
    u64 draw = 0;
    for (u64 i = 0; i < sizeof(u64); i++) {
        draw |= (u64)digest[i] << (8 * i);
    }
    return draw % twap->random_window_seconds;
}

i64 twap_due_time(const TwapOrder *twap, const SolPubkey *key, u32 slice) {
    /* start >= 0 and start + count × interval <= I64_MAX (create_twap_order). */
    u64 due = (u64)twap->start_time + (u64)slice * twap->interval_seconds +
              twap_random_offset(twap, key, slice);
    return (i64)due;
}

u64 twap_slice_lots(const TwapOrder *twap, u32 slice) {
    u64 total = twap->total_base_lots;
    if (twap->slice_base_lots != 0) {
        /* slice < count = ceil(total / size), so slice × size < total. */
        u64 done = (u64)slice * twap->slice_base_lots;
        u64 left = total - done;
        return left < twap->slice_base_lots ? left : twap->slice_base_lots;
    }
    u64 before;
    u64 through;
    /* total × (slice + 1) fits in 128 bits; the quotients are <= total. */
    mul_div_floor(total, slice, twap->slice_count, &before);
    mul_div_floor(total, (u64)slice + 1, twap->slice_count, &through);
    return through - before;
}
