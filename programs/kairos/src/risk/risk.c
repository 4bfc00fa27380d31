/*
 * Portfolio risk limits: validation of published parameters (with the PSD
 * check), of per-account limits, and the evaluation every risk-increasing
 * instruction runs (risk/risk.h; docs/ARCHITECTURE.md, "Portfolio risk
 * limits"). Mirrored exactly, integer for integer, by kairos.risk.
 */
#include "risk/risk.h"

#include "anchor/errors.h"
#include "anchor/event.h"
#include "math/fixed.h"
#include "math/u128.h"
#include "state/margin_account.h"
#include "oracle/oracle.h"
#include "oracle/price.h"
#include "state/exchange.h"
#include "state/orderbook.h"
#include "validate/links.h"

_Static_assert(KAIROS_ERR_RISK_LEVERAGE_LIMIT + KAIROS_RISK_LIMIT_KIND_LIQUIDITY ==
                   KAIROS_ERR_RISK_LIQUIDITY_LIMIT,
               "one breach error per RiskLimitKind, in the same order");
_Static_assert(KAIROS_MAX_RISK_FACTORS == 16, "the matrix is 16 x 16");

#define RISK_LIMIT_KINDS 8
/* Below these, a product fits a u64 and native arithmetic gives the same exact
 * result as the 128-bit path at a fraction of the cost. */
#define RISK_NATIVE_BPS_MAX (0xFFFFFFFFFFFFFFFFULL / BPS_PER_UNIT)
#define RISK_NATIVE_EXPOSURE_MAX (1ULL << 43) /* × a volatility < 2^20 */

u64 risk_open_tail(const ProgramInput *input, AccountView margin_account, u64 extra,
                   RiskTail *tail) {
    tail->enabled = false;
    tail->end_health_account = 0;
    if (margin_account_state(margin_account)->risk_limits_enabled == 0) {
        return KAIROS_OK;
    }
    /* The fixed accounts and at least the quote health account come first. */
    if (input->account_count < extra + 3) {
        return KAIROS_ERR_RISK_ACCOUNTS_MISSING;
    }
    u64 first = input->account_count - extra - 2;
    tail->risk_limits = input->accounts[first];
    tail->risk_parameters = input->accounts[first + 1];
    TRY(require_risk_accounts(input->program_id, margin_account, tail->risk_limits,
                              tail->risk_parameters, true));
    tail->enabled = true;
    tail->end_health_account = first;
    return KAIROS_OK;
}

/* ---- publishing: ranges and the PSD check ---- */

/* LDLᵀ of C + τI (scale RISK_LDL_SCALE) over the leading n × n block, in
 * place on the upper triangle; each update truncates toward zero. */
static u64 risk_ldl_min_pivot(i64 m[KAIROS_MAX_RISK_FACTORS][KAIROS_MAX_RISK_FACTORS], u64 n,
                              i64 *min_pivot) {
    i64 smallest = I64_MAX;
    for (u64 k = 0; k < n; k++) {
        i64 pivot = m[k][k];
        if (pivot <= 0) {
            return KAIROS_ERR_CORRELATION_NOT_POSITIVE_SEMI_DEFINITE;
        }
        smallest = pivot < smallest ? pivot : smallest;
        for (u64 i = k + 1; i < n; i++) {
            i64 a = m[k][i];
            if (a == 0) {
                continue;
            }
            for (u64 j = i; j < n; j++) {
                i64 product;
                i64 quotient;
                /* A positive definite matrix keeps |entries| <= its diagonal
                 * (< 2^24): an overflow here means it is not one. */
                if (!i64_checked_mul(a, m[k][j], &product) ||
                    !i64_div_trunc(product, pivot, &quotient) ||
                    !i64_checked_sub(m[i][j], quotient, &m[i][j])) {
                    return KAIROS_ERR_CORRELATION_NOT_POSITIVE_SEMI_DEFINITE;
                }
            }
        }
    }
    *min_pivot = smallest;
    return KAIROS_OK;
}

