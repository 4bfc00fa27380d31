"""kairos.math.health: hand-computed cases, and random states against a Fraction reference."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from kairos import errors
from kairos.accounts import CollateralAsset, MarginAccount, Oracle, PerpMarket
from kairos.math.health import (
    HealthContext,
    HealthResult,
    collateral_value,
    compute_health,
    health_breakdown,
    liquidation_price,
    max_withdrawable,
    price_per_lot,
    read_oracle,
)
from solders.pubkey import Pubkey

from ... import factories as f

I64 = (-(2**63), 2**63 - 1)
U64_MAX = 2**64 - 1
SLOT = 1_000

# --- an independent reference: the ARCHITECTURE formula with exact fractions ------------


class RefOverflow(Exception):
    pass


def ref_i64(value: int) -> int:
    if not I64[0] <= value <= I64[1]:
        raise RefOverflow
    return value


def ref_u64(value: int) -> int:
    if not 0 <= value <= U64_MAX:
        raise RefOverflow
    return value


def ref_oracle(oracle: Oracle, max_staleness: int, max_confidence_bps: int) -> tuple[int, int]:
    """(low, high) of a valid oracle, or the program's error class."""
    if oracle.price <= 0:
        raise errors.InvalidOraclePrice
    if SLOT > oracle.publish_slot and SLOT - oracle.publish_slot > max_staleness:
        raise errors.StaleOracle
    if Fraction(oracle.confidence) > Fraction(oracle.price * max_confidence_bps, 10_000):
        raise errors.OracleConfidenceTooWide
    return max(oracle.price - oracle.confidence, 0), oracle.price + oracle.confidence


def ref_health(
    account: MarginAccount,
    assets: dict[int, CollateralAsset],
    markets: dict[int, PerpMarket],
    oracles: dict[Pubkey, Oracle],
    quote_decimals: int,
) -> tuple[int, int]:
    totals = [account.quote_balance, account.quote_balance]
    for position in account.collateral:
        if position.active != 1:
            continue
        asset = assets[position.asset_index]
        low, _ = ref_oracle(
            oracles[asset.oracle], asset.max_staleness_slots, asset.max_confidence_bps
        )
        scale = Fraction(10) ** (oracles[asset.oracle].exponent + quote_decimals - asset.decimals)
        value = ref_u64(math.floor(position.amount * low * scale))
        for i, weight in enumerate((asset.init_asset_weight_bps, asset.maint_asset_weight_bps)):
            weighted = ref_i64(math.floor(Fraction(value * weight, 10_000)))
            totals[i] = ref_i64(totals[i] + weighted)
    for position in account.perp_positions:
        if position.active != 1:
            continue
        market = markets[position.market_index]
        oracle = oracles[market.oracle]
        low, high = ref_oracle(oracle, market.max_staleness_slots, market.max_confidence_bps)
        ref_u64(high)
        scale = Fraction(10) ** (oracle.exponent + quote_decimals - market.base_decimals)
        low_lot = ref_i64(ref_u64(math.floor(low * market.base_lot_size * scale)))
        high_lot = ref_i64(ref_u64(math.ceil(high * market.base_lot_size * scale)))
        mid_lot = ref_u64(math.ceil(oracle.price * market.base_lot_size * scale))
        for value in (
            position.bids_base_lots,
            position.asks_base_lots,
            position.bids_quote,
            position.asks_quote,
        ):
            ref_i64(value)
        scenarios = [
            (
                position.base_lots + position.bids_base_lots,
                position.quote_position - position.bids_quote,
            ),
            (
                position.base_lots - position.asks_base_lots,
                position.quote_position + position.asks_quote,
            ),
        ]
        values = []
        for base, quote in scenarios:
            ref_i64(base)
            ref_i64(quote)
            pnl = ref_i64(ref_i64(base * (low_lot if base > 0 else high_lot)) + quote)
            values.append((pnl, ref_u64(abs(base) * mid_lot)))
        weights = (
            (market.init_pnl_weight_bps, market.init_margin_bps),
            (10_000, market.maint_margin_bps),
        )
        for i, (pnl_weight, margin_bps) in enumerate(weights):
            hs = []
            for pnl, notional in values:
                weighted = (
                    ref_i64(math.floor(Fraction(pnl * pnl_weight, 10_000))) if pnl > 0 else pnl
                )
                margin = ref_i64(ref_u64(math.ceil(Fraction(notional * margin_bps, 10_000))))
                hs.append(ref_i64(weighted - margin))
            totals[i] = ref_i64(totals[i] + min(hs))
    return totals[0], totals[1]


