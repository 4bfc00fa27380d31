/* The delegated-order core (orders/taker.h). */
#include "orders/taker.h"

#include "anchor/event.h"
#include "cpi/system.h"
#include "health/health.h"
#include "matching/match.h"
#include "math/fixed.h"
#include "state/event_queue.h"
#include "state/margin_account.h"
#include "state/open_orders.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "state/perp_position.h"

/* Everything the steps share. */
typedef struct DelegatedState {
    const DelegatedOrder *order;
    MarginAccount *margin;
    PerpMarket *market;
    Orderbook *book;
    EventQueue *queue;
    PerpPosition *position;
    u64 order_id;
} DelegatedState;

u64 delegated_order_validate_args(const PlaceOrderArgs *args, const PerpMarket *market) {
    if (args->side > KAIROS_SIDE_ASK || args->order_type > KAIROS_ORDER_TYPE_MARKET ||
        args->match_limit == 0 || args->match_limit > KAIROS_MAX_MATCHES_PER_ORDER) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    /* tick_size > 0 is a market invariant (checked at creation). */
    if (args->price == 0 || args->price % market->tick_size != 0) {
        return KAIROS_ERR_PRICE_NOT_ON_TICK;
    }
    return args->max_base_lots >= market->min_order_lots ? KAIROS_OK : KAIROS_ERR_ORDER_TOO_SMALL;
}

