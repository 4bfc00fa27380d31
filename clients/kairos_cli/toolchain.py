"""`kairos build` and `kairos localnet`: the toolchain and the embedded validator."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from kairos.errors import KairosError

from kairos_cli.config import resolve_config

if TYPE_CHECKING:
    pass

from kairos_cli.common import (
    app,
)


@app.command()
def build(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if up to date.")] = False,
    root: Annotated[
        Path | None, typer.Option(help="Repository root (default: found from the cwd).")
    ] = None,
) -> None:
    """Compile programs/kairos with BPF clang and link target/deploy/kairos.so."""
    from kairos_toolchain.build import SO_PATH, BuildError, build_program, find_repo_root

    try:
        repo = root or find_repo_root()
    except FileNotFoundError:
        typer.echo("Error: no Anchor.toml here or above: run it in the repository or pass --root")
        raise typer.Exit(1) from None
    so = repo.resolve() / SO_PATH
    before = so.stat().st_mtime_ns if so.is_file() else None
    try:
        result = build_program(repo, force=force)
    except BuildError as exc:
        typer.echo(f"Error: {exc}")
        raise typer.Exit(1) from None
    if before is not None and result.stat().st_mtime_ns == before:
        typer.echo(f"up to date: {result} (nothing to build; --force rebuilds)")
    else:
        typer.echo(f"built {result}")


@app.command()
def localnet(
    port: Annotated[int, typer.Option(help="JSON-RPC port; PubSub listens on port + 1.")] = 8899,
    slot_ms: Annotated[int, typer.Option(help="Milliseconds per slot.")] = 400,
    root: Annotated[
        Path | None,
        typer.Option(
            help="Repository root with Anchor.toml (default: the cwd's, else the checkout "
            "kairos is installed from)."
        ),
    ] = None,
    bare: Annotated[
        bool,
        typer.Option(
            "--bare", help="Only deploy the program: no exchange, test tokens or price feed."
        ),
    ] = False,
    feed_seconds: Annotated[
        float, typer.Option(help="Seconds between two prices of the simulated feed.")
    ] = 2.0,
    feed_seed: Annotated[int, typer.Option(help="Seed of the simulated price walk.")] = 7,
) -> None:
    """Run the embedded local validator (Solana JSON-RPC + PubSub over LiteSVM).

    Unless --bare, it is ready to trade: an exchange quoted in test USDC, collateral
    SOL, BTC and ETH, perp markets SOL-PERP, BTC-PERP and ETH-PERP, and a simulated
    price feed keeping their oracles fresh (kairos_localnet.preset).
    """
    import contextlib as _contextlib

    from kairos_localnet.programs import find_program_root
    from kairos_localnet.server import Localnet, run_localnet

    if feed_seconds <= 0:
        raise typer.BadParameter("--feed-seconds must be positive")
    program_root = root or find_program_root()

    @_contextlib.asynccontextmanager
    async def preset(net: Localnet) -> Any:
        from kairos_localnet.preset import ready_to_trade

        program_id = resolve_config().program_id
        if not any(keypair.pubkey() == program_id for keypair in net.deployed):
            where = (
                f"{program_root} has no Anchor.toml naming it"
                if program_root is not None
                else "no Anchor.toml in this directory or above, and the installed kairos "
                "package is not a source checkout"
            )
            reason = (
                f"Preset: NOT set up, this localnet is bare: the Kairos program {program_id} "
                f"is not deployed ({where}). Run `kairos localnet` in the repository or pass "
                "--root REPO."
            )
            typer.echo(reason, err=True)
            yield [reason]
            return
        try:
            async with ready_to_trade(
                net.rpc_url, feed_seconds=feed_seconds, feed_seed=feed_seed, program_id=program_id
            ) as lines:
                yield lines
        except KairosError as exc:
            raise SystemExit(f"kairos localnet: preset failed: {exc}") from None

    # One line per RPC call of the preset's feed would drown the banner.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    run_localnet(port=port, slot_ms=slot_ms, root=program_root, on_start=None if bare else preset)


# --- exchange and admin -----------------------------------------------------------------
