/* Account checks of the delegated executions (orders/delegated_execution.h). */
#include "orders/delegated_execution.h"

#include "state/margin_account.h"
#include "state/perp_market.h"

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
