"""`kairos exchange`, `kairos admin`, `kairos oracle` and `kairos asset`: exchange set-up."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import typer
from kairos.accounts import (
    CollateralAsset,
)
from kairos.constants import (
    INSTRUCTION_NAMES,
    QUOTE_ASSET_INDEX,
    U64_MAX,
    halted_instructions,
    instruction_gate_bit,
)
from kairos.math.health import oracle_to_decimal
from kairos.params import (
    AddCollateralAssetParams,
    CreateOracleParams,
    InitializeExchangeParams,
    SetInstructionGateParams,
    UpdateOracleParams,
)
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from kairos.client import KairosClient

from kairos_cli.common import (
    ConfidenceOpt,
    JsonOpt,
    NativeOpt,
    OraclePriceOpt,
    Outgoing,
    admin_app,
    asset_app,
    cli_state,
    confirmed_result,
    emit,
    emit_transaction,
    exchange_app,
    kv_table,
    oracle_app,
    parse_decimal,
    parse_pubkey,
    run,
    text,
    to_jsonable,
    transact,
    ui,
)


@exchange_app.command("init")
def exchange_init(
    ctx: typer.Context,
    quote_mint: Annotated[str, typer.Argument(help="SPL mint of the quote currency.")],
    keeper_reward: Annotated[
        int, typer.Option(help="Lamports paid to the crank per consumed event.")
    ] = 0,
    json_output: JsonOpt = False,
) -> None:
    """Create the exchange; the wallet becomes its admin."""
    state = cli_state(ctx, json_output)
    mint = parse_pubkey(quote_mint)

    transact(
        state,
        lambda client: Outgoing(
            client.admin.initialize_exchange(InitializeExchangeParams(mint, keeper_reward)),
            exchange=client.exchange_address,
        ),
    )


@exchange_app.command("show")
def exchange_show(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """Show the exchange config."""
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> dict[str, Any]:
        exchange = await client.get_exchange()
        decimals = exchange.quote_decimals
        return {
            "address": client.exchange_address,
            **to_jsonable(exchange),
            "halted_instructions": halted_instructions(exchange.instruction_gate),
            # Human-unit twins of quote amounts (the table shows these).
            **{
                f"{name}_ui": ui(getattr(exchange, name), decimals)
                for name in ("insurance_pending", "small_position_quote", "socialized_loss_total")
                if isinstance(getattr(exchange, name, None), int)
            },
        }

    data = run(state, action)

    emit(state, data, lambda console: console.print(kv_table("Exchange", data)))


@admin_app.command("gate")
def admin_gate(
    ctx: typer.Context,
    halt: Annotated[
        list[str] | None, typer.Option("--halt", help="Halt an instruction (repeatable).")
    ] = None,
    resume: Annotated[
        list[str] | None, typer.Option("--resume", help="Resume an instruction (repeatable).")
    ] = None,
    mask: Annotated[int | None, typer.Option("--mask", help="Set the whole bitmask.")] = None,
    json_output: JsonOpt = False,
) -> None:
    """Set the instruction gate (bit i halts IDL instruction i); no option: show it."""
    state = cli_state(ctx, json_output)
    for name in [*(halt or []), *(resume or [])]:
        if name.replace("-", "_") not in INSTRUCTION_NAMES:
            raise typer.BadParameter(f"{name!r}: instructions are {', '.join(INSTRUCTION_NAMES)}")

    async def action(client: KairosClient) -> dict[str, Any]:
        current = (await client.get_exchange()).instruction_gate
        gate = current if mask is None else mask
        for name in halt or []:
            gate |= instruction_gate_bit(name.replace("-", "_"))
        for name in resume or []:
            gate &= ~instruction_gate_bit(name.replace("-", "_"))
        if mask is None and not halt and not resume:
            return {"gate": current, "halted_instructions": halted_instructions(current)}
        result = await client.send(
            client.admin.set_instruction_gate(SetInstructionGateParams(gate))
        )
        return await confirmed_result(
            client,
            result,
            gate=gate,
            halted_instructions=halted_instructions(gate),
        )

    emit_transaction(state, run(state, action))


# --- oracles ------------------------------------------------------------------------------


def _oracle_native(value: Decimal, exponent: int) -> int:
    # Human price → the oracle's integer at its exponent, rounded to the nearest unit.
    return int(value.scaleb(-exponent).to_integral_value())


@oracle_app.command("create")
def oracle_create(
    ctx: typer.Context,
    seed: Annotated[int, typer.Argument(help="Any u64: one oracle per (authority, seed).")],
    price: OraclePriceOpt,
    exponent: Annotated[int, typer.Option(help="Decimal exponent of the stored integers.")] = -6,
    confidence: ConfidenceOpt = "0",
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Create a price feed with the wallet as its authority."""
    state = cli_state(ctx, json_output)
    price_value, confidence_value = parse_decimal(price, "price"), parse_decimal(confidence)
    if native:
        price_int, confidence_int = int(price_value), int(confidence_value)
    else:
        price_int = _oracle_native(price_value, exponent)
        confidence_int = _oracle_native(confidence_value, exponent)

    transact(
        state,
        lambda client: Outgoing(
            client.oracles.create(CreateOracleParams(seed, price_int, confidence_int, exponent)),
            oracle=client.oracle_address(seed),
        ),
    )


