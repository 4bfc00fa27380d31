/*
 * Account health (docs/ARCHITECTURE.md, "Health"): the interface every
 * instruction that needs a health check uses. Implemented in health/health.c.
 */
#ifndef KAIROS_HEALTH_HEALTH_H
#define KAIROS_HEALTH_HEALTH_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "sol/sysvars.h"

typedef struct HealthResult {
    i64 init;  /* initial health, quote native */
    i64 maint; /* maintenance health, quote native */
    /* The maintenance requirement: Σ perp max over scenarios of
     * ceil(|b| × price × maint_margin) + Σ collateral (value_low − maintenance-
     * weighted value). The liquidation buffer is a share of it; "margin in use". */
    u64 maint_requirement;
    /* Σ collateral maintenance-weighted value + max(quote_balance, 0): the
     * utilization denominator (margin in use ÷ weighted collateral). */
    u64 weighted_collateral;
} HealthResult;

/* What the risk limits need from the health walk (risk/risk.h), filled only
 * when HealthRequest.exposures is set. Per position a signed exposure in quote
 * native (a collateral position: its value at the oracle's low price; a perp
 * position: the notional at the mid price of whichever open-order scenario is
 * larger, signed by that scenario's side), summed into the totals below and,
 * when the caller gives the factor tables (RiskParameters' perp_factor /
 * collateral_factor: factor id + 1, 0 = none), per risk factor. Equity = quote
 * term + Σ collateral value + Σ perp PnL of the position as it is. */
typedef struct HealthExposures {
    /* In: the factor tables (NULL: no grouping) and the factor count. */
    const u8 *perp_factor;
    const u8 *collateral_factor;
    u64 factor_count;
    /* Out. */
    i64 quote_term; /* quote balance less pending borrow interest */
    i64 equity;
    u64 gross_exposure;   /* Σ |exposure| */
    u64 gross_notional;   /* Σ |exposure| of perp positions */
    u64 largest_position; /* max |exposure| of a perp position */
    bool mapped;          /* grouped, and every position's market/asset is a factor */
    u64 factor_seen;      /* bit f: the account has exposure on factor f */
    i64 factor_net[KAIROS_MAX_RISK_FACTORS];
    u64 factor_gross[KAIROS_MAX_RISK_FACTORS];
} HealthExposures;

typedef struct HealthRequest {
    const ProgramInput *input;
    /* Index in input->accounts of the first health account (the remaining
     * accounts: the quote CollateralAsset, then per active collateral position
     * its CollateralAsset and Oracle, then per active perp position its
     * PerpMarket and Oracle, in slot order). */
    u64 first_health_account;
    const MarginAccount *account;
    const SolClock *clock;
    /* One past the last health account; 0 means input->account_count (the
     * health accounts are the last accounts of the instruction). Liquidations
     * list two accounts' health accounts one after the other. */
    u64 end_health_account;
    /* NULL, or where the walk records the risk exposures. */
    HealthExposures *exposures;
} HealthRequest;

/* Compute both healths; fails on mismatched health accounts, stale or wide
 * oracles, or overflow. */
u64 compute_health(const HealthRequest *request, HealthResult *result);

/* compute_health for a health-account list that other accounts follow (an
 * instruction checking several margin accounts, e.g. settle_auction): the walk
 * starts at request->first_health_account and *next_account receives the index
 * just after the account's list, instead of the list having to end the
 * instruction's accounts. */
u64 compute_health_prefix(const HealthRequest *request, HealthResult *result, u64 *next_account);

/* How many health accounts `account` takes: the quote CollateralAsset, then
 * two per active collateral position and two per active perp position. */
u64 health_account_count(const MarginAccount *account);

/* True for the errors of compute_health that come from the state of the
 * oracles (too old, too wide, no price) or an out-of-range figure, not from
 * the accounts the caller passed: nothing the caller can fix by passing
 * other accounts. */
bool health_error_is_unmeasurable(u64 error);

#endif /* KAIROS_HEALTH_HEALTH_H */
