/*
 * cancel_bid: a provider withdraws its live bid before the deadline (after it,
 * the bid is committed to the settlement: AuctionBiddingClosed).
 */
#include "anchor/event.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/auction.h"
#include "state/margin_account.h"
#include "validate/accounts.h"

u64 process_cancel_bid(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CancelBid");
    TRY(require_account_count(input->account_count, KAIROS_CANCEL_BID_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CancelBidIxArgs)));
    AccountView auction_account = input->accounts[KAIROS_CANCEL_BID_ACCOUNT_AUCTION];
    AccountView margin_account = input->accounts[KAIROS_CANCEL_BID_ACCOUNT_PROVIDER_MARGIN_ACCOUNT];
    AccountView provider = input->accounts[KAIROS_CANCEL_BID_ACCOUNT_PROVIDER];

    TRY(require_auction_account(auction_account, input->program_id));
    TRY(require_writable(auction_account));
    TRY(require_margin_account(margin_account, input->program_id));
    TRY(require_margin_account_owner(margin_account_state(margin_account), provider));
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
