/*
 * execute_order (orders/execute.h): the one execution path of every order.
 * The taker's fills are applied to the taker at once (position, cost basis,
 * realized PnL, taker fee, stats); each maker fill goes to the EventQueue for
 * consume_events (docs/ARCHITECTURE.md, "Settlement of makers"), and the crank
 * payer funds the crank's reward for the events the order pushed into the
 * PerpMarket account. Every fill lies in the market's fill band around the
 * oracle and a remainder rests only inside the resting band, at or above the
 * minimum resting size (orders/price_band.h); a full book side evicts its worst
 * order for a better one.
 *
 * Health afterwards: initial health must be >= 0, unless the order only
 * reduced the position and rested nothing; such an order must then not have
 * lowered maintenance health (Mango's rule: a trade below the initial line may
 * only make the account safer). Without that second condition a reducing
 * order at an off-market price hands value to a colluding maker while leaving
 * the debt behind (issue 11: "off-market fills on risk-reducing orders").
 */
#include "orders/execute.h"

#include "anchor/event.h"
#include "cpi/system.h"
#include "funding/funding.h"
#include "health/health.h"
#include "matching/match.h"
#include "math/fixed.h"
#include "orders/price_band.h"
#include "risk/risk.h"
#include "sol/lamports.h"
#include "state/event_queue.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/open_orders.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "state/perp_position.h"
#include "validate/risk.h"

/* True for the time-in-force values whose remainder never rests. */
KAIROS_INLINE bool immediate_only(const OrderRequest *request) {
    return request->order_type == ORDER_TYPE_MARKET ||
           request->time_in_force == KAIROS_TIME_IN_FORCE_IOC ||
           request->time_in_force == KAIROS_TIME_IN_FORCE_FOK;
}

KAIROS_INLINE bool post_only(const OrderRequest *request) {
    return request->time_in_force == KAIROS_TIME_IN_FORCE_POST_ONLY ||
           request->time_in_force == KAIROS_TIME_IN_FORCE_POST_ONLY_SLIDE;
}

void order_request_from_v2(const PlaceOrderV2Args *args, OrderRequest *request) {
    OrderRequest mapped = {
        .price = args->price,
        .max_base_lots = args->max_base_lots,
        .client_order_id = args->client_order_id,
        .iceberg_display_lots = args->iceberg_display_lots,
        .expiry_timestamp = args->expiry_timestamp,
        .max_oracle_deviation_bps = args->max_oracle_deviation_bps,
        .side = args->side,
        .order_type = args->order_type,
        .time_in_force = args->time_in_force,
        .self_trade_behavior = args->self_trade_behavior,
        .reduce_only = args->reduce_only,
        .match_limit = args->match_limit,
    };
    *request = mapped;
}

u64 validate_order_request(const OrderRequest *request, const PerpMarket *market,
                           const SolClock *clock) {
    if (request->side > SIDE_ASK || request->order_type > ORDER_TYPE_MARKET ||
        request->time_in_force > KAIROS_TIME_IN_FORCE_POST_ONLY_SLIDE ||
        request->self_trade_behavior > KAIROS_SELF_TRADE_BEHAVIOR_ABORT ||
        request->reduce_only > 1 || request->match_limit == 0 ||
        request->match_limit > KAIROS_MAX_MATCHES_PER_ORDER ||
        /* A market order never rests: it cannot be post-only. */
        (request->order_type == ORDER_TYPE_MARKET && post_only(request)) ||
        /* The oracle band bounds orders that take, never a resting price. */
        (request->max_oracle_deviation_bps != 0 && !immediate_only(request)) ||
        /* An iceberg shows part of a resting order. */
        (request->iceberg_display_lots != 0 && immediate_only(request))) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    if (request->expiry_timestamp != 0 && request->expiry_timestamp <= clock->unix_timestamp) {
        return KAIROS_ERR_ORDER_EXPIRED;
    }
    /* tick_size > 0 is a market invariant (checked at creation). A market
     * order with an oracle band may leave the price at 0 (band only). */
    bool band_only = request->price == 0 && request->order_type == ORDER_TYPE_MARKET &&
                     request->max_oracle_deviation_bps != 0;
    if ((request->price == 0 && !band_only) || request->price % market->tick_size != 0) {
        return KAIROS_ERR_PRICE_NOT_ON_TICK;
    }
    if (request->max_base_lots < market->min_order_lots ||
        (request->iceberg_display_lots != 0 &&
         request->iceberg_display_lots < market->min_order_lots)) {
        return KAIROS_ERR_ORDER_TOO_SMALL;
    }
    /* An order that may rest must be restable: dust cannot fill the book. */
    u64 min_rest = market_min_rest_lots(market);
    if (!immediate_only(request) &&
        (request->max_base_lots < min_rest ||
         (request->iceberg_display_lots != 0 && request->iceberg_display_lots < min_rest))) {
        return KAIROS_ERR_RESTING_ORDER_TOO_SMALL;
    }
    return KAIROS_OK;
}

