"""Generate the program's C header from idl/kairos.json (the single source of truth).

The IDL (Anchor 0.29 format) describes every instruction, account, type, event and
error of the program. The C code never spells a discriminator, an error code or a
layout by hand: it includes ``generated/kairos_idl.h``, written by this module.

Layout rules, checked here so that a bad IDL fails at generation, not on chain:

* Accounts are zero-copy: the program casts ``data + 8`` to the C struct, so the
  borsh (packed) offset of every field must already be a multiple of the field's
  natural alignment, and the total a multiple of 8. Authors add explicit padding
  fields; the generator refuses anything else.
* Instruction arguments and events are borsh byte streams: they become
  ``__attribute__((packed))`` structs (SBF allows misaligned access, see DESIGN.md).
* Only fixed-size types exist on chain (no Vec, String or Option): every account
  has a size known at compile time.

Every struct gets ``_Static_assert`` on its size and on every field offset, so a C
compiler that lays a struct out differently from the IDL stops the build.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from solders.pubkey import Pubkey

HEADER_RELATIVE_PATH = Path("programs/kairos/src/generated/kairos_idl.h")
IDL_RELATIVE_PATH = Path("idl/kairos.json")
GATE_BITS = 64

# (C type, size, alignment) of each IDL primitive. u128/i128 use an 8-aligned pair
# of u64: the BPF backend cannot multiply them anyway and 16-byte alignment would
# force padding that borsh does not have.
_PRIMITIVES: dict[str, tuple[str, int, int]] = {
    "bool": ("u8", 1, 1),
    "u8": ("u8", 1, 1),
    "i8": ("i8", 1, 1),
    "u16": ("u16", 2, 2),
    "i16": ("i16", 2, 2),
    "u32": ("u32", 4, 4),
    "i32": ("i32", 4, 4),
    "u64": ("u64", 8, 8),
    "i64": ("i64", 8, 8),
    "u128": ("KairosU128", 16, 8),
    "i128": ("KairosU128", 16, 8),
    "publicKey": ("SolPubkey", 32, 1),
}


class IdlLayoutError(ValueError):
    """The IDL describes something the zero-copy C program cannot represent."""


def snake_case(name: str) -> str:
    """Convert an IDL camelCase name to snake_case (Anchor's own conversion)."""
    first = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", first).lower()


def upper_snake(name: str) -> str:
    """Convert a name to UPPER_SNAKE_CASE for C constants."""
    return snake_case(name).upper()


def discriminator(namespace: str, name: str) -> bytes:
    """Anchor's 8-byte discriminator: sha256("<namespace>:<name>")[:8]."""
    return hashlib.sha256(f"{namespace}:{name}".encode()).digest()[:8]


def instruction_discriminator(idl_name: str) -> bytes:
    """Discriminator of an instruction given its IDL (camelCase) name."""
    return discriminator("global", snake_case(idl_name))


def account_discriminator(name: str) -> bytes:
    """Discriminator of an account type."""
    return discriminator("account", name)


def event_discriminator(name: str) -> bytes:
    """Discriminator of an event."""
    return discriminator("event", name)


@dataclass(frozen=True)
class FieldLayout:
    """One field of a struct: C declaration, borsh offset, size and alignment."""

    name: str
    c_decl: str
    offset: int
    size: int
    align: int


@dataclass(frozen=True)
class StructLayout:
    """A struct's fields in order and its total size."""

    name: str
    fields: tuple[FieldLayout, ...]
    size: int
    align: int


class _Resolver:
    """Computes layouts of IDL types, resolving defined types by name."""

    def __init__(self, idl: dict[str, Any]) -> None:
        self._defined: dict[str, dict[str, Any]] = {t["name"]: t for t in idl.get("types", [])}
        self._layouts: dict[str, StructLayout] = {}
        self.zero_copy = _types_used_by_accounts(idl)

    def defined_names(self) -> list[str]:
        return list(self._defined)

    def type_kind(self, name: str) -> str:
        return str(self._defined[name]["type"]["kind"])

    def type_info(self, ty: Any) -> tuple[str, str, int, int]:
        """Return (C base type, C array suffix, size, alignment) of an IDL type."""
        if isinstance(ty, str):
            if ty not in _PRIMITIVES:
                raise IdlLayoutError(
                    f"type {ty!r} is not fixed-size; on-chain layouts cannot use it"
                )
            c_type, size, align = _PRIMITIVES[ty]
            return c_type, "", size, align
        if "array" in ty:
            inner, count = ty["array"]
            c_type, suffix, size, align = self.type_info(inner)
            return c_type, f"[{count}]{suffix}", size * int(count), align
        if "defined" in ty:
            name = ty["defined"]
            if name not in self._defined:
                raise IdlLayoutError(f"undefined type {name!r}")
            if self.type_kind(name) == "enum":
                self._check_unit_enum(name)
                return "u8", "", 1, 1
            fields = self._defined[name]["type"]["fields"]
            packed = name not in self.zero_copy
            layout = self.struct_layout(name, fields, packed=packed)
            return name, "", layout.size, layout.align
        raise IdlLayoutError(f"type {ty!r} is not fixed-size; on-chain layouts cannot use it")

    def _check_unit_enum(self, name: str) -> None:
        for variant in self._defined[name]["type"]["variants"]:
            if variant.get("fields"):
                raise IdlLayoutError(
                    f"enum {name} has data variants; only unit enums are supported"
                )

    def struct_layout(
        self, name: str, fields: list[dict[str, Any]], *, packed: bool
    ) -> StructLayout:
        """Layout of a struct; unless packed, every field must be naturally aligned."""
        key = f"{name}/{packed}"
        if key in self._layouts:
            return self._layouts[key]
        offset = 0
        max_align = 1
        out: list[FieldLayout] = []
        for field in fields:
            c_type, suffix, size, align = self.type_info(field["type"])
            if not packed and offset % align:
                raise IdlLayoutError(
                    f"{name}.{field['name']} at offset {offset} is not {align}-aligned: "
                    "add an explicit padding field to the IDL"
                )
            c_decl = f"{c_type} {snake_case(field['name'])}{suffix};"
            out.append(FieldLayout(snake_case(field["name"]), c_decl, offset, size, align))
            offset += size
            max_align = max(max_align, align)
        if not packed and offset % max_align:
            raise IdlLayoutError(
                f"{name} size {offset} is not a multiple of its alignment {max_align}"
            )
        layout = StructLayout(name, tuple(out), offset, 1 if packed else max_align)
        self._layouts[key] = layout
        return layout


def _referenced_types(ty: Any) -> list[str]:
    if isinstance(ty, dict):
        if "defined" in ty:
            return [ty["defined"]]
        if "array" in ty:
            return _referenced_types(ty["array"][0])
    return []


def _types_used_by_accounts(idl: dict[str, Any]) -> set[str]:
    """Defined types reachable from an account: they must be zero-copy (aligned)."""
    definitions = {t["name"]: t for t in idl.get("types", [])}
    pending = [
        name
        for account in idl.get("accounts", [])
        for field in account["type"]["fields"]
        for name in _referenced_types(field["type"])
    ]
    used: set[str] = set()
    while pending:
        name = pending.pop()
        if name in used or name not in definitions:
            continue
        used.add(name)
        for field in definitions[name]["type"].get("fields", []):
            pending.extend(_referenced_types(field["type"]))
    return used


def _hex_u64(disc: bytes) -> str:
    return f"0x{int.from_bytes(disc, 'little'):016x}ULL"


def _c_string(text: str) -> str:
    return json.dumps(text)


def _emit_struct(
    lines: list[str], layout: StructLayout, c_name: str, *, packed: bool, doc: str
) -> None:
    lines.append(f"/* {doc} */")
    attr = " __attribute__((packed))" if packed else ""
    lines.append(f"typedef struct{attr} {c_name} {{")
    for field in layout.fields:
        lines.append(f"    {field.c_decl} /* offset {field.offset} */")
    if not layout.fields:
        # Empty structs are a GNU extension with size 0 in C; keep them explicit.
        lines.append("    u8 empty_[0];")
    lines.append(f"}} {c_name};")
    lines.append(
        f'_Static_assert(sizeof({c_name}) == {layout.size}, "{c_name} size differs from the IDL");'
    )
    for field in layout.fields:
        lines.append(
            f"_Static_assert(__builtin_offsetof({c_name}, {field.name}) == {field.offset}, "
            f'"{c_name}.{field.name} offset differs from the IDL");'
        )
    lines.append("")


def _program_id_bytes(idl: dict[str, Any]) -> str:
    raw = bytes(Pubkey.from_string(idl["metadata"]["address"]))
    return ", ".join(f"0x{b:02x}" for b in raw)


def generate_header(idl: dict[str, Any]) -> str:
    """Return the full text of the generated C header for an IDL document."""
    resolver = _Resolver(idl)
    if len(idl["instructions"]) > GATE_BITS:
        # Bit i of the u64 instruction gate halts instruction i.
        raise IdlLayoutError(f"more than {GATE_BITS} instructions cannot share a u64 gate")
    lines: list[str] = [
        "/*",
        " * GENERATED from idl/kairos.json by kairos_toolchain.idl_header: do not edit.",
        " * Regenerate with `python scripts/gen_idl_header.py` (kairos build does it too);",
        " * tests/clients/kairos_toolchain/test_idl_header.py fails when this file is stale.",
        " */",
        "#ifndef KAIROS_GENERATED_IDL_H",
        "#define KAIROS_GENERATED_IDL_H",
        "",
        '#include "sol/types.h"',
        '#include "sol/pubkey.h"',
        "",
        "/* u128 fields are stored as two little-endian u64 halves (8-byte aligned). */",
        "typedef struct KairosU128 { u64 lo; u64 hi; } KairosU128;",
        "",
        f"#define KAIROS_PROGRAM_ID_BYTES {{ {_program_id_bytes(idl)} }}",
        "",
        "/* Anchor discriminators, read as little-endian u64 from the first 8 bytes. */",
    ]
    for ix in idl["instructions"]:
        lines.append(
            f"#define KAIROS_IX_{upper_snake(ix['name'])} "
            f"{_hex_u64(instruction_discriminator(ix['name']))}"
        )
    for account in idl.get("accounts", []):
        lines.append(
            f"#define KAIROS_ACCOUNT_DISC_{upper_snake(account['name'])} "
            f"{_hex_u64(account_discriminator(account['name']))}"
        )
    for event in idl.get("events", []):
        lines.append(
            f"#define KAIROS_EVENT_DISC_{upper_snake(event['name'])} "
            f"{_hex_u64(event_discriminator(event['name']))}"
        )
    lines.append("")
    if idl.get("constants"):
        lines.append("/* Constants of the IDL (bounds of every fixed-size array). */")
        for constant in idl["constants"]:
            lines.append(f"#define KAIROS_{constant['name']} {constant['value']}")
        lines.append("")
    lines.append("/* Position of each instruction in the IDL: its bit in the instruction gate. */")
    for index, ix in enumerate(idl["instructions"]):
        lines.append(f"#define KAIROS_IX_INDEX_{upper_snake(ix['name'])} {index}")
    lines.append("")
    lines.append("/* Program errors (Anchor custom errors start at 6000). */")
    lines.append("enum KairosError {")
    for error in idl.get("errors", []):
        lines.append(f"    KAIROS_ERR_{upper_snake(error['name'])} = {error['code']},")
    lines.append("};")
    lines.append("")

    zero_copy = _types_used_by_accounts(idl)
    for name in resolver.defined_names():
        definition = next(t for t in idl["types"] if t["name"] == name)
        if name not in zero_copy and resolver.type_kind(name) == "struct":
            # Only ever part of a borsh stream (instruction args, events): packed.
            layout = resolver.struct_layout(name, definition["type"]["fields"], packed=True)
            _emit_struct(lines, layout, name, packed=True, doc=f"type {name} (borsh, packed)")
            continue
        if resolver.type_kind(name) == "enum":
            lines.append(f"/* enum {name} (borsh: one u8 tag) */")
            for index, variant in enumerate(definition["type"]["variants"]):
                lines.append(
                    f"#define KAIROS_{upper_snake(name)}_{upper_snake(variant['name'])} {index}"
                )
            lines.append("")
            continue
        layout = resolver.struct_layout(name, definition["type"]["fields"], packed=False)
        _emit_struct(lines, layout, name, packed=False, doc=f"type {name} (naturally aligned)")

    for account in idl.get("accounts", []):
        layout = resolver.struct_layout(account["name"], account["type"]["fields"], packed=False)
        if layout.size % 8:
            raise IdlLayoutError(
                f"account {account['name']} size {layout.size} is not a multiple of 8"
            )
        _emit_struct(
            lines,
            layout,
            account["name"],
            packed=False,
            doc=f"account {account['name']}: data[8..] (zero-copy, after the discriminator)",
        )
        lines.append(
            f"#define KAIROS_{upper_snake(account['name'])}_ACCOUNT_SIZE (8 + {layout.size})"
        )
        lines.append("")

    for event in idl.get("events", []):
        layout = resolver.struct_layout(event["name"] + "Event", event["fields"], packed=True)
        _emit_struct(
            lines,
            layout,
            event["name"] + "Event",
            packed=True,
            doc=f"event {event['name']} (borsh)",
        )
        # The record is what gets logged: discriminator and fields in one slice,
        # built in place so emitting copies nothing.
        record = event["name"] + "EventRecord"
        lines.append(f"typedef struct __attribute__((packed)) {record} {{")
        lines.append("    u64 discriminator;")
        lines.append(f"    {event['name']}Event event;")
        lines.append(f"}} {record};")
        lines.append(
            f"#define {upper_snake(event['name'])}_EVENT_RECORD_INIT "
            f"{{ .discriminator = KAIROS_EVENT_DISC_{upper_snake(event['name'])} }}"
        )
        lines.append("")

    for ix in idl["instructions"]:
        prefix = f"KAIROS_{upper_snake(ix['name'])}"
        lines.append(f"/* instruction {ix['name']}: account indices */")
        for index, account in enumerate(ix["accounts"]):
            if "accounts" in account:
                raise IdlLayoutError(f"{ix['name']}: nested account groups are not supported")
            lines.append(f"#define {prefix}_ACCOUNT_{upper_snake(account['name'])} {index}")
        lines.append(f"#define {prefix}_ACCOUNTS_LEN {len(ix['accounts'])}")
        args_name = (
            "".join(part.capitalize() for part in snake_case(ix["name"]).split("_")) + "IxArgs"
        )
        layout = resolver.struct_layout(args_name, ix["args"], packed=True)
        _emit_struct(
            lines, layout, args_name, packed=True, doc=f"instruction {ix['name']}: borsh args"
        )

    # The entrypoint's dispatch table, as an X-macro: X(discriminator, gate index,
    # handler). initialize_exchange is dispatched by hand (it runs before an
    # Exchange exists, so it has no gate); every other instruction of the IDL is
    # listed, so adding an instruction to the IDL and writing its
    # process_<name> handler is all it takes (a missing handler fails the link).
    lines.append("/* Dispatch table: every gated instruction (all but initialize_exchange). */")
    lines.append("#define KAIROS_FOR_EACH_GATED_INSTRUCTION(X) \\")
    gated = [ix for ix in idl["instructions"] if ix["name"] != "initializeExchange"]
    for position, ix in enumerate(gated):
        name = upper_snake(ix["name"])
        tail = " \\" if position < len(gated) - 1 else ""
        handler = f"process_{snake_case(ix['name'])}"
        lines.append(f"    X(KAIROS_IX_{name}, KAIROS_IX_INDEX_{name}, {handler}){tail}")
    lines.append("")
    lines.append("/* Name and message of a program error, for logs. */")
    lines.append("static inline const char *kairos_error_name(u64 code, u64 *length) {")
    lines.append("    switch (code) {")
    for error in idl.get("errors", []):
        text = f"{error['name']}: {error['msg']}"
        lines.append(
            f"    case {error['code']}: *length = {len(text.encode())}; return {_c_string(text)};"
        )
    lines.append('    default: *length = 0; return "";')
    lines.append("    }")
    lines.append("}")
    lines.append("")
    lines.append("#endif /* KAIROS_GENERATED_IDL_H */")
    return "\n".join(lines) + "\n"


def load_idl(root: Path) -> dict[str, Any]:
    """Read the IDL JSON of the repository at ``root``."""
    data: dict[str, Any] = json.loads((root / IDL_RELATIVE_PATH).read_text())
    return data


def write_header(root: Path) -> bool:
    """Regenerate the header under ``root``; return True when its text changed."""
    text = generate_header(load_idl(root))
    path = root / HEADER_RELATIVE_PATH
    if path.exists() and path.read_text() == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    tmp.replace(path)
    return True


def header_is_fresh(root: Path) -> bool:
    """True when the committed header equals what the IDL generates."""
    path = root / HEADER_RELATIVE_PATH
    return path.exists() and path.read_text() == generate_header(load_idl(root))
