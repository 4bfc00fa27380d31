/* Escrow lamport moves of the program-owned order accounts (orders/escrow.h). */
#include "orders/escrow.h"

#include "cpi/system.h"
#include "math/checked.h"
#include "sol/lamports.h"

u64 escrow_pay(AccountView escrow, AccountView to, u64 lamports) {
    return lamports_move(escrow, to, lamports);
}

u64 close_program_account(AccountView closing, AccountView destination) {
    TRY(escrow_pay(closing, destination, closing->lamports));
    sol_memset_(account_data(closing), 0, closing->data_len);
    /* The runtime reads the new length and owner back from the input buffer. */
    closing->data_len = 0;
    pubkey_copy(&closing->owner, &SYSTEM_PROGRAM_ID);
    return KAIROS_OK;
}
