"""Throughput and latency of the keepers' RPC client (RateLimitedRpc) on the localnet.

Starts the embedded localnet with no program, then for each workload runs
``--concurrency`` tasks issuing ``--calls`` requests in all through:

- ``RateLimitedRpc`` (kairos_keepers.rpc: typed solders requests and responses over
  aiohttp, the token bucket and retries, limits set far above the load so they
  never wait);
- as the baseline, in the same run and against the same node, solana-py's
  ``AsyncClient`` on its own httpx session (no limiter, no retries);
- ``httpx`` alone: the same request bodies posted on an httpx pool of the same size,
  nothing parsed (what RateLimitedRpc would cost at best on httpx, the HTTP stack
  solana-py uses).

Workloads: ``getSlot`` (the smallest call), ``getMultipleAccounts`` of 100 keys
(ten of them funded: what a keeper's polling does) and ``getSignatureStatuses`` of
256 signatures. Reported: calls per second, p50 and p99 latency in milliseconds,
and each client's throughput as a ratio of solana-py's.

    python benchmarks/keeper_rpc.py [--calls 2000] [--concurrency 32] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from kairos_keepers.ratelimit import TokenBucket  # noqa: E402
from kairos_keepers.retry import RetryPolicy  # noqa: E402
from kairos_keepers.rpc import RateLimitedRpc  # noqa: E402
from kairos_localnet.testing import start_cluster  # noqa: E402
from solana.rpc.async_api import AsyncClient  # noqa: E402
from solana.rpc.commitment import Confirmed  # noqa: E402
from solders.account_decoder import UiAccountEncoding  # noqa: E402
from solders.keypair import Keypair  # noqa: E402
from solders.pubkey import Pubkey  # noqa: E402
from solders.rpc import requests as rq  # noqa: E402
from solders.rpc.config import RpcAccountInfoConfig  # noqa: E402
from solders.signature import Signature  # noqa: E402

Call = Callable[[], Awaitable[object]]


async def measure(call: Call, calls: int, concurrency: int) -> tuple[float, float, float]:
    """(calls per second, p50 ms, p99 ms) of ``calls`` calls from ``concurrency`` tasks."""
    latencies: list[float] = []
    remaining = calls

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            started = time.perf_counter()
            await call()
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return calls / elapsed, statistics.median(ordered) * 1000, p99 * 1000


async def run(rpc_url: str, calls: int, concurrency: int, rounds: int) -> None:
    rpc = RateLimitedRpc(
        rpc_url,
        limiter=TokenBucket(1e9, 1_000_000),
        retry=RetryPolicy(max_attempts=3),
        max_connections=concurrency,
    )
    baseline = AsyncClient(rpc_url, commitment=Confirmed)
    funded = [Keypair().pubkey() for _ in range(10)]
    for key in funded:
        await baseline.request_airdrop(key, 1_000_000)
    keys = funded + [Pubkey.new_unique() for _ in range(90)]
    signatures = [Signature.new_unique() for _ in range(256)]
    await asyncio.sleep(1.0)  # the airdrops land
    http = httpx.AsyncClient(
        limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    )
    headers = {"Content-Type": "application/json"}

    def bare(request: object) -> Call:
        body = request.to_json().encode()  # type: ignore[attr-defined]

        async def post() -> object:
            answer = await http.post(rpc_url, content=body, headers=headers)
            return json.loads(answer.content)

        return post

    accounts_config = RpcAccountInfoConfig(UiAccountEncoding.Base64)
    workloads: list[tuple[str, Call, Call, Call]] = [
        ("getSlot", rpc.get_slot, lambda: baseline.get_slot(), bare(rq.GetSlot())),
        (
            "getMultipleAccounts ×100",
            lambda: rpc.get_multiple_accounts(keys),
            lambda: baseline.get_multiple_accounts(keys, encoding="base64"),
            bare(rq.GetMultipleAccounts(keys, accounts_config)),
        ),
        (
            "getSignatureStatuses ×256",
            lambda: rpc.get_signature_statuses(signatures),
            lambda: baseline.get_signature_statuses(signatures),
            bare(rq.GetSignatureStatuses(signatures)),
        ),
    ]
    print(f"{calls} calls per round, {concurrency} concurrent, best of {rounds} rounds")
    print(
        f"{'workload':<26} {'client':<16} {'calls/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>6}"
    )
    try:
        for name, ours, theirs, raw in workloads:
            # Alternate the clients within each round: all see the same machine load.
            clients = (("solana-py", theirs), ("RateLimitedRpc", ours), ("httpx alone", raw))
            best: dict[str, tuple[float, float, float]] = {}
            for _ in range(rounds):
                for client, call in clients:
                    result = await measure(call, calls, concurrency)
                    if client not in best or result[0] > best[client][0]:
                        best[client] = result
            base = best["solana-py"][0]
            for client, _ in clients:
                rate, p50, p99 = best[client]
                print(
                    f"{name:<26} {client:<16} {rate:>9.0f} {p50:>8.2f} {p99:>8.2f}"
                    f" {rate / base:>6.2f}"
                )
    finally:
        await rpc.close()
        await baseline.close()
        await http.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with start_cluster([]) as cluster:
        asyncio.run(run(cluster.rpc_url, args.calls, args.concurrency, args.rounds))


if __name__ == "__main__":
    main()
