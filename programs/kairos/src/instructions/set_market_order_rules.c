/*
 * set_market_order_rules (admin): a perp market's price bands around the
 * oracle and its minimum resting order size (orders/price_band.h,
 * docs/ARCHITECTURE.md "Price bands"). Takes effect for the next order: a
 * resting order that the new bands leave outside the fill band is taken out of
 * the book when matching meets it, never filled.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "orders/price_band.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "state/perp_market.h"
#include "validate/links.h"

u64 process_set_market_order_rules(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetMarketOrderRules");
    SetMarketOrderRulesIxAccounts accounts;
    TRY(load_set_market_order_rules_accounts(input, &accounts));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    AccountView market_account = accounts.perp_market;
    PerpMarket *market = perp_market_state(market_account);
    const SetMarketOrderRulesIxArgs *args = accounts.args;
    /* 0 < fill <= rest (a band of zero would stop all trading; the resting
     * band must admit every price that can fill), and a resting order is
     * never smaller than the smallest order. */
    if (args->fill_band_bps == 0 || args->rest_band_bps < args->fill_band_bps ||
        args->min_rest_lots < market->min_order_lots) {
        return KAIROS_ERR_INVALID_PRICE_BANDS;
    }
    market->fill_band_bps = args->fill_band_bps;
    market->rest_band_bps = args->rest_band_bps;
    market->min_rest_lots = args->min_rest_lots;

    MarketOrderRulesSetEventRecord record = MARKET_ORDER_RULES_SET_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.market, &market_account->key);
    record.event.fill_band_bps = args->fill_band_bps;
    record.event.rest_band_bps = args->rest_band_bps;
    record.event.min_rest_lots = args->min_rest_lots;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
