"""Funding a wallet on a localnet: SOL from the validator's faucet, test tokens from the preset.

A localnet (an RPC URL on a loopback address) airdrops SOL on request. On a
ready-to-trade localnet (:mod:`kairos_localnet.preset`) the test tokens' mint
authority is a public key, so anyone can mint them: :func:`mint_test_tokens`
refuses any other mint. Nothing here runs on a remote cluster unless asked
explicitly (``airdrop`` also works on devnet).
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from kairos.accounts import AccountNotFoundError
from kairos.errors import KairosError
from kairos_localnet.preset import PRESET_AUTHORITY, preset_symbol
from solders.pubkey import Pubkey
from spl.token._layouts import MINT_LAYOUT

if TYPE_CHECKING:
    from kairos.client import KairosClient

LAMPORTS_PER_SOL = 1_000_000_000
AUTO_AIRDROP_SOL = 10
"""SOL a localnet wallet receives when a command finds it without any."""


def is_local_url(rpc_url: str) -> bool:
    """Whether ``rpc_url`` points at this machine (a localnet)."""
    host = urlparse(rpc_url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def sol_balance(client: KairosClient, owner: Pubkey | None = None) -> int:
    """Lamports held by ``owner`` (default: the wallet)."""
    response = await client.connection.get_balance(owner or client.authority, client.commitment)
    return int(response.value)


async def mint_authority(client: KairosClient, mint: Pubkey) -> Pubkey | None:
    """The mint authority of an SPL mint (None if it has none)."""
    info = (await client.connection.get_account_info(mint, client.commitment)).value
    if info is None:
        raise AccountNotFoundError(f"mint {mint} does not exist on this cluster")
    try:
        decoded = MINT_LAYOUT.parse(bytes(info.data))
    except Exception as exc:  # construct raises its own error family
        raise KairosError(f"{mint} is not an SPL token mint") from exc
    if not decoded.mint_authority_option:
        return None
    return Pubkey(bytes(decoded.mint_authority))


async def token_balance(client: KairosClient, mint: Pubkey, owner: Pubkey | None = None) -> int:
    """Native units of ``mint`` in the owner's associated token account (0 if none)."""
    address = client.associated_token_address(mint, owner)
    info = (await client.connection.get_account_info(address, client.commitment)).value
    return 0 if info is None else await client.get_token_balance(address)


async def mint_test_tokens(client: KairosClient, mint: Pubkey, amount: int) -> Pubkey:
    """Mint ``amount`` native units of a preset test token to the wallet's token account.

    Refuses (KairosError, nothing sent) a mint whose authority is not the preset's.
    Returns the token account credited.
    """
    if await mint_authority(client, mint) != PRESET_AUTHORITY.pubkey():
        raise KairosError(
            f"{mint} is not a test token of a ready-to-trade localnet (its mint authority is "
            "not the preset's), so it cannot be minted here"
        )
    destination = await client.tokens.create_associated_token_account(mint)
    await client.tokens.mint_to(mint, destination, amount, mint_authority=PRESET_AUTHORITY)
    return destination


def token_label(mint: Pubkey) -> str:
    """A preset symbol, or the mint's address."""
    return preset_symbol(mint) or str(mint)
