"""Compute units per instruction of the Kairos program, measured in LiteSVM.

Builds the program, deploys it into a fresh LiteSVM, runs every instruction in
the situations that matter for its cost (a resting order, a market order
crossing 1, 4 and 16 makers, the crank over 1, 8 and 16 fills, ...) and prints
one table. The figure is the program's own consumption as the runtime logs it
("Program <id> consumed N of M compute units"), CPIs included, without the
other instructions of the transaction (e.g. the client's create_account calls
before create_perp_market). Budgets asserted by the tests are shown beside.

The setup reuses the program tests' harness (tests/programs/kairos/conftest.py
and perp/conftest.py), so the vault invariant is checked after every step here
too.

    python benchmarks/compute_units.py
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from anchorpy import Program, Provider, Wallet  # noqa: E402
from kairos.localnet.svm import make_svm  # noqa: E402
from kairos.program import PROGRAM_ID, load_idl  # noqa: E402
from kairos.toolchain.build import build_program  # noqa: E402
from kairos.toolchain.deploy import deploy_program  # noqa: E402
from solana.rpc.async_api import AsyncClient  # noqa: E402
from solders.instruction import Instruction  # noqa: E402
from solders.keypair import Keypair  # noqa: E402
from solders.transaction_metadata import TransactionMetadata  # noqa: E402

from tests.programs.kairos.conftest import (  # noqa: E402
    LAMPORTS_PER_SOL,
    Chain,
    Kairos,
    instruction_index,
)
from tests.programs.kairos.perp.conftest import ASK, BID, MARKET, Perp  # noqa: E402
from tests.programs.kairos.twap.orders_harness import CRON, Orders  # noqa: E402

CONSUMED = re.compile(rf"^Program {PROGRAM_ID} consumed (\d+) of \d+ compute units$")
# Budgets the tests assert (tests/programs/kairos/perp/, the brief's figures).
BUDGETS = {
    "place_order: resting limit": 25_000,
    "place_order: market, crosses 4 makers": 60_000,
    "consume_events: 8 fills": 40_000,
    "execute_twap_slice: crosses 4 makers": 60_000,
    "execute_scheduled_order: cron run, 1 maker": 60_000,
}


@dataclass
class Row:
    label: str
    compute_units: int


@dataclass
class RecordingChain(Chain):
    """A Chain that keeps the program's compute units of every successful send."""

    last: list[int] = field(default_factory=list)

    def send(self, instructions: list[Instruction], signers: list[Keypair]) -> TransactionMetadata:
        meta = super().send(instructions, signers)
        self.last = [int(m.group(1)) for line in meta.logs() if (m := CONSUMED.match(line))]
        return meta


def new_chain() -> RecordingChain:
    svm = make_svm()
    payer = Keypair()
    svm.airdrop(payer.pubkey(), 10_000 * LAMPORTS_PER_SOL)
    keypair = Keypair.from_bytes(
        bytes(json.loads((ROOT / "programs/kairos/kairos-keypair.json").read_text()))
    )
    deploy_program(svm, payer, keypair, build_program(ROOT).read_bytes())
    provider = Provider(AsyncClient("http://127.0.0.1:1"), Wallet(payer))
    return RecordingChain(svm, payer, Program(load_idl(), PROGRAM_ID, provider))


