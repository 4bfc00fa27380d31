"""Fixtures for the TWAP program tests: the perp fixtures plus the order builders."""

from __future__ import annotations

import pytest

from ..perp.conftest import Market, Perp, market, perp  # noqa: F401  (fixtures)
from .orders_harness import Orders


@pytest.fixture()
def orders(perp: Perp, market: Market) -> Orders:  # noqa: F811
    return Orders(perp, market)
