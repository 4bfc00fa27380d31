/*
 * place_order: a limit order (match, then rest the remainder) or a market order
 * (immediate-or-cancel; `price` is the worst acceptable price; NoFill when
 * nothing trades). Remaining accounts: the health accounts.
 *
 * The taker's fills are applied to the taker at once (position, cost basis,
 * realized PnL, taker fee, stats); each maker fill goes to the EventQueue for
 * consume_events (docs/ARCHITECTURE.md, "Settlement of makers"), and the taker
 * pays the crank's reward for those fills into the PerpMarket account. A
 * resting order of the taker itself that the order would cross is cancelled
 * (self-trade prevention). Afterwards initial health must be >= 0 unless the
 * order only reduced the position and rested nothing.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "health/health.h"
#include "instructions/instructions.h"
#include "matching/match.h"
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

typedef struct PlaceOrderAccounts {
    AccountView margin_account;
    AccountView owner;
    AccountView perp_market;
    AccountView orderbook;
    AccountView event_queue;
    AccountView oracle;
    AccountView system_program;
} PlaceOrderAccounts;

/* ---- validation ---- */

static u64 validate_place_order(const ProgramInput *input, PlaceOrderAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_PLACE_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(PlaceOrderIxArgs)));
    accounts->margin_account = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_OWNER];
    accounts->perp_market = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_ORDERBOOK];
    accounts->event_queue = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_EVENT_QUEUE];
    accounts->oracle = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_ORACLE];
    accounts->system_program = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_SYSTEM_PROGRAM];

    TRY(require_owned_margin_account(accounts->margin_account, accounts->owner,
                                     input->program_id));
    /* The owner pays the crank reward of its maker fills. */
    TRY(require_writable(accounts->owner));
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
    if (!pubkey_eq(&market->oracle, &accounts->oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    return require_program(accounts->system_program, &SYSTEM_PROGRAM_ID);
}

static u64 validate_place_order_args(const PlaceOrderArgs *args, const PerpMarket *market) {
    if (args->side > SIDE_ASK || args->order_type > ORDER_TYPE_MARKET ||
        args->match_limit == 0 || args->match_limit > KAIROS_MAX_MATCHES_PER_ORDER) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    /* tick_size > 0 is a market invariant (checked at creation). */
    if (args->price == 0 || args->price % market->tick_size != 0) {
        return KAIROS_ERR_PRICE_NOT_ON_TICK;
    }
    return args->max_base_lots >= market->min_order_lots ? KAIROS_OK : KAIROS_ERR_ORDER_TOO_SMALL;
}

/* ---- handler ---- */

/* Everything the steps of the handler share. */
typedef struct PlaceOrderState {
    const ProgramInput *input;
    const PlaceOrderAccounts *accounts;
    const PlaceOrderArgs *args;
    MarginAccount *margin;
    PerpMarket *market;
    Orderbook *book;
    EventQueue *queue;
    PerpPosition *position;
    SolClock clock;
    u64 order_id;
} PlaceOrderState;

/* Apply each maker fill of `result` to the taker (the events just pushed, in
 * order), log it as OrderFilled, and update the taker's stats. */
static u64 apply_taker_fills(const PlaceOrderState *state, const MatchResult *result) {
    i64 realized = 0;
    for (u32 i = 0; i < result->maker_fills; i++) {
        const FillEvent *event = event_queue_at(state->queue, result->first_event_offset + i);
        PositionFill fill = {event->base_lots, event->price, state->args->side};
        TRY(perp_position_apply_fill(state->position, &fill, &realized));

        OrderFilledEventRecord record = ORDER_FILLED_EVENT_RECORD_INIT;
        pubkey_copy(&record.event.market, &state->accounts->perp_market->key);
        pubkey_copy(&record.event.maker, &event->maker);
        pubkey_copy(&record.event.taker, &event->taker);
        record.event.maker_order_id = event->maker_order_id;
        record.event.taker_side = event->taker_side;
        record.event.price = event->price;
        record.event.base_lots = event->base_lots;
        record.event.seq = event->seq;
        EMIT_EVENT(record);
    }
    AccountStats *stats = &state->margin->stats;
    if (!u64_checked_add(stats->volume_quote, result->filled_quote, &stats->volume_quote) ||
        !u64_checked_add(stats->fill_count, result->maker_fills, &stats->fill_count) ||
        !i64_checked_add(stats->realized_pnl, realized, &stats->realized_pnl)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

/* max(value, 0) as lots: the long part of a position. */
KAIROS_INLINE u64 long_lots(i64 base_lots) { return base_lots > 0 ? (u64)base_lots : 0; }

/* The lots by which a position moving from `before` to `after` opens exposure:
 * the growth of |position| on one side, or all of `after` on a flip. An upper
 * bound of the fill's effect on the market's open interest (whatever the
 * makers do, the increase is at most what the taker opens). */
KAIROS_INLINE u64 opening_lots(i64 before, i64 after) {
    u64 before_size = i64_unsigned_abs(before);
    u64 after_size = i64_unsigned_abs(after);
    bool flipped = (before > 0 && after < 0) || (before < 0 && after > 0);
    if (flipped) {
        return after_size;
    }
    return after_size > before_size ? after_size - before_size : 0;
}

/* The open-interest cap applies to the taker's opening lots, and the taker's
 * long part moves into open_interest_lots (invariant 3 of state/perp_market.h). */
static u64 update_open_interest(PerpMarket *market, i64 base_before, i64 base_after) {
    u64 opening = opening_lots(base_before, base_after);
    u64 projected;
    if (opening != 0 && (!u64_checked_add(market->open_interest_lots, opening, &projected) ||
                         projected > market->open_interest_cap_lots)) {
        return KAIROS_ERR_OPEN_INTEREST_CAP_EXCEEDED;
    }
    u64 without_taker;
    if (!u64_checked_sub(market->open_interest_lots, long_lots(base_before), &without_taker) ||
        !u64_checked_add(without_taker, long_lots(base_after), &market->open_interest_lots)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

/* Charge the taker fee, rounded up, on the order's filled notional: from the
 * account's quote balance into the market's fees (the vault invariant holds:
 * the sum of the two is unchanged). */
static u64 charge_taker_fee(const PlaceOrderState *state, u64 filled_quote, u64 *fee) {
    i64 signed_fee;
    i64 balance_after;
    i64 fees_after;
    i64 fees_paid_after;
    if (!scale_bps_ceil(filled_quote, state->market->taker_fee_bps, fee) ||
        !u64_to_i64(*fee, &signed_fee) ||
        !i64_checked_sub(state->margin->quote_balance, signed_fee, &balance_after) ||
        !i64_checked_add(state->market->fees_accrued, signed_fee, &fees_after) ||
        !i64_checked_add(state->margin->stats.fees_paid, signed_fee, &fees_paid_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    state->margin->quote_balance = balance_after;
    state->market->fees_accrued = fees_after;
    state->margin->stats.fees_paid = fees_paid_after;
    return KAIROS_OK;
}

/* Rest `lots` of the order in the book, in an OpenOrder slot of the account,
 * and in the position's reservations (invariant 5 of state/orderbook.h). */
static u64 rest_order(const PlaceOrderState *state, u64 lots) {
    const PlaceOrderArgs *args = state->args;
    OpenOrder open_order = {
        .order_id = state->order_id,
        .client_order_id = args->client_order_id,
        .price = args->price,
        .market_index = state->market->index,
        .side = args->side,
    };
    u8 slot;
    TRY(open_order_add(state->margin, &open_order, &slot));
    BookOrder book_order = {
        .order_id = state->order_id,
        .price = args->price,
        .base_lots = lots,
        .client_order_id = args->client_order_id,
        .timestamp = state->clock.unix_timestamp,
        .owner_slot = slot,
    };
    pubkey_copy(&book_order.owner, &state->accounts->margin_account->key);
    TRY(book_insert(state->book, args->side, &book_order));
    return perp_position_reserve(state->position, args->side, lots, args->price);
}

/* The taker pays keeper_reward_lamports per maker fill into the market account,
 * where consume_events pays them to the cranker. */
static u64 fund_crank(const PlaceOrderState *state, const Exchange *exchange, u32 maker_fills) {
    u64 reward;
    u64 crank_after;
    if (!u64_checked_mul(exchange->keeper_reward_lamports, maker_fills, &reward) ||
        !u64_checked_add(state->market->crank_lamports, reward, &crank_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (reward == 0) {
        return KAIROS_OK;
    }
    TRY(system_transfer(state->accounts->owner, state->accounts->perp_market,
                        state->accounts->system_program, reward));
    state->market->crank_lamports = crank_after;
    return KAIROS_OK;
}

/* True when the position went from `before` to `after` without growing or
 * changing side. */
KAIROS_INLINE bool only_reduced(i64 before, i64 after) {
    return opening_lots(before, after) == 0;
}

static void emit_order_placed(const PlaceOrderState *state, const MatchResult *result,
                              u64 resting_lots, u64 taker_fee) {
    const PlaceOrderArgs *args = state->args;
    OrderPlacedEventRecord record = ORDER_PLACED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &state->accounts->margin_account->key);
    pubkey_copy(&record.event.market, &state->accounts->perp_market->key);
    record.event.order_id = state->order_id;
    record.event.client_order_id = args->client_order_id;
    record.event.side = args->side;
    record.event.order_type = args->order_type;
    record.event.price = args->price;
    record.event.max_base_lots = args->max_base_lots;
    record.event.filled_base_lots = result->filled_base_lots;
    record.event.filled_quote = result->filled_quote;
    record.event.resting_base_lots = resting_lots;
    record.event.taker_fee = taker_fee;
    EMIT_EVENT(record);
}

u64 process_place_order(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: PlaceOrder");
    PlaceOrderAccounts accounts;
    TRY(validate_place_order(input, &accounts));
    PlaceOrderState state = {
        .input = input,
        .accounts = &accounts,
        .args = &((const PlaceOrderIxArgs *)(input->data + DISCRIMINATOR_BYTES))->args,
        .margin = margin_account_state(accounts.margin_account),
        .market = perp_market_state(accounts.perp_market),
        .book = orderbook_state(accounts.orderbook),
        .queue = event_queue_state(accounts.event_queue),
    };
    const PlaceOrderArgs *args = state.args;
    TRY(validate_place_order_args(args, state.market));

    sol_get_clock_sysvar(&state.clock);
    OracleRequirements oracle_requirements = perp_market_oracle_requirements(state.market);
    OraclePrice oracle_price;
    TRY(oracle_read(input, accounts.oracle, &oracle_requirements, &state.clock, &oracle_price));

    TRY(perp_position_open(state.margin, state.market->index, &state.position));
    i64 base_before = state.position->base_lots;
    state.order_id = state.market->next_order_id;
    if (!u64_checked_add(state.order_id, 1, &state.market->next_order_id)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }

    TakerOrder order = {
        .taker = &accounts.margin_account->key,
        .limit_price = args->price,
        .max_base_lots = args->max_base_lots,
        .timestamp = state.clock.unix_timestamp,
        .side = args->side,
        .match_limit = args->match_limit,
    };
    MatchResult result;
    TRY(match_order(state.book, state.queue, &order, &result));
    /* Refused cleanly: nothing could trade, so nothing is kept (the whole
     * transaction fails). With some fills made, the order just stops there. */
    if (result.stop == MATCH_STOP_QUEUE_FULL && result.filled_base_lots == 0) {
        return KAIROS_ERR_EVENT_QUEUE_FULL;
    }
    CancelOwner self = {state.margin, &accounts.margin_account->key, &accounts.perp_market->key,
                        state.market->index};
    for (u32 i = 0; i < result.self_trade_count; i++) {
        TRY(release_cancelled_order(&self, &result.self_trades[i]));
    }
    TRY(apply_taker_fills(&state, &result));
    if (args->order_type == ORDER_TYPE_MARKET && result.filled_base_lots == 0) {
        return KAIROS_ERR_NO_FILL;
    }
    TRY(update_open_interest(state.market, base_before, state.position->base_lots));
    u64 taker_fee;
    TRY(charge_taker_fee(&state, result.filled_quote, &taker_fee));

    /* The remainder of a limit order rests only when nothing crossing is left
     * (MATCH_STOP_COMPLETE): resting over crossing orders would cross the book. */
    u64 resting_lots = 0;
    if (args->order_type == ORDER_TYPE_LIMIT && result.stop == MATCH_STOP_COMPLETE) {
        /* filled <= max_base_lots: the matching loop never takes more. */
        resting_lots = args->max_base_lots - result.filled_base_lots;
        if (resting_lots != 0) {
            TRY(rest_order(&state, resting_lots));
        }
    }
    TRY(fund_crank(&state, exchange_state(context->exchange), result.maker_fills));

    if (resting_lots != 0 || !only_reduced(base_before, state.position->base_lots)) {
        HealthRequest request = {input, KAIROS_PLACE_ORDER_ACCOUNTS_LEN, state.margin,
                                 &state.clock};
        HealthResult health;
        TRY(require_init_health(&request, &health));
    }
    emit_order_placed(&state, &result, resting_lots, taker_fee);
    return KAIROS_OK;
}
