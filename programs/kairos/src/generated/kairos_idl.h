/*
 * GENERATED from idl/kairos.json by kairos.toolchain.idl_header: do not edit.
 * Regenerate with `python scripts/gen_idl_header.py` (kairos build does it too);
 * tests/clients/kairos/toolchain/test_idl_header.py fails when this file is stale.
 */
#ifndef KAIROS_GENERATED_IDL_H
#define KAIROS_GENERATED_IDL_H

#include "sol/types.h"
#include "sol/pubkey.h"

/* u128 fields are stored as two little-endian u64 halves (8-byte aligned). */
typedef struct KairosU128 { u64 lo; u64 hi; } KairosU128;

#define KAIROS_PROGRAM_ID_BYTES { 0x7e, 0xf3, 0x43, 0x7f, 0x51, 0xb7, 0x98, 0x9a, 0x04, 0xd3, 0xc9, 0x3b, 0xc6, 0xb5, 0x1e, 0xa9, 0xb7, 0x3f, 0xd6, 0x44, 0x23, 0x53, 0x4b, 0x0d, 0x7a, 0x5e, 0xb6, 0x8c, 0xeb, 0x6c, 0x2f, 0x1f }

/* Anchor discriminators, read as little-endian u64 from the first 8 bytes. */
#define KAIROS_IX_INITIALIZE_EXCHANGE 0x1360cfe4a67469e0ULL
#define KAIROS_ACCOUNT_DISC_EXCHANGE 0x32683d0395dcc81eULL
#define KAIROS_EVENT_DISC_EXCHANGE_INITIALIZED 0x68e6f31da0bb9ac8ULL

/* Program errors (Anchor custom errors start at 6000). */
enum KairosError {
    KAIROS_ERR_MATH_OVERFLOW = 6000,
    KAIROS_ERR_INVALID_MINT = 6001,
    KAIROS_ERR_INSTRUCTION_HALTED = 6002,
    KAIROS_ERR_UNAUTHORIZED = 6003,
};

/* type InitializeExchangeArgs (naturally aligned) */
typedef struct InitializeExchangeArgs {
    u64 keeper_reward_lamports; /* offset 0 */
} InitializeExchangeArgs;
_Static_assert(sizeof(InitializeExchangeArgs) == 8, "InitializeExchangeArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(InitializeExchangeArgs, keeper_reward_lamports) == 0, "InitializeExchangeArgs.keeper_reward_lamports offset differs from the IDL");

/* account Exchange: data[8..] (zero-copy, after the discriminator) */
typedef struct Exchange {
    SolPubkey admin; /* offset 0 */
    SolPubkey quote_mint; /* offset 32 */
    SolPubkey insurance_vault; /* offset 64 */
    u64 instruction_gate; /* offset 96 */
    u64 keeper_reward_lamports; /* offset 104 */
    u8 bump; /* offset 112 */
    u8 version; /* offset 113 */
    u8 padding[6]; /* offset 114 */
    u8 reserved[128]; /* offset 120 */
} Exchange;
_Static_assert(sizeof(Exchange) == 248, "Exchange size differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, admin) == 0, "Exchange.admin offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, quote_mint) == 32, "Exchange.quote_mint offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, insurance_vault) == 64, "Exchange.insurance_vault offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, instruction_gate) == 96, "Exchange.instruction_gate offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, keeper_reward_lamports) == 104, "Exchange.keeper_reward_lamports offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, bump) == 112, "Exchange.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, version) == 113, "Exchange.version offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, padding) == 114, "Exchange.padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, reserved) == 120, "Exchange.reserved offset differs from the IDL");

#define KAIROS_EXCHANGE_ACCOUNT_SIZE (8 + 248)

/* event ExchangeInitialized (borsh) */
typedef struct __attribute__((packed)) ExchangeInitializedEvent {
    SolPubkey exchange; /* offset 0 */
    SolPubkey admin; /* offset 32 */
    SolPubkey quote_mint; /* offset 64 */
    u64 keeper_reward_lamports; /* offset 96 */
} ExchangeInitializedEvent;
_Static_assert(sizeof(ExchangeInitializedEvent) == 104, "ExchangeInitializedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(ExchangeInitializedEvent, exchange) == 0, "ExchangeInitializedEvent.exchange offset differs from the IDL");
_Static_assert(__builtin_offsetof(ExchangeInitializedEvent, admin) == 32, "ExchangeInitializedEvent.admin offset differs from the IDL");
_Static_assert(__builtin_offsetof(ExchangeInitializedEvent, quote_mint) == 64, "ExchangeInitializedEvent.quote_mint offset differs from the IDL");
_Static_assert(__builtin_offsetof(ExchangeInitializedEvent, keeper_reward_lamports) == 96, "ExchangeInitializedEvent.keeper_reward_lamports offset differs from the IDL");

typedef struct __attribute__((packed)) ExchangeInitializedEventRecord {
    u64 discriminator;
    ExchangeInitializedEvent event;
} ExchangeInitializedEventRecord;
#define EXCHANGE_INITIALIZED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_EXCHANGE_INITIALIZED }

/* instruction initializeExchange: account indices */
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_EXCHANGE 0
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_ADMIN 1
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_QUOTE_MINT 2
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_SYSTEM_PROGRAM 3
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNTS_LEN 4
/* instruction initializeExchange: borsh args */
typedef struct __attribute__((packed)) InitializeExchangeIxArgs {
    InitializeExchangeArgs args; /* offset 0 */
} InitializeExchangeIxArgs;
_Static_assert(sizeof(InitializeExchangeIxArgs) == 8, "InitializeExchangeIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(InitializeExchangeIxArgs, args) == 0, "InitializeExchangeIxArgs.args offset differs from the IDL");

/* Name and message of a program error, for logs. */
static inline const char *kairos_error_name(u64 code, u64 *length) {
    switch (code) {
    case 6000: *length = 33; return "MathOverflow: Arithmetic overflow";
    case 6001: *length = 49; return "InvalidMint: The account is not an SPL token mint";
    case 6002: *length = 80; return "InstructionHalted: This instruction is halted by the exchange's instruction gate";
    case 6003: *length = 61; return "Unauthorized: The signer is not the authority of this account";
    default: *length = 0; return "";
    }
}

#endif /* KAIROS_GENERATED_IDL_H */
