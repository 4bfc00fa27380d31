/*
 * liquidate_perp: the liquidator takes over part of a liquidatable account's
 * perp position at the oracle price less the market's liquidation fee
 * (docs/ARCHITECTURE.md, "Liquidation").
 *
 * Price: P = floor(oracle price per lot). For l lots the fee is
 * F = floor(l × P × fee_bps / 10,000). A long liquidatee sells l lots to the
 * liquidator for l × P − F; a short one buys them for l × P + F. The liquidator
 * thus earns F, of which the insurance share floor(F × share / 10,000) moves
 * from its quote balance to Exchange.insurance_pending. Every amount moves
 * between two claims on the quote vault: the vault invariant holds exactly.
 *
 * Size: the program computes it. Each lot raises the liquidatee's shortfall
 * (liquidation.h: ceil(β × M) − H_maint) by at least
 * g = P × ((maint − fee) × 10,000 + β_bps × maint) / 10^8 (the margin freed,
 * minus the fee, plus the buffer it no longer needs; closing at P is never
 * worse than the health price, which takes the confidence against the
 * account), less at most SIZE_ROUNDING_SLACK quote of rounding in all, so
 * l = ceil((shortfall + slack) / g) lots reach the target; capped by the
 * position and by max_base_lots. A position whose notional, or whose rest,
 * is at most Exchange.small_position_quote is taken in full.
 *
 * Accounts: the liquidatee must have no open order or reservation left
 * (force_cancel_orders first: OpenOrdersRemain). Remaining accounts: the
 * liquidatee's health accounts (liqee_health_accounts of them; its slots do
 * not change here), then the liquidator's after the transfer, whose initial
 * health must end ≥ 0.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "liquidation/liquidation.h"
#include "math/fixed.h"
#include "oracle/oracle.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "state/perp_position.h"
#include "validate/links.h"
#include "validate/program_accounts.h"
#include "validate/risk.h"

/* Quote native units of rounding the size formula absorbs (margin ceil, fee
 * floor, price floor vs the margin's ceil price). */
#define SIZE_ROUNDING_SLACK 3
/* bps × bps: the denominator of g's factor. */
#define BPS_SQUARED (BPS_PER_UNIT * BPS_PER_UNIT)

/* has-one: the liquidator's owner signed; not a self-liquidation; the quote
 * asset; the market's own oracle; the liquidatee's health accounts are given
 * (`liqee_health_end` is one past the last of them). */
