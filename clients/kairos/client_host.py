"""What the KairosClient feature mixins (orders, liquidation) use of their host.

The mixins are written against this protocol rather than KairosClient itself, which
would import them back; KairosClient satisfies it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature

from kairos.accounts import CollateralAsset, Exchange, MarginAccount, PerpMarket

if TYPE_CHECKING:
    from kairos.client import TxParams


class ClientHost(Protocol):
    """The members of :class:`kairos.client.KairosClient` the mixins rely on."""

    program_id: Pubkey
    commitment: Commitment

    @property
    def authority(self) -> Pubkey: ...

    @property
    def connection(self) -> AsyncClient: ...

    def margin_account_address(
        self, account_index: int = 0, owner: Pubkey | None = None
    ) -> Pubkey: ...

    async def get_exchange(self) -> Exchange: ...

    async def get_margin_account(
        self, account_index: int = 0, *, owner: Pubkey | None = None
    ) -> MarginAccount: ...

    async def get_margin_account_at(self, address: Pubkey) -> MarginAccount: ...

    async def get_perp_markets(self) -> dict[int, PerpMarket]: ...

    async def get_perp_market(self, market_index: int) -> PerpMarket: ...

    async def get_collateral_asset(self, mint: Pubkey) -> CollateralAsset: ...

    async def quote_mint(self) -> Pubkey: ...

    async def _static_market(self, market_index: int) -> PerpMarket: ...

    async def health_accounts(
        self,
        margin_account: MarginAccount | None,
        *,
        new_market_index: int | None = None,
        new_asset_index: int | None = None,
        removed_asset_index: int | None = None,
    ) -> list[AccountMeta]: ...

    async def order_health_accounts(
        self, margin_account: MarginAccount, market_index: int
    ) -> list[AccountMeta]: ...

    async def send_ixs(
        self,
        instructions: Sequence[Instruction],
        signers: Sequence[Keypair] = (),
        *,
        tx_params: TxParams | None = None,
    ) -> Signature: ...
