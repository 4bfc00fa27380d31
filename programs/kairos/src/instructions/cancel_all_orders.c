/* cancel_all_orders: not built yet (issue 3). Replaced by its implementation. */
#include "anchor/errors.h"
#include "instructions/instructions.h"

u64 process_cancel_all_orders(const InstructionContext *context) {
    (void)context;
    return ANCHOR_INSTRUCTION_FALLBACK_NOT_FOUND;
}
