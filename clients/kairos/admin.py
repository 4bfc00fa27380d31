"""``client.admin`` and ``client.oracles``: exchange set-up, admin settings, price feeds.

Every admin instruction is signed by the wallet as the exchange's admin. The perp
market's order book and event queue are too large for the program to allocate by CPI,
so :meth:`AdminNamespace.create_perp_market` creates them with the system program in the
same transaction (a :class:`~kairos.core.Bundle` with their keypairs as signers).
"""

from __future__ import annotations

import dataclasses

from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import CreateAccountParams, create_account

from kairos import instructions as ix
from kairos.accounts import EventQueue, Orderbook
from kairos.core import Bundle, Namespace, fields
from kairos.params import (
    AddCollateralAssetParams,
    CreateOracleParams,
    InitializeExchangeParams,
    PerpMarketParams,
    SetAssetLiquidationDiscountParams,
    SetAssetRiskParams,
    SetBorrowRateParams,
    SetFundingParams,
    SetInstructionGateParams,
    SetLiquidationParams,
    SetMarketOrderRulesParams,
    SetPerpLiquidationFeeParams,
    SweepFeesToInsuranceParams,
    UpdateOracleParams,
)


@dataclasses.dataclass(frozen=True)
class PerpMarketSetup(Bundle):
    """The instructions and signers that create a market, and the market's accounts."""

    market_index: int = 0
    orderbook: Pubkey = Pubkey.default()
    event_queue: Pubkey = Pubkey.default()

    @property
    def market(self) -> Pubkey:
        """The PerpMarket address."""
        assert self.address is not None
        return self.address


class AdminNamespace(Namespace):
    """The exchange admin's instructions (the wallet is the admin)."""

    async def initialize_exchange(self, params: InitializeExchangeParams) -> Instruction:
        """Create the Exchange with the wallet as admin."""
        return ix.initialize_exchange(
            admin=self.authority,
            quote_mint=params.quote_mint,
            keeper_reward_lamports=params.keeper_reward_lamports,
            program_id=self.program_id,
        )

    async def set_instruction_gate(self, params: SetInstructionGateParams) -> Instruction:
        """Set the instruction gate bitmask."""
        return ix.set_instruction_gate(
            admin=self.authority, gate=params.gate, program_id=self.program_id
        )

    async def set_market_order_rules(self, params: SetMarketOrderRulesParams) -> Instruction:
        """A market's price bands around the oracle and its minimum resting size."""
        return self.build(ix.set_market_order_rules, params, admin=self.authority)

    async def add_collateral_asset(self, params: AddCollateralAssetParams) -> Instruction:
        """List ``params.mint`` as collateral priced by ``params.oracle``."""
        return self.build(ix.add_collateral_asset, params, admin=self.authority)

    async def create_perp_market(self, params: PerpMarketParams) -> PerpMarketSetup:
        """The order book and event queue creations, then create_perp_market.

        The two accounts get new keypairs, their sizes from the IDL and rent-exempt
        lamports, owned by the program. ``params.market_index`` defaults to the
        Exchange's market count.
        """
        client = self.client
        market_index = params.market_index
        if market_index is None:
            market_index = (await client.get_exchange()).perp_market_count
        orderbook, event_queue = Keypair(), Keypair()
        creations = [
            await self._create_program_account(orderbook.pubkey(), Orderbook.size()),
            await self._create_program_account(event_queue.pubkey(), EventQueue.size()),
        ]
        market_fields = fields(params)
        del market_fields["market_index"]
        market_ix = ix.create_perp_market(
            admin=self.authority,
            market_index=market_index,
            orderbook=orderbook.pubkey(),
            event_queue=event_queue.pubkey(),
            **market_fields,
            program_id=self.program_id,
        )
        return PerpMarketSetup(
            instructions=(*creations, market_ix),
            signers=(orderbook, event_queue),
            address=client.perp_market_address(market_index),
            market_index=market_index,
            orderbook=orderbook.pubkey(),
            event_queue=event_queue.pubkey(),
        )

    async def _create_program_account(self, address: Pubkey, space: int) -> Instruction:
        rent = await self.client.connection.get_minimum_balance_for_rent_exemption(space)
        return create_account(
            CreateAccountParams(
                from_pubkey=self.authority,
                to_pubkey=address,
                lamports=rent.value,
                space=space,
                owner=self.program_id,
            )
        )

    async def set_borrow_rate_params(self, params: SetBorrowRateParams) -> Instruction:
        """The quote borrow rate curve (yearly bps)."""
        quote_mint = await self.client.quote_mint()
        return self.build(
            ix.set_borrow_rate_params, params, admin=self.authority, quote_mint=quote_mint
        )

    async def set_funding_params(self, params: SetFundingParams) -> Instruction:
        """A market's funding period, rate clamp, mark band, pause and crank reward."""
        return self.build(ix.set_funding_params, params, admin=self.authority)

    async def set_liquidation_params(self, params: SetLiquidationParams) -> Instruction:
        """Liquidation buffer, insurance fee share and small-position size."""
        return self.build(ix.set_liquidation_params, params, admin=self.authority)

    async def set_perp_liquidation_fee(self, params: SetPerpLiquidationFeeParams) -> Instruction:
        """A market's liquidation fee."""
        return self.build(ix.set_perp_liquidation_fee, params, admin=self.authority)

    async def set_asset_liquidation_discount(
        self, params: SetAssetLiquidationDiscountParams
    ) -> Instruction:
        """An asset's liquidation discount."""
        return self.build(ix.set_asset_liquidation_discount, params, admin=self.authority)

    async def set_asset_risk_params(self, params: SetAssetRiskParams) -> Instruction:
        """An asset's deposit-scaled initial weight and concentration limit."""
        return self.build(ix.set_asset_risk_params, params, admin=self.authority)

    async def sweep_fees_to_insurance(self, params: SweepFeesToInsuranceParams) -> Instruction:
        """A market's fees and the pending insurance share → the insurance vault."""
        exchange = await self.client.get_exchange()
        market = await self.client.get_perp_market(params.market_index)
        return ix.sweep_fees_to_insurance(
            admin=self.authority,
            market_index=params.market_index,
            event_queue=market.event_queue,
            quote_mint=exchange.quote_mint,
            program_id=self.program_id,
        )


class OraclesNamespace(Namespace):
    """Price feeds the wallet publishes (``client.oracles``)."""

    async def create(self, params: CreateOracleParams) -> Instruction:
        """Create an oracle at ``client.oracle_address(params.seed)``."""
        return self.build(ix.create_oracle, params, authority=self.authority)

    async def update(self, params: UpdateOracleParams) -> Instruction:
        """Publish a price."""
        return self.build(ix.update_oracle, params, authority=self.authority)
