/*
 * sweep_fees_to_insurance (admin): move a market's accrued fees (less the
 * maker rebates its event queue still owes: those are paid out of
 * fees_accrued when the fills are consumed, so sweeping them would leave the
 * market owing more than it holds) and the
 * insurance share of liquidation fees held in the quote vault
 * (Exchange.insurance_pending) and the borrow interest charged so far
 * (quote borrow_interest_pending, as far as the vault holds it) into the
 * insurance vault. Both are claims on
 * the quote vault: they drop by the amount that leaves it, and the quote
 * asset's total_deposits with them, so the vault invariant holds exactly.
 */
#include "anchor/event.h"
#include "borrow/borrow.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "liquidation/liquidation.h"
#include "math/checked.h"
#include "math/fixed.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/collateral_asset.h"
#include "state/event_queue.h"
#include "state/exchange.h"
#include "state/perp_market.h"
#include "validate/links.h"
#include "validate/token.h"

/* Σ of the maker rebates the fills waiting in `queue` will pay out of the
 * market's fees when consumed, rounded as consume_events pays them (the
 * magnitude down). A walk of at most EVENT_QUEUE_CAPACITY events: an admin
 * instruction can afford it, and it keeps the matching path free of a counter. */
static u64 pending_maker_rebates(const PerpMarket *market, EventQueue *queue, u64 *owed) {
    *owed = 0;
    if (market->maker_fee_bps >= 0) {
        return KAIROS_OK;
    }
    u64 rebate_bps = i64_unsigned_abs(market->maker_fee_bps);
    for (u32 i = 0; i < queue->count; i++) {
        const FillEvent *event = event_queue_at(queue, i);
        if (event->event_type != FILL_EVENT_TYPE_FILL) {
            continue;
        }
        u64 notional;
        u64 rebate;
        if (!u64_checked_mul(event->price, event->base_lots, &notional) ||
            !mul_div_floor(notional, rebate_bps, BPS_PER_UNIT, &rebate) ||
            !u64_checked_add(*owed, rebate, owed)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
    }
    return KAIROS_OK;
}

u64 process_sweep_fees_to_insurance(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SweepFeesToInsurance");
    SweepFeesToInsuranceIxAccounts accounts;
    TRY(load_sweep_fees_to_insurance_accounts(input, &accounts));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    Exchange *exchange = exchange_state(accounts.exchange);
    AccountView market_account = accounts.perp_market;
    /* Only read: the rebates the queued fills still owe. */
    AccountView queue_account = accounts.event_queue;
    TRY(require_market_event_queue_link(queue_account, market_account));
    InsuranceAccounts insurance = {accounts.quote_asset, accounts.quote_vault,
                                   accounts.insurance_vault, accounts.token_program};
    TRY(require_insurance_accounts(exchange, &insurance));

    PerpMarket *market = perp_market_state(market_account);
    /* Only what the market does not owe is swept: its fees less the rebates
     * of the queued fills, and nothing when that is negative (a fee-only
     * bankruptcy may leave fees_accrued below zero, resolve_bankruptcy). */
    u64 rebates_owed;
    TRY(pending_maker_rebates(market, event_queue_state(queue_account), &rebates_owed));
    u64 fees = market->fees_accrued > 0 ? (u64)market->fees_accrued : 0;
    fees = fees > rebates_owed ? fees - rebates_owed : 0;
    u64 share = exchange->insurance_pending;
    u64 amount;
    CollateralAsset *quote = collateral_asset_state(insurance.quote_asset);
    /* total_deposits changes: the index accrues at the old utilization first. */
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    TRY(borrow_roll_index(quote, clock.unix_timestamp));
    if (!u64_checked_add(fees, share, &amount)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    u64 vault_tokens = token_account_amount(insurance.quote_vault);
    if (vault_tokens < amount) {
        return KAIROS_ERR_INSUFFICIENT_VAULT_LIQUIDITY;
    }
    /* Borrow interest is a claim backed by borrowers' debts: the vault may not
     * hold it all yet (the borrowers have not repaid). What it holds beyond the
     * fees is swept; the rest stays pending, so fees are never blocked by it. */
    u64 interest = quote->borrow_interest_pending;
    u64 spare = vault_tokens - amount;
    if (interest > spare) {
        interest = spare;
    }
    amount += interest; /* ≤ vault_tokens */
    if (!u64_checked_sub(quote->total_deposits, amount, &quote->total_deposits)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    market->fees_accrued -= (i64)fees; /* fees ≤ fees_accrued */
    exchange->insurance_pending = 0;
    quote->borrow_interest_pending -= interest; /* interest ≤ borrow_interest_pending */
    VaultTransfer transfer = {context->exchange, insurance.quote_vault, insurance.insurance_vault,
                              insurance.token_program, amount};
    TRY(vault_to_vault(&transfer));

    FeesSweptToInsuranceEventRecord record = FEES_SWEPT_TO_INSURANCE_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.market, &market_account->key);
    record.event.fees = fees;
    record.event.insurance_share = share;
    record.event.borrow_interest = interest;
    record.event.rebates_owed = rebates_owed;
    record.event.insurance_vault_after = token_account_amount(insurance.insurance_vault);
    EMIT_EVENT(record);
    return KAIROS_OK;
}
