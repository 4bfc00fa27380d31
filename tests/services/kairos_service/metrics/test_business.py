"""Business metrics: exact values from events, open interest from the fills table."""

from __future__ import annotations

from typing import Any

from kairos_service.db.models import FillRow
from kairos_service.db.session import make_sessionmaker
from kairos_service.metrics.business import BusinessMetrics
from prometheus_client import CollectorRegistry
from sqlalchemy.ext.asyncio import AsyncEngine

M = "Mkt1111111111111111111111111111111111111111"


def _row(name: str, **data: Any) -> dict[str, Any]:
    return {"name": name, "data": data}


def _value(registry: CollectorRegistry, name: str, **labels: str) -> float | None:
    return registry.get_sample_value(name, labels or None)


def test_events_move_the_right_series_by_the_exact_amounts() -> None:
    registry = CollectorRegistry()
    metrics = BusinessMetrics(registry)
    metrics.observe([
        _row("OrderFilled", market=M, price=1_000_000, base_lots=10),
        _row("OrderFilled", market=M, price=1_100_000, base_lots=5),
        _row("AuctionOpened", auction="A1", market=M, limit_price=2_000_000),
        _row("AuctionFilled", auction="A1", market=M, price=1_990_000, base_lots=3, maker_fee=7),
        _row("AuctionSettled", auction="A1", market=M, taker_fee=11),
        _row("FeesSweptToInsurance", market=M, fees=500, insurance_share=250,
             insurance_vault_after=9_250),
        _row("PerpLiquidated", market=M, liquidation_fee=40, insurance_fee=10),
        _row("BankruptcyResolved", market=M, insurance_covered=300, socialized=20,
             insurance_remaining=8_950),
        _row("FundingUpdated", market=M, funding_rate=-42, clamped=True),
        _row("TwapSliceExecuted", due_time=100, executed_time=112, skipped_slices=1,
             keeper_reward=5),
        _row("ScheduledOrderExecuted", scheduled_time=50, executed_time=53, keeper_reward=2),
        _row("TriggerOrderTriggered", keeper_reward=3),
        _row("OrderFilled", market=M),  # malformed: must not raise nor stop the others
    ])  # fmt: skip
    v = lambda name, **labels: _value(registry, name, **labels)  # noqa: E731
    assert v("kairos_volume_quote_total", market=M, venue="book") == 10 * 1_000_000 + 5 * 1_100_000
    assert v("kairos_volume_quote_total", market=M, venue="auction") == 3 * 1_990_000
    assert v("kairos_volume_lots_total", market=M) == 18
    assert v("kairos_fills_total", market=M, venue="book") == 3
    assert v("kairos_auction_fees_quote_total", market=M, side="maker") == 7
    assert v("kairos_auction_fees_quote_total", market=M, side="taker") == 11
    assert v("kairos_auction_price_improvement_bps_sum") == 50.0  # 10,000 / 2,000,000 = 50 bps
    assert v("kairos_fees_swept_quote_total", market=M) == 500
    assert v("kairos_insurance_inflow_quote_total", source="fees") == 250
    assert v("kairos_insurance_inflow_quote_total", source="liquidation") == 10
    assert v("kairos_insurance_fund_quote") == 8_950  # the latest report wins
    assert v("kairos_liquidations_total", kind="perp") == 1
    assert v("kairos_liquidation_fees_quote_total", kind="perp") == 40
    assert v("kairos_bankruptcies_total") == 1
    assert v("kairos_bankruptcy_loss_quote_total", covered_by="socialized") == 20
    assert v("kairos_funding_rate", market=M) == -42
    assert v("kairos_funding_updates_total", market=M, clamped="true") == 1
    assert v("kairos_twap_slice_delay_seconds_sum") == 12
    assert v("kairos_twap_slices_skipped_total") == 1
    assert v("kairos_scheduled_run_delay_seconds_sum") == 3
    assert v("kairos_triggers_fired_total") == 1
    assert v("kairos_keeper_rewards_total", job="twap") == 5
    assert v("kairos_events_total", event="OrderFilled") == 3


async def test_open_interest_from_net_fills(engine: AsyncEngine) -> None:
    sessions = make_sessionmaker(engine)
    rows = [("a", 10), ("b", -10), ("a", -4), ("c", 4), ("d", 2**70), ("e", -(2**70))]
    async with sessions.begin() as session:
        for i, (account, lots) in enumerate(rows):
            session.add(FillRow(signature=f"s{i}", idx=0, margin_account=account, market=M,
                                slot=i, tx_order=0, block_time=i, role="taker", base_lots=lots,
                                quote=0, fee=0, source="OrderFilled",
                                commitment="confirmed"))  # fmt: skip
    registry = CollectorRegistry()
    metrics = BusinessMetrics(registry)
    await metrics.refresh(sessions)
    # Longs: a = 6, c = 4, d = 2**70 (exact past 2**63 on both engines).
    assert _value(registry, "kairos_open_interest_lots", market=M) == float(6 + 4 + 2**70)
