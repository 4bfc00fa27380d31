/*
 * update_funding (permissionless crank): sample the market's oracle and mark
 * TWAPs and, once the funding period has ended, roll the funding index
 * (funding/funding.h; docs/ARCHITECTURE.md, "Funding").
 *
 * - The first call on a market starts funding: the TWAPs take the current
 *   samples, the period starts now, nothing is charged.
 * - A call before the period ends only samples (no reward).
 * - A roll charges min(now − last roll, one period) of funding, so a crank
 *   that stopped (or a halted program) never back-charges more than one
 *   period; it is refused with FundingFillsPending while a fill from before
 *   the previous roll waits in the event queue (consume events first), and
 *   pays funding_crank_reward, capped by the market's fees, to the quote
 *   balance of `reward_account`.
 * - A stale or too-uncertain oracle fails the crank (StaleOracle,
 *   OracleConfidenceTooWide) with nothing changed: no sample, no roll.
 */
#include "anchor/event.h"
#include "funding/funding.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "oracle/oracle.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/event_queue.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/orderbook.h"
#include "state/perp_market.h"

/* has-one: the market's own book, queue (only read: the crank never write-locks
 * them) and oracle. */
static u64 validate_update_funding(const UpdateFundingIxAccounts *accounts) {
    const PerpMarket *market = perp_market_state(accounts->perp_market);
    if (!pubkey_eq(&market->orderbook, &accounts->orderbook->key) ||
        !pubkey_eq(&market->event_queue, &accounts->event_queue->key)) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    if (!pubkey_eq(&market->oracle, &accounts->oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    return KAIROS_OK;
}

/* Pay the crank reward out of the market's fees (both are terms of the vault
 * invariant, so their sum is unchanged). */
static u64 pay_crank_reward(PerpMarket *market, MarginAccount *keeper, u64 *paid) {
    u64 available = market->fees_accrued > 0 ? (u64)market->fees_accrued : 0;
    u64 reward = market->funding_crank_reward < available ? market->funding_crank_reward
                                                          : available;
    i64 signed_reward;
    i64 balance_after;
    if (!u64_to_i64(reward, &signed_reward) ||
        !i64_checked_add(keeper->quote_balance, signed_reward, &balance_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    market->fees_accrued -= signed_reward;
    keeper->quote_balance = balance_after;
    *paid = reward;
    return KAIROS_OK;
}

u64 process_update_funding(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: UpdateFunding");
    UpdateFundingIxAccounts accounts;
    TRY(load_update_funding_accounts(input, &accounts));
    TRY(validate_update_funding(&accounts));
    PerpMarket *market = perp_market_state(accounts.perp_market);
    const EventQueue *queue = event_queue_state(accounts.event_queue);
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    OracleRequirements requirements = perp_market_oracle_requirements(market);
    OraclePrice price;
    TRY(oracle_read(input, accounts.oracle, &requirements, &clock, &price));
    TRY(funding_sample_book(market, orderbook_state(accounts.orderbook), &price,
                            exchange_state(context->exchange)->quote_decimals,
                            clock.unix_timestamp));

    i64 now = clock.unix_timestamp;
    FundingRoll roll = {0};
    u64 reward = 0;
    if (market->funding_started == 0) {
        /* Funding starts: the first period begins now. */
        market->funding_started = 1;
        market->funding_last_roll_ts = now;
        market->funding_roll_seq = queue->seq_num;
        market->funding_index_previous = market->funding_index;
    } else {
        i64 since;
        if (!i64_checked_sub(now, market->funding_last_roll_ts, &since)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        u64 period = funding_period_seconds(market);
        if (since < (i64)period) {
            return KAIROS_OK; /* sampled; the roll is not due yet */
        }
        /* Invariant 3 of funding/funding.h: the oldest queued fill is after
         * the previous roll. */
        if (queue->count != 0 &&
            queue->events[queue->head % KAIROS_EVENT_QUEUE_CAPACITY].seq <
                market->funding_roll_seq) {
            return KAIROS_ERR_FUNDING_FILLS_PENDING;
        }
        TRY(funding_roll_delta(market, since < (i64)period ? since : (i64)period, &roll));
        i64 index_after;
        if (!i64_checked_add(market->funding_index, roll.delta, &index_after)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        market->funding_index_previous = market->funding_index;
        market->funding_index = index_after;
        market->funding_roll_seq = queue->seq_num;
        market->funding_last_roll_ts = now;
        market->funding_rate = roll.rate;
        TRY(pay_crank_reward(market, margin_account_state(accounts.reward_account), &reward));
    }

    FundingUpdatedEventRecord record = FUNDING_UPDATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.market, &accounts.perp_market->key);
    record.event.funding_index = market->funding_index;
    record.event.delta = roll.delta;
    record.event.funding_rate = roll.rate;
    record.event.mark_twap = market->mark_twap;
    record.event.oracle_twap = market->oracle_twap;
    record.event.elapsed_seconds = roll.elapsed;
    record.event.clamped = roll.clamped;
    record.event.paused = roll.paused;
    record.event.reward = reward;
    record.event.timestamp = now;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
