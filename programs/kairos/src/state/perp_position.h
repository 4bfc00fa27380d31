/*
 * Perp position slots of a MarginAccount: finding and opening a slot, applying
 * a fill (base, quote, cost basis, realized PnL) and the open-order
 * reservations that health counts (docs/ARCHITECTURE.md, "Health").
 *
 * Invariants of a slot:
 *  1. An active slot (active == SLOT_ACTIVE) holds the position of market
 *     `market_index`; no two active slots hold the same market; an inactive
 *     slot is all zero. Slots never move: health accounts are listed in slot
 *     order.
 *  2. PnL = base_lots × price_per_lot + quote_position (quote native units):
 *     a buy of l lots at price p adds l to base_lots and subtracts p × l from
 *     quote_position, a sell the reverse; settle_pnl moves PnL out of
 *     quote_position.
 *  3. cost_basis is the entry notional of the open position, signed like
 *     base_lots (0 when base_lots is 0); realized_pnl accumulates, per closing
 *     fill, the closing notional minus the cost basis it closes (fees apart).
 *  4. bids_base_lots / bids_quote (asks_...) are the lots and price × lots of
 *     every resting bid (ask) of the account in this market plus every maker
 *     fill of those orders still in the event queue. They are released when
 *     the order is cancelled or its fill is consumed. They also hold the worst
 *     case (size at the limit price) of every open JIT auction the account is
 *     the taker of, released by settle_auction (state/auction.h, invariant 4).
 *  5. A slot is freed only when base_lots, quote_position and every
 *     reservation are zero, so a pending maker fill always finds its slot.
 *  6. Socialized losses (resolve_bankruptcy): the position owes
 *     |base_lots| × (market socialized_loss_per_lot − loss_index_snapshot)
 *     quote native, charged to quote_position (its unsettled PnL) before
 *     base_lots changes and by settle_pnl, which then set the snapshot to the
 *     market's index; health counts what is owed. The index never decreases.
 *  7. PerpMarket.position_lots is Σ |base_lots| over the market's positions as
 *     applied (a maker fill still in the event queue is not), so a socialized
 *     loss divided by it is charged exactly to the lots that will pay it.
 *  8. Funding (funding/funding.h, invariant 2): the position's funding is
 *     settled into quote_position before every fill applied through
 *     perp_position_apply_market_fill and by settle_pnl; health counts it.
 */
#ifndef KAIROS_STATE_PERP_POSITION_H
#define KAIROS_STATE_PERP_POSITION_H

#include "generated/kairos_idl.h"
#include "state/margin_account.h"

_Static_assert(sizeof(((MarginAccount *)0)->perp_positions) / sizeof(PerpPosition) ==
                   KAIROS_MAX_PERP_POSITIONS,
               "one perp slot per allowed position");

/* The active slot of `market_index`, or NULL. */
PerpPosition *perp_position_find(MarginAccount *account, u16 market_index);

/* The active slot of `market_index`, opening the first free slot when there is
 * none; PerpPositionLimit when every slot is taken. */
u64 perp_position_open(MarginAccount *account, u16 market_index, PerpPosition **out);

/* Nothing left in the slot: no base, no unsettled quote, no reservation. */
bool perp_position_is_empty(const PerpPosition *position);

/* Free the slot when it is empty (invariant 5); a no-op otherwise. */
void perp_position_close_if_empty(PerpPosition *position);

/* A fill of `base_lots` at `price` for the account on `side` (SIDE_BID buys). */
typedef struct PositionFill {
    u64 base_lots;
    u64 price; /* quote native per lot */
    u8 side;
    /* The margin account holding the position, named by the FundingPaid event
     * of the funding settled before the fill (NULL: no event). */
    const SolPubkey *account;
} PositionFill;
_Static_assert(sizeof(PositionFill) == 32, "PositionFill: two words, the side, the account");

/* The socialized loss the position owes at the market's `loss_per_lot` index
 * (invariant 6). */
u64 perp_position_pending_loss(const PerpPosition *position, u64 loss_per_lot, i64 *loss);

/* Charge the pending socialized loss to quote_position and move the snapshot;
 * *charged receives the amount. */
u64 perp_position_apply_socialized_loss(PerpPosition *position, u64 loss_per_lot, i64 *charged);

/* Charge the pending socialized loss at `loss_per_lot` (the market's index,
 * invariant 6), then apply a fill to the position (invariants 2 and 3) and add
 * its realized PnL to *realized_pnl. MathOverflow when a figure leaves its
 * range (the transaction then fails as a whole). */
u64 perp_position_apply_fill(PerpPosition *position, const PositionFill *fill, u64 loss_per_lot,
                             i64 *realized_pnl);

/* Settle the position's funding (invariant 8), then perp_position_apply_fill
 * at the market's socialized-loss index, keeping
 * PerpMarket.position_lots == Σ |base_lots| of the market's applied positions
 * (invariant 7 of this file): what every instruction that fills a position
 * calls. */
u64 perp_position_apply_market_fill(PerpMarket *market, PerpPosition *position,
                                    const PositionFill *fill, i64 *realized_pnl);

/* Reserve (or release) `base_lots` at `price` on `side` (invariant 4).
 * MathOverflow when a reservation would overflow, or when a release exceeds
 * what is reserved (a broken invariant: refused rather than wrapped). */
u64 perp_position_reserve(PerpPosition *position, u8 side, u64 base_lots, u64 price);
u64 perp_position_release(PerpPosition *position, u8 side, u64 base_lots, u64 price);

#endif /* KAIROS_STATE_PERP_POSITION_H */
