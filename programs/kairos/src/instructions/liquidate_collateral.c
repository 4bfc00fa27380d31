/*
 * liquidate_collateral: the liquidator buys part of a liquidatable account's
 * collateral at the oracle price less the asset's liquidation discount, paying
 * quote: the dynamic rebalancing of a failing account out of a risky asset
 * into quote (docs/ARCHITECTURE.md, "Liquidation").
 *
 * For an amount a: V(a) = floor(a × price) in quote native (the oracle mid,
 * docs "Units"); the liquidator pays floor(V(a) × (10,000 − d) / 10,000) from
 * its quote balance to the liquidatee's, and the discount D = V(a) − paid is
 * its reward, of which the insurance share moves from its quote balance to
 * Exchange.insurance_pending. The tokens stay in the vault: only the two
 * accounts' claims change, so the vault invariant holds exactly.
 *
 * Size: the shortfall (liquidation.h) is linear in a: selling all A units
 * gains G = paid(A) − W(A) + floor(β × (L(A) − W(A))) where L is the value
 * at the low price and W its maintenance-weighted value (the part of the
 * requirement it frees). d < 1 − maint weight (set_asset_liquidation_discount)
 * makes G > 0, so a = ceil((shortfall + slack) × A / G), capped by A and
 * max_amount; a holding (or its rest) worth at most small_position_quote is
 * taken in full.
 *
 * Remaining accounts: the liquidatee's health accounts as now (an emptied
 * slot is freed only after its health is computed), then the liquidator's
 * after the purchase; the liquidator's initial health must end ≥ 0.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "liquidation/liquidation.h"
#include "math/fixed.h"
#include "oracle/oracle.h"
#include "oracle/price.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "validate/links.h"
#include "validate/program_accounts.h"
#include "validate/risk.h"

/* Quote native units of rounding the size formula absorbs. */
#define COLLATERAL_SIZE_ROUNDING_SLACK 3

/* has-one: the liquidator's owner signed; not a self-liquidation; the quote
 * asset; a non-quote asset and its own oracle; the liquidatee's health accounts
 * are given (`liqee_health_end` is one past the last of them). */
