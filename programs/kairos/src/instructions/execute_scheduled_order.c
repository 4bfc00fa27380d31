/*
 * execute_scheduled_order (permissionless): the due occurrence of a scheduled
 * order either runs (its stored order goes through execute_order,
 * orders/execute.h, with every option of place_order_v2; the escrow funds the
 * crank) or,
 * when later than next_run_time + skip_window_seconds (skip window > 0), is
 * skipped (Clockwork's `skippable`): nothing trades, the occurrence is
 * consumed. Either way the keeper earns the reward and the program computes
 * the next run time: OneShot ends; Interval takes the first start + k ×
 * interval after now; Cron the first matching minute after now (a late keeper
 * never causes a burst of catch-up runs). The order finishes when max_runs
 * occurrences are consumed or the next time passes end_time.
 *
 * run_index must equal run_count + skipped_count: a smaller one was already
 * executed (AlreadyExecuted). Before next_run_time: NotDue; once finished:
 * OrderFinished. A market order that fills nothing still counts as a run.
 * An order that execute_order refuses (a fill-or-kill that cannot fill, a
 * post-only that would cross, a reduce-only with nothing to reduce, an expired
 * order, health) fails the whole instruction: nothing is consumed, and the
 * occurrence can be retried until its skip window passes, when it is skipped
 * (with no skip window it stays retryable until it succeeds or the owner
 * cancels).
 * Remaining accounts: the margin account's health accounts.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "oracle/oracle.h"
#include "orders/escrow.h"
#include "orders/delegated_execution.h"
#include "schedule/cron.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/exchange.h"
#include "state/perp_market.h"
#include "state/twap_order.h"
#include "validate/links.h"

/* The occurrence after one consumed at `now` (>= next_run_time). */
static u64 scheduled_following_run(const ScheduledOrder *schedule, i64 now, i64 *next,
                                   bool *none) {
    *none = false;
    if (schedule->kind == KAIROS_SCHEDULE_KIND_ONE_SHOT) {
        *none = true;
        return KAIROS_OK;
    }
    if (schedule->kind == KAIROS_SCHEDULE_KIND_INTERVAL) {
        /* Smallest next_run_time + k × interval > now, k >= 1. */
        u64 steps = ((u64)now - (u64)schedule->next_run_time) / schedule->interval_seconds + 1;
        u64 offset;
        u64 following;
        if (!u64_checked_mul(steps, schedule->interval_seconds, &offset) ||
            !u64_checked_add((u64)schedule->next_run_time, offset, &following) ||
            following > (u64)I64_MAX) {
            *none = true; /* beyond any representable time: no further run */
            return KAIROS_OK;
        }
        *next = (i64)following;
        return KAIROS_OK;
    }
    CronSchedule cron = {
        .minutes = schedule->cron_minutes,
        .hours = schedule->cron_hours,
        .days_of_month = schedule->cron_days_of_month,
        .months = schedule->cron_months,
        .days_of_week = schedule->cron_days_of_week,
        .flags = schedule->cron_flags,
    };
    u64 following;
    if (!cron_next_after(&cron, (u64)now, &following)) {
        *none = true;
        return KAIROS_OK;
    }
    *next = (i64)following;
    return KAIROS_OK;
}

/* The stored order (PlaceOrderV2Args' fields) as an OrderRequest. */
static void scheduled_order_request(const ScheduledOrder *schedule, OrderRequest *request) {
    OrderRequest stored = {
        .price = schedule->order_price,
        .max_base_lots = schedule->order_max_base_lots,
        .client_order_id = schedule->order_client_order_id,
        .iceberg_display_lots = schedule->order_iceberg_display_lots,
        .expiry_timestamp = schedule->order_expiry_timestamp,
        .max_oracle_deviation_bps = schedule->order_max_oracle_deviation_bps,
        .side = schedule->order_side,
        .order_type = schedule->order_type,
        .time_in_force = schedule->order_time_in_force,
        .self_trade_behavior = schedule->order_self_trade_behavior,
        .reduce_only = schedule->order_reduce_only,
        .match_limit = schedule->order_match_limit,
    };
    *request = stored;
}

