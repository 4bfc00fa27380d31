/*
 * open_auction: a taker opens a JIT liquidity auction for `size_lots` on `side`
 * in a perp market, with a worst price, a minimum fill, a deadline
 * `duration_slots` ahead (1..=MAX_AUCTION_DURATION_SLOTS) and what happens to
 * the unfilled rest (AuctionRest). Remaining accounts: the taker's health
 * accounts (with the market, which the reservation makes a position).
 *
 * The taker's worst case (every lot at the limit price) is reserved in its
 * PerpPosition like a resting order, so health counts it while the auction is
 * open and initial health must hold with it (invariant 4 of state/auction.h).
 * The keeper reward (the Exchange's keeper_reward_lamports) moves from the
 * owner into the Auction account, where settle_auction pays it out.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "generated/kairos_accounts.h"
#include "health/health.h"
#include "risk/risk.h"
#include "instructions/instructions.h"
#include "math/checked.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/auction.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "state/perp_position.h"
#include "validate/links.h"
#include "validate/risk.h"

/* ---- validation ---- */

/* has-one: the taker's owner signed, the market's oracle; not being
 * liquidated. The handler derives the PDA ["auction", taker margin account,
 * auction_id u64 LE] next. */
static u64 validate_open_auction(const OpenAuctionIxAccounts *accounts) {
    const MarginAccount *taker = margin_account_state(accounts->taker_margin_account);
    TRY(require_margin_account_owner(taker, accounts->owner));
    if (taker->being_liquidated != 0) {
        return KAIROS_ERR_ACCOUNT_BEING_LIQUIDATED;
    }
    if (!pubkey_eq(&perp_market_state(accounts->perp_market)->oracle, &accounts->oracle->key)) {
        return KAIROS_ERR_ORACLE_MISMATCH;
    }
    return KAIROS_OK;
}

static u64 validate_open_auction_args(const OpenAuctionArgs *args, const PerpMarket *market) {
    if (args->side > SIDE_ASK || args->rest_action > KAIROS_AUCTION_REST_BOOK ||
        args->min_fill_lots > args->size_lots) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    if (args->duration_slots == 0 || args->duration_slots > KAIROS_MAX_AUCTION_DURATION_SLOTS) {
        return KAIROS_ERR_AUCTION_DURATION_OUT_OF_RANGE;
    }
    /* tick_size > 0 is a market invariant (checked at creation). */
    if (args->limit_price == 0 || args->limit_price % market->tick_size != 0) {
        return KAIROS_ERR_PRICE_NOT_ON_TICK;
    }
    return args->size_lots >= market->min_order_lots ? KAIROS_OK : KAIROS_ERR_ORDER_TOO_SMALL;
}

/* The lots a position of `base_lots` opens if `lots` more fill on `side`:
 * the growth of |position| (all of the new side on a flip). */