u64 risk_check_published(const PublishRiskParamsArgs *args, u8 factor_count, i64 *min_pivot) {
    if (args->factor_count != factor_count || factor_count == 0 ||
        factor_count > KAIROS_MAX_RISK_FACTORS || args->max_staleness_slots == 0 ||
        args->half_life_seconds == 0) {
        return KAIROS_ERR_RISK_PARAMETERS_INVALID;
    }
    i64 m[KAIROS_MAX_RISK_FACTORS][KAIROS_MAX_RISK_FACTORS];
    for (u64 i = 0; i < KAIROS_MAX_RISK_FACTORS; i++) {
        u32 vol = args->volatility_ppm[i];
        if (i < factor_count ? vol > KAIROS_RISK_VOLATILITY_ONE : vol != 0) {
            return KAIROS_ERR_RISK_PARAMETERS_INVALID;
        }
        for (u64 j = 0; j < KAIROS_MAX_RISK_FACTORS; j++) {
            i16 c = args->correlation_bps[i * KAIROS_MAX_RISK_FACTORS + j];
            bool inside = i < factor_count && j < factor_count;
            if (!inside) {
                if (c != 0) {
                    return KAIROS_ERR_RISK_PARAMETERS_INVALID;
                }
                continue;
            }
            if (c > KAIROS_RISK_CORRELATION_ONE || c < -KAIROS_RISK_CORRELATION_ONE ||
                (i == j && c != KAIROS_RISK_CORRELATION_ONE) ||
                c != args->correlation_bps[j * KAIROS_MAX_RISK_FACTORS + i]) {
                return KAIROS_ERR_RISK_PARAMETERS_INVALID;
            }
            if (j >= i) {
                m[i][j] = (i64)c * (RISK_LDL_SCALE / KAIROS_RISK_CORRELATION_ONE) +
                          (i == j ? RISK_PSD_TOLERANCE : 0);
            }
        }
    }
    return risk_ldl_min_pivot(m, factor_count, min_pivot);
}

/* ---- limits ---- */

u64 risk_check_limit_ranges(const RiskLimitValues *v) {
    if (v->max_leverage_bps > RISK_MAX_RATIO_BPS || v->max_position_bps > RISK_MAX_RATIO_BPS ||
        v->max_correlated_exposure_bps > RISK_MAX_RATIO_BPS ||
        v->max_concentration_bps > RISK_MAX_SHARE_BPS ||
        v->max_daily_loss_bps > RISK_MAX_SHARE_BPS || v->max_drawdown_bps > RISK_MAX_SHARE_BPS ||
        v->max_var_bps > RISK_MAX_SHARE_BPS || v->max_liquidity_take_bps > RISK_MAX_SHARE_BPS ||
        v->liquidity_band_bps > RISK_MAX_SHARE_BPS ||
        (v->max_liquidity_take_bps != 0 && v->liquidity_band_bps == 0) ||
        v->loosen_cooldown_seconds > KAIROS_RISK_MAX_COOLDOWN_SECONDS) {
        return KAIROS_ERR_RISK_LIMITS_INVALID;
    }
    return KAIROS_OK;
}

/* The nine "0: no limit, smaller is tighter" fields, in RiskLimitValues order
 * (the liquidity band last: a narrower band counts less depth, so it is
 * tighter too). */
#define RISK_BOUND_FIELDS 9
_Static_assert(__builtin_offsetof(RiskLimitValues, liquidity_band_bps) ==
                       (RISK_BOUND_FIELDS - 1) * sizeof(u32) &&
                   __builtin_offsetof(RiskLimitValues, loosen_cooldown_seconds) ==
                       RISK_BOUND_FIELDS * sizeof(u32),
               "the bound fields come first, the cooldown last");

