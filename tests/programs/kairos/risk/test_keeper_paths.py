"""Risk limits on the keeper-driven order paths (trigger orders; TWAP slices and
scheduled runs take the same execute_order path and the same trailing accounts).

A keeper firing a trigger for an account with risk limits must append the account's
RiskLimits and RiskParameters; without them the trigger cannot fire, and a fired order
that breaches a limit is refused with the limit's error (the trigger stays live).
"""

from __future__ import annotations

from kairos import errors
from kairos import instructions as ix
from kairos.constants import TriggerKind

from ..orders.conftest import Orders
from ..perp.conftest import BID, Market, Perp
from .conftest import Risk, limits


def test_trigger_orders_carry_the_risk_accounts_and_are_checked(
    risk: Risk, perp: Perp, market: Market
) -> None:
    kairos = risk.kairos
    orders = Orders(perp, market)
    keeper = kairos.chain.fund()
    trader = perp.trader()
    risk.create_limits(trader, limits(max_leverage_bps=20_000))
    big = orders.create_trigger(trader, BID, TriggerKind.STOP_LIMIT, 103, 300_000, limit_price=104)
    small = orders.create_trigger(
        trader, BID, TriggerKind.STOP_LIMIT, 103, 100_000, limit_price=104
    )
    orders.set_oracle(104)
    health = perp.health_accounts_after_order(trader.margin, market)
    kairos.fail_unchanged(
        [orders.fire_ix(trader, big, keeper, health_accounts=health)],
        [keeper],
        errors.RiskAccountsMissing.code,
    )
    with_tail = [*health, *ix.risk_tail(trader.margin)]
    kairos.fail_unchanged(
        [orders.fire_ix(trader, big, keeper, health_accounts=with_tail)],
        [keeper],
        errors.RiskLeverageLimit.code,
    )
    assert not orders.is_closed(big)
    orders.fire(trader, small, keeper, health_accounts=with_tail)
    assert orders.is_closed(small)
    assert perp.position(trader.margin, market).bids_base_lots == 100_000