u64 escrow_pay(AccountView escrow, AccountView to, u64 lamports) {
    u64 escrow_after;
    u64 to_after;
    if (!u64_checked_sub(escrow->lamports, lamports, &escrow_after) ||
        !u64_checked_add(to->lamports, lamports, &to_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    escrow->lamports = escrow_after;
    to->lamports = to_after;
    return KAIROS_OK;
}

u64 close_program_account(AccountView closing, AccountView destination) {
    TRY(escrow_pay(closing, destination, closing->lamports));
    sol_memset_(account_data(closing), 0, closing->data_len);
    /* The runtime reads the new length and owner back from the input buffer. */
    closing->data_len = 0;
    pubkey_copy(&closing->owner, &SYSTEM_PROGRAM_ID);
    return KAIROS_OK;
}

/* The taker's side of each maker fill (as place_order's apply_taker_fills). */
static u64 delegated_apply_fills(const DelegatedState *state, const MatchResult *result) {
    const DelegatedOrderAccounts *accounts = state->order->accounts;
    i64 realized = 0;
    for (u32 i = 0; i < result->maker_fills; i++) {
        const FillEvent *event = event_queue_at(state->queue, result->first_event_offset + i);
        PositionFill fill = {event->base_lots, event->price, state->order->args->side};
        TRY(perp_position_apply_fill(state->position, &fill, &realized));

        OrderFilledEventRecord record = ORDER_FILLED_EVENT_RECORD_INIT;
        pubkey_copy(&record.event.market, &accounts->perp_market->key);
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

KAIROS_INLINE u64 delegated_long_lots(i64 base_lots) { return base_lots > 0 ? (u64)base_lots : 0; }

/* Lots by which a position moving from `before` to `after` opens exposure. */
KAIROS_INLINE u64 delegated_opening_lots(i64 before, i64 after) {
    u64 before_size = i64_unsigned_abs(before);
    u64 after_size = i64_unsigned_abs(after);
    bool flipped = (before > 0 && after < 0) || (before < 0 && after > 0);
    if (flipped) {
        return after_size;
    }
    return after_size > before_size ? after_size - before_size : 0;
}

/* Open-interest cap on the opening lots; the taker's long part moves into
 * open_interest_lots (invariant 3 of state/perp_market.h). */
static u64 delegated_update_open_interest(PerpMarket *market, i64 before, i64 after) {
    u64 opening = delegated_opening_lots(before, after);
    u64 projected;
    if (opening != 0 && (!u64_checked_add(market->open_interest_lots, opening, &projected) ||
                         projected > market->open_interest_cap_lots)) {
        return KAIROS_ERR_OPEN_INTEREST_CAP_EXCEEDED;
    }
    u64 without_taker;
    if (!u64_checked_sub(market->open_interest_lots, delegated_long_lots(before), &without_taker) ||
        !u64_checked_add(without_taker, delegated_long_lots(after), &market->open_interest_lots)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

/* Taker fee (rounded up) from the account's quote balance into the market's
 * fees: their sum is unchanged, so the vault invariant holds. */
static u64 delegated_charge_fee(const DelegatedState *state, u64 filled_quote, u64 *fee) {
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

/* Rest `lots` in the book, an OpenOrder slot and the position's reservations
 * (invariant 5 of state/orderbook.h). */
static u64 delegated_rest(const DelegatedState *state, u64 lots) {
    const PlaceOrderArgs *args = state->order->args;
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
        .timestamp = state->order->clock->unix_timestamp,
        .owner_slot = slot,
    };
    pubkey_copy(&book_order.owner, &state->order->accounts->margin_account->key);
    TRY(book_insert(state->book, args->side, &book_order));
    return perp_position_reserve(state->position, args->side, lots, args->price);
}

/* The escrow pays keeper_reward_lamports per maker fill into the market,
 * where consume_events pays them to the cranker (as place_order's taker does). */
static u64 delegated_fund_crank(const DelegatedState *state, u32 maker_fills, u64 *paid) {
    u64 reward;
    u64 crank_after;
    if (!u64_checked_mul(state->order->keeper_reward_lamports, maker_fills, &reward) ||
        !u64_checked_add(state->market->crank_lamports, reward, &crank_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    *paid = reward;
    if (reward == 0) {
        return KAIROS_OK;
    }
    TRY(escrow_pay(state->order->accounts->escrow, state->order->accounts->perp_market, reward));
    state->market->crank_lamports = crank_after;
    return KAIROS_OK;
}

static void delegated_emit_placed(const DelegatedState *state, const DelegatedOrderResult *result) {
    const PlaceOrderArgs *args = state->order->args;
    OrderPlacedEventRecord record = ORDER_PLACED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &state->order->accounts->margin_account->key);
    pubkey_copy(&record.event.market, &state->order->accounts->perp_market->key);
    record.event.order_id = state->order_id;
    record.event.client_order_id = args->client_order_id;
    record.event.side = args->side;
    record.event.order_type = args->order_type;
    record.event.price = args->price;
    record.event.max_base_lots = args->max_base_lots;
    record.event.filled_base_lots = result->filled_base_lots;
    record.event.filled_quote = result->filled_quote;
    record.event.resting_base_lots = result->resting_base_lots;
    record.event.taker_fee = result->taker_fee;
    EMIT_EVENT(record);
}

u64 delegated_order_execute(const DelegatedOrder *order, DelegatedOrderResult *result) {
    const DelegatedOrderAccounts *accounts = order->accounts;
    const PlaceOrderArgs *args = order->args;
    DelegatedState state = {
        .order = order,
        .margin = margin_account_state(accounts->margin_account),
        .market = perp_market_state(accounts->perp_market),
        .book = orderbook_state(accounts->orderbook),
        .queue = event_queue_state(accounts->event_queue),
    };
    TRY(delegated_order_validate_args(args, state.market));
    TRY(perp_position_open(state.margin, state.market->index, &state.position));
    i64 base_before = state.position->base_lots;
    state.order_id = state.market->next_order_id;
    if (!u64_checked_add(state.order_id, 1, &state.market->next_order_id)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    TakerOrder taker = {
        .taker = &accounts->margin_account->key,
        .limit_price = args->price,
        .max_base_lots = args->max_base_lots,
        .timestamp = order->clock->unix_timestamp,
        .side = args->side,
        .match_limit = args->match_limit,
    };
    MatchResult matched;
    TRY(match_order(state.book, state.queue, &taker, &matched));
    if (matched.stop == MATCH_STOP_QUEUE_FULL && matched.filled_base_lots == 0) {
        return KAIROS_ERR_EVENT_QUEUE_FULL;
    }
    CancelOwner self = {state.margin, &accounts->margin_account->key, &accounts->perp_market->key,
                        state.market->index};
    for (u32 i = 0; i < matched.self_trade_count; i++) {
        TRY(release_cancelled_order(&self, &matched.self_trades[i]));
    }
    TRY(delegated_apply_fills(&state, &matched));
    TRY(delegated_update_open_interest(state.market, base_before, state.position->base_lots));
    result->order_id = state.order_id;
    result->filled_base_lots = matched.filled_base_lots;
    result->filled_quote = matched.filled_quote;
    TRY(delegated_charge_fee(&state, matched.filled_quote, &result->taker_fee));
    /* A limit remainder rests only when nothing crossing is left. */
    result->resting_base_lots = 0;
    if (args->order_type == KAIROS_ORDER_TYPE_LIMIT && matched.stop == MATCH_STOP_COMPLETE) {
        /* filled <= max_base_lots: the matching loop never takes more. */
        result->resting_base_lots = args->max_base_lots - matched.filled_base_lots;
        if (result->resting_base_lots != 0) {
            TRY(delegated_rest(&state, result->resting_base_lots));
        }
    }
    TRY(delegated_fund_crank(&state, matched.maker_fills, &result->crank_lamports));
    if (result->resting_base_lots != 0 ||
        delegated_opening_lots(base_before, state.position->base_lots) != 0) {
        HealthRequest request = {order->input, order->first_health_account, state.margin,
                                 order->clock};
        HealthResult health;
        TRY(require_init_health(&request, &health));
    }
    /* An order that did nothing must not leave an empty position slot (the
     * health accounts of the next instruction list positions in slot order). */
    perp_position_close_if_empty(state.position);
    delegated_emit_placed(&state, result);
    return KAIROS_OK;
}
