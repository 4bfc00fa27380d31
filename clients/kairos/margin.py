"""``client.margin``: margin accounts: create, close, deposit, withdraw, settle, health."""

from __future__ import annotations

from solders.instruction import Instruction

from kairos import errors
from kairos import instructions as ix
from kairos.accounts import MarginAccount
from kairos.core import Namespace
from kairos.events import HealthComputed
from kairos.params import (
    CloseMarginAccountParams,
    ComputeHealthParams,
    CreateMarginAccountParams,
    DepositParams,
    HealthGuardParams,
    SettlePnlParams,
    WithdrawParams,
)


class MarginNamespace(Namespace):
    """The wallet's margin accounts and the permissionless health views."""

    async def create(self, params: CreateMarginAccountParams | None = None) -> Instruction:
        """Create the wallet's margin account number ``params.account_index``."""
        params = params or CreateMarginAccountParams()
        return ix.create_margin_account(
            owner=self.authority, account_index=params.account_index, program_id=self.program_id
        )

    async def close(self, params: CloseMarginAccountParams | None = None) -> Instruction:
        """Close an empty margin account (rent to the wallet by default)."""
        params = params or CloseMarginAccountParams()
        return ix.close_margin_account(
            owner=self.authority,
            destination=params.destination or self.authority,
            account_index=params.account_index,
            program_id=self.program_id,
        )

    async def deposit(self, params: DepositParams) -> Instruction:
        """Deposit into the wallet's margin account (from its ATA by default)."""
        return ix.deposit(
            owner=self.authority,
            mint=params.mint,
            amount=params.amount,
            owner_token_account=params.owner_token_account
            or self.client.associated_token_address(params.mint),
            account_index=params.account_index,
            program_id=self.program_id,
        )

    async def withdraw(
        self, params: WithdrawParams, *, margin_account: MarginAccount | None = None
    ) -> Instruction:
        """Withdraw to the wallet's ATA by default.

        The health accounts describe the account after the withdrawal: a holding
        withdrawn in full is no longer listed. ``margin_account`` skips its fetch.
        """
        client = self.client
        margin = margin_account or await client.get_margin_account(params.account_index)
        asset = await client.get_collateral_asset(params.mint)
        position = margin.collateral_position(asset.index)
        emptied = position is not None and params.amount >= position.amount
        return ix.withdraw(
            owner=self.authority,
            mint=params.mint,
            amount=params.amount,
            destination_token_account=params.destination
            or client.associated_token_address(params.mint),
            health_accounts=await client.health_accounts(
                margin, removed_asset_index=asset.index if emptied else None
            ),
            account_index=params.account_index,
            program_id=self.program_id,
        )

    async def settle_pnl(self, params: SettlePnlParams) -> Instruction:
        """Settle a position's PnL (permissionless; the wallet's account by default)."""
        market = await self.client.cached_market(params.market_index)
        return ix.settle_pnl(
            margin_account=params.margin_account
            or self.client.margin_account_address(params.account_index),
            market_index=params.market_index,
            oracle=market.oracle,
            quote_mint=await self.client.quote_mint(),
            program_id=self.program_id,
        )

    async def compute_health(self, params: ComputeHealthParams | None = None) -> Instruction:
        """The compute_health view of a margin account (by index and owner, or address)."""
        params = params or ComputeHealthParams()
        client = self.client
        key = params.address or client.margin_account_address(params.account_index, params.owner)
        margin = await client.get_margin_account_at(key)
        return ix.compute_health(
            margin_account=key,
            health_accounts=await client.health_accounts(margin),
            program_id=self.program_id,
        )

    async def simulate_health(self, params: ComputeHealthParams | None = None) -> HealthComputed:
        """Run the compute_health view in a simulation and return its event."""
        result = await self.client.simulate(self.compute_health(params))
        for event in self.client.events_of_logs(result.logs or []):
            if isinstance(event, HealthComputed):
                return event
        raise errors.TransactionError("compute_health emitted no HealthComputed event")

    async def health_guard(self, params: HealthGuardParams | None = None) -> Instruction:
        """Fail the transaction unless the wallet's account has this initial health."""
        params = params or HealthGuardParams()
        address = self.client.margin_account_address(params.account_index)
        account = await self.client.get_margin_account_at(address)
        return ix.health_guard(
            margin_account=address,
            health_accounts=await self.client.health_accounts(account),
            min_init_health=params.min_init_health,
            program_id=self.program_id,
        )
