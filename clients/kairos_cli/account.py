"""`kairos account`: margin accounts, deposits, withdrawals, health."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import typer
from kairos.accounts import (
    MarginAccount,
)
from kairos.constants import (
    QUOTE_ASSET_INDEX,
    Side,
)
from kairos.errors import KairosError, ProgramError
from kairos.math.borrow import borrow_index_at, pending_interest
from kairos.math.funding import pending_funding
from kairos.math.health import HealthBreakdown, HealthContext, oracle_to_decimal
from kairos.math.orderbook import MarketUnits
from kairos.params import (
    CloseMarginAccountParams,
    ComputeHealthParams,
    CreateMarginAccountParams,
    DepositParams,
    WithdrawParams,
)
from rich.console import Console
from rich.table import Table
from solders.pubkey import Pubkey

if TYPE_CHECKING:
    from kairos.client import KairosClient

from kairos_cli.common import (
    NEGATIVE_NUMBERS_OK,
    AddressOpt,
    IndexOpt,
    JsonOpt,
    ListedMintArg,
    MarginAccountRef,
    NativeOpt,
    Outgoing,
    OwnerOpt,
    TokenAmountArg,
    ToTokenAccountOpt,
    account_app,
    amount_fields,
    cli_state,
    confirmed_result,
    emit,
    emit_transaction,
    make_console,
    native_amount_of,
    optional_pubkey,
    parse_mint,
    run,
    text,
    transact,
    ui,
)


@account_app.command("create")
def account_create(ctx: typer.Context, index: IndexOpt = 0, json_output: JsonOpt = False) -> None:
    """Create a margin account for the wallet."""
    state = cli_state(ctx, json_output)

    transact(
        state,
        lambda client: Outgoing(
            client.margin.create(CreateMarginAccountParams(index)),
            margin_account=client.margin_account_address(index),
        ),
    )


@account_app.command("deposit", context_settings=NEGATIVE_NUMBERS_OK)
def account_deposit(
    ctx: typer.Context,
    mint: ListedMintArg,
    amount: TokenAmountArg,
    index: IndexOpt = 0,
    source: Annotated[
        str | None, typer.Option("--from", help="Token account (default: the wallet's ATA).")
    ] = None,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Deposit tokens into a margin account.

    On a ready-to-trade localnet, test tokens the wallet lacks are minted to it
    first (with a notice).
    """
    from kairos_cli.wallet import ensure_test_tokens

    state = cli_state(ctx, json_output)
    mint_key = parse_mint(mint)
    source_key = optional_pubkey(source)

    async def action(client: KairosClient) -> Outgoing:
        native_amount = await native_amount_of(client, mint_key, amount, native)
        if native_amount <= 0:
            raise typer.BadParameter("the amount must be positive")
        if source_key is None:
            await ensure_test_tokens(
                client,
                mint_key,
                native_amount,
                rpc_url=state.config.rpc_url,
                console=make_console(stderr=True),
            )
        sendable = client.margin.deposit(
            DepositParams(
                mint_key, native_amount, account_index=index, owner_token_account=source_key
            )
        )
        return Outgoing(sendable, **await amount_fields(client, mint_key, native_amount))

    transact(state, action)


