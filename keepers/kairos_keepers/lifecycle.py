"""The keeper base class and the runtime that runs one keeper until SIGTERM.

A keeper subclasses :class:`Keeper` and implements :meth:`Keeper.tick` (one loop
iteration: read state, act). :class:`KeeperRuntime` builds what every keeper
shares from the configuration (rate-limited RPC, transaction sender, metrics,
/health and /metrics server, structured logger, shard), calls ``tick`` every
``poll_interval`` and shuts down gracefully:

- On SIGTERM or SIGINT, waits (sleeps between ticks, ``Keeper.sleep``) return at
  once; a tick in progress may finish its in-flight action for up to
  ``shutdown_grace`` seconds (a second signal cuts it short); then the keeper's
  ``stop`` hook runs, subscriptions, RPC connections and the metrics server are
  closed, and :meth:`KeeperRuntime.run` returns 0.
- A tick that raises is logged and counted, and the loop goes on after a backoff:
  a daemon must not die of a transient RPC outage.
- Nothing is kept across restarts: every tick reads the chain afresh, and every
  action is idempotent on-chain (repeating one is reported as outcompeted).
"""

from __future__ import annotations

import abc
import asyncio
import contextlib
import json
import signal
import time
import traceback
from collections.abc import Awaitable, Sequence
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from prometheus_client import CollectorRegistry
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from kairos_keepers import __version__
from kairos_keepers.config import KeeperConfig, NoSettings
from kairos_keepers.logging import StructuredLogger, get_logger
from kairos_keepers.metrics import HealthReport, KeeperMetrics, MetricsServer
from kairos_keepers.retry import RetryPolicy
from kairos_keepers.rpc import RateLimitedRpc
from kairos_keepers.sender import OutcompetedErrors, SendOutcome, SendStatus, TransactionSender
from kairos_keepers.sharding import Shard
from kairos_keepers.subscriptions import Subscriptions

T = TypeVar("T")

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_CONFIG = 2
_HEALTH_PROBE_TIMEOUT = 2.0
_MAX_ERROR_BACKOFF = 60.0


class KeypairError(ValueError):
    """The keypair file is missing or not in the Solana CLI's JSON format."""


def load_keypair(path: Path) -> Keypair:
    """Read a Solana CLI keypair file (a JSON array of the 64 secret-key bytes)."""
    file = path.expanduser()
    try:
        raw = json.loads(file.read_text())
    except FileNotFoundError:
        raise KeypairError(f"keypair file {file} not found") from None
    except (OSError, ValueError) as exc:
        raise KeypairError(f"keypair file {file} is not readable JSON: {exc}") from None
    if not (
        isinstance(raw, list)
        and len(raw) == 64
        and all(isinstance(b, int) and 0 <= b <= 255 for b in raw)
    ):
        raise KeypairError(f"keypair file {file} is not a JSON array of 64 bytes")
    try:
        return Keypair.from_bytes(bytes(raw))
    except ValueError as exc:
        raise KeypairError(f"keypair file {file} holds an invalid keypair: {exc}") from None


