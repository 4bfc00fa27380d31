/*
 * deposit: move `amount` tokens from the owner's token account into the asset's
 * vault (SPL Token Transfer signed by the owner) and credit the margin account:
 * the quote asset (index 0) to quote_balance, any other asset to its collateral
 * slot. Keeps vault tokens == total_deposits (both grow by `amount`) and, for a
 * non-quote asset, total_deposits == Σ collateral amounts.
 */
#include "anchor/event.h"
#include "borrow/borrow.h"
#include "cpi/token.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/checked.h"
#include "sol/log.h"
#include "state/collateral_asset.h"
#include "state/margin_account.h"
#include "validate/links.h"
#include "validate/token.h"

/* has-one links (the margin account's owner, the asset's vault, a source of the
 * asset's mint) and a non-zero amount; the loader did the IDL's checks. */
static u64 validate_deposit(const DepositIxAccounts *accounts) {
    TRY(require_margin_account_owner(margin_account_state(accounts->margin_account),
                                     accounts->owner));
    const CollateralAsset *asset = collateral_asset_state(accounts->collateral_asset);
    if (!pubkey_eq(&accounts->vault->key, &asset->vault)) {
        return KAIROS_ERR_ASSET_MISMATCH;
    }
    TRY(require_token_account_of_mint(accounts->owner_token_account, &asset->mint));
    return accounts->args->amount != 0 ? KAIROS_OK : KAIROS_ERR_INVALID_ARGUMENT;
}

/* Credit the margin account; `balance_after` is the new balance of that asset. */
static u64 deposit_credit(MarginAccount *account, const CollateralAsset *asset, u64 amount,
                          i64 *balance_after) {
    i64 signed_amount;
    if (asset->index == KAIROS_QUOTE_ASSET_INDEX) {
        if (!u64_to_i64(amount, &signed_amount) ||
            !i64_checked_add(account->quote_balance, signed_amount, &account->quote_balance)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        *balance_after = account->quote_balance;
        return KAIROS_OK;
    }
    CollateralPosition *position;
    TRY(collateral_position_open(account, asset->index, &position));
    u64 new_amount;
    /* Amounts stay within i64 so that every balance fits the events' i64 field. */
    if (!u64_checked_add(position->amount, amount, &new_amount) ||
        !u64_to_i64(new_amount, balance_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    position->amount = new_amount;
    return KAIROS_OK;
}

u64 process_deposit(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: Deposit");
    DepositIxAccounts accounts;
    TRY(load_deposit_accounts(input, &accounts));
    TRY(validate_deposit(&accounts));
    const u64 amount = accounts.args->amount;

    CollateralAsset *asset = collateral_asset_state(accounts.collateral_asset);
    u64 total_after;
    if (!u64_checked_add(asset->total_deposits, amount, &total_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (total_after > asset->deposit_cap) {
        return KAIROS_ERR_DEPOSIT_CAP_EXCEEDED;
    }
    /* A quote deposit repays a borrow: interest first, at the rate that
     * applied until now (borrow/borrow.h). */
    MarginAccount *account = margin_account_state(accounts.margin_account);
    bool quote = asset->index == KAIROS_QUOTE_ASSET_INDEX;
    SolClock clock;
    BorrowCheckpoint checkpoint;
    if (quote) {
        sol_get_clock_sysvar(&clock);
        TRY(borrow_begin(asset, account, clock.unix_timestamp, &checkpoint));
    }
    i64 balance_after;
    TRY(deposit_credit(account, asset, amount, &balance_after));
    asset->total_deposits = total_after;
    if (quote) {
        TRY(borrow_end(asset, accounts.margin_account, &checkpoint, clock.unix_timestamp));
    }

    TokenTransfer transfer = {
        .source = accounts.owner_token_account,
        .destination = accounts.vault,
        .authority = accounts.owner,
        .token_program = accounts.token_program,
        .amount = amount,
        .authority_signer = NULL,
    };
    TRY(spl_token_transfer(&transfer));

    DepositedEventRecord record = DEPOSITED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &accounts.margin_account->key);
    pubkey_copy(&record.event.asset, &accounts.collateral_asset->key);
    record.event.amount = amount;
    record.event.balance_after = balance_after;
    /* Per-asset utilization of the cap, for indexers (deposits vs cap). */
    record.event.asset_total_deposits = asset->total_deposits;
    record.event.asset_deposit_cap = asset->deposit_cap;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
