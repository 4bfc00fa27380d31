"""The SBPFv0 linker: syscall ids, output layout, refusals, and programs that run."""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from elftools.elf.elffile import ELFFile
from elftools.elf.relocation import RelocationSection
from kairos_toolchain.linker import (
    MM_RODATA_START,
    SYSCALLS,
    LinkError,
    link,
    murmur3_32,
    syscall_hash,
)
from solders.transaction_metadata import FailedTransactionMetadata, TransactionMetadata
from solders.transaction_status import InstructionErrorCustom, TransactionErrorInstructionError

# Ids as published outside this project: the static-syscall tables of the old C
# SDK, Firedancer's loader tests and the Zig SDK, all MurmurHash3-32 of the name.
KNOWN_SYSCALL_IDS = {
    "abort": 0xB6FC1A11,
    "sol_panic_": 0x686093BB,
    "sol_log_": 0x207559BD,
    "sol_log_64_": 0x5C2A3178,
    "sol_log_compute_units_": 0x52BA5096,
    "sol_log_pubkey": 0x7EF088CA,
    "sol_create_program_address": 0x9377323C,
    "sol_try_find_program_address": 0x48504A38,
    "sol_sha256": 0x11F49D86,
    "sol_keccak256": 0xD7793ABB,
    "sol_secp256k1_recover": 0x17E40350,
    "sol_blake3": 0x174C5122,
    "sol_memcpy_": 0x717CC4A3,
    "sol_memmove_": 0x434371F8,
    "sol_memcmp_": 0x5FDCDE31,
    "sol_memset_": 0x3770FB22,
    "sol_invoke_signed_c": 0xA22B9C85,
    "sol_invoke_signed_rust": 0xD7449092,
    "sol_alloc_free_": 0x83F00E8F,
    "sol_set_return_data": 0xA226D3EB,
    "sol_get_return_data": 0x5D2245E4,
}


@pytest.mark.parametrize(("name", "expected"), sorted(KNOWN_SYSCALL_IDS.items()))
def test_syscall_hash_matches_published_ids(name: str, expected: int) -> None:
    assert syscall_hash(name) == expected


def test_murmur3_reference_vectors() -> None:
    # Reference values of MurmurHash3_x86_32 (all tail lengths are covered).
    assert murmur3_32(b"") == 0
    assert murmur3_32(b"", seed=1) == 0x514E28B7
    assert murmur3_32(b"hello") == 0x248BFA47
    assert murmur3_32(b"The quick brown fox jumps over the lazy dog") == 0x2E4FF723


# --- layout of a linked program ------------------------------------------------


@pytest.fixture(scope="module")
def features_so(build_so: Callable[..., bytes]) -> bytes:
    return build_so("features.c")


def _elf(so: bytes) -> ELFFile:
    return ELFFile(io.BytesIO(so))


def test_header_is_sbpfv0_shared_object(features_so: bytes) -> None:
    elf = _elf(features_so)
    assert elf["e_type"] == "ET_DYN"
    assert elf["e_machine"] == "EM_BPF"
    assert elf["e_flags"] == 0
    assert elf["e_ident"]["EI_OSABI"] == "ELFOSABI_SYSV"
    assert elf.elfclass == 64 and elf.little_endian


def test_one_text_and_entry_inside_it(features_so: bytes) -> None:
    elf = _elf(features_so)
    names = [s.name for s in elf.iter_sections()]
    assert names.count(".text") == 1
    text = elf.get_section_by_name(".text")
    assert text["sh_addr"] <= elf["e_entry"] < text["sh_addr"] + text["sh_size"]
    assert (elf["e_entry"] - text["sh_addr"]) % 8 == 0
    # Merged, debug and unwind sections are gone; nothing is writable.
    assert not any(n.startswith((".debug", ".BTF", ".eh_frame", ".data", ".bss")) for n in names)
    assert all(s["sh_size"] > 0 for s in elf.iter_sections() if s.name)
    assert not any(s["sh_flags"] & 0x1 for s in elf.iter_sections())


