"""KeeperRuntime: graceful shutdown, in-flight actions, tick errors, actions and their metrics."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from kairos_keepers.config import KeeperConfig
from kairos_keepers.lifecycle import (
    EXIT_FAILURE,
    EXIT_OK,
    Keeper,
    KeeperRuntime,
    KeypairError,
    load_keypair,
)
from kairos_keepers.sender import SendStatus
from kairos_localnet.testing import Cluster
from solders.keypair import Keypair
from solders.system_program import TransferParams, transfer
from spl.token.constants import TOKEN_PROGRAM_ID
from spl.token.instructions import TransferParams as TokenTransferParams
from spl.token.instructions import transfer as token_transfer

from .conftest import create_token_accounts, make_rpc

Fund = Callable[..., Awaitable[Keypair]]


def config(**overrides: Any) -> KeeperConfig:
    values: dict[str, Any] = {
        "rpc_url": "http://127.0.0.1:9",
        "poll_interval": 0.01,
        "metrics_enabled": False,
        "shutdown_grace": 5.0,
        "rpc_max_retries": 0,
    }
    values.update(overrides)
    return KeeperConfig(**values)


class InFlight(Keeper):
    """Each tick is one slow 'action' that must not be interrupted."""

    name = "inflight-test"
    needs_keypair = False
    action_seconds: ClassVar[float] = 0.3

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        self.started = asyncio.Event()
        self.finished = 0
        self.stopped = False

    async def tick(self) -> None:
        self.started.set()
        await asyncio.sleep(self.action_seconds)
        self.finished += 1

    async def stop(self) -> None:
        self.stopped = True


async def start(runtime: KeeperRuntime) -> asyncio.Task[int]:
    task = asyncio.create_task(runtime.run())
    while runtime.keeper is None:
        await asyncio.sleep(0.001)
    return task


async def test_stop_lets_the_in_flight_action_finish() -> None:
    runtime = KeeperRuntime(InFlight, config(), install_signal_handlers=False)
    task = await start(runtime)
    keeper = runtime.keeper
    assert isinstance(keeper, InFlight)
    await keeper.started.wait()
    began = time.monotonic()
    runtime.request_stop("test")
    assert await task == EXIT_OK
    assert keeper.finished == 1 and keeper.stopped  # finished, not cancelled; stop hook ran
    assert 0.2 < time.monotonic() - began < 1.0


async def test_stop_cuts_waits_short() -> None:
    class Quick(InFlight):
        action_seconds = 0.0

    runtime = KeeperRuntime(Quick, config(poll_interval=60), install_signal_handlers=False)
    task = await start(runtime)
    while runtime.iterations == 0:
        await asyncio.sleep(0.001)
    began = time.monotonic()
    runtime.request_stop("test")
    assert await task == EXIT_OK
    assert time.monotonic() - began < 0.5  # not 60 s


async def test_grace_period_bounds_a_stuck_action() -> None:
    class Stuck(InFlight):
        action_seconds = 30.0

    runtime = KeeperRuntime(Stuck, config(shutdown_grace=0.2), install_signal_handlers=False)
    task = await start(runtime)
    keeper = runtime.keeper
    assert isinstance(keeper, Stuck)
    await keeper.started.wait()
    began = time.monotonic()
    runtime.request_stop("test")
    assert await task == EXIT_OK
    assert keeper.finished == 0 and 0.15 < time.monotonic() - began < 1.0


async def test_second_stop_request_forces() -> None:
    class Stuck(InFlight):
        action_seconds = 30.0

    runtime = KeeperRuntime(Stuck, config(shutdown_grace=30), install_signal_handlers=False)
    task = await start(runtime)
    keeper = runtime.keeper
    assert isinstance(keeper, Stuck)
    await keeper.started.wait()
    began = time.monotonic()
    runtime.request_stop("first")
    await asyncio.sleep(0.05)
    runtime.request_stop("second")
    assert await task == EXIT_OK
    assert time.monotonic() - began < 1.0


async def test_tick_errors_are_counted_and_the_loop_goes_on() -> None:
    class Flaky(Keeper):
        name = "flaky-test"
        needs_keypair = False

        def __init__(self, runtime: KeeperRuntime) -> None:
            super().__init__(runtime)
            self.calls = 0

        async def tick(self) -> None:
            self.calls += 1
            if self.calls <= 2:
                raise RuntimeError("transient")
            self.runtime.request_stop("done")

    runtime = KeeperRuntime(Flaky, config(poll_interval=0.001), install_signal_handlers=False)
    assert await runtime.run() == EXIT_OK
    assert runtime.iterations == 3
    assert runtime.metrics.total("kairos_keeper_loop_errors_total") == 2
    assert runtime.metrics.total("kairos_keeper_loop_seconds_count") == 3


async def test_failing_start_exits_1_and_cleans_up() -> None:
    class Broken(InFlight):
        async def start(self) -> None:
            raise RuntimeError("cannot start")

    runtime = KeeperRuntime(
        Broken, config(metrics_enabled=True, metrics_port=0), install_signal_handlers=False
    )
    assert await runtime.run() == EXIT_FAILURE
    assert runtime.server is not None and runtime.server._runner is None  # server closed


class Actor(Keeper):
    """Does one action per tick from a script, then stops."""

    name = "actor-test"
    outcompeted_codes = frozenset({1})
    script: ClassVar[list[Any]] = []

    async def tick(self) -> None:
        instructions = self.script.pop(0)
        self.outcome = await self.execute("demo", instructions)
        if not self.script:
            self.runtime.request_stop("script done")


async def test_execute_counts_landed_and_outcompeted_actions(localnet: Cluster, fund: Fund) -> None:
    payer = await fund()
    rpc = make_rpc(localnet.rpc_url)
    setup, _ = await create_token_accounts(rpc, payer, amount=1)
    await rpc.close()
    to = Keypair().pubkey()
    pay = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to, lamports=5))
    too_much = token_transfer(
        TokenTransferParams(
            program_id=TOKEN_PROGRAM_ID,
            source=setup.source,
            dest=setup.destination,
            owner=payer.pubkey(),
            amount=2,
        )
    )
    Actor.script = [[pay], [too_much]]
    runtime = KeeperRuntime(
        Actor,
        config(rpc_url=localnet.rpc_url, rpc_tier="localnet", confirm_poll_interval=0.02),
        payer=payer,
        install_signal_handlers=False,
    )
    assert await runtime.run() == EXIT_OK
    keeper = runtime.keeper
    assert isinstance(keeper, Actor) and keeper.outcome.status is SendStatus.OUTCOMPETED
    m = runtime.metrics
    assert m.value("kairos_keeper_actions_attempted_total", action="demo") == 2
    assert m.value("kairos_keeper_actions_succeeded_total", action="demo") == 1
    assert m.value("kairos_keeper_actions_outcompeted_total", action="demo") == 1
    assert m.total("kairos_keeper_actions_failed_total") == 0
    simulations = m.value(
        "kairos_keeper_rpc_requests_total", method="simulateTransaction", status="ok"
    )
    assert simulations == 2


def test_keypair_files(tmp_path: Path) -> None:
    keypair = Keypair()
    good = tmp_path / "id.json"
    good.write_text(json.dumps(list(bytes(keypair))))
    assert load_keypair(good) == keypair
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2, 3]")
    with pytest.raises(KeypairError, match="not a JSON array of 64 bytes"):
        load_keypair(bad)
    with pytest.raises(KeypairError, match="not found"):
        load_keypair(tmp_path / "missing.json")
    # A keeper that signs cannot start without its keypair: a clear error up front.
    with pytest.raises(KeypairError):
        KeeperRuntime(Actor, config(keypair=tmp_path / "missing.json"))
