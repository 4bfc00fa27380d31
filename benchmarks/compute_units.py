"""Compute units per instruction of the Kairos program, measured in LiteSVM.

Builds the program, deploys it into a fresh LiteSVM, runs every instruction in
the situations that matter for its cost (a resting order, a market order
crossing 1, 4 and 16 makers, the crank over 1, 8 and 16 fills, ...) and prints
one table. The figure is the program's own consumption as the runtime logs it
("Program <id> consumed N of M compute units"), CPIs included, without the
other instructions of the transaction (e.g. the client's create_account calls
before create_perp_market). Budgets asserted by the tests are shown beside.

The setup reuses the program tests' harness (tests/programs/kairos/conftest.py
and perp/conftest.py), so the vault invariant is checked after every step here
too.

    python benchmarks/compute_units.py
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from anchorpy import Program, Provider, Wallet  # noqa: E402
from kairos import instructions as liq_sdk  # noqa: E402
from kairos.program import PROGRAM_ID, load_idl  # noqa: E402
from kairos_localnet.svm import make_svm  # noqa: E402
from kairos_toolchain.build import build_program  # noqa: E402
from kairos_toolchain.deploy import deploy_program  # noqa: E402
from solana.rpc.async_api import AsyncClient  # noqa: E402
from solders.instruction import Instruction  # noqa: E402
from solders.keypair import Keypair  # noqa: E402
from solders.transaction_metadata import TransactionMetadata  # noqa: E402

from tests.programs.kairos.conftest import (  # noqa: E402
    LAMPORTS_PER_SOL,
    Chain,
    Kairos,
    instruction_index,
)
from tests.programs.kairos.orders.conftest import Orders as OrderTypes  # noqa: E402
from tests.programs.kairos.perp.conftest import ASK, BID, MARKET, Perp  # noqa: E402
from tests.programs.kairos.twap.orders_harness import CRON, Orders  # noqa: E402

CONSUMED = re.compile(rf"^Program {PROGRAM_ID} consumed (\d+) of \d+ compute units$")
# Budgets the tests assert (tests/programs/kairos/perp/, the brief's figures).
BUDGETS = {
    "place_order: resting limit": 25_000,
    "place_order: market, crosses 4 makers": 60_000,
    "consume_events: 8 fills": 40_000,
    "execute_twap_slice: crosses 4 makers": 60_000,
    "execute_scheduled_order: cron run, 1 maker": 60_000,
    # Issue 4 (tests/programs/kairos/orders).
    "place_order_v2: GTC resting": 6_000,
    "place_order_v2: IOC, 1 maker": 10_000,
    "place_order_v2: FOK, 2 makers": 20_000,
    "update_trailing_stop": 2_500,
    "trigger_order: stop-market, 1 maker, OCO partner closed": 10_000,
    "cancel_trigger_order": 2_500,
    # Liquidation (tests/programs/kairos/liquidation/); Mango v4 takes 79k-200k CU.
    "force_cancel_orders: 1 order": 5_000,
    "liquidate_perp: partial, liqee 1 perp, liquidator 1 perp": 10_000,
    "liquidate_collateral: liqee 1 asset + 1 perp, liquidator 1 asset": 10_000,
    "resolve_bankruptcy: insurance + socialized": 12_000,
    "sweep_fees_to_insurance": 12_000,
    # Issue 6 (tests/programs/kairos/auctions): open_auction adds 1,500 per PDA bump tried.
    "submit_bid": 6_000,
    "improve_bid": 6_000,
    "cancel_bid": 2_000,
    "settle_auction: 3 winners": 20_000,
    "settle_auction: no bids (expired)": 3_000,
    # Issue 11 (tests/programs/kairos/auctions/test_auction_liveness.py).
    "settle_auction: closed best provider, 1 winner": 20_000,
    "expire_auction: past the grace, 1 void bid": 3_000,
    # Borrow interest (tests/programs/kairos/test_borrow.py).
    "set_borrow_rate_params": 1_400,
    "accrue_borrow_interest: 1 borrower": 2_000,
    "accrue_borrow_interest: 8 borrowers": 9_500,
    # Funding (tests/programs/kairos/funding/): the budget.
    "update_funding: roll": 6_000,
    "update_funding: start": 6_000,
    "update_funding: sample only": 6_000,
}
# The cost funding adds to place_order (the same orders on a build without funding's
# hooks, -DKAIROS_FUNDING_BASELINE, in the same run): tests/programs/kairos/funding.
PLACE_ORDER_FUNDING_BUDGET = 500


@dataclass
class Row:
    label: str
    compute_units: int


@dataclass
class RecordingChain(Chain):
    """A Chain that keeps the program's compute units of every successful send."""

    last: list[int] = field(default_factory=list)

    def send(self, instructions: list[Instruction], signers: list[Keypair]) -> TransactionMetadata:
        meta = super().send(instructions, signers)
        self.last = [int(m.group(1)) for line in meta.logs() if (m := CONSUMED.match(line))]
        return meta


