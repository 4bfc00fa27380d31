/*
 * settle_auction: permissionless from the deadline on (earlier only when the
 * settler is the taker's owner: the taker accepts the bids as they stand).
 * Remaining accounts: for each bid the settlement reaches, best first, the
 * provider's margin account (writable) followed by its health accounts as
 * they are after the fill (with the auction's market); a closed provider's
 * address alone.
 *
 * Winners: live bids by rank (state/auction.h: price, then lots, then seq),
 * each filling min(its lots, what is left) until size_lots is filled. A
 * provider whose initial health fails with its fill applied, whose health
 * cannot be measured (an oracle of one of its positions too old or too wide),
 * or whose margin account is closed (invariant 7 of state/auction.h: passed as
 * its address alone) is skipped (AuctionBidSkipped) and the next bid fills
 * instead: no provider can make the settlement fail. When the lots that would
 * fill are fewer than min_fill_lots, nothing trades.
 *
 * Two passes, so a skipped provider and a failed minimum fill leave no trace:
 * pass 1 applies each fill to the provider, measures health, and restores the
 * provider's touched fields; pass 2 applies the chosen fills for good.
 *
 * Fills are applied to both sides here, as an order-book fill is applied by
 * place_order (taker) and consume_events (maker): positions, cost basis,
 * realized PnL, taker fee on the taker, maker fee (or rebate) on each
 * provider, stats, open interest (invariant 3 of state/perp_market.h). Fees
 * move between quote balances and fees_accrued, so the vault invariant holds.
 *
 * The taker's auction reservation is released (invariant 4 of
 * state/auction.h). The unfilled rest is cancelled, or, with AuctionRest.Book,
 * rests in the book as a limit order at the limit price when that does not
 * cross the opposite side and an open-order slot and book room are free (no
 * matching here; otherwise the rest is cancelled: rest_order_id = 0). The
 * settler gets the escrowed reward, the taker's owner the Auction's rent, and
 * the Auction is closed.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "health/health.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "orders/price_band.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/auction.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/open_orders.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "state/perp_position.h"
#include "validate/links.h"
#include "validate/program_accounts.h"

/* One chosen fill: the bid, where its provider's account is, and its lots. */
typedef struct AuctionAllocation {
    u64 account_index;
    u64 base_lots;
    u8 bid_index;
} AuctionAllocation;

typedef struct SettleAuctionState {
    const ProgramInput *input;
    const SettleAuctionIxAccounts *accounts;
    Auction *auction;
    MarginAccount *taker;
    PerpMarket *market;
    SolClock clock;
    PriceBand fill_band; /* the market's, around the oracle at settlement */
    AuctionAllocation allocations[KAIROS_MAX_AUCTION_BIDS];
    u32 allocation_count;
    u64 filled_lots;
    u64 filled_quote;
    i64 taker_realized;
} SettleAuctionState;

/* What a provider's fill may change, saved to restore after pass 1's trial. */
typedef struct ProviderSnapshot {
    PerpPosition perp_positions[KAIROS_MAX_PERP_POSITIONS];
    AccountStats stats;
    i64 quote_balance;
} ProviderSnapshot;

/* ---- validation ---- */

