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
#define KAIROS_IX_SET_INSTRUCTION_GATE 0x32cb7e5f4787aeddULL
#define KAIROS_IX_CREATE_ORACLE 0x0968292cf0e5ac33ULL
#define KAIROS_IX_UPDATE_ORACLE 0xbcfce2f812d12970ULL
#define KAIROS_IX_ADD_COLLATERAL_ASSET 0x0e5e31075e54f4eaULL
#define KAIROS_IX_CREATE_PERP_MARKET 0x9462bdb42d3bc176ULL
#define KAIROS_IX_CREATE_MARGIN_ACCOUNT 0xb95a5981b8d57262ULL
#define KAIROS_IX_DEPOSIT 0xb6f2e15289c623f2ULL
#define KAIROS_IX_WITHDRAW 0x22a16d949c4612b7ULL
#define KAIROS_IX_PLACE_ORDER 0x6a60826daf9bc233ULL
#define KAIROS_IX_CANCEL_ORDER 0x84df3108f0ed815fULL
#define KAIROS_IX_CANCEL_ALL_ORDERS 0x8fa06411abf353c4ULL
#define KAIROS_IX_CONSUME_EVENTS 0xc93f2f1f34b191ddULL
#define KAIROS_IX_SETTLE_PNL 0x99985f0f2dea3d2bULL
#define KAIROS_IX_CLOSE_MARGIN_ACCOUNT 0x6701cfa6ef29d769ULL
#define KAIROS_IX_COMPUTE_HEALTH 0xdcfccb9db041051eULL
#define KAIROS_ACCOUNT_DISC_EXCHANGE 0x32683d0395dcc81eULL
#define KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET 0x95f506485a70b4feULL
#define KAIROS_ACCOUNT_DISC_ORACLE 0xf4e5b38cb383c28bULL
#define KAIROS_ACCOUNT_DISC_PERP_MARKET 0xf737f56b2c0cdf0aULL
#define KAIROS_ACCOUNT_DISC_ORDERBOOK 0x074845c37119222bULL
#define KAIROS_ACCOUNT_DISC_EVENT_QUEUE 0x448d74add174d029ULL
#define KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT 0xee2bd3b3d5addc85ULL
#define KAIROS_EVENT_DISC_EXCHANGE_INITIALIZED 0x68e6f31da0bb9ac8ULL
#define KAIROS_EVENT_DISC_INSTRUCTION_GATE_SET 0xf3a5216b177a16ebULL
#define KAIROS_EVENT_DISC_ORACLE_CREATED 0xd6b407b1c40d6c20ULL
#define KAIROS_EVENT_DISC_ORACLE_UPDATED 0x930bc6e4db33098aULL
#define KAIROS_EVENT_DISC_COLLATERAL_ASSET_ADDED 0xcbf43dd07c8759fcULL
#define KAIROS_EVENT_DISC_PERP_MARKET_CREATED 0xf097e476c09edc9cULL
#define KAIROS_EVENT_DISC_MARGIN_ACCOUNT_CREATED 0x77a0a4953f42d69dULL
#define KAIROS_EVENT_DISC_DEPOSITED 0x396423a12d1a8d6fULL
#define KAIROS_EVENT_DISC_WITHDRAWN 0x0ddb7cc2c6df5914ULL
#define KAIROS_EVENT_DISC_ORDER_PLACED 0xe3d8dba9eacc8260ULL
#define KAIROS_EVENT_DISC_ORDER_FILLED 0x1eae74f9426d7c78ULL
#define KAIROS_EVENT_DISC_ORDER_CANCELLED 0xefa871a84480386cULL
#define KAIROS_EVENT_DISC_EVENTS_CONSUMED 0xfc11c775dd2cbdd7ULL
#define KAIROS_EVENT_DISC_PNL_SETTLED 0xcb5f2e87fe687118ULL
#define KAIROS_EVENT_DISC_MARGIN_ACCOUNT_CLOSED 0x266b1e72944768eaULL
#define KAIROS_EVENT_DISC_HEALTH_COMPUTED 0x84a678cd9c587261ULL

/* Constants of the IDL (bounds of every fixed-size array). */
#define KAIROS_MAX_COLLATERAL_ASSETS 16
#define KAIROS_MAX_PERP_MARKETS 64
#define KAIROS_MAX_COLLATERAL_POSITIONS 8
#define KAIROS_MAX_PERP_POSITIONS 4
#define KAIROS_MAX_OPEN_ORDERS 16
#define KAIROS_BOOK_SIDE_CAPACITY 128
#define KAIROS_EVENT_QUEUE_CAPACITY 256
#define KAIROS_MAX_MATCHES_PER_ORDER 16
#define KAIROS_QUOTE_ASSET_INDEX 0
#define KAIROS_BPS_DENOMINATOR 10000
#define KAIROS_SLOT_ACTIVE 1

/* Position of each instruction in the IDL: its bit in the instruction gate. */
#define KAIROS_IX_INDEX_INITIALIZE_EXCHANGE 0
#define KAIROS_IX_INDEX_SET_INSTRUCTION_GATE 1
#define KAIROS_IX_INDEX_CREATE_ORACLE 2
#define KAIROS_IX_INDEX_UPDATE_ORACLE 3
#define KAIROS_IX_INDEX_ADD_COLLATERAL_ASSET 4
#define KAIROS_IX_INDEX_CREATE_PERP_MARKET 5
#define KAIROS_IX_INDEX_CREATE_MARGIN_ACCOUNT 6
#define KAIROS_IX_INDEX_DEPOSIT 7
#define KAIROS_IX_INDEX_WITHDRAW 8
#define KAIROS_IX_INDEX_PLACE_ORDER 9
#define KAIROS_IX_INDEX_CANCEL_ORDER 10
#define KAIROS_IX_INDEX_CANCEL_ALL_ORDERS 11
#define KAIROS_IX_INDEX_CONSUME_EVENTS 12
#define KAIROS_IX_INDEX_SETTLE_PNL 13
#define KAIROS_IX_INDEX_CLOSE_MARGIN_ACCOUNT 14
#define KAIROS_IX_INDEX_COMPUTE_HEALTH 15

/* Program errors (Anchor custom errors start at 6000). */
enum KairosError {
    KAIROS_ERR_MATH_OVERFLOW = 6000,
    KAIROS_ERR_INVALID_MINT = 6001,
    KAIROS_ERR_INSTRUCTION_HALTED = 6002,
    KAIROS_ERR_UNAUTHORIZED = 6003,
    KAIROS_ERR_INVALID_ARGUMENT = 6004,
    KAIROS_ERR_INVALID_ORACLE = 6005,
    KAIROS_ERR_STALE_ORACLE = 6006,
    KAIROS_ERR_ORACLE_CONFIDENCE_TOO_WIDE = 6007,
    KAIROS_ERR_INVALID_ORACLE_PRICE = 6008,
    KAIROS_ERR_ORACLE_MISMATCH = 6009,
    KAIROS_ERR_COLLATERAL_ASSET_LIMIT = 6010,
    KAIROS_ERR_PERP_MARKET_LIMIT = 6011,
    KAIROS_ERR_DEPOSIT_CAP_EXCEEDED = 6012,
    KAIROS_ERR_COLLATERAL_POSITION_LIMIT = 6013,
    KAIROS_ERR_PERP_POSITION_LIMIT = 6014,
    KAIROS_ERR_OPEN_ORDER_LIMIT = 6015,
    KAIROS_ERR_INSUFFICIENT_BALANCE = 6016,
    KAIROS_ERR_INSUFFICIENT_HEALTH = 6017,
    KAIROS_ERR_INSUFFICIENT_VAULT_LIQUIDITY = 6018,
    KAIROS_ERR_PRICE_NOT_ON_TICK = 6019,
    KAIROS_ERR_ORDER_TOO_SMALL = 6020,
    KAIROS_ERR_BOOK_FULL = 6021,
    KAIROS_ERR_EVENT_QUEUE_FULL = 6022,
    KAIROS_ERR_ORDER_NOT_FOUND = 6023,
    KAIROS_ERR_OPEN_INTEREST_CAP_EXCEEDED = 6024,
    KAIROS_ERR_MARKET_MISMATCH = 6025,
    KAIROS_ERR_ASSET_MISMATCH = 6026,
    KAIROS_ERR_HEALTH_ACCOUNTS_MISMATCH = 6027,
    KAIROS_ERR_ACCOUNT_NOT_EMPTY = 6028,
    KAIROS_ERR_MAKER_ACCOUNT_MISSING = 6029,
    KAIROS_ERR_INVALID_WEIGHTS = 6030,
    KAIROS_ERR_INVALID_FEES = 6031,
    KAIROS_ERR_NO_FILL = 6032,
    KAIROS_ERR_ACCOUNT_BEING_LIQUIDATED = 6033,
};

