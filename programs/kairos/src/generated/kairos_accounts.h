/*
 * GENERATED from idl/kairos.json by kairos_toolchain.idl_accounts: do not edit.
 * Regenerate with `python scripts/gen_idl_header.py` (kairos build does it too);
 * tests/clients/kairos_toolchain/test_idl_accounts.py fails when it is stale.
 *
 * Per instruction: its accounts (<Name>IxAccounts) and load_<name>_accounts,
 * the checks the IDL knows (count, args size, signer, writable, fixed
 * addresses, owner + size + discriminator of typed accounts of this program,
 * canonical PDAs of created accounts). The handler adds the semantic checks.
 */
#ifndef KAIROS_GENERATED_ACCOUNTS_H
#define KAIROS_GENERATED_ACCOUNTS_H

#include "generated/kairos_idl.h"
#include "sol/input.h"
#include "validate/accounts.h"
#include "validate/pda.h"

/* Constant PDA seeds (without a terminating NUL: use sizeof - 1). */
#define KAIROS_SEED_AUCTION "auction"
#define KAIROS_SEED_COLLATERAL "collateral"
#define KAIROS_SEED_EXCHANGE "exchange"
#define KAIROS_SEED_INSURANCE "insurance"
#define KAIROS_SEED_MARGIN "margin"
#define KAIROS_SEED_ORACLE "oracle"
#define KAIROS_SEED_PERP_MARKET "perp_market"
#define KAIROS_SEED_REBALANCE_POLICY "rebalance_policy"
#define KAIROS_SEED_RISK_LIMITS "risk_limits"
#define KAIROS_SEED_RISK_PARAMETERS "risk_parameters"
#define KAIROS_SEED_SCHEDULE "schedule"
#define KAIROS_SEED_TRIGGER "trigger"
#define KAIROS_SEED_TWAP "twap"
#define KAIROS_SEED_VAULT "vault"

/* Fixed addresses of instruction accounts (programs). */
#define KAIROS_ADDRESS_SYSTEM_PROGRAM_BYTES {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}
static const SolPubkey KAIROS_ADDRESS_SYSTEM_PROGRAM = {KAIROS_ADDRESS_SYSTEM_PROGRAM_BYTES};
#define KAIROS_ADDRESS_TOKEN_PROGRAM_BYTES {0x06, 0xdd, 0xf6, 0xe1, 0xd7, 0x65, 0xa1, 0x93, 0xd9, 0xcb, 0xe1, 0x46, 0xce, 0xeb, 0x79, 0xac, 0x1c, 0xb4, 0x85, 0xed, 0x5f, 0x5b, 0x37, 0x91, 0x3a, 0x8c, 0xf5, 0x85, 0x7e, 0xff, 0x00, 0xa9}
static const SolPubkey KAIROS_ADDRESS_TOKEN_PROGRAM = {KAIROS_ADDRESS_TOKEN_PROGRAM_BYTES};

/* instruction initializeExchange */
typedef struct InitializeExchangeIxAccounts {
    AccountView exchange; /* writable, created here at its canonical PDA */
    AccountView admin; /* signer, writable */
    AccountView quote_mint; /* unchecked here: see the handler */
    AccountView quote_asset; /* writable, created here at its canonical PDA */
    AccountView quote_vault; /* writable, created here at its canonical PDA */
    AccountView insurance_vault; /* writable, created here at its canonical PDA */
    AccountView token_program; /* == TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const InitializeExchangeIxArgs *args;
    PdaSigner exchange_pda; /* seeds + canonical bump */
    PdaSigner quote_asset_pda; /* seeds + canonical bump */
    PdaSigner quote_vault_pda; /* seeds + canonical bump */
    PdaSigner insurance_vault_pda; /* seeds + canonical bump */
} InitializeExchangeIxAccounts;

static inline u64 load_initialize_exchange_accounts(const ProgramInput *input, InitializeExchangeIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_INITIALIZE_EXCHANGE_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(InitializeExchangeIxArgs)));
    accounts->exchange = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_ADMIN];
    accounts->quote_mint = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_QUOTE_MINT];
    accounts->quote_asset = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_QUOTE_ASSET];
    accounts->quote_vault = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_QUOTE_VAULT];
    accounts->insurance_vault = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_INSURANCE_VAULT];
    accounts->token_program = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_TOKEN_PROGRAM];
    accounts->system_program = input->accounts[KAIROS_INITIALIZE_EXCHANGE_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const InitializeExchangeIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->exchange));
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->admin));
    TRY(require_writable(accounts->quote_asset));
    TRY(require_writable(accounts->quote_vault));
    TRY(require_writable(accounts->insurance_vault));
    TRY(require_program(accounts->token_program, &KAIROS_ADDRESS_TOKEN_PROGRAM));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* The canonical PDAs initializeExchange creates, after its semantic checks (cheap
 * refusals first: a derivation costs ~1,500 CU per bump tried). */
static inline u64 derive_initialize_exchange_pdas(const ProgramInput *input, InitializeExchangeIxAccounts *accounts) {
    {
        SolSignerSeed seeds[1] = {
            {(const u8 *)KAIROS_SEED_EXCHANGE, sizeof(KAIROS_SEED_EXCHANGE) - 1},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->exchange, seeds, SEED_COUNT(seeds), input->program_id, &accounts->exchange_pda));
    }
    {
        SolSignerSeed seeds[2] = {
            {(const u8 *)KAIROS_SEED_COLLATERAL, sizeof(KAIROS_SEED_COLLATERAL) - 1},
            {accounts->quote_mint->key.x, PUBKEY_BYTES},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->quote_asset, seeds, SEED_COUNT(seeds), input->program_id, &accounts->quote_asset_pda));
    }
    {
        SolSignerSeed seeds[2] = {
            {(const u8 *)KAIROS_SEED_VAULT, sizeof(KAIROS_SEED_VAULT) - 1},
            {accounts->quote_mint->key.x, PUBKEY_BYTES},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->quote_vault, seeds, SEED_COUNT(seeds), input->program_id, &accounts->quote_vault_pda));
    }
    {
        SolSignerSeed seeds[2] = {
            {(const u8 *)KAIROS_SEED_INSURANCE, sizeof(KAIROS_SEED_INSURANCE) - 1},
            {accounts->quote_mint->key.x, PUBKEY_BYTES},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->insurance_vault, seeds, SEED_COUNT(seeds), input->program_id, &accounts->insurance_vault_pda));
    }
    return KAIROS_OK;
}

/* instruction setInstructionGate */
typedef struct SetInstructionGateIxAccounts {
    AccountView exchange; /* writable, entrypoint-checked Exchange */
    AccountView admin; /* signer */
    const SetInstructionGateIxArgs *args;
} SetInstructionGateIxAccounts;

static inline u64 load_set_instruction_gate_accounts(const ProgramInput *input, SetInstructionGateIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_INSTRUCTION_GATE_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetInstructionGateIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_INSTRUCTION_GATE_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_SET_INSTRUCTION_GATE_ACCOUNT_ADMIN];
    accounts->args = (const SetInstructionGateIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->exchange));
    TRY(require_signer(accounts->admin));
    return KAIROS_OK;
}

/* instruction createOracle */
typedef struct CreateOracleIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView oracle; /* writable, created here at its canonical PDA */
    AccountView authority; /* signer, writable */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const CreateOracleIxArgs *args;
    PdaSigner oracle_pda; /* seeds + canonical bump */
} CreateOracleIxAccounts;

static inline u64 load_create_oracle_accounts(const ProgramInput *input, CreateOracleIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CREATE_ORACLE_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CreateOracleIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CREATE_ORACLE_ACCOUNT_EXCHANGE];
    accounts->oracle = input->accounts[KAIROS_CREATE_ORACLE_ACCOUNT_ORACLE];
    accounts->authority = input->accounts[KAIROS_CREATE_ORACLE_ACCOUNT_AUTHORITY];
    accounts->system_program = input->accounts[KAIROS_CREATE_ORACLE_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const CreateOracleIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->oracle));
    TRY(require_signer(accounts->authority));
    TRY(require_writable(accounts->authority));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* The canonical PDAs createOracle creates, after its semantic checks (cheap
 * refusals first: a derivation costs ~1,500 CU per bump tried). */
static inline u64 derive_create_oracle_pdas(const ProgramInput *input, CreateOracleIxAccounts *accounts) {
    {
        SolSignerSeed seeds[3] = {
            {(const u8 *)KAIROS_SEED_ORACLE, sizeof(KAIROS_SEED_ORACLE) - 1},
            {accounts->authority->key.x, PUBKEY_BYTES},
            {(const u8 *)accounts->args + __builtin_offsetof(CreateOracleIxArgs, args.seed), sizeof(accounts->args->args.seed)},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->oracle, seeds, SEED_COUNT(seeds), input->program_id, &accounts->oracle_pda));
    }
    return KAIROS_OK;
}

/* instruction updateOracle */
typedef struct UpdateOracleIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView oracle; /* writable, Oracle */
    AccountView authority; /* signer */
    const UpdateOracleIxArgs *args;
} UpdateOracleIxAccounts;

static inline u64 load_update_oracle_accounts(const ProgramInput *input, UpdateOracleIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_UPDATE_ORACLE_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(UpdateOracleIxArgs)));
    accounts->exchange = input->accounts[KAIROS_UPDATE_ORACLE_ACCOUNT_EXCHANGE];
    accounts->oracle = input->accounts[KAIROS_UPDATE_ORACLE_ACCOUNT_ORACLE];
    accounts->authority = input->accounts[KAIROS_UPDATE_ORACLE_ACCOUNT_AUTHORITY];
    accounts->args = (const UpdateOracleIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->oracle));
    TRY(require_program_account(accounts->oracle, input->program_id, KAIROS_ACCOUNT_DISC_ORACLE, KAIROS_ORACLE_ACCOUNT_SIZE));
    TRY(require_signer(accounts->authority));
    return KAIROS_OK;
}

/* instruction addCollateralAsset */
typedef struct AddCollateralAssetIxAccounts {
    AccountView exchange; /* writable, entrypoint-checked Exchange */
    AccountView admin; /* signer, writable */
    AccountView mint; /* unchecked here: see the handler */
    AccountView collateral_asset; /* writable, created here at its canonical PDA */
    AccountView vault; /* writable, created here at its canonical PDA */
    AccountView oracle; /* unchecked here: see the handler */
    AccountView token_program; /* == TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const AddCollateralAssetIxArgs *args;
    PdaSigner collateral_asset_pda; /* seeds + canonical bump */
    PdaSigner vault_pda; /* seeds + canonical bump */
} AddCollateralAssetIxAccounts;

static inline u64 load_add_collateral_asset_accounts(const ProgramInput *input, AddCollateralAssetIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_ADD_COLLATERAL_ASSET_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(AddCollateralAssetIxArgs)));
    accounts->exchange = input->accounts[KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_ADMIN];
    accounts->mint = input->accounts[KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_MINT];
    accounts->collateral_asset = input->accounts[KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_COLLATERAL_ASSET];
    accounts->vault = input->accounts[KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_VAULT];
    accounts->oracle = input->accounts[KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_ORACLE];
    accounts->token_program = input->accounts[KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_TOKEN_PROGRAM];
    accounts->system_program = input->accounts[KAIROS_ADD_COLLATERAL_ASSET_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const AddCollateralAssetIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->exchange));
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->admin));
    TRY(require_writable(accounts->collateral_asset));
    TRY(require_writable(accounts->vault));
    TRY(require_program(accounts->token_program, &KAIROS_ADDRESS_TOKEN_PROGRAM));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* The canonical PDAs addCollateralAsset creates, after its semantic checks (cheap
 * refusals first: a derivation costs ~1,500 CU per bump tried). */
