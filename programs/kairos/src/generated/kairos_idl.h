/*
 * GENERATED from idl/kairos.json by kairos_toolchain.idl_header: do not edit.
 * Regenerate with `python scripts/gen_idl_header.py` (kairos build does it too);
 * tests/clients/kairos_toolchain/test_idl_header.py fails when this file is stale.
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
#define KAIROS_IX_OPEN_AUCTION 0x21ad82af0ccc3c30ULL
#define KAIROS_IX_SUBMIT_BID 0x5ded8b40feeda413ULL
#define KAIROS_IX_IMPROVE_BID 0x9e0bf06e1044572dULL
#define KAIROS_IX_CANCEL_BID 0xce56fdd0d9bef328ULL
#define KAIROS_IX_SETTLE_AUCTION 0x852e8bde62b7c4f6ULL
#define KAIROS_IX_SET_LIQUIDATION_PARAMS 0xfe9fbb32fe3031d0ULL
#define KAIROS_IX_SET_PERP_LIQUIDATION_FEE 0x2a8cc719ac59bcb8ULL
#define KAIROS_IX_SET_ASSET_LIQUIDATION_DISCOUNT 0xbc543d403888cbf2ULL
#define KAIROS_IX_FORCE_CANCEL_ORDERS 0xe84048de3fc4b540ULL
#define KAIROS_IX_LIQUIDATE_PERP 0x028b12bff777234bULL
#define KAIROS_IX_LIQUIDATE_COLLATERAL 0xd4a6928c8d4ec7a0ULL
#define KAIROS_IX_RESOLVE_BANKRUPTCY 0xf82313661dbbfd52ULL
#define KAIROS_IX_SWEEP_FEES_TO_INSURANCE 0x1332d11c66e75fe8ULL
#define KAIROS_IX_PLACE_ORDER_V2 0xcc3e8fedc4736fe8ULL
#define KAIROS_IX_CREATE_TRIGGER_ORDER 0xe90366da0de291afULL
#define KAIROS_IX_CANCEL_TRIGGER_ORDER 0x8dca191b27435490ULL
#define KAIROS_IX_TRIGGER_ORDER 0xc7f02fe8e933703fULL
#define KAIROS_IX_UPDATE_TRAILING_STOP 0xe21b161115ac4009ULL
#define KAIROS_IX_CREATE_TWAP_ORDER 0xa770a51d314576c9ULL
#define KAIROS_IX_EXECUTE_TWAP_SLICE 0x4714281805b1305fULL
#define KAIROS_IX_SET_TWAP_PAUSED 0xeb3d5a79febf8496ULL
#define KAIROS_IX_CANCEL_TWAP_ORDER 0xaa9ea4d9a89c9a17ULL
#define KAIROS_IX_CREATE_SCHEDULED_ORDER 0x25dece01e5e15927ULL
#define KAIROS_IX_EXECUTE_SCHEDULED_ORDER 0x2857a24b8aca3892ULL
#define KAIROS_IX_CANCEL_SCHEDULED_ORDER 0x7b1393ffbaec3a28ULL
#define KAIROS_IX_HEALTH_GUARD 0x54e9498ad52580d6ULL
#define KAIROS_IX_SET_ASSET_RISK_PARAMS 0x67031f200a927a20ULL
#define KAIROS_IX_ACCRUE_BORROW_INTEREST 0x194aa8d914b9cc53ULL
#define KAIROS_IX_SET_BORROW_RATE_PARAMS 0x19685a0d62da31ecULL
#define KAIROS_IX_EXPIRE_AUCTION 0x935ad0adb91ecd66ULL
#define KAIROS_IX_UPDATE_FUNDING 0x585e514b460942e0ULL
#define KAIROS_IX_SET_FUNDING_PARAMS 0x1e9f09dfc25916adULL
#define KAIROS_IX_SET_MARKET_ORDER_RULES 0xa68cc7091744c899ULL
#define KAIROS_IX_INITIALIZE_RISK_PARAMETERS 0xfbb29dd1bf85aa1fULL
#define KAIROS_IX_SET_RISK_PUBLISHER 0x4c322e331d2514c7ULL
#define KAIROS_IX_SET_RISK_FACTORS 0xa4ca81198c1e9417ULL
#define KAIROS_IX_SET_RISK_LIMIT_CAPS 0xd5d6b489edf47cbdULL
#define KAIROS_IX_PUBLISH_RISK_PARAMS 0x6f29163910227b4fULL
#define KAIROS_IX_CREATE_RISK_LIMITS 0xcf273db11d73e8d8ULL
#define KAIROS_IX_SET_RISK_LIMITS 0xeb938432916f4061ULL
#define KAIROS_IX_RESET_HIGH_WATER_MARK 0x22dc3c73020abdfaULL
#define KAIROS_IX_COMPUTE_RISK 0xa1587f7e8f972671ULL
#define KAIROS_IX_SET_REBALANCE_POLICY 0x984aa0a756eff5a5ULL
#define KAIROS_IX_REBALANCE_COLLATERAL 0x299f821fd05e85e0ULL
#define KAIROS_ACCOUNT_DISC_EXCHANGE 0x32683d0395dcc81eULL
#define KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET 0x95f506485a70b4feULL
#define KAIROS_ACCOUNT_DISC_ORACLE 0xf4e5b38cb383c28bULL
#define KAIROS_ACCOUNT_DISC_PERP_MARKET 0xf737f56b2c0cdf0aULL
#define KAIROS_ACCOUNT_DISC_ORDERBOOK 0x074845c37119222bULL
#define KAIROS_ACCOUNT_DISC_EVENT_QUEUE 0x448d74add174d029ULL
#define KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT 0xee2bd3b3d5addc85ULL
#define KAIROS_ACCOUNT_DISC_AUCTION 0x5183e97ef2f75edaULL
#define KAIROS_ACCOUNT_DISC_TRIGGER_ORDER 0x746a0c98be2a3decULL
#define KAIROS_ACCOUNT_DISC_TWAP_ORDER 0x93242e9885e8ebcdULL
#define KAIROS_ACCOUNT_DISC_SCHEDULED_ORDER 0x68f52c90aa5e48e6ULL
#define KAIROS_ACCOUNT_DISC_RISK_PARAMETERS 0xc84ca29a41b0f619ULL
#define KAIROS_ACCOUNT_DISC_RISK_LIMITS 0x9a20a8eb774ed780ULL
#define KAIROS_ACCOUNT_DISC_REBALANCE_POLICY 0xf79fbe17c759ef97ULL
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
#define KAIROS_EVENT_DISC_AUCTION_OPENED 0x460ec164d78ce619ULL
#define KAIROS_EVENT_DISC_AUCTION_BID_SUBMITTED 0x44f22dfd1ac2df4eULL
#define KAIROS_EVENT_DISC_AUCTION_BID_IMPROVED 0xa76d0e3e16e95936ULL
#define KAIROS_EVENT_DISC_AUCTION_BID_CANCELLED 0x96073eb2b4c5bc56ULL
#define KAIROS_EVENT_DISC_AUCTION_FILLED 0x6ea5f56c63e4c2b3ULL
#define KAIROS_EVENT_DISC_AUCTION_BID_SKIPPED 0x0fc89efbc6f383daULL
#define KAIROS_EVENT_DISC_AUCTION_SETTLED 0x93dbcb5faa83973dULL
#define KAIROS_EVENT_DISC_AUCTION_EXPIRED 0x9d0b4a375e090fa6ULL
#define KAIROS_EVENT_DISC_LIQUIDATION_PARAMS_SET 0x913dd51167cb71fdULL
#define KAIROS_EVENT_DISC_PERP_LIQUIDATION_FEE_SET 0x93e690708271b959ULL
#define KAIROS_EVENT_DISC_ASSET_LIQUIDATION_DISCOUNT_SET 0xfeff7d25f2b1d11dULL
#define KAIROS_EVENT_DISC_ORDERS_FORCE_CANCELLED 0xf4b84e89c0e85313ULL
#define KAIROS_EVENT_DISC_PERP_LIQUIDATED 0xc2c5684730adb02bULL
#define KAIROS_EVENT_DISC_COLLATERAL_LIQUIDATED 0x627c3248681c2a94ULL
#define KAIROS_EVENT_DISC_BANKRUPTCY_RESOLVED 0xa9e3486ac3c4565eULL
#define KAIROS_EVENT_DISC_FEES_SWEPT_TO_INSURANCE 0xee81d1e95059670bULL
#define KAIROS_EVENT_DISC_TRIGGER_ORDER_CREATED 0x374fa88222274e5aULL
#define KAIROS_EVENT_DISC_TRIGGER_ORDER_CANCELLED 0x79df99628cce97ffULL
#define KAIROS_EVENT_DISC_TRIGGER_ORDER_TRIGGERED 0x8c1ffd6baaa68adcULL
#define KAIROS_EVENT_DISC_TRAILING_STOP_UPDATED 0xcb1eab1c9f74b662ULL
#define KAIROS_EVENT_DISC_TWAP_ORDER_CREATED 0x13235eeab9b33819ULL
#define KAIROS_EVENT_DISC_TWAP_SLICE_EXECUTED 0xa76f765096b6e98cULL
#define KAIROS_EVENT_DISC_TWAP_ORDER_PAUSED 0xe41ea4f7e7806568ULL
#define KAIROS_EVENT_DISC_TWAP_ORDER_CANCELLED 0xe7f4e9f393c5fbf2ULL
#define KAIROS_EVENT_DISC_SCHEDULED_ORDER_CREATED 0x29e54b7fcaa2cfceULL
#define KAIROS_EVENT_DISC_SCHEDULED_ORDER_EXECUTED 0x3768903d11084d02ULL
#define KAIROS_EVENT_DISC_SCHEDULED_ORDER_CANCELLED 0x1a98048e3aafc325ULL
#define KAIROS_EVENT_DISC_ASSET_RISK_PARAMS_SET 0x1f2664c871ceba12ULL
#define KAIROS_EVENT_DISC_BORROW_INTEREST_ACCRUED 0xfa715ce5f97d3c48ULL
#define KAIROS_EVENT_DISC_BORROW_RATE_PARAMS_SET 0x3ac01ff09b8923b2ULL
#define KAIROS_EVENT_DISC_AUCTION_LAPSED 0x2c97d939af233b50ULL
#define KAIROS_EVENT_DISC_FUNDING_UPDATED 0xe0ff257e51594cceULL
#define KAIROS_EVENT_DISC_FUNDING_PAID 0x9a6e8cf12c289031ULL
#define KAIROS_EVENT_DISC_FUNDING_PARAMS_SET 0x5a0fa0b0760509a6ULL
#define KAIROS_EVENT_DISC_MARKET_ORDER_RULES_SET 0xa6e705f88ae0fffeULL
#define KAIROS_EVENT_DISC_ORDER_EVICTED 0x1a5c081c9d7ff122ULL
#define KAIROS_EVENT_DISC_RISK_PARAMETERS_INITIALIZED 0xbd15292b8b6df362ULL
#define KAIROS_EVENT_DISC_RISK_PUBLISHER_SET 0x25d2ef67688eb016ULL
#define KAIROS_EVENT_DISC_RISK_FACTORS_SET 0xd0ce54b696e52d9aULL
#define KAIROS_EVENT_DISC_RISK_LIMIT_CAPS_SET 0x9b06ddd430cf3dfdULL
#define KAIROS_EVENT_DISC_RISK_PARAMS_PUBLISHED 0x4c8758b5112f86f9ULL
#define KAIROS_EVENT_DISC_RISK_LIMITS_CREATED 0x2cdfe46ee0716f41ULL
#define KAIROS_EVENT_DISC_RISK_LIMITS_SET 0x9fbd7ce525a44ecaULL
#define KAIROS_EVENT_DISC_RISK_LIMIT_BREACHED 0xfa3d004a0c37980aULL
#define KAIROS_EVENT_DISC_HIGH_WATER_MARK_RESET 0x44a468bc67e7a73bULL
#define KAIROS_EVENT_DISC_RISK_COMPUTED 0x1aa3c9f77f9b4985ULL
#define KAIROS_EVENT_DISC_REBALANCE_POLICY_SET 0xe0ebde36cedf27d7ULL
#define KAIROS_EVENT_DISC_COLLATERAL_REBALANCED 0xb4683d440ac8b5a7ULL

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
#define KAIROS_MAX_AUCTION_BIDS 8
#define KAIROS_MAX_AUCTION_DURATION_SLOTS 150
#define KAIROS_AUCTION_EXPIRY_GRACE_SLOTS 64
#define KAIROS_MAX_TRIGGER_ORDERS 32
#define KAIROS_MAX_TWAP_SLICES 10000
#define KAIROS_MAX_SCHEDULED_RUNS 100000
#define KAIROS_CRON_EXPRESSION_BYTES 48
#define KAIROS_BORROW_INDEX_ONE 1000000000000
#define KAIROS_SECONDS_PER_YEAR 31536000
#define KAIROS_DEFAULT_BORROW_RATE_BASE_BPS 0
#define KAIROS_DEFAULT_BORROW_RATE_OPTIMAL_BPS 1000
#define KAIROS_DEFAULT_BORROW_RATE_MAX_BPS 10000
#define KAIROS_DEFAULT_BORROW_OPTIMAL_UTILIZATION_BPS 8000
#define KAIROS_FUNDING_INDEX_ONE 1000000000
#define KAIROS_FUNDING_PREMIUM_DAY_SECONDS 86400
#define KAIROS_DEFAULT_FUNDING_PERIOD_SECONDS 3600
#define KAIROS_MIN_FUNDING_PERIOD_SECONDS 60
#define KAIROS_MAX_FUNDING_PERIOD_SECONDS 86400
#define KAIROS_DEFAULT_FUNDING_MAX_RATE_BPS 50
#define KAIROS_DEFAULT_FUNDING_MARK_BAND_BPS 500
#define KAIROS_MAX_RISK_FACTORS 16
#define KAIROS_RISK_CORRELATION_ONE 10000
#define KAIROS_RISK_VOLATILITY_ONE 1000000
#define KAIROS_RISK_VAR_Z_MILLIS 2326
#define KAIROS_RISK_DEFAULT_COOLDOWN_SECONDS 86400
#define KAIROS_RISK_MAX_COOLDOWN_SECONDS 2592000
#define KAIROS_MAX_REBALANCE_MEMBERS 8

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
#define KAIROS_IX_INDEX_OPEN_AUCTION 16
#define KAIROS_IX_INDEX_SUBMIT_BID 17
#define KAIROS_IX_INDEX_IMPROVE_BID 18
#define KAIROS_IX_INDEX_CANCEL_BID 19
#define KAIROS_IX_INDEX_SETTLE_AUCTION 20
#define KAIROS_IX_INDEX_SET_LIQUIDATION_PARAMS 21
#define KAIROS_IX_INDEX_SET_PERP_LIQUIDATION_FEE 22
#define KAIROS_IX_INDEX_SET_ASSET_LIQUIDATION_DISCOUNT 23
#define KAIROS_IX_INDEX_FORCE_CANCEL_ORDERS 24
#define KAIROS_IX_INDEX_LIQUIDATE_PERP 25
#define KAIROS_IX_INDEX_LIQUIDATE_COLLATERAL 26
#define KAIROS_IX_INDEX_RESOLVE_BANKRUPTCY 27
#define KAIROS_IX_INDEX_SWEEP_FEES_TO_INSURANCE 28
#define KAIROS_IX_INDEX_PLACE_ORDER_V2 29
#define KAIROS_IX_INDEX_CREATE_TRIGGER_ORDER 30
#define KAIROS_IX_INDEX_CANCEL_TRIGGER_ORDER 31
#define KAIROS_IX_INDEX_TRIGGER_ORDER 32
#define KAIROS_IX_INDEX_UPDATE_TRAILING_STOP 33
#define KAIROS_IX_INDEX_CREATE_TWAP_ORDER 34
#define KAIROS_IX_INDEX_EXECUTE_TWAP_SLICE 35
#define KAIROS_IX_INDEX_SET_TWAP_PAUSED 36
#define KAIROS_IX_INDEX_CANCEL_TWAP_ORDER 37
#define KAIROS_IX_INDEX_CREATE_SCHEDULED_ORDER 38
#define KAIROS_IX_INDEX_EXECUTE_SCHEDULED_ORDER 39
#define KAIROS_IX_INDEX_CANCEL_SCHEDULED_ORDER 40
#define KAIROS_IX_INDEX_HEALTH_GUARD 41
#define KAIROS_IX_INDEX_SET_ASSET_RISK_PARAMS 42
#define KAIROS_IX_INDEX_ACCRUE_BORROW_INTEREST 43
#define KAIROS_IX_INDEX_SET_BORROW_RATE_PARAMS 44
#define KAIROS_IX_INDEX_EXPIRE_AUCTION 45
#define KAIROS_IX_INDEX_UPDATE_FUNDING 46
#define KAIROS_IX_INDEX_SET_FUNDING_PARAMS 47
#define KAIROS_IX_INDEX_SET_MARKET_ORDER_RULES 48
#define KAIROS_IX_INDEX_INITIALIZE_RISK_PARAMETERS 49
#define KAIROS_IX_INDEX_SET_RISK_PUBLISHER 50
#define KAIROS_IX_INDEX_SET_RISK_FACTORS 51
#define KAIROS_IX_INDEX_SET_RISK_LIMIT_CAPS 52
#define KAIROS_IX_INDEX_PUBLISH_RISK_PARAMS 53
#define KAIROS_IX_INDEX_CREATE_RISK_LIMITS 54
#define KAIROS_IX_INDEX_SET_RISK_LIMITS 55
#define KAIROS_IX_INDEX_RESET_HIGH_WATER_MARK 56
#define KAIROS_IX_INDEX_COMPUTE_RISK 57
#define KAIROS_IX_INDEX_SET_REBALANCE_POLICY 58
#define KAIROS_IX_INDEX_REBALANCE_COLLATERAL 59

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
    KAIROS_ERR_AUCTION_DURATION_OUT_OF_RANGE = 6034,
    KAIROS_ERR_AUCTION_BIDDING_CLOSED = 6035,
    KAIROS_ERR_AUCTION_NOT_ENDED = 6036,
    KAIROS_ERR_BID_OUTSIDE_LIMIT = 6037,
    KAIROS_ERR_BID_ALREADY_EXISTS = 6038,
    KAIROS_ERR_BID_NOT_FOUND = 6039,
    KAIROS_ERR_BID_NOT_IMPROVED = 6040,
    KAIROS_ERR_AUCTION_FULL = 6041,
    KAIROS_ERR_SELF_BID = 6042,
    KAIROS_ERR_AUCTION_PROVIDER_MISMATCH = 6043,
    KAIROS_ERR_NOT_LIQUIDATABLE = 6044,
    KAIROS_ERR_OPEN_ORDERS_REMAIN = 6045,
    KAIROS_ERR_NOTHING_TO_LIQUIDATE = 6046,
    KAIROS_ERR_NOT_BANKRUPT = 6047,
    KAIROS_ERR_SELF_LIQUIDATION = 6048,
    KAIROS_ERR_INVALID_LIQUIDATION_PARAMS = 6049,
    KAIROS_ERR_FILL_OR_KILL_NOT_FILLED = 6050,
    KAIROS_ERR_POST_ONLY_WOULD_CROSS = 6051,
    KAIROS_ERR_SELF_TRADE_ABORTED = 6052,
    KAIROS_ERR_ORDER_EXPIRED = 6053,
    KAIROS_ERR_REDUCE_ONLY_NOT_REDUCING = 6054,
    KAIROS_ERR_TRIGGER_NOT_READY = 6055,
    KAIROS_ERR_TRIGGER_ORDER_NOT_ACTIVE = 6056,
    KAIROS_ERR_TRAILING_STOP_NOT_IMPROVED = 6057,
    KAIROS_ERR_TRIGGER_ORDER_LIMIT = 6058,
    KAIROS_ERR_LINKED_TRIGGER_MISMATCH = 6059,
    KAIROS_ERR_NOT_DUE = 6060,
    KAIROS_ERR_ALREADY_EXECUTED = 6061,
    KAIROS_ERR_ORDER_PAUSED = 6062,
    KAIROS_ERR_ORDER_FINISHED = 6063,
    KAIROS_ERR_INVALID_CRON_EXPRESSION = 6064,
    KAIROS_ERR_INVALID_SCHEDULE = 6065,
    KAIROS_ERR_MARGIN_ACCOUNT_MISMATCH = 6066,
    KAIROS_ERR_INVALID_BORROW_RATE_PARAMS = 6067,
    KAIROS_ERR_AUCTION_NOT_EXPIRED = 6068,
    KAIROS_ERR_FUNDING_FILLS_PENDING = 6069,
    KAIROS_ERR_INVALID_FUNDING_PARAMS = 6070,
    KAIROS_ERR_PRICE_OUTSIDE_BAND = 6071,
    KAIROS_ERR_HEALTH_WORSENED = 6072,
    KAIROS_ERR_RESTING_ORDER_TOO_SMALL = 6073,
    KAIROS_ERR_INVALID_PRICE_BANDS = 6074,
    KAIROS_ERR_RISK_PARAMETERS_STALE = 6075,
    KAIROS_ERR_RISK_PARAMETERS_INVALID = 6076,
    KAIROS_ERR_CORRELATION_NOT_POSITIVE_SEMI_DEFINITE = 6077,
    KAIROS_ERR_RISK_PUBLISHER_UNAUTHORIZED = 6078,
    KAIROS_ERR_RISK_LIMITS_INVALID = 6079,
    KAIROS_ERR_RISK_LIMIT_ABOVE_CAP = 6080,
    KAIROS_ERR_RISK_DELEGATE_UNAUTHORIZED = 6081,
    KAIROS_ERR_RISK_ACCOUNTS_MISSING = 6082,
    KAIROS_ERR_RISK_ACCOUNTS_MISMATCH = 6083,
    KAIROS_ERR_RISK_FACTOR_MISSING = 6084,
    KAIROS_ERR_RISK_REDUCE_ONLY = 6085,
    KAIROS_ERR_RISK_COOLDOWN_ACTIVE = 6086,
    KAIROS_ERR_RISK_LEVERAGE_LIMIT = 6087,
    KAIROS_ERR_RISK_POSITION_LIMIT = 6088,
    KAIROS_ERR_RISK_CONCENTRATION_LIMIT = 6089,
    KAIROS_ERR_RISK_DAILY_LOSS_LIMIT = 6090,
    KAIROS_ERR_RISK_DRAWDOWN_LIMIT = 6091,
    KAIROS_ERR_RISK_VAR_LIMIT = 6092,
    KAIROS_ERR_RISK_CORRELATED_EXPOSURE_LIMIT = 6093,
    KAIROS_ERR_RISK_LIQUIDITY_LIMIT = 6094,
    KAIROS_ERR_REBALANCE_POLICY_INVALID = 6095,
    KAIROS_ERR_REBALANCE_NOT_ALLOWED = 6096,
    KAIROS_ERR_REBALANCE_HEALTH_TOO_LOW = 6097,
    KAIROS_ERR_RISK_LIMITED_AUCTION_PROVIDER = 6098,
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
    u64 loss_index_snapshot; /* offset 72 */
    i64 funding_index_snapshot; /* offset 80 */
} PerpPosition;
_Static_assert(sizeof(PerpPosition) == 88, "PerpPosition size differs from the IDL");
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
_Static_assert(__builtin_offsetof(PerpPosition, loss_index_snapshot) == 72, "PerpPosition.loss_index_snapshot offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpPosition, funding_index_snapshot) == 80, "PerpPosition.funding_index_snapshot offset differs from the IDL");

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
    i64 expiry_timestamp; /* offset 80 */
    u64 display_lots; /* offset 88 */
    u64 hidden_lots; /* offset 96 */
} BookOrder;
_Static_assert(sizeof(BookOrder) == 104, "BookOrder size differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, order_id) == 0, "BookOrder.order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, price) == 8, "BookOrder.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, base_lots) == 16, "BookOrder.base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, client_order_id) == 24, "BookOrder.client_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, timestamp) == 32, "BookOrder.timestamp offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, owner) == 40, "BookOrder.owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, owner_slot) == 72, "BookOrder.owner_slot offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, padding) == 73, "BookOrder.padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, expiry_timestamp) == 80, "BookOrder.expiry_timestamp offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, display_lots) == 88, "BookOrder.display_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(BookOrder, hidden_lots) == 96, "BookOrder.hidden_lots offset differs from the IDL");

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
#define KAIROS_FILL_EVENT_TYPE_OUT 1

/* type OpenAuctionArgs (borsh, packed) */
typedef struct __attribute__((packed)) OpenAuctionArgs {
    u64 auction_id; /* offset 0 */
    u8 side; /* offset 8 */
    u8 rest_action; /* offset 9 */
    u64 size_lots; /* offset 10 */
    u64 limit_price; /* offset 18 */
    u64 min_fill_lots; /* offset 26 */
    u64 duration_slots; /* offset 34 */
} OpenAuctionArgs;
_Static_assert(sizeof(OpenAuctionArgs) == 42, "OpenAuctionArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(OpenAuctionArgs, auction_id) == 0, "OpenAuctionArgs.auction_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(OpenAuctionArgs, side) == 8, "OpenAuctionArgs.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(OpenAuctionArgs, rest_action) == 9, "OpenAuctionArgs.rest_action offset differs from the IDL");
_Static_assert(__builtin_offsetof(OpenAuctionArgs, size_lots) == 10, "OpenAuctionArgs.size_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(OpenAuctionArgs, limit_price) == 18, "OpenAuctionArgs.limit_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(OpenAuctionArgs, min_fill_lots) == 26, "OpenAuctionArgs.min_fill_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(OpenAuctionArgs, duration_slots) == 34, "OpenAuctionArgs.duration_slots offset differs from the IDL");

/* type AuctionBidArgs (borsh, packed) */
typedef struct __attribute__((packed)) AuctionBidArgs {
    u64 price; /* offset 0 */
    u64 base_lots; /* offset 8 */
} AuctionBidArgs;
_Static_assert(sizeof(AuctionBidArgs) == 16, "AuctionBidArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidArgs, price) == 0, "AuctionBidArgs.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidArgs, base_lots) == 8, "AuctionBidArgs.base_lots offset differs from the IDL");

/* type AuctionBid (naturally aligned) */
typedef struct AuctionBid {
    SolPubkey provider; /* offset 0 */
    u64 price; /* offset 32 */
    u64 base_lots; /* offset 40 */
    u64 seq; /* offset 48 */
    u64 slot; /* offset 56 */
} AuctionBid;
_Static_assert(sizeof(AuctionBid) == 64, "AuctionBid size differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBid, provider) == 0, "AuctionBid.provider offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBid, price) == 32, "AuctionBid.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBid, base_lots) == 40, "AuctionBid.base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBid, seq) == 48, "AuctionBid.seq offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBid, slot) == 56, "AuctionBid.slot offset differs from the IDL");