OracleArg = Annotated[str, typer.Argument(help="Oracle address.")]


@oracle_app.command("update")
def oracle_update(
    ctx: typer.Context,
    oracle: OracleArg,
    price: OraclePriceOpt,
    confidence: ConfidenceOpt = "0",
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Publish a price (the wallet must be the oracle's authority)."""
    state = cli_state(ctx, json_output)
    key = parse_pubkey(oracle)
    price_value, confidence_value = parse_decimal(price, "price"), parse_decimal(confidence)

    async def action(client: KairosClient) -> Outgoing:
        if native:
            price_int, confidence_int = int(price_value), int(confidence_value)
        else:
            exponent = (await client.get_oracle(key)).exponent
            price_int = _oracle_native(price_value, exponent)
            confidence_int = _oracle_native(confidence_value, exponent)
        return Outgoing(client.oracles.update(UpdateOracleParams(key, price_int, confidence_int)))

    transact(state, action)


@oracle_app.command("show")
def oracle_show(
    ctx: typer.Context,
    oracle: OracleArg,
    json_output: JsonOpt = False,
) -> None:
    """Show a price feed."""
    state = cli_state(ctx, json_output)
    key = parse_pubkey(oracle)

    async def action(client: KairosClient) -> dict[str, Any]:
        value = await client.get_oracle(key)
        return {
            "address": key,
            **to_jsonable(value),
            "price_ui": oracle_to_decimal(value.price, value.exponent),
            "confidence_ui": oracle_to_decimal(value.confidence, value.exponent),
        }

    data = run(state, action)
    emit(state, data, lambda console: console.print(kv_table("Oracle", data)))


# --- collateral assets ------------------------------------------------------------------


@asset_app.command("add")
def asset_add(
    ctx: typer.Context,
    mint: Annotated[str, typer.Argument(help="SPL mint to list.")],
    oracle: Annotated[str, typer.Option(help="Oracle pricing the asset in quote.")],
    init_weight_bps: Annotated[int, typer.Option(help="Initial asset weight.")] = 8_000,
    maint_weight_bps: Annotated[int, typer.Option(help="Maintenance asset weight.")] = 9_000,
    deposit_cap: Annotated[
        int, typer.Option(help="Cap on total deposits (native units).")
    ] = U64_MAX,
    max_staleness_slots: Annotated[int, typer.Option(help="Oracle staleness limit.")] = 150,
    max_confidence_bps: Annotated[int, typer.Option(help="Oracle confidence limit.")] = 200,
    json_output: JsonOpt = False,
) -> None:
    """Admin: list an SPL mint as collateral."""
    state = cli_state(ctx, json_output)
    mint_key, oracle_key = parse_pubkey(mint), parse_pubkey(oracle)

    transact(
        state,
        lambda client: Outgoing(
            client.admin.add_collateral_asset(
                AddCollateralAssetParams(
                    mint_key,
                    oracle_key,
                    deposit_cap=deposit_cap,
                    max_staleness_slots=max_staleness_slots,
                    init_asset_weight_bps=init_weight_bps,
                    maint_asset_weight_bps=maint_weight_bps,
                    max_confidence_bps=max_confidence_bps,
                )
            ),
            collateral_asset=client.collateral_asset_address(mint_key),
        ),
    )


@asset_app.command("list")
def asset_list(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """List the collateral assets."""
    state = cli_state(ctx, json_output)
    assets: dict[int, CollateralAsset] = run(state, lambda client: client.get_collateral_assets())

    def human(console: Console) -> None:
        table = Table(title="Collateral assets")
        for column in ("index", "mint", "oracle", "decimals", "init w", "maint w", "deposits"):
            table.add_column(column)
        for index, asset in assets.items():
            table.add_row(
                str(index),
                str(asset.mint),
                "quote (1)" if index == QUOTE_ASSET_INDEX else str(asset.oracle),
                str(asset.decimals),
                f"{asset.init_asset_weight_bps / 100:g}%",
                f"{asset.maint_asset_weight_bps / 100:g}%",
                text(ui(asset.total_deposits, asset.decimals)),
            )
        console.print(table)

    emit(state, list(assets.values()), human)


# --- perp markets -----------------------------------------------------------------------
