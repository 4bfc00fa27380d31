/*
 * create_trigger_order: the owner creates a TriggerOrder PDA (["trigger",
 * margin_account, id u64 LE]) and escrows in it the keeper reward and the crank
 * funding of the order it will place (state/trigger_order.h, invariant 2).
 * With `linked_trigger` set to another unlinked trigger order of the same
 * account, the two become an OCO pair (invariant 3); the program id means none.
 */
#include "anchor/event.h"
#include "cpi/system.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/checked.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "state/trigger_order.h"
#include "validate/links.h"
#include "validate/program_accounts.h"

static u64 validate_trigger_args(const CreateTriggerOrderArgs *args, const PerpMarket *market,
                                 const Exchange *exchange, const SolClock *clock) {
    if (args->side > SIDE_ASK || args->kind > KAIROS_TRIGGER_KIND_TAKE_PROFIT_LIMIT ||
        args->condition > KAIROS_TRIGGER_CONDITION_BELOW || args->reduce_only > 1 ||
        args->trailing_mode > KAIROS_TRAILING_MODE_BPS || args->match_limit == 0 ||
        args->match_limit > KAIROS_MAX_MATCHES_PER_ORDER || args->trigger_price == 0 ||
        /* Invariant 4 of state/trigger_order.h. */
        args->condition != trigger_expected_condition(args->kind, args->side) ||
        args->keeper_reward_lamports < exchange->keeper_reward_lamports) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    bool market_kind = trigger_kind_is_market(args->kind);
    if (args->trailing_mode != KAIROS_TRAILING_MODE_NONE &&
        (args->trailing_offset == 0 ||
         (args->kind != KAIROS_TRIGGER_KIND_STOP_MARKET &&
          args->kind != KAIROS_TRIGGER_KIND_STOP_LIMIT) ||
         (args->trailing_mode == KAIROS_TRAILING_MODE_BPS &&
          args->trailing_offset >= BPS_PER_UNIT))) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    /* A limit kind rests at limit_price; the band only bounds a market kind. */
    if (!market_kind && args->max_oracle_deviation_bps != 0) {
        return KAIROS_ERR_INVALID_ARGUMENT;
    }
    bool band_only = market_kind && args->limit_price == 0 && args->max_oracle_deviation_bps != 0;
    if ((args->limit_price == 0 && !band_only) || args->limit_price % market->tick_size != 0) {
        return KAIROS_ERR_PRICE_NOT_ON_TICK;
    }
    if (args->max_base_lots < market->min_order_lots) {
        return KAIROS_ERR_ORDER_TOO_SMALL;
    }
    if (args->expiry_timestamp != 0 && args->expiry_timestamp <= clock->unix_timestamp) {
        return KAIROS_ERR_ORDER_EXPIRED;
    }
    return KAIROS_OK;
}

/* Link the new order with `partner` as an OCO pair (invariant 3): the partner
 * must be a live, unlinked trigger order of the same margin account. */
static u64 link_partner(const ProgramInput *input, const CreateTriggerOrderIxAccounts *accounts,
                        TriggerOrder *trigger) {
    AccountView partner_account = accounts->linked_trigger;
    if (pubkey_eq(&partner_account->key, input->program_id)) {
        return KAIROS_OK;
    }
    TRY(require_writable(partner_account));
    TRY(require_live_trigger_order(partner_account, input->program_id));
    TriggerOrder *partner = trigger_order_state(partner_account);
    if (!pubkey_eq(&partner->margin_account, &accounts->margin_account->key) ||
        !pubkey_is_zero(&partner->linked_trigger) ||
        pubkey_eq(&partner_account->key, &accounts->trigger_order->key)) {
        return KAIROS_ERR_LINKED_TRIGGER_MISMATCH;
    }
    pubkey_copy(&partner->linked_trigger, &accounts->trigger_order->key);
    pubkey_copy(&trigger->linked_trigger, &partner_account->key);
    return KAIROS_OK;
}

