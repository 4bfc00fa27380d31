/* Shared liquidation rules (see liquidation/liquidation.h). */
#include "liquidation/liquidation.h"

#include "anchor/errors.h"
#include "cpi/token.h"
#include "math/fixed.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "state/margin_account.h"

u64 liquidation_shortfall(const Exchange *exchange, const HealthResult *health, i64 *shortfall) {
    u64 buffer;
    i64 signed_buffer;
    if (!scale_bps_ceil(health->maint_requirement, exchange->liquidation_buffer_bps, &buffer) ||
        !u64_to_i64(buffer, &signed_buffer) ||
        !i64_checked_sub(signed_buffer, health->maint, shortfall)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

u64 liquidation_update_flag(const Exchange *exchange, MarginAccount *account,
                            const HealthResult *health) {
    i64 shortfall;
    TRY(liquidation_shortfall(exchange, health, &shortfall));
    account->being_liquidated = shortfall > 0 ? LIQUIDATION_FLAG_SET : LIQUIDATION_FLAG_CLEAR;
    return KAIROS_OK;
}

bool margin_account_has_open_orders(const MarginAccount *account) {
    for (u64 i = 0; i < KAIROS_MAX_OPEN_ORDERS; i++) {
        if (account->open_orders[i].active == KAIROS_SLOT_ACTIVE) {
            return true;
        }
    }
    for (u64 i = 0; i < KAIROS_MAX_PERP_POSITIONS; i++) {
        const PerpPosition *position = &account->perp_positions[i];
        /* Pending maker fills keep reservations after their order left the book. */
        if (position->bids_base_lots != 0 || position->asks_base_lots != 0) {
            return true;
        }
    }
    return false;
}

u64 liquidation_charge_insurance(Exchange *exchange, MarginAccount *liquidator, u64 fee,
                                 u64 *insurance_fee) {
    i64 signed_fee;
    i64 balance_after;
    u64 pending_after;
    if (!scale_bps_floor(fee, exchange->insurance_fee_share_bps, insurance_fee) ||
        !u64_to_i64(*insurance_fee, &signed_fee) ||
        !i64_checked_sub(liquidator->quote_balance, signed_fee, &balance_after) ||
        !u64_checked_add(exchange->insurance_pending, *insurance_fee, &pending_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    liquidator->quote_balance = balance_after;
    exchange->insurance_pending = pending_after;
    return KAIROS_OK;
}

u64 liquidation_health(const LiquidationHealthRange *range, const MarginAccount *account,
                       HealthResult *out) {
    HealthRequest request = {
        .input = range->input,
        .first_health_account = range->first,
        .account = account,
        .clock = range->clock,
        .end_health_account = range->end,
    };
    return compute_health(&request, out);
}

u64 liquidation_borrows_begin(LiquidationBorrows *borrows, AccountView liqee,
                              AccountView liquidator) {
    CollateralAsset *quote = collateral_asset_state(borrows->quote_asset);
    TRY(borrow_begin(quote, margin_account_state(liqee), borrows->now, &borrows->liqee));
    return borrow_begin(quote, margin_account_state(liquidator), borrows->now,
                        &borrows->liquidator);
}

u64 liquidation_borrows_end(const LiquidationBorrows *borrows, AccountView liqee,
                            AccountView liquidator) {
    CollateralAsset *quote = collateral_asset_state(borrows->quote_asset);
    TRY(borrow_end(quote, liqee, &borrows->liqee, borrows->now));
    return borrow_end(quote, liquidator, &borrows->liquidator, borrows->now);
}

u64 vault_to_vault(const VaultTransfer *transfer) {
    if (transfer->amount == 0) {
        return KAIROS_OK;
    }
    ExchangeSigner authority;
    exchange_signer(exchange_state(transfer->exchange), &authority);
    TokenTransfer token_transfer = {
        .source = transfer->source,
        .destination = transfer->destination,
        .authority = transfer->exchange,
        .token_program = transfer->token_program,
        .amount = transfer->amount,
        .authority_signer = &authority.signer,
    };
    return spl_token_transfer(&token_transfer);
}
