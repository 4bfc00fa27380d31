"""``kairos twap ...`` and ``kairos schedule ...``: TWAP and scheduled orders from the CLI.

Registered on the root app by ``kairos_cli.app`` (imported at its end). Sizes and
prices are in base / quote units like ``kairos order place`` (lots and native
prices with ``--native``). Times: a unix timestamp, or ``+SECONDS`` from the
cluster's clock (the Clock sysvar, so a warped localnet is handled).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import typer
from kairos.client import KairosClient
from kairos.clock import clock_unix_timestamp
from kairos.constants import OrderType, TimeInForce
from kairos.errors import KairosError
from kairos.math.orderbook import MarketUnits
from kairos.params import (
    CancelScheduledOrderParams,
    CancelTwapOrderParams,
    CreateScheduledOrderParams,
    CreateTwapOrderParams,
    SetTwapPausedParams,
)
from kairos.scheduled_orders import (
    MissedSlicePolicy,
    ScheduledOrderSpec,
    ScheduleKind,
    ScheduleParams,
    TwapParams,
    twap_next_due_time,
)
from rich.console import Console
from rich.table import Table
from solders.pubkey import Pubkey
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos_cli.common import (
    NEGATIVE_NUMBERS_OK,
    IndexOpt,
    JsonOpt,
    MarketArg,
    NativeOpt,
    Outgoing,
    SideArg,
    StpOpt,
    TifOpt,
    app,
    cli_state,
    emit,
    market_key,
    parse_decimal,
    parse_native,
    parse_pubkey,
    parse_side,
    run,
    transact,
)
from kairos_cli.orders import OrderOptions
from kairos_cli.units import market_units_by_index, row_ui

twap_app = typer.Typer(help="TWAP orders executed slice by slice by keepers.", no_args_is_help=True)
schedule_app = typer.Typer(
    help="Scheduled orders: once, every N seconds, or by cron.", no_args_is_help=True
)
app.add_typer(twap_app, name="twap")
app.add_typer(schedule_app, name="schedule")

POLICIES = {"catch-up": MissedSlicePolicy.CATCH_UP, "skip": MissedSlicePolicy.SKIP}

ReasonableReward = Annotated[
    int, typer.Option("--reward", help="Keeper reward per execution, lamports.")
]


async def chain_now(client: KairosClient) -> int:
    """The cluster's Clock unix_timestamp."""
    info = await client.connection.get_account_info(CLOCK_SYSVAR)
    if info.value is None:
        raise KairosError("the cluster has no Clock sysvar")
    return clock_unix_timestamp(bytes(info.value.data))


def parse_time(value: str, now: int) -> int:
    """``+SECONDS`` from ``now``, or an absolute unix timestamp."""
    try:
        return now + int(value[1:]) if value.startswith("+") else int(value)
    except ValueError:
        raise typer.BadParameter(f"time {value!r}: use unix seconds or +SECONDS") from None


def positive_decimal(text: str, what: str) -> Decimal:
    """A positive number in UI units, or a usage error naming ``what``."""
    value = parse_decimal(text, what)
    if value <= 0:
        raise typer.BadParameter(f"{what} {text} must be positive")
    return value


async def _lots_and_price(
    client: KairosClient, market: str, size: str, price: str | None, native: bool, round_up: bool
) -> tuple[int, int, int]:
    found = await client.find_perp_market(market_key(market))
    if native:
        lots = parse_native(size, "size")
        native_price = 0 if price is None else parse_native(price, "price")
    else:
        units = MarketUnits.of(found, await client.get_quote_decimals())
        lots = units.decimal_to_lots(positive_decimal(size, "size"))
        native_price = (
            0
            if price is None
            else units.decimal_to_price(positive_decimal(price, "price"), round_up=round_up)
        )
    if lots <= 0:
        raise KairosError(f"size {size} is below one lot of market {found.name_str}")
    return found.index, lots, native_price


