/* Business-rule checks on an account's risk (see validate/risk.h). */
#include "validate/risk.h"

#include "liquidation/liquidation.h"

u64 require_init_health(const HealthRequest *request, HealthResult *result) {
    TRY(compute_health(request, result));
    return result->init >= 0 ? KAIROS_OK : KAIROS_ERR_INSUFFICIENT_HEALTH;
}

u64 require_liquidatable(const Exchange *exchange, const MarginAccount *account,
                         const HealthResult *health) {
    if (health->maint < 0) {
        return KAIROS_OK;
    }
    i64 shortfall;
    TRY(liquidation_shortfall(exchange, health, &shortfall));
    return account->being_liquidated != LIQUIDATION_FLAG_CLEAR && shortfall > 0
               ? KAIROS_OK
               : KAIROS_ERR_NOT_LIQUIDATABLE;
}
