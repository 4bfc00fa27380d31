"""Quote borrowing end to end (borrow/borrow.h): a negative quote balance is a
borrow that accrues interest through the quote asset's index.

Every expected number is computed here from the formulas of the design, with
integer math of this file's own (`ref_*`), never from the SDK mirror:

    utilization = floor(borrows × 10,000 / (borrows + deposits))   (0 without borrows)
    rate        = the kinked line through (0, base), (kink, optimal), (10,000, max), floor
    index'      = index + floor(index × rate × seconds / (10,000 × 31,536,000))
    interest    = ceil(base × index / snapshot) − base,  base = min(principal, −balance)

The SDK mirror (kairos.math.health with unix_timestamp) is compared with the program's
compute_health view. `Kairos.send` checks the vault invariant (now with
borrow_interest_pending) and total_borrows == Σ borrow_principal after every step.

Units as in the perp tests: oracle exponent 0, base decimals = quote decimals,
base_lot_size 1, so an oracle price p is p quote native per lot. The collateral
asset has 6 decimals and price 1: one native unit is worth one quote native unit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from math import ceil, floor
from typing import Any

import pytest
from kairos import events as sdk_events
from kairos import instructions as sdk_ix
from kairos.accounts import CollateralAsset, Exchange, MarginAccount, Oracle, PerpMarket
from kairos.math import health as sdk_health
from kairos.math import liquidation as sdk_liquidation
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.transaction_metadata import TransactionMetadata

from .conftest import (
    BPS,
    ERR_CONSTRAINT_MUT,
    ERR_DISCRIMINATOR_MISMATCH,
    ERR_NOT_SIGNER,
    ERR_WRONG_OWNER,
    ERRORS,
    QUOTE_DECIMALS,
    ROOT,
    AssetInfo,
    Kairos,
    Trader,
    with_meta,
)
from .liquidation.conftest import Liquidation
from .perp.conftest import ASK, BID, MARKET, Market, Perp, events_named


def _idl_constants() -> dict[str, int]:
    constants = json.loads((ROOT / "idl" / "kairos.json").read_text())["constants"]
    return {c["name"]: int(c["value"]) for c in constants}


IDL_CONSTANTS = _idl_constants()
INDEX_ONE = IDL_CONSTANTS["BORROW_INDEX_ONE"]
YEAR = IDL_CONSTANTS["SECONDS_PER_YEAR"]
DAY = 86_400
U16_MAX = 2**16 - 1
MONTH = 30 * DAY

# (base, optimal, max, kink) in bps.
Curve = tuple[int, int, int, int]
DEFAULT_CURVE: Curve = (
    IDL_CONSTANTS["DEFAULT_BORROW_RATE_BASE_BPS"],
    IDL_CONSTANTS["DEFAULT_BORROW_RATE_OPTIMAL_BPS"],
    IDL_CONSTANTS["DEFAULT_BORROW_RATE_MAX_BPS"],
    IDL_CONSTANTS["DEFAULT_BORROW_OPTIMAL_UTILIZATION_BPS"],
)
CURVE_A: Curve = (200, 2_000, 20_000, 5_000)  # 917 bps lies below its kink
CURVE_B: Curve = (100, 500, 30_000, 500)  # ... and above this one

# The standard borrower: 10,000 lots bought at 100 as taker (fee ceil(1,000,000 ×
# 10 / 10,000) = 1,000), the oracle falls to 90 and settle_pnl realizes the
# 100,000 loss: quote balance −101,000, all of it borrowed.
ENTRY = 100
CRASH = 90
LOTS = 10_000
TAKER_FEE = 1_000
PRINCIPAL = TAKER_FEE + LOTS * (ENTRY - CRASH)
MAKER_DEPOSIT = 1_000_000  # the quote vault's deposits: utilization 917 bps
COLLATERAL = 10_000_000

# Measured 1,319 (accrue_borrow_interest, 1 account), 6,317 (8 accounts: about 710
# per account, each charged and logged) and 896 (set_borrow_rate_params); the
# budgets are about 1.5 × the measurement.
ACCRUE_ONE_CU_BUDGET = 2_000
ACCRUE_EIGHT_CU_BUDGET = 9_500
SET_RATE_CU_BUDGET = 1_400


# ---- reference formulas (independent of kairos.math.borrow) ----------------------------


def ref_utilization(borrows: int, deposits: int) -> int:
    if borrows == 0:
        return 0
    return floor(Fraction(borrows * BPS, borrows + deposits))


def ref_rate(utilization: int, curve: Curve) -> int:
    base, optimal, maximum, kink = curve
    # Linear between the two points around the utilization, rounded down.
    if utilization <= kink:
        (x0, y0), (x1, y1) = (0, base), (kink, optimal)
    else:
        (x0, y0), (x1, y1) = (kink, optimal), (BPS, maximum)
    return y0 + floor(Fraction((y1 - y0) * (utilization - x0), x1 - x0))


def ref_index(index: int, rate: int, seconds: int) -> int:
    return index + floor(Fraction(index * rate * seconds, BPS * YEAR))


def ref_interest(base: int, index: int, snapshot: int) -> int:
    if base == 0 or snapshot == 0:
        return 0
    return ceil(Fraction(base * index, snapshot)) - base


def curve_of(quote: Any) -> Curve:
    return (
        quote.borrow_rate_base_bps,
        quote.borrow_rate_optimal_bps,
        quote.borrow_rate_max_bps,
        quote.borrow_optimal_utilization_bps,
    )


def rate_of(quote: Any) -> int:
    """The rate the quote asset's stored state gives (utilization of its totals)."""
    return ref_rate(ref_utilization(quote.total_borrows, quote.total_deposits), curve_of(quote))


# ---- harness --------------------------------------------------------------------------