def new_chain() -> RecordingChain:
    svm = make_svm()
    payer = Keypair()
    svm.airdrop(payer.pubkey(), 10_000 * LAMPORTS_PER_SOL)
    keypair = Keypair.from_bytes(
        bytes(json.loads((ROOT / "programs/kairos/kairos-keypair.json").read_text()))
    )
    deploy_program(svm, payer, keypair, build_program(ROOT).read_bytes())
    provider = Provider(AsyncClient("http://127.0.0.1:1"), Wallet(payer))
    return RecordingChain(svm, payer, Program(load_idl(), PROGRAM_ID, provider))


def measure() -> list[Row]:
    chain = new_chain()
    rows: list[Row] = []

    def record(label: str) -> None:
        assert len(chain.last) == 1, f"{label}: expected one program instruction, got {chain.last}"
        rows.append(Row(label, chain.last[0]))

    kairos = Kairos(chain)
    # Kairos() sent initialize_exchange last (then only read state).
    record("initialize_exchange")
    kairos.set_gate(1 << instruction_index("compute_health"))
    record("set_instruction_gate")
    kairos.set_gate(0)

    asset = kairos.add_asset(decimals=9, price=20)
    # add_asset sent create_oracle, then add_collateral_asset.
    record("add_collateral_asset")
    oracle = kairos.create_oracle(100)
    record("create_oracle")
    kairos.update_oracle(oracle, 100)
    record("update_oracle")

    perp = Perp(kairos)
    market, _ = perp.create_market(oracle)
    record("create_perp_market")
    # Bands wide enough for every price these scenarios use (up to 121 on an
    # oracle of 100), so each row measures the same fills as before the bands.
    perp.set_order_rules(market, 5_000, 5_000)
    record("set_market_order_rules")

    trader = kairos.new_trader()
    record("create_margin_account")
    kairos.deposit(trader, kairos.quote, 50_000_000)
    record("deposit: quote")
    kairos.deposit(trader, asset, 10**9)
    record("deposit: collateral asset (new slot)")

    perp.place(trader, market, BID, 95, 10, client_order_id=1)
    record("place_order: resting limit")
    perp.place(trader, market, BID, 94, 10, client_order_id=2)
    record("place_order: resting limit, position open")
    kairos.send([perp.cancel_order_ix(trader, market, 1)], [trader.owner])
    record("cancel_order: by order id")
    kairos.send([perp.cancel_order_ix(trader, market, 2, is_client_id=True)], [trader.owner])
    record("cancel_order: by client order id")

    for _ in range(8):
        perp.place(trader, market, BID, 90, 1)
        perp.place(trader, market, ASK, 110, 1)
    kairos.send([perp.cancel_all_ix(trader, market)], [trader.owner])
    record("cancel_all_orders: 16 orders")

    makers = [perp.trader() for _ in range(16)]
    for count, label in [(1, "1 maker"), (4, "4 makers"), (16, "16 makers")]:
        for i, maker in enumerate(makers[:count]):
            perp.place(maker, market, ASK, 101 + i, 2)
        perp.place(trader, market, BID, 101 + count, 2 * count, order_type=MARKET)
        record(f"place_order: market, crosses {label}")
        perp.consume(market, makers=[m.margin for m in makers[:count]])
        record(f"consume_events: {count} fill{'s' if count > 1 else ''}")

    for i, maker in enumerate(makers[:8]):
        perp.place(maker, market, ASK, 101 + i, 2)
    perp.place(trader, market, BID, 110, 16, order_type=MARKET)
    perp.consume(market, makers=[m.margin for m in makers[:8]])
    record("consume_events: 8 fills")

    perp.place(trader, market, ASK, 120, 1)
    perp.place(makers[0], market, ASK, 121, 1)
    perp.place(trader, market, BID, 121, 1, order_type=MARKET)
    record("place_order: self-trade cancel + 1 fill")

    kairos.update_oracle(oracle, 105)
    perp.settle(makers[0].margin, market)
    record("settle_pnl: loss into the pool")
    perp.settle(trader.margin, market)
    record("settle_pnl: profit from the pool")

    kairos.compute_health(trader.margin)
    record("compute_health: 1 asset, 1 perp")
    kairos.withdraw(trader, kairos.quote, 1_000)
    record("withdraw: quote, health with 1 asset, 1 perp")

    empty = kairos.new_trader()
    kairos.send([kairos.close_margin_account_ix(empty.margin, empty.owner.pubkey())], [empty.owner])
    record("close_margin_account")
    measure_twap_and_scheduled(perp, market, record)
    measure_order_types(perp, record)
    measure_liquidation(perp, record)
    measure_auctions(perp, record)
    measure_borrowing(perp, record)
    measure_funding(perp, record)
    measure_price_bands(perp, record)
    measure_risk(perp, record)
    return rows


