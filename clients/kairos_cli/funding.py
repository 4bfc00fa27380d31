"""Funding commands: market view, crank and admin parameters.

``kairos market funding <MARKET>`` shows the market's current and predicted rate,
TWAPs, parameters and, with ``--account``, a position's pending funding;
``kairos crank update-funding <MARKET>`` and ``kairos admin funding-params`` send.

Rates are per funding period, shown as percentages of the oracle price; the raw
figures (``FUNDING_INDEX_ONE`` units, quote native per lot) are in ``--json``.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

import typer
from kairos.accounts import PerpMarket
from kairos.client import KairosClient
from kairos.constants import BPS_DENOMINATOR, FUNDING_INDEX_ONE
from kairos.params import SetFundingParams, UpdateFundingParams
from rich.console import Console

from kairos_cli.common import (
    IndexOpt,
    JsonOpt,
    MarketArg,
    Outgoing,
    admin_app,
    cli_state,
    crank_app,
    emit,
    field_table,
    market_app,
    market_key,
    optional_pubkey,
    run,
    transact_on_market,
)


def _percent(rate: int) -> str:
    """A rate in FUNDING_INDEX_ONE units as a percentage (display only)."""
    return f"{rate * 100 / FUNDING_INDEX_ONE:.6f}%"


@market_app.command("funding")
def market_funding(
    ctx: typer.Context,
    market: MarketArg,
    account: Annotated[
        str | None, typer.Option(help="A margin account: show its pending funding too.")
    ] = None,
    json_output: JsonOpt = False,
) -> None:
    """A market's funding: current and predicted rate, TWAPs, next roll, parameters."""
    state = cli_state(ctx, json_output)
    account_key = optional_pubkey(account)

    async def action(client: KairosClient) -> dict[str, Any]:
        found = await client.find_perp_market(market_key(market))
        view = await client.funding.view(found.index)
        data: dict[str, Any] = {"market": found.name_str, **dataclasses.asdict(view)}
        if account_key is not None:
            data["account"] = account_key
            data["pending_funding"] = await client.funding.pending(
                found.index, margin_account=account_key
            )
        return data

    data = run(state, action)

    def human(console: Console) -> None:
        table = field_table(f"{data['market']} funding", bold=False)
        period = data["period_seconds"]
        rows = [
            (
                "status",
                "paused" if data["paused"] else ("running" if data["started"] else "not started"),
            ),
            ("current rate / period", _percent(data["current_rate"])),
            (
                "predicted next rate",
                _percent(data["predicted_rate"])
                + (" (clamped)" if data["predicted_clamped"] else ""),
            ),
            ("period", f"{period} s"),
            ("next roll (unix)", str(data["next_roll_time"])),
            ("mark / oracle now (per lot)", f"{data['mark_now']} / {data['oracle_now']}"),
            ("mark / oracle TWAP (per lot)", f"{data['mark_twap']} / {data['oracle_twap']}"),
            ("rate clamp / period", f"{data['max_rate_bps'] * 100 / BPS_DENOMINATOR:.2f}%"),
            ("mark band", f"{data['mark_band_bps'] * 100 / BPS_DENOMINATOR:.2f}%"),
            ("funding index", str(data["funding_index"])),
            ("crank reward (quote native)", str(data["crank_reward"])),
        ]
        if "pending_funding" in data:
            rows.append(("pending funding (quote native)", str(data["pending_funding"])))
        for name, value in rows:
            table.add_row(name, value)
        console.print(table)

    emit(state, data, human)


@crank_app.command("update-funding")
def crank_update_funding(
    ctx: typer.Context,
    market: MarketArg,
    reward_index: IndexOpt = 0,
    json_output: JsonOpt = False,
) -> None:
    """Sample a market's funding TWAPs and roll its rate when the period has ended."""
    state = cli_state(ctx, json_output)

    def build(client: KairosClient, found: PerpMarket) -> Outgoing:
        return Outgoing(
            client.funding.update(
                UpdateFundingParams(
                    found.index, reward_account=client.margin_account_address(reward_index)
                )
            )
        )

    transact_on_market(state, market, build)


@admin_app.command("funding-params")
def admin_funding_params(
    ctx: typer.Context,
    market: MarketArg,
    period: Annotated[int, typer.Option(help="Seconds between rolls (60-86400).")] = 3_600,
    max_rate_bps: Annotated[int, typer.Option(help="Clamp of the rate per period, bps.")] = 50,
    mark_band_bps: Annotated[int, typer.Option(help="Mark band around the oracle, bps.")] = 500,
    paused: Annotated[bool, typer.Option(help="Rolls move no funding.")] = False,
    crank_reward: Annotated[int, typer.Option(help="Quote native per roll, from fees.")] = 0,
    json_output: JsonOpt = False,
) -> None:
    """Admin: a market's funding period, rate clamp, mark band, pause and crank reward."""
    state = cli_state(ctx, json_output)

    def build(client: KairosClient, found: PerpMarket) -> Outgoing:
        return Outgoing(
            client.admin.set_funding_params(
                SetFundingParams(
                    found.index,
                    period_seconds=period,
                    max_rate_bps=max_rate_bps,
                    mark_band_bps=mark_band_bps,
                    paused=paused,
                    crank_reward=crank_reward,
                )
            )
        )

    transact_on_market(state, market, build)
