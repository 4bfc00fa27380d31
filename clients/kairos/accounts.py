"""Typed Kairos accounts: decoding, encoding and fetching.

The account and struct classes are generated from the IDL (:mod:`kairos.abi.accounts`,
:mod:`kairos.abi.types`) and re-exported here: typed frozen dataclasses listing the IDL
fields in IDL order (minus ``padding``/``reserved``), decoded from account data with the
discriminator and exact size checked. Their hand-written helpers
(``MarginAccount.active_perp_positions()``...) are in :mod:`kairos.abi_ext`.

Fetch helpers work on any solana-py ``AsyncClient``: one account, many accounts in
``getMultipleAccounts`` batches of 100, or every account of a type through
``getProgramAccounts`` filtered by discriminator and exact data size.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

from anchorpy.coder.coder import Coder
from based58 import b58encode
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment
from solana.rpc.types import MemcmpOpts
from solders.pubkey import Pubkey

from kairos.abi.accounts import *  # noqa: F403 - the generated classes are this module's API
from kairos.abi.accounts import ACCOUNT_TYPES as ACCOUNT_TYPES
from kairos.abi.constants import PROGRAM_ID
from kairos.abi.types import *  # noqa: F403
from kairos.abi.types import TYPE_STRUCTS as TYPE_STRUCTS
from kairos.abi_runtime import AbiStruct as AbiStruct
from kairos.abi_runtime import AccountDecodeError as AccountDecodeError
from kairos.abi_runtime import KairosAccount as KairosAccount
from kairos.program import load_idl

_MULTIPLE_ACCOUNTS_LIMIT = 100  # getMultipleAccounts' maximum per request

A = TypeVar("A", bound=KairosAccount)

ACCOUNTS_BY_DISCRIMINATOR: dict[bytes, type[KairosAccount]] = {
    cls.DISCRIMINATOR: cls for cls in ACCOUNT_TYPES
}
"""Account classes by their 8-byte discriminator."""


class AccountNotFoundError(LookupError):
    """An account the caller needs does not exist on the cluster."""


@lru_cache(maxsize=1)
def coder() -> Coder:
    """AnchorPy's coder for the Kairos IDL (for callers that want AnchorPy's containers)."""
    return Coder(load_idl())


def decode_any_account(data: bytes) -> KairosAccount:
    """Decode account data of any Kairos account type (chosen by discriminator)."""
    cls = ACCOUNTS_BY_DISCRIMINATOR.get(bytes(data[:8]))
    if cls is None:
        raise AccountDecodeError("data has no Kairos account discriminator")
    return cls.decode(data)


# --- fetching -----------------------------------------------------------------------


async def fetch_account(
    connection: AsyncClient,
    cls: type[A],
    address: Pubkey,
    *,
    commitment: Commitment | None = None,
) -> A | None:
    """One account decoded as ``cls``, or None if it does not exist.

    Raises :class:`AccountDecodeError` if it exists but is another type.
    """
    response = await connection.get_account_info(address, commitment=commitment)
    if response.value is None:
        return None
    return cls.decode(response.value.data)


async def fetch_accounts(
    connection: AsyncClient,
    cls: type[A],
    addresses: Sequence[Pubkey],
    *,
    commitment: Commitment | None = None,
) -> list[A | None]:
    """Many accounts decoded as ``cls`` (None where missing), in batches of 100.

    The batches run concurrently. Raises :class:`AccountDecodeError` if an existing
    account is another type.
    """
    chunks = [
        list(addresses[i : i + _MULTIPLE_ACCOUNTS_LIMIT])
        for i in range(0, len(addresses), _MULTIPLE_ACCOUNTS_LIMIT)
    ]
    responses = await asyncio.gather(
        *(
            connection.get_multiple_accounts(chunk, commitment=commitment, encoding="base64")
            for chunk in chunks
        )
    )
    result: list[A | None] = []
    for response in responses:
        for account in response.value:
            result.append(None if account is None else cls.decode(account.data))
    return result


def discriminator_filter(cls: type[KairosAccount]) -> MemcmpOpts:
    """The ``memcmp`` filter at offset 0 matching ``cls``'s discriminator."""
    return MemcmpOpts(offset=0, bytes=b58encode(cls.discriminator()).decode("ascii"))


def memcmp_filter(cls: type[KairosAccount], field: str, value: bytes | Pubkey) -> MemcmpOpts:
    """A ``memcmp`` filter on a top-level field (``MarginAccount``, ``"owner"``, key)."""
    raw = bytes(value)
    return MemcmpOpts(offset=cls.field_offset(field), bytes=b58encode(raw).decode("ascii"))


async def fetch_all_accounts(
    connection: AsyncClient,
    cls: type[A],
    *,
    program_id: Pubkey = PROGRAM_ID,
    filters: Sequence[MemcmpOpts] = (),
    commitment: Commitment | None = None,
) -> list[tuple[Pubkey, A]]:
    """Every account of type ``cls`` (``getProgramAccounts`` by discriminator and size).

    ``filters`` adds more ``memcmp`` filters (see :func:`memcmp_filter`).
    """
    response = await connection.get_program_accounts(
        program_id,
        commitment=commitment,
        encoding="base64",
        filters=[cls.size(), discriminator_filter(cls), *filters],
    )
    return [(keyed.pubkey, cls.decode(keyed.account.data)) for keyed in response.value]