/* type InitializeExchangeArgs (borsh, packed) */
typedef struct __attribute__((packed)) InitializeExchangeArgs {
    u64 keeper_reward_lamports; /* offset 0 */
} InitializeExchangeArgs;
_Static_assert(sizeof(InitializeExchangeArgs) == 8, "InitializeExchangeArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(InitializeExchangeArgs, keeper_reward_lamports) == 0, "InitializeExchangeArgs.keeper_reward_lamports offset differs from the IDL");

/* type CreateOracleArgs (borsh, packed) */
typedef struct __attribute__((packed)) CreateOracleArgs {
    u64 seed; /* offset 0 */
    i64 price; /* offset 8 */
    u64 confidence; /* offset 16 */
    i32 exponent; /* offset 24 */
} CreateOracleArgs;
_Static_assert(sizeof(CreateOracleArgs) == 28, "CreateOracleArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CreateOracleArgs, seed) == 0, "CreateOracleArgs.seed offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateOracleArgs, price) == 8, "CreateOracleArgs.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateOracleArgs, confidence) == 16, "CreateOracleArgs.confidence offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateOracleArgs, exponent) == 24, "CreateOracleArgs.exponent offset differs from the IDL");

/* type AddCollateralAssetArgs (borsh, packed) */
typedef struct __attribute__((packed)) AddCollateralAssetArgs {
    u64 deposit_cap; /* offset 0 */
    u32 max_staleness_slots; /* offset 8 */
    u16 init_asset_weight_bps; /* offset 12 */
    u16 maint_asset_weight_bps; /* offset 14 */
    u16 max_confidence_bps; /* offset 16 */
} AddCollateralAssetArgs;
_Static_assert(sizeof(AddCollateralAssetArgs) == 18, "AddCollateralAssetArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(AddCollateralAssetArgs, deposit_cap) == 0, "AddCollateralAssetArgs.deposit_cap offset differs from the IDL");
_Static_assert(__builtin_offsetof(AddCollateralAssetArgs, max_staleness_slots) == 8, "AddCollateralAssetArgs.max_staleness_slots offset differs from the IDL");
_Static_assert(__builtin_offsetof(AddCollateralAssetArgs, init_asset_weight_bps) == 12, "AddCollateralAssetArgs.init_asset_weight_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(AddCollateralAssetArgs, maint_asset_weight_bps) == 14, "AddCollateralAssetArgs.maint_asset_weight_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(AddCollateralAssetArgs, max_confidence_bps) == 16, "AddCollateralAssetArgs.max_confidence_bps offset differs from the IDL");

/* type CreatePerpMarketArgs (borsh, packed) */
typedef struct __attribute__((packed)) CreatePerpMarketArgs {
    u8 name[16]; /* offset 0 */
    u64 base_lot_size; /* offset 16 */
    u64 tick_size; /* offset 24 */
    u64 min_order_lots; /* offset 32 */
    u64 open_interest_cap_lots; /* offset 40 */
    u32 max_staleness_slots; /* offset 48 */
    u16 init_margin_bps; /* offset 52 */
    u16 maint_margin_bps; /* offset 54 */
    u16 init_pnl_weight_bps; /* offset 56 */
    u16 taker_fee_bps; /* offset 58 */
    i16 maker_fee_bps; /* offset 60 */
    u16 max_confidence_bps; /* offset 62 */
    u8 base_decimals; /* offset 64 */
} CreatePerpMarketArgs;
_Static_assert(sizeof(CreatePerpMarketArgs) == 65, "CreatePerpMarketArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, name) == 0, "CreatePerpMarketArgs.name offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, base_lot_size) == 16, "CreatePerpMarketArgs.base_lot_size offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, tick_size) == 24, "CreatePerpMarketArgs.tick_size offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, min_order_lots) == 32, "CreatePerpMarketArgs.min_order_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, open_interest_cap_lots) == 40, "CreatePerpMarketArgs.open_interest_cap_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, max_staleness_slots) == 48, "CreatePerpMarketArgs.max_staleness_slots offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, init_margin_bps) == 52, "CreatePerpMarketArgs.init_margin_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, maint_margin_bps) == 54, "CreatePerpMarketArgs.maint_margin_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, init_pnl_weight_bps) == 56, "CreatePerpMarketArgs.init_pnl_weight_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, taker_fee_bps) == 58, "CreatePerpMarketArgs.taker_fee_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, maker_fee_bps) == 60, "CreatePerpMarketArgs.maker_fee_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, max_confidence_bps) == 62, "CreatePerpMarketArgs.max_confidence_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketArgs, base_decimals) == 64, "CreatePerpMarketArgs.base_decimals offset differs from the IDL");

/* type PlaceOrderArgs (borsh, packed) */
typedef struct __attribute__((packed)) PlaceOrderArgs {
    u8 side; /* offset 0 */
    u8 order_type; /* offset 1 */
    u64 price; /* offset 2 */
    u64 max_base_lots; /* offset 10 */
    u64 client_order_id; /* offset 18 */
    u8 match_limit; /* offset 26 */
} PlaceOrderArgs;
_Static_assert(sizeof(PlaceOrderArgs) == 27, "PlaceOrderArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderArgs, side) == 0, "PlaceOrderArgs.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderArgs, order_type) == 1, "PlaceOrderArgs.order_type offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderArgs, price) == 2, "PlaceOrderArgs.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderArgs, max_base_lots) == 10, "PlaceOrderArgs.max_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderArgs, client_order_id) == 18, "PlaceOrderArgs.client_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderArgs, match_limit) == 26, "PlaceOrderArgs.match_limit offset differs from the IDL");

/* type CollateralPosition (naturally aligned) */
typedef struct CollateralPosition {
    u64 amount; /* offset 0 */
    u16 asset_index; /* offset 8 */
    u8 active; /* offset 10 */
    u8 padding[5]; /* offset 11 */
} CollateralPosition;
_Static_assert(sizeof(CollateralPosition) == 16, "CollateralPosition size differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralPosition, amount) == 0, "CollateralPosition.amount offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralPosition, asset_index) == 8, "CollateralPosition.asset_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralPosition, active) == 10, "CollateralPosition.active offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralPosition, padding) == 11, "CollateralPosition.padding offset differs from the IDL");

/* type PerpPosition (naturally aligned) */
typedef struct PerpPosition {
    i64 base_lots; /* offset 0 */
    i64 quote_position; /* offset 8 */
    i64 cost_basis; /* offset 16 */
    i64 realized_pnl; /* offset 24 */
    u64 bids_base_lots; /* offset 32 */
    u64 asks_base_lots; /* offset 40 */
    u64 bids_quote; /* offset 48 */
    u64 asks_quote; /* offset 56 */
    u16 market_index; /* offset 64 */
    u8 active; /* offset 66 */
    u8 padding[5]; /* offset 67 */
} PerpPosition;
_Static_assert(sizeof(PerpPosition) == 72, "PerpPosition size differs from the IDL");
_Static_assert(__builtin_offsetof(PerpPosition, base_lots) == 0, "PerpPosition.base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpPosition, quote_position) == 8, "PerpPosition.quote_position offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpPosition, cost_basis) == 16, "PerpPosition.cost_basis offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpPosition, realized_pnl) == 24, "PerpPosition.realized_pnl offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpPosition, bids_base_lots) == 32, "PerpPosition.bids_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpPosition, asks_base_lots) == 40, "PerpPosition.asks_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpPosition, bids_quote) == 48, "PerpPosition.bids_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpPosition, asks_quote) == 56, "PerpPosition.asks_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpPosition, market_index) == 64, "PerpPosition.market_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpPosition, active) == 66, "PerpPosition.active offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpPosition, padding) == 67, "PerpPosition.padding offset differs from the IDL");

/* type OpenOrder (naturally aligned) */
typedef struct OpenOrder {
    u64 order_id; /* offset 0 */
    u64 client_order_id; /* offset 8 */
    u64 price; /* offset 16 */
    u16 market_index; /* offset 24 */
    u8 side; /* offset 26 */
    u8 active; /* offset 27 */
    u8 padding[4]; /* offset 28 */
} OpenOrder;
_Static_assert(sizeof(OpenOrder) == 32, "OpenOrder size differs from the IDL");
_Static_assert(__builtin_offsetof(OpenOrder, order_id) == 0, "OpenOrder.order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(OpenOrder, client_order_id) == 8, "OpenOrder.client_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(OpenOrder, price) == 16, "OpenOrder.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(OpenOrder, market_index) == 24, "OpenOrder.market_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(OpenOrder, side) == 26, "OpenOrder.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(OpenOrder, active) == 27, "OpenOrder.active offset differs from the IDL");
_Static_assert(__builtin_offsetof(OpenOrder, padding) == 28, "OpenOrder.padding offset differs from the IDL");

/* type AccountStats (naturally aligned) */
typedef struct AccountStats {
    u64 volume_quote; /* offset 0 */
    i64 fees_paid; /* offset 8 */
    i64 realized_pnl; /* offset 16 */
    u64 fill_count; /* offset 24 */
} AccountStats;
_Static_assert(sizeof(AccountStats) == 32, "AccountStats size differs from the IDL");
_Static_assert(__builtin_offsetof(AccountStats, volume_quote) == 0, "AccountStats.volume_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(AccountStats, fees_paid) == 8, "AccountStats.fees_paid offset differs from the IDL");
_Static_assert(__builtin_offsetof(AccountStats, realized_pnl) == 16, "AccountStats.realized_pnl offset differs from the IDL");
_Static_assert(__builtin_offsetof(AccountStats, fill_count) == 24, "AccountStats.fill_count offset differs from the IDL");

/* type BookOrder (naturally aligned) */
typedef struct BookOrder {
    u64 order_id; /* offset 0 */
    u64 price; /* offset 8 */
    u64 base_lots; /* offset 16 */
    u64 client_order_id; /* offset 24 */
    i64 timestamp; /* offset 32 */
    SolPubkey owner; /* offset 40 */
    u8 owner_slot; /* offset 72 */
    u8 padding[7]; /* offset 73 */
} BookOrder;
_Static_assert(sizeof(BookOrder) == 80, "BookOrder size differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, order_id) == 0, "BookOrder.order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, price) == 8, "BookOrder.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, base_lots) == 16, "BookOrder.base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, client_order_id) == 24, "BookOrder.client_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, timestamp) == 32, "BookOrder.timestamp offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, owner) == 40, "BookOrder.owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, owner_slot) == 72, "BookOrder.owner_slot offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, padding) == 73, "BookOrder.padding offset differs from the IDL");