KAIROS_INLINE const u32 *risk_fields(const RiskLimitValues *values) {
    return (const u32 *)values;
}

u64 risk_check_limit_caps(const RiskLimitValues *values, const RiskLimitValues *caps) {
    const u32 *v = risk_fields(values);
    const u32 *c = risk_fields(caps);
    for (u64 i = 0; i < RISK_BOUND_FIELDS; i++) {
        /* The band is capped only where a take limit applies. */
        if (i == RISK_BOUND_FIELDS - 1 && values->max_liquidity_take_bps == 0) {
            continue;
        }
        if (c[i] != 0 && (v[i] == 0 || v[i] > c[i])) {
            return KAIROS_ERR_RISK_LIMIT_ABOVE_CAP;
        }
    }
    return values->loosen_cooldown_seconds >= caps->loosen_cooldown_seconds
               ? KAIROS_OK
               : KAIROS_ERR_RISK_LIMIT_ABOVE_CAP;
}

void risk_limits_tighter(const RiskLimitValues *a, const RiskLimitValues *b,
                         RiskLimitValues *out) {
    const u32 *x = risk_fields(a);
    const u32 *y = risk_fields(b);
    u32 *o = (u32 *)out;
    for (u64 i = 0; i < RISK_BOUND_FIELDS; i++) {
        if (x[i] == 0) {
            o[i] = y[i];
        } else if (y[i] == 0) {
            o[i] = x[i];
        } else {
            o[i] = x[i] < y[i] ? x[i] : y[i];
        }
    }
    o[RISK_BOUND_FIELDS] = x[RISK_BOUND_FIELDS] > y[RISK_BOUND_FIELDS] ? x[RISK_BOUND_FIELDS]
                                                                       : y[RISK_BOUND_FIELDS];
}

void risk_apply_pending(RiskLimits *limits, const RiskParameters *params, i64 now) {
    if (limits->pending_effective_timestamp == 0 || now < limits->pending_effective_timestamp) {
        return;
    }
    if (risk_check_limit_caps(&limits->pending, &params->caps) == KAIROS_OK) {
        limits->active = limits->pending;
    }
    limits->pending_effective_timestamp = 0;
    sol_memset_(&limits->pending, 0, sizeof(limits->pending));
}

/* ---- evaluation ---- */

/* value × 10,000 / base (floor); 0 for a zero value; RISK_UNBOUNDED when
 * base is 0 against a value, or on overflow. */
static u64 risk_share_bps(u64 value, u64 base) {
    if (value == 0) {
        return 0;
    }
    if (base == 0) {
        return RISK_UNBOUNDED;
    }
    if (value <= RISK_NATIVE_BPS_MAX) { /* value × 10,000 fits a u64: native */
        return value * BPS_PER_UNIT / base;
    }
    u64 ratio;
    return mul_div_floor(value, BPS_PER_UNIT, base, &ratio) ? ratio : RISK_UNBOUNDED;
}

/* The same against a signed base (equity): a base <= 0 is 0. */
static u64 risk_ratio_bps(u64 value, i64 base) {
    return risk_share_bps(value, base > 0 ? (u64)base : 0);
}

/* floor(sqrt(v)) by Newton's method from above. */
static u64 risk_isqrt(u64 v) {
    if (v == 0) {
        return 0;
    }
    u64 bits = 64 - u64_leading_zeros(v);
    u64 x = 1ULL << ((bits + 1) / 2); /* >= sqrt(v) */
    for (;;) {
        u64 y = (x + v / x) >> 1;
        if (y >= x) {
            return x;
        }
        x = y;
    }
}


/* The 20-bit cut of a dense factor vector: d = sign × (|x| >> k) with k =
 * max(0, bitlen(max |x|) − RISK_QUADRATIC_BITS); returns k. */
