/*
 * The one path every order takes into the book: place_order, place_order_v2,
 * trigger_order, execute_twap_slice and execute_scheduled_order build an
 * OrderRequest and call execute_order (orders/execute.c). It applies the order
 * options (time in force, post-only, reduce-only, self-trade behavior, expiry,
 * iceberg, oracle slippage band), matches, applies the taker's fills (position,
 * cost basis, realized PnL, stats), updates open interest, charges the taker
 * fee, rests the remainder, funds the crank for the events pushed, checks
 * health and logs OrderPlaced.
 *
 * The callers differ in two ways only, both parameters: who funds the crank
 * reward of the events (OrderPathAccounts.crank_payer / crank_payer_owned) and
 * whether an immediate order that fills nothing is an error
 * (OrderExecution.empty_fill_allowed).
 */
#ifndef KAIROS_ORDERS_EXECUTE_H
#define KAIROS_ORDERS_EXECUTE_H

#include "generated/kairos_idl.h"
#include "instructions/instructions.h"
#include "oracle/oracle.h"
#include "sol/sysvars.h"
#include "state/perp_market.h"

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
 * is paid by `crank_payer`: the signing owner by system transfer (place_order,
 * place_order_v2), or (crank_payer_owned = true) a program-owned escrow whose
 * lamports move directly (the TriggerOrder, TwapOrder or ScheduledOrder). The
 * system program is only used, and only needs to be set, for a signer. */
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
    /* false (place_order, trigger_order): a market order that fills nothing
     * fails with NoFill. true (TWAP slices, scheduled runs): it succeeds with
     * an empty outcome, so the slice or run is recorded and the keeper paid. */
    bool empty_fill_allowed;
} OrderExecution;

/* place_order_v2's arguments as an OrderRequest. */
void order_request_from_v2(const PlaceOrderV2Args *args, OrderRequest *request);

/* The argument checks every order passes (place_order_v2's): enums in range,
 * options that fit together, not expired, price on tick, size >= the market's
 * minimum. execute_order runs them; create_scheduled_order runs them at
 * creation too. */
u64 validate_order_request(const OrderRequest *request, const PerpMarket *market,
                           const SolClock *clock);

/* Run the order. An order that leaves nothing behind (no fill, nothing
 * resting) also leaves no empty position slot behind. */
u64 execute_order(const OrderExecution *execution, OrderOutcome *outcome);

#endif /* KAIROS_ORDERS_EXECUTE_H */
