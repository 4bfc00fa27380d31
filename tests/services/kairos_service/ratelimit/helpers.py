"""Shared set-up of the rate-limit API tests: a migrated database, keys, apps."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from kairos_service.app import create_app
from kairos_service.auth.store import KeyInfo, open_store
from kairos_service.config import ServiceConfig
from kairos_service.db.models import MarginAccountRow
from kairos_service.db.session import make_engine, make_sessionmaker
from solders.keypair import Keypair

FAST = {
    "run_indexer": False,
    "api_keys": "required",
    "key_cache_seconds": 0.0,
    "switch_refresh_seconds": 0.1,
    "usage_flush_seconds": 3600.0,
}


def new_pubkey() -> str:
    return str(Keypair().pubkey())


@dataclasses.dataclass
class Db:
    url: str

    def run(self, coro_factory: Any) -> Any:
        async def go() -> Any:
            async with open_store(self.url) as store:
                return await coro_factory(store)

        return asyncio.run(go())

    def key(self, tier: str = "free", owners: tuple[str, ...] = (), all_accounts: bool = False,
            name: str = "test") -> tuple[KeyInfo, str]:
        return self.run(lambda s: s.create_key(name, tier, owners, all_accounts))  # type: ignore[no-any-return]

    def margin_account(self, address: str, owner: str) -> None:
        async def go() -> None:
            engine = make_engine(self.url)
            try:
                async with make_sessionmaker(engine).begin() as session:
                    session.add(MarginAccountRow(address=address, owner=owner, account_index=0,
                                                 created_slot=1, created_time=None))
            finally:
                await engine.dispose()

        asyncio.run(go())

    def app(self, **overrides: Any) -> TestClient:
        config = ServiceConfig(database_url=self.url, **(FAST | overrides))
        return TestClient(create_app(config))


def make_db(tmp_path: Path) -> Db:
    db = Db(f"sqlite:///{tmp_path / 'service.db'}")
    db.run(lambda s: s.list_keys())  # migrates
    return db