static u64 risk_cut(const i64 x[KAIROS_MAX_RISK_FACTORS], u64 end, i64 d[KAIROS_MAX_RISK_FACTORS]) {
    u64 largest = 0;
    for (u64 f = 0; f < end; f++) {
        u64 magnitude = i64_unsigned_abs(x[f]);
        largest = magnitude > largest ? magnitude : largest;
    }
    u64 bits = largest == 0 ? 0 : 64 - u64_leading_zeros(largest);
    u64 shift = bits > RISK_QUADRATIC_BITS ? bits - RISK_QUADRATIC_BITS : 0;
    for (u64 f = 0; f < end; f++) {
        i64 magnitude = (i64)(i64_unsigned_abs(x[f]) >> shift);
        d[f] = x[f] < 0 ? -magnitude : magnitude;
    }
    return shift;
}

/* floor(isqrt(sum) × multiplier × 2^shift / 100,000): sqrt(sum / 10^4) = root /
 * 100, × multiplier / 1000, scaled back by the cut. */
static u64 risk_root(i64 sum, u64 shift, u64 multiplier, u64 *out) {
    u64 root = risk_isqrt(sum > 0 ? (u64)sum : 0);
    /* root × multiplier < 2^31 × 2^12: native while the shift keeps it a u64. */
    u64 scaled = root * multiplier;
    if (shift <= 20) {
        *out = (scaled << shift) / 100000;
        return KAIROS_OK;
    }
    return mul_div_floor(scaled, 1ULL << shift, 100000, out) ? KAIROS_OK
                                                            : KAIROS_ERR_MATH_OVERFLOW;
}

/* Both quadratic forms in one pass over the correlation matrix:
 *   VaR        = 2.326 × sqrt(Σ_f Σ_g D_f D_g ρ_fg),  D = dollar volatility
 *   correlated = sqrt(Σ_f Σ_g E_f E_g ρ_fg),          E = net exposure
 * each on its own 20-bit cut (risk.h: the sums stay below 2^62). Vectors are
 * dense by factor id (0: the account has nothing there); `end` is one past the
 * highest id with anything. */
typedef struct RiskQuadratic {
    i64 dollar_vol[KAIROS_MAX_RISK_FACTORS];
    i64 net[KAIROS_MAX_RISK_FACTORS];
    u64 end;
    u64 var_quote;
    u64 correlated_quote;
} RiskQuadratic;

static u64 risk_quadratic_forms(const RiskParameters *params, RiskQuadratic *q) {
    i64 a[KAIROS_MAX_RISK_FACTORS];
    i64 b[KAIROS_MAX_RISK_FACTORS];
    u64 shift_a = risk_cut(q->dollar_vol, q->end, a);
    u64 shift_b = risk_cut(q->net, q->end, b);
    /* Interleaved (a_g, b_g) so the inner loop walks one array. */
    i64 ab[2 * KAIROS_MAX_RISK_FACTORS];
    for (u64 f = 0; f < q->end; f++) {
        ab[2 * f] = a[f];
        ab[2 * f + 1] = b[f];
    }
    i64 sum_a = 0;
    i64 sum_b = 0;
    const i16 *row = params->correlation_bps;
    for (u64 f = 0; f < q->end; f++, row += KAIROS_MAX_RISK_FACTORS) {
        i64 af = ab[2 * f];
        i64 bf = ab[2 * f + 1];
        if ((af | bf) == 0) {
            continue;
        }
        i64 cross_a = 0;
        i64 cross_b = 0;
        const i64 *pair = &ab[2 * (f + 1)];
        const i16 *rho = &row[f + 1];
        const i16 *rho_end = &row[q->end];
        for (; rho < rho_end; rho++, pair += 2) {
            i64 r = *rho;
            cross_a += pair[0] * r;
            cross_b += pair[1] * r;
        }
        sum_a += af * (af * KAIROS_RISK_CORRELATION_ONE + 2 * cross_a);
        sum_b += bf * (bf * KAIROS_RISK_CORRELATION_ONE + 2 * cross_b);
    }
    TRY(risk_root(sum_a, shift_a, KAIROS_RISK_VAR_Z_MILLIS, &q->var_quote));
    return risk_root(sum_b, shift_b, 1000, &q->correlated_quote);
}

