/* oracle_read: the single reader of prices (docs/ARCHITECTURE.md, "Oracle checks"). */
#include "oracle/oracle.h"

#include "anchor/errors.h"
#include "math/fixed.h"
#include "state/oracle.h"
#include "validate/program_accounts.h"

u64 oracle_read(const ProgramInput *input, AccountView account,
                const OracleRequirements *requirements, const SolClock *clock,
                OraclePrice *out) {
    /* Owner first: only this program writes the Oracle discriminator into
     * accounts it owns, so owner + discriminator + size identify a Kairos oracle. */
    if (require_oracle_account(account, input->program_id) != KAIROS_OK) {
        return KAIROS_ERR_INVALID_ORACLE;
    }
    if (!pubkey_eq(&account->key, requirements->expected_key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    const Oracle *oracle = oracle_state(account);
    if (oracle->price <= 0) {
        return KAIROS_ERR_INVALID_ORACLE_PRICE;
    }
    /* A publish slot ahead of the clock (never seen on a cluster) counts as age 0. */
    u64 age = clock->slot > oracle->publish_slot ? clock->slot - oracle->publish_slot : 0;
    if (age > requirements->max_staleness_slots) {
        return KAIROS_ERR_STALE_ORACLE;
    }
    /* confidence × 10,000 ≤ price × max_confidence_bps, compared in 128 bits so
     * neither side can overflow. */
    u128 scaled_confidence = u64_widening_mul(oracle->confidence, BPS_PER_UNIT);
    u128 allowed = u64_widening_mul((u64)oracle->price, requirements->max_confidence_bps);
    if (scaled_confidence > allowed) {
        return KAIROS_ERR_ORACLE_CONFIDENCE_TOO_WIDE;
    }
    out->price = oracle->price;
    out->confidence = oracle->confidence;
    out->exponent = oracle->exponent;
    return KAIROS_OK;
}
