/* Checks of SPL Token accounts and mints (layouts of the SPL Token program). */
#ifndef KAIROS_VALIDATE_TOKEN_H
#define KAIROS_VALIDATE_TOKEN_H

#include "sol/input.h"

/* SPL Token (classic). Token-2022 is not accepted yet: its transfer-fee
 * extension would let a vault receive less than the amount credited. */
extern const SolPubkey SPL_TOKEN_PROGRAM_ID;

#define SPL_MINT_SIZE 82
#define SPL_MINT_DECIMALS_OFFSET 44
#define SPL_MINT_IS_INITIALIZED_OFFSET 45

/* `mint` is an initialized SPL Token mint. */
u64 require_spl_mint(AccountView mint);

#endif /* KAIROS_VALIDATE_TOKEN_H */
