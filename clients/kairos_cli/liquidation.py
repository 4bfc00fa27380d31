"""``kairos liquidation``: the liquidation and risk instructions, and candidates.

Registered on the root app by ``kairos_cli.app`` (imported at its end). Quote values
are in quote tokens, sizes in base units and collateral amounts in asset tokens,
unless ``--native`` is given (quote native, lots, asset native). Basis-point
parameters are always integers.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from kairos.accounts import MarginAccount, PerpMarket, fetch_all_accounts
from kairos.client import KairosClient
from kairos.errors import ProgramError
from kairos.math import liquidation as liq
from kairos.math.health import HealthContext
from kairos.math.orderbook import MarketUnits
from kairos.params import (
    NO_LIMIT,
    ForceCancelOrdersParams,
    LiquidateCollateralParams,
    LiquidatePerpParams,
    ResolveBankruptcyParams,
    SetAssetLiquidationDiscountParams,
    SetAssetRiskParams,
    SetLiquidationParams,
    SetPerpLiquidationFeeParams,
    SweepFeesToInsuranceParams,
)
from rich.console import Console
from rich.table import Table
from solders.pubkey import Pubkey

from kairos_cli.common import (
    IndexOpt,
    JsonOpt,
    MarketArg,
    NativeOpt,
    Outgoing,
    amount_in_native,
    app,
    cli_state,
    emit,
    market_key,
    parse_decimal,
    parse_native,
    parse_pubkey,
    run,
    transact,
    transact_on_market,
    ui,
)

liquidation_app = typer.Typer(help="Liquidation and risk.", no_args_is_help=True)
app.add_typer(liquidation_app, name="liquidation")

MaxOpt = Annotated[
    str | None, typer.Option("--max", help="Upper bound (default: what the program computes).")
]


async def _quote_native(client: KairosClient, amount: str, native: bool, what: str) -> int:
    return await amount_in_native(amount, native, client.get_quote_decimals, what)


async def _asset_native(
    client: KairosClient, mint: Pubkey, amount: str, native: bool, what: str
) -> int:
    async def decimals() -> int:
        return (await client.get_collateral_asset(mint)).decimals

    return await amount_in_native(amount, native, decimals, what)


@liquidation_app.command("params")
def liquidation_params(
    ctx: typer.Context,
    small_position: Annotated[
        str, typer.Option(help="Small position threshold, quote (native with --native).")
    ],
    buffer_bps: Annotated[
        int,
        typer.Option(
            help="Liquidation buffer, bps of maint req. (recommended: 10000, measured in "
            "benchmarks/liquidation_crash.py)."
        ),
    ],
    insurance_share_bps: Annotated[int, typer.Option(help="Insurance share of fees, bps.")],
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Admin: set the exchange's liquidation parameters."""
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> Outgoing:
        small = await _quote_native(client, small_position, native, "small position")
        return Outgoing(
            client.admin.set_liquidation_params(
                SetLiquidationParams(small, buffer_bps, insurance_share_bps)
            ),
            small_position_quote=small,
        )

    transact(state, action)


@liquidation_app.command("perp-fee")
def liquidation_perp_fee(
    ctx: typer.Context,
    market: MarketArg,
    fee_bps: Annotated[int, typer.Argument(help="Liquidation fee, bps.")],
    json_output: JsonOpt = False,
) -> None:
    """Admin: set a market's liquidation fee."""
    state = cli_state(ctx, json_output)

    def build(client: KairosClient, found: PerpMarket) -> Outgoing:
        return Outgoing(
            client.admin.set_perp_liquidation_fee(
                SetPerpLiquidationFeeParams(found.index, fee_bps)
            ),
            market_index=found.index,
        )

    transact_on_market(state, market, build)


CollateralMintArg = Annotated[str, typer.Argument(help="Collateral mint.")]


@liquidation_app.command("asset-discount")
def liquidation_asset_discount(
    ctx: typer.Context,
    mint: CollateralMintArg,
    discount_bps: Annotated[int, typer.Argument(help="Liquidation discount, bps.")],
    json_output: JsonOpt = False,
) -> None:
    """Admin: set a collateral asset's liquidation discount."""
    state = cli_state(ctx, json_output)
    mint_key = parse_pubkey(mint)

    transact(
        state,
        lambda client: Outgoing(
            client.admin.set_asset_liquidation_discount(
                SetAssetLiquidationDiscountParams(mint_key, discount_bps)
            )
        ),
    )


