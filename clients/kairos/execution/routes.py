"""Candidate routes, routing preferences, the five templates, scoring and learning (pure).

A route is a way to execute on Kairos's own markets:

=========  ===============================================================  =====
kind       what is sent                                                     MEV
=========  ===============================================================  =====
take       one IOC order with the protective worst price and oracle band    1
auction    a JIT auction (open, bids, permissionless settle)                3
ladder     post-only orders resting at and behind the best own-side price   3
twap       an on-chain TwapOrder (slices run by keepers, band per slice)    2
iceberg    one resting order showing a slice of its size                    3
scheduled  scheduled orders sized by a VWAP profile from the indexer        2
=========  ===============================================================  =====

The MEV column is the route's protection level (0 none … 3 nothing to front-run:
sealed bids, post-only, or a resting order that only ever trades at its price).

Every candidate carries an expected slippage against the arrival best price (bps,
positive is worse), its fee cost (lamports: transactions, priority fees, keeper
rewards), its expected time, its child-order count and its protection level.
Passive routes (ladder, iceberg) fill only with probability ``fill_probability``;
the rest must then be taken later, so their expected slippage is
``p × passive + (1 − p) × (walk + σ√T)``.

Preferences turn a candidate into one cost in bps (lower is better):
``price_weight × slippage + gas_weight × fee_bps + speed_weight × seconds
+ mev_weight × (3 − level) + route bias − learned adjustment``, where the route
bias is ``ROUTE_BIAS_BPS × ln(1 / route_weight)`` (weight 1 is neutral, 0 excludes).
Hard rules filter first: blacklist, whitelist, minimum MEV level, maximum child
orders. :func:`learn_from_outcome` is an exponentially weighted correction of each
route kind's predicted slippage from realized outcomes.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from kairos.auctions import estimate_slippage
from kairos.constants import Side
from kairos.math.orderbook import L2Level

BPS = 10_000
SLOT_SECONDS = 0.4
ROUTE_BIAS_BPS = 10.0
MAX_MEV_LEVEL = 3


class RouteKind(StrEnum):
    """The ways to execute on Kairos's markets."""

    TAKE = "take"
    AUCTION = "auction"
    LADDER = "ladder"
    TWAP = "twap"
    ICEBERG = "iceberg"
    SCHEDULED = "scheduled"


MEV_LEVEL: dict[RouteKind, int] = {
    RouteKind.TAKE: 1,
    RouteKind.AUCTION: 3,
    RouteKind.LADDER: 3,
    RouteKind.TWAP: 2,
    RouteKind.ICEBERG: 3,
    RouteKind.SCHEDULED: 2,
}


@dataclass(frozen=True)
class CandidateRoute:
    """One way to execute the order, with what it is expected to cost."""

    kind: RouteKind
    expected_slippage_bps: float
    fee_lamports: int
    expected_seconds: float
    child_orders: int
    mev_level: int
    fill_probability: float = 1.0
    slices: int = 1
    interval_seconds: int = 0
    detail: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class MarketContext:
    """What route estimates need beyond the book: costs, volatility and timing."""

    tick_size: int
    volatility_bps: float = 0.0
    """σ of the arrival price per interval of ``interval_seconds``."""
    lamports_per_signature: int = 5_000
    priority_fee_lamports: int = 10_000
    keeper_reward_lamports: int = 10_000
    auction_duration_slots: int = 10
    auction_improvement: float = 0.5
    """Share of the book walk's slippage an auction's bidders save (measured by
    benchmarks/auction_improvement.py on the localnet)."""
    passive_fill_probability: float = 0.6
    interval_seconds: int = 2
    quote_per_lamport: float = 0.0
    """Quote native units a lamport is worth (fee → bps of the notional)."""


def _per_tx(context: MarketContext) -> int:
    return context.lamports_per_signature + context.priority_fee_lamports


