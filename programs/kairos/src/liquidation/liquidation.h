/*
 * Liquidation rules shared by force_cancel_orders, liquidate_perp and
 * liquidate_collateral (docs/ARCHITECTURE.md, "Liquidation").
 *
 * With H = maintenance health and M = the maintenance requirement (HealthResult),
 * and β = Exchange.liquidation_buffer_bps / 10,000:
 *  - an account is liquidatable when H < 0, or when it is flagged
 *    being_liquidated and H < ceil(β × M) (a liquidation in progress goes on
 *    until the buffer is reached, so the account does not bounce back);
 *  - the target of a liquidation step is H ≥ ceil(β × M);
 *  - invariant: after every liquidation instruction, being_liquidated == 1
 *    exactly when the account is still below the target, so no healthy account
 *    stays flagged (force_cancel_orders clears the flag of an account whose
 *    price recovered).
 */
#ifndef KAIROS_LIQUIDATION_LIQUIDATION_H
#define KAIROS_LIQUIDATION_LIQUIDATION_H

#include "generated/kairos_idl.h"
#include "borrow/borrow.h"
#include "health/health.h"

/* Values of MarginAccount.being_liquidated. */
#define LIQUIDATION_FLAG_CLEAR 0
#define LIQUIDATION_FLAG_SET 1

/* The amount of maintenance health the account lacks to reach the target
 * ceil(β × M): positive when below it, else ≤ 0. */
u64 liquidation_shortfall(const Exchange *exchange, const HealthResult *health, i64 *shortfall);

/* Set or clear being_liquidated from the health after the step. */
u64 liquidation_update_flag(const Exchange *exchange, MarginAccount *account,
                            const HealthResult *health);

/* True when the account has any active OpenOrder slot (or reservation). */
bool margin_account_has_open_orders(const MarginAccount *account);

/* The insurance share of a liquidation fee: floor(fee × share_bps / 10,000),
 * moved from the liquidator's quote balance to Exchange.insurance_pending (a
 * claim on the quote vault, swept to the insurance vault by
 * sweep_fees_to_insurance). Σ claims is unchanged: the vault invariant holds. */
u64 liquidation_charge_insurance(Exchange *exchange, MarginAccount *liquidator, u64 fee,
                                 u64 *insurance_fee);

/* Both accounts' borrow checkpoints (borrow/borrow.h): interest is charged
 * before health is measured, principals are recorded after the transfer. */
typedef struct LiquidationBorrows {
    AccountView quote_asset; /* validated: writable quote CollateralAsset */
    i64 now;
    BorrowCheckpoint liqee;
    BorrowCheckpoint liquidator;
} LiquidationBorrows;
u64 liquidation_borrows_begin(LiquidationBorrows *borrows, AccountView liqee,
                              AccountView liquidator);
u64 liquidation_borrows_end(const LiquidationBorrows *borrows, AccountView liqee,
                            AccountView liquidator);

/* Health of the accounts [first, end) for `account` at `clock`. */
typedef struct LiquidationHealthRange {
    const ProgramInput *input;
    const SolClock *clock;
    u64 first;
    u64 end;
} LiquidationHealthRange;
u64 liquidation_health(const LiquidationHealthRange *range, const MarginAccount *account,
                       HealthResult *out);


/* SPL transfer of `amount` between the Exchange's vaults (signed by its PDA). */
typedef struct VaultTransfer {
    AccountView exchange;
    AccountView source;
    AccountView destination;
    AccountView token_program;
    u64 amount;
} VaultTransfer;
u64 vault_to_vault(const VaultTransfer *transfer);

#endif /* KAIROS_LIQUIDATION_LIQUIDATION_H */
