/* Account checks shared by the perp instructions (see validate/perp_accounts.h). */
#include "validate/perp_accounts.h"

#include "generated/kairos_idl.h"
#include "state/event_queue.h"
#include "state/margin_account.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "validate/accounts.h"

u64 require_owned_margin_account(AccountView margin_account, AccountView owner,
                                 const SolPubkey *program_id) {
    TRY(require_writable(margin_account));
    TRY(require_margin_account(margin_account, program_id));
    return require_margin_account_owner(margin_account_state(margin_account), owner);
}

u64 require_perp_market(AccountView market, const SolPubkey *program_id, bool writable) {
    if (writable) {
        TRY(require_writable(market));
    }
    return require_perp_market_account(market, program_id);
}

u64 require_market_orderbook(AccountView orderbook, AccountView market,
                             const SolPubkey *program_id) {
    TRY(require_writable(orderbook));
    TRY(require_orderbook_account(orderbook, program_id));
    if (!pubkey_eq(&perp_market_state(market)->orderbook, &orderbook->key) ||
        !pubkey_eq(&orderbook_state(orderbook)->market, &market->key)) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    return KAIROS_OK;
}

u64 require_market_event_queue(AccountView event_queue, AccountView market,
                               const SolPubkey *program_id) {
    TRY(require_writable(event_queue));
    return require_market_event_queue_readonly(event_queue, market, program_id);
}

u64 require_market_event_queue_readonly(AccountView event_queue, AccountView market,
                                        const SolPubkey *program_id) {
    TRY(require_event_queue_account(event_queue, program_id));
    if (!pubkey_eq(&perp_market_state(market)->event_queue, &event_queue->key) ||
        !pubkey_eq(&event_queue_state(event_queue)->market, &market->key)) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    return KAIROS_OK;
}