/* type FillEvent (naturally aligned) */
typedef struct FillEvent {
    SolPubkey maker; /* offset 0 */
    SolPubkey taker; /* offset 32 */
    u64 maker_order_id; /* offset 64 */
    u64 price; /* offset 72 */
    u64 base_lots; /* offset 80 */
    i64 timestamp; /* offset 88 */
    u64 seq; /* offset 96 */
    u8 taker_side; /* offset 104 */
    u8 maker_out; /* offset 105 */
    u8 maker_slot; /* offset 106 */
    u8 event_type; /* offset 107 */
    u8 padding[4]; /* offset 108 */
} FillEvent;
_Static_assert(sizeof(FillEvent) == 112, "FillEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(FillEvent, maker) == 0, "FillEvent.maker offset differs from the IDL");
_Static_assert(__builtin_offsetof(FillEvent, taker) == 32, "FillEvent.taker offset differs from the IDL");
_Static_assert(__builtin_offsetof(FillEvent, maker_order_id) == 64, "FillEvent.maker_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(FillEvent, price) == 72, "FillEvent.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(FillEvent, base_lots) == 80, "FillEvent.base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(FillEvent, timestamp) == 88, "FillEvent.timestamp offset differs from the IDL");
_Static_assert(__builtin_offsetof(FillEvent, seq) == 96, "FillEvent.seq offset differs from the IDL");
_Static_assert(__builtin_offsetof(FillEvent, taker_side) == 104, "FillEvent.taker_side offset differs from the IDL");
_Static_assert(__builtin_offsetof(FillEvent, maker_out) == 105, "FillEvent.maker_out offset differs from the IDL");
_Static_assert(__builtin_offsetof(FillEvent, maker_slot) == 106, "FillEvent.maker_slot offset differs from the IDL");
_Static_assert(__builtin_offsetof(FillEvent, event_type) == 107, "FillEvent.event_type offset differs from the IDL");
_Static_assert(__builtin_offsetof(FillEvent, padding) == 108, "FillEvent.padding offset differs from the IDL");

/* enum Side (borsh: one u8 tag) */
#define KAIROS_SIDE_BID 0
#define KAIROS_SIDE_ASK 1

/* enum OrderType (borsh: one u8 tag) */
#define KAIROS_ORDER_TYPE_LIMIT 0
#define KAIROS_ORDER_TYPE_MARKET 1

/* enum SideFilter (borsh: one u8 tag) */
#define KAIROS_SIDE_FILTER_BIDS 0
#define KAIROS_SIDE_FILTER_ASKS 1
#define KAIROS_SIDE_FILTER_BOTH 2

/* enum FillEventType (borsh: one u8 tag) */
#define KAIROS_FILL_EVENT_TYPE_FILL 0

/* account Exchange: data[8..] (zero-copy, after the discriminator) */
typedef struct Exchange {
    SolPubkey admin; /* offset 0 */
    SolPubkey quote_mint; /* offset 32 */
    SolPubkey quote_vault; /* offset 64 */
    SolPubkey insurance_vault; /* offset 96 */
    u64 instruction_gate; /* offset 128 */
    u64 keeper_reward_lamports; /* offset 136 */
    u16 collateral_asset_count; /* offset 144 */
    u16 perp_market_count; /* offset 146 */
    u8 quote_decimals; /* offset 148 */
    u8 bump; /* offset 149 */
    u8 version; /* offset 150 */
    u8 padding[1]; /* offset 151 */
    u8 reserved[128]; /* offset 152 */
} Exchange;
_Static_assert(sizeof(Exchange) == 280, "Exchange size differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, admin) == 0, "Exchange.admin offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, quote_mint) == 32, "Exchange.quote_mint offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, quote_vault) == 64, "Exchange.quote_vault offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, insurance_vault) == 96, "Exchange.insurance_vault offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, instruction_gate) == 128, "Exchange.instruction_gate offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, keeper_reward_lamports) == 136, "Exchange.keeper_reward_lamports offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, collateral_asset_count) == 144, "Exchange.collateral_asset_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, perp_market_count) == 146, "Exchange.perp_market_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, quote_decimals) == 148, "Exchange.quote_decimals offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, bump) == 149, "Exchange.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, version) == 150, "Exchange.version offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, padding) == 151, "Exchange.padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, reserved) == 152, "Exchange.reserved offset differs from the IDL");

#define KAIROS_EXCHANGE_ACCOUNT_SIZE (8 + 280)

/* account CollateralAsset: data[8..] (zero-copy, after the discriminator) */
typedef struct CollateralAsset {
    SolPubkey mint; /* offset 0 */
    SolPubkey vault; /* offset 32 */
    SolPubkey oracle; /* offset 64 */
    u64 deposit_cap; /* offset 96 */
    u64 total_deposits; /* offset 104 */
    u32 max_staleness_slots; /* offset 112 */
    u16 init_asset_weight_bps; /* offset 116 */
    u16 maint_asset_weight_bps; /* offset 118 */
    u16 max_confidence_bps; /* offset 120 */
    u16 index; /* offset 122 */
    u8 decimals; /* offset 124 */
    u8 bump; /* offset 125 */
    u8 vault_bump; /* offset 126 */
    u8 padding[1]; /* offset 127 */
    u8 reserved[64]; /* offset 128 */
} CollateralAsset;
_Static_assert(sizeof(CollateralAsset) == 192, "CollateralAsset size differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, mint) == 0, "CollateralAsset.mint offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, vault) == 32, "CollateralAsset.vault offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, oracle) == 64, "CollateralAsset.oracle offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, deposit_cap) == 96, "CollateralAsset.deposit_cap offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, total_deposits) == 104, "CollateralAsset.total_deposits offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, max_staleness_slots) == 112, "CollateralAsset.max_staleness_slots offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, init_asset_weight_bps) == 116, "CollateralAsset.init_asset_weight_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, maint_asset_weight_bps) == 118, "CollateralAsset.maint_asset_weight_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, max_confidence_bps) == 120, "CollateralAsset.max_confidence_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, index) == 122, "CollateralAsset.index offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, decimals) == 124, "CollateralAsset.decimals offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, bump) == 125, "CollateralAsset.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, vault_bump) == 126, "CollateralAsset.vault_bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, padding) == 127, "CollateralAsset.padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, reserved) == 128, "CollateralAsset.reserved offset differs from the IDL");

#define KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE (8 + 192)

