/*
 * update_trailing_stop (permissionless): ratchet a trailing stop with the
 * market's oracle price. The stop follows the best oracle price seen (the
 * highest for a sell stop, the lowest for a buy stop) at the order's offset,
 * in ticks or basis points, and only ever moves towards the oracle
 * (state/trigger_order.h, invariant 4). TrailingStopNotImproved when the
 * oracle does not move it: a keeper counts it as "nothing to do".
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/checked.h"
#include "math/fixed.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/exchange.h"
#include "state/perp_market.h"
#include "state/trigger_order.h"
#include "validate/program_accounts.h"

/* The stop at `offset` from the reference price `reference`: below it for a
 * sell stop (condition Below, rounded down), above it for a buy stop (rounded
 * up). False on overflow; a sell stop at or below zero is 0 (never fires). */
static bool trailing_stop_price(const TriggerOrder *trigger, u64 tick, u64 reference, u64 *out) {
    bool below = trigger->condition == KAIROS_TRIGGER_CONDITION_BELOW;
    u64 distance;
    if (trigger->trailing_mode == KAIROS_TRAILING_MODE_TICKS) {
        if (!u64_checked_mul(trigger->trailing_offset, tick, &distance)) {
            return false;
        }
    } else if (below) {
        if (!mul_div_ceil(reference, trigger->trailing_offset, BPS_PER_UNIT, &distance)) {
            return false;
        }
    } else if (!mul_div_floor(reference, trigger->trailing_offset, BPS_PER_UNIT, &distance)) {
        return false;
    }
    if (below) {
        *out = reference > distance ? reference - distance : 0;
        return true;
    }
    return u64_checked_add(reference, distance, out);
}

u64 process_update_trailing_stop(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: UpdateTrailingStop");
    UpdateTrailingStopIxAccounts accounts;
    TRY(load_update_trailing_stop_accounts(input, &accounts));
    AccountView trigger_account = accounts.trigger_order;
    AccountView market_account = accounts.perp_market;
    AccountView oracle = accounts.oracle;
    TRY(require_live_trigger_order(trigger_account, input->program_id));
    TriggerOrder *trigger = trigger_order_state(trigger_account);
    if (trigger->trailing_mode == KAIROS_TRAILING_MODE_NONE) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    if (!pubkey_eq(&trigger->market, &market_account->key)) {
        return ANCHOR_CONSTRAINT_HAS_ONE;
    }
    const PerpMarket *market = perp_market_state(market_account);
    if (!pubkey_eq(&market->oracle, &oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    OracleRequirements oracle_requirements = perp_market_oracle_requirements(market);
    OraclePrice oracle_price;
    TRY(oracle_read(input, oracle, &oracle_requirements, &clock, &oracle_price));
    u64 price;
    if (!perp_price_per_lot(market, &oracle_price, exchange_state(context->exchange)->quote_decimals,
                            false, &price)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    u64 stop;
    if (!trailing_stop_price(trigger, market->tick_size, price, &stop)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    bool below = trigger->condition == KAIROS_TRIGGER_CONDITION_BELOW;
    bool improves = below ? stop > trigger->trigger_price : stop < trigger->trigger_price;
    if (!improves) {
        return KAIROS_ERR_TRAILING_STOP_NOT_IMPROVED;
    }
    trigger->trailing_reference_price = price;
    trigger->trigger_price = stop;

    TrailingStopUpdatedEventRecord record = TRAILING_STOP_UPDATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.trigger_order, &trigger_account->key);
    record.event.reference_price = price;
    record.event.trigger_price = stop;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
