"""P&L and every performance metric for an account with 1,000+ trades (target 10 ms p50).

Seeds one account (1,000 round trips = 2,000 fills over 30 days, hourly equity snapshots
= 721 rows) on SQLite and PostgreSQL, then times in one run:
- ``compute``: the metrics from data already in memory (trades from fills, TWR, Sharpe,
  Sortino, drawdown with dates, trade statistics),
- ``summary``: the whole ``/api/performance/summary`` work (both queries + compute),
- the baseline: empyrical-reloaded computing only Sharpe, Sortino, max drawdown and the
  cumulative return on the same daily series (pandas), for the ratio.

    python benchmarks/service_metrics.py [--trades 1000] [--repeat 200]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import empyrical
import pandas as pd
from kairos_service.db.session import make_engine, make_sessionmaker
from kairos_service.performance import metrics
from kairos_service.performance.service import compute_summary, load_snapshots, load_trades, summary
from service_common import T0, database_urls, percentile, seed_account

ACCOUNT = "BenchAccount1111111111111111111111111111111"


async def run(url: str, trades_n: int, repeat: int) -> dict[str, float]:
    await seed_account(url, ACCOUNT, trades_n, 30)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    end = T0 + 31 * 86_400
    async with sessions() as session:
        snapshots = await load_snapshots(session, ACCOUNT, 0, end)
        trades = await load_trades(session, ACCOUNT)
    assert sum(1 for t in trades if t.closed_at is not None) >= trades_n
    compute_ms, summary_ms, baseline_ms = [], [], []
    days = metrics.daily_returns(metrics.period_returns(snapshots))
    index = pd.DatetimeIndex([pd.Timestamp(d) for d, _ in days])
    series = pd.Series([v for _, v in days], index=index)
    for _ in range(repeat):
        start = time.perf_counter()
        result = compute_summary(snapshots, trades, 0, end)
        compute_ms.append((time.perf_counter() - start) * 1e3)
        start = time.perf_counter()
        empyrical.sharpe_ratio(series, annualization=365)
        empyrical.sortino_ratio(series, annualization=365)
        empyrical.max_drawdown(series)
        empyrical.cum_returns_final(series)
        baseline_ms.append((time.perf_counter() - start) * 1e3)
        async with sessions() as session:
            start = time.perf_counter()
            await summary(session, ACCOUNT, 0, end)
            summary_ms.append((time.perf_counter() - start) * 1e3)
    await engine.dispose()
    assert result["trades"] >= trades_n
    return {
        "trades": float(result["trades"]),
        "compute_p50": statistics.median(compute_ms),
        "compute_p99": percentile(compute_ms, 99),
        "summary_p50": statistics.median(summary_ms),
        "summary_p99": percentile(summary_ms, 99),
        "baseline_p50": statistics.median(baseline_ms),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trades", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with database_urls(["sqlite", "postgresql"]) as urls:
        results = {
            name: asyncio.run(run(url, args.trades, args.repeat)) for name, url in urls.items()
        }
    print(f"\nPerformance metrics for one account: {args.trades} round trips "
          f"({2 * args.trades} fills), 721 hourly snapshots, {args.repeat} runs (ms)\n")
    print("| engine | trades | compute p50 | compute p99 | summary (DB + compute) p50 | p99 "
          "| empyrical baseline p50 | compute / baseline |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        print(f"| {name} | {r['trades']:.0f} | {r['compute_p50']:.2f} | {r['compute_p99']:.2f} | "
              f"{r['summary_p50']:.2f} | {r['summary_p99']:.2f} | {r['baseline_p50']:.2f} | "
              f"{r['compute_p50'] / r['baseline_p50']:.2f}x |")
    print("\nTarget: 10 ms p50 for P&L and all metrics (users' target: 100 ms).")


if __name__ == "__main__":
    main()
