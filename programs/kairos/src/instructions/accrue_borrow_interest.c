/*
 * accrue_borrow_interest (permissionless): roll the quote borrow index forward
 * and checkpoint every margin account given after the named accounts
 * (borrow/borrow.h): each pays the interest it owes since its snapshot, which
 * becomes a claim of the insurance fund (borrow_interest_pending). Anyone may
 * crank it; it is also how an account that borrowed through fees alone starts
 * to accrue, and how a closed-out borrower clears its principal.
 */
#include "borrow/borrow.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/collateral_asset.h"
#include "state/margin_account.h"
#include "validate/accounts.h"

u64 process_accrue_borrow_interest(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: AccrueBorrowInterest");
    TRY(require_account_count(input->account_count, KAIROS_ACCRUE_BORROW_INTEREST_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(AccrueBorrowInterestIxArgs)));
    AccountView quote_account = input->accounts[KAIROS_ACCRUE_BORROW_INTEREST_ACCOUNT_QUOTE_ASSET];
    TRY(require_writable(quote_account));
    TRY(require_quote_asset(quote_account, input->program_id));
    CollateralAsset *quote = collateral_asset_state(quote_account);

    SolClock clock;
    sol_get_clock_sysvar(&clock);
    TRY(borrow_roll_index(quote, clock.unix_timestamp));
    for (u64 i = KAIROS_ACCRUE_BORROW_INTEREST_ACCOUNTS_LEN; i < input->account_count; i++) {
        AccountView margin_account = input->accounts[i];
        TRY(require_writable(margin_account));
        TRY(require_margin_account(margin_account, input->program_id));
        /* A repeated account is checkpointed twice: the second charges nothing. */
        BorrowCheckpoint checkpoint;
        TRY(borrow_begin(quote, margin_account_state(margin_account), clock.unix_timestamp,
                         &checkpoint));
        TRY(borrow_end(quote, margin_account, &checkpoint, clock.unix_timestamp));
    }
    return KAIROS_OK;
}
