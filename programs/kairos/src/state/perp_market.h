/*
 * PerpMarket (PDA ["perp_market", index u16 LE]): seeds, checks, and the
 * conversion of an oracle price into the market's price per lot.
 *
 * Invariants:
 *  1. orderbook / event_queue / oracle are fixed at creation; the Orderbook and
 *     EventQueue store this market's key back (both links are checked).
 *  2. next_order_id only grows: order ids are unique within the market and
 *     order of arrival (time priority in the book).
 *  3. open_interest_lots = Σ over margin accounts of max(base_lots, 0) as
 *     applied so far: the taker's change counts when it trades, each maker's
 *     when its fill is consumed. With the event queue drained it is the
 *     market's open interest (longs = shorts).
 *  4. fees_accrued and pnl_pool are quote native units held in the quote vault
 *     for the market (docs/ARCHITECTURE.md, "the vault invariant").
 *  5. crank_lamports <= the account's lamports above its rent-exempt minimum:
 *     lamports that takers paid in for the crank and that the crank pays out.
 */
#ifndef KAIROS_STATE_PERP_MARKET_H
#define KAIROS_STATE_PERP_MARKET_H

#include "generated/kairos_idl.h"
#include "oracle/oracle.h"
#include "oracle/price.h"
#include "sol/input.h"
#include "validate/accounts.h"


/* The id of a market's first order (0 is never an order id). */
#define FIRST_ORDER_ID 1

_Static_assert(KAIROS_PERP_MARKET_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");
_Static_assert(KAIROS_MAX_PERP_MARKETS <= 0xFFFF, "a market index fits its u16 seed");

KAIROS_INLINE PerpMarket *perp_market_state(AccountView account) {
    return (PerpMarket *)(account_data(account) + DISCRIMINATOR_BYTES);
}

/* What oracle_read must check for this market's oracle. */
KAIROS_INLINE OracleRequirements perp_market_oracle_requirements(const PerpMarket *market) {
    OracleRequirements requirements = {
        .expected_key = &market->oracle,
        .max_staleness_slots = market->max_staleness_slots,
        .max_confidence_bps = market->max_confidence_bps,
    };
    return requirements;
}

/* The oracle price in quote native units per lot, p × base_lot_size ×
 * 10^(exponent + quote_decimals − base_decimals), rounded up when `round_up`
 * (docs/ARCHITECTURE.md, "Units"). False when it exceeds U64_MAX. */
KAIROS_INLINE bool perp_price_per_lot(const PerpMarket *market, const OraclePrice *price,
                                      u8 quote_decimals, bool round_up, u64 *out) {
    i64 exponent =
        price_conversion_exponent(price->exponent, quote_decimals, market->base_decimals);
    /* oracle_read guarantees price > 0, so the cast keeps its value. */
    return scale_by_power_of_ten((u64)price->price, market->base_lot_size, exponent, round_up,
                                 out);
}

#endif /* KAIROS_STATE_PERP_MARKET_H */