def measure() -> list[Row]:
    chain = new_chain()
    rows: list[Row] = []

    def record(label: str) -> None:
        assert len(chain.last) == 1, f"{label}: expected one program instruction, got {chain.last}"
        rows.append(Row(label, chain.last[0]))

    kairos = Kairos(chain)
    # Kairos() sent initialize_exchange last (then only read state).
    record("initialize_exchange")
    kairos.set_gate(1 << instruction_index("compute_health"))
    record("set_instruction_gate")
    kairos.set_gate(0)

    asset = kairos.add_asset(decimals=9, price=20)
    # add_asset sent create_oracle, then add_collateral_asset.
    record("add_collateral_asset")
    oracle = kairos.create_oracle(100)
    record("create_oracle")
    kairos.update_oracle(oracle, 100)
    record("update_oracle")

    perp = Perp(kairos)
    market, _ = perp.create_market(oracle)
    record("create_perp_market")

    trader = kairos.new_trader()
    record("create_margin_account")
    kairos.deposit(trader, kairos.quote, 50_000_000)
    record("deposit: quote")
    kairos.deposit(trader, asset, 10**9)
    record("deposit: collateral asset (new slot)")

    perp.place(trader, market, BID, 95, 10, client_order_id=1)
    record("place_order: resting limit")
    perp.place(trader, market, BID, 94, 10, client_order_id=2)
    record("place_order: resting limit, position open")
    kairos.send([perp.cancel_order_ix(trader, market, 1)], [trader.owner])
    record("cancel_order: by order id")
    kairos.send([perp.cancel_order_ix(trader, market, 2, is_client_id=True)], [trader.owner])
    record("cancel_order: by client order id")

    for _ in range(8):
        perp.place(trader, market, BID, 90, 1)
        perp.place(trader, market, ASK, 110, 1)
    kairos.send([perp.cancel_all_ix(trader, market)], [trader.owner])
    record("cancel_all_orders: 16 orders")

    makers = [perp.trader() for _ in range(16)]
    for count, label in [(1, "1 maker"), (4, "4 makers"), (16, "16 makers")]:
        for i, maker in enumerate(makers[:count]):
            perp.place(maker, market, ASK, 101 + i, 2)
        perp.place(trader, market, BID, 101 + count, 2 * count, order_type=MARKET)
        record(f"place_order: market, crosses {label}")
        perp.consume(market, makers=[m.margin for m in makers[:count]])
        record(f"consume_events: {count} fill{'s' if count > 1 else ''}")

    for i, maker in enumerate(makers[:8]):
        perp.place(maker, market, ASK, 101 + i, 2)
    perp.place(trader, market, BID, 110, 16, order_type=MARKET)
    perp.consume(market, makers=[m.margin for m in makers[:8]])
    record("consume_events: 8 fills")

    perp.place(trader, market, ASK, 120, 1)
    perp.place(makers[0], market, ASK, 121, 1)
    perp.place(trader, market, BID, 121, 1, order_type=MARKET)
    record("place_order: self-trade cancel + 1 fill")

    kairos.update_oracle(oracle, 105)
    perp.settle(makers[0].margin, market)
    record("settle_pnl: loss into the pool")
    perp.settle(trader.margin, market)
    record("settle_pnl: profit from the pool")

    kairos.compute_health(trader.margin)
    record("compute_health: 1 asset, 1 perp")
    kairos.withdraw(trader, kairos.quote, 1_000)
    record("withdraw: quote, health with 1 asset, 1 perp")

    empty = kairos.new_trader()
    kairos.send([kairos.close_margin_account_ix(empty.margin, empty.owner.pubkey())], [empty.owner])
    record("close_margin_account")
    measure_twap_and_scheduled(perp, market, record)
    return rows


def measure_twap_and_scheduled(perp: Perp, market: Any, record: Callable[[str], None]) -> None:
    """Issue 7: TWAP slices and scheduled runs (tests/programs/kairos/twap, scheduled)."""
    orders = Orders(perp, market)
    kairos = perp.kairos
    kairos.refresh_oracles()
    trader = perp.trader()
    twap = orders.create_twap(trader, twap_id=90, limit_price=200, slice_count=2, total_base_lots=8)
    record("create_twap_order")
    for _ in range(4):
        orders.liquidity(1, 120)
    orders.warp_seconds(orders.chain.decode(twap).start_time - orders.now())
    orders.execute_slice(twap, orders.keeper())
    record("execute_twap_slice: crosses 4 makers")
    orders.warp_seconds(60)
    orders.execute_slice(twap, orders.keeper())
    record("execute_twap_slice: no liquidity in limit (empty slice)")
    kairos.send([orders.cancel_twap_ix(twap, trader.owner)], [trader.owner])
    record("cancel_twap_order")
    schedule = orders.create_schedule(
        trader,
        kind=CRON,
        cron="*/5 * * * *",
        schedule_id=91,
        max_runs=10,
        order={"max_base_lots": 1, "price": 200},
    )
    record("create_scheduled_order: cron")
    orders.liquidity(1, 120)
    orders.warp_seconds(orders.chain.decode(schedule).next_run_time - orders.now())
    orders.execute_schedule(schedule, orders.keeper())
    record("execute_scheduled_order: cron run, 1 maker")


def main() -> None:
    rows = measure()
    width = max(len(row.label) for row in rows)
    print(f"{'instruction':<{width}}  {'CU':>7}  {'budget':>7}")
    print(f"{'-' * width}  {'-' * 7}  {'-' * 7}")
    for row in rows:
        budget = BUDGETS.get(row.label)
        shown = f"{budget:>7,}" if budget else f"{'':>7}"
        print(f"{row.label:<{width}}  {row.compute_units:>7,}  {shown}")


if __name__ == "__main__":
    main()
