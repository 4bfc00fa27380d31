"""API latency with 100 concurrent clients, on SQLite and on PostgreSQL.

For each engine: seeds 10 accounts (one with 1,000 round trips, nine with 100; hourly
snapshots over 30 days), starts ``kairos serve --no-indexer`` in its own process, then
100 concurrent clients (one httpx connection each) send a fixed number of requests each,
round-robin over ``/api/performance/summary``, ``/history?resolution=1d``,
``/api/trades?limit=100`` and ``/attribution``. The baseline, measured in the same run
with the same concurrency, is ``/api/health`` (one trivial query).

    python benchmarks/service_api.py [--clients 100] [--requests 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time

import httpx
from service_common import database_urls, percentile, seed_account
from solders.pubkey import Pubkey

ACCOUNTS = [str(Pubkey.new_unique()) for _ in range(10)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def seed(url: str) -> None:
    for i, account in enumerate(ACCOUNTS):
        await seed_account(url, account, 1000 if i == 0 else 100, 30, seed=i)


async def load(
    base: str, clients: int, per_client: int, paths: list[str]
) -> tuple[list[float], float]:
    latencies: list[float] = []
    errors = 0

    async def client(n: int) -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            for i in range(per_client):
                path = paths[(n + i) % len(paths)]
                start = time.perf_counter()
                response = await http.get(path)
                latencies.append((time.perf_counter() - start) * 1e3)
                if response.status_code != 200:
                    errors += 1
                    if errors == 1:
                        print(f"first failure: {path} -> {response.status_code} "
                              f"{response.text[:300]}")

    start = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{errors} requests failed")
    return latencies, len(latencies) / elapsed


def bench(url: str, clients: int, per_client: int) -> dict[str, float]:
    asyncio.run(seed(url))
    port = _free_port()
    # The service's own work is measured: the rate limiter (issue 18) is switched off.
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "KAIROS_SERVICE_RATE_LIMIT": "false",
           "KAIROS_SERVICE_FOLLOW_ACCOUNTS": "false"}  # no chain in this benchmark
    log = tempfile.NamedTemporaryFile(prefix="kairos-serve-", suffix=".log", delete=False)
    server = subprocess.Popen(
        [sys.executable, "-m", "kairos_cli", "serve", "--no-indexer", "--database-url", url,
         "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT,  # a file: a full pipe would block it
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("kairos serve did not start; see " + log.name)
            time.sleep(0.2)
        paths = []
        for account in ACCOUNTS:
            q = f"account={account}&window=all"
            paths += [
                f"/api/performance/summary?{q}",
                f"/api/performance/history?{q}&resolution=1d",
                f"/api/trades?{q}&limit=100",
                f"/api/performance/attribution?{q}",
            ]
        asyncio.run(load(base, 10, 5, paths))  # warm-up (caches, connections)
        api, api_rps = asyncio.run(load(base, clients, per_client, paths))
        health, health_rps = asyncio.run(load(base, clients, per_client, ["/api/health"]))
    finally:
        server.terminate()
        server.wait(timeout=15)
    return {
        "p50": percentile(api, 50), "p99": percentile(api, 99), "rps": api_rps,
        "h50": percentile(health, 50), "h99": percentile(health, 99), "hrps": health_rps,
        "n": float(len(api)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--requests", type=int, default=20, help="per client")
    args = parser.parse_args()
    with database_urls(["sqlite", "postgresql"]) as urls:
        results = {name: bench(url, args.clients, args.requests) for name, url in urls.items()}
    print(f"\nAPI under {args.clients} concurrent clients, {args.requests} requests each "
          f"(one uvicorn worker process; ms)\n")
    print("| engine | requests | API p50 | API p99 | API req/s | /api/health p50 | p99 | req/s "
          "| API p50 / health p50 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        print(f"| {name} | {r['n']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['rps']:.0f} | "
              f"{r['h50']:.1f} | {r['h99']:.1f} | {r['hrps']:.0f} | {r['p50'] / r['h50']:.2f}x |")
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
