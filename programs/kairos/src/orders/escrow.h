/*
 * Lamport moves of the program-owned order accounts that hold an escrow
 * (TwapOrder, ScheduledOrder): paying keepers out of the escrow, and closing
 * the account. The crank funding of their orders' maker fills is the same
 * direct move, made by execute_order (orders/execute.h, crank_payer_owned).
 */
#ifndef KAIROS_ORDERS_ESCROW_H
#define KAIROS_ORDERS_ESCROW_H

#include "generated/kairos_idl.h"
#include "sol/input.h"

/* Move `lamports` from a program-owned account (the escrow) to `to`; both
 * writable. Checked on both sides; lamports are not tokens, so the vault
 * invariant is untouched. */
u64 escrow_pay(AccountView escrow, AccountView to, u64 lamports);

/* Close a program-owned account: every lamport to `destination`, data zeroed,
 * length 0, owner the system program. */
u64 close_program_account(AccountView closing, AccountView destination);

#endif /* KAIROS_ORDERS_ESCROW_H */
