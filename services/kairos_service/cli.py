"""What the ``kairos serve``, ``kairos performance`` and ``kairos account state`` commands run.

The kairos CLI (clients/kairos_cli/app.py) imports this module lazily inside its commands,
so the SDK never depends on the service.
"""

from __future__ import annotations

import asyncio
import logging
import os
from decimal import Decimal
from typing import Any

import httpx
import plotext
import uvicorn
from rich.console import Console
from rich.table import Table

from kairos_service.app import create_app
from kairos_service.config import ServiceConfig
from kairos_service.db.migrate import upgrade
from kairos_service.db.session import make_engine


def serve(config: ServiceConfig, *, log_level: str = "info") -> None:
    """Run the service in the foreground until interrupted."""
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(message)s")
    app = create_app(config)
    uvicorn.run(app, host=config.host, port=config.port, log_level=log_level)


async def migrate_only(database_url: str) -> str:
    """Bring the database to the newest revision and return it."""
    from kairos_service.db.migrate import current_revision

    engine = make_engine(database_url)
    try:
        await upgrade(engine)
        revision = await current_revision(engine)
    finally:
        await engine.dispose()
    return revision or ""


def run_migrations(database_url: str) -> str:
    """Synchronous wrapper of :func:`migrate_only` for the CLI."""
    return asyncio.run(migrate_only(database_url))


# --- client commands: they read a running service's HTTP API ----------------------------

DEFAULT_SERVICE_URL = "http://127.0.0.1:8080"


class ServiceError(RuntimeError):
    """The service refused the request (its problem+json detail) or could not be reached."""


def fetch(service_url: str, path: str, params: dict[str, Any] | None = None) -> Any:
    """GET a JSON document from the service (raises :class:`ServiceError` with its detail).

    The API key in ``KAIROS_API_KEY``, when set, is sent as ``X-API-Key`` (a service run
    with ``--api-keys required`` refuses keyless callers).
    """
    key = os.environ.get("KAIROS_API_KEY")
    headers = {"X-API-Key": key} if key else None
    try:
        response = httpx.get(
            service_url.rstrip("/") + path, params=params, headers=headers, timeout=30
        )
    except httpx.HTTPError as exc:
        raise ServiceError(f"cannot reach the Kairos service at {service_url}: {exc}") from exc
    if response.status_code >= 400:
        try:
            detail = response.json().get("detail", response.text)
        except ValueError:
            detail = response.text
        raise ServiceError(f"{response.status_code}: {detail}")
    return response.json()


def _ui(native: int | float | None, decimals: int) -> str:
    if native is None:
        return "–"
    return f"{Decimal(int(native)).scaleb(-decimals).normalize():,f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.4g} %"


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def pnl_chart(points: list[dict[str, Any]], decimals: int, width: int = 80) -> str:
    """A terminal line chart of P&L over time (plotext), plain text."""
    if len(points) < 2:
        return "(not enough snapshots for a chart yet)"
    figure = plotext.figure
    figure.clear()
    times = [p["time"] for p in points]
    start = times[0]
    signal = figure.signal(
        [(t - start) / 3600 for t in times],
        [p["pnl"] / 10**decimals for p in points],
    )
    signal.lines()
    figure.draw(signal)
    figure.plot_size(width, 15)
    figure.title("P&L (quote) over hours since the first snapshot")
    return str(plotext.uncolorize(figure.build()))


def performance_report(service_url: str, account: str, window: str) -> dict[str, Any]:
    """Summary, history and the account's quote decimals, as one document."""
    params = {"account": account, "window": window}
    summary = fetch(service_url, "/api/performance/summary", params)
    history = fetch(service_url, "/api/performance/history", params)
    try:
        decimals = int(fetch(service_url, f"/api/accounts/{account}/state")["quote_decimals"])
    except ServiceError:
        decimals = 6
    return {"summary": summary, "history": history, "quote_decimals": decimals}


