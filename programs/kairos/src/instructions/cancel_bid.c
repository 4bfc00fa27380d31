/*
 * cancel_bid: a provider withdraws its live bid before the deadline (after it,
 * the bid is committed to the settlement: AuctionBiddingClosed).
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/auction.h"
#include "state/margin_account.h"
#include "validate/links.h"

u64 process_cancel_bid(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CancelBid");
    CancelBidIxAccounts accounts;
    TRY(load_cancel_bid_accounts(input, &accounts));
    AccountView auction_account = accounts.auction;
    AccountView margin_account = accounts.provider_margin_account;
    TRY(require_margin_account_owner(margin_account_state(margin_account), accounts.provider));
    Auction *auction = auction_state(auction_account);
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    /* Invariant 6 of state/auction.h. */
    if (clock.slot >= auction->deadline_slot) {
        return KAIROS_ERR_AUCTION_BIDDING_CLOSED;
    }
    i64 index = auction_find_bid(auction, &margin_account->key);
    if (index < 0) {
        return KAIROS_ERR_BID_NOT_FOUND;
    }
    auction_remove_bid(auction, (u32)index);

    AuctionBidCancelledEventRecord record = AUCTION_BID_CANCELLED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.auction, &auction_account->key);
    pubkey_copy(&record.event.provider, &margin_account->key);
    EMIT_EVENT(record);
    return KAIROS_OK;
}