def test_allocated_sections_sit_at_their_file_offset(features_so: bytes) -> None:
    elf = _elf(features_so)
    allocated = [s for s in elf.iter_sections() if s["sh_flags"] & 0x2]
    assert [s.name for s in allocated] == [".text", ".rodata", ".dynamic", ".dynsym", ".dynstr",
                                           ".rel.dyn"]  # fmt: skip
    addresses = [s["sh_addr"] for s in allocated]
    assert addresses == [s["sh_offset"] for s in allocated]
    assert len(set(addresses)) == len(addresses)  # the loader finds .dynsym by address


def test_dynamic_table_and_syscall_relocations(features_so: bytes) -> None:
    elf = _elf(features_so)
    dynamic = elf.get_section_by_name(".dynamic")
    tags = {t.entry.d_tag: t.entry.d_val for t in dynamic.iter_tags()}
    dynsym = elf.get_section_by_name(".dynsym")
    rel = elf.get_section_by_name(".rel.dyn")
    assert tags["DT_SYMTAB"] == dynsym["sh_addr"]
    assert tags["DT_STRTAB"] == elf.get_section_by_name(".dynstr")["sh_addr"]
    assert tags["DT_REL"] == rel["sh_addr"]
    assert tags["DT_RELSZ"] == rel["sh_size"] and tags["DT_RELENT"] == 16
    assert tags["DT_SYMENT"] == 24

    text = elf.get_section_by_name(".text")
    code = text.data()
    assert isinstance(rel, RelocationSection)
    called = set()
    for r in rel.iter_relocations():
        assert r["r_info_type"] == 10
        at = r["r_offset"] - text["sh_addr"]
        opcode, imm = code[at], struct.unpack_from("<i", code, at + 4)[0]
        assert (opcode, imm) == (0x85, -1)
        sym = dynsym.get_symbol(r["r_info_sym"])
        assert sym["st_shndx"] == "SHN_UNDEF"
        called.add(sym.name)
    assert called == {"sol_log_", "sol_log_64_", "sol_set_return_data", "abort"}


def _instructions(so: bytes) -> list[tuple[int, int, int, int]]:
    code = _elf(so).get_section_by_name(".text").data()
    return [struct.unpack_from("<BBhi", code, pc) for pc in range(0, len(code), 8)]


def test_callx_register_moved_to_immediate(features_so: bytes) -> None:
    callx = [(regs, imm) for op, regs, _, imm in _instructions(features_so) if op == 0x8D]
    assert callx, "features.c must compile to at least one callx"
    assert all(regs == 0 and 0 <= imm < 10 for regs, imm in callx)


def test_pointers_are_absolute_vm_addresses(features_so: bytes) -> None:
    elf = _elf(features_so)
    rodata = elf.get_section_by_name(".rodata")
    text = elf.get_section_by_name(".text")
    start = MM_RODATA_START + text["sh_addr"]
    end = MM_RODATA_START + rodata["sh_addr"] + rodata["sh_size"]
    code = text.data()
    loaded = [
        high << 32 | low
        for pc in range(0, len(code), 8)
        if code[pc] == 0x18
        for low, high in [struct.unpack_from("<I4xI", code, pc + 4)]
    ]
    # Constants like 0xdeadbeef are lddw too; addresses are those in the VM region.
    addresses = [v for v in loaded if v >> 32 == MM_RODATA_START >> 32]
    assert len(addresses) >= 2 and all(start <= v < end for v in addresses)
    # The string and function pointer tables in .rodata hold VM addresses too.
    count = rodata["sh_size"] // 8
    words = struct.unpack(f"<{count}Q", rodata.data()[: count * 8])
    assert sum(start <= w < end for w in words) >= 6


# --- refusals --------------------------------------------------------------------


def test_writable_bss_is_refused(compile_object: Callable[..., bytes]) -> None:
    with pytest.raises(LinkError, match=r"writable global data.*\.bss.*call_counter"):
        link(compile_object("writable_bss.c"))


def test_writable_data_is_refused(compile_object: Callable[..., bytes]) -> None:
    with pytest.raises(LinkError, match=r"writable global data.*\.data.*seed"):
        link(compile_object("writable_data.c"))


