/*
 * What place_order and place_order_v2 share once their generated loaders have
 * run: the owner and market links, the oracle read and the one order path.
 */
#ifndef KAIROS_INSTRUCTIONS_PLACE_ORDER_H
#define KAIROS_INSTRUCTIONS_PLACE_ORDER_H

#include "instructions/instructions.h"
#include "orders/execute.h"

/* Check the owner signs for the margin account and the market's accounts are
 * linked, read the clock and the market's oracle, then execute `request`. The
 * owner pays the crank reward of its maker fills. */
u64 place_loaded_order(const InstructionContext *context, const OrderPathAccounts *accounts,
                       AccountView oracle, OrderRequest *request);

#endif /* KAIROS_INSTRUCTIONS_PLACE_ORDER_H */
