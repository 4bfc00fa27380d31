"""Pytest fixtures: a Solana cluster for tests, embedded by default.

``localnet`` (session-scoped) yields a :class:`Cluster`:

- with ``KAIROS_RPC_URL`` set: that cluster (``KAIROS_WS_URL`` or the RPC port + 1
  for PubSub);
- else with ``solana-test-validator`` on PATH: one started on free ports with a
  temporary ledger;
- else the embedded localnet, in a background thread (so synchronous clients and
  each test's own event loop can use it).

``KAIROS_LOCALNET=embedded`` forces the embedded one. Tests that warp time or
write accounts directly call ``cluster.warp_slot`` / ``warp_time`` / ``call``,
which skip the test on an external cluster. Override the session fixture
``localnet_programs`` to deploy programs, ``localnet_slot_ms`` to change the slot
time. Use from a conftest.py: ``pytest_plugins = ["kairos_localnet.testing"]``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

import pytest
from solders.keypair import Keypair

from kairos_localnet.ledger import Ledger
from kairos_localnet.server import LocalnetThread, free_port_pair

T = TypeVar("T")

ENV_RPC_URL = "KAIROS_RPC_URL"
ENV_WS_URL = "KAIROS_WS_URL"
ENV_BACKEND = "KAIROS_LOCALNET"
TEST_VALIDATOR = "solana-test-validator"


@dataclass
class Cluster:
    """Where tests send their requests, and the embedded-only test controls."""

    rpc_url: str
    ws_url: str
    kind: str  # "embedded", "url" or "solana-test-validator"
    embedded: LocalnetThread | None = None

    @property
    def can_warp(self) -> bool:
        """True if this cluster's clock can be moved (the embedded localnet)."""
        return self.embedded is not None

    def _require_embedded(self, what: str) -> LocalnetThread:
        if self.embedded is None:
            pytest.skip(f"{what} needs the embedded localnet (running against {self.kind})")
        return self.embedded

    def warp_slot(self, slot: int) -> None:
        """Jump to ``slot``; skips the test on an external cluster."""
        self._require_embedded("warp").warp_slot(slot)

    def warp_time(self, seconds: float) -> None:
        """Move the clock forward; skips the test on an external cluster."""
        self._require_embedded("warp").warp_time(seconds)

    def call(self, fn: Callable[[Ledger], T]) -> T:
        """Run ``fn(ledger)`` on the embedded localnet's loop; skips on an external cluster."""
        return self._require_embedded("direct ledger access").call(fn)


def ws_url_for(rpc_url: str) -> str:
    """Derive the PubSub URL the way Solana's tools do: ws(s) scheme, port + 1."""
    parts = urlsplit(rpc_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    netloc = parts.netloc
    if parts.port is not None:
        netloc = f"{parts.hostname}:{parts.port + 1}"
    return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))


@contextlib.contextmanager
def start_cluster(
    programs: Sequence[tuple[Keypair, bytes]] = (), *, slot_ms: int = 400
) -> Iterator[Cluster]:
    """Start (or point at) the cluster the environment asks for; see the module doc."""
    backend = os.environ.get(ENV_BACKEND, "")
    url = os.environ.get(ENV_RPC_URL)
    if url and backend != "embedded":
        yield Cluster(url, os.environ.get(ENV_WS_URL) or ws_url_for(url), "url")
        return
    binary = shutil.which(TEST_VALIDATOR)
    if binary and backend != "embedded":
        with _test_validator(binary, programs) as cluster:
            yield cluster
        return
    with LocalnetThread(slot_ms=slot_ms, programs=programs) as net:
        yield Cluster(net.rpc_url, net.ws_url, "embedded", net)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(rpc_url: str) -> bool:
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "getHealth"}).encode()
    request = urllib.request.Request(
        rpc_url, data=body, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return bool(json.loads(response.read()).get("result") == "ok")
    except (OSError, urllib.error.URLError, ValueError):
        return False


@contextlib.contextmanager
def _test_validator(binary: str, programs: Sequence[tuple[Keypair, bytes]]) -> Iterator[Cluster]:
    with tempfile.TemporaryDirectory(prefix="kairos-test-validator-") as tmp:
        port = free_port_pair()
        low = 20000 + (port * 7) % 30000  # spread parallel runs over the range
        args = [
            binary,
            "--ledger", str(Path(tmp) / "ledger"),
            "--reset",
            "--quiet",
            "--bind-address", "127.0.0.1",
            "--rpc-port", str(port),
            "--faucet-port", str(_free_port()),
            "--gossip-port", str(_free_port()),
            "--dynamic-port-range", f"{low}-{low + 50}",
        ]  # fmt: skip
        for keypair, so_bytes in programs:
            so_path = Path(tmp) / f"{keypair.pubkey()}.so"
            so_path.write_bytes(so_bytes)
            args += ["--bpf-program", str(keypair.pubkey()), str(so_path)]
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rpc_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while not _healthy(rpc_url):
                if process.poll() is not None:
                    raise RuntimeError(f"{TEST_VALIDATOR} exited with {process.returncode}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{TEST_VALIDATOR} did not become healthy in 90 s")
                time.sleep(0.25)
            yield Cluster(rpc_url, ws_url_for(rpc_url), TEST_VALIDATOR)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def localnet_programs() -> list[tuple[Keypair, bytes]]:
    """Programs (keypair, .so bytes) the ``localnet`` fixture deploys; none by default."""
    return []


@pytest.fixture(scope="session")
def localnet_slot_ms() -> int:
    """Slot time of the embedded localnet in the ``localnet`` fixture."""
    return 100


@pytest.fixture(scope="session")
def localnet(
    localnet_programs: list[tuple[Keypair, bytes]], localnet_slot_ms: int
) -> Iterator[Cluster]:
    """Yield a running cluster for the whole test session (see the module doc)."""
    with start_cluster(localnet_programs, slot_ms=localnet_slot_ms) as cluster:
        yield cluster