static inline u64 derive_add_collateral_asset_pdas(const ProgramInput *input, AddCollateralAssetIxAccounts *accounts) {
    {
        SolSignerSeed seeds[2] = {
            {(const u8 *)KAIROS_SEED_COLLATERAL, sizeof(KAIROS_SEED_COLLATERAL) - 1},
            {accounts->mint->key.x, PUBKEY_BYTES},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->collateral_asset, seeds, SEED_COUNT(seeds), input->program_id, &accounts->collateral_asset_pda));
    }
    {
        SolSignerSeed seeds[2] = {
            {(const u8 *)KAIROS_SEED_VAULT, sizeof(KAIROS_SEED_VAULT) - 1},
            {accounts->mint->key.x, PUBKEY_BYTES},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->vault, seeds, SEED_COUNT(seeds), input->program_id, &accounts->vault_pda));
    }
    return KAIROS_OK;
}

/* instruction createPerpMarket */
typedef struct CreatePerpMarketIxAccounts {
    AccountView exchange; /* writable, entrypoint-checked Exchange */
    AccountView admin; /* signer, writable */
    AccountView perp_market; /* writable, created here at its canonical PDA */
    AccountView orderbook; /* writable */
    AccountView event_queue; /* writable */
    AccountView oracle; /* Oracle */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const CreatePerpMarketIxArgs *args;
    PdaSigner perp_market_pda; /* seeds + canonical bump */
} CreatePerpMarketIxAccounts;

static inline u64 load_create_perp_market_accounts(const ProgramInput *input, CreatePerpMarketIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CREATE_PERP_MARKET_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CreatePerpMarketIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_ADMIN];
    accounts->perp_market = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_ORDERBOOK];
    accounts->event_queue = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_EVENT_QUEUE];
    accounts->oracle = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_ORACLE];
    accounts->system_program = input->accounts[KAIROS_CREATE_PERP_MARKET_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const CreatePerpMarketIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->exchange));
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->admin));
    TRY(require_writable(accounts->perp_market));
    TRY(require_writable(accounts->orderbook));
    TRY(require_writable(accounts->event_queue));
    TRY(require_program_account(accounts->oracle, input->program_id, KAIROS_ACCOUNT_DISC_ORACLE, KAIROS_ORACLE_ACCOUNT_SIZE));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* The canonical PDAs createPerpMarket creates, after its semantic checks (cheap
 * refusals first: a derivation costs ~1,500 CU per bump tried). */
static inline u64 derive_create_perp_market_pdas(const ProgramInput *input, CreatePerpMarketIxAccounts *accounts) {
    {
        SolSignerSeed seeds[2] = {
            {(const u8 *)KAIROS_SEED_PERP_MARKET, sizeof(KAIROS_SEED_PERP_MARKET) - 1},
            {account_data(accounts->exchange) + DISCRIMINATOR_BYTES + __builtin_offsetof(Exchange, perp_market_count), sizeof(((Exchange *)0)->perp_market_count)},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->perp_market, seeds, SEED_COUNT(seeds), input->program_id, &accounts->perp_market_pda));
    }
    return KAIROS_OK;
}

/* instruction createMarginAccount */
typedef struct CreateMarginAccountIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* writable, created here at its canonical PDA */
    AccountView owner; /* signer, writable */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const CreateMarginAccountIxArgs *args;
    PdaSigner margin_account_pda; /* seeds + canonical bump */
} CreateMarginAccountIxAccounts;

static inline u64 load_create_margin_account_accounts(const ProgramInput *input, CreateMarginAccountIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CreateMarginAccountIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNT_OWNER];
    accounts->system_program = input->accounts[KAIROS_CREATE_MARGIN_ACCOUNT_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const CreateMarginAccountIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->margin_account));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* The canonical PDAs createMarginAccount creates, after its semantic checks (cheap
 * refusals first: a derivation costs ~1,500 CU per bump tried). */
static inline u64 derive_create_margin_account_pdas(const ProgramInput *input, CreateMarginAccountIxAccounts *accounts) {
    {
        SolSignerSeed seeds[3] = {
            {(const u8 *)KAIROS_SEED_MARGIN, sizeof(KAIROS_SEED_MARGIN) - 1},
            {accounts->owner->key.x, PUBKEY_BYTES},
            {(const u8 *)accounts->args + __builtin_offsetof(CreateMarginAccountIxArgs, account_index), sizeof(accounts->args->account_index)},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->margin_account, seeds, SEED_COUNT(seeds), input->program_id, &accounts->margin_account_pda));
    }
    return KAIROS_OK;
}

/* instruction deposit */
typedef struct DepositIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView owner; /* signer */
    AccountView collateral_asset; /* writable, CollateralAsset */
    AccountView vault; /* writable */
    AccountView owner_token_account; /* writable */
    AccountView token_program; /* == TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA */
    const DepositIxArgs *args;
} DepositIxAccounts;

static inline u64 load_deposit_accounts(const ProgramInput *input, DepositIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_DEPOSIT_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(DepositIxArgs)));
    accounts->exchange = input->accounts[KAIROS_DEPOSIT_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_DEPOSIT_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_DEPOSIT_ACCOUNT_OWNER];
    accounts->collateral_asset = input->accounts[KAIROS_DEPOSIT_ACCOUNT_COLLATERAL_ASSET];
    accounts->vault = input->accounts[KAIROS_DEPOSIT_ACCOUNT_VAULT];
    accounts->owner_token_account = input->accounts[KAIROS_DEPOSIT_ACCOUNT_OWNER_TOKEN_ACCOUNT];
    accounts->token_program = input->accounts[KAIROS_DEPOSIT_ACCOUNT_TOKEN_PROGRAM];
    accounts->args = (const DepositIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->collateral_asset));
    TRY(require_program_account(accounts->collateral_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->vault));
    TRY(require_writable(accounts->owner_token_account));
    TRY(require_program(accounts->token_program, &KAIROS_ADDRESS_TOKEN_PROGRAM));
    return KAIROS_OK;
}

/* instruction withdraw */
typedef struct WithdrawIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView owner; /* signer */
    AccountView collateral_asset; /* writable, CollateralAsset */
    AccountView vault; /* writable */
    AccountView destination_token_account; /* writable */
    AccountView token_program; /* == TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA */
    const WithdrawIxArgs *args;
} WithdrawIxAccounts;

static inline u64 load_withdraw_accounts(const ProgramInput *input, WithdrawIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_WITHDRAW_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(WithdrawIxArgs)));
    accounts->exchange = input->accounts[KAIROS_WITHDRAW_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_WITHDRAW_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_WITHDRAW_ACCOUNT_OWNER];
    accounts->collateral_asset = input->accounts[KAIROS_WITHDRAW_ACCOUNT_COLLATERAL_ASSET];
    accounts->vault = input->accounts[KAIROS_WITHDRAW_ACCOUNT_VAULT];
    accounts->destination_token_account = input->accounts[KAIROS_WITHDRAW_ACCOUNT_DESTINATION_TOKEN_ACCOUNT];
    accounts->token_program = input->accounts[KAIROS_WITHDRAW_ACCOUNT_TOKEN_PROGRAM];
    accounts->args = (const WithdrawIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->collateral_asset));
    TRY(require_program_account(accounts->collateral_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->vault));
    TRY(require_writable(accounts->destination_token_account));
    TRY(require_program(accounts->token_program, &KAIROS_ADDRESS_TOKEN_PROGRAM));
    return KAIROS_OK;
}

/* instruction placeOrder */
typedef struct PlaceOrderIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView owner; /* signer, writable */
    AccountView perp_market; /* writable, PerpMarket */
    AccountView orderbook; /* writable, Orderbook */
    AccountView event_queue; /* writable, EventQueue */
    AccountView oracle; /* unchecked here: see the handler */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const PlaceOrderIxArgs *args;
} PlaceOrderIxAccounts;

static inline u64 load_place_order_accounts(const ProgramInput *input, PlaceOrderIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_PLACE_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(PlaceOrderIxArgs)));
    accounts->exchange = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_OWNER];
    accounts->perp_market = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_ORDERBOOK];
    accounts->event_queue = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_EVENT_QUEUE];
    accounts->oracle = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_ORACLE];
    accounts->system_program = input->accounts[KAIROS_PLACE_ORDER_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const PlaceOrderIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->orderbook));
    TRY(require_program_account(accounts->orderbook, input->program_id, KAIROS_ACCOUNT_DISC_ORDERBOOK, KAIROS_ORDERBOOK_ACCOUNT_SIZE));
    TRY(require_writable(accounts->event_queue));
    TRY(require_program_account(accounts->event_queue, input->program_id, KAIROS_ACCOUNT_DISC_EVENT_QUEUE, KAIROS_EVENT_QUEUE_ACCOUNT_SIZE));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* instruction cancelOrder */
typedef struct CancelOrderIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView owner; /* signer */
    AccountView perp_market; /* PerpMarket */
    AccountView orderbook; /* writable, Orderbook */
    const CancelOrderIxArgs *args;
} CancelOrderIxAccounts;

static inline u64 load_cancel_order_accounts(const ProgramInput *input, CancelOrderIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CANCEL_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CancelOrderIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CANCEL_ORDER_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_CANCEL_ORDER_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_CANCEL_ORDER_ACCOUNT_OWNER];
    accounts->perp_market = input->accounts[KAIROS_CANCEL_ORDER_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_CANCEL_ORDER_ACCOUNT_ORDERBOOK];
    accounts->args = (const CancelOrderIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->orderbook));
    TRY(require_program_account(accounts->orderbook, input->program_id, KAIROS_ACCOUNT_DISC_ORDERBOOK, KAIROS_ORDERBOOK_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction cancelAllOrders */
typedef struct CancelAllOrdersIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView owner; /* signer */
    AccountView perp_market; /* PerpMarket */
    AccountView orderbook; /* writable, Orderbook */
    const CancelAllOrdersIxArgs *args;
} CancelAllOrdersIxAccounts;

static inline u64 load_cancel_all_orders_accounts(const ProgramInput *input, CancelAllOrdersIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CANCEL_ALL_ORDERS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CancelAllOrdersIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CANCEL_ALL_ORDERS_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_CANCEL_ALL_ORDERS_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_CANCEL_ALL_ORDERS_ACCOUNT_OWNER];
    accounts->perp_market = input->accounts[KAIROS_CANCEL_ALL_ORDERS_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_CANCEL_ALL_ORDERS_ACCOUNT_ORDERBOOK];
    accounts->args = (const CancelAllOrdersIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->orderbook));
    TRY(require_program_account(accounts->orderbook, input->program_id, KAIROS_ACCOUNT_DISC_ORDERBOOK, KAIROS_ORDERBOOK_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction consumeEvents */
typedef struct ConsumeEventsIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView perp_market; /* writable, PerpMarket */
    AccountView event_queue; /* writable, EventQueue */
    AccountView cranker; /* writable */
    const ConsumeEventsIxArgs *args;
} ConsumeEventsIxAccounts;

static inline u64 load_consume_events_accounts(const ProgramInput *input, ConsumeEventsIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CONSUME_EVENTS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(ConsumeEventsIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CONSUME_EVENTS_ACCOUNT_EXCHANGE];
    accounts->perp_market = input->accounts[KAIROS_CONSUME_EVENTS_ACCOUNT_PERP_MARKET];
    accounts->event_queue = input->accounts[KAIROS_CONSUME_EVENTS_ACCOUNT_EVENT_QUEUE];
    accounts->cranker = input->accounts[KAIROS_CONSUME_EVENTS_ACCOUNT_CRANKER];
    accounts->args = (const ConsumeEventsIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->event_queue));
    TRY(require_program_account(accounts->event_queue, input->program_id, KAIROS_ACCOUNT_DISC_EVENT_QUEUE, KAIROS_EVENT_QUEUE_ACCOUNT_SIZE));
    TRY(require_writable(accounts->cranker));
    return KAIROS_OK;
}

