"""A trader hits every risk limit in turn, on a cluster (the risk-limits localnet scenario).

Used by ``tests/keepers/kairos_keepers/keepers/test_risk_scenario.py`` and
``benchmarks/risk_limits_scenario.py``. The auction demo's exchange (SOL-PERP, 0.01 SOL
lots, oracle 100 USDC); the admin publishes SOL's figures (5 %/day) and allows a zero
loosening cooldown, so the trader can move from one limit to the next (each request that
loosens still waits: it applies at the account's next evaluation). A maker rests 50 SOL
of asks 5 bps over the oracle. The trader (10,000 USDC) sets one limit per step and sends
an order that breaks it (``orders.place`` appends the account's risk accounts); the
program refuses it with the limit's own error:

====================  ==============  ============================================
step                  limit           order
====================  ==============  ============================================
leverage              1×              bid 120 SOL (resting, 1 % under the oracle)
largest position      0.5×            bid 60 SOL
concentration         30 %            bid 50 SOL (5,000 of 15,000 gross)
VaR                   1 %             bid 10 SOL (2.326 × 5 % × 1,000 = 1.16 %)
correlated exposure   0.5×            bid 60 SOL
liquidity             50 % of depth   market buy 40 of the 50 SOL resting
====================  ==============  ============================================

Then the daily-loss (5 %) and drawdown (3 %) limits: the trader buys the 50 SOL, the
oracle drops 12 %, and the ``risk`` keeper, scanning for breaches, sends ``compute_risk``:
``RiskLimitBreached {daily loss}``; the next order is refused with ``RiskReduceOnly``.
The owner resets the high-water mark, swaps the daily-loss limit for the drawdown one,
the oracle drops 10 % more, and the keeper records ``RiskLimitBreached {drawdown}``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from typing import Any

from kairos import errors
from kairos.accounts import RiskLimitValues
from kairos.client import KairosClient
from kairos.constants import OrderType, Side
from kairos.events import RiskLimitBreached
from kairos.params import (
    CreateRiskLimitsParams,
    PlaceOrderParams,
    PublishRiskParams,
    SetRiskLimitCapsParams,
    SetRiskLimitsParams,
    UpdateOracleParams,
)
from kairos.risk import RiskLimitKind, limit_values
from solders.keypair import Keypair

from kairos_keepers.keepers.risk import RiskKeeper, RiskSettings
from kairos_keepers.testing.auction_demo import (
    ORACLE_PRICE,
    PRICE_PER_LOT,
    DemoExchange,
    bps_above,
    new_trader,
)
from kairos_keepers.testing.harness import LAMPORTS_PER_SOL
from kairos_keepers.testing.risk_factors import make_factors, risk_runtime

QUOTE = 10_000 * 10**6
MAKER_LOTS = 5_000
ORACLE_SEED = 7  # the auction demo's SOL oracle


def limits(**values: int) -> RiskLimitValues:
    """Every limit off unless named; a zero loosening cooldown."""
    return limit_values(**{"loosen_cooldown_seconds": 0, **values})


@dataclasses.dataclass(frozen=True)
class Step:
    """One step: the limit set, what was sent, and what the chain answered."""

    limit: str
    action: str
    outcome: str
    """The program error's name, or the event observed."""
    detail: str = ""


@dataclasses.dataclass
class ScenarioResult:
    """Every step, and the RiskLimitBreached events read back from the chain."""

    steps: list[Step]
    breaches: list[RiskLimitBreached]
    seconds: float


async def _order(
    client: KairosClient,
    market_index: int,
    side: Side,
    price: int,
    lots: int,
    order_type: OrderType = OrderType.LIMIT,
) -> Any:
    # orders.place appends the account's RiskLimits and RiskParameters (its flag is set).
    return await client.send(
        client.orders.place(
            PlaceOrderParams(market_index, side, price, lots, order_type=order_type)
        )
    )


async def _refused(client: KairosClient, market_index: int, *order: Any) -> str:
    """Send an order expected to be refused; the program error's name."""
    try:
        await _order(client, market_index, *order)
    except errors.KairosProgramError as exc:
        return exc.name
    raise AssertionError(f"order {order} was not refused")


