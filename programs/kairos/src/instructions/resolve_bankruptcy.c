/*
 * resolve_bankruptcy (permissionless): an account with nothing left (no
 * collateral slot, no perp position, no open order) and a negative quote
 * balance owes a loss L = −quote_balance that nobody will pay. In order:
 *  1. the insurance fund's claims still held in the quote vault
 *     (Exchange.insurance_pending, then the quote asset's
 *     borrow_interest_pending) cover what they can: those claims move to the
 *     account;
 *  2. the insurance vault covers what it can: tokens move from the insurance
 *     vault into the quote vault (quote total_deposits grows by as much) and
 *     the account is credited;
 *  3. the rest R is socialized on the named market, which must be one whose
 *     settled loss put the account in debt (MarginAccount.loss_market_mask),
 *     so a caller cannot put the loss on an unrelated thin market: the pool pays it
 *     (pnl_pool −= R, which may go negative) and every open position of the
 *     market, long or short, owes it back by size: socialized_loss_per_lot
 *     grows by ceil(R / position_lots) (Σ |base| of the applied positions,
 *     invariant 7 of state/perp_position.h), which each position pays out of its unsettled PnL
 *     when it next changes or settles (state/perp_position.h invariant 6), so
 *     the pool is refilled by at least R (the rounding, < 1 native unit per
 *     lot, stays in the pool). With no open position the pool alone carries
 *     it, i.e. the market's next winners. PerpMarket.socialized_loss and
 *     Exchange.socialized_loss_total record it.
 *     When no settled loss is recorded (loss_market_mask = 0: the debt came
 *     only from fees or borrow interest, which went to the markets' fees and
 *     the insurance fund), traders' positions owe nothing: the rest is
 *     charged to the named market's fee revenue (fees_accrued −= R, which
 *     may go below zero; later fees refill it before any sweep, and
 *     sweep_fees_to_insurance never sweeps a negative balance). Any market
 *     may be named then, since the venue's revenue, not a market's traders,
 *     bears it.
 * Each step moves a claim on the quote vault or tokens with an equal claim, so
 * the vault invariant holds exactly; the account ends at a zero balance and is
 * no longer flagged. Borrow interest up to now is charged first: it is part
 * of the loss (and of the insurance's claim, borrow_interest_pending).
 */
#include "anchor/event.h"
#include "borrow/borrow.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "liquidation/liquidation.h"
#include "math/checked.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/perp_market.h"
#include "validate/links.h"
#include "validate/token.h"

/* Nothing left to liquidate: no collateral slot, no perp slot, no order. */
static bool nothing_left(const MarginAccount *account) {
    for (u64 i = 0; i < KAIROS_MAX_COLLATERAL_POSITIONS; i++) {
        if (account->collateral[i].active == SLOT_ACTIVE) {
            return false;
        }
    }
    for (u64 i = 0; i < KAIROS_MAX_PERP_POSITIONS; i++) {
        if (account->perp_positions[i].active == SLOT_ACTIVE) {
            return false;
        }
    }
    return !margin_account_has_open_orders(account);
}

KAIROS_INLINE u64 min_u64(u64 a, u64 b) { return a < b ? a : b; }

_Static_assert(KAIROS_MAX_PERP_MARKETS <= 64, "a market index is a bit of loss_market_mask");

/* Raise the market's socialized_loss_per_lot by the per-lot share of `loss`
 * across every open position (see the file comment); *loss_per_lot receives
 * the increase (0 when the market has no open position). */
static u64 socialize_on_positions(PerpMarket *market, u64 loss, u64 *loss_per_lot) {
    *loss_per_lot = 0;
    if (loss == 0 || market->position_lots == 0) {
        return KAIROS_OK;
    }
    if (!u64_div_ceil(loss, market->position_lots, loss_per_lot) ||
        !u64_checked_add(market->socialized_loss_per_lot, *loss_per_lot,
                         &market->socialized_loss_per_lot)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

u64 process_resolve_bankruptcy(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: ResolveBankruptcy");
    ResolveBankruptcyIxAccounts accounts;
    TRY(load_resolve_bankruptcy_accounts(input, &accounts));
    AccountView margin_account = accounts.margin_account;
    AccountView market_account = accounts.perp_market;
    Exchange *exchange = exchange_state(accounts.exchange);
    InsuranceAccounts insurance = {accounts.quote_asset, accounts.quote_vault,
                                   accounts.insurance_vault, accounts.token_program};
    TRY(require_insurance_accounts(exchange, &insurance));

    MarginAccount *account = margin_account_state(margin_account);
    CollateralAsset *quote = collateral_asset_state(insurance.quote_asset);
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    BorrowCheckpoint checkpoint;
    TRY(borrow_begin(quote, account, clock.unix_timestamp, &checkpoint));
    if (account->quote_balance >= 0 || !nothing_left(account)) {
        return KAIROS_ERR_NOT_BANKRUPT;
    }
    u64 loss = i64_unsigned_abs(account->quote_balance);
    u64 from_share = min_u64(loss, exchange->insurance_pending);
    u64 from_interest = min_u64(loss - from_share, quote->borrow_interest_pending);
    u64 from_pending = from_share + from_interest; /* ≤ loss */
    u64 from_vault = min_u64(loss - from_pending, token_account_amount(insurance.insurance_vault));
    u64 socialized = loss - from_pending - from_vault;

    PerpMarket *market = perp_market_state(market_account);
    /* A caller may not pick an unrelated (thin) market to absorb the loss. */
    bool trading_loss = account->loss_market_mask != 0;
    if (trading_loss && (account->loss_market_mask & ((u64)1 << market->index)) == 0) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    i64 signed_socialized;
    i64 pool_after = market->pnl_pool;
    i64 fees_after = market->fees_accrued;
    if (!u64_checked_add(quote->total_deposits, from_vault, &quote->total_deposits) ||
        !u64_to_i64(socialized, &signed_socialized)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    u64 loss_per_lot = 0;
    if (trading_loss) {
        if (!i64_checked_sub(market->pnl_pool, signed_socialized, &pool_after) ||
            !u64_checked_add(market->socialized_loss, socialized, &market->socialized_loss) ||
            !u64_checked_add(exchange->socialized_loss_total, socialized,
                             &exchange->socialized_loss_total)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        TRY(socialize_on_positions(market, socialized, &loss_per_lot));
    } else if (!i64_checked_sub(market->fees_accrued, signed_socialized, &fees_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    exchange->insurance_pending -= from_share;
    quote->borrow_interest_pending -= from_interest;
    market->pnl_pool = pool_after;
    market->fees_accrued = fees_after;
    /* The three parts sum to the loss: the balance ends at exactly zero. */
    account->quote_balance = 0;
    account->being_liquidated = LIQUIDATION_FLAG_CLEAR;
    account->loss_market_mask = 0;
    TRY(borrow_end(quote, margin_account, &checkpoint, clock.unix_timestamp));
    VaultTransfer transfer = {context->exchange, insurance.insurance_vault, insurance.quote_vault,
                              insurance.token_program, from_vault};
    TRY(vault_to_vault(&transfer));

    BankruptcyResolvedEventRecord record = BANKRUPTCY_RESOLVED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &margin_account->key);
    pubkey_copy(&record.event.market, &market_account->key);
    record.event.loss = loss;
    record.event.insurance_covered = from_pending + from_vault;
    record.event.socialized = socialized;
    record.event.insurance_remaining = token_account_amount(insurance.insurance_vault);
    record.event.pnl_pool_after = pool_after;
    record.event.socialized_loss_per_lot = loss_per_lot;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
