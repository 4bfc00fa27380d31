"""Risk-limit commands: ``kairos risk show|limits|set|reset-hwm|check``.

- ``show``: every metric of a margin account with risk limits and its headroom, from
  the program's ``compute_risk`` view (simulated: nothing is written), or with
  ``--local`` from the SDK's exact mirror (:func:`kairos.risk.evaluate`);
- ``limits``: active and pending limits, when the pending ones apply, the exchange's
  caps and defaults;
- ``set``: new limits (created on first use); tighter values apply at once, and a request
  with any looser value waits for the cooldown as a whole (said before sending);
- ``reset-hwm``: the high-water mark and day-open equity := equity (after the cooldown);
- ``check``: whether an order would pass the limits, and if not which limit it breaks
  ("this order would take VaR to 7.20% of equity, limit 5.00%"), before sending it.

Limits are given as ``5%`` (a share), ``3x`` (a multiple of equity), a whole number of
bps, or ``off``; ``--json`` prints the native figures (bps, quote native units).
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any

import typer
from kairos import errors
from kairos.accounts import (
    AccountNotFoundError,
    MarginAccount,
    PerpMarket,
    RiskLimits,
    RiskLimitValues,
    RiskMetrics,
    RiskParameters,
)
from kairos.constants import Side
from kairos.math.health import lot_prices, read_oracle
from kairos.params import (
    ComputeRiskParams,
    CreateRiskLimitsParams,
    ResetHighWaterMarkParams,
    SetRiskLimitsParams,
)
from kairos.risk import (
    BREACH_ERRORS,
    LIMIT_FIELDS,
    UNBOUNDED,
    RiskEvaluation,
    RiskLimitKind,
    apply_pending,
    check_limit_caps,
    check_limit_ranges,
    decode_metrics,
    evaluate,
    exposures,
    loosens,
    params_fresh,
    risk_limits_address,
    risk_parameters_address,
    tighter,
    with_resting_order,
)
from rich.console import Console, Group
from rich.progress_bar import ProgressBar
from rich.table import Table
from solders.pubkey import Pubkey

from kairos_cli.common import (
    IndexOpt,
    JsonOpt,
    MarketArg,
    SideArg,
    app,
    cli_state,
    confirmed_result,
    emit,
    fail,
    field_table,
    market_key,
    parse_decimal,
    parse_pubkey,
    parse_side,
    run,
)

if TYPE_CHECKING:
    from kairos.client import KairosClient

risk_app = typer.Typer(help="Portfolio risk limits.", no_args_is_help=True)
app.add_typer(risk_app, name="risk")

AccountOpt = Annotated[
    str | None,
    typer.Option("--account", help="A margin account address (default: the wallet's, --index)."),
]
LocalOpt = Annotated[
    bool,
    typer.Option("--local", help="Compute with the SDK's exact mirror instead of compute_risk."),
]

RATIO_KINDS = frozenset(
    {RiskLimitKind.LEVERAGE, RiskLimitKind.POSITION_SIZE, RiskLimitKind.CORRELATED_EXPOSURE}
)
"""Limits that are a multiple of equity (shown as 2.50×); the others are shares (%)."""

LABELS = {
    RiskLimitKind.LEVERAGE: "leverage",
    RiskLimitKind.POSITION_SIZE: "largest position",
    RiskLimitKind.CONCENTRATION: "concentration",
    RiskLimitKind.DAILY_LOSS: "daily loss",
    RiskLimitKind.DRAWDOWN: "drawdown",
    RiskLimitKind.VALUE_AT_RISK: "VaR (1 day, 99%)",
    RiskLimitKind.CORRELATED_EXPOSURE: "correlated exposure",
    RiskLimitKind.LIQUIDITY: "liquidity taken",
}
PHRASES = {
    RiskLimitKind.LEVERAGE: "leverage to {value} of equity",
    RiskLimitKind.POSITION_SIZE: "its largest position to {value} of equity",
    RiskLimitKind.CONCENTRATION: "its concentration in one factor to {value}",
    RiskLimitKind.DAILY_LOSS: "the day's loss to {value} of the day's opening equity",
    RiskLimitKind.DRAWDOWN: "the drawdown to {value} of the high-water mark",
    RiskLimitKind.VALUE_AT_RISK: "VaR to {value} of equity",
    RiskLimitKind.CORRELATED_EXPOSURE: "correlated exposure to {value} of equity",
    RiskLimitKind.LIQUIDITY: "{value} of the book depth",
}
METRIC_OF = {
    RiskLimitKind.LEVERAGE: "leverage_bps",
    RiskLimitKind.POSITION_SIZE: "max_position_bps",
    RiskLimitKind.CONCENTRATION: "concentration_bps",
    RiskLimitKind.DAILY_LOSS: "daily_loss_bps",
    RiskLimitKind.DRAWDOWN: "drawdown_bps",
    RiskLimitKind.VALUE_AT_RISK: "var_bps",
    RiskLimitKind.CORRELATED_EXPOSURE: "correlated_exposure_bps",
}
"""The RiskMetrics field of each limit (liquidity is measured per order only)."""
OPTION_OF = {
    "max_leverage_bps": "--max-leverage",
    "max_position_bps": "--max-position",
    "max_concentration_bps": "--max-concentration",
    "max_daily_loss_bps": "--max-daily-loss",
    "max_drawdown_bps": "--max-drawdown",
    "max_var_bps": "--max-var",
    "max_correlated_exposure_bps": "--max-correlated-exposure",
    "max_liquidity_take_bps": "--max-liquidity-take",
    "liquidity_band_bps": "--liquidity-band",
}


# --- units ----------------------------------------------------------------------------


def show_bps(kind: RiskLimitKind | None, value: int) -> str:
    """A limit's figure in its unit: ``2.50×`` for multiples, ``5.00%`` for shares."""
    if value >= UNBOUNDED or value >= 2**63 - 1:
        return "unbounded"
    if kind in RATIO_KINDS:
        return f"{value / 10_000:.2f}×"
    return f"{value / 100:.2f}%"


