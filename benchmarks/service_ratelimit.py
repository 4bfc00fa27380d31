"""Rate limiting of `kairos serve`: cost, exactness across replicas, Redis outage.

All in one run, loopback only, every loop bounded:

1. Throughput and p99 of a cheap GET (the account page, a static file, so the limiter's
   share shows) with 50 concurrent clients against one uvicorn replica with no limiter, the
   in-process limiter and the Redis limiter (20 Enterprise keys that may read every account,
   round-robin, so every request is admitted and the limiter's full path is timed).
2. Exactness: two uvicorn replicas on one Redis and one database, 50 concurrent clients
   hammering one Free key (burst 20, 100/hour) through both replicas for --seconds. The
   number of 2xx answers must equal capacity + refill over the interval exactly; the
   interval is the one Redis's own clock saw (the bucket's first and last check), and the
   bound from the benchmark's wall clock is printed too.
3. Redis stopped for a few seconds then restarted under load on one Redis replica: answers per
   phase (2xx, 429, 5xx), p99, and the alert gauge kairos_ratelimit_backend_up.

    python benchmarks/service_ratelimit.py [--seconds 40] [--requests 3000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for sub in ("clients", "keepers", "services"):
    sys.path.insert(0, str(ROOT / sub))

import httpx  # noqa: E402
from kairos_service.auth.store import open_store  # noqa: E402
from kairos_service.ratelimit.bucket import UNIT, BucketSpec  # noqa: E402
from kairos_service.ratelimit.redis_backend import RedisBackend  # noqa: E402
from kairos_service.ratelimit.redis_server import RedisServer, free_port  # noqa: E402
from kairos_service.ratelimit.tiers import TIERS, TierName  # noqa: E402

CLIENTS = 50
STALE = 1200  # marker: a 200 served from the read cache (X-Kairos-Cache: stale)
ROUNDS = 3
STATUS = "/api/rate-limits/status"  # not cacheable: a refused request is a 429, never stale


def start_replica(db_url: str, *, redis_url: str | None, limiter: bool, log: Path) -> tuple[
    subprocess.Popen[bytes], str
]:
    port = free_port()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "clients"), str(ROOT / "keepers"), str(ROOT / "services")]
        + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
    )
    env.update(
        KAIROS_SERVICE_DATABASE_URL=db_url,
        KAIROS_SERVICE_RUN_INDEXER="false",
        KAIROS_SERVICE_API_KEYS="required",
        KAIROS_SERVICE_RATE_LIMIT="true" if limiter else "false",
        KAIROS_SERVICE_RATE_LIMIT_MAX_IN_FLIGHT="1000",
        KAIROS_SERVICE_RATE_LIMIT_MAX_QUEUE="1000",
    )
    env.pop("KAIROS_SERVICE_REDIS_URL", None)
    if redis_url:
        env["KAIROS_SERVICE_REDIS_URL"] = redis_url
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "kairos_service.app:create_app",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
             "--no-access-log"],
            env=env, stdout=out, stderr=subprocess.STDOUT, cwd=str(ROOT),
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"replica exited: {log.read_text()[-3000:]}")
        try:
            if httpx.get(base + "/openapi.json", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("replica did not start in 60 s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


def p99(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


async def load(
    bases: list[str], keys: list[str], *, total: int | None = None,
    seconds: float | None = None, path: str = "/accounts/11111111111111111111111111111111",
) -> list[tuple[float, float, int]]:
    """(start time, latency s, status) of every request; 50 workers, bounded count or time."""
    results: list[tuple[float, float, int]] = []
    counter = 0
    end = time.monotonic() + seconds if seconds else None
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def worker(w: int) -> None:
            nonlocal counter
            while True:
                if total is not None and counter >= total:
                    return
                if end is not None and time.monotonic() >= end:
                    return
                i = counter
                counter += 1
                base = bases[i % len(bases)]
                t0 = time.monotonic()
                try:
                    r = await client.get(base + path, headers={"X-API-Key": keys[i % len(keys)]})
                    # A stale cached answer to a rate-limited read counts apart from a 2xx.
                    status = STALE if "X-Kairos-Cache" in r.headers else r.status_code
                except httpx.HTTPError:
                    status = 599
                results.append((t0, time.monotonic() - t0, status))

        await asyncio.gather(*(worker(w) for w in range(CLIENTS)))
    return results


async def make_keys(db_url: str, tier: str, n: int) -> list[str]:
    async with open_store(db_url) as store:
        return [
            (await store.create_key(f"bench-{tier}-{i}", tier, all_accounts=True))[1]
            for i in range(n)
        ]


def summary(results: list[tuple[float, float, int]], wall: float) -> dict[str, float]:
    ok = sum(1 for _, _, s in results if 200 <= s < 300)
    return {
        "requests": len(results),
        "2xx": ok,
        "429": sum(1 for _, _, s in results if s == 429),
        "5xx": sum(1 for _, _, s in results if 500 <= s < 600),  # 599: no answer at all
        "stale": sum(1 for _, _, s in results if s == STALE),
        "rps": len(results) / wall if wall else 0.0,
        "p50_ms": sorted(r[1] for r in results)[len(results) // 2] * 1000 if results else 0.0,
        "p99_ms": p99([r[1] for r in results]) * 1000,
    }


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=40.0, help="exactness run length")
    parser.add_argument("--requests", type=int, default=2000, help="requests per throughput run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kairos-bench-rl-") as tmp:
        tmpdir = Path(tmp)
        redis = RedisServer(tmpdir)
        redis.start()
        db_url = f"sqlite+aiosqlite:///{tmpdir / 'service.db'}"
        log = tmpdir / "replicas.log"
        try:
            ent_keys = await make_keys(db_url, "enterprise", 20)
            free_key = (await make_keys(db_url, "free", 1))[0]
            outage_key = (await make_keys(db_url, "enterprise", 1))[0]

            # 1. Cost of the limiter: three replicas up at once, loaded in turns (rounds), so
            # the machine's other load hits every mode alike; median req/s over the rounds.
            print(f"1. GET /accounts/<pubkey>, {CLIENTS} concurrent clients, {ROUNDS} rounds of "
                  f"{args.requests} requests per mode in turn, one uvicorn replica per mode "
                  "(20 Enterprise keys: every request admitted)")
            modes = (
                ("no limiter", None, False),
                ("in-process limiter", None, True),
                ("Redis limiter", redis.url, True),
            )
            procs = [start_replica(db_url, redis_url=u, limiter=lim, log=log)
                     for _, u, lim in modes]
            rates: dict[str, list[float]] = {m[0]: [] for m in modes}
            lat: dict[str, list[tuple[float, float, int]]] = {m[0]: [] for m in modes}
            try:
                for (_, base) in procs:
                    await load([base], ent_keys, total=200)  # warm-up
                for _ in range(ROUNDS):
                    for (label, _, _), (_, base) in zip(modes, procs, strict=True):
                        t0 = time.monotonic()
                        res = await load([base], ent_keys, total=args.requests)
                        rates[label].append(len(res) / (time.monotonic() - t0))
                        lat[label] += res
            finally:
                for proc, _ in procs:
                    stop(proc)
            base_rps = statistics.median(rates["no limiter"])
            print(f"{'mode':<20} {'req/s':>8} {'vs none':>8} {'p50 ms':>8} {'p99 ms':>8} "
                  f"{'2xx':>6} {'429':>5} {'5xx':>5}")
            for label, _, _ in modes:
                s = summary(lat[label], 1.0)
                rps = statistics.median(rates[label])
                print(f"{label:<20} {rps:>8.0f} {rps / base_rps:>8.2f} "
                      f"{s['p50_ms']:>8.2f} {s['p99_ms']:>8.2f} {s['2xx']:>6} {s['429']:>5} "
                      f"{s['5xx']:>5}")
            print("(req/s: median of the rounds; p50/p99 over every request of the mode)")

            # 2. Exactness with two replicas on one Redis.
            print(f"\n2. Exactness: 2 replicas, one Redis, {CLIENTS} clients on one Free key "
                  f"for {args.seconds:.0f} s")
            replicas = [start_replica(db_url, redis_url=redis.url, limiter=True, log=log)
                        for _ in range(2)]
            probe = RedisBackend(redis.url)
            try:
                t_start = time.time()
                res = await load([b for _, b in replicas], [free_key], seconds=args.seconds,
                                 path=STATUS)
                t_end = time.time()
                s = summary(res, t_end - t_start)
                from kairos_service.auth.keys import parse_key

                state = await probe.state("key:" + parse_key(free_key))
                assert state is not None
                spec = BucketSpec.of(TIERS[TierName.FREE])
                elapsed_us = state["ts"] - state["since"]
                expected = (spec.capacity + elapsed_us * spec.refill_per_us) // UNIT
                wall_us = int((t_end - t_start) * 1e6)
                wall_max = (spec.capacity + wall_us * spec.refill_per_us) // UNIT
                per_replica = [sum(1 for i, (_, _, st) in enumerate(res) if 200 <= st < 300
                                   and i % 2 == r) for r in (0, 1)]
                print(f"requests {s['requests']}, 2xx {s['2xx']} (answers in order of issue "
                      f"split {per_replica[0]}+{per_replica[1]} between replicas), 429 {s['429']}, "
                      f"5xx {s['5xx']}")
                print(f"bucket interval seen by Redis: {elapsed_us / 1e6:.3f} s; capacity 20 + "
                      f"refill {elapsed_us * spec.refill_per_us / UNIT:.4f} tokens -> expected "
                      f"2xx = {expected}; wall-clock bound <= {wall_max}")
                verdict = "EXACT" if s["2xx"] == expected else "MISMATCH"
                print(f"2xx == capacity + refill: {s['2xx']} == {expected}: {verdict}")
            finally:
                await probe.close()
                for proc, _ in replicas:
                    stop(proc)

            # 3. Redis stopped and restarted under load.
            print("\n3. Redis stopped at 3 s and restarted at 6 s, 9 s of load on one replica "
                  "(policy 'local': per-replica in-process buckets while Redis is away)")
            proc, base = start_replica(db_url, redis_url=redis.url, limiter=True, log=log)
            try:
                gauges: list[tuple[str, str]] = []

                async def chaos() -> None:
                    async with httpx.AsyncClient() as c:
                        await asyncio.sleep(3)
                        redis.stop()
                        await asyncio.sleep(1.5)
                        metrics = (await c.get(base + "/metrics")).text
                        gauges.append(("during outage", _gauge(metrics)))
                        await asyncio.sleep(1.5)
                        redis.start()
                        await asyncio.sleep(2)
                        metrics = (await c.get(base + "/metrics")).text
                        gauges.append(("after restart", _gauge(metrics)))

                t0 = time.monotonic()
                res, _ = await asyncio.gather(load([base], [outage_key], seconds=9), chaos())
                phases = (("Redis up", 0, 3), ("Redis stopped", 3, 6), ("Redis restarted", 6, 9))
                print(f"{'phase':<16} {'req/s':>8} {'2xx':>6} {'429':>5} {'5xx':>5} {'p99 ms':>8}"
                      f" {'stale':>6}")
                for name, a, b in phases:
                    part = [r for r in res if a <= r[0] - t0 < b]
                    s = summary(part, b - a)
                    print(f"{name:<16} {s['rps']:>8.0f} {s['2xx']:>6} {s['429']:>5} "
                          f"{s['5xx']:>5} {s['p99_ms']:>8.2f} {s['stale']:>6}")
                for label, value in gauges:
                    print(f"kairos_ratelimit_backend_up {label}: {value}")
            finally:
                stop(proc)
        finally:
            redis.stop()


def _gauge(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("kairos_ratelimit_backend_up "):
            return line.split()[1]
    return "?"


if __name__ == "__main__":
    asyncio.run(main())