/* instruction settlePnl */
typedef struct SettlePnlIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView perp_market; /* writable, PerpMarket */
    AccountView oracle; /* unchecked here: see the handler */
    AccountView quote_asset; /* writable, CollateralAsset */
    const SettlePnlIxArgs *args;
} SettlePnlIxAccounts;

static inline u64 load_settle_pnl_accounts(const ProgramInput *input, SettlePnlIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SETTLE_PNL_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SettlePnlIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SETTLE_PNL_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_SETTLE_PNL_ACCOUNT_MARGIN_ACCOUNT];
    accounts->perp_market = input->accounts[KAIROS_SETTLE_PNL_ACCOUNT_PERP_MARKET];
    accounts->oracle = input->accounts[KAIROS_SETTLE_PNL_ACCOUNT_ORACLE];
    accounts->quote_asset = input->accounts[KAIROS_SETTLE_PNL_ACCOUNT_QUOTE_ASSET];
    accounts->args = (const SettlePnlIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->quote_asset));
    TRY(require_program_account(accounts->quote_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction closeMarginAccount */
typedef struct CloseMarginAccountIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView owner; /* signer */
    AccountView destination; /* writable */
    const CloseMarginAccountIxArgs *args;
} CloseMarginAccountIxAccounts;

static inline u64 load_close_margin_account_accounts(const ProgramInput *input, CloseMarginAccountIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CLOSE_MARGIN_ACCOUNT_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CloseMarginAccountIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CLOSE_MARGIN_ACCOUNT_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_CLOSE_MARGIN_ACCOUNT_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_CLOSE_MARGIN_ACCOUNT_ACCOUNT_OWNER];
    accounts->destination = input->accounts[KAIROS_CLOSE_MARGIN_ACCOUNT_ACCOUNT_DESTINATION];
    accounts->args = (const CloseMarginAccountIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->destination));
    return KAIROS_OK;
}

/* instruction computeHealth */
typedef struct ComputeHealthIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* MarginAccount */
    const ComputeHealthIxArgs *args;
} ComputeHealthIxAccounts;

static inline u64 load_compute_health_accounts(const ProgramInput *input, ComputeHealthIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_COMPUTE_HEALTH_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(ComputeHealthIxArgs)));
    accounts->exchange = input->accounts[KAIROS_COMPUTE_HEALTH_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_COMPUTE_HEALTH_ACCOUNT_MARGIN_ACCOUNT];
    accounts->args = (const ComputeHealthIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction openAuction */
typedef struct OpenAuctionIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView auction; /* writable, created here at its canonical PDA */
    AccountView taker_margin_account; /* writable, MarginAccount */
    AccountView owner; /* signer, writable */
    AccountView perp_market; /* PerpMarket */
    AccountView oracle; /* unchecked here: see the handler */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const OpenAuctionIxArgs *args;
    PdaSigner auction_pda; /* seeds + canonical bump */
} OpenAuctionIxAccounts;

static inline u64 load_open_auction_accounts(const ProgramInput *input, OpenAuctionIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_OPEN_AUCTION_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(OpenAuctionIxArgs)));
    accounts->exchange = input->accounts[KAIROS_OPEN_AUCTION_ACCOUNT_EXCHANGE];
    accounts->auction = input->accounts[KAIROS_OPEN_AUCTION_ACCOUNT_AUCTION];
    accounts->taker_margin_account = input->accounts[KAIROS_OPEN_AUCTION_ACCOUNT_TAKER_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_OPEN_AUCTION_ACCOUNT_OWNER];
    accounts->perp_market = input->accounts[KAIROS_OPEN_AUCTION_ACCOUNT_PERP_MARKET];
    accounts->oracle = input->accounts[KAIROS_OPEN_AUCTION_ACCOUNT_ORACLE];
    accounts->system_program = input->accounts[KAIROS_OPEN_AUCTION_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const OpenAuctionIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->auction));
    TRY(require_writable(accounts->taker_margin_account));
    TRY(require_program_account(accounts->taker_margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* The canonical PDAs openAuction creates, after its semantic checks (cheap
 * refusals first: a derivation costs ~1,500 CU per bump tried). */
static inline u64 derive_open_auction_pdas(const ProgramInput *input, OpenAuctionIxAccounts *accounts) {
    {
        SolSignerSeed seeds[3] = {
            {(const u8 *)KAIROS_SEED_AUCTION, sizeof(KAIROS_SEED_AUCTION) - 1},
            {accounts->taker_margin_account->key.x, PUBKEY_BYTES},
            {(const u8 *)accounts->args + __builtin_offsetof(OpenAuctionIxArgs, args.auction_id), sizeof(accounts->args->args.auction_id)},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->auction, seeds, SEED_COUNT(seeds), input->program_id, &accounts->auction_pda));
    }
    return KAIROS_OK;
}

/* instruction submitBid */
typedef struct SubmitBidIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView auction; /* writable, Auction */
    AccountView provider_margin_account; /* writable, MarginAccount */
    AccountView provider; /* signer */
    AccountView perp_market; /* PerpMarket */
    AccountView oracle; /* unchecked here: see the handler */
    const SubmitBidIxArgs *args;
} SubmitBidIxAccounts;

static inline u64 load_submit_bid_accounts(const ProgramInput *input, SubmitBidIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SUBMIT_BID_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SubmitBidIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SUBMIT_BID_ACCOUNT_EXCHANGE];
    accounts->auction = input->accounts[KAIROS_SUBMIT_BID_ACCOUNT_AUCTION];
    accounts->provider_margin_account = input->accounts[KAIROS_SUBMIT_BID_ACCOUNT_PROVIDER_MARGIN_ACCOUNT];
    accounts->provider = input->accounts[KAIROS_SUBMIT_BID_ACCOUNT_PROVIDER];
    accounts->perp_market = input->accounts[KAIROS_SUBMIT_BID_ACCOUNT_PERP_MARKET];
    accounts->oracle = input->accounts[KAIROS_SUBMIT_BID_ACCOUNT_ORACLE];
    accounts->args = (const SubmitBidIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->auction));
    TRY(require_program_account(accounts->auction, input->program_id, KAIROS_ACCOUNT_DISC_AUCTION, KAIROS_AUCTION_ACCOUNT_SIZE));
    TRY(require_writable(accounts->provider_margin_account));
    TRY(require_program_account(accounts->provider_margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->provider));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction improveBid */
typedef struct ImproveBidIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView auction; /* writable, Auction */
    AccountView provider_margin_account; /* writable, MarginAccount */
    AccountView provider; /* signer */
    AccountView perp_market; /* PerpMarket */
    AccountView oracle; /* unchecked here: see the handler */
    const ImproveBidIxArgs *args;
} ImproveBidIxAccounts;

static inline u64 load_improve_bid_accounts(const ProgramInput *input, ImproveBidIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_IMPROVE_BID_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(ImproveBidIxArgs)));
    accounts->exchange = input->accounts[KAIROS_IMPROVE_BID_ACCOUNT_EXCHANGE];
    accounts->auction = input->accounts[KAIROS_IMPROVE_BID_ACCOUNT_AUCTION];
    accounts->provider_margin_account = input->accounts[KAIROS_IMPROVE_BID_ACCOUNT_PROVIDER_MARGIN_ACCOUNT];
    accounts->provider = input->accounts[KAIROS_IMPROVE_BID_ACCOUNT_PROVIDER];
    accounts->perp_market = input->accounts[KAIROS_IMPROVE_BID_ACCOUNT_PERP_MARKET];
    accounts->oracle = input->accounts[KAIROS_IMPROVE_BID_ACCOUNT_ORACLE];
    accounts->args = (const ImproveBidIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->auction));
    TRY(require_program_account(accounts->auction, input->program_id, KAIROS_ACCOUNT_DISC_AUCTION, KAIROS_AUCTION_ACCOUNT_SIZE));
    TRY(require_writable(accounts->provider_margin_account));
    TRY(require_program_account(accounts->provider_margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->provider));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction cancelBid */
typedef struct CancelBidIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView auction; /* writable, Auction */
    AccountView provider_margin_account; /* MarginAccount */
    AccountView provider; /* signer */
    const CancelBidIxArgs *args;
} CancelBidIxAccounts;

static inline u64 load_cancel_bid_accounts(const ProgramInput *input, CancelBidIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CANCEL_BID_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CancelBidIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CANCEL_BID_ACCOUNT_EXCHANGE];
    accounts->auction = input->accounts[KAIROS_CANCEL_BID_ACCOUNT_AUCTION];
    accounts->provider_margin_account = input->accounts[KAIROS_CANCEL_BID_ACCOUNT_PROVIDER_MARGIN_ACCOUNT];
    accounts->provider = input->accounts[KAIROS_CANCEL_BID_ACCOUNT_PROVIDER];
    accounts->args = (const CancelBidIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->auction));
    TRY(require_program_account(accounts->auction, input->program_id, KAIROS_ACCOUNT_DISC_AUCTION, KAIROS_AUCTION_ACCOUNT_SIZE));
    TRY(require_program_account(accounts->provider_margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->provider));
    return KAIROS_OK;
}

/* instruction settleAuction */
typedef struct SettleAuctionIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView auction; /* writable, Auction */
    AccountView taker_margin_account; /* writable, MarginAccount */
    AccountView taker_owner; /* writable */
    AccountView settler; /* signer, writable */
    AccountView perp_market; /* writable, PerpMarket */
    AccountView orderbook; /* writable, Orderbook */
    AccountView oracle; /* unchecked here: see the handler */
    const SettleAuctionIxArgs *args;
} SettleAuctionIxAccounts;

