"""What every kairos command group shares.

The root app and its sub-apps, the CLI state, options, input parsing, running an SDK
action with clear errors, and JSON/human output.

Group modules (one per command group) import from here; :mod:`kairos_cli.app` imports
the groups, so the arrows run one way.
"""

from __future__ import annotations

import asyncio
import contextvars
import dataclasses
import enum
import inspect
import json
from collections.abc import Awaitable, Callable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import httpx
import typer
from construct import ConstructError
from kairos.accounts import (
    AccountDecodeError,
    AccountNotFoundError,
)
from kairos.constants import (
    Side,
)
from kairos.errors import KairosError, ProgramError, TransactionError
from kairos.events import KairosEvent
from kairos.wallet import KeypairFileError, load_keypair
from kairos_localnet.preset import ASSETS as PRESET_ASSETS
from kairos_localnet.preset import preset_mint
from rich.console import Console, JustifyMethod
from rich.table import Table
from solana.exceptions import SolanaRpcException
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction_status import TransactionErrorFieldless
from typer.core import TyperGroup

from kairos_cli.config import ConfigError, KairosConfig, resolve_config
from kairos_cli.faucet import AUTO_AIRDROP_SOL, LAMPORTS_PER_SOL, is_local_url, sol_balance

if TYPE_CHECKING:
    from kairos.accounts import PerpMarket
    from kairos.client import KairosClient
    from kairos.core import TxResult

T = TypeVar("T")


class _LazyKeeperGroup(TyperGroup):
    """The root command group, loading ``kairos keeper`` only when it is used.

    The keepers' runtime (aiohttp, prometheus-client...) doubles the CLI's start-up
    time; no other command needs it.
    """

    # ctx is typer's vendored click Context (a private module: typed Any here).
    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return names if "keeper" in names else [*names, "keeper"]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name == "keeper" and cmd_name not in self.commands:
            from kairos_keepers.cli import keeper_app

            self.add_command(typer.main.get_command(keeper_app), "keeper")
        return super().get_command(ctx, cmd_name)


app = typer.Typer(
    cls=_LazyKeeperGroup,
    name="kairos",
    help="Kairos: Solana perpetuals exchange tooling (build, localnet, trading).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
exchange_app = typer.Typer(help="The exchange config.", no_args_is_help=True)
admin_app = typer.Typer(help="Admin-only settings.", no_args_is_help=True)
oracle_app = typer.Typer(help="Price feeds.", no_args_is_help=True)
asset_app = typer.Typer(help="Collateral assets.", no_args_is_help=True)
market_app = typer.Typer(help="Perp markets and their books.", no_args_is_help=True)
account_app = typer.Typer(help="Margin accounts.", no_args_is_help=True)
order_app = typer.Typer(help="Orders.", no_args_is_help=True)
crank_app = typer.Typer(help="Permissionless cranks.", no_args_is_help=True)
token_app = typer.Typer(help="SPL token helpers (localnet and tests).", no_args_is_help=True)
for _sub, _name in (
    (exchange_app, "exchange"),
    (admin_app, "admin"),
    (oracle_app, "oracle"),
    (asset_app, "asset"),
    (market_app, "market"),
    (account_app, "account"),
    (order_app, "order"),
    (crank_app, "crank"),
    (token_app, "token"),
):
    app.add_typer(_sub, name=_name)

NEGATIVE_NUMBERS_OK = {"ignore_unknown_options": True}
"""Context settings of commands with number arguments: ``-2`` reaches the argument (and
its own clear refusal) instead of being read as an unknown option."""
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]
NativeOpt = Annotated[
    bool, typer.Option("--native", help="Amounts, sizes and prices in native units.")
]
IndexOpt = Annotated[int, typer.Option("--index", "-i", help="Margin account index.")]
MarketArg = Annotated[str, typer.Argument(help="Market index or name.")]
SideArg = Annotated[str, typer.Argument(help="buy or sell.")]
SizeArg = Annotated[str, typer.Argument(help="Size in base units (lots with --native).")]
AuctionArg = Annotated[str, typer.Argument(help="Auction address.")]
OwnerOpt = Annotated[str | None, typer.Option(help="Owner (default: the wallet).")]
AddressOpt = Annotated[str | None, typer.Option(help="Margin account address.")]
OraclePriceOpt = Annotated[str, typer.Option(help="Price in quote per base unit.")]
ConfidenceOpt = Annotated[str, typer.Option(help="Confidence, same unit as the price.")]
TifOpt = Annotated[
    str | None, typer.Option(help="Time in force: gtc, ioc, fok, post-only, post-only-slide.")
]
StpOpt = Annotated[
    str | None,
    typer.Option(help="Self-trade prevention: cancel-resting, decrement-taking, abort."),
]
ListedMintArg = Annotated[str, typer.Argument(help="Mint of a listed asset (the quote mint too).")]
TokenAmountArg = Annotated[str, typer.Argument(help="Amount in tokens (native with --native).")]
ToTokenAccountOpt = Annotated[
    str | None, typer.Option("--to", help="Token account (default: the wallet's ATA).")
]
ServiceUrlOpt = Annotated[
    str,
    typer.Option("--service-url", envvar="KAIROS_SERVICE_URL", help="The kairos serve API."),
]


