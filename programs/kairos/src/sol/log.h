/* Program logging: literal messages and numbers (sol_log_ / sol_log_64_). */
#ifndef KAIROS_SOL_LOG_H
#define KAIROS_SOL_LOG_H

#include "sol/syscalls.h"

/* Only for string literals: sizeof gives the length without a strlen loop. */
#define LOG_LITERAL(literal) sol_log_((literal), sizeof(literal) - 1)

#endif /* KAIROS_SOL_LOG_H */
