"""kairos.math.liquidation helpers that need no cluster (the rest run against the program
in tests/programs/kairos/liquidation)."""

from __future__ import annotations

import dataclasses

from kairos.math.liquidation import bankruptcy_market
from solders.pubkey import Pubkey

from ... import factories as f


def _markets(lots: dict[int, int]) -> dict[int, object]:
    return {
        index: dataclasses.replace(f.market(index, Pubkey.new_unique()), position_lots=held)
        for index, held in lots.items()
    }


def test_bankruptcy_market_prefers_the_markets_of_the_losses() -> None:
    markets = _markets({0: 500, 1: 40, 2: 90})
    account = dataclasses.replace(f.margin_account(-100), loss_market_mask=0b110)
    # Markets 1 and 2 put it in debt: the one with more lots shares the loss thinner,
    # and market 0 (the most lots overall) is not a choice the program would accept.
    assert bankruptcy_market(account, markets) == 2  # type: ignore[arg-type]


def test_bankruptcy_market_without_recorded_losses_takes_the_most_lots() -> None:
    markets = _markets({0: 500, 1: 40})
    assert bankruptcy_market(f.margin_account(-100), markets) == 0  # type: ignore[arg-type]
    assert bankruptcy_market(f.margin_account(-100), {}) is None
