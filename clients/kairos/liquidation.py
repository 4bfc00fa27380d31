"""``client.liquidation``: force-cancel, liquidate, resolve bankruptcy (permissionless).

Each method reads what its instruction needs (the accounts' health accounts, markets,
assets). The program sizes every liquidation itself (:mod:`kairos.math.liquidation`
mirrors it); ``max_*`` only caps it. The admin's liquidation settings are in
``client.admin``; whole-account plans in :mod:`kairos.liquidation_plan`.
"""

from __future__ import annotations

from typing import Any

from solders.instruction import Instruction
from solders.pubkey import Pubkey

from kairos import instructions as ix
from kairos.accounts import AccountNotFoundError, MarginAccount
from kairos.core import Namespace
from kairos.math import liquidation as liq
from kairos.params import (
    ForceCancelOrdersParams,
    LiquidateCollateralParams,
    LiquidatePerpParams,
    ResolveBankruptcyParams,
)


class LiquidationNamespace(Namespace):
    """Liquidation instructions; the wallet's margin account is the liquidator's."""

    async def _own_account(self, account_index: int) -> MarginAccount | None:
        try:
            address = self.client.margin_account_address(account_index)
            return await self.client.get_margin_account_at(address)
        except LookupError:
            return None

    async def force_cancel_orders(self, params: ForceCancelOrdersParams) -> Instruction:
        """Cancel a liquidatable account's orders in one market (or clear its flag)."""
        client = self.client
        account = await client.get_margin_account_at(params.margin_account)
        market = await client.cached_market(params.market_index)
        return ix.force_cancel_orders(
            margin_account=params.margin_account,
            market_index=params.market_index,
            orderbook=market.orderbook,
            health_accounts=await client.health_accounts(account),
            limit=params.limit,
            program_id=self.program_id,
        )

    async def resolve_bankruptcy(self, params: ResolveBankruptcyParams) -> Instruction:
        """Cover a bankrupt account from insurance; socialize the rest on the market.

        Without ``market_index``, the market :func:`kairos.math.liquidation.bankruptcy_market`
        picks (one whose loss put the account in debt, with the most position lots).
        """
        client = self.client
        exchange = await client.get_exchange()
        market_index = params.market_index
        if market_index is None:
            account = await client.get_margin_account_at(params.margin_account)
            market_index = liq.bankruptcy_market(account, await client.get_perp_markets())
            if market_index is None:
                raise AccountNotFoundError("no perp market to socialize the loss on")
        return ix.resolve_bankruptcy(
            margin_account=params.margin_account,
            market_index=market_index,
            quote_mint=exchange.quote_mint,
            program_id=self.program_id,
        )

    async def _liquidator_links(
        self,
        liqee: Pubkey,
        account_index: int,
        *,
        new_market_index: int | None = None,
        new_asset_index: int | None = None,
    ) -> dict[str, Any]:
        # What both liquidations name: the two accounts, their owners' health accounts
        # (the liquidator's with the market or asset it takes over) and the quote mint.
        client = self.client
        liqee_account = await client.get_margin_account_at(liqee)
        own = await self._own_account(account_index)
        return {
            "liqee": liqee,
            "liquidator": client.margin_account_address(account_index),
            "liquidator_owner": self.authority,
            "quote_mint": await client.quote_mint(),
            "liqee_health_accounts": await client.health_accounts(liqee_account),
            "liquidator_health_accounts": await client.health_accounts(
                own, new_market_index=new_market_index, new_asset_index=new_asset_index
            ),
            "program_id": self.program_id,
        }

    async def liquidate_perp(self, params: LiquidatePerpParams) -> Instruction:
        """Take over part of ``liqee``'s position with the wallet's margin account."""
        market = await self.client.cached_market(params.market_index)
        links = await self._liquidator_links(
            params.liqee, params.account_index, new_market_index=params.market_index
        )
        return ix.liquidate_perp(
            market_index=params.market_index,
            oracle=market.oracle,
            max_base_lots=params.max_base_lots,
            **links,
        )

    async def liquidate_collateral(self, params: LiquidateCollateralParams) -> Instruction:
        """Buy part of ``liqee``'s collateral at the discount, for quote."""
        asset = await self.client.get_collateral_asset(params.mint)
        links = await self._liquidator_links(
            params.liqee, params.account_index, new_asset_index=asset.index
        )
        return ix.liquidate_collateral(
            mint=params.mint, oracle=asset.oracle, max_amount=params.max_amount, **links
        )