u64 process_create_trigger_order(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: CreateTriggerOrder");
    /* The loader's checks, the owner link, the PDA ["trigger", margin account,
     * id u64 LE]; the order's
     * rules follow. */
    CreateTriggerOrderIxAccounts accounts;
    TRY(load_create_trigger_order_accounts(input, &accounts));
    TRY(require_margin_account_owner(margin_account_state(accounts.margin_account),
                                     accounts.owner));
    TRY(derive_create_trigger_order_pdas(input, &accounts));
    const CreateTriggerOrderArgs *args = &accounts.args->args;
    const Exchange *exchange = exchange_state(context->exchange);
    const PerpMarket *market = perp_market_state(accounts.perp_market);
    MarginAccount *margin = margin_account_state(accounts.margin_account);
    SolClock clock;
    sol_get_clock_sysvar(&clock);
    TRY(validate_trigger_args(args, market, exchange, &clock));
    if (margin->trigger_order_count >= KAIROS_MAX_TRIGGER_ORDERS) {
        return KAIROS_ERR_TRIGGER_ORDER_LIMIT;
    }
    /* Invariant 2: reward + match_limit crank rewards, on top of rent. */
    u64 crank_funding;
    u64 escrow;
    if (!u64_checked_mul(exchange->keeper_reward_lamports, args->match_limit, &crank_funding) ||
        !u64_checked_add(crank_funding, args->keeper_reward_lamports, &escrow)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }

    CreatePdaAccount create = {
        .payer = accounts.owner,
        .new_account = accounts.trigger_order,
        .system_program = accounts.system_program,
        .space = KAIROS_TRIGGER_ORDER_ACCOUNT_SIZE,
        .owner = input->program_id,
        .pda_signer = &accounts.trigger_order_pda.signer,
    };
    TRY(create_pda_account(&create));
    if (escrow != 0) {
        TRY(system_transfer(accounts.owner, accounts.trigger_order, accounts.system_program,
                            escrow));
    }

    *(u64 *)account_data(accounts.trigger_order) = KAIROS_ACCOUNT_DISC_TRIGGER_ORDER;
    TriggerOrder *trigger = trigger_order_state(accounts.trigger_order);
    pubkey_copy(&trigger->margin_account, &accounts.margin_account->key);
    pubkey_copy(&trigger->owner, &accounts.owner->key);
    pubkey_copy(&trigger->market, &accounts.perp_market->key);
    trigger->id = args->id;
    trigger->trigger_price = args->trigger_price;
    trigger->limit_price = args->limit_price;
    trigger->max_base_lots = args->max_base_lots;
    trigger->client_order_id = args->client_order_id;
    trigger->trailing_offset = args->trailing_offset;
    trigger->keeper_reward_lamports = args->keeper_reward_lamports;
    trigger->expiry_timestamp = args->expiry_timestamp;
    trigger->created_slot = clock.slot;
    trigger->market_index = market->index;
    trigger->max_oracle_deviation_bps = args->max_oracle_deviation_bps;
    trigger->side = args->side;
    trigger->kind = args->kind;
    trigger->condition = args->condition;
    trigger->reduce_only = args->reduce_only;
    trigger->trailing_mode = args->trailing_mode;
    trigger->match_limit = args->match_limit;
    trigger->bump = accounts.trigger_order_pda.bump;
    TRY(link_partner(input, &accounts, trigger));
    /* Invariant 1. */
    margin->trigger_order_count += 1;

    TriggerOrderCreatedEventRecord record = TRIGGER_ORDER_CREATED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &accounts.margin_account->key);
    pubkey_copy(&record.event.trigger_order, &accounts.trigger_order->key);
    pubkey_copy(&record.event.linked_trigger, &trigger->linked_trigger);
    record.event.id = args->id;
    record.event.kind = args->kind;
    record.event.side = args->side;
    record.event.condition = args->condition;
    record.event.trailing_mode = args->trailing_mode;
    record.event.trigger_price = args->trigger_price;
    record.event.max_base_lots = args->max_base_lots;
    EMIT_EVENT(record);
    return KAIROS_OK;
}
