"""A bystander's getHealth latency while hostile clients attack the localnet.

Starts a `kairos localnet` server in its own process (as users run it), then for
each scenario runs one attack from a separate process while a bystander client
sends getHealth requests one after another, and prints the bystander's p50/p99
next to its figures with no attack, measured in the same run, plus the server's
peak resident memory during the scenario. The attacks (issue 11, part 4):

- the 1,500 x getSlotLeaders(0, 5000) batch in one 120 KB body,
- the heaviest getSlotLeaders batch that fits in the 50 KiB body limit,
- 50,000 slotSubscribe on a websocket that never reads (reconnecting when cut off),
- deeply nested JSON bodies (25,000 levels).

Loopback only; every loop is bounded by --seconds and an iteration cap.

    python benchmarks/localnet_hostile_clients.py [--seconds 4]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from kairos_localnet.limits import MAX_REQUEST_BODY_BYTES
from kairos_localnet.server import free_port_pair

# The hostile clients live with the tests that use them (tests/.../hostile.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.clients.kairos_localnet.hostile import (  # noqa: E402
    NonReadingWebsocket,
    deep_nesting,
    largest_slot_leaders_batch,
    slot_leaders_batch,
)

MAX_ATTACK_ROUNDS = 10_000
HEALTH = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "getHealth"}).encode()


@dataclass
class Scenario:
    name: str
    latencies_ms: list[float]
    peak_rss_mib: float
    attack_rounds: int

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _http_attack(rpc_url: str, body: bytes, deadline: float) -> int:
    rounds = 0
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        while time.monotonic() < deadline and rounds < MAX_ATTACK_ROUNDS:
            async with session.post(rpc_url, data=body) as response:
                await response.read()
            rounds += 1
    return rounds


async def _subscribe_attack(host: str, port: int, deadline: float) -> int:
    rounds = 0
    while time.monotonic() < deadline and rounds < MAX_ATTACK_ROUNDS:
        attacker = await NonReadingWebsocket.connect(host, port)
        try:
            remaining = max(0.1, deadline - time.monotonic())
            await asyncio.wait_for(attacker.flood_subscriptions(50_000), remaining)
        except TimeoutError:
            pass
        finally:
            attacker.close()
        rounds += 1
    return rounds


def _attack_process(kind: str, port: int, seconds: float, result: multiprocessing.Queue) -> None:
    rpc_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + seconds
    if kind == "batch-1500":
        coro = _http_attack(rpc_url, slot_leaders_batch(1500), deadline)
    elif kind == "batch-fits":
        body = largest_slot_leaders_batch(MAX_REQUEST_BODY_BYTES)
        coro = _http_attack(rpc_url, body, deadline)
    elif kind == "subscribe":
        coro = _subscribe_attack("127.0.0.1", port + 1, deadline)
    elif kind == "nesting":
        coro = _http_attack(rpc_url, deep_nesting(25_000), deadline)
    else:
        raise ValueError(kind)
    result.put(asyncio.run(coro))


def _rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def _bystander(rpc_url: str, seconds: float, server_pid: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    peak = _rss_mib(server_pid)
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        while time.monotonic() < deadline and len(latencies) < 100_000:
            start = time.perf_counter()
            async with session.post(rpc_url, data=HEALTH) as response:
                answer = await response.json()
            latencies.append((time.perf_counter() - start) * 1000)
            if answer.get("result") != "ok":
                raise RuntimeError(f"bystander got {answer}")
            if len(latencies) % 20 == 0:
                peak = max(peak, _rss_mib(server_pid))
    return latencies, max(peak, _rss_mib(server_pid))


async def run_scenario(
    name: str, kind: str | None, port: int, seconds: float, server_pid: int
) -> Scenario:
    rpc_url = f"http://127.0.0.1:{port}"
    process = None
    queue: multiprocessing.Queue[int] = multiprocessing.get_context("spawn").Queue()
    if kind is not None:
        process = multiprocessing.get_context("spawn").Process(
            target=_attack_process, args=(kind, port, seconds + 1.0, queue), daemon=True
        )
        process.start()
        await asyncio.sleep(1.0)  # let the attack get going
    latencies, peak = await _bystander(rpc_url, seconds, server_pid)
    rounds = 0
    if process is not None:
        process.join(timeout=60)
        if process.is_alive():
            process.terminate()
        rounds = queue.get(timeout=5) if not queue.empty() else 0
    await asyncio.sleep(0.5)  # let the server settle before the next scenario
    return Scenario(name, latencies, peak, rounds)


async def wait_healthy(rpc_url: str) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(200):
            try:
                async with session.post(rpc_url, data=HEALTH) as response:
                    if (await response.json()).get("result") == "ok":
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("localnet did not start")


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=4.0, help="bystander time per scenario")
    parser.add_argument("--slot-ms", type=int, default=400)
    args = parser.parse_args()

    scenarios = [
        ("no attack", None),
        ("1,500 x getSlotLeaders batch (120 KB body)", "batch-1500"),
        ("heaviest getSlotLeaders batch in 50 KiB", "batch-fits"),
        ("50,000 slotSubscribe, never reads", "subscribe"),
        ("25,000-level nested JSON", "nesting"),
    ]
    port = free_port_pair()
    results: list[Scenario] = []
    with tempfile.TemporaryDirectory() as empty_root:  # no Anchor.toml: no programs
        server = subprocess.Popen(
            [sys.executable, "-m", "kairos_cli", "localnet", "--port", str(port),
             "--slot-ms", str(args.slot_ms), "--root", empty_root, "--bare"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        try:
            await wait_healthy(f"http://127.0.0.1:{port}")
            for name, kind in scenarios:
                results.append(await run_scenario(name, kind, port, args.seconds, server.pid))
        finally:
            server.terminate()
            server.wait(timeout=10)

    base = results[0]
    base_p50, base_p99 = base.percentile(0.5), base.percentile(0.99)
    print(
        f"{'scenario':<44} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
        f"{'p50 x':>6} {'p99 x':>6} {'server RSS':>10} {'attacks':>8}"
    )
    for s in results:
        p50, p99 = s.percentile(0.5), s.percentile(0.99)
        print(
            f"{s.name:<44} {len(s.latencies_ms):>8} {p50:>8.2f} {p99:>8.2f} "
            f"{max(s.latencies_ms):>8.1f} {p50 / base_p50:>6.1f} {p99 / base_p99:>6.1f} "
            f"{s.peak_rss_mib:>7.0f} MiB {s.attack_rounds:>8}"
        )
    print(f"(mean getHealth without attack: {statistics.mean(base.latencies_ms):.2f} ms;")
    print(f" {os.cpu_count()} cores shared with whatever else runs; server in its own process;")
    print(" attacks from a separate process; 'attacks' = requests or connections it made)")


if __name__ == "__main__":
    asyncio.run(main())
