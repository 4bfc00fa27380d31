/* Typed checks of this program's accounts (see validate/program_accounts.h). */
#include "validate/program_accounts.h"

u64 require_live_trigger_order(AccountView account, const SolPubkey *program_id) {
    if (account->lamports == 0 || account->data_len == 0) {
        return KAIROS_ERR_TRIGGER_ORDER_NOT_ACTIVE;
    }
    if (pubkey_eq(&account->owner, program_id) &&
        account->data_len == KAIROS_TRIGGER_ORDER_ACCOUNT_SIZE &&
        *(const u64 *)account_data(account) == 0) {
        return KAIROS_ERR_TRIGGER_ORDER_NOT_ACTIVE;
    }
    return require_program_account(account, program_id, KAIROS_ACCOUNT_DISC_TRIGGER_ORDER,
                                   KAIROS_TRIGGER_ORDER_ACCOUNT_SIZE);
}
