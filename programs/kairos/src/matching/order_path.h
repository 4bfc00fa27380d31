/*
 * The one path every order takes into the book: place_order, place_order_v2
 * and trigger_order build an OrderRequest and call execute_order
 * (instructions/place_order.c). It applies the order options (time in force,
 * post-only, reduce-only, self-trade behavior, expiry, iceberg, oracle
 * slippage band), matches, applies the taker's fills, rests the remainder,
 * funds the crank for the events pushed, checks health and logs OrderPlaced.
 */
#ifndef KAIROS_MATCHING_ORDER_PATH_H
#define KAIROS_MATCHING_ORDER_PATH_H

#include "generated/kairos_idl.h"
#include "instructions/instructions.h"
#include "oracle/oracle.h"
#include "sol/sysvars.h"

/* An order as the path takes it (PlaceOrderV2Args' fields; place_order's
 * arguments map to GTC, CancelResting, no expiry, no iceberg, no band). */
typedef struct OrderRequest {
    u64 price;                /* limit price; a market order's worst price (0: band only) */
    u64 max_base_lots;
    u64 client_order_id;
    u64 iceberg_display_lots; /* 0: not an iceberg */
    i64 expiry_timestamp;     /* 0: no expiry */
    u16 max_oracle_deviation_bps; /* 0: no band; else market/IOC/FOK limit from the oracle */
    u8 side;
    u8 order_type;
    u8 time_in_force;
    u8 self_trade_behavior;
    u8 reduce_only;
    u8 match_limit;
} OrderRequest;

/* The accounts of the order. The crank reward of the events the order pushes
 * is paid by `crank_payer`: a signer by system transfer, or (crank_payer_owned
 * = true, trigger_order) a program-owned account whose lamports move directly. */
typedef struct OrderPathAccounts {
    AccountView margin_account;
    AccountView crank_payer;
    AccountView perp_market;
    AccountView orderbook;
    AccountView event_queue;
    AccountView system_program;
    u64 fixed_account_count; /* the health accounts follow these */
    bool crank_payer_owned;
} OrderPathAccounts;

typedef struct OrderOutcome {
    u64 order_id;
    u64 filled_base_lots;
    u64 filled_quote;
    u64 resting_lots;
    u64 taker_fee;
    u64 crank_lamports; /* paid by crank_payer */
} OrderOutcome;

typedef struct OrderExecution {
    const InstructionContext *context;
    const OrderPathAccounts *accounts;
    const OraclePrice *oracle_price; /* read and checked by the caller */
    const SolClock *clock;
    OrderRequest *request; /* reduce-only and the band may tighten it */
} OrderExecution;

u64 execute_order(const OrderExecution *execution, OrderOutcome *outcome);

/* The market-side checks of an order's accounts: the account is not being
 * liquidated, the market is ours and writable, the book and queue are the
 * market's, `oracle` is the market's oracle. */
u64 require_order_market_accounts(const ProgramInput *input, const OrderPathAccounts *accounts,
                                  AccountView oracle);

#endif /* KAIROS_MATCHING_ORDER_PATH_H */