@twap_app.command("create", context_settings=NEGATIVE_NUMBERS_OK)
def twap_create(
    ctx: typer.Context,
    market: MarketArg,
    side: SideArg,
    size: Annotated[str, typer.Argument(help="Total size (base units; lots with --native).")],
    interval: Annotated[int, typer.Option(help="Seconds between slices.")],
    slices: Annotated[int, typer.Option(help="Number of slices (or --slice-size).")] = 0,
    slice_size: Annotated[
        str | None, typer.Option(help="Size of each slice instead of --slices.")
    ] = None,
    start: Annotated[str, typer.Option(help="First slice: unix time or +SECONDS.")] = "+0",
    limit: Annotated[str | None, typer.Option(help="Worst price (quote per base unit).")] = None,
    max_deviation_bps: Annotated[
        int, typer.Option(help="Worst price as a band around the oracle, bps.")
    ] = 0,
    random_window: Annotated[
        int, typer.Option(help="Spread each slice randomly within this many seconds.")
    ] = 0,
    policy: Annotated[str, typer.Option(help="Missed slices: catch-up or skip.")] = "catch-up",
    reward: ReasonableReward = 10_000,
    twap_id: Annotated[int | None, typer.Option("--id", help="Order id (random).")] = None,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Create a TWAP order: SIZE in slices every INTERVAL seconds, each an IOC order."""
    state = cli_state(ctx, json_output)
    order_side = parse_side(side)
    if policy not in POLICIES:
        raise typer.BadParameter(f"policy {policy!r}: use catch-up or skip")

    async def action(client: KairosClient) -> Outgoing:
        market_index, lots, limit_price = await _lots_and_price(
            client, market, size, limit, native, round_up=order_side.name == "ASK"
        )
        slice_lots = 0
        if slice_size is not None:
            _, slice_lots, _ = await _lots_and_price(
                client, market, slice_size, None, native, False
            )
        params = TwapParams(
            side=order_side,
            total_base_lots=lots,
            start_time=parse_time(start, await chain_now(client)),
            interval_seconds=interval,
            slice_count=slices,
            slice_base_lots=slice_lots,
            random_window_seconds=random_window,
            limit_price=limit_price,
            max_deviation_bps=max_deviation_bps,
            missed_slice_policy=POLICIES[policy],
            keeper_reward_lamports=reward,
        )
        created = await client.twap.create(
            CreateTwapOrderParams(market_index, params, twap_id=twap_id, account_index=index)
        )
        return Outgoing(created, twap_order=created.address)

    transact(state, action)


def _twap_rows(pairs: list[tuple[Pubkey, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "address": address,
            "market_index": twap.market_index,
            "side": "buy" if twap.side == 0 else "sell",
            "total_base_lots": twap.total_base_lots,
            "filled_base_lots": twap.filled_base_lots,
            "executed_slices": twap.executed_slices,
            "skipped_slices": twap.skipped_slices,
            "slice_count": twap.slice_count,
            "paused": bool(twap.paused),
            "next_due_time": twap_next_due_time(address, twap),
        }
        for address, twap in pairs
    ]


@twap_app.command("show")
def twap_show(
    ctx: typer.Context,
    address: Annotated[
        str | None, typer.Argument(help="A TWAP order (default: all of yours).")
    ] = None,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Show one TWAP order, or every TWAP order of your margin account.

    Sizes in base units (lots with --native; --json is native).
    """
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> list[dict[str, Any]]:
        orders = client
        if address is not None:
            key = parse_pubkey(address)
            rows = _twap_rows([(key, await orders.twap.get(key))])
        else:
            rows = _twap_rows(await orders.twap.list(client.margin_account_address(index)))
        return await _human_rows(client, state.json or native, rows)

    rows = run(state, action)
    emit(state, rows, lambda console: _table(console, "TWAP orders", rows))


async def _human_rows(
    client: KairosClient, native: bool, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Rows with their prices and sizes in UI units, unless native (or no rows)."""
    if native or not rows:
        return rows
    units = await market_units_by_index(client)
    return [row_ui(row, units.get(row["market_index"])) for row in rows]


def _table(console: Console, title: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        console.print(f"No {title.lower()}.")
        return
    table = Table(title=title)
    for key in rows[0]:
        table.add_column(key.replace("_", " "))
    for row in rows:
        table.add_row(*(str(value) for value in row.values()))
    console.print(table)


def _owner_action(ctx: typer.Context, json_output: bool, address: str, what: str) -> None:
    state = cli_state(ctx, json_output)
    key = parse_pubkey(address)

    async def action(client: KairosClient) -> Outgoing:
        if what in ("pause", "resume"):
            return Outgoing(client.twap.set_paused(SetTwapPausedParams(key, what == "pause")))
        if what == "cancel-twap":
            return Outgoing(client.twap.cancel(CancelTwapOrderParams(key)))
        return Outgoing(client.schedules.cancel(CancelScheduledOrderParams(key)))

    transact(state, action)


TwapArg = Annotated[str, typer.Argument(help="The TWAP order.")]


@twap_app.command("pause")
def twap_pause(
    ctx: typer.Context,
    address: TwapArg,
    json_output: JsonOpt = False,
) -> None:
    """Pause a TWAP order (slices due meanwhile follow its missed-slice policy)."""
    _owner_action(ctx, json_output, address, "pause")


@twap_app.command("resume")
def twap_resume(
    ctx: typer.Context,
    address: TwapArg,
    json_output: JsonOpt = False,
) -> None:
    """Resume a paused TWAP order."""
    _owner_action(ctx, json_output, address, "resume")


@twap_app.command("cancel")
def twap_cancel(
    ctx: typer.Context,
    address: TwapArg,
    json_output: JsonOpt = False,
) -> None:
    """Cancel a TWAP order; rent and unused escrow come back."""
    _owner_action(ctx, json_output, address, "cancel-twap")


@schedule_app.command("create", context_settings=NEGATIVE_NUMBERS_OK)
def schedule_create(
    ctx: typer.Context,
    market: MarketArg,
    side: SideArg,
    size: Annotated[str, typer.Argument(help="Order size (base units; lots with --native).")],
    price: Annotated[str, typer.Option(help="Limit price (a market order's worst price).")],
    order_type: Annotated[str, typer.Option("--type", help="limit or market.")] = "market",
    at: Annotated[str | None, typer.Option(help="Run once at: unix time or +SECONDS.")] = None,
    every: Annotated[int | None, typer.Option(help="Run every this many seconds.")] = None,
    cron: Annotated[
        str | None, typer.Option(help="Run at a 5-field cron expression's times (UTC).")
    ] = None,
    start: Annotated[
        str, typer.Option(help="First run (--every, --cron): time or +SECONDS.")
    ] = "+0",
    runs: Annotated[int, typer.Option(help="Most runs (including skipped ones).")] = 1,
    end: Annotated[str | None, typer.Option(help="No run after: time or +SECONDS.")] = None,
    skip_window: Annotated[
        int, typer.Option(help="Skip a run more than this many seconds late (0: never).")
    ] = 0,
    reward: ReasonableReward = 10_000,
    client_id: Annotated[int, typer.Option(help="Your id for the orders.")] = 0,
    schedule_id: Annotated[int | None, typer.Option("--id", help="Schedule id (random).")] = None,
    tif: TifOpt = None,
    post_only: Annotated[bool, typer.Option("--post-only", help="Never take (tif).")] = False,
    reduce_only: Annotated[
        bool, typer.Option("--reduce-only", help="Only shrink the position at each run.")
    ] = False,
    stp: StpOpt = None,
    expire_at: Annotated[
        str | None, typer.Option(help="Orders expire at: unix time or +SECONDS (absolute).")
    ] = None,
    iceberg_lots: Annotated[
        int, typer.Option(help="Show this many lots of a resting order (0: all).")
    ] = 0,
    max_deviation_bps: Annotated[
        int, typer.Option(help="Oracle band of a market/IOC/FOK order's worst price, bps.")
    ] = 0,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Schedule any order: once (--at), every N seconds (--every) or by cron (--cron).

    The order takes every option of ``kairos order place`` (place_order_v2).
    """
    state = cli_state(ctx, json_output)
    options = OrderOptions.parse(
        tif=tif,
        post_only=post_only,
        reduce_only=reduce_only,
        stp=stp,
        expiry_seconds=None,
        max_deviation_bps=max_deviation_bps,
    )
    if iceberg_lots < 0:
        raise typer.BadParameter("--iceberg-lots must not be negative")
    order_side = parse_side(side)
    chosen = [option for option in (at, every, cron) if option is not None]
    if len(chosen) != 1:
        raise typer.BadParameter("give exactly one of --at, --every, --cron")
    try:
        kind_of_order = OrderType[order_type.upper()]
    except KeyError:
        raise typer.BadParameter(f"order type {order_type!r}: use limit or market") from None

    async def action(client: KairosClient) -> Outgoing:
        market_index, lots, native_price = await _lots_and_price(
            client, market, size, price, native, round_up=order_side.name == "ASK"
        )
        now = await chain_now(client)
        if at is not None:
            kind, first, count = ScheduleKind.ONE_SHOT, parse_time(at, now), 1
        elif every is not None:
            kind, first, count = ScheduleKind.INTERVAL, parse_time(start, now), runs
        else:
            kind, first, count = ScheduleKind.CRON, parse_time(start, now), runs
        params = ScheduleParams(
            kind=kind,
            start_time=first,
            interval_seconds=every or 0,
            cron=cron or "",
            max_runs=count,
            end_time=0 if end is None else parse_time(end, now),
            skip_window_seconds=skip_window,
            keeper_reward_lamports=reward,
        )
        order = ScheduledOrderSpec(
            order_side,
            kind_of_order,
            native_price,
            lots,
            client_id,
            time_in_force=options.time_in_force,
            self_trade_behavior=options.self_trade_behavior,
            reduce_only=options.reduce_only,
            expiry_timestamp=0 if expire_at is None else parse_time(expire_at, now),
            iceberg_display_lots=iceberg_lots,
            max_oracle_deviation_bps=options.max_deviation_bps,
        )
        created = await client.schedules.create(
            CreateScheduledOrderParams(
                market_index, params, order, schedule_id=schedule_id, account_index=index
            )
        )
        return Outgoing(created, scheduled_order=created.address)

    transact(state, action)


@schedule_app.command("show")
def schedule_show(
    ctx: typer.Context,
    address: Annotated[
        str | None, typer.Argument(help="A scheduled order (default: all yours).")
    ] = None,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Show one scheduled order, or every scheduled order of your margin account.

    Price in quote per base unit and size in base units (native with --native; --json
    is native).
    """
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> list[dict[str, Any]]:
        orders = client
        if address is not None:
            key = parse_pubkey(address)
            pairs = [(key, await orders.schedules.get(key))]
        else:
            pairs = await orders.schedules.list(client.margin_account_address(index))
        rows = [
            {
                "address": key,
                "market_index": order.market_index,
                "side": "buy" if order.order_side == 0 else "sell",
                "price": order.order_price,
                "max_base_lots": order.order_max_base_lots,
                "kind": ScheduleKind(order.kind).name.lower(),
                "cron": order.cron_text,
                "next_run_time": order.next_run_time,
                "runs": order.run_count,
                "skipped": order.skipped_count,
                "max_runs": order.max_runs,
                "finished": bool(order.finished),
                "order_type": OrderType(order.order_type).name.lower(),
                "tif": TimeInForce(order.order_time_in_force).name.lower().replace("_", "-"),
                "reduce_only": bool(order.order_reduce_only),
            }
            for key, order in pairs
        ]
        return await _human_rows(client, state.json or native, rows)

    rows = run(state, action)
    emit(state, rows, lambda console: _table(console, "Scheduled orders", rows))


@schedule_app.command("cancel")
def schedule_cancel(
    ctx: typer.Context,
    address: Annotated[str, typer.Argument(help="The scheduled order.")],
    json_output: JsonOpt = False,
) -> None:
    """Cancel a scheduled order; rent and unused escrow come back."""
    _owner_action(ctx, json_output, address, "cancel-schedule")
