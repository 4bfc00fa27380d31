/*
 * CollateralAsset accounts (PDA ["collateral", mint]) and their token vaults
 * (PDA ["vault", mint]); the insurance vault (PDA ["insurance", quote mint]).
 *
 * Invariants (docs/ARCHITECTURE.md, "PnL settlement and the vault invariant"):
 * for every asset, the vault's token amount equals total_deposits; for a non-quote
 * asset that is also the sum of every margin account's collateral amount of it;
 * for the quote asset (index 0) it is Σ quote_balance + Σ markets (pnl_pool +
 * fees_accrued) + Exchange.insurance_pending + borrow_interest_pending. Only
 * deposit, withdraw and the insurance transfers (sweep_fees_to_insurance,
 * resolve_bankruptcy) move tokens in or out of a vault.
 */
#ifndef KAIROS_STATE_COLLATERAL_ASSET_H
#define KAIROS_STATE_COLLATERAL_ASSET_H

#include "generated/kairos_idl.h"
#include "math/fixed.h"
#include "sol/input.h"
#include "state/exchange.h"
#include "validate/accounts.h"


/* The quote asset is worth exactly its amount: full weight in both healths. */
#define QUOTE_ASSET_WEIGHT_BPS BPS_PER_UNIT
/* The quote asset has no deposit cap. */
#define QUOTE_DEPOSIT_CAP U64_MAX

_Static_assert(KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");
_Static_assert(KAIROS_QUOTE_ASSET_INDEX == 0, "the quote asset is created first, at index 0");
_Static_assert(KAIROS_MAX_COLLATERAL_ASSETS <= 0xFFFF, "asset indices are u16");

KAIROS_INLINE CollateralAsset *collateral_asset_state(AccountView account) {
    return (CollateralAsset *)(account_data(account) + DISCRIMINATOR_BYTES);
}

#endif /* KAIROS_STATE_COLLATERAL_ASSET_H */
