/*
 * rebalance_collateral (owner or the policy's delegate): move `amount` of one
 * asset (the quote balance, or a collateral position) from one member margin
 * account to another of the same owner (risk/rebalance.h). No token moves: the
 * vault and total deposits are unchanged. Only free collateral moves: a
 * positive quote balance (never a borrow), a position's amount. Afterwards both
 * accounts need initial health >= 0 and utilization (maintenance requirement /
 * weighted collateral) <= the policy's max_utilization_bps.
 *
 * An account with risk limits cannot be a source: a move out is a withdrawal
 * its limits would have to see (not implemented; RebalanceNotAllowed).
 *
 * Remaining accounts: the source's health accounts as after the move, then the
 * destination's.
 */
#include "anchor/event.h"
#include "borrow/borrow.h"
#include "health/health.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/checked.h"
#include "math/fixed.h"
#include "risk/rebalance.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/collateral_asset.h"
#include "state/margin_account.h"
#include "validate/accounts.h"

typedef struct RebalanceAccounts {
    AccountView policy;
    AccountView from;
    AccountView to;
    AccountView asset;
    u64 amount;
} RebalanceAccounts;

/* After the loader: the policy's owner or delegate signed, both accounts are
 * members of the owner's policy, the asset is in its mask, not being liquidated. */
static u64 validate_rebalance_collateral(const ProgramInput *input, RebalanceAccounts *accounts) {
    RebalanceCollateralIxAccounts loaded;
    TRY(load_rebalance_collateral_accounts(input, &loaded));
    accounts->policy = loaded.rebalance_policy;
    AccountView authority = loaded.authority;
    accounts->from = loaded.from_margin_account;
    accounts->to = loaded.to_margin_account;
    accounts->asset = loaded.collateral_asset;
    accounts->amount = loaded.args->amount;
    const RebalancePolicy *policy = rebalance_policy_state(accounts->policy);
    if (!pubkey_eq(&authority->key, &policy->owner) &&
        (pubkey_is_zero(&policy->delegate) || !pubkey_eq(&authority->key, &policy->delegate))) {
        return KAIROS_ERR_UNAUTHORIZED;
    }
    const MarginAccount *from = margin_account_state(accounts->from);
    const MarginAccount *to = margin_account_state(accounts->to);
    u16 index = collateral_asset_state(accounts->asset)->index;
    if (accounts->from == accounts->to || !pubkey_eq(&from->owner, &policy->owner) ||
        !pubkey_eq(&to->owner, &policy->owner) ||
        !rebalance_is_member(policy, &accounts->from->key) ||
        !rebalance_is_member(policy, &accounts->to->key) || index >= 32 ||
        ((policy->asset_mask >> index) & 1) == 0 || from->risk_limits_enabled != 0) {
        return KAIROS_ERR_REBALANCE_NOT_ALLOWED;
    }
    if (from->being_liquidated != 0 || to->being_liquidated != 0) {
        return KAIROS_ERR_ACCOUNT_BEING_LIQUIDATED;
    }
    return accounts->amount != 0 ? KAIROS_OK : KAIROS_ERR_INVALID_ARGUMENT;
}

