/*
 * improve_bid: a provider improves its live bid before the deadline: a price
 * no worse for the taker and no fewer lots, with at least one of them strictly
 * better (BidNotImproved otherwise). The improved bid takes a new seq: its
 * time priority is that of the improvement. Remaining accounts: the provider's
 * health accounts (with the auction's market).
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/auction_bids.h"
#include "instructions/instructions.h"
#include "math/checked.h"
#include "sol/log.h"
#include "state/auction.h"
#include "state/orderbook.h"

u64 process_improve_bid(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: ImproveBid");
    ImproveBidIxAccounts accounts;
    TRY(load_improve_bid_accounts(input, &accounts));
    AuctionBidAccounts shared = {accounts.auction, accounts.provider_margin_account,
                                 accounts.provider, accounts.perp_market, accounts.oracle,
                                 &accounts.args->args};
    AuctionBidContext bid;
    TRY(validate_auction_bid(&shared, &bid));
    TRY(validate_auction_bid_band(context, &bid));
    Auction *auction = bid.auction;
    i64 index = auction_find_bid(auction, &bid.provider_margin_account->key);
    if (index < 0) {
        return KAIROS_ERR_BID_NOT_FOUND;
    }
    AuctionBid *live = &auction->bids[index];
    /* For the taker, the provider's price must be at least as good: a buying
     * taker wants it no higher, a selling taker no lower. */
    bool price_no_worse = taker_crosses(auction->side, live->price, bid.args->price);
    bool improved = bid.args->price != live->price || bid.args->base_lots > live->base_lots;
    if (!price_no_worse || bid.args->base_lots < live->base_lots || !improved) {
        return KAIROS_ERR_BID_NOT_IMPROVED;
    }
    TRY(validate_auction_bid_health(input, &bid));
    live->price = bid.args->price;
    live->base_lots = bid.args->base_lots;
    live->seq = auction->next_bid_seq;
    live->slot = bid.clock.slot;
    /* Invariant 3 of state/auction.h: seqs grow. */
    if (!u64_checked_add(auction->next_bid_seq, 1, &auction->next_bid_seq)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }

    AuctionBidImprovedEventRecord record = AUCTION_BID_IMPROVED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.auction, &bid.auction_account->key);
    pubkey_copy(&record.event.provider, &live->provider);
    record.event.price = live->price;
    record.event.base_lots = live->base_lots;
    record.event.seq = live->seq;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
