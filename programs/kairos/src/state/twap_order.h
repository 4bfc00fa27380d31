/*
 * TwapOrder (PDA ["twap", margin account, twap id u64 LE]) and ScheduledOrder
 * (PDA ["schedule", margin account, schedule id u64 LE]): seeds and checks.
 *
 * Invariants of both:
 *  1. Lamports = rent-exempt minimum + escrow; the escrow covers every run
 *     still to come: (runs left) × (keeper reward + crank reserve), where the
 *     crank reserve is the Exchange's crank reward × the order's match limit,
 *     the most one run can owe the crank. Each run pays at most that, so the
 *     escrow can never be overdrawn; cancel returns all of it with the rent.
 *  2. The run counter (TwapOrder.next_slice; ScheduledOrder run_count +
 *     skipped_count) only grows, by one per executed slice or run (and by the
 *     skipped ones under the Skip policy); an execution names the counter
 *     value it expects, so the same slice or run can never execute twice.
 *  3. margin_account, owner and market never change after creation.
 */
#ifndef KAIROS_STATE_TWAP_ORDER_H
#define KAIROS_STATE_TWAP_ORDER_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "math/checked.h"
#include "validate/accounts.h"


_Static_assert(KAIROS_TWAP_ORDER_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");
_Static_assert(KAIROS_SCHEDULED_ORDER_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");
_Static_assert(sizeof(((ScheduledOrder *)0)->cron_expression) == KAIROS_CRON_EXPRESSION_BYTES,
               "the stored cron text is as long as the argument");

KAIROS_INLINE TwapOrder *twap_order_state(AccountView account) {
    return (TwapOrder *)(account_data(account) + DISCRIMINATOR_BYTES);
}

KAIROS_INLINE ScheduledOrder *scheduled_order_state(AccountView account) {
    return (ScheduledOrder *)(account_data(account) + DISCRIMINATOR_BYTES);
}

/* The escrow for `runs` runs: runs × (keeper reward + crank reward × match
 * limit) (invariant 1). Also returns the per-run crank reserve. */
KAIROS_INLINE bool order_escrow_lamports(u64 runs, u64 keeper_reward, u64 crank_reward,
                                         u8 match_limit, u64 *crank_reserve, u64 *escrow) {
    u64 per_run;
    return u64_checked_mul(crank_reward, match_limit, crank_reserve) &&
           u64_checked_add(keeper_reward, *crank_reserve, &per_run) &&
           u64_checked_mul(per_run, runs, escrow);
}

#endif /* KAIROS_STATE_TWAP_ORDER_H */