static inline u64 load_settle_auction_accounts(const ProgramInput *input, SettleAuctionIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SETTLE_AUCTION_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SettleAuctionIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SETTLE_AUCTION_ACCOUNT_EXCHANGE];
    accounts->auction = input->accounts[KAIROS_SETTLE_AUCTION_ACCOUNT_AUCTION];
    accounts->taker_margin_account = input->accounts[KAIROS_SETTLE_AUCTION_ACCOUNT_TAKER_MARGIN_ACCOUNT];
    accounts->taker_owner = input->accounts[KAIROS_SETTLE_AUCTION_ACCOUNT_TAKER_OWNER];
    accounts->settler = input->accounts[KAIROS_SETTLE_AUCTION_ACCOUNT_SETTLER];
    accounts->perp_market = input->accounts[KAIROS_SETTLE_AUCTION_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_SETTLE_AUCTION_ACCOUNT_ORDERBOOK];
    accounts->oracle = input->accounts[KAIROS_SETTLE_AUCTION_ACCOUNT_ORACLE];
    accounts->args = (const SettleAuctionIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->auction));
    TRY(require_program_account(accounts->auction, input->program_id, KAIROS_ACCOUNT_DISC_AUCTION, KAIROS_AUCTION_ACCOUNT_SIZE));
    TRY(require_writable(accounts->taker_margin_account));
    TRY(require_program_account(accounts->taker_margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->taker_owner));
    TRY(require_signer(accounts->settler));
    TRY(require_writable(accounts->settler));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->orderbook));
    TRY(require_program_account(accounts->orderbook, input->program_id, KAIROS_ACCOUNT_DISC_ORDERBOOK, KAIROS_ORDERBOOK_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction setLiquidationParams */
typedef struct SetLiquidationParamsIxAccounts {
    AccountView exchange; /* writable, entrypoint-checked Exchange */
    AccountView admin; /* signer */
    const SetLiquidationParamsIxArgs *args;
} SetLiquidationParamsIxAccounts;

static inline u64 load_set_liquidation_params_accounts(const ProgramInput *input, SetLiquidationParamsIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_LIQUIDATION_PARAMS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetLiquidationParamsIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_LIQUIDATION_PARAMS_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_SET_LIQUIDATION_PARAMS_ACCOUNT_ADMIN];
    accounts->args = (const SetLiquidationParamsIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->exchange));
    TRY(require_signer(accounts->admin));
    return KAIROS_OK;
}

/* instruction setPerpLiquidationFee */
typedef struct SetPerpLiquidationFeeIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView admin; /* signer */
    AccountView perp_market; /* writable, PerpMarket */
    const SetPerpLiquidationFeeIxArgs *args;
} SetPerpLiquidationFeeIxAccounts;

static inline u64 load_set_perp_liquidation_fee_accounts(const ProgramInput *input, SetPerpLiquidationFeeIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_PERP_LIQUIDATION_FEE_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetPerpLiquidationFeeIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_PERP_LIQUIDATION_FEE_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_SET_PERP_LIQUIDATION_FEE_ACCOUNT_ADMIN];
    accounts->perp_market = input->accounts[KAIROS_SET_PERP_LIQUIDATION_FEE_ACCOUNT_PERP_MARKET];
    accounts->args = (const SetPerpLiquidationFeeIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction setAssetLiquidationDiscount */
typedef struct SetAssetLiquidationDiscountIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView admin; /* signer */
    AccountView collateral_asset; /* writable, CollateralAsset */
    const SetAssetLiquidationDiscountIxArgs *args;
} SetAssetLiquidationDiscountIxAccounts;

static inline u64 load_set_asset_liquidation_discount_accounts(const ProgramInput *input, SetAssetLiquidationDiscountIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_ASSET_LIQUIDATION_DISCOUNT_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetAssetLiquidationDiscountIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_ASSET_LIQUIDATION_DISCOUNT_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_SET_ASSET_LIQUIDATION_DISCOUNT_ACCOUNT_ADMIN];
    accounts->collateral_asset = input->accounts[KAIROS_SET_ASSET_LIQUIDATION_DISCOUNT_ACCOUNT_COLLATERAL_ASSET];
    accounts->args = (const SetAssetLiquidationDiscountIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->collateral_asset));
    TRY(require_program_account(accounts->collateral_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction forceCancelOrders */
typedef struct ForceCancelOrdersIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView perp_market; /* PerpMarket */
    AccountView orderbook; /* writable, Orderbook */
    const ForceCancelOrdersIxArgs *args;
} ForceCancelOrdersIxAccounts;

static inline u64 load_force_cancel_orders_accounts(const ProgramInput *input, ForceCancelOrdersIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_FORCE_CANCEL_ORDERS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(ForceCancelOrdersIxArgs)));
    accounts->exchange = input->accounts[KAIROS_FORCE_CANCEL_ORDERS_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_FORCE_CANCEL_ORDERS_ACCOUNT_MARGIN_ACCOUNT];
    accounts->perp_market = input->accounts[KAIROS_FORCE_CANCEL_ORDERS_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_FORCE_CANCEL_ORDERS_ACCOUNT_ORDERBOOK];
    accounts->args = (const ForceCancelOrdersIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->orderbook));
    TRY(require_program_account(accounts->orderbook, input->program_id, KAIROS_ACCOUNT_DISC_ORDERBOOK, KAIROS_ORDERBOOK_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction liquidatePerp */
typedef struct LiquidatePerpIxAccounts {
    AccountView exchange; /* writable, entrypoint-checked Exchange */
    AccountView liqee; /* writable, MarginAccount */
    AccountView liquidator; /* writable, MarginAccount */
    AccountView liquidator_owner; /* signer */
    AccountView perp_market; /* writable, PerpMarket */
    AccountView oracle; /* unchecked here: see the handler */
    AccountView quote_asset; /* writable, CollateralAsset */
    const LiquidatePerpIxArgs *args;
} LiquidatePerpIxAccounts;

static inline u64 load_liquidate_perp_accounts(const ProgramInput *input, LiquidatePerpIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_LIQUIDATE_PERP_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(LiquidatePerpIxArgs)));
    accounts->exchange = input->accounts[KAIROS_LIQUIDATE_PERP_ACCOUNT_EXCHANGE];
    accounts->liqee = input->accounts[KAIROS_LIQUIDATE_PERP_ACCOUNT_LIQEE];
    accounts->liquidator = input->accounts[KAIROS_LIQUIDATE_PERP_ACCOUNT_LIQUIDATOR];
    accounts->liquidator_owner = input->accounts[KAIROS_LIQUIDATE_PERP_ACCOUNT_LIQUIDATOR_OWNER];
    accounts->perp_market = input->accounts[KAIROS_LIQUIDATE_PERP_ACCOUNT_PERP_MARKET];
    accounts->oracle = input->accounts[KAIROS_LIQUIDATE_PERP_ACCOUNT_ORACLE];
    accounts->quote_asset = input->accounts[KAIROS_LIQUIDATE_PERP_ACCOUNT_QUOTE_ASSET];
    accounts->args = (const LiquidatePerpIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->exchange));
    TRY(require_writable(accounts->liqee));
    TRY(require_program_account(accounts->liqee, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->liquidator));
    TRY(require_program_account(accounts->liquidator, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->liquidator_owner));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->quote_asset));
    TRY(require_program_account(accounts->quote_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction liquidateCollateral */
typedef struct LiquidateCollateralIxAccounts {
    AccountView exchange; /* writable, entrypoint-checked Exchange */
    AccountView liqee; /* writable, MarginAccount */
    AccountView liquidator; /* writable, MarginAccount */
    AccountView liquidator_owner; /* signer */
    AccountView collateral_asset; /* CollateralAsset */
    AccountView oracle; /* unchecked here: see the handler */
    AccountView quote_asset; /* writable, CollateralAsset */
    const LiquidateCollateralIxArgs *args;
} LiquidateCollateralIxAccounts;

static inline u64 load_liquidate_collateral_accounts(const ProgramInput *input, LiquidateCollateralIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_LIQUIDATE_COLLATERAL_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(LiquidateCollateralIxArgs)));
    accounts->exchange = input->accounts[KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_EXCHANGE];
    accounts->liqee = input->accounts[KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_LIQEE];
    accounts->liquidator = input->accounts[KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_LIQUIDATOR];
    accounts->liquidator_owner = input->accounts[KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_LIQUIDATOR_OWNER];
    accounts->collateral_asset = input->accounts[KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_COLLATERAL_ASSET];
    accounts->oracle = input->accounts[KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_ORACLE];
    accounts->quote_asset = input->accounts[KAIROS_LIQUIDATE_COLLATERAL_ACCOUNT_QUOTE_ASSET];
    accounts->args = (const LiquidateCollateralIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->exchange));
    TRY(require_writable(accounts->liqee));
    TRY(require_program_account(accounts->liqee, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->liquidator));
    TRY(require_program_account(accounts->liquidator, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->liquidator_owner));
    TRY(require_program_account(accounts->collateral_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->quote_asset));
    TRY(require_program_account(accounts->quote_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction resolveBankruptcy */
typedef struct ResolveBankruptcyIxAccounts {
    AccountView exchange; /* writable, entrypoint-checked Exchange */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView perp_market; /* writable, PerpMarket */
    AccountView quote_asset; /* writable, CollateralAsset */
    AccountView quote_vault; /* writable */
    AccountView insurance_vault; /* writable */
    AccountView token_program; /* == TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA */
    const ResolveBankruptcyIxArgs *args;
} ResolveBankruptcyIxAccounts;

static inline u64 load_resolve_bankruptcy_accounts(const ProgramInput *input, ResolveBankruptcyIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_RESOLVE_BANKRUPTCY_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(ResolveBankruptcyIxArgs)));
    accounts->exchange = input->accounts[KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_MARGIN_ACCOUNT];
    accounts->perp_market = input->accounts[KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_PERP_MARKET];
    accounts->quote_asset = input->accounts[KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_QUOTE_ASSET];
    accounts->quote_vault = input->accounts[KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_QUOTE_VAULT];
    accounts->insurance_vault = input->accounts[KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_INSURANCE_VAULT];
    accounts->token_program = input->accounts[KAIROS_RESOLVE_BANKRUPTCY_ACCOUNT_TOKEN_PROGRAM];
    accounts->args = (const ResolveBankruptcyIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->exchange));
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->quote_asset));
    TRY(require_program_account(accounts->quote_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->quote_vault));
    TRY(require_writable(accounts->insurance_vault));
    TRY(require_program(accounts->token_program, &KAIROS_ADDRESS_TOKEN_PROGRAM));
    return KAIROS_OK;
}

/* instruction sweepFeesToInsurance */
typedef struct SweepFeesToInsuranceIxAccounts {
    AccountView exchange; /* writable, entrypoint-checked Exchange */
    AccountView admin; /* signer */
    AccountView perp_market; /* writable, PerpMarket */
    AccountView event_queue; /* EventQueue */
    AccountView quote_asset; /* writable, CollateralAsset */
    AccountView quote_vault; /* writable */
    AccountView insurance_vault; /* writable */
    AccountView token_program; /* == TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA */
    const SweepFeesToInsuranceIxArgs *args;
} SweepFeesToInsuranceIxAccounts;

static inline u64 load_sweep_fees_to_insurance_accounts(const ProgramInput *input, SweepFeesToInsuranceIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SweepFeesToInsuranceIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_ADMIN];
    accounts->perp_market = input->accounts[KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_PERP_MARKET];
    accounts->event_queue = input->accounts[KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_EVENT_QUEUE];
    accounts->quote_asset = input->accounts[KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_QUOTE_ASSET];
    accounts->quote_vault = input->accounts[KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_QUOTE_VAULT];
    accounts->insurance_vault = input->accounts[KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_INSURANCE_VAULT];
    accounts->token_program = input->accounts[KAIROS_SWEEP_FEES_TO_INSURANCE_ACCOUNT_TOKEN_PROGRAM];
    accounts->args = (const SweepFeesToInsuranceIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->exchange));
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_program_account(accounts->event_queue, input->program_id, KAIROS_ACCOUNT_DISC_EVENT_QUEUE, KAIROS_EVENT_QUEUE_ACCOUNT_SIZE));
    TRY(require_writable(accounts->quote_asset));
    TRY(require_program_account(accounts->quote_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->quote_vault));
    TRY(require_writable(accounts->insurance_vault));
    TRY(require_program(accounts->token_program, &KAIROS_ADDRESS_TOKEN_PROGRAM));
    return KAIROS_OK;
}

