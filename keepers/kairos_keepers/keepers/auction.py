"""The ``auction`` keeper: settles every JIT liquidity auction at its deadline.

It follows the program's Auction accounts (program subscription, polling as a
fallback) and the slot, and settles each auction as soon as the slot reaches its
``deadline_slot``, so with ``poll_interval`` at most one slot (0.2 s on a 400 ms
cluster) an auction is settled within one slot of its deadline. The settler
receives the reward the taker escrowed.

Settlement needs, per bid the settlement reaches, the provider's margin account
and its health accounts (a closed provider's address alone: its bid is void);
when a provider will be skipped at settlement the program answers
``AuctionProviderMismatch`` and the keeper adds the next bid's provider. An
auction another keeper settled or expired first is gone
(``AccountNotInitialized``, and the keeper re-reads the Auction to be sure):
counted as outcompeted, as is losing any race.

An auction the program refuses to settle (any other program error, or a
mismatch with every provider listed) is not a lost race: it is counted once in
``kairos_keeper_auction_unsettleable_total`` (labelled with the error, for an
alert) and logged as ``auction_unsettleable``; from ``deadline_slot +
AUCTION_EXPIRY_GRACE_SLOTS`` on the keeper expires it (``expire_auction``: the
taker's reservation is released and the keeper collects the reward), counted in
``kairos_keeper_auction_expired_total``.
"""

from __future__ import annotations

import dataclasses
import time

from kairos import errors
from kairos.accounts import PerpMarket
from kairos.auctions import AuctionView, expire_auction, settle_auction
from kairos.constants import AUCTION_EXPIRY_GRACE_SLOTS
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
# An auction the program refused to settle is tried again this many slots later
# (its providers' state may change) until the grace is over.
UNSETTLEABLE_RETRY_SLOTS = 4


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

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        self.tracker = AuctionTracker(self.rpc, self.config.program_id)
        self.cache = ExchangeCache(self.rpc, self.config.program_id)
        self.subs: Subscriptions | None = None
        self.loaded_at = time.monotonic()
        self.settled = 0
        self.expired = 0
        self.settlements: dict[Pubkey, tuple[int, SendOutcome]] = {}
        """Auctions this keeper settled: (deadline slot, outcome)."""
        self.unsettleable: dict[Pubkey, tuple[str, int]] = {}
        """Open auctions the program refused to settle: (error name, slot of the try)."""
        self._acting_on: Pubkey | None = None
        self.delay_slots = self.metrics.histogram(
            "auction_settle_delay_slots",
            "Slots between an auction's deadline and its settlement landing.",
            buckets=(0, 1, 2, 4, 8, 16, 64),
        )
        self.unsettleable_total = self.metrics.counter(
            "auction_unsettleable",
            "Auctions the program refused to settle (each counted once; alert on any).",
            ("error",),
        )
        self.expired_total = self.metrics.counter(
            "auction_expired",
            "Auctions this keeper expired (expire_auction) after failing to settle them.",
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
            await self.handle(view, slot)

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
            oracle=market.oracle,
            settler=self.payer.pubkey(),
            provider_accounts=metas,
            program_id=self.config.program_id,
        )

    async def classify_failure(self, action: str, outcome: SendOutcome) -> SendOutcome:
        """AccountNotInitialized is a lost race only when the Auction is really gone."""
        if outcome.error_code != ACCOUNT_NOT_INITIALIZED or self._acting_on is None:
            return outcome
        found = await self.rpc.get_multiple_accounts([self._acting_on])
        if found[0] is None or found[0].lamports == 0:
            return dataclasses.replace(outcome, status=SendStatus.OUTCOMPETED, reason="")
        return outcome

    async def handle(self, view: AuctionView, slot: int) -> None:
        """Settle ``view``; expire it once the grace is over if it cannot be settled."""
        expiry_slot = view.auction.deadline_slot + AUCTION_EXPIRY_GRACE_SLOTS
        known = self.unsettleable.get(view.address)
        if known is not None:
            if slot >= expiry_slot:
                await self.expire(view)
                return
            if slot < known[1] + UNSETTLEABLE_RETRY_SLOTS:
                return
        refused = await self.settle(view)
        if refused is None:
            return
        self.unsettleable[view.address] = (refused, slot)
        if known is None:
            self.unsettleable_total.labels(self.metrics.keeper, refused).inc()
            self.log.warning(
                "auction_unsettleable",
                auction=view.address,
                error=refused,
                expirable_from_slot=expiry_slot,
            )
        if slot >= expiry_slot:
            await self.expire(view)

    def _done(self, view: AuctionView) -> None:
        self.tracker.forget(view.address)
        self.unsettleable.pop(view.address, None)

    async def settle(self, view: AuctionView) -> str | None:
        """Settle one auction, adding providers while the program asks for more.

        Returns the name of the error the program refused it with, or None when it
        was settled, lost to another keeper, or failed for a network reason (retried
        on a later tick).
        """
        refused: str | None = None
        for extra in range(len(view.bids) + 1):
            instruction = await self.settle_ix(view, extra)
            self._acting_on = view.address
            try:
                outcome = await self.execute("settle_auction", [instruction])
            finally:
                self._acting_on = None
            if outcome.landed:
                self.settled += 1
                self.settlements[view.address] = (view.auction.deadline_slot, outcome)
                if outcome.slot is not None:
                    delay = max(outcome.slot - view.auction.deadline_slot, 0)
                    self.delay_slots.labels(self.metrics.keeper).observe(delay)
                    self.log.info("auction_settled", auction=view.address, delay_slots=delay)
                self._done(view)
                return None
            if outcome.status is SendStatus.OUTCOMPETED:
                self._done(view)
                return None
            if outcome.error_code is None:
                return None  # not the program's answer: retried on a later tick
            refused = error_name(outcome.error_code)
            if outcome.error_code != errors.AuctionProviderMismatch.code:
                return refused
        return refused

    async def expire(self, view: AuctionView) -> None:
        """Expire an auction the program would not settle (after the grace)."""
        instruction = expire_auction(
            auction=view.address,
            taker_margin_account=view.auction.taker_margin_account,
            taker_owner=view.auction.taker_owner,
            expirer=self.payer.pubkey(),
            program_id=self.config.program_id,
        )
        self._acting_on = view.address
        try:
            outcome = await self.execute("expire_auction", [instruction])
        finally:
            self._acting_on = None
        if outcome.landed:
            self.expired += 1
            self.expired_total.labels(self.metrics.keeper).inc()
            self.log.warning(
                "auction_expired",
                auction=view.address,
                unsettleable=self.unsettleable.get(view.address, ("", 0))[0],
            )
            self._done(view)
        elif outcome.status is SendStatus.OUTCOMPETED:
            self._done(view)


def error_name(code: int) -> str:
    """The program's (or Anchor's) name of a custom error code."""
    cls = errors.ERRORS_BY_CODE.get(code)
    return cls.__name__ if cls is not None else str(code)
