"""jsonParsed instructions: System, SPL Token (both programs), Associated Token, Memo.

What Agave's transaction-status crate parses for these programs, in its field
names. Written here because no Python library decodes instructions into Agave's
jsonParsed form (solders only parses the RPC JSON back). Instructions of other
programs, and ones that do not decode, stay "partially decoded" (programId,
accounts, base58 data), as Agave leaves them; Agave has no Compute Budget parser,
so Compute Budget instructions are partially decoded there and here alike.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from typing import Any

from solders.pubkey import Pubkey

from kairos_localnet.codec import TOKEN_PROGRAMS, token_amount

SYSTEM_PROGRAM = Pubkey.from_string("11111111111111111111111111111111")
ASSOCIATED_TOKEN_PROGRAM = Pubkey.from_string("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL")
MEMO_PROGRAMS = frozenset(
    Pubkey.from_string(key)
    for key in (
        "Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo",  # v1
        "MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr",  # v3
    )
)


class _NotParsable(Exception):
    pass


class _Reader:
    """Little-endian reader over instruction data; any shortfall means "not parsable"."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def take(self, n: int) -> bytes:
        if self.at + n > len(self.data):
            raise _NotParsable
        out = self.data[self.at : self.at + n]
        self.at += n
        return out

    def u8(self) -> int:
        return self.take(1)[0]

    def u16(self) -> int:
        return int(struct.unpack("<H", self.take(2))[0])

    def u32(self) -> int:
        return int(struct.unpack("<I", self.take(4))[0])

    def u64(self) -> int:
        return int(struct.unpack("<Q", self.take(8))[0])

    def pubkey(self) -> str:
        return str(Pubkey.from_bytes(self.take(32)))

    def bincode_string(self) -> str:
        n = self.u64()
        try:
            return self.take(n).decode()
        except UnicodeDecodeError:
            raise _NotParsable from None

    def coption_pubkey(self) -> str | None:
        # spl-token packs COption<Pubkey> in instructions as a u8 tag then the key.
        tag = self.u8()
        if tag == 0:
            return None
        if tag == 1:
            return self.pubkey()
        raise _NotParsable


class _Accounts:
    def __init__(self, indexes: Sequence[int], keys: Sequence[Pubkey]) -> None:
        self.indexes = indexes
        self.keys = keys

    def need(self, n: int) -> None:
        if len(self.indexes) < n:
            raise _NotParsable

    def __getitem__(self, position: int) -> str:
        if position >= len(self.indexes) or self.indexes[position] >= len(self.keys):
            raise _NotParsable
        return str(self.keys[self.indexes[position]])

    def from_(self, position: int) -> list[str]:
        return [str(self.keys[i]) for i in self.indexes[position:] if i < len(self.keys)]


def _parsed(program: str, program_id: Pubkey, parsed: Any, stack_height: Any) -> dict[str, Any]:
    return {
        "program": program,
        "programId": str(program_id),
        "parsed": parsed,
        "stackHeight": stack_height,
    }


def parse_instruction(
    program_id: Pubkey,
    account_indexes: Sequence[int],
    data: bytes,
    keys: Sequence[Pubkey],
    stack_height: int | None,
) -> dict[str, Any] | None:
    """The jsonParsed form of one instruction, or None to leave it partially decoded."""
    if account_indexes and max(account_indexes) >= len(keys):
        return None
    accounts = _Accounts(account_indexes, keys)
    try:
        if program_id == SYSTEM_PROGRAM:
            return _parsed("system", program_id, _system(_Reader(data), accounts), stack_height)
        if program_id in TOKEN_PROGRAMS:
            return _parsed("spl-token", program_id, _token(data, accounts), stack_height)
        if program_id == ASSOCIATED_TOKEN_PROGRAM:
            return _parsed(
                "spl-associated-token-account",
                program_id,
                _associated_token(data, accounts),
                stack_height,
            )
        if program_id in MEMO_PROGRAMS:
            try:
                return _parsed("spl-memo", program_id, data.decode(), stack_height)
            except UnicodeDecodeError:
                return None
    except _NotParsable:
        return None
    return None


