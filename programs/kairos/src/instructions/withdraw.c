/*
 * withdraw: debit the margin account and move `amount` tokens from the asset's
 * vault to a token account of the asset's mint (SPL Token Transfer signed by the
 * Exchange PDA, the vaults' authority); then initial health must stay >= 0.
 * Only a positive balance can be withdrawn (no borrowing here); vault tokens and
 * total_deposits both shrink by `amount`, keeping the vault invariant.
 *
 * Remaining accounts: the health accounts of the account after the withdrawal
 * (an emptied collateral slot is freed and no longer listed).
 */
#include "anchor/event.h"
#include "borrow/borrow.h"
#include "cpi/token.h"
#include "generated/kairos_accounts.h"
#include "health/health.h"
#include "instructions/instructions.h"
#include "math/checked.h"
#include "oracle/oracle.h"
#include "oracle/price.h"
#include "risk/risk.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "validate/links.h"
#include "validate/risk.h"
#include "validate/token.h"

/* has-one links (owner, the asset's vault, a destination of the asset's mint),
 * not being liquidated, a non-zero amount; the loader did the IDL's checks. */
static u64 validate_withdraw(const WithdrawIxAccounts *accounts) {
    const MarginAccount *account = margin_account_state(accounts->margin_account);
    TRY(require_margin_account_owner(account, accounts->owner));
    if (account->being_liquidated != 0) {
        return KAIROS_ERR_ACCOUNT_BEING_LIQUIDATED;
    }
    const CollateralAsset *asset = collateral_asset_state(accounts->collateral_asset);
    /* has-one: the asset's own vault (a token account we created, so its owner
     * and size are checked only to read its amount safely). */
    if (!pubkey_eq(&accounts->vault->key, &asset->vault)) {
        return KAIROS_ERR_ASSET_MISMATCH;
    }
    TRY(require_token_account_of_mint(accounts->vault, &asset->mint));
    TRY(require_token_account_of_mint(accounts->destination_token_account, &asset->mint));
    /* Withdrawing into the vault itself would debit the account and keep the
     * tokens: refused, it would break vault == total_deposits. */
    if (pubkey_eq(&accounts->destination_token_account->key, &accounts->vault->key)) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    return accounts->args->amount != 0 ? KAIROS_OK : KAIROS_ERR_INVALID_ARGUMENT;
}

/* Debit the margin account; `balance_after` is the new balance of that asset. */
static u64 withdraw_debit(MarginAccount *account, const CollateralAsset *asset, u64 amount,
                          i64 *balance_after) {
    if (asset->index == KAIROS_QUOTE_ASSET_INDEX) {
        i64 signed_amount;
        /* Only a positive balance is withdrawable: amount <= quote_balance. */
        if (!u64_to_i64(amount, &signed_amount) || signed_amount > account->quote_balance) {
            return KAIROS_ERR_INSUFFICIENT_BALANCE;
        }
        /* Cannot overflow: 0 < amount <= quote_balance. */
        account->quote_balance -= signed_amount;
        *balance_after = account->quote_balance;
        return KAIROS_OK;
    }
    CollateralPosition *position = collateral_position_find(account, asset->index);
    if (position == NULL || position->amount < amount) {
        return KAIROS_ERR_INSUFFICIENT_BALANCE;
    }
    position->amount -= amount;
    /* Deposits keep every slot amount within i64. */
    if (!u64_to_i64(position->amount, balance_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (position->amount == 0) {
        collateral_position_close(position);
    }
    return KAIROS_OK;
}

u64 process_withdraw(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: Withdraw");
    WithdrawIxAccounts accounts;
    TRY(load_withdraw_accounts(input, &accounts));
    TRY(validate_withdraw(&accounts));
    const u64 amount = accounts.args->amount;

    CollateralAsset *asset = collateral_asset_state(accounts.collateral_asset);
    MarginAccount *account = margin_account_state(accounts.margin_account);
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    /* A quote withdrawal needs the balance with its interest charged first. */
    bool quote = asset->index == KAIROS_QUOTE_ASSET_INDEX;
    BorrowCheckpoint checkpoint;
    if (quote) {
        TRY(borrow_begin(asset, account, clock.unix_timestamp, &checkpoint));
    }
    i64 balance_after;
    TRY(withdraw_debit(account, asset, amount, &balance_after));
    /* The vault can hold less than a quote balance: quote balances may be
     * backed by other accounts' negative balances (settled losses). */
    if (token_account_amount(accounts.vault) < amount) {
        return KAIROS_ERR_INSUFFICIENT_VAULT_LIQUIDITY;
    }
    if (!u64_checked_sub(asset->total_deposits, amount, &asset->total_deposits)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (quote) {
        TRY(borrow_end(asset, accounts.margin_account, &checkpoint, clock.unix_timestamp));
    }

    /* An account with risk limits: its RiskLimits and RiskParameters follow the
     * health accounts, then (a non-quote asset) the asset's oracle, which values
     * what leaves (the checkpoints shift by it: a withdrawal is not a loss). */
    RiskTail risk_tail;
    TRY(risk_open_tail(input, accounts.margin_account, quote ? 0 : 1, &risk_tail));
    HealthExposures exposures;
    risk_exposures_init(&risk_tail, clock.unix_timestamp, &exposures);
    HealthRequest request = {
        .input = input,
        .first_health_account = KAIROS_WITHDRAW_ACCOUNTS_LEN,
        .account = account,
        .clock = &clock,
        .end_health_account = risk_tail.end_health_account,
        .exposures = risk_tail.enabled ? &exposures : NULL,
    };
    HealthResult health;
    TRY(require_init_health(&request, &health));
    if (risk_tail.enabled) {
        u64 withdrawn_value = amount;
        if (!quote) {
            TRY(risk_withdrawn_value(input, asset, amount, &clock, &withdrawn_value));
        }
        RiskCheck check = {
            .input = input,
            .margin_account = accounts.margin_account,
            .exposures = &exposures,
            .health = &health,
            .clock = &clock,
            .action = RISK_ACTION_INCREASING,
            .withdrawn_value = withdrawn_value,
            .withdrawal = true,
        };
        TRY(risk_check_tail(&risk_tail, &check));
    }

    ExchangeSigner exchange_authority;
    exchange_signer(exchange_state(context->exchange), &exchange_authority);
    TokenTransfer transfer = {
        .source = accounts.vault,
        .destination = accounts.destination_token_account,
        .authority = context->exchange,
        .token_program = accounts.token_program,
        .amount = amount,
        .authority_signer = &exchange_authority.signer,
    };
    TRY(spl_token_transfer(&transfer));

    WithdrawnEventRecord record = WITHDRAWN_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &accounts.margin_account->key);
    pubkey_copy(&record.event.asset, &accounts.collateral_asset->key);
    record.event.amount = amount;
    record.event.balance_after = balance_after;
    record.event.init_health_after = health.init;
    /* Utilization: per asset (deposits vs cap) and per account (margin in use,
     * maint_requirement, over weighted_collateral). */
    record.event.asset_total_deposits = asset->total_deposits;
    record.event.asset_deposit_cap = asset->deposit_cap;
    record.event.maint_requirement = health.maint_requirement;
    record.event.weighted_collateral = health.weighted_collateral;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
