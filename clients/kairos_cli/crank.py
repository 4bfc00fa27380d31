"""`kairos crank` and `kairos settle-pnl`: permissionless cranks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from kairos.params import ConsumeEventsParams, SettlePnlParams

if TYPE_CHECKING:
    from kairos.client import KairosClient

from kairos.accounts import PerpMarket

from kairos_cli.common import (
    AddressOpt,
    IndexOpt,
    JsonOpt,
    MarginAccountRef,
    MarketArg,
    Outgoing,
    OwnerOpt,
    app,
    cli_state,
    crank_app,
    transact_on_market,
)


@crank_app.command("consume-events")
def crank_consume_events(
    ctx: typer.Context,
    market: MarketArg,
    limit: Annotated[int, typer.Option(help="Most events to apply.")] = 16,
    max_makers: Annotated[int, typer.Option(help="Most maker accounts to pass.")] = 20,
    json_output: JsonOpt = False,
) -> None:
    """Apply queued maker fills (the wallet earns the keeper reward)."""
    state = cli_state(ctx, json_output)

    def build(client: KairosClient, found: PerpMarket) -> Outgoing:
        return Outgoing(
            client.orders.consume_events(
                ConsumeEventsParams(found.index, limit=limit, max_makers=max_makers)
            )
        )

    transact_on_market(state, market, build)


@app.command("settle-pnl")
def settle_pnl(
    ctx: typer.Context,
    market: MarketArg,
    index: IndexOpt = 0,
    owner: OwnerOpt = None,
    address: AddressOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Settle a position's PnL at the oracle price (permissionless)."""
    state = cli_state(ctx, json_output)
    account_ref = MarginAccountRef.parse(index, owner, address)

    def build(client: KairosClient, found: PerpMarket) -> Outgoing:
        key = account_ref.key(client)
        return Outgoing(client.margin.settle_pnl(SettlePnlParams(found.index, margin_account=key)))

    transact_on_market(state, market, build)


# --- token helpers ------------------------------------------------------------------------
