"""Funding on random order flows, through liquidation and under the instruction gate.

The property: at every roll each account is charged for the lots it holds, its maker
fills still in the event queue included (invariant 3 of funding/funding.h); what it
settles (Σ of its FundingPaid) is that exact amount with each charge rounded up, so
it lies in [exact, exact + charges); the market's funding_settled_net is the sum of
every settlement and, with every position settled, ≥ 0 (the residue left in the pnl
pool). `Kairos.send` asserts the vault invariant
after every step.
"""

from __future__ import annotations

import random
from collections import defaultdict
from fractions import Fraction

import pytest
from solders.pubkey import Pubkey

from ..conftest import ERRORS, Kairos, Trader
from ..liquidation.conftest import Liquidation
from ..perp.conftest import WIDEST_BAND_BPS, Market
from .conftest import ASK, BID, HOUR, MARKET, ONE, Funding, events_named


def effective_lots(funding: Funding, market: Market, traders: list[Trader]) -> dict[Pubkey, int]:
    """Each account's lots for funding now: applied base plus its queued maker fills."""
    lots: dict[Pubkey, int] = {}
    for trader in traders:
        position = funding.perp.position(trader.margin, market)
        lots[trader.margin] = position.base_lots if position is not None else 0
    for event in funding.perp.queued_events(market):
        if event.event_type == 0:  # a fill (Out events carry no trade)
            signed = event.base_lots if event.taker_side == ASK else -event.base_lots
            lots[event.maker] += signed
    return lots


@pytest.mark.parametrize("seed", [20_261_207, 7, 1_515])
def test_random_flows_charge_every_account_its_exact_funding(
    funding: Funding, market: Market, seed: int
) -> None:
    rng = random.Random(seed)
    traders = [funding.perp.trader(10**9) for _ in range(5)]
    quoter = funding.perp.trader(10**9)
    everyone = [*traders, quoter]  # takers may hit the quoter's orders too
    exact: dict[Pubkey, Fraction] = defaultdict(Fraction)
    paid: dict[Pubkey, int] = defaultdict(int)
    # Charges that may round: per transaction, one for the account's position (later
    # ones in the same transaction see no index change) plus one per queued maker
    # fill of the account that the transaction consumes (invariant 3).
    roundings: dict[Pubkey, int] = defaultdict(int)

    def record(meta: object, *accounts: Pubkey) -> None:
        for event in events_named(funding.chain, meta, "FundingPaid"):
            paid[event.margin_account] += event.amount
        for key in accounts:
            roundings[key] += 1

    def consume() -> None:
        makers = [event.maker for event in funding.perp.queued_events(market)]
        record(funding.perp.consume(market), *makers, *set(makers))

    funding.roll(market)
    rolls = 0
    queued_at_rolls = 0
    while rolls < 10:
        action = rng.random()
        maker, taker = rng.sample(traders, 2)
        price = rng.randrange(95, 106)
        if action < 0.45:
            lots = rng.randrange(1, 50)
            record(
                funding.perp.place(maker, market, rng.choice((BID, ASK)), price, lots),
                maker.margin,
            )
            side = rng.choice((BID, ASK))
            worst = 200 if side == BID else 1
            try:
                record(
                    funding.perp.place(taker, market, side, worst, lots, order_type=MARKET),
                    taker.margin,
                )
            except AssertionError:
                pass  # nothing to take on that side (NoFill): the order failed as a whole
        elif action < 0.6:
            consume()
        elif action < 0.7:
            holder = rng.choice(traders)
            if funding.perp.position(holder.margin, market) is not None:
                record(funding.perp.settle(holder.margin, market), holder.margin)
        elif action < 0.8:
            # Move the book around the oracle: the premium changes sign and size.
            funding.perp.kairos.send([funding.perp.cancel_all_ix(quoter, market)], [quoter.owner])
            mid = rng.randrange(97, 104)
            # (the quotes may cross resting orders: their fills settle funding too)
            record(funding.perp.place(quoter, market, BID, mid - 1, 1), quoter.margin)
            record(funding.perp.place(quoter, market, ASK, mid + 1, 1), quoter.margin)
        else:
            funding.warp(HOUR, market)
            # A fill from before the previous roll must be consumed first.
            state = funding.market(market)
            queued = funding.perp.queued_events(market)
            if queued and queued[0].seq < state.funding_roll_seq:
                consume()
            lots = effective_lots(funding, market, everyone)
            assert sum(lots.values()) == 0
            queued_at_rolls += len(funding.perp.queued_events(market))
            event = funding.roll(market)
            for key, held in lots.items():
                exact[key] += Fraction(held * event.delta, ONE)
            rolls += 1
    consume()
    for trader in everyone:
        if funding.perp.position(trader.margin, market) is not None:
            record(funding.perp.settle(trader.margin, market), trader.margin)
    assert sum(exact.values()) == 0
    for trader in everyone:
        key = trader.margin
        # Never less than its exact funding (no side is ever short-changed), more
        # only by the rounding of its charges.
        assert exact[key] <= paid[key] < exact[key] + roundings[key], key
    net = funding.market(market).funding_settled_net
    assert net == sum(paid.values())
    assert 0 <= net < sum(roundings.values())
    # The flow exercised what it is about: funding moved, and maker fills waited in
    # the queue across rolls (charged at consumption, invariant 3).
    assert any(value != 0 for value in exact.values())
    assert queued_at_rolls > 0


def test_funding_can_make_an_account_liquidatable_and_liquidation_settles_it(
    funding: Funding, kairos: Kairos, market: Market
) -> None:
    liq = Liquidation(kairos, funding.perp)
    long, short = funding.perp.trader(1_500), funding.perp.trader(10**8)
    funding.open_pair(market, long, short, 100, 100)  # 10,000 notional on 1,000 margin
    funding.set_params(market, max_rate_bps=10_000, band_bps=10_000)
    funding.perp.set_order_rules(market, WIDEST_BAND_BPS, WIDEST_BAND_BPS)  # a bid at 195 rests
    maker = funding.perp.trader(10**9)
    funding.perp.place(maker, market, BID, 195, 1)  # a 95 % premium: ~3.96 per lot an hour
    funding.roll(market)
    assert kairos.compute_health(long.margin)[1] > 0
    hours = 0
    while kairos.compute_health(long.margin)[1] >= 0:
        funding.warp(HOUR, market)
        funding.roll(market)
        hours += 1
        assert hours < 48
    # Nothing traded and the oracle did not move: funding alone took the margin.
    breakdown = liq.breakdown(long.margin)
    assert kairos.compute_health(long.margin) == (breakdown.init, breakdown.maint)
    liquidator = funding.perp.trader(10**8)
    meta = kairos.send([liq.liquidate_perp_ix(long.margin, liquidator, market)], [liquidator.owner])
    paid = events_named(funding.chain, meta, "FundingPaid")
    assert [(p.margin_account, p.amount > 0) for p in paid][:1] == [(long.margin, True)]
    index = funding.market(market).funding_index
    assert funding.position(long, market).funding_index_snapshot == index


def test_the_gate_halts_the_crank(funding: Funding, kairos: Kairos, market: Market) -> None:
    funding.roll(market)
    kairos.halt("update_funding")
    funding.warp(HOUR, market)
    kairos.fail_unchanged(
        [funding.update_ix(market)], [funding.chain.payer], ERRORS["InstructionHalted"]
    )
    kairos.set_gate(0)
    assert funding.roll(market).elapsed_seconds == HOUR
