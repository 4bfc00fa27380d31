/*
 * execute_twap_slice (permissionless): trade the TWAP order's next due slice
 * as a market (immediate-or-cancel) order through execute_order
 * (orders/execute.h; the escrow funds the crank), and pay the keeper the
 * order's reward from the escrow.
 *
 * slice_index must equal the order's next_slice: a smaller one was already
 * executed (or skipped) — AlreadyExecuted, which is how a second keeper racing
 * for the same slice, or a restarted one, is refused. Before its due time:
 * NotDue. Missed slices (the next one is already due too) follow the order's
 * policy: CatchUp trades them one per call (the next is then due at once);
 * Skip drops all but the latest due slice and trades that one.
 *
 * Worst price: the fixed limit price, the oracle band (oracle per lot × (1 ±
 * max_deviation_bps), rounded to a tick toward the trader), or the tighter of
 * the two. A slice that fills nothing within it still counts as executed.
 * Remaining accounts: the margin account's health accounts.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "oracle/oracle.h"
#include "orders/escrow.h"
#include "orders/delegated_execution.h"
#include "orders/twap_schedule.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/exchange.h"
#include "state/perp_market.h"
#include "state/twap_order.h"
#include "validate/links.h"

/* The slice to trade now and how many are skipped on the way to it. */
static u32 twap_target_slice(const TwapOrder *twap, const SolPubkey *key, i64 now,
                             u32 *skipped) {
    u32 target = twap->next_slice;
    if (twap->missed_slice_policy == KAIROS_MISSED_SLICE_POLICY_SKIP) {
        /* The latest slice whose due time has passed: slice k's due time lies in
         * [start + k × interval, start + (k + 1) × interval), so it is
         * floor(elapsed / interval) or the one before. now >= due(next) >= start. */
        u64 latest = ((u64)now - (u64)twap->start_time) / twap->interval_seconds;
        if (latest > (u64)twap->slice_count - 1) {
            latest = (u64)twap->slice_count - 1;
        }
        if (twap_due_time(twap, key, (u32)latest) > now) {
            latest--;
        }
        /* due(next) <= now, so latest >= next. */
        target = (u32)latest;
    }
    *skipped = target - twap->next_slice;
    return target;
}

