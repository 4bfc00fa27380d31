"""``kairos api-keys`` and ``kairos rate-limits``: admin commands of the service's API keys.

They work on the service database directly (``--database-url``, env
``KAIROS_SERVICE_DATABASE_URL``, default the embedded SQLite file of ``kairos serve``), so
every replica sees the change: key lookups are cached for ``key_cache_seconds`` (2 s),
switches and flags are reloaded every ``switch_refresh_seconds`` (2 s). ``kairos_service``
is imported inside each command so the rest of the CLI does not pay for it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from kairos_cli.common import JsonOpt, app, cli_state, emit, fail

if TYPE_CHECKING:
    from kairos_service.auth.store import KeyStore

T = TypeVar("T")

api_keys_app = typer.Typer(help="API keys of the Kairos service (admin).", no_args_is_help=True)
upgrades_app = typer.Typer(help="Tier upgrade requests (admin).", no_args_is_help=True)
rate_limits_app = typer.Typer(
    help="Rate limits, feature flags and emergency switches of the service (admin).",
    no_args_is_help=True,
)
api_keys_app.add_typer(upgrades_app, name="upgrades")
app.add_typer(api_keys_app, name="api-keys")
app.add_typer(rate_limits_app, name="rate-limits")

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="Service database (env KAIROS_SERVICE_DATABASE_URL; default: kairos serve's).",
    ),
]


def _database_url(given: str | None) -> str:
    if given:
        return given
    from kairos_service.config import DEFAULT_DATABASE_URL

    return os.environ.get("KAIROS_SERVICE_DATABASE_URL", DEFAULT_DATABASE_URL)


def _with_store(
    ctx: typer.Context,
    json_output: bool,
    database_url: str | None,
    action: Callable[[KeyStore], Awaitable[T]],
) -> T:
    from kairos_service.auth.store import NotFound, open_store

    state = cli_state(ctx, json_output)

    async def go() -> T:
        async with open_store(_database_url(database_url)) as store:
            return await action(store)

    try:
        return asyncio.run(go())
    except (NotFound, ValueError, FileExistsError) as exc:
        fail(state, str(exc).strip("'\""))


def _when(unix: float | None) -> str:
    if unix is None:
        return "-"
    return dt.datetime.fromtimestamp(unix, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _emit(
    ctx: typer.Context, json_output: bool, data: Any, human: Callable[[Console], None]
) -> None:
    emit(cli_state(ctx, json_output), data, human)


@api_keys_app.command("create")
def api_keys_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Who or what the key is for.")],
    tier: Annotated[str, typer.Option(help="free, power or enterprise.")] = "free",
    owner: Annotated[
        list[str] | None,
        typer.Option("--owner", "-o", help="Margin account or owner wallet it may read (repeat)."),
    ] = None,
    all_accounts: Annotated[
        bool, typer.Option("--all-accounts", help="May read every account (operators).")
    ] = False,
    database_url: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Create a key; its secret is printed once and stored only as a hash."""
    info, plaintext = _with_store(
        ctx,
        json_output,
        database_url,
        lambda s: s.create_key(name, tier, owner or (), all_accounts),
    )
    data = {
        "key_id": info.key_id,
        "api_key": plaintext,
        "tier": info.tier,
        "owners": list(info.owners),
        "all_accounts": info.all_accounts,
    }

    def human(console: Console) -> None:
        console.print(f"API key [bold]{info.key_id}[/] ({info.tier}) for {name!r}:")
        console.print(plaintext, highlight=False, soft_wrap=True)
        console.print("Store it now: it is not shown again. Send it as the X-API-Key header.")

    _emit(ctx, json_output, data, human)


