/*
 * Business-rule checks on an account's risk, run by handlers after the account
 * checks: the initial-health rule for new risk, and when an account may be
 * liquidated. They compute health (health/health.h) to decide.
 */
#ifndef KAIROS_VALIDATE_RISK_H
#define KAIROS_VALIDATE_RISK_H

#include "health/health.h"
#include "state/exchange.h"
#include "state/margin_account.h"

/* compute_health, then InsufficientHealth unless result->init >= 0. */
u64 require_init_health(const HealthRequest *request, HealthResult *result);

/* NotLiquidatable unless the account is liquidatable: H < 0, or flagged
 * being_liquidated and H < ceil(β × M) (liquidation/liquidation.h). */
u64 require_liquidatable(const Exchange *exchange, const MarginAccount *account,
                         const HealthResult *health);

#endif /* KAIROS_VALIDATE_RISK_H */