# --- strategies -------------------------------------------------------------------------


@st.composite
def oracles_st(draw: Any, *, wide: bool = False) -> Oracle:
    price = draw(st.integers(1, 2**63 - 1 if wide else 10**12))
    max_conf = price // 20  # within the 500 bps the factories allow
    confidence = draw(st.integers(0, max_conf))
    exponent = draw(st.integers(-14, 4))
    publish = draw(st.integers(SLOT - 100, SLOT))
    return f.oracle(price, confidence, exponent, publish_slot=publish)


@st.composite
def states(draw: Any, *, wide: bool = False) -> dict[str, Any]:
    quote_decimals = draw(st.integers(0, 9))
    big = 2**63 - 1 if wide else 10**15
    n_assets = draw(st.integers(0, 8))
    n_markets = draw(st.integers(0, 4))
    oracles: dict[Pubkey, Oracle] = {}
    assets: dict[int, CollateralAsset] = {}
    markets: dict[int, PerpMarket] = {}
    collateral = []
    for i in range(1, n_assets + 1):
        key = Pubkey.new_unique()
        oracles[key] = draw(oracles_st(wide=wide))
        init_w = draw(st.integers(0, 10_000))
        assets[i] = f.asset(
            i,
            key,
            decimals=draw(st.integers(0, 12)),
            init_weight=init_w,
            maint_weight=draw(st.integers(init_w, 10_000)),
        )
        amount = draw(st.integers(1, 2**64 - 1 if wide else 10**15))
        collateral.append(f.holding(i, amount) if draw(st.booleans()) else None)
    perps = []
    for i in range(n_markets):
        if draw(st.booleans()) and oracles:
            key = draw(st.sampled_from(sorted(oracles, key=str)))  # shared with an asset
        else:
            key = Pubkey.new_unique()
            oracles[key] = draw(oracles_st(wide=wide))
        maint = draw(st.integers(0, 9_999))
        markets[i] = f.market(
            i,
            key,
            base_lot_size=draw(st.integers(1, 10**9)),
            base_decimals=draw(st.integers(0, 12)),
            init_margin=draw(st.integers(maint + 1, 10_000)),
            maint_margin=maint,
            init_pnl_weight=draw(st.integers(0, 10_000)),
        )
        lots = st.integers(0, big if wide else 10**9)
        perps.append(
            f.perp(
                i,
                draw(st.integers(-big if wide else -(10**9), big if wide else 10**9)),
                draw(st.integers(-big, big)),
                bids_base_lots=draw(lots),
                bids_quote=draw(st.integers(0, big)),
                asks_base_lots=draw(lots),
                asks_quote=draw(st.integers(0, big)),
            )
            if draw(st.booleans())
            else None
        )
    account = f.margin_account(draw(st.integers(-big, big)), collateral, perps)
    return {
        "account": account,
        "assets": assets,
        "markets": markets,
        "oracles": oracles,
        "quote_decimals": quote_decimals,
    }


def sdk(state: dict[str, Any]) -> HealthResult:
    return compute_health(
        state["account"],
        assets=state["assets"],
        markets=state["markets"],
        oracles=state["oracles"],
        quote_decimals=state["quote_decimals"],
        slot=SLOT,
    )


def reference(state: dict[str, Any]) -> tuple[int, int]:
    return ref_health(
        state["account"],
        state["assets"],
        state["markets"],
        state["oracles"],
        state["quote_decimals"],
    )


def outcome(fn: Any, state: dict[str, Any]) -> Any:
    try:
        result = fn(state)
    except (errors.MathOverflow, RefOverflow):
        return "overflow"
    return (result.init, result.maint) if isinstance(result, HealthResult) else result


# --- property tests -----------------------------------------------------------------------


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(states())
def test_matches_fraction_reference_on_realistic_states(state: dict[str, Any]) -> None:
    assert outcome(sdk, state) == outcome(reference, state)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(states(wide=True))
def test_matches_reference_including_overflow_on_extreme_states(state: dict[str, Any]) -> None:
    assert outcome(sdk, state) == outcome(reference, state)


