/* Perp position slots (invariants in state/perp_position.h). */
#include "state/perp_position.h"

#include "anchor/errors.h"
#include "funding/funding.h"
#include "math/fixed.h"
#include "state/orderbook.h"

PerpPosition *perp_position_find(MarginAccount *account, u16 market_index) {
    for (u64 i = 0; i < KAIROS_MAX_PERP_POSITIONS; i++) {
        PerpPosition *position = &account->perp_positions[i];
        if (position->active == SLOT_ACTIVE && position->market_index == market_index) {
            return position;
        }
    }
    return NULL;
}

u64 perp_position_open(MarginAccount *account, u16 market_index, PerpPosition **out) {
    PerpPosition *free_slot = NULL;
    for (u64 i = 0; i < KAIROS_MAX_PERP_POSITIONS; i++) {
        PerpPosition *position = &account->perp_positions[i];
        if (position->active != SLOT_ACTIVE) {
            if (free_slot == NULL) {
                free_slot = position;
            }
        } else if (position->market_index == market_index) {
            *out = position;
            return KAIROS_OK;
        }
    }
    if (free_slot == NULL) {
        return KAIROS_ERR_PERP_POSITION_LIMIT;
    }
    /* Invariant 1: a free slot is all zero; only its identity is set. */
    free_slot->market_index = market_index;
    free_slot->active = SLOT_ACTIVE;
    *out = free_slot;
    return KAIROS_OK;
}

bool perp_position_is_empty(const PerpPosition *position) {
    return position->base_lots == 0 && position->quote_position == 0 &&
           position->bids_base_lots == 0 && position->asks_base_lots == 0 &&
           position->bids_quote == 0 && position->asks_quote == 0;
}

void perp_position_close_if_empty(PerpPosition *position) {
    if (perp_position_is_empty(position)) {
        PerpPosition empty = {0};
        *position = empty;
    }
}

/* `magnitude` with the sign of a buy (+) or a sell (-) on `side`. */
static bool signed_for_side(u8 side, u64 magnitude, i64 *out) {
    return i64_from_sign_magnitude(side == SIDE_ASK, magnitude, out);
}