@api_keys_app.command("list")
def api_keys_list(
    ctx: typer.Context,
    revoked: Annotated[bool, typer.Option("--revoked", help="Include revoked keys.")] = False,
    database_url: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """List keys (never their secrets)."""
    keys = _with_store(ctx, json_output, database_url, lambda s: s.list_keys(revoked))

    def human(console: Console) -> None:
        table = Table("key id", "name", "tier", "reads", "created", "revoked")
        for k in keys:
            reads = "all accounts" if k.all_accounts else (", ".join(k.owners) or "-")
            table.add_row(k.key_id, k.name, k.tier, reads, _when(k.created_at), _when(k.revoked_at))
        console.print(table)

    _emit(ctx, json_output, keys, human)


@api_keys_app.command("revoke")
def api_keys_revoke(
    ctx: typer.Context,
    key_id: Annotated[str, typer.Argument(help="The key id (the part after kairos_).")],
    database_url: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Revoke a key: every replica answers 401 for it within the key cache time (2 s)."""
    _with_store(ctx, json_output, database_url, lambda s: s.revoke(key_id))
    _emit(
        ctx,
        json_output,
        {"key_id": key_id, "revoked": True},
        lambda c: c.print(f"API key {key_id} revoked."),
    )


KeyIdArg = Annotated[str, typer.Argument(help="The key id.")]


@api_keys_app.command("tier")
def api_keys_tier(
    ctx: typer.Context,
    key_id: KeyIdArg,
    tier: Annotated[str, typer.Argument(help="free, power or enterprise.")],
    database_url: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Move a key to another tier."""
    previous = _with_store(ctx, json_output, database_url, lambda s: s.set_tier(key_id, tier))
    _emit(
        ctx,
        json_output,
        {"key_id": key_id, "from": previous, "tier": tier.lower()},
        lambda c: c.print(f"API key {key_id}: {previous} -> {tier.lower()}."),
    )


@api_keys_app.command("bind")
def api_keys_bind(
    ctx: typer.Context,
    key_id: KeyIdArg,
    pubkeys: Annotated[list[str], typer.Argument(help="Margin accounts or owner wallets.")],
    remove: Annotated[bool, typer.Option("--remove", help="Unbind instead.")] = False,
    database_url: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Bind a key to (or unbind it from) margin accounts or owners it may read."""
    _with_store(ctx, json_output, database_url, lambda s: s.bind(key_id, pubkeys, unbind=remove))
    verb = "unbound from" if remove else "bound to"
    _emit(
        ctx,
        json_output,
        {"key_id": key_id, "removed" if remove else "added": pubkeys},
        lambda c: c.print(f"API key {key_id} {verb} {', '.join(pubkeys)}."),
    )


@upgrades_app.command("list")
def upgrades_list(
    ctx: typer.Context,
    status: Annotated[str, typer.Option(help="pending, approved, denied or all.")] = "pending",
    database_url: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Upgrade requests filed with POST /api/rate-limits/upgrade."""
    if status not in ("pending", "approved", "denied", "all"):
        fail(cli_state(ctx, json_output), "status: pending, approved, denied or all")
    rows = _with_store(
        ctx,
        json_output,
        database_url,
        lambda s: s.list_upgrades(None if status == "all" else status),
    )

    def human(console: Console) -> None:
        table = Table("id", "key id", "from", "to", "status", "reason", "filed")
        for r in rows:
            table.add_row(
                str(r["id"]),
                r["key_id"],
                r["from_tier"],
                r["to_tier"],
                r["status"],
                r["reason"],
                _when(r["created_at"]),
            )
        console.print(table)

    _emit(ctx, json_output, rows, human)


def _decide(
    ctx: typer.Context, json_output: bool, database_url: str | None, request_id: int, approve: bool
) -> None:
    row = _with_store(
        ctx, json_output, database_url, lambda s: s.decide_upgrade(request_id, approve)
    )
    _emit(
        ctx,
        json_output,
        row,
        lambda c: c.print(
            f"Upgrade request {request_id} {row['status']}: key {row['key_id']} "
            f"{'is now' if approve else 'stays'} {row['to_tier'] if approve else row['from_tier']}."
        ),
    )


RequestIdArg = Annotated[int, typer.Argument(help="The request id.")]


@upgrades_app.command("approve")
def upgrades_approve(
    ctx: typer.Context,
    request_id: RequestIdArg,
    database_url: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Approve a request: the key moves to the tier it asked for."""
    _decide(ctx, json_output, database_url, request_id, True)


@upgrades_app.command("deny")
def upgrades_deny(
    ctx: typer.Context,
    request_id: RequestIdArg,
    database_url: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Deny a request."""
    _decide(ctx, json_output, database_url, request_id, False)


@rate_limits_app.command("switch")
def rate_limits_switch(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="ratelimit or feature.<name>.")],
    value: Annotated[
        str, typer.Argument(help="ratelimit: normal, off, strict:<0-1>; feature.*: on, off.")
    ],
    database_url: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Flip an emergency switch; every replica applies it within its refresh time (2 s)."""
    _with_store(ctx, json_output, database_url, lambda s: s.set_switch(name, value))
    _emit(
        ctx,
        json_output,
        {"switch": name, "value": value},
        lambda c: c.print(f"Switch {name} = {value}."),
    )


@rate_limits_app.command("flag")
def rate_limits_flag(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Feature name, e.g. api.performance.advanced.")],
    tiers: Annotated[
        str, typer.Option(help="Comma list of tiers that may use it.")
    ] = "free,power,enterprise",
    rollout: Annotated[float, typer.Option(help="Percent of those keys that get it.")] = 100.0,
    disabled: Annotated[bool, typer.Option("--disabled", help="Turn it off.")] = False,
    variant: Annotated[
        list[str] | None, typer.Option(help="A/B variant NAME=WEIGHT (repeat).")
    ] = None,
    database_url: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Create or replace a feature flag (tiers, gradual rollout, A/B variants)."""
    from kairos_service.ratelimit.flags import FeatureFlag
    from kairos_service.ratelimit.tiers import tier_named

    state = cli_state(ctx, json_output)
    try:
        tier_set = frozenset(tier_named(t).name for t in tiers.split(",") if t.strip())
        variants = []
        for item in variant or []:
            vname, sep, weight = item.partition("=")
            if not sep or not vname:
                raise ValueError(f"variant {item!r}: use NAME=WEIGHT")
            variants.append((vname, int(weight)))
        flag = FeatureFlag(name, tier_set, rollout, not disabled, tuple(variants))
    except ValueError as exc:
        fail(state, str(exc))
    _with_store(ctx, json_output, database_url, lambda s: s.set_flag(flag))
    tier_names = sorted(t.value for t in tier_set)
    data = {
        "flag": name,
        "tiers": tier_names,
        "rollout_percent": rollout,
        "enabled": not disabled,
        "variants": variants,
    }
    _emit(
        ctx,
        json_output,
        data,
        lambda c: c.print(
            f"Flag {name}: tiers {', '.join(tier_names)}, rollout {rollout}%"
            f"{'' if not disabled else ', disabled'}."
        ),
    )


@rate_limits_app.command("show")
def rate_limits_show(
    ctx: typer.Context,
    database_url: DbOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Tiers, switches and flags in force."""
    from kairos_service.ratelimit.tiers import TIERS

    switches, flags = _with_store(ctx, json_output, database_url, lambda s: s.load_switchboard())
    from kairos_service.ratelimit.flags import Switchboard

    board = Switchboard()
    board.apply(switches, flags)
    data: dict[str, Any] = {
        "tiers": [
            {
                "tier": t.name.value,
                "rate": t.rate,
                "burst": t.burst,
                "monthly_base_micro_usd": t.monthly_base_micro_usd,
                "included_requests": t.included_requests,
                "overage_micro_usd_per_request": t.overage_micro_usd_per_request,
            }
            for t in TIERS.values()
        ],
        "switches": dict(switches),
        "flags": [
            {
                "name": f.name,
                "tiers": sorted(t.value for t in f.tiers),
                "rollout_percent": f.rollout_percent,
                "enabled": f.enabled,
                "variants": [list(v) for v in f.variants],
            }
            for f in sorted(board.flags.values(), key=lambda f: f.name)
        ],
    }

    def human(console: Console) -> None:
        tiers_table = Table("tier", "rate", "burst", "base $/month", "included", "$/request over")
        for t in data["tiers"]:
            tiers_table.add_row(
                t["tier"],
                t["rate"],
                str(t["burst"]),
                f"{t['monthly_base_micro_usd'] / 1e6:.2f}",
                str(t["included_requests"]),
                f"{t['overage_micro_usd_per_request'] / 1e6:.6f}",
            )
        console.print(tiers_table)
        console.print(f"Switches: {data['switches'] or 'none (normal)'}")
        flags_table = Table("flag", "tiers", "rollout %", "enabled", "variants")
        for f in data["flags"]:
            flags_table.add_row(
                f["name"],
                ", ".join(f["tiers"]),
                str(f["rollout_percent"]),
                str(f["enabled"]),
                str(f["variants"] or "-"),
            )
        console.print(flags_table)

    _emit(ctx, json_output, data, human)
