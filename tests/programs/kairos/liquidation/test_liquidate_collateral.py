"""liquidate_collateral: a liquidator buys collateral at a discount for quote,
sized by the program to the buffer; account checks."""

from __future__ import annotations

from kairos import instructions as sdk_ix
from kairos.accounts import CollateralAsset, Oracle
from kairos.math import liquidation as sdk
from kairos.math.health import OraclePrice

from ..conftest import (
    ERR_CONSTRAINT_MUT,
    ERRORS,
    QUOTE_DECIMALS,
    AssetInfo,
    Trader,
    account_index,
    with_meta,
)
from ..perp.conftest import BID, MARKET, Market, events_named
from .conftest import ENTRY, INSURANCE_SHARE_BPS, LIQUIDATOR_DEPOSIT, Liquidation

# Measured 4,849 (benchmarks/compute_units.py).
LIQUIDATE_COLLATERAL_CU_BUDGET = 10_000
DISCOUNT_BPS = 500
ASSET_PRICE = 100  # quote native per asset native unit (exponent 0, same decimals)
ASSET_AMOUNT = 100
LOTS = 600
# A smaller buffer than the perp tests': a collateral sale frees only the haircut.
COLLATERAL_BUFFER_BPS = 500


def index_of(name: str) -> int:
    return account_index("liquidate_collateral", name)


def collateral_long(liq: Liquidation, market: Market) -> tuple[Trader, AssetInfo]:
    """A long backed only by a non-quote asset; a loss settled into a negative
    quote balance, then the asset's price falls."""
    asset = liq.kairos.add_asset(
        decimals=QUOTE_DECIMALS, price=ASSET_PRICE, init_weight_bps=8_000, maint_weight_bps=9_000
    )
    liq.set_discount(asset, DISCOUNT_BPS)
    liq.set_params(buffer_bps=COLLATERAL_BUFFER_BPS)
    maker = liq.perp.trader(LIQUIDATOR_DEPOSIT)
    long = liq.kairos.new_trader()
    liq.kairos.deposit(long, asset, ASSET_AMOUNT)
    liq.perp.place(maker, market, 1, ENTRY, LOTS)
    liq.perp.place(long, market, BID, ENTRY, LOTS, order_type=MARKET)
    liq.perp.consume(market)
    liq.kairos.update_oracle(market.oracle, 90)
    liq.perp.settle(long.margin, market)
    assert liq.kairos.margin(long.margin).quote_balance < 0
    liq.kairos.update_oracle(asset.oracle, 95)  # type: ignore[arg-type]
    assert liq.breakdown(long.margin).maint < 0
    return long, asset


def test_collateral_sold_to_the_buffer(liq: Liquidation, market: Market) -> None:
    long, asset = collateral_long(liq, market)
    liquidator = liq.liquidator()
    before = liq.breakdown(long.margin)
    asset_state = liq._decode(CollateralAsset, asset.address)
    assert asset.oracle is not None
    oracle = liq._decode(Oracle, asset.oracle.address)
    price = OraclePrice(oracle.price, oracle.confidence, oracle.exponent)
    expected = sdk.collateral_liquidation_amount(
        liq.exchange(),
        asset_state,
        price,
        health=before,
        held=ASSET_AMOUNT,
        max_amount=2**63,
        quote_decimals=QUOTE_DECIMALS,
    )
    quote = sdk.collateral_purchase(asset_state, price, expected, QUOTE_DECIMALS)
    liqee_balance = liq.kairos.margin(long.margin).quote_balance
    meta = liq.kairos.send(
        [liq.liquidate_collateral_ix(long.margin, liquidator, asset)], [liquidator.owner]
    )
    assert meta.compute_units_consumed() <= LIQUIDATE_COLLATERAL_CU_BUDGET
    [event] = events_named(liq.chain, meta, "CollateralLiquidated")
    assert 0 < expected < ASSET_AMOUNT
    assert (event.amount, event.quote_paid, event.discount) == (
        expected,
        quote.paid,
        quote.discount,
    )
    assert event.insurance_fee == quote.discount * INSURANCE_SHARE_BPS // 10_000
    assert liq.kairos.margin(long.margin).quote_balance == liqee_balance + quote.paid
    bought = [s for s in liq.kairos.margin(liquidator.margin).collateral if s.active]
    assert [(s.asset_index, s.amount) for s in bought] == [(asset.index, expected)]
    after = liq.breakdown(long.margin)
    assert event.maint_health_after == after.maint
    assert sdk.shortfall(liq.exchange(), after) <= 0
    assert event.being_liquidated == 0


def test_whole_holding_empties_the_slot(liq: Liquidation, market: Market) -> None:
    long, asset = collateral_long(liq, market)
    liquidator = liq.liquidator()
    liq.set_params(
        buffer_bps=COLLATERAL_BUFFER_BPS, small=10**9
    )  # everything is "small": taken in full
    meta = liq.kairos.send(
        [liq.liquidate_collateral_ix(long.margin, liquidator, asset)], [liquidator.owner]
    )
    [event] = events_named(liq.chain, meta, "CollateralLiquidated")
    assert event.amount == ASSET_AMOUNT
    assert not any(s.active for s in liq.kairos.margin(long.margin).collateral)


def test_account_checks(liq: Liquidation, market: Market) -> None:
    long, asset = collateral_long(liq, market)
    liquidator = liq.liquidator()
    ix = liq.liquidate_collateral_ix(long.margin, liquidator, asset)
    signers = [liquidator.owner]
    other = liq.kairos.create_oracle(70)
    cases = [
        (with_meta(ix, index_of("liqee"), is_writable=False), ERR_CONSTRAINT_MUT),
        (with_meta(ix, index_of("oracle"), pubkey=other.address), ERRORS["OracleMismatch"]),
        (
            with_meta(ix, index_of("collateral_asset"), pubkey=liq.kairos.quote.address),
            ERRORS["AssetMismatch"],
        ),
        (with_meta(ix, index_of("liquidator"), pubkey=long.margin), ERRORS["Unauthorized"]),
    ]
    for bad, code in cases:
        liq.kairos.fail_unchanged([bad], signers, code)
    # Nothing of the asset held by a liquidatable account: NothingToLiquidate.
    poor = liq.liquidator()
    liq.kairos.fail_unchanged(
        [liq.liquidate_collateral_ix(poor.margin, liquidator, asset)],
        signers,
        ERRORS["NotLiquidatable"],
    )


def test_discount_must_stay_below_the_haircut(liq: Liquidation, market: Market) -> None:
    asset = liq.kairos.add_asset(decimals=QUOTE_DECIMALS, price=ASSET_PRICE, maint_weight_bps=9_000)
    admin = liq.kairos.exchange.admin
    ix = sdk_ix.set_asset_liquidation_discount(
        admin=admin.pubkey(), mint=asset.mint, liquidation_discount_bps=1_000
    )
    liq.kairos.fail_unchanged([ix], [admin], ERRORS["InvalidLiquidationParams"])
    intruder = liq.chain.fund()
    ix = sdk_ix.set_asset_liquidation_discount(
        admin=intruder.pubkey(), mint=asset.mint, liquidation_discount_bps=100
    )
    liq.kairos.fail_unchanged([ix], [intruder], ERRORS["Unauthorized"])
    quote_ix = sdk_ix.set_asset_liquidation_discount(
        admin=admin.pubkey(), mint=liq.kairos.quote.mint, liquidation_discount_bps=100
    )
    liq.kairos.fail_unchanged([quote_ix], [admin], ERRORS["InvalidLiquidationParams"])
