"""``kairos auction``: open an auction, bid, improve, cancel a bid, settle, expire, show.

Registered on the root app by ``kairos_cli.app`` (imported at its end). Sizes and
prices are in base and quote units, or lots and quote native per lot with
``--native``, as for ``kairos order place``.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from kairos.accounts import PerpMarket
from kairos.auctions import DEFAULT_AUCTION_DURATION_SLOTS, AuctionView
from kairos.client import KairosClient
from kairos.constants import AUCTION_EXPIRY_GRACE_SLOTS, AuctionRest, Side
from kairos.errors import KairosError
from kairos.math.orderbook import MarketUnits
from kairos.params import (
    CancelBidParams,
    ExpireAuctionParams,
    ImproveBidParams,
    OpenAuctionParams,
    SubmitBidParams,
)
from rich.console import Console
from rich.table import Table

from kairos_cli.common import (
    NEGATIVE_NUMBERS_OK,
    AuctionArg,
    IndexOpt,
    JsonOpt,
    MarketArg,
    NativeOpt,
    Outgoing,
    SideArg,
    SizeArg,
    app,
    cli_state,
    confirmed_result,
    emit,
    emit_transaction,
    parse_native,
    parse_pubkey,
    parse_side,
    run,
    text,
    transact,
    transact_on_market,
)
from kairos_cli.scheduled import positive_decimal
from kairos_cli.units import market_units_by_index, row_ui

auction_app = typer.Typer(help="JIT liquidity auctions.", no_args_is_help=True)
app.add_typer(auction_app, name="auction")


async def _lots_and_price(
    client: KairosClient,
    market_index: int,
    size: str,
    price: str,
    native: bool,
    side: Side,
    what: str = "size",
) -> tuple[int, int]:
    if native:
        return parse_native(size, what), parse_native(price, "price")
    market = await client.get_perp_market(market_index)
    units = MarketUnits.of(market, await client.get_quote_decimals())
    lots = units.decimal_to_lots(positive_decimal(size, what))
    # Never trade worse than asked: buyers round down, sellers up.
    native_price = units.decimal_to_price(
        positive_decimal(price, "price"), round_up=side is Side.ASK
    )
    if lots <= 0:
        raise KairosError(f"size {size} is below one lot of market {market.name_str}")
    return lots, native_price


@auction_app.command("open", context_settings=NEGATIVE_NUMBERS_OK)
def auction_open(
    ctx: typer.Context,
    market: MarketArg,
    side: SideArg,
    size: SizeArg,
    price: Annotated[str, typer.Option(help="Worst price, quote per base unit.")],
    min_fill: Annotated[str, typer.Option(help="Minimum fill (same units as size).")] = "0",
    duration: Annotated[
        int, typer.Option(help="Deadline, in slots from now.")
    ] = DEFAULT_AUCTION_DURATION_SLOTS,
    rest: Annotated[str, typer.Option(help="Unfilled rest: cancel or book.")] = "cancel",
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Open an auction for your order; liquidity providers bid until the deadline."""
    state = cli_state(ctx, json_output)
    order_side = parse_side(side)
    try:
        rest_action = AuctionRest[rest.upper()]
    except KeyError:
        raise typer.BadParameter(f"rest {rest!r}: use cancel or book") from None

    async def build(client: KairosClient, found: PerpMarket) -> Outgoing:
        lots, native_price = await _lots_and_price(
            client, found.index, size, price, native, order_side
        )
        min_lots = 0
        if min_fill not in ("0", ""):
            fill = await _lots_and_price(
                client, found.index, min_fill, price, native, order_side, "--min-fill"
            )
            min_lots = fill[0]
        created = await client.auctions.open(
            OpenAuctionParams(
                found.index,
                order_side,
                lots,
                native_price,
                min_fill_lots=min_lots,
                duration_slots=duration,
                rest_action=rest_action,
                account_index=index,
            )
        )
        return Outgoing(created, units_market=found.index, auction=created.address)

    transact_on_market(state, market, build)


def _bid_command(improve: bool) -> Any:
    def command(
        ctx: typer.Context,
        auction: AuctionArg,
        size: SizeArg,
        price: Annotated[str, typer.Option(help="Your price, quote per base unit.")],
        index: IndexOpt = 0,
        native: NativeOpt = False,
        json_output: JsonOpt = False,
    ) -> None:
        state = cli_state(ctx, json_output)
        address = parse_pubkey(auction)

        async def action(client: KairosClient) -> dict[str, Any]:
            view = await client.auctions.view(address)
            # The provider takes the other side of the taker.
            lots, native_price = await _lots_and_price(
                client, view.auction.market_index, size, price, native, view.side.opposite
            )
            bid = (ImproveBidParams if improve else SubmitBidParams)(
                address, native_price, lots, account_index=index
            )
            result = await client.send(client.auctions.submit_bid(bid, auction_state=view.auction))
            market_index = view.auction.market_index
            extra: dict[str, Any] = {"base_lots": lots, "price": native_price}
            if not native:
                units = (await market_units_by_index(client))[market_index]
                extra["size_ui"] = units.lots_to_decimal(lots)
                extra["price_ui"] = units.price_to_decimal(native_price)
            return await confirmed_result(client, result, units_market=market_index, **extra)

        emit_transaction(state, run(state, action))

    command.__doc__ = (
        "Improve your bid (price no worse, size no smaller)."
        if improve
        else "Bid in an auction as a liquidity provider."
    )
    return command


