"""Trades from fills: a trade is a position in one market from open to flat.

A fill that crosses zero closes the trade with the lots that flatten it and opens the
next with the rest; its quote and fee are split pro rata to the lots (integer floor,
the remainder to the closing part), so the trades' quote and fees add up exactly to
the fills'.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable


@dataclasses.dataclass(frozen=True)
class FillIn:
    """What the trade builder needs of a fill."""

    market: str
    time: int
    base_lots: int
    quote: int
    fee: int
    funding: int = 0  # funding paid (> 0) or received (< 0), quote native


@dataclasses.dataclass
class Trade:
    """One position from open to flat (``closed_at`` None while still open)."""

    market: str
    side: str
    opened_at: int
    closed_at: int | None = None
    max_lots: int = 0
    lots: int = 0
    entry_quote: int = 0  # quote paid (long) or received (short) to open, > 0
    exit_quote: int = 0  # quote received (long) or paid (short) to close, > 0
    entry_lots: int = 0
    exit_lots: int = 0
    quote: int = 0  # signed sum of the trade's fills' quote
    fees: int = 0
    funding: int = 0  # paid (> 0) or received (< 0) while the position was open

    @property
    def pnl(self) -> int:
        """Realized P&L after fees (quote native).

        For an open trade the part closed so far is not separated: use it when closed.
        """
        return self.quote - self.fees - self.funding

    @property
    def roi(self) -> float:
        """P&L over the entry notional."""
        return self.pnl / self.entry_quote if self.entry_quote else 0.0

    @property
    def duration(self) -> int | None:
        """Seconds from open to flat."""
        return None if self.closed_at is None else self.closed_at - self.opened_at

    def entry_price(self) -> float:
        """Average entry price per lot."""
        return self.entry_quote / self.entry_lots if self.entry_lots else 0.0

    def exit_price(self) -> float:
        """Average exit price per lot."""
        return self.exit_quote / self.exit_lots if self.exit_lots else 0.0


def _apply(trade: Trade, lots: int, quote: int, fee: int) -> None:
    opening = (lots > 0) == (trade.side == "long")
    if opening:
        trade.entry_lots += abs(lots)
        trade.entry_quote += abs(quote)
    else:
        trade.exit_lots += abs(lots)
        trade.exit_quote += abs(quote)
    trade.quote += quote
    trade.fees += fee
    trade.lots += lots
    trade.max_lots = max(trade.max_lots, abs(trade.lots))


def build_trades(fills: Iterable[FillIn]) -> list[Trade]:
    """Trades in order of opening; fills must be in chain order."""
    open_trades: dict[str, Trade] = {}
    out: list[Trade] = []
    for fill in fills:
        trade = open_trades.get(fill.market)
        if fill.base_lots == 0:  # a fee or funding record: to the open (or last) trade
            target = trade or next((t for t in reversed(out) if t.market == fill.market), None)
            if target is not None:
                target.fees += fill.fee
                target.funding += fill.funding
            continue
        lots, quote, fee = fill.base_lots, fill.quote, fill.fee
        if trade is None:
            trade = Trade(fill.market, "long" if lots > 0 else "short", fill.time)
            open_trades[fill.market] = trade
            out.append(trade)
        if trade.lots != 0 and (trade.lots + lots) * trade.lots < 0:
            closing = -trade.lots
            closing_quote = quote * closing // lots
            closing_fee = fee * closing // lots
            _apply(trade, closing, closing_quote, closing_fee)
            trade.closed_at = fill.time
            del open_trades[fill.market]
            lots, quote, fee = lots - closing, quote - closing_quote, fee - closing_fee
            trade = Trade(fill.market, "long" if lots > 0 else "short", fill.time)
            open_trades[fill.market] = trade
            out.append(trade)
        _apply(trade, lots, quote, fee)
        if trade.lots == 0:
            trade.closed_at = fill.time
            del open_trades[fill.market]
    return out


@dataclasses.dataclass(frozen=True)
class TradeStats:
    """Win/loss statistics of closed trades."""

    closed: int
    wins: int
    losses: int
    win_rate: float | None
    profit_factor: float | None
    average_win: float | None
    average_loss: float | None
    average_duration_seconds: float | None
    realized_pnl: int
    fees: int


def trade_stats(trades: Iterable[Trade]) -> TradeStats:
    """Statistics of the closed trades (a zero-P&L trade counts as neither win nor loss)."""
    closed = [t for t in trades if t.closed_at is not None]
    wins = [t.pnl for t in closed if t.pnl > 0]
    losses = [t.pnl for t in closed if t.pnl < 0]
    durations = [t.duration for t in closed if t.duration is not None]
    return TradeStats(
        closed=len(closed),
        wins=len(wins),
        losses=len(losses),
        win_rate=len(wins) / len(closed) if closed else None,
        profit_factor=sum(wins) / -sum(losses) if losses else None,
        average_win=sum(wins) / len(wins) if wins else None,
        average_loss=sum(losses) / len(losses) if losses else None,
        average_duration_seconds=sum(durations) / len(durations) if durations else None,
        realized_pnl=sum(t.pnl for t in closed),
        fees=sum(t.fees for t in closed),
    )
