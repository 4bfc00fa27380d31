/*
 * consume_events (permissionless crank): apply queued maker fills to the makers'
 * MarginAccounts, oldest first. Remaining accounts: the makers' MarginAccounts
 * (writable), in any order; each event's maker is looked up by key.
 *
 * Per event: the fill at the maker's price goes into the maker's position
 * (base, quote, cost basis, realized PnL), the maker fee (or rebate) moves
 * between the maker's quote balance and the market's fees, the fill's
 * reservation is released, and the order's OpenOrder slot is freed when the
 * fill used it up (maker_out). Processing stops at `limit` events or at the
 * first event whose maker was not passed (MakerAccountMissing only when not a
 * single event could be applied). The cranker earns keeper_reward_lamports per
 * event, paid from the lamports takers put into the market account.
 */
#include "anchor/event.h"
#include "funding/funding.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "sol/lamports.h"
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
#include "validate/program_accounts.h"

/* has-one both ways: the market's own event queue. */
static u64 validate_consume_events(const ConsumeEventsIxAccounts *accounts) {
    return require_market_event_queue_link(accounts->event_queue, accounts->perp_market);
}

/* The maker's account among the remaining accounts, or NULL. */
static AccountView find_maker_account(const ProgramInput *input, const SolPubkey *maker) {
    for (u64 i = KAIROS_CONSUME_EVENTS_ACCOUNTS_LEN; i < input->account_count; i++) {
        if (pubkey_eq(&input->accounts[i]->key, maker)) {
            return input->accounts[i];
        }
    }
    return NULL;
}

/* The maker fee of a fill, signed (negative: a rebate), rounded toward the
 * program: a fee up, a rebate's magnitude down. */
static u64 maker_fee(const PerpMarket *market, u64 notional, i64 *fee) {
    return i64_mul_div_ceil(market->maker_fee_bps, notional, BPS_PER_UNIT, fee)
               ? KAIROS_OK
               : KAIROS_ERR_MATH_OVERFLOW;
}

/* An Out event (an expired order the matching loop took out of the book):
 * release its whole reservation and free its OpenOrder slot; no trade, no fee
 * (invariant 7 of state/orderbook.h). */
static u64 apply_maker_out(MarginAccount *maker, const PerpMarket *market,
                           const FillEvent *event) {
    PerpPosition *position = perp_position_find(maker, market->index);
    if (position == NULL) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    u8 maker_side = opposite_side(event->taker_side);
    TRY(perp_position_release(position, maker_side, event->base_lots, event->price));
    OpenOrder *slot = open_order_at(maker, event->maker_slot, market->index, event->maker_order_id);
    if (slot == NULL) {
        return KAIROS_ERR_ORDER_NOT_FOUND;
    }
    open_order_remove(slot);
    perp_position_close_if_empty(position);
    return KAIROS_OK;
}

