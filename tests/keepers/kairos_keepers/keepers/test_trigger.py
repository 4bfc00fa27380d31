"""The ``trigger`` keeper: its mirror of the program's checks, and end to end on the localnet.

One cluster (short slots) and one exchange for the module: SOL-PERP at 1,000,000
quote native per lot with bids below and asks above. Every scenario starts with
the oracle back at 1,000,000 and creates its own traders and trigger orders.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import io
import json
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from kairos.accounts import MarginAccount, PerpPosition, TriggerOrder
from kairos.constants import OrderType, Side, TrailingMode, TriggerCondition, TriggerKind
from kairos.params import CancelTriggerOrderParams, OcoParams, PlaceOrderParams
from kairos_keepers.config import KeeperConfig
from kairos_keepers.keepers.trigger import (
    TRIGGER_NOT_READY,
    TRIGGER_ORDER_NOT_ACTIVE,
    Decision,
    TriggerKeeper,
    TriggerSettings,
    evaluate,
    improved_trailing_stop,
    trailing_stop_price,
)
from kairos_keepers.lifecycle import KeeperRuntime
from kairos_keepers.registry import get_keeper
from kairos_keepers.sender import SendStatus
from kairos_keepers.sharding import shard_of
from kairos_keepers.testing.auction_demo import PRICE_PER_LOT, TICK, DemoExchange, new_trader
from kairos_keepers.testing.faultproxy import FaultProxy, Faults
from kairos_keepers.testing.harness import wait_for
from kairos_keepers.testing.timed_orders import chain_time, warp_seconds
from kairos_keepers.testing.trigger_demo import (
    create_trailing_sell_stop,
    create_trigger,
    running_trigger_keepers,
    set_lot_price,
    set_up_trigger_exchange,
    trigger_keeper_config,
    trigger_live,
)
from kairos_localnet.testing import Cluster, start_cluster
from kairos_toolchain.build import build_program
from solders.keypair import Keypair
from solders.pubkey import Pubkey

ROOT = Path(__file__).resolve().parents[4]
SLOT_MS = 100
SETTLE_SECONDS = 0.4
EXPIRY_SECONDS = 30
SCENARIO_TIMEOUT_SECONDS = 90
SLOW_POLL_SECONDS = 2.0  # a few slots: long enough for a keeper to act if it were going to


# --- the mirror of the program's checks (no cluster) -----------------------------------


def make_trigger(**changes: object) -> TriggerOrder:
    fields: dict[str, object] = {
        "margin_account": Pubkey.new_unique(),
        "owner": Pubkey.new_unique(),
        "market": Pubkey.new_unique(),
        "linked_trigger": Pubkey.default(),
        "id": 0,
        "trigger_price": 990_000,
        "limit_price": 0,
        "max_base_lots": 1,
        "client_order_id": 0,
        "trailing_offset": 0,
        "trailing_reference_price": 0,
        "keeper_reward_lamports": 5_000,
        "expiry_timestamp": 0,
        "created_slot": 0,
        "market_index": 0,
        "max_oracle_deviation_bps": 500,
        "side": int(Side.ASK),
        "kind": int(TriggerKind.STOP_MARKET),
        "condition": int(TriggerCondition.BELOW),
        "reduce_only": False,
        "trailing_mode": int(TrailingMode.NONE),
        "match_limit": 8,
        "bump": 255,
    }
    fields.update(changes)
    return TriggerOrder(**fields)  # type: ignore[arg-type]


def margin_with(base_lots: int) -> MarginAccount:
    position = PerpPosition(active=1, market_index=0, base_lots=base_lots)
    margin = MarginAccount.__new__(MarginAccount)
    object.__setattr__(margin, "perp_positions", [position])
    return margin


def decide(trigger: TriggerOrder, price: int | None) -> Decision:
    return evaluate(trigger, price=price, tick_size=TICK, margin=None, unix_timestamp=0)


def test_condition_boundaries_match_the_program() -> None:
    below = make_trigger()
    above = make_trigger(condition=int(TriggerCondition.ABOVE), side=int(Side.BID))
    assert decide(below, 990_000).action == "trigger"  # at the price: fires (<=)
    assert decide(below, 990_001).action == ""
    assert decide(above, 990_000).action == "trigger"  # at the price: fires (>=)
    assert decide(above, 989_999).action == ""
    assert decide(below, None).action == ""  # no usable oracle: the program would refuse


def test_expiry_comes_first_and_reduce_only_needs_a_position() -> None:
    expiring = make_trigger(expiry_timestamp=1_000)
    assert (
        evaluate(expiring, price=None, tick_size=TICK, margin=None, unix_timestamp=1_000).action
        == "expire"
    )
    assert (
        evaluate(expiring, price=None, tick_size=TICK, margin=None, unix_timestamp=999).action == ""
    )
    reduce_sell = make_trigger(reduce_only=True)
    for lots, action in ((0, ""), (-3, ""), (2, "trigger")):
        decision = evaluate(
            reduce_sell, price=900_000, tick_size=TICK, margin=margin_with(lots), unix_timestamp=0
        )
        assert decision.action == action, lots
    assert (
        evaluate(reduce_sell, price=900_000, tick_size=TICK, margin=None, unix_timestamp=0).action
        == ""
    )


def test_trailing_stop_rounding_matches_the_program() -> None:
    sell_bps = make_trigger(trailing_mode=int(TrailingMode.BPS), trailing_offset=33)
    buy_bps = make_trigger(
        trailing_mode=int(TrailingMode.BPS),
        trailing_offset=33,
        condition=int(TriggerCondition.ABOVE),
        side=int(Side.BID),
        trigger_price=1_100_000,
    )
    # 1,000,001 × 33 / 10,000 = 3,300.0033: a sell stop's distance rounds up, a buy's down.
    assert trailing_stop_price(sell_bps, TICK, 1_000_001) == 1_000_001 - 3_301
    assert trailing_stop_price(buy_bps, TICK, 1_000_001) == 1_000_001 + 3_300
    ticks = make_trigger(trailing_mode=int(TrailingMode.TICKS), trailing_offset=7)
    assert trailing_stop_price(ticks, TICK, 1_000_000) == 999_300
    assert trailing_stop_price(ticks, TICK, 500) == 0  # floored at zero: never fires
    assert trailing_stop_price(buy_bps, TICK, 2**64 - 10) is None  # the program's MathOverflow
    # Only a stop that moves towards the oracle is an update, and only strictly.
    assert improved_trailing_stop(ticks, TICK, 990_600) is None  # 989,300: lower than 990,000
    assert improved_trailing_stop(ticks, TICK, 990_700) is None  # 990,000: not strictly higher
    assert improved_trailing_stop(ticks, TICK, 990_800) == 990_100
    assert improved_trailing_stop(ticks, TICK, 1_000_000) == 999_300
    assert (
        improved_trailing_stop(make_trigger(trigger_price=999_300, **_ticks7()), TICK, 1_000_000)
        is None
    )
    assert improved_trailing_stop(buy_bps, TICK, 1_000_001) == 1_003_301
    assert improved_trailing_stop(make_trigger(), TICK, 2_000_000) is None  # not trailing
    # A trailing stop that already fires is triggered, not ratcheted.
    assert (
        evaluate(ticks, price=989_000, tick_size=TICK, margin=None, unix_timestamp=0).action
        == "trigger"
    )
    assert (
        evaluate(ticks, price=1_000_000, tick_size=TICK, margin=None, unix_timestamp=0).stop
        == 999_300
    )


def _ticks7() -> dict[str, int]:
    return {"trailing_mode": int(TrailingMode.TICKS), "trailing_offset": 7}


def test_registered_with_the_programs_outcompeted_codes() -> None:
    assert get_keeper("trigger") is TriggerKeeper
    assert {TRIGGER_NOT_READY, TRIGGER_ORDER_NOT_ACTIVE} <= TriggerKeeper.outcompeted_codes


def test_a_landed_ratchet_is_asked_again_only_after_a_later_view_disagrees() -> None:
    """The keeper's memory of a requested stop ends with a view from after it landed.

    A ratchet reported landed that the chain does not show (a duplicate transaction
    answered with the first one's status) must not block that ratchet for good.
    """
    config = KeeperConfig(rpc_url="http://127.0.0.1:9", metrics_enabled=False)
    runtime = KeeperRuntime(
        TriggerKeeper, config, TriggerSettings(), payer=Keypair(), install_signal_handlers=False
    )
    keeper = TriggerKeeper(runtime)
    key = Pubkey.new_unique()
    trailing = make_trigger(trigger_price=1_010_000, **_ticks7())
    keeper._store_trigger(key, trailing.encode(), 10)
    keeper.requested_stops[key] = 1_019_300  # asked at 1,020,000; landed in slot 12
    keeper.requested_landed[key] = 12
    keeper._store_trigger(key, trailing.encode(), 12)  # slot 12 may predate the landing
    assert keeper.requested_stops[key] == 1_019_300
    keeper._store_trigger(key, trailing.encode(), 13)  # after it: the chain's stop is 1,010,000
    assert key not in keeper.requested_stops and key not in keeper.requested_landed
    # A view older than the one held (a resync answered after a notification) is ignored.
    ratcheted = make_trigger(trigger_price=1_019_300, **_ticks7())
    keeper._store_trigger(key, ratcheted.encode(), 14)
    keeper._store_trigger(key, trailing.encode(), 13)
    assert keeper.triggers[key].trigger_price == 1_019_300


# --- end to end --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=SLOT_MS) as running:
        yield running


@pytest.fixture(scope="module")
def exchange(cluster: Cluster) -> DemoExchange:
    created, _ = asyncio.run(set_up_trigger_exchange(cluster.rpc_url, cluster.ws_url))
    return created


class Traders:
    """The traders of one test; trigger orders of theirs still live at its end are cancelled.

    Every keeper watches every trigger order of the exchange: one left by a failed
    test (a trailing stop that never fired) would fire in the next test's keeper.
    """

    def __init__(self, exchange: DemoExchange) -> None:
        self.exchange = exchange
        self.made: list[Keypair] = []

    async def new(self) -> Keypair:
        """A funded trader with a margin account, cleaned up after the test."""
        trader = await new_trader(self.exchange)
        self.made.append(trader)
        return trader

    async def cancel_live_triggers(self) -> int:
        """Cancel every live trigger order of these traders; how many were live."""
        cancelled = 0
        for trader in self.made:
            async with self.exchange.client(trader) as client:
                # One at a time: cancelling an OCO leg closes its partner too.
                while live := await client.triggers.list():
                    await client.send(client.triggers.cancel(CancelTriggerOrderParams(live[0][0])))
                    cancelled += 1
        return cancelled


@pytest.fixture
def traders(exchange: DemoExchange) -> Iterator[Traders]:
    made = Traders(exchange)
    yield made
    asyncio.run(made.cancel_live_triggers())


def counter(keeper: TriggerKeeper, name: str, outcome: str) -> float:
    return keeper.metrics.total(f"kairos_keeper_trigger_{name}_total", outcome=outcome)


async def position_lots(exchange: DemoExchange, trader: Keypair) -> int:
    async with exchange.client(trader) as client:
        position = (await client.get_margin_account()).perp_position(exchange.market_index)
    return 0 if position is None else position.base_lots


def test_stop_loss_market_fires_within_one_slot_and_not_before(
    exchange: DemoExchange, traders: Traders
) -> None:
    async def scenario() -> None:
        await set_lot_price(exchange, PRICE_PER_LOT)
        trader = await traders.new()
        async with exchange.client(trader) as client:
            await client.send(
                client.orders.place(
                    PlaceOrderParams(
                        exchange.market_index,
                        Side.BID,
                        PRICE_PER_LOT + 2_000,
                        2,
                        order_type=OrderType.MARKET,
                    )
                )
            )
        assert await position_lots(exchange, trader) == 2
        stop = await create_trigger(
            exchange, trader, TriggerKind.STOP_MARKET, Side.ASK, 990_000, 2, reduce_only=True
        )
        # A slow housekeeping tick: the reaction to the oracle must not wait for it.
        config = trigger_keeper_config(exchange, poll_interval=SLOW_POLL_SECONDS)
        async with running_trigger_keepers(exchange, [config]) as running:
            [keeper] = running.keepers()
            await wait_for(partial(_watching, keeper, stop))
            await set_lot_price(exchange, 990_100)  # one tick short of the stop
            await asyncio.sleep(SETTLE_SECONDS)
            assert await trigger_live(exchange, stop)
            assert counter(keeper, "triggers", "attempted") == 0  # evaluated locally: no spam
            eligible = await set_lot_price(exchange, 990_000)  # at the stop: fires
            await wait_for(partial(_not_live, exchange, stop))
            await wait_for(partial(_landed, keeper, 1))
            [record] = keeper.landed
            assert record.trigger_order == stop and record.eligible_slot == eligible
            assert record.landed_slot - eligible <= 1, (eligible, record)
            assert counter(keeper, "triggers", "landed") == 1
            assert counter(keeper, "triggers", "failed") == 0
            assert keeper.metrics.total("kairos_keeper_trigger_latency_slots_count") == 1
            calls = keeper.rpc_calls_per_trigger()
            assert calls is not None and calls > 0
        assert await position_lots(exchange, trader) == 0  # the stop closed the long

    run(scenario())


def test_take_profit_limit_rests_its_order_when_the_oracle_reaches_it(
    exchange: DemoExchange, traders: Traders
) -> None:
    async def scenario() -> None:
        await set_lot_price(exchange, PRICE_PER_LOT)
        trader = await traders.new()
        take_profit = await create_trigger(
            exchange,
            trader,
            TriggerKind.TAKE_PROFIT_LIMIT,
            Side.ASK,
            1_020_000,
            3,
            limit_price=1_030_000,
        )
        async with running_trigger_keepers(exchange, [trigger_keeper_config(exchange)]) as running:
            [keeper] = running.keepers()
            await wait_for(partial(_watching, keeper, take_profit))
            await set_lot_price(exchange, 1_019_900)
            await asyncio.sleep(SETTLE_SECONDS)
            assert await trigger_live(exchange, take_profit)
            eligible = await set_lot_price(exchange, 1_020_000)
            await wait_for(partial(_landed, keeper, 1))
            [record] = keeper.landed
            assert record.landed_slot - eligible <= 1
            assert list(keeper.outcomes) == [("trigger_order", take_profit, SendStatus.LANDED)]
        assert not await trigger_live(exchange, take_profit)
        async with exchange.client(trader) as client:
            margin = await client.get_margin_account()
        position = margin.perp_position(exchange.market_index)
        # The limit ask rests above the book (nothing filled): 3 lots on the ask side.
        assert position is not None and position.base_lots == 0 and position.asks_base_lots == 3

    run(scenario())


def test_trailing_stop_ratchets_once_per_move_then_triggers(
    exchange: DemoExchange, traders: Traders
) -> None:
    """Two ratchets, a dip, then the trigger.

    Both ratchets are the same update_trailing_stop instruction and often land in one
    100 ms slot: the sender must make the second a transaction of its own (same bytes
    would be the first one's signature, dropped as already processed).
    """

    async def scenario() -> None:
        await set_lot_price(exchange, PRICE_PER_LOT)
        trader = await traders.new()
        trailing = await create_trailing_sell_stop(exchange, trader, 990_000, offset_ticks=100)
        async with exchange.client(trader) as client:
            state = await client.triggers.get(trailing)
        assert state is not None and state.trigger_price == 990_000

        async def stop_price() -> int:
            async with exchange.client(trader) as client:
                found = await client.triggers.get(trailing)
            assert found is not None
            return found.trigger_price

        async with running_trigger_keepers(exchange, [trigger_keeper_config(exchange)]) as running:
            [keeper] = running.keepers()
            await wait_for(partial(_watching, keeper, trailing))
            await set_lot_price(exchange, 1_020_000)  # stop 100 ticks below: 1,010,000
            await wait_for(partial(_is, stop_price, 1_010_000))
            await set_lot_price(exchange, 1_030_000)  # 1,020,000
            await wait_for(partial(_is, stop_price, 1_020_000))
            await set_lot_price(exchange, 1_025_000)  # a dip: the stop stays, nothing fires
            await asyncio.sleep(SETTLE_SECONDS)
            assert await stop_price() == 1_020_000
            assert counter(keeper, "trailing_updates", "attempted") == 2  # one per move
            assert counter(keeper, "trailing_updates", "landed") == 2
            assert [stop for _, stop, _ in keeper.trailing_landed] == [1_010_000, 1_020_000]
            eligible = await set_lot_price(exchange, 1_019_000)  # below the ratcheted stop
            await wait_for(partial(_landed, keeper, 1))
            assert keeper.landed[0].landed_slot - eligible <= 1
        assert not await trigger_live(exchange, trailing)
        assert await position_lots(exchange, trader) == -1  # it sold one lot into the bids

    run(scenario())


def test_oco_pair_both_eligible_fires_one_leg_and_sends_one_transaction(
    exchange: DemoExchange, traders: Traders
) -> None:
    async def scenario() -> None:
        await set_lot_price(exchange, PRICE_PER_LOT)
        trader = await traders.new()
        async with running_trigger_keepers(exchange, [trigger_keeper_config(exchange)]) as running:
            [keeper] = running.keepers()
            async with exchange.client(trader) as client:
                # Sell legs that both hold at 1,000,000: take-profit at/above 990,000,
                # stop at/below 1,010,000; both rest a limit ask far above the book.
                legs, (take_profit, stop) = await client.triggers.oco(
                    OcoParams(
                        exchange.market_index,
                        Side.ASK,
                        1,
                        take_profit_price=990_000,
                        stop_price=1_010_000,
                        take_profit_limit=1_100_000,
                        stop_limit=1_100_000,
                        reduce_only=False,
                    )
                )
                await client.send(legs)
            await wait_for(partial(_not_live, exchange, take_profit))
            await wait_for(partial(_not_live, exchange, stop))
            await wait_for(partial(_settled, [keeper]))
            await asyncio.sleep(SETTLE_SECONDS)
            assert len(keeper.landed) == 1 and keeper.landed[0].trigger_order in (take_profit, stop)
            assert counter(keeper, "triggers", "attempted") == 1  # not both legs
            assert take_profit not in keeper.triggers and stop not in keeper.triggers
        async with exchange.client(trader) as client:
            margin = await client.get_margin_account()
        position = margin.perp_position(exchange.market_index)
        assert position is not None and position.asks_base_lots == 1  # one order placed

    run(scenario())


def test_bps_trailing_stop_lands_exactly_the_stop_the_mirror_computes(
    exchange: DemoExchange, traders: Traders
) -> None:
    async def scenario() -> None:
        await set_lot_price(exchange, PRICE_PER_LOT)
        trader = await traders.new()
        trailing = await create_trigger(
            exchange,
            trader,
            TriggerKind.STOP_MARKET,
            Side.ASK,
            996_700,  # 33 bps under 1,000,000: no update until the oracle rises
            trailing_mode=TrailingMode.BPS,
            trailing_offset=33,
        )
        async with running_trigger_keepers(exchange, [trigger_keeper_config(exchange)]) as running:
            [keeper] = running.keepers()
            await wait_for(partial(_watching, keeper, trailing))
            await asyncio.sleep(SETTLE_SECONDS)
            assert counter(keeper, "trailing_updates", "attempted") == 0
            # 1,010,100 × 33 bps = 3,333.33: the program rounds a sell stop's distance up.
            await set_lot_price(exchange, 1_010_100)
            await wait_for(partial(_trailing_landed, keeper, 1))
            async with exchange.client(trader) as client:
                state = await client.triggers.get(trailing)
            assert state is not None
            assert state.trigger_price == 1_010_100 - 3_334
            assert state.trigger_price == trailing_stop_price(state, TICK, 1_010_100)
            assert state.trailing_reference_price == 1_010_100
            assert [stop for _, stop, _ in keeper.trailing_landed] == [state.trigger_price]
            async with exchange.client(trader) as client:
                await client.send(client.triggers.cancel(CancelTriggerOrderParams(trailing)))

    run(scenario())


def test_expired_trigger_is_closed_by_the_keeper_for_its_reward(
    exchange: DemoExchange, traders: Traders
) -> None:
    async def scenario() -> None:
        await set_lot_price(exchange, PRICE_PER_LOT)
        trader = await traders.new()
        now = await chain_time(exchange)
        expiring = await create_trigger(
            exchange,
            trader,
            TriggerKind.STOP_LIMIT,
            Side.BID,
            1_050_000,
            limit_price=900_000,
            expiry_timestamp=now + EXPIRY_SECONDS,
        )
        settings = TriggerSettings(idle_wait_seconds=0.05, clock_refresh_seconds=0.1)
        configs = [trigger_keeper_config(exchange)]
        async with running_trigger_keepers(exchange, configs, settings) as running:
            [keeper] = running.keepers()
            await wait_for(partial(_watching, keeper, expiring))
            await asyncio.sleep(SETTLE_SECONDS)
            assert await trigger_live(exchange, expiring)  # not due, not eligible
            balance = await _lamports(exchange, keeper.payer.pubkey())
            await warp_seconds(exchange, EXPIRY_SECONDS + 1)
            await wait_for(partial(_not_live, exchange, expiring))
            await wait_for(partial(_landed, keeper, 1))
            [record] = keeper.landed
            assert record.trigger_order == expiring and record.expired
            assert keeper.metrics.total("kairos_keeper_trigger_latency_slots_count") == 0
            # Paid for the cleanup: the reward (the exchange's 5,000 lamports) covers
            # the 5,000-lamport signature fee; unpaid, the balance would have dropped.
            assert await _lamports(exchange, keeper.payer.pubkey()) >= balance
        async with exchange.client(trader) as client:
            position = (await client.get_margin_account()).perp_position(exchange.market_index)
        assert position is None or position.bids_base_lots == 0  # nothing was placed

    run(scenario())


def test_two_keepers_racing_trigger_each_order_exactly_once(
    exchange: DemoExchange, traders: Traders
) -> None:
    async def scenario() -> None:
        await set_lot_price(exchange, PRICE_PER_LOT)
        trader = await traders.new()
        orders = [
            await create_trigger(
                exchange, trader, TriggerKind.STOP_LIMIT, Side.BID, 1_005_000, limit_price=900_000
            )
            for _ in range(6)
        ]
        configs = [trigger_keeper_config(exchange), trigger_keeper_config(exchange)]
        async with running_trigger_keepers(exchange, configs) as running:
            keepers = running.keepers()
            for keeper in keepers:
                for order in orders:
                    await wait_for(partial(_watching, keeper, order))
            views = [dict(keeper.triggers) for keeper in keepers]
            await set_lot_price(exchange, 1_006_000)
            for order in orders:
                await wait_for(partial(_not_live, exchange, order))
            await wait_for(partial(_settled, keepers))
            landed = [record.trigger_order for keeper in keepers for record in keeper.landed]
            assert same_orders(landed, orders)  # every order once, across both keepers
            attempted = sum(counter(k, "triggers", "attempted") for k in keepers)
            outcompeted = sum(counter(k, "triggers", "outcompeted") for k in keepers)
            assert sum(counter(k, "triggers", "failed") for k in keepers) == 0
            # Whoever lost a race (sent after the winner) was told "already triggered".
            assert attempted == len(orders) + outcompeted
            # A loser for sure: a keeper whose view still holds an order another
            # keeper fired (a missed notification) tries it and counts outcompeted.
            loser, winner = sorted(keepers, key=lambda k: len(k.landed))
            fired = winner.landed[0].trigger_order
            before = counter(loser, "triggers", "outcompeted")
            loser.triggers[fired] = views[keepers.index(loser)][fired]
            await wait_for(partial(_counted, loser, "outcompeted", before + 1))
            await wait_for(partial(_settled, keepers))
            assert fired not in loser.triggers  # told it is gone: forgotten
            assert counter(loser, "triggers", "failed") == 0
            assert len(winner.landed) + len(loser.landed) == len(orders)
        async with exchange.client(trader) as client:
            margin = await client.get_margin_account()
        position = margin.perp_position(exchange.market_index)
        assert position is not None and position.bids_base_lots == len(orders)  # placed once each

    run(scenario())


def test_sharded_keepers_split_the_orders_by_trigger_key(
    exchange: DemoExchange, traders: Traders
) -> None:
    async def scenario() -> None:
        await set_lot_price(exchange, PRICE_PER_LOT)
        trader = await traders.new()
        orders = [
            await create_trigger(
                exchange,
                trader,
                TriggerKind.TAKE_PROFIT_LIMIT,
                Side.BID,
                995_000,
                limit_price=900_000,
            )
            for _ in range(6)
        ]
        configs = [
            trigger_keeper_config(exchange, shard_index=index, shard_count=2) for index in range(2)
        ]
        async with running_trigger_keepers(exchange, configs) as running:
            keepers = running.keepers()
            for order in orders:
                owner = keepers[shard_of(order, 2)]
                await wait_for(partial(_watching, owner, order))
            await set_lot_price(exchange, 994_000)
            for order in orders:
                await wait_for(partial(_not_live, exchange, order))
            await wait_for(partial(_settled, keepers))
        for index, keeper in enumerate(keepers):
            assert all(shard_of(r.trigger_order, 2) == index for r in keeper.landed)
            assert counter(keeper, "triggers", "outcompeted") == 0
        assert same_orders([r.trigger_order for k in keepers for r in k.landed], orders)

    run(scenario())


def test_survives_an_rpc_dropping_a_fifth_of_requests_with_429s(
    exchange: DemoExchange, traders: Traders
) -> None:
    async def scenario() -> None:
        await set_lot_price(exchange, PRICE_PER_LOT)
        trader = await traders.new()
        orders = [
            await create_trigger(
                exchange, trader, TriggerKind.STOP_LIMIT, Side.BID, 1_004_000, limit_price=900_000
            )
            for _ in range(8)
        ]
        faults = Faults(drop_rate=0.2, rate_limit_rate=0.1, retry_after=0.02, drop_mode="reset")
        async with FaultProxy(exchange.rpc_url, exchange.ws_url, faults=faults, seed=4) as proxy:
            config = trigger_keeper_config(
                exchange, rpc_url=proxy.rpc_url, ws_url=proxy.ws_url, rpc_max_retries=10
            )
            async with running_trigger_keepers(exchange, [config]) as running:
                [keeper] = running.keepers()
                for order in orders:
                    await wait_for(partial(_watching, keeper, order))
                await proxy.drop_websockets()  # polling carries it until the websocket is back
                await set_lot_price(exchange, 1_004_500)
                for order in orders:
                    await wait_for(partial(_not_live, exchange, order), timeout=40.0)
                await wait_for(partial(_settled, [keeper]))
                metrics = keeper.metrics
                retries_429 = metrics.total("kairos_keeper_rpc_retries_total", reason="http_429")
                retries = metrics.total("kairos_keeper_rpc_retries_total")
                stats = proxy.stats
        assert same_orders([r.trigger_order for r in keeper.landed], orders)
        assert counter(keeper, "triggers", "landed") == len(orders)
        assert stats.dropped > 0 and stats.rate_limited > 0
        assert retries_429 > 0 and retries > retries_429  # 429s and dropped requests retried
        assert metrics.total("kairos_keeper_rpc_rate_limited_total") > 0

    run(scenario())


def run(scenario: Coroutine[Any, Any, None]) -> None:
    """Run one scenario; a hang fails with the stack of every task where it waited.

    (asyncio.wait_for alone reports only its own frame: the keeper's tasks, where a
    hang actually is, would be cancelled without a trace.)
    """

    async def guarded() -> None:
        task = asyncio.ensure_future(scenario)
        done, _ = await asyncio.wait({task}, timeout=SCENARIO_TIMEOUT_SECONDS)
        if not done:
            stacks = []
            for other in asyncio.all_tasks():
                if other is not asyncio.current_task():
                    text = io.StringIO()
                    other.print_stack(limit=12, file=text)
                    stacks.append(text.getvalue())
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
            raise TimeoutError(
                f"scenario not done in {SCENARIO_TIMEOUT_SECONDS} s; tasks:\n" + "\n".join(stacks)
            )
        task.result()

    asyncio.run(guarded())


# --- small waits -----------------------------------------------------------------------


async def _watching(keeper: TriggerKeeper, order: Pubkey) -> bool:
    return order in keeper.triggers


async def _not_live(exchange: DemoExchange, order: Pubkey) -> bool:
    return not await trigger_live(exchange, order)


async def _landed(keeper: TriggerKeeper, count: int) -> bool:
    return len(keeper.landed) >= count


async def _settled(keepers: list[TriggerKeeper]) -> bool:
    return all(not keeper.in_flight for keeper in keepers)


async def _counted(keeper: TriggerKeeper, outcome: str, at_least: float) -> bool:
    return counter(keeper, "triggers", outcome) >= at_least


async def _trailing_landed(keeper: TriggerKeeper, count: int) -> bool:
    return len(keeper.trailing_landed) >= count


async def _lamports(exchange: DemoExchange, key: Pubkey) -> int:
    async with exchange.client() as client:
        return (await client.connection.get_balance(key)).value


async def _is(read: Callable[[], Awaitable[int]], expected: int) -> bool:
    return await read() == expected


def same_orders(found: list[Pubkey], expected: list[Pubkey]) -> bool:
    """The same trigger orders, each as many times."""
    return collections.Counter(found) == collections.Counter(expected)
