/*
 * submit_bid: a liquidity provider bids in an auction before its deadline.
 * Remaining accounts: the provider's health accounts (with the auction's
 * market). One bid per provider margin account (BidAlreadyExists: improve it
 * instead). When MAX_AUCTION_BIDS bids are live, the new bid must outrank the
 * worst one, which it replaces (AuctionFull otherwise).
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/auction_bids.h"
#include "instructions/instructions.h"
#include "math/checked.h"
#include "sol/log.h"
#include "state/auction.h"

u64 process_submit_bid(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SubmitBid");
    SubmitBidIxAccounts accounts;
    TRY(load_submit_bid_accounts(input, &accounts));
    AuctionBidAccounts shared = {accounts.auction, accounts.provider_margin_account,
                                 accounts.provider, accounts.perp_market, accounts.oracle,
                                 &accounts.args->args};
    AuctionBidContext bid;
    TRY(validate_auction_bid(&shared, &bid));
    TRY(validate_auction_bid_band(context, &bid));
    Auction *auction = bid.auction;
    if (auction_find_bid(auction, &bid.provider_margin_account->key) >= 0) {
        return KAIROS_ERR_BID_ALREADY_EXISTS;
    }
    AuctionBid new_bid = {
        .price = bid.args->price,
        .base_lots = bid.args->base_lots,
        .seq = auction->next_bid_seq,
        .slot = bid.clock.slot,
    };
    pubkey_copy(&new_bid.provider, &bid.provider_margin_account->key);
    /* Invariant 3 of state/auction.h: seqs grow. */
    if (!u64_checked_add(auction->next_bid_seq, 1, &auction->next_bid_seq)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }

    AuctionBidSubmittedEventRecord record = AUCTION_BID_SUBMITTED_EVENT_RECORD_INIT;
    if (auction->bid_count == KAIROS_MAX_AUCTION_BIDS) {
        u32 worst = auction_worst_bid(auction);
        if (!auction_bid_outranks(auction->side, &new_bid, &auction->bids[worst])) {
            return KAIROS_ERR_AUCTION_FULL;
        }
        pubkey_copy(&record.event.replaced, &auction->bids[worst].provider);
        auction_remove_bid(auction, worst);
    }
    TRY(validate_auction_bid_health(input, &bid));
    /* Invariant 1: the new bid takes the first free slot. */
    auction->bids[auction->bid_count] = new_bid;
    auction->bid_count += 1;

    pubkey_copy(&record.event.auction, &bid.auction_account->key);
    pubkey_copy(&record.event.provider, &new_bid.provider);
    record.event.price = new_bid.price;
    record.event.base_lots = new_bid.base_lots;
    record.event.seq = new_bid.seq;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