@dataclass
class Borrowing:
    """A perp market, a 6-decimal collateral asset at price 1, and borrow helpers."""

    kairos: Kairos
    perp: Perp
    market: Market
    collateral: AssetInfo

    @property
    def payer(self) -> Keypair:
        return self.kairos.chain.payer

    def now(self) -> int:
        return int(self.kairos.chain.clock().unix_timestamp)

    def warp(self, seconds: int) -> None:
        """Move unix time only: the slot (and so every oracle's freshness) stays."""
        self.kairos.chain.warp(0, seconds)

    def quote(self) -> Any:
        return self.kairos.asset_state(self.kairos.quote)

    def account(self, margin: Pubkey) -> Any:
        return self.kairos.margin(margin)

    def collateralized_trader(self, amount: int = COLLATERAL) -> Trader:
        trader = self.kairos.new_trader()
        self.kairos.deposit(trader, self.collateral, amount)
        return trader

    def borrower(self, lots: int = LOTS) -> Trader:
        """A trader whose settled loss (and taker fee) leaves its quote balance negative."""
        self.kairos.update_oracle(self.market.oracle, ENTRY)
        maker = self.perp.trader(MAKER_DEPOSIT)
        borrower = self.collateralized_trader()
        self.perp.place(maker, self.market, ASK, ENTRY, lots)
        self.perp.place(borrower, self.market, BID, ENTRY, lots, order_type=MARKET)
        self.perp.consume(self.market)
        self.kairos.update_oracle(self.market.oracle, CRASH)
        self.perp.settle(borrower.margin, self.market)
        return borrower

    # ---- instructions ----

    def accrue_ix(self, margins: list[Pubkey]) -> Instruction:
        return sdk_ix.accrue_borrow_interest(
            quote_mint=self.kairos.quote.mint, margin_accounts=margins
        )

    def accrue(self, *margins: Pubkey) -> TransactionMetadata:
        return self.kairos.send([self.accrue_ix(list(margins))], [self.payer])

    def set_rate_ix(self, curve: Curve, admin: Pubkey | None = None) -> Instruction:
        base, optimal, maximum, kink = curve
        return sdk_ix.set_borrow_rate_params(
            admin=admin or self.kairos.exchange.admin.pubkey(),
            quote_mint=self.kairos.quote.mint,
            base_rate_bps=base,
            optimal_rate_bps=optimal,
            max_rate_bps=maximum,
            optimal_utilization_bps=kink,
        )

    def sweep(self) -> TransactionMetadata:
        """sweep_fees_to_insurance on the harness's market, by the admin."""
        admin = self.kairos.exchange.admin
        sweep = sdk_ix.sweep_fees_to_insurance(
            admin=admin.pubkey(),
            market_index=self.market.index,
            event_queue=self.market.event_queue,
            quote_mint=self.kairos.quote.mint,
        )
        return self.kairos.send([sweep], [admin])

    def set_rate(self, curve: Curve) -> TransactionMetadata:
        admin = self.kairos.exchange.admin
        return self.kairos.send([self.set_rate_ix(curve)], [admin])

    # ---- the SDK's view ----

    def decode(self, cls: Any, key: Pubkey) -> Any:
        """A program account decoded by the SDK's own classes."""
        info = self.kairos.chain.svm.get_account(key)
        assert info is not None
        return cls.decode(bytes(info.data))

    def mirror(self, margin: Pubkey) -> sdk_health.HealthBreakdown:
        """kairos.math.health at the chain's slot and unix time."""
        kairos = self.kairos
        assets = {i: self.decode(CollateralAsset, a.address) for i, a in kairos.assets.items()}
        markets = {i: self.decode(PerpMarket, m.address) for i, m in kairos.perp_markets.items()}
        oracle_keys = [a.oracle.address for a in kairos.assets.values() if a.oracle]
        oracle_keys += [m.oracle for m in kairos.perp_markets.values()]
        clock = kairos.chain.clock()
        return sdk_health.health_breakdown(
            self.decode(MarginAccount, margin),
            assets=assets,
            markets=markets,
            oracles={key: self.decode(Oracle, key) for key in oracle_keys},
            quote_decimals=QUOTE_DECIMALS,
            slot=clock.slot,
            unix_timestamp=clock.unix_timestamp,
        )

    def mirror_health(self, margin: Pubkey) -> tuple[int, int]:
        breakdown = self.mirror(margin)
        return breakdown.init, breakdown.maint


@pytest.fixture()
def perp(kairos: Kairos) -> Perp:
    return Perp(kairos)


@pytest.fixture()
def bw(kairos: Kairos, perp: Perp) -> Borrowing:
    market, _ = perp.create_market()
    # Warp off time 0 first: every roll-forward below has a real timestamp.
    kairos.chain.warp(0, 1_700_000_000)
    collateral = kairos.add_asset(decimals=6, price=1)
    return Borrowing(kairos, perp, market, collateral)


def borrow_events(bw: Borrowing, meta: TransactionMetadata) -> list[Any]:
    return events_named(bw.kairos.chain, meta, "BorrowInterestAccrued")


# ---- 1. accrual by hand ------------------------------------------------------------


def test_the_standard_borrower(bw: Borrowing) -> None:
    borrower = bw.borrower()
    account = bw.account(borrower.margin)
    quote = bw.quote()
    assert (account.quote_balance, account.borrow_principal) == (-PRINCIPAL, PRINCIPAL)
    # Nothing borrowed before, at base rate 0: the index is still one.
    assert account.borrow_index_snapshot == quote.borrow_index == INDEX_ONE
    assert quote.borrow_index_timestamp == bw.now()
    assert (quote.total_borrows, quote.total_deposits) == (PRINCIPAL, MAKER_DEPOSIT)
    assert curve_of(quote) == DEFAULT_CURVE == (0, 1_000, 10_000, 8_000)
    assert ref_utilization(PRINCIPAL, MAKER_DEPOSIT) == 917
    assert rate_of(quote) == 114  # floor(1,000 × 917 / 8,000)


