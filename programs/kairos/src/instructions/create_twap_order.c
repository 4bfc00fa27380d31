/*
 * create_twap_order: the owner of a margin account creates a TwapOrder PDA
 * (["twap", margin account, twap id u64 LE]) and escrows, in it, the keeper
 * reward and the crank reserve of every slice (invariant 1 of
 * state/twap_order.h).
 *
 * Slices: with slice_count, slice i trades floor(total×(i+1)/count) −
 * floor(total×i/count) lots (sizes differ by at most one and sum to the
 * total); with slice_base_lots, every slice trades that many and the last the
 * remainder. Every slice must reach the market's minimum order size.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "orders/escrow.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/perp_market.h"
#include "state/twap_order.h"
#include "validate/links.h"

/* The slice count the arguments describe (exactly one of count / size set). */
static u64 twap_slice_count(const CreateTwapOrderArgs *args, u32 *count) {
    if ((args->slice_count == 0) == (args->slice_base_lots == 0)) {
        return KAIROS_ERR_INVALID_SCHEDULE;
    }
    if (args->slice_count != 0) {
        *count = args->slice_count;
        return KAIROS_OK;
    }
    u64 slices;
    if (!u64_div_ceil(args->total_base_lots, args->slice_base_lots, &slices) ||
        slices > KAIROS_MAX_TWAP_SLICES) {
        return KAIROS_ERR_INVALID_SCHEDULE;
    }
    *count = (u32)slices;
    return KAIROS_OK;
}

static u64 create_twap_order_check_args(const CreateTwapOrderArgs *args, const PerpMarket *market,
                                        u32 *slice_count) {
    if (args->side > KAIROS_SIDE_ASK ||
        args->missed_slice_policy > KAIROS_MISSED_SLICE_POLICY_SKIP || args->match_limit == 0 ||
        args->match_limit > KAIROS_MAX_MATCHES_PER_ORDER) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    /* A worst price is mandatory: a fixed limit, an oracle band, or both. */
    if ((args->limit_price == 0 && args->max_deviation_bps == 0) ||
        args->max_deviation_bps > KAIROS_BPS_DENOMINATOR) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    if (args->limit_price % market->tick_size != 0) {
        return KAIROS_ERR_PRICE_NOT_ON_TICK;
    }
    TRY(twap_slice_count(args, slice_count));
    /* The random offset stays inside its interval, so due times increase. */
    if (args->start_time < 0 || args->interval_seconds == 0 ||
        args->random_window_seconds >= args->interval_seconds || *slice_count == 0 ||
        *slice_count > KAIROS_MAX_TWAP_SLICES || args->total_base_lots < *slice_count) {
        return KAIROS_ERR_INVALID_SCHEDULE;
    }
    /* The last due time must be representable: start + count × interval. */
    u64 span;
    u64 end;
    if (!u64_checked_mul(args->interval_seconds, *slice_count, &span) ||
        !u64_checked_add((u64)args->start_time, span, &end) || end > (u64)I64_MAX) {
        return KAIROS_ERR_INVALID_SCHEDULE;
    }
    /* Smallest slice: floor(total / count) when split evenly; the remainder
     * (or a full slice) with a fixed size. */
    u64 smallest = args->total_base_lots / *slice_count;
    if (args->slice_base_lots != 0) {
        u64 remainder = args->total_base_lots % args->slice_base_lots;
        smallest = remainder != 0 ? remainder : args->slice_base_lots;
    }
    return smallest >= market->min_order_lots ? KAIROS_OK : KAIROS_ERR_ORDER_TOO_SMALL;
}

u64 process_create_twap_order(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CreateTwapOrder");
    /* The loader's checks, the owner link, the PDA ["twap", margin account,
     * twap_id u64 LE]; the order's
     * rules follow. */
    CreateTwapOrderIxAccounts accounts;
    TRY(load_create_twap_order_accounts(input, &accounts));
    TRY(require_margin_account_owner(margin_account_state(accounts.margin_account),
                                     accounts.owner));
    TRY(derive_create_twap_order_pdas(input, &accounts));
    const CreateTwapOrderArgs *args = &accounts.args->args;
    const PerpMarket *market = perp_market_state(accounts.perp_market);
    u32 slice_count;
    TRY(create_twap_order_check_args(args, market, &slice_count));

    const Exchange *exchange = exchange_state(context->exchange);
    u64 crank_reserve;
    u64 escrow;
    if (!order_escrow_lamports(slice_count, args->keeper_reward_lamports,
                               exchange->keeper_reward_lamports, args->match_limit,
                               &crank_reserve, &escrow)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    CreatePdaAccount create = {
        .payer = accounts.owner,
        .new_account = accounts.twap_order,
        .system_program = accounts.system_program,
        .space = KAIROS_TWAP_ORDER_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts.twap_order_pda.signer,
    };
    TRY(create_pda_account(&create));
    if (escrow != 0) {
        TRY(system_transfer(accounts.owner, accounts.twap_order, accounts.system_program, escrow));
    }

    /* Zero-filled by the runtime: counters, fills and reserved bytes start at 0. */
    *(u64 *)account_data(accounts.twap_order) = KAIROS_ACCOUNT_DISC_TWAP_ORDER;
    TwapOrder *twap = twap_order_state(accounts.twap_order);
    pubkey_copy(&twap->margin_account, &accounts.margin_account->key);
    pubkey_copy(&twap->owner, &accounts.owner->key);
    pubkey_copy(&twap->market, &accounts.perp_market->key);
    twap->twap_id = args->twap_id;
    twap->total_base_lots = args->total_base_lots;
    twap->slice_base_lots = args->slice_base_lots;
    twap->start_time = args->start_time;
    twap->interval_seconds = args->interval_seconds;
    twap->random_window_seconds = args->random_window_seconds;
    twap->limit_price = args->limit_price;
    twap->keeper_reward_lamports = args->keeper_reward_lamports;
    twap->crank_reserve_lamports = crank_reserve;
    twap->slice_count = slice_count;
    twap->max_deviation_bps = args->max_deviation_bps;
    twap->market_index = market->index;
    twap->side = args->side;
    twap->missed_slice_policy = args->missed_slice_policy;
    twap->bump = accounts.twap_order_pda.bump;
    twap->match_limit = args->match_limit;

    TwapOrderCreatedEventRecord record = TWAP_ORDER_CREATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.twap_order, &accounts.twap_order->key);
    pubkey_copy(&record.event.margin_account, &accounts.margin_account->key);
    pubkey_copy(&record.event.market, &accounts.perp_market->key);
    record.event.twap_id = args->twap_id;
    record.event.side = args->side;
    record.event.total_base_lots = args->total_base_lots;
    record.event.slice_count = slice_count;
    record.event.start_time = args->start_time;
    record.event.interval_seconds = args->interval_seconds;
    record.event.escrow_lamports = escrow;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