async def _until(predicate: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        found = await predicate()
        if found:
            return found
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {timeout} s")
        await asyncio.sleep(0.1)


async def run_scenario(
    exchange: DemoExchange, *, breach_scan_seconds: float = 0.5
) -> ScenarioResult:
    """Run the whole scenario (module doc) on ``exchange``; the steps and the events."""
    started = time.monotonic()
    market = exchange.market_index
    steps: list[Step] = []
    async with exchange.client() as admin:
        oracle = admin.oracle_address(ORACLE_SEED)
        await make_factors(admin, [admin.perp_market_address(market)])
        await admin.send(admin.risk.set_risk_limit_caps(SetRiskLimitCapsParams(limits(), limits())))
        volatility = [50_000] + [0] * 15
        correlation = [10_000] + [0] * 255
        await admin.send(
            admin.risk.publish_risk_params(
                PublishRiskParams(
                    volatility,
                    correlation,
                    max_staleness_slots=1_000_000,
                    half_life_seconds=86_400,
                    factor_count=1,
                )
            )
        )
    maker = await new_trader(exchange)
    async with exchange.client(maker) as client:
        await client.send(
            client.orders.place(
                PlaceOrderParams(market, Side.ASK, bps_above(PRICE_PER_LOT, 5), MAKER_LOTS)
            )
        )
    wallet = await new_trader(exchange, quote=QUOTE)
    under = PRICE_PER_LOT * 99 // 100  # a resting bid 1 % under the oracle
    worst = bps_above(PRICE_PER_LOT, 100)  # a market order's worst price
    async with exchange.client(wallet) as trader:
        margin = trader.margin_account_address()
        await trader.send(
            trader.risk.create_risk_limits(CreateRiskLimitsParams(limits(max_leverage_bps=10_000)))
        )

        async def set_limits(values: RiskLimitValues) -> None:
            await trader.send(trader.risk.set_risk_limits(SetRiskLimitsParams(values, margin)))

        async def move_oracle(percent: int) -> None:
            async with exchange.client() as admin:
                price = ORACLE_PRICE * percent // 100
                await admin.send(admin.oracles.update(UpdateOracleParams(oracle, price, 10_000)))

        cases = [
            ("leverage 1x", limits(max_leverage_bps=10_000), (Side.BID, under, 12_000)),
            ("largest position 0.5x", limits(max_position_bps=5_000), (Side.BID, under, 6_000)),
            (
                "concentration 30%",
                limits(max_concentration_bps=3_000),
                (Side.BID, under, 5_000),
            ),
            ("VaR 1%", limits(max_var_bps=100), (Side.BID, under, 1_000)),
            (
                "correlated exposure 0.5x",
                limits(max_correlated_exposure_bps=5_000),
                (Side.BID, under, 6_000),
            ),
            (
                "liquidity 50% of depth within 2%",
                limits(max_liquidity_take_bps=5_000, liquidity_band_bps=200),
                (Side.BID, worst, 4_000, OrderType.MARKET),
            ),
        ]
        for name, values, order in cases:
            await set_limits(values)
            error = await _refused(trader, market, *order)
            side, price, lots = order[:3]
            kind = "market buy" if len(order) > 3 else "bid"
            steps.append(Step(name, f"{kind} {lots / 100:g} SOL at {price / 10_000:g}", error))

        # Daily loss: buy the 50 SOL (every other limit off), then the oracle drops 12 %.
        await set_limits(limits(max_daily_loss_bps=500))
        await _order(trader, market, Side.BID, worst, MAKER_LOTS, OrderType.MARKET)
        steps.append(Step("daily loss 5%", "market buy 50 SOL", "filled"))
        payer = Keypair()
        async with exchange.client() as admin:
            await admin.tokens.airdrop(10 * LAMPORTS_PER_SOL, payer.pubkey())
        settings = RiskSettings(publish=False, breach_scan_seconds=breach_scan_seconds)
        runtime = risk_runtime(exchange.rpc_url, payer, settings, ws_url=exchange.ws_url)
        task = asyncio.create_task(runtime.run())
        try:

            async def recorded(count: int) -> Any:
                assert not task.done(), "the risk keeper stopped"
                keeper = runtime.keeper
                return isinstance(keeper, RiskKeeper) and len(keeper.recorded) >= count

            await move_oracle(88)
            await _until(lambda: recorded(1), 60, "the daily-loss breach record")
            steps.append(Step("daily loss 5%", "oracle −12 %, risk keeper", "RiskLimitBreached"))
            error = await _refused(trader, market, Side.BID, under * 88 // 100, 1)
            steps.append(Step("reduce-only", "bid 0.01 SOL", error))

            # Drawdown: reset the high-water mark, swap the limits, drop 10 % more.
            await trader.send(trader.risk.reset_high_water_mark())
            await set_limits(limits(max_drawdown_bps=300))
            await move_oracle(79)
            await _until(lambda: recorded(2), 60, "the drawdown breach record")
            steps.append(
                Step("drawdown 3%", "reset-hwm, oracle −10 %, risk keeper", "RiskLimitBreached")
            )
        finally:
            runtime.request_stop("scenario over")
            await task
        keeper = runtime.keeper
        assert isinstance(keeper, RiskKeeper)
        breaches: list[RiskLimitBreached] = []
        for signature, *_ in keeper.recorded:
            for event in await trader.get_transaction_events(signature):
                if isinstance(event, RiskLimitBreached):
                    breaches.append(event)
    for step, event in zip(
        (s for s in steps if s.outcome == "RiskLimitBreached"), breaches, strict=False
    ):
        index = steps.index(step)
        steps[index] = dataclasses.replace(
            step,
            detail=(
                f"{RiskLimitKind(event.limit).name.lower()}: {event.value} bps > {event.bound} bps"
            ),
        )
    return ScenarioResult(steps, breaches, time.monotonic() - started)
