/*
 * Account health (docs/ARCHITECTURE.md, "Health"), both weight sets in one walk:
 *
 *   H_W = quote_balance − pending borrow interest
 *       + Σ collateral floor(floor(amount × value_low) × asset_weight_W / 10,000)
 *       + Σ perp       min(h_W(all bids fill), h_W(all asks fill))
 *
 * with each position's quote_position less the socialized loss it owes.
 *
 * The health accounts follow the instruction's own accounts: the quote
 * CollateralAsset (always: it holds the borrow index), then per active
 * collateral slot (slot order) its CollateralAsset and Oracle, then per active
 * perp slot its PerpMarket and Oracle, and nothing after them. The pending
 * borrow interest is what a checkpoint would charge now (borrow/borrow.h), so
 * an account that is never touched still pays it in its health. They describe the
 * margin account as it is when health is computed (after the instruction's
 * changes). The Exchange is account 0 of every instruction that computes health
 * (the entrypoint validated it), which is where quote_decimals comes from.
 */
#include "health/health.h"

#include "anchor/errors.h"
#include "borrow/borrow.h"
#include "funding/funding.h"
#include "math/fixed.h"
#include "sol/syscalls.h"
#include "oracle/oracle.h"
#include "oracle/price.h"
#include "state/collateral_asset.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/perp_market.h"
#include "state/perp_position.h"
#include "validate/program_accounts.h"

/* Both weight sets are computed together: index of each in the totals. */
enum HealthWeightSet { HEALTH_INIT = 0, HEALTH_MAINT = 1, HEALTH_WEIGHT_SETS = 2 };

/* Maintenance health counts unrealised perp profit in full. */
#define MAINT_PNL_WEIGHT_BPS BPS_PER_UNIT

/* Each position takes two health accounts: its asset or market, then its oracle. */
#define HEALTH_ACCOUNTS_PER_POSITION 2

/* The two extreme fills of a perp position's open orders. */
enum PerpScenario { SCENARIO_BIDS_FILL = 0, SCENARIO_ASKS_FILL = 1, PERP_SCENARIOS = 2 };

typedef struct HealthWalk {
    const ProgramInput *input;
    const SolClock *clock;
    u64 next_account; /* index of the next unread health account */
    u64 end_account;  /* one past the last health account */
    u8 quote_decimals;
    i64 totals[HEALTH_WEIGHT_SETS];
    u64 maint_requirement;   /* see HealthResult */
    u64 weighted_collateral; /* see HealthResult */
    /* Initial-weighted value and concentration limit (bps, 0: none) of each
     * collateral position walked so far: the initial total takes them once
     * every position is known (the cap is a share of their sum). */
    u64 collateral_count;
    u64 collateral_init[KAIROS_MAX_COLLATERAL_POSITIONS];
    u16 collateral_limit_bps[KAIROS_MAX_COLLATERAL_POSITIONS];
    HealthExposures *exposures; /* NULL: not recorded */
} HealthWalk;

/* One position for the risk limits (HealthExposures). */
typedef struct HealthExposure {
    i64 exposure;
    i64 equity_term;
    u16 index; /* asset index, or perp market index */
    u8 is_perp;
} HealthExposure;