@liquidation_app.command("asset-risk")
def liquidation_asset_risk(
    ctx: typer.Context,
    mint: CollateralMintArg,
    scale_threshold: Annotated[
        str, typer.Option(help="Deposit threshold, asset tokens (native with --native); 0: off.")
    ] = "0",
    concentration_limit_bps: Annotated[
        int, typer.Option(help="Concentration limit, bps of weighted collateral; 0: off.")
    ] = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Admin: set an asset's deposit-scaled initial weight and concentration limit."""
    state = cli_state(ctx, json_output)
    mint_key = parse_pubkey(mint)

    async def action(client: KairosClient) -> Outgoing:
        threshold = await _asset_native(client, mint_key, scale_threshold, native, "threshold")
        return Outgoing(
            client.admin.set_asset_risk_params(
                SetAssetRiskParams(mint_key, threshold, concentration_limit_bps)
            ),
            init_weight_scale_threshold=threshold,
        )

    transact(state, action)


@liquidation_app.command("sweep-fees")
def liquidation_sweep_fees(
    ctx: typer.Context,
    market: MarketArg,
    json_output: JsonOpt = False,
) -> None:
    """Admin: move a market's fees and the pending insurance share to insurance."""
    state = cli_state(ctx, json_output)

    def build(client: KairosClient, found: PerpMarket) -> Outgoing:
        return Outgoing(
            client.admin.sweep_fees_to_insurance(SweepFeesToInsuranceParams(found.index)),
            market_index=found.index,
        )

    transact_on_market(state, market, build)


LiquidatableArg = Annotated[str, typer.Argument(help="Liquidatable margin account address.")]


@liquidation_app.command("force-cancel")
def liquidation_force_cancel(
    ctx: typer.Context,
    account: LiquidatableArg,
    market: MarketArg,
    limit: Annotated[int, typer.Option(help="Orders to cancel at most.")] = 16,
    json_output: JsonOpt = False,
) -> None:
    """Cancel a liquidatable account's orders in a market (or clear its flag)."""
    state = cli_state(ctx, json_output)
    address = parse_pubkey(account)

    def build(client: KairosClient, found: PerpMarket) -> Outgoing:
        return Outgoing(
            client.liquidation.force_cancel_orders(
                ForceCancelOrdersParams(address, found.index, limit)
            )
        )

    transact_on_market(state, market, build)


@liquidation_app.command("perp")
def liquidation_perp(
    ctx: typer.Context,
    account: LiquidatableArg,
    market: MarketArg,
    max_size: MaxOpt = None,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Take over part of an account's perp position (size: base units, lots with --native)."""
    state = cli_state(ctx, json_output)
    address = parse_pubkey(account)

    async def build(client: KairosClient, found: PerpMarket) -> Outgoing:
        max_lots = NO_LIMIT
        if max_size is not None:
            if native:
                max_lots = parse_native(max_size, "size")
            else:
                units = MarketUnits.of(found, await client.get_quote_decimals())
                max_lots = units.decimal_to_lots(parse_decimal(max_size, "size"))
        return Outgoing(
            client.liquidation.liquidate_perp(
                LiquidatePerpParams(address, found.index, max_lots, account_index=index)
            )
        )

    transact_on_market(state, market, build)


@liquidation_app.command("collateral")
def liquidation_collateral(
    ctx: typer.Context,
    account: LiquidatableArg,
    mint: Annotated[str, typer.Argument(help="Collateral mint to buy.")],
    max_amount: MaxOpt = None,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Buy part of an account's collateral at the discount (amount: asset tokens)."""
    state = cli_state(ctx, json_output)
    address = parse_pubkey(account)
    mint_key = parse_pubkey(mint)

    async def action(client: KairosClient) -> Outgoing:
        cap = NO_LIMIT
        if max_amount is not None:
            cap = await _asset_native(client, mint_key, max_amount, native, "amount")
        return Outgoing(
            client.liquidation.liquidate_collateral(
                LiquidateCollateralParams(address, mint_key, cap, account_index=index)
            )
        )

    transact(state, action)


@liquidation_app.command("bankruptcy")
def liquidation_bankruptcy(
    ctx: typer.Context,
    account: Annotated[str, typer.Argument(help="Bankrupt margin account address.")],
    market: Annotated[
        str | None,
        typer.Argument(help="Market index or name (default: where its losses came from)."),
    ] = None,
    json_output: JsonOpt = False,
) -> None:
    """Cover a bankrupt account from insurance; socialize the rest on the market."""
    state = cli_state(ctx, json_output)
    address = parse_pubkey(account)

    async def action(client: KairosClient) -> Outgoing:
        index = (
            None if market is None else (await client.find_perp_market(market_key(market))).index
        )
        params = ResolveBankruptcyParams(address, index)
        return Outgoing(client.liquidation.resolve_bankruptcy(params))

    transact(state, action)


async def find_candidates(client: KairosClient) -> list[dict[str, Any]]:
    """Margin accounts with maintenance health < 0 or flagged ``being_liquidated``.

    Health comes from :mod:`kairos.math.health` (the program's mirror); an account whose
    health cannot be computed (stale oracle) is listed with its error when flagged.
    """
    exchange = await client.get_exchange()
    accounts: list[tuple[Pubkey, MarginAccount]] = await fetch_all_accounts(
        client.connection, MarginAccount, program_id=client.program_id
    )
    assets = await client.get_collateral_assets()
    markets = await client.get_perp_markets()
    # Only the oracles the accounts' positions read (the quote asset has none).
    used_assets = {p.asset_index for _, a in accounts for p in a.active_collateral()}
    used_markets = {p.market_index for _, a in accounts for p in a.active_perp_positions()}
    oracles = await client.get_oracles(
        [assets[i].oracle for i in sorted(used_assets) if i in assets]
        + [markets[i].oracle for i in sorted(used_markets) if i in markets]
    )
    slot = await client.get_slot()
    # Health rolls the borrow index forward to the cluster clock, as the program does.
    now = await client.get_unix_timestamp()
    quote_decimals = exchange.quote_decimals
    found: list[dict[str, Any]] = []
    for address, account in accounts:
        context = HealthContext(account, assets, markets, oracles, quote_decimals, slot, now)
        try:
            breakdown = context.breakdown()
        except ProgramError as exc:
            if account.being_liquidated:
                found.append(
                    {
                        "address": address,
                        "owner": account.owner,
                        "being_liquidated": True,
                        "error": f"{exc.name}: {exc.message}",
                    }
                )
            continue
        if breakdown.maint >= 0 and not account.being_liquidated:
            continue
        found.append(
            {
                "address": address,
                "owner": account.owner,
                "being_liquidated": bool(account.being_liquidated),
                "liquidatable": liq.is_liquidatable(exchange, account, breakdown),
                "maint_health": breakdown.maint,
                "maint_health_ui": ui(breakdown.maint, quote_decimals),
                "init_health": breakdown.init,
                "maint_requirement": breakdown.maint_requirement,
                "shortfall": liq.shortfall(exchange, breakdown),
                "has_open_orders": liq.has_open_orders(account),
                "bankrupt": not account.active_collateral() and account.quote_balance < 0,
            }
        )
    found.sort(key=lambda item: item.get("maint_health", 0))
    return found


@liquidation_app.command("candidates")
def liquidation_candidates(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """List margin accounts with maintenance health < 0 or under liquidation."""
    state = cli_state(ctx, json_output)
    data = run(state, find_candidates)

    def human(console: Console) -> None:
        if not data:
            console.print("No liquidation candidate.")
            return
        table = Table("account", "owner", "maint health", "shortfall", "flagged", "orders")
        for item in data:
            table.add_row(
                str(item["address"]),
                str(item["owner"]),
                str(item.get("maint_health_ui", item.get("error", "-"))),
                str(item.get("shortfall", "-")),
                "yes" if item["being_liquidated"] else "no",
                "yes" if item.get("has_open_orders") else "no",
            )
        console.print(table)

    emit(state, data, human)