/* account Oracle: data[8..] (zero-copy, after the discriminator) */
typedef struct Oracle {
    SolPubkey authority; /* offset 0 */
    i64 price; /* offset 32 */
    u64 confidence; /* offset 40 */
    u64 publish_slot; /* offset 48 */
    i64 publish_time; /* offset 56 */
    u64 seed; /* offset 64 */
    i32 exponent; /* offset 72 */
    u8 bump; /* offset 76 */
    u8 padding[3]; /* offset 77 */
    u8 reserved[32]; /* offset 80 */
} Oracle;
_Static_assert(sizeof(Oracle) == 112, "Oracle size differs from the IDL");
_Static_assert(__builtin_offsetof(Oracle, authority) == 0, "Oracle.authority offset differs from the IDL");
_Static_assert(__builtin_offsetof(Oracle, price) == 32, "Oracle.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(Oracle, confidence) == 40, "Oracle.confidence offset differs from the IDL");
_Static_assert(__builtin_offsetof(Oracle, publish_slot) == 48, "Oracle.publish_slot offset differs from the IDL");
_Static_assert(__builtin_offsetof(Oracle, publish_time) == 56, "Oracle.publish_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(Oracle, seed) == 64, "Oracle.seed offset differs from the IDL");
_Static_assert(__builtin_offsetof(Oracle, exponent) == 72, "Oracle.exponent offset differs from the IDL");
_Static_assert(__builtin_offsetof(Oracle, bump) == 76, "Oracle.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(Oracle, padding) == 77, "Oracle.padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(Oracle, reserved) == 80, "Oracle.reserved offset differs from the IDL");

#define KAIROS_ORACLE_ACCOUNT_SIZE (8 + 112)

/* account PerpMarket: data[8..] (zero-copy, after the discriminator) */
typedef struct PerpMarket {
    u8 name[16]; /* offset 0 */
    SolPubkey oracle; /* offset 16 */
    SolPubkey orderbook; /* offset 48 */
    SolPubkey event_queue; /* offset 80 */
    u64 base_lot_size; /* offset 112 */
    u64 tick_size; /* offset 120 */
    u64 min_order_lots; /* offset 128 */
    u64 open_interest_cap_lots; /* offset 136 */
    u64 open_interest_lots; /* offset 144 */
    u64 next_order_id; /* offset 152 */
    i64 fees_accrued; /* offset 160 */
    i64 pnl_pool; /* offset 168 */
    u64 crank_lamports; /* offset 176 */
    u32 max_staleness_slots; /* offset 184 */
    u16 init_margin_bps; /* offset 188 */
    u16 maint_margin_bps; /* offset 190 */
    u16 init_pnl_weight_bps; /* offset 192 */
    u16 taker_fee_bps; /* offset 194 */
    i16 maker_fee_bps; /* offset 196 */
    u16 max_confidence_bps; /* offset 198 */
    u16 index; /* offset 200 */
    u8 base_decimals; /* offset 202 */
    u8 bump; /* offset 203 */
    u8 padding[4]; /* offset 204 */
    u8 reserved[64]; /* offset 208 */
} PerpMarket;
_Static_assert(sizeof(PerpMarket) == 272, "PerpMarket size differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, name) == 0, "PerpMarket.name offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, oracle) == 16, "PerpMarket.oracle offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, orderbook) == 48, "PerpMarket.orderbook offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, event_queue) == 80, "PerpMarket.event_queue offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, base_lot_size) == 112, "PerpMarket.base_lot_size offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, tick_size) == 120, "PerpMarket.tick_size offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, min_order_lots) == 128, "PerpMarket.min_order_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, open_interest_cap_lots) == 136, "PerpMarket.open_interest_cap_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, open_interest_lots) == 144, "PerpMarket.open_interest_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, next_order_id) == 152, "PerpMarket.next_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, fees_accrued) == 160, "PerpMarket.fees_accrued offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, pnl_pool) == 168, "PerpMarket.pnl_pool offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, crank_lamports) == 176, "PerpMarket.crank_lamports offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, max_staleness_slots) == 184, "PerpMarket.max_staleness_slots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, init_margin_bps) == 188, "PerpMarket.init_margin_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, maint_margin_bps) == 190, "PerpMarket.maint_margin_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, init_pnl_weight_bps) == 192, "PerpMarket.init_pnl_weight_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, taker_fee_bps) == 194, "PerpMarket.taker_fee_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, maker_fee_bps) == 196, "PerpMarket.maker_fee_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, max_confidence_bps) == 198, "PerpMarket.max_confidence_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, index) == 200, "PerpMarket.index offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, base_decimals) == 202, "PerpMarket.base_decimals offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, bump) == 203, "PerpMarket.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, padding) == 204, "PerpMarket.padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, reserved) == 208, "PerpMarket.reserved offset differs from the IDL");

#define KAIROS_PERP_MARKET_ACCOUNT_SIZE (8 + 272)

/* account Orderbook: data[8..] (zero-copy, after the discriminator) */
typedef struct Orderbook {
    SolPubkey market; /* offset 0 */
    u32 bid_count; /* offset 32 */
    u32 ask_count; /* offset 36 */
    u8 reserved[56]; /* offset 40 */
    BookOrder bids[128]; /* offset 96 */
    BookOrder asks[128]; /* offset 10336 */
} Orderbook;
_Static_assert(sizeof(Orderbook) == 20576, "Orderbook size differs from the IDL");
_Static_assert(__builtin_offsetof(Orderbook, market) == 0, "Orderbook.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(Orderbook, bid_count) == 32, "Orderbook.bid_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(Orderbook, ask_count) == 36, "Orderbook.ask_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(Orderbook, reserved) == 40, "Orderbook.reserved offset differs from the IDL");
_Static_assert(__builtin_offsetof(Orderbook, bids) == 96, "Orderbook.bids offset differs from the IDL");
_Static_assert(__builtin_offsetof(Orderbook, asks) == 10336, "Orderbook.asks offset differs from the IDL");

#define KAIROS_ORDERBOOK_ACCOUNT_SIZE (8 + 20576)

/* account EventQueue: data[8..] (zero-copy, after the discriminator) */
typedef struct EventQueue {
    SolPubkey market; /* offset 0 */
    u32 head; /* offset 32 */
    u32 count; /* offset 36 */
    u64 seq_num; /* offset 40 */
    u8 reserved[48]; /* offset 48 */
    FillEvent events[256]; /* offset 96 */
} EventQueue;
_Static_assert(sizeof(EventQueue) == 28768, "EventQueue size differs from the IDL");
_Static_assert(__builtin_offsetof(EventQueue, market) == 0, "EventQueue.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(EventQueue, head) == 32, "EventQueue.head offset differs from the IDL");
_Static_assert(__builtin_offsetof(EventQueue, count) == 36, "EventQueue.count offset differs from the IDL");
_Static_assert(__builtin_offsetof(EventQueue, seq_num) == 40, "EventQueue.seq_num offset differs from the IDL");
_Static_assert(__builtin_offsetof(EventQueue, reserved) == 48, "EventQueue.reserved offset differs from the IDL");
_Static_assert(__builtin_offsetof(EventQueue, events) == 96, "EventQueue.events offset differs from the IDL");

#define KAIROS_EVENT_QUEUE_ACCOUNT_SIZE (8 + 28768)

/* account MarginAccount: data[8..] (zero-copy, after the discriminator) */
typedef struct MarginAccount {
    SolPubkey owner; /* offset 0 */
    i64 quote_balance; /* offset 32 */
    u8 account_index; /* offset 40 */
    u8 bump; /* offset 41 */
    u8 being_liquidated; /* offset 42 */
    u8 padding[5]; /* offset 43 */
    CollateralPosition collateral[8]; /* offset 48 */
    PerpPosition perp_positions[4]; /* offset 176 */
    OpenOrder open_orders[16]; /* offset 464 */
    AccountStats stats; /* offset 976 */
    u8 reserved[128]; /* offset 1008 */
} MarginAccount;
_Static_assert(sizeof(MarginAccount) == 1136, "MarginAccount size differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, owner) == 0, "MarginAccount.owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, quote_balance) == 32, "MarginAccount.quote_balance offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, account_index) == 40, "MarginAccount.account_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, bump) == 41, "MarginAccount.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, being_liquidated) == 42, "MarginAccount.being_liquidated offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, padding) == 43, "MarginAccount.padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, collateral) == 48, "MarginAccount.collateral offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, perp_positions) == 176, "MarginAccount.perp_positions offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, open_orders) == 464, "MarginAccount.open_orders offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, stats) == 976, "MarginAccount.stats offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, reserved) == 1008, "MarginAccount.reserved offset differs from the IDL");

#define KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE (8 + 1136)

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

