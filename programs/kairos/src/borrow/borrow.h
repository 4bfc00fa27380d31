/*
 * Borrowing of the quote asset (docs/ARCHITECTURE.md, "Borrow interest").
 *
 * A negative quote balance is a borrow. Interest accrues through one index on
 * the quote CollateralAsset (index 0): borrow_index grows linearly between two
 * roll-forwards at the yearly rate the utilization curve gives, and compounds
 * at each roll-forward. Accrual to an account is lazy, at a "checkpoint" in an
 * instruction that writes the quote asset (quote deposit and withdrawal,
 * settle_pnl, the liquidations, resolve_bankruptcy, accrue_borrow_interest).
 *
 * Invariants (each one is checked by the tests after every instruction):
 *  1. quote.total_borrows == Σ MarginAccount.borrow_principal.
 *  2. borrow_principal == max(−quote_balance, 0) right after a checkpoint; in
 *     between, instructions that do not write the quote asset (fees of fills)
 *     change quote_balance but not the principal.
 *  3. Interest charged at a checkpoint is ceil(base × index / snapshot) − base
 *     with base = min(borrow_principal, −quote_balance): it moves from the
 *     account's quote balance to quote.borrow_interest_pending, so the vault
 *     invariant (quote vault = Σ quote_balance + Σ markets (pnl_pool +
 *     fees_accrued) + insurance_pending + borrow_interest_pending) holds.
 *  4. borrow_index never decreases, so index >= every account's snapshot.
 * Health (health/health.c) counts the interest a checkpoint would charge now,
 * read-only, so an account cannot escape it by not being touched.
 */
#ifndef KAIROS_BORROW_BORROW_H
#define KAIROS_BORROW_BORROW_H

#include "generated/kairos_idl.h"
#include "sol/input.h"

/* Utilization = borrows / (borrows + quote vault deposits), floor, in bps
 * (0 without borrows). */
u64 borrow_utilization_bps(const CollateralAsset *quote, u16 *utilization_bps);

/* The yearly borrow rate (bps) at a utilization: linear from the base rate at
 * 0 to the optimal rate at the kink, then to the max rate at 10,000 (floor). */
u64 borrow_rate_bps(const CollateralAsset *quote, u16 utilization_bps, u16 *rate_bps);

/* The borrow index rolled forward to `now` without writing it: the health
 * check's view of the index. A clock behind the last roll-forward changes
 * nothing. */
u64 borrow_index_at(const CollateralAsset *quote, i64 now, u64 *index);

/* Roll the stored index forward to `now` (at the rate of the stored
 * utilization). Every instruction that changes total_borrows or the quote
 * asset's total_deposits calls it first, so each period accrues at the rate
 * that applied during it. */
u64 borrow_roll_index(CollateralAsset *quote, i64 now);

/* The interest a checkpoint at `index` would charge the account (invariant 3). */
u64 borrow_pending_interest(const MarginAccount *account, u64 index, u64 *interest);

/* Checkpoint the account at the stored index (roll it forward first): charge
 * its pending interest, record its principal and snapshot, keep
 * total_borrows == Σ principal. *interest receives what was charged. */
u64 borrow_checkpoint(CollateralAsset *quote, MarginAccount *account, u64 *interest);

/* What borrow_begin saw, for borrow_end's event. */
typedef struct BorrowCheckpoint {
    u64 interest;         /* charged by borrow_begin */
    u64 principal_before; /* the principal before borrow_begin */
} BorrowCheckpoint;

/* Before an instruction changes an account's quote balance: roll the index
 * forward to `now`, then checkpoint the account (charge its interest). */
u64 borrow_begin(CollateralAsset *quote, MarginAccount *account, i64 now,
                 BorrowCheckpoint *checkpoint);

/* After the change: record the new principal (a checkpoint at the same index
 * charges nothing) and, when the account borrowed before or borrows now, emit
 * BorrowInterestAccrued. */
u64 borrow_end(CollateralAsset *quote, AccountView margin_account,
               const BorrowCheckpoint *checkpoint, i64 now);

#endif /* KAIROS_BORROW_BORROW_H */
