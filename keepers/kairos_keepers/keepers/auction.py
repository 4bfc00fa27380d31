"""The ``auction`` keeper: settles every JIT liquidity auction at its deadline.

It follows the program's Auction accounts (program subscription, polling as a
fallback) and the slot, and settles each auction as soon as the slot reaches its
``deadline_slot``, so with ``poll_interval`` at most one slot (0.2 s on a 400 ms
cluster) an auction is settled within one slot of its deadline. The settler
receives the reward the taker escrowed.

Settlement needs, per bid the settlement reaches, the provider's margin account
and its health accounts; when a provider will fail health at settlement the
program answers ``AuctionProviderMismatch`` and the keeper adds the next bid's
provider. An auction another keeper settled first is gone
(``AccountNotInitialized``): counted as outcompeted, as is losing any race.
"""

from __future__ import annotations

import dataclasses
import time

from kairos import errors
from kairos.accounts import PerpMarket
from kairos.auctions import AuctionView, settle_auction
from prometheus_client import Histogram
from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey

from kairos_keepers.config import setting
from kairos_keepers.keepers.auction_support import AuctionTracker, ExchangeCache
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.registry import register
from kairos_keepers.sender import SendOutcome, SendStatus
from kairos_keepers.subscriptions import Subscriptions

# Anchor's AccountNotInitialized: the Auction was closed by an earlier settlement.
ACCOUNT_NOT_INITIALIZED = 3012


@dataclasses.dataclass(frozen=True)
class AuctionKeeperSettings:
    """``[keepers.auction]`` settings."""

    max_settlements_per_tick: int = setting(16, "Settle at most this many auctions per tick.", gt=0)
    reload_seconds: float = setting(
        5.0, "Reload every open auction this often (fallback for missed notifications).", gt=0
    )


@register
class AuctionKeeper(Keeper):
    """Settles auctions from their deadline slot on and collects the reward."""

    name = "auction"
    description = "Settles JIT liquidity auctions at their deadline (reward: the taker's escrow)."
    Settings = AuctionKeeperSettings
    outcompeted_codes = frozenset({ACCOUNT_NOT_INITIALIZED})

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        self.tracker = AuctionTracker(self.rpc, self.config.program_id)
        self.cache = ExchangeCache(self.rpc, self.config.program_id)
        self.subs: Subscriptions | None = None
        self.loaded_at = time.monotonic()
        self.settled = 0
        self.settlements: dict[Pubkey, tuple[int, SendOutcome]] = {}
        """Auctions this keeper settled: (deadline slot, outcome)."""
        self.delay_slots = Histogram(
            "kairos_keeper_auction_settle_delay_slots",
            "Slots between an auction's deadline and its settlement landing.",
            ("keeper",),
            buckets=(0, 1, 2, 4, 8, 16, 64),
            registry=self.metrics.registry,
        )

    async def start(self) -> None:
        """Subscribe to Auction accounts and slots; load the open auctions."""
        self.subs = self.subscriptions()
        self.tracker.subscribe(self.subs)
        await self.cache.load()
        await self.tracker.load()

    async def tick(self) -> None:
        """Settle every auction whose deadline slot has come."""
        settings: AuctionKeeperSettings = self.settings
        if self.subs is not None:
            await self.tracker.drain(self.subs)
        now = time.monotonic()
        if now - self.loaded_at >= settings.reload_seconds:
            self.loaded_at = now
            self.tracker.auctions.clear()
            await self.tracker.load()
        slot = max(self.tracker.slot, await self.rpc.get_slot())
        self.tracker.slot = slot
        due = [view for view in self.tracker.views() if view.auction.deadline_slot <= slot]
        for view in due[: settings.max_settlements_per_tick]:
            if self.stopping:
                return
            await self.settle(view)

    async def settle_ix(self, view: AuctionView, extra: int) -> Instruction:
        """settle_auction for ``view`` reaching ``extra`` more providers than needed."""
        market_index = view.auction.market_index
        if market_index not in self.cache.markets:
            await self.cache.load()
        market: PerpMarket = self.cache.markets[market_index]
        providers = view.settlement_providers(extra)
        margins = await self.cache.margin_accounts(providers)
        metas: list[AccountMeta] = []
        for key, margin in zip(providers, margins, strict=True):
            metas.append(AccountMeta(key, is_signer=False, is_writable=True))
            if margin is not None:
                metas += await self.cache.health_accounts_with_market(margin, market_index)
        return settle_auction(
            auction=view.address,
            taker_margin_account=view.auction.taker_margin_account,
            taker_owner=view.auction.taker_owner,
            market_index=view.auction.market_index,
            orderbook=market.orderbook,
            settler=self.payer.pubkey(),
            provider_accounts=metas,
            program_id=self.config.program_id,
        )

    async def settle(self, view: AuctionView) -> None:
        """Settle one auction, adding providers while the program asks for more."""
        for extra in range(len(view.bids) + 1):
            instruction = await self.settle_ix(view, extra)
            outcome = await self.execute("settle_auction", [instruction])
            if outcome.landed:
                self.settled += 1
                self.settlements[view.address] = (view.auction.deadline_slot, outcome)
                if outcome.slot is not None:
                    delay = max(outcome.slot - view.auction.deadline_slot, 0)
                    self.delay_slots.labels(self.metrics.keeper).observe(delay)
                    self.log.info("auction_settled", auction=view.address, delay_slots=delay)
                self.tracker.forget(view.address)
                return
            if outcome.status is SendStatus.OUTCOMPETED:
                self.tracker.forget(view.address)
                return
            if outcome.error_code != errors.AuctionProviderMismatch.code:
                return  # retried on a later tick
