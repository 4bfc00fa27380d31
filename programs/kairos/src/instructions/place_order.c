/*
 * place_order: a limit order (match, then rest the remainder) or a market order
 * (immediate-or-cancel; `price` is the worst acceptable price; NoFill when
 * nothing trades). place_order_v2: the same with every order option.
 * Remaining accounts: the health accounts.
 *
 * This file holds the account checks and the handlers; the order itself runs
 * through execute_order (orders/execute.h), the one execution path of every
 * order (place_order, place_order_v2, trigger_order, TWAP slices, scheduled
 * orders).
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "health/health.h"
#include "instructions/instructions.h"
#include "orders/execute.h"
#include "math/fixed.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/event_queue.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/open_orders.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "state/perp_position.h"
#include "validate/accounts.h"
#include "validate/perp_accounts.h"

/* ---- validation (place_order and place_order_v2 share the account list) ---- */

_Static_assert(KAIROS_PLACE_ORDER_V2_ACCOUNTS_LEN == KAIROS_PLACE_ORDER_ACCOUNTS_LEN &&
                   KAIROS_PLACE_ORDER_V2_ACCOUNT_MARGIN_ACCOUNT ==
                       KAIROS_PLACE_ORDER_ACCOUNT_MARGIN_ACCOUNT &&
                   KAIROS_PLACE_ORDER_V2_ACCOUNT_OWNER == KAIROS_PLACE_ORDER_ACCOUNT_OWNER &&
                   KAIROS_PLACE_ORDER_V2_ACCOUNT_PERP_MARKET ==
                       KAIROS_PLACE_ORDER_ACCOUNT_PERP_MARKET &&
                   KAIROS_PLACE_ORDER_V2_ACCOUNT_ORDERBOOK == KAIROS_PLACE_ORDER_ACCOUNT_ORDERBOOK &&
                   KAIROS_PLACE_ORDER_V2_ACCOUNT_EVENT_QUEUE ==
                       KAIROS_PLACE_ORDER_ACCOUNT_EVENT_QUEUE &&
                   KAIROS_PLACE_ORDER_V2_ACCOUNT_ORACLE == KAIROS_PLACE_ORDER_ACCOUNT_ORACLE &&
                   KAIROS_PLACE_ORDER_V2_ACCOUNT_SYSTEM_PROGRAM ==
                       KAIROS_PLACE_ORDER_ACCOUNT_SYSTEM_PROGRAM,
               "place_order_v2 takes place_order's accounts in the same order");

/* Validate the accounts of place_order / place_order_v2 (args of `args_size`
 * bytes), read the clock and the market's oracle. */
static u64 validate_place_order(const ProgramInput *input, u64 args_size,
                                OrderPathAccounts *accounts, AccountView *oracle) {
    TRY(require_account_count(input->account_count, KAIROS_PLACE_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, args_size));
    accounts->margin_account = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_MARGIN_ACCOUNT];
    accounts->crank_payer = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_OWNER];
    accounts->perp_market = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_ORDERBOOK];
    accounts->event_queue = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_EVENT_QUEUE];
    accounts->system_program = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_SYSTEM_PROGRAM];
    accounts->fixed_account_count = KAIROS_PLACE_ORDER_ACCOUNTS_LEN;
    accounts->crank_payer_owned = false;
    *oracle = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_ORACLE];

    TRY(require_owned_margin_account(accounts->margin_account, accounts->crank_payer,
                                     input->program_id));
    /* The owner pays the crank reward of its maker fills. */
    TRY(require_writable(accounts->crank_payer));
    TRY(require_order_market_accounts(input, accounts, *oracle));
    return require_program(accounts->system_program, &SYSTEM_PROGRAM_ID);
}

u64 require_order_market_accounts(const ProgramInput *input, const OrderPathAccounts *accounts,
                                  AccountView oracle) {
    if (margin_account_state(accounts->margin_account)->being_liquidated != 0) {
        return KAIROS_ERR_ACCOUNT_BEING_LIQUIDATED;
    }
    TRY(require_perp_market(accounts->perp_market, input->program_id, true));
    TRY(require_market_orderbook(accounts->orderbook, accounts->perp_market, input->program_id));
    TRY(require_market_event_queue(accounts->event_queue, accounts->perp_market,
                                   input->program_id));
    const PerpMarket *market = perp_market_state(accounts->perp_market);
    /* oracle_read checks owner, discriminator and this link again; checked here
     * first so a wrong oracle is reported as such whatever else is wrong. */
    if (!pubkey_eq(&market->oracle, &oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    return KAIROS_OK;
}

/* Validate, read the clock and the oracle, and run the order path. */
static u64 place_validated_order(const InstructionContext *context, u64 args_size,
                                 OrderRequest *request) {
    const ProgramInput *input = context->input;
    OrderPathAccounts accounts;
    AccountView oracle;
    TRY(validate_place_order(input, args_size, &accounts, &oracle));
    const PerpMarket *market = perp_market_state(accounts.perp_market);
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    OracleRequirements oracle_requirements = perp_market_oracle_requirements(market);
    OraclePrice oracle_price;
    TRY(oracle_read(input, oracle, &oracle_requirements, &clock, &oracle_price));
    /* place_order refuses a market order that fills nothing (NoFill). */
    OrderExecution execution = {context, &accounts, &oracle_price, &clock, request, false};
    OrderOutcome outcome;
    return execute_order(&execution, &outcome);
}

u64 process_place_order(const InstructionContext *context) {
    LOG_LITERAL("Instruction: PlaceOrder");
    const ProgramInput *input = context->input;
    /* Checked before the arguments are read (and again by the validation). */
    TRY(require_account_count(input->account_count, KAIROS_PLACE_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(PlaceOrderIxArgs)));
    const PlaceOrderArgs *args = &((const PlaceOrderIxArgs *)(input->data + DISCRIMINATOR_BYTES))->args;
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
    return place_validated_order(context, sizeof(PlaceOrderIxArgs), &request);
}

u64 process_place_order_v2(const InstructionContext *context) {
    LOG_LITERAL("Instruction: PlaceOrderV2");
    const ProgramInput *input = context->input;
    /* Checked before the arguments are read (and again by the validation). */
    TRY(require_account_count(input->account_count, KAIROS_PLACE_ORDER_V2_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(PlaceOrderV2IxArgs)));
    const PlaceOrderV2Args *args =
        &((const PlaceOrderV2IxArgs *)(input->data + DISCRIMINATOR_BYTES))->args;
    OrderRequest request;
    order_request_from_v2(args, &request);
    return place_validated_order(context, sizeof(PlaceOrderV2IxArgs), &request);
}
