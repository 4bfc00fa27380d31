/*
 * Portfolio risk limits (docs/ARCHITECTURE.md, "Portfolio risk limits"; issue 16).
 *
 * RiskParameters (PDA ["risk_parameters"], one per exchange): up to
 * MAX_RISK_FACTORS risk factors, each an oracle (the distinct oracles of the
 * perp markets and collateral assets the admin lists), with a published EWMA
 * daily volatility (u32, 1e-6) and a correlation matrix (i16, 1e-4, full
 * 16 × 16 row-major; symmetric, unit diagonal, positive semi-definite within
 * RISK_PSD_TOLERANCE), the caps and defaults of per-account limits.
 *
 * RiskLimits (PDA ["risk_limits", margin_account]): the account's limits, a
 * pending loosening, the lazy day-open equity and high-water mark, and the
 * reduce-only state. MarginAccount.risk_limits_enabled = 1 once it exists;
 * from then on every instruction where risk grows takes, right after the
 * health accounts, the RiskLimits (writable) then the RiskParameters.
 *
 * Invariants:
 *  1. A RiskLimits is only created by create_risk_limits, at its canonical
 *     PDA, with margin_account and owner linked; the flag on the margin account
 *     is set in the same instruction and never cleared.
 *  2. active limits are always within the caps that applied when they were
 *     set; a pending loosening is applied only once its time has come, and
 *     only if it is within the caps then.
 *  3. A published matrix passed the PSD check; set_risk_factors clears every
 *     published figure (publish_slot = 0: stale until the next publish).
 */
#ifndef KAIROS_RISK_RISK_H
#define KAIROS_RISK_RISK_H

#include "generated/kairos_idl.h"
#include "health/health.h"
#include "sol/input.h"
#include "sol/sysvars.h"
#include "state/orderbook.h"
#include "validate/accounts.h"

/* PSD check (risk_check_correlation): LDLᵀ of C + τI in fixed point, scale
 * RISK_LDL_SCALE per 1 (= 1e-4 × 1024: a correlation in bps converts
 * exactly), every pivot must be > 0. τ = RISK_PSD_TOLERANCE / scale = 2^-12 ≈
 * 2.44e-4, so a matrix is accepted iff its smallest eigenvalue is > −τ (up to
 * the elimination's rounding, far below τ). */
#define RISK_LDL_SCALE 10240000LL
#define RISK_PSD_TOLERANCE 2500LL

/* Seconds in a UTC day (the daily-loss checkpoint). */
#define RISK_DAY_SECONDS 86400LL

/* Limits' ranges (bps): ratios to equity may exceed 100 %. */
#define RISK_MAX_RATIO_BPS 10000000U /* 1000× */
#define RISK_MAX_SHARE_BPS 10000U

/* Significant bits kept of the largest factor term in the quadratic forms
 * (risk_quadratic_root): |d| < 2^20, ρ ≤ 10^4 < 2^14, at most 16 + 120 terms
 * of at most 2^54 each: the sum stays below 2^62. */
#define RISK_QUADRATIC_BITS 20

/* A metric that cannot be measured (no equity against exposure). */
#define RISK_UNBOUNDED 0xFFFFFFFFFFFFFFFFULL

KAIROS_INLINE RiskParameters *risk_parameters_state(AccountView account) {
    return (RiskParameters *)(account_data(account) + DISCRIMINATOR_BYTES);
}

KAIROS_INLINE RiskLimits *risk_limits_state(AccountView account) {
    return (RiskLimits *)(account_data(account) + DISCRIMINATOR_BYTES);
}

/* Events carry RiskLimitValues and RiskMetrics flattened into scalar fields (the
 * service stores every event field as a column); the fields keep the struct's
 * order and sizes, so one copy fills them. */
#define RISK_COPY_FLAT(event_type, event, first, last, source)                            \
    do {                                                                                  \
        _Static_assert(__builtin_offsetof(event_type, last) -                             \
                               __builtin_offsetof(event_type, first) +                    \
                               sizeof(((event_type *)0)->last) ==                         \
                           sizeof(source),                                                \
                       "the flattened fields are the struct's bytes, in order");          \
        sol_memcpy_((void *)&(event).first, &(source), sizeof(source));                   \
    } while (0)

/* ---- publishing ---- */

/* Ranges, symmetry, unit diagonal, zero outside factor_count, then the PSD
 * check; *min_pivot receives the smallest LDL pivot (scale RISK_LDL_SCALE,
 * shift included). RiskParametersInvalid or CorrelationNotPositiveSemiDefinite. */
u64 risk_check_published(const PublishRiskParamsArgs *args, u8 factor_count, i64 *min_pivot);

/* ---- limits ---- */

