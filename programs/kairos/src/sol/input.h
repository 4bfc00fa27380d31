/*
 * The loader's input buffer (the "aligned" serialization of loader v2/v3), read
 * in place: nothing is copied, account views point into the buffer, so writes
 * through them are the writes the runtime sees, and lengths changed by a CPI
 * (e.g. a system-program create_account) are visible immediately.
 *
 * Per account the runtime writes: a duplicate marker; for a non-duplicate the
 * header below, the data, MAX_PERMITTED_DATA_INCREASE bytes of room to grow,
 * padding to 8, and the rent epoch. A duplicate is 8 bytes: its index and padding.
 */
#ifndef KAIROS_SOL_INPUT_H
#define KAIROS_SOL_INPUT_H

#include "sol/pubkey.h"
#include "sol/types.h"

#define NON_DUPLICATE_MARKER 0xFF
/* The runtime reserves this much room after each account's data for realloc. */
#define MAX_PERMITTED_DATA_INCREASE 10240
/* Serialized fields are 8-byte aligned (BPF_ALIGN_OF_U128 in the runtime). */
#define INPUT_ALIGNMENT 8
/* A transaction can reference at most this many accounts (with a lookup table);
 * extra ones are rejected rather than silently dropped. */
#define MAX_INSTRUCTION_ACCOUNTS 64

typedef struct SolAccountHeader {
    u8 duplicate_marker; /* NON_DUPLICATE_MARKER for a first occurrence */
    u8 is_signer;
    u8 is_writable;
    u8 executable;
    u8 padding[4];
    SolPubkey key;
    SolPubkey owner;
    u64 lamports;
    u64 data_len;
    /* data_len bytes of data follow */
} SolAccountHeader;
_Static_assert(sizeof(SolAccountHeader) == 88, "serialized account header is 88 bytes");
_Static_assert(sizeof(SolAccountHeader) % INPUT_ALIGNMENT == 0, "data starts 8-aligned");

/* An account as the program sees it: a pointer to its serialized header. For a
 * duplicate, the pointer of its first occurrence. */
typedef SolAccountHeader *AccountView;

KAIROS_INLINE u8 *account_data(AccountView account) { return (u8 *)(account + 1); }

typedef struct ProgramInput {
    AccountView accounts[MAX_INSTRUCTION_ACCOUNTS];
    u64 account_count;
    const u8 *data;
    u64 data_len;
    const SolPubkey *program_id;
} ProgramInput;

/* Parse the buffer into `out`; false when it holds more accounts than we accept. */
bool parse_input(const u8 *input, ProgramInput *out);

#endif /* KAIROS_SOL_INPUT_H */
