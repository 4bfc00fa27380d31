/*
 * Collateral rebalancing (issue 16, item 5; docs/ARCHITECTURE.md, "Collateral
 * rebalancing"): an owner's RebalancePolicy (PDA ["rebalance_policy", owner])
 * lists up to MAX_REBALANCE_MEMBERS of its margin accounts, the assets that may
 * move, a delegate keeper, and the policy's minimum health.
 *
 * Invariants:
 *  1. Every member is a margin account of the policy's owner, distinct, with
 *     target_low <= target_high <= 10,000; members past member_count are zero.
 *  2. rebalance_collateral moves an amount from one member to another of the
 *     same owner: no token moves, no vault changes, total deposits unchanged;
 *     both accounts end with initial health >= 0 and utilization <= the
 *     policy's max_utilization_bps.
 */
#ifndef KAIROS_RISK_REBALANCE_H
#define KAIROS_RISK_REBALANCE_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "validate/accounts.h"

KAIROS_INLINE RebalancePolicy *rebalance_policy_state(AccountView account) {
    return (RebalancePolicy *)(account_data(account) + DISCRIMINATOR_BYTES);
}

/* True when `margin_account` is one of the policy's members. */
KAIROS_INLINE bool rebalance_is_member(const RebalancePolicy *policy, const SolPubkey *key) {
    for (u64 i = 0; i < policy->member_count && i < KAIROS_MAX_REBALANCE_MEMBERS; i++) {
        if (pubkey_eq(&policy->members[i].margin_account, key)) {
            return true;
        }
    }
    return false;
}

#endif /* KAIROS_RISK_REBALANCE_H */