def parse_limit(text: str, option: str) -> int:
    """``5%``, ``3x``, a whole number of bps, or ``off``/``0`` (no limit) → bps."""
    cleaned = text.strip().lower()
    if cleaned in ("off", "none", "0"):
        return 0
    scale = Decimal(1)
    if cleaned.endswith("%"):
        cleaned, scale = cleaned[:-1], Decimal(100)
    elif cleaned.endswith(("x", "×")):
        cleaned, scale = cleaned[:-1], Decimal(10_000)
    try:
        value = Decimal(cleaned) * scale
    except InvalidOperation:
        raise typer.BadParameter(
            f"{option} {text!r}: use a share (5%), a multiple (3x), bps (500) or off"
        ) from None
    if not value.is_finite() or value < 0 or value != value.to_integral_value():
        raise typer.BadParameter(f"{option} {text!r} is not a whole number of bps ≥ 0")
    return int(value)


def parse_duration(text: str) -> int:
    """``86400``, ``90s``, ``30m``, ``24h`` or ``7d`` → seconds."""
    units = {"s": 1, "m": 60, "h": 3_600, "d": 86_400}
    cleaned = text.strip().lower()
    factor = units.get(cleaned[-1:], 0)
    number = cleaned[:-1] if factor else cleaned
    try:
        value = Decimal(number) * (factor or 1)
    except InvalidOperation:
        raise typer.BadParameter(f"--cooldown {text!r}: use seconds, or 30m, 24h, 7d") from None
    if not value.is_finite() or value < 0 or value != value.to_integral_value():
        raise typer.BadParameter(f"--cooldown {text!r} is not a whole number of seconds ≥ 0")
    return int(value)


