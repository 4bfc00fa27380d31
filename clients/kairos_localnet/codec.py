"""Wire formats of the Solana RPC: base58, account encodings, filters, SPL token layouts."""

from __future__ import annotations

import base64
import binascii
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import based58
from solders.account import Account
from solders.pubkey import Pubkey
from spl.token.constants import TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID

from kairos_localnet.errors import INVALID_REQUEST, RpcError, invalid_param, invalid_params

TOKEN_PROGRAMS = {TOKEN_PROGRAM_ID: "spl-token", TOKEN_2022_PROGRAM_ID: "spl-token-2022"}

# Agave refuses base58 account data above this size: encoding is quadratic.
MAX_BASE58_BYTES = 128
ACCOUNT_ENCODINGS = ("binary", "base58", "base64", "jsonParsed", "base64+zstd")


def b58encode(data: bytes) -> str:
    """Base58 text of ``data`` (based58: the Rust bs58 crate, Bitcoin alphabet)."""
    return based58.b58encode(data).decode("ascii")


def b58decode(text: str) -> bytes:
    """The bytes of base58 ``text``; ValueError on a character outside the alphabet."""
    return based58.b58decode(text.encode("utf-8"))


def b64decode(text: str) -> bytes:
    """Decode strict base64; raises ValueError on bad input."""
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError(str(exc)) from exc


def b64encode(data: bytes) -> str:
    """Encode bytes as base64 text."""
    return base64.b64encode(data).decode()


def parse_pubkey(value: Any, what: str = "pubkey") -> Pubkey:
    """Parse a base58 address param, answering Agave's -32602 on failure."""
    if not isinstance(value, str):
        raise invalid_params(f"invalid type: expected a string {what}")
    try:
        return Pubkey.from_string(value)
    except ValueError:
        raise invalid_param(f"Invalid {what}") from None


def ui_amount_string(amount: int, decimals: int) -> str:
    """Format a token amount as Agave's uiAmountString: exact, trailing zeros trimmed."""
    digits = str(amount).rjust(decimals + 1, "0")
    if decimals == 0:
        return digits
    whole, frac = digits[:-decimals], digits[-decimals:].rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def token_amount(amount: int, decimals: int) -> dict[str, Any]:
    """Return the UiTokenAmount object used by token RPC methods and parsed accounts."""
    return {
        "amount": str(amount),
        "decimals": decimals,
        "uiAmount": amount / 10**decimals,
        "uiAmountString": ui_amount_string(amount, decimals),
    }


# SPL token layouts (Token and the base of Token-2022). Token-2022 accounts and
# mints with extensions are longer and carry an AccountType byte at offset 165.
TOKEN_ACCOUNT_LEN = 165
MINT_LEN = 82
_ACCOUNT_TYPE_MINT, _ACCOUNT_TYPE_ACCOUNT = 1, 2


@dataclass(frozen=True, slots=True)
class TokenAccount:
    """The fields of an SPL token account the RPC reports."""

    mint: Pubkey
    owner: Pubkey
    amount: int
    delegate: Pubkey | None
    state: int
    native_reserve: int | None
    delegated_amount: int
    close_authority: Pubkey | None


@dataclass(frozen=True, slots=True)
class Mint:
    """The fields of an SPL token mint the RPC reports."""

    mint_authority: Pubkey | None
    supply: int
    decimals: int
    is_initialized: bool
    freeze_authority: Pubkey | None


def _coption_pubkey(data: bytes, offset: int) -> Pubkey | None:
    if struct.unpack_from("<I", data, offset)[0] == 0:
        return None
    return Pubkey.from_bytes(data[offset + 4 : offset + 36])


def is_token_account(owner: Pubkey, data: bytes) -> bool:
    """Tell whether the account is an SPL token account (either token program)."""
    if owner not in TOKEN_PROGRAMS:
        return False
    n = len(data)
    return n == TOKEN_ACCOUNT_LEN or (n > TOKEN_ACCOUNT_LEN and data[165] == _ACCOUNT_TYPE_ACCOUNT)


def is_mint(owner: Pubkey, data: bytes) -> bool:
    """Tell whether the account is an SPL token mint (either token program)."""
    if owner not in TOKEN_PROGRAMS:
        return False
    n = len(data)
    return n == MINT_LEN or (n > TOKEN_ACCOUNT_LEN and data[165] == _ACCOUNT_TYPE_MINT)


