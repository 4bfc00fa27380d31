/* Every instruction handler; the entrypoint dispatches to these. */
#ifndef KAIROS_INSTRUCTIONS_H
#define KAIROS_INSTRUCTIONS_H

#include "sol/input.h"

u64 process_initialize_exchange(const ProgramInput *input);

#endif /* KAIROS_INSTRUCTIONS_H */
