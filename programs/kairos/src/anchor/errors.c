/* Failure logging: the error's number, and for program errors its name/message. */
#include "anchor/errors.h"

#include "generated/kairos_idl.h"
#include "sol/log.h"

void log_error(u64 code) {
    u64 length = 0;
    const char *text = kairos_error_name(code, &length);
    LOG_LITERAL("AnchorError occurred. Error Number:");
    sol_log_64_(code, 0, 0, 0, 0);
    if (length != 0) {
        sol_log_(text, length);
    }
}
