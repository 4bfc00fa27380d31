/* Zero-copy parsing of the loader's input buffer (layout in sol/input.h). */
#include "sol/input.h"

#define ALIGN_UP(value, alignment) (((value) + ((alignment) - 1)) & ~((u64)(alignment) - 1))

bool parse_input(const u8 *input, ProgramInput *out) {
    u64 count = *(const u64 *)input;
    input += sizeof(u64);
    if (count > MAX_INSTRUCTION_ACCOUNTS) {
        return false;
    }
    for (u64 i = 0; i < count; i++) {
        SolAccountHeader *header = (SolAccountHeader *)input;
        if (header->duplicate_marker != NON_DUPLICATE_MARKER) {
            /* The runtime only ever points a duplicate at an earlier index. */
            out->accounts[i] = out->accounts[header->duplicate_marker];
            input += sizeof(u64);
            continue;
        }
        out->accounts[i] = header;
        u64 data_end = (u64)(input + sizeof(SolAccountHeader)) + header->data_len +
                       MAX_PERMITTED_DATA_INCREASE;
        /* Past the room to grow: pad to 8, then the u64 rent epoch. */
        input = (const u8 *)ALIGN_UP(data_end, INPUT_ALIGNMENT) + sizeof(u64);
    }
    out->account_count = count;
    out->data_len = *(const u64 *)input;
    input += sizeof(u64);
    out->data = input;
    out->program_id = (const SolPubkey *)(input + out->data_len);
    return true;
}
