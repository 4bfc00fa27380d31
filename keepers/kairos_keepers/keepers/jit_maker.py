"""The ``jit-maker`` bot: a liquidity provider bidding in JIT auctions.

For every open auction of its market it bids at the oracle price per lot
widened by ``spread_bps`` against the taker (it sells above the oracle to a
buying taker, buys below it from a selling taker), rounded to the tick in its
own favour, no worse than the taker's limit, for at most ``max_lots``. With
``improve`` on it then competes: when another bid outranks its own, it
improves by one tick, but never closer to the oracle than ``min_spread_bps``.
Two instances with different spreads show a real competition: the tighter one
wins, the other fills the rest.

Bids never reserve margin (the program checks initial health when a bid is
made and again at settlement), so the bot checks nothing itself. Losing a race
(the deadline passed, a bid already there, the auction full or settled) is
counted as outcompeted.
"""

from __future__ import annotations

import dataclasses
import math

from kairos import errors
from kairos.accounts import Oracle
from kairos.auctions import AuctionView, improve_bid, submit_bid
from kairos.constants import BPS_DENOMINATOR, Side
from kairos.math.health import price_per_lot
from kairos.pda import margin_account_address
from solders.instruction import Instruction
from solders.pubkey import Pubkey

from kairos_keepers.config import setting
from kairos_keepers.keepers.auction import ACCOUNT_NOT_INITIALIZED
from kairos_keepers.keepers.auction_support import AuctionTracker, ExchangeCache
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.registry import register
from kairos_keepers.subscriptions import Subscriptions


@dataclasses.dataclass(frozen=True)
class JitMakerSettings:
    """``[keepers.jit-maker]`` settings."""

    market_index: int = setting(0, "Perp market whose auctions to bid in.", ge=0)
    spread_bps: float = setting(
        20.0, "First bid: this far from the oracle, against the taker.", ge=0
    )
    min_spread_bps: float = setting(5.0, "Improvements stop this close to the oracle.", ge=0)
    max_lots: int = setting(1_000, "Largest bid, in lots.", gt=0)
    min_lots: int = setting(1, "Skip auctions smaller than this, in lots.", gt=0)
    improve: bool = setting(True, "Improve when outbid, down to min_spread_bps.")
    improve_step_bps: float = setting(
        1.0, "Outbid the best bid by this much (at least one tick).", ge=0
    )
    account_index: int = setting(0, "The bot's margin account index.", ge=0)


def quote_price(oracle_lot: int, spread_bps: float, taker_side: Side, tick: int) -> int:
    """The oracle per-lot price widened against the taker, on tick, in our favour."""
    if taker_side == Side.BID:  # we sell: at least oracle × (1 + spread), rounded up
        raw = oracle_lot * (BPS_DENOMINATOR + spread_bps) / BPS_DENOMINATOR
        return max(math.ceil(raw / tick), 1) * tick
    raw = oracle_lot * (BPS_DENOMINATOR - spread_bps) / BPS_DENOMINATOR
    return max(math.floor(raw / tick), 1) * tick


def better_than(taker_side: Side, price: int, reference: int) -> bool:
    """True when ``price`` is better than ``reference`` for the taker."""
    return price < reference if taker_side == Side.BID else price > reference


