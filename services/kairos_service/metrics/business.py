"""Business metrics of the exchange, derived from the events the indexer stores.

Counters move when the indexer stores a new event (``ServiceRuntime.event_listeners``),
so only the process that runs the indexer exports them; a restart resets them (Prometheus'
``rate``/``increase`` handle resets) and never counts an event twice (a transaction already
stored is not announced again). Amounts are native units of the quote token unless the name
says otherwise. Gauges that need the whole history (open interest) are recomputed from the
database every ``refresh_seconds``.

What is not derivable from events and so not exported: keeper latency from the moment a
trigger's condition became true (the chain records only when it fired); price improvement
of auctions opened before this process started (the opening limit price is remembered in
memory from ``AuctionOpened``).
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from kairos_service.db.models import FillRow

log = logging.getLogger("kairos_service.metrics")

DELAY_BUCKETS = (0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600)
BPS_BUCKETS = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)


def _int(data: dict[str, Any], name: str) -> int:
    value = data.get(name, 0)
    return int(value) if value is not None else 0


class BusinessMetrics:
    """The exchange's volume, fees, insurance, liquidations, funding and execution delays."""

    def __init__(self, registry: CollectorRegistry) -> None:
        def counter(name: str, doc: str, labels: tuple[str, ...] = ()) -> Counter:
            return Counter(name, doc, list(labels), registry=registry)

        def gauge(name: str, doc: str, labels: tuple[str, ...] = ()) -> Gauge:
            return Gauge(name, doc, list(labels), registry=registry)

        self.events = counter("kairos_events_total", "Kairos events indexed, by event name.",
                              ("event",))  # fmt: skip
        self.fills = counter("kairos_fills_total", "Fills (order book and auction), by market.",
                             ("market", "venue"))  # fmt: skip
        self.volume = counter(
            "kairos_volume_quote_total",
            "Traded notional (price x base lots, quote native units), by market and venue.",
            ("market", "venue"),
        )
        self.volume_lots = counter("kairos_volume_lots_total", "Traded base lots, by market.",
                                   ("market",))  # fmt: skip
        self.fees = counter(
            "kairos_fees_swept_quote_total",
            "Trading fees swept from a market (FeesSweptToInsurance.fees), by market.",
            ("market",),
        )
        self.auction_fees = counter(
            "kairos_auction_fees_quote_total", "Auction maker and taker fees, by market and side.",
            ("market", "side"),
        )  # fmt: skip
        self.insurance_inflow = counter(
            "kairos_insurance_inflow_quote_total",
            "Quote added to the insurance fund, by source (fees, liquidation).", ("source",),
        )  # fmt: skip
        self.insurance_fund = gauge(
            "kairos_insurance_fund_quote",
            "Insurance fund balance as last reported by an event (vault after a sweep, or "
            "what remained after a bankruptcy).",
        )
        self.liquidations = counter("kairos_liquidations_total", "Liquidations, by kind.",
                                    ("kind",))  # fmt: skip
        self.liquidation_fees = counter(
            "kairos_liquidation_fees_quote_total",
            "Liquidation fees paid by liquidatees, by kind (to the liquidator).", ("kind",),
        )  # fmt: skip
        self.bankruptcies = counter("kairos_bankruptcies_total", "Bankruptcies resolved.")
        self.bankruptcy_loss = counter(
            "kairos_bankruptcy_loss_quote_total",
            "Bankrupt losses, by who bore them (insurance, socialized).", ("covered_by",),
        )  # fmt: skip
        self.funding_rate = gauge(
            "kairos_funding_rate", "Last funding rate of a market (FundingUpdated, raw units).",
            ("market",),
        )  # fmt: skip
        self.funding_updates = counter(
            "kairos_funding_updates_total", "Funding updates, by market and whether clamped.",
            ("market", "clamped"),
        )  # fmt: skip
        self.open_interest = gauge(
            "kairos_open_interest_lots",
            "Open interest (sum of long positions, base lots), by market; from the fills table.",
            ("market",),
        )
        self.auction_improvement = Histogram(
            "kairos_auction_price_improvement_bps",
            "How much better than the taker's limit an auction fill was (basis points).",
            buckets=BPS_BUCKETS, registry=registry,
        )  # fmt: skip
        self.twap_delay = Histogram(
            "kairos_twap_slice_delay_seconds",
            "TWAP slice execution delay after its due time (keeper latency).",
            buckets=DELAY_BUCKETS, registry=registry,
        )  # fmt: skip
        self.twap_skipped = counter("kairos_twap_slices_skipped_total",
                                    "TWAP slices skipped (executed too late).")  # fmt: skip
        self.scheduled_delay = Histogram(
            "kairos_scheduled_run_delay_seconds",
            "Scheduled order run delay after its scheduled time (keeper latency).",
            buckets=DELAY_BUCKETS, registry=registry,
        )  # fmt: skip
        self.triggers = counter("kairos_triggers_fired_total", "Trigger orders fired.")
        self.keeper_rewards = counter(
            "kairos_keeper_rewards_total",
            "Rewards paid to keepers, by job (twap, scheduled, trigger), native units.", ("job",),
        )  # fmt: skip
        self._auction_limits: OrderedDict[str, int] = OrderedDict()

    # --- from events ----------------------------------------------------------------

    def observe(self, rows: list[dict[str, Any]]) -> None:
        """The indexer listener: account for newly stored journal rows."""
        for row in rows:
            try:
                self._observe(row["name"], row["data"])
            except Exception:  # noqa: BLE001 - a metric must never break indexing
                log.exception("business metric update failed for %s", row.get("name"))

    def _observe(self, name: str, d: dict[str, Any]) -> None:
        self.events.labels(name).inc()
        market = str(d.get("market", ""))
        if name == "OrderFilled":
            lots, price = _int(d, "base_lots"), _int(d, "price")
            self.fills.labels(market, "book").inc()
            self.volume.labels(market, "book").inc(abs(lots * price))
            self.volume_lots.labels(market).inc(abs(lots))
        elif name == "AuctionOpened":
            self._auction_limits[str(d["auction"])] = _int(d, "limit_price")
            while len(self._auction_limits) > 10_000:
                self._auction_limits.popitem(last=False)
        elif name == "AuctionFilled":
            lots, price = _int(d, "base_lots"), _int(d, "price")
            self.fills.labels(market, "auction").inc()
            self.volume.labels(market, "auction").inc(abs(lots * price))
            self.volume_lots.labels(market).inc(abs(lots))
            self.auction_fees.labels(market, "maker").inc(max(0, _int(d, "maker_fee")))
            limit = self._auction_limits.get(str(d["auction"]))
            if limit:  # a fill respects the limit, so the distance is the improvement
                self.auction_improvement.observe(abs(limit - price) * 10_000 / limit)
        elif name == "AuctionSettled":
            self.auction_fees.labels(market, "taker").inc(max(0, _int(d, "taker_fee")))
            self._auction_limits.pop(str(d["auction"]), None)
        elif name == "FeesSweptToInsurance":
            self.fees.labels(market).inc(max(0, _int(d, "fees")))
            self.insurance_inflow.labels("fees").inc(max(0, _int(d, "insurance_share")))
            self.insurance_fund.set(_int(d, "insurance_vault_after"))
        elif name in ("PerpLiquidated", "CollateralLiquidated"):
            kind = "perp" if name == "PerpLiquidated" else "collateral"
            self.liquidations.labels(kind).inc()
            fee = _int(d, "liquidation_fee") if kind == "perp" else _int(d, "discount")
            self.liquidation_fees.labels(kind).inc(max(0, fee))
            self.insurance_inflow.labels("liquidation").inc(max(0, _int(d, "insurance_fee")))
        elif name == "BankruptcyResolved":
            self.bankruptcies.inc()
            self.bankruptcy_loss.labels("insurance").inc(max(0, _int(d, "insurance_covered")))
            self.bankruptcy_loss.labels("socialized").inc(max(0, _int(d, "socialized")))
            self.insurance_fund.set(_int(d, "insurance_remaining"))
        elif name == "FundingUpdated":
            self.funding_rate.labels(market).set(_int(d, "funding_rate"))
            self.funding_updates.labels(market, str(bool(d.get("clamped"))).lower()).inc()
        elif name == "TwapSliceExecuted":
            self.twap_delay.observe(max(0, _int(d, "executed_time") - _int(d, "due_time")))
            self.twap_skipped.inc(max(0, _int(d, "skipped_slices")))
            self.keeper_rewards.labels("twap").inc(max(0, _int(d, "keeper_reward")))
        elif name == "ScheduledOrderExecuted":
            delay = _int(d, "executed_time") - _int(d, "scheduled_time")
            self.scheduled_delay.observe(max(0, delay))
            self.keeper_rewards.labels("scheduled").inc(max(0, _int(d, "keeper_reward")))
        elif name == "TriggerOrderTriggered":
            self.triggers.inc()
            self.keeper_rewards.labels("trigger").inc(max(0, _int(d, "keeper_reward")))

    # --- from the database ----------------------------------------------------------

    async def refresh(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        """Recompute open interest per market from every account's net fills."""
        positions: dict[tuple[str, str], int] = {}
        async with sessions() as session:
            result = await session.stream(
                select(FillRow.margin_account, FillRow.market, FillRow.base_lots)
            )
            async for account, market, lots in result:
                positions[(account, market)] = positions.get((account, market), 0) + int(lots)
        interest: dict[str, int] = {}
        for (_account, market), lots in positions.items():
            interest[market] = interest.get(market, 0) + max(lots, 0)
        for market, lots in interest.items():
            self.open_interest.labels(market).set(lots)

    async def run(self, sessions: async_sessionmaker[AsyncSession], seconds: float) -> None:
        """Refresh the database-derived gauges forever."""
        while True:
            try:
                await self.refresh(sessions)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - retry at the next tick
                log.exception("open-interest refresh failed")
            await asyncio.sleep(seconds)


def install(app: Any, runtime: Any, registry: CollectorRegistry) -> BusinessMetrics:
    """Feed the business metrics from ``runtime``'s indexer; refresh gauges in its workers."""
    metrics = BusinessMetrics(registry)
    app.state.business_metrics = metrics
    runtime.event_listeners.append(metrics.observe)
    if runtime.config.run_indexer:
        runtime.extra_workers.append(
            ("business-metrics", lambda: metrics.run(runtime.sessions, 15.0))
        )
    return metrics
