"""The background workers of ``kairos serve``: indexer, finality, oracle samples, snapshots."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from kairos.accounts import Oracle
from solders.pubkey import Pubkey
from sqlalchemy import select

from kairos_service.db.models import AssetRow, MarketRow, OraclePriceRow
from kairos_service.indexer.indexer import Indexer
from kairos_service.indexer.rpc import Rpc
from kairos_service.indexer.store import insert_ignore

if TYPE_CHECKING:
    from kairos_service.runtime import ServiceRuntime

log = logging.getLogger("kairos_service.worker")

ALERT_EVENTS = {
    "PerpLiquidated": "liquidation",
    "CollateralLiquidated": "liquidation",
    "BankruptcyResolved": "liquidation",
    "OrdersForceCancelled": "liquidation",
}


def publisher(runtime: ServiceRuntime) -> Callable[[list[dict[str, Any]]], None]:
    """The indexer listener: every new event to the /ws clients of its accounts."""

    def publish(rows: list[dict[str, Any]]) -> None:
        for row in rows:
            message = {
                "type": ALERT_EVENTS.get(row["name"], "event"),
                "name": row["name"],
                "signature": row["signature"],
                "idx": row["idx"],
                "slot": row["slot"],
                "block_time": row["block_time"],
                "commitment": row["commitment"],
                "data": row["data"],
            }
            for account in row["accounts"]:
                runtime.hub.publish(account, {**message, "account": account})
        runtime.on_events(rows)

    return publish


async def sample_oracles(sessions: Any, rpc: Rpc) -> int:
    """Read every known oracle once and store its price at its publish slot (idempotent)."""
    async with sessions() as session:
        oracles = set(await session.scalars(select(MarketRow.oracle)))
        oracles |= set(await session.scalars(select(AssetRow.oracle)))
    if not oracles:
        return 0
    keys = sorted(oracles)
    answer = await rpc.call("getMultipleAccounts", keys, {"encoding": "base64"})
    stored = 0
    async with sessions() as session, session.begin():
        import base64

        for key, account in zip(keys, answer["value"], strict=True):
            if account is None:
                continue
            oracle = Oracle.decode(base64.b64decode(account["data"][0]))
            await session.execute(
                insert_ignore(session, OraclePriceRow).values(
                    oracle=key, slot=oracle.publish_slot, unix_time=oracle.publish_time,
                    price=oracle.price, confidence=oracle.confidence,
                    exponent=oracle.exponent, source="sample",
                )
            )  # fmt: skip
            stored += 1
    return stored


async def _every(seconds: float, action: Callable[[], Awaitable[Any]], name: str) -> None:
    while True:
        try:
            await action()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed; retrying at the next tick", name)
        await asyncio.sleep(seconds)


def background_workers(
    runtime: ServiceRuntime,
) -> list[tuple[str, Callable[[], Awaitable[None]]]]:
    """The workers ``kairos serve`` runs next to the API."""
    config = runtime.config
    indexer = Indexer(
        runtime.sessions,
        config.rpc_url,
        config.pubsub_url,
        Pubkey.from_string(str(config.program_id)),
        page=config.backfill_page,
        listener=publisher(runtime),
    )
    runtime.indexer = indexer
    rpc = Rpc(config.rpc_url)

    async def finality() -> None:
        await _every(config.finality_poll_seconds, indexer.promote, "finality")

    async def oracles() -> None:
        await _every(
            config.oracle_sample_seconds, lambda: sample_oracles(runtime.sessions, rpc), "oracles"
        )

    return [
        ("indexer", indexer.run),
        ("finality", finality),
        ("oracle-sampler", oracles),
    ]
