"""Property: no sequence of trades by colluding accounts creates money (issue 11, part 1).

Hypothesis draws sequences of orders (limit and market, at any price from 1 to
3 × the oracle), cancels, cranks, settlements and withdrawals by four accounts,
two of them a colluding pair, on a fresh exchange per example. Any step may be
refused. After every step that lands, the vault invariant holds (checked by
`Kairos.check_invariants`), and after the crank the sum over accounts of what
each could ever withdraw (its equity at the oracle, when positive) never
exceeds what the quote vault holds: an off-market fill that left one side with
a debt the other side withdrew would break it. The oracle stays fixed, so no
loss can come from the market itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from anchorpy import Program, Provider, Wallet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kairos.program import PROGRAM_ID, load_idl
from kairos_localnet.svm import make_svm
from kairos_toolchain.deploy import deploy_program
from solana.rpc.async_api import AsyncClient
from solders.keypair import Keypair
from solders.transaction_metadata import TransactionMetadata

from ..conftest import Chain, Kairos, Trader
from .conftest import ASK, BID, LIMIT, MARKET, ORACLE_PRICE, Market, Perp

LAMPORTS_PER_SOL = 1_000_000_000
DEPOSITS = (20_000, 20_000, 20_000, 500_000)  # the pair (0, 1), a third trader, a depositor


@dataclass(frozen=True)
class Step:
    kind: str
    actor: int
    side: int = BID
    price: int = ORACLE_PRICE
    lots: int = 1


prices = st.integers(min_value=1, max_value=3 * ORACLE_PRICE)
steps = st.one_of(
    st.builds(
        Step,
        kind=st.sampled_from(["limit", "market"]),
        actor=st.integers(0, 3),
        side=st.sampled_from([BID, ASK]),
        price=prices,
        lots=st.integers(1, 400),
    ),
    st.builds(
        Step, kind=st.sampled_from(["cancel", "settle", "withdraw"]), actor=st.integers(0, 3)
    ),
)


def fresh_exchange(program_so: bytes, program_keypair: Keypair) -> tuple[Perp, Market]:
    svm = make_svm()
    payer = Keypair()
    svm.airdrop(payer.pubkey(), 1_000 * LAMPORTS_PER_SOL)
    deploy_program(svm, payer, program_keypair, program_so)
    provider = Provider(AsyncClient("http://127.0.0.1:1"), Wallet(payer))
    perp = Perp(Kairos(Chain(svm, payer, Program(load_idl(), PROGRAM_ID, provider))))
    market, _ = perp.create_market()
    return perp, market


def equity(perp: Perp, trader: Trader) -> int:
    account = perp.kairos.margin(trader.margin)
    value = account.quote_balance
    for position in account.perp_positions:
        if position.active:
            value += position.quote_position + position.base_lots * ORACLE_PRICE
    return int(value)


def run_step(perp: Perp, market: Market, traders: list[Trader], step: Step) -> None:
    trader = traders[step.actor]
    if step.kind == "collude":
        worst = 1 if step.side == BID else 10 * ORACLE_PRICE
        run_step(perp, market, traders, Step("limit", step.actor, step.side, step.price, step.lots))
        run_step(
            perp, market, traders, Step("market", 1 - step.actor, 1 - step.side, worst, step.lots)
        )
        return
    if step.kind in ("limit", "market"):
        order_type = LIMIT if step.kind == "limit" else MARKET
        ixs = [
            perp.place_order_ix(
                trader, market, step.side, step.price, step.lots, order_type=order_type
            )
        ]
    elif step.kind == "cancel":
        ixs = [perp.cancel_all_ix(trader, market)]
    elif step.kind == "settle":
        ixs = [perp.settle_pnl_ix(trader.margin, market)]
    else:
        balance = perp.kairos.margin(trader.margin).quote_balance
        if balance <= 0:
            return
        ixs = [perp.kairos.withdraw_ix(trader, perp.kairos.quote, balance)]
    signer = perp.chain.payer if step.kind == "settle" else trader.owner
    result = perp.chain.try_send(ixs, [signer])
    if isinstance(result, TransactionMetadata):
        perp.kairos.check_invariants()


def crank(perp: Perp, market: Market) -> None:
    while perp.queued_events(market):
        perp.consume(market)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=st.lists(steps, min_size=4, max_size=14))
def test_no_sequence_creates_withdrawable_money(
    program_so: bytes, program_keypair: Keypair, sequence: list[Step]
) -> None:
    perp, market = fresh_exchange(program_so, program_keypair)
    traders = [perp.trader(deposit) for deposit in DEPOSITS]
    # The pair starts with a position between them, as in the reported attack.
    perp.place(traders[1], market, ASK, ORACLE_PRICE, 150)
    perp.place(traders[0], market, BID, ORACLE_PRICE, 150, order_type=MARKET)
    for step in sequence:
        run_step(perp, market, traders, step)
        crank(perp, market)
        vault = perp.chain.token_amount(perp.kairos.exchange.quote_vault)
        claims = sum(max(0, equity(perp, trader)) for trader in traders)
        assert claims <= vault, (step, claims, vault)
