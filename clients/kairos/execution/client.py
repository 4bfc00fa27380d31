"""Executing a route on chain, with the protection the program enforces.

:class:`ExecutionClient` reads the book and the oracle, builds the pre-trade
estimate and the candidate routes, ranks them by the user's preferences and sends
the first one. Every route carries its limits into the program: the protective
worst price (an IOC's price, a TWAP's ``limit_price``, an auction's limit, a
resting order's price) and, where the instruction has one, the oracle band
(``max_oracle_deviation_bps``, a TWAP's ``max_deviation_bps``). Splits are on-chain
orders (TwapOrder, iceberg), never a client loop.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from solders.pubkey import Pubkey
from solders.signature import Signature

from kairos.constants import OrderType, Side, TimeInForce
from kairos.execution.impact import (
    ImpactModel,
    PreTradeEstimate,
    ProtectiveLimits,
    pre_trade_estimate,
    protective_limits,
)
from kairos.execution.routes import (
    CandidateRoute,
    MarketContext,
    RouteKind,
    RoutingPreferences,
    ScoredRoute,
    candidate_routes,
    rank_routes,
)
from kairos.math.execution_planning import PlannedSlice, vwap_schedule
from kairos.math.health import price_per_lot
from kairos.params import (
    CreateScheduledOrderParams,
    CreateTwapOrderParams,
    OpenAuctionParams,
    PlaceOrderV2Params,
)
from kairos.scheduled_orders import (
    ScheduledOrderSpec,
    ScheduleKind,
    ScheduleParams,
    TwapParams,
)

if TYPE_CHECKING:
    from kairos.client import KairosClient

EXECUTABLE = frozenset(RouteKind)
"""Route kinds :meth:`ExecutionClient.execute` sends (all of them)."""
VWAP_BATCH = 3  # create_scheduled_order instructions per transaction


@dataclasses.dataclass(frozen=True)
class ExecutionResult:
    """What was sent: the route, its limits and the transaction(s) / account created."""

    route: CandidateRoute
    ranked_first: RouteKind
    estimate: PreTradeEstimate
    worst_price: int
    max_oracle_deviation_bps: int
    signatures: list[Signature]
    account: Pubkey | None = None


class ExecutionClient:
    """Pre-trade estimates, route ranking and protected execution for one KairosClient."""

    def __init__(self, client: KairosClient) -> None:
        """Wrap ``client`` (its wallet signs)."""
        self.client = client

    async def oracle_price_per_lot(self, market_index: int) -> int:
        """The market's oracle price in quote native per lot (rounded down)."""
        market = await self.client.get_perp_market(market_index)
        oracle = await self.client.get_oracle(market.oracle)
        return price_per_lot(
            oracle.price,
            exponent=oracle.exponent,
            base_lot_size=market.base_lot_size,
            quote_decimals=await self.client.get_quote_decimals(),
            base_decimals=market.base_decimals,
        )

    async def pre_trade(
        self,
        market_index: int,
        side: Side,
        lots: int,
        *,
        model: ImpactModel | None = None,
    ) -> PreTradeEstimate:
        """Expected price, slippage band and recommended tolerance for ``lots`` now."""
        market = await self.client.get_perp_market(market_index)
        view = await self.client.get_orderbook_view(market_index)
        return pre_trade_estimate(
            view.l2(side.opposite),
            side,
            lots,
            tick_size=market.tick_size,
            model=model,
            oracle_price=await self.oracle_price_per_lot(market_index),
        )

    async def rank(
        self,
        market_index: int,
        side: Side,
        lots: int,
        prefs: RoutingPreferences,
        *,
        context: MarketContext | None = None,
        model: ImpactModel | None = None,
    ) -> tuple[PreTradeEstimate, list[ScoredRoute]]:
        """The pre-trade estimate and the executable routes, best first."""
        market = await self.client.get_perp_market(market_index)
        view = await self.client.get_orderbook_view(market_index)
        opposite = view.l2(side.opposite)
        own = view.best_bid if side == Side.BID else view.best_ask
        ctx = context or MarketContext(
            tick_size=market.tick_size,
            volatility_bps=model.volatility_bps if model is not None else 0.0,
        )
        estimate = await self.pre_trade(market_index, side, lots, model=model)
        routes = [
            r for r in candidate_routes(opposite, own, side, lots, ctx) if r.kind in EXECUTABLE
        ]
        notional = float(lots * (estimate.best_price or 1))
        ranked = rank_routes(
            routes, prefs, notional_quote=notional, quote_per_lamport=ctx.quote_per_lamport
        )
        return estimate, ranked

    async def execute(
        self,
        market_index: int,
        side: Side,
        lots: int,
        prefs: RoutingPreferences,
        *,
        context: MarketContext | None = None,
        model: ImpactModel | None = None,
        tolerance_bps: int | None = None,
        route: RouteKind | None = None,
        volume_profile: Sequence[float] | None = None,
        account_index: int = 0,
    ) -> ExecutionResult:
        """Send the preferences' first route (or ``route``) with on-chain protection.

        ``tolerance_bps`` overrides the recommended tolerance (never widened past
        it silently: the value given is what the program enforces).
        ``volume_profile`` (one weight per slice, e.g. the service's VWAP profile)
        sizes a ``scheduled`` route; an even profile without it.
        """
        estimate, ranked = await self.rank(
            market_index, side, lots, prefs, context=context, model=model
        )
        if not ranked:
            raise ValueError("the preferences allow none of the routes for this order")
        if estimate.limits is None or estimate.best_price is None:
            raise ValueError("the opposite side of the book is empty")
        chosen = ranked[0].route
        if route is not None:
            matches = [s.route for s in ranked if s.route.kind == route]
            if not matches:
                raise ValueError(f"route {route.value} is not allowed by the preferences")
            chosen = matches[0]
        limits = estimate.limits
        if tolerance_bps is not None:
            market = await self.client.get_perp_market(market_index)
            limits = protective_limits(
                side,
                estimate.best_price,
                tolerance_bps,
                market.tick_size,
                oracle_price=await self.oracle_price_per_lot(market_index),
            )
        sigs, account = await self._send(
            market_index, side, lots, chosen, limits, account_index, volume_profile
        )
        return ExecutionResult(
            chosen,
            ranked[0].route.kind,
            estimate,
            limits.worst_price,
            limits.max_oracle_deviation_bps,
            sigs,
            account,
        )

    async def create_vwap_orders(
        self,
        market_index: int,
        side: Side,
        plan: Sequence[PlannedSlice],
        limits: ProtectiveLimits,
        *,
        account_index: int = 0,
    ) -> tuple[list[Signature], list[Pubkey]]:
        """One one-shot scheduled order per non-empty slice of ``plan`` (a VWAP schedule).

        Each is an IOC order at the worst price with the oracle band, run by keepers
        when due (``execute_scheduled_order``); created a few per transaction.
        """
        if not plan or any(s.base_lots < 0 for s in plan):
            raise ValueError("the plan needs slices with non-negative sizes")
        ixs: list[Any] = []
        addresses: list[Pubkey] = []
        for planned in plan:
            if planned.base_lots == 0:
                continue
            spec = ScheduledOrderSpec(
                side=int(side), order_type=int(OrderType.LIMIT), price=limits.worst_price,
                max_base_lots=planned.base_lots, time_in_force=int(TimeInForce.IOC),
                max_oracle_deviation_bps=limits.max_oracle_deviation_bps,
            )  # fmt: skip
            params = ScheduleParams(kind=ScheduleKind.ONE_SHOT, start_time=planned.due_time)
            created = await self.client.schedules.create(
                CreateScheduledOrderParams(market_index, params, spec, account_index=account_index)
            )
            assert created.address is not None
            ixs.extend(created.instructions)
            addresses.append(created.address)
        sigs = [
            (await self.client.send(*ixs[i : i + VWAP_BATCH])).signature
            for i in range(0, len(ixs), VWAP_BATCH)
        ]
        return sigs, addresses

    async def execute_plan(
        self, market_index: int, plan: Mapping[str, Any], *, account_index: int = 0
    ) -> tuple[list[Signature], Pubkey | None]:
        """Send a plan from the service's ``POST /api/execution/advanced-swap``.

        ``plan`` has ``route``, ``side`` (buy/sell), ``lots``, ``worst_price``,
        ``max_oracle_deviation_bps`` and, for a TWAP, ``twap.slice_count`` and
        ``twap.interval_seconds``; the limits go on chain as given.
        """
        try:
            kind = RouteKind(plan["route"])
            side = {"buy": Side.BID, "sell": Side.ASK}[plan["side"]]
            lots = int(plan["lots"])
            limits = ProtectiveLimits(
                int(plan["worst_price"]), int(plan["max_oracle_deviation_bps"])
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ValueError(f"not an execution plan: {exc}") from None
        if kind not in EXECUTABLE or lots <= 0 or limits.worst_price <= 0:
            raise ValueError("not an executable plan")
        twap = plan.get("twap") or {}
        slices = int(twap.get("slice_count", 1))
        route = CandidateRoute(
            kind, 0.0, 0, 0.0, slices, 0, slices=slices,
            interval_seconds=int(twap.get("interval_seconds", 0)),
        )  # fmt: skip
        return await self._send(market_index, side, lots, route, limits, account_index)

    async def _send(
        self,
        market_index: int,
        side: Side,
        lots: int,
        route: CandidateRoute,
        limits: ProtectiveLimits,
        account_index: int,
        volume_profile: Sequence[float] | None = None,
    ) -> tuple[list[Signature], Pubkey | None]:
        worst, band = limits.worst_price, limits.max_oracle_deviation_bps
        client = self.client
        if route.kind == RouteKind.TAKE:
            sig = (
                await client.send(
                    client.orders.place_v2(
                        PlaceOrderV2Params(
                            market_index,
                            side,
                            worst,
                            lots,
                            order_type=OrderType.LIMIT,
                            time_in_force=TimeInForce.IOC,
                            max_oracle_deviation_bps=band,
                            account_index=account_index,
                        )
                    )
                )
            ).signature
            return [sig], None
        if route.kind == RouteKind.AUCTION:
            created = await client.auctions.open(
                OpenAuctionParams(market_index, side, lots, worst, account_index=account_index)
            )
            sig = (await client.send(created)).signature
            address = created.address
            return [sig], address
        if route.kind == RouteKind.TWAP:
            now = await client.get_unix_timestamp()
            params = TwapParams(
                side=int(side),
                total_base_lots=lots,
                start_time=now,
                interval_seconds=max(1, route.interval_seconds),
                slice_count=route.slices,
                limit_price=worst,
                max_deviation_bps=band,
            )
            created = await client.twap.create(
                CreateTwapOrderParams(market_index, params, account_index=account_index)
            )
            sig = (await client.send(created)).signature
            address = created.address
            return [sig], address
        if route.kind == RouteKind.SCHEDULED:
            now = await client.get_unix_timestamp()
            interval = max(1, route.interval_seconds)
            profile = list(volume_profile) if volume_profile else [1.0] * max(route.slices, 1)
            plan = vwap_schedule(lots, profile, now, interval)
            sigs, addresses = await self.create_vwap_orders(
                market_index, side, plan, limits, account_index=account_index
            )
            return sigs, addresses[0] if addresses else None
        market = await client.get_perp_market(market_index)
        view = await client.get_orderbook_view(market_index)
        opposite_best = view.best_ask if side == Side.BID else view.best_bid
        if opposite_best is None:
            raise ValueError("the opposite side of the book is empty")
        if route.kind == RouteKind.ICEBERG:
            # At the best opposite price: takes the top level, then rests showing one slice;
            # never trades beyond that price (its price is its limit on chain).
            display = max(1, math.ceil(lots / max(route.slices, 1)))
            sig = (
                await client.send(
                    client.orders.place_v2(
                        PlaceOrderV2Params(
                            market_index,
                            side,
                            opposite_best,
                            lots,
                            iceberg_display_lots=display if display < lots else 0,
                            account_index=account_index,
                        )
                    )
                )
            ).signature
            return [sig], None
        if route.kind == RouteKind.LADDER:
            tick = market.tick_size
            rungs = max(1, route.slices)
            sigs = []
            step = -tick if side == Side.BID else tick
            start = opposite_best + step
            for i in range(rungs):
                size = lots * (i + 1) // rungs - lots * i // rungs
                price = start + i * step
                if size == 0 or price <= 0:
                    continue
                sigs.append(
                    (
                        await client.send(
                            client.orders.place_v2(
                                PlaceOrderV2Params(
                                    market_index,
                                    side,
                                    price,
                                    size,
                                    time_in_force=TimeInForce.POST_ONLY_SLIDE,
                                    account_index=account_index,
                                )
                            )
                        )
                    ).signature
                )
            return sigs, None
        raise ValueError(f"route {route.kind.value} cannot be sent")  # pragma: no cover
