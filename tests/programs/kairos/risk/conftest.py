"""Risk-limit fixtures (issue 16): the exchange's RiskParameters, per-account RiskLimits,
and helpers that append the risk accounts to the instructions where risk grows.

Built on the perp harness (tests/programs/kairos/perp/conftest.py): markets, traders
and the vault invariant that `Kairos.send` asserts after every successful step. The
instructions are built with the SDK's builders (kairos.instructions), so these tests
drive the SDK's encoding too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from kairos import instructions as ix
from kairos.accounts import RiskLimits, RiskLimitValues, RiskMetrics, RiskParameters
from kairos.program import PROGRAM_ID
from kairos.risk import decode_metrics, limit_values, risk_limits_address, risk_parameters_address
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.transaction_metadata import TransactionMetadata

from ..conftest import AssetInfo, Kairos, OracleInfo, Trader, collateral_pda, vault_pda
from ..perp.conftest import Market, Perp

DAY = 86_400
IDENTITY = [10_000 if i % 17 == 0 else 0 for i in range(256)]


def limits(**values: int) -> RiskLimitValues:
    """RiskLimitValues with every limit off unless named (cooldown 24 h)."""
    return limit_values(**values)


def matrix_bps(rows: Sequence[Sequence[int]]) -> list[int]:
    """A small correlation matrix (bps) as the 256 row-major entries the program takes."""
    out = [0] * 256
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            out[i * 16 + j] = value
    return out


def asset_on_oracle(
    kairos: Kairos, oracle: OracleInfo, decimals: int = 6, **args: Any
) -> AssetInfo:
    """A new collateral asset priced by an existing oracle (e.g. a perp market's)."""
    mint = kairos.chain.create_mint(decimals)
    kairos.send(
        [kairos.add_collateral_asset_ix(mint, oracle.address, **args)], [kairos.exchange.admin]
    )
    index = kairos.chain.decode(collateral_pda(mint)).index
    asset = AssetInfo(mint, collateral_pda(mint), vault_pda(mint), index, decimals, oracle)
    kairos.assets[index] = asset
    return asset


class Risk:
    """Risk parameters and limits on a Kairos exchange with perp markets."""

    def __init__(self, kairos: Kairos, perp: Perp) -> None:
        self.kairos = kairos
        self.perp = perp
        self.chain = kairos.chain
        self.admin = kairos.exchange.admin
        self.params_address = risk_parameters_address()

    # ---- accounts ----

    def params(self) -> RiskParameters:
        info = self.chain.svm.get_account(self.params_address)
        assert info is not None
        return RiskParameters.decode(bytes(info.data))

    def limits_of(self, trader: Trader) -> RiskLimits:
        info = self.chain.svm.get_account(risk_limits_address(trader.margin))
        assert info is not None
        return RiskLimits.decode(bytes(info.data))

    def tail(self, trader: Trader) -> list[AccountMeta]:
        return ix.risk_tail(trader.margin)

    # ---- admin and publisher ----

    def initialize(self) -> TransactionMetadata:
        return self.kairos.send(
            [ix.initialize_risk_parameters(admin=self.admin.pubkey())], [self.admin]
        )

    def set_factors(self, sources: Sequence[Pubkey]) -> TransactionMetadata:
        return self.kairos.send(
            [ix.set_risk_factors(admin=self.admin.pubkey(), sources=sources)], [self.admin]
        )

    def publish_ix(
        self,
        volatility_ppm: Sequence[int],
        correlation: Sequence[int],
        *,
        publisher: Pubkey | None = None,
        factor_count: int | None = None,
        max_staleness_slots: int = 1_000,
        half_life_seconds: int = 3_600,
    ) -> Instruction:
        vols = list(volatility_ppm) + [0] * (16 - len(volatility_ppm))
        return ix.publish_risk_params(
            publisher=publisher or self.admin.pubkey(),
            volatility_ppm=vols,
            correlation_bps=correlation,
            max_staleness_slots=max_staleness_slots,
            half_life_seconds=half_life_seconds,
            factor_count=len(volatility_ppm) if factor_count is None else factor_count,
        )

    def publish(
        self,
        volatility_ppm: Sequence[int],
        correlation: Sequence[int] | None = None,
        signer: Keypair | None = None,
        **kwargs: Any,
    ) -> TransactionMetadata:
        correlation = IDENTITY if correlation is None else correlation
        if correlation is IDENTITY:
            n = len(volatility_ppm)
            correlation = [v if (i // 16 < n and i % 16 < n) else 0 for i, v in enumerate(IDENTITY)]
        signer = signer or self.admin
        return self.kairos.send(
            [self.publish_ix(volatility_ppm, correlation, publisher=signer.pubkey(), **kwargs)],
            [signer],
        )

    def set_caps(self, caps: RiskLimitValues, defaults: RiskLimitValues) -> TransactionMetadata:
        return self.kairos.send(
            [ix.set_risk_limit_caps(admin=self.admin.pubkey(), caps=caps, defaults=defaults)],
            [self.admin],
        )

    # ---- per account ----

    def create_limits_ix(
        self, trader: Trader, values: RiskLimitValues, delegate: Pubkey | None = None
    ) -> Instruction:
        return ix.create_risk_limits(
            owner=trader.owner.pubkey(),
            margin_account=trader.margin,
            limits=values,
            delegate=delegate,
        )

    def create_limits(
        self, trader: Trader, values: RiskLimitValues, delegate: Pubkey | None = None
    ) -> TransactionMetadata:
        return self.kairos.send([self.create_limits_ix(trader, values, delegate)], [trader.owner])

    def set_limits_ix(
        self,
        trader: Trader,
        values: RiskLimitValues,
        authority: Pubkey | None = None,
        delegate: Pubkey | None = None,
    ) -> Instruction:
        return ix.set_risk_limits(
            authority=authority or trader.owner.pubkey(),
            margin_account=trader.margin,
            limits=values,
            delegate=delegate,
        )

    def compute_risk_ix(self, trader: Trader) -> Instruction:
        return ix.compute_risk(
            margin_account=trader.margin,
            health_accounts=self.kairos.health_accounts(trader.margin),
        )

    def compute_risk(self, trader: Trader) -> tuple[RiskMetrics, TransactionMetadata]:
        meta = self.kairos.send([self.compute_risk_ix(trader)], [self.chain.payer])
        return_data = meta.return_data()
        assert return_data is not None and return_data.program_id == PROGRAM_ID
        return decode_metrics(bytes(return_data.data)), meta

    # ---- orders with the risk tail ----

    def order_ix(
        self, trader: Trader, market: Market, side: int, price: int, lots: int, **kwargs: Any
    ) -> Instruction:
        health = self.perp.health_accounts_after_order(trader.margin, market)
        return self.perp.place_order_ix(
            trader,
            market,
            side,
            price,
            lots,
            health_accounts=[*health, *self.tail(trader)],
            **kwargs,
        )


@pytest.fixture
def risk(kairos: Kairos, perp: Perp) -> Risk:
    helper = Risk(kairos, perp)
    helper.initialize()
    return helper


@pytest.fixture()
def perp(kairos: Kairos) -> Perp:
    return Perp(kairos)


@pytest.fixture()
def market(perp: Perp) -> Market:
    created, _ = perp.create_market()
    return created


def sdk_state(risk: Risk, trader: Trader) -> dict[str, Any]:
    """The decoded accounts kairos.risk needs for `trader` (what a client would fetch)."""
    from kairos.accounts import CollateralAsset, MarginAccount, Oracle, PerpMarket

    chain = risk.chain
    kairos = risk.kairos

    def load(cls: Any, key: Pubkey) -> Any:
        info = chain.svm.get_account(key)
        assert info is not None
        return cls.decode(bytes(info.data))

    assets = {i: load(CollateralAsset, a.address) for i, a in kairos.assets.items()}
    markets = {i: load(PerpMarket, m.address) for i, m in kairos.perp_markets.items()}
    oracles = {m.oracle: load(Oracle, m.oracle) for m in markets.values()}
    for asset in assets.values():
        if asset.index != 0:
            oracles[asset.oracle] = load(Oracle, asset.oracle)
    clock = chain.clock()
    return {
        "margin": load(MarginAccount, trader.margin),
        "assets": assets,
        "markets": markets,
        "oracles": oracles,
        "slot": clock.slot,
        "unix_timestamp": clock.unix_timestamp,
        "limits": load(RiskLimits, risk_limits_address(trader.margin)),
        "params": load(RiskParameters, risk.params_address),
    }
