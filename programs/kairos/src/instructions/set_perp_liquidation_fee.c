/*
 * set_perp_liquidation_fee (admin): the fee (bps of the notional) a liquidator
 * earns on the position it takes over. It must stay below the market's
 * maintenance margin, so that every lot liquidated raises the liquidatee's
 * maintenance health (docs/ARCHITECTURE.md, "Liquidation").
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "state/perp_market.h"
#include "validate/links.h"

u64 process_set_perp_liquidation_fee(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetPerpLiquidationFee");
    SetPerpLiquidationFeeIxAccounts accounts;
    TRY(load_set_perp_liquidation_fee_accounts(input, &accounts));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    AccountView market_account = accounts.perp_market;
    PerpMarket *market = perp_market_state(market_account);
    const SetPerpLiquidationFeeIxArgs *args = accounts.args;
    if (args->liquidation_fee_bps >= market->maint_margin_bps) {
        return KAIROS_ERR_INVALID_LIQUIDATION_PARAMS;
    }
    market->liquidation_fee_bps = args->liquidation_fee_bps;

    PerpLiquidationFeeSetEventRecord record = PERP_LIQUIDATION_FEE_SET_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.market, &market_account->key);
    record.event.liquidation_fee_bps = args->liquidation_fee_bps;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
