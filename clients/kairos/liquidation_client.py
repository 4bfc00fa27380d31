"""Liquidation methods of :class:`kairos.client.KairosClient` (issue 5).

Each instruction has a ``get_<name>_ix`` builder that reads what it needs (the
accounts' health accounts, markets, assets) and an async sender ``<name>``.
The program sizes every liquidation itself; ``max_*`` only caps it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from solders.instruction import Instruction
from solders.pubkey import Pubkey
from solders.signature import Signature

from kairos import instructions as ix
from kairos import liquidation as liq
from kairos.accounts import AccountNotFoundError, MarginAccount
from kairos.client_host import ClientHost

if TYPE_CHECKING:
    from kairos.client import TxParams
NO_LIMIT = 2**63 - 1
"""``max_*`` that lets the program take what it computes."""


_Client = ClientHost


async def _own_account(client: _Client, account_index: int) -> MarginAccount | None:
    try:
        return await client.get_margin_account_at(client.margin_account_address(account_index))
    except LookupError:
        return None


class LiquidationMixin:
    """Liquidation, insurance and health-guard methods."""

    # --- admin ----------------------------------------------------------------------

    async def get_set_liquidation_params_ix(
        self: _Client,
        small_position_quote: int,
        liquidation_buffer_bps: int,
        insurance_fee_share_bps: int,
    ) -> Instruction:
        """Admin: buffer (bps of the maintenance requirement), insurance share, small size."""
        return ix.set_liquidation_params(
            admin=self.authority,
            small_position_quote=small_position_quote,
            liquidation_buffer_bps=liquidation_buffer_bps,
            insurance_fee_share_bps=insurance_fee_share_bps,
            program_id=self.program_id,
        )

    async def set_liquidation_params(
        self: _Client,
        small_position_quote: int,
        liquidation_buffer_bps: int,
        insurance_fee_share_bps: int,
        *,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_set_liquidation_params_ix`."""
        instruction = await LiquidationMixin.get_set_liquidation_params_ix(
            self, small_position_quote, liquidation_buffer_bps, insurance_fee_share_bps
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_set_perp_liquidation_fee_ix(
        self: _Client, market_index: int, liquidation_fee_bps: int
    ) -> Instruction:
        """Admin: a market's liquidation fee (below its maintenance margin)."""
        return ix.set_perp_liquidation_fee(
            admin=self.authority,
            market_index=market_index,
            liquidation_fee_bps=liquidation_fee_bps,
            program_id=self.program_id,
        )

    async def set_perp_liquidation_fee(
        self: _Client,
        market_index: int,
        liquidation_fee_bps: int,
        *,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_set_perp_liquidation_fee_ix`."""
        instruction = await LiquidationMixin.get_set_perp_liquidation_fee_ix(
            self, market_index, liquidation_fee_bps
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_set_asset_liquidation_discount_ix(
        self: _Client, mint: Pubkey, liquidation_discount_bps: int
    ) -> Instruction:
        """Admin: an asset's liquidation discount (below 1 − maintenance weight)."""
        return ix.set_asset_liquidation_discount(
            admin=self.authority,
            mint=mint,
            liquidation_discount_bps=liquidation_discount_bps,
            program_id=self.program_id,
        )

    async def set_asset_liquidation_discount(
        self: _Client,
        mint: Pubkey,
        liquidation_discount_bps: int,
        *,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_set_asset_liquidation_discount_ix`."""
        instruction = await LiquidationMixin.get_set_asset_liquidation_discount_ix(
            self, mint, liquidation_discount_bps
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_set_asset_risk_params_ix(
        self: _Client, mint: Pubkey, init_weight_scale_threshold: int, concentration_limit_bps: int
    ) -> Instruction:
        """Admin: deposit-scaled initial weight and concentration limit (0: off)."""
        return ix.set_asset_risk_params(
            admin=self.authority,
            mint=mint,
            init_weight_scale_threshold=init_weight_scale_threshold,
            concentration_limit_bps=concentration_limit_bps,
            program_id=self.program_id,
        )

    async def set_asset_risk_params(
        self: _Client,
        mint: Pubkey,
        init_weight_scale_threshold: int,
        concentration_limit_bps: int,
        *,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_set_asset_risk_params_ix`."""
        instruction = await LiquidationMixin.get_set_asset_risk_params_ix(
            self, mint, init_weight_scale_threshold, concentration_limit_bps
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_sweep_fees_to_insurance_ix(self: _Client, market_index: int) -> Instruction:
        """Admin: a market's fees and the pending insurance share → insurance vault."""
        exchange = await self.get_exchange()
        market = await self.get_perp_market(market_index)
        return ix.sweep_fees_to_insurance(
            admin=self.authority,
            market_index=market_index,
            event_queue=market.event_queue,
            quote_mint=exchange.quote_mint,
            program_id=self.program_id,
        )

    async def sweep_fees_to_insurance(
        self: _Client, market_index: int, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_sweep_fees_to_insurance_ix`."""
        instruction = await LiquidationMixin.get_sweep_fees_to_insurance_ix(self, market_index)
        return await self.send_ixs([instruction], tx_params=tx_params)

    # --- permissionless -----------------------------------------------------------------

    async def get_force_cancel_orders_ix(
        self: _Client, margin_account: Pubkey, market_index: int, limit: int = 16
    ) -> Instruction:
        """Cancel a liquidatable account's orders in one market (or clear its flag)."""
        account = await self.get_margin_account_at(margin_account)
        market = await self._static_market(market_index)
        return ix.force_cancel_orders(
            margin_account=margin_account,
            market_index=market_index,
            orderbook=market.orderbook,
            health_accounts=await self.health_accounts(account),
            limit=limit,
            program_id=self.program_id,
        )

    async def force_cancel_orders(
        self: _Client,
        margin_account: Pubkey,
        market_index: int,
        limit: int = 16,
        *,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_force_cancel_orders_ix`."""
        instruction = await LiquidationMixin.get_force_cancel_orders_ix(
            self, margin_account, market_index, limit
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_resolve_bankruptcy_ix(
        self: _Client, margin_account: Pubkey, market_index: int | None = None
    ) -> Instruction:
        """Cover a bankrupt account from insurance; socialize the rest on the market.

        Without ``market_index``, the market :func:`kairos.liquidation.bankruptcy_market`
        picks (one whose loss put the account in debt, with the most position lots).
        """
        exchange = await self.get_exchange()
        if market_index is None:
            account = await self.get_margin_account_at(margin_account)
            market_index = liq.bankruptcy_market(account, await self.get_perp_markets())
            if market_index is None:
                raise AccountNotFoundError("no perp market to socialize the loss on")
        return ix.resolve_bankruptcy(
            margin_account=margin_account,
            market_index=market_index,
            quote_mint=exchange.quote_mint,
            program_id=self.program_id,
        )

    async def resolve_bankruptcy(
        self: _Client,
        margin_account: Pubkey,
        market_index: int | None = None,
        *,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_resolve_bankruptcy_ix`."""
        instruction = await LiquidationMixin.get_resolve_bankruptcy_ix(
            self, margin_account, market_index
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_health_guard_ix(
        self: _Client, min_init_health: int = 0, *, account_index: int = 0
    ) -> Instruction:
        """Fail the transaction unless the wallet's account has this initial health."""
        address = self.margin_account_address(account_index)
        account = await self.get_margin_account_at(address)
        return ix.health_guard(
            margin_account=address,
            health_accounts=await self.health_accounts(account),
            min_init_health=min_init_health,
            program_id=self.program_id,
        )

    async def health_guard(
        self: _Client,
        min_init_health: int = 0,
        *,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_health_guard_ix` (alone it only checks)."""
        instruction = await LiquidationMixin.get_health_guard_ix(
            self, min_init_health, account_index=account_index
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    # --- liquidator -----------------------------------------------------------------------

    async def get_liquidate_perp_ix(
        self: _Client,
        liqee: Pubkey,
        market_index: int,
        max_base_lots: int = NO_LIMIT,
        *,
        account_index: int = 0,
    ) -> Instruction:
        """Take over part of ``liqee``'s position with the wallet's margin account."""
        liqee_account = await self.get_margin_account_at(liqee)
        market = await self._static_market(market_index)
        own = await _own_account(self, account_index)
        return ix.liquidate_perp(
            liqee=liqee,
            liquidator=self.margin_account_address(account_index),
            liquidator_owner=self.authority,
            market_index=market_index,
            oracle=market.oracle,
            quote_mint=await self.quote_mint(),
            liqee_health_accounts=await self.health_accounts(liqee_account),
            liquidator_health_accounts=await self.health_accounts(
                own, new_market_index=market_index
            ),
            max_base_lots=max_base_lots,
            program_id=self.program_id,
        )

    async def liquidate_perp(
        self: _Client,
        liqee: Pubkey,
        market_index: int,
        max_base_lots: int = NO_LIMIT,
        *,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_liquidate_perp_ix`."""
        instruction = await LiquidationMixin.get_liquidate_perp_ix(
            self, liqee, market_index, max_base_lots, account_index=account_index
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_liquidate_collateral_ix(
        self: _Client,
        liqee: Pubkey,
        mint: Pubkey,
        max_amount: int = NO_LIMIT,
        *,
        account_index: int = 0,
    ) -> Instruction:
        """Buy part of ``liqee``'s collateral at the discount, for quote."""
        liqee_account = await self.get_margin_account_at(liqee)
        asset = await self.get_collateral_asset(mint)
        own = await _own_account(self, account_index)
        return ix.liquidate_collateral(
            liqee=liqee,
            liquidator=self.margin_account_address(account_index),
            liquidator_owner=self.authority,
            mint=mint,
            oracle=asset.oracle,
            quote_mint=await self.quote_mint(),
            liqee_health_accounts=await self.health_accounts(liqee_account),
            liquidator_health_accounts=await self.health_accounts(
                own, new_asset_index=asset.index
            ),
            max_amount=max_amount,
            program_id=self.program_id,
        )

    async def liquidate_collateral(
        self: _Client,
        liqee: Pubkey,
        mint: Pubkey,
        max_amount: int = NO_LIMIT,
        *,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_liquidate_collateral_ix`."""
        instruction = await LiquidationMixin.get_liquidate_collateral_ix(
            self, liqee, mint, max_amount, account_index=account_index
        )
        return await self.send_ixs([instruction], tx_params=tx_params)
