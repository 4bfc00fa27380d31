"""``client.auctions``: JIT liquidity auctions, the auction view, and order routing.

A taker opens an auction (side, lots, worst price, minimum fill, a deadline in
slots, what to do with the rest); liquidity providers bid, improve and cancel
until the deadline; anyone settles from the deadline on (the taker's owner may
accept earlier), and anyone expires it without trading from
``AUCTION_EXPIRY_GRACE_SLOTS`` after the deadline, or at once while its taker is
being liquidated. The program ranks bids by the taker's price, then more lots,
then the earlier bid; :func:`rank_bids` mirrors that exactly, and
:meth:`AuctionView.settlement_providers` lists the provider accounts a
settlement needs (docs/ARCHITECTURE.md, "JIT liquidity auctions").
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Sequence

from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey

from kairos import errors
from kairos.accounts import (
    Auction,
    AuctionBid,
    MarginAccount,
    fetch_accounts,
)
from kairos.constants import (
    BPS_DENOMINATOR,
    MAX_AUCTION_DURATION_SLOTS,
    OrderType,
    Side,
)
from kairos.core import Bundle, Namespace, TxParams, TxResult, fields
from kairos.instructions import (
    cancel_bid,
    expire_auction,
    improve_bid,
    open_auction,
    risk_tail_if_limited,
    settle_auction,
    submit_bid,
)
from kairos.math.orderbook import L2Level
from kairos.params import (
    DEFAULT_AUCTION_DURATION_SLOTS,
    CancelBidParams,
    ExpireAuctionParams,
    ImproveBidParams,
    OpenAuctionParams,
    PlaceOrderParams,
    RouteMarketOrderParams,
    SettleAuctionParams,
    SubmitBidParams,
)
from kairos.pda import AUCTION_SEED, auction_address

__all__ = [
    "AUCTION_SEED",
    "AuctionsNamespace",
    "DEFAULT_AUCTION_DURATION_SLOTS",
    "AuctionView",
    "RouteDecision",
    "SlippageEstimate",
    "auction_address",
    "bid_outranks",
    "cancel_bid",
    "estimate_slippage",
    "expire_auction",
    "improve_bid",
    "open_auction",
    "rank_bids",
    "settle_auction",
    "submit_bid",
]


# --- ranking ------------------------------------------------------------------------


def bid_outranks(taker_side: int, a: AuctionBid, b: AuctionBid) -> bool:
    """True when bid ``a`` outranks ``b`` (state/auction.c: price, lots, then seq)."""
    if a.price != b.price:
        return a.price < b.price if taker_side == Side.BID else a.price > b.price
    if a.base_lots != b.base_lots:
        return a.base_lots > b.base_lots
    return a.seq < b.seq


def rank_bids(auction: Auction) -> list[AuctionBid]:
    """The live bids, best first, as the program ranks them."""
    ranked: list[AuctionBid] = []
    for bid in auction.live_bids():
        position = 0
        while position < len(ranked) and not bid_outranks(auction.side, bid, ranked[position]):
            position += 1
        ranked.insert(position, bid)
    return ranked


@dataclasses.dataclass(frozen=True)
class AuctionView:
    """An auction with its bids ranked as the program ranks them."""

    address: Pubkey
    auction: Auction
    bids: tuple[AuctionBid, ...]

    @classmethod
    def of(cls, address: Pubkey, auction: Auction) -> AuctionView:
        """Rank the auction's bids."""
        return cls(address, auction, tuple(rank_bids(auction)))

    @property
    def side(self) -> Side:
        """The taker's side."""
        return Side(self.auction.side)

    def expected_fills(self) -> list[tuple[AuctionBid, int]]:
        """(bid, lots) the settlement fills if every provider passes health."""
        remaining = self.auction.size_lots
        fills: list[tuple[AuctionBid, int]] = []
        for bid in self.bids:
            if remaining == 0:
                break
            lots = min(bid.base_lots, remaining)
            fills.append((bid, lots))
            remaining -= lots
        if sum(lots for _, lots in fills) < self.auction.min_fill_lots:
            return []
        return fills

    def average_price(self) -> float | None:
        """The taker's expected average price (None when nothing would fill)."""
        fills = self.expected_fills()
        lots = sum(filled for _, filled in fills)
        if lots == 0:
            return None
        return sum(bid.price * filled for bid, filled in fills) / lots

    def settlement_providers(self, extra: int = 0) -> list[Pubkey]:
        """Provider margin accounts a settlement reaches when all pass health.

        ``extra`` more follow in rank order (one per provider that will be skipped).
        """
        remaining = self.auction.size_lots
        providers: list[Pubkey] = []
        for bid in self.bids:
            if remaining == 0:
                if extra == 0:
                    break
                extra -= 1
            providers.append(bid.provider)
            remaining -= min(remaining, bid.base_lots)
        return providers