def test_accrual_charges_the_interest_computed_by_hand(bw: Borrowing) -> None:
    kairos = bw.kairos
    borrower = bw.borrower()
    start = bw.now()
    health_before = kairos.compute_health(borrower.margin)
    assert bw.mirror_health(borrower.margin) == health_before

    bw.warp(MONTH)
    index = ref_index(INDEX_ONE, 114, MONTH)
    interest = ref_interest(PRINCIPAL, index, INDEX_ONE)
    assert (index, interest) == (INDEX_ONE + 936_986_301, 95)
    # Health counts the interest before anything checkpoints the account.
    health_pending = kairos.compute_health(borrower.margin)
    assert health_before[0] - health_pending[0] == interest
    assert health_before[1] - health_pending[1] == interest
    assert bw.mirror_health(borrower.margin) == health_pending
    # ... read-only: the view wrote nothing.
    assert bw.quote().borrow_index == INDEX_ONE
    assert bw.quote().borrow_index_timestamp == start
    assert bw.account(borrower.margin).quote_balance == -PRINCIPAL

    meta = bw.accrue(borrower.margin)
    # Decoded by the SDK's typed event parser (and equal to AnchorPy's decoding).
    [event] = sdk_events.events_of_type(
        sdk_events.parse_events(meta.logs()), sdk_events.BorrowInterestAccrued
    )
    owed = PRINCIPAL + interest
    utilization = ref_utilization(owed, MAKER_DEPOSIT)
    assert event == sdk_events.BorrowInterestAccrued(
        margin_account=borrower.margin,
        interest=interest,
        borrow_after=owed,
        borrow_index=index,
        total_borrows=owed,
        total_deposits=MAKER_DEPOSIT,
        utilization_bps=utilization,
        borrow_rate_bps=ref_rate(utilization, DEFAULT_CURVE),
        timestamp=start + MONTH,
    )
    [anchor_event] = borrow_events(bw, meta)
    assert (anchor_event.interest, anchor_event.borrow_index) == (interest, index)
    quote = bw.quote()
    assert (quote.borrow_index, quote.borrow_index_timestamp) == (index, start + MONTH)
    assert (quote.total_borrows, quote.borrow_interest_pending) == (owed, interest)
    account = bw.account(borrower.margin)
    assert (account.quote_balance, account.borrow_principal) == (-owed, owed)
    assert account.borrow_index_snapshot == index
    # The checkpoint moved what health already counted.
    assert kairos.compute_health(borrower.margin) == health_pending

    # Again at the same time: nothing more is owed.
    [again] = borrow_events(bw, bw.accrue(borrower.margin))
    assert (again.interest, again.borrow_after, again.borrow_index) == (0, owed, index)
    assert bw.quote().borrow_interest_pending == interest

    # A second month compounds on the grown debt, at the grown utilization.
    bw.warp(MONTH)
    rate = ref_rate(utilization, DEFAULT_CURVE)
    index_2 = ref_index(index, rate, MONTH)
    interest_2 = ref_interest(owed, index_2, index)
    assert (index_2, interest_2) == (INDEX_ONE + 1_874_850_545, 95)
    [second] = borrow_events(bw, bw.accrue(borrower.margin))
    assert (second.interest, second.borrow_index) == (interest_2, index_2)
    assert bw.quote().borrow_interest_pending == interest + interest_2
    assert bw.account(borrower.margin).quote_balance == -(owed + interest_2)


def test_a_borrow_through_fees_alone_starts_at_its_first_checkpoint(bw: Borrowing) -> None:
    # A taker fee takes the balance below zero without a checkpoint: no principal
    # yet, so no interest, until accrue_borrow_interest records it. (CURVE_A's
    # base rate applies: the utilization of so small a borrow is 0.)
    bw.set_rate(CURVE_A)
    maker = bw.perp.trader(MAKER_DEPOSIT)
    trader = bw.collateralized_trader()
    bw.perp.place(maker, bw.market, ASK, ENTRY, 1_000)
    bw.perp.place(trader, bw.market, BID, ENTRY, 1_000, order_type=MARKET)
    fee = 100  # ceil(100,000 × 10 / 10,000)
    account = bw.account(trader.margin)
    assert (account.quote_balance, account.borrow_principal) == (-fee, 0)
    assert bw.quote().total_borrows == 0
    bw.warp(MONTH)
    assert bw.kairos.compute_health(trader.margin) == bw.mirror_health(trader.margin)
    [event] = borrow_events(bw, bw.accrue(trader.margin))
    assert (event.interest, event.borrow_after, event.total_borrows) == (0, fee, fee)
    account = bw.account(trader.margin)
    assert (account.quote_balance, account.borrow_principal) == (-fee, fee)

    bw.warp(MONTH)
    quote = bw.quote()
    index = ref_index(quote.borrow_index, rate_of(quote), MONTH)
    interest = ref_interest(fee, index, quote.borrow_index)
    assert rate_of(quote) == 200
    assert interest == 1  # 0.16 rounded up: a debt
    [event] = borrow_events(bw, bw.accrue(trader.margin))
    assert (event.interest, event.borrow_index) == (interest, index)