/* instruction placeOrderV2 */
typedef struct PlaceOrderV2IxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView owner; /* signer, writable */
    AccountView perp_market; /* writable, PerpMarket */
    AccountView orderbook; /* writable, Orderbook */
    AccountView event_queue; /* writable, EventQueue */
    AccountView oracle; /* unchecked here: see the handler */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const PlaceOrderV2IxArgs *args;
} PlaceOrderV2IxAccounts;

static inline u64 load_place_order_v2_accounts(const ProgramInput *input, PlaceOrderV2IxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_PLACE_ORDER_V2_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(PlaceOrderV2IxArgs)));
    accounts->exchange = input->accounts[KAIROS_PLACE_ORDER_V2_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_PLACE_ORDER_V2_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_PLACE_ORDER_V2_ACCOUNT_OWNER];
    accounts->perp_market = input->accounts[KAIROS_PLACE_ORDER_V2_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_PLACE_ORDER_V2_ACCOUNT_ORDERBOOK];
    accounts->event_queue = input->accounts[KAIROS_PLACE_ORDER_V2_ACCOUNT_EVENT_QUEUE];
    accounts->oracle = input->accounts[KAIROS_PLACE_ORDER_V2_ACCOUNT_ORACLE];
    accounts->system_program = input->accounts[KAIROS_PLACE_ORDER_V2_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const PlaceOrderV2IxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->orderbook));
    TRY(require_program_account(accounts->orderbook, input->program_id, KAIROS_ACCOUNT_DISC_ORDERBOOK, KAIROS_ORDERBOOK_ACCOUNT_SIZE));
    TRY(require_writable(accounts->event_queue));
    TRY(require_program_account(accounts->event_queue, input->program_id, KAIROS_ACCOUNT_DISC_EVENT_QUEUE, KAIROS_EVENT_QUEUE_ACCOUNT_SIZE));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* instruction createTriggerOrder */
typedef struct CreateTriggerOrderIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView trigger_order; /* writable, created here at its canonical PDA */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView owner; /* signer, writable */
    AccountView perp_market; /* PerpMarket */
    AccountView linked_trigger; /* optional: the program id for none; checked by the handler, writable */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const CreateTriggerOrderIxArgs *args;
    PdaSigner trigger_order_pda; /* seeds + canonical bump */
} CreateTriggerOrderIxAccounts;

static inline u64 load_create_trigger_order_accounts(const ProgramInput *input, CreateTriggerOrderIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CREATE_TRIGGER_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CreateTriggerOrderIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_EXCHANGE];
    accounts->trigger_order = input->accounts[KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_TRIGGER_ORDER];
    accounts->margin_account = input->accounts[KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_OWNER];
    accounts->perp_market = input->accounts[KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_PERP_MARKET];
    accounts->linked_trigger = input->accounts[KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_LINKED_TRIGGER];
    accounts->system_program = input->accounts[KAIROS_CREATE_TRIGGER_ORDER_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const CreateTriggerOrderIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->trigger_order));
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* The canonical PDAs createTriggerOrder creates, after its semantic checks (cheap
 * refusals first: a derivation costs ~1,500 CU per bump tried). */
static inline u64 derive_create_trigger_order_pdas(const ProgramInput *input, CreateTriggerOrderIxAccounts *accounts) {
    {
        SolSignerSeed seeds[3] = {
            {(const u8 *)KAIROS_SEED_TRIGGER, sizeof(KAIROS_SEED_TRIGGER) - 1},
            {accounts->margin_account->key.x, PUBKEY_BYTES},
            {(const u8 *)accounts->args + __builtin_offsetof(CreateTriggerOrderIxArgs, args.id), sizeof(accounts->args->args.id)},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->trigger_order, seeds, SEED_COUNT(seeds), input->program_id, &accounts->trigger_order_pda));
    }
    return KAIROS_OK;
}

/* instruction cancelTriggerOrder */
typedef struct CancelTriggerOrderIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView trigger_order; /* writable */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView owner; /* signer, writable */
    AccountView linked_trigger; /* optional: the program id for none; checked by the handler, writable */
    const CancelTriggerOrderIxArgs *args;
} CancelTriggerOrderIxAccounts;

static inline u64 load_cancel_trigger_order_accounts(const ProgramInput *input, CancelTriggerOrderIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CancelTriggerOrderIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_EXCHANGE];
    accounts->trigger_order = input->accounts[KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_TRIGGER_ORDER];
    accounts->margin_account = input->accounts[KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_OWNER];
    accounts->linked_trigger = input->accounts[KAIROS_CANCEL_TRIGGER_ORDER_ACCOUNT_LINKED_TRIGGER];
    accounts->args = (const CancelTriggerOrderIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->trigger_order));
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    return KAIROS_OK;
}

/* instruction triggerOrder */
typedef struct TriggerOrderIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView trigger_order; /* writable */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView owner; /* writable */
    AccountView perp_market; /* writable, PerpMarket */
    AccountView orderbook; /* writable, Orderbook */
    AccountView event_queue; /* writable, EventQueue */
    AccountView oracle; /* unchecked here: see the handler */
    AccountView keeper; /* signer, writable */
    AccountView linked_trigger; /* optional: the program id for none; checked by the handler, writable */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const TriggerOrderIxArgs *args;
} TriggerOrderIxAccounts;

static inline u64 load_trigger_order_accounts(const ProgramInput *input, TriggerOrderIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_TRIGGER_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(TriggerOrderIxArgs)));
    accounts->exchange = input->accounts[KAIROS_TRIGGER_ORDER_ACCOUNT_EXCHANGE];
    accounts->trigger_order = input->accounts[KAIROS_TRIGGER_ORDER_ACCOUNT_TRIGGER_ORDER];
    accounts->margin_account = input->accounts[KAIROS_TRIGGER_ORDER_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_TRIGGER_ORDER_ACCOUNT_OWNER];
    accounts->perp_market = input->accounts[KAIROS_TRIGGER_ORDER_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_TRIGGER_ORDER_ACCOUNT_ORDERBOOK];
    accounts->event_queue = input->accounts[KAIROS_TRIGGER_ORDER_ACCOUNT_EVENT_QUEUE];
    accounts->oracle = input->accounts[KAIROS_TRIGGER_ORDER_ACCOUNT_ORACLE];
    accounts->keeper = input->accounts[KAIROS_TRIGGER_ORDER_ACCOUNT_KEEPER];
    accounts->linked_trigger = input->accounts[KAIROS_TRIGGER_ORDER_ACCOUNT_LINKED_TRIGGER];
    accounts->system_program = input->accounts[KAIROS_TRIGGER_ORDER_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const TriggerOrderIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->trigger_order));
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->owner));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->orderbook));
    TRY(require_program_account(accounts->orderbook, input->program_id, KAIROS_ACCOUNT_DISC_ORDERBOOK, KAIROS_ORDERBOOK_ACCOUNT_SIZE));
    TRY(require_writable(accounts->event_queue));
    TRY(require_program_account(accounts->event_queue, input->program_id, KAIROS_ACCOUNT_DISC_EVENT_QUEUE, KAIROS_EVENT_QUEUE_ACCOUNT_SIZE));
    TRY(require_signer(accounts->keeper));
    TRY(require_writable(accounts->keeper));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* instruction updateTrailingStop */
typedef struct UpdateTrailingStopIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView trigger_order; /* writable */
    AccountView perp_market; /* PerpMarket */
    AccountView oracle; /* unchecked here: see the handler */
    const UpdateTrailingStopIxArgs *args;
} UpdateTrailingStopIxAccounts;

static inline u64 load_update_trailing_stop_accounts(const ProgramInput *input, UpdateTrailingStopIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_UPDATE_TRAILING_STOP_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(UpdateTrailingStopIxArgs)));
    accounts->exchange = input->accounts[KAIROS_UPDATE_TRAILING_STOP_ACCOUNT_EXCHANGE];
    accounts->trigger_order = input->accounts[KAIROS_UPDATE_TRAILING_STOP_ACCOUNT_TRIGGER_ORDER];
    accounts->perp_market = input->accounts[KAIROS_UPDATE_TRAILING_STOP_ACCOUNT_PERP_MARKET];
    accounts->oracle = input->accounts[KAIROS_UPDATE_TRAILING_STOP_ACCOUNT_ORACLE];
    accounts->args = (const UpdateTrailingStopIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->trigger_order));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction createTwapOrder */
typedef struct CreateTwapOrderIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView twap_order; /* writable, created here at its canonical PDA */
    AccountView margin_account; /* MarginAccount */
    AccountView owner; /* signer, writable */
    AccountView perp_market; /* PerpMarket */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const CreateTwapOrderIxArgs *args;
    PdaSigner twap_order_pda; /* seeds + canonical bump */
} CreateTwapOrderIxAccounts;

static inline u64 load_create_twap_order_accounts(const ProgramInput *input, CreateTwapOrderIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CREATE_TWAP_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CreateTwapOrderIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CREATE_TWAP_ORDER_ACCOUNT_EXCHANGE];
    accounts->twap_order = input->accounts[KAIROS_CREATE_TWAP_ORDER_ACCOUNT_TWAP_ORDER];
    accounts->margin_account = input->accounts[KAIROS_CREATE_TWAP_ORDER_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_CREATE_TWAP_ORDER_ACCOUNT_OWNER];
    accounts->perp_market = input->accounts[KAIROS_CREATE_TWAP_ORDER_ACCOUNT_PERP_MARKET];
    accounts->system_program = input->accounts[KAIROS_CREATE_TWAP_ORDER_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const CreateTwapOrderIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->twap_order));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* The canonical PDAs createTwapOrder creates, after its semantic checks (cheap
 * refusals first: a derivation costs ~1,500 CU per bump tried). */
static inline u64 derive_create_twap_order_pdas(const ProgramInput *input, CreateTwapOrderIxAccounts *accounts) {
    {
        SolSignerSeed seeds[3] = {
            {(const u8 *)KAIROS_SEED_TWAP, sizeof(KAIROS_SEED_TWAP) - 1},
            {accounts->margin_account->key.x, PUBKEY_BYTES},
            {(const u8 *)accounts->args + __builtin_offsetof(CreateTwapOrderIxArgs, args.twap_id), sizeof(accounts->args->args.twap_id)},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->twap_order, seeds, SEED_COUNT(seeds), input->program_id, &accounts->twap_order_pda));
    }
    return KAIROS_OK;
}

/* instruction executeTwapSlice */
typedef struct ExecuteTwapSliceIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView twap_order; /* writable, TwapOrder */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView perp_market; /* writable, PerpMarket */
    AccountView orderbook; /* writable, Orderbook */
    AccountView event_queue; /* writable, EventQueue */
    AccountView oracle; /* unchecked here: see the handler */
    AccountView keeper; /* signer, writable */
    const ExecuteTwapSliceIxArgs *args;
} ExecuteTwapSliceIxAccounts;

