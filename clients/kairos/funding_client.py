"""Funding methods of :class:`kairos.client.KairosClient` (issue 15).

``get_update_funding_ix`` / ``update_funding`` crank a market's funding;
``get_set_funding_params_ix`` / ``set_funding_params`` are the admin's; the views
read a market's funding (current rate, predicted next rate, TWAPs, index) and a
position's pending funding, computed by :mod:`kairos.funding` exactly as the program.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.sysvar import CLOCK

from kairos import funding
from kairos import instructions as ix
from kairos.accounts import AccountNotFoundError, Oracle, Orderbook, PerpMarket
from kairos.client_host import ClientHost
from kairos.health import price_per_lot
from kairos.orders import clock_unix_timestamp
from kairos.pda import perp_market_address

if TYPE_CHECKING:
    from solders.instruction import Instruction

    from kairos.client import TxParams

_Client = ClientHost


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


async def _funding_accounts(
    client: _Client, market_index: int
) -> tuple[PerpMarket, Orderbook, Oracle, int]:
    market = await client._static_market(market_index)
    keys = [market_key(client, market_index), market.orderbook, market.oracle, CLOCK]
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


def market_key(client: _Client, market_index: int) -> Pubkey:
    """The PerpMarket address of ``market_index`` under the client's program."""
    return perp_market_address(market_index, client.program_id)


class FundingMixin:
    """Funding crank, admin and views."""

    async def get_update_funding_ix(
        self: _Client, market_index: int, *, reward_account: Pubkey | None = None
    ) -> Instruction:
        """Crank a market's funding; the reward goes to the wallet's margin account 0 by default."""
        market = await self._static_market(market_index)
        return ix.update_funding(
            market_index=market_index,
            orderbook=market.orderbook,
            event_queue=market.event_queue,
            oracle=market.oracle,
            reward_account=reward_account or self.margin_account_address(0),
            program_id=self.program_id,
        )

    async def update_funding(
        self: _Client,
        market_index: int,
        *,
        reward_account: Pubkey | None = None,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_update_funding_ix`."""
        instruction = await FundingMixin.get_update_funding_ix(
            self, market_index, reward_account=reward_account
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_set_funding_params_ix(
        self: _Client,
        market_index: int,
        *,
        period_seconds: int,
        max_rate_bps: int,
        mark_band_bps: int,
        paused: bool = False,
        crank_reward: int = 0,
    ) -> Instruction:
        """Admin: a market's funding period, rate clamp, mark band, pause and crank reward."""
        return ix.set_funding_params(
            admin=self.authority,
            market_index=market_index,
            period_seconds=period_seconds,
            max_rate_bps=max_rate_bps,
            mark_band_bps=mark_band_bps,
            paused=paused,
            crank_reward=crank_reward,
            program_id=self.program_id,
        )

    async def set_funding_params(
        self: _Client,
        market_index: int,
        *,
        period_seconds: int,
        max_rate_bps: int,
        mark_band_bps: int,
        paused: bool = False,
        crank_reward: int = 0,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_set_funding_params_ix`."""
        instruction = await FundingMixin.get_set_funding_params_ix(
            self,
            market_index,
            period_seconds=period_seconds,
            max_rate_bps=max_rate_bps,
            mark_band_bps=mark_band_bps,
            paused=paused,
            crank_reward=crank_reward,
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_funding_view(self: _Client, market_index: int) -> FundingView:
        """A market's funding: current rate, predicted next rate, TWAPs, parameters."""
        market, book, oracle, now = await _funding_accounts(self, market_index)
        quote_decimals = (await self.get_exchange()).quote_decimals
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

    async def get_pending_funding(
        self: _Client, market_index: int, *, margin_account: Pubkey | None = None
    ) -> int:
        """What a position owes of its market's funding (negative: it receives); 0 if none."""
        account = await self.get_margin_account_at(margin_account or self.margin_account_address(0))
        market = await self.get_perp_markets()
        if market_index not in market:
            raise AccountNotFoundError(f"no perp market {market_index}")
        for position in account.perp_positions:
            if position.active and position.market_index == market_index:
                return funding.pending_funding(position, market[market_index])
        return 0