def candidate_routes(
    levels: Sequence[L2Level],
    own_side_best: int | None,
    side: Side,
    lots: int,
    context: MarketContext,
    *,
    max_slices: int = 8,
) -> list[CandidateRoute]:
    """Every route for ``lots`` on ``side`` given the opposite side's L2 ``levels``.

    Split routes use as many slices as keep each within the best level's size
    (capped by ``max_slices``) and assume the book refills between slices (what
    the quoting bots do); their timing risk is σ√(slices) and is added.
    """
    if lots <= 0:
        raise ValueError("lots must be positive")
    if not levels:
        raise ValueError("the opposite side of the book is empty: nothing to route against")
    walk = estimate_slippage(levels, side, lots)
    best = levels[0].price
    sigma = context.volatility_bps
    full_walk = walk.slippage_bps if math.isfinite(walk.slippage_bps) else 2 * sigma + 100.0
    per_tx = _per_tx(context)
    routes = [
        CandidateRoute(
            RouteKind.TAKE, full_walk, per_tx, SLOT_SECONDS, 1, MEV_LEVEL[RouteKind.TAKE]
        )
    ]
    auction_seconds = context.auction_duration_slots * SLOT_SECONDS
    routes.append(
        CandidateRoute(
            RouteKind.AUCTION,
            full_walk * (1 - context.auction_improvement) + sigma * 0.5,
            2 * per_tx,
            auction_seconds,
            1,
            MEV_LEVEL[RouteKind.AUCTION],
            fill_probability=0.9,
        )
    )
    top = levels[0].base_lots
    slices = max(1, min(max_slices, -(-lots // max(top, 1))))
    slice_lots = -(-lots // slices)
    slice_walk = estimate_slippage(levels, side, slice_lots).slippage_bps
    if not math.isfinite(slice_walk):
        slice_walk = full_walk
    timing = sigma * math.sqrt(slices) * 0.5
    split_seconds = float(slices * context.interval_seconds)
    if slices > 1:
        for kind in (RouteKind.TWAP, RouteKind.SCHEDULED):
            rewards = slices * (context.keeper_reward_lamports + per_tx)
            # A VWAP split needs one scheduled order (and its creation) per bucket.
            creations = per_tx * (slices if kind == RouteKind.SCHEDULED else 1)
            routes.append(
                CandidateRoute(
                    kind,
                    slice_walk + timing,
                    creations + rewards,
                    split_seconds,
                    slices,
                    MEV_LEVEL[kind],
                    slices=slices,
                    interval_seconds=context.interval_seconds,
                )
            )
    spread_bps = 0.0
    if own_side_best is not None:
        spread_bps = abs(best - own_side_best) * BPS / best
    p = context.passive_fill_probability
    fallback = full_walk + sigma * math.sqrt(max(slices, 1))
    passive = -spread_bps / 2
    rungs = min(max_slices, max(2, slices))
    routes.append(
        CandidateRoute(
            RouteKind.LADDER,
            p * passive + (1 - p) * fallback,
            rungs * per_tx,
            split_seconds or float(context.interval_seconds),
            rungs,
            MEV_LEVEL[RouteKind.LADDER],
            fill_probability=p,
            slices=rungs,
        )
    )
    routes.append(
        CandidateRoute(
            RouteKind.ICEBERG,
            p * (passive + spread_bps / 4) + (1 - p) * fallback,
            per_tx,
            split_seconds or float(context.interval_seconds),
            1,
            MEV_LEVEL[RouteKind.ICEBERG],
            fill_probability=p,
            slices=slices,
        )
    )
    return routes


@dataclass(frozen=True)
class RoutingPreferences:
    """A user's routing preferences (stored per API key or owner by the service)."""

    route_weights: Mapping[str, float] = field(default_factory=dict)
    """Route kind → weight (the venue weights of a multi-venue router; 1 neutral, 0 excludes)."""
    price_weight: float = 1.0
    gas_weight: float = 1.0
    """Weight of fees (transactions, priority fees, keeper rewards) in bps of notional."""
    speed_weight: float = 0.05
    """bps a second of waiting is worth."""
    mev_weight: float = 1.0
    """bps per missing MEV-protection level."""
    min_mev_level: int = 0
    max_child_orders: int = 64
    """The "maximum hops": how many child orders a route may use."""
    blacklist: tuple[str, ...] = ()
    whitelist: tuple[str, ...] = ()
    learning_rate: float = 0.2
    adjustments: Mapping[str, float] = field(default_factory=dict)
    """Learned: bps by which each route kind beat (+) or missed (−) its predictions."""

    def validate(self) -> RoutingPreferences:
        """Raise ``ValueError`` on any out-of-range field; return self."""
        kinds = {k.value for k in RouteKind}
        for name in (*self.route_weights, *self.blacklist, *self.whitelist, *self.adjustments):
            if name not in kinds:
                raise ValueError(f"unknown route kind {name!r} (known: {sorted(kinds)})")
        if any(w < 0 or not math.isfinite(w) for w in self.route_weights.values()):
            raise ValueError("route weights must be finite and >= 0")
        for name in ("price_weight", "gas_weight", "speed_weight", "mev_weight"):
            value = getattr(self, name)
            if value < 0 or not math.isfinite(value):
                raise ValueError(f"{name} must be finite and >= 0")
        if not 0 <= self.min_mev_level <= MAX_MEV_LEVEL:
            raise ValueError(f"min_mev_level must be in [0, {MAX_MEV_LEVEL}]")
        if self.max_child_orders < 1:
            raise ValueError("max_child_orders must be >= 1")
        if not 0 < self.learning_rate <= 1:
            raise ValueError("learning_rate must be in (0, 1]")
        if set(self.blacklist) & set(self.whitelist):
            raise ValueError("a route kind cannot be both blacklisted and whitelisted")
        return self

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        out = dataclasses.asdict(self)
        out["route_weights"] = dict(self.route_weights)
        out["adjustments"] = dict(self.adjustments)
        out["blacklist"] = list(self.blacklist)
        out["whitelist"] = list(self.whitelist)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> RoutingPreferences:
        """Parse and validate (unknown fields are an error)."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"unknown preference fields: {sorted(unknown)}")
        values = dict(data)
        for name in ("blacklist", "whitelist"):
            if name in values:
                values[name] = tuple(values[name])  # type: ignore[arg-type]
        return cls(**values).validate()  # type: ignore[arg-type]


TEMPLATES: dict[str, RoutingPreferences] = {
    "Speed First": RoutingPreferences(
        route_weights={"take": 1.0},
        price_weight=0.3,
        gas_weight=0.5,
        speed_weight=10.0,
        mev_weight=0.0,
        max_child_orders=1,
    ),
    "Best Price": RoutingPreferences(
        price_weight=1.0, gas_weight=0.05, speed_weight=0.01, mev_weight=0.0
    ),
    "MEV Protected": RoutingPreferences(
        price_weight=1.0, gas_weight=0.2, speed_weight=0.02, mev_weight=5.0, min_mev_level=2
    ),
    "Gas Optimized": RoutingPreferences(
        price_weight=1.0, gas_weight=20.0, speed_weight=0.02, mev_weight=0.0, max_child_orders=1
    ),
    "Balanced": RoutingPreferences(
        price_weight=1.0, gas_weight=1.0, speed_weight=0.2, mev_weight=1.0
    ),
}


def template(name: str) -> RoutingPreferences:
    """A preset by name (case-insensitive)."""
    for key, prefs in TEMPLATES.items():
        if key.lower() == name.lower():
            return prefs
    raise ValueError(f"unknown template {name!r} (known: {', '.join(TEMPLATES)})")


@dataclass(frozen=True)
class ScoredRoute:
    """A candidate with its preference cost (bps, lower is better)."""

    route: CandidateRoute
    cost_bps: float
    parts: dict[str, float]


def allowed(route: CandidateRoute, prefs: RoutingPreferences) -> str | None:
    """Why the preferences exclude ``route`` (None when allowed)."""
    kind = route.kind.value
    if kind in prefs.blacklist:
        return "blacklisted"
    if prefs.whitelist and kind not in prefs.whitelist:
        return "not whitelisted"
    if prefs.route_weights.get(kind, 1.0) == 0:
        return "weight 0"
    if route.mev_level < prefs.min_mev_level:
        return f"MEV protection {route.mev_level} < {prefs.min_mev_level}"
    if route.child_orders > prefs.max_child_orders:
        return f"{route.child_orders} child orders > {prefs.max_child_orders}"
    return None


def rank_routes(
    routes: Sequence[CandidateRoute],
    prefs: RoutingPreferences,
    *,
    notional_quote: float,
    quote_per_lamport: float,
) -> list[ScoredRoute]:
    """The allowed routes, best first (ties: lower fees, fewer child orders, kind name).

    ``quote_per_lamport`` prices the fees; at 0 they only break ties.
    """
    if notional_quote <= 0:
        raise ValueError("the notional must be positive")
    scored = []
    for route in routes:
        if allowed(route, prefs) is not None:
            continue
        kind = route.kind.value
        weight = prefs.route_weights.get(kind, 1.0)
        fee_bps = route.fee_lamports * quote_per_lamport * BPS / notional_quote
        parts = {
            "price": prefs.price_weight
            * (route.expected_slippage_bps - prefs.adjustments.get(kind, 0.0)),
            "gas": prefs.gas_weight * fee_bps,
            "speed": prefs.speed_weight * route.expected_seconds,
            "mev": prefs.mev_weight * (MAX_MEV_LEVEL - route.mev_level),
            "bias": ROUTE_BIAS_BPS * math.log(1 / weight),
        }
        scored.append(ScoredRoute(route, sum(parts.values()), parts))
    scored.sort(
        key=lambda s: (s.cost_bps, s.route.fee_lamports, s.route.child_orders, s.route.kind.value)
    )
    return scored


def learn_from_outcome(
    prefs: RoutingPreferences,
    kind: RouteKind,
    predicted_slippage_bps: float,
    realized_slippage_bps: float,
) -> RoutingPreferences:
    """Exponentially weighted update of ``kind``'s adjustment from one outcome.

    ``adjustment ← (1 − α) × adjustment + α × (predicted − realized)``: a route that
    keeps doing worse than predicted is ranked lower next time, one that beats its
    predictions higher. Returns new preferences (the input is unchanged).
    """
    if not (math.isfinite(predicted_slippage_bps) and math.isfinite(realized_slippage_bps)):
        raise ValueError("predicted and realized slippage must be finite")
    alpha = prefs.learning_rate
    old = prefs.adjustments.get(kind.value, 0.0)
    new = dict(prefs.adjustments)
    new[kind.value] = (1 - alpha) * old + alpha * (predicted_slippage_bps - realized_slippage_bps)
    return dataclasses.replace(prefs, adjustments=new)


def adherence(chosen: Sequence[str], preferred: Sequence[str]) -> float:
    """Share of executions whose route was the one the preferences ranked first."""
    if len(chosen) != len(preferred):
        raise ValueError("one preferred route per chosen route")
    if not chosen:
        return 1.0
    return sum(c == p for c, p in zip(chosen, preferred, strict=True)) / len(chosen)
