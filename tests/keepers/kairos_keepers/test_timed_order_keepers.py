"""The ``twap`` and ``scheduler`` keepers end to end on the localnet, clock warped.

One cluster and one exchange (the auction demo's SOL-PERP market with an ask
ladder) for the module. Time moves with ``kairosWarp``; the keepers notice the
jump on their next tick (50 ms) and run what is due.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kairos import errors
from kairos.accounts import TwapOrder
from kairos.constants import Side
from kairos.params import (
    CancelTwapOrderParams,
    CreateScheduledOrderParams,
    CreateTwapOrderParams,
    UpdateOracleParams,
)
from kairos.scheduled_orders import (
    MissedSlicePolicy,
    ScheduledOrderSpec,
    ScheduleKind,
    ScheduleParams,
    TwapParams,
    twap_due_time,
)
from kairos_keepers.keepers.timed_orders import SchedulerKeeper, TimedOrderKeeper, TwapKeeper
from kairos_keepers.sender import SendStatus
from kairos_keepers.testing.auction_demo import (
    ORACLE_PRICE,
    PRICE_PER_LOT,
    TICK,
    DemoExchange,
    bps_above,
    build_book,
    new_trader,
    set_up_exchange,
)
from kairos_keepers.testing.harness import wait_for
from kairos_keepers.testing.timed_orders import (
    chain_time,
    running_timed_keepers,
    warp_seconds,
)
from kairos_localnet.testing import Cluster, start_cluster
from kairos_toolchain.build import build_program
from solders.keypair import Keypair
from solders.pubkey import Pubkey

ROOT = Path(__file__).resolve().parents[3]
INTERVAL = 60
LIMIT = bps_above(PRICE_PER_LOT, 100)
MARKET_ORDER = 1
DAY = 86_400
FIVE_MINUTES = 300
HOUR = 3_600
SLOT_MS = 100
SKIP_WINDOW = 60
LONG_WARP_SECONDS = 600
ORACLE_SEED = 7  # the auction demo's oracle
ORACLE_CONFIDENCE = 10_000


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=SLOT_MS) as running:
        yield running


@pytest.fixture(scope="module")
def exchange(cluster: Cluster) -> DemoExchange:
    async def setup() -> DemoExchange:
        created = await set_up_exchange(cluster.rpc_url, cluster.ws_url)
        await build_book(created)
        return created

    return asyncio.run(setup())


async def create_twap(exchange: DemoExchange, trader: Keypair, **changes: object) -> Pubkey:
    start = await chain_time(exchange) + INTERVAL
    fields: dict[str, object] = {
        "side": Side.BID,
        "total_base_lots": 20,
        "slice_count": 10,
        "start_time": start,
        "interval_seconds": INTERVAL,
        "limit_price": LIMIT,
    }
    fields.update(changes)
    async with exchange.client(trader) as client:
        created = await client.twap.create(
            CreateTwapOrderParams(exchange.market_index, TwapParams(**fields))
        )
        await client.send(created)
        address = created.address
    return address


async def twap_state(exchange: DemoExchange, address: Pubkey) -> TwapOrder:
    async with exchange.client() as client:
        return await client.twap.get(address)


async def warp_to(exchange: DemoExchange, when: int) -> None:
    """Warp the chain clock to ``when``; refresh the oracle after long jumps (slots go by too)."""
    now = await chain_time(exchange)
    if when > now:
        await warp_seconds(exchange, when - now)
    if when - now > LONG_WARP_SECONDS:
        async with exchange.client() as admin:
            await admin.send(
                admin.oracles.update(
                    UpdateOracleParams(
                        admin.oracle_address(ORACLE_SEED), ORACLE_PRICE, ORACLE_CONFIDENCE
                    )
                )
            )


def test_ten_slice_twap_runs_exactly_ten_times_with_two_keepers_racing(
    exchange: DemoExchange,
) -> None:
    async def scenario() -> None:
        trader = await new_trader(exchange)
        address = await create_twap(exchange, trader)
        async with running_timed_keepers(exchange, [TwapKeeper, TwapKeeper]) as running:
            for index in range(10):
                state = await twap_state(exchange, address)
                await warp_to(exchange, twap_due_time(address, state, index))

                async def executed(target: int = index + 1) -> bool:
                    return (await twap_state(exchange, address)).executed_slices == target

                await wait_for(executed)
            await asyncio.sleep(0.5)  # let a losing racer finish its attempt
            keepers = running.keepers()
            # A restarted keeper replaying the last slice from a stale view: the
            # program refuses it (AlreadyExecuted) and the keeper counts it as
            # outcompeted, not as a failure.
            stale = dataclasses.replace(await twap_state(exchange, address), next_slice=9)
            replay = await keepers[1].build(address, stale)
            outcome = await keepers[1].execute("execute_twap_slice", [replay])
            assert outcome.status is SendStatus.OUTCOMPETED
            assert outcome.error_code == errors.AlreadyExecuted.code
        state = await twap_state(exchange, address)
        assert (state.executed_slices, state.next_slice, state.filled_base_lots) == (10, 10, 20)
        landed = [e for keeper in keepers for e in keeper.landed if e[0] == address]
        assert len(landed) == 10  # one landed execution per slice, across both keepers
        assert sorted(due for _, due, _ in landed) == [
            state.start_time + INTERVAL * i for i in range(10)
        ]
        # Each slice ran within a few seconds of its (warped-to) due time.
        assert all(0 <= at - due <= 5 for _, due, at in landed)
        async with exchange.client(trader) as client:
            margin = await client.get_margin_account()
        position = margin.perp_position(exchange.market_index)
        assert position is not None and position.base_lots == 20

    asyncio.run(scenario())


def test_catch_up_and_skip_policies(exchange: DemoExchange) -> None:
    async def scenario() -> None:
        trader = await new_trader(exchange)
        catch_up = await create_twap(
            exchange, trader, missed_slice_policy=MissedSlicePolicy.CATCH_UP
        )
        skip = await create_twap(exchange, trader, missed_slice_policy=MissedSlicePolicy.SKIP)
        start = (await twap_state(exchange, catch_up)).start_time
        async with running_timed_keepers(exchange, [TwapKeeper]):
            await warp_to(exchange, start + 5 * INTERVAL + 1)  # slices 0..5 due at once

            async def settled() -> bool:
                a = await twap_state(exchange, catch_up)
                b = await twap_state(exchange, skip)
                return a.executed_slices == 6 and b.executed_slices == 1

            await wait_for(settled)
        a = await twap_state(exchange, catch_up)
        b = await twap_state(exchange, skip)
        assert (a.executed_slices, a.skipped_slices, a.filled_base_lots) == (6, 0, 12)
        assert (b.executed_slices, b.skipped_slices, b.next_slice, b.filled_base_lots) == (
            1,
            5,
            6,
            2,
        )

    asyncio.run(scenario())


def test_cancellation_mid_way_stops_the_keeper(exchange: DemoExchange) -> None:
    async def scenario() -> None:
        trader = await new_trader(exchange)
        address = await create_twap(exchange, trader)
        start = (await twap_state(exchange, address)).start_time
        async with running_timed_keepers(exchange, [TwapKeeper]) as running:
            for index in range(3):
                await warp_to(exchange, start + INTERVAL * index)

                async def executed(target: int = index + 1) -> bool:
                    return (await twap_state(exchange, address)).executed_slices == target

                await wait_for(executed)
            async with exchange.client(trader) as client:
                await client.send(client.twap.cancel(CancelTwapOrderParams(address)))
            # A closed account leaves the program's subscription without a
            # notification; the keeper finds out at the next due time (its
            # attempt fails with AccountNotInitialized: outcompeted, no fee) or
            # at its periodic reload, and drops the order and its job.
            await warp_to(exchange, start + INTERVAL * 9)
            await wait_for(lambda: _no_order(running.keepers()[0], address))
            keeper = running.keepers()[0]
            assert [due for order, due, _ in keeper.landed if order == address] == [
                start + INTERVAL * i for i in range(3)
            ]
            assert keeper.scheduler is not None and keeper.scheduler.get_job(str(address)) is None
        async with exchange.client() as client:
            info = await client.connection.get_account_info(address)
        assert info.value is None

    asyncio.run(scenario())


async def _no_order(keeper: TimedOrderKeeper, address: Pubkey) -> bool:
    return address not in keeper.orders


def test_cron_every_five_minutes_over_a_simulated_day(exchange: DemoExchange) -> None:
    """A `*/5 * * * *` order from midnight to 23:59:59 with a 60 s skip window.

    The clock is warped to each 5-minute mark of the day and the keeper runs
    every occurrence there (288 of them), except at noon, where the clock is
    warped to 12:02 instead: the program skips that late occurrence (it is more
    than the 60 s window late) and moves on to 12:05. After 23:55 the next time
    is past the end time: the order is finished.
    """

    async def scenario() -> None:
        trader = await new_trader(exchange)
        now = await chain_time(exchange)
        day_start = (now // DAY + 1) * DAY
        params = ScheduleParams(
            kind=ScheduleKind.CRON,
            cron="*/5 * * * *",
            start_time=day_start,
            end_time=day_start + DAY - 1,
            max_runs=1_000,
            skip_window_seconds=SKIP_WINDOW,
            keeper_reward_lamports=5_000,
        )
        # A bid below the asks: each run is a market order that fills nothing
        # (it still counts), so the day does not eat the book.
        order = ScheduledOrderSpec(Side.BID, MARKET_ORDER, PRICE_PER_LOT - TICK, 1)
        occurrences = [day_start + FIVE_MINUTES * i for i in range(DAY // FIVE_MINUTES)]
        noon = day_start + 12 * HOUR
        async with exchange.client(trader) as client:
            created = await client.schedules.create(
                CreateScheduledOrderParams(exchange.market_index, params, order)
            )
            await client.send(created)
            address = created.address
            reader = client

            async def consumed(target: int) -> None:
                async def reached() -> bool:
                    state = await reader.schedules.get(address)
                    return state.run_count + state.skipped_count == target

                await wait_for(reached)

            async with running_timed_keepers(exchange, [SchedulerKeeper]) as running:
                keeper = running.keepers()[0]
                for index, when in enumerate(occurrences):
                    assert (await reader.schedules.get(address)).next_run_time == when
                    late = when == noon
                    await warp_to(exchange, when + 2 * SKIP_WINDOW if late else when)
                    await consumed(index + 1)

                async def all_recorded() -> bool:
                    return len([e for e in keeper.landed if e[0] == address]) == len(occurrences)

                await wait_for(all_recorded)
                dues = [due for order_key, due, _ in keeper.landed if order_key == address]
            final = await reader.schedules.get(address)
        assert dues == occurrences
        assert (final.run_count, final.skipped_count, final.finished) == (287, 1, 1)

    asyncio.run(scenario())


def test_cli_twap_and_schedule_commands(exchange: DemoExchange, tmp_path: Path) -> None:
    """``kairos twap`` and ``kairos schedule`` create, show, pause/resume and cancel."""
    from kairos.wallet import save_keypair
    from kairos_cli.app import app
    from typer.testing import CliRunner

    trader = asyncio.run(new_trader(exchange))
    keyfile = tmp_path / "trader.json"
    save_keypair(trader, keyfile)
    runner = CliRunner()
    base = ["--url", exchange.rpc_url, "--keypair", str(keyfile)]

    def cli(*args: str) -> Any:
        result = runner.invoke(app, [*base, *args, "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    created = cli(
        "twap",
        "create",
        "0",
        "buy",
        "0.1",
        "--interval",
        "60",
        "--slices",
        "5",
        "--limit",
        "101",
        "--start",
        "+120",
        "--policy",
        "skip",
        "--id",
        "77",
    )
    assert isinstance(created, dict)
    address = created["twap_order"]
    (row,) = cli("twap", "show", address)
    assert (row["total_base_lots"], row["slice_count"], row["paused"]) == (10, 5, False)
    cli("twap", "pause", address)
    (row,) = cli("twap", "show")
    assert row["paused"] is True
    cli("twap", "resume", address)
    cli("twap", "cancel", address)
    assert cli("twap", "show") == []

    created = cli(
        "schedule",
        "create",
        "0",
        "buy",
        "0.01",
        "--price",
        "99",
        "--cron",
        "*/5 * * * *",
        "--runs",
        "3",
        "--skip-window",
        "30",
    )
    assert isinstance(created, dict)
    schedule = created["scheduled_order"]
    (row,) = cli("schedule", "show", schedule)
    assert (row["kind"], row["cron"], row["max_runs"], row["runs"]) == ("cron", "*/5 * * * *", 3, 0)
    assert row["next_run_time"] % FIVE_MINUTES == 0
    cli("schedule", "cancel", schedule)
    assert cli("schedule", "show") == []
    # Any order type: a post-only reduce-only limit order with self-trade abort.
    created = cli(
        "schedule",
        "create",
        "0",
        "sell",
        "0.01",
        "--price",
        "101",
        "--type",
        "limit",
        "--post-only",
        "--reduce-only",
        "--stp",
        "abort",
        "--every",
        "60",
        "--runs",
        "2",
    )
    assert isinstance(created, dict)
    (row,) = cli("schedule", "show", created["scheduled_order"])
    assert (row["order_type"], row["tif"], row["reduce_only"]) == ("limit", "post-only", True)
    cli("schedule", "cancel", created["scheduled_order"])
    bad = runner.invoke(
        app,
        [
            *base,
            "schedule",
            "create",
            "0",
            "buy",
            "0.01",
            "--price",
            "99",
            "--cron",
            "0 0 30 2 *",
            "--runs",
            "2",
            "--json",
        ],
    )
    assert bad.exit_code == 1 and "InvalidCronExpression" in bad.output