static u64 auction_opening_lots(i64 base_lots, u8 side, u64 lots, u64 *opening) {
    i64 signed_lots;
    i64 after;
    if (!i64_from_sign_magnitude(side == SIDE_ASK, lots, &signed_lots) ||
        !i64_checked_add(base_lots, signed_lots, &after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    u64 before_size = i64_unsigned_abs(base_lots);
    u64 after_size = i64_unsigned_abs(after);
    bool flipped = (base_lots > 0 && after < 0) || (base_lots < 0 && after > 0);
    *opening = flipped ? after_size : (after_size > before_size ? after_size - before_size : 0);
    return KAIROS_OK;
}

/* ---- handler ---- */

static void emit_auction_opened(const OpenAuctionIxAccounts *accounts, const Auction *auction) {
    AuctionOpenedEventRecord record = AUCTION_OPENED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.auction, &accounts->auction->key);
    pubkey_copy(&record.event.market, &auction->market);
    pubkey_copy(&record.event.taker_margin_account, &auction->taker_margin_account);
    record.event.auction_id = auction->auction_id;
    record.event.side = auction->side;
    record.event.size_lots = auction->size_lots;
    record.event.limit_price = auction->limit_price;
    record.event.min_fill_lots = auction->min_fill_lots;
    record.event.deadline_slot = auction->deadline_slot;
    record.event.rest_action = auction->rest_action;
    record.event.reward_lamports = auction->reward_lamports;
    EMIT_EVENT(record);
}

u64 process_open_auction(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: OpenAuction");
    OpenAuctionIxAccounts accounts;
    TRY(load_open_auction_accounts(input, &accounts));
    TRY(validate_open_auction(&accounts));
    TRY(derive_open_auction_pdas(input, &accounts));
    const OpenAuctionArgs *args = &accounts.args->args;
    PerpMarket *market = perp_market_state(accounts.perp_market);
    TRY(validate_open_auction_args(args, market));

    SolClock clock;
    sol_get_clock_sysvar(&clock);
    u64 deadline_slot;
    if (!u64_checked_add(clock.slot, args->duration_slots, &deadline_slot)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }

    /* The worst case (every lot fills) must fit the open-interest cap now;
     * settle_auction does not refuse on the cap, so the auction always ends. */
    MarginAccount *margin = margin_account_state(accounts.taker_margin_account);
    PerpPosition *position;
    TRY(perp_position_open(margin, market->index, &position));
    u64 opening;
    u64 projected;
    TRY(auction_opening_lots(position->base_lots, args->side, args->size_lots, &opening));
    if (opening != 0 && (!u64_checked_add(market->open_interest_lots, opening, &projected) ||
                         projected > market->open_interest_cap_lots)) {
        return KAIROS_ERR_OPEN_INTEREST_CAP_EXCEEDED;
    }
    /* Invariant 4 of state/auction.h: the worst case is reserved as an open order. */
    TRY(perp_position_reserve(position, args->side, args->size_lots, args->limit_price));

    CreatePdaAccount create = {
        .payer = accounts.owner,
        .new_account = accounts.auction,
        .system_program = accounts.system_program,
        .space = KAIROS_AUCTION_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts.auction_pda.signer,
    };
    TRY(create_pda_account(&create));
    /* Invariant 5: rent-exempt minimum + the escrowed reward. */
    u64 reward = exchange_state(context->exchange)->keeper_reward_lamports;
    if (reward != 0) {
        TRY(system_transfer(accounts.owner, accounts.auction, accounts.system_program, reward));
    }

    /* Zero-filled by the runtime: no bids (invariant 1). */
    *(u64 *)account_data(accounts.auction) = KAIROS_ACCOUNT_DISC_AUCTION;
    Auction *auction = auction_state(accounts.auction);
    pubkey_copy(&auction->market, &accounts.perp_market->key);
    pubkey_copy(&auction->taker_margin_account, &accounts.taker_margin_account->key);
    pubkey_copy(&auction->taker_owner, &accounts.owner->key);
    auction->auction_id = args->auction_id;
    auction->size_lots = args->size_lots;
    auction->limit_price = args->limit_price;
    auction->min_fill_lots = args->min_fill_lots;
    auction->open_slot = clock.slot;
    auction->deadline_slot = deadline_slot;
    auction->reward_lamports = reward;
    auction->market_index = market->index;
    auction->side = args->side;
    auction->rest_action = args->rest_action;
    auction->bump = accounts.auction_pda.bump;

    /* The reserved worst case is risk the account takes on: with risk limits,
     * its RiskLimits and RiskParameters follow the health accounts. */
    RiskTail risk_tail;
    TRY(risk_open_tail(input, accounts.taker_margin_account, 0, &risk_tail));
    HealthExposures exposures;
    risk_exposures_init(&risk_tail, clock.unix_timestamp, &exposures);
    HealthRequest request = {input, KAIROS_OPEN_AUCTION_ACCOUNTS_LEN, margin, &clock,
                             risk_tail.end_health_account,
                             risk_tail.enabled ? &exposures : NULL};
    HealthResult health;
    TRY(require_init_health(&request, &health));
    if (risk_tail.enabled) {
        RiskCheck check = {
            .input = input,
            .margin_account = accounts.taker_margin_account,
            .exposures = &exposures,
            .health = &health,
            .clock = &clock,
            .action = RISK_ACTION_INCREASING,
        };
        TRY(risk_check_tail(&risk_tail, &check));
    }
    emit_auction_opened(&accounts, auction);
    return KAIROS_OK;
}
