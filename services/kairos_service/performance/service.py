"""Performance answers for one account, read from the database (snapshots, fills, prices)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kairos_service.db.models import (
    CashFlowRow,
    EquitySnapshotRow,
    FillRow,
    MarginAccountRow,
    MarketRow,
    OraclePriceRow,
)
from kairos_service.performance import metrics
from kairos_service.performance.trades import FillIn, Trade, build_trades, trade_stats

WINDOW = re.compile(r"^(\d{1,4})([hdwmy])$")
UNIT_SECONDS = {"h": 3600, "d": 86_400, "w": 7 * 86_400, "m": 30 * 86_400, "y": 365 * 86_400}
RESOLUTIONS = {"raw": 0, "1h": 3600, "1d": 86_400, "1w": 7 * 86_400, "1M": 30 * 86_400}
BENCHMARK_SYMBOLS = ("SOL", "BTC", "ETH")


class BadParameterError(ValueError):
    """A query parameter the API cannot use (the message says why)."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter


def parse_window(
    window: str | None, start: int | None, end: int | None, now: float | None = None
) -> tuple[int, int]:
    """(start, end) unix seconds from ``window`` ("7d", "12h", "1y", "all") or start/end."""
    now_i = int(now if now is not None else time.time())
    if window is not None and (start is not None or end is not None):
        raise BadParameterError("window", "give either window or start/end, not both")
    if end is None:
        end = now_i
    if window is not None:
        if window == "all":
            return 0, end
        match = WINDOW.match(window)
        if match is None:
            raise BadParameterError(
                "window", f"window {window!r} is not N followed by h, d, w, m or y, or 'all'"
            )
        amount = int(match.group(1))
        if amount == 0:
            raise BadParameterError("window", "window must be longer than zero")
        return end - amount * UNIT_SECONDS[match.group(2)], end
    start = 0 if start is None else start
    if start < 0 or end < 0:
        raise BadParameterError("start", "start and end must be unix seconds >= 0")
    if start >= end:
        raise BadParameterError("start", f"start ({start}) must be before end ({end})")
    return start, end


async def require_account(session: AsyncSession, account: str) -> MarginAccountRow:
    """The indexed margin account (LookupError if the indexer never saw it)."""
    row = await session.get(MarginAccountRow, account)
    if row is None:
        raise LookupError(f"margin account {account} is not indexed")
    return row


async def load_snapshots(
    session: AsyncSession, account: str, start: int, end: int
) -> list[metrics.Snapshot]:
    """The account's snapshots in [start, end], oldest first."""
    rows = await session.execute(
        select(EquitySnapshotRow.unix_time, EquitySnapshotRow.equity, EquitySnapshotRow.net_flows)
        .where(
            EquitySnapshotRow.margin_account == account,
            EquitySnapshotRow.unix_time >= start,
            EquitySnapshotRow.unix_time <= end,
        )
        .order_by(EquitySnapshotRow.unix_time)
    )
    return [metrics.Snapshot(int(t), int(e), int(f)) for t, e, f in rows.all()]


async def load_trades(session: AsyncSession, account: str) -> list[Trade]:
    """Every trade of the account, from all its fills in chain order."""
    rows = await session.execute(
        select(FillRow.market, FillRow.block_time, FillRow.role, FillRow.base_lots,
               FillRow.quote, FillRow.fee)
        .where(FillRow.margin_account == account)
        .order_by(FillRow.slot, FillRow.tx_order, FillRow.idx)
    )  # fmt: skip
    fills = [
        FillIn(m, int(t or 0), 0, 0, 0, funding=-int(q))
        if role == "funding"
        else FillIn(m, int(t or 0), int(b), int(q), int(f))
        for m, t, role, b, q, f in rows.all()
    ]
    return build_trades(fills)


class HistoryCache:
    """Each account's snapshots and trades, reloaded only when its rows changed.

    Validity is checked with one aggregate query per table (row count and newest key),
    so a replica's cache follows whatever the indexer wrote, including deletions; the
    answer is then computed in memory. Bounded to ``max_accounts`` (oldest dropped).
    """

    def __init__(self, max_accounts: int = 1024) -> None:
        self.max_accounts = max_accounts
        self._entries: dict[str, tuple[tuple[Any, ...], list[metrics.Snapshot], list[Trade]]] = {}

    async def get(
        self, session: AsyncSession, account: str
    ) -> tuple[list[metrics.Snapshot], list[Trade]]:
        """All the account's snapshots and trades (from the cache when unchanged)."""
        fills = select(func.count(), func.max(FillRow.slot)).where(
            FillRow.margin_account == account
        )
        snaps = select(func.count(), func.max(EquitySnapshotRow.unix_time)).where(
            EquitySnapshotRow.margin_account == account
        )
        # One round trip: both tables' (row count, newest key).
        row = (
            await session.execute(
                select(
                    fills.with_only_columns(func.count()).scalar_subquery(),
                    fills.with_only_columns(func.max(FillRow.slot)).scalar_subquery(),
                    snaps.with_only_columns(func.count()).scalar_subquery(),
                    snaps.with_only_columns(func.max(EquitySnapshotRow.unix_time))
                    .scalar_subquery(),
                )
            )
        ).one()
        fills_key, snaps_key = tuple(row[:2]), tuple(row[2:])
        key = (*fills_key, *snaps_key)
        entry = self._entries.get(account)
        if entry is not None and entry[0] == key:
            return entry[1], entry[2]
        await require_account(session, account)
        snapshots = await load_snapshots(session, account, 0, 2**62)
        trades = await load_trades(session, account)
        self._entries.pop(account, None)
        self._entries[account] = (key, snapshots, trades)
        while len(self._entries) > self.max_accounts:
            self._entries.pop(next(iter(self._entries)))
        return snapshots, trades


