"""What the ``auction`` keeper and the ``jit-maker`` bot share (no keeper here).

:class:`AuctionTracker` keeps every open Auction of the program from a program
subscription (websocket, with the runtime's polling fallback) plus an initial
``getProgramAccounts``; :class:`ExchangeCache` holds the static accounts the
instructions name (markets, collateral assets, the quote decimals) and builds
health accounts with the SDK's :func:`kairos.instructions.health_accounts`.
"""

from __future__ import annotations

from typing import Any, TypeVar

from kairos import instructions as ix
from kairos.accounts import (
    Auction,
    CollateralAsset,
    Exchange,
    KairosAccount,
    MarginAccount,
    PerpMarket,
)
from kairos.auctions import AuctionView
from kairos.constants import QUOTE_ASSET_INDEX
from kairos.pda import exchange_address
from solders.instruction import AccountMeta
from solders.pubkey import Pubkey

from kairos_keepers.rpc import RateLimitedRpc, account_filters
from kairos_keepers.subscriptions import AccountUpdate, SlotUpdate, Subscriptions

A = TypeVar("A", bound=KairosAccount)

# How long drain() waits for the next queued update (returns at once when one is queued).
DRAIN_POLL_SECONDS = 0.001


class AuctionTracker:
    """The program's open auctions and the latest slot seen."""

    def __init__(self, rpc: RateLimitedRpc, program_id: Pubkey) -> None:
        self.rpc = rpc
        self.program_id = program_id
        self.auctions: dict[Pubkey, Auction] = {}
        self.slot = 0

    def subscribe(self, subs: Subscriptions) -> None:
        """Watch Auction accounts and slots on ``subs``."""
        subs.program(self.program_id, account_filters(Auction))
        subs.slots()

    async def load(self) -> None:
        """Every open auction, once (the subscription keeps the set current)."""
        slot, pairs = await self.rpc.get_program_accounts(self.program_id, account_filters(Auction))
        self.slot = max(self.slot, slot)
        for key, account in pairs:
            self.auctions[key] = Auction.decode(bytes(account.data))

    def apply(self, update: Any) -> None:
        """Fold one subscription update into the state."""
        if isinstance(update, SlotUpdate):
            self.slot = max(self.slot, update.slot)
        elif isinstance(update, AccountUpdate):
            account = update.account
            self.slot = max(self.slot, update.slot)
            if account is None or account.lamports == 0 or len(account.data) != Auction.size():
                self.auctions.pop(update.pubkey, None)
            else:
                try:
                    self.auctions[update.pubkey] = Auction.decode(bytes(account.data))
                except ValueError:
                    self.auctions.pop(update.pubkey, None)

    async def drain(self, subs: Subscriptions) -> None:
        """Apply every update already queued, without waiting."""
        while True:
            # Not timeout=0: asyncio.wait_for(queue.get(), 0) times out before the
            # get runs, even on a non-empty queue (Python 3.11).
            update = await subs.get(timeout=DRAIN_POLL_SECONDS)
            if update is None:
                return
            self.apply(update)

    def prune(self, before_slot: int) -> None:
        """Drop auctions whose deadline is before ``before_slot``.

        A program subscription sends no notification when an account is closed, so
        an auction settled by someone else stays here until pruned or reloaded.
        """
        stale = [key for key, found in self.auctions.items() if found.deadline_slot < before_slot]
        for key in stale:
            del self.auctions[key]

    def forget(self, address: Pubkey) -> None:
        """Drop an auction known to be settled."""
        self.auctions.pop(address, None)

    def views(self) -> list[AuctionView]:
        """Open auctions with ranked bids, soonest deadline first."""
        views = [AuctionView.of(key, auction) for key, auction in self.auctions.items()]
        return sorted(views, key=lambda view: view.auction.deadline_slot)


class ExchangeCache:
    """Static accounts (markets, assets, quote decimals), loaded once."""

    def __init__(self, rpc: RateLimitedRpc, program_id: Pubkey) -> None:
        self.rpc = rpc
        self.program_id = program_id
        self.markets: dict[int, PerpMarket] = {}
        self.assets: dict[int, CollateralAsset] = {}
        self.quote_decimals = 0

    async def load(self) -> None:
        """Fetch the Exchange, every PerpMarket and every CollateralAsset."""
        _, exchange = await self.rpc.get_account_info(exchange_address(self.program_id))
        if exchange is None:
            raise LookupError("no Kairos exchange on this cluster")
        self.quote_decimals = Exchange.decode(bytes(exchange.data)).quote_decimals
        for market in await self._all(PerpMarket):
            self.markets[market.index] = market
        for asset in await self._all(CollateralAsset):
            self.assets[asset.index] = asset

    async def _all(self, cls: type[A]) -> list[A]:
        _, pairs = await self.rpc.get_program_accounts(self.program_id, account_filters(cls))
        return [cls.decode(bytes(account.data)) for _, account in pairs]

    async def margin_accounts(self, keys: list[Pubkey]) -> list[MarginAccount | None]:
        """Margin accounts by key (None where missing or not a margin account)."""
        found = await self.rpc.get_multiple_accounts(keys)
        out: list[MarginAccount | None] = []
        for account in found:
            if account is None or len(account.data) != MarginAccount.size():
                out.append(None)
            else:
                out.append(MarginAccount.decode(bytes(account.data)))
        return out

    async def health_accounts_with_market(
        self, margin: MarginAccount, market_index: int
    ) -> list[AccountMeta]:
        """Health accounts of ``margin`` with a position in ``market_index``."""
        # The quote asset heads every health list (it holds the borrow index).
        wanted = {QUOTE_ASSET_INDEX, *(p.asset_index for p in margin.active_collateral())}
        needed = wanted - set(self.assets)
        needed_markets = {p.market_index for p in margin.active_perp_positions()}
        if needed or not needed_markets.union({market_index}) <= set(self.markets):
            await self.load()
        new_market = market_index if margin.perp_position(market_index) is None else None
        return ix.health_accounts(
            margin,
            assets=self.assets,
            markets=self.markets,
            new_market_index=new_market,
            program_id=self.program_id,
        )
