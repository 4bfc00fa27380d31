"""Execution quality on the localnet: slippage per routing template against plain taking.

A quoting bot keeps an ask ladder around the oracle (10 levels of 10 lots, 5 bps
apart from 5 bps above the oracle) and re-quotes it between executions and between
TWAP slices (what market makers do); the oracle follows a random walk (σ 3 bps per
step). Then, over many runs on fresh quotes:

* flow: takers of random sizes (5–80 lots) give the recorded fills on which the
  square-root impact model is fitted (held-out error on the newest 25%);
* basic: a plain market order of LARGE lots (6× the top of book) taking the book;
* each of the five templates: ExecutionClient.execute with the template's
  preferences, sending the first-ranked route with its on-chain limits; TWAP slices
  are executed by this script acting as the TWAP keeper (execute_twap_slice, the
  permissionless instruction the keeper sends) once due.

Slippage = (average fill price − best ask at arrival) / best ask, in bps. Also
printed: the share of every fill within the order's worst price, and preference
adherence (the sent route is the one the preferences ranked first, and its hard
rules held: child orders, MEV level, lists). Auctions, ladders and icebergs need JIT
bidders or incoming taker flow, which this benchmark does not run: they are
blacklisted here (said in the footer).

    python benchmarks/execution_quality.py [--runs 12] [--flow 40]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kairos.client import KairosClient, TxParams  # noqa: E402
from kairos.constants import OrderType, Side, SideFilter  # noqa: E402
from kairos.events import OrderFilled, events_of_type  # noqa: E402
from kairos.execution.client import ExecutionClient  # noqa: E402
from kairos.execution.impact import (  # noqa: E402
    FillRecord,
    ImpactModel,
    evaluate_holdout,
    executions_from_fills,
    fit_impact_model,
)
from kairos.execution.routes import (  # noqa: E402
    TEMPLATES,
    CandidateRoute,
    MarketContext,
    RouteKind,
    RoutingPreferences,
    allowed,
    rank_routes,
)
from kairos.params import (  # noqa: E402
    CancelAllOrdersParams,
    ConsumeEventsParams,
    ExecuteTwapSliceParams,
    PlaceOrderParams,
    PlaceOrderV2Params,
    UpdateOracleParams,
)
from kairos_keepers.testing.auction_demo import (  # noqa: E402
    DemoExchange,
    new_trader,
    set_up_exchange,
)
from kairos_localnet.testing import start_cluster  # noqa: E402
from kairos_toolchain.build import build_program  # noqa: E402
from solders.keypair import Keypair  # noqa: E402
from solders.signature import Signature  # noqa: E402

ORACLE_SEED = 7
TICK = 100
LEVELS = 10
LEVEL_LOTS = 10
STEP_BPS = 5
LARGE = 60
SIGMA_STEP = 0.0003
NOT_RUN = ("auction", "ladder", "iceberg")  # need JIT bidders / incoming taker flow
BIG_TX = TxParams(compute_unit_limit=1_400_000)
# 100 USDC per SOL: 100e6 quote native per 1e9 lamports (fees in bps of the notional).
QUOTE_PER_LAMPORT = 0.1


def lot_price(oracle: int) -> int:
    """Oracle (exponent −6, per SOL) → quote native per 0.01-SOL lot."""
    return oracle // 100


async def requote(maker: KairosClient, market_index: int, oracle: int) -> int:
    """Cancel the maker's orders and rest a fresh ask ladder; returns the best ask."""
    base = lot_price(oracle)
    prices = [
        -(-base * (10_000 + STEP_BPS * k) // (10_000 * TICK)) * TICK for k in range(1, LEVELS + 1)
    ]
    ixs = [
        await maker.orders.cancel_all(
            CancelAllOrdersParams(market_index, side_filter=SideFilter.BOTH)
        )
    ]
    for price in prices:
        ixs.append(
            await maker.orders.place_v2(
                PlaceOrderV2Params(market_index, Side.ASK, price, LEVEL_LOTS)
            )
        )
    for chunk in (ixs[:6], ixs[6:]):
        await maker.send(*chunk, tx_params=BIG_TX)
    return prices[0]


async def taker_fills(client: KairosClient, signatures: list[Signature]) -> list[OrderFilled]:
    """The wallet's taker fills in ``signatures`` (matching order)."""
    me = client.margin_account_address()
    out: list[OrderFilled] = []
    for signature in signatures:
        events = events_of_type(await client.get_transaction_events(signature), OrderFilled)
        out.extend(e for e in events if e.taker == me)
    return out


def slippage_bps(fills: list[OrderFilled], arrival_best: int) -> tuple[float, int]:
    lots = sum(f.base_lots for f in fills)
    if lots == 0:
        return float("nan"), 0
    average = sum(f.price * f.base_lots for f in fills) / lots
    return (average - arrival_best) * 10_000 / arrival_best, lots


class Market:
    """The oracle random walk, the quoting bot and the crank."""

    def __init__(self, exchange: DemoExchange, admin: KairosClient, maker: KairosClient) -> None:
        self.exchange, self.admin, self.maker = exchange, admin, maker
        self.oracle = 100_000_000
        self.rng = random.Random(20)

    async def step(self) -> int:
        """Move the oracle, crank, re-quote; returns the best ask."""
        self.oracle = int(self.oracle * (1 + self.rng.gauss(0, SIGMA_STEP)))
        admin, oracle = self.admin, self.admin.oracle_address(ORACLE_SEED)
        await admin.send(admin.oracles.update(UpdateOracleParams(oracle, self.oracle, 10_000)))
        await admin.send(
            admin.orders.consume_events(ConsumeEventsParams(self.exchange.market_index))
        )
        return await requote(self.maker, self.exchange.market_index, self.oracle)


async def run_twap(
    market: Market, keeper: KairosClient, address: object, slices: int, interval: int
) -> list[Signature]:
    """Act as the TWAP keeper: wait for each slice, move the market, execute the slice."""
    sigs = []
    for _ in range(slices):
        await asyncio.sleep(interval + 0.2)
        await market.step()  # the price keeps moving while the order waits (timing risk)
        sigs.append(
            (
                await keeper.send(keeper.twap.execute_slice(ExecuteTwapSliceParams(address)))
            ).signature
        )  # type: ignore[arg-type]
    return sigs


def ex_post_adherence(
    outcomes: list[tuple[str, RoutingPreferences, CandidateRoute, float, float]],
) -> list[bool]:
    """Per execution of one run: would the preferences still rank its route first with the
    realized slippage and time of every route kind executed in that run (same quotes
    regime) in place of the predictions?"""
    realized: dict[RouteKind, CandidateRoute] = {}
    for _, _, route, slip, seconds in outcomes:
        if slip == slip:  # not NaN (nothing filled)
            realized[route.kind] = dataclasses.replace(
                route, expected_slippage_bps=slip, expected_seconds=seconds
            )
    out = []
    for _, prefs, route, _, _ in outcomes:
        ranked = rank_routes(
            list(realized.values()), prefs, notional_quote=LARGE * 1_000_000.0,
            quote_per_lamport=QUOTE_PER_LAMPORT,
        )  # fmt: skip
        if ranked:
            out.append(ranked[0].route.kind == route.kind)
    return out


async def bench(rpc_url: str, ws_url: str, runs: int, flow_runs: int) -> dict[str, object]:
    exchange = await set_up_exchange(rpc_url, ws_url)
    maker_kp, trader_kp, flow_kp = (
        await new_trader(exchange),
        await new_trader(exchange),
        await new_trader(exchange),
    )
    results: dict[str, list[float]] = {}
    filled: dict[str, list[float]] = {}
    adherence: list[bool] = []
    within: list[bool] = []
    ex_post: list[bool] = []
    routes_used: dict[str, dict[str, int]] = {}
    async with (
        exchange.client() as admin,
        exchange.client(maker_kp) as maker,
        exchange.client(trader_kp) as trader,
        exchange.client(flow_kp) as flow,
    ):
        market = Market(exchange, admin, maker)
        mi = exchange.market_index
        # Flow: random-size takers → recorded fills → the impact model.
        records: list[FillRecord] = []
        rng = random.Random(3)
        for _ in range(flow_runs):
            best = await market.step()
            lots = rng.randrange(5, 81)
            sig = (
                await flow.send(
                    flow.orders.place(
                        PlaceOrderParams(mi, Side.BID, best * 2, lots, order_type=OrderType.MARKET)
                    ),
                    tx_params=BIG_TX,
                )
            ).signature
            slot = (await flow.connection.get_slot()).value
            for i, fill in enumerate(await taker_fills(flow, [sig])):
                records.append(
                    FillRecord(str(sig), i, "flow", slot, None, fill.base_lots,
                               -fill.base_lots * fill.price)
                )  # fmt: skip
        executions = executions_from_fills(records)
        holdout = evaluate_holdout(executions)
        model: ImpactModel = fit_impact_model(executions)
        context = MarketContext(
            tick_size=TICK, volatility_bps=model.volatility_bps, interval_seconds=1,
            passive_fill_probability=0.0, quote_per_lamport=QUOTE_PER_LAMPORT,
        )  # fmt: skip

        # Basic routing and the templates, interleaved run by run.
        keeper = admin
        for _ in range(runs):
            run_outcomes: list[tuple[str, RoutingPreferences, CandidateRoute, float, float]] = []
            best = await market.step()
            sig = (
                await trader.send(
                    trader.orders.place(
                        PlaceOrderParams(mi, Side.BID, best * 2, LARGE, order_type=OrderType.MARKET)
                    ),
                    tx_params=BIG_TX,
                )
            ).signature
            slip, lots = slippage_bps(await taker_fills(trader, [sig]), best)
            results.setdefault("basic (plain taking)", []).append(slip)
            filled.setdefault("basic (plain taking)", []).append(lots / LARGE)
            for name, base in TEMPLATES.items():
                prefs = base
                blacklist = tuple(sorted(set(prefs.blacklist) | set(NOT_RUN)))
                prefs = dataclasses.replace(prefs, blacklist=blacklist, whitelist=())
                best = await market.step()
                started_at = time.monotonic()
                result = await ExecutionClient(trader).execute(
                    mi, Side.BID, LARGE, prefs, context=context, model=model
                )
                sigs = list(result.signatures)
                if result.route.kind == RouteKind.TWAP:
                    sigs += await run_twap(
                        market, keeper, result.account, result.route.slices,
                        result.route.interval_seconds,
                    )  # fmt: skip
                seconds = time.monotonic() - started_at
                fills = await taker_fills(trader, sigs)
                slip, lots = slippage_bps(fills, best)
                run_outcomes.append((name, prefs, result.route, slip, seconds))
                results.setdefault(name, []).append(slip)
                filled.setdefault(name, []).append(lots / LARGE)
                routes_used.setdefault(name, {})
                kind = result.route.kind.value
                routes_used[name][kind] = routes_used[name].get(kind, 0) + 1
                adherence.append(
                    result.route.kind == result.ranked_first
                    and allowed(result.route, prefs) is None
                )
                within.extend(f.price <= result.worst_price for f in fills)
            ex_post.extend(ex_post_adherence(run_outcomes))
    return {
        "results": results,
        "filled": filled,
        "routes": routes_used,
        "adherence": sum(adherence) / len(adherence),
        "adherence_n": len(adherence),
        "within_worst": sum(within) / max(1, len(within)),
        "ex_post": sum(ex_post) / max(1, len(ex_post)),
        "ex_post_n": len(ex_post),
        "fills": len(within),
        "holdout": holdout,
        "model": model,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--flow", type=int, default=40)
    args = parser.parse_args()
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    started = time.monotonic()
    with start_cluster([(keypair, program)], slot_ms=400) as cluster:
        out = asyncio.run(bench(cluster.rpc_url, cluster.ws_url, args.runs, args.flow))
    results = out["results"]
    assert isinstance(results, dict)
    basic = statistics.fmean(results["basic (plain taking)"])
    print(f"Large order: buy {LARGE} lots ({LARGE // LEVEL_LOTS}x the top of book), "
          f"{args.runs} runs per row, fresh quotes each run")  # fmt: skip
    print(
        f"{'routing':<22}{'mean slip bps':>14}{'stdev':>8}{'vs basic':>10}{'filled':>8}"
        "  routes sent"
    )
    filled = out["filled"]
    assert isinstance(filled, dict)
    for name, values in results.items():
        mean = statistics.fmean(values)
        sd = statistics.stdev(values) if len(values) > 1 else 0.0
        change = "" if name.startswith("basic") else f"{(1 - mean / basic) * 100:+.0f}%"
        routes = out["routes"].get(name, {}) if isinstance(out["routes"], dict) else {}
        fill = statistics.fmean(filled[name]) * 100
        print(f"{name:<22}{mean:>14.2f}{sd:>8.2f}{change:>10}{fill:>7.0f}%  {routes}")
    holdout = out["holdout"]
    model = out["model"]
    print(
        f"impact model on {args.flow} flow executions: held-out MAE {holdout.mae_bps:.2f} bps, "  # type: ignore[attr-defined]
        f"RMSE {holdout.rmse_bps:.2f} bps (size-blind baseline MAE "  # type: ignore[attr-defined]
        f"{holdout.baseline_mae_bps:.2f}; train {holdout.train}, test {holdout.test}); "  # type: ignore[attr-defined]
        f"fit: {model.intercept:.2f} + {model.coefficient:.3f} x sigma x sqrt(q) + "  # type: ignore[attr-defined]
        f"{model.depth_coefficient:.2f} x sqrt(q), q = lots/{model.typical_lots:.0f}, "  # type: ignore[attr-defined]
        f"sigma {model.volatility_bps:.2f} bps"  # type: ignore[attr-defined]
    )
    print(
        f"ex-post adherence (route still first with the realized outcomes of the run's routes):"
        f" {out['ex_post']:.0%} of {out['ex_post_n']}"
    )
    print(
        f"preference adherence: {out['adherence']:.0%} of {out['adherence_n']} executions; "
        f"fills within the order's worst price: {out['within_worst']:.0%} of {out['fills']}"
    )
    print(
        f"not run here (need JIT bidders or taker flow): {', '.join(NOT_RUN)}; "
        f"wall time {time.monotonic() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
