"""Shared by the service benchmarks: databases on both engines, synthetic account history."""

from __future__ import annotations

import asyncio
import contextlib
import random
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
from kairos_service.db.migrate import upgrade
from kairos_service.db.models import EquitySnapshotRow, FillRow, MarginAccountRow
from kairos_service.db.session import make_engine, make_sessionmaker

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.services.kairos_service.postgres import postgres_server  # noqa: E402

T0 = 1_767_225_600  # 2026-01-01T00:00:00Z
MARKETS = (
    "MarketA1111111111111111111111111111111111111",
    "MarketB1111111111111111111111111111111111111",
)


@contextlib.contextmanager
def database_urls(engines: list[str]) -> Iterator[dict[str, str]]:
    """A fresh database per engine name ("sqlite", "postgresql"), PostgreSQL started here."""
    with contextlib.ExitStack() as stack:
        urls: dict[str, str] = {}
        if "sqlite" in engines:
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="kairos-bench-"))
            urls["sqlite"] = f"sqlite:///{tmp}/service.db"
        if "postgresql" in engines:
            server = stack.enter_context(postgres_server())
            name = "b_" + uuid.uuid4().hex[:12]

            async def create() -> None:
                conn = await asyncpg.connect(server)
                try:
                    await conn.execute(f'CREATE DATABASE "{name}"')
                finally:
                    await conn.close()

            asyncio.run(create())
            urls["postgresql"] = server.rsplit("/", 1)[0] + "/" + name
        yield urls


async def seed_account(url: str, account: str, trades: int, days: int, seed: int = 1) -> None:
    """Migrate, then write ``trades`` round trips (2 fills each) and hourly snapshots."""
    engine = make_engine(url)
    await upgrade(engine)
    rng = random.Random(seed)
    sessions = make_sessionmaker(engine)
    async with sessions() as session, session.begin():
        session.add(MarginAccountRow(address=account, owner="owner", account_index=0,
                                     created_slot=1, created_time=T0, closed=False))  # fmt: skip
        span = days * 86_400
        for i in range(trades):
            market = MARKETS[i % 2]
            lots = rng.randrange(1, 100)
            side = rng.choice((1, -1))
            entry, exit_ = rng.randrange(900_000, 1_100_000), rng.randrange(900_000, 1_100_000)
            opened = T0 + i * span // trades
            for j, (t, lots_, q) in enumerate((
                (opened, side * lots, -side * entry * lots),
                (opened + rng.randrange(60, 3600), -side * lots, side * exit_ * lots),
            )):  # fmt: skip
                session.add(FillRow(
                    signature=f"s{i}-{j}", idx=0, margin_account=account, market=market,
                    slot=1 + 2 * i + j, tx_order=0, block_time=t, role="taker", base_lots=lots_,
                    quote=q, fee=abs(q) // 1000, source="bench", commitment="finalized",
                ))  # fmt: skip
        equity = flows = 10_000_000_000
        for h in range(days * 24 + 1):
            equity = max(int(equity * (1 + rng.gauss(0.0001, 0.004))), 1)
            session.add(EquitySnapshotRow(
                margin_account=account, unix_time=T0 + h * 3600, slot=h, equity=equity,
                net_flows=flows, unrealized=0,
            ))  # fmt: skip
    await engine.dispose()


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]
