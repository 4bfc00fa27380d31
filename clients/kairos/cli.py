"""The `kairos` command line: build, localnet, and the exchange's trading commands.

Settings (see :mod:`kairos.config`): ``--url`` / ``KAIROS_RPC_URL`` / config file /
``http://127.0.0.1:8899``; ``--keypair`` / ``KAIROS_KEYPAIR`` / config file /
``~/.config/solana/id.json``. Amounts and prices are human units (tokens, quote per
base unit) unless ``--native`` is given. ``--json`` (before or after the command)
prints machine-readable output. A failed transaction prints the program's error
name and message and exits with status 1.
"""

from __future__ import annotations

import asyncio
import contextvars
import dataclasses
import enum
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import httpx
import typer
from construct import ConstructError
from rich.console import Console
from rich.table import Table
from solana.exceptions import SolanaRpcException
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction_status import TransactionErrorFieldless
from typer.core import TyperGroup

from kairos.accounts import (
    AccountDecodeError,
    AccountNotFoundError,
    CollateralAsset,
    MarginAccount,
    PerpMarket,
)
from kairos.borrow import borrow_index_at, pending_interest
from kairos.config import ConfigError, KairosConfig, resolve_config
from kairos.constants import (
    INSTRUCTION_NAMES,
    MAX_MATCHES_PER_ORDER,
    MAX_OPEN_ORDERS,
    QUOTE_ASSET_INDEX,
    U64_MAX,
    OrderType,
    Side,
    SideFilter,
    halted_instructions,
    instruction_gate_bit,
)
from kairos.errors import KairosError, ProgramError, TransactionError
from kairos.events import KairosEvent
from kairos.faucet import AUTO_AIRDROP_SOL, LAMPORTS_PER_SOL, is_local_url, sol_balance
from kairos.funding import pending_funding
from kairos.health import HealthBreakdown, HealthContext, oracle_to_decimal
from kairos.localnet.preset import ASSETS as PRESET_ASSETS
from kairos.localnet.preset import preset_mint
from kairos.orderbook import MarketUnits, OrderbookView
from kairos.wallet import KeypairFileError, load_keypair

if TYPE_CHECKING:
    from kairos.client import KairosClient

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


def _make_client_for(state: CliState) -> KairosClient:
    # Imported here so `kairos build` and `kairos localnet` do not pay for the SDK.
    from kairos.client import KairosClient

    return KairosClient(
        state.config.rpc_url,
        load_keypair(state.config.keypair_path),
        program_id=state.config.program_id,
        commitment=state.config.commitment,  # type: ignore[arg-type]
    )


make_client: Callable[[CliState], KairosClient] = _make_client_for
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


def _state(ctx: typer.Context, json_output: bool) -> CliState:
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


