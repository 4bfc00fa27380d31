/*
 * expire_auction (permissionless): close an auction without trading, so that no
 * auction outlives its deadline for long whatever blocks its settlement
 * (docs/ARCHITECTURE.md, "JIT liquidity auctions"). Allowed (invariant 6 of
 * state/auction.h):
 *  - from deadline_slot + AUCTION_EXPIRY_GRACE_SLOTS on: the grace leaves the
 *    settlers (the winners first among them) time to settle, so a taker cannot
 *    expire instead of settling to escape fills it no longer likes;
 *  - at any slot while the taker is flagged being_liquidated (force_cancel_orders
 *    sets the flag only on a liquidatable account): the liquidation path
 *    releases the reservation at once, so an open auction never shields a
 *    liquidatable taker.
 * Every bid is void. The taker's reservation is released (invariant 4), its
 * empty position slot freed; the expirer receives the escrowed reward and the
 * taker's owner the rent, and the account is closed, so a second expiry or a
 * late settlement fails with Anchor's AccountNotInitialized. Only lamports of
 * the Auction move: the vault invariant is untouched.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/checked.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/auction.h"
#include "state/margin_account.h"
#include "state/perp_position.h"

/* ---- validation ---- */

static u64 validate_expire_auction(const ExpireAuctionIxAccounts *accounts) {
    /* has-one: the auction's own taker account and its owner (the rent payee). */
    const Auction *auction = auction_state(accounts->auction);
    if (!pubkey_eq(&accounts->taker_margin_account->key, &auction->taker_margin_account) ||
        !pubkey_eq(&accounts->taker_owner->key, &auction->taker_owner)) {
        return ANCHOR_CONSTRAINT_HAS_ONE;
    }
    return KAIROS_OK;
}

/* Why the auction may be expired now (invariant 6 of state/auction.h). */
static u64 expiry_reason(const Auction *auction, const MarginAccount *taker, u64 slot,
                         u8 *reason) {
    u64 expiry_slot;
    if (!u64_checked_add(auction->deadline_slot, KAIROS_AUCTION_EXPIRY_GRACE_SLOTS,
                         &expiry_slot)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (slot >= expiry_slot) {
        *reason = KAIROS_AUCTION_LAPSE_REASON_PAST_GRACE;
        return KAIROS_OK;
    }
    if (taker->being_liquidated != 0) {
        *reason = KAIROS_AUCTION_LAPSE_REASON_TAKER_LIQUIDATED;
        return KAIROS_OK;
    }
    return KAIROS_ERR_AUCTION_NOT_EXPIRED;
}

/* ---- handler ---- */

u64 process_expire_auction(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: ExpireAuction");
    ExpireAuctionIxAccounts accounts;
    TRY(load_expire_auction_accounts(input, &accounts));
    TRY(validate_expire_auction(&accounts));
    Auction *auction = auction_state(accounts.auction);
    MarginAccount *taker = margin_account_state(accounts.taker_margin_account);
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    u8 reason;
    TRY(expiry_reason(auction, taker, clock.slot, &reason));

    /* Invariant 4: the reservation keeps the taker's slot of this market. */
    PerpPosition *position = perp_position_find(taker, auction->market_index);
    if (position == NULL) {
        return KAIROS_ERR_MARKET_MISMATCH;
    }
    TRY(perp_position_release(position, auction->side, auction->size_lots, auction->limit_price));
    perp_position_close_if_empty(position);

    AuctionLapsedEventRecord record = AUCTION_LAPSED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.auction, &accounts.auction->key);
    pubkey_copy(&record.event.market, &auction->market);
    pubkey_copy(&record.event.taker, &auction->taker_margin_account);
    record.event.size_lots = auction->size_lots;
    record.event.voided_bids = auction->bid_count;
    record.event.reason = reason;
    pubkey_copy(&record.event.expirer, &accounts.expirer->key);
    /* The event is filled before the account (and the fields read) is zeroed. */
    u64 paid;
    TRY(auction_close(accounts.auction, accounts.expirer, accounts.taker_owner,
                      auction->reward_lamports, &paid));
    record.event.reward_lamports = paid;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
