/*
 * place_order_v2: place_order with every order option (time in force, post-only,
 * self-trade behaviour, expiry, iceberg, oracle band...), decoded into the same
 * OrderRequest and run by the same path (place_loaded_order, place_order.c).
 * Remaining accounts: the health accounts.
 */
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "instructions/place_order.h"
#include "orders/execute.h"
#include "sol/log.h"

u64 process_place_order_v2(const InstructionContext *context) {
    LOG_LITERAL("Instruction: PlaceOrderV2");
    const ProgramInput *input = context->input;
    PlaceOrderV2IxAccounts loaded;
    TRY(load_place_order_v2_accounts(input, &loaded));
    const PlaceOrderV2Args *args = &loaded.args->args;
    OrderRequest request;
    order_request_from_v2(args, &request);
    OrderPathAccounts accounts = {loaded.margin_account, loaded.owner,
                                  loaded.perp_market, loaded.orderbook,
                                  loaded.event_queue, loaded.system_program,
                                  KAIROS_PLACE_ORDER_V2_ACCOUNTS_LEN, false};
    return place_loaded_order(context, &accounts, loaded.oracle, &request);
}
