"""The math/ headers compile for SBF, into instructions SBPFv0 runs.

math_shim.c, which calls every helper of the three headers, is compiled with the
program's BPF flags; the object must hold only 64-bit ALU and JMP instructions
and must not call compiler-rt's 128-bit routines, which do not exist on chain.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from elftools.elf.elffile import ELFFile
from elftools.elf.relocation import RelocationSection
from elftools.elf.sections import SymbolTableSection
from kairos_toolchain.compiler import CompileError, compile_bpf

from .shim_library import MATH_SRC, PROGRAM_SRC, SHIM_SOURCE

EM_BPF = "EM_BPF"
INSTRUCTION_SIZE = 8
OPCODE_CLASS_MASK = 0x07
ALU32_CLASS = 0x04
JMP32_CLASS = 0x06
ALU64_CLASS = 0x07
# BPF_END (byte swap) lives in the ALU class but is valid SBPFv0.
BYTE_SWAP_OPCODES = {0xD4, 0xDC}
# lddw takes two instruction slots; the second has opcode 0.
LOAD_DOUBLE_WORD = 0x18
# ALU64 div/mod with a non-zero offset is cpu v4's signed division.
DIVIDE_OPCODES = {0x37, 0x3F, 0x97, 0x9F}
MATH_HEADERS = [MATH_SRC / name for name in ("u128.h", "checked.h", "fixed.h")]
COMPILER_RT_128 = {
    "__multi3",
    "__udivti3",
    "__divti3",
    "__umodti3",
    "__modti3",
    "__ashlti3",
    "__lshrti3",
    "__ashrti3",
    "__mulodi4",
    "__muloti4",
}


@pytest.fixture(scope="module")
def shim_object(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("math_bpf") / "math_shim.o"
    return compile_bpf(SHIM_SOURCE, output, [PROGRAM_SRC])


def executable_sections(elf: ELFFile) -> list[tuple[str, bytes]]:
    return [
        (section.name, section.data())
        for section in elf.iter_sections()
        if section["sh_flags"] & 0x4 and section["sh_size"]  # SHF_EXECINSTR
    ]


def test_object_is_bpf(shim_object: Path) -> None:
    with shim_object.open("rb") as handle:
        elf = ELFFile(handle)
        assert elf["e_machine"] == EM_BPF
        assert executable_sections(elf)


def test_only_sbpf_v0_instruction_classes(shim_object: Path) -> None:
    with shim_object.open("rb") as handle:
        sections = executable_sections(ELFFile(handle))
    offending = []
    for name, code in sections:
        position = 0
        while position < len(code):
            opcode = code[position]
            offset = struct.unpack_from("<h", code, position + 2)[0]
            opcode_class = opcode & OPCODE_CLASS_MASK
            if opcode_class == ALU32_CLASS and opcode not in BYTE_SWAP_OPCODES:
                offending.append(f"ALU32 {opcode:#04x} at {name}+{position:#x}")
            if opcode_class == JMP32_CLASS:
                offending.append(f"JMP32 {opcode:#04x} at {name}+{position:#x}")
            if opcode in DIVIDE_OPCODES and offset != 0:
                offending.append(f"signed divide {opcode:#04x} at {name}+{position:#x}")
            step = 2 if opcode == LOAD_DOUBLE_WORD else 1
            position += step * INSTRUCTION_SIZE
    assert not offending, offending


def test_no_undefined_symbols_or_compiler_rt_calls(shim_object: Path) -> None:
    with shim_object.open("rb") as handle:
        elf = ELFFile(handle)
        symbol_tables = [s for s in elf.iter_sections() if isinstance(s, SymbolTableSection)]
        undefined = {
            symbol.name
            for table in symbol_tables
            for symbol in table.iter_symbols()
            if symbol.name and symbol["st_shndx"] == "SHN_UNDEF"
        }
        relocated = set()
        for section in elf.iter_sections():
            if isinstance(section, RelocationSection):
                table = elf.get_section(section["sh_link"])
                relocated |= {
                    table.get_symbol(r["r_info_sym"]).name for r in section.iter_relocations()
                }
    assert not undefined & COMPILER_RT_128
    assert not relocated & COMPILER_RT_128
    # Everything inlines: not even a syscall is needed.
    assert undefined == set()


# Building blocks with no contract of their own: exercised through their callers.
INTERNAL_HELPERS = {"u128_divide_digit", "i64_divide_magnitudes", "mul_div_magnitude"}


def header_functions() -> set[str]:
    pattern = re.compile(r"^KAIROS_INLINE [\w ]+?\b(\w+)\(", re.MULTILINE)
    return {name for header in MATH_HEADERS for name in pattern.findall(header.read_text())}


def test_shim_calls_every_helper() -> None:
    shim = SHIM_SOURCE.read_text()
    uncalled = {
        name for name in header_functions() if not re.search(rf"\b{name}\(|\({name},", shim)
    }
    assert uncalled == INTERNAL_HELPERS, sorted(uncalled)
    assert len(header_functions()) > 40


def test_every_shim_function_was_compiled(shim_object: Path) -> None:
    shim = SHIM_SOURCE.read_text()
    written = set(re.findall(r"^SHIM \w+ (shim_\w+)\(", shim, re.MULTILINE))
    from_macros = {f"shim_{name}" for name in re.findall(r"^SHIM_\w+\((\w+),", shim, re.MULTILINE)}
    with shim_object.open("rb") as handle:
        elf = ELFFile(handle)
        defined = {
            symbol.name
            for table in elf.iter_sections()
            if isinstance(table, SymbolTableSection)
            for symbol in table.iter_symbols()
            if symbol["st_info"]["type"] == "STT_FUNC" and symbol["st_shndx"] != "SHN_UNDEF"
        }
    assert written and from_macros
    assert written | from_macros <= defined, sorted((written | from_macros) - defined)


def test_headers_have_no_host_only_code() -> None:
    # The host tests prove the on-chain code only if both builds compile the same
    # text: the only preprocessor conditionals allowed are the include guards.
    for header in MATH_HEADERS:
        conditionals = [
            line
            for line in header.read_text().splitlines()
            if re.match(r"\s*#\s*(if|ifdef|ifndef|elif|else)\b", line)
        ]
        guard = f"#ifndef KAIROS_MATH_{header.stem.upper()}_H"
        assert conditionals == [guard], (header.name, conditionals)


@pytest.mark.parametrize(
    ("expression", "libcall"),
    [("a * b", "__multi3"), ("a / b", "__udivti3"), ("a << (unsigned)b", "__ashlti3")],
)
def test_backend_still_lacks_u128_libcalls(tmp_path: Path, expression: str, libcall: str) -> None:
    # Why u128.h exists. If a newer clang accepts these, the limb code may be
    # replaceable: measure its CU first.
    source = tmp_path / "u128_op.c"
    source.write_text(
        "typedef unsigned __int128 u128;\n"
        f"void op(u128 a, u128 b, u128 *out) {{ *out = {expression}; }}\n"
    )
    with pytest.raises(CompileError, match=libcall):
        compile_bpf(source, tmp_path / "u128_op.o")
