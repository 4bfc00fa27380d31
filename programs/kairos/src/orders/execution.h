/*
 * The accounts of the permissionless executions (execute_twap_slice,
 * execute_scheduled_order): the same list in the same order, checked here.
 */
#ifndef KAIROS_ORDERS_EXECUTION_H
#define KAIROS_ORDERS_EXECUTION_H

#include "generated/kairos_idl.h"
#include "orders/execute.h"
#include "sol/input.h"

typedef struct ExecutionAccounts {
    AccountView order; /* the TwapOrder or ScheduledOrder (checked by the caller) */
    AccountView margin_account;
    AccountView perp_market;
    AccountView orderbook;
    AccountView event_queue;
    AccountView oracle;
    AccountView keeper;
} ExecutionAccounts;

/* What the order account links to (invariant 3 of state/twap_order.h). */
typedef struct ExecutionLinks {
    const SolPubkey *margin_account;
    const SolPubkey *market;
} ExecutionLinks;

/* Fill `out` from the input (account count checked). */
u64 execution_accounts_load(const ProgramInput *input, ExecutionAccounts *out);

/* Margin account (ours, writable, the order's, not being liquidated), market
 * (ours, writable, the order's), its book and queue, its oracle, and a
 * signing, writable keeper. */
u64 require_execution_accounts(const ProgramInput *input, const ExecutionAccounts *accounts,
                               const ExecutionLinks *links);

/* The execute_order accounts of a delegated execution: the order account
 * (TwapOrder / ScheduledOrder, program-owned, writable) is the escrow that
 * funds the crank reward of the order's events by a direct lamport move, so
 * no system program is needed; the health accounts follow the fixed ones. */
void execution_order_accounts(const ExecutionAccounts *accounts, OrderPathAccounts *out);

#endif /* KAIROS_ORDERS_EXECUTION_H */
