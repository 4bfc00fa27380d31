/*
 * set_twap_paused: the owner pauses (1) or resumes (0) a TWAP order. While
 * paused, execute_twap_slice refuses with OrderPaused; slices that fall due
 * meanwhile are missed slices on resumption and follow the order's policy.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "sol/log.h"
#include "state/twap_order.h"

u64 process_set_twap_paused(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: SetTwapPaused");
    SetTwapPausedIxAccounts accounts;
    TRY(load_set_twap_paused_accounts(input, &accounts));
    AccountView twap_account = accounts.twap_order;
    AccountView owner = accounts.owner;
    u8 paused = accounts.args->paused;
    TwapOrder *twap = twap_order_state(twap_account);
    if (!pubkey_eq(&twap->owner, &owner->key)) {
        return KAIROS_ERR_UNAUTHORIZED;
    }
    if (paused > 1) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    twap->paused = paused;
    TwapOrderPausedEventRecord record = TWAP_ORDER_PAUSED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.twap_order, &twap_account->key);
    record.event.paused = paused;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
