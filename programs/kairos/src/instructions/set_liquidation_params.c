/*
 * set_liquidation_params (admin): the liquidation buffer (bps of the
 * maintenance requirement), the insurance fund's share of liquidation fees
 * (bps) and the notional (quote native) at or under which a position or a
 * collateral holding is liquidated in full (docs/ARCHITECTURE.md, "Liquidation").
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "sol/log.h"
#include "state/exchange.h"
#include "validate/links.h"

u64 process_set_liquidation_params(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetLiquidationParams");
    SetLiquidationParamsIxAccounts accounts;
    TRY(load_set_liquidation_params_accounts(input, &accounts));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    Exchange *exchange = exchange_state(accounts.exchange);
    const SetLiquidationParamsIxArgs *args = accounts.args;
    /* Both are shares: at most the whole. */
    if (args->liquidation_buffer_bps > BPS_PER_UNIT || args->insurance_fee_share_bps > BPS_PER_UNIT) {
        return KAIROS_ERR_INVALID_LIQUIDATION_PARAMS;
    }
    exchange->small_position_quote = args->small_position_quote;
    exchange->liquidation_buffer_bps = args->liquidation_buffer_bps;
    exchange->insurance_fee_share_bps = args->insurance_fee_share_bps;

    LiquidationParamsSetEventRecord record = LIQUIDATION_PARAMS_SET_EVENT_RECORD_INIT;
    record.event.small_position_quote = args->small_position_quote;
    record.event.liquidation_buffer_bps = args->liquidation_buffer_bps;
    record.event.insurance_fee_share_bps = args->insurance_fee_share_bps;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