/* enum AuctionRest (borsh: one u8 tag) */
#define KAIROS_AUCTION_REST_CANCEL 0
#define KAIROS_AUCTION_REST_BOOK 1

/* enum AuctionLapseReason (borsh: one u8 tag) */
#define KAIROS_AUCTION_LAPSE_REASON_PAST_GRACE 0
#define KAIROS_AUCTION_LAPSE_REASON_TAKER_LIQUIDATED 1

/* type PlaceOrderV2Args (borsh, packed) */
typedef struct __attribute__((packed)) PlaceOrderV2Args {
    u8 side; /* offset 0 */
    u8 order_type; /* offset 1 */
    u8 time_in_force; /* offset 2 */
    u8 self_trade_behavior; /* offset 3 */
    u8 reduce_only; /* offset 4 */
    u64 price; /* offset 5 */
    u64 max_base_lots; /* offset 13 */
    u64 client_order_id; /* offset 21 */
    u8 match_limit; /* offset 29 */
    i64 expiry_timestamp; /* offset 30 */
    u64 iceberg_display_lots; /* offset 38 */
    u16 max_oracle_deviation_bps; /* offset 46 */
} PlaceOrderV2Args;
_Static_assert(sizeof(PlaceOrderV2Args) == 48, "PlaceOrderV2Args size differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2Args, side) == 0, "PlaceOrderV2Args.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2Args, order_type) == 1, "PlaceOrderV2Args.order_type offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2Args, time_in_force) == 2, "PlaceOrderV2Args.time_in_force offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2Args, self_trade_behavior) == 3, "PlaceOrderV2Args.self_trade_behavior offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2Args, reduce_only) == 4, "PlaceOrderV2Args.reduce_only offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2Args, price) == 5, "PlaceOrderV2Args.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2Args, max_base_lots) == 13, "PlaceOrderV2Args.max_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2Args, client_order_id) == 21, "PlaceOrderV2Args.client_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2Args, match_limit) == 29, "PlaceOrderV2Args.match_limit offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2Args, expiry_timestamp) == 30, "PlaceOrderV2Args.expiry_timestamp offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2Args, iceberg_display_lots) == 38, "PlaceOrderV2Args.iceberg_display_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2Args, max_oracle_deviation_bps) == 46, "PlaceOrderV2Args.max_oracle_deviation_bps offset differs from the IDL");

/* enum TimeInForce (borsh: one u8 tag) */
#define KAIROS_TIME_IN_FORCE_GTC 0
#define KAIROS_TIME_IN_FORCE_IOC 1
#define KAIROS_TIME_IN_FORCE_FOK 2
#define KAIROS_TIME_IN_FORCE_POST_ONLY 3
#define KAIROS_TIME_IN_FORCE_POST_ONLY_SLIDE 4

/* enum SelfTradeBehavior (borsh: one u8 tag) */
#define KAIROS_SELF_TRADE_BEHAVIOR_CANCEL_RESTING 0
#define KAIROS_SELF_TRADE_BEHAVIOR_DECREMENT_TAKING 1
#define KAIROS_SELF_TRADE_BEHAVIOR_ABORT 2

/* enum TriggerKind (borsh: one u8 tag) */
#define KAIROS_TRIGGER_KIND_STOP_MARKET 0
#define KAIROS_TRIGGER_KIND_STOP_LIMIT 1
#define KAIROS_TRIGGER_KIND_TAKE_PROFIT_MARKET 2
#define KAIROS_TRIGGER_KIND_TAKE_PROFIT_LIMIT 3

/* enum TriggerCondition (borsh: one u8 tag) */
#define KAIROS_TRIGGER_CONDITION_ABOVE 0
#define KAIROS_TRIGGER_CONDITION_BELOW 1

/* enum TrailingMode (borsh: one u8 tag) */
#define KAIROS_TRAILING_MODE_NONE 0
#define KAIROS_TRAILING_MODE_TICKS 1
#define KAIROS_TRAILING_MODE_BPS 2

/* type CreateTriggerOrderArgs (borsh, packed) */
typedef struct __attribute__((packed)) CreateTriggerOrderArgs {
    u64 id; /* offset 0 */
    u8 side; /* offset 8 */
    u8 kind; /* offset 9 */
    u8 condition; /* offset 10 */
    u8 reduce_only; /* offset 11 */
    u8 trailing_mode; /* offset 12 */
    u8 match_limit; /* offset 13 */
    u64 trigger_price; /* offset 14 */
    u64 limit_price; /* offset 22 */
    u64 max_base_lots; /* offset 30 */
    u64 client_order_id; /* offset 38 */
    u64 trailing_offset; /* offset 46 */
    u16 max_oracle_deviation_bps; /* offset 54 */
    u64 keeper_reward_lamports; /* offset 56 */
    i64 expiry_timestamp; /* offset 64 */
} CreateTriggerOrderArgs;
_Static_assert(sizeof(CreateTriggerOrderArgs) == 72, "CreateTriggerOrderArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, id) == 0, "CreateTriggerOrderArgs.id offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, side) == 8, "CreateTriggerOrderArgs.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, kind) == 9, "CreateTriggerOrderArgs.kind offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, condition) == 10, "CreateTriggerOrderArgs.condition offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, reduce_only) == 11, "CreateTriggerOrderArgs.reduce_only offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, trailing_mode) == 12, "CreateTriggerOrderArgs.trailing_mode offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, match_limit) == 13, "CreateTriggerOrderArgs.match_limit offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, trigger_price) == 14, "CreateTriggerOrderArgs.trigger_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, limit_price) == 22, "CreateTriggerOrderArgs.limit_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, max_base_lots) == 30, "CreateTriggerOrderArgs.max_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, client_order_id) == 38, "CreateTriggerOrderArgs.client_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, trailing_offset) == 46, "CreateTriggerOrderArgs.trailing_offset offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, max_oracle_deviation_bps) == 54, "CreateTriggerOrderArgs.max_oracle_deviation_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, keeper_reward_lamports) == 56, "CreateTriggerOrderArgs.keeper_reward_lamports offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderArgs, expiry_timestamp) == 64, "CreateTriggerOrderArgs.expiry_timestamp offset differs from the IDL");

/* type CreateTwapOrderArgs (borsh, packed) */
typedef struct __attribute__((packed)) CreateTwapOrderArgs {
    u64 twap_id; /* offset 0 */
    u8 side; /* offset 8 */
    u64 total_base_lots; /* offset 9 */
    u32 slice_count; /* offset 17 */
    u64 slice_base_lots; /* offset 21 */
    i64 start_time; /* offset 29 */
    u64 interval_seconds; /* offset 37 */
    u64 random_window_seconds; /* offset 45 */
    u64 limit_price; /* offset 53 */
    u16 max_deviation_bps; /* offset 61 */
    u8 missed_slice_policy; /* offset 63 */
    u8 match_limit; /* offset 64 */
    u64 keeper_reward_lamports; /* offset 65 */
} CreateTwapOrderArgs;
_Static_assert(sizeof(CreateTwapOrderArgs) == 73, "CreateTwapOrderArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, twap_id) == 0, "CreateTwapOrderArgs.twap_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, side) == 8, "CreateTwapOrderArgs.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, total_base_lots) == 9, "CreateTwapOrderArgs.total_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, slice_count) == 17, "CreateTwapOrderArgs.slice_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, slice_base_lots) == 21, "CreateTwapOrderArgs.slice_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, start_time) == 29, "CreateTwapOrderArgs.start_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, interval_seconds) == 37, "CreateTwapOrderArgs.interval_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, random_window_seconds) == 45, "CreateTwapOrderArgs.random_window_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, limit_price) == 53, "CreateTwapOrderArgs.limit_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, max_deviation_bps) == 61, "CreateTwapOrderArgs.max_deviation_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, missed_slice_policy) == 63, "CreateTwapOrderArgs.missed_slice_policy offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, match_limit) == 64, "CreateTwapOrderArgs.match_limit offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderArgs, keeper_reward_lamports) == 65, "CreateTwapOrderArgs.keeper_reward_lamports offset differs from the IDL");

/* type CreateScheduledOrderArgs (borsh, packed) */
typedef struct __attribute__((packed)) CreateScheduledOrderArgs {
    u64 schedule_id; /* offset 0 */
    u8 kind; /* offset 8 */
    i64 start_time; /* offset 9 */
    u64 interval_seconds; /* offset 17 */
    u8 cron_expression[48]; /* offset 25 */
    u32 max_runs; /* offset 73 */
    i64 end_time; /* offset 77 */
    u64 skip_window_seconds; /* offset 85 */
    u64 keeper_reward_lamports; /* offset 93 */
} CreateScheduledOrderArgs;
_Static_assert(sizeof(CreateScheduledOrderArgs) == 101, "CreateScheduledOrderArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CreateScheduledOrderArgs, schedule_id) == 0, "CreateScheduledOrderArgs.schedule_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateScheduledOrderArgs, kind) == 8, "CreateScheduledOrderArgs.kind offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateScheduledOrderArgs, start_time) == 9, "CreateScheduledOrderArgs.start_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateScheduledOrderArgs, interval_seconds) == 17, "CreateScheduledOrderArgs.interval_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateScheduledOrderArgs, cron_expression) == 25, "CreateScheduledOrderArgs.cron_expression offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateScheduledOrderArgs, max_runs) == 73, "CreateScheduledOrderArgs.max_runs offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateScheduledOrderArgs, end_time) == 77, "CreateScheduledOrderArgs.end_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateScheduledOrderArgs, skip_window_seconds) == 85, "CreateScheduledOrderArgs.skip_window_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateScheduledOrderArgs, keeper_reward_lamports) == 93, "CreateScheduledOrderArgs.keeper_reward_lamports offset differs from the IDL");

/* enum MissedSlicePolicy (borsh: one u8 tag) */
#define KAIROS_MISSED_SLICE_POLICY_CATCH_UP 0
#define KAIROS_MISSED_SLICE_POLICY_SKIP 1

/* enum ScheduleKind (borsh: one u8 tag) */
#define KAIROS_SCHEDULE_KIND_ONE_SHOT 0
#define KAIROS_SCHEDULE_KIND_INTERVAL 1
#define KAIROS_SCHEDULE_KIND_CRON 2

/* enum ScheduledRunOutcome (borsh: one u8 tag) */
#define KAIROS_SCHEDULED_RUN_OUTCOME_EXECUTED 0
#define KAIROS_SCHEDULED_RUN_OUTCOME_SKIPPED 1

/* type RiskLimitValues (naturally aligned) */
typedef struct RiskLimitValues {
    u32 max_leverage_bps; /* offset 0 */
    u32 max_position_bps; /* offset 4 */
    u32 max_concentration_bps; /* offset 8 */
    u32 max_daily_loss_bps; /* offset 12 */
    u32 max_drawdown_bps; /* offset 16 */
    u32 max_var_bps; /* offset 20 */
    u32 max_correlated_exposure_bps; /* offset 24 */
    u32 max_liquidity_take_bps; /* offset 28 */
    u32 liquidity_band_bps; /* offset 32 */
    u32 loosen_cooldown_seconds; /* offset 36 */
} RiskLimitValues;
_Static_assert(sizeof(RiskLimitValues) == 40, "RiskLimitValues size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitValues, max_leverage_bps) == 0, "RiskLimitValues.max_leverage_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitValues, max_position_bps) == 4, "RiskLimitValues.max_position_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitValues, max_concentration_bps) == 8, "RiskLimitValues.max_concentration_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitValues, max_daily_loss_bps) == 12, "RiskLimitValues.max_daily_loss_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitValues, max_drawdown_bps) == 16, "RiskLimitValues.max_drawdown_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitValues, max_var_bps) == 20, "RiskLimitValues.max_var_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitValues, max_correlated_exposure_bps) == 24, "RiskLimitValues.max_correlated_exposure_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitValues, max_liquidity_take_bps) == 28, "RiskLimitValues.max_liquidity_take_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitValues, liquidity_band_bps) == 32, "RiskLimitValues.liquidity_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitValues, loosen_cooldown_seconds) == 36, "RiskLimitValues.loosen_cooldown_seconds offset differs from the IDL");

/* type PublishRiskParamsArgs (borsh, packed) */
typedef struct __attribute__((packed)) PublishRiskParamsArgs {
    u32 volatility_ppm[16]; /* offset 0 */
    i16 correlation_bps[256]; /* offset 64 */
    u64 max_staleness_slots; /* offset 576 */
    u32 half_life_seconds; /* offset 584 */
    u8 factor_count; /* offset 588 */
} PublishRiskParamsArgs;
_Static_assert(sizeof(PublishRiskParamsArgs) == 589, "PublishRiskParamsArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(PublishRiskParamsArgs, volatility_ppm) == 0, "PublishRiskParamsArgs.volatility_ppm offset differs from the IDL");
_Static_assert(__builtin_offsetof(PublishRiskParamsArgs, correlation_bps) == 64, "PublishRiskParamsArgs.correlation_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(PublishRiskParamsArgs, max_staleness_slots) == 576, "PublishRiskParamsArgs.max_staleness_slots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PublishRiskParamsArgs, half_life_seconds) == 584, "PublishRiskParamsArgs.half_life_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(PublishRiskParamsArgs, factor_count) == 588, "PublishRiskParamsArgs.factor_count offset differs from the IDL");

/* type RiskMetrics (borsh, packed) */
typedef struct __attribute__((packed)) RiskMetrics {
    i64 equity; /* offset 0 */
    i64 day_open_equity; /* offset 8 */
    i64 high_water_mark; /* offset 16 */
    u64 gross_notional; /* offset 24 */
    u64 leverage_bps; /* offset 32 */
    u64 max_position_bps; /* offset 40 */
    u64 concentration_bps; /* offset 48 */
    u64 daily_loss_bps; /* offset 56 */
    u64 drawdown_bps; /* offset 64 */
    u64 var_quote; /* offset 72 */
    u64 var_bps; /* offset 80 */
    u64 correlated_exposure_quote; /* offset 88 */
    u64 correlated_exposure_bps; /* offset 96 */
    u64 maint_requirement; /* offset 104 */
    u64 weighted_collateral; /* offset 112 */
    u64 utilization_bps; /* offset 120 */
    i64 reduce_only_until; /* offset 128 */
    i64 headroom[8]; /* offset 136 */
} RiskMetrics;
_Static_assert(sizeof(RiskMetrics) == 200, "RiskMetrics size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, equity) == 0, "RiskMetrics.equity offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, day_open_equity) == 8, "RiskMetrics.day_open_equity offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, high_water_mark) == 16, "RiskMetrics.high_water_mark offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, gross_notional) == 24, "RiskMetrics.gross_notional offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, leverage_bps) == 32, "RiskMetrics.leverage_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, max_position_bps) == 40, "RiskMetrics.max_position_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, concentration_bps) == 48, "RiskMetrics.concentration_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, daily_loss_bps) == 56, "RiskMetrics.daily_loss_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, drawdown_bps) == 64, "RiskMetrics.drawdown_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, var_quote) == 72, "RiskMetrics.var_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, var_bps) == 80, "RiskMetrics.var_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, correlated_exposure_quote) == 88, "RiskMetrics.correlated_exposure_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, correlated_exposure_bps) == 96, "RiskMetrics.correlated_exposure_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, maint_requirement) == 104, "RiskMetrics.maint_requirement offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, weighted_collateral) == 112, "RiskMetrics.weighted_collateral offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, utilization_bps) == 120, "RiskMetrics.utilization_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, reduce_only_until) == 128, "RiskMetrics.reduce_only_until offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskMetrics, headroom) == 136, "RiskMetrics.headroom offset differs from the IDL");

/* enum RiskLimitKind (borsh: one u8 tag) */
#define KAIROS_RISK_LIMIT_KIND_LEVERAGE 0
#define KAIROS_RISK_LIMIT_KIND_POSITION_SIZE 1
#define KAIROS_RISK_LIMIT_KIND_CONCENTRATION 2
#define KAIROS_RISK_LIMIT_KIND_DAILY_LOSS 3
#define KAIROS_RISK_LIMIT_KIND_DRAWDOWN 4
#define KAIROS_RISK_LIMIT_KIND_VALUE_AT_RISK 5
#define KAIROS_RISK_LIMIT_KIND_CORRELATED_EXPOSURE 6
#define KAIROS_RISK_LIMIT_KIND_LIQUIDITY 7

/* type RebalanceMember (naturally aligned) */
typedef struct RebalanceMember {
    SolPubkey margin_account; /* offset 0 */
    u16 target_low_bps; /* offset 32 */
    u16 target_high_bps; /* offset 34 */
    u8 padding[4]; /* offset 36 */
} RebalanceMember;
_Static_assert(sizeof(RebalanceMember) == 40, "RebalanceMember size differs from the IDL");
_Static_assert(__builtin_offsetof(RebalanceMember, margin_account) == 0, "RebalanceMember.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalanceMember, target_low_bps) == 32, "RebalanceMember.target_low_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalanceMember, target_high_bps) == 34, "RebalanceMember.target_high_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalanceMember, padding) == 36, "RebalanceMember.padding offset differs from the IDL");

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
    u64 insurance_pending; /* offset 152 */
    u64 small_position_quote; /* offset 160 */
    u64 socialized_loss_total; /* offset 168 */
    u16 liquidation_buffer_bps; /* offset 176 */
    u16 insurance_fee_share_bps; /* offset 178 */
    u8 liquidation_padding[4]; /* offset 180 */
    u8 reserved[96]; /* offset 184 */
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
_Static_assert(__builtin_offsetof(Exchange, insurance_pending) == 152, "Exchange.insurance_pending offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, small_position_quote) == 160, "Exchange.small_position_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, socialized_loss_total) == 168, "Exchange.socialized_loss_total offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, liquidation_buffer_bps) == 176, "Exchange.liquidation_buffer_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, insurance_fee_share_bps) == 178, "Exchange.insurance_fee_share_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, liquidation_padding) == 180, "Exchange.liquidation_padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(Exchange, reserved) == 184, "Exchange.reserved offset differs from the IDL");

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
    u16 liquidation_discount_bps; /* offset 128 */
    u8 liquidation_padding[6]; /* offset 130 */
    u64 init_weight_scale_threshold; /* offset 136 */
    u16 concentration_limit_bps; /* offset 144 */
    u8 risk_padding[6]; /* offset 146 */
    u64 borrow_index; /* offset 152 */
    i64 borrow_index_timestamp; /* offset 160 */
    u64 total_borrows; /* offset 168 */
    u64 borrow_interest_pending; /* offset 176 */
    u16 borrow_rate_base_bps; /* offset 184 */
    u16 borrow_rate_optimal_bps; /* offset 186 */
    u16 borrow_rate_max_bps; /* offset 188 */
    u16 borrow_optimal_utilization_bps; /* offset 190 */
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
_Static_assert(__builtin_offsetof(CollateralAsset, liquidation_discount_bps) == 128, "CollateralAsset.liquidation_discount_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, liquidation_padding) == 130, "CollateralAsset.liquidation_padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, init_weight_scale_threshold) == 136, "CollateralAsset.init_weight_scale_threshold offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, concentration_limit_bps) == 144, "CollateralAsset.concentration_limit_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, risk_padding) == 146, "CollateralAsset.risk_padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, borrow_index) == 152, "CollateralAsset.borrow_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, borrow_index_timestamp) == 160, "CollateralAsset.borrow_index_timestamp offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, total_borrows) == 168, "CollateralAsset.total_borrows offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, borrow_interest_pending) == 176, "CollateralAsset.borrow_interest_pending offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, borrow_rate_base_bps) == 184, "CollateralAsset.borrow_rate_base_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, borrow_rate_optimal_bps) == 186, "CollateralAsset.borrow_rate_optimal_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, borrow_rate_max_bps) == 188, "CollateralAsset.borrow_rate_max_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralAsset, borrow_optimal_utilization_bps) == 190, "CollateralAsset.borrow_optimal_utilization_bps offset differs from the IDL");

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
    u64 socialized_loss; /* offset 208 */
    u16 liquidation_fee_bps; /* offset 216 */
    u8 liquidation_padding[6]; /* offset 218 */
    u64 socialized_loss_per_lot; /* offset 224 */
    u64 position_lots; /* offset 232 */
    u16 fill_band_bps; /* offset 240 */
    u16 rest_band_bps; /* offset 242 */
    u8 band_padding[4]; /* offset 244 */
    u64 min_rest_lots; /* offset 248 */
    u8 reserved[16]; /* offset 256 */
    i64 funding_index; /* offset 272 */
    i64 funding_index_previous; /* offset 280 */
    u64 funding_roll_seq; /* offset 288 */
    i64 funding_last_roll_ts; /* offset 296 */
    i64 funding_twap_ts; /* offset 304 */
    u64 oracle_twap; /* offset 312 */
    u64 mark_twap; /* offset 320 */
    u64 last_oracle_sample; /* offset 328 */
    u64 last_mark_sample; /* offset 336 */
    i64 funding_rate; /* offset 344 */
    i64 funding_settled_net; /* offset 352 */
    u64 funding_crank_reward; /* offset 360 */
    u32 funding_period_seconds; /* offset 368 */
    u16 funding_max_rate_bps; /* offset 372 */
    u16 funding_mark_band_bps; /* offset 374 */
    u8 funding_paused; /* offset 376 */
    u8 funding_sampled; /* offset 377 */
    u8 funding_started; /* offset 378 */
    u8 funding_padding[5]; /* offset 379 */
} PerpMarket;
_Static_assert(sizeof(PerpMarket) == 384, "PerpMarket size differs from the IDL");
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
_Static_assert(__builtin_offsetof(PerpMarket, socialized_loss) == 208, "PerpMarket.socialized_loss offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, liquidation_fee_bps) == 216, "PerpMarket.liquidation_fee_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, liquidation_padding) == 218, "PerpMarket.liquidation_padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, socialized_loss_per_lot) == 224, "PerpMarket.socialized_loss_per_lot offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, position_lots) == 232, "PerpMarket.position_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, fill_band_bps) == 240, "PerpMarket.fill_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, rest_band_bps) == 242, "PerpMarket.rest_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, band_padding) == 244, "PerpMarket.band_padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, min_rest_lots) == 248, "PerpMarket.min_rest_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, reserved) == 256, "PerpMarket.reserved offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_index) == 272, "PerpMarket.funding_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_index_previous) == 280, "PerpMarket.funding_index_previous offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_roll_seq) == 288, "PerpMarket.funding_roll_seq offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_last_roll_ts) == 296, "PerpMarket.funding_last_roll_ts offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_twap_ts) == 304, "PerpMarket.funding_twap_ts offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, oracle_twap) == 312, "PerpMarket.oracle_twap offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, mark_twap) == 320, "PerpMarket.mark_twap offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, last_oracle_sample) == 328, "PerpMarket.last_oracle_sample offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, last_mark_sample) == 336, "PerpMarket.last_mark_sample offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_rate) == 344, "PerpMarket.funding_rate offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_settled_net) == 352, "PerpMarket.funding_settled_net offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_crank_reward) == 360, "PerpMarket.funding_crank_reward offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_period_seconds) == 368, "PerpMarket.funding_period_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_max_rate_bps) == 372, "PerpMarket.funding_max_rate_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_mark_band_bps) == 374, "PerpMarket.funding_mark_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_paused) == 376, "PerpMarket.funding_paused offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_sampled) == 377, "PerpMarket.funding_sampled offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_started) == 378, "PerpMarket.funding_started offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpMarket, funding_padding) == 379, "PerpMarket.funding_padding offset differs from the IDL");

#define KAIROS_PERP_MARKET_ACCOUNT_SIZE (8 + 384)

/* account Orderbook: data[8..] (zero-copy, after the discriminator) */
typedef struct Orderbook {
    SolPubkey market; /* offset 0 */
    u32 bid_count; /* offset 32 */
    u32 ask_count; /* offset 36 */
    u8 reserved[56]; /* offset 40 */
    BookOrder bids[128]; /* offset 96 */
    BookOrder asks[128]; /* offset 13408 */
} Orderbook;
_Static_assert(sizeof(Orderbook) == 26720, "Orderbook size differs from the IDL");
_Static_assert(__builtin_offsetof(Orderbook, market) == 0, "Orderbook.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(Orderbook, bid_count) == 32, "Orderbook.bid_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(Orderbook, ask_count) == 36, "Orderbook.ask_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(Orderbook, reserved) == 40, "Orderbook.reserved offset differs from the IDL");
_Static_assert(__builtin_offsetof(Orderbook, bids) == 96, "Orderbook.bids offset differs from the IDL");
_Static_assert(__builtin_offsetof(Orderbook, asks) == 13408, "Orderbook.asks offset differs from the IDL");

#define KAIROS_ORDERBOOK_ACCOUNT_SIZE (8 + 26720)

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
    OpenOrder open_orders[16]; /* offset 528 */
    AccountStats stats; /* offset 1040 */
    u32 trigger_order_count; /* offset 1072 */
    u8 trigger_padding[28]; /* offset 1076 */
    u64 borrow_index_snapshot; /* offset 1104 */
    u64 borrow_principal; /* offset 1112 */
    u64 loss_market_mask; /* offset 1120 */
    u8 risk_limits_enabled; /* offset 1128 */
    u8 reserved[7]; /* offset 1129 */
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
_Static_assert(__builtin_offsetof(MarginAccount, open_orders) == 528, "MarginAccount.open_orders offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, stats) == 1040, "MarginAccount.stats offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, trigger_order_count) == 1072, "MarginAccount.trigger_order_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, trigger_padding) == 1076, "MarginAccount.trigger_padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, borrow_index_snapshot) == 1104, "MarginAccount.borrow_index_snapshot offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, borrow_principal) == 1112, "MarginAccount.borrow_principal offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, loss_market_mask) == 1120, "MarginAccount.loss_market_mask offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, risk_limits_enabled) == 1128, "MarginAccount.risk_limits_enabled offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarginAccount, reserved) == 1129, "MarginAccount.reserved offset differs from the IDL");

#define KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE (8 + 1136)