@account_app.command("withdraw", context_settings=NEGATIVE_NUMBERS_OK)
def account_withdraw(
    ctx: typer.Context,
    mint: ListedMintArg,
    amount: Annotated[str, typer.Argument(help="Amount in tokens, or 'max'.")],
    index: IndexOpt = 0,
    destination: ToTokenAccountOpt = None,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Withdraw tokens; initial health must stay >= 0 ('max' computes the most allowed)."""
    state = cli_state(ctx, json_output)
    mint_key = parse_mint(mint)
    destination_key = optional_pubkey(destination)

    async def action(client: KairosClient) -> Outgoing:
        if amount.lower() == "max":
            asset = await client.get_collateral_asset(mint_key)
            context = await client.get_health_context(index)
            native_amount = context.max_withdrawable(asset.index)
            if native_amount == 0:
                raise KairosError("nothing can be withdrawn without breaking initial health")
        else:
            native_amount = await native_amount_of(client, mint_key, amount, native)
        sendable = client.margin.withdraw(
            WithdrawParams(
                mint_key, native_amount, account_index=index, destination=destination_key
            )
        )
        return Outgoing(sendable, **await amount_fields(client, mint_key, native_amount))

    transact(state, action)


@account_app.command("close")
def account_close(
    ctx: typer.Context,
    index: IndexOpt = 0,
    destination: Annotated[
        str | None, typer.Option(help="Receives the rent (default: the wallet).")
    ] = None,
    json_output: JsonOpt = False,
) -> None:
    """Close an empty margin account."""
    state = cli_state(ctx, json_output)
    destination_key = optional_pubkey(destination)

    transact(
        state,
        lambda client: Outgoing(
            client.margin.close(CloseMarginAccountParams(index, destination=destination_key))
        ),
    )


def account_report(context: HealthContext, address: Pubkey) -> dict[str, Any]:
    """Everything ``account show`` prints, computed locally with :mod:`kairos.math.health`.

    When health cannot be computed (a stale or too uncertain oracle, as the program
    would refuse it), balances are still reported and ``health`` carries the error.
    """
    account: MarginAccount = context.account
    quote_decimals = context.quote_decimals
    quote_asset = context.assets.get(QUOTE_ASSET_INDEX)
    interest_owed = (
        None
        if quote_asset is None
        else pending_interest(account, borrow_index_at(quote_asset, context.unix_timestamp))
    )

    def quote_ui(value: int | None) -> Decimal | None:
        return None if value is None else ui(value, quote_decimals)

    breakdown: HealthBreakdown | None = None
    health: dict[str, Any]
    try:
        computed = context.breakdown()
    except ProgramError as exc:
        health = {"error": f"{exc.name}: {exc.message}"}
    else:
        breakdown = computed
        health = {
            "init": computed.init,
            "maint": computed.maint,
            "init_ui": quote_ui(computed.init),
            "maint_ui": quote_ui(computed.maint),
        }
    collateral = []
    for slot, holding in enumerate(account.active_collateral()):
        asset = context.assets[holding.asset_index]
        entry = None if breakdown is None else breakdown.collateral[slot]
        withdrawable = None if breakdown is None else context.max_withdrawable(holding.asset_index)
        collateral.append(
            {
                "asset_index": holding.asset_index,
                "mint": asset.mint,
                "amount": holding.amount,
                "amount_ui": ui(holding.amount, asset.decimals),
                "init_value": None if entry is None else entry.init,
                "maint_value": None if entry is None else entry.maint,
                "init_value_ui": quote_ui(None if entry is None else entry.init),
                "maint_value_ui": quote_ui(None if entry is None else entry.maint),
                "max_withdrawable": withdrawable,
                "max_withdrawable_ui": None
                if withdrawable is None
                else ui(withdrawable, asset.decimals),
            }
        )
    perps = []
    for slot, position in enumerate(account.active_perp_positions()):
        market = context.markets[position.market_index]
        units = MarketUnits.of(market, quote_decimals)
        oracle = context.oracles[market.oracle]
        perp_entry = None if breakdown is None else breakdown.perps[slot]
        liquidation = None if breakdown is None else context.liquidation_price(market.index)
        # Funding the position owes since it last settled (kairos.math.funding); health counts it.
        funding_owed = pending_funding(position, market)
        perps.append(
            {
                "market_index": position.market_index,
                "market": market.name_str,
                "base_lots": position.base_lots,
                "size_ui": units.lots_to_decimal(position.base_lots),
                "quote_position": position.quote_position,
                "quote_position_ui": quote_ui(position.quote_position),
                "cost_basis": position.cost_basis,
                "realized_pnl": position.realized_pnl,
                "realized_pnl_ui": quote_ui(position.realized_pnl),
                "funding_owed": funding_owed,
                "funding_owed_ui": quote_ui(funding_owed),
                "bids_base_lots": position.bids_base_lots,
                "asks_base_lots": position.asks_base_lots,
                "oracle_price_ui": oracle_to_decimal(oracle.price, oracle.exponent),
                "liquidation_price_ui": None
                if liquidation is None
                else oracle_to_decimal(liquidation, oracle.exponent),
                "init_health": None if perp_entry is None else perp_entry.init,
                "maint_health": None if perp_entry is None else perp_entry.maint,
                "init_health_ui": quote_ui(None if perp_entry is None else perp_entry.init),
            }
        )
    orders = []
    for order in account.active_open_orders():
        order_market = context.markets.get(order.market_index)
        orders.append(
            {
                "market_index": order.market_index,
                "market": order.market_index if order_market is None else order_market.name_str,
                "side": Side(order.side),
                "order_id": order.order_id,
                "client_order_id": order.client_order_id,
                "price": order.price,
                "price_ui": order.price
                if order_market is None
                else MarketUnits.of(order_market, quote_decimals).price_to_decimal(order.price),
            }
        )
    return {
        "address": address,
        "owner": account.owner,
        "account_index": account.account_index,
        "being_liquidated": bool(account.being_liquidated),
        "slot": context.slot,
        "quote_balance": account.quote_balance,
        "quote_balance_ui": quote_ui(account.quote_balance),
        # Interest a checkpoint would charge now (kairos.math.borrow); health counts it.
        "borrow_interest_owed": interest_owed,
        "borrow_interest_owed_ui": quote_ui(interest_owed),
        "health": health,
        "collateral": collateral,
        "perp_positions": perps,
        "open_orders": orders,
        "stats": account.stats,
    }


def _render_account(console: Console, report: dict[str, Any]) -> None:
    health = report["health"]
    console.print(
        f"[bold]Margin account[/] {report['address']} (owner {report['owner']}, "
        f"index {report['account_index']})",
        highlight=False,
        soft_wrap=True,
    )
    if "error" in health:
        shown = f"[red]unavailable[/] ({health['error']})"
    else:
        colour = "green" if health["init"] >= 0 else ("yellow" if health["maint"] >= 0 else "red")
        shown = (
            f"init [{colour}]{text(health['init_ui'])}[/]  "
            f"maint [{colour}]{text(health['maint_ui'])}[/]"
        )
    console.print(
        f"quote balance {text(report['quote_balance_ui'])}   health: {shown}"
        + ("   [red]BEING LIQUIDATED[/]" if report["being_liquidated"] else ""),
        highlight=False,
        soft_wrap=True,
    )
    tables: list[tuple[str, list[tuple[str, str]], list[dict[str, Any]]]] = [
        (
            "Collateral",
            [
                ("asset", "asset_index"),
                ("mint", "mint"),
                ("amount", "amount_ui"),
                ("init value", "init_value_ui"),
                ("maint value", "maint_value_ui"),
                ("max withdraw", "max_withdrawable_ui"),
            ],
            report["collateral"],
        ),
        (
            "Perp positions",
            [
                ("market", "market"),
                ("size", "size_ui"),
                ("quote position", "quote_position_ui"),
                ("realized pnl", "realized_pnl_ui"),
                ("oracle", "oracle_price_ui"),
                ("liq. price", "liquidation_price_ui"),
                ("init health", "init_health_ui"),
            ],
            report["perp_positions"],
        ),
        (
            "Open orders",
            [
                ("market", "market"),
                ("side", "side"),
                ("order id", "order_id"),
                ("client id", "client_order_id"),
                ("price", "price_ui"),
            ],
            report["open_orders"],
        ),
    ]
    for title, columns, rows in tables:
        if not rows:
            continue
        table = Table(title=title)
        for header, _ in columns:
            table.add_column(header)
        for row in rows:
            table.add_row(*(text(row[key]) for _, key in columns))
        console.print(table)
    # Funding a position owes since it last settled (negative: it is owed), counted by
    # health: a line of its own, the positions table is at its width already.
    for perp in report["perp_positions"]:
        if perp["funding_owed"]:
            console.print(
                f"funding owed ({perp['market']}): {text(perp['funding_owed_ui'])}",
                highlight=False,
            )


@account_app.command("show")
def account_show(
    ctx: typer.Context,
    index: IndexOpt = 0,
    owner: OwnerOpt = None,
    address: AddressOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Show balances, positions, open orders and health (computed locally)."""
    state = cli_state(ctx, json_output)
    account_ref = MarginAccountRef.parse(index, owner, address)

    async def action(client: KairosClient) -> dict[str, Any]:
        key = account_ref.key(client)
        context = await client.get_health_context(address=key)
        return account_report(context, key)

    report = run(state, action)
    emit(state, report, lambda console: _render_account(console, report))


@account_app.command("health")
def account_health(
    ctx: typer.Context,
    index: IndexOpt = 0,
    owner: OwnerOpt = None,
    address: AddressOpt = None,
    send: Annotated[
        bool, typer.Option("--send", help="Send compute_health as a transaction.")
    ] = False,
    json_output: JsonOpt = False,
) -> None:
    """Health from the program's compute_health view (simulated), and computed locally."""
    state = cli_state(ctx, json_output)
    account_ref = MarginAccountRef.parse(index, owner, address)

    async def action(client: KairosClient) -> dict[str, Any]:
        key = account_ref.key(client)
        if send:
            result = await client.send(
                client.margin.compute_health(ComputeHealthParams(address=key))
            )
            return await confirmed_result(client, result)
        on_chain = await client.margin.simulate_health(ComputeHealthParams(address=key))
        local = (await client.get_health_context(address=key)).health()
        decimals = await client.get_quote_decimals()

        def pair(init: int, maint: int) -> dict[str, Any]:
            return {
                "init": init,
                "maint": maint,
                "init_ui": ui(init, decimals),
                "maint_ui": ui(maint, decimals),
            }

        return {
            "margin_account": key,
            "program": pair(on_chain.init_health, on_chain.maint_health),
            "local": pair(local.init, local.maint),
        }

    result = run(state, action)
    if send:
        emit_transaction(state, result)
        return

    def human(console: Console) -> None:
        console.print(f"Margin account {result['margin_account']}", highlight=False)
        table = Table(title="Health (quote units)")
        for column in ("source", "init", "maint"):
            table.add_column(column)
        for source in ("program", "local"):
            table.add_row(
                source,
                text(result[source]["init_ui"]),
                text(result[source]["maint_ui"]),
            )
        console.print(table)

    emit(state, result, human)


# --- orders ---------------------------------------------------------------------------------