def measure_risk(perp: Perp, record: Callable[[str], None]) -> None:
    """Portfolio risk limits (issue 16): parameters, limits, an order on a full account
    (4 perps + 8 collateral, 12 factors) without limits, with the limits that need no
    factor figures and with every limit; the view; a withdrawal; rebalancing."""
    from kairos import instructions as ix
    from kairos.accounts import RebalanceMember

    from tests.programs.kairos.conftest import Trader
    from tests.programs.kairos.risk.conftest import Risk, limits

    kairos = perp.kairos
    risk = Risk(kairos, perp)
    risk.initialize()
    record("initialize_risk_parameters")
    markets = [perp.create_market()[0] for _ in range(4)]
    assets = [kairos.add_asset() for _ in range(8)]
    risk.set_factors([*(m.address for m in markets), *(a.address for a in assets)])
    record("set_risk_factors: 12 sources")
    n = 12
    matrix = [
        (10_000 if i == j else 3_000) if i < n and j < n else 0
        for i in range(16)
        for j in range(16)
    ]
    risk.publish([20_000 + 1_000 * i for i in range(n)], matrix)
    record("publish_risk_params: 12 factors, dense")

    def full_account() -> Trader:
        trader = perp.trader(100_000_000)
        for asset in assets:
            kairos.deposit(trader, asset, 1_000_000_000)
        for market in markets:
            perp.place(trader, market, BID, 95, 1_000)
        return trader

    order = (markets[0], BID, 96, 1_000)
    plain = full_account()
    perp.place(plain, *order)
    record("place_order: resting, 4 perps + 8 collateral, no risk limits")
    no_factor = full_account()
    risk.create_limits(
        no_factor,
        limits(
            max_leverage_bps=100_000,
            max_position_bps=50_000,
            max_daily_loss_bps=5_000,
            max_drawdown_bps=5_000,
        ),
    )
    record("create_risk_limits")
    kairos.send([risk.order_ix(no_factor, *order)], [no_factor.owner])
    record("place_order: same, limits without factor figures")
    every = full_account()
    risk.create_limits(
        every,
        limits(
            max_leverage_bps=100_000,
            max_position_bps=50_000,
            max_concentration_bps=9_000,
            max_daily_loss_bps=5_000,
            max_drawdown_bps=5_000,
            max_var_bps=5_000,
            max_correlated_exposure_bps=100_000,
        ),
    )
    kairos.send([risk.order_ix(every, *order)], [every.owner])
    record("place_order: same, every limit (12 factors)")
    risk.compute_risk(every)
    record("compute_risk: 4 perps + 8 collateral, 12 factors")
    kairos.send([risk.set_limits_ix(every, limits(max_leverage_bps=200_000))], [every.owner])
    record("set_risk_limits: a loosening queued")
    health = kairos.health_accounts(every.margin)
    kairos.send(
        [
            kairos.withdraw_ix(
                every, kairos.quote, 1_000, health_accounts=[*health, *ix.risk_tail(every.margin)]
            )
        ],
        [every.owner],
    )
    record("withdraw: quote, with every risk limit")
    second = Trader(plain.owner, kairos.create_margin_account(plain.owner, 1))
    kairos.send(
        [
            ix.set_rebalance_policy(
                owner=plain.owner.pubkey(),
                members=[
                    RebalanceMember(plain.margin, 0, 8_000),
                    RebalanceMember(second.margin, 0, 8_000),
                ],
                asset_mask=1,
                max_utilization_bps=9_000,
            )
        ],
        [plain.owner],
    )
    record("set_rebalance_policy: 2 members")
    kairos.send(
        [
            ix.rebalance_collateral(
                authority=plain.owner.pubkey(),
                owner=plain.owner.pubkey(),
                from_margin_account=plain.margin,
                to_margin_account=second.margin,
                collateral_asset=kairos.quote.address,
                amount=1_000_000,
                from_health_accounts=kairos.health_accounts(plain.margin),
                to_health_accounts=kairos.health_accounts(second.margin),
            )
        ],
        [plain.owner],
    )
    record("rebalance_collateral: quote, 4 perps + 8 collateral source")