/* account Auction: data[8..] (zero-copy, after the discriminator) */
typedef struct Auction {
    SolPubkey market; /* offset 0 */
    SolPubkey taker_margin_account; /* offset 32 */
    SolPubkey taker_owner; /* offset 64 */
    u64 auction_id; /* offset 96 */
    u64 size_lots; /* offset 104 */
    u64 limit_price; /* offset 112 */
    u64 min_fill_lots; /* offset 120 */
    u64 open_slot; /* offset 128 */
    u64 deadline_slot; /* offset 136 */
    u64 reward_lamports; /* offset 144 */
    u64 next_bid_seq; /* offset 152 */
    u16 market_index; /* offset 160 */
    u8 side; /* offset 162 */
    u8 rest_action; /* offset 163 */
    u8 bid_count; /* offset 164 */
    u8 bump; /* offset 165 */
    u8 padding[2]; /* offset 166 */
    u8 reserved[64]; /* offset 168 */
    AuctionBid bids[8]; /* offset 232 */
} Auction;
_Static_assert(sizeof(Auction) == 744, "Auction size differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, market) == 0, "Auction.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, taker_margin_account) == 32, "Auction.taker_margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, taker_owner) == 64, "Auction.taker_owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, auction_id) == 96, "Auction.auction_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, size_lots) == 104, "Auction.size_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, limit_price) == 112, "Auction.limit_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, min_fill_lots) == 120, "Auction.min_fill_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, open_slot) == 128, "Auction.open_slot offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, deadline_slot) == 136, "Auction.deadline_slot offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, reward_lamports) == 144, "Auction.reward_lamports offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, next_bid_seq) == 152, "Auction.next_bid_seq offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, market_index) == 160, "Auction.market_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, side) == 162, "Auction.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, rest_action) == 163, "Auction.rest_action offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, bid_count) == 164, "Auction.bid_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, bump) == 165, "Auction.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, padding) == 166, "Auction.padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, reserved) == 168, "Auction.reserved offset differs from the IDL");
_Static_assert(__builtin_offsetof(Auction, bids) == 232, "Auction.bids offset differs from the IDL");

#define KAIROS_AUCTION_ACCOUNT_SIZE (8 + 744)

/* account TriggerOrder: data[8..] (zero-copy, after the discriminator) */
typedef struct TriggerOrder {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey owner; /* offset 32 */
    SolPubkey market; /* offset 64 */
    SolPubkey linked_trigger; /* offset 96 */
    u64 id; /* offset 128 */
    u64 trigger_price; /* offset 136 */
    u64 limit_price; /* offset 144 */
    u64 max_base_lots; /* offset 152 */
    u64 client_order_id; /* offset 160 */
    u64 trailing_offset; /* offset 168 */
    u64 trailing_reference_price; /* offset 176 */
    u64 keeper_reward_lamports; /* offset 184 */
    i64 expiry_timestamp; /* offset 192 */
    u64 created_slot; /* offset 200 */
    u16 market_index; /* offset 208 */
    u16 max_oracle_deviation_bps; /* offset 210 */
    u8 side; /* offset 212 */
    u8 kind; /* offset 213 */
    u8 condition; /* offset 214 */
    u8 reduce_only; /* offset 215 */
    u8 trailing_mode; /* offset 216 */
    u8 match_limit; /* offset 217 */
    u8 bump; /* offset 218 */
    u8 padding[5]; /* offset 219 */
    u8 reserved[64]; /* offset 224 */
} TriggerOrder;
_Static_assert(sizeof(TriggerOrder) == 288, "TriggerOrder size differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, margin_account) == 0, "TriggerOrder.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, owner) == 32, "TriggerOrder.owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, market) == 64, "TriggerOrder.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, linked_trigger) == 96, "TriggerOrder.linked_trigger offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, id) == 128, "TriggerOrder.id offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, trigger_price) == 136, "TriggerOrder.trigger_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, limit_price) == 144, "TriggerOrder.limit_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, max_base_lots) == 152, "TriggerOrder.max_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, client_order_id) == 160, "TriggerOrder.client_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, trailing_offset) == 168, "TriggerOrder.trailing_offset offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, trailing_reference_price) == 176, "TriggerOrder.trailing_reference_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, keeper_reward_lamports) == 184, "TriggerOrder.keeper_reward_lamports offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, expiry_timestamp) == 192, "TriggerOrder.expiry_timestamp offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, created_slot) == 200, "TriggerOrder.created_slot offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, market_index) == 208, "TriggerOrder.market_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, max_oracle_deviation_bps) == 210, "TriggerOrder.max_oracle_deviation_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, side) == 212, "TriggerOrder.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, kind) == 213, "TriggerOrder.kind offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, condition) == 214, "TriggerOrder.condition offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, reduce_only) == 215, "TriggerOrder.reduce_only offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, trailing_mode) == 216, "TriggerOrder.trailing_mode offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, match_limit) == 217, "TriggerOrder.match_limit offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, bump) == 218, "TriggerOrder.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, padding) == 219, "TriggerOrder.padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrder, reserved) == 224, "TriggerOrder.reserved offset differs from the IDL");

#define KAIROS_TRIGGER_ORDER_ACCOUNT_SIZE (8 + 288)

/* account TwapOrder: data[8..] (zero-copy, after the discriminator) */
typedef struct TwapOrder {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey owner; /* offset 32 */
    SolPubkey market; /* offset 64 */
    u64 twap_id; /* offset 96 */
    u64 total_base_lots; /* offset 104 */
    u64 slice_base_lots; /* offset 112 */
    i64 start_time; /* offset 120 */
    u64 interval_seconds; /* offset 128 */
    u64 random_window_seconds; /* offset 136 */
    u64 limit_price; /* offset 144 */
    u64 keeper_reward_lamports; /* offset 152 */
    u64 crank_reserve_lamports; /* offset 160 */
    u64 filled_base_lots; /* offset 168 */
    u64 filled_quote; /* offset 176 */
    i64 last_executed_time; /* offset 184 */
    u32 slice_count; /* offset 192 */
    u32 next_slice; /* offset 196 */
    u32 executed_slices; /* offset 200 */
    u32 skipped_slices; /* offset 204 */
    u16 max_deviation_bps; /* offset 208 */
    u16 market_index; /* offset 210 */
    u8 side; /* offset 212 */
    u8 missed_slice_policy; /* offset 213 */
    u8 paused; /* offset 214 */
    u8 bump; /* offset 215 */
    u8 match_limit; /* offset 216 */
    u8 padding[7]; /* offset 217 */
    u8 reserved[64]; /* offset 224 */
} TwapOrder;
_Static_assert(sizeof(TwapOrder) == 288, "TwapOrder size differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, margin_account) == 0, "TwapOrder.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, owner) == 32, "TwapOrder.owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, market) == 64, "TwapOrder.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, twap_id) == 96, "TwapOrder.twap_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, total_base_lots) == 104, "TwapOrder.total_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, slice_base_lots) == 112, "TwapOrder.slice_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, start_time) == 120, "TwapOrder.start_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, interval_seconds) == 128, "TwapOrder.interval_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, random_window_seconds) == 136, "TwapOrder.random_window_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, limit_price) == 144, "TwapOrder.limit_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, keeper_reward_lamports) == 152, "TwapOrder.keeper_reward_lamports offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, crank_reserve_lamports) == 160, "TwapOrder.crank_reserve_lamports offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, filled_base_lots) == 168, "TwapOrder.filled_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, filled_quote) == 176, "TwapOrder.filled_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, last_executed_time) == 184, "TwapOrder.last_executed_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, slice_count) == 192, "TwapOrder.slice_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, next_slice) == 196, "TwapOrder.next_slice offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, executed_slices) == 200, "TwapOrder.executed_slices offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, skipped_slices) == 204, "TwapOrder.skipped_slices offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, max_deviation_bps) == 208, "TwapOrder.max_deviation_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, market_index) == 210, "TwapOrder.market_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, side) == 212, "TwapOrder.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, missed_slice_policy) == 213, "TwapOrder.missed_slice_policy offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, paused) == 214, "TwapOrder.paused offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, bump) == 215, "TwapOrder.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, match_limit) == 216, "TwapOrder.match_limit offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, padding) == 217, "TwapOrder.padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrder, reserved) == 224, "TwapOrder.reserved offset differs from the IDL");

#define KAIROS_TWAP_ORDER_ACCOUNT_SIZE (8 + 288)

/* account ScheduledOrder: data[8..] (zero-copy, after the discriminator) */
typedef struct ScheduledOrder {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey owner; /* offset 32 */
    SolPubkey market; /* offset 64 */
    u64 schedule_id; /* offset 96 */
    i64 start_time; /* offset 104 */
    i64 next_run_time; /* offset 112 */
    u64 interval_seconds; /* offset 120 */
    i64 end_time; /* offset 128 */
    u64 skip_window_seconds; /* offset 136 */
    u64 keeper_reward_lamports; /* offset 144 */
    u64 crank_reserve_lamports; /* offset 152 */
    i64 last_run_time; /* offset 160 */
    u64 order_price; /* offset 168 */
    u64 order_max_base_lots; /* offset 176 */
    u64 order_client_order_id; /* offset 184 */
    u64 cron_minutes; /* offset 192 */
    u32 cron_hours; /* offset 200 */
    u32 cron_days_of_month; /* offset 204 */
    u16 cron_months; /* offset 208 */
    u8 cron_days_of_week; /* offset 210 */
    u8 cron_flags; /* offset 211 */
    u32 max_runs; /* offset 212 */
    u32 run_count; /* offset 216 */
    u32 skipped_count; /* offset 220 */
    u16 market_index; /* offset 224 */
    u8 kind; /* offset 226 */
    u8 finished; /* offset 227 */
    u8 bump; /* offset 228 */
    u8 order_side; /* offset 229 */
    u8 order_type; /* offset 230 */
    u8 order_match_limit; /* offset 231 */
    u8 cron_expression[48]; /* offset 232 */
    i64 order_expiry_timestamp; /* offset 280 */
    u64 order_iceberg_display_lots; /* offset 288 */
    u16 order_max_oracle_deviation_bps; /* offset 296 */
    u8 order_time_in_force; /* offset 298 */
    u8 order_self_trade_behavior; /* offset 299 */
    u8 order_reduce_only; /* offset 300 */
    u8 reserved[43]; /* offset 301 */
} ScheduledOrder;
_Static_assert(sizeof(ScheduledOrder) == 344, "ScheduledOrder size differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, margin_account) == 0, "ScheduledOrder.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, owner) == 32, "ScheduledOrder.owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, market) == 64, "ScheduledOrder.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, schedule_id) == 96, "ScheduledOrder.schedule_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, start_time) == 104, "ScheduledOrder.start_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, next_run_time) == 112, "ScheduledOrder.next_run_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, interval_seconds) == 120, "ScheduledOrder.interval_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, end_time) == 128, "ScheduledOrder.end_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, skip_window_seconds) == 136, "ScheduledOrder.skip_window_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, keeper_reward_lamports) == 144, "ScheduledOrder.keeper_reward_lamports offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, crank_reserve_lamports) == 152, "ScheduledOrder.crank_reserve_lamports offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, last_run_time) == 160, "ScheduledOrder.last_run_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, order_price) == 168, "ScheduledOrder.order_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, order_max_base_lots) == 176, "ScheduledOrder.order_max_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, order_client_order_id) == 184, "ScheduledOrder.order_client_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, cron_minutes) == 192, "ScheduledOrder.cron_minutes offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, cron_hours) == 200, "ScheduledOrder.cron_hours offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, cron_days_of_month) == 204, "ScheduledOrder.cron_days_of_month offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, cron_months) == 208, "ScheduledOrder.cron_months offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, cron_days_of_week) == 210, "ScheduledOrder.cron_days_of_week offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, cron_flags) == 211, "ScheduledOrder.cron_flags offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, max_runs) == 212, "ScheduledOrder.max_runs offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, run_count) == 216, "ScheduledOrder.run_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, skipped_count) == 220, "ScheduledOrder.skipped_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, market_index) == 224, "ScheduledOrder.market_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, kind) == 226, "ScheduledOrder.kind offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, finished) == 227, "ScheduledOrder.finished offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, bump) == 228, "ScheduledOrder.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, order_side) == 229, "ScheduledOrder.order_side offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, order_type) == 230, "ScheduledOrder.order_type offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, order_match_limit) == 231, "ScheduledOrder.order_match_limit offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, cron_expression) == 232, "ScheduledOrder.cron_expression offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, order_expiry_timestamp) == 280, "ScheduledOrder.order_expiry_timestamp offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, order_iceberg_display_lots) == 288, "ScheduledOrder.order_iceberg_display_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, order_max_oracle_deviation_bps) == 296, "ScheduledOrder.order_max_oracle_deviation_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, order_time_in_force) == 298, "ScheduledOrder.order_time_in_force offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, order_self_trade_behavior) == 299, "ScheduledOrder.order_self_trade_behavior offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, order_reduce_only) == 300, "ScheduledOrder.order_reduce_only offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrder, reserved) == 301, "ScheduledOrder.reserved offset differs from the IDL");

#define KAIROS_SCHEDULED_ORDER_ACCOUNT_SIZE (8 + 344)

/* account RiskParameters: data[8..] (zero-copy, after the discriminator) */
typedef struct RiskParameters {
    SolPubkey publisher; /* offset 0 */
    u64 publish_slot; /* offset 32 */
    i64 publish_timestamp; /* offset 40 */
    u64 max_staleness_slots; /* offset 48 */
    u32 half_life_seconds; /* offset 56 */
    u8 factor_count; /* offset 60 */
    u8 bump; /* offset 61 */
    u8 version; /* offset 62 */
    u8 padding[1]; /* offset 63 */
    RiskLimitValues caps; /* offset 64 */
    RiskLimitValues defaults; /* offset 104 */
    SolPubkey factor_oracles[16]; /* offset 144 */
    u32 volatility_ppm[16]; /* offset 656 */
    i16 correlation_bps[256]; /* offset 720 */
    u8 perp_factor[64]; /* offset 1232 */
    u8 collateral_factor[16]; /* offset 1296 */
    u8 reserved[64]; /* offset 1312 */
} RiskParameters;
_Static_assert(sizeof(RiskParameters) == 1376, "RiskParameters size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, publisher) == 0, "RiskParameters.publisher offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, publish_slot) == 32, "RiskParameters.publish_slot offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, publish_timestamp) == 40, "RiskParameters.publish_timestamp offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, max_staleness_slots) == 48, "RiskParameters.max_staleness_slots offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, half_life_seconds) == 56, "RiskParameters.half_life_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, factor_count) == 60, "RiskParameters.factor_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, bump) == 61, "RiskParameters.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, version) == 62, "RiskParameters.version offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, padding) == 63, "RiskParameters.padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, caps) == 64, "RiskParameters.caps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, defaults) == 104, "RiskParameters.defaults offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, factor_oracles) == 144, "RiskParameters.factor_oracles offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, volatility_ppm) == 656, "RiskParameters.volatility_ppm offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, correlation_bps) == 720, "RiskParameters.correlation_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, perp_factor) == 1232, "RiskParameters.perp_factor offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, collateral_factor) == 1296, "RiskParameters.collateral_factor offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParameters, reserved) == 1312, "RiskParameters.reserved offset differs from the IDL");

#define KAIROS_RISK_PARAMETERS_ACCOUNT_SIZE (8 + 1376)

/* account RiskLimits: data[8..] (zero-copy, after the discriminator) */
typedef struct RiskLimits {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey owner; /* offset 32 */
    SolPubkey delegate; /* offset 64 */
    RiskLimitValues active; /* offset 96 */
    RiskLimitValues pending; /* offset 136 */
    i64 pending_effective_timestamp; /* offset 176 */
    i64 day_index; /* offset 184 */
    i64 day_open_equity; /* offset 192 */
    i64 high_water_mark; /* offset 200 */
    i64 reduce_only_until; /* offset 208 */
    i64 last_breach_timestamp; /* offset 216 */
    i64 hwm_reset_timestamp; /* offset 224 */
    i64 last_equity; /* offset 232 */
    u8 reduce_only_reason; /* offset 240 */
    u8 bump; /* offset 241 */
    u8 version; /* offset 242 */
    u8 reset_armed; /* offset 243 */
    u8 padding[4]; /* offset 244 */
    u8 reserved[64]; /* offset 248 */
} RiskLimits;
_Static_assert(sizeof(RiskLimits) == 312, "RiskLimits size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, margin_account) == 0, "RiskLimits.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, owner) == 32, "RiskLimits.owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, delegate) == 64, "RiskLimits.delegate offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, active) == 96, "RiskLimits.active offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, pending) == 136, "RiskLimits.pending offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, pending_effective_timestamp) == 176, "RiskLimits.pending_effective_timestamp offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, day_index) == 184, "RiskLimits.day_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, day_open_equity) == 192, "RiskLimits.day_open_equity offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, high_water_mark) == 200, "RiskLimits.high_water_mark offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, reduce_only_until) == 208, "RiskLimits.reduce_only_until offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, last_breach_timestamp) == 216, "RiskLimits.last_breach_timestamp offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, hwm_reset_timestamp) == 224, "RiskLimits.hwm_reset_timestamp offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, last_equity) == 232, "RiskLimits.last_equity offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, reduce_only_reason) == 240, "RiskLimits.reduce_only_reason offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, bump) == 241, "RiskLimits.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, version) == 242, "RiskLimits.version offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, reset_armed) == 243, "RiskLimits.reset_armed offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, padding) == 244, "RiskLimits.padding offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimits, reserved) == 248, "RiskLimits.reserved offset differs from the IDL");

#define KAIROS_RISK_LIMITS_ACCOUNT_SIZE (8 + 312)

/* account RebalancePolicy: data[8..] (zero-copy, after the discriminator) */
typedef struct RebalancePolicy {
    SolPubkey owner; /* offset 0 */
    SolPubkey delegate; /* offset 32 */
    u32 asset_mask; /* offset 64 */
    u16 max_utilization_bps; /* offset 68 */
    u8 member_count; /* offset 70 */
    u8 bump; /* offset 71 */
    RebalanceMember members[8]; /* offset 72 */
    u8 reserved[32]; /* offset 392 */
} RebalancePolicy;
_Static_assert(sizeof(RebalancePolicy) == 424, "RebalancePolicy size differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicy, owner) == 0, "RebalancePolicy.owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicy, delegate) == 32, "RebalancePolicy.delegate offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicy, asset_mask) == 64, "RebalancePolicy.asset_mask offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicy, max_utilization_bps) == 68, "RebalancePolicy.max_utilization_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicy, member_count) == 70, "RebalancePolicy.member_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicy, bump) == 71, "RebalancePolicy.bump offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicy, members) == 72, "RebalancePolicy.members offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicy, reserved) == 392, "RebalancePolicy.reserved offset differs from the IDL");

#define KAIROS_REBALANCE_POLICY_ACCOUNT_SIZE (8 + 424)

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
    u64 asset_total_deposits; /* offset 80 */
    u64 asset_deposit_cap; /* offset 88 */
} DepositedEvent;
_Static_assert(sizeof(DepositedEvent) == 96, "DepositedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(DepositedEvent, margin_account) == 0, "DepositedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(DepositedEvent, asset) == 32, "DepositedEvent.asset offset differs from the IDL");
_Static_assert(__builtin_offsetof(DepositedEvent, amount) == 64, "DepositedEvent.amount offset differs from the IDL");
_Static_assert(__builtin_offsetof(DepositedEvent, balance_after) == 72, "DepositedEvent.balance_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(DepositedEvent, asset_total_deposits) == 80, "DepositedEvent.asset_total_deposits offset differs from the IDL");
_Static_assert(__builtin_offsetof(DepositedEvent, asset_deposit_cap) == 88, "DepositedEvent.asset_deposit_cap offset differs from the IDL");

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
    u64 asset_total_deposits; /* offset 88 */
    u64 asset_deposit_cap; /* offset 96 */
    u64 maint_requirement; /* offset 104 */
    u64 weighted_collateral; /* offset 112 */
} WithdrawnEvent;
_Static_assert(sizeof(WithdrawnEvent) == 120, "WithdrawnEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, margin_account) == 0, "WithdrawnEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, asset) == 32, "WithdrawnEvent.asset offset differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, amount) == 64, "WithdrawnEvent.amount offset differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, balance_after) == 72, "WithdrawnEvent.balance_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, init_health_after) == 80, "WithdrawnEvent.init_health_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, asset_total_deposits) == 88, "WithdrawnEvent.asset_total_deposits offset differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, asset_deposit_cap) == 96, "WithdrawnEvent.asset_deposit_cap offset differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, maint_requirement) == 104, "WithdrawnEvent.maint_requirement offset differs from the IDL");
_Static_assert(__builtin_offsetof(WithdrawnEvent, weighted_collateral) == 112, "WithdrawnEvent.weighted_collateral offset differs from the IDL");

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
    i64 socialized_loss; /* offset 88 */
} PnlSettledEvent;
_Static_assert(sizeof(PnlSettledEvent) == 96, "PnlSettledEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(PnlSettledEvent, margin_account) == 0, "PnlSettledEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(PnlSettledEvent, market) == 32, "PnlSettledEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(PnlSettledEvent, amount) == 64, "PnlSettledEvent.amount offset differs from the IDL");
_Static_assert(__builtin_offsetof(PnlSettledEvent, quote_balance_after) == 72, "PnlSettledEvent.quote_balance_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(PnlSettledEvent, pnl_pool_after) == 80, "PnlSettledEvent.pnl_pool_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(PnlSettledEvent, socialized_loss) == 88, "PnlSettledEvent.socialized_loss offset differs from the IDL");

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

/* event AuctionOpened (borsh) */
typedef struct __attribute__((packed)) AuctionOpenedEvent {
    SolPubkey auction; /* offset 0 */
    SolPubkey market; /* offset 32 */
    SolPubkey taker_margin_account; /* offset 64 */
    u64 auction_id; /* offset 96 */
    u8 side; /* offset 104 */
    u64 size_lots; /* offset 105 */
    u64 limit_price; /* offset 113 */
    u64 min_fill_lots; /* offset 121 */
    u64 deadline_slot; /* offset 129 */
    u8 rest_action; /* offset 137 */
    u64 reward_lamports; /* offset 138 */
} AuctionOpenedEvent;
_Static_assert(sizeof(AuctionOpenedEvent) == 146, "AuctionOpenedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionOpenedEvent, auction) == 0, "AuctionOpenedEvent.auction offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionOpenedEvent, market) == 32, "AuctionOpenedEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionOpenedEvent, taker_margin_account) == 64, "AuctionOpenedEvent.taker_margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionOpenedEvent, auction_id) == 96, "AuctionOpenedEvent.auction_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionOpenedEvent, side) == 104, "AuctionOpenedEvent.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionOpenedEvent, size_lots) == 105, "AuctionOpenedEvent.size_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionOpenedEvent, limit_price) == 113, "AuctionOpenedEvent.limit_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionOpenedEvent, min_fill_lots) == 121, "AuctionOpenedEvent.min_fill_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionOpenedEvent, deadline_slot) == 129, "AuctionOpenedEvent.deadline_slot offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionOpenedEvent, rest_action) == 137, "AuctionOpenedEvent.rest_action offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionOpenedEvent, reward_lamports) == 138, "AuctionOpenedEvent.reward_lamports offset differs from the IDL");

typedef struct __attribute__((packed)) AuctionOpenedEventRecord {
    u64 discriminator;
    AuctionOpenedEvent event;
} AuctionOpenedEventRecord;
#define AUCTION_OPENED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_AUCTION_OPENED }

/* event AuctionBidSubmitted (borsh) */
typedef struct __attribute__((packed)) AuctionBidSubmittedEvent {
    SolPubkey auction; /* offset 0 */
    SolPubkey provider; /* offset 32 */
    u64 price; /* offset 64 */
    u64 base_lots; /* offset 72 */
    u64 seq; /* offset 80 */
    SolPubkey replaced; /* offset 88 */
} AuctionBidSubmittedEvent;
_Static_assert(sizeof(AuctionBidSubmittedEvent) == 120, "AuctionBidSubmittedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidSubmittedEvent, auction) == 0, "AuctionBidSubmittedEvent.auction offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidSubmittedEvent, provider) == 32, "AuctionBidSubmittedEvent.provider offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidSubmittedEvent, price) == 64, "AuctionBidSubmittedEvent.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidSubmittedEvent, base_lots) == 72, "AuctionBidSubmittedEvent.base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidSubmittedEvent, seq) == 80, "AuctionBidSubmittedEvent.seq offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidSubmittedEvent, replaced) == 88, "AuctionBidSubmittedEvent.replaced offset differs from the IDL");

typedef struct __attribute__((packed)) AuctionBidSubmittedEventRecord {
    u64 discriminator;
    AuctionBidSubmittedEvent event;
} AuctionBidSubmittedEventRecord;
#define AUCTION_BID_SUBMITTED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_AUCTION_BID_SUBMITTED }

/* event AuctionBidImproved (borsh) */
typedef struct __attribute__((packed)) AuctionBidImprovedEvent {
    SolPubkey auction; /* offset 0 */
    SolPubkey provider; /* offset 32 */
    u64 price; /* offset 64 */
    u64 base_lots; /* offset 72 */
    u64 seq; /* offset 80 */
} AuctionBidImprovedEvent;
_Static_assert(sizeof(AuctionBidImprovedEvent) == 88, "AuctionBidImprovedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidImprovedEvent, auction) == 0, "AuctionBidImprovedEvent.auction offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidImprovedEvent, provider) == 32, "AuctionBidImprovedEvent.provider offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidImprovedEvent, price) == 64, "AuctionBidImprovedEvent.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidImprovedEvent, base_lots) == 72, "AuctionBidImprovedEvent.base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidImprovedEvent, seq) == 80, "AuctionBidImprovedEvent.seq offset differs from the IDL");

typedef struct __attribute__((packed)) AuctionBidImprovedEventRecord {
    u64 discriminator;
    AuctionBidImprovedEvent event;
} AuctionBidImprovedEventRecord;
#define AUCTION_BID_IMPROVED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_AUCTION_BID_IMPROVED }

/* event AuctionBidCancelled (borsh) */
typedef struct __attribute__((packed)) AuctionBidCancelledEvent {
    SolPubkey auction; /* offset 0 */
    SolPubkey provider; /* offset 32 */
} AuctionBidCancelledEvent;
_Static_assert(sizeof(AuctionBidCancelledEvent) == 64, "AuctionBidCancelledEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidCancelledEvent, auction) == 0, "AuctionBidCancelledEvent.auction offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidCancelledEvent, provider) == 32, "AuctionBidCancelledEvent.provider offset differs from the IDL");

