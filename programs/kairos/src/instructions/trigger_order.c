/*
 * trigger_order (permissionless, a keeper's instruction): when the market's
 * oracle price per lot meets the trigger condition, place the trigger order's
 * order through the order path (orders/execute.h: the same checks,
 * matching and health as place_order), pay the keeper its reward from the
 * trigger's escrow, return the rest to the owner, close the trigger order and
 * its OCO partner. Remaining accounts: the health accounts of the owner's
 * margin account (as for place_order).
 *
 * A keeper that loses a race meets one of two errors, both "outcompeted", not
 * failures: TriggerNotReady (the condition does not hold at this oracle price,
 * or a reduce-only trigger such as a bracket child has no position to reduce
 * yet: the entry has not filled) and TriggerOrderNotActive (already triggered
 * or cancelled). An expired trigger order is closed instead (the keeper is paid
 * for the cleanup) and the instruction succeeds.
 */
#include "anchor/event.h"
#include "generated/kairos_accounts.h"
#include "instructions/instructions.h"
#include "math/checked.h"
#include "orders/execute.h"
#include "sol/lamports.h"
#include "sol/log.h"
#include "sol/sysvars.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/orderbook.h"
#include "state/perp_market.h"
#include "state/perp_position.h"
#include "state/trigger_order.h"
#include "validate/links.h"
#include "validate/program_accounts.h"

void emit_trigger_order_cancelled(AccountView account);

typedef struct TriggerOrderAccounts {
    OrderPathAccounts order;
    AccountView trigger_order;
    AccountView owner;
    AccountView oracle;
    AccountView keeper;
    AccountView partner; /* the live OCO partner, or NULL */
} TriggerOrderAccounts;

/* After the loader: a live order (a keeper that lost the race learns it before
 * any semantic check), has-one links (the order's margin account, market and
 * owner), the market links, and the OCO partner. */
static u64 validate_trigger_order(const ProgramInput *input,
                                  const TriggerOrderIxAccounts *loaded,
                                  TriggerOrderAccounts *accounts) {
    accounts->trigger_order = loaded->trigger_order;
    accounts->owner = loaded->owner;
    accounts->oracle = loaded->oracle;
    accounts->keeper = loaded->keeper;
    OrderPathAccounts *order = &accounts->order;
    order->margin_account = loaded->margin_account;
    order->crank_payer = loaded->trigger_order;
    order->perp_market = loaded->perp_market;
    order->orderbook = loaded->orderbook;
    order->event_queue = loaded->event_queue;
    order->system_program = loaded->system_program;
    order->fixed_account_count = KAIROS_TRIGGER_ORDER_ACCOUNTS_LEN;
    order->crank_payer_owned = true;

    TRY(require_live_trigger_order(accounts->trigger_order, input->program_id));
    const TriggerOrder *trigger = trigger_order_state(accounts->trigger_order);
    if (!pubkey_eq(&trigger->margin_account, &order->margin_account->key) ||
        !pubkey_eq(&trigger->market, &order->perp_market->key) ||
        !pubkey_eq(&margin_account_state(order->margin_account)->owner, &accounts->owner->key)) {
        return ANCHOR_CONSTRAINT_HAS_ONE;
    }
    TRY(require_order_market_links(order, accounts->oracle));
    return require_linked_trigger(trigger, loaded->linked_trigger, input->program_id,
                                  &accounts->partner);
}

/* A reduce-only trigger (a bracket child, a stop-loss) activates only while
 * the position has something to reduce on its side. */
static bool has_reducible_position(const MarginAccount *margin, const TriggerOrder *trigger) {
    for (u32 i = 0; i < KAIROS_MAX_PERP_POSITIONS; i++) {
        const PerpPosition *position = &margin->perp_positions[i];
        if (position->active && position->market_index == trigger->market_index) {
            return trigger->side == SIDE_ASK ? position->base_lots > 0 : position->base_lots < 0;
        }
    }
    return false;
}

/* Pay `reward` (<= the trigger's lamports, by invariant 2) to the keeper. */
static u64 pay_keeper(const TriggerOrderAccounts *accounts, u64 reward, u64 *paid) {
    u64 available = accounts->trigger_order->lamports;
    u64 amount = reward < available ? reward : available;
    TRY(lamports_move(accounts->trigger_order, accounts->keeper, amount));
    *paid = amount;
    return KAIROS_OK;
}

