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

/* Account checks (submit_bid and improve_bid take the same accounts), the
 * deadline and the bid's own checks (invariant 2 of state/auction.h). */
u64 auction_bid_validate(const ProgramInput *input, AuctionBidContext *out);

/* The bid's price lies in the market's fill band around a fresh oracle price
 * (orders/price_band.h): a bid is a fill to be, and fills never happen
 * outside the band. PriceOutsideBand otherwise. */
u64 auction_bid_require_in_band(const InstructionContext *context, const AuctionBidContext *bid);

/* Initial health of the provider with the bid reserved as an open order of
 * the provider (remaining accounts: its health accounts, with the market).
 * The reservation is released again: a bid binds nothing until settlement,
 * which checks health once more and skips a provider that fails it. */
u64 auction_bid_require_health(const ProgramInput *input, const AuctionBidContext *bid);

#endif /* KAIROS_INSTRUCTIONS_AUCTION_BIDS_H */