def measure_price_bands(perp: Perp, record: Callable[[str], None]) -> None:
    """Issue 11: an eviction from a full side, and a reducing order's two health walks."""
    from tests.programs.kairos.perp.test_book_eviction import fill_bid_side_with_dust

    kairos = perp.kairos
    market, _ = perp.create_market()
    fill_bid_side_with_dust(perp, market)
    honest = perp.trader()
    perp.place(honest, market, BID, 95, 3)
    record("place_order: resting, evicts the worst of a full side")
    perp.consume(market)
    maker, long = perp.trader(), perp.trader()
    perp.place(maker, market, ASK, 100, 10)
    perp.place(long, market, BID, 100, 10, order_type=MARKET)
    perp.consume(market)
    perp.place(maker, market, BID, 99, 10)
    kairos.send([perp.place_order_ix(long, market, ASK, 99, 5, order_type=MARKET)], [long.owner])
    record("place_order: market, reduces a long (health before and after)")


def measure_order_types(perp: Perp, record: Callable[[str], None]) -> None:
    """Issue 4: CU per order type and option (tests/programs/kairos/orders)."""
    from kairos.constants import (
        OrderType,
        SelfTradeBehavior,
        TimeInForce,
        TrailingMode,
        TriggerKind,
    )

    kairos = perp.kairos
    kairos.refresh_oracles()
    market, _ = perp.create_market()
    orders = OrderTypes(perp, market)
    maker, trader, keeper = perp.trader(), perp.trader(), kairos.chain.fund()
    orders.place(maker, ASK, 105, 2)
    orders.place(maker, ASK, 106, 2)
    orders.place(trader, BID, 99, 2)
    record("place_order_v2: GTC resting")
    orders.place(trader, BID, 98, 2, time_in_force=TimeInForce.POST_ONLY)
    record("place_order_v2: post-only resting")
    orders.place(trader, BID, 110, 2, time_in_force=TimeInForce.POST_ONLY_SLIDE)
    record("place_order_v2: post-only-slide (repriced)")
    orders.place(trader, BID, 105, 1, time_in_force=TimeInForce.IOC)
    record("place_order_v2: IOC, 1 maker")
    orders.place(trader, BID, 106, 3, time_in_force=TimeInForce.FOK)
    record("place_order_v2: FOK, 2 makers")
    orders.place(maker, ASK, 107, 2)
    orders.place(trader, BID, 0, 1, order_type=OrderType.MARKET, max_oracle_deviation_bps=800)
    record("place_order_v2: market with oracle band, 1 maker")
    orders.place(maker, BID, 97, 2)
    orders.place(trader, ASK, 97, 2, reduce_only=True)
    record("place_order_v2: reduce-only, cancels 3 own bids, 1 maker")
    orders.place(maker, ASK, 104, 9, iceberg_display_lots=2)
    record("place_order_v2: iceberg resting")
    orders.place(trader, BID, 104, 2)
    record("place_order_v2: takes an iceberg's visible part (replenish)")
    now = kairos.chain.clock().unix_timestamp
    orders.place(maker, BID, 96, 1, expiry_timestamp=now + 1)
    record("place_order_v2: with expiry")
    kairos.chain.warp(5, seconds=5)
    kairos.refresh_oracles()
    kairos.update_oracle(market.oracle, 100)
    orders.place(trader, ASK, 96, 1, time_in_force=TimeInForce.IOC)
    record("place_order_v2: IOC meeting an expired order (Out event)")
    orders.place(trader, ASK, 103, 1)
    orders.place(trader, BID, 103, 1, self_trade_behavior=SelfTradeBehavior.DECREMENT_TAKING)
    record("place_order_v2: self-trade decrement-taking")
    perp.consume(market)
    record("consume_events: with an Out event")

    stop = orders.create_trigger(
        trader,
        ASK,
        TriggerKind.STOP_MARKET,
        95,
        2,
        limit_price=1,
        reduce_only=True,
        trailing_mode=TrailingMode.TICKS,
        trailing_offset=5,
    )
    record("create_trigger_order")
    tp = orders.create_trigger(
        trader,
        ASK,
        TriggerKind.TAKE_PROFIT_LIMIT,
        120,
        2,
        limit_price=121,
        reduce_only=True,
        linked_trigger=stop,
    )
    record("create_trigger_order: linked (OCO)")
    kairos.update_oracle(market.oracle, 110)
    kairos.send([orders.trailing_ix(stop)], [kairos.chain.payer])
    record("update_trailing_stop")
    orders.place(maker, BID, 100, 5)
    kairos.update_oracle(market.oracle, 104)
    orders.fire(trader, stop, keeper, linked=tp)
    record("trigger_order: stop-market, 1 maker, OCO partner closed")
    limit = orders.create_trigger(trader, BID, TriggerKind.STOP_LIMIT, 100, 1, limit_price=99)
    orders.fire(trader, limit, keeper)
    record("trigger_order: stop-limit resting")
    other = orders.create_trigger(trader, BID, TriggerKind.STOP_LIMIT, 150, 1, limit_price=99)
    kairos.send([orders.cancel_trigger_ix(trader, other)], [trader.owner])
    record("cancel_trigger_order")


