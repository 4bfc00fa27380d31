"""Risk-limit methods of :class:`kairos.client.KairosClient` (issue 16).

Thin: each ``get_<instruction>_ix`` builds the instruction (:mod:`kairos.instructions`)
for the client's authority and margin accounts, and ``<instruction>`` sends it. The
math (metrics, pre-send explanation of a refusal) is :mod:`kairos.risk`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from solders.pubkey import Pubkey
from solders.signature import Signature

from kairos import instructions as ix
from kairos.accounts import RiskLimitValues
from kairos.client_host import ClientHost

if TYPE_CHECKING:
    from solders.instruction import Instruction

    from kairos.client import TxParams

_Client = ClientHost


class RiskMixin:
    """Risk parameters (admin, publisher) and per-account risk limits."""

    async def get_initialize_risk_parameters_ix(self: _Client) -> Instruction:
        """Admin: create the exchange's RiskParameters."""
        return ix.initialize_risk_parameters(admin=self.authority, program_id=self.program_id)

    async def initialize_risk_parameters(
        self: _Client, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_initialize_risk_parameters_ix`."""
        instruction = await RiskMixin.get_initialize_risk_parameters_ix(self)
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_set_risk_publisher_ix(self: _Client, publisher: Pubkey) -> Instruction:
        """Admin: authorise the risk keeper's key to publish."""
        return ix.set_risk_publisher(
            admin=self.authority, publisher=publisher, program_id=self.program_id
        )

    async def set_risk_publisher(
        self: _Client, publisher: Pubkey, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_set_risk_publisher_ix`."""
        instruction = await RiskMixin.get_set_risk_publisher_ix(self, publisher)
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_set_risk_factors_ix(self: _Client, sources: Sequence[Pubkey]) -> Instruction:
        """Admin: the factors are the oracles of these PerpMarket / CollateralAsset accounts."""
        return ix.set_risk_factors(
            admin=self.authority, sources=sources, program_id=self.program_id
        )

    async def set_risk_factors(
        self: _Client, sources: Sequence[Pubkey], *, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_set_risk_factors_ix`."""
        instruction = await RiskMixin.get_set_risk_factors_ix(self, sources)
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_set_risk_limit_caps_ix(
        self: _Client, caps: RiskLimitValues, defaults: RiskLimitValues
    ) -> Instruction:
        """Admin: caps (loosest allowed) and defaults of per-account limits."""
        return ix.set_risk_limit_caps(
            admin=self.authority, caps=caps, defaults=defaults, program_id=self.program_id
        )

    async def set_risk_limit_caps(
        self: _Client,
        caps: RiskLimitValues,
        defaults: RiskLimitValues,
        *,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_set_risk_limit_caps_ix`."""
        instruction = await RiskMixin.get_set_risk_limit_caps_ix(self, caps, defaults)
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_publish_risk_params_ix(
        self: _Client,
        volatility_ppm: Sequence[int],
        correlation_bps: Sequence[int],
        *,
        max_staleness_slots: int,
        half_life_seconds: int,
        factor_count: int,
    ) -> Instruction:
        """Admin or publisher: volatilities and correlations (see :mod:`kairos.risk`)."""
        return ix.publish_risk_params(
            publisher=self.authority,
            volatility_ppm=volatility_ppm,
            correlation_bps=correlation_bps,
            max_staleness_slots=max_staleness_slots,
            half_life_seconds=half_life_seconds,
            factor_count=factor_count,
            program_id=self.program_id,
        )

    async def publish_risk_params(
        self: _Client,
        volatility_ppm: Sequence[int],
        correlation_bps: Sequence[int],
        *,
        max_staleness_slots: int,
        half_life_seconds: int,
        factor_count: int,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_publish_risk_params_ix`."""
        instruction = await RiskMixin.get_publish_risk_params_ix(
            self,
            volatility_ppm,
            correlation_bps,
            max_staleness_slots=max_staleness_slots,
            half_life_seconds=half_life_seconds,
            factor_count=factor_count,
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_create_risk_limits_ix(
        self: _Client,
        limits: RiskLimitValues,
        account_index: int = 0,
        *,
        delegate: Pubkey | None = None,
    ) -> Instruction:
        """Owner: create the margin account's RiskLimits (enforced from then on)."""
        return ix.create_risk_limits(
            owner=self.authority,
            margin_account=self.margin_account_address(account_index),
            limits=limits,
            delegate=delegate,
            program_id=self.program_id,
        )

    async def create_risk_limits(
        self: _Client,
        limits: RiskLimitValues,
        account_index: int = 0,
        *,
        delegate: Pubkey | None = None,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_create_risk_limits_ix`."""
        instruction = await RiskMixin.get_create_risk_limits_ix(
            self, limits, account_index, delegate=delegate
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_set_risk_limits_ix(
        self: _Client,
        limits: RiskLimitValues,
        margin_account: Pubkey,
        *,
        delegate: Pubkey | None = None,
    ) -> Instruction:
        """Owner or delegate (the authority): new limits; loosening waits the cooldown."""
        return ix.set_risk_limits(
            authority=self.authority,
            margin_account=margin_account,
            limits=limits,
            delegate=delegate,
            program_id=self.program_id,
        )

    async def set_risk_limits(
        self: _Client,
        limits: RiskLimitValues,
        margin_account: Pubkey,
        *,
        delegate: Pubkey | None = None,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_set_risk_limits_ix`."""
        instruction = await RiskMixin.get_set_risk_limits_ix(
            self, limits, margin_account, delegate=delegate
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_reset_high_water_mark_ix(self: _Client, account_index: int = 0) -> Instruction:
        """Owner, after the cooldown: high-water mark := equity."""
        key = self.margin_account_address(account_index)
        margin = await self.get_margin_account_at(key)
        return ix.reset_high_water_mark(
            owner=self.authority,
            margin_account=key,
            health_accounts=await self.health_accounts(margin),
            program_id=self.program_id,
        )

    async def reset_high_water_mark(
        self: _Client, account_index: int = 0, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_reset_high_water_mark_ix`."""
        instruction = await RiskMixin.get_reset_high_water_mark_ix(self, account_index)
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_compute_risk_ix(
        self: _Client, account_index: int = 0, *, address: Pubkey | None = None
    ) -> Instruction:
        """The compute_risk view of a margin account with risk limits."""
        key = address or self.margin_account_address(account_index)
        margin = await self.get_margin_account_at(key)
        return ix.compute_risk(
            margin_account=key,
            health_accounts=await self.health_accounts(margin),
            program_id=self.program_id,
        )

    async def compute_risk(
        self: _Client,
        account_index: int = 0,
        *,
        address: Pubkey | None = None,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send compute_risk (it records checkpoints and reduce-only transitions)."""
        instruction = await RiskMixin.get_compute_risk_ix(self, account_index, address=address)
        return await self.send_ixs([instruction], tx_params=tx_params)
