/*
 * Anchor's framework error codes. Kairos reports account-check failures with the
 * numbers Anchor uses, so AnchorPy and Anchor tooling name them correctly; the
 * program's own errors (from 6000) are generated from the IDL.
 */
#ifndef KAIROS_ANCHOR_ERRORS_H
#define KAIROS_ANCHOR_ERRORS_H

#include "sol/types.h"

enum AnchorError {
    ANCHOR_INSTRUCTION_MISSING = 100,
    ANCHOR_INSTRUCTION_FALLBACK_NOT_FOUND = 101,
    ANCHOR_INSTRUCTION_DID_NOT_DESERIALIZE = 102,
    ANCHOR_CONSTRAINT_MUT = 2000,
    ANCHOR_CONSTRAINT_HAS_ONE = 2001,
    ANCHOR_CONSTRAINT_SIGNER = 2002,
    ANCHOR_CONSTRAINT_OWNER = 2004,
    ANCHOR_CONSTRAINT_RENT_EXEMPT = 2005,
    ANCHOR_CONSTRAINT_SEEDS = 2006,
    ANCHOR_CONSTRAINT_ADDRESS = 2012,
    ANCHOR_CONSTRAINT_ZERO = 2013,
    ANCHOR_CONSTRAINT_TOKEN_MINT = 2014,
    ANCHOR_CONSTRAINT_TOKEN_OWNER = 2015,
    ANCHOR_ACCOUNT_DISCRIMINATOR_ALREADY_SET = 3000,
    ANCHOR_ACCOUNT_DISCRIMINATOR_NOT_FOUND = 3001,
    ANCHOR_ACCOUNT_DISCRIMINATOR_MISMATCH = 3002,
    ANCHOR_ACCOUNT_DID_NOT_DESERIALIZE = 3003,
    ANCHOR_ACCOUNT_NOT_ENOUGH_KEYS = 3005,
    ANCHOR_ACCOUNT_NOT_MUTABLE = 3006,
    ANCHOR_ACCOUNT_OWNED_BY_WRONG_PROGRAM = 3007,
    ANCHOR_INVALID_PROGRAM_ID = 3008,
    ANCHOR_INVALID_PROGRAM_EXECUTABLE = 3009,
    ANCHOR_ACCOUNT_NOT_SIGNER = 3010,
    ANCHOR_ACCOUNT_NOT_SYSTEM_OWNED = 3011,
    ANCHOR_ACCOUNT_NOT_INITIALIZED = 3012,
    ANCHOR_ACCOUNT_SYSVAR_MISMATCH = 3015,
};

/* Success, and the early-return idiom every handler uses. */
#define KAIROS_OK 0
#define TRY(expression)                \
    do {                               \
        u64 try_result_ = (expression); \
        if (try_result_ != KAIROS_OK) { \
            return try_result_;        \
        }                              \
    } while (0)

/* Log which error occurred (only on the failure path, so it costs nothing when
 * the instruction succeeds). */
void log_error(u64 code);

#endif /* KAIROS_ANCHOR_ERRORS_H */
