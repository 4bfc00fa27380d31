/*
 * The accounts of the permissionless executions (execute_twap_slice,
 * execute_scheduled_order): the same list in the same order. Each handler's
 * generated loader does the IDL's checks; the links are checked here.
 */
#ifndef KAIROS_ORDERS_DELEGATED_EXECUTION_H
#define KAIROS_ORDERS_DELEGATED_EXECUTION_H

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

/* The execute_order accounts of a delegated execution: the order account
 * (TwapOrder / ScheduledOrder, program-owned, writable) is the escrow that
 * funds the crank reward of the order's events by a direct lamport move, so
 * no system program is needed; the health accounts follow the fixed ones. */
void execution_order_accounts(const ExecutionAccounts *accounts, OrderPathAccounts *out);

#endif /* KAIROS_ORDERS_DELEGATED_EXECUTION_H */