static bool risk_params_fresh(const RiskParameters *params, const SolClock *clock) {
    /* Published: publish_risk_params requires a non-zero staleness bound and
     * set_risk_factors clears it (a publish at slot 0 is a publish too). */
    return params->max_staleness_slots != 0 && params->factor_count != 0 &&
           clock->slot >= params->publish_slot &&
           clock->slot - params->publish_slot <= params->max_staleness_slots;
}

/* The lazy checkpoints: the first evaluation of a UTC day sets the day-open
 * equity (and ends a reduce-only period that ran until then); the high-water
 * mark follows equity up. */
static void risk_checkpoint(RiskLimits *limits, i64 equity, i64 now) {
    i64 day = 0;
    i64_div_floor(now, RISK_DAY_SECONDS, &day);
    day += 1;
    if (limits->day_index != day) {
        if (limits->day_index == 0) {
            limits->high_water_mark = equity;
        }
        limits->day_index = day;
        limits->day_open_equity = equity;
    }
    if (equity > limits->high_water_mark) {
        limits->high_water_mark = equity;
    }
    if (limits->reduce_only_until != 0 && limits->reduce_only_until <= now) {
        limits->reduce_only_until = 0;
        limits->reduce_only_reason = 0;
    }
    limits->last_equity = equity;
}

/* Take what was withdrawn (not a loss) off a positive checkpoint, down to 0. */
static i64 risk_less_withdrawn(i64 checkpoint, u64 withdrawn) {
    if (checkpoint <= 0) {
        return checkpoint;
    }
    return (u64)checkpoint <= withdrawn ? 0 : checkpoint - (i64)withdrawn;
}

/* The drop from `reference` to `equity` in bps of the reference. */
static u64 risk_drop_bps(i64 reference, i64 equity) {
    if (equity >= reference) {
        return 0;
    }
    u64 drop = (u64)reference - (u64)equity; /* two's complement: exact for i64 */
    return risk_ratio_bps(drop, reference);
}

static void risk_emit_breach(AccountView margin_account, u8 kind, u64 value, u64 bound,
                             i64 until) {
    RiskLimitBreachedEventRecord record = RISK_LIMIT_BREACHED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &margin_account->key);
    record.event.limit = kind;
    record.event.value = value;
    record.event.bound = bound;
    record.event.reduce_only_until = until;
    EMIT_EVENT(record);
}