def test_each_checkpoint_rounds_the_interest_up(bw: Borrowing) -> None:
    # ceil(base × index / snapshot) − base is at least 1 as soon as the index moved:
    # a checkpoint every second charges a small debt 1 unit a second, whatever the
    # rate. (Recorded as found: the interest depends on how often anyone cranks.)
    bw.set_rate(CURVE_A)  # 200 bps at 0 utilization
    maker = bw.perp.trader(MAKER_DEPOSIT)
    trader = bw.collateralized_trader()
    bw.perp.place(maker, bw.market, ASK, ENTRY, 1_000)
    bw.perp.place(trader, bw.market, BID, ENTRY, 1_000, order_type=MARKET)
    bw.accrue(trader.margin)  # records the 100 of fees as principal
    assert bw.account(trader.margin).borrow_principal == 100
    charged = []
    for _ in range(10):
        bw.warp(1)
        quote = bw.quote()
        # floor(1e12 × 200 × 1 / 315,360,000,000) = 634 per second
        assert ref_index(quote.borrow_index, rate_of(quote), 1) - quote.borrow_index == 634
        [event] = borrow_events(bw, bw.accrue(trader.margin))
        charged.append(event.interest)
    assert charged == [1] * 10
    # The exact interest of those 10 seconds: 100 × 2 % × 10 / 31,536,000 units.
    assert ceil(Fraction(100 * 200 * 10, BPS * YEAR)) == 1


# ---- 2. the curve and the accounts ------------------------------------------------


def test_each_period_accrues_at_the_curve_in_force(bw: Borrowing) -> None:
    borrower = bw.borrower()
    utilization = ref_utilization(PRINCIPAL, MAKER_DEPOSIT)
    rates = [ref_rate(utilization, curve) for curve in (DEFAULT_CURVE, CURVE_A, CURVE_B)]
    assert rates == [114, 530, 1_794]  # below CURVE_A's kink, above CURVE_B's
    index = INDEX_ONE
    for (curve, seconds), old_rate in zip(
        [(CURVE_A, 10 * DAY), (CURVE_B, 20 * DAY)], rates, strict=False
    ):
        bw.warp(seconds)
        meta = bw.set_rate(curve)
        index = ref_index(index, old_rate, seconds)
        [event] = events_named(bw.kairos.chain, meta, "BorrowRateParamsSet")
        assert (
            event.base_rate_bps,
            event.optimal_rate_bps,
            event.max_rate_bps,
            event.optimal_utilization_bps,
        ) == curve
        assert event.borrow_index == index
        quote = bw.quote()
        assert curve_of(quote) == curve
        assert (quote.borrow_index, quote.borrow_index_timestamp) == (index, bw.now())
        assert quote.total_borrows == PRINCIPAL  # the curve moves no money
        assert bw.account(borrower.margin).quote_balance == -PRINCIPAL
    bw.warp(5 * DAY)
    index = ref_index(index, rates[2], 5 * DAY)
    [event] = borrow_events(bw, bw.accrue(borrower.margin))
    interest = ref_interest(PRINCIPAL, index, INDEX_ONE)
    assert (event.borrow_index, event.interest) == (index, interest)
    # One rate over all 35 days would give another number.
    for rate in rates:
        assert ref_interest(PRINCIPAL, ref_index(INDEX_ONE, rate, 35 * DAY), INDEX_ONE) != interest


def test_utilization_moves_with_deposits_and_each_period_keeps_its_own(bw: Borrowing) -> None:
    borrower = bw.borrower()
    rate_before = ref_rate(ref_utilization(PRINCIPAL, MAKER_DEPOSIT), DEFAULT_CURVE)
    bw.warp(10 * DAY)
    # A lender's quote deposit rolls the index at the old utilization first.
    lender = bw.kairos.new_trader()
    meta = bw.kairos.deposit(lender, bw.kairos.quote, 3_000_000)
    assert borrow_events(bw, meta) == []  # not a borrower
    index = ref_index(INDEX_ONE, rate_before, 10 * DAY)
    quote = bw.quote()
    assert (quote.borrow_index, quote.total_deposits) == (index, MAKER_DEPOSIT + 3_000_000)
    account = bw.account(lender.margin)
    assert (account.borrow_principal, account.borrow_index_snapshot) == (0, index)
    utilization_after = ref_utilization(PRINCIPAL, MAKER_DEPOSIT + 3_000_000)
    assert utilization_after == 246
    rate_after = ref_rate(utilization_after, DEFAULT_CURVE)
    assert rate_after == 30 < rate_before
    bw.warp(20 * DAY)
    [event] = borrow_events(bw, bw.accrue(borrower.margin))
    index = ref_index(index, rate_after, 20 * DAY)
    assert (event.borrow_index, event.interest) == (
        index,
        ref_interest(PRINCIPAL, index, INDEX_ONE),
    )


@pytest.mark.parametrize(
    "curve",
    [
        (1_001, 1_000, 10_000, 8_000),  # base above optimal
        (0, 10_001, 10_000, 8_000),  # optimal above max
        (0, 1_000, 10_000, 0),  # kink at 0
        (0, 1_000, 10_000, 10_000),  # kink at 100%
        (0, 1_000, 10_000, 65_535),
        (65_535, 0, 0, 5_000),
    ],
)
def test_bad_curves_are_refused(bw: Borrowing, curve: Curve) -> None:
    bw.borrower()
    bw.warp(MONTH)  # a roll-forward would change the index: it must not happen
    bw.kairos.fail_unchanged(
        [bw.set_rate_ix(curve)], [bw.kairos.exchange.admin], ERRORS["InvalidBorrowRateParams"]
    )


@pytest.mark.parametrize(
    "curve", [(0, 0, 0, 1), (500, 500, 500, 9_999), (0, 65_535, 65_535, 5_000)]
)
def test_edge_curves_are_accepted(bw: Borrowing, curve: Curve) -> None:
    bw.set_rate(curve)
    assert curve_of(bw.quote()) == curve


