"""Execution quality over the indexer's tables and the chain.

The pure models live in the SDK (:mod:`kairos.execution`); this module feeds them
the indexer's fills, stores what they produce and reads the book and the oracle
through the SDK for pre-trade estimates and plans.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Sequence
from typing import Any

from kairos.client import KairosClient
from kairos.constants import Side
from kairos.execution.client import EXECUTABLE, ExecutionClient
from kairos.execution.impact import (
    FillRecord,
    ImpactModel,
    evaluate_holdout,
    executions_from_fills,
    fit_impact_model,
)
from kairos.execution.routes import (
    TEMPLATES,
    MarketContext,
    RouteKind,
    RoutingPreferences,
    ScoredRoute,
    allowed,
    candidate_routes,
    learn_from_outcome,
)
from kairos.math.execution_planning import twap_schedule, vwap_schedule
from kairos.pda import perp_market_address
from solders.keypair import Keypair
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kairos_service.db.models import FillRow, MarketRow
from kairos_service.execution.models import ExecutionRow, ImpactModelRow, RoutingPreferencesRow

DEFAULT_TEMPLATE = "Balanced"
MIN_FIT_EXECUTIONS = 8
VWAP_BUCKET_SECONDS = 3_600


class ExecutionInputError(ValueError):
    """A request the execution API cannot serve (400), naming the parameter."""

    def __init__(self, parameter: str, detail: str) -> None:
        super().__init__(detail)
        self.parameter = parameter


# --- impact models ------------------------------------------------------------------


async def taker_fills(session: AsyncSession, market: str) -> list[FillRecord]:
    """The market's taker fills, oldest first (finalized and confirmed alike)."""
    rows = await session.scalars(
        select(FillRow)
        .where(FillRow.market == market, FillRow.role == "taker")
        .order_by(FillRow.slot, FillRow.tx_order, FillRow.idx)
    )
    return [
        FillRecord(
            r.signature, r.idx, r.margin_account, r.slot, r.block_time, r.base_lots, r.quote, r.fee
        )
        for r in rows
    ]


def model_of(row: ImpactModelRow) -> ImpactModel:
    """The SDK model from its stored row."""
    return ImpactModel(
        row.intercept,
        row.coefficient,
        row.typical_lots,
        row.residual_std_bps,
        row.volatility_bps,
        row.samples,
        depth_coefficient=row.depth_coefficient,
    )


async def refit_market(session: AsyncSession, market: str) -> ImpactModelRow | None:
    """Fit the market's model on all its executions and store it (None: too few fills).

    The held-out figures come from a separate fit on the oldest 75% evaluated on the
    newest 25%; the stored model is then fitted on everything.
    """
    executions = executions_from_fills(await taker_fills(session, market))
    if len(executions) < MIN_FIT_EXECUTIONS:
        return None
    model = fit_impact_model(executions)
    holdout: dict[str, Any] = {}
    try:
        report = evaluate_holdout(executions)
        holdout = {
            "train": report.train,
            "test": report.test,
            "mae_bps": report.mae_bps,
            "rmse_bps": report.rmse_bps,
            "baseline_mae_bps": report.baseline_mae_bps,
            "mean_realized_bps": report.mean_realized_bps,
        }
    except ValueError:
        holdout = {"train": len(executions), "test": 0}
    row = await session.get(ImpactModelRow, market)
    if row is None:
        row = ImpactModelRow(market=market)
        session.add(row)
    row.intercept = model.intercept
    row.coefficient = model.coefficient
    row.depth_coefficient = model.depth_coefficient
    row.typical_lots = model.typical_lots
    row.residual_std_bps = model.residual_std_bps
    row.volatility_bps = model.volatility_bps
    row.samples = model.samples
    row.holdout = holdout
    row.fitted_at = time.time()
    return row


async def refit_all(session: AsyncSession) -> int:
    """Refit every indexed market's model; returns how many were (re)fitted."""
    markets = await session.scalars(select(MarketRow.address))
    fitted = 0
    for market in list(markets):
        if await refit_market(session, market) is not None:
            fitted += 1
    return fitted


async def stored_model(session: AsyncSession, market: str) -> ImpactModel | None:
    """The market's last fitted model, if any."""
    row = await session.get(ImpactModelRow, market)
    return model_of(row) if row is not None else None


