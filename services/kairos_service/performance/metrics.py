"""Return and risk metrics from equity snapshots (pure functions, numpy).

Conventions (the ones empyrical-reloaded uses, with its ``annualization`` set to 365
because crypto trades every day; a test checks each figure against it):

- Sub-period return between snapshots i-1 and i, flows neutralised:
  ``r_i = (E_i - (F_i - F_{i-1})) / E_{i-1} - 1`` with ``E`` the equity and ``F`` the
  cumulative net deposits (a deposit or withdrawal is taken to happen at the end of its
  sub-period). A sub-period starting at zero or negative equity has no return and is
  left out.
- Daily returns: sub-period returns compounded per UTC day. Days without a snapshot
  (the service was down) are absent, not zero.
- Time-weighted return: the product of (1 + r) minus 1.
- Sharpe: mean / sample standard deviation (ddof 1) of daily returns x sqrt(365);
  risk-free rate 0.
- Sortino: mean daily return x 365 / (sqrt(mean(min(r, 0)^2)) x sqrt(365)); target 0.
- Maximum drawdown: on the daily cumulative-return index, as a negative fraction, with
  the dates of the peak, the trough and the recovery (None while not recovered).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence

import numpy as np

ANNUALIZATION = 365
DAY = 86_400


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """An account valuation: unix time, equity and cumulative net flows (quote native)."""

    time: int
    equity: int
    net_flows: int


def period_returns(snapshots: Sequence[Snapshot]) -> list[tuple[int, float]]:
    """(end time, return) of each sub-period with a positive starting equity."""
    out: list[tuple[int, float]] = []
    for previous, current in zip(snapshots, snapshots[1:], strict=False):
        if previous.equity <= 0:
            continue
        flow = current.net_flows - previous.net_flows
        out.append((current.time, (current.equity - flow) / previous.equity - 1.0))
    return out


def daily_returns(returns: Sequence[tuple[int, float]]) -> list[tuple[dt.date, float]]:
    """Sub-period returns compounded per UTC day, in date order."""
    days: dict[dt.date, float] = {}
    for time, value in returns:
        day = dt.datetime.fromtimestamp(time, dt.UTC).date()
        days[day] = (1.0 + days.get(day, 0.0)) * (1.0 + value) - 1.0
    return sorted(days.items())


def total_return(values: Sequence[float]) -> float:
    """Compounded return of a sequence of returns."""
    return float(np.prod(np.add(values, 1.0)) - 1.0) if len(values) else 0.0


def sharpe(values: Sequence[float]) -> float | None:
    """Annualised Sharpe ratio (None with fewer than two returns or no variation)."""
    array = np.asarray(values, dtype=float)
    if array.size < 2:
        return None
    std = float(np.std(array, ddof=1))
    if std == 0.0 or math.isnan(std):
        return None
    return float(np.mean(array) / std * math.sqrt(ANNUALIZATION))


def sortino(values: Sequence[float]) -> float | None:
    """Annualised Sortino ratio (None with fewer than two returns or no downside)."""
    array = np.asarray(values, dtype=float)
    if array.size < 2:
        return None
    downside = math.sqrt(float(np.mean(np.square(np.minimum(array, 0.0))))) * math.sqrt(
        ANNUALIZATION
    )
    if downside == 0.0:
        return None
    return float(np.mean(array) * ANNUALIZATION / downside)


@dataclasses.dataclass(frozen=True)
class Drawdown:
    """The deepest fall of the cumulative-return index and when it happened."""

    max_drawdown: float
    peak: dt.date | None
    trough: dt.date | None
    recovery: dt.date | None


def drawdown_series(values: Sequence[float]) -> list[float]:
    """Drawdown (<= 0) after each return, relative to the running peak (starting at 1)."""
    wealth = np.cumprod(np.add(values, 1.0))
    peaks = np.maximum.accumulate(np.concatenate(([1.0], wealth)))[1:]
    return [float(x) for x in wealth / peaks - 1.0]


def max_drawdown(days: Sequence[tuple[dt.date, float]]) -> Drawdown:
    """Maximum drawdown of daily returns with its peak, trough and recovery dates.

    The index starts at 1 the day before the first return, so a loss on the first day
    is a drawdown (empyrical starts its running peak after the first return instead;
    the two agree whenever the first day is not a loss, checked in a test).
    """
    if not days:
        return Drawdown(0.0, None, None, None)
    dates = [days[0][0] - dt.timedelta(days=1)] + [day for day, _ in days]
    wealth = np.concatenate(([1.0], np.cumprod(np.add([v for _, v in days], 1.0))))
    drawdowns = wealth / np.maximum.accumulate(wealth) - 1.0
    trough = int(np.argmin(drawdowns))
    if drawdowns[trough] >= 0.0:
        return Drawdown(0.0, None, None, None)
    peak_value = float(np.max(wealth[: trough + 1]))
    peak = max(i for i in range(trough + 1) if wealth[i] == peak_value)
    recovery = next((dates[i] for i in range(trough + 1, len(dates)) if wealth[i] >= peak_value),
                    None)  # fmt: skip
    return Drawdown(float(drawdowns[trough]), dates[peak], dates[trough], recovery)