# --- routing ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SlippageEstimate:
    """Filling ``lots`` against one book side (L2, best first)."""

    fillable_lots: int
    average_price: float | None
    best_price: int | None
    slippage_bps: float
    """(average − best) / best in bps, signed so worse is positive; infinite when
    the side cannot fill every lot (the rest would find no liquidity)."""


def estimate_slippage(levels: Sequence[L2Level], side: Side, lots: int) -> SlippageEstimate:
    """Slippage of a market order of ``lots`` on ``side``, relative to the best price.

    ``levels`` are the opposite side's L2 levels, best first.
    """
    remaining = lots
    quote = 0
    for level in levels:
        if remaining == 0:
            break
        take = min(level.base_lots, remaining)
        quote += take * level.price
        remaining -= take
    filled = lots - remaining
    if filled == 0 or not levels:
        return SlippageEstimate(0, None, None, float("inf"))
    best = levels[0].price
    average = quote / filled
    signed = (average - best) if side == Side.BID else (best - average)
    slippage = signed * BPS_DENOMINATOR / best
    return SlippageEstimate(filled, average, best, float("inf") if remaining else slippage)


@dataclasses.dataclass(frozen=True)
class RouteDecision:
    """Where :meth:`AuctionsNamespace.route_market_order` sent the order."""

    venue: str  # "book" or "auction"
    result: TxResult
    estimate: SlippageEstimate
    auction: Pubkey | None = None


# --- the namespace ------------------------------------------------------------------