def _typed(kind: str, info: dict[str, Any]) -> dict[str, Any]:
    return {"type": kind, "info": info}


# ------------------------------------------------------------------ system


def _system(r: _Reader, a: _Accounts) -> dict[str, Any]:
    tag = r.u32()
    if tag == 0:
        lamports, space, owner = r.u64(), r.u64(), r.pubkey()
        a.need(2)
        return _typed(
            "createAccount",
            {"source": a[0], "newAccount": a[1], "lamports": lamports, "space": space,
             "owner": owner},
        )  # fmt: skip
    if tag == 1:
        owner = r.pubkey()
        a.need(1)
        return _typed("assign", {"account": a[0], "owner": owner})
    if tag == 2:
        lamports = r.u64()
        a.need(2)
        return _typed("transfer", {"source": a[0], "destination": a[1], "lamports": lamports})
    if tag == 3:
        base, seed, lamports, space, owner = (
            r.pubkey(), r.bincode_string(), r.u64(), r.u64(), r.pubkey()
        )  # fmt: skip
        a.need(2)
        return _typed(
            "createAccountWithSeed",
            {"source": a[0], "newAccount": a[1], "base": base, "seed": seed,
             "lamports": lamports, "space": space, "owner": owner},
        )  # fmt: skip
    if tag == 4:
        a.need(3)
        return _typed(
            "advanceNonce",
            {"nonceAccount": a[0], "recentBlockhashesSysvar": a[1], "nonceAuthority": a[2]},
        )
    if tag == 5:
        lamports = r.u64()
        a.need(5)
        return _typed(
            "withdrawFromNonce",
            {"nonceAccount": a[0], "destination": a[1], "recentBlockhashesSysvar": a[2],
             "rentSysvar": a[3], "nonceAuthority": a[4], "lamports": lamports},
        )  # fmt: skip
    if tag == 6:
        authority = r.pubkey()
        a.need(3)
        return _typed(
            "initializeNonce",
            {"nonceAccount": a[0], "recentBlockhashesSysvar": a[1], "rentSysvar": a[2],
             "nonceAuthority": authority},
        )  # fmt: skip
    if tag == 7:
        authority = r.pubkey()
        a.need(2)
        return _typed(
            "authorizeNonce",
            {"nonceAccount": a[0], "nonceAuthority": a[1], "newAuthorized": authority},
        )
    if tag == 8:
        space = r.u64()
        a.need(1)
        return _typed("allocate", {"account": a[0], "space": space})
    if tag == 9:
        base, seed, space, owner = r.pubkey(), r.bincode_string(), r.u64(), r.pubkey()
        a.need(2)
        return _typed(
            "allocateWithSeed",
            {"account": a[0], "base": base, "seed": seed, "space": space, "owner": owner},
        )
    if tag == 10:
        base, seed, owner = r.pubkey(), r.bincode_string(), r.pubkey()
        a.need(2)
        return _typed(
            "assignWithSeed", {"account": a[0], "base": base, "seed": seed, "owner": owner}
        )
    if tag == 11:
        lamports, seed, owner = r.u64(), r.bincode_string(), r.pubkey()
        a.need(3)
        return _typed(
            "transferWithSeed",
            {"source": a[0], "sourceBase": a[1], "destination": a[2], "lamports": lamports,
             "sourceSeed": seed, "sourceOwner": owner},
        )  # fmt: skip
    if tag == 12:
        a.need(1)
        return _typed("upgradeNonce", {"nonceAccount": a[0]})
    raise _NotParsable


# ------------------------------------------------------------------- token

