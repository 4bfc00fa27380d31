"""SBPFv0 linker: one relocatable BPF object in, one Solana-loadable shared object out.

Upstream lld refuses BPF objects (``unsupported e_machine value: 247``) and
Solana's platform-tools cannot be installed here, so this module does the one link
the project needs: a single ELF64 relocatable object from clang's BPF backend
(``-mcpu=v2``; see compiler.py) becomes the ``ET_DYN`` file that Agave's
upgradeable loader (solana-sbpf 0.10, ``src/elf.rs``) accepts for SBPFv0.

Output layout (every address equals its file offset; the VM maps the file at
``MM_RODATA_START`` = 0x1_0000_0000, so VM address = 0x1_0000_0000 + offset)::

    ELF header, program headers   PT_LOAD r-x .text, PT_LOAD r-- .rodata,
                                  PT_LOAD r-- dynamic tables, PT_DYNAMIC
    .text      every input .text* merged: the loader wants exactly one .text
    .rodata    .rodata*, .data.rel.ro* merged (absent when empty: an empty
               section sharing .dynsym's address broke the loader's lookup)
    .dynamic   SYMTAB STRTAB STRSZ SYMENT [REL RELSZ RELENT]
    .dynsym    null, ``entrypoint``, one undefined symbol per syscall used
    .dynstr
    .rel.dyn   one R_BPF_64_32 (x86-64 numbering: 10) per syscall call site
    .shstrtab, section headers

Why everything else is resolved here rather than left to the loader: SBPFv0's
loader applies ``R_BPF_64_64`` in data as if it were an lddw (wrong for a u64
pointer), so lddw immediates and pointers in .rodata are written as absolute VM
addresses now. Calls to functions defined in the object become pc-relative
immediates, which the loader registers itself. Only calls to undefined names stay
``call -1`` with a dynamic relocation; the loader replaces the immediate by the
murmur3 hash of the name and, when deploying, rejects names it has no syscall for
("Unresolved symbol (x) at instruction #n"). We check against ``SYSCALLS`` first
to fail earlier, with the caller's name. ``__bpf_trap`` (``__builtin_trap``) is
linked to the ``abort`` syscall.

Also refused with a LinkError: writable data (.data/.bss: the loader rejects it,
and state lives in accounts anyway), unknown relocation types, and instructions
outside SBPFv0 -- ALU32 (SBPFv0 sign-extends 32-bit results where eBPF
zero-extends, so clang's code would be silently wrong), JMP32 and cpu-v4-only
encodings. LLVM puts a ``callx`` register in the dst field; SBPFv0 reads it from
the immediate, so it is moved.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from elftools.common.exceptions import ELFError
from elftools.elf.elffile import ELFFile
from elftools.elf.relocation import RelocationSection
from elftools.elf.sections import Section, SymbolTableSection

MM_RODATA_START = 1 << 32
"""Where the loader maps the file (and so .text and .rodata) in the VM."""

ENTRYPOINT = "entrypoint"

# Syscalls registered by Agave 2.2 (programs/bpf_loader/src/syscalls/mod.rs,
# create_program_runtime_environment_v1) that a deployment may use. Left out on
# purpose: sol_alloc_free_ (dropped from the deployment environment) and
# sol_get_fees_sysvar (gone once disable_fees_sysvar is active).
SYSCALLS: frozenset[str] = frozenset(
    {
        "abort",
        "sol_panic_",
        "sol_log_",
        "sol_log_64_",
        "sol_log_compute_units_",
        "sol_log_pubkey",
        "sol_log_data",
        "sol_create_program_address",
        "sol_try_find_program_address",
        "sol_sha256",
        "sol_keccak256",
        "sol_blake3",
        "sol_secp256k1_recover",
        "sol_poseidon",
        "sol_big_mod_exp",
        "sol_curve_validate_point",
        "sol_curve_group_op",
        "sol_curve_multiscalar_mul",
        "sol_alt_bn128_group_op",
        "sol_alt_bn128_compression",
        "sol_get_clock_sysvar",
        "sol_get_rent_sysvar",
        "sol_get_epoch_schedule_sysvar",
        "sol_get_epoch_rewards_sysvar",
        "sol_get_last_restart_slot",
        "sol_get_sysvar",
        "sol_get_epoch_stake",
        "sol_memcpy_",
        "sol_memmove_",
        "sol_memset_",
        "sol_memcmp_",
        "sol_invoke_signed_c",
        "sol_invoke_signed_rust",
        "sol_set_return_data",
        "sol_get_return_data",
        "sol_get_stack_height",
        "sol_remaining_compute_units",
        "sol_get_processed_sibling_instruction",
    }
)

ALIASES = {"__bpf_trap": "abort"}
"""Undefined names the compiler emits itself, and the syscall that implements them."""

_HINTS = {n: f"use the sol_{n}_ syscall" for n in ("memcpy", "memmove", "memset", "memcmp")}

# ELF relocation types of the BPF backend (llvm/BinaryFormat/ELFRelocs/BPF.def).
R_BPF_NONE, R_BPF_64_64, R_BPF_64_ABS64, R_BPF_64_32 = 0, 1, 2, 10
# Solana's loader numbers dynamic relocations as x86-64 does: R_X86_64_32 = 10.
R_SBF_SYSCALL = 10
DT_NULL, DT_STRTAB, DT_SYMTAB, DT_STRSZ, DT_SYMENT, DT_REL, DT_RELSZ, DT_RELENT = (
    0, 5, 6, 10, 11, 17, 18, 19)  # fmt: skip
SHT_PROGBITS, SHT_STRTAB, SHT_DYNAMIC, SHT_REL, SHT_DYNSYM = 1, 3, 6, 9, 11
SHF_ALLOC, SHF_EXEC = 0x2, 0x4
PT_LOAD, PT_DYNAMIC, PF_R, PF_W, PF_X = 1, 2, 4, 2, 1

_LDDW, _CALL, _CALLX = 0x18, 0x85, 0x8D
_BYTESWAP = frozenset({0xD4, 0xDC})  # le/be: ALU32-class encodings that SBPFv0 keeps
_ALU64 = frozenset(op | k for op in range(0x07, 0xD7, 0x10) for k in (0, 8)) - {0x8F}
_JCOND = frozenset(op | k for op in (0x15, 0x25, 0x35, 0x45, 0x55, 0x65, 0x75, 0xA5, 0xB5,
                                     0xC5, 0xD5) for k in (0, 8))  # fmt: skip
_MEMORY = frozenset({_LDDW, 0x61, 0x69, 0x71, 0x79, 0x62, 0x6A, 0x72, 0x7A, 0x63, 0x6B, 0x73,
                     0x7B})  # fmt: skip
_V0_OPCODES = _MEMORY | _ALU64 | _JCOND | _BYTESWAP | {0x05, _CALL, _CALLX, 0x95}


class LinkError(Exception):
    """The object cannot become a valid SBPFv0 program; the message says why."""


def murmur3_32(data: bytes, seed: int = 0) -> int:
    """MurmurHash3 x86 32-bit, as solana-sbpf uses to turn syscall names into ids."""

    def rotl(x: int, r: int) -> int:
        return ((x << r) | (x >> (32 - r))) & 0xFFFFFFFF

    def scramble(k: int) -> int:
        return (rotl((k * 0xCC9E2D51) & 0xFFFFFFFF, 15) * 0x1B873593) & 0xFFFFFFFF

    h = seed & 0xFFFFFFFF
    whole = len(data) & ~3
    for i in range(0, whole, 4):
        h = rotl(h ^ scramble(int.from_bytes(data[i : i + 4], "little")), 13)
        h = (h * 5 + 0xE6546B64) & 0xFFFFFFFF
    if whole < len(data):
        h ^= scramble(int.from_bytes(data[whole:], "little"))
    h ^= len(data)
    for shift, mult in ((16, 0x85EBCA6B), (13, 0xC2B2AE35)):
        h = ((h ^ (h >> shift)) * mult) & 0xFFFFFFFF
    return h ^ (h >> 16)


def syscall_hash(name: str) -> int:
    """Return the id the loader writes into ``call -1`` for the syscall ``name``."""
    return murmur3_32(name.encode())


@dataclass
class _Out:
    """One merged output section under construction."""

    data: bytearray = field(default_factory=bytearray)
    addr: int = 0
    align: int = 8
    base_of: dict[int, int] = field(default_factory=dict)  # input index -> offset

    def append(self, index: int, blob: bytes, align: int) -> None:
        self.align = max(self.align, align)
        self.data += bytes(-len(self.data) % max(align, 1))
        self.base_of[index] = len(self.data)
        self.data += blob


def _classify(sec: Section) -> str:
    flags, name = sec["sh_flags"], sec.name
    if not flags & SHF_ALLOC or name == ".eh_frame":  # debug, BTF, symbols, unwind
        return "drop"
    if flags & SHF_EXEC:
        return "text"
    if name.startswith(".data.rel.ro"):
        return "rodata"
    if flags & 0x1 or sec["sh_type"] == "SHT_NOBITS":  # SHF_WRITE
        return "writable" if sec["sh_size"] else "drop"
    return "rodata"


def link(obj: bytes, *, syscalls: frozenset[str] = SYSCALLS) -> bytes:
    """Link one relocatable BPF object into a Solana SBPFv0 shared object.

    ``syscalls`` are the undefined names allowed to stay for the loader to
    resolve; pass a larger set for a runtime with newer syscalls.
    """
    try:
        elf = ELFFile(io.BytesIO(obj))
        if elf["e_machine"] != "EM_BPF" or elf["e_type"] != "ET_REL" or elf.elfclass != 64:
            raise LinkError("input is not an ELF64 relocatable BPF object")
        return _Linker(elf, syscalls).run()
    except (ELFError, struct.error) as exc:
        raise LinkError(f"cannot parse the BPF object: {exc}") from exc


class _Linker:
    def __init__(self, elf: ELFFile, syscalls: frozenset[str]) -> None:
        self.elf, self.syscalls = elf, syscalls
        symtab = elf.get_section_by_name(".symtab")
        if not isinstance(symtab, SymbolTableSection):
            raise LinkError("the object has no symbol table")
        self.symbols = list(symtab.iter_symbols())
        self.text, self.rodata = _Out(), _Out()
        self.kind: dict[int, str] = {}
        self.syscall_sites: list[tuple[int, str]] = []  # (.text offset, name)

    def run(self) -> bytes:
        self._merge()
        for rel in self.elf.iter_sections():
            if isinstance(rel, RelocationSection):
                target = rel["sh_info"]
                if self.kind.get(target) in ("text", "rodata"):
                    self._relocate(rel, target)
        self._check_instructions()
        return self._emit()

    def _merge(self) -> None:
        writable = []
        for index, sec in enumerate(self.elf.iter_sections()):
            kind = self.kind[index] = _classify(sec) if index else "drop"
            if kind == "writable":
                names = [s.name for s in self.symbols if s["st_shndx"] == index and s.name]
                writable.append(f"{sec.name} ({sec['sh_size']} bytes: {', '.join(names) or '?'})")
            elif kind in ("text", "rodata") and sec["sh_size"]:
                if sec["sh_type"] == "SHT_NOBITS":
                    raise LinkError(f"section {sec.name} has no file contents")
                out = self.text if kind == "text" else self.rodata
                align = max(sec["sh_addralign"], 8 if kind == "text" else 1)
                out.append(index, sec.data(), align)
        for s in self.symbols:
            if s["st_shndx"] == "SHN_COMMON":
                writable.append(f"common symbol {s.name}")
        if writable:
            raise LinkError(
                "writable global data is not supported on Solana (the loader rejects "
                ".data/.bss; program state lives in accounts): " + "; ".join(writable)
            )
        if not self.text.data:
            raise LinkError("the object has no code")
        self.text.addr = 64 + 56 * self._phnum()
        self.rodata.addr = _align(self.text.addr + len(self.text.data), self.rodata.align)

    def _phnum(self) -> int:
        return 4 if self.rodata.data else 3

    def _address(self, sym_index: int) -> int | None:
        """File offset (= address) of a symbol defined in a kept section, else None."""
        sym = self.symbols[sym_index]
        shndx = sym["st_shndx"]
        if not isinstance(shndx, int) or self.kind.get(shndx) not in ("text", "rodata"):
            return None
        out = self.text if self.kind[shndx] == "text" else self.rodata
        return out.addr + out.base_of.get(shndx, 0) + int(sym["st_value"])

    def _where(self, index: int, offset: int) -> str:
        """Describe a place in the object for an error message: section, offset, function."""
        name = self.elf.get_section(index).name
        for s in self.symbols:
            if s["st_shndx"] == index and s["st_info"]["type"] == "STT_FUNC":
                if s["st_value"] <= offset < s["st_value"] + max(s["st_size"], 1):
                    return f"{name}+{offset:#x} in {s.name}"
        return f"{name}+{offset:#x}"

    def _relocate(self, rel: RelocationSection, index: int) -> None:
        is_text = self.kind[index] == "text"
        out = self.text if is_text else self.rodata
        for r in rel.iter_relocations():
            rtype, sym_index = r["r_info_type"], r["r_info_sym"]
            sym, at = self.symbols[sym_index], out.base_of[index] + r["r_offset"]
            if rtype == R_BPF_NONE:
                continue
            if sym["st_shndx"] == "SHN_UNDEF":
                if not (is_text and rtype == R_BPF_64_32 and out.data[at] == _CALL):
                    where = self._where(index, r["r_offset"])
                    raise LinkError(f"undefined symbol {sym.name} referenced as data at {where}")
                (imm,) = struct.unpack_from("<i", out.data, at + 4)
                self._syscall(str(sym.name), at, imm, partial(self._where, index, r["r_offset"]))
                continue
            address = self._address(sym_index)
            if address is None:
                where = self._where(index, r["r_offset"])
                raise LinkError(f"{where}: symbol {sym.name or '?'} is not in .text or .rodata")
            if is_text and rtype == R_BPF_64_64 and out.data[at] == _LDDW:
                lo, hi = struct.unpack_from("<I4xI", out.data, at + 4)
                value = MM_RODATA_START + address + (hi << 32 | lo)
                struct.pack_into("<I4xI", out.data, at + 4, value & 0xFFFFFFFF, value >> 32)
            elif not is_text and rtype == R_BPF_64_ABS64:
                (addend,) = struct.unpack_from("<Q", out.data, at)
                struct.pack_into("<Q", out.data, at, MM_RODATA_START + address + addend)
            elif is_text and rtype == R_BPF_64_32 and out.data[at] == _CALL:
                # The immediate counts instructions from the slot after the symbol.
                (imm,) = struct.unpack_from("<i", out.data, at + 4)
                target = address + (imm + 1) * 8
                struct.pack_into("<i", out.data, at + 4, (target - (self.text.addr + at + 8)) // 8)
            else:
                where = self._where(index, r["r_offset"])
                raise LinkError(f"unknown or misplaced relocation type {rtype} at {where}")

    def _syscall(self, name: str, at: int, imm: int, where: Callable[[], str]) -> None:
        name = ALIASES.get(name, name)
        if name not in self.syscalls:
            hint = _HINTS.get(name, "define it in the program or call a Solana syscall")
            raise LinkError(
                f"undefined symbol {name} called at {where()}: it is not a Solana syscall "
                f"({hint}); known syscalls: {', '.join(sorted(self.syscalls))}"
            )
        if imm != -1:
            raise LinkError(f"call to {name} at {where()} has addend {imm}, expected -1")
        self.syscall_sites.append((at, name))

    def _check_instructions(self) -> None:
        text = self.text.data
        pc = 0
        while pc < len(text):
            op, regs, off = text[pc], text[pc + 1], struct.unpack_from("<h", text, pc + 2)[0]
            where = f"instruction #{pc // 8} (.text+{pc:#x})"
            cls = op & 7
            if cls == 4 and op not in _BYTESWAP:
                raise LinkError(
                    f"ALU32 opcode {op:#04x} at {where}: SBPFv0 gives 32-bit ALU results "
                    "different semantics; compile with -mcpu=v2 (no -mattr=+alu32)"
                )
            if cls == 6:
                raise LinkError(f"JMP32 opcode {op:#04x} at {where}: compile with -mcpu=v2")
            if op not in _V0_OPCODES or (cls == 7 and off != 0):
                raise LinkError(
                    f"opcode {op:#04x} (offset {off}) at {where} is not SBPFv0 "
                    "(cpu v4-only, atomic or legacy packet access); compile with -mcpu=v2"
                )
            if op == _CALLX:
                if struct.unpack_from("<i", text, pc + 4)[0] == 0:
                    struct.pack_into("<i", text, pc + 4, regs & 0xF)
                text[pc + 1] = 0
            if op == _LDDW:
                if pc + 8 >= len(text) or text[pc + 8] != 0:
                    raise LinkError(f"incomplete lddw at {where}")
                pc += 8
            pc += 8

    def _entry(self) -> tuple[int, int]:
        for i, s in enumerate(self.symbols):
            if s.name == ENTRYPOINT and s["st_info"]["type"] == "STT_FUNC":
                address = self._address(i)
                if address is not None and self.kind[s["st_shndx"]] == "text":
                    return address, int(s["st_size"])
        raise LinkError(f"no function named {ENTRYPOINT} in .text")

    def _emit(self) -> bytes:
        entry, entry_size = self._entry()
        names = sorted({name for _, name in self.syscall_sites})
        dynstr = bytearray(b"\0")
        name_off = {}
        for n in [ENTRYPOINT, *names]:
            name_off[n] = len(dynstr)
            dynstr += n.encode() + b"\0"
        text_idx = 1
        dynsym = bytes(24) + struct.pack(
            "<IBBHQQ", name_off[ENTRYPOINT], 0x12, 0, text_idx, entry, entry_size
        )
        sym_idx = {n: i + 2 for i, n in enumerate(names)}
        for n in names:  # global, no type, undefined: the loader takes it for a syscall
            dynsym += struct.pack("<IBBHQQ", name_off[n], 0x10, 0, 0, 0, 0)
        reldyn = b"".join(
            struct.pack("<QQ", self.text.addr + at, sym_idx[n] << 32 | R_SBF_SYSCALL)
            for at, n in self.syscall_sites
        )

        last = self.rodata if self.rodata.data else self.text
        dyn_addr = _align(last.addr + len(last.data), 8)
        ndyn = 5 + (3 if reldyn else 0)
        dynsym_addr = dyn_addr + 16 * ndyn
        dynstr_addr = dynsym_addr + len(dynsym)
        rel_addr = _align(dynstr_addr + len(dynstr), 8)
        tags = [(DT_SYMTAB, dynsym_addr), (DT_STRTAB, dynstr_addr), (DT_STRSZ, len(dynstr)),
                (DT_SYMENT, 24)]  # fmt: skip
        if reldyn:  # the loader refuses a DT_REL table of size 0
            tags += [(DT_REL, rel_addr), (DT_RELSZ, len(reldyn)), (DT_RELENT, 16)]
        dynamic = b"".join(struct.pack("<QQ", t, v) for t, v in [*tags, (DT_NULL, 0)])
        end = rel_addr + len(reldyn)

        # (name, type, flags, addr, data, link, info, align, entsize); index 1 is .text.
        text, rodata, alloc = self.text, self.rodata, SHF_ALLOC
        secs: list[tuple[str, int, int, int, bytes, int, int, int, int]] = [
            (".text", SHT_PROGBITS, alloc | SHF_EXEC, text.addr, bytes(text.data), 0, 0, 8, 0)
        ]
        if rodata.data:
            secs.append((".rodata", SHT_PROGBITS, alloc, rodata.addr, bytes(rodata.data), 0, 0,
                         rodata.align, 0))  # fmt: skip
        dynstr_idx = len(secs) + 3
        secs += [
            (".dynamic", SHT_DYNAMIC, alloc, dyn_addr, dynamic, dynstr_idx, 0, 8, 16),
            (".dynsym", SHT_DYNSYM, alloc, dynsym_addr, dynsym, dynstr_idx, 1, 8, 24),
            (".dynstr", SHT_STRTAB, alloc, dynstr_addr, bytes(dynstr), 0, 0, 1, 0),
        ]
        if reldyn:
            secs.append((".rel.dyn", SHT_REL, alloc, rel_addr, reldyn, dynstr_idx - 1, 0, 8, 16))
        shstrtab = bytearray(b"\0")
        sh_name = []
        for name in [s[0] for s in secs] + [".shstrtab"]:
            sh_name.append(len(shstrtab))
            shstrtab += name.encode() + b"\0"
        secs.append((".shstrtab", SHT_STRTAB, 0, 0, bytes(shstrtab), 0, 0, 1, 0))
        shoff = _align(end + len(shstrtab), 8)

        phdrs = [(PT_LOAD, PF_R | PF_X, text.addr, len(text.data))]
        if rodata.data:
            phdrs.append((PT_LOAD, PF_R, rodata.addr, len(rodata.data)))
        phdrs += [(PT_LOAD, PF_R, dyn_addr, end - dyn_addr),
                  (PT_DYNAMIC, PF_R | PF_W, dyn_addr, len(dynamic))]  # fmt: skip

        out = bytearray(shoff + 64 * (len(secs) + 1))
        ident = b"\x7fELF\x02\x01\x01" + bytes(9)  # 64-bit, little-endian, OSABI none
        struct.pack_into(
            "<16sHHIQQQIHHHHHH", out, 0, ident, 3, 247, 1, entry, 64, shoff, 0,  # ET_DYN, EM_BPF
            64, 56, len(phdrs), 64, len(secs) + 1, len(secs),
        )  # fmt: skip
        for i, (ptype, pflags, addr, size) in enumerate(phdrs):
            struct.pack_into("<IIQQQQQQ", out, 64 + 56 * i, ptype, pflags, addr, addr, addr,
                             size, size, 8)  # fmt: skip
        for i, (_, stype, flags, addr, data, lnk, info, align, entsize) in enumerate(secs):
            offset = addr or end  # only .shstrtab is unallocated, placed after .rel.dyn
            out[offset : offset + len(data)] = data
            struct.pack_into("<IIQQQQIIQQ", out, shoff + 64 * (i + 1), sh_name[i], stype,
                             flags, addr, offset, len(data), lnk, info, align, entsize)  # fmt: skip
        return bytes(out)


def _align(value: int, align: int) -> int:
    return value + (-value % align)