/* Apply one fill event to its maker (see the file comment). */
static u64 apply_maker_fill(const ProgramInput *input, PerpMarket *market,
                            AccountView maker_account, const FillEvent *event) {
    TRY(require_writable(maker_account));
    TRY(require_margin_account(maker_account, input->program_id));
    MarginAccount *maker = margin_account_state(maker_account);
    if (event->event_type == FILL_EVENT_TYPE_OUT) {
        return apply_maker_out(maker, market, event);
    }
    /* Invariant 5 of state/perp_position.h: the reservation of this pending fill
     * keeps the maker's slot open. */
    PerpPosition *position = perp_position_find(maker, market->index);
    if (position == NULL) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    u8 maker_side = opposite_side(event->taker_side);
    i64 base_before = position->base_lots;
    i64 realized = 0;
    PositionFill fill = {event->base_lots, event->price, maker_side, &maker_account->key};
    TRY(perp_position_apply_market_fill(market, position, &fill, &realized));
    /* A funding roll between the fill and now (invariant 3 of funding/funding.h). */
    i64 signed_lots;
    if (!i64_from_sign_magnitude(maker_side == SIDE_ASK, event->base_lots, &signed_lots)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    TRY(funding_settle_queued_fill(market, position, signed_lots, event->seq, &maker_account->key));
    TRY(perp_position_release(position, maker_side, event->base_lots, event->price));
    if (event->maker_out) {
        OpenOrder *slot =
            open_order_at(maker, event->maker_slot, market->index, event->maker_order_id);
        if (slot == NULL) {
            return KAIROS_ERR_ORDER_NOT_FOUND;
        }
        open_order_remove(slot);
    }

    u64 notional;
    i64 fee;
    u64 open_interest_without_maker;
    i64 balance_after;
    i64 fees_after;
    AccountStats *stats = &maker->stats;
    if (!u64_checked_mul(event->price, event->base_lots, &notional)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    TRY(maker_fee(market, notional, &fee));
    /* Invariant 3 of state/perp_market.h: the maker's long part moves now. */
    u64 long_before = base_before > 0 ? (u64)base_before : 0;
    u64 long_after = position->base_lots > 0 ? (u64)position->base_lots : 0;
    if (!u64_checked_sub(market->open_interest_lots, long_before, &open_interest_without_maker) ||
        !u64_checked_add(open_interest_without_maker, long_after, &market->open_interest_lots) ||
        /* The fee moves between the two terms of the vault invariant. */
        !i64_checked_sub(maker->quote_balance, fee, &balance_after) ||
        !i64_checked_add(market->fees_accrued, fee, &fees_after) ||
        !i64_checked_add(stats->fees_paid, fee, &stats->fees_paid) ||
        !u64_checked_add(stats->volume_quote, notional, &stats->volume_quote) ||
        !u64_checked_add(stats->fill_count, 1, &stats->fill_count) ||
        !i64_checked_add(stats->realized_pnl, realized, &stats->realized_pnl)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    maker->quote_balance = balance_after;
    market->fees_accrued = fees_after;
    perp_position_close_if_empty(position);
    return KAIROS_OK;
}

/* Pay the cranker keeper_reward_lamports per consumed event out of the market
 * account: never more than takers paid in (crank_lamports), never below the
 * account's rent-exempt minimum. A program may debit lamports of an account it
 * owns and credit any writable account; the sum is unchanged. */
static u64 pay_cranker(const ConsumeEventsIxAccounts *accounts, const Exchange *exchange,
                       u64 events, u64 *reward) {
    PerpMarket *market = perp_market_state(accounts->perp_market);
    u64 due;
    if (!u64_checked_mul(exchange->keeper_reward_lamports, events, &due)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    *reward = 0;
    if (due == 0) {
        return KAIROS_OK;
    }
    SolRent rent;
    sol_get_rent_sysvar(&rent);
    u64 rent_minimum = rent_minimum_balance(&rent, accounts->perp_market->data_len);
    u64 above_rent = accounts->perp_market->lamports > rent_minimum
                         ? accounts->perp_market->lamports - rent_minimum
                         : 0;
    u64 paid = due < market->crank_lamports ? due : market->crank_lamports;
    paid = paid < above_rent ? paid : above_rent;
    /* paid <= above_rent <= lamports and paid <= crank_lamports: no underflow. */
    TRY(lamports_move(accounts->perp_market, accounts->cranker, paid));
    market->crank_lamports -= paid;
    *reward = paid;
    return KAIROS_OK;
}

u64 process_consume_events(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: ConsumeEvents");
    ConsumeEventsIxAccounts accounts;
    TRY(load_consume_events_accounts(input, &accounts));
    TRY(validate_consume_events(&accounts));
    const ConsumeEventsIxArgs *args = accounts.args;
    if (args->limit == 0) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    PerpMarket *market = perp_market_state(accounts.perp_market);
    EventQueue *queue = event_queue_state(accounts.event_queue);

    u32 consumed = 0;
    while (consumed < args->limit && queue->count > 0) {
        const FillEvent *event = event_queue_at(queue, 0);
        AccountView maker = find_maker_account(input, &event->maker);
        if (maker == NULL) {
            break;
        }
        TRY(apply_maker_fill(input, market, maker, event));
        event_queue_pop(queue);
        consumed += 1;
    }
    if (consumed == 0 && queue->count > 0) {
        return KAIROS_ERR_MAKER_ACCOUNT_MISSING;
    }
    u64 reward;
    TRY(pay_cranker(&accounts, exchange_state(context->exchange), consumed, &reward));

    EventsConsumedEventRecord record = EVENTS_CONSUMED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.market, &accounts.perp_market->key);
    pubkey_copy(&record.event.cranker, &accounts.cranker->key);
    record.event.count = consumed;
    record.event.reward = reward;
    record.event.remaining = queue->count;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
