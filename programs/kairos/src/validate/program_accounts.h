/*
 * Typed checks of this program's accounts where the generated loaders
 * (generated/kairos_accounts.h) cannot do them: accounts found at run time
 * (remaining accounts: makers, borrowers, health accounts, auction providers),
 * and types whose failure is a program error rather than Anchor's (an oracle
 * listed with an asset: InvalidOracle; a closed trigger order:
 * TriggerOrderNotActive). Each is owner + exact size + discriminator
 * (require_program_account), plus what the name adds.
 */
#ifndef KAIROS_VALIDATE_PROGRAM_ACCOUNTS_H
#define KAIROS_VALIDATE_PROGRAM_ACCOUNTS_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "state/collateral_asset.h"
#include "validate/accounts.h"

/* An initialized MarginAccount of this program. */
KAIROS_INLINE u64 require_margin_account(AccountView account, const SolPubkey *program_id) {
    return require_program_account(account, program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT,
                                   KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE);
}

/* An initialized CollateralAsset of this program. */
KAIROS_INLINE u64 require_collateral_asset(AccountView account, const SolPubkey *program_id) {
    return require_program_account(account, program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET,
                                   KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE);
}

/* A validated CollateralAsset is the quote asset (index 0): the holder of the
 * borrow index. AssetMismatch otherwise. */
KAIROS_INLINE u64 require_quote_asset_index(AccountView account) {
    return collateral_asset_state(account)->index == KAIROS_QUOTE_ASSET_INDEX
               ? KAIROS_OK
               : KAIROS_ERR_ASSET_MISMATCH;
}

/* The quote CollateralAsset (index 0). */
KAIROS_INLINE u64 require_quote_asset(AccountView account, const SolPubkey *program_id) {
    TRY(require_collateral_asset(account, program_id));
    return require_quote_asset_index(account);
}

/* An initialized PerpMarket of this program. */
KAIROS_INLINE u64 require_perp_market_account(AccountView account, const SolPubkey *program_id) {
    return require_program_account(account, program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET,
                                   KAIROS_PERP_MARKET_ACCOUNT_SIZE);
}

/* An initialized Oracle of this program. */
KAIROS_INLINE u64 require_oracle_account(AccountView account, const SolPubkey *program_id) {
    return require_program_account(account, program_id, KAIROS_ACCOUNT_DISC_ORACLE,
                                   KAIROS_ORACLE_ACCOUNT_SIZE);
}

/* The exchange-wide RiskParameters. */
KAIROS_INLINE u64 require_risk_parameters(AccountView account, const SolPubkey *program_id) {
    return require_program_account(account, program_id, KAIROS_ACCOUNT_DISC_RISK_PARAMETERS,
                                   KAIROS_RISK_PARAMETERS_ACCOUNT_SIZE);
}

/* An account's RiskLimits. */
KAIROS_INLINE u64 require_risk_limits(AccountView account, const SolPubkey *program_id) {
    return require_program_account(account, program_id, KAIROS_ACCOUNT_DISC_RISK_LIMITS,
                                   KAIROS_RISK_LIMITS_ACCOUNT_SIZE);
}

/* A RebalancePolicy. */
KAIROS_INLINE u64 require_rebalance_policy(AccountView account, const SolPubkey *program_id) {
    return require_program_account(account, program_id, KAIROS_ACCOUNT_DISC_REBALANCE_POLICY,
                                   KAIROS_REBALANCE_POLICY_ACCOUNT_SIZE);
}

/* A live TriggerOrder of ours; TriggerOrderNotActive when the account was
 * closed (invariant 5 of state/trigger_order.h: gone, or zeroed earlier in
 * this transaction), so a keeper that lost a race learns it by name. */
u64 require_live_trigger_order(AccountView account, const SolPubkey *program_id);

#endif /* KAIROS_VALIDATE_PROGRAM_ACCOUNTS_H */