u64 risk_evaluate(const RiskCheck *check, RiskEvaluation *out) {
    RiskLimits *limits = check->limits;
    const RiskParameters *params = check->params;
    const HealthExposures *exposures = check->exposures;
    i64 now = check->clock->unix_timestamp;
    risk_apply_pending(limits, params, now);
    const RiskLimitValues *active = &limits->active;
    i64 equity = exposures->equity;
    if (check->withdrawn_value != 0) {
        limits->day_open_equity = risk_less_withdrawn(limits->day_open_equity,
                                                      check->withdrawn_value);
        limits->high_water_mark = risk_less_withdrawn(limits->high_water_mark,
                                                      check->withdrawn_value);
    }
    risk_checkpoint(limits, equity, now);

    RiskMetrics *m = &out->metrics;
    sol_memset_(out, 0, sizeof(*out));
    m->equity = equity;
    m->day_open_equity = limits->day_open_equity;
    m->high_water_mark = limits->high_water_mark;
    m->maint_requirement = check->health->maint_requirement;
    m->weighted_collateral = check->health->weighted_collateral;
    m->utilization_bps =
        risk_share_bps(check->health->maint_requirement, check->health->weighted_collateral);
    u64 gross_exposure;
    u64 gross_notional = exposures->gross_notional;
    u64 largest_position = exposures->largest_position;
    if (!u64_checked_add(exposures->gross_exposure,
                         exposures->quote_term > 0 ? (u64)exposures->quote_term : 0,
                         &gross_exposure)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    m->gross_notional = gross_notional;
    m->leverage_bps = risk_ratio_bps(gross_notional, equity);
    m->max_position_bps = risk_ratio_bps(largest_position, equity);
    m->daily_loss_bps = risk_drop_bps(limits->day_open_equity, equity);
    m->drawdown_bps = risk_drop_bps(limits->high_water_mark, equity);

    /* A view computes every metric; an enforcing action only those it
     * compares (the others are reported unbounded and never read). */
    bool view = check->action == RISK_ACTION_VIEW;
    bool increasing = check->action == RISK_ACTION_INCREASING;
    bool need_var = view || (increasing && active->max_var_bps != 0);
    bool need_correlated = view || (increasing && active->max_correlated_exposure_bps != 0);
    bool need_factors = need_var || need_correlated ||
                        (increasing && active->max_concentration_bps != 0);
    /* The walk grouped by factor when given the tables (risk_exposures_init). */
    bool mapped = need_factors && exposures->mapped;
    u64 end = exposures->factor_seen == 0 ? 0 : 64 - u64_leading_zeros(exposures->factor_seen);
    m->concentration_bps = RISK_UNBOUNDED;
    m->var_quote = RISK_UNBOUNDED;
    m->var_bps = RISK_UNBOUNDED;
    m->correlated_exposure_quote = RISK_UNBOUNDED;
    m->correlated_exposure_bps = RISK_UNBOUNDED;
    if (mapped) {
        u64 largest_factor = 0;
        for (u64 f = 0; f < end; f++) {
            u64 gross = exposures->factor_gross[f];
            largest_factor = gross > largest_factor ? gross : largest_factor;
        }
        m->concentration_bps = risk_share_bps(largest_factor, gross_exposure);
    }
    out->factors_measured = mapped && risk_params_fresh(params, check->clock);
    if (out->factors_measured && (need_var || need_correlated)) {
        RiskQuadratic q;
        q.end = end;
        for (u64 f = 0; f < end; f++) {
            i64 net = exposures->factor_net[f];
            q.net[f] = net;
            u64 magnitude = i64_unsigned_abs(net);
            if (magnitude < RISK_NATIVE_EXPOSURE_MAX) {
                /* trunc(net × vol / 10^6), the product below 2^63. */
                i64 quotient =
                    (i64)(magnitude * params->volatility_ppm[f] / KAIROS_RISK_VOLATILITY_ONE);
                q.dollar_vol[f] = net < 0 ? -quotient : quotient;
            } else if (!i64_mul_div_trunc(net, params->volatility_ppm[f],
                                          KAIROS_RISK_VOLATILITY_ONE, &q.dollar_vol[f])) {
                return KAIROS_ERR_MATH_OVERFLOW;
            }
        }
        TRY(risk_quadratic_forms(params, &q));
        m->var_quote = q.var_quote;
        m->var_bps = risk_ratio_bps(q.var_quote, equity);
        m->correlated_exposure_quote = q.correlated_quote;
        m->correlated_exposure_bps = risk_ratio_bps(q.correlated_quote, equity);
    }
    u64 liquidity_bps = 0;
    if (check->liquidity_measured && check->taken_lots != 0) {
        liquidity_bps = check->depth_lots == 0
                            ? RISK_UNBOUNDED
                            : (mul_div_floor(check->taken_lots, BPS_PER_UNIT, check->depth_lots,
                                             &liquidity_bps)
                                   ? liquidity_bps
                                   : RISK_UNBOUNDED);
    }
    out->values[KAIROS_RISK_LIMIT_KIND_LEVERAGE] = m->leverage_bps;
    out->values[KAIROS_RISK_LIMIT_KIND_POSITION_SIZE] = m->max_position_bps;
    out->values[KAIROS_RISK_LIMIT_KIND_CONCENTRATION] = m->concentration_bps;
    out->values[KAIROS_RISK_LIMIT_KIND_DAILY_LOSS] = m->daily_loss_bps;
    out->values[KAIROS_RISK_LIMIT_KIND_DRAWDOWN] = m->drawdown_bps;
    out->values[KAIROS_RISK_LIMIT_KIND_VALUE_AT_RISK] = m->var_bps;
    out->values[KAIROS_RISK_LIMIT_KIND_CORRELATED_EXPOSURE] = m->correlated_exposure_bps;
    out->values[KAIROS_RISK_LIMIT_KIND_LIQUIDITY] = liquidity_bps;
    const u32 bounds[RISK_LIMIT_KINDS] = {
        active->max_leverage_bps,   active->max_position_bps,
        active->max_concentration_bps, active->max_daily_loss_bps,
        active->max_drawdown_bps,   active->max_var_bps,
        active->max_correlated_exposure_bps, active->max_liquidity_take_bps,
    };
    for (u64 kind = 0; kind < RISK_LIMIT_KINDS; kind++) {
        u64 value = out->values[kind];
        m->headroom[kind] = bounds[kind] == 0 ? I64_MAX
                            : value >= (u64)I64_MAX ? I64_MIN
                                                    : (i64)bounds[kind] - (i64)value;
    }
    m->reduce_only_until = limits->reduce_only_until;

    /* Daily loss and drawdown: a breach puts the account into reduce-only
     * until the next UTC day (recorded by an instruction that succeeds). */
    if (check->action != RISK_ACTION_INCREASING) {
        for (u64 kind = KAIROS_RISK_LIMIT_KIND_DAILY_LOSS; kind <= KAIROS_RISK_LIMIT_KIND_DRAWDOWN;
             kind++) {
            if (bounds[kind] != 0 && out->values[kind] > bounds[kind] &&
                limits->reduce_only_until <= now) {
                i64 day;
                i64_div_floor(now, RISK_DAY_SECONDS, &day);
                limits->reduce_only_until = (day + 1) * RISK_DAY_SECONDS;
                limits->reduce_only_reason = (u8)(kind + 1);
                limits->last_breach_timestamp = now;
                limits->reset_armed = 1;
                m->reduce_only_until = limits->reduce_only_until;
                risk_emit_breach(check->margin_account, (u8)kind, out->values[kind],
                                 bounds[kind], limits->reduce_only_until);
            }
        }
        return KAIROS_OK;
    }
    if (limits->reduce_only_until > now && !(check->withdrawal && gross_notional == 0)) {
        return KAIROS_ERR_RISK_REDUCE_ONLY;
    }
    /* Figures that need the published parameters. */
    if ((active->max_var_bps != 0 || active->max_correlated_exposure_bps != 0) &&
        !out->factors_measured) {
        return mapped ? KAIROS_ERR_RISK_PARAMETERS_STALE : KAIROS_ERR_RISK_FACTOR_MISSING;
    }
    if (active->max_concentration_bps != 0 && !mapped) {
        return KAIROS_ERR_RISK_FACTOR_MISSING;
    }
    for (u64 kind = 0; kind < RISK_LIMIT_KINDS; kind++) {
        if (bounds[kind] != 0 && out->values[kind] > bounds[kind]) {
            return KAIROS_ERR_RISK_LEVERAGE_LIMIT + kind;
        }
    }
    return KAIROS_OK;
}

u64 risk_book_depth(Orderbook *book, u8 taker_side, u64 oracle_per_lot, u32 band_bps,
                    u64 *depth) {
    u8 side = opposite_side(taker_side);
    u64 low;
    u64 high;
    u64 below = band_bps >= BPS_PER_UNIT ? 0 : BPS_PER_UNIT - band_bps;
    if (!mul_div_floor(oracle_per_lot, below, BPS_PER_UNIT, &low) ||
        !mul_div_ceil(oracle_per_lot, BPS_PER_UNIT + band_bps, BPS_PER_UNIT, &high)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    BookOrder *orders = book_side_orders(book, side);
    u32 count = *book_side_count(book, side);
    u64 total = 0;
    /* Best first (the end of the array); stop at the first price outside. */
    for (u32 i = count; i > 0; i--) {
        const BookOrder *order = &orders[i - 1];
        if (order->price < low || order->price > high) {
            /* Best-first: beyond the band on the far side, nothing more counts;
             * a best price outside on the near side (crossed oracle) is skipped. */
            if (side == SIDE_ASK ? order->price > high : order->price < low) {
                break;
            }
            continue;
        }
        if (!u64_checked_add(total, book_order_total_lots(order), &total)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
    }
    *depth = total;
    return KAIROS_OK;
}

u64 risk_check_tail(const RiskTail *tail, RiskCheck *check) {
    check->limits = risk_limits_state(tail->risk_limits);
    check->params = risk_parameters_state(tail->risk_parameters);
    RiskEvaluation evaluation;
    return risk_evaluate(check, &evaluation);
}

u64 risk_order_depth(const RiskTail *tail, Orderbook *book, u8 taker_side, u64 oracle_per_lot,
                     RiskDepth *depth) {
    depth->measured = false;
    depth->lots = 0;
    if (!tail->enabled) {
        return KAIROS_OK;
    }
    RiskLimits *limits = risk_limits_state(tail->risk_limits);
    risk_apply_pending(limits, risk_parameters_state(tail->risk_parameters), depth->now);
    if (limits->active.max_liquidity_take_bps == 0) {
        return KAIROS_OK;
    }
    depth->measured = true;
    return risk_book_depth(book, taker_side, oracle_per_lot, limits->active.liquidity_band_bps,
                           &depth->lots);
}

u64 risk_withdrawn_value(const ProgramInput *input, const CollateralAsset *asset, u64 amount,
                         const SolClock *clock, u64 *value) {
    AccountView oracle_account = input->accounts[input->account_count - 1];
    OracleRequirements requirements = {&asset->oracle, asset->max_staleness_slots,
                                       asset->max_confidence_bps};
    OraclePrice price;
    TRY(oracle_read(input, oracle_account, &requirements, clock, &price));
    u64 mid = (u64)price.price;
    u64 low = price.confidence < mid ? mid - price.confidence : 0;
    u8 quote_decimals = exchange_state(input->accounts[EXCHANGE_ACCOUNT_INDEX])->quote_decimals;
    i64 exponent = price_conversion_exponent(price.exponent, quote_decimals, asset->decimals);
    return scale_by_power_of_ten(amount, low, exponent, false, value) ? KAIROS_OK
                                                                     : KAIROS_ERR_MATH_OVERFLOW;
}

void risk_exposures_init(const RiskTail *tail, i64 now, HealthExposures *exposures) {
    exposures->perp_factor = NULL;
    exposures->collateral_factor = NULL;
    exposures->factor_count = 0;
    if (!tail->enabled) {
        return;
    }
    RiskLimits *limits = risk_limits_state(tail->risk_limits);
    const RiskParameters *params = risk_parameters_state(tail->risk_parameters);
    /* The limits risk_evaluate will compare (a due loosening applied first). */
    risk_apply_pending(limits, params, now);
    const RiskLimitValues *active = &limits->active;
    if (active->max_var_bps != 0 || active->max_correlated_exposure_bps != 0 ||
        active->max_concentration_bps != 0) {
        exposures->perp_factor = params->perp_factor;
        exposures->collateral_factor = params->collateral_factor;
        exposures->factor_count = params->factor_count;
    }
}
