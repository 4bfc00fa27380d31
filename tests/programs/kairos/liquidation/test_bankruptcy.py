"""resolve_bankruptcy and sweep_fees_to_insurance: the insurance fund covers a
bankrupt account's loss, the rest is socialized on the market; admin checks."""

from __future__ import annotations

from kairos import instructions as sdk_ix

from ..conftest import ERRORS, account_index, with_meta
from ..perp.conftest import ASK, BID, MARKET, Market, events_named
from .conftest import ENTRY, INSURANCE_SHARE_BPS, LONG_LOTS, Liquidation

# Measured 6,878 and 6,680, each with one SPL transfer CPI.
RESOLVE_CU_BUDGET = 12_000
SWEEP_CU_BUDGET = 12_000
ERR_CONSTRAINT_ADDRESS = 2012
BANKRUPT_PRICE = 85  # the long's loss exceeds its deposit


def bankrupt_account(
    liq: Liquidation, market: Market, price: int = BANKRUPT_PRICE
) -> tuple[object, int]:
    """Liquidate a long in full below its bankruptcy price and settle the loss.

    Returns the trader and the insurance share the liquidation paid.
    """
    long, _ = liq.open_long(market)
    liquidator = liq.liquidator()
    liq.kairos.update_oracle(market.oracle, price)
    meta = liq.kairos.send(
        [liq.liquidate_perp_ix(long.margin, liquidator, market)], [liquidator.owner]
    )
    [event] = events_named(liq.chain, meta, "PerpLiquidated")
    assert event.base_lots == LONG_LOTS
    assert event.being_liquidated == 1  # still underwater: bankrupt
    liq.perp.settle(long.margin, market)
    state = liq.kairos.margin(long.margin)
    assert state.quote_balance < 0
    assert not any(p.active for p in state.perp_positions)
    return long, event.insurance_fee


def test_insurance_covers_then_the_market_absorbs(liq: Liquidation, market: Market) -> None:
    long, insurance_fee = bankrupt_account(liq, market)
    margin = long.margin  # type: ignore[attr-defined]
    fees = liq.perp.market_state(market).fees_accrued
    assert liq.exchange().insurance_pending == insurance_fee > 0
    sweep = liq.kairos.send([liq.sweep_ix(market)], [liq.kairos.exchange.admin])
    assert sweep.compute_units_consumed() <= SWEEP_CU_BUDGET
    [swept] = events_named(liq.chain, sweep, "FeesSweptToInsurance")
    assert (swept.fees, swept.insurance_share) == (fees, insurance_fee)
    insurance = fees + insurance_fee
    assert liq.chain.token_amount(liq.kairos.exchange.insurance_vault) == insurance
    assert swept.insurance_vault_after == insurance
    assert liq.exchange().insurance_pending == 0
    assert liq.perp.market_state(market).fees_accrued == 0

    loss = -liq.kairos.margin(margin).quote_balance
    pool_before = liq.perp.market_state(market).pnl_pool
    meta = liq.kairos.send([liq.resolve_ix(margin, market)], [liq.chain.payer])
    assert meta.compute_units_consumed() <= RESOLVE_CU_BUDGET
    [event] = events_named(liq.chain, meta, "BankruptcyResolved")
    assert (event.loss, event.insurance_covered, event.socialized) == (
        loss,
        insurance,
        loss - insurance,
    )
    assert event.insurance_remaining == 0
    assert event.pnl_pool_after == pool_before - (loss - insurance)
    state = liq.kairos.margin(margin)
    assert (state.quote_balance, state.being_liquidated) == (0, 0)
    assert liq.chain.token_amount(liq.kairos.exchange.insurance_vault) == 0
    assert liq.perp.market_state(market).socialized_loss == loss - insurance
    assert liq.exchange().socialized_loss_total == loss - insurance
    # Nothing owed any more.
    liq.kairos.fail_unchanged(
        [liq.resolve_ix(margin, market)], [liq.chain.payer], ERRORS["NotBankrupt"]
    )


