"""Account state, performance and trades routes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from solders.pubkey import Pubkey
from sqlalchemy import select

from kairos_service.api.problems import Problem, bad_parameter, not_found
from kairos_service.db.models import MarginAccountRow
from kairos_service.performance import service as perf
from kairos_service.state.account_state import UnknownAccountError, account_state

router = APIRouter()

AccountQ = Annotated[str, Query(description="Margin account (base58).")]
WindowQ = Annotated[
    str | None, Query(description="7d, 12h, 4w, 3m, 1y or all (or start/end instead).")
]
StartQ = Annotated[int | None, Query(description="Window start, unix seconds.")]
EndQ = Annotated[int | None, Query(description="Window end, unix seconds (default now).")]


def _pubkey(value: str, name: str = "account") -> Pubkey:
    try:
        return Pubkey.from_string(value)
    except ValueError:
        raise bad_parameter(name, f"{value!r} is not a base58 public key") from None


def _window(window: str | None, start: int | None, end: int | None) -> tuple[int, int]:
    try:
        return perf.parse_window(window, start, end)
    except perf.BadParameterError as exc:
        raise bad_parameter(exc.parameter, str(exc)) from None


async def _state_or_none(request: Request, key: Pubkey) -> dict[str, Any] | None:
    try:
        return await account_state(request.app.state.runtime.cache, key)
    except (UnknownAccountError, Exception):  # noqa: BLE001 - attribution works without it
        return None


async def _run(request: Request, fn: Any, *args: Any) -> dict[str, Any]:
    runtime = request.app.state.runtime
    async with runtime.sessions() as session:
        try:
            result: dict[str, Any] = await fn(session, *args)
        except perf.BadParameterError as exc:
            raise bad_parameter(exc.parameter, str(exc)) from None
        except LookupError as exc:
            raise not_found("unknown-account", str(exc)) from None
    return result


@router.get("/api/accounts/{pubkey}/state", tags=["accounts"])
async def get_account_state(request: Request, pubkey: str) -> dict[str, Any]:
    """Balances, collateral, health, positions, orders, escrows; ``slot`` of the data."""
    key = _pubkey(pubkey, "pubkey")
    try:
        return await account_state(request.app.state.runtime.cache, key)
    except UnknownAccountError as exc:
        raise not_found("unknown-account", str(exc)) from None
    except (OSError, TimeoutError) as exc:
        detail = str(exc) or "the account subscription has not loaded the chain's accounts yet"
        raise Problem(503, "chain-unavailable", "Chain unavailable", detail) from None


@router.get("/api/owners/{owner}/state", tags=["accounts"])
async def get_owner_state(request: Request, owner: str) -> dict[str, Any]:
    """Every indexed margin account of one wallet, each valued, with totals."""
    _pubkey(owner, "owner")
    runtime = request.app.state.runtime
    async with runtime.sessions() as session:
        addresses = list(
            await session.scalars(
                select(MarginAccountRow.address)
                .where(MarginAccountRow.owner == owner, MarginAccountRow.closed.is_(False))
                .order_by(MarginAccountRow.account_index)
            )
        )
    if not addresses:
        raise not_found("unknown-owner", f"no indexed margin account is owned by {owner}")
    accounts = []
    for address in addresses:
        try:
            accounts.append(await account_state(runtime.cache, Pubkey.from_string(address)))
        except UnknownAccountError:
            continue  # closed on chain since it was indexed
    totals = {
        key: sum(a[key] for a in accounts)
        for key in ("equity", "collateral_value", "unrealized_pnl", "quote_balance")
    }
    totals["margin_in_use"] = sum(a["health"].get("margin_in_use", 0) for a in accounts)
    totals["free_collateral"] = sum(a["health"].get("free_collateral", 0) for a in accounts)
    totals["locked_by_orders"] = sum(a["locked"]["open_orders_quote"] for a in accounts)
    return {
        "owner": owner,
        "slot": max((a["slot"] for a in accounts), default=0),
        "totals": totals,
        "accounts": accounts,
    }


@router.get("/api/performance/summary", tags=["performance"])
async def performance_summary(
    request: Request, account: AccountQ, window: WindowQ = None, start: StartQ = None,
    end: EndQ = None,
) -> dict[str, Any]:
    """TWR, Sharpe, Sortino, max drawdown with dates, trade statistics for a window."""
    _pubkey(account)
    lo, hi = _window(window, start, end)
    return await _run(request, perf.summary, account, lo, hi)


@router.get("/api/performance/history", tags=["performance"])
async def performance_history(
    request: Request, account: AccountQ, window: WindowQ = None, start: StartQ = None,
    end: EndQ = None,
    resolution: Annotated[str, Query(description="raw, 1h, 1d, 1w or 1M.")] = "raw",
) -> dict[str, Any]:
    """Equity, P&L and drawdown per point; daily P&L."""
    _pubkey(account)
    lo, hi = _window(window, start, end)
    return await _run(request, perf.history, account, lo, hi, resolution)


@router.get("/api/performance/attribution", tags=["performance"])
async def performance_attribution(
    request: Request, account: AccountQ, window: WindowQ = None, start: StartQ = None,
    end: EndQ = None,
) -> dict[str, Any]:
    """Realized/unrealized P&L and fees by market, net deposits by collateral asset."""
    key = _pubkey(account)
    lo, hi = _window(window, start, end)
    state = await _state_or_none(request, key)
    return await _run(request, perf.attribution, account, lo, hi, state)


@router.get("/api/performance/benchmarks", tags=["performance"])
async def performance_benchmarks(
    request: Request, account: AccountQ, window: WindowQ = None, start: StartQ = None,
    end: EndQ = None,
) -> dict[str, Any]:
    """The account's time-weighted return against SOL, BTC and ETH oracle price returns."""
    _pubkey(account)
    lo, hi = _window(window, start, end)
    configured = {s: str(o) for s, o in request.app.state.runtime.config.benchmark_oracles}
    return await _run(request, perf.benchmarks, account, lo, hi, configured)


@router.get("/api/trades", tags=["performance"])
async def trades(
    request: Request, account: AccountQ, window: WindowQ = None, start: StartQ = None,
    end: EndQ = None, limit: Annotated[int, Query(ge=1, le=10_000)] = 500,
) -> dict[str, Any]:
    """Trades (open to flat) with entry/exit, P&L, ROI, fees; newest first."""
    _pubkey(account)
    lo, hi = _window(window, start, end)

    async def load(session: Any) -> dict[str, Any]:
        _snapshots, all_trades = await perf.HISTORY.get(session, account)
        chosen = [t for t in all_trades if (t.closed_at or hi) >= lo and t.opened_at <= hi]
        chosen.sort(key=lambda t: t.opened_at, reverse=True)
        return {
            "account": account, "start": lo, "end": hi, "has_fills": bool(all_trades),
            "trades": [
                {
                    "market": t.market, "side": t.side, "opened_at": t.opened_at,
                    "closed_at": t.closed_at, "max_base_lots": t.max_lots,
                    "entry_price_per_lot": t.entry_price(), "exit_price_per_lot": t.exit_price(),
                    "pnl": t.pnl if t.closed_at is not None else None, "roi": t.roi
                    if t.closed_at is not None else None, "fees": t.fees, "funding": t.funding,
                    "duration_seconds": t.duration,
                }
                for t in chosen[:limit]
            ],
        }  # fmt: skip

    return await _run(request, load)