static inline u64 load_execute_twap_slice_accounts(const ProgramInput *input, ExecuteTwapSliceIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_EXECUTE_TWAP_SLICE_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(ExecuteTwapSliceIxArgs)));
    accounts->exchange = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_EXCHANGE];
    accounts->twap_order = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_TWAP_ORDER];
    accounts->margin_account = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_MARGIN_ACCOUNT];
    accounts->perp_market = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_ORDERBOOK];
    accounts->event_queue = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_EVENT_QUEUE];
    accounts->oracle = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_ORACLE];
    accounts->keeper = input->accounts[KAIROS_EXECUTE_TWAP_SLICE_ACCOUNT_KEEPER];
    accounts->args = (const ExecuteTwapSliceIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->twap_order));
    TRY(require_program_account(accounts->twap_order, input->program_id, KAIROS_ACCOUNT_DISC_TWAP_ORDER, KAIROS_TWAP_ORDER_ACCOUNT_SIZE));
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->orderbook));
    TRY(require_program_account(accounts->orderbook, input->program_id, KAIROS_ACCOUNT_DISC_ORDERBOOK, KAIROS_ORDERBOOK_ACCOUNT_SIZE));
    TRY(require_writable(accounts->event_queue));
    TRY(require_program_account(accounts->event_queue, input->program_id, KAIROS_ACCOUNT_DISC_EVENT_QUEUE, KAIROS_EVENT_QUEUE_ACCOUNT_SIZE));
    TRY(require_signer(accounts->keeper));
    TRY(require_writable(accounts->keeper));
    return KAIROS_OK;
}

/* instruction setTwapPaused */
typedef struct SetTwapPausedIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView twap_order; /* writable, TwapOrder */
    AccountView owner; /* signer */
    const SetTwapPausedIxArgs *args;
} SetTwapPausedIxAccounts;

static inline u64 load_set_twap_paused_accounts(const ProgramInput *input, SetTwapPausedIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_TWAP_PAUSED_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetTwapPausedIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_TWAP_PAUSED_ACCOUNT_EXCHANGE];
    accounts->twap_order = input->accounts[KAIROS_SET_TWAP_PAUSED_ACCOUNT_TWAP_ORDER];
    accounts->owner = input->accounts[KAIROS_SET_TWAP_PAUSED_ACCOUNT_OWNER];
    accounts->args = (const SetTwapPausedIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->twap_order));
    TRY(require_program_account(accounts->twap_order, input->program_id, KAIROS_ACCOUNT_DISC_TWAP_ORDER, KAIROS_TWAP_ORDER_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    return KAIROS_OK;
}

/* instruction cancelTwapOrder */
typedef struct CancelTwapOrderIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView twap_order; /* writable, TwapOrder */
    AccountView owner; /* signer, writable */
    const CancelTwapOrderIxArgs *args;
} CancelTwapOrderIxAccounts;

static inline u64 load_cancel_twap_order_accounts(const ProgramInput *input, CancelTwapOrderIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CANCEL_TWAP_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CancelTwapOrderIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CANCEL_TWAP_ORDER_ACCOUNT_EXCHANGE];
    accounts->twap_order = input->accounts[KAIROS_CANCEL_TWAP_ORDER_ACCOUNT_TWAP_ORDER];
    accounts->owner = input->accounts[KAIROS_CANCEL_TWAP_ORDER_ACCOUNT_OWNER];
    accounts->args = (const CancelTwapOrderIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->twap_order));
    TRY(require_program_account(accounts->twap_order, input->program_id, KAIROS_ACCOUNT_DISC_TWAP_ORDER, KAIROS_TWAP_ORDER_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    return KAIROS_OK;
}

/* instruction createScheduledOrder */
typedef struct CreateScheduledOrderIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView scheduled_order; /* writable, created here at its canonical PDA */
    AccountView margin_account; /* MarginAccount */
    AccountView owner; /* signer, writable */
    AccountView perp_market; /* PerpMarket */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const CreateScheduledOrderIxArgs *args;
    PdaSigner scheduled_order_pda; /* seeds + canonical bump */
} CreateScheduledOrderIxAccounts;

static inline u64 load_create_scheduled_order_accounts(const ProgramInput *input, CreateScheduledOrderIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CreateScheduledOrderIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNT_EXCHANGE];
    accounts->scheduled_order = input->accounts[KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNT_SCHEDULED_ORDER];
    accounts->margin_account = input->accounts[KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNT_OWNER];
    accounts->perp_market = input->accounts[KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNT_PERP_MARKET];
    accounts->system_program = input->accounts[KAIROS_CREATE_SCHEDULED_ORDER_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const CreateScheduledOrderIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->scheduled_order));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* The canonical PDAs createScheduledOrder creates, after its semantic checks (cheap
 * refusals first: a derivation costs ~1,500 CU per bump tried). */
static inline u64 derive_create_scheduled_order_pdas(const ProgramInput *input, CreateScheduledOrderIxAccounts *accounts) {
    {
        SolSignerSeed seeds[3] = {
            {(const u8 *)KAIROS_SEED_SCHEDULE, sizeof(KAIROS_SEED_SCHEDULE) - 1},
            {accounts->margin_account->key.x, PUBKEY_BYTES},
            {(const u8 *)accounts->args + __builtin_offsetof(CreateScheduledOrderIxArgs, args.schedule_id), sizeof(accounts->args->args.schedule_id)},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->scheduled_order, seeds, SEED_COUNT(seeds), input->program_id, &accounts->scheduled_order_pda));
    }
    return KAIROS_OK;
}

/* instruction executeScheduledOrder */
typedef struct ExecuteScheduledOrderIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView scheduled_order; /* writable, ScheduledOrder */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView perp_market; /* writable, PerpMarket */
    AccountView orderbook; /* writable, Orderbook */
    AccountView event_queue; /* writable, EventQueue */
    AccountView oracle; /* unchecked here: see the handler */
    AccountView keeper; /* signer, writable */
    const ExecuteScheduledOrderIxArgs *args;
} ExecuteScheduledOrderIxAccounts;

static inline u64 load_execute_scheduled_order_accounts(const ProgramInput *input, ExecuteScheduledOrderIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(ExecuteScheduledOrderIxArgs)));
    accounts->exchange = input->accounts[KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_EXCHANGE];
    accounts->scheduled_order = input->accounts[KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_SCHEDULED_ORDER];
    accounts->margin_account = input->accounts[KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_MARGIN_ACCOUNT];
    accounts->perp_market = input->accounts[KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_ORDERBOOK];
    accounts->event_queue = input->accounts[KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_EVENT_QUEUE];
    accounts->oracle = input->accounts[KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_ORACLE];
    accounts->keeper = input->accounts[KAIROS_EXECUTE_SCHEDULED_ORDER_ACCOUNT_KEEPER];
    accounts->args = (const ExecuteScheduledOrderIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->scheduled_order));
    TRY(require_program_account(accounts->scheduled_order, input->program_id, KAIROS_ACCOUNT_DISC_SCHEDULED_ORDER, KAIROS_SCHEDULED_ORDER_ACCOUNT_SIZE));
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_writable(accounts->orderbook));
    TRY(require_program_account(accounts->orderbook, input->program_id, KAIROS_ACCOUNT_DISC_ORDERBOOK, KAIROS_ORDERBOOK_ACCOUNT_SIZE));
    TRY(require_writable(accounts->event_queue));
    TRY(require_program_account(accounts->event_queue, input->program_id, KAIROS_ACCOUNT_DISC_EVENT_QUEUE, KAIROS_EVENT_QUEUE_ACCOUNT_SIZE));
    TRY(require_signer(accounts->keeper));
    TRY(require_writable(accounts->keeper));
    return KAIROS_OK;
}

/* instruction cancelScheduledOrder */
typedef struct CancelScheduledOrderIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView scheduled_order; /* writable, ScheduledOrder */
    AccountView owner; /* signer, writable */
    const CancelScheduledOrderIxArgs *args;
} CancelScheduledOrderIxAccounts;

static inline u64 load_cancel_scheduled_order_accounts(const ProgramInput *input, CancelScheduledOrderIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CANCEL_SCHEDULED_ORDER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CancelScheduledOrderIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CANCEL_SCHEDULED_ORDER_ACCOUNT_EXCHANGE];
    accounts->scheduled_order = input->accounts[KAIROS_CANCEL_SCHEDULED_ORDER_ACCOUNT_SCHEDULED_ORDER];
    accounts->owner = input->accounts[KAIROS_CANCEL_SCHEDULED_ORDER_ACCOUNT_OWNER];
    accounts->args = (const CancelScheduledOrderIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->scheduled_order));
    TRY(require_program_account(accounts->scheduled_order, input->program_id, KAIROS_ACCOUNT_DISC_SCHEDULED_ORDER, KAIROS_SCHEDULED_ORDER_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    return KAIROS_OK;
}

/* instruction healthGuard */
typedef struct HealthGuardIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* MarginAccount */
    const HealthGuardIxArgs *args;
} HealthGuardIxAccounts;

static inline u64 load_health_guard_accounts(const ProgramInput *input, HealthGuardIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_HEALTH_GUARD_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(HealthGuardIxArgs)));
    accounts->exchange = input->accounts[KAIROS_HEALTH_GUARD_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_HEALTH_GUARD_ACCOUNT_MARGIN_ACCOUNT];
    accounts->args = (const HealthGuardIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction setAssetRiskParams */
typedef struct SetAssetRiskParamsIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView admin; /* signer */
    AccountView collateral_asset; /* writable, CollateralAsset */
    const SetAssetRiskParamsIxArgs *args;
} SetAssetRiskParamsIxAccounts;

