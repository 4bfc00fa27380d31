/*
 * cancel_all_orders: the owner cancels up to `limit` of its resting orders in
 * one market, on one side (side_filter SIDE_BID / SIDE_ASK) or both
 * (SIDE_FILTER_BOTH), in OpenOrder slot order. Orders that already left the
 * book by a fill are skipped (the crank releases them). Cancelling nothing is
 * not an error: the instruction is idempotent for keepers.
 */
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "matching/cancel.h"
#include "sol/log.h"
#include "state/margin_account.h"
#include "state/open_orders.h"
#include "state/perp_market.h"
#include "state/perp_position.h"
#include "validate/links.h"

/* has-one links: the margin account's owner, the market's own book. */
static u64 validate_cancel_all_orders(const CancelAllOrdersIxAccounts *accounts) {
    TRY(require_margin_account_owner(margin_account_state(accounts->margin_account),
                                     accounts->owner));
    return require_market_orderbook_link(accounts->orderbook, accounts->perp_market);
}

u64 process_cancel_all_orders(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CancelAllOrders");
    CancelAllOrdersIxAccounts accounts;
    TRY(load_cancel_all_orders_accounts(input, &accounts));
    TRY(validate_cancel_all_orders(&accounts));
    const CancelAllOrdersIxArgs *args = accounts.args;
    if (args->side_filter > SIDE_FILTER_BOTH || args->limit == 0) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }

    MarginAccount *margin = margin_account_state(accounts.margin_account);
    const PerpMarket *market = perp_market_state(accounts.perp_market);
    Orderbook *book = orderbook_state(accounts.orderbook);
    CancelOwner owner = {margin, &accounts.margin_account->key, &accounts.perp_market->key,
                         market->index};
    u64 cancelled = 0;
    for (u64 i = 0; i < KAIROS_MAX_OPEN_ORDERS && cancelled < args->limit; i++) {
        const OpenOrder *slot = &margin->open_orders[i];
        if (slot->active != SLOT_ACTIVE || slot->market_index != market->index ||
            (args->side_filter != SIDE_FILTER_BOTH && slot->side != args->side_filter)) {
            continue;
        }
        u32 index;
        if (book_find(book, slot->side, slot->price, slot->order_id, &index)) {
            TRY(cancel_book_order(&owner, book, slot->side, index));
            cancelled += 1;
        }
    }
    PerpPosition *position = perp_position_find(margin, market->index);
    if (position != NULL) {
        perp_position_close_if_empty(position);
    }
    return KAIROS_OK;
}
