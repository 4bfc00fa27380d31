/* cancel_order: not built yet (issue 3). Replaced by its implementation. */
#include "anchor/errors.h"
#include "instructions/instructions.h"

u64 process_cancel_order(const InstructionContext *context) {
    (void)context;
    return ANCHOR_INSTRUCTION_FALLBACK_NOT_FOUND;
}