@settings(max_examples=200, deadline=None)
@given(states())
def test_init_health_never_exceeds_maintenance(state: dict[str, Any]) -> None:
    try:
        result = sdk(state)
    except errors.MathOverflow:
        assume(False)
        return
    # init weights <= maint weights, init margins > maint margins, pnl weight <= 1.
    assert result.init <= result.maint


@settings(max_examples=200, deadline=None)
@given(states(), st.data())
def test_max_withdrawable_is_the_boundary(state: dict[str, Any], data: Any) -> None:
    account: MarginAccount = state["account"]
    active = account.active_collateral()
    assume(active)
    position = data.draw(st.sampled_from(active))
    kwargs = {k: state[k] for k in ("assets", "markets", "oracles", "quote_decimals")}
    try:
        before = compute_health(account, slot=SLOT, **kwargs)
        amount = max_withdrawable(account, position.asset_index, slot=SLOT, **kwargs)
    except errors.MathOverflow:
        assume(False)
        return
    assert 0 <= amount <= position.amount

    def after(withdrawn: int) -> int:
        slots = [
            dataclasses.replace(p, amount=p.amount - withdrawn) if p is position else p
            for p in account.collateral
        ]
        changed = dataclasses.replace(account, collateral=tuple(slots))
        return compute_health(changed, slot=SLOT, **kwargs).init

    if before.init < 0:
        assert amount == 0
        return
    assert after(amount) >= 0
    if amount < position.amount:
        assert after(amount + 1) < 0


# --- hand-computed cases ---------------------------------------------------------------------


def _reference_state() -> dict[str, Any]:
    """1000 USDC; 10 SOL at 20 ± 0.01; SOL-PERP oracle 100 ± 0.05 with 0.01 SOL lots."""
    sol_oracle, perp_oracle = Pubkey.new_unique(), Pubkey.new_unique()
    return {
        "assets": {1: f.asset(1, sol_oracle, decimals=9, init_weight=8_000, maint_weight=9_000)},
        "markets": {
            0: f.market(0, perp_oracle, base_lot_size=10**7, base_decimals=9, init_pnl_weight=5_000)
        },
        "oracles": {
            sol_oracle: f.oracle(20_000_000, 10_000, -6, publish_slot=SLOT),
            perp_oracle: f.oracle(100_000_000, 50_000, -6, publish_slot=SLOT),
        },
        "quote_decimals": 6,
    }


def test_hand_computed_collateral_and_long_position() -> None:
    state = _reference_state()
    state["account"] = f.margin_account(
        1_000_000_000, [f.holding(1, 10 * 10**9)], [f.perp(0, 100, -100_000_000)]
    )
    breakdown = health_breakdown(state.pop("account"), slot=SLOT, **state)
    # 10 SOL at 19.99 = 199.9 USDC; weights 80 % / 90 %.
    assert breakdown.collateral[0].init == 159_920_000
    assert breakdown.collateral[0].maint == 179_910_000
    # Per lot (0.01 SOL): low 999_500, mid 1_000_000. pnl = 100 × 999_500 − 1e8 = −50_000;
    # margin 10 % / 5 % of 100 × 1_000_000.
    assert breakdown.perps[0].init == -50_000 - 10_000_000
    assert breakdown.perps[0].maint == -50_000 - 5_000_000
    assert (breakdown.init, breakdown.maint) == (1_149_870_000, 1_174_860_000)


def test_hand_computed_short_uses_price_plus_confidence() -> None:
    state = _reference_state()
    account = f.margin_account(0, [], [f.perp(0, -100, 100_000_000)])
    result = compute_health(account, slot=SLOT, **state)
    # high per lot 1_000_500: pnl = −100 × 1_000_500 + 1e8 = −50_000.
    assert result == HealthResult(-50_000 - 10_000_000, -50_000 - 5_000_000)


def test_hand_computed_open_orders_take_the_worse_scenario() -> None:
    state = _reference_state()
    position = f.perp(
        0,
        100,
        -100_000_000,
        bids_base_lots=50,
        bids_quote=50 * 990_000,
        asks_base_lots=30,
        asks_quote=30 * 1_010_000,
    )
    result = compute_health(f.margin_account(0, [], [position]), slot=SLOT, **state)
    # bids fill: b = 150, pnl = 425_000 → init 212_500 − 15_000_000, maint 425_000 − 7_500_000;
    # asks fill: b = 70, pnl = 265_000 → init 132_500 − 7_000_000, maint 265_000 − 3_500_000.
    assert result == HealthResult(212_500 - 15_000_000, 425_000 - 7_500_000)


