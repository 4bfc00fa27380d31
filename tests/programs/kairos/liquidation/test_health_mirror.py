"""The SDK's health mirror (kairos.math.health) against the program on random states,
including the maintenance requirement and weighted collateral the liquidation
instructions use: both come out of force_cancel_orders' event."""

from __future__ import annotations

import random

from kairos import errors

from ..conftest import Kairos
from ..perp.conftest import Perp, events_named
from ..test_compute_health import (
    SAFE_MAGNITUDE,
    Intermediates,
    random_world,
    randomize_state,
    reference_health,
)
from .conftest import Liquidation

STATES = 30


def test_requirement_matches_the_sdk_on_random_states(kairos: Kairos) -> None:
    perp = Perp(kairos)
    market, _ = perp.create_market()  # a real book for force_cancel_orders
    liq = Liquidation(kairos, perp)
    rng = random.Random(20_261_123)
    trader, world = random_world(kairos, rng)
    compared = 0
    while compared < STATES:
        randomize_state(kairos, trader, world, rng)
        seen = Intermediates()
        reference_health(kairos, trader, seen)
        if seen.largest >= SAFE_MAGNITUDE:
            continue
        try:
            expected = liq.breakdown(trader.margin)
        except errors.MathOverflow:
            continue
        # Flagged, so the instruction succeeds either way (cancel or clear).
        kairos.craft_margin(trader.margin, being_liquidated=1)
        # Crafted states do not keep the vault invariant: sent without checking it.
        meta = kairos.chain.send([liq.force_cancel_ix(trader.margin, market)], [kairos.chain.payer])
        [event] = events_named(kairos.chain, meta, "OrdersForceCancelled")
        assert (event.maint_health, event.maint_requirement) == (
            expected.maint,
            expected.maint_requirement,
        )
        flagged = expected.maint < 0 or liq.shortfall(trader.margin) > 0
        assert event.being_liquidated == int(flagged)
        compared += 1
