"""The background workers of ``kairos serve``: indexer, finality, oracle samples, snapshots."""

from __future__ import annotations

import asyncio
import base64
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from kairos.accounts import Oracle, PerpMarket
from solders.pubkey import Pubkey
from sqlalchemy import select, update

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


async def name_markets(sessions: Any, rpc: Rpc) -> None:
    """Fill in the names of markets (PerpMarketCreated does not carry it) from their accounts."""
    async with sessions() as session:
        unnamed = list(await session.scalars(select(MarketRow).where(MarketRow.name == "")))
    if not unnamed:
        return
    answer = await rpc.call(
        "getMultipleAccounts", [row.address for row in unnamed], {"encoding": "base64"}
    )
    async with sessions() as session, session.begin():
        for row, account in zip(unnamed, answer["value"], strict=True):
            if account is not None:
                market = PerpMarket.decode(base64.b64decode(account["data"][0]))
                await session.execute(
                    update(MarketRow)
                    .where(MarketRow.market_index == row.market_index)
                    .values(name=market.name_str)
                )


async def sample_oracles(sessions: Any, rpc: Rpc) -> int:
    """Read every known oracle once and store its price at its publish slot (idempotent)."""
    await name_markets(sessions, rpc)
    async with sessions() as session:
        oracles = set(await session.scalars(select(MarketRow.oracle)))
        oracles |= set(await session.scalars(select(AssetRow.oracle)))
    if not oracles:
        return 0
    keys = sorted(oracles)
    answer = await rpc.call("getMultipleAccounts", keys, {"encoding": "base64"})
    stored = 0
    async with sessions() as session, session.begin():
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


HEALTH_ALERT_BPS = 8_000


async def live_updates(runtime: ServiceRuntime) -> None:
    """Live P&L and health alerts for the accounts /ws clients follow."""
    from kairos_service.state.account_state import UnknownAccountError, account_state

    followed = {account for client in runtime.hub.clients.values() for account in client.accounts}
    for account in followed:
        try:
            state = await account_state(runtime.cache, Pubkey.from_string(account))
        except UnknownAccountError:
            continue
        runtime.hub.publish(account, {"type": "state", "account": account, "state": state})
        runtime.hub.publish_equity(account, time.time(), state["equity"], state["slot"])
        health = state["health"]
        if health.get("error") is None and (
            health["liquidatable"] or health["utilization_bps"] >= HEALTH_ALERT_BPS
        ):
            runtime.hub.publish(account, {
                "type": "health_alert", "account": account, "slot": state["slot"],
                "maint_health": health["maint"], "utilization_bps": health["utilization_bps"],
                "liquidatable": health["liquidatable"],
            })  # fmt: skip


async def _every(seconds: float, action: Callable[[], Awaitable[Any]], name: str) -> None:
    while True:
        try:
            await action()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed; retrying at the next tick", name)
        await asyncio.sleep(seconds)


def replica_workers(
    runtime: ServiceRuntime,
) -> list[tuple[str, Callable[[], Awaitable[None]]]]:
    """What an API-only replica (``--no-indexer``) still runs.

    The account subscription that account state is computed from, and the /ws live
    pushes of its own clients.
    """

    async def live() -> None:
        await runtime.cache.ready.wait()
        await _every(runtime.config.live_seconds, lambda: live_updates(runtime), "live updates")

    return [("accounts", runtime.cache.run), ("live-updates", live)]


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

    async def snapshots() -> None:
        from kairos_service.performance.snapshots import snapshot_all

        await runtime.cache.ready.wait()
        await _every(config.snapshot_seconds, lambda: snapshot_all(runtime), "snapshots")

    async def live() -> None:
        await runtime.cache.ready.wait()
        await _every(config.live_seconds, lambda: live_updates(runtime), "live updates")

    async def impact_models() -> None:
        from kairos_service.execution.worker import refit_forever

        await refit_forever(runtime)

    return [
        ("impact-model-refit", impact_models),
        ("indexer", indexer.run),
        ("accounts", runtime.cache.run),
        ("equity-snapshots", snapshots),
        ("live-updates", live),
        ("finality", finality),
        ("oracle-sampler", oracles),
    ]


def process_workers(
    runtime: ServiceRuntime,
) -> list[tuple[str, Callable[[], Awaitable[None]]]]:
    """The workers of this process: the indexer's, or an API replica's, or none."""
    if runtime.config.run_indexer:
        return background_workers(runtime)
    if runtime.config.follow_accounts:
        return replica_workers(runtime)
    return []