def test_rounding_directions() -> None:
    # 1 native unit at an exponent that leaves a fraction: assets round down.
    assert collateral_value(1, 19_990_000, exponent=-6, quote_decimals=6, asset_decimals=9) == 0
    assert (
        collateral_value(
            1, 19_990_000, exponent=-6, quote_decimals=6, asset_decimals=9, round_up=True
        )
        == 1
    )
    # Per-lot prices: floor for the low side, ceil for high and margins.
    args = {"exponent": -6, "base_lot_size": 3, "quote_decimals": 6, "base_decimals": 3}
    assert price_per_lot(100_000_001, **args) == 300_000  # 300,000.003
    assert price_per_lot(100_000_001, **args, round_up=True) == 300_001
    # Positive exponents are exact.
    assert price_per_lot(7, exponent=2, base_lot_size=3, quote_decimals=6, base_decimals=0) == (
        7 * 3 * 10**8
    )


def test_margin_rounds_up_and_profit_weight_rounds_down() -> None:
    oracle_key = Pubkey.new_unique()
    state = {
        "assets": {},
        "markets": {
            0: f.market(
                0,
                oracle_key,
                base_lot_size=1,
                base_decimals=6,
                init_margin=3,
                maint_margin=1,
                init_pnl_weight=3_333,
            )
        },
        "oracles": {oracle_key: f.oracle(1_000_000, 0, -6, publish_slot=SLOT)},
        "quote_decimals": 6,
    }
    # 1 lot = 1 native base at 1.0: price per lot 1. pnl = 1 + 2 = 3.
    account = f.margin_account(0, [], [f.perp(0, 1, 2)])
    result = compute_health(account, slot=SLOT, **state)
    # init: floor(3 × 3333 / 10000) = 0, margin ceil(1 × 3 / 10000) = 1 → −1.
    # maint: 3 − ceil(1 × 1 / 10000) = 2.
    assert result == HealthResult(-1, 2)


def test_negative_quote_balance_is_a_liability() -> None:
    state = _reference_state()
    account = f.margin_account(-5_000_000, [f.holding(1, 10**9)])
    result = compute_health(account, slot=SLOT, **state)
    assert result == HealthResult(-5_000_000 + 15_992_000, -5_000_000 + 17_991_000)


# --- oracle checks ------------------------------------------------------------------------------


def test_oracle_checks_raise_the_program_errors() -> None:
    good = f.oracle(100, 5, publish_slot=SLOT - 10)
    assert read_oracle(good, slot=SLOT, max_staleness_slots=10, max_confidence_bps=500).low == 95
    with pytest.raises(errors.StaleOracle):
        read_oracle(good, slot=SLOT, max_staleness_slots=9, max_confidence_bps=500)
    with pytest.raises(errors.OracleConfidenceTooWide):
        read_oracle(good, slot=SLOT, max_staleness_slots=10, max_confidence_bps=499)
    with pytest.raises(errors.InvalidOraclePrice):
        read_oracle(f.oracle(0), slot=SLOT, max_staleness_slots=10, max_confidence_bps=500)
    # A publish slot ahead of the clock counts as fresh, as in oracle_read.
    ahead = f.oracle(100, 0, publish_slot=SLOT + 5)
    assert read_oracle(ahead, slot=SLOT, max_staleness_slots=0, max_confidence_bps=0).price == 100


def test_confidence_above_price_floors_the_low_price_at_zero() -> None:
    wide = f.oracle(100, 150, publish_slot=SLOT)
    price = read_oracle(wide, slot=SLOT, max_staleness_slots=1, max_confidence_bps=20_000)
    assert (price.low, price.high) == (0, 250)


def test_stale_oracle_in_health() -> None:
    state = _reference_state()
    account = f.margin_account(0, [f.holding(1, 1)])
    with pytest.raises(errors.StaleOracle):
        compute_health(account, slot=SLOT + 101, **state)


def test_missing_health_account_is_a_mismatch() -> None:
    state = _reference_state()
    account = f.margin_account(0, [f.holding(7, 1)])
    with pytest.raises(errors.HealthAccountsMismatch):
        compute_health(account, slot=SLOT, **state)
    account = f.margin_account(0, [], [None, f.perp(3, 1, 0)])
    with pytest.raises(errors.HealthAccountsMismatch):
        compute_health(account, slot=SLOT, **state)