typedef struct __attribute__((packed)) AuctionBidCancelledEventRecord {
    u64 discriminator;
    AuctionBidCancelledEvent event;
} AuctionBidCancelledEventRecord;
#define AUCTION_BID_CANCELLED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_AUCTION_BID_CANCELLED }

/* event AuctionFilled (borsh) */
typedef struct __attribute__((packed)) AuctionFilledEvent {
    SolPubkey auction; /* offset 0 */
    SolPubkey market; /* offset 32 */
    SolPubkey provider; /* offset 64 */
    SolPubkey taker; /* offset 96 */
    u8 taker_side; /* offset 128 */
    u64 price; /* offset 129 */
    u64 base_lots; /* offset 137 */
    i64 maker_fee; /* offset 145 */
} AuctionFilledEvent;
_Static_assert(sizeof(AuctionFilledEvent) == 153, "AuctionFilledEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionFilledEvent, auction) == 0, "AuctionFilledEvent.auction offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionFilledEvent, market) == 32, "AuctionFilledEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionFilledEvent, provider) == 64, "AuctionFilledEvent.provider offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionFilledEvent, taker) == 96, "AuctionFilledEvent.taker offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionFilledEvent, taker_side) == 128, "AuctionFilledEvent.taker_side offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionFilledEvent, price) == 129, "AuctionFilledEvent.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionFilledEvent, base_lots) == 137, "AuctionFilledEvent.base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionFilledEvent, maker_fee) == 145, "AuctionFilledEvent.maker_fee offset differs from the IDL");

typedef struct __attribute__((packed)) AuctionFilledEventRecord {
    u64 discriminator;
    AuctionFilledEvent event;
} AuctionFilledEventRecord;
#define AUCTION_FILLED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_AUCTION_FILLED }

/* event AuctionBidSkipped (borsh) */
typedef struct __attribute__((packed)) AuctionBidSkippedEvent {
    SolPubkey auction; /* offset 0 */
    SolPubkey provider; /* offset 32 */
    u64 price; /* offset 64 */
    u64 base_lots; /* offset 72 */
} AuctionBidSkippedEvent;
_Static_assert(sizeof(AuctionBidSkippedEvent) == 80, "AuctionBidSkippedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidSkippedEvent, auction) == 0, "AuctionBidSkippedEvent.auction offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidSkippedEvent, provider) == 32, "AuctionBidSkippedEvent.provider offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidSkippedEvent, price) == 64, "AuctionBidSkippedEvent.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionBidSkippedEvent, base_lots) == 72, "AuctionBidSkippedEvent.base_lots offset differs from the IDL");

typedef struct __attribute__((packed)) AuctionBidSkippedEventRecord {
    u64 discriminator;
    AuctionBidSkippedEvent event;
} AuctionBidSkippedEventRecord;
#define AUCTION_BID_SKIPPED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_AUCTION_BID_SKIPPED }

/* event AuctionSettled (borsh) */
typedef struct __attribute__((packed)) AuctionSettledEvent {
    SolPubkey auction; /* offset 0 */
    SolPubkey market; /* offset 32 */
    SolPubkey taker; /* offset 64 */
    u8 side; /* offset 96 */
    u64 filled_lots; /* offset 97 */
    u64 filled_quote; /* offset 105 */
    u8 winner_count; /* offset 113 */
    u64 taker_fee; /* offset 114 */
    u64 rest_lots; /* offset 122 */
    u8 rest_action; /* offset 130 */
    u64 rest_order_id; /* offset 131 */
    SolPubkey settler; /* offset 139 */
    u64 reward_lamports; /* offset 171 */
    u8 accepted_early; /* offset 179 */
} AuctionSettledEvent;
_Static_assert(sizeof(AuctionSettledEvent) == 180, "AuctionSettledEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, auction) == 0, "AuctionSettledEvent.auction offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, market) == 32, "AuctionSettledEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, taker) == 64, "AuctionSettledEvent.taker offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, side) == 96, "AuctionSettledEvent.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, filled_lots) == 97, "AuctionSettledEvent.filled_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, filled_quote) == 105, "AuctionSettledEvent.filled_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, winner_count) == 113, "AuctionSettledEvent.winner_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, taker_fee) == 114, "AuctionSettledEvent.taker_fee offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, rest_lots) == 122, "AuctionSettledEvent.rest_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, rest_action) == 130, "AuctionSettledEvent.rest_action offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, rest_order_id) == 131, "AuctionSettledEvent.rest_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, settler) == 139, "AuctionSettledEvent.settler offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, reward_lamports) == 171, "AuctionSettledEvent.reward_lamports offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionSettledEvent, accepted_early) == 179, "AuctionSettledEvent.accepted_early offset differs from the IDL");

typedef struct __attribute__((packed)) AuctionSettledEventRecord {
    u64 discriminator;
    AuctionSettledEvent event;
} AuctionSettledEventRecord;
#define AUCTION_SETTLED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_AUCTION_SETTLED }

/* event AuctionExpired (borsh) */
typedef struct __attribute__((packed)) AuctionExpiredEvent {
    SolPubkey auction; /* offset 0 */
    SolPubkey market; /* offset 32 */
    SolPubkey taker; /* offset 64 */
    u64 rest_lots; /* offset 96 */
    u8 rest_action; /* offset 104 */
    u64 rest_order_id; /* offset 105 */
    SolPubkey settler; /* offset 113 */
    u64 reward_lamports; /* offset 145 */
} AuctionExpiredEvent;
_Static_assert(sizeof(AuctionExpiredEvent) == 153, "AuctionExpiredEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionExpiredEvent, auction) == 0, "AuctionExpiredEvent.auction offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionExpiredEvent, market) == 32, "AuctionExpiredEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionExpiredEvent, taker) == 64, "AuctionExpiredEvent.taker offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionExpiredEvent, rest_lots) == 96, "AuctionExpiredEvent.rest_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionExpiredEvent, rest_action) == 104, "AuctionExpiredEvent.rest_action offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionExpiredEvent, rest_order_id) == 105, "AuctionExpiredEvent.rest_order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionExpiredEvent, settler) == 113, "AuctionExpiredEvent.settler offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionExpiredEvent, reward_lamports) == 145, "AuctionExpiredEvent.reward_lamports offset differs from the IDL");

typedef struct __attribute__((packed)) AuctionExpiredEventRecord {
    u64 discriminator;
    AuctionExpiredEvent event;
} AuctionExpiredEventRecord;
#define AUCTION_EXPIRED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_AUCTION_EXPIRED }

/* event LiquidationParamsSet (borsh) */
typedef struct __attribute__((packed)) LiquidationParamsSetEvent {
    u64 small_position_quote; /* offset 0 */
    u16 liquidation_buffer_bps; /* offset 8 */
    u16 insurance_fee_share_bps; /* offset 10 */
} LiquidationParamsSetEvent;
_Static_assert(sizeof(LiquidationParamsSetEvent) == 12, "LiquidationParamsSetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(LiquidationParamsSetEvent, small_position_quote) == 0, "LiquidationParamsSetEvent.small_position_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(LiquidationParamsSetEvent, liquidation_buffer_bps) == 8, "LiquidationParamsSetEvent.liquidation_buffer_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(LiquidationParamsSetEvent, insurance_fee_share_bps) == 10, "LiquidationParamsSetEvent.insurance_fee_share_bps offset differs from the IDL");

typedef struct __attribute__((packed)) LiquidationParamsSetEventRecord {
    u64 discriminator;
    LiquidationParamsSetEvent event;
} LiquidationParamsSetEventRecord;
#define LIQUIDATION_PARAMS_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_LIQUIDATION_PARAMS_SET }

/* event PerpLiquidationFeeSet (borsh) */
typedef struct __attribute__((packed)) PerpLiquidationFeeSetEvent {
    SolPubkey market; /* offset 0 */
    u16 liquidation_fee_bps; /* offset 32 */
} PerpLiquidationFeeSetEvent;
_Static_assert(sizeof(PerpLiquidationFeeSetEvent) == 34, "PerpLiquidationFeeSetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidationFeeSetEvent, market) == 0, "PerpLiquidationFeeSetEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidationFeeSetEvent, liquidation_fee_bps) == 32, "PerpLiquidationFeeSetEvent.liquidation_fee_bps offset differs from the IDL");

typedef struct __attribute__((packed)) PerpLiquidationFeeSetEventRecord {
    u64 discriminator;
    PerpLiquidationFeeSetEvent event;
} PerpLiquidationFeeSetEventRecord;
#define PERP_LIQUIDATION_FEE_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_PERP_LIQUIDATION_FEE_SET }

/* event AssetLiquidationDiscountSet (borsh) */
typedef struct __attribute__((packed)) AssetLiquidationDiscountSetEvent {
    SolPubkey asset; /* offset 0 */
    u16 liquidation_discount_bps; /* offset 32 */
} AssetLiquidationDiscountSetEvent;
_Static_assert(sizeof(AssetLiquidationDiscountSetEvent) == 34, "AssetLiquidationDiscountSetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(AssetLiquidationDiscountSetEvent, asset) == 0, "AssetLiquidationDiscountSetEvent.asset offset differs from the IDL");
_Static_assert(__builtin_offsetof(AssetLiquidationDiscountSetEvent, liquidation_discount_bps) == 32, "AssetLiquidationDiscountSetEvent.liquidation_discount_bps offset differs from the IDL");

typedef struct __attribute__((packed)) AssetLiquidationDiscountSetEventRecord {
    u64 discriminator;
    AssetLiquidationDiscountSetEvent event;
} AssetLiquidationDiscountSetEventRecord;
#define ASSET_LIQUIDATION_DISCOUNT_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_ASSET_LIQUIDATION_DISCOUNT_SET }

/* event OrdersForceCancelled (borsh) */
typedef struct __attribute__((packed)) OrdersForceCancelledEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey market; /* offset 32 */
    u64 cancelled; /* offset 64 */
    i64 maint_health; /* offset 72 */
    u64 maint_requirement; /* offset 80 */
    u8 being_liquidated; /* offset 88 */
} OrdersForceCancelledEvent;
_Static_assert(sizeof(OrdersForceCancelledEvent) == 89, "OrdersForceCancelledEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(OrdersForceCancelledEvent, margin_account) == 0, "OrdersForceCancelledEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrdersForceCancelledEvent, market) == 32, "OrdersForceCancelledEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrdersForceCancelledEvent, cancelled) == 64, "OrdersForceCancelledEvent.cancelled offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrdersForceCancelledEvent, maint_health) == 72, "OrdersForceCancelledEvent.maint_health offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrdersForceCancelledEvent, maint_requirement) == 80, "OrdersForceCancelledEvent.maint_requirement offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrdersForceCancelledEvent, being_liquidated) == 88, "OrdersForceCancelledEvent.being_liquidated offset differs from the IDL");

typedef struct __attribute__((packed)) OrdersForceCancelledEventRecord {
    u64 discriminator;
    OrdersForceCancelledEvent event;
} OrdersForceCancelledEventRecord;
#define ORDERS_FORCE_CANCELLED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_ORDERS_FORCE_CANCELLED }

/* event PerpLiquidated (borsh) */
typedef struct __attribute__((packed)) PerpLiquidatedEvent {
    SolPubkey liqee; /* offset 0 */
    SolPubkey liquidator; /* offset 32 */
    SolPubkey market; /* offset 64 */
    i64 base_lots; /* offset 96 */
    u64 price; /* offset 104 */
    u64 liquidation_fee; /* offset 112 */
    u64 insurance_fee; /* offset 120 */
    i64 maint_health_before; /* offset 128 */
    i64 maint_health_after; /* offset 136 */
    u64 maint_requirement_after; /* offset 144 */
    u64 weighted_collateral_after; /* offset 152 */
    i64 liquidator_init_health_after; /* offset 160 */
    u8 being_liquidated; /* offset 168 */
} PerpLiquidatedEvent;
_Static_assert(sizeof(PerpLiquidatedEvent) == 169, "PerpLiquidatedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, liqee) == 0, "PerpLiquidatedEvent.liqee offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, liquidator) == 32, "PerpLiquidatedEvent.liquidator offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, market) == 64, "PerpLiquidatedEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, base_lots) == 96, "PerpLiquidatedEvent.base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, price) == 104, "PerpLiquidatedEvent.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, liquidation_fee) == 112, "PerpLiquidatedEvent.liquidation_fee offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, insurance_fee) == 120, "PerpLiquidatedEvent.insurance_fee offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, maint_health_before) == 128, "PerpLiquidatedEvent.maint_health_before offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, maint_health_after) == 136, "PerpLiquidatedEvent.maint_health_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, maint_requirement_after) == 144, "PerpLiquidatedEvent.maint_requirement_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, weighted_collateral_after) == 152, "PerpLiquidatedEvent.weighted_collateral_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, liquidator_init_health_after) == 160, "PerpLiquidatedEvent.liquidator_init_health_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(PerpLiquidatedEvent, being_liquidated) == 168, "PerpLiquidatedEvent.being_liquidated offset differs from the IDL");

typedef struct __attribute__((packed)) PerpLiquidatedEventRecord {
    u64 discriminator;
    PerpLiquidatedEvent event;
} PerpLiquidatedEventRecord;
#define PERP_LIQUIDATED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_PERP_LIQUIDATED }

/* event CollateralLiquidated (borsh) */
typedef struct __attribute__((packed)) CollateralLiquidatedEvent {
    SolPubkey liqee; /* offset 0 */
    SolPubkey liquidator; /* offset 32 */
    SolPubkey asset; /* offset 64 */
    u64 amount; /* offset 96 */
    u64 quote_paid; /* offset 104 */
    u64 discount; /* offset 112 */
    u64 insurance_fee; /* offset 120 */
    i64 maint_health_before; /* offset 128 */
    i64 maint_health_after; /* offset 136 */
    u64 maint_requirement_after; /* offset 144 */
    u64 weighted_collateral_after; /* offset 152 */
    i64 liquidator_init_health_after; /* offset 160 */
    u8 being_liquidated; /* offset 168 */
} CollateralLiquidatedEvent;
_Static_assert(sizeof(CollateralLiquidatedEvent) == 169, "CollateralLiquidatedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, liqee) == 0, "CollateralLiquidatedEvent.liqee offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, liquidator) == 32, "CollateralLiquidatedEvent.liquidator offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, asset) == 64, "CollateralLiquidatedEvent.asset offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, amount) == 96, "CollateralLiquidatedEvent.amount offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, quote_paid) == 104, "CollateralLiquidatedEvent.quote_paid offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, discount) == 112, "CollateralLiquidatedEvent.discount offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, insurance_fee) == 120, "CollateralLiquidatedEvent.insurance_fee offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, maint_health_before) == 128, "CollateralLiquidatedEvent.maint_health_before offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, maint_health_after) == 136, "CollateralLiquidatedEvent.maint_health_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, maint_requirement_after) == 144, "CollateralLiquidatedEvent.maint_requirement_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, weighted_collateral_after) == 152, "CollateralLiquidatedEvent.weighted_collateral_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, liquidator_init_health_after) == 160, "CollateralLiquidatedEvent.liquidator_init_health_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralLiquidatedEvent, being_liquidated) == 168, "CollateralLiquidatedEvent.being_liquidated offset differs from the IDL");

typedef struct __attribute__((packed)) CollateralLiquidatedEventRecord {
    u64 discriminator;
    CollateralLiquidatedEvent event;
} CollateralLiquidatedEventRecord;
#define COLLATERAL_LIQUIDATED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_COLLATERAL_LIQUIDATED }

/* event BankruptcyResolved (borsh) */
typedef struct __attribute__((packed)) BankruptcyResolvedEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey market; /* offset 32 */
    u64 loss; /* offset 64 */
    u64 insurance_covered; /* offset 72 */
    u64 socialized; /* offset 80 */
    u64 insurance_remaining; /* offset 88 */
    i64 pnl_pool_after; /* offset 96 */
    u64 socialized_loss_per_lot; /* offset 104 */
} BankruptcyResolvedEvent;
_Static_assert(sizeof(BankruptcyResolvedEvent) == 112, "BankruptcyResolvedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(BankruptcyResolvedEvent, margin_account) == 0, "BankruptcyResolvedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(BankruptcyResolvedEvent, market) == 32, "BankruptcyResolvedEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(BankruptcyResolvedEvent, loss) == 64, "BankruptcyResolvedEvent.loss offset differs from the IDL");
_Static_assert(__builtin_offsetof(BankruptcyResolvedEvent, insurance_covered) == 72, "BankruptcyResolvedEvent.insurance_covered offset differs from the IDL");
_Static_assert(__builtin_offsetof(BankruptcyResolvedEvent, socialized) == 80, "BankruptcyResolvedEvent.socialized offset differs from the IDL");
_Static_assert(__builtin_offsetof(BankruptcyResolvedEvent, insurance_remaining) == 88, "BankruptcyResolvedEvent.insurance_remaining offset differs from the IDL");
_Static_assert(__builtin_offsetof(BankruptcyResolvedEvent, pnl_pool_after) == 96, "BankruptcyResolvedEvent.pnl_pool_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(BankruptcyResolvedEvent, socialized_loss_per_lot) == 104, "BankruptcyResolvedEvent.socialized_loss_per_lot offset differs from the IDL");

typedef struct __attribute__((packed)) BankruptcyResolvedEventRecord {
    u64 discriminator;
    BankruptcyResolvedEvent event;
} BankruptcyResolvedEventRecord;
#define BANKRUPTCY_RESOLVED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_BANKRUPTCY_RESOLVED }

/* event FeesSweptToInsurance (borsh) */
typedef struct __attribute__((packed)) FeesSweptToInsuranceEvent {
    SolPubkey market; /* offset 0 */
    u64 fees; /* offset 32 */
    u64 insurance_share; /* offset 40 */
    u64 insurance_vault_after; /* offset 48 */
    u64 borrow_interest; /* offset 56 */
    u64 rebates_owed; /* offset 64 */
} FeesSweptToInsuranceEvent;
_Static_assert(sizeof(FeesSweptToInsuranceEvent) == 72, "FeesSweptToInsuranceEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(FeesSweptToInsuranceEvent, market) == 0, "FeesSweptToInsuranceEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(FeesSweptToInsuranceEvent, fees) == 32, "FeesSweptToInsuranceEvent.fees offset differs from the IDL");
_Static_assert(__builtin_offsetof(FeesSweptToInsuranceEvent, insurance_share) == 40, "FeesSweptToInsuranceEvent.insurance_share offset differs from the IDL");
_Static_assert(__builtin_offsetof(FeesSweptToInsuranceEvent, insurance_vault_after) == 48, "FeesSweptToInsuranceEvent.insurance_vault_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(FeesSweptToInsuranceEvent, borrow_interest) == 56, "FeesSweptToInsuranceEvent.borrow_interest offset differs from the IDL");
_Static_assert(__builtin_offsetof(FeesSweptToInsuranceEvent, rebates_owed) == 64, "FeesSweptToInsuranceEvent.rebates_owed offset differs from the IDL");

typedef struct __attribute__((packed)) FeesSweptToInsuranceEventRecord {
    u64 discriminator;
    FeesSweptToInsuranceEvent event;
} FeesSweptToInsuranceEventRecord;
#define FEES_SWEPT_TO_INSURANCE_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_FEES_SWEPT_TO_INSURANCE }

/* event TriggerOrderCreated (borsh) */
typedef struct __attribute__((packed)) TriggerOrderCreatedEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey trigger_order; /* offset 32 */
    SolPubkey linked_trigger; /* offset 64 */
    u64 id; /* offset 96 */
    u8 kind; /* offset 104 */
    u8 side; /* offset 105 */
    u8 condition; /* offset 106 */
    u8 trailing_mode; /* offset 107 */
    u64 trigger_price; /* offset 108 */
    u64 max_base_lots; /* offset 116 */
} TriggerOrderCreatedEvent;
_Static_assert(sizeof(TriggerOrderCreatedEvent) == 124, "TriggerOrderCreatedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCreatedEvent, margin_account) == 0, "TriggerOrderCreatedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCreatedEvent, trigger_order) == 32, "TriggerOrderCreatedEvent.trigger_order offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCreatedEvent, linked_trigger) == 64, "TriggerOrderCreatedEvent.linked_trigger offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCreatedEvent, id) == 96, "TriggerOrderCreatedEvent.id offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCreatedEvent, kind) == 104, "TriggerOrderCreatedEvent.kind offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCreatedEvent, side) == 105, "TriggerOrderCreatedEvent.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCreatedEvent, condition) == 106, "TriggerOrderCreatedEvent.condition offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCreatedEvent, trailing_mode) == 107, "TriggerOrderCreatedEvent.trailing_mode offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCreatedEvent, trigger_price) == 108, "TriggerOrderCreatedEvent.trigger_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCreatedEvent, max_base_lots) == 116, "TriggerOrderCreatedEvent.max_base_lots offset differs from the IDL");

typedef struct __attribute__((packed)) TriggerOrderCreatedEventRecord {
    u64 discriminator;
    TriggerOrderCreatedEvent event;
} TriggerOrderCreatedEventRecord;
#define TRIGGER_ORDER_CREATED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_TRIGGER_ORDER_CREATED }

/* event TriggerOrderCancelled (borsh) */
typedef struct __attribute__((packed)) TriggerOrderCancelledEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey trigger_order; /* offset 32 */
    u64 id; /* offset 64 */
} TriggerOrderCancelledEvent;
_Static_assert(sizeof(TriggerOrderCancelledEvent) == 72, "TriggerOrderCancelledEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCancelledEvent, margin_account) == 0, "TriggerOrderCancelledEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCancelledEvent, trigger_order) == 32, "TriggerOrderCancelledEvent.trigger_order offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderCancelledEvent, id) == 64, "TriggerOrderCancelledEvent.id offset differs from the IDL");

typedef struct __attribute__((packed)) TriggerOrderCancelledEventRecord {
    u64 discriminator;
    TriggerOrderCancelledEvent event;
} TriggerOrderCancelledEventRecord;
#define TRIGGER_ORDER_CANCELLED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_TRIGGER_ORDER_CANCELLED }

/* event TriggerOrderTriggered (borsh) */
typedef struct __attribute__((packed)) TriggerOrderTriggeredEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey trigger_order; /* offset 32 */
    SolPubkey keeper; /* offset 64 */
    u64 id; /* offset 96 */
    u64 oracle_price; /* offset 104 */
    u64 trigger_price; /* offset 112 */
    u64 order_id; /* offset 120 */
    u64 filled_base_lots; /* offset 128 */
    u64 keeper_reward; /* offset 136 */
    SolPubkey cancelled_linked; /* offset 144 */
} TriggerOrderTriggeredEvent;
_Static_assert(sizeof(TriggerOrderTriggeredEvent) == 176, "TriggerOrderTriggeredEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderTriggeredEvent, margin_account) == 0, "TriggerOrderTriggeredEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderTriggeredEvent, trigger_order) == 32, "TriggerOrderTriggeredEvent.trigger_order offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderTriggeredEvent, keeper) == 64, "TriggerOrderTriggeredEvent.keeper offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderTriggeredEvent, id) == 96, "TriggerOrderTriggeredEvent.id offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderTriggeredEvent, oracle_price) == 104, "TriggerOrderTriggeredEvent.oracle_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderTriggeredEvent, trigger_price) == 112, "TriggerOrderTriggeredEvent.trigger_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderTriggeredEvent, order_id) == 120, "TriggerOrderTriggeredEvent.order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderTriggeredEvent, filled_base_lots) == 128, "TriggerOrderTriggeredEvent.filled_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderTriggeredEvent, keeper_reward) == 136, "TriggerOrderTriggeredEvent.keeper_reward offset differs from the IDL");
_Static_assert(__builtin_offsetof(TriggerOrderTriggeredEvent, cancelled_linked) == 144, "TriggerOrderTriggeredEvent.cancelled_linked offset differs from the IDL");

typedef struct __attribute__((packed)) TriggerOrderTriggeredEventRecord {
    u64 discriminator;
    TriggerOrderTriggeredEvent event;
} TriggerOrderTriggeredEventRecord;
#define TRIGGER_ORDER_TRIGGERED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_TRIGGER_ORDER_TRIGGERED }

/* event TrailingStopUpdated (borsh) */
typedef struct __attribute__((packed)) TrailingStopUpdatedEvent {
    SolPubkey trigger_order; /* offset 0 */
    u64 reference_price; /* offset 32 */
    u64 trigger_price; /* offset 40 */
} TrailingStopUpdatedEvent;
_Static_assert(sizeof(TrailingStopUpdatedEvent) == 48, "TrailingStopUpdatedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(TrailingStopUpdatedEvent, trigger_order) == 0, "TrailingStopUpdatedEvent.trigger_order offset differs from the IDL");
_Static_assert(__builtin_offsetof(TrailingStopUpdatedEvent, reference_price) == 32, "TrailingStopUpdatedEvent.reference_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(TrailingStopUpdatedEvent, trigger_price) == 40, "TrailingStopUpdatedEvent.trigger_price offset differs from the IDL");

typedef struct __attribute__((packed)) TrailingStopUpdatedEventRecord {
    u64 discriminator;
    TrailingStopUpdatedEvent event;
} TrailingStopUpdatedEventRecord;
#define TRAILING_STOP_UPDATED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_TRAILING_STOP_UPDATED }

/* event TwapOrderCreated (borsh) */
typedef struct __attribute__((packed)) TwapOrderCreatedEvent {
    SolPubkey twap_order; /* offset 0 */
    SolPubkey margin_account; /* offset 32 */
    SolPubkey market; /* offset 64 */
    u64 twap_id; /* offset 96 */
    u8 side; /* offset 104 */
    u64 total_base_lots; /* offset 105 */
    u32 slice_count; /* offset 113 */
    i64 start_time; /* offset 117 */
    u64 interval_seconds; /* offset 125 */
    u64 escrow_lamports; /* offset 133 */
} TwapOrderCreatedEvent;
_Static_assert(sizeof(TwapOrderCreatedEvent) == 141, "TwapOrderCreatedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCreatedEvent, twap_order) == 0, "TwapOrderCreatedEvent.twap_order offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCreatedEvent, margin_account) == 32, "TwapOrderCreatedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCreatedEvent, market) == 64, "TwapOrderCreatedEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCreatedEvent, twap_id) == 96, "TwapOrderCreatedEvent.twap_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCreatedEvent, side) == 104, "TwapOrderCreatedEvent.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCreatedEvent, total_base_lots) == 105, "TwapOrderCreatedEvent.total_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCreatedEvent, slice_count) == 113, "TwapOrderCreatedEvent.slice_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCreatedEvent, start_time) == 117, "TwapOrderCreatedEvent.start_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCreatedEvent, interval_seconds) == 125, "TwapOrderCreatedEvent.interval_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCreatedEvent, escrow_lamports) == 133, "TwapOrderCreatedEvent.escrow_lamports offset differs from the IDL");

