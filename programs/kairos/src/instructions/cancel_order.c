/*
 * cancel_order: the owner cancels one resting order, named by its order id or
 * (is_client_id) by its client order id. The order leaves the book and its
 * OpenOrder slot and reservation are released at once. An order that already
 * left the book by a fill (waiting for the crank) is not cancellable:
 * OrderNotFound.
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
static u64 validate_cancel_order(const CancelOrderIxAccounts *accounts) {
    TRY(require_margin_account_owner(margin_account_state(accounts->margin_account),
                                     accounts->owner));
    return require_market_orderbook_link(accounts->orderbook, accounts->perp_market);
}

u64 process_cancel_order(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CancelOrder");
    CancelOrderIxAccounts accounts;
    TRY(load_cancel_order_accounts(input, &accounts));
    TRY(validate_cancel_order(&accounts));
    const CancelOrderIxArgs *args = accounts.args;
    /* Borsh bools are exactly 0 or 1. */
    if (args->is_client_id > 1) {
        return ANCHOR_INSTRUCTION_DID_NOT_DESERIALIZE;
    }

    MarginAccount *margin = margin_account_state(accounts.margin_account);
    const PerpMarket *market = perp_market_state(accounts.perp_market);
    Orderbook *book = orderbook_state(accounts.orderbook);
    CancelOwner owner = {margin, &accounts.margin_account->key, &accounts.perp_market->key,
                         market->index};
    /* Client ids need not be unique: the first slot whose order is still in
     * the book is the one cancelled. */
    for (u64 i = 0; i < KAIROS_MAX_OPEN_ORDERS; i++) {
        const OpenOrder *slot = &margin->open_orders[i];
        u32 index;
        if (open_order_matches(slot, market->index, args->order_id, args->is_client_id != 0) &&
            book_find(book, slot->side, slot->price, slot->order_id, &index)) {
            TRY(cancel_book_order(&owner, book, slot->side, index));
            PerpPosition *position = perp_position_find(margin, market->index);
            if (position != NULL) {
                perp_position_close_if_empty(position);
            }
            return KAIROS_OK;
        }
    }
    return KAIROS_ERR_ORDER_NOT_FOUND;
}
