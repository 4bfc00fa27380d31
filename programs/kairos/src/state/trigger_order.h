/*
 * The TriggerOrder account (PDA ["trigger", margin_account, id u64 LE]): a
 * conditional order that the permissionless trigger_order places through the
 * order path (orders/execute.h) once the market's oracle price per lot
 * crosses trigger_price. docs/ARCHITECTURE.md, "Order options and trigger
 * orders".
 *
 * Invariants:
 *  1. A live TriggerOrder is counted in its MarginAccount's
 *     trigger_order_count (<= KAIROS_MAX_TRIGGER_ORDERS); closing it (cancel,
 *     trigger, expiry, OCO partner fired) decrements the count once.
 *  2. Its lamports are rent + an escrow of keeper_reward_lamports +
 *     match_limit × Exchange.keeper_reward_lamports (the crank reward of every
 *     event the placed order may push); on close every lamport leaves it: the
 *     crank funding to the market, the reward to the keeper, the rest to the
 *     owner. No lamport is created or lost.
 *  3. linked_trigger is zero or the key of another live TriggerOrder of the
 *     same margin account whose linked_trigger is this order (OCO pair):
 *     whenever one closes, the program closes the other in the same
 *     instruction.
 *  4. Stop kinds trigger against the position's direction (a sell stop below,
 *     a buy stop above), take-profit kinds with it (a sell above, a buy
 *     below); trailing stops only ever move trigger_price towards the oracle.
 *  5. A closed TriggerOrder has zero lamports, no data and the system program
 *     as owner (zeroed data while the closing transaction runs): every
 *     instruction that meets one answers TriggerOrderNotActive ("already
 *     triggered or cancelled").
 */
#ifndef KAIROS_STATE_TRIGGER_ORDER_H
#define KAIROS_STATE_TRIGGER_ORDER_H

#include "anchor/errors.h"
#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "validate/accounts.h"


_Static_assert(sizeof(TriggerOrder) == 288, "TriggerOrder: 288 bytes after the discriminator");
_Static_assert(KAIROS_TRIGGER_ORDER_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");
_Static_assert(KAIROS_TRIGGER_ORDER_ACCOUNT_SIZE <= 1024, "closing zeroes it with an inline memset");

KAIROS_INLINE TriggerOrder *trigger_order_state(AccountView account) {
    return (TriggerOrder *)(account_data(account) + DISCRIMINATOR_BYTES);
}

/* Close a live TriggerOrder: every lamport goes to `destination` (after the
 * caller took what it pays out), the data is zeroed, and the margin account's
 * trigger_order_count drops by one (invariants 1, 2, 5). */
u64 trigger_order_close(AccountView trigger, AccountView destination, MarginAccount *margin);

/* The condition of `trigger` holds at the oracle price per lot `price`. */
KAIROS_INLINE bool trigger_condition_holds(const TriggerOrder *trigger, u64 price) {
    return trigger->condition == KAIROS_TRIGGER_CONDITION_ABOVE ? price >= trigger->trigger_price
                                                                : price <= trigger->trigger_price;
}

/* Invariant 4: the condition a trigger of `kind` on `side` must use. */
KAIROS_INLINE u8 trigger_expected_condition(u8 kind, u8 side) {
    bool stop = kind == KAIROS_TRIGGER_KIND_STOP_MARKET || kind == KAIROS_TRIGGER_KIND_STOP_LIMIT;
    bool sell = side == KAIROS_SIDE_ASK;
    return stop == sell ? KAIROS_TRIGGER_CONDITION_BELOW : KAIROS_TRIGGER_CONDITION_ABOVE;
}

KAIROS_INLINE bool trigger_kind_is_market(u8 kind) {
    return kind == KAIROS_TRIGGER_KIND_STOP_MARKET ||
           kind == KAIROS_TRIGGER_KIND_TAKE_PROFIT_MARKET;
}

#endif /* KAIROS_STATE_TRIGGER_ORDER_H */