def test_only_the_admin_sets_the_curve(bw: Borrowing) -> None:
    bw.borrower()
    bw.warp(MONTH)
    intruder = bw.kairos.chain.fund()
    bw.kairos.fail_unchanged(
        [bw.set_rate_ix(CURVE_A, admin=intruder.pubkey())], [intruder], ERRORS["Unauthorized"]
    )
    unsigned = with_meta(bw.set_rate_ix(CURVE_A), 1, is_signer=False)
    bw.kairos.fail_unchanged([unsigned], [bw.payer], ERR_NOT_SIGNER)


QuoteImpostor = Callable[[Borrowing, Trader], tuple[dict[str, Any], int]]

QUOTE_IMPOSTORS: dict[str, QuoteImpostor] = {
    "collateral asset": lambda bw, _: ({"pubkey": bw.collateral.address}, ERRORS["AssetMismatch"]),
    "read-only quote": lambda bw, _: ({"is_writable": False}, ERR_CONSTRAINT_MUT),
    "token account": lambda bw, _: ({"pubkey": bw.kairos.quote.vault}, ERR_WRONG_OWNER),
    "margin account": lambda bw, t: ({"pubkey": t.margin}, ERR_DISCRIMINATOR_MISMATCH),
    "exchange": lambda bw, _: ({"pubkey": bw.kairos.exchange.address}, ERR_DISCRIMINATOR_MISMATCH),
}


@pytest.mark.parametrize("impostor", QUOTE_IMPOSTORS.values(), ids=QUOTE_IMPOSTORS.keys())
@pytest.mark.parametrize("instruction", ["accrue_borrow_interest", "set_borrow_rate_params"])
def test_the_quote_asset_is_checked(
    bw: Borrowing, impostor: QuoteImpostor, instruction: str
) -> None:
    borrower = bw.borrower()
    bw.warp(MONTH)
    changes, code = impostor(bw, borrower)
    if instruction == "accrue_borrow_interest":
        ix, signer = bw.accrue_ix([borrower.margin]), bw.payer
        position = 1
    else:
        ix, signer = bw.set_rate_ix(CURVE_A), bw.kairos.exchange.admin
        position = 2
    bw.kairos.fail_unchanged([with_meta(ix, position, **changes)], [signer], code)


MarginImpostor = Callable[[Borrowing, Trader], tuple[Instruction, int]]

MARGIN_IMPOSTORS: dict[str, MarginImpostor] = {
    "read-only margin account": lambda bw, t: (
        with_meta(bw.accrue_ix([t.margin]), 2, is_writable=False),
        ERR_CONSTRAINT_MUT,
    ),
    "collateral asset": lambda bw, t: (
        bw.accrue_ix([t.margin, bw.collateral.address]),
        ERR_DISCRIMINATOR_MISMATCH,
    ),
    "perp market": lambda bw, t: (
        bw.accrue_ix([bw.market.address, t.margin]),
        ERR_DISCRIMINATOR_MISMATCH,
    ),
    "wallet": lambda bw, t: (bw.accrue_ix([t.margin, t.owner.pubkey()]), ERR_WRONG_OWNER),
}


@pytest.mark.parametrize("impostor", MARGIN_IMPOSTORS.values(), ids=MARGIN_IMPOSTORS.keys())
def test_accrue_checks_every_margin_account(bw: Borrowing, impostor: MarginImpostor) -> None:
    borrower = bw.borrower()
    bw.warp(MONTH)
    ix, code = impostor(bw, borrower)
    bw.kairos.fail_unchanged([ix], [bw.payer], code)


def test_accrue_without_accounts_rolls_the_index_only(bw: Borrowing) -> None:
    borrower = bw.borrower()
    bw.warp(MONTH)
    meta = bw.accrue()
    assert borrow_events(bw, meta) == []
    assert bw.quote().borrow_index == ref_index(INDEX_ONE, 114, MONTH)
    assert bw.quote().borrow_interest_pending == 0
    # The account owes the same when it is checkpointed later.
    [event] = borrow_events(bw, bw.accrue(borrower.margin))
    assert event.interest == 95


def test_a_repeated_account_pays_once(bw: Borrowing) -> None:
    borrower = bw.borrower()
    bw.warp(MONTH)
    meta = bw.accrue(borrower.margin, borrower.margin)
    assert [e.interest for e in borrow_events(bw, meta)] == [95, 0]
    assert bw.quote().borrow_interest_pending == 95


# ---- 3. repayment and lenders ------------------------------------------------------


def test_a_quote_deposit_charges_the_interest_then_repays(bw: Borrowing) -> None:
    kairos = bw.kairos
    borrower = bw.borrower()
    bw.warp(MONTH)
    interest = 95
    meta = kairos.deposit(borrower, kairos.quote, 50_000)
    [event] = borrow_events(bw, meta)
    owed = PRINCIPAL + interest - 50_000
    assert (event.interest, event.borrow_after, event.total_borrows) == (interest, owed, owed)
    assert event.total_deposits == MAKER_DEPOSIT + 50_000
    [deposited] = events_named(kairos.chain, meta, "Deposited")
    assert deposited.balance_after == -owed
    quote = bw.quote()
    assert (quote.total_borrows, quote.borrow_interest_pending) == (owed, interest)
    account = bw.account(borrower.margin)
    assert (account.quote_balance, account.borrow_principal) == (-owed, owed)

    # Repaid in full and a little more: no borrow left, nothing more charged.
    meta = kairos.deposit(borrower, kairos.quote, owed + 1_000)
    [event] = borrow_events(bw, meta)
    assert (event.interest, event.borrow_after, event.total_borrows) == (0, 0, 0)
    account = bw.account(borrower.margin)
    assert (account.quote_balance, account.borrow_principal) == (1_000, 0)
    assert bw.quote().total_borrows == 0

    # A positive balance never pays interest.
    bw.warp(MONTH)
    assert borrow_events(bw, bw.accrue(borrower.margin)) == []
    assert bw.account(borrower.margin).quote_balance == 1_000
    assert bw.quote().borrow_interest_pending == interest
    meta = kairos.withdraw(borrower, kairos.quote, 1_000)
    assert borrow_events(bw, meta) == []
    assert bw.account(borrower.margin).quote_balance == 0