/* event InstructionGateSet (borsh) */
typedef struct __attribute__((packed)) InstructionGateSetEvent {
    SolPubkey admin; /* offset 0 */
    u64 previous_gate; /* offset 32 */
    u64 gate; /* offset 40 */
} InstructionGateSetEvent;
_Static_assert(sizeof(InstructionGateSetEvent) == 48, "InstructionGateSetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(InstructionGateSetEvent, admin) == 0, "InstructionGateSetEvent.admin offset differs from the IDL");
_Static_assert(__builtin_offsetof(InstructionGateSetEvent, previous_gate) == 32, "InstructionGateSetEvent.previous_gate offset differs from the IDL");
_Static_assert(__builtin_offsetof(InstructionGateSetEvent, gate) == 40, "InstructionGateSetEvent.gate offset differs from the IDL");

typedef struct __attribute__((packed)) InstructionGateSetEventRecord {
    u64 discriminator;
    InstructionGateSetEvent event;
} InstructionGateSetEventRecord;
#define INSTRUCTION_GATE_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_INSTRUCTION_GATE_SET }

/* event OracleCreated (borsh) */
typedef struct __attribute__((packed)) OracleCreatedEvent {
    SolPubkey oracle; /* offset 0 */
    SolPubkey authority; /* offset 32 */
    i64 price; /* offset 64 */
    u64 confidence; /* offset 72 */
    i32 exponent; /* offset 80 */
} OracleCreatedEvent;
_Static_assert(sizeof(OracleCreatedEvent) == 84, "OracleCreatedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(OracleCreatedEvent, oracle) == 0, "OracleCreatedEvent.oracle offset differs from the IDL");
_Static_assert(__builtin_offsetof(OracleCreatedEvent, authority) == 32, "OracleCreatedEvent.authority offset differs from the IDL");
_Static_assert(__builtin_offsetof(OracleCreatedEvent, price) == 64, "OracleCreatedEvent.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(OracleCreatedEvent, confidence) == 72, "OracleCreatedEvent.confidence offset differs from the IDL");
_Static_assert(__builtin_offsetof(OracleCreatedEvent, exponent) == 80, "OracleCreatedEvent.exponent offset differs from the IDL");

typedef struct __attribute__((packed)) OracleCreatedEventRecord {
    u64 discriminator;
    OracleCreatedEvent event;
} OracleCreatedEventRecord;
#define ORACLE_CREATED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_ORACLE_CREATED }

/* event OracleUpdated (borsh) */
typedef struct __attribute__((packed)) OracleUpdatedEvent {
    SolPubkey oracle; /* offset 0 */
    i64 price; /* offset 32 */
    u64 confidence; /* offset 40 */
    u64 slot; /* offset 48 */
    i64 unix_timestamp; /* offset 56 */
} OracleUpdatedEvent;
_Static_assert(sizeof(OracleUpdatedEvent) == 64, "OracleUpdatedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(OracleUpdatedEvent, oracle) == 0, "OracleUpdatedEvent.oracle offset differs from the IDL");
_Static_assert(__builtin_offsetof(OracleUpdatedEvent, price) == 32, "OracleUpdatedEvent.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(OracleUpdatedEvent, confidence) == 40, "OracleUpdatedEvent.confidence offset differs from the IDL");
_Static_assert(__builtin_offsetof(OracleUpdatedEvent, slot) == 48, "OracleUpdatedEvent.slot offset differs from the IDL");
_Static_assert(__builtin_offsetof(OracleUpdatedEvent, unix_timestamp) == 56, "OracleUpdatedEvent.unix_timestamp offset differs from the IDL");

typedef struct __attribute__((packed)) OracleUpdatedEventRecord {
    u64 discriminator;
    OracleUpdatedEvent event;
} OracleUpdatedEventRecord;
#define ORACLE_UPDATED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_ORACLE_UPDATED }

/* event CollateralAssetAdded (borsh) */
typedef struct __attribute__((packed)) CollateralAssetAddedEvent {
    SolPubkey asset; /* offset 0 */
    SolPubkey mint; /* offset 32 */
    SolPubkey oracle; /* offset 64 */
    u16 index; /* offset 96 */
    u16 init_asset_weight_bps; /* offset 98 */
    u16 maint_asset_weight_bps; /* offset 100 */
    u64 deposit_cap; /* offset 102 */
} CollateralAssetAddedEvent;
_Static_assert(sizeof(CollateralAssetAddedEvent) == 110, "CollateralAssetAddedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAssetAddedEvent, asset) == 0, "CollateralAssetAddedEvent.asset offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAssetAddedEvent, mint) == 32, "CollateralAssetAddedEvent.mint offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAssetAddedEvent, oracle) == 64, "CollateralAssetAddedEvent.oracle offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAssetAddedEvent, index) == 96, "CollateralAssetAddedEvent.index offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAssetAddedEvent, init_asset_weight_bps) == 98, "CollateralAssetAddedEvent.init_asset_weight_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAssetAddedEvent, maint_asset_weight_bps) == 100, "CollateralAssetAddedEvent.maint_asset_weight_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAssetAddedEvent, deposit_cap) == 102, "CollateralAssetAddedEvent.deposit_cap offset differs from the IDL");

typedef struct __attribute__((packed)) CollateralAssetAddedEventRecord {
    u64 discriminator;
    CollateralAssetAddedEvent event;
} CollateralAssetAddedEventRecord;
#define COLLATERAL_ASSET_ADDED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_COLLATERAL_ASSET_ADDED }

/* event PerpMarketCreated (borsh) */
typedef struct __attribute__((packed)) PerpMarketCreatedEvent {
    SolPubkey market; /* offset 0 */
    SolPubkey oracle; /* offset 32 */
    u16 index; /* offset 64 */
    u64 base_lot_size; /* offset 66 */
    u64 tick_size; /* offset 74 */
} PerpMarketCreatedEvent;
_Static_assert(sizeof(PerpMarketCreatedEvent) == 82, "PerpMarketCreatedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarketCreatedEvent, market) == 0, "PerpMarketCreatedEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarketCreatedEvent, oracle) == 32, "PerpMarketCreatedEvent.oracle offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarketCreatedEvent, index) == 64, "PerpMarketCreatedEvent.index offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarketCreatedEvent, base_lot_size) == 66, "PerpMarketCreatedEvent.base_lot_size offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarketCreatedEvent, tick_size) == 74, "PerpMarketCreatedEvent.tick_size offset differs from the IDL");

typedef struct __attribute__((packed)) PerpMarketCreatedEventRecord {
    u64 discriminator;
    PerpMarketCreatedEvent event;
} PerpMarketCreatedEventRecord;
#define PERP_MARKET_CREATED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_PERP_MARKET_CREATED }

/* event MarginAccountCreated (borsh) */
typedef struct __attribute__((packed)) MarginAccountCreatedEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey owner; /* offset 32 */
    u8 account_index; /* offset 64 */
} MarginAccountCreatedEvent;
_Static_assert(sizeof(MarginAccountCreatedEvent) == 65, "MarginAccountCreatedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccountCreatedEvent, margin_account) == 0, "MarginAccountCreatedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccountCreatedEvent, owner) == 32, "MarginAccountCreatedEvent.owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccountCreatedEvent, account_index) == 64, "MarginAccountCreatedEvent.account_index offset differs from the IDL");

typedef struct __attribute__((packed)) MarginAccountCreatedEventRecord {
    u64 discriminator;
    MarginAccountCreatedEvent event;
} MarginAccountCreatedEventRecord;
#define MARGIN_ACCOUNT_CREATED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_MARGIN_ACCOUNT_CREATED }

/* event Deposited (borsh) */
typedef struct __attribute__((packed)) DepositedEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey asset; /* offset 32 */
    u64 amount; /* offset 64 */
    i64 balance_after; /* offset 72 */
} DepositedEvent;
_Static_assert(sizeof(DepositedEvent) == 80, "DepositedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(DepositedEvent, margin_account) == 0, "DepositedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(DepositedEvent, asset) == 32, "DepositedEvent.asset offset differs from the IDL");
_Static_assert(__builtin_offsetof(DepositedEvent, amount) == 64, "DepositedEvent.amount offset differs from the IDL");
_Static_assert(__builtin_offsetof(DepositedEvent, balance_after) == 72, "DepositedEvent.balance_after offset differs from the IDL");

typedef struct __attribute__((packed)) DepositedEventRecord {
    u64 discriminator;
    DepositedEvent event;
} DepositedEventRecord;
#define DEPOSITED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_DEPOSITED }

/* event Withdrawn (borsh) */
typedef struct __attribute__((packed)) WithdrawnEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey asset; /* offset 32 */
    u64 amount; /* offset 64 */
    i64 balance_after; /* offset 72 */
    i64 init_health_after; /* offset 80 */
} WithdrawnEvent;
_Static_assert(sizeof(WithdrawnEvent) == 88, "WithdrawnEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, margin_account) == 0, "WithdrawnEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, asset) == 32, "WithdrawnEvent.asset offset differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, amount) == 64, "WithdrawnEvent.amount offset differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, balance_after) == 72, "WithdrawnEvent.balance_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, init_health_after) == 80, "WithdrawnEvent.init_health_after offset differs from the IDL");

typedef struct __attribute__((packed)) WithdrawnEventRecord {
    u64 discriminator;
    WithdrawnEvent event;
} WithdrawnEventRecord;
#define WITHDRAWN_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_WITHDRAWN }

/* event OrderPlaced (borsh) */
typedef struct __attribute__((packed)) OrderPlacedEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey market; /* offset 32 */
    u64 order_id; /* offset 64 */
    u64 client_order_id; /* offset 72 */
    u8 side; /* offset 80 */
    u8 order_type; /* offset 81 */
    u64 price; /* offset 82 */
    u64 max_base_lots; /* offset 90 */
    u64 filled_base_lots; /* offset 98 */
    u64 filled_quote; /* offset 106 */
    u64 resting_base_lots; /* offset 114 */
    u64 taker_fee; /* offset 122 */
} OrderPlacedEvent;
_Static_assert(sizeof(OrderPlacedEvent) == 130, "OrderPlacedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(OrderPlacedEvent, margin_account) == 0, "OrderPlacedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderPlacedEvent, market) == 32, "OrderPlacedEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderPlacedEvent, order_id) == 64, "OrderPlacedEvent.order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderPlacedEvent, client_order_id) == 72, "OrderPlacedEvent.client_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderPlacedEvent, side) == 80, "OrderPlacedEvent.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderPlacedEvent, order_type) == 81, "OrderPlacedEvent.order_type offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderPlacedEvent, price) == 82, "OrderPlacedEvent.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderPlacedEvent, max_base_lots) == 90, "OrderPlacedEvent.max_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderPlacedEvent, filled_base_lots) == 98, "OrderPlacedEvent.filled_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderPlacedEvent, filled_quote) == 106, "OrderPlacedEvent.filled_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderPlacedEvent, resting_base_lots) == 114, "OrderPlacedEvent.resting_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderPlacedEvent, taker_fee) == 122, "OrderPlacedEvent.taker_fee offset differs from the IDL");

typedef struct __attribute__((packed)) OrderPlacedEventRecord {
    u64 discriminator;
    OrderPlacedEvent event;
} OrderPlacedEventRecord;
#define ORDER_PLACED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_ORDER_PLACED }