def make_console(*, stderr: bool = False) -> Console:
    """A rich console, wide enough when the output is not a terminal that no cell is cut.

    Piped output keeps every address whole.
    """
    console = Console(stderr=stderr)
    if not console.is_terminal:
        console = Console(stderr=stderr, width=PIPED_WIDTH)
    return console


PIPED_WIDTH = 1_000


@dataclasses.dataclass
class CliState:
    """What the root options resolved to, shared by every command."""

    config: KairosConfig
    json: bool = False
    console: Console = dataclasses.field(default_factory=make_console)


def make_client_for(state: CliState) -> KairosClient:
    """A client for the CLI state's cluster, wallet and commitment."""
    # Imported here so `kairos build` and `kairos localnet` do not pay for the SDK.
    from kairos.client import KairosClient

    return KairosClient(
        state.config.rpc_url,
        load_keypair(state.config.keypair_path),
        program_id=state.config.program_id,
        commitment=state.config.commitment,  # type: ignore[arg-type]
    )


make_client: Callable[[CliState], KairosClient] = make_client_for
"""Factory of the client commands use (tests replace it with a fake)."""


@app.callback()
def main(
    ctx: typer.Context,
    url: Annotated[
        str | None, typer.Option("--url", "-u", help="RPC URL (env KAIROS_RPC_URL).")
    ] = None,
    keypair: Annotated[
        Path | None,
        typer.Option(
            "--keypair", "-k", help="Keypair file, Solana CLI format (env KAIROS_KEYPAIR)."
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Config file (default ~/.config/kairos/config.toml)."),
    ] = None,
    commitment: Annotated[
        str | None, typer.Option(help="processed, confirmed or finalized.")
    ] = None,
    program_id: Annotated[str | None, typer.Option(help="Kairos program id.")] = None,
    json_output: JsonOpt = False,
) -> None:
    """Kairos: Solana perpetuals exchange tooling (build, localnet, trading)."""
    try:
        resolved = resolve_config(
            rpc_url=url,
            keypair=keypair,
            commitment=commitment,
            program_id=program_id,
            config_path=config,
        )
    except ConfigError as exc:
        raise typer.BadParameter(str(exc)) from None
    ctx.obj = CliState(resolved, json_output)


# --- plumbing ---------------------------------------------------------------------------


def cli_state(ctx: typer.Context, json_output: bool) -> CliState:
    """The CLI state of this invocation, with the command's ``--json`` applied."""
    state = ctx.find_root().obj
    if not isinstance(state, CliState):  # a command invoked without the root callback
        state = CliState(resolve_config())
    if json_output:
        state.json = True
    return state


def to_jsonable(value: Any) -> Any:
    """Plain JSON types for SDK values (keys and signatures as strings, ints kept exact)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, KairosEvent):
            return {"event": type(value).__name__, **fields}
        return fields
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Pubkey | Signature):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.name.lower()
    if isinstance(value, bytes):
        return value.rstrip(b"\0").decode("utf-8", errors="replace")
    return value


def text(value: Any) -> str:
    """A value as a table cell or a line of human output."""
    plain = to_jsonable(value)
    if isinstance(plain, list):
        return ", ".join(str(item) for item in plain) or "-"
    return "-" if plain is None else str(plain)


def fail(state: CliState, message: str, details: dict[str, Any] | None = None) -> NoReturn:
    """Print a clear error (JSON under ``--json``) and exit with status 1."""
    if state.json:
        typer.echo(json.dumps({"error": {"message": message, **(details or {})}}))
    else:
        state.console.print(f"[bold red]Error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


KEYPAIR_HINT = (
    "create one with `kairos wallet new` (it writes the default path, "
    "~/.config/solana/id.json), or choose another file with --keypair or KAIROS_KEYPAIR"
)


def notice(state: CliState, message: str) -> None:
    """Tell the user something the command did on its own (stderr: --json stays parseable)."""
    make_console(stderr=True).print(f"[yellow]Note:[/] {message}", highlight=False, soft_wrap=True)


def _unfunded(exc: BaseException) -> bool:
    # The runtime's answer to a fee payer that holds no SOL (no record of any credit)
    # or too little for the fee: nothing ran, so the command can be sent again.
    return isinstance(exc, TransactionError) and exc.error in (
        TransactionErrorFieldless.AccountNotFound,
        TransactionErrorFieldless.InsufficientFundsForFee,
    )


def _missing_account_hint(message: str) -> str:
    if message.startswith("margin account"):
        return " (create it with `kairos account create`, with --index for another one)"
    if message.startswith("exchange"):
        return (
            ": there is no exchange on this cluster (start a ready-to-trade localnet with "
            "`kairos localnet`, or create one with `kairos exchange init`)"
        )
    return ""


def _one_line(exc: BaseException) -> str:
    # construct's messages name the failing field path over several lines.
    return " ".join(str(exc).split())


def run(state: CliState, action: Callable[[KairosClient], Awaitable[T]]) -> T:
    """Run ``action(client)`` and turn SDK failures into a message and exit status 1.

    On a localnet, a wallet found without SOL by the first transaction is funded
    from the faucet (with a notice) and the command run once more.
    """

    async def with_client() -> T:
        client = make_client(state)
        try:
            try:
                return await action(client)
            except TransactionError as exc:
                if not (_unfunded(exc) and is_local_url(state.config.rpc_url)):
                    raise
                if await sol_balance(client) >= LAMPORTS_PER_SOL // 100:
                    raise
            await client.tokens.airdrop(AUTO_AIRDROP_SOL * LAMPORTS_PER_SOL)
            notice(
                state,
                f"wallet {client.authority} had no SOL for fees: airdropped {AUTO_AIRDROP_SOL} "
                "SOL from the localnet faucet",
            )
            return await action(client)
        finally:
            await client.close()

    _HUMAN_OUTPUT.set(not state.json)
    try:
        return asyncio.run(with_client())
    except ProgramError as exc:
        fail(
            state,
            f"{exc.name} ({exc.code}): {exc.message.rstrip('.')}."
            + (f" {exc.hint}" if exc.hint else ""),
            {"name": exc.name, "code": exc.code, "hint": exc.hint},
        )
    except KeypairFileError as exc:
        fail(state, f"{exc}: {KEYPAIR_HINT}")
    except KairosError as exc:
        details = {"name": exc.name} if isinstance(exc, TransactionError) and exc.name else {}
        message = str(exc).rstrip(".") + (f". {exc.hint}" if exc.hint else "")
        fail(state, message, {**details, "hint": exc.hint})
    except AccountNotFoundError as exc:
        fail(state, f"{exc}{_missing_account_hint(str(exc))}")
    except (AccountDecodeError, ConfigError) as exc:
        fail(state, str(exc))
    except (ValueError, OverflowError, ConstructError) as exc:
        # An argument the SDK or the instruction encoder refused (an index out of its
        # integer's range, a value too large): a usage problem, not a crash.
        fail(state, f"invalid input: {_one_line(exc)}")
    except (OSError, httpx.HTTPError, SolanaRpcException) as exc:
        cause = exc.__cause__ if isinstance(exc, SolanaRpcException) and exc.__cause__ else exc
        fail(
            state,
            f"cannot reach {state.config.rpc_url}: {cause} (start one with `kairos localnet`, "
            "or choose the cluster with --url or KAIROS_RPC_URL)",
        )


def emit(state: CliState, data: Any, human: Callable[[Console], None]) -> None:
    """Print ``data`` as JSON, or call ``human`` to render it."""
    if state.json:
        typer.echo(json.dumps(to_jsonable(data)))
    else:
        human(state.console)


_HUMAN_OUTPUT: contextvars.ContextVar[bool] = contextvars.ContextVar("human", default=False)
"""Set by :func:`run` when the output is for people (events are then also converted)."""


async def confirmed_result(
    client: KairosClient, result: TxResult, *, units_market: int | None = None, **extra: Any
) -> dict[str, Any]:
    """The transaction's output: its signature, ``extra`` values and its events.

    ``units_market``: the market whose units events naming no market are shown in
    (human output); without it, the one market the transaction's events name.
    """
    events = list(result.events)
    output = {"signature": result.signature, **extra, "events": events}
    if _HUMAN_OUTPUT.get() and events:
        from kairos_cli.units import UnitBook, transaction_events_ui

        try:
            book = await UnitBook.fetch(client)
        except AccountNotFoundError:  # no exchange (yet): events stay as logged
            return output
        output["events_ui"] = transaction_events_ui(events, book, units_market)
    return output


class Outgoing:
    """What a command sends (instructions, bundles or their awaitables) and shows besides.

    ``units_market`` is the market whose units the events are shown in; ``extra`` are
    the values printed before the events (addresses, sizes, their UI twins).
    """

    def __init__(self, *sendables: Any, units_market: int | None = None, **extra: Any) -> None:
        self.sendables = sendables
        self.units_market = units_market
        self.extra = extra


def transact(
    state: CliState, build: Callable[[KairosClient], Awaitable[Outgoing] | Outgoing]
) -> None:
    """The shape of every command that sends: build with the client, send, print.

    ``build`` (a coroutine function or a plain one) reads what it needs and returns an
    :class:`Outgoing`; the transaction
    is sent with :meth:`kairos.core.KairosCore.send` and printed with its events (JSON
    under ``--json``); failures become clear errors (:func:`run`).
    """

    async def action(client: KairosClient) -> dict[str, Any]:
        built = build(client)
        outgoing = await built if inspect.isawaitable(built) else built
        result = await client.send(*outgoing.sendables)
        return await confirmed_result(
            client, result, units_market=outgoing.units_market, **outgoing.extra
        )

    emit_transaction(state, run(state, action))


def transact_on_market(
    state: CliState,
    market: str,
    build: Callable[[KairosClient, PerpMarket], Awaitable[Outgoing] | Outgoing],
) -> None:
    """:func:`transact` for a command on one market (``market``: its index or symbol).

    ``build`` receives the client and the market found; a market that does not exist is
    a clear error.
    """

    async def with_market(client: KairosClient) -> Outgoing:
        built = build(client, await client.find_perp_market(market_key(market)))
        return await built if inspect.isawaitable(built) else built

    transact(state, with_market)


_UI_TWINS = {"base_lots": "size_ui", "lamports": "sol"}
"""Native fields whose human-unit twin has another name (shown instead of them)."""


def emit_transaction(state: CliState, result: dict[str, Any]) -> None:
    """Print a confirmed transaction: its signature, extra values and events."""

    def human(console: Console) -> None:
        for key, value in result.items():
            # A value with a human-unit twin ("amount" and "amount_ui") shows the twin
            # under the plain name: native units stay for --json.
            if (
                key in ("events", "events_ui")
                or f"{key}_ui" in result
                or _UI_TWINS.get(key) in result
            ):
                continue
            name = key.removesuffix("_ui")
            label = "Signature" if key == "signature" else name.replace("_", " ").capitalize()
            console.print(f"[bold]{label}:[/] {text(value)}", highlight=False, soft_wrap=True)
        rendered = result.get("events_ui") or [
            (type(e).__name__, {f.name: getattr(e, f.name) for f in dataclasses.fields(e)})
            for e in result.get("events", [])
        ]
        if rendered and "events_ui" not in result:
            console.print("[dim]Events (as the program logs them, native units):[/]")
        for name, values in rendered:
            fields = ", ".join(f"{key}={text(value)}" for key, value in values.items())
            console.print(f"  [cyan]{name}[/] {fields}", highlight=False, soft_wrap=True)

    emit(state, result, human)


def parse_pubkey(text: str) -> Pubkey:
    """A base58 public key, or a usage error."""
    try:
        return Pubkey.from_string(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a public key") from None


def parse_decimal(text: str, what: str = "amount") -> Decimal:
    """A decimal number, or a usage error."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise typer.BadParameter(f"{what} {text!r} is not a number") from None
    if not value.is_finite():
        raise typer.BadParameter(f"{what} {text!r} is not a number")
    return value


def parse_native(text: str, what: str = "amount") -> int:
    """A non-negative integer, or a usage error."""
    value = parse_decimal(text, what)
    if value != value.to_integral_value() or value < 0:
        raise typer.BadParameter(f"{what} {text!r} must be a whole number of native units")
    return int(value)


def to_native(amount: Decimal, decimals: int, what: str = "amount") -> int:
    """Human token units → native units (must be exact)."""
    if amount < 0:
        raise typer.BadParameter(f"{what} {amount} must not be negative")
    native = amount.scaleb(decimals)
    if native != native.to_integral_value():
        raise typer.BadParameter(f"{what} {amount} has more than {decimals} decimals")
    return int(native)


def parse_side(text: str) -> Side:
    """``buy``/``bid`` or ``sell``/``ask``."""
    lowered = text.lower()
    if lowered in ("buy", "bid", "long"):
        return Side.BID
    if lowered in ("sell", "ask", "short"):
        return Side.ASK
    raise typer.BadParameter(f"side {text!r}: use buy or sell")


def parse_mint(value: str) -> Pubkey:
    """A mint address, or a test token symbol of the localnet preset (USDC, SOL, BTC, ETH)."""
    found = preset_mint(value)
    if found is not None:
        return found
    try:
        return Pubkey.from_string(value)
    except ValueError:
        symbols = ", ".join(asset.symbol for asset in PRESET_ASSETS)
        raise typer.BadParameter(
            f"{value!r} is neither a mint address nor a localnet test token ({symbols})"
        ) from None


def market_key(market: str) -> int | str:
    """A market argument as its index when numeric, else its symbol."""
    return int(market) if market.isdigit() else market


def ui(amount: int, decimals: int) -> Decimal:
    """Native units → human units."""
    return Decimal(amount).scaleb(-decimals)


# --- existing commands ----------------------------------------------------------------


def field_table(
    title: str, *, bold: bool = True, header: bool = False, justify: JustifyMethod = "left"
) -> Table:
    """An empty two-column table, "field" and "value" (``bold`` field names).

    ``header`` shows the column names; ``justify`` aligns the values.
    """
    table = Table(title=title, show_header=header)
    table.add_column("field", style="bold" if bold else None)
    table.add_column("value", justify=justify)
    return table


def kv_table(title: str, data: Mapping[str, Any]) -> Table:
    """A two-column table of names and values."""
    table = field_table(title)
    for key, value in data.items():
        if f"{key}_ui" in data:  # shown as its human-unit twin, under the plain name
            continue
        name = key.removesuffix("_ui")
        if key.endswith("_lots_ui"):  # shown in base units: "min order size"
            name = name.removesuffix("_lots") + "_size"
        elif key == "base_lot_size_ui":
            name = "lot_size"
        table.add_row(name.replace("_", " "), text(value))
    return table


async def amount_in_native(
    amount: str, native: bool, decimals: Callable[[], Awaitable[int]], what: str = "amount"
) -> int:
    """An amount argument in native units (human units unless ``native``).

    ``decimals`` is awaited only for a human-unit amount.
    """
    if native:
        return parse_native(amount, what)
    return to_native(parse_decimal(amount, what), await decimals(), what)


async def native_amount_of(client: KairosClient, mint: Pubkey, amount: str, native: bool) -> int:
    """An amount argument in the mint's native units (UI units unless ``native``)."""
    return await amount_in_native(amount, native, lambda: client.get_mint_decimals(mint))


def optional_pubkey(text: str | None) -> Pubkey | None:
    """An optional public key option: None when not given, else parsed (or a usage error)."""
    return parse_pubkey(text) if text else None


def owner_option(owner: str | None) -> Pubkey | None:
    """The ``--owner`` option as a public key, None for the wallet itself."""
    return optional_pubkey(owner)


@dataclasses.dataclass(frozen=True)
class MarginAccountRef:
    """A margin account named by ``--index``/``--owner``, or by its ``--address``.

    Built with :meth:`parse` before connecting, so a bad key is a usage error first.
    """

    index: int
    owner: Pubkey | None
    address: Pubkey | None

    @classmethod
    def parse(cls, index: int, owner: str | None, address: str | None) -> MarginAccountRef:
        """The options as given (``owner``/``address`` as base58, None when absent)."""
        return cls(index, owner_option(owner), optional_pubkey(address))

    def key(self, client: KairosClient) -> Pubkey:
        """The account's address: ``--address``, else the PDA of owner and index."""
        return self.address or client.margin_account_address(self.index, self.owner)


async def amount_fields(client: KairosClient, mint: Pubkey, amount: int) -> dict[str, Any]:
    """A native token amount and its human-unit twin, as printed by transactions."""
    return {"amount": amount, "amount_ui": ui(amount, await client.get_mint_decimals(mint))}