# --- preferences --------------------------------------------------------------------


def strategies() -> list[dict[str, Any]]:
    """The five templates as JSON."""
    return [{"name": name, "preferences": prefs.to_dict()} for name, prefs in TEMPLATES.items()]


def resolve_preferences(data: dict[str, Any] | None) -> tuple[str, RoutingPreferences]:
    """``{"template": name, ...overrides}`` → (template name, validated preferences)."""
    data = dict(data or {})
    name = str(data.pop("template", "") or "")
    if name:
        match = [key for key in TEMPLATES if key.lower() == name.lower()]
        if not match:
            raise ExecutionInputError(
                "template", f"unknown template {name!r} (known: {', '.join(TEMPLATES)})"
            )
        name = match[0]
        base = TEMPLATES[name].to_dict()
    else:
        base = RoutingPreferences().to_dict()
    base.update(data)
    try:
        return name, RoutingPreferences.from_dict(base)
    except (TypeError, ValueError) as exc:
        raise ExecutionInputError("preferences", str(exc)) from None


async def get_preferences(session: AsyncSession, user: str) -> tuple[str, RoutingPreferences]:
    """The user's stored preferences (the Balanced template until they set some)."""
    row = await session.get(RoutingPreferencesRow, user)
    if row is None:
        return DEFAULT_TEMPLATE, TEMPLATES[DEFAULT_TEMPLATE]
    return row.template, RoutingPreferences.from_dict(row.prefs)


async def put_preferences(
    session: AsyncSession, user: str, data: dict[str, Any]
) -> tuple[str, RoutingPreferences]:
    """Validate and store; nothing is written when validation fails."""
    name, prefs = resolve_preferences(data)
    row = await session.get(RoutingPreferencesRow, user)
    if row is None:
        row = RoutingPreferencesRow(user=user)
        session.add(row)
    row.template = name
    row.prefs = prefs.to_dict()
    row.updated_at = time.time()
    return name, prefs


# --- quotes and plans ---------------------------------------------------------------


def parse_side(value: str) -> Side:
    """``buy``/``bid`` or ``sell``/``ask``."""
    lowered = value.lower()
    if lowered in ("buy", "bid"):
        return Side.BID
    if lowered in ("sell", "ask"):
        return Side.ASK
    raise ExecutionInputError("side", f"side must be buy or sell, not {value!r}")


def _check_lots(lots: int) -> None:
    if lots <= 0:
        raise ExecutionInputError("lots", "lots must be a positive integer")


def _finite(value: float | None) -> float | None:
    return value if value is None or math.isfinite(value) else None


def estimate_json(estimate: Any) -> dict[str, Any]:
    """A PreTradeEstimate as JSON (infinite values become null with a note)."""
    out = dataclasses.asdict(estimate)
    for key, value in list(out.items()):
        if isinstance(value, float):
            out[key] = _finite(value)
    return out


def scored_json(scored: Sequence[ScoredRoute]) -> list[dict[str, Any]]:
    """Ranked routes as JSON, best first."""
    return [
        {
            "kind": s.route.kind.value,
            "cost_bps": s.cost_bps,
            "parts": s.parts,
            "expected_slippage_bps": s.route.expected_slippage_bps,
            "fee_lamports": s.route.fee_lamports,
            "expected_seconds": s.route.expected_seconds,
            "child_orders": s.route.child_orders,
            "mev_level": s.route.mev_level,
            "fill_probability": s.route.fill_probability,
            "slices": s.route.slices,
            "interval_seconds": s.route.interval_seconds,
        }
        for s in scored
    ]


class ChainReader:
    """Reads book, oracle and market through the SDK (a throwaway wallet: reads only)."""

    def __init__(self, rpc_url: str) -> None:
        self.rpc_url = rpc_url

    def client(self) -> KairosClient:
        """A read-only SDK client (the caller closes it)."""
        return KairosClient(self.rpc_url, Keypair())


