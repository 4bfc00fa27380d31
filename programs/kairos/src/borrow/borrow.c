/*
 * Quote borrowing: the utilization curve, the index and account checkpoints
 * (see borrow/borrow.h for the invariants).
 */
#include "borrow/borrow.h"

#include "anchor/event.h"
#include "math/fixed.h"
#include "state/margin_account.h"

/* A quote asset created before borrowing existed reads 0 in every borrow field
 * (they were reserved bytes): its index counts as one, and the first roll-forward
 * sets it up with the default curve. Every snapshot is 0 then, so invariant 4
 * holds. */
#define BORROW_INDEX_UNSET 0

/* rate × seconds / (BPS_PER_UNIT × SECONDS_PER_YEAR) is the index growth factor. */
#define BORROW_RATE_DENOMINATOR (BPS_PER_UNIT * KAIROS_SECONDS_PER_YEAR)

_Static_assert(KAIROS_BORROW_INDEX_ONE > 0, "the index starts at one, never zero");
_Static_assert(KAIROS_DEFAULT_BORROW_OPTIMAL_UTILIZATION_BPS > 0 &&
                   KAIROS_DEFAULT_BORROW_OPTIMAL_UTILIZATION_BPS < BPS_PER_UNIT,
               "the default kink lies strictly inside the curve");
_Static_assert(KAIROS_DEFAULT_BORROW_RATE_BASE_BPS <= KAIROS_DEFAULT_BORROW_RATE_OPTIMAL_BPS &&
                   KAIROS_DEFAULT_BORROW_RATE_OPTIMAL_BPS <= KAIROS_DEFAULT_BORROW_RATE_MAX_BPS,
               "the default curve does not decrease");

