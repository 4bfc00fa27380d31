"""``kairos borrow``: the quote borrow rate, its curve and the interest crank.

A negative quote balance is a borrow (docs/ARCHITECTURE.md, "Borrow interest");
these commands show the quote asset's borrowing (index, utilization, rate), set
the rate curve (admin), and checkpoint accounts' interest (permissionless).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

import typer
from kairos.accounts import MarginAccount, fetch_all_accounts
from kairos.client import KairosClient
from kairos.constants import BORROW_INDEX_ONE, BPS_DENOMINATOR
from kairos.params import AccrueBorrowInterestParams, SetBorrowRateParams
from rich.console import Console
from solders.pubkey import Pubkey

from kairos_cli.common import (
    JsonOpt,
    Outgoing,
    app,
    cli_state,
    confirmed_result,
    emit,
    emit_transaction,
    field_table,
    parse_pubkey,
    run,
    text,
    transact,
    ui,
)

borrow_app = typer.Typer(help="Quote borrowing: rates and interest.", no_args_is_help=True)
app.add_typer(borrow_app, name="borrow")

# accrue_borrow_interest accounts per transaction: 2 named + this many margin
# accounts stay well inside the 1,232-byte transaction limit.
ACCRUE_BATCH = 20

BpsOpt = Annotated[int, typer.Option(min=0, max=0xFFFF, help="Yearly rate, bps.")]


def _percent(bps: int) -> str:
    return f"{bps * 100 / BPS_DENOMINATOR:.2f}%"


@borrow_app.command("show")
def borrow_show(ctx: typer.Context, json_output: JsonOpt = False) -> None:
    """The quote asset's borrowing: index (rolled to the cluster clock), totals, rate, curve."""
    state = cli_state(ctx, json_output)

    async def action(client: KairosClient) -> dict[str, Any]:
        borrow = await client.borrow.state()
        quote = await client.get_collateral_asset(await client.quote_mint())
        decimals = quote.decimals
        return {
            # Human units for the table (--json keeps the native integers too).
            "total_borrows_ui": ui(borrow.total_borrows, decimals),
            "total_deposits_ui": ui(borrow.total_deposits, decimals),
            "interest_pending_insurance_ui": ui(borrow.interest_pending, decimals),
            "borrow_index_ui": Decimal(borrow.borrow_index) / BORROW_INDEX_ONE,
            "borrow_index": borrow.borrow_index,
            "total_borrows": borrow.total_borrows,
            "total_deposits": borrow.total_deposits,
            "utilization_bps": borrow.utilization_bps,
            "borrow_rate_bps": borrow.borrow_rate_bps,
            "interest_pending_insurance": borrow.interest_pending,
            "curve": {
                "base_rate_bps": quote.borrow_rate_base_bps,
                "optimal_rate_bps": quote.borrow_rate_optimal_bps,
                "max_rate_bps": quote.borrow_rate_max_bps,
                "optimal_utilization_bps": quote.borrow_optimal_utilization_bps,
            },
        }

    data = run(state, action)

    def human(console: Console) -> None:
        table = field_table("Quote borrowing")
        curve = data["curve"]
        table.add_row("utilization", _percent(data["utilization_bps"]))
        table.add_row("borrow rate (yearly)", _percent(data["borrow_rate_bps"]))
        table.add_row("total borrows (quote)", text(data["total_borrows_ui"]))
        table.add_row("total deposits (quote)", text(data["total_deposits_ui"]))
        table.add_row("borrow index", text(data["borrow_index_ui"]))
        table.add_row("interest owed to insurance", text(data["interest_pending_insurance_ui"]))
        table.add_row(
            "curve",
            f"{_percent(curve['base_rate_bps'])} → {_percent(curve['optimal_rate_bps'])} at "
            f"{_percent(curve['optimal_utilization_bps'])} → {_percent(curve['max_rate_bps'])}",
        )
        console.print(table)

    emit(state, data, human)


@borrow_app.command("rates")
def borrow_rates(
    ctx: typer.Context,
    base: Annotated[int, typer.Option("--base", min=0, max=0xFFFF, help="Rate at 0%, bps.")],
    optimal: Annotated[
        int, typer.Option("--optimal", min=0, max=0xFFFF, help="Rate at the kink, bps.")
    ],
    maximum: Annotated[int, typer.Option("--max", min=0, max=0xFFFF, help="Rate at 100%, bps.")],
    kink: Annotated[
        int, typer.Option("--kink", min=1, max=BPS_DENOMINATOR - 1, help="Kink utilization, bps.")
    ],
    json_output: JsonOpt = False,
) -> None:
    """Admin: set the borrow rate curve (yearly bps, linear between the points)."""
    state = cli_state(ctx, json_output)

    transact(
        state,
        lambda client: Outgoing(
            client.admin.set_borrow_rate_params(
                SetBorrowRateParams(
                    base_rate_bps=base,
                    optimal_rate_bps=optimal,
                    max_rate_bps=maximum,
                    optimal_utilization_bps=kink,
                )
            ),
            base=base,
            optimal=optimal,
            max=maximum,
            kink=kink,
        ),
    )


async def borrowers(client: KairosClient) -> list[Pubkey]:
    """Margin accounts that owe (negative quote balance) or still record a borrow."""
    accounts: list[tuple[Pubkey, MarginAccount]] = await fetch_all_accounts(
        client.connection, MarginAccount, program_id=client.program_id
    )
    return [
        address
        for address, account in accounts
        if account.quote_balance < 0 or account.borrow_principal != 0
    ]


@borrow_app.command("accrue")
def borrow_accrue(
    ctx: typer.Context,
    accounts: Annotated[
        list[str] | None,
        typer.Argument(help="Margin accounts to checkpoint (default: every borrower)."),
    ] = None,
    json_output: JsonOpt = False,
) -> None:
    """Checkpoint borrow interest (permissionless): charged to each account, owed to insurance."""
    state = cli_state(ctx, json_output)
    keys = [parse_pubkey(account) for account in accounts or []]

    async def action(client: KairosClient) -> dict[str, Any]:
        targets = keys or await borrowers(client)
        signatures: list[str] = []
        events: list[Any] = []
        for start in range(0, len(targets), ACCRUE_BATCH):
            batch = targets[start : start + ACCRUE_BATCH]
            confirmed = await confirmed_result(
                client,
                await client.send(client.borrow.accrue_interest(AccrueBorrowInterestParams(batch))),
            )
            signatures.append(str(confirmed["signature"]))
            events += confirmed.get("events", [])
        accounts = [str(key) for key in targets]
        return {"accounts": accounts, "signatures": signatures, "events": events}

    emit_transaction(state, run(state, action))
