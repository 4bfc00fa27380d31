/*
 * Layout probes for the host tests of the order book and matching code: the
 * Python side mirrors these structs with ctypes and checks every size against
 * the C compiler's, so a layout change cannot go unnoticed. The functions under
 * test (book_insert, match_order, ...) are called directly: they are exported
 * from the shared library as they are.
 */
#include "generated/kairos_idl.h"
#include "matching/match.h"
#include "state/perp_position.h"

#define SHIM __attribute__((visibility("default")))

SHIM u64 shim_sizeof_book_order(void) { return sizeof(BookOrder); }
SHIM u64 shim_sizeof_orderbook(void) { return sizeof(Orderbook); }
SHIM u64 shim_sizeof_fill_event(void) { return sizeof(FillEvent); }
SHIM u64 shim_sizeof_event_queue(void) { return sizeof(EventQueue); }
SHIM u64 shim_sizeof_taker_order(void) { return sizeof(TakerOrder); }
SHIM u64 shim_sizeof_cancelled_order(void) { return sizeof(CancelledOrder); }
SHIM u64 shim_sizeof_match_result(void) { return sizeof(MatchResult); }
SHIM u64 shim_sizeof_perp_position(void) { return sizeof(PerpPosition); }
SHIM u64 shim_sizeof_position_fill(void) { return sizeof(PositionFill); }