u64 borrow_utilization_bps(const CollateralAsset *quote, u16 *utilization_bps) {
    u64 supplied;
    u64 utilization;
    if (quote->total_borrows == 0) {
        *utilization_bps = 0;
        return KAIROS_OK;
    }
    /* borrows > 0, so supplied > 0 and the quotient is at most BPS_PER_UNIT. */
    if (!u64_checked_add(quote->total_borrows, quote->total_deposits, &supplied) ||
        !mul_div_floor(quote->total_borrows, BPS_PER_UNIT, supplied, &utilization)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    *utilization_bps = (u16)utilization;
    return KAIROS_OK;
}

u64 borrow_rate_bps(const CollateralAsset *quote, u16 utilization_bps, u16 *rate_bps) {
    u64 kink = quote->borrow_optimal_utilization_bps;
    u64 base = quote->borrow_rate_base_bps;
    u64 optimal = quote->borrow_rate_optimal_bps;
    u64 maximum = quote->borrow_rate_max_bps;
    u64 slope;
    if (kink == 0) {
        /* No curve yet (BORROW_INDEX_UNSET): the first roll-forward sets one. */
        *rate_bps = (u16)base;
        return KAIROS_OK;
    }
    /* set_borrow_rate_params keeps 0 < kink < 10,000 and base <= optimal <= max:
     * no subtraction below, and every result lies in [base, max] (a u16). */
    if (utilization_bps <= kink) {
        if (!mul_div_floor(optimal - base, utilization_bps, kink, &slope)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        *rate_bps = (u16)(base + slope);
        return KAIROS_OK;
    }
    if (!mul_div_floor(maximum - optimal, utilization_bps - kink, BPS_PER_UNIT - kink, &slope)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    *rate_bps = (u16)(optimal + slope);
    return KAIROS_OK;
}

u64 borrow_index_at(const CollateralAsset *quote, i64 now, u64 *index) {
    if (quote->borrow_index == BORROW_INDEX_UNSET) {
        *index = KAIROS_BORROW_INDEX_ONE;
        return KAIROS_OK;
    }
    *index = quote->borrow_index;
    if (now <= quote->borrow_index_timestamp) {
        return KAIROS_OK;
    }
    u16 utilization;
    u16 rate;
    TRY(borrow_utilization_bps(quote, &utilization));
    TRY(borrow_rate_bps(quote, utilization, &rate));
    u64 elapsed = (u64)(now - quote->borrow_index_timestamp); /* > 0 */
    u64 rate_seconds;
    u64 growth;
    /* The index grows by floor(index × rate × elapsed / (10,000 × year)). */
    if (!u64_checked_mul(rate, elapsed, &rate_seconds) ||
        !mul_div_floor(quote->borrow_index, rate_seconds, BORROW_RATE_DENOMINATOR, &growth) ||
        !u64_checked_add(quote->borrow_index, growth, index)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

u64 borrow_roll_index(CollateralAsset *quote, i64 now) {
    if (quote->borrow_index == BORROW_INDEX_UNSET) {
        quote->borrow_index = KAIROS_BORROW_INDEX_ONE;
        quote->borrow_index_timestamp = now;
        quote->borrow_rate_base_bps = KAIROS_DEFAULT_BORROW_RATE_BASE_BPS;
        quote->borrow_rate_optimal_bps = KAIROS_DEFAULT_BORROW_RATE_OPTIMAL_BPS;
        quote->borrow_rate_max_bps = KAIROS_DEFAULT_BORROW_RATE_MAX_BPS;
        quote->borrow_optimal_utilization_bps = KAIROS_DEFAULT_BORROW_OPTIMAL_UTILIZATION_BPS;
        return KAIROS_OK;
    }
    u64 index;
    TRY(borrow_index_at(quote, now, &index));
    if (now > quote->borrow_index_timestamp) {
        quote->borrow_index = index;
        quote->borrow_index_timestamp = now;
    }
    return KAIROS_OK;
}

u64 borrow_pending_interest(const MarginAccount *account, u64 index, u64 *interest) {
    u64 debt = account->quote_balance < 0 ? i64_unsigned_abs(account->quote_balance) : 0;
    u64 base = debt < account->borrow_principal ? debt : account->borrow_principal;
    u64 grown;
    *interest = 0;
    /* A snapshot of 0 means never checkpointed: then the principal is 0 too. */
    if (base == 0 || account->borrow_index_snapshot == 0) {
        return KAIROS_OK;
    }
    /* Invariant 4: index >= snapshot, so grown >= base. Rounded up: a debt. */
    if (!mul_div_ceil(base, index, account->borrow_index_snapshot, &grown)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    *interest = grown - base;
    return KAIROS_OK;
}

u64 borrow_checkpoint(CollateralAsset *quote, MarginAccount *account, u64 *interest) {
    TRY(borrow_pending_interest(account, quote->borrow_index, interest));
    i64 signed_interest;
    i64 balance_after;
    u64 borrows_without_account;
    if (!u64_to_i64(*interest, &signed_interest) ||
        !i64_checked_sub(account->quote_balance, signed_interest, &balance_after) ||
        !u64_checked_add(quote->borrow_interest_pending, *interest,
                         &quote->borrow_interest_pending) ||
        /* Invariant 1: the account's principal is part of the total. */
        !u64_checked_sub(quote->total_borrows, account->borrow_principal,
                         &borrows_without_account)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    u64 principal = balance_after < 0 ? i64_unsigned_abs(balance_after) : 0;
    if (!u64_checked_add(borrows_without_account, principal, &quote->total_borrows)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    account->quote_balance = balance_after;
    account->borrow_principal = principal;
    account->borrow_index_snapshot = quote->borrow_index;
    return KAIROS_OK;
}

u64 borrow_begin(CollateralAsset *quote, MarginAccount *account, i64 now,
                 BorrowCheckpoint *checkpoint) {
    checkpoint->principal_before = account->borrow_principal;
    TRY(borrow_roll_index(quote, now));
    return borrow_checkpoint(quote, account, &checkpoint->interest);
}

u64 borrow_end(CollateralAsset *quote, AccountView margin_account,
               const BorrowCheckpoint *checkpoint, i64 now) {
    MarginAccount *account = margin_account_state(margin_account);
    u64 none;
    TRY(borrow_checkpoint(quote, account, &none));
    /* Out of debt: the markets that put it there no longer matter
     * (MarginAccount.loss_market_mask, resolve_bankruptcy). */
    if (account->quote_balance >= 0) {
        account->loss_market_mask = 0;
    }
    /* Only borrowers (before or after) have anything to report. */
    if (checkpoint->principal_before == 0 && account->borrow_principal == 0) {
        return KAIROS_OK;
    }
    u16 utilization;
    u16 rate;
    TRY(borrow_utilization_bps(quote, &utilization));
    TRY(borrow_rate_bps(quote, utilization, &rate));
    BorrowInterestAccruedEventRecord record = BORROW_INTEREST_ACCRUED_EVENT_RECORD_INIT;
    record.event.utilization_bps = utilization;
    record.event.borrow_rate_bps = rate;
    pubkey_copy(&record.event.margin_account, &margin_account->key);
    record.event.interest = checkpoint->interest;
    record.event.borrow_after = account->borrow_principal;
    record.event.borrow_index = quote->borrow_index;
    record.event.total_borrows = quote->total_borrows;
    record.event.total_deposits = quote->total_deposits;
    record.event.timestamp = now;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