_AUTHORITY_TYPES = (
    "mintTokens", "freezeAccount", "accountOwner", "closeAccount", "transferFeeConfig",
    "withheldWithdraw", "closeMint", "interestRate", "permanentDelegate",
    "confidentialTransferMint", "transferHookProgramId", "confidentialTransferFeeConfig",
    "metadataPointer", "groupPointer", "groupMemberPointer", "scaledUiAmount", "pause",
    "permissionedBurn",
)  # fmt: skip
_ACCOUNT_AUTHORITIES = frozenset({"accountOwner", "closeAccount"})
_EXTENSION_TYPES = (
    "uninitialized", "transferFeeConfig", "transferFeeAmount", "mintCloseAuthority",
    "confidentialTransferMint", "confidentialTransferAccount", "defaultAccountState",
    "immutableOwner", "memoTransfer", "nonTransferable", "interestBearingConfig", "cpiGuard",
    "permanentDelegate", "nonTransferableAccount", "transferHook", "transferHookAccount",
    "confidentialTransferFeeConfig", "confidentialTransferFeeAmount", "metadataPointer",
    "tokenMetadata", "groupPointer", "tokenGroup", "groupMemberPointer", "tokenGroupMember",
    "confidentialMintBurn", "scaledUiAmount", "pausable", "pausableAccount",
)  # fmt: skip


def _signers(
    info: dict[str, Any], last_nonsigner: int, a: _Accounts, single: str, multisig: str
) -> dict[str, Any]:
    """One authority, or a multisig authority followed by its signers."""
    if len(a.indexes) > last_nonsigner + 1:
        info[multisig] = a[last_nonsigner]
        info["signers"] = a.from_(last_nonsigner + 1)
    else:
        info[single] = a[last_nonsigner]
    return info


def _initialize_mint(r: _Reader, a: _Accounts, kind: str) -> dict[str, Any]:
    decimals, mint_authority, freeze = r.u8(), r.pubkey(), r.coption_pubkey()
    a.need(2 if kind == "initializeMint" else 1)
    info: dict[str, Any] = {"mint": a[0], "decimals": decimals, "mintAuthority": mint_authority}
    if kind == "initializeMint":
        info["rentSysvar"] = a[1]
    if freeze is not None:
        info["freezeAuthority"] = freeze
    return _typed(kind, info)


def _amount_checked(r: _Reader) -> dict[str, Any]:
    amount, decimals = r.u64(), r.u8()
    return token_amount(amount, decimals)


_TokenParser = Callable[[_Reader, _Accounts], dict[str, Any]]


def _t_transfer(r: _Reader, a: _Accounts) -> dict[str, Any]:
    amount = r.u64()
    a.need(3)
    info = {"source": a[0], "destination": a[1], "amount": str(amount)}
    return _typed("transfer", _signers(info, 2, a, "authority", "multisigAuthority"))


def _t_approve(r: _Reader, a: _Accounts) -> dict[str, Any]:
    amount = r.u64()
    a.need(3)
    info = {"source": a[0], "delegate": a[1], "amount": str(amount)}
    return _typed("approve", _signers(info, 2, a, "owner", "multisigOwner"))


def _t_revoke(r: _Reader, a: _Accounts) -> dict[str, Any]:
    a.need(2)
    return _typed("revoke", _signers({"source": a[0]}, 1, a, "owner", "multisigOwner"))


def _t_set_authority(r: _Reader, a: _Accounts) -> dict[str, Any]:
    kind_index, new_authority = r.u8(), r.coption_pubkey()
    if kind_index >= len(_AUTHORITY_TYPES):
        raise _NotParsable
    kind = _AUTHORITY_TYPES[kind_index]
    a.need(2)
    owned = "account" if kind in _ACCOUNT_AUTHORITIES else "mint"
    info = {owned: a[0], "authorityType": kind, "newAuthority": new_authority}
    return _typed("setAuthority", _signers(info, 1, a, "authority", "multisigAuthority"))


def _t_mint_to(r: _Reader, a: _Accounts) -> dict[str, Any]:
    amount = r.u64()
    a.need(3)
    info = {"mint": a[0], "account": a[1], "amount": str(amount)}
    return _typed("mintTo", _signers(info, 2, a, "mintAuthority", "multisigMintAuthority"))


def _t_burn(r: _Reader, a: _Accounts) -> dict[str, Any]:
    amount = r.u64()
    a.need(3)
    info = {"account": a[0], "mint": a[1], "amount": str(amount)}
    return _typed("burn", _signers(info, 2, a, "authority", "multisigAuthority"))


