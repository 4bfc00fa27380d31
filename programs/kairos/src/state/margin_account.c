/* MarginAccount helpers (see state/margin_account.h for the slot invariants). */
#include "state/margin_account.h"

#include "anchor/errors.h"

CollateralPosition *collateral_position_find(MarginAccount *account, u16 asset_index) {
    for (u64 i = 0; i < KAIROS_MAX_COLLATERAL_POSITIONS; i++) {
        CollateralPosition *position = &account->collateral[i];
        if (position->active == SLOT_ACTIVE && position->asset_index == asset_index) {
            return position;
        }
    }
    return NULL;
}

u64 collateral_position_open(MarginAccount *account, u16 asset_index, CollateralPosition **out) {
    CollateralPosition *free_slot = NULL;
    for (u64 i = 0; i < KAIROS_MAX_COLLATERAL_POSITIONS; i++) {
        CollateralPosition *position = &account->collateral[i];
        if (position->active != SLOT_ACTIVE) {
            if (free_slot == NULL) {
                free_slot = position;
            }
        } else if (position->asset_index == asset_index) {
            *out = position;
            return KAIROS_OK;
        }
    }
    if (free_slot == NULL) {
        return KAIROS_ERR_COLLATERAL_POSITION_LIMIT;
    }
    /* A free slot is all zero already; only the identity is set. */
    free_slot->asset_index = asset_index;
    free_slot->active = SLOT_ACTIVE;
    *out = free_slot;
    return KAIROS_OK;
}

void collateral_position_close(CollateralPosition *position) {
    CollateralPosition empty = {0};
    *position = empty;
}

bool margin_account_is_empty(const MarginAccount *account) {
    /* A recorded borrow principal is part of the quote asset's total_borrows
     * (borrow/borrow.h invariant 1): a checkpoint clears it first. */
    if (account->quote_balance != 0 || account->borrow_principal != 0) {
        return false;
    }
    for (u64 i = 0; i < KAIROS_MAX_COLLATERAL_POSITIONS; i++) {
        const CollateralPosition *position = &account->collateral[i];
        if (position->active != 0 || position->amount != 0) {
            return false;
        }
    }
    for (u64 i = 0; i < KAIROS_MAX_PERP_POSITIONS; i++) {
        const PerpPosition *perp = &account->perp_positions[i];
        /* An inactive slot with a leftover position or reservation still counts:
         * closing would lose it. */
        if (perp->active != 0 || perp->base_lots != 0 || perp->quote_position != 0 ||
            perp->bids_base_lots != 0 || perp->asks_base_lots != 0 || perp->bids_quote != 0 ||
            perp->asks_quote != 0) {
            return false;
        }
    }
    for (u64 i = 0; i < KAIROS_MAX_OPEN_ORDERS; i++) {
        if (account->open_orders[i].active != 0) {
            return false;
        }
    }
    return true;
}
