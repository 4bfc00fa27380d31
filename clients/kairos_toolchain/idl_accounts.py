"""Generate each instruction's account struct and account loader from idl/kairos.json.

``generated/kairos_accounts.h`` holds, per instruction, ``<Name>IxAccounts`` (one
``AccountView`` per IDL account, the typed args pointer, and the signer seeds of every
PDA the instruction creates) and ``load_<name>_accounts``, which performs the checks
the IDL knows, in this order:

1. account count (at least the IDL's; later ones are the instruction's remaining
   accounts) and exact argument size (AccountNotEnoughKeys, InstructionDidNotDeserialize);
2. per account, in IDL order: signer (``isSigner``), writable (``isMut``), fixed address
   (``address``: InvalidProgramId), and for an account of this program (``account``:
   the IDL account type) owner, exact size and discriminator;
Instructions that create PDAs (``init`` with ``pda`` seeds) also get
``derive_<name>_pdas``: the canonical address of each one's seeds (ConstraintSeeds
otherwise), keeping the seeds and bump for ``invoke_signed``. The handler calls it
after its semantic checks, as the handwritten code always did: a derivation costs
~1,500 CU per bump tried, so cheap refusals come first, and a wrong linked account
(someone else's margin account, whose key is a seed) is reported as such.

The IDL keys ``address``, ``account`` and ``init`` on instruction accounts extend Anchor
0.29's format (AnchorPy ignores keys it does not know; ``address`` is Anchor 0.30's
name). Accounts marked ``isOptional`` are only fetched: the program id stands for
"none" (Anchor's convention) and the handler checks the account when it is given.

The functions are ``static inline`` (not forced): the compiler inlines them where that
pays, as it did the handwritten validation halves.

What the IDL does not know stays handwritten in ``instructions/<name>.c``: links between
accounts (has-one), the trust placed in a PDA created earlier (owner + discriminator,
see docs/ARCHITECTURE.md "Account checks"), and business rules. Account 0 of every
instruction but initialize_exchange is the Exchange, which the entrypoint has already
checked (owner, discriminator, size), so its loader checks only what the instruction
adds (writable).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from solders.pubkey import Pubkey

from kairos_toolchain.idl_header import (
    HEADER_RELATIVE_PATH,
    IdlLayoutError,
    generate_header,
    load_idl,
    snake_case,
    upper_snake,
)

ACCOUNTS_HEADER_RELATIVE_PATH = Path("programs/kairos/src/generated/kairos_accounts.h")
_INITIALIZE_EXCHANGE = "initializeExchange"
_SEED_NAME = re.compile(rb"^[a-z][a-z_]*$")


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in snake_case(name).split("_"))


def _args_type(ix: dict[str, Any]) -> str:
    return f"{_pascal(ix['name'])}IxArgs"


def accounts_type(ix: dict[str, Any]) -> str:
    """C name of an instruction's account struct."""
    return f"{_pascal(ix['name'])}IxAccounts"


def loader_name(ix: dict[str, Any]) -> str:
    """C name of an instruction's account loader."""
    return f"load_{snake_case(ix['name'])}_accounts"


def pda_deriver_name(ix: dict[str, Any]) -> str:
    """C name of the function deriving the PDAs an instruction creates."""
    return f"derive_{snake_case(ix['name'])}_pdas"


def _const_seed_name(value: list[int]) -> str:
    raw = bytes(value)
    if not _SEED_NAME.match(raw):
        raise IdlLayoutError(f"constant seed {raw!r} is not a lower-case name")
    return f"KAIROS_SEED_{raw.decode().upper()}"


def _address_name(account_name: str) -> str:
    return f"KAIROS_ADDRESS_{upper_snake(account_name)}"


def _c_bytes(raw: bytes) -> str:
    return ", ".join(f"0x{b:02x}" for b in raw)


def _is_entrypoint_exchange(ix: dict[str, Any], index: int) -> bool:
    return index == 0 and ix["name"] != _INITIALIZE_EXCHANGE


