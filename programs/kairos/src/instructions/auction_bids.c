/* Shared halves of submit_bid and improve_bid (see instructions/auction_bids.h). */
#include "instructions/auction_bids.h"

#include "health/health.h"
#include "orders/price_band.h"
#include "state/auction.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "state/perp_position.h"
#include "validate/accounts.h"
#include "validate/links.h"
#include "validate/risk.h"

/* submit_bid and improve_bid have the same account list (one IDL list). */
_Static_assert(KAIROS_SUBMIT_BID_ACCOUNTS_LEN == KAIROS_IMPROVE_BID_ACCOUNTS_LEN,
               "bid instructions share their accounts");
_Static_assert(KAIROS_SUBMIT_BID_ACCOUNT_AUCTION == KAIROS_IMPROVE_BID_ACCOUNT_AUCTION &&
                   KAIROS_SUBMIT_BID_ACCOUNT_PROVIDER_MARGIN_ACCOUNT ==
                       KAIROS_IMPROVE_BID_ACCOUNT_PROVIDER_MARGIN_ACCOUNT &&
                   KAIROS_SUBMIT_BID_ACCOUNT_PROVIDER == KAIROS_IMPROVE_BID_ACCOUNT_PROVIDER &&
                   KAIROS_SUBMIT_BID_ACCOUNT_PERP_MARKET == KAIROS_IMPROVE_BID_ACCOUNT_PERP_MARKET &&
                   KAIROS_SUBMIT_BID_ACCOUNT_ORACLE == KAIROS_IMPROVE_BID_ACCOUNT_ORACLE,
               "bid instructions share their accounts");
_Static_assert(sizeof(SubmitBidIxArgs) == sizeof(ImproveBidIxArgs), "bid instructions share args");

static u64 validate_auction_bid_args(const AuctionBidContext *bid) {
    const AuctionBidArgs *args = bid->args;
    /* tick_size > 0 is a market invariant (checked at creation). */
    if (args->price == 0 || args->price % bid->market->tick_size != 0) {
        return KAIROS_ERR_PRICE_NOT_ON_TICK;
    }
    if (args->base_lots < bid->market->min_order_lots) {
        return KAIROS_ERR_ORDER_TOO_SMALL;
    }
    /* A bid larger than the auction could never fill in full: refused rather
     * than let size win ties it cannot deliver. */
    if (args->base_lots > bid->auction->size_lots) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    return taker_crosses(bid->auction->side, bid->auction->limit_price, args->price)
               ? KAIROS_OK
               : KAIROS_ERR_BID_OUTSIDE_LIMIT;
}

u64 validate_auction_bid(const AuctionBidAccounts *accounts, AuctionBidContext *out) {
    out->args = accounts->args;
    out->auction_account = accounts->auction;
    out->provider_margin_account = accounts->provider_margin_account;
    out->auction = auction_state(out->auction_account);
    TRY(require_margin_account_owner(margin_account_state(out->provider_margin_account),
                                     accounts->provider));
    out->provider = margin_account_state(out->provider_margin_account);
    if (out->provider->being_liquidated != 0) {
        return KAIROS_ERR_ACCOUNT_BEING_LIQUIDATED;
    }
    /* settle_auction fills several providers in one instruction and cannot
     * take each one's risk accounts (risk/risk.h): no bids from accounts with
     * risk limits. */
    if (out->provider->risk_limits_enabled != 0) {
        return KAIROS_ERR_RISK_LIMITED_AUCTION_PROVIDER;
    }
    if (pubkey_eq(&out->provider_margin_account->key, &out->auction->taker_margin_account)) {
        return KAIROS_ERR_SELF_BID;
    }
    if (!pubkey_eq(&accounts->perp_market->key, &out->auction->market)) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    out->market = perp_market_state(accounts->perp_market);
    if (!pubkey_eq(&out->market->oracle, &accounts->oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    out->oracle = accounts->oracle;
    sol_get_clock_sysvar(&out->clock);
    /* Invariant 6 of state/auction.h. */
    if (out->clock.slot >= out->auction->deadline_slot) {
        return KAIROS_ERR_AUCTION_BIDDING_CLOSED;
    }
    return validate_auction_bid_args(out);
}

u64 validate_auction_bid_band(const InstructionContext *context, const AuctionBidContext *bid) {
    OracleRequirements requirements = perp_market_oracle_requirements(bid->market);
    OraclePrice oracle_price;
    TRY(oracle_read(context->input, bid->oracle, &requirements, &bid->clock, &oracle_price));
    u64 oracle_per_lot;
    PriceBand band;
    if (!market_fill_band(bid->market, &oracle_price,
                          exchange_state(context->exchange)->quote_decimals, &oracle_per_lot,
                          &band)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (bid->args->price < band.low || bid->args->price > band.high) {
        return KAIROS_ERR_PRICE_OUTSIDE_BAND;
    }
    return KAIROS_OK;
}

u64 validate_auction_bid_health(const ProgramInput *input, const AuctionBidContext *bid) {
    u8 provider_side = opposite_side(bid->auction->side);
    PerpPosition *position;
    TRY(perp_position_open(bid->provider, bid->auction->market_index, &position));
    TRY(perp_position_reserve(position, provider_side, bid->args->base_lots, bid->args->price));
    HealthRequest request = {input, KAIROS_SUBMIT_BID_ACCOUNTS_LEN, bid->provider, &bid->clock};
    HealthResult health;
    TRY(require_init_health(&request, &health));
    TRY(perp_position_release(position, provider_side, bid->args->base_lots, bid->args->price));
    /* A slot opened only for the check is freed again (invariant 5 of
     * state/perp_position.h): the account ends unchanged. */
    perp_position_close_if_empty(position);
    return KAIROS_OK;
}