def test_undefined_function_is_refused(compile_object: Callable[..., bytes]) -> None:
    with pytest.raises(LinkError, match=r"helper_defined_nowhere.*not a Solana syscall") as info:
        link(compile_object("undefined_function.c"))
    assert "in entrypoint" in str(info.value)


def test_libc_call_gets_a_syscall_hint(
    compile_object: Callable[..., bytes], tmp_path: Path
) -> None:
    source = tmp_path / "memcpy_call.c"
    source.write_text(
        '#include "sbf_test.h"\n'
        "extern void *memcpy(void *d, const void *s, u64 n);\n"
        "u64 entrypoint(const u8 *input) {\n"
        "  u8 buf[8]; memcpy(buf, input, input[0]); return buf[0];\n"
        "}\n"
    )
    with pytest.raises(LinkError, match=r"memcpy.*sol_memcpy_"):
        link(compile_object(source))


def test_unknown_syscall_name_is_refused_by_default(compile_object: Callable[..., bytes]) -> None:
    with pytest.raises(LinkError, match="sol_definitely_not_a_syscall"):
        link(compile_object("unknown_syscall.c"))


def _section_file_offset(obj: bytes, name: str) -> int:
    return int(_elf(obj).get_section_by_name(name)["sh_offset"])


def test_unknown_relocation_type_is_refused(compile_object: Callable[..., bytes]) -> None:
    obj = compile_object("features.c")
    patched = bytearray(obj)
    at = _section_file_offset(obj, ".rel.text")
    # r_info's low 32 bits are the type: 7 is no BPF relocation.
    struct.pack_into("<I", patched, at + 8, 7)
    with pytest.raises(LinkError, match="unknown or misplaced relocation type 7"):
        link(bytes(patched))
    assert link(obj)  # the untouched object links


def test_alu32_is_refused(compile_object: Callable[..., bytes]) -> None:
    obj = compile_object("alu32.c", ["-mcpu=v3"])
    with pytest.raises(LinkError, match=r"ALU32 opcode .* -mcpu=v2"):
        link(obj)
    assert link(compile_object("alu32.c"))  # the same source at -mcpu=v2 links


def _patch_first_instruction(obj: bytes, opcode: int, offset: int = 0) -> bytes:
    patched = bytearray(obj)
    at = _section_file_offset(obj, ".text")
    patched[at] = opcode
    struct.pack_into("<h", patched, at + 2, offset)
    return bytes(patched)


@pytest.mark.parametrize(
    ("opcode", "offset", "message"),
    [
        (0x16, 0, "JMP32 opcode 0x16"),  # jeq32 imm
        (0xD7, 0, "opcode 0xd7 .* not SBPFv0"),  # v4 bswap
        (0x91, 0, "opcode 0x91 .* not SBPFv0"),  # v4 sign-extending byte load
        (0x3F, 1, "opcode 0x3f \\(offset 1\\) .* not SBPFv0"),  # v4 signed division
        (0xDB, 0, "opcode 0xdb .* not SBPFv0"),  # atomic add
    ],
)
def test_non_v0_instructions_are_refused(
    compile_object: Callable[..., bytes], opcode: int, offset: int, message: str
) -> None:
    obj = compile_object("alu32.c")
    with pytest.raises(LinkError, match=message):
        link(_patch_first_instruction(obj, opcode, offset))


def test_garbage_input_is_a_link_error() -> None:
    with pytest.raises(LinkError):
        link(b"not an elf at all")


# --- programs that run (linked here, deployed through the upgradeable loader) ------

FLAVOURS = {
    # One .text section: calls between functions are already pc-relative.
    "single-section": [],
    # A section per function and object: calls and pointers need relocations.
    "function-sections": ["-ffunction-sections", "-fdata-sections"],
}


@pytest.fixture(scope="module", params=sorted(FLAVOURS))
def program(request: Any, build_so: Callable[..., bytes], deploy_so: Callable[..., Any]) -> Any:
    return deploy_so(build_so("features.c", FLAVOURS[request.param]))


def _returned_u64(result: TransactionMetadata) -> int:
    return int.from_bytes(bytes(result.return_data().data), "little")


