"""`kairos crank` and `kairos settle-pnl`: permissionless cranks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from kairos.params import ConsumeEventsParams, SettlePnlParams

if TYPE_CHECKING:
    from kairos.client import KairosClient

from kairos_cli.common import (
    AddressOpt,
    IndexOpt,
    JsonOpt,
    MarketArg,
    Outgoing,
    OwnerOpt,
    app,
    cli_state,
    crank_app,
    market_key,
    owner_option,
    parse_pubkey,
    transact,
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

    async def action(client: KairosClient) -> Outgoing:
        found = await client.find_perp_market(market_key(market))
        return Outgoing(
            client.orders.consume_events(
                ConsumeEventsParams(found.index, limit=limit, max_makers=max_makers)
            )
        )

    transact(state, action)


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
    owner_key, address_key = owner_option(owner), parse_pubkey(address) if address else None

    async def action(client: KairosClient) -> Outgoing:
        found = await client.find_perp_market(market_key(market))
        key = address_key or client.margin_account_address(index, owner_key)
        return Outgoing(client.margin.settle_pnl(SettlePnlParams(found.index, margin_account=key)))

    transact(state, action)


# --- token helpers ------------------------------------------------------------------------
