"""`kairos token` and `kairos airdrop`: SPL token and SOL helpers for localnet and tests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from kairos.client import KairosClient

from kairos_cli.common import (
    NEGATIVE_NUMBERS_OK,
    JsonOpt,
    NativeOpt,
    OwnerOpt,
    TokenAmountArg,
    ToTokenAccountOpt,
    amount_fields,
    app,
    cli_state,
    emit,
    emit_transaction,
    native_amount_of,
    optional_pubkey,
    owner_option,
    parse_decimal,
    parse_mint,
    parse_pubkey,
    run,
    to_native,
    token_app,
    ui,
)


@token_app.command("create-mint")
def token_create_mint(
    ctx: typer.Context,
    decimals: Annotated[int, typer.Argument(help="Mint decimals.")],
    json_output: JsonOpt = False,
) -> None:
    """Create an SPL mint with the wallet as mint authority."""
    state = cli_state(ctx, json_output)
    mint = run(state, lambda client: client.tokens.create_mint(decimals))
    emit(state, {"mint": mint}, lambda console: console.print(f"[bold]Mint:[/] {mint}"))


@token_app.command("create-account")
def token_create_account(
    ctx: typer.Context,
    mint: Annotated[str, typer.Argument(help="Mint.")],
    owner: OwnerOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Create (if missing) the owner's associated token account."""
    state = cli_state(ctx, json_output)
    mint_key, owner_key = parse_pubkey(mint), owner_option(owner)
    account = run(
        state, lambda client: client.tokens.create_associated_token_account(mint_key, owner_key)
    )
    emit(
        state,
        {"token_account": account},
        lambda console: console.print(f"[bold]Token account:[/] {account}"),
    )


@token_app.command("mint", context_settings=NEGATIVE_NUMBERS_OK)
def token_mint(
    ctx: typer.Context,
    mint: Annotated[str, typer.Argument(help="Mint (the wallet must be its authority).")],
    amount: TokenAmountArg,
    to: ToTokenAccountOpt = None,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Mint tokens."""
    state = cli_state(ctx, json_output)
    mint_key = parse_mint(mint)
    to_key = optional_pubkey(to)

    async def action(client: KairosClient) -> dict[str, Any]:
        native_amount = await native_amount_of(client, mint_key, amount, native)
        destination = to_key or await client.tokens.create_associated_token_account(mint_key)
        signature = await client.tokens.mint_to(mint_key, destination, native_amount)
        return {
            "signature": signature,
            "token_account": destination,
            **await amount_fields(client, mint_key, native_amount),
        }

    emit_transaction(state, run(state, action))


@app.command()
def airdrop(
    ctx: typer.Context,
    sol: Annotated[str, typer.Argument(help="Amount of SOL.")] = "10",
    to: Annotated[str | None, typer.Option(help="Recipient (default: the wallet).")] = None,
    json_output: JsonOpt = False,
) -> None:
    """Request an airdrop (localnet, devnet)."""
    state = cli_state(ctx, json_output)
    lamports = to_native(parse_decimal(sol, "SOL"), 9, "SOL")
    to_key = optional_pubkey(to)

    async def action(client: KairosClient) -> dict[str, Any]:
        signature = await client.tokens.airdrop(lamports, to_key)
        return {"signature": signature, "lamports": lamports, "sol": ui(lamports, 9)}

    emit_transaction(state, run(state, action))