HISTORY = HistoryCache()


def in_window(snapshots: list[metrics.Snapshot], start: int, end: int) -> list[metrics.Snapshot]:
    """The snapshots with start <= time <= end (they are sorted by time)."""
    times = [s.time for s in snapshots]
    return snapshots[bisect.bisect_left(times, start) : bisect.bisect_right(times, end)]


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def compute_summary(
    snapshots: list[metrics.Snapshot], trades: list[Trade], start: int, end: int
) -> dict[str, Any]:
    """Every performance figure of one window (pure: the benchmark times this)."""
    returns = metrics.period_returns(snapshots)
    days = metrics.daily_returns(returns)
    daily = [value for _, value in days]
    drawdown = metrics.max_drawdown(days)
    in_window = [t for t in trades if t.closed_at is not None and start <= t.closed_at <= end]
    stats = trade_stats(in_window)
    first, last = (snapshots[0], snapshots[-1]) if snapshots else (None, None)
    pnl = (
        (last.equity - last.net_flows) - (first.equity - first.net_flows)
        if first and last
        else 0
    )
    open_trades = [t for t in trades if t.closed_at is None]
    return {
        "start": start,
        "end": end,
        "snapshots": len(snapshots),
        "equity": last.equity if last else None,
        "net_deposits": last.net_flows - first.net_flows if first and last else 0,
        "pnl": pnl,
        "time_weighted_return": metrics.total_return([r for _, r in returns]),
        "sharpe": metrics.sharpe(daily),
        "sortino": metrics.sortino(daily),
        "max_drawdown": drawdown.max_drawdown,
        "max_drawdown_peak": _iso(drawdown.peak),
        "max_drawdown_trough": _iso(drawdown.trough),
        "max_drawdown_recovery": _iso(drawdown.recovery),
        "days": len(days),
        "trades": stats.closed,
        "open_trades": len(open_trades),
        "wins": stats.wins,
        "losses": stats.losses,
        "win_rate": stats.win_rate,
        "profit_factor": stats.profit_factor,
        "average_win": stats.average_win,
        "average_loss": stats.average_loss,
        "average_trade_duration_seconds": stats.average_duration_seconds,
        "realized_pnl": stats.realized_pnl,
        "fees": stats.fees,
        "conventions": {
            "annualization_days": metrics.ANNUALIZATION,
            "risk_free_rate": 0.0,
            "returns": "daily (UTC), flows neutralised at the end of each sub-period",
        },
    }


async def summary(session: AsyncSession, account: str, start: int, end: int) -> dict[str, Any]:
    """``/api/performance/summary``."""
    snapshots, trades = await HISTORY.get(session, account)  # LookupError if not indexed
    return {
        "account": account,
        **compute_summary(in_window(snapshots, start, end), trades, start, end),
    }