def test_settle_pnl_charges_the_interest_before_the_profit(bw: Borrowing) -> None:
    borrower = bw.borrower()
    bw.warp(MONTH)
    bw.kairos.update_oracle(bw.market.oracle, 95)  # 50,000 back from the pool
    meta = bw.perp.settle(borrower.margin, bw.market)
    [settled] = events_named(bw.kairos.chain, meta, "PnlSettled")
    assert settled.amount == LOTS * (95 - CRASH)
    owed = PRINCIPAL + 95 - LOTS * (95 - CRASH)
    assert settled.quote_balance_after == -owed
    [event] = borrow_events(bw, meta)
    assert (event.interest, event.borrow_after, event.total_borrows) == (95, owed, owed)
    account = bw.account(borrower.margin)
    assert (account.borrow_principal, account.borrow_index_snapshot) == (
        owed,
        ref_index(INDEX_ONE, 114, MONTH),
    )


def test_a_lender_withdrawal_leaves_the_borrows(bw: Borrowing) -> None:
    kairos = bw.kairos
    borrower = bw.borrower()
    lender = kairos.new_trader()
    kairos.deposit(lender, kairos.quote, 500_000)
    bw.warp(MONTH)
    quote = bw.quote()
    index = ref_index(quote.borrow_index, rate_of(quote), MONTH)
    meta = kairos.withdraw(lender, kairos.quote, 200_000)
    assert borrow_events(bw, meta) == []
    quote = bw.quote()
    assert (quote.total_borrows, quote.borrow_interest_pending) == (PRINCIPAL, 0)
    assert (quote.borrow_index, quote.borrow_index_timestamp) == (index, bw.now())
    account = bw.account(lender.margin)
    assert (account.quote_balance, account.borrow_principal) == (300_000, 0)
    assert account.borrow_index_snapshot == index
    # The borrower still owes exactly its interest since its snapshot.
    [event] = borrow_events(bw, bw.accrue(borrower.margin, lender.margin))
    assert event.margin_account == borrower.margin
    assert event.interest == ref_interest(PRINCIPAL, index, INDEX_ONE)
    assert bw.account(lender.margin).quote_balance == 300_000


# ---- 4. the insurance fund's claim ----------------------------------------------------


def test_sweep_moves_the_interest_to_the_insurance_vault(bw: Borrowing) -> None:
    kairos = bw.kairos
    borrower = bw.borrower()
    bw.warp(MONTH)
    bw.accrue(borrower.margin)
    interest = bw.quote().borrow_interest_pending
    assert interest == 95
    fees = bw.perp.market_state(bw.market).fees_accrued
    bw.warp(10 * DAY)
    quote = bw.quote()
    index = ref_index(quote.borrow_index, rate_of(quote), 10 * DAY)
    vault_before = kairos.chain.token_amount(kairos.exchange.quote_vault)
    meta = bw.sweep()
    [event] = events_named(kairos.chain, meta, "FeesSweptToInsurance")
    assert (event.fees, event.insurance_share, event.borrow_interest) == (fees, 0, interest)
    assert event.insurance_vault_after == fees + interest
    assert kairos.chain.token_amount(kairos.exchange.insurance_vault) == fees + interest
    assert kairos.chain.token_amount(kairos.exchange.quote_vault) == vault_before - fees - interest
    quote = bw.quote()
    assert quote.borrow_interest_pending == 0
    assert quote.total_deposits == vault_before - fees - interest
    # total_deposits changed: the index was rolled at the old utilization first.
    assert (quote.borrow_index, quote.borrow_index_timestamp) == (index, bw.now())


# ---- 5. bankruptcy and liquidation --------------------------------------------------


def test_bankruptcy_charges_the_interest_first(bw: Borrowing) -> None:
    kairos = bw.kairos
    kairos.update_oracle(bw.market.oracle, ENTRY)
    liq = Liquidation(kairos, bw.perp)
    liq.set_params()
    liq.set_fee(bw.market)
    long, _ = liq.open_long(bw.market)
    liquidator = liq.liquidator()
    kairos.update_oracle(bw.market.oracle, 85)  # below the long's bankruptcy price
    kairos.send([liq.liquidate_perp_ix(long.margin, liquidator, bw.market)], [liquidator.owner])
    bw.perp.settle(long.margin, bw.market)
    account = bw.account(long.margin)
    debt = -account.quote_balance
    assert debt > 0 and account.borrow_principal == debt
    assert not any(p.active for p in account.perp_positions)

    bw.warp(MONTH)
    quote = bw.quote()
    index = ref_index(quote.borrow_index, rate_of(quote), MONTH)
    interest = ref_interest(debt, index, account.borrow_index_snapshot)
    assert interest > 0
    pending = quote.borrow_interest_pending
    share = kairos.exchange_state().insurance_pending
    meta = kairos.send([liq.resolve_ix(long.margin, bw.market)], [bw.payer])
    [resolved] = events_named(kairos.chain, meta, "BankruptcyResolved")
    assert resolved.loss == debt + interest
    assert resolved.insurance_covered + resolved.socialized == debt + interest
    [event] = borrow_events(bw, meta)
    assert (event.interest, event.borrow_after, event.borrow_index) == (interest, 0, index)
    # The insurance fund's claims in the quote vault cover first: its share of
    # liquidation fees, then the borrow interest (this account's own included).
    from_share = min(debt + interest, share)
    from_interest = min(debt + interest - from_share, pending + interest)
    assert from_interest > 0
    assert resolved.insurance_covered >= from_share + from_interest
    quote = bw.quote()
    assert kairos.exchange_state().insurance_pending == share - from_share
    assert (quote.borrow_interest_pending, quote.total_borrows) == (
        pending + interest - from_interest,
        0,
    )
    account = bw.account(long.margin)
    assert (account.quote_balance, account.borrow_principal) == (0, 0)