/* Ranges of one set of values (RiskLimitsInvalid). */
u64 risk_check_limit_ranges(const RiskLimitValues *values);

/* Within the caps (RiskLimitAboveCap): a capped limit must be set and not
 * looser than its cap; the cooldown at least the caps' minimum. */
u64 risk_check_limit_caps(const RiskLimitValues *values, const RiskLimitValues *caps);

/* Per field, the tighter of a and b. */
void risk_limits_tighter(const RiskLimitValues *a, const RiskLimitValues *b,
                         RiskLimitValues *out);

/* Apply a pending loosening whose time has come (dropped if the caps now
 * refuse it). */
void risk_apply_pending(RiskLimits *limits, const RiskParameters *params, i64 now);

/* ---- evaluation ---- */

/* Every metric of an account (RiskMetrics, the IDL type), plus per
 * RiskLimitKind the value compared with its bound. */
typedef struct RiskEvaluation {
    RiskMetrics metrics;
    u64 values[8];
    bool factors_measured; /* VaR and correlated exposure could be measured */
} RiskEvaluation;

/* What the caller does with the evaluation. */
typedef enum RiskAction {
    RISK_ACTION_VIEW = 0,       /* compute_risk: record checkpoints and transitions */
    RISK_ACTION_REDUCING = 1,   /* an order that only reduced: same as a view */
    RISK_ACTION_INCREASING = 2, /* refuse on any breach or while reduce-only */
} RiskAction;

typedef struct RiskCheck {
    const ProgramInput *input;
    AccountView margin_account;
    RiskLimits *limits;
    const RiskParameters *params;
    const HealthExposures *exposures;
    const HealthResult *health;
    const SolClock *clock;
    RiskAction action;
    /* Withdrawals: the withdrawn value, taken off the day-open equity and the
     * high-water mark before they are compared (a withdrawal is not a loss). */
    u64 withdrawn_value;
    /* Orders with a liquidity limit: lots taken and the opposite side's depth
     * within the band, measured before matching (0, 0 otherwise). */
    u64 taken_lots;
    u64 depth_lots;
    bool liquidity_measured;
    /* A withdrawal: passes reduce-only when no perp exposure is left. */
    bool withdrawal;
} RiskCheck;

/* Checkpoint (day open, high-water mark, pending limits), compute every
 * metric, then: INCREASING refuses on reduce-only or any breach with the
 * limit's error; VIEW/REDUCING record a daily-loss/drawdown reduce-only
 * transition with a RiskLimitBreached event. */
u64 risk_evaluate(const RiskCheck *check, RiskEvaluation *out);

/* The opposite side's lots resting within `band_bps` of the oracle price per
 * lot (the liquidity limit's depth). */
u64 risk_book_depth(Orderbook *book, u8 taker_side, u64 oracle_per_lot, u32 band_bps,
                    u64 *depth);

/* ---- the trailing accounts of instructions where risk grows ---- */

typedef struct RiskTail {
    bool enabled;
    AccountView risk_limits;
    AccountView risk_parameters;
    u64 end_health_account; /* for HealthRequest.end_health_account (0: none) */
} RiskTail;

/* When the margin account has risk limits, the last `extra + 2` accounts are
 * [RiskLimits, RiskParameters, extra...]: checked, and the health accounts
 * end before them. */
u64 risk_open_tail(const ProgramInput *input, AccountView margin_account, u64 extra,
                   RiskTail *tail);

/* risk_evaluate on the tail's accounts (check->limits and params are filled
 * from it). */
u64 risk_check_tail(const RiskTail *tail, RiskCheck *check);

/* Before an order matches: apply a due loosening and, when the account has a
 * liquidity limit, measure the opposite side's depth within its band
 * (*measured = false otherwise). */
typedef struct RiskDepth {
    i64 now;       /* in: the clock's unix time */
    u64 lots;      /* out: the depth */
    bool measured; /* out: the account has a liquidity limit */
} RiskDepth;

u64 risk_order_depth(const RiskTail *tail, Orderbook *book, u8 taker_side, u64 oracle_per_lot,
                     RiskDepth *depth);

/* A non-quote withdrawal's value at the oracle's low price (as health values the
 * asset), the oracle being the instruction's last account. */
u64 risk_withdrawn_value(const ProgramInput *input, const CollateralAsset *asset, u64 amount,
                         const SolClock *clock, u64 *value);

/* Give the health walk the factor tables when the account's limits need the
 * factor figures (VaR, correlated exposure, concentration), so it groups the
 * exposures by risk factor in the same pass; applies a due loosening first. */
void risk_exposures_init(const RiskTail *tail, i64 now, HealthExposures *exposures);

#endif /* KAIROS_RISK_RISK_H */
