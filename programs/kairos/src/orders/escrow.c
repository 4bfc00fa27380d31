/* Escrow lamport moves of the program-owned order accounts (orders/escrow.h). */
#include "orders/escrow.h"

#include "cpi/system.h"
#include "math/checked.h"

u64 escrow_pay(AccountView escrow, AccountView to, u64 lamports) {
    u64 escrow_after;
    u64 to_after;
    if (!u64_checked_sub(escrow->lamports, lamports, &escrow_after) ||
        !u64_checked_add(to->lamports, lamports, &to_after)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    escrow->lamports = escrow_after;
    to->lamports = to_after;
    return KAIROS_OK;
}

u64 close_program_account(AccountView closing, AccountView destination) {
    TRY(escrow_pay(closing, destination, closing->lamports));
    sol_memset_(account_data(closing), 0, closing->data_len);
    /* The runtime reads the new length and owner back from the input buffer. */
    closing->data_len = 0;
    pubkey_copy(&closing->owner, &SYSTEM_PROGRAM_ID);
    return KAIROS_OK;
}
