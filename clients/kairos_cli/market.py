"""`kairos market`: perp markets, their rules and books."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from kairos.accounts import (
    PerpMarket,
)
from kairos.constants import (
    U64_MAX,
    Side,
)
from kairos.math.orderbook import MarketUnits, OrderbookView
from kairos.params import SetMarketOrderRulesParams
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from kairos.client import KairosClient

from kairos_cli.common import (
    JsonOpt,
    MarketArg,
    NativeOpt,
    Outgoing,
    cli_state,
    confirmed_result,
    emit,
    emit_transaction,
    kv_table,
    market_app,
    market_key,
    parse_pubkey,
    run,
    text,
    to_jsonable,
    transact_on_market,
    ui,
)


@market_app.command("create")
def market_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Market name (at most 16 bytes).")],
    oracle: Annotated[str, typer.Option(help="Oracle of the base asset in quote.")],
    base_lot_size: Annotated[int, typer.Option(help="Base native units per lot.")],
    tick_size: Annotated[int, typer.Option(help="Price tick, quote native per lot.")],
    base_decimals: Annotated[int, typer.Option(help="Decimals of the (virtual) base.")],
    min_order_lots: Annotated[int, typer.Option()] = 1,
    open_interest_cap_lots: Annotated[int, typer.Option()] = U64_MAX,
    max_staleness_slots: Annotated[int, typer.Option()] = 150,
    init_margin_bps: Annotated[int, typer.Option()] = 1_000,
    maint_margin_bps: Annotated[int, typer.Option()] = 500,
    init_pnl_weight_bps: Annotated[int, typer.Option()] = 10_000,
    taker_fee_bps: Annotated[int, typer.Option()] = 5,
    maker_fee_bps: Annotated[int, typer.Option()] = 0,
    max_confidence_bps: Annotated[int, typer.Option()] = 200,
    json_output: JsonOpt = False,
) -> None:
    """Admin: create a perp market with its order book and event queue."""
    from kairos.client import PerpMarketParams

    state = cli_state(ctx, json_output)
    params = PerpMarketParams(
        name=name,
        oracle=parse_pubkey(oracle),
        base_lot_size=base_lot_size,
        tick_size=tick_size,
        base_decimals=base_decimals,
        min_order_lots=min_order_lots,
        open_interest_cap_lots=open_interest_cap_lots,
        max_staleness_slots=max_staleness_slots,
        init_margin_bps=init_margin_bps,
        maint_margin_bps=maint_margin_bps,
        init_pnl_weight_bps=init_pnl_weight_bps,
        taker_fee_bps=taker_fee_bps,
        maker_fee_bps=maker_fee_bps,
        max_confidence_bps=max_confidence_bps,
    )

    async def action(client: KairosClient) -> dict[str, Any]:
        setup = await client.admin.create_perp_market(params)
        return await confirmed_result(
            client,
            await client.send(setup),
            market_index=setup.market_index,
            market=setup.market,
            orderbook=setup.orderbook,
            event_queue=setup.event_queue,
        )

    emit_transaction(state, run(state, action))


@market_app.command("list")
def market_list(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """List the perp markets."""
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> tuple[dict[int, PerpMarket], int]:
        return await client.get_perp_markets(), await client.get_quote_decimals()

    markets, quote_decimals = run(state, action)

    def human(console: Console) -> None:
        table = Table(title="Perp markets (sizes in base units, prices in quote per unit)")
        for column in ("index", "name", "lot", "tick", "init m", "maint m", "fees t/m", "OI"):
            table.add_column(column)
        for index, market in markets.items():
            units = MarketUnits.of(market, quote_decimals)
            table.add_row(
                str(index),
                market.name_str,
                text(units.lots_to_decimal(1)),
                text(units.price_to_decimal(market.tick_size)),
                f"{market.init_margin_bps / 100:g}%",
                f"{market.maint_margin_bps / 100:g}%",
                f"{market.taker_fee_bps}/{market.maker_fee_bps} bps",
                text(units.lots_to_decimal(market.open_interest_lots)),
            )
        console.print(table)

    emit(state, list(markets.values()), human)


@market_app.command("show")
def market_show(
    ctx: typer.Context,
    market: MarketArg,
    json_output: JsonOpt = False,
) -> None:
    """Show a perp market."""
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> dict[str, Any]:
        found = await client.find_perp_market(market_key(market))
        units = MarketUnits.of(found, await client.get_quote_decimals())
        quote_decimals = units.quote_decimals
        return {
            "address": client.perp_market_address(found.index),
            **to_jsonable(found),
            # Human-unit twins (the table shows these; --json has both).
            "base_lot_size_ui": units.lots_to_decimal(1),
            "tick_size_ui": units.price_to_decimal(found.tick_size),
            "min_order_lots_ui": units.lots_to_decimal(found.min_order_lots),
            "open_interest_cap_lots_ui": "unlimited"
            if found.open_interest_cap_lots == U64_MAX
            else units.lots_to_decimal(found.open_interest_cap_lots),
            "open_interest_lots_ui": units.lots_to_decimal(found.open_interest_lots),
            "position_lots_ui": units.lots_to_decimal(found.position_lots),
            "fees_accrued_ui": ui(found.fees_accrued, quote_decimals),
            "pnl_pool_ui": ui(found.pnl_pool, quote_decimals),
            "socialized_loss_ui": ui(found.socialized_loss, quote_decimals),
        }

    data = run(state, action)
    emit(state, data, lambda console: console.print(kv_table("Perp market", data)))


@market_app.command("rules")
def market_rules(
    ctx: typer.Context,
    market: MarketArg,
    fill_band_bps: Annotated[
        int, typer.Option(help="Every fill lies within this band around the oracle (bps).")
    ],
    rest_band_bps: Annotated[
        int, typer.Option(help="Resting orders lie within this band (bps, >= the fill band).")
    ],
    min_rest_lots: Annotated[int, typer.Option(help="Smallest order that may rest (lots).")],
    json_output: JsonOpt = False,
) -> None:
    """Admin: a market's price bands around the oracle and its minimum resting size."""
    state = cli_state(ctx, json_output)

    def build(client: KairosClient, found: PerpMarket) -> Outgoing:
        return Outgoing(
            client.admin.set_market_order_rules(
                SetMarketOrderRulesParams(found.index, fill_band_bps, rest_band_bps, min_rest_lots)
            ),
            market_index=found.index,
        )

    transact_on_market(state, market, build)


