/*
 * What submit_bid and improve_bid share (instructions/auction_bids.c): their
 * account checks, the checks of a bid, and the provider's health check with
 * the bid counted as a reservation.
 */
#ifndef KAIROS_INSTRUCTIONS_AUCTION_BIDS_H
#define KAIROS_INSTRUCTIONS_AUCTION_BIDS_H

#include "generated/kairos_idl.h"
#include "instructions/instructions.h"
#include "sol/input.h"
#include "sol/sysvars.h"

typedef struct AuctionBidContext {
    AccountView auction_account;
    AccountView provider_margin_account;
    AccountView oracle; /* the market's (linked by auction_bid_validate) */
    Auction *auction;
    MarginAccount *provider;
    const PerpMarket *market;
    const AuctionBidArgs *args;
    SolClock clock;
} AuctionBidContext;

/* The accounts submit_bid and improve_bid share (one IDL list; each handler
 * fills this from its generated loader's struct). */
typedef struct AuctionBidAccounts {
    AccountView auction;
    AccountView provider_margin_account;
    AccountView provider;
    AccountView perp_market;
    AccountView oracle;
    const AuctionBidArgs *args;
} AuctionBidAccounts;

/* The semantic checks of a bid, after the loader's: has-one links (provider,
 * the auction's market, its oracle), not the taker itself, not being
 * liquidated, the deadline and the bid's own checks (invariant 2 of
 * state/auction.h). */
u64 validate_auction_bid(const AuctionBidAccounts *accounts, AuctionBidContext *out);

/* The bid's price lies in the market's fill band around a fresh oracle price
 * (orders/price_band.h): a bid is a fill to be, and fills never happen
 * outside the band. PriceOutsideBand otherwise. */
u64 validate_auction_bid_band(const InstructionContext *context, const AuctionBidContext *bid);

/* Initial health of the provider with the bid reserved as an open order of
 * the provider (remaining accounts: its health accounts, with the market).
 * The reservation is released again: a bid binds nothing until settlement,
 * which checks health once more and skips a provider that fails it. */
u64 validate_auction_bid_health(const ProgramInput *input, const AuctionBidContext *bid);

#endif /* KAIROS_INSTRUCTIONS_AUCTION_BIDS_H */