def _fail(state: CliState, message: str, details: dict[str, Any] | None = None) -> NoReturn:
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
            await client.airdrop(AUTO_AIRDROP_SOL * LAMPORTS_PER_SOL)
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
        _fail(
            state,
            f"{exc.name} ({exc.code}): {exc.message.rstrip('.')}."
            + (f" {exc.hint}" if exc.hint else ""),
            {"name": exc.name, "code": exc.code, "hint": exc.hint},
        )
    except KeypairFileError as exc:
        _fail(state, f"{exc}: {KEYPAIR_HINT}")
    except KairosError as exc:
        details = {"name": exc.name} if isinstance(exc, TransactionError) and exc.name else {}
        message = str(exc).rstrip(".") + (f". {exc.hint}" if exc.hint else "")
        _fail(state, message, {**details, "hint": exc.hint})
    except AccountNotFoundError as exc:
        _fail(state, f"{exc}{_missing_account_hint(str(exc))}")
    except (AccountDecodeError, ConfigError) as exc:
        _fail(state, str(exc))
    except (ValueError, OverflowError, ConstructError) as exc:
        # An argument the SDK or the instruction encoder refused (an index out of its
        # integer's range, a value too large): a usage problem, not a crash.
        _fail(state, f"invalid input: {_one_line(exc)}")
    except (OSError, httpx.HTTPError, SolanaRpcException) as exc:
        cause = exc.__cause__ if isinstance(exc, SolanaRpcException) and exc.__cause__ else exc
        _fail(
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


async def _confirmed(
    client: KairosClient, signature: Signature, *, units_market: int | None = None, **extra: Any
) -> dict[str, Any]:
    """The transaction's result: its signature, ``extra`` values and its events.

    ``units_market``: the market whose units events naming no market are shown in
    (human output); without it, the one market the transaction's events name.
    """
    events = await client.get_transaction_events(signature)
    result = {"signature": signature, **extra, "events": events}
    if _HUMAN_OUTPUT.get() and events:
        from kairos.cli_units import UnitBook, transaction_events_ui

        try:
            book = await UnitBook.fetch(client)
        except AccountNotFoundError:  # no exchange (yet): events stay as logged
            return result
        result["events_ui"] = transaction_events_ui(events, book, units_market)
    return result


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


def _market_key(market: str) -> int | str:
    return int(market) if market.isdigit() else market


def ui(amount: int, decimals: int) -> Decimal:
    """Native units → human units."""
    return Decimal(amount).scaleb(-decimals)


# --- existing commands ----------------------------------------------------------------


@app.command()
def build(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if up to date.")] = False,
    root: Annotated[
        Path | None, typer.Option(help="Repository root (default: found from the cwd).")
    ] = None,
) -> None:
    """Compile programs/kairos with BPF clang and link target/deploy/kairos.so."""
    from kairos.toolchain.build import SO_PATH, BuildError, build_program, find_repo_root

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
    price feed keeping their oracles fresh (kairos.localnet.preset).
    """
    import contextlib as _contextlib

    from kairos.localnet.programs import find_program_root
    from kairos.localnet.server import Localnet, run_localnet

    if feed_seconds <= 0:
        raise typer.BadParameter("--feed-seconds must be positive")
    program_root = root or find_program_root()

    @_contextlib.asynccontextmanager
    async def preset(net: Localnet) -> Any:
        from kairos.localnet.preset import ready_to_trade

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
    state = _state(ctx, json_output)
    mint = parse_pubkey(quote_mint)

    async def action(client: KairosClient) -> dict[str, Any]:
        signature = await client.initialize_exchange(mint, keeper_reward)
        return await _confirmed(client, signature, exchange=client.exchange_address)

    emit_transaction(state, run(state, action))


@exchange_app.command("show")
def exchange_show(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """Show the exchange config."""
    state = _state(ctx, json_output)

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

    emit(state, data, lambda console: console.print(_kv_table("Exchange", data)))


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
    state = _state(ctx, json_output)
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
        signature = await client.set_instruction_gate(gate)
        return await _confirmed(
            client, signature, gate=gate, halted_instructions=halted_instructions(gate)
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
    price: Annotated[str, typer.Option(help="Price in quote per base unit.")],
    exponent: Annotated[int, typer.Option(help="Decimal exponent of the stored integers.")] = -6,
    confidence: Annotated[str, typer.Option(help="Confidence, same unit as the price.")] = "0",
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Create a price feed with the wallet as its authority."""
    state = _state(ctx, json_output)
    price_value, confidence_value = parse_decimal(price, "price"), parse_decimal(confidence)
    if native:
        price_int, confidence_int = int(price_value), int(confidence_value)
    else:
        price_int = _oracle_native(price_value, exponent)
        confidence_int = _oracle_native(confidence_value, exponent)

    async def action(client: KairosClient) -> dict[str, Any]:
        signature = await client.create_oracle(seed, price_int, confidence_int, exponent)
        return await _confirmed(client, signature, oracle=client.oracle_address(seed))

    emit_transaction(state, run(state, action))


@oracle_app.command("update")
def oracle_update(
    ctx: typer.Context,
    oracle: Annotated[str, typer.Argument(help="Oracle address.")],
    price: Annotated[str, typer.Option(help="Price in quote per base unit.")],
    confidence: Annotated[str, typer.Option(help="Confidence, same unit as the price.")] = "0",
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Publish a price (the wallet must be the oracle's authority)."""
    state = _state(ctx, json_output)
    key = parse_pubkey(oracle)
    price_value, confidence_value = parse_decimal(price, "price"), parse_decimal(confidence)

    async def action(client: KairosClient) -> dict[str, Any]:
        if native:
            price_int, confidence_int = int(price_value), int(confidence_value)
        else:
            exponent = (await client.get_oracle(key)).exponent
            price_int = _oracle_native(price_value, exponent)
            confidence_int = _oracle_native(confidence_value, exponent)
        signature = await client.update_oracle(key, price_int, confidence_int)
        return await _confirmed(client, signature)

    emit_transaction(state, run(state, action))


@oracle_app.command("show")
def oracle_show(
    ctx: typer.Context,
    oracle: Annotated[str, typer.Argument(help="Oracle address.")],
    json_output: JsonOpt = False,
) -> None:
    """Show a price feed."""
    state = _state(ctx, json_output)
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
    emit(state, data, lambda console: console.print(_kv_table("Oracle", data)))


def _kv_table(title: str, data: Mapping[str, Any]) -> Table:
    table = Table(title=title, show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
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
    state = _state(ctx, json_output)
    mint_key, oracle_key = parse_pubkey(mint), parse_pubkey(oracle)

    async def action(client: KairosClient) -> dict[str, Any]:
        signature = await client.add_collateral_asset(
            mint_key,
            oracle_key,
            deposit_cap=deposit_cap,
            max_staleness_slots=max_staleness_slots,
            init_asset_weight_bps=init_weight_bps,
            maint_asset_weight_bps=maint_weight_bps,
            max_confidence_bps=max_confidence_bps,
        )
        return await _confirmed(
            client, signature, collateral_asset=client.collateral_asset_address(mint_key)
        )

    emit_transaction(state, run(state, action))


@asset_app.command("list")
def asset_list(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """List the collateral assets."""
    state = _state(ctx, json_output)
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


@market_app.command("create")
def market_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Market name (at most 16 bytes).")],
    oracle: Annotated[str, typer.Option(help="Oracle of the base asset in quote.")],
    base_lot_size: Annotated[int, typer.Option(help="Base native units per lot.")],
    tick_size: Annotated[int, typer.Option(help="Price tick, quote native per lot.")],
    base_decimals: Annotated[int, typer.Option(help="Decimals of the (virtual) base.")],
    min_order_lots: Annotated[int, typer.Option()] = 1,
    open_interest_cap_lots: Annotated[int, typer.Option()] = U64_MAX,
    max_staleness_slots: Annotated[int, typer.Option()] = 150,
    init_margin_bps: Annotated[int, typer.Option()] = 1_000,
    maint_margin_bps: Annotated[int, typer.Option()] = 500,
    init_pnl_weight_bps: Annotated[int, typer.Option()] = 10_000,
    taker_fee_bps: Annotated[int, typer.Option()] = 5,
    maker_fee_bps: Annotated[int, typer.Option()] = 0,
    max_confidence_bps: Annotated[int, typer.Option()] = 200,
    json_output: JsonOpt = False,
) -> None:
    """Admin: create a perp market with its order book and event queue."""
    from kairos.client import PerpMarketParams

    state = _state(ctx, json_output)
    params = PerpMarketParams(
        name=name,
        oracle=parse_pubkey(oracle),
        base_lot_size=base_lot_size,
        tick_size=tick_size,
        base_decimals=base_decimals,
        min_order_lots=min_order_lots,
        open_interest_cap_lots=open_interest_cap_lots,
        max_staleness_slots=max_staleness_slots,
        init_margin_bps=init_margin_bps,
        maint_margin_bps=maint_margin_bps,
        init_pnl_weight_bps=init_pnl_weight_bps,
        taker_fee_bps=taker_fee_bps,
        maker_fee_bps=maker_fee_bps,
        max_confidence_bps=max_confidence_bps,
    )

    async def action(client: KairosClient) -> dict[str, Any]:
        setup = await client.get_create_perp_market_ixs(params)
        signature = await client.send_ixs(setup.instructions, setup.signers)
        return await _confirmed(
            client,
            signature,
            market_index=setup.market_index,
            market=setup.market,
            orderbook=setup.orderbook,
            event_queue=setup.event_queue,
        )

    emit_transaction(state, run(state, action))


@market_app.command("list")
def market_list(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """List the perp markets."""
    state = _state(ctx, json_output)

    async def action(client: KairosClient) -> tuple[dict[int, PerpMarket], int]:
        return await client.get_perp_markets(), await client.get_quote_decimals()

    markets, quote_decimals = run(state, action)

    def human(console: Console) -> None:
        table = Table(title="Perp markets (sizes in base units, prices in quote per unit)")
        for column in ("index", "name", "lot", "tick", "init m", "maint m", "fees t/m", "OI"):
            table.add_column(column)
        for index, market in markets.items():
            units = MarketUnits.of(market, quote_decimals)
            table.add_row(
                str(index),
                market.name_str,
                text(units.lots_to_decimal(1)),
                text(units.price_to_decimal(market.tick_size)),
                f"{market.init_margin_bps / 100:g}%",
                f"{market.maint_margin_bps / 100:g}%",
                f"{market.taker_fee_bps}/{market.maker_fee_bps} bps",
                text(units.lots_to_decimal(market.open_interest_lots)),
            )
        console.print(table)

    emit(state, list(markets.values()), human)


@market_app.command("show")
def market_show(
    ctx: typer.Context,
    market: Annotated[str, typer.Argument(help="Market index or name.")],
    json_output: JsonOpt = False,
) -> None:
    """Show a perp market."""
    state = _state(ctx, json_output)

    async def action(client: KairosClient) -> dict[str, Any]:
        found = await client.find_perp_market(_market_key(market))
        units = MarketUnits.of(found, await client.get_quote_decimals())
        quote_decimals = units.quote_decimals
        return {
            "address": client.perp_market_address(found.index),
            **to_jsonable(found),
            # Human-unit twins (the table shows these; --json has both).
            "base_lot_size_ui": units.lots_to_decimal(1),
            "tick_size_ui": units.price_to_decimal(found.tick_size),
            "min_order_lots_ui": units.lots_to_decimal(found.min_order_lots),
            "open_interest_cap_lots_ui": "unlimited"
            if found.open_interest_cap_lots == U64_MAX
            else units.lots_to_decimal(found.open_interest_cap_lots),
            "open_interest_lots_ui": units.lots_to_decimal(found.open_interest_lots),
            "position_lots_ui": units.lots_to_decimal(found.position_lots),
            "fees_accrued_ui": ui(found.fees_accrued, quote_decimals),
            "pnl_pool_ui": ui(found.pnl_pool, quote_decimals),
            "socialized_loss_ui": ui(found.socialized_loss, quote_decimals),
        }

    data = run(state, action)
    emit(state, data, lambda console: console.print(_kv_table("Perp market", data)))


@market_app.command("rules")
def market_rules(
    ctx: typer.Context,
    market: Annotated[str, typer.Argument(help="Market index or name.")],
    fill_band_bps: Annotated[
        int, typer.Option(help="Every fill lies within this band around the oracle (bps).")
    ],
    rest_band_bps: Annotated[
        int, typer.Option(help="Resting orders lie within this band (bps, >= the fill band).")
    ],
    min_rest_lots: Annotated[int, typer.Option(help="Smallest order that may rest (lots).")],
    json_output: JsonOpt = False,
) -> None:
    """Admin: a market's price bands around the oracle and its minimum resting size."""
    state = _state(ctx, json_output)

    async def action(client: KairosClient) -> dict[str, Any]:
        found = await client.find_perp_market(_market_key(market))
        signature = await client.set_market_order_rules(
            found.index, fill_band_bps, rest_band_bps, min_rest_lots
        )
        return await _confirmed(client, signature, market_index=found.index)

    emit_transaction(state, run(state, action))


@market_app.command("book")
def market_book(
    ctx: typer.Context,
    market: Annotated[str, typer.Argument(help="Market index or name.")],
    l3: Annotated[bool, typer.Option("--l3", help="Every order instead of price levels.")] = False,
    depth: Annotated[int, typer.Option(help="Price levels (or orders with --l3) per side.")] = 20,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Show a market's order book (L2 levels, or L3 orders with --l3), best first."""
    state = _state(ctx, json_output)

    async def action(client: KairosClient) -> tuple[PerpMarket, OrderbookView]:
        found = await client.find_perp_market(_market_key(market))
        return found, await client.get_orderbook_view(found.index)

    found, view = run(state, action)
    units = view.units
    assert units is not None

    def price(value: int) -> str:
        return str(value) if native else text(units.price_to_decimal(value))

    def size(lots: int) -> str:
        return str(lots) if native else text(units.lots_to_decimal(lots))

    if l3:
        orders = {"bids": view.bids[:depth], "asks": view.asks[:depth]}
        data: dict[str, Any] = {"market": found.name_str, "level": "l3", **orders}
    else:
        levels = {"bids": view.l2(Side.BID, depth), "asks": view.l2(Side.ASK, depth)}
        data = {"market": found.name_str, "level": "l2", **levels}

    def human(console: Console) -> None:
        table = Table(title=f"{found.name_str} {'L3' if l3 else 'L2'} book")
        if l3:
            for column in ("side", "price", "size", "order id", "client id", "owner"):
                table.add_column(column)
            for side_name in ("asks", "bids"):
                entries = orders[side_name]
                ordered = list(reversed(entries)) if side_name == "asks" else entries
                for order in ordered:
                    table.add_row(
                        f"[{'red' if side_name == 'asks' else 'green'}]{side_name[:-1]}[/]",
                        price(order.price),
                        size(order.base_lots),
                        str(order.order_id),
                        str(order.client_order_id),
                        str(order.owner),
                    )
        else:
            for column in ("side", "price", "size", "orders"):
                table.add_column(column)
            for side_name in ("asks", "bids"):
                entries_l2 = levels[side_name]
                ordered_l2 = list(reversed(entries_l2)) if side_name == "asks" else entries_l2
                for level in ordered_l2:
                    table.add_row(
                        f"[{'red' if side_name == 'asks' else 'green'}]{side_name[:-1]}[/]",
                        price(level.price),
                        size(level.base_lots),
                        str(level.order_count),
                    )
        console.print(table)
        if view.spread is not None:
            console.print(f"spread: {price(view.spread)}")

    emit(state, data, human)


# --- margin accounts ----------------------------------------------------------------------


@account_app.command("create")
def account_create(ctx: typer.Context, index: IndexOpt = 0, json_output: JsonOpt = False) -> None:
    """Create a margin account for the wallet."""
    state = _state(ctx, json_output)

    async def action(client: KairosClient) -> dict[str, Any]:
        signature = await client.create_margin_account(index)
        return await _confirmed(
            client, signature, margin_account=client.margin_account_address(index)
        )

    emit_transaction(state, run(state, action))


async def _native_amount(client: KairosClient, mint: Pubkey, amount: str, native: bool) -> int:
    if native:
        return parse_native(amount)
    return to_native(parse_decimal(amount), await client.get_mint_decimals(mint))


@account_app.command("deposit", context_settings=NEGATIVE_NUMBERS_OK)
def account_deposit(
    ctx: typer.Context,
    mint: Annotated[str, typer.Argument(help="Mint of a listed asset (the quote mint too).")],
    amount: Annotated[str, typer.Argument(help="Amount in tokens (native with --native).")],
    index: IndexOpt = 0,
    source: Annotated[
        str | None, typer.Option("--from", help="Token account (default: the wallet's ATA).")
    ] = None,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Deposit tokens into a margin account.

    On a ready-to-trade localnet, test tokens the wallet lacks are minted to it
    first (with a notice).
    """
    from kairos.cli_wallet import ensure_test_tokens

    state = _state(ctx, json_output)
    mint_key = parse_mint(mint)
    source_key = parse_pubkey(source) if source else None

    async def action(client: KairosClient) -> dict[str, Any]:
        native_amount = await _native_amount(client, mint_key, amount, native)
        if native_amount <= 0:
            raise typer.BadParameter("the amount must be positive")
        if source_key is None:
            await ensure_test_tokens(
                client,
                mint_key,
                native_amount,
                rpc_url=state.config.rpc_url,
                console=make_console(stderr=True),
            )
        signature = await client.deposit(
            mint_key, native_amount, account_index=index, owner_token_account=source_key
        )
        decimals = await client.get_mint_decimals(mint_key)
        return await _confirmed(
            client, signature, amount=native_amount, amount_ui=ui(native_amount, decimals)
        )

    emit_transaction(state, run(state, action))


@account_app.command("withdraw", context_settings=NEGATIVE_NUMBERS_OK)
def account_withdraw(
    ctx: typer.Context,
    mint: Annotated[str, typer.Argument(help="Mint of a listed asset (the quote mint too).")],
    amount: Annotated[str, typer.Argument(help="Amount in tokens, or 'max'.")],
    index: IndexOpt = 0,
    destination: Annotated[
        str | None, typer.Option("--to", help="Token account (default: the wallet's ATA).")
    ] = None,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Withdraw tokens; initial health must stay >= 0 ('max' computes the most allowed)."""
    state = _state(ctx, json_output)
    mint_key = parse_mint(mint)
    destination_key = parse_pubkey(destination) if destination else None

    async def action(client: KairosClient) -> dict[str, Any]:
        if amount.lower() == "max":
            asset = await client.get_collateral_asset(mint_key)
            context = await client.get_health_context(index)
            native_amount = context.max_withdrawable(asset.index)
            if native_amount == 0:
                raise KairosError("nothing can be withdrawn without breaking initial health")
        else:
            native_amount = await _native_amount(client, mint_key, amount, native)
        signature = await client.withdraw(
            mint_key, native_amount, account_index=index, destination=destination_key
        )
        decimals = await client.get_mint_decimals(mint_key)
        return await _confirmed(
            client, signature, amount=native_amount, amount_ui=ui(native_amount, decimals)
        )

    emit_transaction(state, run(state, action))


@account_app.command("close")
def account_close(
    ctx: typer.Context,
    index: IndexOpt = 0,
    destination: Annotated[
        str | None, typer.Option(help="Receives the rent (default: the wallet).")
    ] = None,
    json_output: JsonOpt = False,
) -> None:
    """Close an empty margin account."""
    state = _state(ctx, json_output)
    destination_key = parse_pubkey(destination) if destination else None

    async def action(client: KairosClient) -> dict[str, Any]:
        signature = await client.close_margin_account(index, destination=destination_key)
        return await _confirmed(client, signature)

    emit_transaction(state, run(state, action))


def account_report(context: HealthContext, address: Pubkey) -> dict[str, Any]:
    """Everything ``account show`` prints, computed locally with :mod:`kairos.health`.

    When health cannot be computed (a stale or too uncertain oracle, as the program
    would refuse it), balances are still reported and ``health`` carries the error.
    """
    account: MarginAccount = context.account
    quote_decimals = context.quote_decimals
    quote_asset = context.assets.get(QUOTE_ASSET_INDEX)
    interest_owed = (
        None
        if quote_asset is None
        else pending_interest(account, borrow_index_at(quote_asset, context.unix_timestamp))
    )

    def quote_ui(value: int | None) -> Decimal | None:
        return None if value is None else ui(value, quote_decimals)

    breakdown: HealthBreakdown | None = None
    health: dict[str, Any]
    try:
        computed = context.breakdown()
    except ProgramError as exc:
        health = {"error": f"{exc.name}: {exc.message}"}
    else:
        breakdown = computed
        health = {
            "init": computed.init,
            "maint": computed.maint,
            "init_ui": quote_ui(computed.init),
            "maint_ui": quote_ui(computed.maint),
        }
    collateral = []
    for slot, holding in enumerate(account.active_collateral()):
        asset = context.assets[holding.asset_index]
        entry = None if breakdown is None else breakdown.collateral[slot]
        withdrawable = None if breakdown is None else context.max_withdrawable(holding.asset_index)
        collateral.append(
            {
                "asset_index": holding.asset_index,
                "mint": asset.mint,
                "amount": holding.amount,
                "amount_ui": ui(holding.amount, asset.decimals),
                "init_value": None if entry is None else entry.init,
                "maint_value": None if entry is None else entry.maint,
                "init_value_ui": quote_ui(None if entry is None else entry.init),
                "maint_value_ui": quote_ui(None if entry is None else entry.maint),
                "max_withdrawable": withdrawable,
                "max_withdrawable_ui": None
                if withdrawable is None
                else ui(withdrawable, asset.decimals),
            }
        )
    perps = []
    for slot, position in enumerate(account.active_perp_positions()):
        market = context.markets[position.market_index]
        units = MarketUnits.of(market, quote_decimals)
        oracle = context.oracles[market.oracle]
        perp_entry = None if breakdown is None else breakdown.perps[slot]
        liquidation = None if breakdown is None else context.liquidation_price(market.index)
        # Funding the position owes since it last settled (kairos.funding); health counts it.
        funding_owed = pending_funding(position, market)
        perps.append(
            {
                "market_index": position.market_index,
                "market": market.name_str,
                "base_lots": position.base_lots,
                "size_ui": units.lots_to_decimal(position.base_lots),
                "quote_position": position.quote_position,
                "quote_position_ui": quote_ui(position.quote_position),
                "cost_basis": position.cost_basis,
                "realized_pnl": position.realized_pnl,
                "realized_pnl_ui": quote_ui(position.realized_pnl),
                "funding_owed": funding_owed,
                "funding_owed_ui": quote_ui(funding_owed),
                "bids_base_lots": position.bids_base_lots,
                "asks_base_lots": position.asks_base_lots,
                "oracle_price_ui": oracle_to_decimal(oracle.price, oracle.exponent),
                "liquidation_price_ui": None
                if liquidation is None
                else oracle_to_decimal(liquidation, oracle.exponent),
                "init_health": None if perp_entry is None else perp_entry.init,
                "maint_health": None if perp_entry is None else perp_entry.maint,
                "init_health_ui": quote_ui(None if perp_entry is None else perp_entry.init),
            }
        )
    orders = []
    for order in account.active_open_orders():
        order_market = context.markets.get(order.market_index)
        orders.append(
            {
                "market_index": order.market_index,
                "market": order.market_index if order_market is None else order_market.name_str,
                "side": order.order_side,
                "order_id": order.order_id,
                "client_order_id": order.client_order_id,
                "price": order.price,
                "price_ui": order.price
                if order_market is None
                else MarketUnits.of(order_market, quote_decimals).price_to_decimal(order.price),
            }
        )
    return {
        "address": address,
        "owner": account.owner,
        "account_index": account.account_index,
        "being_liquidated": bool(account.being_liquidated),
        "slot": context.slot,
        "quote_balance": account.quote_balance,
        "quote_balance_ui": quote_ui(account.quote_balance),
        # Interest a checkpoint would charge now (kairos.borrow); health counts it.
        "borrow_interest_owed": interest_owed,
        "borrow_interest_owed_ui": quote_ui(interest_owed),
        "health": health,
        "collateral": collateral,
        "perp_positions": perps,
        "open_orders": orders,
        "stats": account.stats,
    }


def _render_account(console: Console, report: dict[str, Any]) -> None:
    health = report["health"]
    console.print(
        f"[bold]Margin account[/] {report['address']} (owner {report['owner']}, "
        f"index {report['account_index']})",
        highlight=False,
        soft_wrap=True,
    )
    if "error" in health:
        shown = f"[red]unavailable[/] ({health['error']})"
    else:
        colour = "green" if health["init"] >= 0 else ("yellow" if health["maint"] >= 0 else "red")
        shown = (
            f"init [{colour}]{text(health['init_ui'])}[/]  "
            f"maint [{colour}]{text(health['maint_ui'])}[/]"
        )
    console.print(
        f"quote balance {text(report['quote_balance_ui'])}   health: {shown}"
        + ("   [red]BEING LIQUIDATED[/]" if report["being_liquidated"] else ""),
        highlight=False,
        soft_wrap=True,
    )
    tables: list[tuple[str, list[tuple[str, str]], list[dict[str, Any]]]] = [
        (
            "Collateral",
            [
                ("asset", "asset_index"),
                ("mint", "mint"),
                ("amount", "amount_ui"),
                ("init value", "init_value_ui"),
                ("maint value", "maint_value_ui"),
                ("max withdraw", "max_withdrawable_ui"),
            ],
            report["collateral"],
        ),
        (
            "Perp positions",
            [
                ("market", "market"),
                ("size", "size_ui"),
                ("quote position", "quote_position_ui"),
                ("realized pnl", "realized_pnl_ui"),
                ("oracle", "oracle_price_ui"),
                ("liq. price", "liquidation_price_ui"),
                ("init health", "init_health_ui"),
            ],
            report["perp_positions"],
        ),
        (
            "Open orders",
            [
                ("market", "market"),
                ("side", "side"),
                ("order id", "order_id"),
                ("client id", "client_order_id"),
                ("price", "price_ui"),
            ],
            report["open_orders"],
        ),
    ]
    for title, columns, rows in tables:
        if not rows:
            continue
        table = Table(title=title)
        for header, _ in columns:
            table.add_column(header)
        for row in rows:
            table.add_row(*(text(row[key]) for _, key in columns))
        console.print(table)
    # Funding a position owes since it last settled (negative: it is owed), counted by
    # health: a line of its own, the positions table is at its width already.
    for perp in report["perp_positions"]:
        if perp["funding_owed"]:
            console.print(
                f"funding owed ({perp['market']}): {text(perp['funding_owed_ui'])}",
                highlight=False,
            )


def _owner_option(owner: str | None) -> Pubkey | None:
    return parse_pubkey(owner) if owner else None


@account_app.command("show")
def account_show(
    ctx: typer.Context,
    index: IndexOpt = 0,
    owner: Annotated[str | None, typer.Option(help="Owner (default: the wallet).")] = None,
    address: Annotated[str | None, typer.Option(help="Margin account address.")] = None,
    json_output: JsonOpt = False,
) -> None:
    """Show balances, positions, open orders and health (computed locally)."""
    state = _state(ctx, json_output)
    owner_key, address_key = _owner_option(owner), parse_pubkey(address) if address else None

    async def action(client: KairosClient) -> dict[str, Any]:
        key = address_key or client.margin_account_address(index, owner_key)
        context = await client.get_health_context(address=key)
        return account_report(context, key)

    report = run(state, action)
    emit(state, report, lambda console: _render_account(console, report))


@account_app.command("health")
def account_health(
    ctx: typer.Context,
    index: IndexOpt = 0,
    owner: Annotated[str | None, typer.Option(help="Owner (default: the wallet).")] = None,
    address: Annotated[str | None, typer.Option(help="Margin account address.")] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Send compute_health as a transaction.")
    ] = False,
    json_output: JsonOpt = False,
) -> None:
    """Health from the program's compute_health view (simulated), and computed locally."""
    state = _state(ctx, json_output)
    owner_key, address_key = _owner_option(owner), parse_pubkey(address) if address else None

    async def action(client: KairosClient) -> dict[str, Any]:
        key = address_key or client.margin_account_address(index, owner_key)
        if send:
            signature = await client.compute_health(address=key)
            return await _confirmed(client, signature)
        on_chain = await client.simulate_compute_health(address=key)
        local = (await client.get_health_context(address=key)).health()
        decimals = await client.get_quote_decimals()

        def pair(init: int, maint: int) -> dict[str, Any]:
            return {
                "init": init,
                "maint": maint,
                "init_ui": ui(init, decimals),
                "maint_ui": ui(maint, decimals),
            }

        return {
            "margin_account": key,
            "program": pair(on_chain.init_health, on_chain.maint_health),
            "local": pair(local.init, local.maint),
        }

    result = run(state, action)
    if send:
        emit_transaction(state, result)
        return

    def human(console: Console) -> None:
        console.print(f"Margin account {result['margin_account']}", highlight=False)
        table = Table(title="Health (quote units)")
        for column in ("source", "init", "maint"):
            table.add_column(column)
        for source in ("program", "local"):
            table.add_row(
                source,
                text(result[source]["init_ui"]),
                text(result[source]["maint_ui"]),
            )
        console.print(table)

    emit(state, result, human)


# --- orders ---------------------------------------------------------------------------------


@order_app.command("place", context_settings=NEGATIVE_NUMBERS_OK)
def order_place(
    ctx: typer.Context,
    market: Annotated[str, typer.Argument(help="Market index or name.")],
    side: Annotated[str, typer.Argument(help="buy or sell.")],
    size: Annotated[str, typer.Argument(help="Size in base units (lots with --native).")],
    price: Annotated[
        str, typer.Option(help="Limit price (a market order's worst price), quote per base unit.")
    ],
    order_type: Annotated[str, typer.Option("--type", help="limit or market.")] = "limit",
    client_id: Annotated[int, typer.Option(help="Your id for the order.")] = 0,
    match_limit: Annotated[int, typer.Option(help="Most makers to match.")] = MAX_MATCHES_PER_ORDER,
    index: IndexOpt = 0,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
    tif: Annotated[
        str | None, typer.Option(help="Time in force: gtc, ioc, fok, post-only, post-only-slide.")
    ] = None,
    post_only: Annotated[
        bool, typer.Option("--post-only", help="Refuse if it would cross.")
    ] = False,
    reduce_only: Annotated[
        bool, typer.Option("--reduce-only", help="Only reduce the position.")
    ] = False,
    stp: Annotated[
        str | None,
        typer.Option(help="Self-trade prevention: cancel-resting, decrement-taking, abort."),
    ] = None,
    expiry: Annotated[
        int | None, typer.Option(help="Expire a resting order after this many seconds.")
    ] = None,
    iceberg: Annotated[
        str | None,
        typer.Option(help="Iceberg: show only this size (base units; lots with --native)."),
    ] = None,
    max_deviation_bps: Annotated[
        int, typer.Option(help="Market/IOC/FOK: worst price at most this many bps from the oracle.")
    ] = 0,
) -> None:
    """Place an order (limit or market, with time in force and order options)."""
    from kairos import cli_orders

    state = _state(ctx, json_output)
    order_side = parse_side(side)
    try:
        kind = OrderType[order_type.upper()]
    except KeyError:
        raise typer.BadParameter(f"order type {order_type!r}: use limit or market") from None
    size_value, price_value = parse_decimal(size, "size"), parse_decimal(price, "price")
    if size_value <= 0:
        raise typer.BadParameter(
            f"size {size} must be positive (the side says the direction: sell to go short)"
        )
    if price_value <= 0:
        raise typer.BadParameter(f"price {price} must be positive")
    options = cli_orders.OrderOptions.parse(
        tif=tif,
        post_only=post_only,
        reduce_only=reduce_only,
        stp=stp,
        expiry_seconds=expiry,
        max_deviation_bps=max_deviation_bps,
    )

    async def action(client: KairosClient) -> dict[str, Any]:
        found = await client.find_perp_market(_market_key(market))
        if native:
            lots, native_price = parse_native(size, "size"), parse_native(price, "price")
        else:
            units = MarketUnits.of(found, await client.get_quote_decimals())
            lots = units.decimal_to_lots(size_value)
            # Never trade worse than asked: buyers round down, sellers up.
            native_price = units.decimal_to_price(price_value, round_up=order_side is Side.ASK)
            if lots <= 0:
                raise KairosError(
                    f"size {size} is below one lot of {found.name_str} "
                    f"({text(units.lots_to_decimal(1))})"
                )
            if native_price <= 0:
                raise KairosError(
                    f"price {price} is below one tick of {found.name_str} "
                    f"({text(units.price_to_decimal(found.tick_size))})"
                )
            if units.lots_to_decimal(lots) != size_value:
                notice(
                    state,
                    f"size {size} is not a whole number of {found.name_str} lots "
                    f"({text(units.lots_to_decimal(1))}): rounded down to "
                    f"{text(units.lots_to_decimal(lots))}",
                )
            if units.price_to_decimal(native_price) != price_value:
                notice(
                    state,
                    f"price {price} is not on {found.name_str}'s tick "
                    f"({text(units.price_to_decimal(found.tick_size))}): rounded "
                    f"{'up' if order_side is Side.ASK else 'down'} to "
                    f"{text(units.price_to_decimal(native_price))}",
                )
        if lots <= 0:
            raise KairosError(f"size {size} is below one lot of market {found.name_str}")
        if options.is_default and iceberg is None:
            signature = await client.place_order(
                found.index,
                order_side,
                native_price,
                lots,
                order_type=kind,
                client_order_id=client_id,
                match_limit=match_limit,
                account_index=index,
            )
        else:
            signature = await cli_orders.place_with_options(
                client,
                found,
                cli_orders.OrderShape(order_side, kind, native_price, lots, client_id, match_limit),
                options,
                iceberg=iceberg,
                native=native,
                account_index=index,
            )
        units = MarketUnits.of(found, await client.get_quote_decimals())
        return await _confirmed(
            client,
            signature,
            base_lots=lots,
            price=native_price,
            size_ui=units.lots_to_decimal(lots),
            price_ui=units.price_to_decimal(native_price),
        )

    emit_transaction(state, run(state, action))


@order_app.command("cancel", context_settings=NEGATIVE_NUMBERS_OK)
def order_cancel(
    ctx: typer.Context,
    market: Annotated[str, typer.Argument(help="Market index or name.")],
    order_id: Annotated[int, typer.Argument(help="Order id (client id with --client-id).")],
    client_id: Annotated[
        bool, typer.Option("--client-id", help="ORDER_ID is a client order id.")
    ] = False,
    index: IndexOpt = 0,
    json_output: JsonOpt = False,
) -> None:
    """Cancel one resting order."""
    state = _state(ctx, json_output)

    async def action(client: KairosClient) -> dict[str, Any]:
        found = await client.find_perp_market(_market_key(market))
        signature = await client.cancel_order(
            found.index, order_id, is_client_id=client_id, account_index=index
        )
        return await _confirmed(client, signature)

    emit_transaction(state, run(state, action))


@order_app.command("cancel-all")
def order_cancel_all(
    ctx: typer.Context,
    market: Annotated[str, typer.Argument(help="Market index or name.")],
    side: Annotated[str, typer.Option(help="bids, asks or both.")] = "both",
    limit: Annotated[int, typer.Option(help="Most orders to cancel.")] = MAX_OPEN_ORDERS,
    index: IndexOpt = 0,
    json_output: JsonOpt = False,
) -> None:
    """Cancel the wallet's resting orders in a market."""
    state = _state(ctx, json_output)
    try:
        side_filter = SideFilter[side.upper()]
    except KeyError:
        raise typer.BadParameter(f"side {side!r}: use bids, asks or both") from None

    async def action(client: KairosClient) -> dict[str, Any]:
        found = await client.find_perp_market(_market_key(market))
        signature = await client.cancel_all_orders(
            found.index, side_filter=side_filter, limit=limit, account_index=index
        )
        return await _confirmed(client, signature)

    emit_transaction(state, run(state, action))


# --- cranks and settlement ---------------------------------------------------------------


@crank_app.command("consume-events")
def crank_consume_events(
    ctx: typer.Context,
    market: Annotated[str, typer.Argument(help="Market index or name.")],
    limit: Annotated[int, typer.Option(help="Most events to apply.")] = 16,
    max_makers: Annotated[int, typer.Option(help="Most maker accounts to pass.")] = 20,
    json_output: JsonOpt = False,
) -> None:
    """Apply queued maker fills (the wallet earns the keeper reward)."""
    state = _state(ctx, json_output)

    async def action(client: KairosClient) -> dict[str, Any]:
        found = await client.find_perp_market(_market_key(market))
        signature = await client.consume_events(found.index, limit=limit, max_makers=max_makers)
        return await _confirmed(client, signature)

    emit_transaction(state, run(state, action))


@app.command("settle-pnl")
def settle_pnl(
    ctx: typer.Context,
    market: Annotated[str, typer.Argument(help="Market index or name.")],
    index: IndexOpt = 0,
    owner: Annotated[str | None, typer.Option(help="Owner (default: the wallet).")] = None,
    address: Annotated[str | None, typer.Option(help="Margin account address.")] = None,
    json_output: JsonOpt = False,
) -> None:
    """Settle a position's PnL at the oracle price (permissionless)."""
    state = _state(ctx, json_output)
    owner_key, address_key = _owner_option(owner), parse_pubkey(address) if address else None

    async def action(client: KairosClient) -> dict[str, Any]:
        found = await client.find_perp_market(_market_key(market))
        key = address_key or client.margin_account_address(index, owner_key)
        signature = await client.settle_pnl(found.index, margin_account=key)
        return await _confirmed(client, signature)

    emit_transaction(state, run(state, action))


# --- token helpers ------------------------------------------------------------------------


@token_app.command("create-mint")
def token_create_mint(
    ctx: typer.Context,
    decimals: Annotated[int, typer.Argument(help="Mint decimals.")],
    json_output: JsonOpt = False,
) -> None:
    """Create an SPL mint with the wallet as mint authority."""
    state = _state(ctx, json_output)
    mint = run(state, lambda client: client.create_mint(decimals))
    emit(state, {"mint": mint}, lambda console: console.print(f"[bold]Mint:[/] {mint}"))


@token_app.command("create-account")
def token_create_account(
    ctx: typer.Context,
    mint: Annotated[str, typer.Argument(help="Mint.")],
    owner: Annotated[str | None, typer.Option(help="Owner (default: the wallet).")] = None,
    json_output: JsonOpt = False,
) -> None:
    """Create (if missing) the owner's associated token account."""
    state = _state(ctx, json_output)
    mint_key, owner_key = parse_pubkey(mint), _owner_option(owner)
    account = run(state, lambda client: client.create_associated_token_account(mint_key, owner_key))
    emit(
        state,
        {"token_account": account},
        lambda console: console.print(f"[bold]Token account:[/] {account}"),
    )


@token_app.command("mint", context_settings=NEGATIVE_NUMBERS_OK)
def token_mint(
    ctx: typer.Context,
    mint: Annotated[str, typer.Argument(help="Mint (the wallet must be its authority).")],
    amount: Annotated[str, typer.Argument(help="Amount in tokens (native with --native).")],
    to: Annotated[
        str | None, typer.Option("--to", help="Token account (default: the wallet's ATA).")
    ] = None,
    native: NativeOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Mint tokens."""
    state = _state(ctx, json_output)
    mint_key = parse_mint(mint)
    to_key = parse_pubkey(to) if to else None

    async def action(client: KairosClient) -> dict[str, Any]:
        native_amount = await _native_amount(client, mint_key, amount, native)
        destination = to_key or await client.create_associated_token_account(mint_key)
        signature = await client.mint_to(mint_key, destination, native_amount)
        decimals = await client.get_mint_decimals(mint_key)
        return {
            "signature": signature,
            "token_account": destination,
            "amount": native_amount,
            "amount_ui": ui(native_amount, decimals),
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
    state = _state(ctx, json_output)
    lamports = to_native(parse_decimal(sol, "SOL"), 9, "SOL")
    to_key = parse_pubkey(to) if to else None

    async def action(client: KairosClient) -> dict[str, Any]:
        signature = await client.airdrop(lamports, to_key)
        return {"signature": signature, "lamports": lamports, "sol": ui(lamports, 9)}

    emit_transaction(state, run(state, action))


@app.command()
def demo(
    url: Annotated[
        str | None,
        typer.Option("--url", help="Run against this RPC URL instead of the embedded localnet."),
    ] = None,
    root: Annotated[
        Path | None, typer.Option(help="Repository root with Anchor.toml (default: cwd's).")
    ] = None,
) -> None:
    """Build, deploy and run the scripted trading demo on the embedded localnet."""
    from kairos.demo import main as run_demo
    from kairos.toolchain.build import find_repo_root

    run_demo(root or find_repo_root(), url)


from kairos import cli_auctions as _cli_auctions  # noqa: E402, F401 - auction commands
from kairos import cli_borrow as _cli_borrow  # noqa: E402, F401 - borrow rate commands
from kairos import cli_execution as _cli_execution  # noqa: E402, F401 - kairos execute
from kairos import cli_funding as _cli_funding  # noqa: E402, F401 - funding commands
from kairos import cli_liquidation as _cli_liquidation  # noqa: E402, F401 - issue 5 commands
from kairos import cli_orders as _cli_orders  # noqa: E402, F401 - registers trigger-order commands
from kairos import cli_scheduled as _cli_scheduled  # noqa: E402, F401 - twap, schedule commands
from kairos import cli_wallet as _cli_wallet  # noqa: E402, F401 - wallet new, show, airdrop

if __name__ == "__main__":
    app()


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


from kairos import cli_api_keys as _cli_api_keys  # noqa: E402, F401 - api-keys, rate-limits
from kairos import cli_webhooks as _cli_webhooks  # noqa: E402, F401 - kairos webhooks

performance_app = typer.Typer(help="Portfolio performance (from a running kairos serve).")
app.add_typer(performance_app, name="performance")
ServiceUrlOpt = Annotated[
    str,
    typer.Option("--service-url", envvar="KAIROS_SERVICE_URL", help="The kairos serve API."),
]


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


@performance_app.command("show")
def performance_show(
    account: Annotated[str, typer.Argument(help="Margin account address.")],
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
    account: Annotated[str, typer.Argument(help="Margin account address.")],
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