/* Close the trigger and its partner, all remaining lamports to the owner. */
static u64 close_triggers(const TriggerOrderAccounts *accounts) {
    MarginAccount *margin = margin_account_state(accounts->order.margin_account);
    TRY(trigger_order_close(accounts->trigger_order, accounts->owner, margin));
    if (accounts->partner != NULL) {
        emit_trigger_order_cancelled(accounts->partner);
        TRY(trigger_order_close(accounts->partner, accounts->owner, margin));
    }
    return KAIROS_OK;
}

static void emit_triggered(const TriggerOrderAccounts *accounts, const TriggerOrder *trigger,
                           u64 oracle_price, const OrderOutcome *outcome, u64 reward) {
    TriggerOrderTriggeredEventRecord record = TRIGGER_ORDER_TRIGGERED_EVENT_RECORD_INIT;
    pubkey_copy(&record.event.margin_account, &trigger->margin_account);
    pubkey_copy(&record.event.trigger_order, &accounts->trigger_order->key);
    pubkey_copy(&record.event.keeper, &accounts->keeper->key);
    record.event.id = trigger->id;
    record.event.oracle_price = oracle_price;
    record.event.trigger_price = trigger->trigger_price;
    record.event.order_id = outcome->order_id;
    record.event.filled_base_lots = outcome->filled_base_lots;
    record.event.keeper_reward = reward;
    if (accounts->partner != NULL) {
        pubkey_copy(&record.event.cancelled_linked, &accounts->partner->key);
    }
    EMIT_EVENT(record);
}

u64 process_trigger_order(const InstructionContext *context) {
    const ProgramInput *input = context->input;
    LOG_LITERAL("Instruction: TriggerOrder");
    TriggerOrderIxAccounts loaded;
    TRY(load_trigger_order_accounts(input, &loaded));
    TriggerOrderAccounts accounts;
    TRY(validate_trigger_order(input, &loaded, &accounts));
    const TriggerOrder *trigger = trigger_order_state(accounts.trigger_order);
    const Exchange *exchange = exchange_state(context->exchange);
    const PerpMarket *market = perp_market_state(accounts.order.perp_market);
    SolClock clock;
    sol_get_clock_sysvar(&clock);

    OrderOutcome outcome = {0};
    u64 reward;
    if (trigger->expiry_timestamp != 0 && clock.unix_timestamp >= trigger->expiry_timestamp) {
        /* Expired: closed as cancelled; the keeper is paid for the cleanup. */
        TRY(pay_keeper(&accounts, trigger->keeper_reward_lamports, &reward));
        emit_trigger_order_cancelled(accounts.trigger_order);
        return close_triggers(&accounts);
    }

    OracleRequirements oracle_requirements = perp_market_oracle_requirements(market);
    OraclePrice oracle_price;
    TRY(oracle_read(input, accounts.oracle, &oracle_requirements, &clock, &oracle_price));
    u64 price_per_lot;
    if (!perp_price_per_lot(market, &oracle_price, exchange->quote_decimals, false,
                            &price_per_lot)) {
        return KAIROS_ERR_MATH_OVERFLOW;
    }
    if (!trigger_condition_holds(trigger, price_per_lot) ||
        (trigger->reduce_only &&
         !has_reducible_position(margin_account_state(accounts.order.margin_account), trigger))) {
        return KAIROS_ERR_TRIGGER_NOT_READY;
    }

    bool market_kind = trigger_kind_is_market(trigger->kind);
    OrderRequest request = {
        .price = trigger->limit_price,
        .max_base_lots = trigger->max_base_lots,
        .client_order_id = trigger->client_order_id,
        .max_oracle_deviation_bps = trigger->max_oracle_deviation_bps,
        .side = trigger->side,
        .order_type = market_kind ? ORDER_TYPE_MARKET : ORDER_TYPE_LIMIT,
        .time_in_force = market_kind ? KAIROS_TIME_IN_FORCE_IOC : KAIROS_TIME_IN_FORCE_GTC,
        .self_trade_behavior = KAIROS_SELF_TRADE_BEHAVIOR_CANCEL_RESTING,
        .reduce_only = trigger->reduce_only,
        .match_limit = trigger->match_limit,
    };
    OrderExecution execution = {context, &accounts.order, &oracle_price, &clock, &request, false};
    TRY(execute_order(&execution, &outcome));
    TRY(pay_keeper(&accounts, trigger->keeper_reward_lamports, &reward));
    emit_triggered(&accounts, trigger, price_per_lot, &outcome, reward);
    return close_triggers(&accounts);
}