def test_interest_alone_makes_a_borrower_liquidatable(bw: Borrowing) -> None:
    kairos, perp, market = bw.kairos, bw.perp, bw.market
    liq = Liquidation(kairos, perp)
    liq.set_params(buffer_bps=500)
    liq.set_discount(bw.collateral, 500)
    borrower = bw.borrower()
    # Close the position at 90 (fee ceil(900,000 × 10 / 10,000) = 900): the
    # borrow stays, backed by the collateral alone.
    closer = perp.trader(MAKER_DEPOSIT)
    perp.place(closer, market, BID, CRASH, LOTS)
    perp.place(borrower, market, ASK, CRASH, LOTS, order_type=MARKET)
    perp.consume(market)
    perp.settle(borrower.margin, market)
    debt = PRINCIPAL + 900
    kairos.withdraw(borrower, bw.collateral, COLLATERAL - 130_000)
    # The liquidator borrows too (same index, same moment): both are checkpointed.
    liquidator = bw.borrower()
    account = bw.account(borrower.margin)
    assert (account.quote_balance, account.borrow_principal) == (-debt, debt)
    assert not any(p.active for p in account.perp_positions)
    # init = 0.8 × 130,000 − 101,900, maint = 0.9 × 130,000 − 101,900
    assert kairos.compute_health(borrower.margin) == (2_100, 15_100)
    liquidate = liq.liquidate_collateral_ix(borrower.margin, liquidator, bw.collateral)
    kairos.fail_unchanged([liquidate], [liquidator.owner], ERRORS["NotLiquidatable"])

    steep: Curve = (U16_MAX, U16_MAX, U16_MAX, 5_000)  # 655.35 % a year, flat
    bw.set_rate(steep)
    bw.warp(10 * DAY)
    index = ref_index(INDEX_ONE, U16_MAX, 10 * DAY)
    interest = ref_interest(debt, index, INDEX_ONE)
    assert interest == 18_296  # ceil(101,900 × 0.1795479452...)
    # Nothing touched the account, yet its health pays the interest.
    assert kairos.compute_health(borrower.margin) == (2_100 - interest, 15_100 - interest)
    before = bw.mirror(borrower.margin)
    assert (before.init, before.maint) == (2_100 - interest, 15_100 - interest)
    assert bw.collateral.oracle is not None
    oracle = bw.decode(Oracle, bw.collateral.oracle.address)
    expected = sdk_liquidation.collateral_liquidation_amount(
        bw.decode(Exchange, kairos.exchange.address),
        bw.decode(CollateralAsset, bw.collateral.address),
        sdk_health.OraclePrice(oracle.price, oracle.confidence, oracle.exponent),
        health=before,
        held=130_000,
        max_amount=2**63,
        quote_decimals=QUOTE_DECIMALS,
    )
    liquidate = liq.liquidate_collateral_ix(borrower.margin, liquidator, bw.collateral)
    meta = kairos.send([liquidate], [liquidator.owner])
    [sold] = events_named(kairos.chain, meta, "CollateralLiquidated")
    assert sold.maint_health_before == 15_100 - interest
    assert sold.amount == expected > 0
    # Both paid their interest first, then the quote moved.
    [event, liquidator_event] = borrow_events(bw, meta)
    owed = debt + interest - sold.quote_paid
    assert event.margin_account == borrower.margin
    assert (event.interest, event.borrow_after, event.borrow_index) == (interest, owed, index)
    account = bw.account(borrower.margin)
    assert (account.quote_balance, account.borrow_principal) == (-owed, owed)
    liquidator_interest = ref_interest(PRINCIPAL, index, INDEX_ONE)
    liquidator_owed = PRINCIPAL + liquidator_interest + sold.quote_paid + sold.insurance_fee
    assert liquidator_event.margin_account == liquidator.margin
    assert (liquidator_event.interest, liquidator_event.borrow_after) == (
        liquidator_interest,
        liquidator_owed,
    )
    assert liquidator_event.total_borrows == owed + liquidator_owed
    account = bw.account(liquidator.margin)
    assert (account.quote_balance, account.borrow_principal) == (-liquidator_owed, liquidator_owed)
    assert account.borrow_index_snapshot == index
    assert bw.quote().borrow_interest_pending == interest + liquidator_interest


# ---- 6. closing --------------------------------------------------------------------


