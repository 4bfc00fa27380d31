"""Indexer ingest rate against the localnet's transaction rate, and restart during load.

On the embedded localnet with Kairos deployed, in one run:
1. the localnet's rate: 8 traders send orders (a maker quote + a crossing taker order
   per pair) through the SDK as fast as they can: Kairos transactions/s and events/s;
2. backfill ingest: a fresh database indexes all of it (getSignaturesForAddress +
   batched getTransaction + writes): events/s and transactions/s, and their ratio to (1);
3. restart during load: the indexer follows live while the traders keep sending; it is
   killed and restarted every 2 s and its socket dropped in between; at the end the
   database is compared with the chain: missing and duplicated events (both must be 0).
Each on SQLite and on PostgreSQL.

    python benchmarks/service_indexer.py [--pairs 40] [--load-seconds 12]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import time

from kairos.constants import Side
from kairos.params import ConsumeEventsParams, PlaceOrderParams
from kairos.program import PROGRAM_ID
from kairos_localnet.testing import start_cluster
from kairos_service.db.migrate import upgrade
from kairos_service.db.models import EventRow
from kairos_service.db.session import make_engine, make_sessionmaker
from kairos_service.indexer.indexer import Indexer
from service_common import database_urls
from sqlalchemy import func, select
from tests.clients.kairos.conftest import _set_up, program_deployment

from tests.services.kairos_service.chain import PRICE_100, chain_events, new_trader

TRADERS = 8


async def traffic(setup, traders, pairs: int | None, seconds: float | None) -> int:  # type: ignore[no-untyped-def]
    """Each maker/taker couple quotes and crosses; returns how many transactions were sent."""
    sent = 0
    deadline = None if seconds is None else time.monotonic() + seconds

    async def couple(maker, taker) -> None:  # type: ignore[no-untyped-def]
        nonlocal sent
        i = 0
        while (pairs is None or i < pairs) and (deadline is None or time.monotonic() < deadline):
            side = Side.ASK if i % 2 == 0 else Side.BID
            other = Side.BID if side == Side.ASK else Side.ASK
            await maker.send(
                maker.orders.place(PlaceOrderParams(setup.market_index, side, PRICE_100, 1))
            )
            await taker.send(
                taker.orders.place(PlaceOrderParams(setup.market_index, other, PRICE_100, 1))
            )
            sent += 2
            i += 1
            if i % 4 == 0:  # the crank frees the maker's filled order slots
                await maker.send(
                    maker.orders.consume_events(ConsumeEventsParams(setup.market_index))
                )
                sent += 1

    await asyncio.gather(*(couple(traders[k], traders[k + 1]) for k in range(0, len(traders), 2)))
    return sent


async def stored_pairs(sessions) -> tuple[set[tuple[str, int]], int]:  # type: ignore[no-untyped-def]
    async with sessions() as session:
        rows = (await session.execute(select(EventRow.signature, EventRow.idx))).all()
        count = await session.scalar(select(func.count()).select_from(EventRow))
    return {(r[0], r[1]) for r in rows}, int(count or 0)


async def run(urls: dict[str, str], pairs: int, load_seconds: float) -> None:
    with start_cluster([program_deployment()], slot_ms=100) as cluster:
        setup = await _set_up(cluster)
        traders = [await new_trader(setup) for _ in range(TRADERS)]
        start = time.perf_counter()
        sent = await traffic(setup, traders, pairs, None)
        send_seconds = time.perf_counter() - start
        chain = await chain_events(cluster.rpc_url)
        print(f"\nlocalnet: {sent} Kairos transactions in {send_seconds:.1f} s = "
              f"{sent / send_seconds:.0f} tx/s; {len(chain)} events on chain so far "
              f"({len(chain) / send_seconds:.0f} events/s produced)")  # fmt: skip
        rows = []
        for name, url in urls.items():
            engine = make_engine(url)
            await upgrade(engine)
            sessions = make_sessionmaker(engine)
            indexer = Indexer(sessions, cluster.rpc_url, cluster.ws_url, PROGRAM_ID)
            start = time.perf_counter()
            await indexer.backfill()
            backfill_seconds = time.perf_counter() - start
            await indexer.close()
            _, backfilled = await stored_pairs(sessions)
            txs = indexer.scanned_transactions

            # Restart during load.
            stop = asyncio.Event()
            restarts = 0
            load = asyncio.create_task(traffic(setup, traders, None, load_seconds))
            while not load.done():
                current = Indexer(sessions, cluster.rpc_url, cluster.ws_url, PROGRAM_ID)
                task = asyncio.create_task(current.run(stop, retry_seconds=0.1))
                await asyncio.sleep(1.0)
                if current.ws is not None:
                    await current.ws.close()  # a dropped socket
                await asyncio.sleep(1.0)
                task.cancel()  # a crash
                with contextlib.suppress(asyncio.CancelledError):
                    await task
                await current.close()
                restarts += 1
            loaded = await load
            final = Indexer(sessions, cluster.rpc_url, cluster.ws_url, PROGRAM_ID)
            await final.backfill()
            await final.close()
            expected = await chain_events(cluster.rpc_url)
            stored, count = await stored_pairs(sessions)
            await engine.dispose()
            gaps = (len(expected - stored), count - len(stored), len(stored - expected))
            rows.append((name, backfilled, backfill_seconds, txs, loaded, restarts, *gaps))
        for trader in traders:
            await trader.close()
    tx_rate = sent / send_seconds
    print(
        "\n| engine | events backfilled | backfill events/s | backfill tx/s | "
        "÷ localnet tx/s | tx during restarts | restarts | missing | duplicated | extra |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, n, secs, txs, loaded, restarts, missing, dup, extra in rows:
        print(f"| {name} | {n} | {n / secs:.0f} | {txs / secs:.0f} | {txs / secs / tx_rate:.2f}x | "
              f"{loaded} | {restarts} | {missing} | {dup} | {extra} |")  # fmt: skip
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=40, help="per maker/taker couple")
    parser.add_argument("--load-seconds", type=float, default=12.0)
    args = parser.parse_args()
    with database_urls(["sqlite", "postgresql"]) as urls:
        asyncio.run(run(urls, args.pairs, args.load_seconds))


if __name__ == "__main__":
    main()
