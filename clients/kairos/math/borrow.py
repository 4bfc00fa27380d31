"""Quote borrowing, exactly as the program computes it (programs/kairos/src/borrow).

A negative quote balance is a borrow. The quote :class:`CollateralAsset` (index 0)
holds a borrow index that grows, between two roll-forwards, by
``floor(index × rate × seconds / (10,000 × year))`` at the yearly rate the
utilization curve gives; an account owes ``ceil(base × index / snapshot) − base``
with ``base = min(borrow_principal, −quote_balance)`` since its last checkpoint.
Every function here is integer math on the decoded accounts, so the SDK, the CLI
and the keepers see the same numbers as the program (tests compare them).
"""

from __future__ import annotations

import dataclasses

from kairos.accounts import CollateralAsset, MarginAccount
from kairos.constants import BORROW_INDEX_ONE, BPS_DENOMINATOR, SECONDS_PER_YEAR

# Every quantity here is a non-negative integer: // is the program's floor.


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def utilization_bps(quote: CollateralAsset) -> int:
    """Borrows ÷ (borrows + quote deposits) in bps, floored (0 without borrows)."""
    if quote.total_borrows == 0:
        return 0
    supplied = quote.total_borrows + quote.total_deposits
    return quote.total_borrows * BPS_DENOMINATOR // supplied


def borrow_rate_bps(quote: CollateralAsset, utilization: int | None = None) -> int:
    """The yearly borrow rate (bps) at ``utilization`` (the asset's current one by default)."""
    if utilization is None:
        utilization = utilization_bps(quote)
    kink = quote.borrow_optimal_utilization_bps
    if kink == 0:  # no curve yet: an exchange from before borrowing (see borrow_index_at)
        return quote.borrow_rate_base_bps
    if utilization <= kink:
        rise = quote.borrow_rate_optimal_bps - quote.borrow_rate_base_bps
        slope = rise * utilization // kink
        return quote.borrow_rate_base_bps + slope
    rise = quote.borrow_rate_max_bps - quote.borrow_rate_optimal_bps
    slope = rise * (utilization - kink) // (BPS_DENOMINATOR - kink)
    return quote.borrow_rate_optimal_bps + slope


def borrow_index_at(quote: CollateralAsset, now: int | None = None) -> int:
    """The index rolled forward to unix time ``now`` (None: as stored), as health sees it.

    A quote asset from before borrowing existed stores 0: its index counts as one.
    """
    if quote.borrow_index == 0:
        return BORROW_INDEX_ONE
    if now is None or now <= quote.borrow_index_timestamp:
        return quote.borrow_index
    elapsed = now - quote.borrow_index_timestamp
    rate = borrow_rate_bps(quote)
    growth = quote.borrow_index * rate * elapsed // (BPS_DENOMINATOR * SECONDS_PER_YEAR)
    return quote.borrow_index + growth


def pending_interest(account: MarginAccount, index: int) -> int:
    """What a checkpoint at ``index`` charges ``account``."""
    debt = max(-account.quote_balance, 0)
    base = min(debt, account.borrow_principal)
    if base == 0 or account.borrow_index_snapshot == 0:
        return 0
    return _ceil_div(base * index, account.borrow_index_snapshot) - base


def quote_after_interest(account: MarginAccount, quote: CollateralAsset, now: int | None) -> int:
    """The account's quote balance less the interest it owes at ``now`` (health's quote term)."""
    return account.quote_balance - pending_interest(account, borrow_index_at(quote, now))


@dataclasses.dataclass(frozen=True)
class BorrowState:
    """The quote asset's borrowing at one moment, for views and events."""

    borrow_index: int
    total_borrows: int
    total_deposits: int
    utilization_bps: int
    borrow_rate_bps: int
    interest_pending: int

    @classmethod
    def of(cls, quote: CollateralAsset, now: int | None = None) -> BorrowState:
        """The state of ``quote`` with its index rolled forward to ``now``."""
        utilization = utilization_bps(quote)
        return cls(
            borrow_index=borrow_index_at(quote, now),
            total_borrows=quote.total_borrows,
            total_deposits=quote.total_deposits,
            utilization_bps=utilization,
            borrow_rate_bps=borrow_rate_bps(quote, utilization),
            interest_pending=quote.borrow_interest_pending,
        )