/* Move a quote balance: both accounts are checkpointed around the change. */
static u64 rebalance_quote(RebalanceAccounts *accounts, const SolClock *clock) {
    CollateralAsset *quote = collateral_asset_state(accounts->asset);
    MarginAccount *from = margin_account_state(accounts->from);
    MarginAccount *to = margin_account_state(accounts->to);
    BorrowCheckpoint from_checkpoint;
    BorrowCheckpoint to_checkpoint;
    TRY(borrow_begin(quote, from, clock->unix_timestamp, &from_checkpoint));
    TRY(borrow_begin(quote, to, clock->unix_timestamp, &to_checkpoint));
    i64 amount;
    if (!u64_to_i64(accounts->amount, &amount) || amount > from->quote_balance) {
        return KAIROS_ERR_INSUFFICIENT_BALANCE;
    }
    from->quote_balance -= amount; /* 0 < amount <= quote_balance */
    if (!i64_checked_add(to->quote_balance, amount, &to->quote_balance)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    TRY(borrow_end(quote, accounts->from, &from_checkpoint, clock->unix_timestamp));
    return borrow_end(quote, accounts->to, &to_checkpoint, clock->unix_timestamp);
}

static u64 rebalance_position(RebalanceAccounts *accounts) {
    u16 index = collateral_asset_state(accounts->asset)->index;
    MarginAccount *from = margin_account_state(accounts->from);
    CollateralPosition *source = collateral_position_find(from, index);
    if (source == NULL || source->amount < accounts->amount) {
        return KAIROS_ERR_INSUFFICIENT_BALANCE;
    }
    CollateralPosition *destination;
    TRY(collateral_position_open(margin_account_state(accounts->to), index, &destination));
    if (!u64_checked_add(destination->amount, accounts->amount, &destination->amount)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    source->amount -= accounts->amount;
    if (source->amount == 0) {
        collateral_position_close(source);
    }
    return KAIROS_OK;
}

/* Initial health >= 0 and utilization <= the policy's maximum. */
static u64 rebalance_check_health(const HealthResult *health, u16 max_utilization_bps,
                                  u64 *utilization_bps) {
    u64 utilization = 0;
    if (health->maint_requirement != 0) {
        if (health->weighted_collateral == 0 ||
            !mul_div_floor(health->maint_requirement, BPS_PER_UNIT, health->weighted_collateral,
                           &utilization)) {
            return KAIROS_ERR_REBALANCE_HEALTH_TOO_LOW;
        }
    }
    *utilization_bps = utilization;
    return health->init >= 0 && utilization <= max_utilization_bps
               ? KAIROS_OK
               : KAIROS_ERR_REBALANCE_HEALTH_TOO_LOW;
}

static i64 rebalance_balance(const MarginAccount *account, u16 index) {
    if (index == KAIROS_QUOTE_ASSET_INDEX) {
        return account->quote_balance;
    }
    for (u64 i = 0; i < KAIROS_MAX_COLLATERAL_POSITIONS; i++) {
        const CollateralPosition *position = &account->collateral[i];
        if (position->active == SLOT_ACTIVE && position->asset_index == index) {
            return (i64)position->amount; /* deposits keep amounts within i64 */
        }
    }
    return 0;
}

u64 process_rebalance_collateral(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: RebalanceCollateral");
    RebalanceAccounts accounts;
    TRY(validate_rebalance_collateral(input, &accounts));
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    u16 index = collateral_asset_state(accounts.asset)->index;
    if (index == KAIROS_QUOTE_ASSET_INDEX) {
        TRY(rebalance_quote(&accounts, &clock));
    } else {
        TRY(rebalance_position(&accounts));
    }
    const RebalancePolicy *policy = rebalance_policy_state(accounts.policy);
    HealthRequest from_request = {
        .input = input,
        .first_health_account = KAIROS_REBALANCE_COLLATERAL_ACCOUNTS_LEN,
        .account = margin_account_state(accounts.from),
        .clock = &clock,
    };
    HealthResult from_health;
    u64 next_account;
    TRY(compute_health_prefix(&from_request, &from_health, &next_account));
    HealthRequest to_request = {
        .input = input,
        .first_health_account = next_account,
        .account = margin_account_state(accounts.to),
        .clock = &clock,
    };
    HealthResult to_health;
    TRY(compute_health(&to_request, &to_health));
    u64 from_utilization;
    u64 to_utilization;
    TRY(rebalance_check_health(&from_health, policy->max_utilization_bps, &from_utilization));
    TRY(rebalance_check_health(&to_health, policy->max_utilization_bps, &to_utilization));

    CollateralRebalancedEventRecord record = COLLATERAL_REBALANCED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.from_margin_account, &accounts.from->key);
    pubkey_copy(&record.event.to_margin_account, &accounts.to->key);
    pubkey_copy(&record.event.asset, &accounts.asset->key);
    record.event.amount = accounts.amount;
    record.event.from_utilization_bps = from_utilization;
    record.event.to_utilization_bps = to_utilization;
    record.event.from_init_health = from_health.init;
    record.event.to_init_health = to_health.init;
    record.event.from_asset_balance = rebalance_balance(margin_account_state(accounts.from), index);
    record.event.to_asset_balance = rebalance_balance(margin_account_state(accounts.to), index);
    EMIT_EVENT(record);
    return KAIROS_OK;
}
