"""compute_health: return data and event equal the ARCHITECTURE "Health" formula.

Hand computations for a few states first, then a plain-Python mirror of the
formula compared with the program on random crafted states.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from kairos.constants import FUNDING_INDEX_ONE
from solders.instruction import AccountMeta

from .conftest import (
    BPS,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    ERR_WRONG_OWNER,
    ERRORS,
    MAX_COLLATERAL_POSITIONS,
    Kairos,
    Trader,
    account_index,
    custom_error_code,
    health_from_return_data,
    with_data,
    with_meta,
)

COMPUTE_HEALTH_CU_BUDGET = 20_000
MAX_PERP_POSITIONS = 4


def index_of(name: str) -> int:
    return account_index("compute_health", name)


def health_of(kairos: Kairos, trader: Trader) -> tuple[int, int]:
    """compute_health through the chain directly: crafted states may not keep the invariant."""
    meta = kairos.chain.send([kairos.compute_health_ix(trader.margin)], [kairos.chain.payer])
    init, maint = health_from_return_data(meta)
    events = kairos.chain.events(meta)
    assert [e.name for e in events] == ["HealthComputed"]
    assert events[0].data.margin_account == trader.margin
    assert (events[0].data.init_health, events[0].data.maint_health) == (init, maint)
    assert meta.compute_units_consumed() <= COMPUTE_HEALTH_CU_BUDGET
    return init, maint


# ---- hand computations (quote mint: 6 decimals) ------------------------------------


def test_empty_account(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    assert health_of(kairos, trader) == (0, 0)


def test_quote_only(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    kairos.deposit(trader, kairos.quote, 1_234_567)
    assert kairos.compute_health(trader.margin) == (1_234_567, 1_234_567)


def test_collateral_of_different_decimals_exponents_and_confidence(kairos: Kairos) -> None:
    # SOL: 9 decimals, 150.00 ± 0.10 (exponent -2), weights 80 % / 90 %.
    sol = kairos.add_asset(
        decimals=9,
        price=15_000,
        confidence=10,
        exponent=-2,
        init_weight_bps=8_000,
        maint_weight_bps=9_000,
    )
    # BTC: 8 decimals, 65,000.12 exactly (exponent -2), weights 90 % / 95 %.
    btc = kairos.add_asset(
        decimals=8,
        price=6_500_012,
        confidence=0,
        exponent=-2,
        init_weight_bps=9_000,
        maint_weight_bps=9_500,
    )
    # A whole-unit token worth 300 = 3 × 10^2 (positive exponent), weights 50 % / 60 %.
    big = kairos.add_asset(
        decimals=0,
        price=3,
        confidence=0,
        exponent=2,
        init_weight_bps=5_000,
        maint_weight_bps=6_000,
    )
    trader = kairos.new_trader()
    kairos.deposit(trader, kairos.quote, 1_000_000)  # 1 quote
    kairos.deposit(trader, sol, 2_500_000_000)  # 2.5 SOL
    kairos.deposit(trader, btc, 1_234)  # 0.00001234 BTC
    kairos.deposit(trader, big, 5)

    # SOL at the low price 149.90: e = -2 + 6 - 9 = -5,
    # value = 2_500_000_000 × 14_990 / 10^5 = 374_750_000 (exact).
    sol_value = 374_750_000
    # BTC: e = -2 + 6 - 8 = -4, value = floor(1_234 × 6_500_012 / 10^4) = 802_101.
    btc_value = 802_101
    # big: e = 2 + 6 - 0 = 8, value = 5 × 3 × 10^8.
    big_value = 1_500_000_000
    init = 1_000_000 + 299_800_000 + 721_890 + 750_000_000  # each weighted value floored
    maint = 1_000_000 + 337_275_000 + 761_995 + 900_000_000
    assert sol_value * 8_000 // BPS == 299_800_000
    assert btc_value * 9_000 // BPS == 721_890
    assert btc_value * 9_500 // BPS == 761_995
    assert big_value * 6_000 // BPS == 900_000_000
    assert kairos.compute_health(trader.margin) == (init, maint)


def test_dust_rounds_down(kairos: Kairos) -> None:
    # 1 native unit of a 9-decimal token at 150: 0.00000015 quote -> 0 native quote.
    asset = kairos.add_asset(decimals=9, price=150)
    trader = kairos.new_trader()
    kairos.deposit(trader, asset, 1)
    assert kairos.compute_health(trader.margin) == (0, 0)
    kairos.deposit(trader, asset, 6_666)  # 6_667 × 150 / 1000 = 1_000.05 -> 1_000 -> 800 / 900
    assert kairos.compute_health(trader.margin) == (800, 900)


def test_zero_weight_collateral_counts_nothing(kairos: Kairos) -> None:
    asset = kairos.add_asset(decimals=0, price=100, init_weight_bps=0, maint_weight_bps=0)
    trader = kairos.new_trader()
    kairos.deposit(trader, asset, 10)
    assert kairos.compute_health(trader.margin) == (0, 0)


def test_negative_quote_balance_against_collateral(kairos: Kairos) -> None:
    asset = kairos.add_asset(decimals=0, price=100, init_weight_bps=8_000, maint_weight_bps=9_000)
    trader = kairos.new_trader()
    kairos.deposit(trader, asset, 10)  # 1000 quote: 800 init, 900 maint
    oracle = kairos.create_oracle(1)
    kairos.craft_perp_market(0, oracle.address, pnl_pool=850 * 10**6)
    kairos.craft_margin(trader.margin, quote_balance=-850 * 10**6)
    kairos.check_invariants()
    assert kairos.compute_health(trader.margin) == (-50 * 10**6, 50 * 10**6)


def _sol_perp(kairos: Kairos, trader: Trader, **position: int) -> None:
    # 150.00 ± 0.10 (exponent -2); lots of 0.01 SOL (base 9 decimals, lot 10^7):
    # e' = -2 + 6 - 9 = -5, so per lot low = 14_990 × 10^7 / 10^5 = 1_499_000,
    # high = 1_501_000, mid = 1_500_000 quote native.
    oracle = kairos.create_oracle(15_000, 10, exponent=-2)
    market = kairos.craft_perp_market(
        2,
        oracle.address,
        base_lot_size=10**7,
        base_decimals=9,
        init_margin_bps=1_000,
        maint_margin_bps=500,
        init_pnl_weight_bps=5_000,
    )
    kairos.craft_perp_position(trader.margin, 0, market_index=market.index, **position)


def test_perp_long(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    _sol_perp(kairos, trader, base_lots=100, quote_position=-150_000_000)
    # pnl = 100 × 1_499_000 − 150_000_000 = −100_000 (not weighted: a loss);
    # margins: ceil(100 × 1_500_000 × 10 %) = 15_000_000 and 5 % = 7_500_000.
    assert health_of(kairos, trader) == (-15_100_000, -7_600_000)


def test_perp_short_in_profit(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    _sol_perp(kairos, trader, base_lots=-100, quote_position=150_500_000)
    # pnl = −100 × 1_501_000 + 150_500_000 = 400_000: init weighs it 50 %.
    assert health_of(kairos, trader) == (200_000 - 15_000_000, 400_000 - 7_500_000)


def test_perp_open_bids_take_the_worse_scenario(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    _sol_perp(
        kairos,
        trader,
        base_lots=100,
        quote_position=-150_000_000,
        bids_base_lots=50,
        bids_quote=74_000_000,
    )
    # All bids fill: b = 150, q = −224_000_000, pnl = 224_850_000 − 224_000_000 = 850_000;
    # init = 425_000 − 22_500_000, maint = 850_000 − 11_250_000.
    # All asks fill (none): as the long alone, −15_100_000 / −7_600_000.
    assert health_of(kairos, trader) == (-22_075_000, -10_400_000)


def test_perp_open_asks_can_flip_the_position(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    _sol_perp(
        kairos,
        trader,
        base_lots=10,
        quote_position=-15_000_000,
        asks_base_lots=30,
        asks_quote=45_300_000,
    )
    # Asks fill: b = −20 (short: valued at the high price), q = 30_300_000:
    # pnl = −30_020_000 + 30_300_000 = 280_000; margins on 20 lots: 3_000_000 / 1_500_000.
    asks = (140_000 - 3_000_000, 280_000 - 1_500_000)
    # Bids (none): b = 10, pnl = 14_990_000 − 15_000_000 = −10_000; margins 1_500_000 / 750_000.
    bids = (-10_000 - 1_500_000, -10_000 - 750_000)
    assert health_of(kairos, trader) == (min(asks[0], bids[0]), min(asks[1], bids[1]))


def test_flat_perp_position_with_no_orders(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    kairos.deposit(trader, kairos.quote, 77)
    _sol_perp(kairos, trader, base_lots=0, quote_position=0)
    assert health_of(kairos, trader) == (77, 77)


# ---- the formula in Python, on random states ----------------------------------------


# Random states whose every intermediate stays below this are compared exactly;
# the program's checked arithmetic is exercised by the overflow tests instead.
SAFE_MAGNITUDE = 2**62


class Intermediates:
    """The largest magnitude seen while evaluating the formula."""

    def __init__(self) -> None:
        self.largest = 0

    def __call__(self, value: int) -> int:
        self.largest = max(self.largest, abs(value))
        return value


def scale(a: int, b: int, exponent: int, round_up: bool, seen: Intermediates) -> int:
    product = seen(a * b)
    if exponent >= 0:
        return seen(product * 10**exponent)
    divisor = 10**-exponent
    return seen(-(-product // divisor) if round_up else product // divisor)


def reference_health(kairos: Kairos, trader: Trader, seen: Intermediates) -> tuple[int, int]:
    """docs/ARCHITECTURE.md "Health", written out plainly."""
    chain = kairos.chain
    quote_decimals = kairos.exchange_state().quote_decimals
    account = kairos.margin(trader.margin)
    totals = [account.quote_balance, account.quote_balance]
    for slot in account.collateral:
        if not slot.active:
            continue
        asset = chain.decode(kairos.assets[slot.asset_index].address)
        oracle = chain.decode(asset.oracle)
        low = max(oracle.price - oracle.confidence, 0)
        e = oracle.exponent + quote_decimals - asset.decimals
        value = scale(slot.amount, low, e, False, seen)
        totals[0] = seen(totals[0] + value * asset.init_asset_weight_bps // BPS)
        totals[1] = seen(totals[1] + value * asset.maint_asset_weight_bps // BPS)
    for position in account.perp_positions:
        if not position.active:
            continue
        market = chain.decode(kairos.perp_markets[position.market_index].address)
        oracle = chain.decode(market.oracle)
        e = oracle.exponent + quote_decimals - market.base_decimals
        lot = market.base_lot_size
        low = scale(max(oracle.price - oracle.confidence, 0), lot, e, False, seen)
        high = scale(oracle.price + oracle.confidence, lot, e, True, seen)
        mid = scale(oracle.price, lot, e, True, seen)
        # Pending funding, rounded against the position (towards +∞).
        index_delta = market.funding_index - position.funding_index_snapshot
        funding = -(-seen(position.base_lots * index_delta) // FUNDING_INDEX_ONE)
        quote_position = seen(position.quote_position - funding)
        scenarios = [
            (
                position.base_lots + position.bids_base_lots,
                quote_position - position.bids_quote,
            ),
            (
                position.base_lots - position.asks_base_lots,
                quote_position + position.asks_quote,
            ),
        ]
        weights = [
            (market.init_pnl_weight_bps, market.init_margin_bps),
            (BPS, market.maint_margin_bps),
        ]
        for w, (pnl_weight, margin_bps) in enumerate(weights):
            hs = []
            for base, quote in scenarios:
                pnl = seen(seen(base * (low if base > 0 else high)) + quote)
                weighted = pnl * pnl_weight // BPS if pnl > 0 else pnl
                margin = -(-(seen(abs(base) * mid) * margin_bps) // BPS)
                hs.append(seen(weighted - margin))
            totals[w] = seen(totals[w] + min(hs))
    return totals[0], totals[1]


def random_world(kairos: Kairos, rng: random.Random) -> tuple[Trader, Any]:
    assets = []
    for _ in range(MAX_COLLATERAL_POSITIONS):
        init = rng.randrange(0, BPS + 1)
        assets.append(
            kairos.add_asset(
                decimals=rng.randrange(0, 10),
                price=rng.randrange(1, 10**6),
                confidence=0,
                exponent=rng.randrange(-9, 1),
                init_weight_bps=init,
                maint_weight_bps=rng.randrange(init, BPS + 1),
                max_confidence_bps=BPS,
            )
        )
    markets = []
    for index in range(MAX_PERP_POSITIONS):
        oracle = kairos.create_oracle(rng.randrange(1, 10**7), 0, exponent=rng.randrange(-8, 1))
        maint = rng.randrange(1, 5_000)
        markets.append(
            kairos.craft_perp_market(
                index,
                oracle.address,
                base_lot_size=10 ** rng.randrange(0, 9),
                base_decimals=rng.randrange(0, 10),
                init_margin_bps=rng.randrange(maint + 1, BPS + 1),
                maint_margin_bps=maint,
                init_pnl_weight_bps=rng.randrange(0, BPS + 1),
                max_confidence_bps=BPS,
            )
        )
    trader = kairos.new_trader()
    return trader, (assets, markets)


def randomize_state(kairos: Kairos, trader: Trader, world: Any, rng: random.Random) -> None:
    assets, markets = world
    oracles = [asset.oracle.address for asset in assets if asset.oracle is not None]
    for oracle in oracles + [market.oracle for market in markets]:
        state = kairos.chain.decode(oracle)
        confidence = rng.randrange(0, state.price + 1)
        kairos.chain.write_account(oracle, "Oracle", {**_fields(state), "confidence": confidence})
    state = kairos.margin(trader.margin)
    state.quote_balance = rng.randrange(-(10**12), 10**12)
    used = rng.sample(range(len(assets)), rng.randrange(0, MAX_COLLATERAL_POSITIONS + 1))
    for slot, position in enumerate(state.collateral):
        active = slot < len(used)
        position.active = int(active)
        position.asset_index = assets[used[slot]].index if active else 0
        position.amount = rng.randrange(1, 10**9) if active else 0
    for slot, position in enumerate(state.perp_positions):
        active = rng.random() < 0.7
        position.active = int(active)
        position.market_index = markets[slot].index if active else 0
        position.base_lots = rng.randrange(-(10**4), 10**4) if active else 0
        position.quote_position = rng.randrange(-(10**11), 10**11) if active else 0
        position.bids_base_lots = rng.randrange(0, 10**3) if active else 0
        position.asks_base_lots = rng.randrange(0, 10**3) if active else 0
        position.bids_quote = rng.randrange(0, 10**10) if active else 0
        position.asks_quote = rng.randrange(0, 10**10) if active else 0
        # Funding owed or due (issue 15): the market's index vs the position's snapshot.
        position.funding_index_snapshot = rng.randrange(-(10**14), 10**14) if active else 0
    for market_info in markets:
        market = kairos.chain.decode(market_info.address)
        market.funding_index = rng.randrange(-(10**14), 10**14)
        kairos.chain.write_account(market_info.address, "PerpMarket", market)
    kairos.chain.write_account(trader.margin, "MarginAccount", state)


def _fields(decoded: Any) -> dict[str, Any]:
    return {name: getattr(decoded, name) for name in decoded.__dataclass_fields__}


def test_matches_the_python_formula_on_random_states(kairos: Kairos) -> None:
    rng = random.Random(20_260_101)
    trader, world = random_world(kairos, rng)
    compared = 0
    while compared < 40:
        randomize_state(kairos, trader, world, rng)
        seen = Intermediates()
        expected = reference_health(kairos, trader, seen)
        if seen.largest >= SAFE_MAGNITUDE:
            continue
        assert health_of(kairos, trader) == expected
        compared += 1


# ---- oracle checks -------------------------------------------------------------------


def test_stale_collateral_oracle(kairos: Kairos) -> None:
    asset = kairos.add_asset(max_staleness_slots=5)
    trader = kairos.new_trader()
    kairos.deposit(trader, asset, 10)
    kairos.chain.warp(6)
    ix = kairos.compute_health_ix(trader.margin)
    kairos.fail_unchanged([ix], [kairos.chain.payer], ERRORS["StaleOracle"])
    kairos.refresh_oracles()
    kairos.compute_health(trader.margin)


def test_stale_perp_oracle(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    _sol_perp(kairos, trader, base_lots=1, quote_position=0)
    kairos.chain.warp(101)  # the crafted market allows 100 slots
    failure = kairos.chain.fail([kairos.compute_health_ix(trader.margin)], [kairos.chain.payer])
    assert custom_error_code(failure) == ERRORS["StaleOracle"]


def test_confidence_bound_is_inclusive(kairos: Kairos) -> None:
    asset = kairos.add_asset(price=1_000_000, max_confidence_bps=250)
    trader = kairos.new_trader()
    kairos.deposit(trader, asset, 10)
    assert asset.oracle is not None
    kairos.update_oracle(asset.oracle, 1_000_000, 25_000)  # exactly 2.5 %
    kairos.compute_health(trader.margin)
    kairos.update_oracle(asset.oracle, 1_000_000, 25_001)
    ix = kairos.compute_health_ix(trader.margin)
    kairos.fail_unchanged([ix], [kairos.chain.payer], ERRORS["OracleConfidenceTooWide"])


@pytest.mark.parametrize("price", [0, -1])
def test_non_positive_price(kairos: Kairos, price: int) -> None:
    # update_oracle refuses such prices; a crafted oracle shows the reader checks too.
    asset = kairos.add_asset()
    trader = kairos.new_trader()
    kairos.deposit(trader, asset, 10)
    assert asset.oracle is not None
    state = kairos.chain.decode(asset.oracle.address)
    kairos.chain.write_account(asset.oracle.address, "Oracle", {**_fields(state), "price": price})
    failure = kairos.chain.fail([kairos.compute_health_ix(trader.margin)], [kairos.chain.payer])
    assert custom_error_code(failure) == ERRORS["InvalidOraclePrice"]


def test_oracle_must_be_a_kairos_oracle(kairos: Kairos) -> None:
    # An asset whose stored oracle is not an Oracle account (crafted: add_collateral_asset
    # refuses it) fails in oracle_read, not in the health-account links.
    asset = kairos.add_asset()
    trader = kairos.new_trader()
    kairos.deposit(trader, asset, 10)
    state = kairos.asset_state(asset)
    state.oracle = kairos.exchange.quote_vault
    kairos.chain.write_account(asset.address, "CollateralAsset", state)
    metas = [
        kairos.quote_asset_meta(),
        AccountMeta(asset.address, is_signer=False, is_writable=False),
        AccountMeta(kairos.exchange.quote_vault, is_signer=False, is_writable=False),
    ]
    failure = kairos.chain.fail(
        [kairos.compute_health_ix(trader.margin, metas)], [kairos.chain.payer]
    )
    assert custom_error_code(failure) == ERRORS["InvalidOracle"]


def test_overflowing_value_is_an_error(kairos: Kairos) -> None:
    # 10^9 units at 10^12 quote each (exponent +12) exceed i64: refused, not wrapped.
    asset = kairos.add_asset(decimals=0, price=1, exponent=12)
    trader = kairos.new_trader()
    kairos.deposit(trader, asset, 10**9)
    failure = kairos.chain.fail([kairos.compute_health_ix(trader.margin)], [kairos.chain.payer])
    assert custom_error_code(failure) == ERRORS["MathOverflow"]


# ---- health accounts and account checks ---------------------------------------------


def _two_positions(kairos: Kairos) -> Trader:
    trader = kairos.new_trader()
    kairos.deposit(trader, kairos.add_asset(), 10)
    _sol_perp(kairos, trader, base_lots=1, quote_position=0)
    return trader


@pytest.mark.parametrize(
    "mangle",
    [
        lambda metas: metas[:2],  # the perp position left out
        lambda metas: metas[2:],  # the collateral left out
        lambda metas: metas[2:] + metas[:2],  # perp before collateral
        lambda metas: [metas[2], metas[1], metas[0], metas[3]],  # market in the asset's place
        lambda metas: [metas[0], metas[3], metas[2], metas[1]],  # oracles swapped
        lambda metas: [*metas, metas[0]],  # one extra account
    ],
)
def test_health_accounts_must_match(kairos: Kairos, mangle: Any) -> None:
    trader = _two_positions(kairos)
    metas = mangle(kairos.health_accounts(trader.margin))
    failure = kairos.chain.fail(
        [kairos.compute_health_ix(trader.margin, metas)], [kairos.chain.payer]
    )
    assert custom_error_code(failure) == ERRORS["HealthAccountsMismatch"]


def test_market_index_link(kairos: Kairos) -> None:
    trader = _two_positions(kairos)
    # A second market on the same oracle, with another index.
    other = kairos.craft_perp_market(7, kairos.perp_markets[2].oracle)
    metas = kairos.health_accounts(trader.margin)
    metas[2] = AccountMeta(other.address, is_signer=False, is_writable=False)
    failure = kairos.chain.fail(
        [kairos.compute_health_ix(trader.margin, metas)], [kairos.chain.payer]
    )
    assert custom_error_code(failure) == ERRORS["HealthAccountsMismatch"]


@pytest.mark.parametrize(
    ("impostor", "expected"),
    [
        (lambda k: k.exchange.quote_asset, ERR_DISCRIMINATOR_MISMATCH),
        (lambda k: k.exchange.quote_vault, ERR_WRONG_OWNER),
    ],
)
def test_margin_account_must_be_a_margin_account(
    kairos: Kairos, impostor: Any, expected: int
) -> None:
    trader = kairos.new_trader()
    ix = with_meta(
        kairos.compute_health_ix(trader.margin, []),
        index_of("margin_account"),
        pubkey=impostor(kairos),
    )
    kairos.fail_unchanged([ix], [kairos.chain.payer], expected)


def test_anyone_may_compute_anyones_health(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    kairos.deposit(trader, kairos.quote, 5)
    stranger = kairos.chain.fund()
    meta = kairos.send([kairos.compute_health_ix(trader.margin)], [stranger])
    assert health_from_return_data(meta) == (5, 5)


def test_gate(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    ix = kairos.compute_health_ix(trader.margin)
    kairos.halt("compute_health")
    kairos.fail_unchanged([ix], [kairos.chain.payer], ERRORS["InstructionHalted"])
    kairos.set_gate(0)
    kairos.send([ix], [kairos.chain.payer])


def test_malformed(kairos: Kairos) -> None:
    trader = kairos.new_trader()
    ix = kairos.compute_health_ix(trader.margin)
    kairos.fail_unchanged(
        [with_data(ix, bytes(ix.data) + b"\x00")],
        [kairos.chain.payer],
        ERR_INSTRUCTION_DID_NOT_DESERIALIZE,
    )