static inline u64 load_set_asset_risk_params_accounts(const ProgramInput *input, SetAssetRiskParamsIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_ASSET_RISK_PARAMS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetAssetRiskParamsIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_ASSET_RISK_PARAMS_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_SET_ASSET_RISK_PARAMS_ACCOUNT_ADMIN];
    accounts->collateral_asset = input->accounts[KAIROS_SET_ASSET_RISK_PARAMS_ACCOUNT_COLLATERAL_ASSET];
    accounts->args = (const SetAssetRiskParamsIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->collateral_asset));
    TRY(require_program_account(accounts->collateral_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction accrueBorrowInterest */
typedef struct AccrueBorrowInterestIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView quote_asset; /* writable, CollateralAsset */
    const AccrueBorrowInterestIxArgs *args;
} AccrueBorrowInterestIxAccounts;

static inline u64 load_accrue_borrow_interest_accounts(const ProgramInput *input, AccrueBorrowInterestIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_ACCRUE_BORROW_INTEREST_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(AccrueBorrowInterestIxArgs)));
    accounts->exchange = input->accounts[KAIROS_ACCRUE_BORROW_INTEREST_ACCOUNT_EXCHANGE];
    accounts->quote_asset = input->accounts[KAIROS_ACCRUE_BORROW_INTEREST_ACCOUNT_QUOTE_ASSET];
    accounts->args = (const AccrueBorrowInterestIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->quote_asset));
    TRY(require_program_account(accounts->quote_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction setBorrowRateParams */
typedef struct SetBorrowRateParamsIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView admin; /* signer */
    AccountView quote_asset; /* writable, CollateralAsset */
    const SetBorrowRateParamsIxArgs *args;
} SetBorrowRateParamsIxAccounts;

static inline u64 load_set_borrow_rate_params_accounts(const ProgramInput *input, SetBorrowRateParamsIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_BORROW_RATE_PARAMS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetBorrowRateParamsIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_BORROW_RATE_PARAMS_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_SET_BORROW_RATE_PARAMS_ACCOUNT_ADMIN];
    accounts->quote_asset = input->accounts[KAIROS_SET_BORROW_RATE_PARAMS_ACCOUNT_QUOTE_ASSET];
    accounts->args = (const SetBorrowRateParamsIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->quote_asset));
    TRY(require_program_account(accounts->quote_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction expireAuction */
typedef struct ExpireAuctionIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView auction; /* writable, Auction */
    AccountView taker_margin_account; /* writable, MarginAccount */
    AccountView taker_owner; /* writable */
    AccountView expirer; /* signer, writable */
    const ExpireAuctionIxArgs *args;
} ExpireAuctionIxAccounts;

static inline u64 load_expire_auction_accounts(const ProgramInput *input, ExpireAuctionIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_EXPIRE_AUCTION_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(ExpireAuctionIxArgs)));
    accounts->exchange = input->accounts[KAIROS_EXPIRE_AUCTION_ACCOUNT_EXCHANGE];
    accounts->auction = input->accounts[KAIROS_EXPIRE_AUCTION_ACCOUNT_AUCTION];
    accounts->taker_margin_account = input->accounts[KAIROS_EXPIRE_AUCTION_ACCOUNT_TAKER_MARGIN_ACCOUNT];
    accounts->taker_owner = input->accounts[KAIROS_EXPIRE_AUCTION_ACCOUNT_TAKER_OWNER];
    accounts->expirer = input->accounts[KAIROS_EXPIRE_AUCTION_ACCOUNT_EXPIRER];
    accounts->args = (const ExpireAuctionIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->auction));
    TRY(require_program_account(accounts->auction, input->program_id, KAIROS_ACCOUNT_DISC_AUCTION, KAIROS_AUCTION_ACCOUNT_SIZE));
    TRY(require_writable(accounts->taker_margin_account));
    TRY(require_program_account(accounts->taker_margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->taker_owner));
    TRY(require_signer(accounts->expirer));
    TRY(require_writable(accounts->expirer));
    return KAIROS_OK;
}

/* instruction updateFunding */
typedef struct UpdateFundingIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView perp_market; /* writable, PerpMarket */
    AccountView orderbook; /* Orderbook */
    AccountView event_queue; /* EventQueue */
    AccountView oracle; /* unchecked here: see the handler */
    AccountView reward_account; /* writable, MarginAccount */
    const UpdateFundingIxArgs *args;
} UpdateFundingIxAccounts;

static inline u64 load_update_funding_accounts(const ProgramInput *input, UpdateFundingIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_UPDATE_FUNDING_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(UpdateFundingIxArgs)));
    accounts->exchange = input->accounts[KAIROS_UPDATE_FUNDING_ACCOUNT_EXCHANGE];
    accounts->perp_market = input->accounts[KAIROS_UPDATE_FUNDING_ACCOUNT_PERP_MARKET];
    accounts->orderbook = input->accounts[KAIROS_UPDATE_FUNDING_ACCOUNT_ORDERBOOK];
    accounts->event_queue = input->accounts[KAIROS_UPDATE_FUNDING_ACCOUNT_EVENT_QUEUE];
    accounts->oracle = input->accounts[KAIROS_UPDATE_FUNDING_ACCOUNT_ORACLE];
    accounts->reward_account = input->accounts[KAIROS_UPDATE_FUNDING_ACCOUNT_REWARD_ACCOUNT];
    accounts->args = (const UpdateFundingIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    TRY(require_program_account(accounts->orderbook, input->program_id, KAIROS_ACCOUNT_DISC_ORDERBOOK, KAIROS_ORDERBOOK_ACCOUNT_SIZE));
    TRY(require_program_account(accounts->event_queue, input->program_id, KAIROS_ACCOUNT_DISC_EVENT_QUEUE, KAIROS_EVENT_QUEUE_ACCOUNT_SIZE));
    TRY(require_writable(accounts->reward_account));
    TRY(require_program_account(accounts->reward_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction setFundingParams */
typedef struct SetFundingParamsIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView admin; /* signer */
    AccountView perp_market; /* writable, PerpMarket */
    const SetFundingParamsIxArgs *args;
} SetFundingParamsIxAccounts;

static inline u64 load_set_funding_params_accounts(const ProgramInput *input, SetFundingParamsIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_FUNDING_PARAMS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetFundingParamsIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_FUNDING_PARAMS_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_SET_FUNDING_PARAMS_ACCOUNT_ADMIN];
    accounts->perp_market = input->accounts[KAIROS_SET_FUNDING_PARAMS_ACCOUNT_PERP_MARKET];
    accounts->args = (const SetFundingParamsIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction setMarketOrderRules */
typedef struct SetMarketOrderRulesIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView admin; /* signer */
    AccountView perp_market; /* writable, PerpMarket */
    const SetMarketOrderRulesIxArgs *args;
} SetMarketOrderRulesIxAccounts;

static inline u64 load_set_market_order_rules_accounts(const ProgramInput *input, SetMarketOrderRulesIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_MARKET_ORDER_RULES_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetMarketOrderRulesIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_MARKET_ORDER_RULES_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_SET_MARKET_ORDER_RULES_ACCOUNT_ADMIN];
    accounts->perp_market = input->accounts[KAIROS_SET_MARKET_ORDER_RULES_ACCOUNT_PERP_MARKET];
    accounts->args = (const SetMarketOrderRulesIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->perp_market));
    TRY(require_program_account(accounts->perp_market, input->program_id, KAIROS_ACCOUNT_DISC_PERP_MARKET, KAIROS_PERP_MARKET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction initializeRiskParameters */
typedef struct InitializeRiskParametersIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView admin; /* signer, writable */
    AccountView risk_parameters; /* writable, created here at its canonical PDA */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const InitializeRiskParametersIxArgs *args;
    PdaSigner risk_parameters_pda; /* seeds + canonical bump */
} InitializeRiskParametersIxAccounts;

static inline u64 load_initialize_risk_parameters_accounts(const ProgramInput *input, InitializeRiskParametersIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(InitializeRiskParametersIxArgs)));
    accounts->exchange = input->accounts[KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNT_ADMIN];
    accounts->risk_parameters = input->accounts[KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNT_RISK_PARAMETERS];
    accounts->system_program = input->accounts[KAIROS_INITIALIZE_RISK_PARAMETERS_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const InitializeRiskParametersIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->admin));
    TRY(require_writable(accounts->risk_parameters));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* The canonical PDAs initializeRiskParameters creates, after its semantic checks (cheap
 * refusals first: a derivation costs ~1,500 CU per bump tried). */
static inline u64 derive_initialize_risk_parameters_pdas(const ProgramInput *input, InitializeRiskParametersIxAccounts *accounts) {
    {
        SolSignerSeed seeds[1] = {
            {(const u8 *)KAIROS_SEED_RISK_PARAMETERS, sizeof(KAIROS_SEED_RISK_PARAMETERS) - 1},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->risk_parameters, seeds, SEED_COUNT(seeds), input->program_id, &accounts->risk_parameters_pda));
    }
    return KAIROS_OK;
}

/* instruction setRiskPublisher */
typedef struct SetRiskPublisherIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView admin; /* signer */
    AccountView risk_parameters; /* writable, RiskParameters */
    const SetRiskPublisherIxArgs *args;
} SetRiskPublisherIxAccounts;

static inline u64 load_set_risk_publisher_accounts(const ProgramInput *input, SetRiskPublisherIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_RISK_PUBLISHER_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetRiskPublisherIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_RISK_PUBLISHER_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_SET_RISK_PUBLISHER_ACCOUNT_ADMIN];
    accounts->risk_parameters = input->accounts[KAIROS_SET_RISK_PUBLISHER_ACCOUNT_RISK_PARAMETERS];
    accounts->args = (const SetRiskPublisherIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->risk_parameters));
    TRY(require_program_account(accounts->risk_parameters, input->program_id, KAIROS_ACCOUNT_DISC_RISK_PARAMETERS, KAIROS_RISK_PARAMETERS_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction setRiskFactors */
typedef struct SetRiskFactorsIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView admin; /* signer */
    AccountView risk_parameters; /* writable, RiskParameters */
    const SetRiskFactorsIxArgs *args;
} SetRiskFactorsIxAccounts;

static inline u64 load_set_risk_factors_accounts(const ProgramInput *input, SetRiskFactorsIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_RISK_FACTORS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetRiskFactorsIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_RISK_FACTORS_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_SET_RISK_FACTORS_ACCOUNT_ADMIN];
    accounts->risk_parameters = input->accounts[KAIROS_SET_RISK_FACTORS_ACCOUNT_RISK_PARAMETERS];
    accounts->args = (const SetRiskFactorsIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->risk_parameters));
    TRY(require_program_account(accounts->risk_parameters, input->program_id, KAIROS_ACCOUNT_DISC_RISK_PARAMETERS, KAIROS_RISK_PARAMETERS_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction setRiskLimitCaps */
typedef struct SetRiskLimitCapsIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView admin; /* signer */
    AccountView risk_parameters; /* writable, RiskParameters */
    const SetRiskLimitCapsIxArgs *args;
} SetRiskLimitCapsIxAccounts;

static inline u64 load_set_risk_limit_caps_accounts(const ProgramInput *input, SetRiskLimitCapsIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_RISK_LIMIT_CAPS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetRiskLimitCapsIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_RISK_LIMIT_CAPS_ACCOUNT_EXCHANGE];
    accounts->admin = input->accounts[KAIROS_SET_RISK_LIMIT_CAPS_ACCOUNT_ADMIN];
    accounts->risk_parameters = input->accounts[KAIROS_SET_RISK_LIMIT_CAPS_ACCOUNT_RISK_PARAMETERS];
    accounts->args = (const SetRiskLimitCapsIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_signer(accounts->admin));
    TRY(require_writable(accounts->risk_parameters));
    TRY(require_program_account(accounts->risk_parameters, input->program_id, KAIROS_ACCOUNT_DISC_RISK_PARAMETERS, KAIROS_RISK_PARAMETERS_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction publishRiskParams */
typedef struct PublishRiskParamsIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView publisher; /* signer */
    AccountView risk_parameters; /* writable, RiskParameters */
    const PublishRiskParamsIxArgs *args;
} PublishRiskParamsIxAccounts;

static inline u64 load_publish_risk_params_accounts(const ProgramInput *input, PublishRiskParamsIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_PUBLISH_RISK_PARAMS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(PublishRiskParamsIxArgs)));
    accounts->exchange = input->accounts[KAIROS_PUBLISH_RISK_PARAMS_ACCOUNT_EXCHANGE];
    accounts->publisher = input->accounts[KAIROS_PUBLISH_RISK_PARAMS_ACCOUNT_PUBLISHER];
    accounts->risk_parameters = input->accounts[KAIROS_PUBLISH_RISK_PARAMS_ACCOUNT_RISK_PARAMETERS];
    accounts->args = (const PublishRiskParamsIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_signer(accounts->publisher));
    TRY(require_writable(accounts->risk_parameters));
    TRY(require_program_account(accounts->risk_parameters, input->program_id, KAIROS_ACCOUNT_DISC_RISK_PARAMETERS, KAIROS_RISK_PARAMETERS_ACCOUNT_SIZE));
    return KAIROS_OK;
}