auction_app.command("bid", context_settings=NEGATIVE_NUMBERS_OK)(_bid_command(improve=False))
auction_app.command("improve", context_settings=NEGATIVE_NUMBERS_OK)(_bid_command(improve=True))


@auction_app.command("cancel-bid")
def auction_cancel_bid(
    ctx: typer.Context,
    auction: AuctionArg,
    index: IndexOpt = 0,
    json_output: JsonOpt = False,
) -> None:
    """Withdraw your bid before the deadline."""
    state = cli_state(ctx, json_output)
    address = parse_pubkey(auction)

    transact(
        state,
        lambda client: Outgoing(
            client.auctions.cancel_bid(CancelBidParams(address, account_index=index))
        ),
    )


@auction_app.command("settle")
def auction_settle(
    ctx: typer.Context,
    auction: AuctionArg,
    json_output: JsonOpt = False,
) -> None:
    """Settle an auction (after its deadline; before it only as the taker, accepting)."""
    state = cli_state(ctx, json_output)
    address = parse_pubkey(auction)

    async def action(client: KairosClient) -> dict[str, Any]:
        return await confirmed_result(client, await client.auctions.send_settlement(address))

    emit_transaction(state, run(state, action))


@auction_app.command("expire")
def auction_expire(
    ctx: typer.Context,
    auction: AuctionArg,
    json_output: JsonOpt = False,
) -> None:
    """Expire an auction without trading; the wallet receives the keeper reward.

    Accepted after the deadline plus the grace, or while the taker is being liquidated.
    """
    state = cli_state(ctx, json_output)
    address = parse_pubkey(auction)

    transact(state, lambda client: Outgoing(client.auctions.expire(ExpireAuctionParams(address))))


def _view_dict(view: AuctionView) -> dict[str, Any]:
    auction = view.auction
    return {
        "address": view.address,
        "market_index": auction.market_index,
        "taker": auction.taker_margin_account,
        "side": view.side.name.lower(),
        "size_lots": auction.size_lots,
        "limit_price": auction.limit_price,
        "min_fill_lots": auction.min_fill_lots,
        "deadline_slot": auction.deadline_slot,
        "expirable_from_slot": auction.deadline_slot + AUCTION_EXPIRY_GRACE_SLOTS,
        "rest": AuctionRest(auction.rest_action).name.lower(),
        "reward_lamports": auction.reward_lamports,
        "bids": [
            {
                "provider": bid.provider,
                "price": bid.price,
                "base_lots": bid.base_lots,
                "seq": bid.seq,
            }
            for bid in view.bids
        ],
        "expected_average_price": view.average_price(),
    }


@auction_app.command("show")
def auction_show(
    ctx: typer.Context,
    auction: Annotated[
        str | None, typer.Argument(help="Auction address (default: every open auction).")
    ] = None,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Show an auction with its bids ranked as the program ranks them.

    Prices in quote per base unit and sizes in base units (native with --native;
    --json is native).
    """
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> list[dict[str, Any]]:
        if auction is not None:
            views = [await client.auctions.view(parse_pubkey(auction))]
        else:
            views = await client.auctions.list()
        data = [_view_dict(view) for view in views]
        if state.json or native or not data:
            return data
        units = await market_units_by_index(client)
        shown = []
        for item in data:
            market = units.get(item["market_index"])
            shown.append(
                {**row_ui(item, market), "bids": [row_ui(b, market) for b in item["bids"]]}
            )
        return shown

    data = run(state, action)
    size_key, fill_key, lots_key = (
        ("size_lots", "min_fill_lots", "base_lots") if native else ("size", "min_fill_size", "size")
    )
    size_unit = " lots" if native else ""

    def human(console: Console) -> None:
        for item in data:
            console.print(
                f"[bold]Auction {item['address']}[/]: taker {item['side']}s"
                f" {item[size_key]}{size_unit}, limit {item['limit_price']},"
                f" min fill {item[fill_key]}, expected average price"
                f" {text(item['expected_average_price'])},"
                f" deadline slot {item['deadline_slot']}"
                f" (expirable from {item['expirable_from_slot']}), rest {item['rest']}",
                highlight=False,
                soft_wrap=True,
            )
            table = Table("rank", "provider", "price", "lots" if native else "size", "seq")
            for rank, bid in enumerate(item["bids"], start=1):
                table.add_row(
                    str(rank),
                    str(bid["provider"]),
                    str(bid["price"]),
                    str(bid[lots_key]),
                    str(bid["seq"]),
                )
            console.print(table)
        if not data:
            console.print("No open auction.")

    emit(state, data, human)
