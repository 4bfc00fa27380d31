/* Funding payments (invariants in funding/funding.h). */
#include "funding/funding.h"

#include "anchor/errors.h"
#include "anchor/event.h"
#include "math/fixed.h"
#include "state/perp_market.h"

/* ceil(lots × index_delta / ONE): towards +∞, against whoever owes. */
static bool funding_owed(i64 lots, i64 index_delta, i64 *owed) {
    if (lots == 0 || index_delta == 0) {
        *owed = 0;
        return true;
    }
    i64 signed_lots = lots;
    if (index_delta < 0 && !i64_checked_neg(lots, &signed_lots)) {
        return false;
    }
    return i64_mul_div_ceil(signed_lots, i64_unsigned_abs(index_delta), KAIROS_FUNDING_INDEX_ONE,
                            owed);
}

u64 funding_pending(const PerpPosition *position, i64 funding_index, i64 *owed) {
    i64 index_delta;
    if (!i64_checked_sub(funding_index, position->funding_index_snapshot, &index_delta) ||
        !funding_owed(position->base_lots, index_delta, owed)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

/* Charge `owed` to the position's unsettled PnL, count it, and log it. */
static u64 funding_charge(PerpMarket *market, PerpPosition *position, i64 owed,
                          const SolPubkey *account) {
    if (owed == 0) {
        return KAIROS_OK;
    }
    i64 quote_after;
    i64 settled_after;
    if (!i64_checked_sub(position->quote_position, owed, &quote_after) ||
        !i64_checked_add(market->funding_settled_net, owed, &settled_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    position->quote_position = quote_after;
    market->funding_settled_net = settled_after;
    if (account != NULL) {
        FundingPaidEventRecord record = FUNDING_PAID_EVENT_RECORD_INIT;
        pubkey_copy(&record.event.margin_account, account);
        record.event.market_index = market->index;
        record.event.amount = owed;
        record.event.base_lots = position->base_lots;
        record.event.funding_index = market->funding_index;
        EMIT_EVENT(record);
    }
    return KAIROS_OK;
}

u64 funding_settle_position(PerpMarket *market, PerpPosition *position,
                            const SolPubkey *account) {
    i64 owed;
    TRY(funding_pending(position, market->funding_index, &owed));
    position->funding_index_snapshot = market->funding_index;
    return funding_charge(market, position, owed, account);
}

u64 funding_settle_queued_fill(PerpMarket *market, PerpPosition *position, i64 signed_lots,
                               u64 seq, const SolPubkey *account) {
    if (seq >= market->funding_roll_seq) {
        return KAIROS_OK; /* made after the last roll: its lots start at the index */
    }
    i64 index_delta;
    i64 owed;
    if (!i64_checked_sub(market->funding_index, market->funding_index_previous, &index_delta) ||
        !funding_owed(signed_lots, index_delta, &owed)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return funding_charge(market, position, owed, account);
}

u64 funding_mark_price(const PerpMarket *market, const Orderbook *book, u64 oracle_per_lot,
                       u64 *mark) {
    bool has_bid = book->bid_count != 0;
    bool has_ask = book->ask_count != 0;
    u64 best_bid = has_bid ? book->bids[book->bid_count - 1].price : 0;
    u64 best_ask = has_ask ? book->asks[book->ask_count - 1].price : 0;
    u64 raw = oracle_per_lot;
    if (has_bid && has_ask) {
        /* No overflow: (a + b) / 2 as a / 2 + b / 2 + both low bits. */
        raw = best_bid / 2 + best_ask / 2 + (best_bid & best_ask & 1);
    } else if (has_bid && best_bid > oracle_per_lot) {
        raw = best_bid;
    } else if (has_ask && best_ask < oracle_per_lot) {
        raw = best_ask;
    }
    u64 band_bps = funding_mark_band_bps(market);
    u64 bound;
    if (raw > oracle_per_lot) {
        if (!mul_div_floor(oracle_per_lot, BPS_PER_UNIT + band_bps, BPS_PER_UNIT, &bound)) {
            bound = U64_MAX;
        }
        *mark = raw < bound ? raw : bound;
    } else if (raw < oracle_per_lot) {
        u64 factor = band_bps >= BPS_PER_UNIT ? 0 : BPS_PER_UNIT - band_bps;
        if (!mul_div_ceil(oracle_per_lot, factor, BPS_PER_UNIT, &bound)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        *mark = raw > bound ? raw : bound;
    } else {
        *mark = raw;
    }
    return KAIROS_OK;
}

/* (twap × (period − dt) + held × dt) / period, floor; unchanged when the held
 * sample equals the average. */
static bool funding_twap_fold(u64 twap, u64 held, u64 dt, u64 period, u64 *out) {
    if (held == twap) {
        *out = twap;
        return true;
    }
    u128 weighted;
    u64 remainder;
    if (!u128_checked_add(u64_widening_mul(twap, period - dt), u64_widening_mul(held, dt),
                          &weighted)) {
        return false;
    }
    return u128_div_u64_narrow(weighted, period, out, &remainder);
}

u64 funding_sample(PerpMarket *market, u64 oracle_per_lot, u64 mark, i64 now) {
    if (market->funding_sampled == 0) {
        market->oracle_twap = oracle_per_lot;
        market->mark_twap = mark;
        market->funding_sampled = 1;
        market->funding_twap_ts = now;
    } else if (now > market->funding_twap_ts) {
        u64 period = funding_period_seconds(market);
        u64 dt = (u64)(now - market->funding_twap_ts);
        if (dt > period) {
            dt = period;
        }
        if (!funding_twap_fold(market->oracle_twap, market->last_oracle_sample, dt, period,
                               &market->oracle_twap) ||
            !funding_twap_fold(market->mark_twap, market->last_mark_sample, dt, period,
                               &market->mark_twap)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
    }
    if (now > market->funding_twap_ts) {
        market->funding_twap_ts = now;
    }
    market->last_oracle_sample = oracle_per_lot;
    market->last_mark_sample = mark;
    return KAIROS_OK;
}

u64 funding_sample_book(PerpMarket *market, const Orderbook *book, const OraclePrice *price,
                        u8 quote_decimals, i64 now) {
    u64 oracle_per_lot;
    u64 mark;
    if (!perp_price_per_lot(market, price, quote_decimals, false, &oracle_per_lot)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    TRY(funding_mark_price(market, book, oracle_per_lot, &mark));
    return funding_sample(market, oracle_per_lot, mark, now);
}

u64 funding_roll_delta(const PerpMarket *market, i64 elapsed, FundingRoll *roll) {
    roll->elapsed = elapsed;
    roll->delta = 0;
    roll->rate = 0;
    roll->clamped = false;
    roll->paused = market->funding_paused != 0;
    if (roll->paused || elapsed <= 0 || market->oracle_twap == 0) {
        return KAIROS_OK;
    }
    i64 mark_twap;
    i64 oracle_twap;
    i64 premium;
    u64 scale; /* ONE × elapsed: elapsed ≤ MAX_FUNDING_PERIOD_SECONDS, no overflow */
    i64 delta;
    u64 cap;
    if (!u64_to_i64(market->mark_twap, &mark_twap) ||
        !u64_to_i64(market->oracle_twap, &oracle_twap) ||
        !i64_checked_sub(mark_twap, oracle_twap, &premium) ||
        !u64_checked_mul(KAIROS_FUNDING_INDEX_ONE, (u64)elapsed, &scale) ||
        !i64_mul_div_trunc(premium, scale, KAIROS_FUNDING_PREMIUM_DAY_SECONDS, &delta) ||
        /* cap = oracle_twap × max_rate_bps / 10⁴ × ONE × elapsed / period */
        !mul_div_by_product_floor(market->oracle_twap,
                                  funding_max_rate_bps(market) *
                                      (KAIROS_FUNDING_INDEX_ONE / BPS_PER_UNIT) * (u64)elapsed,
                                  funding_period_seconds(market), 1, &cap)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (i64_unsigned_abs(delta) > cap) {
        roll->clamped = true;
        if (!i64_from_sign_magnitude(delta < 0, cap, &delta)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
    }
    roll->delta = delta;
    /* The rate of the period, in ONE units of the oracle price. */
    if (!i64_mul_div_trunc(delta, 1, market->oracle_twap, &roll->rate)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}
