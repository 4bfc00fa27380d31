"""Perp funding, exactly as the program computes it (programs/kairos/src/funding).

Per market, in quote native units per lot:

- the **oracle sample** is the oracle price per lot (floor); the **mark sample** is the
  book's mid, or with one side only that side's best where it shows a premium (a bid
  above the oracle, an ask below it), else the oracle; bounded to oracle ± the mark band;
- the **TWAPs** are moving averages over one funding period, each sample held until the
  next: ``twap = floor((twap × (period − dt) + held × dt) / period)``, ``dt ≤ period``;
- a **roll** (``update_funding``, once per period) adds
  ``trunc((mark_twap − oracle_twap) × ONE × elapsed / 86,400)`` to the funding index,
  clamped to ``oracle_twap × ONE × max_rate_bps / 10⁴ × elapsed / period``, with
  ``elapsed = min(now − last roll, period)`` (0 when paused): a premium of p costs a
  long p per lot per day;
- a position owes ``ceil(base_lots × (index − snapshot) / ONE)`` (towards +∞: against
  the position), settled into its unsettled PnL before any fill and by ``settle_pnl``;
  health counts it (:func:`kairos.math.health.health_breakdown`).

``ONE`` is ``FUNDING_INDEX_ONE``; rates are in ``ONE`` units of the oracle price per
period. Every function is integer math on decoded accounts, so the SDK, the CLI and the
keepers see the program's numbers (tests compare them).
"""

from __future__ import annotations

import dataclasses

from kairos import errors
from kairos.accounts import Orderbook, PerpMarket, PerpPosition
from kairos.constants import (
    BPS_DENOMINATOR,
    DEFAULT_FUNDING_MARK_BAND_BPS,
    DEFAULT_FUNDING_MAX_RATE_BPS,
    DEFAULT_FUNDING_PERIOD_SECONDS,
    FUNDING_INDEX_ONE,
    FUNDING_PREMIUM_DAY_SECONDS,
    I64_MAX,
    I64_MIN,
)


def _i64(value: int) -> int:
    if not I64_MIN <= value <= I64_MAX:
        raise errors.MathOverflow()
    return value


def _trunc_div(numerator: int, denominator: int) -> int:
    quotient = abs(numerator) // denominator
    return quotient if numerator >= 0 else -quotient


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def period_seconds(market: PerpMarket) -> int:
    """The funding period in force (a zero field means the default, one hour)."""
    return market.funding_period_seconds or DEFAULT_FUNDING_PERIOD_SECONDS


def max_rate_bps(market: PerpMarket) -> int:
    """The clamp of the rate per period in force, in bps."""
    return market.funding_max_rate_bps or DEFAULT_FUNDING_MAX_RATE_BPS


def mark_band_bps(market: PerpMarket) -> int:
    """The band around the oracle that bounds the mark, in bps."""
    return market.funding_mark_band_bps or DEFAULT_FUNDING_MARK_BAND_BPS


def owed(lots: int, index_delta: int) -> int:
    """``ceil(lots × index_delta / ONE)``: funding owed (negative: received)."""
    return _i64(_ceil_div(lots * index_delta, FUNDING_INDEX_ONE))


def pending_funding(position: PerpPosition, market: PerpMarket) -> int:
    """What ``position`` owes of the market's funding since it last settled."""
    delta = _i64(market.funding_index - position.funding_index_snapshot)
    return owed(position.base_lots, delta)