static u64 validate_liquidate_perp(const ProgramInput *input,
                                   const LiquidatePerpIxAccounts *accounts,
                                   u64 *liqee_health_end) {
    const LiquidatePerpIxArgs *args = accounts->args;
    TRY(require_margin_account_owner(margin_account_state(accounts->liquidator),
                                     accounts->liquidator_owner));
    if (pubkey_eq(&accounts->liqee->key, &accounts->liquidator->key)) {
        return KAIROS_ERR_SELF_LIQUIDATION;
    }
    TRY(require_quote_asset_index(accounts->quote_asset));
    if (!pubkey_eq(&perp_market_state(accounts->perp_market)->oracle, &accounts->oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    /* Bounded by the account count (≤ MAX_INSTRUCTION_ACCOUNTS): no overflow. */
    *liqee_health_end = KAIROS_LIQUIDATE_PERP_ACCOUNTS_LEN + args->liqee_health_accounts;
    if (*liqee_health_end > input->account_count) {
        return KAIROS_ERR_HEALTH_ACCOUNTS_MISMATCH;
    }
    return args->max_base_lots != 0 ? KAIROS_OK : KAIROS_ERR_INVALID_ARGUMENT;
}

/* The lots to take (see the file comment). */
typedef struct PerpSizing {
    const Exchange *exchange;
    const PerpMarket *market;
    i64 shortfall;     /* > 0: the account is liquidatable */
    u64 position_lots; /* |base_lots| > 0 */
    u64 price;         /* P */
    u64 max_base_lots;
} PerpSizing;

static u64 liquidation_lots(const PerpSizing *sizing, u64 *lots) {
    const PerpMarket *market = sizing->market;
    u64 notional;
    if (!u64_checked_mul(sizing->position_lots, sizing->price, &notional)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    u64 wanted = sizing->position_lots;
    /* fee < maint (set_perp_liquidation_fee): the factor is positive. */
    u64 factor = ((u64)market->maint_margin_bps - market->liquidation_fee_bps) * BPS_PER_UNIT +
                 (u64)sizing->exchange->liquidation_buffer_bps * market->maint_margin_bps;
    if (notional > sizing->exchange->small_position_quote && sizing->price != 0) {
        u64 needed;
        /* shortfall > 0 here; + slack cannot overflow an i64 shortfall as u64. */
        if (!mul_div_by_product_ceil((u64)sizing->shortfall + SIZE_ROUNDING_SLACK, BPS_SQUARED,
                                     sizing->price, factor, &needed)) {
            needed = sizing->position_lots;
        }
        if (needed < sizing->position_lots) {
            u64 rest_notional;
            /* The rest is smaller than the position: no overflow. */
            rest_notional = (sizing->position_lots - needed) * sizing->price;
            wanted = rest_notional <= sizing->exchange->small_position_quote
                         ? sizing->position_lots
                         : needed;
        }
    }
    *lots = wanted < sizing->max_base_lots ? wanted : sizing->max_base_lots;
    return *lots != 0 ? KAIROS_OK : KAIROS_ERR_NOTHING_TO_LIQUIDATE;
}

/* max(value, 0) as lots: a position's contribution to open interest. */
KAIROS_INLINE u64 liquidation_long_lots(i64 base_lots) {
    return base_lots > 0 ? (u64)base_lots : 0;
}

/* What the transfer changes, for the event. */
typedef struct PerpTransfer {
    PerpPosition *liqee_position;
    PerpPosition *liquidator_position;
    u64 lots;
    u64 price;
    u64 fee;
    const SolPubkey *liqee_key; /* named by the FundingPaid events */
    const SolPubkey *liquidator_key;
} PerpTransfer;

/* Move `lots` from the liquidatee to the liquidator at P, the fee going to the
 * liquidator (see the file comment), and keep open interest exact (invariant 3
 * of state/perp_market.h). The open-interest cap does not apply: a
 * liquidation never adds exposure to the market as a whole. */
static u64 transfer_position(PerpMarket *market, const PerpTransfer *transfer,
                             MarginAccount *liqee, MarginAccount *liquidator) {
    PerpPosition *from = transfer->liqee_position;
    PerpPosition *to = transfer->liquidator_position;
    u8 liqee_side = from->base_lots > 0 ? SIDE_ASK : SIDE_BID;
    u64 open_interest_before = liquidation_long_lots(from->base_lots) +
                               liquidation_long_lots(to->base_lots);
    i64 liqee_realized = 0;
    i64 liquidator_realized = 0;
    PositionFill liqee_fill = {transfer->lots, transfer->price, liqee_side, transfer->liqee_key};
    PositionFill liquidator_fill = {transfer->lots, transfer->price, opposite_side(liqee_side),
                                    transfer->liquidator_key};
    TRY(perp_position_apply_market_fill(market, from, &liqee_fill, &liqee_realized));
    TRY(perp_position_apply_market_fill(market, to, &liquidator_fill, &liquidator_realized));
    i64 fee;
    if (!u64_to_i64(transfer->fee, &fee) ||
        !i64_checked_sub(from->quote_position, fee, &from->quote_position) ||
        !i64_checked_add(to->quote_position, fee, &to->quote_position) ||
        !i64_checked_add(liqee->stats.realized_pnl, liqee_realized, &liqee->stats.realized_pnl) ||
        !i64_checked_add(liquidator->stats.realized_pnl, liquidator_realized,
                         &liquidator->stats.realized_pnl)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    u64 open_interest_after = liquidation_long_lots(from->base_lots) +
                              liquidation_long_lots(to->base_lots);
    u64 without;
    if (!u64_checked_sub(market->open_interest_lots, open_interest_before, &without) ||
        !u64_checked_add(without, open_interest_after, &market->open_interest_lots)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

u64 process_liquidate_perp(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: LiquidatePerp");
    LiquidatePerpIxAccounts accounts;
    TRY(load_liquidate_perp_accounts(input, &accounts));
    u64 liqee_health_end;
    TRY(validate_liquidate_perp(input, &accounts, &liqee_health_end));
    const LiquidatePerpIxArgs *args = accounts.args;
    Exchange *exchange = exchange_state(context->exchange);
    MarginAccount *liqee = margin_account_state(accounts.liqee);
    MarginAccount *liquidator = margin_account_state(accounts.liquidator);
    PerpMarket *market = perp_market_state(accounts.perp_market);
    if (margin_account_has_open_orders(liqee)) {
        return KAIROS_ERR_OPEN_ORDERS_REMAIN;
    }

    SolClock clock;
    sol_get_clock_sysvar(&clock);
    OracleRequirements requirements = perp_market_oracle_requirements(market);
    OraclePrice oracle_price;
    TRY(oracle_read(input, accounts.oracle, &requirements, &clock, &oracle_price));
    LiquidationHealthRange liqee_range = {input, &clock, KAIROS_LIQUIDATE_PERP_ACCOUNTS_LEN,
                                          liqee_health_end};
    LiquidationBorrows borrows = {.quote_asset = accounts.quote_asset,
                                  .now = clock.unix_timestamp};
    TRY(liquidation_borrows_begin(&borrows, accounts.liqee, accounts.liquidator));
    HealthResult before;
    TRY(liquidation_health(&liqee_range, liqee, &before));
    TRY(require_liquidatable(exchange, liqee, &before));

    PerpPosition *liqee_position = perp_position_find(liqee, market->index);
    if (liqee_position == NULL || liqee_position->base_lots == 0) {
        return KAIROS_ERR_NOTHING_TO_LIQUIDATE;
    }
    PerpSizing sizing = {exchange, market, 0, i64_unsigned_abs(liqee_position->base_lots), 0,
                         args->max_base_lots};
    TRY(liquidation_shortfall(exchange, &before, &sizing.shortfall));
    if (!perp_price_per_lot(market, &oracle_price, exchange->quote_decimals, false,
                            &sizing.price)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    PerpTransfer transfer = {liqee_position, NULL, 0, sizing.price, 0, &accounts.liqee->key,
                             &accounts.liquidator->key};
    TRY(liquidation_lots(&sizing, &transfer.lots));
    /* l ≤ |base| and |base| × P fits (checked in liquidation_lots). */
    if (!scale_bps_floor(transfer.lots * sizing.price, market->liquidation_fee_bps,
                         &transfer.fee)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    /* The lots the liquidator takes, signed like the liquidatee's position. */
    i64 signed_lots = (i64)transfer.lots; /* ≤ |base_lots| ≤ I64_MAX */
    if (liqee_position->base_lots < 0) {
        signed_lots = -signed_lots;
    }
    TRY(perp_position_open(liquidator, market->index, &transfer.liquidator_position));
    TRY(transfer_position(market, &transfer, liqee, liquidator));
    u64 insurance_fee;
    TRY(liquidation_charge_insurance(exchange, liquidator, transfer.fee, &insurance_fee));
    TRY(liquidation_borrows_end(&borrows, accounts.liqee, accounts.liquidator));

    HealthResult after;
    TRY(liquidation_health(&liqee_range, liqee, &after));
    TRY(liquidation_update_flag(exchange, liqee, &after));
    HealthRequest liquidator_request = {input, liqee_health_end, liquidator, &clock, 0};
    HealthResult liquidator_health;
    TRY(require_init_health(&liquidator_request, &liquidator_health));

    PerpLiquidatedEventRecord record = PERP_LIQUIDATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.liqee, &accounts.liqee->key);
    pubkey_copy(&record.event.liquidator, &accounts.liquidator->key);
    pubkey_copy(&record.event.market, &accounts.perp_market->key);
    record.event.base_lots = signed_lots;
    record.event.price = sizing.price;
    record.event.liquidation_fee = transfer.fee;
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
