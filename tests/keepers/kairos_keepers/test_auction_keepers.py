"""The auction keeper and two competing jit-makers, end to end on the localnet.

A taker's 150-lot market order against a thin book is routed by the SDK into an
auction; the two bots bid and outbid each other; the auction keeper settles
within one slot of the deadline; the taker pays less than on the book. An
auction the program refuses to settle is reported as unsettleable (not as a
lost race) and expired after the grace.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from kairos.params import OpenAuctionParams, SetInstructionGateParams, SubmitBidParams
from kairos_keepers.testing.auction_demo import TAKER_LOTS, run_demo
from kairos_localnet.testing import start_cluster
from kairos_toolchain.build import build_program
from solders.keypair import Keypair

ROOT = Path(__file__).resolve().parents[3]


def test_two_jit_makers_compete_and_the_keeper_settles_on_time() -> None:
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=400) as cluster:
        result = asyncio.run(run_demo(cluster.rpc_url, cluster.ws_url))
    assert result.decision.venue == "auction"
    assert result.decision.estimate.slippage_bps > 10
    assert result.settled.filled_lots == TAKER_LOTS
    providers = {fill.provider for fill in result.auction_fills}
    assert len(providers) == 2  # both bots won a share: a real competition
    # The bots outbid each other below their first quotes (20 and 15 bps).
    assert min(fill.price for fill in result.auction_fills) < 1_001_500
    assert 0 <= result.settle_delay_slots <= 1
    assert result.auction_average_price < result.book_average_price
    assert result.book_average_price == result.book_estimated_average


async def _race(rpc_url: str, ws_url: str) -> tuple[list[int], list[int]]:
    """Two auction keepers on one auction: (settlements per keeper, exit codes)."""
    from kairos.constants import Side
    from kairos_keepers.keepers.auction import AuctionKeeper
    from kairos_keepers.lifecycle import KeeperRuntime
    from kairos_keepers.testing import auction_demo as demo

    exchange = await demo.set_up_exchange(rpc_url, ws_url)
    taker, provider = await demo.new_trader(exchange), await demo.new_trader(exchange)
    settlers = [Keypair(), Keypair()]
    async with exchange.client() as admin:
        for settler in settlers:
            await admin.tokens.airdrop(10**9, settler.pubkey())
    limit = demo.bps_above(demo.PRICE_PER_LOT, 50)
    async with exchange.client(taker) as client:
        created = await client.auctions.open(
            OpenAuctionParams(exchange.market_index, Side.BID, 10, limit, duration_slots=4)
        )
        await client.send(created)
        address = created.address
    async with exchange.client(provider) as client:
        await client.send(
            client.auctions.submit_bid(
                SubmitBidParams(address, demo.bps_above(demo.PRICE_PER_LOT, 10), 10)
            )
        )
    config = demo.keeper_config(exchange)
    runtimes = [
        KeeperRuntime(AuctionKeeper, config, payer=settler, install_signal_handlers=False)
        for settler in settlers
    ]
    tasks = [asyncio.create_task(runtime.run()) for runtime in runtimes]
    async with exchange.client() as admin:
        while (await admin.connection.get_account_info(address)).value is not None:
            await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)  # the other keeper's attempt, outcompeted, finishes
    for runtime in runtimes:
        runtime.request_stop("test over")
    codes = list(await asyncio.gather(*tasks))
    settled = [
        runtime.keeper.settled if isinstance(runtime.keeper, AuctionKeeper) else -1
        for runtime in runtimes
    ]
    return settled, codes


def test_two_auction_keepers_race_and_exactly_one_settles() -> None:
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=400) as cluster:
        settled, codes = asyncio.run(_race(cluster.rpc_url, cluster.ws_url))
    assert sorted(settled) == [0, 1]
    assert codes == [0, 0]


async def _unsettleable(cluster: Any) -> dict[str, Any]:
    """An auction whose settlement the program refuses (settle_auction halted by
    the admin's gate): the keeper reports it and expires it after the grace."""
    from kairos.constants import AUCTION_EXPIRY_GRACE_SLOTS, Side
    from kairos.events import AuctionLapsed, events_of_type
    from kairos.program import load_idl
    from kairos_keepers.keepers.auction import AuctionKeeper
    from kairos_keepers.lifecycle import KeeperRuntime
    from kairos_keepers.testing import auction_demo as demo
    from pyheck import snake

    exchange = await demo.set_up_exchange(cluster.rpc_url, cluster.ws_url)
    taker, provider = await demo.new_trader(exchange), await demo.new_trader(exchange)
    settler = Keypair()
    async with exchange.client() as admin:
        await admin.tokens.airdrop(10**9, settler.pubkey())
    limit = demo.bps_above(demo.PRICE_PER_LOT, 50)
    async with exchange.client(taker) as client:
        created = await client.auctions.open(
            OpenAuctionParams(exchange.market_index, Side.BID, 10, limit, duration_slots=4)
        )
        await client.send(created)
        address = created.address
        deadline = (await client.auctions.view(address)).auction.deadline_slot
    async with exchange.client(provider) as client:
        await client.send(
            client.auctions.submit_bid(
                SubmitBidParams(address, demo.bps_above(demo.PRICE_PER_LOT, 10), 10)
            )
        )
    names = [snake(instruction.name) for instruction in load_idl().instructions]
    async with exchange.client() as admin:
        await admin.send(
            admin.admin.set_instruction_gate(
                SetInstructionGateParams(1 << names.index("settle_auction"))
            )
        )

    runtime = KeeperRuntime(
        AuctionKeeper, demo.keeper_config(exchange), payer=settler, install_signal_handlers=False
    )
    task = asyncio.create_task(runtime.run())
    try:
        async with asyncio.timeout(30):
            while not (
                isinstance(runtime.keeper, AuctionKeeper) and address in runtime.keeper.unsettleable
            ):
                await asyncio.sleep(0.05)
        keeper = runtime.keeper
        assert isinstance(keeper, AuctionKeeper)
        await asyncio.sleep(1.0)  # more ticks: still one report, still open
        reported = runtime.metrics.value(
            "kairos_keeper_auction_unsettleable_total", error="InstructionHalted"
        )
        async with exchange.client() as admin:
            still_open = (await admin.connection.get_account_info(address)).value is not None
        cluster.warp_slot(deadline + AUCTION_EXPIRY_GRACE_SLOTS)
        async with asyncio.timeout(30):
            while keeper.expired == 0:
                await asyncio.sleep(0.05)
        async with exchange.client(taker) as client:
            position = (await client.get_margin_account()).perp_position(exchange.market_index)
            history = await client.connection.get_signatures_for_address(address)
            lapsed = [
                event
                for entry in history.value
                for event in events_of_type(
                    await client.get_transaction_events(entry.signature), AuctionLapsed
                )
            ]
    finally:
        runtime.request_stop("test over")
        code = await task
    return {
        "reported": reported,
        "still_open": still_open,
        "expired_total": runtime.metrics.value("kairos_keeper_auction_expired_total"),
        "settle_outcompeted": runtime.metrics.value(
            "kairos_keeper_actions_outcompeted_total", action="settle_auction"
        ),
        "settled": keeper.settled,
        "reserved": 0 if position is None else position.bids_base_lots,
        "lapsed": lapsed,
        "expirer": settler.pubkey(),
        "code": code,
    }


def test_keeper_reports_an_unsettleable_auction_and_expires_it() -> None:
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=400) as cluster:
        result = asyncio.run(_unsettleable(cluster))
    # Reported once as unsettleable, never as a lost race.
    assert result["reported"] == 1
    assert result["settle_outcompeted"] == 0
    assert result["still_open"]
    # Expired after the grace: the taker's reservation is released.
    assert result["expired_total"] == 1 and result["settled"] == 0
    assert result["reserved"] == 0
    [lapsed] = result["lapsed"]
    assert lapsed.expirer == result["expirer"] and lapsed.voided_bids == 1
    assert result["code"] == 0