def _custom_error(result: FailedTransactionMetadata) -> int | None:
    err = result.err()
    if isinstance(err, TransactionErrorInstructionError) and isinstance(
        err.err, InstructionErrorCustom
    ):
        return int(err.err.code)
    return None


def test_string_literal_from_rodata_is_logged(program: Any) -> None:
    assert "Program log: hello from rodata" in program.ok(bytes([0, 0])).logs()


def test_pointer_table_to_strings(program: Any) -> None:
    assert "Program log: gamma" in program.ok(bytes([1, 2])).logs()
    assert "Program log: beta" in program.ok(bytes([1, 1])).logs()


def test_static_const_lookup_table(program: Any) -> None:
    assert _returned_u64(program.ok(bytes([2, 5]))) == 25 + 506 * 506


@pytest.mark.parametrize(("arg", "expected"), [(30, 37), (31, 93), (32, 1024)])
def test_function_pointer_table_callx(program: Any, arg: int, expected: int) -> None:
    assert _returned_u64(program.ok(bytes([3, arg]))) == expected


@pytest.mark.parametrize(("arg", "expected"), [(4, 18), (5, 45)])
def test_function_pointer_argument_callx(program: Any, arg: int, expected: int) -> None:
    assert _returned_u64(program.ok(bytes([4, arg]))) == expected


@pytest.mark.parametrize(
    ("arg", "expected"), [(0, 100), (1, 101), (2, 1), (7, 107), (42, 142), (99, 199), (200, 1)]
)
def test_switch_statement(program: Any, arg: int, expected: int) -> None:
    assert _returned_u64(program.ok(bytes([5, arg]))) == expected


@pytest.mark.parametrize(("arg", "expected"), [(0, 1002), (1, 3004), (2, 5006)])
def test_aligned_wide_constants(program: Any, arg: int, expected: int) -> None:
    assert _returned_u64(program.ok(bytes([10, arg]))) == expected


def test_recursive_noinline_calls(program: Any) -> None:
    assert _returned_u64(program.ok(bytes([6, 20]))) == 6765


def test_sol_log_64(program: Any) -> None:
    logs = program.ok(bytes([7, 9])).logs()
    assert "Program log: 0x9, 0xa, 0xb, 0xc, 0xdeadbeef" in logs


def test_builtin_trap_aborts_the_transaction(program: Any) -> None:
    failed = program.fails(bytes([8, 0]))
    assert any("SBF program panicked" in line for line in failed.meta().logs())


def test_return_value_is_the_program_error(program: Any) -> None:
    assert _custom_error(program.fails(bytes([9, 42]))) == 42
    program.ok(bytes([9, 0]))


def test_program_without_rodata_or_syscalls(
    build_so: Callable[..., bytes], deploy_so: Callable[..., Any]
) -> None:
    so = build_so("minimal.c")
    names = {s.name for s in _elf(so).iter_sections()}
    assert ".rodata" not in names and ".rel.dyn" not in names
    assert ".dynsym" in names
    deploy_so(so).ok(bytes(2))


def test_every_allowlisted_syscall_resolves_in_the_loader(
    build_so: Callable[..., bytes], deploy_so: Callable[..., Any], tmp_path: Path
) -> None:
    # A call to each syscall (never executed): the deploy fails on any name the
    # loader does not know, so the allowlist cannot drift from the runtime's.
    names = sorted(SYSCALLS)
    source = tmp_path / "all_syscalls.c"
    decls = "".join(f"extern u64 {n}(u64, u64);\n" for n in names)
    calls = "".join(f"    case {i}: return {n}(input[0], input[1]);\n" for i, n in enumerate(names))
    source.write_text(
        "typedef unsigned long long u64;\n" + decls + "u64 entrypoint(const u64 *input) {\n"
        "  /* input[0] is the account count, input[1] the data length, then the data. */\n"
        "  if (input[1] < 2) return 0;\n"
        "  switch (*(const unsigned char *)&input[2]) {\n"
        + calls
        + "    default: return 0;\n  }\n}\n"
    )
    so = build_so(source)
    relocated = {s.name for s in _elf(so).get_section_by_name(".dynsym").iter_symbols()}
    assert set(names) <= relocated
    deployed = deploy_so(so)
    deployed.ok(bytes([255, 0]))
