"""Funding fixtures (issue 15): the update_funding crank and set_funding_params on the
perp harness (`Kairos.send` asserts the vault invariant after every step).

Units as in the perp tests: oracle exponent 0, base decimals = quote decimals and
base_lot_size 1, so an oracle price p is p quote native per lot and order prices
compare with it directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from anchorpy import Context
from kairos.accounts import Orderbook, PerpMarket
from kairos.constants import FUNDING_INDEX_ONE
from kairos.math import funding as sdk
from solders.instruction import Instruction
from solders.pubkey import Pubkey
from solders.transaction_metadata import TransactionMetadata

from ..conftest import Chain, Kairos, Trader
from ..perp.conftest import ASK, BID, MARKET, Market, Perp, events_named

HOUR = 3_600
ONE = FUNDING_INDEX_ONE


@dataclass
class Funding:
    """Funding instructions and views on a Perp harness."""

    kairos: Kairos
    perp: Perp

    @property
    def chain(self) -> Chain:
        return self.kairos.chain

    def update_ix(self, market: Market, reward_account: Pubkey | None = None) -> Instruction:
        accounts = {
            "exchange": self.kairos.exchange.address,
            "perp_market": market.address,
            "orderbook": market.orderbook,
            "event_queue": market.event_queue,
            "oracle": market.oracle.address,
            "reward_account": reward_account or self.keeper.margin,
        }
        return self.kairos.program.instruction["update_funding"](ctx=Context(accounts=accounts))

    def update(self, market: Market) -> TransactionMetadata:
        return self.kairos.send([self.update_ix(market)], [self.chain.payer])

    def roll(self, market: Market) -> Any:
        """Crank once; the FundingUpdated event (there must be one)."""
        [event] = events_named(self.chain, self.update(market), "FundingUpdated")
        return event

    def params_ix(
        self,
        market: Market,
        *,
        period: int = HOUR,
        max_rate_bps: int = 50,
        band_bps: int = 500,
        paused: int = 0,
        reward: int = 0,
        admin: Pubkey | None = None,
    ) -> Instruction:
        accounts = {
            "exchange": self.kairos.exchange.address,
            "admin": admin or self.kairos.exchange.admin.pubkey(),
            "perp_market": market.address,
        }
        return self.kairos.program.instruction["set_funding_params"](
            period, max_rate_bps, band_bps, paused, reward, ctx=Context(accounts=accounts)
        )

    def set_params(self, market: Market, **kwargs: Any) -> TransactionMetadata:
        return self.kairos.send([self.params_ix(market, **kwargs)], [self.kairos.exchange.admin])

    def market(self, market: Market) -> PerpMarket:
        info = self.chain.svm.get_account(market.address)
        assert info is not None
        return PerpMarket.decode(bytes(info.data))

    def book(self, market: Market) -> Orderbook:
        info = self.chain.svm.get_account(market.orderbook)
        assert info is not None
        return Orderbook.decode(bytes(info.data))

    def warp(self, seconds: int, *markets: Market) -> None:
        """Advance the clock by `seconds` and republish the markets' oracles (fresh again)."""
        self.chain.warp(max(seconds // 2, 1), seconds)
        self.kairos.refresh_oracles()
        for market in markets:
            state = self.chain.decode(market.oracle.address)
            self.kairos.update_oracle(market.oracle, state.price, state.confidence)

    def position(self, trader: Trader, market: Market) -> Any:
        position = self.perp.position(trader.margin, market)
        assert position is not None
        return position

    def sdk_pending(self, trader: Trader, market: Market) -> int:
        from kairos.accounts import MarginAccount

        info = self.chain.svm.get_account(trader.margin)
        assert info is not None
        account = MarginAccount.decode(bytes(info.data))
        [position] = [
            p for p in account.perp_positions if p.active and p.market_index == market.index
        ]
        return sdk.pending_funding(position, self.market(market))

    def quote_book(self, market: Market, maker: Trader, bid: int, ask: int, lots: int) -> None:
        """A resting bid and ask of `maker` (the mark is their mid)."""
        self.perp.place(maker, market, BID, bid, lots)
        self.perp.place(maker, market, ASK, ask, lots)

    def open_pair(self, market: Market, long: Trader, short: Trader, price: int, lots: int) -> None:
        """`long` buys `lots` from `short` at `price` (short rests, long takes), consumed."""
        self.perp.place(short, market, ASK, price, lots)
        self.perp.place(long, market, BID, price, lots, order_type=MARKET)
        self.perp.consume(market)

    def __post_init__(self) -> None:
        self.keeper = self.perp.trader(0)


@pytest.fixture()
def perp(kairos: Kairos) -> Perp:
    return Perp(kairos)


@pytest.fixture()
def market(perp: Perp) -> Market:
    created, _ = perp.create_market()
    return created


@pytest.fixture()
def funding(kairos: Kairos, perp: Perp) -> Funding:
    return Funding(kairos, perp)


__all__ = ["ASK", "BID", "HOUR", "MARKET", "ONE", "Funding", "events_named"]
