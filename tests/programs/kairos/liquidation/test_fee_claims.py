"""Who owes what out of a market's fees, and lamports moved to oneself (issue 11, part 5).

- sweep_fees_to_insurance swept every accrued fee, including the maker rebates
  that fills still waiting in the event queue would pay out of them: after the
  crank, fees_accrued went negative. It now leaves those rebates.
- resolve_bankruptcy let the caller socialize a fee-only debt (no settled loss
  recorded) on any market's traders. It now charges the named market's fee
  revenue and never the positions.
- The lamport-moving helpers read the destination before debiting the source,
  so a move from an account to itself created lamports and the runtime refused
  the transaction. They are now correct by themselves.
"""

from __future__ import annotations

from ..perp.conftest import ASK, BID, MARKET, Market, events_named
from .conftest import Liquidation

LOTS = 1_000


def test_sweep_leaves_the_rebates_the_queue_still_owes(liq: Liquidation, market: Market) -> None:
    maker, taker = liq.perp.trader(), liq.perp.trader()
    liq.perp.place(maker, market, ASK, 100, LOTS)
    liq.perp.place(taker, market, BID, 100, LOTS, order_type=MARKET)
    state = liq.perp.market_state(market)
    notional = 100 * LOTS
    rebate = notional * -state.maker_fee_bps // 10_000
    assert rebate > 0 and state.fees_accrued == notional * state.taker_fee_bps // 10_000
    meta = liq.kairos.send([liq.sweep_ix(market)], [liq.kairos.exchange.admin])
    [swept] = events_named(liq.chain, meta, "FeesSweptToInsurance")
    assert (swept.fees, swept.rebates_owed) == (state.fees_accrued - rebate, rebate)
    assert liq.perp.market_state(market).fees_accrued == rebate
    liq.perp.consume(market)
    assert liq.perp.market_state(market).fees_accrued == 0
    # A second sweep finds nothing to take.
    meta = liq.kairos.send([liq.sweep_ix(market)], [liq.kairos.exchange.admin])
    [swept] = events_named(liq.chain, meta, "FeesSweptToInsurance")
    assert (swept.fees, swept.rebates_owed) == (0, 0)


def test_a_fee_only_debt_is_borne_by_fee_revenue_not_positions(
    liq: Liquidation, market: Market
) -> None:
    """An account whose debt came only from fees (loss_market_mask = 0): resolving
    it charges the market's fees; the holders' positions owe nothing."""
    liq.open_long(market)
    debtor = liq.perp.trader(0)
    debt = 50
    # The fees the debtor paid are in the market's fees (the vault invariant holds).
    liq.kairos.craft_margin(debtor.margin, quote_balance=-debt, loss_market_mask=0)
    market_state = liq.perp.market_state(market)
    market_state.fees_accrued += debt
    liq.chain.write_account(market.address, "PerpMarket", market_state)
    liq.kairos.check_invariants()
    before = liq.perp.market_state(market)
    covered = min(debt, liq.exchange().insurance_pending) + min(
        debt, liq.chain.token_amount(liq.kairos.exchange.insurance_vault)
    )
    meta = liq.kairos.send([liq.resolve_ix(debtor.margin, market)], [liq.chain.payer])
    [event] = events_named(liq.chain, meta, "BankruptcyResolved")
    rest = debt - event.insurance_covered
    assert event.insurance_covered <= covered
    after = liq.perp.market_state(market)
    assert after.fees_accrued == before.fees_accrued - rest
    assert after.socialized_loss_per_lot == before.socialized_loss_per_lot
    assert (after.socialized_loss, after.pnl_pool) == (before.socialized_loss, before.pnl_pool)
    assert liq.kairos.margin(debtor.margin).quote_balance == 0


def test_the_crank_may_pay_the_market_itself(liq: Liquidation, market: Market) -> None:
    """consume_events with the market account as the cranker: the reward moves from
    the market to itself, which changes nothing (before: UnbalancedInstruction)."""
    maker, taker = liq.perp.trader(), liq.perp.trader()
    liq.perp.place(maker, market, ASK, 100, 5)
    liq.perp.place(taker, market, BID, 100, 5, order_type=MARKET)
    lamports = liq.chain.svm.get_account(market.address).lamports
    liq.perp.consume(market, cranker=market.address)
    assert liq.chain.svm.get_account(market.address).lamports == lamports
    assert liq.perp.queued_events(market) == []