class _Generator:
    def __init__(self, idl: dict[str, Any]) -> None:
        self.idl = idl
        self.account_types = {a["name"] for a in idl.get("accounts", [])}
        self.types = {t["name"]: t for t in idl.get("types", [])}
        self.seed_names: dict[str, bytes] = {}
        self.addresses: dict[str, bytes] = {}
        self.lines: list[str] = []

    def collect(self) -> None:
        """Constant seeds and fixed addresses, each emitted once."""
        for ix in self.idl["instructions"]:
            for account in ix["accounts"]:
                for seed in account.get("pda", {}).get("seeds", []):
                    if seed["kind"] == "const":
                        self.seed_names[_const_seed_name(seed["value"])] = bytes(seed["value"])
                if "address" in account:
                    name = _address_name(account["name"])
                    raw = bytes(Pubkey.from_string(account["address"]))
                    if self.addresses.setdefault(name, raw) != raw:
                        raise IdlLayoutError(f"{name}: one account name, two addresses")

    def _arg_member(self, ix: dict[str, Any], path: str) -> str:
        """Check an argument path against the IDL and return its C member designator."""
        head, *rest = path.split(".")
        fields = ix["args"]
        for part in [head, *rest]:
            match = [f for f in fields if f["name"] == part]
            if not match:
                raise IdlLayoutError(f"{ix['name']}: seed path {path!r} names no argument")
            ty = match[0]["type"]
            fields = (
                self.types.get(ty.get("defined", ""), {}).get("type", {}).get("fields", [])
                if isinstance(ty, dict)
                else []
            )
        return ".".join(snake_case(part) for part in [head, *rest])

    def _seed_expr(self, ix: dict[str, Any], seed: dict[str, Any], typed: dict[str, str]) -> str:
        if seed["kind"] == "const":
            name = _const_seed_name(seed["value"])
            return f"{{(const u8 *){name}, sizeof({name}) - 1}}"
        if seed["kind"] == "arg":
            member = self._arg_member(ix, seed["path"])
            args = _args_type(ix)
            return (
                f"{{(const u8 *)accounts->args + __builtin_offsetof({args}, {member}), "
                f"sizeof(accounts->args->{member})}}"
            )
        name, _, field = seed["path"].partition(".")
        view = f"accounts->{snake_case(name)}"
        if not field:
            return f"{{{view}->key.x, PUBKEY_BYTES}}"
        if typed.get(name) != seed.get("account"):
            raise IdlLayoutError(
                f"{ix['name']}: seed {seed['path']!r} reads {name}, which the loader does not "
                f"check as a {seed.get('account')}"
            )
        layout = seed["account"]
        member = snake_case(field)
        return (
            f"{{account_data({view}) + DISCRIMINATOR_BYTES + "
            f"__builtin_offsetof({layout}, {member}), sizeof((({layout} *)0)->{member})}}"
        )

    def instruction(self, ix: dict[str, Any]) -> None:
        prefix = f"KAIROS_{upper_snake(ix['name'])}"
        struct = accounts_type(ix)
        created = [a for a in ix["accounts"] if a.get("init") and "pda" in a]
        out = self.lines
        out.append(f"/* instruction {ix['name']} */")
        out.append(f"typedef struct {struct} {{")
        for index, account in enumerate(ix["accounts"]):
            field = snake_case(account["name"])
            out.append(f"    AccountView {field}; /* {self._describe(ix, index)} */")
        out.append(f"    const {_args_type(ix)} *args;")
        for account in created:
            out.append(
                f"    PdaSigner {snake_case(account['name'])}_pda; /* seeds + canonical bump */"
            )
        out.append(f"}} {struct};")
        out.append("")
        out.append(
            f"static inline u64 {loader_name(ix)}(const ProgramInput *input, {struct} *accounts) {{"
        )
        out.append(f"    TRY(require_account_count(input->account_count, {prefix}_ACCOUNTS_LEN));")
        out.append(f"    TRY(require_args_size(input->data_len, sizeof({_args_type(ix)})));")
        for account in ix["accounts"]:
            name = snake_case(account["name"])
            index_name = f"{prefix}_ACCOUNT_{upper_snake(account['name'])}"
            out.append(f"    accounts->{name} = input->accounts[{index_name}];")
        out.append(
            f"    accounts->args = (const {_args_type(ix)} *)(input->data + DISCRIMINATOR_BYTES);"
        )
        typed: dict[str, str] = {}
        for index, account in enumerate(ix["accounts"]):
            typed.update(self._checks(ix, index, account))
        out.append("    return KAIROS_OK;")
        out.append("}")
        out.append("")
        if not created:
            return
        out.append(f"/* The canonical PDAs {ix['name']} creates, after its semantic checks (cheap")
        out.append(" * refusals first: a derivation costs ~1,500 CU per bump tried). */")
        out.append(
            f"static inline u64 {pda_deriver_name(ix)}(const ProgramInput *input, "
            f"{struct} *accounts) {{"
        )
        for account in created:
            seeds = account["pda"]["seeds"]
            name = snake_case(account["name"])
            out.append("    {")
            out.append(f"        SolSignerSeed seeds[{len(seeds)}] = {{")
            for seed in seeds:
                out.append(f"            {self._seed_expr(ix, seed, typed)},")
            out.append("        };")
            out.append(
                "        _Static_assert(SEED_COUNT(seeds) <= PDA_MAX_SEEDS, "
                '"PdaSigner holds them");'
            )
            out.append(
                f"        TRY(require_canonical_pda(accounts->{name}, seeds, SEED_COUNT(seeds), "
                f"input->program_id, &accounts->{name}_pda));"
            )
            out.append("    }")
        out.append("    return KAIROS_OK;")
        out.append("}")
        out.append("")

    def _describe(self, ix: dict[str, Any], index: int) -> str:
        account = ix["accounts"][index]
        parts = []
        if account.get("isOptional"):
            parts.append("optional: the program id for none; checked by the handler")
        if account.get("isSigner"):
            parts.append("signer")
        if account.get("isMut"):
            parts.append("writable")
        if "address" in account:
            parts.append(f"== {account['address']}")
        if "account" in account:
            checked = "entrypoint-checked " if _is_entrypoint_exchange(ix, index) else ""
            parts.append(f"{checked}{account['account']}")
        if account.get("init"):
            parts.append("created here" + (" at its canonical PDA" if "pda" in account else ""))
        return ", ".join(parts) or "unchecked here: see the handler"

    def _checks(self, ix: dict[str, Any], index: int, account: dict[str, Any]) -> dict[str, str]:
        """Emit one account's mechanical checks; return {idl name: account type} if typed."""
        if account.get("isOptional"):
            return {}
        view = f"accounts->{snake_case(account['name'])}"
        out = self.lines
        if account.get("isSigner"):
            out.append(f"    TRY(require_signer({view}));")
        if account.get("isMut"):
            out.append(f"    TRY(require_writable({view}));")
        if "address" in account:
            out.append(f"    TRY(require_program({view}, &{_address_name(account['name'])}));")
        type_name = account.get("account")
        if type_name is None:
            return {}
        if type_name not in self.account_types:
            raise IdlLayoutError(f"{ix['name']}.{account['name']}: unknown account {type_name}")
        if account.get("init"):
            raise IdlLayoutError(f"{ix['name']}.{account['name']}: created and already typed")
        if not _is_entrypoint_exchange(ix, index):
            upper = upper_snake(type_name)
            out.append(
                f"    TRY(require_program_account({view}, input->program_id, "
                f"KAIROS_ACCOUNT_DISC_{upper}, KAIROS_{upper}_ACCOUNT_SIZE));"
            )
        return {account["name"]: type_name}

    def header(self) -> str:
        self.collect()
        out = self.lines
        out.extend(
            [
                "/*",
                " * GENERATED from idl/kairos.json by kairos_toolchain.idl_accounts: do not edit.",
                " * Regenerate with `python scripts/gen_idl_header.py` (kairos build does it too);",
                " * tests/clients/kairos_toolchain/test_idl_accounts.py fails when it is stale.",
                " *",
                " * Per instruction: its accounts (<Name>IxAccounts) and load_<name>_accounts,",
                " * the checks the IDL knows (count, args size, signer, writable, fixed",
                " * addresses, owner + size + discriminator of typed accounts of this program,",
                " * canonical PDAs of created accounts). The handler adds the semantic checks.",
                " */",
                "#ifndef KAIROS_GENERATED_ACCOUNTS_H",
                "#define KAIROS_GENERATED_ACCOUNTS_H",
                "",
                '#include "generated/kairos_idl.h"',
                '#include "sol/input.h"',
                '#include "validate/accounts.h"',
                '#include "validate/pda.h"',
                "",
                "/* Constant PDA seeds (without a terminating NUL: use sizeof - 1). */",
            ]
        )
        for name, raw in sorted(self.seed_names.items()):
            out.append(f'#define {name} "{raw.decode()}"')
        out.append("")
        out.append("/* Fixed addresses of instruction accounts (programs). */")
        for name, raw in sorted(self.addresses.items()):
            out.append(f"#define {name}_BYTES {{{_c_bytes(raw)}}}")
            out.append(f"static const SolPubkey {name} = {{{name}_BYTES}};")
        out.append("")
        for ix in self.idl["instructions"]:
            self.instruction(ix)
        out.append("#endif /* KAIROS_GENERATED_ACCOUNTS_H */")
        return "\n".join(out) + "\n"


def generate_accounts_header(idl: dict[str, Any]) -> str:
    """Return the text of generated/kairos_accounts.h for an IDL document."""
    return _Generator(idl).header()


def generated_files(idl: dict[str, Any]) -> dict[Path, str]:
    """Every generated C file (path relative to the repository root) and its text."""
    return {
        HEADER_RELATIVE_PATH: generate_header(idl),
        ACCOUNTS_HEADER_RELATIVE_PATH: generate_accounts_header(idl),
    }


def write_generated(root: Path) -> bool:
    """Regenerate every generated C file under ``root``; True when any text changed."""
    changed = False
    for relative, text in generated_files(load_idl(root)).items():
        path = root / relative
        if path.exists() and path.read_text() == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text)
        tmp.replace(path)
        changed = True
    return changed


def stale_generated(root: Path) -> list[Path]:
    """Generated files whose committed text differs from what the IDL generates."""
    return [
        relative
        for relative, text in generated_files(load_idl(root)).items()
        if not (root / relative).exists() or (root / relative).read_text() != text
    ]