static u64 validate_settle_auction(const SettleAuctionIxAccounts *accounts) {
    /* has-one: the auction's taker account and owner, its market, the market's
     * oracle and book. */
    const Auction *auction = auction_state(accounts->auction);
    if (!pubkey_eq(&accounts->taker_margin_account->key, &auction->taker_margin_account) ||
        !pubkey_eq(&accounts->taker_owner->key, &auction->taker_owner)) {
        return ANCHOR_CONSTRAINT_HAS_ONE;
    }
    if (!pubkey_eq(&accounts->perp_market->key, &auction->market)) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    if (!pubkey_eq(&perp_market_state(accounts->perp_market)->oracle, &accounts->oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    return require_market_orderbook_link(accounts->orderbook, accounts->perp_market);
}

/* The market's fill band around a fresh oracle price (orders/price_band.h).
 * A stale or too-wide oracle fails the settlement (it can be retried once the
 * oracle is fresh; expire_auction frees the taker after the grace). */
static u64 read_fill_band(const InstructionContext *context, SettleAuctionState *state) {
    OracleRequirements requirements = perp_market_oracle_requirements(state->market);
    OraclePrice oracle_price;
    TRY(oracle_read(context->input, state->accounts->oracle, &requirements, &state->clock,
                    &oracle_price));
    u64 oracle_per_lot;
    if (!market_fill_band(state->market, &oracle_price,
                          exchange_state(context->exchange)->quote_decimals, &oracle_per_lot,
                          &state->fill_band)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

/* ---- fills ---- */

/* The maker fee of a provider's fill, signed (negative: a rebate), rounded
 * toward the program: a fee up, a rebate's magnitude down. */
static u64 auction_maker_fee(const PerpMarket *market, u64 notional, i64 *fee) {
    return i64_mul_div_ceil(market->maker_fee_bps, notional, BPS_PER_UNIT, fee)
               ? KAIROS_OK
               : KAIROS_ERR_MATH_OVERFLOW;
}

/* max(base_lots, 0): what a position adds to open interest. */
KAIROS_INLINE u64 auction_long_lots(i64 base_lots) {
    return base_lots > 0 ? (u64)base_lots : 0;
}

/* Invariant 3 of state/perp_market.h: an account's long part moves from
 * `before` to `after` (no cap here: open_auction checked the worst case). */
static u64 auction_move_open_interest(PerpMarket *market, i64 before, i64 after) {
    u64 without;
    return u64_checked_sub(market->open_interest_lots, auction_long_lots(before), &without) &&
                   u64_checked_add(without, auction_long_lots(after), &market->open_interest_lots)
               ? KAIROS_OK
               : KAIROS_ERR_MATH_OVERFLOW;
}

/* Apply the provider's side of a fill: position, maker fee (into the market's
 * fees, or a rebate out of them), stats. *position and *fee report it. */
static u64 apply_provider_fill(SettleAuctionState *state, MarginAccount *provider,
                               const PositionFill *fill, PerpPosition **position, i64 *fee) {
    TRY(perp_position_open(provider, state->market->index, position));
    i64 realized = 0;
    TRY(perp_position_apply_market_fill(state->market, *position, fill, &realized));
    u64 notional;
    i64 balance_after;
    i64 fees_after;
    AccountStats *stats = &provider->stats;
    if (!u64_checked_mul(fill->price, fill->base_lots, &notional)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    TRY(auction_maker_fee(state->market, notional, fee));
    if (!i64_checked_sub(provider->quote_balance, *fee, &balance_after) ||
        !i64_checked_add(state->market->fees_accrued, *fee, &fees_after) ||
        !i64_checked_add(stats->fees_paid, *fee, &stats->fees_paid) ||
        !u64_checked_add(stats->volume_quote, notional, &stats->volume_quote) ||
        !u64_checked_add(stats->fill_count, 1, &stats->fill_count) ||
        !i64_checked_add(stats->realized_pnl, realized, &stats->realized_pnl)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    provider->quote_balance = balance_after;
    state->market->fees_accrued = fees_after;
    return KAIROS_OK;
}

static void snapshot_provider(const MarginAccount *provider, ProviderSnapshot *snapshot) {
    for (u32 i = 0; i < KAIROS_MAX_PERP_POSITIONS; i++) {
        snapshot->perp_positions[i] = provider->perp_positions[i];
    }
    snapshot->stats = provider->stats;
    snapshot->quote_balance = provider->quote_balance;
}

static void restore_provider(MarginAccount *provider, const ProviderSnapshot *snapshot) {
    for (u32 i = 0; i < KAIROS_MAX_PERP_POSITIONS; i++) {
        provider->perp_positions[i] = snapshot->perp_positions[i];
    }
    provider->stats = snapshot->stats;
    provider->quote_balance = snapshot->quote_balance;
}

static void emit_bid_skipped(const SettleAuctionState *state, const AuctionBid *bid, u64 lots) {
    AuctionBidSkippedEventRecord record = AUCTION_BID_SKIPPED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.auction, &state->accounts->auction->key);
    pubkey_copy(&record.event.provider, &bid->provider);
    record.event.price = bid->price;
    record.event.base_lots = lots;
    EMIT_EVENT(record);
}

/* Pass 1 for one bid: its provider's account at *cursor (invariant 7 of
 * state/auction.h: the account at the bid's address, or AuctionProviderMismatch).
 * A closed provider (not owned by this program) has no health accounts after
 * it and its bid is void. A live one is followed by exactly its health accounts
 * after the fill (health_account_count); the fill is tried, health measured and
 * the provider restored. *cursor moves past the provider's accounts; *healthy
 * tells whether the fill may happen. */
static u64 trial_fill(SettleAuctionState *state, const AuctionBid *bid, u64 lots, u64 *cursor,
                      bool *healthy) {
    const ProgramInput *input = state->input;
    *healthy = false;
    if (*cursor >= input->account_count) {
        return KAIROS_ERR_AUCTION_PROVIDER_MISMATCH;
    }
    AccountView account = input->accounts[*cursor];
    if (!pubkey_eq(&account->key, &bid->provider)) {
        return KAIROS_ERR_AUCTION_PROVIDER_MISMATCH;
    }
    TRY(require_writable(account));
    if (!pubkey_eq(&account->owner, input->program_id)) {
        /* Closed (a program-derived address only this program can own): void. */
        *cursor += 1;
        return KAIROS_OK;
    }
    TRY(require_margin_account(account, input->program_id));
    MarginAccount *provider = margin_account_state(account);
    ProviderSnapshot snapshot;
    snapshot_provider(provider, &snapshot);
    /* The trial touches the market's fees and lots too: restored below. */
    i64 market_fees_before = state->market->fees_accrued;
    u64 market_lots_before = state->market->position_lots;
    i64 market_funding_before = state->market->funding_settled_net;
    PositionFill fill = {lots, bid->price, opposite_side(state->auction->side)};
    PerpPosition *position;
    i64 fee;
    /* A fill the provider's account cannot take (no free position slot, a
     * figure out of range) is a failed provider, like failed health. */
    bool applied = apply_provider_fill(state, provider, &fill, &position, &fee) == KAIROS_OK;
    if (!applied) {
        restore_provider(provider, &snapshot);
    }
    /* At most 1 + 2 × 12 accounts after an index below the account count. */
    u64 first = *cursor + 1;
    u64 end = first + health_account_count(provider);
    if (end > input->account_count) {
        return KAIROS_ERR_HEALTH_ACCOUNTS_MISMATCH;
    }
    HealthRequest request = {input, first, provider, &state->clock, end};
    HealthResult health;
    u64 measured = compute_health(&request, &health);
    /* Accounts the settler got wrong fail the settlement (it can pass the
     * right ones); a health the provider's own state makes unmeasurable skips
     * the provider, like failed health. */
    if (measured != KAIROS_OK && !health_error_is_unmeasurable(measured)) {
        return measured;
    }
    /* A provider that set risk limits after bidding is skipped like a failed
     * one: its limits cannot be checked here (risk/risk.h). */
    *healthy = applied && measured == KAIROS_OK && health.init >= 0 &&
               provider->being_liquidated == 0 && provider->risk_limits_enabled == 0;
    restore_provider(provider, &snapshot);
    state->market->fees_accrued = market_fees_before;
    state->market->position_lots = market_lots_before;
    state->market->funding_settled_net = market_funding_before;
    *cursor = end;
    return KAIROS_OK;
}

/* Pass 1 over the ranked bids: choose the fills (see the file comment). */
static u64 choose_fills(SettleAuctionState *state) {
    Auction *auction = state->auction;
    u8 ranked[KAIROS_MAX_AUCTION_BIDS];
    auction_rank_bids(auction, ranked);
    u64 cursor = KAIROS_SETTLE_AUCTION_ACCOUNTS_LEN;
    u64 remaining = auction->size_lots;
    for (u32 r = 0; r < auction->bid_count && remaining != 0; r++) {
        const AuctionBid *bid = &auction->bids[ranked[r]];
        u64 lots = bid->base_lots < remaining ? bid->base_lots : remaining;
        u64 account_index = cursor;
        bool healthy;
        TRY(trial_fill(state, bid, lots, &cursor, &healthy));
        /* A bid the oracle has moved away from since it was placed would fill
         * outside the band: skipped like an unhealthy provider (its accounts
         * are still passed, so the settler cannot choose which to skip). */
        bool in_band = bid->price >= state->fill_band.low && bid->price <= state->fill_band.high;
        if (!healthy || !in_band) {
            emit_bid_skipped(state, bid, lots);
            continue;
        }
        AuctionAllocation allocation = {account_index, lots, ranked[r]};
        state->allocations[state->allocation_count++] = allocation;
        remaining -= lots; /* lots <= remaining */
        state->filled_lots += lots; /* <= size_lots: no overflow */
    }
    /* Exactly the providers the settlement reached: no account left over. */
    if (cursor != state->input->account_count) {
        return KAIROS_ERR_AUCTION_PROVIDER_MISMATCH;
    }
    if (state->filled_lots < auction->min_fill_lots || state->filled_lots == 0) {
        state->allocation_count = 0;
        state->filled_lots = 0;
    }
    return KAIROS_OK;
}

static void emit_auction_filled(const SettleAuctionState *state, const AuctionBid *bid, u64 lots,
                                i64 maker_fee) {
    AuctionFilledEventRecord record = AUCTION_FILLED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.auction, &state->accounts->auction->key);
    pubkey_copy(&record.event.market, &state->auction->market);
    pubkey_copy(&record.event.provider, &bid->provider);
    pubkey_copy(&record.event.taker, &state->auction->taker_margin_account);
    record.event.taker_side = state->auction->side;
    record.event.price = bid->price;
    record.event.base_lots = lots;
    record.event.maker_fee = maker_fee;
    EMIT_EVENT(record);
}

/* Pass 2: apply the chosen fills to the providers and the taker. */
static u64 apply_fills(SettleAuctionState *state, PerpPosition *taker_position) {
    for (u32 i = 0; i < state->allocation_count; i++) {
        const AuctionAllocation *allocation = &state->allocations[i];
        const AuctionBid *bid = &state->auction->bids[allocation->bid_index];
        MarginAccount *provider =
            margin_account_state(state->input->accounts[allocation->account_index]);
        PositionFill provider_fill = {allocation->base_lots, bid->price,
                                      opposite_side(state->auction->side),
                                      &state->input->accounts[allocation->account_index]->key};
        PerpPosition *position = perp_position_find(provider, state->market->index);
        i64 base_before = position == NULL ? 0 : position->base_lots;
        i64 fee;
        TRY(apply_provider_fill(state, provider, &provider_fill, &position, &fee));
        TRY(auction_move_open_interest(state->market, base_before, position->base_lots));
        perp_position_close_if_empty(position);

        PositionFill taker_fill = {allocation->base_lots, bid->price, state->auction->side,
                                   &state->accounts->taker_margin_account->key};
        u64 notional;
        TRY(perp_position_apply_market_fill(state->market, taker_position, &taker_fill,
                                            &state->taker_realized));
        if (!u64_checked_mul(bid->price, allocation->base_lots, &notional) ||
            !u64_checked_add(state->filled_quote, notional, &state->filled_quote)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        emit_auction_filled(state, bid, allocation->base_lots, fee);
    }
    return KAIROS_OK;
}

/* The taker fee, rounded up, on the filled notional, from the taker's quote
 * balance into the market's fees (the vault invariant's sum is unchanged),
 * and the taker's stats. */
static u64 charge_taker(SettleAuctionState *state, u64 *fee) {
    i64 signed_fee;
    i64 balance_after;
    i64 fees_after;
    AccountStats *stats = &state->taker->stats;
    if (!scale_bps_ceil(state->filled_quote, state->market->taker_fee_bps, fee) ||
        !u64_to_i64(*fee, &signed_fee) ||
        !i64_checked_sub(state->taker->quote_balance, signed_fee, &balance_after) ||
        !i64_checked_add(state->market->fees_accrued, signed_fee, &fees_after) ||
        !i64_checked_add(stats->fees_paid, signed_fee, &stats->fees_paid) ||
        !u64_checked_add(stats->volume_quote, state->filled_quote, &stats->volume_quote) ||
        !u64_checked_add(stats->fill_count, state->allocation_count, &stats->fill_count) ||
        !i64_checked_add(stats->realized_pnl, state->taker_realized, &stats->realized_pnl)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    state->taker->quote_balance = balance_after;
    state->market->fees_accrued = fees_after;
    return KAIROS_OK;
}

/* True when the taker has a free open-order slot. */
static bool taker_has_open_order_slot(const MarginAccount *taker) {
    for (u32 i = 0; i < KAIROS_MAX_OPEN_ORDERS; i++) {
        if (taker->open_orders[i].active != SLOT_ACTIVE) {
            return true;
        }
    }
    return false;
}

/* Rest `lots` at the limit price as the taker's limit order, when it can rest
 * without matching (see the file comment); *order_id is 0 when it cannot. */
static u64 rest_on_book(SettleAuctionState *state, PerpPosition *taker_position, u64 lots,
                        u64 *order_id) {
    *order_id = 0;
    const Auction *auction = state->auction;
    Orderbook *book = orderbook_state(state->accounts->orderbook);
    const BookOrder *best_opposite = book_best(book, opposite_side(auction->side));
    bool crosses = best_opposite != NULL &&
                   taker_crosses(auction->side, auction->limit_price, best_opposite->price);
    if (crosses || lots < state->market->min_order_lots || !taker_has_open_order_slot(state->taker) ||
        *book_side_count(book, auction->side) >= KAIROS_BOOK_SIDE_CAPACITY) {
        return KAIROS_OK;
    }
    u64 id = state->market->next_order_id;
    if (!u64_checked_add(id, 1, &state->market->next_order_id)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    OpenOrder open_order = {
        .order_id = id,
        .price = auction->limit_price,
        .market_index = auction->market_index,
        .side = auction->side,
    };
    u8 slot;
    TRY(open_order_add(state->taker, &open_order, &slot));
    BookOrder book_order = {
        .order_id = id,
        .price = auction->limit_price,
        .base_lots = lots,
        .timestamp = state->clock.unix_timestamp,
        .owner_slot = slot,
    };
    pubkey_copy(&book_order.owner, &state->accounts->taker_margin_account->key);
    TRY(book_insert(book, auction->side, &book_order));
    /* Invariant 5 of state/orderbook.h: a resting order is reserved. */
    TRY(perp_position_reserve(taker_position, auction->side, lots, auction->limit_price));
    *order_id = id;
    return KAIROS_OK;
}

typedef struct SettleOutcome {
    u64 taker_fee;
    u64 rest_lots;
    u64 rest_order_id;
    u64 reward;
    bool accepted_early;
} SettleOutcome;

static void emit_outcome(const SettleAuctionState *state, const Auction *auction,
                         const SettleOutcome *outcome) {
    const SettleAuctionIxAccounts *accounts = state->accounts;
    if (state->filled_lots == 0) {
        AuctionExpiredEventRecord record = AUCTION_EXPIRED_EVENT_RECORD_INIT;
        pubkey_copy(&record.event.auction, &accounts->auction->key);
        pubkey_copy(&record.event.market, &auction->market);
        pubkey_copy(&record.event.taker, &auction->taker_margin_account);
        record.event.rest_lots = outcome->rest_lots;
        record.event.rest_action = auction->rest_action;
        record.event.rest_order_id = outcome->rest_order_id;
        pubkey_copy(&record.event.settler, &accounts->settler->key);
        record.event.reward_lamports = outcome->reward;
        EMIT_EVENT(record);
        return;
    }
    AuctionSettledEventRecord record = AUCTION_SETTLED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.auction, &accounts->auction->key);
    pubkey_copy(&record.event.market, &auction->market);
    pubkey_copy(&record.event.taker, &auction->taker_margin_account);
    record.event.side = auction->side;
    record.event.filled_lots = state->filled_lots;
    record.event.filled_quote = state->filled_quote;
    record.event.winner_count = (u8)state->allocation_count;
    record.event.taker_fee = outcome->taker_fee;
    record.event.rest_lots = outcome->rest_lots;
    record.event.rest_action = auction->rest_action;
    record.event.rest_order_id = outcome->rest_order_id;
    pubkey_copy(&record.event.settler, &accounts->settler->key);
    record.event.reward_lamports = outcome->reward;
    record.event.accepted_early = outcome->accepted_early ? 1 : 0;
    EMIT_EVENT(record);
}

u64 process_settle_auction(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SettleAuction");
    SettleAuctionIxAccounts accounts;
    TRY(load_settle_auction_accounts(input, &accounts));
    TRY(validate_settle_auction(&accounts));
    SettleAuctionState state = {
        .input = input,
        .accounts = &accounts,
        .auction = auction_state(accounts.auction),
        .taker = margin_account_state(accounts.taker_margin_account),
        .market = perp_market_state(accounts.perp_market),
    };
    Auction *auction = state.auction;
    sol_get_clock_sysvar(&state.clock);
    TRY(read_fill_band(context, &state));
    SettleOutcome outcome = {0};
    /* Invariant 6 of state/auction.h. */
    if (state.clock.slot < auction->deadline_slot) {
        if (!pubkey_eq(&accounts.settler->key, &auction->taker_owner)) {
            return KAIROS_ERR_AUCTION_NOT_ENDED;
        }
        outcome.accepted_early = true;
    }

    TRY(choose_fills(&state));
    /* Invariant 4: the reservation keeps the taker's slot of this market. */
    PerpPosition *taker_position = perp_position_find(state.taker, auction->market_index);
    if (taker_position == NULL) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    TRY(perp_position_release(taker_position, auction->side, auction->size_lots,
                              auction->limit_price));
    i64 taker_base_before = taker_position->base_lots;
    TRY(apply_fills(&state, taker_position));
    TRY(auction_move_open_interest(state.market, taker_base_before, taker_position->base_lots));
    TRY(charge_taker(&state, &outcome.taker_fee));

    outcome.rest_lots = auction->size_lots - state.filled_lots; /* filled <= size */
    if (auction->rest_action == KAIROS_AUCTION_REST_BOOK && outcome.rest_lots != 0) {
        TRY(rest_on_book(&state, taker_position, outcome.rest_lots, &outcome.rest_order_id));
    }
    perp_position_close_if_empty(taker_position);

    /* The event needs the auction's fields: copied before the account closes. */
    Auction closed = *auction;
    /* Reward to the settler, the rest (the rent) to the taker's owner. */
    TRY(auction_close(accounts.auction, accounts.settler, accounts.taker_owner,
                      closed.reward_lamports, &outcome.reward));
    emit_outcome(&state, &closed, &outcome);
    return KAIROS_OK;
}
