"""``client.funding``: the funding crank and a market's funding views.

The views read a market's funding (current rate, predicted next rate, TWAPs, index)
and a position's pending funding, computed by :mod:`kairos.math.funding` exactly as the
program does. The admin's funding parameters are set through ``client.admin``.
"""

from __future__ import annotations

import dataclasses

from solders.instruction import Instruction
from solders.pubkey import Pubkey
from solders.sysvar import CLOCK

from kairos import instructions as ix
from kairos.accounts import AccountNotFoundError, Oracle, Orderbook, PerpMarket
from kairos.clock import clock_unix_timestamp
from kairos.core import Namespace
from kairos.math import funding
from kairos.math.health import price_per_lot
from kairos.params import UpdateFundingParams


@dataclasses.dataclass(frozen=True)
class FundingView:
    """A market's funding now (rates in ``FUNDING_INDEX_ONE`` units per period)."""

    market_index: int
    funding_index: int
    current_rate: int
    """The last roll's rate (positive: longs pay)."""
    predicted_rate: int
    """The rate a roll at ``next_roll_time`` would charge, the book and oracle held."""
    predicted_delta: int
    predicted_clamped: bool
    mark_twap: int
    oracle_twap: int
    mark_now: int
    oracle_now: int
    period_seconds: int
    max_rate_bps: int
    mark_band_bps: int
    paused: bool
    started: bool
    last_roll_time: int
    next_roll_time: int | None
    unix_timestamp: int
    crank_reward: int
    settled_net: int


class FundingNamespace(Namespace):
    """Funding crank (permissionless) and views."""

    async def update(self, params: UpdateFundingParams) -> Instruction:
        """Crank a market's funding (the reward to the wallet's margin account 0 by default)."""
        market = await self.client.cached_market(params.market_index)
        return ix.update_funding(
            market_index=params.market_index,
            orderbook=market.orderbook,
            event_queue=market.event_queue,
            oracle=market.oracle,
            reward_account=params.reward_account or self.client.margin_account_address(0),
            program_id=self.program_id,
        )

    async def _accounts(self, market_index: int) -> tuple[PerpMarket, Orderbook, Oracle, int]:
        client = self.client
        market = await client.cached_market(market_index)
        keys = [client.perp_market_address(market_index), market.orderbook, market.oracle, CLOCK]
        response = await client.connection.get_multiple_accounts(
            keys, commitment=client.commitment, encoding="base64"
        )
        infos = response.value
        if any(info is None for info in infos):
            raise AccountNotFoundError(f"perp market {market_index}'s accounts are missing")
        data = [bytes(info.data) for info in infos if info is not None]
        return (
            PerpMarket.decode(data[0]),
            Orderbook.decode(data[1]),
            Oracle.decode(data[2]),
            clock_unix_timestamp(data[3]),
        )

    async def view(self, market_index: int) -> FundingView:
        """A market's funding: current rate, predicted next rate, TWAPs, parameters."""
        market, book, oracle, now = await self._accounts(market_index)
        quote_decimals = await self.client.get_quote_decimals()
        oracle_now = price_per_lot(
            oracle.price,
            exponent=oracle.exponent,
            base_lot_size=market.base_lot_size,
            quote_decimals=quote_decimals,
            base_decimals=market.base_decimals,
        )
        mark_now = funding.mark_price(market, book, oracle_now)
        next_roll = funding.next_roll_time(market)
        predicted = funding.predicted_roll(
            market, book, oracle_now, max(now, next_roll) if next_roll is not None else now
        )
        return FundingView(
            market_index=market_index,
            funding_index=market.funding_index,
            current_rate=market.funding_rate,
            predicted_rate=predicted.rate,
            predicted_delta=predicted.delta,
            predicted_clamped=predicted.clamped,
            mark_twap=market.mark_twap,
            oracle_twap=market.oracle_twap,
            mark_now=mark_now,
            oracle_now=oracle_now,
            period_seconds=funding.period_seconds(market),
            max_rate_bps=funding.max_rate_bps(market),
            mark_band_bps=funding.mark_band_bps(market),
            paused=market.funding_paused != 0,
            started=market.funding_started != 0,
            last_roll_time=market.funding_last_roll_ts,
            next_roll_time=next_roll,
            unix_timestamp=now,
            crank_reward=market.funding_crank_reward,
            settled_net=market.funding_settled_net,
        )

    async def pending(self, market_index: int, *, margin_account: Pubkey | None = None) -> int:
        """What a position owes of its market's funding (negative: it receives); 0 if none."""
        client = self.client
        address = margin_account or client.margin_account_address(0)
        account = await client.get_margin_account_at(address)
        market = await client.get_perp_markets()
        if market_index not in market:
            raise AccountNotFoundError(f"no perp market {market_index}")
        for position in account.perp_positions:
            if position.active and position.market_index == market_index:
                return funding.pending_funding(position, market[market_index])
        return 0