/* Run the stored order through execute_order. */
static u64 scheduled_run_order(const InstructionContext *context,
                               const ExecutionAccounts *accounts, const ScheduledOrder *schedule,
                               const SolClock *clock, OrderOutcome *result) {
    const PerpMarket *market = perp_market_state(accounts->perp_market);
    OracleRequirements requirements = perp_market_oracle_requirements(market);
    OraclePrice oracle;
    TRY(oracle_read(context->input, accounts->oracle, &requirements, clock, &oracle));
    OrderRequest order;
    scheduled_order_request(schedule, &order);
    OrderPathAccounts order_accounts;
    execution_order_accounts(accounts, &order_accounts);
    /* A run that fills nothing is recorded, not refused. */
    OrderExecution execution = {context, &order_accounts, &oracle, clock, &order, true};
    return execute_order(&execution, result);
}

u64 process_execute_scheduled_order(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: ExecuteScheduledOrder");
    ExecuteScheduledOrderIxAccounts loaded;
    TRY(load_execute_scheduled_order_accounts(input, &loaded));
    ExecutionAccounts accounts = {loaded.scheduled_order, loaded.margin_account, loaded.perp_market,
                                  loaded.orderbook, loaded.event_queue, loaded.oracle,
                                  loaded.keeper};
    u32 run_index = loaded.args->run_index;
    ScheduledOrder *schedule = scheduled_order_state(accounts.order);
    ExecutionLinks links = {&schedule->margin_account, &schedule->market};
    TRY(require_execution_links(&accounts, &links));

    /* Invariant 2 of state/twap_order.h. run_count + skipped_count <= max_runs
     * <= MAX_SCHEDULED_RUNS: no u32 overflow. */
    u32 consumed = schedule->run_count + schedule->skipped_count;
    if (run_index < consumed) {
        return KAIROS_ERR_ALREADY_EXECUTED;
    }
    if (schedule->finished != 0) {
        return KAIROS_ERR_ORDER_FINISHED;
    }
    if (run_index != consumed) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    i64 now = clock.unix_timestamp;
    i64 scheduled = schedule->next_run_time;
    if (now < scheduled) {
        return KAIROS_ERR_NOT_DUE;
    }
    /* now - scheduled >= 0 here. */
    bool skip = schedule->skip_window_seconds != 0 &&
                (u64)now - (u64)scheduled > schedule->skip_window_seconds;
    OrderOutcome result = {0};
    if (skip) {
        schedule->skipped_count += 1;
    } else {
        TRY(scheduled_run_order(context, &accounts, schedule, &clock, &result));
        schedule->run_count += 1;
        schedule->last_run_time = now;
    }
    i64 following = scheduled;
    bool none;
    TRY(scheduled_following_run(schedule, now, &following, &none));
    bool finished = none || consumed + 1 >= schedule->max_runs ||
                    (schedule->end_time != 0 && following > schedule->end_time);
    schedule->finished = finished ? 1 : 0;
    if (!none) {
        schedule->next_run_time = following;
    }
    /* Invariant 1: this occurrence's share of the escrow covers the reward. */
    TRY(escrow_pay(accounts.order, accounts.keeper, schedule->keeper_reward_lamports));

    ScheduledOrderExecutedEventRecord record = SCHEDULED_ORDER_EXECUTED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.scheduled_order, &accounts.order->key);
    pubkey_copy(&record.event.keeper, &accounts.keeper->key);
    record.event.run_index = run_index;
    record.event.outcome =
        skip ? KAIROS_SCHEDULED_RUN_OUTCOME_SKIPPED : KAIROS_SCHEDULED_RUN_OUTCOME_EXECUTED;
    record.event.scheduled_time = scheduled;
    record.event.executed_time = now;
    record.event.next_run_time = schedule->next_run_time;
    record.event.filled_base_lots = result.filled_base_lots;
    record.event.filled_quote = result.filled_quote;
    record.event.keeper_reward = schedule->keeper_reward_lamports;
    record.event.finished = schedule->finished;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
