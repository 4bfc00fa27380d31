"""JIT liquidity auctions: builders, the auction view, a client, and order routing.

Addresses, instruction builders, the auction view, a client for every auction
instruction, and routing of large market orders into auctions.

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
from typing import TYPE_CHECKING

from solders.instruction import AccountMeta, Instruction
from solders.pubkey import Pubkey
from solders.signature import Signature

from kairos import errors
from kairos.accounts import (
    Auction,
    AuctionBid,
    MarginAccount,
    fetch_account,
    fetch_accounts,
    fetch_all_accounts,
    memcmp_filter,
)
from kairos.constants import (
    BPS_DENOMINATOR,
    MAX_AUCTION_DURATION_SLOTS,
    AuctionRest,
    OrderType,
    Side,
)
from kairos.instructions import (
    AUCTION_DEFAULT_DURATION_SLOTS,
    cancel_bid,
    expire_auction,
    improve_bid,
    open_auction,
    settle_auction,
    submit_bid,
)
from kairos.orderbook import L2Level
from kairos.pda import AUCTION_SEED, auction_address

if TYPE_CHECKING:
    from kairos.client import KairosClient, TxParams

DEFAULT_AUCTION_DURATION_SLOTS = AUCTION_DEFAULT_DURATION_SLOTS
"""Default deadline: 10 slots (~4 s at 400 ms slots)."""
DEFAULT_ROUTING_THRESHOLD_BPS = 50
"""Route a market order into an auction above 0.5% estimated slippage."""

__all__ = [
    "AUCTION_SEED",
    "AuctionClient",
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
    """Where :meth:`AuctionClient.route_market_order` sent the order."""

    venue: str  # "book" or "auction"
    signature: Signature
    estimate: SlippageEstimate
    auction: Pubkey | None = None


# --- the client ---------------------------------------------------------------------


class AuctionClient:
    """Builders and senders for the auction instructions, on a :class:`KairosClient`.

    Reached as ``client.auctions``. The wallet is the taker or provider.
    """

    def __init__(self, client: KairosClient) -> None:
        self.client = client

    @property
    def program_id(self) -> Pubkey:
        """The program the client talks to."""
        return self.client.program_id

    # --- reading ---

    async def get_auction(self, address: Pubkey) -> Auction:
        """An Auction account (raises AccountNotFoundError when settled or absent)."""
        auction = await fetch_account(
            self.client.connection, Auction, address, commitment=self.client.commitment
        )
        if auction is None:
            from kairos.accounts import AccountNotFoundError

            raise AccountNotFoundError(f"auction {address} does not exist")
        return auction

    async def get_auction_view(self, address: Pubkey) -> AuctionView:
        """An auction with its bids ranked."""
        return AuctionView.of(address, await self.get_auction(address))

    async def get_auctions(self, market_index: int | None = None) -> list[AuctionView]:
        """Every open auction (of one market when given), soonest deadline first."""
        filters = []
        if market_index is not None:
            market = self.client.perp_market_address(market_index)
            filters.append(memcmp_filter(Auction, "market", market))
        found = await fetch_all_accounts(
            self.client.connection,
            Auction,
            program_id=self.program_id,
            filters=filters,
            commitment=self.client.commitment,
        )
        views = [AuctionView.of(address, auction) for address, auction in found]
        return sorted(views, key=lambda view: view.auction.deadline_slot)

    async def _provider_health(self, margin: MarginAccount, market_index: int) -> list[AccountMeta]:
        return await self.client.order_health_accounts(margin, market_index)

    # --- taker ---

    async def get_open_auction_ix(
        self,
        market_index: int,
        side: Side,
        size_lots: int,
        limit_price: int,
        *,
        min_fill_lots: int = 0,
        duration_slots: int = DEFAULT_AUCTION_DURATION_SLOTS,
        rest_action: AuctionRest = AuctionRest.CANCEL,
        auction_id: int | None = None,
        account_index: int = 0,
    ) -> tuple[Instruction, Pubkey]:
        """open_auction and the Auction's address (a random id unless given)."""
        if not 0 < duration_slots <= MAX_AUCTION_DURATION_SLOTS:
            raise errors.AuctionDurationOutOfRange()
        if auction_id is None:
            auction_id = secrets.randbits(64)
        margin = await self.client.get_margin_account(account_index)
        market = await self.client.get_perp_market(market_index)
        instruction = open_auction(
            owner=self.client.authority,
            market_index=market_index,
            oracle=market.oracle,
            auction_id=auction_id,
            side=side,
            size_lots=size_lots,
            limit_price=limit_price,
            health_accounts=await self._provider_health(margin, market_index),
            min_fill_lots=min_fill_lots,
            duration_slots=duration_slots,
            rest_action=rest_action,
            account_index=account_index,
            program_id=self.program_id,
        )
        taker_margin = self.client.margin_account_address(account_index)
        return instruction, auction_address(taker_margin, auction_id, self.program_id)

    async def open_auction(
        self,
        market_index: int,
        side: Side,
        size_lots: int,
        limit_price: int,
        *,
        min_fill_lots: int = 0,
        duration_slots: int = DEFAULT_AUCTION_DURATION_SLOTS,
        rest_action: AuctionRest = AuctionRest.CANCEL,
        auction_id: int | None = None,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> tuple[Signature, Pubkey]:
        """Send :meth:`get_open_auction_ix`; returns the signature and the auction."""
        instruction, address = await self.get_open_auction_ix(
            market_index,
            side,
            size_lots,
            limit_price,
            min_fill_lots=min_fill_lots,
            duration_slots=duration_slots,
            rest_action=rest_action,
            auction_id=auction_id,
            account_index=account_index,
        )
        return await self.client.send_ixs([instruction], tx_params=tx_params), address

    # --- providers ---

    async def get_bid_ix(
        self,
        auction: Pubkey,
        price: int,
        base_lots: int,
        *,
        improve: bool = False,
        account_index: int = 0,
        auction_state: Auction | None = None,
    ) -> Instruction:
        """submit_bid (or improve_bid) from the wallet's margin account."""
        state = auction_state or await self.get_auction(auction)
        market = await self.client.get_perp_market(state.market_index)
        margin = await self.client.get_margin_account(account_index)
        builder = improve_bid if improve else submit_bid
        return builder(
            provider=self.client.authority,
            auction=auction,
            market_index=state.market_index,
            oracle=market.oracle,
            price=price,
            base_lots=base_lots,
            health_accounts=await self._provider_health(margin, state.market_index),
            account_index=account_index,
            program_id=self.program_id,
        )

    async def submit_bid(
        self,
        auction: Pubkey,
        price: int,
        base_lots: int,
        *,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send a new bid."""
        instruction = await self.get_bid_ix(auction, price, base_lots, account_index=account_index)
        return await self.client.send_ixs([instruction], tx_params=tx_params)

    async def improve_bid(
        self,
        auction: Pubkey,
        price: int,
        base_lots: int,
        *,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send an improvement of the wallet's bid."""
        instruction = await self.get_bid_ix(
            auction, price, base_lots, improve=True, account_index=account_index
        )
        return await self.client.send_ixs([instruction], tx_params=tx_params)

    def get_cancel_bid_ix(self, auction: Pubkey, *, account_index: int = 0) -> Instruction:
        """cancel_bid for the wallet's bid."""
        return cancel_bid(
            provider=self.client.authority,
            auction=auction,
            account_index=account_index,
            program_id=self.program_id,
        )

    async def cancel_bid(
        self, auction: Pubkey, *, account_index: int = 0, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_cancel_bid_ix`."""
        instruction = self.get_cancel_bid_ix(auction, account_index=account_index)
        return await self.client.send_ixs([instruction], tx_params=tx_params)

    # --- settlement ---

    async def get_settle_auction_ix(
        self,
        auction: Pubkey,
        *,
        extra_providers: int = 0,
        settler: Pubkey | None = None,
        view: AuctionView | None = None,
    ) -> Instruction:
        """settle_auction with the providers the settlement reaches (plus ``extra``)."""
        view = view or await self.get_auction_view(auction)
        market = await self.client.get_perp_market(view.auction.market_index)
        providers = view.settlement_providers(extra_providers)
        margins = await fetch_accounts(
            self.client.connection, MarginAccount, providers, commitment=self.client.commitment
        )
        metas: list[AccountMeta] = []
        for key, margin in zip(providers, margins, strict=True):
            metas.append(AccountMeta(key, is_signer=False, is_writable=True))
            if margin is not None:
                metas += await self._provider_health(margin, view.auction.market_index)
        return settle_auction(
            auction=auction,
            taker_margin_account=view.auction.taker_margin_account,
            taker_owner=view.auction.taker_owner,
            market_index=view.auction.market_index,
            orderbook=market.orderbook,
            oracle=market.oracle,
            settler=settler or self.client.authority,
            provider_accounts=metas,
            program_id=self.program_id,
        )

    async def settle_auction(
        self, auction: Pubkey, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Settle (the wallet is the settler and receives the reward).

        When a provider fails health at settlement, the next bid is needed too: the
        program answers AuctionProviderMismatch and this retries with one more.
        """
        view = await self.get_auction_view(auction)
        for extra in range(len(view.bids) + 1):
            instruction = await self.get_settle_auction_ix(
                auction, extra_providers=extra, view=view
            )
            try:
                return await self.client.send_ixs([instruction], tx_params=tx_params)
            except errors.AuctionProviderMismatch:
                if extra == len(view.bids):
                    raise
        raise errors.AuctionProviderMismatch()  # pragma: no cover - the loop returns or raises

    async def get_expire_auction_ix(
        self,
        auction: Pubkey,
        *,
        expirer: Pubkey | None = None,
        view: AuctionView | None = None,
    ) -> Instruction:
        """expire_auction (the expirer, by default the wallet, receives the reward)."""
        view = view or await self.get_auction_view(auction)
        return expire_auction(
            auction=auction,
            taker_margin_account=view.auction.taker_margin_account,
            taker_owner=view.auction.taker_owner,
            expirer=expirer or self.client.authority,
            program_id=self.program_id,
        )

    async def expire_auction(
        self, auction: Pubkey, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Expire an auction without trading.

        The program accepts it from ``deadline_slot + AUCTION_EXPIRY_GRACE_SLOTS``
        on, or while the taker is flagged as being liquidated (``AuctionNotExpired``
        otherwise).
        """
        instruction = await self.get_expire_auction_ix(auction)
        return await self.client.send_ixs([instruction], tx_params=tx_params)

    # --- routing ---

    async def route_market_order(
        self,
        market_index: int,
        side: Side,
        lots: int,
        worst_price: int,
        *,
        threshold_bps: float = DEFAULT_ROUTING_THRESHOLD_BPS,
        duration_slots: int = DEFAULT_AUCTION_DURATION_SLOTS,
        min_fill_lots: int = 0,
        rest_action: AuctionRest = AuctionRest.CANCEL,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> RouteDecision:
        """Send a market order, or open an auction when the book would slip too much.

        The slippage is estimated from the L2 view of the opposite side within
        ``worst_price``; above ``threshold_bps`` (or when the book cannot fill
        every lot) the order goes to an auction.
        """
        view = await self.client.get_orderbook_view(market_index)
        levels = [
            level
            for level in view.l2(side.opposite)
            if (level.price <= worst_price if side == Side.BID else level.price >= worst_price)
        ]
        estimate = estimate_slippage(levels, side, lots)
        if estimate.slippage_bps <= threshold_bps:
            signature = await self.client.place_order(
                market_index,
                side,
                worst_price,
                lots,
                order_type=OrderType.MARKET,
                account_index=account_index,
                tx_params=tx_params,
            )
            return RouteDecision("book", signature, estimate)
        signature, address = await self.open_auction(
            market_index,
            side,
            lots,
            worst_price,
            min_fill_lots=min_fill_lots,
            duration_slots=duration_slots,
            rest_action=rest_action,
            account_index=account_index,
            tx_params=tx_params,
        )
        return RouteDecision("auction", signature, estimate, address)
