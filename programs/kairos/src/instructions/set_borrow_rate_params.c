/*
 * set_borrow_rate_params (admin): the quote borrow rate curve (borrow/borrow.h).
 * The index is rolled forward at the old curve first, so a new curve applies
 * from now on only.
 */
#include "anchor/event.h"
#include "borrow/borrow.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "validate/links.h"
#include "validate/program_accounts.h"

/* The curve never decreases, and its kink lies strictly inside (0, 100%):
 * borrow_rate_bps divides by both the kink and 10,000 − kink. */
static bool borrow_curve_valid(const SetBorrowRateParamsIxArgs *args) {
    return args->base_rate_bps <= args->optimal_rate_bps &&
           args->optimal_rate_bps <= args->max_rate_bps && args->optimal_utilization_bps > 0 &&
           args->optimal_utilization_bps < BPS_PER_UNIT;
}

u64 process_set_borrow_rate_params(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetBorrowRateParams");
    SetBorrowRateParamsIxAccounts accounts;
    TRY(load_set_borrow_rate_params_accounts(input, &accounts));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    AccountView quote_account = accounts.quote_asset;
    TRY(require_quote_asset_index(quote_account));
    const SetBorrowRateParamsIxArgs *args = accounts.args;
    if (!borrow_curve_valid(args)) {
        return KAIROS_ERR_INVALID_BORROW_RATE_PARAMS;
    }
    CollateralAsset *quote = collateral_asset_state(quote_account);
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    TRY(borrow_roll_index(quote, clock.unix_timestamp));
    quote->borrow_rate_base_bps = args->base_rate_bps;
    quote->borrow_rate_optimal_bps = args->optimal_rate_bps;
    quote->borrow_rate_max_bps = args->max_rate_bps;
    quote->borrow_optimal_utilization_bps = args->optimal_utilization_bps;

    BorrowRateParamsSetEventRecord record = BORROW_RATE_PARAMS_SET_EVENT_RECORD_INIT;
    record.event.base_rate_bps = args->base_rate_bps;
    record.event.optimal_rate_bps = args->optimal_rate_bps;
    record.event.max_rate_bps = args->max_rate_bps;
    record.event.optimal_utilization_bps = args->optimal_utilization_bps;
    record.event.borrow_index = quote->borrow_index;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
