/* Auction bids: ranking and slot bookkeeping (invariants in state/auction.h). */
#include "state/auction.h"

#include "cpi/system.h"
#include "math/checked.h"
#include "sol/lamports.h"
#include "sol/syscalls.h"
#include "state/orderbook.h"

bool auction_bid_outranks(u8 taker_side, const AuctionBid *a, const AuctionBid *b) {
    if (a->price != b->price) {
        /* A buying taker wants the lowest ask, a selling taker the highest bid. */
        return taker_side == SIDE_BID ? a->price < b->price : a->price > b->price;
    }
    if (a->base_lots != b->base_lots) {
        return a->base_lots > b->base_lots;
    }
    return a->seq < b->seq;
}

i64 auction_find_bid(const Auction *auction, const SolPubkey *provider) {
    for (u32 i = 0; i < auction->bid_count; i++) {
        if (pubkey_eq(&auction->bids[i].provider, provider)) {
            return (i64)i;
        }
    }
    return -1;
}

u32 auction_worst_bid(const Auction *auction) {
    u32 worst = 0;
    for (u32 i = 1; i < auction->bid_count; i++) {
        if (auction_bid_outranks(auction->side, &auction->bids[worst], &auction->bids[i])) {
            worst = i;
        }
    }
    return worst;
}

void auction_remove_bid(Auction *auction, u32 index) {
    u32 last = (u32)auction->bid_count - 1;
    if (index != last) {
        auction->bids[index] = auction->bids[last];
    }
    AuctionBid empty = {0};
    auction->bids[last] = empty;
    auction->bid_count = (u8)last;
}

void auction_rank_bids(const Auction *auction, u8 ranked[KAIROS_MAX_AUCTION_BIDS]) {
    /* Insertion sort of at most MAX_AUCTION_BIDS indexes. */
    u32 count = auction->bid_count;
    for (u32 i = 0; i < count; i++) {
        u32 j = i;
        while (j > 0 && auction_bid_outranks(auction->side, &auction->bids[i],
                                             &auction->bids[ranked[j - 1]])) {
            ranked[j] = ranked[j - 1];
            j--;
        }
        ranked[j] = (u8)i;
    }
}

u64 auction_close(AccountView closing, AccountView reward_to, AccountView rent_to, u64 reward,
                  u64 *paid) {
    u64 total = closing->lamports;
    *paid = reward < total ? reward : total;
    TRY(lamports_move(closing, reward_to, *paid));
    TRY(lamports_move(closing, rent_to, total - *paid));
    /* The syscall: the account is larger than the 1,024 bytes memset inlines.
     * The runtime reads the new length and owner back from the input buffer. */
    sol_memset_(account_data(closing), 0, closing->data_len);
    closing->data_len = 0;
    pubkey_copy(&closing->owner, &SYSTEM_PROGRAM_ID);
    return KAIROS_OK;
}
