/*
 * force_cancel_orders (permissionless): the first step of a liquidation. For an
 * account that is liquidatable (liquidation/liquidation.h), cancel up to
 * `limit` of its resting orders in one market, releasing their reservations,
 * and flag it being_liquidated. For a flagged account that is back above the
 * target (its price recovered), clear the flag instead: no healthy account
 * stays flagged. Anything else is NotLiquidatable.
 *
 * Remaining accounts: the account's health accounts as it is now (health is
 * computed before the cancels; cancelling only raises it, since each
 * scenario's worst fill is dropped). A position slot left empty by the cancels
 * is freed afterwards, as cancel_all_orders does.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "liquidation/liquidation.h"
#include "matching/cancel.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "state/perp_position.h"
#include "validate/links.h"
#include "validate/risk.h"

/* has-one: the market's own book (anyone may call; liquidatable is checked below). */
static u64 validate_force_cancel_orders(const ForceCancelOrdersIxAccounts *accounts) {
    return require_market_orderbook_link(accounts->orderbook, accounts->perp_market);
}

/* Cancel up to `limit` of the account's orders resting in the market. */
static u64 force_cancel(const CancelOwner *owner, Orderbook *book, u8 limit, u64 *cancelled) {
    MarginAccount *margin = owner->account;
    for (u64 i = 0; i < KAIROS_MAX_OPEN_ORDERS && *cancelled < limit; i++) {
        const OpenOrder *slot = &margin->open_orders[i];
        if (slot->active != SLOT_ACTIVE || slot->market_index != owner->market_index) {
            continue;
        }
        u32 index;
        /* An order no longer in the book was filled: the crank releases it. */
        if (book_find(book, slot->side, slot->price, slot->order_id, &index)) {
            TRY(cancel_book_order(owner, book, slot->side, index));
            *cancelled += 1;
        }
    }
    return KAIROS_OK;
}

u64 process_force_cancel_orders(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: ForceCancelOrders");
    ForceCancelOrdersIxAccounts accounts;
    TRY(load_force_cancel_orders_accounts(input, &accounts));
    TRY(validate_force_cancel_orders(&accounts));
    const ForceCancelOrdersIxArgs *args = accounts.args;
    if (args->limit == 0) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    MarginAccount *margin = margin_account_state(accounts.margin_account);
    const Exchange *exchange = exchange_state(context->exchange);

    SolClock clock;
    sol_get_clock_sysvar(&clock);
    HealthRequest request = {input, KAIROS_FORCE_CANCEL_ORDERS_ACCOUNTS_LEN, margin, &clock, 0};
    HealthResult health;
    TRY(compute_health(&request, &health));

    u64 cancelled = 0;
    if (require_liquidatable(exchange, margin, &health) == KAIROS_OK) {
        const PerpMarket *market = perp_market_state(accounts.perp_market);
        CancelOwner owner = {margin, &accounts.margin_account->key, &accounts.perp_market->key,
                             market->index};
        TRY(force_cancel(&owner, orderbook_state(accounts.orderbook), args->limit, &cancelled));
        PerpPosition *position = perp_position_find(margin, market->index);
        if (position != NULL) {
            perp_position_close_if_empty(position);
        }
        margin->being_liquidated = LIQUIDATION_FLAG_SET;
    } else if (margin->being_liquidated != LIQUIDATION_FLAG_CLEAR) {
        /* Flagged but back above the target: clear it (liquidation.h invariant). */
        margin->being_liquidated = LIQUIDATION_FLAG_CLEAR;
    } else {
        return KAIROS_ERR_NOT_LIQUIDATABLE;
    }

    OrdersForceCancelledEventRecord record = ORDERS_FORCE_CANCELLED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &accounts.margin_account->key);
    pubkey_copy(&record.event.market, &accounts.perp_market->key);
    record.event.cancelled = cancelled;
    record.event.maint_health = health.maint;
    record.event.maint_requirement = health.maint_requirement;
    record.event.being_liquidated = margin->being_liquidated;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
