"""The auction SDK (kairos.auctions) and CLI: ranking and slippage offline; every
instruction end to end on the session's localnet exchange, including a closed
provider's void bid and expire_auction after the grace."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from kairos import errors
from kairos.accounts import AccountNotFoundError, Auction, AuctionBid
from kairos.auctions import AuctionView, estimate_slippage, rank_bids
from kairos.constants import AUCTION_EXPIRY_GRACE_SLOTS, AuctionLapseReason, AuctionRest, Side
from kairos.events import (
    AuctionBidSubmitted,
    AuctionLapsed,
    AuctionOpened,
    AuctionSettled,
    events_of_type,
)
from kairos.math.orderbook import L2Level
from kairos.params import (
    CancelBidParams,
    CloseMarginAccountParams,
    ExpireAuctionParams,
    ImproveBidParams,
    OpenAuctionParams,
    PlaceOrderParams,
    RouteMarketOrderParams,
    SubmitBidParams,
    WithdrawParams,
)
from kairos.wallet import save_keypair
from kairos_cli.app import app
from solders.pubkey import Pubkey
from typer.testing import CliRunner

from ..conftest import Setup
from .test_client_e2e import PRICE_100, new_trader

TICK = 100


def auction(
    side: Side, bids: list[tuple[int, int, int]], size: int = 10, min_fill: int = 0
) -> Auction:
    keys = [Pubkey.new_unique() for _ in bids]
    live = [
        AuctionBid(key, price, lots, seq, 0)
        for key, (price, lots, seq) in zip(keys, bids, strict=True)
    ]
    empty = AuctionBid(Pubkey.default(), 0, 0, 0, 0)
    return Auction(
        market=Pubkey.default(),
        taker_margin_account=Pubkey.default(),
        taker_owner=Pubkey.default(),
        auction_id=0,
        size_lots=size,
        limit_price=200,
        min_fill_lots=min_fill,
        open_slot=0,
        deadline_slot=10,
        reward_lamports=0,
        next_bid_seq=len(bids),
        market_index=0,
        side=int(side),
        rest_action=0,
        bid_count=len(bids),
        bump=255,
        bids=tuple(live + [empty] * (8 - len(live))),
    )


def test_ranking_price_then_size_then_seq() -> None:
    buying = auction(Side.BID, [(105, 3, 0), (103, 4, 1), (105, 5, 2), (105, 5, 3)])
    assert [(b.price, b.base_lots, b.seq) for b in rank_bids(buying)] == [
        (103, 4, 1),
        (105, 5, 2),
        (105, 5, 3),
        (105, 3, 0),
    ]
    selling = auction(Side.ASK, [(95, 3, 0), (97, 1, 1)])
    assert [b.price for b in rank_bids(selling)] == [97, 95]


def test_view_fills_and_settlement_providers() -> None:
    view = AuctionView.of(
        Pubkey.new_unique(), auction(Side.BID, [(105, 3, 0), (103, 4, 1), (105, 5, 2), (108, 9, 3)])
    )
    assert [(bid.price, lots) for bid, lots in view.expected_fills()] == [
        (103, 4),
        (105, 5),
        (105, 1),
    ]
    assert view.average_price() == pytest.approx((4 * 103 + 6 * 105) / 10)
    assert len(view.settlement_providers()) == 3
    assert len(view.settlement_providers(extra=1)) == 4
    assert len(view.settlement_providers(extra=5)) == 4
    short = AuctionView.of(Pubkey.new_unique(), auction(Side.BID, [(103, 4, 0)], min_fill=5))
    assert short.expected_fills() == [] and short.average_price() is None


def test_slippage_estimate() -> None:
    asks = [L2Level(100, 10, 1), L2Level(110, 10, 1)]
    half = estimate_slippage(asks, Side.BID, 10)
    assert half.slippage_bps == 0 and half.average_price == 100
    full = estimate_slippage(asks, Side.BID, 20)
    assert full.average_price == 105 and full.slippage_bps == pytest.approx(500)
    assert estimate_slippage(asks, Side.BID, 21).slippage_bps == float("inf")
    bids = [L2Level(100, 10, 1), L2Level(90, 10, 1)]
    assert estimate_slippage(bids, Side.ASK, 20).slippage_bps == pytest.approx(500)
    assert estimate_slippage([], Side.ASK, 1).slippage_bps == float("inf")


async def test_auction_instructions_end_to_end(kairos_setup: Setup) -> None:
    taker = await new_trader(kairos_setup)
    first, second = await new_trader(kairos_setup), await new_trader(kairos_setup)
    market = kairos_setup.market_index
    limit = PRICE_100 + 20 * TICK
    async with taker, first, second:
        created = await taker.auctions.open(
            OpenAuctionParams(
                market, Side.BID, 50, limit, duration_slots=150, rest_action=AuctionRest.CANCEL
            )
        )
        signature = (await taker.send(created)).signature
        address = created.address
        [opened] = events_of_type(await taker.get_transaction_events(signature), AuctionOpened)
        assert opened.auction == address and opened.size_lots == 50
        with pytest.raises(errors.BidOutsideLimit):
            await first.send(first.auctions.submit_bid(SubmitBidParams(address, limit + TICK, 10)))
        signature = (
            await first.send(
                first.auctions.submit_bid(SubmitBidParams(address, PRICE_100 + 10 * TICK, 30))
            )
        ).signature
        [bid] = events_of_type(await first.get_transaction_events(signature), AuctionBidSubmitted)
        assert bid.provider == first.margin_account_address()
        await second.send(
            second.auctions.submit_bid(SubmitBidParams(address, PRICE_100 + 12 * TICK, 40))
        )
        await second.send(
            second.auctions.improve_bid(ImproveBidParams(address, PRICE_100 + 8 * TICK, 40))
        )
        with pytest.raises(errors.BidNotImproved):
            await second.send(
                second.auctions.improve_bid(ImproveBidParams(address, PRICE_100 + 9 * TICK, 40))
            )
        view = await taker.auctions.view(address)
        assert [b.provider for b in view.bids] == [
            second.margin_account_address(),
            first.margin_account_address(),
        ]
        assert any(v.address == address for v in await taker.auctions.list(market))
        third = await new_trader(kairos_setup)
        async with third:
            await third.send(
                third.auctions.submit_bid(SubmitBidParams(address, PRICE_100 + 9 * TICK, 5))
            )
            await third.send(third.auctions.cancel_bid(CancelBidParams(address)))
        with pytest.raises(errors.AuctionNotEnded):
            await first.auctions.send_settlement(address)
        # The taker accepts before the deadline.
        signature = (await taker.auctions.send_settlement(address)).signature
        [settled] = events_of_type(await taker.get_transaction_events(signature), AuctionSettled)
        assert settled.accepted_early == 1 and settled.filled_lots == 50
        assert settled.filled_quote == 40 * (PRICE_100 + 8 * TICK) + 10 * (PRICE_100 + 10 * TICK)
        position = (await taker.get_margin_account()).perp_position(market)
        assert position is not None and position.base_lots == 50 and position.bids_base_lots == 0


async def test_routing_small_order_goes_to_the_book(kairos_setup: Setup) -> None:
    maker, taker = await new_trader(kairos_setup), await new_trader(kairos_setup)
    market = kairos_setup.market_index
    async with maker, taker:
        await maker.send(
            maker.orders.place(PlaceOrderParams(market, Side.ASK, PRICE_100 + 50 * TICK, 5))
        )
        decision = await taker.auctions.route_market_order(
            RouteMarketOrderParams(market, Side.BID, 1, PRICE_100 + 60 * TICK, threshold_bps=10)
        )
        assert decision.venue == "book" and decision.estimate.slippage_bps == 0
        routed = await taker.auctions.route_market_order(
            RouteMarketOrderParams(
                market, Side.BID, 10_000, PRICE_100 + 60 * TICK, threshold_bps=10
            )
        )
        assert routed.venue == "auction" and routed.auction is not None
        # The book could not fill it all: infinite estimated slippage.
        assert routed.estimate.slippage_bps == float("inf")


def test_cli_auction_commands(kairos_setup: Setup, tmp_path: Path) -> None:
    async def make_trader() -> Any:
        trader = await new_trader(kairos_setup)
        async with trader:
            return trader.wallet

    taker_file = save_keypair(asyncio.run(make_trader()), tmp_path / "taker.json")
    maker_file = save_keypair(asyncio.run(make_trader()), tmp_path / "maker.json")
    runner = CliRunner()

    def run(keypair: Path, *args: str) -> Any:
        base = [
            "--url",
            kairos_setup.cluster.rpc_url,
            "--keypair",
            str(keypair),
            "--config",
            str(tmp_path / "none.toml"),
            "--json",
        ]
        result = runner.invoke(app, [*base, *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    opened = run(
        taker_file,
        "auction",
        "open",
        "SOL-PERP",
        "buy",
        "0.3",
        "--price",
        "101",
        "--duration",
        "150",
        "--rest",
        "book",
    )
    address = opened["auction"]
    run(maker_file, "auction", "bid", address, "0.2", "--price", "100.5")
    run(maker_file, "auction", "improve", address, "0.2", "--price", "100.4")
    [shown] = run(taker_file, "auction", "show", address)
    assert shown["size_lots"] == 30 and shown["rest"] == "book"
    assert shown["expirable_from_slot"] == shown["deadline_slot"] + AUCTION_EXPIRY_GRACE_SLOTS
    assert [(b["price"], b["base_lots"]) for b in shown["bids"]] == [(1_004_000, 20)]
    run(maker_file, "auction", "cancel-bid", address)
    run(maker_file, "auction", "bid", address, "0.2", "--price", "100.5")
    settled = run(taker_file, "auction", "settle", address)
    names = [event["event"] for event in settled["events"]]
    assert "AuctionSettled" in names and "AuctionFilled" in names


async def test_settle_adds_the_next_provider_when_one_is_skipped(kairos_setup: Setup) -> None:
    taker = await new_trader(kairos_setup)
    weak, strong = await new_trader(kairos_setup), await new_trader(kairos_setup)
    market = kairos_setup.market_index
    async with taker, weak, strong:
        created = await taker.auctions.open(
            OpenAuctionParams(market, Side.BID, 100, PRICE_100 + 50 * TICK, duration_slots=10)
        )
        await taker.send(created)
        address = created.address
        await weak.send(
            weak.auctions.submit_bid(SubmitBidParams(address, PRICE_100 + 1 * TICK, 100))
        )
        await strong.send(
            strong.auctions.submit_bid(SubmitBidParams(address, PRICE_100 + 5 * TICK, 100))
        )
        # The bid binds nothing: the weak provider withdraws what backed it.
        await weak.send(
            weak.margin.withdraw(WithdrawParams(kairos_setup.quote_mint, 10_000 * 10**6 - 10**6))
        )
        view = await strong.auctions.view(address)
        while (await strong.connection.get_slot()).value < view.auction.deadline_slot:
            await asyncio.sleep(0.05)
        signature = (await strong.auctions.send_settlement(address)).signature
        events = await strong.get_transaction_events(signature)
        [settled] = events_of_type(events, AuctionSettled)
        assert settled.filled_lots == 100
        assert settled.filled_quote == 100 * (PRICE_100 + 5 * TICK)
        assert [e.provider for e in events if type(e).__name__ == "AuctionBidSkipped"] == [
            weak.margin_account_address()
        ]


async def _wait_for_slot(client: Any, slot: int) -> None:
    while await client.get_slot() < slot:
        await asyncio.sleep(0.05)


async def test_settle_voids_a_closed_provider_and_expire_after_the_grace(
    kairos_setup: Setup,
) -> None:
    taker = await new_trader(kairos_setup)
    gone, live = await new_trader(kairos_setup), await new_trader(kairos_setup)
    market = kairos_setup.market_index
    async with taker, gone, live:
        created = await taker.auctions.open(
            OpenAuctionParams(market, Side.BID, 100, PRICE_100 + 50 * TICK, duration_slots=10)
        )
        await taker.send(created)
        address = created.address
        await gone.send(
            gone.auctions.submit_bid(SubmitBidParams(address, PRICE_100 + 1 * TICK, 100))
        )
        await live.send(
            live.auctions.submit_bid(SubmitBidParams(address, PRICE_100 + 5 * TICK, 100))
        )
        # The best bidder leaves: its bid must not block the settlement.
        await gone.send(
            gone.margin.withdraw(WithdrawParams(kairos_setup.quote_mint, 10_000 * 10**6))
        )
        await gone.send(gone.margin.close(CloseMarginAccountParams()))
        view = await live.auctions.view(address)
        await _wait_for_slot(live, view.auction.deadline_slot)
        signature = (await live.auctions.send_settlement(address)).signature
        events = await live.get_transaction_events(signature)
        [settled] = events_of_type(events, AuctionSettled)
        assert settled.filled_lots == 100
        assert [e.provider for e in events if type(e).__name__ == "AuctionBidSkipped"] == [
            gone.margin_account_address()
        ]

        # An auction nobody settles: expire_auction only after the grace.
        created = await taker.auctions.open(
            OpenAuctionParams(market, Side.BID, 10, PRICE_100 + 50 * TICK, duration_slots=30)
        )
        await taker.send(created)
        second = created.address
        await live.send(live.auctions.submit_bid(SubmitBidParams(second, PRICE_100 + 5 * TICK, 10)))
        deadline = (await taker.auctions.view(second)).auction.deadline_slot
        with pytest.raises(errors.AuctionNotExpired):
            await live.send(live.auctions.expire(ExpireAuctionParams(second)))
        kairos_setup.cluster.warp_slot(deadline + AUCTION_EXPIRY_GRACE_SLOTS)
        signature = (await live.send(live.auctions.expire(ExpireAuctionParams(second)))).signature
        [lapsed] = events_of_type(await live.get_transaction_events(signature), AuctionLapsed)
        assert (lapsed.auction, lapsed.voided_bids, lapsed.expirer) == (
            second,
            1,
            live.wallet.pubkey(),
        )
        assert lapsed.reason == AuctionLapseReason.PAST_GRACE
        position = (await taker.get_margin_account()).perp_position(market)
        assert position is not None and position.bids_base_lots == 0
        # Gone: the SDK says so before sending anything.
        with pytest.raises(AccountNotFoundError):
            await live.send(live.auctions.expire(ExpireAuctionParams(second)))


def test_cli_auction_expire(kairos_setup: Setup, tmp_path: Path) -> None:
    async def open_one() -> tuple[Any, Pubkey, int]:
        trader = await new_trader(kairos_setup)
        async with trader:
            created = await trader.auctions.open(
                OpenAuctionParams(
                    kairos_setup.market_index, Side.BID, 10, PRICE_100 + 50 * TICK, duration_slots=1
                )
            )
            await trader.send(created)
            address = created.address
            view = await trader.auctions.view(address)
            return trader.wallet, address, view.auction.deadline_slot

    wallet, address, deadline = asyncio.run(open_one())
    keypair = save_keypair(wallet, tmp_path / "expirer.json")
    base = ["--url", kairos_setup.cluster.rpc_url, "--keypair", str(keypair)]
    base += ["--config", str(tmp_path / "none.toml"), "--json"]
    runner = CliRunner()
    early = runner.invoke(app, [*base, "auction", "expire", str(address)])
    assert early.exit_code != 0 and "AuctionNotExpired" in early.output
    kairos_setup.cluster.warp_slot(deadline + AUCTION_EXPIRY_GRACE_SLOTS)
    result = runner.invoke(app, [*base, "auction", "expire", str(address)])
    assert result.exit_code == 0, result.output
    names = [event["event"] for event in json.loads(result.output)["events"]]
    assert names == ["AuctionLapsed"]