u64 perp_position_pending_loss(const PerpPosition *position, u64 loss_per_lot, i64 *loss) {
    u64 owed_per_lot;
    u64 owed;
    /* Invariant 6: the index never decreases, so it is >= every snapshot. */
    if (!u64_checked_sub(loss_per_lot, position->loss_index_snapshot, &owed_per_lot) ||
        !u64_checked_mul(i64_unsigned_abs(position->base_lots), owed_per_lot, &owed) ||
        !u64_to_i64(owed, loss)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

u64 perp_position_apply_socialized_loss(PerpPosition *position, u64 loss_per_lot, i64 *charged) {
    i64 loss;
    TRY(perp_position_pending_loss(position, loss_per_lot, &loss));
    *charged = loss;
    if (!i64_checked_sub(position->quote_position, loss, &position->quote_position)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    position->loss_index_snapshot = loss_per_lot;
    return KAIROS_OK;
}

u64 perp_position_apply_market_fill(PerpMarket *market, PerpPosition *position,
                                    const PositionFill *fill, i64 *realized_pnl) {
    u64 lots_before = i64_unsigned_abs(position->base_lots);
    TRY(FUNDING_HOOK(funding_settle_position(market, position, fill->account)));
    TRY(perp_position_apply_fill(position, fill, market->socialized_loss_per_lot, realized_pnl));
    u64 others;
    /* Invariant 7: this position's lots are part of the market's total. */
    if (!u64_checked_sub(market->position_lots, lots_before, &others) ||
        !u64_checked_add(others, i64_unsigned_abs(position->base_lots), &market->position_lots)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

u64 perp_position_apply_fill(PerpPosition *position, const PositionFill *fill, u64 loss_per_lot,
                             i64 *realized_pnl) {
    i64 socialized;
    TRY(perp_position_apply_socialized_loss(position, loss_per_lot, &socialized));
    u64 notional;
    i64 signed_lots;
    i64 signed_notional; /* what the fill adds to the cost basis of a new position */
    i64 base_after;
    i64 quote_after;
    if (!u64_checked_mul(fill->price, fill->base_lots, &notional) ||
        !signed_for_side(fill->side, fill->base_lots, &signed_lots) ||
        !signed_for_side(fill->side, notional, &signed_notional) ||
        !i64_checked_add(position->base_lots, signed_lots, &base_after) ||
        /* The buyer pays the notional out of its quote position. */
        !i64_checked_sub(position->quote_position, signed_notional, &quote_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }

    i64 base_before = position->base_lots;
    i64 cost_basis_after;
    i64 realized = 0;
    bool increases = base_before == 0 || (base_before > 0) == (fill->side == SIDE_BID);
    if (increases) {
        if (!i64_checked_add(position->cost_basis, signed_notional, &cost_basis_after)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
    } else {
        /* The fill closes up to |base_before| lots, and opens the rest on the
         * other side (a flip). */
        u64 open_magnitude = i64_unsigned_abs(base_before);
        u64 closed_lots = fill->base_lots < open_magnitude ? fill->base_lots : open_magnitude;
        u64 opened_lots = fill->base_lots - closed_lots;
        i64 closed_cost; /* the share of the cost basis that the closed lots carried */
        if (closed_lots == open_magnitude) {
            closed_cost = position->cost_basis;
        } else if (!i64_mul_div_trunc(position->cost_basis, closed_lots, open_magnitude,
                                      &closed_cost)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        /* Closing notional, signed like the position it closes: a long sells
         * (receives), a short buys back (pays). */
        u64 closing_notional;
        u64 opening_notional;
        i64 closing_value;
        i64 opened_cost;
        i64 remaining_cost;
        if (!u64_checked_mul(fill->price, closed_lots, &closing_notional) ||
            !u64_checked_mul(fill->price, opened_lots, &opening_notional) ||
            !i64_from_sign_magnitude(base_before < 0, closing_notional, &closing_value) ||
            !i64_checked_sub(closing_value, closed_cost, &realized) ||
            !i64_checked_sub(position->cost_basis, closed_cost, &remaining_cost) ||
            !signed_for_side(fill->side, opening_notional, &opened_cost) ||
            !i64_checked_add(remaining_cost, opened_cost, &cost_basis_after)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
    }
    i64 realized_total;
    if (!i64_checked_add(*realized_pnl, realized, &realized_total) ||
        !i64_checked_add(position->realized_pnl, realized, &position->realized_pnl)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    *realized_pnl = realized_total;
    position->base_lots = base_after;
    position->quote_position = quote_after;
    position->cost_basis = cost_basis_after;
    return KAIROS_OK;
}

/* The reservation counters of `side`. */
static void reservation_fields(PerpPosition *position, u8 side, u64 **lots, u64 **quote) {
    *lots = side == SIDE_BID ? &position->bids_base_lots : &position->asks_base_lots;
    *quote = side == SIDE_BID ? &position->bids_quote : &position->asks_quote;
}

u64 perp_position_reserve(PerpPosition *position, u8 side, u64 base_lots, u64 price) {
    u64 *lots;
    u64 *quote;
    reservation_fields(position, side, &lots, &quote);
    u64 notional;
    u64 lots_after;
    u64 quote_after;
    if (!u64_checked_mul(price, base_lots, &notional) ||
        !u64_checked_add(*lots, base_lots, &lots_after) ||
        !u64_checked_add(*quote, notional, &quote_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    *lots = lots_after;
    *quote = quote_after;
    return KAIROS_OK;
}

u64 perp_position_release(PerpPosition *position, u8 side, u64 base_lots, u64 price) {
    u64 *lots;
    u64 *quote;
    reservation_fields(position, side, &lots, &quote);
    u64 notional;
    u64 lots_after;
    u64 quote_after;
    if (!u64_checked_mul(price, base_lots, &notional) ||
        !u64_checked_sub(*lots, base_lots, &lots_after) ||
        !u64_checked_sub(*quote, notional, &quote_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    *lots = lots_after;
    *quote = quote_after;
    return KAIROS_OK;
}