typedef struct __attribute__((packed)) TwapOrderCreatedEventRecord {
    u64 discriminator;
    TwapOrderCreatedEvent event;
} TwapOrderCreatedEventRecord;
#define TWAP_ORDER_CREATED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_TWAP_ORDER_CREATED }

/* event TwapSliceExecuted (borsh) */
typedef struct __attribute__((packed)) TwapSliceExecutedEvent {
    SolPubkey twap_order; /* offset 0 */
    SolPubkey keeper; /* offset 32 */
    u32 slice_index; /* offset 64 */
    u32 skipped_slices; /* offset 68 */
    i64 due_time; /* offset 72 */
    i64 executed_time; /* offset 80 */
    u64 requested_base_lots; /* offset 88 */
    u64 filled_base_lots; /* offset 96 */
    u64 filled_quote; /* offset 104 */
    u64 worst_price; /* offset 112 */
    u64 keeper_reward; /* offset 120 */
    u8 finished; /* offset 128 */
} TwapSliceExecutedEvent;
_Static_assert(sizeof(TwapSliceExecutedEvent) == 129, "TwapSliceExecutedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(TwapSliceExecutedEvent, twap_order) == 0, "TwapSliceExecutedEvent.twap_order offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapSliceExecutedEvent, keeper) == 32, "TwapSliceExecutedEvent.keeper offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapSliceExecutedEvent, slice_index) == 64, "TwapSliceExecutedEvent.slice_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapSliceExecutedEvent, skipped_slices) == 68, "TwapSliceExecutedEvent.skipped_slices offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapSliceExecutedEvent, due_time) == 72, "TwapSliceExecutedEvent.due_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapSliceExecutedEvent, executed_time) == 80, "TwapSliceExecutedEvent.executed_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapSliceExecutedEvent, requested_base_lots) == 88, "TwapSliceExecutedEvent.requested_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapSliceExecutedEvent, filled_base_lots) == 96, "TwapSliceExecutedEvent.filled_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapSliceExecutedEvent, filled_quote) == 104, "TwapSliceExecutedEvent.filled_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapSliceExecutedEvent, worst_price) == 112, "TwapSliceExecutedEvent.worst_price offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapSliceExecutedEvent, keeper_reward) == 120, "TwapSliceExecutedEvent.keeper_reward offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapSliceExecutedEvent, finished) == 128, "TwapSliceExecutedEvent.finished offset differs from the IDL");

typedef struct __attribute__((packed)) TwapSliceExecutedEventRecord {
    u64 discriminator;
    TwapSliceExecutedEvent event;
} TwapSliceExecutedEventRecord;
#define TWAP_SLICE_EXECUTED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_TWAP_SLICE_EXECUTED }

/* event TwapOrderPaused (borsh) */
typedef struct __attribute__((packed)) TwapOrderPausedEvent {
    SolPubkey twap_order; /* offset 0 */
    u8 paused; /* offset 32 */
} TwapOrderPausedEvent;
_Static_assert(sizeof(TwapOrderPausedEvent) == 33, "TwapOrderPausedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderPausedEvent, twap_order) == 0, "TwapOrderPausedEvent.twap_order offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderPausedEvent, paused) == 32, "TwapOrderPausedEvent.paused offset differs from the IDL");

typedef struct __attribute__((packed)) TwapOrderPausedEventRecord {
    u64 discriminator;
    TwapOrderPausedEvent event;
} TwapOrderPausedEventRecord;
#define TWAP_ORDER_PAUSED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_TWAP_ORDER_PAUSED }

/* event TwapOrderCancelled (borsh) */
typedef struct __attribute__((packed)) TwapOrderCancelledEvent {
    SolPubkey twap_order; /* offset 0 */
    u32 executed_slices; /* offset 32 */
    u64 filled_base_lots; /* offset 36 */
    u64 refunded_lamports; /* offset 44 */
} TwapOrderCancelledEvent;
_Static_assert(sizeof(TwapOrderCancelledEvent) == 52, "TwapOrderCancelledEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCancelledEvent, twap_order) == 0, "TwapOrderCancelledEvent.twap_order offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCancelledEvent, executed_slices) == 32, "TwapOrderCancelledEvent.executed_slices offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCancelledEvent, filled_base_lots) == 36, "TwapOrderCancelledEvent.filled_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(TwapOrderCancelledEvent, refunded_lamports) == 44, "TwapOrderCancelledEvent.refunded_lamports offset differs from the IDL");

typedef struct __attribute__((packed)) TwapOrderCancelledEventRecord {
    u64 discriminator;
    TwapOrderCancelledEvent event;
} TwapOrderCancelledEventRecord;
#define TWAP_ORDER_CANCELLED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_TWAP_ORDER_CANCELLED }

/* event ScheduledOrderCreated (borsh) */
typedef struct __attribute__((packed)) ScheduledOrderCreatedEvent {
    SolPubkey scheduled_order; /* offset 0 */
    SolPubkey margin_account; /* offset 32 */
    SolPubkey market; /* offset 64 */
    u64 schedule_id; /* offset 96 */
    u8 kind; /* offset 104 */
    i64 next_run_time; /* offset 105 */
    u32 max_runs; /* offset 113 */
    u64 escrow_lamports; /* offset 117 */
} ScheduledOrderCreatedEvent;
_Static_assert(sizeof(ScheduledOrderCreatedEvent) == 125, "ScheduledOrderCreatedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderCreatedEvent, scheduled_order) == 0, "ScheduledOrderCreatedEvent.scheduled_order offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderCreatedEvent, margin_account) == 32, "ScheduledOrderCreatedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderCreatedEvent, market) == 64, "ScheduledOrderCreatedEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderCreatedEvent, schedule_id) == 96, "ScheduledOrderCreatedEvent.schedule_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderCreatedEvent, kind) == 104, "ScheduledOrderCreatedEvent.kind offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderCreatedEvent, next_run_time) == 105, "ScheduledOrderCreatedEvent.next_run_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderCreatedEvent, max_runs) == 113, "ScheduledOrderCreatedEvent.max_runs offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderCreatedEvent, escrow_lamports) == 117, "ScheduledOrderCreatedEvent.escrow_lamports offset differs from the IDL");

typedef struct __attribute__((packed)) ScheduledOrderCreatedEventRecord {
    u64 discriminator;
    ScheduledOrderCreatedEvent event;
} ScheduledOrderCreatedEventRecord;
#define SCHEDULED_ORDER_CREATED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_SCHEDULED_ORDER_CREATED }

/* event ScheduledOrderExecuted (borsh) */
typedef struct __attribute__((packed)) ScheduledOrderExecutedEvent {
    SolPubkey scheduled_order; /* offset 0 */
    SolPubkey keeper; /* offset 32 */
    u32 run_index; /* offset 64 */
    u8 outcome; /* offset 68 */
    i64 scheduled_time; /* offset 69 */
    i64 executed_time; /* offset 77 */
    i64 next_run_time; /* offset 85 */
    u64 filled_base_lots; /* offset 93 */
    u64 filled_quote; /* offset 101 */
    u64 keeper_reward; /* offset 109 */
    u8 finished; /* offset 117 */
} ScheduledOrderExecutedEvent;
_Static_assert(sizeof(ScheduledOrderExecutedEvent) == 118, "ScheduledOrderExecutedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderExecutedEvent, scheduled_order) == 0, "ScheduledOrderExecutedEvent.scheduled_order offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderExecutedEvent, keeper) == 32, "ScheduledOrderExecutedEvent.keeper offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderExecutedEvent, run_index) == 64, "ScheduledOrderExecutedEvent.run_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderExecutedEvent, outcome) == 68, "ScheduledOrderExecutedEvent.outcome offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderExecutedEvent, scheduled_time) == 69, "ScheduledOrderExecutedEvent.scheduled_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderExecutedEvent, executed_time) == 77, "ScheduledOrderExecutedEvent.executed_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderExecutedEvent, next_run_time) == 85, "ScheduledOrderExecutedEvent.next_run_time offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderExecutedEvent, filled_base_lots) == 93, "ScheduledOrderExecutedEvent.filled_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderExecutedEvent, filled_quote) == 101, "ScheduledOrderExecutedEvent.filled_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderExecutedEvent, keeper_reward) == 109, "ScheduledOrderExecutedEvent.keeper_reward offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderExecutedEvent, finished) == 117, "ScheduledOrderExecutedEvent.finished offset differs from the IDL");

typedef struct __attribute__((packed)) ScheduledOrderExecutedEventRecord {
    u64 discriminator;
    ScheduledOrderExecutedEvent event;
} ScheduledOrderExecutedEventRecord;
#define SCHEDULED_ORDER_EXECUTED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_SCHEDULED_ORDER_EXECUTED }

/* event ScheduledOrderCancelled (borsh) */
typedef struct __attribute__((packed)) ScheduledOrderCancelledEvent {
    SolPubkey scheduled_order; /* offset 0 */
    u32 run_count; /* offset 32 */
    u64 refunded_lamports; /* offset 36 */
} ScheduledOrderCancelledEvent;
_Static_assert(sizeof(ScheduledOrderCancelledEvent) == 44, "ScheduledOrderCancelledEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderCancelledEvent, scheduled_order) == 0, "ScheduledOrderCancelledEvent.scheduled_order offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderCancelledEvent, run_count) == 32, "ScheduledOrderCancelledEvent.run_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(ScheduledOrderCancelledEvent, refunded_lamports) == 36, "ScheduledOrderCancelledEvent.refunded_lamports offset differs from the IDL");

typedef struct __attribute__((packed)) ScheduledOrderCancelledEventRecord {
    u64 discriminator;
    ScheduledOrderCancelledEvent event;
} ScheduledOrderCancelledEventRecord;
#define SCHEDULED_ORDER_CANCELLED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_SCHEDULED_ORDER_CANCELLED }

/* event AssetRiskParamsSet (borsh) */
typedef struct __attribute__((packed)) AssetRiskParamsSetEvent {
    SolPubkey asset; /* offset 0 */
    u64 init_weight_scale_threshold; /* offset 32 */
    u16 concentration_limit_bps; /* offset 40 */
} AssetRiskParamsSetEvent;
_Static_assert(sizeof(AssetRiskParamsSetEvent) == 42, "AssetRiskParamsSetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(AssetRiskParamsSetEvent, asset) == 0, "AssetRiskParamsSetEvent.asset offset differs from the IDL");
_Static_assert(__builtin_offsetof(AssetRiskParamsSetEvent, init_weight_scale_threshold) == 32, "AssetRiskParamsSetEvent.init_weight_scale_threshold offset differs from the IDL");
_Static_assert(__builtin_offsetof(AssetRiskParamsSetEvent, concentration_limit_bps) == 40, "AssetRiskParamsSetEvent.concentration_limit_bps offset differs from the IDL");

typedef struct __attribute__((packed)) AssetRiskParamsSetEventRecord {
    u64 discriminator;
    AssetRiskParamsSetEvent event;
} AssetRiskParamsSetEventRecord;
#define ASSET_RISK_PARAMS_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_ASSET_RISK_PARAMS_SET }

/* event BorrowInterestAccrued (borsh) */
typedef struct __attribute__((packed)) BorrowInterestAccruedEvent {
    SolPubkey margin_account; /* offset 0 */
    u64 interest; /* offset 32 */
    u64 borrow_after; /* offset 40 */
    u64 borrow_index; /* offset 48 */
    u64 total_borrows; /* offset 56 */
    u64 total_deposits; /* offset 64 */
    u16 utilization_bps; /* offset 72 */
    u16 borrow_rate_bps; /* offset 74 */
    i64 timestamp; /* offset 76 */
} BorrowInterestAccruedEvent;
_Static_assert(sizeof(BorrowInterestAccruedEvent) == 84, "BorrowInterestAccruedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowInterestAccruedEvent, margin_account) == 0, "BorrowInterestAccruedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowInterestAccruedEvent, interest) == 32, "BorrowInterestAccruedEvent.interest offset differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowInterestAccruedEvent, borrow_after) == 40, "BorrowInterestAccruedEvent.borrow_after offset differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowInterestAccruedEvent, borrow_index) == 48, "BorrowInterestAccruedEvent.borrow_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowInterestAccruedEvent, total_borrows) == 56, "BorrowInterestAccruedEvent.total_borrows offset differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowInterestAccruedEvent, total_deposits) == 64, "BorrowInterestAccruedEvent.total_deposits offset differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowInterestAccruedEvent, utilization_bps) == 72, "BorrowInterestAccruedEvent.utilization_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowInterestAccruedEvent, borrow_rate_bps) == 74, "BorrowInterestAccruedEvent.borrow_rate_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowInterestAccruedEvent, timestamp) == 76, "BorrowInterestAccruedEvent.timestamp offset differs from the IDL");

typedef struct __attribute__((packed)) BorrowInterestAccruedEventRecord {
    u64 discriminator;
    BorrowInterestAccruedEvent event;
} BorrowInterestAccruedEventRecord;
#define BORROW_INTEREST_ACCRUED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_BORROW_INTEREST_ACCRUED }

/* event BorrowRateParamsSet (borsh) */
typedef struct __attribute__((packed)) BorrowRateParamsSetEvent {
    u16 base_rate_bps; /* offset 0 */
    u16 optimal_rate_bps; /* offset 2 */
    u16 max_rate_bps; /* offset 4 */
    u16 optimal_utilization_bps; /* offset 6 */
    u64 borrow_index; /* offset 8 */
} BorrowRateParamsSetEvent;
_Static_assert(sizeof(BorrowRateParamsSetEvent) == 16, "BorrowRateParamsSetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowRateParamsSetEvent, base_rate_bps) == 0, "BorrowRateParamsSetEvent.base_rate_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowRateParamsSetEvent, optimal_rate_bps) == 2, "BorrowRateParamsSetEvent.optimal_rate_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowRateParamsSetEvent, max_rate_bps) == 4, "BorrowRateParamsSetEvent.max_rate_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowRateParamsSetEvent, optimal_utilization_bps) == 6, "BorrowRateParamsSetEvent.optimal_utilization_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(BorrowRateParamsSetEvent, borrow_index) == 8, "BorrowRateParamsSetEvent.borrow_index offset differs from the IDL");

typedef struct __attribute__((packed)) BorrowRateParamsSetEventRecord {
    u64 discriminator;
    BorrowRateParamsSetEvent event;
} BorrowRateParamsSetEventRecord;
#define BORROW_RATE_PARAMS_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_BORROW_RATE_PARAMS_SET }

/* event AuctionLapsed (borsh) */
typedef struct __attribute__((packed)) AuctionLapsedEvent {
    SolPubkey auction; /* offset 0 */
    SolPubkey market; /* offset 32 */
    SolPubkey taker; /* offset 64 */
    u64 size_lots; /* offset 96 */
    u8 voided_bids; /* offset 104 */
    u8 reason; /* offset 105 */
    SolPubkey expirer; /* offset 106 */
    u64 reward_lamports; /* offset 138 */
} AuctionLapsedEvent;
_Static_assert(sizeof(AuctionLapsedEvent) == 146, "AuctionLapsedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionLapsedEvent, auction) == 0, "AuctionLapsedEvent.auction offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionLapsedEvent, market) == 32, "AuctionLapsedEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionLapsedEvent, taker) == 64, "AuctionLapsedEvent.taker offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionLapsedEvent, size_lots) == 96, "AuctionLapsedEvent.size_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionLapsedEvent, voided_bids) == 104, "AuctionLapsedEvent.voided_bids offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionLapsedEvent, reason) == 105, "AuctionLapsedEvent.reason offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionLapsedEvent, expirer) == 106, "AuctionLapsedEvent.expirer offset differs from the IDL");
_Static_assert(__builtin_offsetof(AuctionLapsedEvent, reward_lamports) == 138, "AuctionLapsedEvent.reward_lamports offset differs from the IDL");

typedef struct __attribute__((packed)) AuctionLapsedEventRecord {
    u64 discriminator;
    AuctionLapsedEvent event;
} AuctionLapsedEventRecord;
#define AUCTION_LAPSED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_AUCTION_LAPSED }

/* event FundingUpdated (borsh) */
typedef struct __attribute__((packed)) FundingUpdatedEvent {
    SolPubkey market; /* offset 0 */
    i64 funding_index; /* offset 32 */
    i64 delta; /* offset 40 */
    i64 funding_rate; /* offset 48 */
    u64 mark_twap; /* offset 56 */
    u64 oracle_twap; /* offset 64 */
    i64 elapsed_seconds; /* offset 72 */
    u8 clamped; /* offset 80 */
    u8 paused; /* offset 81 */
    u64 reward; /* offset 82 */
    i64 timestamp; /* offset 90 */
} FundingUpdatedEvent;
_Static_assert(sizeof(FundingUpdatedEvent) == 98, "FundingUpdatedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(FundingUpdatedEvent, market) == 0, "FundingUpdatedEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingUpdatedEvent, funding_index) == 32, "FundingUpdatedEvent.funding_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingUpdatedEvent, delta) == 40, "FundingUpdatedEvent.delta offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingUpdatedEvent, funding_rate) == 48, "FundingUpdatedEvent.funding_rate offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingUpdatedEvent, mark_twap) == 56, "FundingUpdatedEvent.mark_twap offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingUpdatedEvent, oracle_twap) == 64, "FundingUpdatedEvent.oracle_twap offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingUpdatedEvent, elapsed_seconds) == 72, "FundingUpdatedEvent.elapsed_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingUpdatedEvent, clamped) == 80, "FundingUpdatedEvent.clamped offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingUpdatedEvent, paused) == 81, "FundingUpdatedEvent.paused offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingUpdatedEvent, reward) == 82, "FundingUpdatedEvent.reward offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingUpdatedEvent, timestamp) == 90, "FundingUpdatedEvent.timestamp offset differs from the IDL");

typedef struct __attribute__((packed)) FundingUpdatedEventRecord {
    u64 discriminator;
    FundingUpdatedEvent event;
} FundingUpdatedEventRecord;
#define FUNDING_UPDATED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_FUNDING_UPDATED }

/* event FundingPaid (borsh) */
typedef struct __attribute__((packed)) FundingPaidEvent {
    SolPubkey margin_account; /* offset 0 */
    u16 market_index; /* offset 32 */
    i64 amount; /* offset 34 */
    i64 base_lots; /* offset 42 */
    i64 funding_index; /* offset 50 */
} FundingPaidEvent;
_Static_assert(sizeof(FundingPaidEvent) == 58, "FundingPaidEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(FundingPaidEvent, margin_account) == 0, "FundingPaidEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingPaidEvent, market_index) == 32, "FundingPaidEvent.market_index offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingPaidEvent, amount) == 34, "FundingPaidEvent.amount offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingPaidEvent, base_lots) == 42, "FundingPaidEvent.base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingPaidEvent, funding_index) == 50, "FundingPaidEvent.funding_index offset differs from the IDL");

typedef struct __attribute__((packed)) FundingPaidEventRecord {
    u64 discriminator;
    FundingPaidEvent event;
} FundingPaidEventRecord;
#define FUNDING_PAID_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_FUNDING_PAID }

/* event FundingParamsSet (borsh) */
typedef struct __attribute__((packed)) FundingParamsSetEvent {
    SolPubkey market; /* offset 0 */
    u32 period_seconds; /* offset 32 */
    u16 max_rate_bps; /* offset 36 */
    u16 mark_band_bps; /* offset 38 */
    u8 paused; /* offset 40 */
    u64 crank_reward; /* offset 41 */
} FundingParamsSetEvent;
_Static_assert(sizeof(FundingParamsSetEvent) == 49, "FundingParamsSetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(FundingParamsSetEvent, market) == 0, "FundingParamsSetEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingParamsSetEvent, period_seconds) == 32, "FundingParamsSetEvent.period_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingParamsSetEvent, max_rate_bps) == 36, "FundingParamsSetEvent.max_rate_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingParamsSetEvent, mark_band_bps) == 38, "FundingParamsSetEvent.mark_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingParamsSetEvent, paused) == 40, "FundingParamsSetEvent.paused offset differs from the IDL");
_Static_assert(__builtin_offsetof(FundingParamsSetEvent, crank_reward) == 41, "FundingParamsSetEvent.crank_reward offset differs from the IDL");

typedef struct __attribute__((packed)) FundingParamsSetEventRecord {
    u64 discriminator;
    FundingParamsSetEvent event;
} FundingParamsSetEventRecord;
#define FUNDING_PARAMS_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_FUNDING_PARAMS_SET }

/* event MarketOrderRulesSet (borsh) */
typedef struct __attribute__((packed)) MarketOrderRulesSetEvent {
    SolPubkey market; /* offset 0 */
    u16 fill_band_bps; /* offset 32 */
    u16 rest_band_bps; /* offset 34 */
    u64 min_rest_lots; /* offset 36 */
} MarketOrderRulesSetEvent;
_Static_assert(sizeof(MarketOrderRulesSetEvent) == 44, "MarketOrderRulesSetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(MarketOrderRulesSetEvent, market) == 0, "MarketOrderRulesSetEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarketOrderRulesSetEvent, fill_band_bps) == 32, "MarketOrderRulesSetEvent.fill_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarketOrderRulesSetEvent, rest_band_bps) == 34, "MarketOrderRulesSetEvent.rest_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(MarketOrderRulesSetEvent, min_rest_lots) == 36, "MarketOrderRulesSetEvent.min_rest_lots offset differs from the IDL");

typedef struct __attribute__((packed)) MarketOrderRulesSetEventRecord {
    u64 discriminator;
    MarketOrderRulesSetEvent event;
} MarketOrderRulesSetEventRecord;
#define MARKET_ORDER_RULES_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_MARKET_ORDER_RULES_SET }

/* event OrderEvicted (borsh) */
typedef struct __attribute__((packed)) OrderEvictedEvent {
    SolPubkey market; /* offset 0 */
    SolPubkey owner; /* offset 32 */
    u64 order_id; /* offset 64 */
    u8 side; /* offset 72 */
    u64 price; /* offset 73 */
    u64 base_lots; /* offset 81 */
    u64 by_order_id; /* offset 89 */
} OrderEvictedEvent;
_Static_assert(sizeof(OrderEvictedEvent) == 97, "OrderEvictedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(OrderEvictedEvent, market) == 0, "OrderEvictedEvent.market offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderEvictedEvent, owner) == 32, "OrderEvictedEvent.owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderEvictedEvent, order_id) == 64, "OrderEvictedEvent.order_id offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderEvictedEvent, side) == 72, "OrderEvictedEvent.side offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderEvictedEvent, price) == 73, "OrderEvictedEvent.price offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderEvictedEvent, base_lots) == 81, "OrderEvictedEvent.base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(OrderEvictedEvent, by_order_id) == 89, "OrderEvictedEvent.by_order_id offset differs from the IDL");

typedef struct __attribute__((packed)) OrderEvictedEventRecord {
    u64 discriminator;
    OrderEvictedEvent event;
} OrderEvictedEventRecord;
#define ORDER_EVICTED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_ORDER_EVICTED }

/* event RiskParametersInitialized (borsh) */
typedef struct __attribute__((packed)) RiskParametersInitializedEvent {
    SolPubkey risk_parameters; /* offset 0 */
    SolPubkey publisher; /* offset 32 */
} RiskParametersInitializedEvent;
_Static_assert(sizeof(RiskParametersInitializedEvent) == 64, "RiskParametersInitializedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParametersInitializedEvent, risk_parameters) == 0, "RiskParametersInitializedEvent.risk_parameters offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParametersInitializedEvent, publisher) == 32, "RiskParametersInitializedEvent.publisher offset differs from the IDL");

typedef struct __attribute__((packed)) RiskParametersInitializedEventRecord {
    u64 discriminator;
    RiskParametersInitializedEvent event;
} RiskParametersInitializedEventRecord;
#define RISK_PARAMETERS_INITIALIZED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_RISK_PARAMETERS_INITIALIZED }

