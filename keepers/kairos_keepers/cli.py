"""``kairos keeper ...``: run, list and inspect keepers.

``kairos keeper run <name>`` starts any registered keeper. Every common setting of
:class:`~kairos_keepers.config.KeeperConfig` has a flag (``--rpc-url``,
``--priority-fee``, ...), generated from the dataclass so flags and settings
never drift apart; keeper-specific settings are given with ``--set field=value``.
Flags beat ``KAIROS_KEEPER_*`` environment variables, which beat the ``--config``
TOML file. Exit status: 0 after a graceful shutdown (SIGTERM/SIGINT), 1 if the
keeper failed to start (its RPC unreachable: one line, no retries), 2 for a
configuration error. ``kairos keeper config NAME --example`` prints an example
TOML file (``keepers/examples/NAME.toml``).

Also runnable without the ``kairos`` CLI: ``python -m kairos_keepers run heartbeat``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from kairos_keepers import registry
from kairos_keepers.config import (
    ENV_SHARED_RPC_URL,
    ConfigError,
    KeeperConfig,
    LoadedConfig,
    describe_fields,
    describe_source,
    env_name,
    flag_name,
    load_config,
    parse_assignments,
    settings_fields,
)
from kairos_keepers.errors import (
    RetriesExhaustedError,
    RpcConnectionError,
    RpcError,
    RpcTimeoutError,
)
from kairos_keepers.examples import example_toml
from kairos_keepers.lifecycle import EXIT_CONFIG, EXIT_FAILURE, Keeper, KeeperRuntime, KeypairError
from kairos_keepers.logging import configure_logging
from kairos_keepers.ratelimit import TokenBucket
from kairos_keepers.registry import UnknownKeeperError, get_keeper, keepers
from kairos_keepers.retry import RetryPolicy
from kairos_keepers.rpc import RateLimitedRpc

keeper_app = typer.Typer(
    name="keeper",
    help="Keeper daemons: run, list, show their configuration.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

_FIELDS = [f for f in settings_fields(KeeperConfig)]
_FIELD_NAMES = [f.name for f in _FIELDS]

NameArg = Annotated[str, typer.Argument(help="Keeper name (see `kairos keeper list`).")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="TOML config file (env KAIROS_KEEPER_CONFIG)."),
]
SetOpt = Annotated[
    list[str] | None,
    typer.Option("--set", help="Keeper-specific setting, field=value (repeatable)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]
ExampleOpt = Annotated[
    bool, typer.Option("--example", help="Print an example TOML config file of the keeper.")
]
STARTUP_PROBE_TIMEOUT = 5.0
"""Seconds the start-up reachability probe of the RPC waits at most."""


def _error(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(EXIT_CONFIG)


def _resolve(
    name: str, config: Path | None, assignments: list[str] | None, flags: dict[str, Any]
) -> tuple[type[Keeper], LoadedConfig]:
    try:
        keeper_cls = get_keeper(name)
    except UnknownKeeperError as exc:
        raise _error(str(exc)) from None
    try:
        loaded = load_config(
            name,
            keeper_cls.Settings,
            config_path=config,
            flags=flags,
            keeper_flags=parse_assignments(assignments or []),
        )
    except ConfigError as exc:
        raise _error(str(exc)) from None
    return keeper_cls, loaded


def _with_setting_flags(
    impl: Callable[..., None], base: list[inspect.Parameter]
) -> Callable[..., None]:
    """A typer command: ``base`` parameters plus one ``--<field>`` option per setting.

    The options are strings; the config module coerces and validates them, so a bad
    flag gets the same message (naming the flag) as a bad file or env value.
    """

    def command(**kwargs: Any) -> None:
        flags = {name: kwargs.pop(name) for name in _FIELD_NAMES}
        impl(flags, **kwargs)

    params = list(base)
    for f in _FIELDS:
        option = typer.Option(
            flag_name(f.name),
            help=f"{f.metadata.get('help', '')} (env {env_name(f.name)})",
            show_default=False,
            rich_help_panel="Settings (override file and environment)",
        )
        params.append(
            inspect.Parameter(
                f.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[str | None, option],
            )
        )
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__doc__ = impl.__doc__
    command.__name__ = impl.__name__
    return command


def _param(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


def run(
    flags: dict[str, Any], name: str, config: Path | None = None, set_: list[str] | None = None
) -> None:
    """Run a keeper until SIGTERM/SIGINT (exit 0 after a graceful shutdown)."""
    keeper_cls, loaded = _resolve(name, config, set_, flags)
    configure_logging(loaded.config.log_level, loaded.config.log_format)
    try:
        runtime = KeeperRuntime(keeper_cls, loaded.config, loaded.settings)
    except KeypairError as exc:
        raise _error(
            f"{exc} (the fee payer: the keypair setting, default ~/.config/solana/id.json; "
            "create one with `kairos --keypair PATH wallet new`, or set --keypair or "
            f"{env_name('keypair')})"
        ) from None
    problem = asyncio.run(rpc_unreachable(loaded.config))
    if problem is not None:
        typer.echo(
            f"Error: keeper {name} cannot reach its RPC {loaded.config.rpc_url} "
            f"({describe_source(loaded.config.source_of('rpc_url'))}): {problem}. Set "
            f"--rpc-url, {env_name('rpc_url')} or {ENV_SHARED_RPC_URL}, or start one with "
            "`kairos localnet`.",
            err=True,
        )
        raise typer.Exit(EXIT_FAILURE)
    code = asyncio.run(runtime.run())
    raise typer.Exit(code)


async def rpc_unreachable(config: KeeperConfig) -> str | None:
    """Why the RPC cannot be reached (one try, no retries), or None if it answers."""
    rpc = RateLimitedRpc(
        config.rpc_url,
        limiter=TokenBucket(config.rpc_rps, config.rpc_burst),
        retry=RetryPolicy(max_attempts=1),
        timeout=min(config.rpc_timeout, STARTUP_PROBE_TIMEOUT),
    )
    try:
        await rpc.call("getVersion")
    except RpcError as exc:
        last = exc.last if isinstance(exc, RetriesExhaustedError) else exc
        if isinstance(last, RpcConnectionError | RpcTimeoutError):
            return str(last)
        return None  # it answered (an HTTP or JSON-RPC error): reachable, judged later
    finally:
        await rpc.close()
    return None


def show_config(
    flags: dict[str, Any],
    name: str,
    config: Path | None = None,
    set_: list[str] | None = None,
    json_output: bool = False,
    example: bool = False,
) -> None:
    """Print the resolved configuration of a keeper and where each value came from.

    With --example, print an example TOML file of the keeper instead (every setting,
    its default and its environment variable).
    """
    if example:
        try:
            typer.echo(example_toml(name), nl=False)
        except UnknownKeeperError as exc:
            raise _error(str(exc)) from None
        return
    _, loaded = _resolve(name, config, set_, flags)
    common = loaded.config.as_dict()
    settings = (
        {f.name: getattr(loaded.settings, f.name) for f in dataclasses.fields(loaded.settings)}
        if dataclasses.is_dataclass(loaded.settings)
        else {}
    )
    if json_output:
        typer.echo(
            json.dumps(
                {
                    "keeper": name,
                    "config_file": None if loaded.config_path is None else str(loaded.config_path),
                    "settings": {
                        k: {"value": v, "source": loaded.config.source_of(k)}
                        for k, v in common.items()
                    },
                    "keeper_settings": {
                        k: {"value": v, "source": loaded.settings_sources.get(k, "default")}
                        for k, v in settings.items()
                    },
                },
                default=str,
            )
        )
        return
    table = Table(title=f"Keeper {name}")
    for column in ("setting", "value", "source"):
        table.add_column(column)
    for key, value in common.items():
        table.add_row(key, str(value), describe_source(loaded.config.source_of(key)))
    for key, value in settings.items():
        source = describe_source(loaded.settings_sources.get(key))
        table.add_row(f"{name}.{key}", str(value), source)
    Console().print(table)


_BASE = [
    _param("name", NameArg),
    _param("config", ConfigOpt, None),
    _param("set_", SetOpt, None),
]
keeper_app.command("run")(_with_setting_flags(run, _BASE))
keeper_app.command("config")(
    _with_setting_flags(
        show_config,
        [*_BASE, _param("json_output", JsonOpt, False), _param("example", ExampleOpt, False)],
    )
)


@keeper_app.command("list")
def list_keepers(json_output: JsonOpt = False) -> None:
    """List the registered keepers and their own settings."""
    found = keepers()
    for module, error in registry.load_errors.items():
        typer.echo(f"Warning: keeper module {module} failed to load: {error}", err=True)
    if json_output:
        typer.echo(
            json.dumps(
                [
                    {
                        "name": name,
                        "description": cls.description,
                        "settings": [
                            {"name": field, "default": default, "env": env, "help": help_text}
                            for field, default, env, help_text in describe_fields(
                                cls.Settings, name
                            )
                        ],
                    }
                    for name, cls in found.items()
                ]
            )
        )
        return
    table = Table(title="Keepers")
    for column in ("name", "description", "settings"):
        table.add_column(column)
    for name, cls in found.items():
        fields = ", ".join(f"{row[0]}={row[1]}" for row in describe_fields(cls.Settings, name))
        table.add_row(name, cls.description, fields or "-")
    Console().print(table)