class AuctionsNamespace(Namespace):
    """The auction instructions; the wallet is the taker or the provider."""

    # --- reading ---

    async def get(self, address: Pubkey) -> Auction:
        """An Auction account (raises AccountNotFoundError when settled or absent)."""
        return await self.client.require(Auction, address, "auction")

    async def view(self, address: Pubkey) -> AuctionView:
        """An auction with its bids ranked."""
        return AuctionView.of(address, await self.get(address))

    async def list(self, market_index: int | None = None) -> list[AuctionView]:
        """Every open auction (of one market when given), soonest deadline first."""
        market = None if market_index is None else self.client.perp_market_address(market_index)
        found = await self.client.fetch_all(Auction, market=market)
        views = [AuctionView.of(address, auction) for address, auction in found]
        return sorted(views, key=lambda view: view.auction.deadline_slot)

    # --- taker ---

    async def open(self, params: OpenAuctionParams) -> Bundle:
        """open_auction; the bundle's ``address`` is the Auction's."""
        if not 0 < params.duration_slots <= MAX_AUCTION_DURATION_SLOTS:
            raise errors.AuctionDurationOutOfRange()
        auction_id = secrets.randbits(64) if params.auction_id is None else params.auction_id
        client = self.client
        margin = await client.get_margin_account(params.account_index)
        market = await client.get_perp_market(params.market_index)
        instruction = open_auction(
            owner=self.authority,
            oracle=market.oracle,
            health_accounts=[
                *await client.order_health_accounts(margin, params.market_index),
                *risk_tail_if_limited(
                    margin, client.margin_account_address(params.account_index), self.program_id
                ),
            ],
            **{**fields(params), "auction_id": auction_id},
            program_id=self.program_id,
        )
        taker_margin = client.margin_account_address(params.account_index)
        return Bundle(
            (instruction,), address=auction_address(taker_margin, auction_id, self.program_id)
        )

    # --- providers ---

    async def submit_bid(
        self, params: SubmitBidParams, *, auction_state: Auction | None = None
    ) -> Instruction:
        """submit_bid (or improve_bid for :class:`ImproveBidParams`) from the wallet's account."""
        client = self.client
        state = auction_state or await self.get(params.auction)
        market = await client.get_perp_market(state.market_index)
        margin = await client.get_margin_account(params.account_index)
        builder = improve_bid if isinstance(params, ImproveBidParams) else submit_bid
        health = await client.order_health_accounts(margin, state.market_index)
        return self.build(
            builder,
            params,
            provider=self.authority,
            market_index=state.market_index,
            oracle=market.oracle,
            health_accounts=health,
        )

    async def improve_bid(
        self, params: ImproveBidParams, *, auction_state: Auction | None = None
    ) -> Instruction:
        """improve_bid of the wallet's bid."""
        return await self.submit_bid(params, auction_state=auction_state)

    async def cancel_bid(self, params: CancelBidParams) -> Instruction:
        """cancel_bid of the wallet's bid."""
        return self.build(cancel_bid, params, provider=self.authority)

    # --- settlement ---

    async def settle(
        self, params: SettleAuctionParams, *, view: AuctionView | None = None
    ) -> Instruction:
        """settle_auction naming the providers the settlement reaches (plus ``extra``)."""
        client = self.client
        view = view or await self.view(params.auction)
        market = await client.get_perp_market(view.auction.market_index)
        providers = view.settlement_providers(params.extra_providers)
        margins = await fetch_accounts(
            client.connection, MarginAccount, providers, commitment=client.commitment
        )
        metas: list[AccountMeta] = []
        for key, margin in zip(providers, margins, strict=True):
            metas.append(AccountMeta(key, is_signer=False, is_writable=True))
            if margin is not None:
                metas += await client.order_health_accounts(margin, view.auction.market_index)
        return settle_auction(
            auction=params.auction,
            taker_margin_account=view.auction.taker_margin_account,
            taker_owner=view.auction.taker_owner,
            market_index=view.auction.market_index,
            orderbook=market.orderbook,
            oracle=market.oracle,
            settler=params.settler or self.authority,
            provider_accounts=metas,
            program_id=self.program_id,
        )

    async def send_settlement(
        self, auction: Pubkey, *, tx_params: TxParams | None = None
    ) -> TxResult:
        """Settle, naming one more provider each time a provider fails health.

        When a provider fails health at settlement the next bid is needed too: the
        program answers AuctionProviderMismatch and this sends again with one more.
        """
        view = await self.view(auction)
        for extra in range(len(view.bids) + 1):
            instruction = await self.settle(SettleAuctionParams(auction, extra), view=view)
            try:
                return await self.client.send(instruction, tx_params=tx_params)
            except errors.AuctionProviderMismatch:
                if extra == len(view.bids):
                    raise
        raise errors.AuctionProviderMismatch()  # pragma: no cover - the loop returns or raises

    async def expire(
        self, params: ExpireAuctionParams, *, view: AuctionView | None = None
    ) -> Instruction:
        """expire_auction (the expirer, by default the wallet, receives the reward).

        The program accepts it from ``deadline_slot + AUCTION_EXPIRY_GRACE_SLOTS`` on,
        or while the taker is flagged as being liquidated (``AuctionNotExpired``
        otherwise).
        """
        view = view or await self.view(params.auction)
        return expire_auction(
            auction=params.auction,
            taker_margin_account=view.auction.taker_margin_account,
            taker_owner=view.auction.taker_owner,
            expirer=params.expirer or self.authority,
            program_id=self.program_id,
        )

    # --- routing ---

    async def route_market_order(
        self, params: RouteMarketOrderParams, *, tx_params: TxParams | None = None
    ) -> RouteDecision:
        """Send a market order, or open an auction when the book would slip too much.

        The slippage is estimated from the L2 view of the opposite side within the
        worst price; above ``threshold_bps`` (or when the book cannot fill every lot)
        the order goes to an auction.
        """
        from kairos.orders import OrdersNamespace

        side, worst = params.side, params.worst_price
        view = await self.client.get_orderbook_view(params.market_index)
        levels = [
            level
            for level in view.l2(side.opposite)
            if (level.price <= worst if side == Side.BID else level.price >= worst)
        ]
        estimate = estimate_slippage(levels, side, params.lots)
        if estimate.slippage_bps <= params.threshold_bps:
            order = PlaceOrderParams(
                params.market_index,
                side,
                worst,
                params.lots,
                order_type=OrderType.MARKET,
                account_index=params.account_index,
            )
            result = await self.client.send(
                OrdersNamespace(self.client).place(order), tx_params=tx_params
            )
            return RouteDecision("book", result, estimate)
        opened = await self.open(
            OpenAuctionParams(
                params.market_index,
                side,
                params.lots,
                worst,
                min_fill_lots=params.min_fill_lots,
                duration_slots=params.duration_slots,
                rest_action=params.rest_action,
                account_index=params.account_index,
            )
        )
        result = await self.client.send(opened, tx_params=tx_params)
        return RouteDecision("auction", result, estimate, opened.address)
