/*
 * The one way the program moves lamports between accounts directly (crank and
 * keeper pay, escrows, closing program accounts). A program may debit an
 * account it owns and credit any writable account; the runtime checks that
 * the sum over the transaction's accounts is unchanged.
 *
 * Correct by itself when `from` and `to` are the same account (the runtime
 * points a duplicate account at the same bytes, sol/input.c): the debit is
 * written before the destination is read, so a move to oneself changes
 * nothing instead of creating `amount` lamports.
 */
#ifndef KAIROS_SOL_LAMPORTS_H
#define KAIROS_SOL_LAMPORTS_H

#include "anchor/errors.h"
#include "generated/kairos_idl.h"
#include "math/checked.h"
#include "sol/input.h"

/* Move `amount` lamports from `from` to `to`. InsufficientBalance when `from`
 * holds less; MathOverflow when `to` would pass U64_MAX (the transaction then
 * fails, so the debit already written does not persist). */
KAIROS_INLINE u64 lamports_move(AccountView from, AccountView to, u64 amount) {
    u64 from_after;
    u64 to_after;
    if (!u64_checked_sub(from->lamports, amount, &from_after)) {
        return KAIROS_ERR_INSUFFICIENT_BALANCE;
    }
    from->lamports = from_after;
    /* Read after the debit: equal to from_after when `to` is `from`. */
    if (!u64_checked_add(to->lamports, amount, &to_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    to->lamports = to_after;
    return KAIROS_OK;
}

#endif /* KAIROS_SOL_LAMPORTS_H */
