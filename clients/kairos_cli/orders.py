"""``kairos order`` commands for order options and trigger orders.

``order place`` (in :mod:`kairos_cli.app`) takes ``--tif``, ``--post-only``,
``--reduce-only``, ``--stp``, ``--expiry``, ``--iceberg`` and
``--max-deviation-bps`` and then sends place_order_v2; this module adds
``order trigger``, ``order trailing``, ``order oco``, ``order bracket``,
``order triggers`` (list), ``order cancel-trigger`` and ``order fire`` (a manual
keeper). Prices and sizes are human units unless ``--native`` (lots and quote
native per lot).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, TypedDict

import typer
from kairos.accounts import (
    PerpMarket,
)
from kairos.constants import (
    MAX_MATCHES_PER_ORDER,
    MAX_OPEN_ORDERS,
    OrderType,
    Side,
    SideFilter,
)
from kairos.errors import KairosError
from kairos.math.orderbook import MarketUnits
from kairos.params import (
    BracketParams,
    CancelAllOrdersParams,
    CancelOrderParams,
    CancelTriggerOrderParams,
    CreateTriggerOrderParams,
    OcoParams,
    PlaceOrderParams,
    PlaceOrderV2Params,
    TriggerOrderParams,
    UpdateTrailingStopParams,
)
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from kairos.client import KairosClient
    from kairos.core import TxResult

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kairos.accounts import TriggerOrder
from kairos.clock import chain_unix_timestamp
from kairos.constants import (
    SelfTradeBehavior,
    TimeInForce,
    TrailingMode,
    TriggerKind,
)

from kairos_cli.common import (
    NEGATIVE_NUMBERS_OK,
    IndexOpt,
    JsonOpt,
    MarketArg,
    NativeOpt,
    Outgoing,
    SideArg,
    SizeArg,
    StpOpt,
    TifOpt,
    cli_state,
    confirmed_result,
    emit,
    emit_transaction,
    make_console,
    market_key,
    notice,
    order_app,
    parse_decimal,
    parse_native,
    parse_pubkey,
    parse_side,
    run,
    text,
    transact,
    transact_on_market,
)
from kairos_cli.common import text as cli_text
from kairos_cli.risk import refusal_before_sending
from kairos_cli.units import market_units_by_index, row_ui

if TYPE_CHECKING:
    from kairos.client import KairosClient


def _enum_choice(enum: Any, text: str, what: str) -> Any:
    try:
        return enum[text.replace("-", "_").upper()]
    except KeyError:
        names = ", ".join(m.name.lower().replace("_", "-") for m in enum)
        raise typer.BadParameter(f"{what} {text!r}: use {names}") from None


@dataclass(frozen=True)
class OrderOptions:
    """The place_order_v2 options of ``order place``."""

    time_in_force: TimeInForce = TimeInForce.GTC
    self_trade_behavior: SelfTradeBehavior = SelfTradeBehavior.CANCEL_RESTING
    reduce_only: bool = False
    expiry_seconds: int | None = None
    max_deviation_bps: int = 0

    @classmethod
    def parse(
        cls,
        *,
        tif: str | None,
        post_only: bool,
        reduce_only: bool,
        stp: str | None,
        expiry_seconds: int | None,
        max_deviation_bps: int,
    ) -> OrderOptions:
        """Validate the command-line options (usage errors on bad values)."""
        time_in_force = TimeInForce.GTC if tif is None else _enum_choice(TimeInForce, tif, "tif")
        if post_only:
            if tif is not None and time_in_force not in (
                TimeInForce.POST_ONLY,
                TimeInForce.POST_ONLY_SLIDE,
            ):
                raise typer.BadParameter("--post-only conflicts with --tif " + tif)
            if tif is None:
                time_in_force = TimeInForce.POST_ONLY
        behavior = (
            SelfTradeBehavior.CANCEL_RESTING
            if stp is None
            else _enum_choice(SelfTradeBehavior, stp, "stp")
        )
        if expiry_seconds is not None and expiry_seconds <= 0:
            raise typer.BadParameter("--expiry must be a positive number of seconds")
        if not 0 <= max_deviation_bps < 65_536:
            raise typer.BadParameter("--max-deviation-bps must be a u16")
        return cls(time_in_force, behavior, reduce_only, expiry_seconds, max_deviation_bps)

    @property
    def is_default(self) -> bool:
        """True when plain place_order expresses the order."""
        return self == OrderOptions()


@dataclass(frozen=True)
class OrderShape:
    """What place_order itself takes."""

    side: Side
    order_type: OrderType
    price: int
    lots: int
    client_order_id: int
    match_limit: int


async def place_with_options(
    client: KairosClient,
    market: PerpMarket,
    shape: OrderShape,
    options: OrderOptions,
    *,
    iceberg: str | None,
    native: bool,
    account_index: int,
) -> TxResult:
    """Send place_order_v2 for ``order place`` with options."""
    display = 0
    if iceberg is not None:
        if native:
            display = parse_native(iceberg, "iceberg")
        else:
            units = MarketUnits.of(market, await client.get_quote_decimals())
            display = units.decimal_to_lots(parse_decimal(iceberg, "iceberg"))
    expiry = 0
    if options.expiry_seconds is not None:
        expiry = await chain_unix_timestamp(client.connection) + options.expiry_seconds
    return await client.send(
        client.orders.place_v2(
            PlaceOrderV2Params(
                market.index,
                shape.side,
                shape.price,
                shape.lots,
                order_type=shape.order_type,
                time_in_force=options.time_in_force,
                self_trade_behavior=options.self_trade_behavior,
                reduce_only=options.reduce_only,
                client_order_id=shape.client_order_id,
                match_limit=shape.match_limit,
                expiry_timestamp=expiry,
                iceberg_display_lots=display,
                max_oracle_deviation_bps=options.max_deviation_bps,
                account_index=account_index,
            )
        )
    )


async def _units(client: KairosClient, market: str) -> tuple[PerpMarket, MarketUnits]:
    found = await client.find_perp_market(market_key(market))
    return found, MarketUnits.of(found, await client.get_quote_decimals())


def _price(units: MarketUnits, text: str | None, native: bool, *, round_up: bool) -> int:
    if text is None:
        return 0
    if native:
        return parse_native(text, "price")
    value = parse_decimal(text, "price")
    if value <= 0:
        raise typer.BadParameter(f"price {text} must be positive")
    price = units.decimal_to_price(value, round_up=round_up)
    if price <= 0:
        raise KairosError(f"price {text} is below one tick")
    if units.price_to_decimal(price) != value:  # off-tick: rounded, and said so
        _note(
            f"price {text} is not on the market's tick: rounded {'up' if round_up else 'down'} "
            f"to {cli_text(units.price_to_decimal(price))}"
        )
    return price


class _ExitPrices(TypedDict):
    take_profit_price: int
    stop_price: int


def _exit_prices(units: MarketUnits, take_profit: str, stop: str, native: bool) -> _ExitPrices:
    # The take-profit and stop trigger prices of an OCO pair (oco, bracket), in ticks
    # rounded down (round_up=False) whatever the side.
    return _ExitPrices(
        take_profit_price=_price(units, take_profit, native, round_up=False),
        stop_price=_price(units, stop, native, round_up=False),
    )


def _lots(units: MarketUnits, text: str, native: bool) -> int:
    if native:
        lots = parse_native(text, "size")
    else:
        value = parse_decimal(text, "size")
        if value <= 0:
            raise typer.BadParameter(f"size {text} must be positive (the side says the direction)")
        lots = units.decimal_to_lots(value)
        if 0 < lots and units.lots_to_decimal(lots) != value:
            _note(
                f"size {text} is not a whole number of lots: rounded down to "
                f"{cli_text(units.lots_to_decimal(lots))}"
            )
    if lots <= 0:
        raise KairosError(f"size {text} is below one lot")
    return lots


def _note(message: str) -> None:
    make_console(stderr=True).print(f"[yellow]Note:[/] {message}", highlight=False, soft_wrap=True)


PriceOpt = Annotated[
    str | None,
    typer.Option("--limit", help="Limit price (a market kind's worst price); quote per base unit."),
]
BandOpt = Annotated[
    int, typer.Option("--max-deviation-bps", help="Market kinds: worst price from the oracle, bps.")
]
RewardOpt = Annotated[
    int | None, typer.Option("--reward", help="Keeper reward, lamports (default: the minimum).")
]


@order_app.command("trigger", context_settings=NEGATIVE_NUMBERS_OK)
def order_trigger(
    ctx: typer.Context,
    market: MarketArg,
    kind: Annotated[
        str,
        typer.Argument(help="stop-market, stop-limit, take-profit-market or take-profit-limit."),
    ],
    side: SideArg,
    size: SizeArg,
    trigger_price: Annotated[str, typer.Argument(help="Oracle price that fires it.")],
    limit: PriceOpt = None,
    max_deviation_bps: BandOpt = 0,
    reduce_only: Annotated[bool, typer.Option("--reduce-only")] = False,
    reward: RewardOpt = None,
    expiry: Annotated[int | None, typer.Option(help="Expire after this many seconds.")] = None,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Create a stop / take-profit trigger order (fired by any keeper)."""
    state = cli_state(ctx, json_output)
    trigger_kind: TriggerKind = _enum_choice(TriggerKind, kind, "kind")
    order_side = parse_side(side)

    async def action(client: KairosClient) -> Outgoing:
        found, units = await _units(client, market)
        created = await client.triggers.create(
            CreateTriggerOrderParams(
                found.index,
                order_side,
                trigger_kind,
                _price(units, trigger_price, native, round_up=False),
                _lots(units, size, native),
                limit_price=_price(units, limit, native, round_up=order_side is Side.ASK),
                max_oracle_deviation_bps=max_deviation_bps,
                reduce_only=reduce_only,
                keeper_reward_lamports=reward,
                expiry_timestamp=0
                if expiry is None
                else await chain_unix_timestamp(client.connection) + expiry,
                account_index=index,
            )
        )
        return Outgoing(created, units_market=found.index, trigger_order=created.address)

    transact(state, action)


