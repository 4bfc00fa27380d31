/* create_perp_market: not built yet (issue 3). Replaced by its implementation. */
#include "anchor/errors.h"
#include "instructions/instructions.h"

u64 process_create_perp_market(const InstructionContext *context) {
    (void)context;
    return ANCHOR_INSTRUCTION_FALLBACK_NOT_FOUND;
}
