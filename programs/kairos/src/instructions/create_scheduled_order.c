/*
 * create_scheduled_order: the owner of a margin account creates a
 * ScheduledOrder PDA (["schedule", margin account, schedule id u64 LE]) that
 * places `order` (any order of place_order_v2: its arguments, checked here
 * with the same checks place_order_v2 runs, and again at each run) at
 * times the PROGRAM computes: once at start_time (OneShot), every
 * interval_seconds from start_time (Interval), or at the minutes a 5-field cron
 * expression names, from start_time on (Cron; schedule/cron.h). max_runs
 * (>= 1) bounds the occurrences (runs + skipped runs); end_time (0: none) the
 * last one. The escrow covers max_runs keeper rewards and crank reserves
 * (invariant 1 of state/twap_order.h).
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "orders/execute.h"
#include "schedule/cron.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/perp_market.h"
#include "state/twap_order.h"
#include "validate/links.h"

/* The schedule's first run time, checked against its kind and limits. */
static u64 scheduled_first_run(const CreateScheduledOrderArgs *args, const SolClock *clock,
                               ScheduledOrder *schedule, i64 *first) {
    if (args->start_time < 0 || args->end_time < 0 || args->max_runs == 0 ||
        args->max_runs > KAIROS_MAX_SCHEDULED_RUNS) {
        return KAIROS_ERR_INVALID_SCHEDULE;
    }
    if (args->kind == KAIROS_SCHEDULE_KIND_ONE_SHOT) {
        if (args->max_runs != 1) {
            return KAIROS_ERR_INVALID_SCHEDULE;
        }
        *first = args->start_time;
    } else if (args->kind == KAIROS_SCHEDULE_KIND_INTERVAL) {
        if (args->interval_seconds == 0 || args->interval_seconds > (u64)I64_MAX) {
            return KAIROS_ERR_INVALID_SCHEDULE;
        }
        *first = args->start_time;
    } else if (args->kind == KAIROS_SCHEDULE_KIND_CRON) {
        CronSchedule cron;
        if (!cron_parse(args->cron_expression, sizeof(args->cron_expression), &cron)) {
            return KAIROS_ERR_INVALID_CRON_EXPRESSION;
        }
        schedule->cron_minutes = cron.minutes;
        schedule->cron_hours = cron.hours;
        schedule->cron_days_of_month = cron.days_of_month;
        schedule->cron_months = cron.months;
        schedule->cron_days_of_week = cron.days_of_week;
        schedule->cron_flags = cron.flags;
        /* The first matching minute at or after max(start, now). */
        i64 from = args->start_time > clock->unix_timestamp ? args->start_time
                                                            : clock->unix_timestamp;
        u64 next;
        if (from <= 0 || !cron_next_after(&cron, (u64)from - 1, &next)) {
            return KAIROS_ERR_INVALID_CRON_EXPRESSION;
        }
        *first = (i64)next;
    } else {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    if (args->end_time != 0 && *first > args->end_time) {
        return KAIROS_ERR_INVALID_SCHEDULE;
    }
    return KAIROS_OK;
}

u64 process_create_scheduled_order(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CreateScheduledOrder");
    /* The loader's checks, the owner link, the PDA ["schedule", margin account,
     * schedule_id u64 LE]; the order's
     * rules follow. */
    CreateScheduledOrderIxAccounts accounts;
    TRY(load_create_scheduled_order_accounts(input, &accounts));
    TRY(require_margin_account_owner(margin_account_state(accounts.margin_account),
                                     accounts.owner));
    TRY(derive_create_scheduled_order_pdas(input, &accounts));
    const CreateScheduledOrderArgs *args = &accounts.args->args;
    const PlaceOrderV2Args *order = &accounts.args->order;
    const PerpMarket *market = perp_market_state(accounts.perp_market);
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    OrderRequest request;
    order_request_from_v2(order, &request);
    TRY(validate_order_request(&request, market, &clock));
    /* Parsed into a scratch copy first: the account does not exist yet. */
    ScheduledOrder parsed = {0};
    i64 first_run;
    TRY(scheduled_first_run(args, &clock, &parsed, &first_run));

    const Exchange *exchange = exchange_state(context->exchange);
    u64 crank_reserve;
    u64 escrow;
    if (!order_escrow_lamports(args->max_runs, args->keeper_reward_lamports,
                               exchange->keeper_reward_lamports, order->match_limit,
                               &crank_reserve, &escrow)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    CreatePdaAccount create = {
        .payer = accounts.owner,
        .new_account = accounts.scheduled_order,
        .system_program = accounts.system_program,
        .space = KAIROS_SCHEDULED_ORDER_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts.scheduled_order_pda.signer,
    };
    TRY(create_pda_account(&create));
    if (escrow != 0) {
        TRY(system_transfer(accounts.owner, accounts.scheduled_order, accounts.system_program,
                            escrow));
    }

    *(u64 *)account_data(accounts.scheduled_order) = KAIROS_ACCOUNT_DISC_SCHEDULED_ORDER;
    ScheduledOrder *schedule = scheduled_order_state(accounts.scheduled_order);
    *schedule = parsed;
    pubkey_copy(&schedule->margin_account, &accounts.margin_account->key);
    pubkey_copy(&schedule->owner, &accounts.owner->key);
    pubkey_copy(&schedule->market, &accounts.perp_market->key);
    schedule->schedule_id = args->schedule_id;
    schedule->start_time = args->start_time;
    schedule->next_run_time = first_run;
    schedule->interval_seconds = args->interval_seconds;
    schedule->end_time = args->end_time;
    schedule->skip_window_seconds = args->skip_window_seconds;
    schedule->keeper_reward_lamports = args->keeper_reward_lamports;
    schedule->crank_reserve_lamports = crank_reserve;
    schedule->order_price = order->price;
    schedule->order_max_base_lots = order->max_base_lots;
    schedule->order_client_order_id = order->client_order_id;
    schedule->max_runs = args->max_runs;
    schedule->market_index = market->index;
    schedule->kind = args->kind;
    schedule->bump = accounts.scheduled_order_pda.bump;
    schedule->order_side = order->side;
    schedule->order_type = order->order_type;
    schedule->order_match_limit = order->match_limit;
    schedule->order_time_in_force = order->time_in_force;
    schedule->order_self_trade_behavior = order->self_trade_behavior;
    schedule->order_reduce_only = order->reduce_only;
    schedule->order_expiry_timestamp = order->expiry_timestamp;
    schedule->order_iceberg_display_lots = order->iceberg_display_lots;
    schedule->order_max_oracle_deviation_bps = order->max_oracle_deviation_bps;
    if (args->kind == KAIROS_SCHEDULE_KIND_CRON) {
        for (u64 i = 0; i < sizeof(schedule->cron_expression); i++) {
            schedule->cron_expression[i] = args->cron_expression[i];
        }
    }

    ScheduledOrderCreatedEventRecord record = SCHEDULED_ORDER_CREATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.scheduled_order, &accounts.scheduled_order->key);
    pubkey_copy(&record.event.margin_account, &accounts.margin_account->key);
    pubkey_copy(&record.event.market, &accounts.perp_market->key);
    record.event.schedule_id = args->schedule_id;
    record.event.kind = args->kind;
    record.event.next_run_time = first_run;
    record.event.max_runs = args->max_runs;
    record.event.escrow_lamports = escrow;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