def _t_close(r: _Reader, a: _Accounts) -> dict[str, Any]:
    a.need(3)
    info = {"account": a[0], "destination": a[1]}
    return _typed("closeAccount", _signers(info, 2, a, "owner", "multisigOwner"))


def _t_freeze(kind: str) -> _TokenParser:
    def parse(r: _Reader, a: _Accounts) -> dict[str, Any]:
        a.need(3)
        info = {"account": a[0], "mint": a[1]}
        return _typed(kind, _signers(info, 2, a, "freezeAuthority", "multisigFreezeAuthority"))

    return parse


def _t_transfer_checked(r: _Reader, a: _Accounts) -> dict[str, Any]:
    amount = _amount_checked(r)
    a.need(4)
    info = {"source": a[0], "mint": a[1], "destination": a[2], "tokenAmount": amount}
    return _typed("transferChecked", _signers(info, 3, a, "authority", "multisigAuthority"))


def _t_approve_checked(r: _Reader, a: _Accounts) -> dict[str, Any]:
    amount = _amount_checked(r)
    a.need(4)
    info = {"source": a[0], "mint": a[1], "delegate": a[2], "tokenAmount": amount}
    return _typed("approveChecked", _signers(info, 3, a, "owner", "multisigOwner"))


def _t_mint_to_checked(r: _Reader, a: _Accounts) -> dict[str, Any]:
    amount = _amount_checked(r)
    a.need(3)
    info = {"mint": a[0], "account": a[1], "tokenAmount": amount}
    return _typed("mintToChecked", _signers(info, 2, a, "mintAuthority", "multisigMintAuthority"))


def _t_burn_checked(r: _Reader, a: _Accounts) -> dict[str, Any]:
    amount = _amount_checked(r)
    a.need(3)
    info = {"account": a[0], "mint": a[1], "tokenAmount": amount}
    return _typed("burnChecked", _signers(info, 2, a, "authority", "multisigAuthority"))


def _t_initialize_account(r: _Reader, a: _Accounts) -> dict[str, Any]:
    a.need(4)
    return _typed(
        "initializeAccount",
        {"account": a[0], "mint": a[1], "owner": a[2], "rentSysvar": a[3]},
    )


def _t_initialize_account2(r: _Reader, a: _Accounts) -> dict[str, Any]:
    owner = r.pubkey()
    a.need(3)
    return _typed(
        "initializeAccount2", {"account": a[0], "mint": a[1], "owner": owner, "rentSysvar": a[2]}
    )


def _t_initialize_account3(r: _Reader, a: _Accounts) -> dict[str, Any]:
    owner = r.pubkey()
    a.need(2)
    return _typed("initializeAccount3", {"account": a[0], "mint": a[1], "owner": owner})


def _t_initialize_multisig(kind: str, first_signer: int) -> _TokenParser:
    def parse(r: _Reader, a: _Accounts) -> dict[str, Any]:
        m = r.u8()
        a.need(first_signer + 1)
        info: dict[str, Any] = {"multisig": a[0]}
        if first_signer == 2:
            info["rentSysvar"] = a[1]
        info["signers"] = a.from_(first_signer)
        info["m"] = m
        return _typed(kind, info)

    return parse


def _t_one_account(kind: str, field: str) -> _TokenParser:
    def parse(r: _Reader, a: _Accounts) -> dict[str, Any]:
        a.need(1)
        return _typed(kind, {field: a[0]})

    return parse


def _t_get_account_data_size(r: _Reader, a: _Accounts) -> dict[str, Any]:
    a.need(1)
    info: dict[str, Any] = {"mint": a[0]}
    rest = r.data[r.at :]
    if len(rest) % 2:
        raise _NotParsable
    kinds = [int.from_bytes(rest[i : i + 2], "little") for i in range(0, len(rest), 2)]
    if any(k >= len(_EXTENSION_TYPES) for k in kinds):
        raise _NotParsable
    if kinds:
        info["extensionTypes"] = [_EXTENSION_TYPES[k] for k in kinds]
    return _typed("getAccountDataSize", info)