def measure_twap_and_scheduled(perp: Perp, market: Any, record: Callable[[str], None]) -> None:
    """Issue 7: TWAP slices and scheduled runs (tests/programs/kairos/twap, scheduled)."""
    orders = Orders(perp, market)
    kairos = perp.kairos
    kairos.refresh_oracles()
    trader = perp.trader()
    twap = orders.create_twap(trader, twap_id=90, limit_price=200, slice_count=2, total_base_lots=8)
    record("create_twap_order")
    for _ in range(4):
        orders.liquidity(1, 120)
    orders.warp_seconds(orders.chain.decode(twap).start_time - orders.now())
    orders.execute_slice(twap, orders.keeper())
    record("execute_twap_slice: crosses 4 makers")
    orders.warp_seconds(60)
    orders.execute_slice(twap, orders.keeper())
    record("execute_twap_slice: no liquidity in limit (empty slice)")
    kairos.send([orders.cancel_twap_ix(twap, trader.owner)], [trader.owner])
    record("cancel_twap_order")
    schedule = orders.create_schedule(
        trader,
        kind=CRON,
        cron="*/5 * * * *",
        schedule_id=91,
        max_runs=10,
        order={"max_base_lots": 1, "price": 200},
    )
    record("create_scheduled_order: cron")
    orders.liquidity(1, 120)
    orders.warp_seconds(orders.chain.decode(schedule).next_run_time - orders.now())
    orders.execute_schedule(schedule, orders.keeper())
    record("execute_scheduled_order: cron run, 1 maker")