class Keeper(abc.ABC):
    """Base class of every keeper daemon; register subclasses with ``registry.register``.

    Class attributes a keeper sets: ``name`` (the CLI name), ``description``,
    ``Settings`` (a dataclass of its ``[keepers.<name>]`` settings),
    ``outcompeted_codes`` (custom program error codes meaning "already done / not
    eligible"; ``outcompeted_programs`` restricts them to some programs) and
    ``needs_keypair`` (False for read-only keepers).
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    Settings: ClassVar[type[Any]] = NoSettings
    outcompeted_codes: ClassVar[frozenset[int]] = frozenset()
    outcompeted_programs: ClassVar[frozenset[Pubkey] | None] = None
    needs_keypair: ClassVar[bool] = True

    def __init__(self, runtime: KeeperRuntime) -> None:
        self.runtime = runtime

    # --- what the runtime provides ---------------------------------------------------

    @property
    def config(self) -> KeeperConfig:
        """The common configuration."""
        return self.runtime.config

    @property
    def settings(self) -> Any:
        """The keeper's own settings (an instance of ``Settings``)."""
        return self.runtime.settings

    @property
    def rpc(self) -> RateLimitedRpc:
        """The shared rate-limited RPC client."""
        return self.runtime.rpc

    @property
    def log(self) -> StructuredLogger:
        """The keeper's structured logger."""
        return self.runtime.log

    @property
    def metrics(self) -> KeeperMetrics:
        """The keeper's metrics (add your own to ``metrics.registry``)."""
        return self.runtime.metrics

    @property
    def shard(self) -> Shard:
        """The shard this instance handles."""
        return self.runtime.shard

    @property
    def payer(self) -> Keypair:
        """The fee payer (only for keepers with ``needs_keypair``)."""
        return self.runtime.payer

    @property
    def stopping(self) -> bool:
        """True once shutdown was requested: finish the current action, start no new one."""
        return self.runtime.stopping

    async def sleep(self, seconds: float) -> bool:
        """Sleep unless shutdown is requested; False if cut short by shutdown."""
        return await self.runtime.sleep(seconds)

    def subscriptions(self) -> Subscriptions:
        """A new :class:`Subscriptions` on the configured websocket (closed at shutdown)."""
        return self.runtime.subscriptions()

    async def execute(
        self,
        action: str,
        instructions: Sequence[Instruction],
        signers: Sequence[Keypair] = (),
        lookup_tables: Sequence[AddressLookupTableAccount] = (),
    ) -> SendOutcome:
        """Send ``instructions`` as one action: simulate, send, confirm, count and log it."""
        self.metrics.action(action, "attempted")
        outcome = await self.runtime.sender.send(instructions, signers, lookup_tables)
        if outcome.status is SendStatus.FAILED:
            outcome = await self.classify_failure(action, outcome)
        fields: dict[str, Any] = {"action": action, "signature": outcome.signature}
        if outcome.status is SendStatus.LANDED:
            self.metrics.action(action, "succeeded")
            self.log.info(
                "action_landed",
                **fields,
                slot=outcome.slot,
                compute_units=outcome.compute_units,
                compute_unit_limit=outcome.compute_unit_limit,
            )
        elif outcome.status is SendStatus.OUTCOMPETED:
            self.metrics.action(action, "outcompeted")
            self.log.info(
                "action_outcompeted", **fields, error_code=outcome.error_code, detail=outcome.detail
            )
        else:
            self.metrics.action(action, "failed", outcome.reason)
            self.log.warning(
                "action_failed", **fields, reason=outcome.reason, detail=outcome.detail
            )
        return outcome

    # --- what a keeper implements ------------------------------------------------------

    async def classify_failure(self, action: str, outcome: SendOutcome) -> SendOutcome:
        """A failed action's final outcome (the default keeps the failure).

        A keeper may recognise a lost race that ``outcompeted_codes`` cannot tell from
        the code alone (e.g. by re-reading the account) and return it as OUTCOMPETED.
        """
        return outcome

    async def start(self) -> None:  # noqa: B027 - an optional hook, empty by design
        """Called once before the first tick (subscribe, load static accounts)."""

    @abc.abstractmethod
    async def tick(self) -> None:
        """One iteration: read what changed, act on it. Called every ``poll_interval``."""

    async def stop(self) -> None:  # noqa: B027 - an optional hook, empty by design
        """Called once at shutdown, after the last tick."""