/* instruction createRiskLimits */
typedef struct CreateRiskLimitsIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* writable, MarginAccount */
    AccountView owner; /* signer, writable */
    AccountView risk_parameters; /* unchecked here: see the handler */
    AccountView risk_limits; /* writable, created here at its canonical PDA */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const CreateRiskLimitsIxArgs *args;
    PdaSigner risk_limits_pda; /* seeds + canonical bump */
} CreateRiskLimitsIxAccounts;

static inline u64 load_create_risk_limits_accounts(const ProgramInput *input, CreateRiskLimitsIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_CREATE_RISK_LIMITS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(CreateRiskLimitsIxArgs)));
    accounts->exchange = input->accounts[KAIROS_CREATE_RISK_LIMITS_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_CREATE_RISK_LIMITS_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_CREATE_RISK_LIMITS_ACCOUNT_OWNER];
    accounts->risk_parameters = input->accounts[KAIROS_CREATE_RISK_LIMITS_ACCOUNT_RISK_PARAMETERS];
    accounts->risk_limits = input->accounts[KAIROS_CREATE_RISK_LIMITS_ACCOUNT_RISK_LIMITS];
    accounts->system_program = input->accounts[KAIROS_CREATE_RISK_LIMITS_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const CreateRiskLimitsIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_writable(accounts->margin_account));
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    TRY(require_writable(accounts->risk_limits));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* The canonical PDAs createRiskLimits creates, after its semantic checks (cheap
 * refusals first: a derivation costs ~1,500 CU per bump tried). */
static inline u64 derive_create_risk_limits_pdas(const ProgramInput *input, CreateRiskLimitsIxAccounts *accounts) {
    {
        SolSignerSeed seeds[2] = {
            {(const u8 *)KAIROS_SEED_RISK_LIMITS, sizeof(KAIROS_SEED_RISK_LIMITS) - 1},
            {accounts->margin_account->key.x, PUBKEY_BYTES},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->risk_limits, seeds, SEED_COUNT(seeds), input->program_id, &accounts->risk_limits_pda));
    }
    return KAIROS_OK;
}

/* instruction setRiskLimits */
typedef struct SetRiskLimitsIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* MarginAccount */
    AccountView risk_parameters; /* unchecked here: see the handler */
    AccountView risk_limits; /* writable */
    AccountView authority; /* signer */
    const SetRiskLimitsIxArgs *args;
} SetRiskLimitsIxAccounts;

static inline u64 load_set_risk_limits_accounts(const ProgramInput *input, SetRiskLimitsIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_RISK_LIMITS_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetRiskLimitsIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_RISK_LIMITS_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_SET_RISK_LIMITS_ACCOUNT_MARGIN_ACCOUNT];
    accounts->risk_parameters = input->accounts[KAIROS_SET_RISK_LIMITS_ACCOUNT_RISK_PARAMETERS];
    accounts->risk_limits = input->accounts[KAIROS_SET_RISK_LIMITS_ACCOUNT_RISK_LIMITS];
    accounts->authority = input->accounts[KAIROS_SET_RISK_LIMITS_ACCOUNT_AUTHORITY];
    accounts->args = (const SetRiskLimitsIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->risk_limits));
    TRY(require_signer(accounts->authority));
    return KAIROS_OK;
}

/* instruction resetHighWaterMark */
typedef struct ResetHighWaterMarkIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* MarginAccount */
    AccountView owner; /* signer */
    AccountView risk_parameters; /* unchecked here: see the handler */
    AccountView risk_limits; /* writable */
    const ResetHighWaterMarkIxArgs *args;
} ResetHighWaterMarkIxAccounts;

static inline u64 load_reset_high_water_mark_accounts(const ProgramInput *input, ResetHighWaterMarkIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_RESET_HIGH_WATER_MARK_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(ResetHighWaterMarkIxArgs)));
    accounts->exchange = input->accounts[KAIROS_RESET_HIGH_WATER_MARK_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_RESET_HIGH_WATER_MARK_ACCOUNT_MARGIN_ACCOUNT];
    accounts->owner = input->accounts[KAIROS_RESET_HIGH_WATER_MARK_ACCOUNT_OWNER];
    accounts->risk_parameters = input->accounts[KAIROS_RESET_HIGH_WATER_MARK_ACCOUNT_RISK_PARAMETERS];
    accounts->risk_limits = input->accounts[KAIROS_RESET_HIGH_WATER_MARK_ACCOUNT_RISK_LIMITS];
    accounts->args = (const ResetHighWaterMarkIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->risk_limits));
    return KAIROS_OK;
}

/* instruction computeRisk */
typedef struct ComputeRiskIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView margin_account; /* MarginAccount */
    AccountView risk_parameters; /* unchecked here: see the handler */
    AccountView risk_limits; /* writable */
    const ComputeRiskIxArgs *args;
} ComputeRiskIxAccounts;

static inline u64 load_compute_risk_accounts(const ProgramInput *input, ComputeRiskIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_COMPUTE_RISK_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(ComputeRiskIxArgs)));
    accounts->exchange = input->accounts[KAIROS_COMPUTE_RISK_ACCOUNT_EXCHANGE];
    accounts->margin_account = input->accounts[KAIROS_COMPUTE_RISK_ACCOUNT_MARGIN_ACCOUNT];
    accounts->risk_parameters = input->accounts[KAIROS_COMPUTE_RISK_ACCOUNT_RISK_PARAMETERS];
    accounts->risk_limits = input->accounts[KAIROS_COMPUTE_RISK_ACCOUNT_RISK_LIMITS];
    accounts->args = (const ComputeRiskIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_program_account(accounts->margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->risk_limits));
    return KAIROS_OK;
}

/* instruction setRebalancePolicy */
typedef struct SetRebalancePolicyIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView owner; /* signer, writable */
    AccountView rebalance_policy; /* writable, created here at its canonical PDA */
    AccountView system_program; /* == 11111111111111111111111111111111 */
    const SetRebalancePolicyIxArgs *args;
    PdaSigner rebalance_policy_pda; /* seeds + canonical bump */
} SetRebalancePolicyIxAccounts;

static inline u64 load_set_rebalance_policy_accounts(const ProgramInput *input, SetRebalancePolicyIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_SET_REBALANCE_POLICY_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(SetRebalancePolicyIxArgs)));
    accounts->exchange = input->accounts[KAIROS_SET_REBALANCE_POLICY_ACCOUNT_EXCHANGE];
    accounts->owner = input->accounts[KAIROS_SET_REBALANCE_POLICY_ACCOUNT_OWNER];
    accounts->rebalance_policy = input->accounts[KAIROS_SET_REBALANCE_POLICY_ACCOUNT_REBALANCE_POLICY];
    accounts->system_program = input->accounts[KAIROS_SET_REBALANCE_POLICY_ACCOUNT_SYSTEM_PROGRAM];
    accounts->args = (const SetRebalancePolicyIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_signer(accounts->owner));
    TRY(require_writable(accounts->owner));
    TRY(require_writable(accounts->rebalance_policy));
    TRY(require_program(accounts->system_program, &KAIROS_ADDRESS_SYSTEM_PROGRAM));
    return KAIROS_OK;
}

/* The canonical PDAs setRebalancePolicy creates, after its semantic checks (cheap
 * refusals first: a derivation costs ~1,500 CU per bump tried). */
static inline u64 derive_set_rebalance_policy_pdas(const ProgramInput *input, SetRebalancePolicyIxAccounts *accounts) {
    {
        SolSignerSeed seeds[2] = {
            {(const u8 *)KAIROS_SEED_REBALANCE_POLICY, sizeof(KAIROS_SEED_REBALANCE_POLICY) - 1},
            {accounts->owner->key.x, PUBKEY_BYTES},
        };
        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "PdaSigner holds them");
        TRY(require_canonical_pda(accounts->rebalance_policy, seeds, SEED_COUNT(seeds), input->program_id, &accounts->rebalance_policy_pda));
    }
    return KAIROS_OK;
}

/* instruction rebalanceCollateral */
typedef struct RebalanceCollateralIxAccounts {
    AccountView exchange; /* entrypoint-checked Exchange */
    AccountView rebalance_policy; /* RebalancePolicy */
    AccountView authority; /* signer */
    AccountView from_margin_account; /* writable, MarginAccount */
    AccountView to_margin_account; /* writable, MarginAccount */
    AccountView collateral_asset; /* writable, CollateralAsset */
    const RebalanceCollateralIxArgs *args;
} RebalanceCollateralIxAccounts;

static inline u64 load_rebalance_collateral_accounts(const ProgramInput *input, RebalanceCollateralIxAccounts *accounts) {
    TRY(require_account_count(input->account_count, KAIROS_REBALANCE_COLLATERAL_ACCOUNTS_LEN));
    TRY(require_args_size(input->data_len, sizeof(RebalanceCollateralIxArgs)));
    accounts->exchange = input->accounts[KAIROS_REBALANCE_COLLATERAL_ACCOUNT_EXCHANGE];
    accounts->rebalance_policy = input->accounts[KAIROS_REBALANCE_COLLATERAL_ACCOUNT_REBALANCE_POLICY];
    accounts->authority = input->accounts[KAIROS_REBALANCE_COLLATERAL_ACCOUNT_AUTHORITY];
    accounts->from_margin_account = input->accounts[KAIROS_REBALANCE_COLLATERAL_ACCOUNT_FROM_MARGIN_ACCOUNT];
    accounts->to_margin_account = input->accounts[KAIROS_REBALANCE_COLLATERAL_ACCOUNT_TO_MARGIN_ACCOUNT];
    accounts->collateral_asset = input->accounts[KAIROS_REBALANCE_COLLATERAL_ACCOUNT_COLLATERAL_ASSET];
    accounts->args = (const RebalanceCollateralIxArgs *)(input->data + DISCRIMINATOR_BYTES);
    TRY(require_program_account(accounts->rebalance_policy, input->program_id, KAIROS_ACCOUNT_DISC_REBALANCE_POLICY, KAIROS_REBALANCE_POLICY_ACCOUNT_SIZE));
    TRY(require_signer(accounts->authority));
    TRY(require_writable(accounts->from_margin_account));
    TRY(require_program_account(accounts->from_margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->to_margin_account));
    TRY(require_program_account(accounts->to_margin_account, input->program_id, KAIROS_ACCOUNT_DISC_MARGIN_ACCOUNT, KAIROS_MARGIN_ACCOUNT_ACCOUNT_SIZE));
    TRY(require_writable(accounts->collateral_asset));
    TRY(require_program_account(accounts->collateral_asset, input->program_id, KAIROS_ACCOUNT_DISC_COLLATERAL_ASSET, KAIROS_COLLATERAL_ASSET_ACCOUNT_SIZE));
    return KAIROS_OK;
}

#endif /* KAIROS_GENERATED_ACCOUNTS_H */
