/*
 * create_perp_market (admin): list a perpetual futures market. Creates the
 * PerpMarket PDA ["perp_market", index u16 LE] with index =
 * exchange.perp_market_count, and takes ownership of the Orderbook and
 * EventQueue accounts the client created (too large for a CPI allocation:
 * program-owned, exact size, all zero; Anchor's `zero` constraint) by writing
 * their discriminators and the market's key.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "orders/price_band.h"
#include "sol/log.h"
#include "state/event_queue.h"
#include "state/exchange.h"
#include "state/oracle.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "validate/links.h"
#include "validate/program_accounts.h"

/* Fees are at most the whole notional, in either direction. */
#define MAX_FEE_BPS ((i64)BPS_PER_UNIT)

static u64 validate_create_perp_market_args(const CreatePerpMarketArgs *args) {
    if (args->base_lot_size == 0 || args->tick_size == 0 || args->min_order_lots == 0 ||
        args->open_interest_cap_lots == 0 || args->max_confidence_bps > BPS_PER_UNIT) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    /* 0 < maint < init <= 100 %: the maintenance line lies below the initial one,
     * and a position always needs some margin. */
    if (args->maint_margin_bps == 0 || args->maint_margin_bps >= args->init_margin_bps ||
        args->init_margin_bps > BPS_PER_UNIT || args->init_pnl_weight_bps > BPS_PER_UNIT) {
        return KAIROS_ERR_INVALID_WEIGHTS;
    }
    /* A maker rebate (negative maker fee) is always funded by the taker fee of
     * the same fill: taker + maker >= 0. */
    i64 taker_fee = args->taker_fee_bps;
    i64 maker_fee = args->maker_fee_bps;
    if (taker_fee > MAX_FEE_BPS || maker_fee > MAX_FEE_BPS || maker_fee < -MAX_FEE_BPS ||
        taker_fee + maker_fee < 0) {
        return KAIROS_ERR_INVALID_FEES;
    }
    return KAIROS_OK;
}

/* has-one admin, the client-created book and queue (program-owned, exact size,
 * all zero: Anchor's `zero`), an oracle of ours, a free market index. The
 * handler derives the PDA ["perp_market", index u16 LE] next. */
static u64 validate_create_perp_market(const ProgramInput *input,
                                       const CreatePerpMarketIxAccounts *accounts) {
    TRY(require_exchange_admin(accounts->exchange, accounts->admin));
    TRY(require_zeroed_program_account(accounts->orderbook, input->program_id,
                                       KAIROS_ORDERBOOK_ACCOUNT_SIZE));
    TRY(require_zeroed_program_account(accounts->event_queue, input->program_id,
                                       KAIROS_EVENT_QUEUE_ACCOUNT_SIZE));
    TRY(require_oracle_account(accounts->oracle, input->program_id));
    return exchange_state(accounts->exchange)->perp_market_count < KAIROS_MAX_PERP_MARKETS
               ? KAIROS_OK
               : KAIROS_ERR_PERP_MARKET_LIMIT;
}

/* Copy the parameters into the new market (a zero-filled account). */
static void write_perp_market(PerpMarket *market, const CreatePerpMarketArgs *args,
                              const CreatePerpMarketIxAccounts *accounts, u16 index) {
    _Static_assert(sizeof(market->name) == sizeof(args->name), "the name is copied whole");
    /* A constant 16-byte copy: inlined as two word moves. */
    __builtin_memcpy(market->name, args->name, sizeof(market->name));
    pubkey_copy(&market->oracle, &accounts->oracle->key);
    pubkey_copy(&market->orderbook, &accounts->orderbook->key);
    pubkey_copy(&market->event_queue, &accounts->event_queue->key);
    market->base_lot_size = args->base_lot_size;
    market->tick_size = args->tick_size;
    market->min_order_lots = args->min_order_lots;
    market->open_interest_cap_lots = args->open_interest_cap_lots;
    market->next_order_id = FIRST_ORDER_ID;
    market->max_staleness_slots = args->max_staleness_slots;
    market->init_margin_bps = args->init_margin_bps;
    market->maint_margin_bps = args->maint_margin_bps;
    market->init_pnl_weight_bps = args->init_pnl_weight_bps;
    market->taker_fee_bps = args->taker_fee_bps;
    market->maker_fee_bps = args->maker_fee_bps;
    market->max_confidence_bps = args->max_confidence_bps;
    market->index = index;
    market->base_decimals = args->base_decimals;
    /* Price bands and the minimum resting size start at their defaults
     * (orders/price_band.h); set_market_order_rules changes them. */
    market->fill_band_bps = args->init_margin_bps;
    market->rest_band_bps = market_rest_band_bps(market);
    market->min_rest_lots = args->min_order_lots;
    market->bump = accounts->perp_market_pda.bump;
}

u64 process_create_perp_market(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CreatePerpMarket");
    CreatePerpMarketIxAccounts accounts;
    TRY(load_create_perp_market_accounts(input, &accounts));
    TRY(validate_create_perp_market(input, &accounts));
    TRY(derive_create_perp_market_pdas(input, &accounts));
    const u16 index = exchange_state(accounts.exchange)->perp_market_count;
    const CreatePerpMarketArgs *args = &accounts.args->args;
    TRY(validate_create_perp_market_args(args));

    CreatePdaAccount create = {
        .payer = accounts.admin,
        .new_account = accounts.perp_market,
        .system_program = accounts.system_program,
        .space = KAIROS_PERP_MARKET_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts.perp_market_pda.signer,
    };
    TRY(create_pda_account(&create));

    *(u64 *)account_data(accounts.perp_market) = KAIROS_ACCOUNT_DISC_PERP_MARKET;
    write_perp_market(perp_market_state(accounts.perp_market), args, &accounts, index);

    /* Both are zero (checked): only the discriminator and the back link are set. */
    *(u64 *)account_data(accounts.orderbook) = KAIROS_ACCOUNT_DISC_ORDERBOOK;
    pubkey_copy(&orderbook_state(accounts.orderbook)->market, &accounts.perp_market->key);
    *(u64 *)account_data(accounts.event_queue) = KAIROS_ACCOUNT_DISC_EVENT_QUEUE;
    pubkey_copy(&event_queue_state(accounts.event_queue)->market, &accounts.perp_market->key);

    /* Below KAIROS_MAX_PERP_MARKETS (checked), so the increment cannot wrap. */
    exchange_state(accounts.exchange)->perp_market_count = index + 1;

    PerpMarketCreatedEventRecord record = PERP_MARKET_CREATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.market, &accounts.perp_market->key);
    pubkey_copy(&record.event.oracle, &accounts.oracle->key);
    record.event.index = index;
    record.event.base_lot_size = args->base_lot_size;
    record.event.tick_size = args->tick_size;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
