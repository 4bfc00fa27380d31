"""``kairos execute ...``: pre-trade estimates, ranked routes and protected execution.

Registered on the root app by ``kairos_cli.app`` (imported at its end). Sizes are in base
units (lots with ``--native``). ``swap`` sends the route the preferences rank first
(a template, plus overrides) with its on-chain limits; a TWAP route shows a rich
progress bar while keepers execute its slices (``--wait``).
"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Annotated, Any

import typer
from kairos.client import KairosClient
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kairos_cli.common import (
    IndexOpt,
    JsonOpt,
    MarketArg,
    NativeOpt,
    SideArg,
    app,
    cli_state,
    emit,
    field_table,
    parse_side,
    run,
)
from kairos_cli.scheduled import _lots_and_price

execute_app = typer.Typer(
    help="Execution quality: slippage estimates, routes and protected execution.",
    no_args_is_help=True,
)
app.add_typer(execute_app, name="execute")

TemplateOpt = Annotated[
    str,
    typer.Option(
        "--template",
        help="Speed First, Best Price, MEV Protected, Gas Optimized or Balanced.",
    ),
]
Size = Annotated[str, typer.Argument(help="Size (base units; lots with --native).")]


def _template(name: str) -> Any:
    # Imported when used: numpy (the impact model) would slow every CLI start.
    from kairos.execution.routes import template

    try:
        return template(name)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


@execute_app.command("estimate")
def estimate(
    ctx: typer.Context,
    market: MarketArg,
    side: SideArg,
    size: Size,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Book walk now: expected price, slippage band and the recommended tolerance."""
    state = cli_state(ctx, json_output)
    order_side = parse_side(side)

    async def action(client: KairosClient) -> dict[str, Any]:
        from kairos.execution.client import ExecutionClient

        index, lots, _ = await _lots_and_price(client, market, size, None, native, False)
        result = await ExecutionClient(client).pre_trade(index, order_side, lots)
        return dataclasses.asdict(result)

    data = run(state, action)

    def human(console: Any) -> None:
        table = field_table("Pre-trade estimate", bold=False, header=True)
        for key, value in data.items():
            table.add_row(key.replace("_", " "), str(value))
        console.print(table)

    emit(state, data, human)


@execute_app.command("routes")
def routes(
    ctx: typer.Context,
    market: MarketArg,
    side: SideArg,
    size: Size,
    template_name: TemplateOpt = "Balanced",
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """The routes the template allows, ranked (cost in bps, lower is better)."""
    state = cli_state(ctx, json_output)
    order_side = parse_side(side)
    prefs = _template(template_name)

    async def action(client: KairosClient) -> list[dict[str, Any]]:
        from kairos.execution.client import ExecutionClient

        index, lots, _ = await _lots_and_price(client, market, size, None, native, False)
        _, ranked = await ExecutionClient(client).rank(index, order_side, lots, prefs)
        return [
            {
                "route": s.route.kind.value,
                "cost_bps": round(s.cost_bps, 3),
                "slippage_bps": round(s.route.expected_slippage_bps, 3),
                "seconds": s.route.expected_seconds,
                "child_orders": s.route.child_orders,
                "mev_level": s.route.mev_level,
            }
            for s in ranked
        ]

    rows = run(state, action)

    def human(console: Any) -> None:
        table = Table(title=f"Routes ({template_name})")
        for key in ("route", "cost_bps", "slippage_bps", "seconds", "child_orders", "mev_level"):
            table.add_column(key.replace("_", " "))
        for row in rows:
            table.add_row(*(str(v) for v in row.values()))
        console.print(table)

    emit(state, rows, human)


@execute_app.command("swap")
def swap(
    ctx: typer.Context,
    market: MarketArg,
    side: SideArg,
    size: Size,
    template_name: TemplateOpt = "Balanced",
    tolerance_bps: Annotated[
        int | None, typer.Option(help="Tolerance in bps instead of the recommended one.")
    ] = None,
    wait: Annotated[bool, typer.Option(help="Follow a split order until it finishes.")] = True,
    timeout: Annotated[float, typer.Option(help="Seconds to follow a split order.")] = 600.0,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Send the first-ranked route with its on-chain worst price and oracle band."""
    state = cli_state(ctx, json_output)
    order_side = parse_side(side)
    prefs = _template(template_name)
    if tolerance_bps is not None and not 0 <= tolerance_bps <= 10_000:
        raise typer.BadParameter("--tolerance-bps must be in [0, 10000]")

    async def action(client: KairosClient) -> dict[str, Any]:
        from kairos.execution.client import ExecutionClient
        from kairos.execution.routes import RouteKind

        market_index, lots, _ = await _lots_and_price(client, market, size, None, native, False)
        result = await ExecutionClient(client).execute(
            market_index, order_side, lots, prefs, tolerance_bps=tolerance_bps,
            account_index=index,
        )  # fmt: skip
        out: dict[str, Any] = {
            "route": result.route.kind.value,
            "ranked_first": result.ranked_first.value,
            "worst_price": result.worst_price,
            "max_oracle_deviation_bps": result.max_oracle_deviation_bps,
            "expected_slippage_bps": result.estimate.expected_slippage_bps,
            "signatures": [str(s) for s in result.signatures],
            "account": str(result.account) if result.account else None,
        }
        if result.route.kind == RouteKind.TWAP and result.account is not None and wait:
            out["filled_base_lots"] = await _follow_twap(client, result.account, lots, timeout,
                                                         show=not state.json)  # fmt: skip
        return out

    data = run(state, action)
    emit(state, data, lambda console: console.print(data))


async def _follow_twap(
    client: KairosClient, address: Any, lots: int, timeout: float, *, show: bool
) -> int:
    """Poll the TwapOrder until finished (or ``timeout``), with a progress bar."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    filled = 0
    with Progress(
        TextColumn("TWAP"), BarColumn(), TextColumn("{task.completed}/{task.total} lots"),
        TimeElapsedColumn(), disable=not show,
    ) as progress:  # fmt: skip
        task = progress.add_task("twap", total=lots)
        while loop.time() < deadline:
            order = await client.twap.get(address)
            filled = order.filled_base_lots
            progress.update(task, completed=filled)
            if order.finished:
                break
            await asyncio.sleep(1.0)
    return filled