/* Worst acceptable price of a slice (see the header comment). */
static u64 twap_worst_price(const TwapOrder *twap, const PerpMarket *market,
                            const OraclePrice *oracle, u8 quote_decimals, u64 *worst) {
    if (twap->max_deviation_bps == 0) {
        *worst = twap->limit_price;
        return KAIROS_OK;
    }
    u64 per_lot;
    u64 band;
    bool bid = twap->side == KAIROS_SIDE_BID;
    if (!perp_price_per_lot(market, oracle, quote_decimals, !bid, &per_lot)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (bid) {
        if (!mul_div_floor(per_lot, KAIROS_BPS_DENOMINATOR + twap->max_deviation_bps,
                           KAIROS_BPS_DENOMINATOR, &band)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        band -= band % market->tick_size;
    } else {
        if (!mul_div_ceil(per_lot, KAIROS_BPS_DENOMINATOR - twap->max_deviation_bps,
                          KAIROS_BPS_DENOMINATOR, &band)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        u64 rounded;
        if (!u64_div_ceil(band, market->tick_size, &rounded) ||
            !u64_checked_mul(rounded, market->tick_size, &band)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
    }
    /* Prices are positive: an oracle band below one tick trades at one tick. */
    if (band == 0) {
        band = market->tick_size;
    }
    if (twap->limit_price != 0) {
        bool tighter = bid ? twap->limit_price < band : twap->limit_price > band;
        band = tighter ? twap->limit_price : band;
    }
    *worst = band;
    return KAIROS_OK;
}

static void emit_twap_slice_executed(const ExecutionAccounts *accounts, const TwapOrder *twap,
                                     const OrderRequest *order, const OrderOutcome *result,
                                     u32 skipped) {
    TwapSliceExecutedEventRecord record = TWAP_SLICE_EXECUTED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.twap_order, &accounts->order->key);
    pubkey_copy(&record.event.keeper, &accounts->keeper->key);
    record.event.slice_index = twap->next_slice - 1;
    record.event.skipped_slices = skipped;
    record.event.executed_time = twap->last_executed_time;
    record.event.requested_base_lots = order->max_base_lots;
    record.event.filled_base_lots = result->filled_base_lots;
    record.event.filled_quote = result->filled_quote;
    record.event.worst_price = order->price;
    record.event.keeper_reward = twap->keeper_reward_lamports;
    record.event.finished = twap->next_slice == twap->slice_count ? 1 : 0;
    record.event.due_time = twap_due_time(twap, &accounts->order->key, twap->next_slice - 1);
    EMIT_EVENT(record);
}

u64 process_execute_twap_slice(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: ExecuteTwapSlice");
    ExecuteTwapSliceIxAccounts loaded;
    TRY(load_execute_twap_slice_accounts(input, &loaded));
    ExecutionAccounts accounts = {loaded.twap_order, loaded.margin_account, loaded.perp_market,
                                  loaded.orderbook, loaded.event_queue, loaded.oracle,
                                  loaded.keeper};
    u32 slice_index = loaded.args->slice_index;
    TwapOrder *twap = twap_order_state(accounts.order);
    ExecutionLinks links = {&twap->margin_account, &twap->market};
    TRY(require_execution_links(&accounts, &links));

    /* Invariant 2 of state/twap_order.h: one execution per counter value. */
    if (slice_index < twap->next_slice) {
        return KAIROS_ERR_ALREADY_EXECUTED;
    }
    if (twap->next_slice >= twap->slice_count) {
        return KAIROS_ERR_ORDER_FINISHED;
    }
    if (slice_index != twap->next_slice) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    if (twap->paused != 0) {
        return KAIROS_ERR_ORDER_PAUSED;
    }
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    if (clock.unix_timestamp < twap_due_time(twap, &accounts.order->key, twap->next_slice)) {
        return KAIROS_ERR_NOT_DUE;
    }
    u32 skipped;
    u32 slice = twap_target_slice(twap, &accounts.order->key, clock.unix_timestamp, &skipped);

    const PerpMarket *market = perp_market_state(accounts.perp_market);
    const Exchange *exchange = exchange_state(context->exchange);
    OracleRequirements requirements = perp_market_oracle_requirements(market);
    OraclePrice oracle;
    TRY(oracle_read(input, accounts.oracle, &requirements, &clock, &oracle));
    u64 worst;
    TRY(twap_worst_price(twap, market, &oracle, exchange->quote_decimals, &worst));
    /* A market order with the worst price as its limit; the other options at
     * their defaults (GTC is moot for a market order, self-trades cancel the
     * resting order). */
    OrderRequest order = {
        .price = worst,
        .max_base_lots = twap_slice_lots(twap, slice),
        .client_order_id = twap->twap_id,
        .side = twap->side,
        .order_type = KAIROS_ORDER_TYPE_MARKET,
        .time_in_force = KAIROS_TIME_IN_FORCE_GTC,
        .self_trade_behavior = KAIROS_SELF_TRADE_BEHAVIOR_CANCEL_RESTING,
        .match_limit = twap->match_limit,
    };
    OrderPathAccounts order_accounts;
    execution_order_accounts(&accounts, &order_accounts);
    /* A slice that fills nothing is recorded, not refused. */
    OrderExecution execution = {context, &order_accounts, &oracle, &clock, &order, true};
    OrderOutcome result;
    TRY(execute_order(&execution, &result));

    twap->next_slice = slice + 1;
    /* executed + skipped <= slice_count <= MAX_TWAP_SLICES: no u32 overflow. */
    twap->executed_slices += 1;
    twap->skipped_slices += skipped;
    if (!u64_checked_add(twap->filled_base_lots, result.filled_base_lots,
                         &twap->filled_base_lots) ||
        !u64_checked_add(twap->filled_quote, result.filled_quote, &twap->filled_quote)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    twap->last_executed_time = clock.unix_timestamp;
    /* Invariant 1: this slice's share of the escrow covers the reward. */
    TRY(escrow_pay(accounts.order, accounts.keeper, twap->keeper_reward_lamports));
    emit_twap_slice_executed(&accounts, twap, &order, &result, skipped);
    return KAIROS_OK;
}