def when(timestamp: int, now: int | None = None) -> str:
    """A unix time as UTC ISO text, with how far it is from ``now``."""
    if timestamp <= 0:
        return "-"
    moment = datetime.datetime.fromtimestamp(timestamp, datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
    if now is None:
        return f"{moment} UTC"
    delta = timestamp - now
    hours = abs(delta) / 3_600
    relative = f"in {hours:.1f} h" if delta >= 0 else f"{hours:.1f} h ago"
    return f"{moment} UTC ({relative})"


# --- reading ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RiskState:
    """A margin account's risk accounts, read together."""

    margin_account: Pubkey
    account: MarginAccount
    limits: RiskLimits | None
    params: RiskParameters
    slot: int
    unix_timestamp: int


def _account_key(client: KairosClient, account: str | None, index: int) -> Pubkey:
    return parse_pubkey(account) if account else client.margin_account_address(index)


async def read_state(client: KairosClient, key: Pubkey) -> RiskState:
    """The margin account, its RiskLimits (None if it has none), the RiskParameters."""
    program = client.program_id
    response = await client.connection.get_multiple_accounts(
        [key, risk_limits_address(key, program), risk_parameters_address(program)],
        commitment=client.commitment,
    )
    margin_info, limits_info, params_info = response.value
    if margin_info is None:
        raise AccountNotFoundError(f"margin account {key} does not exist")
    if params_info is None:
        raise AccountNotFoundError(
            "the exchange has no RiskParameters yet (the admin creates them with "
            "initialize_risk_parameters)"
        )
    return RiskState(
        key,
        MarginAccount.decode(bytes(margin_info.data)),
        None if limits_info is None else RiskLimits.decode(bytes(limits_info.data)),
        RiskParameters.decode(bytes(params_info.data)),
        response.context.slot,
        await client.get_unix_timestamp(),
    )


def _require_limits(state: RiskState) -> RiskLimits:
    if state.limits is None:
        raise errors.KairosError(
            f"margin account {state.margin_account} has no risk limits: set some with "
            "`kairos risk set` (e.g. --max-var 5%)"
        )
    return state.limits


async def chain_metrics(client: KairosClient, key: Pubkey) -> RiskMetrics:
    """The program's ``compute_risk`` view, simulated (its checkpoints are not written)."""
    instruction = await client.risk.compute_risk(ComputeRiskParams(address=key))
    result = await client.simulate(instruction)
    data = result.return_data
    if data is None or data.program_id != client.program_id:
        raise errors.TransactionError("compute_risk returned no RiskMetrics")
    return decode_metrics(bytes(data.data))


async def mirror_evaluation(
    client: KairosClient,
    state: RiskState,
    *,
    increasing: bool = False,
    order: tuple[PerpMarket, Side, int] | None = None,
    resting_price: int | None = None,
) -> RiskEvaluation:
    """:func:`kairos.risk.evaluate` on the account as it is, or after ``order``.

    The order fills at the oracle price, or with ``resting_price`` rests in full at it
    (:func:`kairos.risk.with_resting_order`, the program's reservation).
    """
    limits = _require_limits(state)
    context = await client.get_health_context(address=state.margin_account)
    account = context.account
    markets = dict(context.markets)
    oracles = dict(context.oracles)
    if order is not None:
        market, side, lots = order
        if market.index not in markets:
            markets[market.index] = market
            oracles.setdefault(market.oracle, await client.get_oracle(market.oracle))
        if resting_price is None:
            account = _with_fill(
                account, market, side, lots, oracles, context.quote_decimals, context.slot
            )
        else:
            account = with_resting_order(account, market.index, int(side), resting_price, lots)
    found = exposures(
        account,
        assets=context.assets,
        markets=markets,
        oracles=oracles,
        quote_decimals=context.quote_decimals,
        slot=context.slot,
        unix_timestamp=context.unix_timestamp,
    )
    return evaluate(
        limits,
        state.params,
        found,
        slot=context.slot,
        unix_timestamp=context.unix_timestamp or state.unix_timestamp,
        increasing=increasing,
    )


def _with_fill(
    account: MarginAccount,
    market: PerpMarket,
    side: Side,
    lots: int,
    oracles: dict[Pubkey, Any],
    quote_decimals: int,
    slot: int,
) -> MarginAccount:
    """The account as if ``lots`` filled at the oracle price (fees and slippage aside)."""
    oracle = read_oracle(
        oracles[market.oracle],
        slot=slot,
        max_staleness_slots=market.max_staleness_slots,
        max_confidence_bps=market.max_confidence_bps,
    )
    price = lot_prices(oracle, market, quote_decimals).mid
    signed = lots if side == Side.BID else -lots
    positions = list(account.perp_positions)
    for i, position in enumerate(positions):
        if position.is_active and position.market_index == market.index:
            positions[i] = dataclasses.replace(
                position,
                base_lots=position.base_lots + signed,
                quote_position=position.quote_position - signed * price,
            )
            break
    else:
        free = next((i for i, p in enumerate(positions) if not p.is_active), None)
        if free is None:
            raise errors.KairosError("the margin account has no free perp position slot")
        positions[free] = dataclasses.replace(
            positions[free],
            base_lots=signed,
            quote_position=-signed * price,
            cost_basis=0,
            realized_pnl=0,
            bids_base_lots=0,
            asks_base_lots=0,
            bids_quote=0,
            asks_quote=0,
            market_index=market.index,
            active=1,
            loss_index_snapshot=market.socialized_loss_per_lot,
            funding_index_snapshot=market.funding_index,
        )
    return dataclasses.replace(account, perp_positions=tuple(positions))


def explain(evaluation: RiskEvaluation, what: str = "this order") -> str | None:
    """Why a risk-increasing action would be refused, in the limit's units (None: passes)."""
    error = evaluation.error
    if error is None:
        return None
    limits = evaluation.limits
    for kind in RiskLimitKind:
        if error is BREACH_ERRORS[kind]:
            value = show_bps(kind, evaluation.values[kind])
            bound = show_bps(kind, getattr(limits.active, LIMIT_FIELDS[kind]))
            phrase = PHRASES[kind].format(value=value)
            return f"{what} would take {phrase}, limit {bound} ({error.__name__})"
    if error is errors.RiskReduceOnly:
        reason = {4: "daily loss", 5: "drawdown"}.get(limits.reduce_only_reason, "a breach")
        return (
            f"the account is reduce-only until {when(limits.reduce_only_until)} after its "
            f"{reason} limit was breached: only orders that reduce risk pass (RiskReduceOnly)"
        )
    if error is errors.RiskParametersStale:
        return (
            "the published risk figures are missing or stale, and a VaR or correlated-"
            "exposure limit needs them: the risk keeper must publish (RiskParametersStale)"
        )
    if error is errors.RiskFactorMissing:
        return (
            "a position's oracle is not a risk factor, and a VaR, correlation or "
            "concentration limit needs every position mapped (RiskFactorMissing)"
        )
    return f"{error.__name__}: {error.default_message}"


async def refusal_before_sending(
    client: KairosClient,
    market: PerpMarket,
    side: Side,
    price: int,
    lots: int,
    *,
    market_order: bool,
    account_index: int = 0,
) -> str | None:
    """Why the program would refuse this order under the account's risk limits.

    None: the account has no limits, the order is a purely reducing market order, or it
    passes. A limit order is evaluated as resting in full at ``price`` (what the program
    reserves), a market order as filled at the oracle price (fees and slippage aside).
    """
    key = client.margin_account_address(account_index)
    account = await client.get_margin_account_at(key)
    if not account.risk_limits_enabled:
        return None
    position = account.perp_position(market.index)
    held = 0 if position is None else position.base_lots
    opposite = held > 0 if side == Side.ASK else held < 0
    if market_order and opposite and lots <= abs(held):
        return None  # only reduces: never refused for risk (the program's rule)
    risk = await read_state(client, key)
    evaluation = await mirror_evaluation(
        client,
        risk,
        increasing=True,
        order=(market, side, lots),
        resting_price=None if market_order else price,
    )
    return explain(evaluation)


# --- rendering --------------------------------------------------------------------------


def limit_rows(metrics: RiskMetrics, active: RiskLimitValues) -> list[dict[str, Any]]:
    """Per limit: its figure, bound, headroom (bps) and the share of the bound in use."""
    rows = []
    for kind in RiskLimitKind:
        bound = getattr(active, LIMIT_FIELDS[kind])
        field = METRIC_OF.get(kind)
        value = None if field is None else getattr(metrics, field)
        headroom = metrics.headroom[kind]
        used = None
        if bound and value is not None:
            used = 1.0 if value >= UNBOUNDED else value / bound
        rows.append(
            {
                "limit": kind.name.lower(),
                "value_bps": value,
                "bound_bps": bound,
                "headroom_bps": None if bound == 0 else headroom,
                "used": used,
            }
        )
    return rows


def _bar(used: float | None) -> Table | str:
    """A headroom bar (green < 70 % of the bound, yellow < 90 %, red) and the share used."""
    if used is None:
        return ""
    style = "green" if used < 0.7 else "yellow" if used < 0.9 else "red"
    shown = min(max(used, 0.0), 1.0)
    cell = Table.grid(padding=(0, 1))
    cell.add_row(
        ProgressBar(total=1.0, completed=shown, width=20, complete_style=style),
        f"[{style}]{used:.0%}[/]" if used < 100 else f"[{style}]>9999%[/]",
    )
    return cell


def metrics_table(title: str, metrics: RiskMetrics, active: RiskLimitValues) -> Table:
    """Every limited metric with its bound, headroom and a headroom bar."""
    table = Table(title=title)
    table.add_column("limit")
    table.add_column("now", justify="right")
    table.add_column("limit", justify="right")
    table.add_column("headroom", justify="right")
    table.add_column("used")
    for row, kind in zip(limit_rows(metrics, active), RiskLimitKind, strict=True):
        value = row["value_bps"]
        bound = row["bound_bps"]
        table.add_row(
            LABELS[kind],
            "per order" if value is None else show_bps(kind, value),
            "off" if bound == 0 else show_bps(kind, bound),
            "-" if row["headroom_bps"] is None else _headroom(kind, row["headroom_bps"]),
            _bar(row["used"]),
        )
    return table


def _headroom(kind: RiskLimitKind, headroom: int) -> str:
    if headroom <= -(2**63) + 1:
        return "[red]breached (unbounded)[/]"
    if headroom < 0:
        return f"[red]−{show_bps(kind, -headroom)}[/]"
    return show_bps(kind, headroom)


def _quote(value: int, decimals: int) -> str:
    if value >= UNBOUNDED:
        return "unbounded"
    return f"{Decimal(value).scaleb(-decimals):,.{min(decimals, 2)}f}"


def figures_table(metrics: RiskMetrics, decimals: int, now: int) -> Table:
    """Equity, checkpoints, VaR in quote, utilization and reduce-only state."""
    table = field_table("account", justify="right")
    rows = [
        ("equity", _quote(metrics.equity, decimals)),
        ("day-open equity", _quote(metrics.day_open_equity, decimals)),
        ("high-water mark", _quote(metrics.high_water_mark, decimals)),
        ("gross perp notional", _quote(metrics.gross_notional, decimals)),
        ("VaR (1 day, 99%)", _quote(metrics.var_quote, decimals)),
        ("correlated exposure", _quote(metrics.correlated_exposure_quote, decimals)),
        ("margin utilization", show_bps(None, metrics.utilization_bps)),
        (
            "reduce-only until",
            "-" if metrics.reduce_only_until <= now else when(metrics.reduce_only_until, now),
        ),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


def _params_summary(params: RiskParameters, slot: int) -> dict[str, Any]:
    fresh = params_fresh(params, slot)
    headroom = (
        params.publish_slot + params.max_staleness_slots - slot if params.publish_slot else None
    )
    return {
        "factor_count": params.factor_count,
        "publish_slot": params.publish_slot,
        "max_staleness_slots": params.max_staleness_slots,
        "staleness_headroom_slots": headroom,
        "fresh": fresh,
        "half_life_seconds": params.half_life_seconds,
        "publisher": params.publisher,
    }


# --- commands ---------------------------------------------------------------------------


@risk_app.command("show")
def risk_show(
    ctx: typer.Context,
    index: IndexOpt = 0,
    account: AccountOpt = None,
    local: LocalOpt = False,
    json_output: JsonOpt = False,
) -> None:
    """Every risk metric of a margin account and its headroom (compute_risk)."""
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> dict[str, Any]:
        key = _account_key(client, account, index)
        risk = await read_state(client, key)
        limits = _require_limits(risk)
        if local:
            metrics = (await mirror_evaluation(client, risk)).metrics
        else:
            metrics = await chain_metrics(client, key)
        active = apply_pending(limits, risk.params, risk.unix_timestamp).active
        return {
            "margin_account": key,
            "source": "mirror" if local else "compute_risk",
            "metrics": metrics,
            "limits": limit_rows(metrics, active),
            "active": active,
            "risk_parameters": _params_summary(risk.params, risk.slot),
            "quote_decimals": await client.get_quote_decimals(),
            "unix_timestamp": risk.unix_timestamp,
        }

    data = run(state, action)

    def human(console: Console) -> None:
        metrics: RiskMetrics = data["metrics"]
        source = "SDK mirror" if data["source"] == "mirror" else "compute_risk"
        console.print(
            Group(
                metrics_table(
                    f"risk limits of {data['margin_account']} ({source})", metrics, data["active"]
                ),
                figures_table(metrics, data["quote_decimals"], data["unix_timestamp"]),
            )
        )
        params = data["risk_parameters"]
        if not params["fresh"]:
            console.print(
                "[yellow]The published risk figures are stale or missing:[/] VaR and "
                "correlated exposure show as unbounded, and orders that need them are refused."
            )

    emit(state, data, human)


@risk_app.command("limits")
def risk_limits(
    ctx: typer.Context,
    index: IndexOpt = 0,
    account: AccountOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Active and pending limits (and when the pending ones apply), caps and defaults."""
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> dict[str, Any]:
        key = _account_key(client, account, index)
        risk = await read_state(client, key)
        limits = _require_limits(risk)
        pending = limits.pending_effective_timestamp != 0
        return {
            "margin_account": key,
            "owner": limits.owner,
            "delegate": None if limits.delegate == Pubkey.default() else limits.delegate,
            "active": limits.active,
            "pending": limits.pending if pending else None,
            "pending_applies_at": limits.pending_effective_timestamp if pending else None,
            "pending_due": pending and risk.unix_timestamp >= limits.pending_effective_timestamp,
            "caps": risk.params.caps,
            "defaults": risk.params.defaults,
            "reduce_only_until": limits.reduce_only_until,
            "hwm_reset_allowed_at": _hwm_reset_at(limits),
            "unix_timestamp": risk.unix_timestamp,
        }

    data = run(state, action)

    def human(console: Console) -> None:
        now = data["unix_timestamp"]
        table = Table(title=f"risk limits of {data['margin_account']}")
        table.add_column("limit")
        table.add_column("active", justify="right")
        pending = data["pending"]
        if pending is not None:
            table.add_column("pending", justify="right")
        table.add_column("cap", justify="right")
        table.add_column("default", justify="right")
        for kind in RiskLimitKind:
            name = LIMIT_FIELDS[kind]
            cells = [_limit_cell(kind, getattr(data["active"], name))]
            if pending is not None:
                cells.append(_limit_cell(kind, getattr(pending, name)))
            cells += [
                _limit_cell(kind, getattr(data["caps"], name)),
                _limit_cell(kind, getattr(data["defaults"], name)),
            ]
            table.add_row(LABELS[kind], *cells)
        extras = [("liquidity band", "liquidity_band_bps"), ("loosening cooldown", "")]
        for label, name in extras:
            row = []
            for values in (data["active"], pending, data["caps"], data["defaults"]):
                if values is None:
                    continue
                if name:
                    row.append(_limit_cell(None, getattr(values, name)))
                else:
                    row.append(f"{values.loosen_cooldown_seconds / 3_600:g} h")
            table.add_row(label, *row)
        console.print(table)
        if pending is not None:
            console.print(
                f"Pending limits apply at {when(data['pending_applies_at'], now)}"
                + (" (due: at the account's next evaluation)" if data["pending_due"] else "")
            )
        console.print(f"Delegate: {data['delegate'] or '-'}")
        if data["reduce_only_until"] > now:
            console.print(f"[red]Reduce-only until {when(data['reduce_only_until'], now)}[/]")

    emit(state, data, human)


def _limit_cell(kind: RiskLimitKind | None, value: int) -> str:
    return "off" if value == 0 else show_bps(kind, value)


def _hwm_reset_at(limits: RiskLimits) -> int:
    """When ``reset_high_water_mark`` is allowed (0: now), as the program decides.

    A cooldown after the later of the last breach and the last reset, once either
    happened (``reset_armed``).
    """
    if not limits.reset_armed:
        return 0
    since = max(limits.last_breach_timestamp, limits.hwm_reset_timestamp)
    return since + limits.active.loosen_cooldown_seconds


def _limit_option(help_text: str) -> Any:
    return typer.Option(help=help_text)


@risk_app.command("set")
def risk_set(
    ctx: typer.Context,
    max_leverage: Annotated[
        str | None, _limit_option("Gross perp notional / equity, e.g. 3x.")
    ] = None,
    max_position: Annotated[
        str | None, _limit_option("Largest market's notional / equity, e.g. 1.5x.")
    ] = None,
    max_concentration: Annotated[
        str | None, _limit_option("Largest factor's share of gross exposure, e.g. 60%.")
    ] = None,
    max_daily_loss: Annotated[
        str | None, _limit_option("Loss since the UTC day's opening equity, e.g. 5%.")
    ] = None,
    max_drawdown: Annotated[
        str | None, _limit_option("Drop from the equity high-water mark, e.g. 20%.")
    ] = None,
    max_var: Annotated[
        str | None, _limit_option("1-day 99% parametric VaR / equity, e.g. 5%.")
    ] = None,
    max_correlated_exposure: Annotated[
        str | None, _limit_option("Correlation-weighted exposure / equity, e.g. 2x.")
    ] = None,
    max_liquidity_take: Annotated[
        str | None, _limit_option("Share of the book depth an order may take, e.g. 25%.")
    ] = None,
    liquidity_band: Annotated[
        str | None, _limit_option("The depth band around the oracle, e.g. 2%.")
    ] = None,
    cooldown: Annotated[
        str | None, typer.Option(help="How long a loosening waits, e.g. 24h (at most 30d).")
    ] = None,
    delegate: Annotated[
        str | None, typer.Option(help="A key that may also set limits ('none' to remove).")
    ] = None,
    index: IndexOpt = 0,
    account: AccountOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Set limits: tighter values apply at once; any looser one makes the request wait."""
    state = cli_state(ctx, json_output)
    given = {
        "max_leverage_bps": max_leverage,
        "max_position_bps": max_position,
        "max_concentration_bps": max_concentration,
        "max_daily_loss_bps": max_daily_loss,
        "max_drawdown_bps": max_drawdown,
        "max_var_bps": max_var,
        "max_correlated_exposure_bps": max_correlated_exposure,
        "max_liquidity_take_bps": max_liquidity_take,
        "liquidity_band_bps": liquidity_band,
    }
    changes = {
        name: parse_limit(text, OPTION_OF[name]) for name, text in given.items() if text is not None
    }
    if cooldown is not None:
        changes["loosen_cooldown_seconds"] = parse_duration(cooldown)
    new_delegate: Pubkey | None = None
    clear_delegate = delegate is not None and delegate.lower() == "none"
    if delegate is not None and not clear_delegate:
        new_delegate = parse_pubkey(delegate)

    async def action(client: KairosClient) -> dict[str, Any]:
        key = _account_key(client, account, index)
        risk = await read_state(client, key)
        existing = risk.limits
        if existing is not None:
            current = apply_pending(existing, risk.params, risk.unix_timestamp).active
        else:
            current = risk.params.defaults
        if not changes and delegate is None and existing is not None:
            raise errors.KairosError("nothing to change: name at least one limit or --delegate")
        requested = dataclasses.replace(current, **changes)
        # The program's checks, before sending: a refused request changes nothing anyway.
        check_limit_ranges(requested)
        check_limit_caps(requested, risk.params.caps)
        result: dict[str, Any]
        if existing is None:
            if account is not None and risk.account.owner != client.authority:
                raise errors.KairosError("only the owner creates an account's risk limits")
            params = CreateRiskLimitsParams(requested, index, delegate=new_delegate)
            sent = await client.send(client.risk.create_risk_limits(params))
            result = await confirmed_result(client, sent, applied="now")
        else:
            keep = None if existing.delegate == Pubkey.default() else existing.delegate
            chosen = None if clear_delegate else (new_delegate or keep)
            loosening = loosens(requested, current)
            applies_at = None
            if loosening:
                wait = tighter(requested, current).loosen_cooldown_seconds
                applies_at = risk.unix_timestamp + wait
            sent = await client.send(
                client.risk.set_risk_limits(SetRiskLimitsParams(requested, key, delegate=chosen))
            )
            result = await confirmed_result(
                client,
                sent,
                applied="after the cooldown" if loosening else "now",
                applies_at=applies_at,
                looser=[
                    name
                    for name in (*LIMIT_FIELDS, "liquidity_band_bps", "loosen_cooldown_seconds")
                    if tighter(
                        dataclasses.replace(current, **{name: getattr(requested, name)}), current
                    )
                    != dataclasses.replace(current, **{name: getattr(requested, name)})
                ],
            )
        result["requested"] = requested
        result["unix_timestamp"] = risk.unix_timestamp
        return result

    data = run(state, action)

    def human(console: Console) -> None:
        console.print(f"[bold]Signature:[/] {data['signature']}", highlight=False)
        if data["applied"] == "now":
            console.print("The limits apply now.")
        else:
            names = ", ".join(_field_label(name) for name in data["looser"])
            console.print(
                f"[yellow]Loosening[/] ({names}): the whole request waits for the cooldown "
                f"and applies at {when(data['applies_at'], data['unix_timestamp'])}; until "
                "then the current limits stay (anti-tilt: a loosening cannot be rushed)."
            )

    emit(state, data, human)


def _field_label(name: str) -> str:
    for kind in RiskLimitKind:
        if LIMIT_FIELDS[kind] == name:
            return LABELS[kind]
    return name.removesuffix("_bps").removesuffix("_seconds").replace("_", " ")


@risk_app.command("reset-hwm")
def risk_reset_hwm(ctx: typer.Context, index: IndexOpt = 0, json_output: JsonOpt = False) -> None:
    """Owner: high-water mark and day-open equity := equity (once the cooldown allows)."""
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> dict[str, Any]:
        key = client.margin_account_address(index)
        risk = await read_state(client, key)
        limits = _require_limits(risk)
        allowed = _hwm_reset_at(apply_pending(limits, risk.params, risk.unix_timestamp))
        if allowed and risk.unix_timestamp < allowed:
            raise errors.RiskCooldownActive(
                f"the high-water mark can be reset at {when(allowed, risk.unix_timestamp)}, "
                "one cooldown after the last breach or reset"
            )
        sent = await client.send(client.risk.reset_high_water_mark(ResetHighWaterMarkParams(index)))
        return await confirmed_result(client, sent)

    data = run(state, action)
    emit(state, data, lambda console: console.print(f"[bold]Signature:[/] {data['signature']}"))


@risk_app.command("check")
def risk_check(
    ctx: typer.Context,
    market: MarketArg,
    side: SideArg,
    size: Annotated[str, typer.Argument(help="Size in base units (e.g. 1.5).")],
    index: IndexOpt = 0,
    json_output: JsonOpt = False,
) -> None:
    """Would this order pass the account's risk limits? Says which limit it breaks (exit 1)."""
    state = cli_state(ctx, json_output)
    chosen_side = parse_side(side)
    amount = parse_decimal(size, "size")
    if amount <= 0:
        raise typer.BadParameter(f"size {size} must be positive (the side says the direction)")

    async def action(client: KairosClient) -> dict[str, Any]:
        key = client.margin_account_address(index)
        risk = await read_state(client, key)
        found = await client.find_perp_market(market_key(market))
        from kairos.math.orderbook import MarketUnits

        lots = MarketUnits.of(found, await client.get_quote_decimals()).decimal_to_lots(amount)
        if lots <= 0:
            raise errors.KairosError(f"size {size} is below one lot")
        evaluation = await mirror_evaluation(
            client, risk, increasing=True, order=(found, chosen_side, lots)
        )
        active = evaluation.limits.active
        return {
            "margin_account": key,
            "market": found.name_str,
            "side": chosen_side,
            "lots": lots,
            "passes": evaluation.error is None,
            "error": None if evaluation.error is None else evaluation.error.__name__,
            "explanation": explain(evaluation),
            "limits": limit_rows(evaluation.metrics, active),
            "metrics": evaluation.metrics,
            "active": active,
        }

    data = run(state, action)
    if not data["passes"]:
        fail(
            state,
            str(data["explanation"]),
            {"name": data["error"], "limits": data["limits"]},
        )

    def human(console: Console) -> None:
        console.print(
            metrics_table(
                f"{data['market']}: {data['side'].name.lower()} {size} would pass",
                data["metrics"],
                data["active"],
            )
        )

    emit(state, data, human)