@market_app.command("book")
def market_book(
    ctx: typer.Context,
    market: MarketArg,
    l3: Annotated[bool, typer.Option("--l3", help="Every order instead of price levels.")] = False,
    depth: Annotated[int, typer.Option(help="Price levels (or orders with --l3) per side.")] = 20,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Show a market's order book (L2 levels, or L3 orders with --l3), best first."""
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> tuple[PerpMarket, OrderbookView]:
        found = await client.find_perp_market(market_key(market))
        return found, await client.get_orderbook_view(found.index)

    found, view = run(state, action)
    units = view.units
    assert units is not None

    def price(value: int) -> str:
        return str(value) if native else text(units.price_to_decimal(value))

    def size(lots: int) -> str:
        return str(lots) if native else text(units.lots_to_decimal(lots))

    if l3:
        orders = {"bids": view.bids[:depth], "asks": view.asks[:depth]}
        data: dict[str, Any] = {"market": found.name_str, "level": "l3", **orders}
    else:
        levels = {"bids": view.l2(Side.BID, depth), "asks": view.l2(Side.ASK, depth)}
        data = {"market": found.name_str, "level": "l2", **levels}

    def human(console: Console) -> None:
        table = Table(title=f"{found.name_str} {'L3' if l3 else 'L2'} book")
        if l3:
            for column in ("side", "price", "size", "order id", "client id", "owner"):
                table.add_column(column)
            for side_name in ("asks", "bids"):
                entries = orders[side_name]
                ordered = list(reversed(entries)) if side_name == "asks" else entries
                for order in ordered:
                    table.add_row(
                        f"[{'red' if side_name == 'asks' else 'green'}]{side_name[:-1]}[/]",
                        price(order.price),
                        size(order.base_lots),
                        str(order.order_id),
                        str(order.client_order_id),
                        str(order.owner),
                    )
        else:
            for column in ("side", "price", "size", "orders"):
                table.add_column(column)
            for side_name in ("asks", "bids"):
                entries_l2 = levels[side_name]
                ordered_l2 = list(reversed(entries_l2)) if side_name == "asks" else entries_l2
                for level in ordered_l2:
                    table.add_row(
                        f"[{'red' if side_name == 'asks' else 'green'}]{side_name[:-1]}[/]",
                        price(level.price),
                        size(level.base_lots),
                        str(level.order_count),
                    )
        console.print(table)
        if view.spread is not None:
            console.print(f"spread: {price(view.spread)}")

    emit(state, data, human)


# --- margin accounts ----------------------------------------------------------------------
