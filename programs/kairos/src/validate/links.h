/*
 * has-one links between an instruction's accounts, checked after the generated
 * loaders (generated/kairos_accounts.h) have checked each account on its own
 * (signer, writable, owner, discriminator, size). A broken link is a program
 * error naming it (Unauthorized, MarketMismatch, OracleMismatch,
 * MarginAccountMismatch, LinkedTriggerMismatch, AssetMismatch) or Anchor's
 * ConstraintAddress.
 */
#ifndef KAIROS_VALIDATE_LINKS_H
#define KAIROS_VALIDATE_LINKS_H

#include "generated/kairos_idl.h"
#include "orders/execute.h"
#include "orders/delegated_execution.h"
#include "sol/input.h"
#include "state/exchange.h"
#include "state/margin_account.h"
#include "state/trigger_order.h"

/* has-one, for every admin instruction: `admin` is the Exchange's admin
 * (Unauthorized otherwise). Its signature is the loader's check: every admin
 * instruction names it a signer. */
KAIROS_INLINE u64 require_exchange_admin(AccountView exchange, AccountView admin) {
    return pubkey_eq(&exchange_state(exchange)->admin, &admin->key) ? KAIROS_OK
                                                                     : KAIROS_ERR_UNAUTHORIZED;
}

/* has-one: `owner` is the account's owner (Unauthorized otherwise). Its
 * signature is the loader's check: every instruction names it a signer. */
u64 require_margin_account_owner(const MarginAccount *account, AccountView owner);

/* has-one both ways: the validated `market` names `orderbook` and the validated
 * `orderbook` names `market` (MarketMismatch otherwise). */
u64 require_market_orderbook_link(AccountView orderbook, AccountView market);

/* has-one both ways between a validated market and its validated EventQueue. */
u64 require_market_event_queue_link(AccountView event_queue, AccountView market);

/* The linked-trigger account of an instruction (optional in the IDL): the
 * program id when `trigger` has no OCO partner, else its partner, writable and
 * live. On success *partner is the live partner to close, or NULL. */
u64 require_linked_trigger(const TriggerOrder *trigger, AccountView linked,
                           const SolPubkey *program_id, AccountView *partner);

/* The quote side of the insurance fund, as resolve_bankruptcy and
 * sweep_fees_to_insurance name it: the quote CollateralAsset (index 0), the
 * Exchange's quote vault and insurance vault (has-one links), SPL Token. The
 * loaders check writable, the asset's type and the token program; this checks
 * the index, the links and that both vaults are token accounts of the quote mint. */
typedef struct InsuranceAccounts {
    AccountView quote_asset;
    AccountView quote_vault;
    AccountView insurance_vault;
    AccountView token_program;
} InsuranceAccounts;
u64 require_insurance_accounts(const Exchange *exchange, const InsuranceAccounts *accounts);

/* The market-side links of an order's accounts: the account is not being
 * liquidated, the book and queue are the market's, `oracle` is the market's
 * oracle (checked first so a wrong oracle is reported as such whatever else is
 * wrong; oracle_read checks it again). */
u64 require_order_market_links(const OrderPathAccounts *accounts, AccountView oracle);

/* The delegated executions' links: the order's margin account (not being
 * liquidated) and market, the market's book, queue and oracle. */
u64 require_execution_links(const ExecutionAccounts *accounts, const ExecutionLinks *links);

/* The RiskLimits of `margin_account` (linked) and the RiskParameters, each
 * checked; RiskAccountsMissing when either is not an account of that kind,
 * RiskAccountsMismatch when the RiskLimits belongs to another margin account. */
u64 require_risk_accounts(const SolPubkey *program_id, AccountView margin_account,
                          AccountView risk_limits, AccountView risk_parameters, bool writable);

#endif /* KAIROS_VALIDATE_LINKS_H */