def unpack_token_account(data: bytes) -> TokenAccount:
    """Decode the base layout of a token account (call is_token_account first)."""
    mint, owner, amount = data[0:32], data[32:64], struct.unpack_from("<Q", data, 64)[0]
    native = struct.unpack_from("<IQ", data, 109)
    return TokenAccount(
        mint=Pubkey.from_bytes(mint),
        owner=Pubkey.from_bytes(owner),
        amount=amount,
        delegate=_coption_pubkey(data, 72),
        state=data[108],
        native_reserve=native[1] if native[0] else None,
        delegated_amount=struct.unpack_from("<Q", data, 121)[0],
        close_authority=_coption_pubkey(data, 129),
    )


def unpack_mint(data: bytes) -> Mint:
    """Decode the base layout of a mint (call is_mint first)."""
    return Mint(
        mint_authority=_coption_pubkey(data, 0),
        supply=struct.unpack_from("<Q", data, 36)[0],
        decimals=data[44],
        is_initialized=bool(data[45]),
        freeze_authority=_coption_pubkey(data, 46),
    )


_TOKEN_STATES = {0: "uninitialized", 1: "initialized", 2: "frozen"}


def parse_token_data(
    owner: Pubkey, data: bytes, decimals_of: Callable[[Pubkey], int | None]
) -> dict[str, Any] | None:
    """Return Agave's jsonParsed form of a token account or mint, or None if unparsable.

    Token-2022 extensions are not decoded: such accounts fall back to base64, as
    Agave does for any account its parsers cannot read.
    """
    program = TOKEN_PROGRAMS.get(owner)
    if program is None:
        return None
    if len(data) == TOKEN_ACCOUNT_LEN:
        account = unpack_token_account(data)
        decimals = decimals_of(account.mint)
        if decimals is None or account.state == 0:
            return None
        info: dict[str, Any] = {
            "isNative": account.native_reserve is not None,
            "mint": str(account.mint),
            "owner": str(account.owner),
            "state": _TOKEN_STATES.get(account.state, "uninitialized"),
            "tokenAmount": token_amount(account.amount, decimals),
        }
        if account.delegate is not None:
            info["delegate"] = str(account.delegate)
            info["delegatedAmount"] = token_amount(account.delegated_amount, decimals)
        if account.native_reserve is not None:
            info["rentExemptReserve"] = token_amount(account.native_reserve, decimals)
        if account.close_authority is not None:
            info["closeAuthority"] = str(account.close_authority)
        parsed = {"info": info, "type": "account"}
    elif len(data) == MINT_LEN:
        mint = unpack_mint(data)
        if not mint.is_initialized:
            return None
        parsed = {
            "info": {
                "decimals": mint.decimals,
                "freezeAuthority": _opt_str(mint.freeze_authority),
                "isInitialized": True,
                "mintAuthority": _opt_str(mint.mint_authority),
                "supply": str(mint.supply),
            },
            "type": "mint",
        }
    else:
        return None
    return {"program": program, "parsed": parsed, "space": len(data)}


def _opt_str(key: Pubkey | None) -> str | None:
    return None if key is None else str(key)


@dataclass(frozen=True, slots=True)
class AccountEncoding:
    """How a request asked for account data: encoding name and optional slice."""

    encoding: str = "binary"
    data_slice: tuple[int, int] | None = None

    @staticmethod
    def from_config(config: dict[str, Any], default: str = "binary") -> AccountEncoding:
        """Read ``encoding`` and ``dataSlice`` from a request config object."""
        encoding = config.get("encoding") or default
        if encoding not in ACCOUNT_ENCODINGS:
            expected = ", ".join(f"`{e}`" for e in ACCOUNT_ENCODINGS)
            raise invalid_params(f"unknown variant `{encoding}`, expected one of {expected}")
        raw_slice = config.get("dataSlice")
        data_slice = None
        if raw_slice is not None:
            try:
                data_slice = (int(raw_slice["offset"]), int(raw_slice["length"]))
            except (KeyError, TypeError, ValueError):
                raise invalid_params("dataSlice needs integer offset and length") from None
        return AccountEncoding(encoding, data_slice)