/* event OrderFilled (borsh) */
typedef struct __attribute__((packed)) OrderFilledEvent {
    SolPubkey market; /* offset 0 */
    SolPubkey maker; /* offset 32 */
    SolPubkey taker; /* offset 64 */
    u64 maker_order_id; /* offset 96 */
    u8 taker_side; /* offset 104 */
    u64 price; /* offset 105 */
    u64 base_lots; /* offset 113 */
    u64 seq; /* offset 121 */
} OrderFilledEvent;
_Static_assert(sizeof(OrderFilledEvent) == 129, "OrderFilledEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(OrderFilledEvent, market) == 0, "OrderFilledEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderFilledEvent, maker) == 32, "OrderFilledEvent.maker offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderFilledEvent, taker) == 64, "OrderFilledEvent.taker offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderFilledEvent, maker_order_id) == 96, "OrderFilledEvent.maker_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderFilledEvent, taker_side) == 104, "OrderFilledEvent.taker_side offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderFilledEvent, price) == 105, "OrderFilledEvent.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderFilledEvent, base_lots) == 113, "OrderFilledEvent.base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderFilledEvent, seq) == 121, "OrderFilledEvent.seq offset differs from the IDL");

typedef struct __attribute__((packed)) OrderFilledEventRecord {
    u64 discriminator;
    OrderFilledEvent event;
} OrderFilledEventRecord;
#define ORDER_FILLED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_ORDER_FILLED }

/* event OrderCancelled (borsh) */
typedef struct __attribute__((packed)) OrderCancelledEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey market; /* offset 32 */
    u64 order_id; /* offset 64 */
    u64 client_order_id; /* offset 72 */
    u8 side; /* offset 80 */
    u64 price; /* offset 81 */
    u64 base_lots; /* offset 89 */
} OrderCancelledEvent;
_Static_assert(sizeof(OrderCancelledEvent) == 97, "OrderCancelledEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(OrderCancelledEvent, margin_account) == 0, "OrderCancelledEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderCancelledEvent, market) == 32, "OrderCancelledEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderCancelledEvent, order_id) == 64, "OrderCancelledEvent.order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderCancelledEvent, client_order_id) == 72, "OrderCancelledEvent.client_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderCancelledEvent, side) == 80, "OrderCancelledEvent.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderCancelledEvent, price) == 81, "OrderCancelledEvent.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderCancelledEvent, base_lots) == 89, "OrderCancelledEvent.base_lots offset differs from the IDL");

typedef struct __attribute__((packed)) OrderCancelledEventRecord {
    u64 discriminator;
    OrderCancelledEvent event;
} OrderCancelledEventRecord;
#define ORDER_CANCELLED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_ORDER_CANCELLED }

/* event EventsConsumed (borsh) */
typedef struct __attribute__((packed)) EventsConsumedEvent {
    SolPubkey market; /* offset 0 */
    SolPubkey cranker; /* offset 32 */
    u32 count; /* offset 64 */
    u64 reward; /* offset 68 */
    u32 remaining; /* offset 76 */
} EventsConsumedEvent;
_Static_assert(sizeof(EventsConsumedEvent) == 80, "EventsConsumedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(EventsConsumedEvent, market) == 0, "EventsConsumedEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(EventsConsumedEvent, cranker) == 32, "EventsConsumedEvent.cranker offset differs from the IDL");
_Static_assert(__builtin_offsetof(EventsConsumedEvent, count) == 64, "EventsConsumedEvent.count offset differs from the IDL");
_Static_assert(__builtin_offsetof(EventsConsumedEvent, reward) == 68, "EventsConsumedEvent.reward offset differs from the IDL");
_Static_assert(__builtin_offsetof(EventsConsumedEvent, remaining) == 76, "EventsConsumedEvent.remaining offset differs from the IDL");

typedef struct __attribute__((packed)) EventsConsumedEventRecord {
    u64 discriminator;
    EventsConsumedEvent event;
} EventsConsumedEventRecord;
#define EVENTS_CONSUMED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_EVENTS_CONSUMED }

/* event PnlSettled (borsh) */
typedef struct __attribute__((packed)) PnlSettledEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey market; /* offset 32 */
    i64 amount; /* offset 64 */
    i64 quote_balance_after; /* offset 72 */
    i64 pnl_pool_after; /* offset 80 */
} PnlSettledEvent;
_Static_assert(sizeof(PnlSettledEvent) == 88, "PnlSettledEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(PnlSettledEvent, margin_account) == 0, "PnlSettledEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(PnlSettledEvent, market) == 32, "PnlSettledEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(PnlSettledEvent, amount) == 64, "PnlSettledEvent.amount offset differs from the IDL");
_Static_assert(__builtin_offsetof(PnlSettledEvent, quote_balance_after) == 72, "PnlSettledEvent.quote_balance_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(PnlSettledEvent, pnl_pool_after) == 80, "PnlSettledEvent.pnl_pool_after offset differs from the IDL");

typedef struct __attribute__((packed)) PnlSettledEventRecord {
    u64 discriminator;
    PnlSettledEvent event;
} PnlSettledEventRecord;
#define PNL_SETTLED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_PNL_SETTLED }

/* event MarginAccountClosed (borsh) */
typedef struct __attribute__((packed)) MarginAccountClosedEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey owner; /* offset 32 */
} MarginAccountClosedEvent;
_Static_assert(sizeof(MarginAccountClosedEvent) == 64, "MarginAccountClosedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccountClosedEvent, margin_account) == 0, "MarginAccountClosedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccountClosedEvent, owner) == 32, "MarginAccountClosedEvent.owner offset differs from the IDL");

typedef struct __attribute__((packed)) MarginAccountClosedEventRecord {
    u64 discriminator;
    MarginAccountClosedEvent event;
} MarginAccountClosedEventRecord;
#define MARGIN_ACCOUNT_CLOSED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_MARGIN_ACCOUNT_CLOSED }

/* event HealthComputed (borsh) */
typedef struct __attribute__((packed)) HealthComputedEvent {
    SolPubkey margin_account; /* offset 0 */
    i64 init_health; /* offset 32 */
    i64 maint_health; /* offset 40 */
} HealthComputedEvent;
_Static_assert(sizeof(HealthComputedEvent) == 48, "HealthComputedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(HealthComputedEvent, margin_account) == 0, "HealthComputedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(HealthComputedEvent, init_health) == 32, "HealthComputedEvent.init_health offset differs from the IDL");
_Static_assert(__builtin_offsetof(HealthComputedEvent, maint_health) == 40, "HealthComputedEvent.maint_health offset differs from the IDL");

typedef struct __attribute__((packed)) HealthComputedEventRecord {
    u64 discriminator;
    HealthComputedEvent event;
} HealthComputedEventRecord;
#define HEALTH_COMPUTED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_HEALTH_COMPUTED }