def test_the_rest_is_shared_by_every_open_position_by_size(
    liq: Liquidation, market: Market
) -> None:
    long, _ = bankrupt_account(liq, market)
    margin = long.margin  # type: ignore[attr-defined]
    # A third holder, so that the shares differ: 2 more lots, long against the maker side.
    extra_maker, extra_long = liq.perp.trader(10**9), liq.perp.trader(10**9)
    liq.kairos.update_oracle(market.oracle, ENTRY)
    liq.perp.place(extra_maker, market, ASK, ENTRY, 2)
    liq.perp.place(extra_long, market, BID, ENTRY, 2, order_type=MARKET)
    liq.perp.consume(market)
    holders = liq.positions_in(market)
    open_interest = liq.perp.market_state(market).open_interest_lots
    assert sum(abs(lots) for lots in holders.values()) == 2 * open_interest
    maint_before = {key: liq.kairos.compute_health(key)[1] for key in holders}

    meta = liq.kairos.send([liq.resolve_ix(margin, market)], [liq.chain.payer])
    [event] = events_named(liq.chain, meta, "BankruptcyResolved")
    rest = event.socialized
    assert rest > 0
    per_lot = -(-rest // (2 * open_interest))
    assert event.socialized_loss_per_lot == per_lot
    assert liq.perp.market_state(market).socialized_loss_per_lot == per_lot
    shares = {key: abs(lots) * per_lot for key, lots in holders.items()}
    # Every lot pays the same: the shares cover the loss, rounding < 1 unit per lot.
    assert 0 <= sum(shares.values()) - rest < 2 * open_interest
    for key, share in shares.items():
        # Maintenance health counts PnL at full weight: it drops by exactly the share.
        assert liq.kairos.compute_health(key)[1] == maint_before[key] - share
    for key, share in shares.items():
        quote_before = liq.position(key, market).quote_position
        [settled] = events_named(liq.chain, liq.perp.settle(key, market), "PnlSettled")
        position = liq.position(key, market)
        assert position.loss_index_snapshot == per_lot
        # settle_pnl charged the share first, then moved the PnL it could.
        assert settled.socialized_loss == share
        assert position.quote_position == quote_before - share - settled.amount


def test_pending_insurance_covers_first(liq: Liquidation, market: Market) -> None:
    long, insurance_fee = bankrupt_account(liq, market)
    margin = long.margin  # type: ignore[attr-defined]
    meta = liq.kairos.send([liq.resolve_ix(margin, market)], [liq.chain.payer])
    [event] = events_named(liq.chain, meta, "BankruptcyResolved")
    assert event.insurance_covered == insurance_fee
    assert liq.exchange().insurance_pending == 0


def test_not_bankrupt_while_positions_remain(liq: Liquidation, market: Market) -> None:
    long, _ = liq.open_long(market)
    liq.kairos.fail_unchanged(
        [liq.resolve_ix(long.margin, market)], [liq.chain.payer], ERRORS["NotBankrupt"]
    )


def test_resolve_account_checks(liq: Liquidation, market: Market) -> None:
    long, _ = bankrupt_account(liq, market)
    ix = liq.resolve_ix(long.margin, market)  # type: ignore[attr-defined]
    vault = account_index("resolve_bankruptcy", "insurance_vault")
    quote_vault = account_index("resolve_bankruptcy", "quote_vault")
    stranger = liq.kairos.token_account(liq.chain.payer.pubkey(), liq.kairos.quote.mint, 10**6)
    liq.kairos.fail_unchanged(
        [with_meta(ix, vault, pubkey=stranger)], [liq.chain.payer], ERR_CONSTRAINT_ADDRESS
    )
    liq.kairos.fail_unchanged(
        [with_meta(ix, quote_vault, pubkey=stranger)], [liq.chain.payer], ERR_CONSTRAINT_ADDRESS
    )
    asset = account_index("resolve_bankruptcy", "quote_asset")
    other = liq.kairos.add_asset()
    liq.kairos.fail_unchanged(
        [with_meta(ix, asset, pubkey=other.address)], [liq.chain.payer], ERRORS["AssetMismatch"]
    )


def test_sweep_is_admin_only(liq: Liquidation, market: Market) -> None:
    intruder = liq.chain.fund()
    liq.kairos.fail_unchanged(
        [liq.sweep_ix(market, admin=intruder.pubkey())], [intruder], ERRORS["Unauthorized"]
    )


def test_liquidation_params_checks(liq: Liquidation, market: Market) -> None:
    admin = liq.kairos.exchange.admin
    too_big = sdk_ix.set_liquidation_params(
        admin=admin.pubkey(),
        small_position_quote=0,
        liquidation_buffer_bps=10_001,
        insurance_fee_share_bps=INSURANCE_SHARE_BPS,
    )
    liq.kairos.fail_unchanged([too_big], [admin], ERRORS["InvalidLiquidationParams"])
    intruder = liq.chain.fund()
    stolen = sdk_ix.set_liquidation_params(
        admin=intruder.pubkey(),
        small_position_quote=0,
        liquidation_buffer_bps=0,
        insurance_fee_share_bps=0,
    )
    liq.kairos.fail_unchanged([stolen], [intruder], ERRORS["Unauthorized"])
    fee_at_margin = sdk_ix.set_perp_liquidation_fee(
        admin=admin.pubkey(), market_index=market.index, liquidation_fee_bps=500
    )
    liq.kairos.fail_unchanged([fee_at_margin], [admin], ERRORS["InvalidLiquidationParams"])
    meta = liq.set_params(buffer_bps=1_000, share_bps=0, small=ENTRY)
    [event] = events_named(liq.chain, meta, "LiquidationParamsSet")
    assert (event.small_position_quote, event.liquidation_buffer_bps) == (ENTRY, 1_000)
    exchange = liq.exchange()
    assert (exchange.liquidation_buffer_bps, exchange.small_position_quote) == (1_000, ENTRY)
