"""``kairos wallet``: make, show and fund the keypair the CLI signs with.

The keypair file is the Solana CLI's format at the path the CLI resolves
(``--keypair``, ``KAIROS_KEYPAIR``, the config file, else ``~/.config/solana/id.json``).
``wallet airdrop`` asks the cluster's faucet for SOL (localnet, devnet) or, with
``--token``, mints test tokens of a ready-to-trade localnet (kairos_localnet.preset).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import typer
from kairos.accounts import AccountNotFoundError
from kairos.wallet import KeypairFileError, load_keypair, save_keypair
from rich.console import Console
from rich.table import Table
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from kairos_cli.common import (
    NEGATIVE_NUMBERS_OK,
    JsonOpt,
    NativeOpt,
    app,
    cli_state,
    emit,
    emit_transaction,
    notice,
    parse_decimal,
    parse_mint,
    parse_native,
    run,
    text,
    to_native,
    ui,
)
from kairos_cli.faucet import (
    LAMPORTS_PER_SOL,
    is_local_url,
    mint_test_tokens,
    sol_balance,
    token_balance,
    token_label,
)

if TYPE_CHECKING:
    from kairos.client import KairosClient

wallet_app = typer.Typer(help="The keypair the CLI signs with: new, show, airdrop.")
app.add_typer(wallet_app, name="wallet", no_args_is_help=True)

DEFAULT_TOKEN_AIRDROP = Decimal(10_000)


async def ensure_test_tokens(
    client: KairosClient, mint: Pubkey, amount: int, *, rpc_url: str, console: Console
) -> None:
    """On a preset localnet, mint what the wallet lacks of ``amount`` test tokens (stated).

    Does nothing elsewhere, or when the wallet holds enough, or for a mint the
    preset does not control (the transfer then fails with its own clear error).
    """
    if not is_local_url(rpc_url) or token_label(mint) == str(mint):  # not a preset mint
        return
    held = await token_balance(client, mint)
    if held >= amount:
        return
    from kairos_localnet.preset import PRESET_AUTHORITY

    from kairos_cli.faucet import mint_authority

    if await mint_authority(client, mint) != PRESET_AUTHORITY.pubkey():
        return
    decimals = await client.get_mint_decimals(mint)
    await mint_test_tokens(client, mint, amount - held)
    console.print(
        f"[yellow]Note:[/] the wallet held {_plain(ui(held, decimals))} {token_label(mint)}: "
        f"minted {_plain(ui(amount - held, decimals))} test {token_label(mint)} to it "
        "(localnet faucet)",
        highlight=False,
        soft_wrap=True,
    )


def _plain(value: Decimal) -> str:
    # 1000.000000 -> "1000", 0.50 -> "0.5": a notice reads like a sentence.
    return f"{value.normalize():f}"


@wallet_app.command("new")
def wallet_new(
    ctx: typer.Context,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing keypair file.")
    ] = False,
    json_output: JsonOpt = False,
) -> None:
    """Create a keypair file at the CLI's keypair path (refuses to overwrite one)."""
    state = cli_state(ctx, json_output)
    path = state.config.keypair_path
    if path.exists() and not force:
        try:
            existing = str(load_keypair(path).pubkey())
        except KeypairFileError as exc:
            existing = f"unreadable: {exc}"
        typer.echo(
            f"Error: {path} already exists ({existing}); pass --force to replace it "
            "(the old key is lost), or --keypair OTHER_PATH",
            err=True,
        )
        raise typer.Exit(1)
    keypair = Keypair()
    save_keypair(keypair, path)
    data = {"pubkey": str(keypair.pubkey()), "keypair_path": str(path)}
    emit(
        state,
        data,
        lambda console: console.print(
            f"[bold]Wallet:[/] {keypair.pubkey()}\n[bold]Keypair file:[/] {path} (keep it secret)",
            highlight=False,
            soft_wrap=True,
        ),
    )


