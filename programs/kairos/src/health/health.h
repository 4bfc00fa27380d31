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
} HealthResult;

typedef struct HealthRequest {
    const ProgramInput *input;
    /* Index in input->accounts of the first health account (the remaining
     * accounts: per active collateral position its CollateralAsset and Oracle,
     * then per active perp position its PerpMarket and Oracle, in slot order). */
    u64 first_health_account;
    const MarginAccount *account;
    const SolClock *clock;
} HealthRequest;

/* Compute both healths; fails on mismatched health accounts, stale or wide
 * oracles, or overflow. */
u64 compute_health(const HealthRequest *request, HealthResult *result);

/* compute_health, then InsufficientHealth unless result->init >= 0. */
u64 require_init_health(const HealthRequest *request, HealthResult *result);

#endif /* KAIROS_HEALTH_HEALTH_H */