/* ---- handler ---- */

/* Everything the steps of the handler share. */
typedef struct PlaceOrderState {
    const ProgramInput *input;
    const OrderPathAccounts *accounts;
    const OrderRequest *request;
    const SolClock *clock;
    MarginAccount *margin;
    PerpMarket *market;
    Orderbook *book;
    EventQueue *queue;
    PerpPosition *position;
    const OraclePrice *oracle_price;
    PriceBand fill_band;
    u64 oracle_per_lot;
    u64 order_id;
    u64 price; /* the price the order rests at (post-only-slide may move it) */
    u8 quote_decimals;
} PlaceOrderState;

/* Apply each maker fill of `result` to the taker (the events just pushed, in
 * order; Out events of expired orders are skipped), log it as OrderFilled, and
 * update the taker's stats. */
static u64 apply_taker_fills(const PlaceOrderState *state, const MatchResult *result) {
    i64 realized = 0;
    for (u32 i = 0; i < result->events_pushed; i++) {
        const FillEvent *event = event_queue_at(state->queue, result->first_event_offset + i);
        if (event->event_type != FILL_EVENT_TYPE_FILL) {
            continue;
        }
        PositionFill fill = {event->base_lots, event->price, state->request->side,
                             &state->accounts->margin_account->key};
        TRY(perp_position_apply_market_fill(state->market, state->position, &fill, &realized));

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

/* The worst order of a full side left the book for a better one; its owner
 * is released by consume_events through the Out event. */
static void emit_order_evicted(const PlaceOrderState *state, const BookOrder *evicted) {
    OrderEvictedEventRecord record = ORDER_EVICTED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.market, &state->accounts->perp_market->key);
    pubkey_copy(&record.event.owner, &evicted->owner);
    record.event.order_id = evicted->order_id;
    record.event.side = state->request->side;
    record.event.price = evicted->price;
    record.event.base_lots = book_order_total_lots(evicted);
    record.event.by_order_id = state->order_id;
    EMIT_EVENT(record);
}

/* Rest `lots` of the order in the book, in an OpenOrder slot of the account,
 * and in the position's reservations (invariant 5 of state/orderbook.h: all
 * of them, the iceberg reserve included). An iceberg shows display lots and
 * keeps the rest hidden (invariant 6). */
static u64 rest_order(const PlaceOrderState *state, const TakerOrder *order, u64 lots,
                      MatchResult *result) {
    const OrderRequest *request = state->request;
    PriceBand rest_band;
    if (!price_band_around(state->oracle_per_lot, market_rest_band_bps(state->market),
                           &rest_band)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (!price_may_rest(request->side, state->price, &state->fill_band, &rest_band)) {
        return KAIROS_ERR_PRICE_OUTSIDE_BAND;
    }
    OpenOrder open_order = {
        .order_id = state->order_id,
        .client_order_id = request->client_order_id,
        .price = state->price,
        .market_index = state->market->index,
        .side = request->side,
    };
    u8 slot;
    TRY(open_order_add(state->margin, &open_order, &slot));
    BookOrder book_order = {
        .order_id = state->order_id,
        .price = state->price,
        .base_lots = lots,
        .client_order_id = request->client_order_id,
        .timestamp = state->clock->unix_timestamp,
        .owner_slot = slot,
        .expiry_timestamp = request->expiry_timestamp,
    };
    if (request->iceberg_display_lots != 0 && request->iceberg_display_lots < lots) {
        book_order.display_lots = request->iceberg_display_lots;
        book_order.base_lots = request->iceberg_display_lots;
        book_order.hidden_lots = lots - request->iceberg_display_lots;
    }
    pubkey_copy(&book_order.owner, &state->accounts->margin_account->key);
    BookEviction eviction = {.queue = state->queue, .order = order, .result = result};
    TRY(book_insert_evicting(state->book, request->side, &book_order, &eviction));
    if (eviction.did_evict) {
        emit_order_evicted(state, &eviction.evicted);
    }
    return perp_position_reserve(state->position, request->side, lots, state->price);
}

/* The crank payer funds keeper_reward_lamports per event the order pushed
 * into the market account, where consume_events pays them to the cranker. */
static u64 fund_crank(const PlaceOrderState *state, const Exchange *exchange, u32 events,
                      u64 *paid) {
    u64 reward;
    u64 crank_after;
    *paid = 0;
    if (!u64_checked_mul(exchange->keeper_reward_lamports, events, &reward) ||
        !u64_checked_add(state->market->crank_lamports, reward, &crank_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (reward == 0) {
        return KAIROS_OK;
    }
    const OrderPathAccounts *accounts = state->accounts;
    if (accounts->crank_payer_owned) {
        /* A program-owned payer (a TriggerOrder escrow): lamports move
         * directly; the sum of the two balances is unchanged. */
        TRY(lamports_move(accounts->crank_payer, accounts->perp_market, reward));
    } else {
        TRY(system_transfer(accounts->crank_payer, accounts->perp_market,
                            accounts->system_program, reward));
    }
    state->market->crank_lamports = crank_after;
    *paid = reward;
    return KAIROS_OK;
}

/* True when the position went from `before` to `after` without growing or
 * changing side. */
KAIROS_INLINE bool only_reduced(i64 before, i64 after) {
    return opening_lots(before, after) == 0;
}

static void emit_order_placed(const PlaceOrderState *state, const OrderOutcome *outcome) {
    const OrderRequest *request = state->request;
    OrderPlacedEventRecord record = ORDER_PLACED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &state->accounts->margin_account->key);
    pubkey_copy(&record.event.market, &state->accounts->perp_market->key);
    record.event.order_id = state->order_id;
    record.event.client_order_id = request->client_order_id;
    record.event.side = request->side;
    record.event.order_type = request->order_type;
    record.event.price = state->price;
    record.event.max_base_lots = request->max_base_lots;
    record.event.filled_base_lots = outcome->filled_base_lots;
    record.event.filled_quote = outcome->filled_quote;
    record.event.resting_base_lots = outcome->resting_lots;
    record.event.taker_fee = outcome->taker_fee;
    EMIT_EVENT(record);
}

/* Reduce-only: the order may only shrink the position, so its size is capped
 * at the lots that close it (a long for an ask, a short for a bid). The cap is
 * taken when the order is placed. */
static u64 apply_reduce_only(OrderRequest *request, const PerpPosition *position) {
    u64 reducible = 0;
    if (request->side == SIDE_ASK && position->base_lots > 0) {
        reducible = (u64)position->base_lots;
    } else if (request->side == SIDE_BID && position->base_lots < 0) {
        reducible = i64_unsigned_abs(position->base_lots);
    }
    if (reducible == 0) {
        return KAIROS_ERR_REDUCE_ONLY_NOT_REDUCING;
    }
    if (request->max_base_lots > reducible) {
        request->max_base_lots = reducible;
    }
    if (request->iceberg_display_lots > request->max_base_lots) {
        request->iceberg_display_lots = 0;
    }
    return KAIROS_OK;
}

/* The limit of an order with an oracle band: the oracle price per lot moved
 * by max_oracle_deviation_bps against the taker, rounded to the tick towards
 * the oracle, and the tighter of that and `price` when a price is given. */
static u64 apply_oracle_band(const PlaceOrderState *state, const OraclePrice *oracle_price,
                             u8 quote_decimals, u64 *limit) {
    const OrderRequest *request = state->request;
    u64 tick = state->market->tick_size;
    u64 oracle_per_lot;
    u64 band;
    bool bid = request->side == SIDE_BID;
    u64 factor = bid ? BPS_PER_UNIT + request->max_oracle_deviation_bps
                     : (request->max_oracle_deviation_bps >= BPS_PER_UNIT
                            ? 0
                            : BPS_PER_UNIT - request->max_oracle_deviation_bps);
    if (!perp_price_per_lot(state->market, oracle_price, quote_decimals, !bid, &oracle_per_lot)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (bid) {
        if (!mul_div_floor(oracle_per_lot, factor, BPS_PER_UNIT, &band)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        band -= band % tick;
        *limit = request->price != 0 && request->price < band ? request->price : band;
    } else {
        if (!mul_div_ceil(oracle_per_lot, factor, BPS_PER_UNIT, &band) ||
            !u64_div_ceil(band, tick, &band) || !u64_checked_mul(band, tick, &band)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        if (band == 0) {
            band = tick;
        }
        *limit = request->price > band ? request->price : band;
    }
    /* A bid band below one tick cannot trade: NoFill follows. */
    return KAIROS_OK;
}

/* Post-only: take expired orders off the opposite top, then refuse (or, for
 * post-only-slide, reprice to one tick inside the best opposite order) when
 * the order would cross. */
static u64 apply_post_only(PlaceOrderState *state, const TakerOrder *order, MatchResult *result) {
    u8 opposite = opposite_side(state->request->side);
    purge_unmatchable_best(state->book, state->queue, order, opposite, result);
    const BookOrder *best = book_best(state->book, opposite);
    if (best == NULL || !taker_crosses(state->request->side, state->price, best->price)) {
        return KAIROS_OK;
    }
    if (state->request->time_in_force == KAIROS_TIME_IN_FORCE_POST_ONLY ||
        book_order_expired(best, state->clock->unix_timestamp)) {
        return KAIROS_ERR_POST_ONLY_WOULD_CROSS;
    }
    u64 tick = state->market->tick_size;
    if (state->request->side == SIDE_BID) {
        if (best->price <= tick) {
            return KAIROS_ERR_POST_ONLY_WOULD_CROSS;
        }
        state->price = best->price - tick;
    } else if (!u64_checked_add(best->price, tick, &state->price)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

/* Release the taker's own resting orders that self-trade prevention took out
 * (or decremented), and return the lots decremented from the taker. */
static u64 release_self_trades(const PlaceOrderState *state, const MatchResult *result,
                               u64 *decremented) {
    CancelOwner self = {state->margin, &state->accounts->margin_account->key,
                        &state->accounts->perp_market->key, state->market->index};
    *decremented = 0;
    for (u32 i = 0; i < result->self_trade_count; i++) {
        TRY(release_cancelled_order(&self, &result->self_trades[i]));
        if (state->request->self_trade_behavior == KAIROS_SELF_TRADE_BEHAVIOR_DECREMENT_TAKING) {
            /* Σ decrements <= max_base_lots: the loop decrements only what remains. */
            *decremented += result->self_trades[i].base_lots;
        }
    }
    return KAIROS_OK;
}

u64 execute_order(const OrderExecution *execution, OrderOutcome *outcome) {
    const OrderPathAccounts *accounts = execution->accounts;
    const ProgramInput *input = execution->context->input;
    OrderRequest *request = execution->request;
    const Exchange *exchange = exchange_state(execution->context->exchange);
    PlaceOrderState state = {
        .input = input,
        .accounts = accounts,
        .request = request,
        .clock = execution->clock,
        .margin = margin_account_state(accounts->margin_account),
        .market = perp_market_state(accounts->perp_market),
        .book = orderbook_state(accounts->orderbook),
        .queue = event_queue_state(accounts->event_queue),
        .oracle_price = execution->oracle_price,
        .price = request->price,
        .quote_decimals = exchange->quote_decimals,
    };
    TRY(validate_order_request(request, state.market, state.clock));
    if (!market_fill_band(state.market, state.oracle_price, state.quote_decimals,
                          &state.oracle_per_lot, &state.fill_band)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    TRY(perp_position_open(state.margin, state.market->index, &state.position));
    i64 base_before = state.position->base_lots;
    /* An account with risk limits lists its RiskLimits and RiskParameters
     * after its health accounts (risk/risk.h). */
    RiskTail risk_tail;
    TRY(risk_open_tail(input, accounts->margin_account, 0, &risk_tail));
    HealthRequest health_request = {input, accounts->fixed_account_count, state.margin,
                                    state.clock, risk_tail.end_health_account, NULL};
    /* An order against the position may end up exempt from the initial check
     * (it only reduces): its maintenance health before is the bar it must
     * clear. Any other order always faces the initial check. */
    bool may_reduce = (request->side == SIDE_ASK && base_before > 0) ||
                      (request->side == SIDE_BID && base_before < 0);
    HealthResult health_before;
    if (may_reduce) {
        TRY(compute_health(&health_request, &health_before));
    }
    if (request->reduce_only) {
        TRY(apply_reduce_only(request, state.position));
    }
    state.order_id = state.market->next_order_id;
    if (!u64_checked_add(state.order_id, 1, &state.market->next_order_id)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    u64 limit = request->price;
    if (request->max_oracle_deviation_bps != 0) {
        TRY(apply_oracle_band(&state, execution->oracle_price, exchange->quote_decimals, &limit));
    }
    /* The fill band bounds every taker: a buyer pays at most its high end, a
     * seller receives at least its low end, whatever limit it asked for. */
    if (request->side == SIDE_BID && limit > state.fill_band.high) {
        limit = state.fill_band.high;
    } else if (request->side == SIDE_ASK && limit < state.fill_band.low) {
        limit = state.fill_band.low;
    }

    TakerOrder order = {
        .taker = &accounts->margin_account->key,
        .limit_price = limit,
        .max_base_lots = request->max_base_lots,
        .band_low = state.fill_band.low,
        .band_high = state.fill_band.high,
        .timestamp = state.clock->unix_timestamp,
        .side = request->side,
        .match_limit = request->match_limit,
        .self_trade_behavior = request->self_trade_behavior,
    };
    RiskDepth risk_depth = {.now = state.clock->unix_timestamp};
    TRY(risk_order_depth(&risk_tail, state.book, request->side, state.oracle_per_lot,
                         &risk_depth));
    MatchResult result;
    if (post_only(request)) {
        match_result_init(state.queue, &result);
        TRY(apply_post_only(&state, &order, &result));
    } else {
        TRY(match_order(state.book, state.queue, &order, &result));
    }
    /* Refused cleanly: nothing could trade, so nothing is kept (the whole
     * transaction fails). With some fills made, the order just stops there. */
    if (result.stop == MATCH_STOP_QUEUE_FULL && result.filled_base_lots == 0) {
        return KAIROS_ERR_EVENT_QUEUE_FULL;
    }
    u64 decremented;
    TRY(release_self_trades(&state, &result, &decremented));
    TRY(apply_taker_fills(&state, &result));
    /* Fill-or-kill: anything short of the full size fails the whole
     * transaction, so nothing of the attempt persists (atomic). */
    if (request->time_in_force == KAIROS_TIME_IN_FORCE_FOK &&
        result.filled_base_lots < request->max_base_lots) {
        return KAIROS_ERR_FILL_OR_KILL_NOT_FILLED;
    }
    if (request->order_type == ORDER_TYPE_MARKET && result.filled_base_lots == 0 &&
        !execution->empty_fill_allowed) {
        return KAIROS_ERR_NO_FILL;
    }
    TRY(update_open_interest(state.market, base_before, state.position->base_lots));
    outcome->order_id = state.order_id;
    outcome->filled_base_lots = result.filled_base_lots;
    outcome->filled_quote = result.filled_quote;
    TRY(charge_taker_fee(&state, result.filled_quote, &outcome->taker_fee));

    /* The remainder of a limit order rests only when nothing crossing is left
     * (MATCH_STOP_COMPLETE): resting over crossing orders would cross the book. */
    outcome->resting_lots = 0;
    if (!immediate_only(request) && result.stop == MATCH_STOP_COMPLETE) {
        /* filled + decremented <= max_base_lots: the loop never takes more. */
        outcome->resting_lots = request->max_base_lots - result.filled_base_lots - decremented;
        /* A remainder below the minimum resting size is not rested (the
         * order itself was restable: validate_order_request). */
        if (outcome->resting_lots < market_min_rest_lots(state.market)) {
            outcome->resting_lots = 0;
        }
        if (outcome->resting_lots != 0) {
            TRY(rest_order(&state, &order, outcome->resting_lots, &result));
        }
    }
    /* Counts an eviction's Out event too. */
    TRY(fund_crank(&state, exchange, result.events_pushed, &outcome->crank_lamports));
    /* The book after the order is the market's mark from now on. */
    TRY(FUNDING_HOOK(funding_sample_book(state.market, state.book, execution->oracle_price,
                                         exchange->quote_decimals,
                                         state.clock->unix_timestamp)));

    HealthResult health;
    HealthExposures exposures;
    risk_exposures_init(&risk_tail, state.clock->unix_timestamp, &exposures);
    health_request.exposures = risk_tail.enabled ? &exposures : NULL;
    bool increasing =
        outcome->resting_lots != 0 || !only_reduced(base_before, state.position->base_lots);
    if (increasing) {
        TRY(require_init_health(&health_request, &health));
    } else if (may_reduce && outcome->filled_base_lots != 0) {
        /* Exempt from the initial check only while the account gets no less
         * safe: initial health >= 0 afterwards, or maintenance health not
         * lower than before the order. */
        TRY(compute_health(&health_request, &health));
        if (health.init < 0 && health.maint < health_before.maint) {
            return KAIROS_ERR_HEALTH_WORSENED;
        }
    }
    if (risk_tail.enabled && (increasing || (may_reduce && outcome->filled_base_lots != 0))) {
        RiskCheck check = {
            .input = input,
            .margin_account = accounts->margin_account,
            .exposures = &exposures,
            .health = &health,
            .clock = state.clock,
            .action = increasing ? RISK_ACTION_INCREASING : RISK_ACTION_REDUCING,
            .taken_lots = outcome->filled_base_lots,
            .depth_lots = risk_depth.lots,
            .liquidity_measured = risk_depth.measured,
        };
        TRY(risk_check_tail(&risk_tail, &check));
    }
    if (outcome->filled_base_lots == 0 && outcome->resting_lots == 0) {
        /* An order that did nothing must not leave an empty position slot
         * (the health accounts of the next instruction list positions in slot
         * order); a slot with anything in it stays. */
        perp_position_close_if_empty(state.position);
    }
    emit_order_placed(&state, outcome);
    return KAIROS_OK;
}