def encode_account(
    account: Account,
    encoding: AccountEncoding,
    decimals_of: Callable[[Pubkey], int | None],
    *,
    check_size: bool = True,
) -> dict[str, Any]:
    """Return the UiAccount JSON object for ``account``.

    ``check_size`` refuses base58 above 128 bytes, as Agave's RPC methods do (its
    PubSub notifications don't check).

    base64+zstd is answered as plain base64 labelled "base64": no zstd library is
    at hand, and every client decodes by the label it receives.
    """
    raw = bytes(account.data)
    enc = encoding.encoding
    data: Any = None
    if enc == "jsonParsed":
        data = parse_token_data(account.owner, raw, decimals_of)
        if data is None:
            enc = "base64"
    if data is None:
        if encoding.data_slice is not None:
            offset, length = encoding.data_slice
            raw = raw[offset : offset + length]
        if enc in ("binary", "base58"):
            if check_size and len(raw) > MAX_BASE58_BYTES:
                raise RpcError(
                    INVALID_REQUEST,
                    "Encoded binary (base 58) data should be less than 128 bytes, "
                    "please use Base64 encoding.",
                )
            data = b58encode(raw) if enc == "binary" else [b58encode(raw), "base58"]
        else:
            data = [b64encode(raw), "base64"]
    return {
        "data": data,
        "executable": account.executable,
        "lamports": account.lamports,
        "owner": str(account.owner),
        "rentEpoch": account.rent_epoch,
        "space": len(account.data),
    }


@dataclass(frozen=True, slots=True)
class Memcmp:
    """A memcmp filter: account data at ``offset`` starts with ``expected``."""

    offset: int
    expected: bytes


@dataclass(frozen=True, slots=True)
class DataSize:
    """A dataSize filter: account data is exactly ``size`` bytes."""

    size: int


@dataclass(frozen=True, slots=True)
class TokenAccountStateFilter:
    """The tokenAccountState filter: a valid, initialized SPL token account."""


Filter = Memcmp | DataSize | TokenAccountStateFilter
MAX_FILTERS = 4


def parse_filters(raw: Any) -> list[Filter]:
    """Parse getProgramAccounts/programSubscribe ``filters`` (all three memcmp encodings)."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise invalid_params("filters must be an array")
    if len(raw) > MAX_FILTERS:
        raise invalid_param(f"Too many filters provided; max {MAX_FILTERS}")
    filters: list[Filter] = []
    for item in raw:
        if not isinstance(item, dict) or len(item) != 1:
            raise invalid_params("a filter is one of dataSize, memcmp, tokenAccountState")
        if "dataSize" in item:
            size = item["dataSize"]
            if not isinstance(size, int) or size < 0:
                raise invalid_params("dataSize must be an unsigned integer")
            filters.append(DataSize(size))
        elif "memcmp" in item:
            filters.append(_parse_memcmp(item["memcmp"]))
        elif "tokenAccountState" in item:
            filters.append(TokenAccountStateFilter())
        else:
            raise invalid_params(f"unknown filter {next(iter(item))!r}")
    return filters


def _parse_memcmp(spec: Any) -> Memcmp:
    if not isinstance(spec, dict) or not isinstance(spec.get("offset"), int):
        raise invalid_params("memcmp needs an integer offset and bytes")
    encoding = spec.get("encoding") or "base58"
    value = spec.get("bytes")
    try:
        if encoding == "bytes":
            if not isinstance(value, list):
                raise ValueError("bytes must be an array of integers")
            expected = bytes(value)
        elif encoding == "base58":
            if not isinstance(value, str):
                raise ValueError("bytes must be a base58 string")
            expected = b58decode(value)
        elif encoding == "base64":
            if not isinstance(value, str):
                raise ValueError("bytes must be a base64 string")
            expected = b64decode(value)
        else:
            raise ValueError(f"unknown memcmp encoding {encoding!r}")
    except ValueError as exc:
        raise invalid_param(f"invalid memcmp filter: {exc}") from None
    if len(expected) > MAX_BASE58_BYTES:
        raise invalid_param("memcmp bytes exceed 128 bytes")
    return Memcmp(int(spec["offset"]), expected)


def filters_match(filters: Sequence[Filter], owner: Pubkey, data: bytes) -> bool:
    """Tell whether the account data passes every filter."""
    for f in filters:
        if isinstance(f, DataSize):
            if len(data) != f.size:
                return False
        elif isinstance(f, Memcmp):
            if data[f.offset : f.offset + len(f.expected)] != f.expected:
                return False
        elif not is_token_account(owner, data) or data[108] == 0:
            return False
    return True
