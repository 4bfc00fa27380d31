"""`kairos serve`, `kairos performance` and `kairos account state`: the Kairos service."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

if TYPE_CHECKING:
    pass

from kairos_cli.common import (
    JsonOpt,
    ServiceUrlOpt,
    account_app,
    app,
)

# --- the Kairos service (services/kairos_service, imported lazily: the SDK never needs it) ---


@app.command()
def serve(
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            envvar="KAIROS_SERVICE_DATABASE_URL",
            help="sqlite:///PATH (default: ./kairos-service.db) or postgresql://USER@HOST/DB.",
        ),
    ] = None,
    rpc_url: Annotated[
        str | None,
        typer.Option("--rpc-url", envvar="KAIROS_SERVICE_RPC_URL", help="Cluster JSON-RPC URL."),
    ] = None,
    ws_url: Annotated[
        str | None,
        typer.Option("--ws-url", help="PubSub URL (default: the RPC URL's port + 1)."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="HTTP port.")] = 8080,
    snapshot_seconds: Annotated[
        float | None, typer.Option(help="Equity snapshot period (seconds).")
    ] = None,
    no_indexer: Annotated[
        bool, typer.Option("--no-indexer", help="API replica only (another process indexes).")
    ] = False,
    migrate_only: Annotated[
        bool, typer.Option("--migrate-only", help="Apply database migrations and exit.")
    ] = False,
    redis_url: Annotated[
        str | None,
        typer.Option(
            "--redis-url",
            envvar="KAIROS_SERVICE_REDIS_URL",
            help="Shared rate-limit buckets for several replicas (default: in-process).",
        ),
    ] = None,
    api_keys: Annotated[
        str | None,
        typer.Option(
            "--api-keys",
            envvar="KAIROS_SERVICE_API_KEYS",
            help="required, or optional (keyless callers: anonymous Free tier; the default).",
        ),
    ] = None,
) -> None:
    """Run the Kairos service: indexer, account state, performance, HTTP + WebSocket API."""
    from kairos_service import cli as service_cli
    from kairos_service.config import ServiceConfig, normalise_database_url

    try:
        if database_url is not None:
            normalise_database_url(database_url)
        config = ServiceConfig.from_env(
            database_url=database_url,
            rpc_url=rpc_url,
            ws_url=ws_url,
            host=host,
            port=port,
            snapshot_seconds=snapshot_seconds,
            run_indexer=not no_indexer,
            redis_url=redis_url,
            api_keys=api_keys,
        )
        from kairos_service.ratelimit.guard import GuardSettings

        GuardSettings.from_config(config)  # refuse a bad --api-keys / --redis-url here
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if migrate_only:
        revision = service_cli.run_migrations(config.database_url)
        typer.echo(f"database at revision {revision}")
        return
    service_cli.serve(config)


from kairos_cli import api_keys as _cli_api_keys  # noqa: E402, F401 - api-keys, rate-limits
from kairos_cli import webhooks as _cli_webhooks  # noqa: E402, F401 - kairos webhooks

performance_app = typer.Typer(help="Portfolio performance (from a running kairos serve).")
app.add_typer(performance_app, name="performance")


def _service_call(json_output: bool, action: Callable[[], Any]) -> Any:
    from kairos_service.cli import ServiceError

    try:
        return action()
    except ServiceError as exc:
        if json_output:
            typer.echo(json.dumps({"error": str(exc)}))
        else:
            Console(stderr=True).print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc


AccountArg = Annotated[str, typer.Argument(help="Margin account address.")]


@performance_app.command("show")
def performance_show(
    account: AccountArg,
    window: Annotated[str, typer.Option(help="7d, 12h, 4w, 3m, 1y or all.")] = "all",
    service_url: ServiceUrlOpt = "http://127.0.0.1:8080",
    json_output: JsonOpt = False,
) -> None:
    """Performance metrics and a terminal P&L chart of a margin account."""
    from kairos_service import cli as service_cli

    report = _service_call(
        json_output, lambda: service_cli.performance_report(service_url, account, window)
    )
    if json_output:
        typer.echo(json.dumps(report))
        return
    service_cli.render_performance(Console(), report)


@account_app.command("state")
def account_state(
    account: AccountArg,
    service_url: ServiceUrlOpt = "http://127.0.0.1:8080",
    json_output: JsonOpt = False,
) -> None:
    """A margin account's state as the service computes it (balances, health, positions)."""
    from kairos_service import cli as service_cli

    state = _service_call(
        json_output, lambda: service_cli.fetch(service_url, f"/api/accounts/{account}/state")
    )
    if json_output:
        typer.echo(json.dumps(state))
        return
    service_cli.render_state(Console(), state)
