/* Account checks shared by every instruction (see validate/accounts.h). */
#include "validate/accounts.h"

#include "sol/syscalls.h"

u64 require_zeroed_program_account(AccountView account, const SolPubkey *program_id, u64 size) {
    TRY(require_owner(account, program_id));
    if (account->data_len != size) {
        return ANCHOR_ACCOUNT_DID_NOT_DESERIALIZE;
    }
    /* One syscall instead of a 20 KiB loop: data equal to itself shifted by one
     * word (memcmp(data, data + 8)) repeats its first word throughout, so with a
     * zero first word it is all zero. */
    const u8 *data = account_data(account);
    i32 difference = 0;
    sol_memcmp_(data, data + sizeof(u64), size - sizeof(u64), &difference);
    return (*(const u64 *)data == 0 && difference == 0) ? KAIROS_OK : ANCHOR_CONSTRAINT_ZERO;
}
