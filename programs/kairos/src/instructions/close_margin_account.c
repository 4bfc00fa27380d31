/*
 * close_margin_account: close an empty margin account (no balance, collateral,
 * perp position, reservation or open order) and send all its lamports to
 * `destination`. The data is zeroed, shrunk to 0 bytes and handed back to the
 * system program, so the account cannot be revived with stale state within the
 * transaction, and the runtime deletes it (0 lamports) when it ends.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/checked.h"
#include "sol/lamports.h"
#include "sol/log.h"
#include "state/margin_account.h"
#include "validate/links.h"

/* has-one owner; the account is empty and not being liquidated. */
static u64 validate_close_margin_account(const CloseMarginAccountIxAccounts *accounts) {
    const MarginAccount *account = margin_account_state(accounts->margin_account);
    TRY(require_margin_account_owner(account, accounts->owner));
    /* Paying the account to itself would leave its lamports where they are. */
    if (pubkey_eq(&accounts->destination->key, &accounts->margin_account->key)) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    if (account->being_liquidated != 0) {
        return KAIROS_ERR_ACCOUNT_BEING_LIQUIDATED;
    }
    /* Live trigger orders name this account (state/trigger_order.h invariant 1):
     * they must be cancelled first, or a later account at this address would
     * inherit them. */
    if (account->trigger_order_count != 0) {
        return KAIROS_ERR_ACCOUNT_NOT_EMPTY;
    }
    return margin_account_is_empty(account) ? KAIROS_OK : KAIROS_ERR_ACCOUNT_NOT_EMPTY;
}

u64 process_close_margin_account(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CloseMarginAccount");
    CloseMarginAccountIxAccounts accounts;
    TRY(load_close_margin_account_accounts(input, &accounts));
    TRY(validate_close_margin_account(&accounts));

    MarginAccountClosedEventRecord record = MARGIN_ACCOUNT_CLOSED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &accounts.margin_account->key);
    pubkey_copy(&record.event.owner, &accounts.owner->key);

    AccountView closing = accounts.margin_account;
    TRY(lamports_move(closing, accounts.destination, closing->lamports));
    /* The syscall: the account is larger than the 1,024 bytes memset inlines. */
    sol_memset_(account_data(closing), 0, closing->data_len);
    /* The runtime reads the new length and owner back from the input buffer
     * (a program may shrink its own account and assign it once it is zeroed). */
    closing->data_len = 0;
    pubkey_copy(&closing->owner, &SYSTEM_PROGRAM_ID);
    EMIT_EVENT(record);
    return KAIROS_OK;
}
