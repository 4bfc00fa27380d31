/*
 * The one place prices are read (docs/ARCHITECTURE.md, "Oracle checks"). A Pyth
 * PriceUpdateV2 reader would be added here, chosen by the account's owner.
 */
#ifndef KAIROS_ORACLE_ORACLE_H
#define KAIROS_ORACLE_ORACLE_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "sol/sysvars.h"

/* A validated price: price x 10^exponent, confidence in the same exponent. */
typedef struct OraclePrice {
    i64 price;      /* > 0 */
    u64 confidence; /* <= price * max_confidence_bps / 10000 */
    i32 exponent;
} OraclePrice;

/* What the consumer (a collateral asset or a perp market) requires of it. */
typedef struct OracleRequirements {
    const SolPubkey *expected_key; /* the oracle stored in the asset or market */
    u32 max_staleness_slots;
    u16 max_confidence_bps;
} OracleRequirements;

/* Validate `account` (owner, discriminator, size, key) and read a fresh price. */
u64 oracle_read(const ProgramInput *input, AccountView account,
                const OracleRequirements *requirements, const SolClock *clock,
                OraclePrice *out);

#endif /* KAIROS_ORACLE_ORACLE_H */