/* instruction initializeExchange: account indices */
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_EXCHANGE 0
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_ADMIN 1
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_QUOTE_MINT 2
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_QUOTE_ASSET 3
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_QUOTE_VAULT 4
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_INSURANCE_VAULT 5
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_TOKEN_PROGRAM 6
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_SYSTEM_PROGRAM 7
#define KAIROS_INITIALIZE_EXCHANGE_ACCOUNTS_LEN 8
/* instruction initializeExchange: borsh args */
typedef struct __attribute__((packed)) InitializeExchangeIxArgs {
    InitializeExchangeArgs args; /* offset 0 */
} InitializeExchangeIxArgs;
_Static_assert(sizeof(InitializeExchangeIxArgs) == 8, "InitializeExchangeIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(InitializeExchangeIxArgs, args) == 0, "InitializeExchangeIxArgs.args offset differs from the IDL");

/* instruction setInstructionGate: account indices */
#define KAIROS_SET_INSTRUCTION_GATE_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_INSTRUCTION_GATE_ACCOUNT_ADMIN 1
#define KAIROS_SET_INSTRUCTION_GATE_ACCOUNTS_LEN 2
/* instruction setInstructionGate: borsh args */
typedef struct __attribute__((packed)) SetInstructionGateIxArgs {
    u64 gate; /* offset 0 */
} SetInstructionGateIxArgs;
_Static_assert(sizeof(SetInstructionGateIxArgs) == 8, "SetInstructionGateIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetInstructionGateIxArgs, gate) == 0, "SetInstructionGateIxArgs.gate offset differs from the IDL");

/* instruction createOracle: account indices */
#define KAIROS_CREATE_ORACLE_ACCOUNT_EXCHANGE 0
#define KAIROS_CREATE_ORACLE_ACCOUNT_ORACLE 1
#define KAIROS_CREATE_ORACLE_ACCOUNT_AUTHORITY 2
#define KAIROS_CREATE_ORACLE_ACCOUNT_SYSTEM_PROGRAM 3
#define KAIROS_CREATE_ORACLE_ACCOUNTS_LEN 4
/* instruction createOracle: borsh args */
typedef struct __attribute__((packed)) CreateOracleIxArgs {
    CreateOracleArgs args; /* offset 0 */
} CreateOracleIxArgs;
_Static_assert(sizeof(CreateOracleIxArgs) == 28, "CreateOracleIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CreateOracleIxArgs, args) == 0, "CreateOracleIxArgs.args offset differs from the IDL");

/* instruction updateOracle: account indices */
#define KAIROS_UPDATE_ORACLE_ACCOUNT_EXCHANGE 0
#define KAIROS_UPDATE_ORACLE_ACCOUNT_ORACLE 1
#define KAIROS_UPDATE_ORACLE_ACCOUNT_AUTHORITY 2
#define KAIROS_UPDATE_ORACLE_ACCOUNTS_LEN 3
/* instruction updateOracle: borsh args */
typedef struct __attribute__((packed)) UpdateOracleIxArgs {
    i64 price; /* offset 0 */
    u64 confidence; /* offset 8 */
} UpdateOracleIxArgs;
_Static_assert(sizeof(UpdateOracleIxArgs) == 16, "UpdateOracleIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(UpdateOracleIxArgs, price) == 0, "UpdateOracleIxArgs.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(UpdateOracleIxArgs, confidence) == 8, "UpdateOracleIxArgs.confidence offset differs from the IDL");

/* instruction addCollateralAsset: account indices */
#define KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_EXCHANGE 0
#define KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_ADMIN 1
#define KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_MINT 2
#define KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_COLLATERAL_ASSET 3
#define KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_VAULT 4
#define KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_ORACLE 5
#define KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_TOKEN_PROGRAM 6
#define KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_SYSTEM_PROGRAM 7
#define KAIROS_ADD_COLLATERAL_ASSET_ACCOUNTS_LEN 8
/* instruction addCollateralAsset: borsh args */
typedef struct __attribute__((packed)) AddCollateralAssetIxArgs {
    AddCollateralAssetArgs args; /* offset 0 */
} AddCollateralAssetIxArgs;
_Static_assert(sizeof(AddCollateralAssetIxArgs) == 18, "AddCollateralAssetIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(AddCollateralAssetIxArgs, args) == 0, "AddCollateralAssetIxArgs.args offset differs from the IDL");

/* instruction createPerpMarket: account indices */
#define KAIROS_CREATE_PERP_MARKET_ACCOUNT_EXCHANGE 0
#define KAIROS_CREATE_PERP_MARKET_ACCOUNT_ADMIN 1
#define KAIROS_CREATE_PERP_MARKET_ACCOUNT_PERP_MARKET 2
#define KAIROS_CREATE_PERP_MARKET_ACCOUNT_ORDERBOOK 3
#define KAIROS_CREATE_PERP_MARKET_ACCOUNT_EVENT_QUEUE 4
#define KAIROS_CREATE_PERP_MARKET_ACCOUNT_ORACLE 5
#define KAIROS_CREATE_PERP_MARKET_ACCOUNT_SYSTEM_PROGRAM 6
#define KAIROS_CREATE_PERP_MARKET_ACCOUNTS_LEN 7
/* instruction createPerpMarket: borsh args */
typedef struct __attribute__((packed)) CreatePerpMarketIxArgs {
    CreatePerpMarketArgs args; /* offset 0 */
} CreatePerpMarketIxArgs;
_Static_assert(sizeof(CreatePerpMarketIxArgs) == 65, "CreatePerpMarketIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CreatePerpMarketIxArgs, args) == 0, "CreatePerpMarketIxArgs.args offset differs from the IDL");

/* instruction createMarginAccount: account indices */
#define KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNT_EXCHANGE 0
#define KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNT_OWNER 2
#define KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNT_SYSTEM_PROGRAM 3
#define KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNTS_LEN 4
/* instruction createMarginAccount: borsh args */
typedef struct __attribute__((packed)) CreateMarginAccountIxArgs {
    u8 account_index; /* offset 0 */
} CreateMarginAccountIxArgs;
_Static_assert(sizeof(CreateMarginAccountIxArgs) == 1, "CreateMarginAccountIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CreateMarginAccountIxArgs, account_index) == 0, "CreateMarginAccountIxArgs.account_index offset differs from the IDL");

/* instruction deposit: account indices */
#define KAIROS_DEPOSIT_ACCOUNT_EXCHANGE 0
#define KAIROS_DEPOSIT_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_DEPOSIT_ACCOUNT_OWNER 2
#define KAIROS_DEPOSIT_ACCOUNT_COLLATERAL_ASSET 3
#define KAIROS_DEPOSIT_ACCOUNT_VAULT 4
#define KAIROS_DEPOSIT_ACCOUNT_OWNER_TOKEN_ACCOUNT 5
#define KAIROS_DEPOSIT_ACCOUNT_TOKEN_PROGRAM 6
#define KAIROS_DEPOSIT_ACCOUNTS_LEN 7
/* instruction deposit: borsh args */
typedef struct __attribute__((packed)) DepositIxArgs {
    u64 amount; /* offset 0 */
} DepositIxArgs;
_Static_assert(sizeof(DepositIxArgs) == 8, "DepositIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(DepositIxArgs, amount) == 0, "DepositIxArgs.amount offset differs from the IDL");

/* instruction withdraw: account indices */
#define KAIROS_WITHDRAW_ACCOUNT_EXCHANGE 0
#define KAIROS_WITHDRAW_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_WITHDRAW_ACCOUNT_OWNER 2
#define KAIROS_WITHDRAW_ACCOUNT_COLLATERAL_ASSET 3
#define KAIROS_WITHDRAW_ACCOUNT_VAULT 4
#define KAIROS_WITHDRAW_ACCOUNT_DESTINATION_TOKEN_ACCOUNT 5
#define KAIROS_WITHDRAW_ACCOUNT_TOKEN_PROGRAM 6
#define KAIROS_WITHDRAW_ACCOUNTS_LEN 7
/* instruction withdraw: borsh args */
typedef struct __attribute__((packed)) WithdrawIxArgs {
    u64 amount; /* offset 0 */
} WithdrawIxArgs;
_Static_assert(sizeof(WithdrawIxArgs) == 8, "WithdrawIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawIxArgs, amount) == 0, "WithdrawIxArgs.amount offset differs from the IDL");

/* instruction placeOrder: account indices */
#define KAIROS_PLACE_ORDER_ACCOUNT_EXCHANGE 0
#define KAIROS_PLACE_ORDER_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_PLACE_ORDER_ACCOUNT_OWNER 2
#define KAIROS_PLACE_ORDER_ACCOUNT_PERP_MARKET 3
#define KAIROS_PLACE_ORDER_ACCOUNT_ORDERBOOK 4
#define KAIROS_PLACE_ORDER_ACCOUNT_EVENT_QUEUE 5
#define KAIROS_PLACE_ORDER_ACCOUNT_ORACLE 6
#define KAIROS_PLACE_ORDER_ACCOUNT_SYSTEM_PROGRAM 7
#define KAIROS_PLACE_ORDER_ACCOUNTS_LEN 8
/* instruction placeOrder: borsh args */
typedef struct __attribute__((packed)) PlaceOrderIxArgs {
    PlaceOrderArgs args; /* offset 0 */
} PlaceOrderIxArgs;
_Static_assert(sizeof(PlaceOrderIxArgs) == 27, "PlaceOrderIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderIxArgs, args) == 0, "PlaceOrderIxArgs.args offset differs from the IDL");

/* instruction cancelOrder: account indices */
#define KAIROS_CANCEL_ORDER_ACCOUNT_EXCHANGE 0
#define KAIROS_CANCEL_ORDER_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_CANCEL_ORDER_ACCOUNT_OWNER 2
#define KAIROS_CANCEL_ORDER_ACCOUNT_PERP_MARKET 3
#define KAIROS_CANCEL_ORDER_ACCOUNT_ORDERBOOK 4
#define KAIROS_CANCEL_ORDER_ACCOUNTS_LEN 5
/* instruction cancelOrder: borsh args */
typedef struct __attribute__((packed)) CancelOrderIxArgs {
    u64 order_id; /* offset 0 */
    u8 is_client_id; /* offset 8 */
} CancelOrderIxArgs;
_Static_assert(sizeof(CancelOrderIxArgs) == 9, "CancelOrderIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CancelOrderIxArgs, order_id) == 0, "CancelOrderIxArgs.order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(CancelOrderIxArgs, is_client_id) == 8, "CancelOrderIxArgs.is_client_id offset differs from the IDL");

/* instruction cancelAllOrders: account indices */
#define KAIROS_CANCEL_ALL_ORDERS_ACCOUNT_EXCHANGE 0
#define KAIROS_CANCEL_ALL_ORDERS_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_CANCEL_ALL_ORDERS_ACCOUNT_OWNER 2
#define KAIROS_CANCEL_ALL_ORDERS_ACCOUNT_PERP_MARKET 3
#define KAIROS_CANCEL_ALL_ORDERS_ACCOUNT_ORDERBOOK 4
#define KAIROS_CANCEL_ALL_ORDERS_ACCOUNTS_LEN 5
/* instruction cancelAllOrders: borsh args */
typedef struct __attribute__((packed)) CancelAllOrdersIxArgs {
    u8 side_filter; /* offset 0 */
    u8 limit; /* offset 1 */
} CancelAllOrdersIxArgs;
_Static_assert(sizeof(CancelAllOrdersIxArgs) == 2, "CancelAllOrdersIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CancelAllOrdersIxArgs, side_filter) == 0, "CancelAllOrdersIxArgs.side_filter offset differs from the IDL");
_Static_assert(__builtin_offsetof(CancelAllOrdersIxArgs, limit) == 1, "CancelAllOrdersIxArgs.limit offset differs from the IDL");

/* instruction consumeEvents: account indices */
#define KAIROS_CONSUME_EVENTS_ACCOUNT_EXCHANGE 0
#define KAIROS_CONSUME_EVENTS_ACCOUNT_PERP_MARKET 1
#define KAIROS_CONSUME_EVENTS_ACCOUNT_EVENT_QUEUE 2
#define KAIROS_CONSUME_EVENTS_ACCOUNT_CRANKER 3
#define KAIROS_CONSUME_EVENTS_ACCOUNTS_LEN 4
/* instruction consumeEvents: borsh args */
typedef struct __attribute__((packed)) ConsumeEventsIxArgs {
    u8 limit; /* offset 0 */
} ConsumeEventsIxArgs;
_Static_assert(sizeof(ConsumeEventsIxArgs) == 1, "ConsumeEventsIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(ConsumeEventsIxArgs, limit) == 0, "ConsumeEventsIxArgs.limit offset differs from the IDL");

/* instruction settlePnl: account indices */
#define KAIROS_SETTLE_PNL_ACCOUNT_EXCHANGE 0
#define KAIROS_SETTLE_PNL_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_SETTLE_PNL_ACCOUNT_PERP_MARKET 2
#define KAIROS_SETTLE_PNL_ACCOUNT_ORACLE 3
#define KAIROS_SETTLE_PNL_ACCOUNTS_LEN 4
/* instruction settlePnl: borsh args */
typedef struct __attribute__((packed)) SettlePnlIxArgs {
    u8 empty_[0];
} SettlePnlIxArgs;
_Static_assert(sizeof(SettlePnlIxArgs) == 0, "SettlePnlIxArgs size differs from the IDL");

/* instruction closeMarginAccount: account indices */
#define KAIROS_CLOSE_MARGIN_ACCOUNT_ACCOUNT_EXCHANGE 0
#define KAIROS_CLOSE_MARGIN_ACCOUNT_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_CLOSE_MARGIN_ACCOUNT_ACCOUNT_OWNER 2
#define KAIROS_CLOSE_MARGIN_ACCOUNT_ACCOUNT_DESTINATION 3
#define KAIROS_CLOSE_MARGIN_ACCOUNT_ACCOUNTS_LEN 4
/* instruction closeMarginAccount: borsh args */
typedef struct __attribute__((packed)) CloseMarginAccountIxArgs {
    u8 empty_[0];
} CloseMarginAccountIxArgs;
_Static_assert(sizeof(CloseMarginAccountIxArgs) == 0, "CloseMarginAccountIxArgs size differs from the IDL");

/* instruction computeHealth: account indices */
#define KAIROS_COMPUTE_HEALTH_ACCOUNT_EXCHANGE 0
#define KAIROS_COMPUTE_HEALTH_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_COMPUTE_HEALTH_ACCOUNTS_LEN 2
/* instruction computeHealth: borsh args */
typedef struct __attribute__((packed)) ComputeHealthIxArgs {
    u8 empty_[0];
} ComputeHealthIxArgs;
_Static_assert(sizeof(ComputeHealthIxArgs) == 0, "ComputeHealthIxArgs size differs from the IDL");

/* Dispatch table: every gated instruction (all but initialize_exchange). */
#define KAIROS_FOR_EACH_GATED_INSTRUCTION(X) \
    X(KAIROS_IX_SET_INSTRUCTION_GATE, KAIROS_IX_INDEX_SET_INSTRUCTION_GATE, process_set_instruction_gate) \
    X(KAIROS_IX_CREATE_ORACLE, KAIROS_IX_INDEX_CREATE_ORACLE, process_create_oracle) \
    X(KAIROS_IX_UPDATE_ORACLE, KAIROS_IX_INDEX_UPDATE_ORACLE, process_update_oracle) \
    X(KAIROS_IX_ADD_COLLATERAL_ASSET, KAIROS_IX_INDEX_ADD_COLLATERAL_ASSET, process_add_collateral_asset) \
    X(KAIROS_IX_CREATE_PERP_MARKET, KAIROS_IX_INDEX_CREATE_PERP_MARKET, process_create_perp_market) \
    X(KAIROS_IX_CREATE_MARGIN_ACCOUNT, KAIROS_IX_INDEX_CREATE_MARGIN_ACCOUNT, process_create_margin_account) \
    X(KAIROS_IX_DEPOSIT, KAIROS_IX_INDEX_DEPOSIT, process_deposit) \
    X(KAIROS_IX_WITHDRAW, KAIROS_IX_INDEX_WITHDRAW, process_withdraw) \
    X(KAIROS_IX_PLACE_ORDER, KAIROS_IX_INDEX_PLACE_ORDER, process_place_order) \
    X(KAIROS_IX_CANCEL_ORDER, KAIROS_IX_INDEX_CANCEL_ORDER, process_cancel_order) \
    X(KAIROS_IX_CANCEL_ALL_ORDERS, KAIROS_IX_INDEX_CANCEL_ALL_ORDERS, process_cancel_all_orders) \
    X(KAIROS_IX_CONSUME_EVENTS, KAIROS_IX_INDEX_CONSUME_EVENTS, process_consume_events) \
    X(KAIROS_IX_SETTLE_PNL, KAIROS_IX_INDEX_SETTLE_PNL, process_settle_pnl) \
    X(KAIROS_IX_CLOSE_MARGIN_ACCOUNT, KAIROS_IX_INDEX_CLOSE_MARGIN_ACCOUNT, process_close_margin_account) \
    X(KAIROS_IX_COMPUTE_HEALTH, KAIROS_IX_INDEX_COMPUTE_HEALTH, process_compute_health)

/* Name and message of a program error, for logs. */
static inline const char *kairos_error_name(u64 code, u64 *length) {
    switch (code) {
    case 6000: *length = 33; return "MathOverflow: Arithmetic overflow";
    case 6001: *length = 49; return "InvalidMint: The account is not an SPL token mint";
    case 6002: *length = 80; return "InstructionHalted: This instruction is halted by the exchange's instruction gate";
    case 6003: *length = 61; return "Unauthorized: The signer is not the authority of this account";
    case 6004: *length = 56; return "InvalidArgument: An instruction argument is out of range";
    case 6005: *length = 56; return "InvalidOracle: The oracle account is not a Kairos oracle";
    case 6006: *length = 38; return "StaleOracle: The oracle price is stale";
    case 6007: *length = 67; return "OracleConfidenceTooWide: The oracle confidence interval is too wide";
    case 6008: *length = 53; return "InvalidOraclePrice: The oracle price must be positive";
    case 6009: *length = 66; return "OracleMismatch: The oracle does not belong to this asset or market";
    case 6010: *length = 78; return "CollateralAssetLimit: The exchange has the maximum number of collateral assets";
    case 6011: *length = 68; return "PerpMarketLimit: The exchange has the maximum number of perp markets";
    case 6012: *length = 68; return "DepositCapExceeded: The deposit would exceed the asset's deposit cap";
    case 6013: *length = 89; return "CollateralPositionLimit: The margin account holds the maximum number of collateral assets";
    case 6014: *length = 80; return "PerpPositionLimit: The margin account holds the maximum number of perp positions";
    case 6015: *length = 72; return "OpenOrderLimit: The margin account has the maximum number of open orders";
    case 6016: *length = 58; return "InsufficientBalance: The margin account balance is too low";
    case 6017: *length = 75; return "InsufficientHealth: Initial health would be negative after this instruction";
    case 6018: *length = 65; return "InsufficientVaultLiquidity: The vault does not hold enough tokens";
    case 6019: *length = 77; return "PriceNotOnTick: The price is zero or not a multiple of the market's tick size";
    case 6020: *length = 59; return "OrderTooSmall: The order is below the market's minimum size";
    case 6021: *length = 37; return "BookFull: The order book side is full";
    case 6022: *length = 59; return "EventQueueFull: The event queue is full; run consume_events";
    case 6023: *length = 33; return "OrderNotFound: No such open order";
    case 6024: *length = 77; return "OpenInterestCapExceeded: The fill would exceed the market's open interest cap";
    case 6025: *length = 58; return "MarketMismatch: The account does not belong to this market";
    case 6026: *length = 73; return "AssetMismatch: The vault or mint does not belong to this collateral asset";
    case 6027: *length = 87; return "HealthAccountsMismatch: The health accounts do not match the margin account's positions";
    case 6028: *length = 80; return "AccountNotEmpty: The margin account still has balances, positions or open orders";
    case 6029: *length = 71; return "MakerAccountMissing: The maker account of the next event was not passed";
    case 6030: *length = 66; return "InvalidWeights: Weights or margin ratios are out of order or range";
    case 6031: *length = 75; return "InvalidFees: Fees are out of range (taker + maker fee must not be negative)";
    case 6032: *length = 66; return "NoFill: The market order found no liquidity within its worst price";
    case 6033: *length = 62; return "AccountBeingLiquidated: The margin account is being liquidated";
    default: *length = 0; return "";
    }
}

#endif /* KAIROS_GENERATED_IDL_H */
