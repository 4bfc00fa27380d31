/*
 * Account checks shared by the perp instructions: an owner-signed margin
 * account, and a market's Orderbook and EventQueue with their links both ways
 * (the market names them, they name the market). Errors: Anchor's codes for
 * the account itself (writable, owner, discriminator, size), MarketMismatch for
 * a broken link, Unauthorized for a margin account of someone else.
 */
#ifndef KAIROS_VALIDATE_PERP_ACCOUNTS_H
#define KAIROS_VALIDATE_PERP_ACCOUNTS_H

#include "sol/input.h"

/* `margin_account` is a writable MarginAccount of ours owned by `owner`, who
 * signed. */
u64 require_owned_margin_account(AccountView margin_account, AccountView owner,
                                 const SolPubkey *program_id);

/* `market` is a PerpMarket of ours (writable when `writable`). */
u64 require_perp_market(AccountView market, const SolPubkey *program_id, bool writable);

/* `orderbook` is the writable Orderbook of the validated `market`. */
u64 require_market_orderbook(AccountView orderbook, AccountView market,
                             const SolPubkey *program_id);

/* `event_queue` is the writable EventQueue of the validated `market`. */
u64 require_market_event_queue(AccountView event_queue, AccountView market,
                               const SolPubkey *program_id);

/* The same links and account checks for an instruction that only reads the
 * queue (sweep_fees_to_insurance: the rebates it still owes). */
u64 require_market_event_queue_readonly(AccountView event_queue, AccountView market,
                                        const SolPubkey *program_id);

#endif /* KAIROS_VALIDATE_PERP_ACCOUNTS_H */