class KeeperRuntime:
    """Runs one keeper: shared clients, loop, health, graceful shutdown."""

    def __init__(
        self,
        keeper_cls: type[Keeper],
        config: KeeperConfig,
        settings: Any = None,
        *,
        payer: Keypair | None = None,
        registry: CollectorRegistry | None = None,
        install_signal_handlers: bool = True,
    ) -> None:
        self.keeper_cls = keeper_cls
        self.name = keeper_cls.name or keeper_cls.__name__
        self.config = config
        self.settings = settings if settings is not None else keeper_cls.Settings()
        self.shard = Shard(config.shard_index, config.shard_count)
        self.log = get_logger(self.name, self.shard.label)
        self.metrics = KeeperMetrics(
            self.name, shard=self.shard.label, version=__version__, registry=registry
        )
        self.rpc = RateLimitedRpc.from_config(config, self.metrics)
        self._payer = payer
        if self._payer is None and keeper_cls.needs_keypair:
            self._payer = load_keypair(config.keypair_path)
        self._sender: TransactionSender | None = None
        self.server: MetricsServer | None = None
        self.keeper: Keeper | None = None
        self._install_signals = install_signal_handlers
        self._stop: asyncio.Event | None = None
        self._force: asyncio.Event | None = None
        self._subscriptions: list[Subscriptions] = []
        self.last_loop: float | None = None
        """Monotonic time at which the last loop iteration ended."""
        self.iterations = 0
        self.stop_reason = ""

    # --- shared objects -----------------------------------------------------------------

    @property
    def payer(self) -> Keypair:
        """The fee payer keypair."""
        if self._payer is None:
            raise RuntimeError(f"keeper {self.name} has no keypair (needs_keypair is False)")
        return self._payer

    @property
    def sender(self) -> TransactionSender:
        """The transaction sender (created on first use)."""
        if self._sender is None:
            outcompeted = OutcompetedErrors.of(
                self.keeper_cls.outcompeted_codes, self.keeper_cls.outcompeted_programs
            )
            self._sender = TransactionSender.from_config(
                self.rpc, self.payer, self.config, outcompeted
            )
        return self._sender

    def subscriptions(self) -> Subscriptions:
        """A new Subscriptions on the configured websocket, closed at shutdown."""
        subs = Subscriptions(
            self.rpc,
            self.config.ws_url,
            commitment=self.config.commitment,
            poll_interval=self.config.poll_interval,
            reconnect=RetryPolicy(
                max_attempts=1,
                base_delay=min(0.25, self.config.ws_reconnect_max_delay),
                max_delay=self.config.ws_reconnect_max_delay,
            ),
            metrics=self.metrics,
            log=self.log,
            shard=self.shard,
        )
        self._subscriptions.append(subs)
        return subs

    @property
    def stopping(self) -> bool:
        """True once shutdown was requested."""
        return self._stop is not None and self._stop.is_set()

    def request_stop(self, reason: str = "requested") -> None:
        """Ask the loop to stop (what SIGTERM does); a second call cuts the grace short."""
        if self._stop is None or self._force is None:
            return
        if self._stop.is_set():
            self._force.set()
            self.log.warning("shutdown_forced", reason=reason)
            return
        self.stop_reason = reason
        self.log.info("shutdown_requested", reason=reason)
        self._stop.set()

    async def sleep(self, seconds: float) -> bool:
        """Sleep ``seconds`` unless shutdown comes first; False if it did."""
        if self._stop is None:
            await asyncio.sleep(seconds)
            return True
        if self._stop.is_set():
            return False
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), seconds)
            return False
        return True

    async def wait(self, awaitable: Awaitable[T]) -> T | None:
        """Await ``awaitable`` unless shutdown comes first (then cancel it, return None)."""
        task = asyncio.ensure_future(awaitable)
        if self._stop is None:
            return await task
        stop = asyncio.ensure_future(self._stop.wait())
        try:
            await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.cancel()
        if task.done():
            return task.result()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return None

    # --- health ---------------------------------------------------------------------

    async def health(self) -> HealthReport:
        """Healthy when the last loop ended recently and the RPC answers."""
        now = time.monotonic()
        max_age = self.config.health_max_age
        loop_age = None if self.last_loop is None else now - self.last_loop
        loop_ok = loop_age is not None and loop_age <= max_age
        last = self.rpc.last_response
        rpc_ok = last is not None and now - last <= max_age
        probed = False
        if not rpc_ok:
            probed = True
            try:
                rpc_ok = await asyncio.wait_for(self.rpc.get_health(), _HEALTH_PROBE_TIMEOUT)
            except Exception:
                rpc_ok = False
        checks: dict[str, Any] = {
            "keeper": self.name,
            "shard": self.shard.label,
            "loop_ok": loop_ok,
            "last_loop_age_seconds": None if loop_age is None else round(loop_age, 3),
            "max_age_seconds": max_age,
            "iterations": self.iterations,
            "rpc_ok": rpc_ok,
            "rpc_probed": probed,
            "stopping": self.stopping,
        }
        return HealthReport(loop_ok and rpc_ok and not self.stopping, checks)

    # --- running --------------------------------------------------------------------

    async def run(self) -> int:
        """Run until stopped; 0 after a graceful shutdown, 1 if startup failed."""
        loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self._force = asyncio.Event()
        installed: list[signal.Signals] = []
        if self._install_signals:
            for sig in (signal.SIGTERM, signal.SIGINT):
                try:
                    loop.add_signal_handler(sig, self.request_stop, sig.name)
                    installed.append(sig)
                except (NotImplementedError, RuntimeError):  # not the main thread
                    pass
        try:
            try:
                await self._startup()
            except Exception as exc:
                self.log.error(
                    "startup_failed", error=f"{type(exc).__name__}: {exc}", **_trace(exc)
                )
                return EXIT_FAILURE
            await self._loop()
            return EXIT_OK
        finally:
            await self._shutdown()
            for sig in installed:
                loop.remove_signal_handler(sig)

    async def _startup(self) -> None:
        config = self.config
        self.log.info(
            "keeper_starting",
            version=__version__,
            rpc_url=config.rpc_url,
            rpc_rps=config.rpc_rps,
            rpc_burst=config.rpc_burst,
            commitment=config.commitment,
            payer=None if self._payer is None else self._payer.pubkey(),
        )
        if config.metrics_enabled:
            self.server = MetricsServer(
                self.metrics, self.health, host=config.metrics_host, port=config.metrics_port
            )
            await self.server.start()
            self.log.info("metrics_listening", url=self.server.url)
        self.keeper = self.keeper_cls(self)
        await self.keeper.start()
        for subs in self._subscriptions:
            await subs.start()
        self.log.info("keeper_started", poll_interval=config.poll_interval)

    async def _loop(self) -> None:
        assert self.keeper is not None and self._stop is not None and self._force is not None
        loop = asyncio.get_running_loop()
        consecutive_errors = 0
        backoff = RetryPolicy(
            max_attempts=1,
            base_delay=self.config.poll_interval,
            max_delay=max(_MAX_ERROR_BACKOFF, self.config.poll_interval),
        )
        while not self._stop.is_set():
            started = loop.time()
            tick = asyncio.ensure_future(self.keeper.tick())
            stop = asyncio.ensure_future(self._stop.wait())
            await asyncio.wait({tick, stop}, return_when=asyncio.FIRST_COMPLETED)
            stop.cancel()
            if not tick.done():
                await self._finish_in_flight(tick)
            failed = False
            if tick.cancelled():
                failed = True
            elif (exc := tick.exception()) is not None:
                failed = True
                consecutive_errors += 1
                self.log.error(
                    "tick_failed",
                    error=f"{type(exc).__name__}: {exc}",
                    consecutive=consecutive_errors,
                    **_trace(exc),
                )
            else:
                consecutive_errors = 0
            self.iterations += 1
            self.last_loop = time.monotonic()
            self.metrics.loop_done(loop.time() - started, error=failed)
            if self._stop.is_set():
                break
            delay = self.config.poll_interval
            if consecutive_errors:
                # Don't spin on a persistent failure (an RPC outage): back off, jittered.
                delay = max(delay, backoff.backoff(consecutive_errors))
            await self.sleep(delay)

    async def _finish_in_flight(self, tick: asyncio.Future[None]) -> None:
        assert self._force is not None
        grace = self.config.shutdown_grace
        self.log.info("finishing_in_flight", grace_seconds=grace)
        force = asyncio.ensure_future(self._force.wait())
        waiting: set[asyncio.Future[Any]] = {tick, force}
        try:
            await asyncio.wait(waiting, timeout=grace, return_when=asyncio.FIRST_COMPLETED)
        finally:
            force.cancel()
        if not tick.done():
            tick.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await tick
            self.log.warning("in_flight_cancelled", grace_seconds=grace)

    async def _shutdown(self) -> None:
        if self.keeper is not None:
            try:
                grace = max(1.0, self.config.shutdown_grace)
                await asyncio.wait_for(self.keeper.stop(), timeout=grace)
            except Exception as exc:
                self.log.error("stop_hook_failed", error=f"{type(exc).__name__}: {exc}")
        for subs in self._subscriptions:
            await subs.close()
        await self.rpc.close()
        if self.server is not None:
            await self.server.stop()
        self.log.info("keeper_stopped", iterations=self.iterations, reason=self.stop_reason)


def _trace(exc: BaseException) -> dict[str, str]:
    return {"traceback": "".join(traceback.format_exception(exc)).rstrip()}


def run_keeper(keeper_cls: type[Keeper], config: KeeperConfig, settings: Any = None) -> int:
    """Run a keeper in a new event loop until SIGTERM/SIGINT; the process exit code."""
    runtime = KeeperRuntime(keeper_cls, config, settings)
    return asyncio.run(runtime.run())
