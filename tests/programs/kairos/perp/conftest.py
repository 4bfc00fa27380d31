"""Perp-side fixtures: markets, traders with quote collateral, and instruction builders.

Built on the exchange harness of tests/programs/kairos/conftest.py (`Kairos`):
every market created here is registered in `Kairos.perp_markets`, so
`Kairos.send` checks the vault invariant (quote vault tokens = Σ quote_balance +
Σ markets (pnl_pool + fees_accrued)) including the markets after every step.

Units in these tests: the oracle exponent is 0 and base decimals equal quote
decimals, so an oracle price p is p quote native units per base native unit and,
with base_lot_size 1, per lot: order prices and oracle prices are comparable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from anchorpy import Context
from kairos.program import PROGRAM_ID
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import CreateAccountParams, create_account
from solders.transaction_metadata import TransactionMetadata

from ..conftest import (
    QUOTE_DECIMALS,
    Chain,
    Kairos,
    OracleInfo,
    PerpMarketInfo,
    Trader,
    pda,
)

PERP_MARKET_SEED = b"perp_market"
ORDERBOOK_SIZE = 8 + 26_720  # 96-byte header + 2 × 128 BookOrders of 104 bytes
EVENT_QUEUE_SIZE = 8 + 28_768
BOOK_SIDE_CAPACITY = 128
EVENT_QUEUE_CAPACITY = 256
MAX_MATCHES_PER_ORDER = 16
MAX_OPEN_ORDERS = 16
MAX_PERP_POSITIONS = 4
MAX_PERP_MARKETS = 64

BID, ASK = 0, 1
LIMIT, MARKET = 0, 1
BOTH_SIDES = 2

ORACLE_PRICE = 100
# The widest price band set_market_order_rules takes (u16 bps): bids up to 7.5 x
# the oracle, asks down to 0. Tests of matching mechanics at arbitrary prices use it.
WIDEST_BAND_BPS = 65_535
DEFAULT_DEPOSIT = 10_000_000
DEFAULT_MARKET: dict[str, Any] = {
    "name": b"SOL-PERP".ljust(16, b"\0"),
    "base_lot_size": 1,
    "tick_size": 1,
    "min_order_lots": 1,
    "open_interest_cap_lots": 1_000_000,
    "max_staleness_slots": 100,
    "init_margin_bps": 1_000,
    "maint_margin_bps": 500,
    "init_pnl_weight_bps": 8_000,
    "taker_fee_bps": 10,
    "maker_fee_bps": -2,
    "max_confidence_bps": 200,
    "base_decimals": QUOTE_DECIMALS,
}


def perp_market_pda(index: int) -> Pubkey:
    return pda(PERP_MARKET_SEED, index.to_bytes(2, "little"))


@dataclass(frozen=True)
class Market:
    address: Pubkey
    orderbook: Pubkey
    event_queue: Pubkey
    oracle: OracleInfo
    index: int


class Perp:
    """The perp instructions on an initialized exchange."""

    def __init__(self, kairos: Kairos) -> None:
        self.kairos = kairos
        self.chain: Chain = kairos.chain
        self.program = kairos.program

    # ---- markets ----

    def book_accounts_ixs(
        self, orderbook: Keypair, event_queue: Keypair, payer: Pubkey, owner: Pubkey = PROGRAM_ID
    ) -> list[Instruction]:
        """Client-side creation of the zeroed Orderbook and EventQueue accounts."""
        rent = self.chain.svm.minimum_balance_for_rent_exemption
        return [
            create_account(
                CreateAccountParams(
                    from_pubkey=payer,
                    to_pubkey=account.pubkey(),
                    lamports=rent(size),
                    space=size,
                    owner=owner,
                )
            )
            for account, size in ((orderbook, ORDERBOOK_SIZE), (event_queue, EVENT_QUEUE_SIZE))
        ]

    def create_market_ix(
        self,
        *,
        oracle: Pubkey,
        orderbook: Pubkey,
        event_queue: Pubkey,
        index: int | None = None,
        admin: Pubkey | None = None,
        market: Pubkey | None = None,
        **params: Any,
    ) -> Instruction:
        if index is None:
            index = self.kairos.exchange_state().perp_market_count
        args = self.program.type["CreatePerpMarketArgs"](**{**DEFAULT_MARKET, **params})
        accounts = {
            "exchange": self.kairos.exchange.address,
            "admin": admin or self.kairos.exchange.admin.pubkey(),
            "perp_market": market or perp_market_pda(index),
            "orderbook": orderbook,
            "event_queue": event_queue,
            "oracle": oracle,
            "system_program": SYSTEM_PROGRAM_ID,
        }
        return self.program.instruction["create_perp_market"](args, ctx=Context(accounts=accounts))

    def create_market(
        self, oracle: OracleInfo | None = None, **params: Any
    ) -> tuple[Market, TransactionMetadata]:
        oracle = oracle or self.kairos.create_oracle(ORACLE_PRICE)
        admin = self.kairos.exchange.admin
        orderbook, event_queue = Keypair(), Keypair()
        index = self.kairos.exchange_state().perp_market_count
        meta = self.kairos.send(
            [
                *self.book_accounts_ixs(orderbook, event_queue, admin.pubkey()),
                self.create_market_ix(
                    oracle=oracle.address,
                    orderbook=orderbook.pubkey(),
                    event_queue=event_queue.pubkey(),
                    **params,
                ),
            ],
            [admin, orderbook, event_queue],
        )
        market = Market(
            perp_market_pda(index), orderbook.pubkey(), event_queue.pubkey(), oracle, index
        )
        self.kairos.perp_markets[index] = PerpMarketInfo(market.address, oracle.address, index)
        return market, meta

    # ---- traders ----

    def trader(self, deposit: int = DEFAULT_DEPOSIT) -> Trader:
        """A new owner with a margin account holding `deposit` quote."""
        trader = self.kairos.new_trader()
        if deposit:
            self.kairos.deposit(trader, self.kairos.quote, deposit)
        return trader

    # ---- state ----

    def market_state(self, market: Market) -> Any:
        return self.chain.decode(market.address)

    def book(self, market: Market) -> Any:
        return self.chain.decode(market.orderbook)

    def bids(self, market: Market) -> list[Any]:
        """Resting bids, best first."""
        book = self.book(market)
        return list(reversed(book.bids[: book.bid_count]))

    def asks(self, market: Market) -> list[Any]:
        book = self.book(market)
        return list(reversed(book.asks[: book.ask_count]))

    def queue(self, market: Market) -> Any:
        return self.chain.decode(market.event_queue)

    def queued_events(self, market: Market) -> list[Any]:
        queue = self.queue(market)
        return [queue.events[(queue.head + i) % EVENT_QUEUE_CAPACITY] for i in range(queue.count)]

    def position(self, margin: Pubkey, market: Market) -> Any | None:
        for position in self.kairos.margin(margin).perp_positions:
            if position.active and position.market_index == market.index:
                return position
        return None

    def open_orders(self, margin: Pubkey) -> list[Any]:
        return [slot for slot in self.kairos.margin(margin).open_orders if slot.active]

    # ---- health accounts ----

    def health_accounts_after_order(self, margin: Pubkey, market: Market) -> list[AccountMeta]:
        """The health accounts once the order's market has a position slot.

        A new position takes the first free slot, so it may come before others.
        """
        state = self.kairos.margin(margin)
        active = {
            slot: position.market_index
            for slot, position in enumerate(state.perp_positions)
            if position.active
        }
        if market.index not in active.values():
            free = next(slot for slot in range(MAX_PERP_POSITIONS) if slot not in active)
            active[free] = market.index
        metas = [meta for meta in self.kairos.health_accounts(margin) if not self._is_perp(meta)]
        # (the quote asset leads, then the collateral pairs)
        for _, market_index in sorted(active.items()):
            info = self.kairos.perp_markets[market_index]
            metas += [
                AccountMeta(info.address, is_signer=False, is_writable=False),
                AccountMeta(info.oracle, is_signer=False, is_writable=False),
            ]
        return metas

    def _is_perp(self, meta: AccountMeta) -> bool:
        return any(
            meta.pubkey in (info.address, info.oracle) for info in self.kairos.perp_markets.values()
        )

    # ---- instructions ----

    def place_order_ix(
        self,
        trader: Trader,
        market: Market,
        side: int,
        price: int,
        lots: int,
        *,
        order_type: int = LIMIT,
        client_order_id: int = 0,
        match_limit: int = MAX_MATCHES_PER_ORDER,
        health_accounts: list[AccountMeta] | None = None,
    ) -> Instruction:
        args = self.program.type["PlaceOrderArgs"](
            side=side,
            order_type=order_type,
            price=price,
            max_base_lots=lots,
            client_order_id=client_order_id,
            match_limit=match_limit,
        )
        if health_accounts is None:
            health_accounts = self.health_accounts_after_order(trader.margin, market)
        accounts = {
            "exchange": self.kairos.exchange.address,
            "margin_account": trader.margin,
            "owner": trader.owner.pubkey(),
            "perp_market": market.address,
            "orderbook": market.orderbook,
            "event_queue": market.event_queue,
            "oracle": market.oracle.address,
            "system_program": SYSTEM_PROGRAM_ID,
        }
        return self.program.instruction["place_order"](
            args, ctx=Context(accounts=accounts, remaining_accounts=health_accounts)
        )

    def place(
        self, trader: Trader, market: Market, side: int, price: int, lots: int, **kwargs: Any
    ) -> TransactionMetadata:
        return self.kairos.send(
            [self.place_order_ix(trader, market, side, price, lots, **kwargs)], [trader.owner]
        )

    def cancel_order_ix(
        self, trader: Trader, market: Market, order_id: int, is_client_id: bool = False
    ) -> Instruction:
        return self.program.instruction["cancel_order"](
            order_id, is_client_id, ctx=Context(accounts=self._owner_accounts(trader, market))
        )

    def cancel_all_ix(
        self, trader: Trader, market: Market, side_filter: int = BOTH_SIDES, limit: int = 16
    ) -> Instruction:
        return self.program.instruction["cancel_all_orders"](
            side_filter, limit, ctx=Context(accounts=self._owner_accounts(trader, market))
        )

    def _owner_accounts(self, trader: Trader, market: Market) -> dict[str, Pubkey]:
        return {
            "exchange": self.kairos.exchange.address,
            "margin_account": trader.margin,
            "owner": trader.owner.pubkey(),
            "perp_market": market.address,
            "orderbook": market.orderbook,
        }

    def consume_events_ix(
        self,
        market: Market,
        makers: list[Pubkey] | None = None,
        *,
        cranker: Pubkey | None = None,
        limit: int = 255,
    ) -> Instruction:
        if makers is None:
            makers = list(dict.fromkeys(event.maker for event in self.queued_events(market)))
        accounts = {
            "exchange": self.kairos.exchange.address,
            "perp_market": market.address,
            "event_queue": market.event_queue,
            "cranker": cranker or self.chain.payer.pubkey(),
        }
        remaining = [AccountMeta(maker, is_signer=False, is_writable=True) for maker in makers]
        return self.program.instruction["consume_events"](
            limit, ctx=Context(accounts=accounts, remaining_accounts=remaining)
        )

    def consume(self, market: Market, **kwargs: Any) -> TransactionMetadata:
        return self.kairos.send([self.consume_events_ix(market, **kwargs)], [self.chain.payer])

    def settle_pnl_ix(self, margin: Pubkey, market: Market) -> Instruction:
        accounts = {
            "exchange": self.kairos.exchange.address,
            "margin_account": margin,
            "perp_market": market.address,
            "oracle": market.oracle.address,
            "quote_asset": self.kairos.quote.address,
        }
        return self.program.instruction["settle_pnl"](ctx=Context(accounts=accounts))

    def settle(self, margin: Pubkey, market: Market) -> TransactionMetadata:
        return self.kairos.send([self.settle_pnl_ix(margin, market)], [self.chain.payer])

    def set_order_rules_ix(
        self,
        market: Market,
        fill_band_bps: int,
        rest_band_bps: int,
        min_rest_lots: int = 1,
        admin: Pubkey | None = None,
    ) -> Instruction:
        accounts = {
            "exchange": self.kairos.exchange.address,
            "admin": admin or self.kairos.exchange.admin.pubkey(),
            "perp_market": market.address,
        }
        return self.program.instruction["set_market_order_rules"](
            fill_band_bps, rest_band_bps, min_rest_lots, ctx=Context(accounts=accounts)
        )

    def set_order_rules(
        self, market: Market, fill_band_bps: int, rest_band_bps: int, min_rest_lots: int = 1
    ) -> TransactionMetadata:
        """set_market_order_rules by the exchange admin."""
        ix = self.set_order_rules_ix(market, fill_band_bps, rest_band_bps, min_rest_lots)
        return self.kairos.send([ix], [self.kairos.exchange.admin])

    def keeper_reward(self) -> int:
        return int(self.kairos.exchange_state().keeper_reward_lamports)


def event_names(chain: Chain, meta: TransactionMetadata) -> list[str]:
    return [event.name for event in chain.events(meta)]


def events_named(chain: Chain, meta: TransactionMetadata, name: str) -> list[Any]:
    return [event.data for event in chain.events(meta) if event.name == name]


@pytest.fixture()
def perp(kairos: Kairos) -> Perp:
    return Perp(kairos)


@pytest.fixture()
def market(perp: Perp) -> Market:
    created, _ = perp.create_market()
    return created