def render_performance(console: Console, report: dict[str, Any]) -> None:
    """The rich table and the P&L chart of ``kairos performance show``."""
    s, decimals = report["summary"], report["quote_decimals"]
    table = Table(title=f"Performance of {s['account']}", show_header=False)
    table.add_column("metric")
    table.add_column("value", justify="right")
    drawdown = _pct(s["max_drawdown"])
    if s["max_drawdown_trough"]:
        drawdown += f" ({s['max_drawdown_peak']} → {s['max_drawdown_trough']}"
        drawdown += f", recovered {s['max_drawdown_recovery']})" if s["max_drawdown_recovery"] \
            else ", not recovered)"  # fmt: skip
    rows = [
        ("equity", _ui(s["equity"], decimals)),
        ("P&L", _ui(s["pnl"], decimals)),
        ("net deposits", _ui(s["net_deposits"], decimals)),
        ("time-weighted return", _pct(s["time_weighted_return"])),
        ("Sharpe (365 d, rf 0)", _ratio(s["sharpe"])),
        ("Sortino (365 d)", _ratio(s["sortino"])),
        ("max drawdown", drawdown),
        ("closed trades", str(s["trades"])),
        ("win rate", _pct(s["win_rate"])),
        ("profit factor", _ratio(s["profit_factor"])),
        ("average win", _ui(s["average_win"], decimals)),
        ("average loss", _ui(s["average_loss"], decimals)),
        ("average trade duration", "–" if s["average_trade_duration_seconds"] is None
         else f"{s['average_trade_duration_seconds']:.0f} s"),  # fmt: skip
        ("realized P&L", _ui(s["realized_pnl"], decimals)),
        ("fees", _ui(s["fees"], decimals)),
    ]
    for name, value in rows:
        table.add_row(name, value)
    console.print(table)
    console.print(pnl_chart(report["history"]["points"], decimals), highlight=False)


def render_state(console: Console, state: dict[str, Any]) -> None:
    """The rich tables of ``kairos account state``."""
    decimals = state["quote_decimals"]
    health = state["health"]
    table = Table(title=f"Account {state['margin_account']} at slot {state['slot']}",
                  show_header=False)  # fmt: skip
    table.add_column("field")
    table.add_column("value", justify="right")
    for name, value in [
        ("owner", state["owner"]),
        ("equity", _ui(state["equity"], decimals)),
        ("quote balance", _ui(state["quote_balance"], decimals)),
        ("collateral value", _ui(state["collateral_value"], decimals)),
        ("unrealized P&L", _ui(state["unrealized_pnl"], decimals)),
        ("margin in use", _ui(health.get("margin_in_use"), decimals)),
        ("free collateral", _ui(health.get("free_collateral"), decimals)),
        ("init / maint health",
         health["error"] or f"{_ui(health['init'], decimals)} / {_ui(health['maint'], decimals)}"),
        ("locked by open orders", _ui(state["locked"]["open_orders_quote"], decimals)),
        ("escrow (lamports)", str(state["locked"]["escrow_lamports"])),
        ("open orders / triggers", f"{len(state['orders'])} / {len(state['trigger_orders'])}"),
    ]:  # fmt: skip
        table.add_row(name, value)
    console.print(table)
    if state["positions"]:
        positions = Table(title="Positions")
        for column in ("market", "lots", "entry/lot", "mark/lot", "unrealized", "liq. price"):
            positions.add_column(column, justify="right")
        for p in state["positions"]:
            liquidation = p["liquidation_oracle_price"]
            positions.add_row(
                p["market"], str(p["base_lots"]), _ui(p["entry_price_per_lot"], decimals),
                _ui(p["mark_price_per_lot"], decimals), _ui(p["unrealized_pnl"], decimals),
                "–" if liquidation is None else str(liquidation),
            )  # fmt: skip
        console.print(positions)