def test_inactive_slots_are_ignored() -> None:
    state = _reference_state()
    stray = dataclasses.replace(f.holding(1, 10**9), active=2)  # only 1 means active
    account = f.margin_account(7, [stray], [None])
    assert compute_health(account, slot=SLOT, **state) == HealthResult(7, 7)


def test_overflow_is_math_overflow() -> None:
    state = _reference_state()
    account = f.margin_account(2**63 - 1, [f.holding(1, 10**9)])
    with pytest.raises(errors.MathOverflow):
        compute_health(account, slot=SLOT, **state)
    # A reservation above i64 is refused even when the scenario would not need it.
    account = f.margin_account(0, [], [f.perp(0, bids_base_lots=2**63)])
    with pytest.raises(errors.MathOverflow):
        compute_health(account, slot=SLOT, **state)


# --- helpers -----------------------------------------------------------------------------------


def test_max_withdrawable_quote_is_bounded_by_balance_and_health() -> None:
    state = _reference_state()
    kwargs = {"slot": SLOT, **state}
    assert max_withdrawable(f.margin_account(500), 0, **kwargs) == 500
    # A long needing 10,050,000 of initial health caps the quote withdrawal.
    account = f.margin_account(20_000_000, [], [f.perp(0, 100, -100_000_000)])
    assert max_withdrawable(account, 0, **kwargs) == 20_000_000 - 10_050_000
    assert max_withdrawable(f.margin_account(-1), 0, **kwargs) == 0


def test_max_withdrawable_collateral_hand_computed() -> None:
    state = _reference_state()
    # Needs 10_050_000 of initial health from SOL valued 19.99 × 80 %.
    account = f.margin_account(0, [f.holding(1, 10 * 10**9)], [f.perp(0, 100, -100_000_000)])
    amount = max_withdrawable(account, 1, slot=SLOT, **state)
    kept = 10 * 10**9 - amount
    kept_value = kept * 19_990_000 // 10**9 * 8_000 // 10_000
    assert kept_value >= 10_050_000
    smaller = (kept - 1) * 19_990_000 // 10**9 * 8_000 // 10_000
    assert smaller < 10_050_000


def test_liquidation_price_of_a_long() -> None:
    state = _reference_state()
    # 1 SOL long at 100 with 10 USDC: maint = 10 + (p_low − 100) − 5 % × p ≥ 0.
    account = f.margin_account(10_000_000, [], [f.perp(0, 100, -100_000_000)])
    price = liquidation_price(account, 0, slot=SLOT, **state)
    assert price is not None and price < 100_000_000
    context = HealthContext(account, slot=SLOT, **state)
    assert context.liquidation_price(0) == price

    def maint_at(p: int) -> int:
        oracle_key = state["markets"][0].oracle
        moved = dataclasses.replace(
            state["oracles"][oracle_key], price=p, confidence=50_000 * p // 100_000_000
        )
        oracles = {**state["oracles"], oracle_key: moved}
        kwargs = {**state, "oracles": oracles}
        return compute_health(account, slot=SLOT, **kwargs).maint

    assert maint_at(price) < 0 <= maint_at(price + 1)
    assert 94_000_000 < price < 95_000_000  # (100 − 10) / 0.95 ≈ 94.7


def test_liquidation_price_of_a_short_and_edge_cases() -> None:
    state = _reference_state()
    short = f.margin_account(10_000_000, [], [f.perp(0, -100, 100_000_000)])
    price = liquidation_price(short, 0, slot=SLOT, **state)
    assert price is not None and 104_000_000 < price < 105_000_000  # 110 / 1.05 ≈ 104.76
    flat = f.margin_account(10_000_000, [], [f.perp(0, 0, 0)])
    assert liquidation_price(flat, 0, slot=SLOT, **state) is None
    assert liquidation_price(flat, 3, slot=SLOT, **state) is None
    # Fully funded long: no price above zero liquidates it.
    rich = f.margin_account(10**12, [], [f.perp(0, 100, -100_000_000)])
    assert liquidation_price(rich, 0, slot=SLOT, **state) is None
    # Already under water: the current price.
    poor = f.margin_account(0, [], [f.perp(0, 100, -110_000_000)])
    assert liquidation_price(poor, 0, slot=SLOT, **state) == 100_000_000
