/*
 * Auction (PDA ["auction", taker margin account, auction_id u64 LE]): a taker's
 * JIT liquidity auction (docs/ARCHITECTURE.md, "JIT liquidity auctions").
 *
 * Invariants:
 *  1. bids[0, bid_count) are the live bids, unordered, one per provider margin
 *     account; bids[bid_count, MAX_AUCTION_BIDS) are all zero. Removing a bid
 *     moves the last live bid into its slot.
 *  2. Every live bid is on tick, at least the market's min_order_lots, at most
 *     size_lots, and no worse than limit_price for the taker.
 *  3. seq values are unique and grow (next_bid_seq): an earlier bid (or an
 *     earlier improvement) has the smaller seq, which breaks ranking ties.
 *  4. While the account exists, the taker's PerpPosition of the market holds a
 *     reservation of size_lots at limit_price on `side` (an open order for
 *     health); settle_auction and expire_auction release it and close the
 *     account.
 *  5. The account's lamports are its rent-exempt minimum plus reward_lamports
 *     (escrowed by the taker for the settler).
 *  6. Bids are accepted while clock.slot < deadline_slot; settle_auction runs
 *     from deadline_slot on (earlier only when the taker's owner accepts);
 *     expire_auction from deadline_slot + AUCTION_EXPIRY_GRACE_SLOTS on, or at
 *     any slot while the taker is flagged being_liquidated.
 *  7. A bid belongs to the provider margin account's address. When no live
 *     margin account of this program is at that address at settlement (it was
 *     closed: zeroed, 0 lamports, owned by the system program), the bid is
 *     void; an account later re-created at the address (same owner and index)
 *     inherits the bid and is checked like any provider.
 */
#ifndef KAIROS_STATE_AUCTION_H
#define KAIROS_STATE_AUCTION_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "validate/accounts.h"


_Static_assert(KAIROS_AUCTION_ACCOUNT_SIZE % 8 == 0, "accounts are whole u64 words");
_Static_assert(sizeof(((Auction *)0)->bids) / sizeof(AuctionBid) == KAIROS_MAX_AUCTION_BIDS,
               "one bid slot per allowed bid");
_Static_assert(KAIROS_MAX_AUCTION_BIDS <= 0xFF, "bid_count fits a u8");

KAIROS_INLINE Auction *auction_state(AccountView account) {
    return (Auction *)(account_data(account) + DISCRIMINATOR_BYTES);
}

/* True when bid `a` outranks bid `b` for a taker on `taker_side`: a better
 * price for the taker, then more lots, then the earlier seq (invariant 3). */
bool auction_bid_outranks(u8 taker_side, const AuctionBid *a, const AuctionBid *b);

/* Index of the live bid of `provider`, or -1. */
i64 auction_find_bid(const Auction *auction, const SolPubkey *provider);

/* Index of the live bid that every other live bid outranks (bid_count > 0). */
u32 auction_worst_bid(const Auction *auction);

/* Remove the live bid at `index` (invariant 1). */
void auction_remove_bid(Auction *auction, u32 index);

/* Write the indexes of the live bids, best first, into ranked[0, bid_count). */
void auction_rank_bids(const Auction *auction, u8 ranked[KAIROS_MAX_AUCTION_BIDS]);

/* Close the Auction account `closing`: min(reward, its lamports) to
 * `reward_to` (*paid), the rest (the rent) to `rent_to`, then the data is
 * zeroed, shrunk to 0 bytes and handed back to the system program (as
 * close_margin_account does). The source is debited before either destination
 * is read, so the accounts may alias one another. */
u64 auction_close(AccountView closing, AccountView reward_to, AccountView rent_to, u64 reward,
                  u64 *paid);

#endif /* KAIROS_STATE_AUCTION_H */