def _t_amount_to_ui_amount(r: _Reader, a: _Accounts) -> dict[str, Any]:
    amount = r.u64()
    a.need(1)
    return _typed("amountToUiAmount", {"mint": a[0], "amount": str(amount)})


def _t_ui_amount_to_amount(r: _Reader, a: _Accounts) -> dict[str, Any]:
    try:
        ui_amount = r.data[r.at :].decode()
    except UnicodeDecodeError:
        raise _NotParsable from None
    a.need(1)
    return _typed("uiAmountToAmount", {"mint": a[0], "uiAmount": ui_amount})


def _t_mint_close_authority(r: _Reader, a: _Accounts) -> dict[str, Any]:
    authority = r.coption_pubkey()
    a.need(1)
    return _typed("initializeMintCloseAuthority", {"mint": a[0], "newAuthority": authority})


def _t_create_native_mint(r: _Reader, a: _Accounts) -> dict[str, Any]:
    a.need(3)
    return _typed("createNativeMint", {"payer": a[0], "nativeMint": a[1], "systemProgram": a[2]})


def _t_permanent_delegate(r: _Reader, a: _Accounts) -> dict[str, Any]:
    delegate = r.pubkey()
    a.need(1)
    return _typed("initializePermanentDelegate", {"mint": a[0], "delegate": delegate})


def _t_withdraw_excess(r: _Reader, a: _Accounts) -> dict[str, Any]:
    a.need(3)
    info = {"source": a[0], "destination": a[1]}
    return _typed("withdrawExcessLamports", _signers(info, 2, a, "authority", "multisigAuthority"))


_TOKEN_PARSERS: dict[int, _TokenParser] = {
    0: lambda r, a: _initialize_mint(r, a, "initializeMint"),
    1: _t_initialize_account,
    2: _t_initialize_multisig("initializeMultisig", 2),
    3: _t_transfer,
    4: _t_approve,
    5: _t_revoke,
    6: _t_set_authority,
    7: _t_mint_to,
    8: _t_burn,
    9: _t_close,
    10: _t_freeze("freezeAccount"),
    11: _t_freeze("thawAccount"),
    12: _t_transfer_checked,
    13: _t_approve_checked,
    14: _t_mint_to_checked,
    15: _t_burn_checked,
    16: _t_initialize_account2,
    17: _t_one_account("syncNative", "account"),
    18: _t_initialize_account3,
    19: _t_initialize_multisig("initializeMultisig2", 1),
    20: lambda r, a: _initialize_mint(r, a, "initializeMint2"),
    21: _t_get_account_data_size,
    22: _t_one_account("initializeImmutableOwner", "account"),
    23: _t_amount_to_ui_amount,
    24: _t_ui_amount_to_amount,
    25: _t_mint_close_authority,
    31: _t_create_native_mint,
    32: _t_one_account("initializeNonTransferableMint", "mint"),
    35: _t_permanent_delegate,
    38: _t_withdraw_excess,
}


def _token(data: bytes, a: _Accounts) -> dict[str, Any]:
    r = _Reader(data)
    parser = _TOKEN_PARSERS.get(r.u8())
    if parser is None:  # Token-2022 extension instructions: left partially decoded
        raise _NotParsable
    return parser(r, a)


# -------------------------------------------------------- associated token


def _associated_token(data: bytes, a: _Accounts) -> dict[str, Any]:
    if len(data) > 1:
        raise _NotParsable
    tag = data[0] if data else 0
    if tag in (0, 1):
        a.need(6)
        return _typed(
            "create" if tag == 0 else "createIdempotent",
            {"source": a[0], "account": a[1], "wallet": a[2], "mint": a[3],
             "systemProgram": a[4], "tokenProgram": a[5]},
        )  # fmt: skip
    if tag == 2:
        a.need(7)
        return _typed(
            "recoverNested",
            {"nestedSource": a[0], "nestedMint": a[1], "destination": a[2],
             "nestedOwner": a[3], "ownerMint": a[4], "wallet": a[5], "tokenProgram": a[6]},
        )  # fmt: skip
    raise _NotParsable
