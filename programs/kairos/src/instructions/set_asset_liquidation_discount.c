/*
 * set_asset_liquidation_discount (admin): the discount (bps of the oracle
 * value) at which a liquidator buys this collateral. It must stay below
 * 1 − maintenance weight, so that every unit sold raises the liquidatee's
 * maintenance health (docs/ARCHITECTURE.md, "Liquidation"). The quote asset is
 * never collateral to liquidate.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "sol/log.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "validate/links.h"

u64 process_set_asset_liquidation_discount(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetAssetLiquidationDiscount");
    SetAssetLiquidationDiscountIxAccounts accounts;
    TRY(load_set_asset_liquidation_discount_accounts(input, &accounts));
    TRY(require_exchange_admin(accounts.exchange, accounts.admin));
    AccountView asset_account = accounts.collateral_asset;
    CollateralAsset *asset = collateral_asset_state(asset_account);
    const SetAssetLiquidationDiscountIxArgs *args = accounts.args;
    /* maint weight <= 10,000 (checked at listing): no underflow. */
    if (asset->index == KAIROS_QUOTE_ASSET_INDEX ||
        (u64)args->liquidation_discount_bps >= BPS_PER_UNIT - asset->maint_asset_weight_bps) {
        return KAIROS_ERR_INVALID_LIQUIDATION_PARAMS;
    }
    asset->liquidation_discount_bps = args->liquidation_discount_bps;

    AssetLiquidationDiscountSetEventRecord record = ASSET_LIQUIDATION_DISCOUNT_SET_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.asset, &asset_account->key);
    record.event.liquidation_discount_bps = args->liquidation_discount_bps;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
