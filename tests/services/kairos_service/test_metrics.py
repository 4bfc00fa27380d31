"""Performance math: each metric against empyrical-reloaded on the same return series,
trades from fills, windows."""

from __future__ import annotations

import datetime as dt
import math
import random

import empyrical
import numpy as np
import pandas as pd
import pytest
from kairos_service.performance import metrics
from kairos_service.performance.service import BadParameterError, compute_summary, parse_window
from kairos_service.performance.trades import FillIn, build_trades, trade_stats

DAY = 86_400
T0 = 1_767_225_600  # 2026-01-01T00:00:00Z


def _snapshots(rng: random.Random, days: int, per_day: int = 4) -> list[metrics.Snapshot]:
    equity, flows = 10_000_000_000, 10_000_000_000
    out = [metrics.Snapshot(T0, equity, flows)]
    for i in range(1, days * per_day + 1):
        flow = 0
        if rng.random() < 0.05:  # a deposit or withdrawal now and then
            flow = rng.choice([1, -1]) * rng.randrange(1, 2_000_000_000)
        equity = max(int(equity * (1 + rng.gauss(0.0005, 0.01))) + flow, 1)
        flows += flow
        out.append(metrics.Snapshot(T0 + i * DAY // per_day, equity, flows))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_metrics_agree_with_empyrical(seed: int) -> None:
    rng = random.Random(seed)
    snaps = _snapshots(rng, 120)
    returns = metrics.period_returns(snaps)
    days = metrics.daily_returns(returns)
    series = pd.Series(
        [v for _, v in days], index=pd.DatetimeIndex([pd.Timestamp(d) for d, _ in days])
    )
    daily = list(series)
    assert metrics.sharpe(daily) == pytest.approx(
        empyrical.sharpe_ratio(series, risk_free=0, annualization=365), rel=1e-9
    )
    assert metrics.sortino(daily) == pytest.approx(
        empyrical.sortino_ratio(series, required_return=0, annualization=365), rel=1e-9
    )
    assert metrics.total_return(daily) == pytest.approx(
        empyrical.cum_returns_final(series), rel=1e-9
    )
    # Compounding sub-period returns per day loses nothing: the TWR is the same.
    assert metrics.total_return([r for _, r in returns]) == pytest.approx(
        empyrical.cum_returns_final(series), rel=1e-9
    )
    if daily[0] >= 0:  # the documented convention difference is only on a first-day loss
        assert metrics.max_drawdown(days).max_drawdown == pytest.approx(
            empyrical.max_drawdown(series), rel=1e-9
        )


def test_flows_are_neutralised() -> None:
    # Equity doubles only because of a deposit: the return is zero.
    snaps = [
        metrics.Snapshot(T0, 1_000, 1_000),
        metrics.Snapshot(T0 + DAY, 2_000, 2_000),
        metrics.Snapshot(T0 + 2 * DAY, 2_200, 2_000),
    ]
    returns = [r for _, r in metrics.period_returns(snaps)]
    assert returns == pytest.approx([0.0, 0.1])


def test_drawdown_dates_and_first_day_loss() -> None:
    d = [dt.date(2026, 1, i) for i in range(1, 7)]
    values = [-0.10, 0.05, 0.10, -0.20, 0.10, 0.20]
    result = metrics.max_drawdown(list(zip(d, values, strict=True)))
    wealth = np.cumprod(np.add(values, 1.0))
    assert result.max_drawdown == pytest.approx(wealth[3] / wealth[2] - 1)
    assert (result.peak, result.trough, result.recovery) == (d[2], d[3], d[5])
    # A loss on the first day is a drawdown from the starting value here, not in empyrical.
    first = metrics.max_drawdown([(d[0], -0.1), (d[1], 0.0)])
    assert first.max_drawdown == pytest.approx(-0.1)
    assert first.peak == dt.date(2025, 12, 31) and first.recovery is None


def test_no_variation_gives_no_ratio() -> None:
    assert metrics.sharpe([0.01]) is None
    assert metrics.sharpe([0.01, 0.01]) is None
    assert metrics.sortino([0.01, 0.02]) is None  # no downside


def test_trades_from_fills_split_a_flip_exactly() -> None:
    fills = [
        FillIn("M", 100, 10, -1_000, 10),  # buy 10 @ 100
        FillIn("M", 200, -4, 480, 4),  # sell 4 @ 120
        FillIn("M", 300, -16, 1_760, 16),  # sell 16 @ 110: closes 6, opens a short of 10
        FillIn("M", 400, 10, -1_000, 10),  # buy back 10 @ 100: flat
        FillIn("N", 500, -3, 300, 1),  # another market, still open
    ]
    trades = build_trades(fills)
    assert [(t.market, t.side, t.opened_at, t.closed_at) for t in trades] == [
        ("M", "long", 100, 300), ("M", "short", 300, 400), ("N", "short", 500, None),
    ]  # fmt: skip
    long, short, _open = trades
    assert long.quote == -1_000 + 480 + 660 and long.fees == 10 + 4 + 6
    assert long.pnl == 140 - 20 and long.max_lots == 10
    assert short.quote == 1_100 - 1_000 and short.fees == 10 + 10
    assert sum(t.quote for t in trades) == sum(f.quote for f in fills)
    assert sum(t.fees for t in trades) == sum(f.fee for f in fills)
    stats = trade_stats(trades)
    assert (stats.closed, stats.wins, stats.losses) == (2, 2, 0)
    assert stats.win_rate == 1.0 and stats.profit_factor is None
    assert stats.average_duration_seconds == 150


def test_win_loss_statistics() -> None:
    fills = []
    pnls = [50, -20, 30, -10, 0]
    for i, pnl in enumerate(pnls):
        fills += [FillIn("M", i * 10, 1, -100, 0), FillIn("M", i * 10 + 5, -1, 100 + pnl, 0)]
    stats = trade_stats(build_trades(fills))
    assert (stats.wins, stats.losses, stats.closed) == (2, 2, 5)
    assert stats.win_rate == 0.4
    assert stats.profit_factor == pytest.approx(80 / 30)
    assert stats.average_win == 40 and stats.average_loss == -15
    assert stats.average_duration_seconds == 5


def test_summary_of_a_thousand_trades() -> None:
    rng = random.Random(7)
    fills = []
    for i in range(1_000):
        lots = rng.randrange(1, 50)
        entry, exit_ = rng.randrange(900, 1_100), rng.randrange(900, 1_100)
        fills += [
            FillIn("M", T0 + i * 60, lots, -entry * lots, 1),
            FillIn("M", T0 + i * 60 + 30, -lots, exit_ * lots, 1),
        ]
    trades = build_trades(fills)
    summary = compute_summary(_snapshots(rng, 30), trades, T0, T0 + 40 * DAY)
    assert summary["trades"] == 1_000
    wins = [t.pnl for t in trades if t.pnl > 0]
    assert summary["win_rate"] == pytest.approx(len(wins) / 1_000)
    assert summary["realized_pnl"] == sum(t.pnl for t in trades)
    assert not math.isnan(summary["sharpe"])


@pytest.mark.parametrize(
    ("window", "start", "end", "message"),
    [
        ("7x", None, None, "is not N followed by"),
        ("0d", None, None, "longer than zero"),
        ("7d", 5, None, "either window or start/end"),
        (None, 10, 5, "must be before end"),
        (None, -5, 10, ">= 0"),
        ("-1d", None, None, "is not N followed by"),
    ],
)
def test_bad_windows(window: str | None, start: int | None, end: int | None, message: str) -> None:
    with pytest.raises(BadParameterError, match=message):
        parse_window(window, start, end, now=T0)


def test_windows() -> None:
    assert parse_window("7d", None, None, now=T0) == (T0 - 7 * DAY, T0)
    assert parse_window("all", None, None, now=T0) == (0, T0)
    assert parse_window(None, 5, 10, now=T0) == (5, 10)


def test_funding_and_fees_go_to_the_open_trade() -> None:
    fills = [
        FillIn("M", 100, 10, -1_000, 5),
        FillIn("M", 150, 0, 0, 0, funding=30),  # paid while long
        FillIn("M", 160, 0, 0, 0, funding=-8),  # received
        FillIn("M", 200, -10, 1_100, 5),
        FillIn("M", 250, 0, 0, 7),  # a late fee record: to the last trade of the market
    ]
    (trade,) = build_trades(fills)
    assert trade.funding == 22 and trade.fees == 17
    assert trade.pnl == 100 - 17 - 22


def test_funding_paid_event_becomes_a_funding_row() -> None:
    from kairos.events import FundingPaid
    from kairos.pda import perp_market_address
    from kairos_service.indexer.decode import fills_of
    from solders.pubkey import Pubkey

    account = Pubkey.new_unique()
    (fill,) = fills_of(FundingPaid(account, 3, 250, 10, 99), {})
    assert (fill.role, fill.base_lots, fill.quote, fill.fee) == ("funding", 0, -250, 0)
    assert fill.market == str(perp_market_address(3)) and fill.margin_account == str(account)
    assert fills_of(FundingPaid(account, 3, 0, 10, 99), {}) == []
