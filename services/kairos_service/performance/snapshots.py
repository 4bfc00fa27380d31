"""Equity snapshots: every known margin account valued with the state code, stored."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from kairos.accounts import CollateralAsset, Oracle
from kairos.math.health import collateral_value
from solders.pubkey import Pubkey
from sqlalchemy import select

from kairos_service.db.models import CashFlowRow, EquitySnapshotRow, MarginAccountRow
from kairos_service.indexer.store import insert_ignore
from kairos_service.state.account_state import UnknownAccountError, account_state
from kairos_service.state.chain import ChainCache

if TYPE_CHECKING:
    from kairos_service.runtime import ServiceRuntime

log = logging.getLogger("kairos_service.snapshots")


async def net_flows(session: Any, cache: ChainCache, account: str, quote_decimals: int) -> int:
    """Cumulative deposits minus withdrawals in quote native units.

    Quote flows count at face value; another asset's flows at its current oracle price
    (the valuation its balance has in the equity, so a price move is P&L, not a flow).
    """
    assets: dict[str, Any] = {
        str(k): v.account for k, v in cache.of_type(CollateralAsset).items()
    }
    oracles: dict[Pubkey, Any] = {k: v.account for k, v in cache.of_type(Oracle).items()}
    rows = await session.execute(
        select(CashFlowRow.asset, CashFlowRow.amount).where(CashFlowRow.margin_account == account)
    )
    total = 0
    for asset_key, amount in rows.all():
        asset = assets.get(asset_key)
        if asset is None or asset.index == 0:
            total += int(amount)
            continue
        oracle = oracles.get(asset.oracle)
        if oracle is None:
            continue
        value = collateral_value(
            abs(int(amount)), oracle.price, exponent=oracle.exponent,
            quote_decimals=quote_decimals, asset_decimals=asset.decimals,
        )  # fmt: skip
        total += value if int(amount) > 0 else -value
    return total


async def snapshot_account(
    runtime: ServiceRuntime, account: str, now: int | None = None
) -> dict[str, Any] | None:
    """Value one account now and store the snapshot (None if it is not on the chain)."""
    cache = runtime.cache
    try:
        state = await account_state(cache, Pubkey.from_string(account))
    except UnknownAccountError:
        return None
    now = int(time.time()) if now is None else now
    async with runtime.sessions() as session, session.begin():
        flows = await net_flows(session, cache, account, state["quote_decimals"])
        await session.execute(
            insert_ignore(session, EquitySnapshotRow).values(
                margin_account=account, unix_time=now, slot=state["slot"],
                equity=state["equity"], net_flows=flows, unrealized=state["unrealized_pnl"],
            )
        )  # fmt: skip
    runtime.hub.publish_equity(account, float(now), state["equity"], state["slot"])
    return state


async def snapshot_all(runtime: ServiceRuntime) -> int:
    """Snapshot every open margin account the indexer knows; returns how many."""
    async with runtime.sessions() as session:
        accounts = list(
            await session.scalars(
                select(MarginAccountRow.address).where(MarginAccountRow.closed.is_(False))
            )
        )
    done = 0
    for account in accounts:
        try:
            if await snapshot_account(runtime, account) is not None:
                done += 1
        except Exception:
            log.exception("snapshot of %s failed", account)
    return done