def measure_liquidation(perp: Perp, record: Callable[[str], None]) -> None:
    """Liquidation instructions (issue 5), in the scenarios of their tests."""
    from tests.programs.kairos.liquidation.conftest import CRASH_PRICE, Liquidation
    from tests.programs.kairos.liquidation.test_bankruptcy import bankrupt_account
    from tests.programs.kairos.liquidation.test_liquidate_collateral import collateral_long

    kairos = perp.kairos
    helper = Liquidation(kairos, perp)
    helper.set_params()
    record("set_liquidation_params")
    market, _ = perp.create_market()
    helper.set_fee(market)
    record("set_perp_liquidation_fee")
    long, _ = helper.open_long(market)
    perp.place(long, market, BID, 50, 10)
    kairos.update_oracle(market.oracle, CRASH_PRICE)
    liquidator = helper.liquidator()
    kairos.send([helper.force_cancel_ix(long.margin, market)], [kairos.chain.payer])
    record("force_cancel_orders: 1 order")
    kairos.send([helper.liquidate_perp_ix(long.margin, liquidator, market)], [liquidator.owner])
    record("liquidate_perp: partial, liqee 1 perp, liquidator 1 perp")
    guard = liq_sdk.health_guard(
        margin_account=liquidator.margin, health_accounts=kairos.health_accounts(liquidator.margin)
    )
    kairos.send([guard], [kairos.chain.payer])
    record("health_guard: 1 perp")

    market2, _ = perp.create_market()
    helper.set_fee(market2)
    owner, asset = collateral_long(helper, market2)
    buyer = helper.liquidator()
    kairos.send([helper.liquidate_collateral_ix(owner.margin, buyer, asset)], [buyer.owner])
    record("liquidate_collateral: liqee 1 asset + 1 perp, liquidator 1 asset")

    market3, _ = perp.create_market()
    helper.set_fee(market3)
    helper.set_params()
    bankrupt, _ = bankrupt_account(helper, market3)
    kairos.send([helper.sweep_ix(market3)], [kairos.exchange.admin])
    record("sweep_fees_to_insurance")
    kairos.send(
        [helper.resolve_ix(bankrupt.margin, market3)],  # type: ignore[attr-defined]
        [kairos.chain.payer],
    )
    record("resolve_bankruptcy: insurance + socialized")


def measure_borrowing(perp: Perp, record: Callable[[str], None]) -> None:
    """Borrow interest (issue 5): the crank, the curve, a settle that opens a borrow."""
    from tests.programs.kairos.test_borrow import MONTH, Borrowing

    kairos = perp.kairos
    market, _ = perp.create_market()
    bw = Borrowing(kairos, perp, market, kairos.add_asset(decimals=6, price=1))
    bw.set_rate((500, 2_000, 10_000, 8_000))
    record("set_borrow_rate_params")
    borrowers = [bw.borrower(lots=1_000) for _ in range(8)]
    record("settle_pnl: loss opens a borrow (checkpoint + event)")
    bw.warp(MONTH)
    bw.accrue(borrowers[0].margin)
    record("accrue_borrow_interest: 1 borrower")
    bw.warp(MONTH)
    bw.accrue(*(b.margin for b in borrowers))
    record("accrue_borrow_interest: 8 borrowers")
    kairos.compute_health(borrowers[1].margin)
    record("compute_health: borrower, 1 asset, 1 perp (pending interest)")


def measure_funding(perp: Perp, record: Callable[[str], None]) -> None:
    """Funding (issue 15): the crank's three paths, the admin call, a settle that pays."""
    from tests.programs.kairos.funding.conftest import HOUR, Funding

    funding = Funding(perp.kairos, perp)
    market, _ = perp.create_market()
    maker, long, short = perp.trader(10**9), perp.trader(10**8), perp.trader(10**8)
    funding.open_pair(market, long, short, 100, 1_000)
    funding.quote_book(market, maker, 100, 102, 5)
    funding.set_params(market, reward=1)
    record("set_funding_params")
    funding.update(market)
    record("update_funding: start")
    funding.warp(60, market)
    funding.update(market)
    record("update_funding: sample only")
    funding.warp(HOUR, market)
    funding.update(market)
    record("update_funding: roll")
    perp.settle(long.margin, market)
    record("settle_pnl: with funding (FundingPaid)")


def measure_funding_overhead() -> list[tuple[str, int, int]]:
    """place_order with and without funding's hooks: (label, CU, baseline CU)."""
    import tempfile

    from tests.programs.kairos.funding.test_funding_cu import (
        baseline_so,
        chain_with,
        order_costs,
    )

    keypair = Keypair.from_bytes(
        bytes(json.loads((ROOT / "programs/kairos/kairos-keypair.json").read_text()))
    )
    with tempfile.TemporaryDirectory() as build_dir:
        baseline = baseline_so(Path(build_dir))
    with_funding = order_costs(chain_with(build_program(ROOT).read_bytes(), keypair))
    without = order_costs(chain_with(baseline, keypair))
    return [(label, cost, without[label]) for label, cost in with_funding.items()]


