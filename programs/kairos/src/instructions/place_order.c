/*
 * place_order: a limit order (match, then rest the remainder) or a market order
 * (immediate-or-cancel; `price` is the worst acceptable price; NoFill when
 * nothing trades). place_order_v2 (place_order_v2.c) is the same with every
 * order option; both end in place_loaded_order (instructions/place_order.h).
 * Remaining accounts: the health accounts.
 *
 * This file holds the account checks and the handlers; the order itself runs
 * through execute_order (orders/execute.h), the one execution path of every
 * order (place_order, place_order_v2, trigger_order, TWAP slices, scheduled
 * orders).
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "health/health.h"
#include "instructions/instructions.h"
#include "instructions/place_order.h"
#include "math/fixed.h"
#include "orders/execute.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/event_queue.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/open_orders.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "state/perp_position.h"
#include "validate/links.h"

/* After the loader of place_order / place_order_v2: the owner link and the
 * market links, then read the clock and the oracle and run the order path. The
 * owner (crank_payer) pays the crank reward of its maker fills. */
u64 place_loaded_order(const InstructionContext *context, const OrderPathAccounts *accounts,
                       AccountView oracle, OrderRequest *request) {
    const ProgramInput *input = context->input;
    TRY(require_margin_account_owner(margin_account_state(accounts->margin_account),
                                     accounts->crank_payer));
    TRY(require_order_market_links(accounts, oracle));
    const PerpMarket *market = perp_market_state(accounts->perp_market);
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    OracleRequirements oracle_requirements = perp_market_oracle_requirements(market);
    OraclePrice oracle_price;
    TRY(oracle_read(input, oracle, &oracle_requirements, &clock, &oracle_price));
    /* place_order refuses a market order that fills nothing (NoFill). */
    OrderExecution execution = {context, accounts, &oracle_price, &clock, request, false};
    OrderOutcome outcome;
    return execute_order(&execution, &outcome);
}

u64 process_place_order(const InstructionContext *context) {
    LOG_LITERAL("Instruction: PlaceOrder");
    const ProgramInput *input = context->input;
    PlaceOrderIxAccounts loaded;
    TRY(load_place_order_accounts(input, &loaded));
    const PlaceOrderArgs *args = &loaded.args->args;
    /* place_order's defaults: good-till-cancelled, self-trades cancel the
     * resting order, no expiry, no iceberg, no oracle band. */
    OrderRequest request = {
        .price = args->price,
        .max_base_lots = args->max_base_lots,
        .client_order_id = args->client_order_id,
        .side = args->side,
        .order_type = args->order_type,
        .time_in_force = KAIROS_TIME_IN_FORCE_GTC,
        .self_trade_behavior = KAIROS_SELF_TRADE_BEHAVIOR_CANCEL_RESTING,
        .match_limit = args->match_limit,
    };
    OrderPathAccounts accounts = {loaded.margin_account, loaded.owner,
                                  loaded.perp_market, loaded.orderbook,
                                  loaded.event_queue, loaded.system_program,
                                  KAIROS_PLACE_ORDER_ACCOUNTS_LEN, false};
    return place_loaded_order(context, &accounts, loaded.oracle, &request);
}