async def slippage_estimate(
    session: AsyncSession, chain: ChainReader, market_index: int, side: Side, lots: int
) -> dict[str, Any]:
    """Pre-trade estimate of ``lots`` now with the market's stored model."""
    _check_lots(lots)
    market = str(perp_market_address(market_index))
    model_row = await session.get(ImpactModelRow, market)
    model = model_of(model_row) if model_row is not None else None
    async with chain.client() as client:
        estimate = await ExecutionClient(client).pre_trade(market_index, side, lots, model=model)
    out = estimate_json(estimate)
    out["market"] = market
    out["model"] = None
    if model_row is not None:
        out["model"] = {
            "intercept": model_row.intercept,
            "coefficient": model_row.coefficient,
            "depth_coefficient": model_row.depth_coefficient,
            "typical_lots": model_row.typical_lots,
            "residual_std_bps": model_row.residual_std_bps,
            "volatility_bps": model_row.volatility_bps,
            "samples": model_row.samples,
            "holdout": model_row.holdout,
            "fitted_at": model_row.fitted_at,
        }
    return out


async def custom_quote(
    session: AsyncSession,
    chain: ChainReader,
    market_index: int,
    side: Side,
    lots: int,
    prefs: RoutingPreferences,
) -> dict[str, Any]:
    """Every executable route ranked by ``prefs`` (and the excluded ones, with why)."""
    _check_lots(lots)
    market = str(perp_market_address(market_index))
    model = await stored_model(session, market)
    async with chain.client() as client:
        executor = ExecutionClient(client)
        try:
            estimate, ranked = await executor.rank(market_index, side, lots, prefs, model=model)
        except ValueError as exc:
            raise ExecutionInputError("market_index", str(exc)) from None
        view = await client.get_orderbook_view(market_index)
        oracle = await executor.oracle_price_per_lot(market_index)
        tick = (await client.get_perp_market(market_index)).tick_size
        own = view.best_bid if side == Side.BID else view.best_ask
        every = candidate_routes(
            view.l2(side.opposite),
            own,
            side,
            lots,
            MarketContext(tick_size=tick, volatility_bps=model.volatility_bps if model else 0.0),
        )
    excluded = {
        r.kind.value: allowed(r, prefs) or "not executable"
        for r in every
        if allowed(r, prefs) is not None or r.kind not in EXECUTABLE
    }
    best_bid, best_ask = view.best_bid, view.best_ask
    mid = (best_bid + best_ask) // 2 if best_bid is not None and best_ask is not None else None
    return {
        "market": market,
        "estimate": estimate_json(estimate),
        "routes": scored_json(ranked),
        "excluded": excluded,
        "arrival_mid": mid,
        "arrival_oracle": oracle,
        "preferences": prefs.to_dict(),
    }


async def advanced_swap(
    session: AsyncSession,
    chain: ChainReader,
    user: str,
    margin_account: str,
    market_index: int,
    side: Side,
    lots: int,
    prefs: RoutingPreferences,
    *,
    priority_fee_lamports: int = 0,
) -> dict[str, Any]:
    """Plan the execution (first route, limits) and record it for post-trade analysis.

    The service holds no keys: the client signs and sends the plan (the SDK's
    :class:`~kairos.execution.client.ExecutionClient` or ``kairos execute``).
    """
    quote = await custom_quote(session, chain, market_index, side, lots, prefs)
    if not quote["routes"]:
        raise ExecutionInputError("preferences", "the preferences allow none of the routes")
    limits = quote["estimate"]["limits"]
    if limits is None:
        raise ExecutionInputError("market_index", "the opposite side of the book is empty")
    first = quote["routes"][0]
    arrival_mid = quote["arrival_mid"] or quote["estimate"]["best_price"]
    async with chain.client() as client:
        slot = (await client.connection.get_slot()).value
    row = ExecutionRow(
        user=user,
        margin_account=margin_account,
        market=quote["market"],
        market_index=market_index,
        side=int(side),
        lots=lots,
        route=first["kind"],
        ranked_first=first["kind"],
        worst_price=limits["worst_price"],
        max_oracle_deviation_bps=limits["max_oracle_deviation_bps"],
        arrival_slot=slot,
        arrival_time=time.time(),
        arrival_mid=arrival_mid,
        arrival_oracle=quote["arrival_oracle"],
        arrival_best=quote["estimate"]["best_price"],
        predicted_slippage_bps=first["expected_slippage_bps"],
        priority_fee_lamports=priority_fee_lamports,
    )
    session.add(row)
    await session.flush()
    plan: dict[str, Any] = {
        "route": first["kind"],
        "worst_price": limits["worst_price"],
        "max_oracle_deviation_bps": limits["max_oracle_deviation_bps"],
        "lots": lots,
        "side": "buy" if side == Side.BID else "sell",
    }
    if first["kind"] == RouteKind.TWAP.value:
        plan["twap"] = {
            "slice_count": first["slices"],
            "interval_seconds": max(1, first["interval_seconds"]),
            "limit_price": limits["worst_price"],
            "max_deviation_bps": limits["max_oracle_deviation_bps"],
        }
    return {"execution_id": row.id, "plan": plan, **quote}


