"""The ``funding`` keeper: cranks ``update_funding`` once per funding period per market.

Funding (docs/ARCHITECTURE.md, "Funding") rolls a market's funding index only when
someone calls ``update_funding`` after the period has ended; a roll pays the market's
``funding_crank_reward`` (out of its fees) to the keeper's margin account. Every
``scan_seconds`` this keeper reads the markets of its shard (sharded by market
address) with the Clock in one ``getMultipleAccounts``, and for each market that has
not started funding or whose period has ended sends ``update_funding``, preceded in
the same transaction by ``consume_events`` when a fill from before the last roll still
waits in the market's event queue (the program refuses the roll otherwise:
``FundingFillsPending``). A crank that lands after another keeper's roll only samples
the TWAPs (no error, no reward); sharding avoids that race. RPC faults are the
runtime's: a failed scan raises, the runtime backs off and the next tick retries.
"""

from __future__ import annotations

import dataclasses
import math
import time

from kairos import instructions as ix
from kairos.accounts import EventQueue, Exchange, PerpMarket
from kairos.clock import clock_unix_timestamp
from kairos.constants import EVENT_QUEUE_CAPACITY
from kairos.math import funding
from kairos.pda import exchange_address, margin_account_address, perp_market_address
from solders.instruction import Instruction
from solders.pubkey import Pubkey
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos_keepers.config import setting
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.registry import register

# consume_events before a roll: the fills from before the last roll, at most this
# many makers per transaction (the rest waits for the next tick).
MAX_MAKERS_PER_CONSUME = 8


@dataclasses.dataclass(frozen=True)
class FundingSettings:
    """``[keepers.funding]`` settings."""

    scan_seconds: float = setting(5.0, "Read the markets and the clock at most this often.", gt=0)
    account_index: int = setting(
        0,
        "The keeper's margin account (index under the payer) that receives rewards.",
        ge=0,
        le=255,
    )


@dataclasses.dataclass(frozen=True)
class DueMarket:
    """A market whose funding crank is due, and why."""

    index: int
    market: PerpMarket
    reason: str  # "start" or "roll"


def due_markets(markets: dict[int, PerpMarket], now: int) -> list[DueMarket]:
    """The markets an ``update_funding`` at unix time ``now`` would start or roll."""
    due: list[DueMarket] = []
    for index, market in sorted(markets.items()):
        next_roll = funding.next_roll_time(market)
        if next_roll is None:
            due.append(DueMarket(index, market, "start"))
        elif now >= next_roll:
            due.append(DueMarket(index, market, "roll"))
    return due


def stale_makers(queue: EventQueue, roll_seq: int) -> tuple[list[Pubkey], int]:
    """Makers of the queued fills made before the last roll, and how many events to consume.

    The events are consumed oldest first, so the count covers the prefix of the queue
    whose makers fit one transaction.
    """
    makers: list[Pubkey] = []
    count = 0
    for offset in range(queue.count):
        event = queue.events[(queue.head + offset) % EVENT_QUEUE_CAPACITY]
        if event.seq >= roll_seq:
            break
        if event.maker not in makers:
            if len(makers) == MAX_MAKERS_PER_CONSUME:
                break
            makers.append(event.maker)
        count += 1
    return makers, count


@register
class FundingKeeper(Keeper):
    """Starts and rolls every perp market's funding once per period, for the reward."""

    name = "funding"
    description = "Cranks update_funding once per funding period per market (reward from fees)."
    Settings = FundingSettings

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        self.due_gauge = self.metrics.gauge(
            "funding_due_markets", "Markets of this shard due a funding crank at the last scan."
        )
        self.cranked = self.metrics.counter(
            "funding_cranks",
            "update_funding transactions that landed, by reason (start or roll).",
            ("reason",),
        )
        self.reward = self.metrics.counter(
            "funding_reward_quote",
            "Crank rewards of the landed rolls (quote native, as estimated at send).",
        )
        self.last_scan = -math.inf
        self.reward_account_seen = False

    def _reward_account(self) -> Pubkey:
        settings: FundingSettings = self.settings
        return margin_account_address(
            self.payer.pubkey(), settings.account_index, self.config.program_id
        )

    async def _markets(self) -> tuple[dict[int, PerpMarket], int]:
        program_id = self.config.program_id
        _, exchange_info = await self.rpc.get_account_info(exchange_address(program_id))
        if exchange_info is None:
            raise LookupError("no Kairos exchange on this cluster")
        exchange = Exchange.decode(bytes(exchange_info.data))
        addresses = [perp_market_address(i, program_id) for i in range(exchange.perp_market_count)]
        mine = self.shard.filter_keys(addresses)
        infos = await self.rpc.get_multiple_accounts([*mine, CLOCK_SYSVAR])
        clock = infos[-1]
        if clock is None:
            raise LookupError("the Clock sysvar is missing")
        markets = {}
        for info in infos[:-1]:
            if info is not None:
                market = PerpMarket.decode(bytes(info.data))
                markets[market.index] = market
        return markets, clock_unix_timestamp(bytes(clock.data))

    async def _instructions(self, due: DueMarket) -> list[Instruction]:
        market = due.market
        instructions: list[Instruction] = []
        if due.reason == "roll":
            _, queue_info = await self.rpc.get_account_info(market.event_queue)
            if queue_info is None:
                raise LookupError(f"market {due.index}'s event queue is missing")
            makers, count = stale_makers(
                EventQueue.decode(bytes(queue_info.data)), market.funding_roll_seq
            )
            if count:
                instructions.append(
                    ix.consume_events(
                        market_index=due.index,
                        event_queue=market.event_queue,
                        cranker=self.payer.pubkey(),
                        limit=count,
                        maker_accounts=makers,
                        program_id=self.config.program_id,
                    )
                )
        instructions.append(
            ix.update_funding(
                market_index=due.index,
                orderbook=market.orderbook,
                event_queue=market.event_queue,
                oracle=market.oracle,
                reward_account=self._reward_account(),
                program_id=self.config.program_id,
            )
        )
        return instructions

    async def tick(self) -> None:
        """Every ``scan_seconds``: crank each due market of the shard."""
        settings: FundingSettings = self.settings
        if time.monotonic() - self.last_scan < settings.scan_seconds:
            return
        started = time.monotonic()
        if not self.reward_account_seen:
            # Every roll names it: without it each crank would fail in simulation.
            _, account = await self.rpc.get_account_info(self._reward_account())
            if account is None:
                raise LookupError(
                    f"the keeper's margin account {self._reward_account()} (account_index "
                    f"{settings.account_index}) does not exist: create it with "
                    "`kairos account create` under the keeper's wallet"
                )
            self.reward_account_seen = True
        markets, now = await self._markets()
        due = due_markets(markets, now)
        self.due_gauge.labels(self.metrics.keeper).set(len(due))
        for item in due:
            if self.stopping:
                return
            outcome = await self.execute("update_funding", await self._instructions(item))
            if outcome.landed:
                self.cranked.labels(self.metrics.keeper, item.reason).inc()
                if item.reason == "roll":
                    expected = min(
                        item.market.funding_crank_reward, max(item.market.fees_accrued, 0)
                    )
                    self.reward.labels(self.metrics.keeper).inc(expected)
        # Only a scan that got through counts: a failed one is retried at the next tick.
        self.last_scan = started