@wallet_app.command("show")
def wallet_show(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """The wallet's address, SOL and the tokens the exchange lists (UI units)."""
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> dict[str, Any]:
        tokens = []
        try:
            assets = await client.get_collateral_assets()
        except AccountNotFoundError:  # no exchange on this cluster: SOL only
            assets = {}
        for asset in assets.values():
            amount = await token_balance(client, asset.mint)
            tokens.append(
                {
                    "token": token_label(asset.mint),
                    "mint": asset.mint,
                    "amount": amount,
                    "amount_ui": ui(amount, asset.decimals),
                }
            )
        lamports = await sol_balance(client)
        return {
            "pubkey": client.authority,
            "keypair_path": str(state.config.keypair_path),
            "lamports": lamports,
            "sol": ui(lamports, 9),
            "tokens": tokens,
        }

    data = run(state, action)

    def human(console: Console) -> None:
        console.print(
            f"[bold]Wallet:[/] {data['pubkey']} ({data['keypair_path']})\n"
            f"[bold]SOL:[/] {text(data['sol'])}",
            highlight=False,
            soft_wrap=True,
        )
        if data["tokens"]:
            table = Table(title="Tokens")
            for column in ("token", "mint", "amount"):
                table.add_column(column)
            for row in data["tokens"]:
                table.add_row(row["token"], str(row["mint"]), text(row["amount_ui"]))
            console.print(table)

    emit(state, data, human)


@wallet_app.command("airdrop", context_settings=NEGATIVE_NUMBERS_OK)
def wallet_airdrop(
    ctx: typer.Context,
    amount: Annotated[
        str | None,
        typer.Argument(help="SOL (default 10), or tokens with --token (default 10,000)."),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token", help="Mint test tokens instead: USDC, SOL, BTC, ETH or a preset mint."
        ),
    ] = None,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Fund the wallet: SOL from the faucet, or localnet test tokens with --token."""
    state = cli_state(ctx, json_output)
    if token is None:
        if native:
            lamports = parse_native(amount or "10000000000", "lamports")
        else:
            lamports = to_native(parse_decimal(amount or "10", "SOL"), 9, "SOL")
        if lamports <= 0:
            raise typer.BadParameter("the amount must be positive")

        async def sol(client: KairosClient) -> dict[str, Any]:
            signature = await client.tokens.airdrop(lamports)
            return {
                "signature": signature,
                "lamports": lamports,
                "sol": ui(lamports, 9),
                "balance_sol": ui(await sol_balance(client), 9),
            }

        result = run(state, sol)
        if state.json:
            emit(state, result, lambda _console: None)
        else:
            emit_transaction(state, {k: v for k, v in result.items() if k != "lamports"})
        return
    mint = parse_mint(token)
    wanted = amount or (None if native else str(DEFAULT_TOKEN_AIRDROP))

    async def tokens(client: KairosClient) -> dict[str, Any]:
        decimals = await client.get_mint_decimals(mint)
        if native:
            units = parse_native(wanted or str(DEFAULT_TOKEN_AIRDROP.scaleb(decimals)))
        else:
            units = to_native(parse_decimal(wanted or "0"), decimals)
        if units <= 0:
            raise typer.BadParameter("the amount must be positive")
        if await sol_balance(client) < LAMPORTS_PER_SOL // 100:
            await client.tokens.airdrop(10 * LAMPORTS_PER_SOL)
            notice(state, f"wallet {client.authority} had no SOL: airdropped 10 SOL first")
        account = await mint_test_tokens(client, mint, units)
        balance = await token_balance(client, mint)
        return {
            "token": token_label(mint),
            "token_account": account,
            "amount": units,
            "amount_ui": ui(units, decimals),
            "balance_ui": ui(balance, decimals),
        }

    result = run(state, tokens)
    emit(
        state,
        result,
        lambda console: console.print(
            f"Minted {text(result['amount_ui'])} test {result['token']} to "
            f"{result['token_account']} (balance {text(result['balance_ui'])})",
            highlight=False,
            soft_wrap=True,
        ),
    )
