"""Rate-limit tiers: rate, burst, priority and price of each.

A tier's rate is written the way operators write it (``"100/hour"``) and parsed with the
``limits`` library's grammar, so ``"10/second"`` or ``"2400/day"`` work too. Prices are
integers in micro-USD (money stays integer in Kairos; see docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import dataclasses
import enum

from limits import parse

#: Every bucket counts in units of 1 / DAY_US of a token, so any rate given per second,
#: minute, hour or day refills an integer number of units per microsecond (exact).
DAY_US = 86_400 * 1_000_000


class TierName(enum.StrEnum):
    """The tiers users can be on, lowest first."""

    FREE = "free"
    POWER = "power"
    ENTERPRISE = "enterprise"


@dataclasses.dataclass(frozen=True)
class Tier:
    """A rate-limit tier.

    ``rate`` refills the bucket, ``burst`` is its capacity; ``priority`` orders requests in
    the saturation queue (higher first); prices are micro-USD.
    """

    name: TierName
    rate: str
    burst: int
    priority: int
    monthly_base_micro_usd: int
    included_requests: int
    overage_micro_usd_per_request: int

    @property
    def requests_per_period(self) -> int:
        """Requests the rate allows per period (the ``100`` of ``100/hour``)."""
        return int(parse(self.rate).amount)

    @property
    def period_seconds(self) -> int:
        """Length of the rate's period in seconds (3600 for ``/hour``)."""
        return int(parse(self.rate).get_expiry())

    @property
    def refill_units_per_us(self) -> int:
        """Refill in bucket units (1 / DAY_US token) per microsecond; exact for s/min/h/day."""
        item = parse(self.rate)
        units, rest = divmod(int(item.amount) * DAY_US, int(item.get_expiry()) * 1_000_000)
        if rest:
            raise ValueError(f"rate {self.rate!r} does not refill a whole unit per microsecond")
        return units

    def scaled(self, factor: float) -> Tier:
        """The tier with rate and burst multiplied by ``factor`` (the "strict" switch)."""
        if not 0 < factor <= 1:
            raise ValueError("a stricter limit needs a factor in (0, 1]")
        amount = max(1, int(self.requests_per_period * factor))
        period = self.period_seconds
        return dataclasses.replace(
            self, rate=f"{amount}/{period} second", burst=max(1, int(self.burst * factor))
        )


#: The tier table. Free 100/h, Power Trader 1,000/h, Enterprise 10,000/h, each
#: with a burst for short spikes; prices are this deployment's defaults.
TIERS: dict[TierName, Tier] = {
    TierName.FREE: Tier(TierName.FREE, "100/hour", 20, 0, 0, 2_000, 0),
    TierName.POWER: Tier(TierName.POWER, "1000/hour", 100, 1, 29_000_000, 100_000, 200),
    TierName.ENTERPRISE: Tier(
        TierName.ENTERPRISE, "10000/hour", 1_000, 2, 499_000_000, 2_000_000, 100
    ),
}


def tier_named(name: str) -> Tier:
    """The tier called ``name`` (case-insensitive); ValueError naming the valid ones."""
    try:
        return TIERS[TierName(name.strip().lower())]
    except ValueError:
        valid = ", ".join(t.value for t in TierName)
        raise ValueError(f"unknown tier {name!r} (valid: {valid})") from None


def bill_micro_usd(tier: Tier, billable_requests: int) -> int:
    """Usage-based bill for one month: base fee plus overage beyond the included requests.

    Refused (429) requests are not billable; the caller passes only served ones.
    """
    if billable_requests < 0:
        raise ValueError("billable_requests must be >= 0")
    overage = max(0, billable_requests - tier.included_requests)
    return tier.monthly_base_micro_usd + overage * tier.overage_micro_usd_per_request