/* event RiskPublisherSet (borsh) */
typedef struct __attribute__((packed)) RiskPublisherSetEvent {
    SolPubkey publisher; /* offset 0 */
} RiskPublisherSetEvent;
_Static_assert(sizeof(RiskPublisherSetEvent) == 32, "RiskPublisherSetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskPublisherSetEvent, publisher) == 0, "RiskPublisherSetEvent.publisher offset differs from the IDL");

typedef struct __attribute__((packed)) RiskPublisherSetEventRecord {
    u64 discriminator;
    RiskPublisherSetEvent event;
} RiskPublisherSetEventRecord;
#define RISK_PUBLISHER_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_RISK_PUBLISHER_SET }

/* event RiskFactorsSet (borsh) */
typedef struct __attribute__((packed)) RiskFactorsSetEvent {
    u8 factor_count; /* offset 0 */
} RiskFactorsSetEvent;
_Static_assert(sizeof(RiskFactorsSetEvent) == 1, "RiskFactorsSetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskFactorsSetEvent, factor_count) == 0, "RiskFactorsSetEvent.factor_count offset differs from the IDL");

typedef struct __attribute__((packed)) RiskFactorsSetEventRecord {
    u64 discriminator;
    RiskFactorsSetEvent event;
} RiskFactorsSetEventRecord;
#define RISK_FACTORS_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_RISK_FACTORS_SET }

/* event RiskLimitCapsSet (borsh) */
typedef struct __attribute__((packed)) RiskLimitCapsSetEvent {
    u32 caps_max_leverage_bps; /* offset 0 */
    u32 caps_max_position_bps; /* offset 4 */
    u32 caps_max_concentration_bps; /* offset 8 */
    u32 caps_max_daily_loss_bps; /* offset 12 */
    u32 caps_max_drawdown_bps; /* offset 16 */
    u32 caps_max_var_bps; /* offset 20 */
    u32 caps_max_correlated_exposure_bps; /* offset 24 */
    u32 caps_max_liquidity_take_bps; /* offset 28 */
    u32 caps_liquidity_band_bps; /* offset 32 */
    u32 caps_loosen_cooldown_seconds; /* offset 36 */
    u32 defaults_max_leverage_bps; /* offset 40 */
    u32 defaults_max_position_bps; /* offset 44 */
    u32 defaults_max_concentration_bps; /* offset 48 */
    u32 defaults_max_daily_loss_bps; /* offset 52 */
    u32 defaults_max_drawdown_bps; /* offset 56 */
    u32 defaults_max_var_bps; /* offset 60 */
    u32 defaults_max_correlated_exposure_bps; /* offset 64 */
    u32 defaults_max_liquidity_take_bps; /* offset 68 */
    u32 defaults_liquidity_band_bps; /* offset 72 */
    u32 defaults_loosen_cooldown_seconds; /* offset 76 */
} RiskLimitCapsSetEvent;
_Static_assert(sizeof(RiskLimitCapsSetEvent) == 80, "RiskLimitCapsSetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, caps_max_leverage_bps) == 0, "RiskLimitCapsSetEvent.caps_max_leverage_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, caps_max_position_bps) == 4, "RiskLimitCapsSetEvent.caps_max_position_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, caps_max_concentration_bps) == 8, "RiskLimitCapsSetEvent.caps_max_concentration_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, caps_max_daily_loss_bps) == 12, "RiskLimitCapsSetEvent.caps_max_daily_loss_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, caps_max_drawdown_bps) == 16, "RiskLimitCapsSetEvent.caps_max_drawdown_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, caps_max_var_bps) == 20, "RiskLimitCapsSetEvent.caps_max_var_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, caps_max_correlated_exposure_bps) == 24, "RiskLimitCapsSetEvent.caps_max_correlated_exposure_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, caps_max_liquidity_take_bps) == 28, "RiskLimitCapsSetEvent.caps_max_liquidity_take_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, caps_liquidity_band_bps) == 32, "RiskLimitCapsSetEvent.caps_liquidity_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, caps_loosen_cooldown_seconds) == 36, "RiskLimitCapsSetEvent.caps_loosen_cooldown_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, defaults_max_leverage_bps) == 40, "RiskLimitCapsSetEvent.defaults_max_leverage_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, defaults_max_position_bps) == 44, "RiskLimitCapsSetEvent.defaults_max_position_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, defaults_max_concentration_bps) == 48, "RiskLimitCapsSetEvent.defaults_max_concentration_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, defaults_max_daily_loss_bps) == 52, "RiskLimitCapsSetEvent.defaults_max_daily_loss_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, defaults_max_drawdown_bps) == 56, "RiskLimitCapsSetEvent.defaults_max_drawdown_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, defaults_max_var_bps) == 60, "RiskLimitCapsSetEvent.defaults_max_var_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, defaults_max_correlated_exposure_bps) == 64, "RiskLimitCapsSetEvent.defaults_max_correlated_exposure_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, defaults_max_liquidity_take_bps) == 68, "RiskLimitCapsSetEvent.defaults_max_liquidity_take_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, defaults_liquidity_band_bps) == 72, "RiskLimitCapsSetEvent.defaults_liquidity_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitCapsSetEvent, defaults_loosen_cooldown_seconds) == 76, "RiskLimitCapsSetEvent.defaults_loosen_cooldown_seconds offset differs from the IDL");

typedef struct __attribute__((packed)) RiskLimitCapsSetEventRecord {
    u64 discriminator;
    RiskLimitCapsSetEvent event;
} RiskLimitCapsSetEventRecord;
#define RISK_LIMIT_CAPS_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_RISK_LIMIT_CAPS_SET }

/* event RiskParamsPublished (borsh) */
typedef struct __attribute__((packed)) RiskParamsPublishedEvent {
    SolPubkey publisher; /* offset 0 */
    u64 publish_slot; /* offset 32 */
    u8 factor_count; /* offset 40 */
    u32 half_life_seconds; /* offset 41 */
    u64 max_staleness_slots; /* offset 45 */
    i64 min_pivot; /* offset 53 */
} RiskParamsPublishedEvent;
_Static_assert(sizeof(RiskParamsPublishedEvent) == 61, "RiskParamsPublishedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParamsPublishedEvent, publisher) == 0, "RiskParamsPublishedEvent.publisher offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParamsPublishedEvent, publish_slot) == 32, "RiskParamsPublishedEvent.publish_slot offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParamsPublishedEvent, factor_count) == 40, "RiskParamsPublishedEvent.factor_count offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParamsPublishedEvent, half_life_seconds) == 41, "RiskParamsPublishedEvent.half_life_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParamsPublishedEvent, max_staleness_slots) == 45, "RiskParamsPublishedEvent.max_staleness_slots offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskParamsPublishedEvent, min_pivot) == 53, "RiskParamsPublishedEvent.min_pivot offset differs from the IDL");

typedef struct __attribute__((packed)) RiskParamsPublishedEventRecord {
    u64 discriminator;
    RiskParamsPublishedEvent event;
} RiskParamsPublishedEventRecord;
#define RISK_PARAMS_PUBLISHED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_RISK_PARAMS_PUBLISHED }

/* event RiskLimitsCreated (borsh) */
typedef struct __attribute__((packed)) RiskLimitsCreatedEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey risk_limits; /* offset 32 */
    SolPubkey owner; /* offset 64 */
    SolPubkey delegate; /* offset 96 */
} RiskLimitsCreatedEvent;
_Static_assert(sizeof(RiskLimitsCreatedEvent) == 128, "RiskLimitsCreatedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsCreatedEvent, margin_account) == 0, "RiskLimitsCreatedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsCreatedEvent, risk_limits) == 32, "RiskLimitsCreatedEvent.risk_limits offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsCreatedEvent, owner) == 64, "RiskLimitsCreatedEvent.owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsCreatedEvent, delegate) == 96, "RiskLimitsCreatedEvent.delegate offset differs from the IDL");

typedef struct __attribute__((packed)) RiskLimitsCreatedEventRecord {
    u64 discriminator;
    RiskLimitsCreatedEvent event;
} RiskLimitsCreatedEventRecord;
#define RISK_LIMITS_CREATED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_RISK_LIMITS_CREATED }

/* event RiskLimitsSet (borsh) */
typedef struct __attribute__((packed)) RiskLimitsSetEvent {
    SolPubkey margin_account; /* offset 0 */
    SolPubkey authority; /* offset 32 */
    u32 active_max_leverage_bps; /* offset 64 */
    u32 active_max_position_bps; /* offset 68 */
    u32 active_max_concentration_bps; /* offset 72 */
    u32 active_max_daily_loss_bps; /* offset 76 */
    u32 active_max_drawdown_bps; /* offset 80 */
    u32 active_max_var_bps; /* offset 84 */
    u32 active_max_correlated_exposure_bps; /* offset 88 */
    u32 active_max_liquidity_take_bps; /* offset 92 */
    u32 active_liquidity_band_bps; /* offset 96 */
    u32 active_loosen_cooldown_seconds; /* offset 100 */
    u32 pending_max_leverage_bps; /* offset 104 */
    u32 pending_max_position_bps; /* offset 108 */
    u32 pending_max_concentration_bps; /* offset 112 */
    u32 pending_max_daily_loss_bps; /* offset 116 */
    u32 pending_max_drawdown_bps; /* offset 120 */
    u32 pending_max_var_bps; /* offset 124 */
    u32 pending_max_correlated_exposure_bps; /* offset 128 */
    u32 pending_max_liquidity_take_bps; /* offset 132 */
    u32 pending_liquidity_band_bps; /* offset 136 */
    u32 pending_loosen_cooldown_seconds; /* offset 140 */
    i64 pending_effective_timestamp; /* offset 144 */
} RiskLimitsSetEvent;
_Static_assert(sizeof(RiskLimitsSetEvent) == 152, "RiskLimitsSetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, margin_account) == 0, "RiskLimitsSetEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, authority) == 32, "RiskLimitsSetEvent.authority offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, active_max_leverage_bps) == 64, "RiskLimitsSetEvent.active_max_leverage_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, active_max_position_bps) == 68, "RiskLimitsSetEvent.active_max_position_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, active_max_concentration_bps) == 72, "RiskLimitsSetEvent.active_max_concentration_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, active_max_daily_loss_bps) == 76, "RiskLimitsSetEvent.active_max_daily_loss_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, active_max_drawdown_bps) == 80, "RiskLimitsSetEvent.active_max_drawdown_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, active_max_var_bps) == 84, "RiskLimitsSetEvent.active_max_var_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, active_max_correlated_exposure_bps) == 88, "RiskLimitsSetEvent.active_max_correlated_exposure_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, active_max_liquidity_take_bps) == 92, "RiskLimitsSetEvent.active_max_liquidity_take_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, active_liquidity_band_bps) == 96, "RiskLimitsSetEvent.active_liquidity_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, active_loosen_cooldown_seconds) == 100, "RiskLimitsSetEvent.active_loosen_cooldown_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, pending_max_leverage_bps) == 104, "RiskLimitsSetEvent.pending_max_leverage_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, pending_max_position_bps) == 108, "RiskLimitsSetEvent.pending_max_position_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, pending_max_concentration_bps) == 112, "RiskLimitsSetEvent.pending_max_concentration_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, pending_max_daily_loss_bps) == 116, "RiskLimitsSetEvent.pending_max_daily_loss_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, pending_max_drawdown_bps) == 120, "RiskLimitsSetEvent.pending_max_drawdown_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, pending_max_var_bps) == 124, "RiskLimitsSetEvent.pending_max_var_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, pending_max_correlated_exposure_bps) == 128, "RiskLimitsSetEvent.pending_max_correlated_exposure_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, pending_max_liquidity_take_bps) == 132, "RiskLimitsSetEvent.pending_max_liquidity_take_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, pending_liquidity_band_bps) == 136, "RiskLimitsSetEvent.pending_liquidity_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, pending_loosen_cooldown_seconds) == 140, "RiskLimitsSetEvent.pending_loosen_cooldown_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitsSetEvent, pending_effective_timestamp) == 144, "RiskLimitsSetEvent.pending_effective_timestamp offset differs from the IDL");

typedef struct __attribute__((packed)) RiskLimitsSetEventRecord {
    u64 discriminator;
    RiskLimitsSetEvent event;
} RiskLimitsSetEventRecord;
#define RISK_LIMITS_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_RISK_LIMITS_SET }

/* event RiskLimitBreached (borsh) */
typedef struct __attribute__((packed)) RiskLimitBreachedEvent {
    SolPubkey margin_account; /* offset 0 */
    u8 limit; /* offset 32 */
    u64 value; /* offset 33 */
    u64 bound; /* offset 41 */
    i64 reduce_only_until; /* offset 49 */
} RiskLimitBreachedEvent;
_Static_assert(sizeof(RiskLimitBreachedEvent) == 57, "RiskLimitBreachedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitBreachedEvent, margin_account) == 0, "RiskLimitBreachedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitBreachedEvent, limit) == 32, "RiskLimitBreachedEvent.limit offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitBreachedEvent, value) == 33, "RiskLimitBreachedEvent.value offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitBreachedEvent, bound) == 41, "RiskLimitBreachedEvent.bound offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskLimitBreachedEvent, reduce_only_until) == 49, "RiskLimitBreachedEvent.reduce_only_until offset differs from the IDL");

typedef struct __attribute__((packed)) RiskLimitBreachedEventRecord {
    u64 discriminator;
    RiskLimitBreachedEvent event;
} RiskLimitBreachedEventRecord;
#define RISK_LIMIT_BREACHED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_RISK_LIMIT_BREACHED }

/* event HighWaterMarkReset (borsh) */
typedef struct __attribute__((packed)) HighWaterMarkResetEvent {
    SolPubkey margin_account; /* offset 0 */
    i64 high_water_mark; /* offset 32 */
} HighWaterMarkResetEvent;
_Static_assert(sizeof(HighWaterMarkResetEvent) == 40, "HighWaterMarkResetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(HighWaterMarkResetEvent, margin_account) == 0, "HighWaterMarkResetEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(HighWaterMarkResetEvent, high_water_mark) == 32, "HighWaterMarkResetEvent.high_water_mark offset differs from the IDL");

typedef struct __attribute__((packed)) HighWaterMarkResetEventRecord {
    u64 discriminator;
    HighWaterMarkResetEvent event;
} HighWaterMarkResetEventRecord;
#define HIGH_WATER_MARK_RESET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_HIGH_WATER_MARK_RESET }

/* event RiskComputed (borsh) */
typedef struct __attribute__((packed)) RiskComputedEvent {
    SolPubkey margin_account; /* offset 0 */
    i64 equity; /* offset 32 */
    i64 day_open_equity; /* offset 40 */
    i64 high_water_mark; /* offset 48 */
    u64 gross_notional; /* offset 56 */
    u64 leverage_bps; /* offset 64 */
    u64 max_position_bps; /* offset 72 */
    u64 concentration_bps; /* offset 80 */
    u64 daily_loss_bps; /* offset 88 */
    u64 drawdown_bps; /* offset 96 */
    u64 var_quote; /* offset 104 */
    u64 var_bps; /* offset 112 */
    u64 correlated_exposure_quote; /* offset 120 */
    u64 correlated_exposure_bps; /* offset 128 */
    u64 maint_requirement; /* offset 136 */
    u64 weighted_collateral; /* offset 144 */
    u64 utilization_bps; /* offset 152 */
    i64 reduce_only_until; /* offset 160 */
    i64 headroom_leverage; /* offset 168 */
    i64 headroom_position_size; /* offset 176 */
    i64 headroom_concentration; /* offset 184 */
    i64 headroom_daily_loss; /* offset 192 */
    i64 headroom_drawdown; /* offset 200 */
    i64 headroom_value_at_risk; /* offset 208 */
    i64 headroom_correlated_exposure; /* offset 216 */
    i64 headroom_liquidity; /* offset 224 */
} RiskComputedEvent;
_Static_assert(sizeof(RiskComputedEvent) == 232, "RiskComputedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, margin_account) == 0, "RiskComputedEvent.margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, equity) == 32, "RiskComputedEvent.equity offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, day_open_equity) == 40, "RiskComputedEvent.day_open_equity offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, high_water_mark) == 48, "RiskComputedEvent.high_water_mark offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, gross_notional) == 56, "RiskComputedEvent.gross_notional offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, leverage_bps) == 64, "RiskComputedEvent.leverage_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, max_position_bps) == 72, "RiskComputedEvent.max_position_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, concentration_bps) == 80, "RiskComputedEvent.concentration_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, daily_loss_bps) == 88, "RiskComputedEvent.daily_loss_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, drawdown_bps) == 96, "RiskComputedEvent.drawdown_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, var_quote) == 104, "RiskComputedEvent.var_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, var_bps) == 112, "RiskComputedEvent.var_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, correlated_exposure_quote) == 120, "RiskComputedEvent.correlated_exposure_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, correlated_exposure_bps) == 128, "RiskComputedEvent.correlated_exposure_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, maint_requirement) == 136, "RiskComputedEvent.maint_requirement offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, weighted_collateral) == 144, "RiskComputedEvent.weighted_collateral offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, utilization_bps) == 152, "RiskComputedEvent.utilization_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, reduce_only_until) == 160, "RiskComputedEvent.reduce_only_until offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, headroom_leverage) == 168, "RiskComputedEvent.headroom_leverage offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, headroom_position_size) == 176, "RiskComputedEvent.headroom_position_size offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, headroom_concentration) == 184, "RiskComputedEvent.headroom_concentration offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, headroom_daily_loss) == 192, "RiskComputedEvent.headroom_daily_loss offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, headroom_drawdown) == 200, "RiskComputedEvent.headroom_drawdown offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, headroom_value_at_risk) == 208, "RiskComputedEvent.headroom_value_at_risk offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, headroom_correlated_exposure) == 216, "RiskComputedEvent.headroom_correlated_exposure offset differs from the IDL");
_Static_assert(__builtin_offsetof(RiskComputedEvent, headroom_liquidity) == 224, "RiskComputedEvent.headroom_liquidity offset differs from the IDL");

typedef struct __attribute__((packed)) RiskComputedEventRecord {
    u64 discriminator;
    RiskComputedEvent event;
} RiskComputedEventRecord;
#define RISK_COMPUTED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_RISK_COMPUTED }

/* event RebalancePolicySet (borsh) */
typedef struct __attribute__((packed)) RebalancePolicySetEvent {
    SolPubkey owner; /* offset 0 */
    SolPubkey delegate; /* offset 32 */
    u32 asset_mask; /* offset 64 */
    u16 max_utilization_bps; /* offset 68 */
    u8 member_count; /* offset 70 */
} RebalancePolicySetEvent;
_Static_assert(sizeof(RebalancePolicySetEvent) == 71, "RebalancePolicySetEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicySetEvent, owner) == 0, "RebalancePolicySetEvent.owner offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicySetEvent, delegate) == 32, "RebalancePolicySetEvent.delegate offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicySetEvent, asset_mask) == 64, "RebalancePolicySetEvent.asset_mask offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicySetEvent, max_utilization_bps) == 68, "RebalancePolicySetEvent.max_utilization_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(RebalancePolicySetEvent, member_count) == 70, "RebalancePolicySetEvent.member_count offset differs from the IDL");

typedef struct __attribute__((packed)) RebalancePolicySetEventRecord {
    u64 discriminator;
    RebalancePolicySetEvent event;
} RebalancePolicySetEventRecord;
#define REBALANCE_POLICY_SET_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_REBALANCE_POLICY_SET }

/* event CollateralRebalanced (borsh) */
typedef struct __attribute__((packed)) CollateralRebalancedEvent {
    SolPubkey from_margin_account; /* offset 0 */
    SolPubkey to_margin_account; /* offset 32 */
    SolPubkey asset; /* offset 64 */
    u64 amount; /* offset 96 */
    u64 from_utilization_bps; /* offset 104 */
    u64 to_utilization_bps; /* offset 112 */
    i64 from_init_health; /* offset 120 */
    i64 to_init_health; /* offset 128 */
    i64 from_asset_balance; /* offset 136 */
    i64 to_asset_balance; /* offset 144 */
} CollateralRebalancedEvent;
_Static_assert(sizeof(CollateralRebalancedEvent) == 152, "CollateralRebalancedEvent size differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralRebalancedEvent, from_margin_account) == 0, "CollateralRebalancedEvent.from_margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralRebalancedEvent, to_margin_account) == 32, "CollateralRebalancedEvent.to_margin_account offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralRebalancedEvent, asset) == 64, "CollateralRebalancedEvent.asset offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralRebalancedEvent, amount) == 96, "CollateralRebalancedEvent.amount offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralRebalancedEvent, from_utilization_bps) == 104, "CollateralRebalancedEvent.from_utilization_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralRebalancedEvent, to_utilization_bps) == 112, "CollateralRebalancedEvent.to_utilization_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralRebalancedEvent, from_init_health) == 120, "CollateralRebalancedEvent.from_init_health offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralRebalancedEvent, to_init_health) == 128, "CollateralRebalancedEvent.to_init_health offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralRebalancedEvent, from_asset_balance) == 136, "CollateralRebalancedEvent.from_asset_balance offset differs from the IDL");
_Static_assert(__builtin_offsetof(CollateralRebalancedEvent, to_asset_balance) == 144, "CollateralRebalancedEvent.to_asset_balance offset differs from the IDL");

typedef struct __attribute__((packed)) CollateralRebalancedEventRecord {
    u64 discriminator;
    CollateralRebalancedEvent event;
} CollateralRebalancedEventRecord;
#define COLLATERAL_REBALANCED_EVENT_RECORD_INIT { .discriminator = KAIROS_EVENT_DISC_COLLATERAL_REBALANCED }

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
#define KAIROS_SETTLE_PNL_ACCOUNT_QUOTE_ASSET 4
#define KAIROS_SETTLE_PNL_ACCOUNTS_LEN 5
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