def _bucket(points: list[metrics.Snapshot], seconds: int) -> list[metrics.Snapshot]:
    if seconds == 0:
        return points
    out: dict[int, metrics.Snapshot] = {}
    for point in points:
        out[point.time // seconds] = point  # the last snapshot of each bucket
    return list(out.values())


async def history(
    session: AsyncSession, account: str, start: int, end: int, resolution: str
) -> dict[str, Any]:
    """``/api/performance/history``: equity, P&L and drawdown per point, daily P&L."""
    if resolution not in RESOLUTIONS:
        raise BadParameterError(
            "resolution", f"resolution {resolution!r} is not one of {', '.join(RESOLUTIONS)}"
        )
    cached, _trades = await HISTORY.get(session, account)
    snapshots = _bucket(in_window(cached, start, end), RESOLUTIONS[resolution])
    returns = metrics.period_returns(snapshots)
    drawdowns = metrics.drawdown_series([r for _, r in returns])
    base = snapshots[0].equity - snapshots[0].net_flows if snapshots else 0
    points = []
    dd_by_time = {t: d for (t, _), d in zip(returns, drawdowns, strict=True)}
    for snap in snapshots:
        points.append({
            "time": snap.time, "equity": snap.equity, "net_flows": snap.net_flows,
            "pnl": snap.equity - snap.net_flows - base, "drawdown": dd_by_time.get(snap.time, 0.0),
        })  # fmt: skip
    daily_pnl: dict[str, int] = {}
    previous: metrics.Snapshot | None = None
    for snap in snapshots:
        if previous is not None:
            day = dt.datetime.fromtimestamp(snap.time, dt.UTC).date().isoformat()
            gain = (snap.equity - snap.net_flows) - (previous.equity - previous.net_flows)
            daily_pnl[day] = daily_pnl.get(day, 0) + gain
        previous = snap
    return {
        "account": account, "start": start, "end": end, "resolution": resolution,
        "points": points,
        "daily_pnl": [{"date": d, "pnl": v} for d, v in sorted(daily_pnl.items())],
    }  # fmt: skip


async def attribution(
    session: AsyncSession, account: str, start: int, end: int, state: dict[str, Any] | None
) -> dict[str, Any]:
    """``/api/performance/attribution``.

    Realized P&L and fees per market, open P&L from the live state, net deposits per
    collateral asset.
    """
    _snapshots, trades = await HISTORY.get(session, account)
    names = {row.address: row.name for row in (await session.scalars(select(MarketRow))).all()}
    by_market: dict[str, dict[str, Any]] = {}
    for trade in trades:
        if trade.closed_at is None or not start <= trade.closed_at <= end:
            continue
        entry = by_market.setdefault(trade.market, {
            "market": trade.market, "name": names.get(trade.market, ""), "realized_pnl": 0,
            "fees": 0, "funding": 0, "trades": 0, "unrealized_pnl": 0,
        })  # fmt: skip
        entry["realized_pnl"] += trade.pnl
        entry["fees"] += trade.fees
        entry["funding"] += trade.funding
        entry["trades"] += 1
    if state is not None:
        for position in state.get("positions", []):
            market = next((a for a, n in names.items() if n == position["market"]), None)
            key = market or position["market"]
            entry = by_market.setdefault(key, {
                "market": key, "name": position["market"], "realized_pnl": 0, "fees": 0,
                "funding": 0, "trades": 0, "unrealized_pnl": 0,
            })  # fmt: skip
            entry["unrealized_pnl"] += position["unrealized_pnl"]
    flows = await session.execute(
        select(CashFlowRow.asset, CashFlowRow.amount).where(
            CashFlowRow.margin_account == account,
            CashFlowRow.block_time >= start,
            CashFlowRow.block_time <= end,
        )
    )
    by_asset: dict[str, int] = {}
    for asset, amount in flows.all():
        by_asset[asset] = by_asset.get(asset, 0) + int(amount)
    return {
        "account": account, "start": start, "end": end,
        "by_market": sorted(by_market.values(), key=lambda e: e["name"]),
        "by_collateral_asset": [
            {"asset": asset, "net_deposits_native": amount}
            for asset, amount in sorted(by_asset.items())
        ],
    }  # fmt: skip


async def price_return(session: AsyncSession, oracle: str, start: int, end: int) -> dict[str, Any]:
    """The oracle's price return from the first sample at/after start to the last before end."""
    first = (
        await session.execute(
            select(OraclePriceRow.unix_time, OraclePriceRow.price)
            .where(OraclePriceRow.oracle == oracle, OraclePriceRow.unix_time >= start,
                   OraclePriceRow.unix_time <= end)
            .order_by(OraclePriceRow.unix_time, OraclePriceRow.slot).limit(1)
        )
    ).first()  # fmt: skip
    last = (
        await session.execute(
            select(OraclePriceRow.unix_time, OraclePriceRow.price)
            .where(OraclePriceRow.oracle == oracle, OraclePriceRow.unix_time >= start,
                   OraclePriceRow.unix_time <= end)
            .order_by(OraclePriceRow.unix_time.desc(), OraclePriceRow.slot.desc()).limit(1)
        )
    ).first()  # fmt: skip
    if first is None or last is None or int(first[1]) <= 0:
        return {"oracle": oracle, "return": None, "samples": 0}
    return {
        "oracle": oracle, "return": int(last[1]) / int(first[1]) - 1.0,
        "from_time": int(first[0]), "to_time": int(last[0]),
        "from_price": int(first[1]), "to_price": int(last[1]),
    }  # fmt: skip


async def benchmarks(
    session: AsyncSession, account: str, start: int, end: int, configured: dict[str, str]
) -> dict[str, Any]:
    """``/api/performance/benchmarks``: the account's TWR and SOL/BTC/ETH price returns."""
    cached, _trades = await HISTORY.get(session, account)
    oracles = dict(configured)
    if not oracles:
        for row in (await session.scalars(select(MarketRow))).all():
            symbol = row.name.split("-")[0].upper()
            if symbol in BENCHMARK_SYMBOLS:
                oracles.setdefault(symbol, row.oracle)
    snapshots = in_window(cached, start, end)
    twr = metrics.total_return([r for _, r in metrics.period_returns(snapshots)])
    out = []
    for symbol in BENCHMARK_SYMBOLS:
        oracle = oracles.get(symbol)
        if oracle is None:
            out.append({"symbol": symbol, "oracle": None, "return": None,
                        "note": "no oracle configured or market listed for it"})  # fmt: skip
            continue
        result = await price_return(session, oracle, start, end)
        excess = None if result["return"] is None else twr - result["return"]
        out.append({"symbol": symbol, **result, "excess_return": excess})
    return {"account": account, "start": start, "end": end, "account_return": twr,
            "benchmarks": out}  # fmt: skip
