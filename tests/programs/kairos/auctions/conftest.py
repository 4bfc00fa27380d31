"""Auction fixtures: the JIT liquidity auction instructions on a perp market.

`Auctions` builds open_auction / submit_bid / improve_bid / cancel_bid /
settle_auction and mirrors the program's bid ranking (best price for the taker,
then more lots, then the earlier seq) to list the settlement's provider
accounts. Everything is sent through `Kairos.send`, so the vault invariant is
checked after every step; `check_auction` adds the Auction's own invariants
(state/auction.h): the taker's reservation and the escrowed lamports.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

import pytest
from anchorpy import Context
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.transaction_metadata import TransactionMetadata

from ..conftest import Kairos, Trader, pda
from ..perp.conftest import ASK, BID, Market, Perp

AUCTION_SEED = b"auction"
AUCTION_ACCOUNT_SIZE = 8 + 744
MAX_AUCTION_BIDS = 8
MAX_AUCTION_DURATION_SLOTS = 150
AUCTION_EXPIRY_GRACE_SLOTS = 64
REST_CANCEL, REST_BOOK = 0, 1

__all__ = [
    "AUCTION_EXPIRY_GRACE_SLOTS",
    "ASK",
    "BID",
    "REST_BOOK",
    "REST_CANCEL",
    "Auctions",
    "OpenedAuction",
]


def auction_pda(taker_margin: Pubkey, auction_id: int) -> Pubkey:
    return pda(AUCTION_SEED, bytes(taker_margin), struct.pack("<Q", auction_id))


@dataclass(frozen=True)
class OpenedAuction:
    address: Pubkey
    taker: Trader
    market: Market
    auction_id: int


def outranks(taker_side: int, a: Any, b: Any) -> bool:
    """The program's ranking (state/auction.c)."""
    if a.price != b.price:
        return bool(a.price < b.price) if taker_side == BID else bool(a.price > b.price)
    if a.base_lots != b.base_lots:
        return bool(a.base_lots > b.base_lots)
    return bool(a.seq < b.seq)


def ranked(auction: Any) -> list[Any]:
    """Live bids, best first."""
    bids = list(auction.bids[: auction.bid_count])
    out: list[Any] = []
    for bid in bids:
        index = 0
        while index < len(out) and not outranks(auction.side, bid, out[index]):
            index += 1
        out.insert(index, bid)
    return out