def measure_auctions(perp: Perp, record: Callable[[str], None]) -> None:
    """Issue 6: the JIT auction instructions (tests/programs/kairos/auctions)."""
    from tests.programs.kairos.auctions.conftest import REST_BOOK, Auctions

    kairos = perp.kairos
    auctions = Auctions(perp)
    market, _ = perp.create_market()
    taker = perp.trader()
    auction, _ = auctions.open(taker, market, BID, 10, 110)
    record("open_auction")
    providers = [perp.trader() for _ in range(4)]
    bids = [(105, 3), (103, 4), (105, 5), (108, 10)]
    for provider, (price, lots) in zip(providers, bids, strict=True):
        auctions.bid(provider, auction, price, lots)
    record("submit_bid")
    auctions.bid(providers[3], auction, 107, 10, improve=True)
    record("improve_bid")
    canceller = perp.trader()
    auctions.bid(canceller, auction, 109, 2)
    kairos.send([auctions.cancel_bid_ix(canceller, auction)], [canceller.owner])
    record("cancel_bid")
    auctions.warp_past_deadline(auction)
    auctions.settle(auction, kairos.chain.payer)
    record("settle_auction: 3 winners")
    empty, _ = auctions.open(taker, market, BID, 10, 110, rest=REST_BOOK)
    auctions.warp_past_deadline(empty)
    auctions.settle(empty, kairos.chain.payer)
    record("settle_auction: no bids, rest to the book")
    expired, _ = auctions.open(taker, market, BID, 10, 90)
    auctions.warp_past_deadline(expired)
    auctions.settle(expired, kairos.chain.payer)
    record("settle_auction: no bids (expired)")
    measure_auction_liveness(perp, auctions, market, taker, record)


def measure_auction_liveness(
    perp: Perp, auctions: Any, market: Any, taker: Any, record: Callable[[str], None]
) -> None:
    """Issue 11: a closed provider's void bid at settlement; expire_auction."""
    from solders.instruction import AccountMeta

    from tests.programs.kairos.perp.conftest import DEFAULT_DEPOSIT

    kairos = perp.kairos
    auction, _ = auctions.open(taker, market, BID, 10, 110)
    gone, live = perp.trader(), perp.trader()
    auctions.bid(gone, auction, 103, 10)
    auctions.bid(live, auction, 105, 10)
    kairos.withdraw(gone, kairos.quote, DEFAULT_DEPOSIT)
    kairos.send([kairos.close_margin_account_ix(gone.margin, gone.owner.pubkey())], [gone.owner])
    auctions.warp_past_deadline(auction)
    ix = auctions.settle_ix(auction, kairos.chain.payer.pubkey(), [])
    metas = [AccountMeta(gone.margin, is_signer=False, is_writable=True)]
    metas += auctions.provider_accounts([live.margin], market)
    kairos.send([Instruction(ix.program_id, ix.data, [*ix.accounts, *metas])], [kairos.chain.payer])
    record("settle_auction: closed best provider, 1 winner")
    lapsing, _ = auctions.open(taker, market, BID, 10, 110)
    auctions.bid(live, lapsing, 105, 10)
    auctions.warp_past_grace(lapsing)
    kairos.send([auctions.expire_ix(lapsing, kairos.chain.payer.pubkey())], [kairos.chain.payer])
    record("expire_auction: past the grace, 1 void bid")


def main() -> None:
    rows = measure()
    width = max(len(row.label) for row in rows)
    print(f"{'instruction':<{width}}  {'CU':>7}  {'budget':>7}")
    print(f"{'-' * width}  {'-' * 7}  {'-' * 7}")
    for row in rows:
        budget = BUDGETS.get(row.label)
        shown = f"{budget:>7,}" if budget else f"{'':>7}"
        print(f"{row.label:<{width}}  {row.compute_units:>7,}  {shown}")
    print()
    overhead = measure_funding_overhead()
    width = max(len(label) for label, _, _ in overhead) + len("place_order: ")
    print(f"{'funding added to':<{width}}  {'CU':>7}  {'without':>7}  {'added':>5}  {'budget':>6}")
    print(f"{'-' * width}  {'-' * 7}  {'-' * 7}  {'-' * 5}  {'-' * 6}")
    for label, cost, baseline in overhead:
        print(
            f"{'place_order: ' + label:<{width}}  {cost:>7,}  {baseline:>7,}  "
            f"{cost - baseline:>5,}  {PLACE_ORDER_FUNDING_BUDGET:>6,}"
        )


if __name__ == "__main__":
    main()
