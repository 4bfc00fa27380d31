/* has-one links between an instruction's accounts (see validate/links.h). */
#include "validate/links.h"

#include "risk/risk.h"
#include "state/collateral_asset.h"
#include "state/event_queue.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "validate/accounts.h"
#include "validate/program_accounts.h"
#include "validate/token.h"

u64 require_margin_account_owner(const MarginAccount *account, AccountView owner) {
    return pubkey_eq(&account->owner, &owner->key) ? KAIROS_OK : KAIROS_ERR_UNAUTHORIZED;
}

u64 require_market_orderbook_link(AccountView orderbook, AccountView market) {
    if (!pubkey_eq(&perp_market_state(market)->orderbook, &orderbook->key) ||
        !pubkey_eq(&orderbook_state(orderbook)->market, &market->key)) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    return KAIROS_OK;
}

u64 require_market_event_queue_link(AccountView event_queue, AccountView market) {
    if (!pubkey_eq(&perp_market_state(market)->event_queue, &event_queue->key) ||
        !pubkey_eq(&event_queue_state(event_queue)->market, &market->key)) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    return KAIROS_OK;
}

u64 require_linked_trigger(const TriggerOrder *trigger, AccountView linked,
                           const SolPubkey *program_id, AccountView *partner) {
    *partner = NULL;
    if (pubkey_is_zero(&trigger->linked_trigger)) {
        return pubkey_eq(&linked->key, program_id) ? KAIROS_OK
                                                   : KAIROS_ERR_LINKED_TRIGGER_MISMATCH;
    }
    if (!pubkey_eq(&linked->key, &trigger->linked_trigger)) {
        return KAIROS_ERR_LINKED_TRIGGER_MISMATCH;
    }
    TRY(require_writable(linked));
    /* Invariant 3: a linked partner is live whenever this order is. */
    TRY(require_live_trigger_order(linked, program_id));
    *partner = linked;
    return KAIROS_OK;
}

u64 require_insurance_accounts(const Exchange *exchange, const InsuranceAccounts *accounts) {
    TRY(require_quote_asset_index(accounts->quote_asset));
    TRY(require_key(accounts->quote_vault, &exchange->quote_vault));
    TRY(require_key(accounts->insurance_vault, &exchange->insurance_vault));
    /* Both are token accounts the program created: read their amount safely. */
    TRY(require_token_account_of_mint(accounts->quote_vault, &exchange->quote_mint));
    return require_token_account_of_mint(accounts->insurance_vault, &exchange->quote_mint);
}

/* ---- validation: each handler runs its generated loader, then these ---- */

u64 require_order_market_links(const OrderPathAccounts *accounts, AccountView oracle) {
    if (margin_account_state(accounts->margin_account)->being_liquidated != 0) {
        return KAIROS_ERR_ACCOUNT_BEING_LIQUIDATED;
    }
    TRY(require_market_orderbook_link(accounts->orderbook, accounts->perp_market));
    TRY(require_market_event_queue_link(accounts->event_queue, accounts->perp_market));
    const PerpMarket *market = perp_market_state(accounts->perp_market);
    /* oracle_read checks owner, discriminator and this link again; checked here
     * first so a wrong oracle is reported as such whatever else is wrong. */
    if (!pubkey_eq(&market->oracle, &oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    return KAIROS_OK;
}

u64 require_execution_links(const ExecutionAccounts *accounts, const ExecutionLinks *links) {
    if (!pubkey_eq(&accounts->margin_account->key, links->margin_account)) {
        return KAIROS_ERR_MARGIN_ACCOUNT_MISMATCH;
    }
    if (margin_account_state(accounts->margin_account)->being_liquidated != 0) {
        return KAIROS_ERR_ACCOUNT_BEING_LIQUIDATED;
    }
    if (!pubkey_eq(&accounts->perp_market->key, links->market)) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    TRY(require_market_orderbook_link(accounts->orderbook, accounts->perp_market));
    TRY(require_market_event_queue_link(accounts->event_queue, accounts->perp_market));
    if (!pubkey_eq(&perp_market_state(accounts->perp_market)->oracle, &accounts->oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    return KAIROS_OK;
}

u64 require_risk_accounts(const SolPubkey *program_id, AccountView margin_account,
                          AccountView risk_limits, AccountView risk_parameters, bool writable) {
    if (require_risk_limits(risk_limits, program_id) != KAIROS_OK ||
        require_risk_parameters(risk_parameters, program_id) != KAIROS_OK) {
        return KAIROS_ERR_RISK_ACCOUNTS_MISSING;
    }
    if (!pubkey_eq(&risk_limits_state(risk_limits)->margin_account, &margin_account->key)) {
        return KAIROS_ERR_RISK_ACCOUNTS_MISMATCH;
    }
    return writable ? require_writable(risk_limits) : KAIROS_OK;
}
