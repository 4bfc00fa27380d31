"""``client.risk``: risk parameters (admin, publisher) and per-account risk limits.

Each method builds its instruction (:mod:`kairos.instructions`) for the client's
authority and margin accounts; the math (metrics, pre-send explanation of a refusal)
is :mod:`kairos.risk`.
"""

from __future__ import annotations

from solders.instruction import Instruction

from kairos import instructions as ix
from kairos.constants import QUOTE_ASSET_INDEX
from kairos.core import Namespace
from kairos.params import (
    ComputeRiskParams,
    CreateRiskLimitsParams,
    PublishRiskParams,
    RebalanceCollateralParams,
    ResetHighWaterMarkParams,
    SetRebalancePolicyParams,
    SetRiskFactorsParams,
    SetRiskLimitCapsParams,
    SetRiskLimitsParams,
    SetRiskPublisherParams,
)
from kairos.pda import collateral_asset_address


class RiskNamespace(Namespace):
    """Risk parameters and per-account risk limits."""

    async def initialize_risk_parameters(self) -> Instruction:
        """Admin: create the exchange's RiskParameters."""
        return ix.initialize_risk_parameters(admin=self.authority, program_id=self.program_id)

    async def set_risk_publisher(self, params: SetRiskPublisherParams) -> Instruction:
        """Admin: authorise the risk keeper's key to publish."""
        return self.build(ix.set_risk_publisher, params, admin=self.authority)

    async def set_risk_factors(self, params: SetRiskFactorsParams) -> Instruction:
        """Admin: the factors are the oracles of these PerpMarket / CollateralAsset accounts."""
        return self.build(ix.set_risk_factors, params, admin=self.authority)

    async def set_risk_limit_caps(self, params: SetRiskLimitCapsParams) -> Instruction:
        """Admin: caps (loosest allowed) and defaults of per-account limits."""
        return self.build(ix.set_risk_limit_caps, params, admin=self.authority)

    async def publish_risk_params(self, params: PublishRiskParams) -> Instruction:
        """Admin or publisher: volatilities and correlations."""
        return self.build(ix.publish_risk_params, params, publisher=self.authority)

    async def create_risk_limits(self, params: CreateRiskLimitsParams) -> Instruction:
        """Owner: create the margin account's RiskLimits (enforced from then on)."""
        return ix.create_risk_limits(
            owner=self.authority,
            margin_account=self.client.margin_account_address(params.account_index),
            limits=params.limits,
            delegate=params.delegate,
            program_id=self.program_id,
        )

    async def set_risk_limits(self, params: SetRiskLimitsParams) -> Instruction:
        """Owner or delegate (the authority): new limits; loosening waits the cooldown."""
        return self.build(ix.set_risk_limits, params, authority=self.authority)

    async def reset_high_water_mark(
        self, params: ResetHighWaterMarkParams | None = None
    ) -> Instruction:
        """Owner, after the cooldown: high-water mark := equity."""
        params = params or ResetHighWaterMarkParams()
        key = self.client.margin_account_address(params.account_index)
        margin = await self.client.get_margin_account_at(key)
        return ix.reset_high_water_mark(
            owner=self.authority,
            margin_account=key,
            health_accounts=await self.client.health_accounts(margin),
            program_id=self.program_id,
        )

    async def compute_risk(self, params: ComputeRiskParams | None = None) -> Instruction:
        """The compute_risk view of a margin account (it records checkpoints when sent)."""
        params = params or ComputeRiskParams()
        key = params.address or self.client.margin_account_address(params.account_index)
        margin = await self.client.get_margin_account_at(key)
        return ix.compute_risk(
            margin_account=key,
            health_accounts=await self.client.health_accounts(margin),
            program_id=self.program_id,
        )

    # --- collateral rebalancing ---------------------------------------------------

    async def set_rebalance_policy(self, params: SetRebalancePolicyParams) -> Instruction:
        """Owner: opt margin accounts into a rebalancing policy."""
        return ix.set_rebalance_policy(
            owner=self.authority,
            members=params.members,
            asset_mask=params.asset_mask,
            max_utilization_bps=params.max_utilization_bps,
            delegate=params.delegate,
            program_id=self.program_id,
        )

    async def rebalance_collateral(self, params: RebalanceCollateralParams) -> Instruction:
        """Owner or delegate (the authority): move free collateral between two members.

        The health accounts describe each account after the move (an emptied source slot
        is left out, a new destination slot listed).
        """
        asset = await self.client.get_collateral_asset(params.mint)
        source = await self.client.get_margin_account_at(params.from_margin_account)
        destination = await self.client.get_margin_account_at(params.to_margin_account)
        index = asset.index
        emptied = index != QUOTE_ASSET_INDEX and any(
            p.asset_index == index and p.amount == params.amount for p in source.active_collateral()
        )
        added = index != QUOTE_ASSET_INDEX and destination.collateral_position(index) is None
        return ix.rebalance_collateral(
            authority=self.authority,
            owner=params.owner or source.owner,
            from_margin_account=params.from_margin_account,
            to_margin_account=params.to_margin_account,
            collateral_asset=collateral_asset_address(params.mint, self.program_id),
            amount=params.amount,
            from_health_accounts=await self.client.health_accounts(
                source, removed_asset_index=index if emptied else None
            ),
            to_health_accounts=await self.client.health_accounts(
                destination, new_asset_index=index if added else None
            ),
            program_id=self.program_id,
        )