/* instruction openAuction: account indices */
#define KAIROS_OPEN_AUCTION_ACCOUNT_EXCHANGE 0
#define KAIROS_OPEN_AUCTION_ACCOUNT_AUCTION 1
#define KAIROS_OPEN_AUCTION_ACCOUNT_TAKER_MARGIN_ACCOUNT 2
#define KAIROS_OPEN_AUCTION_ACCOUNT_OWNER 3
#define KAIROS_OPEN_AUCTION_ACCOUNT_PERP_MARKET 4
#define KAIROS_OPEN_AUCTION_ACCOUNT_ORACLE 5
#define KAIROS_OPEN_AUCTION_ACCOUNT_SYSTEM_PROGRAM 6
#define KAIROS_OPEN_AUCTION_ACCOUNTS_LEN 7
/* instruction openAuction: borsh args */
typedef struct __attribute__((packed)) OpenAuctionIxArgs {
    OpenAuctionArgs args; /* offset 0 */
} OpenAuctionIxArgs;
_Static_assert(sizeof(OpenAuctionIxArgs) == 42, "OpenAuctionIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(OpenAuctionIxArgs, args) == 0, "OpenAuctionIxArgs.args offset differs from the IDL");

/* instruction submitBid: account indices */
#define KAIROS_SUBMIT_BID_ACCOUNT_EXCHANGE 0
#define KAIROS_SUBMIT_BID_ACCOUNT_AUCTION 1
#define KAIROS_SUBMIT_BID_ACCOUNT_PROVIDER_MARGIN_ACCOUNT 2
#define KAIROS_SUBMIT_BID_ACCOUNT_PROVIDER 3
#define KAIROS_SUBMIT_BID_ACCOUNT_PERP_MARKET 4
#define KAIROS_SUBMIT_BID_ACCOUNT_ORACLE 5
#define KAIROS_SUBMIT_BID_ACCOUNTS_LEN 6
/* instruction submitBid: borsh args */
typedef struct __attribute__((packed)) SubmitBidIxArgs {
    AuctionBidArgs args; /* offset 0 */
} SubmitBidIxArgs;
_Static_assert(sizeof(SubmitBidIxArgs) == 16, "SubmitBidIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SubmitBidIxArgs, args) == 0, "SubmitBidIxArgs.args offset differs from the IDL");

/* instruction improveBid: account indices */
#define KAIROS_IMPROVE_BID_ACCOUNT_EXCHANGE 0
#define KAIROS_IMPROVE_BID_ACCOUNT_AUCTION 1
#define KAIROS_IMPROVE_BID_ACCOUNT_PROVIDER_MARGIN_ACCOUNT 2
#define KAIROS_IMPROVE_BID_ACCOUNT_PROVIDER 3
#define KAIROS_IMPROVE_BID_ACCOUNT_PERP_MARKET 4
#define KAIROS_IMPROVE_BID_ACCOUNT_ORACLE 5
#define KAIROS_IMPROVE_BID_ACCOUNTS_LEN 6
/* instruction improveBid: borsh args */
typedef struct __attribute__((packed)) ImproveBidIxArgs {
    AuctionBidArgs args; /* offset 0 */
} ImproveBidIxArgs;
_Static_assert(sizeof(ImproveBidIxArgs) == 16, "ImproveBidIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(ImproveBidIxArgs, args) == 0, "ImproveBidIxArgs.args offset differs from the IDL");

/* instruction cancelBid: account indices */
#define KAIROS_CANCEL_BID_ACCOUNT_EXCHANGE 0
#define KAIROS_CANCEL_BID_ACCOUNT_AUCTION 1
#define KAIROS_CANCEL_BID_ACCOUNT_PROVIDER_MARGIN_ACCOUNT 2
#define KAIROS_CANCEL_BID_ACCOUNT_PROVIDER 3
#define KAIROS_CANCEL_BID_ACCOUNTS_LEN 4
/* instruction cancelBid: borsh args */
typedef struct __attribute__((packed)) CancelBidIxArgs {
    u8 empty_[0];
} CancelBidIxArgs;
_Static_assert(sizeof(CancelBidIxArgs) == 0, "CancelBidIxArgs size differs from the IDL");

/* instruction settleAuction: account indices */
#define KAIROS_SETTLE_AUCTION_ACCOUNT_EXCHANGE 0
#define KAIROS_SETTLE_AUCTION_ACCOUNT_AUCTION 1
#define KAIROS_SETTLE_AUCTION_ACCOUNT_TAKER_MARGIN_ACCOUNT 2
#define KAIROS_SETTLE_AUCTION_ACCOUNT_TAKER_OWNER 3
#define KAIROS_SETTLE_AUCTION_ACCOUNT_SETTLER 4
#define KAIROS_SETTLE_AUCTION_ACCOUNT_PERP_MARKET 5
#define KAIROS_SETTLE_AUCTION_ACCOUNT_ORDERBOOK 6
#define KAIROS_SETTLE_AUCTION_ACCOUNT_ORACLE 7
#define KAIROS_SETTLE_AUCTION_ACCOUNTS_LEN 8
/* instruction settleAuction: borsh args */
typedef struct __attribute__((packed)) SettleAuctionIxArgs {
    u8 empty_[0];
} SettleAuctionIxArgs;
_Static_assert(sizeof(SettleAuctionIxArgs) == 0, "SettleAuctionIxArgs size differs from the IDL");

/* instruction setLiquidationParams: account indices */
#define KAIROS_SET_LIQUIDATION_PARAMS_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_LIQUIDATION_PARAMS_ACCOUNT_ADMIN 1
#define KAIROS_SET_LIQUIDATION_PARAMS_ACCOUNTS_LEN 2
/* instruction setLiquidationParams: borsh args */
typedef struct __attribute__((packed)) SetLiquidationParamsIxArgs {
    u64 small_position_quote; /* offset 0 */
    u16 liquidation_buffer_bps; /* offset 8 */
    u16 insurance_fee_share_bps; /* offset 10 */
} SetLiquidationParamsIxArgs;
_Static_assert(sizeof(SetLiquidationParamsIxArgs) == 12, "SetLiquidationParamsIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetLiquidationParamsIxArgs, small_position_quote) == 0, "SetLiquidationParamsIxArgs.small_position_quote offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetLiquidationParamsIxArgs, liquidation_buffer_bps) == 8, "SetLiquidationParamsIxArgs.liquidation_buffer_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetLiquidationParamsIxArgs, insurance_fee_share_bps) == 10, "SetLiquidationParamsIxArgs.insurance_fee_share_bps offset differs from the IDL");

/* instruction setPerpLiquidationFee: account indices */
#define KAIROS_SET_PERP_LIQUIDATION_FEE_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_PERP_LIQUIDATION_FEE_ACCOUNT_ADMIN 1
#define KAIROS_SET_PERP_LIQUIDATION_FEE_ACCOUNT_PERP_MARKET 2
#define KAIROS_SET_PERP_LIQUIDATION_FEE_ACCOUNTS_LEN 3
/* instruction setPerpLiquidationFee: borsh args */
typedef struct __attribute__((packed)) SetPerpLiquidationFeeIxArgs {
    u16 liquidation_fee_bps; /* offset 0 */
} SetPerpLiquidationFeeIxArgs;
_Static_assert(sizeof(SetPerpLiquidationFeeIxArgs) == 2, "SetPerpLiquidationFeeIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetPerpLiquidationFeeIxArgs, liquidation_fee_bps) == 0, "SetPerpLiquidationFeeIxArgs.liquidation_fee_bps offset differs from the IDL");

/* instruction setAssetLiquidationDiscount: account indices */
#define KAIROS_SET_ASSET_LIQUIDATION_DISCOUNT_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_ASSET_LIQUIDATION_DISCOUNT_ACCOUNT_ADMIN 1
#define KAIROS_SET_ASSET_LIQUIDATION_DISCOUNT_ACCOUNT_COLLATERAL_ASSET 2
#define KAIROS_SET_ASSET_LIQUIDATION_DISCOUNT_ACCOUNTS_LEN 3
/* instruction setAssetLiquidationDiscount: borsh args */
typedef struct __attribute__((packed)) SetAssetLiquidationDiscountIxArgs {
    u16 liquidation_discount_bps; /* offset 0 */
} SetAssetLiquidationDiscountIxArgs;
_Static_assert(sizeof(SetAssetLiquidationDiscountIxArgs) == 2, "SetAssetLiquidationDiscountIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetAssetLiquidationDiscountIxArgs, liquidation_discount_bps) == 0, "SetAssetLiquidationDiscountIxArgs.liquidation_discount_bps offset differs from the IDL");

/* instruction forceCancelOrders: account indices */
#define KAIROS_FORCE_CANCEL_ORDERS_ACCOUNT_EXCHANGE 0
#define KAIROS_FORCE_CANCEL_ORDERS_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_FORCE_CANCEL_ORDERS_ACCOUNT_PERP_MARKET 2
#define KAIROS_FORCE_CANCEL_ORDERS_ACCOUNT_ORDERBOOK 3
#define KAIROS_FORCE_CANCEL_ORDERS_ACCOUNTS_LEN 4
/* instruction forceCancelOrders: borsh args */
typedef struct __attribute__((packed)) ForceCancelOrdersIxArgs {
    u8 limit; /* offset 0 */
} ForceCancelOrdersIxArgs;
_Static_assert(sizeof(ForceCancelOrdersIxArgs) == 1, "ForceCancelOrdersIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(ForceCancelOrdersIxArgs, limit) == 0, "ForceCancelOrdersIxArgs.limit offset differs from the IDL");

/* instruction liquidatePerp: account indices */
#define KAIROS_LIQUIDATE_PERP_ACCOUNT_EXCHANGE 0
#define KAIROS_LIQUIDATE_PERP_ACCOUNT_LIQEE 1
#define KAIROS_LIQUIDATE_PERP_ACCOUNT_LIQUIDATOR 2
#define KAIROS_LIQUIDATE_PERP_ACCOUNT_LIQUIDATOR_OWNER 3
#define KAIROS_LIQUIDATE_PERP_ACCOUNT_PERP_MARKET 4
#define KAIROS_LIQUIDATE_PERP_ACCOUNT_ORACLE 5
#define KAIROS_LIQUIDATE_PERP_ACCOUNT_QUOTE_ASSET 6
#define KAIROS_LIQUIDATE_PERP_ACCOUNTS_LEN 7
/* instruction liquidatePerp: borsh args */
typedef struct __attribute__((packed)) LiquidatePerpIxArgs {
    u64 max_base_lots; /* offset 0 */
    u8 liqee_health_accounts; /* offset 8 */
} LiquidatePerpIxArgs;
_Static_assert(sizeof(LiquidatePerpIxArgs) == 9, "LiquidatePerpIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(LiquidatePerpIxArgs, max_base_lots) == 0, "LiquidatePerpIxArgs.max_base_lots offset differs from the IDL");
_Static_assert(__builtin_offsetof(LiquidatePerpIxArgs, liqee_health_accounts) == 8, "LiquidatePerpIxArgs.liqee_health_accounts offset differs from the IDL");

/* instruction liquidateCollateral: account indices */
#define KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_EXCHANGE 0
#define KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_LIQEE 1
#define KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_LIQUIDATOR 2
#define KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_LIQUIDATOR_OWNER 3
#define KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_COLLATERAL_ASSET 4
#define KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_ORACLE 5
#define KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_QUOTE_ASSET 6
#define KAIROS_LIQUIDATE_COLLATERAL_ACCOUNTS_LEN 7
/* instruction liquidateCollateral: borsh args */
typedef struct __attribute__((packed)) LiquidateCollateralIxArgs {
    u64 max_amount; /* offset 0 */
    u8 liqee_health_accounts; /* offset 8 */
} LiquidateCollateralIxArgs;
_Static_assert(sizeof(LiquidateCollateralIxArgs) == 9, "LiquidateCollateralIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(LiquidateCollateralIxArgs, max_amount) == 0, "LiquidateCollateralIxArgs.max_amount offset differs from the IDL");
_Static_assert(__builtin_offsetof(LiquidateCollateralIxArgs, liqee_health_accounts) == 8, "LiquidateCollateralIxArgs.liqee_health_accounts offset differs from the IDL");

/* instruction resolveBankruptcy: account indices */
#define KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_EXCHANGE 0
#define KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_PERP_MARKET 2
#define KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_QUOTE_ASSET 3
#define KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_QUOTE_VAULT 4
#define KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_INSURANCE_VAULT 5
#define KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_TOKEN_PROGRAM 6
#define KAIROS_RESOLVE_BANKRUPTCY_ACCOUNTS_LEN 7
/* instruction resolveBankruptcy: borsh args */
typedef struct __attribute__((packed)) ResolveBankruptcyIxArgs {
    u8 empty_[0];
} ResolveBankruptcyIxArgs;
_Static_assert(sizeof(ResolveBankruptcyIxArgs) == 0, "ResolveBankruptcyIxArgs size differs from the IDL");

/* instruction sweepFeesToInsurance: account indices */
#define KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_EXCHANGE 0
#define KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_ADMIN 1
#define KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_PERP_MARKET 2
#define KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_EVENT_QUEUE 3
#define KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_QUOTE_ASSET 4
#define KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_QUOTE_VAULT 5
#define KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_INSURANCE_VAULT 6
#define KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_TOKEN_PROGRAM 7
#define KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNTS_LEN 8
/* instruction sweepFeesToInsurance: borsh args */
typedef struct __attribute__((packed)) SweepFeesToInsuranceIxArgs {
    u8 empty_[0];
} SweepFeesToInsuranceIxArgs;
_Static_assert(sizeof(SweepFeesToInsuranceIxArgs) == 0, "SweepFeesToInsuranceIxArgs size differs from the IDL");

/* instruction placeOrderV2: account indices */
#define KAIROS_PLACE_ORDER_V2_ACCOUNT_EXCHANGE 0
#define KAIROS_PLACE_ORDER_V2_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_PLACE_ORDER_V2_ACCOUNT_OWNER 2
#define KAIROS_PLACE_ORDER_V2_ACCOUNT_PERP_MARKET 3
#define KAIROS_PLACE_ORDER_V2_ACCOUNT_ORDERBOOK 4
#define KAIROS_PLACE_ORDER_V2_ACCOUNT_EVENT_QUEUE 5
#define KAIROS_PLACE_ORDER_V2_ACCOUNT_ORACLE 6
#define KAIROS_PLACE_ORDER_V2_ACCOUNT_SYSTEM_PROGRAM 7
#define KAIROS_PLACE_ORDER_V2_ACCOUNTS_LEN 8
/* instruction placeOrderV2: borsh args */
typedef struct __attribute__((packed)) PlaceOrderV2IxArgs {
    PlaceOrderV2Args args; /* offset 0 */
} PlaceOrderV2IxArgs;
_Static_assert(sizeof(PlaceOrderV2IxArgs) == 48, "PlaceOrderV2IxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(PlaceOrderV2IxArgs, args) == 0, "PlaceOrderV2IxArgs.args offset differs from the IDL");

/* instruction createTriggerOrder: account indices */
#define KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_EXCHANGE 0
#define KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_TRIGGER_ORDER 1
#define KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_MARGIN_ACCOUNT 2
#define KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_OWNER 3
#define KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_PERP_MARKET 4
#define KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_LINKED_TRIGGER 5
#define KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_SYSTEM_PROGRAM 6
#define KAIROS_CREATE_TRIGGER_ORDER_ACCOUNTS_LEN 7
/* instruction createTriggerOrder: borsh args */
typedef struct __attribute__((packed)) CreateTriggerOrderIxArgs {
    CreateTriggerOrderArgs args; /* offset 0 */
} CreateTriggerOrderIxArgs;
_Static_assert(sizeof(CreateTriggerOrderIxArgs) == 72, "CreateTriggerOrderIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTriggerOrderIxArgs, args) == 0, "CreateTriggerOrderIxArgs.args offset differs from the IDL");

/* instruction cancelTriggerOrder: account indices */
#define KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_EXCHANGE 0
#define KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_TRIGGER_ORDER 1
#define KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_MARGIN_ACCOUNT 2
#define KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_OWNER 3
#define KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_LINKED_TRIGGER 4
#define KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNTS_LEN 5
/* instruction cancelTriggerOrder: borsh args */
typedef struct __attribute__((packed)) CancelTriggerOrderIxArgs {
    u8 empty_[0];
} CancelTriggerOrderIxArgs;
_Static_assert(sizeof(CancelTriggerOrderIxArgs) == 0, "CancelTriggerOrderIxArgs size differs from the IDL");

/* instruction triggerOrder: account indices */
#define KAIROS_TRIGGER_ORDER_ACCOUNT_EXCHANGE 0
#define KAIROS_TRIGGER_ORDER_ACCOUNT_TRIGGER_ORDER 1
#define KAIROS_TRIGGER_ORDER_ACCOUNT_MARGIN_ACCOUNT 2
#define KAIROS_TRIGGER_ORDER_ACCOUNT_OWNER 3
#define KAIROS_TRIGGER_ORDER_ACCOUNT_PERP_MARKET 4
#define KAIROS_TRIGGER_ORDER_ACCOUNT_ORDERBOOK 5
#define KAIROS_TRIGGER_ORDER_ACCOUNT_EVENT_QUEUE 6
#define KAIROS_TRIGGER_ORDER_ACCOUNT_ORACLE 7
#define KAIROS_TRIGGER_ORDER_ACCOUNT_KEEPER 8
#define KAIROS_TRIGGER_ORDER_ACCOUNT_LINKED_TRIGGER 9
#define KAIROS_TRIGGER_ORDER_ACCOUNT_SYSTEM_PROGRAM 10
#define KAIROS_TRIGGER_ORDER_ACCOUNTS_LEN 11
/* instruction triggerOrder: borsh args */
typedef struct __attribute__((packed)) TriggerOrderIxArgs {
    u8 empty_[0];
} TriggerOrderIxArgs;
_Static_assert(sizeof(TriggerOrderIxArgs) == 0, "TriggerOrderIxArgs size differs from the IDL");

/* instruction updateTrailingStop: account indices */
#define KAIROS_UPDATE_TRAILING_STOP_ACCOUNT_EXCHANGE 0
#define KAIROS_UPDATE_TRAILING_STOP_ACCOUNT_TRIGGER_ORDER 1
#define KAIROS_UPDATE_TRAILING_STOP_ACCOUNT_PERP_MARKET 2
#define KAIROS_UPDATE_TRAILING_STOP_ACCOUNT_ORACLE 3
#define KAIROS_UPDATE_TRAILING_STOP_ACCOUNTS_LEN 4
/* instruction updateTrailingStop: borsh args */
typedef struct __attribute__((packed)) UpdateTrailingStopIxArgs {
    u8 empty_[0];
} UpdateTrailingStopIxArgs;
_Static_assert(sizeof(UpdateTrailingStopIxArgs) == 0, "UpdateTrailingStopIxArgs size differs from the IDL");

/* instruction createTwapOrder: account indices */
#define KAIROS_CREATE_TWAP_ORDER_ACCOUNT_EXCHANGE 0
#define KAIROS_CREATE_TWAP_ORDER_ACCOUNT_TWAP_ORDER 1
#define KAIROS_CREATE_TWAP_ORDER_ACCOUNT_MARGIN_ACCOUNT 2
#define KAIROS_CREATE_TWAP_ORDER_ACCOUNT_OWNER 3
#define KAIROS_CREATE_TWAP_ORDER_ACCOUNT_PERP_MARKET 4
#define KAIROS_CREATE_TWAP_ORDER_ACCOUNT_SYSTEM_PROGRAM 5
#define KAIROS_CREATE_TWAP_ORDER_ACCOUNTS_LEN 6
/* instruction createTwapOrder: borsh args */
typedef struct __attribute__((packed)) CreateTwapOrderIxArgs {
    CreateTwapOrderArgs args; /* offset 0 */
} CreateTwapOrderIxArgs;
_Static_assert(sizeof(CreateTwapOrderIxArgs) == 73, "CreateTwapOrderIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CreateTwapOrderIxArgs, args) == 0, "CreateTwapOrderIxArgs.args offset differs from the IDL");

/* instruction executeTwapSlice: account indices */
#define KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_EXCHANGE 0
#define KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_TWAP_ORDER 1
#define KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_MARGIN_ACCOUNT 2
#define KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_PERP_MARKET 3
#define KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_ORDERBOOK 4
#define KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_EVENT_QUEUE 5
#define KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_ORACLE 6
#define KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_KEEPER 7
#define KAIROS_EXECUTE_TWAP_SLICE_ACCOUNTS_LEN 8
/* instruction executeTwapSlice: borsh args */
typedef struct __attribute__((packed)) ExecuteTwapSliceIxArgs {
    u32 slice_index; /* offset 0 */
} ExecuteTwapSliceIxArgs;
_Static_assert(sizeof(ExecuteTwapSliceIxArgs) == 4, "ExecuteTwapSliceIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(ExecuteTwapSliceIxArgs, slice_index) == 0, "ExecuteTwapSliceIxArgs.slice_index offset differs from the IDL");

/* instruction setTwapPaused: account indices */
#define KAIROS_SET_TWAP_PAUSED_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_TWAP_PAUSED_ACCOUNT_TWAP_ORDER 1
#define KAIROS_SET_TWAP_PAUSED_ACCOUNT_OWNER 2
#define KAIROS_SET_TWAP_PAUSED_ACCOUNTS_LEN 3
/* instruction setTwapPaused: borsh args */
typedef struct __attribute__((packed)) SetTwapPausedIxArgs {
    u8 paused; /* offset 0 */
} SetTwapPausedIxArgs;
_Static_assert(sizeof(SetTwapPausedIxArgs) == 1, "SetTwapPausedIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetTwapPausedIxArgs, paused) == 0, "SetTwapPausedIxArgs.paused offset differs from the IDL");

/* instruction cancelTwapOrder: account indices */
#define KAIROS_CANCEL_TWAP_ORDER_ACCOUNT_EXCHANGE 0
#define KAIROS_CANCEL_TWAP_ORDER_ACCOUNT_TWAP_ORDER 1
#define KAIROS_CANCEL_TWAP_ORDER_ACCOUNT_OWNER 2
#define KAIROS_CANCEL_TWAP_ORDER_ACCOUNTS_LEN 3
/* instruction cancelTwapOrder: borsh args */
typedef struct __attribute__((packed)) CancelTwapOrderIxArgs {
    u8 empty_[0];
} CancelTwapOrderIxArgs;
_Static_assert(sizeof(CancelTwapOrderIxArgs) == 0, "CancelTwapOrderIxArgs size differs from the IDL");

/* instruction createScheduledOrder: account indices */
#define KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNT_EXCHANGE 0
#define KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNT_SCHEDULED_ORDER 1
#define KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNT_MARGIN_ACCOUNT 2
#define KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNT_OWNER 3
#define KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNT_PERP_MARKET 4
#define KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNT_SYSTEM_PROGRAM 5
#define KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNTS_LEN 6
/* instruction createScheduledOrder: borsh args */
typedef struct __attribute__((packed)) CreateScheduledOrderIxArgs {
    CreateScheduledOrderArgs args; /* offset 0 */
    PlaceOrderV2Args order; /* offset 101 */
} CreateScheduledOrderIxArgs;
_Static_assert(sizeof(CreateScheduledOrderIxArgs) == 149, "CreateScheduledOrderIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CreateScheduledOrderIxArgs, args) == 0, "CreateScheduledOrderIxArgs.args offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateScheduledOrderIxArgs, order) == 101, "CreateScheduledOrderIxArgs.order offset differs from the IDL");

/* instruction executeScheduledOrder: account indices */
#define KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_EXCHANGE 0
#define KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_SCHEDULED_ORDER 1
#define KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_MARGIN_ACCOUNT 2
#define KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_PERP_MARKET 3
#define KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_ORDERBOOK 4
#define KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_EVENT_QUEUE 5
#define KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_ORACLE 6
#define KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_KEEPER 7
#define KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNTS_LEN 8
/* instruction executeScheduledOrder: borsh args */
typedef struct __attribute__((packed)) ExecuteScheduledOrderIxArgs {
    u32 run_index; /* offset 0 */
} ExecuteScheduledOrderIxArgs;
_Static_assert(sizeof(ExecuteScheduledOrderIxArgs) == 4, "ExecuteScheduledOrderIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(ExecuteScheduledOrderIxArgs, run_index) == 0, "ExecuteScheduledOrderIxArgs.run_index offset differs from the IDL");

/* instruction cancelScheduledOrder: account indices */
#define KAIROS_CANCEL_SCHEDULED_ORDER_ACCOUNT_EXCHANGE 0
#define KAIROS_CANCEL_SCHEDULED_ORDER_ACCOUNT_SCHEDULED_ORDER 1
#define KAIROS_CANCEL_SCHEDULED_ORDER_ACCOUNT_OWNER 2
#define KAIROS_CANCEL_SCHEDULED_ORDER_ACCOUNTS_LEN 3
/* instruction cancelScheduledOrder: borsh args */
typedef struct __attribute__((packed)) CancelScheduledOrderIxArgs {
    u8 empty_[0];
} CancelScheduledOrderIxArgs;
_Static_assert(sizeof(CancelScheduledOrderIxArgs) == 0, "CancelScheduledOrderIxArgs size differs from the IDL");

/* instruction healthGuard: account indices */
#define KAIROS_HEALTH_GUARD_ACCOUNT_EXCHANGE 0
#define KAIROS_HEALTH_GUARD_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_HEALTH_GUARD_ACCOUNTS_LEN 2
/* instruction healthGuard: borsh args */
typedef struct __attribute__((packed)) HealthGuardIxArgs {
    i64 min_init_health; /* offset 0 */
} HealthGuardIxArgs;
_Static_assert(sizeof(HealthGuardIxArgs) == 8, "HealthGuardIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(HealthGuardIxArgs, min_init_health) == 0, "HealthGuardIxArgs.min_init_health offset differs from the IDL");

/* instruction setAssetRiskParams: account indices */
#define KAIROS_SET_ASSET_RISK_PARAMS_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_ASSET_RISK_PARAMS_ACCOUNT_ADMIN 1
#define KAIROS_SET_ASSET_RISK_PARAMS_ACCOUNT_COLLATERAL_ASSET 2
#define KAIROS_SET_ASSET_RISK_PARAMS_ACCOUNTS_LEN 3
/* instruction setAssetRiskParams: borsh args */
typedef struct __attribute__((packed)) SetAssetRiskParamsIxArgs {
    u64 init_weight_scale_threshold; /* offset 0 */
    u16 concentration_limit_bps; /* offset 8 */
} SetAssetRiskParamsIxArgs;
_Static_assert(sizeof(SetAssetRiskParamsIxArgs) == 10, "SetAssetRiskParamsIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetAssetRiskParamsIxArgs, init_weight_scale_threshold) == 0, "SetAssetRiskParamsIxArgs.init_weight_scale_threshold offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetAssetRiskParamsIxArgs, concentration_limit_bps) == 8, "SetAssetRiskParamsIxArgs.concentration_limit_bps offset differs from the IDL");

/* instruction accrueBorrowInterest: account indices */
#define KAIROS_ACCRUE_BORROW_INTEREST_ACCOUNT_EXCHANGE 0
#define KAIROS_ACCRUE_BORROW_INTEREST_ACCOUNT_QUOTE_ASSET 1
#define KAIROS_ACCRUE_BORROW_INTEREST_ACCOUNTS_LEN 2
/* instruction accrueBorrowInterest: borsh args */
typedef struct __attribute__((packed)) AccrueBorrowInterestIxArgs {
    u8 empty_[0];
} AccrueBorrowInterestIxArgs;
_Static_assert(sizeof(AccrueBorrowInterestIxArgs) == 0, "AccrueBorrowInterestIxArgs size differs from the IDL");

/* instruction setBorrowRateParams: account indices */
#define KAIROS_SET_BORROW_RATE_PARAMS_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_BORROW_RATE_PARAMS_ACCOUNT_ADMIN 1
#define KAIROS_SET_BORROW_RATE_PARAMS_ACCOUNT_QUOTE_ASSET 2
#define KAIROS_SET_BORROW_RATE_PARAMS_ACCOUNTS_LEN 3
/* instruction setBorrowRateParams: borsh args */
typedef struct __attribute__((packed)) SetBorrowRateParamsIxArgs {
    u16 base_rate_bps; /* offset 0 */
    u16 optimal_rate_bps; /* offset 2 */
    u16 max_rate_bps; /* offset 4 */
    u16 optimal_utilization_bps; /* offset 6 */
} SetBorrowRateParamsIxArgs;
_Static_assert(sizeof(SetBorrowRateParamsIxArgs) == 8, "SetBorrowRateParamsIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetBorrowRateParamsIxArgs, base_rate_bps) == 0, "SetBorrowRateParamsIxArgs.base_rate_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetBorrowRateParamsIxArgs, optimal_rate_bps) == 2, "SetBorrowRateParamsIxArgs.optimal_rate_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetBorrowRateParamsIxArgs, max_rate_bps) == 4, "SetBorrowRateParamsIxArgs.max_rate_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetBorrowRateParamsIxArgs, optimal_utilization_bps) == 6, "SetBorrowRateParamsIxArgs.optimal_utilization_bps offset differs from the IDL");

/* instruction expireAuction: account indices */
#define KAIROS_EXPIRE_AUCTION_ACCOUNT_EXCHANGE 0
#define KAIROS_EXPIRE_AUCTION_ACCOUNT_AUCTION 1
#define KAIROS_EXPIRE_AUCTION_ACCOUNT_TAKER_MARGIN_ACCOUNT 2
#define KAIROS_EXPIRE_AUCTION_ACCOUNT_TAKER_OWNER 3
#define KAIROS_EXPIRE_AUCTION_ACCOUNT_EXPIRER 4
#define KAIROS_EXPIRE_AUCTION_ACCOUNTS_LEN 5
/* instruction expireAuction: borsh args */
typedef struct __attribute__((packed)) ExpireAuctionIxArgs {
    u8 empty_[0];
} ExpireAuctionIxArgs;
_Static_assert(sizeof(ExpireAuctionIxArgs) == 0, "ExpireAuctionIxArgs size differs from the IDL");

/* instruction updateFunding: account indices */
#define KAIROS_UPDATE_FUNDING_ACCOUNT_EXCHANGE 0
#define KAIROS_UPDATE_FUNDING_ACCOUNT_PERP_MARKET 1
#define KAIROS_UPDATE_FUNDING_ACCOUNT_ORDERBOOK 2
#define KAIROS_UPDATE_FUNDING_ACCOUNT_EVENT_QUEUE 3
#define KAIROS_UPDATE_FUNDING_ACCOUNT_ORACLE 4
#define KAIROS_UPDATE_FUNDING_ACCOUNT_REWARD_ACCOUNT 5
#define KAIROS_UPDATE_FUNDING_ACCOUNTS_LEN 6
/* instruction updateFunding: borsh args */
typedef struct __attribute__((packed)) UpdateFundingIxArgs {
    u8 empty_[0];
} UpdateFundingIxArgs;
_Static_assert(sizeof(UpdateFundingIxArgs) == 0, "UpdateFundingIxArgs size differs from the IDL");

/* instruction setFundingParams: account indices */
#define KAIROS_SET_FUNDING_PARAMS_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_FUNDING_PARAMS_ACCOUNT_ADMIN 1
#define KAIROS_SET_FUNDING_PARAMS_ACCOUNT_PERP_MARKET 2
#define KAIROS_SET_FUNDING_PARAMS_ACCOUNTS_LEN 3
/* instruction setFundingParams: borsh args */
typedef struct __attribute__((packed)) SetFundingParamsIxArgs {
    u32 period_seconds; /* offset 0 */
    u16 max_rate_bps; /* offset 4 */
    u16 mark_band_bps; /* offset 6 */
    u8 paused; /* offset 8 */
    u64 crank_reward; /* offset 9 */
} SetFundingParamsIxArgs;
_Static_assert(sizeof(SetFundingParamsIxArgs) == 17, "SetFundingParamsIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetFundingParamsIxArgs, period_seconds) == 0, "SetFundingParamsIxArgs.period_seconds offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetFundingParamsIxArgs, max_rate_bps) == 4, "SetFundingParamsIxArgs.max_rate_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetFundingParamsIxArgs, mark_band_bps) == 6, "SetFundingParamsIxArgs.mark_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetFundingParamsIxArgs, paused) == 8, "SetFundingParamsIxArgs.paused offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetFundingParamsIxArgs, crank_reward) == 9, "SetFundingParamsIxArgs.crank_reward offset differs from the IDL");

/* instruction setMarketOrderRules: account indices */
#define KAIROS_SET_MARKET_ORDER_RULES_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_MARKET_ORDER_RULES_ACCOUNT_ADMIN 1
#define KAIROS_SET_MARKET_ORDER_RULES_ACCOUNT_PERP_MARKET 2
#define KAIROS_SET_MARKET_ORDER_RULES_ACCOUNTS_LEN 3
/* instruction setMarketOrderRules: borsh args */
typedef struct __attribute__((packed)) SetMarketOrderRulesIxArgs {
    u16 fill_band_bps; /* offset 0 */
    u16 rest_band_bps; /* offset 2 */
    u64 min_rest_lots; /* offset 4 */
} SetMarketOrderRulesIxArgs;
_Static_assert(sizeof(SetMarketOrderRulesIxArgs) == 12, "SetMarketOrderRulesIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetMarketOrderRulesIxArgs, fill_band_bps) == 0, "SetMarketOrderRulesIxArgs.fill_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetMarketOrderRulesIxArgs, rest_band_bps) == 2, "SetMarketOrderRulesIxArgs.rest_band_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetMarketOrderRulesIxArgs, min_rest_lots) == 4, "SetMarketOrderRulesIxArgs.min_rest_lots offset differs from the IDL");

/* instruction initializeRiskParameters: account indices */
#define KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNT_EXCHANGE 0
#define KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNT_ADMIN 1
#define KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNT_RISK_PARAMETERS 2
#define KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNT_SYSTEM_PROGRAM 3
#define KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNTS_LEN 4
/* instruction initializeRiskParameters: borsh args */
typedef struct __attribute__((packed)) InitializeRiskParametersIxArgs {
    u8 empty_[0];
} InitializeRiskParametersIxArgs;
_Static_assert(sizeof(InitializeRiskParametersIxArgs) == 0, "InitializeRiskParametersIxArgs size differs from the IDL");

/* instruction setRiskPublisher: account indices */
#define KAIROS_SET_RISK_PUBLISHER_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_RISK_PUBLISHER_ACCOUNT_ADMIN 1
#define KAIROS_SET_RISK_PUBLISHER_ACCOUNT_RISK_PARAMETERS 2
#define KAIROS_SET_RISK_PUBLISHER_ACCOUNTS_LEN 3
/* instruction setRiskPublisher: borsh args */
typedef struct __attribute__((packed)) SetRiskPublisherIxArgs {
    SolPubkey publisher; /* offset 0 */
} SetRiskPublisherIxArgs;
_Static_assert(sizeof(SetRiskPublisherIxArgs) == 32, "SetRiskPublisherIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetRiskPublisherIxArgs, publisher) == 0, "SetRiskPublisherIxArgs.publisher offset differs from the IDL");

/* instruction setRiskFactors: account indices */
#define KAIROS_SET_RISK_FACTORS_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_RISK_FACTORS_ACCOUNT_ADMIN 1
#define KAIROS_SET_RISK_FACTORS_ACCOUNT_RISK_PARAMETERS 2
#define KAIROS_SET_RISK_FACTORS_ACCOUNTS_LEN 3
/* instruction setRiskFactors: borsh args */
typedef struct __attribute__((packed)) SetRiskFactorsIxArgs {
    u8 empty_[0];
} SetRiskFactorsIxArgs;
_Static_assert(sizeof(SetRiskFactorsIxArgs) == 0, "SetRiskFactorsIxArgs size differs from the IDL");

/* instruction setRiskLimitCaps: account indices */
#define KAIROS_SET_RISK_LIMIT_CAPS_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_RISK_LIMIT_CAPS_ACCOUNT_ADMIN 1
#define KAIROS_SET_RISK_LIMIT_CAPS_ACCOUNT_RISK_PARAMETERS 2
#define KAIROS_SET_RISK_LIMIT_CAPS_ACCOUNTS_LEN 3
/* instruction setRiskLimitCaps: borsh args */
typedef struct __attribute__((packed)) SetRiskLimitCapsIxArgs {
    RiskLimitValues caps; /* offset 0 */
    RiskLimitValues defaults; /* offset 40 */
} SetRiskLimitCapsIxArgs;
_Static_assert(sizeof(SetRiskLimitCapsIxArgs) == 80, "SetRiskLimitCapsIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetRiskLimitCapsIxArgs, caps) == 0, "SetRiskLimitCapsIxArgs.caps offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetRiskLimitCapsIxArgs, defaults) == 40, "SetRiskLimitCapsIxArgs.defaults offset differs from the IDL");

/* instruction publishRiskParams: account indices */
#define KAIROS_PUBLISH_RISK_PARAMS_ACCOUNT_EXCHANGE 0
#define KAIROS_PUBLISH_RISK_PARAMS_ACCOUNT_PUBLISHER 1
#define KAIROS_PUBLISH_RISK_PARAMS_ACCOUNT_RISK_PARAMETERS 2
#define KAIROS_PUBLISH_RISK_PARAMS_ACCOUNTS_LEN 3
/* instruction publishRiskParams: borsh args */
typedef struct __attribute__((packed)) PublishRiskParamsIxArgs {
    PublishRiskParamsArgs args; /* offset 0 */
} PublishRiskParamsIxArgs;
_Static_assert(sizeof(PublishRiskParamsIxArgs) == 589, "PublishRiskParamsIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(PublishRiskParamsIxArgs, args) == 0, "PublishRiskParamsIxArgs.args offset differs from the IDL");

/* instruction createRiskLimits: account indices */
#define KAIROS_CREATE_RISK_LIMITS_ACCOUNT_EXCHANGE 0
#define KAIROS_CREATE_RISK_LIMITS_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_CREATE_RISK_LIMITS_ACCOUNT_OWNER 2
#define KAIROS_CREATE_RISK_LIMITS_ACCOUNT_RISK_PARAMETERS 3
#define KAIROS_CREATE_RISK_LIMITS_ACCOUNT_RISK_LIMITS 4
#define KAIROS_CREATE_RISK_LIMITS_ACCOUNT_SYSTEM_PROGRAM 5
#define KAIROS_CREATE_RISK_LIMITS_ACCOUNTS_LEN 6
/* instruction createRiskLimits: borsh args */
typedef struct __attribute__((packed)) CreateRiskLimitsIxArgs {
    SolPubkey delegate; /* offset 0 */
    RiskLimitValues limits; /* offset 32 */
} CreateRiskLimitsIxArgs;
_Static_assert(sizeof(CreateRiskLimitsIxArgs) == 72, "CreateRiskLimitsIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(CreateRiskLimitsIxArgs, delegate) == 0, "CreateRiskLimitsIxArgs.delegate offset differs from the IDL");
_Static_assert(__builtin_offsetof(CreateRiskLimitsIxArgs, limits) == 32, "CreateRiskLimitsIxArgs.limits offset differs from the IDL");

/* instruction setRiskLimits: account indices */
#define KAIROS_SET_RISK_LIMITS_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_RISK_LIMITS_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_SET_RISK_LIMITS_ACCOUNT_RISK_PARAMETERS 2
#define KAIROS_SET_RISK_LIMITS_ACCOUNT_RISK_LIMITS 3
#define KAIROS_SET_RISK_LIMITS_ACCOUNT_AUTHORITY 4
#define KAIROS_SET_RISK_LIMITS_ACCOUNTS_LEN 5
/* instruction setRiskLimits: borsh args */
typedef struct __attribute__((packed)) SetRiskLimitsIxArgs {
    RiskLimitValues limits; /* offset 0 */
    SolPubkey delegate; /* offset 40 */
} SetRiskLimitsIxArgs;
_Static_assert(sizeof(SetRiskLimitsIxArgs) == 72, "SetRiskLimitsIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetRiskLimitsIxArgs, limits) == 0, "SetRiskLimitsIxArgs.limits offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetRiskLimitsIxArgs, delegate) == 40, "SetRiskLimitsIxArgs.delegate offset differs from the IDL");

/* instruction resetHighWaterMark: account indices */
#define KAIROS_RESET_HIGH_WATER_MARK_ACCOUNT_EXCHANGE 0
#define KAIROS_RESET_HIGH_WATER_MARK_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_RESET_HIGH_WATER_MARK_ACCOUNT_OWNER 2
#define KAIROS_RESET_HIGH_WATER_MARK_ACCOUNT_RISK_PARAMETERS 3
#define KAIROS_RESET_HIGH_WATER_MARK_ACCOUNT_RISK_LIMITS 4
#define KAIROS_RESET_HIGH_WATER_MARK_ACCOUNTS_LEN 5
/* instruction resetHighWaterMark: borsh args */
typedef struct __attribute__((packed)) ResetHighWaterMarkIxArgs {
    u8 empty_[0];
} ResetHighWaterMarkIxArgs;
_Static_assert(sizeof(ResetHighWaterMarkIxArgs) == 0, "ResetHighWaterMarkIxArgs size differs from the IDL");

/* instruction computeRisk: account indices */
#define KAIROS_COMPUTE_RISK_ACCOUNT_EXCHANGE 0
#define KAIROS_COMPUTE_RISK_ACCOUNT_MARGIN_ACCOUNT 1
#define KAIROS_COMPUTE_RISK_ACCOUNT_RISK_PARAMETERS 2
#define KAIROS_COMPUTE_RISK_ACCOUNT_RISK_LIMITS 3
#define KAIROS_COMPUTE_RISK_ACCOUNTS_LEN 4
/* instruction computeRisk: borsh args */
typedef struct __attribute__((packed)) ComputeRiskIxArgs {
    u8 empty_[0];
} ComputeRiskIxArgs;
_Static_assert(sizeof(ComputeRiskIxArgs) == 0, "ComputeRiskIxArgs size differs from the IDL");

/* instruction setRebalancePolicy: account indices */
#define KAIROS_SET_REBALANCE_POLICY_ACCOUNT_EXCHANGE 0
#define KAIROS_SET_REBALANCE_POLICY_ACCOUNT_OWNER 1
#define KAIROS_SET_REBALANCE_POLICY_ACCOUNT_REBALANCE_POLICY 2
#define KAIROS_SET_REBALANCE_POLICY_ACCOUNT_SYSTEM_PROGRAM 3
#define KAIROS_SET_REBALANCE_POLICY_ACCOUNTS_LEN 4
/* instruction setRebalancePolicy: borsh args */
typedef struct __attribute__((packed)) SetRebalancePolicyIxArgs {
    SolPubkey delegate; /* offset 0 */
    u32 asset_mask; /* offset 32 */
    u16 max_utilization_bps; /* offset 36 */
    RebalanceMember members[8]; /* offset 38 */
    u8 member_count; /* offset 358 */
} SetRebalancePolicyIxArgs;
_Static_assert(sizeof(SetRebalancePolicyIxArgs) == 359, "SetRebalancePolicyIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(SetRebalancePolicyIxArgs, delegate) == 0, "SetRebalancePolicyIxArgs.delegate offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetRebalancePolicyIxArgs, asset_mask) == 32, "SetRebalancePolicyIxArgs.asset_mask offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetRebalancePolicyIxArgs, max_utilization_bps) == 36, "SetRebalancePolicyIxArgs.max_utilization_bps offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetRebalancePolicyIxArgs, members) == 38, "SetRebalancePolicyIxArgs.members offset differs from the IDL");
_Static_assert(__builtin_offsetof(SetRebalancePolicyIxArgs, member_count) == 358, "SetRebalancePolicyIxArgs.member_count offset differs from the IDL");

/* instruction rebalanceCollateral: account indices */
#define KAIROS_REBALANCE_COLLATERAL_ACCOUNT_EXCHANGE 0
#define KAIROS_REBALANCE_COLLATERAL_ACCOUNT_REBALANCE_POLICY 1
#define KAIROS_REBALANCE_COLLATERAL_ACCOUNT_AUTHORITY 2
#define KAIROS_REBALANCE_COLLATERAL_ACCOUNT_FROM_MARGIN_ACCOUNT 3
#define KAIROS_REBALANCE_COLLATERAL_ACCOUNT_TO_MARGIN_ACCOUNT 4
#define KAIROS_REBALANCE_COLLATERAL_ACCOUNT_COLLATERAL_ASSET 5
#define KAIROS_REBALANCE_COLLATERAL_ACCOUNTS_LEN 6
/* instruction rebalanceCollateral: borsh args */
typedef struct __attribute__((packed)) RebalanceCollateralIxArgs {
    u64 amount; /* offset 0 */
} RebalanceCollateralIxArgs;
_Static_assert(sizeof(RebalanceCollateralIxArgs) == 8, "RebalanceCollateralIxArgs size differs from the IDL");
_Static_assert(__builtin_offsetof(RebalanceCollateralIxArgs, amount) == 0, "RebalanceCollateralIxArgs.amount offset differs from the IDL");

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
    X(KAIROS_IX_COMPUTE_HEALTH, KAIROS_IX_INDEX_COMPUTE_HEALTH, process_compute_health) \
    X(KAIROS_IX_OPEN_AUCTION, KAIROS_IX_INDEX_OPEN_AUCTION, process_open_auction) \
    X(KAIROS_IX_SUBMIT_BID, KAIROS_IX_INDEX_SUBMIT_BID, process_submit_bid) \
    X(KAIROS_IX_IMPROVE_BID, KAIROS_IX_INDEX_IMPROVE_BID, process_improve_bid) \
    X(KAIROS_IX_CANCEL_BID, KAIROS_IX_INDEX_CANCEL_BID, process_cancel_bid) \
    X(KAIROS_IX_SETTLE_AUCTION, KAIROS_IX_INDEX_SETTLE_AUCTION, process_settle_auction) \
    X(KAIROS_IX_SET_LIQUIDATION_PARAMS, KAIROS_IX_INDEX_SET_LIQUIDATION_PARAMS, process_set_liquidation_params) \
    X(KAIROS_IX_SET_PERP_LIQUIDATION_FEE, KAIROS_IX_INDEX_SET_PERP_LIQUIDATION_FEE, process_set_perp_liquidation_fee) \
    X(KAIROS_IX_SET_ASSET_LIQUIDATION_DISCOUNT, KAIROS_IX_INDEX_SET_ASSET_LIQUIDATION_DISCOUNT, process_set_asset_liquidation_discount) \
    X(KAIROS_IX_FORCE_CANCEL_ORDERS, KAIROS_IX_INDEX_FORCE_CANCEL_ORDERS, process_force_cancel_orders) \
    X(KAIROS_IX_LIQUIDATE_PERP, KAIROS_IX_INDEX_LIQUIDATE_PERP, process_liquidate_perp) \
    X(KAIROS_IX_LIQUIDATE_COLLATERAL, KAIROS_IX_INDEX_LIQUIDATE_COLLATERAL, process_liquidate_collateral) \
    X(KAIROS_IX_RESOLVE_BANKRUPTCY, KAIROS_IX_INDEX_RESOLVE_BANKRUPTCY, process_resolve_bankruptcy) \
    X(KAIROS_IX_SWEEP_FEES_TO_INSURANCE, KAIROS_IX_INDEX_SWEEP_FEES_TO_INSURANCE, process_sweep_fees_to_insurance) \
    X(KAIROS_IX_PLACE_ORDER_V2, KAIROS_IX_INDEX_PLACE_ORDER_V2, process_place_order_v2) \
    X(KAIROS_IX_CREATE_TRIGGER_ORDER, KAIROS_IX_INDEX_CREATE_TRIGGER_ORDER, process_create_trigger_order) \
    X(KAIROS_IX_CANCEL_TRIGGER_ORDER, KAIROS_IX_INDEX_CANCEL_TRIGGER_ORDER, process_cancel_trigger_order) \
    X(KAIROS_IX_TRIGGER_ORDER, KAIROS_IX_INDEX_TRIGGER_ORDER, process_trigger_order) \
    X(KAIROS_IX_UPDATE_TRAILING_STOP, KAIROS_IX_INDEX_UPDATE_TRAILING_STOP, process_update_trailing_stop) \
    X(KAIROS_IX_CREATE_TWAP_ORDER, KAIROS_IX_INDEX_CREATE_TWAP_ORDER, process_create_twap_order) \
    X(KAIROS_IX_EXECUTE_TWAP_SLICE, KAIROS_IX_INDEX_EXECUTE_TWAP_SLICE, process_execute_twap_slice) \
    X(KAIROS_IX_SET_TWAP_PAUSED, KAIROS_IX_INDEX_SET_TWAP_PAUSED, process_set_twap_paused) \
    X(KAIROS_IX_CANCEL_TWAP_ORDER, KAIROS_IX_INDEX_CANCEL_TWAP_ORDER, process_cancel_twap_order) \
    X(KAIROS_IX_CREATE_SCHEDULED_ORDER, KAIROS_IX_INDEX_CREATE_SCHEDULED_ORDER, process_create_scheduled_order) \
    X(KAIROS_IX_EXECUTE_SCHEDULED_ORDER, KAIROS_IX_INDEX_EXECUTE_SCHEDULED_ORDER, process_execute_scheduled_order) \
    X(KAIROS_IX_CANCEL_SCHEDULED_ORDER, KAIROS_IX_INDEX_CANCEL_SCHEDULED_ORDER, process_cancel_scheduled_order) \
    X(KAIROS_IX_HEALTH_GUARD, KAIROS_IX_INDEX_HEALTH_GUARD, process_health_guard) \
    X(KAIROS_IX_SET_ASSET_RISK_PARAMS, KAIROS_IX_INDEX_SET_ASSET_RISK_PARAMS, process_set_asset_risk_params) \
    X(KAIROS_IX_ACCRUE_BORROW_INTEREST, KAIROS_IX_INDEX_ACCRUE_BORROW_INTEREST, process_accrue_borrow_interest) \
    X(KAIROS_IX_SET_BORROW_RATE_PARAMS, KAIROS_IX_INDEX_SET_BORROW_RATE_PARAMS, process_set_borrow_rate_params) \
    X(KAIROS_IX_EXPIRE_AUCTION, KAIROS_IX_INDEX_EXPIRE_AUCTION, process_expire_auction) \
    X(KAIROS_IX_UPDATE_FUNDING, KAIROS_IX_INDEX_UPDATE_FUNDING, process_update_funding) \
    X(KAIROS_IX_SET_FUNDING_PARAMS, KAIROS_IX_INDEX_SET_FUNDING_PARAMS, process_set_funding_params) \
    X(KAIROS_IX_SET_MARKET_ORDER_RULES, KAIROS_IX_INDEX_SET_MARKET_ORDER_RULES, process_set_market_order_rules) \
    X(KAIROS_IX_INITIALIZE_RISK_PARAMETERS, KAIROS_IX_INDEX_INITIALIZE_RISK_PARAMETERS, process_initialize_risk_parameters) \
    X(KAIROS_IX_SET_RISK_PUBLISHER, KAIROS_IX_INDEX_SET_RISK_PUBLISHER, process_set_risk_publisher) \
    X(KAIROS_IX_SET_RISK_FACTORS, KAIROS_IX_INDEX_SET_RISK_FACTORS, process_set_risk_factors) \
    X(KAIROS_IX_SET_RISK_LIMIT_CAPS, KAIROS_IX_INDEX_SET_RISK_LIMIT_CAPS, process_set_risk_limit_caps) \
    X(KAIROS_IX_PUBLISH_RISK_PARAMS, KAIROS_IX_INDEX_PUBLISH_RISK_PARAMS, process_publish_risk_params) \
    X(KAIROS_IX_CREATE_RISK_LIMITS, KAIROS_IX_INDEX_CREATE_RISK_LIMITS, process_create_risk_limits) \
    X(KAIROS_IX_SET_RISK_LIMITS, KAIROS_IX_INDEX_SET_RISK_LIMITS, process_set_risk_limits) \
    X(KAIROS_IX_RESET_HIGH_WATER_MARK, KAIROS_IX_INDEX_RESET_HIGH_WATER_MARK, process_reset_high_water_mark) \
    X(KAIROS_IX_COMPUTE_RISK, KAIROS_IX_INDEX_COMPUTE_RISK, process_compute_risk) \
    X(KAIROS_IX_SET_REBALANCE_POLICY, KAIROS_IX_INDEX_SET_REBALANCE_POLICY, process_set_rebalance_policy) \
    X(KAIROS_IX_REBALANCE_COLLATERAL, KAIROS_IX_INDEX_REBALANCE_COLLATERAL, process_rebalance_collateral)

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
    case 6034: *length = 92; return "AuctionDurationOutOfRange: The auction duration must be 1..=MAX_AUCTION_DURATION_SLOTS slots";
    case 6035: *length = 72; return "AuctionBiddingClosed: The auction's deadline has passed: bids are closed";
    case 6036: *length = 88; return "AuctionNotEnded: The auction's deadline has not passed (only the taker may accept early)";
    case 6037: *length = 70; return "BidOutsideLimit: The bid's price is worse than the taker's limit price";
    case 6038: *length = 85; return "BidAlreadyExists: This provider already has a bid in the auction (improve it instead)";
    case 6039: *length = 52; return "BidNotFound: This provider has no bid in the auction";
    case 6040: *length = 85; return "BidNotImproved: An improved bid must not be worse in price or size, and better in one";
    case 6041: *length = 75; return "AuctionFull: The auction is full and the bid does not outrank the worst bid";
    case 6042: *length = 48; return "SelfBid: The taker cannot bid in its own auction";
    case 6043: *length = 89; return "AuctionProviderMismatch: The settlement's provider accounts do not match the winning bids";
    case 6044: *length = 99; return "NotLiquidatable: The account is not liquidatable (maintenance health >= 0 and not being liquidated)";
    case 6045: *length = 78; return "OpenOrdersRemain: Cancel the account's open orders first (force_cancel_orders)";
    case 6046: *length = 66; return "NothingToLiquidate: Nothing to liquidate in this position or asset";
    case 6047: *length = 85; return "NotBankrupt: The account still holds collateral, positions or orders, or owes nothing";
    case 6048: *length = 51; return "SelfLiquidation: An account cannot liquidate itself";
    case 6049: *length = 74; return "InvalidLiquidationParams: Liquidation fee, discount or buffer out of range";
    case 6050: *length = 67; return "FillOrKillNotFilled: A fill-or-kill order could not fill completely";
    case 6051: *length = 58; return "PostOnlyWouldCross: A post-only order would cross the book";
    case 6052: *length = 80; return "SelfTradeAborted: The order would trade with a resting order of the same account";
    case 6053: *length = 51; return "OrderExpired: The order expiry is not in the future";
    case 6054: *length = 72; return "ReduceOnlyNotReducing: A reduce-only order would not reduce the position";
    case 6055: *length = 111; return "TriggerNotReady: Not triggerable yet: the trigger condition does not hold (or the bracket entry has not filled)";
    case 6056: *length = 75; return "TriggerOrderNotActive: The trigger order was already triggered or cancelled";
    case 6057: *length = 76; return "TrailingStopNotImproved: The oracle price does not improve the trailing stop";
    case 6058: *length = 73; return "TriggerOrderLimit: The account holds the maximum number of trigger orders";
    case 6059: *length = 62; return "LinkedTriggerMismatch: The linked trigger order does not match";
    case 6060: *length = 59; return "NotDue: The next TWAP slice or scheduled run is not due yet";
    case 6061: *length = 81; return "AlreadyExecuted: This TWAP slice or scheduled run was already executed or skipped";
    case 6062: *length = 37; return "OrderPaused: The TWAP order is paused";
    case 6063: *length = 59; return "OrderFinished: The TWAP or scheduled order has no runs left";
    case 6064: *length = 70; return "InvalidCronExpression: The cron expression is malformed or never fires";
    case 6065: *length = 72; return "InvalidSchedule: The schedule's times, counts or limits are inconsistent";
    case 6066: *length = 60; return "MarginAccountMismatch: The margin account is not the order's";
    case 6067: *length = 132; return "InvalidBorrowRateParams: Borrow rates must not decrease along the curve and the kink must be strictly between 0 and 100% utilization";
    case 6068: *length = 131; return "AuctionNotExpired: The auction can be expired only after its deadline plus the grace period, or while its taker is being liquidated";
    case 6069: *length = 114; return "FundingFillsPending: A fill made before the last funding roll still waits in the event queue: consume events first";
    case 6070: *length = 74; return "InvalidFundingParams: Funding period, rate clamp or mark band out of range";
    case 6071: *length = 137; return "PriceOutsideBand: A resting order's price lies outside the market's resting band around the oracle, or on the wrong side of its fill band";
    case 6072: *length = 111; return "HealthWorsened: Below initial health, an order may only reduce the position without lowering maintenance health";
    case 6073: *length = 81; return "RestingOrderTooSmall: The order is smaller than the market's minimum resting size";
    case 6074: *length = 143; return "InvalidPriceBands: Price bands must satisfy 0 < fill band <= resting band, and the minimum resting size must be at least the minimum order size";
    case 6075: *length = 101; return "RiskParametersStale: The risk parameters are missing, unpublished or older than their staleness bound";
    case 6076: *length = 133; return "RiskParametersInvalid: Risk parameters out of range: volatility, correlation in [-1, 1], symmetric with a unit diagonal, factor count";
    case 6077: *length = 128; return "CorrelationNotPositiveSemiDefinite: The correlation matrix is not positive semi-definite (an LDL pivot fell below the tolerance)";
    case 6078: *length = 102; return "RiskPublisherUnauthorized: Only the admin or the authorised risk publisher may publish risk parameters";
    case 6079: *length = 47; return "RiskLimitsInvalid: A risk limit is out of range";
    case 6080: *length = 65; return "RiskLimitAboveCap: A risk limit is looser than the exchange's cap";
    case 6081: *length = 90; return "RiskDelegateUnauthorized: Only the margin account's owner or its risk delegate may do this";
    case 6082: *length = 132; return "RiskAccountsMissing: This margin account has risk limits: the RiskLimits and RiskParameters accounts must follow the health accounts";
    case 6083: *length = 111; return "RiskAccountsMismatch: The RiskLimits or RiskParameters account is not the one of this margin account / exchange";
    case 6084: *length = 69; return "RiskFactorMissing: A position's oracle is not a published risk factor";
    case 6085: *length = 80; return "RiskReduceOnly: The account is reduce-only after a daily-loss or drawdown breach";
    case 6086: *length = 51; return "RiskCooldownActive: The cooldown has not passed yet";
    case 6087: *length = 48; return "RiskLeverageLimit: Risk limit breached: leverage";
    case 6088: *length = 78; return "RiskPositionLimit: Risk limit breached: position notional as a share of equity";
    case 6089: *length = 71; return "RiskConcentrationLimit: Risk limit breached: concentration in one asset";
    case 6090: *length = 51; return "RiskDailyLossLimit: Risk limit breached: daily loss";
    case 6091: *length = 73; return "RiskDrawdownLimit: Risk limit breached: drawdown from the high-water mark";
    case 6092: *length = 58; return "RiskVarLimit: Risk limit breached: 1-day 99% value at risk";
    case 6093: *length = 79; return "RiskCorrelatedExposureLimit: Risk limit breached: correlation-weighted exposure";
    case 6094: *length = 108; return "RiskLiquidityLimit: Risk limit breached: the order takes too large a share of the book depth near the oracle";
    case 6095: *length = 138; return "RebalancePolicyInvalid: The rebalancing policy is invalid: members (the owner's, distinct, at most 8), bands, asset mask or minimum health";
    case 6096: *length = 123; return "RebalanceNotAllowed: The move is outside the rebalancing policy (members, asset, authority, or an account with risk limits)";
    case 6097: *length = 88; return "RebalanceHealthTooLow: The move would leave an account below its policy's minimum health";
    case 6098: *length = 117; return "RiskLimitedAuctionProvider: An account with risk limits cannot bid in auctions: settlement could not check its limits";
    default: *length = 0; return "";
    }
}

#endif /* KAIROS_GENERATED_IDL_H */