class Auctions:
    """The auction instructions on an exchange with perp markets."""

    def __init__(self, perp: Perp) -> None:
        self.perp = perp
        self.kairos: Kairos = perp.kairos
        self.chain = perp.chain
        self.program = perp.program
        self.next_id = 0

    # ---- state ----

    def state(self, auction: OpenedAuction | Pubkey) -> Any:
        key = auction.address if isinstance(auction, OpenedAuction) else auction
        return self.chain.decode(key)

    def exists(self, auction: OpenedAuction) -> bool:
        info = self.chain.svm.get_account(auction.address)
        return info is not None and info.lamports > 0

    def check_auction(self, auction: OpenedAuction) -> None:
        """Invariants 1, 4 and 5 of state/auction.h."""
        state = self.state(auction)
        info = self.chain.svm.get_account(auction.address)
        assert info is not None
        rent = self.chain.svm.minimum_balance_for_rent_exemption(AUCTION_ACCOUNT_SIZE)
        assert info.lamports == rent + state.reward_lamports
        for bid in state.bids[state.bid_count :]:
            assert bid.price == 0 and bid.base_lots == 0
        position = self.perp.position(auction.taker.margin, auction.market)
        assert position is not None
        reserved = position.bids_base_lots if state.side == BID else position.asks_base_lots
        assert reserved >= state.size_lots

    # ---- instructions ----

    def open_ix(
        self,
        taker: Trader,
        market: Market,
        side: int,
        size: int,
        limit: int,
        *,
        min_fill: int = 0,
        duration: int = 10,
        rest: int = REST_CANCEL,
        auction_id: int | None = None,
        address: Pubkey | None = None,
        owner: Pubkey | None = None,
        health_accounts: list[AccountMeta] | None = None,
    ) -> tuple[Instruction, Pubkey, int]:
        if auction_id is None:
            auction_id = self.next_id
            self.next_id += 1
        args = self.program.type["OpenAuctionArgs"](
            auction_id=auction_id,
            side=side,
            rest_action=rest,
            size_lots=size,
            limit_price=limit,
            min_fill_lots=min_fill,
            duration_slots=duration,
        )
        address = address or auction_pda(taker.margin, auction_id)
        if health_accounts is None:
            health_accounts = self.perp.health_accounts_after_order(taker.margin, market)
        accounts = {
            "exchange": self.kairos.exchange.address,
            "auction": address,
            "taker_margin_account": taker.margin,
            "owner": owner or taker.owner.pubkey(),
            "perp_market": market.address,
            "oracle": market.oracle.address,
            "system_program": SYSTEM_PROGRAM_ID,
        }
        ix = self.program.instruction["open_auction"](
            args, ctx=Context(accounts=accounts, remaining_accounts=health_accounts)
        )
        return ix, address, auction_id

    def open(
        self, taker: Trader, market: Market, side: int, size: int, limit: int, **kwargs: Any
    ) -> tuple[OpenedAuction, TransactionMetadata]:
        ix, address, auction_id = self.open_ix(taker, market, side, size, limit, **kwargs)
        meta = self.kairos.send([ix], [taker.owner])
        opened = OpenedAuction(address, taker, market, auction_id)
        self.check_auction(opened)
        return opened, meta

    def bid_ix(
        self,
        provider: Trader,
        auction: OpenedAuction,
        price: int,
        lots: int,
        *,
        improve: bool = False,
        market: Market | None = None,
        health_accounts: list[AccountMeta] | None = None,
        **overrides: Pubkey,
    ) -> Instruction:
        market = market or auction.market
        if health_accounts is None:
            health_accounts = self.perp.health_accounts_after_order(provider.margin, market)
        accounts = {
            "exchange": self.kairos.exchange.address,
            "auction": auction.address,
            "provider_margin_account": provider.margin,
            "provider": provider.owner.pubkey(),
            "perp_market": market.address,
            "oracle": market.oracle.address,
            **overrides,
        }
        args = self.program.type["AuctionBidArgs"](price=price, base_lots=lots)
        name = "improve_bid" if improve else "submit_bid"
        return self.program.instruction[name](
            args, ctx=Context(accounts=accounts, remaining_accounts=health_accounts)
        )

    def bid(
        self, provider: Trader, auction: OpenedAuction, price: int, lots: int, **kwargs: Any
    ) -> TransactionMetadata:
        meta = self.kairos.send(
            [self.bid_ix(provider, auction, price, lots, **kwargs)], [provider.owner]
        )
        self.check_auction(auction)
        return meta

    def cancel_bid_ix(
        self, provider: Trader, auction: OpenedAuction, **overrides: Pubkey
    ) -> Instruction:
        accounts = {
            "exchange": self.kairos.exchange.address,
            "auction": auction.address,
            "provider_margin_account": provider.margin,
            "provider": provider.owner.pubkey(),
            **overrides,
        }
        return self.program.instruction["cancel_bid"](ctx=Context(accounts=accounts))

    def provider_accounts(self, margins: list[Pubkey], market: Market) -> list[AccountMeta]:
        metas: list[AccountMeta] = []
        for margin in margins:
            metas.append(AccountMeta(margin, is_signer=False, is_writable=True))
            metas += self.perp.health_accounts_after_order(margin, market)
        return metas

    def winners(self, auction: OpenedAuction, skip: int = 0) -> list[Pubkey]:
        """Providers the settlement reaches when all are healthy, plus `skip` more."""
        state = self.state(auction)
        remaining = state.size_lots
        out: list[Pubkey] = []
        extra = skip
        for bid in ranked(state):
            if remaining == 0:
                if extra == 0:
                    break
                extra -= 1
            out.append(bid.provider)
            remaining -= min(remaining, bid.base_lots)
        return out

    def settle_ix(
        self,
        auction: OpenedAuction,
        settler: Pubkey,
        providers: list[Pubkey] | None = None,
        **overrides: Pubkey,
    ) -> Instruction:
        state = self.state(auction)
        if providers is None:
            providers = self.winners(auction)
        accounts = {
            "exchange": self.kairos.exchange.address,
            "auction": auction.address,
            "taker_margin_account": state.taker_margin_account,
            "taker_owner": state.taker_owner,
            "settler": settler,
            "perp_market": auction.market.address,
            "orderbook": auction.market.orderbook,
            "oracle": auction.market.oracle.address,
            **overrides,
        }
        return self.program.instruction["settle_auction"](
            ctx=Context(
                accounts=accounts,
                remaining_accounts=self.provider_accounts(providers, auction.market),
            )
        )

    def settle(
        self, auction: OpenedAuction, settler: Keypair, providers: list[Pubkey] | None = None
    ) -> TransactionMetadata:
        ix = self.settle_ix(auction, settler.pubkey(), providers)
        meta = self.kairos.send([ix], [settler])
        assert not self.exists(auction)
        return meta

    def expire_ix(
        self, auction: OpenedAuction, expirer: Pubkey, **overrides: Pubkey
    ) -> Instruction:
        state = self.state(auction)
        accounts = {
            "exchange": self.kairos.exchange.address,
            "auction": auction.address,
            "taker_margin_account": state.taker_margin_account,
            "taker_owner": state.taker_owner,
            "expirer": expirer,
            **overrides,
        }
        return self.program.instruction["expire_auction"](ctx=Context(accounts=accounts))

    def warp_past_grace(self, auction: OpenedAuction) -> None:
        """To the first slot expire_auction accepts (deadline + grace)."""
        expiry = self.state(auction).deadline_slot + AUCTION_EXPIRY_GRACE_SLOTS
        slot = self.chain.clock().slot
        if slot < expiry:
            self.chain.warp(expiry - slot)

    def warp_past_deadline(self, auction: OpenedAuction) -> None:
        deadline = self.state(auction).deadline_slot
        slot = self.chain.clock().slot
        if slot < deadline:
            self.chain.warp(deadline - slot)


@pytest.fixture()
def perp(kairos: Kairos) -> Perp:
    return Perp(kairos)


@pytest.fixture()
def market(perp: Perp) -> Market:
    created, _ = perp.create_market()
    return created


@pytest.fixture()
def auctions(perp: Perp) -> Auctions:
    return Auctions(perp)
