/*
 * Funding payments of perp markets (docs/ARCHITECTURE.md, "Funding").
 *
 * Quantities (all per lot, quote native units):
 *   oracle sample  = the oracle price per lot (floor);
 *   mark sample    = the book's mid (best bid + best ask) / 2 (floor); with one
 *                    side only, that side's best where it shows a premium (a bid
 *                    above the oracle, an ask below it), else the oracle; an
 *                    empty book is the oracle. Bounded to oracle ± the market's
 *                    mark band.
 *   TWAPs          = time-weighted moving averages over one funding period of
 *                    the samples, each sample held until the next one.
 *   roll delta     = trunc((mark_twap − oracle_twap) × ONE × elapsed / 86,400),
 *                    |delta| ≤ oracle_twap × ONE × max_rate_bps / 10⁴ × elapsed /
 *                    period, elapsed = min(now − last roll, period); 0 when
 *                    paused. ONE = FUNDING_INDEX_ONE.
 *
 * Invariants:
 *  1. funding_index only changes in a roll (update_funding), by the roll's
 *     delta; funding_index_previous is its value before the last roll and
 *     funding_roll_seq the EventQueue seq_num at that roll.
 *  2. A position owes ceil(base_lots × (funding_index − funding_index_snapshot)
 *     / ONE) (rounded towards +∞: against the position, whichever its side),
 *     charged to quote_position (its unsettled PnL) before base_lots changes
 *     and by settle_pnl, which then set the snapshot to funding_index; health
 *     counts what is owed. A slot opened at base 0 owes nothing whatever its
 *     snapshot.
 *  3. A maker fill made before the last roll (seq < funding_roll_seq) and
 *     consumed after it also owes its lots × (funding_index −
 *     funding_index_previous), the funding its taker already counts for the
 *     same lots; a roll is refused while a fill from before the previous roll
 *     waits in the queue (FundingFillsPending), so at most one roll separates
 *     a fill from its consumption.
 *  4. funding_settled_net = Σ charges settled into positions. Longs and shorts
 *     hold equal lots once the queue is drained, so the exact charges sum to 0
 *     and the rounding (< 1 native unit per charge, always in the market's
 *     favour) leaves funding_settled_net ≥ 0 once every position settled: that
 *     residue stays in the pnl_pool (settle_pnl moves it there). Funding never
 *     moves tokens or quote balances: the vault invariant is untouched.
 */
#ifndef KAIROS_FUNDING_FUNDING_H
#define KAIROS_FUNDING_FUNDING_H

#include "generated/kairos_idl.h"
#include "oracle/oracle.h"
#include "oracle/price.h"
#include "sol/pubkey.h"

/* FUNDING_HOOK wraps funding's calls from the shared order and position
 * paths. Built with -DKAIROS_FUNDING_BASELINE (the compute-unit benchmark and
 * its test only), they do nothing, so the cost funding adds to place_order is
 * measured against the same program in the same run. */
#ifdef KAIROS_FUNDING_BASELINE
#define FUNDING_HOOK(call) KAIROS_OK
#else
#define FUNDING_HOOK(call) (call)
#endif

/* The parameters in force (a zero field means its IDL default). */
KAIROS_INLINE u64 funding_period_seconds(const PerpMarket *market) {
    return market->funding_period_seconds != 0 ? market->funding_period_seconds
                                                : KAIROS_DEFAULT_FUNDING_PERIOD_SECONDS;
}
KAIROS_INLINE u64 funding_max_rate_bps(const PerpMarket *market) {
    return market->funding_max_rate_bps != 0 ? market->funding_max_rate_bps
                                              : KAIROS_DEFAULT_FUNDING_MAX_RATE_BPS;
}
KAIROS_INLINE u64 funding_mark_band_bps(const PerpMarket *market) {
    return market->funding_mark_band_bps != 0 ? market->funding_mark_band_bps
                                               : KAIROS_DEFAULT_FUNDING_MARK_BAND_BPS;
}

/* What `position` owes at `funding_index` (invariant 2); negative: it receives. */
u64 funding_pending(const PerpPosition *position, i64 funding_index, i64 *owed);

/* Charge what the position owes to its quote_position, move its snapshot and
 * count the charge in funding_settled_net; a FundingPaid event names
 * `account` (when not NULL) if anything moved. */
u64 funding_settle_position(PerpMarket *market, PerpPosition *position,
                            const SolPubkey *account);

/* Invariant 3: the extra charge of a maker fill consumed after a roll that
 * came between the fill (`seq`) and now. `signed_lots` is the fill's lots,
 * positive for a buy. */
u64 funding_settle_queued_fill(PerpMarket *market, PerpPosition *position, i64 signed_lots,
                               u64 seq, const SolPubkey *account);

/* The mark sample of the book at `oracle_per_lot` (see the file comment). */
u64 funding_mark_price(const PerpMarket *market, const Orderbook *book, u64 oracle_per_lot,
                       u64 *mark);

/* Fold the samples held since the last sample into the TWAPs, then hold
 * these (the first sample sets both TWAPs). */
u64 funding_sample(PerpMarket *market, u64 oracle_per_lot, u64 mark, i64 now);

/* The TWAP sample of an order: oracle price per lot and the book after the
 * order (orders/execute.c calls it once per order). */
u64 funding_sample_book(PerpMarket *market, const Orderbook *book, const OraclePrice *price,
                        u8 quote_decimals, i64 now);

/* The outcome of a roll (update_funding). */
typedef struct FundingRoll {
    i64 delta;
    i64 rate;
    i64 elapsed;
    bool clamped;
    bool paused;
} FundingRoll;

/* The delta of a roll `elapsed` seconds long at the market's TWAPs and
 * parameters (see the file comment); the SDK mirrors it. */
u64 funding_roll_delta(const PerpMarket *market, i64 elapsed, FundingRoll *roll);

#endif /* KAIROS_FUNDING_FUNDING_H */