@register
class JitMakerKeeper(Keeper):
    """Quotes into JIT auctions around the oracle and competes by improving."""

    name = "jit-maker"
    description = (
        "JIT liquidity provider: bids in auctions around the oracle, improves when outbid."
    )
    Settings = JitMakerSettings
    outcompeted_codes = frozenset(
        {
            ACCOUNT_NOT_INITIALIZED,
            errors.AuctionBiddingClosed.code,
            errors.BidAlreadyExists.code,
            errors.BidNotImproved.code,
            errors.AuctionFull.code,
        }
    )

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        self.tracker = AuctionTracker(self.rpc, self.config.program_id)
        self.cache = ExchangeCache(self.rpc, self.config.program_id)
        self.subs: Subscriptions | None = None
        # (auction, next_bid_seq) already acted on: act again only when it changes.
        self.acted: set[tuple[Pubkey, int]] = set()
        self.bids_sent = 0

    @property
    def margin(self) -> Pubkey:
        """The bot's margin account."""
        settings: JitMakerSettings = self.settings
        return margin_account_address(
            self.payer.pubkey(), settings.account_index, self.config.program_id
        )

    async def start(self) -> None:
        """Subscribe to auctions and slots; load the market and the open auctions."""
        self.subs = self.subscriptions()
        self.tracker.subscribe(self.subs)
        await self.cache.load()
        await self.tracker.load()

    async def oracle_lot_price(self) -> int:
        """The market's oracle price in quote native per lot."""
        settings: JitMakerSettings = self.settings
        market = self.cache.markets[settings.market_index]
        _, account = await self.rpc.get_account_info(market.oracle)
        if account is None:
            raise LookupError(f"oracle {market.oracle} does not exist")
        oracle = Oracle.decode(bytes(account.data))
        return price_per_lot(
            oracle.price,
            exponent=oracle.exponent,
            base_lot_size=market.base_lot_size,
            quote_decimals=self.cache.quote_decimals,
            base_decimals=market.base_decimals,
        )

    async def tick(self) -> None:
        """Bid in (or improve in) every open auction of the market."""
        if self.subs is not None:
            await self.tracker.drain(self.subs)
        settings: JitMakerSettings = self.settings
        if settings.market_index not in self.cache.markets:
            await self.cache.load()
        slot = max(self.tracker.slot, await self.rpc.get_slot())
        # Bidding is over for these; the auction keeper settles them.
        self.tracker.prune(slot)
        self.acted = {item for item in self.acted if item[0] in self.tracker.auctions}
        views = [
            view
            for view in self.tracker.views()
            if view.auction.market_index == settings.market_index
            and view.auction.deadline_slot > slot
            and view.auction.taker_margin_account != self.margin
            and view.auction.size_lots >= settings.min_lots
            and (view.address, view.auction.next_bid_seq) not in self.acted
        ]
        if not views:
            return
        oracle_lot = await self.oracle_lot_price()
        for view in views:
            if self.stopping:
                return
            self.acted.add((view.address, view.auction.next_bid_seq))
            instruction = await self.bid_for(view, oracle_lot)
            if instruction is not None:
                outcome = await self.execute("bid", [instruction])
                if outcome.landed:
                    self.bids_sent += 1

    def target_price(self, view: AuctionView, oracle_lot: int) -> int | None:
        """Our price for the auction now, or None when we should not (re)bid."""
        settings: JitMakerSettings = self.settings
        market = self.cache.markets[settings.market_index]
        side = view.side
        tick = market.tick_size
        price = quote_price(oracle_lot, settings.spread_bps, side, tick)
        floor = quote_price(oracle_lot, settings.min_spread_bps, side, tick)
        ours = next((bid for bid in view.bids if bid.provider == self.margin), None)
        best_other = next((bid for bid in view.bids if bid.provider != self.margin), None)
        if (
            settings.improve
            and best_other is not None
            and not better_than(side, price, best_other.price)
        ):
            step = max(tick, math.ceil(oracle_lot * settings.improve_step_bps / BPS_DENOMINATOR))
            step = -(-step // tick) * tick
            beat = best_other.price - step if side == Side.BID else best_other.price + step
            beat = max(beat, floor) if side == Side.BID else min(beat, floor)
            if not better_than(side, beat, floor):  # never better than our floor
                price = beat
        limit = view.auction.limit_price
        if better_than(side, limit, price):  # our price is outside the taker's limit
            if better_than(side, limit, floor):
                return None  # even the limit is inside our floor
            price = limit
        if ours is not None and not better_than(side, price, ours.price):
            return None  # nothing better to offer
        return price

    async def bid_for(self, view: AuctionView, oracle_lot: int) -> Instruction | None:
        """submit_bid or improve_bid for ``view``, or None."""
        settings: JitMakerSettings = self.settings
        price = self.target_price(view, oracle_lot)
        if price is None:
            return None
        ours = next((bid for bid in view.bids if bid.provider == self.margin), None)
        lots = min(settings.max_lots, view.auction.size_lots)
        if ours is not None:
            lots = max(lots, ours.base_lots)
        [margin] = await self.cache.margin_accounts([self.margin])
        if margin is None:
            self.log.warning("no_margin_account", margin=self.margin)
            return None
        health = await self.cache.health_accounts_with_market(margin, settings.market_index)
        market = self.cache.markets[settings.market_index]
        builder = improve_bid if ours is not None else submit_bid
        return builder(
            provider=self.payer.pubkey(),
            auction=view.address,
            market_index=settings.market_index,
            oracle=market.oracle,
            price=price,
            base_lots=lots,
            health_accounts=health,
            account_index=settings.account_index,
            program_id=self.config.program_id,
        )