@order_app.command("trailing", context_settings=NEGATIVE_NUMBERS_OK)
def order_trailing(
    ctx: typer.Context,
    market: MarketArg,
    side: Annotated[str, typer.Argument(help="sell (protects a long) or buy (a short).")],
    size: SizeArg,
    trigger_price: Annotated[str, typer.Argument(help="Initial stop price.")],
    offset: Annotated[int, typer.Option(help="Trailing distance (ticks, or bps with --bps).")],
    bps: Annotated[bool, typer.Option("--bps", help="OFFSET is in basis points.")] = False,
    limit: PriceOpt = None,
    max_deviation_bps: BandOpt = 0,
    reward: RewardOpt = None,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Create a trailing stop-market order (reduce-only)."""
    state = cli_state(ctx, json_output)
    order_side = parse_side(side)

    async def action(client: KairosClient) -> Outgoing:
        found, units = await _units(client, market)
        created = await client.triggers.create(
            CreateTriggerOrderParams(
                found.index,
                order_side,
                TriggerKind.STOP_MARKET,
                _price(units, trigger_price, native, round_up=False),
                _lots(units, size, native),
                limit_price=_price(units, limit, native, round_up=order_side is Side.ASK),
                max_oracle_deviation_bps=max_deviation_bps,
                reduce_only=True,
                trailing_mode=TrailingMode.BPS if bps else TrailingMode.TICKS,
                trailing_offset=offset,
                keeper_reward_lamports=reward,
                account_index=index,
            )
        )
        return Outgoing(created, units_market=found.index, trigger_order=created.address)

    transact(state, action)


@order_app.command("oco", context_settings=NEGATIVE_NUMBERS_OK)
def order_oco(
    ctx: typer.Context,
    market: MarketArg,
    side: Annotated[str, typer.Argument(help="Side of both legs (sell closes a long).")],
    size: SizeArg,
    take_profit: Annotated[str, typer.Option(help="Take-profit trigger price.")],
    stop: Annotated[str, typer.Option(help="Stop trigger price.")],
    max_deviation_bps: BandOpt = 500,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """A take-profit and a stop linked as one-cancels-the-other (reduce-only market legs)."""
    state = cli_state(ctx, json_output)
    order_side = parse_side(side)

    async def action(client: KairosClient) -> Outgoing:
        found, units = await _units(client, market)
        legs, (tp, sl) = await client.triggers.oco(
            OcoParams(
                found.index,
                order_side,
                _lots(units, size, native),
                **_exit_prices(units, take_profit, stop, native),
                max_oracle_deviation_bps=max_deviation_bps,
                account_index=index,
            )
        )
        return Outgoing(legs, units_market=found.index, take_profit=tp, stop=sl)

    transact(state, action)


@order_app.command("bracket", context_settings=NEGATIVE_NUMBERS_OK)
def order_bracket(
    ctx: typer.Context,
    market: MarketArg,
    side: Annotated[str, typer.Argument(help="Entry side: buy or sell.")],
    size: SizeArg,
    price: Annotated[str, typer.Option(help="Entry limit price.")],
    take_profit: Annotated[str, typer.Option(help="Take-profit trigger price.")],
    stop: Annotated[str, typer.Option(help="Stop-loss trigger price.")],
    max_deviation_bps: BandOpt = 500,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Entry order with take-profit and stop-loss children (OCO, active as the entry fills)."""
    state = cli_state(ctx, json_output)
    entry_side = parse_side(side)

    async def action(client: KairosClient) -> Outgoing:
        found, units = await _units(client, market)
        created, (tp, sl) = await client.orders.bracket(
            BracketParams(
                found.index,
                entry_side,
                _price(units, price, native, round_up=entry_side is Side.ASK),
                _lots(units, size, native),
                **_exit_prices(units, take_profit, stop, native),
                max_oracle_deviation_bps=max_deviation_bps,
                account_index=index,
            )
        )
        return Outgoing(created, units_market=found.index, take_profit=tp, stop=sl)

    transact(state, action)


@order_app.command("triggers")
def order_triggers(
    ctx: typer.Context,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """List the account's live trigger orders (prices and sizes in UI units unless --native)."""
    state = cli_state(ctx, json_output)

    async def action(
        client: KairosClient,
    ) -> tuple[list[tuple[Any, TriggerOrder]], dict[int, MarketUnits]]:
        found = sorted(await client.triggers.list(account_index=index), key=lambda t: t[1].id)
        units = {} if native or state.json or not found else await market_units_by_index(client)
        return found, units

    found, units = run(state, action)

    def human(console: Console) -> None:
        size_header = "lots" if native else "size"
        table = Table(
            "id", "address", "kind", "side", "trigger", "limit", size_header, "trailing", "oco"
        )
        for address, trigger in found:
            shown = row_ui(
                {
                    "trigger_price": trigger.trigger_price,
                    "limit_price": trigger.limit_price,
                    "max_base_lots": trigger.max_base_lots,
                },
                units.get(trigger.market_index),
            )
            table.add_row(
                str(trigger.id),
                str(address),
                TriggerKind(trigger.kind).name.lower(),
                Side(trigger.side).name.lower(),
                *(str(value) for value in shown.values()),
                TrailingMode(trigger.trailing_mode).name.lower(),
                str(trigger.linked_trigger) if trigger.is_linked else "",
            )
        console.print(table)

    emit(state, [{"address": a, **t.__dict__} for a, t in found], human)


TriggerOrderArg = Annotated[str, typer.Argument(help="TriggerOrder address.")]


@order_app.command("cancel-trigger")
def order_cancel_trigger(
    ctx: typer.Context,
    trigger_order: TriggerOrderArg,
    index: IndexOpt = 0,
    json_output: JsonOpt = False,
) -> None:
    """Cancel a trigger order (and its OCO partner)."""
    state = cli_state(ctx, json_output)
    address = parse_pubkey(trigger_order)

    transact(
        state,
        lambda client: Outgoing(
            client.triggers.cancel(CancelTriggerOrderParams(address, account_index=index))
        ),
    )


@order_app.command("fire")
def order_fire(
    ctx: typer.Context,
    trigger_order: TriggerOrderArg,
    trailing: Annotated[
        bool, typer.Option("--trailing", help="Ratchet the trailing stop instead of firing.")
    ] = False,
    json_output: JsonOpt = False,
) -> None:
    """Keeper by hand: fire a trigger order (or update a trailing stop); earns the reward."""
    state = cli_state(ctx, json_output)
    address = parse_pubkey(trigger_order)

    async def action(client: KairosClient) -> Outgoing:
        if trailing:
            return Outgoing(client.triggers.update_trailing_stop(UpdateTrailingStopParams(address)))
        return Outgoing(client.triggers.fire(TriggerOrderParams(address)))

    transact(state, action)


__all__ = ["MAX_MATCHES_PER_ORDER", "OrderOptions", "OrderShape", "place_with_options"]


@order_app.command("place", context_settings=NEGATIVE_NUMBERS_OK)
def order_place(
    ctx: typer.Context,
    market: MarketArg,
    side: SideArg,
    size: SizeArg,
    price: Annotated[
        str, typer.Option(help="Limit price (a market order's worst price), quote per base unit.")
    ],
    order_type: Annotated[str, typer.Option("--type", help="limit or market.")] = "limit",
    client_id: Annotated[int, typer.Option(help="Your id for the order.")] = 0,
    match_limit: Annotated[int, typer.Option(help="Most makers to match.")] = MAX_MATCHES_PER_ORDER,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
    tif: TifOpt = None,
    post_only: Annotated[
        bool, typer.Option("--post-only", help="Refuse if it would cross.")
    ] = False,
    reduce_only: Annotated[
        bool, typer.Option("--reduce-only", help="Only reduce the position.")
    ] = False,
    stp: StpOpt = None,
    expiry: Annotated[
        int | None, typer.Option(help="Expire a resting order after this many seconds.")
    ] = None,
    iceberg: Annotated[
        str | None,
        typer.Option(help="Iceberg: show only this size (base units; lots with --native)."),
    ] = None,
    max_deviation_bps: Annotated[
        int, typer.Option(help="Market/IOC/FOK: worst price at most this many bps from the oracle.")
    ] = 0,
    skip_risk_check: Annotated[
        bool,
        typer.Option(
            "--skip-risk-check",
            help="Send without checking the account's risk limits first (the program still does).",
        ),
    ] = False,
) -> None:
    """Place an order (limit or market, with time in force and order options).

    With risk limits, an order they would refuse is not sent: the SDK's mirror names the
    limit it breaks first ("this order would take VaR to 7.29% of equity, limit 5.00%").
    """
    state = cli_state(ctx, json_output)
    order_side = parse_side(side)
    try:
        kind = OrderType[order_type.upper()]
    except KeyError:
        raise typer.BadParameter(f"order type {order_type!r}: use limit or market") from None
    size_value, price_value = parse_decimal(size, "size"), parse_decimal(price, "price")
    if size_value <= 0:
        raise typer.BadParameter(
            f"size {size} must be positive (the side says the direction: sell to go short)"
        )
    if price_value <= 0:
        raise typer.BadParameter(f"price {price} must be positive")
    options = OrderOptions.parse(
        tif=tif,
        post_only=post_only,
        reduce_only=reduce_only,
        stp=stp,
        expiry_seconds=expiry,
        max_deviation_bps=max_deviation_bps,
    )

    async def action(client: KairosClient) -> dict[str, Any]:
        found = await client.find_perp_market(market_key(market))
        if native:
            lots, native_price = parse_native(size, "size"), parse_native(price, "price")
        else:
            units = MarketUnits.of(found, await client.get_quote_decimals())
            lots = units.decimal_to_lots(size_value)
            # Never trade worse than asked: buyers round down, sellers up.
            native_price = units.decimal_to_price(price_value, round_up=order_side is Side.ASK)
            if lots <= 0:
                raise KairosError(
                    f"size {size} is below one lot of {found.name_str} "
                    f"({text(units.lots_to_decimal(1))})"
                )
            if native_price <= 0:
                raise KairosError(
                    f"price {price} is below one tick of {found.name_str} "
                    f"({text(units.price_to_decimal(found.tick_size))})"
                )
            if units.lots_to_decimal(lots) != size_value:
                notice(
                    state,
                    f"size {size} is not a whole number of {found.name_str} lots "
                    f"({text(units.lots_to_decimal(1))}): rounded down to "
                    f"{text(units.lots_to_decimal(lots))}",
                )
            if units.price_to_decimal(native_price) != price_value:
                notice(
                    state,
                    f"price {price} is not on {found.name_str}'s tick "
                    f"({text(units.price_to_decimal(found.tick_size))}): rounded "
                    f"{'up' if order_side is Side.ASK else 'down'} to "
                    f"{text(units.price_to_decimal(native_price))}",
                )
        if lots <= 0:
            raise KairosError(f"size {size} is below one lot of market {found.name_str}")
        if not (reduce_only or skip_risk_check):
            refusal = await refusal_before_sending(
                client,
                found,
                order_side,
                native_price,
                lots,
                market_order=kind is OrderType.MARKET,
                account_index=index,
            )
            if refusal is not None:
                raise KairosError(
                    f"not sent: {refusal}",
                    hint="`kairos risk show` lists every limit and its headroom; "
                    "--skip-risk-check sends it anyway",
                )
        if options.is_default and iceberg is None:
            result = await client.send(
                client.orders.place(
                    PlaceOrderParams(
                        found.index,
                        order_side,
                        native_price,
                        lots,
                        order_type=kind,
                        client_order_id=client_id,
                        match_limit=match_limit,
                        account_index=index,
                    )
                )
            )
        else:
            result = await place_with_options(
                client,
                found,
                OrderShape(order_side, kind, native_price, lots, client_id, match_limit),
                options,
                iceberg=iceberg,
                native=native,
                account_index=index,
            )
        units = MarketUnits.of(found, await client.get_quote_decimals())
        return await confirmed_result(
            client,
            result,
            base_lots=lots,
            price=native_price,
            size_ui=units.lots_to_decimal(lots),
            price_ui=units.price_to_decimal(native_price),
        )

    emit_transaction(state, run(state, action))


@order_app.command("cancel", context_settings=NEGATIVE_NUMBERS_OK)
def order_cancel(
    ctx: typer.Context,
    market: MarketArg,
    order_id: Annotated[int, typer.Argument(help="Order id (client id with --client-id).")],
    client_id: Annotated[
        bool, typer.Option("--client-id", help="ORDER_ID is a client order id.")
    ] = False,
    index: IndexOpt = 0,
    json_output: JsonOpt = False,
) -> None:
    """Cancel one resting order."""
    state = cli_state(ctx, json_output)

    def build(client: KairosClient, found: PerpMarket) -> Outgoing:
        return Outgoing(
            client.orders.cancel(
                CancelOrderParams(
                    found.index, order_id, is_client_id=client_id, account_index=index
                )
            )
        )

    transact_on_market(state, market, build)


@order_app.command("cancel-all")
def order_cancel_all(
    ctx: typer.Context,
    market: MarketArg,
    side: Annotated[str, typer.Option(help="bids, asks or both.")] = "both",
    limit: Annotated[int, typer.Option(help="Most orders to cancel.")] = MAX_OPEN_ORDERS,
    index: IndexOpt = 0,
    json_output: JsonOpt = False,
) -> None:
    """Cancel the wallet's resting orders in a market."""
    state = cli_state(ctx, json_output)
    try:
        side_filter = SideFilter[side.upper()]
    except KeyError:
        raise typer.BadParameter(f"side {side!r}: use bids, asks or both") from None

    def build(client: KairosClient, found: PerpMarket) -> Outgoing:
        return Outgoing(
            client.orders.cancel_all(
                CancelAllOrdersParams(
                    found.index, side_filter=side_filter, limit=limit, account_index=index
                )
            )
        )

    transact_on_market(state, market, build)


# --- cranks and settlement ---------------------------------------------------------------
