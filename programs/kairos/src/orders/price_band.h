/*
 * Price bands around the oracle (docs/ARCHITECTURE.md, "Price bands"). Every
 * fill of a market happens within its fill band, and an order may rest only
 * within its resting band:
 *
 *   fill band  [oracle × (1 − fill_band), oracle × (1 + fill_band)]
 *   rest band  bids in [oracle × (1 − rest_band), fill high],
 *              asks in [fill low, oracle × (1 + rest_band)]
 *
 * with the oracle price per lot rounded down and the band ends rounded outward
 * (low down, high up): a band never excludes the oracle price itself. Why:
 * two colluding accounts can move value between them only through a fill's
 * distance from the oracle; bounding it bounds what one can hand the other,
 * and the health rule of execute_order (no exempt order may lower maintenance
 * health) keeps the giving side from walking away with a debt. The resting
 * band keeps orders that could never fill (dust at absurd prices) out of the
 * book; a resting order left outside the fill band by an oracle move is taken
 * out of the book by the matching loop with an Out event instead of filling.
 */
#ifndef KAIROS_ORDERS_PRICE_BAND_H
#define KAIROS_ORDERS_PRICE_BAND_H

#include "generated/kairos_idl.h"
#include "math/fixed.h"
#include "oracle/oracle.h"
#include "state/perp_market.h"

/* The resting band a market gets at creation when the admin has not set one:
 * wide enough for deep passive liquidity, narrow enough that dust at absurd
 * prices is refused. */
#define DEFAULT_REST_BAND_BPS 5000U
/* The widest band the admin may set (u16 bps): a bid may then rest or fill up
 * to 7.5 × the oracle, which only tests of matching mechanics need. */
#define MAX_PRICE_BAND_BPS 0xFFFFU

/* An inclusive range of prices per lot. */
typedef struct PriceBand {
    u64 low;
    u64 high;
} PriceBand;

/* The market's fill band in bps. A market whose band fields are zero (crafted
 * or created before bands existed) uses its initial margin, Drift's rule: a
 * fill off the oracle by less than the initial margin moves less value than
 * the margin the taker had to post for it. */
KAIROS_INLINE u16 market_fill_band_bps(const PerpMarket *market) {
    return market->fill_band_bps != 0 ? market->fill_band_bps : market->init_margin_bps;
}

/* The market's resting band in bps (never narrower than the fill band). */
KAIROS_INLINE u16 market_rest_band_bps(const PerpMarket *market) {
    u16 fill = market_fill_band_bps(market);
    u16 rest = market->rest_band_bps != 0 ? market->rest_band_bps : (u16)DEFAULT_REST_BAND_BPS;
    return rest > fill ? rest : fill;
}

/* The smallest order that may rest (never below the minimum order size). */
KAIROS_INLINE u64 market_min_rest_lots(const PerpMarket *market) {
    return market->min_rest_lots > market->min_order_lots ? market->min_rest_lots
                                                          : market->min_order_lots;
}

/* [oracle_per_lot × (1 − bps), oracle_per_lot × (1 + bps)], low rounded down
 * (0 when bps >= 100 %), high rounded up. False on overflow. */
KAIROS_INLINE bool price_band_around(u64 oracle_per_lot, u16 bps, PriceBand *band) {
    u64 below = bps >= BPS_PER_UNIT ? 0 : BPS_PER_UNIT - bps;
    return mul_div_floor(oracle_per_lot, below, BPS_PER_UNIT, &band->low) &&
           mul_div_ceil(oracle_per_lot, BPS_PER_UNIT + bps, BPS_PER_UNIT, &band->high);
}

/* The market's fill band around a validated oracle price; *oracle_per_lot
 * receives the oracle price per lot it is built on (rounded down). False on
 * overflow. The one place every fill band is computed: the order path, bids
 * and auction settlement. */
KAIROS_INLINE bool market_fill_band(const PerpMarket *market, const OraclePrice *price,
                                    u8 quote_decimals, u64 *oracle_per_lot, PriceBand *band) {
    return perp_price_per_lot(market, price, quote_decimals, false, oracle_per_lot) &&
           price_band_around(*oracle_per_lot, market_fill_band_bps(market), band);
}

/* True when a resting order at `price` on `side` lies in the resting band:
 * not past the fill band towards the other side, not past the rest band away
 * from it. */
KAIROS_INLINE bool price_may_rest(u8 side, u64 price, const PriceBand *fill,
                                  const PriceBand *rest) {
    return side == KAIROS_SIDE_BID ? price <= fill->high && price >= rest->low
                                   : price >= fill->low && price <= rest->high;
}

#endif /* KAIROS_ORDERS_PRICE_BAND_H */
