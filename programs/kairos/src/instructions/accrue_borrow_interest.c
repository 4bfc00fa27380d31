/*
 * accrue_borrow_interest (permissionless): roll the quote borrow index forward
 * and checkpoint every margin account given after the named accounts
 * (borrow/borrow.h): each pays the interest it owes since its snapshot, which
 * becomes a claim of the insurance fund (borrow_interest_pending). Anyone may
 * crank it; it is also how an account that borrowed through fees alone starts
 * to accrue, and how a closed-out borrower clears its principal.
 */
#include "borrow/borrow.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/collateral_asset.h"
#include "state/margin_account.h"
#include "validate/program_accounts.h"

u64 process_accrue_borrow_interest(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: AccrueBorrowInterest");
    AccrueBorrowInterestIxAccounts accounts;
    TRY(load_accrue_borrow_interest_accounts(input, &accounts));
    AccountView quote_account = accounts.quote_asset;
    TRY(require_quote_asset_index(quote_account));
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