static u64 validate_liquidate_collateral(const ProgramInput *input,
                                         const LiquidateCollateralIxAccounts *accounts,
                                         u64 *liqee_health_end) {
    const LiquidateCollateralIxArgs *args = accounts->args;
    TRY(require_margin_account_owner(margin_account_state(accounts->liquidator),
                                     accounts->liquidator_owner));
    if (pubkey_eq(&accounts->liqee->key, &accounts->liquidator->key)) {
        return KAIROS_ERR_SELF_LIQUIDATION;
    }
    TRY(require_quote_asset_index(accounts->quote_asset));
    const CollateralAsset *asset = collateral_asset_state(accounts->collateral_asset);
    /* The quote asset is quote_balance, never a collateral slot. */
    if (asset->index == KAIROS_QUOTE_ASSET_INDEX) {
        return KAIROS_ERR_ASSET_MISMATCH;
    }
    if (!pubkey_eq(&asset->oracle, &accounts->oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    *liqee_health_end = KAIROS_LIQUIDATE_COLLATERAL_ACCOUNTS_LEN + args->liqee_health_accounts;
    if (*liqee_health_end > input->account_count) {
        return KAIROS_ERR_HEALTH_ACCOUNTS_MISMATCH;
    }
    return args->max_amount != 0 ? KAIROS_OK : KAIROS_ERR_INVALID_ARGUMENT;
}

/* Values of an amount of the asset at the oracle (quote native, floored). */
typedef struct CollateralPricing {
    const CollateralAsset *asset;
    u64 mid;  /* oracle price */
    u64 low;  /* price − confidence, floored at 0 */
    i64 exponent;
} CollateralPricing;

static u64 value_at(const CollateralPricing *pricing, u64 amount, u64 price, u64 *out) {
    return scale_by_power_of_ten(amount, price, pricing->exponent, false, out)
               ? KAIROS_OK
               : KAIROS_ERR_MATH_OVERFLOW;
}

/* What the liquidator pays for `amount`, and the discount it earns. */
static u64 purchase_price(const CollateralPricing *pricing, u64 amount, u64 *paid, u64 *discount) {
    u64 value;
    TRY(value_at(pricing, amount, pricing->mid, &value));
    if (!scale_bps_floor(value, BPS_PER_UNIT - pricing->asset->liquidation_discount_bps, paid)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    *discount = value - *paid; /* paid ≤ value */
    return KAIROS_OK;
}

/* Everything the sizing needs. */
typedef struct CollateralSizing {
    const Exchange *exchange;
    const CollateralPricing *pricing;
    i64 shortfall; /* > 0 */
    u64 held;      /* A > 0 */
    u64 max_amount;
} CollateralSizing;

static u64 liquidation_amount(const CollateralSizing *sizing, u64 *amount) {
    const CollateralPricing *pricing = sizing->pricing;
    u64 paid;
    u64 discount;
    u64 low_value;
    u64 weighted;
    u64 freed_buffer;
    TRY(purchase_price(pricing, sizing->held, &paid, &discount));
    TRY(value_at(pricing, sizing->held, pricing->low, &low_value));
    if (!scale_bps_floor(low_value, pricing->asset->maint_asset_weight_bps, &weighted) ||
        !scale_bps_floor(low_value - weighted, sizing->exchange->liquidation_buffer_bps,
                         &freed_buffer)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    u64 value = paid + discount;
    u64 wanted = sizing->held;
    /* gain = paid − weighted + freed_buffer, positive by the discount rule. */
    if (value > sizing->exchange->small_position_quote && paid + freed_buffer > weighted) {
        u64 gain = paid + freed_buffer - weighted;
        u64 needed;
        if (!mul_div_ceil((u64)sizing->shortfall + COLLATERAL_SIZE_ROUNDING_SLACK, sizing->held,
                          gain, &needed)) {
            needed = sizing->held;
        }
        if (needed < sizing->held) {
            u64 rest_value;
            TRY(value_at(pricing, sizing->held - needed, pricing->mid, &rest_value));
            wanted = rest_value <= sizing->exchange->small_position_quote ? sizing->held : needed;
        }
    }
    *amount = wanted < sizing->max_amount ? wanted : sizing->max_amount;
    return *amount != 0 ? KAIROS_OK : KAIROS_ERR_NOTHING_TO_LIQUIDATE;
}

/* Move `amount` units of the liquidatee's holding to the liquidator's. */
static u64 transfer_collateral(CollateralPosition *from, MarginAccount *liquidator, u64 amount) {
    CollateralPosition *to;
    TRY(collateral_position_open(liquidator, from->asset_index, &to));
    u64 to_amount;
    i64 bound_check;
    if (!u64_checked_add(to->amount, amount, &to_amount) ||
        !u64_to_i64(to_amount, &bound_check)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    to->amount = to_amount;
    from->amount -= amount; /* amount ≤ held */
    return KAIROS_OK;
}

static u64 move_quote(MarginAccount *payer, MarginAccount *payee, u64 amount) {
    i64 signed_amount;
    if (!u64_to_i64(amount, &signed_amount) ||
        !i64_checked_sub(payer->quote_balance, signed_amount, &payer->quote_balance) ||
        !i64_checked_add(payee->quote_balance, signed_amount, &payee->quote_balance)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

u64 process_liquidate_collateral(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: LiquidateCollateral");
    LiquidateCollateralIxAccounts accounts;
    TRY(load_liquidate_collateral_accounts(input, &accounts));
    u64 liqee_health_end;
    TRY(validate_liquidate_collateral(input, &accounts, &liqee_health_end));
    const LiquidateCollateralIxArgs *args = accounts.args;
    Exchange *exchange = exchange_state(context->exchange);
    MarginAccount *liqee = margin_account_state(accounts.liqee);
    MarginAccount *liquidator = margin_account_state(accounts.liquidator);
    const CollateralAsset *asset = collateral_asset_state(accounts.collateral_asset);
    if (margin_account_has_open_orders(liqee)) {
        return KAIROS_ERR_OPEN_ORDERS_REMAIN;
    }

    SolClock clock;
    sol_get_clock_sysvar(&clock);
    OracleRequirements requirements = {&asset->oracle, asset->max_staleness_slots,
                                       asset->max_confidence_bps};
    OraclePrice oracle_price;
    TRY(oracle_read(input, accounts.oracle, &requirements, &clock, &oracle_price));
    LiquidationHealthRange liqee_range = {input, &clock, KAIROS_LIQUIDATE_COLLATERAL_ACCOUNTS_LEN,
                                          liqee_health_end};
    LiquidationBorrows borrows = {.quote_asset = accounts.quote_asset,
                                  .now = clock.unix_timestamp};
    TRY(liquidation_borrows_begin(&borrows, accounts.liqee, accounts.liquidator));
    HealthResult before;
    TRY(liquidation_health(&liqee_range, liqee, &before));
    TRY(require_liquidatable(exchange, liqee, &before));

    CollateralPosition *held = collateral_position_find(liqee, asset->index);
    if (held == NULL) {
        return KAIROS_ERR_NOTHING_TO_LIQUIDATE;
    }
    u64 mid = (u64)oracle_price.price; /* > 0: oracle_read checked it */
    CollateralPricing pricing = {
        asset, mid, oracle_price.confidence < mid ? mid - oracle_price.confidence : 0,
        price_conversion_exponent(oracle_price.exponent, exchange->quote_decimals,
                                  asset->decimals)};
    CollateralSizing sizing = {exchange, &pricing, 0, held->amount, args->max_amount};
    TRY(liquidation_shortfall(exchange, &before, &sizing.shortfall));
    u64 amount;
    TRY(liquidation_amount(&sizing, &amount));
    u64 paid;
    u64 discount;
    TRY(purchase_price(&pricing, amount, &paid, &discount));
    TRY(transfer_collateral(held, liquidator, amount));
    TRY(move_quote(liquidator, liqee, paid));
    u64 insurance_fee;
    TRY(liquidation_charge_insurance(exchange, liquidator, discount, &insurance_fee));
    TRY(liquidation_borrows_end(&borrows, accounts.liqee, accounts.liquidator));

    HealthResult after;
    TRY(liquidation_health(&liqee_range, liqee, &after));
    TRY(liquidation_update_flag(exchange, liqee, &after));
    if (held->amount == 0) {
        collateral_position_close(held);
    }
    HealthRequest liquidator_request = {input, liqee_health_end, liquidator, &clock, 0};
    HealthResult liquidator_health;
    TRY(require_init_health(&liquidator_request, &liquidator_health));

    CollateralLiquidatedEventRecord record = COLLATERAL_LIQUIDATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.liqee, &accounts.liqee->key);
    pubkey_copy(&record.event.liquidator, &accounts.liquidator->key);
    pubkey_copy(&record.event.asset, &accounts.collateral_asset->key);
    record.event.amount = amount;
    record.event.quote_paid = paid;
    record.event.discount = discount;
    record.event.insurance_fee = insurance_fee;
    record.event.maint_health_before = before.maint;
    record.event.maint_health_after = after.maint;
    record.event.maint_requirement_after = after.maint_requirement;
    record.event.weighted_collateral_after = after.weighted_collateral;
    record.event.liquidator_init_health_after = liquidator_health.init;
    record.event.being_liquidated = liqee->being_liquidated;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
