/* Account checks of the delegated executions (orders/execution.h). */
#include "orders/execution.h"

#include "state/margin_account.h"
#include "state/perp_market.h"
#include "validate/accounts.h"
#include "validate/perp_accounts.h"

/* Both execution instructions list their accounts identically. */
_Static_assert(KAIROS_EXECUTE_TWAP_SLICE_ACCOUNTS_LEN == KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNTS_LEN,
               "same account count");
_Static_assert(KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_TWAP_ORDER ==
                   KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_SCHEDULED_ORDER,
               "order account at the same index");
_Static_assert(KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_MARGIN_ACCOUNT ==
                       KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_MARGIN_ACCOUNT &&
                   KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_PERP_MARKET ==
                       KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_PERP_MARKET &&
                   KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_ORDERBOOK ==
                       KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_ORDERBOOK &&
                   KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_EVENT_QUEUE ==
                       KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_EVENT_QUEUE &&
                   KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_ORACLE ==
                       KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_ORACLE &&
                   KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_KEEPER ==
                       KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_KEEPER,
               "the other accounts at the same indices");

u64 execution_accounts_load(const ProgramInput *input, ExecutionAccounts *out) {
    TRY(require_account_count(input->account_count, KAIROS_EXECUTE_TWAP_SLICE_ACCOUNTS_LEN));
    out->order = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_TWAP_ORDER];
    out->margin_account = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_MARGIN_ACCOUNT];
    out->perp_market = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_PERP_MARKET];
    out->orderbook = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_ORDERBOOK];
    out->event_queue = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_EVENT_QUEUE];
    out->oracle = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_ORACLE];
    out->keeper = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_KEEPER];
    return KAIROS_OK;
}

u64 require_execution_accounts(const ProgramInput *input, const ExecutionAccounts *accounts,
                               const ExecutionLinks *links) {
    TRY(require_signer(accounts->keeper));
    TRY(require_writable(accounts->keeper));
    TRY(require_writable(accounts->margin_account));
    TRY(require_margin_account(accounts->margin_account, input->program_id));
    if (!pubkey_eq(&accounts->margin_account->key, links->margin_account)) {
        return KAIROS_ERR_MARGIN_ACCOUNT_MISMATCH;
    }
    if (margin_account_state(accounts->margin_account)->being_liquidated != 0) {
        return KAIROS_ERR_ACCOUNT_BEING_LIQUIDATED;
    }
    TRY(require_perp_market(accounts->perp_market, input->program_id, true));
    if (!pubkey_eq(&accounts->perp_market->key, links->market)) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    TRY(require_market_orderbook(accounts->orderbook, accounts->perp_market, input->program_id));
    TRY(require_market_event_queue(accounts->event_queue, accounts->perp_market,
                                   input->program_id));
    if (!pubkey_eq(&perp_market_state(accounts->perp_market)->oracle, &accounts->oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    return KAIROS_OK;
}

void execution_order_accounts(const ExecutionAccounts *accounts, OrderPathAccounts *out) {
    out->margin_account = accounts->margin_account;
    out->crank_payer = accounts->order;
    out->perp_market = accounts->perp_market;
    out->orderbook = accounts->orderbook;
    out->event_queue = accounts->event_queue;
    out->system_program = NULL;
    out->fixed_account_count = KAIROS_EXECUTE_TWAP_SLICE_ACCOUNTS_LEN;
    out->crank_payer_owned = true;
}
