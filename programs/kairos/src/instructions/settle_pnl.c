/*
 * settle_pnl (permissionless): realize a position's PnL at the oracle price
 * into the account's quote balance (docs/ARCHITECTURE.md, "PnL settlement and
 * the vault invariant").
 *
 * pnl = base_lots × price_per_lot + quote_position, with the price per lot
 * rounded against the account (down for a long, up for a short). A loss moves
 * from quote_balance (which may go negative) into the market's pnl_pool; a
 * profit moves from the pool to quote_balance, capped by what the pool holds.
 * quote_position gives up what was moved, so the PnL left in the position is
 * the part the pool could not pay yet.
 */
#include "anchor/event.h"
#include "borrow/borrow.h"
#include "funding/funding.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "oracle/oracle.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/perp_market.h"
#include "state/perp_position.h"
#include "validate/program_accounts.h"

/* The quote asset (a realized loss can open or grow a borrow: borrow/borrow.h)
 * and has-one: the market's own oracle (oracle_read checks this link too; first
 * here so the error names it). */
static u64 validate_settle_pnl(const SettlePnlIxAccounts *accounts) {
    TRY(require_quote_asset_index(accounts->quote_asset));
    if (!pubkey_eq(&perp_market_state(accounts->perp_market)->oracle, &accounts->oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    return KAIROS_OK;
}

/* The position's PnL at `price` (see the file comment for the rounding). */
static u64 position_pnl(const PerpMarket *market, const PerpPosition *position,
                        const OraclePrice *price, u8 quote_decimals, i64 *pnl) {
    u64 price_per_lot;
    i64 signed_price_per_lot;
    i64 base_value;
    bool short_position = position->base_lots < 0;
    if (!perp_price_per_lot(market, price, quote_decimals, short_position, &price_per_lot) ||
        !u64_to_i64(price_per_lot, &signed_price_per_lot) ||
        !i64_checked_mul(position->base_lots, signed_price_per_lot, &base_value) ||
        !i64_checked_add(base_value, position->quote_position, pnl)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

u64 process_settle_pnl(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SettlePnl");
    SettlePnlIxAccounts accounts;
    TRY(load_settle_pnl_accounts(input, &accounts));
    TRY(validate_settle_pnl(&accounts));
    MarginAccount *margin = margin_account_state(accounts.margin_account);
    PerpMarket *market = perp_market_state(accounts.perp_market);

    SolClock clock;
    sol_get_clock_sysvar(&clock);
    OracleRequirements requirements = perp_market_oracle_requirements(market);
    OraclePrice price;
    TRY(oracle_read(input, accounts.oracle, &requirements, &clock, &price));

    PerpPosition *position = perp_position_find(margin, market->index);
    if (position == NULL) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    CollateralAsset *quote = collateral_asset_state(accounts.quote_asset);
    BorrowCheckpoint checkpoint;
    TRY(borrow_begin(quote, margin, clock.unix_timestamp, &checkpoint));
    /* The position's share of socialized losses first: it is PnL it owes. */
    i64 socialized;
    TRY(perp_position_apply_socialized_loss(position, market->socialized_loss_per_lot,
                                            &socialized));
    /* And its funding (funding/funding.h, invariant 2). */
    TRY(funding_settle_position(market, position, &accounts.margin_account->key));
    i64 pnl;
    TRY(position_pnl(market, position, &price, exchange_state(context->exchange)->quote_decimals,
                     &pnl));
    /* The amount credited to the account: a profit up to the pool, or the
     * whole loss (negative). The pool never goes below zero. */
    i64 pool_available = market->pnl_pool > 0 ? market->pnl_pool : 0;
    i64 amount = pnl > pool_available ? pool_available : pnl;
    i64 balance_after;
    i64 pool_after;
    i64 quote_position_after;
    if (!i64_checked_add(margin->quote_balance, amount, &balance_after) ||
        !i64_checked_sub(market->pnl_pool, amount, &pool_after) ||
        !i64_checked_sub(position->quote_position, amount, &quote_position_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    margin->quote_balance = balance_after;
    market->pnl_pool = pool_after;
    /* The markets whose losses put the account in debt: a bankruptcy can only
     * be socialized on one of them (resolve_bankruptcy). */
    if (amount < 0 && balance_after < 0) {
        margin->loss_market_mask |= (u64)1 << market->index;
    }
    position->quote_position = quote_position_after;
    perp_position_close_if_empty(position);
    TRY(borrow_end(quote, accounts.margin_account, &checkpoint, clock.unix_timestamp));

    PnlSettledEventRecord record = PNL_SETTLED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &accounts.margin_account->key);
    pubkey_copy(&record.event.market, &accounts.perp_market->key);
    record.event.amount = amount;
    record.event.quote_balance_after = balance_after;
    record.event.pnl_pool_after = pool_after;
    record.event.socialized_loss = socialized;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
