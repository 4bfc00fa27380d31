"""The `kairos` command line: build, localnet, and (later) trading commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="kairos",
    help="Kairos: Solana perpetuals exchange tooling (build, localnet, trading).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.command()
def build(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if up to date.")] = False,
    root: Annotated[
        Path | None, typer.Option(help="Repository root (default: found from the cwd).")
    ] = None,
) -> None:
    """Compile programs/kairos with BPF clang and link target/deploy/kairos.so."""
    from kairos.toolchain.build import build_program, find_repo_root

    repo = root or find_repo_root()
    result = build_program(repo, force=force)
    typer.echo(f"built {result}")


@app.command()
def localnet(
    port: Annotated[int, typer.Option(help="JSON-RPC port; PubSub listens on port + 1.")] = 8899,
    slot_ms: Annotated[int, typer.Option(help="Milliseconds per slot.")] = 400,
    root: Annotated[
        Path | None, typer.Option(help="Repository root with Anchor.toml (default: cwd's).")
    ] = None,
) -> None:
    """Run the embedded local validator (Solana JSON-RPC + PubSub over LiteSVM)."""
    from kairos.localnet.server import run_localnet

    run_localnet(port=port, slot_ms=slot_ms, root=root)


if __name__ == "__main__":
    app()
