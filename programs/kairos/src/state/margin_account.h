/*
 * MarginAccount (PDA ["margin", owner, index u8]): seeds, checks and the
 * collateral-position slots.
 *
 * Collateral slots: an active slot (active == 1) holds a non-zero amount of a
 * non-quote asset, and no two active slots hold the same asset; an inactive slot
 * is all zero. The quote asset (index 0) is never a slot: it is quote_balance.
 * Slots never move (health accounts are listed in slot order), so removing one
 * leaves a hole that the next new position may fill.
 */
#ifndef KAIROS_STATE_MARGIN_ACCOUNT_H
#define KAIROS_STATE_MARGIN_ACCOUNT_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "state/exchange.h"
#include "validate/accounts.h"


/* Value of the `active` byte of a used slot (0 marks a free one). */
#define SLOT_ACTIVE KAIROS_SLOT_ACTIVE

_Static_assert(KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");
_Static_assert(sizeof(((MarginAccount *)0)->collateral) / sizeof(CollateralPosition) ==
                   KAIROS_MAX_COLLATERAL_POSITIONS,
               "one collateral slot per allowed position");

KAIROS_INLINE MarginAccount *margin_account_state(AccountView account) {
    return (MarginAccount *)(account_data(account) + DISCRIMINATOR_BYTES);
}

/* The active slot holding `asset_index`, or NULL. */
CollateralPosition *collateral_position_find(MarginAccount *account, u16 asset_index);

/* The active slot of `asset_index`, opening the first free slot (amount 0) when
 * there is none; CollateralPositionLimit when every slot is taken. */
u64 collateral_position_open(MarginAccount *account, u16 asset_index, CollateralPosition **out);

/* Free a slot whose amount reached zero (keeps the "inactive is all zero" rule). */
void collateral_position_close(CollateralPosition *position);

/* Nothing left: zero quote balance, no collateral, no perp position or
 * reservation, no open order. Only such an account may be closed. */
bool margin_account_is_empty(const MarginAccount *account);

#endif /* KAIROS_STATE_MARGIN_ACCOUNT_H */