def test_a_recorded_principal_keeps_the_account_open(bw: Borrowing) -> None:
    kairos, perp, market = bw.kairos, bw.perp, bw.market
    maker = perp.trader(MAKER_DEPOSIT)
    trader = bw.collateralized_trader(1_000_000)
    # Two taker legs of 10 lots at 100: a fee of ceil(1,000 × 10 / 10,000) = 1 each.
    perp.place(maker, market, ASK, ENTRY, 10)
    perp.place(trader, market, BID, ENTRY, 10, order_type=MARKET)
    perp.place(maker, market, BID, ENTRY, 10)
    perp.place(trader, market, ASK, ENTRY, 10, order_type=MARKET)
    perp.consume(market)
    [event] = borrow_events(bw, bw.accrue(trader.margin))
    assert (event.interest, event.borrow_after) == (0, 2)
    # Two maker legs of 50 lots: a rebate of floor(5,000 × 2 / 10,000) = 1 each
    # brings the balance back to 0 without a checkpoint.
    taker = perp.trader(MAKER_DEPOSIT)
    perp.place(trader, market, BID, ENTRY, 50)
    perp.place(taker, market, ASK, ENTRY, 50, order_type=MARKET)
    perp.consume(market)
    perp.place(trader, market, ASK, ENTRY, 50)
    perp.place(taker, market, BID, ENTRY, 50, order_type=MARKET)
    perp.consume(market)
    kairos.withdraw(trader, bw.collateral, 1_000_000)
    account = bw.account(trader.margin)
    assert (account.quote_balance, account.borrow_principal) == (0, 2)
    assert not any(p.active for p in account.perp_positions)
    assert not any(s.active for s in account.collateral)

    close = kairos.close_margin_account_ix(trader.margin, trader.owner.pubkey())
    kairos.fail_unchanged([close], [trader.owner], ERRORS["AccountNotEmpty"])
    bw.warp(MONTH)
    # No debt, no interest; the checkpoint clears the principal.
    [event] = borrow_events(bw, bw.accrue(trader.margin))
    assert (event.interest, event.borrow_after, event.total_borrows) == (0, 0, 0)
    pending = bw.quote().borrow_interest_pending
    kairos.send([close], [trader.owner])
    assert kairos.chain.svm.get_account(trader.margin) is None or (
        kairos.chain.svm.get_account(trader.margin).lamports == 0  # type: ignore[union-attr]
    )
    assert bw.quote().borrow_interest_pending == pending


# ---- upgrade: a quote asset created before borrowing existed -------------------------

PRE_UPGRADE_ZEROES = (
    "borrow_index",
    "borrow_index_timestamp",
    "borrow_rate_base_bps",
    "borrow_rate_optimal_bps",
    "borrow_rate_max_bps",
    "borrow_optimal_utilization_bps",
)


def test_an_exchange_created_before_borrowing_keeps_working(bw: Borrowing) -> None:
    # docs/ARCHITECTURE.md on fields carved from reserved: "All are zero on existing
    # accounts, which means ... existing behaviour is unchanged."
    kairos = bw.kairos
    trader = kairos.new_trader()
    kairos.deposit(trader, kairos.quote, 1_000)
    state = kairos.asset_state(kairos.quote)
    for name in PRE_UPGRADE_ZEROES:
        setattr(state, name, 0)
    kairos.chain.write_account(kairos.quote.address, "CollateralAsset", state)
    bw.warp(DAY)
    assert kairos.compute_health(trader.margin) == (1_000, 1_000)
    kairos.deposit(trader, kairos.quote, 1_000)
    # The first roll-forward (the deposit) set the index up with the default curve.
    quote = kairos.asset_state(kairos.quote)
    assert quote.borrow_index == INDEX_ONE
    assert quote.borrow_optimal_utilization_bps == DEFAULT_CURVE[3]
    bw.set_rate(DEFAULT_CURVE)


# ---- 7. compute units ----------------------------------------------------------------


def test_compute_units(bw: Borrowing) -> None:
    borrowers = [bw.borrower(lots=1_000) for _ in range(8)]
    principal = 100 + 1_000 * (ENTRY - CRASH)  # fee + loss, each
    assert bw.quote().total_borrows == 8 * principal
    bw.set_rate(CURVE_B)  # above its kink: every account pays a visible interest
    bw.warp(MONTH)
    index = ref_index(INDEX_ONE, rate_of(bw.quote()), MONTH)
    first = ref_interest(principal, index, INDEX_ONE)
    one = bw.accrue(borrowers[0].margin)
    assert [e.interest for e in borrow_events(bw, one)] == [first]
    bw.warp(MONTH)
    index_2 = ref_index(index, rate_of(bw.quote()), MONTH)
    eight = bw.accrue(*(b.margin for b in borrowers))
    assert [e.interest for e in borrow_events(bw, eight)] == [
        ref_interest(principal + first, index_2, index),
        *[ref_interest(principal, index_2, INDEX_ONE)] * 7,
    ]
    bw.warp(MONTH)
    rate = bw.set_rate(CURVE_A)
    measured = (
        one.compute_units_consumed(),
        eight.compute_units_consumed(),
        rate.compute_units_consumed(),
    )
    print(f"\nCU accrue 1 / accrue 8 / set_borrow_rate_params: {measured}")
    assert measured[0] <= ACCRUE_ONE_CU_BUDGET
    assert measured[1] <= ACCRUE_EIGHT_CU_BUDGET
    assert measured[2] <= SET_RATE_CU_BUDGET


def test_sweep_takes_only_the_interest_the_vault_holds(bw: Borrowing) -> None:
    # Interest is backed by borrowers' debts, not by tokens: when the vault holds less
    # than the fees plus the interest, the fees are swept and the interest only up to
    # what is left; the rest stays pending (fees are never blocked by unpaid interest).
    kairos = bw.kairos
    borrower = bw.borrower()
    vault = kairos.chain.token_amount(kairos.exchange.quote_vault)
    fees = bw.perp.market_state(bw.market).fees_accrued
    # A consistent state as if a lot of interest had been charged: the borrower owes
    # `extra` more, the insurance fund is owed as much (the invariants still hold).
    extra = vault  # more than the vault can pay after the fees
    state = kairos.margin(borrower.margin)
    kairos.craft_margin(
        borrower.margin,
        quote_balance=state.quote_balance - extra,
        borrow_principal=state.borrow_principal + extra,
    )
    quote = kairos.asset_state(kairos.quote)
    quote.borrow_interest_pending += extra
    quote.total_borrows += extra
    kairos.chain.write_account(kairos.quote.address, "CollateralAsset", quote)
    kairos.check_invariants()
    meta = bw.sweep()
    [event] = events_named(kairos.chain, meta, "FeesSweptToInsurance")
    assert (event.fees, event.borrow_interest) == (fees, vault - fees)
    assert kairos.chain.token_amount(kairos.exchange.quote_vault) == 0
    assert bw.quote().borrow_interest_pending == extra - (vault - fees)