static u64 health_record_exposure(HealthWalk *walk, const HealthExposure *item) {
    HealthExposures *e = walk->exposures;
    u64 magnitude = i64_unsigned_abs(item->exposure);
    if (!i64_checked_add(e->equity, item->equity_term, &e->equity) ||
        !u64_checked_add(e->gross_exposure, magnitude, &e->gross_exposure)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (item->is_perp) {
        if (!u64_checked_add(e->gross_notional, magnitude, &e->gross_notional)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        e->largest_position = magnitude > e->largest_position ? magnitude : e->largest_position;
    }
    if (e->perp_factor == NULL || !e->mapped) {
        return KAIROS_OK;
    }
    u8 slot = item->is_perp ? (item->index < KAIROS_MAX_PERP_MARKETS ? e->perp_factor[item->index]
                                                                     : 0)
                            : (item->index < KAIROS_MAX_COLLATERAL_ASSETS
                                   ? e->collateral_factor[item->index]
                                   : 0);
    if (slot == 0 || slot > e->factor_count) {
        e->mapped = false;
        return KAIROS_OK;
    }
    u64 f = slot - 1;
    e->factor_seen |= 1ULL << f;
    return i64_checked_add(e->factor_net[f], item->exposure, &e->factor_net[f]) &&
                   u64_checked_add(e->factor_gross[f], magnitude, &e->factor_gross[f])
               ? KAIROS_OK
               : KAIROS_ERR_MATH_OVERFLOW;
}

/* The next position's two accounts, or HealthAccountsMismatch when too few. */
static u64 health_next_pair(HealthWalk *walk, AccountView *owner_account, AccountView *oracle) {
    /* next_account <= account_count <= MAX_INSTRUCTION_ACCOUNTS: no overflow. */
    if (walk->end_account < walk->next_account + HEALTH_ACCOUNTS_PER_POSITION) {
        return KAIROS_ERR_HEALTH_ACCOUNTS_MISMATCH;
    }
    *owner_account = walk->input->accounts[walk->next_account];
    *oracle = walk->input->accounts[walk->next_account + 1];
    walk->next_account += HEALTH_ACCOUNTS_PER_POSITION;
    return KAIROS_OK;
}

/* The account's quote balance less the borrow interest it owes by now, from
 * the leading quote CollateralAsset health account. */
static u64 health_quote_term(HealthWalk *walk, const MarginAccount *account, i64 *quote_term) {
    if (walk->next_account >= walk->end_account) {
        return KAIROS_ERR_HEALTH_ACCOUNTS_MISMATCH;
    }
    AccountView quote_account = walk->input->accounts[walk->next_account];
    walk->next_account += 1;
    if (require_quote_asset(quote_account, walk->input->program_id) != KAIROS_OK) {
        return KAIROS_ERR_HEALTH_ACCOUNTS_MISMATCH;
    }
    u64 index;
    u64 interest;
    i64 signed_interest;
    TRY(borrow_index_at(collateral_asset_state(quote_account), walk->clock->unix_timestamp,
                        &index));
    TRY(borrow_pending_interest(account, index, &interest));
    if (!u64_to_i64(interest, &signed_interest) ||
        !i64_checked_sub(account->quote_balance, signed_interest, quote_term)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

static u64 health_add(HealthWalk *walk, enum HealthWeightSet set, i64 amount) {
    return i64_checked_add(walk->totals[set], amount, &walk->totals[set])
               ? KAIROS_OK
               : KAIROS_ERR_MATH_OVERFLOW;
}

/* Adds floor(value × weight / 10,000) to one weight set. */
static u64 health_add_weighted(HealthWalk *walk, enum HealthWeightSet set, u64 value, u16 weight) {
    u64 weighted;
    i64 signed_weighted;
    if (!scale_bps_floor(value, weight, &weighted) || !u64_to_i64(weighted, &signed_weighted)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return health_add(walk, set, signed_weighted);
}

/* price − confidence, floored at 0 (the asset side of the interval). */
static u64 health_price_low(const OraclePrice *price) {
    u64 mid = (u64)price->price; /* > 0: oracle_read checked it */
    return price->confidence < mid ? mid - price->confidence : 0;
}

/* Record floor(value × init_weight / 10,000), scaled by threshold /
 * total_deposits once the asset's deposits pass its threshold (floor), for
 * health_apply_concentration. */
static u64 health_init_weighted(HealthWalk *walk, const CollateralAsset *asset, u64 value) {
    u64 weighted;
    if (!scale_bps_floor(value, asset->init_asset_weight_bps, &weighted)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    u64 threshold = asset->init_weight_scale_threshold;
    if (threshold != 0 && asset->total_deposits > threshold &&
        !mul_div_floor(weighted, threshold, asset->total_deposits, &weighted)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    /* At most one entry per collateral slot: count < MAX_COLLATERAL_POSITIONS. */
    walk->collateral_init[walk->collateral_count] = weighted;
    walk->collateral_limit_bps[walk->collateral_count] = asset->concentration_limit_bps;
    walk->collateral_count += 1;
    return KAIROS_OK;
}

/* Add each position's initial-weighted value to the initial total, capped at
 * floor(W × limit / 10,000) where W = Σ initial-weighted collateral +
 * max(quote_balance, 0) and the asset has a limit. */
static u64 health_apply_concentration(HealthWalk *walk, i64 quote_balance) {
    u64 total = quote_balance > 0 ? (u64)quote_balance : 0;
    for (u64 i = 0; i < walk->collateral_count; i++) {
        if (!u64_checked_add(total, walk->collateral_init[i], &total)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
    }
    for (u64 i = 0; i < walk->collateral_count; i++) {
        u64 counted = walk->collateral_init[i];
        u64 cap;
        if (walk->collateral_limit_bps[i] != 0) {
            if (!scale_bps_floor(total, walk->collateral_limit_bps[i], &cap)) {
                return KAIROS_ERR_MATH_OVERFLOW;
            }
            counted = counted < cap ? counted : cap;
        }
        i64 signed_counted;
        if (!u64_to_i64(counted, &signed_counted)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        TRY(health_add(walk, HEALTH_INIT, signed_counted));
    }
    return KAIROS_OK;
}

static u64 health_collateral(HealthWalk *walk, const CollateralPosition *position) {
    AccountView asset_account;
    AccountView oracle_account;
    TRY(health_next_pair(walk, &asset_account, &oracle_account));
    if (require_collateral_asset(asset_account, walk->input->program_id) != KAIROS_OK) {
        return KAIROS_ERR_HEALTH_ACCOUNTS_MISMATCH;
    }
    const CollateralAsset *asset = collateral_asset_state(asset_account);
    if (asset->index != position->asset_index ||
        !pubkey_eq(&oracle_account->key, &asset->oracle)) {
        return KAIROS_ERR_HEALTH_ACCOUNTS_MISMATCH;
    }
    OracleRequirements requirements = {&asset->oracle, asset->max_staleness_slots,
                                       asset->max_confidence_bps};
    OraclePrice price;
    TRY(oracle_read(walk->input, oracle_account, &requirements, walk->clock, &price));
    /* An asset counts at the low end of the interval, rounded down. */
    i64 exponent = price_conversion_exponent(price.exponent, walk->quote_decimals, asset->decimals);
    u64 value;
    if (!scale_by_power_of_ten(position->amount, health_price_low(&price), exponent, false,
                               &value)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    TRY(health_init_weighted(walk, asset, value));
    TRY(health_add_weighted(walk, HEALTH_MAINT, value, asset->maint_asset_weight_bps));
    /* The same floor as the maintenance total, so requirement + weighted = value. */
    u64 weighted;
    if (!scale_bps_floor(value, asset->maint_asset_weight_bps, &weighted) ||
        !u64_checked_add(walk->weighted_collateral, weighted, &walk->weighted_collateral) ||
        !u64_checked_add(walk->maint_requirement, value - weighted, &walk->maint_requirement)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (walk->exposures != NULL) {
        i64 signed_value;
        if (!u64_to_i64(value, &signed_value)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        HealthExposure item = {signed_value, signed_value, asset->index, 0};
        TRY(health_record_exposure(walk, &item));
    }
    return KAIROS_OK;
}

/* Prices per lot of one perp market, in quote native. */
typedef struct PerpLotPrices {
    i64 low;  /* floor((price − confidence) per lot): values a long */
    i64 high; /* ceil((price + confidence) per lot): values a short's liability */
    u64 mid;  /* ceil(price per lot): the base of margins */
} PerpLotPrices;

/* One scenario's pnl and |base| × mid price (the notional margins apply to). */
typedef struct PerpScenarioValue {
    i64 pnl;
    u64 notional;
} PerpScenarioValue;

static u64 health_lot_prices(const OraclePrice *price, u64 base_lot_size, i64 exponent,
                             PerpLotPrices *out) {
    u64 high_price;
    u64 low;
    u64 high;
    if (!u64_checked_add((u64)price->price, price->confidence, &high_price) ||
        !scale_by_power_of_ten(health_price_low(price), base_lot_size, exponent, false, &low) ||
        !scale_by_power_of_ten(high_price, base_lot_size, exponent, true, &high) ||
        !scale_by_power_of_ten((u64)price->price, base_lot_size, exponent, true, &out->mid) ||
        !u64_to_i64(low, &out->low) || !u64_to_i64(high, &out->high)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

/* pnl = b × (b > 0 ? low : high) + q, and notional = |b| × mid (all checked). */
static u64 health_scenario(i64 base_lots, i64 quote, const PerpLotPrices *prices,
                           PerpScenarioValue *out) {
    i64 base_value;
    if (!i64_checked_mul(base_lots, base_lots > 0 ? prices->low : prices->high, &base_value) ||
        !i64_checked_add(base_value, quote, &out->pnl) ||
        !u64_checked_mul(i64_unsigned_abs(base_lots), prices->mid, &out->notional)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

/* The position's base and quote after all its bids, or all its asks, fill:
 * bids: b = base + bids_base, q = quote − bids_quote;
 * asks: b = base − asks_base, q = quote + asks_quote. */
static u64 health_scenarios(const PerpPosition *position, const PerpLotPrices *prices,
                            PerpScenarioValue out[PERP_SCENARIOS]) {
    i64 bids_base;
    i64 asks_base;
    i64 bids_quote;
    i64 asks_quote;
    if (!u64_to_i64(position->bids_base_lots, &bids_base) ||
        !u64_to_i64(position->asks_base_lots, &asks_base) ||
        !u64_to_i64(position->bids_quote, &bids_quote) ||
        !u64_to_i64(position->asks_quote, &asks_quote)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    i64 base;
    i64 quote;
    if (!i64_checked_add(position->base_lots, bids_base, &base) ||
        !i64_checked_sub(position->quote_position, bids_quote, &quote)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    TRY(health_scenario(base, quote, prices, &out[SCENARIO_BIDS_FILL]));
    if (!i64_checked_sub(position->base_lots, asks_base, &base) ||
        !i64_checked_add(position->quote_position, asks_quote, &quote)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return health_scenario(base, quote, prices, &out[SCENARIO_ASKS_FILL]);
}

/* h_W = (pnl > 0 ? floor(pnl × pnl_weight / 10,000) : pnl)
 *       − ceil(notional × margin_ratio / 10,000). */
static u64 health_perp_h(const PerpScenarioValue *scenario, u64 pnl_weight_bps,
                         u64 margin_bps, i64 *out) {
    i64 weighted_pnl = scenario->pnl;
    if (scenario->pnl > 0 &&
        !i64_mul_div_floor(scenario->pnl, pnl_weight_bps, BPS_PER_UNIT, &weighted_pnl)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    u64 margin;
    i64 signed_margin;
    if (!scale_bps_ceil(scenario->notional, margin_bps, &margin) ||
        !u64_to_i64(margin, &signed_margin) ||
        !i64_checked_sub(weighted_pnl, signed_margin, out)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    return KAIROS_OK;
}

/* Adds min over both scenarios of h_W to the weight set W. */
static u64 health_add_perp(HealthWalk *walk, enum HealthWeightSet set,
                           const PerpScenarioValue scenarios[PERP_SCENARIOS],
                           u64 pnl_weight_bps, u64 margin_bps) {
    i64 bids_fill;
    i64 asks_fill;
    TRY(health_perp_h(&scenarios[SCENARIO_BIDS_FILL], pnl_weight_bps, margin_bps, &bids_fill));
    TRY(health_perp_h(&scenarios[SCENARIO_ASKS_FILL], pnl_weight_bps, margin_bps, &asks_fill));
    return health_add(walk, set, bids_fill < asks_fill ? bids_fill : asks_fill);
}

static u64 health_perp(HealthWalk *walk, const PerpPosition *position) {
    AccountView market_account;
    AccountView oracle_account;
    TRY(health_next_pair(walk, &market_account, &oracle_account));
    if (require_perp_market_account(market_account, walk->input->program_id) != KAIROS_OK) {
        return KAIROS_ERR_HEALTH_ACCOUNTS_MISMATCH;
    }
    const PerpMarket *market = perp_market_state(market_account);
    if (market->index != position->market_index ||
        !pubkey_eq(&oracle_account->key, &market->oracle)) {
        return KAIROS_ERR_HEALTH_ACCOUNTS_MISMATCH;
    }
    OracleRequirements requirements = perp_market_oracle_requirements(market);
    OraclePrice price;
    TRY(oracle_read(walk->input, oracle_account, &requirements, walk->clock, &price));
    PerpLotPrices prices;
    TRY(health_lot_prices(&price, market->base_lot_size,
                          price_conversion_exponent(price.exponent, walk->quote_decimals,
                                                    market->base_decimals),
                          &prices));
    /* The socialized loss the position owes (state/perp_position.h invariant 6)
     * is part of its unsettled PnL already. */
    i64 pending_loss;
    TRY(perp_position_pending_loss(position, market->socialized_loss_per_lot, &pending_loss));
    /* So is its pending funding (funding/funding.h, invariant 2). */
    i64 pending_funding;
    TRY(funding_pending(position, market->funding_index, &pending_funding));
    const PerpPosition *scenario_position = position;
    PerpPosition owing;
    if (pending_loss != 0 || pending_funding != 0) { /* copy only when something is owed */
        owing = *position;
        if (!i64_checked_sub(owing.quote_position, pending_loss, &owing.quote_position) ||
            !i64_checked_sub(owing.quote_position, pending_funding, &owing.quote_position)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        scenario_position = &owing;
    }
    PerpScenarioValue scenarios[PERP_SCENARIOS];
    TRY(health_scenarios(scenario_position, &prices, scenarios));
    TRY(health_add_perp(walk, HEALTH_INIT, scenarios, market->init_pnl_weight_bps,
                        market->init_margin_bps));
    TRY(health_add_perp(walk, HEALTH_MAINT, scenarios, MAINT_PNL_WEIGHT_BPS,
                        market->maint_margin_bps));
    /* The requirement counts the larger scenario's maintenance margin. */
    bool bids_larger =
        scenarios[SCENARIO_BIDS_FILL].notional > scenarios[SCENARIO_ASKS_FILL].notional;
    u64 larger = bids_larger ? scenarios[SCENARIO_BIDS_FILL].notional
                             : scenarios[SCENARIO_ASKS_FILL].notional;
    u64 margin;
    if (!scale_bps_ceil(larger, market->maint_margin_bps, &margin) ||
        !u64_checked_add(walk->maint_requirement, margin, &walk->maint_requirement)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (walk->exposures != NULL) {
        /* The larger scenario's side: its base is base + bids (bids fill) or
         * base − asks (asks fill); on a tie the asks scenario is taken. */
        i64 scenario_base = bids_larger
                                ? position->base_lots + (i64)position->bids_base_lots
                                : position->base_lots - (i64)position->asks_base_lots;
        i64 exposure;
        PerpScenarioValue now;
        /* |scenario base| × mid = larger fits in i64 (health_scenario checked it). */
        if (!i64_from_sign_magnitude(scenario_base < 0, larger, &exposure)) {
            return KAIROS_ERR_MATH_OVERFLOW;
        }
        TRY(health_scenario(scenario_position->base_lots, scenario_position->quote_position,
                            &prices, &now));
        HealthExposure item = {exposure, now.pnl, market->index, 1};
        TRY(health_record_exposure(walk, &item));
    }
    return KAIROS_OK;
}

u64 compute_health(const HealthRequest *request, HealthResult *result) {
    u64 next_account;
    TRY(compute_health_prefix(request, result, &next_account));
    /* Extra accounts are refused too: the list must be exactly the positions'. */
    u64 end_account = request->end_health_account != 0 ? request->end_health_account
                                                       : request->input->account_count;
    return next_account == end_account ? KAIROS_OK : KAIROS_ERR_HEALTH_ACCOUNTS_MISMATCH;
}

/* The health walk itself; compute_health adds the end-of-accounts check (issue 6's
 * settle_auction lists several accounts' health accounts one after another, so it
 * calls this directly). */
u64 compute_health_prefix(const HealthRequest *request, HealthResult *result, u64 *next_account) {
    const ProgramInput *input = request->input;
    const MarginAccount *account = request->account;
    HealthWalk walk = {
        .input = input,
        .clock = request->clock,
        .next_account = request->first_health_account,
        .end_account = request->end_health_account != 0 ? request->end_health_account
                                                         : input->account_count,
        .quote_decimals = exchange_state(input->accounts[EXCHANGE_ACCOUNT_INDEX])->quote_decimals,
        .maint_requirement = 0,
        .collateral_count = 0,
        .exposures = request->exposures,
    };
    i64 quote_term;
    TRY(health_quote_term(&walk, account, &quote_term));
    if (walk.exposures != NULL) {
        HealthExposures *e = walk.exposures;
        e->quote_term = quote_term;
        e->equity = quote_term;
        e->gross_exposure = 0;
        e->gross_notional = 0;
        e->largest_position = 0;
        e->mapped = e->perp_factor != NULL;
        e->factor_seen = 0;
        if (e->mapped) {
            sol_memset_(e->factor_net, 0, sizeof(e->factor_net));
            sol_memset_(e->factor_gross, 0, sizeof(e->factor_gross));
        }
    }
    walk.totals[HEALTH_INIT] = quote_term;
    walk.totals[HEALTH_MAINT] = quote_term;
    walk.weighted_collateral = quote_term > 0 ? (u64)quote_term : 0;
    for (u64 i = 0; i < KAIROS_MAX_COLLATERAL_POSITIONS; i++) {
        if (account->collateral[i].active == SLOT_ACTIVE) {
            TRY(health_collateral(&walk, &account->collateral[i]));
        }
    }
    TRY(health_apply_concentration(&walk, quote_term));
    for (u64 i = 0; i < KAIROS_MAX_PERP_POSITIONS; i++) {
        if (account->perp_positions[i].active == SLOT_ACTIVE) {
            TRY(health_perp(&walk, &account->perp_positions[i]));
        }
    }
    *next_account = walk.next_account;
    result->init = walk.totals[HEALTH_INIT];
    result->maint = walk.totals[HEALTH_MAINT];
    result->maint_requirement = walk.maint_requirement;
    result->weighted_collateral = walk.weighted_collateral;
    return KAIROS_OK;
}

u64 health_account_count(const MarginAccount *account) {
    u64 positions = 0;
    for (u64 i = 0; i < KAIROS_MAX_COLLATERAL_POSITIONS; i++) {
        positions += account->collateral[i].active == SLOT_ACTIVE ? 1 : 0;
    }
    for (u64 i = 0; i < KAIROS_MAX_PERP_POSITIONS; i++) {
        positions += account->perp_positions[i].active == SLOT_ACTIVE ? 1 : 0;
    }
    return 1 + HEALTH_ACCOUNTS_PER_POSITION * positions;
}

bool health_error_is_unmeasurable(u64 error) {
    return error == KAIROS_ERR_STALE_ORACLE || error == KAIROS_ERR_ORACLE_CONFIDENCE_TOO_WIDE ||
           error == KAIROS_ERR_INVALID_ORACLE_PRICE || error == KAIROS_ERR_MATH_OVERFLOW;
}