def mark_price(market: PerpMarket, book: Orderbook, oracle_per_lot: int) -> int:
    """The mark sample of ``book`` at ``oracle_per_lot`` (see the module docstring)."""
    best_bid = book.bids[book.bid_count - 1].price if book.bid_count else None
    best_ask = book.asks[book.ask_count - 1].price if book.ask_count else None
    raw = oracle_per_lot
    if best_bid is not None and best_ask is not None:
        raw = (best_bid + best_ask) // 2
    elif best_bid is not None and best_bid > oracle_per_lot:
        raw = best_bid
    elif best_ask is not None and best_ask < oracle_per_lot:
        raw = best_ask
    band = mark_band_bps(market)
    if raw > oracle_per_lot:
        return min(raw, oracle_per_lot * (BPS_DENOMINATOR + band) // BPS_DENOMINATOR)
    if raw < oracle_per_lot:
        factor = max(BPS_DENOMINATOR - band, 0)
        return max(raw, _ceil_div(oracle_per_lot * factor, BPS_DENOMINATOR))
    return raw


def _fold(twap: int, held: int, dt: int, period: int) -> int:
    return (twap * (period - dt) + held * dt) // period


def sampled(market: PerpMarket, oracle_per_lot: int, mark: int, now: int) -> PerpMarket:
    """The market after a TWAP sample at unix time ``now`` (what fills and the crank do)."""
    oracle_twap, mark_twap = market.oracle_twap, market.mark_twap
    twap_ts = market.funding_twap_ts
    if market.funding_sampled == 0:
        oracle_twap, mark_twap, twap_ts = oracle_per_lot, mark, now
    elif now > market.funding_twap_ts:
        period = period_seconds(market)
        dt = min(now - market.funding_twap_ts, period)
        oracle_twap = _fold(oracle_twap, market.last_oracle_sample, dt, period)
        mark_twap = _fold(mark_twap, market.last_mark_sample, dt, period)
    return dataclasses.replace(
        market,
        oracle_twap=oracle_twap,
        mark_twap=mark_twap,
        funding_twap_ts=max(now, twap_ts),
        funding_sampled=1,
        last_oracle_sample=oracle_per_lot,
        last_mark_sample=mark,
    )


@dataclasses.dataclass(frozen=True)
class FundingRoll:
    """What a roll of ``elapsed`` seconds moves (the ``FundingUpdated`` event's figures)."""

    delta: int
    """Added to the funding index (per lot, quote native × ONE)."""
    rate: int
    """The period's rate in ONE units of the oracle TWAP (positive: longs pay)."""
    elapsed: int
    clamped: bool
    paused: bool


def roll_delta(market: PerpMarket, elapsed: int) -> FundingRoll:
    """The roll the program makes at the market's TWAPs after ``elapsed`` seconds."""
    paused = market.funding_paused != 0
    if paused or elapsed <= 0 or market.oracle_twap == 0:
        return FundingRoll(0, 0, elapsed, False, paused)
    premium = market.mark_twap - market.oracle_twap
    delta = _trunc_div(premium * FUNDING_INDEX_ONE * elapsed, FUNDING_PREMIUM_DAY_SECONDS)
    cap = (
        market.oracle_twap
        * max_rate_bps(market)
        * (FUNDING_INDEX_ONE // BPS_DENOMINATOR)
        * elapsed
        // period_seconds(market)
    )
    clamped = abs(delta) > cap
    if clamped:
        delta = cap if delta > 0 else -cap
    return FundingRoll(_i64(delta), _trunc_div(delta, market.oracle_twap), elapsed, clamped, False)


def next_roll_time(market: PerpMarket) -> int | None:
    """Unix time from which ``update_funding`` rolls (None: funding not started)."""
    if market.funding_started == 0:
        return None
    return market.funding_last_roll_ts + period_seconds(market)


def predicted_roll(
    market: PerpMarket, book: Orderbook, oracle_per_lot: int, now: int
) -> FundingRoll:
    """The roll a crank at ``now`` would make, with the current book and oracle held.

    At ``now`` = :func:`next_roll_time` this is the predicted next rate.
    """
    rolled = sampled(market, oracle_per_lot, mark_price(market, book, oracle_per_lot), now)
    if market.funding_started == 0:
        return FundingRoll(0, 0, 0, False, market.funding_paused != 0)
    elapsed = min(now - market.funding_last_roll_ts, period_seconds(market))
    return roll_delta(rolled, elapsed)


def rate_to_fraction(rate: int) -> float:
    """A rate in ONE units as a fraction per period (for display only)."""
    return rate / FUNDING_INDEX_ONE
