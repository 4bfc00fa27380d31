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
#include "instructions/instructions.h"
#include "math/fixed.h"
#include "orders/price_band.h"
#include "sol/log.h"
#include "state/event_queue.h"
#include "state/exchange.h"
#include "state/oracle.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "validate/accounts.h"
#include "validate/pda.h"

/* Fees are at most the whole notional, in either direction. */
#define MAX_FEE_BPS ((i64)BPS_PER_UNIT)

typedef struct CreatePerpMarketAccounts {
    AccountView exchange;
    AccountView admin;
    AccountView perp_market;
    AccountView orderbook;
    AccountView event_queue;
    AccountView oracle;
    AccountView system_program;
    u16 index;
    /* Filled by the PDA check; points into this struct: never copied. */
    PdaSigner market_signer;
} CreatePerpMarketAccounts;

/*
 * A program-owned account of exactly `size` bytes that holds only zeros, so it
 * was created for us and never written. One syscall instead of a 20 KiB loop:
 * data equal to itself shifted by one word (memcmp(data, data + 8)) repeats its
 * first word throughout, so with a zero first word it is all zero.
 */
static u64 require_zeroed_program_account(AccountView account, const SolPubkey *program_id,
                                          u64 size) {
    TRY(require_writable(account));
    TRY(require_owner(account, program_id));
    if (account->data_len != size) {
        return ANCHOR_ACCOUNT_DID_NOT_DESERIALIZE;
    }
    const u8 *data = account_data(account);
    i32 difference = 0;
    sol_memcmp_(data, data + sizeof(u64), size - sizeof(u64), &difference);
    return (*(const u64 *)data == 0 && difference == 0) ? KAIROS_OK : ANCHOR_CONSTRAINT_ZERO;
}

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

static u64 validate_create_perp_market(const ProgramInput *input, AccountView exchange_account,
                                       CreatePerpMarketAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CREATE_PERP_MARKET_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CreatePerpMarketIxArgs)));
    accounts->exchange = exchange_account;
    accounts->admin = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_ADMIN];
    accounts->perp_market = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_ORDERBOOK];
    accounts->event_queue = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_EVENT_QUEUE];
    accounts->oracle = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_ORACLE];
    accounts->system_program = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_SYSTEM_PROGRAM];

    TRY(require_writable(accounts->exchange));
    TRY(require_exchange_admin(accounts->exchange, accounts->admin));
    TRY(require_writable(accounts->admin)); /* it pays the new accounts' rent */
    const Exchange *exchange = exchange_state(accounts->exchange);
    TRY(require_program(accounts->system_program, &SYSTEM_PROGRAM_ID));
    TRY(require_writable(accounts->perp_market));
    TRY(require_zeroed_program_account(accounts->orderbook, input->program_id,
                                       KAIROS_ORDERBOOK_ACCOUNT_SIZE));
    TRY(require_zeroed_program_account(accounts->event_queue, input->program_id,
                                       KAIROS_EVENT_QUEUE_ACCOUNT_SIZE));
    TRY(require_oracle_account(accounts->oracle, input->program_id));

    if (exchange->perp_market_count >= KAIROS_MAX_PERP_MARKETS) {
        return KAIROS_ERR_PERP_MARKET_LIMIT;
    }
    accounts->index = exchange->perp_market_count;
    /* The seed is the index as u16 little-endian (the SBF byte order). */
    SolSignerSeed seeds[2] = {{(const u8 *)PERP_MARKET_SEED, PERP_MARKET_SEED_LEN},
                              {(const u8 *)&accounts->index, sizeof(accounts->index)}};
    return require_canonical_pda(accounts->perp_market, seeds, SEED_COUNT(seeds),
                                 input->program_id, &accounts->market_signer);
}

/* Copy the parameters into the new market (a zero-filled account). */
static void write_perp_market(PerpMarket *market, const CreatePerpMarketArgs *args,
                              const CreatePerpMarketAccounts *accounts) {
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
    market->index = accounts->index;
    market->base_decimals = args->base_decimals;
    /* Price bands and the minimum resting size start at their defaults
     * (orders/price_band.h); set_market_order_rules changes them. */
    market->fill_band_bps = args->init_margin_bps;
    market->rest_band_bps = market_rest_band_bps(market);
    market->min_rest_lots = args->min_order_lots;
    market->bump = accounts->market_signer.bump;
}

u64 process_create_perp_market(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CreatePerpMarket");
    CreatePerpMarketAccounts accounts;
    TRY(validate_create_perp_market(input, context->exchange, &accounts));
    const CreatePerpMarketArgs *args =
        &((const CreatePerpMarketIxArgs *)(input->data + DISCRIMINATOR_BYTES))->args;
    TRY(validate_create_perp_market_args(args));

    CreatePdaAccount create = {
        .payer = accounts.admin,
        .new_account = accounts.perp_market,
        .system_program = accounts.system_program,
        .space = KAIROS_PERP_MARKET_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts.market_signer.signer,
    };
    TRY(create_pda_account(&create));

    *(u64 *)account_data(accounts.perp_market) = KAIROS_ACCOUNT_DISC_PERP_MARKET;
    write_perp_market(perp_market_state(accounts.perp_market), args, &accounts);

    /* Both are zero (checked): only the discriminator and the back link are set. */
    *(u64 *)account_data(accounts.orderbook) = KAIROS_ACCOUNT_DISC_ORDERBOOK;
    pubkey_copy(&orderbook_state(accounts.orderbook)->market, &accounts.perp_market->key);
    *(u64 *)account_data(accounts.event_queue) = KAIROS_ACCOUNT_DISC_EVENT_QUEUE;
    pubkey_copy(&event_queue_state(accounts.event_queue)->market, &accounts.perp_market->key);

    /* Below KAIROS_MAX_PERP_MARKETS (checked), so the increment cannot wrap. */
    exchange_state(accounts.exchange)->perp_market_count = accounts.index + 1;

    PerpMarketCreatedEventRecord record = PERP_MARKET_CREATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.market, &accounts.perp_market->key);
    pubkey_copy(&record.event.oracle, &accounts.oracle->key);
    record.event.index = accounts.index;
    record.event.base_lot_size = args->base_lot_size;
    record.event.tick_size = args->tick_size;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
