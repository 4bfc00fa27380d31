"""Liquidation fixtures: a perp market, a liquidatable long, a well-funded liquidator.

Built on the exchange and perp harnesses (`Kairos.send` asserts the vault
invariant, now including Exchange.insurance_pending, after every step). Units as
in the perp tests: oracle exponent 0, base decimals = quote decimals and
base_lot_size 1, so an oracle price p is p quote native per lot.

The SDK's mirror (kairos.math.health, kairos.math.liquidation) is decoded from the same
accounts, so each test also checks that the program and the SDK agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from kairos import instructions as ix
from kairos.accounts import CollateralAsset, Exchange, MarginAccount, Oracle, PerpMarket
from kairos.math import health as sdk_health
from kairos.math import liquidation as sdk
from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey
from solders.transaction_metadata import TransactionMetadata

from ..conftest import QUOTE_DECIMALS, AssetInfo, Chain, Kairos, Trader
from ..perp.conftest import ASK, BID, MARKET, Market, Perp

ENTRY = 100
LONG_LOTS = 900
LIQEE_DEPOSIT = 10_000
LIQUIDATOR_DEPOSIT = 1_000_000
CRASH_PRICE = 93  # maintenance health of the long falls below 0 here
LIQUIDATION_FEE_BPS = 100
BUFFER_BPS = 5_000
INSURANCE_SHARE_BPS = 2_000


def health_metas(kairos: Kairos, margin: Pubkey) -> list[AccountMeta]:
    return kairos.health_accounts(margin)


@dataclass
class Liquidation:
    """The liquidation instructions on a Perp harness."""

    kairos: Kairos
    perp: Perp

    @property
    def chain(self) -> Chain:
        return self.kairos.chain

    # ---- SDK mirror ----

    def _decode(self, cls: Any, key: Pubkey) -> Any:
        info = self.chain.svm.get_account(key)
        assert info is not None
        return cls.decode(bytes(info.data))

    def exchange(self) -> Exchange:
        return self._decode(Exchange, self.kairos.exchange.address)  # type: ignore[no-any-return]

    def account(self, margin: Pubkey) -> MarginAccount:
        return self._decode(MarginAccount, margin)  # type: ignore[no-any-return]

    def breakdown(self, margin: Pubkey) -> sdk_health.HealthBreakdown:
        assets = {
            i: self._decode(CollateralAsset, a.address) for i, a in self.kairos.assets.items()
        }
        markets = {
            i: self._decode(PerpMarket, m.address) for i, m in self.kairos.perp_markets.items()
        }
        oracles = {
            key: self._decode(Oracle, key)
            for key in [a.oracle.address for a in self.kairos.assets.values() if a.oracle]
            + [m.oracle for m in self.kairos.perp_markets.values()]
        }
        return sdk_health.health_breakdown(
            self.account(margin),
            assets=assets,
            markets=markets,
            oracles=oracles,
            quote_decimals=QUOTE_DECIMALS,
            slot=self.chain.clock().slot,
            unix_timestamp=self.chain.clock().unix_timestamp,
        )

    def shortfall(self, margin: Pubkey) -> int:
        return sdk.shortfall(self.exchange(), self.breakdown(margin))

    # ---- admin ----

    def set_params(
        self,
        *,
        buffer_bps: int = BUFFER_BPS,
        share_bps: int = INSURANCE_SHARE_BPS,
        small: int = 0,
    ) -> TransactionMetadata:
        admin = self.kairos.exchange.admin
        return self.kairos.send(
            [
                ix.set_liquidation_params(
                    admin=admin.pubkey(),
                    small_position_quote=small,
                    liquidation_buffer_bps=buffer_bps,
                    insurance_fee_share_bps=share_bps,
                )
            ],
            [admin],
        )

    def set_fee(self, market: Market, fee_bps: int = LIQUIDATION_FEE_BPS) -> TransactionMetadata:
        admin = self.kairos.exchange.admin
        return self.kairos.send(
            [
                ix.set_perp_liquidation_fee(
                    admin=admin.pubkey(), market_index=market.index, liquidation_fee_bps=fee_bps
                )
            ],
            [admin],
        )

    def set_discount(self, asset: AssetInfo, discount_bps: int) -> TransactionMetadata:
        admin = self.kairos.exchange.admin
        return self.kairos.send(
            [
                ix.set_asset_liquidation_discount(
                    admin=admin.pubkey(), mint=asset.mint, liquidation_discount_bps=discount_bps
                )
            ],
            [admin],
        )

    # ---- builders ----

    def force_cancel_ix(self, margin: Pubkey, market: Market, limit: int = 16) -> Instruction:
        return ix.force_cancel_orders(
            margin_account=margin,
            market_index=market.index,
            orderbook=market.orderbook,
            health_accounts=health_metas(self.kairos, margin),
            limit=limit,
        )

    def liquidator_metas_after_perp(self, liquidator: Trader, market: Market) -> list[AccountMeta]:
        return self.perp.health_accounts_after_order(liquidator.margin, market)

    def liquidate_perp_ix(
        self,
        liqee: Pubkey,
        liquidator: Trader,
        market: Market,
        max_base_lots: int = 2**63,
    ) -> Instruction:
        return ix.liquidate_perp(
            liqee=liqee,
            liquidator=liquidator.margin,
            liquidator_owner=liquidator.owner.pubkey(),
            market_index=market.index,
            oracle=market.oracle.address,
            quote_mint=self.kairos.quote.mint,
            liqee_health_accounts=health_metas(self.kairos, liqee),
            liquidator_health_accounts=self.liquidator_metas_after_perp(liquidator, market),
            max_base_lots=max_base_lots,
        )

    def liquidator_metas_after_collateral(
        self, liquidator: Trader, asset: AssetInfo
    ) -> list[AccountMeta]:
        state = self.kairos.margin(liquidator.margin)
        slots = [s.asset_index if s.active else None for s in state.collateral]
        if asset.index not in slots:
            slots[slots.index(None)] = asset.index
        metas: list[AccountMeta] = [self.kairos.quote_asset_meta()]
        for index in slots:
            if index is None:
                continue
            info = self.kairos.assets[index]
            assert info.oracle is not None
            metas += [
                AccountMeta(info.address, is_signer=False, is_writable=False),
                AccountMeta(info.oracle.address, is_signer=False, is_writable=False),
            ]
        return metas + [
            meta
            for meta in self.kairos.health_accounts(liquidator.margin)
            if self.perp._is_perp(meta)
        ]

    def liquidate_collateral_ix(
        self, liqee: Pubkey, liquidator: Trader, asset: AssetInfo, max_amount: int = 2**63
    ) -> Instruction:
        assert asset.oracle is not None
        return ix.liquidate_collateral(
            liqee=liqee,
            liquidator=liquidator.margin,
            liquidator_owner=liquidator.owner.pubkey(),
            mint=asset.mint,
            oracle=asset.oracle.address,
            quote_mint=self.kairos.quote.mint,
            liqee_health_accounts=health_metas(self.kairos, liqee),
            liquidator_health_accounts=self.liquidator_metas_after_collateral(liquidator, asset),
            max_amount=max_amount,
        )

    def resolve_ix(self, margin: Pubkey, market: Market) -> Instruction:
        return ix.resolve_bankruptcy(
            margin_account=margin, market_index=market.index, quote_mint=self.kairos.quote.mint
        )

    def sweep_ix(self, market: Market, admin: Pubkey | None = None) -> Instruction:
        return ix.sweep_fees_to_insurance(
            admin=admin or self.kairos.exchange.admin.pubkey(),
            market_index=market.index,
            event_queue=market.event_queue,
            quote_mint=self.kairos.quote.mint,
        )

    # ---- scenario ----

    def open_long(
        self, market: Market, lots: int = LONG_LOTS, deposit: int = LIQEE_DEPOSIT
    ) -> tuple[Trader, Trader]:
        """A long taker (the future liquidatee) and its short maker, consumed."""
        maker = self.perp.trader(LIQUIDATOR_DEPOSIT)
        long = self.perp.trader(deposit)
        self.perp.place(maker, market, ASK, ENTRY, lots)
        self.perp.place(long, market, BID, ENTRY, lots, order_type=MARKET)
        self.perp.consume(market)
        return long, maker

    def liquidator(self, deposit: int = LIQUIDATOR_DEPOSIT) -> Trader:
        return self.perp.trader(deposit)

    def positions_in(self, market: Market) -> dict[Pubkey, int]:
        """base_lots of every open position in the market, by margin account."""
        found = {}
        for key in self.kairos.margin_accounts:
            for position in self.kairos.margin(key).perp_positions:
                if position.active and position.market_index == market.index and position.base_lots:
                    found[key] = position.base_lots
        return found

    def position(self, margin: Pubkey, market: Market) -> Any:
        """The margin account's active position in the market."""
        return next(
            p
            for p in self.kairos.margin(margin).perp_positions
            if p.active and p.market_index == market.index
        )


@pytest.fixture()
def perp(kairos: Kairos) -> Perp:
    return Perp(kairos)


@pytest.fixture()
def market(perp: Perp) -> Market:
    created, _ = perp.create_market()
    return created


@pytest.fixture()
def liq(kairos: Kairos, perp: Perp, market: Market) -> Liquidation:
    helper = Liquidation(kairos, perp)
    helper.set_params()
    helper.set_fee(market)
    return helper


__all__ = ["ASK", "BID", "MARKET"]
