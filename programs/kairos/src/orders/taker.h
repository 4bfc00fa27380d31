/*
 * The "place order core" for orders a program-owned account places on a
 * trader's behalf (TWAP slices, scheduled orders): everything place_order does
 * after its account checks — match, apply the taker's fills, open interest,
 * taker fee, rest a limit remainder, fund the crank, health — with two
 * differences: the crank reward of the maker fills is paid from a
 * program-owned escrow account (not by a signing owner through the system
 * program), and an immediate-or-cancel order that fills nothing is not an
 * error (the caller records an empty slice or run, so a keeper's work is not
 * thrown away and the order's counters still advance).
 *
 * place_order (instructions/place_order.c, owned by the order-types work)
 * keeps its own copy of these steps for now; it can call this core once its
 * new order types settle (docs/ARCHITECTURE.md, "TWAP and scheduled orders").
 */
#ifndef KAIROS_ORDERS_TAKER_H
#define KAIROS_ORDERS_TAKER_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "sol/sysvars.h"

typedef struct DelegatedOrderAccounts {
    AccountView margin_account; /* validated, writable MarginAccount */
    AccountView perp_market;    /* validated, writable PerpMarket of the order */
    AccountView orderbook;      /* validated against the market */
    AccountView event_queue;    /* validated against the market */
    AccountView escrow;         /* program-owned, writable: pays the crank reward */
} DelegatedOrderAccounts;

typedef struct DelegatedOrder {
    const ProgramInput *input;
    const DelegatedOrderAccounts *accounts;
    const PlaceOrderArgs *args;
    const SolClock *clock;
    u64 keeper_reward_lamports; /* the Exchange's crank reward per maker fill */
    u64 first_health_account;   /* index of the health accounts in input->accounts */
} DelegatedOrder;

typedef struct DelegatedOrderResult {
    u64 order_id;
    u64 filled_base_lots;
    u64 filled_quote;
    u64 resting_base_lots;
    u64 taker_fee;
    u64 crank_lamports; /* moved from the escrow into the market */
} DelegatedOrderResult;

/* Run `order` (its oracle already read and checked by the caller). Fails like
 * place_order would, except that a market order with no fill succeeds with a
 * zero result (and leaves no empty position slot behind). */
u64 delegated_order_execute(const DelegatedOrder *order, DelegatedOrderResult *result);

/* Argument checks of place_order: side, type (limit or market only), match
 * limit, price on tick, lots >= the market's minimum. */
u64 delegated_order_validate_args(const PlaceOrderArgs *args, const PerpMarket *market);

/* Move `lamports` from a program-owned account (the escrow) to `to`; both
 * writable. Checked on both sides; lamports are not tokens, so the vault
 * invariant is untouched. */
u64 escrow_pay(AccountView escrow, AccountView to, u64 lamports);

/* Close a program-owned account: every lamport to `destination`, data zeroed,
 * length 0, owner the system program. */
u64 close_program_account(AccountView closing, AccountView destination);

#endif /* KAIROS_ORDERS_TAKER_H */