async def volume_profile(
    session: AsyncSession, market: str, buckets: int, bucket_seconds: int
) -> list[float]:
    """Traded lots per time-of-day bucket (``buckets`` × ``bucket_seconds`` cycle)."""
    rows = await session.execute(
        select(FillRow.block_time, FillRow.base_lots).where(
            FillRow.market == market, FillRow.role == "taker"
        )
    )
    profile = [0.0] * buckets
    cycle = buckets * bucket_seconds
    for block_time, base_lots in rows:
        if block_time is None:
            continue
        profile[(block_time % cycle) // bucket_seconds] += abs(base_lots)
    return profile


async def twap_order_plan(
    session: AsyncSession,
    chain: ChainReader,
    market_index: int,
    side: Side,
    lots: int,
    *,
    slices: int,
    interval_seconds: int,
    profile: str,
    start_time: int | None = None,
) -> dict[str, Any]:
    """A TWAP (one on-chain TwapOrder) or VWAP (scheduled orders) plan with limits."""
    _check_lots(lots)
    if slices < 1 or slices > lots:
        raise ExecutionInputError("slices", "slices must be in [1, lots]")
    if interval_seconds < 1:
        raise ExecutionInputError("interval_seconds", "interval_seconds must be >= 1")
    market = str(perp_market_address(market_index))
    model = await stored_model(session, market)
    async with chain.client() as client:
        executor = ExecutionClient(client)
        slice_lots = -(-lots // slices)
        estimate = await executor.pre_trade(market_index, side, slice_lots, model=model)
        now = start_time if start_time is not None else await client.get_unix_timestamp()
    if estimate.limits is None:
        raise ExecutionInputError("market_index", "the opposite side of the book is empty")
    limits = estimate.limits
    out: dict[str, Any] = {
        "market": market,
        "profile": profile,
        "slice_estimate": estimate_json(estimate),
        "limit_price": limits.worst_price,
        "max_deviation_bps": limits.max_oracle_deviation_bps,
    }
    if profile == "twap":
        schedule = twap_schedule(lots, slices, now, interval_seconds)
        out["instruction"] = "create_twap_order"
        out["twap"] = {
            "side": int(side),
            "total_base_lots": lots,
            "slice_count": slices,
            "start_time": now,
            "interval_seconds": interval_seconds,
            "limit_price": limits.worst_price,
            "max_deviation_bps": limits.max_oracle_deviation_bps,
        }
    elif profile == "vwap":
        weights = await volume_profile(session, market, slices, interval_seconds)
        if sum(weights) <= 0:
            raise ExecutionInputError("profile", "no indexed volume yet for a VWAP profile")
        schedule = vwap_schedule(lots, weights, now, interval_seconds)
        out["instruction"] = "create_scheduled_order"
        out["volume_profile"] = weights
    else:
        raise ExecutionInputError("profile", "profile must be twap or vwap")
    out["schedule"] = [{"due_time": s.due_time, "base_lots": s.base_lots} for s in schedule]
    return out


# --- post-trade analysis ------------------------------------------------------------


async def analyse(session: AsyncSession, row: ExecutionRow) -> bool:
    """Fill in the analysis of ``row`` from the account's fills after arrival; True if done.

    Fills of the account on the market, on the execution's side, from
    ``arrival_slot`` on, up to the planned lots (maker fills count: a ladder or an
    iceberg fills as a maker). Shortfall = side × (average − reference) / reference.
    Once filled, the user's preferences learn from the realized slippage (once).
    """
    sign = 1 if row.side == int(Side.BID) else -1
    fills = await session.scalars(
        select(FillRow)
        .where(
            FillRow.margin_account == row.margin_account,
            FillRow.market == row.market,
            FillRow.slot >= row.arrival_slot,
        )
        .order_by(FillRow.slot, FillRow.tx_order, FillRow.idx)
    )
    lots = quote = fees = 0
    last_time: int | None = None
    for fill in fills:
        if fill.base_lots * sign <= 0 or lots >= row.lots:
            continue
        take = min(abs(fill.base_lots), row.lots - lots)
        quote += abs(fill.quote) * take // abs(fill.base_lots)
        fees += fill.fee
        lots += take
        last_time = fill.block_time
    if lots == 0:
        return False
    average = quote / lots
    row.filled_lots = lots
    row.quote = quote
    row.fees = fees
    row.shortfall_mid_bps = sign * (average - row.arrival_mid) * 10_000 / row.arrival_mid
    row.shortfall_oracle_bps = sign * (average - row.arrival_oracle) * 10_000 / row.arrival_oracle
    row.time_to_fill_seconds = (
        max(0.0, last_time - row.arrival_time) if last_time is not None else None
    )
    if lots >= row.lots and not row.learned:
        # Against the reference the prediction used: the best opposite price at arrival.
        row.realized_slippage_bps = sign * (average - row.arrival_best) * 10_000 / row.arrival_best
        _, prefs = await get_preferences(session, row.user)
        learned = learn_from_outcome(
            prefs, RouteKind(row.route), row.predicted_slippage_bps, row.realized_slippage_bps
        )
        pref_row = await session.get(RoutingPreferencesRow, row.user)
        if pref_row is None:
            pref_row = RoutingPreferencesRow(user=row.user, template=DEFAULT_TEMPLATE)
            session.add(pref_row)
        pref_row.prefs = learned.to_dict()
        pref_row.updated_at = time.time()
        row.learned = True
    return True


def execution_json(row: ExecutionRow) -> dict[str, Any]:
    """An execution and its analysis as JSON."""
    return {
        "execution_id": row.id,
        "margin_account": row.margin_account,
        "market": row.market,
        "side": "buy" if row.side == int(Side.BID) else "sell",
        "lots": row.lots,
        "route": row.route,
        "ranked_first": row.ranked_first,
        "worst_price": row.worst_price,
        "max_oracle_deviation_bps": row.max_oracle_deviation_bps,
        "arrival_slot": row.arrival_slot,
        "arrival_mid": row.arrival_mid,
        "arrival_oracle": row.arrival_oracle,
        "arrival_best": row.arrival_best,
        "predicted_slippage_bps": row.predicted_slippage_bps,
        "filled_lots": row.filled_lots,
        "average_price": (row.quote / row.filled_lots)
        if row.filled_lots and row.quote is not None
        else None,
        "fees": row.fees,
        "priority_fee_lamports": row.priority_fee_lamports,
        "shortfall_mid_bps": row.shortfall_mid_bps,
        "shortfall_oracle_bps": row.shortfall_oracle_bps,
        "realized_slippage_bps": row.realized_slippage_bps,
        "time_to_fill_seconds": row.time_to_fill_seconds,
    }


async def slippage_analysis(
    session: AsyncSession, *, user: str | None, margin_account: str | None
) -> dict[str, Any]:
    """Analyse pending executions and return them with summary figures and adherence."""
    query = select(ExecutionRow).order_by(ExecutionRow.id)
    if user is not None:
        query = query.where(ExecutionRow.user == user)
    if margin_account is not None:
        query = query.where(ExecutionRow.margin_account == margin_account)
    rows = list(await session.scalars(query))
    for row in rows:
        if row.filled_lots is None or (row.filled_lots < row.lots):
            await analyse(session, row)
    done = [r for r in rows if r.filled_lots]
    summary: dict[str, Any] = {
        "executions": len(rows),
        "analysed": len(done),
        "adherence": (sum(r.route == r.ranked_first for r in rows) / len(rows)) if rows else None,
    }
    if done:
        summary["mean_shortfall_mid_bps"] = sum(r.shortfall_mid_bps or 0 for r in done) / len(done)
        summary["mean_shortfall_oracle_bps"] = sum(r.shortfall_oracle_bps or 0 for r in done) / len(
            done
        )
        errors = [
            abs(r.predicted_slippage_bps - r.realized_slippage_bps)
            for r in done
            if r.realized_slippage_bps is not None
        ]
        summary["mean_prediction_error_bps"] = sum(errors) / len(errors) if errors else None
    return {"summary": summary, "executions": [execution_json(r) for r in rows]}
